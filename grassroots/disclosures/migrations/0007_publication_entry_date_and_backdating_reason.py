"""Channel events keep the day they were entered apart from the day they claim to have started (issue 9 item 7).

Existing rows get their entry day from ``recorded_at`` in Vietnam time; those dated before it were entered
before a reason was asked for, and say so. The column becomes required and the constraints are added in
0008, in a transaction of their own (PostgreSQL does not alter a table with row updates pending).
"""

from zoneinfo import ZoneInfo

from django.db import migrations, models

LEGACY_REASON = "Ghi nhận trước khi hệ thống yêu cầu lý do ghi nhận muộn (dữ liệu cũ)."
VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")


def fill_entry_days(apps, schema_editor):
    PublicationEvent = apps.get_model("disclosures", "PublicationEvent")
    for event in PublicationEvent.objects.all().iterator():
        entered = event.recorded_at.astimezone(VIETNAM).date()
        event.recorded_on = max(entered, event.started_on)
        if event.started_on < event.recorded_on and not event.backdating_reason:
            event.backdating_reason = LEGACY_REASON
        event.save(update_fields=["recorded_on", "backdating_reason"])


class Migration(migrations.Migration):
    dependencies = [
        ("disclosures", "0006_public_list_index"),
    ]

    operations = [
        migrations.AddField(
            model_name="publicationevent",
            name="recorded_on",
            field=models.DateField(null=True, verbose_name="Ngày ghi nhận"),
        ),
        migrations.AddField(
            model_name="publicationevent",
            name="backdating_reason",
            field=models.TextField(
                blank=True,
                help_text="Bắt buộc khi ngày bắt đầu sớm hơn ngày ghi nhận; lần công khai đó được tính là tự khai.",
                verbose_name="Lý do ghi nhận sau ngày niêm yết",
            ),
        ),
        migrations.RunPython(fill_entry_days, migrations.RunPython.noop),
    ]
