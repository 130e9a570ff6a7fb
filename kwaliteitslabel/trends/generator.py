"""Generated historic audits for the trends' demo: clearly marked, never mistaken for real
reports. Each generated member is named "[gegenereerd] …" and each report's file is
`GENERATED`.

Plausible shares: every norm gets a difficulty (the chance of "deels" or "niet"), drawn once
from the seed; organisations improve a little each re-audit and the branch a little each
year, so the pictures show norms that stay hard and norms that improve.

History, so in the past whatever the day: from `first_year` up to half a year before today,
when every final report is out (`REPORTED_WITHIN`). A seed gives the same audits on the same
day; on another day the last year's dates follow the day.
"""

import datetime
import random

from django.utils import timezone

from kwaliteitslabel.audits.decision import Verdict
from kwaliteitslabel.frameworks.models import Framework
from kwaliteitslabel.members.models import Member
from kwaliteitslabel.reports.models_historic import HistoricReport, HistoricVerdict

from . import generator_part_a as part_a
from . import generator_selfcheck
from .generator_durations import final_report_date

GENERATED = "gegenereerd door generate_trend_data"
PREFIX = "[gegenereerd]"
TOWNS = ["Assen", "Leeuwarden", "Arnhem", "Breda", "Maastricht", "Almere", "Delft", "Deventer"]
# The last audit lies this far before today, so its final report is out: the slower body
# takes about 46 days (generator_durations), hardly ever over 100.
REPORTED_WITHIN = datetime.timedelta(days=183)


def last_audit_day(today: datetime.date) -> tuple[int, datetime.date]:
    """The last year with generated audits and its last day: up to `REPORTED_WITHIN` before
    today, and a year only once a quarter of it lies behind that day."""
    last_day = today - REPORTED_WITHIN
    if last_day < datetime.date(last_day.year, 4, 1):
        return last_day.year - 1, datetime.date(last_day.year - 1, 12, 31)
    return last_day.year, last_day


def generate(audits: int, seed: int = 7, framework: str = "2019", first_year: int = 2019):
    """Makes `audits` historic reports over members audited every two years; returns them."""
    rng = random.Random(seed)
    fw = Framework.objects.get(version=framework)
    norms = list(fw.norms.order_by("rubric__position", "number"))
    difficulty = {n.pk: rng.betavariate(1.2, 9) for n in norms}  # most norms easy, some hard
    today = timezone.localdate()
    last_year, last_day = last_audit_day(today)
    if last_year < first_year:
        return []
    # A member is audited every two years from `first_year` or the year after; those who
    # start a year later may have a round fewer (none at all within one year), so there are
    # members enough for `audits` when each has that many rounds.
    later_rounds = (last_year - first_year - 1) // 2 + 1
    members_needed = -(-audits // (later_rounds or 1))
    start = Member.objects.filter(name__startswith=PREFIX).count()
    members = [
        Member(
            name=f"{PREFIX} Welzijnsorganisatie {start + i + 1:03d}",
            kvk_number=f"{90000000 + start + i:08d}",
            street="Voorbeeldstraat 1",
            postcode="1000 AA",
            city=rng.choice(TOWNS),
            contact_person="Voorbeeld",
            phone="030 000 0000",
            email=f"gegenereerd{start + i + 1}@example.invalid",
        )
        for i in range(members_needed)
    ]
    reports, verdicts, flushed, saved = [], [], 0, 0
    all_kinds = part_a.work_types()
    for i, member in enumerate(members):
        if len(reports) >= audits:
            members = members[:i]  # the rest has no audit: never saved
            break
        if len(reports) - flushed >= 500:  # keep memory flat for 10,000 audits
            Member.objects.bulk_create(members[saved:i])
            saved = i
            _flush(reports[flushed:], verdicts)
            flushed = len(reports)
        skill = rng.gauss(0, 0.05)
        offset = rng.randrange(0, 2)
        if not later_rounds:
            offset = 0  # a single year: everyone is audited in it
        fte, kinds = part_a.profile(rng, all_kinds)
        for r in range(last_year - first_year + 1):
            if len(reports) >= audits:
                break
            year = first_year + offset + 2 * r
            if year > last_year:
                break
            day = _day(rng, year, last_day)
            report = HistoricReport(
                member=member,
                body_name=rng.choice(["CIIO", "LRQA"]),
                framework=fw,
                audit_date=day,
                kind="hertoetsing" if r else "eerste toetsing",
                advice=HistoricReport.Advice.POSITIVE,
                source_filename=GENERATED,
            )
            report.report_date = min(final_report_date(report), today - datetime.timedelta(1))
            reports.append(report)
            for norm in norms:
                # Improvement with each re-audit and year; never below zero.
                p = max(0.0, difficulty[norm.pk] + skill - 0.015 * r - 0.006 * (year - first_year))
                draw = rng.random()
                verdict = (
                    Verdict.NOT_APPLICABLE
                    if draw < 0.01
                    else Verdict.NOT_MET
                    if draw < 0.01 + p * 0.25
                    else Verdict.PARTLY
                    if draw < 0.01 + p
                    else Verdict.MET
                )
                verdicts.append((report, norm, verdict))
            part_a.fill(report, fte, verdicts[-len(norms) :], rng)
            report.kinds = kinds
    Member.objects.bulk_create(members[saved:])
    _flush(reports[flushed:], verdicts)
    return reports


def _day(rng, year: int, last_day: datetime.date) -> datetime.date:
    """A day of the year; in the last year the same draw, squeezed into the part of the year
    up to `last_day`."""
    drawn = datetime.date(year, rng.randint(1, 12), rng.randint(1, 28))
    first, full = datetime.date(year, 1, 1), datetime.date(year, 12, 28)
    if year < last_day.year or last_day >= full:
        return drawn
    squeezed = (drawn - first).days * (last_day - first).days // (full - first).days
    return first + datetime.timedelta(days=squeezed)


def _flush(reports, verdicts) -> None:
    HistoricReport.objects.bulk_create(reports, batch_size=1000)
    through = HistoricReport.work_types.through
    through.objects.bulk_create(
        (through(historicreport=r, worktype_id=kind) for r in reports for kind in r.kinds),
        batch_size=5000,
    )
    HistoricVerdict.objects.bulk_create(
        (
            HistoricVerdict(report=report, norm=norm, verdict=verdict)
            for report, norm, verdict in verdicts
        ),
        batch_size=5000,
    )
    generator_selfcheck.add(reports, verdicts)  # issue 10 item 4: their self-assessments
    part_a.link(reports, generator_selfcheck.generated_user())  # item 3: points per norm
    verdicts.clear()
