"""The steps after the final report: improvement plan, follow-up, advice, part A to SWN.

Bijlage 6 steps 9-12 (process 2021) and Bijlage 5 B10 (2017), chosen by the audit's
process version. Like `workflow.py`: each step checks, moves the status with a conditional
UPDATE, records an event and queues its e-mails in the same transaction.
"""

import datetime

from django.db import transaction
from django.utils import timezone

from kwaliteitslabel.accounts.models import Role
from kwaliteitslabel.accounts.rules import emails

from . import deadlines, plans
from .decision import Verdict
from .models_audit import PLAN_OPEN, Audit, AuditEvent
from .models_plan import FollowUp, FollowUpFinding, ImprovementPlan, PlanItem
from .workflow import Refused, body_emails, body_side, mail, member_side, move

Status = Audit.Status
Judgement = PlanItem.Judgement


def _member(audit):
    return emails(role=Role.MEMBER_ADMIN, member=audit.member)


def _swn(audit, subject, template, **context):
    """To the secretariat with the advisers in copy (Bijlage 6 steps 9a and 12)."""
    mail(
        subject,
        template,
        emails(role=Role.SWN_SECRETARIAT),
        audit,
        cc=emails(role=Role.SWN_ADVISER),
        **context,
    )


def _plan(audit) -> ImprovementPlan:
    return ImprovementPlan.objects.select_for_update().get(audit=audit)


@transaction.atomic
def save_item(item: PlanItem, loaded_version: int, **values) -> None:
    """The member's text for one norm; an edit on an older version is refused (409 in views)."""
    if item.judgement == Judgement.APPROVED:
        raise Refused([f"{item.norm.code} is goedgekeurd en ligt vast."])
    changed = PlanItem.objects.filter(pk=item.pk, version=loaded_version).update(
        version=item.version + 1, **values
    )
    if not changed:
        raise Refused(
            [f"Iemand anders heeft {item.norm.code} intussen gewijzigd. Open de pagina opnieuw."]
        )


@transaction.atomic
def submit(audit: Audit, user) -> None:
    """The member hands in the plan (again): every norm still open needs all four parts."""
    member_side(audit, user)
    plan = _plan(audit)
    items = plans.items(plan)
    problems = plans.submit_problems(items)
    if problems:
        raise Refused(["Het verbeterplan is nog niet compleet.", *problems])
    move(audit, Status.PLAN_REVIEW, user, allowed_from=PLAN_OPEN)
    plan.items.filter(judgement=Judgement.REJECTED).update(judgement=Judgement.PENDING)
    plan.submitted_at = timezone.now()
    plan.save(update_fields=["submitted_at"])
    key = "plan_review" if plan.round == 1 else "amended_plan_review"
    mail(
        f"Verbeterplan ingediend: {audit.member}",
        "audits/email/plan_submitted.txt",
        body_emails(audit),
        audit,
        plan=plan,
        **deadlines.due_from_today(audit.process_version, key),
    )


@transaction.atomic
def review(audit: Audit, user, judgements: dict[int, tuple[str, str]], next_steps="") -> str:
    """The body judges every open norm of the plan: (judgement, reason) per item pk.

    All approved: positive advice (route b) or on to the follow-up (route c). A rejection:
    the amend round, once; a second one leads to talks (2021) or a negative advice (2017).
    Returns the new status."""
    body_side(audit, user)
    plan = _plan(audit)
    items = [i for i in plans.items(plan) if i.judgement == Judgement.PENDING]
    problems = []
    for item in items:
        judgement, reason = judgements.get(item.pk, ("", ""))
        if judgement not in (Judgement.APPROVED, Judgement.REJECTED):
            problems.append(f"{item.norm.code}: kies goedkeuren of afkeuren.")
        elif judgement == Judgement.REJECTED and not reason.strip():
            problems.append(f"{item.norm.code}: schrijf waarom u dit deel afkeurt.")
    rejected = [i for i in items if judgements.get(i.pk, ("",))[0] == Judgement.REJECTED]
    process = deadlines.versions()[audit.process_version]
    talks = rejected and plan.round > 1 and process.rejected_again == "talks"
    if talks and not next_steps.strip():
        problems.append(
            "Het aangepaste plan wordt opnieuw afgekeurd: schrijf welke vervolgstappen u met "
            "het lid bespreekt; Sociaal Werk Nederland krijgt ze te lezen (Bijlage 6 stap 9b-iii)."
        )
    if problems:
        raise Refused(problems)
    now = timezone.now()
    for item in items:
        judgement, reason = judgements[item.pk]
        PlanItem.objects.filter(pk=item.pk).update(
            judgement=judgement, reason=reason.strip(), judged_by=user, judged_at=now
        )
    codes = ", ".join(i.norm.code for i in rejected)
    if not rejected:
        return _approved(audit, user)
    if plan.round == 1:
        move(audit, Status.PLAN_AMEND, user, f"Afgekeurd: {codes}.", [Status.PLAN_REVIEW])
        _amend_round(audit, plan)
        return Status.PLAN_AMEND
    if talks:
        move(audit, Status.PLAN_TALKS, user, next_steps.strip(), [Status.PLAN_REVIEW])
        context = {"codes": codes, "next_steps": next_steps.strip()}
        subject = f"Aangepast verbeterplan afgekeurd: {audit.member}"
        mail(subject, "audits/email/plan_talks.txt", _member(audit), audit, **context)
        _swn(audit, subject, "audits/email/plan_talks.txt", **context)
        return Status.PLAN_TALKS
    negative(
        audit, user, f"Ook het aangepaste verbeterplan is afgekeurd ({codes}); Bijlage 5 B10b-ii."
    )
    return Status.ADVICE_NEGATIVE


