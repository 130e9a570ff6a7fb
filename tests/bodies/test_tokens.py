"""The body admin's API tokens (issue 11 item 1): shown once, stored hashed, revoked at once,
only for the body's own admins."""

import hashlib

import pytest
from django.contrib.sessions.models import Session
from django.urls import reverse

from kwaliteitslabel.accounts.models import Role
from kwaliteitslabel.bodies import tokens
from kwaliteitslabel.bodies.models import ApiToken
from tests.world import make_user

pytestmark = pytest.mark.django_db


def url(name, body, **kwargs):
    return reverse(f"bodies:{name}", kwargs={"pk": body.pk, **kwargs})


def make_on_the_page(client_as, world, name="planningssysteem"):
    client = client_as("body_admin")
    return client, client.post(url("token_create", world.body_x), {"name": name})


def test_the_secret_is_shown_once_and_only_its_hash_is_kept(client_as, world):
    client, reply = make_on_the_page(client_as, world)
    assert reply.status_code == 200
    secret = reply.context["secret"]
    assert secret.startswith("kwl_") and len(secret) > 50
    assert secret in reply.content.decode() and "no-store" in reply["Cache-Control"]
    token = ApiToken.objects.get()
    assert token.secret_hash == hashlib.sha256(secret.encode()).hexdigest()
    stored = [str(v) for v in ApiToken.objects.values_list().get()]
    stored += [s.session_data for s in Session.objects.all()]
    assert not any(secret in value or secret[-20:] in value for value in stored)
    listing = client.get(url("token_list", world.body_x)).content.decode()
    assert token.prefix in listing and secret not in listing
    assert tokens.find(secret) == token and token.created_by == world.users["body_admin"]


def test_a_name_is_needed_and_unique_among_the_valid_tokens(client_as, world):
    client, _ = make_on_the_page(client_as, world)
    empty = client.post(url("token_create", world.body_x), {"name": ""})
    assert empty.status_code == 400 and "Geef de sleutel een naam." in empty.content.decode()
    again = client.post(url("token_create", world.body_x), {"name": "planningssysteem"})
    assert again.status_code == 400 and "al een geldige sleutel" in again.content.decode()
    assert ApiToken.objects.count() == 1


def test_revoking_asks_first_and_works_at_once(client_as, client, world):
    admin, reply = make_on_the_page(client_as, world)
    secret, token = reply.context["secret"], ApiToken.objects.get()
    api = "/api/v1/body"
    assert client.get(api, headers={"Authorization": f"Bearer {secret}"}).status_code == 200
    revoke = url("token_revoke", world.body_x, token_pk=token.pk)
    confirm = admin.get(revoke)
    assert "werkt daarna meteen niet meer" in confirm.content.decode()
    assert ApiToken.objects.get().revoked_at is None
    assert admin.post(revoke).status_code == 302
    token.refresh_from_db()
    assert token.revoked_by == world.users["body_admin"]
    assert client.get(api, headers={"Authorization": f"Bearer {secret}"}).status_code == 401
    # The name is free again for a new token.
    assert admin.post(url("token_create", world.body_x), {"name": token.name}).status_code == 200


def test_another_bodys_admin_neither_sees_nor_revokes_the_token(client, world):
    token, _ = tokens.make(world.body_x, "planningssysteem", world.users["body_admin"])
    other = make_user("beheer-y@example.nl", "Yara Beheer", Role.BODY_ADMIN, body=world.body_y)
    client.force_login(other)
    revoke = url("token_revoke", world.body_x, token_pk=token.pk)
    assert client.post(revoke).status_code == 404
    own_page_wrong_token = url("token_revoke", world.body_y, token_pk=token.pk)
    assert client.post(own_page_wrong_token).status_code == 404
    assert ApiToken.objects.get().revoked_at is None


def test_the_body_page_links_its_admin_to_the_tokens(client_as, world):
    link = url("token_list", world.body_x)
    assert link in client_as("body_admin").get(url("body_detail", world.body_x)).content.decode()
    assert link not in client_as("auditor").get(url("body_detail", world.body_x)).content.decode()
