"""Journey: an officer publishes a K2 budget disclosure with a PDF attachment; a resident finds it on the
portal by searching without diacritics and opens it."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from .conftest import OFFICER_PHONE, PASSWORD

if TYPE_CHECKING:
    from grassroots.accounts.models import User

pytestmark = pytest.mark.browser

SLUG = "hoa-thu-trinh-duyet"
TITLE = "Công khai ngân sách xã năm 2027"
PDF = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"


@pytest.fixture
def categories(transactional_db: None) -> None:
    # A transactional test database is flushed between tests, which removes migration-seeded rows.
    from grassroots.disclosures import catalogue
    from grassroots.disclosures.models import DisclosureCategory

    catalogue.seed(DisclosureCategory)


def test_officer_publishes_k2_and_resident_finds_it_without_diacritics(
    page: Page, live_server: LiveServer, officer: User, categories: None
) -> None:
    from grassroots.core import clock

    base = live_server.url
    page.goto(f"{base}/tai-khoan/dang-nhap/")
    page.get_by_label("Tên đăng nhập hoặc số điện thoại").fill(OFFICER_PHONE)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()

    page.goto(f"{base}/cong-khai/quan-ly/{SLUG}/them/")
    page.get_by_label("Nội dung công khai (Điều 11)").select_option(
        label=page.locator("#id_category option", has_text="K2.").inner_text()
    )
    page.get_by_label("Tiêu đề").fill(TITLE)
    page.get_by_label("Số, ký hiệu văn bản quyết định").fill("21/NQ-HĐND")
    page.get_by_label("Ngày quyết định").fill(clock.today().isoformat())
    page.get_by_label("Nội dung", exact=True).fill("Tổng thu ngân sách xã: 12.345 triệu đồng.")
    page.get_by_label("Tệp đính kèm (PDF, DOCX, PNG, JPG; tối đa 10 MB)").set_input_files(
        {"name": "du-toan-2027.pdf", "mimeType": "application/pdf", "buffer": PDF}
    )
    page.get_by_role("button", name="Lưu").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    page.get_by_role("button", name="Công khai", exact=True).click()
    expect(page.get_by_text("Đã công khai.")).to_be_visible()
    page.get_by_role("button", name="Đăng xuất").click()

    # A resident, not logged in, searches without diacritics.
    page.goto(f"{base}/cong-khai/{SLUG}/")
    page.get_by_label("Tìm kiếm (gõ có dấu hoặc không dấu)").fill("cong khai ngan sach")
    page.get_by_role("button", name="Tìm").click()
    result = page.get_by_role("link", name=TITLE)
    expect(result).to_be_visible()
    result.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(page.get_by_role("link", name="du-toan-2027.pdf")).to_be_visible()
    expect(page.get_by_role("heading", name="Lịch sử công khai")).to_be_visible()
