"""Strengths and improvement points per norm (issue 10 item 3): the reading page with its
exports for SWN and the governance, and SWN's page to confirm the suggested norms of the
historic reports' points."""

from types import SimpleNamespace

from django.contrib import messages
from django.db import transaction
from django.http import QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from simple_history.utils import bulk_update_with_history

from kwaliteitslabel.accounts.rules import is_swn_staff
from kwaliteitslabel.common.access import require
from kwaliteitslabel.frameworks.models import Norm
from kwaliteitslabel.frameworks.services import highlight, search_terms
from kwaliteitslabel.reports.models import ReportPoint

from . import exports, rules
from .forms import filters_from
from .points import HIDDEN, points, table

PAGE = 25  # points per page on the confirm page (issue 10 item 3)
MAX_QUERY = 200


def _read(request):
    """(filter form, Filters or None, search words, error about the search or "")."""
    rest = request.GET.copy()
    query = rest.pop("q", [""])[-1].strip()
    form, filters = filters_from(SimpleNamespace(GET=rest if rest else QueryDict()))
    problem = ""
    if len(query) > MAX_QUERY:
        problem = f"Zoeken: gebruik hoogstens {MAX_QUERY} tekens."
    elif query and not search_terms(query):
        problem = "Zoeken: typ een woord van minstens twee letters."
    return form, filters, query, problem


@require(rules.can_read_trends)
def points_page(request):
    form, filters, query, problem = _read(request)
    found = points(filters, query) if filters and not problem else None
    terms = search_terms(query)
    if found and terms:  # the search words marked in the texts, as the norm search does
        for row in found.rows:
            row.texts = {k: [(highlight(t, terms), n) for t, n in v] for k, v in row.texts.items()}
    return render(
        request,
        "trends/points.html",
        {
            "form": form,
            "found": found,
            "q": query,
            "problem": problem,
            "min_group": rules.MIN_GROUP,
            "hidden": HIDDEN,
            "may_confirm": is_swn_staff(request.user),
            "query": request.GET.urlencode(),
        },
        status=200 if found else 400,
    )


def _export(request, kind: str):
    form, filters, query, problem = _read(request)
    if filters is None:
        return exports.refused(form)
    if problem:
        return exports.refused(SimpleNamespace(errors={"q": [problem]}))
    name = f"trends-punten-{filters.framework}"
    return exports.table(table(points(filters, query)), name, kind, "Punten per norm")


@require(rules.can_read_trends)
def points_csv(request):
    return _export(request, "csv")


@require(rules.can_read_trends)
def points_xlsx(request):
    return _export(request, "xlsx")


# --- SWN confirms the suggested norms of the historic reports' points -------------------------


def _awaiting():
    return ReportPoint.objects.filter(historic_report__isnull=False, norm__isnull=True)


def _choices(frameworks) -> dict[int, list]:
    """Per framework its norms grouped by rubric, for the selects; one query."""
    found: dict[int, dict[str, list]] = {}
    norms = Norm.objects.filter(framework_id__in=frameworks).select_related("rubric")
    for n in norms.order_by("rubric__position", "number"):
        text = n.text if len(n.text) <= 70 else n.text[:69].rstrip() + "…"
        groups = found.setdefault(n.framework_id, {})
        groups.setdefault(n.rubric.name, []).append((n.pk, f"{n.code} · {n.label}: {text}"))
    return {fw: list(groups.items()) for fw, groups in found.items()}


def _page_number(request) -> int | None:
    raw = request.GET.get("pagina", "1")
    return int(raw) if raw.isdigit() and int(raw) > 0 else None


def _confirm(request) -> tuple[list[str], int, int]:
    """(problems, confirmed, already confirmed by someone else); nothing changes on a problem."""
    chosen, problems = {}, []
    for raw in request.POST.getlist("punt"):
        value = request.POST.get(f"norm_{raw}", "")
        if not raw.isdigit() or (value and not value.isdigit()):
            problems.append("Norm: kies een norm uit de lijst.")
        elif value:
            chosen[int(raw)] = int(value)
    if problems or not chosen:
        return problems, 0, 0
    with transaction.atomic():
        rows = list(
            _awaiting()
            .filter(pk__in=chosen)
            .select_related("historic_report")
            .select_for_update(of=("self",))
        )
        allowed = dict(Norm.objects.filter(pk__in=chosen.values()).values_list("pk", "framework"))
        for row in rows:
            if allowed.get(chosen[row.pk]) != row.historic_report.framework_id:
                problems.append(f"Norm bij “{row.text}”: kies een norm uit de lijst.")
        if problems:
            return problems, 0, 0
        now = timezone.now()
        for row in rows:
            row.norm_id, row.confirmed_by, row.confirmed_at = chosen[row.pk], request.user, now
        fields = ["norm", "confirmed_by", "confirmed_at"]
        bulk_update_with_history(rows, ReportPoint, fields, default_user=request.user)
    return [], len(rows), len(chosen) - len(rows)


@require(is_swn_staff)
def points_confirm(request):
    number = _page_number(request)
    problems = [] if number else ["Pagina: kies een paginanummer, zoals 2."]
    if request.method == "POST" and number:
        problems, done, taken = _confirm(request)
        if not problems:
            messages.success(request, f"{done} punt{'en' if done != 1 else ''} bevestigd.")
            if taken:
                messages.warning(
                    request,
                    f"{taken} punt{'en' if taken != 1 else ''} had iemand anders intussen al "
                    "bevestigd; die zijn niet gewijzigd.",
                )
            return redirect(f"{reverse('trends:points_confirm')}?pagina={number}")
    awaiting = _awaiting().order_by("-historic_report__audit_date", "historic_report_id", "pk")
    total = awaiting.count()
    pages = max(1, -(-total // PAGE))
    number = min(number or 1, pages)
    rows = list(
        awaiting.select_related("historic_report__framework", "suggested_norm__rubric")[
            (number - 1) * PAGE : number * PAGE
        ]
    )
    choices = _choices({r.historic_report.framework_id for r in rows})
    for row in rows:
        row.choices = choices.get(row.historic_report.framework_id, [])
    return render(
        request,
        "trends/points_confirm.html",
        {
            "rows": rows,
            "total": total,
            "number": number,
            "pages": pages,
            "problems": problems,
        },
        status=400 if problems else 200,
    )
