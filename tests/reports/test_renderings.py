"""The report as PDF and as Word file (issue 8): every field of part A and every norm of part
B with its sign, page numbers, part A alone for SWN, the concept marker, what the Word file
says about itself."""

import datetime
import io
import re

import docx
import pytest
from django.utils import timezone
from pypdf import PdfReader

from kwaliteitslabel.audits import findings, workflow
from kwaliteitslabel.audits.models import AuditDay, Finding, TeamMember
from kwaliteitslabel.reports import content, pdf, word
from kwaliteitslabel.reports.models import Report
from tests.audits.test_plans import final

pytestmark = pytest.mark.django_db

VERDICTS = {"V5": "partly", "D8": "not_met"}
SIGNS = {"V5": "+/-", "D8": "-", "O3": "n.v.t."}
FORMAT = content.report_format()
HYPHENATION = re.compile(r"[\u2010\u00ad]\s*\n")  # WeasyPrint hyphenates with U+2010
LAYOUT = re.compile(r"[\s•]+")


def squeeze(text: str) -> str:
    """Text without white space, hyphenation and list bullets: PDF lines break and hyphenate
    where they like, and a bullet may come out of the PDF apart from its item."""
    return LAYOUT.sub("", HYPHENATION.sub("", text))


def observation(code: str) -> str:
    return f"Waarneming bij norm {code.lower()}: de professionals lieten voorbeelden zien."


def write_findings(audit):
    for f in Finding.objects.filter(audit=audit).select_related("norm__rubric"):
        f.text = observation(f.norm.code)
        if f.norm.code == "V5":
            f.improvement_points = "Eigen prioriteiten beter afstemmen op die van de organisatie."
        if f.norm.code == "V1":
            f.strengths = "Een sterk inwerkprogramma."
        if f.norm.code == "O3":  # n.v.t. needs its reason with it
            f.verdict = "not_applicable"
            f.not_applicable_reason = "De organisatie heeft geen raad van toezicht."
        f.save()


def written(audit):
    Report.objects.create(
        audit=audit,
        read_by="de certificatiemanager",
        hours_on_site=14,
        hours_total=20,
        sketch="Een brede welzijnsorganisatie in de stad.\nZes teams in vier wijken.",
        developments="Een fusie in 2025.",
        course="Twee dagen op locatie; dossiers ingezien.",
        previous_follow_up="De punten van vorige keer zijn opgepakt.",
        strengths="Betrokken professionals\nGoede samenwerking",
        improvement_points="Evalueren met klanten",
        next_audit="Hertoetsing in 2028.",
        signed_place="Utrecht",
        signed_on=timezone.localdate(),
    )
    audit.interviews.create(function="Teamleider", department="Jeugd en gezin")
    audit.interviews.create(function="Bestuurder")
    rubric = Finding.objects.filter(audit=audit).first().norm.rubric
    audit.documents.create(rubric=rubric, title="Jaarplan 2026")


@pytest.fixture
def finished(world):
    """A final report (route b, plan due) with findings on every norm and the lead's texts."""
    audit = final(
        world, VERDICTS, kind="recertification", previous_expiry=datetime.date(2027, 3, 31)
    )
    write_findings(audit)
    written(audit)
    return content.build(audit)


@pytest.fixture
def concept(world):
    """The concept report, sent to the member."""
    from tests.audits.helpers import make_audit

    audit = make_audit(world, status="findings_closed", process_version="2021")
    lead = world.users["auditor"]
    TeamMember.objects.create(audit=audit, user=lead, role="lead")
    AuditDay.objects.create(audit=audit, date=timezone.localdate() - datetime.timedelta(days=1))
    findings.ensure_findings(audit)
    Finding.objects.filter(audit=audit).update(verdict="met")
    write_findings(audit)
    workflow.send_draft(audit, lead)
    audit.refresh_from_db()
    return content.build(audit)


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def docx_text(document) -> str:
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            lines += [p.text for cell in row.cells for p in cell.paragraphs]
    for section in document.sections:
        lines += [p.text for p in section.header.paragraphs]
    return "\n".join(lines)


def values(field) -> list[str]:
    if isinstance(field.value, list):
        return field.value
    return [line for line in field.value.splitlines() if line.strip()]


def codes(report) -> list[str]:
    return [row.code for part in report.part_b for row in part.rows]


def assert_part_a(report, text: str) -> None:
    flat = squeeze(text)
    assert squeeze(FORMAT["part_a"]["title"]) in flat
    for section in report.part_a:
        assert squeeze(section.title) in flat, section.title
        for field in section.fields:
            assert squeeze(field.label) in flat, field.key
            for value in values(field):
                assert squeeze(value) in flat, (field.key, value)


