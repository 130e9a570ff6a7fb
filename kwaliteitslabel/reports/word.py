"""The audit report (Bijlage 7) as a Word file, laid out like the official format: part A as
label | value tables per section, part B as a norm | findings | verdict table per rubric.

(Not named docx.py: that would shadow the python-docx package.)

The file says what it is, for a later upload: the core properties hold
`kwaliteitslabel audit=<pk>` (identifier) and `kwaliteitslabel-audit-<pk>` (subject), and the
first cell of every part B row begins with the norm code ("V1. ...").
"""

import io

from django.utils import timezone
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from .content import ReportContent, report_format
from .pdf import PARTS, identifier, long_row, running, title

LANGUAGE = "nl-NL"
BLUE = RGBColor(0x1F, 0x4E, 0x79)
GREY = RGBColor(0x55, 0x55, 0x55)
RED = RGBColor(0xB3, 0x26, 0x1E)
TEXT_WIDTH = Mm(170)  # A4 less 2 x 20 mm
LABEL_WIDTH = Mm(62)
NORM_WIDTHS = (Mm(52), Mm(97), Mm(21))


def render(content: ReportContent, parts: str) -> bytes:
    if parts not in PARTS:
        raise ValueError(f"parts moet 'a' of 'ab' zijn, niet {parts!r}")
    fmt = report_format()
    audit = content.audit
    doc = Document()
    page_setup(doc)
    styles(doc)
    _properties(doc, content, parts)
    _header_footer(doc, content)

    doc.add_paragraph(
        f"Kwaliteitslabel Sterk Sociaal Werk · {fmt['title']} ({fmt['source']})", style="Subtitle"
    )
    doc.add_paragraph(f"Resultaat toetsing {audit.member.name}", style="Title")
    doc.add_paragraph(running(content))
    if not content.final:
        run = doc.add_paragraph().add_run("CONCEPT · Dit verslag is nog niet definitief.")
        run.bold = True
        run.font.color.rgb = RED

    doc.add_heading(fmt["part_a"]["title"], level=1)
    for section in content.part_a:
        doc.add_heading(section.title, level=2)
        table = new_table(doc, len(section.fields), (LABEL_WIDTH, TEXT_WIDTH - LABEL_WIDTH))
        for row, f in zip(table.rows, section.fields, strict=True):
            label, value = row.cells
            shade(label, "F1F4F8")
            label.paragraphs[0].add_run(f.label).bold = True
            if not f.filled:
                value.paragraphs[0].add_run("–").font.color.rgb = GREY
            elif isinstance(f.value, list):
                _bullets(value, f.value)
            else:
                _text(value, f.value)

    if parts == "ab":
        heading = doc.add_heading(fmt["part_b"]["title"], level=1)
        heading.paragraph_format.page_break_before = True
        for line in fmt["part_b"]["explanation"]:
            doc.add_paragraph(line)
        for part in content.part_b:
            doc.add_heading(f"Rubriek {part.name}", level=2)
            _norm_table(doc, part, fmt["part_b"]["columns"])
            doc.add_heading(fmt["part_b"]["documents"].capitalize(), level=3)
            if part.documents:
                for document in part.documents:
                    doc.add_paragraph(document, style="List Bullet")
            else:
                doc.add_paragraph("Geen documenten vastgelegd.")

    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _norm_table(doc, part, columns) -> None:
    table = new_table(doc, len(part.rows) + 1, NORM_WIDTHS)
    head = table.rows[0]
    _repeat_header(head)
    for cell, text in zip(head.cells, columns, strict=True):
        shade(cell, "1F4E79")
        run = cell.paragraphs[0].add_run(text)
        run.bold = True
        run.font.color.rgb = RGBColor(0xFF, 0xFF, 0xFF)
    for row_element, row in zip(table.rows[1:], part.rows, strict=True):
        if not long_row(row):  # as in the PDF: a long row may run on over a page break
            _cant_split(row_element)
        norm, findings, verdict = row_element.cells
        norm.paragraphs[0].add_run(f"{row.code}. ").bold = True
        norm.paragraphs[0].add_run(row.text)
        if row.findings:
            _text(findings, row.findings)
        elif not row.not_applicable_reason:
            findings.paragraphs[0].add_run("Geen bevindingen vastgelegd.").font.color.rgb = GREY
        for label, text in (
            ("Niet van toepassing", row.not_applicable_reason),
            ("Sterke punten", row.strengths),
            ("Verbeterpunten", row.improvement_points),
        ):
            if text:
                _labelled(findings, label, text)
        sign = row.addendum_sign
        if row.addendum or sign:
            label = "Aanvullend onderzoek" + (f" (oordeel {sign})" if sign else "")
            _labelled(findings, label, row.addendum)
        paragraph = verdict.paragraphs[0]
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = paragraph.add_run(row.sign)
        run.bold = True
        run.font.size = Pt(12)
        if sign:
            extra = verdict.add_paragraph()
            extra.alignment = WD_ALIGN_PARAGRAPH.CENTER
            small = extra.add_run(f"na aanvullend onderzoek: {sign}")
            small.font.size = Pt(7)


