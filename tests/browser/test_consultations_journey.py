"""Journey at 360 px (issue 13): a resident comments on article 3 of a draft, the officer answers the opinion with an
explanation, the Chair completes the consultation, and the public explanation page (disclosure item K11) shows the
answer; the resident sees it under their own opinion. Every page passes the phone checks."""

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
COMMENT = "Đề nghị giảm mức đóng góp cho hộ nghèo xuống một nửa."
EXPLANATION = "Tiếp thu: Điều 3 miễn 50 % cho hộ nghèo theo danh sách của xã."


def _check(page: Page) -> None:
    measured: dict[str, Any] = page.evaluate(PAGE_CHECK)
    assert problems(measured) == [], page.url


def _sign_in(page: Page, base: str, username: str) -> None:
    page.context.clear_cookies()
    page.goto(f"{base}/tai-khoan/dang-nhap/")
    page.get_by_label("Tên đăng nhập hoặc số điện thoại").fill(username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()


def test_a_resident_comments_on_article_three_and_reads_the_published_answer(
    page: Page, live_server: LiveServer, officer: User
) -> None:
    from grassroots.accounts.models import Role, RoleMembership, User
    from grassroots.consultations import services
    from grassroots.consultations.models import Opinion
    from grassroots.core import clock
    from grassroots.units.models import AdministrativeUnit

    commune = AdministrativeUnit.objects.get(slug=SLUG)
    village = commune.children.order_by("code").first()
    assert village is not None
    resident = User.objects.create_user(username="dan-gop-y", password=PASSWORD, full_name="Phạm Văn Dân")
    RoleMembership.objects.create(user=resident, role=Role.RESIDENT, unit=village, valid_from=dt.date(2025, 7, 1))
    chair = User.objects.create_user(username="chu-tich-gop-y", password=PASSWORD, full_name="Đinh Văn Chủ")
    RoleMembership.objects.create(user=chair, role=Role.COMMUNE_CHAIR, unit=commune, valid_from=dt.date(2025, 7, 1))
    # Published 19 days ago: the resident comments on the last days of the 20-day period.
    today = clock.localdate()
    published = clock.now() - dt.timedelta(days=19)
    consultation = services.consultation_create(
        commune=commune,
        matter="C5",
        title="Dự thảo quy định thu gom rác thải",
        opens_on=published.date(),
        closes_on=today + dt.timedelta(days=1),
        forms_used=["online", "meeting"],
        actor=officer,
        now=published,
    )
    for number, text in enumerate(["Phạm vi.", "Giờ thu gom.", "Mức đóng góp: 20.000 đồng/hộ/tháng."], start=1):
        services.section_add(
            consultation=consultation, heading=f"Điều {number}", text=text, actor=officer, now=published
        )
    services.plan_record_sent(
        consultation=consultation,
        sent_to_council_on=published.date(),
        sent_to_front_on=published.date(),
        actor=officer,
        now=published,
    )
    services.consultation_open(consultation=consultation, actor=officer, now=published)
    from django.urls import reverse

    base = live_server.url
    public_url = base + reverse("consultations:public_detail", args=[consultation.pk])

    # The resident comments on article 3 from the draft page.
    _sign_in(page, base, "dan-gop-y")
    page.goto(public_url)
    _check(page)
    article = page.locator("article", has=page.get_by_role("heading", name="Điều 3"))
    article.get_by_role("link", name="Góp ý phần này").click()
    _check(page)
    expect(page.get_by_label("Góp ý cho phần nào")).to_have_value(str(consultation.sections.get(position=3).pk))
    page.get_by_label("Góp ý sửa đổi, bổ sung").check()
    page.get_by_label("Nội dung góp ý").fill(COMMENT)
    page.get_by_role("button", name="Gửi ý kiến").click()
    expect(page.get_by_test_id("own-opinion")).to_contain_text(COMMENT)
    opinion = Opinion.objects.get(consultation=consultation, text=COMMENT)
    assert opinion.section is not None and opinion.section.position == 3
    assert opinion.channel == "online" and opinion.author_id == resident.pk

    # The period ends (the clock is past the last day); the officer answers the opinion.
    services.consultation_close(consultation=consultation, actor=officer, now=clock.now() + dt.timedelta(days=2))
    _sign_in(page, base, "canbo-trinh-duyet")
    page.goto(base + reverse("consultations:staff_detail", args=[consultation.pk]) + f"?phan={opinion.section_id}")
    _check(page)
    card = page.get_by_test_id("opinion-card").filter(has_text=COMMENT)
    card.get_by_role("link", name="Tiếp thu, giải trình").click()
    _check(page)
    page.get_by_label("Tiếp thu một phần").check()
    page.get_by_label("Tiếp thu, giải trình").fill(EXPLANATION)
    page.get_by_role("button", name="Lưu").click()
    expect(page.get_by_test_id("opinion-card").filter(has_text=COMMENT)).to_contain_text(EXPLANATION)

    # The Chair completes: the report is issued and published as K11.
    _sign_in(page, base, "chu-tich-gop-y")
    page.goto(base + reverse("consultations:complete", args=[consultation.pk]))
    _check(page)
    page.get_by_label("Nội dung quyết định cuối cùng").fill("Ban hành quy định, đã sửa Điều 3.")
    page.get_by_label("Thông qua dự thảo (có thể đã sửa theo ý kiến)").check()
    page.get_by_role("button", name="Lưu").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Dự thảo quy định thu gom rác thải")
    consultation.refresh_from_db()
    assert consultation.report_disclosure is not None and consultation.report_disclosure.category.code == "K11"

    # Anyone reads the explanation; the author's name stays hidden (they did not choose to show it).
    page.context.clear_cookies()
    page.goto(public_url)
    _check(page)
    answer = page.get_by_test_id("public-opinion").filter(has_text=COMMENT)
    expect(answer).to_contain_text(EXPLANATION)
    expect(answer).not_to_contain_text("Phạm Văn Dân")
    expect(page.get_by_role("link", name="Báo cáo tổng hợp, tiếp thu, giải trình")).to_be_visible()

    # The resident sees the answer to their own opinion.
    _sign_in(page, base, "dan-gop-y")
    page.goto(public_url)
    expect(page.get_by_test_id("own-opinion")).to_contain_text(EXPLANATION)
    _check(page)
