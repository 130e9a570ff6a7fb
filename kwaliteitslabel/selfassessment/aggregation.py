"""The team's answers per norm, as the coordinator sees them: counts, spread, examples.

Individual answers stay private: the coordinator sees counts per answer, and the
examples (without names) only where at least MIN_GROUP people answered the norm, so a
small group's answers cannot be traced to a person (issue 5).
"""

from dataclasses import dataclass, field

from .models import ANSWERS, Answer

MIN_GROUP = 3
# Position on the scale for the spread: met 2, partly 1, not met 0; n.v.t. stays out.
SCALE = {"met": 2, "partly": 1, "not_met": 0}


@dataclass
class NormAnswers:
    norm_id: int
    counts: dict[str, int] = field(default_factory=lambda: {value: 0 for value, _ in ANSWERS})
    examples: list[str] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def shown(self) -> bool:
        """Examples are shown only for a group of MIN_GROUP or more."""
        return self.total >= MIN_GROUP

    @property
    def spread(self) -> int:
        """0 when everyone agrees; 2 when someone says "voldoet" and someone "voldoet niet"."""
        given = [SCALE[v] for v, n in self.counts.items() if n and v in SCALE]
        return max(given) - min(given) if given else 0

    @property
    def visible_examples(self) -> list[str]:
        return self.examples if self.shown else []


def team_answers(self_assessment) -> dict[int, NormAnswers]:
    """Per norm id: the team's answers in aggregate; one query."""
    result: dict[int, NormAnswers] = {}
    rows = Answer.objects.filter(participant__self_assessment=self_assessment).values_list(
        "norm_id", "verdict", "example"
    )
    for norm_id, verdict, example in rows:
        entry = result.setdefault(norm_id, NormAnswers(norm_id))
        entry.counts[verdict] += 1
        if example.strip():
            entry.examples.append(example.strip())
    return result
