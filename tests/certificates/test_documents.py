"""The certificate as PDF, the press kit and the logo (issue 9 item 2)."""

import base64
import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from docx import Document
from pypdf import PdfReader

from kwaliteitslabel.certificates import pdf, press, status
from kwaliteitslabel.common.dates import add_months
from kwaliteitslabel.members.models import WorkType
from tests.audits.helpers import ELDERLY, SOCIAL
from tests.certificates.helpers import make_certificate, re_audit

pytestmark = pytest.mark.django_db
SITE = "https://kwaliteitslabel.example.nl"


@pytest.fixture(autouse=True)
def site_url(settings):
    settings.SITE_URL = SITE


def certificate_from(world, valid_from, **fields):
    """Two years valid from `valid_from`, audited by body X; member A unless told."""
    return make_certificate(world, valid_from, valid_until=add_months(valid_from, 24), **fields)


def months_ago(months):
    return add_months(timezone.localdate(), -months)


def pdf_text(data: bytes) -> tuple[str, int]:
    reader = PdfReader(io.BytesIO(data))
    return " ".join(" ".join(p.extract_text().split()) for p in reader.pages), len(reader.pages)


def docx_text(data: bytes) -> str:
    doc = Document(io.BytesIO(data))
    cells = [c.text for t in doc.tables for row in t.rows for c in row.cells]
    return " ".join(" ".join([*cells, *(p.text for p in doc.paragraphs)]).split())


# --- The certificate as PDF --------------------------------------------------------------


def test_the_pdf_says_who_what_when_and_where_to_check(world):
    certificate = make_certificate(
        world,
        datetime.date(2025, 3, 1),
        number="KSSW-2025-0042",
        valid_until=datetime.date(2027, 3, 1),
        work_types=(SOCIAL, ELDERLY),
    )
    text, pages = pdf_text(pdf.render(certificate))
    assert pages == 1
    for expected in (
        "Kwaliteitslabel Sterk Sociaal Werk",
        "Sociaal Werk Nederland verklaart dat",
        "Stichting Welzijn Oost",
        "te Utrecht",
        "Normenkader 2019",
        "maatschappelijk werk en ouderenwerk",
        "in de hele organisatie",
        "Certificatie-instelling X",
        "1 maart 2025",
        "1 maart 2027",
        "KSSW-2025-0042",
        "kwaliteitslabel.example.nl/c/KSSW-2025-0042/",
    ):
        assert expected in text, expected


def test_a_part_of_the_organisation_is_said_so(world):
    certificate = certificate_from(world, months_ago(1))
    certificate.whole_organisation = False
    certificate.save()
    text, _ = pdf_text(pdf.render(certificate))
    assert "in een deel van de organisatie" in text
    assert "hele organisatie" not in text


def test_a_long_name_and_scope_still_fit_on_one_page(world):
    names = [f"werksoort nummer {i} met een lange naam" for i in range(1, 9)]
    WorkType.objects.bulk_create(WorkType(name=n, position=90 + i) for i, n in enumerate(names))
    member = world.member_a
    member.name = "Stichting voor Welzijn, Maatschappelijke Dienstverlening en Sociaal Werk Oost"
    member.save()
    certificate = certificate_from(world, months_ago(1), work_types=(SOCIAL, ELDERLY, *names))
    text, pages = pdf_text(pdf.render(certificate))
    assert pages == 1
    assert "werksoort nummer 8 met een lange naam" in text
    assert certificate.number in text


def test_the_qr_code_holds_the_verification_url(world):
    certificate = certificate_from(world, months_ago(1))
    expected = f"{SITE}/c/{certificate.number}/"
    assert expected == SITE + reverse("certificates:verify", args=[certificate.number])
    assert pdf.facts(certificate).url == expected
    # The image in the PDF is the QR code of exactly that address.
    svg = pdf.qr_svg(expected)
    assert (
        pdf.context(certificate)["qr"]
        == "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()
    )
    reference = pdf.qr_code(expected)
    assert pdf.qr_code(pdf.facts(certificate).url).get_matrix() == reference.get_matrix()
    assert reference.data_list[0].data == expected.encode()
    # And the short address beside it is the same address without the scheme.
    assert (
        pdf.facts(certificate).short_address
        == f"kwaliteitslabel.example.nl/c/{certificate.number}/"
    )


