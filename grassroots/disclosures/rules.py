"""Pure rules of disclosure (công khai thông tin): deadlines, posting periods, duties, transitions, compliance.

Plain values in (and an explicit ``today`` / calendar), a value or a ``RuleResult`` out; no queries.
Law 10/2022/QH15: arts 11–14 (communes), 46–48 (agencies), 64–66 (state-owned enterprises);
Law on Access to Information 104/2016/QH13 art. 29 (requests). law.md §1(a), §2, §3.1, §6, §7.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import unicodedata
import zipfile
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from grassroots.accounts.rules import PERMISSION_MATRIX, allows
from grassroots.accounts.rules import Action as AccountAction
from grassroots.calendar import rules as calendar_rules
from grassroots.core.errors import RuleResult
from grassroots.disclosures.models import Channel, DeadlineMode, InformationRequestStatus, Regime, Status
from grassroots.units.models import OrganisationKind

# ---------------------------------------------------------------------------------------------
# The law's numbers
# ---------------------------------------------------------------------------------------------

COMMUNE_DEADLINE_WORKING_DAYS = 5
"""A commune discloses no later than 5 working days after the decision, unless a sector law says otherwise
(Law 10/2022 art. 12(3); law.md §6 row 3)."""

AGENCY_DEADLINE_WORKING_DAYS = 5
"""An agency or public service unit discloses within 5 working days of the decision (art. 47(2); §6 row 69)."""

SOE_DEADLINE_DAYS = 15
"""A state-owned enterprise discloses within 15 days of the decision (art. 65(2); law.md §3.1, §6 row 84)."""

SOE_DEADLINE_MODE_DEFAULT = DeadlineMode.CALENDAR.value
"""UNCERTAIN (law.md §7 question 8): art. 65(2) says "ngày"; the working assumption is calendar days with
the Civil Code end rule (arts 147–148). The setting ``GRASSROOTS_DISCLOSURE_SOE_DEADLINE_MODE`` ("calendar"
or "working") overrides it: ``selectors.soe_deadline_mode`` reads it and callers pass it in as ``soe_mode``."""

COMMUNE_MIN_POSTING_DAYS = 30
"""Items K1–K3, K5–K12 stay posted at least 30 consecutive days (art. 13(2); §6 row 4)."""

AGENCY_MIN_POSTING_DAYS = 20
"""Agency intranet or headquarters posting lasts at least 20 consecutive days unless a written notice went to
all staff (art. 48; §6 row 70)."""

SOE_MIN_POSTING_DAYS = 20
"""SOE intranet or posting lasts at least 20 consecutive days unless a written notice went to all workers
(art. 66; §6 row 85)."""

BROADCAST_MIN_CONSECUTIVE_DAYS = 3
"""Items K7–K12 are broadcast on the commune loudspeaker, where one exists, at least 3 consecutive days
(art. 13(3); §6 row 7)."""

INFORMATION_REQUEST_WORKING_DAYS = 10
"""A request for information is answered within 10 working days (art. 14(2); TCTT art. 29(2); §6 row 8)."""

INFORMATION_REQUEST_EXTENSION_WORKING_DAYS = 10
"""One extension of at most 10 working days, notified in writing with its reason (TCTT art. 29(2))."""

INFORMATION_REQUEST_MAX_EXTENSIONS = 1
"""Only one extension is allowed (TCTT art. 29(2))."""

ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024
"""Largest attachment or evidence file (not a legal number: what a commune office line can upload)."""

POSTING_CHANNELS: frozenset[str] = frozenset({Channel.HEADQUARTERS_BOARD, Channel.COMMUNITY_BOARD, Channel.PORTAL})
"""Channels where a notice "stays up" and the minimum posting period applies."""

STAFF_NOTICE_WAIVES_POSTING = frozenset({Regime.AGENCY, Regime.SOE})
"""Regimes where a written notice to all staff waives the 20-day posting (arts 48, 66)."""

REGIME_CHANNELS: Mapping[str, tuple[str, ...]] = {
    Regime.COMMUNE: (
        Channel.HEADQUARTERS_BOARD,
        Channel.COMMUNITY_BOARD,
        Channel.PORTAL,
        Channel.LOUDSPEAKER,
        Channel.VILLAGE_HEAD_RELAY,
        Channel.LETTER,
        Channel.MEETING,
        Channel.FRONT_NOTICE,
        Channel.SOCIAL_NETWORK,
        Channel.OTHER,
    ),
    Regime.AGENCY: (
        Channel.HEADQUARTERS_BOARD,
        Channel.PORTAL,
        Channel.MEETING,
        Channel.WRITTEN_NOTICE_ALL_STAFF,
        Channel.DIVISION_HEADS,
        Channel.FRONT_NOTICE,
        Channel.OTHER,
    ),
    Regime.SOE: (
        Channel.HEADQUARTERS_BOARD,
        Channel.MEETING,
        Channel.WRITTEN_NOTICE_ALL_STAFF,
        Channel.DIVISION_HEADS,
        Channel.FRONT_NOTICE,
        Channel.PORTAL,
        Channel.SOCIAL_NETWORK,
        Channel.OTHER,
    ),
}
"""Channels each regime may use: art. 12(1) (a)–(k) communes, art. 47(1) agencies, art. 65(1) SOEs."""


def regime_for(organisation_kind: str | None) -> str:
    """Which chapter a disclosure falls under: a commune's (no organisation, art. 11), a state-owned
    enterprise's (art. 64) or any other organisation's, handled as an agency's (art. 46)."""
    if organisation_kind is None:
        return Regime.COMMUNE.value
    if organisation_kind == OrganisationKind.STATE_OWNED_ENTERPRISE:
        return Regime.SOE.value
    return Regime.AGENCY.value


