"""Demo audits (demo.yaml `audits`): requested and accepted through the workflow, then planned.

Created once; a second run finds the audit by member, body and kind.
"""

from kwaliteitslabel.accounts.models import User
from kwaliteitslabel.audits import workflow
from kwaliteitslabel.audits.models import Audit, AuditDay, Scope, TeamMember
from kwaliteitslabel.bodies.models import CertificationBody
from kwaliteitslabel.frameworks.models import Framework
from kwaliteitslabel.selfassessment.models import SelfAssessment


def load(entries, members) -> None:
    for entry in entries:
        member = members[entry["member"]]
        body = CertificationBody.objects.get(name=entry["body"])
        if Audit.objects.filter(member=member, body=body, kind=entry["kind"]).exists():
            continue
        scope = Scope.objects.get(member=member, name=entry["scope"])
        audit = Audit(
            member=member,
            body=body,
            framework=Framework.objects.get(version=entry["framework"]),
            scope=scope,
            self_assessment=SelfAssessment.objects.filter(
                member=member, title=entry.get("self_assessment")
            ).first(),
            variant=entry["variant"],
            kind=entry["kind"],
            previous_expiry=entry.get("previous_expiry"),
        )
        audit.calculated_days = audit.planned_days = audit.calculation().days
        workflow.request(audit, User.objects.get(email=entry["requested_by"]))
        if entry.get("accepted_by"):
            workflow.accept(audit, User.objects.get(email=entry["accepted_by"]))
        for place in entry.get("team", []):
            TeamMember.objects.create(
                audit=audit, user=User.objects.get(email=place["user"]), role=place["role"]
            )
        main = member.locations.filter(is_main=True).first()
        for day in entry.get("days", []):
            AuditDay.objects.create(audit=audit, date=day, location=main)
