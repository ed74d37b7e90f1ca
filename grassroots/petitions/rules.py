"""Pure rules of citizens' cases: the legal clocks, the transition tables, who sees a confidential identity.

Plain values in, a value or a ``RuleResult`` out: no queries, no settings. Settings (the feedback and
petition resolution target, the reopening period, remote communes) are read by ``selectors`` and passed in.
Sources: law.md §1(e), §4.1, §4.2 and §6 rows 100–106.

Two ways of counting, never mixed up (law.md §0.1, §6 heading):

* "ngày làm việc" (working days): ``calendar.rules.add_working_days``, the first working day after the
  event is day 1;
* "ngày" (calendar days): ``calendar.rules.calendar_deadline`` (Civil Code arts 147–148: the event day is
  not counted; a period ending on a rest day ends on the next working day).
"""

from __future__ import annotations

import datetime as dt
import decimal
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

from grassroots.calendar.rules import (
    WorkingCalendar,
    add_working_days,
    calendar_deadline,
    next_working_day,
    working_days_between,
)
from grassroots.core.errors import RuleResult
from grassroots.core.uploads import sniff_kind
from grassroots.petitions.models import CaseKind, CaseStatus, Complexity, PauseReason

# ---------------------------------------------------------------------------------------------
# Legal numbers (law.md §6 rows 100–106)
# ---------------------------------------------------------------------------------------------

ACKNOWLEDGE_WORKING_DAYS = 10
"""Tell the citizen (accepted / needs more time / refused with reason / forwarded) within 10 working days of
receipt, for every kind. Law on Citizen Reception 42/2013 art. 28(1) (§4.1, §6 row 100). CONFIRMED."""

COMPLAINT_FILING_DAYS = 90
"""A complaint is filed within 90 (calendar) days of receiving or learning of the act; time lost to illness,
disaster and similar obstacles is not counted. Law on Complaints 02/2011 art. 9 (§4.2, §6 row 101). CONFIRMED."""

MAX_FILING_OBSTACLE_DAYS = 3650
"""A sanity bound on the obstacle days an officer records (ten years): the law sets no maximum (Law on Complaints
art. 9), this only refuses a typing slip."""

COMPLAINT_ACCEPTANCE_WORKING_DAYS = 10
"""Accept (thụ lý) or refuse in writing within 10 days of receipt. Law on Complaints art. 27 says "10 ngày";
Circular 07/2013/TT-TTCP art. 5 says 10 *working* days (§4.2, §6 row 102). We count working days, the
circular's reading (the longer of the two: a case accepted on the circular's last day is not flagged late)."""

COMPLAINT_RESOLUTION_DAYS = 30
"""First resolution within 30 (calendar) days of acceptance. Law on Complaints art. 28 (§6 row 103). CONFIRMED
for the 2011 text; whether Law 136/2025 changed it is UNCERTAIN (law.md §7 q. 3)."""
COMPLAINT_RESOLUTION_DAYS_COMPLEX = 45
"""Complex complaints: 45 days. Law on Complaints art. 28."""
COMPLAINT_RESOLUTION_DAYS_REMOTE = 45
"""Remote, hard-to-reach areas: 45 days. Law on Complaints art. 28."""
COMPLAINT_RESOLUTION_DAYS_REMOTE_COMPLEX = 60
"""Remote areas, complex complaints: 60 days. Law on Complaints art. 28."""

DENUNCIATION_INITIAL_HANDLING_WORKING_DAYS = 7
"""Initial handling (xử lý ban đầu) within 7 working days of receipt. Law on Denunciations 25/2018 art. 24(1)
(§4.2, §6 row 104). CONFIRMED."""
DENUNCIATION_INITIAL_HANDLING_WORKING_DAYS_SEVERAL_PLACES = 10
"""Up to 10 working days when checks are needed in several places. Law on Denunciations art. 24(1)."""

DENUNCIATION_FORWARD_WORKING_DAYS = 5
"""A denunciation outside the commune's competence is forwarded within 5 working days of receipt, with notice to
the denouncer. Law on Denunciations art. 24(2) (§6 row 105). CONFIRMED."""

