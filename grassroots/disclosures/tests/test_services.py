"""Service tests: state, audit event, and on refusal nothing changed."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from grassroots.accounts.models import User
from grassroots.core.errors import DomainError
from grassroots.core.models import AuditEvent
from grassroots.core.selectors import object_history
from grassroots.disclosures import rules, selectors, services
from grassroots.disclosures.models import (
    Channel,
    Disclosure,
    DisclosureCategory,
    InformationRequestStatus,
    PublicationEvent,
    RelayMeans,
    RelayTask,
    Status,
)
from grassroots.disclosures.tests.conftest import PDF, PNG, at
from grassroots.units.models import AdministrativeUnit, Organisation, OrganisationKind

D = dt.date
pytestmark = pytest.mark.django_db


def category(code: str) -> DisclosureCategory:
    return DisclosureCategory.objects.get(code=code)


DECIDED = D(2026, 2, 13)


def last_event(item: Any) -> Any:
    """The newest audit event about ``item`` (typed loosely: tests read its JSON payloads)."""
    event = object_history(item).last()
    assert event is not None
    return event


def draft(
    commune: AdministrativeUnit, officer: User, code: Any = "K2", decided: Any = DECIDED, **extra: Any
) -> Disclosure:
    values: dict[str, Any] = {"title": "Công khai dự toán ngân sách xã năm 2026", "body": "Tổng thu 12.345 triệu đồng."}
    values.update(extra)
    return services.disclosure_create(
        unit=commune,
        category=category(code),
        decided_on=decided,
        decision_number="15/NQ-HĐND",
        actor=officer,
        now=at(2026, 2, 13),
        **values,
    )


def test_seeded_categories() -> None:
    assert DisclosureCategory.objects.count() == 41
    k7 = category("K7")
    assert k7.requires_relay and k7.requires_broadcast and k7.min_posting_days == 30
    assert k7.required_channels == [["headquarters_board"], ["community_board"]]
    assert category("K13").is_permanent and category("K13").min_posting_days is None
    assert category("K2").as_rule() == rules.CategoryRule(
        code="K2",
        regime="commune",
        deadline_mode="working",
        deadline_days=5,
        min_posting_days=30,
        requires_community_boards=True,
        required_channels=(("headquarters_board",), ("community_board",)),
    )


def test_create_draft_computes_the_deadline_across_tet(commune: AdministrativeUnit, commune_officer: User) -> None:
    item = draft(commune, commune_officer, attachments=[("du-toan.pdf", PDF)])
    assert item.status == Status.DRAFT
    assert item.due_on == D(2026, 2, 27)
    assert item.versions.get().number == 1
    assert item.attachments.get().kind == "pdf"
    assert item.search_text.startswith("k2 du toan")
    event = object_history(item).get()
    assert event.code == "disclosures.disclosure.created" and event.actor_id == commune_officer.pk


def test_create_refuses_a_bad_attachment_and_writes_nothing(commune: AdministrativeUnit, commune_officer: User) -> None:
    with pytest.raises(DomainError) as error:
        draft(commune, commune_officer, attachments=[("du-toan.pdf", b"MZ not a pdf")])
    assert error.value.code == "disclosures.upload_content_mismatch"
    assert "không đúng" in error.value.message
    assert not Disclosure.objects.exists() and not AuditEvent.objects.exists()


@pytest.mark.parametrize(
    ("code", "kwargs", "error_code"),
    [
        ("A2", {}, "disclosures.category_wrong_regime"),
        ("K2", {"title": "  "}, "disclosures.title_required"),
        ("K2", {"decided": D(2026, 2, 14)}, "disclosures.decided_in_future"),
    ],
)
def test_create_refusals(
    commune: AdministrativeUnit, commune_officer: User, code: Any, kwargs: Any, error_code: Any
) -> None:
    with pytest.raises(DomainError) as error:
        draft(commune, commune_officer, code=code, **kwargs)
    assert error.value.code == error_code
    assert not Disclosure.objects.exists()


def test_agency_disclosure_uses_agency_categories(commune: AdministrativeUnit, commune_officer: User) -> None:
    agency = Organisation.objects.create(kind=OrganisationKind.AGENCY, name="Trạm Y tế xã", unit=commune)
    soe = Organisation.objects.create(
        kind=OrganisationKind.STATE_OWNED_ENTERPRISE, name="Công ty Thủy lợi", unit=commune
    )
    item = services.disclosure_create(
        unit=commune,
        organisation=agency,
        category=category("A2"),
        title="Kế hoạch công tác quý I",
        decided_on=D(2026, 1, 5),
        actor=commune_officer,
        now=at(2026, 1, 5),
    )
    assert item.due_on == D(2026, 1, 10)  # make-up Saturday counts
    soe_item = services.disclosure_create(
        unit=commune,
        organisation=soe,
        category=category("S3"),
        title="Thỏa ước lao động tập thể",
        decided_on=D(2026, 2, 5),
        actor=commune_officer,
        now=at(2026, 2, 5),
    )
    assert soe_item.due_on == D(2026, 2, 23)
    with pytest.raises(DomainError):
        services.disclosure_create(
            unit=commune,
            organisation=soe,
            category=category("A2"),
            title="x",
            decided_on=D(2026, 2, 5),
            actor=commune_officer,
            now=at(2026, 2, 5),
        )


def test_publish_starts_the_portal_window_and_relay_tasks(
    commune: AdministrativeUnit,
    commune_officer: User,
    community: AdministrativeUnit,
    second_community: AdministrativeUnit,
) -> None:
    item = draft(commune, commune_officer, code="K7", title="Danh sách hộ nghèo được hỗ trợ")
    published = services.disclosure_publish(disclosure=item, actor=commune_officer, now=at(2026, 2, 24))
    assert published.status == Status.PUBLISHED
    assert published.first_published_on == published.published_on == D(2026, 2, 24)
    portal = PublicationEvent.objects.get(disclosure=item)
    assert (portal.channel, portal.started_on, portal.ended_on) == (Channel.PORTAL, D(2026, 2, 24), None)
    assert set(RelayTask.objects.filter(disclosure=item).values_list("community_id", flat=True)) == {
        community.pk,
        second_community.pk,
    }
    assert last_event(item).code == "disclosures.disclosure.published"


def test_publish_twice_is_refused(commune: AdministrativeUnit, commune_officer: User) -> None:
    item = services.disclosure_publish(
        disclosure=draft(commune, commune_officer), actor=commune_officer, now=at(2026, 2, 24)
    )
    with pytest.raises(DomainError) as error:
        services.disclosure_publish(disclosure=item, actor=commune_officer, now=at(2026, 2, 25))
    assert error.value.code == "disclosures.transition_not_allowed"
    assert PublicationEvent.objects.count() == 1


def test_amend_then_republish_versions_the_item(commune: AdministrativeUnit, commune_officer: User) -> None:
    item = services.disclosure_publish(
        disclosure=draft(commune, commune_officer, code="K13", title="Thủ tục đăng ký khai sinh"),
        actor=commune_officer,
        now=at(2026, 2, 24),
    )
    with pytest.raises(DomainError) as error:
        services.disclosure_amend(
            disclosure=item,
            title="Thủ tục đăng ký khai sinh (sửa)",
            decided_on=D(2026, 3, 2),
            change_note=" ",
            actor=commune_officer,
            now=at(2026, 3, 2),
        )
    assert error.value.code == "disclosures.change_note_required"
    amended = services.disclosure_amend(
        disclosure=item,
        title="Thủ tục đăng ký khai sinh (sửa)",
        decided_on=D(2026, 3, 2),
        change_note="Bổ sung lệ phí",
        actor=commune_officer,
        now=at(2026, 3, 2),
    )
    assert (amended.status, amended.version_number, amended.published_on) == (Status.AMENDED, 2, None)
    assert amended.due_on == D(2026, 3, 9)
    services.attachment_add(disclosure=amended, name="phi.png", content=PNG, actor=commune_officer, now=at(2026, 3, 2))
    republished = services.disclosure_republish(disclosure=amended, actor=commune_officer, now=at(2026, 3, 4))
    assert republished.status == Status.REPUBLISHED and republished.published_on == D(2026, 3, 4)
    old, new = PublicationEvent.objects.filter(disclosure=item).order_by("version_number")
    assert (old.version_number, old.ended_on) == (1, D(2026, 3, 4))
    assert (new.version_number, new.ended_on) == (2, None)
    codes = list(object_history(item).values_list("code", flat=True))
    assert codes[-3:] == [
        "disclosures.disclosure.amended",
        "disclosures.attachment.added",
        "disclosures.disclosure.republished",
    ]


def test_attachment_refused_on_published_item(commune: AdministrativeUnit, commune_officer: User) -> None:
    item = services.disclosure_publish(
        disclosure=draft(commune, commune_officer), actor=commune_officer, now=at(2026, 2, 24)
    )
    with pytest.raises(DomainError) as error:
        services.attachment_add(disclosure=item, name="x.pdf", content=PDF, actor=commune_officer, now=at(2026, 2, 25))
    assert error.value.code == "disclosures.attachment_locked"


def test_withdraw_before_30_days_is_refused_with_the_date(commune: AdministrativeUnit, commune_officer: User) -> None:
    item = services.disclosure_publish(
        disclosure=draft(commune, commune_officer), actor=commune_officer, now=at(2026, 2, 24)
    )
    events_before = AuditEvent.objects.count()
    with pytest.raises(DomainError) as error:
        services.disclosure_withdraw(disclosure=item, reason="Nhầm số liệu", actor=commune_officer, now=at(2026, 3, 25))
    assert error.value.code == "disclosures.minimum_posting_not_reached"
    assert "26/03/2026" in error.value.message and "30" in error.value.message
    item.refresh_from_db()
    assert item.status == Status.PUBLISHED and AuditEvent.objects.count() == events_before
    withdrawn = services.disclosure_withdraw(
        disclosure=item, reason="Thay bằng dự toán điều chỉnh", actor=commune_officer, now=at(2026, 3, 26)
    )
    assert withdrawn.status == Status.WITHDRAWN and withdrawn.ended_on == D(2026, 3, 26)
    assert PublicationEvent.objects.get(disclosure=item).ended_on == D(2026, 3, 26)
    assert last_event(item).after["reason"] == "Thay bằng dự toán điều chỉnh"


def test_withdraw_needs_a_reason(commune: AdministrativeUnit, commune_officer: User) -> None:
    item = services.disclosure_publish(
        disclosure=draft(commune, commune_officer), actor=commune_officer, now=at(2026, 2, 24)
    )
    with pytest.raises(DomainError) as error:
        services.disclosure_withdraw(disclosure=item, reason="", actor=commune_officer, now=at(2026, 5, 1))
    assert error.value.code == "disclosures.reason_required"


def test_end_after_the_posting_period(commune: AdministrativeUnit, commune_officer: User) -> None:
    item = services.disclosure_publish(
        disclosure=draft(commune, commune_officer), actor=commune_officer, now=at(2026, 2, 24)
    )
    with pytest.raises(DomainError):
        services.disclosure_end(disclosure=item, actor=commune_officer, now=at(2026, 3, 25))
    ended = services.disclosure_end(disclosure=item, actor=commune_officer, now=at(2026, 3, 26))
    assert ended.status == Status.ENDED
    assert last_event(item).code == "disclosures.disclosure.ended"


def test_permanent_item_cannot_end(commune: AdministrativeUnit, commune_officer: User) -> None:
    item = services.disclosure_publish(
        disclosure=draft(commune, commune_officer, code="K4", title="Quy chế dân chủ"),
        actor=commune_officer,
        now=at(2026, 2, 24),
    )
    with pytest.raises(DomainError) as error:
        services.disclosure_end(disclosure=item, actor=commune_officer, now=at(2027, 2, 24))
    assert error.value.code == "disclosures.permanent_cannot_end"


def test_record_channels_with_evidence(
    commune: AdministrativeUnit, commune_officer: User, community: AdministrativeUnit, other_commune: AdministrativeUnit
) -> None:
    item = services.disclosure_publish(
        disclosure=draft(commune, commune_officer), actor=commune_officer, now=at(2026, 2, 24)
    )
    event = services.publication_record(
        disclosure=item,
        channel=Channel.COMMUNITY_BOARD,
        community=community,
        started_on=D(2026, 2, 24),
        evidence=("anh-niem-yet.png", PNG),
        backdating_reason="Niêm yết chiều 24/02, ghi nhận sáng 25/02.",  # dated before its entry (issue 9 item 7)
        actor=commune_officer,
        now=at(2026, 2, 25),
    )
    assert event.evidence_kind == "png" and str(event.evidence.name).endswith(".png")
    assert last_event(item).code == "disclosures.publication.recorded"
    other_village = AdministrativeUnit.objects.get(parent=other_commune)
    refusals: list[tuple[dict[str, Any], str]] = [
        ({"channel": Channel.COMMUNITY_BOARD}, "disclosures.community_required"),
        ({"channel": Channel.COMMUNITY_BOARD, "community": other_village}, "disclosures.community_outside_unit"),
        ({"channel": Channel.WRITTEN_NOTICE_ALL_STAFF}, "disclosures.channel_not_allowed"),
        ({"channel": Channel.HEADQUARTERS_BOARD, "started_on": D(2026, 2, 26)}, "disclosures.started_in_future"),
        ({"channel": Channel.HEADQUARTERS_BOARD, "ended_on": D(2026, 2, 24)}, "disclosures.dates_unordered"),
        (
            {"channel": Channel.HEADQUARTERS_BOARD, "evidence": ("bang.docx", PDF)},
            "disclosures.upload_type_not_allowed",
        ),
    ]
    for kwargs, code in refusals:
        values: dict[str, Any] = {"started_on": D(2026, 2, 24), **kwargs}
        with pytest.raises(DomainError) as error:
            services.publication_record(disclosure=item, actor=commune_officer, now=at(2026, 2, 25), **values)
        assert error.value.code == code
    assert PublicationEvent.objects.filter(disclosure=item).count() == 2


def test_relay_acknowledge(
    commune: AdministrativeUnit, commune_officer: User, village_head: User, community: AdministrativeUnit
) -> None:
    item = services.disclosure_publish(
        disclosure=draft(commune, commune_officer, code="K9", title="Danh sách gọi nhập ngũ"),
        actor=commune_officer,
        now=at(2026, 2, 24),
    )
    task = RelayTask.objects.get(disclosure=item, community=community)
    with pytest.raises(DomainError) as error:
        services.relay_acknowledge(task=task, means=[], households_note="x", actor=village_head, now=at(2026, 2, 25))
    assert error.value.code == "disclosures.relay_means_required"
    done = services.relay_acknowledge(
        task=task,
        means=[RelayMeans.COMMUNITY_MEETING, RelayMeans.TEXT_MESSAGE, "bogus"],
        households_note="Họp thôn tối 25/02, 48/52 hộ dự; nhắn tin cho 4 hộ vắng.",
        actor=village_head,
        now=at(2026, 2, 25),
    )
    assert done.is_acknowledged and done.means == ["community_meeting", "text_message"]
    with pytest.raises(DomainError):
        services.relay_acknowledge(task=task, means=["text_message"], households_note="x", actor=village_head)
    assert last_event(item).code == "disclosures.relay.acknowledged"


def test_information_request_clock(commune: AdministrativeUnit, commune_officer: User) -> None:
    request = services.information_request_receive(
        unit=commune,
        requester_name="Nguyễn Văn Dân",
        requester_contact="0912345678",
        subject="Bảng quyết toán ngân sách năm 2025",
        actor=commune_officer,
        now=at(2026, 2, 13),
    )
    assert request.due_on == D(2026, 3, 6)
    with pytest.raises(DomainError) as error:
        services.information_request_extend(request=request, reason="", actor=commune_officer, now=at(2026, 3, 2))
    assert error.value.code == "disclosures.request_extension_reason_required"
    extended = services.information_request_extend(
        request=request, reason="Cần trích lục hồ sơ lưu trữ", actor=commune_officer, now=at(2026, 3, 2)
    )
    assert extended.extended_due_on == D(2026, 3, 20) and extended.status == InformationRequestStatus.EXTENDED
    with pytest.raises(DomainError) as error:
        services.information_request_extend(
            request=extended, reason="Lần hai", actor=commune_officer, now=at(2026, 3, 3)
        )
    assert error.value.code == "disclosures.request_already_extended"
    answered = services.information_request_answer(
        request=extended, answer="Gửi kèm bản sao quyết toán.", actor=commune_officer, now=at(2026, 3, 19)
    )
    assert answered.status == InformationRequestStatus.ANSWERED
    assert last_event(answered).after["on_time"] is True


def test_plan_and_profile(commune: AdministrativeUnit, commune_officer: User) -> None:
    plan = services.plan_create(unit=commune, year=2026, title="Kế hoạch công khai năm 2026", actor=commune_officer)
    with pytest.raises(DomainError) as error:
        services.plan_create(unit=commune, year=2026, title="Trùng", actor=commune_officer)
    assert error.value.code == "disclosures.plan_exists"
    item = services.plan_item_add(
        plan=plan,
        category=category("K2"),
        content="Dự toán ngân sách 2026",
        channels=["headquarters_board", "x"],
        planned_on=D(2026, 1, 10),
        owner="Công chức Tài chính - Kế toán",
        actor=commune_officer,
    )
    assert item.channels == ["headquarters_board"]
    with pytest.raises(DomainError):
        services.plan_item_add(
            plan=plan,
            category=category("K2"),
            content="x",
            channels=[],
            planned_on=D(2026, 1, 10),
            owner="y",
            actor=commune_officer,
        )
    profile = services.profile_update(unit=commune, has_portal=True, has_loudspeaker=True, actor=commune_officer)
    assert selectors.profile_of(commune).has_loudspeaker is profile.has_loudspeaker is True
