"""The peer clusters' pages: list, form, the rotation, adjust it, remove (handboek chapter 2.2)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import ProtectedError
from django.shortcuts import redirect, render

from kwaliteitslabel.common.access import get_allowed, require
from kwaliteitslabel.common.forms import SAVED, refused_status, save_form

from . import clusters, rotation
from . import rules_audit as audit_rules
from . import rules_cluster as rules
from .forms_cluster import ClusterForm, RotationForm
from .models_cluster import PeerCluster


def _cluster(request, pk, rule=None) -> PeerCluster:
    cluster = get_allowed(
        PeerCluster.objects.select_related("body", "formed_by").prefetch_related("places"),
        rules.can_view_cluster,
        request.user,
        pk=pk,
    )
    if rule is not None and not rule(request.user, cluster):
        raise PermissionDenied
    return cluster


@require(rules.can_list_clusters)
def cluster_list(request):
    found = (
        rules.visible_clusters(request.user)
        .select_related("body")
        .prefetch_related("places__member")
        .order_by("name", "pk")
    )
    return render(
        request,
        "audits/cluster_list.html",
        {"clusters": found, "may_form": rules.can_form_clusters(request.user)},
    )


@require(rules.can_form_clusters)
def cluster_create(request):
    form = ClusterForm(request.POST or None, user=request.user)
    if form.is_valid():
        cluster = form.save()
        messages.success(
            request,
            f"Het cluster ‘{cluster.name}’ is gevormd, met een voorstel voor de rotatie. "
            "U kunt de rotatie aanpassen.",
        )
        return redirect("audits:cluster_detail", pk=cluster.pk)
    return render(
        request,
        "audits/cluster_form.html",
        {"form": form},
        status=400 if form.is_bound else 200,
    )


@require(rules.can_list_clusters)
def cluster_detail(request, pk):
    cluster = _cluster(request, pk)
    members = clusters.members(cluster)
    pairs = clusters.pairs(cluster, {m.pk: m for m in members})
    user = request.user
    audits = [
        (audit, audit_rules.can_view(user, audit))
        for audit in cluster.audits.select_related("member", "framework").prefetch_related("team")
    ]
    places = clusters.overview(members, pairs)
    unbalanced = rotation.imbalance(members, pairs)
    return render(
        request,
        "audits/cluster_detail.html",
        {
            "cluster": cluster,
            "places": places,
            "problems": rotation.problems(members, pairs),
            "unbalanced": [p for p in places if p.member in unbalanced],
            "average": sum(p.given for p in places) / len(places) if places else 0,
            "audits": audits,
            "may_adjust": rules.can_adjust(user, cluster),
        },
    )


@require(rules.can_form_clusters)
def cluster_rotation(request, pk):
    cluster = _cluster(request, pk, rules.can_adjust)
    members = clusters.members(cluster)
    form = RotationForm(request.POST or None, instance=cluster, cluster_members=members)
    if form.is_valid() and save_form(form):
        messages.success(request, SAVED)
        return redirect("audits:cluster_detail", pk=cluster.pk)
    chosen = form.chosen()
    places = clusters.overview(members, [])
    for row in places:
        row.cells = [
            (column, state, RotationForm.value(row.member, column.member))
            for column, state in row.cells
        ]
    return render(
        request,
        "audits/cluster_rotation.html",
        {"cluster": cluster, "form": form, "places": places, "chosen": chosen},
        status=refused_status(form) if form.is_bound else 200,
    )


@require(rules.can_form_clusters)
def cluster_delete(request, pk):
    cluster = _cluster(request, pk, rules.can_adjust)
    audits = cluster.audits.count()
    if request.method == "POST" and not audits:
        name = cluster.name
        try:
            cluster.delete()
        except ProtectedError:
            # An audit was linked to the cluster after the page was opened.
            return redirect("audits:cluster_delete", pk=cluster.pk)
        messages.success(request, f"Het cluster ‘{name}’ is verwijderd.")
        return redirect("audits:cluster_list")
    return render(
        request,
        "audits/cluster_delete.html",
        {"cluster": cluster, "audits": audits, "members": clusters.members(cluster)},
        status=400 if request.method == "POST" else 200,
    )
