"""The member's scope builder: its pages, checks, access and fixed query counts (issue 4)."""

import datetime
import json
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from kwaliteitslabel.audits import calculator
from kwaliteitslabel.audits.forms import AT_LEAST_ONE
from kwaliteitslabel.audits.models import FullTimeWeek, Scope, ScopeLine
from kwaliteitslabel.common.forms import STALE
from tests.world import make_body

from .helpers import ELDERLY, SOCIAL, field, make_scope, scope_post, work_type

pytestmark = pytest.mark.django_db


def url(name, obj):
    key = "member_pk" if name in ("scope_list", "scope_create") else "pk"
    return reverse(f"audits:{name}", kwargs={key: obj.pk})


def html(response) -> str:
    return response.content.decode()


@pytest.fixture
def admin(client_as, world):
    world.member_a.work_types.add(work_type(SOCIAL), work_type(ELDERLY))
    return client_as("member_admin")


# --- building a scope -------------------------------------------------------------------


def test_form_has_a_row_per_work_type_and_says_what_does_not_count(admin, world):
    page = html(admin.get(url("scope_create", world.member_a)))
    assert "Maatschappelijk werk" in page and "Ouderenwerk" in page
    wt = work_type(SOCIAL)
    assert f'name="{field(wt, "employed")}"' in page
    assert f'name="{field(wt, "snuffel_interns")}"' in page
    # Every input is labelled with its row and category.
    assert f'for="id_{field(wt, "hired")}"' in page
    assert "Maatschappelijk werk: ingehuurde professionals" in page
    assert "Telt niet mee: overige vrijwilligers." in page
    assert calculator.NOT_COUNTED["snuffel_interns"][1] in page
    assert "uren per week" in page and "36 uur" in page
    assert "Hoofdkantoor" in page  # the member's location to choose


def test_member_admin_makes_a_scope_in_fte(admin, world):
    response = admin.post(
        url("scope_create", world.member_a),
        scope_post(
            lines={
                SOCIAL: {"employed": "8", "hired": "1", "other_volunteers": "12"},
                ELDERLY: {"management_support": "0,5"},
            },
            notes="Voor de hertoetsing.",
        ),
    )
    scope = Scope.objects.get()
    assert response.status_code == 302 and response["Location"] == url("scope_detail", scope)
    assert scope.member == world.member_a and scope.created_by == world.users["member_admin"]
    assert scope.whole_organisation and not scope.locations.exists()
    assert scope.fte_in_scope == Decimal("9.5")
    assert scope.fte_not_counted == Decimal("12")
    assert scope.history.count() == 1 and ScopeLine.history.count() == 2


def test_a_row_left_empty_has_no_line(admin, world):
    admin.post(url("scope_create", world.member_a), scope_post(lines={SOCIAL: {"employed": "3"}}))
    assert [line.work_type.name for line in ScopeLine.objects.all()] == [SOCIAL]


def test_part_of_the_organisation_needs_locations_of_that_member(admin, world):
    lines = {SOCIAL: {"employed": "3"}}
    main = world.member_a.locations.get()
    other = world.member_b.locations.get()
    response = admin.post(
        url("scope_create", world.member_a),
        scope_post(lines=lines, whole_organisation="False"),
    )
    assert "Kies minstens één locatie" in html(response) and not Scope.objects.exists()
    response = admin.post(
        url("scope_create", world.member_a),
        scope_post(lines=lines, whole_organisation="False", locations=[other.pk]),
    )
    assert "Locaties:" in html(response) and not Scope.objects.exists()
    admin.post(
        url("scope_create", world.member_a),
        scope_post(lines=lines, whole_organisation="False", locations=[main.pk]),
    )
    scope = Scope.objects.get()
    assert not scope.whole_organisation and list(scope.locations.all()) == [main]
    # Back to the whole organisation: the choice of locations goes.
    admin.post(url("scope_edit", scope), scope_post(scope, whole_organisation="True"))
    scope.refresh_from_db()
    assert scope.whole_organisation and not scope.locations.exists()


