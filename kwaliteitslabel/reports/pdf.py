"""The audit report (Bijlage 7) as a PDF: part A alone (what SWN receives) or parts A and B
(what the member receives), from `content.build(audit)`.

Tagged PDF/UA-1: the HTML has a language, a title, real headings and table headers, so the
tags WeasyPrint writes carry the structure.
"""

from pathlib import Path

from django.template.loader import render_to_string
from django.utils.formats import date_format

from .content import ReportContent, report_format

TEMPLATES = Path(__file__).resolve().parent / "templates"
PARTS = ("a", "ab")
LONG_ROW = 1100  # characters


def identifier(content: ReportContent) -> str:
    """What the file is, in its metadata: a later upload can be matched to its audit."""
    return f"kwaliteitslabel audit={content.audit.pk}"


def running(content: ReportContent) -> str:
    """The running header: member, body, last audit day."""
    audit = content.audit
    bits = [audit.member.name, audit.body.name]
    if content.date:
        bits.append(date_format(content.date, "j F Y"))
    return " · ".join(bits)


def title(content: ReportContent, parts: str) -> str:
    which = "deel A" if parts == "a" else "deel A en B"
    concept = "" if content.final else " (concept)"
    return f"Resultaat toetsing {content.audit.member.name}, {which}{concept}"


def _in_columns(value) -> bool:
    """A long list of short items (the functions spoken with) takes half the height in two
    columns."""
    return isinstance(value, list) and len(value) > 6 and max(map(len, value)) <= 60


def long_row(row) -> bool:
    """More than about a third of a page in the findings column (some 60 characters a line,
    18 lines)."""
    texts = (row.findings, row.not_applicable_reason, row.strengths, row.improvement_points)
    return sum(len(t) for t in (*texts, row.addendum)) > LONG_ROW


def _keep(row) -> int:
    """How much room (mm) a long row needs at the foot of a page to start there: its norm
    whole (some 27 characters a line of 4.2 mm in the norm column), 30 mm at least."""
    lines = len(f"{row.code}. {row.text}") // 27 + 2
    return max(30, round(lines * 4.2 + 4))


def context(content: ReportContent, parts: str) -> dict:
    if parts not in PARTS:
        raise ValueError(f"parts moet 'a' of 'ab' zijn, niet {parts!r}")
    fmt = report_format()
    audit = content.audit
    sections = [
        {
            "title": s.title,
            "fields": [
                {
                    "label": f.label,
                    "filled": f.filled,
                    "items": f.value if isinstance(f.value, list) else None,
                    "text": f.value if isinstance(f.value, str) else "",
                    "columns": _in_columns(f.value),
                }
                for f in s.fields
            ],
        }
        for s in content.part_a
    ]
    rubrics = [
        {
            "code": part.code,
            "name": part.name,
            "documents": part.documents,
            "rows": [
                {
                    "row": row,
                    "long": long_row(row),
                    "keep": _keep(row),
                }
                for row in part.rows
            ],
        }
        for part in content.part_b
    ]
    return {
        "content": content,
        "title": title(content, parts),
        "identifier": identifier(content),
        "parts": parts,
        "final": content.final,
        "date": content.date,
        "running": running(content),
        "member": audit.member,
        "body": audit.body,
        "format_title": fmt["title"],
        "format_source": fmt["source"],
        "part_a_title": fmt["part_a"]["title"],
        "part_b_title": fmt["part_b"]["title"],
        "columns": fmt["part_b"]["columns"],
        "documents_title": fmt["part_b"]["documents"],
        "explanation": fmt["part_b"]["explanation"],
        "sections": sections,
        "with_part_b": parts == "ab",
        "rubrics": rubrics,
    }


def html(content: ReportContent, parts: str) -> str:
    return render_to_string("reports/report_pdf.html", context(content, parts))


def render(content: ReportContent, parts: str) -> bytes:
    # Imported here: WeasyPrint loads Pango on import, which only the exports need.
    from weasyprint import HTML

    document = HTML(string=html(content, parts), base_url=TEMPLATES.as_uri() + "/")
    return document.write_pdf(pdf_variant="pdf/ua-1")
