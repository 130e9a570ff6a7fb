"""The list and detail pages: what SWN and the people of a body see, in a fixed number of queries."""

import datetime
import re

import pytest
from django.urls import reverse

from kwaliteitslabel.accounts import code_of_conduct
from kwaliteitslabel.accounts.models import CodeOfConductSignature, Role, RoleAssignment, User
from kwaliteitslabel.bodies.models import CertificationBody

from .helpers import (
    INSURANCE,
    add_condition,
    ciio_rates,
    days,
    lrqa_rate,
    meets_all_conditions,
    today,
)

pytestmark = pytest.mark.django_db


def text(response) -> str:
    """The page as text, tags removed and spaces folded, to read like a person would."""
    html = response.content.decode()
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return " ".join(re.sub(r"<[^>]+>", " ", html).replace("&shy;", "").split())


def row_of(response, needle: str) -> str:
    """The text of the table row that contains `needle`."""
    for row in re.findall(r"<tr\b.*?</tr>", response.content.decode(), flags=re.S):
        if needle in row:
            return " ".join(re.sub(r"<[^>]+>", " ", row).split())
    raise AssertionError(f"no row with {needle!r}")


# --- the list ---------------------------------------------------------------------------------


def test_list_shows_at_a_glance_who_may_audit_today(client_as, world):
    meets_all_conditions(world.body_x)
    ciio_rates(world.body_x)
    add_condition(world.body_y, INSURANCE, valid_until=today() + days(30))
    response = client_as("swn_secretariat").get(reverse("bodies:body_list"))
    assert response.status_code == 200
    page = text(response)
    assert "mogen 1 van de 2 instellingen toetsen" in page
    x = row_of(response, world.body_x.name)
    assert "mag toetsen" in x and "mag niet" not in x
    assert "€ 1.200,00" in x and "€ 0,45 per km" in x
    y = row_of(response, world.body_y.name)
    assert "mag niet toetsen" in y
    assert "Ontbreekt: accreditatie" in y and "klachtenprocedure" in y
    # The insurance is there and valid, but ends within 60 days.
    assert "Aansprakelijkheidsverzekering: tot en met" in y
    assert "geen tarief" in y


def test_list_shows_framework_agreement_yes_or_no(client_as, world):
    CertificationBody.objects.filter(pk=world.body_y.pk).update(framework_agreement=False)
    response = client_as("swn_adviser").get(reverse("bodies:body_list"))
    assert re.search(r"Certificatie-instelling X Utrecht ja\b", row_of(response, "instelling X"))
    assert re.search(r"Certificatie-instelling Y Utrecht nee\b", row_of(response, "instelling Y"))


def test_list_offers_to_add_a_body(client_as, world):
    response = client_as("swn_secretariat").get(reverse("bodies:body_list"))
    assert "Instelling toevoegen" in text(response)
    assert reverse("bodies:body_create") in response.content.decode()


def test_empty_list_says_what_to_do_first(client_as, world):
    client = client_as("swn_secretariat")
    CertificationBody.objects.all().delete()
    page = text(client.get(reverse("bodies:body_list")))
    assert "Er zijn nog geen certificerende instellingen" in page
    assert "Instelling toevoegen" in page


def _more_bodies(n):
    for i in range(n):
        body = CertificationBody.objects.create(
            name=f"Instelling {i}",
            kvk_number=f"{50000000 + i}",
            street="Weg 1",
            postcode="3511 AB",
            city="Utrecht",
            phone="030 123 4567",
        )
        meets_all_conditions(body)
        add_condition(body, INSURANCE, valid_until=today() + days(10))
        ciio_rates(body)
        lrqa_rate(
            CertificationBody.objects.create(
                name=f"Andere {i}",
                kvk_number=f"{60000000 + i}",
                street="Weg 2",
                postcode="3511 AB",
                city="Leiden",
                phone="030 123 4567",
            )
        )


LIST_QUERIES = 7  # session, user, roles, TOTP check, bodies, conditions, rates


def test_list_query_count_is_pinned_and_does_not_grow(client_as, world, django_assert_num_queries):
    client = client_as("swn_secretariat")
    url = reverse("bodies:body_list")
    with django_assert_num_queries(LIST_QUERIES):
        client.get(url)
    _more_bodies(8)
    with django_assert_num_queries(LIST_QUERIES):
        response = client.get(url)
    assert "mogen 8 van de 18 instellingen toetsen" in text(response)


