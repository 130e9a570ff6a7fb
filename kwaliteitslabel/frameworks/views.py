"""Public pages of the frameworks: no log-in needed (the norms are published by SWN)."""

from django.db.models import Count, Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, render

from . import services
from .models import BranchCode, BranchValue, Framework, Norm


def _framework(version: str) -> Framework:
    return get_object_or_404(Framework, version=version)


def framework_list(request):
    frameworks = Framework.objects.annotate(norm_count=Count("norms")).order_by("-version")
    return render(request, "frameworks/framework_list.html", {"frameworks": frameworks})


def framework_detail(request, version):
    framework = _framework(version)
    rubrics = framework.rubrics.prefetch_related(
        Prefetch("norms", queryset=Norm.objects.order_by("number"))
    )
    return render(
        request,
        "frameworks/framework_detail.html",
        {
            "framework": framework,
            "rubrics": rubrics,
            "others": Framework.objects.exclude(pk=framework.pk).order_by("-version"),
            "crosswalks": services.crosswalks_for(framework),
        },
    )


def norm_detail(request, version, code):
    framework = _framework(version)
    norm = services.get_norm(framework, code)
    if norm is None:
        raise Http404(f"Normenkader {version} heeft geen norm {code}.")
    siblings = list(services.norms_of(framework))
    index = next(i for i, n in enumerate(siblings) if n.pk == norm.pk)
    related = services.counterparts(norm)
    return render(
        request,
        "frameworks/norm_detail.html",
        {
            "framework": framework,
            "norm": norm,
            "siblings": siblings,
            "previous": siblings[index - 1] if index > 0 else None,
            "next": siblings[index + 1] if index + 1 < len(siblings) else None,
            "counterparts": related,
            "is_new": services.is_new_norm(norm),
            "crosswalk_rows": services.norm_crosswalk_rows(norm, related.earlier),
        },
    )


def terminology(request, version):
    framework = _framework(version)
    return render(
        request,
        "frameworks/terminology.html",
        {"framework": framework, "terms": framework.terms.all()},
    )


def crosswalk(request, version, slug):
    framework = _framework(version)
    result = services.crosswalk_rows(framework, slug)
    if result is None:
        raise Http404(f"Geen vergelijking '{slug}' voor normenkader {version}.")
    crosswalk, rows = result
    totals = services.branch_specific_totals(crosswalk, rows)
    return render(
        request,
        "frameworks/crosswalk.html",
        {"framework": framework, "crosswalk": crosswalk, "rows": rows, "totals": totals},
    )


def branch_code(request):
    code = BranchCode.objects.first()
    values = BranchValue.objects.filter(branch_code=code) if code else BranchValue.objects.none()
    groups: dict[str, list] = {}
    for value in values:
        groups.setdefault(value.group_name, []).append(value)
    return render(request, "frameworks/branch_code.html", {"code": code, "groups": groups})


def search(request):
    query = request.GET.get("q", "").strip()[:200]
    version = request.GET.get("normenkader", "")
    frameworks = Framework.objects.order_by("-version")
    if version and not frameworks.filter(version=version).exists():
        version = ""
    too_short = bool(query) and not services.search_terms(query)
    hits = services.search(query, version or None) if query else []
    return render(
        request,
        "frameworks/search.html",
        {
            "query": query,
            "version": version,
            "frameworks": frameworks,
            "hits": hits,
            "too_short": too_short,
            "min_length": services.MIN_QUERY,
        },
    )
