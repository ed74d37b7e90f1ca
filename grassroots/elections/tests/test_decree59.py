"""Issue 12: nominations from the floor, multi-seat elections, by-elections, Mẫu 05, the dismissal fallback."""

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
from grassroots.elections import rules, services
from grassroots.elections.apps import election_tasks
from grassroots.elections.models import Candidate, Dismissal, DismissalStatus, Election, ElectionStatus
from grassroots.units.models import AdministrativeUnit, Household, Resident
from grassroots.units.testing import households
from grassroots.voting import services as vote_services
from grassroots.voting.models import Channel, CommunityVote, VoteStatus
from grassroots.voting.testing import NOW, VN

pytestmark = pytest.mark.django_db

ELECTION_DAY = dt.date(2026, 12, 20)
ELECTION_MOMENT = dt.datetime(2026, 12, 20, 8, 0, tzinfo=VN)


@pytest.fixture(autouse=True)
def _media(settings: Settings, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path


def resident(community: AdministrativeUnit, code: str, name: str) -> Resident:
    return Resident.objects.create(household=Household.objects.get(community=community, code=code), full_name=name)


def announced(
    community: AdministrativeUnit,
    organiser: User,
    *,
    kind: str = "village_head",
    seats: int = 1,
    names: tuple[str, ...],
) -> tuple[Election, list[Candidate]]:
    election = services.election_create(
        community=community, kind=kind, seats=seats, election_date=ELECTION_DAY, actor=organiser
    )
    codes = [household.code for household in households(community)]
    people = [
        services.election_candidate_add(
            election=election, resident=resident(community, codes[i], name), actor=organiser
        )
        for i, name in enumerate(names)
    ]
    services.election_candidates_fix(election=election, on=dt.date(2026, 12, 1), actor=organiser)
    issue_candidate_minutes(election, organiser)
    services.election_team_member_add(election=election, full_name="Tổ trưởng bầu cử", is_leader=True, actor=organiser)
    services.election_team_form(election=election, on=dt.date(2026, 12, 5), actor=organiser)
    services.election_announce(election=election, on=dt.date(2026, 12, 10), actor=organiser)
    return election, people


TWO_DAYS_BEFORE = dt.datetime(2026, 12, 18, 9, 0, tzinfo=VN)
MINUTES_MOMENT = dt.datetime(2026, 12, 1, 9, 0, tzinfo=VN)
"""When the test helpers issue Mẫu 05: the day the list is fixed, 19 days before the election."""


def issue_candidate_minutes(election: Election, organiser: User, *, now: dt.datetime = MINUTES_MOMENT) -> Document:
    """Issue the Mẫu 05 of a fixed list, as the announcement requires ([ND59] art. 6(2))."""
    document: Document = services.candidate_list_minutes_issue(
        election=election, front_committee=["Trưởng Ban Công Tác", "Thư Ký Ban"], actor=organiser, now=now
    )
    return document


def open_on_election_day(election: Election, organiser: User, *, is_secret: bool = True) -> CommunityVote:
    """Call the election meeting with its Mẫu 01 exactly 2 days before ([ND59] art. 3(3)), then open it on the day."""
    election.refresh_from_db()
    if election.vote_id is None:
        services.election_meeting_schedule(
            election=election,
            meeting_at=ELECTION_MOMENT,
            place="Nhà văn hóa thôn",
            actor=organiser,
            now=TWO_DAYS_BEFORE,
        )
    return services.election_open(election=election, actor=organiser, is_secret=is_secret, now=ELECTION_MOMENT)


def count(election: Election, organiser: User, counts: dict[str, int], ballots: int | None = None) -> Election:
    """Every household (or ``ballots`` of them) puts a ballot in the box; the board records ``counts`` per option."""
    vote = election.vote
    assert vote is not None
    for household in households(election.community)[: ballots if ballots is not None else None]:
        vote_services.meeting_attendance_set(
            vote=vote, household=household, present=True, actor=organiser, now=ELECTION_MOMENT
        )
        vote_services.vote_cast(
            vote=vote, household=household, channel=Channel.MEETING_BALLOT, actor=organiser, now=ELECTION_MOMENT
        )
    vote_services.vote_count_ballots(vote=vote, counts=counts, actor=organiser, now=ELECTION_MOMENT)
    return services.election_count(election=election, actor=organiser, now=ELECTION_MOMENT + dt.timedelta(hours=2))


# --- rules ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("votes", "seats", "winners"),
    [
        ({1: 3, 2: 3, 3: 2}, 2, [1, 2]),  # both > 2 of 4
        ({1: 3, 2: 2, 3: 2}, 2, [1]),  # exactly half is not more than half: the second seat stays empty
        ({1: 4, 2: 3, 3: 3}, 2, [1]),  # a tie for the last seat elects nobody to it
        ({1: 2, 2: 2}, 1, []),
    ],
)
def test_multi_seat_winners_in_order_each_above_half(votes: dict[int, int], seats: int, winners: list[int]) -> None:
    assert sorted(rules.election_winners(votes=votes, eligible=4, seats=seats)) == winners


