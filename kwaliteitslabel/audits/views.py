from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone

from kwaliteitslabel.common.access import get_allowed, require
from kwaliteitslabel.common.forms import SAVED, response_status, save_form
from kwaliteitslabel.frameworks.models import Framework
from kwaliteitslabel.frameworks.services import crosswalk_rows
from kwaliteitslabel.members.models import Member

from . import calculator, rules, services
from .forms import COLUMN_LABELS, CalculatorForm, FullTimeWeekForm, ScopeCostForm, ScopeForm
from .models import FullTimeWeek, Scope


def norms_on_top_of_iso(framework):
    """The norms a CI tests on top of ISO 9001 in a combined audit: the branch-specific ones.

    Derived from the ISO 9001 crosswalk (seed 000): wholly or partly branch-specific,
    and norms new since the crosswalk was made, which ISO was never compared with.
    """
    result = crosswalk_rows(framework, "iso-9001-2015") if framework else None
    if result is None:
        return []
    return [row for row in result[1] if row.branch_specific in ("wholly", "partly", None)]


def calculator_page(request):
    form = CalculatorForm(request.GET or None)
    context = {"form": form}
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        values = data["fte_values"]
        fte = calculator.fte_in_scope(values)
        days = calculator.audit_days(
            data["variant"], fte, data["combined_with"] or None, data["date"]
        )
        context.update(
            fte=fte,
            breakdown=[(calculator.COUNTED[k], values[k], True, "") for k in calculator.COUNTED]
            + [
                (label, values[k], False, why)
                for k, (label, why) in calculator.NOT_COUNTED.items()
                if values[k]
            ],
            result=days,
            costs=calculator.costs(days.days, data["date"], data["travel_km"] or 0)
            if days.days
            else [],
            vat_rate=calculator.vat_rate(data["date"]) * 100,
        )
        if data["variant"] == "combined" and data["combined_with"] == "iso":
            framework = (
                Framework.objects.filter(status=Framework.Status.IN_FORCE)
                .order_by("-version")
                .first()
            )
            context.update(framework=framework, on_top=norms_on_top_of_iso(framework))
    return render(request, "audits/calculator.html", context)


# --- the member's scopes (issue 4) ------------------------------------------------------


def _member(request, member_pk, rule) -> Member:
    return get_allowed(Member.objects.all(), rule, request.user, pk=member_pk)


def _scope(request, pk, rule) -> Scope:
    return get_allowed(services.scopes_with_lines(), rule, request.user, pk=pk)


@require(rules.can_use_scopes)
def scope_list(request, member_pk):
    member = _member(request, member_pk, rules.can_view_scopes)
    today = timezone.localdate()
    scopes = list(services.scopes_with_lines().filter(member=member))
    rows = []
    for scope in scopes:
        fte = scope.fte_in_scope
        rows.append((scope, fte, services.variant_days(fte, today) if fte > 0 else []))
    return render(
        request,
        "audits/scope_list.html",
        {
            "member": member,
            "rows": rows,
            "variants": services.VARIANT_ROWS,
            "may_edit": rules.can_edit_scopes(request.user, member),
        },
    )


@require(rules.can_use_scopes)
def scope_detail(request, pk):
    scope = _scope(request, pk, rules.can_view_scope)
    # The form always shows the date the cost is for: today unless another is chosen.
    chosen = {key: value for key, value in request.GET.dict().items() if value}
    cost_form = ScopeCostForm({"datum": timezone.localdate().isoformat(), **chosen})
    on, km = cost_form.values()
    fte = scope.fte_in_scope
    days = services.variant_days(fte, on) if fte > 0 else []
    eligible = services.with_costs(days, on, km) if days and not cost_form.errors else []
    return render(
        request,
        "audits/scope_detail.html",
        {
            "scope": scope,
            "member": scope.member,
            "lines": list(scope.lines.all()),
            "categories": services.categories(scope),
            "fte": fte,
            "fte_not_counted": scope.fte_not_counted,
            "band": next((row.result.band for row in days if row.result.band), None),
            "days": days,
            "with_days": [row for row in days if row.result.days],
            "bodies": eligible,
            "cost_form": cost_form,
            "on": on,
            "km": km,
            "vat_rate": calculator.vat_rate(on) * 100,
            "may_edit": rules.can_edit_scope(request.user, scope),
        },
    )


def _scope_form_page(request, form, member, scope):
    return render(
        request,
        "audits/scope_form.html",
        {
            "form": form,
            "member": member,
            "scope": scope,
            "categories_counted": [
                (k, COLUMN_LABELS[k], label) for k, label in calculator.COUNTED.items()
            ],
            "categories_not_counted": [
                (k, COLUMN_LABELS[k], label, why)
                for k, (label, why) in calculator.NOT_COUNTED.items()
            ],
        },
        status=response_status(form),
    )


@require(rules.can_build_scopes)
def scope_create(request, member_pk):
    member = _member(request, member_pk, rules.can_edit_scopes)
    form = ScopeForm(request.POST or None, instance=Scope(member=member, created_by=request.user))
    if form.is_valid() and (scope := save_form(form)):
        messages.success(request, SAVED)
        return redirect("audits:scope_detail", pk=scope.pk)
    return _scope_form_page(request, form, member, None)


@require(rules.can_build_scopes)
def scope_edit(request, pk):
    scope = _scope(request, pk, rules.can_edit_scope)
    form = ScopeForm(request.POST or None, instance=scope)
    if form.is_valid() and save_form(form):
        messages.success(request, SAVED)
        return redirect("audits:scope_detail", pk=scope.pk)
    # An invalid form has already written its input into `scope`: show the stored name.
    stored = Scope.objects.get(pk=pk) if form.is_bound else scope
    return _scope_form_page(request, form, scope.member, stored)


@require(rules.can_build_scopes)
def scope_delete(request, pk):
    scope = _scope(request, pk, rules.can_edit_scope)
    if request.method == "POST":
        member = scope.member
        name = scope.name
        scope.delete()
        messages.success(request, f"De scope ‘{name}’ is verwijderd.")
        return redirect("audits:scope_list", member_pk=member.pk)
    return render(
        request,
        "audits/scope_delete.html",
        {"scope": scope, "member": scope.member, "fte": scope.fte_in_scope},
    )


@require(rules.can_manage_full_time_week)
def full_time_week(request):
    form = FullTimeWeekForm(request.POST or None)
    if form.is_valid() and save_form(form):
        messages.success(request, SAVED)
        return redirect("audits:full_time_week")
    weeks = list(FullTimeWeek.objects.all())
    today = timezone.localdate()
    current = next((w for w in weeks if w.valid_from <= today), None)
    return render(
        request,
        "audits/full_time_week.html",
        {
            "form": form,
            "weeks": weeks,
            "current": current,
            "default_hours": calculator.data().full_time_hours_default,
        },
    )
