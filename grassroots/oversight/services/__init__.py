"""Every write of the oversight boards: keyword-only, inside one transaction, locked, checked, audited.

Refusals raise ``DomainError(code, Vietnamese message)``. Services check the actor against the permission
matrix themselves (``selectors.may``, ``may_work``, ``may_answer``), so a direct call by someone without the
power, or by an officer of another commune, is refused like the page would refuse it.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from grassroots.accounts.rules import Action
from grassroots.core import clock
from grassroots.core.errors import DomainError, RuleResult
from grassroots.core.services import audit_record, state_change
from grassroots.elections.models import Candidate, Election, ElectionKind, ElectionStatus
from grassroots.elections.services.common import village_head_term_months
from grassroots.oversight import notices, papers, publication, rules, selectors
from grassroots.oversight.models import (
    Board,
    BoardKind,
    BoardMember,
    BoardReport,
    BoardStatus,
    BoardVote,
    Escalation,
    Finding,
    Inspection,
    InspectionStatus,
    MemberSource,
    Position,
    Post,
    Programme,
    ProgrammeItem,
    Recommendation,
    RecommendationStatus,
    Vacancy,
    WorkKind,
)
from grassroots.units.models import AdministrativeUnit, Organisation, UnitLevel

MESSAGES: dict[str, Any] = {
    "oversight.not_authorised": _("Bạn không có quyền thực hiện việc này đối với ban này."),
    "oversight.date_out_of_range": _("Ngày không hợp lệ: năm phải từ 2000 đến 2100."),
    "oversight.board.not_commune": _("Ban Thanh tra nhân dân xã và Ban Giám sát đầu tư thuộc một xã, phường."),
    "oversight.board.organisation_required": _("Hãy chọn cơ quan, đơn vị hoặc doanh nghiệp có ban."),
    "oversight.board.organisation_kind": _("Loại cơ quan, đơn vị không phù hợp với loại ban này."),
    "oversight.board.headcount_unknown": _("Chưa có số cán bộ, người lao động của cơ quan, đơn vị vào ngày bầu."),
    "oversight.board.unit_too_small": _(
        "Cơ quan, đơn vị có từ 7 người trở xuống không thành lập Ban Thanh tra nhân dân; Ban Chấp hành công đoàn "
        "thực hiện nhiệm vụ của ban."
    ),
    "oversight.board.project_required": _("Hãy ghi tên chương trình, dự án và chủ đầu tư."),
    "oversight.board.size": _("Số thành viên chưa đúng quy định."),
    "oversight.board.size_range": _("Ban Thanh tra nhân dân của cơ quan, doanh nghiệp có từ 3 đến 9 thành viên."),
    "oversight.board.community_missing": _("Còn thôn, tổ dân phố chưa có thành viên trong ban."),
    "oversight.board.community_twice": _("Mỗi thôn, tổ dân phố có một thành viên trong ban."),
    "oversight.board.too_many_residents": _("Ban Giám sát đầu tư có không quá 5 đại diện người dân."),
    "oversight.board.one_head": _("Ban phải có đúng một Trưởng ban."),
    "oversight.board.too_many_deputies": _("Ban có không quá 2 Phó Trưởng ban."),
    "oversight.board.bad_transition": _("Ban không ở trạng thái cho phép việc này."),
    "oversight.board.ended": _("Ban đã kết thúc hoạt động."),
    "oversight.board.not_investment": _("Việc này chỉ dành cho Ban Giám sát đầu tư của cộng đồng."),
    "oversight.investment.notice_too_late": _(
        "Kế hoạch giám sát phải được thông báo cho chủ đầu tư chậm nhất 45 ngày trước khi bắt đầu giám sát."
    ),
    "oversight.investment.already_notified": _(
        "Đã ghi nhận ngày thông báo cho chủ đầu tư; ngày đã ghi không được sửa."
    ),
    "oversight.investment.notified_in_future": _("Ngày thông báo cho chủ đầu tư không được sau hôm nay."),
    "oversight.member.ineligible_post": _("Người giữ chức vụ này không được làm thành viên của ban."),
    "oversight.member.conflicting_relative": _(
        "Người có người thân là người quyết định đầu tư, chủ đầu tư, nhà thầu… không được làm thành viên ban."
    ),
    "oversight.member.community_outside": _("Thôn, tổ dân phố không thuộc xã của ban."),
    "oversight.member.second_head": _("Ban đã có Trưởng ban."),
    "oversight.member.already_left": _("Thành viên này đã thôi làm."),
    "oversight.member.leave_before_join": _("Ngày thôi phải sau ngày bắt đầu."),
    "oversight.member.vacancy_other_board": _("Chỗ khuyết không thuộc ban này hoặc đã được bầu bổ sung."),
    "oversight.election.not_recognised": _("Kết quả bầu chưa được công nhận."),
    "oversight.election.wrong_kind": _("Cuộc bầu này không phải bầu thành viên của loại ban này."),
    "oversight.election.outside": _("Cuộc bầu không thuộc xã của ban."),
    "oversight.election.already_used": _("Kết quả cuộc bầu này đã được đưa vào ban."),
    "oversight.inspection.notice_too_late": _(
        "Kế hoạch kiểm tra, giám sát phải được gửi chậm nhất 5 ngày làm việc trước khi tiến hành."
    ),
    "oversight.inspection.case_outside": _("Không có vụ việc số này ở xã của ban."),
    "oversight.inspection.notified_in_future": _("Ngày gửi kế hoạch kiểm tra, giám sát không được sau hôm nay."),
    "oversight.inspection.bad_transition": _("Cuộc kiểm tra, giám sát không ở trạng thái cho phép việc này."),
    "oversight.inspection.closed": _("Cuộc kiểm tra, giám sát đã kết thúc."),
    "oversight.inspection.conclusion_required": _("Hãy ghi kết luận."),
    "oversight.inspection.not_publishable": _(
        "Kết luận này không được công khai: việc xác minh vụ việc của người dân (giữ bí mật người gửi)."
    ),
    "oversight.report.not_organisation": _(
        "Chỉ báo cáo của Ban Thanh tra nhân dân cơ quan, đơn vị, doanh nghiệp được công khai cho cán bộ, "
        "người lao động."
    ),
    "oversight.report.already_published": _("Báo cáo này đã được công khai cho cán bộ, người lao động."),
    "oversight.recommendation.not_awaiting": _("Kiến nghị không còn chờ trả lời."),
    "oversight.recommendation.not_overdue": _(
        "Chưa hết thời hạn trả lời 15 ngày: chỉ chuyển lên cấp trên khi đã quá hạn mà chưa được trả lời."
    ),
    "oversight.recommendation.no_higher_level": _("Không có cấp trên để chuyển kiến nghị."),
    "oversight.report.period_unknown": _("Kỳ báo cáo không hợp lệ."),
    "oversight.report.period_not_over": _("Kỳ báo cáo chưa kết thúc."),
    "oversight.report.already_issued": _("Báo cáo của kỳ này đã được ban hành."),
    "oversight.programme.period_unknown": _("Kỳ của chương trình công tác không hợp lệ."),
    "oversight.programme.exists": _("Ban đã có chương trình công tác cho kỳ này."),
    "oversight.programme.due_outside": _("Hạn hoàn thành phải nằm trong kỳ của chương trình."),
    "oversight.programme.text_required": _("Hãy ghi nội dung công việc."),
    "oversight.programme.item_done": _("Việc này đã được ghi nhận hoàn thành."),
    "oversight.recommendation.not_confirmed": _("Kiến nghị cần được Ủy ban MTTQ xã xác nhận trước khi gửi."),
    "oversight.recommendation.bad_transition": _("Kiến nghị không ở trạng thái cho phép việc này."),
    "oversight.recommendation.reasons_required": _("Khi không tiếp thu hoặc tiếp thu một phần, hãy nêu rõ lý do."),
    "oversight.recommendation.not_editable": _("Kiến nghị đã gửi thì không được sửa."),
    "oversight.recommendation.addressee_outside": _("Nơi nhận kiến nghị phải thuộc địa bàn của ban."),
    "oversight.recommendation.disclosure_outside": _(
        "Chỉ kiến nghị về thông tin đã công khai của chính xã (cơ quan, doanh nghiệp) nơi ban hoạt động."
    ),
    "oversight.vote.negative": _("Số phiếu không được âm."),
    "oversight.vote.no_members": _("Ngày họp này ban chưa có thành viên."),
    "oversight.vote.too_many": _("Tổng số phiếu vượt quá số thành viên của ban."),
    "oversight.vote.in_future": _("Ngày họp không được sau hôm nay."),
    "oversight.vote.subject_required": _("Hãy ghi nội dung biểu quyết."),
}


def fail(code: str, **params: Any) -> DomainError:
    return DomainError(code, str(MESSAGES.get(code, code)), **params)


def _raise(result: RuleResult) -> None:
    if not result:
        raise fail(result.code, **result.params)


def _refused(result: RuleResult) -> Exception:
    return fail(result.code, **result.params)


def _move(
    obj: Any,
    process: str,
    target: str,
    *,
    code: str,
    actor: Any,
    unit: Any,
    snapshot: Any,
    now: dt.datetime,
) -> None:
    """A status change through ``process``'s literal transition table, saved and audited (``state_change``)."""
    state_change(
        obj,
        code=code,
        actor=actor,
        unit=unit,
        snapshot=snapshot,
        now=now,
        target=target,
        check=lambda current, wanted: rules.check_transition(process, current, wanted),
        refused=_refused,
    )


