"""Two more refusals in the database for reversing entries, as a clerk with a database client meets them.

* A reason of blanks: 0008 stripped only space, tab, CR and LF, so a reason of no-break spaces (U+00A0), vertical
  tabs or form feeds still passed. The trigger is replaced by one that strips those too.
* A reversal of a reversal: ``entry_reverse`` refuses it in Python; a BEFORE INSERT trigger now refuses it in
  the database (the reversed entry must itself reverse nothing).

One reversal per entry needs no new constraint: ``Entry.reverses`` is a one-to-one field, already backed by a
unique index (``funds_entry_reverses_id_key`` on PostgreSQL, a UNIQUE column on SQLite).

Both raise a constraint violation (``IntegrityError``) like the CHECKs they complete. A later migration that
rebuilds ``funds_entry`` on SQLite must recreate them, as 0006 did for the append-only trigger.
"""

from django.db import migrations

SQLITE_BLANKS = "' ' || char(9) || char(10) || char(11) || char(12) || char(13) || char(160)"
SQLITE_UP = [
    "DROP TRIGGER IF EXISTS funds_entry_reversal_reason;",
    f"""CREATE TRIGGER funds_entry_reversal_reason BEFORE INSERT ON funds_entry
       WHEN NEW.reverses_id IS NOT NULL AND trim(NEW.reason, {SQLITE_BLANKS}) = ''
       BEGIN SELECT RAISE(ABORT, 'funds.reversal_reason_required'); END;""",
    """CREATE TRIGGER funds_entry_no_reversal_of_reversal BEFORE INSERT ON funds_entry
       WHEN NEW.reverses_id IS NOT NULL
        AND (SELECT reverses_id FROM funds_entry WHERE id = NEW.reverses_id) IS NOT NULL
       BEGIN SELECT RAISE(ABORT, 'funds.reversal_of_reversal'); END;""",
]
SQLITE_DOWN = [
    "DROP TRIGGER IF EXISTS funds_entry_no_reversal_of_reversal;",
    "DROP TRIGGER IF EXISTS funds_entry_reversal_reason;",
    """CREATE TRIGGER funds_entry_reversal_reason BEFORE INSERT ON funds_entry
       WHEN NEW.reverses_id IS NOT NULL
        AND trim(NEW.reason, ' ' || char(9) || char(10) || char(13)) = ''
       BEGIN SELECT RAISE(ABORT, 'funds.reversal_reason_required'); END;""",
]

POSTGRES_UP = [
    """CREATE OR REPLACE FUNCTION funds_entry_reversal_reason() RETURNS trigger AS $$
       BEGIN
         IF NEW.reverses_id IS NOT NULL
            AND btrim(NEW.reason, ' ' || chr(9) || chr(10) || chr(11) || chr(12) || chr(13) || chr(160)) = '' THEN
           RAISE EXCEPTION 'funds.reversal_reason_required' USING ERRCODE = 'check_violation';
         END IF;
         RETURN NEW;
       END; $$ LANGUAGE plpgsql;""",
    """CREATE OR REPLACE FUNCTION funds_entry_no_reversal_of_reversal() RETURNS trigger AS $$
       BEGIN
         IF NEW.reverses_id IS NOT NULL
            AND EXISTS (SELECT 1 FROM funds_entry WHERE id = NEW.reverses_id AND reverses_id IS NOT NULL) THEN
           RAISE EXCEPTION 'funds.reversal_of_reversal' USING ERRCODE = 'check_violation';
         END IF;
         RETURN NEW;
       END; $$ LANGUAGE plpgsql;""",
    """CREATE TRIGGER funds_entry_no_reversal_of_reversal BEFORE INSERT ON funds_entry
       FOR EACH ROW EXECUTE FUNCTION funds_entry_no_reversal_of_reversal();""",
]
POSTGRES_DOWN = [
    "DROP TRIGGER IF EXISTS funds_entry_no_reversal_of_reversal ON funds_entry;",
    "DROP FUNCTION IF EXISTS funds_entry_no_reversal_of_reversal();",
    """CREATE OR REPLACE FUNCTION funds_entry_reversal_reason() RETURNS trigger AS $$
       BEGIN
         IF NEW.reverses_id IS NOT NULL AND btrim(NEW.reason, E' \\t\\r\\n') = '' THEN
           RAISE EXCEPTION 'funds.reversal_reason_required' USING ERRCODE = 'check_violation';
         END IF;
         RETURN NEW;
       END; $$ LANGUAGE plpgsql;""",
]


def _run(statements: dict[str, list[str]]):  # type: ignore[no-untyped-def]
    def run(apps, schema_editor):  # type: ignore[no-untyped-def]
        for statement in statements.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("funds", "0008_reversal_reason_not_blank")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE_UP, "postgresql": POSTGRES_UP}),
            _run({"sqlite": SQLITE_DOWN, "postgresql": POSTGRES_DOWN}),
        )
    ]
