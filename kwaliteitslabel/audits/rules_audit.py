"""Who may see and do what with an audit (issue 6).

The member sees its own audits; a body admin the audits of their body; an auditor or peer
auditor only the audits they are in; SWN's secretariat and advisers all of them.
Governance, professionals and the public see none.
"""

from django.db.models import Q

from kwaliteitslabel.accounts import rules as accounts
from kwaliteitslabel.accounts.models import Role
from kwaliteitslabel.common.access import Step

from .models_audit import Audit


def visible_audits(user):
    if accounts.is_swn_staff(user):
        return Audit.objects.all()
    return Audit.objects.filter(
        Q(member_id__in=accounts.member_ids(user, Role.MEMBER_ADMIN))
        | Q(body_id__in=accounts.body_ids(user, Role.BODY_ADMIN))
        | Q(team__user=user)
    ).distinct()


def can_list_audits(user) -> bool:
    return accounts.is_swn_staff(user) or accounts.has_role(
        user, Role.MEMBER_ADMIN, Role.BODY_ADMIN, Role.AUDITOR, Role.PEER_AUDITOR
    )


def can_request(user, member) -> bool:
    return accounts.has_role(user, Role.MEMBER_ADMIN, member=member)


def is_body_admin(user, audit) -> bool:
    return accounts.has_role(user, Role.BODY_ADMIN, body=audit.body)


def team_place(user, audit):
    return next((t for t in audit.team.all() if t.user_id == user.pk), None)


def is_lead(user, audit) -> bool:
    place = team_place(user, audit)
    return place is not None and place.role == "lead"


def can_view(user, audit) -> bool:
    return (
        accounts.is_swn_staff(user)
        or accounts.has_role(user, Role.MEMBER_ADMIN, member=audit.member)
        or is_body_admin(user, audit)
        or team_place(user, audit) is not None
    )


def judges(user, audit) -> bool:
    """The body's side: the lead auditor of this audit or an admin of its body."""
    return is_lead(user, audit) or is_body_admin(user, audit)


def in_status(*statuses):
    """The `when` of a step: the audit is in one of `statuses`."""
    return lambda audit: audit.status in statuses


# Accept or decline a request: the body's admin.
can_decide = Step(is_body_admin, in_status(Audit.Status.REQUESTED))
# Days and team, and the start: the body's admin or the lead auditor, after acceptance.
can_plan = Step(judges, in_status(Audit.Status.ACCEPTED))


def can_declare(user, audit) -> bool:
    return team_place(user, audit) is not None


# --- The team's evaluation of the audit (Bijlage 9 "Werkwijze") ---------------------------


# Before the team closed its findings there is nothing to evaluate yet; every later status
# (the report cycle and what follows) keeps the evaluation open.
EVALUATION_TOO_EARLY = (
    Audit.Status.REQUESTED,
    Audit.Status.DECLINED,
    Audit.Status.ACCEPTED,
    Audit.Status.STARTED,
)


def evaluation_open(audit) -> bool:
    return audit.status not in EVALUATION_TOO_EARLY


def can_evaluate(user, audit) -> bool:
    """The evaluation page is for the audit's team; the form opens after the findings close."""
    return team_place(user, audit) is not None


def can_submit_evaluation(user, audit) -> bool:
    return can_evaluate(user, audit) and evaluation_open(audit)


def can_read_evaluations(user, audit) -> bool:
    """With names and roles: the admin of the audit's body, who answers for its team."""
    return is_body_admin(user, audit)


def can_read_anonymous_evaluations(user) -> bool:
    """Without names, per audit and across audits: SWN's secretariat and advisers."""
    return accounts.is_swn_staff(user)
