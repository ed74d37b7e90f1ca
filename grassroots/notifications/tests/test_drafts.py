"""The yearly obligations open as drafts the officer completes: one draft per obligation and year, its page shows
the owning app's form filled with the draft's values, saving makes the owning app's record once, and only the people
who may run it reach the page."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from grassroots.accounts.models import Role, User
from grassroots.accounts.testing import give_role, make_user
from grassroots.core.errors import DomainError
from grassroots.core.models import AuditEvent
from grassroots.notifications import services, yearly
from grassroots.notifications.models import DraftStatus, Notification, ObligationDraft, ObligationKind
from grassroots.notifications.rules import DRAFT_TRANSITIONS, check_draft_transition
from grassroots.units.models import AdministrativeUnit, Organisation, OrganisationKind

VN = dt.timezone(dt.timedelta(hours=7))
FIRST_WORKING_DAY = dt.date(2027, 1, 4)
"""The Monday after New Year's Day 2027."""


def at(day: dt.date) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, 6, 30, tzinfo=VN)


def _organisation(commune: AdministrativeUnit, kind: str, name: str, staff: int) -> Organisation:
    from grassroots.workplaces.models import StaffMember

    organisation = Organisation.objects.create(kind=kind, name=name, short_name=name[:10], unit=commune)
    for number in range(staff):
        StaffMember.objects.create(
            organisation=organisation,
            code=f"NV-{number:03d}",
            full_name=f"Nhân viên {number}",
            active_from=dt.date(2020, 1, 1),
        )
    return organisation


@pytest.fixture
def school(commune: AdministrativeUnit) -> Organisation:
    return _organisation(commune, OrganisationKind.PUBLIC_SERVICE_UNIT, "Trường Tiểu học Hòa Phú", 30)


@pytest.fixture
def principal(school: Organisation, commune: AdministrativeUnit) -> User:
    user = make_user("hieu_truong")
    give_role(user, Role.AGENCY_HEAD, commune, organisation=school)
    return user


def _draft(kind: str) -> ObligationDraft:
    draft = ObligationDraft.objects.get(kind=kind)
    assert draft.due_on is not None
    return draft


# --- rules -------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("current", "target"),
    [(current, target) for current in DRAFT_TRANSITIONS for target in DRAFT_TRANSITIONS],
)
def test_the_draft_transition_table_pair_by_pair(current: str, target: str) -> None:
    allowed = check_draft_transition(current, target)
    assert bool(allowed) == (current == DraftStatus.OPEN and target == DraftStatus.COMPLETED)
    if not allowed:
        assert allowed.code == "notifications.draft.not_open"


# --- the job opens one draft -------------------------------------------------------------------------------------


def test_the_conference_job_opens_one_draft_with_the_forms_values(school: Organisation, principal: User) -> None:
    assert yearly.workplace_obligations(at(FIRST_WORKING_DAY)) == 2  # the draft and the principal's notification
    assert yearly.workplace_obligations(at(FIRST_WORKING_DAY)) == 0
    assert yearly.workplace_obligations(at(dt.date(2027, 1, 5))) == 0
    draft = _draft(ObligationKind.WORKPLACE_CONFERENCE)
    assert draft.kind == ObligationKind.WORKPLACE_CONFERENCE
    assert draft.status == DraftStatus.OPEN
    assert draft.organisation_id == school.pk
    assert draft.due_on == dt.date(2027, 3, 31)  # 3 months after the work year 2026 ([L] art. 51(1))
    assert draft.year == 2027
    assert draft.proposal == {
        "kind": "annual",
        "work_year": 2026,
        "scheduled_on": "2027-03-31",
        "conference_format": "plenary",
        "proposer": "head",
        "place": "",
    }
    notification = Notification.objects.get(user=principal)
    assert notification.url == reverse("notifications:draft_complete", args=[draft.pk])
    assert AuditEvent.objects.filter(code="notifications.obligation_draft.opened", object_id=str(draft.pk)).count() == 1