def test_the_pdf_of_parts_a_and_b(finished):
    assert sum(f.filled for f in finished.fields) >= 35  # nearly every field has a value
    data = pdf.render(finished, "ab")
    reader = PdfReader(io.BytesIO(data))
    assert data.startswith(b"%PDF-1.7")
    assert reader.metadata.title.startswith("Resultaat toetsing Stichting Welzijn Oost")
    assert reader.metadata.subject == f"kwaliteitslabel audit={finished.audit.pk}"
    text = pdf_text(data)
    assert "pagina 1 van" in text
    assert "CONCEPT" not in text
    assert_part_a(finished, text)

    flat = squeeze(text)
    part_b = flat[flat.index(squeeze(FORMAT["part_b"]["title"])) :]
    for heading in (*FORMAT["part_b"]["columns"], FORMAT["part_b"]["documents"].capitalize()):
        assert squeeze(heading) in part_b
    assert "Jaarplan2026" in part_b
    # Between pages: the footer, the running header and the table's repeated header row.
    part_b = re.sub(r"pagina\d+van\d+", "", part_b)
    for repeated in (
        f"{FORMAT['title']} · {FORMAT['source']}",
        pdf.running(finished),
        "".join(FORMAT["part_b"]["columns"]),
    ):
        part_b = part_b.replace(squeeze(repeated), "")
    all_codes = codes(finished)
    assert len(all_codes) == 49
    # Each row in order: "V1." and the norm text, the findings, the sign (before the next row).
    position = 0
    ends = [*(f"{c}." for c in all_codes[1:]), None]
    for code, end in zip(all_codes, ends, strict=True):
        start = part_b.index(f"{code}.", position)
        stop = part_b.index(end, start) if end else len(part_b)
        row = part_b[start:stop].split(squeeze("Getoetste documenten"))[0]
        assert squeeze(observation(code)) in row, code
        sign = SIGNS.get(code, "+")
        assert row.endswith(sign), (code, row[-20:])
        assert sign == "+/-" or not row.endswith("+/-"), (code, row[-20:])
        position = start
    assert "Verbeterpunten:Eigenprioriteiten" in part_b
    assert "Sterkepunten:Eensterkinwerkprogramma." in part_b


def test_the_pdf_of_a_concept_part_a_only(concept):
    assert not concept.final
    text = pdf_text(pdf.render(concept, "a"))
    assert "CONCEPT" in text and "pagina 1 van" in text
    assert_part_a(concept, text)
    flat = squeeze(text)
    assert "Bevindingen" not in text and squeeze(FORMAT["part_b"]["title"]) not in flat
    assert squeeze(observation("V1")) not in flat
    assert squeeze(FORMAT["part_b"]["columns"][1]) not in flat


def test_the_word_file_of_parts_a_and_b(finished):
    document = docx.Document(io.BytesIO(word.render(finished, "ab")))
    text = docx_text(document)
    assert_part_a(finished, text)
    assert "CONCEPT" not in text
    props = document.core_properties
    pk = finished.audit.pk
    assert props.identifier == f"kwaliteitslabel audit={pk}"
    assert props.subject == f"kwaliteitslabel-audit-{pk}"
    assert props.title == "Resultaat toetsing Stichting Welzijn Oost, deel A en B"

    section = document.sections[0]
    assert round(section.page_width.mm) == 210 and round(section.page_height.mm) == 297
    footer = section.footer.paragraphs[0]._p.xml
    assert "PAGE" in footer and "NUMPAGES" in footer

    # Part A: a label | value table per section; part B: a norm table per rubric.
    sections, rubrics = len(finished.part_a), len(finished.part_b)
    assert len(document.tables) == sections + rubrics
    for table, part in zip(document.tables[sections:], finished.part_b, strict=True):
        head, *rows = table.rows
        assert [c.text for c in head.cells] == FORMAT["part_b"]["columns"]
        assert "w:tblHeader" in head._tr.xml  # repeated on every page
        assert len(rows) == len(part.rows)
        for row, norm in zip(rows, part.rows, strict=True):
            first, findings_cell, sign = row.cells
            assert first.text == f"{norm.code}. {norm.text}"  # the way back to the norm
            assert findings_cell.text.startswith(observation(norm.code))
            assert sign.text == SIGNS.get(norm.code, "+")
    assert sorted(codes(finished)) == sorted(
        t.rows[i].cells[0].text.split(".")[0]
        for t in document.tables[sections:]
        for i in range(1, len(t.rows))
    )
    assert "Verbeterpunten: Eigen prioriteiten" in text
    assert "Niet van toepassing: De organisatie heeft geen raad van toezicht." in text
    assert "Jaarplan 2026" in text
    assert FORMAT["part_b"]["title"] in text


def test_the_word_file_of_a_concept_part_a_only(concept):
    document = docx.Document(io.BytesIO(word.render(concept, "a")))
    text = docx_text(document)
    assert_part_a(concept, text)
    assert "CONCEPT" in "\n".join(p.text for p in document.sections[0].header.paragraphs)
    assert document.core_properties.content_status == "Concept"
    assert FORMAT["part_b"]["title"] not in text and observation("V1") not in text
    assert len(document.tables) == len(concept.part_a)


def test_the_follow_up_shows_under_the_findings(finished):
    row = finished.part_b[0].rows[4]  # V5, partly
    row.addendum = "Bij het aanvullend onderzoek bleek de werkafspraak ingevoerd."
    row.addendum_verdict = "met"
    html = pdf.html(finished, "ab")
    assert "Aanvullend onderzoek (oordeel +):" in html and row.addendum in html
    assert "na aanvullend onderzoek: +" in html
    text = docx_text(docx.Document(io.BytesIO(word.render(finished, "ab"))))
    assert f"Aanvullend onderzoek (oordeel +): {row.addendum}" in text


def test_only_part_a_or_both(finished):
    for render in (pdf.render, word.render):
        with pytest.raises(ValueError):
            render(finished, "b")
