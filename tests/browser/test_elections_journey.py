"""Browser journey: the commune chair runs a village-head election and the winner takes office.

The chair creates the election (milestones back-dated within the law's limits, [ND59] art. 6), picks a
resident as candidate, fixes the list (its Mẫu 05 sent 16 days before), forms the election team,
announces, calls the meeting with its Mẫu 01 two days before, opens the meeting, records each household's
vote in the register, counts and recognises ([ND59] arts 7–8). The winner had no account: one is created
with a one-time password shown to the chair; the winner logs in, changes it, and sees the village-head
role on the dashboard.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING

import pytest
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from .conftest import PASSWORD

if TYPE_CHECKING:
    from grassroots.units.models import AdministrativeUnit

pytestmark = pytest.mark.browser

HOUSEHOLDS = ("BC-01", "BC-02", "BC-03")
WINNER = "Trịnh Văn Trúng"
WINNER_PHONE = "0987654321"
NEW_PASSWORD = "truong-thon-moi-2026"


@pytest.fixture
def election_village(transactional_db: None) -> AdministrativeUnit:
    """A commune with one village of three households; the winner-to-be lives in BC-02 without an account."""
    from grassroots.accounts.models import Role, RoleMembership, User
    from grassroots.units.models import AdministrativeUnit, Household, Resident, UnitKind, UnitLevel

    def kind(code: str, level: str) -> UnitKind:
        return UnitKind.objects.get_or_create(code=code, defaults={"name": code, "level": level})[0]

    province = AdministrativeUnit.objects.create(
        level=UnitLevel.PROVINCE, name="Tỉnh Bầu", code="T96", slug="tinh-bau", kind=kind("tinh", "province")
    )
    commune = AdministrativeUnit.objects.create(
        level=UnitLevel.COMMUNE,
        name="Xã Bầu Cử",
        parent=province,
        code="X9601",
        slug="xa-bau-cu",
        kind=kind("xa", "commune"),
    )
    community = AdministrativeUnit.objects.create(
        level=UnitLevel.COMMUNITY, name="Thôn Bầu", parent=commune, code="01", kind=kind("thon", "community")
    )
    for code in HOUSEHOLDS:
        household = Household.objects.create(community=community, code=code, active_from=dt.date(2020, 1, 1))
        household.representative = Resident.objects.create(household=household, full_name=f"Đại diện {code}")
        household.save()
    Resident.objects.create(household=Household.objects.get(code="BC-02"), full_name=WINNER, phone=WINNER_PHONE)
    chair = User.objects.create_user(username="chu-tich-bau", password=PASSWORD, full_name="Hoàng Văn Chủ Tịch")
    RoleMembership.objects.create(user=chair, role=Role.COMMUNE_CHAIR, unit=commune, valid_from=dt.date(2025, 7, 1))
    return community


def _login(page: Page, base: str, login: str, password: str = PASSWORD) -> None:
    page.goto(f"{base}/tai-khoan/dang-nhap/")
    page.get_by_label("Tên đăng nhập hoặc số điện thoại").fill(login)
    page.get_by_label("Mật khẩu").fill(password)
    page.get_by_role("button", name="Đăng nhập").click()


def test_chair_runs_a_village_head_election_and_the_winner_takes_office(
    page: Page, live_server: LiveServer, election_village: AdministrativeUnit
) -> None:
    from grassroots.core import clock

    base = live_server.url
    today = clock.now().astimezone(clock.local_zone()).date()
    _login(page, base, "chu-tich-bau")
    page.goto(f"{base}/ban-va-quyet-dinh/thon/{election_village.pk}/bau-cu-moi/")
    page.get_by_label("Bầu", exact=True).select_option("village_head")
    page.get_by_label("Ngày bầu").fill(today.isoformat())
    page.get_by_label("Ngày ban hành quyết định, kế hoạch bầu").fill((today - dt.timedelta(days=25)).isoformat())
    page.get_by_role("button", name=re.compile("Tạo")).click()
    expect(page.get_by_test_id("election-status")).to_have_text("Đang chuẩn bị")
    election_url = page.url

    page.get_by_label("Tìm người dân theo họ tên hoặc mã hộ").fill("Trúng")
    page.get_by_label("Tìm người dân theo họ tên hoặc mã hộ").press("Enter")
    expect(page.locator("#resident-results")).to_contain_text("hộ BC-02")
    page.get_by_role("button", name=f"Chọn {WINNER} làm người ứng cử").click()
    expect(page.get_by_test_id("candidate")).to_contain_text(WINNER)
    expect(page.get_by_test_id("candidate")).to_contain_text("hộ BC-02")
    page.locator("#id_fix-on").fill((today - dt.timedelta(days=16)).isoformat())
    page.get_by_role("button", name="Chốt danh sách người ứng cử").click()
    expect(page.get_by_text("Đã chốt danh sách người ứng cử.")).to_be_visible()
    # Its Mẫu 05 went to the People's Committee that day, 16 days before ([ND59] art. 6(2)): the server dates
    # it, so the set-up calls the service with that moment; without it the election cannot be announced.
    from grassroots.accounts.models import User
    from grassroots.elections import services
    from grassroots.elections.models import Election

    services.candidate_list_minutes_issue(
        election=Election.objects.get(community=election_village),
        front_committee=["Trưởng Ban Công Tác", "Thư Ký Ban"],
        actor=User.objects.get(username="chu-tich-bau"),
        now=clock.now() - dt.timedelta(days=16),
    )
    page.reload()
    page.locator("#id_team-full_name").fill("Ngô Thị Tổ Trưởng")
    page.get_by_label("Tổ trưởng").check()
    page.get_by_role("button", name="Thêm thành viên").click()
    page.locator("#id_formteam-on").fill((today - dt.timedelta(days=11)).isoformat())
    page.get_by_role("button", name="Quyết định thành lập Tổ bầu cử").click()
    page.locator("#id_announce-on").fill((today - dt.timedelta(days=8)).isoformat())
    page.get_by_role("button", name="Niêm yết, thông báo cuộc bầu").click()
    expect(page.get_by_test_id("election-status")).to_have_text("Đã niêm yết")
    # No meeting notice yet: the page offers no opening ([ND59] art. 3(3)).
    expect(page.get_by_test_id("open-needs-mau01")).to_be_visible()
    expect(page.get_by_role("button", name="Bắt đầu cuộc bầu")).to_have_count(0)
    # The Mẫu 01 went out two days ago (the server dates it, so the set-up calls the service with that day).
    now = clock.now()
    services.election_meeting_schedule(
        election=Election.objects.get(community=election_village),
        meeting_at=now,
        place="Nhà văn hóa Thôn Bầu",
        actor=User.objects.get(username="chu-tich-bau"),
        now=now - dt.timedelta(days=2),
    )
    page.reload()
    expect(page.get_by_test_id("mau01-issued")).to_be_visible()

    page.get_by_label("Bỏ phiếu kín").uncheck()
    page.get_by_role("button", name="Bắt đầu cuộc bầu").click()
    expect(page.get_by_role("heading", name="Điểm danh và biểu quyết")).to_be_visible()
    for code in HOUSEHOLDS:
        row = page.locator(f"tr[data-household='{code}']")
        row.get_by_role("button", name="Vắng").click()
        expect(row.get_by_role("button", name=re.compile("Có mặt"))).to_be_visible()
        page.get_by_role("button", name=f"{code}: {WINNER}").click()
        expect(row).to_contain_text(f"✓ {WINNER}")

    page.goto(election_url)
    page.get_by_role("button", name="Kết thúc và kiểm phiếu").click()
    expect(page.get_by_test_id("election-status")).to_have_text("Có người trúng cử")
    page.get_by_role("button", name="Công nhận kết quả bầu").click()
    expect(page.get_by_test_id("election-status")).to_have_text("Đã công nhận")
    expect(page.get_by_test_id("new-username")).to_have_text(WINNER_PHONE)
    temporary = page.get_by_test_id("new-password").inner_text().strip()
    page.reload()
    expect(page.get_by_test_id("new-password")).to_have_count(0)  # shown once
    page.get_by_role("button", name="Đăng xuất").click()

    _login(page, base, WINNER_PHONE, temporary)
    page.get_by_label("Mật khẩu hiện tại").fill(temporary)
    page.get_by_label("Mật khẩu mới", exact=True).fill(NEW_PASSWORD)
    page.get_by_label("Nhập lại mật khẩu mới").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Lưu mật khẩu mới").click()
    page.goto(f"{base}/can-bo/")
    roles = page.locator("section[aria-labelledby='roles-heading']")
    expect(roles).to_contain_text("Trưởng thôn, Tổ trưởng tổ dân phố")
    expect(roles).to_contain_text("Thôn Bầu")
