"""Strengths and improvement points per norm over many audits (issue 10 item 3): only
confirmed links count, grouped by rubric and norm, searchable, never beside a name, nothing
from fewer than MIN_GROUP audits (Bijlage 9); SWN confirms the suggested norms."""

import csv
import datetime
import io
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from kwaliteitslabel.audits.models import AuditDay
from kwaliteitslabel.frameworks.models import Norm
from kwaliteitslabel.reports import points as sync
from kwaliteitslabel.reports.models import Report, ReportPoint
from kwaliteitslabel.trends.rules import MIN_GROUP
from kwaliteitslabel.trends.suggest import NormIndex, stem
from tests.audits.helpers import make_audit
from tests.trends.test_shares import historic

D = datetime.date
COMPLAINTS = "Klachtenregeling is bekend bij cliënten"  # O17 names complaints (2019)
TALKS = "Jaargesprekken worden niet met elke medewerker gevoerd"  # O10: yearly evaluation


def norm(code):
    return Norm.objects.get(framework__version="2019", rubric__code=code[0], number=int(code[1:]))


def with_points(world, day, strengths="", improvements="", links=None):
    """A historic report with these points, its rows made and `links` {text: code} confirmed."""
    report = historic(world, day)
    report.strengths, report.improvement_points = strengths, improvements
    report.save()
    sync.sync_points(report)
    for text, code in (links or {}).items():
        ReportPoint.objects.filter(historic_report=report, text=text).update(
            norm=norm(code), confirmed_at=timezone.now(), confirmed_by=world.users["swn_adviser"]
        )
    return report


def sector(world, n=MIN_GROUP, year=2024):
    """`n` reports praising the complaints procedure; only the first three name the talks."""
    for i in range(n):
        talks = TALKS if i < 3 else ""
        with_points(
            world,
            D(year, 1, i + 1),
            COMPLAINTS,
            talks,
            {COMPLAINTS: "O17", **({TALKS: "O10"} if talks else {})},
        )


# Real-looking points and the 2019 norm whose words they share (framework_2019.yaml and the
# guidance of Bijlagen 3 and 4), or None where no norm shares enough.
SUGGESTED = [
    (COMPLAINTS, "O17"),  # "privacy /AVG, klachten, meldcode"; B3 names the Klachtenregeling
    ("Meldcode huiselijk geweld wordt gevolgd", "O17"),  # "meldcode"
    (TALKS, "O10"),  # "jaarlijkse evaluatie van ... elke medewerker"; B4: jaargesprekken
    ("Kosten en baten van activiteiten zijn in beeld", "V14"),  # "kosten en baten"
    ("Professionals houden hun portfolio bij voor de registratie", "V12"),  # "portfolio"
    ("Zzp'ers worden zorgvuldig geselecteerd", "O14"),  # "zzp'ers ... zorgvuldig"
    ("Stagiaires krijgen goede begeleiding", "D11"),  # "stagiaires ... begeleiding"
    ("Het jaarverslag is openbaar", "O23"),  # "publiek verslag"; B3: jaarverslag
    ("Nieuwe medewerkers worden ingewerkt met een inwerkprogramma", "V2"),  # "nieuwe rol"
    ("De koffie was lekker", None),
]


@pytest.mark.parametrize(("text", "code"), SUGGESTED)
def test_the_suggestion_by_shared_words_on_the_2019_norms(db, text, code):
    index = NormIndex(Norm.objects.filter(framework__version="2019").select_related("rubric"))
    found = index.suggest(text)
    assert (found.norm.code if found else None) == code, index.rank(text)[:3]


def test_the_stemming_joins_plural_and_singular():
    assert stem("klachten") == stem("klacht") and stem("afspraken") == stem("afspraak")
    assert stem("vrijwilligers") == stem("vrijwilliger")


def page(client, **params):
    return client.get(reverse("trends:points"), params).content.decode()


