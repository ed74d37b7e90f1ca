"""Issue 12: the People's Committee's recognition decisions of a village head (D4), read back from DOCX and PDF."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import docx
import pytest
from pypdf import PdfReader
from pytest_django import Settings

from grassroots.accounts.models import Role, RoleMembership, User
from grassroots.accounts.testing import make_persona
from grassroots.core.errors import DomainError
from grassroots.core.models import AuditEvent
from grassroots.documents.models import Document
from grassroots.elections import services
from grassroots.elections.models import Dismissal, DismissalStatus, ElectionStatus
from grassroots.elections.tests.test_decree59 import (
    ELECTION_DAY,
    ELECTION_MOMENT,
    announced,
    count,
    issue_candidate_minutes,
    open_on_election_day,
)
from grassroots.units.models import AdministrativeUnit
from grassroots.units.testing import households
from grassroots.voting import services as vote_services
from grassroots.voting.models import Channel, CommunityVote
from grassroots.voting.testing import NOW, VN

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings: Settings, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path


def _in_both(document: Document, *needles: str) -> None:
    word = docx.Document(document.docx_file.path)
    parts = [paragraph.text for paragraph in word.paragraphs]
    for table in word.tables:
        for row in table.rows:
            parts += [cell.text for cell in row.cells]
    text = "\n".join(parts)
    flat_pdf = " ".join(
        "\n".join(page.extract_text() or "" for page in PdfReader(document.pdf_file.path).pages).split()
    )
    for needle in needles:
        assert needle in text, needle
        assert " ".join(needle.split()) in flat_pdf, needle


def _decision(vote: CommunityVote | None) -> Document:
    assert vote is not None
    vote.refresh_from_db()
    assert vote.decision_document_id is not None
    return Document.objects.get(pk=vote.decision_document_id)


def test_chair_recognises_the_village_head_by_a_decision_with_the_winner_the_count_and_the_term(
    community: AdministrativeUnit, commune_chair: User
) -> None:
    election, (winner, other) = announced(community, commune_chair, names=("Nguyễn Văn Trúng", "Lê Thị Trượt"))
    open_on_election_day(election, commune_chair)
    election.refresh_from_db()
    count(election, commune_chair, {f"c{winner.pk}": 2, f"c{other.pk}": 1})
    recognised = services.election_recognise(
        election=election, actor=commune_chair, now=dt.datetime(2026, 12, 22, 9, 0, tzinfo=VN)
    )
    document = _decision(recognised.vote)
    assert document.kind == "decision" and document.issuing_body == "people_committee"
    _in_both(
        document,
        "Nguyễn Văn Trúng",
        "H1-01",
        "2/3 hộ gia đình đồng ý",
        "cần tối thiểu 2 hộ",
        "22/12/2026",
        "22/12/2031",
        "CHỦ TỊCH",
        "Nghị định số 59/2023/NĐ-CP",
    )
    assert "Lê Thị Trượt" not in str(document.content)
    assert list(document.content["signatures"][0]["lines"])[-1] == "CHỦ TỊCH"
    assert AuditEvent.objects.filter(code="decisions.election.decision_issued", object_id=str(election.pk)).exists()


def test_a_vice_chair_signs_the_village_head_decision_kt_chu_tich(
    community: AdministrativeUnit, commune_chair: User, commune: AdministrativeUnit
) -> None:
    vice = make_persona("vice", Role.COMMUNE_VICE_CHAIR, commune, full_name="Phó Chủ Tịch Xã")
    election, (winner,) = announced(community, commune_chair, names=("Nguyễn Văn Trúng",))
    open_on_election_day(election, commune_chair)
    election.refresh_from_db()
    count(election, commune_chair, {f"c{winner.pk}": 3, "against": 0})
    recognised = services.election_recognise(election=election, actor=vice, now=ELECTION_MOMENT + dt.timedelta(days=1))
    document = _decision(recognised.vote)
    assert list(document.content["signatures"][0]["lines"][-2:]) == ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]
    _in_both(document, "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Phó Chủ Tịch Xã")


def test_a_board_election_is_run_and_recognised_by_the_front_with_the_fronts_own_decision(
    community: AdministrativeUnit, front_chair: User, village_head: User, commune_chair: User
) -> None:
    election, (winner,) = announced(community, front_chair, kind="inspection_board", names=("Thành Viên Ban",))
    vote = open_on_election_day(election, front_chair)
    # The Front organises a board election and so runs its meeting (register, count), not the village head.
    assert vote_services.may_run(front_chair, vote, ELECTION_MOMENT.date())
    assert not vote_services.may_run(village_head, vote, ELECTION_MOMENT.date())
    election.refresh_from_db()
    count(election, front_chair, {f"c{winner.pk}": 2, "against": 1})
    with pytest.raises(DomainError):  # the People's Committee does not recognise a board: nothing is issued
        services.election_recognise(election=election, actor=commune_chair, now=ELECTION_MOMENT)
    assert not Document.objects.filter(kind="decision").exists()  # only the meeting's notice (Mẫu 01)
    recognised = services.election_recognise(
        election=election, actor=front_chair, now=dt.datetime(2026, 12, 22, 9, 0, tzinfo=VN)
    )
    assert recognised.status == ElectionStatus.RECOGNISED
    document = _decision(recognised.vote)
    # [L] art. 21(2): the commune Front's decision, under its own header and number register.
    assert (document.kind, document.issuing_body, document.symbol) == ("decision", "front", "QĐ-MTTQ")
    assert document.issuer_key.endswith(":front") and document.number == 1
    assert document.content["issuer"]["name_lines"][0] == "ỦY BAN MẶT TRẬN TỔ QUỐC VIỆT NAM"
    assert list(document.content["signatures"][0]["lines"]) == ["TM. BAN THƯỜNG TRỰC", "CHỦ TỊCH"]
    _in_both(
        document,
        "ỦY BAN MẶT TRẬN TỔ QUỐC VIỆT NAM",
        "Ban Thanh tra nhân dân",
        "Thành Viên Ban",
        "2/3 hộ gia đình đồng ý",
        "cần tối thiểu 2 hộ",
        "22/12/2026",
        "Hội đồng nhân dân",
        "TM. BAN THƯỜNG TRỰC",
    )
    assert AuditEvent.objects.filter(code="decisions.election.decision_issued", object_id=str(election.pk)).exists()


def test_an_investment_board_member_is_recognised_for_the_project_and_the_seat_left_is_named(
    community: AdministrativeUnit, front_chair: User
) -> None:
    election = services.election_create(
        community=community,
        kind="investment_supervision_board",
        seats=2,
        project_name="Đường liên thôn",
        election_date=ELECTION_DAY,
        actor=front_chair,
    )
    from grassroots.elections.tests.test_decree59 import resident

    codes = [household.code for household in households(community)]
    first, second = (
        services.election_candidate_add(
            election=election, resident=resident(community, codes[i], name), actor=front_chair
        )
        for i, name in enumerate(("Giám Sát Một", "Giám Sát Hai"))
    )
    services.election_candidates_fix(election=election, on=dt.date(2026, 12, 1), actor=front_chair)
    issue_candidate_minutes(election, front_chair)
    services.election_team_member_add(election=election, full_name="Tổ trưởng", is_leader=True, actor=front_chair)
    services.election_team_form(election=election, on=dt.date(2026, 12, 5), actor=front_chair)
    services.election_announce(election=election, on=dt.date(2026, 12, 10), actor=front_chair)
    open_on_election_day(election, front_chair)
    election.refresh_from_db()
    count(election, front_chair, {f"c{first.pk}": 3, f"c{second.pk}": 1})
    recognised = services.election_recognise(election=election, actor=front_chair, now=ELECTION_MOMENT)
    document = _decision(recognised.vote)
    _in_both(document, "Đường liên thôn", "Giám Sát Một", "3/3 hộ gia đình đồng ý", "còn 01 người", "tự giải thể")
    assert "Giám Sát Hai" not in str(document.content["body"])


def test_a_recognition_whose_decision_cannot_be_issued_is_not_recorded(
    community: AdministrativeUnit, front_chair: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No recognition without its paper: the issue fails, the recognition and the member's role roll back."""
    from grassroots.elections.services import recognition_documents

    election, (winner,) = announced(community, front_chair, kind="inspection_board", names=("Thành Viên Ban",))
    open_on_election_day(election, front_chair)
    election.refresh_from_db()
    count(election, front_chair, {f"c{winner.pk}": 2, "against": 1})

    def broken(**kwargs: object) -> None:
        raise DomainError("documents.incomplete", "thiếu")

    monkeypatch.setattr(recognition_documents, "document_issue", broken)
    with pytest.raises(DomainError):
        services.election_recognise(election=election, actor=front_chair, now=ELECTION_MOMENT)
    election.refresh_from_db()
    assert election.status == ElectionStatus.ELECTED and election.recognised_on is None
    assert not RoleMembership.objects.filter(role=Role.INSPECTION_BOARD_MEMBER).exists()


