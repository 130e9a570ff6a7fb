"""Download the self-assessment as PDF or Excel; upload the Excel file filled in offline."""

from django import forms
from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.text import slugify

from kwaliteitslabel.common.access import login_required
from kwaliteitslabel.common.content_types import XLSX
from kwaliteitslabel.common.validators import OfficeFileValidator

from . import pdf, rules, workbook
from .access import get_self_assessment


def _filename(sa, extension: str) -> str:
    day = sa.closed_on or timezone.localdate()
    return f"zelfevaluatie-{slugify(sa.member.name)}-{day:%Y-%m-%d}.{extension}"


def _download(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
def export_pdf(request, pk):
    sa = get_self_assessment(request, pk, rules.can_view)
    return _download(pdf.render(sa), "application/pdf", _filename(sa, "pdf"))


@login_required
def export_xlsx(request, pk):
    sa = get_self_assessment(request, pk, rules.can_manage)
    return _download(workbook.export(sa), XLSX, _filename(sa, "xlsx"))


class UploadForm(forms.Form):
    file = forms.FileField(
        label="Excel-bestand (.xlsx)",
        help_text="Het bestand dat u hier downloadde, met de antwoorden ingevuld.",
        error_messages={"required": "Kies het bestand.", "empty": "Het bestand is leeg."},
        validators=[OfficeFileValidator("xlsx")],
        # The file picker offers only .xlsx; the validator checks what comes anyway.
        widget=forms.FileInput(attrs={"accept": ".xlsx"}),
    )


@login_required
def import_xlsx(request, pk):
    sa = get_self_assessment(request, pk, rules.can_manage)
    may_edit = rules.can_edit(request.user, sa)
    form = UploadForm(request.POST or None, request.FILES or None)
    result, status = None, 200
    if request.method == "POST" and not may_edit:
        messages.error(
            request, "Deze zelfevaluatie is afgerond. Er kan niets meer worden ingelezen."
        )
        status = 409
    elif form.is_valid():
        result = workbook.read(sa, form.cleaned_data["file"])
        if not result.problems:
            try:
                count = workbook.apply(sa, result, request.user)
            except workbook.Conflict as conflict:
                result.problems.append(
                    workbook.Problem(
                        None,
                        None,
                        f"Het antwoord op {conflict} is net door iemand anders gewijzigd. "
                        "Er is niets ingelezen; probeer het opnieuw.",
                    )
                )
            else:
                messages.success(
                    request,
                    f"Ingelezen: {count} {'antwoord' if count == 1 else 'antwoorden'} opgeslagen, "
                    f"{result.unchanged} ongewijzigd, {result.skipped} zonder antwoord overgeslagen.",
                )
                return redirect("selfassessment:consolidate", pk=sa.pk)
        status = 400
    elif form.is_bound:
        status = 400
    return render(
        request,
        "selfassessment/import.html",
        {"sa": sa, "member": sa.member, "form": form, "result": result, "may_edit": may_edit},
        status=status,
    )
