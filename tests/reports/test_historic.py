"""Historic reports: the template, the all-or-nothing import, the list (issue 8, item 8)."""

import datetime
import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from kwaliteitslabel.common.content_types import XLSX
from kwaliteitslabel.frameworks.models import Framework
from kwaliteitslabel.reports import historic
from kwaliteitslabel.reports.models import HistoricReport, HistoricVerdict

pytestmark = pytest.mark.django_db

CODES_2019 = (
    [f"V{i}" for i in range(1, 16)]
    + [f"D{i}" for i in range(1, 12)]
    + [f"O{i}" for i in range(1, 24)]
)
FIRST = historic.HEADER_ROW + 1


def url(name):
    return reverse(f"reports:{name}")


def download(client):
    response = client.get(url("historic_template"))
    assert response.status_code == 200
    assert response["Content-Type"] == XLSX
    assert "historische-rapporten-normenkader-2019.xlsx" in response["Content-Disposition"]
    return load_workbook(io.BytesIO(response.content))


def blank():
    return load_workbook(io.BytesIO(historic.template()))


def column(ws, header):
    return next(
        c for c in range(1, ws.max_column + 1) if ws.cell(historic.HEADER_ROW, c).value == header
    )


def fill(
    ws,
    row,
    member="1001",
    body="Certificatie-instelling X",
    framework="2019",
    audit="15-03-2021",
    report="02-04-2021",
    expiry="",
    kind="hertoetsing",
    advice="positief",
    verdicts=None,
):
    values = [member, body, framework, audit, report, expiry, kind, advice]
    for col, value in enumerate(values, start=1):
        ws.cell(row, col, value)
    signs = dict.fromkeys(CODES_2019, "+") | (verdicts or {})
    for code, sign in signs.items():
        ws.cell(row, column(ws, code), sign)


def upload(client, wb, name="rapporten-2021.xlsx"):
    out = io.BytesIO()
    wb.save(out)
    return client.post(url("historic_import"), {"file": SimpleUploadedFile(name, out.getvalue())})


def refused(response) -> str:
    assert response.status_code == 400
    page = response.content.decode()
    assert "Er is niets ingelezen" in page
    assert not HistoricReport.objects.exists() and not HistoricVerdict.objects.exists()
    return page


def test_the_template_has_the_report_columns_then_one_per_norm(client_as, world):
    wb = download(client_as("swn_secretariat"))
    assert wb.sheetnames == ["Rapporten"]
    ws = wb["Rapporten"]
    header = [c.value for c in ws[historic.HEADER_ROW]]
    assert header[:12] == [
        "lidnummer",
        "instelling",
        "normenkader",
        "datum toetsing",
        "datum rapport",
        "vervaldatum vorig certificaat",
        "soort",
        "advies",
        "fte",
        "werksoorten",
        "sterke punten",
        "verbeterpunten",
    ]
    assert header[12:] == CODES_2019
    assert ws.cell(1, 13).comment.text.startswith("Vakmanschap 1: ")
    validations = {str(v.sqref): v.formula1 for v in ws.data_validations.dataValidation}
    assert validations[f"M2:BI{historic.MAX_ROWS + 1}"] == '"+,+/-,-,n.v.t."'
    assert validations[f"H2:H{historic.MAX_ROWS + 1}"] == '"positief,negatief"'
    assert ws.max_row == 1  # no example row that could be imported by mistake


