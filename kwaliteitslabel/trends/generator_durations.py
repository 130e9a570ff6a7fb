"""Plausible report dates for the generated historic audits (issue 10 item 1, demo only):
one body slower than the other, and some reports over the deadline of 6 weeks from the
audit to the final report (Bijlage 6 stap 6-8: 2 + 2 + 2 weeks).

Each report draws from its own random source, seeded by the report, so adding this did
not change the verdicts the generator draws from its seed.
"""

import datetime
import random

# Per body: the fewest days from the audit to the final report, then a gamma-shaped delay
# (shape, scale in days). CIIO takes about 33 days, 1 report in 7 late; LRQA about 46
# days, half of them late.
PACE = {"CIIO": (18, 3, 5.0), "LRQA": (22, 3, 8.0)}
OTHER = (20, 3, 6.5)


def final_report_date(report) -> datetime.date:
    """The day the final report of a generated historic `report` came out."""
    least, shape, scale = PACE.get(report.body_name, OTHER)
    rng = random.Random(f"{report.member.kvk_number}:{report.audit_date}:{report.body_name}")
    return report.audit_date + datetime.timedelta(
        days=least + round(rng.gammavariate(shape, scale))
    )
