"""Coordinates for the server-drawn SVG line chart (issue 10 item 2): no chart library, and
the template draws it with its table beneath."""

from dataclasses import dataclass

WIDTH, HEIGHT, LEFT, BOTTOM, TOP = 600, 220, 40, 30, 10
# Distinguishable without colour as well: each line has its own dash pattern and a label.
DASHES = ["", "6 3", "2 3", "8 3 2 3", "1 2"]


@dataclass
class Line:
    label: str
    points: str  # "x,y x,y" for <polyline>, only the years with a value
    dots: list[tuple[float, float, str]]
    dash: str
    index: int
    label_y: float = 0.0  # where its label stands, apart from the others' (see _spread)


@dataclass
class Chart:
    width: int
    height: int
    x_ticks: list[tuple[float, int]]
    y_ticks: list[tuple[float, int]]
    lines: list[Line]
    left: int = LEFT
    bottom: float = HEIGHT - BOTTOM


def line_chart(years: list[int], lines) -> Chart:
    """`lines`: objects with `norm.code` and `points` [(year, share or None)]."""
    values = [v for line in lines for _, v in line.points if v is not None]
    top = max(10, -(-max(values, default=0) // 10) * 10)  # up to the next ten per cent
    span_x = WIDTH - LEFT - 50  # room for the norm's code at the end of its line

    def x(i):
        return round(LEFT + (span_x * i / max(1, len(years) - 1)), 1)

    def y(v):
        return round(TOP + (HEIGHT - BOTTOM - TOP) * (1 - v / top), 1)

    drawn = []
    for n, line in enumerate(lines):
        coords = [
            (x(i), y(v), f"{line.norm.code} {year}: {v:.1f}%")
            for i, (year, v) in enumerate(line.points)
            if v is not None
        ]
        drawn.append(
            Line(
                line.norm.code,
                " ".join(f"{a},{b}" for a, b, _ in coords),
                coords,
                DASHES[n % len(DASHES)],
                n,
            )
        )
    _spread(drawn, HEIGHT - BOTTOM)
    step = 10 if top <= 60 else 20
    y_ticks = [(y(v), int(v)) for v in range(0, int(top) + 1, step)]
    return Chart(WIDTH, HEIGHT, [(x(i), yr) for i, yr in enumerate(years)], y_ticks, drawn)


LABEL_GAP = 11  # a label's height at font size 10, so that labels ending together stay legible


def _spread(lines: list[Line], bottom: float) -> None:
    """Labels at the end of their line, moved apart where lines end close together."""
    ends: dict[float, list[Line]] = {}
    for line in lines:
        if line.dots:
            line.label_y = line.dots[-1][1]
            ends.setdefault(line.dots[-1][0], []).append(line)
    for group in ends.values():
        group.sort(key=lambda line: line.label_y)
        for above, below in zip(group, group[1:], strict=False):
            below.label_y = max(below.label_y, above.label_y + LABEL_GAP)
        overflow = group[-1].label_y - bottom
        if overflow > 0:  # pushed below the axis: shift the whole group up
            for line in group:
                line.label_y -= overflow
