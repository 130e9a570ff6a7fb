"""The code of conduct (Bijlage 9): the text as data, and signing it (issue 3)."""

import datetime
import hashlib

import pytest
import yaml
from django.urls import reverse
from django.utils import timezone

from kwaliteitslabel.accounts import code_of_conduct
from kwaliteitslabel.accounts.models import CodeOfConductSignature

URL = "/mijn/gedragscode/"


def test_the_text_is_bijlage_9_without_extraction_artefacts():
    data = yaml.safe_load(code_of_conduct.PATH.read_text(encoding="utf-8"))
    assert {"version", "title", "source", "text"} <= set(data)
    code = code_of_conduct.current()
    assert code.version == "Bijlage 9, Aan de slag met kwaliteit, mei 2022"
    assert code.sha256 == hashlib.sha256(data["text"].encode("utf-8")).hexdigest()
    text = code.text
    for words in (
        "GEDRAGSCODE",
        "1. Professionaliteit",
        "toetsers uit de branche",
        "Alle toetsers accepteren deze rol.",
        "tenminste bij twee bronnen/ interviews getoetst en met inzage van documenten onderbouwd.",
        "Verklaring van zorgvuldigheid",
        "Ik verplicht mij tot geheimhouding",
        "redelijkerwijs niet toegankelijk zijn voor derden.",
    ):
        assert words in text, words
    for artefact in ("toetsersuit", "dezerol", "metinzage", "methodiekals", ".....", "\n\n\n"):
        assert artefact not in text, artefact


def test_the_text_splits_into_headings_lists_and_paragraphs():
    blocks = code_of_conduct.current().blocks
    headings = [(b.level, b.text) for b in blocks if b.kind == "heading"]
    assert headings == [
        (2, "GEDRAGSCODE"),
        (3, "1. Professionaliteit"),
        (3, "2. Samenwerking/taakverdeling"),
        (3, "3. Werkwijze"),
        (2, "Verklaring van zorgvuldigheid"),
    ]
    lists = [b for b in blocks if b.kind == "list"]
    assert [len(b.items) for b in lists] == [5, 5, 5]
    paragraphs = [b.text for b in blocks if b.kind == "paragraph"]
    assert paragraphs[0] == "Ondergetekende verklaart hierbij het volgende:"
    assert len(paragraphs) == 4


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["auditor", "peer_auditor"])
def test_auditors_sign_and_see_their_signature(client_as, world, role):
    client = client_as(role)
    page = client.get(URL)
    assert page.status_code == 200
    body = page.content.decode()
    assert "Teken" in body and "Ik heb de gedragscode en geheimhoudingsverklaring gelezen" in body
    assert "Alle toetsers evalueren na afloop" in body
    form = page.context["form"]
    assert form["name"].value() == world.users[role].name
    assert form["signed_on"].value() == timezone.localdate()

    response = client.post(
        URL,
        {"name": "Ali Bakker", "place": "Utrecht", "signed_on": "2026-01-05", "agree": "on"},
    )
    assert response.status_code == 302 and response["Location"] == URL
    signature = CodeOfConductSignature.objects.get(user=world.users[role])
    code = code_of_conduct.current()
    assert (signature.text_version, signature.text_sha256) == (code.version, code.sha256)
    assert (signature.name, signature.place, signature.signed_on) == (
        "Ali Bakker",
        "Utrecht",
        datetime.date(2026, 1, 5),
    )
    body = client.get(URL).content.decode()
    assert "Getekend door Ali Bakker, te Utrecht, op 5 januari 2026." in body
    assert 'name="agree"' not in body
    # Posting again changes nothing: the form is gone once signed.
    client.post(URL, {"name": "X", "place": "Y", "signed_on": "2026-01-06", "agree": "on"})
    assert CodeOfConductSignature.objects.filter(user=world.users[role]).count() == 1


@pytest.mark.django_db
def test_signing_needs_the_checkbox_and_no_future_date(client_as, world):
    client = client_as("auditor")
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    response = client.post(
        URL, {"name": "A", "place": "Utrecht", "signed_on": tomorrow.isoformat()}
    )
    errors = response.context["form"].errors
    assert "agree" in errors and "signed_on" in errors
    assert "Deze datum ligt in de toekomst" in errors["signed_on"][0]
    assert not CodeOfConductSignature.objects.exists()


@pytest.mark.django_db
def test_a_new_version_asks_again_and_earlier_signatures_stay(client_as, world):
    user = world.users["auditor"]
    CodeOfConductSignature.objects.create(
        user=user,
        name="Demo auditor",
        place="Zwolle",
        signed_on=datetime.date(2020, 5, 1),
        text_version="Bijlage 9, 2019",
        text_sha256="0" * 64,
    )
    client = client_as("auditor")
    assert client.get(URL).context["form"] is not None
    client.post(
        URL, {"name": "Demo auditor", "place": "Zwolle", "signed_on": "2026-02-02", "agree": "on"}
    )
    versions = set(
        CodeOfConductSignature.objects.filter(user=user).values_list("text_version", flat=True)
    )
    assert versions == {"Bijlage 9, 2019", code_of_conduct.current().version}


@pytest.mark.django_db
@pytest.mark.parametrize(
    "role", ["professional", "member_admin", "body_admin", "swn_secretariat", "governance"]
)
def test_others_are_refused(client_as, world, role):
    client = client_as(role)
    assert client.get(URL).status_code == 403
    assert (
        client.post(
            URL, {"name": "X", "place": "Y", "signed_on": "2026-01-01", "agree": "on"}
        ).status_code
        == 403
    )
    assert not CodeOfConductSignature.objects.exists()


def test_url_name():
    assert reverse("accounts:code_of_conduct") == URL
