"""The public Kwaliteitsregister, its open-data exports and the verification of a
certificate, on the page and in the API (issue 9 items 3-4; Bijlage 6 stap 9c en 17)."""

import csv
import datetime
import io
import itertools

import pytest
import time_machine
from django.urls import reverse

from kwaliteitslabel.certificates import register, status
from kwaliteitslabel.certificates.models import Certificate
from kwaliteitslabel.common.dates import add_months
from kwaliteitslabel.members.forms import MemberForm
from kwaliteitslabel.members.models import Member, Province
from tests.audits.helpers import ELDERLY, SOCIAL, work_type
from tests.world import make_member

from .helpers import make_certificate, moment, re_audit

D = datetime.date
DAY = datetime.timedelta(days=1)
TODAY = D(2026, 5, 1)
REGISTER = "/register/"
_numbers = itertools.count(2001)


@pytest.fixture(autouse=True)
def today():
    """Every test here runs on 1 May 2026, noon in Amsterdam."""
    with time_machine.travel(moment(TODAY), tick=False):
        yield TODAY


def member(name, city="Utrecht", province=""):
    n = next(_numbers)
    m = make_member(name, str(n), f"{n:08d}", city=city)
    if province:
        Member.objects.filter(pk=m.pk).update(province=province)
        m.refresh_from_db()
    return m


def numbers(entries) -> list[str]:
    return [c.number for c in entries]


def page_numbers(client, **params) -> list[str]:
    response = client.get(REGISTER, params)
    assert response.status_code == 200
    return [c.number for c, _ in response.context["entries"]]


# --- The register: who is in it --------------------------------------------------------------


def test_every_member_with_a_valid_certificate_once_ordered_by_name(world):
    b = make_certificate(world, D(2025, 9, 1), member=world.member_b)  # Sociaal Werk West
    a = make_certificate(world, D(2025, 3, 1), member=world.member_a)  # Stichting Welzijn Oost
    assert numbers(register.entries()) == [b.number, a.number]


def test_search_by_name_or_town_and_filter_by_town(world):
    a = make_certificate(world, D(2025, 3, 1), member=world.member_a)  # Utrecht
    b = make_certificate(world, D(2025, 3, 1), member=world.member_b)  # Leiden
    F = register.RegisterFilter
    assert numbers(register.entries(F(q="welzijn"))) == [a.number]
    assert numbers(register.entries(F(q="LEIDEN"))) == [b.number]  # q also reads the town
    assert numbers(register.entries(F(q="sociaal"))) == [b.number]
    assert numbers(register.entries(F(town="leiden"))) == [b.number]
    assert numbers(register.entries(F(town="Lei"))) == []  # the town whole, not a part
    assert numbers(register.entries(F(q="Amsterdam"))) == []


def test_filter_by_work_type_id_or_name_and_by_province(world):
    a = make_certificate(world, D(2025, 3, 1), member=world.member_a, work_types=(SOCIAL,))
    b = make_certificate(world, D(2025, 3, 1), member=world.member_b, work_types=(SOCIAL, ELDERLY))
    Member.objects.filter(pk=world.member_b.pk).update(province=Province.ZUID_HOLLAND)
    F = register.RegisterFilter
    assert numbers(register.entries(F(work_type=work_type(ELDERLY).pk))) == [b.number]
    assert numbers(register.entries(F(work_type="Ouderenwerk"))) == [b.number]
    assert numbers(register.entries(F(work_type=str(work_type(SOCIAL).pk)))) == [
        b.number,
        a.number,
    ]
    assert numbers(register.entries(F(province="zuid-holland"))) == [b.number]
    assert numbers(register.entries(F(province="utrecht"))) == []


def test_the_page_filters_the_same_way(client, world):
    a = make_certificate(world, D(2025, 3, 1), member=world.member_a, work_types=(SOCIAL,))
    b = make_certificate(world, D(2025, 3, 1), member=world.member_b, work_types=(SOCIAL, ELDERLY))
    Member.objects.filter(pk=world.member_b.pk).update(province=Province.ZUID_HOLLAND)
    assert page_numbers(client) == [b.number, a.number]
    assert page_numbers(client, q="oost") == [a.number]
    assert page_numbers(client, plaats="Leiden") == [b.number]
    assert page_numbers(client, werksoort=work_type(ELDERLY).pk) == [b.number]
    assert page_numbers(client, provincie="zuid-holland") == [b.number]
    # A value that no longer fits (an old link) is left out; the rest is kept.
    assert page_numbers(client, q="oost", werksoort="999999", provincie="atlantis") == [a.number]


