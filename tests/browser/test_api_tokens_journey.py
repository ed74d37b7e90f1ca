"""Journey at 360 px (issue 19): an officer sees the unread count in the header, opens the inbox, makes an API key
(shown once), sees only its prefix afterwards and revokes it. The header and the key page fit the phone."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pytest
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from .conftest import PASSWORD
from .phone_checks import PAGE_CHECK, problems

if TYPE_CHECKING:
    from grassroots.accounts.models import User

pytestmark = pytest.mark.browser


def _phone_problems(page: Page) -> list[str]:
    measured: dict[str, Any] = page.evaluate(PAGE_CHECK)
    return problems(measured)


def test_officer_reads_the_inbox_and_makes_then_revokes_an_api_key(
    page: Page, live_server: LiveServer, officer: User
) -> None:
    from grassroots.api.models import ApiToken
    from grassroots.notifications import services
    from grassroots.notifications.kinds import REMINDER

    for number in range(2):
        services.notify(users=[officer], kind=REMINDER, params={"title": f"Việc {number}", "days": 1, "due": ""})
    base = live_server.url
    page.goto(f"{base}/tai-khoan/dang-nhap/")
    page.get_by_label("Tên đăng nhập hoặc số điện thoại").fill(officer.username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()

    inbox_link = page.locator("header").get_by_role("link", name="Thông báo 2 chưa đọc")
    expect(inbox_link).to_be_visible()
    assert _phone_problems(page) == []
    inbox_link.click()
    expect(page.get_by_role("heading", name="Thông báo", level=1)).to_be_visible()

    page.goto(f"{base}/api/khoa/")
    assert _phone_problems(page) == []
    page.get_by_label("Tên gợi nhớ").fill("Cổng thông tin tỉnh")
    page.get_by_role("button", name="Tạo khoá").click()
    raw = page.get_by_label("Khoá", exact=True).input_value()
    token = ApiToken.objects.get(user=officer)
    assert raw.startswith(token.prefix) and len(raw) > 30
    assert _phone_problems(page) == []
    page.get_by_role("link", name="Đã chép xong").click()
    expect(page.get_by_text(f"{token.prefix}…", exact=True)).to_be_visible()
    assert raw not in page.content()
    page.get_by_role("button", name=f"Thu hồi khoá {token.prefix}…").click()
    expect(page.get_by_text("Đã thu hồi").first).to_be_visible()
    token.refresh_from_db()
    assert token.revoked_at is not None