def _move_board(board: Board, target: str, code: str, actor: Any, moment: dt.datetime) -> None:
    _move(board, "board", target, code=code, actor=actor, unit=board.unit, snapshot=_board_snapshot, now=moment)


def _move_inspection(inspection: Inspection, target: str, code: str, actor: Any, moment: dt.datetime) -> None:
    _move(
        inspection,
        "inspection",
        target,
        code=code,
        actor=actor,
        unit=inspection.board.unit,
        snapshot=_inspection_snapshot,
        now=moment,
    )


def _move_recommendation(
    recommendation: Recommendation, target: str, code: str, actor: Any, moment: dt.datetime, *, unit: Any = None
) -> None:
    """Audited under the board's unit, or ``unit`` (the answering body's, for an answer)."""
    _move(
        recommendation,
        "recommendation",
        target,
        code=code,
        actor=actor,
        unit=unit if unit is not None else recommendation.board.unit,
        snapshot=_recommendation_snapshot,
        now=moment,
    )


def _moment(now: dt.datetime | None) -> tuple[dt.datetime, dt.date]:
    moment = now or clock.now()
    return moment, clock.localdate(moment)


def _require_dates(*days: dt.date | None) -> None:
    """Refuse a date outside the years the records accept (``rules.check_date_bounds``), before any arithmetic."""
    _raise(rules.check_date_bounds(*days))


def _require_manage(actor: Any, board: Board, on: dt.date) -> None:
    if not selectors.may(actor, Action.MANAGE_BOARDS, board, on):
        raise fail("oversight.not_authorised")


def _require_work(actor: Any, board: Board, on: dt.date) -> None:
    if not selectors.may_work(actor, board, on):
        raise fail("oversight.not_authorised")


def _require_open(board: Board) -> None:
    if board.status == BoardStatus.ENDED:
        raise fail("oversight.board.ended")


def _board_snapshot(board: Board) -> dict[str, Any]:
    return {
        "status": board.status,
        "kind": board.kind,
        "name": board.name,
        "term_start": board.term_start,
        "term_end": board.term_end,
        "recognised_on": board.recognised_on,
        "investor_notified_on": board.investor_notified_on,
        "ended_on": board.ended_on,
    }


