"""The complaint filing period (90 days, Law on Complaints art. 9) applied at intake on every channel, with the
obstacle days an officer records; a late complaint is not accepted (art. 11)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from grassroots.accounts.models import User
from grassroots.core.errors import DomainError
from grassroots.core.models import AuditEvent
from grassroots.petitions import rules, services
from grassroots.petitions.models import Case, CaseStatus
from grassroots.petitions.tests.conftest import NOW, file_online
from grassroots.petitions.tests.test_rules import CAL
from grassroots.units.models import AdministrativeUnit

D = dt.date
KNOWN = D(2026, 9, 1)  # Tuesday; + 90 days = Monday 30/11/2026, a working day (no roll-over)
DAY_90 = D(2026, 11, 30)
DAY_91 = D(2026, 12, 1)


# --- rules --------------------------------------------------------------------------------------


def test_exactly_90_days_is_in_time_and_91_is_late() -> None:
    assert rules.complaint_filing_last_day(KNOWN, CAL) == DAY_90
    assert rules.check_complaint_filed_in_time(act_known_on=KNOWN, received_on=DAY_90, calendar=CAL)
    assert not rules.check_complaint_filed_in_time(act_known_on=KNOWN, received_on=DAY_91, calendar=CAL)
    assert not rules.complaint_filed_late(kind="complaint", act_known_on=KNOWN, received_on=DAY_90, calendar=CAL)
    assert rules.complaint_filed_late(kind="complaint", act_known_on=KNOWN, received_on=DAY_91, calendar=CAL)


def test_obstacle_days_are_not_counted() -> None:
    # 90 + 5 days = Saturday 05/12 → the next working day, Monday 07/12.
    assert rules.complaint_filing_last_day(KNOWN, CAL, obstacle_days=5) == D(2026, 12, 7)
    for received_on, late in ((D(2026, 12, 7), False), (D(2026, 12, 8), True)):
        filed_late = rules.complaint_filed_late(
            kind="complaint", act_known_on=KNOWN, received_on=received_on, calendar=CAL, obstacle_days=5
        )
        assert filed_late is late


def test_only_complaints_with_a_known_act_date_can_be_late() -> None:
    for kind in ("feedback", "petition", "denunciation"):
        assert not rules.complaint_filed_late(kind=kind, act_known_on=KNOWN, received_on=DAY_91, calendar=CAL)
    assert not rules.complaint_filed_late(kind="complaint", act_known_on=None, received_on=DAY_91, calendar=CAL)


@pytest.mark.parametrize(
    ("days", "reason", "code"),
    [
        (0, "", "ok"),
        (3, "Nằm viện", "ok"),
        (3, "  ", "petitions.complaint.obstacle_reason_required"),
        (-1, "Ốm", "petitions.complaint.bad_obstacle_days"),
        (rules.MAX_FILING_OBSTACLE_DAYS + 1, "Ốm", "petitions.complaint.bad_obstacle_days"),
    ],
)
def test_obstacle_days_need_a_reason_and_a_sane_number(days: int, reason: str, code: str) -> None:
    assert rules.check_filing_obstacle(days=days, reason=reason).code == code


@pytest.mark.parametrize(
    ("outcome", "allowed"), [("accepted", False), ("more_time", False), ("refused", True), ("forwarded", True)]
)
def test_a_late_complaint_is_only_refused_or_forwarded(outcome: str, allowed: bool) -> None:
    assert bool(rules.check_acknowledgement_of_late_complaint(filed_late=True, outcome=outcome)) is allowed
    assert rules.check_acknowledgement_of_late_complaint(filed_late=False, outcome=outcome)


# --- services: every intake channel -------------------------------------------------------------


def _enter(officer: User, commune: AdministrativeUnit, **extra: Any) -> Case:
    values: dict[str, Any] = {
        "unit": commune,
        "kind": "complaint",
        "channel": "letter",
        "title": "Khiếu nại quyết định xử phạt",
        "content": "Tôi không đồng ý với quyết định xử phạt.",
        "citizen": services.Citizen(full_name="Phạm Văn Khiếu", address="Thôn 1"),
        "act_known_on": KNOWN,
        "actor": officer,
        "now": NOW,
    }
    values.update(extra)
    return services.case_receive(**values)


def _received_event(case: Case) -> dict[str, Any]:
    event = AuditEvent.objects.get(object_type="petitions.case", object_id=str(case.pk), code="petitions.case.received")
    assert isinstance(event.after, dict)
    return event.after


@pytest.mark.django_db
@pytest.mark.parametrize("channel", ["in_person", "phone", "letter", "hotline", "reception", "front"])
def test_officer_channels_flag_a_complaint_received_on_day_91(
    commune_officer: User, commune: AdministrativeUnit, channel: str
) -> None:
    in_time = _enter(commune_officer, commune, channel=channel, received_on=DAY_90)
    late = _enter(commune_officer, commune, channel=channel, received_on=DAY_91)
    assert (in_time.filed_late, late.filed_late) == (False, True)
    assert _received_event(late)["filed_late"] is True


@pytest.mark.django_db
def test_online_complaint_is_checked_against_the_day_it_arrives(resident: User, commune: AdministrativeUnit) -> None:
    today = NOW.date()
    case = file_online(resident, commune, kind="complaint", act_known_on=today - dt.timedelta(days=120))
    assert case.filed_late
    fresh = file_online(resident, commune, kind="complaint", act_known_on=today - dt.timedelta(days=10))
    assert not fresh.filed_late


@pytest.mark.django_db
def test_other_kinds_drop_the_act_date(commune_officer: User, commune: AdministrativeUnit) -> None:
    case = _enter(commune_officer, commune, kind="petition", received_on=DAY_91)
    assert (case.filed_late, case.act_known_on, case.filing_obstacle_days) == (False, None, 0)


@pytest.mark.django_db
def test_obstacle_days_recorded_at_intake_keep_the_complaint_in_time(
    commune_officer: User, commune: AdministrativeUnit
) -> None:
    case = _enter(
        commune_officer,
        commune,
        received_on=D(2026, 12, 7),
        filing_obstacle_days=5,
        filing_obstacle_reason="Nằm viện từ 02/10 đến 06/10/2026 (giấy ra viện)",
    )
    assert not case.filed_late and case.filing_obstacle_days == 5


@pytest.mark.django_db
def test_attack_obstacle_days_without_a_reason_write_nothing(
    commune_officer: User, commune: AdministrativeUnit
) -> None:
    before = Case.objects.count()
    with pytest.raises(DomainError) as refusal:
        _enter(commune_officer, commune, received_on=DAY_91, filing_obstacle_days=30)
    assert refusal.value.code == "petitions.complaint.obstacle_reason_required"
    with pytest.raises(DomainError) as later:
        _enter(commune_officer, commune, received_on=D(2026, 8, 1))
    assert later.value.code == "petitions.complaint.act_after_receipt"
    assert Case.objects.count() == before


@pytest.mark.django_db
def test_a_late_complaint_cannot_be_accepted_only_refused(commune_officer: User, commune: AdministrativeUnit) -> None:
    case = _enter(commune_officer, commune, received_on=DAY_91)
    for outcome in ("accepted", "more_time"):
        with pytest.raises(DomainError) as refusal:
            services.case_acknowledge(case=case, outcome=outcome, actor=commune_officer, now=NOW)
        assert refusal.value.code == "petitions.complaint.filed_late_not_accepted"
    case.refresh_from_db()
    assert (case.status, case.acknowledgement, case.accepted_on) == (CaseStatus.RECEIVED, "", None)
    refused = services.case_acknowledge(
        case=case, outcome="refused", note="Quá thời hiệu khiếu nại", actor=commune_officer, now=NOW
    )
    assert refused.status == CaseStatus.REFUSED


@pytest.mark.django_db
def test_recording_an_obstacle_later_clears_the_flag_and_is_audited(
    commune_officer: User, commune: AdministrativeUnit
) -> None:
    case = _enter(commune_officer, commune, received_on=DAY_91)
    assert case.filed_late
    with pytest.raises(DomainError):
        services.complaint_filing_record(
            case=case, act_known_on=KNOWN, obstacle_days=1, obstacle_reason="", actor=commune_officer, now=NOW
        )
    updated = services.complaint_filing_record(
        case=case,
        act_known_on=KNOWN,
        obstacle_days=1,
        obstacle_reason="Lũ lụt chia cắt thôn 3 ngày 15/9/2026",
        actor=commune_officer,
        now=NOW,
    )
    assert not updated.filed_late
    event = AuditEvent.objects.get(object_id=str(case.pk), code="petitions.case.filing_recorded")
    assert event.after == {"act_known_on": "2026-09-01", "filing_obstacle_days": 1, "filed_late": False}
    services.case_acknowledge(case=updated, outcome="accepted", actor=commune_officer, now=NOW)
    with pytest.raises(DomainError) as fixed:
        services.complaint_filing_record(
            case=updated, act_known_on=KNOWN, obstacle_days=0, obstacle_reason="", actor=commune_officer, now=NOW
        )
    assert fixed.value.code == "petitions.complaint.filing_fixed"


@pytest.mark.django_db
def test_attack_a_resident_cannot_record_obstacle_days(
    commune_officer: User, resident: User, commune: AdministrativeUnit
) -> None:
    case = _enter(commune_officer, commune, received_on=DAY_91)
    with pytest.raises(DomainError) as refusal:
        services.complaint_filing_record(
            case=case, act_known_on=KNOWN, obstacle_days=60, obstacle_reason="Ốm", actor=resident, now=NOW
        )
    assert refusal.value.code == "petitions.case.not_authorised"
    case.refresh_from_db()
    assert case.filed_late and case.filing_obstacle_days == 0


@pytest.mark.django_db
def test_reclassifying_a_late_complaint_as_feedback_clears_the_flag(
    commune_officer: User, commune: AdministrativeUnit
) -> None:
    case = _enter(commune_officer, commune, received_on=DAY_91)
    feedback = services.case_classify(
        case=case, kind="feedback", complexity="normal", several_places=False, actor=commune_officer, now=NOW
    )
    assert (feedback.filed_late, feedback.act_known_on) == (False, None)


# --- views --------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_officer_page_flags_a_late_complaint_and_offers_the_refusal(
    client: Client, commune_officer: User, commune: AdministrativeUnit
) -> None:
    client.force_login(commune_officer)
    response = client.post(
        reverse("petitions:case_new", args=[commune.slug]),
        {
            "kind": "complaint",
            "channel": "letter",
            "received_on": "2026-12-01",
            "full_name": "Phạm Văn Khiếu",
            "title": "Khiếu nại quyết định xử phạt",
            "content": "Không đồng ý.",
            "act_known_on": "2026-09-01",
        },
        follow=True,
    )
    assert response.status_code == 200
    case = Case.objects.get(title="Khiếu nại quyết định xử phạt")
    assert case.filed_late
    page = response.content.decode()
    assert "quá thời hiệu 90 ngày" in page
    assert response.context["acknowledge_form"].initial["outcome"] == "refused"
    response = client.post(
        reverse("petitions:case_filing", args=[case.pk]),
        {"act_known_on": "2026-09-01", "obstacle_days": "2", "obstacle_reason": "Ốm nằm viện"},
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert not case.filed_late and case.filing_obstacle_days == 2


@pytest.mark.django_db
def test_filing_view_refuses_bad_input_with_a_message(
    client: Client, commune_officer: User, commune: AdministrativeUnit
) -> None:
    case = _enter(commune_officer, commune, received_on=DAY_91)
    client.force_login(commune_officer)
    response = client.post(
        reverse("petitions:case_filing", args=[case.pk]),
        {"act_known_on": "2026-09-01", "obstacle_days": "3", "obstacle_reason": ""},
        follow=True,
    )
    assert response.status_code == 200
    assert "Hãy ghi lý do trở ngại" in response.content.decode()
    case.refresh_from_db()
    assert case.filed_late and case.filing_obstacle_days == 0
