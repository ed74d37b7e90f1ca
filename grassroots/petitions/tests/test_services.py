"""Service tests: intake from every channel, the steps of each kind, refusals change nothing, every change audited."""

from __future__ import annotations

import datetime as dt
import decimal
from collections.abc import Callable

import pytest

from grassroots.accounts.models import User
from grassroots.core.errors import DomainError
from grassroots.core.models import AuditEvent
from grassroots.petitions import selectors, services
from grassroots.petitions.models import Case, CaseAttachment, CaseStatus
from grassroots.petitions.tests.conftest import JPEG, NOW, PNG, enter_denunciation, file_online
from grassroots.units.models import AdministrativeUnit

pytestmark = pytest.mark.django_db
LATER = NOW + dt.timedelta(days=20)


def _events(case: Case) -> list[str]:
    return list(
        AuditEvent.objects.filter(object_type="petitions.case", object_id=str(case.pk))
        .order_by("sequence")
        .values_list("code", flat=True)
    )


def test_resident_files_feedback_online_with_photos_and_an_address(resident: User, commune: AdministrativeUnit) -> None:
    case = file_online(
        resident,
        commune,
        photos=[("o-ga.jpg", JPEG), ("o-ga-2.png", PNG)],
        location_address="Trước nhà văn hóa Thôn 1",
        latitude=decimal.Decimal("16.047079"),
        longitude=decimal.Decimal("108.206230"),
        is_public=True,
    )
    assert case.status == CaseStatus.RECEIVED
    assert case.received_on == dt.date(2027, 2, 3)
    assert sorted(CaseAttachment.objects.filter(case=case).values_list("content_type", flat=True)) == [
        "image/jpeg",
        "image/png",
    ]
    assert _events(case) == ["petitions.case.received"]
    assert selectors.case_clocks(case)["acknowledge_by"] == dt.date(2027, 2, 24)


@pytest.mark.parametrize(
    ("photos", "code"),
    [
        ([("x.jpg", b"%PDF-1.4 not a photo")], "petitions.photo.bad_type"),
        ([("x.jpg", JPEG + b"\x00" * (5 * 1024 * 1024))], "petitions.photo.too_large"),
        ([(f"{n}.jpg", JPEG) for n in range(6)], "petitions.photo.too_many"),
    ],
)
def test_photos_are_checked_by_content_and_size(
    resident: User, commune: AdministrativeUnit, photos: list[tuple[str, bytes]], code: str
) -> None:
    with pytest.raises(DomainError) as raised:
        file_online(resident, commune, photos=photos)
    assert raised.value.code == code
    assert not Case.objects.exists()


def test_never_map_only(resident: User, commune: AdministrativeUnit) -> None:
    with pytest.raises(DomainError) as raised:
        file_online(resident, commune, latitude=decimal.Decimal("16.0"), longitude=decimal.Decimal("108.2"))
    assert raised.value.code == "petitions.case.map_needs_address"


def test_online_only_by_the_citizen_themself(
    commune_officer: User, resident: User, commune: AdministrativeUnit
) -> None:
    with pytest.raises(DomainError) as raised:
        file_online(resident, commune, actor=commune_officer)
    assert raised.value.code == "petitions.case.online_is_the_citizen"


def test_a_resident_cannot_enter_an_in_person_case(resident: User, commune: AdministrativeUnit) -> None:
    with pytest.raises(DomainError) as raised:
        enter_denunciation(resident, commune)
    assert raised.value.code == "petitions.case.not_authorised"


def test_officer_of_another_commune_cannot_enter_a_case_here(
    other_commune_officer: User, commune: AdministrativeUnit
) -> None:
    with pytest.raises(DomainError):
        enter_denunciation(other_commune_officer, commune)


@pytest.mark.parametrize(
    "channel", ["in_person", "phone", "letter", "hotline", "reception", "inspection_board", "front"]
)
def test_officer_enters_every_channel(commune_officer: User, commune: AdministrativeUnit, channel: str) -> None:
    case = enter_denunciation(commune_officer, commune, kind="complaint", channel=channel)
    assert case.channel == channel
    assert not case.is_confidential


def test_public_only_for_feedback_and_petitions(commune_officer: User, commune: AdministrativeUnit) -> None:
    with pytest.raises(DomainError) as raised:
        enter_denunciation(commune_officer, commune, is_public=True)
    assert raised.value.code == "petitions.case.public_only_feedback"


