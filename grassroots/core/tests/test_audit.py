"""The audit trail is append-only and any tampering, even in raw SQL, is caught."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import call_command
from django.db import connection

from grassroots.core.models import AuditChainHead, AuditEvent, AuditEventImmutable
from grassroots.core.rules import GENESIS_HASH
from grassroots.core.selectors import audit_chain_verify
from grassroots.core.services import audit_record

pytestmark = pytest.mark.django_db

MOMENT = dt.datetime(2026, 2, 13, 9, 30, tzinfo=dt.UTC)


def _three_events() -> list[AuditEvent]:
    return [
        audit_record(code="test.thing.created", unit=7, after={"name": "Thôn Đông", "n": 1}, now=MOMENT),
        audit_record(
            code="test.thing.renamed",
            unit=7,
            before={"name": "Thôn Đông"},
            after={"name": "Thôn Tây"},
            now=MOMENT + dt.timedelta(minutes=1),
        ),
        audit_record(
            code="test.thing.closed", unit=8, after={"when": dt.date(2026, 2, 16)}, now=MOMENT + dt.timedelta(minutes=2)
        ),
    ]


def _raw(sql: str, params: list[int | str]) -> None:
    table = AuditEvent._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(sql.format(table=connection.ops.quote_name(table)), params)


def test_chain_links_each_event_to_the_one_before() -> None:
    first, second, third = _three_events()
    assert [e.sequence for e in (first, second, third)] == [1, 2, 3]
    assert first.previous_hash == GENESIS_HASH
    assert second.previous_hash == first.hash
    assert third.previous_hash == second.hash
    assert third.after == {"when": "2026-02-16"}
    head = AuditChainHead.objects.get()
    assert (head.last_sequence, head.last_hash) == (3, third.hash)
    assert audit_chain_verify().intact


def test_orm_cannot_update_or_delete_events() -> None:
    event = _three_events()[0]
    with pytest.raises(AuditEventImmutable):
        AuditEvent.objects.filter(pk=event.pk).update(code="x")
    with pytest.raises(AuditEventImmutable):
        AuditEvent.objects.all().delete()
    with pytest.raises(AuditEventImmutable):
        event.delete()
    event.code = "changed"
    with pytest.raises(AuditEventImmutable):
        event.save()
    assert AuditEvent.objects.get(pk=event.pk).code == "test.thing.created"


def test_verify_command_passes_on_intact_chain(capsys: pytest.CaptureFixture[str]) -> None:
    _three_events()
    call_command("audit_verify")
    assert "3 events" in capsys.readouterr().out


def test_verify_command_on_empty_chain_is_intact() -> None:
    report = audit_chain_verify()
    assert report.intact and report.checked == 0


@pytest.mark.parametrize(
    ("tamper", "bad_sequence"),
    [
        ("UPDATE {table} SET code = 'test.thing.deleted' WHERE sequence = %s", 2),
        ('UPDATE {table} SET after = \'{{"name": "Thôn Bắc"}}\' WHERE sequence = %s', 2),
        ("UPDATE {table} SET actor_label = 'someone-else' WHERE sequence = %s", 1),
        ("DELETE FROM {table} WHERE sequence = %s", 2),
        ("DELETE FROM {table} WHERE sequence = %s", 3),
        ("DELETE FROM {table} WHERE sequence = %s", 1),
    ],
)
def test_verify_catches_raw_sql_tampering(tamper: str, bad_sequence: int, capsys: pytest.CaptureFixture[str]) -> None:
    _three_events()
    _raw(tamper, [bad_sequence])
    report = audit_chain_verify()
    assert not report.intact
    assert report.bad_sequence == bad_sequence
    with pytest.raises(SystemExit) as exit_info:
        call_command("audit_verify")
    assert exit_info.value.code == 1
    assert f"#{bad_sequence}" in capsys.readouterr().err


def test_verify_catches_reordering() -> None:
    _three_events()
    # Swap events 2 and 3 by renumbering them through a free number.
    _raw("UPDATE {table} SET sequence = 99 WHERE sequence = %s", [2])
    _raw("UPDATE {table} SET sequence = 2 WHERE sequence = %s", [3])
    _raw("UPDATE {table} SET sequence = 3 WHERE sequence = %s", [99])
    report = audit_chain_verify()
    assert not report.intact
    assert report.bad_sequence == 2


def test_verify_catches_forged_rehashed_event() -> None:
    """Rewriting one event and recomputing its own hash still breaks the next link."""
    from grassroots.core.rules import event_hash

    events = _three_events()
    target = events[0]
    forged = event_hash(
        sequence=1,
        occurred_at=target.occurred_at,
        actor_id=None,
        actor_label="system",
        unit_id=7,
        object_type="",
        object_id="",
        code="test.thing.forged",
        before=None,
        after={"name": "Thôn Đông", "n": 1},
        previous_hash=GENESIS_HASH,
    )
    _raw("UPDATE {table} SET code = 'test.thing.forged', hash = %s WHERE sequence = 1", [forged])
    report = audit_chain_verify()
    assert not report.intact and report.bad_sequence == 2
