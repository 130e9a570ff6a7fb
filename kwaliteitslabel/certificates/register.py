"""The public Kwaliteitsregister (issue 9 item 3; Bijlage 6 stap 9c en 17).

Every member with a certificate valid on the day, one entry per member, ordered by name.
Suspended, lapsed, superseded and not yet started certificates are not listed: "valid"
is `status.valid_q`, the SQL twin of `status.status_on`. The page, the open-data exports
and the API all read `entries`, so they show the same rows.

Filters:
- `q`: part of the member's name or town (case-insensitive);
- `town`: the member's town, whole (case-insensitive): "Utrecht" does not match "Utrechtse Heuvelrug";
- `work_type`: a work type by its id (int) or its name (str, case-insensitive); an entry
  matches when its certificate's scope holds that work type;
- `province`: a `members.models.Province` key ("noord-brabant").

Queries: `entries` is one query (plus one for the prefetched work types when evaluated),
whatever the number of entries.
"""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.urls import reverse
from django.utils import timezone

from kwaliteitslabel.members.models import WorkType

from . import status
from .models import Certificate, shown
from .status import valid_q


@dataclass(frozen=True)
class RegisterFilter:
    q: str = ""
    town: str = ""
    work_type: int | str | None = None
    province: str = ""

    @property
    def active(self) -> bool:
        return bool(self.q or self.town or self.work_type not in (None, "") or self.province)


def valid_on(day: datetime.date) -> QuerySet[Certificate]:
    return Certificate.objects.filter(valid_q(day))


def entries(filters: RegisterFilter | None = None, day: datetime.date | None = None):
    """The register's certificates on `day` (today), filtered, one per member, by name.

    Were a member to hold two valid certificates (two partial scopes), its entry is the
    one that started last."""
    filters = filters or RegisterFilter()
    day = day or timezone.localdate()
    # A later certificate of the same member running today; plain dates suffice here, as a
    # member's certificates share its re-audits, and a continued one is not valid anyway.
    later = Certificate.objects.filter(
        member=OuterRef("member"), valid_from__lte=day, valid_until__gt=day
    ).filter(
        Q(valid_from__gt=OuterRef("valid_from"))
        | Q(valid_from=OuterRef("valid_from"), pk__gt=OuterRef("pk"))
    )
    found = valid_on(day).exclude(Exists(later))
    if q := filters.q.strip():
        found = found.filter(Q(member__name__icontains=q) | Q(member__city__icontains=q))
    if town := filters.town.strip():
        found = found.filter(member__city__iexact=town)
    if filters.work_type not in (None, ""):
        work_type = filters.work_type
        if isinstance(work_type, int) or str(work_type).isdigit():
            found = found.filter(work_types__id=int(work_type))
        else:
            found = found.filter(work_types__name__iexact=str(work_type).strip())
    if filters.province:
        found = found.filter(member__province=filters.province)
    return (
        found.select_related("member", "body", "framework")
        .prefetch_related(
            Prefetch("work_types", queryset=WorkType.objects.order_by("position", "name"))
        )
        .order_by("member__name", "member_id")
    )


def certificate(number: str) -> Certificate | None:
    """A certificate by its number with what its verification shows, or None; loaded with
    the facts of `status.status_of`, so the verification costs two queries, not four."""
    return status.with_facts(shown().filter(number=number)).first()


def towns(day: datetime.date | None = None) -> list[str]:
    """The towns of the register's members today, for the filter; one query."""
    day = day or timezone.localdate()
    # order_by(): without it the model's ordering joins the DISTINCT, one row per certificate.
    names = valid_on(day).order_by().values_list("member__city", flat=True).distinct()
    return sorted({n.strip() for n in names if n.strip()}, key=str.casefold)


def scope_text(certificate) -> str:
    """ "hele organisatie: maatschappelijk werk, ouderenwerk" (from the prefetched work types)."""
    names = ", ".join(w.name for w in certificate.work_types.all())
    part = "hele organisatie" if certificate.whole_organisation else "deel van de organisatie"
    return f"{part}: {names}" if names else part


def verify_url(number: str) -> str:
    return settings.SITE_URL + reverse("certificates:verify", args=[number])


def row(certificate) -> dict:
    """One entry as plain values: the exports' and the API's shape."""
    member = certificate.member
    return {
        "number": certificate.number,
        "member": member.name,
        "town": member.city,
        "province": member.get_province_display() if member.province else "",
        "scope": [w.name for w in certificate.work_types.all()],
        "whole_organisation": certificate.whole_organisation,
        "framework": certificate.framework.version,
        "body": certificate.body.name,
        "valid_from": certificate.valid_from,
        "valid_until": certificate.valid_until,
        "externally_audited": True,
        "verification_url": verify_url(certificate.number),
    }
