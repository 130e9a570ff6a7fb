"""The trends section (issue 10): verdict shares per norm over the audits, as pictures with
their tables, and the same numbers as CSV."""

from django.shortcuts import render

from kwaliteitslabel.common.access import require

from . import exports, rules
from .charts import line_chart
from .forms import filters_from
from .routes import routes
from .shares import COUNTED, by_year, trend


@require(rules.can_read_trends)
def norms(request):
    form, filters = filters_from(request)
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
        years["routes"] = routes(filters)
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


def _table(found) -> list[list]:
    """The numbers of the page as rows, for CSV and Excel alike (issue 10 item 6)."""
    rows = [
        ["norm", "rubriek", "toetsingen"]
        + [f"{v.label} (aantal)" for v in COUNTED]
        + [f"{v.label} (%)" for v in COUNTED]
    ]
    if found.shown:
        for row in found.rows:
            rows.append(
                [row.norm.code, row.norm.rubric.name, row.total]
                + [row.counts.get(v.value, 0) for v in COUNTED]
                + [row.share(v.value) for v in COUNTED]
            )
    return rows


def _export(request, kind: str):
    form, filters = filters_from(request)
    if filters is None:
        return exports.refused(form)
    rows = _table(trend(filters))
    return exports.table(rows, f"trends-normen-{filters.framework}", kind, "Oordelen per norm")


@require(rules.can_read_trends)
def norms_csv(request):
    return _export(request, "csv")


@require(rules.can_read_trends)
def norms_xlsx(request):
    return _export(request, "xlsx")