def _inspection_snapshot(inspection: Inspection) -> dict[str, Any]:
    return {
        "status": inspection.status,
        "subject": inspection.subject,
        "planned_on": inspection.planned_on,
        "plan_notified_on": inspection.plan_notified_on,
        "conclusion": inspection.conclusion,
        "conclusion_document": inspection.conclusion_document_id,
        "public_disclosure": inspection.public_disclosure_id,
    }


def _recommendation_snapshot(recommendation: Recommendation) -> dict[str, Any]:
    return {
        "status": recommendation.status,
        "disclosure": recommendation.disclosure_id,
        "public_disclosure": recommendation.public_disclosure_id,
        "title": recommendation.title,
        "addressee_name": recommendation.addressee_name,
        "confirmed_on": recommendation.confirmed_on,
        "sent_on": recommendation.sent_on,
        "content_hash": recommendation.content_hash,
        "document": recommendation.document_id,
        "disposition": recommendation.disposition,
        "answered_on": recommendation.answered_on,
        "closed_on": recommendation.closed_on,
    }


# ---------------------------------------------------------------------------------------------
# Boards and members
# ---------------------------------------------------------------------------------------------


def board_create(
    *,
    kind: str,
    name: str,
    unit: AdministrativeUnit,
    term_start: dt.date,
    elected_on: dt.date,
    actor: Any,
    organisation: Organisation | None = None,
    is_dispersed: bool = False,
    project_name: str = "",
    investor_name: str = "",
    supervision_start: dt.date | None = None,
    now: dt.datetime | None = None,
) -> Board:
    """Set up a board being elected (đang kiện toàn); it acts once recognised (``board_recognise``)."""
    moment, today = _moment(now)
    _require_dates(term_start, elected_on, supervision_start)
    board = Board(
        kind=kind,
        name=name.strip(),
        unit=unit,
        organisation=organisation,
        term_start=term_start,
        elected_on=elected_on,
        is_dispersed=is_dispersed,
        project_name=project_name.strip(),
        investor_name=investor_name.strip(),
        supervision_start=supervision_start,
        created_by=actor,
    )
    if kind in rules.ORGANISATION_KINDS:
        if organisation is None:
            raise fail("oversight.board.organisation_required")
        if organisation.kind not in rules.ORGANISATION_KINDS[kind]:
            raise fail("oversight.board.organisation_kind")
        board.unit = organisation.unit
        headcount = selectors.organisation_headcount(organisation, elected_on)
        if headcount is None:
            raise fail("oversight.board.headcount_unknown")
        if not rules.organisation_may_have_board(headcount):
            raise fail("oversight.board.unit_too_small", headcount=headcount)
        board.staff_headcount = headcount
    else:
        board.organisation = None
        if unit.level != UnitLevel.COMMUNE:
            raise fail("oversight.board.not_commune")
        board.community_count = selectors.communities_of(unit, elected_on).count()
        if kind == BoardKind.INVESTMENT_SUPERVISION and not (board.project_name and board.investor_name):
            raise fail("oversight.board.project_required")
    months = village_head_term_months(unit, term_start)
    board.term_end = rules.term_end(kind, term_start, village_head_term_months=months)
    _require_manage(actor, board, today)
    with transaction.atomic():
        board.save()
        audit_record(
            code="oversight.board.created",
            actor=actor,
            unit=board.unit,
            obj=board,
            after=_board_snapshot(board),
            now=moment,
        )
    return board


def _locked_board(board: Board) -> Board:
    return Board.objects.select_for_update(of=("self",)).select_related("organisation", "unit").get(pk=board.pk)


def board_member_add(
    *,
    board: Board,
    full_name: str,
    joined_on: dt.date,
    actor: Any,
    user: Any = None,
    community: AdministrativeUnit | None = None,
    position: str = Position.MEMBER,
    source: str = MemberSource.ELECTED,
    post: str = Post.NONE,
    has_conflicting_relative: bool = False,
    election: Election | None = None,
    vacancy: Vacancy | None = None,
    now: dt.datetime | None = None,
) -> BoardMember:
    """Add a member, after the eligibility checks ([L] arts 37, 42, 60(2), 77(2)); may fill an open vacancy."""
    moment, today = _moment(now)
    _require_dates(joined_on)
    with transaction.atomic():
        board = _locked_board(board)
        _require_manage(actor, board, today)
        _require_open(board)
        posts = {post} | selectors.posts_of(user=user, organisation=board.organisation, unit=board.unit, on=joined_on)
        _raise(
            rules.check_eligibility(board.kind, posts=sorted(posts), has_conflicting_relative=has_conflicting_relative)
        )
        if community is not None and community.parent_id != board.unit_id:
            raise fail("oversight.member.community_outside")
        if position == Position.HEAD and any(
            member.position == Position.HEAD for member in selectors.active_members(board, joined_on)
        ):
            raise fail("oversight.member.second_head")
        if vacancy is not None:
            vacancy = Vacancy.objects.select_for_update().filter(pk=vacancy.pk, board=board).first()
            if vacancy is None or vacancy.filled_by_id is not None:
                raise fail("oversight.member.vacancy_other_board")
        member = BoardMember.objects.create(
            board=board,
            full_name=full_name.strip(),
            user=user,
            community=community,
            position=position,
            source=source,
            post=post,
            has_conflicting_relative=has_conflicting_relative,
            election=election,
            joined_on=joined_on,
        )
        if vacancy is not None:
            vacancy.filled_by = member
            vacancy.save(update_fields=["filled_by", "updated_at"])
        audit_record(
            code="oversight.member.added",
            actor=actor,
            unit=board.unit,
            obj=member,
            after={
                "board": board.pk,
                "full_name": member.full_name,
                "position": position,
                "source": source,
                "community": community.pk if community else None,
                "joined_on": joined_on,
                "fills_vacancy": vacancy.pk if vacancy else None,
            },
            now=moment,
        )
    return member