def test_suspended_lapsed_and_pending_certificates_are_not_listed(world):
    valid = make_certificate(world, D(2025, 3, 1), member=member("Geldig"))
    make_certificate(world, D(2024, 1, 1), member=member("Vervallen"))  # expired 1 Jan 2026
    suspended = member("Opgeschort")
    make_certificate(world, D(2024, 3, 1), member=suspended)  # expired 1 March 2026
    re_audit(world, D(2025, 12, 1), member=suspended, events={"accepted": D(2025, 12, 5)})
    route_c = member("Route c")
    make_certificate(world, D(2025, 3, 1), member=route_c)
    re_audit(
        world,
        D(2026, 1, 10),
        member=route_c,
        route="c",
        events={"started": D(2026, 2, 1), "plan_due": D(2026, 4, 1)},
    )
    make_certificate(world, D(2026, 6, 1), member=member("Nog niet"))
    assert numbers(register.entries()) == [valid.number]


def test_a_superseded_certificate_is_not_listed_beside_its_successor(world):
    renewed = member("Verlengd")
    old = make_certificate(world, D(2024, 5, 1), member=renewed)  # expires today
    new = make_certificate(
        world, D(2026, 5, 1), member=renewed, previous=old, issued_on=D(2026, 4, 1)
    )
    wider = member("Uitgebreid")
    narrow = make_certificate(world, D(2025, 3, 1), member=wider)
    broad = make_certificate(
        world,
        D(2026, 2, 1),
        member=wider,
        previous=narrow,
        valid_until=D(2027, 3, 1),
        work_types=(SOCIAL, ELDERLY),
    )
    assert numbers(register.entries()) == [broad.number, new.number]


def test_a_renewal_issued_ahead_keeps_the_old_certificate_listed_until_it_joins(world):
    old = make_certificate(world, D(2024, 6, 1))  # expires 1 June 2026
    make_certificate(world, D(2026, 6, 1), previous=old, issued_on=D(2026, 4, 20))
    assert numbers(register.entries()) == [old.number]


def test_two_unlinked_valid_certificates_give_one_entry_the_latest(world):
    make_certificate(world, D(2025, 3, 1), work_types=(SOCIAL,))
    later = make_certificate(world, D(2025, 9, 1), work_types=(ELDERLY,))
    assert numbers(register.entries()) == [later.number]


def test_the_page_shows_scope_body_valid_until_and_extern_getoetst(client, world):
    make_certificate(world, D(2025, 3, 1), work_types=(SOCIAL, ELDERLY))
    html = client.get(REGISTER).content.decode()
    assert "Stichting Welzijn Oost" in html
    assert "Hele organisatie: maatschappelijk werk, ouderenwerk" in html
    assert "Certificatie-instelling X" in html
    assert "1 maart 2027" in html
    assert "extern getoetst" in html
    assert reverse("certificates:verify", args=["KSSW-2025-0001"]) in html
    assert "1 organisatie met een geldig certificaat" in html


def test_empty_states_explain(client, world):
    html = client.get(REGISTER).content.decode()
    assert "Er staat nog geen organisatie in het register" in html
    make_certificate(world, D(2025, 3, 1))
    html = client.get(REGISTER, {"q": "bestaat niet"}).content.decode()
    assert "Geen organisatie met een geldig certificaat past bij uw zoekopdracht" in html


def test_the_page_is_paginated(client, world):
    for i in range(27):
        make_certificate(world, D(2025, 3, 1), member=member(f"Organisatie {i:02d}"))
    first = client.get(REGISTER)
    assert len(first.context["entries"]) == 25
    html = first.content.decode()
    assert "27 organisaties" in html and "Pagina 1 van 2" in html and "pagina=2" in html
    second = client.get(REGISTER, {"pagina": 2, "q": "organisatie"})
    assert len(second.context["entries"]) == 2
    assert "q=organisatie&amp;pagina=1" in second.content.decode()


