"""Browser journeys on a phone (360 px) for issue 12: a household representative casts a secret online vote
(choose, check, send), and the village head counts a secret household-ballot campaign cluster by cluster and
issues its Mẫu 04 (ballot counting minutes with 2 household witnesses, a row per cluster and the village total).

The household's own pages are tested as they are (``voting/views_household.py`` is being reshaped on main).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

import pytest
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from .test_decree59_procedures_journey import _fits_the_phone, _login, _user, village

if TYPE_CHECKING:
    from grassroots.units.models import AdministrativeUnit

pytestmark = pytest.mark.browser

__all__ = ["village"]  # the fixture, shared with the procedures journeys


def _adopted_online_form(village: AdministrativeUnit, head: Any, held: dt.datetime) -> None:
    """The households adopted the online form at a meeting (> 50 % of all households; [ND59] art. 5(2)(c))."""
    from grassroots.units.models import Household
    from grassroots.voting import services
    from grassroots.voting.models import Channel

    adoption = services.online_adoption_prepare(
        community=village,
        form="meeting",
        starts_at=held,
        notice_given_at=held - dt.timedelta(days=3),
        actor=head,
        now=held - dt.timedelta(days=3),
    )
    services.vote_open(vote=adoption, actor=head, now=held)
    for household in Household.objects.filter(community=village).order_by("code"):
        services.meeting_attendance_set(vote=adoption, household=household, present=True, actor=head, now=held)
        services.vote_cast(
            vote=adoption, household=household, option_key="agree", channel=Channel.MEETING_HANDS, actor=head, now=held
        )
    services.meeting_officers_approve(vote=adoption, secretary="Thư Ký", approving=3, actor=head, now=held)
    services.vote_close(vote=adoption, actor=head, now=held)


def test_a_household_representative_casts_a_secret_online_vote_on_a_phone(
    page: Page, live_server: LiveServer, village: AdministrativeUnit
) -> None:
    from grassroots.accounts.models import Role, User
    from grassroots.core import clock
    from grassroots.units.models import Household
    from grassroots.voting import services
    from grassroots.voting.models import SealedChoice, VoteParticipation

    head = User.objects.get(username="truong-thon-qt")
    front_head = User.objects.get(username="mat-tran-qt")
    household = Household.objects.get(code="QT-01")
    representative = _user("dai-dien-qt", "Đại diện QT-01", Role.HOUSEHOLD_REPRESENTATIVE, village)
    assert household.representative is not None
    household.representative.user = representative
    household.representative.save(update_fields=["user"])

    now = clock.now()
    _adopted_online_form(village, head, now - dt.timedelta(days=10))
    vote = services.online_vote_prepare(
        community=village,
        title="Giờ tắt đèn đường",
        question="Tắt đèn đường lúc 23 giờ?",
        starts_at=now - dt.timedelta(hours=1),
        ends_at=now + dt.timedelta(days=3),
        notice_given_at=now - dt.timedelta(days=3),
        team=["Hoàng Thị Mặt Trận", "Vũ Văn Tin Học", "Phan Thị Ba"],
        front_head=front_head,
        agreed_on=(now - dt.timedelta(days=4)).date(),
        is_secret=True,
        actor=head,
        now=now - dt.timedelta(days=4),
    )
    services.vote_open(vote=vote, actor=head, now=now - dt.timedelta(hours=1))

    base = live_server.url
    _login(page, base, "dai-dien-qt")
    page.goto(f"{base}/ban-va-quyet-dinh/bieu-quyet/{vote.pk}/")
    expect(page.locator("legend h1")).to_contain_text("Tắt đèn đường lúc 23 giờ?")
    expect(page.get_by_text("Bạn biểu quyết thay mặt hộ QT-01", exact=False)).to_be_visible()
    _fits_the_phone(page)
    page.get_by_role("button", name="Tiếp tục").click()  # nothing chosen: asked again, nothing recorded
    expect(page.locator(".error-summary, #error-summary, .field-error").first).to_be_visible()
    assert not VoteParticipation.objects.filter(vote=vote).exists()
    # The radios carry no <label> element on this page (as it is): picked by value.
    page.locator("input[name=option][value=agree]").check()
    page.get_by_role("button", name="Tiếp tục").click()
    expect(page.get_by_role("heading", name="Kiểm tra trước khi gửi")).to_be_visible()
    expect(page.locator("dd strong")).to_have_text("Đồng ý")
    _fits_the_phone(page)
    assert not VoteParticipation.objects.filter(vote=vote).exists()  # the check page sends nothing yet
    page.get_by_role("button", name="Gửi biểu quyết").click()
    expect(page.locator("h1")).to_have_text("Đã ghi nhận biểu quyết của hộ")
    _fits_the_phone(page)

    participation = VoteParticipation.objects.get(vote=vote)
    assert (participation.household_id, participation.channel, participation.is_on_behalf) == (
        household.pk,
        "online",
        False,
    )
    # Secret: the participation records that the household took part, never what it chose.
    assert participation.option_id is None and SealedChoice.objects.filter(vote=vote).count() == 1

    page.goto(f"{base}/ban-va-quyet-dinh/bieu-quyet/{vote.pk}/")  # once only
    expect(page.get_by_text("Hộ của bạn đã biểu quyết", exact=False)).to_be_visible()
    assert VoteParticipation.objects.filter(vote=vote).count() == 1


def test_the_village_head_counts_a_secret_ballot_campaign_by_cluster_and_issues_mau_04_on_a_phone(
    page: Page, live_server: LiveServer, village: AdministrativeUnit
) -> None:
    from grassroots.accounts.models import User
    from grassroots.core import clock
    from grassroots.units.models import Household
    from grassroots.voting import services
    from grassroots.voting.models import Channel, VoteFormDocument

    head = User.objects.get(username="truong-thon-qt")
    now = clock.now()
    handed_out = now - dt.timedelta(days=3)
    campaign = services.ballot_campaign_prepare(
        community=village,
        matter="D6",
        title="Giờ mở cửa nhà văn hóa",
        question="Mở cửa nhà văn hóa đến 21 giờ?",
        starts_at=handed_out,
        ends_at=now - dt.timedelta(hours=1),
        notice_given_at=handed_out - dt.timedelta(days=3),
        plan_issued_on=(handed_out - dt.timedelta(days=4)).date(),
        team=["Tổ Trưởng Phát Phiếu", "Thành Viên Hai", "Thành Viên Ba"],
        is_secret=True,
        actor=head,
        now=handed_out - dt.timedelta(days=4),
    )
    services.vote_open(vote=campaign, actor=head, now=handed_out)
    for household in Household.objects.filter(community=village).order_by("code"):
        services.vote_cast(vote=campaign, household=household, channel=Channel.PAPER_BALLOT, actor=head, now=handed_out)

    base = live_server.url
    _login(page, base, "truong-thon-qt")
    page.goto(f"{base}/ban-va-quyet-dinh/{campaign.pk}/")
    form = page.get_by_test_id("cluster-count-form")
    _fits_the_phone(page)

    def enter(name: str, issued: int, returned: int, counts: dict[str, int]) -> None:
        form.get_by_label("Tên cụm dân cư").fill(name)
        form.get_by_label("Số phiếu phát ra ở cụm").fill(str(issued))
        form.get_by_label("Số phiếu thu về ở cụm").fill(str(returned))
        for label in ("Đồng ý", "Không đồng ý", "Ý kiến khác"):
            form.get_by_label(label, exact=True).fill(str(counts.get(label, 0)))
        form.get_by_role("button", name="Ghi kết quả của cụm").click()

    enter("Cụm Xóm Trên", 2, 2, {"Đồng ý": 3})  # the options do not add up to the returned ballots: refused
    expect(page.locator(".message-error").first).to_contain_text("không khớp")
    assert not campaign.cluster_counts.exists()
    enter("Cụm Xóm Trên", 2, 2, {"Đồng ý": 2})
    enter("Cụm Xóm Dưới", 1, 1, {"Không đồng ý": 1})
    expect(page.locator('[data-cluster="Cụm Xóm Dưới"]')).to_be_visible()
    _fits_the_phone(page)
    page.get_by_test_id("cluster-total").click()
    expect(page.locator("[data-cluster-total]")).to_contain_text("Cả thôn")
    page.get_by_role("button", name="Kết thúc và kiểm phiếu").click()
    _fits_the_phone(page)
    page.get_by_test_id("forms-link").click()
    page.get_by_label("Đại diện hộ chứng kiến thứ nhất").fill("Đại diện QT-01")
    page.get_by_label("Đại diện hộ chứng kiến thứ hai").fill("Đại diện QT-02")
    page.get_by_role("button", name="Lập Mẫu 04").click()
    expect(page.get_by_test_id("issued-mau04")).to_contain_text("Đã lập")
    _fits_the_phone(page)

    record = VoteFormDocument.objects.get(vote=campaign, form="mau04")
    assert record.figures["witnesses"] == ["Đại diện QT-01", "Đại diện QT-02"]
    assert [row["name"] for row in record.figures["clusters"]] == ["Cụm Xóm Trên", "Cụm Xóm Dưới"]
    assert record.figures["by_option"] == {"agree": 2, "disagree": 1, "other": 0}
    page.get_by_test_id("issued-mau04").get_by_role("link", name="Xem, tải DOCX/PDF").click()
    expect(page.locator("main")).to_contain_text("Kiểm phiếu lấy ý kiến hộ gia đình")
    _fits_the_phone(page)
