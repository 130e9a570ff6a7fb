"""The members back office: SWN keeps the list; each member keeps its own data.

Views stay thin: the rules come from `rules.py`, the searching from `services.py`,
the checks from `forms.py`. A page not for the user's role answers 403; a member
outside the user's allowed set answers 404, so its existence does not leak.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render

from kwaliteitslabel.accounts.models import RoleAssignment
from kwaliteitslabel.common.access import get_allowed, login_required, require
from kwaliteitslabel.common.forms import SAVED, response_status, save_form

from . import rules
from .forms import LocationForm, MemberFilterForm, MemberForm, WorkTypeForm
from .history import member_changes
from .models import Location, Member, WorkType
from .services import find_members


def _editable_member(request, pk) -> Member:
    """The member if the user may change it: 404 if they may not even see it, else 403."""
    member = get_allowed(Member.objects.all(), rules.can_view_member, request.user, pk=pk)
    if not rules.can_edit_member(request.user, member):
        raise PermissionDenied
    return member


@require(rules.can_list_members)
def member_list(request):
    filters = MemberFilterForm(request.GET or None)
    members = list(find_members(filters.criteria()))
    return render(
        request,
        "members/member_list.html",
        {
            "filters": filters,
            "filtered": any(request.GET.get(k) for k in ("q", "status", "werksoort")),
            "members": members,
            "may_create": rules.can_create_member(request.user),
            "may_manage_work_types": rules.can_manage_work_types(request.user),
        },
    )


@login_required
def member_detail(request, pk):
    member = get_allowed(
        Member.objects.prefetch_related("locations", "work_types"),
        rules.can_view_member,
        request.user,
        pk=pk,
    )
    people = (
        RoleAssignment.objects.filter(member=member)
        .select_related("user")
        .order_by("role", "user__name")
    )
    user = request.user
    return render(
        request,
        "members/member_detail.html",
        {
            "member": member,
            "people": people,
            "may_list": rules.can_list_members(user),
            "may_edit": rules.can_edit_member(user, member),
            "may_view_history": rules.can_view_history(user, member),
        },
    )


@require(rules.can_create_member)
def member_create(request):
    form = MemberForm(request.POST or None, can_set_member_number=True)
    if form.is_valid() and (member := save_form(form)):
        messages.success(request, SAVED)
        return redirect("members:member_detail", pk=member.pk)
    return render(
        request,
        "members/member_form.html",
        {"form": form, "member": None},
        status=response_status(form),
    )


@login_required
def member_edit(request, pk):
    member = _editable_member(request, pk)
    form = MemberForm(
        request.POST or None,
        instance=member,
        can_set_member_number=rules.can_set_member_number(request.user),
    )
    if form.is_valid() and save_form(form):
        messages.success(request, SAVED)
        return redirect("members:member_detail", pk=member.pk)
    return render(
        request,
        "members/member_form.html",
        # An invalid form has already written its input into `member`: show the stored name.
        {"form": form, "member": Member.objects.get(pk=pk) if form.is_bound else member},
        status=response_status(form),
    )


@login_required
def location_create(request, pk):
    member = _editable_member(request, pk)
    form = LocationForm(request.POST or None, instance=Location(member=member))
    if form.is_valid() and save_form(form):
        messages.success(request, SAVED)
        return redirect("members:member_detail", pk=member.pk)
    return render(
        request, "members/location_form.html", {"form": form, "member": member, "location": None}
    )


@login_required
def location_edit(request, pk, location_pk):
    member = _editable_member(request, pk)
    location = get_object_or_404(Location, pk=location_pk, member=member)
    form = LocationForm(request.POST or None, instance=location)
    if form.is_valid() and save_form(form):
        messages.success(request, SAVED)
        return redirect("members:member_detail", pk=member.pk)
    return render(
        request,
        "members/location_form.html",
        {
            "form": form,
            "member": member,
            "location": Location.objects.get(pk=location_pk) if form.is_bound else location,
        },
    )


@require(rules.can_manage_work_types)
def work_type_list(request):
    form = WorkTypeForm(request.POST or None)
    if form.is_valid() and save_form(form):
        messages.success(request, SAVED)
        return redirect("members:work_type_list")
    work_types = WorkType.objects.annotate(member_count=Count("members"))
    return render(request, "members/work_type_list.html", {"form": form, "work_types": work_types})


@require(rules.can_manage_work_types)
def work_type_edit(request, pk):
    work_type = get_object_or_404(WorkType, pk=pk)
    form = WorkTypeForm(request.POST or None, instance=work_type)
    if form.is_valid() and save_form(form):
        messages.success(request, SAVED)
        return redirect("members:work_type_list")
    return render(
        request,
        "members/work_type_form.html",
        {"form": form, "work_type": WorkType.objects.get(pk=pk) if form.is_bound else work_type},
    )


@require(rules.can_view_history)
def member_history(request, pk):
    member = get_object_or_404(Member, pk=pk)
    return render(
        request,
        "members/member_history.html",
        {"member": member, "changes": member_changes(member)},
    )