@pytest.mark.parametrize(
    ("agree", "disagree", "expected"),
    [
        (3, 1, DismissalStatus.DISMISSED),
        (2, 2, DismissalStatus.UNDECIDED),  # exactly half on each side: nobody decided
        (1, 3, DismissalStatus.KEPT),
        (2, 1, DismissalStatus.UNDECIDED),  # 2 of 4 agree is not more than half
    ],
)
def test_dismissal_result_at_the_edges(agree: int, disagree: int, expected: DismissalStatus) -> None:
    assert rules.dismissal_result(agree=agree, disagree=disagree, eligible=4) == expected


def test_unfilled_seats() -> None:
    assert (rules.unfilled_seats(seats=3, elected=1), rules.unfilled_seats(seats=2, elected=2)) == (2, 0)


# --- nominations from the floor -------------------------------------------------------------------------


def test_floor_nomination_on_election_day_joins_the_ballot_and_can_win(
    community: AdministrativeUnit, commune_chair: User
) -> None:
    election, (listed,) = announced(community, commune_chair, names=("Ứng Viên Danh Sách",))
    with pytest.raises(DomainError) as error:  # the day before the meeting
        services.election_floor_nominate(
            election=election,
            full_name="Người Tự Ứng Cử",
            is_self_nominated=True,
            actor=commune_chair,
            now=ELECTION_MOMENT - dt.timedelta(days=1),
        )
    assert error.value.code == "decisions.election.not_meeting_day"
    floor_person = resident(community, "H1-02", "Người Tự Ứng Cử")
    floor = services.election_floor_nominate(
        election=election, resident=floor_person, is_self_nominated=True, actor=commune_chair, now=ELECTION_MOMENT
    )
    assert (floor.is_from_floor, floor.is_self_nominated) == (True, True)
    vote = open_on_election_day(election, commune_chair)
    assert {option.key for option in vote.options.all()} == {f"c{listed.pk}", f"c{floor.pk}"}
    election.refresh_from_db()
    counted = count(election, commune_chair, {f"c{listed.pk}": 1, f"c{floor.pk}": 2})
    assert counted.status == ElectionStatus.ELECTED
    assert list(Candidate.objects.filter(is_elected=True)) == [floor]
    assert AuditEvent.objects.filter(code="decisions.election.floor_nominated").count() == 1


