"""Reports from before the platform, read from a spreadsheet (issue 8, item 8).

SWN keeps its earlier reports in a workbook, one row per report: the member's lidnummer,
the body, the framework version, the dates, the kind of audit, the advice and then one
column per norm with its verdict (+, +/-, -, n.v.t.). `template()` is that workbook,
empty; `read()` imports a filled one all or nothing, in one transaction: every problem is
reported by row and column first, and nothing is saved while any remains. An advice that
the decision rules (audits.decision.decide) cannot give is one of those problems.
"""

import datetime
import io
import re
from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format
from openpyxl import Workbook, load_workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from simple_history.utils import bulk_create_with_history

from kwaliteitslabel.audits.decision import SIGNS, Verdict, decide
from kwaliteitslabel.audits.models import Audit
from kwaliteitslabel.bodies.models import CertificationBody
from kwaliteitslabel.frameworks.models import NORM_CODE, Framework, Norm
from kwaliteitslabel.members.models import Member

from . import historic_part_a as part_a
from . import points
from .models_historic import HISTORIC_VERDICTS, HistoricReport, HistoricVerdict

SHEET = "Rapporten"
HEADER_ROW = 1
# (header, width, explanation); the order is the layout. The norm columns follow.
COLUMNS = [
    ("lidnummer", 12, "Het lidnummer van de lidorganisatie bij SWN."),
    ("instelling", 30, "De naam van de certificerende instelling die de toetsing deed."),
    ("normenkader", 13, "De versie van het normenkader, bijvoorbeeld 2019."),
    ("datum toetsing", 15, "De (laatste) dag van de toetsing, als dd-mm-jjjj."),
    ("datum rapport", 15, "Niet verplicht. De datum van het definitieve rapport."),
    (
        "vervaldatum vorig certificaat",
        18,
        "Niet verplicht. Leeg bij een eerste certificering.",
    ),
    ("soort", 22, "Niet verplicht. Bijvoorbeeld eerste toetsing of hertoetsing."),
    ("advies", 11, "positief of negatief."),
    ("fte", 8, "Niet verplicht. De fte in scope uit deel A, zoals 42,5."),
    (
        "werksoorten",
        30,
        "Niet verplicht. De werksoorten in scope, zoals op het platform, gescheiden door ‘;’.",
    ),
    ("sterke punten", 40, "Niet verplicht. Uit deel A: één punt per regel (Alt+Enter)."),
    ("verbeterpunten", 40, "Niet verplicht. Uit deel A: één punt per regel (Alt+Enter)."),
]
(MEMBER, BODY, FRAMEWORK, AUDIT_DATE, REPORT_DATE, PREVIOUS_EXPIRY, KIND, ADVICE) = range(1, 9)
FTE, WORK_TYPES, STRENGTHS, IMPROVEMENT_POINTS = range(9, 13)
FIRST_NORM = len(COLUMNS) + 1
MAX_ROWS = 1000
MAX_BYTES = 5 * 1024 * 1024
DATE_FORMATS = ("%d-%m-%Y", "%Y-%m-%d", "%d/%m/%Y")

# What a person may type in a norm's cell: the sign, the label, or the word alone.
VERDICTS = dict(HISTORIC_VERDICTS)
ACCEPTED: dict[str, str] = {}
for _value, _label in HISTORIC_VERDICTS:
    for _spelling in (SIGNS[Verdict(_value)], _label, _label.split(" ", 1)[-1]):
        ACCEPTED[_spelling.strip().lower()] = _value
ACCEPTED.update(
    {
        "nvt": Verdict.NOT_APPLICABLE,
        "n.v.t": Verdict.NOT_APPLICABLE,
        "niet van toepassing": Verdict.NOT_APPLICABLE,
        "±": Verdict.PARTLY,
        "+/−": Verdict.PARTLY,
        "−": Verdict.NOT_MET,  # minus sign
        "–": Verdict.NOT_MET,  # en dash, as a word processor makes of "-"
    }
)
SIGN_LIST = [SIGNS[Verdict(v)] for v, _ in HISTORIC_VERDICTS]
SIGNS_TEXT = ", ".join(SIGN_LIST[:-1]) + f" of {SIGN_LIST[-1]}"
ADVICE_WORDS = {label: value for value, label in HistoricReport.Advice.choices}
ADVICE_TEXT = " of ".join(label for _, label in HistoricReport.Advice.choices)


