"""The self-assessment as an Excel workbook, one row per norm, and back (issue 5, item 7).

A member can fill the organisation's answers offline and upload the same file. The upload
is all or nothing: every problem is reported by row and column, and nothing is saved
until the whole file is valid. Each row carries the version of the answer it was
downloaded with (hidden column), so an upload never silently overwrites an answer that
someone changed on the platform in the meantime.
"""

import io
from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from kwaliteitslabel.audits.decision import SIGNS, Verdict

from .models import ANSWERS, Consolidation
from .readiness import norms_of

SHEET = "Zelfevaluatie"
# (header, width); the order is the layout: export writes it, import checks it.
COLUMNS = [
    ("Code", 8),
    ("Rubriek", 18),
    ("Norm", 28),
    ("Normtekst", 60),
    ("Antwoord", 16),
    ("Toelichting", 50),
    ("Bewijs", 40),
    ("Versie", 8),
]
CODE, RUBRIC, LABEL, TEXT, ANSWER, EXPLANATION, EVIDENCE, VERSION = range(1, 9)
HEADER_ROW = 5
FRAMEWORK_CELL = "B2"
MAX_ROWS = 500
MAX_BYTES = 5 * 1024 * 1024

LABELS = dict(ANSWERS)
# What a person may type in the answer column: the label, the sign, or the word alone.
ACCEPTED = {}
for _value, _label in ANSWERS:
    verdict = Verdict(_value)
    for spelling in (_label, SIGNS[verdict], _label.split(" ", 1)[-1]):
        ACCEPTED[spelling.strip().lower()] = _value
ACCEPTED.update({"nvt": "not_applicable", "n.v.t": "not_applicable"})
CHOICES_TEXT = ", ".join(LABELS.values())


def column_name(col: int) -> str:
    return f"kolom {get_column_letter(col)} ({COLUMNS[col - 1][0]})"


def export(self_assessment) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = SHEET
    sa = self_assessment
    ws["A1"] = f"Zelfevaluatie {sa.member.name}: {sa.title}"
    ws["A1"].font = Font(bold=True, size=14)
    ws["A2"], ws[FRAMEWORK_CELL] = "Normenkader", sa.framework.version
    ws["A3"], ws["B3"] = "Gedownload", date_format(timezone.localtime(), "j F Y H:i")
    ws["A4"] = (
        f"Vul per norm het antwoord in ({CHOICES_TEXT}), met toelichting en bewijs. "
        "Laat de codes en de kolom Versie staan; upload het bestand daarna op het platform."
    )
    for col, (header, width) in enumerate(COLUMNS, start=1):
        cell = ws.cell(HEADER_ROW, col, header)
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = PatternFill("solid", fgColor="1F4E79")
        ws.column_dimensions[get_column_letter(col)].width = width
    ws.column_dimensions[get_column_letter(VERSION)].hidden = True
    given = {c.norm_id: c for c in Consolidation.objects.filter(self_assessment=sa)}
    wrap = Alignment(wrap_text=True, vertical="top")
    row = HEADER_ROW
    for row, norm in enumerate(norms_of(sa.framework), start=HEADER_ROW + 1):
        c = given.get(norm.pk)
        values = [
            norm.code,
            norm.rubric.name,
            norm.label,
            norm.text,
            LABELS[c.verdict] if c else "",
            c.explanation if c else "",
            c.evidence if c else "",
            c.version if c else None,
        ]
        for col, value in enumerate(values, start=1):
            ws.cell(row, col, value).alignment = wrap
    answers = DataValidation(
        type="list",
        formula1='"' + ",".join(LABELS.values()) + '"',
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="Onbekend antwoord",
        error=f"Kies {CHOICES_TEXT}.",
    )
    ws.add_data_validation(answers)
    answers.add(f"{get_column_letter(ANSWER)}{HEADER_ROW + 1}:{get_column_letter(ANSWER)}{row}")
    ws.freeze_panes = ws.cell(HEADER_ROW + 1, ANSWER)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


@dataclass
class Problem:
    row: int | None
    column: int | None
    message: str

    def __str__(self) -> str:
        where = []
        if self.row:
            where.append(f"rij {self.row}")
        if self.column:
            where.append(column_name(self.column))
        prefix = ", ".join(where)
        return f"{prefix[:1].upper()}{prefix[1:]}: {self.message}" if where else self.message


@dataclass
class Change:
    norm: object
    verdict: str
    explanation: str
    evidence: str
    current: Consolidation | None


@dataclass
class ImportResult:
    problems: list[Problem] = field(default_factory=list)
    changes: list[Change] = field(default_factory=list)
    unchanged: int = 0
    skipped: int = 0


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _version(value) -> int | None:
    text = _text(value)
    return int(text) if text.isdigit() else None


