"""On PostgreSQL, writers of different communes do not wait for each other; writers of one commune queue."""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import OperationalError, connection, transaction

from grassroots.core.models import AuditEvent, AuditSeal
from grassroots.core.selectors import audit_chain_verify
from grassroots.core.services import audit_record, audit_seal
from grassroots.units.models import AdministrativeUnit
from grassroots.units.tests.factories import CommuneFactory, CommunityFactory

LOCK_TIMEOUT_MS = 2000
"""How long the other commune's writer may wait for a lock: far more than a write takes when it does not wait."""

SAME_COMMUNE_WRITERS = 24


def _skip_unless_postgresql() -> None:
    if connection.vendor != "postgresql":
        # SQLite takes one database-wide write lock (IMMEDIATE transactions): no two writers ever overlap.
        pytest.skip("needs PostgreSQL row locking")


def _wait_until_a_session_waits_for_a_lock(limit_seconds: float = 30.0) -> None:
    """Block until PostgreSQL shows a backend of this test database waiting on a lock (not a fixed sleep)."""
    deadline = time.monotonic() + limit_seconds
    with connection.cursor() as cursor:
        while time.monotonic() < deadline:
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'"
            )
            if cursor.fetchone()[0]:
                return
    pytest.fail("no session started waiting for the lock")


