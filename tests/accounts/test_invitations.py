"""Invitations: from the e-mail to the first log-in, and every way it must refuse (issue 3)."""

import datetime
import re
from urllib.parse import urlparse

import pytest
from django.core import mail
from django.urls import NoReverseMatch, reverse

from kwaliteitslabel.accounts import invitations
from kwaliteitslabel.accounts.models import Invitation, Role, RoleAssignment, User
from tests.world import PASSWORD

from .helpers import expire, make_invitation

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "Zonnebloem-Akker-77"


def invite_url(kind, obj):
    return reverse("accounts:invite", kwargs={"kind": kind, "pk": obj.pk})


def detail_url(name, obj):
    """The organisation page the invite form returns to, while it does not exist: the dashboard."""
    try:
        return reverse(name, kwargs={"pk": obj.pk})
    except NoReverseMatch:
        return reverse("accounts:dashboard")


def link_path(message) -> str:
    links = re.findall(r"https?://\S+/uitnodiging/\S+/", message.body)
    assert len(links) == 1, message.body
    return urlparse(links[0]).path


def accept(client, path, name="Nieuwe Collega", password=NEW_PASSWORD):
    return client.post(path, {"name": name, "password1": password, "password2": password})


def test_swn_invites_a_member_admin_who_sets_a_password_and_lands_on_the_dashboard(
    client_as, world, settings
):
    settings.SITE_URL = "https://label.example.nl"
    client = client_as("swn_secretariat")
    response = client.post(
        invite_url("lid", world.member_a),
        {"name": "Petra Jansen", "email": "Petra.Jansen@Welzijn-Oost.nl", "role": "member_admin"},
    )
    assert response.status_code == 302
    assert response["Location"] == detail_url("members:member_detail", world.member_a)
    messages = [str(m) for m in response.wsgi_request._messages]
    assert messages == ["Uitnodiging verstuurd naar Petra Jansen (petra.jansen@welzijn-oost.nl)."]

    invitation = Invitation.objects.get()
    assert (invitation.email, invitation.role, invitation.member) == (
        "petra.jansen@welzijn-oost.nl",
        "member_admin",
        world.member_a,
    )
    assert invitation.invited_by == world.users["swn_secretariat"]

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["petra.jansen@welzijn-oost.nl"]
    assert f"https://label.example.nl/uitnodiging/{invitation.token}/" in message.body
    for text in (
        "Beste Petra Jansen",
        "Demo swn_secretariat nodigt u uit",
        "beheerder lidorganisatie bij Stichting Welzijn Oost",
        "De link werkt 14 dagen",
    ):
        assert text in message.body, text
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html" and invitation.token in html and 'lang="nl"' in html

    client.logout()
    path = link_path(message)
    page = client.get(path)
    assert page.status_code == 200
    body = page.content.decode()
    assert 'value="Petra Jansen"' in body and "Stichting Welzijn Oost" in body
    assert "tweestapsverificatie" not in body  # a member admin needs no TOTP

    response = accept(client, path, name="Petra Jansen")
    assert response.status_code == 302 and response["Location"] == reverse("accounts:dashboard")
    dashboard = client.get(response["Location"])
    assert dashboard.status_code == 200
    assert "Wat moet ik doen?" in dashboard.content.decode()

    user = User.objects.get(email="petra.jansen@welzijn-oost.nl")
    assert dashboard.wsgi_request.user == user and user.name == "Petra Jansen"
    assert user.check_password(NEW_PASSWORD)
    role = RoleAssignment.objects.get(user=user)
    assert (role.role, role.member, role.body) == ("member_admin", world.member_a, None)
    invitation.refresh_from_db()
    assert invitation.accepted_by == user and invitation.accepted_at is not None

    # The new person logs in again later with e-mail and password.
    client.logout()
    response = client.post(
        reverse("account_login"),
        {"login": "Petra.Jansen@welzijn-oost.nl", "password": NEW_PASSWORD},
    )
    assert response.status_code == 302
    assert client.get(reverse("accounts:dashboard")).status_code == 200


