"""The entry day is required; a posting starts no later than its entry, and one dated earlier says why."""

import django.db.models.expressions
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("disclosures", "0007_publication_entry_date_and_backdating_reason"),
    ]

    operations = [
        migrations.AlterField(
            model_name="publicationevent",
            name="recorded_on",
            field=models.DateField(
                help_text="Ngày nhập vào hệ thống (giờ Việt Nam), do hệ thống ghi, không ai gõ.",
                verbose_name="Ngày ghi nhận",
            ),
        ),
        migrations.AddConstraint(
            model_name="publicationevent",
            constraint=models.CheckConstraint(
                condition=models.Q(("started_on__lte", django.db.models.expressions.F("recorded_on"))),
                name="publication_not_started_after_entry",
            ),
        ),
        migrations.AddConstraint(
            model_name="publicationevent",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("started_on__gte", django.db.models.expressions.F("recorded_on")),
                    models.Q(("backdating_reason", ""), _negated=True),
                    _connector="OR",
                ),
                name="publication_backdating_has_reason",
            ),
        ),
    ]