def test_no_draft_on_a_day_off(school: Organisation, principal: User) -> None:
    assert yearly.workplace_obligations(at(dt.date(2027, 1, 1))) == 0  # New Year's Day
    assert yearly.workplace_obligations(at(dt.date(2027, 1, 2))) == 0  # a Saturday
    assert not ObligationDraft.objects.exists()


def test_the_open_service_is_idempotent_under_its_key(school: Organisation) -> None:
    arguments: dict[str, Any] = {
        "kind": ObligationKind.WORKPLACE_CONFERENCE,
        "key": f"workplaces:{school.pk}:annual_conference:2027-03-31",
        "unit_id": school.unit_id,
        "organisation_id": school.pk,
        "title": "Hội nghị",
        "year": 2027,
        "due_on": dt.date(2027, 3, 31),
        "now": at(FIRST_WORKING_DAY),
    }
    first, created = services.obligation_draft_open(**arguments)
    again, created_again = services.obligation_draft_open(**arguments)
    assert (created, created_again) == (True, False)
    assert first.pk == again.pk
    assert ObligationDraft.objects.count() == 1


def test_an_unknown_kind_is_refused_and_nothing_written(school: Organisation) -> None:
    with pytest.raises(DomainError) as refusal:
        services.obligation_draft_open(
            kind="party", key="x", unit_id=school.unit_id, organisation_id=school.pk, title="x", year=2027, due_on=None
        )
    assert refusal.value.code == "notifications.draft.bad_kind"
    assert not ObligationDraft.objects.exists()


def test_the_dialogue_job_opens_its_draft_with_the_labour_code_topics(commune: AdministrativeUnit) -> None:
    factory = _organisation(commune, OrganisationKind.OTHER_EMPLOYER, "Công ty May Hòa Phú", 30)
    director = make_user("giam_doc")
    give_role(director, Role.AGENCY_HEAD, commune, organisation=factory)
    yearly.workplace_obligations(at(dt.date(2027, 9, 15)))
    yearly.workplace_obligations(at(dt.date(2027, 9, 15)))
    draft = _draft(ObligationKind.WORKPLACE_DIALOGUE)
    assert ObligationDraft.objects.filter(kind=ObligationKind.WORKPLACE_DIALOGUE).count() == 1
    assert draft.proposal["kind"] == "periodic"
    assert draft.proposal["topics"] == yearly.DIALOGUE_TOPICS
    assert draft.proposal["scheduled_on"] == "2027-12-31"  # the year's last day (Labour Code art. 63(2)(a))


def test_a_dialogue_draft_without_a_member_list_stays_open(commune: AdministrativeUnit) -> None:
    from grassroots.workplaces.models import WorkplaceDialogue

    factory = _organisation(commune, OrganisationKind.OTHER_EMPLOYER, "Công ty May Hòa Phú", 30)
    director = make_user("giam_doc")
    give_role(director, Role.AGENCY_HEAD, commune, organisation=factory)
    yearly.workplace_obligations(at(dt.date(2027, 9, 15)))
    draft = _draft(ObligationKind.WORKPLACE_DIALOGUE)
    with pytest.raises(DomainError) as refusal:
        services.obligation_draft_complete(
            draft=draft,
            data={"kind": "periodic", "scheduled_on": dt.date(2027, 12, 1), "topics": "Điều kiện làm việc"},
            actor=director,
            now=at(dt.date(2027, 9, 15)),
        )
    assert refusal.value.code == "workplaces.dialogue.no_member_list"
    draft.refresh_from_db()
    assert draft.status == DraftStatus.OPEN
    assert draft.completed_object_id is None
    assert not WorkplaceDialogue.objects.exists()


# --- the officer completes it ------------------------------------------------------------------------------------


def _conference_post(draft: ObligationDraft, **changes: Any) -> dict[str, Any]:
    values = {**draft.proposal, "place": "Hội trường trường", "supporters": "", **changes}
    return values