def test_hours_per_week_are_stored_as_fte_at_36_hours(admin, world):
    admin.post(
        url("scope_create", world.member_a),
        scope_post(unit="hours", lines={SOCIAL: {"employed": "360", "other_volunteers": "18"}}),
    )
    line = ScopeLine.objects.get()
    assert (line.employed, line.other_volunteers) == (Decimal("10"), Decimal("0.5"))


def test_hours_per_week_follow_the_full_time_week_swn_sets(admin, world):
    FullTimeWeek.objects.create(
        valid_from=timezone.localdate() - datetime.timedelta(days=1), hours=Decimal("40")
    )
    page = html(admin.get(url("scope_create", world.member_a)))
    assert "40 uur" in page
    admin.post(
        url("scope_create", world.member_a),
        scope_post(unit="hours", lines={SOCIAL: {"employed": "360", "hired": "20"}}),
    )
    line = ScopeLine.objects.get()
    assert (line.employed, line.hired) == (Decimal("9"), Decimal("0.5"))
    # The public calculator converts at the same full-time week.
    response = admin.get("/rekenhulp/", {"variant": "body", "unit": "hours", "employed": "360"})
    assert response.context["fte"] == Decimal("9")
    assert "40 uur" in html(response)


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ({"employed": "-2"}, "Maatschappelijk werk: professionals in dienst: Vul 0 of meer in."),
        ({"hired": "veel"}, "Maatschappelijk werk: ingehuurde professionals"),
        ({"hired": "veel"}, "Vul een getal in, zoals 2,5."),
        ({"snuffel_interns": "-1"}, "Maatschappelijk werk: snuffelstagiaires: Vul 0 of meer in."),
        ({}, f"Maatschappelijk werk: professionals in dienst: {AT_LEAST_ONE}"),
        ({"employed": "0", "other_volunteers": "4"}, AT_LEAST_ONE),
    ],
)
def test_bad_input_names_the_row_and_category_and_saves_nothing(admin, world, typed, message):
    response = admin.post(url("scope_create", world.member_a), scope_post(lines={SOCIAL: typed}))
    assert response.status_code == 200
    assert message in html(response)
    assert "Er is niets opgeslagen" in html(response)
    assert not Scope.objects.exists() and not ScopeLine.objects.exists()


def test_bad_input_on_edit_changes_nothing(admin, world):
    scope = make_scope(world.member_a, lines={SOCIAL: {"employed": "8"}})
    response = admin.post(
        url("scope_edit", scope),
        scope_post(scope, name="Nieuwe naam", **{field(work_type(SOCIAL), "hired"): "-1"}),
    )
    assert "Vul 0 of meer in." in html(response)
    assert "Scope ‘Hele organisatie 2027’ wijzigen" in html(response)
    scope.refresh_from_db()
    assert (scope.name, scope.version, scope.fte_in_scope) == ("Hele organisatie 2027", 1, 8)


def test_edit_changes_lines_and_an_emptied_row_removes_its_line(admin, world):
    scope = make_scope(
        world.member_a, lines={SOCIAL: {"employed": "8"}, ELDERLY: {"employed": "2"}}
    )
    page = html(admin.get(url("scope_edit", scope)))
    assert f'name="{field(work_type(SOCIAL), "employed")}" value="8"' in page
    data = scope_post(scope, lines={SOCIAL: {"employed": "12,5"}, ELDERLY: {}})
    response = admin.post(url("scope_edit", scope), data)
    assert response.status_code == 302
    scope.refresh_from_db()
    assert scope.version == 2
    assert [(line.work_type.name, line.employed) for line in scope.lines.all()] == [
        (SOCIAL, Decimal("12.5"))
    ]