def csv_rows(client, **params):
    data = client.get(reverse("trends:points_csv"), params).content.decode("utf-8-sig")
    return list(csv.reader(io.StringIO(data)))


def test_points_grouped_by_rubric_and_norm_with_their_counts(world, client):
    sector(world)
    client.force_login(world.users["governance"])
    body = page(client)
    assert "Organisatie en bestuur 17: 5 sterke punten, 0 verbeterpunten" in body
    assert f'{COMPLAINTS} <span class="site-small site-muted">(5 keer)</span>' in body
    # O10's points come from three audits: counted, their texts not shown (Bijlage 9).
    assert "Organisatie en bestuur 10: 0 sterke punten, 3 verbeterpunten" in body
    assert TALKS not in body and "Te weinig toetsingen om de punten te tonen" in body
    assert "<svg" in body and "<title" in body and "gevulde balk: sterke punten" in body


def test_no_name_body_or_date_beside_a_point_bijlage_9(world, client):
    sector(world)
    client.force_login(world.users["swn_adviser"])
    body = page(client)
    assert COMPLAINTS in body
    for name in (world.member_a.name, "CIIO", "januari 2024", "01-01-2024", "2024-01-01"):
        assert name not in body
    assert all(world.member_a.name not in ",".join(r) for r in csv_rows(client))


def test_a_selection_of_fewer_than_min_group_audits_shows_nothing(world, client):
    sector(world, MIN_GROUP - 1)
    client.force_login(world.users["governance"])
    body = page(client)
    assert "Te weinig toetsingen om te tonen" in body and COMPLAINTS not in body
    assert "O17 ·" not in body
    assert len(csv_rows(client)) == 1  # the header only


def test_only_confirmed_links_count_and_the_rest_await_swn(world, client):
    sector(world)
    with_points(world, D(2024, 2, 1), COMPLAINTS)  # suggested O17, not confirmed
    client.force_login(world.users["swn_secretariat"])
    body = page(client)
    assert "Organisatie en bestuur 17: 5 sterke punten" in body
    assert "1 punt uit historische rapporten in deze selectie wacht nog op bevestiging" in body
    assert reverse("trends:points_confirm") in body
    client.force_login(world.users["governance"])
    assert reverse("trends:points_confirm") not in page(client)  # confirming is SWN's work


def test_final_platform_reports_count_and_running_audits_do_not(world, client):
    sector(world)
    for status, day in (("advice_positive", D(2024, 6, 1)), ("started", D(2024, 6, 2))):
        audit = make_audit(world, status=status)
        AuditDay.objects.create(audit=audit, date=day)
        report = Report.objects.create(audit=audit, strengths=COMPLAINTS)
        sync.link(report, sync.texts_of(report), {("strength", 1): norm("O17").pk}, None)
    client.force_login(world.users["governance"])
    assert "Organisatie en bestuur 17: 6 sterke punten" in page(client)
    o17 = next(r for r in csv_rows(client) if r[0] == "O17")
    assert o17[2:5] == ["6", "6", "0"]


def test_the_search_finds_words_without_their_accents_and_marks_them(world, client):
    together = "Goede samenwerking in de wijk"
    for i in range(MIN_GROUP):
        links = {COMPLAINTS: "O17", together: "D9"}
        with_points(world, D(2024, 1, i + 1), f"{COMPLAINTS}\n{together}", "", links)
    client.force_login(world.users["governance"])
    assert together in page(client, normenkader="2019")
    body = page(client, normenkader="2019", q="clienten")
    assert '<mark class="utrecht-mark">cliënten</mark>' in body
    assert together not in body and "Dienstverlening 9:" not in body
    rows = csv_rows(client, normenkader="2019", q="clienten")
    assert [r[0] for r in rows if r[6] == COMPLAINTS] == ["O17"]
    assert not any("samenwerking" in r[6] for r in rows)
    reply = client.get(reverse("trends:points"), {"normenkader": "2019", "q": "a"})
    assert reply.status_code == 400 and "Zoeken: typ een woord" in reply.content.decode()


