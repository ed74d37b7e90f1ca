"""Pure rules of the accounts app: phone numbers, lockout, which role goes with which unit, permissions.

Plain values in, a value or a ``RuleResult`` out: no queries, no request. Selectors gather the
values (roles held per unit, a unit's ancestor ids); views and services ask these functions.
"""

from __future__ import annotations

import calendar
import datetime as dt
import ipaddress
import random
import re
import secrets
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

from grassroots.accounts.models import Role
from grassroots.core.errors import RuleResult

# ---------------------------------------------------------------------------------------------
# Phone numbers
# ---------------------------------------------------------------------------------------------

VIETNAM_COUNTRY_CODE = "84"
_PHONE_NOISE = re.compile(r"[\s.\-()/]")
_NATIONAL_NUMBER = re.compile(r"0[1-9]\d{8,9}")


def normalise_phone(raw: str | None) -> str | None:
    """The one stored form of a Vietnamese phone number (``0912345678``), or ``None`` if ``raw`` is not one.

    Accepts spaces, dots, dashes and brackets, and the international prefixes ``+84``, ``0084`` and a
    bare ``84`` in front of the 9–10 digit subscriber number. National numbers are 10 digits
    (mobile) or 11 digits (fixed line, 02x area codes), always starting with ``0``.
    """
    if raw is None:
        return None
    text = _PHONE_NOISE.sub("", raw.strip())
    if text.startswith("+"):
        if not text.startswith("+" + VIETNAM_COUNTRY_CODE):
            return None
        text = "0" + text[1 + len(VIETNAM_COUNTRY_CODE) :]
    elif text.startswith("00" + VIETNAM_COUNTRY_CODE):
        text = "0" + text[2 + len(VIETNAM_COUNTRY_CODE) :]
    elif text.startswith(VIETNAM_COUNTRY_CODE) and len(text) in (11, 12):
        text = "0" + text[len(VIETNAM_COUNTRY_CODE) :]
    if text.startswith("00"):
        # "+84 0912…" (trunk zero kept after the country code) is a common way of writing it.
        text = text[1:]
    if not _NATIONAL_NUMBER.fullmatch(text):
        return None
    return text


# ---------------------------------------------------------------------------------------------
# Login lockout
# ---------------------------------------------------------------------------------------------

ADDRESS_FAILURE_FACTOR = 4
"""A client address is locked after ``LOGIN_MAX_FAILURES × 4`` failures in a row.

Higher than the per-account limit on purpose: a commune office puts many people behind one
address, and one person's forgotten password must not lock out the whole office.
"""


def is_throttled_address(address: str | None) -> bool:
    """Whether failures from this client address are counted.

    Loopback addresses are not: behind a reverse proxy that does not rewrite ``REMOTE_ADDR`` every
    request seems to come from 127.0.0.1, and counting them would let one person lock out everyone.
    """
    if not address:
        return False
    try:
        return not ipaddress.ip_address(address).is_loopback
    except ValueError:
        return False


@dataclass(frozen=True)
class ThrottleState:
    """A throttle row as plain values."""

    failure_count: int = 0
    last_failure_at: dt.datetime | None = None
    locked_until: dt.datetime | None = None


def is_locked(state: ThrottleState, now: dt.datetime) -> bool:
    return state.locked_until is not None and now < state.locked_until


def throttle_after_failure(
    state: ThrottleState, *, now: dt.datetime, max_failures: int, lockout: dt.timedelta
) -> ThrottleState:
    """The throttle after one more failed attempt.

    Failures count consecutively. Once a lockout has expired the count starts again from zero, so
    the person gets ``max_failures`` fresh attempts; the ``max_failures``-th failure locks for ``lockout``.
    A failure while already locked does not extend the lock (an attacker cannot keep a victim out forever
    by hammering during the lock; they still get only ``max_failures`` guesses per window).
    """
    if is_locked(state, now):
        return state
    count = 0 if state.locked_until is not None else state.failure_count
    count += 1
    locked_until = now + lockout if count >= max_failures else None
    return ThrottleState(failure_count=count, last_failure_at=now, locked_until=locked_until)


def lock_started(before: ThrottleState, after: ThrottleState, now: dt.datetime) -> bool:
    """Whether this failure is the one that locked the account (audit it once, not on every refusal)."""
    return is_locked(after, now) and not is_locked(before, now)


# ---------------------------------------------------------------------------------------------
# Temporary passwords
# ---------------------------------------------------------------------------------------------

