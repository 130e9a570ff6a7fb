"""Every trend view as CSV and Excel (issue 10 item 6): one writer for all, fed the same rows
the page shows, so the exports cannot disagree with the pictures."""

import csv
import io

from django.http import HttpResponse
from openpyxl import Workbook
from openpyxl.styles import Font

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def refused(form) -> HttpResponse:
    """A 400 naming each field in error, for an export asked with bad filters."""
    return HttpResponse(
        "; ".join(e for errors in form.errors.values() for e in errors),
        status=400,
        content_type="text/plain; charset=utf-8",
    )


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
        book = Workbook()
        tab = book.active
        tab.title = sheet[:31]  # Excel's limit on a sheet's name
        for row in rows:
            tab.append(row)
        for cell in tab[1]:
            cell.font = Font(bold=True)
        tab.freeze_panes = "A2"
        buffer = io.BytesIO()
        book.save(buffer)
        response = HttpResponse(buffer.getvalue(), content_type=XLSX)
    else:
        raise ValueError(kind)
    response["Content-Disposition"] = f'attachment; filename="{name}.{kind}"'
    return response
