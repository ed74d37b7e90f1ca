"""View tests: the door of each page, one happy POST per form, refusals shown with the input kept."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from grassroots.accounts.models import User
from grassroots.petitions.models import Case
from grassroots.reception import services
from grassroots.reception.models import DialogueConference, ReceptionSchedule, ReceptionSession, ReceptionVisit
from grassroots.reception.tests.conftest import NOW
from grassroots.units.models import AdministrativeUnit

pytestmark = pytest.mark.django_db


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_staff_index_door(
    commune: AdministrativeUnit, commune_officer: User, resident: User, other_commune_officer: User
) -> None:
    url = reverse("reception:staff_index", kwargs={"commune_slug": commune.slug})
    assert _client(commune_officer).get(url).status_code == 200
    assert _client(resident).get(url).status_code in (403, 404)  # the commune is not among a resident's units
    assert _client(other_commune_officer).get(url).status_code == 404
    assert Client().get(url).status_code == 302


def test_schedule_form_sets_the_schedule(commune: AdministrativeUnit, commune_chair: User) -> None:
    url = reverse("reception:schedule_edit", kwargs={"commune_slug": commune.slug})
    response = _client(commune_chair).post(
        url,
        {
            "weekday": "3",
            "weeks": ["1", "3"],
            "start_time": "07:30",
            "end_time": "11:00",
            "place": "Phòng tiếp công dân",
            "valid_from": "2026-12-10",
        },
    )
    assert response.status_code == 302
    assert ReceptionSchedule.objects.get().weeks == "1,3"


def test_schedule_below_minimum_shows_the_message_and_keeps_the_input(
    commune: AdministrativeUnit, commune_chair: User
) -> None:
    url = reverse("reception:schedule_edit", kwargs={"commune_slug": commune.slug})
    response = _client(commune_chair).post(
        url,
        {
            "weekday": "3",
            "weeks": ["2"],
            "start_time": "07:30",
            "end_time": "11:00",
            "place": "Phòng tiếp công dân số 2",
            "valid_from": "2026-12-10",
        },
    )
    assert response.status_code == 200
    text = response.content.decode()
    assert "ít hơn mức tối thiểu" in text and "Phòng tiếp công dân số 2" in text
    assert not ReceptionSchedule.objects.exists()


def test_officer_records_a_complaint_at_a_session(
    commune: AdministrativeUnit, commune_chair: User, commune_officer: User
) -> None:
    client = _client(commune_officer)
    response = client.post(
        reverse("reception:session_new", kwargs={"commune_slug": commune.slug}),
        {"held_on": "2026-12-08", "kind": "regular", "receiver": str(commune_chair.pk), "place": "Trụ sở"},
    )
    session = ReceptionSession.objects.get()
    assert response.status_code == 302 and session.receiver_is_chair
    response = client.post(
        reverse("reception:visit_new", kwargs={"pk": session.pk}),
        {
            "full_name": "Trần Thị Khiếu",
            "id_number": "001185004321",
            "summary": "Khiếu nại quyết định xử phạt.",
            "case_kind": "complaint",
            "case_title": "Khiếu nại xử phạt",
        },
    )
    assert response.status_code == 302
    case = Case.objects.get()
    assert case.channel == "reception" and ReceptionVisit.objects.get().case == case
    page = client.get(reverse("reception:session_detail", kwargs={"pk": session.pk})).content.decode()
    assert f"#{case.pk}" in page


def test_attack_denouncer_name_not_on_the_session_page(
    commune: AdministrativeUnit, commune_chair: User, commune_officer: User
) -> None:
    session = services.session_record(
        unit=commune,
        held_on=dt.date(2026, 12, 8),
        kind="regular",
        receiver=commune_chair,
        place="Trụ sở",
        actor=commune_officer,
        now=NOW,
    )
    services.visit_record(
        session=session,
        full_name="Lê Thị Bí Mật",
        id_number="001199009999",
        summary="Tố cáo cán bộ.",
        case_kind="denunciation",
        case_title="Tố cáo",
        actor=commune_officer,
        now=NOW,
    )
    for user in (commune_officer, commune_chair):
        page = _client(user).get(reverse("reception:session_detail", kwargs={"pk": session.pk})).content.decode()
        assert "Bí Mật" not in page


def test_public_schedule_page_is_open_to_anyone(commune: AdministrativeUnit, commune_chair: User) -> None:
    services.schedule_set(
        unit=commune,
        weekday=1,
        weeks=(),
        start_time=dt.time(7, 30),
        end_time=dt.time(11, 0),
        place="Phòng tiếp công dân UBND xã",
        valid_from=dt.date(2026, 12, 9),
        actor=commune_chair,
        now=NOW,
    )
    response = Client().get(reverse("reception:public_schedule", kwargs={"commune_slug": commune.slug}))
    assert response.status_code == 200
    assert "Phòng tiếp công dân UBND xã" in response.content.decode()
    assert "15/12/2026" in response.content.decode()


def test_dialogue_journey_through_the_pages(commune: AdministrativeUnit, commune_officer: User) -> None:
    client = _client(commune_officer)
    response = client.post(
        reverse("reception:dialogue_new", kwargs={"commune_slug": commune.slug}),
        {
            "title": "Đối thoại năm 2026",
            "topics": "Kết quả năm",
            "planned_on": "2026-12-20",
            "place": "Hội trường",
            "method": "in_person",
        },
    )
    conference = DialogueConference.objects.get()
    assert response.status_code == 302
    client.post(reverse("reception:dialogue_announce", kwargs={"pk": conference.pk}))
    client.post(
        reverse("reception:question_add", kwargs={"pk": conference.pk}),
        {"source": "advance", "question": "Bao giờ có đèn đường?"},
    )
    conference.refresh_from_db()
    assert conference.status == "announced" and conference.questions.count() == 1
    page = client.get(reverse("reception:dialogue_detail", kwargs={"pk": conference.pk})).content.decode()
    assert "Bao giờ có đèn đường?" in page


def test_dialogue_plan_in_the_past_keeps_the_input(commune: AdministrativeUnit, commune_officer: User) -> None:
    response = _client(commune_officer).post(
        reverse("reception:dialogue_new", kwargs={"commune_slug": commune.slug}),
        {
            "title": "Đối thoại đặc biệt",
            "topics": "Nội dung",
            "planned_on": "2026-12-01",
            "place": "Hội trường",
            "method": "in_person",
        },
    )
    assert response.status_code == 200
    assert "Đối thoại đặc biệt" in response.content.decode()
    assert not DialogueConference.objects.exists()


def test_attack_other_commune_cannot_open_a_conference(
    commune: AdministrativeUnit, commune_officer: User, other_commune_officer: User
) -> None:
    conference = services.conference_plan(
        unit=commune,
        title="Đối thoại",
        topics="Nội dung",
        planned_on=dt.date(2026, 12, 20),
        place="Hội trường",
        method="in_person",
        actor=commune_officer,
        now=NOW,
    )
    client = _client(other_commune_officer)
    assert client.get(reverse("reception:dialogue_detail", kwargs={"pk": conference.pk})).status_code == 404
    assert client.post(reverse("reception:dialogue_cancel", kwargs={"pk": conference.pk})).status_code == 404
    conference.refresh_from_db()
    assert conference.status == "planned"
