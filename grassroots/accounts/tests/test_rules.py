"""Pure rules: no database."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

import pytest

from grassroots.accounts import rules
from grassroots.accounts.models import Role
from grassroots.accounts.rules import Action

UTC = dt.UTC
T0 = dt.datetime(2026, 11, 22, 8, 0, tzinfo=UTC)
LOCKOUT = dt.timedelta(minutes=15)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("0912345678", "0912345678"),
        ("0912 345 678", "0912345678"),
        ("0912.345.678", "0912345678"),
        ("0912-345-678", "0912345678"),
        ("+84912345678", "0912345678"),
        ("+84 912 345 678", "0912345678"),
        ("84912345678", "0912345678"),
        ("0084912345678", "0912345678"),
        ("+84 0912 345 678", "0912345678"),
        ("(024) 3825 1234", "02438251234"),
        ("+842438251234", "02438251234"),
        ("  0387654321 ", "0387654321"),
    ],
)
def test_normalise_phone_accepts_vietnamese_formats(raw: str, expected: str) -> None:
    assert rules.normalise_phone(raw) == expected


@pytest.mark.parametrize(
    "raw",
    [None, "", "nguyenvana", "12345", "091234567", "091234567890", "+1 202 555 0101", "0012345678", "abc0912345678"],
)
def test_normalise_phone_refuses_what_is_not_a_number(raw: str | None) -> None:
    assert rules.normalise_phone(raw) is None


def test_failures_below_the_limit_do_not_lock() -> None:
    state = rules.ThrottleState()
    for attempt in range(4):
        state = rules.throttle_after_failure(
            state, now=T0 + dt.timedelta(seconds=attempt), max_failures=5, lockout=LOCKOUT
        )
    assert state.failure_count == 4
    assert not rules.is_locked(state, T0 + dt.timedelta(seconds=5))


def test_the_nth_failure_locks_until_lockout_expires() -> None:
    before = rules.ThrottleState(failure_count=4, last_failure_at=T0)
    after = rules.throttle_after_failure(before, now=T0, max_failures=5, lockout=LOCKOUT)
    assert after.locked_until == T0 + LOCKOUT
    assert rules.lock_started(before, after, T0)
    assert rules.is_locked(after, T0 + LOCKOUT - dt.timedelta(seconds=1))
    assert not rules.is_locked(after, T0 + LOCKOUT)


def test_failure_while_locked_neither_counts_nor_extends() -> None:
    locked = rules.ThrottleState(failure_count=5, last_failure_at=T0, locked_until=T0 + LOCKOUT)
    again = rules.throttle_after_failure(locked, now=T0 + dt.timedelta(minutes=1), max_failures=5, lockout=LOCKOUT)
    assert again == locked
    assert not rules.lock_started(locked, again, T0 + dt.timedelta(minutes=1))


def test_after_expiry_counting_starts_again() -> None:
    expired = rules.ThrottleState(failure_count=5, last_failure_at=T0, locked_until=T0 + LOCKOUT)
    later = T0 + LOCKOUT + dt.timedelta(minutes=1)
    after = rules.throttle_after_failure(expired, now=later, max_failures=5, lockout=LOCKOUT)
    assert after.failure_count == 1
    assert after.locked_until is None


def test_generated_password_is_readable_and_not_numeric() -> None:
    password = rules.generate_temporary_password(random.Random(7))
    groups = password.split("-")
    assert [len(group) for group in groups] == [4, 4, 4]
    assert set(password.replace("-", "")) <= set(rules.TEMPORARY_PASSWORD_ALPHABET)
    assert any(character.isalpha() for character in password)


# --- role × unit level -------------------------------------------------------------------------

ROLE_LEVEL_CASES = [
    (Role.COMMUNE_CHAIR, "commune", True),
    (Role.COMMUNE_CHAIR, "community", False),
    (Role.COMMUNE_VICE_CHAIR, "commune", True),
    (Role.COMMUNE_OFFICER, "commune", True),
    (Role.COMMUNE_OFFICER, "province", False),
    (Role.FRONT_CHAIR, "commune", True),
    (Role.VILLAGE_HEAD, "community", True),
    (Role.VILLAGE_HEAD, "commune", False),
    (Role.FRONT_WORK_COMMITTEE_HEAD, "community", True),
    (Role.INSPECTION_BOARD_MEMBER, "commune", True),
    (Role.INSPECTION_BOARD_MEMBER, "community", False),
    (Role.HOUSEHOLD_REPRESENTATIVE, "community", True),
    (Role.HOUSEHOLD_REPRESENTATIVE, "commune", False),
    (Role.RESIDENT, "community", True),
    (Role.PROVINCIAL_OFFICER, "province", True),
    (Role.PROVINCIAL_OFFICER, "commune", False),
]


@pytest.mark.parametrize(("role", "level", "allowed"), ROLE_LEVEL_CASES)
def test_role_unit_level_table(role: str, level: str, allowed: bool) -> None:
    result = rules.check_membership(
        role=role, unit_level=level, valid_from=dt.date(2026, 1, 1), valid_until=None, has_organisation=False
    )
    assert result.allowed is allowed
    if not allowed:
        assert result.code == "accounts.membership.wrong_unit_level"


def test_every_role_has_a_level_and_a_matrix_row() -> None:
    assert set(rules.ROLE_UNIT_LEVELS) == set(Role.values)
    assert set(rules.PERMISSION_MATRIX) == set(Role.values)


@pytest.mark.parametrize("role", [Role.AGENCY_HEAD, Role.UNION_CHAIR, Role.STAFF_MEMBER])
def test_organisation_roles_need_an_organisation_in_the_unit(role: str) -> None:
    base: dict[str, Any] = {
        "role": role,
        "unit_level": "commune",
        "valid_from": dt.date(2026, 1, 1),
        "valid_until": None,
    }
    assert rules.check_membership(**base, has_organisation=False).code == "accounts.membership.organisation_required"
    assert rules.check_membership(**base, has_organisation=True).allowed
    outside = rules.check_membership(**base, has_organisation=True, organisation_in_unit=False)
    assert outside.code == "accounts.membership.organisation_outside_unit"


def test_inspection_board_may_sit_in_an_organisation_at_any_level() -> None:
    result = rules.check_membership(
        role=Role.INSPECTION_BOARD_MEMBER,
        unit_level="province",
        valid_from=dt.date(2026, 1, 1),
        valid_until=None,
        has_organisation=True,
    )
    assert result.allowed


def test_village_roles_cannot_name_an_organisation() -> None:
    result = rules.check_membership(
        role=Role.VILLAGE_HEAD,
        unit_level="community",
        valid_from=dt.date(2026, 1, 1),
        valid_until=None,
        has_organisation=True,
    )
    assert result.code == "accounts.membership.organisation_not_allowed"


def test_dates_must_be_ordered() -> None:
    day = dt.date(2026, 1, 1)
    result = rules.check_membership(
        role=Role.RESIDENT, unit_level="community", valid_from=day, valid_until=day, has_organisation=False
    )
    assert result.code == "accounts.membership.dates_unordered"


@pytest.mark.parametrize(
    ("valid_from", "valid_until", "allowed"),
    [
        (dt.date(2026, 1, 10), dt.date(2026, 7, 10), True),  # exactly 6 months
        (dt.date(2026, 1, 10), dt.date(2026, 7, 11), False),  # one day more
        (dt.date(2026, 1, 10), dt.date(2026, 3, 1), True),
        (dt.date(2026, 8, 31), dt.date(2027, 2, 28), True),  # clamped to the end of February
        (dt.date(2026, 8, 31), dt.date(2027, 3, 1), False),
        (dt.date(2026, 1, 10), None, False),  # an interim appointment always has an end
    ],
)
def test_interim_village_head_at_most_six_months(
    valid_from: dt.date, valid_until: dt.date | None, allowed: bool
) -> None:
    result = rules.check_membership(
        role=Role.INTERIM_VILLAGE_HEAD,
        unit_level="community",
        valid_from=valid_from,
        valid_until=valid_until,
        has_organisation=False,
    )
    assert result.allowed is allowed
    if not allowed:
        assert result.code == "accounts.membership.interim_too_long"
    assert rules.INTERIM_VILLAGE_HEAD_MAX_MONTHS == 6


def test_add_months_crosses_the_year() -> None:
    assert rules.add_months(dt.date(2026, 11, 30), 6) == dt.date(2027, 5, 30)
    assert rules.interim_valid_until(dt.date(2026, 12, 31)) == dt.date(2027, 6, 30)


@pytest.mark.parametrize(
    ("first", "second", "overlap"),
    [
        ((dt.date(2026, 1, 1), dt.date(2026, 2, 1)), (dt.date(2026, 2, 1), None), False),  # end is exclusive
        ((dt.date(2026, 1, 1), None), (dt.date(2030, 1, 1), None), True),
        ((dt.date(2026, 1, 1), dt.date(2026, 3, 1)), (dt.date(2025, 1, 1), dt.date(2026, 1, 2)), True),
        ((dt.date(2026, 1, 1), dt.date(2026, 3, 1)), (dt.date(2025, 1, 1), dt.date(2026, 1, 1)), False),
    ],
)
def test_periods_overlap(
    first: tuple[dt.date, dt.date | None], second: tuple[dt.date, dt.date | None], overlap: bool
) -> None:
    assert rules.periods_overlap(*first, *second) is overlap


def test_single_holder_groups() -> None:
    assert rules.single_holder_group(Role.INTERIM_VILLAGE_HEAD) == {Role.VILLAGE_HEAD, Role.INTERIM_VILLAGE_HEAD}
    assert rules.single_holder_group(Role.COMMUNE_OFFICER) == frozenset()


def test_membership_end_rules() -> None:
    start = dt.date(2026, 1, 1)
    assert rules.check_membership_end(valid_from=start, valid_until=None, on=dt.date(2026, 5, 1)).allowed
    assert (
        rules.check_membership_end(valid_from=start, valid_until=None, on=start).code
        == "accounts.membership.end_before_start"
    )
    ended = rules.check_membership_end(valid_from=start, valid_until=dt.date(2026, 3, 1), on=dt.date(2026, 4, 1))
    assert ended.code == "accounts.membership.already_ended"


# --- the permission matrix ---------------------------------------------------------------------

PROVINCE_ID, COMMUNE_ID, COMMUNITY_ID, OTHER_COMMUNE_ID = 1, 10, 100, 20
COMMUNITY_PATH = [PROVINCE_ID, COMMUNE_ID, COMMUNITY_ID]
COMMUNE_PATH = [PROVINCE_ID, COMMUNE_ID]
OTHER_PATH = [PROVINCE_ID, OTHER_COMMUNE_ID]
HOME_UNIT = {
    "province": PROVINCE_ID,
    "commune": COMMUNE_ID,
    "community": COMMUNITY_ID,
}

STAFF = {"use_staff_pages", "view_households"}
"""What every staff role has: the staff pages, and the household pages of its units."""
COMMUNE_LEADERSHIP = {
    "view_unit",
    "manage_households",
    "reset_password",
    "manage_memberships",
    "read_rollups",
    "manage_disclosures",
    "read_disclosure_compliance",
    "view_documents",
    "act_for_peoples_committee",
    "manage_consultations",
    "enter_consultation_opinions",
    "handle_cases",
    "assign_cases",
    "manage_funds",
    "record_fund_entries",
    "approve_fund_expenses",
    "appoint_fund_treasurers",
    "run_reception",
    "run_dialogues",
    "manage_plans",
    *STAFF,
}

EXPECTED: dict[str, set[str]] = {
    Role.COMMUNE_CHAIR: {*COMMUNE_LEADERSHIP, "run_commune_votes", "complete_consultations", "answer_recommendations"},
    Role.COMMUNE_VICE_CHAIR: {*COMMUNE_LEADERSHIP, "answer_recommendations"},
    Role.COMMUNE_OFFICER: {
        "view_unit",
        "manage_households",
        "reset_password",
        "read_rollups",
        "manage_disclosures",
        "read_disclosure_compliance",
        "view_documents",
        "manage_consultations",
        "enter_consultation_opinions",
        "handle_cases",
        "manage_funds",
        "record_fund_entries",
        "run_reception",
        "run_dialogues",
        "manage_plans",
        *STAFF,
    },
    Role.VILLAGE_HEAD: {
        "view_unit",
        "acknowledge_relay",
        "view_documents",
        "run_community_votes",
        "enter_consultation_opinions",
        "manage_funds",
        "record_fund_entries",
        "approve_fund_expenses",
        "appoint_fund_treasurers",
        "manage_conventions",
        *STAFF,
    },
    Role.INTERIM_VILLAGE_HEAD: {
        "view_unit",
        "acknowledge_relay",
        "view_documents",
        "run_community_votes",
        "enter_consultation_opinions",
        "manage_funds",
        "record_fund_entries",
        "approve_fund_expenses",
        "appoint_fund_treasurers",
        "manage_conventions",
        *STAFF,
    },
    Role.FRONT_CHAIR: {
        "view_unit",
        "supervise",
        "read_rollups",
        "read_disclosure_compliance",
        "view_documents",
        "act_for_front",
        "enter_consultation_opinions",
        "inspect_funds",
        "manage_boards",
        *STAFF,
    },
    Role.FRONT_WORK_COMMITTEE_HEAD: {
        "view_unit",
        "supervise",
        "view_documents",
        "act_for_front_work_committee",
        "enter_consultation_opinions",
        *STAFF,
    },
    Role.INSPECTION_BOARD_MEMBER: {"view_unit", "supervise", "inspect_funds", "do_board_work", *STAFF},
    Role.HOUSEHOLD_REPRESENTATIVE: {"view_unit", "give_opinion"},
    Role.RESIDENT: {"view_unit", "give_opinion"},
    # MANAGE_DISCLOSURES is in the agency head's row but scoped to their organisation (see below).
    Role.AGENCY_HEAD: {"view_unit", "read_rollups", "view_documents", *STAFF},
    Role.UNION_CHAIR: {"view_unit", "supervise", "view_documents", *STAFF},
    Role.STAFF_MEMBER: {"view_unit"},
    Role.PROVINCIAL_OFFICER: {
        "view_unit",
        "manage_plans",
        "review_plan_reports",
        "read_rollups",
        "read_disclosure_compliance",
        "view_documents",
        # Limited by ``oversight.selectors.may_answer`` to recommendations sent on to the province.
        "answer_recommendations",
        *STAFF,
    },
}

MATRIX_CASES = [(role, action) for role in Role.values for action in Action]


def _home(role: str) -> int:
    level = sorted(rules.ROLE_UNIT_LEVELS[role])[0] if role not in rules.ORGANISATION_REQUIRED_ROLES else "commune"
    return HOME_UNIT.get(level, PROVINCE_ID)


@pytest.mark.parametrize(("role", "action"), MATRIX_CASES)
def test_permission_matrix_in_own_unit(role: str, action: Action) -> None:
    roles = {_home(role): {role}}  # every home unit lies on the path down to Thôn 1
    assert rules.allows(action, roles_by_unit=roles, target_path=COMMUNITY_PATH) is (action in EXPECTED[role])


@pytest.mark.parametrize("role", [r for r in Role.values if r != Role.PROVINCIAL_OFFICER])
@pytest.mark.parametrize("action", list(Action))
def test_nothing_is_allowed_in_another_commune(role: str, action: Action) -> None:
    roles = {_home(role): {role}}
    assert rules.allows(action, roles_by_unit=roles, target_path=OTHER_PATH) is False


def test_a_role_reaches_down_not_up() -> None:
    officer = {COMMUNE_ID: {Role.COMMUNE_OFFICER}}
    head = {COMMUNITY_ID: {Role.VILLAGE_HEAD}}
    assert rules.can_manage_households(roles_by_unit=officer, target_path=COMMUNITY_PATH)
    assert rules.can_view_unit(roles_by_unit=head, target_path=COMMUNITY_PATH)
    assert not rules.can_view_unit(roles_by_unit=head, target_path=COMMUNE_PATH)


def test_provincial_officer_reads_rollups_everywhere_in_the_province() -> None:
    roles = {PROVINCE_ID: {Role.PROVINCIAL_OFFICER}}
    for path in (COMMUNE_PATH, COMMUNITY_PATH, OTHER_PATH):
        assert rules.can_read_rollups(roles_by_unit=roles, target_path=path)
        assert not rules.can_manage_households(roles_by_unit=roles, target_path=path)


@pytest.mark.parametrize("action", list(Action))
def test_superuser_can_do_everything(action: Action) -> None:
    assert rules.allows(action, roles_by_unit={}, target_path=OTHER_PATH, is_superuser=True)


def test_administer_is_for_superusers_only() -> None:
    assert rules.can_administer(is_superuser=True)
    assert not rules.can_administer(is_superuser=False)
    for role in Role.values:
        assert Action.ADMINISTER not in rules.PERMISSION_MATRIX[role]


def test_unit_less_actions() -> None:
    # The national calendar moves every commune's deadlines: no commune or province role edits it.
    for role in Role.values:
        assert not rules.allows_anywhere(Action.EDIT_CALENDAR, roles={role}), role
    assert not rules.can_edit_calendar(roles_by_unit={COMMUNE_ID: {Role.COMMUNE_CHAIR}}, target_path=COMMUNE_PATH)
    assert rules.can_edit_calendar(roles_by_unit={}, target_path=COMMUNE_PATH, is_superuser=True)
    assert rules.can_supervise(roles_by_unit={COMMUNE_ID: {Role.INSPECTION_BOARD_MEMBER}}, target_path=COMMUNITY_PATH)
    assert rules.can_manage_memberships(roles_by_unit={COMMUNE_ID: {Role.COMMUNE_CHAIR}}, target_path=COMMUNITY_PATH)
    assert not rules.can_manage_memberships(
        roles_by_unit={COMMUNE_ID: {Role.COMMUNE_OFFICER}}, target_path=COMMUNITY_PATH
    )


@pytest.mark.parametrize(
    ("kwargs", "code"),
    [
        ({"target_paths": [COMMUNITY_PATH]}, "ok"),
        ({"target_paths": [COMMUNITY_PATH, COMMUNE_PATH]}, "ok"),
        ({"target_paths": [COMMUNITY_PATH, OTHER_PATH]}, "accounts.password.reset_outside_scope"),
        ({"target_paths": [OTHER_PATH]}, "accounts.password.reset_outside_scope"),
        ({"target_paths": []}, "accounts.password.reset_no_unit"),
        ({"target_paths": [COMMUNITY_PATH], "target_is_privileged": True}, "accounts.password.reset_privileged"),
        ({"target_paths": [COMMUNITY_PATH], "is_self": True}, "accounts.password.reset_self"),
    ],
)
def test_can_reset_password(kwargs: dict[str, Any], code: str) -> None:
    values = {"target_is_privileged": False, "is_self": False, **kwargs}
    result = rules.can_reset_password(roles_by_unit={COMMUNE_ID: {Role.COMMUNE_OFFICER}}, **values)
    assert result.code == code


def test_village_head_cannot_reset_passwords_in_their_village() -> None:
    result = rules.can_reset_password(
        roles_by_unit={COMMUNITY_ID: {Role.VILLAGE_HEAD}},
        target_paths=[COMMUNITY_PATH],
        target_is_privileged=False,
        is_self=False,
    )
    assert result.code == "accounts.password.reset_outside_scope"


@pytest.mark.parametrize(
    ("address", "counted"),
    [
        ("203.0.113.9", True),
        ("2001:db8::1", True),
        ("127.0.0.1", False),
        ("::1", False),
        ("", False),
        (None, False),
        ("x", False),
    ],
)
def test_loopback_addresses_are_not_throttled(address: str | None, counted: bool) -> None:
    assert rules.is_throttled_address(address) is counted


def test_manage_disclosures_commune_leadership_and_agency_head_in_their_organisation() -> None:
    for role in (Role.COMMUNE_CHAIR, Role.COMMUNE_VICE_CHAIR, Role.COMMUNE_OFFICER):
        assert rules.allows(Action.MANAGE_DISCLOSURES, roles_by_unit={COMMUNE_ID: {role}}, target_path=COMMUNE_PATH)
        assert not rules.allows(Action.MANAGE_DISCLOSURES, roles_by_unit={COMMUNE_ID: {role}}, target_path=OTHER_PATH)
    for role in (Role.VILLAGE_HEAD, Role.FRONT_CHAIR, Role.PROVINCIAL_OFFICER, Role.STAFF_MEMBER):
        assert not rules.allows(Action.MANAGE_DISCLOSURES, roles_by_unit={COMMUNE_ID: {role}}, target_path=COMMUNE_PATH)
    # An agency head sitting in the commune does not manage the commune's own disclosures (art. 11) ...
    head = {COMMUNE_ID: {Role.AGENCY_HEAD}}
    assert Action.MANAGE_DISCLOSURES in rules.ORGANISATION_SCOPED_ACTIONS
    # An agency's union directs its own board, and its head answers its board, never the commune's.
    assert {Action.MANAGE_BOARDS, Action.ANSWER_RECOMMENDATIONS} <= rules.ORGANISATION_SCOPED_ACTIONS
    assert not rules.allows(Action.MANAGE_DISCLOSURES, roles_by_unit=head, target_path=COMMUNE_PATH)
    # ... only their organisation's (art. 46, 64): the roles held in that organisation decide.
    assert rules.allows_in_organisation(Action.MANAGE_DISCLOSURES, roles={Role.AGENCY_HEAD})
    assert not rules.allows_in_organisation(Action.MANAGE_DISCLOSURES, roles={Role.STAFF_MEMBER, Role.UNION_CHAIR})
    assert rules.allows_in_organisation(Action.MANAGE_DISCLOSURES, roles=set(), is_superuser=True)


def test_workplace_actions_are_held_inside_the_organisation_only() -> None:
    """MANAGE_WORKPLACE and RUN_STAFF_CONFERENCES (Law arts 51, 53, 69) never reach the commune the organisation
    sits in: they are absent from every role's EXPECTED row above and granted by ``allows_in_organisation``."""
    for action in (Action.MANAGE_WORKPLACE, Action.RUN_STAFF_CONFERENCES):
        assert action in rules.ORGANISATION_SCOPED_ACTIONS
        for role in (Role.AGENCY_HEAD, Role.UNION_CHAIR, Role.COMMUNE_CHAIR, Role.COMMUNE_OFFICER):
            assert not rules.allows(action, roles_by_unit={COMMUNE_ID: {role}}, target_path=COMMUNE_PATH)
        assert not rules.allows_in_organisation(action, roles={Role.STAFF_MEMBER})
    assert rules.allows_in_organisation(Action.MANAGE_WORKPLACE, roles={Role.AGENCY_HEAD})
    assert not rules.allows_in_organisation(Action.MANAGE_WORKPLACE, roles={Role.UNION_CHAIR})
    assert rules.allows_in_organisation(Action.RUN_STAFF_CONFERENCES, roles={Role.AGENCY_HEAD})
    assert rules.allows_in_organisation(Action.RUN_STAFF_CONFERENCES, roles={Role.UNION_CHAIR})


@pytest.mark.parametrize(
    ("parts", "expected"),
    [
        (("Đặng Thị Hai", "H1-02"), "dang-thi-hai-h1-02"),
        (("Nguyễn Văn Đức",), "nguyen-van-duc"),
        (("  ", "Thôn 1"), "thon-1"),
        (("",), ""),
    ],
)
def test_username_slug_folds_vietnamese(parts: Any, expected: Any) -> None:
    assert rules.username_slug(*parts) == expected


def test_household_pages_are_for_staff_roles_only() -> None:
    """``VIEW_HOUSEHOLDS`` is granted to exactly the staff roles: never to a resident's role."""
    granted = {role for role, actions in rules.PERMISSION_MATRIX.items() if Action.VIEW_HOUSEHOLDS in actions}
    assert granted == set(rules.STAFF_ROLES)
    assert Role.RESIDENT not in granted and Role.HOUSEHOLD_REPRESENTATIVE not in granted