REGIME_ARTICLES: Mapping[str, str] = {Regime.COMMUNE: "11", Regime.AGENCY: "46", Regime.SOE: "64"}
"""The article listing each regime's categories (shown next to the category field)."""


# ---------------------------------------------------------------------------------------------
# Categories as plain values, and deadlines
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CategoryRule:
    """What the law asks of one category, as plain values (built from a ``DisclosureCategory`` row)."""

    code: str
    regime: str
    deadline_mode: str
    deadline_days: int
    min_posting_days: int | None = None
    is_permanent: bool = False
    requires_community_boards: bool = False
    requires_broadcast: bool = False
    requires_relay: bool = False
    required_channels: tuple[tuple[str, ...], ...] = ()


def check_deadline_mode(mode: str) -> str:
    """``mode`` itself when it is a deadline mode ("working" or "calendar"), else ``ValueError``."""
    if mode not in DeadlineMode.values:
        raise ValueError(f"a deadline mode is one of {DeadlineMode.values}, not {mode!r}")
    return mode


def default_deadline_rule(regime: str, *, soe_mode: str = SOE_DEADLINE_MODE_DEFAULT) -> tuple[str, int]:
    """(mode, days) of the default disclosure deadline of a regime, without sector-law overrides.

    ``soe_mode`` is how the SOE's 15 days are counted (an UNCERTAIN rule, see ``SOE_DEADLINE_MODE_DEFAULT``).
    """
    if regime == Regime.COMMUNE:
        return DeadlineMode.WORKING.value, COMMUNE_DEADLINE_WORKING_DAYS
    if regime == Regime.AGENCY:
        return DeadlineMode.WORKING.value, AGENCY_DEADLINE_WORKING_DAYS
    if regime == Regime.SOE:
        return check_deadline_mode(soe_mode), SOE_DEADLINE_DAYS
    raise ValueError(f"unknown regime {regime!r}")


def deadline_on(decided_on: dt.date, mode: str, days: int, calendar: calendar_rules.WorkingCalendar) -> dt.date:
    """The last day to disclose: ``days`` working days after the decision, or ``days`` calendar days with
    the Civil Code end rule (the decision day is not counted; a period ending on a rest day runs on)."""
    if mode == DeadlineMode.WORKING:
        return calendar_rules.add_working_days(decided_on, days, calendar)
    if mode == DeadlineMode.CALENDAR:
        return calendar_rules.calendar_deadline(decided_on, days, calendar)
    raise ValueError(f"unknown deadline mode {mode!r}")