def test_the_exports_hold_the_numbers_and_texts_of_the_page(world, client):
    sector(world, 6)
    client.force_login(world.users["swn_adviser"])
    body = page(client, normenkader="2019")
    rows = csv_rows(client, normenkader="2019")
    assert rows[0][:5] == ["norm", "rubriek", "toetsingen", "sterke punten", "verbeterpunten"]
    counts = {r[0]: r[2:5] for r in rows[1:] if r[2]}
    assert len(counts) == 49 and counts["O17"] == ["6", "6", "0"]
    assert counts["O10"] == ["3", "0", "3"]
    for code, (audits, strengths, improvements) in counts.items():
        n = norm(code)
        if int(audits):
            assert (
                f"{n.label}: {strengths} sterk" in body and f"{improvements} verbeterpunt" in body
            )
    texts = [(r[0], r[5], r[6], r[7]) for r in rows[1:] if r[6] and not r[2]]
    assert texts == [("O17", "sterk punt", COMPLAINTS, "6")]
    o10 = next(r for r in rows if r[0] == "O10")
    assert o10[6] == "te weinig toetsingen om de punten te tonen"
    book = load_workbook(
        io.BytesIO(client.get(reverse("trends:points_xlsx"), {"normenkader": "2019"}).content)
    )
    excel = [list(r) for r in book.active.iter_rows(values_only=True)]
    assert len(excel) == len(rows)
    assert next(r for r in excel if r[0] == "O17" and r[2])[2:5] == [6, 6, 0]
    assert next(r for r in excel if r[6] == COMPLAINTS)[7] == 6


def test_bad_filters_are_refused_naming_the_field(world, client):
    client.force_login(world.users["governance"])
    reply = client.get(reverse("trends:points"), {"normenkader": "2019", "van": "twintig"})
    assert reply.status_code == 400 and "Van jaar: vul een jaartal in" in reply.content.decode()
    reply = client.get(reverse("trends:points_csv"), {"normenkader": "2019", "van": "twintig"})
    assert reply.status_code == 400 and "Van jaar" in reply.content.decode()


@pytest.mark.parametrize("n", [MIN_GROUP, 3 * MIN_GROUP])
def test_the_reading_page_query_count_does_not_grow_with_the_audits(
    world, client, django_assert_num_queries, n
):
    sector(world, n)
    client.force_login(world.users["governance"])
    page(client)  # warm the session
    # session, user, roles; the filter form's frameworks and work types; two counts of
    # audits, the points awaiting; the norms, the counts per norm, the texts
    with django_assert_num_queries(11):
        assert client.get(reverse("trends:points")).status_code == 200


# --- SWN confirms the suggested norms --------------------------------------------------------


# A statement that writes or locks (a PostgreSQL cursor's DECLARE only reads).
WRITES = re.compile(r"^\s*(INSERT|UPDATE|DELETE)\b|\bFOR (NO KEY )?UPDATE\b", re.IGNORECASE)


def test_the_pages_only_read(world, client):
    """A GET writes nothing, not even rows for a report saved without them: the import and
    migration reports 0006 make those (on PostgreSQL a writing GET would also take locks)."""
    sector(world)
    client.force_login(world.users["swn_adviser"])
    pages = (("trends:points", {"normenkader": "2019"}), ("trends:points_confirm", {}))
    for name, query in pages:
        client.get(reverse(name), query)  # warm the session
    bare = historic(world, D(2023, 5, 2))
    bare.strengths = COMPLAINTS
    bare.save()
    for name, query in pages:
        with CaptureQueriesContext(connection) as done:
            assert client.get(reverse(name), query).status_code == 200
        writes = [q["sql"] for q in done if WRITES.search(q["sql"])]
        assert writes == [], name
    assert not ReportPoint.objects.filter(historic_report=bare).exists()