# --- Open data ---------------------------------------------------------------------------


def _setup_three(world):
    make_certificate(world, D(2025, 3, 1), member=world.member_a, work_types=(SOCIAL,))
    make_certificate(world, D(2025, 3, 1), member=world.member_b, work_types=(SOCIAL, ELDERLY))
    make_certificate(world, D(2025, 4, 1), member=member("Welzijn Noord", city="Leiden"))
    make_certificate(world, D(2024, 1, 1), member=member("Vervallen"))


@pytest.mark.parametrize(
    "params", [{}, {"q": "welzijn"}, {"plaats": "Leiden"}, {"werksoort": "ELDERLY"}]
)
def test_exports_hold_the_same_rows_as_the_page(client, world, params):
    _setup_three(world)
    if params.get("werksoort"):
        params = {"werksoort": work_type(ELDERLY).pk}
    on_page = page_numbers(client, **params)
    assert on_page
    response = client.get(reverse("certificates:register_csv"), params)
    assert response["Content-Type"].startswith("text/csv")
    text = response.content.decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [r["certificaatnummer"] for r in rows] == on_page
    data = client.get(reverse("certificates:register_json"), params).json()
    assert [e["number"] for e in data["entries"]] == on_page
    assert data["count"] == len(on_page) and data["date"] == "2026-05-01"


def test_the_export_rows_name_everything_an_entry_shows(client, world):
    make_certificate(world, D(2025, 3, 1), work_types=(SOCIAL, ELDERLY))
    Member.objects.filter(pk=world.member_a.pk).update(province=Province.UTRECHT)
    text = client.get(reverse("certificates:register_csv")).content.decode("utf-8-sig")
    row = next(csv.DictReader(io.StringIO(text)))
    assert row == {
        "certificaatnummer": "KSSW-2025-0001",
        "organisatie": "Stichting Welzijn Oost",
        "plaats": "Utrecht",
        "provincie": "Utrecht",
        "werksoorten": "maatschappelijk werk; ouderenwerk",
        "hele organisatie": "ja",
        "normenkader": "2019",
        "certificerende instelling": "Certificatie-instelling X",
        "certificeringsdatum": "2025-03-01",
        "geldig tot": "2027-03-01",
        "extern getoetst": "ja",
        "controle": "http://127.0.0.1:8000/c/KSSW-2025-0001/",
    }


# --- Verification: page and API ------------------------------------------------------------


def _one_of_each(world) -> dict[str, Certificate]:
    """A certificate in each status on TODAY."""
    found = {"valid": make_certificate(world, D(2025, 3, 1), member=member("Geldig"))}
    found["pending"] = make_certificate(world, D(2026, 6, 1), member=member("Nog niet"))
    suspended = member("Opgeschort")
    found["suspended"] = make_certificate(world, D(2024, 3, 1), member=suspended)
    re_audit(world, D(2025, 12, 1), member=suspended, events={"accepted": D(2025, 12, 5)})
    found["lapsed"] = make_certificate(world, D(2024, 1, 1), member=member("Vervallen"))
    renewed = member("Vervangen")
    found["superseded"] = old = make_certificate(world, D(2024, 4, 1), member=renewed)
    found["successor"] = make_certificate(world, D(2026, 4, 1), member=renewed, previous=old)
    return found


def test_the_api_answers_each_status_with_exactly_the_documented_fields(client, world):
    found = _one_of_each(world)
    for state in ("valid", "pending", "suspended", "lapsed", "superseded"):
        certificate = found[state]
        data = client.get(f"/api/v1/certificates/{certificate.number}").json()
        assert data == {
            "number": certificate.number,
            "member": certificate.member.name,
            "scope": ["maatschappelijk werk"],
            "framework": "2019",
            "body": "Certificatie-instelling X",
            "valid_from": certificate.valid_from.isoformat(),
            "valid_until": certificate.valid_until.isoformat(),
            "status": state,
        }


