from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from grassroots.accounts.models import User
from grassroots.calendar import services
from grassroots.calendar.models import CalendarOverride
from grassroots.core.errors import DomainError
from grassroots.core.models import AuditEvent

D = dt.date
NOW = dt.datetime(2026, 11, 22, 9, 0, tzinfo=dt.UTC)
pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(django_user_model: Any) -> Any:
    return django_user_model.objects.create_user(username="can-bo", password="x", is_staff=True)


def _create(staff: User, **extra: Any) -> Any:
    values = {
        "day": D(2027, 1, 2),
        "kind": "extra_working_day",
        "name": "Làm bù",
        "source": "Công văn 1/VPCP-KGVX",
        "actor": staff,
        "now": NOW,
    }
    return services.override_create(**{**values, **extra})


def test_create_records_the_row_and_an_audit_event(staff: User) -> None:
    row = _create(staff)
    assert row.pk is not None
    event = AuditEvent.objects.get(code="calendar.override.created")
    assert event.object_id == str(row.pk)
    assert event.actor_id == staff.pk
    assert (event.after or {})["day"] == "2027-01-02"


def test_duplicate_day_and_scope_is_refused_and_nothing_written(staff: User) -> None:
    _create(staff)
    before = (CalendarOverride.objects.count(), AuditEvent.objects.count())
    with pytest.raises(DomainError) as refusal:
        _create(staff, kind="extra_rest_day")
    assert refusal.value.code == "calendar.override.duplicate"
    assert (CalendarOverride.objects.count(), AuditEvent.objects.count()) == before
    # The same day in the other scope is a different row.
    assert _create(staff, scope="all").scope == "all"


@pytest.mark.parametrize(
    ("extra", "code"),
    [
        ({"source": "  "}, "calendar.override.source_required"),
        ({"name": ""}, "calendar.override.name_required"),
        ({"kind": "weekend"}, "calendar.override.kind_invalid"),
        ({"scope": "province"}, "calendar.override.scope_invalid"),
        ({"day": D(2099, 1, 1)}, "calendar.override.day_out_of_range"),
    ],
)
def test_invalid_rows_are_refused(staff: User, extra: Any, code: Any) -> None:
    count = CalendarOverride.objects.count()
    with pytest.raises(DomainError) as refusal:
        _create(staff, **extra)
    assert refusal.value.code == code
    assert CalendarOverride.objects.count() == count


def test_update_audits_before_and_after(staff: User) -> None:
    row = _create(staff)
    updated = services.override_update(override=row, actor=staff, now=NOW, source="Công văn 2/VPCP-KGVX")
    assert updated.source == "Công văn 2/VPCP-KGVX"
    event = AuditEvent.objects.get(code="calendar.override.updated")
    assert (event.before or {})["source"] == "Công văn 1/VPCP-KGVX"
    assert (event.after or {})["source"] == "Công văn 2/VPCP-KGVX"


def test_update_without_change_writes_no_event(staff: User) -> None:
    row = _create(staff)
    services.override_update(override=row, actor=staff, now=NOW, name="Làm bù")
    assert not AuditEvent.objects.filter(code="calendar.override.updated").exists()


def test_update_onto_an_existing_day_is_refused(staff: User) -> None:
    row = _create(staff)
    with pytest.raises(DomainError) as refusal:
        services.override_update(override=row, actor=staff, day=D(2026, 1, 10))
    assert refusal.value.code == "calendar.override.duplicate"
    row.refresh_from_db()
    assert row.day == D(2027, 1, 2)


def test_update_refuses_unknown_fields(staff: User) -> None:
    row = _create(staff)
    with pytest.raises(ValueError):
        services.override_update(override=row, actor=staff, pk=5)


def test_delete_removes_and_audits(staff: User) -> None:
    row = _create(staff)
    pk = row.pk
    services.override_delete(override=row, actor=staff, now=NOW)
    assert not CalendarOverride.objects.filter(pk=pk).exists()
    event = AuditEvent.objects.get(code="calendar.override.deleted")
    assert event.object_id == str(pk)
    assert (event.before or {})["kind"] == "extra_working_day"