def category_deadline(rule: CategoryRule, decided_on: dt.date, calendar: calendar_rules.WorkingCalendar) -> dt.date:
    return deadline_on(decided_on, rule.deadline_mode, rule.deadline_days, calendar)


def default_deadline(
    regime: str,
    decided_on: dt.date,
    calendar: calendar_rules.WorkingCalendar,
    *,
    soe_mode: str = SOE_DEADLINE_MODE_DEFAULT,
) -> dt.date:
    """The due date under the regime's default rule (what ``manage.py disclosure_deadline`` prints)."""
    mode, days = default_deadline_rule(regime, soe_mode=soe_mode)
    return deadline_on(decided_on, mode, days, calendar)


def posting_may_end_on(started_on: dt.date, rule: CategoryRule) -> dt.date | None:
    """The first day a posting that began on ``started_on`` may be taken down (``None``: no minimum).

    "At least N consecutive days from posting": the start day counts, so N days are started_on …
    started_on + N − 1, and the notice may come down on started_on + N.
    """
    if rule.is_permanent or rule.min_posting_days is None:
        return None
    return started_on + dt.timedelta(days=rule.min_posting_days)


# ---------------------------------------------------------------------------------------------
# The state machine
# ---------------------------------------------------------------------------------------------


class Action(StrEnum):
    PUBLISH = "publish"
    AMEND = "amend"
    REPUBLISH = "republish"
    END = "end"
    WITHDRAW = "withdraw"


TRANSITIONS: Mapping[tuple[str, str], str] = {
    (Status.DRAFT, Action.PUBLISH): Status.PUBLISHED,
    (Status.PUBLISHED, Action.AMEND): Status.AMENDED,
    (Status.REPUBLISHED, Action.AMEND): Status.AMENDED,
    (Status.AMENDED, Action.REPUBLISH): Status.REPUBLISHED,
    (Status.PUBLISHED, Action.END): Status.ENDED,
    (Status.REPUBLISHED, Action.END): Status.ENDED,
    (Status.PUBLISHED, Action.WITHDRAW): Status.WITHDRAWN,
    (Status.REPUBLISHED, Action.WITHDRAW): Status.WITHDRAWN,
    (Status.AMENDED, Action.WITHDRAW): Status.WITHDRAWN,
}
"""The one transition table of a disclosure: (status, action) → new status. Anything else is refused."""

LIVE_STATUSES = frozenset({Status.PUBLISHED, Status.AMENDED, Status.REPUBLISHED})
"""Statuses in which a disclosure is (still) posted."""

UNPUBLISHED_STATUSES = frozenset({Status.DRAFT, Status.AMENDED})
"""Statuses whose current version is not public yet: the disclosure deadline runs and files may be attached."""

CHANNEL_RECORD_STATUSES = frozenset({Status.PUBLISHED, Status.REPUBLISHED, Status.ENDED})
"""Statuses in which the current version has been published, so its channels can be recorded."""


def _check_in(
    table: Mapping[tuple[str, str], str], status: str, action: str, refusals: Mapping[str, str], **params: object
) -> RuleResult:
    """Look ``(status, action)`` up in ``table``: the target status, or a refusal (by status, else the default)."""
    target = table.get((status, action))
    if target is None:
        code = refusals.get(status, "disclosures.transition_not_allowed")
        return RuleResult.refuse(code, status=status, action=action, **params)
    return RuleResult.ok(target=target)


def check_transition(status: str, action: str) -> RuleResult:
    return _check_in(TRANSITIONS, status, action, {})


