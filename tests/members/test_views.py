"""The members back office: list, detail, edit, locations, work types (issue 3)."""

import datetime
import re

import pytest
from django.urls import reverse

from kwaliteitslabel.accounts.models import Role, RoleAssignment
from kwaliteitslabel.members.models import Location, Member, WorkType

from .helpers import location_post, make_extra_members, member_post

pytestmark = pytest.mark.django_db

LIST = reverse("members:member_list")


def detail(member):
    return reverse("members:member_detail", kwargs={"pk": member.pk})


def edit(member):
    return reverse("members:member_edit", kwargs={"pk": member.pk})


def names(response):
    return [m.name for m in response.context["members"]]


# --- the list ------------------------------------------------------------------------


def test_list_shows_members_with_status_and_work_types(client_as, world):
    youth = WorkType.objects.get(name="jeugd- en jongerenwerk")
    world.member_a.work_types.set([youth])
    world.member_b.membership_end = datetime.date(2020, 12, 31)
    world.member_b.save()
    response = client_as("swn_secretariat").get(LIST)
    html = response.content.decode()
    assert names(response) == ["Sociaal Werk West", "Stichting Welzijn Oost"]
    assert "actief lid" in html and "geen lid meer" in html
    assert "jeugd- en jongerenwerk" in html
    assert detail(world.member_a) in html
    assert "Lidorganisatie toevoegen" in html and reverse("members:member_create") in html
    assert "Werksoorten beheren" in html and reverse("members:work_type_list") in html
    # Every filter field is labelled.
    for field_id in ("id_q", "id_status", "id_werksoort"):
        assert f'for="{field_id}"' in html


@pytest.mark.parametrize(
    ("q", "found"),
    [
        ("welzijn", ["Stichting Welzijn Oost"]),  # name, any case
        ("1002", ["Sociaal Werk West"]),  # lidnummer
        ("LEIDEN", ["Sociaal Werk West"]),  # plaats
        ("12345678", ["Stichting Welzijn Oost"]),  # KvK
        ("  oost ", ["Stichting Welzijn Oost"]),  # spaces around the words
        ("onbekend", []),
    ],
)
def test_list_search(client_as, world, q, found):
    response = client_as("swn_adviser").get(LIST, {"q": q})
    assert names(response) == found


def test_list_filters_on_membership_status(client_as, world):
    world.member_b.membership_end = datetime.date(2020, 12, 31)
    world.member_b.save()
    newcomer = make_extra_members(1)[0]
    newcomer.membership_start = None
    newcomer.save()
    client = client_as("swn_secretariat")
    assert names(client.get(LIST, {"status": "actief"})) == ["Stichting Welzijn Oost"]
    assert names(client.get(LIST, {"status": "beeindigd"})) == ["Sociaal Werk West"]
    assert names(client.get(LIST, {"status": "nog_geen_lid"})) == [newcomer.name]
    # Every member falls in exactly one status, the same one the badge shows.
    for member in Member.objects.all():
        key = {"active": "actief", "ended": "beeindigd", "not_yet": "nog_geen_lid"}
        assert (
            names(client.get(LIST, {"status": key[member.membership_status()]})).count(member.name)
            == 1
        )


def test_list_filters_on_work_type_and_combines_with_search(client_as, world):
    youth = WorkType.objects.get(name="jeugd- en jongerenwerk")
    elderly = WorkType.objects.get(name="ouderenwerk")
    world.member_a.work_types.set([youth, elderly])
    world.member_b.work_types.set([elderly])
    client = client_as("swn_secretariat")
    assert names(client.get(LIST, {"werksoort": youth.pk})) == ["Stichting Welzijn Oost"]
    assert names(client.get(LIST, {"werksoort": elderly.pk})) == [
        "Sociaal Werk West",
        "Stichting Welzijn Oost",
    ]
    assert names(client.get(LIST, {"werksoort": elderly.pk, "q": "west"})) == ["Sociaal Werk West"]


def test_list_ignores_filter_values_that_do_not_fit(client_as, world):
    response = client_as("swn_secretariat").get(LIST, {"status": "x", "werksoort": "abc"})
    assert response.status_code == 200
    assert len(names(response)) == 2


def test_list_empty_states_say_what_to_do(client_as, world):
    client = client_as("swn_secretariat")
    html = client.get(LIST, {"q": "bestaat-niet"}).content.decode()
    assert "Geen lidorganisaties gevonden" in html
    Member.objects.all().delete()
    html = client.get(LIST).content.decode()
    assert "Er zijn nog geen lidorganisaties" in html and "Lidorganisatie toevoegen" in html