def test_the_member_downloads_the_pdf_with_the_number_in_its_name(client_as, world):
    certificate = certificate_from(world, months_ago(1))
    response = client_as("member_admin").get(reverse("certificates:pdf", args=[certificate.number]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert f'filename="certificaat-{certificate.number}.pdf"' in response["Content-Disposition"]
    assert response.content.startswith(b"%PDF")


# --- The press kit -----------------------------------------------------------------------


@pytest.mark.parametrize("make", [press.press_release, press.invitation])
def test_the_press_kit_is_filled_in_and_marks_what_to_personalise(world, make):
    certificate = make_certificate(
        world,
        datetime.date(2025, 3, 1),
        valid_until=datetime.date(2027, 3, 1),
        work_types=(SOCIAL, ELDERLY),
    )
    text = docx_text(make(certificate))
    for expected in (
        "Stichting Welzijn Oost",
        "Utrecht",
        "Het label geldt voor maatschappelijk werk en ouderenwerk, in de hele organisatie.",
        "1 maart 2025",
        "Kwaliteitslabel Sterk Sociaal Werk",
        "[datum]",
        "Tips bij",
        "Haal dit kader weg",
    ):
        assert expected in text, expected


def test_the_press_release_gives_number_expiry_and_where_to_check(world):
    certificate = certificate_from(world, months_ago(1))
    text = docx_text(press.press_release(certificate))
    assert certificate.number in text
    assert pdf.long_date(certificate.valid_until) in text
    assert f"kwaliteitslabel.example.nl/c/{certificate.number}/" in text
    assert "[Citaat" in text


def test_the_press_kit_leaves_a_part_of_the_organisation_to_name(world):
    certificate = certificate_from(world, months_ago(1))
    certificate.whole_organisation = False
    certificate.save()
    for make in (press.press_release, press.invitation):
        text = docx_text(make(certificate))
        assert "in een deel van de organisatie: [noem welk deel" in text
        assert "hele organisatie" not in text


def test_the_press_kit_downloads_as_word_files(client_as, world):
    certificate = certificate_from(world, months_ago(1))
    client = client_as("member_admin")
    for name, file in (("press_release", "persbericht"), ("invitation", "uitnodiging")):
        response = client.get(reverse(f"certificates:{name}", args=[certificate.number]))
        assert response.status_code == 200
        assert response["Content-Type"].endswith("wordprocessingml.document")
        disposition = response["Content-Disposition"]
        assert f'filename="{file}-{certificate.number}.docx"' in disposition
        assert "Stichting Welzijn Oost" in docx_text(response.content)


# --- The logo, while the certificate is valid only ----------------------------------------


def test_the_logo_is_served_while_valid(client_as, world):
    certificate = certificate_from(world, months_ago(1))
    assert status.status(certificate) == status.VALID
    client = client_as("member_admin")
    png = client.get(reverse("certificates:logo", args=[certificate.number]))
    assert png.status_code == 200
    assert png["Content-Type"] == "image/png"
    assert png.content.startswith(b"\x89PNG")
    assert certificate.number in png["Content-Disposition"]
    svg = client.get(reverse("certificates:logo_svg", args=[certificate.number]))
    assert svg.status_code == 200
    assert svg["Content-Type"] == "image/svg+xml"
    assert b"<svg" in svg.content and b"Kwaliteitslabel Sterk Sociaal Werk" in svg.content


def test_the_logo_is_refused_after_a_lapse(client_as, world):
    certificate = certificate_from(world, months_ago(30))  # expired 6 months ago, no re-audit
    assert status.status(certificate) == status.LAPSED
    for name in ("certificates:logo", "certificates:logo_svg"):
        response = client_as("member_admin").get(reverse(name, args=[certificate.number]))
        assert response.status_code == 403
        page = response.content.decode()
        assert "vervallen" in page
        assert "alleen gebruiken zolang uw certificaat geldig is" in page


def test_the_logo_is_refused_while_suspended(client_as, world):
    # Expired a month ago; the re-audit requested before expiry still runs (stap 17-2).
    certificate = certificate_from(world, months_ago(25))
    re_audit(world, add_months(certificate.valid_until, -3))
    assert status.status(certificate) == status.SUSPENDED
    response = client_as("swn_secretariat").get(
        reverse("certificates:logo", args=[certificate.number])
    )
    assert response.status_code == 403
    assert "opgeschort" in response.content.decode()
