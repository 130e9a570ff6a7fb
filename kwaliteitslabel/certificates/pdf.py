"""The certificate as a one-page A4 PDF to print and frame (issue 9 item 2).

What it says comes from `facts()`, which the press kit (`press.py`) fills its letters with
as well: the member, its town, the scope, the dates, the number. A QR code and the short
address beside it lead to the public verification page, where anyone sees whether the
certificate is still valid: the paper on the wall cannot say so itself.

Tagged PDF/UA-1, as the audit report (`reports/pdf.py`): the HTML has a language, a title,
a heading and text alternatives for the images.
"""

import base64
from dataclasses import dataclass
from pathlib import Path

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.formats import date_format

ASSETS = Path(__file__).resolve().parent / "assets"
LABEL = "Kwaliteitslabel Sterk Sociaal Werk"
ISSUER = "Sociaal Werk Nederland"
LONG_NAME, LONG_SCOPE = 48, 120  # characters


def long_date(day) -> str:
    """ "1 maart 2025" """
    return date_format(day, "j F Y")


def join(items: list[str]) -> str:
    """ "a", "a en b", "a, b en c" """
    items = [str(i) for i in items]
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} en {items[-1]}"


def verification_url(number: str) -> str:
    """The absolute address of the certificate's public verification page."""
    return settings.SITE_URL + reverse("certificates:verify", args=[number])


def short_address(url: str) -> str:
    """The address as people type it: without "https://"."""
    return url.split("://", 1)[-1]


def qr_code(data: str) -> qrcode.QRCode:
    """The QR code for `data`; medium error correction survives a smudge or a glare on glass."""
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=0)
    code.add_data(data)
    code.make(fit=True)
    return code


def qr_svg(data: str) -> str:
    """The QR code as an SVG image: sharp at every print size."""
    image = qr_code(data).make_image(image_factory=qrcode.image.svg.SvgPathImage)
    return image.to_string(encoding="unicode")


def data_uri(svg: str) -> str:
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()


@dataclass(frozen=True)
class Facts:
    """What the certificate, the press release and the invitation say, as text."""

    number: str
    member: str
    town: str
    work_types: list[str]
    whole_organisation: bool
    framework: str  # "Normenkader 2019"
    body: str
    valid_from: str  # "1 maart 2025"
    valid_until: str
    issued_on: str
    url: str

    @property
    def work(self) -> str:
        """ "maatschappelijk werk en ouderenwerk" """
        return join(self.work_types)

    @property
    def part(self) -> str:
        return "de hele organisatie" if self.whole_organisation else "een deel van de organisatie"

    @property
    def scope(self) -> str:
        """ "maatschappelijk werk en ouderenwerk, in de hele organisatie" """
        return f"{self.work}, in {self.part}"

    @property
    def short_address(self) -> str:
        return short_address(self.url)


def facts(certificate) -> Facts:
    return Facts(
        number=certificate.number,
        member=certificate.member.name,
        town=certificate.member.city,
        work_types=[w.name for w in certificate.work_types.all()],
        whole_organisation=certificate.whole_organisation,
        framework=str(certificate.framework),
        body=certificate.body.name,
        valid_from=long_date(certificate.valid_from),
        valid_until=long_date(certificate.valid_until),
        issued_on=long_date(certificate.issued_on),
        url=verification_url(certificate.number),
    )


def filename(certificate, what: str, extension: str) -> str:
    """ "certificaat-KSSW-2026-0007.pdf" """
    return f"{what}-{certificate.number}.{extension}"


def context(certificate) -> dict:
    f = facts(certificate)
    return {
        "f": f,
        "label": LABEL,
        "issuer": ISSUER,
        "title": f"Certificaat {LABEL} {f.number}, {f.member}",
        "qr": data_uri(qr_svg(f.url)),
        # Past about two lines, the name and the scope take smaller letters to stay on the page.
        "long_name": len(f.member) > LONG_NAME,
        "long_scope": len(f.work) > LONG_SCOPE,
    }


def html(certificate) -> str:
    return render_to_string("certificates/certificate_pdf.html", context(certificate))


def render(certificate) -> bytes:
    # Imported here: WeasyPrint loads Pango on import, which only the exports need.
    from weasyprint import HTML

    document = HTML(string=html(certificate), base_url=ASSETS.as_uri() + "/")
    return document.write_pdf(pdf_variant="pdf/ua-1")
