"""Every change of an audit's status, in one place (ARCHITECTURE.md "Principles").

Each transition checks that it may happen, changes the status with a conditional UPDATE
(two people clicking at once cannot both succeed), records an AuditEvent for the
timeline, and queues the e-mails it causes. Refusals carry the reasons in Dutch.
"""

from django.apps import apps
from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone

from kwaliteitslabel.accounts import code_of_conduct
from kwaliteitslabel.accounts.models import CodeOfConductSignature, Role
from kwaliteitslabel.accounts.rules import emails
from kwaliteitslabel.common.mail import send_template

from . import deadlines, decision, findings, plans, rules_plan
from .decision import Verdict
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


def body_side(audit, user) -> None:
    """Only the lead auditor or an admin of the audit's body judges and advises."""
    if not rules_plan.judges(user, audit):
        raise Refused([f"Alleen de teamleider of de beheerder van {audit.body} mag dit doen."])


def member_side(audit, user) -> None:
    if not rules_plan.is_member_admin(user, audit):
        raise Refused([f"Alleen de beheerder van {audit.member} mag dit doen."])


def body_emails(audit: Audit) -> list[str]:
    """The body's side of an audit: its admins and the lead auditor."""
    lead = audit.team.filter(role=TeamMember.Role.LEAD).values_list("user__email", flat=True)
    return [*emails(role=Role.BODY_ADMIN, body=audit.body), *lead]


def move(audit: Audit, to: str, user, note: str = "", allowed_from=(), **fields) -> None:
    """The one way a status changes: only from `allowed_from`, with an event for the timeline."""
    changed = Audit.objects.filter(pk=audit.pk, status__in=allowed_from).update(
        status=to, version=F("version") + 1, **fields
    )
    if not changed:
        raise Refused(
            [
                "De status van deze toetsing is intussen veranderd. "
                "Open de pagina opnieuw om te zien wat er is gebeurd."
            ]
        )
    audit.refresh_from_db(fields=["status", "version", *fields])
    AuditEvent.objects.create(audit=audit, status=to, by=user, note=note)


def mail(subject: str, template: str, to, audit: Audit, cc=(), **context) -> None:
    link = settings.SITE_URL + reverse("audits:audit_detail", args=[audit.pk])
    send_template(subject, template, to, {"audit": audit, "link": link, **context}, cc=cc)


