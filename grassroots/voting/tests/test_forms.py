"""The Decree 59 forms (Mẫu 01–04), the ballot plan clock, and Law art. 22, read back from DOCX and PDF."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import docx
import pytest
from pypdf import PdfReader
from pytest_django import Settings

from grassroots.accounts.models import Role, User
from grassroots.accounts.testing import make_persona
from grassroots.calendar import rules as calendar_rules
from grassroots.core.errors import DomainError
from grassroots.core.models import AuditEvent
from grassroots.documents.models import Document
from grassroots.units.models import AdministrativeUnit
from grassroots.units.testing import households
from grassroots.voting import rules, selectors, services
from grassroots.voting.models import Channel, CommunityVote, DecisionRevocation, VoteFormDocument, VoteStatus
from grassroots.voting.rules.forms import Decree59Form
from grassroots.voting.testing import NOW, cast_secret_ballots, open_meeting

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings: Settings, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path


def _texts(document: Document) -> tuple[str, str]:
    """The document's text as its DOCX and its PDF say it."""
    word = docx.Document(document.docx_file.path)
    parts = [paragraph.text for paragraph in word.paragraphs]
    for table in word.tables:
        for row in table.rows:
            parts += [cell.text for cell in row.cells]
    pdf = "\n".join(page.extract_text() or "" for page in PdfReader(document.pdf_file.path).pages)
    return "\n".join(parts), pdf


def _in_both(document: Document, *needles: str) -> None:
    word, pdf = _texts(document)
    flat_pdf = " ".join(pdf.split())
    for needle in needles:
        assert needle in word, needle
        assert " ".join(needle.split()) in flat_pdf, needle


def _draft_meeting(community: AdministrativeUnit, village_head: User, matter: str = "D1") -> CommunityVote:
    return services.vote_create(
        unit=community,
        matter=matter,
        form="meeting",
        title="Làm đường bê tông liên xóm",
        question="Đồng ý mức đóng góp 500.000 đồng/hộ?",
        starts_at=NOW,
        convenor_role="village_head",
        actor=village_head,
        now=NOW - dt.timedelta(days=5),
    )


# --- rules ---------------------------------------------------------------------------------------------


def test_missing_fields_are_named_and_zero_is_a_value() -> None:
    values: dict[str, Any] = {"date": dt.date(2026, 11, 22), "counting_board": ["A", "B", "C"], "witnesses": []}
    values |= {"ballots_issued": 0, "ballots_returned": 0, "by_option": {"agree": 0}}
    assert rules.form_missing_fields(Decree59Form.COUNTING_MINUTES, values) == ["witnesses"]


@pytest.mark.parametrize(("count", "allowed"), [(1, False), (2, True), (3, False)])
def test_exactly_two_witnesses(count: int, allowed: bool) -> None:
    assert bool(rules.check_witnesses(count)) is allowed


@pytest.mark.parametrize(("officials", "households_", "allowed"), [(2, 2, True), (2, 1, False), (1, 2, False)])
def test_decision_has_four_signers(officials: int, households_: int, allowed: bool) -> None:
    assert bool(rules.check_decision_signers(officials=officials, households=households_)) is allowed


def test_ballot_plan_due_two_days_after_issue_and_rolls_past_a_weekend() -> None:
    calendar = calendar_rules.build_calendar(
        first_day=dt.date(2026, 1, 1),
        last_day=dt.date(2027, 12, 31),
        holidays={dt.date(2027, 2, day): "Tết Nguyên đán" for day in range(4, 11)},
    )
    # Wednesday 18/11/2026 + 2 days = Friday 20/11.
    assert rules.ballot_plan_due(dt.date(2026, 11, 18), calendar) == dt.date(2026, 11, 20)
    # Thursday 19/11 + 2 = Saturday 21/11 → Monday 23/11 (Civil Code art. 148).
    assert rules.ballot_plan_due(dt.date(2026, 11, 19), calendar) == dt.date(2026, 11, 23)
    # Across Tết: issued Tuesday 02/02/2027, due Thursday 04/02 (29 Tết, a day off) → Thursday 11/02.
    assert rules.ballot_plan_due(dt.date(2027, 2, 2), calendar) == dt.date(2027, 2, 11)


def test_candidate_list_due_exactly_fifteen_days_before() -> None:
    assert rules.candidate_list_due(dt.date(2026, 12, 20)) == dt.date(2026, 12, 5)


