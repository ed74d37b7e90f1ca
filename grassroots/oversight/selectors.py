"""Reads of the oversight boards: who may do what on a board, deadlines computed when shown, lists per unit.

Two hooks let the staff-registry capability (``workplaces``) supply facts this app does not keep:
``HEADCOUNT_SOURCES`` (an organisation's staff count on a day) and ``POST_SOURCES`` (the posts a person holds,
for the eligibility rules). Until one is registered the defaults read ``units.StaffHeadcount`` and the roles.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from typing import Any

from django.db.models import Q, QuerySet

from grassroots.accounts import rules as account_rules
from grassroots.accounts import selectors as account_selectors
from grassroots.accounts.models import Role
from grassroots.accounts.rules import Action
from grassroots.calendar import rules as calendar_rules
from grassroots.calendar import selectors as calendar_selectors
from grassroots.core import clock
from grassroots.core.models import AuditEvent
from grassroots.disclosures.models import Disclosure
from grassroots.documents.models import Document
from grassroots.oversight import rules
from grassroots.oversight.models import (
    Board,
    BoardMember,
    BoardStatus,
    BoardVote,
    ConferenceReport,
    Escalation,
    InformationRequest,
    InformationRequestStatus,
    Inspection,
    Programme,
    ProgrammeItem,
    Recommendation,
    RecommendationStatus,
    ReportPeriod,
    Vacancy,
)
from grassroots.units.models import AdministrativeUnit, Organisation, StaffHeadcount, UnitLevel

# ---------------------------------------------------------------------------------------------
# Hooks for the staff registry (filled by the ``workplaces`` app when it exists)
# ---------------------------------------------------------------------------------------------

HeadcountSource = Callable[[Organisation, dt.date], int | None]
PostSource = Callable[..., Iterable[str]]

HEADCOUNT_SOURCES: list[HeadcountSource] = []
"""Callables ``(organisation, on) -> headcount or None``; the first that answers wins, before the default."""
POST_SOURCES: list[PostSource] = []
"""Callables ``(*, user, organisation, unit, on) -> posts (``models.Post`` values)``; all are added up."""


def register_headcount_source(source: HeadcountSource) -> HeadcountSource:
    HEADCOUNT_SOURCES.append(source)
    return source


def register_post_source(source: PostSource) -> PostSource:
    POST_SOURCES.append(source)
    return source


def organisation_headcount(organisation: Organisation, on: dt.date) -> int | None:
    """Staff of ``organisation`` on ``on``: a registered source, else the latest ``StaffHeadcount`` in force."""
    for source in HEADCOUNT_SOURCES:
        answer = source(organisation, on)
        if answer is not None:
            return answer
    row = StaffHeadcount.objects.filter(organisation=organisation, effective_from__lte=on).order_by("-effective_from")
    found = row.first()
    return found.headcount if found is not None else None


_ROLE_POSTS: dict[str, str] = {
    Role.COMMUNE_CHAIR: "commune_official",
    Role.COMMUNE_VICE_CHAIR: "commune_official",
    Role.COMMUNE_OFFICER: "commune_official",
    Role.VILLAGE_HEAD: "non_specialised_staff",
    Role.INTERIM_VILLAGE_HEAD: "non_specialised_staff",
}


def posts_of(*, user: Any, organisation: Organisation | None, unit: AdministrativeUnit, on: dt.date) -> set[str]:
    """Posts a person holds that the eligibility rules ask about: from their roles, plus registered sources.

    A commune official's or village head's role in the board's commune (or its communities) counts as that post;
    the head of the board's own organisation (``AGENCY_HEAD`` there) counts as its head.
    """
    posts: set[str] = set()
    if user is None:
        return posts
    commune_ids = {unit.pk} | set(AdministrativeUnit.objects.filter(parent=unit).values_list("pk", flat=True))
    for membership in account_selectors.active_memberships(user, on):
        if membership.unit_id in commune_ids and membership.role in _ROLE_POSTS and not membership.organisation_id:
            posts.add(_ROLE_POSTS[membership.role])
        if (
            organisation is not None
            and membership.organisation_id == organisation.pk
            and membership.role == Role.AGENCY_HEAD
        ):
            posts.add("head")
    for source in POST_SOURCES:
        posts.update(source(user=user, organisation=organisation, unit=unit, on=on))
    return posts


# ---------------------------------------------------------------------------------------------
# Who may do what on a board
# ---------------------------------------------------------------------------------------------


def _answers_within(user: Any, *, top_id: int, unit_id: int, on: dt.date | None) -> bool:
    """ANSWER_RECOMMENDATIONS held on the path from ``top_id`` down to ``unit_id``, roles above ``top_id`` not
    counted: the province's officer holds the action for what was sent on to the province, not over the communes."""
    if not account_selectors.is_authenticated(user):
        return False
    path = account_selectors.unit_path(unit_id)
    within = path[path.index(top_id) :] if top_id in path else [top_id]
    return account_rules.allows(
        Action.ANSWER_RECOMMENDATIONS,
        roles_by_unit=account_selectors.roles_by_unit(user, on),
        target_path=within,
        is_superuser=bool(getattr(user, "is_superuser", False)),
    )