TEMPORARY_PASSWORD_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"  # noqa: S105 - an alphabet, not a password
"""No 0/o, 1/l/i: people read these aloud over the phone or copy them from a slip of paper."""
TEMPORARY_PASSWORD_GROUPS = 3
TEMPORARY_PASSWORD_GROUP_LENGTH = 4


def username_slug(*parts: str) -> str:
    """ASCII login name from Vietnamese text: "Đặng Thị Hai", "H1-02" → "dang-thi-hai-h1-02".

    ``đ`` has no decomposition in Unicode, so it is mapped by hand before accents are stripped.
    """
    import unicodedata

    words = []
    for part in parts:
        text = part.replace("đ", "d").replace("Đ", "D")
        text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
        word = re.sub(r"[^a-z0-9]+", "-", text).strip("-")
        if word:
            words.append(word)
    return "-".join(words)


def generate_temporary_password(rng: random.Random | None = None) -> str:
    """A readable one-time password like ``k7pm-x3qa-9tnb`` (about 59 bits of entropy)."""
    chooser = rng or secrets.SystemRandom()
    while True:
        groups = [
            "".join(chooser.choice(TEMPORARY_PASSWORD_ALPHABET) for _ in range(TEMPORARY_PASSWORD_GROUP_LENGTH))
            for _ in range(TEMPORARY_PASSWORD_GROUPS)
        ]
        candidate = "-".join(groups)
        # Password validators refuse all-digit passwords; make sure at least one letter is in it.
        if any(character.isalpha() for character in candidate):
            return candidate


# ---------------------------------------------------------------------------------------------
# Roles and unit levels
# ---------------------------------------------------------------------------------------------

# Unit levels as plain strings (values of ``units.models.UnitLevel``), so this table stays pure.
PROVINCE = "province"
DISTRICT = "district"
COMMUNE = "commune"
COMMUNITY = "community"

ROLE_UNIT_LEVELS: Mapping[str, frozenset[str]] = {
    Role.COMMUNE_CHAIR: frozenset({COMMUNE}),
    Role.COMMUNE_VICE_CHAIR: frozenset({COMMUNE}),
    Role.COMMUNE_OFFICER: frozenset({COMMUNE}),
    Role.FRONT_CHAIR: frozenset({COMMUNE}),
    Role.VILLAGE_HEAD: frozenset({COMMUNITY}),
    Role.INTERIM_VILLAGE_HEAD: frozenset({COMMUNITY}),
    Role.FRONT_WORK_COMMITTEE_HEAD: frozenset({COMMUNITY}),
    # Commune boards (Law art. 36) sit at the commune; agency boards (Law art. 58) in an organisation.
    Role.INSPECTION_BOARD_MEMBER: frozenset({COMMUNE}),
    Role.HOUSEHOLD_REPRESENTATIVE: frozenset({COMMUNITY}),
    Role.RESIDENT: frozenset({COMMUNITY}),
    # Organisation roles are held in the organisation and scoped to the unit it sits in, at any level.
    Role.AGENCY_HEAD: frozenset({PROVINCE, DISTRICT, COMMUNE, COMMUNITY}),
    Role.UNION_CHAIR: frozenset({PROVINCE, DISTRICT, COMMUNE, COMMUNITY}),
    Role.STAFF_MEMBER: frozenset({PROVINCE, DISTRICT, COMMUNE, COMMUNITY}),
    Role.PROVINCIAL_OFFICER: frozenset({PROVINCE}),
}
"""Which unit level each role is held at (the role-unit table)."""

ORGANISATION_REQUIRED_ROLES: frozenset[str] = frozenset({Role.AGENCY_HEAD, Role.UNION_CHAIR, Role.STAFF_MEMBER})
"""Roles that exist only inside an organisation (Law Chapters III–IV)."""
ORGANISATION_ALLOWED_ROLES: frozenset[str] = ORGANISATION_REQUIRED_ROLES | {Role.INSPECTION_BOARD_MEMBER}
"""Roles that may name an organisation: the organisation roles and an agency's inspection board."""

SINGLE_HOLDER_GROUPS: tuple[frozenset[str], ...] = (
    frozenset({Role.COMMUNE_CHAIR}),
    frozenset({Role.FRONT_CHAIR}),
    # A community has one head at a time: elected or interim ([ND59] art. 9(3)).
    frozenset({Role.VILLAGE_HEAD, Role.INTERIM_VILLAGE_HEAD}),
    frozenset({Role.FRONT_WORK_COMMITTEE_HEAD}),
)
"""Roles of which a unit (or organisation) has at most one holder on any day."""

