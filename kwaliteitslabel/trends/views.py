"""The trends section (issue 10): verdict shares per norm over the audits, as pictures with
their tables, and the same numbers as CSV."""

import csv

from django.http import HttpResponse
from django.shortcuts import render

from kwaliteitslabel.common.access import require

from . import rules
from .charts import line_chart
from .forms import TrendFilterForm
from .shares import COUNTED, Filters, by_year, trend


def _filters(request) -> tuple[TrendFilterForm, Filters | None]:
    data = request.GET if request.GET else None
    form = TrendFilterForm(data)
    if data is None:
        return form, Filters(framework=form.fields["normenkader"].initial)
    if not form.is_valid():
        return form, None
    d = form.cleaned_data
    return form, Filters(d["normenkader"], d.get("van"), d.get("tot"), d.get("variant") or "")


@require(rules.can_read_trends)
def norms(request):
    form, filters = _filters(request)
    found = trend(filters) if filters else None
    years = None
    if found is not None and found.shown:
        # Issue 10 item 1: how the norms the branch struggles with most moved, year on year.
        year_list, per_year, lines = by_year(filters, [r.norm for r in found.struggles(5)])
        years = {
            "chart": line_chart(year_list, lines),
            "lines": lines,
            "audits": [(y, per_year[y]) for y in year_list],
        }
    return render(
        request,
        "trends/norms.html",
        {
            "form": form,
            "trend": found,
            "years": years,
            "min_group": rules.MIN_GROUP,
            "verdicts": COUNTED,
            "query": request.GET.urlencode(),
        },
        status=200 if filters else 400,
    )


@require(rules.can_read_trends)
def norms_csv(request):
    form, filters = _filters(request)
    if filters is None:
        return HttpResponse(
            "; ".join(e for errors in form.errors.values() for e in errors),
            status=400,
            content_type="text/plain; charset=utf-8",
        )
    found = trend(filters)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="trends-normen-{filters.framework}.csv"'
    )
    response.write("\ufeff")  # Excel reads UTF-8 with a byte-order mark
    writer = csv.writer(response)
    writer.writerow(
        ["norm", "rubriek", "toetsingen"]
        + [f"{v.label} (aantal)" for v in COUNTED]
        + [f"{v.label} (%)" for v in COUNTED]
    )
    if found.shown:
        for row in found.rows:
            writer.writerow(
                [row.norm.code, row.norm.rubric.name, row.total]
                + [row.counts.get(v.value, 0) for v in COUNTED]
                + [f"{row.share(v.value):.1f}".replace(".", ",") for v in COUNTED]
            )
    return response
