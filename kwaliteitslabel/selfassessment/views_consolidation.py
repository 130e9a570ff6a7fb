"""The coordinator's pages: the organisation's answer per norm, readiness, close, postpone, compare."""

import copy

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.formats import date_format

from kwaliteitslabel.common.access import login_required
from kwaliteitslabel.common.forms import SAVED, response_status, save_form
from kwaliteitslabel.common.history import changes
from kwaliteitslabel.frameworks.models import Correspondence

from . import rules
from .access import get_self_assessment
from .aggregation import SCALE, NormAnswers, team_answers
from .forms_consolidation import CloseForm, ConsolidationForm, PostponeForm, missing_text
from .models import Consolidation
from .readiness import (
    CHART_HEIGHT,
    SEGMENTS,
    consolidations_of,
    norms_of,
    postpone_limit,
    readiness,
)

SORTS = {"verschil": "grootste verschil eerst", "code": "op code"}
WORDS = {key: word for key, word, *_ in SEGMENTS}


def team_counts(answers: NormAnswers) -> list[tuple[str, str, int]]:
    """(key, sign and word, number of people) per answer, in the scale's order."""
    return [(key, WORDS[key], answers.counts.get(key, 0)) for key, *_ in SEGMENTS[:-1]]


def closed_text(sa) -> str:
    return (
        f"Deze zelfevaluatie is afgerond op {date_format(sa.closed_on, 'j F Y')}. "
        "Het is nu de nulmeting: de antwoorden kunnen niet meer veranderen."
    )


def _context(request, sa, **extra):
    return {
        "sa": sa,
        "member": sa.member,
        "may_manage": rules.can_manage(request.user, sa),
        "may_edit": rules.can_edit(request.user, sa),
        **extra,
    }


@login_required
def consolidate(request, pk):
    sa = get_self_assessment(request, pk, rules.can_manage)
    sort = request.GET.get("volgorde", "verschil")
    if sort not in SORTS:
        sort = "verschil"
    team = team_answers(sa)
    given = consolidations_of(sa)
    rows = []
    for norm in norms_of(sa.framework):
        answers = team.get(norm.pk) or NormAnswers(norm.pk)
        rows.append(
            {
                "norm": norm,
                "team": answers,
                "counts": team_counts(answers),
                "given": given.get(norm.pk),
            }
        )
    if sort == "verschil":
        # Widest spread first; then the norms where the team has answered, in paper order.
        rows.sort(key=lambda row: (-row["team"].spread, row["team"].total == 0))
    done = sum(1 for row in rows if row["given"])
    return render(
        request,
        "selfassessment/consolidate_list.html",
        _context(
            request,
            sa,
            rows=rows,
            sort=sort,
            sorts=SORTS,
            done=done,
        ),
    )


@login_required
def consolidate_norm(request, pk, code):
    sa = get_self_assessment(request, pk, rules.can_manage)
    norms = norms_of(sa.framework)
    index = next((i for i, n in enumerate(norms) if n.code == code.upper()), None)
    if index is None:
        raise Http404("Deze norm bestaat niet in dit normenkader.")
    norm = norms[index]
    instance = (
        Consolidation.objects.filter(self_assessment=sa, norm=norm)
        .select_related("updated_by")
        .first()
    )
    may_edit = rules.can_edit(request.user, sa)
    status = 200
    form = None
    if may_edit:
        instance = instance or Consolidation(self_assessment=sa, norm=norm, updated_by=request.user)
        stored = copy.copy(instance)
        form = ConsolidationForm(request.POST or None, instance=instance)
        if form.is_bound:
            form.instance.updated_by = request.user
            if form.is_valid() and save_form(form):
                messages.success(request, SAVED)
                return redirect("selfassessment:consolidate_norm", pk=sa.pk, code=norm.code)
            status = response_status(form)
            instance = stored if stored.pk else None
    elif request.method == "POST":
        # Closed: nothing changes; say why.
        status = 403
        messages.error(
            request, closed_text(sa) if sa.is_closed else "U mag dit antwoord niet wijzigen."
        )
    answers = team_answers(sa).get(norm.pk) or NormAnswers(norm.pk)
    history = []
    if instance is not None and instance.pk:
        history = changes(
            Consolidation.history.filter(id=instance.pk),
            describe=lambda record: f"antwoord op {norm.code}",
        )
    return render(
        request,
        "selfassessment/consolidate_norm.html",
        _context(
            request,
            sa,
            norm=norm,
            form=form,
            given=instance if instance is not None and instance.pk else None,
            answers=answers,
            counts=team_counts(answers),
            previous_norm=norms[index - 1] if index > 0 else None,
            next_norm=norms[index + 1] if index + 1 < len(norms) else None,
            position=index + 1,
            count=len(norms),
            changes=history,
            closed_text=closed_text(sa) if sa.is_closed else "",
        ),
        status=status,
    )


