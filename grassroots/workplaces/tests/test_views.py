"""View tests: who opens what (404 outside the organisation, 403 without the action), and the principal's journey."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from grassroots.accounts.models import User
from grassroots.core import clock
from grassroots.units.models import Organisation
from grassroots.workplaces import services
from grassroots.workplaces.models import Conference, ConferenceStatus, StaffBallot, StaffMember, WorkplaceDialogue
from grassroots.workplaces.tests.conftest import NOW, TODAY

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _frozen_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(clock, "now", lambda: NOW)


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _conference(school: Organisation, principal: User) -> Conference:
    return services.conference_create(
        organisation=school, kind="annual", work_year=2026, scheduled_on=TODAY, actor=principal, now=NOW
    )


def test_outsiders_get_404(school: Organisation, principal: User, commune_officer: User, other_head: User) -> None:
    conference = _conference(school, principal)
    urls = [
        reverse("workplaces:organisation_home", args=[school.pk]),
        reverse("workplaces:staff_list", args=[school.pk]),
        reverse("workplaces:conference_detail", args=[conference.pk]),
        reverse("workplaces:conference_open", args=[conference.pk]),
    ]
    for user in (other_head,):
        for url in urls:
            assert _client(user).get(url).status_code == 404, url
    # A commune officer holds no action of the organisation: the door refuses before anything is looked up.
    for url in urls:
        assert _client(commune_officer).get(url).status_code in (403, 404), url
    assert _client(commune_officer).get(urls[0]).status_code == 404


def test_staff_member_reads_but_does_not_manage(school: Organisation, principal: User, teacher: User) -> None:
    conference = _conference(school, principal)
    client = _client(teacher)
    assert client.get(reverse("workplaces:organisation_home", args=[school.pk])).status_code == 200
    assert client.get(reverse("workplaces:conference_detail", args=[conference.pk])).status_code == 200
    assert client.get(reverse("workplaces:staff_list", args=[school.pk])).status_code == 403
    assert client.get(reverse("workplaces:staff_add", args=[school.pk])).status_code == 403
    assert client.post(reverse("workplaces:conference_open", args=[conference.pk])).status_code == 403


def test_union_chair_runs_the_conference_but_not_the_register(school: Organisation, union_chair: User) -> None:
    client = _client(union_chair)
    assert client.get(reverse("workplaces:conference_new", args=[school.pk])).status_code == 200
    assert client.get(reverse("workplaces:staff_list", args=[school.pk])).status_code == 200
    assert client.get(reverse("workplaces:staff_add", args=[school.pk])).status_code == 403


def test_principal_runs_the_annual_conference_and_issues_the_resolution(school: Organisation, principal: User) -> None:
    client = _client(principal)
    response = client.post(
        reverse("workplaces:conference_new", args=[school.pk]),
        {
            "kind": "annual",
            "work_year": "2026",
            "scheduled_on": TODAY.isoformat(),
            "conference_format": "plenary",
            "proposer": "head",
        },
    )
    assert response.status_code == 302
    conference = Conference.objects.get(organisation=school)
    for code in ("agree_with_union", "notice_sent"):
        step = client.post(
            reverse("workplaces:conference_step", args=[conference.pk]), {"code": code, "done_on": TODAY.isoformat()}
        )
        assert step.status_code == 302
    assert client.post(reverse("workplaces:conference_open", args=[conference.pk])).status_code == 302
    page = client.get(reverse("workplaces:conference_detail", args=[conference.pk]))
    assert page.status_code == 200 and "Điểm danh" in page.content.decode()
    for member in StaffMember.objects.filter(organisation=school).order_by("code")[:21]:
        mark = client.post(reverse("workplaces:attendance_mark", args=[conference.pk]), {"staff_member": member.pk})
        assert mark.status_code == 302
    assert client.post(reverse("workplaces:conference_close", args=[conference.pk])).status_code == 302
    conference.refresh_from_db()
    assert conference.status == ConferenceStatus.HELD
    client.post(
        reverse("workplaces:item_add", args=[conference.pk]),
        {
            "matter": "conference_resolution",
            "title": "Nghị quyết hội nghị năm 2026",
            "text": "Thông qua phương hướng năm 2027.",
        },
    )
    item = conference.items.get()
    too_many = client.post(reverse("workplaces:item_vote", args=[item.pk]), {"votes_for": "21", "votes_against": "1"})
    assert too_many.status_code == 200 and "vượt số người có mặt" in too_many.content.decode()
    assert 'value="21"' in too_many.content.decode()  # the input is kept
    client.post(reverse("workplaces:item_vote", args=[item.pk]), {"votes_for": "18", "votes_against": "3"})
    assert client.post(reverse("workplaces:conference_issue", args=[conference.pk])).status_code == 302
    conference.refresh_from_db()
    assert conference.status == ConferenceStatus.ISSUED and conference.resolution_document is not None


def test_import_page_lists_every_bad_row(school: Organisation, principal: User) -> None:
    before = StaffMember.objects.filter(organisation=school).count()
    content = "Mã nhân sự,Họ và tên,Ngày sinh\nA-1,Người Một,01/01/1980\n,Thiếu Mã,\nA-3,Ngày Sai,32/13/1980\n"
    upload = SimpleUploadedFile("ds.csv", content.encode("utf-8"), content_type="text/csv")
    response = _client(principal).post(reverse("workplaces:staff_import", args=[school.pk]), {"file": upload})
    body = response.content.decode()
    assert response.status_code == 200
    assert "Thiếu mã nhân sự" in body and "32/13/1980" in body
    assert StaffMember.objects.filter(organisation=school).count() == before


def test_admin_cannot_change_a_conference(school: Organisation, principal: User, superuser: User) -> None:
    conference = _conference(school, principal)
    client = _client(superuser)
    url = reverse("admin:workplaces_conference_change", args=[conference.pk])
    response = client.post(url, {"status": "held", "roll_size": "1"})
    assert response.status_code == 403
    conference.refresh_from_db()
    assert conference.status == ConferenceStatus.PREPARING and conference.roll_size is None


def test_dashboard_shows_the_yearly_obligation(school: Organisation, principal: User) -> None:
    response = _client(principal).get(reverse("dashboard:home"))
    assert response.status_code == 200
    assert "Hội nghị cán bộ, người lao động tổng kết năm 2026" in response.content.decode()


def test_union_chair_runs_a_secret_staff_ballot_through_the_pages(school: Organisation, union_chair: User) -> None:
    client = _client(union_chair)
    response = client.post(
        reverse("workplaces:ballot_new", args=[school.pk]),
        {
            "ground": "force_majeure",
            "force_majeure_reason": "Bão số 3 làm ngập trường",
            "work_year": "2026",
            "union_agreed_on": TODAY.isoformat(),
            "matter": "inspection_board",
            "title": "Bầu Ban Thanh tra nhân dân",
            "text": "Bầu 3 thành viên.",
            "opens_on": TODAY.isoformat(),
            "closes_on": TODAY.isoformat(),
        },
    )
    assert response.status_code == 302
    ballot = StaffBallot.objects.get(organisation=school)
    assert ballot.is_secret
    assert client.post(reverse("workplaces:ballot_open", args=[ballot.pk])).status_code == 302
    form = client.get(reverse("workplaces:ballot_return", args=[ballot.pk]))
    assert form.status_code == 200 and 'name="choice"' not in form.content.decode()  # nothing to write down
    for member in StaffMember.objects.filter(organisation=school).order_by("code")[:30]:
        saved = client.post(reverse("workplaces:ballot_return", args=[ballot.pk]), {"staff_code": member.code.lower()})
        assert saved.status_code == 302
    twice = client.post(reverse("workplaces:ballot_return", args=[ballot.pk]), {"staff_code": "NV-001"})
    assert twice.status_code == 200 and "đã nộp phiếu" in twice.content.decode()
    wrong = client.post(
        reverse("workplaces:ballot_count", args=[ballot.pk]),
        {"votes_for": "20", "votes_against": "5", "votes_abstain": "0"},
    )
    assert wrong.status_code == 200 and "bằng số phiếu đã thu về" in wrong.content.decode()
    counted = client.post(
        reverse("workplaces:ballot_count", args=[ballot.pk]),
        {"votes_for": "20", "votes_against": "8", "votes_abstain": "2"},
    )
    assert counted.status_code == 302
    page = client.get(reverse("workplaces:ballot_detail", args=[ballot.pk]))
    assert page.status_code == 200 and "Biên bản kiểm phiếu" in page.content.decode()


def test_teacher_sees_a_ballot_but_cannot_run_it(school: Organisation, principal: User, teacher: User) -> None:
    from grassroots.workplaces import ballots

    ballot = ballots.staff_ballot_create(
        organisation=school,
        ground="force_majeure",
        force_majeure_reason="Bão",
        work_year=2026,
        union_agreed_on=TODAY,
        matter="contributions",
        title="Quỹ",
        text="…",
        opens_on=TODAY,
        closes_on=TODAY,
        actor=principal,
        now=NOW,
    )
    client = _client(teacher)
    assert client.get(reverse("workplaces:ballot_detail", args=[ballot.pk])).status_code == 200
    assert client.post(reverse("workplaces:ballot_open", args=[ballot.pk])).status_code == 403
    assert client.get(reverse("workplaces:ballot_new", args=[school.pk])).status_code == 403


def test_director_fixes_dialogue_members_and_records_presence(soe: Organisation, soe_director: User) -> None:
    client = _client(soe_director)
    home = client.get(reverse("workplaces:organisation_home", args=[soe.pk])).content.decode()
    assert reverse("workplaces:dialogue_members", args=[soe.pk]) in home
    assert reverse("workplaces:dialogue_new", args=[soe.pk]) not in home  # no list yet: nothing to schedule
    bad = client.post(
        reverse("workplaces:dialogue_members", args=[soe.pk]),
        {
            "fixed_on": TODAY.isoformat(),
            "published_on": TODAY.isoformat(),
            "legal_representative": "NV-001",
            "employer_codes": "NV-002\nNV-003",
            "worker_codes": "NV-004\nNV-005\nNV-999",
        },
    )
    assert bad.status_code == 200 and "NV-999" in bad.content.decode()
    saved = client.post(
        reverse("workplaces:dialogue_members", args=[soe.pk]),
        {
            "fixed_on": TODAY.isoformat(),
            "published_on": TODAY.isoformat(),
            "legal_representative": "NV-001",
            "employer_codes": "NV-002\nNV-003",
            "worker_codes": "NV-004\nNV-005\nNV-006\nNV-007",
        },
    )
    assert saved.status_code == 302
    scheduled = client.post(
        reverse("workplaces:dialogue_new", args=[soe.pk]),
        {"kind": "periodic", "scheduled_on": TODAY.isoformat(), "topics": "Tiền lương"},
    )
    assert scheduled.status_code == 302
    dialogue = WorkplaceDialogue.objects.get(organisation=soe)
    members = list(dialogue.member_list.members.order_by("side", "pk"))  # type: ignore[union-attr]
    present = [
        str(member.pk) for member in members if member.side == "employer" or member.staff_member.code != "NV-007"
    ]
    recorded = client.post(
        reverse("workplaces:dialogue_record", args=[dialogue.pk]),
        {"present": present, "outcome": "Đồng ý", "content_sent_on": "2027-01-13"},
    )
    assert recorded.status_code == 302
    dialogue.refresh_from_db()
    # 3 of 4 worker members is 75 %: more than 70 %, with the legal representative present.
    assert (dialogue.status, dialogue.workers_present, dialogue.legal_representative_present) == ("held", 3, True)


def test_delegates_page_only_for_a_delegates_conference(school: Organisation, principal: User) -> None:
    conference = _conference(school, principal)  # 30 staff: a plenary
    assert _client(principal).get(reverse("workplaces:conference_delegates", args=[conference.pk])).status_code == 404


def test_each_reader_gets_their_own_calendar_link_on_the_home(
    school: Organisation, principal: User, teacher: User, other_head: User
) -> None:
    """The home links the person's own iCalendar feed: the teacher's link opens the school's calendar, a link
    copied to another school does not, and a tampered token reads nothing."""
    links = {}
    for user in (principal, teacher):
        page = _client(user).get(reverse("workplaces:organisation_home", args=[school.pk]))
        links[user.pk] = page.context["calendar_url"]
        assert links[user.pk] in page.content.decode().replace("&amp;", "&")
    assert links[principal.pk] != links[teacher.pk]
    anonymous = Client()
    feed = anonymous.get(links[teacher.pk])
    assert feed.status_code == 200
    assert feed["Content-Type"].startswith("text/calendar")
    path, _sep, query = links[teacher.pk].partition("?")
    other_school = other_head.memberships.get().organisation
    assert other_school is not None
    elsewhere = reverse("api:workplace_calendar", kwargs={"organisation_id": other_school.pk})
    assert anonymous.get(f"{elsewhere}?{query}").status_code in (403, 404)
    assert anonymous.get(f"{path}?{query[:-2]}xx").status_code in (403, 404)
