from allauth.account.internal.flows.login import record_authentication
from allauth.account.utils import perform_login
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters

from kwaliteitslabel.bodies.models import CertificationBody
from kwaliteitslabel.common.access import login_required, require
from kwaliteitslabel.members.models import Member

from . import code_of_conduct, invitations, rules
from . import dashboard as dashboard_service
from .dashboard import url
from .forms import AcceptInvitationForm, CodeOfConductForm, InvitationForm
from .models import MFA_ROLES, Invitation

ORGANISATIONS = {
    "lid": (Member, "member", "members:member_detail"),
    "instelling": (CertificationBody, "body", "bodies:body_detail"),
}


@login_required
def dashboard(request):
    board = dashboard_service.build(request.user)
    return render(request, "accounts/dashboard.html", {"board": board})


@login_required
def invite(request, kind, pk):
    if kind not in ORGANISATIONS:
        raise Http404("Niet gevonden.")
    model, field, detail = ORGANISATIONS[kind]
    organisation = get_object_or_404(model, pk=pk)
    return _invite(
        request,
        {field: organisation},
        organisation=organisation,
        back_url=url(detail, "accounts:dashboard", pk=organisation.pk),
    )


@require(rules.can_invite_swn)
def invite_swn(request):
    return _invite(request, {}, organisation=None, back_url=reverse("accounts:dashboard"))


def _invite(request, scope, organisation, back_url):
    roles = rules.invitable_roles(request.user, **scope)
    if not roles:
        raise PermissionDenied
    form = InvitationForm(request.POST or None, roles=roles)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        invitation = invitations.invite(
            request.user,
            name=data["name"],
            email=data["email"],
            role=data["role"],
            trained_on=data.get("trained_on"),
            branch_knowledge=data.get("branch_knowledge", ""),
            **scope,
        )
        messages.success(
            request, f"Uitnodiging verstuurd naar {invitation.name} ({invitation.email})."
        )
        return redirect(back_url)
    return render(
        request,
        "accounts/invite.html",
        {
            "form": form,
            "organisation": organisation,
            "organisation_name": str(organisation or "Sociaal Werk Nederland"),
            "invitations": invitations.for_organisation(**scope),
            "back_url": back_url,
            "now": timezone.now(),
        },
    )


@never_cache
@sensitive_post_parameters("password1", "password2")
def accept_invitation(request, token):
    """Public: the link in the e-mail. Open: choose a password; closed: say so (410)."""
    invitation = get_object_or_404(
        Invitation.objects.select_related("member", "body", "invited_by"), token=token
    )
    if not invitation.is_open:
        return _closed(request, invitation)
    form = AcceptInvitationForm(request.POST or None, invitation=invitation)
    if request.method == "POST" and form.is_valid():
        try:
            user = invitations.accept(
                invitation, name=form.cleaned_data["name"], password=form.cleaned_data["password1"]
            )
        except invitations.InvitationClosed:
            invitation.refresh_from_db()
            return _closed(request, invitation)
        except invitations.EmailInUse:
            form.add_error(
                None,
                "Er bestaat al een account met dit e-mailadres. Log in met dat account, of vraag "
                f"{invitation.invited_by} om een uitnodiging op een ander adres.",
            )
        else:
            response = perform_login(request, user, redirect_url=reverse("accounts:dashboard"))
            # The password was chosen a moment ago, through the link only this person has:
            # setting up two-factor authentication next need not ask for it again.
            record_authentication(
                request, user, method="password", email=user.email, reauthenticated=True
            )
            return response
    return render(
        request,
        "accounts/accept_invitation.html",
        {"invitation": invitation, "form": form, "needs_mfa": invitation.role in MFA_ROLES},
    )


def _closed(request, invitation):
    return render(
        request,
        "accounts/invitation_closed.html",
        {"invitation": invitation, "used": invitation.accepted_at is not None},
        status=410,
    )


@require(rules.can_sign_code_of_conduct)
def code_of_conduct_view(request):
    code = code_of_conduct.current()
    signature = code_of_conduct.signature(request.user, code)
    form = None
    if signature is None:
        form = CodeOfConductForm(
            request.POST or None,
            initial={"name": request.user.name, "signed_on": timezone.localdate()},
        )
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            code_of_conduct.sign(
                request.user, name=data["name"], place=data["place"], signed_on=data["signed_on"]
            )
            messages.success(request, "Dank u wel. U heeft de gedragscode getekend.")
            return redirect("accounts:code_of_conduct")
    return render(
        request,
        "accounts/code_of_conduct.html",
        {"code": code, "signature": signature, "form": form},
    )