def check_take_down(
    *, status: str, action: str, rule: CategoryRule, posted_since: dt.date | None, today: dt.date
) -> RuleResult:
    """Whether a live disclosure may be ended or withdrawn on ``today``.

    Withdrawal and ending before the minimum posting period has run are refused (art. 13(2), 48, 66).
    A permanent item (K4, K13) has no posting period to end: it is replaced by a new version (amend) or
    withdrawn when the underlying rule is repealed.
    """
    result = check_transition(status, action)
    if not result:
        return result
    if action == Action.END and rule.is_permanent:
        return RuleResult.refuse("disclosures.permanent_cannot_end")
    may_end_on = posting_may_end_on(posted_since, rule) if posted_since else None
    if may_end_on is not None and today < may_end_on:
        return RuleResult.refuse(
            "disclosures.minimum_posting_not_reached",
            may_end_on=may_end_on,
            min_days=rule.min_posting_days,
        )
    return result


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


# ---------------------------------------------------------------------------------------------
# Lifecycles of a channel's posting and of a village head's relay task
# ---------------------------------------------------------------------------------------------


class PostingState(StrEnum):
    """A channel event's state, read from its dates: up (``ended_on`` empty) or taken down."""

    UP = "up"
    TAKEN_DOWN = "taken_down"


class PostingAction(StrEnum):
    TAKE_DOWN = "take_down"


POSTING_TRANSITIONS: Mapping[tuple[str, str], str] = {
    (PostingState.UP, PostingAction.TAKE_DOWN): PostingState.TAKEN_DOWN,
}
"""The one transition table of a channel event: a posting comes down once."""


def posting_state(ended_on: dt.date | None) -> PostingState:
    return PostingState.UP if ended_on is None else PostingState.TAKEN_DOWN


def check_posting_transition(state: str, action: str) -> RuleResult:
    return _check_in(
        POSTING_TRANSITIONS, state, action, {PostingState.TAKEN_DOWN: "disclosures.publication_already_ended"}
    )


class RelayState(StrEnum):
    """A relay task's state, read from its acknowledgement: open or acknowledged (art. 13(4))."""

    OPEN = "open"
    ACKNOWLEDGED = "acknowledged"


class RelayAction(StrEnum):
    ACKNOWLEDGE = "acknowledge"


RELAY_TRANSITIONS: Mapping[tuple[str, str], str] = {
    (RelayState.OPEN, RelayAction.ACKNOWLEDGE): RelayState.ACKNOWLEDGED,
}
"""The one transition table of a relay task: the village head acknowledges it once."""


def relay_state(acknowledged_at: dt.datetime | None) -> RelayState:
    return RelayState.OPEN if acknowledged_at is None else RelayState.ACKNOWLEDGED


def check_relay_transition(state: str, action: str) -> RuleResult:
    return _check_in(
        RELAY_TRANSITIONS, state, action, {RelayState.ACKNOWLEDGED: "disclosures.relay_already_acknowledged"}
    )


# ---------------------------------------------------------------------------------------------
# Attachments: type by content and extension, size
# ---------------------------------------------------------------------------------------------

ATTACHMENT_EXTENSIONS: Mapping[str, str] = {
    ".pdf": "pdf",
    ".docx": "docx",
    ".png": "png",
    ".jpg": "jpeg",
    ".jpeg": "jpeg",
}
"""Allowed file name endings and the kind their content must have."""

EVIDENCE_KINDS = frozenset({"pdf", "png", "jpeg"})
"""Evidence of a posting or broadcast: a photo or a scanned log."""


def sniff_kind(content: bytes) -> str | None:
    """The file kind from its first bytes (and, for DOCX, its ZIP directory); ``None`` if unknown."""
    if content.startswith(b"%PDF-"):
        return "pdf"
    if content.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if content.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if content.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(content)) as archive:
                names = set(archive.namelist())
        except zipfile.BadZipFile:
            return None
        if "word/document.xml" in names and "[Content_Types].xml" in names:
            return "docx"
    return None