def board_members_from_election(
    *, board: Board, election: Election, actor: Any, now: dt.datetime | None = None
) -> list[BoardMember]:
    """The recognised winners of a community's board election become members ([L] art. 36(1); [ND59] art. 13).

    Read-only use of the elections app: the election must be recognised, of the board's kind and in its commune.
    """
    _moment_value, today = _moment(now)
    expected = (
        ElectionKind.INVESTMENT_SUPERVISION_BOARD
        if board.kind == BoardKind.INVESTMENT_SUPERVISION
        else ElectionKind.INSPECTION_BOARD
    )
    if election.status != ElectionStatus.RECOGNISED:
        raise fail("oversight.election.not_recognised")
    if election.kind != expected or board.organisation_id is not None:
        raise fail("oversight.election.wrong_kind")
    community = AdministrativeUnit.objects.get(pk=election.community_id)
    if community.parent_id != board.unit_id:
        raise fail("oversight.election.outside")
    if BoardMember.objects.filter(board=board, election=election).exists():
        raise fail("oversight.election.already_used")
    source = MemberSource.RESIDENT if board.kind == BoardKind.INVESTMENT_SUPERVISION else MemberSource.ELECTED
    added = []
    with transaction.atomic():
        for candidate in Candidate.objects.filter(election=election, is_elected=True).order_by("pk"):
            added.append(
                board_member_add(
                    board=board,
                    full_name=candidate.full_name,
                    user=candidate.user,
                    community=community,
                    source=source,
                    election=election,
                    joined_on=election.recognised_on or today,
                    actor=actor,
                    now=now,
                )
            )
    return added


def board_recognise(*, board: Board, actor: Any, now: dt.datetime | None = None) -> Board:
    """The Front (commune, investment) or the union (agency, SOE) recognises the elected board once its
    composition is lawful; due 5 working days after the election (``selectors.recognition_due``)."""
    moment, today = _moment(now)
    with transaction.atomic():
        board = _locked_board(board)
        _require_manage(actor, board, today)
        seats = [
            rules.Seat(position=member.position, community_id=member.community_id, source=member.source)
            for member in selectors.active_members(board, today)
        ]
        community_ids = (
            list(selectors.communities_of(board.unit, board.elected_on).values_list("pk", flat=True))
            if board.kind == BoardKind.COMMUNE_INSPECTION
            else []
        )
        _raise(
            rules.check_composition(
                board.kind,
                seats,
                community_ids=community_ids,
                headcount=board.staff_headcount,
                is_dispersed=board.is_dispersed,
            )
        )
        board.recognised_on = today
        board.recognised_by = actor
        _move_board(board, BoardStatus.ACTIVE, "oversight.board.recognised", actor, moment)
    return board


def board_member_leave(
    *, member: BoardMember, left_on: dt.date, reason: str, actor: Any, now: dt.datetime | None = None
) -> Vacancy | None:
    """A member resigns or is dismissed; with ≥ 6 months of term left a by-election opens ([L] art. 36(2))."""
    moment, today = _moment(now)
    _require_dates(left_on)
    with transaction.atomic():
        board = _locked_board(member.board)
        _require_manage(actor, board, today)
        member = BoardMember.objects.select_for_update().get(pk=member.pk)
        if member.left_on is not None:
            raise fail("oversight.member.already_left")
        if left_on <= member.joined_on:
            raise fail("oversight.member.leave_before_join")
        member.left_on = left_on
        member.leave_reason = reason.strip()
        member.save(update_fields=["left_on", "leave_reason", "updated_at"])
        vacancy = None
        if board.status != BoardStatus.ENDED and rules.by_election_needed(vacated_on=left_on, term_end=board.term_end):
            vacancy = Vacancy.objects.create(board=board, member=member, community=member.community, opened_on=left_on)
        audit_record(
            code="oversight.member.left",
            actor=actor,
            unit=board.unit,
            obj=member,
            before={"left_on": None},
            after={"left_on": left_on, "reason": member.leave_reason, "by_election": vacancy is not None},
            now=moment,
        )
    return vacancy


def board_investor_notify(*, board: Board, notified_on: dt.date, actor: Any, now: dt.datetime | None = None) -> Board:
    """Record that the Front notified the investor of the plan and members ≥ 45 days before ([L] art. 45(1)(b)):
    once, a day not after today; the recorded day is never moved afterwards."""
    moment, today = _moment(now)
    _require_dates(notified_on)
    with transaction.atomic():
        board = _locked_board(board)
        _require_manage(actor, board, today)
        if board.kind != BoardKind.INVESTMENT_SUPERVISION or board.supervision_start is None:
            raise fail("oversight.board.not_investment")
        if board.investor_notified_on is not None:
            raise fail("oversight.investment.already_notified")
        if notified_on > today:
            raise fail("oversight.investment.notified_in_future")
        _raise(rules.check_investor_notice(notified_on=notified_on, supervision_start=board.supervision_start))
        board.investor_notified_on = notified_on
        state_change(
            board,
            code="oversight.board.investor_notified",
            actor=actor,
            unit=board.unit,
            snapshot=_board_snapshot,
            now=moment,
        )
    return board


def board_end(*, board: Board, ended_on: dt.date, actor: Any, now: dt.datetime | None = None) -> Board:
    """A board ends: its term is over, or an investment board dissolves with its project ([L] art. 41)."""
    moment, today = _moment(now)
    _require_dates(ended_on)
    with transaction.atomic():
        board = _locked_board(board)
        _require_manage(actor, board, today)
        board.ended_on = ended_on
        _move_board(board, BoardStatus.ENDED, "oversight.board.ended", actor, moment)
    return board


