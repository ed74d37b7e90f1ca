"""Units in a real browser: a commune officer creates a community, adds a household with its
representative and sees the count go up; the household import page used with the keyboard only."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import pytest
from django.urls import reverse
from playwright.sync_api import Locator, Page, expect
from pytest_django.live_server_helper import LiveServer

from .conftest import PASSWORD

if TYPE_CHECKING:
    from grassroots.accounts.models import User

pytestmark = pytest.mark.browser

COMMUNE_SLUG = "hoa-thu-trinh-duyet"


def _login(page: Page, base: str, login: str) -> None:
    page.goto(f"{base}/tai-khoan/dang-nhap/")
    page.get_by_label("Tên đăng nhập hoặc số điện thoại").fill(login)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_load_state()


def _count_cell(page: Page, community_name: str) -> Locator:
    return (
        page.get_by_role("row")
        .filter(has=page.get_by_role("link", name=community_name, exact=True))
        .locator("td")
        .nth(2)
    )


def test_officer_creates_a_community_and_a_household_with_a_representative(
    page: Page, live_server: LiveServer, officer: User
) -> None:
    base = live_server.url
    _login(page, base, officer.username)
    page.goto(base + reverse("units:commune_detail", kwargs={"commune_slug": COMMUNE_SLUG}))
    page.get_by_role("link", name="Thêm thôn, tổ dân phố").click()
    page.get_by_label("Loại").select_option("thon")
    page.get_by_label("Tên", exact=True).fill("Thôn Đồng Xanh")
    page.get_by_label("Mã (số thứ tự của xã, không bắt buộc)").fill("07")
    page.get_by_label("Có hiệu lực từ ngày").fill("2026-01-01")
    page.get_by_role("button", name="Thêm thôn, tổ dân phố").click()
    expect(page.get_by_text("Đã thêm Thôn Đồng Xanh.")).to_be_visible()
    expect(_count_cell(page, "Thôn Đồng Xanh")).to_have_text("0")

    page.get_by_role("link", name="Thôn Đồng Xanh", exact=True).click()
    page.get_by_role("link", name="Thêm hộ gia đình").click()
    page.get_by_label("Mã hộ").fill("DX-01")
    page.get_by_label("Địa chỉ").fill("Xóm Đồng")
    page.get_by_label("Cư trú từ ngày").fill("2026-02-01")
    page.get_by_role("button", name="Thêm hộ").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Hộ DX-01")

    page.get_by_role("link", name="Thêm thành viên").click()
    page.get_by_label("Họ và tên").fill("Lê Thị Đại Diện")
    page.get_by_label("Ngày sinh").fill("1980-05-05")
    page.get_by_label("Giới tính").select_option("female")
    page.get_by_label("Là người đại diện hộ").check()
    page.get_by_role("button", name="Thêm thành viên").click()
    expect(page.get_by_text("Đã thêm Lê Thị Đại Diện vào hộ.")).to_be_visible()
    expect(page.locator("dd").filter(has_text="Lê Thị Đại Diện")).to_be_visible()

    page.goto(base + reverse("units:commune_detail", kwargs={"commune_slug": COMMUNE_SLUG}))
    expect(_count_cell(page, "Thôn Đồng Xanh")).to_have_text("1")


def test_keyboard_only_pass_over_the_import_page(page: Page, live_server: LiveServer, officer: User) -> None:
    base = live_server.url
    _login(page, base, officer.username)
    page.goto(base + reverse("units:household_import", kwargs={"commune_slug": COMMUNE_SLUG}))
    reached: list[str] = []
    for _ in range(40):
        page.keyboard.press("Tab")
        focused = page.evaluate("document.activeElement.id || document.activeElement.textContent.trim()")
        reached.append(focused)
        if focused == "id_file":
            break
    assert "id_file" in reached, reached
    assert any(re.search("Excel", text or "") for text in reached), reached
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Kiểm tra và nhập"
    # Submitting with no file, from the keyboard, shows the error summary with a link back to the field.
    page.keyboard.press("Enter")
    summary = page.locator("#error-summary")
    expect(summary).to_be_visible()
    summary.get_by_role("link").first.focus()
    page.keyboard.press("Enter")
    expect(page.locator("#id_file")).to_be_focused()
