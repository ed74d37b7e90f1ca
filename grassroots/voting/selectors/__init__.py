"""Reads of the voting app: votes a user may see, the roll and register of a meeting, outcomes, deadlines."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Subquery

from grassroots.accounts import selectors as account_selectors
from grassroots.accounts.models import RoleMembership
from grassroots.accounts.rules import PERMISSION_MATRIX, Action
from grassroots.calendar import selectors as calendar_selectors
from grassroots.core import clock
from grassroots.core.models import AuditEvent
from grassroots.documents.selectors import issuing_body_for
from grassroots.units.models import AdministrativeUnit, Household
from grassroots.voting import history, rules
from grassroots.voting.models import (
    CommunityVote,
    DocumentDelivery,
    MeetingAttendance,
    OfficerRole,
    RollAmendment,
    SecretChoice,
    SecretOpinion,
    VoteOption,
    VoteParticipation,
    VotePurpose,
    VoteRollEntry,
    VoteStatus,
)

# The per-cluster counts of a ballot campaign are a module of this package (STYLE.md: split a module past
# ~600 lines); re-exported, so ``selectors.cluster_table`` and the rest read as every other selector.
from grassroots.voting.selectors.clusters import ClusterRow as ClusterRow
from grassroots.voting.selectors.clusters import ClusterTable as ClusterTable
from grassroots.voting.selectors.clusters import cluster_table as cluster_table
from grassroots.voting.selectors.clusters import clusters_match as clusters_match
from grassroots.voting.selectors.clusters import has_cluster_counts as has_cluster_counts


def commune_child_threshold() -> str:
    """The UNCERTAIN threshold of a community inside a commune-wide D1/D2 vote (a setting)."""
    return str(
        getattr(
            settings, "DECISIONS_COMMUNE_MATTER_COMMUNITY_THRESHOLD", rules.COMMUNE_MATTER_COMMUNITY_THRESHOLD_DEFAULT
        )
    )


def vote_threshold(vote: CommunityVote) -> rules.Threshold:
    """The threshold this vote is judged by (reads the UNCERTAIN commune-child setting)."""
    return rules.threshold_for_vote(
        matter=vote.matter,
        scope=vote.scope,
        purpose=vote.purpose,
        in_commune_vote=vote.parent_id is not None,
        commune_child_threshold=commune_child_threshold(),
    )


def tally_counts(vote: CommunityVote) -> tuple[int, dict[int, int], dict[str, int]]:
    """(households that took part, {option_id: count}, {channel: count}), all counted by the database."""
    participations = VoteParticipation.objects.filter(vote=vote)
    by_channel = {str(channel): int(n) for channel, n in participations.values_list("channel").annotate(n=Count("id"))}
    grouped = (
        SecretChoice.objects.filter(vote=vote).values_list("option_id").annotate(n=Count("id"))
        if vote.is_secret
        else participations.filter(option__isnull=False).values_list("option_id").annotate(n=Count("id"))
    )
    by_option = {int(option_id): int(n) for option_id, n in grouped}
    return sum(by_channel.values()), by_option, by_channel


PUBLIC_RESULTS_LIMIT = 50
"""How many decided votes the public result page shows, newest first."""
PUBLIC_STATUSES = (VoteStatus.CLOSED, VoteStatus.SUBMITTED, VoteStatus.RECOGNISED, VoteStatus.REFUSED)


def votes_visible_to(user: Any, on: dt.date | None = None) -> QuerySet[CommunityVote]:
    """Votes in the units a staff user can see (their memberships and everything below)."""
    return (
        CommunityVote.objects.filter(unit_id__in=account_selectors.user_unit_ids(user, on))
        .select_related("unit")
        .order_by("-starts_at", "-pk")
    )


def votes_awaiting_recognition(user: Any, on: dt.date) -> list[CommunityVote]:
    """Submitted, passed results the user's body must recognise (People's Committee or Front), by the matrix."""
    found: list[CommunityVote] = []
    queryset = votes_visible_to(user, on).filter(status=VoteStatus.SUBMITTED, passed=True)
    for vote in queryset:
        if not rules.needs_recognition(vote.matter, vote.scope):
            continue
        action = rules.RECOGNISER_ACTIONS[rules.recogniser_for(vote.matter, vote.scope)]
        commune_id = vote.unit_id if vote.scope == "commune" else vote.unit.parent_id
        if commune_id is not None and account_selectors.user_can(user, action, commune_id, on):
            found.append(vote)
    return found


def communities_convened_by(user: Any, on: dt.date) -> QuerySet[AdministrativeUnit]:
    """Communities where the user may convene a meeting (``Action.RUN_COMMUNITY_VOTES`` held there)."""
    roles = account_selectors.roles_by_unit(user, on)
    ids = [
        unit_id
        for unit_id, held in roles.items()
        if any(Action.RUN_COMMUNITY_VOTES in PERMISSION_MATRIX.get(role, ()) for role in held)
    ]
    return AdministrativeUnit.objects.filter(pk__in=ids, level="community").order_by("name")


def meeting_rows(vote: CommunityVote, search: str = "") -> QuerySet[Household]:
    """The households on the vote's roll with ``is_present`` and ``option_key`` (open votes) for the dense list."""
    on_roll = VoteRollEntry.objects.filter(vote=vote, is_active=True).values("household_id")
    queryset = Household.objects.filter(pk__in=on_roll) if vote.eligible_on else Household.objects.none()
    if search:
        queryset = queryset.filter(Q(code__icontains=search) | Q(representative__full_name__icontains=search))
    participation = VoteParticipation.objects.filter(vote=vote, household=OuterRef("pk"))
    return (
        queryset.select_related("representative")
        .annotate(
            is_present=Exists(MeetingAttendance.objects.filter(vote=vote, household=OuterRef("pk"))),
            session_name=Subquery(
                MeetingAttendance.objects.filter(vote=vote, household=OuterRef("pk")).values("session__name")[:1]
            ),
            has_voted=Exists(participation),
            roll_representative=Subquery(
                VoteRollEntry.objects.filter(vote=vote, household=OuterRef("pk")).values("representative_name")[:1]
            ),
            option_key=Subquery(participation.values("option__key")[:1]),
        )
        .order_by("code")
    )