def test_a_work_type_the_member_dropped_stays_in_the_form_until_emptied(admin, world):
    scope = make_scope(
        world.member_a, lines={SOCIAL: {"employed": "8"}, "wijkteams": {"hired": "1"}}
    )
    world.member_a.work_types.remove(work_type("wijkteams"))
    page = html(admin.get(url("scope_edit", scope)))
    assert "Wijkteams" in page and "staat niet meer bij de werksoorten" in page
    admin.post(url("scope_edit", scope), scope_post(scope))
    assert scope.lines.count() == 2


def test_stale_edit_is_refused_with_409(admin, world):
    scope = make_scope(world.member_a, lines={SOCIAL: {"employed": "8"}})
    mine = scope_post(scope, lines={SOCIAL: {"employed": "9"}})
    theirs = scope_post(scope, lines={SOCIAL: {"employed": "20"}})
    assert admin.post(url("scope_edit", scope), theirs).status_code == 302
    response = admin.post(url("scope_edit", scope), mine)
    assert response.status_code == 409
    assert STALE in html(response)
    scope.refresh_from_db()
    assert scope.fte_in_scope == Decimal("20") and scope.version == 2


def test_two_scopes_of_a_member_have_different_names(admin, world):
    make_scope(world.member_a, name="Jongerenwerk")
    response = admin.post(
        url("scope_create", world.member_a),
        scope_post(name="jongerenwerk", lines={SOCIAL: {"employed": "1"}}),
    )
    assert "Naam: Er is al een scope met deze naam." in html(response)
    assert Scope.objects.count() == 1
    # Another member may use the same name.
    make_scope(world.member_b, name="Jongerenwerk")


def test_without_work_types_the_form_says_how_to_add_them(client_as, world):
    client = client_as("member_admin")
    page = html(client.get(url("scope_create", world.member_a)))
    assert "heeft nog geen werksoorten" in page
    assert reverse("members:member_edit", kwargs={"pk": world.member_a.pk}) in page
    assert 'name="name"' not in page
    response = client.post(url("scope_create", world.member_a), scope_post())
    assert response.status_code == 200 and not Scope.objects.exists()


# --- the list ---------------------------------------------------------------------------


def test_empty_list_explains_what_to_do_first(admin, world):
    page = html(admin.get(url("scope_list", world.member_a)))
    assert "U hebt nog geen scope gemaakt." in page
    assert f'href="{url("scope_create", world.member_a)}">Scope maken</a>' in page


def test_list_shows_fte_and_days_per_variant(admin, world):
    make_scope(world.member_a, lines={SOCIAL: {"employed": "8", "hired": "2.4"}})
    make_scope(world.member_a, name="Alles", lines={SOCIAL: {"employed": "301"}})
    page = html(admin.get(url("scope_list", world.member_a)))
    assert "10,4" in page and "2,5 dagen" in page and "3,0 dagen" in page
    assert "1,5 dagen extra" in page
    assert "301,0" in page and "maatwerk" in page


def test_swn_sees_the_list_without_the_button(client_as, world):
    make_scope(world.member_a)
    page = html(client_as("swn_adviser").get(url("scope_list", world.member_a)))
    assert "Hele organisatie 2027" in page and "Scope maken" not in page


# --- the scope page ---------------------------------------------------------------------


def post_json(client, path, body):
    response = client.post(
        f"/api/v1/calculator/{path}", json.dumps(body), content_type="application/json"
    )
    assert response.status_code == 200, response.content
    return response.json()


