from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from grassroots.accounts.models import User
from grassroots.calendar.models import CalendarOverride
from grassroots.core.models import AuditEvent

pytestmark = pytest.mark.django_db
LIST = reverse("calendar:override_list")
CREATE = reverse("calendar:override_create")


PERMISSIONS = {
    # persona:            list create edit delete  (the table is national: superusers only, so that no
    # commune or province officer can add a day off and move every commune's deadlines)
    "resident": (403, 403, 403, 403),
    "household_representative": (403, 403, 403, 403),
    "village_head": (403, 403, 403, 403),
    "board_member": (403, 403, 403, 403),
    "commune_officer": (403, 403, 403, 403),
    "commune_chair": (403, 403, 403, 403),
    "other_commune_officer": (403, 403, 403, 403),
    "provincial_officer": (403, 403, 403, 403),
    "superuser": (200, 200, 200, 200),
}
"""Role × page → status (GET)."""
PAGES = ("list", "create", "edit", "delete")


@pytest.fixture
def staff_client(client: Client, superuser: User) -> Any:
    client.force_login(superuser)
    return client


def test_a_commune_officer_cannot_add_a_day_off_to_move_every_deadline(client: Client, commune_officer: User) -> None:
    """The attack: an officer adds a fake day off; every working-day deadline in the country would shift."""
    client.force_login(commune_officer)
    before = CalendarOverride.objects.count()
    response = client.post(CREATE, _post_data(day="2027-01-04", kind="extra_rest_day", name="Nghỉ bù giả"))
    assert response.status_code == 403
    assert CalendarOverride.objects.count() == before


@pytest.fixture
def row() -> Any:
    return CalendarOverride.objects.get(day=dt.date(2026, 1, 10))


def _post_data(**extra: Any) -> Any:
    data = {
        "day": "2027-01-02",
        "kind": "extra_working_day",
        "scope": "public",
        "name": "Làm bù",
        "source": "Công văn 1/VPCP-KGVX",
        "note": "",
    }
    return {**data, **extra}


def _page_url(page_name: Any, row: Any) -> Any:
    return {
        "list": LIST,
        "create": CREATE,
        "edit": reverse("calendar:override_edit", args=[row.pk]),
        "delete": reverse("calendar:override_delete", args=[row.pk]),
    }[page_name]


@pytest.mark.parametrize("page_name", PAGES)
def test_anonymous_is_sent_to_login(client: Client, row: Any, page_name: Any) -> None:
    response = client.get(_page_url(page_name, row))
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


@pytest.mark.parametrize(("persona", "page_name"), [(persona, name) for persona in PERMISSIONS for name in PAGES])
def test_permission_matrix(
    client: Client, request: pytest.FixtureRequest, row: Any, persona: Any, page_name: Any
) -> None:
    client.force_login(request.getfixturevalue(persona))
    assert client.get(_page_url(page_name, row)).status_code == PERMISSIONS[persona][PAGES.index(page_name)]


@pytest.mark.parametrize("persona", ["resident", "village_head", "board_member"])
def test_refused_users_change_nothing(client: Client, request: pytest.FixtureRequest, row: Any, persona: Any) -> None:
    client.force_login(request.getfixturevalue(persona))
    assert client.post(CREATE, _post_data()).status_code == 403
    assert client.post(reverse("calendar:override_delete", args=[row.pk])).status_code == 403
    edit = client.post(reverse("calendar:override_edit", args=[row.pk]), _post_data(day="2026-01-10", name="Đổi"))
    assert edit.status_code == 403
    assert not CalendarOverride.objects.filter(day=dt.date(2027, 1, 2)).exists()
    assert CalendarOverride.objects.get(pk=row.pk).name == row.name
    assert not AuditEvent.objects.filter(code__startswith="calendar.override.").exists()


def test_is_staff_flag_alone_opens_nothing(client: Client, django_user_model: Any) -> None:
    client.force_login(django_user_model.objects.create_user(username="co-is-staff", password="x", is_staff=True))
    assert client.get(LIST).status_code == 403


