"""The audit trail: one chain per commune, sealed into a national root; any tampering, even in raw SQL, is caught.

Each tampering test plays someone with database access who knows the hash formula (it is in the code).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.management import call_command
from django.db import connection

from grassroots.core.models import AuditChain, AuditEvent, AuditEventImmutable, AuditSeal, AuditSealedHead
from grassroots.core.rules import GENESIS_HASH, LEGACY_CHAIN, SYSTEM_CHAIN, event_hash, state_root
from grassroots.core.selectors import SEAL_CHAIN, audit_chain_verify, object_history
from grassroots.core.services import AuditChainBehindSeal, audit_chain_for_unit, audit_record, audit_seal
from grassroots.units.models import AdministrativeUnit
from grassroots.units.tests.factories import CommuneFactory, CommunityFactory

pytestmark = pytest.mark.django_db

MOMENT = dt.datetime(2026, 2, 13, 9, 30, tzinfo=dt.UTC)


class Trail:
    """Two communes (A with a community) and unit-less events: three chains."""

    def __init__(self) -> None:
        self.commune_a: AdministrativeUnit = CommuneFactory()
        self.community_a: AdministrativeUnit = CommunityFactory(parent=self.commune_a)
        self.commune_b: AdministrativeUnit = CommuneFactory()
        self.a = f"commune:{self.commune_a.pk}"
        self.b = f"commune:{self.commune_b.pk}"
        minute = dt.timedelta(minutes=1)
        self.a_events = [
            audit_record(
                code="test.thing.created", unit=self.community_a, after={"name": "Thôn Đông", "n": 1}, now=MOMENT
            ),
            audit_record(
                code="test.thing.renamed",
                unit=self.community_a.pk,
                before={"name": "Thôn Đông"},
                after={"name": "Thôn Tây"},
                now=MOMENT + minute,
            ),
            audit_record(
                code="test.thing.closed",
                unit=self.commune_a,
                after={"when": dt.date(2026, 2, 16)},
                now=MOMENT + 2 * minute,
            ),
        ]
        self.b_events = [
            audit_record(code="test.thing.created", unit=self.commune_b, after={"n": 2}, now=MOMENT + 3 * minute),
            audit_record(code="test.thing.closed", unit=self.commune_b.pk, now=MOMENT + 4 * minute),
        ]
        self.system_events = [audit_record(code="test.calendar.changed", now=MOMENT + 5 * minute)]


@pytest.fixture
def trail() -> Trail:
    return Trail()


def _raw(sql: str, params: list[Any]) -> None:
    """Raw SQL on the audit tables: ``{events}``, ``{heads}``, ``{seals}``, ``{sealed_heads}``, quoted."""
    names = {
        "events": AuditEvent._meta.db_table,
        "heads": AuditChain._meta.db_table,
        "seals": AuditSeal._meta.db_table,
        "sealed_heads": AuditSealedHead._meta.db_table,
    }
    with connection.cursor() as cursor:
        cursor.execute(sql.format(**{k: connection.ops.quote_name(v) for k, v in names.items()}), params)


def _event(chain: str, sequence: int) -> AuditEvent:
    return AuditEvent.objects.get(chain=chain, sequence=sequence)


def _forged_hash(event: AuditEvent, **changes: Any) -> str:
    fields = {
        "chain": event.chain,
        "sequence": event.sequence,
        "occurred_at": event.occurred_at,
        "actor_id": event.actor_id,
        "actor_label": event.actor_label,
        "unit_id": event.unit_id,
        "object_type": event.object_type,
        "object_id": event.object_id,
        "code": event.code,
        "before": event.before,
        "after": event.after,
        "previous_hash": event.previous_hash,
    }
    return event_hash(**{**fields, **changes})


def _fix_head(chain: str) -> None:
    """What a careful attacker does after cutting a chain: point its head at the new last event."""
    last = AuditEvent.objects.filter(chain=chain).order_by("-sequence").first()
    _raw(
        "UPDATE {heads} SET last_sequence = %s, last_hash = %s WHERE key = %s",
        [last.sequence if last else 0, last.hash if last else GENESIS_HASH, chain],
    )


def _broken(chain: str, sequence: int, capsys: pytest.CaptureFixture[str]) -> str:
    """Assert verification and the command name ``chain`` at ``sequence``; return the problem."""
    report = audit_chain_verify()
    problem = report.problem_in(chain)
    assert not report.intact and problem is not None, report.problems
    assert problem.sequence == sequence, problem
    with pytest.raises(SystemExit) as exit_info:
        call_command("audit_verify")
    assert exit_info.value.code == 1
    assert f"chain {chain} at #{sequence}:" in capsys.readouterr().err
    return problem.problem


# --- The shape of the trail ---------------------------------------------------------------------------------


def test_each_commune_has_its_own_chain_and_head(trail: Trail) -> None:
    assert [(e.chain, e.sequence) for e in trail.a_events] == [(trail.a, 1), (trail.a, 2), (trail.a, 3)]
    assert [(e.chain, e.sequence) for e in trail.b_events] == [(trail.b, 1), (trail.b, 2)]
    assert [(e.chain, e.sequence) for e in trail.system_events] == [(SYSTEM_CHAIN, 1)]
    first, second, third = trail.a_events
    assert first.previous_hash == GENESIS_HASH and trail.b_events[0].previous_hash == GENESIS_HASH
    assert second.previous_hash == first.hash and third.previous_hash == second.hash
    assert third.after == {"when": "2026-02-16"}
    heads = {head.key: (head.last_sequence, head.last_hash) for head in AuditChain.objects.all()}
    assert heads == {
        trail.a: (3, third.hash),
        trail.b: (2, trail.b_events[1].hash),
        SYSTEM_CHAIN: (1, trail.system_events[0].hash),
    }
    report = audit_chain_verify()
    assert report.intact and (report.checked, report.chains, report.seals) == (6, 3, 0)


def test_chain_key_walks_up_from_a_community_and_keeps_provinces_apart(trail: Trail) -> None:
    province = trail.commune_a.parent
    assert province is not None
    assert audit_chain_for_unit(trail.community_a) == trail.a
    assert audit_chain_for_unit(trail.community_a.pk) == trail.a
    assert audit_chain_for_unit(province) == audit_chain_for_unit(province.pk) == f"province:{province.pk}"
    assert audit_chain_for_unit(None) == SYSTEM_CHAIN
    assert audit_chain_for_unit(987_654_321) == "unit:987654321"


def test_a_unit_instance_costs_no_query_and_an_id_one_query_once(trail: Trail, django_assert_num_queries: Any) -> None:
    fresh = CommunityFactory(parent=trail.commune_b)
    with django_assert_num_queries(0):
        assert audit_chain_for_unit(fresh) == trail.b
    with django_assert_num_queries(1):
        assert audit_chain_for_unit(fresh.pk) == trail.b
    with django_assert_num_queries(0):
        assert audit_chain_for_unit(fresh.pk) == trail.b


def test_histories_list_events_in_the_order_they_were_written(trail: Trail) -> None:
    unit = trail.commune_b
    later = audit_record(code="test.unit.later", unit=unit.parent, obj=unit, now=MOMENT)
    earlier = audit_record(code="test.unit.earlier", unit=unit, obj=unit, now=MOMENT)
    assert [event.pk for event in object_history(unit)] == [later.pk, earlier.pk]
    assert later.chain != earlier.chain


def test_orm_cannot_update_or_delete_events(trail: Trail) -> None:
    event = trail.a_events[0]
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


def test_verify_command_passes_on_intact_trail(trail: Trail, capsys: pytest.CaptureFixture[str]) -> None:
    audit_seal(now=MOMENT)
    call_command("audit_verify")
    assert capsys.readouterr().out.startswith("OK: 6 events in 3 chains, 1 seals")


def test_empty_trail_is_intact() -> None:
    report = audit_chain_verify()
    assert report.intact and (report.checked, report.chains, report.seals) == (0, 0, 0)
    assert audit_seal(now=MOMENT) is None


# --- Seals ---------------------------------------------------------------------------------------------------


def test_seal_records_moved_chains_and_is_idempotent(trail: Trail) -> None:
    first = audit_seal(now=MOMENT)
    assert first is not None and first.number == 1 and first.previous_hash == GENESIS_HASH
    assert set(first.changes) == {trail.a, trail.b, SYSTEM_CHAIN}
    assert audit_seal(now=MOMENT) is None
    added = audit_record(code="test.thing.reopened", unit=trail.commune_b, now=MOMENT + dt.timedelta(hours=1))
    second = audit_seal(now=MOMENT + dt.timedelta(hours=1))
    assert second is not None and second.number == 2 and second.previous_hash == first.hash
    assert second.changes == {trail.b: [3, added.hash]}
    heads = {head.key: (head.last_sequence, head.last_hash) for head in AuditChain.objects.all()}
    assert second.root == state_root(heads)
    assert AuditSealedHead.objects.get(key=trail.b).sequence == 3
    report = audit_chain_verify()
    assert report.intact and report.seals == 2


def test_seal_command_seals_then_has_nothing_to_do(trail: Trail, capsys: pytest.CaptureFixture[str]) -> None:
    call_command("audit_seal")
    printed = capsys.readouterr().out
    assert printed.startswith("Seal #1 ")
    assert f"--kept-seal 1:{AuditSeal.objects.get().hash}" in printed
    call_command("audit_seal")
    assert capsys.readouterr().out.startswith("Nothing to seal")


def test_seal_refuses_to_seal_over_a_cut_chain(trail: Trail) -> None:
    audit_seal(now=MOMENT)
    _raw("DELETE FROM {events} WHERE chain = %s AND sequence = 3", [trail.a])
    _fix_head(trail.a)
    with pytest.raises(AuditChainBehindSeal, match=trail.a):
        audit_seal(now=MOMENT + dt.timedelta(hours=1))
    assert AuditSeal.objects.count() == 1


# --- Tampering, one test per case ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "change",
    [
        "code = 'test.thing.deleted'",
        'after = \'{{"name": "Thôn Bắc"}}\'',
        "actor_label = 'someone-else'",
        "unit_id = 1",
        "occurred_at = '2026-01-01 00:00:00'",
    ],
)
def test_altered_field_is_caught(trail: Trail, change: str, capsys: pytest.CaptureFixture[str]) -> None:
    _raw(f"UPDATE {{events}} SET {change} WHERE chain = %s AND sequence = 2", [trail.a])  # noqa: S608 (fixed strings)
    assert _broken(trail.a, 2, capsys) == "content does not match its hash"


def test_altered_event_rehashed_breaks_the_next_link(trail: Trail, capsys: pytest.CaptureFixture[str]) -> None:
    target = _event(trail.a, 1)
    forged = _forged_hash(target, code="test.thing.forged")
    _raw("UPDATE {events} SET code = 'test.thing.forged', hash = %s WHERE id = %s", [forged, target.pk])
    assert _broken(trail.a, 2, capsys) == "link to the previous event is broken"


def test_deleted_event_in_the_middle_is_caught(trail: Trail, capsys: pytest.CaptureFixture[str]) -> None:
    _raw("DELETE FROM {events} WHERE chain = %s AND sequence = 2", [trail.a])
    assert _broken(trail.a, 2, capsys) == "event #2 is missing or out of order (found #3)"


def test_deleted_first_event_is_caught(trail: Trail, capsys: pytest.CaptureFixture[str]) -> None:
    _raw("DELETE FROM {events} WHERE chain = %s AND sequence = 1", [trail.b])
    assert _broken(trail.b, 1, capsys) == "event #1 is missing or out of order (found #2)"


def test_deleted_tail_is_caught_by_the_head(trail: Trail, capsys: pytest.CaptureFixture[str]) -> None:
    _raw("DELETE FROM {events} WHERE chain = %s AND sequence = 3", [trail.a])
    assert _broken(trail.a, 3, capsys) == "the chain head records event #3 but the chain ends at #2"


def test_deleted_tail_with_its_head_fixed_up_is_caught_by_the_seal(
    trail: Trail, capsys: pytest.CaptureFixture[str]
) -> None:
    audit_seal(now=MOMENT)
    _raw("DELETE FROM {events} WHERE chain = %s AND sequence = 3", [trail.a])
    _fix_head(trail.a)
    assert _broken(trail.a, 3, capsys) == "seal records event #3 but the chain ends at #2"


def test_deleted_whole_chain_with_its_head_is_caught_by_the_seal(
    trail: Trail, capsys: pytest.CaptureFixture[str]
) -> None:
    audit_seal(now=MOMENT)
    _raw("DELETE FROM {events} WHERE chain = %s", [trail.b])
    _raw("DELETE FROM {heads} WHERE key = %s", [trail.b])
    assert _broken(trail.b, 1, capsys) == "seal records event #2 but the chain ends at #0"


def test_reordered_events_are_caught(trail: Trail, capsys: pytest.CaptureFixture[str]) -> None:
    # Swap events 2 and 3 by renumbering them through a free number.
    _raw("UPDATE {events} SET sequence = 99 WHERE chain = %s AND sequence = 2", [trail.a])
    _raw("UPDATE {events} SET sequence = 2 WHERE chain = %s AND sequence = 3", [trail.a])
    _raw("UPDATE {events} SET sequence = 3 WHERE chain = %s AND sequence = 99", [trail.a])
    assert _broken(trail.a, 2, capsys) == "link to the previous event is broken"


def test_forged_event_inserted_in_the_middle_is_caught(trail: Trail, capsys: pytest.CaptureFixture[str]) -> None:
    """A forged event with a correct hash of its own, slipped in after event 1 and the rest renumbered."""
    first = _event(trail.a, 1)
    for sequence in (3, 2):
        _raw("UPDATE {events} SET sequence = %s WHERE chain = %s AND sequence = %s", [sequence + 1, trail.a, sequence])
    forged = {"code": "test.thing.forged", "sequence": 2, "previous_hash": first.hash, "before": None, "after": None}
    digest = _forged_hash(first, **forged)
    _raw(
        "INSERT INTO {events} (chain, sequence, occurred_at, actor_id, actor_label, unit_id, object_type, object_id,"
        " code, before, after, previous_hash, hash) VALUES (%s, 2, %s, NULL, %s, %s, '', '', %s, NULL, NULL, %s, %s)",
        [trail.a, first.occurred_at, first.actor_label, first.unit_id, "test.thing.forged", first.hash, digest],
    )
    _fix_head(trail.a)
    # Event 2 (now #3) still names event 1 as its previous: the forgery does not fit between them.
    assert _broken(trail.a, 3, capsys) == "link to the previous event is broken"


def test_forged_event_appended_without_its_head_is_caught(trail: Trail, capsys: pytest.CaptureFixture[str]) -> None:
    last = _event(trail.b, 2)
    digest = _forged_hash(last, sequence=3, code="test.thing.forged", previous_hash=last.hash)
    _raw(
        "INSERT INTO {events} (chain, sequence, occurred_at, actor_id, actor_label, unit_id, object_type, object_id,"
        " code, before, after, previous_hash, hash) VALUES (%s, 3, %s, NULL, %s, %s, '', '', %s, NULL, NULL, %s, %s)",
        [trail.b, last.occurred_at, last.actor_label, last.unit_id, "test.thing.forged", last.hash, digest],
    )
    assert _broken(trail.b, 3, capsys) == "the chain head records event #2 but the chain ends at #3"


def test_event_moved_to_another_chain_is_caught(trail: Trail, capsys: pytest.CaptureFixture[str]) -> None:
    """A's last event moved to the end of B's chain, both heads fixed up: the chain key is in its hash."""
    audit_seal(now=MOMENT)
    moved = _event(trail.a, 3)
    _raw(
        "UPDATE {events} SET chain = %s, sequence = 3, previous_hash = %s WHERE id = %s",
        [trail.b, _event(trail.b, 2).hash, moved.pk],
    )
    _fix_head(trail.a)
    _fix_head(trail.b)
    assert _broken(trail.b, 3, capsys) == "content does not match its hash"
    assert audit_chain_verify().problem_in(trail.a) is not None  # and A was cut short after its seal


def test_whole_chain_rewritten_consistently_after_a_seal_is_caught(
    trail: Trail, capsys: pytest.CaptureFixture[str]
) -> None:
    audit_seal(now=MOMENT)
    previous = GENESIS_HASH
    for event in AuditEvent.objects.filter(chain=trail.a).order_by("sequence"):
        code = event.code.replace("test.thing", "test.other")
        digest = _forged_hash(event, code=code, previous_hash=previous)
        _raw(
            "UPDATE {events} SET code = %s, previous_hash = %s, hash = %s WHERE id = %s",
            [code, previous, digest, event.pk],
        )
        previous = digest
    _fix_head(trail.a)
    assert _broken(trail.a, 3, capsys) == "event differs from the one sealed"
    report = audit_chain_verify()
    assert [problem.chain for problem in report.problems] == [trail.a]


def test_chain_rewritten_before_any_seal_is_not_caught(trail: Trail) -> None:
    """The limit, stated as a test: events newer than the last seal rest on their chain alone.

    Whoever can write to the database and rewrites a whole unsealed tail consistently (events and head) is
    not caught; the window is the time between two seals (docs/audit.md).
    """
    previous = GENESIS_HASH
    for event in AuditEvent.objects.filter(chain=trail.b).order_by("sequence"):
        digest = _forged_hash(event, code="test.other", previous_hash=previous)
        _raw(
            "UPDATE {events} SET code = 'test.other', previous_hash = %s, hash = %s WHERE id = %s",
            [previous, digest, event.pk],
        )
        previous = digest
    _fix_head(trail.b)
    assert audit_chain_verify().intact


def test_altered_seal_is_caught(trail: Trail, capsys: pytest.CaptureFixture[str]) -> None:
    seal = audit_seal(now=MOMENT)
    assert seal is not None
    _raw("UPDATE {seals} SET changes = %s WHERE number = 1", ['{"' + trail.a + '": [2, "' + "0" * 64 + '"]}'])
    assert _broken(SEAL_CHAIN, 1, capsys) == "seal content does not match its hash"


def test_seals_rewritten_whole_are_caught_against_a_kept_copy(trail: Trail, capsys: pytest.CaptureFixture[str]) -> None:
    """Rewrite a chain after its seal and recompute the seal itself: only a copy kept outside catches it."""
    kept = audit_seal(now=MOMENT)
    assert kept is not None
    previous = GENESIS_HASH
    for event in AuditEvent.objects.filter(chain=trail.b).order_by("sequence"):
        digest = _forged_hash(event, code="test.other", previous_hash=previous)
        _raw(
            "UPDATE {events} SET code = 'test.other', previous_hash = %s, hash = %s WHERE id = %s",
            [previous, digest, event.pk],
        )
        previous = digest
    _fix_head(trail.b)
    _raw("DELETE FROM {seals}", [])
    _raw("DELETE FROM {sealed_heads}", [])
    audit_seal(now=MOMENT)
    assert audit_chain_verify().intact  # the database alone agrees with itself
    report = audit_chain_verify(kept_seals={1: kept.hash})
    assert [(problem.chain, problem.sequence) for problem in report.problems] == [(SEAL_CHAIN, 1)]
    with pytest.raises(SystemExit):
        call_command("audit_verify", f"--kept-seal=1:{kept.hash}")
    assert "BROKEN: chain seals at #1: seal differs from the copy kept outside the database" in capsys.readouterr().err
    call_command("audit_verify", f"--kept-seal=1:{AuditSeal.objects.get().hash}")


def test_every_broken_chain_is_reported_and_the_others_verified(trail: Trail) -> None:
    _raw("UPDATE {events} SET code = 'x' WHERE chain = %s AND sequence = 1", [trail.a])
    _raw("DELETE FROM {events} WHERE chain = %s AND sequence = 1", [trail.b])
    report = audit_chain_verify()
    assert [(problem.chain, problem.sequence) for problem in report.problems] == [(trail.a, 1), (trail.b, 1)]
    assert report.checked == 1  # the system chain's one event


# --- The legacy chain ----------------------------------------------------------------------------------------


def _legacy_event(sequence: int, previous_hash: str, code: str) -> AuditEvent:
    """An event as the single global chain wrote it before core migration 0002 (no chain key in its hash)."""
    fields: dict[str, Any] = {
        "sequence": sequence,
        "occurred_at": MOMENT,
        "actor_id": None,
        "actor_label": "system",
        "unit_id": 7,
        "object_type": "",
        "object_id": "",
        "code": code,
        "before": None,
        "after": {"n": sequence},
        "previous_hash": previous_hash,
    }
    event = AuditEvent(chain=LEGACY_CHAIN, hash=event_hash(chain=LEGACY_CHAIN, **fields), **fields)
    event.save()
    return event


def test_legacy_events_keep_their_hashes_and_verify(capsys: pytest.CaptureFixture[str]) -> None:
    first = _legacy_event(1, GENESIS_HASH, "test.old.created")
    second = _legacy_event(2, first.hash, "test.old.closed")
    AuditChain.objects.create(key=LEGACY_CHAIN, last_sequence=2, last_hash=second.hash)
    new = audit_record(code="test.new.created", unit=7, now=MOMENT)
    assert new.chain == "unit:7" and new.sequence == 1
    assert audit_chain_verify().intact
    _raw("UPDATE {events} SET code = 'test.old.forged' WHERE chain = %s AND sequence = 2", [LEGACY_CHAIN])
    assert _broken(LEGACY_CHAIN, 2, capsys) == "content does not match its hash"
