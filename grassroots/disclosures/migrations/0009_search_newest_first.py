"""Search over 100,000 disclosures in a few milliseconds (issue 11); both indexes are rebuilt from existing rows.

PostgreSQL: a stored generated column ``search_vector`` (``to_tsvector('simple', search_text)``, written by the
database on every insert and update, filled for existing rows by ``ADD COLUMN``) with a GIN index that has no
pending list (``fastupdate = off``: a full pending list is read linearly by every search). It replaces the
expression index of 0003, which made the portal's newest-first walk parse the text of every row it passed.
The column is unknown to the Django model on purpose: Django never writes it. A later migration that changes
the type of ``search_text`` must drop the column first (PostgreSQL refuses to alter a column a generated
column depends on).

SQLite: the FTS5 table ``disclosures_search`` is rebuilt with rowid = the search key,
``(julian day of first_published_on << 32) | id`` (0 for the day while unpublished), so that FTS5 returns
matches newest first (``ORDER BY rowid DESC``) and a page stops after its rows instead of sorting every match.
``services.search.SQLITE_SEARCH_KEY`` is the same expression (a test keeps them equal).
"""

from django.db import migrations

SQLITE_SEARCH_KEY = "((COALESCE(CAST(julianday(first_published_on) AS INTEGER), 0) << 32) | id)"

POSTGRES_FORWARD = [
    "ALTER TABLE disclosures_disclosure ADD COLUMN IF NOT EXISTS search_vector tsvector "
    "GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, search_text)) STORED",
    "CREATE INDEX IF NOT EXISTS disclosure_search_vector_gin ON disclosures_disclosure "
    "USING gin (search_vector) WITH (fastupdate = off)",
    "DROP INDEX IF EXISTS disclosure_search_gin",
]
POSTGRES_BACKWARD = [
    "CREATE INDEX IF NOT EXISTS disclosure_search_gin ON disclosures_disclosure "
    "USING gin (to_tsvector('simple'::regconfig, search_text))",
    "DROP INDEX IF EXISTS disclosure_search_vector_gin",
    "ALTER TABLE disclosures_disclosure DROP COLUMN IF EXISTS search_vector",
]
SQLITE_FORWARD = [
    "DROP TABLE IF EXISTS disclosures_search",
    "CREATE VIRTUAL TABLE disclosures_search USING fts5(search_text, tokenize = 'unicode61')",
    f"INSERT INTO disclosures_search(rowid, search_text) SELECT {SQLITE_SEARCH_KEY}, search_text "
    "FROM disclosures_disclosure",
]
SQLITE_BACKWARD = [
    "DROP TABLE IF EXISTS disclosures_search",
    "CREATE VIRTUAL TABLE disclosures_search USING fts5(search_text, tokenize = 'unicode61')",
    "INSERT INTO disclosures_search(rowid, search_text) SELECT id, search_text FROM disclosures_disclosure",
]


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
    dependencies = [("disclosures", "0008_publication_entry_constraints")]

    operations = [migrations.RunPython(forward, backward)]