# --- Mẫu 01 --------------------------------------------------------------------------------------------


def test_meeting_notice_carries_time_place_content_and_the_d1_documents(
    community: AdministrativeUnit, village_head: User
) -> None:
    vote = _draft_meeting(community, village_head)
    record = services.meeting_notice_issue(
        vote=vote,
        place="Nhà văn hóa Thôn 1",
        meeting_documents=["Dự toán công trình", "Phương án đóng góp"],
        actor=village_head,
        now=NOW - dt.timedelta(days=2),
    )
    assert record.form == "mau01" and record.document.kind == "notice"
    _in_both(
        record.document,
        "Nhà văn hóa Thôn 1",
        "08 giờ 00, ngày 22 tháng 11 năm 2026",
        "Đồng ý mức đóng góp 500.000 đồng/hộ?",
        "Dự toán công trình",
        "Mẫu 01",
    )
    assert AuditEvent.objects.filter(code="decisions.vote.form_mau01_issued").count() == 1


def test_meeting_notice_one_day_before_is_refused(community: AdministrativeUnit, village_head: User) -> None:
    vote = _draft_meeting(community, village_head, matter="D6")
    with pytest.raises(DomainError) as error:
        services.meeting_notice_issue(
            vote=vote, place="Nhà văn hóa", actor=village_head, now=NOW - dt.timedelta(days=1)
        )
    assert error.value.code == "decisions.meeting.notice_too_late"
    assert not VoteFormDocument.objects.exists() and not Document.objects.exists()


def test_d1_notice_without_its_documents_is_refused(community: AdministrativeUnit, village_head: User) -> None:
    vote = _draft_meeting(community, village_head)
    with pytest.raises(DomainError) as error:
        services.meeting_notice_issue(
            vote=vote, place="Nhà văn hóa", actor=village_head, now=NOW - dt.timedelta(days=3)
        )
    assert error.value.code == "decisions.forms.missing" and error.value.params["missing"] == ["meeting_documents"]


def test_notice_without_a_place_names_the_missing_field(community: AdministrativeUnit, village_head: User) -> None:
    vote = _draft_meeting(community, village_head, matter="D6")
    with pytest.raises(DomainError) as error:
        services.meeting_notice_issue(vote=vote, place="  ", actor=village_head, now=NOW - dt.timedelta(days=3))
    assert error.value.params["missing"] == ["place"]


def test_officer_of_another_commune_cannot_issue_a_notice(
    community: AdministrativeUnit, village_head: User, other_commune_officer: User
) -> None:
    vote = _draft_meeting(community, village_head, matter="D6")
    with pytest.raises(DomainError) as error:
        services.meeting_notice_issue(
            vote=vote, place="Nhà văn hóa", actor=other_commune_officer, now=NOW - dt.timedelta(days=3)
        )
    assert error.value.code == "decisions.forms.not_authorised"


# --- Mẫu 02 and Mẫu 03 ---------------------------------------------------------------------------------


def _secret_counted_meeting(community: AdministrativeUnit, village_head: User) -> CommunityVote:
    vote = open_meeting(community, village_head, matter="D6", is_secret=True)
    members = households(community)
    for household in members:
        services.meeting_attendance_set(vote=vote, household=household, present=True, actor=village_head)
    services.meeting_officers_approve(
        vote=vote,
        secretary="Trần Thị Thư Ký",
        approving=3,
        counting_board=["Nguyễn Văn Kiểm", "Lê Thị Phiếu", "Phạm Văn Đếm"],
        witnesses=members[:2],
        actor=village_head,
    )
    cast_secret_ballots(
        vote, village_head, [(members[0], "agree"), (members[1], "agree"), (members[2], "disagree")], present=False
    )
    return services.vote_close(vote=vote, actor=village_head)


def test_counting_minutes_in_three_copies_with_board_and_two_witnesses(
    community: AdministrativeUnit, village_head: User
) -> None:
    vote = _secret_counted_meeting(community, village_head)
    record = services.counting_minutes_issue(vote=vote, actor=village_head)
    assert record.figures["copies"] == 3 and len(record.figures["copy_holders"]) == 3
    assert record.figures["by_option"] == {"agree": 2, "disagree": 1, "other": 0}
    _in_both(
        record.document,
        "Nguyễn Văn Kiểm",
        "Phạm Văn Đếm",
        "lập thành 03 bản",
        "UBND Xã Hòa Phú",
        "Ủy ban MTTQ Việt Nam Xã Hòa Phú",
        "Mẫu 02",
    )
    with pytest.raises(DomainError) as error:
        services.counting_minutes_issue(vote=vote, actor=village_head)
    assert error.value.code == "decisions.forms.already_issued"