INTERIM_VILLAGE_HEAD_MAX_MONTHS = 6
"""An interim village / residential-group head serves at most 6 months.

Circular 04/2012/TT-BNV art. 12 (consolidated 08/VBHN-BNV), law.md §1(c) "term of office" and §6 row 41
(CONFIRMED); the appointment itself follows a dismissal under Decree 59/2023/NĐ-CP art. 9
(law.md §1(c) "dismissal"). Decree 185/2026 reportedly keeps ≤ 6 months (UNCERTAIN).
"""


def add_months(day: dt.date, months: int) -> dt.date:
    """``day`` plus ``months`` calendar months, clamped to the month's last day (31/8 + 6 → 28/2)."""
    month_index = day.month - 1 + months
    year = day.year + month_index // 12
    month = month_index % 12 + 1
    last = calendar.monthrange(year, month)[1]
    return dt.date(year, month, min(day.day, last))


def interim_valid_until(valid_from: dt.date) -> dt.date:
    """The latest (exclusive) end of an interim head's appointment starting ``valid_from``."""
    return add_months(valid_from, INTERIM_VILLAGE_HEAD_MAX_MONTHS)


def check_membership(
    *,
    role: str,
    unit_level: str,
    valid_from: dt.date,
    valid_until: dt.date | None,
    has_organisation: bool,
    organisation_in_unit: bool = True,
) -> RuleResult:
    """Whether a membership with these values may exist (role-unit table, dates, interim cap)."""
    if role not in ROLE_UNIT_LEVELS:
        return RuleResult.refuse("accounts.membership.unknown_role", role=role)
    if role in ORGANISATION_REQUIRED_ROLES and not has_organisation:
        return RuleResult.refuse("accounts.membership.organisation_required", role=role)
    if has_organisation and role not in ORGANISATION_ALLOWED_ROLES:
        return RuleResult.refuse("accounts.membership.organisation_not_allowed", role=role)
    if has_organisation and not organisation_in_unit:
        return RuleResult.refuse("accounts.membership.organisation_outside_unit", role=role)
    if not has_organisation and unit_level not in ROLE_UNIT_LEVELS[role]:
        return RuleResult.refuse("accounts.membership.wrong_unit_level", role=role, level=unit_level)
    if valid_until is not None and valid_until <= valid_from:
        return RuleResult.refuse("accounts.membership.dates_unordered")
    if role == Role.INTERIM_VILLAGE_HEAD and (valid_until is None or valid_until > interim_valid_until(valid_from)):
        return RuleResult.refuse("accounts.membership.interim_too_long", max_months=INTERIM_VILLAGE_HEAD_MAX_MONTHS)
    return RuleResult.ok()


def single_holder_group(role: str) -> frozenset[str]:
    """The roles that share ``role``'s one-holder slot, or an empty set if many may hold it."""
    for group in SINGLE_HOLDER_GROUPS:
        if role in group:
            return group
    return frozenset()


def periods_overlap(
    first_from: dt.date, first_until: dt.date | None, second_from: dt.date, second_until: dt.date | None
) -> bool:
    """Whether two half-open periods ``[from, until)`` share a day (``None`` = open-ended)."""
    first_ends_after = first_until is None or first_until > second_from
    second_ends_after = second_until is None or second_until > first_from
    return first_ends_after and second_ends_after


def check_membership_end(*, valid_from: dt.date, valid_until: dt.date | None, on: dt.date) -> RuleResult:
    """Whether a membership may end on ``on`` (the first day it no longer applies)."""
    if on <= valid_from:
        return RuleResult.refuse("accounts.membership.end_before_start")
    if valid_until is not None and on >= valid_until:
        return RuleResult.refuse("accounts.membership.already_ended")
    return RuleResult.ok()


# ---------------------------------------------------------------------------------------------
# Permissions: a matrix (role × action) and predicates over plain values
# ---------------------------------------------------------------------------------------------