DENUNCIATION_RESOLUTION_DAYS = 30
"""Resolution within 30 (calendar) days of acceptance. Law on Denunciations art. 30(1) (§6 row 106). CONFIRMED."""
DENUNCIATION_EXTENSION_MAX_DAYS = 30
"""Each extension is at most 30 days, by a written decision notified to the parties. Law on Denunciations art. 30."""
DENUNCIATION_MAX_EXTENSIONS: Mapping[str, int] = {
    Complexity.NORMAL: 0,
    Complexity.COMPLEX: 1,
    Complexity.ESPECIALLY_COMPLEX: 2,
}
"""Complex cases may be extended once, especially complex cases twice. Law on Denunciations art. 30(1)."""

DEFAULT_RESOLUTION_TARGET_WORKING_DAYS = 15
"""Feedback and petitions: no general statutory resolution limit was found (law.md §4.2, §7 q. 14, UNCERTAIN).
This is the documented default of the setting ``GRASSROOTS_PETITIONS_RESOLUTION_TARGET_WORKING_DAYS``, the
same 15 days the People's Committee has to answer an inspection board ([L] art. 35(2)(b), 40), counted here in
working days."""

DEFAULT_REOPEN_DAYS = 30
"""A citizen may reopen an answered feedback or petition within this many calendar days of the answer
(a platform choice, not a legal number): default of ``GRASSROOTS_PETITIONS_REOPEN_DAYS``."""

LAWFUL_PAUSE_REASONS: Mapping[str, frozenset[str]] = {
    # No statutory clock: the commune's own target waits while the citizen is asked for what is missing.
    CaseKind.FEEDBACK: frozenset({PauseReason.AWAITING_CITIZEN_SUPPLEMENT}),
    CaseKind.PETITION: frozenset({PauseReason.AWAITING_CITIZEN_SUPPLEMENT}),
    # Law on Complaints art. 9 (obstacles not counted); suspension under Law 136/2025 (UNCERTAIN, law.md §4.2).
    CaseKind.COMPLAINT: frozenset({PauseReason.OBJECTIVE_OBSTACLE, PauseReason.SUSPENDED_AWAITING_OTHER_AUTHORITY}),
    # Law on Denunciations 25/2018 art. 36 (tạm đình chỉ; not in law.md, to be confirmed).
    CaseKind.DENUNCIATION: frozenset({PauseReason.SUSPENDED_AWAITING_OTHER_AUTHORITY}),
}
"""Clocks pause only for these recorded reasons, per kind."""


# ---------------------------------------------------------------------------------------------
# Clocks
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Pause:
    """A recorded pause: ``paused_on`` is the first day not counted, ``resumed_on`` the first day counted again
    (``None`` while the pause lasts)."""

    paused_on: dt.date
    resumed_on: dt.date | None = None


def _working_days_in(pause: Pause, calendar: WorkingCalendar) -> int:
    assert pause.resumed_on is not None
    last_paused = pause.resumed_on - dt.timedelta(days=1)
    return max(0, working_days_between(pause.paused_on - dt.timedelta(days=1), last_paused, calendar))


def _clipped(pauses: Sequence[Pause], start: dt.date) -> list[Pause]:
    """The pauses as they bear on a clock that starts counting the day after ``start``: a pause that began on or
    before ``start`` counts from the day after it (it still stops the clock while open); one that had already
    ended by then is dropped."""
    first_counted = start + dt.timedelta(days=1)
    clipped = []
    for pause in pauses:
        paused_on = max(pause.paused_on, first_counted)
        if pause.resumed_on is not None and pause.resumed_on <= paused_on:
            continue
        clipped.append(Pause(paused_on=paused_on, resumed_on=pause.resumed_on))
    return sorted(clipped, key=lambda item: item.paused_on)


def working_clock(start: dt.date, n: int, calendar: WorkingCalendar, pauses: Sequence[Pause] = ()) -> dt.date | None:
    """The n-th working day after ``start``, moved on by the working days of every pause that began before it
    was reached; ``None`` while a pause that began before it is still open (the clock is stopped). A pause that
    began on or before ``start`` (an obstacle recorded before acceptance) counts from the day after ``start``."""
    due = add_working_days(start, n, calendar)
    for pause in _clipped(pauses, start):
        if pause.paused_on > due:
            continue
        if pause.resumed_on is None:
            return None
        due = add_working_days(due, _working_days_in(pause, calendar), calendar)
    return due


