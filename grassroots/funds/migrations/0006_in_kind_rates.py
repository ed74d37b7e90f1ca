"""Materials and labour rates become structured (issue 18): kind, item, unit, basis, quantity, value in đồng.

Existing data: a fund's whole-day labour rate (``rate_labour_days``) becomes a labour rate "Ngày công lao động"
counted on the fund's basis, and each obligation's ``labour_days_due`` its due line (the numbers do not change).
A free-text materials note (``materials_note``) cannot be read as a quantity: it becomes a materials rate named by
the note with no quantity (shown on the pages as before, owed by nobody), for the fund's managers to read.

Adding a check constraint rebuilds ``funds_entry`` on SQLite, which drops its triggers: the append-only trigger of
``0002_entries_append_only`` is created again right after.
"""

from decimal import Decimal
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


LABOUR_ITEM = "Ngày công lao động"
LABOUR_UNIT = "ngày công"


def _entry_trigger_again(apps, schema_editor):  # type: ignore[no-untyped-def]
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute("DROP TRIGGER IF EXISTS funds_entry_no_update;")
        schema_editor.execute(
            """CREATE TRIGGER funds_entry_no_update BEFORE UPDATE ON funds_entry
               BEGIN SELECT RAISE(ABORT, 'funds.entry_append_only'); END;"""
        )


def _structure_rates(apps, schema_editor):  # type: ignore[no-untyped-def]
    fund_model = apps.get_model("funds", "Fund")
    rate_model = apps.get_model("funds", "InKindRate")
    due_model = apps.get_model("funds", "InKindDue")
    obligation_model = apps.get_model("funds", "Obligation")
    for fund in fund_model.objects.order_by("pk").iterator():
        if fund.rate_labour_days:
            rate = rate_model.objects.create(
                fund=fund,
                medium="labour",
                item=LABOUR_ITEM,
                unit=LABOUR_UNIT,
                basis=fund.basis,
                quantity=Decimal(fund.rate_labour_days),
            )
            due_model.objects.bulk_create(
                (
                    due_model(obligation_id=obligation_id, rate=rate, quantity_due=Decimal(days))
                    for obligation_id, days in obligation_model.objects.filter(fund=fund).values_list(
                        "pk", "labour_days_due"
                    )
                ),
                batch_size=1000,
            )
        if fund.materials_note.strip():
            rate_model.objects.create(
                fund=fund, medium="materials", item=fund.materials_note.strip()[:200], unit="", basis=fund.basis
            )


class Migration(migrations.Migration):
    dependencies = [
        ("funds", "0005_commune_setting"),
        ("units", "0003_community_changes_legacy_mapping"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="entry",
            name="quantity",
            field=models.DecimalField(blank=True, decimal_places=2, max_digits=14, null=True, verbose_name="Số lượng"),
        ),
        migrations.CreateModel(
            name="InKindRate",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "medium",
                    models.CharField(
                        choices=[
                            ("money", "Tiền"),
                            ("materials", "Hiện vật, vật liệu (quy ra tiền)"),
                            ("labour", "Ngày công lao động"),
                        ],
                        max_length=20,
                        verbose_name="Hình thức",
                    ),
                ),
                ("item", models.CharField(max_length=200, verbose_name="Hiện vật, công việc")),
                ("unit", models.CharField(blank=True, max_length=40, verbose_name="Đơn vị tính")),
                (
                    "basis",
                    models.CharField(
                        choices=[
                            ("per_household", "Theo hộ"),
                            ("per_person", "Theo nhân khẩu"),
                            ("per_area", "Theo diện tích (m²)"),
                        ],
                        max_length=20,
                        verbose_name="Tính theo",
                    ),
                ),
                (
                    "quantity",
                    models.DecimalField(
                        blank=True,
                        decimal_places=2,
                        max_digits=12,
                        null=True,
                        verbose_name="Số lượng cho mỗi hộ, nhân khẩu hoặc m²",
                    ),
                ),
                (
                    "value_per_unit",
                    models.BigIntegerField(
                        blank=True, null=True, verbose_name="Quy ra tiền (đồng mỗi đơn vị), nếu các hộ đã thống nhất"
                    ),
                ),
                (
                    "fund",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT, related_name="in_kind_rates", to="funds.fund"
                    ),
                ),
            ],
            options={
                "verbose_name": "Mức đóng góp bằng hiện vật, ngày công",
                "verbose_name_plural": "Mức đóng góp bằng hiện vật, ngày công",
                "ordering": ["fund", "pk"],
            },
        ),
        migrations.CreateModel(
            name="InKindDue",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "quantity_due",
                    models.DecimalField(decimal_places=2, max_digits=14, verbose_name="Số lượng phải góp"),
                ),
                ("value_due", models.BigIntegerField(blank=True, null=True, verbose_name="Quy ra tiền (đồng)")),
                (
                    "obligation",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT, related_name="in_kind_dues", to="funds.obligation"
                    ),
                ),
                (
                    "rate",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT, related_name="dues", to="funds.inkindrate"
                    ),
                ),
            ],
            options={
                "verbose_name": "Phần hiện vật, ngày công phải góp của hộ",
                "verbose_name_plural": "Phần hiện vật, ngày công phải góp của hộ",
                "ordering": ["obligation", "rate"],
            },
        ),
        migrations.AddField(
            model_name="entry",
            name="in_kind_rate",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="entries",
                to="funds.inkindrate",
                verbose_name="Góp cho mức hiện vật, ngày công",
            ),
        ),
        migrations.AddConstraint(
            model_name="entry",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("in_kind_rate__isnull", True), ("quantity__isnull", True)),
                    models.Q(("in_kind_rate__isnull", False), ("quantity__gt", 0)),
                    _connector="OR",
                ),
                name="funds_entry_in_kind_quantity",
            ),
        ),
        migrations.AddConstraint(
            model_name="inkindrate",
            constraint=models.UniqueConstraint(fields=("fund", "medium", "item"), name="funds_in_kind_rate_unique"),
        ),
        migrations.AddConstraint(
            model_name="inkindrate",
            constraint=models.CheckConstraint(
                condition=models.Q(("medium__in", ["materials", "labour"])), name="funds_in_kind_medium"
            ),
        ),
        migrations.AddConstraint(
            model_name="inkindrate",
            constraint=models.CheckConstraint(
                condition=models.Q(("quantity__isnull", True), ("quantity__gt", 0), _connector="OR"),
                name="funds_in_kind_quantity_positive",
            ),
        ),
        migrations.AddConstraint(
            model_name="inkindrate",
            constraint=models.CheckConstraint(
                condition=models.Q(("value_per_unit__isnull", True), ("value_per_unit__gt", 0), _connector="OR"),
                name="funds_in_kind_value_positive",
            ),
        ),
        migrations.AddConstraint(
            model_name="inkinddue",
            constraint=models.UniqueConstraint(fields=("obligation", "rate"), name="funds_one_in_kind_due_per_rate"),
        ),
        migrations.AddConstraint(
            model_name="inkinddue",
            constraint=models.CheckConstraint(
                condition=models.Q(("quantity_due__gte", 0)), name="funds_in_kind_due_not_negative"
            ),
        ),
        migrations.RunPython(_entry_trigger_again, migrations.RunPython.noop),
        migrations.RunPython(_structure_rates, migrations.RunPython.noop),
        migrations.RemoveField(
            model_name="fund",
            name="materials_note",
        ),
        migrations.RemoveField(
            model_name="fund",
            name="rate_labour_days",
        ),
    ]
