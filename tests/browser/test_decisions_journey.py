"""Browser journey: a village head runs a community meeting on a phone, the commune chair follows up.

D3 (hương ước): the village head opens the meeting, records attendance and hands, approves the
secretary, closes, sends the result; the commune chair recognises it (Law 10/2022 art. 21(2)).
D1 at village scope takes effect on the vote date with no recognition (art. 21(2)): the chair sees that.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from playwright.sync_api import Page, expect
from pytest_django import Settings
from pytest_django.live_server_helper import LiveServer

from .conftest import PASSWORD

if TYPE_CHECKING:
    from grassroots.units.models import AdministrativeUnit

pytestmark = pytest.mark.browser

HOUSEHOLDS = ("TM-01", "TM-02", "TM-03")


@pytest.fixture
def village(transactional_db: None, settings: Settings, tmp_path: Path) -> AdministrativeUnit:
    """A commune with one village of three households, its village head and the commune chair."""
    from grassroots.accounts.models import Role, RoleMembership, User
    from grassroots.units.models import AdministrativeUnit, Household, Resident, UnitKind, UnitLevel

    settings.MEDIA_ROOT = tmp_path

    def kind(code: str, level: str) -> UnitKind:
        return UnitKind.objects.get_or_create(code=code, defaults={"name": code, "level": level})[0]

    province = AdministrativeUnit.objects.create(
        level=UnitLevel.PROVINCE, name="Tỉnh Thử", code="T97", slug="tinh-thu-bq", kind=kind("tinh", "province")
    )
    commune = AdministrativeUnit.objects.create(
        level=UnitLevel.COMMUNE,
        name="Xã Bàn Bạc",
        parent=province,
        code="X9701",
        slug="xa-ban-bac",
        kind=kind("xa", "commune"),
    )
    community = AdministrativeUnit.objects.create(
        level=UnitLevel.COMMUNITY, name="Thôn Một", parent=commune, code="01", kind=kind("thon", "community")
    )
    for code in HOUSEHOLDS:
        household = Household.objects.create(community=community, code=code, active_from=dt.date(2020, 1, 1))
        household.representative = Resident.objects.create(household=household, full_name=f"Đại diện {code}")
        household.save()
    head = User.objects.create_user(username="truong-thon", password=PASSWORD, full_name="Lê Văn Trưởng")
    chair = User.objects.create_user(username="chu-tich-xa", password=PASSWORD, full_name="Hoàng Văn Chủ Tịch")
    RoleMembership.objects.create(user=head, role=Role.VILLAGE_HEAD, unit=community, valid_from=dt.date(2025, 7, 1))
    RoleMembership.objects.create(user=chair, role=Role.COMMUNE_CHAIR, unit=commune, valid_from=dt.date(2025, 7, 1))
    return community


def _login(page: Page, base: str, login: str) -> None:
    page.goto(f"{base}/tai-khoan/dang-nhap/")
    page.get_by_label("Tên đăng nhập hoặc số điện thoại").fill(login)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()


def _run_meeting(page: Page, base: str, matter: str) -> None:
    from grassroots.core import clock

    now = clock.now().astimezone(clock.local_zone())
    _login(page, base, "truong-thon")
    page.goto(f"{base}/ban-va-quyet-dinh/")
    page.get_by_role("link", name="Họp mới — Thôn Một").click()
    page.get_by_label("Nhóm nội dung").select_option(matter)
    page.get_by_label("Tên nội dung").fill("Bê tông hóa đường thôn")
    page.get_by_label("Nội dung đưa ra biểu quyết").fill("Đồng ý mỗi hộ góp 500.000 đồng?")
    page.get_by_label("Thời gian họp").fill(now.strftime("%Y-%m-%dT%H:%M"))
    page.get_by_label("Ngày đã gửi giấy mời, thông báo họp").fill((now.date() - dt.timedelta(days=2)).isoformat())
    page.get_by_label("Ngày đã gửi tài liệu đến tất cả các hộ (D1–D3)").fill(
        (now.date() - dt.timedelta(days=2)).isoformat()
    )
    page.get_by_role("button", name="Tạo cuộc họp").click()
    page.get_by_role("button", name="Bắt đầu cuộc họp").click()
    expect(page.get_by_role("heading", name="Điểm danh và biểu quyết")).to_be_visible()

    for code in HOUSEHOLDS:  # attendance first: a hương ước vote needs > 50% present
        row = page.locator(f"tr[data-household='{code}']")
        row.get_by_role("button", name="Vắng").click()
        expect(row.get_by_role("button", name=re.compile("Có mặt"))).to_be_visible()
    expect(page.get_by_test_id("tally-verdict")).to_contain_text("0/3 hộ đồng ý")
    for code in HOUSEHOLDS:
        page.get_by_role("button", name=f"{code}: Đồng ý").click()
        expect(page.locator(f"tr[data-household='{code}']")).to_contain_text("✓ Đồng ý")
    expect(page.get_by_test_id("tally-verdict")).to_contain_text("3/3 hộ đồng ý, cần tối thiểu")

    page.get_by_role("link", name="Xong, quay lại cuộc họp").click()
    page.get_by_label("Họ tên thư ký").fill("Nguyễn Thị Thư Ký")
    page.get_by_label("Số hộ có mặt tán thành").fill("3")
    page.get_by_role("button", name="Ghi nhận").click()
    page.get_by_role("button", name="Kết thúc và kiểm phiếu").click()
    expect(page.get_by_test_id("tally-verdict")).to_contain_text("Thông qua")
    expect(page.get_by_test_id("tally-verdict")).to_contain_text("3/3 hộ đồng ý, cần tối thiểu 2")
    page.get_by_role("button", name="Gửi kết quả đến UBND xã và Ủy ban MTTQ xã").click()
    expect(page.locator(".messages")).to_contain_text("Đã gửi kết quả")
    page.get_by_role("button", name="Đăng xuất").click()


def test_village_head_runs_a_huong_uoc_meeting_and_the_chair_recognises_it(
    page: Page, live_server: LiveServer, village: AdministrativeUnit
) -> None:
    _run_meeting(page, live_server.url, "D3")
    _login(page, live_server.url, "chu-tich-xa")
    page.goto(f"{live_server.url}/ban-va-quyet-dinh/")
    page.get_by_role("link", name=re.compile("Bê tông hóa đường thôn")).first.click()
    page.get_by_role("button", name="Công nhận kết quả").click()
    expect(page.locator(".messages")).to_contain_text("Đã công nhận kết quả")
    expect(page.get_by_test_id("effective")).to_be_visible()
    page.get_by_role("link", name="Trang kết quả công khai của thôn").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Thôn Một")
    expect(page.get_by_test_id("tally-verdict")).to_contain_text("Thông qua")


def test_village_head_runs_a_d1_meeting_that_needs_no_recognition(
    page: Page, live_server: LiveServer, village: AdministrativeUnit
) -> None:
    _run_meeting(page, live_server.url, "D1")
    _login(page, live_server.url, "chu-tich-xa")
    page.goto(f"{live_server.url}/ban-va-quyet-dinh/")
    page.get_by_role("link", name=re.compile("Bê tông hóa đường thôn")).first.click()
    expect(page.get_by_test_id("no-recognition")).to_be_visible()
    expect(page.get_by_role("button", name="Công nhận kết quả")).to_have_count(0)