def may_over_unit(user: Any, action: Action | str, unit_id: int, on: dt.date | None = None) -> bool:
    """``user_can`` over a commune, except that answering recommendations belongs to the commune's own level."""
    if action == Action.ANSWER_RECOMMENDATIONS:
        return _answers_within(user, top_id=unit_id, unit_id=unit_id, on=on)
    return account_selectors.user_can(user, action, unit_id, on)


def may(user: Any, action: Action | str, board: Board, on: dt.date | None = None) -> bool:
    """The matrix decides: inside the organisation for an agency or SOE board, over the unit otherwise."""
    if board.organisation_id is not None:
        return account_selectors.user_can_in_organisation(user, action, board.organisation_id, on)
    return may_over_unit(user, action, board.unit_id, on)


def is_member_user(user: Any, board: Board, on: dt.date) -> bool:
    if not getattr(user, "pk", None):
        return False
    return any(member.is_active_on(on) for member in board.members.filter(user_id=user.pk))


def may_work(user: Any, board: Board, on: dt.date | None = None) -> bool:
    """Board work (plans, findings, recommendations): a member of this board holding the action, or the body
    that directs it (the Front, the union) recording on its behalf. Superusers pass through the matrix."""
    day = on or clock.today()
    if may(user, Action.MANAGE_BOARDS, board, day):
        return True
    return may(user, Action.DO_BOARD_WORK, board, day) and (
        getattr(user, "is_superuser", False) or is_member_user(user, board, day)
    )


def answering_level(recommendation: Recommendation) -> int:
    """The unit whose body must answer now: the level it was last sent on to, else the commune (or the
    organisation's unit) it was addressed in — a village head's recommendation is the commune chair's to answer."""
    last = latest_escalation(recommendation)
    if last is not None:
        return last.addressee_unit_id
    unit = recommendation.addressee_unit
    if unit.level == UnitLevel.COMMUNITY and unit.parent_id is not None:
        return unit.parent_id
    return unit.pk


def may_answer(user: Any, recommendation: Recommendation, on: dt.date | None = None) -> bool:
    """The addressed body answers: the commune chair over its unit, the head inside an organisation; once sent on
    to the next level, that level's chair (the province: its officer) may answer too.

    Authority reaches down only as far as the recommendation has gone up: a role held above the answering level
    (``answering_level``) does not count, so the province answers a commune's recommendation only once it was sent
    on to the province ([L] art. 40(2): the Front chases the answer upwards).
    """
    if not account_selectors.is_authenticated(user):
        return False
    if getattr(user, "is_superuser", False):
        return True
    escalated = latest_escalation(recommendation) is not None
    if recommendation.addressee_organisation_id is not None:
        if account_selectors.user_can_in_organisation(
            user, Action.ANSWER_RECOMMENDATIONS, recommendation.addressee_organisation_id, on
        ):
            return True
        if not escalated:
            return False
    return _answers_within(
        user, top_id=answering_level(recommendation), unit_id=recommendation.addressee_unit_id, on=on
    )


# ---------------------------------------------------------------------------------------------
# Clocks (computed when shown, never stored)
# ---------------------------------------------------------------------------------------------


def calendar_of(board: Board) -> calendar_rules.WorkingCalendar:
    return calendar_selectors.working_calendar_of(board.organisation)


def recognition_due(board: Board) -> dt.date:
    return rules.recognition_due(board.elected_on, calendar_of(board))


def inspection_notice_latest(inspection: Inspection) -> dt.date:
    return rules.inspection_notice_latest(inspection.planned_on, calendar_of(inspection.board))