# ---------------------------------------------------------------------------------------------
# Inspections, findings
# ---------------------------------------------------------------------------------------------


def inspection_plan(
    *,
    board: Board,
    subject: str,
    inspected_party: str,
    planned_on: dt.date,
    actor: Any,
    kind: str = WorkKind.INSPECTION,
    case: Any = None,
    now: dt.datetime | None = None,
) -> Inspection:
    """The board plans an inspection, supervision or verification (of a citizen's case from ``petitions``); the
    case must have been filed in the board's own commune (or ward), whoever calls the service."""
    moment, today = _moment(now)
    _require_dates(planned_on)
    with transaction.atomic():
        board = _locked_board(board)
        _require_work(actor, board, today)
        _require_open(board)
        if case is not None and case.unit_id != board.unit_id:
            raise fail("oversight.inspection.case_outside")
        inspection = Inspection.objects.create(
            board=board,
            kind=kind,
            subject=subject.strip(),
            inspected_party=inspected_party.strip(),
            planned_on=planned_on,
            case=case,
            created_by=actor,
        )
        audit_record(
            code="oversight.inspection.planned",
            actor=actor,
            unit=board.unit,
            obj=inspection,
            after=_inspection_snapshot(inspection),
            now=moment,
        )
    return inspection


def _locked_inspection(inspection: Inspection) -> Inspection:
    return (
        Inspection.objects.select_for_update(of=("self",)).select_related("board", "board__unit").get(pk=inspection.pk)
    )


def inspection_notify(
    *, inspection: Inspection, notified_on: dt.date, actor: Any, now: dt.datetime | None = None
) -> Inspection:
    """The plan went to the Front / union, the chair and the inspected party ≥ 5 working days before; like every
    other notice, one dated after today (the server's day) has not been sent and is refused."""
    moment, today = _moment(now)
    _require_dates(notified_on)
    with transaction.atomic():
        inspection = _locked_inspection(inspection)
        _require_work(actor, inspection.board, today)
        if notified_on > today:
            raise fail("oversight.inspection.notified_in_future")
        _raise(
            rules.check_inspection_notice(
                notified_on=notified_on,
                planned_on=inspection.planned_on,
                calendar=selectors.calendar_of(inspection.board),
            )
        )
        inspection.plan_notified_on = notified_on
        _move_inspection(inspection, InspectionStatus.NOTIFIED, "oversight.inspection.notified", actor, moment)
    return inspection


def finding_record(
    *, inspection: Inspection, text: str, evidence: str, actor: Any, now: dt.datetime | None = None
) -> Finding:
    moment, today = _moment(now)
    with transaction.atomic():
        inspection = _locked_inspection(inspection)
        _require_work(actor, inspection.board, today)
        if inspection.status in (InspectionStatus.CONCLUDED, InspectionStatus.CANCELLED):
            raise fail("oversight.inspection.closed")
        finding = Finding.objects.create(
            inspection=inspection, text=text.strip(), evidence=evidence.strip(), recorded_by=actor, recorded_at=moment
        )
        audit_record(
            code="oversight.finding.recorded",
            actor=actor,
            unit=inspection.board.unit,
            obj=finding,
            after={"inspection": inspection.pk, "text": finding.text, "evidence": finding.evidence},
            now=moment,
        )
    return finding


def inspection_conclude(
    *, inspection: Inspection, conclusion: str, actor: Any, publish: bool = False, now: dt.datetime | None = None
) -> Inspection:
    """Conclude, and issue the report of its results (Decree 30 layout) to the Front / union, the chair and the
    inspected party ([L] art. 39: results go in writing); the report and the status change stand or fall together.
    ``publish``: the conclusion also goes on the commune's disclosure pages (``publication``), in the same
    transaction."""
    moment, today = _moment(now)
    with transaction.atomic():
        inspection = _locked_inspection(inspection)
        _require_work(actor, inspection.board, today)
        if not conclusion.strip():
            raise fail("oversight.inspection.conclusion_required")
        inspection.conclusion = conclusion.strip()
        _raise(rules.check_transition("inspection", inspection.status, InspectionStatus.CONCLUDED))
        if publish and not rules.may_publish_conclusion(is_case_verification=inspection.case_id is not None):
            raise fail("oversight.inspection.not_publishable")
        inspection.conclusion_document = papers.conclusion_issue(inspection=inspection, actor=actor, now=moment)
        if publish:
            inspection.public_disclosure = publication.conclusion_publish(
                inspection=inspection, actor=actor, now=moment
            )
        _move_inspection(inspection, InspectionStatus.CONCLUDED, "oversight.inspection.concluded", actor, moment)
        notices.result_to_petitioner(
            case_id=inspection.case_id,
            board=inspection.board,
            subject=inspection.subject,
            result=inspection.conclusion,
            key=f"inspection:{inspection.pk}",
            now=moment,
        )
    return inspection


# ---------------------------------------------------------------------------------------------
# Recommendations: draft → (Front confirms) → sent (fixed, 15 days) → answered → closed
# ---------------------------------------------------------------------------------------------


