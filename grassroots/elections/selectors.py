"""Reads of the elections app: elections awaiting the recognising body."""

from __future__ import annotations

import datetime as dt
from typing import Any

from grassroots.accounts import selectors as account_selectors
from grassroots.elections.models import Election, ElectionStatus
from grassroots.elections.services import ELECTION_ORGANISERS


def elections_awaiting_recognition(user: Any, on: dt.date) -> list[Election]:
    """Elections with a winner that this user recognises: the commune Chair (village heads) or Front (boards)."""
    roles = account_selectors.roles_by_unit(user, on)
    if not roles:
        return []
    elected = Election.objects.filter(status=ElectionStatus.ELECTED, community__parent_id__in=roles.keys())
    return [
        election
        for election in elected.select_related("community", "vote").order_by("election_date", "pk")
        if roles.get(election.community.parent_id or 0, set()) & set(ELECTION_ORGANISERS[election.kind])
    ]
