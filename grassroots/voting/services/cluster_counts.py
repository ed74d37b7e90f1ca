"""A secret household-ballot campaign counted cluster by cluster ([ND59] art. 4(6); clusters as in [L] art. 18(3)).

The counting board enters each residential cluster's figures (ballots handed out, returned, and the count
per option) once collection is over, then records the village's count as their sum: the per-cluster
counts add up to the total by construction, and ``vote_count_ballots`` checks that total against the
households recorded as having returned a ballot. Once the total is recorded (and so after the result is
sent or recognised) nothing more is entered. A count is an aggregate: it names no household.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.db import transaction

from grassroots.core import clock
from grassroots.core.services import audit_record
from grassroots.voting import rules
from grassroots.voting.models import ClusterBallotCount, CommunityVote, VoteForm, VoteParticipation, VoteStatus
from grassroots.voting.services.casting import vote_count_ballots
from grassroots.voting.services.common import fail, local_date, locked, may_run, refuse


def _check_open_for_cluster_counts(current: CommunityVote, actor: Any, moment: dt.datetime) -> None:
    if not may_run(actor, current, local_date(moment)):
        raise fail("decisions.forms.not_authorised")
    if current.form != VoteForm.HOUSEHOLD_BALLOT or not current.is_secret:
        raise fail("decisions.cluster_count.not_secret_ballots")
    if current.counted_at is not None:
        raise fail("decisions.vote.count_recorded")
    if current.status != VoteStatus.OPEN:
        raise fail("decisions.vote.not_open")


def cluster_count_record(
    *,
    vote: CommunityVote,
    name: str,
    ballots_issued: int,
    ballots_returned: int,
    counts: Mapping[str, int],
    actor: Any,
    now: dt.datetime | None = None,
) -> ClusterBallotCount:
    """Record one cluster's count; entering the same cluster again (before the total) replaces its figures.

    Only for a secret household-ballot campaign that is open, not yet counted, and whose collection is
    over (``rules.cluster_counting_open``).
    """
    moment = now or clock.now()
    cluster = " ".join(name.split())
    with transaction.atomic():
        current = locked(vote)
        _check_open_for_cluster_counts(current, actor, moment)
        participated = VoteParticipation.objects.filter(vote=current).count()
        # A returned ballot is still taken at the deadline itself (``vote_cast`` refuses only after it).
        ended = current.ends_at is not None and moment > current.ends_at
        if not rules.cluster_counting_open(
            collection_ended=ended, participated=participated, eligible=current.eligible_count or 0
        ):
            raise fail("decisions.cluster_count.collection_running")
        if not cluster:
            raise fail("decisions.cluster_count.name_required")
        options = [option.key for option in current.options.all()]
        if any(key not in options for key in counts):
            raise fail("decisions.vote.bad_option")
        by_option = {key: int(counts.get(key, 0)) for key in options}
        refuse(
            rules.check_cluster_count(
                issued=ballots_issued,
                returned=ballots_returned,
                by_option=by_option,
                marks_per_ballot=current.marks_per_ballot,
            )
        )
        previous = ClusterBallotCount.objects.filter(vote=current, name=cluster).first()
        before = (
            {"issued": previous.ballots_issued, "returned": previous.ballots_returned, "by_option": previous.by_option}
            if previous is not None
            else None
        )
        record, _created = ClusterBallotCount.objects.update_or_create(
            vote=current,
            name=cluster,
            defaults={"ballots_issued": ballots_issued, "ballots_returned": ballots_returned, "by_option": by_option},
        )
        audit_record(
            code="decisions.vote.cluster_counted",
            actor=actor,
            unit=current.unit_id,
            obj=current,
            before={"cluster": cluster, **before} if before is not None else None,
            after={"cluster": cluster, "issued": ballots_issued, "returned": ballots_returned, "by_option": by_option},
            now=moment,
        )
    return record


def cluster_counts_total(*, vote: CommunityVote, actor: Any, now: dt.datetime | None = None) -> dict[str, int]:
    """Record the village's count as the sum of its clusters' counts, through ``vote_count_ballots``.

    Refused unless the clusters' returned ballots equal the households recorded as having returned one and
    their ballots handed out equal the ballots the campaign issued. Returns the village's count per option.
    """
    moment = now or clock.now()
    with transaction.atomic():
        current = locked(vote)
        _check_open_for_cluster_counts(current, actor, moment)
        clusters = list(ClusterBallotCount.objects.filter(vote=current))
        participated = VoteParticipation.objects.filter(vote=current).count()
        issued = current.ballots.count() or current.serials.count()
        refuse(
            rules.check_cluster_totals(
                clusters=len(clusters),
                returned=sum(cluster.ballots_returned for cluster in clusters),
                participated=participated,
                issued=sum(cluster.ballots_issued for cluster in clusters),
                ballots_issued=issued,
            )
        )
        total = rules.sum_cluster_counts([cluster.by_option for cluster in clusters])
        vote_count_ballots(vote=current, counts=total, actor=actor, now=moment)
        audit_record(
            code="decisions.vote.cluster_counts_totalled",
            actor=actor,
            unit=current.unit_id,
            obj=current,
            after={"clusters": [cluster.name for cluster in clusters], "by_option": total},
            now=moment,
        )
    return total
