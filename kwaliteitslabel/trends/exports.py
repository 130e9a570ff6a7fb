"""Every trend view as CSV and Excel (issue 10 item 6): one writer for all, fed the same rows
the page shows, so the exports cannot disagree with the pictures."""

import csv
import io

from django.http import HttpResponse
from openpyxl import Workbook
from openpyxl.styles import Font

from kwaliteitslabel.common.content_types import XLSX


def refused(form) -> HttpResponse:
    """A 400 naming each field in error, for an export asked with bad filters."""
    return refused_because("; ".join(e for errors in form.errors.values() for e in errors))


def refused_because(message: str) -> HttpResponse:
    return HttpResponse(message, status=400, content_type="text/plain; charset=utf-8")


def table(rows: list[list], name: str, kind: str, sheet: str) -> HttpResponse:
    """`rows` (a header row first) as `name`.csv or `name`.xlsx; `sheet` names the tab."""
    if kind == "csv":
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response.write("\ufeff")  # Excel reads UTF-8 with a byte-order mark
        writer = csv.writer(response)
        for row in rows:
            writer.writerow(
                [f"{v:.1f}".replace(".", ",") if isinstance(v, float) else v for v in row]
            )
    elif kind == "xlsx":
        return book([(sheet, rows)], name)
    else:
        raise ValueError(kind)
    response["Content-Disposition"] = f'attachment; filename="{name}.{kind}"'
    return response


def book(sheets: list[tuple[str, list[list]]], name: str) -> HttpResponse:
    """An Excel workbook with a tab per (title, rows): every table of a page in one file."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    for title, rows in sheets:
        tab = workbook.create_sheet(title[:31])  # Excel's limit on a sheet's name
        for row in rows:
            tab.append(row)
        for cell in tab[1]:
            cell.font = Font(bold=True)
        tab.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
    return response
