"""The certificate as a PDF, the press kit and the label's logo (issue 9 item 2).

The PDF is for everyone who may read the certificate; the press kit and the logo for the
member's admins and SWN (`rules.can_use_press_kit`). The logo only while the certificate is
valid today (hoofdstuk 2.7; Bijlage 6 stap 17-4): otherwise a page says why not.
"""

from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone

from kwaliteitslabel.common.access import get_allowed, login_required
from kwaliteitslabel.common.content_types import DOCX

from . import pdf as certificate_pdf
from . import press, rules, status
from .models import shown

PDF = "application/pdf"
LOGOS = {"png": "image/png", "svg": "image/svg+xml"}


def _certificate(request, number, rule):
    return get_allowed(shown(), rule, request.user, number=number)


def _download(data: bytes, content_type: str, name: str, inline: bool = False) -> HttpResponse:
    response = HttpResponse(data, content_type=content_type)
    disposition = "inline" if inline else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{name}"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def pdf(request, number):
    certificate = _certificate(request, number, rules.can_read)
    name = certificate_pdf.filename(certificate, "certificaat", "pdf")
    return _download(certificate_pdf.render(certificate), PDF, name)


@login_required
def press_release(request, number):
    certificate = _certificate(request, number, rules.can_use_press_kit)
    name = certificate_pdf.filename(certificate, "persbericht", "docx")
    return _download(press.press_release(certificate), DOCX, name)


@login_required
def invitation(request, number):
    certificate = _certificate(request, number, rules.can_use_press_kit)
    name = certificate_pdf.filename(certificate, "uitnodiging", "docx")
    return _download(press.invitation(certificate), DOCX, name)


@login_required
def logo(request, number, extension="png"):
    certificate = _certificate(request, number, rules.can_use_press_kit)
    today = timezone.localdate()
    state = status.status(certificate, today)
    if state != status.VALID:
        return render(
            request,
            "certificates/logo_refused.html",
            {
                "certificate": certificate,
                "state": state,
                "label": status.LABELS[state],
                "successor": certificate.continued_by(),
                "today": today,
            },
            status=403,
        )
    data = (certificate_pdf.ASSETS / f"logo.{extension}").read_bytes()
    name = f"logo-kwaliteitslabel-{certificate.number}.{extension}"
    return _download(data, LOGOS[extension], name)
