"""Periodic jobs for the apps built before the job runner (voting, disclosures), registered by ``JobsConfig``.

Each is an idempotent loop over the owning app's own service, so the rule, the lock and the audit event
are the same as when a person does it by hand (``actor=None``: the system).
"""

from __future__ import annotations

import datetime as dt
import logging

from django.db.models import Case, IntegerField, Value, When

from grassroots.core import clock
from grassroots.core.errors import DomainError
from grassroots.jobs.registry import DAILY, HOURLY, register_job

logger = logging.getLogger(__name__)


def close_ended_online_votes(now: dt.datetime) -> int:
    """Close and count online votes whose voting window has ended ([ND59] art. 5; outcome [L] art. 21(1)).

    Only online votes: every choice is already in the database when the window ends. A household-ballot
    vote waits for its paper ballots to be counted, and a meeting is closed by its chair at the meeting;
    closing those by the clock would count nothing. Community votes close before the commune-wide vote
    that counts them. A vote ``vote_close`` refuses (counts that do not add up) stays open, is logged and
    is left for a person: the next run tries it again and changes nothing.
    """
    from grassroots.voting.models import CommunityVote, Scope, VoteForm, VoteStatus
    from grassroots.voting.services.counting import vote_close

    due = (
        CommunityVote.objects.filter(status=VoteStatus.OPEN, form=VoteForm.ONLINE, ends_at__lte=now)
        .annotate(
            scope_order=Case(When(scope=Scope.COMMUNITY, then=Value(0)), default=Value(1), output_field=IntegerField())
        )
        .order_by("scope_order", "ends_at", "pk")
    )
    changed = 0
    for vote in due:
        try:
            vote_close(vote=vote, actor=None, now=now)
        except DomainError as error:
            logger.warning("vote %s not closed by the clock: %s", vote.pk, error.code)
            continue
        changed += 1
    return changed


def end_posting_periods(now: dt.datetime) -> int:
    """Record the end of postings whose minimum period has run (Law 10/2022 arts 13(2), 48, 66).

    Permanent items (K4, K13) have no period and are never ended; the rule that says when a posting may
    come down is ``disclosures.rules.posting_may_end_on``, and ``disclosure_end`` checks it again under the
    row lock, so a disclosure republished in between is left alone.
    """
    from grassroots.disclosures.models import Disclosure, Status
    from grassroots.disclosures.rules.law import posting_may_end_on
    from grassroots.disclosures.services.publication import disclosure_end

    today = clock.localdate(now)
    candidates = (
        Disclosure.objects.filter(
            status__in=(Status.PUBLISHED, Status.REPUBLISHED),
            category__is_permanent=False,
            category__min_posting_days__isnull=False,
            published_on__isnull=False,
            published_on__lt=today,
        )
        .select_related("category")
        .order_by("published_on", "pk")
    )
    changed = 0
    for disclosure in candidates.iterator(chunk_size=500):
        assert disclosure.published_on is not None
        may_end_on = posting_may_end_on(disclosure.published_on, disclosure.category.as_rule())
        if may_end_on is None or today < may_end_on:
            continue
        try:
            disclosure_end(disclosure=disclosure, actor=None, now=now)
        except DomainError as error:
            logger.warning("disclosure %s not ended by the clock: %s", disclosure.pk, error.code)
            continue
        changed += 1
    return changed


def register() -> None:
    register_job(
        "voting.close_ended_online_votes",
        close_ended_online_votes,
        every=HOURLY,
        description="Đóng và kiểm phiếu biểu quyết trực tuyến đã hết thời gian",
    )
    register_job(
        "disclosures.end_posting_periods",
        end_posting_periods,
        every=DAILY,
        hour=1,
        description="Kết thúc niêm yết khi đã đủ thời gian tối thiểu",
    )
