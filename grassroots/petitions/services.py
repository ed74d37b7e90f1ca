"""Writes of citizens' cases: intake from every channel, the steps of each kind, the confidential identity.

Every write is keyword-only, inside ``transaction.atomic``, locks the case, asks ``rules`` and audits. A status
moves only through ``core.services.state_change`` and the kind's literal table.

Confidentiality ([L] art. 9(2); Law on Denunciations art. 47): no audit event ever carries a name, phone or
address; when the person behind a confidential case acts themself (files online, rates, reopens, withdraws),
the event's actor is left empty, because the actor's login would name them to anyone reading the trail.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import decimal
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.text import get_valid_filename
from django.utils.translation import gettext_lazy as _

from grassroots.accounts import selectors as account_selectors
from grassroots.accounts.models import Role
from grassroots.accounts.rules import Action
from grassroots.core import clock
from grassroots.core.errors import DomainError, RuleResult
from grassroots.core.services import audit_record, state_change
from grassroots.petitions import rules, selectors
from grassroots.petitions.models import (
    Acknowledgement,
    Case,
    CaseAssignment,
    CaseAttachment,
    CaseChannel,
    CaseExtension,
    CaseIdentity,
    CaseKind,
    CasePause,
    CaseStatus,
    IdentityAccess,
)
from grassroots.units.models import AdministrativeUnit

MESSAGES: Mapping[str, Any] = {
    "petitions.case.bad_transition": _("Thao tác này không thực hiện được ở trạng thái hiện tại của vụ việc."),
    "petitions.case.title_required": _("Hãy nhập tiêu đề."),
    "petitions.case.content_required": _("Hãy nhập nội dung."),
    "petitions.case.name_required": _("Hãy nhập họ và tên người gửi."),
    "petitions.case.received_in_future": _("Ngày tiếp nhận không được sau hôm nay."),
    "petitions.case.unknown_kind": _("Loại vụ việc không hợp lệ."),
    "petitions.case.unknown_channel": _("Hình thức tiếp nhận không hợp lệ."),
    "petitions.case.online_is_the_citizen": _("Vụ việc gửi trực tuyến phải do chính người gửi nộp."),
    "petitions.case.open311_is_anonymous": _("Vụ việc gửi qua Open311 không gắn với tài khoản."),
    "petitions.case.public_only_feedback": _("Chỉ phản ánh, kiến nghị mới có thể công khai."),
    "petitions.case.map_needs_address": _("Hãy ghi địa chỉ của địa điểm; không chỉ chọn trên bản đồ."),
    "petitions.location.latitude_out_of_range": _("Vĩ độ ở Việt Nam là từ 6,5 đến 23,5 (ví dụ 21.028511)."),
    "petitions.location.longitude_out_of_range": _("Kinh độ ở Việt Nam là từ 102 đến 118 (ví dụ 105.804817)."),
    "petitions.location.both_or_neither": _("Hãy nhập cả vĩ độ và kinh độ, hoặc để trống cả hai."),
    "petitions.case.community_elsewhere": _("Thôn, tổ dân phố không thuộc xã, phường này."),
    "petitions.case.not_authorised": _("Bạn không có thẩm quyền với vụ việc này."),
    "petitions.case.not_the_filer": _("Chỉ người gửi mới làm được việc này."),
    "petitions.case.reason_required": _("Hãy ghi lý do."),
    "petitions.case.forwarded_to_required": _("Hãy ghi cơ quan có thẩm quyền được chuyển đến."),
    "petitions.case.handler_cannot_handle": _("Người được giao không phải cán bộ xử lý vụ việc của xã, phường này."),
    "petitions.case.answer_required": _("Hãy nhập nội dung trả lời."),
    "petitions.case.reopen_period_over": _("Đã hết thời hạn đề nghị xem xét lại."),
    "petitions.case.not_answered": _("Vụ việc chưa được trả lời."),
    "petitions.case.bad_rating": _("Mức độ hài lòng từ 1 đến 5."),
    "petitions.case.already_rated": _("Bạn đã đánh giá vụ việc này; mỗi vụ việc chỉ đánh giá một lần."),
    "petitions.case.rating_comment_too_long": _("Ý kiến không quá %(max_characters)s ký tự."),
    "petitions.case.already_accepted": _("Vụ việc đã được thụ lý."),
    "petitions.case.kind_fixed": _("Chỉ phân loại lại được trước khi thông báo thụ lý."),
    "petitions.photo.too_many": _("Gửi tối đa %(max_photos)s ảnh."),
    "petitions.photo.too_large": _("Ảnh %(name)s lớn hơn %(max_mb)s MB."),
    "petitions.photo.bad_type": _("Tệp %(name)s không phải ảnh JPEG, PNG hoặc WebP."),
    "petitions.extension.bad_days": _("Mỗi lần gia hạn không quá %(max_days)s ngày."),
    "petitions.extension.too_many": _("Vụ việc ở mức độ này được gia hạn tối đa %(allowed)s lần."),
    "petitions.extension.only_denunciations": _("Chỉ gia hạn giải quyết tố cáo theo quyết định bằng văn bản."),
    "petitions.extension.decision_required": _("Hãy ghi số quyết định gia hạn."),
    "petitions.complaint.filed_late_not_accepted": _(
        "Khiếu nại gửi quá thời hiệu 90 ngày mà không có lý do chính đáng: không được thụ lý. Hãy thông báo không "
        "thụ lý và nêu lý do, hoặc ghi số ngày có trở ngại khách quan (ốm đau, thiên tai…) nếu người khiếu nại có."
    ),
    "petitions.complaint.bad_obstacle_days": _("Số ngày có trở ngại từ 0 đến %(max_days)s."),
    "petitions.complaint.obstacle_reason_required": _(
        "Hãy ghi lý do trở ngại khách quan (ốm đau, thiên tai, địch họa, đi công tác, học tập ở nơi xa…)."
    ),
    "petitions.complaint.act_after_receipt": _(
        "Ngày biết được quyết định, hành vi bị khiếu nại không được sau ngày tiếp nhận."
    ),
    "petitions.complaint.only_complaints": _("Thời hiệu chỉ áp dụng cho khiếu nại."),
    "petitions.complaint.filing_fixed": _("Chỉ ghi thời hiệu trước khi thông báo thụ lý."),
    "petitions.pause.not_lawful": _("Lý do này không được tạm dừng thời hạn của loại vụ việc này."),
    "petitions.pause.already_paused": _("Thời hạn đang tạm dừng."),
    "petitions.pause.not_paused": _("Thời hạn không tạm dừng."),
    "petitions.pause.not_open": _("Chỉ tạm dừng thời hạn khi vụ việc đang xử lý."),
}


def _fail(code: str, **params: Any) -> DomainError:
    message = MESSAGES.get(code, code)
    text = str(message)
    if params:
        with contextlib.suppress(KeyError, TypeError, ValueError):
            text = text % params
    return DomainError(code, text, **params)


def _enforce(result: RuleResult) -> None:
    if not result:
        raise _fail(result.code, **result.params)


def _snapshot(case: Case) -> dict[str, Any]:
    """What the audit trail keeps of a case: never the identity."""
    return {
        "status": case.status,
        "kind": case.kind,
        "handler": case.handler_id,
        "acknowledgement": case.acknowledgement,
        "accepted_on": case.accepted_on,
        "answered_on": case.answered_on,
        "complexity": case.complexity,
        "several_places": case.several_places,
        "satisfaction": case.satisfaction,
        "reopened_on": case.reopened_on,
        "filed_late": case.filed_late,
    }


def _is_filer(case: Case, user: Any) -> bool:
    if user is None or not getattr(user, "is_authenticated", False):
        return False
    return CaseIdentity.objects.filter(case=case, user=user).exists()


def _audit_actor(case: Case, actor: Any) -> Any:
    """The confidential filer is never named as an actor (see the module docstring)."""
    if case.is_confidential and _is_filer(case, actor):
        return None
    return actor


def _save(case: Case, *, verb: str, actor: Any, moment: dt.datetime, target: str | None = None) -> None:
    state_change(
        case,
        code=f"petitions.case.{verb}",
        actor=_audit_actor(case, actor),
        unit=case.unit_id,
        snapshot=_snapshot,
        now=moment,
        target=target,
        check=lambda current, wanted: rules.check_transition(case.kind, current, wanted),
        refused=lambda result: _fail("petitions.case.bad_transition", **result.params),
    )


def _require(actor: Any, action: Action, case: Case, on: dt.date) -> None:
    if not account_selectors.user_can(actor, action, case.unit_id, on):
        raise _fail("petitions.case.not_authorised")


def _lock(case: Case) -> Case:
    return Case.objects.select_for_update().get(pk=case.pk)


# ---------------------------------------------------------------------------------------------
# Intake
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Citizen:
    """The person behind a case, as typed (or as their account says, online)."""

    full_name: str
    phone: str = ""
    address: str = ""
    user: Any = None


def case_receive(
    *,
    unit: AdministrativeUnit,
    kind: str,
    channel: str,
    title: str,
    content: str,
    citizen: Citizen,
    actor: Any,
    community: AdministrativeUnit | None = None,
    received_on: dt.date | None = None,
    confidentiality_requested: bool = False,
    is_public: bool = False,
    location_address: str = "",
    latitude: decimal.Decimal | None = None,
    longitude: decimal.Decimal | None = None,
    act_known_on: dt.date | None = None,
    filing_obstacle_days: int = 0,
    filing_obstacle_reason: str = "",
    photos: Sequence[tuple[str, bytes]] = (),
    now: dt.datetime | None = None,
) -> Case:
    """Record a case from any channel: a citizen online (``actor`` is the citizen), or an officer entering one
    received in person, by phone, letter or hotline, at a reception session, or forwarded by the board or the Front.
    """
    moment = now or clock.now()
    today = clock.localdate(moment)
    day = received_on or today
    if kind not in CaseKind.values:
        raise _fail("petitions.case.unknown_kind")
    if channel not in CaseChannel.values:
        raise _fail("petitions.case.unknown_channel")
    if not title.strip():
        raise _fail("petitions.case.title_required")
    if not content.strip():
        raise _fail("petitions.case.content_required")
    if not citizen.full_name.strip():
        raise _fail("petitions.case.name_required")
    if day > today:
        raise _fail("petitions.case.received_in_future")
    online = channel in (CaseChannel.ONLINE, CaseChannel.OPEN311)
    if channel == CaseChannel.ONLINE and (citizen.user is None or getattr(actor, "pk", None) != citizen.user.pk):
        raise _fail("petitions.case.online_is_the_citizen")
    if channel == CaseChannel.OPEN311 and (actor is not None or citizen.user is not None):
        raise _fail("petitions.case.open311_is_anonymous")
    if not online:
        _require_in_unit(actor, Action.HANDLE_CASES, unit, today)
    if is_public and kind not in (CaseKind.FEEDBACK, CaseKind.PETITION):
        raise _fail("petitions.case.public_only_feedback")
    _enforce(rules.check_coordinates(latitude=latitude, longitude=longitude))
    if (latitude is not None or longitude is not None) and not location_address.strip():
        raise _fail("petitions.case.map_needs_address")
    if latitude is not None and longitude is not None:
        latitude, longitude = rules.rounded_coordinates(latitude, longitude)
    if community is not None and community.parent_id != unit.pk:
        raise _fail("petitions.case.community_elsewhere")
    _enforce(rules.check_photos(photos))
    _enforce(rules.check_act_known_on(act_known_on=act_known_on, received_on=day))
    _enforce(rules.check_filing_obstacle(days=filing_obstacle_days, reason=filing_obstacle_reason))
    if kind != CaseKind.COMPLAINT:
        act_known_on, filing_obstacle_days, filing_obstacle_reason = None, 0, ""
    filed_late = rules.complaint_filed_late(
        kind=kind,
        act_known_on=act_known_on,
        received_on=day,
        calendar=selectors.public_calendar(),
        obstacle_days=filing_obstacle_days,
    )
    confidential = rules.identity_is_confidential(kind=kind, confidentiality_requested=confidentiality_requested)
    with transaction.atomic():
        case = Case.objects.create(
            unit=unit,
            community=community,
            kind=kind,
            channel=channel,
            title=title.strip()[:200],
            content=content.strip(),
            received_on=day,
            confidentiality_requested=confidentiality_requested,
            is_confidential=confidential,
            is_public=is_public,
            location_address=location_address.strip()[:300],
            latitude=latitude if location_address.strip() else None,
            longitude=longitude if location_address.strip() else None,
            act_known_on=act_known_on,
            filing_obstacle_days=filing_obstacle_days,
            filing_obstacle_reason=filing_obstacle_reason.strip(),
            filed_late=filed_late,
            remote_area=unit.code in selectors.remote_commune_codes(),
        )
        CaseIdentity.objects.create(
            case=case,
            full_name=citizen.full_name.strip()[:200],
            phone=citizen.phone.strip()[:30],
            address=citizen.address.strip()[:300],
            user=citizen.user,
        )
        for name, data in photos:
            attachment = CaseAttachment(
                case=case,
                original_name=name[:255],
                content_type=rules.photo_type(data) or "",
                size=len(data),
            )
            attachment.file.save(get_valid_filename(name) or "anh", ContentFile(data), save=False)
            attachment.save()
        audit_record(
            code="petitions.case.received",
            actor=None if online and confidential else actor,
            unit=unit,
            obj=case,
            after={
                **_snapshot(case),
                "channel": channel,
                "received_on": day,
                "is_public": is_public,
                "is_confidential": confidential,
                "photos": len(photos),
                "act_known_on": act_known_on,
                "filing_obstacle_days": filing_obstacle_days,
                "filed_late": filed_late,
            },
            now=moment,
        )
        if selectors.routing_enabled():
            from grassroots.petitions.desk import case_route

            case_route(case=case, now=moment)
    return case


def _require_in_unit(actor: Any, action: Action, unit: AdministrativeUnit | int, on: dt.date) -> None:
    if not account_selectors.user_can(actor, action, unit, on):
        raise _fail("petitions.case.not_authorised")


def case_classify(
    *,
    case: Case,
    kind: str,
    complexity: str,
    several_places: bool,
    actor: Any,
    now: dt.datetime | None = None,
) -> Case:
    """Classify the case (the citizen's own choice of kind may be corrected before acknowledgement) and record how
    complex it is and whether it needs checks in several places (these set the clocks)."""
    moment = now or clock.now()
    with transaction.atomic():
        locked = _lock(case)
        _require(actor, Action.HANDLE_CASES, locked, clock.localdate(moment))
        if kind not in CaseKind.values:
            raise _fail("petitions.case.unknown_kind")
        if kind != locked.kind and locked.status != CaseStatus.RECEIVED:
            raise _fail("petitions.case.kind_fixed")
        if kind not in (CaseKind.FEEDBACK, CaseKind.PETITION):
            locked.is_public = False
        locked.kind = kind
        locked.complexity = complexity
        locked.several_places = several_places
        locked.is_confidential = rules.identity_is_confidential(
            kind=kind, confidentiality_requested=locked.confidentiality_requested
        )
        if kind != CaseKind.COMPLAINT:
            locked.act_known_on, locked.filing_obstacle_days, locked.filing_obstacle_reason = None, 0, ""
        locked.filed_late = rules.complaint_filed_late(
            kind=kind,
            act_known_on=locked.act_known_on,
            received_on=locked.received_on,
            calendar=selectors.public_calendar(),
            obstacle_days=locked.filing_obstacle_days,
        )
        _save(locked, verb="classified", actor=actor, moment=moment)
    return locked


def complaint_filing_record(
    *,
    case: Case,
    act_known_on: dt.date,
    obstacle_days: int,
    obstacle_reason: str,
    actor: Any,
    now: dt.datetime | None = None,
) -> Case:
    """Record, before the acknowledgement, the day the complainant learnt of the act and the days an objective
    obstacle (illness, disaster, war, work or study far away…) kept them from complaining, with the reason; the
    filing period is checked again (Law on Complaints art. 9; law.md §4.2)."""
    moment = now or clock.now()
    _enforce(rules.check_filing_obstacle(days=obstacle_days, reason=obstacle_reason))
    with transaction.atomic():
        locked = _lock(case)
        _require(actor, Action.HANDLE_CASES, locked, clock.localdate(moment))
        if locked.kind != CaseKind.COMPLAINT:
            raise _fail("petitions.complaint.only_complaints")
        if locked.status != CaseStatus.RECEIVED:
            raise _fail("petitions.complaint.filing_fixed")
        _enforce(rules.check_act_known_on(act_known_on=act_known_on, received_on=locked.received_on))
        locked.act_known_on = act_known_on
        locked.filing_obstacle_days = obstacle_days
        locked.filing_obstacle_reason = obstacle_reason.strip() if obstacle_days else ""
        locked.filed_late = rules.complaint_filed_late(
            kind=locked.kind,
            act_known_on=act_known_on,
            received_on=locked.received_on,
            calendar=selectors.public_calendar(),
            obstacle_days=obstacle_days,
        )
        locked.save(
            update_fields=[
                "act_known_on",
                "filing_obstacle_days",
                "filing_obstacle_reason",
                "filed_late",
                "updated_at",
            ]
        )
        audit_record(
            code="petitions.case.filing_recorded",
            actor=actor,
            unit=locked.unit_id,
            obj=locked,
            after={
                "act_known_on": act_known_on,
                "filing_obstacle_days": obstacle_days,
                "filed_late": locked.filed_late,
            },
            now=moment,
        )
    return locked


# ---------------------------------------------------------------------------------------------
# The steps
# ---------------------------------------------------------------------------------------------


def case_acknowledge(*, case: Case, outcome: str, note: str = "", actor: Any, now: dt.datetime | None = None) -> Case:
    """Tell the citizen one of the four answers of Law on Citizen Reception art. 28(1)."""
    moment = now or clock.now()
    today = clock.localdate(moment)
    targets: dict[str, str] = {
        Acknowledgement.ACCEPTED: CaseStatus.ACKNOWLEDGED,
        Acknowledgement.MORE_TIME: CaseStatus.ACKNOWLEDGED,
        Acknowledgement.REFUSED: CaseStatus.REFUSED,
        Acknowledgement.FORWARDED: CaseStatus.FORWARDED,
    }
    if outcome not in targets:
        raise _fail("petitions.case.bad_transition", current="", target=outcome)
    if outcome == Acknowledgement.REFUSED and not note.strip():
        raise _fail("petitions.case.reason_required")
    if outcome == Acknowledgement.FORWARDED and not note.strip():
        raise _fail("petitions.case.forwarded_to_required")
    with transaction.atomic():
        locked = _lock(case)
        _require(actor, Action.HANDLE_CASES, locked, today)
        _enforce(rules.check_acknowledgement_of_late_complaint(filed_late=locked.filed_late, outcome=outcome))
        locked.acknowledgement = outcome
        locked.acknowledged_on = today
        locked.acknowledgement_note = note.strip()
        if outcome == Acknowledgement.ACCEPTED:
            locked.accepted_on = today
        _save(locked, verb="acknowledged", actor=actor, moment=moment, target=targets[outcome])
    return locked


def case_accept(*, case: Case, actor: Any, now: dt.datetime | None = None) -> Case:
    """Accept (thụ lý) a case whose acknowledgement said more time was needed: the resolution clock starts."""
    moment = now or clock.now()
    today = clock.localdate(moment)
    with transaction.atomic():
        locked = _lock(case)
        _require(actor, Action.HANDLE_CASES, locked, today)
        if locked.accepted_on is not None:
            raise _fail("petitions.case.already_accepted")
        _enforce(rules.check_acknowledgement_of_late_complaint(filed_late=locked.filed_late, outcome="accepted"))
        if locked.status not in rules.OPEN_STATUSES or locked.status == CaseStatus.RECEIVED:
            raise _fail("petitions.case.bad_transition", current=locked.status, target="accepted")
        locked.accepted_on = today
        _save(locked, verb="accepted", actor=actor, moment=moment)
    return locked


def case_assign(*, case: Case, handler: Any, reason: str = "", actor: Any, now: dt.datetime | None = None) -> Case:
    """Route the case to an officer; a reassignment needs a reason and keeps the history."""
    moment = now or clock.now()
    today = clock.localdate(moment)
    with transaction.atomic():
        locked = _lock(case)
        _require(actor, Action.ASSIGN_CASES, locked, today)
        if not account_selectors.user_can(handler, Action.HANDLE_CASES, locked.unit_id, today):
            raise _fail("petitions.case.handler_cannot_handle")
        reassigning = locked.handler_id is not None and locked.status in (
            CaseStatus.ASSIGNED,
            CaseStatus.IN_PROGRESS,
        )
        if reassigning and not reason.strip():
            raise _fail("petitions.case.reason_required")
        CaseAssignment.objects.create(
            case=locked, handler=handler, assigned_by=actor, assigned_at=moment, reason=reason.strip()
        )
        locked.handler = handler
        if reassigning:
            _save(locked, verb="reassigned", actor=actor, moment=moment)
        else:
            _save(locked, verb="assigned", actor=actor, moment=moment, target=CaseStatus.ASSIGNED)
    return locked


def _require_handler_or_assigner(actor: Any, case: Case, on: dt.date) -> None:
    if case.handler_id is not None and case.handler_id == getattr(actor, "pk", None):
        _require(actor, Action.HANDLE_CASES, case, on)
        return
    _require(actor, Action.ASSIGN_CASES, case, on)


def case_start(*, case: Case, actor: Any, now: dt.datetime | None = None) -> Case:
    moment = now or clock.now()
    with transaction.atomic():
        locked = _lock(case)
        _require_handler_or_assigner(actor, locked, clock.localdate(moment))
        _save(locked, verb="started", actor=actor, moment=moment, target=CaseStatus.IN_PROGRESS)
    return locked


def case_answer(*, case: Case, answer: str, actor: Any, now: dt.datetime | None = None) -> Case:
    """The answer to the citizen, dated by the clock (a late answer cannot look on time)."""
    moment = now or clock.now()
    if not answer.strip():
        raise _fail("petitions.case.answer_required")
    with transaction.atomic():
        locked = _lock(case)
        _require_handler_or_assigner(actor, locked, clock.localdate(moment))
        locked.answer = answer.strip()
        locked.answered_on = clock.localdate(moment)
        _save(locked, verb="answered", actor=actor, moment=moment, target=CaseStatus.ANSWERED)
    return locked


def case_close(*, case: Case, actor: Any, now: dt.datetime | None = None) -> Case:
    moment = now or clock.now()
    with transaction.atomic():
        locked = _lock(case)
        _require_handler_or_assigner(actor, locked, clock.localdate(moment))
        locked.closed_on = clock.localdate(moment)
        _save(locked, verb="closed", actor=actor, moment=moment, target=CaseStatus.CLOSED)
    return locked


def _require_filer(case: Case, actor: Any) -> None:
    if not _is_filer(case, actor):
        raise _fail("petitions.case.not_the_filer")


def case_withdraw(*, case: Case, actor: Any, now: dt.datetime | None = None) -> Case:
    """The citizen withdraws their case (Law on Complaints art. 10; Law on Denunciations art. 33)."""
    moment = now or clock.now()
    with transaction.atomic():
        locked = _lock(case)
        _require_filer(locked, actor)
        _save(locked, verb="withdrawn", actor=actor, moment=moment, target=CaseStatus.WITHDRAWN)
    return locked


def case_rate(*, case: Case, rating: int, actor: Any, comment: str = "", now: dt.datetime | None = None) -> Case:
    """The sender's satisfaction with how their case was handled, 1 to 5 with an optional comment, once per case
    ([L] art. 35). The comment is kept on the case, not in the audit trail (it may say who the sender is)."""
    moment = now or clock.now()
    with transaction.atomic():
        locked = _lock(case)
        _require_filer(locked, actor)
        _enforce(
            rules.check_rating(
                status=locked.status,
                rating=rating,
                already_rated=locked.satisfaction is not None,
                comment=comment.strip(),
            )
        )
        locked.satisfaction = rating
        locked.satisfaction_comment = comment.strip()
        locked.rated_on = clock.localdate(moment)
        _save(locked, verb="rated", actor=actor, moment=moment)
    return locked


def case_reopen(*, case: Case, reason: str, actor: Any, now: dt.datetime | None = None) -> Case:
    """The citizen asks for another look within the reopening period (setting ``GRASSROOTS_PETITIONS_REOPEN_DAYS``)."""
    moment = now or clock.now()
    today = clock.localdate(moment)
    if not reason.strip():
        raise _fail("petitions.case.reason_required")
    with transaction.atomic():
        locked = _lock(case)
        _require_filer(locked, actor)
        _enforce(
            rules.check_reopen(
                kind=locked.kind,
                status=locked.status,
                answered_on=locked.answered_on,
                today=today,
                reopen_days=selectors.reopen_days(),
            )
        )
        locked.reopened_on = today
        locked.closed_on = None
        _save(locked, verb="reopened", actor=actor, moment=moment, target=CaseStatus.REOPENED)
        audit_record(
            code="petitions.case.reopen_reason",
            actor=_audit_actor(locked, actor),
            unit=locked.unit_id,
            obj=locked,
            after={"reason": reason.strip()},
            now=moment,
        )
    return locked


def case_extend(
    *,
    case: Case,
    days: int,
    reason: str,
    actor: Any,
    now: dt.datetime | None = None,
) -> CaseExtension:
    """A written decision extending a denunciation's resolution (Law on Denunciations art. 30(1)), issued through
    ``documents.document_issue`` in the chair's name and numbered by the commune's register; the extension is
    recorded with that number. Nothing is written when the document cannot be issued (no chair, say)."""
    from grassroots.petitions.papers import extension_document

    moment = now or clock.now()
    today = clock.localdate(moment)
    if not reason.strip():
        raise _fail("petitions.case.reason_required")
    with transaction.atomic():
        locked = _lock(case)
        _require(actor, Action.ASSIGN_CASES, locked, today)
        if locked.kind != CaseKind.DENUNCIATION:
            raise _fail("petitions.extension.only_denunciations")
        if locked.status not in rules.OPEN_STATUSES:
            raise _fail("petitions.case.bad_transition", current=locked.status, target="extended")
        _enforce(
            rules.check_denunciation_extension(
                complexity=locked.complexity, extensions_used=locked.extensions.count(), days=days
            )
        )
        ordinal = locked.extensions.count() + 1
        document = extension_document(
            case=locked, days=days, reason=reason.strip(), ordinal=ordinal, actor=actor, now=moment
        )
        extension = CaseExtension.objects.create(
            case=locked,
            days=days,
            decided_on=today,
            decision_number=document.number_label[:50],
            reason=reason.strip(),
            decided_by=actor,
            document=document,
        )
        audit_record(
            code="petitions.case.extended",
            actor=actor,
            unit=locked.unit_id,
            obj=locked,
            after={
                "days": days,
                "decision_number": extension.decision_number,
                "decided_on": today,
                "document": document.pk,
            },
            now=moment,
        )
    return extension


def case_pause(*, case: Case, reason: str, note: str = "", actor: Any, now: dt.datetime | None = None) -> CasePause:
    """Stop the resolution clock for a recorded, lawful reason (``rules.LAWFUL_PAUSE_REASONS``)."""
    moment = now or clock.now()
    today = clock.localdate(moment)
    with transaction.atomic():
        locked = _lock(case)
        _require_handler_or_assigner(actor, locked, today)
        _enforce(rules.check_pause(kind=locked.kind, reason=reason))
        if locked.status not in rules.OPEN_STATUSES:
            raise _fail("petitions.pause.not_open")
        if locked.pauses.filter(resumed_on__isnull=True).exists():
            raise _fail("petitions.pause.already_paused")
        pause = CasePause.objects.create(
            case=locked, reason=reason, note=note.strip(), paused_on=today, recorded_by=actor
        )
        audit_record(
            code="petitions.case.paused",
            actor=actor,
            unit=locked.unit_id,
            obj=locked,
            after={"reason": reason, "paused_on": today},
            now=moment,
        )
    return pause


def case_resume(*, case: Case, actor: Any, now: dt.datetime | None = None) -> CasePause:
    """Start the clock again the day after the pause ends (the pause's last day is not counted)."""
    moment = now or clock.now()
    today = clock.localdate(moment)
    with transaction.atomic():
        locked = _lock(case)
        _require_handler_or_assigner(actor, locked, today)
        pause = locked.pauses.select_for_update().filter(resumed_on__isnull=True).first()
        if pause is None:
            raise _fail("petitions.pause.not_paused")
        pause.resumed_on = max(today, pause.paused_on + dt.timedelta(days=1))
        pause.save(update_fields=["resumed_on"])
        audit_record(
            code="petitions.case.resumed",
            actor=actor,
            unit=locked.unit_id,
            obj=locked,
            after={"paused_on": pause.paused_on, "resumed_on": pause.resumed_on},
            now=moment,
        )
    return pause


# ---------------------------------------------------------------------------------------------
# The identity: masked, and every look logged
# ---------------------------------------------------------------------------------------------


def may_see_identity(case: Case, viewer: Any, on: dt.date | None = None) -> bool:
    day = on or clock.today()
    authenticated = viewer is not None and getattr(viewer, "is_authenticated", False)
    viewer_id = int(viewer.pk) if authenticated else None
    return rules.may_see_identity(
        is_confidential=case.is_confidential,
        viewer_id=viewer_id,
        handler_id=case.handler_id,
        viewer_is_chair=authenticated and account_selectors.has_role(viewer, Role.COMMUNE_CHAIR, case.unit_id, day),
        viewer_is_filer=authenticated and _is_filer(case, viewer),
        viewer_may_handle=authenticated and account_selectors.user_can(viewer, Action.HANDLE_CASES, case.unit_id, day),
    )


def identity_reveal(*, case: Case, viewer: Any, place: str, now: dt.datetime | None = None) -> CaseIdentity | None:
    """The identity if ``viewer`` may see it, else ``None`` (show ``rules.MASK``). A look at a confidential identity
    by anyone but the person themself is written to the append-only ``IdentityAccess`` log."""
    moment = now or clock.now()
    if not may_see_identity(case, viewer, clock.localdate(moment)):
        return None
    identity = CaseIdentity.objects.filter(case=case).first()
    if identity is not None and case.is_confidential and identity.user_id != viewer.pk:
        IdentityAccess.objects.create(case=case, viewer=viewer, viewed_at=moment, place=place[:100])
    return identity