@login_required
def readiness_page(request, pk):
    sa = get_self_assessment(request, pk, rules.can_view)
    return render(
        request,
        "selfassessment/readiness.html",
        _context(request, sa, result=readiness(sa), chart_height=CHART_HEIGHT),
    )


@login_required
def close(request, pk):
    sa = get_self_assessment(request, pk, rules.can_edit)
    missing = readiness(sa).missing
    form = CloseForm(request.POST or None, instance=copy.copy(sa), missing=missing)
    if form.is_valid() and save_form(form):
        messages.success(
            request,
            "De zelfevaluatie is afgerond. Dit is nu de nulmeting van de organisatie.",
        )
        return redirect("selfassessment:readiness", pk=sa.pk)
    return render(
        request,
        "selfassessment/close.html",
        _context(request, sa, form=form, missing=missing, missing_text=missing_text(missing)),
        status=response_status(form),
    )


@login_required
def postpone(request, pk):
    sa = get_self_assessment(request, pk, rules.can_manage)
    form = None
    if sa.is_closed:
        form = PostponeForm(request.POST or None, instance=copy.copy(sa))
        if form.is_valid() and save_form(form):
            messages.success(request, SAVED)
            return redirect("selfassessment:postpone", pk=sa.pk)
    return render(
        request,
        "selfassessment/postpone.html",
        _context(request, sa, form=form, limit=postpone_limit(sa)),
        status=response_status(form) if form else 200,
    )


def _previous_answers(sa) -> dict[int, str]:
    """Per norm id of this framework, the previous baseline's answer to the same norm."""
    previous = sa.previous
    given = {c.norm_id: c.verdict for c in Consolidation.objects.filter(self_assessment=previous)}
    if previous.framework_id == sa.framework_id:
        return given
    # Another framework version: follow the curated correspondence of earlier to later norms.
    result: dict[int, str] = {}
    links = Correspondence.later.through.objects.filter(
        correspondence__earlier__framework_id=previous.framework_id,
        norm__framework_id=sa.framework_id,
    ).values_list("correspondence__earlier_id", "norm_id")
    for earlier_id, later_id in links:
        if earlier_id in given:
            result.setdefault(later_id, given[earlier_id])
    return result


def direction(before: str | None, now: str | None) -> str:
    if before in SCALE and now in SCALE:
        return (
            "up" if SCALE[now] > SCALE[before] else "down" if SCALE[now] < SCALE[before] else "same"
        )
    if before is None or now is None:
        return "none"
    return "same" if before == now else "other"


DIRECTIONS = {
    "up": "↑ beter",
    "down": "↓ minder",
    "same": "= gelijk",
    "other": "anders (n.v.t.)",
    "none": "niet te vergelijken",
}


@login_required
def compare(request, pk):
    sa = get_self_assessment(request, pk, rules.can_view)
    rows, totals = [], dict.fromkeys(DIRECTIONS, 0)
    if sa.previous_id:
        sa = (
            type(sa)
            .objects.select_related("previous", "previous__framework", "framework")
            .get(pk=sa.pk)
        )
        before = _previous_answers(sa)
        now = {norm_id: c.verdict for norm_id, c in consolidations_of(sa).items()}
        for norm in norms_of(sa.framework):
            how = direction(before.get(norm.pk), now.get(norm.pk))
            totals[how] += 1
            rows.append(
                {
                    "norm": norm,
                    "before": WORDS.get(before.get(norm.pk), "geen antwoord"),
                    "now": WORDS.get(now.get(norm.pk), "geen antwoord"),
                    "how": how,
                    "how_text": DIRECTIONS[how],
                }
            )
    return render(
        request,
        "selfassessment/compare.html",
        _context(
            request,
            sa,
            rows=rows,
            totals=[(DIRECTIONS[key], n) for key, n in totals.items() if n],
        ),
    )