class Action(StrEnum):
    """What a user may do in a unit; a role held in unit U grants its actions in U and every unit below."""

    VIEW_UNIT = "view_unit"
    MANAGE_HOUSEHOLDS = "manage_households"
    RESET_PASSWORD = "reset_password"  # noqa: S105 - an action name, not a password
    MANAGE_MEMBERSHIPS = "manage_memberships"
    EDIT_CALENDAR = "edit_calendar"
    """Edit the national table of holiday swaps and extra days off: superusers (the national operator) only.

    The table is national and moves every working-day deadline of every commune, so no commune or
    province role holds it: an officer who could add a day off could move all the country's deadlines."""
    READ_ROLLUPS = "read_rollups"
    SUPERVISE = "supervise"
    MANAGE_DISCLOSURES = "manage_disclosures"
    ADMINISTER = "administer"
    USE_STAFF_PAGES = "use_staff_pages"
    """Open the staff pages (/can-bo/): every staff role (``STAFF_ROLES``); residents use the portal."""
    # --- community decisions (voting, elections, initiatives) ---
    RUN_COMMUNITY_VOTES = "run_community_votes"
    """Convene and run a community's meetings, ballots and online votes ([L] art. 18(1); [ND59] arts 3–5)."""
    RUN_COMMUNE_VOTES = "run_commune_votes"
    """Decide and run a commune-wide D1/D2 vote ([L] art. 16(1))."""
    ACT_FOR_PEOPLES_COMMITTEE = "act_for_peoples_committee"
    """Recognise results, organise village-head elections, decide dismissals, re-runs ([L] art. 21(2); [ND59] 6–9)."""
    ACT_FOR_FRONT = "act_for_front"
    """Recognise board elections and organise them for the commune Front ([L] arts 21(2), 36, 41)."""
    ACT_FOR_FRONT_WORK_COMMITTEE = "act_for_front_work_committee"
    """The village Front work committee: convene a dismissal, agree to online voting, approve initiatives."""
    # --- added for units/accounts ---
    VIEW_HOUSEHOLDS = "view_households"
    """Open the staff household pages (members' birth dates, phone numbers): staff roles only."""
    # --- added for disclosures/documents/calendar ---
    READ_DISCLOSURE_COMPLIANCE = "read_disclosure_compliance"
    """Read the disclosure compliance dashboard of a commune and the province roll-up (Law art. 14(1), (3))."""
    ACKNOWLEDGE_RELAY = "acknowledge_relay"
    """Confirm that a K7–K12 item reached the households of one's community (Law art. 13(4))."""
    VIEW_DOCUMENTS = "view_documents"
    """Open the issued official documents of one's units and the template gallery (Decree 30/2020)."""
    # --- added for consultations (Nhân dân tham gia ý kiến, Law arts 25–29) ---
    MANAGE_CONSULTATIONS = "manage_consultations"
    """Prepare a commune consultation, open and close it, moderate and answer every opinion ([L] art. 28(1))."""
    COMPLETE_CONSULTATIONS = "complete_consultations"
    """Complete a consultation: the Chair signs the summary and explanation report and publishes it ([L] art. 28(3))."""
    ENTER_CONSULTATION_OPINIONS = "enter_consultation_opinions"
    """Enter opinions received at meetings, through the Front, the box, the hotline or letters ([L] art. 26)."""
    GIVE_OPINION = "give_opinion"
    """A resident gives their own opinion online on a consultation of their commune ([L] arts 26(e), 29)."""
    # --- added for conventions (hương ước, quy ước, Decree 61/2023) ---
    MANAGE_CONVENTIONS = "manage_conventions"
    """The village head, with the Front work committee, proposes and drafts the village convention, posts it for
    comment, answers the comments, links the households' vote and sends the dossier ([ND61] arts 7–11, 15).
    Recognition, suspension and abolition are ``ACT_FOR_PEOPLES_COMMITTEE``."""
    # --- added for petitions ---
    HANDLE_CASES = "handle_cases"
    """Receive, acknowledge and work the commune's feedback, petitions, complaints and denunciations ([L] art. 35;
    Law on Citizen Reception art. 28). Seeing a confidential identity is not in the matrix: only the assigned
    handler and the chair (``petitions.rules.may_see_identity``)."""
    ASSIGN_CASES = "assign_cases"
    """Route a case to its handler, reassign it with a reason, decide a denunciation's extension (the chair and
    vice chairs, who resolve for the People's Committee)."""
    # --- added for workplaces (Law Chapters III–IV) ---
    MANAGE_WORKPLACE = "manage_workplace"
    """Keep an organisation's staff register (import included), consult its staff and hold workplace dialogue
    ([L] arts 53–55, 71–74; Labour Code art. 63): the head, inside their own organisation only."""
    RUN_STAFF_CONFERENCES = "run_staff_conferences"
    """Prepare and run the staff or employee conference, record attendance and votes, issue its resolution
    ([L] arts 51, 69): the head with the union, inside their own organisation only."""
    # --- added for funds (đóng góp, quỹ cộng đồng: [L] arts 11(5), 15(1)–(2)) ---
    MANAGE_FUNDS = "manage_funds"
    """Set up a contribution campaign or community fund from a recognised D1/D2 decision, publish its K5
    statements, raise its ceiling after a new decision, close it (the village head; the commune for commune works)."""
    RECORD_FUND_ENTRIES = "record_fund_entries"
    """Record receipts, donations and proposed expenses of a fund, and correct them by reversing entries."""
    APPROVE_FUND_EXPENSES = "approve_fund_expenses"
    """Approve or refuse a proposed expense of a fund (never one's own proposal)."""
    INSPECT_FUNDS = "inspect_funds"
    """Open every entry of a fund and its evidence and raise a finding (People's Inspection Board, [L] art. 35)."""
    APPOINT_FUND_TREASURERS = "appoint_fund_treasurers"
    """Record who the community chose as a fund's treasurer (thủ quỹ) and end the appointment ([L] art. 15(2), D2):
    the village head for a village fund, the commune chair or vice chair for commune works. The appointment
    itself is not a role: it lets one person record the entries of that one fund (``funds.selectors.may_record``)."""
    # --- added for reception (tiếp công dân, hội nghị đối thoại) ---
    RUN_RECEPTION = "run_reception"
    """Set the chair's fixed reception schedule, record reception sessions and the citizens received, turn what
    they raise into cases (Law on Citizen Reception arts 15, 18; law.md §4.1)."""
    RUN_DIALOGUES = "run_dialogues"
    """Plan, announce and hold the commune–people dialogue conference, answer its questions, track its
    commitments, issue its minutes ([L] art. 32; law.md §1(e))."""

    # --- added for oversight (kiểm tra, giám sát: Law arts 36–45, 60–63, 75–81) ---
    MANAGE_BOARDS = "manage_boards"
    """Direct the oversight boards: set up a board, add members, recognise the election within 5 working days,
    record vacancies, confirm recommendations, notify the investor (the commune Front, [L] arts 36, 40, 41, 45;
    the union inside its organisation, [L] arts 60, 77)."""
    DO_BOARD_WORK = "do_board_work"
    """A board member's work: plans, inspections, findings, recommendations and their follow-up ([L] arts 38, 39)."""
    ANSWER_RECOMMENDATIONS = "answer_recommendations"
    """Answer a board's recommendation within 15 days: the commune chair and vice chairs, the head inside an
    agency or SOE ([L] arts 40(1)(c), 63(1)(c), 81(1)(d))."""
    # --- added for plans ---
    MANAGE_PLANS = "manage_plans"
    """Import, derive, issue and track the unit's grassroots-democracy plans and prepare and submit its 6-month and
    annual reports (law.md §5)."""
    REVIEW_PLAN_REPORTS = "review_plan_reports"
    """Accept or return the reports of the units below and read the compliance scorecard (law.md §5, §4.5)."""


