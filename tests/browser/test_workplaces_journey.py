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


def test_principal_sends_secret_ballots_counts_them_and_publishes_the_result(
    page: Page, live_server: LiveServer, officer: User
) -> None:
    """Force majeure prevented the conference: the principal, after agreeing with the union, sends secret ballots to
    all staff to elect the People's Inspection Board, records who returned one (never what), and counts."""
    from grassroots.accounts.models import Role, RoleMembership, User
    from grassroots.units.models import AdministrativeUnit, Organisation
    from grassroots.workplaces.models import StaffMember

    commune = AdministrativeUnit.objects.get(slug=SLUG)
    school = Organisation.objects.create(
        kind="public_service_unit", name="Trường Mầm non Trình Duyệt", short_name="MNTD", unit=commune
    )
    for number in range(1, 6):
        StaffMember.objects.create(
            organisation=school, code=f"MN-{number}", full_name=f"Cô giáo {number}", active_from=dt.date(2020, 9, 1)
        )
    principal = User.objects.create_user(username="hieu-truong-mam-non", password=PASSWORD, full_name="Vũ Thị Mai")
    RoleMembership.objects.create(
        user=principal, role=Role.AGENCY_HEAD, unit=commune, organisation=school, valid_from=dt.date(2025, 7, 1)
    )
    base = live_server.url
    page.goto(f"{base}/tai-khoan/dang-nhap/")
    page.get_by_label("Tên đăng nhập hoặc số điện thoại").fill("hieu-truong-mam-non")
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()

    page.goto(f"{base}/co-quan-doanh-nghiep/{school.pk}/")
    page.get_by_role("link", name="Phát phiếu lấy ý kiến").click()
    _fits_the_phone(page)
    page.get_by_label("Không tổ chức được hội nghị vì sự kiện bất khả kháng").check()
    page.get_by_label("Sự kiện bất khả kháng (khi không tổ chức được hội nghị)").fill("Bão lũ làm ngập trường")
    page.get_by_label("Loại nội dung").select_option("inspection_board")
    page.get_by_label("Tên nội dung").fill("Bầu Ban Thanh tra nhân dân nhiệm kỳ mới")
    page.get_by_label("Nội dung lấy phiếu").fill("Bầu 3 thành viên Ban Thanh tra nhân dân.")
    page.get_by_role("button", name="Xác nhận").click()
    expect(page.get_by_text("Phiếu kín", exact=True)).to_be_visible()
    page.get_by_role("link", name="Phát phiếu, chốt danh sách").click()
    page.get_by_role("button", name="Xác nhận").click()
    _fits_the_phone(page)
    for _returned in range(5):
        page.locator("a[href*='nop-phieu/?ma=']").first.click()
        expect(page.locator("input[name='choice']")).to_have_count(0)  # a secret ballot: nothing to write down
        page.get_by_role("button", name="Xác nhận").click()
    page.get_by_role("link", name="Kiểm phiếu, công bố kết quả").click()
    page.get_by_label("Số phiếu đồng ý").fill("4")
    page.get_by_label("Số phiếu không đồng ý").fill("0")
    page.get_by_label("Số phiếu không có ý kiến").fill("0")
    page.get_by_role("button", name="Xác nhận").click()
    expect(page.get_by_text("bằng số phiếu đã thu về").first).to_be_visible()  # 4 of 5 returned: refused
    page.get_by_label("Số phiếu không có ý kiến").fill("1")
    page.get_by_role("button", name="Xác nhận").click()
    expect(page.locator(".badge-ok", has_text="Thông qua")).to_be_visible()
    expect(page.get_by_role("link", name="Biên bản kiểm phiếu")).to_be_visible()
    _fits_the_phone(page)