def test_days_and_costs_are_those_of_the_calculator_and_the_api(admin, world, bodies):
    scope = make_scope(
        world.member_a,
        lines={
            SOCIAL: {"employed": "8", "hired": "1", "other_volunteers": "12"},
            ELDERLY: {"interns": "0.5", "volunteers": "0.4", "management_support": "0.5"},
        },
    )
    response = admin.get(url("scope_detail", scope), {"datum": "2022-07-01", "km": "120"})
    page = html(response)
    assert response.context["fte"] == Decimal("10.4")
    assert "10,4 fte" in page and "Staffel 11-20 fte" in page
    rows = {row.key: row for row in response.context["days"]}
    assert set(rows) == {"body", "peer", "combined-iso", "combined-hkz", "combined-nvvk"}
    for row in rows.values():
        request = {"variant": row.variant, "fte": 10.4}
        if row.combined_with:
            request["combined_with"] = row.combined_with
        api = post_json(admin, "audit-days", request)
        assert (api["band"], api["custom"], api["note"]) == (
            row.result.band,
            row.result.custom,
            row.result.note,
        )
        assert api["days"] == (float(row.result.days) if row.result.days else None)
        if row.result.days:
            api_costs = post_json(
                admin, "cost", {"days": api["days"], "date": "2022-07-01", "travel_km": 120}
            )
            assert [
                (c["body"], c["total_excl_vat"], c["vat"], c["total_incl_vat"]) for c in api_costs
            ] == [
                (c.body.name, str(c.total_excl_vat), str(c.vat), str(c.total_incl_vat))
                for c in row.costs
            ]
        else:
            assert row.costs == [] and "NVVK" in row.result.note
    # The public calculator, with the same breakdown, says the same.
    public = admin.get(
        "/rekenhulp/",
        {
            "variant": "body",
            "unit": "fte",
            "employed": "8",
            "hired": "1",
            "interns": "0,5",
            "volunteers": "0,4",
            "management_support": "0,5",
            "other_volunteers": "12",
            "date": "2022-07-01",
            "travel_km": "120",
        },
    )
    assert public.context["result"] == rows["body"].result
    assert [(c.body, c.total_incl_vat) for c in public.context["costs"]] == [
        (c.body, c.total_incl_vat) for c in rows["body"].costs
    ]
    # On the page: CIIO € 1.200 a day + 120 km × € 0,45, VAT apart; LRQA travel included.
    assert "€ 3.054,00" in page and "btw € 641,34" in page and "€ 3.695,34" in page
    assert "inbegrepen" in page and "€ 0,45 per km" in page
    assert "2,5 dagen" in page and "1,5 dagen extra" in page and "Maatwerk" in page
    # The feedback on the self-assessment, per body (Bijlage 10).
    assert "Feedback op uw zelfevaluatie" in page


def test_costs_follow_the_date_chosen(admin, world, bodies):
    scope = make_scope(world.member_a, lines={SOCIAL: {"employed": "10"}})
    before = admin.get(url("scope_detail", scope), {"datum": "2022-06-30"})
    after = admin.get(url("scope_detail", scope), {"datum": "2022-07-01"})
    assert "€ 1.175,00" in html(before) and "€ 2.350,00" in html(before)
    assert "€ 1.200,00" in html(after) and "€ 2.400,00" in html(after)


def test_a_bad_date_or_distance_is_named(admin, world, bodies):
    scope = make_scope(world.member_a)
    page = html(admin.get(url("scope_detail", scope), {"datum": "gisteren", "km": "-5"}))
    assert "Vul 0 of meer in." in page and "Pas de datum of de reisafstand aan" in page


def test_above_300_fte_is_maatwerk_with_its_note(admin, world, bodies):
    scope = make_scope(
        world.member_a, lines={SOCIAL: {"employed": "250"}, ELDERLY: {"hired": "51"}}
    )
    page = html(admin.get(url("scope_detail", scope)))
    assert "301,0 fte" in page
    assert page.count("<strong>Maatwerk</strong>") == 5
    assert "Boven 300 fte spreekt u de tijdsbesteding af" in page
    assert "De kosten zijn niet uit te rekenen" in page


