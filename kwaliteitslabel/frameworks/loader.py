"""Load the framework data files (data/*.yaml) into the database.

Everything is validated first, as plain values; only then is anything written,
in one transaction. A problem raises DataError naming the file and the entry.
Loading the same files twice changes nothing: each data set keeps a
fingerprint, and a set whose fingerprint is unchanged is skipped. A framework
version that is in use (an audit refers to it) is never changed again: a
correction is a new version.
"""

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from django.db import transaction

from . import models
from .models import NORM_CODE

DATA_DIR = Path(__file__).resolve().parent / "data"
RUBRIC_CODES = [c.value for c in models.Rubric.Code]
STATUSES = [c.value for c in models.Framework.Status]
BRANCH_SPECIFIC = [c.value for c in models.CrosswalkEntry.BranchSpecific]
GUIDANCE_FIELDS = {"examples": str, "questions": list, "evidence_examples": list, "notes": list}


class DataError(Exception):
    """A data file is wrong; the message names the file and the entry."""

    def __init__(self, file: str, entry: str, problem: str):
        self.file, self.entry, self.problem = file, entry, problem
        super().__init__(f"{file}: {entry}: {problem}")


@dataclass
class Report:
    loaded: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)


@dataclass
class Source:
    name: str
    data: dict
    sha256: str


# --- reading -----------------------------------------------------------------------------


def _read(path: Path) -> Source:
    raw = path.read_bytes()
    try:
        data = yaml.load(raw, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}" if mark else "file"
        raise DataError(
            path.name, where, f"not valid YAML ({getattr(exc, 'problem', exc)})"
        ) from exc
    if not isinstance(data, dict):
        raise DataError(path.name, "file", "expected a mapping at the top level")
    return Source(path.name, data, hashlib.sha256(raw).hexdigest())


def _require(src: Source, mapping: dict, key: str, kind, entry: str, *, allow_none=False):
    if key not in mapping or (mapping[key] is None and not allow_none):
        raise DataError(src.name, entry, f"'{key}' is missing")
    value = mapping[key]
    if value is not None and not isinstance(value, kind):
        raise DataError(src.name, entry, f"'{key}' must be {_kind_name(kind)}")
    if isinstance(value, str) and not value.strip():
        raise DataError(src.name, entry, f"'{key}' is empty")
    return value


def _kind_name(kind) -> str:
    return {str: "text", list: "a list", dict: "a mapping", int: "a whole number"}.get(
        kind, str(kind)
    )


def _strings(src: Source, values, entry: str, key: str) -> list[str]:
    if not isinstance(values, list) or not all(isinstance(v, str) and v.strip() for v in values):
        raise DataError(src.name, entry, f"'{key}' must be a list of non-empty texts")
    return [v.strip() for v in values]


def _split_code(src: Source, code, entry: str) -> tuple[str, int]:
    match = NORM_CODE.match(str(code))
    if not match:
        raise DataError(src.name, entry, f"'{code}' is not a norm code like V12")
    return match["rubric"], int(match["number"])


# --- validating ----------------------------------------------------------------------------


