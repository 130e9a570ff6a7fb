"""`/gezond/` for a load balancer: ok while the database answers, 503 when it does not."""

import pytest
from django.db import OperationalError
from django.urls import reverse

from kwaliteitslabel.common import health

pytestmark = pytest.mark.django_db


def test_health_says_ok_and_is_never_cached(client):
    response = client.get(reverse("health"))
    assert response.status_code == 200
    assert response.content == b"ok\n"
    assert "no-cache" in response["Cache-Control"]


def test_health_is_503_when_the_database_does_not_answer(client, monkeypatch):
    class Unreachable:
        def cursor(self):
            raise OperationalError("connection refused")

    monkeypatch.setattr(health, "connection", Unreachable())
    response = client.get(reverse("health"))
    assert response.status_code == 503
    assert response.content.decode() == "database onbereikbaar\n"


def test_health_takes_no_post(client):
    assert client.post(reverse("health")).status_code == 405


def test_health_answers_plain_http_where_everything_else_goes_to_https(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    assert client.get(reverse("health")).status_code == 200
    assert client.get(reverse("home")).status_code == 301
