"""Browser journey on a phone (360 px): a commune-wide D1 vote, end to end.

The commune chair opens a commune-wide D1 vote (Law 10/2022 arts 16(1), 21(1)); in each village the village
head records the notice, opens the meeting and records each household's vote; the chair then reads the
commune view: every village's progress and the aggregate (passed when ≥ 2/3 of the villages pass).
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
from .phone_checks import PAGE_CHECK, problems

if TYPE_CHECKING:
    from grassroots.units.models import AdministrativeUnit

pytestmark = pytest.mark.browser

TITLE = "Đường liên thôn bê tông"
VILLAGES = {"Thôn Một": ("TM-01", "TM-02"), "Thôn Hai": ("TH-01",)}
HEADS = {"Thôn Một": "truong-thon-mot", "Thôn Hai": "truong-thon-hai"}


@pytest.fixture
def commune(transactional_db: None, settings: Settings, tmp_path: Path) -> AdministrativeUnit:
    """A commune of two villages (2 and 1 households), a village head for each, and the commune chair."""
    from grassroots.accounts.models import Role, RoleMembership, User
    from grassroots.units.models import AdministrativeUnit, Household, Resident, UnitKind, UnitLevel

    settings.MEDIA_ROOT = tmp_path

    def kind(code: str, level: str) -> UnitKind:
        return UnitKind.objects.get_or_create(code=code, defaults={"name": code, "level": level})[0]

    province = AdministrativeUnit.objects.create(
        level=UnitLevel.PROVINCE, name="Tỉnh Thử", code="T96", slug="tinh-thu-tx", kind=kind("tinh", "province")
    )
    commune = AdministrativeUnit.objects.create(
        level=UnitLevel.COMMUNE,
        name="Xã Toàn Xã",
        parent=province,
        code="X9601",
        slug="xa-toan-xa",
        kind=kind("xa", "commune"),
    )
    for number, (name, codes) in enumerate(VILLAGES.items(), start=1):
        community = AdministrativeUnit.objects.create(
            level=UnitLevel.COMMUNITY, name=name, parent=commune, code=f"0{number}", kind=kind("thon", "community")
        )
        for code in codes:
            household = Household.objects.create(community=community, code=code, active_from=dt.date(2020, 1, 1))
            household.representative = Resident.objects.create(household=household, full_name=f"Đại diện {code}")
            household.save()
        head = User.objects.create_user(username=HEADS[name], password=PASSWORD, full_name=f"Trưởng {name}")
        RoleMembership.objects.create(user=head, role=Role.VILLAGE_HEAD, unit=community, valid_from=dt.date(2025, 7, 1))
    chair = User.objects.create_user(username="chu-tich-toan-xa", password=PASSWORD, full_name="Hoàng Văn Chủ Tịch")
    RoleMembership.objects.create(user=chair, role=Role.COMMUNE_CHAIR, unit=commune, valid_from=dt.date(2025, 7, 1))
    return commune


def _login(page: Page, base: str, login: str) -> None:
    page.goto(f"{base}/tai-khoan/dang-nhap/")
    page.get_by_label("Tên đăng nhập hoặc số điện thoại").fill(login)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()


def _phone_problems(page: Page) -> list[str]:
    return problems(page.evaluate(PAGE_CHECK))


def _run_village_part(page: Page, base: str, village: str) -> None:
    """The village head finds the village part, records the notice, opens the meeting and records each vote."""
    from grassroots.core import clock
    from grassroots.voting.models import CommunityVote

    two_days_ago = (clock.now().astimezone(clock.local_zone()).date() - dt.timedelta(days=2)).isoformat()
    _login(page, base, HEADS[village])
    page.goto(f"{base}/ban-va-quyet-dinh/")
    expect(page.get_by_role("link", name=re.compile(TITLE)).first).to_be_visible()
    part = CommunityVote.objects.get(title=TITLE, unit__name=village, scope="community")
    page.goto(f"{base}/ban-va-quyet-dinh/{part.pk}/")
    form = page.get_by_test_id("schedule-form")
    expect(form).to_be_visible()
    assert _phone_problems(page) == [], village
    form.get_by_label("Ngày đã thông báo đến các hộ").fill(two_days_ago)
    form.get_by_label("Ngày đã gửi tài liệu đến tất cả các hộ (D1–D3)").fill(two_days_ago)
    form.get_by_role("button", name="Ghi nhận thông báo").click()
    expect(page.locator(".messages")).to_contain_text("Đã ghi nhận thông báo")
    page.get_by_role("button", name="Bắt đầu cuộc họp").click()
    expect(page.get_by_role("heading", name="Điểm danh và biểu quyết")).to_be_visible()
    for code in VILLAGES[village]:
        row = page.locator(f"tr[data-household='{code}']")
        row.get_by_role("button", name="Vắng").click()
        expect(row.get_by_role("button", name=re.compile("Có mặt"))).to_be_visible()
    for code in VILLAGES[village]:
        page.get_by_role("button", name=f"{code}: Đồng ý").click()
        expect(page.locator(f"tr[data-household='{code}']")).to_contain_text("✓ Đồng ý")
    page.get_by_role("link", name="Xong, quay lại cuộc họp").click()
    page.get_by_label("Họ tên thư ký").fill("Nguyễn Thị Thư Ký")
    page.get_by_label("Số hộ có mặt tán thành").fill(str(len(VILLAGES[village])))
    page.get_by_role("button", name="Ghi nhận").click()
    page.get_by_role("button", name="Kết thúc và kiểm phiếu").click()
    expect(page.get_by_test_id("tally-verdict")).to_contain_text("Thông qua")
    page.get_by_role("button", name="Đăng xuất").click()


def test_chair_opens_a_commune_wide_d1_vote_villages_vote_and_the_commune_result_shows(
    page: Page, live_server: LiveServer, commune: AdministrativeUnit
) -> None:
    from grassroots.core import clock

    base = live_server.url
    now = clock.now().astimezone(clock.local_zone())
    _login(page, base, "chu-tich-toan-xa")
    page.goto(f"{base}/ban-va-quyet-dinh/")
    page.get_by_test_id("commune-new").first.click()
    assert _phone_problems(page) == []
    page.get_by_label("Nhóm nội dung").select_option("D1")
    page.get_by_label("Hình thức").select_option("meeting")
    page.get_by_label("Tên nội dung").fill(TITLE)
    page.get_by_label("Nội dung biểu quyết").fill("Đồng ý mỗi hộ góp 1.000.000 đồng?")
    page.get_by_label("Bắt đầu", exact=True).fill(now.strftime("%Y-%m-%dT%H:%M"))
    page.get_by_role("button", name="Tạo và thông báo").click()
    expect(page.get_by_test_id("commune-result")).to_contain_text("0/2 thôn, tổ dân phố thông qua")
    commune_page = page.url
    page.get_by_role("button", name="Đăng xuất").click()

    for village in VILLAGES:
        _run_village_part(page, base, village)

    _login(page, base, "chu-tich-toan-xa")
    page.goto(commune_page)
    expect(page.get_by_test_id("commune-result")).to_contain_text("2/2 thôn, tổ dân phố thông qua, cần tối thiểu 2")
    progress = page.get_by_role("table").filter(has_text="Thôn Một")
    expect(progress).to_contain_text("Thôn Hai")
    assert _phone_problems(page) == []