def validate_framework(src: Source) -> dict:
    d = src.data
    version = _require(src, d, "version", str, "version")
    for key in ("title", "source"):
        _require(src, d, key, str, key)
    if d.get("status") not in STATUSES:
        raise DataError(src.name, "status", f"must be one of {', '.join(STATUSES)}")
    thresholds = d.get("thresholds")
    if thresholds is not None:
        for key in ("max_not_met", "max_partly"):
            value = thresholds.get(key) if isinstance(thresholds, dict) else None
            if not isinstance(value, int) or isinstance(value, bool) or value < 0:
                raise DataError(
                    src.name, f"thresholds.{key}", "must be a whole number of 0 or more"
                )
    expected = _require(src, d, "expected_norm_counts", dict, "expected_norm_counts")
    rubrics = _require(src, d, "rubrics", list, "rubrics")
    seen_rubrics, codes = set(), []
    for r_index, rubric in enumerate(rubrics):
        entry = f"rubrics[{r_index}]"
        if not isinstance(rubric, dict) or rubric.get("code") not in RUBRIC_CODES:
            raise DataError(src.name, entry, f"'code' must be one of {', '.join(RUBRIC_CODES)}")
        code = rubric["code"]
        entry = f"rubric {code}"
        if code in seen_rubrics:
            raise DataError(src.name, entry, "rubric code appears twice")
        seen_rubrics.add(code)
        _require(src, rubric, "name", str, entry)
        norms = _require(src, rubric, "norms", list, entry)
        for n_index, norm in enumerate(norms, start=1):
            n_entry = f"{entry}, norms[{n_index - 1}]"
            if not isinstance(norm, dict):
                raise DataError(src.name, n_entry, "expected a mapping")
            number = _require(src, norm, "number", int, n_entry)
            n_entry = f"norm {code}{number}"
            if f"{code}{number}" in codes:
                raise DataError(src.name, n_entry, "norm code appears twice")
            if number != n_index:
                raise DataError(
                    src.name, n_entry, f"numbers must run 1, 2, 3...; expected {n_index}"
                )
            _require(src, norm, "text", str, n_entry)
            if norm.get("notes") is not None:
                _strings(src, norm["notes"], n_entry, "notes")
            codes.append(f"{code}{number}")
        if expected.get(code) != len(norms):
            raise DataError(
                src.name,
                entry,
                f"has {len(norms)} norms, expected_norm_counts says {expected.get(code)}",
            )
    if set(expected) != seen_rubrics:
        raise DataError(
            src.name, "expected_norm_counts", "must name exactly the rubrics of the file"
        )
    for t_index, term in enumerate(d.get("terminology") or []):
        entry = f"terminology[{t_index}]"
        _require(src, term, "term", str, entry)
        _require(src, term, "definition", str, entry)
        if term.get("counts_in_scope") not in (True, False, None):
            raise DataError(src.name, entry, "'counts_in_scope' must be true, false or null")
    return {"version": version, "codes": codes}


def validate_guidance(src: Source, frameworks: dict[str, dict], taken: dict) -> str:
    version = str(_require(src, src.data, "framework", str, "framework"))
    if version not in frameworks:
        raise DataError(src.name, "framework", f"no framework file has version '{version}'")
    norms = _require(src, src.data, "norms", dict, "norms")
    for code, guidance in norms.items():
        entry = f"norm {code}"
        _split_code(src, code, entry)
        if code not in frameworks[version]["codes"]:
            raise DataError(src.name, entry, f"framework {version} has no norm {code}")
        if not isinstance(guidance, dict):
            raise DataError(src.name, entry, "expected a mapping")
        for key, value in guidance.items():
            if key not in GUIDANCE_FIELDS:
                raise DataError(src.name, entry, f"unknown field '{key}'")
            if GUIDANCE_FIELDS[key] is list:
                _strings(src, value, entry, key)
            else:
                _require(src, guidance, key, str, entry)
            if key != "notes":
                owner = taken.setdefault((version, code, key), src.name)
                if owner != src.name:
                    raise DataError(src.name, entry, f"'{key}' is also given in {owner}")
    return version


def validate_branch_code(src: Source) -> None:
    for key in ("title", "source"):
        _require(src, src.data, key, str, key)
    groups = _require(src, src.data, "groups", list, "groups")
    for g_index, group in enumerate(groups):
        entry = f"groups[{g_index}]"
        if not isinstance(group, dict) or group.get("rubric") not in RUBRIC_CODES:
            raise DataError(src.name, entry, f"'rubric' must be one of {', '.join(RUBRIC_CODES)}")
        _require(src, group, "name", str, entry)
        for v_index, value in enumerate(_require(src, group, "values", list, entry), start=1):
            v_entry = f"{entry}, value {v_index}"
            if value.get("number") != v_index:
                raise DataError(
                    src.name, v_entry, f"numbers must run 1, 2, 3...; expected {v_index}"
                )
            _require(src, value, "text", str, v_entry)