@pytest.mark.parametrize(
    ("state", "words"),
    [
        ("valid", ["geldig", "mag naar het label verwijzen", "extern getoetst"]),
        ("pending", ["nog niet ingegaan", "1 juni 2026"]),
        ("suspended", ["opgeschort", "mag de organisatie niet naar het kwaliteitslabel"]),
        ("lapsed", ["vervallen", "uit het Kwaliteitsregister gehaald"]),
        ("superseded", ["vervangen", "Vervangen door"]),
    ],
)
def test_the_page_names_each_status_in_words_with_a_badge(client, world, state, words):
    found = _one_of_each(world)
    certificate = found[state]
    response = client.get(reverse("certificates:verify", args=[certificate.number]))
    assert response.status_code == 200 and response.context["state"] == state
    html = response.content.decode()
    assert f">{status.LABELS[state]}</span>" in html  # the badge carries the word
    for word in words:
        assert word in html
    for fact in (
        "Normenkader 2019",
        "Certificatie-instelling X",
        "Utrecht",
        "Status op 1 mei 2026",
    ):
        assert fact in html
    if state == "superseded":
        successor = found["successor"].number
        assert reverse("certificates:verify", args=[successor]) in html


def test_an_unknown_number_answers_404(client, world):
    response = client.get(reverse("certificates:verify", args=["KSSW-2026-9999"]))
    assert response.status_code == 404
    assert "Er is geen certificaat met nummer KSSW-2026-9999" in response.content.decode()
    api = client.get("/api/v1/certificates/KSSW-2026-9999")
    assert api.status_code == 404
    assert api.json() == {"detail": "Er is geen certificaat met nummer KSSW-2026-9999."}


@pytest.mark.parametrize("number", ["KSSW-26-1", "12345", "KSSW-2026-0007-x", "K<b>-2026-0001"])
def test_a_malformed_number_answers_400_naming_it(client, world, number):
    response = client.get(reverse("certificates:verify", args=[number]))
    assert response.status_code == 400
    html = response.content.decode()
    assert "is geen certificaatnummer" in html and "KSSW-2026-0007" in html
    assert "<b>" not in html.split("<main")[1]  # escaped, not rendered
    api = client.get(f"/api/v1/certificates/{number}")
    assert api.status_code == 400
    assert api.json()["detail"].startswith(f"‘{number}’ is geen certificaatnummer")


def test_a_lower_case_number_on_the_page_goes_to_the_right_one(client, world):
    make_certificate(world, D(2025, 3, 1), number="KSSW-2025-0001")
    response = client.get("/c/kssw-2025-0001/?date=2025-06-01")
    assert response.status_code == 302
    assert response["Location"] == "/c/KSSW-2025-0001/?date=2025-06-01"


@pytest.mark.parametrize("day", ["2026-13-01", "gisteren", "2026-3-1", "01-03-2026"])
def test_a_malformed_date_answers_400_naming_it(client, world, day):
    make_certificate(world, D(2025, 3, 1), number="KSSW-2025-0001")
    before = list(Certificate.objects.values())
    response = client.get("/c/KSSW-2025-0001/", {"date": day})
    assert response.status_code == 400
    html = response.content.decode()
    assert f"‘{day}’ is geen datum" in html and 'aria-invalid="true"' in html
    api = client.get("/api/v1/certificates/KSSW-2025-0001", {"date": day})
    assert api.status_code == 400
    assert api.json() == {
        "detail": f"‘{day}’ is geen datum. Gebruik de vorm JJJJ-MM-DD, zoals 2027-03-01."
    }
    assert list(Certificate.objects.values()) == before  # nothing changed


def test_the_check_form_goes_to_the_verification_page_or_says_what_is_wrong(client, world):
    response = client.get(REGISTER, {"nummer": " kssw-2025-0001 "})
    assert response.status_code == 302 and response["Location"] == "/c/KSSW-2025-0001/"
    wrong = client.get(REGISTER, {"nummer": "2025-1"})
    assert wrong.status_code == 400
    html = wrong.content.decode()
    assert "‘2025-1’ is geen certificaatnummer" in html
    assert 'aria-describedby="id_nummer_helptext id_nummer_error"' in html


# --- The status the day before, on and after each boundary, via ?date= -----------------------

FROM, UNTIL = D(2025, 3, 1), D(2027, 3, 1)
LIMIT = add_months(UNTIL, 6)  # Bijlage 6 stap 17-2: the end of the suspension period


def _expiry(world):
    return {"cert": make_certificate(world, FROM)}


