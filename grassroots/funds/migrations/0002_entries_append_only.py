"""The ledger is append-only in the database itself: an UPDATE of an entry is refused (SQLite and PostgreSQL),
and so is a DELETE on PostgreSQL.

SQLite's test flush empties tables with DELETE, so there the ORM guard (``EntryQuerySet``, ``Entry.delete``)
refuses deletes; PostgreSQL flushes with TRUNCATE, which row triggers do not see.
"""

from django.db import migrations

SQLITE_UP = [
    """CREATE TRIGGER funds_entry_no_update BEFORE UPDATE ON funds_entry
       BEGIN SELECT RAISE(ABORT, 'funds.entry_append_only'); END;""",
]
SQLITE_DOWN = ["DROP TRIGGER IF EXISTS funds_entry_no_update;"]

POSTGRES_UP = [
    """CREATE OR REPLACE FUNCTION funds_entry_append_only() RETURNS trigger AS $$
       BEGIN RAISE EXCEPTION 'funds.entry_append_only'; END; $$ LANGUAGE plpgsql;""",
    """CREATE TRIGGER funds_entry_no_change BEFORE UPDATE OR DELETE ON funds_entry
       FOR EACH ROW EXECUTE FUNCTION funds_entry_append_only();""",
]
POSTGRES_DOWN = [
    "DROP TRIGGER IF EXISTS funds_entry_no_change ON funds_entry;",
    "DROP FUNCTION IF EXISTS funds_entry_append_only();",
]


def _run(statements: dict[str, list[str]]):  # type: ignore[no-untyped-def]
    def run(apps, schema_editor):  # type: ignore[no-untyped-def]
        for statement in statements.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("funds", "0001_initial")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE_UP, "postgresql": POSTGRES_UP}),
            _run({"sqlite": SQLITE_DOWN, "postgresql": POSTGRES_DOWN}),
        )
    ]