def test_the_confirm_page_preselects_the_suggestion(world, client):
    report = with_points(world, D(2023, 5, 1), COMPLAINTS, TALKS)
    client.force_login(world.users["swn_adviser"])
    body = client.get(reverse("trends:points_confirm")).content.decode()
    rows = {r.text: r for r in ReportPoint.objects.filter(historic_report=report)}
    assert rows[COMPLAINTS].suggested_norm == norm("O17")
    assert rows[TALKS].suggested_norm == norm("O10")
    assert f'<option value="{norm("O17").pk}" selected>O17 · Organisatie en bestuur 17' in body
    assert "2 punten wachten op bevestiging" in body


def test_many_points_confirmed_at_once_and_a_taken_one_left_alone(world, client):
    a = with_points(world, D(2023, 5, 1), COMPLAINTS, TALKS)
    b = with_points(world, D(2023, 6, 1), COMPLAINTS)
    mine = list(ReportPoint.objects.filter(historic_report__in=[a, b]).order_by("pk"))
    data = {"punt": [p.pk for p in mine]}
    data.update({f"norm_{p.pk}": p.suggested_norm_id for p in mine})
    data[f"norm_{mine[1].pk}"] = norm("O9").pk  # another norm than suggested
    # Meanwhile a colleague confirmed the last one.
    ReportPoint.objects.filter(pk=mine[2].pk).update(norm=norm("V1"), confirmed_at=timezone.now())
    client.force_login(world.users["swn_secretariat"])
    reply = client.post(reverse("trends:points_confirm"), data, follow=True)
    body = reply.content.decode()
    assert "2 punten bevestigd." in body and "1 punt had iemand anders intussen al" in body
    got = {p.pk: p for p in ReportPoint.objects.filter(pk__in=[p.pk for p in mine])}
    assert got[mine[0].pk].norm == norm("O17") and got[mine[1].pk].norm == norm("O9")
    assert got[mine[0].pk].confirmed_by == world.users["swn_secretariat"]
    assert got[mine[2].pk].norm == norm("V1")  # not overwritten
    assert "Alle punten van de historische rapporten hebben een bevestigde norm" in body


def test_a_norm_of_another_framework_is_refused_and_nothing_changes(world, client):
    report = with_points(world, D(2023, 5, 1), COMPLAINTS, TALKS)
    first, second = ReportPoint.objects.filter(historic_report=report).order_by("pk")
    other = Norm.objects.filter(framework__version="2016").first()
    client.force_login(world.users["swn_adviser"])
    data = {"punt": [first.pk, second.pk], f"norm_{first.pk}": norm("O17").pk}
    data[f"norm_{second.pk}"] = other.pk
    reply = client.post(reverse("trends:points_confirm"), data)
    assert reply.status_code == 400
    assert f"Norm bij “{TALKS}”: kies een norm uit de lijst." in reply.content.decode()
    assert not ReportPoint.objects.filter(norm__isnull=False).exists()
    reply = client.post(
        reverse("trends:points_confirm"), {"punt": first.pk, f"norm_{first.pk}": "x"}
    )
    assert (
        reply.status_code == 400 and "Norm: kies een norm uit de lijst." in reply.content.decode()
    )
    assert client.get(reverse("trends:points_confirm"), {"pagina": "nul"}).status_code == 400


@pytest.mark.parametrize("reports", [13, 40])
def test_the_confirm_page_shows_25_a_page_in_a_fixed_number_of_queries(
    world, client, django_assert_num_queries, reports
):
    for i in range(reports):
        with_points(world, D(2020, 1, 1) + datetime.timedelta(days=i), COMPLAINTS, TALKS)
    client.force_login(world.users["swn_adviser"])
    url = reverse("trends:points_confirm")
    client.get(url)
    # session, user, roles, MFA; count; the page's points; the norms to choose
    with django_assert_num_queries(7):
        body = client.get(url, {"pagina": 2}).content.decode()
    assert body.count('name="punt"') == (1 if reports == 13 else 25)
    assert f"Pagina 2 van {-(-2 * reports // 25)}" in body