def _suspension(world):
    cert = make_certificate(world, FROM)
    re_audit(world, D(2026, 10, 1), events={"accepted": D(2026, 10, 5)})
    return {"cert": cert}


def _renewal(world):
    old = make_certificate(world, FROM)
    audit = re_audit(world, D(2026, 10, 1), events={"accepted": D(2026, 10, 5)})
    new = make_certificate(world, UNTIL, previous=old, audit=audit, issued_on=D(2027, 2, 1))
    return {"cert": old, "new": new}


BOUNDARIES = [
    (_expiry, "cert", FROM, ("pending", "valid", "valid")),
    (_expiry, "cert", UNTIL, ("valid", "lapsed", "lapsed")),
    (_suspension, "cert", UNTIL, ("valid", "suspended", "suspended")),
    (_suspension, "cert", LIMIT, ("suspended", "lapsed", "lapsed")),
    (_renewal, "cert", UNTIL, ("valid", "superseded", "superseded")),
    (_renewal, "new", UNTIL, ("pending", "valid", "valid")),
]


@pytest.mark.parametrize(
    ("build", "which", "boundary", "expected"),
    BOUNDARIES,
    ids=[f"{b[0].__name__[1:]}-{b[1]}-{b[2]}" for b in BOUNDARIES],
)
def test_the_status_around_each_boundary(client, world, build, which, boundary, expected):
    certificate = build(world)[which]
    for day, state in zip((boundary - DAY, boundary, boundary + DAY), expected, strict=True):
        api = client.get(f"/api/v1/certificates/{certificate.number}", {"date": day.isoformat()})
        assert api.status_code == 200 and api.json()["status"] == state, (day, api.json())
        page = client.get(f"/c/{certificate.number}/", {"date": day.isoformat()})
        assert page.context["state"] == state, day
        assert status.status(certificate, day) == state


def test_the_status_is_computed_for_today_by_default(client, world):
    certificate = make_certificate(world, D(2024, 5, 2))  # expires tomorrow
    assert client.get(f"/api/v1/certificates/{certificate.number}").json()["status"] == "valid"
    with time_machine.travel(moment(D(2026, 5, 2)), tick=False):
        data = client.get(f"/api/v1/certificates/{certificate.number}").json()
        assert data["status"] == "lapsed"  # nothing stored went stale


# --- valid_q agrees with status.statuses -----------------------------------------------------


def _scenarios(world) -> dict[str, Certificate]:
    """Certificates of separate members in the lifecycle's situations on TODAY."""
    c = {}

    def cert(key, valid_from, **kwargs):
        kwargs.setdefault("member", member(key))
        c[key] = make_certificate(world, valid_from, **kwargs)
        return c[key]

    cert("valid", D(2025, 3, 1))
    cert("pending", D(2026, 6, 1))
    cert("issued later", D(2026, 4, 1), issued_on=D(2026, 5, 2))
    cert("issued today", D(2026, 4, 1), issued_on=TODAY)
    cert("starts today", TODAY)
    cert("expires today", D(2024, 5, 1))
    cert("expires tomorrow", D(2024, 5, 2))
    m = cert("suspended after expiry", D(2024, 3, 1)).member
    re_audit(world, D(2025, 12, 1), member=m, events={"accepted": D(2025, 12, 5)})
    m = cert("past the suspension period", D(2023, 10, 1)).member
    re_audit(world, D(2025, 9, 1), member=m, events={"accepted": D(2025, 9, 5)})
    m = cert("positive within the period", D(2023, 10, 1)).member
    re_audit(
        world,
        D(2025, 9, 1),
        member=m,
        events={"accepted": D(2025, 9, 5), "advice_positive": D(2026, 3, 1)},
    )
    m = cert("re-audit negative", D(2024, 3, 1)).member
    re_audit(
        world,
        D(2025, 12, 1),
        member=m,
        events={"accepted": D(2025, 12, 5), "advice_negative": D(2026, 4, 1)},
    )
    m = cert("running re-audit before expiry", D(2025, 3, 1)).member
    re_audit(world, D(2026, 3, 1), member=m, events={"accepted": D(2026, 3, 5)})
    m = cert("route c", D(2025, 3, 1)).member
    re_audit(world, D(2026, 1, 1), member=m, route="c", events={"plan_due": D(2026, 3, 1)})
    m = cert("route c follow-up", D(2025, 3, 1)).member
    re_audit(
        world,
        D(2026, 1, 1),
        member=m,
        route="c",
        events={"plan_due": D(2026, 3, 1), "follow_up": D(2026, 4, 1)},
    )
    m = cert("route c negative", D(2025, 3, 1)).member
    re_audit(
        world,
        D(2026, 1, 1),
        member=m,
        route="c",
        events={"plan_due": D(2026, 3, 1), "advice_negative": D(2026, 4, 1)},
    )
    m = cert("route c before this certificate", D(2025, 3, 1)).member
    re_audit(world, D(2025, 1, 1), member=m, route="c", events={"plan_due": D(2025, 2, 1)})
    m = cert("route a", D(2025, 3, 1)).member
    re_audit(world, D(2026, 1, 1), member=m, route="a", events={"advice_positive": D(2026, 3, 1)})
    old = cert("renewed", D(2024, 5, 1))
    cert("renewal", TODAY, member=old.member, previous=old, issued_on=D(2026, 4, 1))
    old = cert("renewal ahead: old", D(2024, 6, 1))
    cert("renewal ahead: new", D(2026, 6, 1), member=old.member, previous=old, issued_on=TODAY)
    old = cert("widened", D(2025, 3, 1))
    cert("wider", D(2026, 2, 1), member=old.member, previous=old, valid_until=D(2027, 3, 1))
    old = cert("widening tomorrow", D(2025, 3, 1))
    cert(
        "wider tomorrow",
        D(2026, 5, 2),
        member=old.member,
        previous=old,
        valid_until=D(2027, 3, 1),
        issued_on=TODAY,
    )
    return c


