"""Thresholds and the one outcome rule: [L] art. 21(1), over *all* households (or all communities).

Arithmetic is exact and in integers: "at least two thirds" is ``3 * yes >= 2 * eligible`` and "more than
half" is ``2 * yes > eligible``; no floats, no rounding.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from grassroots.core.errors import RuleResult

# ---------------------------------------------------------------------------------------------
# Thresholds
# ---------------------------------------------------------------------------------------------


class Threshold(StrEnum):
    AT_LEAST_TWO_THIRDS = "at_least_two_thirds"
    MORE_THAN_HALF = "more_than_half"
    AT_LEAST_HALF = "at_least_half"


def required_yes(threshold: Threshold | str, eligible: int) -> int:
    """The smallest number of yes votes that meets ``threshold`` over ``eligible`` voters.

    With no eligible voter nothing can be decided: the answer is 1, which cannot be reached.
    """
    if eligible < 0:
        raise ValueError("eligible must not be negative")
    if eligible == 0:
        return 1
    kind = Threshold(threshold)
    if kind is Threshold.AT_LEAST_TWO_THIRDS:
        return (2 * eligible + 2) // 3  # smallest y with 3y >= 2e
    if kind is Threshold.AT_LEAST_HALF:
        return (eligible + 1) // 2  # smallest y with 2y >= e
    return eligible // 2 + 1  # smallest y with 2y > e


def meets(threshold: Threshold | str, yes: int, eligible: int) -> bool:
    """Whether ``yes`` out of ``eligible`` meets ``threshold``, by the law's own comparison."""
    if yes < 0 or eligible < 0 or yes > eligible:
        raise ValueError("need 0 <= yes <= eligible")
    if eligible == 0:
        return False
    kind = Threshold(threshold)
    if kind is Threshold.AT_LEAST_TWO_THIRDS:
        return 3 * yes >= 2 * eligible
    if kind is Threshold.AT_LEAST_HALF:
        return 2 * yes >= eligible
    return 2 * yes > eligible


@dataclass(frozen=True)
class Outcome:
    """The outcome of a vote by [L] art. 21(1), from its frozen roll and its counts (``vote_outcome``)."""

    passed: bool
    required_yes: int
    yes: int
    eligible: int
    threshold: str
    participated: int = 0
    by_option: Mapping[str, int] = field(default_factory=dict)
    by_channel: Mapping[str, int] = field(default_factory=dict)

    @property
    def absent(self) -> int:
        """Households (or communities) on the roll that did not take part."""
        return self.eligible - self.participated


def check_counts(
    *,
    eligible: int,
    participated: int,
    yes: int,
    by_option: Mapping[str, int] | None = None,
    by_channel: Mapping[str, int] | None = None,
    marks_per_ballot: int = 1,
) -> RuleResult:
    """Counts that add up: none negative, none beyond the roll, options and channels summing to those who took part.

    A count that does not add up is refused, never clamped: the minutes must show numbers that add up.
    A multi-seat election's ballot marks up to ``marks_per_ballot`` candidates (one per seat): then each
    option has at most one mark per ballot and all marks together at most ``marks_per_ballot`` per ballot.
    """
    values = [eligible, participated, yes, *(by_option or {}).values(), *(by_channel or {}).values()]
    if any(value < 0 for value in values):
        return RuleResult.refuse("decisions.vote.count_negative")
    if participated > eligible:
        return RuleResult.refuse("decisions.vote.count_exceeds_roll", count=participated, eligible=eligible)
    if yes > participated:
        return RuleResult.refuse("decisions.vote.yes_exceeds_participation", yes=yes, participated=participated)
    if by_option is not None and marks_per_ballot > 1:
        if any(count > participated for count in by_option.values()) or (
            sum(by_option.values()) > participated * marks_per_ballot
        ):
            return RuleResult.refuse(
                "decisions.vote.tally_mismatch", participations=participated, choices=sum(by_option.values())
            )
    elif by_option is not None and sum(by_option.values()) != participated:
        return RuleResult.refuse(
            "decisions.vote.tally_mismatch", participations=participated, choices=sum(by_option.values())
        )
    if by_channel is not None and sum(by_channel.values()) != participated:
        return RuleResult.refuse(
            "decisions.vote.tally_mismatch", participations=participated, choices=sum(by_channel.values())
        )
    return RuleResult.ok()


def vote_outcome(
    *,
    threshold: Threshold | str,
    eligible: int,
    yes: int,
    participated: int | None = None,
    by_option: Mapping[str, int] | None = None,
    by_channel: Mapping[str, int] | None = None,
    marks_per_ballot: int = 1,
) -> Outcome:
    """The one outcome computation: tally, minutes, result pages and ``manage.py vote_outcome`` all call it.

    ``eligible`` is the frozen roll (households; communities for a commune-wide vote), ``yes`` the
    approving ones, ``participated`` those who took part (default: ``yes``). Counts that do not add
    up raise ``ValueError`` (callers check ``check_counts`` first to refuse with a message).
    """
    taking_part = yes if participated is None else participated
    result = check_counts(
        eligible=eligible,
        participated=taking_part,
        yes=yes,
        by_option=by_option,
        by_channel=by_channel,
        marks_per_ballot=marks_per_ballot,
    )
    if not result:
        raise ValueError(result.code)
    kind = Threshold(threshold)
    return Outcome(
        passed=meets(kind, yes, eligible),
        required_yes=required_yes(kind, eligible),
        yes=yes,
        eligible=eligible,
        threshold=kind.value,
        participated=taking_part,
        by_option=dict(by_option or {}),
        by_channel=dict(by_channel or {}),
    )
