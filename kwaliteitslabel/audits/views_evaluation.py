"""The team's evaluation of an audit (Bijlage 9 "Werkwijze"): fill it in, read it back.

A team member evaluates once, after the findings are closed. The body's admin reads the
evaluations with names, as the one who answers for the team. SWN reads them without names,
roles or times, per audit and across audits: SWN knows which audits take place and which
body did them, so the audit and the body may show; who answered what may not.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Prefetch
from django.shortcuts import redirect, render

from kwaliteitslabel.common.access import get_allowed, login_required, require

from . import evaluation
from . import rules_audit as rules
from .forms_evaluation import EvaluationForm
from .models_audit import Audit, TeamMember
from .models_findings import Evaluation

ALREADY = "U hebt deze toetsing al geëvalueerd. Een ingestuurde evaluatie verandert niet meer."


def _audit(request, pk, rule) -> Audit:
    """The audit with its team, each with the person and their evaluation (two queries)."""
    audit = get_allowed(
        Audit.objects.select_related("member", "body").prefetch_related(
            Prefetch("team", queryset=TeamMember.objects.select_related("user", "evaluation"))
        ),
        rules.can_view,
        request.user,
        pk=pk,
    )
    if not rule(request.user, audit):
        raise PermissionDenied
    return audit


def _evaluation_of(place):
    return getattr(place, "evaluation", None)  # None when the reverse one-to-one is empty


@login_required
def evaluation_form(request, pk):
    audit = _audit(request, pk, rules.can_evaluate)
    place = rules.team_place(request.user, audit)
    submitted = _evaluation_of(place)
    is_open = rules.evaluation_open(audit)
    questionnaire = evaluation.current()
    form = None
    if request.method == "POST":
        if not is_open:
            raise PermissionDenied
        if submitted is not None:
            messages.error(request, ALREADY)
            return redirect("audits:evaluation_form", pk=audit.pk)
        form = EvaluationForm(request.POST, questionnaire=questionnaire)
        if form.is_valid():
            try:
                evaluation.submit(place, form.answers(), questionnaire)
            except evaluation.AlreadySubmitted:  # a second tab or a double click got there first
                messages.error(request, ALREADY)
                return redirect("audits:evaluation_form", pk=audit.pk)
            except evaluation.Refused as refused:
                for key, message in refused.errors.items():
                    form.add_error(key if key in form.fields else None, message)
            else:
                messages.success(request, "Dank u wel. Uw evaluatie is vastgelegd.")
                return redirect("audits:evaluation_form", pk=audit.pk)
    elif is_open and submitted is None:
        form = EvaluationForm(questionnaire=questionnaire)
    return render(
        request,
        "audits/evaluation_form.html",
        {
            "audit": audit,
            "place": place,
            "is_open": is_open,
            "form": form,
            "submitted": submitted,
            "answers": evaluation.questions_of(submitted.answers) if submitted else [],
            "min_group": evaluation.MIN_GROUP,
        },
        status=400 if form is not None and form.is_bound else 200,
    )


@login_required
def evaluation_named(request, pk):
    """The body's admin: every evaluation with the team member's name and role."""
    audit = _audit(request, pk, rules.can_read_evaluations)
    team = list(audit.team.all())
    done = [(p, evaluation.questions_of(p.evaluation.answers)) for p in team if _evaluation_of(p)]
    return render(
        request,
        "audits/evaluation_named.html",
        {
            "audit": audit,
            "is_open": rules.evaluation_open(audit),
            "done": done,
            "waiting": [p for p in team if _evaluation_of(p) is None],
            "rows": evaluation.summary([p.evaluation.answers for p, _ in done]),
        },
    )


@require(rules.can_read_anonymous_evaluations)
def evaluation_anonymous(request, pk):
    """SWN: one audit's evaluations without names, roles or times, in an order by the answers.

    Only the answers are read: the team's names never reach the template."""
    audit = get_allowed(
        Audit.objects.select_related("member", "body").annotate(
            team_size=Count("team", distinct=True)
        ),
        rules.can_view,
        request.user,
        pk=pk,
    )
    stored = list(Evaluation.objects.filter(place__audit=audit).values_list("answers", flat=True))
    shown = len(stored) >= evaluation.MIN_GROUP
    return render(
        request,
        "audits/evaluation_anonymous.html",
        {
            "audit": audit,
            "is_open": rules.evaluation_open(audit),
            "count": len(stored),
            "shown": shown,
            "min_group": evaluation.MIN_GROUP,
            "rows": evaluation.summary(stored) if shown else [],
        },
    )


@require(rules.can_read_anonymous_evaluations)
def evaluation_overview(request):
    """SWN: every evaluation added up per question, and per audit how many of the team answered.

    The remarks show without audit or body: next to the per-audit counts a body would narrow
    a remark down to a few people."""
    stored = list(Evaluation.objects.values_list("answers", flat=True))
    shown = len(stored) >= evaluation.MIN_GROUP
    audits = (
        Audit.objects.exclude(status__in=rules.EVALUATION_TOO_EARLY)
        .select_related("member", "body")
        .annotate(
            team_size=Count("team", distinct=True),
            evaluated=Count("team__evaluation", distinct=True),
        )
        .order_by("-requested_at")
    )
    return render(
        request,
        "audits/evaluation_overview.html",
        {
            "count": len(stored),
            "shown": shown,
            "min_group": evaluation.MIN_GROUP,
            "rows": evaluation.summary(stored) if shown else [],
            "audits": audits,
        },
    )
