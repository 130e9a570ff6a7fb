"""Small builders for the accounts tests."""

import datetime
import itertools

from django.utils import timezone

from kwaliteitslabel.accounts.models import Invitation, Role

_numbers = itertools.count(1)


def make_invitation(
    w, role=Role.MEMBER_ADMIN, *, member="a", body=None, by="swn_secretariat", **extra
):
    """An open invitation from the world: by default SWN invites a member admin for member A."""
    if body is not None:
        member = None
    n = next(_numbers)
    return Invitation.objects.create(
        email=extra.pop("email", f"nieuw{n}@example.nl"),
        name=extra.pop("name", f"Nieuwe Persoon {n}"),
        role=role,
        member={"a": w.member_a, "b": w.member_b}.get(member),
        body={"x": w.body_x, "y": w.body_y}.get(body),
        invited_by=w.users[by],
        **extra,
    )


def expire(invitation):
    Invitation.objects.filter(pk=invitation.pk).update(
        expires_at=timezone.now() - datetime.timedelta(minutes=1)
    )
