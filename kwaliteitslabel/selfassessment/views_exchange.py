"""The exchange with a certification body: the member shares its baseline, the body gives feedback.

Chapter 2.1 and Bijlage 10: before the audit a member may ask a body for feedback on its
self-assessment. The body sees the organisation's consolidated answers, never the team's.
"""

import copy

from django import forms
from django.conf import settings
from django.contrib import messages
from django.db import transaction
from django.db.models import Count
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from kwaliteitslabel.accounts import rules as accounts
from kwaliteitslabel.accounts.models import Role
from kwaliteitslabel.accounts.rules import emails
from kwaliteitslabel.common.access import get_allowed, login_required, require
from kwaliteitslabel.common.forms import STALE, refused_status, save_form
from kwaliteitslabel.common.mail import send_template

from . import rules
from .access import get_self_assessment
from .forms_exchange import FeedbackForm, OverallFeedbackForm, ShareForm, shareable_bodies
from .models import NormFeedback, Share
from .readiness import consolidations_of, norms_of


@login_required
def share(request, pk):
    sa = get_self_assessment(request, pk, rules.can_manage)
    shares = list(sa.shares.select_related("body", "shared_by"))
    choices = shareable_bodies(sa, timezone.localdate()) if sa.is_closed else []
    form = ShareForm(request.POST or None, choices=choices)
    if request.method == "POST" and not sa.is_closed:
        messages.error(request, "Rond de zelfevaluatie eerst af; daarna kunt u hem delen.")
        return redirect("selfassessment:share", pk=sa.pk)
    if form.is_valid():
        body = form.cleaned_data["body"]
        with transaction.atomic():
            new = Share.objects.create(self_assessment=sa, body=body, shared_by=request.user)
            to = emails(body=body, role=Role.BODY_ADMIN) or ([body.email] if body.email else [])
            send_template(
                f"Zelfevaluatie gedeeld voor feedback: {sa.member}",
                "selfassessment/email/shared.txt",
                to,
                {
                    "share": new,
                    "sa": sa,
                    "link": settings.SITE_URL
                    + reverse("selfassessment:give_feedback", kwargs={"share_pk": new.pk}),
                },
            )
        messages.success(
            request, f"Gedeeld met {body}. De instelling krijgt bericht en kan nu feedback geven."
        )
        return redirect("selfassessment:share", pk=sa.pk)
    return render(
        request,
        "selfassessment/share.html",
        {"sa": sa, "member": sa.member, "shares": shares, "choices": choices, "form": form},
        status=400 if form.is_bound else 200,
    )


def _feedback_rows(share_obj, norms, forms_by_code=None):
    given = consolidations_of(share_obj.self_assessment)
    feedback = {f.norm_id: f for f in share_obj.norm_feedback.select_related("author")}
    rows = []
    for norm in norms:
        entry = feedback.get(norm.pk)
        row = {"norm": norm, "given": given.get(norm.pk), "feedback": entry}
        if forms_by_code is not None:
            row["form"] = forms_by_code.get(norm.code) or FeedbackForm(
                instance=entry, code=norm.code
            )
        rows.append(row)
    return rows


@login_required
def feedback(request, pk):
    """The member reads what the bodies it shared with wrote."""
    sa = get_self_assessment(request, pk, rules.can_manage)
    norms = norms_of(sa.framework)
    given = consolidations_of(sa)
    shares = list(sa.shares.select_related("body", "feedback_by").order_by("shared_at"))
    by_share: dict[int, dict[int, NormFeedback]] = {}
    for item in NormFeedback.objects.filter(share__in=shares).select_related("author"):
        by_share.setdefault(item.share_id, {})[item.norm_id] = item
    for s in shares:
        notes = by_share.get(s.pk, {})
        s.rows = [
            {"norm": n, "given": given.get(n.pk), "feedback": notes[n.pk]}
            for n in norms
            if n.pk in notes
        ]
    return render(
        request,
        "selfassessment/feedback.html",
        {
            "sa": sa,
            "member": sa.member,
            "shares": shares,
            "may_share": rules.can_share(request.user, sa),
        },
    )


