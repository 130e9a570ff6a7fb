"""Generated self-assessments for the demo of "self-assessment against audit" (issue 10
item 4): for about 60 % of the generated historic reports, a closed self-assessment of that
generated member, some months before the audit, titled "[gegenereerd] …".

Its consolidated answers follow the audit's verdicts, but members see themselves a little
better than the audit does: more often "voldoet" where the audit found partly than the
reverse. All written with bulk_create, a few queries per batch of reports.
"""

import datetime
import random

from django.contrib.auth import get_user_model

from kwaliteitslabel.audits.decision import Verdict
from kwaliteitslabel.selfassessment.models import Consolidation, SelfAssessment

SHARE = 0.6
EMAIL = "gegenereerd@example.invalid"
# Chances of the member's own answer given the audit's verdict (the rest: "voldoet").
OWN = {
    Verdict.MET: [(Verdict.PARTLY, 0.04), (Verdict.NOT_MET, 0.005)],
    Verdict.PARTLY: [(Verdict.PARTLY, 0.45), (Verdict.NOT_MET, 0.05)],
    Verdict.NOT_MET: [(Verdict.PARTLY, 0.45), (Verdict.NOT_MET, 0.3)],
    Verdict.NOT_APPLICABLE: [(Verdict.NOT_APPLICABLE, 0.85)],
}


def generated_user():
    """One user who "started" every generated self-assessment (never one per member)."""
    user, made = get_user_model().objects.get_or_create(
        email=EMAIL, defaults={"name": "[gegenereerd] demo-gegevens", "is_active": False}
    )
    if made:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user


def _own(rng: random.Random, verdict: str, kindness: float) -> str:
    draw = rng.random() * kindness
    for answer, chance in OWN[verdict]:
        if draw < chance:
            return answer
        draw -= chance
    return Verdict.MET


def add(reports, verdicts) -> None:
    """Self-assessments for about SHARE of `reports` (saved), answered from `verdicts`
    [(report, norm, verdict)]; the same reports give the same answers."""
    rng = random.Random(sum(r.audit_date.toordinal() for r in reports))
    chosen = {id(r): r for r in reports if rng.random() < SHARE}
    if not chosen:
        return
    user = generated_user()
    made = {}
    for key, report in chosen.items():
        closed = report.audit_date - datetime.timedelta(days=rng.randint(30, 300))
        made[key] = SelfAssessment(
            member=report.member,
            framework=report.framework,
            title=f"[gegenereerd] Zelfevaluatie {closed.year}",
            started_by=user,
            closed_on=closed,
        )
    SelfAssessment.objects.bulk_create(made.values(), batch_size=1000)
    # Most members are a little kinder to themselves than the audit; some are stricter.
    kindness = {key: rng.uniform(0.8, 1.6) for key in made}
    Consolidation.objects.bulk_create(
        (
            Consolidation(  # ids, not objects: quicker for 300,000 of them
                self_assessment_id=made[id(report)].pk,
                norm_id=norm.pk,
                verdict=_own(rng, verdict, kindness[id(report)]),
                updated_by_id=user.pk,
            )
            for report, norm, verdict in verdicts
            if id(report) in made
        ),
        batch_size=5000,
    )
