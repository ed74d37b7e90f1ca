"""Showing each household's amount paid is the commune's setting, no longer each fund's flag (issue 18).

The per-fund flag ``Fund.shows_household_amounts`` is removed, not carried into a commune setting: a commune
that never decided has its amounts hidden (the private default), and a setting appears only through the audited
service. A fund that showed amounts hides them until the commune officer turns the setting on.

Settings are append-only in the database as the ledger is (``0002_entries_append_only``): an UPDATE is refused on
SQLite and PostgreSQL, a DELETE on PostgreSQL (SQLite's test flush deletes; the ORM refuses deletes there).
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

SQLITE_UP = [
    """CREATE TRIGGER funds_setting_no_update BEFORE UPDATE ON funds_communefundsetting
       BEGIN SELECT RAISE(ABORT, 'funds.setting_append_only'); END;""",
]
SQLITE_DOWN = ["DROP TRIGGER IF EXISTS funds_setting_no_update;"]

POSTGRES_UP = [
    """CREATE OR REPLACE FUNCTION funds_setting_append_only() RETURNS trigger AS $$
       BEGIN RAISE EXCEPTION 'funds.setting_append_only'; END; $$ LANGUAGE plpgsql;""",
    """CREATE TRIGGER funds_setting_no_change BEFORE UPDATE OR DELETE ON funds_communefundsetting
       FOR EACH ROW EXECUTE FUNCTION funds_setting_append_only();""",
]
POSTGRES_DOWN = [
    "DROP TRIGGER IF EXISTS funds_setting_no_change ON funds_communefundsetting;",
    "DROP FUNCTION IF EXISTS funds_setting_append_only();",
]


def _run(statements: dict[str, list[str]]):  # type: ignore[no-untyped-def]
    def run(apps, schema_editor):  # type: ignore[no-untyped-def]
        for statement in statements.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("funds", "0004_ledger_indexes"),
        ("units", "0003_community_changes_legacy_mapping"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RemoveField(model_name="fund", name="shows_household_amounts"),
        migrations.CreateModel(
            name="CommuneFundSetting",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("shows_household_amounts", models.BooleanField(verbose_name="Công khai số tiền từng hộ đã nộp")),
                ("basis", models.CharField(max_length=300, verbose_name="Căn cứ (quyết định, biên bản)")),
                ("set_at", models.DateTimeField(verbose_name="Thời điểm thiết lập")),
                (
                    "commune",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="units.administrativeunit",
                        verbose_name="Xã",
                    ),
                ),
                (
                    "set_by",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT, related_name="+", to=settings.AUTH_USER_MODEL
                    ),
                ),
            ],
            options={
                "verbose_name": "Thiết lập công khai quỹ của xã",
                "verbose_name_plural": "Thiết lập công khai quỹ của xã",
                "ordering": ["commune", "-pk"],
                "indexes": [models.Index(fields=["commune", "-id"], name="funds_setting_latest_idx")],
            },
        ),
        migrations.RunPython(
            _run({"sqlite": SQLITE_UP, "postgresql": POSTGRES_UP}),
            _run({"sqlite": SQLITE_DOWN, "postgresql": POSTGRES_DOWN}),
        ),
    ]