def _amend_round(audit, plan) -> None:
    plan.round += 1
    plan.save(update_fields=["round"])
    mail(
        f"Verbeterplan aanpassen: {audit.member}",
        "audits/email/plan_rejected.txt",
        _member(audit),
        audit,
        rejected=plan.items.filter(judgement=Judgement.REJECTED).select_related("norm__rubric"),
        **deadlines.due_from_today(audit.process_version, "plan_amendment"),
    )


def _approved(audit, user) -> str:
    if audit.route == "c":
        move(audit, Status.FOLLOW_UP, user, "Verbeterplan goedgekeurd.", [Status.PLAN_REVIEW])
        mail(
            f"Verbeterplan goedgekeurd, aanvullend onderzoek volgt: {audit.member}",
            "audits/email/plan_approved.txt",
            [*_member(audit), *body_emails(audit)],
            audit,
            limit=follow_up_limit(audit),
        )
        return Status.FOLLOW_UP
    positive(audit, user, "Verbeterplan goedgekeurd (Bijlage 6 stap 9b).", [Status.PLAN_REVIEW])
    return Status.ADVICE_POSITIVE


@transaction.atomic
def resolve_talks(audit: Audit, user, choice: str, note: str) -> str:
    """Bijlage 6 9b-iii: after the talks, another amend round or a negative advice."""
    body_side(audit, user)
    if not note.strip():
        raise Refused(["Schrijf wat de CI en het lid hebben afgesproken."])
    if choice == "amend":
        move(audit, Status.PLAN_AMEND, user, note.strip(), [Status.PLAN_TALKS])
        _amend_round(audit, _plan(audit))
        return Status.PLAN_AMEND
    if choice != "negative":
        raise Refused(["Kies: nog een ronde om het plan aan te passen, of negatief advies."])
    negative(audit, user, note.strip(), [Status.PLAN_TALKS])
    return Status.ADVICE_NEGATIVE


@transaction.atomic
def decline_option(audit: Audit, user, reason: str) -> None:
    """Route c: the member does not take the improvement option; the advice is negative."""
    member_side(audit, user)
    if audit.route != "c":
        raise Refused(["Alleen bij route c kiest het lid tussen verbeteroptie en negatief advies."])
    negative(
        audit,
        user,
        "Het lid kiest niet voor verbeterplan en aanvullend onderzoek (Bijlage 6 stap 9c-i)."
        + (f" {reason.strip()}" if reason.strip() else ""),
        PLAN_OPEN,
    )


def positive(audit, user, note, allowed_from) -> None:
    move(audit, Status.ADVICE_POSITIVE, user, note, allowed_from)
    mail(
        f"Positief advies: {audit.member}",
        "audits/email/advice_positive.txt",
        [*_member(audit), *body_emails(audit)],
        audit,
        note=note,
        **deadlines.due_from_today(audit.process_version, "summary_to_swn"),
    )


def negative(audit, user, note, allowed_from=(Status.PLAN_REVIEW,)) -> None:
    """The body advises negative; SWN is told at once (Bijlage 5 B10, Bijlage 6 9c-i)."""
    move(audit, Status.ADVICE_NEGATIVE, user, note, allowed_from)
    subject = f"Negatief advies: {audit.member}"
    mail(
        subject,
        "audits/email/advice_negative.txt",
        [*_member(audit), *body_emails(audit)],
        audit,
        note=note,
    )
    _swn(audit, subject, "audits/email/advice_negative.txt", note=note)


