"""The findings of part B as a Word file to take along offline, and back (issue 8, item 4).

The lead auditor downloads the findings, edits them on site without a connection and
uploads the file again. The platform reads it back all or nothing: first the whole file
must be right (its own file, of this audit, every norm once, known signs, n.v.t. with a
reason), and every finding must still be as it was at the download; otherwise nothing
changes and every problem is named with its place ("Tabel Vakmanschap, rij 3 (V3): ...").

The file is the report's Word layout (`word.render`) without part A. What it says about
itself: the core properties hold `kwaliteitslabel audit=<pk>` (identifier, from word.py)
and, added here, the version of every finding at the download as custom document properties
("kwaliteitslabel versie V1" = 3; the core properties stop at 255 characters).
"""

import dataclasses
import io
import re
from dataclasses import dataclass

from django.db import transaction
from docx import Document
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.table import Table
from docx.text.paragraph import Paragraph
from lxml import etree

from kwaliteitslabel.audits.decision import SIGNS, Verdict
from kwaliteitslabel.audits.models import Finding
from kwaliteitslabel.audits.workflow import Refused

from . import content, word

# The findings cell: free text first, then labelled paragraphs (word._norm_table).
LABELS = {
    "Niet van toepassing": "not_applicable_reason",
    "Sterke punten": "strengths",
    "Verbeterpunten": "improvement_points",
}
ADDENDUM = "Aanvullend onderzoek"  # the follow-up's findings: not edited through this file
NO_FINDINGS = "Geen bevindingen vastgelegd."
TEXT_FIELDS = ("text", "strengths", "improvement_points", "not_applicable_reason")
FIELD_NAMES = {
    "text": "bevindingen",
    "strengths": "sterke punten",
    "improvement_points": "verbeterpunten",
    "verdict": "oordeel",
    "not_applicable_reason": "waarom niet van toepassing",
}
VERDICTS = {sign: verdict for verdict, sign in SIGNS.items()}
SIGN_LIST = "+, +/-, -, n.v.t. of — (niet beoordeeld)"
IDENTIFIER = re.compile(r"^kwaliteitslabel audit=(\d+)$")
CUSTOM = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
VT = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
FMTID = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"  # the one for user-defined properties
VERSION = "kwaliteitslabel versie "
NORM_CODE = re.compile(r"^\s*([A-Z]\d{1,3})\s*\.")
RUBRIC = "Rubriek "
INSTRUCTION = (
    "Dit bestand is gemaakt om de bevindingen offline te bewerken en daarna weer in te lezen "
    "op het platform. Wijzig alleen de tweede kolom (bevindingen) en de derde (oordeel: "
    f"{SIGN_LIST}). Laat de eerste kolom, de rijen en de tabellen staan. Begin een alinea met "
    "‘Sterke punten:’, ‘Verbeterpunten:’ of ‘Niet van toepassing:’ voor die onderdelen; "
    "bij n.v.t. hoort een reden."
)
NOT_OURS = (
    "Dit bestand is niet door het platform gemaakt, of de eigenschappen ervan zijn gewist. "
    "Download de bevindingen opnieuw als Word-bestand en werk daarin."
)


@dataclass(frozen=True)
class Change:
    code: str
    field: str
    old: str
    new: str

    @property
    def label(self) -> str:
        return FIELD_NAMES[self.field]

    def _show(self, value: str) -> str:
        if self.field == "verdict":
            return Verdict(value).label
        return value

    @property
    def old_display(self) -> str:
        return self._show(self.old)

    @property
    def new_display(self) -> str:
        return self._show(self.new)


class Changes(list):
    """The changes read from a file, with the finding versions the file was made from."""

    def __init__(self, changes=(), versions=None):
        super().__init__(changes)
        self.versions: dict[str, int] = versions or {}


def _lines(text: str) -> str:
    """A text as the file holds it: its non-blank lines, stripped (word._lines)."""
    return "\n".join(line.strip() for line in (text or "").splitlines() if line.strip())


def _versions_now(audit) -> dict[str, int]:
    return {
        f.norm.code: f.version
        for f in Finding.objects.filter(audit=audit).select_related("norm__rubric")
    }


