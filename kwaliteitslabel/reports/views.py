"""The report's pages: part A and part B, the lead's texts, the files, SWN's check (issue 8)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.text import slugify

from kwaliteitslabel.audits import findings
from kwaliteitslabel.audits.views_audit import _audit, _refused, form_step
from kwaliteitslabel.audits.workflow import Refused
from kwaliteitslabel.common.access import login_required
from kwaliteitslabel.common.content_types import DOCX
from kwaliteitslabel.common.forms import refused_status, save_form

from . import checks, content, pdf, points, rules, summary, word
from .forms import ReasonForm, ReportForm
from .models import Report


def _links(user, audit) -> dict:
    return {
        "may_read_a": rules.can_read_part_a(user, audit),
        "may_read_b": rules.can_read_part_b(user, audit),
        "may_write": rules.can_write(user, audit),
        "may_check": rules.can_check_summary(user, audit),
        "may_corrections": rules.can_read_corrections(user, audit),
        "may_request_b": rules.can_request_part_b(user, audit)
        and not rules.can_read_part_b(user, audit),
    }


@login_required
def part_a(request, pk):
    audit = _audit(request, pk, rules.can_read_part_a)
    report = content.build(audit)
    context = {"audit": audit, "report": report, **_links(request.user, audit)}
    if rules.can_write(request.user, audit) or rules.can_check_summary(request.user, audit):
        context["checks"] = checks.summary_checks(report)
        context["checks_passed"] = checks.passed(context["checks"])
    if rules.can_write(request.user, audit):
        # Issue 10 item 3: not a condition for sending part A, but the lead sees what is left.
        written = Report.objects.filter(audit=audit).first()
        found = points.current_lines(written) if written else []
        context["points"] = (sum(p.norm_id is None for p in found), len(found))
    return render(request, "reports/part_a.html", context)


@login_required
def part_b(request, pk):
    audit = _audit(request, pk, rules.can_read_part_b)
    report = content.build(audit)
    context = {"audit": audit, "report": report, **_links(request.user, audit)}
    if rules.can_write(request.user, audit):
        records = list(findings.with_sources(audit))
        context["warnings"] = checks.consistency_warnings(report, records)
    return render(request, "reports/part_b.html", context)


@login_required
def write(request, pk):
    audit = _audit(request, pk, rules.can_write)
    report = Report.objects.filter(audit=audit).first() or Report(audit=audit)
    form = ReportForm(request.POST or None, instance=report)
    if form.is_valid():
        form.instance.updated_by = request.user
        if save_form(form):
            messages.success(request, "De teksten van deel A zijn opgeslagen.")
            return redirect("reports:part_a", pk=audit.pk)
    return render(
        request,
        "reports/write.html",
        {"audit": audit, "form": form, "unlinked": form.unlinked, "lines": len(form.lines)},
        status=refused_status(form) if form.is_bound else 200,
    )


def _download(request, pk, renderer, extension, content_type):
    audit = _audit(request, pk)
    parts = request.GET.get("delen", "ab")
    if parts not in ("a", "ab"):
        parts = "ab"
    allowed = rules.can_read_part_b if parts == "ab" else rules.can_read_part_a
    if not allowed(request.user, audit):
        raise PermissionDenied
    body = renderer.render(content.build(audit), parts)
    name = f"rapport-{'deel-a-' if parts == 'a' else ''}{slugify(audit.member.name)}.{extension}"
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
def report_pdf(request, pk):
    return _download(request, pk, pdf, "pdf", "application/pdf")


@login_required
def report_docx(request, pk):
    return _download(
        request,
        pk,
        word,
        "docx",
        DOCX,
    )


@login_required
def request_part_b(request, pk):
    audit = _audit(request, pk, rules.can_request_part_b)
    return form_step(
        request,
        audit,
        ReasonForm(request.POST or None),
        "reports/request_part_b.html",
        lambda data: summary.request_part_b(audit, request.user, data["reason"]),
        "Deel B is opgevraagd; de instelling en het lid krijgen bericht.",
        to="reports:part_b",
    )


@login_required
def check(request, pk):
    """SWN's secretariat: the platform's checks first, then confirm or return (B6 13-14)."""
    audit = _audit(request, pk, rules.can_check_summary)
    form = ReasonForm(request.POST if request.POST.get("action") == "return" else None)
    if request.method == "POST":
        try:
            if request.POST.get("action") == "accept":
                summary.accept(audit, request.user)
                messages.success(
                    request, "Ontvangst bevestigd; de instelling en het lid krijgen bericht."
                )
                return redirect("audits:audit_detail", pk=audit.pk)
            if form.is_valid():
                summary.return_to_body(audit, request.user, form.cleaned_data["reason"])
                messages.success(request, "Deel A is teruggestuurd naar de instelling.")
                return redirect("audits:audit_detail", pk=audit.pk)
        except Refused as refused:
            _refused(request, refused)
    report = content.build(audit)
    results = checks.summary_checks(report)
    return render(
        request,
        "reports/check.html",
        {
            "audit": audit,
            "report": report,
            "checks": results,
            "checks_passed": checks.passed(results),
            "form": form,
        },
        status=400 if request.method == "POST" else 200,
    )