ORGANISATION_SCOPED_ACTIONS: frozenset[Action] = frozenset(
    {
        Action.MANAGE_DISCLOSURES,
        Action.MANAGE_WORKPLACE,
        Action.RUN_STAFF_CONFERENCES,
        Action.MANAGE_BOARDS,
        Action.ANSWER_RECOMMENDATIONS,
    }
)
"""Actions an organisation role grants inside its organisation only, never over the unit it sits in.

An agency head manages their agency's internal disclosures (Law art. 46–48, 64–66) but not the
commune's (art. 11): ``allows`` ignores organisation roles for these actions; the organisation's own
pages ask ``allows_in_organisation`` with the roles held in that organisation.
"""


_COMMUNE_LEADERSHIP = frozenset(
    {
        Action.VIEW_UNIT,
        Action.MANAGE_HOUSEHOLDS,
        Action.RESET_PASSWORD,
        Action.MANAGE_MEMBERSHIPS,
        Action.READ_ROLLUPS,
        Action.MANAGE_DISCLOSURES,
        Action.READ_DISCLOSURE_COMPLIANCE,
        Action.VIEW_DOCUMENTS,
        Action.VIEW_HOUSEHOLDS,
        # Both act for the People's Committee: recognise results, organise village-head elections ([L] art. 21(2)).
        Action.ACT_FOR_PEOPLES_COMMITTEE,
        Action.MANAGE_CONSULTATIONS,
        Action.ENTER_CONSULTATION_OPINIONS,
        Action.HANDLE_CASES,
        Action.ASSIGN_CASES,
        Action.MANAGE_FUNDS,
        Action.RECORD_FUND_ENTRIES,
        Action.APPROVE_FUND_EXPENSES,
        Action.APPOINT_FUND_TREASURERS,
        Action.RUN_RECEPTION,
        Action.RUN_DIALOGUES,
        Action.ANSWER_RECOMMENDATIONS,
        Action.MANAGE_PLANS,
    }
)

