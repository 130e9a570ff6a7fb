"""Self-assessment against audit (issue 10 item 4): the sector's picture for SWN and the
governance, and each member's own comparison for its own admins; both as CSV and Excel."""

from django.http import Http404, HttpResponse
from django.shortcuts import render

from kwaliteitslabel.accounts import rules as accounts
from kwaliteitslabel.common.access import require

from . import exports, rules
from .forms import filters_from
from .selfcheck import AGREED, OVER, UNDER, WORDS, own_audits, selfcheck

KINDS = (OVER, UNDER, AGREED)
NOT_SHOWN = f"minder dan {rules.MIN_GROUP} toetsingen vergeleken: niet getoond"


@require(rules.can_read_trends)
def selfcheck_page(request):
    form, filters = filters_from(request)
    found = selfcheck(filters) if filters else None
    groups, top = [], 10
    if found is not None and found.shown:
        shown = [r for r in found.rows if r.shown]
        # The bars' scale: up to the next ten per cent of the widest bar, either side.
        widest = max((max(r.over, r.under) for r in shown), default=0)
        top = max(10, -(-int(widest) // 10) * 10)
        groups = [(name, rows, 10 * (len(rows) + 2)) for name, rows in found.by_rubric()]
    return render(
        request,
        "trends/selfcheck.html",
        {
            "form": form,
            "found": found,
            "groups": groups,
            "top": top,
            "span": 2 * top,
            "words": {k: WORDS[k] for k in KINDS},
            "min_group": rules.MIN_GROUP,
            "query": request.GET.urlencode(),
        },
        status=200 if filters else 400,
    )


def _table(found) -> list[list]:
    """The numbers of the page as rows, for CSV and Excel alike (issue 10 item 6)."""
    rows = [
        ["norm", "rubriek", "toetsingen vergeleken"]
        + [f"{WORDS[k]} (aantal)" for k in KINDS]
        + [f"{WORDS[k]} (%)" for k in KINDS]
        + ["opmerking"]
    ]
    if found.shown:
        for row in found.rows:
            start = [row.norm.code, row.norm.rubric.name]
            if row.shown:
                rows.append(
                    start
                    + [row.compared]
                    + [row.counts[k] for k in KINDS]
                    + [row.share(k) for k in KINDS]
                    + [""]
                )
            else:
                rows.append(start + [None] * 7 + [NOT_SHOWN])
    return rows


def _export(request, kind: str) -> HttpResponse:
    form, filters = filters_from(request)
    if filters is None:
        return exports.refused(form)
    rows = _table(selfcheck(filters))
    name = f"trends-zelfevaluatie-{filters.framework}"
    return exports.table(rows, name, kind, "Zelfevaluatie en toetsing")


@require(rules.can_read_trends)
def selfcheck_csv(request):
    return _export(request, "csv")


@require(rules.can_read_trends)
def selfcheck_xlsx(request):
    return _export(request, "xlsx")


def _own_member(request):
    """The member whose comparison is asked (`?lid=`, default the first the user keeps):
    another member's id answers 404, as for any object outside the user's set."""
    members = sorted(accounts.member_admin_of(request.user), key=lambda m: m.name)
    asked = request.GET.get("lid", "")
    if not asked:
        return members, members[0]
    if not asked.isdigit():
        return members, None
    member = next((m for m in members if m.pk == int(asked)), None)
    if member is None:
        raise Http404("Niet gevonden.")
    return members, member


BAD_MEMBER = "Lidorganisatie: kies een van uw eigen organisaties."


@require(rules.can_read_own_selfcheck)
def my_selfcheck(request):
    members, member = _own_member(request)
    if member is None:
        return HttpResponse(BAD_MEMBER, status=400, content_type="text/plain; charset=utf-8")
    return render(
        request,
        "trends/selfcheck_mine.html",
        {
            "member": member,
            "members": members,
            "audits": own_audits(member),
            "query": f"lid={member.pk}",
        },
    )


def _own_table(member) -> list[list]:
    rows = [
        [
            "toetsing (laatste auditdag)",
            "certificerende instelling",
            "zelfevaluatie",
            "norm",
            "rubriek",
            "antwoord van de organisatie",
            "oordeel van de toetsing",
            "verschil",
        ]
    ]
    for check in own_audits(member):
        a = check.audit
        for r in check.rows:
            rows.append(
                [
                    a.last_day.isoformat() if a.last_day else "",
                    a.body.name,
                    a.self_assessment.title,
                    r.norm.code,
                    r.norm.rubric.name,
                    r.own_label,
                    r.audit_label,
                    r.word,
                ]
            )
    return rows


def _own_export(request, kind: str) -> HttpResponse:
    _, member = _own_member(request)
    if member is None:
        return HttpResponse(BAD_MEMBER, status=400, content_type="text/plain; charset=utf-8")
    name = f"zelfevaluatie-en-toetsing-{member.pk}"
    return exports.table(_own_table(member), name, kind, "Zelfevaluatie en toetsing")


@require(rules.can_read_own_selfcheck)
def my_selfcheck_csv(request):
    return _own_export(request, "csv")


@require(rules.can_read_own_selfcheck)
def my_selfcheck_xlsx(request):
    return _own_export(request, "xlsx")
