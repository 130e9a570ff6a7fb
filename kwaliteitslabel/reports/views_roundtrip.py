"""The findings as a Word file: download, edit offline, upload with a preview (issue 8, item 4).

Step 1 reads the uploaded file and shows the changes per norm; they travel to step 2 in a
signed hidden field (nothing is uploaded twice), and step 2 saves them all or none.
"""

from django import forms
from django.contrib import messages
from django.core import signing
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.text import slugify

from kwaliteitslabel.audits import rules_findings, workflow
from kwaliteitslabel.audits.views_audit import _audit, _refused
from kwaliteitslabel.common.access import login_required
from kwaliteitslabel.common.content_types import DOCX
from kwaliteitslabel.common.validators import OfficeFileValidator

from . import roundtrip

MAX_AGE = 60 * 60 * 4  # a preview left open for a long time is read again


class UploadForm(forms.Form):
    file = forms.FileField(
        label="Word-bestand (.docx)",
        help_text="Het bestand met de bevindingen dat u hier downloadde, met uw wijzigingen.",
        error_messages={"required": "Kies het bestand.", "empty": "Het bestand is leeg."},
        validators=[OfficeFileValidator("docx")],
        # The file picker offers only .docx; the validator checks what comes anyway.
        widget=forms.FileInput(attrs={"accept": ".docx"}),
    )


def _salt(audit, user) -> str:
    return f"reports.findings_upload:{audit.pk}:{user.pk}"


@login_required
def findings_docx(request, pk):
    audit = _audit(request, pk, rules_findings.can_record)
    response = HttpResponse(roundtrip.findings_docx(audit), content_type=DOCX)
    filename = f"bevindingen-{slugify(audit.member.name)}-toetsing-{audit.pk}.docx"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _save(request, audit):
    try:
        data = signing.loads(
            request.POST["changes"], salt=_salt(audit, request.user), max_age=MAX_AGE
        )
        changes = [roundtrip.Change(*item) for item in data["changes"]]
        versions = {code: int(v) for code, v in data["versions"].items()}
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        messages.error(
            request,
            "De voorvertoning is verlopen of beschadigd. Er is niets opgeslagen: "
            "lees het bestand opnieuw in.",
        )
        return redirect("reports:findings_upload", pk=audit.pk)
    try:
        count = roundtrip.apply(audit, request.user, changes, versions)
    except workflow.Refused as refused:
        _refused(request, refused)
        return redirect("reports:findings_upload", pk=audit.pk)
    messages.success(
        request,
        f"Ingelezen uit Word: {count} {'norm' if count == 1 else 'normen'} bijgewerkt.",
    )
    return redirect("audits:findings", pk=audit.pk)


def _per_norm(changes) -> list[tuple[str, list]]:
    grouped: dict[str, list] = {}
    for change in changes:
        grouped.setdefault(change.code, []).append(change)
    return list(grouped.items())


@login_required
def findings_upload(request, pk):
    audit = _audit(request, pk, rules_findings.can_record)
    if request.method == "POST" and "changes" in request.POST:
        return _save(request, audit)
    form = UploadForm(request.POST or None, request.FILES or None)
    problems = []
    if form.is_valid():
        try:
            changes = roundtrip.read(audit, form.cleaned_data["file"])
        except workflow.Refused as refused:
            problems = refused.reasons
        else:
            if not changes:
                messages.info(
                    request,
                    "Het bestand is gelijk aan de bevindingen op het platform; "
                    "er is niets te wijzigen.",
                )
                return redirect("reports:findings_upload", pk=audit.pk)
            token = signing.dumps(
                {
                    "changes": [[c.code, c.field, c.old, c.new] for c in changes],
                    "versions": changes.versions,
                },
                salt=_salt(audit, request.user),
                compress=True,
            )
            return render(
                request,
                "reports/findings_upload_preview.html",
                {
                    "audit": audit,
                    "per_norm": _per_norm(changes),
                    "count": len(changes),
                    "token": token,
                },
            )
    return render(
        request,
        "reports/findings_upload.html",
        {"audit": audit, "form": form, "problems": problems},
        status=400 if form.is_bound else 200,
    )
