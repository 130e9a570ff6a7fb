"""Issuing a certificate (Bijlage 6 stap 15 en 17; issue 9 items 1 and 6).

From an audit whose part A SWN confirmed with a positive advice, the secretariat issues a
certificate for the audit's scope. Its dates follow from what the audit is:

- a first audit: from the day of issue, two years (hoofdstuk 2.7);
- a re-audit while the previous certificate is valid or suspended: joining it, from its
  expiry date, two years (stap 17-1 en 17-2: "datum aansluitend"); after a lapse a
  re-audit cannot restore it: that takes a first audit with a new self-assessment (17-3);
- a follow-up investigation for added work types: from the day of issue until the
  previous certificate's expiry, which it supersedes (hoofdstuk 2.4).
"""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from kwaliteitslabel.accounts.models import Role
from kwaliteitslabel.accounts.rules import emails, has_role, member_contacts
from kwaliteitslabel.audits.models import Audit
from kwaliteitslabel.audits.workflow import Refused, body_emails, move
from kwaliteitslabel.common.dates import add_months
from kwaliteitslabel.common.mail import send_template

from . import status
from .models import Certificate, CertificateEvent, number_problem
from .terms import terms

Kind = Audit.Kind
Event = CertificateEvent.Kind
# Hoofdstuk 2.4: work types added "middels aanvullend onderzoek".
EXTENDS = (Kind.SCOPE_EXTENSION, Kind.FOLLOW_UP)


@dataclass(frozen=True)
class Plan:
    """What issuing would give: the dates and the certificate it continues."""

    valid_from: datetime.date
    valid_until: datetime.date
    previous: Certificate | None
    joins: bool


def scope_work_types(audit: Audit) -> list:
    """The work types of the audit's scope, as part A lists them."""
    return [line.work_type for line in audit.scope.lines.select_related("work_type")]


def current(member) -> Certificate | None:
    """The member's latest certificate that no other continues."""
    return (
        Certificate.objects.filter(member=member, successor__isnull=True)
        .order_by("-valid_until", "-issued_at")
        .first()
    )


def number(year: int, sequence: int) -> str:
    """Prefix, year of issue, sequence: "KSSW-2026-0007"."""
    return f"{terms().number_prefix}-{year}-{sequence:04d}"


def next_number(today: datetime.date) -> str:
    prefix = number(today.year, 0).rsplit("-", 1)[0] + "-"
    taken = Certificate.objects.filter(number__startswith=prefix).values_list("number", flat=True)
    return number(today.year, max((int(n.rsplit("-", 1)[1]) for n in taken), default=0) + 1)


def _years(day: datetime.date) -> datetime.date:
    return add_months(day, 12 * terms().validity_years)


def plan(audit: Audit, today: datetime.date) -> tuple[Plan | None, list[str]]:
    """The dates the certificate would get, or why it cannot be issued (from the dates)."""
    previous = current(audit.member)
    state = status.status(previous, today) if previous else None
    if audit.kind in EXTENDS:
        if state not in (status.VALID, status.PENDING):
            return None, [
                "Een uitbreiding van de scope vraagt een geldig certificaat; "
                f"{audit.member} heeft er nu geen."
            ]
        return Plan(today, previous.valid_until, previous, False), []
    if audit.kind == Kind.RECERTIFICATION:
        if state in (status.VALID, status.SUSPENDED, status.PENDING):
            return Plan(previous.valid_until, _years(previous.valid_until), previous, True), []
        if state == status.LAPSED:
            return None, [
                f"Het vorige certificaat ({previous.number}) is vervallen. Een nieuwe start "
                "vraagt een eerste toetsing met een nieuwe zelfevaluatie (Bijlage 6 stap 17-3)."
            ]
        expiry = audit.previous_expiry  # a certificate from before the platform
        limit = expiry and add_months(expiry, terms().suspension_months)
        if expiry and today < limit:
            return Plan(expiry, _years(expiry), None, True), []
    return Plan(today, _years(today), None, False), []