@transaction.atomic
def request(audit: Audit, user) -> Audit:
    """The member asks a body to audit it; the body's admins are told."""
    problems = membership_problems(audit.member)
    if problems:
        raise Refused(problems)
    audit.requested_by = user
    audit.save()
    AuditEvent.objects.create(audit=audit, status=Status.REQUESTED, by=user)
    mail(
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
    move(audit, Status.ACCEPTED, user, allowed_from=[Status.REQUESTED])
    mail(
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
    move(audit, Status.DECLINED, user, reason.strip(), allowed_from=[Status.REQUESTED])
    mail(
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
    move(audit, Status.STARTED, user, allowed_from=[Status.ACCEPTED])
    findings.ensure_findings(audit)


def closing_problems(audit: Audit, records=None, on=None) -> list[str]:
    """Why the lead cannot close the findings yet (Bijlage 5 B5, Bijlage 9)."""
    on = on or timezone.localdate()
    records = list(findings.with_sources(audit)) if records is None else records
    problems = []
    last = audit.days.order_by("-date").values_list("date", flat=True).first()
    if last is None or on < last:
        problems.append(
            "De bevindingen worden vastgesteld aan het eind van de laatste auditdag"
            + (f" ({last:%d-%m-%Y})." if last else ".")
        )
    if not records:
        problems.append("Er zijn nog geen bevindingen.")
    open_codes = [f.norm.code for f in records if f.verdict == Verdict.NOT_ASSESSED]
    if open_codes:
        problems.append(
            f"{len(open_codes)} {'norm is' if len(open_codes) == 1 else 'normen zijn'} "
            f"nog niet beoordeeld: {', '.join(open_codes)}."
        )
    return problems


@transaction.atomic
def close_findings(audit: Audit, user, seen_few_sources: bool) -> None:
    """The lead closes the team's findings; from now on changes go through the report."""
    records = list(findings.with_sources(audit))
    problems = closing_problems(audit, records)
    if findings.few_sources(records) and not seen_few_sources:
        problems.append(
            "Bevestig dat u de normen met minder dan twee bronnen hebt gezien (Bijlage 9)."
        )
    if problems:
        raise Refused(problems)
    move(audit, Status.FINDINGS_CLOSED, user, allowed_from=[Status.STARTED])
    outcome = findings.outcome(audit, records)
    mail(
        f"Bevindingen vastgesteld: {audit.member}",
        "audits/email/findings_closed.txt",
        [
            *emails(role=Role.BODY_ADMIN, body=audit.body),
            *emails(role=Role.MEMBER_ADMIN, member=audit.member),
        ],
        audit,
        counts=outcome.counts,
    )


def declare_independent(place: TeamMember) -> None:
    TeamMember.objects.filter(pk=place.pk, declared_independent_at__isnull=True).update(
        declared_independent_at=timezone.now()
    )


# --- The report cycle (issue 7): Bijlage 6 steps 6-9, Bijlage 5 B7-B10 ---------------------


@transaction.atomic
def send_draft(audit: Audit, user) -> None:
    """The concept report goes to the member, who reads part B here and may react."""
    body_side(audit, user)
    move(audit, Status.DRAFT_REPORT, user, allowed_from=[Status.FINDINGS_CLOSED])
    mail(
        f"Conceptrapport van de toetsing: {audit.member}",
        "audits/email/draft_report.txt",
        emails(role=Role.MEMBER_ADMIN, member=audit.member),
        audit,
        **deadlines.due_from_today(audit.process_version, "member_reaction"),
    )


@transaction.atomic
def react(audit: Audit, user, text: str) -> None:
    """The member's corrections of factual errors in the concept (Bijlage 6 step 7)."""
    member_side(audit, user)
    if not text.strip():
        raise Refused(["Schrijf welke feitelijke onjuistheden het conceptrapport bevat."])
    move(audit, Status.MEMBER_REACTED, user, text.strip(), allowed_from=[Status.DRAFT_REPORT])
    mail(
        f"Reactie op het conceptrapport: {audit.member}",
        "audits/email/member_reacted.txt",
        body_emails(audit),
        audit,
        text=text.strip(),
    )


def finalize_problems(audit: Audit, records, on=None) -> list[str]:
    on = on or timezone.localdate()
    problems = []
    if audit.status == Status.DRAFT_REPORT:
        sent = audit.events.filter(status=Status.DRAFT_REPORT).order_by("-at").first()
        due = deadlines.due(
            audit.process_version, "member_reaction", timezone.localtime(sent.at).date()
        )
        if on <= due:
            problems.append(
                f"Het lid kan tot en met {due:%d-%m-%Y} reageren; zonder reactie wordt het "
                "concept daarna definitief."
            )
    outcome = findings.outcome(audit, records)
    if not outcome.complete:
        problems.append(f"Niet elke norm heeft een oordeel: {', '.join(outcome.missing)}.")
    # The reports app builds on this one, so its model is looked up, not imported.
    corrections = apps.get_model("reports", "Correction").objects.filter(audit=audit)
    unanswered = corrections.filter(decision="open").count()
    if unanswered:
        problems.append(
            f"{unanswered} {'correctie' if unanswered == 1 else 'correcties'} van het lid "
            "nog niet beantwoord (Bijlage 6 stap 8)."
        )
    return problems


@transaction.atomic
def finalize(audit: Audit, user) -> str:
    """The findings become final; the route they lead to decides the next status. Returns it."""
    body_side(audit, user)
    records = list(findings.with_sources(audit))
    problems = finalize_problems(audit, records)
    if problems:
        raise Refused(problems)
    outcome = findings.outcome(audit, records)
    to = Status.ADVICE_POSITIVE if outcome.route == "a" else Status.PLAN_DUE
    note = decision.explanation(outcome, audit.framework.version)
    move(
        audit,
        to,
        user,
        note,
        allowed_from=[Status.DRAFT_REPORT, Status.MEMBER_REACTED],
        route=outcome.route,
    )
    if to == Status.PLAN_DUE:
        plans.open_plan(audit, outcome.plan_norms)
    mail(
        f"Rapport definitief: {audit.member}",
        "audits/email/findings_final.txt",
        [
            *emails(role=Role.MEMBER_ADMIN, member=audit.member),
            *emails(role=Role.BODY_ADMIN, body=audit.body),
        ],
        audit,
        outcome=outcome,
        explanation=note,
        plan=deadlines.deadline(audit.process_version, "improvement_plan"),
    )
    return to
