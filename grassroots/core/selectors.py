"""Reads of the core app: the audit trail as history and its verification."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field

from django.db import connection, models, transaction
from django.db.models import Q

from grassroots.core.models import AuditChain, AuditEvent, AuditSeal
from grassroots.core.rules import GENESIS_HASH, SYSTEM_CHAIN, event_hash, seal_hash, state_root

SEAL_CHAIN = "seals"
"""How a problem of the seals themselves is reported (no event chain has this key)."""


def object_history(obj: models.Model) -> models.QuerySet[AuditEvent]:
    """Every event about ``obj``, oldest first: the public history of a record (``id`` is the order of writing)."""
    return AuditEvent.objects.filter(object_type=obj._meta.label_lower, object_id=str(obj.pk)).order_by("id")


def unit_history(unit_id: int) -> models.QuerySet[AuditEvent]:
    return AuditEvent.objects.filter(unit_id=unit_id).order_by("-id")


def content_version(*chains: str) -> str:
    """A token that changes in the same transaction as any recorded write to one of ``chains`` (or ``system``).

    Every write appends its audit event inside its own transaction and raises its chain head's
    ``last_sequence`` under that head's lock (``core.services.audit_record``): a committed change is seen
    together with its new token, never behind an old one. The ``system`` chain (calendar, accounts, the
    gazetteer) is always included: its changes show on every page. Used as the content version of cached
    public pages (``core.pagecache``).
    """
    wanted = sorted({SYSTEM_CHAIN, *chains})
    placeholders = ", ".join(["%s"] * len(wanted))
    # One plain statement: this runs on every anonymous public request, where building an ORM query costs
    # more than the cached page it unlocks (bench/http_bench.py).
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT key, last_sequence FROM {AuditChain._meta.db_table} WHERE key IN ({placeholders})",  # noqa: S608
            wanted,
        )
        found = {str(key): int(sequence) for key, sequence in cursor.fetchall()}
    return ";".join(f"{key}={found.get(key, 0)}" for key in wanted)


def content_version_everywhere() -> str:
    """A token that changes with any recorded write anywhere: the number of chains and the sum of their heads.

    Exact for the same reason as ``content_version``: each commit raises exactly one head, inside its own
    transaction, and the sum is read in one statement.
    """
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*), COALESCE(SUM(last_sequence), 0) FROM {AuditChain._meta.db_table}")  # noqa: S608
        count, total = cursor.fetchone()
    return f"all={int(count)}:{int(total)}"


@dataclass(frozen=True)
class ChainProblem:
    """One failure: which chain (or ``SEAL_CHAIN``), at which event (or seal) number, and what."""

    chain: str
    sequence: int
    problem: str

    def __str__(self) -> str:
        return f"{self.chain} #{self.sequence}: {self.problem}"


@dataclass(frozen=True)
class ChainReport:
    checked: int
    chains: int = 0
    seals: int = 0
    problems: list[ChainProblem] = field(default_factory=list)

    @property
    def intact(self) -> bool:
        return not self.problems

    def problem_in(self, chain: str) -> ChainProblem | None:
        return next((problem for problem in self.problems if problem.chain == chain), None)


def _events_in_chain_order(batch_size: int) -> Iterator[AuditEvent]:
    """Every event by (chain, sequence), in batches along the unique (chain, sequence) index."""
    after: tuple[str, int] | None = None
    while True:
        events = AuditEvent.objects.order_by("chain", "sequence")
        if after is not None:
            events = events.filter(Q(chain__gt=after[0]) | Q(chain=after[0], sequence__gt=after[1]))
        batch = list(events[:batch_size])
        if not batch:
            return
        yield from batch
        after = (batch[-1].chain, batch[-1].sequence)


def _replay_seals(problems: list[ChainProblem]) -> tuple[dict[str, tuple[int, str]], int]:
    """Check the seal chain and return what it says about each chain's head, with the number of seals."""
    state: dict[str, tuple[int, str]] = {}
    previous = GENESIS_HASH
    count = 0
    for seal in AuditSeal.objects.order_by("number").iterator():
        count += 1
        if seal.number != count:
            problems.append(ChainProblem(SEAL_CHAIN, count, f"seal #{count} is missing (found #{seal.number})"))
            return state, count
        if seal.previous_hash != previous:
            problems.append(ChainProblem(SEAL_CHAIN, seal.number, "link to the previous seal is broken"))
            return state, count
        changes = {str(key): (int(value[0]), str(value[1])) for key, value in dict(seal.changes).items()}
        recomputed = seal_hash(
            number=seal.number,
            sealed_at=seal.sealed_at,
            changes=changes,
            root=seal.root,
            previous_hash=seal.previous_hash,
        )
        if recomputed != seal.hash:
            problems.append(ChainProblem(SEAL_CHAIN, seal.number, "seal content does not match its hash"))
            return state, count
        for key, (sequence, _digest) in changes.items():
            if key in state and state[key][0] > sequence:
                problems.append(ChainProblem(SEAL_CHAIN, seal.number, f"seal moves chain {key} back to #{sequence}"))
        state.update(changes)
        if state_root(state) != seal.root:
            problems.append(ChainProblem(SEAL_CHAIN, seal.number, "root does not match the chains sealed so far"))
            return state, count
        previous = seal.hash
    return state, count


