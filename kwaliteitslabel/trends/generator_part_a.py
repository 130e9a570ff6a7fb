"""Part A of a generated historic report (issue 10 item 7): the FTE in scope and work types
of its member, and strengths and improvement points in an auditor's words, drawn from the
demo's sentences of the norms it met, and missed."""

import random
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

import yaml
from django.utils import timezone

from kwaliteitslabel.audits.decision import Verdict
from kwaliteitslabel.frameworks.models import Norm
from kwaliteitslabel.members.models import WorkType
from kwaliteitslabel.reports import points
from kwaliteitslabel.reports.models_historic import HistoricReport
from kwaliteitslabel.reports.models_points import ReportPoint

SENTENCES = Path(__file__).resolve().parents[1] / "common" / "demo" / "trend_points.yaml"
SHORT = (Verdict.PARTLY, Verdict.NOT_MET)


@lru_cache(maxsize=1)
def sentences() -> dict[str, dict[str, list[str]]]:
    return yaml.safe_load(SENTENCES.read_text())


def work_types() -> list[int]:
    return list(WorkType.objects.order_by("pk").values_list("pk", flat=True))


def profile(rng: random.Random, kinds: list[int]) -> tuple[Decimal, list[int]]:
    """A member's size (most are small, a few large) and one to three of `kinds`."""
    fte = Decimal(min(400.0, max(3.0, rng.lognormvariate(3.6, 0.8)))).quantize(Decimal("0.1"))
    return fte, rng.sample(kinds, k=min(len(kinds), rng.randint(1, 3)))


def fill(report: HistoricReport, fte: Decimal, verdicts: list, rng: random.Random) -> None:
    """Sets the report's FTE (the member's, give or take a tenth) and its points: up to three
    strengths from norms met, up to three improvement points from norms partly or not met."""
    report.fte = (fte * Decimal(rng.uniform(0.9, 1.1))).quantize(Decimal("0.1"))
    said = sentences()
    met = [
        n.code for _, n, v in verdicts if v == Verdict.MET and "strengths" in said.get(n.code, {})
    ]
    short = [
        n.code for _, n, v in verdicts if v in SHORT and "improvements" in said.get(n.code, {})
    ]
    report.strengths = "\n".join(
        rng.choice(said[code]["strengths"])
        for code in rng.sample(met, k=min(len(met), rng.randint(1, 3)))
    )
    report.improvement_points = "\n".join(
        rng.choice(said[code]["improvements"]) for code in rng.sample(short, k=min(len(short), 3))
    )


# Every seventh generated report's points wait for a person, so the confirm page has work.
UNCONFIRMED_EVERY = 7


def link(reports: list[HistoricReport], user) -> None:
    """The points' rows, with the platform's suggestion (reports.points); most of them
    confirmed with the norm their sentence was written for, by the generated user."""
    code_of = {
        text: code
        for code, said in sentences().items()
        for texts in said.values()
        for text in texts
    }
    rows = points.sync_many(reports)
    norms = {n.code: n for n in Norm.objects.filter(framework_id=reports[0].framework_id)}
    now = timezone.now()
    confirmed = []
    for row in rows:
        norm = norms.get(code_of.get(row.text, ""))
        if norm is not None and row.historic_report_id % UNCONFIRMED_EVERY:
            row.norm, row.confirmed_by, row.confirmed_at = norm, user, now
            confirmed.append(row)
    ReportPoint.objects.bulk_update(
        confirmed, ["norm", "confirmed_by", "confirmed_at"], batch_size=1000
    )
