"""One audit chain per commune, a sealed national root; the events written so far stay verifiable.

Every event written before this migration belongs to the one global chain. It becomes the ``legacy``
chain, unchanged: same sequences, same hashes (computed without a chain key, see ``rules.event_hash``),
and the old singleton head becomes that chain's head. Nothing is re-hashed, so a hash copied out of the
database before the migration still identifies its event. New events go to per-commune chains.
"""

from typing import Any

from django.db import migrations, models

LEGACY_CHAIN = "legacy"  # rules.LEGACY_CHAIN, frozen here as migrations must be


def legacy_head_forward(apps: Any, schema_editor: Any) -> None:
    old_head = apps.get_model("core", "AuditChainHead")
    chain = apps.get_model("core", "AuditChain")
    event = apps.get_model("core", "AuditEvent")
    head = old_head.objects.filter(singleton=1).first()
    if head is not None and head.last_sequence:
        chain.objects.create(key=LEGACY_CHAIN, last_sequence=head.last_sequence, last_hash=head.last_hash)
    elif event.objects.exists():
        # Events without a head row cannot be: keep the verifier's complaint rather than invent a head.
        last = event.objects.order_by("-sequence").first()
        chain.objects.create(key=LEGACY_CHAIN, last_sequence=0, last_hash="0" * 64)
        print(f"\n  core.0002: events up to #{last.sequence} but no chain head; audit_verify will report it")


def legacy_head_backward(apps: Any, schema_editor: Any) -> None:
    chain = apps.get_model("core", "AuditChain")
    event = apps.get_model("core", "AuditEvent")
    if event.objects.exclude(chain=LEGACY_CHAIN).exists():
        raise RuntimeError("events were written to per-commune chains; they cannot go back to one global chain")
    old_head = apps.get_model("core", "AuditChainHead")
    legacy = chain.objects.filter(key=LEGACY_CHAIN).first()
    if legacy is not None:
        old_head.objects.create(singleton=1, last_sequence=legacy.last_sequence, last_hash=legacy.last_hash)


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]

    operations = [
        migrations.CreateModel(
            name="AuditChain",
            fields=[
                ("key", models.CharField(max_length=40, primary_key=True, serialize=False, verbose_name="Chuỗi")),
                ("last_sequence", models.PositiveBigIntegerField(default=0, verbose_name="Số thứ tự cuối")),
                (
                    "last_hash",
                    models.CharField(
                        default="0000000000000000000000000000000000000000000000000000000000000000",
                        max_length=64,
                        verbose_name="Mã băm cuối",
                    ),
                ),
            ],
            options={
                "verbose_name": "Đầu chuỗi nhật ký",
                "verbose_name_plural": "Đầu chuỗi nhật ký",
                "ordering": ["key"],
            },
        ),
        migrations.CreateModel(
            name="AuditSeal",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("number", models.PositiveBigIntegerField(unique=True, verbose_name="Số niêm phong")),
                ("sealed_at", models.DateTimeField(verbose_name="Thời điểm niêm phong")),
                ("changes", models.JSONField(verbose_name="Các chuỗi thay đổi")),
                ("root", models.CharField(max_length=64, verbose_name="Mã băm gốc")),
                ("previous_hash", models.CharField(max_length=64, verbose_name="Mã băm niêm phong trước")),
                ("hash", models.CharField(max_length=64, unique=True, verbose_name="Mã băm")),
            ],
            options={
                "verbose_name": "Niêm phong nhật ký",
                "verbose_name_plural": "Niêm phong nhật ký",
                "ordering": ["number"],
            },
        ),
        migrations.CreateModel(
            name="AuditSealedHead",
            fields=[
                ("key", models.CharField(max_length=40, primary_key=True, serialize=False)),
                ("sequence", models.PositiveBigIntegerField()),
                ("hash", models.CharField(max_length=64)),
            ],
            options={
                "verbose_name": "Đầu chuỗi đã niêm phong",
                "verbose_name_plural": "Đầu chuỗi đã niêm phong",
            },
        ),
        migrations.AddField(
            model_name="auditevent",
            name="chain",
            field=models.CharField(default=LEGACY_CHAIN, max_length=40, verbose_name="Chuỗi"),
            preserve_default=False,
        ),
        migrations.AlterField(
            model_name="auditevent",
            name="sequence",
            field=models.PositiveBigIntegerField(verbose_name="Số thứ tự trong chuỗi"),
        ),
        migrations.AddConstraint(
            model_name="auditevent",
            constraint=models.UniqueConstraint(fields=("chain", "sequence"), name="audit_chain_sequence_unique"),
        ),
        migrations.RemoveIndex(model_name="auditevent", name="audit_object_idx"),
        migrations.AddIndex(
            model_name="auditevent",
            index=models.Index(fields=["object_type", "object_id", "id"], name="audit_object_id_idx"),
        ),
        migrations.AlterModelOptions(
            name="auditevent",
            options={"ordering": ["id"], "verbose_name": "Sự kiện nhật ký", "verbose_name_plural": "Nhật ký hệ thống"},
        ),
        migrations.RunPython(legacy_head_forward, legacy_head_backward),
        migrations.DeleteModel(name="AuditChainHead"),
    ]