def calendar_clock(start: dt.date, n: int, calendar: WorkingCalendar, pauses: Sequence[Pause] = ()) -> dt.date | None:
    """A period of ``n`` calendar days from ``start`` (Civil Code arts 147–148), lengthened by the calendar days of
    every pause that began before its last day; ``None`` while such a pause is open. A pause that began on or
    before ``start`` counts from the day after ``start``."""
    if n < 0:
        raise ValueError("a period cannot have a negative number of days")
    last = start + dt.timedelta(days=n)
    for pause in _clipped(pauses, start):
        if pause.paused_on > last:
            continue
        if pause.resumed_on is None:
            return None
        last += pause.resumed_on - pause.paused_on
    return next_working_day(last, calendar)


def acknowledge_by(received_on: dt.date, calendar: WorkingCalendar) -> dt.date:
    """Last day to tell the citizen one of the four answers (TCD art. 28(1)); never paused."""
    return add_working_days(received_on, ACKNOWLEDGE_WORKING_DAYS, calendar)


def complaint_filing_last_day(act_known_on: dt.date, calendar: WorkingCalendar, obstacle_days: int = 0) -> dt.date:
    """Last day a complaint about an act learnt of on ``act_known_on`` may be filed (Law on Complaints art. 9)."""
    if obstacle_days < 0:
        raise ValueError("obstacle days cannot be negative")
    return calendar_deadline(act_known_on, COMPLAINT_FILING_DAYS + obstacle_days, calendar)


def check_complaint_filed_in_time(
    *, act_known_on: dt.date, received_on: dt.date, calendar: WorkingCalendar, obstacle_days: int = 0
) -> RuleResult:
    last = complaint_filing_last_day(act_known_on, calendar, obstacle_days)
    if received_on > last:
        return RuleResult.refuse("petitions.complaint.filed_late", last_day=last)
    return RuleResult.ok(last_day=last)


def check_filing_obstacle(*, days: int, reason: str) -> RuleResult:
    """Days lost to illness, disaster, war or another objective obstacle are not counted in the filing period (Law on
    Complaints art. 9): an officer records how many, with the reason, never a bare number."""
    if days < 0 or days > MAX_FILING_OBSTACLE_DAYS:
        return RuleResult.refuse("petitions.complaint.bad_obstacle_days", max_days=MAX_FILING_OBSTACLE_DAYS)
    if days > 0 and not reason.strip():
        return RuleResult.refuse("petitions.complaint.obstacle_reason_required")
    return RuleResult.ok()


def check_act_known_on(*, act_known_on: dt.date | None, received_on: dt.date) -> RuleResult:
    """The day the complainant learnt of the act cannot come after the complaint was received."""
    if act_known_on is not None and act_known_on > received_on:
        return RuleResult.refuse("petitions.complaint.act_after_receipt")
    return RuleResult.ok()


def complaint_filed_late(
    *, kind: str, act_known_on: dt.date | None, received_on: dt.date, calendar: WorkingCalendar, obstacle_days: int = 0
) -> bool:
    """Whether a case is a complaint received after its filing period (``check_complaint_filed_in_time``); a case
    whose act date is not known yet is not late (the officer records the date before accepting it)."""
    if kind != CaseKind.COMPLAINT or act_known_on is None:
        return False
    return not check_complaint_filed_in_time(
        act_known_on=act_known_on, received_on=received_on, calendar=calendar, obstacle_days=obstacle_days
    )


def check_acknowledgement_of_late_complaint(*, filed_late: bool, outcome: str) -> RuleResult:
    """A complaint filed after its time limit without a lawful obstacle is not accepted (không thụ lý): Law on
    Complaints art. 11 ("thời hiệu khiếu nại đã hết mà không có lý do chính đáng"; not quoted in law.md, which
    gives art. 9's limit: to be confirmed). The commune tells the complainant so in writing, with the reason
    (TCD art. 28(1)); "more time" is not offered either, since the only open question, an obstacle, is recorded
    on the case (``filing_obstacle_days``) and clears the flag."""
    if filed_late and outcome in ("accepted", "more_time"):
        return RuleResult.refuse("petitions.complaint.filed_late_not_accepted")
    return RuleResult.ok()


def complaint_accept_by(received_on: dt.date, calendar: WorkingCalendar) -> dt.date:
    return add_working_days(received_on, COMPLAINT_ACCEPTANCE_WORKING_DAYS, calendar)


