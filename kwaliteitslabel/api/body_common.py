"""The API for a certification body's own systems (issue 11 item 1): the token, the rate limit,
the errors and the audit lookup the body endpoints share.

Every request carries a body's API token (`Authorization: Bearer kwl_...`); every endpoint
sees only that body's audits, and another body's audit answers 404 exactly as a missing one
does, so its existence does not leak. The rate limit counts requests per token in Django's
cache (a fixed window of a minute), so it holds across app processes when the cache is Redis.
"""

import time

from django.conf import settings
from django.core.cache import cache
from ninja import Path, Router
from ninja.errors import HttpError, ValidationError
from ninja.security import HttpBearer
from ninja.throttling import BaseThrottle

from kwaliteitslabel.audits.models import Audit
from kwaliteitslabel.bodies import tokens

from .errors import Error, Invalid

WINDOW = 60  # seconds: API_TOKEN_RATE_LIMIT is per minute
MAX_ID = 2**63 - 1  # ids beyond a bigint are refused as input (422), not sent to the database

# The 4xx answers every body endpoint may give, in the schema (for clients and schemathesis).
AUTH = {401: Error, 429: Error}
READ = {**AUTH, 404: Error, 409: Error, 422: Invalid}
WRITE = {400: Error, **READ}


class TokenAuth(HttpBearer):
    """The body's token: 401 with the reason when it is missing, unknown or revoked."""

    def __call__(self, request):
        if not request.headers.get(self.header):
            raise HttpError(401, "Geef een API-sleutel mee: Authorization: Bearer <sleutel>.")
        found = super().__call__(request)
        if found is None:
            raise HttpError(401, "De kop Authorization moet luiden: Bearer <sleutel>.")
        return found

    def authenticate(self, request, token):
        found = tokens.find(token.strip())
        if found is None:
            raise HttpError(401, "Deze API-sleutel is onbekend.")
        if not found.is_active:
            raise HttpError(401, "Deze API-sleutel is ingetrokken.")
        tokens.touch(found)
        return found


class TokenThrottle(BaseThrottle):
    """At most API_TOKEN_RATE_LIMIT requests per token per minute; beyond that ninja answers
    429 with Retry-After (the seconds until the next minute starts)."""

    def allow_request(self, request) -> bool:
        key = f"api-token-rate:{request.auth.prefix}:{int(time.time() // WINDOW)}"
        cache.add(key, 0, timeout=WINDOW + 1)
        try:
            count = cache.incr(key)
        except ValueError:  # the window's key expired between add and incr
            cache.set(key, 1, timeout=WINDOW + 1)
            count = 1
        return count <= settings.API_TOKEN_RATE_LIMIT

    def wait(self) -> float:
        return WINDOW - time.time() % WINDOW


router = Router(auth=TokenAuth(), throttle=TokenThrottle(), tags=["instelling"])

AuditId = Path(..., ge=1, le=MAX_ID, description="het id van de toetsing")


def audit_of(request, audit_id: int, queryset=None) -> Audit:
    """The token's body's audit, else 404 (the same answer for another body's audit)."""
    queryset = Audit.objects.all() if queryset is None else queryset
    audit = queryset.filter(pk=audit_id, body_id=request.auth.body_id).first()
    if audit is None:
        raise HttpError(404, f"Uw instelling heeft geen toetsing met id {audit_id}.")
    return audit


def refuse_status(audit, what: str) -> None:
    """409: the audit's step does not allow this (now)."""
    raise HttpError(409, f"{what} De toetsing is in de stap ‘{audit.get_status_display()}’.")


def form_problems(form, at: tuple) -> list[dict]:
    """A Django form's errors as ninja's list of problems, each naming its field in `loc`."""
    return [
        {"type": "invalid", "loc": [*at] if name == "__all__" else [*at, name], "msg": str(e)}
        for name, errors in form.errors.items()
        for e in errors
    ]


def invalid(problems: list[dict]):
    raise ValidationError(problems)