def test_body_admin_invites_an_auditor_who_must_set_up_totp_first(client_as, world):
    client = client_as("body_admin")
    response = client.post(
        invite_url("instelling", world.body_x),
        {
            "name": "Ali Bakker",
            "email": "ali@ci-x.example.nl",
            "role": "auditor",
            "branch_knowledge": "Tien jaar opbouwwerker; auditor HKZ Welzijn sinds 2018.",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == detail_url("bodies:body_detail", world.body_x)
    message = mail.outbox[0]
    assert "auditor CI bij Certificatie-instelling X" in message.body
    assert "tweestapsverificatie" in message.body

    client.logout()
    path = link_path(message)
    assert "tweestapsverificatie" in client.get(path).content.decode()
    response = accept(client, path, name="Ali Bakker")
    assert response.status_code == 302 and response["Location"] == reverse("accounts:dashboard")
    # The middleware sends CI roles to TOTP set-up before anything else ...
    response = client.get(reverse("accounts:dashboard"))
    assert response.status_code == 302 and response["Location"] == reverse("mfa_activate_totp")
    # ... and the password just chosen counts: set-up opens without asking for it again.
    assert client.get(reverse("mfa_activate_totp")).status_code == 200

    role = RoleAssignment.objects.get(user__email="ali@ci-x.example.nl")
    assert (role.role, role.body) == ("auditor", world.body_x)
    assert role.branch_knowledge == "Tien jaar opbouwwerker; auditor HKZ Welzijn sinds 2018."


def test_member_admin_invites_a_peer_auditor_with_training_date(client_as, world):
    client = client_as("member_admin")
    form = {"name": "Sanne de Wit", "email": "sanne@oost.example.nl", "role": "peer_auditor"}
    response = client.post(invite_url("lid", world.member_a), form)
    assert response.status_code == 200
    assert (
        "Vul in wanneer deze branchetoetser de training heeft gevolgd." in response.content.decode()
    )
    assert not Invitation.objects.exists() and not mail.outbox

    future = (datetime.date.today() + datetime.timedelta(days=30)).isoformat()
    response = client.post(invite_url("lid", world.member_a), {**form, "trained_on": future})
    assert "Deze datum ligt in de toekomst" in response.content.decode()

    response = client.post(invite_url("lid", world.member_a), {**form, "trained_on": "2025-03-14"})
    assert response.status_code == 302
    client.logout()
    accept(client, link_path(mail.outbox[0]))
    role = RoleAssignment.objects.get(user__email="sanne@oost.example.nl")
    assert (role.role, role.member, role.trained_on) == (
        "peer_auditor",
        world.member_a,
        datetime.date(2025, 3, 14),
    )
    # A member role: no TOTP needed, straight to the dashboard.
    assert client.get(reverse("accounts:dashboard")).status_code == 200


def test_swn_secretariat_invites_a_colleague(client_as, world):
    client = client_as("swn_secretariat")
    page = client.get(reverse("accounts:invite_swn"))
    assert page.status_code == 200
    choices = page.context["form"].fields["role"].choices
    assert [c for c, _ in choices] == ["", "swn_secretariat", "swn_adviser", "governance"]
    response = client.post(
        reverse("accounts:invite_swn"),
        {"name": "Kees Vos", "email": "kees@swn.example.nl", "role": "swn_adviser"},
    )
    assert response.status_code == 302
    invitation = Invitation.objects.get()
    assert (invitation.member, invitation.body, invitation.role) == (None, None, "swn_adviser")
    assert "adviseur SWN bij Sociaal Werk Nederland" in mail.outbox[0].body


@pytest.mark.parametrize("email", ["member_admin@example.nl", "MEMBER_ADMIN@Example.nl"])
def test_an_address_in_use_is_refused_and_nothing_is_sent(client_as, world, email):
    client = client_as("swn_secretariat")
    response = client.post(
        invite_url("lid", world.member_b),
        {"name": "Iemand", "email": email, "role": "member_admin"},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["email"] == ["Dit e-mailadres is al in gebruik."]
    assert not Invitation.objects.exists() and not mail.outbox


def test_an_address_with_an_open_invitation_is_refused(client_as, world):
    make_invitation(world, email="wacht@example.nl")
    client = client_as("member_admin")
    form = {"name": "Wacht", "email": "Wacht@example.nl", "role": "professional"}
    response = client.post(invite_url("lid", world.member_a), form)
    assert response.context["form"].errors["email"] == [
        "Er staat al een uitnodiging open voor dit adres."
    ]
    assert Invitation.objects.count() == 1 and not mail.outbox
    # Once that invitation has expired, the address may be invited again.
    expire(Invitation.objects.get())
    assert client.post(invite_url("lid", world.member_a), form).status_code == 302
    assert Invitation.objects.count() == 2 and len(mail.outbox) == 1


def test_member_admin_invites_only_for_their_own_member_and_not_body_admins(client_as, world):
    client = client_as("member_admin")
    form = {"name": "X", "email": "x@example.nl", "role": "professional"}
    assert client.post(invite_url("lid", world.member_b), form).status_code in (403, 404)
    assert client.post(invite_url("instelling", world.body_x), form).status_code in (403, 404)
    response = client.post(invite_url("lid", world.member_a), {**form, "role": "body_admin"})
    assert response.status_code == 200 and "role" in response.context["form"].errors
    response = client.post(invite_url("lid", world.member_a), {**form, "role": "swn_secretariat"})
    assert response.status_code == 200 and "role" in response.context["form"].errors
    response = client.post(invite_url("lid", world.member_a), {**form, "role": ""})
    assert response.context["form"].errors["role"] == ["Dit veld is verplicht."]
    assert not Invitation.objects.exists() and not mail.outbox
    page = client.get(invite_url("lid", world.member_a))
    assert [c for c, _ in page.context["form"].fields["role"].choices] == [
        "",
        "member_admin",
        "professional",
        "peer_auditor",
    ]


def test_swn_invites_only_admins_at_members_and_bodies(client_as, world):
    client = client_as("swn_adviser")
    page = client.get(invite_url("instelling", world.body_y))
    assert [c for c, _ in page.context["form"].fields["role"].choices] == ["body_admin"]
    form = {"name": "X", "email": "x@example.nl", "role": "auditor"}
    response = client.post(invite_url("instelling", world.body_y), form)
    assert "role" in response.context["form"].errors and not Invitation.objects.exists()


def test_unknown_kind_or_organisation_is_404(client_as, world):
    client = client_as("swn_secretariat")
    assert client.get("/mijn/uitnodigen/iets/1/").status_code == 404
    assert (
        client.get(reverse("accounts:invite", kwargs={"kind": "lid", "pk": 99999})).status_code
        == 404
    )


def test_invite_page_lists_open_accepted_and_expired_invitations(client_as, world):
    open_one = make_invitation(world, name="Open Persoon")
    used = make_invitation(world, name="Aangenomen Persoon")
    invitations.accept(used, name="Aangenomen Persoon", password=NEW_PASSWORD)
    expire(make_invitation(world, name="Verlopen Persoon"))
    make_invitation(world, member="b", name="Ander Lid")
    body = client_as("member_admin").get(invite_url("lid", world.member_a)).content.decode()
    assert open_one.email in body and ">open</span>" in body
    assert "Aangenomen Persoon" in body and ">aangenomen</span>" in body
    assert "Verlopen Persoon" in body and ">verlopen</span>" in body
    assert "Ander Lid" not in body


def test_unknown_token_is_404(client):
    assert (
        client.get(reverse("invitations:accept", kwargs={"token": "bestaat-niet"})).status_code
        == 404
    )


def test_expired_link_is_410_and_makes_no_user(client, world):
    invitation = make_invitation(world)
    expire(invitation)
    path = reverse("invitations:accept", kwargs={"token": invitation.token})
    page = client.get(path)
    assert page.status_code == 410
    body = page.content.decode()
    assert "Deze uitnodiging is verlopen" in body and "Vraag Demo swn_secretariat" in body
    assert accept(client, path).status_code == 410
    assert not User.objects.filter(email=invitation.email).exists()
    invitation.refresh_from_db()
    assert invitation.accepted_at is None


def test_a_link_works_once(client, world):
    invitation = make_invitation(world)
    path = reverse("invitations:accept", kwargs={"token": invitation.token})
    assert accept(client, path).status_code == 302
    users = User.objects.count()
    client.logout()
    second = accept(client, path, name="Iemand Anders", password="Andere-Wachtwoord-42")
    assert second.status_code == 410
    assert "Deze uitnodiging is al gebruikt" in second.content.decode()
    assert User.objects.count() == users
    assert client.get(reverse("accounts:dashboard")).status_code == 302  # not logged in


def test_two_requests_with_the_same_link_make_one_user(world):
    """Both requests read the invitation while it was open; the conditional UPDATE lets one win."""
    invitation = make_invitation(world)
    stale = Invitation.objects.get(pk=invitation.pk)
    invitations.accept(invitation, name="Eerste", password=NEW_PASSWORD)
    with pytest.raises(invitations.InvitationClosed):
        invitations.accept(stale, name="Tweede", password=NEW_PASSWORD)
    assert User.objects.filter(email=invitation.email).count() == 1
    assert RoleAssignment.objects.filter(user__email=invitation.email).count() == 1


def test_an_address_taken_meanwhile_rolls_everything_back(client, world):
    invitation = make_invitation(world, email="later@example.nl")
    User.objects.create_user(email="later@example.nl", password=PASSWORD, name="Al Bestaand")
    path = reverse("invitations:accept", kwargs={"token": invitation.token})
    response = accept(client, path)
    assert response.status_code == 200
    assert "Er bestaat al een account met dit e-mailadres" in response.content.decode()
    invitation.refresh_from_db()
    assert invitation.accepted_at is None
    assert not RoleAssignment.objects.filter(user__email="later@example.nl").exists()


def test_password_rules_speak_dutch(client, world):
    path = reverse("invitations:accept", kwargs={"token": make_invitation(world).token})
    response = accept(client, path, password="kort")
    errors = response.context["form"].errors["password1"]
    assert any("te kort" in e for e in errors), errors
    response = client.post(
        path, {"name": "X", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD + "!"}
    )
    assert response.context["form"].errors["password2"] == [
        "De twee wachtwoorden zijn niet gelijk. Typ ze nog een keer."
    ]
    response = accept(client, path, password="12345678901")
    assert response.context["form"].errors["password1"]
    assert not User.objects.filter(name="Nieuwe Collega").exists()


def test_someone_logged_in_sees_the_invitation_and_switches_account(client_as, world):
    invitation = make_invitation(world)
    client = client_as("professional")
    path = reverse("invitations:accept", kwargs={"token": invitation.token})
    page = client.get(path)
    assert page.status_code == 200
    assert "u bent nu ingelogd als professional@example.nl" in page.content.decode()
    accept(client, path)
    assert client.get(reverse("accounts:dashboard")).wsgi_request.user.email == invitation.email


def test_invitation_e_mail_lands_in_the_outbox_table(client_as, world, settings):
    from kwaliteitslabel.common.models_outbox import OutboxMessage

    settings.EMAIL_BACKEND = "kwaliteitslabel.common.mail.OutboxBackend"
    client_as("body_admin").post(
        invite_url("instelling", world.body_x),
        {"name": "Els", "email": "els@example.nl", "role": "body_admin"},
    )
    message = OutboxMessage.objects.get()
    assert message.to == "els@example.nl" and "/uitnodiging/" in message.body
    assert "Account maken" in message.html
    assert Invitation.objects.get().role == Role.BODY_ADMIN


def test_can_invite_at_is_the_rule_for_invite_links_on_organisation_pages(world):
    from kwaliteitslabel.accounts import rules

    users = world.users
    assert rules.can_invite_at(users["member_admin"], member=world.member_a)
    assert not rules.can_invite_at(users["member_admin"], member=world.member_b)
    assert not rules.can_invite_at(users["member_admin"], body=world.body_x)
    assert rules.can_invite_at(users["body_admin"], body=world.body_x)
    assert not rules.can_invite_at(users["auditor"], body=world.body_x)
    assert rules.can_invite_at(users["swn_adviser"], member=world.member_b)
    assert not rules.can_invite_at(users["governance"], member=world.member_a)
    assert rules.can_invite_swn(users["swn_secretariat"])
    assert not rules.can_invite_swn(users["swn_adviser"])
