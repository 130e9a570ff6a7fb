"""Part A's points as rows, in step with the report's texts (issue 10 item 3).

The texts (`strengths`, `improvement_points`, one point per line) stay the source of the
report's documents. `sync_many` brings the rows in line with them: a point whose text still
stands keeps its row and its norm, a new line gets a row without a norm (for a historic
report with the platform's suggestion), a line that is gone loses its row. The historic
import calls `sync_many(reports)` after saving; migration 0006 made the rows of reports
imported before.
"""

from collections import defaultdict
from dataclasses import dataclass

from django.utils import timezone
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from kwaliteitslabel.frameworks.models import Norm
from kwaliteitslabel.frameworks.services import search_terms
from kwaliteitslabel.trends.suggest import NormIndex

from .models import HistoricReport, ReportPoint

Kind = ReportPoint.Kind
# Each kind of point and the report's text field it comes from (Bijlage 7).
FIELDS = ((Kind.STRENGTH, "strengths"), (Kind.IMPROVEMENT, "improvement_points"))


def lines(text: str) -> list[str]:
    """The points of a text, one per line, as part A shows them (`content.py`)."""
    return [s.strip() for s in (text or "").splitlines() if s.strip()]


def fold(text: str) -> str:
    """Lower case without accents, as the norm search compares (frameworks.services)."""
    return " ".join(search_terms(text))


def texts_of(report) -> dict[str, str]:
    return {kind: getattr(report, name) for kind, name in FIELDS}


def _owner(report) -> str:
    return "historic_report" if isinstance(report, HistoricReport) else "report"


def sync_many(reports, texts: dict[int, dict[str, str]] | None = None) -> list[ReportPoint]:
    """The rows of `reports` (all platform `Report`s or all `HistoricReport`s) in step with
    their texts, or with `texts` {report pk: {kind: text}}; returns the rows in order.
    A handful of queries, whatever the number of reports."""
    reports = [r for r in reports if r.pk]
    if not reports:
        return []
    owner = _owner(reports[0])
    texts = texts or {r.pk: texts_of(r) for r in reports}
    pool = defaultdict(list)
    existing = ReportPoint.objects.filter(**{f"{owner}__in": [r.pk for r in reports]})
    for row in existing.order_by("position", "pk"):
        pool[(getattr(row, f"{owner}_id"), row.kind, row.text)].append(row)
    kept, moved, new = [], [], []
    for report in reports:
        for kind, _ in FIELDS:
            for position, text in enumerate(lines(texts[report.pk][kind]), start=1):
                found = pool.get((report.pk, kind, text))
                if found:
                    row = found.pop(0)
                    if row.position != position:
                        row.position = position
                        moved.append(row)
                else:
                    row = ReportPoint(kind=kind, position=position, text=text, folded=fold(text))
                    setattr(row, owner, report)
                    new.append(row)
                kept.append(row)
    gone = [row.pk for rows in pool.values() for row in rows]
    if gone:
        ReportPoint.objects.filter(pk__in=gone).delete()
    if moved:
        bulk_update_with_history(moved, ReportPoint, ["position"], batch_size=500)
    if new:
        if owner == "historic_report":
            _suggest(new)
        bulk_create_with_history(new, ReportPoint)
    return kept


def sync_points(report) -> list[ReportPoint]:
    """One report's rows in step with its texts (a `Report` or a `HistoricReport`)."""
    return sync_many([report])


def _suggest(rows: list[ReportPoint]) -> None:
    """The platform's suggestion for each new historic point: one query for the norms."""
    frameworks = {row.historic_report.framework_id for row in rows}
    norms = defaultdict(list)
    for norm in (
        Norm.objects.filter(framework_id__in=frameworks)
        .select_related("rubric")
        .order_by("rubric__position", "number")
    ):
        norms[norm.framework_id].append(norm)
    indexes = {fw: NormIndex(found) for fw, found in norms.items()}
    known = {}  # the same point recurs over many reports: rank it once
    for row in rows:
        key = (row.historic_report.framework_id, row.text)
        if key not in known:
            index = indexes.get(key[0])
            found = index.suggest(row.text) if index else None
            known[key] = found.norm if found else None
        row.suggested_norm = known[key]


@dataclass
class Line:
    """One point of a report as it stands, with its norm if a person linked one."""

    kind: str
    position: int
    text: str
    norm_id: int | None


def current_lines(report) -> list[Line]:
    """The points of the report's texts with the norms of their rows; one query, no writes
    (a line without a row yet simply has no norm)."""
    pool = defaultdict(list)
    if report.pk:
        for kind, text, norm_id in report.points.order_by("position", "pk").values_list(
            "kind", "text", "norm_id"
        ):
            pool[(kind, text)].append(norm_id)
    found = []
    for kind, name in FIELDS:
        for position, text in enumerate(lines(getattr(report, name)), start=1):
            norms = pool.get((kind, text))
            found.append(Line(kind, position, text, norms.pop(0) if norms else None))
    return found


def link(report, before: dict[str, str], choices: dict[tuple[str, int], int | None], user):
    """The lead auditor's norm per point, `choices` {(kind, position): norm pk or None} for the
    points as they stood when the page was loaded (`before`); then the rows in step with the
    saved texts, so a point whose line still stands keeps its norm and a new line has none."""
    rows = sync_many([report], {report.pk: before})
    now, changed = timezone.now(), []
    for row in rows:
        key = (row.kind, row.position)
        if key in choices and choices[key] != row.norm_id:
            row.norm_id = choices[key]
            row.confirmed_by = user if row.norm_id else None
            row.confirmed_at = now if row.norm_id else None
            changed.append(row)
    if changed:
        fields = ["norm", "confirmed_by", "confirmed_at"]
        bulk_update_with_history(changed, ReportPoint, fields, default_user=user)
    return sync_many([report])