LIST_QUERIES = 7  # session, user, roles, TOTP check, members, their work types, filter choices


def test_list_query_count_does_not_grow_with_members(client_as, world, django_assert_num_queries):
    client = client_as("swn_secretariat")
    client.get(LIST)  # warm up (session)
    with django_assert_num_queries(LIST_QUERIES):
        assert len(names(client.get(LIST))) == 2
    make_extra_members(15, work_types=WorkType.objects.all()[:3])
    with django_assert_num_queries(LIST_QUERIES):
        assert len(names(client.get(LIST))) == 17
    work_type = WorkType.objects.first().pk
    # One more to check the chosen work type exists.
    with django_assert_num_queries(LIST_QUERIES + 1):
        response = client.get(LIST, {"q": "extra", "status": "actief", "werksoort": work_type})
    assert len(names(response)) == 15


# --- the detail page ---------------------------------------------------------------


def test_detail_shows_everything_about_the_member(client_as, world):
    member = world.member_a
    member.work_types.set([WorkType.objects.get(name="ouderenwerk")])
    Location.objects.create(
        member=member,
        name="Wijkpost Noord",
        street="Noordweg 2",
        postcode="3513 EF",
        city="Utrecht",
    )
    peer = RoleAssignment.objects.get(member=member, role=Role.PEER_AUDITOR)
    peer.trained_on = datetime.date(2025, 3, 4)
    peer.save()
    html = client_as("swn_secretariat").get(detail(member)).content.decode()
    for text in [
        "Stichting Welzijn Oost",
        "1001",
        "actief lid",
        "Lid sinds 1 januari 2015.",
        "Stationsplein 1",
        "3511 AB Utrecht",
        "12345678",
        "https://example.nl",
        "J. de Vries",
        "030 721 0 721",
        "info@1001.example.nl",
        "ouderenwerk",
        "Hoofdkantoor",
        "hoofdlocatie",
        "Wijkpost Noord",
        "nevenlocatie",
        "Demo member_admin",
        "member_admin@example.nl",
        "beheerder lidorganisatie",
        "branchetoetser",
        "training gevolgd op 4 maart 2025",
    ]:
        assert text in html, text
    assert edit(member) in html
    assert reverse("members:location_create", kwargs={"pk": member.pk}) in html
    assert reverse("members:member_history", kwargs={"pk": member.pk}) in html


def test_detail_without_lidnummer_says_so(client_as, world):
    Member.objects.filter(pk=world.member_a.pk).update(member_number=None)
    html = client_as("member_admin").get(detail(world.member_a)).content.decode()
    assert "nog niet toegekend" in html


@pytest.mark.parametrize(
    ("role", "edit_link", "history_link"),
    [("member_admin", True, False), ("professional", False, False), ("swn_adviser", True, True)],
)
def test_detail_links_follow_the_rules(client_as, world, role, edit_link, history_link):
    member = world.member_a
    html = client_as(role).get(detail(member)).content.decode()
    assert (edit(member) in html) is edit_link
    assert (reverse("members:location_create", kwargs={"pk": member.pk}) in html) is edit_link
    assert (reverse("members:member_history", kwargs={"pk": member.pk}) in html) is history_link
    # Only SWN gets the list in the breadcrumb.
    assert (f'href="{LIST}"' in html) is (role == "swn_adviser")


def test_member_admin_gets_404_for_another_member(client_as, world):
    client = client_as("member_admin")
    b = world.member_b
    location = b.locations.get()
    for url in [
        detail(b),
        edit(b),
        reverse("members:location_create", kwargs={"pk": b.pk}),
        reverse("members:location_edit", kwargs={"pk": b.pk, "location_pk": location.pk}),
    ]:
        response = client.get(url)
        assert response.status_code == 404, url
        assert b"Sociaal Werk West" not in response.content
    before = Member.objects.get(pk=b.pk).name
    response = client.post(edit(b), member_post(b, name="Overgenomen"))
    assert response.status_code == 404
    assert Member.objects.get(pk=b.pk).name == before


def test_location_of_another_member_is_404_even_for_swn(client_as, world):
    """A location is looked up within its member: a mixed-up URL shows nothing."""
    url = reverse(
        "members:location_edit",
        kwargs={"pk": world.member_a.pk, "location_pk": world.member_b.locations.get().pk},
    )
    assert client_as("swn_secretariat").get(url).status_code == 404


