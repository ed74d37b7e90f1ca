"""The election meeting scheduled with its notice (Mẫu 01) ≥ 2 days before, then opened on the day
([ND59] arts 3(3), 7(1); law.md §1(b) "notice and documents")."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import docx
import pytest
from django.db.models import QuerySet
from django.test import Client
from django.urls import reverse
from pypdf import PdfReader
from pytest_django import Settings

from grassroots.accounts.models import User
from grassroots.core import clock
from grassroots.core.errors import DomainError
from grassroots.documents.models import Document
from grassroots.elections import rules, services
from grassroots.elections.apps import election_tasks
from grassroots.elections.models import Election, ElectionStatus
from grassroots.elections.tests.test_decree59 import ELECTION_DAY, ELECTION_MOMENT, announced, count, resident
from grassroots.units.models import AdministrativeUnit
from grassroots.voting import services as vote_services
from grassroots.voting.models import CommunityVote, VoteFormDocument, VoteStatus
from grassroots.voting.testing import VN

pytestmark = pytest.mark.django_db

TWO_DAYS_BEFORE = dt.datetime(2026, 12, 18, 9, 0, tzinfo=VN)
MEETING_AT = dt.datetime(2026, 12, 20, 8, 0, tzinfo=VN)


def _documents() -> QuerySet[Document]:
    """Documents other than the elections' Mẫu 05, which every announced election has ([ND59] art. 6(2))."""
    minutes = Election.objects.exclude(candidate_minutes_document_id=None).values("candidate_minutes_document_id")
    return Document.objects.exclude(pk__in=minutes)


