"""The JSON API, version 1: /api/v1/, schema at /api/v1/openapi.json."""

from ninja import NinjaAPI
from ninja.errors import HttpError, Throttled

from .body_api import router as body_router
from .calculator import router as calculator_router
from .certificates import router as certificates_router
from .decision import router as decision_router
from .frameworks import router as frameworks_router

api = NinjaAPI(
    title="Kwaliteitslabel Sterk Sociaal Werk API",
    version="1",
    description="Normenkaders, en (in latere versies) toetsingen, rapporten en het Kwaliteitsregister.",
    urls_namespace="api-v1",
)
# The register and the verification first: the public asks them most, and a request walks
# the operations' patterns in this order (kwaliteitslabel/urls.py says the same of the site).
api.add_router("", certificates_router)
api.add_router("/frameworks", frameworks_router)
api.add_router("/calculator", calculator_router)
api.add_router("/decision", decision_router)
api.add_router("/body", body_router)


@api.exception_handler(Throttled)
def throttled(request, exc):
    """In Dutch, like every other answer; ninja adds Retry-After to this response."""
    seconds = int(exc.wait or 0) + 1
    return api.create_response(
        request,
        {
            "detail": f"Te veel verzoeken met deze API-sleutel; probeer het over {seconds} seconden opnieuw."
        },
        status=429,
    )


# ninja's own words for a body it cannot read, said as the rest of the API says things.
DUTCH = {"Cannot parse request body": "De inhoud van het verzoek is geen leesbare JSON."}


@api.exception_handler(HttpError)
def http_error(request, exc):
    message = str(exc)
    return api.create_response(
        request, {"detail": DUTCH.get(message, message)}, status=exc.status_code
    )
