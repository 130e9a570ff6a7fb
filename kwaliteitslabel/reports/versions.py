"""Every version of the report, and what changed between two (issue 8, item 3).

A version is taken when the audit reaches a step the report is sent at: the concept to the
member, the final report, part A to SWN. It is a snapshot of `content.build`, so a later
change of a finding shows as a difference per norm.
"""

from django.db import IntegrityError, transaction
from django.db.models.signals import post_save
from django.dispatch import receiver

from kwaliteitslabel.audits.models import Audit, AuditEvent

from . import content
from .models_review import ReportVersion

Status = Audit.Status
SENT = (Status.DRAFT_REPORT, Status.PLAN_DUE, Status.ADVICE_POSITIVE, Status.SUMMARY_SENT)
ROW_FIELDS = {
    "verdict": "oordeel",
    "findings": "bevindingen",
    "strengths": "sterke punten",
    "improvement_points": "verbeterpunten",
}


def snapshot(report: content.ReportContent) -> dict:
    return {
        "a": {f.key: f.value for f in report.fields},
        "b": {
            row.code: {name: getattr(row, name) for name in ROW_FIELDS}
            for part in report.part_b
            for row in part.rows
        },
    }


def take(audit, status) -> ReportVersion:
    number = ReportVersion.objects.filter(audit=audit).count() + 1
    return ReportVersion.objects.create(
        audit=audit, number=number, status=status, content=snapshot(content.build(audit))
    )


@receiver(post_save, sender=AuditEvent)
def version_at_sending(sender, instance, created, **kwargs):
    """In the transaction of the step itself; a twin step (two clicks) cannot add two."""
    if created and instance.status in SENT:
        try:
            with transaction.atomic():
                take(instance.audit, instance.status)
        except IntegrityError:
            pass


def labels() -> dict[str, str]:
    return {
        f["key"]: f["label"]
        for s in content.report_format()["part_a"]["sections"]
        for f in s["fields"]
    }


def differences(old: dict, new: dict) -> list[tuple[str, str, object, object]]:
    """(where, what, old, new) for every part A field and every norm's field that changed."""
    names = labels()
    changes = [
        ("Deel A", names.get(key, key), old["a"].get(key), value)
        for key, value in new["a"].items()
        if old["a"].get(key) != value
    ]
    for code, row in new["b"].items():
        before = old["b"].get(code, {})
        changes += [
            (code, label, before.get(name), row[name])
            for name, label in ROW_FIELDS.items()
            if before.get(name) != row[name]
        ]
    return changes