def test_feedback_from_received_to_closed_with_rating_and_reopening(
    resident: User, commune_officer: User, commune_chair: User, commune: AdministrativeUnit
) -> None:
    case = file_online(resident, commune)
    case = services.case_acknowledge(case=case, outcome="accepted", actor=commune_officer, now=NOW)
    assert case.accepted_on == dt.date(2027, 2, 3)
    case = services.case_assign(case=case, handler=commune_officer, actor=commune_chair, now=NOW)
    case = services.case_start(case=case, actor=commune_officer, now=NOW)
    case = services.case_answer(case=case, answer="Đã vá ổ gà.", actor=commune_officer, now=LATER)
    assert case.answered_on == dt.date(2027, 2, 23)
    case = services.case_rate(case=case, rating=2, actor=resident, now=LATER)
    case = services.case_close(case=case, actor=commune_officer, now=LATER)
    case = services.case_reopen(case=case, reason="Ổ gà lại xuất hiện.", actor=resident, now=LATER)
    assert case.status == CaseStatus.REOPENED
    assert selectors.case_clocks(case)["resolve_by"] == dt.date(2027, 3, 16)  # fresh 15 working days
    assert _events(case) == [
        "petitions.case.received",
        "petitions.case.acknowledged",
        "petitions.case.assigned",
        "petitions.case.started",
        "petitions.case.answered",
        "petitions.case.rated",
        "petitions.case.closed",
        "petitions.case.reopened",
        "petitions.case.reopen_reason",
    ]
    statuses = [status for _when, status in selectors.public_timeline(case)]
    assert statuses[0] == "received" and statuses[-1] == "reopened"


def test_reopening_after_the_period_is_refused(
    resident: User, commune_officer: User, commune_chair: User, commune: AdministrativeUnit
) -> None:
    case = file_online(resident, commune)
    services.case_acknowledge(case=case, outcome="accepted", actor=commune_officer)
    services.case_assign(case=case, handler=commune_officer, actor=commune_chair)
    services.case_start(case=case, actor=commune_officer)
    services.case_answer(case=case, answer="Đã xử lý.", actor=commune_officer, now=NOW)
    with pytest.raises(DomainError) as raised:
        services.case_reopen(case=case, reason="x", actor=resident, now=NOW + dt.timedelta(days=31))
    assert raised.value.code == "petitions.case.reopen_period_over"
    assert Case.objects.get(pk=case.pk).status == CaseStatus.ANSWERED


def test_only_the_filer_rates_reopens_and_withdraws(
    resident: User, commune_officer: User, household_representative: User, commune: AdministrativeUnit
) -> None:
    case = file_online(resident, commune)
    calls: list[Callable[[], Case]] = [
        lambda: services.case_withdraw(case=case, actor=household_representative),
        lambda: services.case_rate(case=case, rating=5, actor=commune_officer),
        lambda: services.case_reopen(case=case, reason="x", actor=household_representative),
    ]
    for call in calls:
        with pytest.raises(DomainError) as raised:
            call()
        assert raised.value.code == "petitions.case.not_the_filer"
    services.case_withdraw(case=case, actor=resident)
    assert Case.objects.get(pk=case.pk).status == CaseStatus.WITHDRAWN


def test_refusal_needs_a_reason_and_forwarding_a_body(commune_officer: User, commune: AdministrativeUnit) -> None:
    case = enter_denunciation(commune_officer, commune)
    for outcome, code in (
        ("refused", "petitions.case.reason_required"),
        ("forwarded", "petitions.case.forwarded_to_required"),
    ):
        with pytest.raises(DomainError) as raised:
            services.case_acknowledge(case=case, outcome=outcome, actor=commune_officer)
        assert raised.value.code == code
    case = services.case_acknowledge(case=case, outcome="forwarded", note="Thanh tra tỉnh", actor=commune_officer)
    assert case.status == CaseStatus.FORWARDED


def test_more_time_then_accept_starts_the_resolution_clock(commune_officer: User, commune: AdministrativeUnit) -> None:
    case = enter_denunciation(commune_officer, commune)
    case = services.case_acknowledge(case=case, outcome="more_time", actor=commune_officer, now=NOW)
    assert case.accepted_on is None
    assert selectors.case_clocks(case)["resolve_by"] == dt.date(2027, 3, 22)
    case = services.case_accept(case=case, actor=commune_officer, now=NOW + dt.timedelta(days=8))
    assert case.accepted_on == dt.date(2027, 2, 11)
    assert selectors.case_clocks(case)["resolve_by"] == dt.date(2027, 3, 15)  # +30 = Saturday 13/03 → Monday


