"""Who may see and do what in a self-assessment.

It is the member's own: its member admins run it; participants answer their part and see
their own answers only; a body it was shared with reads it and gives feedback. Everyone
else (other members, other bodies, SWN, the public) is refused.
"""

from kwaliteitslabel.accounts import rules as accounts
from kwaliteitslabel.accounts.models import Role


def can_start(user, member) -> bool:
    return accounts.has_role(user, Role.MEMBER_ADMIN, member=member)


def can_manage(user, self_assessment) -> bool:
    """Invite the team, consolidate, close, share, postpone, export."""
    return accounts.has_role(user, Role.MEMBER_ADMIN, member=self_assessment.member)


def can_edit(user, self_assessment) -> bool:
    return can_manage(user, self_assessment) and not self_assessment.is_closed


def participant(user, self_assessment):
    """The user's part in it, or None."""
    if not getattr(user, "is_authenticated", False):
        return None
    return self_assessment.participants.filter(user=user).first()


def can_answer(user, self_assessment) -> bool:
    return not self_assessment.is_closed and participant(user, self_assessment) is not None


def shared_body_ids(self_assessment) -> set[int]:
    return set(self_assessment.shares.values_list("body_id", flat=True))


def can_read_as_body(user, self_assessment) -> bool:
    """Auditors and admins of a body it was shared with."""
    return bool(accounts.body_ids(user) & shared_body_ids(self_assessment))


def can_view(user, self_assessment) -> bool:
    return (
        can_manage(user, self_assessment)
        or participant(user, self_assessment) is not None
        or can_read_as_body(user, self_assessment)
    )


def can_share(user, self_assessment) -> bool:
    """Only a closed self-assessment (the baseline) is shared for feedback (ch. 2.1)."""
    return can_manage(user, self_assessment) and self_assessment.is_closed


def can_see_shares(user) -> bool:
    """The list of self-assessments shared with the user's body."""
    return bool(accounts.body_ids(user))


def can_give_feedback(user, share) -> bool:
    return share.body_id in accounts.body_ids(user)
