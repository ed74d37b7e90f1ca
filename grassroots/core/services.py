"""Writes of the core app: appending to the audit trail."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from typing import Any

from django.db import models, transaction

from grassroots.core import clock
from grassroots.core.errors import RuleResult
from grassroots.core.models import AuditChainHead, AuditEvent
from grassroots.core.rules import GENESIS_HASH, event_hash, normalise_json


def _describe_actor(actor: Any) -> tuple[int | None, str]:
    if actor is None or not getattr(actor, "is_authenticated", False):
        return None, "system" if actor is None else "anonymous"
    label = actor.get_username() if hasattr(actor, "get_username") else str(actor)
    return int(actor.pk), str(label)


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
    """Append one event to the hash chain, inside the caller's transaction.

    ``code`` is namespaced (``units.household.created``). ``unit`` is a unit instance or id.
    Must run inside ``transaction.atomic`` of the state change it records; it opens its own
    atomic block so it is also safe on its own.
    """
    moment = now or clock.now()
    actor_id, actor_label = _describe_actor(actor)
    unit_id = getattr(unit, "pk", unit)
    object_type = obj._meta.label_lower if obj is not None else ""
    object_id = str(obj.pk) if obj is not None and obj.pk is not None else ""
    before_json = normalise_json(before)
    after_json = normalise_json(after)
    with transaction.atomic():
        # The head row is the chain's lock: writers queue here, so sequences never collide.
        head, _created = AuditChainHead.objects.select_for_update().get_or_create(singleton=1)
        sequence = head.last_sequence + 1
        previous = head.last_hash if head.last_sequence else GENESIS_HASH
        digest = event_hash(
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
