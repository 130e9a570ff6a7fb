from pathlib import Path

import yaml
from django.db import migrations

DATA = Path(__file__).resolve().parents[2] / "frameworks" / "data" / "work_types.yaml"


def seed(apps, schema_editor):
    """The kinds of work the sources name; SWN maintains the list from here on."""
    WorkType = apps.get_model("members", "WorkType")
    for position, name in enumerate(yaml.safe_load(DATA.read_text())["work_types"], start=1):
        WorkType.objects.get_or_create(name=name, defaults={"position": position})


class Migration(migrations.Migration):
    dependencies = [("members", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