def test_counting_minutes_of_an_open_hands_vote_are_refused(community: AdministrativeUnit, village_head: User) -> None:
    vote = open_meeting(community, village_head, matter="D6")
    with pytest.raises(DomainError) as error:
        services.counting_minutes_issue(vote=vote, actor=village_head)
    assert error.value.code == "decisions.forms.wrong_form"


def test_meeting_decision_has_every_element_of_article_20_and_four_signers(
    community: AdministrativeUnit, village_head: User
) -> None:
    vote = _secret_counted_meeting(community, village_head)
    record = services.meeting_decision_issue(
        vote=vote,
        first_official_name="Lê Văn Trưởng",
        second_official_name="Hoàng Văn Mặt Trận",
        household_signers=["Đại Diện Một", "Đại Diện Hai"],
        decision_text="Thống nhất làm sân chơi cho trẻ em tại nhà văn hóa.",
        actor=village_head,
    )
    document = record.document
    signers = [block["signer_name"] for block in document.content["signatures"]]
    assert signers == ["Lê Văn Trưởng", "Hoàng Văn Mặt Trận", "Đại Diện Một", "Đại Diện Hai"]
    _in_both(
        document,
        "ngày 22 tháng 11 năm 2026",
        "Tổng số hộ gia đình: 3 hộ",
        "Số đại diện hộ có mặt: 3 hộ",
        "Số hộ vắng mặt: 0 hộ",
        "Hội nghị, cuộc họp cộng đồng dân cư",
        "Đồng ý 2/3 hộ, cần tối thiểu 2 hộ",
        "Thống nhất làm sân chơi",
        "TRƯỞNG THÔN",
        "TRƯỞNG BAN CÔNG TÁC MẶT TRẬN",
        "Mẫu 03",
    )


def test_meeting_decision_with_one_household_signer_is_refused(
    community: AdministrativeUnit, village_head: User
) -> None:
    vote = _secret_counted_meeting(community, village_head)
    with pytest.raises(DomainError) as error:
        services.meeting_decision_issue(
            vote=vote,
            first_official_name="Lê Văn Trưởng",
            second_official_name="Thư ký",
            household_signers=["Một", ""],
            decision_text="X",
            actor=village_head,
        )
    assert error.value.code == "decisions.forms.signers"
    assert not VoteFormDocument.objects.exists()


# --- Mẫu 04 and the ballot plan -------------------------------------------------------------------------


def _ballot_campaign(community: AdministrativeUnit, village_head: User) -> CommunityVote:
    campaign = services.vote_create(
        unit=community,
        matter="D6",
        form="household_ballot",
        title="Chọn nơi đặt thùng rác",
        question="Đặt thùng rác ở đầu ngõ?",
        starts_at=NOW,
        ends_at=NOW + dt.timedelta(days=3),
        convenor_role="village_head",
        actor=village_head,
        now=NOW - dt.timedelta(days=5),
    )
    for name in ("Tổ Trưởng Phát Phiếu", "B", "C"):
        services.vote_officer_add(
            vote=campaign, role="ballot_team", full_name=name, is_leader=name.startswith("Tổ"), actor=village_head
        )
    services.vote_schedule(
        vote=campaign,
        notice_given_at=NOW - dt.timedelta(days=3),
        plan_issued_on=dt.date(2026, 11, 18),
        actor=village_head,
    )
    return campaign


def test_ballot_minutes_with_two_witnesses(community: AdministrativeUnit, village_head: User) -> None:
    campaign = services.vote_open(vote=_ballot_campaign(community, village_head), actor=village_head, now=NOW)
    for household in households(community)[:2]:
        services.vote_cast(
            vote=campaign,
            household=household,
            option_key="agree",
            channel=Channel.PAPER_BALLOT,
            actor=village_head,
            now=NOW,
        )
    closed = services.vote_close(vote=campaign, actor=village_head, now=NOW + dt.timedelta(days=4))
    with pytest.raises(DomainError) as error:
        services.ballot_minutes_issue(vote=closed, witnesses=["Chỉ Một"], actor=village_head)
    assert error.value.code == "decisions.forms.witnesses"
    record = services.ballot_minutes_issue(
        vote=closed, witnesses=["Chứng Kiến Một", "Chứng Kiến Hai"], actor=village_head
    )
    assert (record.figures["ballots_issued"], record.figures["participated"], record.figures["yes"]) == (3, 2, 2)
    _in_both(
        record.document,
        "Tổ Trưởng Phát Phiếu",
        "Chứng Kiến Hai",
        "Số phiếu phát ra: 3",
        "Số phiếu thu về: 2",
        "ĐẠI DIỆN HỘ GIA ĐÌNH CHỨNG KIẾN",
        "Mẫu 04",
    )


