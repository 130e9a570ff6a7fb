"""Public, read-only: the framework versions, their norms and crosswalks."""

from typing import Literal

from django.db.models import Count
from ninja import Router, Schema
from ninja.errors import HttpError

from kwaliteitslabel.frameworks import services
from kwaliteitslabel.frameworks.models import Framework

from .errors import Error

router = Router(tags=["normenkaders"])


class Thresholds(Schema):
    max_not_met: int
    max_partly: int


class FrameworkOut(Schema):
    version: str
    title: str
    status: str
    norm_count: int
    thresholds: Thresholds | None


class NormOut(Schema):
    code: str
    rubric: Literal["V", "D", "O"]
    number: int
    text: str
    examples: str
    questions: list[str]
    evidence_examples: list[str]


class CrosswalkRowOut(Schema):
    norm: str
    clauses: list[str]
    branch_specific: Literal["wholly", "partly", "no"] | None
    comparison: str | None
    via: list[str]


def _framework(version: str) -> Framework:
    framework = Framework.objects.filter(version=version).first()
    if framework is None:
        raise HttpError(404, f"Normenkader '{version}' bestaat niet.")
    return framework


@router.get("", response=list[FrameworkOut])
def list_frameworks(request):
    frameworks = Framework.objects.annotate(norm_count=Count("norms")).order_by("version")
    return [
        {
            "version": f.version,
            "title": f.title,
            "status": f.status,
            "norm_count": f.norm_count,
            "thresholds": (
                {"max_not_met": f.max_not_met, "max_partly": f.max_partly}
                if f.has_thresholds
                else None
            ),
        }
        for f in frameworks
    ]


@router.get("/{version}/norms", response={200: list[NormOut], 404: Error})
def list_norms(request, version: str):
    framework = _framework(version)
    return [
        {
            "code": n.code,
            "rubric": n.rubric.code,
            "number": n.number,
            "text": n.text,
            "examples": n.examples,
            "questions": n.questions,
            "evidence_examples": n.evidence_examples,
        }
        for n in services.norms_of(framework)
    ]


@router.get("/{version}/crosswalk/{slug}", response={200: list[CrosswalkRowOut], 404: Error})
def crosswalk(request, version: str, slug: str):
    result = services.crosswalk_rows(_framework(version), slug)
    if result is None:
        raise HttpError(404, f"Normenkader '{version}' heeft geen vergelijking '{slug}'.")
    return [
        {
            "norm": row.norm.code,
            "clauses": [c.number for c in row.clauses],
            "branch_specific": row.branch_specific,
            "comparison": row.comparison,
            "via": [n.code for n in row.via],
        }
        for row in result[1]
    ]