def test_valid_q_agrees_with_statuses_on_the_lifecycle_scenarios(world):
    certificates = _scenarios(world)
    derived = status.statuses(Certificate.objects.all(), TODAY)
    in_sql = set(Certificate.objects.filter(status.valid_q(TODAY)).values_list("pk", flat=True))
    disagree = {
        key: derived[c.pk]
        for key, c in certificates.items()
        if (c.pk in in_sql) != (derived[c.pk] == "valid")
    }
    assert not disagree
    # The scenarios cover every status, so the agreement means something.
    assert set(derived.values()) == {"valid", "pending", "suspended", "lapsed", "superseded"}


# --- Queries do not grow with the entries ----------------------------------------------------


def _entries(world, count):
    for i in range(count):
        m = member(f"Organisatie {i:02d}", province=Province.GELDERLAND)
        make_certificate(world, D(2025, 3, 1), member=m, work_types=(SOCIAL, ELDERLY))
        re_audit(world, D(2026, 3, 1), member=m, events={"accepted": D(2026, 3, 5)})


@pytest.mark.parametrize("count", [2, 12])
def test_the_register_page_takes_the_same_queries_for_2_and_12_entries(
    client, world, django_assert_num_queries, count
):
    _entries(world, count)
    # towns, work types (filter), count, entries, their work types
    with django_assert_num_queries(5):
        response = client.get(REGISTER, {"provincie": "gelderland"})
    assert len(response.context["entries"]) == count


@pytest.mark.parametrize("count", [2, 12])
def test_the_register_api_and_exports_take_the_same_queries_for_2_and_12_entries(
    client, world, django_assert_num_queries, count
):
    _entries(world, count)
    with django_assert_num_queries(3):  # count, entries, their work types
        data = client.get("/api/v1/register", {"province": "gelderland"}).json()
    assert data["count"] == count
    with django_assert_num_queries(3):  # towns (for the filter form), entries, work types
        client.get(reverse("certificates:register_json"))
    with django_assert_num_queries(3):
        client.get(reverse("certificates:register_csv"))