@dataclass(frozen=True)
class Tally:
    """What a vote page shows: the frozen roll, those present and taking part, and the outcome so far.

    ``options`` is empty while a secret vote is open: per-option counts that change after each cast,
    seen beside the list of who took part, would tell each household's choice.
    """

    eligible: int
    present: int
    participated: int
    yes: int
    required: int
    passed: bool
    reachable: bool
    options: list[tuple[str, str, int]]
    is_sealed: bool = False
    by_channel: dict[str, int] = field(default_factory=dict)

    @property
    def yes_percent(self) -> float:
        return 100.0 * self.yes / self.eligible if self.eligible else 0.0

    @property
    def required_percent(self) -> float:
        return 100.0 * self.required / self.eligible if self.eligible else 100.0

    @property
    def absent(self) -> int:
        return self.eligible - self.participated


def outcome_of(vote: CommunityVote, *, channels: dict[str, int] | None = None) -> rules.Outcome:
    """The outcome of a vote by the one rule (``rules.vote_outcome``): stored counts once counted, live ones before.

    A secret vote that is still open has no per-option counts to read (they are sealed or not yet counted),
    so its outcome so far counts no yes at all. ``channels`` (participations per channel) may be passed by a
    page that read them for many votes at once (``public_results_page``).
    """
    eligible = vote.eligible_count or 0
    threshold = vote_threshold(vote)
    options = list(vote.options.all())
    if vote.closed_at is not None:
        participated = vote.participation_count or 0
        if vote.purpose == VotePurpose.ELECTION:
            # Elections are decided per candidate (``elections.rules.election_winners``): keep what the count said.
            return rules.Outcome(
                passed=bool(vote.passed),
                required_yes=rules.required_yes(threshold, eligible),
                yes=vote.yes_count or 0,
                eligible=eligible,
                threshold=threshold.value,
                participated=participated,
                by_option={option.key: option.count or 0 for option in options},
                by_channel=_channels(vote) if channels is None else channels,
            )
        if vote.scope == "commune":
            return rules.vote_outcome(
                threshold=threshold, eligible=eligible, yes=vote.yes_count or 0, participated=participated
            )
        by_option = {option.key: option.count or 0 for option in options}
        return rules.vote_outcome(
            threshold=threshold,
            eligible=eligible,
            yes=sum(by_option[o.key] for o in options if o.counts_as_yes),
            participated=participated,
            by_option=by_option,
            by_channel=_channels(vote) if channels is None else channels,
        )
    participated, counts, by_channel = tally_counts(vote)
    if vote.is_secret:
        return rules.vote_outcome(threshold=threshold, eligible=eligible, yes=0, participated=participated)
    by_option = {option.key: counts.get(option.pk, 0) for option in options}
    yes = sum(by_option[o.key] for o in options if o.counts_as_yes)
    return rules.vote_outcome(
        threshold=threshold,
        eligible=eligible,
        yes=yes,
        participated=participated,
        by_option=by_option,
        by_channel=by_channel,
    )


