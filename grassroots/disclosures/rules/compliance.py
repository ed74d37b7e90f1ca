"""Compliance: findings computed from the facts, never entered by hand (arts 12–14, 48, 66)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from grassroots.disclosures.models import Channel, Regime, Status
from grassroots.disclosures.rules.law import (
    BROADCAST_MIN_CONSECUTIVE_DAYS,
    POSTING_CHANNELS,
    STAFF_NOTICE_WAIVES_POSTING,
    CategoryRule,
)
from grassroots.disclosures.rules.transitions import LIVE_STATUSES

# ---------------------------------------------------------------------------------------------
# Compliance: findings computed from the facts, never entered by hand
# ---------------------------------------------------------------------------------------------


class Finding(StrEnum):
    """What compliance evaluation can say about one item (tuân thủ)."""

    ON_TIME = "on_time"
    LATE = "late"
    MISSING = "missing"
    PENDING = "pending"
    POSTING_TOO_SHORT = "posting_too_short"
    BROADCAST_MISSING = "broadcast_missing"
    RELAY_UNACKNOWLEDGED = "relay_unacknowledged"
    CHANNEL_MISSING = "channel_missing"
    SELF_REPORTED = "self_reported"
    """Not a fault: at least one posting was dated before it was entered (shown next to the timeliness)."""


TIMELINESS_FINDINGS = frozenset({Finding.ON_TIME, Finding.LATE, Finding.MISSING, Finding.PENDING})
PROBLEM_FINDINGS = frozenset(
    {
        Finding.LATE,
        Finding.MISSING,
        Finding.POSTING_TOO_SHORT,
        Finding.BROADCAST_MISSING,
        Finding.RELAY_UNACKNOWLEDGED,
        Finding.CHANNEL_MISSING,
    }
)


@dataclass(frozen=True)
class ChannelWindow:
    """One publication event of the current version: ``ended_on`` exclusive, ``None`` while still up."""

    channel: str
    started_on: dt.date
    ended_on: dt.date | None = None
    community_id: int | None = None
    is_self_reported: bool = False


@dataclass(frozen=True)
class ItemFacts:
    """Everything compliance needs about one disclosure's current version."""

    rule: CategoryRule
    status: str
    due_on: dt.date
    published_on: dt.date | None
    windows: tuple[ChannelWindow, ...] = ()
    community_ids: frozenset[int] = frozenset()
    relay_acknowledged_ids: frozenset[int] = frozenset()
    has_portal: bool = True
    has_loudspeaker: bool = False


@dataclass(frozen=True)
class Evaluation:
    findings: frozenset[Finding]
    missing_channels: tuple[str, ...] = ()
    communities_without_posting: frozenset[int] = frozenset()
    communities_unacknowledged: frozenset[int] = frozenset()
    short_postings: tuple[ChannelWindow, ...] = ()
    broadcast_days: int = 0
    self_reported_postings: int = 0
    earliest_self_reported: dt.date | None = None
    details: dict[str, object] = field(default_factory=dict)

    @property
    def timeliness(self) -> Finding:
        return next(finding for finding in self.findings if finding in TIMELINESS_FINDINGS)

    @property
    def problems(self) -> frozenset[Finding]:
        return self.findings & PROBLEM_FINDINGS


def longest_run_days(windows: Iterable[ChannelWindow], today: dt.date) -> int:
    """The longest run of consecutive days covered by ``windows`` (open windows count up to ``today``)."""
    days: set[int] = set()
    for window in windows:
        last = (window.ended_on - dt.timedelta(days=1)) if window.ended_on else today
        days.update(range(window.started_on.toordinal(), last.toordinal() + 1))
    best = run = 0
    previous = None
    for ordinal in sorted(days):
        run = run + 1 if previous is not None and ordinal == previous + 1 else 1
        best = max(best, run)
        previous = ordinal
    return best


def required_channel_groups(facts: ItemFacts) -> list[tuple[str, ...]]:
    groups = [tuple(group) for group in facts.rule.required_channels]
    if facts.rule.regime == Regime.COMMUNE and facts.has_portal:
        # Art. 13(1): a commune with a portal posts every art. 11 item there.
        groups.append((Channel.PORTAL.value,))
    return groups