def recommendation_due(recommendation: Recommendation) -> dt.date | None:
    if recommendation.sent_on is None:
        return None
    return rules.recommendation_due(recommendation.sent_on, calendar_of(recommendation.board))


def latest_escalation(recommendation: Recommendation) -> Escalation | None:
    return recommendation.escalations.select_related("addressee_unit").order_by("-level").first()


def current_due(recommendation: Recommendation) -> dt.date | None:
    """The clock now running: the last sending on's 15 days, or the original 15 days when none."""
    last = latest_escalation(recommendation)
    if last is not None:
        return rules.recommendation_due(last.sent_on, calendar_of(recommendation.board))
    return recommendation_due(recommendation)


def is_overdue(recommendation: Recommendation, today: dt.date) -> bool:
    """Unanswered past the clock now running (after a sending on, the new level's 15 days)."""
    due = current_due(recommendation)
    return recommendation.status == RecommendationStatus.SENT and due is not None and today > due


def investor_notice_latest(board: Board) -> dt.date | None:
    return rules.investor_notice_latest(board.supervision_start) if board.supervision_start else None


# ---------------------------------------------------------------------------------------------
# Lists
# ---------------------------------------------------------------------------------------------


def communities_of(commune: AdministrativeUnit, on: dt.date) -> QuerySet[AdministrativeUnit]:
    return AdministrativeUnit.objects.filter(parent=commune, level=UnitLevel.COMMUNITY).valid_on(on).order_by("name")


def boards_of_unit(unit: AdministrativeUnit) -> QuerySet[Board]:
    return Board.objects.filter(unit=unit).select_related("organisation").order_by("status", "kind", "name")


def boards_visible_to(user: Any, unit: AdministrativeUnit) -> list[Board]:
    """The unit's boards the user may open: its commune boards, and organisation boards of their organisations."""
    return [
        board
        for board in boards_of_unit(unit)
        if may(user, Action.MANAGE_BOARDS, board)
        or may(user, Action.DO_BOARD_WORK, board)
        or may(user, Action.ANSWER_RECOMMENDATIONS, board)
    ]


def active_members(board: Board, on: dt.date) -> list[BoardMember]:
    return [member for member in board.members.select_related("community", "user") if member.is_active_on(on)]


def open_vacancies(board: Board) -> QuerySet[Vacancy]:
    return board.vacancies.filter(filled_by__isnull=True).select_related("member", "community")


def recommendations_to_unit(unit: AdministrativeUnit) -> QuerySet[Recommendation]:
    """Recommendations sent to the bodies of ``unit`` (its own and its organisations'), newest first."""
    return (
        Recommendation.objects.filter(addressee_unit=unit)
        .exclude(status__in=[RecommendationStatus.DRAFT, RecommendationStatus.CONFIRMED])
        .select_related("board", "addressee_organisation")
        .order_by("sent_on", "pk")
    )


def unanswered_by_addressee(
    unit: AdministrativeUnit, today: dt.date, *, public_only: bool = False
) -> list[tuple[str, list[tuple[Recommendation, dt.date | None, bool]]]]:
    """Who has not answered what: the unit's recommendations awaiting an answer, grouped by addressee,
    each with its due date and whether it is overdue; overdue addressees first."""
    rows = recommendations_to_unit(unit).filter(status=RecommendationStatus.SENT)
    if public_only:
        rows = rows.filter(is_public=True, board__organisation__isnull=True)
    groups: dict[str, list[tuple[Recommendation, dt.date | None, bool]]] = {}
    for recommendation in rows:
        due = recommendation_due(recommendation)
        groups.setdefault(recommendation.addressee_name, []).append(
            (recommendation, due, due is not None and today > due)
        )
    return sorted(groups.items(), key=lambda item: (-sum(1 for row in item[1] if row[2]), item[0]))


def public_recommendations(unit: AdministrativeUnit) -> QuerySet[Recommendation]:
    """The commune's boards' public recommendations. An agency's or SOE's board publishes to its own staff, not on
    the commune's public page (``publication``: inside the organisation, [L] arts 46–48, 64–66)."""
    return recommendations_to_unit(unit).filter(is_public=True, board__organisation__isnull=True)


