"""The server-drawn line chart's coordinates (issue 10 item 2)."""

from types import SimpleNamespace

from kwaliteitslabel.trends.charts import LABEL_GAP, line_chart


def _line(code, points):
    return SimpleNamespace(norm=SimpleNamespace(code=code), points=points)


def test_labels_of_lines_ending_close_together_stand_apart():
    lines = [
        _line("O16", [(2024, 30.0), (2025, 30.8)]),
        _line("O10", [(2024, 20.0), (2025, 31.0)]),
        _line("O11", [(2024, 10.0), (2025, 30.0)]),
        _line("V1", [(2024, 10.0), (2025, None)]),  # ends a year earlier: not in the way
    ]
    chart = line_chart([2024, 2025], lines)
    ending = sorted(chart.lines[:3], key=lambda line: line.label_y)
    assert all(b.label_y - a.label_y >= LABEL_GAP for a, b in zip(ending, ending[1:], strict=False))
    assert chart.lines[3].label_y == chart.lines[3].dots[-1][1]


def test_labels_near_the_axis_are_moved_up_not_below_it():
    lines = [_line(f"N{i}", [(2024, 1.0), (2025, 0.0)]) for i in range(3)]
    chart = line_chart([2024, 2025], lines)
    assert max(line.label_y for line in chart.lines) <= chart.bottom
