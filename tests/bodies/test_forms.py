"""Adding and changing bodies, conditions and rates: what is kept, what is refused and why."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from kwaliteitslabel.bodies.forms import NotSaved, RateForm
from kwaliteitslabel.bodies.models import CertificationBody, Condition, DayRate
from kwaliteitslabel.common.forms import STALE

from .helpers import INSURANCE, add_condition, ciio_rates

pytestmark = pytest.mark.django_db


def body_data(body, **changes):
    data = {
        "name": body.name,
        "kvk_number": body.kvk_number,
        "street": body.street,
        "postcode": body.postcode,
        "city": body.city,
        "website": body.website,
        "phone": body.phone,
        "email": body.email,
        "loaded_version": body.version,
    }
    if body.framework_agreement:
        data["framework_agreement"] = "on"
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def rate_data(**changes):
    data = {
        "valid_from": "2022-07-01",
        "day_rate": "1.200,00",
        "travel_rate_per_km": "0,45",
        "feedback_price_min": "500",
        "feedback_price_max": "750,00",
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def url(name, body, **kwargs):
    return reverse(f"bodies:{name}", kwargs={"pk": body.pk, **kwargs})


def field_errors(response, field):
    return response.context["form"].errors.get(field, [])


def snapshot(body):
    """Everything a failed form must leave alone."""
    return (
        CertificationBody.objects.filter(pk=body.pk).values().get(),
        list(Condition.objects.filter(body=body).values()),
        list(DayRate.objects.filter(body=body).values()),
    )


# --- the body itself ------------------------------------------------------------------------------


def test_swn_adds_a_body_with_framework_agreement(client_as, world):
    response = client_as("swn_secretariat").post(
        reverse("bodies:body_create"),
        {
            "name": "CIIO",
            "kvk_number": "30212847",
            "street": "Koningsweg 101",
            "postcode": "3582gg",
            "city": "Utrecht",
            "website": "https://www.ciio.nl",
            "phone": "088 444 6333",
            "email": "info@ciio.nl",
            "framework_agreement": "on",
        },
        follow=True,
    )
    body = CertificationBody.objects.get(name="CIIO")
    assert response.redirect_chain[-1][0] == url("body_detail", body)
    assert body.framework_agreement and body.postcode == "3582 GG"
    assert "CIIO is toegevoegd" in response.content.decode()


def test_body_admin_edits_own_body(client_as, world):
    body = world.body_x
    response = client_as("body_admin").post(url("body_edit", body), body_data(body, city="Zeist"))
    assert response.status_code == 302 and response["Location"] == url("body_detail", body)
    body.refresh_from_db()
    assert body.city == "Zeist" and body.version == 2


@pytest.mark.parametrize("stored", [True, False])
def test_body_admin_cannot_set_the_framework_agreement(client_as, world, stored):
    body = world.body_x
    CertificationBody.objects.filter(pk=body.pk).update(framework_agreement=stored)
    body.refresh_from_db()
    client = client_as("body_admin")
    form = client.get(url("body_edit", body)).context["form"]
    assert "framework_agreement" not in form.fields
    data = body_data(body, city="Zeist")
    data.pop("framework_agreement", None)
    if not stored:
        data["framework_agreement"] = "on"  # tries to switch it on
    assert client.post(url("body_edit", body), data).status_code == 302
    body.refresh_from_db()
    assert body.city == "Zeist"
    assert body.framework_agreement is stored


def test_swn_switches_the_framework_agreement_off(client_as, world):
    body = world.body_x
    data = body_data(body)
    del data["framework_agreement"]
    assert client_as("swn_adviser").post(url("body_edit", body), data).status_code == 302
    body.refresh_from_db()
    assert body.framework_agreement is False


@pytest.mark.parametrize("kvk", ["1234567", "1234567a", "12 345 678", ""])
def test_a_wrong_kvk_number_is_named_at_the_field_and_nothing_changes(client_as, world, kvk):
    body = world.body_x
    before = snapshot(body)
    response = client_as("body_admin").post(
        url("body_edit", body), body_data(body, kvk_number=kvk, city="Zeist")
    )
    assert response.status_code == 200
    errors = field_errors(response, "kvk_number")
    assert errors
    if kvk:
        assert errors == [
            "Een KvK-nummer bestaat uit precies 8 cijfers, zonder spaties of letters."
        ]
    assert "KvK-nummer" in response.content.decode()
    assert snapshot(body) == before


def test_a_name_already_in_use_is_refused(client_as, world):
    response = client_as("swn_secretariat").post(
        url("body_edit", world.body_x), body_data(world.body_x, name=world.body_y.name)
    )
    assert field_errors(response, "name") == [
        "Er is al een certificerende instelling met deze naam."
    ]


def test_a_stale_edit_is_refused_and_says_why(client_as, world):
    body = world.body_x
    client = client_as("body_admin")
    loaded = body_data(body, city="Amersfoort")  # the form as it was loaded, version 1
    # Meanwhile SWN saves a change.
    swn = client_as("swn_secretariat")
    assert swn.post(url("body_edit", body), body_data(body, city="Zeist")).status_code == 302
    client = client_as("body_admin")
    response = client.post(url("body_edit", body), loaded)
    assert response.status_code == 409
    assert STALE in response.content.decode()
    body.refresh_from_db()
    assert body.city == "Zeist" and body.version == 2


# --- conditions -------------------------------------------------------------------------------------


def test_body_admin_adds_a_condition(client_as, world):
    response = client_as("body_admin").post(
        url("condition_create", world.body_x),
        {
            "kind": INSURANCE,
            "evidence": "polis 123",
            "valid_from": "2026-01-01",
            "valid_until": "2026-12-31",
        },
    )
    assert response.status_code == 302
    c = world.body_x.conditions.get()
    assert (c.kind, c.valid_until) == (INSURANCE, datetime.date(2026, 12, 31))


def test_until_before_from_is_a_field_error_not_a_crash(client_as, world):
    before = snapshot(world.body_x)
    response = client_as("body_admin").post(
        url("condition_create", world.body_x),
        {
            "kind": INSURANCE,
            "evidence": "polis",
            "valid_from": "2026-06-01",
            "valid_until": "2026-05-31",
        },
    )
    assert response.status_code == 200
    assert field_errors(response, "valid_until") == [
        "Deze datum ligt vóór ‘geldig vanaf’ (1 juni 2026). Kies een einddatum op of na de begindatum."
    ]
    assert snapshot(world.body_x) == before


def test_editing_a_condition_with_until_before_from_changes_nothing(client_as, world):
    c = add_condition(world.body_x, INSURANCE, valid_until=datetime.date(2030, 1, 1))
    before = snapshot(world.body_x)
    response = client_as("swn_secretariat").post(
        url("condition_edit", world.body_x, condition_pk=c.pk),
        {
            "kind": INSURANCE,
            "evidence": "nieuw",
            "valid_from": "2026-06-01",
            "valid_until": "2020-01-01",
        },
    )
    assert response.status_code == 200 and field_errors(response, "valid_until")
    assert snapshot(world.body_x) == before


def test_a_condition_is_changed(client_as, world):
    c = add_condition(world.body_x, INSURANCE)
    response = client_as("body_admin").post(
        url("condition_edit", world.body_x, condition_pk=c.pk),
        {
            "kind": INSURANCE,
            "evidence": "polis 2027",
            "valid_from": "2027-01-01",
            "valid_until": "",
        },
    )
    assert response.status_code == 302
    c.refresh_from_db()
    assert c.evidence == "polis 2027" and c.valid_until is None


# --- rates ----------------------------------------------------------------------------------------------


def test_body_admin_adds_the_bijlage_10_rate_typed_the_dutch_way(client_as, world):
    response = client_as("body_admin").post(url("rate_create", world.body_x), rate_data())
    assert response.status_code == 302
    rate = world.body_x.rates.get()
    assert rate.day_rate == Decimal("1200.00")
    assert rate.travel_rate_per_km == Decimal("0.45") and not rate.travel_included
    assert (rate.feedback_price_min, rate.feedback_price_max) == (Decimal("500"), Decimal("750"))


def test_a_rate_including_travel(client_as, world):
    response = client_as("swn_secretariat").post(
        url("rate_create", world.body_y),
        rate_data(
            day_rate="€ 1.250",
            travel_rate_per_km="",
            travel_included="on",
            feedback_price_min="600",
            feedback_price_max="",
        ),
    )
    assert response.status_code == 302
    rate = world.body_y.rates.get()
    assert (
        rate.day_rate == Decimal("1250")
        and rate.travel_included
        and rate.travel_rate_per_km is None
    )


def test_body_admin_changes_own_rate(client_as, world):
    _, current = ciio_rates(world.body_x)
    response = client_as("body_admin").post(
        url("rate_edit", world.body_x, rate_pk=current.pk), rate_data(day_rate="1210")
    )
    assert response.status_code == 302  # the same valid_from is its own, not a duplicate
    current.refresh_from_db()
    assert current.day_rate == Decimal("1210")


def test_the_edit_form_shows_amounts_the_dutch_way(client_as, world):
    _, current = ciio_rates(world.body_x)
    html = (
        client_as("body_admin")
        .get(url("rate_edit", world.body_x, rate_pk=current.pk))
        .content.decode()
    )
    assert 'value="1200,00"' in html and 'value="0,45"' in html


BAD_RATES = [
    (
        {"travel_included": "on"},
        "travel_rate_per_km",
        "Kies één van beide: reiskosten in het dagtarief, óf een bedrag per km.",
    ),
    (
        {"travel_rate_per_km": ""},
        "travel_rate_per_km",
        "Vul de reiskosten per km in, of vink aan dat de reiskosten in het dagtarief zitten.",
    ),
    ({"day_rate": "0"}, "day_rate", "Vul een bedrag in dat groter is dan € 0."),
    ({"day_rate": "-1175"}, "day_rate", "Vul een bedrag in dat groter is dan € 0."),
    ({"day_rate": "duur"}, "day_rate", "Vul een bedrag in euro's in, zoals 1175,00."),
    ({"day_rate": ""}, "day_rate", ""),
    ({"travel_rate_per_km": "0"}, "travel_rate_per_km", "Vul een bedrag in dat groter is dan € 0."),
    ({"feedback_price_max": "400"}, "feedback_price_max", "Het bedrag ‘tot’ is lager"),
    ({"feedback_price_min": ""}, "feedback_price_min", "Vul ook het bedrag ‘vanaf’ in."),
    ({"valid_from": "1 juli"}, "valid_from", ""),
]


@pytest.mark.parametrize(("changes", "field", "message"), BAD_RATES)
def test_bad_rates_get_a_field_message_and_change_nothing(
    client_as, world, changes, field, message
):
    ciio_rates(world.body_x)
    before = snapshot(world.body_x)
    data = rate_data(**{"valid_from": "2027-01-01", **changes})
    response = client_as("body_admin").post(url("rate_create", world.body_x), data)
    assert response.status_code == 200
    errors = field_errors(response, field)
    assert errors, response.context["form"].errors
    assert errors[0].startswith(message)
    assert snapshot(world.body_x) == before


def test_a_second_rate_on_the_same_day_is_refused(client_as, world):
    ciio_rates(world.body_x)
    before = snapshot(world.body_x)
    response = client_as("body_admin").post(
        url("rate_create", world.body_x), rate_data(day_rate="1300")
    )
    assert field_errors(response, "valid_from") == [
        "Er is al een tarief dat ingaat op 1 juli 2022. Wijzig dat tarief, of kies een andere datum."
    ]
    assert snapshot(world.body_x) == before


def test_moving_a_rate_onto_another_rates_day_is_refused(client_as, world):
    old, _ = ciio_rates(world.body_x)
    response = client_as("body_admin").post(
        url("rate_edit", world.body_x, rate_pk=old.pk), rate_data()
    )
    assert field_errors(response, "valid_from")


def test_the_same_day_at_another_body_is_fine(client_as, world):
    ciio_rates(world.body_x)
    response = client_as("swn_secretariat").post(url("rate_create", world.body_y), rate_data())
    assert response.status_code == 302


def test_a_duplicate_that_lands_between_check_and_save_is_still_a_field_error(world):
    form = RateForm(rate_data(valid_from="2027-01-01"), instance=DayRate(body=world.body_x))
    assert form.is_valid()
    DayRate.objects.create(
        body=world.body_x, valid_from=datetime.date(2027, 1, 1), day_rate=1, travel_included=True
    )
    with pytest.raises(NotSaved):
        form.save()
    assert form.errors["valid_from"][0].startswith(
        "Er is al een tarief dat ingaat op 1 januari 2027"
    )
    assert world.body_x.rates.count() == 1


# --- history ------------------------------------------------------------------------------------------


def test_history_shows_who_changed_what(client_as, world):
    body = world.body_x
    admin = client_as("body_admin")
    admin.post(url("body_edit", body), body_data(body, city="Zeist"))
    admin.post(url("rate_create", body), rate_data())
    rate = body.rates.get()
    admin.post(url("rate_edit", body, rate_pk=rate.pk), rate_data(day_rate="1250"))
    admin.post(
        url("condition_create", body),
        {"kind": INSURANCE, "evidence": "polis", "valid_from": "2026-01-01"},
    )
    response = client_as("swn_secretariat").get(url("body_history", body))
    assert response.status_code == 200
    changes = response.context["changes"]
    city = next(c for c in changes if ("plaats", "Utrecht", "Zeist") in c.changes)
    assert city.who == "Demo body_admin"
    day_rate = next(c for c in changes if c.object == "tarief vanaf 1 juli 2022" and c.changes)
    assert ("dagtarief (€)", "€ 1.200,00", "€ 1.250,00") in day_rate.changes
    assert any(
        c.object == "voorwaarde: aansprakelijkheidsverzekering" and c.action == "aangemaakt"
        for c in changes
    )
    page = response.content.decode()
    assert "Demo body_admin" in page and "Utrecht → Zeist" in page


def test_history_shows_role_changes_at_the_body(client_as, world):
    from kwaliteitslabel.accounts.models import RoleAssignment

    a = RoleAssignment.objects.get(user=world.users["auditor"])
    a.branch_knowledge = "jongerenwerk"
    a.save()
    changes = client_as("swn_adviser").get(url("body_history", world.body_x)).context["changes"]
    assert any(
        c.object == "rol: Demo auditor als auditor CI"
        and ("branchekennis", "–", "jongerenwerk") in c.changes
        for c in changes
    )


def test_history_query_count_does_not_grow(client_as, world, django_assert_num_queries):
    client = client_as("swn_secretariat")
    page = url("body_history", world.body_x)
    with django_assert_num_queries(9) as first:
        client.get(page)
    for i in range(5):
        add_condition(world.body_x, INSURANCE, evidence=f"polis {i}")
        DayRate.objects.create(
            body=world.body_x,
            valid_from=datetime.date(2020 + i, 1, 1),
            day_rate=1000 + i,
            travel_included=True,
        )
    with django_assert_num_queries(len(first.captured_queries)):
        response = client.get(page)
    assert len(response.context["changes"]) >= 10