def test_reassignment_needs_a_reason_and_keeps_history(
    commune_officer: User, second_officer: User, commune_chair: User, commune: AdministrativeUnit
) -> None:
    case = enter_denunciation(commune_officer, commune)
    services.case_acknowledge(case=case, outcome="accepted", actor=commune_officer)
    services.case_assign(case=case, handler=commune_officer, actor=commune_chair)
    with pytest.raises(DomainError) as raised:
        services.case_assign(case=case, handler=second_officer, actor=commune_chair)
    assert raised.value.code == "petitions.case.reason_required"
    case = services.case_assign(case=case, handler=second_officer, reason="Cán bộ nghỉ phép.", actor=commune_chair)
    assert case.handler == second_officer
    assert case.assignments.count() == 2
    assert _events(case)[-1] == "petitions.case.reassigned"


def test_an_officer_cannot_assign_and_a_resident_cannot_be_assigned(
    commune_officer: User, resident: User, commune_chair: User, commune: AdministrativeUnit
) -> None:
    case = enter_denunciation(commune_officer, commune)
    services.case_acknowledge(case=case, outcome="accepted", actor=commune_officer)
    with pytest.raises(DomainError) as raised:
        services.case_assign(case=case, handler=commune_officer, actor=commune_officer)
    assert raised.value.code == "petitions.case.not_authorised"
    with pytest.raises(DomainError) as raised:
        services.case_assign(case=case, handler=resident, actor=commune_chair)
    assert raised.value.code == "petitions.case.handler_cannot_handle"


def test_denunciation_extensions_are_decisions_within_the_limit(
    commune_officer: User, commune_chair: User, commune: AdministrativeUnit
) -> None:
    case = enter_denunciation(commune_officer, commune)
    services.case_acknowledge(case=case, outcome="accepted", actor=commune_officer, now=NOW)
    with pytest.raises(DomainError) as raised:
        services.case_extend(case=case, days=30, reason="Phức tạp", actor=commune_chair)
    assert raised.value.code == "petitions.extension.too_many"  # a normal case: no extension
    case = services.case_classify(
        case=case, kind="denunciation", complexity="complex", several_places=False, actor=commune_officer
    )
    with pytest.raises(DomainError) as raised:
        services.case_extend(case=case, days=30, reason="Phức tạp", actor=commune_officer)
    assert raised.value.code == "petitions.case.not_authorised"
    services.case_extend(case=case, days=30, reason="Phức tạp", actor=commune_chair)
    assert selectors.case_clocks(Case.objects.get(pk=case.pk))["resolve_by"] == dt.date(2027, 4, 5)
    with pytest.raises(DomainError) as raised:
        services.case_extend(case=case, days=10, reason="Nữa", actor=commune_chair)
    assert raised.value.code == "petitions.extension.too_many"
    assert _events(case).count("petitions.case.extended") == 1


def test_extension_only_for_denunciations(
    resident: User, commune_officer: User, commune_chair: User, commune: AdministrativeUnit
) -> None:
    case = file_online(resident, commune)
    with pytest.raises(DomainError) as raised:
        services.case_extend(case=case, days=5, reason="x", actor=commune_chair)
    assert raised.value.code == "petitions.extension.only_denunciations"


def test_pause_and_resume_move_the_clock(
    resident: User, commune_officer: User, commune_chair: User, commune: AdministrativeUnit
) -> None:
    case = file_online(resident, commune)
    services.case_acknowledge(case=case, outcome="accepted", actor=commune_officer, now=NOW)
    with pytest.raises(DomainError) as raised:
        services.case_pause(case=case, reason="objective_obstacle", actor=commune_chair)
    assert raised.value.code == "petitions.pause.not_lawful"
    services.case_pause(
        case=case, reason="awaiting_citizen_supplement", actor=commune_chair, now=NOW + dt.timedelta(days=12)
    )
    assert selectors.current_due(Case.objects.get(pk=case.pk)).paused
    with pytest.raises(DomainError) as raised:
        services.case_pause(case=case, reason="awaiting_citizen_supplement", actor=commune_chair)
    assert raised.value.code == "petitions.pause.already_paused"
    services.case_resume(case=case, actor=commune_chair, now=NOW + dt.timedelta(days=19))
    # Paused Monday 15/02, counted again Monday 22/02: 5 working days added to 03/03.
    assert selectors.case_clocks(Case.objects.get(pk=case.pk))["resolve_by"] == dt.date(2027, 3, 10)
    assert _events(case)[-2:] == ["petitions.case.paused", "petitions.case.resumed"]


