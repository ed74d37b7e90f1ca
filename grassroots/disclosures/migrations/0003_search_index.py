"""Diacritics-insensitive search.

PostgreSQL: the ``unaccent`` extension and a GIN index over ``to_tsvector('simple', search_text)``.
SQLite: an FTS5 table ``disclosures_search`` (rowid = disclosure id) over the folded ``search_text``,
kept up to date by ``services`` (``search_index_update`` / ``search_index_rebuild``), not by triggers,
because SQLite table rebuilds in later migrations would silently drop triggers.
"""

from django.db import migrations

POSTGRES_FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS unaccent",
    "CREATE INDEX IF NOT EXISTS disclosure_search_gin ON disclosures_disclosure "
    "USING gin (to_tsvector('simple'::regconfig, search_text))",
]
POSTGRES_BACKWARD = ["DROP INDEX IF EXISTS disclosure_search_gin"]
SQLITE_FORWARD = [
    "CREATE VIRTUAL TABLE IF NOT EXISTS disclosures_search USING fts5(search_text, tokenize = 'unicode61')",
    "INSERT INTO disclosures_search(rowid, search_text) SELECT id, search_text FROM disclosures_disclosure",
]
SQLITE_BACKWARD = ["DROP TABLE IF EXISTS disclosures_search"]


def _run(schema_editor, statements):
    for statement in statements:
        schema_editor.execute(statement)


def forward(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        _run(schema_editor, POSTGRES_FORWARD)
    elif vendor == "sqlite":
        _run(schema_editor, SQLITE_FORWARD)


def backward(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        _run(schema_editor, POSTGRES_BACKWARD)
    elif vendor == "sqlite":
        _run(schema_editor, SQLITE_BACKWARD)


class Migration(migrations.Migration):
    dependencies = [("disclosures", "0002_seed_categories")]

    operations = [migrations.RunPython(forward, backward)]