def findings_docx(audit) -> bytes:
    """Part B of the report as a Word file, with the findings' versions in its properties."""
    # The versions first: a save between this and building the content makes the file
    # look stale at the upload (refused), never the other way round (silently overwritten).
    versions = _versions_now(audit)
    report = content.build(audit)
    data = word.render(dataclasses.replace(report, part_a=[]), "ab")
    doc = Document(io.BytesIO(data))
    fmt = content.report_format()
    for paragraph in doc.paragraphs:
        if paragraph.style.name != "Heading 1":
            continue
        if paragraph.text == fmt["part_a"]["title"]:
            paragraph._element.getparent().remove(paragraph._element)
        elif paragraph.text == fmt["part_b"]["title"]:
            paragraph.paragraph_format.page_break_before = False
            paragraph.insert_paragraph_before(INSTRUCTION)
    doc.core_properties.title = (
        f"Bevindingen toetsing {report.audit.member.name} (offline bewerken)"
    )
    _write_versions(doc, versions)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _write_versions(doc, versions: dict[str, int]) -> None:
    """One custom document property per norm ("kwaliteitslabel versie V1" = 3): Word and
    LibreOffice keep them on saving, and unlike the core properties they have no length limit
    for the whole."""
    root = etree.Element(f"{{{CUSTOM}}}Properties", nsmap={None: CUSTOM, "vt": VT})
    for pid, (code, version) in enumerate(versions.items(), start=2):
        prop = etree.SubElement(
            root, f"{{{CUSTOM}}}property", fmtid=FMTID, pid=str(pid), name=f"{VERSION}{code}"
        )
        etree.SubElement(prop, f"{{{VT}}}i4").text = str(version)
    blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    package = doc.part.package
    part = Part(PackURI("/docProps/custom.xml"), CT.OFC_CUSTOM_PROPERTIES, blob, package)
    package.relate_to(part, RT.CUSTOM_PROPERTIES)


def _read_versions(doc) -> dict[str, int] | None:
    """The versions written by `_write_versions`, None when the file has none."""
    for rel in doc.part.package.rels.values():
        if rel.reltype != RT.CUSTOM_PROPERTIES or rel.is_external:
            continue
        try:
            root = etree.fromstring(rel.target_part.blob)
        except etree.XMLSyntaxError:
            return None
        versions = {}
        for prop in root.iter(f"{{{CUSTOM}}}property"):
            name = prop.get("name", "")
            if name.startswith(VERSION) and (prop.findtext("*") or "").strip().isdigit():
                versions[name[len(VERSION) :]] = int(prop.findtext("*").strip())
        return versions or None
    return None


def _open(upload):
    name = getattr(upload, "name", "") or ""
    if name and not name.lower().endswith(".docx"):
        raise Refused([f"‘{name}’ is geen Word-bestand (.docx). Lees het .docx-bestand in."])
    try:
        upload.seek(0)
        return Document(upload)
    except Exception as error:  # python-docx raises many kinds on a file that is no .docx
        raise Refused(
            [
                "Het bestand is geen leesbaar Word-bestand (.docx). Sla het op als .docx "
                "en probeer het opnieuw."
            ]
        ) from error


def _identity(audit, doc) -> dict[str, int]:
    """The versions the file was made from, after checking that it is this audit's file."""
    props = doc.core_properties
    match = IDENTIFIER.match((props.identifier or "").strip())
    if not match:
        raise Refused([NOT_OURS])
    if int(match[1]) != audit.pk:
        raise Refused(
            [
                f"Dit bestand hoort bij een andere toetsing (toetsing {match[1]}), niet bij deze "
                f"toetsing van {audit.member.name} (toetsing {audit.pk}). Er is niets ingelezen."
            ]
        )
    versions = _read_versions(doc)
    if not versions:
        raise Refused(
            [
                "Dit is het verslag, niet het bestand met de bevindingen om offline te bewerken. "
                "Download de bevindingen als Word-bestand en werk daarin."
            ]
        )
    return versions


def _tables(doc):
    """(rubric name, table) for every norm table, in the order of the document."""
    rubric = ""
    for element in doc.element.body.iterchildren():
        tag = element.tag.rsplit("}", 1)[-1]
        if tag == "p":
            paragraph = Paragraph(element, doc)
            if paragraph.text.startswith(RUBRIC):
                rubric = paragraph.text[len(RUBRIC) :].strip()
        elif tag == "tbl":
            table = Table(element, doc)
            if table.rows and len(table.rows[0].cells) == 3:
                yield rubric or "zonder rubriek", table


def _findings_cell(cell) -> dict[str, str]:
    values: dict[str, list[str]] = {name: [] for name in TEXT_FIELDS}
    current = "text"
    for paragraph in cell.paragraphs:
        line = paragraph.text.strip()
        if line.startswith(ADDENDUM):
            current = None  # the follow-up's text, with its own verdict: not this finding's
            continue
        for label, name in LABELS.items():
            if line.startswith(f"{label}:"):
                current, line = name, line[len(label) + 1 :].strip()
                break
        if current and line:
            values[current].append(line)
    if values["text"][:1] == [NO_FINDINGS]:
        values["text"] = values["text"][1:]
    return {name: "\n".join(lines) for name, lines in values.items()}


def _sign(cell) -> str:
    first = next((p.text for p in cell.paragraphs if p.text.strip()), "")
    sign = re.sub(r"\s+", "", first).replace("\u2212", "-").replace("\u2013", "-")
    if sign in ("±", "+-"):
        sign = "+/-"
    if sign.lower() in ("n.v.t", "n.v.t.", "nvt"):
        sign = "n.v.t."
    return sign