def validate_crosswalk(src: Source, frameworks: dict[str, dict]) -> str:
    d = src.data
    version = str(_require(src, d, "framework", str, "framework"))
    if version not in frameworks:
        raise DataError(src.name, "framework", f"no framework file has version '{version}'")
    for key in ("slug", "standard", "title", "source"):
        _require(src, d, key, str, key)
    clauses = _require(src, d, "clauses", dict, "clauses")
    for number, title in clauses.items():
        if not isinstance(number, str) or not isinstance(title, str) or not title.strip():
            raise DataError(
                src.name, f"clause {number}", "number must be quoted text, title non-empty"
            )
    rows = _require(src, d, "rows", list, "rows")
    codes = frameworks[version]["codes"]
    seen, branch_specific = [], {}
    for index, row in enumerate(rows):
        entry = f"rows[{index}]"
        norm = _require(src, row, "norm", str, entry)
        entry = f"row {norm}"
        rubric, _ = _split_code(src, norm, entry)
        if norm not in codes:
            raise DataError(src.name, entry, f"framework {version} has no norm {norm}")
        if norm in seen:
            raise DataError(src.name, entry, "norm has two rows")
        seen.append(norm)
        for clause in _require(src, row, "clauses", list, entry):
            if str(clause) not in clauses:
                raise DataError(src.name, entry, f"clause {clause} is not in 'clauses'")
        if row.get("branch_specific") not in BRANCH_SPECIFIC:
            raise DataError(
                src.name, entry, f"'branch_specific' must be one of {', '.join(BRANCH_SPECIFIC)}"
            )
        _require(src, row, "comparison", str, entry)
        if row["branch_specific"] != "no":
            branch_specific[rubric] = branch_specific.get(rubric, 0) + 1
    missing = [c for c in codes if c not in seen]
    if missing:
        raise DataError(src.name, "rows", f"no row for {', '.join(missing)}")
    for rubric, expected in (d.get("expected_branch_specific") or {}).items():
        if branch_specific.get(rubric, 0) != expected:
            raise DataError(
                src.name,
                f"expected_branch_specific.{rubric}",
                f"rows give {branch_specific.get(rubric, 0)} branch-specific norms, the source says {expected}",
            )
    return version


def validate_correspondence(src: Source, frameworks: dict[str, dict]) -> tuple[str, str]:
    d = src.data
    earlier = str(_require(src, d, "from_version", str, "from_version"))
    later = str(_require(src, d, "to_version", str, "to_version"))
    for key, version in (("from_version", earlier), ("to_version", later)):
        if version not in frameworks:
            raise DataError(src.name, key, f"no framework file has version '{version}'")
    earlier_codes, later_codes = frameworks[earlier]["codes"], frameworks[later]["codes"]
    seen, covered = [], set()
    for index, row in enumerate(_require(src, d, "rows", list, "rows")):
        entry = f"rows[{index}]"
        code = _require(src, row, "from", str, entry)
        entry = f"row {code}"
        if code not in earlier_codes:
            raise DataError(src.name, entry, f"framework {earlier} has no norm {code}")
        if code in seen:
            raise DataError(src.name, entry, "norm has two rows")
        seen.append(code)
        for target in _require(src, row, "to", list, entry):
            if target not in later_codes:
                raise DataError(src.name, entry, f"framework {later} has no norm {target}")
            covered.add(target)
    missing = [c for c in earlier_codes if c not in seen]
    if missing:
        raise DataError(src.name, "rows", f"no row for {', '.join(missing)}")
    new = d.get(f"new_in_{later}") or []
    uncovered = [c for c in later_codes if c not in covered]
    if sorted(new) != sorted(uncovered):
        raise DataError(
            src.name,
            f"new_in_{later}",
            f"must list exactly the {later} norms no row leads to: {', '.join(uncovered) or 'none'}",
        )
    return earlier, later


# --- loading ------------------------------------------------------------------------------


def framework_in_use(framework: models.Framework) -> bool:
    """True when anything outside this app refers to the framework or one of its norms.

    Later apps (audits, self-assessments) point at Framework or Norm; any such row
    freezes the version, without this app having to know those apps.
    """
    for model, instances in (
        (models.Framework, models.Framework.objects.filter(pk=framework.pk)),
        (models.Norm, framework.norms.all()),
    ):
        for rel in model._meta.related_objects:
            if rel.related_model._meta.app_label == models.Framework._meta.app_label:
                continue
            lookup = {f"{rel.field.name}__in": instances}
            if rel.related_model._default_manager.filter(**lookup).exists():
                return True
    return False


def _fingerprint(*parts: Source | str) -> str:
    """One SHA-256 over files and the fingerprints of what they depend on."""
    text = "".join(p.sha256 if isinstance(p, Source) else p for p in parts)
    return hashlib.sha256(text.encode()).hexdigest()