def test_the_draft_page_shows_the_form_filled_in(school: Organisation, principal: User) -> None:
    yearly.workplace_obligations(at(FIRST_WORKING_DAY))
    draft = _draft(ObligationKind.WORKPLACE_CONFERENCE)
    client = Client()
    client.force_login(principal)
    response = client.get(reverse("notifications:draft_complete", args=[draft.pk]))
    assert response.status_code == 200
    form = response.context["form"]
    assert form.initial["work_year"] == 2026
    assert form.initial["scheduled_on"] == draft.due_on
    assert form.initial["kind"] == "annual"
    assert f'value="{draft.due_on.isoformat()}"' in response.content.decode()


def test_completing_the_draft_makes_the_conference_once(school: Organisation, principal: User) -> None:
    from grassroots.workplaces.models import Conference, ConferenceStatus

    yearly.workplace_obligations(at(FIRST_WORKING_DAY))
    draft = _draft(ObligationKind.WORKPLACE_CONFERENCE)
    client = Client()
    client.force_login(principal)
    url = reverse("notifications:draft_complete", args=[draft.pk])
    response = client.post(url, _conference_post(draft))
    conference = Conference.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("workplaces:conference_detail", args=[conference.pk])
    assert (conference.work_year, conference.kind, conference.status) == (2026, "annual", ConferenceStatus.PREPARING)
    assert conference.scheduled_on == draft.due_on
    assert conference.place == "Hội trường trường"
    assert conference.created_by == principal
    draft.refresh_from_db()
    assert draft.status == DraftStatus.COMPLETED
    assert draft.completed_object_id == conference.pk
    event = AuditEvent.objects.get(code="notifications.obligation_draft.completed")
    assert event.actor_id == principal.pk
    assert (event.before or {})["status"] == "open"
    assert (event.after or {})["status"] == "completed"
    # Completed: the page is gone, a second post makes nothing, the service refuses.
    assert client.get(url).status_code == 404
    assert client.post(url, _conference_post(draft)).status_code == 404
    with pytest.raises(DomainError) as refusal:
        services.obligation_draft_complete(draft=draft, data={}, actor=principal)
    assert refusal.value.code == "notifications.draft.not_open"
    assert Conference.objects.count() == 1
    # And the job does not open it again.
    assert yearly.workplace_obligations(at(dt.date(2027, 1, 6))) == 0


def test_a_refusal_of_the_owning_service_keeps_the_draft_open(school: Organisation, principal: User) -> None:
    from grassroots.workplaces.models import Conference

    yearly.workplace_obligations(at(FIRST_WORKING_DAY))
    draft = _draft(ObligationKind.WORKPLACE_CONFERENCE)
    client = Client()
    client.force_login(principal)
    url = reverse("notifications:draft_complete", args=[draft.pk])
    response = client.post(url, _conference_post(draft, scheduled_on="2026-06-01"))  # inside the work year
    assert response.status_code in (200, 400)
    assert response.context is not None
    assert response.context["form"].errors
    assert not Conference.objects.exists()
    draft.refresh_from_db()
    assert draft.status == DraftStatus.OPEN
    assert not AuditEvent.objects.filter(code="notifications.obligation_draft.completed").exists()


def test_who_reaches_the_draft_page(
    school: Organisation,
    principal: User,
    commune: AdministrativeUnit,
    resident: User,
    commune_chair: User,
    other_commune_officer: User,
) -> None:
    from grassroots.workplaces.models import Conference

    yearly.workplace_obligations(at(FIRST_WORKING_DAY))
    draft = _draft(ObligationKind.WORKPLACE_CONFERENCE)
    url = reverse("notifications:draft_complete", args=[draft.pk])
    teacher = make_user("giao_vien")
    give_role(teacher, Role.STAFF_MEMBER, commune, organisation=school)
    clinic = _organisation(commune, OrganisationKind.PUBLIC_SERVICE_UNIT, "Trạm Y tế", 10)
    other_head = make_user("truong_tram")
    give_role(other_head, Role.AGENCY_HEAD, commune, organisation=clinic)
    assert Client().get(url).status_code == 302  # to the login page
    expected = {teacher: 403, other_head: 404, resident: 404, commune_chair: 404, other_commune_officer: 404}
    for user, status in expected.items():
        client = Client()
        client.force_login(user)
        assert client.get(url).status_code == status, user.username
        assert client.post(url, _conference_post(draft)).status_code == status, user.username
    assert not Conference.objects.exists()
    draft.refresh_from_db()
    assert draft.status == DraftStatus.OPEN