def test_professional_may_see_but_not_edit_own_member(client_as, world):
    client = client_as("professional")
    assert client.get(detail(world.member_a)).status_code == 200
    assert client.get(edit(world.member_a)).status_code == 403
    response = client.post(edit(world.member_a), member_post(world.member_a, name="Anders"))
    assert response.status_code == 403
    assert Member.objects.get(pk=world.member_a.pk).name == "Stichting Welzijn Oost"


DETAIL_QUERIES = 8  # session, user, roles, member, locations, work types, people, TOTP check


def test_detail_query_count_is_fixed(client_as, world, django_assert_num_queries):
    member = world.member_a
    client = client_as("swn_secretariat")
    client.get(detail(member))
    with django_assert_num_queries(DETAIL_QUERIES):
        client.get(detail(member))
    make_extra_members(10)
    member.work_types.set(WorkType.objects.all()[:5])
    for i in range(5):
        Location.objects.create(
            member=member, name=f"Post {i}", street="Weg 1", postcode="3511 AB", city="Utrecht"
        )
    for user in world.users.values():
        if not RoleAssignment.objects.filter(user=user, member=member).exists():
            RoleAssignment.objects.create(user=user, role=Role.PROFESSIONAL, member=member)
    with django_assert_num_queries(DETAIL_QUERIES):
        response = client.get(detail(member))
    assert len(response.context["people"]) == len(world.users)


# --- creating and editing a member -------------------------------------------------


def test_swn_creates_a_member(client_as, world):
    client = client_as("swn_secretariat")
    youth = WorkType.objects.get(name="jeugd- en jongerenwerk")
    data = {
        "name": "Welzijn Noord",
        "member_number": "1003",
        "membership_start": "2024-01-01",
        "membership_end": "",
        "kvk_number": "11112222",
        "street": "Noordplein 3",
        "postcode": "9711ab",
        "city": "Groningen",
        "website": "welzijnnoord.nl",
        "contact_person": "P. Bakker",
        "phone": "050 123 4567",
        "email": "info@welzijnnoord.nl",
        "work_types": [youth.pk],
    }
    response = client.post(reverse("members:member_create"), data, follow=True)
    member = Member.objects.get(name="Welzijn Noord")
    assert response.redirect_chain[-1][0] == detail(member)
    assert "Opgeslagen." in response.content.decode()
    assert member.member_number == "1003"
    assert member.postcode == "9711 AB"
    assert member.website == "https://welzijnnoord.nl"
    assert list(member.work_types.all()) == [youth]
    assert member.history.first().history_user == world.users["swn_secretariat"]


def test_member_form_shows_work_types_as_checkboxes(client_as, world):
    html = client_as("swn_secretariat").get(reverse("members:member_create")).content.decode()
    assert html.count('type="checkbox" name="work_types"') == WorkType.objects.count()
    assert 'name="member_number"' in html


def test_member_admin_edits_own_member_but_not_the_lidnummer(client_as, world):
    client = client_as("member_admin")
    member = world.member_a
    html = client.get(edit(member)).content.decode()
    assert 'name="member_number"' not in html
    assert 'name="membership_start"' not in html and 'name="membership_end"' not in html
    assert 'name="kvk_number"' in html
    data = member_post(member, name="Stichting Welzijn Oost-Utrecht", phone="030 111 2222")
    data.update(member_number="9999", membership_start="2001-01-01", membership_end="2001-12-31")
    response = client.post(edit(member), data)
    assert response.status_code == 302 and response["Location"] == detail(member)
    member.refresh_from_db()
    assert member.name == "Stichting Welzijn Oost-Utrecht"
    assert member.phone == "030 111 2222"
    assert member.member_number == "1001"
    assert member.membership_start == datetime.date(2015, 1, 1)
    assert member.membership_end is None
    assert member.version == 2


def test_swn_sets_the_lidnummer_and_membership_end(client_as, world):
    member = world.member_a
    data = member_post(member, member_number="2001", membership_end="2026-11-22")
    response = client_as("swn_secretariat").post(edit(member), data, follow=True)
    assert "Opgeslagen." in response.content.decode()
    member.refresh_from_db()
    assert member.member_number == "2001"
    assert member.membership_end == datetime.date(2026, 11, 22)


