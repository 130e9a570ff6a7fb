"""The member's corrections of the concept and the lead's answers (Bijlage 6 steps 7-8)."""

from django.db import transaction
from django.utils import timezone
from django.utils.text import Truncator

from kwaliteitslabel.audits.models import Audit
from kwaliteitslabel.audits.workflow import Refused

from . import content
from .models_review import Correction

Status = Audit.Status


def targets(report: content.ReportContent) -> list[tuple[str, str]]:
    """What a correction can be about: each field of part A, each norm of part B."""
    return [(f.key, f"Deel A: {f.label}") for f in report.fields] + [
        (row.code, f"Deel B: {row.code}. {Truncator(row.text).words(10)}")
        for part in report.part_b
        for row in part.rows
    ]


@transaction.atomic
def add(audit: Audit, user, target: str, comment: str) -> Correction:
    if audit.status != Status.DRAFT_REPORT:
        raise Refused(["Correcties kunnen alleen zolang het concept bij het lid ligt."])
    if not comment.strip():
        raise Refused(["Feitelijke onjuistheid: schrijf wat niet klopt en hoe het wel is."])
    return Correction.objects.create(
        audit=audit, target=target, comment=comment.strip(), created_by=user
    )


@transaction.atomic
def answer(correction: Correction, user, decision: str, reply: str) -> None:
    if decision not in (Correction.Decision.ACCEPTED, Correction.Decision.REJECTED):
        raise Refused(["Kies: overnemen of niet overnemen."])
    if not reply.strip():
        raise Refused([f"{correction.target}: schrijf een antwoord aan het lid."])
    changed = Correction.objects.filter(pk=correction.pk, decision=Correction.Decision.OPEN).update(
        decision=decision, reply=reply.strip(), replied_by=user, replied_at=timezone.now()
    )
    if not changed:
        raise Refused([f"{correction.target} is intussen al beantwoord."])


def open_count(audit) -> int:
    return Correction.objects.filter(audit=audit, decision=Correction.Decision.OPEN).count()
