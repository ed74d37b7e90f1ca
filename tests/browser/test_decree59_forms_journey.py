"""Browser journey on a phone (360 px): a village head prepares a household-ballot campaign, records the plan
as sent, and issues the meeting notice (Mẫu 01) of a D6 meeting from the Decree 59 forms page (issue 12)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import pytest
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from .conftest import PASSWORD

if TYPE_CHECKING:
    from grassroots.units.models import AdministrativeUnit

pytestmark = pytest.mark.browser


@pytest.fixture
def village(transactional_db: None) -> AdministrativeUnit:
    from grassroots.accounts.models import Role, RoleMembership, User
    from grassroots.units.models import AdministrativeUnit, Household, Resident, UnitKind, UnitLevel

    def kind(code: str, level: str) -> UnitKind:
        return UnitKind.objects.get_or_create(code=code, defaults={"name": code, "level": level})[0]

    province = AdministrativeUnit.objects.create(
        level=UnitLevel.PROVINCE, name="Tỉnh Mẫu", code="T97", slug="tinh-mau", kind=kind("tinh", "province")
    )
    commune = AdministrativeUnit.objects.create(
        level=UnitLevel.COMMUNE, name="Xã Mẫu", parent=province, code="X9701", slug="xa-mau", kind=kind("xa", "commune")
    )
    community = AdministrativeUnit.objects.create(
        level=UnitLevel.COMMUNITY, name="Thôn Mẫu", parent=commune, code="01", kind=kind("thon", "community")
    )
    for code in ("MA-01", "MA-02", "MA-03"):
        household = Household.objects.create(community=community, code=code, active_from=dt.date(2020, 1, 1))
        household.representative = Resident.objects.create(household=household, full_name=f"Đại diện {code}")
        household.save()
    head = User.objects.create_user(username="truong-thon-mau", password=PASSWORD, full_name="Lê Văn Trưởng")
    RoleMembership.objects.create(user=head, role=Role.VILLAGE_HEAD, unit=community, valid_from=dt.date(2025, 7, 1))
    return community


def test_village_head_prepares_a_ballot_campaign_and_issues_a_notice_on_a_phone(
    page: Page, live_server: LiveServer, village: AdministrativeUnit
) -> None:
    from grassroots.core import clock

    base = live_server.url
    today = clock.now().astimezone(clock.local_zone()).date()
    page.goto(f"{base}/tai-khoan/dang-nhap/")
    page.get_by_label("Tên đăng nhập hoặc số điện thoại").fill("truong-thon-mau")
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()

    page.goto(f"{base}/ban-va-quyet-dinh/")
    page.get_by_test_id("ballot-new").click()
    page.get_by_label("Tên nội dung").fill("Giờ mở cửa nhà văn hóa")
    page.get_by_label("Nội dung lấy ý kiến").fill("Mở cửa đến 21 giờ?")
    page.get_by_label("Bắt đầu").fill(f"{today + dt.timedelta(days=3)}T08:00")
    page.get_by_label("Hạn cuối").fill(f"{today + dt.timedelta(days=6)}T17:00")
    page.get_by_label("Ngày ban hành kế hoạch phát phiếu").fill(today.isoformat())
    page.get_by_label("Ngày đã công khai, thông báo đến các hộ").fill(today.isoformat())
    page.get_by_label("Thành viên tổ", exact=False).fill("Tổ Trưởng\nThành Viên Hai")
    page.get_by_role("button", name="Tạo và thông báo").click()
    expect(page.locator("#error-summary, .error-summary")).to_be_visible()  # two members: refused, input kept
    expect(page.get_by_label("Tên nội dung")).to_have_value("Giờ mở cửa nhà văn hóa")
    page.get_by_label("Thành viên tổ", exact=False).fill("Tổ Trưởng\nThành Viên Hai\nThành Viên Ba")
    page.get_by_role("button", name="Tạo và thông báo").click()
    page.get_by_test_id("forms-link").click()
    expect(page.get_by_test_id("plan-due")).to_be_visible()
    page.get_by_role("button", name="Ghi nhận đã gửi kế hoạch").click()
    expect(page.get_by_test_id("plan-sent")).to_be_visible()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360  # nothing wider than the phone

    page.goto(f"{base}/ban-va-quyet-dinh/thon/{village.pk}/hop-moi/")
    page.get_by_label("Nhóm nội dung").select_option("D6")
    page.get_by_label("Tên nội dung").fill("Sân chơi trẻ em")
    page.get_by_label("Nội dung đưa ra biểu quyết").fill("Làm sân chơi ở nhà văn hóa?")
    page.get_by_label("Thời gian họp").fill(f"{today + dt.timedelta(days=4)}T19:00")
    page.get_by_label("Ngày đã gửi giấy mời, thông báo họp").fill(today.isoformat())
    page.get_by_role("button", name="Tạo cuộc họp").click()
    page.get_by_test_id("forms-link").click()
    page.get_by_label("Địa điểm họp").fill("Nhà văn hóa Thôn Mẫu")
    page.get_by_role("button", name="Lập Mẫu 01").click()
    expect(page.get_by_test_id("issued-mau01")).to_contain_text("Đã lập")