def _unchanged(name: str, sha256: str) -> bool:
    return models.DataSet.objects.filter(name=name, sha256=sha256).exists()


def _mark(name: str, sha256: str) -> None:
    models.DataSet.objects.update_or_create(name=name, defaults={"sha256": sha256})


def load(data_dir: Path = DATA_DIR) -> Report:
    """Validate every data file in data_dir, then load what changed."""
    data_dir = Path(data_dir)
    framework_sources = [_read(p) for p in sorted(data_dir.glob("framework_*.yaml"))]
    if not framework_sources:
        raise DataError(str(data_dir), "framework_*.yaml", "no framework files found")
    frameworks: dict[str, dict] = {}
    for src in framework_sources:
        info = validate_framework(src)
        if info["version"] in frameworks:
            raise DataError(src.name, "version", f"version {info['version']} is in two files")
        frameworks[info["version"]] = {**info, "source": src, "guidance": []}

    taken: dict = {}
    for src in map(_read, sorted(data_dir.glob("guidance_*.yaml"))):
        frameworks[validate_guidance(src, frameworks, taken)]["guidance"].append(src)
    branch_code = (
        _read(data_dir / "branch_code.yaml") if (data_dir / "branch_code.yaml").exists() else None
    )
    if branch_code:
        validate_branch_code(branch_code)
    crosswalks = [
        (s, validate_crosswalk(s, frameworks))
        for s in map(_read, sorted(data_dir.glob("crosswalk_*.yaml")))
    ]
    correspondences = [
        (s, validate_correspondence(s, frameworks))
        for s in map(_read, sorted(data_dir.glob("correspondence_*.yaml")))
    ]

    report = Report()
    fingerprints = {v: _fingerprint(f["source"], *f["guidance"]) for v, f in frameworks.items()}
    with transaction.atomic():
        for version, info in frameworks.items():
            name = f"framework {version}"
            if _unchanged(name, fingerprints[version]):
                report.unchanged.append(name)
                continue
            _load_framework(info["source"], info["guidance"])
            _mark(name, fingerprints[version])
            report.loaded.append(name)
        if branch_code:
            _load_once(
                report, "branch code", branch_code.sha256, lambda: _load_branch_code(branch_code)
            )
        for src, version in crosswalks:
            sha = _fingerprint(src, fingerprints[version])
            _load_once(report, src.name, sha, lambda src=src: _load_crosswalk(src))
        for src, (earlier, later) in correspondences:
            sha = _fingerprint(src, fingerprints[earlier], fingerprints[later])
            _load_once(report, src.name, sha, lambda src=src: _load_correspondence(src))
    return report


def _load_once(report: Report, name: str, sha256: str, loader) -> None:
    if _unchanged(name, sha256):
        report.unchanged.append(name)
        return
    loader()
    _mark(name, sha256)
    report.loaded.append(name)