def test_floor_nomination_of_a_team_member_or_an_outsider_is_refused(
    community: AdministrativeUnit, commune_chair: User, second_community: AdministrativeUnit
) -> None:
    election, _ = announced(community, commune_chair, names=("Ứng Viên",))
    with pytest.raises(DomainError) as error:
        services.election_floor_nominate(
            election=election, full_name="Tổ trưởng bầu cử", actor=commune_chair, now=ELECTION_MOMENT
        )
    assert error.value.code in {"decisions.election.candidate_on_team", "decisions.election.resident_outside"}
    outsider = resident(second_community, "H2-01", "Người Thôn Khác")
    with pytest.raises(DomainError) as error:
        services.election_floor_nominate(
            election=election, resident=outsider, nominated_by="Hộ H1-01", actor=commune_chair, now=ELECTION_MOMENT
        )
    assert error.value.code == "decisions.election.resident_outside"
    team_person = resident(community, "H1-03", "Tổ trưởng bầu cử")
    with pytest.raises(DomainError) as error:
        services.election_floor_nominate(
            election=election, resident=team_person, nominated_by="Hộ H1-01", actor=commune_chair, now=ELECTION_MOMENT
        )
    assert error.value.code == "decisions.election.candidate_on_team"
    assert Candidate.objects.filter(is_from_floor=True).count() == 0


def test_officer_of_another_commune_cannot_nominate(
    community: AdministrativeUnit, commune_chair: User, other_commune_officer: User
) -> None:
    election, _ = announced(community, commune_chair, names=("Ứng Viên",))
    with pytest.raises(DomainError) as error:
        services.election_floor_nominate(
            election=election, full_name="Ai Đó", actor=other_commune_officer, now=ELECTION_MOMENT
        )
    assert error.value.code == "decisions.election.not_authorised"


# --- multi-seat boards and the by-election -------------------------------------------------------------


def test_two_seats_one_filled_then_a_by_election_for_the_other(
    community: AdministrativeUnit, front_chair: User
) -> None:
    election, (first, second, third) = announced(
        community, front_chair, kind="inspection_board", seats=2, names=("Ứng Viên A", "Ứng Viên B", "Ứng Viên C")
    )
    with pytest.raises(DomainError) as error:  # one ballot marks two people: only a secret, counted ballot
        open_on_election_day(election, front_chair, is_secret=False)
    assert error.value.code == "decisions.election.multi_seat_secret"
    vote = open_on_election_day(election, front_chair)
    assert vote.marks_per_ballot == 2
    election.refresh_from_db()
    # 3 households, 2 marks each at most: A 3, B 1, C 1 → only A has more than half of 3.
    counted = count(election, front_chair, {f"c{first.pk}": 3, f"c{second.pk}": 1, f"c{third.pk}": 1})
    assert counted.status == ElectionStatus.ELECTED
    assert list(Candidate.objects.filter(election=election, is_elected=True)) == [first]
    by_election = services.election_by_election_order(
        election=counted, election_date=dt.date(2027, 1, 31), actor=front_chair, now=ELECTION_MOMENT
    )
    assert (by_election.seats, by_election.by_election_for_id, by_election.status) == (1, election.pk, "preparing")
    with pytest.raises(DomainError) as error:  # the empty seat already has its by-election
        services.election_by_election_order(
            election=counted, election_date=dt.date(2027, 2, 28), actor=front_chair, now=ELECTION_MOMENT
        )
    assert error.value.code == "decisions.election.seats_filled"


def test_counting_board_cannot_give_a_candidate_more_marks_than_ballots(
    community: AdministrativeUnit, front_chair: User
) -> None:
    """An attacker on the counting board writes 4 marks for one candidate from 3 ballots: refused, nothing stored."""
    election, (first, second) = announced(
        community, front_chair, kind="inspection_board", seats=2, names=("Ứng Viên A", "Ứng Viên B")
    )
    vote = open_on_election_day(election, front_chair)
    for household in households(community):
        vote_services.meeting_attendance_set(
            vote=vote, household=household, present=True, actor=front_chair, now=ELECTION_MOMENT
        )
        vote_services.vote_cast(
            vote=vote, household=household, channel=Channel.MEETING_BALLOT, actor=front_chair, now=ELECTION_MOMENT
        )
    for counts in ({f"c{first.pk}": 4, f"c{second.pk}": 0}, {f"c{first.pk}": 3, f"c{second.pk}": 3, "x": 1}):
        with pytest.raises(DomainError):
            vote_services.vote_count_ballots(vote=vote, counts=counts, actor=front_chair, now=ELECTION_MOMENT)
    vote.refresh_from_db()
    assert vote.counted_at is None


