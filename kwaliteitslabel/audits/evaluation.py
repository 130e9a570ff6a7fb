"""The team's evaluation of an audit (Bijlage 9 "Werkwijze"): questions, answers, summaries.

"Alle toetsers evalueren na afloop de toetsing aan de hand van het evaluatieformulier." The
questions are data in frameworks/data/audit_evaluation.yaml, in versions; an evaluation stores
the version it was given beside its answers ({"version": ..., "answers": {key: value}}), so a
later version of the form never changes what an earlier evaluation meant.

Plain functions of plain values, except `submit`, which saves, and `links`, which asks.
"""

import datetime
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from functools import cache
from pathlib import Path

import yaml
from django.db import IntegrityError, transaction
from django.utils import timezone

from .models_audit import TeamMember
from .models_findings import Evaluation
from .rules_audit import can_read_anonymous_evaluations, can_read_evaluations, evaluation_open

PATH = Path(__file__).resolve().parent.parent / "frameworks" / "data" / "audit_evaluation.yaml"
SCALE = (1, 2, 3, 4, 5)
TYPES = ("scale", "text")
TEXT_MAX = 4000
# SWN reads the evaluations without names, but it sees the team on the audit's page: with a
# single evaluation (a lead auditing alone, or one of two who answered) the answers would be
# that person's. So SWN sees an audit's answers only from this many evaluations on; the
# overview across audits adds everything up and names no one.
MIN_GROUP = 2


@dataclass(frozen=True)
class Question:
    key: str
    topic: str
    type: str
    text: str
    low: str = ""
    high: str = ""

    @property
    def is_scale(self) -> bool:
        return self.type == "scale"


@dataclass(frozen=True)
class Questionnaire:
    version: str
    valid_from: datetime.date
    questions: tuple[Question, ...]

    def question(self, key: str) -> Question | None:
        return next((q for q in self.questions if q.key == key), None)


class Refused(Exception):
    """The answers cannot be saved; `errors` maps question keys to Dutch messages."""

    def __init__(self, errors: dict[str, str]):
        self.errors = errors
        super().__init__("; ".join(errors.values()))


class AlreadySubmitted(Exception):
    pass


class NotOpen(Exception):
    """The team has not closed its findings yet."""


def read(path: Path = PATH) -> tuple[Questionnaire, ...]:
    """All versions, oldest first; a malformed file is refused with the file and the fault."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    result = []
    for v in data["versions"]:
        questions = tuple(
            Question(
                key=q["key"],
                topic=q["topic"],
                type=q["type"],
                text=" ".join(q["text"].split()),
                low=q.get("low", ""),
                high=q.get("high", ""),
            )
            for q in v["questions"]
        )
        keys = [q.key for q in questions]
        if len(keys) != len(set(keys)):
            raise ValueError(f"{path.name}: version {v['version']} repeats a question key")
        for q in questions:
            if q.type not in TYPES:
                raise ValueError(f"{path.name}: {q.key} has unknown type {q.type!r}")
            if q.is_scale and not (q.low and q.high):
                raise ValueError(f"{path.name}: scale question {q.key} needs `low` and `high`")
        result.append(Questionnaire(str(v["version"]), v["valid_from"], questions))
    names = [q.version for q in result]
    if len(names) != len(set(names)):
        raise ValueError(f"{path.name}: a version appears twice")
    return tuple(sorted(result, key=lambda q: q.valid_from))


@cache
def versions() -> tuple[Questionnaire, ...]:
    """The shipped versions, read once per process."""
    return read()


def current(on: datetime.date | None = None) -> Questionnaire:
    """The version in force on a date (today by default)."""
    on = on or timezone.localdate()
    in_force = [q for q in versions() if q.valid_from <= on]
    return in_force[-1] if in_force else versions()[0]


def version(name: str) -> Questionnaire | None:
    return next((q for q in versions() if q.version == name), None)


# --- Answers -----------------------------------------------------------------------------


def missing_message(question: Question) -> str:
    return f"Kies bij ‘{question.topic}’ een antwoord van 1 tot en met 5."


def out_of_range_message(question: Question) -> str:
    return f"Bij ‘{question.topic}’ kan alleen een antwoord van 1 tot en met 5."


def too_long_message(question: Question) -> str:
    return f"Houd ‘{question.topic}’ korter dan {TEXT_MAX} tekens."


def validate(questionnaire: Questionnaire, answers: Mapping) -> dict[str, str]:
    """Errors by question key: every scale question needs a whole number 1-5; text is optional."""
    errors = {}
    for q in questionnaire.questions:
        value = answers.get(q.key)
        if q.is_scale:
            if value is None or value == "":
                errors[q.key] = missing_message(q)
            elif isinstance(value, bool) or not isinstance(value, int) or value not in SCALE:
                errors[q.key] = out_of_range_message(q)
        elif value is not None and (not isinstance(value, str) or len(value) > TEXT_MAX):
            errors[q.key] = too_long_message(q)
    unknown = set(answers) - {q.key for q in questionnaire.questions}
    for key in sorted(unknown):
        errors[key] = f"De vraag ‘{key}’ staat niet op het formulier."
    return errors


def submit(place: TeamMember, answers: Mapping, questionnaire: Questionnaire | None = None):
    """Save the team member's evaluation, once; the one-to-one place refuses a second."""
    if not evaluation_open(place.audit):
        raise NotOpen
    questionnaire = questionnaire or current()
    if errors := validate(questionnaire, answers):
        raise Refused(errors)
    stored = {
        "version": questionnaire.version,
        "answers": {
            q.key: answers[q.key] if q.is_scale else (answers.get(q.key) or "").strip()
            for q in questionnaire.questions
        },
    }
    try:
        with transaction.atomic():
            return Evaluation.objects.create(place=place, answers=stored)
    except IntegrityError as exc:
        raise AlreadySubmitted from exc