def _channels(vote: CommunityVote) -> dict[str, int]:
    rows = VoteParticipation.objects.filter(vote=vote).values_list("channel").annotate(n=Count("id"))
    return {str(channel): int(n) for channel, n in rows}


def tally(vote: CommunityVote, *, present: int | None = None, channels: dict[str, int] | None = None) -> Tally:
    """Live counts while open (from the records; none per option for a secret vote), the stored result after close.

    ``present`` and ``channels`` may be passed by a page that counted them for many votes at once.
    """
    outcome = outcome_of(vote, channels=channels)
    if present is None:
        present = vote.attendances.count()
    sealed = vote.is_secret and vote.closed_at is None
    labels = [(o.key, o.label) for o in vote.options.all()]
    return Tally(
        eligible=outcome.eligible,
        present=present,
        participated=outcome.participated,
        yes=outcome.yes,
        required=outcome.required_yes,
        passed=outcome.passed,
        reachable=rules.threshold_reachable(
            matter=vote.matter, scope=vote.scope, eligible=outcome.eligible, present=present
        ),
        options=[] if sealed else [(key, label, outcome.by_option.get(key, 0)) for key, label in labels],
        is_sealed=sealed,
        by_channel=dict(outcome.by_channel),
    )


def public_results_page(
    community: AdministrativeUnit,
    limit: int = PUBLIC_RESULTS_LIMIT,
    *,
    closed_from: dt.date | None = None,
    closed_to: dt.date | None = None,
) -> list[tuple[CommunityVote, Tally, list[str]]]:
    """The public result page's votes with their tallies and released opinions, in a fixed number of queries.

    Attendance, channels and secret opinions are each read for all shown votes at once (no query per vote).
    ``closed_from``/``closed_to`` (both included) keep the votes that closed on those days in Vietnam, counted
    by the database; a vote without a closing time is then left out.
    """
    results = public_results(community)
    if closed_from is not None:
        results = results.filter(closed_at__gte=clock.start_of_day(closed_from))
    if closed_to is not None:
        results = results.filter(closed_at__lt=clock.start_of_day(closed_to + dt.timedelta(days=1)))
    votes = list(results.prefetch_related("options")[:limit])
    ids = [vote.pk for vote in votes]
    present = dict(
        MeetingAttendance.objects.filter(vote_id__in=ids).values_list("vote_id").annotate(n=Count("id")).order_by()
    )
    channels: dict[int, dict[str, int]] = {vote_id: {} for vote_id in ids}
    rows = VoteParticipation.objects.filter(vote_id__in=ids).values_list("vote_id", "channel").annotate(n=Count("id"))
    for vote_id, channel, count in rows.order_by():
        channels[vote_id][str(channel)] = int(count)
    released = [vote.pk for vote in votes if vote.is_secret and vote.closed_at is not None]
    opinions: dict[int, list[str]] = {vote_id: [] for vote_id in released}
    for vote_id, text in SecretOpinion.objects.filter(vote_id__in=released).values_list("vote_id", "text"):
        opinions[vote_id].append(text)
    return [
        (
            vote,
            tally(vote, present=int(present.get(vote.pk, 0)), channels=channels[vote.pk]),
            sorted(opinions.get(vote.pk, [])),
        )
        for vote in votes
    ]


def secret_opinions(vote: CommunityVote) -> list[str]:
    """A secret vote's free-text opinions, released with the result (never while it runs), in a stable order."""
    if not vote.is_secret or vote.closed_at is None:
        return []
    return sorted(SecretOpinion.objects.filter(vote=vote).values_list("text", flat=True))


# --- Deadlines: counted on the working calendar when shown, never stored -----------------------------


