"""Reads of a ballot campaign's per-cluster counts (``ClusterBallotCount``): the table the vote page and
Mẫu 04 print, and whether the clusters still add up to the village's recorded count.

A module of the ``selectors`` package (STYLE.md: a module past ~600 lines becomes a package); every name
is re-exported by ``grassroots.voting.selectors``.
"""

from __future__ import annotations

from dataclasses import dataclass

from grassroots.voting.models import ClusterBallotCount, CommunityVote, VoteOption


@dataclass(frozen=True)
class ClusterRow:
    name: str
    issued: int
    returned: int
    counts: tuple[int, ...]


@dataclass(frozen=True)
class ClusterTable:
    """Each cluster's figures in option order, and the village total (their sum)."""

    options: tuple[VoteOption, ...]
    rows: tuple[ClusterRow, ...]
    total: ClusterRow

    def by_option(self) -> dict[str, int]:
        return {option.key: count for option, count in zip(self.options, self.total.counts, strict=True)}


def has_cluster_counts(vote: CommunityVote) -> bool:
    return ClusterBallotCount.objects.filter(vote=vote).exists()


def cluster_table(vote: CommunityVote) -> ClusterTable | None:
    """The per-cluster counts of ``vote`` with their total, or ``None`` when it was not counted by cluster."""
    clusters = list(ClusterBallotCount.objects.filter(vote=vote).order_by("pk"))
    if not clusters:
        return None
    options = tuple(vote.options.order_by("position"))
    rows = tuple(
        ClusterRow(
            name=cluster.name,
            issued=cluster.ballots_issued,
            returned=cluster.ballots_returned,
            counts=tuple(int(cluster.by_option.get(option.key, 0)) for option in options),
        )
        for cluster in clusters
    )
    total = ClusterRow(
        name="",
        issued=sum(row.issued for row in rows),
        returned=sum(row.returned for row in rows),
        counts=tuple(sum(row.counts[index] for row in rows) for index in range(len(options))),
    )
    return ClusterTable(options=options, rows=rows, total=total)


def clusters_match(table: ClusterTable, *, by_option: dict[str, int], participated: int) -> bool:
    """Whether the clusters still add up to the village's count as recorded (nobody edited one since)."""
    recorded = {option.key: int(by_option.get(option.key, 0)) for option in table.options}
    return table.by_option() == recorded and table.total.returned == participated
