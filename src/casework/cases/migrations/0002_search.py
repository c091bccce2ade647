"""The database's own full-text index over SearchDoc.body.

SQLite: an FTS5 external-content table kept in sync by triggers (so bulk inserts are indexed too).
PostgreSQL: a generated tsvector column ('simple' config: no stemming, any language) with a GIN index.
"""

from django.db import migrations

SQLITE_FORWARD = [
    "CREATE VIRTUAL TABLE cases_searchdoc_fts USING fts5(body, content='cases_searchdoc', content_rowid='id', "
    "tokenize='unicode61 remove_diacritics 2')",
    "CREATE TRIGGER cases_searchdoc_ai AFTER INSERT ON cases_searchdoc BEGIN "
    "INSERT INTO cases_searchdoc_fts(rowid, body) VALUES (new.id, new.body); END",
    "CREATE TRIGGER cases_searchdoc_ad AFTER DELETE ON cases_searchdoc BEGIN "
    "INSERT INTO cases_searchdoc_fts(cases_searchdoc_fts, rowid, body) VALUES ('delete', old.id, old.body); END",
    "CREATE TRIGGER cases_searchdoc_au AFTER UPDATE ON cases_searchdoc BEGIN "
    "INSERT INTO cases_searchdoc_fts(cases_searchdoc_fts, rowid, body) VALUES ('delete', old.id, old.body); "
    "INSERT INTO cases_searchdoc_fts(rowid, body) VALUES (new.id, new.body); END",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS cases_searchdoc_au",
    "DROP TRIGGER IF EXISTS cases_searchdoc_ad",
    "DROP TRIGGER IF EXISTS cases_searchdoc_ai",
    "DROP TABLE IF EXISTS cases_searchdoc_fts",
]
POSTGRES_FORWARD = [
    "ALTER TABLE cases_searchdoc ADD COLUMN tsv tsvector "
    "GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, body)) STORED",
    "CREATE INDEX cases_searchdoc_tsv ON cases_searchdoc USING GIN (tsv)",
]
POSTGRES_BACKWARD = [
    "DROP INDEX IF EXISTS cases_searchdoc_tsv",
    "ALTER TABLE cases_searchdoc DROP COLUMN IF EXISTS tsv",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for sql in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("cases", "0001_initial")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE_FORWARD, "postgresql": POSTGRES_FORWARD}),
            _run({"sqlite": SQLITE_BACKWARD, "postgresql": POSTGRES_BACKWARD}),
        )
    ]
