"""A certificate's status on a day, derived from facts (issue 9 items 4-5; Bijlage 6 stap 9c
en 17). Nothing here is stored: the same facts give the same answer for any `?date=`.

A certificate is valid from its date up to (not including) its expiry date, "twee jaar na
de certificeringsdatum" (stap 6); a renewal that joins starts on that expiry date.

- pending: before its date or before SWN issued it;
- superseded: from the start of the certificate that continues it (renewal or wider scope);
- valid after expiry too when a re-audit had its positive advice on or before the expiry
  date, until SWN issues the joining certificate (stap 17-1: no suspension then);
- suspended: while a re-audit on route c waits for its follow-up (stap 9c-ii), or after
  expiry while a re-audit that started before expiry runs, at most `suspension_months`
  (stap 17-2), longer only when its positive advice came within that period;
- lapsed: after expiry without a re-audit, when the re-audit ended negatively, or past
  the suspension period (stap 17-3/4, 9c-i);
- valid otherwise.
"""

import datetime
from dataclasses import dataclass

from django.db.models import Exists, F, Min, OuterRef, Q
from django.utils import timezone

from kwaliteitslabel.audits.models import Audit, AuditEvent
from kwaliteitslabel.common.dates import add_months

from .terms import terms

VALID, PENDING, SUSPENDED, LAPSED, SUPERSEDED = (
    "valid",
    "pending",
    "suspended",
    "lapsed",
    "superseded",
)
LABELS = {
    VALID: "geldig",
    PENDING: "nog niet ingegaan",
    SUSPENDED: "opgeschort",
    LAPSED: "vervallen",
    SUPERSEDED: "vervangen",
}
Status = Audit.Status
# A re-audit's track ends without a certificate when the body declines or advises negatively.
ENDS_NEGATIVELY = (Status.DECLINED, Status.ADVICE_NEGATIVE)
# Route c from the final report on: the certification is suspended until it is issued
# again (9c-ii), or lapses with the negative advice (9c-i).
ROUTE_C_HOLDS = (
    Status.PLAN_DUE,
    Status.PLAN_REVIEW,
    Status.PLAN_AMEND,
    Status.PLAN_TALKS,
    Status.FOLLOW_UP,
    Status.ADVICE_POSITIVE,
    Status.SUMMARY_SENT,
    Status.SUMMARY_RETURNED,
    Status.SUMMARY_ACCEPTED,
    Status.ADVICE_NEGATIVE,
)


@dataclass(frozen=True)
class Track:
    """A re-audit of the member: when it was requested and how it went, by date."""

    audit_id: int
    member_id: int
    requested_at: datetime.datetime
    positive_on: datetime.date | None
    negative_on: datetime.date | None
    route_c_from: datetime.date | None
    certified_on: datetime.date | None = None  # SWN issued its certificate

    @property
    def start(self) -> datetime.date:
        return timezone.localdate(self.requested_at)

    def running(self, day: datetime.date) -> bool:
        return self.start <= day and (self.negative_on is None or day < self.negative_on)


@dataclass(frozen=True)
class Facts:
    audit_id: int | None
    valid_from: datetime.date
    valid_until: datetime.date
    issued_at: datetime.datetime
    successor_start: datetime.date | None

    @classmethod
    def of(cls, certificate) -> "Facts":
        """From a certificate loaded through `with_successor`."""
        succ_from, succ_issued = certificate.successor_from, certificate.successor_issued_at
        return cls(
            certificate.audit_id,
            certificate.valid_from,
            certificate.valid_until,
            certificate.issued_at,
            max(succ_from, timezone.localdate(succ_issued)) if succ_from else None,
        )

    @property
    def start(self) -> datetime.date:
        return max(self.valid_from, timezone.localdate(self.issued_at))

    @property
    def suspension_limit(self) -> datetime.date:
        return add_months(self.valid_until, terms().suspension_months)

    def re_audits(self, tracks: list[Track]) -> list[Track]:
        return re_audits(tracks, self.audit_id, self.issued_at)


def re_audits(tracks: list[Track], audit_id, issued_at) -> list[Track]:
    """The member's re-audits that count for a certificate: requested after it was issued,
    not the audit it came from."""
    return [t for t in tracks if t.audit_id != audit_id and t.requested_at >= issued_at]


