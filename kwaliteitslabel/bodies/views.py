"""The certification bodies back office: SWN keeps the list; each body keeps its own data.

Views stay thin: the rules come from `rules.py`, the derived facts (may audit today,
which rate applies, who signed the code of conduct) from `services.py`, the checks from
`forms.py`. A page not for the user's role answers 403; a body outside the user's
allowed set answers 404, so its existence does not leak.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from kwaliteitslabel.common.access import get_allowed, login_required, require
from kwaliteitslabel.common.forms import SAVED, response_status, save_form

from . import rules, services
from .forms import BodyForm, ConditionForm, RateForm
from .history import body_changes
from .models import CertificationBody, Condition, DayRate


def _editable_body(request, pk) -> CertificationBody:
    """The body if the user may change it: 404 if they may not even see it, else 403."""
    body = get_allowed(CertificationBody.objects.all(), rules.can_view_body, request.user, pk=pk)
    if not rules.can_edit_body(request.user, body):
        raise PermissionDenied
    return body


@require(rules.can_list_bodies)
def body_list(request):
    today = timezone.localdate()
    rows = services.overview(services.bodies_with_facts(), today)
    return render(
        request,
        "bodies/body_list.html",
        {
            "rows": rows,
            "today": today,
            "may_audit_count": sum(1 for row in rows if row.may_audit),
            "warning_days": services.CONDITION_WARNING_DAYS,
            "may_create": rules.can_create_body(request.user),
        },
    )


@login_required
def body_detail(request, pk):
    user = request.user
    body = get_allowed(services.bodies_with_facts(), rules.can_view_body, user, pk=pk)
    today = timezone.localdate()
    return render(
        request,
        "bodies/body_detail.html",
        {
            "body": body,
            "today": today,
            "missing": body.missing_conditions(today),
            "conditions": services.condition_rows(body, today),
            "rates": services.rate_rows(body, today),
            "people": services.people(body),
            "auditors_must_sign": services.auditors_must_sign(body),
            "warning_days": services.CONDITION_WARNING_DAYS,
            "may_list": rules.can_list_bodies(user),
            "may_edit": rules.can_edit_body(user, body),
            "may_view_history": rules.can_view_history(user, body),
            "may_invite": rules.can_invite_people(user, body),
            "may_manage_tokens": rules.can_manage_tokens(user, body),
        },
    )


@require(rules.can_create_body)
def body_create(request):
    form = BodyForm(request.POST or None, can_set_framework_agreement=True)
    if form.is_valid() and (body := save_form(form)):
        messages.success(request, f"{body} is toegevoegd. Voeg nu de voorwaarden en tarieven toe.")
        return redirect("bodies:body_detail", pk=body.pk)
    return render(request, "bodies/body_form.html", {"form": form, "body": None})


@login_required
def body_edit(request, pk):
    body = _editable_body(request, pk)
    form = BodyForm(
        request.POST or None,
        instance=body,
        can_set_framework_agreement=rules.can_set_framework_agreement(request.user),
    )
    if form.is_valid() and save_form(form):
        messages.success(request, SAVED)
        return redirect("bodies:body_detail", pk=body.pk)
    return render(
        request,
        "bodies/body_form.html",
        # An invalid form has already written its input into `body`: show the stored name.
        {"form": form, "body": CertificationBody.objects.get(pk=pk) if form.is_bound else body},
        status=response_status(form),
    )


@login_required
def condition_create(request, pk):
    body = _editable_body(request, pk)
    form = ConditionForm(request.POST or None, instance=Condition(body=body))
    if form.is_valid() and save_form(form):
        messages.success(request, SAVED)
        return redirect("bodies:body_detail", pk=body.pk)
    return render(
        request, "bodies/condition_form.html", {"form": form, "body": body, "condition": None}
    )


@login_required
def condition_edit(request, pk, condition_pk):
    body = _editable_body(request, pk)
    condition = get_object_or_404(Condition, pk=condition_pk, body=body)
    form = ConditionForm(request.POST or None, instance=condition)
    if form.is_valid() and save_form(form):
        messages.success(request, SAVED)
        return redirect("bodies:body_detail", pk=body.pk)
    return render(
        request,
        "bodies/condition_form.html",
        {
            "form": form,
            "body": body,
            "condition": Condition.objects.get(pk=condition_pk) if form.is_bound else condition,
        },
    )


@login_required
def rate_create(request, pk):
    body = _editable_body(request, pk)
    form = RateForm(request.POST or None, instance=DayRate(body=body))
    if form.is_valid() and save_form(form):
        messages.success(request, SAVED)
        return redirect("bodies:body_detail", pk=body.pk)
    return render(request, "bodies/rate_form.html", {"form": form, "body": body, "rate": None})


@login_required
def rate_edit(request, pk, rate_pk):
    body = _editable_body(request, pk)
    rate = get_object_or_404(DayRate, pk=rate_pk, body=body)
    form = RateForm(request.POST or None, instance=rate)
    if form.is_valid() and save_form(form):
        messages.success(request, SAVED)
        return redirect("bodies:body_detail", pk=body.pk)
    return render(
        request,
        "bodies/rate_form.html",
        {
            "form": form,
            "body": body,
            "rate": DayRate.objects.get(pk=rate_pk) if form.is_bound else rate,
        },
    )


@require(rules.can_view_history)
def body_history(request, pk):
    body = get_object_or_404(CertificationBody, pk=pk)
    return render(
        request, "bodies/body_history.html", {"body": body, "changes": body_changes(body)}
    )
