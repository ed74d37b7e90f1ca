from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from grassroots.units import rules
from grassroots.units.rules import RawRow

D = dt.date(2026, 3, 10)


@pytest.mark.parametrize(
    ("active_from", "active_until", "expected"),
    [
        (D, None, True),  # became resident that very day: counts
        (D + dt.timedelta(days=1), None, False),  # not yet
        (dt.date(2020, 1, 1), D, False),  # left that day: no longer counts
        (dt.date(2020, 1, 1), D + dt.timedelta(days=1), True),  # leaves tomorrow: still counts
        (dt.date(2020, 1, 1), D - dt.timedelta(days=1), False),  # left yesterday
    ],
)
def test_household_interval_rule(active_from: dt.date, active_until: dt.date | None, expected: Any) -> None:
    assert rules.household_is_active_on(active_from, active_until, D) is expected


@pytest.mark.parametrize(
    ("current", "target", "allowed"),
    [
        ("active", "moved", True),
        ("active", "dissolved", True),
        ("active", "active", False),
        ("moved", "active", False),
        ("moved", "dissolved", False),
        ("dissolved", "moved", False),
    ],
)
def test_household_transitions(current: str, target: str, allowed: bool) -> None:
    assert bool(rules.check_household_transition(current, target)) is allowed


@pytest.mark.parametrize(
    ("birth", "day", "age"),
    [
        (dt.date(2008, 11, 22), dt.date(2026, 11, 22), 18),
        (dt.date(2008, 11, 23), dt.date(2026, 11, 22), 17),
        (dt.date(2008, 2, 29), dt.date(2026, 2, 28), 17),
        (dt.date(2008, 2, 29), dt.date(2026, 3, 1), 18),
    ],
)
def test_age_on(birth: dt.date, day: dt.date, age: int) -> None:
    assert rules.age_on(birth, day) == age


def test_representative_rule_codes() -> None:
    kwargs: dict[str, Any] = {"household_id": 1, "on": dt.date(2026, 11, 22)}
    assert rules.check_representative(member_household_id=2, birth_date=dt.date(1980, 1, 1), **kwargs).code == (
        "units.representative.not_member"
    )
    assert rules.check_representative(member_household_id=1, birth_date=None, **kwargs).code == (
        "units.representative.birth_date_unknown"
    )
    assert rules.check_representative(member_household_id=1, birth_date=dt.date(2008, 11, 23), **kwargs).code == (
        "units.representative.minor"
    )
    assert rules.check_representative(member_household_id=1, birth_date=dt.date(2008, 11, 22), **kwargs).allowed


def test_representative_age_constant() -> None:
    assert rules.REPRESENTATIVE_MIN_AGE == 18


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("15/03/1970", dt.date(1970, 3, 15)),
        ("5/3/1970", dt.date(1970, 3, 5)),
        ("05-03-1970", dt.date(1970, 3, 5)),
        ("1970-03-05", dt.date(1970, 3, 5)),
        ("1970-03-05 00:00:00", dt.date(1970, 3, 5)),
        (dt.datetime(1970, 3, 5, 0, 0), dt.date(1970, 3, 5)),
        (dt.date(1970, 3, 5), dt.date(1970, 3, 5)),
        (25632, dt.date(1970, 3, 5)),  # an Excel serial number
        ("", None),
        (None, None),
    ],
)
def test_parse_date(value: Any, expected: Any) -> None:
    assert rules.parse_date(value) == expected


@pytest.mark.parametrize("value", ["31/02/1990", "15/13/1990", "hôm qua", "1990", "12/1990", 1990])
def test_parse_date_refuses(value: Any) -> None:
    with pytest.raises(ValueError):
        rules.parse_date(value)


@pytest.mark.parametrize(
    ("value", "expected"),
    [("Nam", "male"), ("NỮ", "female"), ("nu", "female"), (" Nữ ", "female"), ("Khác", "other"), ("", "")],
)
def test_parse_gender(value: Any, expected: Any) -> None:
    assert rules.parse_gender(value) == expected


def test_parse_gender_refuses() -> None:
    with pytest.raises(ValueError):
        rules.parse_gender("không rõ")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("0912345678", "0912345678"),
        ("0912 345 678", "0912345678"),
        ("+84 912.345.678", "0912345678"),
        ("84912345678", "0912345678"),
        (912345678, "0912345678"),
        ("02363123456", "02363123456"),
        ("", ""),
        (None, ""),
    ],
)
def test_parse_phone(value: Any, expected: Any) -> None:
    assert rules.parse_phone(value) == expected


@pytest.mark.parametrize("value", ["12345", "09123456789012", "0912abc678", "1900 1234"])
def test_parse_phone_refuses(value: Any) -> None:
    with pytest.raises(ValueError):
        rules.parse_phone(value)


def test_fold_and_slug() -> None:
    assert rules.fold_text("  Đặc   Khu  Côn Đảo ") == "dac khu con dao"
    assert rules.vietnamese_slug("Phường Đống Đa") == "phuong-dong-da"


