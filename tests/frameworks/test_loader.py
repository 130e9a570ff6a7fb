"""The loader validates every file first, names the file and entry, and changes nothing on error."""

import shutil

import pytest
import yaml
from django.core.management import CommandError, call_command

from kwaliteitslabel.frameworks import loader
from kwaliteitslabel.frameworks.loader import DATA_DIR, DataError
from kwaliteitslabel.frameworks.models import DataSet, Framework, Norm

pytestmark = pytest.mark.django_db


@pytest.fixture
def data_dir(tmp_path):
    target = tmp_path / "data"
    shutil.copytree(DATA_DIR, target)
    return target


def edit(path, change):
    data = yaml.safe_load(path.read_text())
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False))


def snapshot():
    return list(Norm.objects.order_by("pk").values_list("pk", "text"))


def test_loading_twice_changes_nothing():
    before, sets = snapshot(), list(DataSet.objects.values_list("name", "sha256"))
    report = loader.load()
    assert report.loaded == []
    assert len(report.unchanged) == 5
    assert snapshot() == before
    assert list(DataSet.objects.values_list("name", "sha256")) == sets


def test_a_changed_text_reloads_only_that_framework(data_dir):
    edit(
        data_dir / "framework_2016.yaml",
        lambda d: d["rubrics"][0]["norms"][0].update(text="Nieuwe tekst."),
    )
    report = loader.load(data_dir)
    assert "framework 2016" in report.loaded and "framework 2019" in report.unchanged
    assert (
        Norm.objects.get(framework__version="2016", rubric__code="V", number=1).text
        == "Nieuwe tekst."
    )
    # The crosswalk and correspondence follow the rebuilt norms.
    assert Norm.objects.get(
        framework__version="2016", rubric__code="V", number=1
    ).crosswalk_entries.exists()


BROKEN = [
    (
        "framework_2019.yaml",
        lambda d: d["rubrics"][0]["norms"].pop(),
        "rubric V: has 14 norms, expected_norm_counts says 15",
    ),
    (
        "framework_2019.yaml",
        lambda d: d["rubrics"][1]["norms"][1].update(number=1),
        "norm D1: norm code appears twice",
    ),
    (
        "framework_2019.yaml",
        lambda d: d["rubrics"][2]["norms"][4].update(text=" "),
        "norm O5: 'text' is empty",
    ),
    (
        "framework_2019.yaml",
        lambda d: d.update(status="geldig"),
        "status: must be one of concept, in_force, withdrawn",
    ),
    (
        "guidance_2019_auditors.yaml",
        lambda d: d["norms"].update(V16={"questions": ["Waarom?"]}),
        "norm V16: framework 2019 has no norm V16",
    ),
    (
        "crosswalk_iso9001_2016.yaml",
        lambda d: d["rows"][0].update(norm="V17"),
        "row V17: framework 2016 has no norm V17",
    ),
    (
        "crosswalk_iso9001_2016.yaml",
        lambda d: d["rows"][0].update(clauses=["99.9"]),
        "row V1: clause 99.9 is not in 'clauses'",
    ),
    (
        "crosswalk_iso9001_2016.yaml",
        lambda d: d["rows"][0].update(branch_specific="no"),
        "expected_branch_specific.V: rows give 15 branch-specific norms, the source says 16",
    ),
    (
        "correspondence_2016_2019.yaml",
        lambda d: d["rows"][0].update(to=["V99"]),
        "row V1: framework 2019 has no norm V99",
    ),
    (
        "correspondence_2016_2019.yaml",
        lambda d: d.update(new_in_2019=["D10"]),
        "new_in_2019: must list exactly the 2019 norms no row leads to",
    ),
    (
        "branch_code.yaml",
        lambda d: d["groups"][0]["values"][1].update(number=7),
        "groups[0], value 2: numbers must run 1, 2, 3...; expected 2",
    ),
]


@pytest.mark.parametrize(("file", "change", "message"), BROKEN, ids=[b[2][:40] for b in BROKEN])
def test_a_broken_file_is_refused_naming_file_and_entry(data_dir, file, change, message):
    edit(data_dir / file, change)
    # A valid change elsewhere must not be loaded either: validation comes first.
    edit(
        data_dir / "framework_2016.yaml",
        lambda d: d["rubrics"][0]["norms"][0].update(text="Anders."),
    )
    before = snapshot()
    with pytest.raises(DataError) as error:
        loader.load(data_dir)
    assert str(error.value).startswith(f"{file}: ")
    assert message in str(error.value)
    assert snapshot() == before


def test_invalid_yaml_names_the_file_and_line(data_dir):
    (data_dir / "branch_code.yaml").write_text("title: [unclosed\n")
    with pytest.raises(DataError, match=r"branch_code.yaml: line \d+: not valid YAML"):
        loader.load(data_dir)


def test_the_command_reports_the_file_and_changes_nothing(data_dir):
    edit(data_dir / "framework_2019.yaml", lambda d: d["rubrics"][0]["norms"].pop())
    before = snapshot()
    with pytest.raises(
        CommandError, match="Normenkaders niet geladen. framework_2019.yaml: rubric V"
    ):
        call_command("load_frameworks", data_dir=data_dir)
    assert snapshot() == before


def test_a_framework_in_use_can_no_longer_change(data_dir, monkeypatch):
    monkeypatch.setattr(loader, "framework_in_use", lambda framework: framework.version == "2019")
    edit(
        data_dir / "framework_2019.yaml",
        lambda d: d["rubrics"][0]["norms"][0].update(text="Anders."),
    )
    before = snapshot()
    with pytest.raises(DataError, match="framework 2019 is used by an audit .* new version"):
        loader.load(data_dir)
    assert snapshot() == before


def test_no_framework_is_in_use_before_any_audit():
    assert not any(loader.framework_in_use(f) for f in Framework.objects.all())