def period_end(vote: CommunityVote) -> dt.date:
    """The day the vote's voting period ended (meeting day, or the last day of ballots / online voting)."""
    return rules.voting_period_end(
        form=vote.form,
        starts_on=clock.localdate(vote.starts_at),
        ends_on=clock.localdate(vote.ends_at) if vote.ends_at else None,
        closed_on=clock.localdate(vote.closed_at) if vote.closed_at else None,
    )


def submission_due(vote: CommunityVote) -> dt.date | None:
    """The last day to send the decision to the People's Committee and the Front ([L] art. 20(3))."""
    if vote.closed_at is None:
        return None
    return rules.submission_due(period_end(vote), calendar_selectors.working_calendar())


def recognition_due(vote: CommunityVote) -> dt.date | None:
    """The last day to recognise or refuse a submitted, passed result that needs it ([L] art. 21(2))."""
    if vote.submitted_at is None or not vote.passed or not rules.needs_recognition(vote.matter, vote.scope):
        return None
    return rules.recognition_due(clock.localdate(vote.submitted_at), calendar_selectors.working_calendar())


def roll_rows(vote: CommunityVote) -> QuerySet[VoteRollEntry]:
    """The vote's roll, households taken off included (``is_active``), in household-code order."""
    return VoteRollEntry.objects.filter(vote=vote).order_by("household_code")


def roll_amendments(vote: CommunityVote) -> QuerySet[RollAmendment]:
    return RollAmendment.objects.filter(vote=vote).select_related("entry", "amended_by").order_by("amended_at", "pk")


def vote_history(vote: CommunityVote) -> QuerySet[AuditEvent]:
    """The public history of a vote (its own audit events; participations are counted, not listed)."""
    # Events written before the split of ``decisions`` (its migration 0004) name the model by its old app.
    return AuditEvent.objects.filter(
        object_type__in=[CommunityVote._meta.label_lower, "decisions.communityvote"], object_id=str(vote.pk)
    ).order_by("id")


def vote_history_lines(vote: CommunityVote) -> list[history.HistoryLine]:
    """The vote's public history grouped into lines (``history.group_history``), households named by code."""
    events = list(vote_history(vote))
    household_ids = {
        int(event.after["household"])
        for event in events
        if isinstance(event.after, dict) and isinstance(event.after.get("household"), int)
    }
    codes = dict(Household.objects.filter(pk__in=household_ids).values_list("pk", "code")) if household_ids else {}

    def subject(after: object) -> str:
        household = after.get("household") if isinstance(after, dict) else None
        return codes.get(household, "") if isinstance(household, int) else ""

    return history.group_history(
        history.HistoryEvent(
            code=event.code,
            actor_label=event.actor_label,
            occurred_at=event.occurred_at,
            subject=subject(event.after),
        )
        for event in events
    )


def online_participants(vote: CommunityVote) -> list[tuple[str, str]]:
    """Who took part in an online vote: representative's full name and the household's address only ([ND59] art. 5)."""
    rows = (
        VoteParticipation.objects.filter(vote=vote)
        .select_related("roll_entry", "household")
        .order_by("roll_entry__household_code")
    )
    return [(participation.roll_entry.representative_name, participation.household.address) for participation in rows]


def public_results(community: AdministrativeUnit) -> QuerySet[CommunityVote]:
    """A community's decided votes for the public result page.

    Each carries, in the same query, the decision that replaced it and the one it replaced ([L] art. 22:
    the original stays, linked to what replaced it), so that the page links the two both ways.
    """
    return (
        CommunityVote.objects.filter(unit=community, status__in=PUBLIC_STATUSES)
        .select_related("revocation__replacement", "replaces__original")
        .order_by("-closed_at")
    )


def open_online_votes_for(user: Any) -> QuerySet[CommunityVote]:
    """Online votes open now in which the user represents a household on the roll.

    Open now: its status is open and its period has not ended (the village head may close it days later;
    meanwhile the household can no longer vote and must not be invited to).
    """
    entries = VoteRollEntry.objects.filter(is_active=True, representative_user_id=int(getattr(user, "pk", 0) or 0))
    return (
        CommunityVote.objects.filter(form="online", status=VoteStatus.OPEN, pk__in=entries.values("vote_id"))
        .filter(Q(ends_at__isnull=True) | Q(ends_at__gt=clock.now()))
        .order_by("ends_at")
    )