def sent_record_intact(recommendation: Recommendation) -> bool | None:
    """Whether a sent recommendation still says what was sent: its hash now, the stored one and the one written
    into the audit chain at sending agree. None for a draft (nothing fixed yet)."""
    if recommendation.sent_on is None:
        return None
    now_hash = rules.content_hash(
        title=recommendation.title,
        content=recommendation.content,
        addressee_name=recommendation.addressee_name,
        addressee_unit_id=recommendation.addressee_unit_id,
        sent_on=recommendation.sent_on,
    )
    event = (
        AuditEvent.objects.filter(
            code="oversight.recommendation.sent",
            object_type="oversight.recommendation",
            object_id=str(recommendation.pk),
        )
        .order_by("sequence")
        .first()
    )
    audited = (event.after or {}).get("content_hash") if event is not None else None
    return now_hash == recommendation.content_hash == audited


def boards_for_manager(user: Any, on: dt.date) -> list[Board]:
    """Boards the user directs (Front, union) in their units, not ended."""
    visible = account_selectors.user_unit_ids(user, on)
    boards = Board.objects.filter(unit_id__in=visible).exclude(status=BoardStatus.ENDED).select_related("unit")
    return [board for board in boards if may(user, Action.MANAGE_BOARDS, board, on)]


def boards_for_member(user: Any, on: dt.date) -> list[Board]:
    if not getattr(user, "pk", None):
        return []
    ids = BoardMember.objects.filter(user_id=user.pk).values("board_id")
    boards = Board.objects.filter(pk__in=ids).exclude(status=BoardStatus.ENDED).select_related("unit")
    return [board for board in boards if may_work(user, board, on)]


def recommendations_to_answer(user: Any, on: dt.date) -> list[Recommendation]:
    visible = account_selectors.user_unit_ids(user, on)
    rows = Recommendation.objects.filter(status=RecommendationStatus.SENT).filter(
        Q(addressee_unit_id__in=visible) | Q(escalations__addressee_unit_id__in=visible)
    )
    return [row for row in rows.distinct().select_related("board", "addressee_unit") if may_answer(user, row, on)]


def report_figures(board: Board, first: dt.date, last: dt.date, today: dt.date) -> dict[str, int]:
    """What the board did in [first, last], counted by the database: the figures of its periodic report."""
    inspections = board.inspections.filter(planned_on__range=(first, last))
    sent = board.recommendations.filter(sent_on__range=(first, last))
    answered = sent.filter(answered_on__isnull=False)
    on_time = sum(
        1
        for recommendation in answered
        if recommendation.answered_on is not None
        and recommendation.answered_on <= (recommendation_due(recommendation) or recommendation.answered_on)
    )
    return {
        "inspections": inspections.count(),
        "concluded": inspections.filter(status="concluded").count(),
        "findings": sum(inspection.findings.count() for inspection in inspections),
        "sent": sent.count(),
        "answered": answered.count(),
        "answered_on_time": on_time,
        "overdue_unanswered": sum(
            1 for recommendation in sent.filter(status="sent") if is_overdue(recommendation, today)
        ),
        "accepted": answered.filter(disposition="accepted").count(),
        "partly": answered.filter(disposition="partly").count(),
        "rejected": answered.filter(disposition="rejected").count(),
        "escalated": sent.filter(escalations__isnull=False).distinct().count(),
    }


def report_label(period: str, year: int) -> str:
    """ "quý I năm 2026", "6 tháng đầu năm 2026", "năm 2026", "nhiệm kỳ" as the report's title says it."""
    if period == rules.TERM_REPORT:
        return "nhiệm kỳ"
    if period == "Y":
        return f"năm {year}"
    return f"{str(ReportPeriod(period).label).lower()} năm {year}"


def programmes_of(board: Board) -> QuerySet[Programme]:
    return board.programmes.prefetch_related("items").order_by("-year", "kind", "number")


def programme_items_open(board: Board) -> QuerySet[ProgrammeItem]:
    return ProgrammeItem.objects.filter(programme__board=board, done_on__isnull=True).order_by("due_on", "pk")


def overdue_recommendations(today: dt.date) -> list[Recommendation]:
    """Every recommendation awaiting an answer past the clock now running (for the daily job)."""
    rows = Recommendation.objects.filter(status=RecommendationStatus.SENT).select_related(
        "board", "board__unit", "board__organisation", "addressee_unit"
    )
    return [row for row in rows.order_by("sent_on", "pk") if is_overdue(row, today)]