def test_swn_may_clear_the_lidnummer(client_as, world):
    member = world.member_a
    client_as("swn_secretariat").post(edit(member), member_post(member, member_number=""))
    member.refresh_from_db()
    assert member.member_number is None


def _assert_refused(response, field, message, member, snapshot):
    assert response.status_code == 200
    form = response.context["form"]
    assert message in " ".join(form.errors.get(field, [])), form.errors
    assert message in response.content.decode()
    current = Member.objects.get(pk=member.pk)
    assert {f: getattr(current, f) for f in snapshot} == snapshot
    assert current.version == member.version


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"kvk_number": "1234567a"}, "kvk_number", "Een KvK-nummer bestaat uit precies 8 cijfers"),
        ({"kvk_number": "1234567"}, "kvk_number", "Een KvK-nummer bestaat uit precies 8 cijfers"),
        (
            {"member_number": "1002"},
            "member_number",
            "Dit lidnummer is al in gebruik bij Sociaal Werk West.",
        ),
        (
            {"membership_start": "2020-01-01", "membership_end": "2019-12-31"},
            "membership_end",
            "ligt vóór de datum ‘lid sinds’",
        ),
        ({"postcode": "ABCD 12"}, "postcode", "Vul een Nederlandse postcode in"),
        ({"phone": "12"}, "phone", "Vul een telefoonnummer in"),
    ],
)
def test_bad_member_input_names_the_field_and_changes_nothing(
    client_as, world, change, field, message
):
    member = world.member_a
    snapshot = {
        f: getattr(member, f)
        for f in ("name", "kvk_number", "member_number", "membership_start", "membership_end")
    }
    data = member_post(member, name="Nieuwe naam", **change)
    response = client_as("swn_secretariat").post(edit(member), data)
    _assert_refused(response, field, message, member, snapshot)
    # The heading still shows the stored name, not the refused input.
    assert "Gegevens van Stichting Welzijn Oost wijzigen" in response.content.decode()


def test_duplicate_lidnummer_on_create_is_a_field_error(client_as, world):
    data = member_post(world.member_b, name="Kopie", member_number="1001")
    del data["loaded_version"]
    count = Member.objects.count()
    response = client_as("swn_secretariat").post(reverse("members:member_create"), data)
    assert response.status_code == 200
    assert response.context["form"].errors["member_number"] == [
        "Dit lidnummer is al in gebruik bij Stichting Welzijn Oost."
    ]
    assert Member.objects.count() == count


def test_stale_edit_is_refused_and_keeps_the_other_change(client_as, world):
    """Two people open the form; the second to save is told, and changes nothing."""
    member = world.member_a
    admin = client_as("member_admin")
    html = admin.get(edit(member)).content.decode()
    loaded = re.search(r'name="loaded_version" value="(\d+)"', html).group(1)
    assert loaded == "1"
    stale_data = member_post(member, contact_person="Beheerder", loaded_version=loaded)

    # Meanwhile the secretariat changes the member.
    secretariat = client_as("swn_secretariat")
    response = secretariat.post(edit(member), member_post(member, contact_person="Secretariaat"))
    assert response.status_code == 302

    admin = client_as("member_admin")
    response = admin.post(edit(member), stale_data)
    assert response.status_code == 409
    assert "Iemand anders heeft deze gegevens intussen gewijzigd" in response.content.decode()
    member.refresh_from_db()
    assert member.contact_person == "Secretariaat"
    assert member.version == 2


# --- locations ---------------------------------------------------------------------


def test_add_location_normalises_the_postcode(client_as, world):
    member = world.member_a
    url = reverse("members:location_create", kwargs={"pk": member.pk})
    response = client_as("member_admin").post(url, location_post(postcode="3512cd"), follow=True)
    assert "Opgeslagen." in response.content.decode()
    location = member.locations.get(name="Buurtcentrum De Brug")
    assert location.postcode == "3512 CD"
    assert not location.is_main


def test_second_main_location_is_refused_with_a_clear_message(client_as, world):
    member = world.member_a
    url = reverse("members:location_create", kwargs={"pk": member.pk})
    count = Location.objects.count()
    response = client_as("member_admin").post(url, location_post(is_main="on"))
    assert response.status_code == 200
    message = "Hoofdkantoor is al de hoofdlocatie. Maak eerst die locatie geen hoofdlocatie meer."
    assert response.context["form"].errors["is_main"] == [message]
    assert message in response.content.decode()
    assert Location.objects.count() == count