def evaluate(facts: ItemFacts, *, today: dt.date) -> Evaluation:
    """The findings for one item on ``today``: exactly one timeliness finding plus any duty not met.

    Duties are judged once the deadline has passed (before it, a missing channel is not yet a fault).

    Timeliness is judged on ``published_on``, the day the item went on the platform, which services take
    from their clock: a posting dated before it was entered (self-reported) never makes a late item on
    time. Such postings count for the channel and duration duties with their claimed dates (nothing else
    records a paper notice) and add ``Finding.SELF_REPORTED`` with their number and earliest claimed date,
    so every page shows the claim next to the judgement.
    """
    findings: set[Finding] = set()
    rule = facts.rule
    past_due = today > facts.due_on
    if facts.published_on is None:
        findings.add(Finding.MISSING if past_due else Finding.PENDING)
    elif facts.published_on <= facts.due_on:
        findings.add(Finding.ON_TIME)
    else:
        findings.add(Finding.LATE)

    if facts.published_on is None or facts.status not in LIVE_STATUSES | {Status.ENDED}:
        return Evaluation(frozenset(findings))

    windows = facts.windows
    self_reported = [window.started_on for window in windows if window.is_self_reported]
    if self_reported:
        findings.add(Finding.SELF_REPORTED)
    used = {window.channel for window in windows}
    missing_channels: list[str] = []
    without_posting: frozenset[int] = frozenset()
    unacknowledged: frozenset[int] = frozenset()
    short: list[ChannelWindow] = []
    broadcast_days = 0

    if past_due:
        for group in required_channel_groups(facts):
            if not used.intersection(group):
                missing_channels.append(group[0])
        if rule.requires_community_boards:
            posted = {w.community_id for w in windows if w.channel == Channel.COMMUNITY_BOARD}
            without_posting = facts.community_ids - posted
            if without_posting and Channel.COMMUNITY_BOARD not in missing_channels:
                missing_channels.append(Channel.COMMUNITY_BOARD.value)
        if missing_channels:
            findings.add(Finding.CHANNEL_MISSING)

    waived = rule.regime in STAFF_NOTICE_WAIVES_POSTING and Channel.WRITTEN_NOTICE_ALL_STAFF in used
    if not waived:
        for window in windows:
            if window.channel not in POSTING_CHANNELS or window.ended_on is None:
                continue
            if rule.is_permanent:
                if facts.status != Status.ENDED:
                    short.append(window)
            elif (
                rule.min_posting_days is not None and (window.ended_on - window.started_on).days < rule.min_posting_days
            ):
                short.append(window)
    if short:
        findings.add(Finding.POSTING_TOO_SHORT)

    if rule.requires_broadcast and facts.has_loudspeaker:
        broadcasts = [w for w in windows if w.channel == Channel.LOUDSPEAKER]
        broadcast_days = longest_run_days(broadcasts, today)
        still_running = any(w.ended_on is None or w.ended_on > today for w in broadcasts)
        if broadcast_days < BROADCAST_MIN_CONSECUTIVE_DAYS and past_due and not still_running:
            findings.add(Finding.BROADCAST_MISSING)

    if rule.requires_relay and past_due:
        unacknowledged = facts.community_ids - facts.relay_acknowledged_ids
        if unacknowledged:
            findings.add(Finding.RELAY_UNACKNOWLEDGED)

    return Evaluation(
        findings=frozenset(findings),
        missing_channels=tuple(missing_channels),
        communities_without_posting=without_posting,
        communities_unacknowledged=unacknowledged,
        short_postings=tuple(short),
        broadcast_days=broadcast_days,
        self_reported_postings=len(self_reported),
        earliest_self_reported=min(self_reported, default=None),
    )


def on_time_share(counts: Mapping[str, int]) -> float | None:
    """On-time items as a share of those whose timeliness is settled (on time + late + missing)."""
    settled = counts.get(Finding.ON_TIME, 0) + counts.get(Finding.LATE, 0) + counts.get(Finding.MISSING, 0)
    if not settled:
        return None
    return counts.get(Finding.ON_TIME, 0) / settled
