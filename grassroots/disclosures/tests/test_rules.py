"""Rule tests, no database: the real 2025–2027 public calendar (Tết 2026, New Year 2026 swap)."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from enum import StrEnum
from typing import Any

import pytest

from grassroots.calendar.rules import WorkingCalendar
from grassroots.calendar.tests.conftest import pure_calendar
from grassroots.disclosures import catalogue, rules, selectors
from grassroots.disclosures.models import (
    Channel,
    Disclosure,
    InformationRequest,
    InformationRequestStatus,
    Regime,
    Status,
)
from grassroots.disclosures.rules import Action, ChannelWindow, Finding, ItemFacts

D = dt.date


@pytest.fixture(scope="module")
def cal() -> Any:
    return pure_calendar()


def rule(code: str) -> rules.CategoryRule:
    return catalogue.spec_rule(catalogue.BY_CODE[code])


# --- The catalogue ------------------------------------------------------------------------------


def test_catalogue_has_14_commune_12_agency_8_soe_7_employer_items() -> None:
    regimes = [spec.regime for spec in catalogue.CATALOGUE]
    assert regimes.count(Regime.COMMUNE) == 14
    assert regimes.count(Regime.AGENCY) == 12
    assert regimes.count(Regime.SOE) == 8
    assert regimes.count(Regime.EMPLOYER) == 7
    assert len(catalogue.BY_CODE) == 41


def test_a_list_without_deadline_has_no_due_date() -> None:
    """Decree 145/2020 art. 43 sets no general deadline: no due date, whatever the decision date."""
    rule = catalogue.spec_rule(catalogue.BY_CODE["E1"])
    assert rules.category_deadline(rule, dt.date(2026, 3, 2), pure_calendar()) is None


def test_soe_deadline_setting_cannot_be_none() -> None:
    with pytest.raises(ValueError):
        rules.check_deadline_mode("none")


@pytest.mark.parametrize("number", range(1, 15))
def test_commune_category_duties(number: Any) -> None:
    spec = catalogue.BY_CODE[f"K{number}"]
    assert spec.deadline_mode == "working" and spec.deadline_days == 5
    assert spec.is_permanent is (number in (4, 13))
    assert spec.requires_broadcast is (7 <= number <= 12)
    assert spec.requires_relay is (7 <= number <= 12)
    posting = number in (1, 2, 3, 5, 6, 7, 8, 9, 10, 11, 12)
    assert spec.min_posting_days == (30 if posting else None)
    assert spec.requires_community_boards is posting
    assert f"khoản {number}" in spec.legal_basis


@pytest.mark.parametrize("code", [f"A{n}" for n in range(1, 13)] + [f"S{n}" for n in range(1, 9)])
def test_agency_and_soe_categories_post_20_days(code: Any) -> None:
    spec = catalogue.BY_CODE[code]
    assert spec.min_posting_days == 20
    assert not spec.is_permanent and not spec.requires_broadcast and not spec.requires_relay
    if code.startswith("A"):
        assert (spec.deadline_mode, spec.deadline_days) == ("working", 5)
    else:
        assert (spec.deadline_mode, spec.deadline_days) == ("calendar", 15)


# --- Deadlines ----------------------------------------------------------------------------------

DEADLINES = [
    # Tết Bính Ngọ: officials rest Sat 14/02 – Sun 22/02/2026. Fri 13/02 + 5 wd = Mon 23 … Fri 27/02.
    ("commune", D(2026, 2, 13), D(2026, 2, 27)),
    ("commune", D(2026, 2, 12), D(2026, 2, 26)),  # Fri 13 (1), Mon 23 – Thu 26 (2–5)
    ("commune", D(2026, 2, 17), D(2026, 2, 27)),  # decided on mùng 1: counting starts after it
    ("agency", D(2026, 2, 13), D(2026, 2, 27)),
    # New Year 2026: Fri 02/01 rest, Sat 10/01 worked. Wed 31/12/2025 + 5 = Fri 09/01.
    ("commune", D(2025, 12, 31), D(2026, 1, 9)),
    # Mon 05/01 + 5 = Tue 6, Wed 7, Thu 8, Fri 9, Sat 10 (make-up working day).
    ("commune", D(2026, 1, 5), D(2026, 1, 10)),
    ("agency", D(2026, 1, 5), D(2026, 1, 10)),
    # SOE: 15 calendar days; a last day on a rest day moves to the next working day (Civil Code 148).
    ("soe", D(2026, 2, 5), D(2026, 2, 23)),  # 20/02 is Tết → Mon 23/02
    ("soe", D(2026, 1, 1), D(2026, 1, 16)),
    ("soe", D(2025, 12, 26), D(2026, 1, 10)),  # 10/01 is a make-up Saturday: a working day
    ("soe", D(2026, 11, 7), D(2026, 11, 23)),  # Sun 22/11 → Mon 23/11
]


@pytest.mark.parametrize(("regime", "decided", "due"), DEADLINES)
def test_default_deadline(cal: WorkingCalendar, regime: Any, decided: Any, due: Any) -> None:
    assert rules.default_deadline(regime, decided, cal) == due


def test_category_deadline_follows_the_row(cal: WorkingCalendar) -> None:
    assert rules.category_deadline(rule("K2"), D(2026, 2, 13), cal) == D(2026, 2, 27)
    sector = rules.CategoryRule(code="K3", regime="commune", deadline_mode="calendar", deadline_days=10)
    assert rules.category_deadline(sector, D(2026, 2, 6), cal) == D(2026, 2, 23)


def test_soe_working_day_mode_is_a_setting(cal: WorkingCalendar, settings: Any) -> None:
    settings.GRASSROOTS_DISCLOSURE_SOE_DEADLINE_MODE = "working"
    # 15 working days after Fri 13/02/2026: Feb 23–27 (5), Mar 2–6 (10), Mar 9–13 (15).
    mode = selectors.soe_deadline_mode()  # the selector reads the setting; the rule takes it as a value
    assert rules.default_deadline("soe", D(2026, 2, 13), cal, soe_mode=mode) == D(2026, 3, 13)


def test_bad_soe_mode_setting_is_refused(settings: Any) -> None:
    settings.GRASSROOTS_DISCLOSURE_SOE_DEADLINE_MODE = "weeks"
    with pytest.raises(ValueError):
        selectors.soe_deadline_mode()


@pytest.mark.parametrize(("mode", "due"), [("calendar", D(2026, 3, 2)), ("working", D(2026, 3, 13))])
def test_soe_mode_is_a_parameter_of_the_rule(cal: WorkingCalendar, mode: Any, due: Any) -> None:
    # 15 days after Fri 13/02/2026 is Sun 01/03 → Mon 02/03; 15 working days end Fri 13/03.
    assert rules.default_deadline("soe", D(2026, 2, 13), cal, soe_mode=mode) == due


def test_an_unknown_soe_mode_is_refused_by_the_rule(cal: WorkingCalendar) -> None:
    with pytest.raises(ValueError):
        rules.default_deadline("soe", D(2026, 2, 13), cal, soe_mode="weeks")


# --- Posting periods and the transition table ----------------------------------------------------


@pytest.mark.parametrize(
    ("code", "started", "may_end"),
    [
        ("K2", D(2026, 3, 1), D(2026, 3, 31)),  # 30 days: 01/03 … 30/03 up, down from 31/03
        ("K7", D(2026, 2, 14), D(2026, 3, 16)),
        ("A2", D(2026, 3, 1), D(2026, 3, 21)),  # 20 days
        ("S1", D(2026, 3, 1), D(2026, 3, 21)),
        ("K4", D(2026, 3, 1), None),  # permanent
        ("K13", D(2026, 3, 1), None),
        ("K14", D(2026, 3, 1), None),  # no statutory posting period
    ],
)
def test_posting_may_end_on(code: Any, started: Any, may_end: Any) -> None:
    assert rules.posting_may_end_on(started, rule(code)) == may_end


ALL_ACTIONS = list(Action)
ALL_STATUSES = list(Status)


@pytest.mark.parametrize("status", ALL_STATUSES)
@pytest.mark.parametrize("action", ALL_ACTIONS)
def test_transition_table(status: Any, action: Any) -> None:
    expected = {
        (Status.DRAFT, Action.PUBLISH): Status.PUBLISHED,
        (Status.PUBLISHED, Action.AMEND): Status.AMENDED,
        (Status.REPUBLISHED, Action.AMEND): Status.AMENDED,
        (Status.AMENDED, Action.REPUBLISH): Status.REPUBLISHED,
        (Status.PUBLISHED, Action.END): Status.ENDED,
        (Status.REPUBLISHED, Action.END): Status.ENDED,
        (Status.PUBLISHED, Action.WITHDRAW): Status.WITHDRAWN,
        (Status.REPUBLISHED, Action.WITHDRAW): Status.WITHDRAWN,
        (Status.AMENDED, Action.WITHDRAW): Status.WITHDRAWN,
    }.get((status, action))
    result = rules.check_transition(status, action)
    assert result.allowed is (expected is not None)
    if expected is None:
        assert result.code == "disclosures.transition_not_allowed"
    else:
        assert result.params["target"] == expected


@pytest.mark.parametrize("action", [Action.WITHDRAW, Action.END])
@pytest.mark.parametrize(
    ("code", "today", "allowed"),
    [
        ("K2", D(2026, 3, 30), False),  # day 30 still running
        ("K2", D(2026, 3, 31), True),
        ("A5", D(2026, 3, 20), False),
        ("A5", D(2026, 3, 21), True),
    ],
)
def test_take_down_before_minimum_is_refused(action: Any, code: Any, today: Any, allowed: Any) -> None:
    result = rules.check_take_down(
        status=Status.PUBLISHED, action=action, rule=rule(code), posted_since=D(2026, 3, 1), today=today
    )
    assert result.allowed is allowed
    if not allowed:
        assert result.code == "disclosures.minimum_posting_not_reached"
        assert result.params["may_end_on"] == (D(2026, 3, 31) if code == "K2" else D(2026, 3, 21))


def test_permanent_item_cannot_end_but_may_be_withdrawn() -> None:
    common: dict[str, Any] = {
        "status": Status.PUBLISHED,
        "rule": rule("K4"),
        "posted_since": D(2026, 3, 1),
        "today": D(2026, 3, 2),
    }
    assert rules.check_take_down(action=Action.END, **common).code == "disclosures.permanent_cannot_end"
    assert rules.check_take_down(action=Action.WITHDRAW, **common).allowed


def test_draft_cannot_be_withdrawn() -> None:
    result = rules.check_take_down(
        status=Status.DRAFT, action=Action.WITHDRAW, rule=rule("K2"), posted_since=None, today=D(2026, 3, 1)
    )
    assert result.code == "disclosures.transition_not_allowed"


@pytest.mark.parametrize(
    ("published", "code"),
    [(D(2026, 3, 3), "disclosures.published_in_future"), (D(2026, 2, 27), "disclosures.published_before_decision")],
)
def test_publish_date_refusals(published: Any, code: Any) -> None:
    result = rules.check_publish_date(published_on=published, decided_on=D(2026, 2, 28), today=D(2026, 3, 2))
    assert result.code == code


def test_channels_per_regime() -> None:
    assert rules.check_channel_for_regime("commune", Channel.LOUDSPEAKER).allowed
    assert not rules.check_channel_for_regime("agency", Channel.LOUDSPEAKER).allowed
    assert rules.check_channel_for_regime("soe", Channel.WRITTEN_NOTICE_ALL_STAFF).allowed


# --- Compliance ---------------------------------------------------------------------------------

VILLAGES = frozenset({11, 12})
DUE = D(2026, 2, 27)  # K-items decided Fri 13/02/2026


FIRST_POSTED = D(2026, 2, 24)


def facts(
    code: str, *, published_on: Any = FIRST_POSTED, status: Any = Status.PUBLISHED, windows: Any = (), **extra: Any
) -> ItemFacts:
    return ItemFacts(
        rule=rule(code),
        status=status,
        due_on=DUE,
        published_on=published_on,
        windows=tuple(windows),
        community_ids=VILLAGES,
        **extra,
    )


def full_posting(start: Any = FIRST_POSTED, end: Any = None) -> Any:
    return [
        ChannelWindow(Channel.HEADQUARTERS_BOARD, start, end),
        ChannelWindow(Channel.PORTAL, start, end),
        ChannelWindow(Channel.COMMUNITY_BOARD, start, end, 11),
        ChannelWindow(Channel.COMMUNITY_BOARD, start, end, 12),
    ]


@pytest.mark.parametrize(
    ("published_on", "today", "expected"),
    [
        (D(2026, 2, 27), D(2026, 3, 10), Finding.ON_TIME),  # on the last day
        (D(2026, 3, 2), D(2026, 3, 10), Finding.LATE),
        (None, D(2026, 2, 27), Finding.PENDING),
        (None, D(2026, 3, 2), Finding.MISSING),
    ],
)
def test_timeliness(published_on: Any, today: Any, expected: Any) -> None:
    status = Status.DRAFT if published_on is None else Status.PUBLISHED
    result = rules.evaluate(facts("K2", published_on=published_on, status=status, windows=full_posting()), today=today)
    assert result.timeliness == expected
    assert result.findings == {expected}


def test_k2_fully_posted_is_clean() -> None:
    result = rules.evaluate(facts("K2", windows=full_posting()), today=D(2026, 3, 10))
    assert result.findings == {Finding.ON_TIME}


def test_community_board_missing_in_one_village() -> None:
    windows = [w for w in full_posting() if w.community_id != 12]
    result = rules.evaluate(facts("K2", windows=windows), today=D(2026, 3, 10))
    assert Finding.CHANNEL_MISSING in result.findings
    assert result.communities_without_posting == {12}
    assert result.missing_channels == (Channel.COMMUNITY_BOARD,)


def test_portal_required_only_when_the_commune_has_one() -> None:
    windows = [w for w in full_posting() if w.channel != Channel.PORTAL]
    assert rules.evaluate(facts("K2", windows=windows), today=D(2026, 3, 10)).missing_channels == (Channel.PORTAL,)
    assert rules.evaluate(facts("K2", windows=windows, has_portal=False), today=D(2026, 3, 10)).findings == {
        Finding.ON_TIME
    }


def test_channel_duties_wait_for_the_deadline() -> None:
    result = rules.evaluate(facts("K2", windows=[]), today=DUE)
    assert result.findings == {Finding.ON_TIME}


@pytest.mark.parametrize(("days", "short"), [(29, True), (30, False), (31, False)])
def test_posting_too_short_at_30_days(days: Any, short: Any) -> None:
    start = D(2026, 2, 24)
    windows = full_posting(start, start + dt.timedelta(days=days))
    result = rules.evaluate(facts("K2", windows=windows, status=Status.ENDED), today=D(2026, 4, 30))
    assert (Finding.POSTING_TOO_SHORT in result.findings) is short


@pytest.mark.parametrize(("days", "short"), [(19, True), (20, False)])
def test_agency_posting_20_days_unless_written_notice(days: Any, short: Any) -> None:
    start = D(2026, 2, 24)
    windows = [ChannelWindow(Channel.PORTAL, start, start + dt.timedelta(days=days))]
    result = rules.evaluate(facts("A3", windows=windows, status=Status.ENDED), today=D(2026, 4, 30))
    assert (Finding.POSTING_TOO_SHORT in result.findings) is short
    waived = [*windows, ChannelWindow(Channel.WRITTEN_NOTICE_ALL_STAFF, start, start + dt.timedelta(days=1))]
    assert (
        Finding.POSTING_TOO_SHORT
        not in rules.evaluate(facts("A3", windows=waived, status=Status.ENDED), today=D(2026, 4, 30)).findings
    )


def test_permanent_item_taken_down_while_current_is_too_short() -> None:
    windows = [ChannelWindow(Channel.HEADQUARTERS_BOARD, D(2026, 2, 24), D(2026, 6, 1))]
    result = rules.evaluate(facts("K4", windows=windows, has_portal=False), today=D(2026, 7, 1))
    assert Finding.POSTING_TOO_SHORT in result.findings
    still_up = [ChannelWindow(Channel.HEADQUARTERS_BOARD, D(2026, 2, 24))]
    assert rules.evaluate(facts("K4", windows=still_up, has_portal=False), today=D(2027, 7, 1)).findings == {
        Finding.ON_TIME
    }


def loudspeaker(*spans: Any) -> Any:
    return [ChannelWindow(Channel.LOUDSPEAKER, start, end) for start, end in spans]


@pytest.mark.parametrize(
    ("spans", "missing", "days"),
    [
        ([(D(2026, 2, 24), D(2026, 2, 27))], False, 3),  # 24, 25, 26
        ([(D(2026, 2, 24), D(2026, 2, 26))], True, 2),
        ([(D(2026, 2, 24), D(2026, 2, 25)), (D(2026, 2, 25), D(2026, 2, 27))], False, 3),  # back to back
        ([(D(2026, 2, 24), D(2026, 2, 25)), (D(2026, 2, 26), D(2026, 2, 28))], True, 2),  # a gap on 25/02
        ([], True, 0),
    ],
)
def test_broadcast_three_consecutive_days(spans: Any, missing: Any, days: Any) -> None:
    ack = {"relay_acknowledged_ids": VILLAGES}
    result = rules.evaluate(
        facts("K7", windows=full_posting() + loudspeaker(*spans), has_loudspeaker=True, **ack), today=D(2026, 3, 10)
    )
    assert (Finding.BROADCAST_MISSING in result.findings) is missing
    assert result.broadcast_days == days


def test_broadcast_not_required_without_loudspeaker_or_for_k2() -> None:
    ack = {"relay_acknowledged_ids": VILLAGES}
    assert rules.evaluate(facts("K7", windows=full_posting(), **ack), today=D(2026, 3, 10)).findings == {
        Finding.ON_TIME
    }
    assert rules.evaluate(facts("K2", windows=full_posting(), has_loudspeaker=True), today=D(2026, 3, 10)).findings == {
        Finding.ON_TIME
    }


def test_broadcast_still_running_is_not_missing_yet() -> None:
    windows = full_posting() + loudspeaker((D(2026, 3, 9), None))
    result = rules.evaluate(
        facts("K8", windows=windows, has_loudspeaker=True, relay_acknowledged_ids=VILLAGES), today=D(2026, 3, 10)
    )
    assert Finding.BROADCAST_MISSING not in result.findings


def test_relay_unacknowledged_after_deadline() -> None:
    result = rules.evaluate(facts("K9", windows=full_posting(), relay_acknowledged_ids={11}), today=D(2026, 3, 2))
    assert Finding.RELAY_UNACKNOWLEDGED in result.findings
    assert result.communities_unacknowledged == {12}
    before_due = rules.evaluate(facts("K9", windows=full_posting(), relay_acknowledged_ids={11}), today=DUE)
    assert Finding.RELAY_UNACKNOWLEDGED not in before_due.findings
    assert (
        Finding.RELAY_UNACKNOWLEDGED
        not in rules.evaluate(facts("K2", windows=full_posting()), today=D(2026, 3, 2)).findings
    )


def test_on_time_share() -> None:
    assert rules.on_time_share({"on_time": 3, "late": 1, "pending": 5}) == 0.75
    assert rules.on_time_share({"pending": 2}) is None


# --- Information requests -----------------------------------------------------------------------


def test_information_request_clock_across_tet(cal: WorkingCalendar) -> None:
    # Received Fri 13/02/2026: Feb 23–27 (5), Mar 2–6 (10) → due Fri 06/03; extension → Fri 20/03.
    due = rules.information_request_due(D(2026, 2, 13), cal)
    assert due == D(2026, 3, 6)
    assert rules.information_request_extended_due(due, cal) == D(2026, 3, 20)


@pytest.mark.parametrize(
    ("kwargs", "code"),
    [
        ({}, "ok"),
        ({"extensions_used": 1}, "disclosures.request_already_extended"),
        ({"reason": "  "}, "disclosures.request_extension_reason_required"),
        ({"today": D(2026, 3, 7)}, "disclosures.request_extension_too_late"),
        ({"status": "answered"}, "disclosures.request_already_answered"),
    ],
)
def test_information_request_extension(kwargs: Any, code: Any) -> None:
    values: dict[str, Any] = {
        "status": "received",
        "extensions_used": 0,
        "reason": "Cần tổng hợp số liệu",
        "due_on": D(2026, 3, 6),
    }
    values["today"] = D(2026, 3, 6)
    values.update(kwargs)
    assert rules.check_information_request_extension(**values).code == code


def test_information_request_overdue() -> None:
    assert rules.information_request_is_overdue(status="received", current_due_on=D(2026, 3, 6), today=D(2026, 3, 7))
    assert not rules.information_request_is_overdue(
        status="answered", current_due_on=D(2026, 3, 6), today=D(2026, 4, 1)
    )


# --- Uploads ------------------------------------------------------------------------------------


def docx_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


PDF = b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 20


@pytest.mark.parametrize(
    ("name", "content", "code"),
    [
        ("du-toan.pdf", PDF, "ok"),
        ("DU-TOAN.PDF", PDF, "ok"),
        ("bang.docx", docx_bytes(), "ok"),
        ("anh.png", PNG, "ok"),
        ("anh.jpg", b"\xff\xd8\xff\xe0" + b"\x00" * 10, "ok"),
        ("du-toan.docx", PDF, "disclosures.upload_content_mismatch"),
        ("virus.pdf", b"MZ\x90\x00", "disclosures.upload_content_mismatch"),
        ("virus.exe", b"MZ\x90\x00", "disclosures.upload_type_not_allowed"),
        ("khong-duoi", PDF, "disclosures.upload_type_not_allowed"),
        ("rong.pdf", b"", "disclosures.upload_empty"),
        ("gia.docx", b"PK\x03\x04garbage", "disclosures.upload_content_mismatch"),
        ("to.pdf", PDF + b"0" * rules.ATTACHMENT_MAX_BYTES, "disclosures.upload_too_large"),
    ],
)
def test_check_upload(name: Any, content: Any, code: Any) -> None:
    assert rules.check_upload(name=name, content=content).code == code


def test_evidence_accepts_photos_not_docx() -> None:
    assert rules.check_upload(name="anh.png", content=PNG, allowed_kinds=rules.EVIDENCE_KINDS).allowed
    result = rules.check_upload(name="bang.docx", content=docx_bytes(), allowed_kinds=rules.EVIDENCE_KINDS)
    assert result.code == "disclosures.upload_type_not_allowed"


# --- Search folding and quarters ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Công khai ngân sách", "cong khai ngan sach"),
        ("Đường giao thông ĐÔNG", "duong giao thong dong"),
        ("Dự toán 2026/NQ-HĐND", "du toan 2026 nq hdnd"),
        ("  Quyết   định  ", "quyet dinh"),
    ],
)
def test_fold(text: Any, folded: Any) -> None:
    assert rules.fold(text) == folded


def test_fts5_match_quotes_terms_and_prefixes_the_last() -> None:
    assert rules.fts5_match('cong khai "ngan sa') == '"cong" "khai" "ngan" "sa"*'
    assert rules.fts5_match("  ?? ") == ""


@pytest.mark.parametrize(
    ("year", "quarter", "first", "last"),
    [(2026, 1, D(2026, 1, 1), D(2026, 3, 31)), (2026, 4, D(2026, 10, 1), D(2026, 12, 31))],
)
def test_quarter_bounds(year: Any, quarter: Any, first: Any, last: Any) -> None:
    assert rules.quarter_bounds(year, quarter) == (first, last)
    assert rules.quarter_of(last) == quarter


def test_permissions() -> None:
    path = [1, 2]  # province 1, commune 2
    assert rules.can_read_compliance(roles_by_unit={1: {"provincial_officer"}}, target_path=path, is_superuser=False)
    assert rules.can_acknowledge_relay(roles_by_unit={5: {"village_head"}}, community_id=5, is_superuser=False)
    assert not rules.can_acknowledge_relay(roles_by_unit={6: {"village_head"}}, community_id=5, is_superuser=False)


# --- Transition tables of information requests, postings and relay tasks ------------------------------

REQUEST_PAIRS = [(status, action) for status in InformationRequestStatus for action in rules.RequestAction]


@pytest.mark.parametrize(("status", "action"), REQUEST_PAIRS)
def test_information_request_transition_table(status: str, action: str) -> None:
    table: dict[tuple[str, str], str] = {
        (InformationRequestStatus.RECEIVED, rules.RequestAction.EXTEND): InformationRequestStatus.EXTENDED,
        (InformationRequestStatus.RECEIVED, rules.RequestAction.ANSWER): InformationRequestStatus.ANSWERED,
        (InformationRequestStatus.EXTENDED, rules.RequestAction.ANSWER): InformationRequestStatus.ANSWERED,
    }
    expected = table.get((status, action))
    assert rules.REQUEST_TRANSITIONS.get((status, action)) == expected
    result = rules.check_request_transition(status, action)
    assert result.allowed is (expected is not None)
    if expected is None:
        assert result.code in {"disclosures.request_already_answered", "disclosures.request_already_extended"}
    else:
        assert result.params["target"] == expected


def test_information_request_refusal_codes_name_the_state() -> None:
    answered, extended = InformationRequestStatus.ANSWERED, InformationRequestStatus.EXTENDED
    assert rules.check_request_transition(answered, rules.RequestAction.ANSWER).code == (
        "disclosures.request_already_answered"
    )
    assert rules.check_request_transition(extended, rules.RequestAction.EXTEND).code == (
        "disclosures.request_already_extended"
    )


@pytest.mark.parametrize(
    ("status", "is_open", "can_answer"),
    [("received", True, True), ("extended", True, True), ("answered", False, False)],
)
def test_information_request_model_asks_the_table(status: str, is_open: bool, can_answer: bool) -> None:
    request = InformationRequest(status=status, due_on=D(2026, 3, 6), received_on=D(2026, 2, 13))
    assert (request.is_open, request.can_answer, request.is_answered) == (is_open, can_answer, not is_open)


LIFECYCLES: list[tuple[Any, type[StrEnum], type[StrEnum], tuple[str, str], str]] = [
    (
        rules.check_posting_transition,
        rules.PostingState,
        rules.PostingAction,
        (rules.PostingState.UP, rules.PostingAction.TAKE_DOWN),
        "disclosures.publication_already_ended",
    ),
    (
        rules.check_relay_transition,
        rules.RelayState,
        rules.RelayAction,
        (rules.RelayState.OPEN, rules.RelayAction.ACKNOWLEDGE),
        "disclosures.relay_already_acknowledged",
    ),
]
LIFECYCLE_CASES = [
    (check, allowed_pair, refusal, (str(state), str(action)))
    for check, states, actions, allowed_pair, refusal in LIFECYCLES
    for state in states
    for action in actions
]


@pytest.mark.parametrize(("check", "allowed_pair", "refusal", "pair"), LIFECYCLE_CASES)
def test_posting_and_relay_transition_tables(
    check: Any, allowed_pair: tuple[str, str], refusal: str, pair: tuple[str, str]
) -> None:
    result = check(*pair)
    assert result.allowed is (pair == allowed_pair)
    assert result.code == ("ok" if pair == allowed_pair else refusal)


def test_posting_and_relay_states_are_read_from_their_dates() -> None:
    assert rules.posting_state(None) == rules.PostingState.UP
    assert rules.posting_state(D(2026, 3, 1)) == rules.PostingState.TAKEN_DOWN
    assert rules.relay_state(None) == rules.RelayState.OPEN
    assert rules.relay_state(dt.datetime(2026, 3, 1, tzinfo=dt.UTC)) == rules.RelayState.ACKNOWLEDGED
    assert rules.POSTING_TRANSITIONS == {
        (rules.PostingState.UP, rules.PostingAction.TAKE_DOWN): rules.PostingState.TAKEN_DOWN
    }
    assert rules.RELAY_TRANSITIONS == {
        (rules.RelayState.OPEN, rules.RelayAction.ACKNOWLEDGE): rules.RelayState.ACKNOWLEDGED
    }


@pytest.mark.parametrize("status", list(Status))
def test_disclosure_model_asks_the_table(status: str) -> None:
    item = Disclosure(status=status)
    asked = {
        Action.PUBLISH: item.can_publish,
        Action.REPUBLISH: item.can_republish,
        Action.AMEND: item.can_amend,
        Action.END: item.can_end,
        Action.WITHDRAW: item.can_withdraw,
    }
    assert asked == {action: (status, action) in rules.TRANSITIONS for action in Action}
    assert item.is_unpublished is (status in (Status.DRAFT, Status.AMENDED))
    assert item.accepts_channel_records is (status in (Status.PUBLISHED, Status.REPUBLISHED, Status.ENDED))