def represented_on_roll(user: Any, vote: CommunityVote) -> Household | None:
    """The household ``user`` represents on the vote's frozen roll (not in today's register), if any."""
    entry = (
        VoteRollEntry.objects.filter(vote=vote, is_active=True, representative_user_id=int(getattr(user, "pk", 0) or 0))
        .select_related("household")
        .first()
    )
    return entry.household if entry is not None else None


def online_roll_entry(user: Any, vote_id: int) -> VoteRollEntry | None:
    """The user's active entry on an online vote's frozen roll, with its vote and household, in one query.

    ``None`` when the vote does not exist, is not online, or the user represents no household on its roll.
    One query because it runs on every request of a household's vote (choose, check, cast), on vote day.
    """
    return (
        VoteRollEntry.objects.filter(
            vote_id=vote_id,
            vote__form="online",
            is_active=True,
            representative_user_id=int(getattr(user, "pk", 0) or 0),
        )
        .select_related("vote", "household")
        .first()
    )


def option_choices(vote: CommunityVote) -> list[tuple[str, str]]:
    """The vote's options as ``(key, label)`` in ballot order (only the two columns a choice form needs)."""
    return list(VoteOption.objects.filter(vote_id=vote.pk).order_by("position", "pk").values_list("key", "label"))


def represented_household(user: Any, community_id: int) -> Household | None:
    return Household.objects.filter(
        community_id=community_id, representative__user_id=int(getattr(user, "pk", 0) or 0)
    ).first()


def village_head_tasks(user: Any, today: dt.date) -> list[tuple[CommunityVote, dt.date | None]]:
    """Closed votes the user convened that still have to be sent to the commune (5 working days)."""
    return [
        (vote, submission_due(vote))
        for vote in votes_visible_to(user, today).filter(status=VoteStatus.CLOSED, convened_by_id=user.pk)
    ]


def session_rows(vote: CommunityVote) -> list[dict[str, Any]]:
    """Each cluster session of a meeting with the households present and voting in it (two GROUP BYs).

    The register records the session of each attendance and participation, so these counts are real;
    the tally of the vote stays one, summed over every session ([L] art. 18(3)).
    """
    voted = (
        VoteParticipation.objects.filter(vote=vote, session__isnull=False).values("session_id").annotate(n=Count("pk"))
    )
    present = (
        MeetingAttendance.objects.filter(vote=vote, session__isnull=False).values("session_id").annotate(n=Count("pk"))
    )
    voted_by = {row["session_id"]: row["n"] for row in voted}
    present_by = {row["session_id"]: row["n"] for row in present}
    return [
        {"session": session, "present": present_by.get(session.pk, 0), "participated": voted_by.get(session.pk, 0)}
        for session in vote.sessions.all()
    ]


def commune_result(vote: CommunityVote) -> dict[str, Any]:
    """A commune-wide D1/D2 vote: communities that passed against ≥ 2/3 of all communities ([L] art. 21(1)(a))."""
    children = list(
        vote.children.exclude(status__in=[VoteStatus.MOVED_TO_BALLOTS, VoteStatus.CANCELLED])
        .select_related("unit")
        .order_by("unit__name")
    )
    total = vote.eligible_count if vote.eligible_count is not None else len(children)
    passed = sum(1 for child in children if child.passed)
    outcome = rules.vote_outcome(
        threshold=rules.threshold_for(vote.matter, vote.scope),
        eligible=max(total, len(children)),
        yes=passed,
        participated=len(children),
    )
    return {
        "children": children,
        "total": total,
        "passed": passed,
        "required": outcome.required_yes,
        "is_passed": outcome.passed,
    }


def deliveries_in_time(vote: CommunityVote, on: dt.date) -> int:
    """Households active on ``on`` whose D1–D3 documents came ≥ 2 days before the meeting (before the roll exists)."""
    latest = rules.documents_latest_day(clock.localdate(vote.starts_at))
    households = Household.objects.of_unit_on(vote.unit_id, on)
    return DocumentDelivery.objects.filter(
        vote=vote, delivered_on__lte=latest, household_id__in=households.values("pk")
    ).count()