def _write_with_lock_timeout(unit: AdministrativeUnit, code: str, timeout_ms: int) -> tuple[str, float]:
    """In its own connection: one event for ``unit``, giving up after ``timeout_ms`` of waiting for a lock."""
    started = time.monotonic()
    try:
        with transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute(f"SET LOCAL lock_timeout = '{int(timeout_ms)}ms'")
            event = audit_record(code=code, unit=unit)
        return f"{event.chain}#{event.sequence}", time.monotonic() - started
    except OperationalError as error:
        return f"refused: {error.__cause__.__class__.__name__}", time.monotonic() - started
    finally:
        connection.close()


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_a_commune_holding_its_lock_does_not_block_another_commune() -> None:
    _skip_unless_postgresql()
    commune_1, commune_2 = CommuneFactory(), CommuneFactory()
    village_1 = CommunityFactory(parent=commune_1)
    # Both chains exist already, so the test measures the head-row lock, not the first insert of a head.
    audit_record(code="test.chain.opened", unit=commune_1)
    audit_record(code="test.chain.opened", unit=commune_2)
    holding = threading.Event()
    release = threading.Event()

    def hold_commune_1() -> None:
        try:
            with transaction.atomic():
                audit_record(code="test.vote.cast", unit=village_1)
                holding.set()
                release.wait(timeout=30)
        finally:
            connection.close()

    holder = threading.Thread(target=hold_commune_1)
    holder.start()
    try:
        assert holding.wait(timeout=30)
        with ThreadPoolExecutor(max_workers=1) as pool:
            other, other_seconds = pool.submit(
                _write_with_lock_timeout, commune_2, "test.vote.cast", LOCK_TIMEOUT_MS
            ).result()
            same, _same_seconds = pool.submit(_write_with_lock_timeout, commune_1, "test.vote.cast", 300).result()
    finally:
        release.set()
        holder.join(timeout=30)
    assert other == f"commune:{commune_2.pk}#2"
    assert other_seconds < LOCK_TIMEOUT_MS / 1000
    # The same commune's writer waited for the holder's lock and gave up: its writes serialise.
    assert same == "refused: LockNotAvailable"
    assert list(AuditEvent.objects.filter(chain=f"commune:{commune_1.pk}").values_list("sequence", flat=True)) == [
        1,
        2,
    ]
    assert audit_chain_verify().intact


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_simultaneous_writers_of_one_commune_never_collide_on_a_sequence() -> None:
    _skip_unless_postgresql()
    commune = CommuneFactory()
    villages = [CommunityFactory(parent=commune) for _ in range(3)]
    other = CommuneFactory()
    barrier = threading.Barrier(SAME_COMMUNE_WRITERS)

    def write(index: int) -> str:
        try:
            barrier.wait(timeout=30)
            unit = other if index % 4 == 0 else villages[index % 3]
            event = audit_record(code="test.vote.cast", unit=unit, after={"index": index})
            return event.chain
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=SAME_COMMUNE_WRITERS) as pool:
        chains = list(pool.map(write, range(SAME_COMMUNE_WRITERS)))
    in_commune = chains.count(f"commune:{commune.pk}")
    assert in_commune == SAME_COMMUNE_WRITERS - SAME_COMMUNE_WRITERS // 4
    sequences = list(AuditEvent.objects.filter(chain=f"commune:{commune.pk}").values_list("sequence", flat=True))
    assert sorted(sequences) == list(range(1, in_commune + 1))
    report = audit_chain_verify()
    assert report.intact and report.checked == SAME_COMMUNE_WRITERS


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_verify_and_seal_while_communes_write_report_no_false_break() -> None:
    """Verification reads one snapshot: an event committed during its walk is not mistaken for a cut chain."""
    _skip_unless_postgresql()
    communes = [CommuneFactory() for _ in range(3)]
    stop = threading.Event()
    written = [0] * len(communes)

    def write(index: int) -> None:
        try:
            while not stop.is_set():
                audit_record(code="test.vote.cast", unit=communes[index], after={"n": written[index]})
                written[index] += 1
        finally:
            connection.close()

    writers = [threading.Thread(target=write, args=(index,)) for index in range(len(communes))]
    for writer in writers:
        writer.start()
    reports = []
    try:
        deadline = time.monotonic() + 3
        while time.monotonic() < deadline:
            audit_seal()
            reports.append(audit_chain_verify(batch_size=7))
    finally:
        stop.set()
        for writer in writers:
            writer.join(timeout=30)
    assert reports and all(report.intact for report in reports), [r.problems for r in reports if not r.intact]
    assert min(written) > 0
    assert audit_chain_verify().intact


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("earlier_seals", [0, 1])
def test_two_seals_at_once_never_fail_and_never_fork(earlier_seals: int) -> None:
    """A seal run while another holds its transaction open waits, then seals what moved since (or nothing)."""
    _skip_unless_postgresql()
    commune_1, commune_2 = CommuneFactory(), CommuneFactory()
    audit_record(code="test.chain.opened", unit=commune_1)
    for _ in range(earlier_seals):
        audit_seal()
        audit_record(code="test.chain.moved", unit=commune_1)
    sealed = threading.Event()
    release = threading.Event()
    outcomes: dict[str, object] = {}

    def seal_and_hold() -> None:
        try:
            with transaction.atomic():
                outcomes["first"] = audit_seal()
                sealed.set()
                release.wait(timeout=30)
        finally:
            connection.close()

    def seal() -> None:
        try:
            outcomes["second"] = audit_seal()
        except Exception as error:  # the outcome under test
            outcomes["second"] = error
        finally:
            connection.close()

    holder = threading.Thread(target=seal_and_hold)
    holder.start()
    assert sealed.wait(timeout=30)
    audit_record(code="test.chain.opened", unit=commune_2)  # moves after the first seal read the heads
    second = threading.Thread(target=seal)
    second.start()
    _wait_until_a_session_waits_for_a_lock()  # the second seal is now waiting for the first
    release.set()
    holder.join(timeout=30)
    second.join(timeout=30)
    assert not isinstance(outcomes["second"], Exception), outcomes["second"]
    numbers = list(AuditSeal.objects.values_list("number", flat=True))
    if earlier_seals:
        # It waited on the last seal's row, then sealed commune 2 as seal #3.
        assert numbers == [1, 2, 3]
        assert set(AuditSeal.objects.get(number=3).changes) == {f"commune:{commune_2.pk}"}
    else:
        # No row to wait on: it stopped on seal number 1 and left commune 2 to the next run.
        assert outcomes["second"] is None and numbers == [1]
        assert audit_seal() is not None
    assert audit_chain_verify().intact