def recommendation_draft(
    *,
    board: Board,
    title: str,
    content: str,
    addressee_name: str,
    actor: Any,
    addressee_unit: AdministrativeUnit | None = None,
    addressee_organisation: Organisation | None = None,
    inspection: Inspection | None = None,
    disclosure: Any = None,
    is_public: bool = True,
    now: dt.datetime | None = None,
) -> Recommendation:
    """A board drafts a recommendation to a body or officer of its own area (its unit or a unit below it); it may
    start from an item the commune (organisation) disclosed, which the board flags ([L] art. 38: the board reads the
    disclosures; issue 15: recommendations may come from disclosures)."""
    moment, today = _moment(now)
    with transaction.atomic():
        board = _locked_board(board)
        _require_work(actor, board, today)
        _require_open(board)
        target = addressee_unit or board.unit
        if addressee_organisation is None and board.organisation_id is not None:
            addressee_organisation = board.organisation
        if addressee_organisation is not None:
            target = addressee_organisation.unit
        if target.pk != board.unit_id and target.parent_id != board.unit_id:
            raise fail("oversight.recommendation.addressee_outside")
        if inspection is not None and inspection.board_id != board.pk:
            raise fail("oversight.recommendation.addressee_outside")
        if disclosure is not None and not selectors.disclosure_flaggable(board, disclosure):
            raise fail("oversight.recommendation.disclosure_outside")
        recommendation = Recommendation.objects.create(
            board=board,
            inspection=inspection,
            addressee_unit=target,
            addressee_organisation=addressee_organisation,
            addressee_name=addressee_name.strip(),
            title=title.strip(),
            content=content.strip(),
            is_public=is_public,
            disclosure=disclosure,
            created_by=actor,
        )
        audit_record(
            code="oversight.recommendation.drafted",
            actor=actor,
            unit=board.unit,
            obj=recommendation,
            after=_recommendation_snapshot(recommendation),
            now=moment,
        )
    return recommendation


def _locked_recommendation(recommendation: Recommendation) -> Recommendation:
    return (
        Recommendation.objects.select_for_update(of=("self",))
        .select_related("board", "board__unit", "board__organisation")
        .get(pk=recommendation.pk)
    )


def recommendation_edit(
    *, recommendation: Recommendation, title: str, content: str, actor: Any, now: dt.datetime | None = None
) -> Recommendation:
    """Change a draft's wording; refused once sent (the sent text is a record)."""
    moment, today = _moment(now)
    with transaction.atomic():
        recommendation = _locked_recommendation(recommendation)
        _require_work(actor, recommendation.board, today)
        if not recommendation.is_draft:
            raise fail("oversight.recommendation.not_editable")
        recommendation.title = title.strip()
        recommendation.content = content.strip()
        recommendation.status = RecommendationStatus.DRAFT  # a changed text needs the Front's confirmation again
        recommendation.confirmed_on = None
        recommendation.confirmed_by = None
        state_change(
            recommendation,
            code="oversight.recommendation.edited",
            actor=actor,
            unit=recommendation.board.unit,
            snapshot=_recommendation_snapshot,
            now=moment,
        )
    return recommendation


def recommendation_confirm(
    *, recommendation: Recommendation, actor: Any, now: dt.datetime | None = None
) -> Recommendation:
    """The commune Front confirms a commune or investment board's recommendation before it goes ([L] art. 40(2))."""
    moment, today = _moment(now)
    with transaction.atomic():
        recommendation = _locked_recommendation(recommendation)
        _require_manage(actor, recommendation.board, today)
        recommendation.confirmed_on = today
        recommendation.confirmed_by = actor
        _move_recommendation(
            recommendation, RecommendationStatus.CONFIRMED, "oversight.recommendation.confirmed", actor, moment
        )
    return recommendation


def recommendation_send(
    *, recommendation: Recommendation, actor: Any, now: dt.datetime | None = None
) -> Recommendation:
    """Send: the date comes from the clock, the 15-day answer period starts, and the text is fixed — its hash is
    stored and written into the hash-chained audit event, so a later edit in the database is detectable."""
    moment, today = _moment(now)
    with transaction.atomic():
        recommendation = _locked_recommendation(recommendation)
        _require_work(actor, recommendation.board, today)
        _raise(
            rules.check_send(
                status=recommendation.status, needs_confirmation=recommendation.board.needs_front_confirmation
            )
        )
        recommendation.sent_on = today
        recommendation.content_hash = rules.content_hash(
            title=recommendation.title,
            content=recommendation.content,
            addressee_name=recommendation.addressee_name,
            addressee_unit_id=recommendation.addressee_unit_id,
            sent_on=today,
        )
        recommendation.document = papers.recommendation_issue(
            recommendation=recommendation,
            due=rules.recommendation_due(today, selectors.calendar_of(recommendation.board)),
            actor=actor,
            now=moment,
        )
        _move_recommendation(recommendation, RecommendationStatus.SENT, "oversight.recommendation.sent", actor, moment)
    return recommendation


def recommendation_answer(
    *,
    recommendation: Recommendation,
    answer: str,
    disposition: str,
    actor: Any,
    now: dt.datetime | None = None,
) -> Recommendation:
    """The addressed body records its answer: accepted, partly or not, with reasons ([L] arts 40, 45, 63, 81)."""
    moment, today = _moment(now)
    with transaction.atomic():
        recommendation = _locked_recommendation(recommendation)
        if not selectors.may_answer(actor, recommendation, today):
            raise fail("oversight.not_authorised")
        if not answer.strip():
            raise fail("oversight.recommendation.reasons_required")
        recommendation.answer = answer.strip()
        recommendation.disposition = disposition
        recommendation.answered_on = today
        recommendation.answered_by = actor
        if recommendation.is_public:
            recommendation.public_disclosure = publication.recommendation_publish(
                recommendation=recommendation, actor=actor, now=moment
            )
        _move_recommendation(
            recommendation,
            RecommendationStatus.ANSWERED,
            "oversight.recommendation.answered",
            actor,
            moment,
            unit=recommendation.addressee_unit_id,
        )
        inspection = recommendation.inspection
        case_id = inspection.case_id if inspection is not None else None
        notices.result_to_petitioner(
            case_id=case_id,
            board=recommendation.board,
            subject=recommendation.title,
            result=f"{recommendation.get_disposition_display()}: {recommendation.answer}",
            key=f"recommendation:{recommendation.pk}",
            now=moment,
        )
    return recommendation