def read(audit, upload) -> Changes:
    """The changes in an uploaded findings file against the findings now; Refused when the
    file is not this audit's, or not right, or made before a finding changed on the server."""
    doc = _open(upload)
    versions = _identity(audit, doc)
    current = {
        f.norm.code: f
        for f in Finding.objects.filter(audit=audit).select_related("norm__rubric", "updated_by")
    }
    problems: list[str] = []
    seen: dict[str, str] = {}
    parsed: dict[str, dict[str, str]] = {}
    for rubric, table in _tables(doc):
        for number, row in enumerate(table.rows[1:], start=1):
            cells = row.cells
            match = NORM_CODE.match(cells[0].text) if cells else None
            code = match[1] if match else None
            place = f"Tabel {rubric}, rij {number}" + (f" ({code})" if code else "")
            if len(cells) != 3:
                problems.append(f"{place}: de rij heeft geen drie kolommen meer.")
                continue
            if code is None:
                problems.append(
                    f"{place}: de eerste cel begint niet met een normcode (zoals ‘V1.’)."
                )
                continue
            if code not in current:
                problems.append(f"{place}: norm {code} hoort niet bij het normenkader.")
                continue
            if code in seen:
                problems.append(f"{place}: norm {code} staat er twee keer in, ook in {seen[code]}.")
                continue
            seen[code] = f"Tabel {rubric}, rij {number}"
            values = _findings_cell(cells[1])
            sign = _sign(cells[2])
            if sign not in VERDICTS:
                shown = f"‘{sign}’" if sign else "leeg"
                problems.append(f"{place}: het oordeel is {shown}; gebruik {SIGN_LIST}.")
                continue
            values["verdict"] = VERDICTS[sign]
            if values["verdict"] == Verdict.NOT_APPLICABLE and not values["not_applicable_reason"]:
                problems.append(
                    f"{place}: n.v.t. zonder reden. Schrijf in de tweede kolom een alinea "
                    "‘Niet van toepassing: …’ met de reden; zonder reden telt n.v.t. niet."
                )
                continue
            parsed[code] = values
    for code, finding in current.items():
        if code not in seen:
            problems.append(
                f"Tabel {finding.norm.rubric.name}: de rij van norm {code} ontbreekt. "
                "Zet die rij terug (download zo nodig opnieuw)."
            )
    problems += stale(current, versions)
    if problems:
        raise Refused(problems)
    changes = Changes(versions=versions)
    for code, finding in current.items():
        values = parsed[code]
        for name in ("text", "strengths", "improvement_points", "verdict", "not_applicable_reason"):
            old = getattr(finding, name)
            same = old == values[name] if name == "verdict" else _lines(old) == values[name]
            if not same:
                changes.append(Change(code, name, old, values[name]))
    return changes


def stale(current: dict, versions: dict[str, int]) -> list[str]:
    """The findings changed on the server since the file was made."""
    problems = []
    for code, finding in current.items():
        if versions.get(code) != finding.version:
            by = f" door {finding.updated_by.name}" if finding.updated_by else ""
            problems.append(
                f"Norm {code} is na het downloaden van dit bestand op het platform gewijzigd{by}. "
                "Er is niets ingelezen: download de bevindingen opnieuw en breng uw wijzigingen "
                "daarin aan."
            )
    return problems


def apply(audit, user, changes, loaded_versions: dict[str, int]) -> int:
    """Save all changes at once, or none: refused when any finding changed since the
    download or a finding would end up n.v.t. without a reason. The number of findings saved."""
    by_code: dict[str, list[Change]] = {}
    for change in changes:
        if change.field not in FIELD_NAMES:
            raise Refused([f"Onbekend veld ‘{change.field}’ bij {change.code}."])
        by_code.setdefault(change.code, []).append(change)
    with transaction.atomic():
        locked = list(
            Finding.objects.select_for_update(of=("self",))
            .filter(audit=audit)
            .select_related("norm__rubric", "updated_by")
        )
        current = {f.norm.code: f for f in locked}
        problems = stale(current, loaded_versions)
        problems += [
            f"Norm {code} hoort niet bij deze toetsing." for code in by_code if code not in current
        ]
        if problems:
            raise Refused(problems)
        for code, items in by_code.items():
            finding = current[code]
            for change in items:
                setattr(finding, change.field, change.new)
            if finding.verdict not in Verdict.values:
                raise Refused([f"{code}: onbekend oordeel ‘{finding.verdict}’."])
            if (
                finding.verdict == Verdict.NOT_APPLICABLE
                and not finding.not_applicable_reason.strip()
            ):
                raise Refused([f"{code}: n.v.t. zonder reden; er is niets opgeslagen."])
            finding.updated_by = user
            finding._history_user = user
            finding.version += 1
            finding.save()
    return len(by_code)
