"""How long the process takes against its deadlines, and which bodies are late (issue 10
item 1; deadlines of Bijlage 6 stap 6-15 and Bijlage 5 B7-B10)."""

import csv
import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from kwaliteitslabel.audits.models import Audit, AuditDay, AuditEvent
from kwaliteitslabel.frameworks.models import Framework
from kwaliteitslabel.reports.models_historic import HistoricReport
from kwaliteitslabel.trends import generator
from kwaliteitslabel.trends.durations import STEPS, durations
from kwaliteitslabel.trends.shares import Filters
from kwaliteitslabel.trends.views_durations import where_slow
from tests.audits.helpers import make_audit
from tests.certificates.helpers import make_certificate

D = datetime.date
DAY = datetime.timedelta(days=1)


def at(day: datetime.date, hour: int = 12) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def audit_with(world, last_day, steps, body=None, certificate=None, hour=12, **fields):
    """A finished audit: its last audit day, then each status reached `days` after the one
    before ([(status, days)]), and a certificate `certificate` days after the last step."""
    audit = make_audit(world, body=body, status=steps[-1][0] if steps else "plan_due", **fields)
    AuditDay.objects.create(audit=audit, date=last_day - 2 * DAY)
    AuditDay.objects.create(audit=audit, date=last_day)
    day = last_day
    for status, days in steps:
        day += days * DAY
        event = AuditEvent.objects.create(audit=audit, status=status, by=world.users["body_admin"])
        AuditEvent.objects.filter(pk=event.pk).update(at=at(day, hour))  # `at` is auto_now_add
    if certificate is not None:
        make_certificate(world, day + certificate * DAY, audit=audit)
    return audit


def route_a(draft, final, summary=1, check=1):
    """The events of route a: the concept and the final report (days after the last audit
    day), part A sent (days after the positive advice), part A accepted (days after that)."""
    return [
        ("draft_report", draft),
        ("advice_positive", final - draft),
        ("summary_sent", summary),
        ("summary_accepted", check),
    ]


# Body X: five audits, two of them over the concept's 2 weeks (Bijlage 6 stap 6), two over
# the final report's 6 weeks (stap 6-8), two over part A's week (stap 12), one over SWN's
# 2 weeks for the check (stap 13) and one over its 2 weeks for the certificate (stap 15).
X = [(10, 30, 5, 14, 1), (14, 40, 7, 15, 2), (15, 43, 8, 2, 3), (20, 50, 3, 3, 20), (12, 35, 10, 4, 14)]  # fmt: skip


def hand_made(world, y_audits=3):
    for i, (draft, final, summary, check, cert) in enumerate(X):
        audit_with(
            world, D(2024, 3, 1 + i), route_a(draft, final, summary, check), certificate=cert
        )
    for i in range(y_audits):  # body Y: too few to show on their own; 30 days to the concept
        audit_with(world, D(2024, 4, 1 + i), route_a(30, 40)[:2], body=world.body_y)


def step(found, key):
    return next(r for r in found.steps if r.step.key == key)


def test_days_and_lateness_per_step_on_a_hand_made_set(world):
    hand_made(world)
    found = durations(Filters())
    assert (found.live, found.historic) == (8, 0)
    x = world.body_x.name
    draft = step(found, "draft_report")
    assert sorted(draft.bodies[x].days) == [10, 12, 14, 15, 20]
    assert (draft.bodies[x].median, draft.bodies[x].p90, draft.bodies[x].late_share) == (
        14.0,
        20,
        40.0,
    )
    # With body Y's three of 30 days: 8 audits, the median between 15 and 20.
    assert (draft.overall.audits, draft.overall.median, draft.overall.p90) == (8, 17.5, 30)
    assert draft.overall.late_share == 62.5 and not draft.bodies[world.body_y.name].shown
    final = step(found, "final_report")
    assert final.bodies[x].late == 2 and final.limit_text == "6 weken"
    assert step(found, "summary_to_swn").bodies[x].late == 2
    assert step(found, "swn_check").overall.late == 1
    certificate = step(found, "certificate").overall
    assert (certificate.audits, certificate.late, certificate.days) == (5, 1, [1, 2, 3, 20, 14])
    assert sorted(found.whole.overall.days) == [50, 56, 63, 64, 76]
    assert step(found, "plan_review").overall.audits == 0
    slow = where_slow(found)
    assert [r.step.key for r, _ in slow] == ["draft_report", "summary_to_swn", "final_report"]
    assert slow[0][1] == (40.0, x)  # Y is later, but too small a group to name


