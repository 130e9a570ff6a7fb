"""Self-assessments for tests: member A's, with the world's professional as a participant."""

from kwaliteitslabel.frameworks.models import Framework
from kwaliteitslabel.selfassessment.models import Participant, SelfAssessment


def make_self_assessment(world, member=None, **fields):
    member = member or world.member_a
    return SelfAssessment.objects.create(
        member=member,
        framework=Framework.objects.get(version="2019"),
        title=fields.pop("title", "Zelfevaluatie 2026"),
        started_by=world.users["member_admin"],
        **fields,
    )


def add_participant(self_assessment, user, rubrics=("V", "D", "O")):
    return Participant.objects.create(
        self_assessment=self_assessment, user=user, name=user.name, rubrics=list(rubrics)
    )