def board_documents(board: Board) -> QuerySet[Document]:
    """The papers a board issued: its reports, its inspections' results, its letters sending recommendations on."""
    ids = [
        *board.reports.values_list("document_id", flat=True),
        *board.conference_reports.filter(document__isnull=False).values_list("document_id", flat=True),
        *board.recommendations.filter(document__isnull=False).values_list("document_id", flat=True),
        *board.inspections.filter(conclusion_document__isnull=False).values_list("conclusion_document_id", flat=True),
        *Escalation.objects.filter(recommendation__board=board, document__isnull=False).values_list(
            "document_id", flat=True
        ),
    ]
    return Document.objects.filter(pk__in=ids).order_by("-issued_at", "-pk")


def votes_of(board: Board) -> list[tuple[BoardVote, bool]]:
    """The board's recorded votes, newest first, each with whether it carried (``rules.is_adopted``)."""
    return [
        (vote, rules.is_adopted(votes_for=vote.votes_for, members=vote.members))
        for vote in board.votes.select_related("recommendation").order_by("-held_on", "-pk")[:100]
    ]


def disclosures_to_review(board: Board, limit: int = 20) -> QuerySet[Disclosure]:
    """What the board's commune (its organisation, for an agency or SOE board) has published, newest first: the items
    a member may flag with a recommendation."""
    rows = Disclosure.objects.filter(unit_id=board.unit_id, first_published_on__isnull=False)
    if board.organisation_id is None:
        rows = rows.filter(organisation__isnull=True)
    else:
        rows = rows.filter(organisation_id=board.organisation_id)
    return rows.select_related("category").order_by("-first_published_on", "-pk")[:limit]


def disclosure_flaggable(board: Board, disclosure: Disclosure) -> bool:
    """A board recommends on what its own commune (organisation) published, never another's or a draft."""
    return (
        disclosure.unit_id == board.unit_id
        and disclosure.organisation_id == board.organisation_id
        and disclosure.first_published_on is not None
    )


def public_conclusions(commune: AdministrativeUnit) -> QuerySet[Inspection]:
    """Conclusions the commune's boards published through the disclosure service, newest first."""
    return (
        Inspection.objects.filter(
            board__unit=commune, board__organisation__isnull=True, public_disclosure__isnull=False
        )
        .select_related("board")
        .order_by("-planned_on", "-pk")[:100]
    )


def report_cutoff_day() -> int | None:
    """``OVERSIGHT_REPORT_CUTOFF_DAY``: None (calendar periods, the default) or the Decree 09/2019 cut-off day
    (``rules.DECREE_09_CUTOFF_DAY``) for the board's periodic reports (law.md §5; UNCERTAIN for reports to the
    Front)."""
    from django.conf import settings

    value = getattr(settings, "OVERSIGHT_REPORT_CUTOFF_DAY", None)
    return int(value) if value else None


# ---------------------------------------------------------------------------------------------
# The board's yearly report at the year-end conference
# ---------------------------------------------------------------------------------------------


def conference_communities(board: Board, year: int) -> set[int]:
    """The communities whose year-end conference hears the commune board: those that had a member in ``year``."""
    first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    return set(
        board.members.filter(community__isnull=False, joined_on__lte=last)
        .filter(Q(left_on__isnull=True) | Q(left_on__gt=first))
        .values_list("community_id", flat=True)
    )


def conference_reports_of(board: Board) -> QuerySet[ConferenceReport]:
    return board.conference_reports.select_related("community", "document").order_by("-year", "community__name")


def conference_reports_missing(board: Board, today: dt.date) -> list[tuple[int, AdministrativeUnit | None, dt.date]]:
    """(year, community or None, due day) of each yearly conference report of this year (shown from 1 November)
    or of last year not presented yet, overdue ones included; none for an investment board or an inactive board."""
    if board.is_investment or board.status != "active":
        return []
    missing: list[tuple[int, AdministrativeUnit | None, dt.date]] = []
    for year in (today.year - 1, today.year):
        if year < board.term_start.year:
            continue
        if today < rules.conference_report_opens(is_commune=board.is_commune, year=year):
            continue
        _first, due = rules.conference_report_window(is_commune=board.is_commune, year=year)
        presented = set(
            board.conference_reports.filter(year=year, status="presented").values_list("community_id", flat=True)
        )
        if board.is_commune:
            communities = AdministrativeUnit.objects.filter(pk__in=conference_communities(board, year)).order_by("name")
            missing.extend((year, community, due) for community in communities if community.pk not in presented)
        elif None not in presented:
            missing.append((year, None, due))
    return missing


