"""The audit's pages: request, decide, plan days and team, declare independence, start (issue 6)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.formats import date_format

from kwaliteitslabel.certificates import issuing as certificate_issuing
from kwaliteitslabel.certificates import rules as certificate_rules
from kwaliteitslabel.common.access import Outdated, Step, get_allowed, login_required, require
from kwaliteitslabel.members import rules as member_rules
from kwaliteitslabel.members.models import Member
from kwaliteitslabel.reports import rules as report_rules

from . import findings, rules_cluster, rules_findings, rules_plan, workflow
from . import rules_audit as rules
from .forms_audit import DayForm, DecisionForm, RequestForm, TeamForm
from .models_audit import Audit, AuditDay, TeamMember


def _audit(request, pk, rule=None) -> Audit:
    audit = get_allowed(
        Audit.objects.select_related("member", "body", "framework", "scope").prefetch_related(
            "team"
        ),
        rules.can_view,
        request.user,
        pk=pk,
    )
    if rule is not None:
        allow(request, audit, rule)
    return audit


def allow(request, audit, rule, to="audits:audit_detail") -> None:
    """`rule` holds, or 403. But a form posted for a step (a `Step` rule) by someone who
    may take it, after the audit moved on (another browser was first), goes to `to` with
    the status now: that person lacks no rights. The role is asked first, then the state."""
    user = request.user
    if (
        isinstance(rule, Step)
        and request.method == "POST"
        and rule.who(user, audit)
        and not rule.when(audit)
    ):
        raise Outdated(
            "Deze stap is al gezet of kan niet meer: de toetsing staat nu op "
            f"‘{audit.get_status_display()}’.",
            reverse(to, args=[audit.pk]),
        )
    if not rule(user, audit):
        raise PermissionDenied


@require(rules.can_list_audits)
def audit_list(request):
    audits = (
        rules.visible_audits(request.user)
        .select_related("member", "body", "framework")
        .order_by("-requested_at")
    )
    return render(
        request,
        "audits/audit_list.html",
        {"audits": audits, "may_list_clusters": rules_cluster.can_list_clusters(request.user)},
    )


@login_required
def audit_request(request, member_pk):
    member = get_allowed(
        Member.objects.all(), member_rules.can_view_member, request.user, pk=member_pk
    )
    if not rules.can_request(request.user, member):
        raise PermissionDenied
    # A re-audit of a certificate on the platform: its expiry is known (issue 9).
    current = certificate_issuing.current(member)
    initial = (
        {"kind": Audit.Kind.RECERTIFICATION, "previous_expiry": current.valid_until}
        if current
        else None
    )
    form = RequestForm(request.POST or None, member=member, initial=initial)
    problems = workflow.membership_problems(member)
    if form.is_valid():
        audit = form.save(commit=False)
        audit.member = member
        try:
            workflow.request(audit, request.user)
        except workflow.Refused as refused:
            problems = refused.reasons
        else:
            messages.success(request, f"De aanvraag is verstuurd naar {audit.body}.")
            return redirect("audits:audit_detail", pk=audit.pk)
    return render(
        request,
        "audits/audit_request.html",
        {"form": form, "member": member, "problems": problems},
        status=400 if form.is_bound else 200,
    )


@login_required
def audit_detail(request, pk):
    audit = _audit(request, pk)
    team = list(audit.team.select_related("user"))
    days = list(audit.days.select_related("location"))
    user = request.user
    place = rules.team_place(user, audit)
    context = {
        "audit": audit,
        "team": team,
        "days": days,
        "events": audit.events.select_related("by"),
        "may_decide": rules.can_decide(user, audit),
        "may_plan": rules.can_plan(user, audit),
        "place": place,
        "place_unsigned": bool(place and workflow.unsigned_code_of_conduct([place])),
        # Peer auditors in the team do not see cluster pages: the cluster's name, no link.
        "may_view_cluster": audit.cluster_id is not None
        and rules_cluster.can_view_cluster(user, audit.cluster),
    }
    if audit.status == Audit.Status.ACCEPTED:
        context["start_problems"] = workflow.start_problems(audit, team, days)
    context.update(findings.progress(audit, user))
    context["may_send_draft"] = rules_findings.can_send_draft(user, audit)
    context["may_react"] = rules_findings.can_react(user, audit)
    context["may_finalize"] = rules_findings.can_finalize(user, audit)
    context["may_read_sources"] = rules_findings.can_read_sources(user, audit)
    context.update(
        may_read_plan=rules_plan.can_read_plan(user, audit),
        may_write_plan=rules_plan.can_write_plan(user, audit),
        may_review_plan=rules_plan.can_review_plan(user, audit),
        may_resolve_talks=rules_plan.can_resolve_talks(user, audit),
        may_follow_up=rules_plan.can_follow_up(user, audit),
        may_send_summary=rules_plan.can_send_summary(user, audit),
        may_read_part_a=report_rules.can_read_part_a(user, audit),
        may_read_part_b=report_rules.can_read_part_b(user, audit),
        may_check_summary=report_rules.can_check_summary(user, audit),
        may_issue_certificate=audit.status == Audit.Status.SUMMARY_ACCEPTED
        and certificate_rules.can_issue(user),
        certificate=getattr(audit, "certificate", None)
        if audit.status == Audit.Status.CERTIFIED
        else None,
    )
    return render(request, "audits/audit_detail.html", context)


def confirm_remove(request, audit, heading, text, fields, back_url):
    """Nothing is removed without a second click that says what will go."""
    return render(
        request,
        "audits/confirm_remove.html",
        {"audit": audit, "heading": heading, "text": text, "fields": fields, "back_url": back_url},
    )


def form_step(request, audit, form, template, action, success, to="audits:audit_detail"):
    """A one-form step: on a valid form run `action(cleaned_data)` and go `to`; a refusal
    comes back as messages on the form's page (400)."""
    if form.is_valid():
        try:
            action(form.cleaned_data)
        except workflow.Refused as refused:
            _refused(request, refused)
        else:
            messages.success(request, success)
            return redirect(to, pk=audit.pk)
    return render(
        request,
        template,
        {"audit": audit, "form": form},
        status=400 if form.is_bound else 200,
    )


