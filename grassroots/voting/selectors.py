"""Reads of the decisions app: votes a user may see, the household list of a meeting, tallies, results."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Subquery

from grassroots.accounts import selectors as account_selectors
from grassroots.core.models import AuditEvent
from grassroots.units import selectors as unit_selectors
from grassroots.units.models import AdministrativeUnit, Household
from grassroots.voting import rules
from grassroots.voting.models import (
    CommunityVote,
    MeetingAttendance,
    SecretChoice,
    VoteOption,
    VoteParticipation,
    VotePurpose,
    VoteStatus,
)

PUBLIC_STATUSES = (VoteStatus.CLOSED, VoteStatus.SUBMITTED, VoteStatus.RECOGNISED, VoteStatus.REFUSED)


def votes_visible_to(user: Any, on: dt.date | None = None) -> QuerySet[CommunityVote]:
    """Votes in the units a staff user can see (their memberships and everything below)."""
    return (
        CommunityVote.objects.filter(unit_id__in=account_selectors.user_unit_ids(user, on))
        .select_related("unit")
        .order_by("-starts_at", "-pk")
    )


def votes_awaiting_recognition(user: Any, on: dt.date) -> list[CommunityVote]:
    """Submitted, passed results the user's body must recognise (People's Committee or Front)."""
    found: list[CommunityVote] = []
    roles = account_selectors.roles_by_unit(user, on)
    queryset = votes_visible_to(user, on).filter(status=VoteStatus.SUBMITTED, passed=True)
    for vote in queryset:
        if not rules.needs_recognition(vote.matter, vote.scope):
            continue
        recogniser = rules.recogniser_for(vote.matter, vote.scope)
        wanted = (
            {"commune_chair", "commune_vice_chair"}
            if recogniser is rules.Recogniser.PEOPLES_COMMITTEE
            else {"front_chair"}
        )
        commune_id = vote.unit_id if vote.scope == "commune" else vote.unit.parent_id
        if getattr(user, "is_superuser", False) or wanted & set(roles.get(commune_id or 0, ())):
            found.append(vote)
    return found


def communities_convened_by(user: Any, on: dt.date) -> QuerySet[AdministrativeUnit]:
    """Communities where the user may convene a meeting (village head, interim head)."""
    ids = (
        account_selectors.active_memberships(user, on)
        .filter(role__in=["village_head", "interim_village_head"])
        .values_list("unit_id", flat=True)
    )
    return AdministrativeUnit.objects.filter(pk__in=list(ids)).order_by("name")


def meeting_rows(vote: CommunityVote, search: str = "") -> QuerySet[Household]:
    """The vote's eligible households with ``is_present`` and ``option_key`` (open votes) for the dense list."""
    day = vote.eligible_on or dt.date.min
    queryset = unit_selectors.households_active_on(vote.unit_id, day) if vote.eligible_on else Household.objects.none()
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
            option_key=Subquery(participation.values("option__key")[:1]),
        )
        .order_by("code")
    )


@dataclass(frozen=True)
class Tally:
    eligible: int
    present: int
    participated: int
    yes: int
    required: int
    passed: bool
    reachable: bool
    options: list[tuple[str, str, int]]

    @property
    def yes_percent(self) -> float:
        return 100.0 * self.yes / self.eligible if self.eligible else 0.0

    @property
    def required_percent(self) -> float:
        return 100.0 * self.required / self.eligible if self.eligible else 100.0