def test_ballot_minutes_without_a_ballot_team_are_refused_not_signed_by_the_convenor(
    community: AdministrativeUnit, village_head: User
) -> None:
    """[ND59] art. 4(6): the ballot team leader signs Mẫu 04. A campaign whose team record is missing (an
    older record, a row removed by hand) is refused with a clear message; the convenor does not stand in."""
    from grassroots.voting.models import MeetingOfficer, OfficerRole

    campaign = services.vote_open(vote=_ballot_campaign(community, village_head), actor=village_head, now=NOW)
    for household in households(community)[:2]:
        services.vote_cast(
            vote=campaign,
            household=household,
            option_key="agree",
            channel=Channel.PAPER_BALLOT,
            actor=village_head,
            now=NOW,
        )
    closed = services.vote_close(vote=campaign, actor=village_head, now=NOW + dt.timedelta(days=4))
    MeetingOfficer.objects.filter(vote=closed, role=OfficerRole.BALLOT_TEAM).delete()
    with pytest.raises(DomainError) as error:
        services.ballot_minutes_issue(vote=closed, witnesses=["Chứng Kiến Một", "Chứng Kiến Hai"], actor=village_head)
    assert error.value.code == "decisions.forms.no_ballot_team"
    assert "Tổ phát phiếu" in error.value.message and "Mẫu 04" in error.value.message
    assert not VoteFormDocument.objects.filter(vote=closed).exists()


def test_ballot_plan_shows_as_a_due_item_until_sent(community: AdministrativeUnit, village_head: User) -> None:
    from grassroots.voting.apps import vote_tasks

    campaign = _ballot_campaign(community, village_head)
    today = dt.date(2026, 11, 19)
    plan_tasks = [task for task in vote_tasks(village_head, today) if "kế hoạch phát phiếu" in task.title]
    assert [task.due_date for task in plan_tasks] == [dt.date(2026, 11, 20)]
    with pytest.raises(DomainError) as error:
        services.ballot_plan_send(vote=campaign, sent_on=dt.date(2026, 11, 17), actor=village_head)
    assert error.value.code == "decisions.ballot_plan.before_issue"
    services.ballot_plan_send(vote=campaign, sent_on=dt.date(2026, 11, 19), actor=village_head)
    assert not [task for task in vote_tasks(village_head, today) if "kế hoạch phát phiếu" in task.title]
    event = AuditEvent.objects.get(code="decisions.vote.ballot_plan_sent")
    assert event.after is not None and event.after["late"] is False


# --- attackers ------------------------------------------------------------------------------------------


def test_a_count_changed_after_the_minutes_shows_as_a_mismatch(
    community: AdministrativeUnit, village_head: User
) -> None:
    """A clerk with database access (or the admin) rewrites an option's count after the minutes: every page
    that asks ``minutes_mismatch`` sees it, and the minutes keep what was counted."""
    vote = _secret_counted_meeting(community, village_head)
    services.counting_minutes_issue(vote=vote, actor=village_head)
    assert selectors.minutes_mismatch(vote) == []
    vote.options.filter(key="disagree").update(count=0)
    vote.options.filter(key="agree").update(count=3)
    assert selectors.minutes_mismatch(vote) == ["mau02"]
    assert VoteFormDocument.objects.get(vote=vote).figures["by_option"] == {"agree": 2, "disagree": 1, "other": 0}


def test_the_admin_cannot_change_a_count(
    client: Any, community: AdministrativeUnit, village_head: User, commune: AdministrativeUnit
) -> None:
    """The Django admin of votes is read-only: a superuser's POST changes nothing."""
    vote = _secret_counted_meeting(community, village_head)
    admin = User.objects.create_superuser(username="root", password="x")
    client.force_login(admin)
    response = client.post(f"/admin/voting/communityvote/{vote.pk}/change/", {"yes_count": 3, "title": "x"})
    vote.refresh_from_db()
    assert response.status_code in (403, 302, 200) and vote.title == "Làm đường bê tông liên xóm"
    assert vote.options.get(key="agree").count == 2