@require(rules.can_see_shares)
def shared_list(request):
    shares = list(
        Share.objects.filter(body_id__in=accounts.body_ids(request.user))
        .select_related("self_assessment__member", "self_assessment__framework", "body")
        .annotate(norm_feedback_count=Count("norm_feedback"))
        .order_by("feedback_at", "-shared_at")
    )
    return render(request, "selfassessment/shared_list.html", {"shares": shares})


def _save_norm_feedback(request, share_obj, norm, current):
    """Save (or, with an empty text, remove) the feedback on one norm; the bound form or None."""
    instance = current or NormFeedback(share=share_obj, norm=norm, author=request.user)
    form = FeedbackForm(request.POST, instance=copy.copy(instance), code=norm.code)
    if not form.is_valid():
        return form
    if form.cleaned_data["text"].strip():
        form.instance.author = request.user
        return None if save_form(form) else form
    if current is None:
        form.add_error("text", "Schrijf eerst uw feedback.")
        return form
    removed, _ = NormFeedback.objects.filter(
        pk=current.pk, version=form.cleaned_data["loaded_version"]
    ).delete()
    if not removed:
        form.add_error(None, forms.ValidationError(STALE, code="stale"))
        return form
    return None


@login_required
def give_feedback(request, share_pk):
    share_obj = get_allowed(
        Share.objects.select_related(
            "self_assessment__member", "self_assessment__framework", "body", "feedback_by"
        ),
        rules.can_give_feedback,
        request.user,
        pk=share_pk,
    )
    sa = share_obj.self_assessment
    norms = norms_of(sa.framework)
    status, bound = 200, {}
    overall = OverallFeedbackForm(instance=copy.copy(share_obj))
    if request.method == "POST":
        code = (request.POST.get("norm") or "").strip().upper()
        if code == "ALGEMEEN":
            overall = OverallFeedbackForm(request.POST, instance=copy.copy(share_obj))
            first = share_obj.feedback_at is None
            overall.instance.feedback_by = request.user
            overall.instance.feedback_at = timezone.now()
            if overall.is_valid() and save_form(overall):
                if first:
                    _tell_member(share_obj)
                messages.success(request, "Opgeslagen. De organisatie kan uw feedback nu lezen.")
                return redirect("selfassessment:give_feedback", share_pk=share_obj.pk)
            status = refused_status(overall)
        else:
            norm = next((n for n in norms if n.code == code), None)
            if norm is None:
                messages.error(
                    request,
                    f"Norm {code or '(geen)'} hoort niet bij normenkader {sa.framework.version}. "
                    "Er is niets opgeslagen.",
                )
                status = 400
            else:
                current = share_obj.norm_feedback.filter(norm=norm).first()
                form = _save_norm_feedback(request, share_obj, norm, current)
                if form is None:
                    messages.success(request, f"Opgeslagen: {code}.")
                    url = reverse("selfassessment:give_feedback", kwargs={"share_pk": share_obj.pk})
                    return redirect(f"{url}#norm-{code}")
                bound[code] = form
                status = refused_status(form)
    rows = _feedback_rows(share_obj, norms, bound)
    return render(
        request,
        "selfassessment/give_feedback.html",
        {
            "share": share_obj,
            "sa": sa,
            "member": sa.member,
            "rows": rows,
            "overall": overall,
            "feedback_count": sum(1 for r in rows if r["feedback"]),
        },
        status=status,
    )


def _tell_member(share_obj) -> None:
    sa = share_obj.self_assessment
    send_template(
        f"Feedback van {share_obj.body} op uw zelfevaluatie",
        "selfassessment/email/feedback.txt",
        emails(member=sa.member, role=Role.MEMBER_ADMIN),
        {
            "share": share_obj,
            "sa": sa,
            "link": settings.SITE_URL + reverse("selfassessment:feedback", kwargs={"pk": sa.pk}),
        },
    )
