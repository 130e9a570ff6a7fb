from django.shortcuts import render

from kwaliteitslabel.frameworks.models import Framework
from kwaliteitslabel.frameworks.services import crosswalk_rows

from . import calculator
from .forms import CalculatorForm


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
