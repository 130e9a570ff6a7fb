"""Every change of an audit's status, in one place (ARCHITECTURE.md "Principles").

Each transition checks that it may happen, changes the status with a conditional UPDATE
(two people clicking at once cannot both succeed), records an AuditEvent for the
timeline, and queues the e-mails it causes. Refusals carry the reasons in Dutch.
"""

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone

from kwaliteitslabel.accounts import code_of_conduct
from kwaliteitslabel.accounts.models import CodeOfConductSignature, Role
from kwaliteitslabel.accounts.rules import emails
from kwaliteitslabel.common.mail import send_template

from .models_audit import Audit, AuditEvent, TeamMember

Status = Audit.Status


class Refused(Exception):
    def __init__(self, reasons: list[str]):
        super().__init__(" ".join(reasons))
        self.reasons = reasons


def membership_problems(member, on=None) -> list[str]:
    """Bijlage 6 step 2: SWN checks membership and lidnummer before an audit is planned."""
    problems = []
    if not member.is_active_member(on):
        problems.append(f"{member} is nu geen actief lid van Sociaal Werk Nederland.")
    if not member.member_number:
        problems.append(f"{member} heeft nog geen lidnummer; Sociaal Werk Nederland geeft het.")
    return problems


def acceptance_problems(audit: Audit, on=None) -> list[str]:
    problems = membership_problems(audit.member, on)
    missing = audit.body.missing_conditions(on)
    if missing:
        problems.append(
            f"{audit.body} voldoet nu niet aan de voorwaarden van Sociaal Werk Nederland "
            f"(Bijlage 5 A); ontbreekt: {', '.join(missing)}."
        )
    return problems


def start_problems(audit: Audit, team=None, days=None) -> list[str]:
    """Why the audit cannot start yet; empty when it can (Bijlage 5 A7, Bijlage 9)."""
    team = list(audit.team.select_related("user")) if team is None else team
    days = list(audit.days.all()) if days is None else days
    problems = membership_problems(audit.member)
    if not any(t.role == TeamMember.Role.LEAD for t in team):
        problems.append("Het team heeft nog geen teamleider.")
    if audit.variant == Audit.Variant.PEER and not any(
        t.role == TeamMember.Role.PEER_AUDITOR for t in team
    ):
        problems.append("Bij een intercollegiale toets horen branchetoetsers in het team.")
    if not days:
        problems.append("Er is nog geen auditdag gepland.")
    undeclared = [t.user.name for t in team if t.declared_independent_at is None]
    if undeclared:
        problems.append(
            "Nog geen verklaring van onafhankelijkheid (Bijlage 5 A7) van: "
            + ", ".join(undeclared)
            + "."
        )
    unsigned = unsigned_code_of_conduct(team)
    if unsigned:
        problems.append(
            "De gedragscode (Bijlage 9) is nog niet getekend door: " + ", ".join(unsigned) + "."
        )
    return problems


def unsigned_code_of_conduct(team) -> list[str]:
    """Names of team members without a signature of the current text; one query."""
    version = code_of_conduct.current().version
    signed = set(
        CodeOfConductSignature.objects.filter(
            user__in=[t.user_id for t in team], text_version=version
        ).values_list("user_id", flat=True)
    )
    return [t.user.name for t in team if t.user_id not in signed]


def _move(audit: Audit, to: str, user, note: str = "", allowed_from=()) -> None:
    changed = Audit.objects.filter(pk=audit.pk, status__in=allowed_from).update(
        status=to, version=F("version") + 1
    )
    if not changed:
        raise Refused(
            [
                "De status van deze toetsing is intussen veranderd. "
                "Open de pagina opnieuw om te zien wat er is gebeurd."
            ]
        )
    audit.refresh_from_db(fields=["status", "version"])
    AuditEvent.objects.create(audit=audit, status=to, by=user, note=note)


def _mail(subject: str, template: str, to, audit: Audit, **context) -> None:
    link = settings.SITE_URL + reverse("audits:audit_detail", args=[audit.pk])
    send_template(subject, template, to, {"audit": audit, "link": link, **context})


@transaction.atomic
def request(audit: Audit, user) -> Audit:
    """The member asks a body to audit it; the body's admins are told."""
    problems = membership_problems(audit.member)
    if problems:
        raise Refused(problems)
    audit.requested_by = user
    audit.save()
    AuditEvent.objects.create(audit=audit, status=Status.REQUESTED, by=user)
    _mail(
        f"Aanvraag toetsing: {audit.member}",
        "audits/email/requested.txt",
        emails(role=Role.BODY_ADMIN, body=audit.body),
        audit,
    )
    return audit


@transaction.atomic
def accept(audit: Audit, user) -> None:
    """The body accepts; SWN is notified and checks membership (Bijlage 6 step 2)."""
    problems = acceptance_problems(audit)
    if problems:
        raise Refused(problems)
    _move(audit, Status.ACCEPTED, user, allowed_from=[Status.REQUESTED])
    _mail(
        f"Toetsing gecontracteerd: {audit.member} bij {audit.body}",
        "audits/email/accepted.txt",
        [
            *emails(role__in=[Role.SWN_SECRETARIAT, Role.SWN_ADVISER]),
            *emails(role=Role.MEMBER_ADMIN, member=audit.member),
        ],
        audit,
    )


@transaction.atomic
def decline(audit: Audit, user, reason: str) -> None:
    if not reason.strip():
        raise Refused(["Schrijf waarom uw instelling deze toetsing niet doet."])
    _move(audit, Status.DECLINED, user, reason.strip(), allowed_from=[Status.REQUESTED])
    _mail(
        f"Aanvraag toetsing afgewezen door {audit.body}",
        "audits/email/declined.txt",
        emails(role=Role.MEMBER_ADMIN, member=audit.member),
        audit,
        reason=reason.strip(),
    )


@transaction.atomic
def start(audit: Audit, user) -> None:
    """Only with a lead, a day, and every team member's declaration and signature."""
    problems = start_problems(audit)
    if problems:
        raise Refused(problems)
    _move(audit, Status.STARTED, user, allowed_from=[Status.ACCEPTED])


def declare_independent(place: TeamMember) -> None:
    TeamMember.objects.filter(pk=place.pk, declared_independent_at__isnull=True).update(
        declared_independent_at=timezone.now()
    )