def test_dismissal_recognised_by_a_decision_naming_the_head_the_count_and_the_interim(
    community: AdministrativeUnit, commune_chair: User, village_head: User, front_head: User
) -> None:
    dismissal = services.dismissal_request(
        community=community,
        head=village_head,
        ground="household_petition",
        reason="Mất tín nhiệm",
        petition_households=2,
        actor=commune_chair,
    )
    meeting_time = NOW + dt.timedelta(days=3)
    vote = services.dismissal_open_vote(dismissal=dismissal, starts_at=meeting_time, actor=front_head)
    vote_services.vote_schedule(vote=vote, notice_given_at=NOW, actor=front_head)
    vote_services.vote_open(vote=vote, actor=front_head, now=meeting_time)
    for household in households(community):
        vote_services.meeting_attendance_set(
            vote=vote, household=household, present=True, actor=front_head, now=meeting_time
        )
        vote_services.vote_cast(
            vote=vote,
            household=household,
            option_key="agree",
            channel=Channel.MEETING_HANDS,
            actor=front_head,
            now=meeting_time,
        )
    vote_services.meeting_officers_approve(
        vote=vote, secretary="Thư ký", approving=3, actor=front_head, now=meeting_time
    )
    vote_services.vote_close(vote=vote, actor=front_head, now=meeting_time)
    dismissal = services.dismissal_conclude(dismissal=dismissal, actor=front_head, now=meeting_time)
    interim = make_persona("interim", Role.RESIDENT, community, full_name="Người Lâm Thời")
    with pytest.raises(DomainError):  # the Front work-committee head does not recognise: nothing is issued
        services.dismissal_recognise(dismissal=dismissal, actor=front_head, now=meeting_time)
    assert not Document.objects.filter(kind="decision").exists()
    recognised = services.dismissal_recognise(
        dismissal=dismissal, interim_user=interim, actor=commune_chair, now=dt.datetime(2026, 11, 27, 9, 0, tzinfo=VN)
    )
    document = _decision(recognised.vote)
    head_name = village_head.full_name or str(village_head)
    _in_both(document, head_name, "3/3 hộ gia đình đồng ý", "60 ngày", "Người Lâm Thời", "27/05/2027")


