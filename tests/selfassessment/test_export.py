"""Export as PDF and Excel; import from the same Excel layout, all or nothing (issue 5, item 7)."""

import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from kwaliteitslabel.common.content_types import XLSX
from kwaliteitslabel.selfassessment import workbook
from kwaliteitslabel.selfassessment.models import Consolidation

from .helpers import make_self_assessment
from .test_readiness import consolidate

pytestmark = pytest.mark.django_db

FIRST = workbook.HEADER_ROW + 1  # the row of V1


def download(client, sa):
    response = client.get(reverse("selfassessment:export_xlsx", kwargs={"pk": sa.pk}))
    assert response.status_code == 200
    assert response["Content-Type"] == XLSX
    return load_workbook(io.BytesIO(response.content))


def upload(client, sa, wb, name="zelfevaluatie.xlsx"):
    out = io.BytesIO()
    wb.save(out)
    return client.post(
        reverse("selfassessment:import_xlsx", kwargs={"pk": sa.pk}),
        {"file": SimpleUploadedFile(name, out.getvalue())},
    )


def row_of(ws, code):
    return next(r for r in range(FIRST, ws.max_row + 1) if ws.cell(r, workbook.CODE).value == code)


def state(sa):
    """{code: (verdict, explanation, version)} of the organisation's answers."""
    return {
        f"{rubric}{number}": rest
        for rubric, number, *rest in Consolidation.objects.filter(self_assessment=sa).values_list(
            "norm__rubric__code", "norm__number", "verdict", "explanation", "version"
        )
    }


def test_excel_has_one_row_per_norm_with_the_organisations_answers(client_as, world):
    sa = make_self_assessment(world)
    consolidate(sa, world.users["member_admin"], not_met=1, partly=1, leave_open=2)
    ws = download(client_as("member_admin"), sa)[workbook.SHEET]
    assert ws[workbook.FRAMEWORK_CELL].value == "2019"
    assert [c.value for c in ws[workbook.HEADER_ROW]] == [name for name, _ in workbook.COLUMNS]
    codes = [ws.cell(r, workbook.CODE).value for r in range(FIRST, ws.max_row + 1)]
    assert len(codes) == 49 and codes[:2] == ["V1", "V2"] and codes[-1] == "O23"
    assert [ws.cell(FIRST + i, workbook.ANSWER).value for i in range(5)] == [
        "- voldoet niet",
        "+/- deels",
        None,
        None,
        "+ voldoet",
    ]
    assert ws.cell(FIRST, workbook.VERSION).value == 1
    assert ws.column_dimensions["H"].hidden


def test_round_trip_changes_only_what_the_file_changes(client_as, world):
    sa = make_self_assessment(world)
    consolidate(sa, world.users["member_admin"], partly=1)
    client = client_as("member_admin")
    wb = download(client, sa)
    ws = wb[workbook.SHEET]
    ws.cell(FIRST, workbook.ANSWER, "+")
    ws.cell(FIRST, workbook.EXPLANATION, "Scholingsplan bijgewerkt.")
    before = state(sa)
    response = upload(client, sa, wb)
    assert response.status_code == 302, response.content.decode()
    after = state(sa)
    assert {code for code in after if after[code] != before[code]} == {"V1"}
    v1 = Consolidation.objects.get(self_assessment=sa, norm__rubric__code="V", norm__number=1)
    assert (v1.verdict, v1.explanation, v1.version) == ("met", "Scholingsplan bijgewerkt.", 2)
    assert v1.history.count() == 1  # bulk-created in the test, then one change
    # The same file again changes nothing more and is not a conflict.
    ws.cell(FIRST, workbook.VERSION, 2)
    assert upload(client, sa, wb).status_code == 302
    assert state(sa) == after


def test_a_blank_file_filled_offline_is_imported_whole(client_as, world):
    sa = make_self_assessment(world)
    client = client_as("member_admin")
    wb = download(client, sa)
    ws = wb[workbook.SHEET]
    spellings = ["+", "voldoet", "+ voldoet", "deels", "-", "voldoet niet", "+/-"]
    for i, row in enumerate(range(FIRST, ws.max_row + 1)):
        ws.cell(row, workbook.ANSWER, spellings[i % len(spellings)])
    response = upload(client, sa, wb)
    assert response.status_code == 302
    assert len(state(sa)) == 49
    assert (
        Consolidation.objects.get(
            self_assessment=sa, norm__rubric__code="V", norm__number=4
        ).verdict
        == "partly"
    )


