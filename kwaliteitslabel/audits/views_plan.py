"""The improvement plan, the route c choice, the follow-up and part A to SWN (issue 7)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render

from kwaliteitslabel.common.access import login_required
from kwaliteitslabel.reports import checks, content

from . import deadlines, plans, workflow_plan
from . import rules_plan as rules
from .forms_plan import (
    DeclineForm,
    FollowUpDateForm,
    FollowUpFindingForm,
    NextStepsForm,
    PlanItemForm,
    ReviewForm,
    TalksForm,
)
from .models_findings import Finding
from .models_plan import FollowUp, ImprovementPlan, PlanItem
from .views_audit import _audit, _refused, allow, form_step
from .workflow import Refused

EDITABLE = ("measures", "owner", "planned_date", "evidence")
# What the plan page's form posts, and the rule of each.
STEPS = {
    "save": rules.can_write_plan,
    "submit": rules.can_write_plan,
    "review": rules.can_review_plan,
}


@login_required
def plan_page(request, pk):
    audit = _audit(request, pk, rules.can_read_plan)
    plan = get_object_or_404(ImprovementPlan, audit=audit)
    items = plans.items(plan)
    user = request.user
    may_write = rules.can_write_plan(user, audit)
    may_review = rules.can_review_plan(user, audit)
    open_items = [i for i in items if i.judgement != PlanItem.Judgement.APPROVED]
    pending = [i for i in items if i.judgement == PlanItem.Judgement.PENDING]
    data = request.POST if request.method == "POST" else None
    action = data.get("action") if data else None
    if data is not None:
        step = STEPS.get(action)
        if step is None:
            raise PermissionDenied
        allow(request, audit, step, to="audits:plan")
    write_forms = {i.pk: PlanItemForm(data, item=i) for i in open_items} if may_write else {}
    review_forms = {i.pk: ReviewForm(data, item=i) for i in pending} if may_review else {}
    next_steps = NextStepsForm(data) if may_review and plan.round > 1 else None
    status = 200
    if action in ("save", "submit"):
        status = _write(request, audit, open_items, write_forms, submit=action == "submit")
    elif action == "review":
        status = _review(request, audit, pending, review_forms, next_steps)
    if status == 302:
        return redirect("audits:plan", pk=audit.pk)
    finals = {
        f.norm_id: f
        for f in Finding.objects.filter(audit=audit, norm__in=[i.norm_id for i in items])
    }
    follow_up = FollowUp.objects.filter(audit=audit).prefetch_related("findings").first()
    addenda = {f.norm_id: f for f in follow_up.findings.all()} if follow_up else {}
    rows = [
        {
            "item": i,
            "finding": finals.get(i.norm_id),
            "addendum": addenda.get(i.norm_id),
            "write": write_forms.get(i.pk),
            "review": review_forms.get(i.pk),
        }
        for i in items
    ]
    return render(
        request,
        "audits/plan.html",
        {
            "audit": audit,
            "plan": plan,
            "rows": rows,
            "may_write": may_write,
            "may_review": may_review and bool(pending),
            "next_steps_form": next_steps,
            "may_decline": rules.can_decline_option(user, audit),
            "next": deadlines.for_audit(audit),
            "follow_up": follow_up,
        },
        status=status,
    )


def _write(request, audit, items, forms, submit: bool) -> int:
    if not all(f.is_valid() for f in forms.values()):
        _errors(request, "Niet opgeslagen", items, forms)
        return 400
    try:
        for item in items:
            form = forms[item.pk]
            if set(form.changed_data) & set(EDITABLE):
                values = {k: form.cleaned_data[k] for k in EDITABLE}
                values["owner"] = values["owner"].strip()
                workflow_plan.save_item(item, form.cleaned_data["loaded_version"], **values)
    except Refused as refused:
        _refused(request, refused)
        return 409
    if not submit:
        messages.success(request, "Het verbeterplan is opgeslagen.")
        return 302
    try:
        workflow_plan.submit(audit, request.user)
    except Refused as refused:
        _refused(request, refused)
        return 302  # what was written is kept; the page shows what is missing
    messages.success(request, f"Het verbeterplan is ingediend bij {audit.body}.")
    return 302


def _errors(request, heading, items, forms) -> None:
    """Each error above the form, naming the norm and the field."""
    messages.error(request, f"{heading}: verbeter wat hieronder staat.")
    for item in items:
        form = forms[item.pk]
        for name, errors in form.errors.items():
            label = str(form.fields[name].label).lower() if name in form.fields else ""
            for error in errors:
                messages.error(request, f"{item.norm.code}, {label}: {error}")


def _review(request, audit, items, forms, next_steps) -> int:
    valid = all(
        [*(f.is_valid() for f in forms.values()), next_steps is None or next_steps.is_valid()]
    )
    if not valid:
        _errors(request, "Niet beoordeeld", items, forms)
        return 400
    judgements = {
        i.pk: (forms[i.pk].cleaned_data["judgement"], forms[i.pk].cleaned_data["reason"])
        for i in items
    }
    try:
        to = workflow_plan.review(
            audit,
            request.user,
            judgements,
            next_steps.cleaned_data["next_steps"] if next_steps else "",
        )
    except Refused as refused:
        _refused(request, refused)
        return 400
    messages.success(request, f"Beoordeling vastgelegd: {audit.Status(to).label}.")
    return 302


@login_required
def plan_decline(request, pk):
    audit = _audit(request, pk, rules.can_decline_option)
    return form_step(
        request,
        audit,
        DeclineForm(request.POST or None),
        "audits/plan_decline.html",
        lambda data: workflow_plan.decline_option(audit, request.user, data["reason"]),
        "Uw keuze is vastgelegd; de instelling en Sociaal Werk Nederland krijgen bericht.",
    )


@login_required
def plan_talks(request, pk):
    audit = _audit(request, pk, rules.can_resolve_talks)
    return form_step(
        request,
        audit,
        TalksForm(request.POST or None),
        "audits/plan_talks.html",
        lambda data: workflow_plan.resolve_talks(audit, request.user, data["choice"], data["note"]),
        "De uitkomst van het overleg is vastgelegd.",
    )


@login_required
def follow_up(request, pk):
    """Route c: the body plans the date within the limit, then records the new verdicts."""
    audit = _audit(request, pk, rules.can_follow_up)
    planned = FollowUp.objects.filter(audit=audit, recorded_at=None).first()
    action = request.POST.get("action") if request.method == "POST" else None
    date_form = FollowUpDateForm(
        request.POST if action == "plan" else None,
        initial={"date": planned.date} if planned else None,
    )
    rows = [
        (i, FollowUpFindingForm(request.POST if action == "record" else None, norm=i.norm))
        for i in (plans.items(audit.plan) if planned else [])
    ]
    if action == "plan" and date_form.is_valid():
        try:
            workflow_plan.plan_follow_up(audit, request.user, date_form.cleaned_data["date"])
        except Refused as refused:
            date_form.add_error("date", refused.reasons[0])
        else:
            messages.success(
                request, "De datum is vastgelegd; het lid en het team krijgen bericht."
            )
            return redirect("audits:follow_up", pk=audit.pk)
    if action == "record" and rows and all(form.is_valid() for _, form in rows):
        verdicts = {
            i.norm.code: (form.cleaned_data["verdict"], form.cleaned_data["text"])
            for i, form in rows
        }
        try:
            to = workflow_plan.record_follow_up(audit, request.user, verdicts)
        except Refused as refused:
            _refused(request, refused)
        else:
            messages.success(
                request, f"Het aanvullend onderzoek is vastgelegd: {audit.Status(to).label}."
            )
            return redirect("audits:audit_detail", pk=audit.pk)
    return render(
        request,
        "audits/follow_up.html",
        {
            "audit": audit,
            "planned": planned,
            "limit": workflow_plan.follow_up_limit(audit),
            "date_form": date_form,
            "rows": rows,
        },
        status=400 if action else 200,
    )


@login_required
def summary_send(request, pk):
    audit = _audit(request, pk, rules.can_send_summary)
    if request.method == "POST":
        try:
            workflow_plan.send_summary(audit, request.user)
        except Refused as refused:
            _refused(request, refused)
        else:
            messages.success(
                request, "Deel A is naar het secretariaat van Sociaal Werk Nederland gestuurd."
            )
        return redirect("audits:audit_detail", pk=audit.pk)
    results = checks.summary_checks(content.build(audit))
    return render(
        request,
        "audits/summary_send.html",
        {"audit": audit, "checks": results, "checks_passed": checks.passed(results)},
    )
