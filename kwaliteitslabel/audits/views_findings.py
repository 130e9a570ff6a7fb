"""The team's working pages: interviews and documents, findings per norm, closing (issue 6)."""

import datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from kwaliteitslabel.common.access import login_required
from kwaliteitslabel.common.forms import refused_status, save_form

from . import finding_history, findings, workflow
from . import rules_findings as rules
from .forms_findings import DocumentForm, FindingForm, InterviewForm
from .models_findings import Document, Interview
from .views_audit import _audit, _refused, confirm_remove

# Someone else saved this norm this recently: say so before the user starts typing.
RECENT = datetime.timedelta(minutes=15)


def _remove(request, audit, model, noun):
    """Remove an interview or document after confirmation, unless a finding rests on it."""
    obj = model.objects.filter(audit=audit, pk=request.POST.get("pk") or 0).first()
    if obj is None:
        return redirect("audits:audit_sources", pk=audit.pk)
    used = sorted(f.norm.code for f in obj.findings.select_related("norm__rubric"))
    if used:
        messages.error(
            request,
            f"‘{obj}’ is een bron bij {', '.join(used)}. Haal het daar eerst weg; "
            "er is niets verwijderd.",
        )
        return redirect("audits:audit_sources", pk=audit.pk)
    if request.POST.get("confirm") != "yes":
        return confirm_remove(
            request,
            audit,
            f"{noun.capitalize()} verwijderen?",
            f"‘{obj}’ verdwijnt uit de lijst van deze toetsing. Geen bevinding rust erop.",
            [("action", request.POST["action"]), ("pk", obj.pk)],
            reverse("audits:audit_sources", args=[audit.pk]),
        )
    obj.delete()
    messages.success(request, f"‘{obj}’ is verwijderd.")
    return redirect("audits:audit_sources", pk=audit.pk)


@login_required
def audit_sources(request, pk):
    audit = _audit(request, pk, rules.can_read_sources)
    editable = rules.can_edit_sources(request.user, audit)
    action = request.POST.get("action")
    if request.method == "POST" and not editable:
        raise PermissionDenied
    if action == "remove_interview":
        return _remove(request, audit, Interview, "gesprek")
    if action == "remove_document":
        return _remove(request, audit, Document, "document")
    interview_form = InterviewForm(
        request.POST if action == "interview" else None, audit=audit, prefix="interview"
    )
    document_form = DocumentForm(
        request.POST if action == "document" else None, audit=audit, prefix="document"
    )
    bound = interview_form if action == "interview" else document_form
    if action in ("interview", "document") and bound.is_valid():
        saved = bound.save()
        messages.success(request, f"‘{saved}’ is toegevoegd.")
        return redirect(f"{request.path}#{action}s")
    documents = list(audit.documents.select_related("rubric"))
    rubrics = [
        (rubric, [d for d in documents if d.rubric_id == rubric.pk])
        for rubric in audit.framework.rubrics.all()
    ]
    return render(
        request,
        "audits/sources.html",
        {
            "audit": audit,
            "editable": editable,
            "interviews": audit.interviews.select_related("day"),
            "rubrics": rubrics,
            "interview_form": interview_form,
            "document_form": document_form,
        },
        status=400 if action in ("interview", "document") else 200,
    )


@login_required
def findings_overview(request, pk):
    audit = _audit(request, pk, rules.can_read_findings)
    records = list(findings.with_sources(audit))
    return render(
        request,
        "audits/findings.html",
        {
            "audit": audit,
            "results": findings.result_per_rubric(records),
            "records": records,
            "outcome": findings.outcome(audit, records) if records else None,
            "few_sources": findings.few_sources(records),
            "assessed": sum(1 for f in records if f.verdict != "not_assessed"),
            "may_record": rules.can_record(request.user, audit),
            "may_close": rules.can_close(request.user, audit),
            "may_read_history": rules.can_read_history(request.user, audit),
        },
    )


def _neighbours(audit, finding):
    """Previous and next norm codes, and the verdicts of all norms for the strip."""
    strip = list(
        audit.findings.select_related("norm__rubric").only(
            "audit", "verdict", "norm__number", "norm__rubric__code", "norm__rubric__position"
        )
    )
    index = next(i for i, f in enumerate(strip) if f.pk == finding.pk)
    previous = strip[index - 1] if index > 0 else None
    following = strip[index + 1] if index + 1 < len(strip) else None
    return strip, index + 1, previous, following


