"""Journey at 360 px: a resident books a slot at the chair's reception from their phone, sees it, cancels it and
books again; the commune officer sees the booking on the reception desk. No page scrolls sideways."""

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


def _log_in(page: Page, base: str, username: str) -> None:
    page.goto(f"{base}/tai-khoan/dang-nhap/")
    page.get_by_label("Tên đăng nhập hoặc số điện thoại").fill(username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()


def _fits_the_phone(page: Page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= 360


def test_resident_books_cancels_and_rebooks_and_the_officer_sees_it(
    page: Page, live_server: LiveServer, officer: User
) -> None:
    from grassroots.accounts.models import Role, RoleMembership, User
    from grassroots.core import clock
    from grassroots.reception import services
    from grassroots.units.models import AdministrativeUnit

    commune = AdministrativeUnit.objects.get(slug=SLUG)
    village = commune.children.order_by("code").first()
    assert village is not None
    chair = User.objects.create_user(username="chu-tich-dat-lich", password=PASSWORD, full_name="Đinh Văn Chủ")
    RoleMembership.objects.create(user=chair, role=Role.COMMUNE_CHAIR, unit=commune, valid_from=dt.date(2025, 7, 1))
    today = clock.today()
    services.schedule_set(
        unit=commune,
        weekday=(today + dt.timedelta(days=2)).weekday(),
        weeks=(),
        start_time=dt.time(7, 30),
        end_time=dt.time(11, 0),
        place="Phòng tiếp công dân",
        valid_from=today,
        actor=chair,
    )
    resident = User.objects.create_user(username="dan-dat-lich", password=PASSWORD, full_name="Võ Thị Hẹn")
    RoleMembership.objects.create(user=resident, role=Role.RESIDENT, unit=village, valid_from=dt.date(2025, 7, 1))
    base = live_server.url

    _log_in(page, base, "dan-dat-lich")
    page.goto(f"{base}/tiep-cong-dan/lich/{SLUG}/")
    page.get_by_role("link", name="Đặt lịch gặp Chủ tịch").click()
    _fits_the_phone(page)
    page.get_by_label("Số điện thoại").fill("0912 345 678")
    page.get_by_label("Nội dung cần trình bày").fill("Xin hỏi về cấp giấy chứng nhận đất")
    page.get_by_role("button", name="08:00").first.click()
    expect(page.get_by_text("Đã đặt lịch. Hãy mang theo giấy tờ tùy thân khi đến.")).to_be_visible()
    expect(page.get_by_role("heading", name="Lịch hẹn của bạn")).to_be_visible()
    _fits_the_phone(page)
    page.get_by_role("button", name="Hủy lịch hẹn").click()
    expect(page.get_by_text("Đã hủy lịch hẹn.")).to_be_visible()
    page.get_by_label("Số điện thoại").fill("0912 345 678")
    page.get_by_label("Nội dung cần trình bày").fill("Xin hỏi về cấp giấy chứng nhận đất")
    page.get_by_role("button", name="09:00").first.click()
    expect(page.get_by_text("Đã đặt lịch. Hãy mang theo giấy tờ tùy thân khi đến.")).to_be_visible()

    page.context.clear_cookies()
    _log_in(page, base, officer.username)
    page.goto(f"{base}/tiep-cong-dan/can-bo/{SLUG}/")
    _fits_the_phone(page)
    expect(page.get_by_role("heading", name="Công dân đã đặt lịch")).to_be_visible()
    expect(page.get_by_text("0912 345 678")).to_be_visible()
