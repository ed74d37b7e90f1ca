"""Writes of the core app: appending to the audit trail, sealing it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from typing import Any

from django.apps import apps
from django.db import IntegrityError, models, transaction

from grassroots.core import clock
from grassroots.core.errors import RuleResult
from grassroots.core.models import AuditChain, AuditEvent, AuditSeal, AuditSealedHead
from grassroots.core.rules import (
    GENESIS_HASH,
    SYSTEM_CHAIN,
    chain_key,
    event_hash,
    normalise_json,
    seal_hash,
    state_root,
)

UNIT_CHAIN_CACHE_SIZE = 50_000
"""Unit ids whose chain key is remembered per process (about 3,300 communes and 100,000 communities nationwide:
the busy ones stay). A unit's level and parent never change once created (a merge or split creates new
units), so a remembered key does not go stale; and a stale one would only choose the lock, never weaken
verification, since each event stores its chain."""

_unit_chain_cache: dict[int, str] = {}


class AuditChainBehindSeal(Exception):
    """A chain head is behind what a seal already recorded: the chain was cut short; nothing is sealed."""


def _describe_actor(actor: Any) -> tuple[int | None, str]:
    if actor is None or not getattr(actor, "is_authenticated", False):
        return None, "system" if actor is None else "anonymous"
    label = actor.get_username() if hasattr(actor, "get_username") else str(actor)
    return int(actor.pk), str(label)


def audit_chain_for_unit(unit: Any) -> str:
    """The chain key of an event about ``unit`` (an ``AdministrativeUnit``, its id, or None).

    A unit instance answers without a query (it carries its level and parent id); a bare id is looked up
    once per process and remembered.
    """
    if unit is None:
        return SYSTEM_CHAIN
    level = getattr(unit, "level", None)
    if level is not None:
        return chain_key(unit_id=int(unit.pk), level=str(level), parent_id=unit.parent_id)
    unit_id = int(getattr(unit, "pk", unit))
    cached = _unit_chain_cache.get(unit_id)
    if cached is not None:
        return cached
    unit_model = apps.get_model("units", "AdministrativeUnit")
    row = unit_model.objects.filter(pk=unit_id).values_list("level", "parent_id").first()
    key = chain_key(unit_id=unit_id, level=row[0] if row else None, parent_id=row[1] if row else None)
    if len(_unit_chain_cache) >= UNIT_CHAIN_CACHE_SIZE:
        _unit_chain_cache.clear()
    _unit_chain_cache[unit_id] = key
    return key


def audit_chain_cache_clear() -> None:
    """Forget remembered unit → chain keys (tests reuse ids on SQLite after a rollback)."""
    _unit_chain_cache.clear()


def audit_record(
    *,
    code: str,
    actor: Any = None,
    unit: Any = None,
    obj: models.Model | None = None,
    before: Any = None,
    after: Any = None,
    now: dt.datetime | None = None,
) -> AuditEvent:
    """Append one event to its chain (its commune's, see ``rules.chain_key``), inside the caller's transaction.

    ``code`` is namespaced (``units.household.created``). ``unit`` is a unit instance or id.
    Must run inside ``transaction.atomic`` of the state change it records; it opens its own
    atomic block so it is also safe on its own.
    """
    moment = now or clock.now()
    actor_id, actor_label = _describe_actor(actor)
    unit_id = getattr(unit, "pk", unit)
    chain = audit_chain_for_unit(unit)
    object_type = obj._meta.label_lower if obj is not None else ""
    object_id = str(obj.pk) if obj is not None and obj.pk is not None else ""
    before_json = normalise_json(before)
    after_json = normalise_json(after)
    # No savepoint inside the caller's transaction: an event that fails to append fails the whole change
    # (two statements fewer on every write); on its own it is still a transaction of its own.
    with transaction.atomic(savepoint=False):
        # The chain's head row is its lock: writers of one commune queue here, so sequences never collide;
        # writers of other communes lock other rows and do not wait.
        head, _created = AuditChain.objects.select_for_update().get_or_create(key=chain)
        sequence = head.last_sequence + 1
        previous = head.last_hash if head.last_sequence else GENESIS_HASH
        digest = event_hash(
            chain=chain,
            sequence=sequence,
            occurred_at=moment,
            actor_id=actor_id,
            actor_label=actor_label,
            unit_id=unit_id,
            object_type=object_type,
            object_id=object_id,
            code=code,
            before=before_json,
            after=after_json,
            previous_hash=previous,
        )
        event = AuditEvent(
            chain=chain,
            sequence=sequence,
            occurred_at=moment,
            actor_id=actor_id,
            actor_label=actor_label,
            unit_id=unit_id,
            object_type=object_type,
            object_id=object_id,
            code=code,
            before=before_json,
            after=after_json,
            previous_hash=previous,
            hash=digest,
        )
        event.save()
        head.last_sequence = sequence
        head.last_hash = digest
        head.save(update_fields=["last_sequence", "last_hash"])
    return event


def audit_seal(*, now: dt.datetime | None = None) -> AuditSeal | None:
    """Seal every chain's current head into the national root; None when no chain moved since the last seal.

    Idempotent, for a periodic job. It reads the heads without locking them, so writers never wait for a
    seal; a head read here is committed with its event. Two seals at once: the second waits for the first
    on the last seal's row, then reads again and seals what moved since. For the very first seal there is
    no row to wait on: the second one stops on the unique seal number and returns None (the next run seals).
    Refuses (``AuditChainBehindSeal``) when a chain is behind what was sealed before: a cut chain is
    reported, never sealed over.
    """
    moment = now or clock.now()
    with transaction.atomic():
        AuditSeal.objects.select_for_update().order_by("-number").first()
        # Read again after the wait: a seal committed meanwhile is visible to this new statement, not to the
        # locking one (PostgreSQL re-checks only the rows it locked).
        last = AuditSeal.objects.order_by("-number").first()
        sealed = {row.key: (row.sequence, row.hash) for row in AuditSealedHead.objects.all()}
        heads = {row.key: (row.last_sequence, row.last_hash) for row in AuditChain.objects.filter(last_sequence__gt=0)}
        behind = sorted(key for key, (sequence, _hash) in sealed.items() if heads.get(key, (0, ""))[0] < sequence)
        if behind:
            raise AuditChainBehindSeal(f"chains behind their seal: {', '.join(behind)}")
        changes = {key: head for key, head in heads.items() if sealed.get(key) != head}
        if not changes:
            return None
        root = state_root({**sealed, **changes})
        number = last.number + 1 if last else 1
        previous_hash = last.hash if last else GENESIS_HASH
        try:
            with transaction.atomic():
                seal = AuditSeal.objects.create(
                    number=number,
                    sealed_at=moment,
                    changes={key: [sequence, digest] for key, (sequence, digest) in sorted(changes.items())},
                    root=root,
                    previous_hash=previous_hash,
                    hash=seal_hash(
                        number=number, sealed_at=moment, changes=changes, root=root, previous_hash=previous_hash
                    ),
                )
        except IntegrityError:
            return None  # another first seal took number 1 at the same moment
        AuditSealedHead.objects.bulk_create(
            [AuditSealedHead(key=key, sequence=sequence, hash=digest) for key, (sequence, digest) in changes.items()],
            update_conflicts=True,
            unique_fields=["key"],
            update_fields=["sequence", "hash"],
        )
    return seal


def state_change(
    obj: Any,
    *,
    code: str,
    actor: Any,
    unit: Any,
    snapshot: Callable[[Any], Mapping[str, Any]],
    now: dt.datetime,
    target: str | None = None,
    check: Callable[[str, str], RuleResult] | None = None,
    refused: Callable[[RuleResult], Exception] | None = None,
) -> None:
    """The one procedure of a change to a stateful record, inside the caller's transaction (STYLE, "services").

    The state before is read from the database, so the audit event's ``before`` is what was stored. With a
    ``target`` status, the record's literal transition table (``check(current, target)``) must allow the move,
    or ``refused(result)`` is raised and nothing is written; only then is ``status`` assigned. Then the record
    is saved and the event appended with ``before`` and ``after`` (both from ``snapshot``).
    """
    stored = type(obj)._default_manager.get(pk=obj.pk)
    before = dict(snapshot(stored))
    if target is not None:
        if check is None or refused is None:
            raise ValueError("a target status needs its transition check and refusal")
        result = check(stored.status, target)
        if not result:
            raise refused(result)
        obj.status = target
    obj.save()
    audit_record(code=code, actor=actor, unit=unit, obj=obj, before=before, after=dict(snapshot(obj)), now=now)