# --- Mẫu 05 ---------------------------------------------------------------------------------------------


def test_candidate_list_minutes_due_fifteen_days_before_and_listing_every_candidate(
    community: AdministrativeUnit, commune_chair: User
) -> None:
    election = services.election_create(
        community=community, kind="village_head", election_date=ELECTION_DAY, actor=commune_chair
    )
    tasks = [task for task in election_tasks(commune_chair, dt.date(2026, 11, 22)) if "Mẫu 05" in task.title]
    assert [task.due_date for task in tasks] == [dt.date(2026, 12, 5)]
    services.election_candidate_add(
        election=election, resident=resident(community, "H1-01", "Nguyễn Văn Ứng Cử"), actor=commune_chair
    )
    services.election_candidates_fix(election=election, on=dt.date(2026, 12, 5), actor=commune_chair)
    with pytest.raises(DomainError) as error:  # 14 days before: too late
        services.candidate_list_minutes_issue(
            election=election,
            front_committee=["Trưởng Ban", "Thư Ký Ban"],
            actor=commune_chair,
            now=dt.datetime(2026, 12, 6, 9, 0, tzinfo=VN),
        )
    assert error.value.code == "decisions.election.candidates_too_late"
    document = services.candidate_list_minutes_issue(
        election=election,
        front_committee=["Trưởng Ban Công Tác", "Thư Ký Ban"],
        actor=commune_chair,
        now=dt.datetime(2026, 12, 5, 9, 0, tzinfo=VN),  # exactly 15 days before
    )
    text = str(Document.objects.get(pk=document.pk).content)
    for needle in ("Nguyễn Văn Ứng Cử", "H1-01", "Trưởng Ban Công Tác", "20/12/2026", "Mẫu 05", "chi ủy"):
        assert needle in text
    # The paper itself, as the People's Committee receives it: the candidate, the election day, the Front work
    # committee's head and secretary as signers, and who gets a copy, in the DOCX and in the PDF alike.
    issued = Document.objects.get(pk=document.pk)
    word = docx.Document(issued.docx_file.path)
    word_text = "\n".join(
        [paragraph.text for paragraph in word.paragraphs]
        + [cell.text for table in word.tables for row in table.rows for cell in row.cells]
    )
    pdf_text = " ".join(" ".join(page.extract_text() or "" for page in PdfReader(issued.pdf_file.path).pages).split())
    for needle in (
        "Nguyễn Văn Ứng Cử",
        "H1-01",
        "Ngày bầu: 20/12/2026",
        "Mẫu 05",
        "TRƯỞNG BAN CÔNG TÁC MẶT TRẬN",
        "THƯ KÝ",
        "Trưởng Ban Công Tác",
        "Thư Ký Ban",
        "Lưu",
    ):
        assert needle in word_text, needle
        assert " ".join(needle.split()) in pdf_text, needle
    assert not [task for task in election_tasks(commune_chair, dt.date(2026, 12, 5)) if "Mẫu 05" in task.title]


