"""Issue 12: the People's Committee's recognition decisions of a village head (D4), read back from DOCX and PDF."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import docx
import pytest
from pypdf import PdfReader
from pytest_django import Settings

from grassroots.accounts.models import Role, User
from grassroots.accounts.testing import make_persona
from grassroots.core.errors import DomainError
from grassroots.core.models import AuditEvent
from grassroots.documents.models import Document
from grassroots.elections import services
from grassroots.elections.models import ElectionStatus
from grassroots.elections.tests.test_decree59 import ELECTION_MOMENT, announced, count
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
    services.election_open(election=election, actor=commune_chair, now=ELECTION_MOMENT)
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
    services.election_open(election=election, actor=commune_chair, now=ELECTION_MOMENT)
    election.refresh_from_db()
    count(election, commune_chair, {f"c{winner.pk}": 3, "against": 0})
    recognised = services.election_recognise(election=election, actor=vice, now=ELECTION_MOMENT + dt.timedelta(days=1))
    document = _decision(recognised.vote)
    assert list(document.content["signatures"][0]["lines"][-2:]) == ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]
    _in_both(document, "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Phó Chủ Tịch Xã")


def test_a_board_election_is_run_and_recognised_by_the_front_without_a_committee_decision(
    community: AdministrativeUnit, front_chair: User, village_head: User
) -> None:
    election, (winner,) = announced(community, front_chair, kind="inspection_board", names=("Thành Viên Ban",))
    vote = services.election_open(election=election, actor=front_chair, now=ELECTION_MOMENT)
    # The Front organises a board election and so runs its meeting (register, count), not the village head.
    assert vote_services.may_run(front_chair, vote, ELECTION_MOMENT.date())
    assert not vote_services.may_run(village_head, vote, ELECTION_MOMENT.date())
    election.refresh_from_db()
    count(election, front_chair, {f"c{winner.pk}": 2, "against": 1})
    recognised = services.election_recognise(election=election, actor=front_chair, now=ELECTION_MOMENT)
    assert recognised.status == ElectionStatus.RECOGNISED
    assert recognised.vote is not None and recognised.vote.decision_document_id is None
    assert not Document.objects.filter(kind="decision").exists()


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
    vote = services.election_open(election=election, actor=commune_chair, now=ELECTION_MOMENT)
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
