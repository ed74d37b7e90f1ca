"""Staff pages added for issue #4: information requests, plan, profile, quarterly issue, organisations,
dashboard tasks and the due-date recompute service."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from grassroots.accounts.models import User
from grassroots.accounts.testing import PERSONA_PASSWORD, give_role, make_user
from grassroots.calendar import services as calendar_services
from grassroots.calendar.models import OverrideKind
from grassroots.core.models import AuditEvent
from grassroots.dashboard.registry import collect_tasks, registered_providers
from grassroots.disclosures import printing, services, tasks
from grassroots.disclosures.models import (
    Disclosure,
    DisclosureCategory,
    DisclosurePlan,
    DisclosureProfile,
    InformationRequest,
    InformationRequestStatus,
    RelayTask,
    Status,
)
from grassroots.disclosures.tests.conftest import PDF, at
from grassroots.documents.models import Document
from grassroots.units.models import AdministrativeUnit, Organisation, OrganisationKind

D = dt.date
pytestmark = pytest.mark.django_db


def login(client: Client, user: User) -> None:
    assert client.login(username=user.username, password=PERSONA_PASSWORD)


@pytest.fixture
def request_row(commune: AdministrativeUnit, commune_officer: User) -> Any:
    return services.information_request_receive(
        unit=commune,
        requester_name="Nguyễn Văn Hỏi",
        requester_contact="Thôn 1, 0912345678",
        subject="Dự toán ngân sách xã năm 2026",
        received_on=D(2026, 11, 16),
        actor=commune_officer,
        now=at(2026, 11, 16),
    )


# --- Information requests ------------------------------------------------------------------------


def test_receive_request_page_computes_the_legal_clock(
    client: Any, commune: AdministrativeUnit, commune_officer: User, frozen_clock: Any
) -> None:
    login(client, commune_officer)
    url = reverse("disclosures:request_create", args=[commune.slug])
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "requester_name": "Trần Thị Hỏi",
            "requester_contact": "0912345678",
            "subject": "Kế hoạch làm đường thôn 1",
            "received_on": "2026-11-20",
        },
    )
    item = InformationRequest.objects.get()
    assert response.status_code == 302 and response.url == reverse(
        "disclosures:request_detail", args=[commune.slug, item.pk]
    )
    assert item.due_on == D(2026, 12, 4)  # 10 working days after Friday 20/11
    detail = client.get(response.url)
    assert "Hạn: 04/12/2026" in detail.text and "còn 10 ngày làm việc" in detail.text
    listing = client.get(reverse("disclosures:request_list", args=[commune.slug]))
    assert "Trần Thị Hỏi" in listing.text and "Hạn: 04/12/2026" in listing.text and "Trong hạn" in listing.text


def test_receive_request_with_bad_input_shows_a_message(
    client: Client, commune: AdministrativeUnit, commune_officer: User, frozen_clock: Any
) -> None:
    login(client, commune_officer)
    url = reverse("disclosures:request_create", args=[commune.slug])
    response = client.post(
        url, {"requester_name": "A", "requester_contact": "B", "subject": "C", "received_on": "2026-12-30"}
    )
    assert response.status_code == 200 and "Ngày tiếp nhận không được sau ngày hôm nay." in response.text
    assert not InformationRequest.objects.exists()


def test_overdue_request_is_shown_overdue(
    client: Client,
    commune: AdministrativeUnit,
    commune_officer: User,
    request_row: Any,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from grassroots.core import clock

    monkeypatch.setattr(clock, "now", lambda: at(2026, 12, 3))
    login(client, commune_officer)
    listing = client.get(reverse("disclosures:request_list", args=[commune.slug]))
    assert "Quá hạn" in listing.text and "Hạn: 30/11/2026" in listing.text


def test_extend_once_then_answer_with_attachment(
    client: Any, commune: AdministrativeUnit, commune_officer: User, request_row: Any, frozen_clock: Any
) -> None:
    login(client, commune_officer)
    extend = reverse("disclosures:request_extend", args=[commune.slug, request_row.pk])
    assert client.post(extend, {"reason": ""}).status_code == 302
    request_row.refresh_from_db()
    assert request_row.extended_due_on is None  # refused: a reason is required
    client.post(extend, {"reason": "Cần tổng hợp số liệu từ các thôn."})
    request_row.refresh_from_db()
    assert request_row.status == InformationRequestStatus.EXTENDED and request_row.extended_due_on == D(2026, 12, 14)
    client.post(extend, {"reason": "Lần hai"}, follow=True)
    request_row.refresh_from_db()
    assert request_row.extended_due_on == D(2026, 12, 14)
    answer = reverse("disclosures:request_answer", args=[commune.slug, request_row.pk])
    upload = SimpleUploadedFile("tra-loi.pdf", PDF, content_type="application/pdf")
    response = client.post(answer, {"answer": "Gửi kèm dự toán.", "attachment": upload}, follow=True)
    assert "Đã ghi nhận câu trả lời." in response.text
    request_row.refresh_from_db()
    assert (
        request_row.status == InformationRequestStatus.ANSWERED and request_row.answer_attachment_name == "tra-loi.pdf"
    )
    download = client.get(reverse("disclosures:request_attachment", args=[commune.slug, request_row.pk]))
    assert download.status_code == 200 and b"".join(download.streaming_content).startswith(b"%PDF")
    codes = set(AuditEvent.objects.filter(object_id=str(request_row.pk)).values_list("code", flat=True))
    assert {"disclosures.information_request.extended", "disclosures.information_request.answered"} <= codes


def test_answer_attachment_of_wrong_type_is_refused(commune_officer: User, request_row: Any) -> None:
    from grassroots.core.errors import DomainError

    with pytest.raises(DomainError) as error:
        services.information_request_answer(
            request=request_row,
            answer="x",
            attachment=("a.exe", b"MZ\x90\x00"),
            actor=commune_officer,
            now=at(2026, 11, 20),
        )
    assert error.value.code == "disclosures.upload_type_not_allowed"
    request_row.refresh_from_db()
    assert request_row.status == InformationRequestStatus.RECEIVED


def test_request_pages_permissions(
    client: Client, commune: AdministrativeUnit, request_row: Any, other_commune_officer: User, provincial_officer: User
) -> None:
    url = reverse("disclosures:request_detail", args=[commune.slug, request_row.pk])
    login(client, other_commune_officer)
    assert client.get(url).status_code == 404
    client.logout()
    login(client, provincial_officer)  # sees the commune, may not manage it
    assert client.get(url).status_code == 403
    assert client.post(reverse("disclosures:request_extend", args=[commune.slug, request_row.pk])).status_code == 403


# --- Plan, profile ----------------------------------------------------------------------------------


def test_plan_pages(client: Any, commune: AdministrativeUnit, commune_officer: User, frozen_clock: Any) -> None:
    login(client, commune_officer)
    url = reverse("disclosures:plan_list", args=[commune.slug])
    response = client.post(url, {"year": "2027", "title": "Kế hoạch công khai năm 2027", "adopted_on": "2026-11-20"})
    plan = DisclosurePlan.objects.get()
    assert response.url == reverse("disclosures:plan_detail", args=[commune.slug, plan.pk])
    again = client.post(url, {"year": "2027", "title": "Trùng"})
    assert "Đơn vị đã có kế hoạch công khai của năm này." in again.text
    k2 = DisclosureCategory.objects.get(code="K2")
    client.post(
        response.url,
        {
            "category": k2.pk,
            "content": "Dự toán ngân sách 2027",
            "channels": ["headquarters_board", "portal"],
            "planned_on": "2027-01-05",
            "owner": "Công chức Tài chính - Kế toán",
        },
    )
    item = plan.items.get()
    assert item.channels == ["headquarters_board", "portal"] and item.owner == "Công chức Tài chính - Kế toán"
    assert "Dự toán ngân sách 2027" in client.get(response.url).text


def test_profile_page(client: Client, commune: AdministrativeUnit, commune_officer: User, village_head: User) -> None:
    login(client, commune_officer)
    url = reverse("disclosures:profile", args=[commune.slug])
    assert client.get(url).status_code == 200
    client.post(url, {"has_loudspeaker": "on"})
    profile = DisclosureProfile.objects.get(unit=commune)
    assert profile.has_loudspeaker and not profile.has_portal
    assert AuditEvent.objects.filter(code="disclosures.profile.updated").exists()
    client.logout()
    login(client, village_head)  # a village head does not see the commune itself
    assert client.get(url).status_code == 404


# --- Quarterly list as a numbered document ---------------------------------------------------------


@pytest.fixture
def published_k2(commune: AdministrativeUnit, commune_officer: User) -> Any:
    item = services.disclosure_create(
        unit=commune,
        category=DisclosureCategory.objects.get(code="K2"),
        title="Công khai ngân sách xã năm 2026",
        decided_on=D(2026, 11, 16),
        actor=commune_officer,
        now=at(2026, 11, 16),
    )
    return services.disclosure_publish(disclosure=item, actor=commune_officer, now=at(2026, 11, 18))


def test_quarterly_list_issue_service(
    commune: AdministrativeUnit, commune_officer: User, commune_chair: User, published_k2: Any
) -> None:
    document = printing.quarterly_list_issue(
        unit=commune,
        year=2026,
        quarter=4,
        signer_name="Hoàng Văn Chủ Tịch",
        actor=commune_officer,
        now=at(2026, 11, 22),
    )
    assert document.pk and document.number >= 1 and document.number_label.startswith(f"{document.number:02d}/")
    assert "quý 4 năm 2026" in document.summary
    assert AuditEvent.objects.filter(code="documents.document.issued", object_id=str(document.pk)).exists()
    second = printing.quarterly_list_issue(
        unit=commune, year=2026, quarter=4, signer_name="", actor=commune_officer, now=at(2026, 11, 23)
    )
    assert second.number == document.number + 1
    assert second.signer_name == "Hoàng Văn Chủ Tịch"  # the chair by default


def test_quarterly_issue_view(
    client: Any,
    commune: AdministrativeUnit,
    commune_officer: User,
    published_k2: Any,
    frozen_clock: Any,
    provincial_officer: User,
) -> None:
    url = reverse("disclosures:quarterly_issue", args=[commune.slug, 2026, 4])
    login(client, provincial_officer)
    assert client.post(url).status_code == 403
    client.logout()
    login(client, commune_officer)
    page = client.get(reverse("disclosures:quarterly_list", args=[commune.slug, 2026, 4]))
    assert url in page.text
    response = client.post(url, {"signer_name": "Hoàng Văn Chủ Tịch"})
    document = Document.objects.get()
    assert response.status_code == 302 and response.url == reverse("documents:detail", args=[document.pk])
    assert document.signer_name == "Hoàng Văn Chủ Tịch"
    assert client.post(reverse("disclosures:quarterly_issue", args=[commune.slug, 2026, 5])).status_code == 404


# --- Organisations (Chapters III, IV) ------------------------------------------------------------------


@pytest.fixture
def agency(commune: AdministrativeUnit) -> Any:
    return Organisation.objects.create(
        kind=OrganisationKind.PUBLIC_SERVICE_UNIT, name="Trường Tiểu học Hòa Phú", unit=commune
    )


@pytest.fixture
def other_agency(commune: AdministrativeUnit) -> Any:
    return Organisation.objects.create(kind=OrganisationKind.AGENCY, name="Trạm Y tế Hòa Phú", unit=commune)


def _member(role: Any, organisation: Any, name: Any) -> Any:
    user = make_user(name)
    give_role(user, role, organisation.unit, organisation=organisation)
    return user


def test_agency_head_creates_publishes_and_cannot_withdraw_before_20_days(
    client: Any, agency: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from grassroots.core import clock

    head = _member("agency_head", agency, "hieu-truong")
    staff = _member("staff_member", agency, "giao-vien")
    monkeypatch.setattr(clock, "now", lambda: at(2026, 11, 16))
    login(client, head)
    a1 = DisclosureCategory.objects.get(code="A1")
    create = reverse("disclosures:organisation_create", args=[agency.pk])
    assert client.get(create).status_code == 200
    response = client.post(
        create, {"category": a1.pk, "title": "Kế hoạch công tác năm học", "decided_on": "2026-11-16"}
    )
    item = Disclosure.objects.get()
    assert item.organisation == agency and item.due_on == D(2026, 11, 23)  # 5 working days (art. 47)
    assert response.url == reverse("disclosures:organisation_detail", args=[agency.pk, item.pk])
    client.logout()
    login(client, staff)  # a draft is not shown to staff
    index = client.get(reverse("disclosures:organisation_index", args=[agency.pk]))
    assert "Kế hoạch công tác năm học" not in index.text
    assert client.get(response.url).status_code == 404
    client.logout()
    login(client, head)
    client.post(reverse("disclosures:organisation_publish", args=[agency.pk, item.pk]))
    item.refresh_from_db()
    assert item.status == Status.PUBLISHED and item.published_on == D(2026, 11, 16)
    monkeypatch.setattr(clock, "now", lambda: at(2026, 11, 30))
    withdraw = reverse("disclosures:organisation_withdraw", args=[agency.pk, item.pk])
    refused = client.post(withdraw, {"reason": "Thay kế hoạch"}, follow=True)
    assert "20 ngày" in refused.text
    item.refresh_from_db()
    assert item.status == Status.PUBLISHED
    monkeypatch.setattr(clock, "now", lambda: at(2026, 12, 7))
    client.post(withdraw, {"reason": "Thay kế hoạch"})
    item.refresh_from_db()
    assert item.status == Status.WITHDRAWN
    client.logout()
    login(client, staff)
    assert "Kế hoạch công tác năm học" in client.get(reverse("disclosures:organisation_index", args=[agency.pk])).text
    assert client.get(response.url).status_code == 200
    # Not on the public portal.
    assert "Kế hoạch công tác năm học" not in client.get(reverse("disclosures:index", args=[agency.unit.slug])).text


def test_organisation_permissions(client: Client, agency: Any, other_agency: Any, commune_officer: User) -> None:
    staff = _member("staff_member", agency, "giao-vien")
    outsider = _member("agency_head", other_agency, "truong-tram")
    index = reverse("disclosures:organisation_index", args=[agency.pk])
    create = reverse("disclosures:organisation_create", args=[agency.pk])
    login(client, outsider)  # staff (even the head) of another organisation
    assert client.get(index).status_code == 404
    assert client.get(create).status_code == 404
    client.logout()
    login(client, commune_officer)  # the commune does not manage the school's internal disclosures
    assert client.get(index).status_code == 404
    client.logout()
    login(client, staff)
    assert client.get(index).status_code == 200
    assert client.get(create).status_code == 403
    listing = client.get(reverse("disclosures:organisation_list"))
    assert "Trường Tiểu học Hòa Phú" in listing.text and "Trạm Y tế Hòa Phú" not in listing.text


def test_agency_head_does_not_manage_the_commune(client: Client, commune: AdministrativeUnit, agency: Any) -> None:
    head = _member("agency_head", agency, "hieu-truong")
    login(client, head)
    assert client.get(reverse("disclosures:create", args=[commune.slug])).status_code == 403


def test_soe_form_offers_soe_items(client: Client, commune: AdministrativeUnit) -> None:
    soe = Organisation.objects.create(
        kind=OrganisationKind.STATE_OWNED_ENTERPRISE, name="Công ty Thủy lợi", unit=commune
    )
    head = _member("agency_head", soe, "giam-doc")
    login(client, head)
    page = client.get(reverse("disclosures:organisation_create", args=[soe.pk]))
    assert "S1." in page.text and "A1." not in page.text


# --- Dashboard tasks -------------------------------------------------------------------------------------


def test_task_providers_are_registered() -> None:
    assert {"disclosures.requests", "disclosures.unpublished", "disclosures.relay"} <= set(registered_providers())


def test_officer_tasks_requests_and_unpublished(
    commune: AdministrativeUnit, commune_officer: User, other_commune_officer: User, request_row: Any
) -> None:
    services.disclosure_create(
        unit=commune,
        category=DisclosureCategory.objects.get(code="K3"),
        title="Quy hoạch sử dụng đất",
        decided_on=D(2026, 11, 10),
        actor=commune_officer,
        now=at(2026, 11, 10),
    )
    groups = collect_tasks(commune_officer, D(2026, 11, 22))
    titles = {item.title: item for _urgency, items in groups.groups() for item in items}
    assert "Trả lời yêu cầu cung cấp thông tin của Nguyễn Văn Hỏi" in titles
    assert titles["Công khai: Quy hoạch sử dụng đất"] in groups.overdue  # due 17/11
    assert titles["Trả lời yêu cầu cung cấp thông tin của Nguyễn Văn Hỏi"].due_date == D(2026, 11, 30)
    assert not list(tasks.information_request_tasks(other_commune_officer, D(2026, 11, 22)))
    assert not list(tasks.unpublished_disclosure_tasks(other_commune_officer, D(2026, 11, 22)))


def test_village_head_relay_tasks(
    commune: AdministrativeUnit, community: AdministrativeUnit, commune_officer: User, village_head: User
) -> None:
    item = services.disclosure_create(
        unit=commune,
        category=DisclosureCategory.objects.get(code="K7"),
        title="Chủ trương làm đường liên thôn",
        decided_on=D(2026, 11, 16),
        actor=commune_officer,
        now=at(2026, 11, 16),
    )
    services.disclosure_publish(disclosure=item, actor=commune_officer, now=at(2026, 11, 17))
    task = RelayTask.objects.get(community=community)
    found = list(tasks.relay_tasks(village_head, D(2026, 11, 22)))
    assert [entry.url for entry in found] == [reverse("disclosures:relay_acknowledge", args=[task.pk])]
    assert not list(tasks.relay_tasks(commune_officer, D(2026, 11, 22)))


# --- Recompute due dates ---------------------------------------------------------------------------------


def test_due_dates_recompute_after_a_new_override(
    commune: AdministrativeUnit, commune_officer: User, superuser: User, request_row: Any
) -> None:
    item = services.disclosure_create(
        unit=commune,
        category=DisclosureCategory.objects.get(code="K2"),
        title="Dự toán",
        decided_on=D(2026, 11, 16),
        actor=commune_officer,
        now=at(2026, 11, 16),
    )
    assert item.due_on == D(2026, 11, 23) and request_row.due_on == D(2026, 11, 30)
    assert services.disclosure_due_dates_recompute(actor=superuser, now=at(2026, 11, 17)) == 0
    calendar_services.override_create(
        day=D(2026, 11, 19),
        kind=OverrideKind.EXTRA_REST_DAY,
        name="Nghỉ bù (thử nghiệm)",
        source="Thông báo giả định",
        actor=superuser,
        now=at(2026, 11, 17),
    )
    changed = services.disclosure_due_dates_recompute(unit=commune, actor=superuser, now=at(2026, 11, 17))
    item.refresh_from_db()
    request_row.refresh_from_db()
    assert changed == 2 and item.due_on == D(2026, 11, 24) and request_row.due_on == D(2026, 12, 1)
    event = AuditEvent.objects.get(code="disclosures.disclosure.due_recomputed")
    assert event.object_id == str(item.pk)
    assert AuditEvent.objects.filter(code="disclosures.information_request.due_recomputed").count() == 1


def test_calendar_change_recomputes_due_dates_on_commit(
    commune: AdministrativeUnit, commune_officer: User, superuser: User, django_capture_on_commit_callbacks: Any
) -> None:
    item = services.disclosure_create(
        unit=commune,
        category=DisclosureCategory.objects.get(code="K2"),
        title="Dự toán",
        decided_on=D(2026, 11, 16),
        actor=commune_officer,
        now=at(2026, 11, 16),
    )
    assert item.due_on == D(2026, 11, 23)
    with django_capture_on_commit_callbacks(execute=True):
        calendar_services.override_create(
            day=D(2026, 11, 19),
            kind=OverrideKind.EXTRA_REST_DAY,
            name="Nghỉ bù (thử nghiệm)",
            source="Thông báo giả định",
            actor=superuser,
            now=at(2026, 11, 17),
        )
    item.refresh_from_db()
    assert item.due_on == D(2026, 11, 24)
    assert AuditEvent.objects.filter(code="disclosures.disclosure.due_recomputed").count() == 1


def test_plan_page_names_the_channels_in_words(
    client: Client, commune: AdministrativeUnit, commune_officer: User
) -> None:
    plan = services.plan_create(unit=commune, year=2027, title="Kế hoạch công khai năm 2027", actor=commune_officer)
    services.plan_item_add(
        plan=plan,
        category=DisclosureCategory.objects.get(code="K2"),
        content="Dự toán ngân sách 2027",
        channels=["headquarters_board", "portal"],
        planned_on=D(2027, 1, 5),
        owner="Công chức Tài chính - Kế toán",
        actor=commune_officer,
    )
    login(client, commune_officer)
    page = client.get(reverse("disclosures:plan_detail", args=[commune.slug, plan.pk]))
    assert "<td>Niêm yết tại trụ sở, Cổng, trang thông tin điện tử, mạng nội bộ</td>" in page.text
    assert "<td>headquarters_board, portal</td>" not in page.text