PERMISSION_MATRIX: Mapping[str, frozenset[Action]] = {
    # The Chair alone decides and runs a commune-wide vote ([L] art. 16(1)) and publishes a consultation's
    # summary and explanation ([L] art. 28(3)).
    Role.COMMUNE_CHAIR: _COMMUNE_LEADERSHIP | {Action.RUN_COMMUNE_VOTES, Action.COMPLETE_CONSULTATIONS},
    Role.COMMUNE_VICE_CHAIR: _COMMUNE_LEADERSHIP,
    Role.COMMUNE_OFFICER: frozenset(
        {
            Action.VIEW_UNIT,
            Action.MANAGE_HOUSEHOLDS,
            Action.RESET_PASSWORD,
            Action.READ_ROLLUPS,
            Action.MANAGE_DISCLOSURES,
            Action.READ_DISCLOSURE_COMPLIANCE,
            Action.VIEW_DOCUMENTS,
            Action.VIEW_HOUSEHOLDS,
            Action.MANAGE_CONSULTATIONS,
            Action.ENTER_CONSULTATION_OPINIONS,
            Action.HANDLE_CASES,
            Action.MANAGE_FUNDS,
            Action.RECORD_FUND_ENTRIES,
            # The reception desk and the conference's secretariat are commune officers' work.
            Action.RUN_RECEPTION,
            Action.RUN_DIALOGUES,
            Action.MANAGE_PLANS,
        }
    ),
    # VIEW_HOUSEHOLDS goes with every staff role (``STAFF_ROLES``) and no other: a resident's or household
    # representative's VIEW_UNIT must not open the neighbours' personal data in the staff pages.
    # A village head runs the community's votes and relays K7–K12 items to its households (art. 13(4)).
    Role.VILLAGE_HEAD: frozenset(
        {
            Action.VIEW_UNIT,
            Action.VIEW_HOUSEHOLDS,
            Action.ACKNOWLEDGE_RELAY,
            Action.VIEW_DOCUMENTS,
            Action.RUN_COMMUNITY_VOTES,
            # Opinions given at the community's meeting on a commune draft ([L] art. 26(b)).
            Action.ENTER_CONSULTATION_OPINIONS,
            # The village head carries out the community's D1/D2 decision ([L] art. 23).
            Action.MANAGE_FUNDS,
            Action.RECORD_FUND_ENTRIES,
            Action.APPROVE_FUND_EXPENSES,
            Action.APPOINT_FUND_TREASURERS,
            Action.MANAGE_CONVENTIONS,
        }
    ),
    Role.INTERIM_VILLAGE_HEAD: frozenset(
        {
            Action.VIEW_UNIT,
            Action.VIEW_HOUSEHOLDS,
            Action.ACKNOWLEDGE_RELAY,
            Action.VIEW_DOCUMENTS,
            Action.RUN_COMMUNITY_VOTES,
            # Opinions given at the community's meeting on a commune draft ([L] art. 26(b)).
            Action.ENTER_CONSULTATION_OPINIONS,
            # The village head carries out the community's D1/D2 decision ([L] art. 23).
            Action.MANAGE_FUNDS,
            Action.RECORD_FUND_ENTRIES,
            Action.APPROVE_FUND_EXPENSES,
            Action.APPOINT_FUND_TREASURERS,
            Action.MANAGE_CONVENTIONS,
        }
    ),
    # The Front supervises disclosure (art. 14(3)) and recognises board elections (art. 21(2)).
    Role.FRONT_CHAIR: frozenset(
        {
            Action.VIEW_UNIT,
            Action.SUPERVISE,
            Action.READ_ROLLUPS,
            Action.READ_DISCLOSURE_COMPLIANCE,
            Action.VIEW_DOCUMENTS,
            Action.VIEW_HOUSEHOLDS,
            Action.ACT_FOR_FRONT,
            # Opinions gathered by the Front and mass organisations ([L] art. 26(đ)).
            Action.ENTER_CONSULTATION_OPINIONS,
            # The Front supervises how contributions are used ([L] art. 24; law.md §1(c)).
            Action.INSPECT_FUNDS,
            # The Front directs the commune and investment boards ([L] arts 39, 40(2), 44).
            Action.MANAGE_BOARDS,
        }
    ),
    Role.FRONT_WORK_COMMITTEE_HEAD: frozenset(
        {
            Action.VIEW_UNIT,
            Action.SUPERVISE,
            Action.VIEW_DOCUMENTS,
            Action.VIEW_HOUSEHOLDS,
            Action.ACT_FOR_FRONT_WORK_COMMITTEE,
            # Opinions gathered by the village Front work committee ([L] art. 26(đ)).
            Action.ENTER_CONSULTATION_OPINIONS,
        }
    ),
    Role.INSPECTION_BOARD_MEMBER: frozenset(
        {Action.VIEW_UNIT, Action.SUPERVISE, Action.VIEW_HOUSEHOLDS, Action.INSPECT_FUNDS, Action.DO_BOARD_WORK}
    ),
    # Voting online and backing an initiative for one's household follow the household register (who is its
    # representative, frozen on a vote's roll), not a role: those pages check the person, not this matrix.
    Role.HOUSEHOLD_REPRESENTATIVE: frozenset({Action.VIEW_UNIT, Action.GIVE_OPINION}),
    Role.RESIDENT: frozenset({Action.VIEW_UNIT, Action.GIVE_OPINION}),
    Role.AGENCY_HEAD: frozenset(
        {
            Action.VIEW_UNIT,
            Action.READ_ROLLUPS,
            Action.MANAGE_DISCLOSURES,
            Action.VIEW_DOCUMENTS,
            Action.VIEW_HOUSEHOLDS,
            Action.MANAGE_WORKPLACE,
            Action.RUN_STAFF_CONFERENCES,
            # Inside the organisation only (``ORGANISATION_SCOPED_ACTIONS``).
            Action.ANSWER_RECOMMENDATIONS,
        }
    ),
    # The union chairs the conference with the head ([L] arts 51(1), 69(1)) and directs the agency or SOE
    # board inside its organisation ([L] arts 60, 63(2)(e), 77).
    Role.UNION_CHAIR: frozenset(
        {
            Action.VIEW_UNIT,
            Action.SUPERVISE,
            Action.VIEW_DOCUMENTS,
            Action.VIEW_HOUSEHOLDS,
            Action.RUN_STAFF_CONFERENCES,
            Action.MANAGE_BOARDS,
        }
    ),
    Role.STAFF_MEMBER: frozenset({Action.VIEW_UNIT}),
    Role.PROVINCIAL_OFFICER: frozenset(
        {
            Action.VIEW_UNIT,
            Action.MANAGE_PLANS,
            Action.REVIEW_PLAN_REPORTS,
            Action.READ_ROLLUPS,
            Action.READ_DISCLOSURE_COMPLIANCE,
            Action.VIEW_DOCUMENTS,
            Action.VIEW_HOUSEHOLDS,
            # Only for a board's recommendation sent on to the province after 15 days unanswered
            # (``oversight.selectors.may_answer`` limits it to the level the recommendation sits at).
            Action.ANSWER_RECOMMENDATIONS,
        }
    ),
}
"""Role × action: what each role may do in its unit and below. ``ADMINISTER`` is for superusers only."""