def recommendation_close(
    *, recommendation: Recommendation, note: str, actor: Any, now: dt.datetime | None = None
) -> Recommendation:
    """The board closes its follow-up of an answered recommendation, noting what was done."""
    moment, today = _moment(now)
    with transaction.atomic():
        recommendation = _locked_recommendation(recommendation)
        _require_work(actor, recommendation.board, today)
        recommendation.closing_note = note.strip()
        recommendation.closed_on = today
        _move_recommendation(
            recommendation, RecommendationStatus.CLOSED, "oversight.recommendation.closed", actor, moment
        )
    return recommendation


# ---------------------------------------------------------------------------------------------
# Unanswered recommendations: sent on to the next level after the 15 days
# ---------------------------------------------------------------------------------------------


def _next_level(recommendation: Recommendation) -> tuple[AdministrativeUnit, str] | None:
    """Where an unanswered recommendation goes next: the body above the last one that did not answer.

    A village head's → the commune People's Committee chair; the commune's → the province's; an organisation
    head's → the People's Committee of the organisation's area, then upwards.
    """
    last = recommendation.escalations.order_by("-level").first()
    if last is not None:
        current = last.addressee_unit
        upper = current.parent
    elif recommendation.addressee_organisation_id is not None:
        upper = recommendation.addressee_unit
    else:
        upper = recommendation.addressee_unit.parent
    if upper is None or upper.level == UnitLevel.COMMUNITY:
        return None
    return upper, f"Chủ tịch Ủy ban nhân dân {upper.name}"


def recommendation_escalate(
    *, recommendation: Recommendation, actor: Any, note: str = "", now: dt.datetime | None = None
) -> Escalation:
    """Send an unanswered recommendation on to the next level once its 15 days have run out, with a letter in the
    Decree 30 layout; the Front (union) sees it on its task list. ``actor=None``: the daily job did it
    (``OVERSIGHT_AUTO_ESCALATE``). The sent text stays as it was: the hash still matches."""
    moment, today = _moment(now)
    with transaction.atomic():
        recommendation = _locked_recommendation(recommendation)
        if actor is not None:
            _require_work(actor, recommendation.board, today)
        _raise(
            rules.check_escalation(status=recommendation.status, due=selectors.current_due(recommendation), today=today)
        )
        target = _next_level(recommendation)
        if target is None:
            raise fail("oversight.recommendation.no_higher_level")
        unit, name = target
        level = recommendation.escalations.count() + 1
        escalation = Escalation(
            recommendation=recommendation,
            level=level,
            addressee_unit=unit,
            addressee_name=name,
            sent_on=today,
            note=note.strip(),
            created_by=actor,
            created_at=moment,
        )
        escalation.document = papers.escalation_issue(
            recommendation=recommendation,
            escalation=escalation,
            due=selectors.current_due(recommendation),
            actor=actor,
            now=moment,
        )
        escalation.save()
        audit_record(
            code="oversight.recommendation.escalated",
            actor=actor,
            unit=recommendation.board.unit,
            obj=recommendation,
            after={
                "level": level,
                "addressee_unit": unit.pk,
                "addressee_name": name,
                "sent_on": today,
                "document": escalation.document_id,
            },
            now=moment,
        )
    return escalation


# ---------------------------------------------------------------------------------------------
# Reports of the boards to the Front / the union, as official documents
# ---------------------------------------------------------------------------------------------


def board_report_issue(
    *, board: Board, year: int, period: str, actor: Any, assessment: str = "", now: dt.datetime | None = None
) -> BoardReport:
    """Issue the board's quarterly, 6-monthly, yearly or end-of-term report ([ND59] arts 14(3), 18(3), 22(3),
    26(3)) from the recorded work, once the period is over; one report per period."""
    moment, today = _moment(now)
    with transaction.atomic():
        board = _locked_board(board)
        _require_work(actor, board, today)
        span = rules.report_period(
            period,
            year,
            term_start=board.term_start,
            term_end=board.term_end,
            cutoff_day=selectors.report_cutoff_day(),
        )
        if span is None:
            raise fail("oversight.report.period_unknown")
        first, last = span
        if today <= last and period != rules.TERM_REPORT:
            raise fail("oversight.report.period_not_over", last=last)
        if BoardReport.objects.filter(board=board, year=year, period=period).exists():
            raise fail("oversight.report.already_issued")
        figures = selectors.report_figures(board, first, last, today)
        label = selectors.report_label(period, year)
        document = papers.report_issue(
            board=board,
            label=label,
            first=first,
            last=last,
            figures=figures,
            assessment=assessment.strip(),
            actor=actor,
            now=moment,
        )
        report = BoardReport.objects.create(
            board=board,
            year=year,
            period=period,
            first_day=first,
            last_day=last,
            figures=figures,
            assessment=assessment.strip(),
            document=document,
            issued_by=actor,
            issued_at=moment,
        )
        audit_record(
            code="oversight.report.issued",
            actor=actor,
            unit=board.unit,
            obj=report,
            after={"board": board.pk, "year": year, "period": period, "document": document.pk, "figures": figures},
            now=moment,
        )
    return report


def board_report_publish(*, report: BoardReport, actor: Any, now: dt.datetime | None = None) -> BoardReport:
    """An agency's or SOE's board publishes an issued periodic report to the staff of its organisation, once:
    the organisation's internal disclosure (A8 / S8, ``publication.category_code``) with the report's PDF, on the
    staff's disclosure pages ([L] arts 46(8), 47–48, 61–63, 64(1)(h), 65–66, 79–81; law.md §2, §3.1)."""
    moment, today = _moment(now)
    with transaction.atomic():
        report = (
            BoardReport.objects.select_for_update(of=("self",))
            .select_related("board", "board__unit", "board__organisation", "document")
            .get(pk=report.pk)
        )
        board = report.board
        _require_work(actor, board, today)
        if board.organisation_id is None:
            raise fail("oversight.report.not_organisation")
        if report.staff_disclosure_id is not None:
            raise fail("oversight.report.already_published")
        report.staff_disclosure = publication.report_publish(report=report, actor=actor, now=moment)
        report.save(update_fields=["staff_disclosure"])
        audit_record(
            code="oversight.report.published_to_staff",
            actor=actor,
            unit=board.unit,
            obj=report,
            before={"staff_disclosure": None},
            after={
                "board": board.pk,
                "organisation": board.organisation_id,
                "year": report.year,
                "period": report.period,
                "staff_disclosure": report.staff_disclosure_id,
                "category": publication.category_code(board),
            },
            now=moment,
        )
    return report