def complaint_resolution_days(*, complexity: str, remote_area: bool) -> int:
    complex_case = complexity != Complexity.NORMAL
    if remote_area:
        return COMPLAINT_RESOLUTION_DAYS_REMOTE_COMPLEX if complex_case else COMPLAINT_RESOLUTION_DAYS_REMOTE
    return COMPLAINT_RESOLUTION_DAYS_COMPLEX if complex_case else COMPLAINT_RESOLUTION_DAYS


def denunciation_initial_handling_by(
    received_on: dt.date, calendar: WorkingCalendar, *, several_places: bool = False
) -> dt.date:
    days = (
        DENUNCIATION_INITIAL_HANDLING_WORKING_DAYS_SEVERAL_PLACES
        if several_places
        else DENUNCIATION_INITIAL_HANDLING_WORKING_DAYS
    )
    return add_working_days(received_on, days, calendar)


def denunciation_forward_by(received_on: dt.date, calendar: WorkingCalendar) -> dt.date:
    return add_working_days(received_on, DENUNCIATION_FORWARD_WORKING_DAYS, calendar)


def check_denunciation_extension(*, complexity: str, extensions_used: int, days: int) -> RuleResult:
    """Whether one more extension of ``days`` may be decided (Law on Denunciations art. 30(1))."""
    if days < 1 or days > DENUNCIATION_EXTENSION_MAX_DAYS:
        return RuleResult.refuse("petitions.extension.bad_days", max_days=DENUNCIATION_EXTENSION_MAX_DAYS)
    allowed = DENUNCIATION_MAX_EXTENSIONS.get(complexity, 0)
    if extensions_used >= allowed:
        return RuleResult.refuse("petitions.extension.too_many", allowed=allowed)
    return RuleResult.ok()


def check_pause(*, kind: str, reason: str) -> RuleResult:
    if reason in LAWFUL_PAUSE_REASONS.get(kind, frozenset()):
        return RuleResult.ok()
    return RuleResult.refuse("petitions.pause.not_lawful", kind=kind, reason=reason)


@dataclass(frozen=True)
class CaseFacts:
    """What the clocks of one case depend on, as plain values (``selectors.case_facts`` builds it)."""

    kind: str
    received_on: dt.date
    accepted_on: dt.date | None = None
    complexity: str = Complexity.NORMAL
    remote_area: bool = False
    several_places: bool = False
    extension_days: tuple[int, ...] = ()
    pauses: tuple[Pause, ...] = ()
    reopened_on: dt.date | None = None
    resolution_target_working_days: int = DEFAULT_RESOLUTION_TARGET_WORKING_DAYS


def case_clocks(facts: CaseFacts, calendar: WorkingCalendar) -> dict[str, dt.date | None]:
    """Every due date of a case's steps, by name, in the order they come.

    ``resolve_by`` of a complaint or denunciation runs from acceptance; before acceptance it is the latest lawful
    date, counted from the last day acceptance may happen (``accept_by`` / ``initial_handling_by``). A reopened
    feedback or petition gets a fresh target from the day it was reopened. ``None``: the clock is paused.
    """
    received = facts.received_on
    clocks: dict[str, dt.date | None] = {"acknowledge_by": acknowledge_by(received, calendar)}
    if facts.kind == CaseKind.COMPLAINT:
        accept_by = complaint_accept_by(received, calendar)
        clocks["accept_by"] = accept_by
        days = complaint_resolution_days(complexity=facts.complexity, remote_area=facts.remote_area)
        clocks["resolve_by"] = calendar_clock(facts.accepted_on or accept_by, days, calendar, facts.pauses)
    elif facts.kind == CaseKind.DENUNCIATION:
        initial = denunciation_initial_handling_by(received, calendar, several_places=facts.several_places)
        clocks["initial_handling_by"] = initial
        clocks["forward_by"] = denunciation_forward_by(received, calendar)
        days = DENUNCIATION_RESOLUTION_DAYS + sum(facts.extension_days)
        clocks["resolve_by"] = calendar_clock(facts.accepted_on or initial, days, calendar, facts.pauses)
    else:
        start = facts.reopened_on or received
        clocks["resolve_by"] = working_clock(start, facts.resolution_target_working_days, calendar, facts.pauses)
    return clocks


