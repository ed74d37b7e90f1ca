"""Journey at 360 px (issue 18): the treasurer — a resident of the village the chair appointed to this one fund, no
commune officer — finds the fund's books from its public page, records receipts for ten households and an expense
with a photo of its invoice; once approved, a resident sees the updated public ledger. No page scrolls sideways."""

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
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 256


def _fits_the_phone(page: Page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= 360


def test_treasurer_records_ten_receipts_and_an_expense_and_residents_see_the_ledger(
    page: Page, live_server: LiveServer, officer: User
) -> None:
    from grassroots.accounts.models import Role, RoleMembership, User
    from grassroots.core import clock
    from grassroots.funds import services
    from grassroots.funds.models import Expense
    from grassroots.units.models import AdministrativeUnit, Household

    commune = AdministrativeUnit.objects.get(slug=SLUG)
    village = commune.children.order_by("code").first()
    assert village is not None
    for number in range(3, 11):
        Household.objects.create(community=village, code=f"H{number}", active_from=dt.date(2020, 1, 1))
    today = clock.localdate()
    fund = services.fund_create(
        unit=commune,
        decision_number="58/QĐ-UBND",
        decided_on=today - dt.timedelta(days=10),
        kind="contribution",
        title="Đèn chiếu sáng đường liên thôn",
        purpose="Lắp đèn",
        basis="per_household",
        rate_money=100_000,
        spending_limit=5_000_000,
        collection_starts=today - dt.timedelta(days=10),
        collection_ends=today + dt.timedelta(days=60),
        treasurer_name="Lý Thị Hoa",
        village_head_name="Trần Văn Hùng",
        actor=officer,
    )
    chair = User.objects.create_user(username="chu-tich-quy", password=PASSWORD, full_name="Đinh Văn Chủ")
    RoleMembership.objects.create(user=chair, role=Role.COMMUNE_CHAIR, unit=commune, valid_from=dt.date(2025, 7, 1))
    treasurer = User.objects.create_user(username="thu-quy-trinh-duyet", password=PASSWORD, full_name="Lý Thị Hoa")
    RoleMembership.objects.create(user=treasurer, role=Role.RESIDENT, unit=village, valid_from=dt.date(2025, 7, 1))
    services.treasurer_appoint(fund=fund, user=treasurer, basis="Biên bản họp thôn", actor=chair)
    base = live_server.url

    page.goto(f"{base}/tai-khoan/dang-nhap/")
    page.get_by_label("Tên đăng nhập hoặc số điện thoại").fill("thu-quy-trinh-duyet")
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.goto(f"{base}/dong-gop/{fund.pk}/")
    page.get_by_role("link", name="Vào sổ thủ quỹ của quỹ này").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Đèn chiếu sáng")
    _fits_the_phone(page)
    codes = [household.code for household in Household.objects.filter(community__parent=commune).order_by("code")]
    assert len(codes) == 10
    for code in codes:
        page.goto(f"{base}/dong-gop/can-bo/{fund.pk}/thu/")
        _fits_the_phone(page)
        page.get_by_label("Hộ nộp").select_option(label=code)
        page.get_by_label("Số tiền (đồng)").fill("100.000")
        page.get_by_role("button", name="Lưu").click()
        expect(page.get_by_role("heading", level=1)).to_contain_text("Phiếu thu")
    page.goto(f"{base}/dong-gop/can-bo/{fund.pk}/chi/")
    _fits_the_phone(page)
    page.get_by_label("Hạng mục công việc").fill("Mua 3 bộ bóng đèn LED")
    page.get_by_label("Số tiền (đồng)").fill("600.000")
    page.get_by_label("Hóa đơn, chứng từ (ảnh JPG, PNG hoặc PDF)").set_input_files(
        {"name": "hoa-don.png", "mimeType": "image/png", "buffer": PNG}
    )
    page.get_by_role("button", name="Lưu").click()
    expect(page.locator("body")).to_contain_text("chờ người có thẩm quyền duyệt")
    # The treasurer does not approve: the approving page is closed to them.
    expense = Expense.objects.get(fund=fund)
    assert page.goto(f"{base}/dong-gop/can-bo/khoan-chi/{expense.pk}/duyet/").status == 403  # type: ignore[union-attr]
    services.expense_approve(expense=Expense.objects.get(fund=fund), actor=chair)

    page.context.clear_cookies()
    page.goto(f"{base}/dong-gop/{fund.pk}/")
    _fits_the_phone(page)
    body = page.locator("body")
    expect(body).to_contain_text("10 hộ đã nộp đủ")
    expect(body).to_contain_text("1.000.000 đ")
    expect(body).to_contain_text("Mua 3 bộ bóng đèn LED")
    expect(body).to_contain_text("400.000 đ")

    # A household's representative reads its own statement on the phone; another household's is not found.
    from grassroots.units.models import Resident

    mine, other = Household.objects.filter(community__parent=commune).order_by("code")[:2]
    representative = User.objects.create_user(username="dai-dien-ho", password=PASSWORD, full_name="Vũ Thị Đại")
    RoleMembership.objects.create(
        user=representative, role=Role.HOUSEHOLD_REPRESENTATIVE, unit=mine.community, valid_from=dt.date(2025, 7, 1)
    )
    mine.representative = Resident.objects.create(household=mine, full_name="Vũ Thị Đại", user=representative)
    mine.save(update_fields=["representative"])
    page.goto(f"{base}/tai-khoan/dang-nhap/")
    page.get_by_label("Tên đăng nhập hoặc số điện thoại").fill("dai-dien-ho")
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.goto(f"{base}/dong-gop/{fund.pk}/")
    page.get_by_role("link", name=f"Xem số đã nộp của hộ tôi ({mine.code})").click()
    _fits_the_phone(page)
    body = page.locator("body")
    expect(body).to_contain_text("Còn phải nộp: 0 đ")
    expect(body).to_contain_text("Đèn chiếu sáng đường liên thôn")
    expect(body).to_contain_text("Phiếu số")
    assert page.goto(f"{base}/dong-gop/{fund.pk}/ho-cua-toi/{other.pk}/").status == 404  # type: ignore[union-attr]
