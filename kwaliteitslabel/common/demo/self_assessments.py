"""Demo self-assessments (demo.yaml `self_assessments`): team answers, consolidation, feedback.

Answers are one sign per norm in paper order (+ ~ - n, "." for none), so the YAML stays
readable. Created once; a second run finds the self-assessment by member and title.
"""

import datetime

from django.utils import timezone

from kwaliteitslabel.accounts.models import User
from kwaliteitslabel.audits.models import Scope
from kwaliteitslabel.bodies.models import CertificationBody
from kwaliteitslabel.frameworks.models import Framework
from kwaliteitslabel.selfassessment.models import (
    Answer,
    Consolidation,
    NormFeedback,
    Participant,
    SelfAssessment,
    Share,
)
from kwaliteitslabel.selfassessment.readiness import norms_of

SIGNS = {"+": "met", "~": "partly", "-": "not_met", "n": "not_applicable", ".": None}


def moment(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(10, 0)))


def verdicts(norms, per_rubric: dict[str, str]) -> dict:
    """{norm: verdict} from one sign per norm of each rubric given."""
    result = {}
    for code, signs in per_rubric.items():
        rubric_norms = [n for n in norms if n.rubric.code == code]
        if len(signs) != len(rubric_norms):
            raise ValueError(
                f"demo: rubriek {code} heeft {len(rubric_norms)} normen, niet {len(signs)}"
            )
        for norm, sign in zip(rubric_norms, signs, strict=True):
            if SIGNS[sign]:
                result[norm] = SIGNS[sign]
    return result


def load(entries, members) -> None:
    for entry in entries:
        member = members[entry["member"]]
        if SelfAssessment.objects.filter(member=member, title=entry["title"]).exists():
            continue
        _create(entry, member)


def _create(entry, member) -> None:
    framework = Framework.objects.get(version=entry["framework"])
    norms = norms_of(framework)
    by_code = {n.code: n for n in norms}
    admin = User.objects.get(email=entry["started_by"])
    sa = SelfAssessment.objects.create(
        member=member,
        framework=framework,
        title=entry["title"],
        scope=Scope.objects.filter(member=member, name=entry.get("scope")).first(),
        started_by=admin,
        closed_on=entry.get("closed_on"),
    )
    SelfAssessment.objects.filter(pk=sa.pk).update(started_at=moment(entry["started_on"]))
    for person in entry["team"]:
        user = User.objects.filter(email=person.get("user")).first()
        part = Participant.objects.create(
            self_assessment=sa,
            user=user,
            name=user.name if user else person["name"],
            rubrics=list(person["answers"]),
        )
        examples = person.get("examples", {})
        Answer.objects.bulk_create(
            Answer(
                participant=part,
                norm=norm,
                verdict=verdict,
                example=examples.get(norm.code, ""),
            )
            for norm, verdict in verdicts(norms, person["answers"]).items()
        )
    notes = entry.get("explanations", {})
    for norm, verdict in verdicts(norms, entry["consolidated"]).items():
        note = notes.get(norm.code, {})
        Consolidation.objects.create(
            self_assessment=sa,
            norm=norm,
            verdict=verdict,
            explanation=note.get("explanation", ""),
            evidence=note.get("evidence", ""),
            updated_by=admin,
        )
    for s in entry.get("shares", []):
        author = User.objects.get(email=s["feedback_by"])
        share = Share.objects.create(
            self_assessment=sa,
            body=CertificationBody.objects.get(name=s["body"]),
            shared_by=admin,
            overall_feedback=s.get("overall", ""),
            feedback_by=author if s.get("overall") else None,
            feedback_at=moment(s["feedback_on"]) if s.get("overall") else None,
        )
        Share.objects.filter(pk=share.pk).update(shared_at=moment(s["shared_on"]))
        for code, text in s.get("norms", {}).items():
            NormFeedback.objects.create(share=share, norm=by_code[code], text=text, author=author)
