"""Generated historic audits for the trends' demo (issue 10 item 7): clearly marked, never
mistaken for real reports. Each generated member is named "[gegenereerd] …" and each
report's file is `GENERATED`.

Plausible shares: every norm gets a difficulty (the chance of "deels" or "niet"), drawn once
from the seed; organisations improve a little each re-audit and the branch a little each
year, so the pictures show norms that stay hard and norms that improve.
"""

import datetime
import random

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


def generate(audits: int, seed: int = 7, framework: str = "2019", first_year: int = 2019):
    """Makes `audits` historic reports over members audited every two years; returns them."""
    rng = random.Random(seed)
    fw = Framework.objects.get(version=framework)
    norms = list(fw.norms.order_by("rubric__position", "number"))
    difficulty = {n.pk: rng.betavariate(1.2, 9) for n in norms}  # most norms easy, some hard
    last_year = datetime.date.today().year
    rounds = max(1, (last_year - first_year) // 2 + 1)
    members_needed = -(-audits // rounds)
    start = Member.objects.filter(name__startswith=PREFIX).count()
    members = Member.objects.bulk_create(
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
    )
    reports, verdicts, flushed = [], [], 0
    all_kinds = part_a.work_types()
    for member in members:
        if len(reports) - flushed >= 500:  # keep memory flat for 10,000 audits
            _flush(reports[flushed:], verdicts)
            flushed = len(reports)
        skill = rng.gauss(0, 0.05)
        offset = rng.randrange(0, 2)
        fte, kinds = part_a.profile(rng, all_kinds)
        for r in range(rounds):
            if len(reports) >= audits:
                break
            year = first_year + offset + 2 * r
            if year > last_year:
                break
            day = datetime.date(year, rng.randint(1, 12), rng.randint(1, 28))
            report = HistoricReport(
                member=member,
                body_name=rng.choice(["CIIO", "LRQA"]),
                framework=fw,
                audit_date=day,
                kind="hertoetsing" if r else "eerste toetsing",
                advice=HistoricReport.Advice.POSITIVE,
                source_filename=GENERATED,
            )
            report.report_date = final_report_date(report)
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
    _flush(reports[flushed:], verdicts)
    return reports


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