@pytest.fixture(autouse=True)
def _media(settings: Settings, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path


def _schedule(
    election: Election, actor: User, when: dt.datetime, meeting_at: dt.datetime = MEETING_AT
) -> CommunityVote:
    return services.election_meeting_schedule(
        election=election, meeting_at=meeting_at, place="Nhà văn hóa thôn", actor=actor, now=when
    )


def test_the_last_day_for_the_notice_is_two_days_before() -> None:
    assert rules.meeting_notice_due(dt.date(2026, 12, 20)) == dt.date(2026, 12, 18)
    assert rules.meeting_notice_due(dt.date(2027, 1, 1)) == dt.date(2026, 12, 30)  # across the year's end


def test_mau01_exactly_two_days_before_schedules_the_meeting_and_the_floor_joins_the_ballot(
    community: AdministrativeUnit, commune_chair: User
) -> None:
    election, (listed,) = announced(community, commune_chair, names=("Ứng Viên Danh Sách",))
    vote = _schedule(election, commune_chair, TWO_DAYS_BEFORE)
    election.refresh_from_db()
    assert (election.status, election.vote_id, vote.status) == (ElectionStatus.ANNOUNCED, vote.pk, VoteStatus.SCHEDULED)
    assert vote.notice_given_at == TWO_DAYS_BEFORE  # dated by the clock, not by the clerk
    notice = services.election_meeting_notice(election)
    assert notice is not None and notice.figures["notice_on"] == "2026-12-18"
    issued = Document.objects.get(pk=notice.document_id)
    word = docx.Document(issued.docx_file.path)
    word_text = "\n".join(paragraph.text for paragraph in word.paragraphs) + "\n".join(
        cell.text for table in word.tables for row in table.rows for cell in row.cells
    )
    pdf_text = " ".join(" ".join(page.extract_text() or "" for page in PdfReader(issued.pdf_file.path).pages).split())
    for needle in ("Mẫu 01", "Nhà văn hóa thôn", "20 tháng 12 năm 2026", "TỔ TRƯỞNG TỔ BẦU CỬ", "Tổ trưởng bầu cử"):
        assert needle in word_text, needle
        assert needle in pdf_text, needle
    assert f"Tổ bầu cử {community.name}" in word_text

    with pytest.raises(DomainError) as error:  # the day before: not yet
        services.election_open(election=election, actor=commune_chair, now=MEETING_AT - dt.timedelta(days=1))
    assert error.value.code == "decisions.vote.too_early"
    floor = services.election_floor_nominate(
        election=election,
        resident=resident(community, "H1-02", "Người Tự Ứng Cử"),
        is_self_nominated=True,
        actor=commune_chair,
        now=ELECTION_MOMENT,
    )
    opened = services.election_open(election=election, actor=commune_chair, now=ELECTION_MOMENT)
    assert opened.pk == vote.pk and opened.status == VoteStatus.OPEN
    assert [option.key for option in opened.options.order_by("position")] == [f"c{listed.pk}", f"c{floor.pk}"]
    election.refresh_from_db()
    counted = count(election, commune_chair, {f"c{listed.pk}": 1, f"c{floor.pk}": 2})
    assert counted.status == ElectionStatus.ELECTED
    assert CommunityVote.objects.count() == 1


def test_mau01_one_day_before_is_refused_and_leaves_nothing(community: AdministrativeUnit, commune_chair: User) -> None:
    election, _ = announced(community, commune_chair, names=("Ứng Viên",))
    with pytest.raises(DomainError) as error:
        _schedule(election, commune_chair, dt.datetime(2026, 12, 18, 23, 59, tzinfo=VN) + dt.timedelta(minutes=2))
    assert error.value.code == "decisions.meeting.notice_too_late"
    election.refresh_from_db()
    assert election.vote_id is None
    assert not CommunityVote.objects.exists() and not _documents().exists()
    assert not VoteFormDocument.objects.exists()


def test_a_meeting_moved_off_the_election_day_to_gain_notice_time_is_refused(
    community: AdministrativeUnit, commune_chair: User
) -> None:
    """Attacker: late for the 20th, the clerk calls the meeting for the 21st to make the 2 days."""
    election, _ = announced(community, commune_chair, names=("Ứng Viên",))
    with pytest.raises(DomainError) as error:
        _schedule(election, commune_chair, MEETING_AT - dt.timedelta(days=1), MEETING_AT + dt.timedelta(days=1))
    assert error.value.code == "decisions.election.meeting_not_on_election_day"
    assert "20/12/2026" in error.value.message
    assert not CommunityVote.objects.exists()


def test_a_second_notice_is_refused(community: AdministrativeUnit, commune_chair: User) -> None:
    election, _ = announced(community, commune_chair, names=("Ứng Viên",))
    _schedule(election, commune_chair, TWO_DAYS_BEFORE - dt.timedelta(days=1))
    with pytest.raises(DomainError) as error:
        _schedule(election, commune_chair, TWO_DAYS_BEFORE)
    assert error.value.code == "decisions.election.meeting_scheduled"
    assert VoteFormDocument.objects.count() == 1 and _documents().count() == 1


def test_the_notice_needs_the_public_notice_first_and_an_organiser(
    community: AdministrativeUnit, commune_chair: User, other_commune_officer: User
) -> None:
    election = services.election_create(
        community=community, kind="village_head", election_date=ELECTION_DAY, actor=commune_chair
    )
    with pytest.raises(DomainError) as error:
        _schedule(election, commune_chair, TWO_DAYS_BEFORE)
    assert error.value.code == "decisions.election.bad_transition"
    election, _ = announced(community, commune_chair, names=("Ứng Viên",))
    with pytest.raises(DomainError) as error:
        _schedule(election, other_commune_officer, TWO_DAYS_BEFORE)
    assert error.value.code == "decisions.election.not_authorised"
    assert not _documents().exists()


def test_the_notice_is_a_due_item_until_issued(community: AdministrativeUnit, commune_chair: User) -> None:
    election, _ = announced(community, commune_chair, names=("Ứng Viên",))
    tasks = [task for task in election_tasks(commune_chair, dt.date(2026, 12, 15)) if "Mẫu 01" in task.title]
    assert [task.due_date for task in tasks] == [dt.date(2026, 12, 18)]
    _schedule(election, commune_chair, TWO_DAYS_BEFORE)
    assert not [task for task in election_tasks(commune_chair, dt.date(2026, 12, 18)) if "Mẫu 01" in task.title]


def test_a_clerk_cannot_back_date_the_notice_through_the_page(
    client: Client, community: AdministrativeUnit, commune_chair: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Attacker: the day before the meeting, the clerk posts a notice date two days back (and a forged
    ``now``). The page takes no notice date: the server's day is the notice's day, and it is refused."""
    election, _ = announced(community, commune_chair, names=("Ứng Viên",))
    monkeypatch.setattr(clock, "now", lambda: MEETING_AT - dt.timedelta(days=1))
    client.force_login(commune_chair)
    page = reverse("elections:election_detail", kwargs={"election_id": election.pk})
    assert "Hạn gửi đến các hộ" in client.get(page).content.decode()
    response = client.post(
        reverse("elections:election_meeting_schedule", kwargs={"election_id": election.pk}),
        {
            "meeting-meeting_at": "2026-12-20T08:00",
            "meeting-place": "Nhà văn hóa thôn",
            "meeting-notice_on": "2026-12-17",
            "notice_given_at": "2026-12-17T08:00",
            "now": "2026-12-17T08:00",
        },
    )
    assert response.status_code == 200
    assert "ít nhất 2 ngày" in response.content.decode()
    election.refresh_from_db()
    assert election.vote_id is None and not _documents().exists()


def test_the_page_schedules_the_meeting_in_time(
    client: Client, community: AdministrativeUnit, commune_chair: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    election, _ = announced(community, commune_chair, names=("Ứng Viên",))
    monkeypatch.setattr(clock, "now", lambda: TWO_DAYS_BEFORE)
    client.force_login(commune_chair)
    response = client.post(
        reverse("elections:election_meeting_schedule", kwargs={"election_id": election.pk}),
        {"meeting-meeting_at": "2026-12-20T08:00", "meeting-place": "Nhà văn hóa thôn"},
    )
    assert response.status_code == 302
    election.refresh_from_db()
    assert election.vote is not None and election.vote.status == VoteStatus.SCHEDULED
    page = client.get(reverse("elections:election_detail", kwargs={"election_id": election.pk})).content.decode()
    assert 'data-testid="mau01-issued"' in page


def test_a_resident_cannot_schedule(client: Client, community: AdministrativeUnit, commune_chair: User) -> None:
    election, _ = announced(community, commune_chair, names=("Ứng Viên",))
    village_head = User.objects.create_user(username="khong-quyen", password="x")
    client.force_login(village_head)
    response = client.post(
        reverse("elections:election_meeting_schedule", kwargs={"election_id": election.pk}),
        {"meeting-meeting_at": "2026-12-20T08:00", "meeting-place": "Nhà văn hóa thôn"},
    )
    assert response.status_code in (403, 404)
    assert not CommunityVote.objects.exists()


def test_the_generic_vote_page_cannot_open_the_election_meeting(
    client: Client, community: AdministrativeUnit, commune_chair: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Attacker: on the meeting day the commune chair posts to the vote engine's own "open" address,
    skipping the election's opening. Refused: the vote stays scheduled, the election announced, and the
    election's own opening still puts the floor's nominee on the ballot."""
    election, (listed,) = announced(community, commune_chair, names=("Ứng Viên Danh Sách",))
    vote = _schedule(election, commune_chair, TWO_DAYS_BEFORE)
    floor = services.election_floor_nominate(
        election=election,
        resident=resident(community, "H1-02", "Người Tự Ứng Cử"),
        is_self_nominated=True,
        actor=commune_chair,
        now=ELECTION_MOMENT,
    )
    monkeypatch.setattr(clock, "now", lambda: ELECTION_MOMENT)
    client.force_login(commune_chair)
    open_url = reverse("voting:vote_open", kwargs={"vote_id": vote.pk})
    page = client.get(reverse("voting:vote_detail", kwargs={"vote_id": vote.pk}))
    assert page.status_code == 200 and open_url not in page.content.decode()
    response = client.post(open_url, follow=True)
    assert response.status_code == 200
    assert "chỉ được bắt đầu từ trang cuộc bầu cử" in response.content.decode()
    vote.refresh_from_db()
    election.refresh_from_db()
    assert (vote.status, vote.opened_at, vote.eligible_count) == (VoteStatus.SCHEDULED, None, None)
    assert election.status == ElectionStatus.ANNOUNCED
    with pytest.raises(DomainError) as error:
        vote_services.vote_open(vote=vote, actor=commune_chair, now=ELECTION_MOMENT)
    assert error.value.code == "decisions.vote.election_opened_by_election"
    opened = services.election_open(election=election, actor=commune_chair, now=ELECTION_MOMENT)
    assert opened.status == VoteStatus.OPEN
    assert [option.key for option in opened.options.order_by("position")] == [f"c{listed.pk}", f"c{floor.pk}"]


def test_mau01_without_a_flagged_team_leader_is_refused_and_leaves_nothing(
    community: AdministrativeUnit, commune_chair: User
) -> None:
    """Nobody stands in for the team leader who signs Mẫu 01 ([ND59] art. 3(1)): not the first member of the
    team (added after the leader lost the flag in the admin), not the convening account."""
    election, _ = announced(community, commune_chair, names=("Ứng Viên",))
    election.team.update(is_leader=False)  # the clerk with the admin clears the flag
    assert election.team.exists()
    with pytest.raises(DomainError) as error:
        _schedule(election, commune_chair, TWO_DAYS_BEFORE)
    assert error.value.code == "decisions.election.no_team_leader"
    assert "chưa có tổ trưởng" in error.value.message
    election.refresh_from_db()
    assert election.vote_id is None and election.status == ElectionStatus.ANNOUNCED
    assert not CommunityVote.objects.exists() and not _documents().exists()
    assert not VoteFormDocument.objects.exists()


# --- the one-step opening: the same Mẫu 01, the same 2 days ---------------------------------------------


def test_one_step_opening_without_mau01_is_refused_as_too_soon_and_leaves_nothing(
    community: AdministrativeUnit, commune_chair: User
) -> None:
    """The election's public notice (posted 10 days before) is not the meeting's notice: opening in one step
    issues the Mẫu 01 now for a meeting now, which cannot have reached the households 2 days before."""
    election, _ = announced(community, commune_chair, names=("Ứng Viên",))
    election.refresh_from_db()
    assert election.notice_posted_on == dt.date(2026, 12, 10)
    with pytest.raises(DomainError) as error:
        services.election_open(election=election, actor=commune_chair, place="Nhà văn hóa thôn", now=ELECTION_MOMENT)
    assert error.value.code == "decisions.meeting.notice_too_late"
    assert "ít nhất 2 ngày" in error.value.message
    election.refresh_from_db()
    assert (election.status, election.vote_id) == (ElectionStatus.ANNOUNCED, None)
    assert not CommunityVote.objects.exists() and not _documents().exists()
    assert not VoteFormDocument.objects.exists()


@pytest.mark.parametrize(
    ("issued_at", "allowed"),
    [
        (dt.datetime(2026, 12, 18, 0, 0, tzinfo=VN), True),  # exactly 2 days before, first minute
        (dt.datetime(2026, 12, 18, 23, 59, tzinfo=VN), True),  # exactly 2 days before, last minute
        (dt.datetime(2026, 12, 19, 0, 0, tzinfo=VN), False),  # 1 day before
    ],
)
def test_the_two_days_at_the_edge_then_the_one_step_opening_uses_that_notice(
    community: AdministrativeUnit, commune_chair: User, issued_at: dt.datetime, allowed: bool
) -> None:
    election, _ = announced(community, commune_chair, names=("Ứng Viên",))
    if not allowed:
        with pytest.raises(DomainError) as error:
            _schedule(election, commune_chair, issued_at)
        assert error.value.code == "decisions.meeting.notice_too_late"
        with pytest.raises(DomainError) as error:  # and the one step on the day is refused as well
            services.election_open(election=election, actor=commune_chair, place="Nhà văn hóa", now=ELECTION_MOMENT)
        assert error.value.code == "decisions.meeting.notice_too_late"
        assert not CommunityVote.objects.exists() and not VoteFormDocument.objects.exists()
        return
    scheduled = _schedule(election, commune_chair, issued_at)
    opened = services.election_open(election=election, actor=commune_chair, now=ELECTION_MOMENT)
    assert opened.pk == scheduled.pk and opened.status == VoteStatus.OPEN
    assert opened.notice_given_at == issued_at
    notice = VoteFormDocument.objects.get(vote=opened)  # one notice: the opening issued no second one
    assert (notice.form, notice.figures["notice_on"]) == ("mau01", "2026-12-18")


def test_attack_a_clerk_back_dates_the_notice_to_open_in_one_step(
    client: Client, community: AdministrativeUnit, commune_chair: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Attacker: on the election day, with no Mẫu 01, the clerk back-dates the public notice in the admin and
    posts a notice date and a forged ``now`` with the opening. The server's day is the notice's day: refused
    in Vietnamese, no vote, no paper."""
    election, _ = announced(community, commune_chair, names=("Ứng Viên",))
    Election.objects.filter(pk=election.pk).update(notice_posted_on=dt.date(2026, 11, 1))
    monkeypatch.setattr(clock, "now", lambda: ELECTION_MOMENT)
    client.force_login(commune_chair)
    response = client.post(
        reverse("elections:election_open", kwargs={"election_id": election.pk}),
        {
            "is_secret": "on",
            "place": "Nhà văn hóa thôn",
            "notice_given_at": "2026-12-17T08:00",
            "notice_on": "2026-12-17",
            "now": "2026-12-17T08:00",
        },
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Thông báo họp phải gửi trước ít nhất 2 ngày" in page
    assert 'data-testid="open-needs-mau01"' in page  # the page offers no opening before the Mẫu 01
    election.refresh_from_db()
    assert (election.status, election.vote_id) == (ElectionStatus.ANNOUNCED, None)
    assert not CommunityVote.objects.exists() and not _documents().exists()
    assert not VoteFormDocument.objects.exists()