def test_the_election_meeting_officers_are_recorded_and_printed_on_the_counting_minutes(
    community: AdministrativeUnit, commune_chair: User
) -> None:
    election, (winner,) = announced(community, commune_chair, names=("Nguyễn Văn Trúng",))
    vote = open_on_election_day(election, commune_chair)
    members = households(community)
    for household in members:
        vote_services.meeting_attendance_set(
            vote=vote, household=household, present=True, actor=commune_chair, now=ELECTION_MOMENT
        )
    vote_services.meeting_officers_approve(
        vote=vote,
        secretary="Thư Ký Hội Nghị",
        approving=2,
        counting_board=["Kiểm Một", "Kiểm Hai", "Kiểm Ba"],
        witnesses=members[:2],
        actor=commune_chair,
        now=ELECTION_MOMENT,
    )
    for household in members:
        vote_services.vote_cast(
            vote=vote, household=household, channel=Channel.MEETING_BALLOT, actor=commune_chair, now=ELECTION_MOMENT
        )
    vote_services.vote_count_ballots(
        vote=vote, counts={f"c{winner.pk}": 3, "against": 0}, actor=commune_chair, now=ELECTION_MOMENT
    )
    election.refresh_from_db()
    services.election_count(election=election, actor=commune_chair, now=ELECTION_MOMENT + dt.timedelta(hours=1))
    record = vote_services.counting_minutes_issue(
        vote=vote, actor=commune_chair, now=ELECTION_MOMENT + dt.timedelta(hours=2)
    )
    _in_both(
        record.document,
        "Tổ bầu cử (chủ trì cuộc họp): Tổ trưởng bầu cử",
        "Thư ký: Thư Ký Hội Nghị",
        "Tổ kiểm phiếu: Kiểm Một, Kiểm Hai, Kiểm Ba",
        "Nguyễn Văn Trúng",
    )


def _undecided(community: AdministrativeUnit, chair: User, front_head: User, head: User) -> Dismissal:
    from grassroots.elections.tests.test_decree59 import _dismissal_meeting

    dismissal, vote = _dismissal_meeting(community, chair, front_head, head)
    meeting_time = NOW + dt.timedelta(days=3)
    for household, choice in zip(households(community), ["agree", "disagree", "other"], strict=True):
        vote_services.meeting_attendance_set(
            vote=vote, household=household, present=True, actor=front_head, now=meeting_time
        )
        vote_services.vote_cast(
            vote=vote,
            household=household,
            option_key=choice,
            channel=Channel.MEETING_HANDS,
            actor=front_head,
            now=meeting_time,
        )
    vote_services.meeting_officers_approve(
        vote=vote, secretary="Thư ký", approving=3, actor=front_head, now=meeting_time
    )
    vote_services.vote_close(vote=vote, actor=front_head, now=meeting_time)
    return services.dismissal_conclude(dismissal=dismissal, actor=front_head, now=meeting_time)