def test_a_filled_template_is_imported_whole_with_the_counts_derived(client_as, world):
    client = client_as("swn_secretariat")
    wb = download(client)
    ws = wb["Rapporten"]
    # Route b with positive advice: the plans were approved, so this is fine.
    fill(ws, FIRST, verdicts={"V2": "+/-", "D3": "-", "O5": "n.v.t.", "O6": "nvt"})
    fill(
        ws,
        FIRST + 1,
        member="1002",
        body="Keurmerk Oud B.V.",
        audit=datetime.datetime(2018, 6, 1),
        report="",
        expiry="2018-09-30",
        kind="",
        advice="Positief",
    )
    response = upload(client, wb)
    assert response.status_code == 302 and response["Location"] == url("historic_list")
    first, second = HistoricReport.objects.order_by("member__member_number")
    assert first.member == world.member_a and first.body == world.body_x
    assert first.framework == Framework.objects.get(version="2019")
    assert (first.audit_date, first.report_date, first.previous_expiry) == (
        datetime.date(2021, 3, 15),
        datetime.date(2021, 4, 2),
        None,
    )
    assert (first.kind, first.advice) == ("hertoetsing", "positive")
    assert first.counts == {"met": 45, "partly": 1, "not_met": 1, "not_applicable": 2}
    assert first.outcome().route == "b"
    assert (first.imported_by, first.source_filename) == (
        world.users["swn_secretariat"],
        "rapporten-2021.xlsx",
    )
    assert first.history.count() == 1 and first.history.first().history_user == first.imported_by
    # A body no longer on the platform keeps its name.
    assert second.body is None and second.body_name == "Keurmerk Oud B.V."
    assert second.body_display == "Keurmerk Oud B.V."
    assert (second.audit_date, second.report_date, second.previous_expiry) == (
        datetime.date(2018, 6, 1),
        None,
        datetime.date(2018, 9, 30),
    )
    assert second.counts == {"met": 49, "partly": 0, "not_met": 0, "not_applicable": 0}
    assert HistoricVerdict.objects.count() == 98
    assert HistoricVerdict.history.count() == 98
    page = client.get(url("historic_list")).content.decode()
    assert "Ingelezen: 2 historische rapporten." in page


def test_part_a_columns_are_optional_and_kept_when_given(client_as, world):
    """Issue 10: the FTE, work types and points of part A (Bijlage 7), for the trends."""
    client = client_as("swn_secretariat")
    wb = download(client)
    ws = wb["Rapporten"]
    fill(ws, FIRST)
    fill(ws, FIRST + 1, member="1002")
    ws.cell(FIRST, column(ws, "fte"), "42,5")
    ws.cell(FIRST, column(ws, "werksoorten"), "Ouderenwerk; maatschappelijk werk;")
    ws.cell(FIRST, column(ws, "sterke punten"), "- Betrokken medewerkers\n\n• Korte lijnen")
    ws.cell(FIRST, column(ws, "verbeterpunten"), "1. Klachtenregeling bekendmaken")
    assert upload(client, wb).status_code == 302
    given, bare = HistoricReport.objects.order_by("member__member_number")
    assert given.fte == Decimal("42.50")
    assert sorted(w.name for w in given.work_types.all()) == ["maatschappelijk werk", "ouderenwerk"]
    assert given.strengths == "Betrokken medewerkers\nKorte lijnen"
    assert given.improvement_points == "Klachtenregeling bekendmaken"
    # Each point has its row with the platform's suggestion, waiting for a person to confirm.
    points = {p.text: p for p in given.points.select_related("suggested_norm")}
    assert set(points) == {"Betrokken medewerkers", "Korte lijnen", "Klachtenregeling bekendmaken"}
    assert points["Klachtenregeling bekendmaken"].suggested_norm.code == "O17"
    assert all(p.norm is None for p in points.values())
    assert (bare.fte, bare.strengths, list(bare.work_types.all())) == (None, "", [])


def test_bad_part_a_cells_are_named_and_nothing_is_saved(client_as, world):
    client = client_as("swn_secretariat")
    wb = download(client)
    ws = wb["Rapporten"]
    fill(ws, FIRST)
    fill(ws, FIRST + 1, member="1002")
    ws.cell(FIRST, column(ws, "fte"), "veel")
    ws.cell(FIRST + 1, column(ws, "fte"), "0")
    ws.cell(FIRST + 1, column(ws, "werksoorten"), "ouderenwerk; breakdance")
    page = refused(upload(client, wb))
    assert "Rij 2, kolom I (fte): ‘veel’ is geen aantal fte" in page
    assert "Rij 3, kolom I (fte): het aantal fte moet groter zijn dan 0." in page
    assert "Rij 3, kolom J (werksoorten): ‘breakdance’ staat niet in de lijst" in page
    assert not HistoricReport.objects.exists()