def problems(audit: Audit, number: str, work_type_ids, today: datetime.date) -> list[str]:
    found = []
    if audit.status == Audit.Status.ADVICE_NEGATIVE:
        found.append("De CI adviseerde negatief: er is geen certificaat uit te reiken.")
    elif audit.status == Audit.Status.CERTIFIED:
        found.append("Voor deze toetsing is het certificaat al uitgereikt.")
    elif audit.status != Audit.Status.SUMMARY_ACCEPTED:
        found.append(
            "Deel A is nog niet compleet bevonden: bevestig eerst de ontvangst "
            "(Bijlage 6 stap 13-15)."
        )
    if problem := number_problem(number):
        found.append(f"Certificaatnummer: {problem}")
    elif Certificate.objects.filter(number=number).exists():
        found.append(f"Certificaatnummer: {number} is al uitgereikt.")
    in_scope = {w.pk: w for w in scope_work_types(audit)}
    outside = set(work_type_ids) - set(in_scope)
    if not work_type_ids:
        found.append("Werksoorten: kies de werksoorten van de scope.")
    elif outside:
        found.append("Werksoorten: alleen werksoorten uit de scope van deze toetsing.")
    found += plan(audit, today)[1]
    return found


@transaction.atomic
def issue(audit: Audit, user, number: str, work_type_ids) -> Certificate:
    if not has_role(user, Role.SWN_SECRETARIAT):
        raise Refused(
            ["Alleen het secretariaat van Sociaal Werk Nederland reikt certificaten uit."]
        )
    today = timezone.localdate()
    work_type_ids = {int(i) for i in work_type_ids}
    found = problems(audit, number, work_type_ids, today)
    if found:
        raise Refused(found)
    dates, _ = plan(audit, today)
    # The conditional move refuses a second issue from a twin request (issue 11 item 6).
    move(audit, Audit.Status.CERTIFIED, user, number, [Audit.Status.SUMMARY_ACCEPTED])
    certificate = Certificate.objects.create(
        number=number,
        member=audit.member,
        audit=audit,
        body=audit.body,
        framework=audit.framework,
        whole_organisation=audit.scope.whole_organisation,
        valid_from=dates.valid_from,
        valid_until=dates.valid_until,
        previous=dates.previous,
        issued_by=user,
    )
    certificate.work_types.set(work_type_ids)
    if dates.previous is not None and not dates.joins:
        # Hoofdstuk 2.4: the registration is widened; what was certified stays on it.
        certificate.work_types.add(*dates.previous.work_types.all())
    CertificateEvent.objects.create(
        certificate=certificate, kind=Event.ISSUED, on=today, by=user, note=audit.get_kind_display()
    )
    if dates.previous is not None:
        CertificateEvent.objects.create(
            certificate=dates.previous,
            kind=Event.RENEWED if dates.joins else Event.SUPERSEDED,
            on=max(today, dates.valid_from),
            by=user,
            note=f"Opgevolgd door {number}.",
        )
    _inform(certificate, audit)
    return certificate


def _inform(certificate: Certificate, audit: Audit) -> None:
    """Stap 15: the member (main contact and admins), advisers and body in copy; then the
    beheercommissie once it has gone out."""
    link = settings.SITE_URL + reverse("certificates:detail", args=[certificate.number])
    context = {"certificate": certificate, "audit": audit, "link": link}
    send_template(
        f"Certificaat Kwaliteitslabel Sterk Sociaal Werk: {certificate.member}",
        "certificates/email/issued.txt",
        member_contacts(certificate.member),
        context,
        cc=[*emails(role=Role.SWN_ADVISER), *body_emails(audit)],
    )
    send_template(
        f"Certificaat uitgereikt: {certificate.member} ({certificate.number})",
        "certificates/email/issued_governance.txt",
        emails(role=Role.GOVERNANCE),
        context,
    )
