"""Reads of the core app: the audit trail as history and its verification."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import connection, models

from grassroots.core.models import AuditChainHead, AuditEvent
from grassroots.core.rules import GENESIS_HASH, event_hash


def object_history(obj: models.Model) -> models.QuerySet[AuditEvent]:
    """Every event about ``obj``, oldest first: the public history of a record."""
    return AuditEvent.objects.filter(object_type=obj._meta.label_lower, object_id=str(obj.pk)).order_by("sequence")


def unit_history(unit_id: int) -> models.QuerySet[AuditEvent]:
    return AuditEvent.objects.filter(unit_id=unit_id).order_by("-sequence")


def content_version() -> str:
    """A token that changes in the same transaction as any recorded write: the audit chain's last sequence.

    Every write appends its audit event inside its own transaction (``core.services.audit_record``), so a
    committed change is visible together with the new token and never behind an old one. Used as the
    content version of cached public pages (``core.pagecache``).
    """
    # One plain statement: this runs on every anonymous public request, where building an ORM query
    # costs more than the cached page it unlocks (bench/http_bench.py).
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT last_sequence FROM {AuditChainHead._meta.db_table} WHERE singleton = 1")  # noqa: S608
        row = cursor.fetchone()
    return str(row[0]) if row else "0"


@dataclass(frozen=True)
class ChainReport:
    intact: bool
    checked: int
    problem: str = ""
    bad_sequence: int | None = None


def audit_chain_verify(batch_size: int = 2000) -> ChainReport:
    """Walk the whole chain in order and recompute every hash.

    Detects an altered field (hash mismatch), a deleted or inserted event (gap in the sequence or
    broken link), a reordering (sequence is inside the hash) and a deleted tail (head mismatch).
    """
    expected_sequence = 1
    previous = GENESIS_HASH
    checked = 0
    last_pk = 0
    while True:
        batch = list(AuditEvent.objects.filter(sequence__gt=last_pk).order_by("sequence")[:batch_size])
        if not batch:
            break
        for event in batch:
            if event.sequence != expected_sequence:
                return ChainReport(
                    False,
                    checked,
                    f"event #{expected_sequence} is missing or out of order (found #{event.sequence})",
                    expected_sequence,
                )
            if event.previous_hash != previous:
                return ChainReport(False, checked, "link to the previous event is broken", event.sequence)
            recomputed = event_hash(
                sequence=event.sequence,
                occurred_at=event.occurred_at,
                actor_id=event.actor_id,
                actor_label=event.actor_label,
                unit_id=event.unit_id,
                object_type=event.object_type,
                object_id=event.object_id,
                code=event.code,
                before=event.before,
                after=event.after,
                previous_hash=event.previous_hash,
            )
            if recomputed != event.hash:
                return ChainReport(False, checked, "content does not match its hash", event.sequence)
            previous = event.hash
            expected_sequence += 1
            checked += 1
        last_pk = batch[-1].sequence
    head = AuditChainHead.objects.filter(singleton=1).first()
    last_sequence = head.last_sequence if head else 0
    last_hash = head.last_hash if head and head.last_sequence else GENESIS_HASH
    if last_sequence != checked or last_hash != previous:
        return ChainReport(
            False,
            checked,
            f"the chain head records event #{last_sequence} but the chain ends at #{checked}",
            checked + 1 if last_sequence > checked else checked,
        )
    return ChainReport(True, checked)
