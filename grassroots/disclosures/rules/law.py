"""The law's numbers, the channels of each regime, category rules and deadlines (arts 12–13, 47–48, 65–66)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from grassroots.calendar import rules as calendar_rules
from grassroots.disclosures.models import Channel, DeadlineMode, Regime
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

EMPLOYER_DEADLINE_DAYS = 0
"""A non-state employer has no general disclosure deadline: Decree 145/2020 art. 43 lists what and how, not when
(law.md §3.2). Stored as 0 days with the deadline mode "none": such a disclosure has no due date and is never late."""

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
    Regime.EMPLOYER: (
        Channel.HEADQUARTERS_BOARD,
        Channel.MEETING,
        Channel.FRONT_NOTICE,
        Channel.PORTAL,
        Channel.OTHER,
    ),
}
"""Channels each regime may use: art. 12(1) (a)–(k) communes, art. 47(1) agencies, art. 65(1) SOEs; Decree
145/2020 art. 43(2) employers (posting at the workplace, meetings or dialogue, notice to the union, intranet,
other forms). The intranet is offered to an employer only when it has one (``channels_for``)."""

INTRANET_CHANNEL = Channel.PORTAL.value
"""The channel that stands for an employer's intranet (Decree 145/2020 art. 43(2)(d))."""


def channels_for(regime: str, *, has_intranet: bool = True) -> tuple[str, ...]:
    """The channels a disclosure of ``regime`` may use; an employer without an intranet is not offered one."""
    allowed = tuple(str(channel) for channel in REGIME_CHANNELS.get(regime, ()))
    if regime == Regime.EMPLOYER and not has_intranet:
        return tuple(channel for channel in allowed if channel != INTRANET_CHANNEL)
    return allowed


SOE_RULES_OPT_IN = "soe_rules_opt_in"
"""The democracy regime of a non-state employer that chose the SOE rules of [L] Chapter IV section 1 ([L] art. 82;
law.md §3.2); any other value (``labour_code_only``) keeps it under Decree 145/2020 art. 43."""


def regime_for(organisation_kind: str | None, democracy_regime: str | None = None) -> str:
    """Which list a disclosure falls under: a commune's (no organisation, art. 11), a state-owned enterprise's
    (art. 64), a non-state employer's (Decree 145/2020 art. 43) unless it opted in to the SOE rules ([L] art. 82),
    or an agency's or public service unit's (art. 46)."""
    if organisation_kind is None:
        return Regime.COMMUNE.value
    if organisation_kind == OrganisationKind.STATE_OWNED_ENTERPRISE:
        return Regime.SOE.value
    if organisation_kind == OrganisationKind.OTHER_EMPLOYER:
        return Regime.SOE.value if democracy_regime == SOE_RULES_OPT_IN else Regime.EMPLOYER.value
    return Regime.AGENCY.value


REGIME_ARTICLES: Mapping[str, str] = {
    Regime.COMMUNE: "11",
    Regime.AGENCY: "46",
    Regime.SOE: "64",
    Regime.EMPLOYER: "43",
}
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
    counted = (DeadlineMode.WORKING.value, DeadlineMode.CALENDAR.value)
    if mode not in counted:
        raise ValueError(f"a deadline mode is one of {counted}, not {mode!r}")
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
    if regime == Regime.EMPLOYER:
        return DeadlineMode.NONE.value, EMPLOYER_DEADLINE_DAYS
    raise ValueError(f"unknown regime {regime!r}")


def deadline_on(decided_on: dt.date, mode: str, days: int, calendar: calendar_rules.WorkingCalendar) -> dt.date | None:
    """The last day to disclose: ``days`` working days after the decision, or ``days`` calendar days with
    the Civil Code end rule (the decision day is not counted; a period ending on a rest day runs on); ``None``
    for a list without a general deadline (an employer's, Decree 145/2020 art. 43)."""
    if mode == DeadlineMode.NONE:
        return None
    if mode == DeadlineMode.WORKING:
        return calendar_rules.add_working_days(decided_on, days, calendar)
    if mode == DeadlineMode.CALENDAR:
        return calendar_rules.calendar_deadline(decided_on, days, calendar)
    raise ValueError(f"unknown deadline mode {mode!r}")


def category_deadline(
    rule: CategoryRule, decided_on: dt.date, calendar: calendar_rules.WorkingCalendar
) -> dt.date | None:
    return deadline_on(decided_on, rule.deadline_mode, rule.deadline_days, calendar)


def default_deadline(
    regime: str,
    decided_on: dt.date,
    calendar: calendar_rules.WorkingCalendar,
    *,
    soe_mode: str = SOE_DEADLINE_MODE_DEFAULT,
) -> dt.date | None:
    """The due date under the regime's default rule (what ``manage.py disclosure_deadline`` prints); ``None``
    for an employer (no general deadline)."""
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
