"""Writes of citizen reception and dialogue conferences.

Every write is keyword-only, inside ``transaction.atomic``, checks the Action matrix and the rules, and audits.
A dialogue conference's status moves only through ``core.services.state_change`` and ``rules.DIALOGUE_TRANSITIONS``.

Confidentiality ([L] art. 9(2); Law on Denunciations art. 47): a matter raised at a reception session that becomes
a confidential case keeps its sender's identity in ``petitions.CaseIdentity`` only; the visit row and the audit
trail keep no name, phone, address or ID of that person.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from grassroots.accounts import selectors as account_selectors
from grassroots.accounts.models import Role
from grassroots.accounts.rules import Action
from grassroots.core import clock
from grassroots.core.errors import DomainError, RuleResult
from grassroots.core.services import audit_record, state_change
from grassroots.petitions import services as petition_services
from grassroots.petitions.models import CaseChannel
from grassroots.reception import notices, rules, selectors
from grassroots.reception.models import (
    BookingStatus,
    DialogueConference,
    DialogueQuestion,
    DialogueStatus,
    QuestionSource,
    ReceptionBooking,
    ReceptionDayCancellation,
    ReceptionSchedule,
    ReceptionSession,
    ReceptionVisit,
    SessionKind,
    VoterRequestDrive,
    VoterRequestSignature,
)
from grassroots.units.models import AdministrativeUnit, UnitLevel

MESSAGES: Mapping[str, Any] = {
    "reception.not_authorised": _("Bạn không có thẩm quyền với việc tiếp công dân, đối thoại của xã, phường này."),
    "reception.not_a_commune": _("Chỉ xã, phường mới có lịch tiếp công dân và hội nghị đối thoại."),
    "reception.schedule.bad_weekday": _("Hãy chọn một ngày trong tuần."),
    "reception.schedule.bad_weeks": _("Tuần trong tháng là từ 1 đến 5."),
    "reception.schedule.below_minimum": _(
        "Lịch này ít hơn mức tối thiểu của luật: Chủ tịch UBND xã tiếp công dân ít nhất %(days)s ngày mỗi %(period)s."
    ),
    "reception.schedule.bad_times": _("Giờ kết thúc phải sau giờ bắt đầu."),
    "reception.schedule.place_required": _("Hãy ghi địa điểm tiếp công dân."),
    "reception.schedule.starts_in_past": _("Lịch mới chỉ áp dụng từ hôm nay trở đi."),
    "reception.session.in_future": _("Chỉ ghi nhận buổi tiếp đã diễn ra (ngày tiếp không được sau hôm nay)."),
    "reception.session.online_too_early": _("Tiếp công dân trực tuyến chỉ có từ ngày 01/07/2026."),
    "reception.session.receiver_cannot_receive": _("Người tiếp phải là lãnh đạo hoặc cán bộ tiếp công dân của xã."),
    "reception.session.bad_kind": _("Hình thức tiếp không hợp lệ."),
    "reception.visit.name_required": _("Hãy nhập họ và tên công dân."),
    "reception.visit.id_required": _(
        "Từ ngày 01/07/2026 công dân đến tiếp phải xuất trình giấy tờ tùy thân: hãy nhập số định danh."
    ),
    "reception.visit.summary_required": _("Hãy ghi nội dung công dân trình bày."),
    "reception.visit.title_required": _("Hãy nhập tiêu đề vụ việc."),
    "reception.dialogue.bad_transition": _("Thao tác này không thực hiện được ở trạng thái hiện tại của hội nghị."),
    "reception.dialogue.title_required": _("Hãy nhập tên và nội dung hội nghị."),
    "reception.dialogue.notice_too_late": _(
        "Thông báo phải trước ngày tổ chức ít nhất %(days)s ngày: hãy dời ngày tổ chức."
    ),
    "reception.dialogue.planned_in_past": _("Ngày tổ chức phải sau hôm nay."),
    "reception.dialogue.held_in_future": _("Ngày tổ chức không được sau hôm nay."),
    "reception.dialogue.held_before_notice": _("Hội nghị không thể diễn ra trước ngày thông báo."),
    "reception.dialogue.question_required": _("Hãy nhập câu hỏi, kiến nghị."),
    "reception.dialogue.questions_closed": _("Hội nghị đã kết thúc: không thêm câu hỏi được nữa."),
    "reception.dialogue.answer_required": _("Hãy nhập nội dung trả lời."),
    "reception.dialogue.commitment_due_required": _("Cam kết cần có hạn thực hiện."),
    "reception.dialogue.no_commitment": _("Câu hỏi này không có cam kết."),
    "reception.dialogue.commitment_done": _("Cam kết đã hoàn thành."),
    "reception.dialogue.unanswered": _("Còn %(count)s câu hỏi chưa trả lời: hãy trả lời trước khi ban hành biên bản."),
    "reception.booking.not_a_reception_day": _(
        "Ngày này không có lịch tiếp công dân của Chủ tịch: hãy chọn ngày khác."
    ),
    "reception.booking.not_a_slot": _("Giờ hẹn không nằm trong khung giờ tiếp công dân."),
    "reception.booking.started": _("Khung giờ này đã bắt đầu hoặc đã qua."),
    "reception.booking.already_booked": _("Bạn đã có một lịch hẹn trong ngày này. Hãy hủy lịch cũ nếu muốn đổi giờ."),
    "reception.booking.full": _("Khung giờ này đã đủ người: hãy chọn khung giờ khác."),
    "reception.booking.not_live": _("Lịch hẹn này đã được hủy."),
    "reception.booking.phone_required": _("Hãy nhập số điện thoại để cán bộ liên hệ khi cần."),
    "reception.booking.summary_required": _("Hãy ghi ngắn gọn nội dung cần trình bày."),
    "reception.booking.not_yours": _("Bạn chỉ hủy được lịch hẹn của chính mình."),
    "reception.booking.reason_required": _("Hãy ghi lý do hủy: công dân sẽ nhận được lý do này."),
    "reception.day.reason_required": _("Hãy ghi lý do hủy buổi tiếp: công dân đã đặt lịch sẽ nhận được lý do này."),
    "reception.day.not_scheduled": _("Ngày này không có lịch tiếp công dân của Chủ tịch."),
    "reception.day.in_past": _("Chỉ hủy được buổi tiếp từ hôm nay trở đi."),
    "reception.day.already_cancelled": _("Buổi tiếp ngày này đã được hủy trước đó."),
    "reception.drive.subject_required": _("Hãy ghi nội dung cử tri đề nghị đối thoại."),
    "reception.drive.voters_required": _("Tổng số cử tri phải lớn hơn 0 và ghi rõ nguồn (danh sách cử tri)."),
    "reception.drive.name_required": _("Hãy nhập họ tên và số định danh của cử tri."),
    "reception.drive.duplicate": _("Cử tri này đã được ghi nhận đề nghị trong đợt này."),
    "reception.drive.other_commune": _("Đợt kiến nghị này thuộc xã, phường khác."),
    "reception.drive.answered": _("Đợt kiến nghị này đã có hội nghị đối thoại đáp ứng."),
}

WEEKDAY_NAMES = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật")


def _fail(code: str, **params: Any) -> DomainError:
    text = str(MESSAGES.get(code, code))
    if params:
        shown = {**params}
        if shown.get("period") == "week":
            shown["period"] = str(_("tuần"))
        elif shown.get("period") == "month":
            shown["period"] = str(_("tháng"))
        with contextlib.suppress(KeyError, TypeError, ValueError):
            text = text % shown
    return DomainError(code, text, **params)


def _enforce(result: RuleResult) -> None:
    if not result:
        raise _fail(result.code, **result.params)


def _require(actor: Any, action: Action, unit: AdministrativeUnit | int, on: dt.date) -> None:
    if not account_selectors.user_can(actor, action, unit, on):
        raise _fail("reception.not_authorised")


def _require_commune(unit: AdministrativeUnit) -> None:
    if unit.level != UnitLevel.COMMUNE:
        raise _fail("reception.not_a_commune")


# ---------------------------------------------------------------------------------------------
# The chair's fixed schedule
# ---------------------------------------------------------------------------------------------


def schedule_set(
    *,
    unit: AdministrativeUnit,
    weekday: int,
    weeks: Sequence[int],
    start_time: dt.time,
    end_time: dt.time,
    place: str,
    valid_from: dt.date,
    actor: Any,
    now: dt.datetime | None = None,
) -> ReceptionSchedule:
    """Set the chair's fixed schedule from ``valid_from`` on; the schedule in force ends that day (kept for history
    and for counting missed days). It must reach the legal minimum in force on ``valid_from``."""
    moment = now or clock.now()
    today = clock.localdate(moment)
    _require_commune(unit)
    _require(actor, Action.RUN_RECEPTION, unit, today)
    if valid_from < today:
        raise _fail("reception.schedule.starts_in_past")
    if end_time <= start_time:
        raise _fail("reception.schedule.bad_times")
    if not place.strip():
        raise _fail("reception.schedule.place_required")
    chosen = tuple(sorted(set(weeks)))
    minimum = rules.reception_minimum(valid_from, monthly_minimum_days=selectors.monthly_minimum_days())
    _enforce(rules.check_schedule(weekday=weekday, weeks=chosen, minimum=minimum))
    with transaction.atomic():
        open_schedules = ReceptionSchedule.objects.select_for_update().filter(unit=unit, valid_until__isnull=True)
        for previous in open_schedules:
            if previous.valid_from >= valid_from:
                # Replaced before it ever applied: nothing of it is history.
                previous.delete()
            else:
                previous.valid_until = valid_from
                previous.save(update_fields=["valid_until"])
        ReceptionSchedule.objects.filter(unit=unit, valid_from__gte=valid_from).delete()
        # An ended schedule that ran past the new start ends there too: two schedules never overlap.
        ReceptionSchedule.objects.filter(unit=unit, valid_until__gt=valid_from).update(valid_until=valid_from)
        schedule = ReceptionSchedule.objects.create(
            unit=unit,
            weekday=weekday,
            weeks=",".join(str(week) for week in chosen),
            start_time=start_time,
            end_time=end_time,
            place=place.strip()[:300],
            valid_from=valid_from,
            created_by=actor,
        )
        audit_record(
            code="reception.schedule.set",
            actor=actor,
            unit=unit,
            obj=schedule,
            after={
                "weekday": weekday,
                "weeks": schedule.weeks,
                "start_time": start_time.isoformat(),
                "end_time": end_time.isoformat(),
                "place": schedule.place,
                "valid_from": valid_from,
            },
            now=moment,
        )
        _bookings_follow_schedule(schedule=schedule, unit=unit, actor=actor, moment=moment)
    return schedule


SCHEDULE_CHANGED_REASON = _("Lịch tiếp công dân thay đổi: ngày, giờ này không còn tiếp theo lịch mới")


def _bookings_follow_schedule(
    *, schedule: ReceptionSchedule, unit: AdministrativeUnit, actor: Any, moment: dt.datetime
) -> None:
    """Every live booking from the new schedule's first day on: kept if its day and hour are still a reception under
    the new schedule, cancelled otherwise; each citizen is told which, in this transaction."""
    affected = list(
        ReceptionBooking.objects.select_for_update()
        .filter(unit=unit, status=BookingStatus.BOOKED, day__gte=schedule.valid_from)
        .order_by("day", "slot_start", "seat")
    )
    if not affected:
        return
    last = max(booking.day for booking in affected)
    cancelled = set(selectors.cancelled_days(unit, schedule.valid_from, last).values_list("day", flat=True))
    days = set(selectors.planned_days(unit, schedule.valid_from, last)) - cancelled
    slots = set(rules.day_slots(schedule.start_time, schedule.end_time, selectors.slot_minutes()))
    kept = [booking for booking in affected if booking.day in days and booking.slot_start in slots]
    dropped = [booking for booking in affected if booking not in kept]
    reason = str(SCHEDULE_CHANGED_REASON)
    for booking in dropped:
        _booking_cancelled(booking, actor=actor, reason=reason, moment=moment, code="reception.booking.cancelled")
    key = f"schedule-{schedule.pk}"
    notices.tell_cancelled(dropped, unit_name=unit.name, slug=unit.slug, reason=reason, key=key, now=moment)
    notices.tell_kept(
        kept,
        unit_name=unit.name,
        slug=unit.slug,
        hours=f"{schedule.start_time:%H:%M}–{schedule.end_time:%H:%M}",
        place=schedule.place,
        key=key,
        now=moment,
    )


def _booking_cancelled(booking: ReceptionBooking, *, actor: Any, reason: str, moment: dt.datetime, code: str) -> None:
    """Cancel a locked live booking and audit it (the caller tells the citizen)."""
    booking.status = BookingStatus.CANCELLED
    booking.cancelled_at = moment
    booking.cancel_reason = reason
    booking.save(update_fields=["status", "cancelled_at", "cancel_reason", "updated_at"])
    audit_record(
        code=code,
        actor=actor,
        unit=booking.unit_id,
        obj=booking,
        before={"status": BookingStatus.BOOKED},
        after={"status": BookingStatus.CANCELLED, "reason": reason},
        now=moment,
    )


# ---------------------------------------------------------------------------------------------
# Sessions and the citizens received
# ---------------------------------------------------------------------------------------------


def session_record(
    *,
    unit: AdministrativeUnit,
    held_on: dt.date,
    kind: str,
    receiver: Any,
    place: str,
    note: str = "",
    actor: Any,
    now: dt.datetime | None = None,
) -> ReceptionSession:
    """Record a reception session that took place. Whether the chair received in person is decided here from the
    roles held on that day (it is what the compliance counts), never typed."""
    moment = now or clock.now()
    today = clock.localdate(moment)
    _require_commune(unit)
    _require(actor, Action.RUN_RECEPTION, unit, today)
    if kind not in SessionKind.values:
        raise _fail("reception.session.bad_kind")
    if held_on > today:
        raise _fail("reception.session.in_future")
    if kind == SessionKind.ONLINE and held_on < rules.VISITOR_IDENTITY_REQUIRED_FROM:
        raise _fail("reception.session.online_too_early")
    if receiver is None or not account_selectors.user_can(receiver, Action.RUN_RECEPTION, unit, held_on):
        raise _fail("reception.session.receiver_cannot_receive")
    is_chair = account_selectors.has_role(receiver, Role.COMMUNE_CHAIR, unit, held_on)
    with transaction.atomic():
        session = ReceptionSession.objects.create(
            unit=unit,
            kind=kind,
            held_on=held_on,
            receiver=receiver,
            receiver_is_chair=is_chair,
            place=place.strip()[:300],
            note=note.strip(),
            recorded_by=actor,
        )
        audit_record(
            code="reception.session.recorded",
            actor=actor,
            unit=unit,
            obj=session,
            after={"kind": kind, "held_on": held_on, "receiver": receiver.pk, "receiver_is_chair": is_chair},
            now=moment,
        )
    return session


def visit_record(
    *,
    session: ReceptionSession,
    full_name: str,
    summary: str,
    actor: Any,
    phone: str = "",
    address: str = "",
    id_number: str = "",
    guidance: str = "",
    case_kind: str = "",
    case_title: str = "",
    community: AdministrativeUnit | None = None,
    confidentiality_requested: bool = False,
    act_known_on: dt.date | None = None,
    filing_obstacle_days: int | None = None,
    filing_obstacle_reason: str = "",
    now: dt.datetime | None = None,
) -> ReceptionVisit:
    """Record one citizen received at ``session``: what they raised and what they were told; with ``case_kind``,
    the matter also becomes a case (channel "reception session", received on the session's day) through
    ``petitions.services.case_receive``, on its legal clock from that day."""
    moment = now or clock.now()
    today = clock.localdate(moment)
    unit = session.unit
    _require(actor, Action.RUN_RECEPTION, unit, today)
    if not full_name.strip():
        raise _fail("reception.visit.name_required")
    if not summary.strip():
        raise _fail("reception.visit.summary_required")
    if rules.visitor_identity_required(session.held_on, selectors.visitor_id_required_from()) and not id_number.strip():
        raise _fail("reception.visit.id_required")
    if case_kind and not case_title.strip():
        raise _fail("reception.visit.title_required")
    with transaction.atomic():
        case = None
        if case_kind:
            case = petition_services.case_receive(
                unit=unit,
                kind=case_kind,
                channel=CaseChannel.RECEPTION,
                title=case_title,
                content=summary,
                citizen=petition_services.Citizen(full_name=full_name, phone=phone, address=address),
                community=community,
                received_on=session.held_on,
                confidentiality_requested=confidentiality_requested,
                act_known_on=act_known_on,
                filing_obstacle_days=filing_obstacle_days or 0,
                filing_obstacle_reason=filing_obstacle_reason,
                actor=actor,
                now=moment,
            )
        withheld = case is not None and case.is_confidential
        visit = ReceptionVisit.objects.create(
            session=session,
            full_name="" if withheld else full_name.strip()[:200],
            phone="" if withheld else phone.strip()[:30],
            address="" if withheld else address.strip()[:300],
            id_number="" if withheld else id_number.strip()[:20],
            summary="" if withheld else summary.strip(),
            guidance=guidance.strip(),
            case=case,
            identity_withheld=withheld,
        )
        audit_record(
            code="reception.visit.recorded",
            actor=actor,
            unit=unit,
            obj=session,
            after={"visit": visit.pk, "case": case.pk if case else None, "identity_withheld": withheld},
            now=moment,
        )
    return visit


# ---------------------------------------------------------------------------------------------
# Dialogue conferences
# ---------------------------------------------------------------------------------------------


def _conference_snapshot(conference: DialogueConference) -> dict[str, Any]:
    return {
        "status": conference.status,
        "planned_on": conference.planned_on,
        "announced_on": conference.announced_on,
        "held_on": conference.held_on,
        "attendance": conference.attendance,
        "minutes": conference.minutes_id,
        "results_published_on": conference.results_published_on,
    }


def _save(conference: DialogueConference, *, verb: str, actor: Any, moment: dt.datetime, target: str | None) -> None:
    state_change(
        conference,
        code=f"reception.dialogue.{verb}",
        actor=actor,
        unit=conference.unit_id,
        snapshot=_conference_snapshot,
        now=moment,
        target=target,
        check=rules.check_transition,
        refused=lambda result: _fail("reception.dialogue.bad_transition", **result.params),
    )


def _lock(conference: DialogueConference) -> DialogueConference:
    return DialogueConference.objects.select_for_update().select_related("unit").get(pk=conference.pk)


def conference_plan(
    *,
    unit: AdministrativeUnit,
    title: str,
    topics: str,
    planned_on: dt.date,
    place: str,
    method: str,
    co_chairs: str = "",
    voter_drive: VoterRequestDrive | None = None,
    actor: Any,
    now: dt.datetime | None = None,
) -> DialogueConference:
    """Plan a dialogue conference (kế hoạch): what it is about, when, where, how, who co-chairs; ``voter_drive``: the
    voters' request (LGO 2025 art. 43) this conference answers, which closes that obligation."""
    moment = now or clock.now()
    today = clock.localdate(moment)
    _require_commune(unit)
    _require(actor, Action.RUN_DIALOGUES, unit, today)
    if not title.strip() or not topics.strip():
        raise _fail("reception.dialogue.title_required")
    if planned_on <= today:
        raise _fail("reception.dialogue.planned_in_past")
    with transaction.atomic():
        conference = DialogueConference.objects.create(
            unit=unit,
            title=title.strip()[:200],
            topics=topics.strip(),
            planned_on=planned_on,
            place=place.strip()[:300],
            method=method,
            co_chairs=co_chairs.strip()[:300],
        )
        after = _conference_snapshot(conference)
        if voter_drive is not None:
            drive = VoterRequestDrive.objects.select_for_update().get(pk=voter_drive.pk)
            if drive.unit_id != unit.pk:
                raise _fail("reception.drive.other_commune")
            if drive.conference_id is not None:
                raise _fail("reception.drive.answered")
            drive.conference = conference
            drive.save(update_fields=["conference", "updated_at"])
            after["voter_drive"] = drive.pk
        audit_record(
            code="reception.dialogue.planned",
            actor=actor,
            unit=unit,
            obj=conference,
            after=after,
            now=moment,
        )
    return conference


def conference_announce(
    *, conference: DialogueConference, actor: Any, now: dt.datetime | None = None
) -> DialogueConference:
    """Announce the time, place, content and method, at least ``notice_days`` before (dated by the clock)."""
    moment = now or clock.now()
    today = clock.localdate(moment)
    with transaction.atomic():
        locked = _lock(conference)
        _require(actor, Action.RUN_DIALOGUES, locked.unit, today)
        _enforce(
            rules.check_notice(announced_on=today, planned_on=locked.planned_on, notice_days=selectors.notice_days())
        )
        locked.announced_on = today
        _save(locked, verb="announced", actor=actor, moment=moment, target=DialogueStatus.ANNOUNCED)
    return locked


def conference_cancel(
    *, conference: DialogueConference, actor: Any, now: dt.datetime | None = None
) -> DialogueConference:
    moment = now or clock.now()
    with transaction.atomic():
        locked = _lock(conference)
        _require(actor, Action.RUN_DIALOGUES, locked.unit, clock.localdate(moment))
        _save(locked, verb="cancelled", actor=actor, moment=moment, target=DialogueStatus.CANCELLED)
    return locked


def conference_hold(
    *,
    conference: DialogueConference,
    held_on: dt.date,
    participants: str,
    attendance: int | None,
    actor: Any,
    now: dt.datetime | None = None,
) -> DialogueConference:
    """Record that the conference took place: the day, who took part, how many."""
    moment = now or clock.now()
    today = clock.localdate(moment)
    with transaction.atomic():
        locked = _lock(conference)
        _require(actor, Action.RUN_DIALOGUES, locked.unit, today)
        if held_on > today:
            raise _fail("reception.dialogue.held_in_future")
        if locked.announced_on is not None and held_on < locked.announced_on:
            raise _fail("reception.dialogue.held_before_notice")
        locked.held_on = held_on
        locked.participants = participants.strip()
        locked.attendance = attendance
        _save(locked, verb="held", actor=actor, moment=moment, target=DialogueStatus.HELD)
    return locked


def question_add(
    *,
    conference: DialogueConference,
    question: str,
    source: str,
    asker: str = "",
    actor: Any,
    now: dt.datetime | None = None,
) -> DialogueQuestion:
    """A question collected in advance or put at the conference."""
    moment = now or clock.now()
    today = clock.localdate(moment)
    if not question.strip():
        raise _fail("reception.dialogue.question_required")
    with transaction.atomic():
        locked = _lock(conference)
        _require(actor, Action.RUN_DIALOGUES, locked.unit, today)
        if locked.status in (DialogueStatus.PUBLISHED, DialogueStatus.CANCELLED):
            raise _fail("reception.dialogue.questions_closed")
        item = DialogueQuestion.objects.create(
            conference=locked,
            source=source if source in QuestionSource.values else QuestionSource.ADVANCE,
            asker=asker.strip()[:200],
            question=question.strip(),
        )
        audit_record(
            code="reception.dialogue.question_added",
            actor=actor,
            unit=locked.unit_id,
            obj=locked,
            after={"question": item.pk, "source": item.source},
            now=moment,
        )
    return item


def question_answer(
    *,
    question: DialogueQuestion,
    answer: str,
    commitment: str = "",
    commitment_due: dt.date | None = None,
    actor: Any,
    now: dt.datetime | None = None,
) -> DialogueQuestion:
    """The answer given, and any commitment with its due date (tracked until done)."""
    moment = now or clock.now()
    if not answer.strip():
        raise _fail("reception.dialogue.answer_required")
    if commitment.strip() and commitment_due is None:
        raise _fail("reception.dialogue.commitment_due_required")
    with transaction.atomic():
        locked = DialogueQuestion.objects.select_for_update().select_related("conference").get(pk=question.pk)
        _require(actor, Action.RUN_DIALOGUES, locked.conference.unit_id, clock.localdate(moment))
        if locked.conference.status in (DialogueStatus.PUBLISHED, DialogueStatus.CANCELLED):
            raise _fail("reception.dialogue.questions_closed")
        locked.answer = answer.strip()
        locked.commitment = commitment.strip()
        locked.commitment_due = commitment_due if commitment.strip() else None
        locked.save(update_fields=["answer", "commitment", "commitment_due"])
        audit_record(
            code="reception.dialogue.question_answered",
            actor=actor,
            unit=locked.conference.unit_id,
            obj=locked.conference,
            after={"question": locked.pk, "commitment_due": locked.commitment_due},
            now=moment,
        )
    return locked


def commitment_complete(*, question: DialogueQuestion, actor: Any, now: dt.datetime | None = None) -> DialogueQuestion:
    """A commitment made at a conference is done (dated by the clock)."""
    moment = now or clock.now()
    today = clock.localdate(moment)
    with transaction.atomic():
        locked = DialogueQuestion.objects.select_for_update().select_related("conference").get(pk=question.pk)
        _require(actor, Action.RUN_DIALOGUES, locked.conference.unit_id, today)
        if not locked.commitment:
            raise _fail("reception.dialogue.no_commitment")
        if locked.commitment_done_on is not None:
            raise _fail("reception.dialogue.commitment_done")
        locked.commitment_done_on = today
        locked.save(update_fields=["commitment_done_on"])
        audit_record(
            code="reception.dialogue.commitment_done",
            actor=actor,
            unit=locked.conference.unit_id,
            obj=locked.conference,
            after={"question": locked.pk, "done_on": today},
            now=moment,
        )
    return locked


def conference_results_publish(
    *, conference: DialogueConference, actor: Any, now: dt.datetime | None = None
) -> DialogueConference:
    """Issue the minutes (biên bản) through ``documents.document_issue`` and announce the results (dated by the
    clock: a late announcement cannot look on time). Every question must have its answer first."""
    from grassroots.reception.papers import minutes_issue

    moment = now or clock.now()
    today = clock.localdate(moment)
    with transaction.atomic():
        locked = _lock(conference)
        _require(actor, Action.RUN_DIALOGUES, locked.unit, today)
        _enforce(rules.check_transition(locked.status, DialogueStatus.PUBLISHED))
        unanswered = locked.questions.filter(answer="").count()
        if unanswered:
            raise _fail("reception.dialogue.unanswered", count=unanswered)
        locked.minutes = minutes_issue(conference=locked, actor=actor, now=moment)
        locked.results_disclosure = _results_disclose(conference=locked, actor=actor, moment=moment)
        locked.results_published_on = today
        _save(locked, verb="results_published", actor=actor, moment=moment, target=DialogueStatus.PUBLISHED)
    return locked


def _results_disclose(*, conference: DialogueConference, actor: Any, moment: dt.datetime) -> Any:
    """Make the results public through the disclosure service (LGO 2025 art. 43: results announced and posted at
    the commune): a K14 item ("other content the law requires", Law 10/2022 art. 11(14)) with the questions, the
    answers and the commitments, the minutes' PDF attached, published the same day on the portal and boards."""
    from grassroots.disclosures import services as disclosure_services
    from grassroots.disclosures.models import DisclosureCategory
    from grassroots.reception.papers import results_summary

    minutes = conference.minutes
    attachments = []
    if minutes is not None and minutes.pdf_file:
        with minutes.pdf_file.open("rb") as handle:
            attachments.append((f"bien-ban-doi-thoai-{conference.pk}.pdf", handle.read()))
    disclosure = disclosure_services.disclosure_create(
        unit=conference.unit,
        category=DisclosureCategory.objects.get(code=rules.RESULTS_DISCLOSURE_CATEGORY),
        title=str(_("Kết quả hội nghị đối thoại: %(title)s") % {"title": conference.title})[:300],
        body=results_summary(conference),
        decision_number=minutes.number_label if minutes is not None else "",
        decided_on=conference.held_on or clock.localdate(moment),
        attachments=attachments,
        actor=actor,
        now=moment,
    )
    return disclosure_services.disclosure_publish(disclosure=disclosure, actor=actor, now=moment)


# ---------------------------------------------------------------------------------------------
# Booking a slot at the chair's reception
# ---------------------------------------------------------------------------------------------


def booking_create(
    *,
    unit: AdministrativeUnit,
    day: dt.date,
    slot_start: dt.time,
    phone: str,
    summary: str,
    actor: Any,
    now: dt.datetime | None = None,
) -> ReceptionBooking:
    """A signed-in citizen books a place in a slot of a scheduled reception day.

    The commune's open schedule row is locked so two bookings of one commune are counted one after the other; the
    database's partial unique constraints (one live booking per seat, one per citizen and day) hold even if a
    writer skips this service.
    """
    moment = now or clock.now()
    local = moment.astimezone(clock.local_zone())
    _require_commune(unit)
    if not phone.strip():
        raise _fail("reception.booking.phone_required")
    if not summary.strip():
        raise _fail("reception.booking.summary_required")
    today = clock.localdate(moment)
    with transaction.atomic():
        list(ReceptionSchedule.objects.select_for_update().filter(unit=unit, valid_until__isnull=True))
        live = ReceptionBooking.objects.filter(unit=unit, day=day, status=BookingStatus.BOOKED)
        seats = set(live.filter(slot_start=slot_start).values_list("seat", flat=True))
        capacity = selectors.slot_capacity()
        _enforce(
            rules.check_booking(
                day=day,
                slot_start=slot_start,
                scheduled_days=selectors.bookable_days(unit, today),
                slots=selectors.day_slots(unit, day),
                taken=len(seats),
                capacity=capacity,
                citizen_has_booking=live.filter(citizen=actor).exists(),
                now_local=local,
            )
        )
        seat = next(number for number in range(1, capacity + 1) if number not in seats)
        try:
            with transaction.atomic():
                booking = ReceptionBooking.objects.create(
                    unit=unit,
                    day=day,
                    slot_start=slot_start,
                    seat=seat,
                    citizen=actor,
                    phone=phone.strip()[:30],
                    summary=summary.strip(),
                )
        except IntegrityError as error:
            raise _fail("reception.booking.full") from error
        audit_record(
            code="reception.booking.created",
            actor=actor,
            unit=unit,
            obj=booking,
            after={"day": day, "slot_start": slot_start.isoformat(), "seat": seat},
            now=moment,
        )
    return booking


def booking_cancel(
    *, booking: ReceptionBooking, actor: Any, reason: str = "", now: dt.datetime | None = None
) -> ReceptionBooking:
    """The citizen cancels their own booking, or a reception officer of its commune cancels it with a reason the
    citizen is told (a notification in the same transaction). Anyone else is refused, the citizen of another
    booking included."""
    moment = now or clock.now()
    local = moment.astimezone(clock.local_zone())
    with transaction.atomic():
        locked = ReceptionBooking.objects.select_for_update().select_related("unit").get(pk=booking.pk)
        by_officer = locked.citizen_id != getattr(actor, "pk", None)
        if by_officer:
            _require(actor, Action.RUN_RECEPTION, locked.unit_id, clock.localdate(moment))
            if not reason.strip():
                raise _fail("reception.booking.reason_required")
        _enforce(
            rules.check_booking_cancel(
                day=locked.day, slot_start=locked.slot_start, status=locked.status, now_local=local
            )
        )
        _booking_cancelled(
            locked,
            actor=actor,
            reason=reason.strip(),
            moment=moment,
            code="reception.booking.cancelled_by_officer" if by_officer else "reception.booking.cancelled",
        )
        if by_officer:
            notices.tell_cancelled(
                [locked],
                unit_name=locked.unit.name,
                slug=locked.unit.slug,
                reason=reason.strip(),
                key="officer",
                now=moment,
            )
    return locked


def reception_day_cancel(
    *, unit: AdministrativeUnit, day: dt.date, reason: str, actor: Any, now: dt.datetime | None = None
) -> ReceptionDayCancellation:
    """A scheduled reception day will not take place: recorded with its reason, no longer bookable, every live
    booking of it cancelled and its citizen told why. The day still counts as missed for the legal minimum."""
    moment = now or clock.now()
    today = clock.localdate(moment)
    _require_commune(unit)
    _require(actor, Action.RUN_RECEPTION, unit, today)
    if not reason.strip():
        raise _fail("reception.day.reason_required")
    if day < today:
        raise _fail("reception.day.in_past")
    if day not in selectors.planned_days(unit, day, day):
        raise _fail("reception.day.not_scheduled")
    with transaction.atomic():
        # The same lock as ``booking_create``: no booking slips in between the cancellation and the sweep.
        list(ReceptionSchedule.objects.select_for_update().filter(unit=unit, valid_until__isnull=True))
        try:
            with transaction.atomic():
                cancellation = ReceptionDayCancellation.objects.create(
                    unit=unit, day=day, reason=reason.strip(), cancelled_by=actor, cancelled_at=moment
                )
        except IntegrityError as error:
            raise _fail("reception.day.already_cancelled") from error
        bookings = list(
            ReceptionBooking.objects.select_for_update()
            .filter(unit=unit, day=day, status=BookingStatus.BOOKED)
            .order_by("slot_start", "seat")
        )
        for booking in bookings:
            _booking_cancelled(
                booking, actor=actor, reason=cancellation.reason, moment=moment, code="reception.booking.cancelled"
            )
        audit_record(
            code="reception.day.cancelled",
            actor=actor,
            unit=unit,
            obj=cancellation,
            after={"day": day, "reason": cancellation.reason, "bookings_cancelled": len(bookings)},
            now=moment,
        )
        notices.tell_cancelled(
            bookings,
            unit_name=unit.name,
            slug=unit.slug,
            reason=cancellation.reason,
            key=f"day-{cancellation.pk}",
            now=moment,
        )
    return cancellation


# ---------------------------------------------------------------------------------------------
# Voters' requests for a dialogue conference (LGO 2025 art. 43)
# ---------------------------------------------------------------------------------------------


def drive_open(
    *,
    unit: AdministrativeUnit,
    subject: str,
    voter_count: int,
    voter_count_source: str,
    actor: Any,
    now: dt.datetime | None = None,
) -> VoterRequestDrive:
    """Open the count of voters asking for a dialogue conference, with the commune's voter total and its source.
    The total cannot be changed afterwards (no service does it): lowering it would fake the share."""
    moment = now or clock.now()
    today = clock.localdate(moment)
    _require_commune(unit)
    _require(actor, Action.RUN_DIALOGUES, unit, today)
    if not subject.strip():
        raise _fail("reception.drive.subject_required")
    if voter_count < 1 or not voter_count_source.strip():
        raise _fail("reception.drive.voters_required")
    with transaction.atomic():
        drive = VoterRequestDrive.objects.create(
            unit=unit,
            subject=subject.strip()[:300],
            voter_count=voter_count,
            voter_count_source=voter_count_source.strip()[:300],
            opened_on=today,
        )
        audit_record(
            code="reception.dialogue_request.opened",
            actor=actor,
            unit=unit,
            obj=drive,
            after={"voter_count": voter_count, "source": drive.voter_count_source},
            now=moment,
        )
    return drive


def signature_record(
    *,
    drive: VoterRequestDrive,
    full_name: str,
    id_number: str,
    user: Any = None,
    actor: Any,
    now: dt.datetime | None = None,
) -> VoterRequestSignature:
    """Record one voter's request (from a signed list, a meeting, or in person); a voter counts once per drive
    (ID number, and account when given). Reaching the share dates the obligation to hold the conference."""
    moment = now or clock.now()
    today = clock.localdate(moment)
    clean_id = "".join(id_number.split())
    if not full_name.strip() or not clean_id:
        raise _fail("reception.drive.name_required")
    with transaction.atomic():
        locked = VoterRequestDrive.objects.select_for_update().get(pk=drive.pk)
        _require(actor, Action.RUN_DIALOGUES, locked.unit_id, today)
        if locked.conference_id is not None:
            raise _fail("reception.drive.answered")
        duplicate = locked.signatures.filter(id_number=clean_id)
        if user is not None:
            duplicate = duplicate | locked.signatures.filter(user=user)
        if duplicate.exists():
            raise _fail("reception.drive.duplicate")
        try:
            with transaction.atomic():
                signature = VoterRequestSignature.objects.create(
                    drive=locked,
                    full_name=full_name.strip()[:200],
                    id_number=clean_id[:20],
                    user=user,
                    signed_on=today,
                    recorded_by=actor,
                )
        except IntegrityError as error:
            raise _fail("reception.drive.duplicate") from error
        audit_record(
            code="reception.dialogue_request.signed",
            actor=actor,
            unit=locked.unit_id,
            obj=locked,
            after={"signature": signature.pk},
            now=moment,
        )
        signed = locked.signatures.count()
        if locked.threshold_reached_on is None and rules.voter_request_reached(
            signatures=signed, voter_count=locked.voter_count, percent=selectors.voter_request_percent()
        ):
            locked.threshold_reached_on = today
            locked.save(update_fields=["threshold_reached_on", "updated_at"])
            audit_record(
                code="reception.dialogue_request.threshold_reached",
                actor=actor,
                unit=locked.unit_id,
                obj=locked,
                after={"signed": signed, "voter_count": locked.voter_count, "on": today},
                now=moment,
            )
    return signature
