"""Pure rules of the unit tree: the 2025 reform's numbers and a community's life (current, then ended)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from enum import StrEnum

from grassroots.core.errors import RuleResult

REFORM_DATE = dt.date(2025, 7, 1)
"""Two-tier local government since 01/07/2025: no districts, 34 provinces, 3,321 communes (law.md §4.5,
Law 72/2025/QH15 art. 51(3), Resolution 202/2025/QH15)."""

PROVINCE_COUNT = 34
"""Provinces and centrally-run cities after the reform (Resolution 202/2025/QH15; law.md §6 item 118)."""

COMMUNE_COUNT = 3321
"""Commune-level units after the reform: 2,621 xã, 687 phường, 13 đặc khu (law.md §4.5, §6 item 118)."""


class CommunityState(StrEnum):
    """A community's life, read from its dates: current until an end date is recorded, then ended."""

    CURRENT = "current"
    ENDED = "ended"


COMMUNITY_TRANSITIONS: Mapping[tuple[str, str], str] = {
    (CommunityState.CURRENT, CommunityState.ENDED): "units.community.ended",
}
"""The community state machine: (state, new state) → audit code. Ending it, or merging it into another
(``services.community_end`` / ``community_merge``), records its end date; an ended community is not
changed again (the commune creates a new one)."""


def community_state(valid_until: dt.date | None) -> CommunityState:
    """A community is current until an end date is recorded (even one still ahead), ended after."""
    return CommunityState.CURRENT if valid_until is None else CommunityState.ENDED


def check_community_transition(current: str, target: str) -> RuleResult:
    """Whether a community may go from ``current`` to ``target`` (``COMMUNITY_TRANSITIONS``).

    The refusal from an ended community is ``units.community.ended``: nothing changes it any more.
    """
    if (current, target) in COMMUNITY_TRANSITIONS:
        return RuleResult.ok()
    if current == CommunityState.ENDED:
        return RuleResult.refuse("units.community.ended", current=current, target=target)
    return RuleResult.refuse("units.community.bad_transition", current=current, target=target)