def last_overdue_start(
    due_of: Callable[[dt.date], dt.date | None], *, today: dt.date, earliest: dt.date
) -> dt.date | None:
    """The latest day a clock may start and be overdue on ``today`` (its due date before ``today``), or ``None`` when
    even a start on ``earliest`` is not overdue.

    ``due_of`` maps a start day to the due date of one kind of clock with everything else fixed (kind, complexity,
    remote area, several places, target; no pause, no extension). Every such clock moves later, never earlier, when
    its start moves later (``add_working_days`` and ``calendar_deadline`` are monotone), so the overdue starts are
    exactly the days up to the one found here, by bisection: about ten clock computations for any number of cases.
    A start before ``earliest`` is overdue whenever ``earliest`` is.
    """

    def overdue(day: dt.date) -> bool:
        due = due_of(day)
        return due is not None and due < today

    if not overdue(earliest):
        return None
    if overdue(today):  # a clock due before it starts does not exist; kept exact rather than assumed
        return today
    low, high = earliest.toordinal(), today.toordinal()  # overdue(low), not overdue(high)
    while high - low > 1:
        middle = (low + high) // 2
        if overdue(dt.date.fromordinal(middle)):
            low = middle
        else:
            high = middle
    return dt.date.fromordinal(low)


def reopen_last_day(answered_on: dt.date, reopen_days: int) -> dt.date:
    """The last calendar day the citizen may reopen an answered case (no roll-over: the page is open every day)."""
    return answered_on + dt.timedelta(days=reopen_days)


# ---------------------------------------------------------------------------------------------
# State machines: one literal table per kind
# ---------------------------------------------------------------------------------------------

S = CaseStatus

FEEDBACK_TRANSITIONS: Mapping[str, frozenset[str]] = {
    S.RECEIVED: frozenset({S.ACKNOWLEDGED, S.REFUSED, S.FORWARDED, S.WITHDRAWN}),
    S.ACKNOWLEDGED: frozenset({S.ASSIGNED, S.FORWARDED, S.WITHDRAWN}),
    S.ASSIGNED: frozenset({S.IN_PROGRESS, S.WITHDRAWN}),
    S.IN_PROGRESS: frozenset({S.ANSWERED, S.WITHDRAWN}),
    S.ANSWERED: frozenset({S.CLOSED, S.REOPENED}),
    S.CLOSED: frozenset({S.REOPENED}),
    S.REOPENED: frozenset({S.ASSIGNED, S.IN_PROGRESS, S.WITHDRAWN}),
    S.REFUSED: frozenset(),
    S.FORWARDED: frozenset(),
    S.WITHDRAWN: frozenset(),
}
"""Phản ánh: answered, rated, and reopened by the citizen within the reopening period."""

PETITION_TRANSITIONS: Mapping[str, frozenset[str]] = {
    S.RECEIVED: frozenset({S.ACKNOWLEDGED, S.REFUSED, S.FORWARDED, S.WITHDRAWN}),
    S.ACKNOWLEDGED: frozenset({S.ASSIGNED, S.FORWARDED, S.WITHDRAWN}),
    S.ASSIGNED: frozenset({S.IN_PROGRESS, S.WITHDRAWN}),
    S.IN_PROGRESS: frozenset({S.ANSWERED, S.WITHDRAWN}),
    S.ANSWERED: frozenset({S.CLOSED, S.REOPENED}),
    S.CLOSED: frozenset({S.REOPENED}),
    S.REOPENED: frozenset({S.ASSIGNED, S.IN_PROGRESS, S.WITHDRAWN}),
    S.REFUSED: frozenset(),
    S.FORWARDED: frozenset(),
    S.WITHDRAWN: frozenset(),
}
"""Kiến nghị: the same steps as feedback."""

COMPLAINT_TRANSITIONS: Mapping[str, frozenset[str]] = {
    S.RECEIVED: frozenset({S.ACKNOWLEDGED, S.REFUSED, S.FORWARDED, S.WITHDRAWN}),
    S.ACKNOWLEDGED: frozenset({S.ASSIGNED, S.WITHDRAWN}),
    S.ASSIGNED: frozenset({S.IN_PROGRESS, S.WITHDRAWN}),
    S.IN_PROGRESS: frozenset({S.ANSWERED, S.WITHDRAWN}),
    S.ANSWERED: frozenset({S.CLOSED}),
    S.CLOSED: frozenset(),
    S.REOPENED: frozenset(),
    S.REFUSED: frozenset(),
    S.FORWARDED: frozenset(),
    S.WITHDRAWN: frozenset(),
}
"""Khiếu nại: withdrawal at any time before the decision (Law on Complaints art. 10); no reopening here: a
citizen who disagrees with the first decision complains a second time to the next level (art. 7)."""