def cluster_allowed(vote: CommunityVote) -> bool:
    """Whether the meeting may be held by cluster sessions: ≥ 200 households (its roll, or today's register before
    opening) or a scattered settlement ([L] art. 18(3))."""
    households = vote.eligible_count
    if households is None:
        households = Household.objects.of_unit_on(vote.unit_id, clock.today()).count()
    return rules.may_cluster(households=households, is_scattered=vote.is_scattered_settlement)


# --- The task page: votes a runner follows, votes a household may take part in ----------------------

RUNNING_STATUSES = (VoteStatus.DRAFT, VoteStatus.SCHEDULED, VoteStatus.OPEN)
RECENT_RESULT_DAYS = 30
"""How long after its end a household's vote stays on the representative's task page with its result."""


def runnable_unit_ids(user: Any, on: dt.date) -> set[int]:
    """Units where the user runs votes: communities (``RUN_COMMUNITY_VOTES``) and communes (``RUN_COMMUNE_VOTES``)."""
    runs = (Action.RUN_COMMUNITY_VOTES, Action.RUN_COMMUNE_VOTES)
    return {
        unit_id
        for unit_id, held in account_selectors.roles_by_unit(user, on).items()
        if any(action in PERMISSION_MATRIX.get(role, ()) for role in held for action in runs)
    }


def running_votes_for(user: Any, on: dt.date) -> list[CommunityVote]:
    """Votes being prepared or running in the units the user runs votes in, soonest first."""
    ids = runnable_unit_ids(user, on)
    if not ids:
        return []
    votes = CommunityVote.objects.filter(unit_id__in=ids, status__in=RUNNING_STATUSES).select_related("unit")
    return sorted(votes, key=lambda vote: (vote.ends_at or vote.starts_at, vote.pk))


def running_vote_due(vote: CommunityVote) -> dt.date:
    """The date a runner works towards: the end of an open vote's period, else the day voting starts."""
    if vote.is_open and vote.ends_at is not None:
        return clock.localdate(vote.ends_at)
    return clock.localdate(vote.starts_at)


@dataclass(frozen=True)
class HouseholdVote:
    """An online vote on whose roll the user represents a household, as the task page tells it."""

    vote: CommunityVote
    is_running: bool
    ended_on: dt.date | None
    participated_at: dt.datetime | None
    outcome: rules.Outcome | None
    """Only once the count is recorded (the vote closed): before that there is no result to tell."""


def household_votes_for(user: Any, now: dt.datetime | None = None) -> list[HouseholdVote]:
    """Online votes open to the user's household now, and those that ended in the last ``RECENT_RESULT_DAYS``.

    A vote whose period is over is "ended" for the household even before the village head closes it:
    the household can no longer take part, and is never told it is late.
    """
    moment = now or clock.now()
    user_id = int(getattr(user, "pk", 0) or 0)
    if not user_id:
        return []
    entries = VoteRollEntry.objects.filter(is_active=True, representative_user_id=user_id, vote__form="online")
    entries = entries.select_related("vote", "vote__unit", "participation").order_by("vote__ends_at", "vote_id")
    since = moment - dt.timedelta(days=RECENT_RESULT_DAYS)
    found: list[HouseholdVote] = []
    for entry in entries:
        vote = entry.vote
        if vote.status not in (VoteStatus.OPEN, *PUBLIC_STATUSES):
            continue
        ended_at = vote.closed_at or vote.ends_at
        is_running = vote.is_open and (vote.ends_at is None or moment < vote.ends_at)
        if not is_running and (ended_at is None or ended_at < since):
            continue
        participation = getattr(entry, "participation", None)
        found.append(
            HouseholdVote(
                vote=vote,
                is_running=is_running,
                ended_on=None if is_running or ended_at is None else clock.localdate(min(ended_at, moment)),
                participated_at=participation.recorded_at if participation is not None else None,
                outcome=outcome_of(vote) if vote.closed_at is not None else None,
            )
        )
    return found


# --- Decree 59 forms, the ballot plan, Law art. 22 ----------------------------------------------------


def form_documents(vote: CommunityVote) -> dict[str, Any]:
    """The Decree 59 forms issued for ``vote``, by form code (``rules.Decree59Form``)."""
    from grassroots.voting.models import VoteFormDocument

    return {row.form: row for row in VoteFormDocument.objects.filter(vote=vote).select_related("document")}


