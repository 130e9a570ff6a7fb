"""Inviting people by e-mail and taking up an invitation (issue 3).

An invitation is a link that works once, for 14 days. Taking it up creates the person's
account and role in one transaction; the invitation row is claimed first with a conditional
UPDATE, so a link posted twice (two tabs, a double click) never makes two accounts.
"""

import datetime

from allauth.account.models import EmailAddress
from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from kwaliteitslabel.common.mail import send_template

from .models import INVITATION_DAYS, MFA_ROLES, Invitation, RoleAssignment, User

EMAIL_IN_USE = "Dit e-mailadres is al in gebruik."
INVITATION_OPEN = "Er staat al een uitnodiging open voor dit adres."


class InvitationClosed(Exception):
    """The invitation expired or was used in the meantime."""


class EmailInUse(Exception):
    """Someone already has an account with the invitation's e-mail address."""


def normalise_email(email: str) -> str:
    return (email or "").strip().lower()


def email_problem(email: str, now: datetime.datetime | None = None) -> str | None:
    """Why this address cannot be invited now, or None."""
    email = normalise_email(email)
    if User.objects.filter(email__iexact=email).exists():
        return EMAIL_IN_USE
    if open_invitations(now).filter(email__iexact=email).exists():
        return INVITATION_OPEN
    return None


def open_invitations(now: datetime.datetime | None = None):
    now = now or timezone.now()
    return Invitation.objects.filter(accepted_at__isnull=True, expires_at__gt=now)


def for_organisation(member=None, body=None):
    """The invitations for one organisation (SWN's own when neither is given), newest first."""
    if member is not None:
        qs = Invitation.objects.filter(member=member)
    elif body is not None:
        qs = Invitation.objects.filter(body=body)
    else:
        qs = Invitation.objects.filter(member__isnull=True, body__isnull=True)
    return qs.select_related("invited_by", "accepted_by").order_by("-created_at")


def link(invitation: Invitation) -> str:
    return settings.SITE_URL + reverse("invitations:accept", kwargs={"token": invitation.token})


@transaction.atomic
def invite(
    invited_by: User,
    *,
    name: str,
    email: str,
    role: str,
    member=None,
    body=None,
    trained_on: datetime.date | None = None,
    branch_knowledge: str = "",
) -> Invitation:
    """Save the invitation and send its e-mail (into the outbox, in the same transaction)."""
    invitation = Invitation.objects.create(
        name=name.strip(),
        email=normalise_email(email),
        role=role,
        member=member,
        body=body,
        invited_by=invited_by,
        trained_on=trained_on,
        branch_knowledge=branch_knowledge.strip(),
    )
    send_invitation(invitation)
    return invitation


def send_invitation(invitation: Invitation) -> None:
    context = {
        "invitation": invitation,
        "link": link(invitation),
        "days": INVITATION_DAYS,
        "role": invitation.get_role_display(),
        "organisation": invitation.organisation_name,
        "needs_mfa": invitation.role in MFA_ROLES,
    }
    send_template(
        f"Uitnodiging voor het Kwaliteitslabel Sterk Sociaal Werk: {context['role']} bij {context['organisation']}",
        "accounts/email/invitation.txt",
        [invitation.email],
        context,
        html_template="accounts/email/invitation.html",
    )


def accept(invitation: Invitation, *, name: str, password: str) -> User:
    """Create the account and role for an open invitation; raises InvitationClosed or EmailInUse.

    Everything happens in one transaction. The conditional UPDATE on `accepted_at IS NULL`
    lets exactly one request claim the invitation; any later one changes nothing.
    """
    now = timezone.now()
    email = normalise_email(invitation.email)
    try:
        with transaction.atomic():
            claimed = Invitation.objects.filter(
                pk=invitation.pk, accepted_at__isnull=True, expires_at__gt=now
            ).update(accepted_at=now)
            if not claimed:
                raise InvitationClosed
            if User.objects.filter(email__iexact=email).exists():
                raise EmailInUse
            user = User.objects.create_user(email=email, password=password, name=name.strip())
            RoleAssignment.objects.create(
                user=user,
                role=invitation.role,
                member=invitation.member,
                body=invitation.body,
                trained_on=invitation.trained_on,
                branch_knowledge=invitation.branch_knowledge,
            )
            # The link proved the address: allauth may treat it as verified.
            EmailAddress.objects.create(user=user, email=email, primary=True, verified=True)
            Invitation.objects.filter(pk=invitation.pk).update(accepted_by=user)
    except IntegrityError as exc:
        # Another request created this address between our check and our insert.
        raise EmailInUse from exc
    invitation.accepted_at, invitation.accepted_by = now, user
    return user