def test_moving_the_main_location(client_as, world):
    member = world.member_a
    client = client_as("member_admin")
    main = member.locations.get()
    other = Location.objects.create(
        member=member, name="Wijkpost", street="Weg 2", postcode="3511 AB", city="Utrecht"
    )
    other_url = reverse("members:location_edit", kwargs={"pk": member.pk, "location_pk": other.pk})
    # Refused while the old one is still the main location...
    response = client.post(other_url, location_post(other, is_main="on"))
    assert "is_main" in response.context["form"].errors
    other.refresh_from_db()
    assert not other.is_main
    # ...and fine once it is not.
    main_url = reverse("members:location_edit", kwargs={"pk": member.pk, "location_pk": main.pk})
    assert client.post(main_url, location_post(main, is_main="")).status_code == 302
    assert client.post(other_url, location_post(other, is_main="on")).status_code == 302
    assert member.locations.get(is_main=True) == other


def test_editing_the_main_location_keeps_it_main(client_as, world):
    member = world.member_a
    main = member.locations.get()
    url = reverse("members:location_edit", kwargs={"pk": member.pk, "location_pk": main.pk})
    response = client_as("swn_secretariat").post(url, location_post(main, name="Centrale"))
    assert response.status_code == 302
    main.refresh_from_db()
    assert main.name == "Centrale" and main.is_main


# --- work types ------------------------------------------------------------------


def test_work_type_list_counts_members_and_adds_one(client_as, world):
    elderly = WorkType.objects.get(name="ouderenwerk")
    world.member_a.work_types.set([elderly])
    world.member_b.work_types.set([elderly])
    client = client_as("swn_secretariat")
    response = client.get(reverse("members:work_type_list"))
    counts = {wt.name: wt.member_count for wt in response.context["work_types"]}
    assert counts["ouderenwerk"] == 2 and counts["kinderwerk"] == 0
    response = client.post(
        reverse("members:work_type_list"), {"name": "  armoedebestrijding "}, follow=True
    )
    assert "Opgeslagen." in response.content.decode()
    added = WorkType.objects.get(name="armoedebestrijding")
    assert added.position == max(WorkType.objects.values_list("position", flat=True))


@pytest.mark.parametrize("name", ["ouderenwerk", "OUDERENWERK"])
def test_duplicate_work_type_is_a_field_error(client_as, world, name):
    count = WorkType.objects.count()
    response = client_as("swn_secretariat").post(reverse("members:work_type_list"), {"name": name})
    assert response.status_code == 200
    assert response.context["form"].errors["name"] == [
        "Er is al een werksoort ‘ouderenwerk’. Kies een andere naam."
    ]
    assert WorkType.objects.count() == count


def test_rename_work_type(client_as, world):
    wt = WorkType.objects.get(name="kinderwerk")
    url = reverse("members:work_type_edit", kwargs={"pk": wt.pk})
    client = client_as("swn_adviser")
    response = client.post(url, {"name": "ouderenwerk"})
    assert "name" in response.context["form"].errors
    assert "Werksoort kinderwerk wijzigen" in response.content.decode()
    wt.refresh_from_db()
    assert wt.name == "kinderwerk"
    assert client.post(url, {"name": "Kinderwerk"}).status_code == 302  # its own name, new case
    assert client.post(url, {"name": "kinder- en tienerwerk"}).status_code == 302
    wt.refresh_from_db()
    assert wt.name == "kinder- en tienerwerk"


@pytest.mark.parametrize(
    ("start", "end", "badge", "text"),
    [
        (datetime.date(2015, 1, 1), None, "actief lid", "Lid sinds 1 januari 2015."),
        (
            datetime.date(2015, 1, 1),
            datetime.date(2020, 12, 31),
            "geen lid meer",
            "Was lid van 1 januari 2015 tot en met 31 december 2020.",
        ),
        (None, None, "nog geen lid", "SWN heeft nog geen begindatum vastgelegd."),
        (datetime.date(2999, 1, 1), None, "nog geen lid", "Lid vanaf 1 januari 2999."),
    ],
)
def test_detail_says_how_long_the_membership_runs(client_as, world, start, end, badge, text):
    Member.objects.filter(pk=world.member_a.pk).update(membership_start=start, membership_end=end)
    html = client_as("member_admin").get(detail(world.member_a)).content.decode()
    assert badge in html and text in html