# ---------------------------------------------------------------------------------------------
# Work programmes: yearly, 6-monthly, quarterly ([L] art. 39; [ND59] arts 14(1), 22(1), 26(1))
# ---------------------------------------------------------------------------------------------


def programme_create(
    *, board: Board, kind: str, year: int, number: int, actor: Any, now: dt.datetime | None = None
) -> Programme:
    moment, today = _moment(now)
    with transaction.atomic():
        board = _locked_board(board)
        _require_work(actor, board, today)
        _require_open(board)
        span = rules.programme_period(kind, year, number)
        if span is None:
            raise fail("oversight.programme.period_unknown")
        if Programme.objects.filter(board=board, kind=kind, year=year, number=number).exists():
            raise fail("oversight.programme.exists")
        programme = Programme.objects.create(
            board=board, kind=kind, year=year, number=number, first_day=span[0], last_day=span[1], created_by=actor
        )
        audit_record(
            code="oversight.programme.created",
            actor=actor,
            unit=board.unit,
            obj=programme,
            after={"board": board.pk, "kind": kind, "year": year, "number": number},
            now=moment,
        )
    return programme


def programme_item_add(
    *,
    programme: Programme,
    text: str,
    due_on: dt.date,
    actor: Any,
    inspection: Inspection | None = None,
    now: dt.datetime | None = None,
) -> ProgrammeItem:
    """A piece of work with its due date; the dashboard lists it and notifications remind before the date."""
    moment, today = _moment(now)
    _require_dates(due_on)
    with transaction.atomic():
        programme = Programme.objects.select_for_update().select_related("board", "board__unit").get(pk=programme.pk)
        _require_work(actor, programme.board, today)
        if not text.strip():
            raise fail("oversight.programme.text_required")
        _raise(
            rules.check_programme_item_due(due_on=due_on, first_day=programme.first_day, last_day=programme.last_day)
        )
        if inspection is not None and inspection.board_id != programme.board_id:
            raise fail("oversight.not_authorised")
        item = ProgrammeItem.objects.create(
            programme=programme, text=text.strip(), due_on=due_on, inspection=inspection
        )
        audit_record(
            code="oversight.programme.item_added",
            actor=actor,
            unit=programme.board.unit,
            obj=item,
            after={"programme": programme.pk, "text": item.text, "due_on": due_on},
            now=moment,
        )
    return item


def programme_item_done(*, item: ProgrammeItem, actor: Any, now: dt.datetime | None = None) -> ProgrammeItem:
    moment, today = _moment(now)
    with transaction.atomic():
        item = (
            ProgrammeItem.objects.select_for_update(of=("self",))
            .select_related("programme__board__unit")
            .get(pk=item.pk)
        )
        _require_work(actor, item.programme.board, today)
        if item.done_on is not None:
            raise fail("oversight.programme.item_done")
        item.done_on = today
        item.save(update_fields=["done_on"])
        audit_record(
            code="oversight.programme.item_done",
            actor=actor,
            unit=item.programme.board.unit,
            obj=item,
            before={"done_on": None},
            after={"done_on": today},
            now=moment,
        )
    return item


# ---------------------------------------------------------------------------------------------
# Decisions of the board, by majority of its members ([ND59] art. 12)
# ---------------------------------------------------------------------------------------------


def board_vote_record(
    *,
    board: Board,
    held_on: dt.date,
    subject: str,
    votes_for: int,
    votes_against: int,
    abstentions: int,
    actor: Any,
    recommendation: Recommendation | None = None,
    now: dt.datetime | None = None,
) -> BoardVote:
    """Record the vote of a board meeting; the board's size that day is counted here, and whether it carried is
    ``rules.is_adopted`` (more than half of the members)."""
    moment, today = _moment(now)
    _require_dates(held_on)
    with transaction.atomic():
        board = _locked_board(board)
        _require_work(actor, board, today)
        _require_open(board)
        if not subject.strip():
            raise fail("oversight.vote.subject_required")
        if held_on > today:
            raise fail("oversight.vote.in_future")
        if recommendation is not None and recommendation.board_id != board.pk:
            raise fail("oversight.not_authorised")
        members = len(selectors.active_members(board, held_on))
        _raise(
            rules.check_vote(votes_for=votes_for, votes_against=votes_against, abstentions=abstentions, members=members)
        )
        vote = BoardVote.objects.create(
            board=board,
            held_on=held_on,
            subject=subject.strip(),
            members=members,
            votes_for=votes_for,
            votes_against=votes_against,
            abstentions=abstentions,
            recommendation=recommendation,
            recorded_by=actor,
            recorded_at=moment,
        )
        audit_record(
            code="oversight.vote.recorded",
            actor=actor,
            unit=board.unit,
            obj=vote,
            after={
                "board": board.pk,
                "held_on": held_on,
                "subject": vote.subject,
                "members": members,
                "votes_for": votes_for,
                "votes_against": votes_against,
                "abstentions": abstentions,
                "adopted": rules.is_adopted(votes_for=votes_for, members=members),
                "recommendation": recommendation.pk if recommendation is not None else None,
            },
            now=moment,
        )
    return vote