def minutes_mismatch(vote: CommunityVote) -> list[str]:
    """The forms whose printed counts no longer match the vote's counts: a count changed after the minutes.

    Every page that shows a result asks this; the minutes (signed on paper) are what the community saw.
    """
    from grassroots.voting.models import VoteFormDocument

    rows = list(VoteFormDocument.objects.filter(vote=vote).exclude(form=rules.Decree59Form.MEETING_NOTICE.value))
    if not rows:
        return []
    outcome = outcome_of(vote)
    now_figures = {"yes": outcome.yes, "eligible": outcome.eligible, "participated": outcome.participated}
    now_figures["by_option"] = dict(outcome.by_option)  # type: ignore[assignment]
    return [row.form for row in rows if any(row.figures.get(key) != value for key, value in now_figures.items())]


def revocation_of(vote: CommunityVote) -> Any:
    """The art. 22 revocation, amendment or replacement of ``vote``, or ``None``."""
    from grassroots.voting.models import DecisionRevocation

    return DecisionRevocation.objects.filter(original=vote).select_related("replacement").first()


def is_in_force(vote: CommunityVote) -> bool:
    """A decision is in force when it passed, is past counting, and was not revoked or replaced ([L] arts 21–22)."""
    from grassroots.voting.models import DecisionRevocation

    if not vote.passed or vote.status not in (VoteStatus.CLOSED, VoteStatus.SUBMITTED, VoteStatus.RECOGNISED):
        return False
    return not DecisionRevocation.objects.filter(original=vote).exists()


def decisions_in_force(unit: AdministrativeUnit | int) -> QuerySet[CommunityVote]:
    """The community's decisions in force: passed, not revoked, not replaced ([L] art. 22)."""
    return CommunityVote.objects.filter(
        unit=unit,
        passed=True,
        status__in=[VoteStatus.CLOSED, VoteStatus.SUBMITTED, VoteStatus.RECOGNISED],
        revocation__isnull=True,
    )


def replacement_candidates(vote: CommunityVote) -> QuerySet[CommunityVote]:
    """The decisions in force that may replace ``vote`` ([L] art. 22(3)): same community and matter, voted
    on a later day than ``vote`` (``rules.replacement_is_later``: the service refuses the others)."""
    original_on = clock.localdate(vote.starts_at)
    next_day = dt.datetime.combine(original_on + dt.timedelta(days=1), dt.time.min, tzinfo=clock.local_zone())
    return (
        decisions_in_force(vote.unit_id)
        .filter(matter=vote.matter, starts_at__gte=next_day)
        .exclude(pk=vote.pk)
        .order_by("-starts_at", "-pk")
    )


def ballot_plans_due(user: Any, today: dt.date) -> list[tuple[CommunityVote, dt.date]]:
    """Ballot campaigns the user runs whose plan is issued but not yet sent to the commune Chair and Front
    ([ND59] art. 4(2)), with the day it is due."""
    votes = [
        vote
        for vote in running_votes_for(user, today)
        if vote.is_ballot_campaign and vote.plan_issued_on is not None and vote.plan_sent_on is None
    ]
    if not votes:
        return []
    calendar = calendar_selectors.working_calendar()
    return [(vote, rules.ballot_plan_due(vote.plan_issued_on, calendar)) for vote in votes if vote.plan_issued_on]


def communes_run_by(user: Any, on: dt.date) -> QuerySet[AdministrativeUnit]:
    """Communes where the user may start a commune-wide D1/D2 vote (the commune Chair, [L] art. 16(1))."""
    roles = account_selectors.roles_by_unit(user, on)
    ids = [
        unit_id
        for unit_id, held in roles.items()
        if any(Action.RUN_COMMUNE_VOTES in PERMISSION_MATRIX.get(role, ()) for role in held)
    ]
    return AdministrativeUnit.objects.filter(pk__in=ids, level="commune").order_by("name")