def test_every_problem_is_named_by_row_and_column_and_nothing_is_saved(client_as, world):
    client = client_as("swn_adviser")
    wb = blank()
    ws = wb["Rapporten"]
    rows = {
        2: {},  # a good row ...
        3: {"member": "9999"},
        4: {"member": ""},
        5: {"framework": "2020"},
        6: {"audit": "31-02-2021"},
        7: {"audit": ""},
        8: {"report": "gisteren"},
        9: {"audit": "01-03-2021", "report": "01-02-2021"},
        10: {"audit": "01-01-2099", "report": ""},
        11: {"advice": "misschien"},
        12: {"verdicts": {"V3": "ok"}},
        13: {"verdicts": {"D4": ""}},
        14: {"body": ""},
        15: {"kind": "x" * 101},
        16: {},
    }
    for row, fields in rows.items():
        fill(ws, row, **({"audit": f"{row:02d}-03-2021"} | fields))
    ws.cell(16, ws.max_column + 1, "+")  # a cell in a column without a header
    page = refused(upload(client, wb))
    expected = [
        "Rij 3, kolom A (lidnummer): er is geen lidorganisatie met lidnummer ‘9999’.",
        "Rij 4, kolom A (lidnummer): vul het lidnummer in.",
        "Rij 5, kolom C (normenkader): normenkader ‘2020’ bestaat niet; kies 2016 of 2019.",
        "Rij 6, kolom D (datum toetsing): ‘31-02-2021’ is geen datum; schrijf hem als dd-mm-jjjj.",
        "Rij 7, kolom D (datum toetsing): vul de datum van de toetsing in.",
        "Rij 8, kolom E (datum rapport): ‘gisteren’ is geen datum",
        "Rij 9, kolom E (datum rapport): het rapport (1 februari 2021) is van vóór de toetsing "
        "(1 maart 2021).",
        "Rij 10, kolom D (datum toetsing): 1 januari 2099 ligt in de toekomst.",
        "Rij 11, kolom H (advies): ‘misschien’ is geen advies; kies positief of negatief.",
        "Rij 12, kolom O (V3): ‘ok’ is geen oordeel; kies +, +/-, - of n.v.t.",
        "Rij 13, kolom AE (D4): geen oordeel bij D4; kies +, +/-, - of n.v.t.",
        "Rij 14, kolom B (instelling): vul de naam van de certificerende instelling in.",
        "Rij 15, kolom G (soort): de soort is langer dan 100 tekens.",
        "Rij 16, kolom BJ: deze kolom heeft geen kop; zet er de normcode boven.",
    ]
    for message in expected:
        assert message in page, message
    assert "Er is niets ingelezen: 14 problemen in het bestand" in page
    assert "Rij 2," not in page  # ... is not saved either (checked by `refused`)


def test_a_row_needs_every_norm_of_its_framework(client_as, world):
    client = client_as("swn_secretariat")
    wb = blank()
    ws = wb["Rapporten"]
    fill(ws, 2)
    ws.delete_cols(column(ws, "O23"))
    ws.delete_cols(column(ws, "V7"))
    page = refused(upload(client, wb))
    assert (
        "Rij 1: de kolommen voor V7 en O23 ontbreken; rij 2 is een rapport op normenkader 2019, "
        "met die normen." in page
    )


def test_a_norm_of_another_framework_is_refused(client_as, world):
    """The 2016 norms are others (V1..V16, D1..D16, O1..O20): a 2019 file does not fit."""
    client = client_as("swn_secretariat")
    wb = blank()
    ws = wb["Rapporten"]
    fill(ws, 2, framework="2016")
    page = refused(upload(client, wb))
    assert "de kolommen voor V16, D12, D13, D14, D15, D16 ontbreken" not in page
    assert "Rij 1: de kolommen voor V16, D12, D13, D14, D15 en D16 ontbreken" in page
    assert "rij 2 is een rapport op normenkader 2016" in page
    assert "Rij 2, kolom BI (O23): norm O23 hoort niet bij normenkader 2016." in page