# --- Law art. 22 ----------------------------------------------------------------------------------------


def _passed_meeting(
    community: AdministrativeUnit, village_head: User, *, agree: int = 3, now: dt.datetime = NOW
) -> CommunityVote:
    vote = open_meeting(community, village_head, matter="D6", now=now)
    members = households(community)
    for index, household in enumerate(members):
        services.meeting_attendance_set(vote=vote, household=household, present=True, actor=village_head, now=now)
        services.vote_cast(
            vote=vote,
            household=household,
            option_key="agree" if index < agree else "disagree",
            channel=Channel.MEETING_HANDS,
            actor=village_head,
            now=now,
        )
    services.meeting_officers_approve(vote=vote, secretary="Thư ký", approving=3, actor=village_head, now=now)
    return services.vote_close(vote=vote, actor=village_head, now=now)


def test_unlawful_decision_revoked_by_the_chair_with_its_decision_and_not_enforced(
    community: AdministrativeUnit, village_head: User, commune_chair: User
) -> None:
    vote = _passed_meeting(community, village_head)
    assert selectors.is_in_force(vote)
    revocation = services.decision_revoke(
        vote=vote, ground="unlawful", kind="revoke", reason="Trái quy định về phí", actor=commune_chair
    )
    assert revocation.document_id_value is not None
    decision = Document.objects.get(pk=revocation.document_id_value)
    assert decision.kind == "decision" and "Hủy bỏ" in str(decision.content)
    assert not selectors.is_in_force(vote)
    assert vote not in selectors.decisions_in_force(community)
    # A revoked decision is still enforced? Sending or recognising it is refused.
    with pytest.raises(DomainError) as error:
        services.vote_submit(vote=vote, actor=village_head)
    assert error.value.code == "decisions.revocation.revoked"
    vote.refresh_from_db()
    assert vote.status == VoteStatus.CLOSED


def test_village_head_cannot_revoke_as_unlawful(community: AdministrativeUnit, village_head: User) -> None:
    vote = _passed_meeting(community, village_head)
    with pytest.raises(DomainError) as error:
        services.decision_revoke(vote=vote, ground="unlawful", kind="revoke", reason="x", actor=village_head)
    assert error.value.code == "decisions.revocation.committee_only"
    assert not DecisionRevocation.objects.exists()


def test_officer_of_another_commune_cannot_revoke(
    community: AdministrativeUnit, village_head: User, other_commune_officer: User
) -> None:
    vote = _passed_meeting(community, village_head)
    with pytest.raises(DomainError) as error:
        services.decision_revoke(vote=vote, ground="unlawful", kind="revoke", reason="x", actor=other_commune_officer)
    assert error.value.code == "decisions.revocation.not_authorised"


def test_community_replaces_its_decision_by_the_same_form_and_threshold(
    community: AdministrativeUnit, village_head: User
) -> None:
    original = _passed_meeting(community, village_head)
    replacement = _passed_meeting(community, village_head, now=NOW + dt.timedelta(days=7))
    revocation = services.decision_revoke(
        vote=original,
        ground="community_wish",
        kind="replace",
        reason="Đổi vị trí",
        replacement=replacement,
        actor=village_head,
    )
    assert revocation.replacement == replacement and revocation.document_id_value is None
    assert selectors.revocation_of(original) == revocation
    assert list(selectors.decisions_in_force(community)) == [replacement]
    with pytest.raises(DomainError) as error:  # the original cannot be replaced twice
        services.decision_revoke(
            vote=original,
            ground="community_wish",
            kind="revoke",
            reason="x",
            replacement=replacement,
            actor=village_head,
        )
    assert error.value.code == "decisions.revocation.not_in_force"


def test_replacement_that_did_not_pass_is_refused(community: AdministrativeUnit, village_head: User) -> None:
    original = _passed_meeting(community, village_head)
    # Exactly half (1 of 3 is below; use 1 agree): the new vote fails > 50%, the original stays in force.
    failed = _passed_meeting(community, village_head, agree=1, now=NOW + dt.timedelta(days=7))
    assert not failed.passed
    with pytest.raises(DomainError) as error:
        services.decision_revoke(
            vote=original, ground="community_wish", kind="amend", reason="x", replacement=failed, actor=village_head
        )
    assert error.value.code == "decisions.revocation.vote_not_passed"
    assert selectors.is_in_force(original)