def test_a_missing_draft_is_404(principal: User) -> None:
    client = Client()
    client.force_login(principal)
    assert client.get(reverse("notifications:draft_complete", args=[987654])).status_code == 404


# --- the convention review -----------------------------------------------------------------------------------------


@pytest.fixture
def convention(community: AdministrativeUnit, village_head: User) -> Any:
    from grassroots.conventions import services as convention_services
    from grassroots.conventions.models import Convention, ConventionStatus, VersionStatus

    made = convention_services.convention_propose(
        community=community,
        name_kind="huong_uoc",
        title="Hương ước Thôn 1",
        basis="village_head",
        front_agreed=True,
        drafting_team="Ban soạn thảo",
        actor=village_head,
        now=at(dt.date(2026, 3, 2)),
    )
    Convention.objects.filter(pk=made.pk).update(status=ConventionStatus.IN_FORCE)  # set-up: recognised
    # in the spring, so the November review is owed (conventions.rules.review_owed)
    made.versions.update(
        status=VersionStatus.RECOGNISED,
        adopted_on=dt.date(2026, 3, 20),
        dossier_sent_on=dt.date(2026, 3, 25),
        decided_on=dt.date(2026, 4, 1),
    )
    return made


def test_the_review_draft_opens_once_and_completes_into_the_review(convention: Any, village_head: User) -> None:
    from grassroots.conventions.models import ConventionReview

    assert yearly.convention_reviews(at(dt.date(2026, 11, 4))) == 2  # the draft and the village head's notification
    assert yearly.convention_reviews(at(dt.date(2026, 11, 5))) == 0
    draft = _draft(ObligationKind.CONVENTION_REVIEW)
    assert draft.convention_id == convention.pk
    assert draft.proposal == {"held_on": "2026-11-18", "findings": "", "proposals": ""}
    review = services.obligation_draft_complete(
        draft=draft,
        data={"held_on": dt.date(2026, 11, 18), "findings": "Các điều khoản được thực hiện tốt.", "proposals": ""},
        actor=village_head,
        now=at(dt.date(2026, 11, 18)),
    )
    assert ConventionReview.objects.get() == review
    assert (review.year, review.recorded_by) == (2026, village_head)
    draft.refresh_from_db()
    assert (draft.status, draft.completed_object_id) == (DraftStatus.COMPLETED, review.pk)


def test_the_review_draft_page_for_the_village_head_only(
    convention: Any, village_head: User, second_community: AdministrativeUnit, other_commune_officer: User
) -> None:
    yearly.convention_reviews(at(dt.date(2026, 11, 4)))
    draft = _draft(ObligationKind.CONVENTION_REVIEW)
    url = reverse("notifications:draft_complete", args=[draft.pk])
    client = Client()
    client.force_login(village_head)
    response = client.get(url)
    assert response.status_code == 200
    assert response.context["form"].initial["held_on"] == dt.date(2026, 11, 18)
    other_head = make_user("truong_thon_2")
    give_role(other_head, Role.VILLAGE_HEAD, second_community)
    for user in (other_head, other_commune_officer):
        outsider = Client()
        outsider.force_login(user)
        assert outsider.get(url).status_code == 404, user.username


# --- the task page links to the draft ------------------------------------------------------------------------------


def test_the_task_page_links_to_the_open_draft_then_back_to_the_organisation(
    school: Organisation, principal: User
) -> None:
    from grassroots.workplaces.tasks import obligation_tasks

    def conference_urls() -> list[str]:
        return [item.url for item in obligation_tasks(principal, FIRST_WORKING_DAY) if "tổng kết" in item.title]

    home = reverse("workplaces:organisation_home", args=[school.pk])
    assert conference_urls() == [home]  # no draft yet
    yearly.workplace_obligations(at(FIRST_WORKING_DAY))
    draft = _draft(ObligationKind.WORKPLACE_CONFERENCE)
    assert conference_urls() == [reverse("notifications:draft_complete", args=[draft.pk])]
    ObligationDraft.objects.filter(pk=draft.pk).update(status=DraftStatus.COMPLETED)  # set-up: completed
    assert conference_urls() == [home]


