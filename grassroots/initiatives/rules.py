"""Pure rules of citizen initiatives ([L] art. 16(3); law.md §1(b) "who proposes a matter", §6 rows 9–10).

Plain values in, a value or a ``RuleResult`` out; no queries.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from grassroots.calendar.rules import add_months
from grassroots.core.errors import RuleResult
from grassroots.initiatives.models import InitiativeStatus

# ---------------------------------------------------------------------------------------------
# Legal numbers
# ---------------------------------------------------------------------------------------------

INITIATIVE_SUPPORT_PERCENT = 10
"""A citizen initiative needs ≥ 10% of the community's households. [L] art. 16(3) (§6 row 9)."""
INITIATIVE_CONSENT_VALID_MONTHS = 3
"""A household's consent is valid 3 months from when it was given. [L] art. 16(3) (§6 row 10)."""

# ---------------------------------------------------------------------------------------------
# Citizen initiatives ([L] art. 16(3))
# ---------------------------------------------------------------------------------------------


def consent_valid_until(signed_on: dt.date) -> dt.date:
    """First day a consent no longer counts: 3 months after it was given."""
    return add_months(signed_on, INITIATIVE_CONSENT_VALID_MONTHS)


def consent_is_valid(*, signed_on: dt.date, on: dt.date) -> bool:
    return signed_on <= on < consent_valid_until(signed_on)


def initiative_required_signatures(households: int) -> int:
    """ceil(10% × households): the smallest s with ``100 * s >= 10 * households``."""
    return (INITIATIVE_SUPPORT_PERCENT * households + 99) // 100


def initiative_eligible(*, valid_signatures: int, households: int, front_approved: bool) -> RuleResult:
    if households > 0 and 100 * valid_signatures >= INITIATIVE_SUPPORT_PERCENT * households:
        return RuleResult.ok("decisions.initiative.enough_signatures")
    if front_approved:
        return RuleResult.ok("decisions.initiative.front_approved")
    return RuleResult.refuse("decisions.initiative.not_enough_signatures")


# ---------------------------------------------------------------------------------------------
# State machine: one literal table
# ---------------------------------------------------------------------------------------------

INITIATIVE_TRANSITIONS: Mapping[str, frozenset[str]] = {
    InitiativeStatus.COLLECTING: frozenset({InitiativeStatus.SUBMITTED, InitiativeStatus.WITHDRAWN}),
    InitiativeStatus.SUBMITTED: frozenset({InitiativeStatus.ACCEPTED, InitiativeStatus.REJECTED}),
    InitiativeStatus.ACCEPTED: frozenset(),
    InitiativeStatus.REJECTED: frozenset(),
    InitiativeStatus.WITHDRAWN: frozenset(),
}

_TABLES: Mapping[str, Mapping[str, frozenset[str]]] = {"initiative": INITIATIVE_TRANSITIONS}


def check_transition(process: str, current: str, target: str) -> RuleResult:
    """Whether ``process`` may go from ``current`` to ``target`` (its literal table above)."""
    if target in _TABLES[process].get(current, frozenset()):
        return RuleResult.ok()
    return RuleResult.refuse(f"decisions.{process}.bad_transition", current=current, target=target)