def test_replacement_by_another_form_is_refused() -> None:
    original = {"unit": 1, "matter": "D1", "scope": "community", "form": "meeting", "threshold": "t", "passed": True}
    replacement = {**original, "form": "household_ballot"}
    result = rules.check_revocation(
        ground="community_wish",
        kind="replace",
        original_in_force=True,
        by_committee=False,
        replacement=replacement,
        original=original,
    )
    assert result.code == "decisions.revocation.not_same_form" and result.params["field"] == "form"


@pytest.mark.parametrize(
    ("days_after", "allowed"),
    [(-1, False), (0, False), (1, True)],
    ids=["one_day_before", "same_day", "one_day_after"],
)
def test_replacement_must_be_voted_on_a_later_day_than_the_original(days_after: int, allowed: bool) -> None:
    """Law art. 22(3): an older decision, or one voted the same day, is no replacement of a decision."""
    voted_on = dt.date(2026, 11, 22)
    original = {
        "unit": 1,
        "matter": "D1",
        "scope": "community",
        "form": "meeting",
        "threshold": "t",
        "passed": True,
        "voted_on": voted_on,
    }
    replacement = {**original, "voted_on": voted_on + dt.timedelta(days=days_after)}
    result = rules.check_revocation(
        ground="community_wish",
        kind="replace",
        original_in_force=True,
        by_committee=False,
        replacement=replacement,
        original=original,
    )
    assert result.allowed is allowed
    if not allowed:
        assert result.code == "decisions.revocation.replacement_not_later"
        assert result.params["original_on"] == "22/11/2026"


def test_replacement_without_a_known_day_is_refused() -> None:
    original = {"unit": 1, "matter": "D1", "scope": "community", "form": "meeting", "threshold": "t", "passed": True}
    result = rules.check_revocation(
        ground="community_wish",
        kind="amend",
        original_in_force=True,
        by_committee=False,
        replacement={**original, "voted_on": dt.date(2026, 11, 23)},
        original=original,
    )
    assert result.code == "decisions.revocation.replacement_not_later"


def test_older_decision_cannot_replace_a_newer_one(community: AdministrativeUnit, village_head: User) -> None:
    """The attacker's move: pick an older decision in force as the "replacement" of a newer one. Refused,
    nothing written, both stay in force; the later decision may still replace the older one."""
    older = _passed_meeting(community, village_head)
    newer = _passed_meeting(community, village_head, now=NOW + dt.timedelta(days=1))
    same_day = _passed_meeting(community, village_head, now=NOW + dt.timedelta(days=1, hours=3))
    for original, replacement in ((newer, older), (newer, same_day)):
        with pytest.raises(DomainError) as error:
            services.decision_revoke(
                vote=original,
                ground="community_wish",
                kind="replace",
                reason="x",
                replacement=replacement,
                actor=village_head,
                now=NOW + dt.timedelta(days=2),
            )
        assert error.value.code == "decisions.revocation.replacement_not_later"
        assert "sau ngày biểu quyết quyết định ban đầu (23/11/2026)" in error.value.message
    assert not DecisionRevocation.objects.exists()
    assert selectors.is_in_force(newer) and selectors.is_in_force(older)
    assert list(selectors.replacement_candidates(newer)) == []
    assert list(selectors.replacement_candidates(older)) == [same_day, newer]
    services.decision_revoke(
        vote=older,
        ground="community_wish",
        kind="replace",
        reason="Đổi vị trí",
        replacement=newer,
        actor=village_head,
        now=NOW + dt.timedelta(days=2),
    )
    assert selectors.revocation_of(older).replacement == newer


def test_vice_chair_signs_the_recognition_decision_kt_chu_tich(
    community: AdministrativeUnit, village_head: User, commune: AdministrativeUnit
) -> None:
    from grassroots.voting.services.documents import vote_recognition_decision_issue

    vice = make_persona("vice_chair", Role.COMMUNE_VICE_CHAIR, commune, full_name="Phó Chủ Tịch Xã")
    vote = _passed_meeting(community, village_head)
    document = vote_recognition_decision_issue(vote=vote, actor=vice)
    lines = document.content["signatures"][0]["lines"]
    assert list(lines[-2:]) == ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]