@dataclass
class Problem:
    row: int | None
    column: int | None
    message: str
    header: str = ""

    def __str__(self) -> str:
        where = []
        if self.row:
            where.append(f"rij {self.row}")
        if self.column:
            where.append(
                f"kolom {get_column_letter(self.column)}"
                + (f" ({self.header})" if self.header else "")
            )
        prefix = ", ".join(where)
        return f"{prefix[:1].upper()}{prefix[1:]}: {self.message}" if where else self.message


class Refused(Exception):
    """The file was not imported; `problems` says why, every one of them."""

    def __init__(self, problems: list[Problem]):
        super().__init__(f"{len(problems)} problems")
        self.problems = problems


def default_framework() -> Framework | None:
    """The framework the template is for: the newest in force."""
    return Framework.objects.filter(status=Framework.Status.IN_FORCE).order_by("-version").first()


def _norms(framework) -> list[Norm]:
    return list(
        Norm.objects.filter(framework=framework)
        .select_related("rubric")
        .order_by("rubric__position", "number")
    )


def template(framework=None) -> bytes:
    """The empty workbook: the report columns, then one column per norm of the framework."""
    framework = framework or default_framework()
    norms = _norms(framework) if framework else []
    wb = Workbook()
    ws = wb.active
    ws.title = SHEET
    headers = [(name, width, note) for name, width, note in COLUMNS] + [
        (n.code, 7, f"{n.label}: {n.text}") for n in norms
    ]
    last = HEADER_ROW + MAX_ROWS
    for col, (header, width, note) in enumerate(headers, start=1):
        cell = ws.cell(HEADER_ROW, col, header)
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = PatternFill("solid", fgColor="1F4E79")
        cell.alignment = Alignment(horizontal="center" if col >= FIRST_NORM else "left")
        cell.comment = Comment(note, "Sociaal Werk Nederland", width=300, height=120)
        letter = get_column_letter(col)
        ws.column_dimensions[letter].width = width
        if col in (AUDIT_DATE, REPORT_DATE, PREVIOUS_EXPIRY):
            ws.column_dimensions[letter].number_format = "DD-MM-YYYY"
        elif col in (MEMBER, FRAMEWORK) or col >= FIRST_NORM:
            # Text, so that a lidnummer keeps its leading zeros and "-" stays a sign.
            ws.column_dimensions[letter].number_format = "@"
    lists = [
        (FRAMEWORK, FRAMEWORK, ",".join(Framework.objects.values_list("version", flat=True)), True),
        (KIND, KIND, ",".join(label for _, label in Audit.Kind.choices), False),
        (ADVICE, ADVICE, ",".join(label for _, label in HistoricReport.Advice.choices), True),
    ]
    if norms:
        lists.append((FIRST_NORM, len(headers), ",".join(SIGN_LIST), True))
    for first, end, choices, strict in lists:
        validation = DataValidation(
            type="list",
            formula1=f'"{choices}"',
            allow_blank=True,
            showErrorMessage=strict,
            errorTitle="Kies uit de lijst",
            error=f"Kies een van: {choices.replace(',', ', ')}.",
        )
        ws.add_data_validation(validation)
        validation.add(f"{get_column_letter(first)}{HEADER_ROW + 1}:{get_column_letter(end)}{last}")
    ws.freeze_panes = ws.cell(HEADER_ROW + 1, BODY + 1)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _date(value) -> datetime.date | None:
    """The date in a cell (a date cell, or text as dd-mm-jjjj); ValueError if it is none."""
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    text = _text(value)
    for fmt in DATE_FORMATS:
        try:
            return datetime.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise ValueError(text)


def _day(day: datetime.date) -> str:
    return date_format(day, "j F Y")


@dataclass
class _Row:
    number: int
    member: Member
    body: CertificationBody | None
    body_name: str
    framework: Framework
    audit_date: datetime.date
    report_date: datetime.date | None
    previous_expiry: datetime.date | None
    kind: str
    advice: str
    verdicts: dict  # norm -> verdict value
    # The optional columns: fte, work_types, strengths, improvement_points.
    part_a: dict = field(default_factory=dict)