def test_staff_sees_the_table_and_a_year_filter(staff_client: Client) -> None:
    response = staff_client.get(LIST, {"nam": "2026"})
    assert response.status_code == 200
    assert "12729/VPCP-KGVX" in response.content.decode()
    assert "calendar/override_list.html" in [template.name for template in response.templates]


def test_htmx_gets_the_partial(staff_client: Client) -> None:
    response = staff_client.get(LIST, {"nam": "2025"}, headers={"HX-Request": "true"})
    assert response.status_code == 200
    names = [template.name for template in response.templates]
    assert "calendar/_override_table.html" in names
    assert "base.html" not in names


def test_create_happy_path(staff_client: Client) -> None:
    assert staff_client.get(CREATE).status_code == 200
    response = staff_client.post(CREATE, _post_data())
    assert response.status_code == 302
    created = CalendarOverride.objects.get(day=dt.date(2027, 1, 2))
    assert created.kind == "extra_working_day"
    assert AuditEvent.objects.filter(code="calendar.override.created", object_id=str(created.pk)).exists()


def test_create_with_errors_keeps_input_and_writes_nothing(staff_client: Client) -> None:
    count = CalendarOverride.objects.count()
    response = staff_client.post(CREATE, _post_data(source="", name="Giữ lại"))
    assert response.status_code == 400
    body = response.content.decode()
    assert "error-summary" in body
    assert "Giữ lại" in body
    assert CalendarOverride.objects.count() == count


def test_create_duplicate_day_shows_the_service_refusal(staff_client: Client) -> None:
    response = staff_client.post(CREATE, _post_data(day="2026-01-10"))
    assert response.status_code == 400
    assert response.context["form"].errors["day"]
    assert CalendarOverride.objects.filter(day=dt.date(2026, 1, 10)).count() == 1


def test_create_bad_date_is_a_form_error(staff_client: Client) -> None:
    response = staff_client.post(CREATE, _post_data(day="2027-02-30"))
    assert response.status_code == 400
    assert response.context["form"].errors["day"]


def test_edit(staff_client: Client, row: Any) -> None:
    url = reverse("calendar:override_edit", args=[row.pk])
    assert staff_client.get(url).status_code == 200
    data = _post_data(day="2026-01-10", name=row.name, source="Công văn 12729/VPCP-KGVX ngày 25/12/2025 (bản gốc)")
    response = staff_client.post(url, data)
    assert response.status_code == 302
    row.refresh_from_db()
    assert row.source.endswith("(bản gốc)")
    assert AuditEvent.objects.filter(code="calendar.override.updated").count() == 1


def test_edit_unknown_row_is_404(staff_client: Client) -> None:
    assert staff_client.get(reverse("calendar:override_edit", args=[999999])).status_code == 404


def test_delete_asks_then_deletes(staff_client: Client, row: Any) -> None:
    url = reverse("calendar:override_delete", args=[row.pk])
    assert staff_client.get(url).status_code == 200
    assert CalendarOverride.objects.filter(pk=row.pk).exists()
    response = staff_client.post(url)
    assert response.status_code == 302
    assert not CalendarOverride.objects.filter(pk=row.pk).exists()
    assert AuditEvent.objects.filter(code="calendar.override.deleted").count() == 1


def test_admin_change_goes_through_the_service(client: Client, django_user_model: Any) -> None:
    admin_user = django_user_model.objects.create_superuser(username="quan-tri", password="x")
    client.force_login(admin_user)
    url = reverse("admin:calendar_calendaroverride_add")
    response = client.post(url, {**_post_data(), "is_uncertain": ""})
    assert response.status_code == 302
    assert AuditEvent.objects.filter(code="calendar.override.created").count() == 1
    duplicate = client.post(url, _post_data())
    assert duplicate.status_code == 200
    assert CalendarOverride.objects.filter(day=dt.date(2027, 1, 2)).count() == 1
