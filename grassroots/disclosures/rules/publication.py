"""Dates of a publication: the platform date is the clock's, a channel posting keeps both its dates (issue 9 item 7)."""

from __future__ import annotations

import datetime as dt

from grassroots.core.errors import RuleResult
from grassroots.disclosures.rules.law import REGIME_CHANNELS


def check_publish_date(*, published_on: dt.date, decided_on: dt.date, today: dt.date) -> RuleResult:
    """A platform publication happens on ``today`` and never before the decision.

    Services pass the day of their ``now`` as ``published_on``: nobody types the date a disclosure went on
    the platform (issue 9 item 7). A paper posting made earlier is a channel event with both dates
    (``check_posting_dates``), counted as self-reported.
    """
    if published_on > today:
        return RuleResult.refuse("disclosures.published_in_future")
    if published_on < decided_on:
        return RuleResult.refuse("disclosures.published_before_decision")
    return RuleResult.ok()


def check_posting_dates(
    *,
    started_on: dt.date,
    ended_on: dt.date | None,
    decided_on: dt.date,
    recorded_on: dt.date,
    reason: str,
) -> RuleResult:
    """The dates of a channel event entered on ``recorded_on`` (the service's today).

    A posting may have gone up before it was entered (a paper notice, a loudspeaker broadcast): it keeps the
    claimed ``started_on`` next to the entry date, needs a ``reason``, and is *self-reported*
    (``params["self_reported"]``). Not before the decision, not in the future, ended after it started.
    """
    if started_on > recorded_on:
        return RuleResult.refuse("disclosures.started_in_future")
    if started_on < decided_on:
        return RuleResult.refuse("disclosures.started_before_decision")
    if ended_on is not None and ended_on <= started_on:
        return RuleResult.refuse("disclosures.dates_unordered")
    self_reported = is_self_reported(started_on=started_on, recorded_on=recorded_on)
    if self_reported and not reason.strip():
        return RuleResult.refuse("disclosures.backdating_reason_required", recorded_on=recorded_on)
    return RuleResult.ok(self_reported=self_reported)


def is_self_reported(*, started_on: dt.date, recorded_on: dt.date) -> bool:
    """A posting dated before the day it was entered rests on the officer's word alone (tự khai)."""
    return started_on < recorded_on


def check_channel_for_regime(regime: str, channel: str) -> RuleResult:
    if channel not in REGIME_CHANNELS.get(regime, ()):
        return RuleResult.refuse("disclosures.channel_not_allowed", channel=channel, regime=regime)
    return RuleResult.ok()