def test_bad_transition_changes_nothing(commune_officer: User, resident: User, commune: AdministrativeUnit) -> None:
    case = file_online(resident, commune)
    with pytest.raises(DomainError) as raised:
        services.case_answer(case=case, answer="x", actor=commune_officer)
    assert raised.value.code in {"petitions.case.bad_transition", "petitions.case.not_authorised"}
    assert Case.objects.get(pk=case.pk).answer == ""
    assert _events(case) == ["petitions.case.received"]


def test_complaints_cannot_be_reopened(
    commune_officer: User, commune_chair: User, resident: User, commune: AdministrativeUnit
) -> None:
    case = file_online(resident, commune, kind="complaint")
    services.case_acknowledge(case=case, outcome="accepted", actor=commune_officer)
    services.case_assign(case=case, handler=commune_officer, actor=commune_chair)
    services.case_start(case=case, actor=commune_officer)
    services.case_answer(case=case, answer="Giữ nguyên quyết định.", actor=commune_officer)
    with pytest.raises(DomainError) as raised:
        services.case_reopen(case=case, reason="Không đồng ý", actor=resident)
    assert raised.value.code == "petitions.case.bad_transition"


@pytest.mark.django_db
def test_a_complaint_received_just_before_tet_2027_counts_working_days_from_the_calendar_app(
    commune: AdministrativeUnit, commune_officer: User, superuser: User
) -> None:
    """Received Wednesday 03/02/2027, the last working day before Tết (the calendar app closes 04–10/02): every due date
    is read from the stored calendar, and moves when a swapped day is announced afterwards (never stored)."""
    from grassroots.calendar import selectors as calendar_selectors
    from grassroots.calendar import services as calendar_services

    tet = [dt.date(2027, 2, day) for day in range(4, 11)]
    assert not any(calendar_selectors.is_working_day(day) for day in tet)
    assert calendar_selectors.is_working_day(dt.date(2027, 2, 3)) and calendar_selectors.is_working_day(
        dt.date(2027, 2, 11)
    )
    case = services.case_receive(
        unit=commune,
        kind="complaint",
        channel="in_person",
        title="Khiếu nại quyết định thu hồi đất",
        content="Không đồng ý mức bồi thường.",
        citizen=services.Citizen(full_name="Phan Văn Khiếu", phone="0900000001"),
        act_known_on=dt.date(2027, 1, 20),
        actor=commune_officer,
        now=NOW,
    )
    assert case.received_on == dt.date(2027, 2, 3)
    # 10 working days: 11, 12, 15, 16, 17, 18, 19, 22, 23, 24 February. Resolution before acceptance: 30 calendar
    # days from the last acceptance day, 24/02 + 30 = Friday 26/03.
    assert selectors.case_clocks(case) == {
        "acknowledge_by": dt.date(2027, 2, 24),
        "accept_by": dt.date(2027, 2, 24),
        "resolve_by": dt.date(2027, 3, 26),
    }
    assert selectors.current_due(case).due_on == dt.date(2027, 2, 24)
    # The government then swaps Thursday 11/02 (off) for Saturday 20/02 (worked): 12, 15, 16, 17, 18, 19, 20, 22, 23,
    # 24 — the tenth is still 24/02; and the 9th working day, the 23rd, shows the swap took effect.
    for day, kind in ((dt.date(2027, 2, 11), "extra_rest_day"), (dt.date(2027, 2, 20), "extra_working_day")):
        calendar_services.override_create(
            day=day, kind=kind, name="Hoán đổi Tết 2027", source="Công văn (giả định)", actor=superuser, now=NOW
        )
    assert not calendar_selectors.is_working_day(dt.date(2027, 2, 11))
    assert calendar_selectors.add_working_days(dt.date(2027, 2, 3), 9) == dt.date(2027, 2, 23)
    assert calendar_selectors.add_working_days(dt.date(2027, 2, 3), 7) == dt.date(2027, 2, 20)
    case.refresh_from_db()
    assert selectors.case_clocks(case)["acknowledge_by"] == dt.date(2027, 2, 24)
    # Received on Friday 12/02 instead: 15–19, 20 (Saturday worked), 22–25 → 25/02, a day earlier than without it.
    later = services.case_receive(
        unit=commune,
        kind="complaint",
        channel="in_person",
        title="Khiếu nại thứ hai",
        content="Nội dung.",
        citizen=services.Citizen(full_name="Phan Văn Khiếu", phone="0900000001"),
        received_on=dt.date(2027, 2, 12),
        act_known_on=dt.date(2027, 1, 20),
        actor=commune_officer,
        now=NOW + dt.timedelta(days=9),
    )
    assert selectors.case_clocks(later)["acknowledge_by"] == dt.date(2027, 2, 25)