@pytest.mark.parametrize(
    ("spoil", "message"),
    [
        (lambda ws: ws.cell(1, 8, "oordeel"), "Rij 1, kolom H: hier hoort de kop ‘advies’"),
        (lambda ws: ws.cell(1, 13, "Norm 1"), "Rij 1, kolom M: ‘Norm 1’ is geen normcode"),
        (lambda ws: ws.cell(1, 14, "V1"), "Rij 1, kolom N: norm V1 staat ook al in kolom M."),
        (lambda ws: setattr(ws, "title", "Blad1"), "Het werkblad ‘Rapporten’ ontbreekt."),
    ],
)
def test_a_file_of_another_layout_is_refused(client_as, world, spoil, message):
    client = client_as("swn_secretariat")
    wb = blank()
    fill(wb.active, 2)
    spoil(wb.active)
    assert message in refused(upload(client, wb))


def test_a_file_that_is_not_a_workbook_is_refused(client_as, world):
    response = client_as("swn_secretariat").post(
        url("historic_import"),
        {"file": SimpleUploadedFile("rapporten.xlsx", b"lidnummer;advies\n1001;positief\n")},
    )
    assert response.status_code == 400
    assert response.context["form"].errors["file"] == [
        "‘rapporten.xlsx’ is geen echt Excel-bestand: de inhoud is geen .xlsx."
    ]
    assert not HistoricReport.objects.exists()


def test_an_empty_template_or_no_file_is_refused(client_as, world):
    client = client_as("swn_secretariat")
    assert "Het bestand bevat geen enkel rapport." in refused(upload(client, blank()))
    response = client.post(url("historic_import"), {})
    assert response.status_code == 400 and "Kies het bestand." in response.content.decode()


def test_a_report_is_imported_once(client_as, world):
    client = client_as("swn_secretariat")
    wb = blank()
    fill(wb.active, 2)
    assert upload(client, wb).status_code == 302
    # The same report again, and twice in one file.
    again = blank()
    fill(again.active, 2, audit=datetime.date(2021, 3, 15))
    fill(again.active, 3, member="1002")
    fill(again.active, 4, member="1002", report="")
    response = upload(client, again)
    assert response.status_code == 400
    page = response.content.decode()
    assert (
        "Rij 2, kolom D (datum toetsing): het rapport van Stichting Welzijn Oost van 15 maart 2021 "
        "is al ingelezen (op " in page
    )
    assert (
        "Rij 4, kolom D (datum toetsing): het rapport van Sociaal Werk West van 15 maart 2021 "
        "staat ook al in rij 3." in page
    )
    assert HistoricReport.objects.count() == 1  # the new row 3 is not saved either


def test_a_report_imported_meanwhile_refuses_the_whole_file(world):
    wb = blank()
    fill(wb.active, 2, member="1002")
    fill(wb.active, 3)
    out = io.BytesIO()
    wb.save(out)
    user = world.users["swn_secretariat"]
    first = historic.read(SimpleUploadedFile("a.xlsx", out.getvalue()), user)
    assert len(first) == 2
    # Between the check and the save someone else saves the same report: the database's
    # constraint refuses it, and the report saved before it in the same file is undone too.
    HistoricReport.objects.filter(member=world.member_a).delete()
    rows = [
        historic._Row(2, world.member_b, None, "X", first[0].framework, datetime.date(2020, 1, 1),
                      None, None, "", "negative", {}),
        historic._Row(3, world.member_b, None, "X", first[0].framework, first[0].audit_date,
                      None, None, "", "positive", {}),
    ]  # fmt: skip
    with pytest.raises(historic.Refused) as refused_:
        historic._save(rows, user, "b.xlsx")
    assert "zojuist al ingelezen" in str(refused_.value.problems[0])
    assert HistoricReport.objects.count() == 1


