"""Journey at 360 px: a resident files feedback with a photo from their phone; the chair acknowledges, takes it,
answers; the resident follows it to the answer and rates it. No page scrolls sideways."""

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
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 256


def _log_in(page: Page, base: str, username: str) -> None:
    page.goto(f"{base}/tai-khoan/dang-nhap/")
    page.get_by_label("Tên đăng nhập hoặc số điện thoại").fill(username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()


def _fits_the_phone(page: Page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= 360


def test_resident_files_feedback_with_a_photo_and_follows_it_to_the_answer(
    page: Page, live_server: LiveServer, officer: User
) -> None:
    from grassroots.accounts.models import Role, RoleMembership, User
    from grassroots.units.models import AdministrativeUnit

    commune = AdministrativeUnit.objects.get(slug=SLUG)
    village = commune.children.order_by("code").first()
    assert village is not None
    resident = User.objects.create_user(username="dan-trinh-duyet", password=PASSWORD, full_name="Võ Thị Dân")
    RoleMembership.objects.create(user=resident, role=Role.RESIDENT, unit=village, valid_from=dt.date(2025, 7, 1))
    chair = User.objects.create_user(username="chu-tich-trinh-duyet", password=PASSWORD, full_name="Đinh Văn Chủ")
    RoleMembership.objects.create(user=chair, role=Role.COMMUNE_CHAIR, unit=commune, valid_from=dt.date(2025, 7, 1))
    base = live_server.url

    _log_in(page, base, "dan-trinh-duyet")
    page.goto(f"{base}/phan-anh-kien-nghi/gui/{SLUG}/")
    _fits_the_phone(page)
    page.get_by_label("Phản ánh").check()
    page.get_by_label("Tiêu đề ngắn").fill("Cây đổ chắn đường")
    page.get_by_label("Nội dung", exact=True).fill("Cây đổ sau bão chắn ngang đường liên thôn.")
    page.get_by_label("Địa điểm (địa chỉ, nếu có)").fill("Đường liên thôn, gần cầu")
    page.get_by_label("Ảnh (không bắt buộc)").set_input_files(
        {"name": "cay-do.jpg", "mimeType": "image/jpeg", "buffer": JPEG}
    )
    page.get_by_label("Cho phép công khai nội dung và câu trả lời (không công khai tên của bạn)").check()
    page.get_by_role("button", name="Gửi", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Cây đổ chắn đường")
    expect(page.get_by_text("1 ảnh kèm theo")).to_be_visible()
    expect(page.get_by_text("Hạn:").first).to_be_visible()
    _fits_the_phone(page)
    case_url = page.url
    page.get_by_role("button", name="Đăng xuất").click()

    _log_in(page, base, "chu-tich-trinh-duyet")
    page.goto(f"{base}/phan-anh-kien-nghi/can-bo/{SLUG}/")
    _fits_the_phone(page)
    page.get_by_role("link", name="Cây đổ chắn đường").click()
    expect(page.get_by_text("Võ Thị Dân")).to_be_visible()
    page.get_by_label("Thông báo cho người gửi").select_option("accepted")
    page.get_by_role("button", name="Ghi thông báo").click()
    page.get_by_label("Giao cho").select_option(label="Đinh Văn Chủ")
    page.get_by_role("button", name="Giao xử lý").click()
    page.get_by_role("button", name="Bắt đầu xử lý").click()
    page.get_by_label("Nội dung trả lời").fill("Đã cho dọn cây sáng nay.")
    page.get_by_role("button", name="Gửi trả lời").click()
    expect(page.get_by_text("Đã gửi trả lời.")).to_be_visible()
    _fits_the_phone(page)
    page.get_by_role("button", name="Đăng xuất").click()

    _log_in(page, base, "dan-trinh-duyet")
    page.goto(case_url)
    expect(page.get_by_text("Đã cho dọn cây sáng nay.")).to_be_visible()
    page.get_by_label("5 — Rất hài lòng").check()
    page.get_by_role("button", name="Gửi đánh giá").click()
    expect(page.get_by_text("Cảm ơn bạn đã đánh giá.")).to_be_visible()
    _fits_the_phone(page)