def test_the_village_task_links_to_the_review_draft(convention: Any, village_head: User) -> None:
    from grassroots.conventions.tasks import village_tasks

    day = dt.date(2026, 11, 4)
    review_new = reverse("conventions:review_new", args=[convention.pk])
    assert [item.url for item in village_tasks(village_head, day)] == [review_new]
    yearly.convention_reviews(at(day))
    draft = _draft(ObligationKind.CONVENTION_REVIEW)
    assert [item.url for item in village_tasks(village_head, day)] == [
        reverse("notifications:draft_complete", args=[draft.pk])
    ]


# --- the commune chair's yearly dialogue conference ----------------------------------------------------------------


def test_the_dialogue_conference_draft_opens_once_with_the_plans_values(
    commune: AdministrativeUnit, commune_chair: User
) -> None:
    assert yearly.reception_dialogue(at(FIRST_WORKING_DAY)) == 2  # the draft and the chair's notification
    assert yearly.reception_dialogue(at(FIRST_WORKING_DAY)) == 0
    assert yearly.reception_dialogue(at(dt.date(2027, 3, 1))) == 0
    draft = _draft(ObligationKind.COMMUNE_DIALOGUE)
    assert (draft.unit_id, draft.organisation_id, draft.convention_id) == (commune.pk, None, None)
    assert (draft.year, draft.due_on, draft.citation) == (2027, dt.date(2027, 12, 31), yearly.DIALOGUE_CITATION)
    assert draft.key == f"reception:dialogue:{commune.pk}:2027"
    assert draft.proposal == {
        "title": f"Hội nghị đối thoại giữa Chủ tịch Ủy ban nhân dân {commune.name} với Nhân dân năm 2027",
        "topics": yearly.COMMUNE_DIALOGUE_TOPICS,
        "planned_on": "2027-12-31",  # a Friday: the last working day of the year
        "place": "",
        "method": "in_person",
        "co_chairs": yearly.COMMUNE_DIALOGUE_CO_CHAIRS,
    }
    notification = Notification.objects.get(user=commune_chair)
    assert notification.url == reverse("notifications:draft_complete", args=[draft.pk])
    event = AuditEvent.objects.get(code="notifications.obligation_draft.opened", object_id=str(draft.pk))
    assert event.actor_id is None


def test_the_dialogue_draft_proposes_the_last_working_day_when_31_december_is_a_day_off(
    commune: AdministrativeUnit, commune_chair: User
) -> None:
    yearly.reception_dialogue(at(dt.date(2028, 1, 4)))  # 31/12/2028 is a Sunday
    assert _draft(ObligationKind.COMMUNE_DIALOGUE).proposal["planned_on"] == "2028-12-29"


def test_completing_the_dialogue_draft_plans_the_conference_once(
    commune: AdministrativeUnit, commune_chair: User
) -> None:
    from grassroots.reception.models import DialogueConference, DialogueStatus

    yearly.reception_dialogue(at(FIRST_WORKING_DAY))
    draft = _draft(ObligationKind.COMMUNE_DIALOGUE)
    url = reverse("notifications:draft_complete", args=[draft.pk])
    client = Client()
    client.force_login(commune_chair)
    page = client.get(url)
    assert page.status_code == 200
    assert page.context["form"].initial["planned_on"] == dt.date(2027, 12, 31)
    assert page.context["back_url"] == reverse("reception:dialogue_list", kwargs={"commune_slug": commune.slug})
    data = {**draft.proposal, "planned_on": "2027-06-18", "place": "Hội trường UBND xã"}
    # Without a place (only the chair can give it) nothing is made and the draft stays open.
    assert client.post(url, {**data, "place": ""}).status_code == 200
    assert not DialogueConference.objects.exists()
    response = client.post(url, data)
    conference = DialogueConference.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("reception:dialogue_detail", kwargs={"pk": conference.pk})
    assert (conference.unit_id, conference.planned_on, conference.status) == (
        commune.pk,
        dt.date(2027, 6, 18),
        DialogueStatus.PLANNED,
    )
    assert conference.topics == yearly.COMMUNE_DIALOGUE_TOPICS
    draft.refresh_from_db()
    assert (draft.status, draft.completed_object_id) == (DraftStatus.COMPLETED, conference.pk)
    assert AuditEvent.objects.filter(code="reception.dialogue.planned", actor_id=commune_chair.pk).count() == 1
    assert client.post(url, data).status_code == 404  # completed: the form is gone
    assert DialogueConference.objects.count() == 1