def test_the_page_says_which_work_types_and_locations(admin, world):
    scope = make_scope(
        world.member_a,
        lines={SOCIAL: {"employed": "8", "snuffel_interns": "1"}},
        whole_organisation=False,
        notes="Alleen het maatschappelijk werk.",
    )
    scope.locations.set(world.member_a.locations.all())
    page = html(admin.get(url("scope_detail", scope)))
    assert "Deze locaties: Hoofdkantoor (Utrecht)." in page
    assert "Alleen het maatschappelijk werk." in page
    assert "Daarnaast 1,0 fte die niet meetelt." in page
    assert "nee: Stagiaires die een of enkele weken meelopen tellen niet mee" in page


def more_bodies(count):
    from kwaliteitslabel.bodies.models import Condition, DayRate

    for i in range(count):
        body = make_body(f"Instelling {i}", f"{50000000 + i}")
        for kind in ("accreditation_hkz", "liability_insurance", "complaints_procedure"):
            Condition.objects.create(body=body, kind=kind, evidence="x", valid_from="2020-01-01")
        DayRate.objects.create(
            body=body, valid_from="2021-01-01", day_rate="1100.00", travel_rate_per_km="0.40"
        )


# Session, user, roles; the scope with member and creator, its lines, its locations;
# the bodies, their conditions, their rates.
DETAIL_QUERIES = 9
# Session, user, roles; the member; the scopes, their lines, their locations.
LIST_QUERIES = 7


def test_detail_query_count_does_not_grow_with_lines_or_bodies(
    admin,
    world,
    bodies,
    django_assert_num_queries,
):
    scope = make_scope(world.member_a, lines={SOCIAL: {"employed": "8"}})
    target = url("scope_detail", scope)
    with django_assert_num_queries(DETAIL_QUERIES):
        assert admin.get(target).status_code == 200
    for name in ("wijkteams", "ouderenwerk", "kinderwerk", "opbouwwerk"):
        ScopeLine.objects.create(scope=scope, work_type=work_type(name), employed=Decimal(5))
    more_bodies(3)
    with django_assert_num_queries(DETAIL_QUERIES):
        response = admin.get(target, {"datum": "2024-01-01", "km": "10"})
    assert response.context["fte"] == Decimal("28") and len(response.context["bodies"]) == 5


def test_list_query_count_does_not_grow_with_scopes(admin, world, django_assert_num_queries):
    make_scope(world.member_a)
    target = url("scope_list", world.member_a)
    with django_assert_num_queries(LIST_QUERIES):
        admin.get(target)
    for i in range(4):
        make_scope(
            world.member_a,
            name=f"Scope {i}",
            lines={SOCIAL: {"employed": "2"}, ELDERLY: {"hired": "1"}},
        )
    with django_assert_num_queries(LIST_QUERIES):
        response = admin.get(target)
    assert len(response.context["rows"]) == 5


# --- deleting ---------------------------------------------------------------------------


def test_delete_asks_first_and_says_what_follows(admin, world):
    scope = make_scope(world.member_a)
    page = html(admin.get(url("scope_delete", scope)))
    assert "Scope ‘Hele organisatie 2027’ verwijderen?" in page
    assert "Dit kunt u niet ongedaan maken" in page and "8,0 fte" in page
    assert Scope.objects.exists()
    response = admin.post(url("scope_delete", scope))
    assert response.status_code == 302 and response["Location"] == url("scope_list", world.member_a)
    assert not Scope.objects.exists() and not ScopeLine.objects.exists()
    assert "is verwijderd" in html(admin.get(response["Location"]))


# --- who may do what --------------------------------------------------------------------


def test_member_admin_of_a_gets_404_on_the_scopes_of_b(admin, world):
    scope = make_scope(world.member_b)
    for name, obj in (
        ("scope_list", world.member_b),
        ("scope_create", world.member_b),
        ("scope_detail", scope),
        ("scope_edit", scope),
        ("scope_delete", scope),
    ):
        assert admin.get(url(name, obj)).status_code == 404, name
    assert admin.post(url("scope_delete", scope)).status_code == 404
    assert admin.post(url("scope_edit", scope), scope_post(scope, name="Van A")).status_code == 404
    assert Scope.objects.get().name == "Hele organisatie 2027"


