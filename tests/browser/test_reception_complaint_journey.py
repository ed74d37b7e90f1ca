"""Journey at 360 px: a commune officer records a reception session held by the chair, records a citizen who
brings a complaint there, follows it to the case it became (channel "reception session", on its legal clocks, the
90-day filing limit checked) and tells the citizen it is accepted. No page scrolls sideways."""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING

import pytest
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from .conftest import PASSWORD

if TYPE_CHECKING:
    from grassroots.accounts.models import User

pytestmark = pytest.mark.browser

SLUG = "hoa-thu-trinh-duyet"


def _log_in(page: Page, base: str, username: str) -> None:
    page.goto(f"{base}/tai-khoan/dang-nhap/")
    page.get_by_label("Tên đăng nhập hoặc số điện thoại").fill(username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()


def _fits_the_phone(page: Page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= 360


def test_officer_records_a_complaint_received_at_a_reception_session(
    page: Page, live_server: LiveServer, officer: User
) -> None:
    from grassroots.accounts.models import Role, RoleMembership, User
    from grassroots.core import clock
    from grassroots.petitions.models import Case
    from grassroots.units.models import AdministrativeUnit

    commune = AdministrativeUnit.objects.get(slug=SLUG)
    chair = User.objects.create_user(username="chu-tich-tiep-dan", password=PASSWORD, full_name="Đinh Văn Chủ")
    RoleMembership.objects.create(user=chair, role=Role.COMMUNE_CHAIR, unit=commune, valid_from=dt.date(2025, 7, 1))
    today = clock.today()
    known = today - dt.timedelta(days=20)
    base = live_server.url

    _log_in(page, base, officer.username)
    page.goto(f"{base}/tiep-cong-dan/can-bo/{SLUG}/")
    page.get_by_role("link", name="Ghi nhận buổi tiếp").click()
    _fits_the_phone(page)
    page.get_by_label("Ngày tiếp").fill(today.isoformat())
    page.get_by_label("Người tiếp").select_option(label="Đinh Văn Chủ")
    page.get_by_label("Địa điểm", exact=True).fill("Phòng tiếp công dân UBND xã")
    page.get_by_role("button", name="Lưu").click()
    expect(page.get_by_text("Đã ghi nhận buổi tiếp công dân.")).to_be_visible()

    page.get_by_role("link", name="Thêm công dân được tiếp").click()
    _fits_the_phone(page)
    page.get_by_label("Họ và tên công dân").fill("Trần Thị Khiếu")
    page.get_by_label("Số định danh cá nhân").fill("001185004321")
    page.get_by_label("Địa chỉ", exact=True).fill("Thôn 1")
    page.get_by_label("Nội dung công dân trình bày").fill("Không đồng ý với quyết định xử phạt vi phạm hành chính.")
    page.get_by_label("Tiếp nhận thành vụ việc").select_option(label="Khiếu nại")
    page.get_by_label("Tiêu đề vụ việc").fill("Khiếu nại quyết định xử phạt")
    page.get_by_label("Khiếu nại: ngày biết được quyết định, hành vi bị khiếu nại").fill(known.isoformat())
    page.get_by_role("button", name="Lưu").click()
    expect(page.get_by_text(re.compile(r"Đã tạo vụ việc #\d+\."))).to_be_visible()
    _fits_the_phone(page)

    case = Case.objects.get(title="Khiếu nại quyết định xử phạt")
    assert (case.channel, case.kind, case.received_on, case.act_known_on) == ("reception", "complaint", today, known)
    assert not case.filed_late

    page.get_by_role("link", name=f"Vụ việc #{case.pk} (Khiếu nại)").click()
    expect(page.get_by_role("heading", name=f"#{case.pk} Khiếu nại quyết định xử phạt")).to_be_visible()
    expect(page.get_by_text("Buổi tiếp công dân", exact=False).first).to_be_visible()
    expect(page.get_by_role("heading", name="Thời hiệu khiếu nại (90 ngày)")).to_be_visible()
    expect(page.get_by_text("Hạn thụ lý khiếu nại")).to_be_visible()
    expect(page.get_by_text("Quá thời hiệu")).to_have_count(0)
    _fits_the_phone(page)

    page.get_by_label("Thông báo cho người gửi").select_option("accepted")
    page.get_by_role("button", name="Ghi thông báo").click()
    expect(page.get_by_text("Đã ghi thông báo cho người gửi.")).to_be_visible()
    case.refresh_from_db()
    assert (case.status, case.accepted_on) == ("acknowledged", today)
