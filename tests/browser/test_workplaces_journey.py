"""Journey at 360 px: a school principal opens the annual conference, records attendance and the vote on the
resolution, and issues it (issue 17). No page scrolls sideways."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import pytest
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from .conftest import PASSWORD

if TYPE_CHECKING:
    from grassroots.accounts.models import User

pytestmark = pytest.mark.browser

SLUG = "hoa-thu-trinh-duyet"


def _fits_the_phone(page: Page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= 360


def test_principal_holds_the_annual_conference_and_issues_its_resolution(
    page: Page, live_server: LiveServer, officer: User
) -> None:
    from grassroots.accounts.models import Role, RoleMembership, User
    from grassroots.units.models import AdministrativeUnit, Organisation
    from grassroots.workplaces.models import StaffMember

    commune = AdministrativeUnit.objects.get(slug=SLUG)
    school = Organisation.objects.create(
        kind="public_service_unit", name="Trường Tiểu học Trình Duyệt", short_name="THTD", unit=commune
    )
    for number in range(1, 10):
        StaffMember.objects.create(
            organisation=school, code=f"GV-{number}", full_name=f"Giáo viên {number}", active_from=dt.date(2020, 9, 1)
        )
    principal = User.objects.create_user(username="hieu-truong-trinh-duyet", password=PASSWORD, full_name="Lê Thị Hiệu")
    RoleMembership.objects.create(
        user=principal, role=Role.AGENCY_HEAD, unit=commune, organisation=school, valid_from=dt.date(2025, 7, 1)
    )
    base = live_server.url
    page.goto(f"{base}/tai-khoan/dang-nhap/")
    page.get_by_label("Tên đăng nhập hoặc số điện thoại").fill("hieu-truong-trinh-duyet")
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()

    page.goto(f"{base}/co-quan-doanh-nghiep/{school.pk}/")
    _fits_the_phone(page)
    page.get_by_role("link", name="Tổ chức hội nghị").click()
    page.get_by_role("button", name="Xác nhận").click()
    expect(page.get_by_text("Đang chuẩn bị")).to_be_visible()
    conference_url = page.url
    for step in ("agree_with_union", "notice_sent"):
        page.goto(f"{conference_url}chuan-bi/?buoc={step}")
        page.get_by_role("button", name="Xác nhận").click()
    page.get_by_role("link", name="Khai mạc, bắt đầu điểm danh").click()
    page.get_by_role("button", name="Xác nhận").click()
    _fits_the_phone(page)
    for _present in range(7):
        page.get_by_role("button", name="Có mặt").first.click()
    page.get_by_role("link", name="Chốt điểm danh").click()
    page.get_by_role("button", name="Xác nhận").click()
    expect(page.get_by_text("Đủ số người dự").first).to_be_visible()
    page.get_by_role("link", name="Thêm nội dung biểu quyết").click()
    page.get_by_label("Tên nội dung").fill("Nghị quyết Hội nghị viên chức năm 2025")
    page.get_by_label("Nội dung", exact=True).fill("Thông qua phương hướng năm học 2026–2027.")
    page.get_by_role("button", name="Xác nhận").click()
    page.get_by_role("link", name="Ghi kết quả biểu quyết").click()
    page.get_by_label("Số người tán thành").fill("6")
    page.get_by_label("Số người không tán thành").fill("1")
    page.get_by_role("button", name="Xác nhận").click()
    expect(page.locator(".badge-ok", has_text="Thông qua")).to_be_visible()
    page.get_by_role("link", name="Ban hành biên bản và nghị quyết").click()
    page.get_by_role("button", name="Xác nhận").click()
    expect(page.get_by_text("Đã ban hành nghị quyết").first).to_be_visible()
    expect(page.get_by_role("link", name="Nghị quyết hội nghị")).to_be_visible()
    _fits_the_phone(page)
