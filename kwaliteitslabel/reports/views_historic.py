"""SWN's historic reports: the list, the empty workbook, and its import (issue 8, item 8).

For SWN's secretariat and advisers only (`is_swn_staff`): they run the scheme and keep
its records. The import is all or nothing (`historic.read`); a refused file shows every
problem by row and column, with status 400.
"""

from django import forms
from django.contrib import messages
from django.db.models import Count, Q
from django.http import HttpResponse
from django.shortcuts import redirect, render

from kwaliteitslabel.accounts.rules import is_swn_staff
from kwaliteitslabel.common.access import require
from kwaliteitslabel.common.content_types import XLSX
from kwaliteitslabel.common.validators import OfficeFileValidator

from . import historic
from .models_historic import HISTORIC_VERDICTS, HistoricReport

# Per verdict, the column of the list and the name of its count.
COUNT_COLUMNS = [(value, f"n_{value}") for value, _ in HISTORIC_VERDICTS]


@require(is_swn_staff)
def historic_list(request):
    # The counts per verdict in the same query as the reports: one query, however many.
    reports = list(
        HistoricReport.objects.select_related("member", "body", "framework", "imported_by")
        .annotate(
            **{
                name: Count("verdicts", filter=Q(verdicts__verdict=value))
                for value, name in COUNT_COLUMNS
            }
        )
        .order_by("-audit_date", "member__name")
    )
    for r in reports:
        r.count_list = [getattr(r, name) for _, name in COUNT_COLUMNS]
    return render(
        request,
        "reports/historic_list.html",
        {"reports": reports, "verdicts": [label for _, label in HISTORIC_VERDICTS]},
    )


@require(is_swn_staff)
def historic_template(request):
    framework = historic.default_framework()
    response = HttpResponse(historic.template(framework), content_type=XLSX)
    version = framework.version if framework else "leeg"
    response["Content-Disposition"] = (
        f'attachment; filename="historische-rapporten-normenkader-{version}.xlsx"'
    )
    return response


class UploadForm(forms.Form):
    file = forms.FileField(
        label="Excel-bestand (.xlsx)",
        help_text="Het sjabloon van deze pagina, met één rij per rapport ingevuld.",
        error_messages={"required": "Kies het bestand.", "empty": "Het bestand is leeg."},
        validators=[OfficeFileValidator("xlsx")],
        # The file picker offers only .xlsx; the validator checks what comes anyway.
        widget=forms.FileInput(attrs={"accept": ".xlsx"}),
    )


@require(is_swn_staff)
def historic_import(request):
    form = UploadForm(request.POST, request.FILES) if request.method == "POST" else UploadForm()
    problems, status = [], 200
    if form.is_valid():
        try:
            reports = historic.read(form.cleaned_data["file"], request.user)
        except historic.Refused as refused:
            problems, status = refused.problems, 400
        else:
            n = len(reports)
            messages.success(
                request,
                f"Ingelezen: {n} {'historisch rapport' if n == 1 else 'historische rapporten'}.",
            )
            return redirect("reports:historic_list")
    elif form.is_bound:
        status = 400
    framework = historic.default_framework()
    return render(
        request,
        "reports/historic_import.html",
        {
            "form": form,
            "problems": problems,
            "framework": framework,
            "signs": historic.SIGNS_TEXT,
        },
        status=status,
    )
