"""The team round of a self-assessment: start it, invite the team, answer, see the team's answers.

Individual answers are private: a participant sees only their own; the member admin sees
counts per participant and, per norm, the team's answers in aggregate (aggregation.py).
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Max
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse

from kwaliteitslabel.accounts.rules import body_ids
from kwaliteitslabel.common.access import get_allowed, login_required
from kwaliteitslabel.frameworks.models import Norm, Rubric
from kwaliteitslabel.members import rules as member_rules
from kwaliteitslabel.members.models import Member

from . import rules
from .access import get_self_assessment
from .aggregation import MIN_GROUP
from .aggregation import team_answers as aggregate
from .forms_team import AnswerForm, LinkForm, PersonForm, StartForm
from .models import ANSWERS, Answer, Participant, SelfAssessment

RUBRIC_NAMES = dict(Rubric.Code.choices)


def _member(request, member_pk) -> Member:
    """The member if the user keeps it: 404 if they may not see it at all, else 403."""
    member = get_allowed(
        Member.objects.all(), member_rules.can_view_member, request.user, pk=member_pk
    )
    if not rules.can_start(request.user, member):
        raise PermissionDenied
    return member


def _norm_counts(framework_ids) -> dict[int, int]:
    rows = (
        Norm.objects.filter(framework_id__in=framework_ids)
        .values("framework_id")
        .annotate(n=Count("pk"))
    )
    return {r["framework_id"]: r["n"] for r in rows}


@login_required
def start(request, member_pk):
    member = _member(request, member_pk)
    form = StartForm(request.POST or None, member=member)
    if form.is_valid():
        sa = form.save(commit=False)
        sa.member = member
        sa.started_by = request.user
        sa.previous = (
            SelfAssessment.objects.filter(member=member, closed_on__isnull=False)
            .order_by("-closed_on", "-started_at")
            .first()
        )
        sa.save()
        messages.success(request, "De zelfevaluatie is begonnen. Nodig nu het team uit.")
        return redirect("selfassessment:detail", pk=sa.pk)
    return render(request, "selfassessment/start.html", {"form": form, "member": member})


@login_required
def member_list(request, member_pk):
    member = _member(request, member_pk)
    items = list(
        SelfAssessment.objects.filter(member=member)
        .select_related("framework")
        .annotate(
            participant_count=Count("participants", distinct=True),
            answered_norms=Count("participants__answers__norm", distinct=True),
        )
    )
    totals = _norm_counts({sa.framework_id for sa in items})
    for sa in items:
        sa.norm_count = totals.get(sa.framework_id, 0)
    return render(
        request, "selfassessment/member_list.html", {"member": member, "self_assessments": items}
    )


def _part_norms(self_assessment, participant):
    return (
        Norm.objects.filter(
            framework=self_assessment.framework, rubric__code__in=participant.rubrics
        )
        .select_related("rubric")
        .order_by("rubric__position", "number")
    )


def _participants_progress(self_assessment):
    """Each participant with counts only: answered, and norms in their part."""
    per_rubric = dict(
        Norm.objects.filter(framework=self_assessment.framework)
        .values_list("rubric__code")
        .annotate(n=Count("pk"))
    )
    people = list(
        self_assessment.participants.select_related("user").annotate(
            answered=Count("answers"), last_answer=Max("answers__updated_at")
        )
    )
    for p in people:
        p.to_answer = sum(per_rubric.get(code, 0) for code in p.rubrics)
        p.rubric_names = [RUBRIC_NAMES.get(code, code) for code in p.rubrics]
    return people


@login_required
def detail(request, pk):
    sa = get_self_assessment(request, pk)
    user = request.user
    context = {"sa": sa, "member": sa.member}
    if rules.can_manage(user, sa):
        answered = dict(
            Answer.objects.filter(participant__self_assessment=sa)
            .values_list("norm__rubric_id")
            .annotate(n=Count("norm", distinct=True))
        )
        rubrics = list(sa.framework.rubrics.annotate(norm_count=Count("norms")))
        feedback_days = list(sa.shares.values_list("feedback_at", flat=True))
        for r in rubrics:
            r.answered = answered.get(r.pk, 0)
        context.update(
            view="manage",
            rubrics=rubrics,
            participants=_participants_progress(sa),
            may_edit=rules.can_edit(user, sa),
            share_count=len(feedback_days),
            feedback_count=sum(1 for day in feedback_days if day),
        )
    elif (part := rules.participant(user, sa)) is not None:
        context.update(
            view="participant",
            part=part,
            rubric_names=[RUBRIC_NAMES.get(c, c) for c in part.rubrics],
            answered=part.answers.count(),
            to_answer=_part_norms(sa, part).count(),
            may_answer=rules.can_answer(user, sa),
        )
    else:
        # A body it was shared with: a read-only summary, never the team's answers.
        counts = dict(sa.consolidations.values_list("verdict").annotate(n=Count("pk")))
        context.update(
            view="body",
            share=sa.shares.filter(body_id__in=body_ids(user)).first(),
            norm_count=sa.framework.norms.count(),
            consolidated=[(label, counts.get(value, 0)) for value, label in ANSWERS],
            consolidated_total=sum(counts.values()),
        )
    return render(request, "selfassessment/detail.html", context)


@login_required
def team(request, pk):
    sa = get_self_assessment(request, pk, rules.can_edit)
    action = request.POST.get("action") if request.method == "POST" else None
    person_form = PersonForm(request.POST if action == "person" else None, self_assessment=sa)
    link_form = LinkForm(request.POST if action == "link" else None)
    if action == "person" and person_form.is_valid():
        user = person_form.cleaned_data["user"]
        Participant.objects.create(
            self_assessment=sa,
            user=user,
            name=user.name,
            rubrics=person_form.cleaned_data["rubrics"],
        )
        messages.success(request, f"{user.name} doet mee.")
        return redirect("selfassessment:team", pk=sa.pk)
    if action == "link" and link_form.is_valid():
        Participant.objects.create(
            self_assessment=sa,
            name=link_form.cleaned_data["name"],
            rubrics=link_form.cleaned_data["rubrics"],
        )
        messages.success(request, "De link voor het overleg is gemaakt. U vindt hem in de lijst.")
        return redirect("selfassessment:team", pk=sa.pk)
    if action == "remove":
        part = sa.participants.filter(pk=request.POST.get("participant") or 0).first()
        if part is None:
            raise Http404("Niet gevonden.")
        if request.POST.get("confirm") != "yes":
            # A destructive step asks first and says what follows (UX.md "Conventions").
            return render(
                request,
                "selfassessment/team_remove.html",
                {"sa": sa, "member": sa.member, "part": part, "answered": part.answers.count()},
            )
        part.delete()
        messages.success(request, f"{part.name} doet niet meer mee. De antwoorden zijn verwijderd.")
        return redirect("selfassessment:team", pk=sa.pk)
    participants = _participants_progress(sa)
    for p in participants:
        if p.user_id is None:
            p.link = request.build_absolute_uri(
                reverse("selfassessment:answer_by_link", kwargs={"token": p.token})
            )
    return render(
        request,
        "selfassessment/team.html",
        {
            "sa": sa,
            "member": sa.member,
            "participants": participants,
            "person_form": person_form,
            "link_form": link_form,
        },
        status=400 if action in ("person", "link") else 200,
    )


def _answer_page(request, sa, part, page_url):
    """Shared by the logged-in answer page and the meeting link: the norms of `part` only."""
    norms = list(_part_norms(sa, part))
    by_code = {n.code: n for n in norms}
    answers = {a.norm_id: a for a in part.answers.all()}
    status = 200
    refused = None
    bound = {}
    if request.method == "POST":
        code = (request.POST.get("norm") or "").strip().upper()
        norm = by_code.get(code)
        if sa.is_closed:
            refused = "Deze zelfevaluatie is afgerond. Er kan niets meer worden ingevuld."
            status = 409
        elif norm is None:
            refused = (
                f"Norm {code or '(geen)'} hoort niet bij uw deel van de zelfevaluatie. "
                "Er is niets opgeslagen."
            )
            status = 400
        else:
            form = AnswerForm(request.POST, code=code)
            if form.is_valid():
                Answer.objects.update_or_create(
                    participant=part,
                    norm=norm,
                    defaults={
                        "verdict": form.cleaned_data["verdict"],
                        "example": form.cleaned_data["example"],
                    },
                )
                messages.success(request, f"Opgeslagen: {code}.")
                if request.POST.get("mode") == "one":
                    nxt = norms[norms.index(norm) + 1] if norm is not norms[-1] else None
                    target = nxt.code if nxt else code
                    return redirect(f"{page_url}?norm={target}")
                return redirect(f"{page_url}#norm-{code}")
            bound[code] = form
            status = 400
    one = request.GET.get("norm", "").strip().upper() or None
    if one is not None and one not in by_code:
        one = None
    rows = []
    for n in norms:
        a = answers.get(n.pk)
        form = bound.get(n.code) or AnswerForm(
            code=n.code, initial={"verdict": a.verdict, "example": a.example} if a else None
        )
        rows.append({"norm": n, "answer": a, "form": form})
    context = {
        "sa": sa,
        "part": part,
        "rows": rows,
        "page_url": page_url,
        "answered": len(answers),
        "closed": sa.is_closed,
        "refused": refused,
        "rubric_names": [RUBRIC_NAMES.get(c, c) for c in part.rubrics],
        "first_open": next((r["norm"].code for r in rows if r["answer"] is None), None),
    }
    if one is not None:
        i = [r["norm"].code for r in rows].index(one)
        context.update(
            row=rows[i],
            previous=rows[i - 1]["norm"] if i > 0 else None,
            next=rows[i + 1]["norm"] if i + 1 < len(rows) else None,
            position=i + 1,
        )
        return render(request, "selfassessment/answer_one.html", context, status=status)
    return render(request, "selfassessment/answer.html", context, status=status)


@login_required
def answer(request, pk):
    sa = get_self_assessment(request, pk, rules.can_answer)
    part = rules.participant(request.user, sa)
    return _answer_page(request, sa, part, reverse("selfassessment:answer", kwargs={"pk": sa.pk}))


def answer_by_link(request, token):
    """Public: the token is the key. Used in a team meeting, without an account."""
    part = (
        Participant.objects.select_related("self_assessment__framework", "self_assessment__member")
        .filter(token=token, user__isnull=True)
        .first()
    )
    if part is None:
        raise Http404("Deze link bestaat niet (meer).")
    url = reverse("selfassessment:answer_by_link", kwargs={"token": token})
    return _answer_page(request, part.self_assessment, part, url)


SPREAD = {0: "eens", 1: "één stap verschil", 2: "ver uiteen (+ en -)"}


@login_required
def team_answers(request, pk):
    sa = get_self_assessment(request, pk, rules.can_manage)
    result = aggregate(sa)
    norms = Norm.objects.filter(framework=sa.framework).select_related("rubric")
    rows = []
    for n in norms.order_by("rubric__position", "number"):
        entry = result.get(n.pk)
        rows.append(
            {
                "norm": n,
                "entry": entry,
                "counts": [entry.counts[v] if entry else 0 for v, _ in ANSWERS],
                "spread": SPREAD.get(entry.spread) if entry and entry.total else None,
            }
        )
    return render(
        request,
        "selfassessment/team_answers.html",
        {
            "sa": sa,
            "member": sa.member,
            "rows": rows,
            "answers": ANSWERS,
            "min_group": MIN_GROUP,
        },
    )