def new_table(doc, rows: int, widths):
    table = doc.add_table(rows=rows, cols=len(widths))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.LEFT
    table.autofit = False
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = width  # Word reads the cell widths, LibreOffice the grid
    return table


def _lines(text: str) -> list[str]:
    """The lines of a text; blank lines between paragraphs are the paragraphs' spacing."""
    return [line.strip() for line in text.splitlines() if line.strip()] or [""]


def _text(cell, text: str) -> None:
    """Text with line breaks as paragraphs of the cell (its first paragraph is empty)."""
    first, *rest = _lines(text)
    cell.paragraphs[0].add_run(first)
    for line in rest:
        cell.add_paragraph(line)


def _labelled(cell, label: str, text: str) -> None:
    first, *rest = _lines(text)
    paragraph = cell.add_paragraph()
    paragraph.paragraph_format.space_before = Pt(4)
    paragraph.add_run(f"{label}: ").bold = True
    paragraph.add_run(first)
    for line in rest:
        cell.add_paragraph(line)


def _bullets(cell, items: list[str]) -> None:
    first = cell.paragraphs[0]
    first.style = "List Bullet"
    first.add_run(items[0])
    for item in items[1:]:
        cell.add_paragraph(item, style="List Bullet")


def shade(cell, fill: str) -> None:
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    cell._tc.get_or_add_tcPr().append(shading)


def _repeat_header(row) -> None:
    """The header row comes back at the top of every page the table runs onto."""
    trPr = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    trPr.append(header)
    _cant_split(row)


def _cant_split(row) -> None:
    trPr = row._tr.get_or_add_trPr()
    element = OxmlElement("w:cantSplit")
    element.set(qn("w:val"), "true")
    trPr.insert(0, element)


def page_setup(doc) -> None:
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin = section.right_margin = Mm(20)
    section.top_margin, section.bottom_margin = Mm(22), Mm(20)
    section.header_distance = section.footer_distance = Mm(10)


def styles(doc) -> None:
    """Dutch as the language of the whole document (spelling check), a plain font."""
    styles = doc.styles
    normal = styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10)
    normal.paragraph_format.space_after = Pt(3)
    defaults = styles.element.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), LANGUAGE)
    for name in ("Title", "Heading 1", "Heading 2", "Heading 3"):
        styles[name].font.color.rgb = BLUE
    styles["Title"].font.size = Pt(22)
    styles["Subtitle"].font.size = Pt(9)


def _properties(doc, content: ReportContent, parts: str) -> None:
    audit = content.audit
    props = doc.core_properties
    props.title = title(content, parts)
    props.subject = f"kwaliteitslabel-audit-{audit.pk}"
    props.identifier = identifier(content)
    props.keywords = f"{identifier(content)}; deel {parts.upper()}"
    props.author = props.last_modified_by = audit.body.name
    props.created = props.modified = timezone.now()
    props.language = LANGUAGE
    props.content_status = "Definitief" if content.final else "Concept"
    props.category = "Resultaat toetsing (Bijlage 7)"
    props.comments = ""


def _header_footer(doc, content: ReportContent) -> None:
    section = doc.sections[0]
    tabs = doc.styles["Header"].paragraph_format.tab_stops  # the template's are for Letter
    tabs.clear_all()
    tabs.add_tab_stop(TEXT_WIDTH, WD_TAB_ALIGNMENT.RIGHT)
    header = section.header.paragraphs[0]
    run = header.add_run(running(content))
    run.font.size = Pt(8)
    run.font.color.rgb = GREY
    if not content.final:
        marker = header.add_run("\tCONCEPT")
        marker.bold = True
        marker.font.size = Pt(9)
        marker.font.color.rgb = RED
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    for piece in ("pagina ", "PAGE", " van ", "NUMPAGES"):
        if piece.isupper():
            _field(footer, piece)
        else:
            footer.add_run(piece).font.size = Pt(8)


def _field(paragraph, code: str) -> None:
    """A field Word fills in (PAGE, NUMPAGES): begin, instruction, separator, a placeholder, end."""

    def char(kind):
        run = paragraph.add_run()
        run.font.size = Pt(8)
        element = OxmlElement("w:fldChar")
        element.set(qn("w:fldCharType"), kind)
        run._r.append(element)

    char("begin")
    run = paragraph.add_run()
    run.font.size = Pt(8)
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {code} "
    run._r.append(instr)
    char("separate")
    paragraph.add_run("1").font.size = Pt(8)
    char("end")
