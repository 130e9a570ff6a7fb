"""Rows for the points of historic reports imported after their points were kept (0004) but
before the import made rows for them, each with the platform's suggested norm as the import
gives it (issue 10 item 3); from here on the import makes them and the trends pages only read.

Works on this migration's models, not the app's: only the pure helpers are borrowed.
"""

from collections import defaultdict
from types import SimpleNamespace

from django.db import migrations
from django.db.models import Exists, OuterRef
from django.utils import timezone

from kwaliteitslabel.reports.points import FIELDS, fold, lines
from kwaliteitslabel.trends.suggest import NormIndex

CHUNK = 1000  # reports per round, to keep memory flat


def _indexes(Norm) -> dict[int, NormIndex]:
    """Per framework its norms ranked as `points._suggest` ranks them. This migration's Norm
    lacks the model's `code` and `label` properties, so they are made here as it makes them."""
    norms = defaultdict(list)
    for n in Norm.objects.select_related("rubric").order_by("rubric__position", "number"):
        norms[n.framework_id].append(
            SimpleNamespace(
                pk=n.pk,
                code=f"{n.rubric.code}{n.number}",
                label=f"{n.rubric.name} {n.number}",
                rubric=n.rubric,
                number=n.number,
                text=n.text,
                examples=n.examples,
                questions=n.questions,
                evidence_examples=n.evidence_examples,
            )
        )
    return {framework: NormIndex(found) for framework, found in norms.items()}


def make_points(apps, schema_editor):
    HistoricReport = apps.get_model("reports", "HistoricReport")
    ReportPoint = apps.get_model("reports", "ReportPoint")
    HistoricalReportPoint = apps.get_model("reports", "HistoricalReportPoint")
    missing = (
        HistoricReport.objects.exclude(strengths="", improvement_points="")
        .filter(~Exists(ReportPoint.objects.filter(historic_report=OuterRef("pk"))))
        .only("pk", "framework_id", "strengths", "improvement_points")
        .order_by("pk")
    )
    if not missing.exists():
        return
    indexes = _indexes(apps.get_model("frameworks", "Norm"))
    known = {}  # the same point recurs over many reports: rank it once
    last = 0
    while chunk := list(missing.filter(pk__gt=last)[:CHUNK]):
        last = chunk[-1].pk
        rows = []
        for report in chunk:
            for kind, name in FIELDS:
                for position, text in enumerate(lines(getattr(report, name)), start=1):
                    key = (report.framework_id, text)
                    if key not in known:
                        index = indexes.get(report.framework_id)
                        found = index.suggest(text) if index else None
                        known[key] = found.norm.pk if found else None
                    rows.append(
                        ReportPoint(
                            historic_report_id=report.pk,
                            kind=kind,
                            position=position,
                            text=text,
                            folded=fold(text),
                            suggested_norm_id=known[key],
                        )
                    )
        ReportPoint.objects.bulk_create(rows, batch_size=500)
        # Their "+" history, as `bulk_create_with_history` gives the import's rows.
        now = timezone.now()
        HistoricalReportPoint.objects.bulk_create(
            (
                HistoricalReportPoint(
                    id=row.pk,
                    historic_report_id=row.historic_report_id,
                    kind=row.kind,
                    position=row.position,
                    text=row.text,
                    folded=row.folded,
                    suggested_norm_id=row.suggested_norm_id,
                    history_date=now,
                    history_type="+",
                )
                for row in rows
            ),
            batch_size=500,
        )


class Migration(migrations.Migration):
    dependencies = [
        ("frameworks", "0001_initial"),
        ("reports", "0005_report_points"),
    ]
    # Backwards the rows may stay: 0005 backwards drops them with their table.
    operations = [migrations.RunPython(make_points, migrations.RunPython.noop, elidable=True)]
