"""Core models: the append-only audit trail (nhật ký) and a tiny timestamped base model."""

from __future__ import annotations

from typing import Any, NoReturn

from django.db import models
from django.utils.translation import gettext_lazy as _

from grassroots.core.rules import GENESIS_HASH


class TimeStampedModel(models.Model):
    """Abstract base: creation and last-change times."""

    created_at = models.DateTimeField(_("Thời điểm tạo"), auto_now_add=True)
    updated_at = models.DateTimeField(_("Thời điểm cập nhật"), auto_now=True)

    class Meta:
        abstract = True


class AuditEventImmutable(Exception):
    """Raised when code tries to change or remove an audit event through the ORM."""


class AuditEventQuerySet(models.QuerySet["AuditEvent"]):
    def update(self, **kwargs: Any) -> NoReturn:
        raise AuditEventImmutable("Audit events cannot be updated.")

    def delete(self) -> NoReturn:
        raise AuditEventImmutable("Audit events cannot be deleted.")

    def bulk_update(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise AuditEventImmutable("Audit events cannot be updated.")


class AuditEvent(models.Model):
    """One state change (sự kiện nhật ký), hash-chained to the event before it in its chain.

    Written only by ``core.services.audit_record`` in the same transaction as the change it
    describes. There is one chain per commune (its communities included), per province and district, one
    for events without a unit and the legacy chain of events written before the split (``rules.chain_key``).
    ``hash`` covers every field, the chain key and the previous event's hash, so altering, deleting,
    reordering or moving any row, even with raw SQL, breaks its chain; seals (``AuditSeal``) catch a chain cut
    short or rewritten whole (``manage.py audit_verify``). ``id`` is the global order of writing: histories
    are listed by it.
    """

    chain = models.CharField(_("Chuỗi"), max_length=40)
    sequence = models.PositiveBigIntegerField(_("Số thứ tự trong chuỗi"))
    occurred_at = models.DateTimeField(_("Thời điểm"), db_index=True)
    actor_id = models.BigIntegerField(_("Người thực hiện (mã)"), null=True, blank=True, db_index=True)
    actor_label = models.CharField(_("Người thực hiện"), max_length=200, blank=True)
    unit_id = models.BigIntegerField(_("Đơn vị (mã)"), null=True, blank=True, db_index=True)
    object_type = models.CharField(_("Loại đối tượng"), max_length=100, blank=True)
    object_id = models.CharField(_("Mã đối tượng"), max_length=64, blank=True)
    code = models.CharField(_("Mã sự kiện"), max_length=120, db_index=True)
    before = models.JSONField(_("Trước"), null=True, blank=True)
    after = models.JSONField(_("Sau"), null=True, blank=True)
    previous_hash = models.CharField(_("Mã băm trước"), max_length=64)
    hash = models.CharField(_("Mã băm"), max_length=64, unique=True)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        ordering = ["id"]
        verbose_name = _("Sự kiện nhật ký")
        verbose_name_plural = _("Nhật ký hệ thống")
        constraints = [models.UniqueConstraint(fields=["chain", "sequence"], name="audit_chain_sequence_unique")]
        indexes = [models.Index(fields=["object_type", "object_id", "id"], name="audit_object_id_idx")]

    def __str__(self) -> str:
        return f"{self.chain} #{self.sequence} {self.code}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise AuditEventImmutable("Audit events cannot be updated.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise AuditEventImmutable("Audit events cannot be deleted.")


class AuditChain(models.Model):
    """The head of one chain (đầu chuỗi nhật ký): its last sequence and hash.

    Locking this row serialises the writers of one chain only (two transactions cannot take the same
    sequence number), so communes do not wait for each other. Verification compares it with the chain's
    last event; it is no proof on its own (whoever can edit the events can edit it): seals are.
    """

    key = models.CharField(_("Chuỗi"), max_length=40, primary_key=True)
    last_sequence = models.PositiveBigIntegerField(_("Số thứ tự cuối"), default=0)
    last_hash = models.CharField(_("Mã băm cuối"), max_length=64, default=GENESIS_HASH)

    class Meta:
        verbose_name = _("Đầu chuỗi nhật ký")
        verbose_name_plural = _("Đầu chuỗi nhật ký")
        ordering = ["key"]

    def __str__(self) -> str:
        return f"{self.key} #{self.last_sequence}"


class AuditSeal(models.Model):
    """A seal of the national root (niêm phong nhật ký): every chain's head at one moment, chained to the seal before.

    ``changes`` holds the chains that moved since the previous seal (``{key: [sequence, hash]}``); replaying
    the seals gives every chain's sealed head, and ``root`` is ``rules.state_root`` of that whole state. A
    chain whose sealed event is missing or different was cut short or rewritten after the seal.
    """

    number = models.PositiveBigIntegerField(_("Số niêm phong"), unique=True)
    sealed_at = models.DateTimeField(_("Thời điểm niêm phong"))
    changes = models.JSONField(_("Các chuỗi thay đổi"))
    root = models.CharField(_("Mã băm gốc"), max_length=64)
    previous_hash = models.CharField(_("Mã băm niêm phong trước"), max_length=64)
    hash = models.CharField(_("Mã băm"), max_length=64, unique=True)

    class Meta:
        ordering = ["number"]
        verbose_name = _("Niêm phong nhật ký")
        verbose_name_plural = _("Niêm phong nhật ký")

    def __str__(self) -> str:
        return f"#{self.number} {self.root[:12]}"


class AuditSealedHead(models.Model):
    """What the seals say so far about one chain: kept by ``audit_seal`` to find what moved since.

    A convenience for the next seal only: verification replays the seals and does not read it, and a
    tampered row shows as a seal whose root does not match the replay.
    """

    key = models.CharField(max_length=40, primary_key=True)
    sequence = models.PositiveBigIntegerField()
    hash = models.CharField(max_length=64)

    class Meta:
        verbose_name = _("Đầu chuỗi đã niêm phong")
        verbose_name_plural = _("Đầu chuỗi đã niêm phong")

    def __str__(self) -> str:
        return f"{self.key} #{self.sequence}"