# ---------------------------------------------------------------------------------------------
# Requests for information
# ---------------------------------------------------------------------------------------------


def information_reply_working_days() -> int:
    """``OVERSIGHT_INFORMATION_REPLY_WORKING_DAYS`` (default 10, ``rules.INFORMATION_REPLY_WORKING_DAYS_DEFAULT``)."""
    from django.conf import settings

    value = getattr(settings, "OVERSIGHT_INFORMATION_REPLY_WORKING_DAYS", rules.INFORMATION_REPLY_WORKING_DAYS_DEFAULT)
    return int(value)


def information_extension_max_working_days() -> int:
    """``OVERSIGHT_INFORMATION_EXTENSION_WORKING_DAYS`` (default 10,
    ``rules.INFORMATION_EXTENSION_MAX_WORKING_DAYS_DEFAULT``), never more than the law's 10 working days
    (``rules.INFORMATION_EXTENSION_LEGAL_CAP_WORKING_DAYS``, Access to Information Law art. 29(2)): a larger setting
    is clamped here and reported at start-up by ``checks.check_oversight_settings``."""
    from django.conf import settings

    value = getattr(
        settings, "OVERSIGHT_INFORMATION_EXTENSION_WORKING_DAYS", rules.INFORMATION_EXTENSION_MAX_WORKING_DAYS_DEFAULT
    )
    return min(int(value), rules.INFORMATION_EXTENSION_LEGAL_CAP_WORKING_DAYS)


def information_due(request: InformationRequest) -> dt.date:
    """Computed from the period stored when the request was sent, so a later change of the setting moves no
    running clock, plus the one extension the body asked recorded (``services.information``)."""
    days = request.reply_working_days + request.extension_working_days
    return rules.information_due(request.sent_on, days, calendar_of(request.board))


def information_deadline_intact(request: InformationRequest) -> bool:
    """Whether the due day computed now is the one written into the hash-chained audit trail when the request was
    sent, or when its one extension was recorded: a period changed in the database (even by someone who can
    write every table but cannot rewrite the chain) shows here."""
    event = (
        AuditEvent.objects.filter(
            code__in=["oversight.information.sent", "oversight.information.extended"],
            object_type="oversight.informationrequest",
            object_id=str(request.pk),
        )
        .order_by("-sequence")
        .first()
    )
    if event is None:
        return False
    recorded = (event.after or {}).get("due")
    return recorded == information_due(request).isoformat()


def information_overdue(request: InformationRequest, today: dt.date) -> bool:
    return rules.is_information_overdue(status=request.status, due=information_due(request), today=today)


def information_requests_of(board: Board) -> QuerySet[InformationRequest]:
    return board.information_requests.order_by("-sent_on", "-pk")


def may_provide_information(user: Any, request: InformationRequest, on: dt.date | None = None) -> bool:
    """Who records the information provided: the body asked (the commune People's Committee, the organisation's
    head: ``ANSWER_RECOMMENDATIONS`` over the board), or the board itself for a party without an account here
    (an investor answering on paper)."""
    board = request.board
    return may(user, Action.ANSWER_RECOMMENDATIONS, board, on) or may_work(user, board, on)


def information_requests_to_provide(user: Any, on: dt.date) -> list[InformationRequest]:
    """Open requests addressed to a body the user answers for (the commune or the organisation head)."""
    pending = InformationRequest.objects.filter(
        status=InformationRequestStatus.SENT,
        addressee__in=["commune", "organisation_head"],
    ).select_related("board", "board__unit", "board__organisation")
    return [request for request in pending[:500] if may(user, Action.ANSWER_RECOMMENDATIONS, request.board, on)]


def projects_of(board: Board) -> list[tuple[Any, dt.date, bool]]:
    """The projects an investment board supervises, each with the last day to notify its investor (45 days
    before supervision starts, [L] art. 45(1)(b)) and whether that day has passed without a notice."""
    today = clock.today()
    rows = []
    for project in board.projects.order_by("supervision_start", "pk"):
        latest = rules.investor_notice_latest(project.supervision_start)
        rows.append((project, latest, project.investor_notified_on is None and today > latest))
    return rows