def _commune_decision(dismissal: Dismissal) -> Document:
    dismissal.refresh_from_db()
    assert dismissal.commune_decision_document_id is not None
    return Document.objects.get(pk=dismissal.commune_decision_document_id)


def test_the_commune_decides_an_undecided_dismissal_by_a_decision_with_the_count_the_front_and_the_interim(
    community: AdministrativeUnit, commune_chair: User, front_head: User, village_head: User
) -> None:
    undecided = _undecided(community, commune_chair, front_head, village_head)
    assert undecided.status == DismissalStatus.UNDECIDED
    interim = make_persona("interim", Role.RESIDENT, community, full_name="Người Lâm Thời")
    decided = services.dismissal_commune_decide(
        dismissal=undecided,
        dismiss=True,
        front_agreed_on=dt.date(2026, 11, 26),
        reason="Trưởng thôn xin thôi; hội nghị không thống nhất.",
        interim_user=interim,
        actor=commune_chair,
        now=dt.datetime(2026, 11, 27, 9, 0, tzinfo=VN),
    )
    document = _commune_decision(decided)
    assert (document.kind, document.issuing_body) == ("decision", "people_committee")
    assert list(document.content["signatures"][0]["lines"])[-1] == "CHỦ TỊCH"
    head_name = village_head.full_name or str(village_head)
    _in_both(
        document,
        f"Cho ông (bà) {head_name} thôi làm Trưởng",
        "Trưởng thôn xin thôi; hội nghị không thống nhất.",
        "1/3 hộ gia đình đồng ý, 1/3 hộ không đồng ý",
        "26/11/2026",
        "60 ngày",
        "Người Lâm Thời",
    )
    assert decided.vote is not None and decided.vote.decision_document_id is None  # not a recognition
    assert AuditEvent.objects.filter(
        code="decisions.dismissal.commune_decision_issued", object_id=str(decided.pk)
    ).exists()


def test_the_commune_keeping_the_head_issues_a_decision_without_the_new_election_and_a_vice_chair_signs_kt(
    community: AdministrativeUnit,
    commune_chair: User,
    commune: AdministrativeUnit,
    front_head: User,
    village_head: User,
) -> None:
    undecided = _undecided(community, commune_chair, front_head, village_head)
    vice = make_persona("vice", Role.COMMUNE_VICE_CHAIR, commune, full_name="Phó Chủ Tịch Xã")
    kept = services.dismissal_commune_decide(
        dismissal=undecided,
        dismiss=False,
        front_agreed_on=dt.date(2026, 11, 26),
        reason="Trưởng thôn rút đơn",
        actor=vice,
        now=dt.datetime(2026, 11, 27, 9, 0, tzinfo=VN),
    )
    assert kept.status == DismissalStatus.KEPT
    document = _commune_decision(kept)
    assert list(document.content["signatures"][0]["lines"][-2:]) == ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]
    _in_both(document, "tiếp tục làm Trưởng", "Trưởng thôn rút đơn", "Phó Chủ Tịch Xã")
    assert "60 ngày" not in str(document.content["body"])
    assert (
        RoleMembership.objects.active_on(dt.date(2026, 11, 28))
        .filter(user=village_head, role=Role.VILLAGE_HEAD)
        .exists()
    )


def test_a_refused_commune_decision_issues_nothing_and_a_second_decision_is_refused(
    community: AdministrativeUnit, commune_chair: User, front_head: User, village_head: User
) -> None:
    undecided = _undecided(community, commune_chair, front_head, village_head)
    moment = dt.datetime(2026, 11, 27, 9, 0, tzinfo=VN)
    with pytest.raises(DomainError):  # no agreement with the Front recorded
        services.dismissal_commune_decide(
            dismissal=undecided, dismiss=True, front_agreed_on=None, reason="x", actor=commune_chair, now=moment
        )
    assert not Document.objects.exists()
    decided = services.dismissal_commune_decide(
        dismissal=undecided,
        dismiss=True,
        front_agreed_on=dt.date(2026, 11, 26),
        reason="x",
        actor=commune_chair,
        now=moment,
    )
    with pytest.raises(DomainError):  # already decided: the status table refuses, no second paper
        services.dismissal_commune_decide(
            dismissal=decided,
            dismiss=False,
            front_agreed_on=dt.date(2026, 11, 26),
            reason="y",
            actor=commune_chair,
            now=moment,
        )
    assert Document.objects.count() == 1