STAFF_ROLES: frozenset[str] = frozenset(
    {
        Role.COMMUNE_CHAIR,
        Role.COMMUNE_VICE_CHAIR,
        Role.COMMUNE_OFFICER,
        Role.VILLAGE_HEAD,
        Role.INTERIM_VILLAGE_HEAD,
        Role.FRONT_CHAIR,
        Role.FRONT_WORK_COMMITTEE_HEAD,
        Role.INSPECTION_BOARD_MEMBER,
        Role.AGENCY_HEAD,
        Role.UNION_CHAIR,
        Role.PROVINCIAL_OFFICER,
    }
)
"""Roles that open the staff pages (``/can-bo/``); residents and plain staff members use the portal."""

# Every staff role opens the staff pages: one action instead of a list of roles written in each view.
PERMISSION_MATRIX = {
    role: actions | {Action.USE_STAFF_PAGES} if role in STAFF_ROLES else actions
    for role, actions in PERMISSION_MATRIX.items()
}

RolesByUnit = Mapping[int, Iterable[str]]
"""Role codes a user holds today, per unit id (from ``selectors.roles_by_unit``)."""


def roles_applying(roles_by_unit: RolesByUnit, target_path: Sequence[int]) -> set[str]:
    """The roles that reach a unit: those held at the unit itself or at any of its ancestors.

    ``target_path`` is the unit's ancestor ids plus its own id (any order).
    """
    applying: set[str] = set()
    for unit_id in target_path:
        applying.update(roles_by_unit.get(unit_id, ()))
    return applying


