"""View tests: the resident's journey, the officer's, who gets 404/403, and what the pages never show."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from grassroots.accounts.models import User
from grassroots.petitions import services
from grassroots.petitions.models import Case, CaseAttachment, CaseStatus, IdentityAccess
from grassroots.petitions.tests.conftest import JPEG, NOW, enter_denunciation, file_online
from grassroots.units.models import AdministrativeUnit

pytestmark = pytest.mark.django_db


def _client(user: User | None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def test_resident_files_feedback_with_a_photo_and_follows_it_to_the_answer(
    resident: User, commune_officer: User, commune_chair: User, commune: AdministrativeUnit
) -> None:
    citizen = _client(resident)
    page = citizen.get(reverse("petitions:case_file", args=[commune.slug]))
    assert page.status_code == 200
    assert 'type="tel"' in page.content.decode() and 'enctype="multipart/form-data"' in page.content.decode()
    response = citizen.post(
        reverse("petitions:case_file", args=[commune.slug]),
        {
            "kind": "feedback",
            "title": "Đèn đường hỏng",
            "content": "Đèn đường trước cổng chợ hỏng ba hôm nay.",
            "location_address": "Cổng chợ Thôn 1",
            "photos": [SimpleUploadedFile("den.jpg", JPEG, content_type="image/jpeg")],
            "phone": "0912345678",
            "is_public": "on",
        },
    )
    case = Case.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("petitions:my_case", args=[case.pk])
    assert CaseAttachment.objects.filter(case=case).count() == 1
    assert case.is_public
    detail = citizen.get(response["Location"]).content.decode()
    assert "Đèn đường hỏng" in detail and "Hạn" in detail

    officer = _client(commune_officer)
    chair = _client(commune_chair)
    assert (
        officer.post(reverse("petitions:case_acknowledge", args=[case.pk]), {"outcome": "accepted"}).status_code == 302
    )
    chair.post(reverse("petitions:case_assign", args=[case.pk]), {"handler": commune_officer.pk})
    officer.post(reverse("petitions:case_start", args=[case.pk]))
    officer.post(reverse("petitions:case_answer", args=[case.pk]), {"answer": "Đã thay bóng đèn."})
    case.refresh_from_db()
    assert case.status == CaseStatus.ANSWERED
    detail = citizen.get(reverse("petitions:my_case", args=[case.pk])).content.decode()
    assert "Đã thay bóng đèn." in detail
    citizen.post(reverse("petitions:my_case_rate", args=[case.pk]), {"rating": "5"})
    case.refresh_from_db()
    assert case.satisfaction == 5
    public = _client(None).get(reverse("petitions:public_detail", args=[case.pk])).content.decode()
    assert "Đã thay bóng đèn." in public
    assert "Nguyễn Văn Dân" not in public and "0912345678" not in public


def test_a_bad_photo_keeps_the_input_and_says_why(resident: User, commune: AdministrativeUnit) -> None:
    response = _client(resident).post(
        reverse("petitions:case_file", args=[commune.slug]),
        {
            "kind": "feedback",
            "title": "Rác",
            "content": "Bãi rác tự phát.",
            "photos": [SimpleUploadedFile("rac.jpg", b"%PDF-1.4", content_type="image/jpeg")],
        },
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "không phải ảnh" in page and "Bãi rác tự phát." in page
    assert not Case.objects.exists()


def test_officer_records_an_in_person_complaint(commune_officer: User, commune: AdministrativeUnit) -> None:
    response = _client(commune_officer).post(
        reverse("petitions:case_new", args=[commune.slug]),
        {
            "kind": "complaint",
            "channel": "reception",
            "received_on": "2027-02-03",
            "full_name": "Phan Văn Khiếu",
            "title": "Khiếu nại quyết định thu hồi đất",
            "content": "Không đồng ý mức bồi thường.",
            "act_known_on": "2027-01-10",
        },
    )
    case = Case.objects.get()
    assert response.status_code == 302
    assert case.channel == "reception" and case.kind == "complaint"
    page = _client(commune_officer).get(reverse("petitions:case_detail", args=[case.pk])).content.decode()
    assert "24/02/2027" in page  # acknowledge and accept by, across Tết


def test_case_list_shows_cards_with_deadlines_and_flags_overdue(
    commune_officer: User, resident: User, commune: AdministrativeUnit, monkeypatch: pytest.MonkeyPatch
) -> None:
    import datetime as dt

    from grassroots.core import clock

    file_online(resident, commune)
    monkeypatch.setattr(clock, "now", lambda: NOW + dt.timedelta(days=30))
    client = _client(commune_officer)
    page = client.get(reverse("petitions:case_list", args=[commune.slug])).content.decode()
    assert 'class="cards"' in page and "24/02/2027" in page and "badge-late" in page
    overdue = client.get(reverse("petitions:case_list", args=[commune.slug]) + "?loc=overdue").content.decode()
    assert "Ổ gà" in overdue


# --- attackers ------------------------------------------------------------------------------


@pytest.fixture
def denunciation(commune_officer: User, commune_chair: User, commune: AdministrativeUnit) -> Case:
    case = enter_denunciation(commune_officer, commune)
    services.case_acknowledge(case=case, outcome="accepted", actor=commune_officer)
    return services.case_assign(case=case, handler=commune_officer, actor=commune_chair)


def test_the_handler_sees_the_denouncer_and_the_look_is_logged(denunciation: Case, commune_officer: User) -> None:
    page = _client(commune_officer).get(reverse("petitions:case_detail", args=[denunciation.pk])).content.decode()
    assert "Lê Thị Bí Mật" in page
    assert IdentityAccess.objects.filter(case=denunciation, viewer=commune_officer, place="case_detail").count() == 1


def test_another_officer_of_the_commune_sees_the_case_but_not_the_denouncer(
    denunciation: Case, second_officer: User
) -> None:
    response = _client(second_officer).get(reverse("petitions:case_detail", args=[denunciation.pk]))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Lê Thị Bí Mật" not in page and "0987654321" not in page and "•••" in page
    assert not IdentityAccess.objects.exists()


def test_an_officer_of_another_commune_gets_404(
    denunciation: Case, other_commune_officer: User, commune: AdministrativeUnit
) -> None:
    client = _client(other_commune_officer)
    assert client.get(reverse("petitions:case_detail", args=[denunciation.pk])).status_code == 404
    assert client.get(reverse("petitions:case_list", args=[commune.slug])).status_code == 404
    assert client.post(reverse("petitions:case_start", args=[denunciation.pk])).status_code == 404


def test_residents_cannot_open_staff_pages_or_other_peoples_cases(
    denunciation: Case, resident: User, household_representative: User, commune: AdministrativeUnit
) -> None:
    client = _client(resident)
    assert client.get(reverse("petitions:case_detail", args=[denunciation.pk])).status_code in (403, 404)
    assert client.get(reverse("petitions:case_list", args=[commune.slug])).status_code in (403, 404)
    own = file_online(resident, commune)
    assert _client(household_representative).get(reverse("petitions:my_case", args=[own.pk])).status_code == 404


def test_an_officer_cannot_assign(denunciation: Case, second_officer: User) -> None:
    response = _client(second_officer).post(
        reverse("petitions:case_assign", args=[denunciation.pk]), {"handler": second_officer.pk}
    )
    assert response.status_code == 403


def test_public_pages_show_only_public_feedback_and_never_a_name(
    denunciation: Case, resident: User, commune: AdministrativeUnit
) -> None:
    private = file_online(resident, commune, title="Riêng tư")
    public = file_online(resident, commune, title="Công khai", is_public=True)
    anonymous = _client(None)
    listing = anonymous.get(reverse("petitions:public_list", args=[commune.slug])).content.decode()
    assert "Công khai" in listing and "Riêng tư" not in listing and "Tố cáo cán bộ" not in listing
    for case in (private, denunciation):
        assert anonymous.get(reverse("petitions:public_detail", args=[case.pk])).status_code == 404
    page = anonymous.get(reverse("petitions:public_detail", args=[public.pk])).content.decode()
    assert "Nguyễn Văn Dân" not in page


def test_dashboard_items_for_the_desk_and_the_handler(
    denunciation: Case, resident: User, commune_officer: User, commune: AdministrativeUnit
) -> None:
    from grassroots.petitions.apps import case_tasks

    received = file_online(resident, commune)
    items = list(case_tasks(commune_officer, NOW.date()))
    urls = {item.url for item in items}
    assert reverse("petitions:case_detail", args=[received.pk]) in urls
    assert reverse("petitions:case_detail", args=[denunciation.pk]) in urls
    assert all(item.due_date is not None for item in items)


def test_photos_are_served_to_the_filer_and_the_commune_only(
    resident: User,
    household_representative: User,
    commune_officer: User,
    other_commune_officer: User,
    commune: AdministrativeUnit,
) -> None:
    case = file_online(resident, commune, photos=[("cay.jpg", JPEG)])
    photo = CaseAttachment.objects.get(case=case)
    own = reverse("petitions:my_case_photo", args=[case.pk, photo.pk])
    staff = reverse("petitions:case_photo", args=[case.pk, photo.pk])
    response = _client(resident).get(own)
    assert response.status_code == 200 and response["Content-Type"] == "image/jpeg"
    assert b"".join(response.streaming_content).startswith(b"\xff\xd8\xff")  # type: ignore[attr-defined]
    assert _client(commune_officer).get(staff).status_code == 200
    assert _client(household_representative).get(own).status_code == 404
    assert _client(other_commune_officer).get(staff).status_code == 404
    assert _client(None).get(own).status_code == 302  # to the login page


def test_the_chair_is_told_of_every_overdue_case(
    resident: User,
    commune_officer: User,
    commune_chair: User,
    commune: AdministrativeUnit,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import datetime as dt

    from grassroots.core import clock
    from grassroots.petitions.apps import case_tasks

    case = file_online(resident, commune)
    services.case_acknowledge(case=case, outcome="accepted", actor=commune_officer)
    services.case_assign(case=case, handler=commune_officer, actor=commune_chair)
    url = reverse("petitions:case_detail", args=[case.pk])
    assert url not in {item.url for item in case_tasks(commune_chair, NOW.date())}
    later = NOW + dt.timedelta(days=40)
    monkeypatch.setattr(clock, "now", lambda: later)
    items = [item for item in case_tasks(commune_chair, later.date()) if item.url == url]
    assert len(items) == 1 and items[0].due_date == dt.date(2027, 3, 3)
    assert url not in {item.url for item in case_tasks(resident, later.date())}


def test_satisfaction_per_officer_for_the_chair_and_per_kind_for_everyone(
    resident: User,
    commune_officer: User,
    commune_chair: User,
    second_officer: User,
    commune: AdministrativeUnit,
) -> None:
    case = file_online(resident, commune)
    services.case_acknowledge(case=case, outcome="accepted", actor=commune_officer)
    services.case_assign(case=case, handler=commune_officer, actor=commune_chair)
    services.case_start(case=case, actor=commune_officer)
    services.case_answer(case=case, answer="Đã xử lý.", actor=commune_officer)
    services.case_rate(case=case, rating=4, actor=resident)
    staff = _client(commune_chair).get(reverse("petitions:satisfaction_staff", args=[commune.slug])).content.decode()
    assert ("Phạm Thị Cán Bộ" in staff and "4,00" in staff) or "4.00" in staff
    assert _client(second_officer).get(reverse("petitions:satisfaction_staff", args=[commune.slug])).status_code == 403
    public = _client(None).get(reverse("petitions:satisfaction_public", args=[commune.slug])).content.decode()
    assert "Phản ánh" in public and "Phạm Thị Cán Bộ" not in public and "Nguyễn Văn Dân" not in public