@pytest.mark.parametrize(("with_re_audit", "queries"), [(False, 3), (True, 4)])
def test_a_first_verification_takes_three_queries_and_one_for_re_audits(
    client, world, django_assert_num_queries, with_re_audit, queries
):
    certificate = make_certificate(world, D(2025, 3, 1), work_types=(SOCIAL, ELDERLY))
    if with_re_audit:
        events = {"accepted": D(2026, 3, 5)}
        re_audit(world, D(2026, 3, 1), member=certificate.member, events=events)
    # the member the answer is kept under (public_cache); the certificate with its successor
    # and whether there are re-audits; its work types; the re-audits when there are some
    with django_assert_num_queries(queries):
        data = client.get(f"/api/v1/certificates/{certificate.number}").json()
    assert data["status"] == "valid" and len(data["scope"]) == 2
    with django_assert_num_queries(queries - 1):  # the member is known in the process by now
        assert client.get(f"/c/{certificate.number}/").context["state"] == "valid"


# --- The register in the API ---------------------------------------------------------------


def test_the_api_register_filters_and_pages(client, world):
    _setup_three(world)
    every = client.get("/api/v1/register").json()
    assert every["count"] == 3 and every["pages"] == 1 and every["page"] == 1
    assert [e["member"] for e in every["results"]] == [
        "Sociaal Werk West",
        "Stichting Welzijn Oost",
        "Welzijn Noord",
    ]
    entry = every["results"][0]
    assert entry["scope"] == ["maatschappelijk werk", "ouderenwerk"]
    assert entry["externally_audited"] is True and entry["valid_until"] == "2027-03-01"
    get = lambda **p: [e["member"] for e in client.get("/api/v1/register", p).json()["results"]]  # noqa: E731
    assert get(q="welzijn") == ["Stichting Welzijn Oost", "Welzijn Noord"]
    assert get(town="leiden") == ["Sociaal Werk West", "Welzijn Noord"]
    assert get(work_type="ouderenwerk") == ["Sociaal Werk West"]
    assert get(work_type=str(work_type(ELDERLY).pk)) == ["Sociaal Werk West"]
    second = client.get("/api/v1/register", {"limit": 2, "page": 2}).json()
    assert second["pages"] == 2 and [e["member"] for e in second["results"]] == ["Welzijn Noord"]
    assert client.get("/api/v1/register", {"page": 9}).json()["results"] == []
    assert client.get("/api/v1/register", {"limit": 500}).status_code == 422
    assert client.get("/api/v1/register", {"province": "atlantis"}).status_code == 422


def test_the_schema_documents_both_endpoints(client, db):
    schema = client.get("/api/v1/openapi.json").json()
    one = schema["paths"]["/api/v1/certificates/{number}"]["get"]
    assert {"200", "400", "404"} <= set(one["responses"])
    assert {p["name"] for p in one["parameters"]} == {"number", "date"}
    listing = schema["paths"]["/api/v1/register"]["get"]
    assert {p["name"] for p in listing["parameters"]} >= {
        "q",
        "town",
        "work_type",
        "province",
        "page",
        "limit",
    }
    states = schema["components"]["schemas"]["CertificateOut"]["properties"]["status"]["enum"]
    assert set(states) == {"valid", "pending", "suspended", "lapsed", "superseded"}


# --- The member's province -----------------------------------------------------------------


def test_the_member_form_takes_a_province(world):
    m = world.member_a
    data = {
        "name": m.name,
        "kvk_number": m.kvk_number,
        "street": m.street,
        "postcode": m.postcode,
        "city": m.city,
        "province": "noord-brabant",
        "contact_person": m.contact_person,
        "phone": m.phone,
        "email": m.email,
        "loaded_version": m.version,
    }
    form = MemberForm(data, instance=m)
    assert "province" in form.fields
    assert form.is_valid(), form.errors
    form.save()
    m.refresh_from_db()
    assert m.province == "noord-brabant" and m.get_province_display() == "Noord-Brabant"
    assert len(Province.choices) == 12


def test_valid_q_and_statuses_after_route_c_ends_with_a_joining_certificate(world):
    old = make_certificate(world, D(2025, 3, 1))
    audit = re_audit(
        world,
        D(2026, 1, 1),
        route="c",
        events={"plan_due": D(2026, 2, 1), "advice_positive": D(2026, 3, 1), "certified": TODAY},
    )
    make_certificate(world, D(2027, 3, 1), previous=old, audit=audit, issued_on=TODAY)
    in_sql = old.pk in set(
        Certificate.objects.filter(status.valid_q(TODAY)).values_list("pk", flat=True)
    )
    assert in_sql == (status.status(old, TODAY) == "valid")
