"""Load the default case-type taxonomy (domain.md) from ``cases/fixtures/taxonomy.json``.

Idempotent: rows are matched by slug and updated, so re-running it (or running it on a database
where an admin already created some of these types) never duplicates a type. Types an admin added
that are not in the file are left alone. The reverse is a no-op: cases may already point at the
types, and an admin may have edited them.
"""

import json
from pathlib import Path

from django.db import migrations

TAXONOMY_FILE = Path(__file__).resolve().parent.parent / "fixtures" / "taxonomy.json"


def load_taxonomy(apps, schema_editor):
    CaseType = apps.get_model("cases", "CaseType")
    data = json.loads(TAXONOMY_FILE.read_text(encoding="utf-8"))
    for parent_spec in data["types"]:
        parent, _ = CaseType.objects.update_or_create(
            slug=parent_spec["slug"],
            defaults={"parent": None, "names": parent_spec["names"], "default_severity": parent_spec["severity"]},
        )
        for child in parent_spec.get("children", []):
            CaseType.objects.update_or_create(
                slug=child["slug"],
                defaults={"parent": parent, "names": child["names"], "default_severity": child["severity"]},
            )


class Migration(migrations.Migration):
    dependencies = [("cases", "0002_search")]

    operations = [migrations.RunPython(load_taxonomy, migrations.RunPython.noop)]