def test_a_dialogue_draft_with_a_day_gone_by_is_refused_and_stays_open(
    commune: AdministrativeUnit, commune_chair: User
) -> None:
    yearly.reception_dialogue(at(FIRST_WORKING_DAY))
    draft = _draft(ObligationKind.COMMUNE_DIALOGUE)
    with pytest.raises(DomainError) as refusal:
        services.obligation_draft_complete(
            draft=draft,
            data={**draft.proposal, "planned_on": dt.date(2027, 1, 4), "place": "Hội trường"},
            actor=commune_chair,
            now=at(FIRST_WORKING_DAY),
        )
    assert refusal.value.code == "reception.dialogue.planned_in_past"
    draft.refresh_from_db()
    assert draft.status == DraftStatus.OPEN


def test_the_dialogue_draft_page_is_the_communes_own(
    commune: AdministrativeUnit, commune_chair: User, other_commune: AdministrativeUnit, resident: User
) -> None:
    yearly.reception_dialogue(at(FIRST_WORKING_DAY))
    url = reverse("notifications:draft_complete", args=[_draft(ObligationKind.COMMUNE_DIALOGUE).pk])
    other_chair = make_user("chu_tich_xa_khac")
    give_role(other_chair, Role.COMMUNE_CHAIR, other_commune)
    outsider = Client()
    outsider.force_login(other_chair)
    assert outsider.get(url).status_code == 404
    neighbour = Client()
    neighbour.force_login(resident)
    assert neighbour.get(url).status_code in (403, 404)


def test_the_chairs_task_links_to_the_dialogue_draft_while_open(
    commune: AdministrativeUnit, commune_chair: User
) -> None:
    from grassroots.reception.apps import dialogue_tasks

    def yearly_urls() -> list[str]:
        return [item.url for item in dialogue_tasks(commune_chair, FIRST_WORKING_DAY) if "năm 2027" in item.title]

    listing = reverse("reception:dialogue_list", kwargs={"commune_slug": commune.slug})
    assert yearly_urls() == [listing]
    yearly.reception_dialogue(at(FIRST_WORKING_DAY))
    draft = _draft(ObligationKind.COMMUNE_DIALOGUE)
    assert yearly_urls() == [reverse("notifications:draft_complete", args=[draft.pk])]
    ObligationDraft.objects.filter(pk=draft.pk).update(status=DraftStatus.COMPLETED)  # set-up: completed
    assert yearly_urls() == [listing]


def test_the_organisation_home_links_its_open_drafts_to_those_who_may_complete_them(
    school: Organisation, principal: User, commune: AdministrativeUnit
) -> None:
    yearly.workplace_obligations(at(FIRST_WORKING_DAY))
    draft = _draft(ObligationKind.WORKPLACE_CONFERENCE)
    url = reverse("notifications:draft_complete", args=[draft.pk])
    home = reverse("workplaces:organisation_home", args=[school.pk])
    client = Client()
    client.force_login(principal)
    assert url in client.get(home).content.decode()
    teacher = make_user("giao_vien_nha")
    give_role(teacher, Role.STAFF_MEMBER, commune, organisation=school)
    reader = Client()
    reader.force_login(teacher)
    page = reader.get(home)
    assert page.status_code == 200 and url not in page.content.decode()
    client.post(url, _conference_post(draft))
    draft.refresh_from_db()
    assert draft.status == DraftStatus.COMPLETED
    assert url not in client.get(home).content.decode()  # a completed draft is no longer offered
