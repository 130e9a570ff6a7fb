"""Public, read-only: verify a certificate number and read the Kwaliteitsregister (issue 9
items 3-4). The status is computed for the day asked (`status.py`), never stored."""

import datetime
from typing import Literal

from django.utils import timezone
from ninja import Field, Query, Router, Schema
from ninja.decorators import decorate_view
from ninja.errors import HttpError

from kwaliteitslabel.certificates import register, status
from kwaliteitslabel.certificates.models import number_problem
from kwaliteitslabel.certificates.public_cache import cached, verification
from kwaliteitslabel.common.dates import DAY_FORMAT, parse_day
from kwaliteitslabel.members.models import Province

from .errors import Error, Invalid

router = Router(tags=["kwaliteitsregister"])

StatusWord = Literal["valid", "pending", "suspended", "lapsed", "superseded"]
ProvinceKey = Literal[("", *Province.values)]  # type: ignore[valid-type]


class CertificateOut(Schema):
    number: str = Field(..., examples=["KSSW-2025-0007"])
    member: str = Field(..., description="de gecertificeerde lidorganisatie")
    scope: list[str] = Field(..., description="de werksoorten op het certificaat")
    framework: str = Field(..., description="versie van het normenkader", examples=["2019"])
    body: str = Field(..., description="de certificerende instelling die toetste")
    valid_from: datetime.date = Field(..., description="certificeringsdatum")
    valid_until: datetime.date = Field(
        ..., description="vervaldatum: vanaf deze dag geldt het certificaat niet meer"
    )
    status: StatusWord = Field(
        ...,
        description="op de gevraagde dag: valid (geldig), pending (nog niet ingegaan), "
        "suspended (opgeschort: het lid mag niet naar het label verwijzen), lapsed (vervallen: "
        "uit het register) of superseded (vervangen door een nieuwer certificaat)",
    )


class RegisterEntryOut(Schema):
    number: str
    member: str
    town: str
    province: str = Field(..., description="leeg als de provincie niet bekend is")
    scope: list[str]
    whole_organisation: bool
    framework: str
    body: str
    valid_from: datetime.date
    valid_until: datetime.date
    externally_audited: bool = Field(..., description="altijd waar: extern getoetst")
    verification_url: str


class RegisterPageOut(Schema):
    date: datetime.date = Field(..., description="de dag waarop de certificaten geldig zijn")
    count: int = Field(..., description="aantal vermeldingen over alle pagina's")
    page: int
    pages: int
    limit: int
    results: list[RegisterEntryOut]


class RegisterQuery(Schema):
    q: str = Field("", description="deel van de naam of de plaats van de organisatie")
    town: str = Field("", description="plaats, heel (hoofdletters tellen niet)")
    work_type: str = Field(
        "", description="werksoort: het id of de naam, zoals 'ouderenwerk' (zie `scope`)"
    )
    province: ProvinceKey = Field("", description="provincie, zoals 'noord-brabant'")
    page: int = Field(1, ge=1, description="paginanummer, vanaf 1")
    limit: int = Field(25, ge=1, le=100, description="vermeldingen per pagina, hoogstens 100")


def _day(value: str | None) -> datetime.date:
    if value in (None, ""):
        return timezone.localdate()
    if (day := parse_day(value)) is None:
        raise HttpError(400, f"‘{value}’ is geen datum. {DAY_FORMAT}")
    return day


@router.get(
    "/certificates/{number}",
    response={200: CertificateOut, 400: Error, 404: Error},
    url_name="verify_certificate",
    summary="Een certificaat controleren",
)
@decorate_view(verification("date"))
def verify_certificate(
    request,
    number: str,
    date: str | None = Query(
        None, description="de dag (JJJJ-MM-DD) waarvoor de status geldt; standaard vandaag"
    ),
):
    """Wat een certificaatnummer is en zijn status op een dag, zoals de QR-code op het
    certificaat laat zien."""
    if problem := number_problem(number):
        raise HttpError(400, problem)
    day = _day(date)
    certificate = register.certificate(number)
    if certificate is None:
        raise HttpError(404, f"Er is geen certificaat met nummer {number}.")
    return {
        "number": certificate.number,
        "member": certificate.member.name,
        "scope": [w.name for w in certificate.work_types.all()],
        "framework": certificate.framework.version,
        "body": certificate.body.name,
        "valid_from": certificate.valid_from,
        "valid_until": certificate.valid_until,
        "status": status.status_of(certificate, day),
    }


@router.get(
    "/register",
    response={200: RegisterPageOut, 400: Error, 422: Invalid},
    url_name="register",
    summary="Het Kwaliteitsregister",
)
@decorate_view(cached("q", "town", "work_type", "province", "page", "limit"))
def register_entries(request, filters: Query[RegisterQuery]):
    """De lidorganisaties met een certificaat dat vandaag geldig is, één per organisatie, op
    naam; opgeschorte en vervallen certificaten staan er niet in. Per pagina van `limit`;
    `count` en `pages` zeggen hoeveel er in totaal zijn."""
    today = timezone.localdate()
    found = register.entries(
        register.RegisterFilter(
            q=filters.q,
            town=filters.town,
            work_type=filters.work_type.strip() or None,
            province=filters.province,
        ),
        today,
    )
    count = found.count()
    pages = max(1, -(-count // filters.limit))
    start = (filters.page - 1) * filters.limit
    rows = [register.row(c) for c in found[start : start + filters.limit]] if count else []
    return {
        "date": today,
        "count": count,
        "page": filters.page,
        "pages": pages,
        "limit": filters.limit,
        "results": rows,
    }