def meeting_officials(vote: CommunityVote) -> dict[str, Any]:
    """Who ran the meeting, as recorded: chair(s), secretary, counting board and witnesses ([ND59] art. 3(1), 3(5)).

    The chair is the election team for an election meeting (its leader first, [ND59] arts 3(1), 7), the
    cluster chairs for a meeting held by clusters ([L] art. 18(3)), otherwise whoever convened it.
    """
    officers = list(vote.officers.order_by("-is_leader", "pk"))
    election = getattr(vote, "election", None) if vote.purpose == VotePurpose.ELECTION else None
    if election is not None:
        chairs = [member.full_name for member in election.team.order_by("-is_leader", "pk")]
    else:
        chairs = [getattr(vote.convened_by, "full_name", "") or str(vote.convened_by)]
    return {
        "chairs": [name for name in chairs if name],
        "is_election_team": election is not None,
        "cluster_chairs": [(session.name, session.chair_name) for session in vote.sessions.all()],
        "secretary": next((o.full_name for o in officers if o.role == OfficerRole.SECRETARY), ""),
        "counting_board": [o.full_name for o in officers if o.role == OfficerRole.COUNTING_BOARD],
        "witnesses": [o.full_name for o in officers if o.role == OfficerRole.WITNESS],
    }


@dataclass(frozen=True)
class DecisionSigner:
    """One of the two officials who sign Mẫu 03 ([L] art. 20(2)(g)): the printed title and the name.

    ``from_register``: the name is the office holder's on the decision's day (the role register), so the form
    prints it and nobody may type another; otherwise (the office is vacant or not on the platform, or the
    setting names the meeting's chair and secretary) ``name`` is a suggestion from the meeting's record."""

    key: str
    title: str
    name: str
    from_register: bool


def _office_holder(unit_id: int, roles: tuple[str, ...], day: dt.date) -> tuple[str, str] | None:
    """(role, name) of whoever holds the first of ``roles`` in the unit on ``day``, or ``None``."""
    memberships = (
        RoleMembership.objects.active_on(day)
        .filter(unit_id=unit_id, role__in=roles, organisation__isnull=True)
        .select_related("user")
        .order_by("valid_from", "pk")
    )
    for role in roles:
        for membership in memberships:
            name = (membership.user.full_name or "").strip()
            if membership.role == role and name:
                return role, name
    return None


def decision_signers(vote: CommunityVote) -> list[DecisionSigner]:
    """The two officials of Mẫu 03 as ``settings.VOTING_DECISION_OFFICIAL_SIGNERS`` names them (default the law's:
    the village head and the Front work-committee head, [L] art. 20(2)(g)), with the holders' names on the day
    the vote closed. A community's paper prints its own head title (TRƯỞNG THÔN…, LÂM THỜI for an interim)."""
    keys = tuple(getattr(settings, "VOTING_DECISION_OFFICIAL_SIGNERS", rules.DECISION_OFFICIAL_SIGNERS_DEFAULT))
    titles = rules.decision_official_titles(keys)
    day = clock.localdate(vote.closed_at or vote.starts_at)
    officials = meeting_officials(vote)
    signers: list[DecisionSigner] = []
    for key, title in zip(keys, titles, strict=True):
        roles = rules.DECISION_OFFICE_HOLDER_ROLES.get(key)
        if roles is None:
            recorded = (officials["chairs"] or [""])[0] if key == "chair" else officials["secretary"]
            signers.append(DecisionSigner(key=key, title=title, name=recorded, from_register=False))
            continue
        holder = _office_holder(vote.unit_id, roles, day)
        if key == "village_head" and vote.scope == "community":
            head_title = issuing_body_for(vote.unit).head_title or title
            title = rules.notice_signer_title(holder[0] if holder else key, community_head_title=head_title)
        signers.append(
            DecisionSigner(key=key, title=title, name=holder[1] if holder else "", from_register=holder is not None)
        )
    return signers


def session_tallies(vote: CommunityVote) -> list[dict[str, Any]]:
    """Each cluster session with its households present and taking part and, for an open vote, its count per
    option (from the register); a secret vote's ballots are counted together, so it has no count per cluster.
    The threshold is applied to the community's total, never to a cluster ([L] art. 18(3)).
    """
    rows = session_rows(vote)
    if vote.is_secret:
        return [{**row, "by_option": None} for row in rows]
    counted = (
        VoteParticipation.objects.filter(vote=vote, session__isnull=False, option__isnull=False)
        .values("session_id", "option__key")
        .annotate(n=Count("pk"))
    )
    by_session: dict[int, dict[str, int]] = {}
    for item in counted:
        by_session.setdefault(item["session_id"], {})[item["option__key"]] = item["n"]
    keys = list(vote.options.order_by("position").values_list("key", flat=True))
    return [
        {**row, "by_option": {key: by_session.get(row["session"].pk, {}).get(key, 0) for key in keys}} for row in rows
    ]
