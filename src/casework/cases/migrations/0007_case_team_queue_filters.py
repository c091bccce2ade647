"""The team queue index also carries severity, language, channel and segment.

The console's usual filters (a team's French S2 cases, its luxury stays, its chats) were checked
on the table row of every case the index walk passed: at 1M cases, a team + severity + language
page looked at ~600 rows to fill 50. With the columns in the index, SQLite rejects a case from the
index entry alone (its deferred seek fetches the row only for cases that pass); measured by
``casework bench queue`` (docs/adr/0001). The table is analysed afterwards (see analyze_cases).
"""

from django.db import migrations, models


def analyze_cases(apps, schema_editor):
    """Statistics for the new index at once: without them SQLite's planner took it for the
    visibility check of a search's candidate ids (a team-wide walk, 120 ms at 1M cases) instead
    of looking the ids up (1 ms)."""
    with schema_editor.connection.cursor() as cur:
        if schema_editor.connection.vendor == "sqlite":
            cur.execute("PRAGMA analysis_limit=1000")
        cur.execute("ANALYZE cases_case")


class Migration(migrations.Migration):
    dependencies = [("cases", "0006_taxonomy_severity_defaults")]

    operations = [
        migrations.RemoveIndex(model_name="case", name="case_team_queue_cov"),
        migrations.AddIndex(
            model_name="case",
            index=models.Index(fields=["team", "is_active", "sla_due_at", "id", "confidentiality", "owner",
                                       "severity", "language", "channel", "segment"],
                               name="case_team_queue_cov2"),
        ),
        migrations.RunPython(analyze_cases, migrations.RunPython.noop, elidable=True),
    ]
