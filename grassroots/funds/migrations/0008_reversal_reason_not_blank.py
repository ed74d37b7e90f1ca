"""A reversing entry's reason must say something: the database refuses one of only spaces, tabs or newlines.

``funds_reversal_has_reason`` (a CHECK) refuses an empty reason; a reason of blanks passed it, so a clerk with a
database client could reverse an entry without saying why. A BEFORE INSERT trigger refuses it on SQLite and
PostgreSQL, as a constraint violation (``IntegrityError``) like the CHECK it completes. A later migration that
rebuilds ``funds_entry`` on SQLite must recreate it, as 0006 did for the append-only trigger.
"""

from django.db import migrations

SQLITE_UP = [
    """CREATE TRIGGER funds_entry_reversal_reason BEFORE INSERT ON funds_entry
       WHEN NEW.reverses_id IS NOT NULL
        AND trim(NEW.reason, ' ' || char(9) || char(10) || char(13)) = ''
       BEGIN SELECT RAISE(ABORT, 'funds.reversal_reason_required'); END;""",
]
SQLITE_DOWN = ["DROP TRIGGER IF EXISTS funds_entry_reversal_reason;"]

POSTGRES_UP = [
    """CREATE OR REPLACE FUNCTION funds_entry_reversal_reason() RETURNS trigger AS $$
       BEGIN
         IF NEW.reverses_id IS NOT NULL AND btrim(NEW.reason, E' \\t\\r\\n') = '' THEN
           RAISE EXCEPTION 'funds.reversal_reason_required' USING ERRCODE = 'check_violation';
         END IF;
         RETURN NEW;
       END; $$ LANGUAGE plpgsql;""",
    """CREATE TRIGGER funds_entry_reversal_reason BEFORE INSERT ON funds_entry
       FOR EACH ROW EXECUTE FUNCTION funds_entry_reversal_reason();""",
]
POSTGRES_DOWN = [
    "DROP TRIGGER IF EXISTS funds_entry_reversal_reason ON funds_entry;",
    "DROP FUNCTION IF EXISTS funds_entry_reversal_reason();",
]


def _run(statements: dict[str, list[str]]):  # type: ignore[no-untyped-def]
    def run(apps, schema_editor):  # type: ignore[no-untyped-def]
        for statement in statements.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("funds", "0007_statement_document")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE_UP, "postgresql": POSTGRES_UP}),
            _run({"sqlite": SQLITE_DOWN, "postgresql": POSTGRES_DOWN}),
        )
    ]