def test_a_day_is_the_local_day(world):
    """Just after midnight in Amsterdam it is still the day before in UTC: a step counts
    the local days."""
    for i in range(5):
        steps = [("draft_report", 14), ("advice_positive", 20)]
        audit_with(world, D(2024, 1, 8 + i), steps, hour=0)
    draft = step(durations(Filters()), "draft_report").overall
    assert draft.days == [14] * 5 and draft.late == 0


def test_bijlage_5_sets_no_deadline_for_swn_and_3_weeks_for_part_a_after_route_a(world):
    for i in range(5):
        audit_with(world, D(2024, 1, 8 + i), route_a(14, 40, 20, 30), route="a")
    Audit.objects.update(process_version="2017")
    found = durations(Filters())
    summary = step(found, "summary_to_swn")
    assert summary.overall.late == 0 and summary.limit_text == "3 weken"  # Bijlage 5 B10a
    check = step(found, "swn_check").overall
    assert check.shown and check.with_deadline == 0 and check.late_share is None
    assert step(found, "swn_check").limit_text == "geen"


def test_historic_reports_count_for_the_final_report_only(world):
    for i, days in enumerate([42, 43, 44, 45, 20]):
        HistoricReport.objects.create(
            member=world.member_a,
            body_name="CIIO",
            framework=Framework.objects.get(version="2019"),
            audit_date=D(2020 + i, 5, 1),
            report_date=D(2020 + i, 5, 1) + days * DAY,
            advice="positive",
        )
    found = durations(Filters())
    final = step(found, "final_report")
    assert found.historic == 5 and final.bodies["CIIO"].late_share == 60.0
    assert all(r.overall.audits == 0 for r in found.steps if r is not final)
    assert durations(Filters(variant="body")).historic == 0
    assert durations(Filters(year_from=2023)).historic == 2


def test_the_page_hides_small_bodies_and_says_where_it_is_slow(world, client):
    hand_made(world)
    client.force_login(world.users["governance"])
    page = client.get(reverse("trends:durations")).content.decode()
    assert "Waar het proces traag is" in page and "<svg" in page and "<desc" in page
    assert "62,5% van de toetsingen over de termijn van 2 weken" in page
    assert world.body_y.name in page and "te weinig" in page
    assert "17,5" in page and "(5 van 8)" in page  # all bodies: 5 of 8 concepts late
    assert '40,0% <span class="site-small site-muted">(2 van 5)' in page  # body X alone


def rows_of(client, name, **query):
    response = client.get(reverse(name), {"normenkader": "2019", **query})
    if name.endswith("xlsx"):
        book = load_workbook(io.BytesIO(response.content))
        return [list(r) for r in book.active.iter_rows(values_only=True)]
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_the_exports_hold_the_numbers_of_the_page(world, client):
    hand_made(world)
    client.force_login(world.users["swn_adviser"])
    page = client.get(reverse("trends:durations"), {"normenkader": "2019"}).content.decode()
    rows = rows_of(client, "trends:durations_csv")
    draft = next(r for r in rows if r[0] == STEPS[0].label and r[1] == "alle")
    assert draft[2:] == ["2 weken", "8", "17,5", "30", "8", "5", "62,5"]
    assert "62,5%" in page and ">17,5<" in page and ">30<" in page
    assert not any(r[1] == world.body_y.name for r in rows)  # 3 audits: not on the page either
    excel = rows_of(client, "trends:durations_xlsx")
    assert excel[0] == rows[0]
    assert next(r for r in excel if r[0] == STEPS[0].label and r[1] == "alle")[3:] == [
        8,
        17.5,
        30,
        8,
        5,
        62.5,
    ]
    assert len(excel) == len(rows)


@pytest.mark.parametrize("name", ["trends:durations", "trends:durations_csv"])
def test_a_bad_filter_is_refused_naming_the_field(world, client, name):
    client.force_login(world.users["governance"])
    response = client.get(reverse(name), {"normenkader": "2019", "van": "twintig"})
    assert response.status_code == 400
    assert "Van jaar: vul een jaartal in" in response.content.decode()


@pytest.mark.parametrize("y_audits", [3, 15])
def test_the_page_takes_the_same_queries_for_more_audits(
    world, client, django_assert_num_queries, y_audits
):
    hand_made(world, y_audits)
    client.force_login(world.users["swn_secretariat"])
    # 4 for the durations; 6 for the page (session, user, roles, MFA, the filters' choices)
    with django_assert_num_queries(10):
        assert client.get(reverse("trends:durations")).status_code == 200


def test_the_generated_demo_has_one_body_slower_than_the_other(world):
    generator.generate(200, seed=5)
    final = step(durations(Filters()), "final_report")
    ciio, lrqa = final.bodies["CIIO"], final.bodies["LRQA"]
    assert 0 < ciio.late_share < lrqa.late_share < 100
    assert ciio.median < final.limits["2021"] < lrqa.median + 14
