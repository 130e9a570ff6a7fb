"""The trends section (issue 10): verdict shares per norm over the audits, as pictures with
their tables, and the same numbers as CSV."""

import csv
import io

from django.http import HttpResponse
from django.shortcuts import render
from openpyxl import Workbook
from openpyxl.styles import Font

from kwaliteitslabel.common.access import require

from . import rules
from .charts import line_chart
from .forms import TrendFilterForm
from .routes import routes
from .shares import COUNTED, Filters, by_year, trend

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


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
    form, filters = _filters(request)
    if filters is None:
        return HttpResponse(
            "; ".join(e for errors in form.errors.values() for e in errors),
            status=400,
            content_type="text/plain; charset=utf-8",
        )
    rows = _table(trend(filters))
    name = f"trends-normen-{filters.framework}.{kind}"
    if kind == "csv":
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response.write("\ufeff")  # Excel reads UTF-8 with a byte-order mark
        writer = csv.writer(response)
        for row in rows:
            writer.writerow(
                [f"{v:.1f}".replace(".", ",") if isinstance(v, float) else v for v in row]
            )
    else:
        book = Workbook()
        sheet = book.active
        sheet.title = "Oordelen per norm"
        for row in rows:
            sheet.append(row)
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        sheet.freeze_panes = "A2"
        buffer = io.BytesIO()
        book.save(buffer)
        response = HttpResponse(buffer.getvalue(), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@require(rules.can_read_trends)
def norms_csv(request):
    return _export(request, "csv")


@require(rules.can_read_trends)
def norms_xlsx(request):
    return _export(request, "xlsx")