# --- Follow-up investigation (route c) --------------------------------------------------


def follow_up_limit(audit) -> datetime.date | None:
    """Half a year after the current certificate expires (Bijlage 6 step 9c); None when the
    audit has no earlier certificate or the process version sets no limit (Bijlage 5)."""
    step = deadlines.versions()[audit.process_version].deadlines.get("follow_up")
    if step is None or audit.previous_expiry is None:
        return None
    return step.due(audit.previous_expiry)


@transaction.atomic
def plan_follow_up(audit: Audit, user, date: datetime.date) -> FollowUp:
    body_side(audit, user)
    if audit.status != Status.FOLLOW_UP:
        raise Refused(
            ["Het aanvullend onderzoek volgt op een goedgekeurd verbeterplan bij route c."]
        )
    limit = follow_up_limit(audit)
    if limit and date > limit:
        raise Refused(
            [
                f"Datum: het aanvullend onderzoek moet uiterlijk {limit:%d-%m-%Y} zijn, een half "
                f"jaar na het verlopen van het huidige certificaat ({audit.previous_expiry:%d-%m-%Y}; "
                "Bijlage 6 stap 9c)."
            ]
        )
    follow_up, _ = FollowUp.objects.update_or_create(
        audit=audit, recorded_at=None, defaults={"date": date, "planned_by": user}
    )
    # The status stays; the timeline shows the agreed date.
    AuditEvent.objects.create(
        audit=audit, status=Status.FOLLOW_UP, by=user, note=f"Gepland op {date:%d-%m-%Y}."
    )
    mail(
        f"Aanvullend onderzoek op {date:%d-%m-%Y}: {audit.member}",
        "audits/email/follow_up_planned.txt",
        [*_member(audit), *body_emails(audit)],
        audit,
        follow_up=follow_up,
    )
    return follow_up


@transaction.atomic
def record_follow_up(audit: Audit, user, rows: dict[str, tuple[str, str]]) -> str:
    """New verdicts for the norms of the plan; the decision is taken again on all verdicts.

    Positive when the combined verdicts are within the thresholds (the plan for the
    remaining norms is approved: the follow-up comes after that); otherwise negative."""
    body_side(audit, user)
    follow_up = FollowUp.objects.select_for_update().filter(audit=audit).first()
    if follow_up is None or follow_up.recorded_at:
        raise Refused(["Plan eerst de datum van het aanvullend onderzoek."])
    if timezone.localdate() < follow_up.date:
        raise Refused(
            [f"Het aanvullend onderzoek is op {follow_up.date:%d-%m-%Y}; leg het daarna vast."]
        )
    plan_items = plans.items(audit.plan)
    allowed = {v.value for v in Verdict if v != Verdict.NOT_ASSESSED}
    problems = []
    for item in plan_items:
        verdict, text = rows.get(item.norm.code, ("", ""))
        if verdict not in allowed:
            problems.append(f"{item.norm.code}: kies een oordeel.")
        elif not text.strip():
            problems.append(f"{item.norm.code}: schrijf de bevindingen (addendum op deel B).")
    if problems:
        raise Refused(problems)
    FollowUpFinding.objects.bulk_create(
        FollowUpFinding(
            follow_up=follow_up,
            norm=item.norm,
            verdict=rows[item.norm.code][0],
            text=rows[item.norm.code][1].strip(),
        )
        for item in plan_items
    )
    follow_up.recorded_at = timezone.now()
    follow_up.save(update_fields=["recorded_at"])
    outcome = plans.outcome(audit)
    summary = f"Na het aanvullend onderzoek: {outcome.summary()}"
    if outcome.route in ("a", "b"):
        positive(audit, user, summary + " Bijlage 6 stap 9c-ii.", [Status.FOLLOW_UP])
        return Status.ADVICE_POSITIVE
    negative(audit, user, summary + " Bijlage 6 stap 9c.", [Status.FOLLOW_UP])
    return Status.ADVICE_NEGATIVE


# --- Part A to SWN (Bijlage 6 step 12) ------------------------------------------------


@transaction.atomic
def send_summary(audit: Audit, user) -> None:
    body_side(audit, user)
    move(
        audit,
        Status.SUMMARY_SENT,
        user,
        allowed_from=[Status.ADVICE_POSITIVE, Status.SUMMARY_RETURNED],
    )
    _swn(
        audit,
        f"Deel A met positief advies: {audit.member} ({audit.body})",
        "audits/email/summary_sent.txt",
        **deadlines.due_from_today(audit.process_version, "swn_check"),
    )