# --- Reading them back -------------------------------------------------------------------


def answers_of(stored: Mapping) -> dict:
    return dict(stored.get("answers") or {})


def questions_of(stored: Mapping) -> list[tuple[Question, object]]:
    """One evaluation's questions with its answers, in the order of its own version.

    An answer whose version is no longer shipped still shows, under its key."""
    answers = answers_of(stored)
    questionnaire = version(str(stored.get("version")))
    questions = list(questionnaire.questions) if questionnaire else []
    known = {q.key for q in questions}
    questions += [Question(k, k, "text", k) for k in answers if k not in known]
    return [(q, answers.get(q.key)) for q in questions]


def questions_for(stored_sets: Iterable[Mapping]) -> list[Question]:
    """The questions these evaluations answered, by key: the current version's first, in
    its order, then keys only older versions asked, with their newest wording."""
    stored_sets = list(stored_sets)
    seen = {str(s.get("version")) for s in stored_sets}
    result: dict[str, Question] = {q.key: q for q in current().questions}
    for questionnaire in reversed(versions()):
        if questionnaire.version in seen:
            for q in questionnaire.questions:
                result.setdefault(q.key, q)
    for s in stored_sets:
        for key, value in answers_of(s).items():
            if key not in result:
                result[key] = Question(key, key, "scale" if isinstance(value, int) else "text", key)
    return list(result.values())


def average(values: Iterable) -> Decimal | None:
    numbers = [v for v in values if isinstance(v, int) and not isinstance(v, bool)]
    if not numbers:
        return None
    return (Decimal(sum(numbers)) / len(numbers)).quantize(Decimal("0.1"), ROUND_HALF_UP)


@dataclass
class Row:
    """One question across evaluations: the answers (in the evaluations' order), the average."""

    question: Question
    values: list = field(default_factory=list)

    @property
    def count(self) -> int:
        return sum(1 for v in self.values if v not in (None, ""))

    @property
    def average(self) -> Decimal | None:
        return average(self.values)

    @property
    def texts(self) -> list[str]:
        return sorted(v for v in self.values if isinstance(v, str) and v.strip())


def in_anonymous_order(stored_sets: Iterable[Mapping]) -> list[dict]:
    """The evaluations' answers, sorted by the answers themselves: neither the order of
    submission nor the team's order says whose is whose."""
    sets = list(stored_sets)
    questions = questions_for(sets)

    def key(s):
        a = answers_of(s)
        return tuple(
            (0, v, "") if isinstance(v, int) else (1, 0, str(v or ""))
            for v in (a.get(q.key) for q in questions)
        )

    return sorted(sets, key=key)


def summary(stored_sets: Iterable[Mapping]) -> list[Row]:
    """Per question: the answers of every evaluation, in anonymous order, with the average."""
    sets = in_anonymous_order(stored_sets)
    return [Row(q, [answers_of(s).get(q.key) for s in sets]) for q in questions_for(sets)]


# --- Links on the audit's page -----------------------------------------------------------


@dataclass(frozen=True)
class Links:
    evaluate: bool = False  # a team member who has not evaluated yet, now that it is open
    own: bool = False  # a team member who has: their answers to read back
    named: bool = False  # the body's admin
    anonymous: bool = False  # SWN


def links(user, audit, place=None) -> Links:
    """What the audit's page offers this user about the evaluation; at most one query."""
    if not evaluation_open(audit):
        return Links()
    done = place is not None and Evaluation.objects.filter(place=place).exists()
    return Links(
        evaluate=place is not None and not done,
        own=done,
        named=can_read_evaluations(user, audit),
        anonymous=can_read_anonymous_evaluations(user),
    )