def check_upload(
    *, name: str, content: bytes, allowed_kinds: Iterable[str] = ATTACHMENT_EXTENSIONS.values()
) -> RuleResult:
    """Refuse an upload that is empty, too large, of a forbidden kind, or whose content does not match its name."""
    if not content:
        return RuleResult.refuse("disclosures.upload_empty")
    if len(content) > ATTACHMENT_MAX_BYTES:
        return RuleResult.refuse("disclosures.upload_too_large", max_bytes=ATTACHMENT_MAX_BYTES, size=len(content))
    suffix = "." + name.rsplit(".", 1)[-1].lower() if "." in name else ""
    expected = ATTACHMENT_EXTENSIONS.get(suffix)
    allowed = set(allowed_kinds)
    if expected is None or expected not in allowed:
        return RuleResult.refuse("disclosures.upload_type_not_allowed", suffix=suffix)
    found = sniff_kind(content)
    if found != expected:
        return RuleResult.refuse("disclosures.upload_content_mismatch", suffix=suffix, found=found or "")
    return RuleResult.ok(kind=found)


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


# ---------------------------------------------------------------------------------------------
# Information requests (art. 14(2); TCTT art. 29(2))
# ---------------------------------------------------------------------------------------------


def information_request_due(received_on: dt.date, calendar: calendar_rules.WorkingCalendar) -> dt.date:
    return calendar_rules.add_working_days(received_on, INFORMATION_REQUEST_WORKING_DAYS, calendar)


def information_request_extended_due(due_on: dt.date, calendar: calendar_rules.WorkingCalendar) -> dt.date:
    return calendar_rules.add_working_days(due_on, INFORMATION_REQUEST_EXTENSION_WORKING_DAYS, calendar)


class RequestAction(StrEnum):
    EXTEND = "extend"
    ANSWER = "answer"


REQUEST_TRANSITIONS: Mapping[tuple[str, str], str] = {
    (InformationRequestStatus.RECEIVED, RequestAction.EXTEND): InformationRequestStatus.EXTENDED,
    (InformationRequestStatus.RECEIVED, RequestAction.ANSWER): InformationRequestStatus.ANSWERED,
    (InformationRequestStatus.EXTENDED, RequestAction.ANSWER): InformationRequestStatus.ANSWERED,
}
"""The one transition table of an information request: one extension at most (TCTT art. 29(2)), then an answer."""

REQUEST_REFUSALS: Mapping[str, str] = {
    InformationRequestStatus.ANSWERED: "disclosures.request_already_answered",
    InformationRequestStatus.EXTENDED: "disclosures.request_already_extended",
}
"""The refusal code of a move the table does not allow, by the request's status."""


def check_request_transition(status: str, action: str) -> RuleResult:
    return _check_in(REQUEST_TRANSITIONS, status, action, REQUEST_REFUSALS)


def check_information_request_extension(
    *, status: str, extensions_used: int, reason: str | None, due_on: dt.date, today: dt.date
) -> RuleResult:
    """One extension, with a reason, notified before the first deadline has passed.

    ``reason=None`` asks whether an extension may be offered at all (the page asks for the reason later).
    """
    result = check_request_transition(status, RequestAction.EXTEND)
    if not result:
        return result
    if extensions_used >= INFORMATION_REQUEST_MAX_EXTENSIONS:
        return RuleResult.refuse("disclosures.request_already_extended")
    if reason is not None and not reason.strip():
        return RuleResult.refuse("disclosures.request_extension_reason_required")
    if today > due_on:
        return RuleResult.refuse("disclosures.request_extension_too_late", due_on=due_on)
    return result


def check_information_request_answer(
    *, status: str, answer: str, answered_on: dt.date, received_on: dt.date
) -> RuleResult:
    result = check_request_transition(status, RequestAction.ANSWER)
    if not result:
        return result
    if not answer.strip():
        return RuleResult.refuse("disclosures.request_answer_required")
    if answered_on < received_on:
        return RuleResult.refuse("disclosures.request_answered_before_received")
    return result


def information_request_is_open(status: str) -> bool:
    """Whether the request still waits for its answer (the table allows an answer from its status)."""
    return bool(check_request_transition(status, RequestAction.ANSWER))


def information_request_is_overdue(*, status: str, current_due_on: dt.date, today: dt.date) -> bool:
    return information_request_is_open(status) and today > current_due_on


# ---------------------------------------------------------------------------------------------
# Who may do what
# ---------------------------------------------------------------------------------------------

