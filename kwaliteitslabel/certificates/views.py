"""SWN's pages for issuing and following certificates (issue 9 items 1, 7, 8)."""

from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from kwaliteitslabel.audits import deadlines
from kwaliteitslabel.audits import rules_audit as audit_rules
from kwaliteitslabel.audits.models import Audit
from kwaliteitslabel.audits.views_audit import _audit, _refused, allow
from kwaliteitslabel.audits.workflow import Refused
from kwaliteitslabel.common.access import get_allowed, login_required, require

from . import cards, issuing, rules
from .forms import IssueForm
from .models import Certificate


@require(rules.can_see_overview)
def inbox(request):
    """Part A's confirmed with a positive advice: certificates to issue (Bijlage 6 stap 15)."""
    audits = deadlines.with_event_dates(
        Audit.objects.filter(status=Audit.Status.SUMMARY_ACCEPTED).select_related(
            "member", "body", "framework"
        )
    ).order_by("last_event")
    rows = [(a, next(iter(deadlines.running(a)), (None, None))[1]) for a in audits]
    return render(
        request,
        "certificates/inbox.html",
        {"rows": rows, "today": timezone.localdate(), "may_issue": rules.can_issue(request.user)},
    )


@login_required
def issue(request, pk):
    audit = _audit(request, pk, lambda user, audit: rules.can_issue(user))
    if request.method == "POST":
        allow(request, audit, rules.can_issue_from)
    today = timezone.localdate()
    work_types = issuing.scope_work_types(audit)
    form = IssueForm(
        request.POST or None,
        work_types=work_types,
        initial={
            "number": issuing.next_number(today),
            "work_types": [str(w.pk) for w in work_types],
        },
    )
    plan, plan_problems = issuing.plan(audit, today)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            certificate = issuing.issue(audit, request.user, data["number"], data["work_types"])
        except Refused as refused:
            _refused(request, refused)
        else:
            messages.success(
                request,
                f"Certificaat {certificate.number} uitgereikt. Het lid, de instelling, de "
                "adviseurs en de beheercommissie krijgen bericht.",
            )
            return redirect("certificates:detail", number=certificate.number)
    problems = issuing.problems(
        audit, form["number"].value() or "", [w.pk for w in work_types], today
    )
    return render(
        request,
        "certificates/issue.html",
        {"audit": audit, "form": form, "plan": plan, "problems": problems or plan_problems},
        status=400 if form.is_bound else 200,
    )


@require(rules.can_see_overview)
def overview(request):
    today = timezone.localdate()
    groups, valid = cards.attention(today)
    return render(
        request, "certificates/overview.html", {"groups": groups, "valid": valid, "today": today}
    )


@login_required
def detail(request, number):
    certificate = get_allowed(
        Certificate.objects.select_related(
            "member", "body", "framework", "audit", "previous"
        ).prefetch_related("work_types"),
        rules.can_read,
        request.user,
        number=number,
    )
    today = timezone.localdate()
    (card,) = cards.cards([certificate], today)
    return render(
        request,
        "certificates/detail.html",
        {
            "certificate": certificate,
            "card": card,
            "state": card.state,
            "label": card.label,
            "events": certificate.events.select_related("by"),
            "successor": certificate.continued_by(),
            "may_press": rules.can_use_press_kit(request.user, certificate),
            "may_open_audit": certificate.audit is not None
            and audit_rules.can_view(request.user, certificate.audit),
            "verify_url": settings.SITE_URL
            + reverse("certificates:verify", args=[certificate.number]),
        },
    )