def test_candidate_list_minutes_cannot_precede_the_fixed_list(
    community: AdministrativeUnit, commune_chair: User
) -> None:
    """Attack: the organiser issues Mẫu 05 while the list is still open (or "fixed" on a day still to come),
    then adds a candidate the minutes never listed. Refused, nothing issued ([ND59] art. 6(2))."""
    election = services.election_create(
        community=community, kind="village_head", election_date=ELECTION_DAY, actor=commune_chair
    )
    services.election_candidate_add(
        election=election, resident=resident(community, "H1-01", "Nguyễn Văn Ứng Cử"), actor=commune_chair
    )
    events = AuditEvent.objects.count()
    with pytest.raises(DomainError) as error:
        issue_candidate_minutes(election, commune_chair)
    assert error.value.code == "decisions.election.candidates_not_fixed"
    assert "chốt danh sách trước" in error.value.message
    services.election_candidates_fix(election=election, on=dt.date(2026, 12, 3), actor=commune_chair)
    events = AuditEvent.objects.count()
    with pytest.raises(DomainError) as error:  # the list is "fixed" on 3 December; the server says 1 December
        issue_candidate_minutes(election, commune_chair, now=dt.datetime(2026, 12, 1, 9, 0, tzinfo=VN))
    assert error.value.code == "decisions.election.candidates_not_fixed"
    election.refresh_from_db()
    assert election.candidate_minutes_document_id is None and not Document.objects.exists()
    assert AuditEvent.objects.count() == events
    issue_candidate_minutes(election, commune_chair, now=dt.datetime(2026, 12, 3, 9, 0, tzinfo=VN))
    election.refresh_from_db()
    assert election.candidate_minutes_document_id is not None


def _fixed_and_team_formed(community: AdministrativeUnit, organiser: User) -> Election:
    election = services.election_create(
        community=community, kind="village_head", election_date=ELECTION_DAY, actor=organiser
    )
    services.election_candidate_add(
        election=election, resident=resident(community, "H1-01", "Nguyễn Văn Ứng Cử"), actor=organiser
    )
    services.election_candidates_fix(election=election, on=dt.date(2026, 12, 1), actor=organiser)
    services.election_team_member_add(election=election, full_name="Tổ trưởng bầu cử", is_leader=True, actor=organiser)
    services.election_team_form(election=election, on=dt.date(2026, 12, 5), actor=organiser)
    return election


def test_election_without_candidate_minutes_is_neither_announced_nor_held(
    community: AdministrativeUnit, commune_chair: User
) -> None:
    """Attack: the clerk types a fixing day and announces with no Mẫu 05 at all, or sets the status by hand
    (a clerk in the admin) and opens the vote. Both refused ([ND59] art. 6(2); law.md §1(c))."""
    election = _fixed_and_team_formed(community, commune_chair)
    with pytest.raises(DomainError) as error:
        services.election_announce(election=election, on=dt.date(2026, 12, 10), actor=commune_chair)
    assert error.value.code == "decisions.election.candidate_minutes_missing"
    election.refresh_from_db()
    assert election.status == ElectionStatus.PREPARING and election.notice_posted_on is None
    Election.objects.filter(pk=election.pk).update(
        status=ElectionStatus.ANNOUNCED, notice_posted_on=dt.date(2026, 12, 10)
    )
    with pytest.raises(DomainError) as error:
        services.election_meeting_schedule(
            election=election, meeting_at=ELECTION_MOMENT, place="Nhà văn hóa", actor=commune_chair, now=TWO_DAYS_BEFORE
        )
    assert error.value.code == "decisions.election.candidate_minutes_missing"
    with pytest.raises(DomainError) as error:
        services.election_open(election=election, actor=commune_chair, place="Nhà văn hóa", now=ELECTION_MOMENT)
    assert error.value.code == "decisions.election.candidate_minutes_missing"
    election.refresh_from_db()
    assert election.vote_id is None and not CommunityVote.objects.exists()


