"""Pure rules of the audit trail: canonical form, hashing, which chain an event joins, seals."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Mapping
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder

GENESIS_HASH = "0" * 64
"""The ``previous_hash`` of the first event of every chain, and of the first seal."""

LEGACY_CHAIN = "legacy"
"""The one global chain written before the trail was split per commune (core migration 0002).

Its events keep their original hashes (computed without a chain key) and nothing is appended to it any more.
"""

SYSTEM_CHAIN = "system"
"""Events without a unit (accounts, the calendar, the gazetteer): one chain for the whole country."""

COMMUNITY_LEVEL = "community"
"""``units.UnitLevel.COMMUNITY``, spelled here because core does not import the units app.

A community's events join its commune's chain: the commune is the unit whose staff write them.
"""

UNKNOWN_UNIT_PREFIX = "unit"
"""Key prefix for a unit id with no row (a deleted unit, a test's bare number): it gets a chain of its own."""


def chain_key(*, unit_id: int | None, level: str | None, parent_id: int | None) -> str:
    """The chain an event of ``unit_id`` joins: one per commune (its communities included), province, district.

    Different communes never share a chain, so their writers never wait for each other's lock.
    """
    if unit_id is None:
        return SYSTEM_CHAIN
    if level is None:
        return f"{UNKNOWN_UNIT_PREFIX}:{unit_id}"
    if level == COMMUNITY_LEVEL and parent_id is not None:
        return f"commune:{parent_id}"
    return f"{level}:{unit_id}"


def normalise_json(value: Any) -> Any:
    """Turn a before/after payload into plain JSON values (dates, decimals, UUIDs become strings)."""
    if value is None:
        return None
    return json.loads(json.dumps(value, cls=DjangoJSONEncoder, ensure_ascii=False))


def canonical_timestamp(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def _digest(payload: Mapping[str, Any]) -> str:
    text = json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def event_hash(
    *,
    chain: str,
    sequence: int,
    occurred_at: dt.datetime,
    actor_id: int | None,
    actor_label: str,
    unit_id: int | None,
    object_type: str,
    object_id: str,
    code: str,
    before: Any,
    after: Any,
    previous_hash: str,
) -> str:
    """SHA-256 over a canonical JSON of every field of an event, its chain and the previous hash.

    The chain key is inside the hash, so moving an event to another chain breaks it. Events of the
    ``LEGACY_CHAIN`` keep the formula they were written with (no chain key), so they still verify.
    """
    payload: dict[str, Any] = {
        "sequence": sequence,
        "occurred_at": canonical_timestamp(occurred_at),
        "actor_id": actor_id,
        "actor_label": actor_label,
        "unit_id": unit_id,
        "object_type": object_type,
        "object_id": object_id,
        "code": code,
        "before": before,
        "after": after,
        "previous_hash": previous_hash,
    }
    if chain != LEGACY_CHAIN:
        payload["chain"] = chain
    return _digest(payload)


ChainState = Mapping[str, tuple[int, str]]
"""Chain key → (last sequence, last hash)."""


def state_root(state: ChainState) -> str:
    """The national root: one hash over every chain's key, last sequence and last hash, in key order."""
    return _digest({"chains": [[key, sequence, digest] for key, (sequence, digest) in sorted(state.items())]})


def seal_hash(*, number: int, sealed_at: dt.datetime, changes: ChainState, root: str, previous_hash: str) -> str:
    """SHA-256 of a seal: the chains that moved since the previous seal, the root after them, the previous seal."""
    return _digest(
        {
            "number": number,
            "sealed_at": canonical_timestamp(sealed_at),
            "changes": [[key, sequence, digest] for key, (sequence, digest) in sorted(changes.items())],
            "root": root,
            "previous_hash": previous_hash,
        }
    )