DENUNCIATION_TRANSITIONS: Mapping[str, frozenset[str]] = {
    S.RECEIVED: frozenset({S.ACKNOWLEDGED, S.REFUSED, S.FORWARDED, S.WITHDRAWN}),
    S.ACKNOWLEDGED: frozenset({S.ASSIGNED, S.WITHDRAWN}),
    S.ASSIGNED: frozenset({S.IN_PROGRESS, S.WITHDRAWN}),
    S.IN_PROGRESS: frozenset({S.ANSWERED, S.WITHDRAWN}),
    S.ANSWERED: frozenset({S.CLOSED}),
    S.CLOSED: frozenset(),
    S.REOPENED: frozenset(),
    S.REFUSED: frozenset(),
    S.FORWARDED: frozenset(),
    S.WITHDRAWN: frozenset(),
}
"""Tố cáo: forwarded within 5 working days when outside competence (art. 24(2)); withdrawal (art. 33); no
reopening: a new denunciation is a new case."""

TRANSITIONS: Mapping[str, Mapping[str, frozenset[str]]] = {
    CaseKind.FEEDBACK: FEEDBACK_TRANSITIONS,
    CaseKind.PETITION: PETITION_TRANSITIONS,
    CaseKind.COMPLAINT: COMPLAINT_TRANSITIONS,
    CaseKind.DENUNCIATION: DENUNCIATION_TRANSITIONS,
}

OPEN_STATUSES: frozenset[str] = frozenset({S.RECEIVED, S.ACKNOWLEDGED, S.ASSIGNED, S.IN_PROGRESS, S.REOPENED})
"""Statuses in which the resolution clock runs."""


def check_transition(kind: str, current: str, target: str) -> RuleResult:
    """Whether a case of ``kind`` may go from ``current`` to ``target`` (its literal table above)."""
    if target in TRANSITIONS[kind].get(current, frozenset()):
        return RuleResult.ok()
    return RuleResult.refuse("petitions.case.bad_transition", current=current, target=target)


def check_reopen(
    *, kind: str, status: str, answered_on: dt.date | None, today: dt.date, reopen_days: int
) -> RuleResult:
    result = check_transition(kind, status, S.REOPENED)
    if not result:
        return result
    if answered_on is None or today > reopen_last_day(answered_on, reopen_days):
        return RuleResult.refuse("petitions.case.reopen_period_over")
    return RuleResult.ok()


# ---------------------------------------------------------------------------------------------
# Confidentiality ([L] art. 9(2); Law on Denunciations art. 47; law.md §1(e), §4.2)
# ---------------------------------------------------------------------------------------------


def identity_is_confidential(*, kind: str, confidentiality_requested: bool) -> bool:
    """A denouncer's identity always is; a petitioner's when they ask."""
    return kind == CaseKind.DENUNCIATION or confidentiality_requested


def may_see_identity(
    *,
    is_confidential: bool,
    viewer_id: int | None,
    handler_id: int | None,
    viewer_is_chair: bool,
    viewer_is_filer: bool,
    viewer_may_handle: bool,
) -> bool:
    """Who sees the name, phone and address of the person behind a case.

    Confidential: only the assigned handler and the commune chair (and the person themself). Not the other
    officers of the commune, not a superuser as such (the Django admin masks too). Otherwise: whoever may
    handle the commune's cases. Not a permission of the matrix: it depends on the case.
    """
    if viewer_id is None:
        return False
    if viewer_is_filer:
        return True
    if not is_confidential:
        return viewer_may_handle
    return viewer_is_chair or (handler_id is not None and handler_id == viewer_id)


MASK = "•••"
"""What is shown in place of a confidential name, phone or address."""


def masked(values: Iterable[str]) -> list[str]:
    return [MASK if value else "" for value in values]


# ---------------------------------------------------------------------------------------------
# Intake: photos, ratings (platform choices, not legal numbers)
# ---------------------------------------------------------------------------------------------

MAX_PHOTOS = 5
"""Photos per case (a platform choice: enough to show a pothole, light on a weak phone signal)."""
MAX_PHOTO_BYTES = 5 * 1024 * 1024
"""Per photo: a phone camera's JPEG at full size is usually 2–4 MB."""

