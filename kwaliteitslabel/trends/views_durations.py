"""How long the process takes and which bodies are late (issue 10 item 1): per step a bar of
the median days against a tick at the deadline, a heat table of the share late per body and
step, the tables beneath, and the same numbers as CSV and Excel."""

from dataclasses import dataclass

from django.shortcuts import render

from kwaliteitslabel.common.access import require

from . import exports, rules
from .durations import Durations, StepRow, durations
from .forms import filters_from

# Column heads of the heat table, short enough for a cell.
SHORT = {
    "draft_report": "Concept",
    "final_report": "Definitief",
    "plan_review": "Verbeterplan",
    "summary_to_swn": "Deel A",
    "swn_check": "Toets SWN",
    "certificate": "Certificaat",
}
WIDTH, LABEL, ROW, TOP, CELL = 640, 200, 30, 24, 72


@dataclass
class Bar:
    row: StepRow
    y: int
    median: float = 0  # widths and positions in the picture's units
    median_end: float = 0
    p90: float = 0
    ticks: tuple = ()


def bars(found: Durations) -> dict:
    """Per step a bar of the median with a line to the 90th percentile and a tick at each
    deadline; the scale runs in weeks up to the longest of them."""
    shown = [r for r in found.steps if r.overall.shown]
    ticks = {r.step.key: sorted({d for d in r.limits.values() if d}) for r in found.steps}
    longest = max(
        [r.overall.p90 for r in shown] + [t for r in shown for t in ticks[r.step.key]] + [14]
    )
    top = -(-longest // 7) * 7
    span = WIDTH - LABEL - 20

    def x(days):
        return round(LABEL + span * max(0, days) / top, 1)

    drawn = []
    for i, row in enumerate(found.steps):
        bar = Bar(row, TOP + i * ROW)
        if row.overall.shown:
            bar.median_end = x(row.overall.median)
            bar.median = round(bar.median_end - LABEL, 1)
            bar.p90 = x(row.overall.p90)
            bar.ticks = tuple((x(t), t) for t in ticks[row.step.key])
        drawn.append(bar)
    step = 7 if top <= 70 else 14 if top <= 140 else 28
    return {
        "bars": drawn,
        "height": TOP + len(drawn) * ROW + 10,
        "axis": [(x(d), d) for d in range(0, top + 1, step)],
        "left": LABEL,
        "width": WIDTH,
    }


def heat(found: Durations) -> dict:
    """Rows: all bodies together, then each body; columns: the steps. A cell holds the share
    late, graded in four shades (and written in the cell: the shade is not the only sign)."""
    names = [("Alle instellingen", lambda r: r.overall)] + [
        (b, lambda r, b=b: r.bodies.get(b)) for b in found.bodies
    ]
    rows = []
    for i, (name, cell_of) in enumerate(names):
        cells = []
        for j, row in enumerate(found.steps):
            cell = cell_of(row)
            share = cell.late_share if cell is not None and cell.shown else None
            grade = None if share is None else sum(share >= g for g in (10, 25, 50))
            text = "te weinig" if share is None else f"{share:.1f}%".replace(".", ",")
            if cell is not None and cell.shown and not cell.with_deadline:
                text = "geen termijn"
            left = LABEL + j * CELL
            cells.append((left, left + CELL / 2 - 1, grade, text, row.step.label))
        rows.append((name, TOP + i * ROW, TOP + i * ROW + ROW / 2, cells))
    heads = [(LABEL + j * CELL + CELL / 2, SHORT[r.step.key]) for j, r in enumerate(found.steps)]
    return {
        "rows": rows,
        "heads": heads,
        "width": LABEL + len(found.steps) * CELL + 4,
        "height": TOP + len(rows) * ROW + 4,
        "cell": CELL - 2,
        "row": ROW - 2,
    }


def where_slow(found: Durations, n: int = 3) -> list[tuple[StepRow, tuple[float, str] | None]]:
    """The steps most often over their deadline (shown ones only), most often first, each
    with the body most often late in it (share, name), among the bodies shown."""
    rows = [r for r in found.steps if r.overall.shown and r.overall.late_share]
    slow = []
    for row in sorted(rows, key=lambda r: -r.overall.late_share)[:n]:
        shares = [(c.late_share, b) for b, c in row.bodies.items() if c.late_share and c.shown]
        slow.append((row, max(shares) if shares else None))
    return slow


@require(rules.can_read_trends)
def durations_page(request):
    form, filters = filters_from(request)
    found = durations(filters) if filters else None
    return render(
        request,
        "trends/durations.html",
        {
            "form": form,
            "found": found,
            "bars": bars(found) if found else None,
            "heat": heat(found) if found else None,
            "slow": where_slow(found) if found else None,
            "min_group": rules.MIN_GROUP,
            "query": request.GET.urlencode(),
        },
        status=200 if filters else 400,
    )


def _table(found: Durations) -> list[list]:
    """The numbers of the page as rows, for CSV and Excel alike; groups under MIN_GROUP
    audits are left out, as the page shows no numbers for them (Bijlage 9)."""
    rows = [
        [
            "stap",
            "certificerende instelling",
            "termijn",
            "toetsingen",
            "mediaan (dagen)",
            "90e percentiel (dagen)",
            "met termijn",
            "te laat (aantal)",
            "te laat (%)",
        ]
    ]
    for row in found.every:
        groups = [("alle", row.overall)] + sorted(row.bodies.items())
        for name, cell in groups:
            if cell.shown:
                share = cell.late_share
                rows.append(
                    [row.step.label, name, row.limit_text, cell.audits, cell.median, cell.p90]
                    + (
                        [cell.with_deadline, cell.late, share]
                        if share is not None
                        else ["", "", ""]
                    )
                )
    return rows


def _export(request, kind: str):
    form, filters = filters_from(request)
    if filters is None:
        return exports.refused(form)
    rows = _table(durations(filters))
    return exports.table(rows, f"trends-doorlooptijden-{filters.framework}", kind, "Doorlooptijden")


@require(rules.can_read_trends)
def durations_csv(request):
    return _export(request, "csv")


@require(rules.can_read_trends)
def durations_xlsx(request):
    return _export(request, "xlsx")
