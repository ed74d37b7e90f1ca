"""Events written by the one global chain (before core migration 0002) still verify after the split."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from grassroots.core.models import AuditChain, AuditEvent
from grassroots.core.rules import GENESIS_HASH, LEGACY_CHAIN, event_hash
from grassroots.core.selectors import audit_chain_verify
from grassroots.core.services import audit_record, audit_seal

BEFORE = [("core", "0001_initial")]
AFTER = [("core", "0002_audit_chains_and_seals")]
MOMENT = dt.datetime(2025, 11, 3, 8, 0, tzinfo=dt.UTC)


def _migrate(targets: list[tuple[str, str]]) -> Any:
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_the_global_chain_becomes_the_legacy_chain_unchanged() -> None:
    old_apps = _migrate(BEFORE)
    try:
        old_event = old_apps.get_model("core", "AuditEvent")
        old_head = old_apps.get_model("core", "AuditChainHead")
        previous = GENESIS_HASH
        written: list[str] = []
        for sequence in (1, 2, 3):
            fields: dict[str, Any] = {
                "sequence": sequence,
                "occurred_at": MOMENT + dt.timedelta(minutes=sequence),
                "actor_id": None,
                "actor_label": "system",
                "unit_id": 10 + sequence,
                "object_type": "units.household",
                "object_id": str(sequence),
                "code": "units.household.created",
                "before": None,
                "after": {"n": sequence},
                "previous_hash": previous,
            }
            # The formula of 0001: the legacy chain hashes without a chain key.
            previous = event_hash(chain=LEGACY_CHAIN, **fields)
            old_event.objects.create(hash=previous, **fields)
            written.append(previous)
        old_head.objects.create(singleton=1, last_sequence=3, last_hash=previous)
    finally:
        _migrate(AFTER)
        # Going back to core 0001 also unapplied every app's migrations that depend on core: bring the
        # whole schema back to its latest state, or later tests find tables missing.
        _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())

    assert list(AuditEvent.objects.values_list("chain", "sequence", "hash")) == [
        (LEGACY_CHAIN, 1, written[0]),
        (LEGACY_CHAIN, 2, written[1]),
        (LEGACY_CHAIN, 3, written[2]),
    ]
    assert AuditChain.objects.get(key=LEGACY_CHAIN).last_sequence == 3
    report = audit_chain_verify()
    assert report.intact and report.checked == 3
    new = audit_record(code="test.after.split", unit=11, now=MOMENT + dt.timedelta(days=1))
    assert (new.chain, new.sequence, new.previous_hash) == ("unit:11", 1, GENESIS_HASH)
    seal = audit_seal(now=MOMENT + dt.timedelta(days=1))
    assert seal is not None and seal.changes[LEGACY_CHAIN] == [3, written[2]]
    assert audit_chain_verify().intact