PHOTO_KINDS: Mapping[str, str] = {"jpeg": "image/jpeg", "png": "image/png", "webp": "image/webp"}
"""The photo kinds a case accepts (by content, ``core.uploads.sniff_kind``) and their media types."""


def photo_type(content: bytes) -> str | None:
    """The image type read from the file's first bytes (never from its name), or ``None``."""
    return PHOTO_KINDS.get(sniff_kind(content) or "")


def check_photos(photos: Sequence[tuple[str, bytes]]) -> RuleResult:
    if len(photos) > MAX_PHOTOS:
        return RuleResult.refuse("petitions.photo.too_many", max_photos=MAX_PHOTOS)
    for name, content in photos:
        if len(content) > MAX_PHOTO_BYTES:
            return RuleResult.refuse("petitions.photo.too_large", name=name, max_mb=MAX_PHOTO_BYTES // (1024 * 1024))
        if photo_type(content) is None:
            return RuleResult.refuse("petitions.photo.bad_type", name=name)
    return RuleResult.ok()


VIETNAM_LATITUDE_MIN = decimal.Decimal("6.5")
VIETNAM_LATITUDE_MAX = decimal.Decimal("23.5")
VIETNAM_LONGITUDE_MIN = decimal.Decimal("102")
VIETNAM_LONGITUDE_MAX = decimal.Decimal("118")
"""A point inside Vietnam's bounding box (WGS 84, what a phone's Geolocation API gives): the mainland from Lũng Cú
(23°23′N) to Đất Mũi (8°34′N) and from A Pa Chải (102°08′E), and the island special zones Hoàng Sa and Trường Sa
(to about 6°50′N and 117°50′E). A platform check, not a legal number: a case is about a place in the commune, so a
point in another country is a wrong fix or a typing slip (latitude and longitude swapped, a sign lost)."""

COORDINATE_PLACES = 6
"""Stored to 6 decimal places (about 11 cm): the column's precision, more than a phone's fix."""


def check_coordinates(*, latitude: decimal.Decimal | None, longitude: decimal.Decimal | None) -> RuleResult:
    """Both or neither, each inside Vietnam's bounding box; finite numbers only (``NaN`` and infinities are refused)."""
    if latitude is None and longitude is None:
        return RuleResult.ok()
    if latitude is None or longitude is None:
        return RuleResult.refuse("petitions.location.both_or_neither")
    if not latitude.is_finite() or not VIETNAM_LATITUDE_MIN <= latitude <= VIETNAM_LATITUDE_MAX:
        return RuleResult.refuse("petitions.location.latitude_out_of_range")
    if not longitude.is_finite() or not VIETNAM_LONGITUDE_MIN <= longitude <= VIETNAM_LONGITUDE_MAX:
        return RuleResult.refuse("petitions.location.longitude_out_of_range")
    return RuleResult.ok()


def rounded_coordinates(
    latitude: decimal.Decimal, longitude: decimal.Decimal
) -> tuple[decimal.Decimal, decimal.Decimal]:
    step = decimal.Decimal(1).scaleb(-COORDINATE_PLACES)
    return (
        latitude.quantize(step, rounding=decimal.ROUND_HALF_EVEN),
        longitude.quantize(step, rounding=decimal.ROUND_HALF_EVEN),
    )


MAP_LINK = "https://www.openstreetmap.org/?mlat={latitude}&mlon={longitude}#map=18/{latitude}/{longitude}"
"""Where "Xem trên bản đồ" opens a point: a plain link, so nothing is loaded from another site by our pages (the
Content Security Policy allows only our own files, and the platform must work on a closed network)."""


def map_link(latitude: decimal.Decimal | None, longitude: decimal.Decimal | None) -> str:
    """The link that opens a case's point on a public map, or ``""`` when the case has no point."""
    if latitude is None or longitude is None:
        return ""
    return MAP_LINK.format(latitude=latitude, longitude=longitude)


SATISFACTION_MIN = 1
SATISFACTION_MAX = 5
"""The citizen's rating of how their case was handled, 1 (very unhappy) to 5 (very happy) ([L] art. 35)."""


MAX_RATING_COMMENT_CHARACTERS = 2000
"""The citizen's optional comment with their rating (a platform choice: a few paragraphs)."""


def check_rating(*, status: str, rating: int, already_rated: bool = False, comment: str = "") -> RuleResult:
    """One rating per case, by its sender, once the case is answered or closed ([L] art. 35)."""
    if status not in (CaseStatus.ANSWERED, CaseStatus.CLOSED):
        return RuleResult.refuse("petitions.case.not_answered")
    if already_rated:
        return RuleResult.refuse("petitions.case.already_rated")
    if not SATISFACTION_MIN <= rating <= SATISFACTION_MAX:
        return RuleResult.refuse("petitions.case.bad_rating")
    if len(comment) > MAX_RATING_COMMENT_CHARACTERS:
        return RuleResult.refuse("petitions.case.rating_comment_too_long", max_characters=MAX_RATING_COMMENT_CHARACTERS)
    return RuleResult.ok()


def check_service_use(*, received_on: dt.date, today: dt.date) -> RuleResult:
    """A procedure is recorded once its result is handed over: never with a date still to come."""
    if received_on > today:
        return RuleResult.refuse("petitions.service.future_date")
    return RuleResult.ok()


def check_service_rating(
    *, service_score: int, officer_score: int | None, has_officer: bool, already_rated: bool, comment: str = ""
) -> RuleResult:
    """One rating per procedure received, 1–5 for the procedure and optionally 1–5 for the officer who handled it
    ([L] art. 35: residents rate the commune's handling of their procedures and the officers who handled them)."""
    if already_rated:
        return RuleResult.refuse("petitions.service.already_rated")
    if not SATISFACTION_MIN <= service_score <= SATISFACTION_MAX:
        return RuleResult.refuse("petitions.service.bad_rating")
    if officer_score is not None:
        if not has_officer:
            return RuleResult.refuse("petitions.service.no_officer")
        if not SATISFACTION_MIN <= officer_score <= SATISFACTION_MAX:
            return RuleResult.refuse("petitions.service.bad_rating")
    if len(comment) > MAX_RATING_COMMENT_CHARACTERS:
        return RuleResult.refuse("petitions.case.rating_comment_too_long", max_characters=MAX_RATING_COMMENT_CHARACTERS)
    return RuleResult.ok()


PUBLIC_RATING_MIN_COUNT = 3
"""The public summary shows an average only over at least this many ratings (a platform choice): with one or two,
neighbours could tell who gave which score, and the law wants the ratings public without the raters."""


# ---------------------------------------------------------------------------------------------
# Routing, reminders, targets (the commune's own choices, not law)
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RouteRow:
    """A routing rule as plain values."""

    rule_id: int
    kind: str
    community_id: int | None


def pick_route(rows: Sequence[RouteRow], *, kind: str, community_id: int | None) -> int | None:
    """The rule that routes a case of ``kind`` from ``community_id``: the most specific match (kind and community,
    then kind, then community, then a rule for any case), the oldest among equals; ``None`` when none matches."""
    best: tuple[int, int] | None = None
    for row in rows:
        if row.kind and row.kind != kind:
            continue
        if row.community_id is not None and row.community_id != community_id:
            continue
        specificity = (2 if row.kind else 0) + (1 if row.community_id is not None else 0)
        candidate = (-specificity, row.rule_id)
        if best is None or candidate < best:
            best = candidate
    return None if best is None else best[1]


DEFAULT_REMINDER_WORKING_DAYS = 3
"""Remind the handler this many working days before a case's current due date (an operational choice, the same
window the task page calls "due soon"); setting ``GRASSROOTS_PETITIONS_REMINDER_WORKING_DAYS``."""

DEFAULT_ON_TIME_TARGET_PERCENT = 90
"""A commune's default target for the share of cases answered on time (no legal number: a commune sets its own,
``CaseTarget``)."""


def reminder_step(*, due_on: dt.date | None, today: dt.date, working_days_left: int | None, window: int) -> str:
    """``"overdue"`` past the due date, ``"due_soon"`` within ``window`` working days of it, else ``""``."""
    if due_on is None:
        return ""
    if due_on < today:
        return "overdue"
    if working_days_left is not None and working_days_left <= window:
        return "due_soon"
    return ""


def on_time_share(answered: int, on_time: int) -> int | None:
    """The whole-number percentage of answered cases answered on time (rounded down: 89.9 % is not 90 %)."""
    if answered == 0:
        return None
    return on_time * 100 // answered
