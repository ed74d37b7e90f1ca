"""Pure rules of the audit chain: canonical form and hashing."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder

GENESIS_HASH = "0" * 64
"""The ``previous_hash`` of the first event in the chain."""


def normalise_json(value: Any) -> Any:
    """Turn a before/after payload into plain JSON values (dates, decimals, UUIDs become strings)."""
    if value is None:
        return None
    return json.loads(json.dumps(value, cls=DjangoJSONEncoder, ensure_ascii=False))


def canonical_timestamp(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def event_hash(
    *,
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
    """SHA-256 over a canonical JSON of every field of an event and the previous hash."""
    payload = {
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
    text = json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