def _refused(request, refused: workflow.Refused) -> None:
    for reason in refused.reasons:
        messages.error(request, reason)


@login_required
def audit_decide(request, pk):
    audit = _audit(request, pk, rules.can_decide)
    form = DecisionForm(request.POST or None)
    problems = workflow.acceptance_problems(audit)
    if request.method == "POST" and form.is_valid():
        try:
            if request.POST.get("action") == "accept":
                workflow.accept(audit, request.user)
                messages.success(request, "Geaccepteerd. SWN en de organisatie krijgen bericht.")
            else:
                workflow.decline(audit, request.user, form.cleaned_data["reason"])
                messages.success(request, "Afgewezen. De organisatie krijgt bericht.")
        except workflow.Refused as refused:
            _refused(request, refused)
            return render(
                request,
                "audits/audit_decide.html",
                {"audit": audit, "form": form, "problems": problems},
                status=400,
            )
        return redirect("audits:audit_detail", pk=audit.pk)
    return render(
        request, "audits/audit_decide.html", {"audit": audit, "form": form, "problems": problems}
    )


@login_required
def audit_days(request, pk):
    audit = _audit(request, pk, rules.can_plan)
    if request.POST.get("action") == "remove":
        day = AuditDay.objects.filter(audit=audit, pk=request.POST.get("day") or 0).first()
        if day is not None and request.POST.get("confirm") != "yes":
            return confirm_remove(
                request,
                audit,
                "Auditdag verwijderen?",
                f"De auditdag van {date_format(day.date, 'l j F Y')} verdwijnt uit de planning.",
                [("action", "remove"), ("day", day.pk)],
                reverse("audits:audit_days", args=[audit.pk]),
            )
        if day is not None:
            day.delete()
            messages.success(request, "De auditdag is verwijderd.")
        return redirect("audits:audit_days", pk=audit.pk)
    form = DayForm(request.POST or None, audit=audit)
    if form.is_valid():
        form.save()
        messages.success(request, "De auditdag is gepland.")
        return redirect("audits:audit_days", pk=audit.pk)
    return render(
        request,
        "audits/audit_days.html",
        {"audit": audit, "form": form, "days": audit.days.select_related("location")},
        status=400 if form.is_bound else 200,
    )


@login_required
def audit_team(request, pk):
    audit = _audit(request, pk, rules.can_plan)
    if request.POST.get("action") == "remove":
        place = audit.team.select_related("user").filter(pk=request.POST.get("place") or 0).first()
        if place is not None and request.POST.get("confirm") != "yes":
            return confirm_remove(
                request,
                audit,
                "Uit het team halen?",
                f"{place.user.name} ({place.get_role_display()}) is dan geen teamlid meer "
                "en ziet deze toetsing niet meer.",
                [("action", "remove"), ("place", place.pk)],
                reverse("audits:audit_team", args=[audit.pk]),
            )
        if place is not None:
            place.delete()
            messages.success(request, f"{place.user.name} is uit het team gehaald.")
        return redirect("audits:audit_team", pk=audit.pk)
    form = TeamForm(request.POST or None, audit=audit)
    if form.is_valid():
        person = form.cleaned_data["person"]
        TeamMember.objects.create(audit=audit, user=person, role=form.cleaned_data["role"])
        messages.success(request, f"{person.name} zit nu in het team.")
        return redirect("audits:audit_team", pk=audit.pk)
    return render(
        request,
        "audits/audit_team.html",
        {"audit": audit, "form": form, "team": audit.team.select_related("user")},
        status=400 if form.is_bound else 200,
    )


@login_required
def audit_declare(request, pk):
    audit = _audit(request, pk, rules.can_declare)
    place = rules.team_place(request.user, audit)
    if request.method == "POST":
        if request.POST.get("confirm") != "yes":
            messages.error(request, "Vink de verklaring aan; er is niets vastgelegd.")
            return redirect("audits:audit_declare", pk=audit.pk)
        workflow.declare_independent(place)
        messages.success(request, "Uw verklaring is vastgelegd.")
        return redirect("audits:audit_detail", pk=audit.pk)
    return render(request, "audits/audit_declare.html", {"audit": audit, "place": place})


@login_required
def audit_start(request, pk):
    audit = _audit(request, pk, rules.can_plan)
    if request.method == "POST":
        try:
            workflow.start(audit, request.user)
        except workflow.Refused as refused:
            _refused(request, refused)
            return redirect("audits:audit_detail", pk=audit.pk)
        messages.success(request, "De toetsing is begonnen.")
        return redirect("audits:audit_detail", pk=audit.pk)
    return render(
        request,
        "audits/audit_start.html",
        {"audit": audit, "problems": workflow.start_problems(audit)},
    )