# --- the detail page ----------------------------------------------------------------------------


def test_detail_shows_the_bijlage_10_rates_in_money_format(client_as, world):
    ciio_rates(world.body_x)
    lrqa_rate(world.body_y)
    client = client_as("swn_secretariat")
    ciio = client.get(reverse("bodies:body_detail", kwargs={"pk": world.body_x.pk}))
    current = row_of(ciio, "1 juli 2022")
    assert "€ 1.200,00" in current and "€ 0,45 per km" in current
    assert "€ 500,00 – € 750,00, exclusief reiskosten" in current
    assert "huidig tarief" in current
    old = row_of(ciio, "1 januari 2021")
    assert "€ 1.175,00" in old and "vervangen" in old and "huidig" not in old
    assert 'aria-current="true"' in ciio.content.decode()

    lrqa = client.get(reverse("bodies:body_detail", kwargs={"pk": world.body_y.pk}))
    row = row_of(lrqa, "€ 1.250,00")
    assert "inclusief reiskosten" in row and "huidig tarief" in row
    assert "€ 600,00, exclusief reiskosten" in row


def test_detail_shows_conditions_with_their_status(client_as, world):
    add_condition(
        world.body_x,
        INSURANCE,
        valid_from=datetime.date(2025, 1, 1),
        valid_until=today() - days(1),
        evidence="polis 2025",
    )
    add_condition(
        world.body_x,
        INSURANCE,
        valid_from=today() - days(1),
        valid_until=today() + days(20),
        evidence="polis nu",
    )
    meets_all_conditions(world.body_y)
    client = client_as("swn_secretariat")
    response = client.get(reverse("bodies:body_detail", kwargs={"pk": world.body_x.pk}))
    assert "verlopen" in row_of(response, "polis 2025")
    assert "1 januari 2025" in row_of(response, "polis 2025")
    assert "verloopt binnenkort" in row_of(response, "polis nu")
    page = text(response)
    assert "mag vandaag niet toetsen" in page
    assert "Er ontbreekt geldig bewijs voor: accreditatie" in page

    other = client.get(reverse("bodies:body_detail", kwargs={"pk": world.body_y.pk}))
    assert "mag vandaag toetsen" in text(other)
    assert "geldig" in row_of(other, "Klachtenprocedure")
    assert "geen einddatum" in row_of(other, "Klachtenprocedure")


def test_detail_lists_auditors_admins_and_their_code_of_conduct(client_as, world):
    CertificationBody.objects.filter(pk=world.body_x.pk).update(framework_agreement=False)
    auditor = world.users["auditor"]
    RoleAssignment.objects.filter(user=auditor).update(branch_knowledge="10 jaar jongerenwerk")
    code_of_conduct.sign(
        auditor, name=auditor.name, place="Utrecht", signed_on=datetime.date(2026, 3, 3)
    )
    unsigned = User.objects.create_user(email="nieuw@ci.example.nl", name="Nieuwe Auditor")
    RoleAssignment.objects.create(user=unsigned, role=Role.AUDITOR, body=world.body_x)

    response = client_as("body_admin").get(
        reverse("bodies:body_detail", kwargs={"pk": world.body_x.pk})
    )
    page = text(response)
    assert "geen mantelovereenkomst" in page and "Bijlage 6, stap 2b" in page
    signed = row_of(response, "Demo auditor")
    assert "auditor@example.nl" in signed and "10 jaar jongerenwerk" in signed
    assert "getekend op 3 maart 2026 in Utrecht" in signed
    assert "nog niet getekend" in row_of(response, "Nieuwe Auditor")
    admin = row_of(response, "Demo body_admin")
    assert "certificatiemanager CI" in admin and "niet nodig: geen auditor" in admin


def test_detail_says_signing_is_not_needed_with_a_framework_agreement(client_as, world):
    response = client_as("swn_secretariat").get(
        reverse("bodies:body_detail", kwargs={"pk": world.body_x.pk})
    )
    assert "heeft een mantelovereenkomst" in text(response)
    assert "niet nodig: mantelovereenkomst" in row_of(response, "Demo auditor")


def test_detail_shows_an_old_signature_as_not_the_current_text(client_as, world):
    auditor = world.users["auditor"]
    CodeOfConductSignature.objects.create(
        user=auditor,
        name=auditor.name,
        place="Zeist",
        signed_on=datetime.date(2020, 5, 1),
        text_version="oude versie",
        text_sha256="0" * 64,
    )
    response = client_as("swn_secretariat").get(
        reverse("bodies:body_detail", kwargs={"pk": world.body_x.pk})
    )
    assert "oude versie getekend" in row_of(response, "Demo auditor")