def test_header_matching_is_tolerant() -> None:
    headers = ["  MÃ HỘ ", "thon / to dan pho", "Họ  và tên", "Ngày sinh:", "SĐT", "Đại diện hộ", "Ghi chú"]
    mapping, missing = rules.map_headers(headers)
    assert missing == []
    assert mapping == {
        0: "household_code",
        1: "community",
        2: "full_name",
        3: "birth_date",
        4: "phone",
        5: "representative",
    }


def test_header_missing_required() -> None:
    _mapping, missing = rules.map_headers(["Họ và tên", "Ngày sinh"])
    assert missing == ["household_code", "community"]


def _row(number: int, **values: Any) -> RawRow:
    base = {
        "household_code": "H1",
        "community": "Thôn 1",
        "full_name": "Nguyễn Văn A",
        "birth_date": "01/01/1980",
        "representative": "x",
    }
    base.update(values)
    return RawRow(number=number, values=base)


COMMUNITIES = {"thon 1": 11, "01": 11, "thon 2": 12}
TODAY = dt.date(2026, 11, 22)


def test_validate_import_plans_households() -> None:
    rows = [
        _row(2),
        _row(3, full_name="Trần Thị B", representative="", gender="Nữ"),
        _row(4, household_code="H2", community="thôn 2", full_name="Lê C", relationship="Chủ hộ", representative=""),
    ]
    plans, errors = rules.validate_import(rows, communities=COMMUNITIES, existing_codes=[], today=TODAY)
    assert errors == []
    assert [(plan.code, plan.community_id, len(plan.members)) for plan in plans] == [("H1", 11, 2), ("H2", 12, 1)]
    assert plans[0].active_from == TODAY
    assert [member.is_representative for member in plans[0].members] == [True, False]


def test_validate_import_lists_every_bad_row() -> None:
    rows = [
        _row(2, community="Thôn 9"),  # unknown community
        _row(3, household_code="H2", birth_date="31/02/1980"),  # bad date
        _row(4, household_code="H3", birth_date="01/01/2030"),  # future birth date
        _row(5, household_code="H4", phone="12345"),  # bad phone
        _row(6, household_code="H5", full_name=""),  # missing name
        _row(7, household_code="H6"),
        _row(8, household_code="H6"),  # duplicate person and second representative
        _row(9, household_code="H7", representative=""),  # no representative
        _row(10, household_code="OLD"),  # already in the commune
        _row(11, household_code="H8", birth_date="01/01/2015"),  # minor representative
        _row(12, household_code="H9", gender="?"),
    ]
    _plans, errors = rules.validate_import(rows, communities=COMMUNITIES, existing_codes=["old"], today=TODAY)
    assert [(error.row, error.column) for error in errors] == [
        (2, "community"),
        (3, "birth_date"),
        (4, "birth_date"),
        (5, "phone"),
        (6, "full_name"),
        (8, "full_name"),
        (9, "representative"),
        (10, "household_code"),
        (11, "representative"),
        (12, "gender"),
    ]
    assert all(error.message for error in errors)


def test_validate_import_two_representatives_and_household_in_two_communities() -> None:
    rows = [_row(2), _row(3, full_name="Trần B"), _row(4, full_name="Lê C", community="Thôn 2", representative="")]
    _plans, errors = rules.validate_import(rows, communities=COMMUNITIES, existing_codes=[], today=TODAY)
    assert [(error.row, error.column) for error in errors] == [(3, "representative"), (4, "community")]


def test_validate_import_empty_file() -> None:
    _plans, errors = rules.validate_import([], communities=COMMUNITIES, existing_codes=[], today=TODAY)
    assert len(errors) == 1


def test_validate_import_representative_needs_birth_date_and_earliest_arrival_wins() -> None:
    rows = [
        _row(2, birth_date="", active_from="01/02/2020"),
        _row(3, household_code="H2", active_from="01/02/2020"),
        _row(4, household_code="H2", full_name="B", representative="", active_from="01/01/2019"),
    ]
    plans, errors = rules.validate_import(rows, communities=COMMUNITIES, existing_codes=[], today=TODAY)
    assert [(error.row, error.column) for error in errors] == [(2, "birth_date")]
    assert [plan.active_from for plan in plans if plan.code == "H2"] == [dt.date(2019, 1, 1)]


@pytest.mark.parametrize(
    ("parts", "code", "stored"),
    [
        (["5", "6"], "ok", "5,6"),
        ([6, 5, 6], "ok", "5,6"),
        ([], "ok", ""),
        (["0", "1", "2", "3", "4", "5"], "ok", "0,1,2,3,4,5"),
        (["0", "1", "2", "3", "4", "5", "6"], "units.organisation.no_working_day", None),
        (["7"], "units.organisation.bad_rest_days", None),
        (["-1"], "units.organisation.bad_rest_days", None),
        (["x"], "units.organisation.bad_rest_days", None),
    ],
)
def test_rest_days_rule(parts: Any, code: str, stored: str | None) -> None:
    result = rules.check_rest_days(parts)
    assert (result.code, result.params.get("stored")) == (code, stored)