def _load(upload) -> list[tuple]:
    if upload.size > MAX_BYTES:
        raise Refused([Problem(None, None, "Het bestand is groter dan 5 MB.")])
    try:
        wb = load_workbook(upload, read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds for a file that is not a workbook
        raise Refused(
            [Problem(None, None, "Dit is geen Excel-bestand (.xlsx) dat het platform kan lezen.")]
        ) from None
    if SHEET not in wb.sheetnames:
        raise Refused([Problem(None, None, f"Het werkblad ‘{SHEET}’ ontbreekt.")])
    rows = list(wb[SHEET].iter_rows(max_row=HEADER_ROW + MAX_ROWS + 1, values_only=True))
    wb.close()
    if len(rows) > HEADER_ROW + MAX_ROWS:
        raise Refused([Problem(None, None, f"Het bestand heeft meer dan {MAX_ROWS} rapporten.")])
    return rows


def _header(rows, width) -> tuple[list[str], dict[str, int], list[Problem]]:
    """The headers as in the file, the norm columns by code, and what is wrong with them."""
    problems = []
    header = [_text(v) for v in rows[HEADER_ROW - 1]] if len(rows) >= HEADER_ROW else []
    header += [""] * (width - len(header))
    for col, (name, _, _) in enumerate(COLUMNS, start=1):
        if header[col - 1].lower() != name:
            problems.append(
                Problem(
                    HEADER_ROW,
                    col,
                    f"hier hoort de kop ‘{name}’, niet ‘{header[col - 1] or '(leeg)'}’.",
                )
            )
    codes: dict[str, int] = {}
    for col in range(FIRST_NORM, len(header) + 1):
        code = header[col - 1].upper()
        if not code:
            continue
        if not NORM_CODE.match(code):
            problems.append(
                Problem(HEADER_ROW, col, f"‘{header[col - 1]}’ is geen normcode (zoals V1).")
            )
        elif code in codes:
            problems.append(
                Problem(
                    HEADER_ROW,
                    col,
                    f"norm {code} staat ook al in kolom {get_column_letter(codes[code])}.",
                )
            )
        else:
            codes[code] = col
    return header, codes, problems


def read(upload, user) -> list[HistoricReport]:
    """Import the reports in the file, all or nothing; `Refused` with every problem found."""
    rows = _load(upload)
    width = max([len(COLUMNS), *(len(r) for r in rows)])
    header, columns, problems = _header(rows, width)
    if problems:
        raise Refused(problems)

    def problem(number, col, message):
        problems.append(Problem(number, col, message, header[col - 1] if col else ""))

    body_rows = [
        (number, [*values, *([None] * (width - len(values)))])
        for number, values in enumerate(rows[HEADER_ROW:], start=HEADER_ROW + 1)
        if any(_text(v) for v in values)
    ]
    if not body_rows:
        raise Refused([Problem(None, None, "Het bestand bevat geen enkel rapport.")])
    numbers = {_text(values[MEMBER - 1]) for _, values in body_rows}
    members = {m.member_number: m for m in Member.objects.filter(member_number__in=numbers)}
    bodies = {b.name.lower(): b for b in CertificationBody.objects.all()}
    frameworks = {f.version: f for f in Framework.objects.all()}
    work_types = part_a.known_work_types()
    norms: dict[int, dict[str, Norm]] = {}
    for norm in Norm.objects.select_related("rubric").order_by("rubric__position", "number"):
        norms.setdefault(norm.framework_id, {})[norm.code] = norm
    done = {
        (member_id, day): at
        for member_id, day, at in HistoricReport.objects.filter(
            member__in=members.values()
        ).values_list("member_id", "audit_date", "imported_at")
    }
    today = timezone.localdate()
    seen: dict[tuple, int] = {}
    first_row_of: dict[str, int] = {}  # framework version -> first row that uses it
    good: list[_Row] = []
    for number, values in body_rows:
        cells = [_text(v) for v in values]
        before = len(problems)
        number_text = cells[MEMBER - 1]
        member = members.get(number_text)
        if not number_text:
            problem(number, MEMBER, "vul het lidnummer in.")
        elif member is None:
            problem(number, MEMBER, f"er is geen lidorganisatie met lidnummer ‘{number_text}’.")
        body_name = cells[BODY - 1]
        body = bodies.get(body_name.lower())
        if not body_name:
            problem(number, BODY, "vul de naam van de certificerende instelling in.")
        elif len(body_name) > 200:
            problem(number, BODY, "de naam is langer dan 200 tekens.")
        version = cells[FRAMEWORK - 1]
        framework = frameworks.get(version)
        if framework is None:
            problem(
                number,
                FRAMEWORK,
                f"normenkader ‘{version or '(leeg)'}’ bestaat niet; "
                f"kies {' of '.join(frameworks)}.",
            )
        else:
            first_row_of.setdefault(version, number)
        dates = {}
        for col, required in ((AUDIT_DATE, True), (REPORT_DATE, False), (PREVIOUS_EXPIRY, False)):
            if not cells[col - 1]:
                dates[col] = None
                if required:
                    problem(number, col, "vul de datum van de toetsing in.")
                continue
            try:
                dates[col] = _date(values[col - 1])
            except ValueError:
                problem(
                    number, col, f"‘{cells[col - 1]}’ is geen datum; schrijf hem als dd-mm-jjjj."
                )
        audit_date, report_date = dates.get(AUDIT_DATE), dates.get(REPORT_DATE)
        if audit_date and audit_date > today:
            problem(number, AUDIT_DATE, f"{_day(audit_date)} ligt in de toekomst.")
        if audit_date and report_date and report_date < audit_date:
            problem(
                number,
                REPORT_DATE,
                f"het rapport ({_day(report_date)}) is van vóór de toetsing ({_day(audit_date)}).",
            )
        kind = cells[KIND - 1]
        if len(kind) > 100:
            problem(number, KIND, "de soort is langer dan 100 tekens.")
        advice_text = cells[ADVICE - 1]
        advice = ADVICE_WORDS.get(advice_text.lower())
        if advice is None:
            problem(
                number,
                ADVICE,
                f"‘{advice_text or '(leeg)'}’ is geen advies; kies {ADVICE_TEXT}.",
            )
        found_a = _part_a(cells, work_types, number, problem)
        verdicts = {}
        if framework is not None:
            own = norms.get(framework.pk, {})
            for code, col in columns.items():
                text = cells[col - 1]
                norm = own.get(code)
                if norm is None:
                    if text:
                        problem(number, col, f"norm {code} hoort niet bij normenkader {version}.")
                    continue
                verdict = ACCEPTED.get(text.lower())
                if not text:
                    problem(number, col, f"geen oordeel bij {code}; kies {SIGNS_TEXT}.")
                elif verdict is None:
                    problem(number, col, f"‘{text}’ is geen oordeel; kies {SIGNS_TEXT}.")
                else:
                    verdicts[norm] = verdict
        for col in range(FIRST_NORM, width + 1):
            if not header[col - 1] and cells[col - 1]:
                problem(number, col, "deze kolom heeft geen kop; zet er de normcode boven.")
        if member is not None and audit_date is not None:
            key = (member.pk, audit_date)
            if key in seen:
                problem(
                    number,
                    AUDIT_DATE,
                    f"het rapport van {member.name} van {_day(audit_date)} staat ook al "
                    f"in rij {seen[key]}.",
                )
            elif key in done:
                problem(
                    number,
                    AUDIT_DATE,
                    f"het rapport van {member.name} van {_day(audit_date)} is al ingelezen "
                    f"(op {_day(timezone.localtime(done[key]).date())}).",
                )
            seen.setdefault(key, number)
        complete = framework is not None and len(verdicts) == len(norms.get(framework.pk, {}))
        if complete and advice and framework.has_thresholds:
            outcome = decide(
                {n.code: v for n, v in verdicts.items()},
                framework.max_not_met,
                framework.max_partly,
            )
            if outcome.route == "c" and advice == HistoricReport.Advice.POSITIVE:
                problem(
                    number,
                    ADVICE,
                    f"een positief advies past niet bij de oordelen: {outcome.summary()} "
                    "Boven de grens is het advies negatief.",
                )
            elif outcome.route == "a" and advice == HistoricReport.Advice.NEGATIVE:
                problem(
                    number,
                    ADVICE,
                    f"een negatief advies past niet bij de oordelen: {outcome.summary()}",
                )
        if len(problems) == before:
            good.append(
                _Row(
                    number,
                    member,
                    body,
                    body.name if body else body_name,
                    framework,
                    audit_date,
                    report_date,
                    dates.get(PREVIOUS_EXPIRY),
                    kind,
                    advice,
                    verdicts,
                    found_a,
                )
            )
    for version, number in first_row_of.items():
        framework = frameworks[version]
        missing = [code for code in norms.get(framework.pk, {}) if code not in columns]
        if missing:
            problems.append(
                Problem(
                    HEADER_ROW,
                    None,
                    f"de {'kolom' if len(missing) == 1 else 'kolommen'} voor "
                    f"{_listing(missing)} {'ontbreekt' if len(missing) == 1 else 'ontbreken'}; "
                    f"rij {number} is een rapport op normenkader {version}, met die normen.",
                )
            )
    problems.sort(key=lambda p: (p.row or 0, p.column or 0))
    if problems:
        raise Refused(problems)
    return _save(good, user, _filename(upload))


def _part_a(cells: list[str], work_types: dict, number: int, problem) -> dict:
    """The optional part A columns of a row; each bad cell is a problem for its column."""
    found = {"fte": None, "work_types": [], "strengths": "", "improvement_points": ""}
    for col, key, parse in (
        (FTE, "fte", part_a.fte),
        (WORK_TYPES, "work_types", lambda text: part_a.work_types(text, work_types)),
        (STRENGTHS, "strengths", part_a.points),
        (IMPROVEMENT_POINTS, "improvement_points", part_a.points),
    ):
        if cells[col - 1]:
            try:
                found[key] = parse(cells[col - 1])
            except ValueError as error:
                problem(number, col, str(error))
    return found


def _listing(codes: list[str]) -> str:
    return codes[0] if len(codes) == 1 else ", ".join(codes[:-1]) + f" en {codes[-1]}"


def _filename(upload) -> str:
    name = re.split(r"[\\/]", getattr(upload, "name", "") or "")[-1]
    return name[:255]


@transaction.atomic
def _save(rows: list[_Row], user, filename: str) -> list[HistoricReport]:
    reports = []
    try:
        with transaction.atomic():
            for row in rows:
                report = HistoricReport(
                    member=row.member,
                    body=row.body,
                    body_name=row.body_name,
                    framework=row.framework,
                    audit_date=row.audit_date,
                    report_date=row.report_date,
                    previous_expiry=row.previous_expiry,
                    kind=row.kind,
                    advice=row.advice,
                    fte=row.part_a.get("fte"),
                    strengths=row.part_a.get("strengths", ""),
                    improvement_points=row.part_a.get("improvement_points", ""),
                    imported_by=user,
                    source_filename=filename,
                )
                report._history_user = user
                report.save()
                reports.append(report)
            bulk_create_with_history(
                [
                    HistoricVerdict(report=report, norm=norm, verdict=verdict)
                    for report, row in zip(reports, rows, strict=True)
                    for norm, verdict in row.verdicts.items()
                ],
                HistoricVerdict,
                default_user=user,
            )
            HistoricReport.work_types.through.objects.bulk_create(
                HistoricReport.work_types.through(historicreport=report, worktype=work_type)
                for report, row in zip(reports, rows, strict=True)
                for work_type in row.part_a.get("work_types", [])
            )
            # Their strengths and improvement points, each with a suggested norm for SWN to
            # confirm (issue 10 item 3).
            points.sync_many(reports)
    except IntegrityError:
        # Someone imported one of these reports in the meantime.
        raise Refused(
            [
                Problem(
                    None,
                    None,
                    "Een van deze rapporten is zojuist al ingelezen, door iemand anders. "
                    "Er is niets ingelezen; probeer het opnieuw.",
                )
            ]
        ) from None
    return reports
