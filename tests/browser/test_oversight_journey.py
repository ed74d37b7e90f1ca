"""Journey at 360 px (issue 15): a People's Inspection Board member records an inspection with a finding and
concludes it (the results report is issued), drafts a recommendation from it and sends it once the Front has
confirmed it; the commune chair answers; a resident sees the recommendation and its answer on the public page;
the board closes its follow-up.
Every page passes the phone checks (no sideways scroll, no cut text, 44 px targets, main action in view)."""

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

pytestmark = pytest.mark.browser

SLUG = "hoa-thu-trinh-duyet"


def _phone_ok(page: Page) -> None:
    measured: dict[str, Any] = page.evaluate(PAGE_CHECK)
    assert problems(measured) == [], page.url


def _login(page: Page, base: str, username: str) -> None:
    page.context.clear_cookies()
    page.goto(f"{base}/tai-khoan/dang-nhap/")
    page.get_by_label("Tên đăng nhập hoặc số điện thoại").fill(username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()


def test_board_member_inspects_recommends_chair_answers_public_sees_it(
    page: Page, live_server: LiveServer, officer: User
) -> None:
    from grassroots.accounts.models import Role, RoleMembership, User
    from grassroots.core import clock
    from grassroots.oversight import services
    from grassroots.oversight.models import Inspection, Recommendation
    from grassroots.units.models import AdministrativeUnit

    commune = AdministrativeUnit.objects.get(slug=SLUG)
    since = dt.date(2025, 7, 1)
    front = User.objects.create_user(username="mat-tran-thu", password=PASSWORD, full_name="Hoàng Thị Mặt Trận")
    RoleMembership.objects.create(user=front, role=Role.FRONT_CHAIR, unit=commune, valid_from=since)
    member = User.objects.create_user(username="thanh-tra-thu", password=PASSWORD, full_name="Vũ Thị Thanh Tra")
    RoleMembership.objects.create(user=member, role=Role.INSPECTION_BOARD_MEMBER, unit=commune, valid_from=since)
    chair = User.objects.create_user(username="chu-tich-thu", password=PASSWORD, full_name="Đinh Văn Chủ")
    RoleMembership.objects.create(user=chair, role=Role.COMMUNE_CHAIR, unit=commune, valid_from=since)
    today = clock.localdate()
    board = services.board_create(
        kind="commune_inspection",
        name="Ban Thanh tra nhân dân xã Hòa Thử",
        unit=commune,
        term_start=today - dt.timedelta(days=30),
        elected_on=today - dt.timedelta(days=3),
        actor=front,
    )
    communities = list(commune.children.order_by("name"))
    for index, name in enumerate(["Vũ Thị Thanh Tra", "Lê Thị Hoa", "Trần Văn Bình", "Phạm Thị Mai", "Đặng Văn Tâm"]):
        services.board_member_add(
            board=board,
            full_name=name,
            user=member if index == 0 else None,
            community=communities[index % 2],
            position="head" if index == 0 else "member",
            joined_on=today - dt.timedelta(days=3),
            actor=front,
        )
    services.board_recognise(board=board, actor=front)
    base = live_server.url

    # The board member plans an inspection, records the plan's sending, a finding, and concludes.
    _login(page, base, "thanh-tra-thu")
    page.goto(f"{base}/kiem-tra-giam-sat/ban/{board.pk}/kiem-tra-moi/")
    _phone_ok(page)
    page.get_by_label("Nội dung", exact=True).fill("Kiểm tra thu, chi quỹ xây dựng nhà văn hóa")
    page.get_by_label("Đối tượng được kiểm tra, giám sát").fill("Ban phát triển thôn 1")
    page.get_by_label("Ngày bắt đầu").fill((today + dt.timedelta(days=14)).isoformat())
    page.get_by_role("button", name="Lưu").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Kiểm tra thu, chi quỹ xây dựng nhà văn hóa")
    _phone_ok(page)
    notify = page.locator("form[action$='/gui-ke-hoach/']")
    notify.get_by_label("Ngày").fill(today.isoformat())
    notify.get_by_role("button", name="Ghi nhận").click()
    finding = page.locator("form[action$='/phat-hien/']")
    finding.get_by_label("Nội dung phát hiện").fill("Chi 3 khoản không có chứng từ.")
    finding.get_by_label("Chứng cứ, tài liệu kèm theo").fill("Sổ quỹ trang 4")
    finding.get_by_role("button", name="Ghi nhận").click()
    expect(page.locator("body")).to_contain_text("Chi 3 khoản không có chứng từ.")
    conclude = page.locator("form[action$='/ket-luan/']")
    conclude.get_by_label("Kết luận", exact=True).fill("Đề nghị bổ sung chứng từ cho 3 khoản chi.")
    conclude.get_by_role("button", name="Kết luận và ban hành báo cáo kết quả").click()
    expect(page.locator("body")).to_contain_text("BC-BTTND")
    _phone_ok(page)
    inspection = Inspection.objects.get(board=board)
    assert inspection.status == "concluded" and inspection.conclusion_document is not None

    # A recommendation from this inspection, to the commune chair.
    page.get_by_role("link", name="Kiến nghị từ cuộc này").click()
    _phone_ok(page)
    page.get_by_label("Trích yếu").fill("Bổ sung chứng từ quỹ nhà văn hóa")
    page.get_by_label("Nội dung kiến nghị").fill("Đề nghị UBND xã chỉ đạo bổ sung chứng từ trong tháng.")
    page.get_by_role("button", name="Lưu").click()
    recommendation = Recommendation.objects.get(board=board)
    assert recommendation.inspection_id == inspection.pk
    services.recommendation_confirm(recommendation=recommendation, actor=front)  # the Front confirms (art. 40(2))
    page.reload()
    _phone_ok(page)
    page.get_by_role("button", name="Gửi kiến nghị").click()
    expect(page.locator("body")).to_contain_text("thời hạn trả lời 15 ngày bắt đầu tính")
    recommendation.refresh_from_db()
    assert recommendation.status == "sent" and recommendation.sent_on == today

    # The commune chair answers.
    _login(page, base, "chu-tich-thu")
    page.goto(f"{base}/kiem-tra-giam-sat/kien-nghi/{recommendation.pk}/")
    _phone_ok(page)
    page.get_by_role("link", name="Trả lời kiến nghị").click()
    _phone_ok(page)
    page.get_by_label("Kết quả tiếp thu").select_option("accepted")
    page.get_by_label("Nội dung trả lời, kết quả giải quyết, lý do nếu không tiếp thu").fill(
        "UBND xã đã giao kế toán bổ sung đủ chứng từ."
    )
    page.get_by_role("button", name="Lưu").click()
    expect(page.locator("body")).to_contain_text("Đã ghi nhận trả lời kiến nghị.")
    recommendation.refresh_from_db()
    assert recommendation.status == "answered" and recommendation.disposition == "accepted"

    # Anyone sees the recommendation and its answer.
    page.context.clear_cookies()
    page.goto(f"{base}/kiem-tra-giam-sat/cong-khai/{SLUG}/")
    _phone_ok(page)
    body = page.locator("body")
    expect(body).to_contain_text("Bổ sung chứng từ quỹ nhà văn hóa")
    expect(body).to_contain_text("UBND xã đã giao kế toán bổ sung đủ chứng từ.")

    # The board follows up and closes it.
    _login(page, base, "thanh-tra-thu")
    page.goto(f"{base}/kiem-tra-giam-sat/kien-nghi/{recommendation.pk}/")
    _phone_ok(page)
    close = page.locator("form[action$='/ket-thuc/']")
    close.get_by_label("Kết quả theo dõi").fill("Đã kiểm tra lại: chứng từ đủ.")
    close.get_by_role("button", name="Kết thúc theo dõi").click()
    expect(page.locator("body")).to_contain_text("Đã kết thúc theo dõi kiến nghị.")
    recommendation.refresh_from_db()
    assert recommendation.status == "closed"
