"""Browser journeys on a phone (360 px) for issue 12: a nomination from the floor of the election meeting,
an online D6 vote with the recorded agreement (after the households adopted the online form), and the
commune People's Committee revoking a community decision (Law art. 22), shown on its public page."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

import pytest
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from .conftest import PASSWORD
from .phone_checks import PAGE_CHECK, problems

if TYPE_CHECKING:
    from grassroots.accounts.models import User
    from grassroots.units.models import AdministrativeUnit

pytestmark = pytest.mark.browser


def _user(username: str, full_name: str, role: str, unit: Any) -> User:
    from grassroots.accounts.models import RoleMembership, User

    user = User.objects.create_user(username=username, password=PASSWORD, full_name=full_name)
    RoleMembership.objects.create(user=user, role=role, unit=unit, valid_from=dt.date(2025, 7, 1))
    return user


@pytest.fixture
def village(transactional_db: None) -> AdministrativeUnit:
    from grassroots.accounts.models import Role
    from grassroots.units.models import AdministrativeUnit, Household, Resident, UnitKind, UnitLevel

    # The kinds are seeded by a migration; a transactional test before this one may have flushed them, so they are
    # made again with their real names (the papers print the head's title from the kind's name).
    names = {"tinh": "Tỉnh", "xa": "Xã", "thon": "Thôn"}

    def kind(code: str, level: str) -> UnitKind:
        return UnitKind.objects.get_or_create(code=code, defaults={"name": names[code], "level": level})[0]

    province = AdministrativeUnit.objects.create(
        level=UnitLevel.PROVINCE, name="Tỉnh Quy Trình", code="T96", slug="tinh-qt", kind=kind("tinh", "province")
    )
    commune = AdministrativeUnit.objects.create(
        level=UnitLevel.COMMUNE,
        name="Xã Quy Trình",
        parent=province,
        code="X9601",
        slug="xa-qt",
        kind=kind("xa", "commune"),
    )
    community = AdministrativeUnit.objects.create(
        level=UnitLevel.COMMUNITY, name="Thôn Quy Trình", parent=commune, code="01", kind=kind("thon", "community")
    )
    for code in ("QT-01", "QT-02", "QT-03"):
        household = Household.objects.create(community=community, code=code, active_from=dt.date(2020, 1, 1))
        household.representative = Resident.objects.create(household=household, full_name=f"Đại diện {code}")
        household.save()
    Resident.objects.create(household=Household.objects.get(code="QT-03"), full_name="Trần Văn Tự Ứng")
    _user("chu-tich-qt", "Nguyễn Chủ Tịch", Role.COMMUNE_CHAIR, commune)
    _user("mttq-xa-qt", "Đinh Chủ Tịch Mặt Trận", Role.FRONT_CHAIR, commune)
    _user("truong-thon-qt", "Lê Văn Trưởng", Role.VILLAGE_HEAD, community)
    _user("mat-tran-qt", "Hoàng Thị Mặt Trận", Role.FRONT_WORK_COMMITTEE_HEAD, community)
    return community


def _login(page: Page, base: str, username: str) -> None:
    page.goto(f"{base}/tai-khoan/dang-nhap/")
    page.get_by_label("Tên đăng nhập hoặc số điện thoại").fill(username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()


def _fits_the_phone(page: Page) -> None:
    measured: dict[str, Any] = page.evaluate(PAGE_CHECK)
    assert measured["scrollWidth"] <= measured["clientWidth"] <= 360, problems(measured)


def _today() -> dt.date:
    from grassroots.core import clock

    return clock.now().astimezone(clock.local_zone()).date()


def test_a_nomination_from_the_floor_of_a_two_seat_board_election_joins_the_ballot(
    page: Page, live_server: LiveServer, village: AdministrativeUnit
) -> None:
    from grassroots.accounts.models import User
    from grassroots.core import clock
    from grassroots.elections import services
    from grassroots.units.models import Resident

    front = User.objects.get(username="mttq-xa-qt")
    today = _today()
    election = services.election_create(
        community=village,
        kind="inspection_board",
        seats=2,
        election_date=today,
        decision_issued_on=today - dt.timedelta(days=25),
        actor=front,
    )
    for name in ("Đại diện QT-01", "Đại diện QT-02"):
        services.election_candidate_add(election=election, resident=Resident.objects.get(full_name=name), actor=front)
    services.election_candidates_fix(election=election, on=today - dt.timedelta(days=16), actor=front)
    # Its Mẫu 05, issued (server clock) that day, 16 days before: no announcement without it ([ND59] art. 6(2)).
    services.candidate_list_minutes_issue(
        election=election,
        front_committee=["Trưởng Ban Công Tác", "Thư Ký Ban"],
        actor=front,
        now=clock.now() - dt.timedelta(days=16),
    )
    services.election_team_member_add(election=election, full_name="Tổ Trưởng Bầu Cử", is_leader=True, actor=front)
    services.election_team_form(election=election, on=today - dt.timedelta(days=11), actor=front)
    services.election_announce(election=election, on=today - dt.timedelta(days=8), actor=front)
    # The meeting's notice (Mẫu 01) reached the households 2 days before ([ND59] art. 3(3)).
    now = clock.now()
    services.election_meeting_schedule(
        election=election, meeting_at=now, place="Nhà văn hóa thôn", actor=front, now=now - dt.timedelta(days=2)
    )

    base = live_server.url
    _login(page, base, "mttq-xa-qt")
    page.goto(f"{base}/ban-va-quyet-dinh/bau-cu/{election.pk}/")
    page.get_by_label("Họ và tên người được đề cử", exact=False).fill("Người Không Ở Thôn")
    page.get_by_role("button", name="Thêm vào danh sách bầu").click()
    expect(page.locator(".error-summary, #error-summary").first).to_be_visible()  # not a resident: refused
    expect(page.get_by_label("Họ và tên người được đề cử", exact=False)).to_have_value("Người Không Ở Thôn")
    page.get_by_label("Họ và tên người được đề cử", exact=False).fill("Trần Văn Tự Ứng")
    page.get_by_label("Tự ứng cử").check()
    page.get_by_role("button", name="Thêm vào danh sách bầu").click()
    expect(page.get_by_test_id("candidate").filter(has_text="Trần Văn Tự Ứng")).to_contain_text(
        "Tự ứng cử tại hội nghị"
    )
    _fits_the_phone(page)
    page.get_by_role("button", name="Bắt đầu cuộc bầu").click()  # two seats: a secret ballot, ticked by default
    expect(page.get_by_role("heading", name="Điểm danh và biểu quyết")).to_be_visible()
    _fits_the_phone(page)
    election.refresh_from_db()
    assert election.vote is not None and election.vote.marks_per_ballot == 2 and election.vote.is_secret
    labels = set(election.vote.options.values_list("label", flat=True))
    assert labels == {"Đại diện QT-01", "Đại diện QT-02", "Trần Văn Tự Ứng"}  # the floor nominee is on the ballot


def test_households_adopt_the_online_form_then_an_online_d6_vote_with_the_recorded_agreement(
    page: Page, live_server: LiveServer, village: AdministrativeUnit
) -> None:
    from grassroots.accounts.models import User
    from grassroots.core import clock
    from grassroots.units.models import Household
    from grassroots.voting import services
    from grassroots.voting.models import Channel, CommunityVote

    today = _today()
    base = live_server.url
    _login(page, base, "truong-thon-qt")
    page.goto(f"{base}/ban-va-quyet-dinh/")
    page.get_by_test_id("adoption-new").click()
    page.get_by_label("Lấy ý kiến các hộ bằng").select_option("meeting")
    page.get_by_label("Thời gian họp, hoặc ngày bắt đầu phát phiếu").fill(f"{today + dt.timedelta(days=2)}T19:00")
    page.get_by_label("Ngày đã thông báo đến các hộ").fill(today.isoformat())
    _fits_the_phone(page)
    page.get_by_role("button", name="Tạo và thông báo").click()
    expect(page.locator("h1")).to_contain_text("Lựa chọn hình thức biểu quyết trực tuyến")

    # The meeting is held two days later (recorded through the services): 2 of 3 households choose online.
    head = User.objects.get(username="truong-thon-qt")
    adoption = CommunityVote.objects.get(purpose="online_adoption")
    meeting = clock.now() + dt.timedelta(days=2)
    services.vote_open(vote=adoption, actor=head, now=meeting)
    for index, household in enumerate(Household.objects.filter(community=village).order_by("code")):
        services.meeting_attendance_set(vote=adoption, household=household, present=True, actor=head, now=meeting)
        services.vote_cast(
            vote=adoption,
            household=household,
            option_key="agree" if index < 2 else "disagree",
            channel=Channel.MEETING_HANDS,
            actor=head,
            now=meeting,
        )
    services.meeting_officers_approve(vote=adoption, secretary="Thư Ký", approving=3, actor=head, now=meeting)
    services.vote_close(vote=adoption, actor=head, now=meeting)

    page.goto(f"{base}/ban-va-quyet-dinh/")
    page.get_by_test_id("online-new").click()
    page.get_by_label("Tên nội dung").fill("Giờ tắt đèn đường")
    page.get_by_label("Nội dung lấy ý kiến").fill("Tắt đèn đường lúc 23 giờ?")
    page.get_by_label("Bắt đầu").fill(f"{today}T20:00")
    page.get_by_label("Hạn cuối").fill(f"{today + dt.timedelta(days=3)}T20:00")
    page.get_by_label("Ngày đã công khai, thông báo đến các hộ").fill((today - dt.timedelta(days=2)).isoformat())
    page.get_by_label("Thành viên tổ", exact=False).fill("Hoàng Thị Mặt Trận\nVũ Văn Tin Học\nPhan Thị Ba")
    page.get_by_label("Trưởng Ban công tác Mặt trận đã thống nhất").select_option(label="Hoàng Thị Mặt Trận")
    page.get_by_label("Ngày thống nhất không cần họp, phát phiếu").fill(today.isoformat())
    page.get_by_role("button", name="Tạo và thông báo").click()
    expect(page.get_by_test_id("online-agreement")).to_contain_text("Hoàng Thị Mặt Trận")
    _fits_the_phone(page)
    page.get_by_role("button", name="Mở biểu quyết").click()
    expect(page.get_by_role("link", name="Danh sách hộ đã tham gia")).to_be_visible()
    _fits_the_phone(page)


def test_the_commune_revokes_an_unlawful_decision_and_its_public_page_says_so(
    page: Page, live_server: LiveServer, village: AdministrativeUnit
) -> None:
    from grassroots.accounts.models import User
    from grassroots.core import clock
    from grassroots.units.models import Household
    from grassroots.voting import services
    from grassroots.voting.models import Channel

    head = User.objects.get(username="truong-thon-qt")
    held = clock.now() - dt.timedelta(days=3)
    vote = services.vote_create(
        unit=village,
        matter="D6",
        form="meeting",
        title="Cấm xe qua cầu tạm",
        question="Cấm mọi xe qua cầu tạm?",
        starts_at=held,
        convenor_role="village_head",
        actor=head,
        now=held - dt.timedelta(days=4),
    )
    services.vote_schedule(vote=vote, notice_given_at=held - dt.timedelta(days=3), actor=head, now=held)
    services.vote_open(vote=vote, actor=head, now=held)
    for household in Household.objects.filter(community=village):
        services.meeting_attendance_set(vote=vote, household=household, present=True, actor=head, now=held)
        services.vote_cast(
            vote=vote, household=household, option_key="agree", channel=Channel.MEETING_HANDS, actor=head, now=held
        )
    services.meeting_officers_approve(vote=vote, secretary="Thư Ký", approving=3, actor=head, now=held)
    services.vote_close(vote=vote, actor=head, now=held)

    base = live_server.url
    _login(page, base, "chu-tich-qt")
    page.goto(f"{base}/ban-va-quyet-dinh/{vote.pk}/")
    page.get_by_role("link", name="Hủy bỏ, sửa đổi quyết định (Điều 22)").click()
    page.get_by_label("Căn cứ").select_option("unlawful")
    page.get_by_label("Hình thức").select_option("amend")
    page.get_by_label("Lý do").fill("Cầu tạm là đường dân sinh duy nhất; cấm mọi xe là trái pháp luật.")
    _fits_the_phone(page)
    page.locator("main").get_by_role("button", name="Ghi nhận", exact=True).click()
    expect(page.locator(".error-summary, #error-summary").first).to_be_visible()  # unlawful: revoke, not amend
    expect(page.get_by_label("Lý do")).to_have_value(
        "Cầu tạm là đường dân sinh duy nhất; cấm mọi xe là trái pháp luật."
    )
    page.get_by_label("Hình thức").select_option("revoke")
    page.locator("main").get_by_role("button", name="Ghi nhận", exact=True).click()
    expect(page.get_by_test_id("revoked")).to_contain_text("Hủy bỏ")
    _fits_the_phone(page)
    page.goto(f"{base}/ban-va-quyet-dinh/ket-qua/{village.pk}/")
    expect(page.get_by_test_id("revoked")).to_contain_text("không còn hiệu lực")
    _fits_the_phone(page)