def _load_framework(src: Source, guidance_sources: list[Source]) -> None:
    d = src.data
    version = str(d["version"])
    existing = models.Framework.objects.filter(version=version).first()
    if existing:
        if framework_in_use(existing):
            raise DataError(
                src.name,
                "version",
                f"framework {version} is used by an audit and can no longer change; "
                "put the correction in a new version",
            )
        existing.delete()
    thresholds = d.get("thresholds") or {}
    framework = models.Framework.objects.create(
        version=version,
        title=d["title"].strip(),
        edition=(d.get("edition") or "").strip(),
        status=d["status"],
        source=d["source"].strip(),
        max_not_met=thresholds.get("max_not_met"),
        max_partly=thresholds.get("max_partly"),
        thresholds_source=(thresholds.get("source") or "").strip(),
        professional_profiles_note=(d.get("professional_profiles_note") or "").strip(),
        sources_used=d.get("sources_used") or [],
        guidance_sources=[
            {
                "source": g.data.get("source", ""),
                "introduction": (g.data.get("introduction") or "").strip(),
            }
            for g in guidance_sources
        ],
    )
    guidance: dict[str, dict] = {}
    for g in guidance_sources:
        for code, fields in g.data["norms"].items():
            merged = guidance.setdefault(code, {"notes": []})
            for key, value in fields.items():
                if key == "notes":
                    merged["notes"] += [f"{g.name}: {n}" for n in value]
                else:
                    merged[key] = value
    norms = []
    for position, r in enumerate(d["rubrics"], start=1):
        rubric = models.Rubric.objects.create(
            framework=framework,
            code=r["code"],
            position=position,
            name=r["name"].strip(),
            heading=(r.get("heading") or "").strip(),
            description=(r.get("description") or "").strip(),
        )
        for n in r["norms"]:
            extra = guidance.get(f"{r['code']}{n['number']}", {"notes": []})
            norms.append(
                models.Norm(
                    framework=framework,
                    rubric=rubric,
                    number=n["number"],
                    text=n["text"].strip(),
                    footnote=(n.get("footnote") or "").strip(),
                    examples=(extra.get("examples") or "").strip(),
                    questions=extra.get("questions", []),
                    evidence_examples=extra.get("evidence_examples", []),
                    notes=[f"{src.name}: {x}" for x in n.get("notes") or []] + extra["notes"],
                )
            )
    models.Norm.objects.bulk_create(norms)
    models.Term.objects.bulk_create(
        models.Term(
            framework=framework,
            position=i,
            term=t["term"].strip(),
            definition=t["definition"].strip(),
            counts_in_scope=t.get("counts_in_scope"),
        )
        for i, t in enumerate(d.get("terminology") or [], start=1)
    )


def _load_branch_code(src: Source) -> None:
    models.BranchCode.objects.all().delete()
    d = src.data
    code = models.BranchCode.objects.create(
        title=d["title"].strip(),
        subtitle=(d.get("subtitle") or "").strip(),
        source=d["source"].strip(),
    )
    values, position = [], 0
    for group in d["groups"]:
        for value in group["values"]:
            position += 1
            values.append(
                models.BranchValue(
                    branch_code=code,
                    rubric=group["rubric"],
                    group_name=group["name"].strip(),
                    number=value["number"],
                    position=position,
                    text=value["text"].strip(),
                )
            )
    models.BranchValue.objects.bulk_create(values)


def norms_by_code(version: str) -> dict[str, models.Norm]:
    norms = models.Norm.objects.filter(framework__version=version).select_related("rubric")
    return {n.code: n for n in norms}


def _load_crosswalk(src: Source) -> None:
    d = src.data
    framework = models.Framework.objects.get(version=str(d["framework"]))
    models.Crosswalk.objects.filter(framework=framework, slug=d["slug"]).delete()
    crosswalk = models.Crosswalk.objects.create(
        slug=d["slug"],
        framework=framework,
        standard=d["standard"].strip(),
        title=d["title"].strip(),
        source=d["source"].strip(),
        introduction=(d.get("introduction") or "").strip(),
        conclusions={k: str(v).strip() for k, v in (d.get("conclusions") or {}).items()},
        expected_branch_specific=d.get("expected_branch_specific") or {},
        classification_notes=(d.get("classification_notes") or "").strip(),
    )
    clauses = {}
    for number, title in d["clauses"].items():
        clause, _ = models.Clause.objects.update_or_create(
            standard=crosswalk.standard, number=number, defaults={"title": title.strip()}
        )
        clauses[number] = clause
    norms = norms_by_code(framework.version)
    entries = models.CrosswalkEntry.objects.bulk_create(
        models.CrosswalkEntry(
            crosswalk=crosswalk,
            norm=norms[row["norm"]],
            branch_specific=row["branch_specific"],
            comparison=row["comparison"].strip(),
        )
        for row in d["rows"]
    )
    through = models.CrosswalkEntry.clauses.through
    through.objects.bulk_create(
        through(crosswalkentry_id=entry.pk, clause_id=clauses[str(number)].pk)
        for entry, row in zip(entries, d["rows"], strict=True)
        for number in row["clauses"]
    )


def _load_correspondence(src: Source) -> None:
    d = src.data
    earlier, later = norms_by_code(str(d["from_version"])), norms_by_code(str(d["to_version"]))
    models.Correspondence.objects.filter(earlier__in=earlier.values()).delete()
    for row in d["rows"]:
        link = models.Correspondence.objects.create(
            earlier=earlier[row["from"]], note=(row.get("note") or "").strip()
        )
        link.later.set([later[c] for c in row["to"]])
