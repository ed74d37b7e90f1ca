"""Browser journey on a phone (360 px): a two-seat People's Inspection Board election from the opening of the
meeting to the counting minutes.

The commune Front called the meeting with its notice (Mẫu 01) two days before ([ND59] art. 3(3)). On the day its
chair opens the meeting (a secret ballot: one ballot marks up to two names), marks each household present and its
ballot in the box, records the secretary, the counting board of 3 and the 2 household witnesses ([ND59] art. 3(5)),
types the board's count, closes and counts the election (each seat needs more than half of all households,
[L] art. 21(1); [ND59] art. 7), and issues the counting minutes in 3 copies with the witnesses (Mẫu 02) and
the decision of the meeting (Mẫu 03), signed by the village head and the Front work-committee head on the platform.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING

import pytest
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from .test_decree59_procedures_journey import _fits_the_phone, _login, _today, village

if TYPE_CHECKING:
    from grassroots.units.models import AdministrativeUnit

pytestmark = pytest.mark.browser

__all__ = ["village"]  # the fixture, shared with the procedures journeys

HOUSEHOLDS = ("QT-01", "QT-02", "QT-03")
CANDIDATES = ("Đại diện QT-01", "Đại diện QT-02", "Trần Văn Tự Ứng")


def test_the_front_runs_a_two_seat_board_election_to_its_counting_minutes_on_a_phone(
    page: Page, live_server: LiveServer, village: AdministrativeUnit
) -> None:
    from grassroots.accounts.models import User
    from grassroots.core import clock
    from grassroots.elections import services
    from grassroots.elections.models import Candidate, ElectionStatus
    from grassroots.units.models import Resident
    from grassroots.voting.models import VoteFormDocument

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
    for name in CANDIDATES:
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
    now = clock.now()
    services.election_meeting_schedule(  # the server dates the notice: two days ago, in the set-up
        election=election, meeting_at=now, place="Nhà văn hóa thôn", actor=front, now=now - dt.timedelta(days=2)
    )

    base = live_server.url
    _login(page, base, "mttq-xa-qt")
    election_url = f"{base}/ban-va-quyet-dinh/bau-cu/{election.pk}/"
    page.goto(election_url)
    expect(page.get_by_test_id("mau01-issued")).to_be_visible()
    _fits_the_phone(page)
    expect(page.get_by_label("Bỏ phiếu kín")).to_be_checked()
    page.get_by_role("button", name="Bắt đầu cuộc bầu").click()

    # The register: each household present, then its ballot in the box (a secret ballot shows no choice).
    expect(page.get_by_role("heading", name="Điểm danh và biểu quyết")).to_be_visible()
    _fits_the_phone(page)
    for code in HOUSEHOLDS:
        row = page.locator(f"tr[data-household='{code}']")
        row.get_by_role("button", name="Vắng").click()
        expect(row.get_by_role("button", name=re.compile("Có mặt"))).to_be_visible()
        row.get_by_role("button", name="Đã bỏ phiếu vào hòm").click()
        expect(row).to_contain_text("Đã bỏ phiếu")

    # The meeting's officers, approved by the households present; then the board's count.
    election.refresh_from_db()
    assert election.vote is not None
    vote = election.vote
    page.goto(f"{base}/ban-va-quyet-dinh/{vote.pk}/")
    page.get_by_label("Họ tên thư ký").fill("Phạm Thị Thư Ký")
    page.get_by_label("Số hộ có mặt tán thành").fill("3")
    page.get_by_label("Tổ kiểm phiếu", exact=False).fill("Nguyễn Văn Kiểm\nLê Thị Phiếu\nPhạm Văn Đếm")
    page.get_by_label("Mã 2 hộ chứng kiến", exact=False).fill("QT-02, QT-03")
    page.get_by_role("button", name="Ghi nhận", exact=True).click()
    expect(page.get_by_text("Tổ kiểm phiếu: Nguyễn Văn Kiểm", exact=False)).to_be_visible()
    _fits_the_phone(page)
    # 3 ballots, up to 2 marks each: QT-01's representative 3, QT-02's 2, the third 1.
    for name, marks in zip(CANDIDATES, ("3", "2", "1"), strict=True):
        page.get_by_label(name, exact=True).fill(marks)
    page.get_by_role("button", name="Ghi số phiếu").click()

    page.goto(election_url)
    page.get_by_role("button", name="Kết thúc và kiểm phiếu").click()
    expect(page.get_by_test_id("election-status")).to_have_text("Có người trúng cử")
    _fits_the_phone(page)
    elected = set(Candidate.objects.filter(election=election, is_elected=True).values_list("full_name", flat=True))
    assert elected == {"Đại diện QT-01", "Đại diện QT-02"}  # 3 and 2 of 3 households: both above half
    election.refresh_from_db()
    assert election.status == ElectionStatus.ELECTED

    # The counting minutes: the board, the 2 witnesses, the count, 3 copies.
    page.get_by_role("link", name="Biểu mẫu Mẫu 02, Mẫu 03").click()
    page.get_by_role("button", name="Lập Mẫu 02").click()
    expect(page.get_by_test_id("issued-mau02")).to_contain_text("Đã lập")
    _fits_the_phone(page)
    record = VoteFormDocument.objects.get(vote=vote, form="mau02")
    assert record.figures["copies"] == 3 and len(record.figures["copy_holders"]) == 3
    assert (record.figures["ballots_issued"], record.figures["ballots_returned"]) == (3, 3)
    assert sorted(record.figures["by_option"].values()) == [1, 2, 3]
    page.get_by_test_id("issued-mau02").get_by_role("link", name="Xem, tải DOCX/PDF").click()
    expect(page.locator("main")).to_contain_text("Kiểm phiếu biểu quyết")
    expect(page.get_by_role("link", name="Tải PDF")).to_be_visible()
    _fits_the_phone(page)
    printed = str(record.document.content)
    for needle in ("Nguyễn Văn Kiểm", "Đại diện QT-02", "Đại diện QT-03", "Trần Văn Tự Ứng", "Mẫu 02", "03 bản"):
        assert needle in printed, needle

    # The decision of the meeting (Mẫu 03): the village head and the Front work-committee head on the platform
    # sign under their own names, which the page shows and does not let anyone change ([L] art. 20(2)(g)).
    page.go_back()
    # The printed titles follow the unit kind's head title (seeded by a migration; a transactional test before this
    # one may have flushed it, and the fixture then makes a bare kind): found by their common prefix, in order.
    signer_fields = page.get_by_label(re.compile(r"^Họ tên người ký: "))
    expect(signer_fields).to_have_count(2)
    first, second = signer_fields.nth(0), signer_fields.nth(1)
    expect(first).to_have_value("Lê Văn Trưởng")
    expect(first).to_be_disabled()
    expect(second).to_have_value("Hoàng Thị Mặt Trận")
    page.get_by_label("Đại diện hộ gia đình ký thứ nhất").fill("Đại diện QT-02")
    page.get_by_label("Đại diện hộ gia đình ký thứ hai").fill("Đại diện QT-03")
    page.get_by_label("Quyết định của cộng đồng", exact=False).fill("Bầu hai thành viên Ban Thanh tra nhân dân.")
    page.get_by_role("button", name="Lập Mẫu 03").click()
    expect(page.get_by_test_id("issued-mau03")).to_contain_text("Đã lập")
    _fits_the_phone(page)
    decision = VoteFormDocument.objects.get(vote=vote, form="mau03").document
    assert [(block["lines"][0], block["signer_name"]) for block in decision.content["signatures"]] == [
        ("TRƯỞNG THÔN", "Lê Văn Trưởng"),
        ("TRƯỞNG BAN CÔNG TÁC MẶT TRẬN", "Hoàng Thị Mặt Trận"),
        ("ĐẠI DIỆN HỘ GIA ĐÌNH", "Đại diện QT-02"),
        ("ĐẠI DIỆN HỘ GIA ĐÌNH", "Đại diện QT-03"),
    ]
