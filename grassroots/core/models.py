"""Core models: the append-only audit trail (nhật ký) and a tiny timestamped base model."""

from __future__ import annotations

from typing import Any, NoReturn

from django.db import models
from django.utils.translation import gettext_lazy as _


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
    """One state change (sự kiện nhật ký), hash-chained to the event before it.

    Written only by ``core.services.audit_record`` in the same transaction as the change it
    describes. ``hash`` covers every field and the previous event's hash, so altering, deleting or
    reordering any row, even with raw SQL, breaks the chain (``manage.py audit_verify``).
    """

    sequence = models.PositiveBigIntegerField(_("Số thứ tự"), unique=True)
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
        ordering = ["sequence"]
        verbose_name = _("Sự kiện nhật ký")
        verbose_name_plural = _("Nhật ký hệ thống")
        indexes = [models.Index(fields=["object_type", "object_id", "sequence"], name="audit_object_idx")]

    def __str__(self) -> str:
        return f"#{self.sequence} {self.code}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise AuditEventImmutable("Audit events cannot be updated.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise AuditEventImmutable("Audit events cannot be deleted.")


class AuditChainHead(models.Model):
    """The single row that remembers the last event of the chain.

    Locking it serialises writers (two transactions cannot take the same sequence number) and
    lets verification notice a deleted tail.
    """

    singleton = models.PositiveSmallIntegerField(primary_key=True, default=1)
    last_sequence = models.PositiveBigIntegerField(default=0)
    last_hash = models.CharField(max_length=64, default="0" * 64)

    class Meta:
        verbose_name = _("Đầu chuỗi nhật ký")
        constraints = [models.CheckConstraint(condition=models.Q(singleton=1), name="audit_head_singleton")]

    def __str__(self) -> str:
        return f"#{self.last_sequence}"