def test_candidate_minutes_issued_fourteen_days_before_do_not_let_the_election_be_announced(
    community: AdministrativeUnit, commune_chair: User
) -> None:
    """Attack: a Mẫu 05 issued late (here: one the clerk links by hand in the admin, as the service refuses
    it) does not count; the day is the server's ``issued_at``, not a back-dated ``issued_on``. Exactly 15
    days before is in time."""
    election = _fixed_and_team_formed(community, commune_chair)
    document = issue_candidate_minutes(election, commune_chair, now=dt.datetime(2026, 12, 5, 23, 30, tzinfo=VN))
    Document.objects.filter(pk=document.pk).update(
        issued_at=dt.datetime(2026, 12, 6, 8, 0, tzinfo=VN), issued_on=dt.date(2026, 12, 1)
    )
    with pytest.raises(DomainError) as error:
        services.election_announce(election=election, on=dt.date(2026, 12, 10), actor=commune_chair)
    assert error.value.code == "decisions.election.candidate_minutes_too_late"
    assert "05/12/2026" in error.value.message
    Document.objects.filter(pk=document.pk).update(issued_at=dt.datetime(2026, 12, 5, 23, 30, tzinfo=VN))
    election = services.election_announce(election=election, on=dt.date(2026, 12, 10), actor=commune_chair)
    assert election.status == ElectionStatus.ANNOUNCED


@pytest.mark.parametrize(
    "front_committee",
    [
        ["Trưởng Ban Công Tác"],  # one line: head and secretary would be the same person
        ["Trưởng Ban Công Tác", "  trưởng ban  công tác "],  # the same person twice (case, spaces)
        ["Trưởng Ban Công Tác", "Ủy Viên", "Trưởng Ban Công Tác"],  # head listed again as secretary
    ],
    ids=["one_line", "same_name_twice", "head_again_last"],
)
def test_candidate_list_minutes_need_two_distinct_signers(
    community: AdministrativeUnit, commune_chair: User, front_committee: list[str]
) -> None:
    """Mẫu 05 is signed by the Front work committee's head and its secretary: two different people."""
    election = services.election_create(
        community=community, kind="village_head", election_date=ELECTION_DAY, actor=commune_chair
    )
    services.election_candidate_add(
        election=election, resident=resident(community, "H1-01", "Nguyễn Văn Ứng Cử"), actor=commune_chair
    )
    services.election_candidates_fix(election=election, on=dt.date(2026, 12, 1), actor=commune_chair)
    with pytest.raises(DomainError) as error:
        services.candidate_list_minutes_issue(
            election=election,
            front_committee=front_committee,
            actor=commune_chair,
            now=dt.datetime(2026, 12, 1, 9, 0, tzinfo=VN),
        )
    assert error.value.code == "decisions.election.front_committee_signers"
    assert "hai người ký khác nhau" in error.value.message
    election.refresh_from_db()
    assert election.candidate_minutes_document_id is None and not Document.objects.exists()


def test_candidate_minutes_form_refuses_one_person_as_head_and_secretary() -> None:
    from grassroots.elections.forms import CandidateMinutesForm

    same = CandidateMinutesForm({"mau05-front_committee": "Trưởng Ban\n trưởng ban "}, prefix="mau05")
    assert not same.is_valid()
    assert "Trưởng ban ở dòng đầu, thư ký ở dòng cuối" in str(same.errors["front_committee"])
    alone = CandidateMinutesForm({"mau05-front_committee": "Trưởng Ban"}, prefix="mau05")
    assert not alone.is_valid()
    two = CandidateMinutesForm({"mau05-front_committee": "Trưởng Ban\nThư Ký"}, prefix="mau05")
    assert two.is_valid() and two.members() == ["Trưởng Ban", "Thư Ký"]


# --- the dismissal fallback -----------------------------------------------------------------------------


def _dismissal_meeting(
    community: AdministrativeUnit, chair: User, front_head: User, head: User
) -> tuple[Dismissal, CommunityVote]:
    dismissal = services.dismissal_request(
        community=community, head=head, ground="resignation", reason="Xin thôi vì sức khỏe", actor=chair
    )
    vote = services.dismissal_open_vote(dismissal=dismissal, starts_at=NOW + dt.timedelta(days=3), actor=front_head)
    vote_services.vote_schedule(vote=vote, notice_given_at=NOW, actor=front_head)
    vote = vote_services.vote_open(vote=vote, actor=front_head, now=NOW + dt.timedelta(days=3))
    return dismissal, vote


