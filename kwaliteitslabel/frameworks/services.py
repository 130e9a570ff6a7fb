"""Reading the frameworks: counterparts across versions, crosswalks and search.

Plain functions with a fixed number of queries, used by pages and API alike.
"""

import re
import unicodedata
from dataclasses import dataclass

from django.db.models import Q
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from .models import Correspondence, Crosswalk, CrosswalkEntry, Framework, Norm


def norms_of(framework: Framework):
    return framework.norms.select_related("rubric").order_by("rubric__position", "number")


def get_norm(framework: Framework, code: str) -> Norm | None:
    match = re.fullmatch(r"([VDO])([0-9]{1,2})", code.upper())
    if not match:
        return None
    return (
        Norm.objects.select_related("rubric", "framework")
        .filter(framework=framework, rubric__code=match[1], number=int(match[2]))
        .first()
    )


@dataclass
class Counterparts:
    earlier: list[Norm]  # the norms of an earlier version this norm continues
    later: list[Norm]  # the norms of a later version that continue this norm
    note: str


def counterparts(norm: Norm) -> Counterparts:
    """The norms of the other versions that correspond to this one, and the curator's note."""
    link = Correspondence.objects.filter(earlier=norm).first()
    links = list(
        Correspondence.objects.filter(later=norm)
        .select_related("earlier__rubric", "earlier__framework")
        .order_by("earlier__rubric__position", "earlier__number")
    )
    notes = [x.note for x in links if x.note] + ([link.note] if link and link.note else [])
    return Counterparts(
        earlier=[x.earlier for x in links],
        later=list(
            link.later.select_related("rubric", "framework").order_by("rubric__position", "number")
        )
        if link
        else [],
        note="; ".join(notes),
    )


def is_new_norm(norm: Norm) -> bool:
    """A norm no earlier norm leads to, while an earlier version is mapped onto its version."""
    mapped = Correspondence.objects.filter(later__framework=norm.framework).exists()
    return mapped and not Correspondence.objects.filter(later=norm).exists()


@dataclass
class CrosswalkRow:
    norm: Norm
    clauses: list  # Clause objects, in clause order
    branch_specific: str | None
    comparison: str | None
    via: list[Norm]


def _row(norm: Norm, sources: list[CrosswalkEntry]) -> CrosswalkRow:
    """One norm's relation to a standard, from the entries of the norms it goes back to.

    A crosswalk is made for one version (ISO 9001 for 2016, seed 000). A norm of a
    later version takes the entries of the earlier norms it continues (the curated
    correspondence), so an auditor on 2019 sees them too. With more than one
    earlier norm the clauses are joined and differing classifications give "partly".
    """
    clauses = []
    for entry in sources:
        clauses += [c for c in entry.clauses.all() if c not in clauses]
    kinds = {e.branch_specific for e in sources}
    if len(sources) > 1:
        comparison = "\n\n".join(
            f"{e.norm.code} ({e.norm.framework.version}): {e.comparison}" for e in sources
        )
    else:
        comparison = sources[0].comparison if sources else None
    return CrosswalkRow(
        norm=norm,
        clauses=sorted(clauses, key=lambda c: [int(p) for p in c.number.split(".")]),
        branch_specific=(kinds.pop() if len(kinds) == 1 else "partly") if kinds else None,
        comparison=comparison,
        via=[e.norm for e in sources],
    )


def _entries(crosswalk: Crosswalk, **filters) -> dict[int, CrosswalkEntry]:
    entries = (
        CrosswalkEntry.objects.filter(crosswalk=crosswalk, **filters)
        .select_related("norm__rubric", "norm__framework")
        .prefetch_related("clauses")
    )
    return {e.norm_id: e for e in entries}


def crosswalks_for(framework: Framework) -> list[Crosswalk]:
    """The crosswalks made for this version or for a version it continues."""
    return list(
        Crosswalk.objects.filter(
            Q(framework=framework) | Q(framework__norms__successor_link__later__framework=framework)
        )
        .select_related("framework")
        .distinct()
        .order_by("slug")
    )


def crosswalk_rows(framework: Framework, slug: str) -> tuple[Crosswalk, list[CrosswalkRow]] | None:
    """Every norm of `framework` with its relation to the standard of crosswalk `slug`."""
    crosswalk = next((c for c in crosswalks_for(framework) if c.slug == slug), None)
    if crosswalk is None:
        return None
    entries = _entries(crosswalk)
    norms = list(norms_of(framework))
    if crosswalk.framework_id == framework.pk:
        via = {n.pk: [n.pk] for n in norms}
    else:
        via = {n.pk: [] for n in norms}
        links = Correspondence.objects.filter(
            earlier__framework=crosswalk.framework, later__framework=framework
        ).values_list("later", "earlier")
        for later_id, earlier_id in links:
            via[later_id].append(earlier_id)
    return crosswalk, [_row(n, _by_position([entries[i] for i in via[n.pk]])) for n in norms]