def _check_event(event: AuditEvent, expected_sequence: int, previous: str) -> ChainProblem | None:
    """The event's place (sequence, link) and its content (hash) in its chain."""
    if event.sequence != expected_sequence:
        return ChainProblem(
            event.chain,
            expected_sequence,
            f"event #{expected_sequence} is missing or out of order (found #{event.sequence})",
        )
    if event.previous_hash != previous:
        return ChainProblem(event.chain, event.sequence, "link to the previous event is broken")
    recomputed = event_hash(
        chain=event.chain,
        sequence=event.sequence,
        occurred_at=event.occurred_at,
        actor_id=event.actor_id,
        actor_label=event.actor_label,
        unit_id=event.unit_id,
        object_type=event.object_type,
        object_id=event.object_id,
        code=event.code,
        before=event.before,
        after=event.after,
        previous_hash=event.previous_hash,
    )
    if recomputed != event.hash:
        return ChainProblem(event.chain, event.sequence, "content does not match its hash")
    return None


def audit_chain_verify(batch_size: int = 2000, *, kept_seals: Mapping[int, str] | None = None) -> ChainReport:
    """Verify the whole trail in one consistent snapshot, while writers go on (see ``_verify``).

    ``kept_seals`` maps seal numbers to hashes kept outside the database (the line ``audit_seal`` prints):
    a seal missing or different from its kept hash means the seals themselves were rewritten.
    """
    if connection.in_atomic_block:
        return _verify(batch_size, kept_seals or {})
    with transaction.atomic():
        if connection.vendor == "postgresql":
            # Heads, events and seals read at one instant: a write committed mid-walk is not a false "cut chain".
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
        return _verify(batch_size, kept_seals or {})


def _verify(batch_size: int, kept_seals: Mapping[int, str]) -> ChainReport:
    """Walk every chain in order, recompute every hash, and hold each chain to its head row and to the seals.

    Per chain it detects an altered field or a moved event (hash mismatch: the chain key is hashed), a
    deleted or inserted event (gap in the sequence or broken link), a reordering (the sequence is hashed),
    a deleted tail (head mismatch) and, against the seals, a tail deleted with its head fixed up or a chain
    rewritten consistently after a seal (the sealed event is missing or has another hash). The seals are
    checked as their own chain. It reports the first failure of each chain and goes on with the others.
    """
    problems: list[ChainProblem] = []
    sealed, seal_count = _replay_seals(problems)
    stored_seals = dict(AuditSeal.objects.filter(number__in=list(kept_seals)).values_list("number", "hash"))
    for number, kept_hash in sorted(kept_seals.items()):
        if stored_seals.get(number) != kept_hash:
            problems.append(ChainProblem(SEAL_CHAIN, number, "seal differs from the copy kept outside the database"))
    heads = {head.key: (head.last_sequence, head.last_hash) for head in AuditChain.objects.all()}
    ends: dict[str, tuple[int, str]] = {}
    broken: set[str] = set()
    checked = 0
    for event in _events_in_chain_order(batch_size):
        chain = event.chain
        if chain in broken:
            continue
        last_sequence, last_hash = ends.get(chain, (0, GENESIS_HASH))
        problem = _check_event(event, last_sequence + 1, last_hash)
        if problem is not None:
            problems.append(problem)
            broken.add(chain)
            continue
        seal_point = sealed.get(chain)
        if seal_point is not None and seal_point[0] == event.sequence and seal_point[1] != event.hash:
            problems.append(ChainProblem(chain, event.sequence, "event differs from the one sealed"))
            broken.add(chain)
            continue
        ends[chain] = (event.sequence, event.hash)
        checked += 1
    for chain in sorted((set(heads) | set(sealed) | set(ends)) - broken):
        end_sequence, end_hash = ends.get(chain, (0, GENESIS_HASH))
        head_sequence, head_hash = heads.get(chain, (0, GENESIS_HASH))
        if head_sequence == 0:
            head_hash = GENESIS_HASH
        if (head_sequence, head_hash) != (end_sequence, end_hash):
            problems.append(
                ChainProblem(
                    chain,
                    end_sequence + 1 if head_sequence > end_sequence else end_sequence,
                    f"the chain head records event #{head_sequence} but the chain ends at #{end_sequence}",
                )
            )
            continue
        seal_point = sealed.get(chain)
        if seal_point is not None and seal_point[0] > end_sequence:
            problems.append(
                ChainProblem(
                    chain,
                    end_sequence + 1,
                    f"seal records event #{seal_point[0]} but the chain ends at #{end_sequence}",
                )
            )
    return ChainReport(checked, len(set(ends) | set(heads)), seal_count, problems)