def test_every_problem_is_reported_by_row_and_column_and_nothing_is_imported(client_as, world):
    sa = make_self_assessment(world)
    consolidate(sa, world.users["member_admin"])
    client = client_as("member_admin")
    wb = download(client, sa)
    ws = wb[workbook.SHEET]
    ws.cell(FIRST, workbook.ANSWER, "deels")  # a good change on V1 ...
    ws.cell(FIRST + 1, workbook.ANSWER, "misschien")
    ws.cell(FIRST + 2, workbook.ANSWER, "n.v.t.")
    ws.cell(FIRST + 2, workbook.EXPLANATION, "")
    ws.cell(FIRST + 3, workbook.CODE, "X99")
    ws.cell(FIRST + 4, workbook.CODE, "V1")
    before = state(sa)
    response = upload(client, sa, wb)
    assert response.status_code == 400
    page = response.content.decode()
    assert "Er is niets ingelezen: 4 problemen" in page
    assert f"Rij {FIRST + 1}, kolom E (Antwoord): ‘misschien’ is geen antwoord" in page
    assert f"Rij {FIRST + 2}, kolom F (Toelichting): leg uit waarom norm V3" in page
    assert f"Rij {FIRST + 3}, kolom A (Code): norm ‘X99’ bestaat niet in normenkader 2019" in page
    assert f"Rij {FIRST + 4}, kolom A (Code): norm V1 staat ook al in rij {FIRST}" in page
    assert state(sa) == before  # ... is not saved either


def test_an_answer_changed_after_the_download_is_not_overwritten(client_as, world):
    sa = make_self_assessment(world)
    consolidate(sa, world.users["member_admin"])
    client = client_as("member_admin")
    wb = download(client, sa)
    v2 = Consolidation.objects.get(self_assessment=sa, norm__rubric__code="V", norm__number=2)
    Consolidation.objects.filter(pk=v2.pk).update(verdict="not_met", version=2)
    ws = wb[workbook.SHEET]
    ws.cell(FIRST + 1, workbook.ANSWER, "deels")
    response = upload(client, sa, wb)
    assert response.status_code == 400
    assert (
        f"Rij {FIRST + 1}, kolom H (Versie): het antwoord op V2 is na het downloaden gewijzigd"
        in (response.content.decode())
    )
    v2.refresh_from_db()
    assert v2.verdict == "not_met"


@pytest.mark.parametrize(
    ("spoil", "message"),
    [
        (
            lambda ws: ws.cell(2, 2, "2016"),
            "Rij 2, kolom B (Rubriek): het bestand hoort bij normenkader ‘2016’",
        ),
        (
            lambda ws: ws.cell(workbook.HEADER_ROW, 5, "Oordeel"),
            "hier hoort de kop ‘Antwoord’, niet ‘Oordeel’",
        ),
        (lambda ws: setattr(ws, "title", "Blad1"), "Het werkblad ‘Zelfevaluatie’ ontbreekt."),
    ],
)
def test_a_file_of_another_layout_is_refused(client_as, world, spoil, message):
    sa = make_self_assessment(world)
    client = client_as("member_admin")
    wb = download(client, sa)
    spoil(wb.active)
    response = upload(client, sa, wb)
    assert response.status_code == 400 and message in response.content.decode()
    assert not Consolidation.objects.exists()


def test_a_file_that_is_not_a_workbook_is_refused(client_as, world):
    sa = make_self_assessment(world)
    response = client_as("member_admin").post(
        reverse("selfassessment:import_xlsx", kwargs={"pk": sa.pk}),
        {"file": SimpleUploadedFile("antwoorden.xlsx", b"geen excel")},
    )
    assert response.status_code == 400
    # The shared upload check (common.validators) refuses it at the field.
    assert response.context["form"].errors["file"] == [
        "‘antwoorden.xlsx’ is geen echt Excel-bestand: de inhoud is geen .xlsx."
    ]


def test_a_closed_self_assessment_takes_no_import(client_as, world):
    sa = make_self_assessment(world)
    consolidate(sa, world.users["member_admin"])
    client = client_as("member_admin")
    wb = download(client, sa)
    sa.closed_on = datetime.date(2026, 1, 15)
    sa.save()
    wb[workbook.SHEET].cell(FIRST, workbook.ANSWER, "-")
    before = state(sa)
    response = upload(client, sa, wb)
    assert response.status_code == 409
    assert state(sa) == before


def test_pdf_holds_the_answers_explanations_and_outcome(client_as, world):
    sa = make_self_assessment(world, closed_on=datetime.date(2026, 1, 15))
    consolidate(sa, world.users["member_admin"], not_met=1, partly=2)
    Consolidation.objects.filter(self_assessment=sa, verdict="not_met").update(
        explanation="Geen toetsing van leveranciers."
    )
    response = client_as("member_admin").get(
        reverse("selfassessment:export_pdf", kwargs={"pk": sa.pk})
    )
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    text = " ".join(text.split())
    assert world.member_a.name in text
    assert "Route b: verbeterplan voor 3 normen" in text
    assert "Geen toetsing van leveranciers." in text
    assert all(code in text for code in ("V1", "D11", "O23"))
    assert "pagina 1 van" in text