def norm_crosswalk_rows(
    norm: Norm, predecessors: list[Norm]
) -> list[tuple[Crosswalk, CrosswalkRow]]:
    """The relations of one norm to each standard a crosswalk compares its version with."""
    rows = []
    for crosswalk in crosswalks_for(norm.framework):
        if crosswalk.framework_id == norm.framework_id:
            sources = list(_entries(crosswalk, norm=norm).values())
        else:
            sources = _by_position(_entries(crosswalk, norm__in=predecessors).values())
        rows.append((crosswalk, _row(norm, sources)))
    return rows


@dataclass
class Totals:
    rubric: str
    name: str
    norms: int
    branch_specific: int
    expected: int | None


def branch_specific_totals(crosswalk: Crosswalk, rows: list[CrosswalkRow]) -> list[Totals]:
    """Per rubric: how many norms are wholly or partly branch-specific.

    For the crosswalk's own version the source states the totals (seed 000:
    16, 9 and 5 of 52); they are shown beside the derived count.
    """
    own = rows and rows[0].norm.framework_id == crosswalk.framework_id
    expected = crosswalk.expected_branch_specific if own else {}
    totals: dict[str, Totals] = {}
    for row in rows:
        rubric = row.norm.rubric
        t = totals.setdefault(
            rubric.code, Totals(rubric.code, rubric.name, 0, 0, expected.get(rubric.code))
        )
        t.norms += 1
        t.branch_specific += row.branch_specific in ("wholly", "partly")
    return list(totals.values())


def _by_position(entries) -> list[CrosswalkEntry]:
    return sorted(entries, key=lambda e: (e.norm.rubric.position, e.norm.number))


# --- search ------------------------------------------------------------------------------

MIN_QUERY = 2


def _fold(text: str) -> str:
    """Lower case without accents, so 'clienten' finds 'cliënten'."""
    return "".join(
        c for c in unicodedata.normalize("NFD", text.lower()) if not unicodedata.combining(c)
    )


def search_terms(query: str) -> list[str]:
    return [t for t in (_fold(w) for w in query.split()) if len(t) >= MIN_QUERY]


def highlight(text: str, terms: list[str]) -> SafeString:
    """Escape `text` and wrap every hit of every term in <mark>."""
    folded = _fold(text)
    # Folding never changes length for Dutch text (one base letter per accented letter).
    if len(folded) != len(text):
        folded = text.lower()
    spans = []
    for term in terms:
        start = folded.find(term)
        while start != -1:
            spans.append((start, start + len(term)))
            start = folded.find(term, start + 1)
    merged: list[list[int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    out, pos = [], 0
    for start, end in merged:
        out += [
            escape(text[pos:start]),
            '<mark class="utrecht-mark">',
            escape(text[start:end]),
            "</mark>",
        ]
        pos = end
    out.append(escape(text[pos:]))
    return mark_safe("".join(out))


@dataclass
class SearchHit:
    norm: Norm
    text: SafeString
    matches: list[tuple[str, SafeString]]  # (field label, highlighted passage)


FIELDS = [
    ("examples", "Voorbeelden om te voldoen"),
    ("questions", "Voorbeeldvragen voor toetsers"),
    ("evidence_examples", "Voorbeelden van bewijs"),
]


def search(query: str, version: str | None = None) -> list[SearchHit]:
    """Norms whose text or guidance holds every word of `query`, newest version first."""
    terms = search_terms(query)
    if not terms:
        return []
    norms = Norm.objects.select_related("rubric", "framework").order_by(
        "-framework__version", "rubric__position", "number"
    )
    if version:
        norms = norms.filter(framework__version=version)
    hits = []
    for norm in norms:
        passages = [("text", norm.text)]
        for field, label in FIELDS:
            value = getattr(norm, field)
            passages += [(label, v) for v in (value if isinstance(value, list) else [value]) if v]
        everything = _fold(" ".join(p for _, p in passages))
        if not all(t in everything for t in terms):
            continue
        matches = [
            (label, highlight(p, terms))
            for label, p in passages[1:]
            if any(t in _fold(p) for t in terms)
        ]
        hits.append(SearchHit(norm, highlight(norm.text, terms), matches))
    return hits