def test_dismissal_meeting_short_of_households_moves_to_ballots_and_the_ballots_decide(
    community: AdministrativeUnit, commune_chair: User, front_head: User, village_head: User
) -> None:
    dismissal, vote = _dismissal_meeting(community, commune_chair, front_head, village_head)
    meeting_time = NOW + dt.timedelta(days=3)
    vote_services.meeting_attendance_set(
        vote=vote, household=households(community)[0], present=True, actor=front_head, now=meeting_time
    )
    campaign = vote_services.vote_move_to_ballots(
        vote=vote,
        starts_at=meeting_time + dt.timedelta(days=3),
        ends_at=meeting_time + dt.timedelta(days=6),
        actor=front_head,
        now=meeting_time,
    )
    for name in ("A", "B", "C"):
        vote_services.vote_officer_add(vote=campaign, role="ballot_team", full_name=name, actor=front_head)
    vote_services.vote_schedule(vote=campaign, notice_given_at=meeting_time, actor=front_head, now=meeting_time)
    ballot_time = meeting_time + dt.timedelta(days=3)
    vote_services.vote_open(vote=campaign, actor=front_head, now=ballot_time)
    for household in households(community)[:2]:
        vote_services.vote_cast(
            vote=campaign,
            household=household,
            option_key="agree",
            channel=Channel.PAPER_BALLOT,
            actor=front_head,
            now=ballot_time,
        )
    vote_services.vote_close(vote=campaign, actor=front_head, now=ballot_time + dt.timedelta(days=4))
    concluded = services.dismissal_conclude(
        dismissal=dismissal, actor=front_head, now=ballot_time + dt.timedelta(days=4)
    )
    assert (concluded.status, concluded.vote_id) == (DismissalStatus.DISMISSED, campaign.pk)
    campaign.refresh_from_db()
    assert campaign.status == VoteStatus.SUBMITTED


def test_undecided_dismissal_is_decided_by_the_commune_after_agreeing_with_the_front(
    community: AdministrativeUnit, commune_chair: User, front_head: User, village_head: User
) -> None:
    dismissal, vote = _dismissal_meeting(community, commune_chair, front_head, village_head)
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
    undecided = services.dismissal_conclude(dismissal=dismissal, actor=front_head, now=meeting_time)
    assert undecided.status == DismissalStatus.UNDECIDED
    decide_at = meeting_time + dt.timedelta(days=2)
    for actor, agreed, code in (
        (front_head, dt.date(2026, 11, 26), "decisions.dismissal.not_authorised"),
        (commune_chair, None, "decisions.dismissal.front_agreement_missing"),
    ):
        with pytest.raises(DomainError) as error:
            services.dismissal_commune_decide(
                dismissal=undecided, dismiss=True, front_agreed_on=agreed, reason="x", actor=actor, now=decide_at
            )
        assert error.value.code == code
    interim = make_persona("interim", Role.RESIDENT, community, full_name="Người Lâm Thời")
    decided = services.dismissal_commune_decide(
        dismissal=undecided,
        dismiss=True,
        front_agreed_on=dt.date(2026, 11, 26),
        reason="Trưởng thôn xin thôi; hội nghị không thống nhất.",
        interim_user=interim,
        actor=commune_chair,
        now=decide_at,
    )
    assert (decided.status, decided.commune_decided_on) == (DismissalStatus.RECOGNISED, dt.date(2026, 11, 27))
    head_role = RoleMembership.objects.get(user=village_head, role=Role.VILLAGE_HEAD)
    assert head_role.valid_until == dt.date(2026, 11, 27)
    assert RoleMembership.objects.filter(user=interim, role=Role.INTERIM_VILLAGE_HEAD).exists()