# Who may do what is the Action matrix of ``accounts.rules`` (one table for the whole platform):
#
# * ``MANAGE_DISCLOSURES``: prepare, publish, amend, withdraw (commune chair, vice chairs and officers for the
#   commune, art. 14(1); an agency head inside their own organisation, arts 48, 66);
# * ``READ_DISCLOSURE_COMPLIANCE``: the compliance dashboard and the province roll-up (commune leadership, the
#   Front chair who supervises, art. 14(3), and provincial officers);
# * ``ACKNOWLEDGE_RELAY``: a village head confirms a K7–K12 item reached the households (art. 13(4)).
#
# The predicates below are the same questions asked with plain values (no request, no query).


def _roles_granting(action: AccountAction) -> frozenset[str]:
    return frozenset(role for role, actions in PERMISSION_MATRIX.items() if action in actions)


RELAY_ROLES = _roles_granting(AccountAction.ACKNOWLEDGE_RELAY)
"""Roles that acknowledge relay tasks for their community (art. 13(4)): the village heads."""

ROLLUP_ROLES = _roles_granting(AccountAction.READ_DISCLOSURE_COMPLIANCE)
"""Roles that read the compliance dashboard and roll-up of the units they hold and below."""


def can_read_compliance(
    *, roles_by_unit: Mapping[int, Iterable[str]], target_path: Sequence[int], is_superuser: bool
) -> bool:
    return allows(
        AccountAction.READ_DISCLOSURE_COMPLIANCE,
        roles_by_unit=roles_by_unit,
        target_path=target_path,
        is_superuser=is_superuser,
    )


def can_acknowledge_relay(*, roles_by_unit: Mapping[int, Iterable[str]], community_id: int, is_superuser: bool) -> bool:
    """Only the head of that community (or a superuser) acknowledges its relay task."""
    return allows(
        AccountAction.ACKNOWLEDGE_RELAY,
        roles_by_unit=roles_by_unit,
        target_path=[community_id],
        is_superuser=is_superuser,
    )


# ---------------------------------------------------------------------------------------------
# Search: Vietnamese without diacritics
# ---------------------------------------------------------------------------------------------

_NON_WORD = re.compile(r"[^0-9a-z]+")


def fold(text: str) -> str:
    """Lower case, no diacritics, "đ" → "d", words separated by single spaces ("Đường" → "duong")."""
    lowered = text.lower().replace("đ", "d")
    decomposed = unicodedata.normalize("NFD", lowered)
    stripped = "".join(char for char in decomposed if unicodedata.category(char) != "Mn")
    return " ".join(_NON_WORD.split(stripped)).strip()


def search_terms(query: str, *, max_terms: int = 12) -> list[str]:
    """The folded words of a query (at most ``max_terms``)."""
    return [term for term in fold(query).split(" ") if term][:max_terms]


def fts5_match(query: str) -> str:
    """An FTS5 MATCH expression: every folded word must appear; the last may be a prefix ("ngan sa" → "ngan sa*")."""
    terms = search_terms(query)
    if not terms:
        return ""
    quoted = [f'"{term}"' for term in terms]
    quoted[-1] += "*"
    return " ".join(quoted)


def search_document(*, title: str, body: str, decision_number: str, category_code: str, category_name: str) -> str:
    """The folded text a disclosure is searched by."""
    return fold(" ".join([category_code, category_name, title, decision_number, body]))


# ---------------------------------------------------------------------------------------------
# Quarters (art. 13(2): the list of disclosed items is compiled every quarter)
# ---------------------------------------------------------------------------------------------


def quarter_bounds(year: int, quarter: int) -> tuple[dt.date, dt.date]:
    """First day and last day (inclusive) of a quarter."""
    if quarter not in (1, 2, 3, 4):
        raise ValueError("quarter must be 1–4")
    first = dt.date(year, 3 * quarter - 2, 1)
    next_first = dt.date(year + 1, 1, 1) if quarter == 4 else dt.date(year, 3 * quarter + 1, 1)
    return first, next_first - dt.timedelta(days=1)


def quarter_of(day: dt.date) -> int:
    return (day.month - 1) // 3 + 1
