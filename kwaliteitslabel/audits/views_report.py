"""The report cycle's steps: concept to the member, the member's reaction, final (issue 7)."""

from django import forms
from django.contrib import messages
from django.shortcuts import redirect, render

from kwaliteitslabel.common.access import login_required
from kwaliteitslabel.reports import checks, content

from . import deadlines, decision, findings, workflow
from . import rules_findings as rules
from .views_audit import _audit, _refused


class ReactionForm(forms.Form):
    text = forms.CharField(
        label="Feitelijke onjuistheden",
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text="Uw reactie in het kort, bijvoorbeeld ‘zie de correcties’ of ‘geen "
        "onjuistheden’. Het oordeel zelf is aan de certificerende instelling.",
        error_messages={"required": "Schrijf welke feitelijke onjuistheden het concept bevat."},
    )


@login_required
def report_send(request, pk):
    audit = _audit(request, pk, rules.can_send_draft)
    if request.method == "POST":
        try:
            workflow.send_draft(audit, request.user)
        except workflow.Refused as refused:
            _refused(request, refused)
        else:
            messages.success(request, "Het conceptrapport staat klaar; het lid krijgt bericht.")
        return redirect("audits:audit_detail", pk=audit.pk)
    step = deadlines.deadline(audit.process_version, "member_reaction")
    # Issue 8, item 6: what to look at again before the concept goes out.
    warnings = checks.consistency_warnings(content.build(audit), list(findings.with_sources(audit)))
    return render(
        request, "audits/report_send.html", {"audit": audit, "step": step, "warnings": warnings}
    )


@login_required
def report_react(request, pk):
    audit = _audit(request, pk, rules.can_react)
    form = ReactionForm(request.POST or None)
    if form.is_valid():
        try:
            workflow.react(audit, request.user, form.cleaned_data["text"])
        except workflow.Refused as refused:
            _refused(request, refused)
        else:
            messages.success(request, "Uw reactie is verstuurd naar de certificerende instelling.")
        return redirect("audits:audit_detail", pk=audit.pk)
    return render(
        request,
        "audits/report_react.html",
        {"audit": audit, "form": form},
        status=400 if form.is_bound else 200,
    )


@login_required
def report_finalize(request, pk):
    audit = _audit(request, pk, rules.can_finalize)
    records = list(findings.with_sources(audit))
    if request.method == "POST":
        try:
            workflow.finalize(audit, request.user)
        except workflow.Refused as refused:
            _refused(request, refused)
            return redirect("audits:report_finalize", pk=audit.pk)
        messages.success(
            request, "Het rapport is definitief; het lid en de instelling krijgen bericht."
        )
        return redirect("audits:audit_detail", pk=audit.pk)
    outcome = findings.outcome(audit, records)
    reaction = audit.events.filter(status=audit.Status.MEMBER_REACTED).order_by("-at").first()
    return render(
        request,
        "audits/report_finalize.html",
        {
            "audit": audit,
            "outcome": outcome,
            "explanation": decision.explanation(outcome, audit.framework.version),
            "problems": workflow.finalize_problems(audit, records),
            "reaction": reaction,
        },
    )
