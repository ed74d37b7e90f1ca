"""Journey at 360 px (issue 16): a province officer issues a plan, a commune officer opens it and derives the
commune's own, records progress on a task, and submits its six-month report with the numbers filled in from the
platform (a number opens the records behind it); the province sees it in the scorecard."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import pytest
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from .conftest import COMMUNE_NAME, PASSWORD

if TYPE_CHECKING:
    from grassroots.accounts.models import User

pytestmark = pytest.mark.browser

PLAN = """ỦY BAN NHÂN DÂN TỈNH THỬ

Số: 49/KH-UBND

Tỉnh Thử, ngày 10 tháng 02 năm 2026

KẾ HOẠCH

Thực hiện dân chủ ở cơ sở năm 2026

I. NỘI DUNG THỰC HIỆN

1. Công khai thông tin đúng hạn

- Cơ quan thực hiện: UBND các xã, phường.
- Thời gian thực hiện: Thường xuyên.
"""


def _fits_the_phone(page: Page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= 360


def _sign_in(page: Page, base: str, username: str) -> None:
    page.context.clear_cookies()
    page.goto(f"{base}/tai-khoan/dang-nhap/")
    page.get_by_label("Tên đăng nhập hoặc số điện thoại").fill(username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()


def _sign(page: Page, name: str) -> None:
    """The draft's signer, which the import could not read: corrected on the edit page before issuing."""
    _fits_the_phone(page)
    page.get_by_label("Thẩm quyền ký (TM., KT. …)").fill("TM. ỦY BAN NHÂN DÂN")
    page.get_by_label("Chức vụ người ký").fill("CHỦ TỊCH")
    page.get_by_label("Họ tên người ký").fill(name)
    page.get_by_role("button", name="Lưu chỉnh sửa").click()
    expect(page.get_by_text("Đã lưu các chỉnh sửa của dự thảo.")).to_be_visible()


def test_province_plan_commune_report_scorecard(page: Page, live_server: LiveServer, officer: User) -> None:
    from grassroots.accounts.models import Role, RoleMembership, User
    from grassroots.petitions.models import Case
    from grassroots.units.models import AdministrativeUnit

    commune = AdministrativeUnit.objects.get(name=COMMUNE_NAME)
    province = commune.parent
    assert province is not None
    provincial = User.objects.create_user(username="so-noi-vu-thu", password=PASSWORD, full_name="Bùi Thị Sở")
    RoleMembership.objects.create(
        user=provincial, role=Role.PROVINCIAL_OFFICER, unit=province, valid_from=dt.date(2025, 7, 1)
    )
    for n in range(3):  # activity in the six-month window: the report counts it
        Case.objects.create(
            unit=commune,
            kind="feedback",
            channel="online",
            title=f"Phản ánh {n}",
            content=".",
            received_on=dt.date(2026, 3, 2),
            acknowledged_on=dt.date(2026, 3, 3) if n else None,
        )
    base = live_server.url

    _sign_in(page, base, "so-noi-vu-thu")
    page.goto(f"{base}/ke-hoach/nhap/")
    _fits_the_phone(page)
    page.get_by_label("Đơn vị ban hành").select_option(label=province.name)
    page.get_by_label("Tệp kế hoạch (.docx hoặc .txt)").set_input_files(
        {"name": "ke-hoach.txt", "mimeType": "text/plain", "buffer": PLAN.encode()}
    )
    page.get_by_role("button", name="Nhập").click()
    page.get_by_role("link", name="Sửa dự thảo").click()
    _sign(page, "Trần Văn Ký")
    page.get_by_role("button", name="Ban hành kế hoạch").click()
    expect(page.get_by_text("Đã ban hành kế hoạch.")).to_be_visible()
    plan_url = page.url

    _sign_in(page, base, "canbo-trinh-duyet")
    page.goto(plan_url)
    page.get_by_role("button", name=f"Xây dựng kế hoạch triển khai cho {COMMUNE_NAME}").click()
    page.get_by_role("link", name="Sửa dự thảo").click()
    _sign(page, "Lê Thị Xã")
    page.get_by_role("button", name="Ban hành kế hoạch").click()
    expect(page.get_by_text("Đã ban hành kế hoạch.")).to_be_visible()
    task = page.locator("li", has_text="Công khai thông tin đúng hạn").locator("details")
    task.locator("summary").click()
    _fits_the_phone(page)
    task.get_by_label("Tiến độ").fill("Đã niêm yết 12 tin tại nhà văn hóa xã.")
    task.get_by_role("button", name="Ghi tiến độ").click()
    expect(page.get_by_text("Đã niêm yết 12 tin tại nhà văn hóa xã.")).to_be_visible()
    page.goto(f"{base}/ke-hoach/")
    page.get_by_role("button", name="Báo cáo 6 tháng 2026").click()
    _fits_the_phone(page)
    received = page.get_by_role("row", name="Phản ánh, kiến nghị, khiếu nại, tố cáo đã tiếp nhận")
    expect(received).to_contain_text("3")
    received.get_by_role("link").click()  # the records behind the number
    expect(page.get_by_text("3 hồ sơ")).to_be_visible()
    expect(page.get_by_text("Phản ánh 2")).to_be_visible()
    _fits_the_phone(page)
    page.go_back()
    page.get_by_label("Đánh giá chung").fill("Thực hiện tốt công khai, tiếp nhận phản ánh.")
    page.get_by_role("button", name="Lưu", exact=True).click()
    page.get_by_role("button", name="Gửi báo cáo lên cấp trên").click()
    expect(page.get_by_text("Đã gửi báo cáo lên cấp trên.")).to_be_visible()

    _sign_in(page, base, "so-noi-vu-thu")
    page.goto(f"{base}/ke-hoach/tinh/{province.pk}/bang-diem/?ky=semiannual&nam=2026")
    _fits_the_phone(page)
    row = page.get_by_role("row", name=COMMUNE_NAME)
    expect(row).to_contain_text("Đã gửi, chờ xem xét")
    expect(row).to_contain_text("66,7")  # 2 of 3 cases acknowledged on time (Vietnamese decimal comma)
