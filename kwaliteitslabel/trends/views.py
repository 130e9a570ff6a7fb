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


def _years_table(filters, found) -> list[list]:
    """The year chart's numbers: per hardest norm the share partly or not met per year."""
    year_list, per_year, lines = by_year(filters, [r.norm for r in found.struggles(5)])
    rows = [["norm"] + [f"{y} (% deels of niet)" for y in year_list]]
    rows.append(["toetsingen"] + [per_year[y] for y in year_list])
    for line in lines:
        rows.append([line.norm.code] + ["" if v is None else v for _, v in line.points])
    return rows


def _routes_table(filters) -> list[list]:
    header = ["route", "toetsingen", "positief", "negatief", "loopt nog"]
    rows = [header + ["plan in één keer goed", "plan na aanpassen goed"]]
    for r in routes(filters):
        figures = [r.audits, r.positive, r.negative, r.running, r.first_round, r.amended]
        rows.append([r.label] + (figures if r.shown else ["te weinig"] + [""] * 5))
    return rows


# The tables of the page, by the name an export asks for them (issue 10 item 6).
TABLES = {
    "normen": ("Oordelen per norm", lambda filters, found: _table(found)),
    "jaren": ("Deels of niet per jaar", _years_table),
    "routes": ("Routes", lambda filters, found: _routes_table(filters)),
}


def _export(request, kind: str):
    form, filters = filters_from(request)
    if filters is None:
        return exports.refused(form)
    key = request.GET.get("tabel", "normen")
    if key not in TABLES:
        return exports.refused_because(f"Tabel: kies {', '.join(TABLES)}.")
    found = trend(filters)

    def rows(key):
        # Below the minimum group only the norms' header: the rest would tell about fewer audits.
        if found.shown or key == "normen":
            return TABLES[key][1](filters, found)
        return [[f"te weinig toetsingen (minder dan {rules.MIN_GROUP})"]]

    name = f"trends-normen-{filters.framework}"
    if kind == "xlsx":
        return exports.book([(title, rows(k)) for k, (title, _) in TABLES.items()], name)
    return exports.table(rows(key), f"{name}-{key}" if key != "normen" else name, "csv", "")


@require(rules.can_read_trends)
def norms_csv(request):
    return _export(request, "csv")


@require(rules.can_read_trends)
def norms_xlsx(request):
    return _export(request, "xlsx")
