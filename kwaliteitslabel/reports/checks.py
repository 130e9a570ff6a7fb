"""What SWN's secretariat checks in part A (Bijlage 6 step 13), done by the platform first,
and the lead's consistency warnings before the concept goes out (issue 8, items 5-6).

Both take a `ReportContent`, so a report built by hand (as a test crafts a wrong one) is
checked the same way as one derived from an audit.
"""

import datetime
from dataclasses import dataclass

from django.utils import timezone

from kwaliteitslabel.audits import decision, findings
from kwaliteitslabel.audits.decision import Verdict

from .content import ReportContent, report_format

# Fields that may stay empty: a member without a website; the follow-up of the previous
# audit's points when there was no previous audit.
OPTIONAL = {"member_website"}


@dataclass(frozen=True)
class Check:
    label: str
    ok: bool
    detail: str = ""


def _standing(row) -> str:
    return row.addendum_verdict or row.verdict


def summary_checks(content: ReportContent, today: datetime.date | None = None) -> list[Check]:
    today = today or timezone.localdate()
    return [
        _filled(content),
        _counts(content),
        _rubrics(content),
        _advice(content),
        _expiry(content),
        _dates(content, today),
    ]


def passed(checks: list[Check]) -> bool:
    return all(c.ok for c in checks)


def _filled(content) -> Check:
    optional = set(OPTIONAL)
    if content.audit.kind == content.audit.Kind.INITIAL:
        optional.add("previous_follow_up")
    missing = [f.label for f in content.fields if not f.filled and f.key not in optional]
    return Check(
        "Elk verplicht veld is ingevuld",
        not missing,
        ("Leeg: " + "; ".join(missing) + ".") if missing else "",
    )


def _tally(content) -> dict[str, int]:
    counts = {v.value: 0 for v in Verdict}
    for part in content.part_b:
        for row in part.rows:
            counts[_standing(row)] += 1
    return counts


def _counts(content) -> Check:
    tally = _tally(content)
    wrong = [
        f"{Verdict(k).label}: deel A {content.counts.get(k, 0)}, deel B {tally[k]}"
        for k in tally
        if content.counts.get(k, 0) != tally[k]
    ]
    return Check(
        "De aantallen in deel A kloppen met de oordelen in deel B",
        not wrong,
        "; ".join(wrong) + "." if wrong else "",
    )


def _rubrics(content) -> Check:
    """Every norm partly or not met, or n.v.t., is named under its rubric, and no other."""
    problems = []
    for part in content.part_b:
        text = content.field(f"rubric_{part.code}").value
        lines = text.splitlines() if isinstance(text, str) else list(text)
        named = {line.split(":")[1].strip() for line in lines if line.count(":") >= 2}
        expected = {r.code for r in part.rows if _standing(r) != Verdict.MET}
        if named != expected:
            missing, extra = sorted(expected - named), sorted(named - expected)
            problems.append(
                f"{part.name}: "
                + (f"ontbreekt {', '.join(missing)}" if missing else "")
                + ("; " if missing and extra else "")
                + (f"niet volgens deel B: {', '.join(extra)}" if extra else "")
            )
    return Check(
        "Per rubriek staan de normen die deels of niet voldoen of n.v.t. zijn",
        not problems,
        "; ".join(problems) + "." if problems else "",
    )


def _advice(content) -> Check:
    framework = content.audit.framework
    verdicts = {r.code: _standing(r) for p in content.part_b for r in p.rows}
    outcome = decision.decide(verdicts, framework.max_not_met, framework.max_partly)
    advice = content.field("advice").value
    positive = isinstance(advice, str) and advice.startswith("Positief")
    plans_done = content.field("plans_done_on").filled if outcome.route != "a" else True
    if positive and outcome.route == "c":
        detail = f"Positief advies, maar de oordelen geven route c: {outcome.summary()}"
    elif positive and not plans_done:
        detail = "Positief advies zonder goedgekeurde plannen van aanpak."
    elif not positive and outcome.route == "a":
        detail = "Alle normen voldoen (route a), maar het advies is niet positief."
    else:
        detail = ""
    return Check("Het advies volgt uit de beslisregels", not detail, detail)


def _expiry(content) -> Check:
    """A re-audit names the expiry of the last certificate; a first audit has none. (The
    register of the certificates issue will be the reference once it exists.)"""
    audit = content.audit
    first = audit.kind == audit.Kind.INITIAL
    if first and audit.previous_expiry:
        detail = "Een eerste toetsing met een vervaldatum van een vorig certificaat."
    elif not first and not audit.previous_expiry:
        detail = f"Een {audit.get_kind_display()} zonder vervaldatum van het laatste certificaat."
    else:
        detail = ""
    return Check("De vervaldatum van het laatste certificaat klopt", not detail, detail)


def _dates(content, today) -> Check:
    names = {
        "last_day": "laatste auditdag",
        "final": "rapport definitief",
        "plans_done": "plannen van aanpak rond",
        "signed": "ondertekening",
    }
    known = [(names[k], content.dates.get(k)) for k in names if content.dates.get(k)]
    problems = [
        f"{a} ({da:%d-%m-%Y}) na {b} ({db:%d-%m-%Y})"
        for (a, da), (b, db) in zip(known, known[1:], strict=False)
        if da > db
    ]
    problems += [
        f"{name} ({day:%d-%m-%Y}) ligt in de toekomst" for name, day in known if day > today
    ]
    return Check(
        "De datums staan in de goede volgorde",
        not problems,
        "; ".join(problems) + "." if problems else "",
    )


# --- Consistency warnings for the lead (item 6) -------------------------------------------


@dataclass(frozen=True)
class ConsistencyWarning:
    code: str
    text: str


def phrases() -> list[str]:
    return report_format()["improvement_phrases"]


def consistency_warnings(content: ReportContent, records=None) -> list[ConsistencyWarning]:
    """A findings text that speaks of improvement under "voldoet", or a "deels"/"voldoet
    niet" without any improvement point (Bijlage 8's D5 and D6); fewer than two sources."""
    words = phrases()
    warnings = []
    for part in content.part_b:
        for row in part.rows:
            text = f"{row.findings} {row.improvement_points}".lower()
            hits = [w for w in words if w in text]
            if row.verdict == Verdict.MET and (hits or row.improvement_points.strip()):
                said = f"‘{hits[0]}’" if hits else "verbeterpunten"
                warnings.append(
                    ConsistencyWarning(
                        row.code, f"{row.code}: de tekst noemt {said}, maar het oordeel is voldoet."
                    )
                )
            elif row.verdict in (Verdict.PARTLY, Verdict.NOT_MET) and not (
                hits or row.improvement_points.strip()
            ):
                warnings.append(
                    ConsistencyWarning(
                        row.code,
                        f"{row.code}: het oordeel is {row.verdict_label}, maar de tekst noemt geen verbeterpunt.",
                    )
                )
    if records is not None:
        for f in findings.few_sources(records):
            warnings.append(
                ConsistencyWarning(
                    f.norm.code, f"{f.norm.code}: rust op minder dan twee bronnen (Bijlage 9)."
                )
            )
    return warnings