def tally(vote: CommunityVote) -> Tally:
    """Live counts while open (from the records), or the frozen result after close."""
    eligible = vote.eligible_count or 0
    threshold = rules.threshold_for_vote(
        matter=vote.matter,
        scope=vote.scope,
        purpose=vote.purpose,
        in_commune_vote=vote.parent_id is not None,
        commune_child_threshold=str(
            getattr(
                settings,
                "DECISIONS_COMMUNE_MATTER_COMMUNITY_THRESHOLD",
                rules.COMMUNE_MATTER_COMMUNITY_THRESHOLD_DEFAULT,
            )
        ),
    )
    required = rules.required_yes(threshold, eligible)
    present = vote.attendances.count()
    if vote.closed_at is not None:
        options = [(o.key, o.label, o.count or 0) for o in vote.options.all()]
        participated = vote.participation_count or 0
    else:
        counts: dict[int, int]
        if vote.is_secret:
            counts = dict(SecretChoice.objects.filter(vote=vote).values_list("option_id").annotate(n=Count("id")))
        else:
            counts = dict(
                VoteParticipation.objects.filter(vote=vote, option__isnull=False)
                .values_list("option_id")
                .annotate(n=Count("id"))
            )
        options = [(o.key, o.label, counts.get(o.pk, 0)) for o in VoteOption.objects.filter(vote=vote)]
        participated = vote.participations.count()
    yes_keys = set(vote.options.filter(counts_as_yes=True).values_list("key", flat=True))
    yes = sum(count for key, _label, count in options if key in yes_keys)
    if vote.purpose == VotePurpose.ELECTION:
        yes = vote.yes_count or 0
    return Tally(
        eligible=eligible,
        present=present,
        participated=participated,
        yes=yes,
        required=required,
        passed=bool(vote.passed) if vote.closed_at else rules.meets(threshold, min(yes, eligible), eligible),
        reachable=rules.threshold_reachable(matter=vote.matter, scope=vote.scope, eligible=eligible, present=present),
        options=options,
    )


def vote_history(vote: CommunityVote) -> QuerySet[AuditEvent]:
    """The public history of a vote (its own audit events; participations are counted, not listed)."""
    # Events written before the split of ``decisions`` (its migration 0004) name the model by its old app.
    return AuditEvent.objects.filter(
        object_type__in=[CommunityVote._meta.label_lower, "decisions.communityvote"], object_id=str(vote.pk)
    ).order_by("sequence")


def online_participants(vote: CommunityVote) -> list[tuple[str, str]]:
    """Who took part in an online vote: representative's full name and the household's address only ([ND59] art. 5)."""
    rows = (
        VoteParticipation.objects.filter(vote=vote)
        .select_related("household__representative")
        .order_by("household__code")
    )
    return [
        (
            participation.household.representative.full_name if participation.household.representative else "",
            participation.household.address,
        )
        for participation in rows
    ]


def public_results(community: AdministrativeUnit) -> QuerySet[CommunityVote]:
    """A community's decided votes for the public result page."""
    return CommunityVote.objects.filter(unit=community, status__in=PUBLIC_STATUSES).order_by("-closed_at")


def open_online_votes_for(user: Any) -> QuerySet[CommunityVote]:
    """Online votes open now for the households this user represents."""
    households = Household.objects.filter(representative__user_id=int(getattr(user, "pk", 0) or 0))
    return CommunityVote.objects.filter(
        form="online", status=VoteStatus.OPEN, unit_id__in=households.values("community_id")
    ).order_by("ends_at")


def represented_household(user: Any, community_id: int) -> Household | None:
    return Household.objects.filter(
        community_id=community_id, representative__user_id=int(getattr(user, "pk", 0) or 0)
    ).first()


def village_head_tasks(user: Any, today: dt.date) -> list[tuple[CommunityVote, dt.date | None]]:
    """Closed votes the user convened that still have to be sent to the commune (5 working days)."""
    return [
        (vote, vote.submission_due)
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
    children = list(vote.children.select_related("unit").order_by("unit__name"))
    total = vote.eligible_count if vote.eligible_count is not None else len(children)
    threshold = rules.threshold_for(vote.matter, vote.scope)
    passed = sum(1 for child in children if child.passed)
    return {
        "children": children,
        "total": total,
        "passed": passed,
        "required": rules.required_yes(threshold, total),
        "is_passed": rules.meets(threshold, passed, total),
    }