def allows(
    action: Action | str, *, roles_by_unit: RolesByUnit, target_path: Sequence[int], is_superuser: bool = False
) -> bool:
    """Whether ``roles_by_unit`` let someone do ``action`` on the unit at the end of ``target_path``."""
    if is_superuser:
        return True
    applying = roles_applying(roles_by_unit, target_path)
    if action in ORGANISATION_SCOPED_ACTIONS:
        applying -= ORGANISATION_REQUIRED_ROLES
    return any(action in PERMISSION_MATRIX.get(role, ()) for role in applying)


def allows_in_organisation(action: Action | str, *, roles: Iterable[str], is_superuser: bool = False) -> bool:
    """Whether ``roles`` held in one organisation grant ``action`` inside that organisation."""
    if is_superuser:
        return True
    return any(action in PERMISSION_MATRIX.get(role, ()) for role in roles)


def allows_anywhere(action: Action | str, *, roles: Iterable[str], is_superuser: bool = False) -> bool:
    """Whether any of ``roles`` grants ``action`` somewhere (for unit-less actions, e.g. the national calendar)."""
    if is_superuser:
        return True
    return any(action in PERMISSION_MATRIX.get(role, ()) for role in roles)


def can_view_unit(*, roles_by_unit: RolesByUnit, target_path: Sequence[int], is_superuser: bool = False) -> bool:
    return allows(Action.VIEW_UNIT, roles_by_unit=roles_by_unit, target_path=target_path, is_superuser=is_superuser)


def can_manage_households(
    *, roles_by_unit: RolesByUnit, target_path: Sequence[int], is_superuser: bool = False
) -> bool:
    return allows(
        Action.MANAGE_HOUSEHOLDS, roles_by_unit=roles_by_unit, target_path=target_path, is_superuser=is_superuser
    )


def can_manage_memberships(
    *, roles_by_unit: RolesByUnit, target_path: Sequence[int], is_superuser: bool = False
) -> bool:
    return allows(
        Action.MANAGE_MEMBERSHIPS, roles_by_unit=roles_by_unit, target_path=target_path, is_superuser=is_superuser
    )


def can_edit_calendar(*, roles_by_unit: RolesByUnit, target_path: Sequence[int], is_superuser: bool = False) -> bool:
    return allows(Action.EDIT_CALENDAR, roles_by_unit=roles_by_unit, target_path=target_path, is_superuser=is_superuser)


def can_read_rollups(*, roles_by_unit: RolesByUnit, target_path: Sequence[int], is_superuser: bool = False) -> bool:
    return allows(Action.READ_ROLLUPS, roles_by_unit=roles_by_unit, target_path=target_path, is_superuser=is_superuser)


def can_supervise(*, roles_by_unit: RolesByUnit, target_path: Sequence[int], is_superuser: bool = False) -> bool:
    return allows(Action.SUPERVISE, roles_by_unit=roles_by_unit, target_path=target_path, is_superuser=is_superuser)


def can_administer(*, is_superuser: bool) -> bool:
    """Django admin and anything not in the matrix: superusers only."""
    return is_superuser


def can_reset_password(
    *,
    roles_by_unit: RolesByUnit,
    target_paths: Iterable[Sequence[int]],
    target_is_privileged: bool,
    is_self: bool,
    is_superuser: bool = False,
) -> RuleResult:
    """Whether a staff member may reset another user's password.

    ``target_paths`` are the unit paths of every unit the target belongs to (their active roles and
    their household's community). The actor must hold ``RESET_PASSWORD`` over **every** one of them,
    so a commune officer cannot take over an account that also acts in another commune or province.
    Superuser and staff-flagged accounts are reset only by a superuser; nobody resets their own
    password this way (they change it, knowing the old one).
    """
    paths = list(target_paths)
    if is_self:
        return RuleResult.refuse("accounts.password.reset_self")
    if is_superuser:
        return RuleResult.ok()
    if target_is_privileged:
        return RuleResult.refuse("accounts.password.reset_privileged")
    if not paths:
        return RuleResult.refuse("accounts.password.reset_no_unit")
    for path in paths:
        if not allows(Action.RESET_PASSWORD, roles_by_unit=roles_by_unit, target_path=path):
            return RuleResult.refuse("accounts.password.reset_outside_scope")
    return RuleResult.ok()