def _autosave_reply(form, finding, saved):
    if saved is not None:
        return JsonResponse(
            {
                "saved": True,
                "version": saved.version,
                "at": timezone.localtime(saved.updated_at).strftime("%H:%M:%S"),
                "sources": saved.interviews.count() + saved.documents.count(),
            }
        )
    status = refused_status(form)
    errors = {name: [str(e) for e in errs] for name, errs in form.errors.items()}
    reply = {"saved": False, "errors": errors}
    if status == 409:
        finding.refresh_from_db()
        reply["by"] = finding.updated_by.name if finding.updated_by else ""
        reply["at"] = timezone.localtime(finding.updated_at).strftime("%H:%M")
    return JsonResponse(reply, status=status)


@login_required
def finding_edit(request, pk, code):
    audit = _audit(request, pk, rules.can_read_findings)
    finding = findings.find(audit, code)
    if finding is None:
        raise Http404("Deze norm hoort niet bij het normenkader van de toetsing.")
    may_record = rules.can_record(request.user, audit)
    if request.method == "POST" and not may_record:
        if audit.status == audit.Status.FINDINGS_CLOSED and rules.can_read_findings(
            request.user, audit
        ):
            messages.error(
                request,
                "De bevindingen zijn vastgesteld; wijzigingen lopen via het verslag. "
                "Er is niets opgeslagen.",
            )
            return redirect("audits:finding", pk=audit.pk, code=code)
        raise PermissionDenied
    strip, position, previous, following = _neighbours(audit, finding)
    finding.audit = audit
    form = FindingForm(request.POST or None, instance=finding) if may_record else None
    autosave = request.headers.get("X-Autosave") == "1"
    if form is not None and form.is_bound:
        saved = None
        if form.is_valid():
            form.instance.updated_by = request.user
            saved = save_form(form)
        if autosave:
            return _autosave_reply(form, finding, saved)
        if saved is not None:
            messages.success(request, f"{finding.norm.code} is opgeslagen.")
            go = following if request.POST.get("go") == "next" and following else finding
            return redirect("audits:finding", pk=audit.pk, code=go.norm.code)
    recent_other = (
        may_record
        and finding.updated_by_id not in (None, request.user.pk)
        and timezone.now() - finding.updated_at < RECENT
    )
    return render(
        request,
        "audits/finding.html",
        {
            "audit": audit,
            "finding": finding,
            "norm": finding.norm,
            "form": form,
            "strip": strip,
            "position": position,
            "previous": previous,
            "following": following,
            "recent_other": recent_other,
            "answer": findings.self_assessment_answer(audit, finding.norm),
            "sources": (finding.interviews.count() + finding.documents.count()),
            "may_read_history": rules.can_read_history(request.user, audit),
        },
        status=refused_status(form) if form is not None and form.is_bound else 200,
    )


@login_required
def findings_close(request, pk):
    audit = _audit(request, pk, rules.can_close)
    records = list(findings.with_sources(audit))
    if request.method == "POST":
        try:
            workflow.close_findings(
                audit, request.user, seen_few_sources=request.POST.get("seen") == "yes"
            )
        except workflow.Refused as refused:
            _refused(request, refused)
            return redirect("audits:findings_close", pk=audit.pk)
        messages.success(request, "De bevindingen zijn vastgesteld.")
        return redirect("audits:audit_detail", pk=audit.pk)
    return render(
        request,
        "audits/findings_close.html",
        {
            "audit": audit,
            "problems": workflow.closing_problems(audit, records),
            "few_sources": findings.few_sources(records),
            "results": findings.result_per_rubric(records),
            "outcome": findings.outcome(audit, records) if records else None,
        },
    )


@login_required
def findings_history(request, pk):
    audit = _audit(request, pk, rules.can_read_history)
    norm = None
    if request.GET.get("norm"):
        finding = findings.find(audit, request.GET["norm"])
        if finding is None:
            raise Http404("Deze norm hoort niet bij het normenkader van de toetsing.")
        norm = finding.norm
    return render(
        request,
        "audits/findings_history.html",
        {"audit": audit, "norm": norm, "changes": finding_history.changes(audit, norm)},
    )