def read(self_assessment, upload) -> ImportResult:
    """Check the uploaded file against the self-assessment; nothing is saved here."""
    result = ImportResult()
    problems = result.problems
    if upload.size > MAX_BYTES:
        problems.append(Problem(None, None, "Het bestand is groter dan 5 MB."))
        return result
    try:
        wb = load_workbook(upload, read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds for a file that is not a workbook
        problems.append(
            Problem(None, None, "Dit is geen Excel-bestand (.xlsx) dat het platform kan lezen.")
        )
        return result
    if SHEET not in wb.sheetnames:
        problems.append(Problem(None, None, f"Het werkblad ‘{SHEET}’ ontbreekt."))
        return result
    rows = list(wb[SHEET].iter_rows(max_row=HEADER_ROW + MAX_ROWS + 1, values_only=True))
    version = self_assessment.framework.version
    file_version = _text(rows[1][1]) if len(rows) > 1 and len(rows[1]) > 1 else ""
    if file_version != version:
        problems.append(
            Problem(
                2,
                2,
                f"het bestand hoort bij normenkader ‘{file_version or '(leeg)'}’, "
                f"deze zelfevaluatie bij normenkader {version}.",
            )
        )
    header = rows[HEADER_ROW - 1] if len(rows) >= HEADER_ROW else ()
    for col, (name, _) in enumerate(COLUMNS, start=1):
        found = _text(header[col - 1]) if len(header) >= col else ""
        if found != name:
            problems.append(
                Problem(HEADER_ROW, col, f"hier hoort de kop ‘{name}’, niet ‘{found}’.")
            )
    if problems:
        return result
    if len(rows) > HEADER_ROW + MAX_ROWS:
        problems.append(Problem(None, None, f"Het bestand heeft meer dan {MAX_ROWS} rijen."))
        return result
    norms = {n.code: n for n in norms_of(self_assessment.framework)}
    current = {
        c.norm_id: c
        for c in Consolidation.objects.filter(self_assessment=self_assessment).select_related(
            "updated_by"
        )
    }
    seen: dict[str, int] = {}
    for number, values in enumerate(rows[HEADER_ROW:], start=HEADER_ROW + 1):
        cells = [_text(v) for v in values] + [""] * len(COLUMNS)
        code = cells[CODE - 1].upper()
        if not any(cells[: len(COLUMNS)]):
            continue
        norm = norms.get(code)
        if norm is None:
            problems.append(
                Problem(
                    number,
                    CODE,
                    f"norm ‘{code or '(leeg)'}’ bestaat niet in normenkader {version}.",
                )
            )
            continue
        if code in seen:
            problems.append(Problem(number, CODE, f"norm {code} staat ook al in rij {seen[code]}."))
            continue
        seen[code] = number
        answer, explanation, evidence = (
            cells[ANSWER - 1],
            cells[EXPLANATION - 1],
            cells[EVIDENCE - 1],
        )
        if not answer:
            if explanation or evidence:
                problems.append(
                    Problem(number, ANSWER, f"kies een antwoord bij {code}: {CHOICES_TEXT}.")
                )
            else:
                result.skipped += 1
            continue
        verdict = ACCEPTED.get(answer.lower())
        if verdict is None:
            problems.append(
                Problem(number, ANSWER, f"‘{answer}’ is geen antwoord; kies {CHOICES_TEXT}.")
            )
            continue
        if verdict == Verdict.NOT_APPLICABLE and not explanation:
            problems.append(
                Problem(number, EXPLANATION, f"leg uit waarom norm {code} niet van toepassing is.")
            )
            continue
        existing = current.get(norm.pk)
        if existing and (existing.verdict, existing.explanation, existing.evidence) == (
            verdict,
            explanation,
            evidence,
        ):
            result.unchanged += 1
            continue
        loaded = _version(values[VERSION - 1]) if len(values) >= VERSION else None
        if existing is not None and loaded != existing.version:
            problems.append(
                Problem(
                    number,
                    VERSION,
                    f"het antwoord op {code} is na het downloaden gewijzigd door "
                    f"{existing.updated_by.name} op "
                    f"{date_format(timezone.localtime(existing.updated_at), 'j F Y')}. "
                    "Download het bestand opnieuw en neem uw wijzigingen over.",
                )
            )
            continue
        result.changes.append(Change(norm, verdict, explanation, evidence, existing))
    if not seen and not problems:
        problems.append(Problem(None, None, "Het bestand bevat geen enkele norm."))
    return result


@transaction.atomic
def apply(self_assessment, result: ImportResult, user) -> int:
    """Save the checked changes; each bumps its answer's version, as a form would."""
    for change in result.changes:
        c = change.current or Consolidation(self_assessment=self_assessment, norm=change.norm)
        if c.pk:
            # Conditional on the version read: a save in between makes the whole import fail.
            if not Consolidation.objects.filter(pk=c.pk, version=c.version).update(
                version=c.version + 1
            ):
                raise Conflict(change.norm.code)
            c.version += 1
        c.verdict, c.explanation, c.evidence = change.verdict, change.explanation, change.evidence
        c.updated_by = user
        try:
            with transaction.atomic():
                c.save()
        except IntegrityError:
            # Someone saved the first answer to this norm in the meantime.
            raise Conflict(change.norm.code) from None
    return len(result.changes)


class Conflict(Exception):
    """An answer changed between checking and saving the file."""