def test_an_advice_the_decision_rules_cannot_give_is_refused(client_as, world):
    client = client_as("swn_secretariat")
    wb = blank()
    ws = wb["Rapporten"]
    beyond = dict.fromkeys(CODES_2019[:5], "-") | dict.fromkeys(CODES_2019[20:23], "+/-")
    fill(ws, 2, verdicts=beyond)  # route c, "positief"
    fill(ws, 3, member="1002", advice="negatief")  # route a, "negatief"
    fill(ws, 4, member="1002", audit="01-06-2019", verdicts=beyond, advice="negatief")  # fine
    within = dict.fromkeys(CODES_2019[:4], "-") | dict.fromkeys(CODES_2019[10:19], "+/-")
    fill(ws, 5, audit="01-06-2019", verdicts=within)  # route b at the limit, positive: fine
    page = refused(upload(client, wb))
    assert (
        "Rij 2, kolom H (advies): een positief advies past niet bij de oordelen: 5 normen voldoen "
        "niet en 3 deels, boven de grens (hoogstens 4 en 9): route c. Boven de grens is het "
        "advies negatief." in page
    )
    assert (
        "Rij 3, kolom H (advies): een negatief advies past niet bij de oordelen: Alle beoordeelde "
        "normen voldoen: route a, positief advies." in page
    )
    assert "Rij 4" not in page and "Rij 5" not in page
    assert "2 problemen" in page


@pytest.mark.parametrize("role", ["member_admin", "body_admin", "auditor", "governance"])
def test_other_roles_cannot_import(client_as, world, role):
    wb = blank()
    fill(wb.active, 2)
    response = upload(client_as(role), wb)
    assert response.status_code == 403
    assert not HistoricReport.objects.exists()


@pytest.mark.parametrize("name", ["historic_list", "historic_template", "historic_import"])
def test_anonymous_is_sent_to_log_in(client_as, world, name):
    response = client_as("anonymous").get(url(name))
    assert response.status_code == 302 and "/account/login/" in response["Location"]


def _import(world, rows):
    wb = blank()
    for i, fields in enumerate(rows):
        fill(wb.active, FIRST + i, **fields)
    out = io.BytesIO()
    wb.save(out)
    return historic.read(
        SimpleUploadedFile("r.xlsx", out.getvalue()), world.users["swn_secretariat"]
    )


# Session, user, roles, the two-factor check; the reports with their counts (one query,
# however many reports).
LIST_QUERIES = 5


def test_the_list_shows_each_report_with_its_counts_in_fixed_queries(
    client_as, world, django_assert_num_queries
):
    client = client_as("swn_adviser")
    _import(world, [{"verdicts": {"V1": "+/-", "V2": "-", "O1": "n.v.t."}}])
    with django_assert_num_queries(LIST_QUERIES):
        response = client.get(url("historic_list"))
    page = response.content.decode()
    assert response.status_code == 200
    assert '<h1 class="utrecht-heading-1">Historische rapporten</h1>' in page
    assert "1 historisch rapport." in page
    assert "Stichting Welzijn Oost" in page and "lidnummer 1001" in page
    assert "Certificatie-instelling X" in page and "15 maart 2021" in page
    assert "normenkader 2019, hertoetsing; rapport 2 april 2021" in page
    cells = [
        f'<td class="utrecht-table__cell utrecht-table__cell--numeric">{n}</td>'
        for n in (46, 1, 1, 1)
    ]
    assert "".join(cells) in page.replace("\n", "")
    assert 'site-badge--active">positief</span>' in page
    assert "door Demo swn_secretariat uit r.xlsx" in page
    _import(
        world,
        [
            {"member": "1002", "body": "Weg B.V.", "audit": "01-02-2017"},
            {"member": "1002", "audit": "01-02-2020"},
            {"audit": "01-02-2015", "advice": "negatief", "verdicts": {"V1": "-"}},
        ],
    )
    with django_assert_num_queries(LIST_QUERIES):
        page = client.get(url("historic_list")).content.decode()
    assert "4 historische rapporten." in page
    assert 'Weg B.V. <span class="site-small site-muted">(niet op het platform)</span>' in page
    assert 'site-badge--wholly">negatief</span>' in page
    # Newest audit first.
    assert (
        page.index("15 maart 2021")
        < page.index("1 februari 2020")
        < page.index("1 februari 2017")
        < page.index("1 februari 2015")
    )


def test_the_list_without_reports_says_so(client_as, world):
    page = client_as("swn_secretariat").get(url("historic_list")).content.decode()
    assert "Er zijn nog geen historische rapporten ingelezen." in page
    assert url("historic_template") in page and url("historic_import") in page