def status_on(facts: Facts, tracks: list[Track], day: datetime.date) -> str:
    if day < facts.start:
        return PENDING
    if facts.successor_start is not None and day >= facts.successor_start:
        return SUPERSEDED
    limit = facts.suspension_limit
    mine = facts.re_audits(tracks)

    def within_limit(t):
        return day < limit or (t.positive_on is not None and t.positive_on < limit)

    for t in mine:
        if t.certified_on is not None and t.certified_on <= day:
            continue  # 9c-ii: issued again, "weer zichtbaar"; its successor takes over
        if t.route_c_from is not None and t.route_c_from <= day:
            if not t.running(day):
                return LAPSED  # 9c-i: negative advice, removed from the register
            return SUSPENDED if within_limit(t) else LAPSED
    if day < facts.valid_until:
        return VALID
    if any(t.positive_on is not None and t.positive_on <= facts.valid_until for t in mine):
        return VALID  # stap 17-1: done in time; SWN issues the joining certificate (2 weeks)
    if any(t.start <= facts.valid_until and t.running(day) and within_limit(t) for t in mine):
        return SUSPENDED
    return LAPSED


def with_successor(certificates):
    return certificates.annotate(
        successor_from=F("successor__valid_from"),
        successor_issued_at=F("successor__issued_at"),
    )


def _day(moment):
    return timezone.localdate(moment) if moment else None


def tracks(member_ids) -> dict[int, list[Track]]:
    """The re-audits of these members, per member; one query."""

    def first(*statuses):
        return Min("events__at", filter=Q(events__status__in=statuses))

    rows = (
        Audit.objects.filter(member_id__in=member_ids, kind=Audit.Kind.RECERTIFICATION)
        .annotate(
            positive_at=first(Status.ADVICE_POSITIVE),
            negative_at=first(*ENDS_NEGATIVELY),
            plan_at=first(Status.PLAN_DUE),
            certified_at=F("certificate__issued_at"),
        )
        .values(
            "pk",
            "member_id",
            "requested_at",
            "route",
            "positive_at",
            "negative_at",
            "plan_at",
            "certified_at",
        )
    )
    result: dict[int, list[Track]] = {}
    for r in rows:
        result.setdefault(r["member_id"], []).append(
            Track(
                r["pk"],
                r["member_id"],
                r["requested_at"],
                _day(r["positive_at"]),
                _day(r["negative_at"]),
                _day(r["plan_at"]) if r["route"] == "c" else None,
                _day(r["certified_at"]),
            )
        )
    return result


def statuses(certificates, day: datetime.date | None = None, by_member=None) -> dict[int, str]:
    """Status per certificate pk on a day (today by default); two queries for any number
    (one when the members' `tracks` are given)."""
    day = day or timezone.localdate()
    certificates = list(with_successor(certificates))
    if by_member is None:
        by_member = tracks({c.member_id for c in certificates})
    return {c.pk: status_on(Facts.of(c), by_member.get(c.member_id, []), day) for c in certificates}


def status(certificate, day: datetime.date | None = None) -> str:
    return statuses(type(certificate).objects.filter(pk=certificate.pk), day)[certificate.pk]


def with_facts(certificates):
    """`with_successor`, and whether the member has any re-audit: the verification loads
    its certificate so, and `status_of` then asks for re-audits only when there are some."""
    re_audit = Audit.objects.filter(member=OuterRef("member"), kind=Audit.Kind.RECERTIFICATION)
    return with_successor(certificates).annotate(has_re_audit=Exists(re_audit))


def status_of(certificate, day: datetime.date | None = None) -> str:
    """`status` of a certificate loaded through `with_facts`, without loading it again; one
    query when its member has a re-audit, none otherwise."""
    day = day or timezone.localdate()
    mine = tracks({certificate.member_id}) if certificate.has_re_audit else {}
    return status_on(Facts.of(certificate), mine.get(certificate.member_id, []), day)


def valid_q(day: datetime.date) -> Q:
    """The certificates `status_on` calls valid today, in SQL, for the register's pages.

    Route c is read from the audits' current status, so this holds for today only;
    a test checks it agrees with `status_on` over the lifecycle scenarios."""
    holding = Audit.objects.filter(
        member=OuterRef("member"),
        kind=Audit.Kind.RECERTIFICATION,
        route="c",
        status__in=ROUTE_C_HOLDS,
        requested_at__gte=OuterRef("issued_at"),
        certificate__isnull=True,
    )
    in_time = AuditEvent.objects.filter(
        audit__member=OuterRef("member"),
        audit__kind=Audit.Kind.RECERTIFICATION,
        audit__requested_at__gte=OuterRef("issued_at"),
        status=Status.ADVICE_POSITIVE,
        at__date__lte=OuterRef("valid_until"),
    )
    # Issued by the end of the day; a bound on the column, not a date cast on every row.
    issued = timezone.make_aware(datetime.datetime.combine(day, datetime.time.max))
    superseded = Q(successor__valid_from__lte=day) & Q(successor__issued_at__lte=issued)
    return (
        Q(valid_from__lte=day, issued_at__lte=issued)
        & (Q(valid_until__gt=day) | Exists(in_time))
        & ~superseded
        & ~Exists(holding)
    )