@pytest.mark.parametrize("role", ["professional", "peer_auditor", "body_admin", "governance"])
def test_the_pages_are_not_for_other_roles(client_as, world, role):
    scope = make_scope(world.member_a)
    client = client_as(role)
    for name, obj in (
        ("scope_list", world.member_a),
        ("scope_create", world.member_a),
        ("scope_detail", scope),
        ("scope_edit", scope),
        ("scope_delete", scope),
    ):
        assert client.get(url(name, obj)).status_code == 403, name
    assert client.post(url("scope_delete", scope)).status_code == 403
    assert client.get(reverse("audits:full_time_week")).status_code == 403
    assert Scope.objects.exists()


def test_swn_views_but_does_not_build(client_as, world):
    scope = make_scope(world.member_b)
    client = client_as("swn_secretariat")
    assert client.get(url("scope_list", world.member_b)).status_code == 200
    page = html(client.get(url("scope_detail", scope)))
    assert "Hele organisatie 2027" in page and "Scope wijzigen" not in page
    assert client.get(url("scope_create", world.member_b)).status_code == 403
    assert client.get(url("scope_edit", scope)).status_code == 403
    assert client.post(url("scope_edit", scope), scope_post(scope, name="X")).status_code == 403
    assert client.post(url("scope_delete", scope)).status_code == 403
    assert Scope.objects.get().name == "Hele organisatie 2027"


def test_anonymous_is_sent_to_log_in(client, world):
    scope = make_scope(world.member_a)
    response = client.post(url("scope_delete", scope))
    assert response.status_code == 302 and "/account/login/" in response["Location"]
    assert Scope.objects.exists()


def test_member_page_and_dashboard_link_to_the_scopes(client_as, world):
    link = url("scope_list", world.member_a)
    detail = reverse("members:member_detail", kwargs={"pk": world.member_a.pk})
    for role in ("member_admin", "swn_secretariat"):
        assert f'href="{link}">Scopes en kosten</a>' in html(client_as(role).get(detail)), role
    assert link not in html(client_as("professional").get(detail))
    dashboard = html(client_as("member_admin").get(reverse("accounts:dashboard")))
    assert f'href="{link}">Scopes en kosten van Stichting Welzijn Oost</a>' in dashboard


# --- the full-time week -----------------------------------------------------------------

WEEK = reverse("audits:full_time_week")


def test_swn_sets_the_full_time_week(client_as, world):
    client = client_as("swn_adviser")
    page = html(client.get(WEEK))
    assert "Er is nog geen voltijdse werkweek vastgelegd." in page and "36 uur per week" in page
    response = client.post(WEEK, {"valid_from": "2020-01-01", "hours": "37,5"})
    assert response.status_code == 302
    week = FullTimeWeek.objects.get()
    assert week.hours == Decimal("37.5") and week.history.count() == 1
    page = html(client.get(WEEK))
    assert "37,5 uur per week, sinds 1 januari 2020" in page and "geldt nu" in page


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            {"valid_from": "2020-01-01", "hours": "40"},
            "Voor deze datum is al een voltijdse werkweek vastgelegd.",
        ),
        ({"valid_from": "2021-01-01", "hours": "0"}, "Vul een aantal uren van 1 tot en met 60 in."),
        ({"valid_from": "2021-01-01", "hours": "veel"}, "Vul een getal in, zoals 36."),
        ({"valid_from": "", "hours": "36"}, "Geldig vanaf:"),
    ],
)
def test_full_time_week_bad_input_is_named(client_as, world, data, message):
    FullTimeWeek.objects.create(valid_from=datetime.date(2020, 1, 1), hours=Decimal("36"))
    response = client_as("swn_secretariat").post(WEEK, data)
    assert response.status_code == 200
    assert message in html(response)
    assert FullTimeWeek.objects.count() == 1