def test_links_follow_the_rules(client_as, world):
    url = reverse("bodies:body_detail", kwargs={"pk": world.body_x.pk})
    edit = reverse("bodies:body_edit", kwargs={"pk": world.body_x.pk})
    history = reverse("bodies:body_history", kwargs={"pk": world.body_x.pk})
    add_rate = reverse("bodies:rate_create", kwargs={"pk": world.body_x.pk})
    add_condition_url = reverse("bodies:condition_create", kwargs={"pk": world.body_x.pk})

    swn = client_as("swn_secretariat").get(url).content.decode()
    assert all(link in swn for link in (edit, history, add_rate, add_condition_url))

    admin = client_as("body_admin").get(url).content.decode()
    assert all(link in admin for link in (edit, add_rate, add_condition_url))
    assert history not in admin

    auditor = client_as("auditor").get(url).content.decode()
    assert not any(link in auditor for link in (edit, history, add_rate, add_condition_url))

    invite = reverse("accounts:invite", kwargs={"kind": "instelling", "pk": world.body_x.pk})
    assert invite in swn and invite in admin and invite not in auditor


def test_body_admin_of_x_gets_404_on_every_page_of_y(client_as, world):
    client = client_as("body_admin")
    y = world.body_y.pk
    condition = add_condition(world.body_y, INSURANCE)
    rate = lrqa_rate(world.body_y)
    urls = [
        reverse("bodies:body_detail", kwargs={"pk": y}),
        reverse("bodies:body_edit", kwargs={"pk": y}),
        reverse("bodies:condition_create", kwargs={"pk": y}),
        reverse("bodies:condition_edit", kwargs={"pk": y, "condition_pk": condition.pk}),
        reverse("bodies:rate_create", kwargs={"pk": y}),
        reverse("bodies:rate_edit", kwargs={"pk": y, "rate_pk": rate.pk}),
    ]
    for url in urls:
        assert client.get(url).status_code == 404, url
        assert client.post(url, {"name": "Overgenomen"}).status_code == 404, url


def test_a_condition_of_y_is_not_reachable_through_x(client_as, world):
    condition = add_condition(world.body_y, INSURANCE)
    rate = lrqa_rate(world.body_y)
    client = client_as("body_admin")
    x = world.body_x.pk
    assert (
        client.get(
            reverse("bodies:condition_edit", kwargs={"pk": x, "condition_pk": condition.pk})
        ).status_code
        == 404
    )
    assert (
        client.get(reverse("bodies:rate_edit", kwargs={"pk": x, "rate_pk": rate.pk})).status_code
        == 404
    )


def test_auditor_reads_own_body_but_may_not_change_it(client_as, world):
    client = client_as("auditor")
    assert (
        client.get(reverse("bodies:body_detail", kwargs={"pk": world.body_x.pk})).status_code == 200
    )
    assert (
        client.post(reverse("bodies:body_edit", kwargs={"pk": world.body_x.pk}), {}).status_code
        == 403
    )
    assert (
        client.get(reverse("bodies:body_detail", kwargs={"pk": world.body_y.pk})).status_code == 404
    )


DETAIL_QUERIES = 9  # session, user, roles, TOTP check, body, conditions, rates, people, signatures


def test_detail_query_count_is_pinned_and_does_not_grow(
    client_as, world, django_assert_num_queries
):
    client = client_as("swn_secretariat")
    url = reverse("bodies:body_detail", kwargs={"pk": world.body_x.pk})
    with django_assert_num_queries(DETAIL_QUERIES):
        client.get(url)
    meets_all_conditions(world.body_x)
    add_condition(world.body_x, INSURANCE, valid_until=today() - days(3))
    ciio_rates(world.body_x)
    for i in range(6):
        user = User.objects.create_user(email=f"a{i}@ci.example.nl", name=f"Auditor {i}")
        RoleAssignment.objects.create(user=user, role=Role.AUDITOR, body=world.body_x)
        code_of_conduct.sign(user, name=user.name, place="Utrecht", signed_on=today())
    with django_assert_num_queries(DETAIL_QUERIES):
        response = client.get(url)
    assert "Auditor 5" in text(response)
