"""A certificate as its holder sees it: status today, days to expiry, the next reminder and
what to do (issue 9 item 7). Shared by the dashboard and the certificate's page."""

import datetime
from dataclasses import dataclass

from django.urls import reverse
from django.utils.formats import date_format

from kwaliteitslabel.common.dates import add_months

from . import status
from .models import Certificate
from .terms import reminder_months, terms


@dataclass
class Card:
    certificate: Certificate
    state: str
    days_left: int
    next_reminder: datetime.date | None
    advice: str
    action_text: str = ""
    action_url: str = ""

    @property
    def label(self) -> str:
        return status.LABELS[self.state]


def next_reminder(certificate, today: datetime.date, months: list[int]) -> datetime.date | None:
    """The next moment SWN writes about the re-audit: a reminder or the two-week notice."""
    moments = [add_months(certificate.valid_until, -m) for m in months]
    moments.append(certificate.valid_until - datetime.timedelta(days=terms().notice_days))
    upcoming = [d for d in moments if d >= today]
    return min(upcoming) if upcoming else None


def _advice(certificate, state, re_auditing: bool, today, months) -> tuple[str, bool]:
    """What to do, and whether requesting a re-audit is the thing to do now."""
    until = date_format(certificate.valid_until, "j F Y")
    if state == status.PENDING:
        return f"Dit certificaat gaat in op {date_format(certificate.valid_from, 'j F Y')}.", False
    if state == status.SUPERSEDED:
        return "Dit certificaat is vervangen; kijk bij het nieuwe certificaat.", False
    if state == status.LAPSED:
        return (
            "Het certificaat is vervallen: de organisatie staat niet meer in het register en "
            "mag het logo niet meer gebruiken. Opnieuw beginnen kan met een nieuwe "
            "zelfevaluatie en een eerste toetsing (Bijlage 6 stap 17-3).",
            False,
        )
    if state == status.SUSPENDED:
        return (
            "De certificering is opgeschort: verwijs in deze periode nergens naar het label. "
            "Rond de hertoetsing af; bij een positief advies volgt een certificaat dat aansluit "
            "op het vorige (Bijlage 6 stap 9c en 17-2).",
            False,
        )
    if re_auditing:
        return f"Uw hertoetsing loopt. Rond die positief af vóór of op {until}.", False
    soon = add_months(today, max(months, default=9)) >= certificate.valid_until
    if soon:
        return (
            f"Vraag nu de hertoetsing aan: die moet vóór of op {until} positief zijn afgerond, "
            "anders wordt de certificering opgeschort of vervalt zij (Bijlage 6 stap 7 en 17).",
            True,
        )
    return (
        f"U mag het logo gebruiken voor de scope op het certificaat. Plan de hertoetsing ruim "
        f"voor {until} (hoofdstuk 3, stap 7).",
        False,
    )


def cards(certificates, today: datetime.date) -> list[Card]:
    """Cards for these certificates (a list, loaded with `member`); three queries in all:
    the re-audits, the successors, SWN's reminder moments."""
    if not certificates:
        return []
    tracks = status.tracks({c.member_id for c in certificates})
    found = status.statuses(
        Certificate.objects.filter(pk__in=[c.pk for c in certificates]), today, tracks
    )
    months = reminder_months(today)
    result = []
    for c in certificates:
        state = found[c.pk]
        mine = status.re_audits(tracks.get(c.member_id, []), c.audit_id, c.issued_at)
        positive = any(t.positive_on is not None and t.positive_on <= today for t in mine)
        advice, request_now = _advice(c, state, any(t.running(today) for t in mine), today, months)
        if positive and state == status.VALID:
            advice = (
                "Uw hertoetsing is met een positief advies afgerond. Sociaal Werk Nederland "
                "reikt het nieuwe certificaat uit; het sluit aan op dit certificaat."
            )
        card = Card(
            c,
            state,
            (c.valid_until - today).days,
            # The round reminds no more once a positive advice came (Bijlage 6 stap 16-17).
            next_reminder(c, today, months) if state == status.VALID and not positive else None,
            advice,
        )
        if request_now:
            card.action_text = "Hertoetsing aanvragen"
            card.action_url = reverse("audits:audit_request", args=[c.member_id])
        result.append(card)
    return result


def for_members(members, today: datetime.date) -> list[Card]:
    """The members' certificates in force or coming: per member the ones not lapsed, or its
    newest when all lapsed (a lapsed certificate still tells what to do)."""
    certificates = list(
        Certificate.objects.filter(member__in=members)
        .exclude(successor__valid_from__lte=today)
        .select_related("member")
        .order_by("member__name", "-valid_until")
    )
    found = cards(certificates, today)
    shown, seen = [], set()
    for card in found:
        member = card.certificate.member_id
        if card.state != status.LAPSED or member not in seen:
            shown.append(card)
        seen.add(member)
    return [c for c in shown if c.state != status.LAPSED or not _has_live(found, c)]


def _has_live(found, card) -> bool:
    return any(
        other.certificate.member_id == card.certificate.member_id and other.state != status.LAPSED
        for other in found
    )


@dataclass
class Group:
    key: str
    title: str
    empty: str
    rows: list  # (certificate, note)


def _days(n: int) -> str:
    return f"{abs(n)} dag{'en' if abs(n) != 1 else ''}"


def attention(today: datetime.date) -> tuple[list[Group], int]:
    """SWN's certificates that need attention (UX.md): expiring within 6 months, suspended,
    lapsed; and how many are valid. Three queries whatever the number."""
    horizon = add_months(today, 6)
    certificates = sorted(
        Certificate.objects.filter(successor__isnull=True).select_related("member", "body"),
        key=lambda c: (c.valid_until, c.number),
    )
    found = status.statuses(Certificate.objects.filter(successor__isnull=True), today)

    def pick(state, note, more=lambda c: True):
        return [(c, note(c)) for c in certificates if found[c.pk] == state and more(c)]

    def left(c):
        return (c.valid_until - today).days

    groups = [
        Group(
            "verlopend",
            "Verloopt binnen 6 maanden",
            "Geen certificaten die binnen 6 maanden verlopen.",
            pick(
                status.VALID, lambda c: f"nog {_days(left(c))}", lambda c: c.valid_until <= horizon
            ),
        ),
        Group(
            "opgeschort",
            "Opgeschort",
            "Geen opgeschorte certificaten.",
            pick(
                status.SUSPENDED, lambda c: f"{_days(left(c))} geleden verlopen, hertoetsing loopt"
            ),
        ),
        Group(
            "vervallen",
            "Vervallen",
            "Geen vervallen certificaten.",
            pick(status.LAPSED, lambda c: f"{_days(left(c))} geleden verlopen"),
        ),
    ]
    return groups, sum(1 for v in found.values() if v == status.VALID)
