"""Journeys in a real browser: a commune officer logs in and sees the dashboard in Vietnamese;
an accessibility smoke check over the main pages; the login done with the keyboard only."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from .conftest import COMMUNE_NAME, OFFICER_PHONE, PASSWORD

if TYPE_CHECKING:
    from grassroots.accounts.models import User

pytestmark = pytest.mark.browser

# Runs in the page: returns a list of problems (empty when the page passes).
A11Y_CHECK = """
() => {
  const problems = [];
  const lang = document.documentElement.getAttribute('lang');
  if (!lang) problems.push('html has no lang');
  const h1 = document.querySelectorAll('h1').length;
  if (h1 !== 1) problems.push(`expected one h1, found ${h1}`);
  for (const selector of ['header', 'nav', 'main', 'footer']) {
    if (!document.querySelector(selector)) problems.push(`missing landmark ${selector}`);
  }
  if (!document.querySelector('a.skip-link[href="#main"]')) problems.push('missing skip link');
  if (!document.title.trim()) problems.push('empty title');
  const controls = document.querySelectorAll('input, select, textarea');
  for (const el of controls) {
    if (['hidden', 'submit', 'button'].includes(el.type)) continue;
    const named = (el.labels && el.labels.length)
      || el.getAttribute('aria-label') || el.getAttribute('aria-labelledby');
    if (!named) problems.push(`control without label: ${el.name || el.id}`);
  }
  for (const img of document.querySelectorAll('img')) {
    if (!img.hasAttribute('alt')) problems.push(`img without alt: ${img.src}`);
  }
  for (const el of document.querySelectorAll('a[href], button')) {
    const text = (el.innerText || el.getAttribute('aria-label') || '').trim();
    if (!text) problems.push(`link or button without text: ${el.outerHTML.slice(0, 80)}`);
  }
  for (const el of document.querySelectorAll('main button, main input:not([type=hidden]), main select')) {
    const box = el.getBoundingClientRect();
    if (box.height > 0 && box.height < 44) problems.push(`target under 44px: ${el.name || el.outerHTML.slice(0, 60)}`);
  }
  const ids = [...document.querySelectorAll('[id]')].map(el => el.id);
  const duplicates = ids.filter((id, i) => ids.indexOf(id) !== i);
  if (duplicates.length) problems.push(`duplicate ids: ${duplicates.join(', ')}`);
  for (const th of document.querySelectorAll('table')) {
    if (!th.querySelector('th')) problems.push('table without header cells');
  }
  return problems;
}
"""


def _login(page: Page, base: str, login: str) -> None:
    page.goto(f"{base}/tai-khoan/dang-nhap/")
    page.get_by_label("Tên đăng nhập hoặc số điện thoại").fill(login)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()


def _expect_dashboard(page: Page, base: str) -> None:
    expect(page).to_have_url(f"{base}/can-bo/")
    expect(page.locator("html")).to_have_attribute("lang", "vi")
    expect(page.get_by_role("heading", level=1)).to_have_text("Việc cần làm")
    expect(page.locator(".commune-name")).to_have_text(COMMUNE_NAME)
    expect(page.get_by_text("Cán bộ, công chức xã")).to_be_visible()


def test_officer_logs_in_by_username_and_sees_the_dashboard_in_vietnamese(
    page: Page, live_server: LiveServer, officer: User
) -> None:
    _login(page, live_server.url, officer.username)
    _expect_dashboard(page, live_server.url)
    expect(page.get_by_text("Hiện không có việc nào cần làm.")).to_be_visible()


def test_officer_logs_in_by_phone_number(page: Page, live_server: LiveServer, officer: User) -> None:
    _login(page, live_server.url, OFFICER_PHONE)
    _expect_dashboard(page, live_server.url)


def test_accessibility_smoke_on_main_pages(page: Page, live_server: LiveServer, officer: User) -> None:
    base = live_server.url
    pages = ["/", "/?q=H%C3%B2a", "/xa/hoa-thu-trinh-duyet/", "/tai-khoan/dang-nhap/"]
    found: dict[str, list[str]] = {}
    for path in pages:
        page.goto(base + path)
        found[path] = page.evaluate(A11Y_CHECK)
    _login(page, base, officer.username)
    found["/can-bo/"] = page.evaluate(A11Y_CHECK)
    assert found == {path: [] for path in found}


def test_language_switch_to_english_and_back(page: Page, live_server: LiveServer, officer: User) -> None:
    page.goto(live_server.url + "/")
    page.get_by_role("link", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    page.get_by_role("link", name="Tiếng Việt").click()
    expect(page.locator("html")).to_have_attribute("lang", "vi")


def test_keyboard_only_login(page: Page, live_server: LiveServer, officer: User) -> None:
    page.goto(live_server.url + "/tai-khoan/dang-nhap/")
    for _ in range(15):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "id_username":
            break
    assert page.evaluate("document.activeElement.id") == "id_username"
    page.keyboard.type(officer.username)
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "id_password"
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    _expect_dashboard(page, live_server.url)
