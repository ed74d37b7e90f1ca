"""Writes of the workplaces app: staff register, conferences, staff consultations, workplace dialogue.

Every write is keyword-only, runs in one transaction, locks what it changes, checks the rules, moves a
status only through ``core.services.state_change`` and audits through ``core.services.audit_record``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _
from django.utils.translation import override

from grassroots.calendar.selectors import working_calendar_of
from grassroots.consultations import services as consultation_services
from grassroots.consultations.models import Consultation, Disposition, Opinion, OpinionChannel, OpinionStance
from grassroots.core import clock
from grassroots.core.errors import DomainError, RuleResult
from grassroots.core.services import audit_record, state_change
from grassroots.documents import rules as document_rules
from grassroots.documents.models import Document, DocumentType
from grassroots.documents.selectors import issuing_body_for
from grassroots.documents.services import document_issue
from grassroots.documents.spec import Recipients
from grassroots.units.models import Organisation
from grassroots.units.rules import RawRow, RowError
from grassroots.workplaces import importing, rules, selectors
from grassroots.workplaces.models import (
    Attendance,
    Conference,
    ConferenceDelegate,
    ConferenceFormat,
    ConferenceKind,
    ConferenceProposer,
    ConferenceStatus,
    ConferenceStep,
    DemocracyRegime,
    DialogueKind,
    DialogueMember,
    DialogueMemberList,
    DialoguePresence,
    DialogueSide,
    DialogueStatus,
    HeadAuthorisation,
    ResolutionItem,
    ResolutionReview,
    StaffDecisionMatter,
    StaffMember,
    StaffPost,
    WorkplaceDialogue,
    WorkplaceProfile,
)

MESSAGES: dict[str, Any] = {
    "workplaces.conference.transition": _("Hội nghị đang ở trạng thái không cho phép việc này."),
    "workplaces.conference.plenary_required": _("Đơn vị dưới 100 người phải tổ chức hội nghị toàn thể."),
    "workplaces.conference.steps_missing": _(
        "Chưa ghi các bước bắt buộc: thống nhất với công đoàn và gửi giấy triệu tập."
    ),
    "workplaces.conference.not_today": _("Chỉ khai mạc hội nghị vào đúng ngày tổ chức đã định."),
    "workplaces.conference.empty_roll": _("Không có ai trong danh sách triệu tập."),
    "workplaces.conference.before_year_end": _("Hội nghị thường niên tổ chức sau khi kết thúc năm công tác."),
    "workplaces.conference.duplicate": _("Năm công tác này đã có hội nghị thường niên đang chuẩn bị hoặc đã tổ chức."),
    "workplaces.conference.too_many_convenings": _("Đã triệu tập hai lần không đủ số người dự; lấy phiếu ý kiến."),
    "workplaces.conference.petition_too_small": _(
        "Đề nghị của cán bộ, người lao động cần ít nhất một phần ba tổng số người ký."
    ),
    "workplaces.conference.not_delegates": _("Chỉ hội nghị đại biểu mới có danh sách đại biểu."),
    "workplaces.conference.items_unvoted": _("Còn nội dung chưa biểu quyết."),
    "workplaces.conference.no_items": _("Hội nghị chưa có nội dung nào để biểu quyết."),
    "workplaces.conference.not_issued": _("Nghị quyết chưa được ban hành."),
    "workplaces.attendance.closed": _("Điểm danh đã chốt hoặc hội nghị chưa khai mạc; không ghi thêm được."),
    "workplaces.attendance.not_on_roll": _("Người này không có trong danh sách triệu tập của hội nghị."),
    "workplaces.attendance.duplicate": _("Người này đã được điểm danh."),
    "workplaces.votes.negative": _("Số phiếu không được âm."),
    "workplaces.votes.above_present": _("Tổng số người biểu quyết vượt số người có mặt."),
    "workplaces.votes.not_held": _("Chỉ biểu quyết khi hội nghị đủ số người dự và chưa ban hành nghị quyết."),
    "workplaces.staff.code_taken": _("Mã nhân sự đã có trong danh sách của đơn vị."),
    "workplaces.staff.name_required": _("Cần nhập họ và tên."),
    "workplaces.staff.code_required": _("Cần nhập mã nhân sự."),
    "workplaces.staff.head_taken": _("Đơn vị đã có người đứng đầu trong danh sách."),
    "workplaces.staff.end_before_start": _("Ngày thôi làm việc phải sau ngày bắt đầu."),
    "workplaces.staff.already_left": _("Người này đã thôi làm việc."),
    "workplaces.profile.month": _("Tháng kết thúc năm công tác phải từ 1 đến 12."),
    "workplaces.consultation.unknown_matter": _("Nội dung lấy ý kiến không thuộc danh mục của loại hình đơn vị."),
    "workplaces.consultation.dates": _("Ngày kết thúc phải sau ngày bắt đầu."),
    "workplaces.consultation.explanation_required": _("Cần nhập nội dung tổng hợp, tiếp thu, giải trình."),
    "workplaces.dialogue.transition": _("Cuộc đối thoại đang ở trạng thái không cho phép việc này."),
    "workplaces.dialogue.employer_side_small": _("Bên người sử dụng lao động cần ít nhất 3 người."),
    "workplaces.dialogue.worker_side_size": _("Số thành viên bên người lao động không đúng với quy mô lao động."),
    "workplaces.dialogue.not_employer": _(
        "Đối thoại tại nơi làm việc áp dụng cho doanh nghiệp, người sử dụng lao động."
    ),
    "workplaces.dialogue.present_above": _("Số người có mặt vượt số thành viên bên người lao động."),
    "workplaces.dialogue.request_too_small": _("Yêu cầu đối thoại cần ít nhất 30% thành viên bên người lao động."),
    "workplaces.dialogue.content_late": _(
        "Nội dung đối thoại phải gửi cho bên kia ít nhất 5 ngày làm việc trước ngày đối thoại."
    ),
    "workplaces.dialogue.content_not_sent": _(
        "Chưa ghi ngày gửi nội dung cho bên kia: đối thoại định kỳ, đối thoại khi có vụ việc chỉ được ghi kết quả "
        "khi nội dung đã gửi ít nhất 5 ngày làm việc trước ngày đối thoại."
    ),
    "workplaces.dialogue.requested_on_required": _("Đối thoại theo yêu cầu: cần ghi ngày nhận yêu cầu."),
    "workplaces.dialogue.legal_representative": _(
        "Bên người sử dụng lao động phải có đúng một người đại diện theo pháp luật."
    ),
    "workplaces.dialogue.no_member_list": _(
        "Chưa có danh sách thành viên đối thoại còn hiệu lực vào ngày đối thoại; hãy xác định danh sách trước."
    ),
    "workplaces.dialogue.member_twice": _("Một người không thể ở cả hai bên hoặc ghi hai lần."),
    "workplaces.dialogue.member_not_on_staff": _(
        "Thành viên đối thoại phải đang làm việc tại đơn vị vào ngày xác định."
    ),
    "workplaces.dialogue.not_a_member": _("Người này không có trong danh sách thành viên của cuộc đối thoại."),
    "workplaces.conference.delegate_not_on_staff": _(
        "Đại biểu phải có trong danh sách cán bộ, người lao động vào ngày tổ chức hội nghị."
    ),
    "workplaces.conference.no_delegates": _("Chưa chọn đại biểu nào."),
    "workplaces.ballot.transition": _("Cuộc lấy phiếu đang ở trạng thái không cho phép việc này."),
    "workplaces.ballot.no_ground": _(
        "Chỉ phát phiếu khi hội nghị đã triệu tập hai lần không đủ số người dự, hoặc không tổ chức được "
        "vì sự kiện bất khả kháng."
    ),
    "workplaces.ballot.reason_required": _("Cần ghi rõ sự kiện bất khả kháng khiến không tổ chức được hội nghị."),
    "workplaces.ballot.dates": _(
        "Ngày phát phiếu phải từ ngày thống nhất với công đoàn trở đi và hạn nộp phiếu không trước ngày phát phiếu."
    ),
    "workplaces.ballot.outside_period": _("Ngoài thời gian phát, nhận phiếu."),
    "workplaces.ballot.not_open": _("Chưa phát phiếu hoặc đã kiểm phiếu; không ghi thêm được."),
    "workplaces.ballot.secret_choice": _("Phiếu kín: không ghi ý kiến của từng người, chỉ ghi đã nộp phiếu."),
    "workplaces.ballot.choice_required": _("Chọn ý kiến ghi trên phiếu."),
    "workplaces.ballot.already_returned": _("Người này đã nộp phiếu."),
    "workplaces.ballot.too_early": _("Chưa hết hạn nộp phiếu và còn người chưa nộp."),
    "workplaces.ballot.count_mismatch": _("Tổng số phiếu kiểm phải bằng số phiếu đã thu về."),
    "workplaces.date_in_future": _("Ngày không được ở tương lai."),
    "workplaces.wrong_organisation": _("Người này không thuộc cơ quan, đơn vị."),
    "workplaces.staff.post_unknown": _("Chức vụ không có trong danh sách."),
    "workplaces.stand_in.not_authorised": _(
        "Người này không phải người đứng đầu và không có giấy ủy quyền còn hiệu lực vào ngày đó."
    ),
    "workplaces.stand_in.head_needs_none": _("Người đứng đầu không cần ủy quyền cho chính mình."),
    "workplaces.stand_in.period": _("Ngày kết thúc ủy quyền phải từ ngày bắt đầu trở đi."),
    "workplaces.stand_in.details_required": _("Cần nhập số, ngày giấy ủy quyền và lý do người đứng đầu vắng mặt."),
    "workplaces.stand_in.inactive": _("Người được ủy quyền không còn làm việc tại đơn vị trong thời gian ủy quyền."),
}


def _vietnamese(text: Any) -> str:
    """An official paper is written in Vietnamese whatever language the person issuing it reads."""
    with override("vi"):
        return str(text)


def refuse(code: str, **params: Any) -> DomainError:
    return DomainError(code, str(MESSAGES.get(code, code)), **params)


def _enforce(result: RuleResult) -> None:
    if not result:
        raise refuse(result.code, **result.params)


def _refused(result: RuleResult) -> Exception:
    return refuse(result.code, **result.params)


def _unit(organisation: Organisation | int) -> int:
    if isinstance(organisation, Organisation):
        return int(organisation.unit_id)
    return int(Organisation.objects.values_list("unit_id", flat=True).get(pk=organisation))


# ---------------------------------------------------------------------------------------------
# The organisation as a tenant, its staff register
# ---------------------------------------------------------------------------------------------


def workplace_profile_set(
    *,
    organisation: Organisation,
    work_year_end_month: int,
    union_name: str = "",
    has_intranet: bool = False,
    regime: str = DemocracyRegime.LAW_CHAPTER,
    actor: Any,
    now: dt.datetime | None = None,
) -> WorkplaceProfile:
    """Set when the work year ends, the union's name, the intranet, and (non-state employers) the regime."""
    moment = now or clock.now()
    if not 1 <= work_year_end_month <= 12:
        raise refuse("workplaces.profile.month")
    if regime not in DemocracyRegime.values:
        regime = DemocracyRegime.LAW_CHAPTER
    with transaction.atomic():
        profile, _created = WorkplaceProfile.objects.select_for_update().get_or_create(organisation=organisation)
        before = {"work_year_end_month": profile.work_year_end_month, "regime": profile.regime}
        profile.work_year_end_month = work_year_end_month
        profile.union_name = union_name.strip()[:255]
        profile.has_intranet = has_intranet
        profile.regime = regime
        profile.save()
        audit_record(
            code="workplaces.profile.set",
            actor=actor,
            unit=organisation.unit_id,
            obj=profile,
            before=before,
            after={"work_year_end_month": work_year_end_month, "regime": regime, "has_intranet": has_intranet},
            now=moment,
        )
    return profile


def _staff_state(member: StaffMember) -> dict[str, Any]:
    return {
        "code": member.code,
        "full_name": member.full_name,
        "division": member.division,
        "is_head": member.is_head,
        "post": member.post,
        "is_union_executive": member.is_union_executive,
        "active_from": member.active_from,
        "active_until": member.active_until,
    }


def staff_member_add(
    *,
    organisation: Organisation,
    code: str,
    full_name: str,
    active_from: dt.date,
    division: str = "",
    position: str = "",
    is_head: bool = False,
    is_union_executive: bool = False,
    actor: Any,
    now: dt.datetime | None = None,
) -> StaffMember:
    """Add one person to the staff register (from ``active_from``)."""
    moment = now or clock.now()
    code, full_name = " ".join(code.split()), " ".join(full_name.split())
    if not code:
        raise refuse("workplaces.staff.code_required")
    if not full_name:
        raise refuse("workplaces.staff.name_required")
    with transaction.atomic():
        Organisation.objects.select_for_update().get(pk=organisation.pk)
        if StaffMember.objects.filter(organisation=organisation, code__iexact=code).exists():
            raise refuse("workplaces.staff.code_taken")
        if (
            is_head
            and StaffMember.objects.filter(organisation=organisation, is_head=True, active_until__isnull=True).exists()
        ):
            raise refuse("workplaces.staff.head_taken")
        member = StaffMember.objects.create(
            organisation=organisation,
            code=code[:40],
            full_name=full_name[:200],
            division=division.strip()[:200],
            position=position.strip()[:200],
            is_head=is_head,
            is_union_executive=is_union_executive,
            active_from=active_from,
        )
        audit_record(
            code="workplaces.staff.added",
            actor=actor,
            unit=organisation.unit_id,
            obj=member,
            after=_staff_state(member),
            now=moment,
        )
    return member


def staff_member_leave(
    *, staff_member: StaffMember, on: dt.date, actor: Any, now: dt.datetime | None = None
) -> StaffMember:
    """Record that someone no longer works here from ``on`` (the first day they no longer count)."""
    moment = now or clock.now()
    with transaction.atomic():
        locked = StaffMember.objects.select_for_update().get(pk=staff_member.pk)
        if locked.active_until is not None:
            raise refuse("workplaces.staff.already_left")
        if on <= locked.active_from:
            raise refuse("workplaces.staff.end_before_start")
        before = _staff_state(locked)
        locked.active_until = on
        locked.save(update_fields=["active_until", "updated_at"])
        audit_record(
            code="workplaces.staff.left",
            actor=actor,
            unit=_unit(locked.organisation_id),
            obj=locked,
            before=before,
            after=_staff_state(locked),
            now=moment,
        )
    return locked


def staff_member_set_post(
    *, staff_member: StaffMember, is_head: bool, post: str, actor: Any, now: dt.datetime | None = None
) -> StaffMember:
    """Record a promotion or a change of post (the head; a deputy head, the chief accountant; for an enterprise the
    legal representative or a manager): the register then shows a board member who no longer qualifies."""
    moment = now or clock.now()
    if post not in StaffPost.values:
        raise refuse("workplaces.staff.post_unknown")
    with transaction.atomic():
        locked = StaffMember.objects.select_for_update().get(pk=staff_member.pk)
        if locked.active_until is not None:
            raise refuse("workplaces.staff.already_left")
        if (
            is_head
            and not locked.is_head
            and StaffMember.objects.filter(
                organisation_id=locked.organisation_id, is_head=True, active_until__isnull=True
            ).exists()
        ):
            raise refuse("workplaces.staff.head_taken")
        before = _staff_state(locked)
        locked.is_head, locked.post = is_head, post
        locked.save(update_fields=["is_head", "post", "updated_at"])
        audit_record(
            code="workplaces.staff.post_changed",
            actor=actor,
            unit=_unit(locked.organisation_id),
            obj=locked,
            before=before,
            after=_staff_state(locked),
            now=moment,
        )
    return locked


@dataclass(frozen=True)
class StaffImportResult:
    created: int


class StaffImportError(DomainError):
    """The file has problems: nothing was imported; ``errors`` lists every bad row."""

    def __init__(self, errors: list[RowError]) -> None:
        super().__init__(
            "workplaces.import.invalid", str(_("Tệp có %(count)s lỗi; chưa nhập dữ liệu nào.") % {"count": len(errors)})
        )
        self.errors = errors


def staff_import(
    *, organisation: Organisation, rows: Iterable[RawRow], actor: Any, now: dt.datetime | None = None
) -> StaffImportResult:
    """Import an organisation's staff register, all or nothing; on any bad row ``StaffImportError.errors``."""
    moment = now or clock.now()
    today = clock.localdate(moment)
    rows = list(rows)
    with transaction.atomic():
        Organisation.objects.select_for_update().get(pk=organisation.pk)
        existing = StaffMember.objects.filter(organisation=organisation)
        plans, errors = importing.validate_staff_rows(
            rows,
            existing_codes=list(existing.values_list("code", flat=True)),
            has_current_head=existing.filter(is_head=True, active_until__isnull=True).exists(),
            today=today,
        )
        if errors:
            raise StaffImportError(errors)
        try:
            created = StaffMember.objects.bulk_create(
                [
                    StaffMember(
                        organisation=organisation,
                        code=plan.code,
                        full_name=plan.full_name,
                        division=plan.division,
                        position=plan.position,
                        gender=plan.gender,
                        birth_date=plan.birth_date,
                        phone=plan.phone,
                        is_head=plan.is_head,
                        is_union_executive=plan.is_union_executive,
                        active_from=plan.active_from,
                    )
                    for plan in plans
                ],
                batch_size=500,
            )
        except IntegrityError as error:
            raise DomainError(
                "workplaces.import.conflict", str(_("Dữ liệu vừa thay đổi trong lúc nhập; hãy thử lại."))
            ) from error
        audit_record(
            code="workplaces.staff.imported",
            actor=actor,
            unit=organisation.unit_id,
            obj=organisation,
            after={"created": len(created), "codes": [plan.code for plan in plans][:500]},
            now=moment,
        )
    return StaffImportResult(created=len(created))


# ---------------------------------------------------------------------------------------------
# The annual (or extraordinary) staff or employee conference
# ---------------------------------------------------------------------------------------------


def conference_snapshot(conference: Conference) -> dict[str, Any]:
    return {
        "status": conference.status,
        "kind": conference.kind,
        "work_year": conference.work_year,
        "convening": conference.convening,
        "format": conference.format,
        "scheduled_on": conference.scheduled_on,
        "roll_size": conference.roll_size,
    }


def conference_create(
    *,
    organisation: Organisation,
    kind: str,
    work_year: int,
    scheduled_on: dt.date,
    conference_format: str = ConferenceFormat.PLENARY,
    proposer: str = ConferenceProposer.HEAD,
    supporters: int = 0,
    place: str = "",
    actor: Any,
    now: dt.datetime | None = None,
) -> Conference:
    """Plan a conference: the annual one after the work year ends, or an extraordinary one on a proposal.

    A second convening of the same annual conference follows one without quorum; after two, the law
    turns to staff ballots ([L] art. 50(2)).
    """
    moment = now or clock.now()
    profile = selectors.profile_of(organisation)
    headcount = selectors.headcount_on(organisation, scheduled_on)
    _enforce(rules.check_format(conference_format=conference_format, headcount=headcount))
    if kind not in ConferenceKind.values:
        kind = ConferenceKind.ANNUAL
    if proposer not in ConferenceProposer.values:
        proposer = ConferenceProposer.HEAD
    with transaction.atomic():
        Organisation.objects.select_for_update().get(pk=organisation.pk)
        convening = 1
        if kind == ConferenceKind.ANNUAL:
            _enforce(
                rules.check_annual_date(
                    scheduled_on=scheduled_on, work_year=work_year, end_month=profile.work_year_end_month
                )
            )
            same_year = Conference.objects.filter(organisation=organisation, work_year=work_year, kind=kind)
            if same_year.exclude(status__in=[ConferenceStatus.NO_QUORUM, ConferenceStatus.CANCELLED]).exists():
                raise refuse("workplaces.conference.duplicate")
            failed = same_year.filter(status=ConferenceStatus.NO_QUORUM).count()
            if rules.ballots_allowed(failed_convenings=failed):
                raise refuse("workplaces.conference.too_many_convenings")
            convening = failed + 1
        elif proposer == ConferenceProposer.STAFF and not rules.staff_petition_is_enough(
            supporters=supporters, headcount=headcount
        ):
            raise refuse("workplaces.conference.petition_too_small")
        conference = Conference.objects.create(
            organisation=organisation,
            kind=kind,
            work_year=work_year,
            convening=convening,
            format=conference_format,
            proposer=proposer,
            supporters=supporters if proposer == ConferenceProposer.STAFF else 0,
            scheduled_on=scheduled_on,
            place=place.strip()[:255],
            created_by=actor,
        )
        audit_record(
            code="workplaces.conference.created",
            actor=actor,
            unit=organisation.unit_id,
            obj=conference,
            after=conference_snapshot(conference),
            now=moment,
        )
    return conference


def _lock(conference: Conference) -> Conference:
    return (
        Conference.objects.select_for_update()
        .select_related("organisation", "organisation__unit")
        .get(pk=conference.pk)
    )


def conference_step_record(
    *, conference: Conference, code: str, done_on: dt.date, note: str = "", actor: Any, now: dt.datetime | None = None
) -> ConferenceStep:
    """Record one preparation step as done (once); only while the conference is being prepared."""
    moment = now or clock.now()
    if code not in rules.STEP_CODES:
        raise refuse("workplaces.conference.transition")
    if done_on > clock.localdate(moment):
        raise refuse("workplaces.date_in_future")
    with transaction.atomic():
        locked = _lock(conference)
        if locked.status != ConferenceStatus.PREPARING:
            raise refuse("workplaces.conference.transition")
        step, _created = ConferenceStep.objects.update_or_create(
            conference=locked,
            code=code,
            defaults={"done_on": done_on, "note": note.strip()[:500], "recorded_by": actor},
        )
        audit_record(
            code="workplaces.conference.step_recorded",
            actor=actor,
            unit=locked.organisation.unit_id,
            obj=locked,
            after={"step": code, "done_on": done_on},
            now=moment,
        )
    return step


def conference_delegates_set(
    *, conference: Conference, staff_members: Iterable[StaffMember], actor: Any, now: dt.datetime | None = None
) -> int:
    """Name the delegates summoned to a delegates' conference (replacing the list), while preparing."""
    moment = now or clock.now()
    with transaction.atomic():
        locked = _lock(conference)
        if locked.status != ConferenceStatus.PREPARING:
            raise refuse("workplaces.conference.transition")
        if locked.format != ConferenceFormat.DELEGATES:
            raise refuse("workplaces.conference.not_delegates")
        members = list(dict.fromkeys(staff_members))
        if not members:
            raise refuse("workplaces.conference.no_delegates")
        if any(member.organisation_id != locked.organisation_id for member in members):
            raise refuse("workplaces.wrong_organisation")
        on_staff = set(
            selectors.staff_on(locked.organisation_id, locked.scheduled_on)
            .filter(pk__in=[member.pk for member in members])
            .values_list("pk", flat=True)
        )
        if len(on_staff) != len(members):
            raise refuse("workplaces.conference.delegate_not_on_staff")
        ConferenceDelegate.objects.filter(conference=locked).delete()
        ConferenceDelegate.objects.bulk_create(
            [ConferenceDelegate(conference=locked, staff_member=member) for member in members]
        )
        audit_record(
            code="workplaces.conference.delegates_set",
            actor=actor,
            unit=locked.organisation.unit_id,
            obj=locked,
            after={"delegates": sorted(member.pk for member in members)},
            now=moment,
        )
    return len(members)


def conference_open(*, conference: Conference, actor: Any, now: dt.datetime | None = None) -> Conference:
    """Open the conference on its day: the roll (all staff, or the delegates) is frozen; attendance starts."""
    moment = now or clock.now()
    with transaction.atomic():
        locked = _lock(conference)
        roll = selectors.roll_members(locked).count()
        steps = set(ConferenceStep.objects.filter(conference=locked).values_list("code", flat=True))
        if locked.status == ConferenceStatus.PREPARING:
            _enforce(
                rules.check_open(
                    steps_done=steps, scheduled_on=locked.scheduled_on, today=clock.localdate(moment), roll_size=roll
                )
            )
        locked.roll_size = roll
        locked.opened_at = moment
        state_change(
            locked,
            code="workplaces.conference.opened",
            actor=actor,
            unit=locked.organisation.unit_id,
            snapshot=conference_snapshot,
            now=moment,
            target=ConferenceStatus.OPEN,
            check=rules.check_conference_transition,
            refused=_refused,
        )
    return locked


def attendance_record(
    *, conference: Conference, staff_member: StaffMember, actor: Any, now: dt.datetime | None = None
) -> Attendance:
    """Mark one person of the roll present, only while the conference is open (not before, not after closing)."""
    moment = now or clock.now()
    with transaction.atomic():
        locked = _lock(conference)
        if locked.status != ConferenceStatus.OPEN:
            raise refuse("workplaces.attendance.closed")
        if not selectors.roll_members(locked).filter(pk=staff_member.pk).exists():
            raise refuse("workplaces.attendance.not_on_roll")
        if Attendance.objects.filter(conference=locked, staff_member=staff_member).exists():
            raise refuse("workplaces.attendance.duplicate")
        try:
            with transaction.atomic():
                row = Attendance.objects.create(
                    conference=locked, staff_member=staff_member, recorded_at=moment, recorded_by=actor
                )
        except IntegrityError as error:
            raise refuse("workplaces.attendance.duplicate") from error
        audit_record(
            code="workplaces.attendance.recorded",
            actor=actor,
            unit=locked.organisation.unit_id,
            obj=locked,
            after={"staff_member": staff_member.pk},
            now=moment,
        )
    return row


def conference_close_attendance(*, conference: Conference, actor: Any, now: dt.datetime | None = None) -> Conference:
    """Close attendance: with at least two thirds of the roll present the conference is held, else it failed."""
    moment = now or clock.now()
    with transaction.atomic():
        locked = _lock(conference)
        locked.attendance_closed_at = moment
        present = selectors.counted_attendance(locked).count()
        quorum = rules.has_quorum(roll_size=locked.roll_size or 0, present=present)
        target = ConferenceStatus.HELD if quorum else ConferenceStatus.NO_QUORUM
        state_change(
            locked,
            code="workplaces.conference.attendance_closed",
            actor=actor,
            unit=locked.organisation.unit_id,
            snapshot=lambda item: {**conference_snapshot(item), "present": present},
            now=moment,
            target=target,
            check=rules.check_conference_transition,
            refused=_refused,
        )
    return locked


def resolution_item_add(
    *, conference: Conference, matter: str, title: str, text: str, actor: Any, now: dt.datetime | None = None
) -> ResolutionItem:
    """Add a matter to vote on ([L] arts 49, 67), before the resolution is issued."""
    moment = now or clock.now()
    if matter not in StaffDecisionMatter.values:
        matter = StaffDecisionMatter.OTHER
    title = " ".join(title.split())
    if not title:
        raise refuse("workplaces.staff.name_required")
    with transaction.atomic():
        locked = _lock(conference)
        if locked.status not in (ConferenceStatus.PREPARING, ConferenceStatus.OPEN, ConferenceStatus.HELD):
            raise refuse("workplaces.conference.transition")
        position = (locked.items.order_by("-position").values_list("position", flat=True).first() or 0) + 1
        item = ResolutionItem.objects.create(
            conference=locked, position=position, matter=matter, title=title[:300], text=text.strip()
        )
        audit_record(
            code="workplaces.resolution_item.added",
            actor=actor,
            unit=locked.organisation.unit_id,
            obj=locked,
            after={"item": item.pk, "matter": matter, "title": item.title},
            now=moment,
        )
    return item


def resolution_item_vote(
    *,
    item: ResolutionItem,
    votes_for: int,
    votes_against: int,
    votes_abstain: int = 0,
    actor: Any,
    now: dt.datetime | None = None,
) -> ResolutionItem:
    """Record the show of hands on one matter; it passes with more than half of those present."""
    moment = now or clock.now()
    with transaction.atomic():
        locked = _lock(item.conference)
        if locked.status != ConferenceStatus.HELD:
            raise refuse("workplaces.votes.not_held")
        present = selectors.present_count(locked)
        _enforce(
            rules.check_votes(
                present=present, votes_for=votes_for, votes_against=votes_against, votes_abstain=votes_abstain
            )
        )
        row = ResolutionItem.objects.select_for_update().get(pk=item.pk, conference=locked)
        before = {"for": row.votes_for, "against": row.votes_against, "abstain": row.votes_abstain}
        row.votes_for, row.votes_against, row.votes_abstain = votes_for, votes_against, votes_abstain
        row.voted_at = moment
        row.save()
        audit_record(
            code="workplaces.resolution_item.voted",
            actor=actor,
            unit=locked.organisation.unit_id,
            obj=locked,
            before=before,
            after={
                "item": row.pk,
                "for": votes_for,
                "against": votes_against,
                "abstain": votes_abstain,
                "present": present,
                "passed": rules.passes(present=present, votes_for=votes_for),
            },
            now=moment,
        )
    return row


LEGAL_BASES = ("Căn cứ Luật Thực hiện dân chủ ở cơ sở ngày 10 tháng 11 năm 2022;",)


def _signer(organisation: Organisation, actor: Any, conference: Conference | None = None) -> Any:
    """The chair signs the minutes and the resolution: the recorded chair when there is one (a deputy standing in
    signs "TUQ." for the head), else the head's account that issues them."""
    printed = issuing_body_for(organisation)
    chair = conference.chair if conference is not None else None
    if chair is not None and conference is not None and conference.chair_authorisation_id is not None:
        # Signed "TUQ." (by the head's written authorisation) above the deputy's own position: the documents app
        # reserves "KT." for its commune deputy roles; see the guide's limits.
        return document_rules.signature_block(
            issuer=printed,
            signer_role="staff_member",
            signer_name=chair.full_name,
            authority="TUQ",
            position=chair.position or "CẤP PHÓ",
            head_title=printed.head_title or "THỦ TRƯỞNG ĐƠN VỊ",
        )
    name = chair.full_name if chair is not None else str(getattr(actor, "full_name", "") or actor.get_username())
    return document_rules.signature_block(
        issuer=printed, signer_role="agency_head", signer_name=name, position="CHỦ TRÌ HỘI NGHỊ"
    )


def _conference_name(conference: Conference) -> str:
    if conference.organisation.kind in ("state_owned_enterprise", "other_employer"):
        return "Hội nghị người lao động"
    return "Hội nghị cán bộ, công chức, viên chức, người lao động"


def _minutes_body(conference: Conference, present: int, items: list[ResolutionItem]) -> list[dict[str, Any]]:
    rows = [
        [
            str(item.position),
            item.title,
            str(item.votes_for),
            str(item.votes_against),
            str(item.votes_abstain or 0),
            "Thông qua" if rules.passes(present=present, votes_for=item.votes_for or 0) else "Không thông qua",
        ]
        for item in items
    ]
    needed = rules.quorum_needed(conference.roll_size or 0)
    return [
        {
            "type": "section",
            "title": "Thành phần, số lượng",
            "children": [
                {
                    "type": "paragraph",
                    "text": (
                        f"Tổng số người được triệu tập: {conference.roll_size}; có mặt: {present} "
                        f"(cần tối thiểu {needed}, đủ hai phần ba theo Điều 51 Luật Thực hiện dân chủ ở cơ sở)."
                    ),
                }
            ],
        },
        {
            "type": "section",
            "title": "Trình tự hội nghị",
            "children": [{"type": "item", "title": _vietnamese(step), "text": ""} for step in rules.AGENDA],
        },
        {
            "type": "section",
            "title": "Kết quả biểu quyết",
            "children": [
                {
                    "type": "table",
                    "header": ["TT", "Nội dung", "Tán thành", "Không tán thành", "Không biểu quyết", "Kết quả"],
                    "rows": rows,
                    "widths": [1, 5, 2, 2, 2, 2],
                }
            ],
        },
    ]


def _disclose_resolution(
    conference: Conference, resolution: Document, passed: list[ResolutionItem], *, actor: Any, now: dt.datetime
) -> Any:
    """Publish the resolution inside the organisation through ``disclosures`` (its deadline, channels and the
    20-day posting are that app's rules), with the issued PDF attached."""
    from grassroots.disclosures import services as disclosure_services
    from grassroots.disclosures.models import DisclosureCategory

    organisation = conference.organisation
    with resolution.pdf_file.open("rb") as handle:
        pdf = handle.read()
    disclosure = disclosure_services.disclosure_create(
        unit=organisation.unit,
        organisation=organisation,
        category=DisclosureCategory.objects.get(code=rules.resolution_category(organisation.kind)),
        title=f"Nghị quyết {_conference_name(conference).lower()} năm {conference.work_year}",
        body="\n".join(f"{item.position}. {item.title}" for item in passed),
        decision_number=f"{resolution.number}/{resolution.symbol}",
        decided_on=resolution.issued_on,
        attachments=[("nghi-quyet.pdf", pdf)],
        actor=actor,
        now=now,
    )
    return disclosure_services.disclosure_publish(disclosure=disclosure, actor=actor, now=now)


def head_authorisation_record(
    *,
    organisation: Organisation,
    deputy: StaffMember,
    valid_from: dt.date,
    valid_until: dt.date,
    reference: str,
    reason: str,
    actor: Any,
    now: dt.datetime | None = None,
) -> HeadAuthorisation:
    """Record the head's written authorisation of a deputy for the days the head is absent (giấy ủy quyền)."""
    moment = now or clock.now()
    reference, reason = " ".join(reference.split()), " ".join(reason.split())
    if not reference or not reason:
        raise refuse("workplaces.stand_in.details_required")
    if valid_until < valid_from:
        raise refuse("workplaces.stand_in.period")
    with transaction.atomic():
        member = StaffMember.objects.select_for_update().get(pk=deputy.pk)
        if member.organisation_id != organisation.pk:
            raise refuse("workplaces.wrong_organisation")
        if member.is_head:
            raise refuse("workplaces.stand_in.head_needs_none")
        if member.active_from > valid_from or (member.active_until is not None and member.active_until <= valid_until):
            raise refuse("workplaces.stand_in.inactive")
        authorisation = HeadAuthorisation.objects.create(
            organisation=organisation,
            deputy=member,
            valid_from=valid_from,
            valid_until=valid_until,
            reference=reference[:100],
            reason=reason[:300],
            created_by=actor,
        )
        audit_record(
            code="workplaces.stand_in.authorised",
            actor=actor,
            unit=organisation.unit_id,
            obj=authorisation,
            after={
                "deputy": member.pk,
                "valid_from": valid_from,
                "valid_until": valid_until,
                "reference": authorisation.reference,
            },
            now=moment,
        )
    return authorisation


CHAIR_STATUSES = (ConferenceStatus.PREPARING, ConferenceStatus.OPEN, ConferenceStatus.HELD)
"""The chair may be named or changed until the resolution is issued."""


def conference_chair_set(
    *, conference: Conference, chair: StaffMember, actor: Any, now: dt.datetime | None = None
) -> Conference:
    """Name who chairs the conference: the head, or while the head is absent a deputy whose written authorisation
    covers the conference day (kept on the conference; the chair signs its minutes and resolution)."""
    moment = now or clock.now()
    with transaction.atomic():
        locked = _lock(conference)
        if locked.status not in CHAIR_STATUSES:
            raise refuse("workplaces.conference.transition")
        member = StaffMember.objects.get(pk=chair.pk)
        if member.organisation_id != locked.organisation_id:
            raise refuse("workplaces.wrong_organisation")
        authorisation = (
            None if member.is_head else selectors.authorisation_on(locked.organisation_id, member, locked.scheduled_on)
        )
        _enforce(rules.check_stand_in(is_head=member.is_head, authorised=authorisation is not None))
        before = {"chair": locked.chair_id, "chair_authorisation": locked.chair_authorisation_id}
        locked.chair = member
        locked.chair_authorisation = authorisation
        locked.save(update_fields=["chair", "chair_authorisation", "updated_at"])
        audit_record(
            code="workplaces.conference.chair_set",
            actor=actor,
            unit=locked.organisation.unit_id,
            obj=locked,
            before=before,
            after={"chair": member.pk, "chair_authorisation": getattr(authorisation, "pk", None)},
            now=moment,
        )
    return locked


def conference_issue(*, conference: Conference, actor: Any, now: dt.datetime | None = None) -> Conference:
    """Issue the minutes and the resolution (the matters that passed) through ``documents``, then close."""
    moment = now or clock.now()
    with transaction.atomic():
        locked = _lock(conference)
        _enforce(rules.check_conference_transition(locked.status, ConferenceStatus.ISSUED))
        items = list(locked.items.order_by("position"))
        if not items:
            raise refuse("workplaces.conference.no_items")
        if any(item.voted_at is None for item in items):
            raise refuse("workplaces.conference.items_unvoted")
        present = selectors.present_count(locked)
        organisation = locked.organisation
        name = _conference_name(locked)
        signer = _signer(organisation, actor, locked)
        recipients = Recipients(copies=("Công đoàn cơ sở", "Toàn thể cán bộ, người lao động"), archive_unit="VP")
        minutes = document_issue(
            kind=DocumentType.MINUTES,
            issuer=organisation,
            summary=f"{name} năm {locked.work_year}",
            body=_minutes_body(locked, present, items),
            signer=signer,
            recipients=recipients,
            legal_bases=LEGAL_BASES,
            signer_user=actor,
            actor=actor,
            now=moment,
        )
        passed = [item for item in items if rules.passes(present=present, votes_for=item.votes_for or 0)]
        articles = [{"type": "article", "title": item.title, "text": item.text} for item in passed] or [
            {"type": "paragraph", "text": "Hội nghị không thông qua nội dung nào."}
        ]
        resolution = document_issue(
            kind=DocumentType.RESOLUTION,
            issuer=organisation,
            summary=f"{name} năm {locked.work_year}",
            body=articles,
            signer=signer,
            recipients=recipients,
            legal_bases=(*LEGAL_BASES, f"Căn cứ Biên bản {name.lower()} năm {locked.work_year};"),
            enacting_authority=name.upper(),
            enacting_word="QUYẾT NGHỊ:",
            signer_user=actor,
            actor=actor,
            now=moment,
        )
        locked.minutes_document = minutes
        locked.resolution_document = resolution
        locked.resolution_disclosure = _disclose_resolution(locked, resolution, passed, actor=actor, now=moment)
        locked.issued_at = moment
        state_change(
            locked,
            code="workplaces.conference.issued",
            actor=actor,
            unit=organisation.unit_id,
            snapshot=lambda item: {**conference_snapshot(item), "passed": [row.pk for row in passed]},
            now=moment,
            target=ConferenceStatus.ISSUED,
            check=rules.check_conference_transition,
            refused=_refused,
        )
    return locked


def conference_cancel(*, conference: Conference, reason: str, actor: Any, now: dt.datetime | None = None) -> Conference:
    moment = now or clock.now()
    with transaction.atomic():
        locked = _lock(conference)
        locked.cancel_reason = reason.strip()
        state_change(
            locked,
            code="workplaces.conference.cancelled",
            actor=actor,
            unit=locked.organisation.unit_id,
            snapshot=conference_snapshot,
            now=moment,
            target=ConferenceStatus.CANCELLED,
            check=rules.check_conference_transition,
            refused=_refused,
        )
    return locked


def resolution_review_record(
    *, conference: Conference, findings: str, actor: Any, now: dt.datetime | None = None
) -> ResolutionReview:
    """The six-monthly check of the resolution with the union, notified to all staff ([L] arts 52(3), 70(3))."""
    moment = now or clock.now()
    findings = findings.strip()
    if not findings:
        raise refuse("workplaces.consultation.explanation_required")
    with transaction.atomic():
        locked = _lock(conference)
        if locked.status != ConferenceStatus.ISSUED:
            raise refuse("workplaces.conference.not_issued")
        notice: Document = document_issue(
            kind=DocumentType.NOTICE,
            issuer=locked.organisation,
            summary=f"Kết quả kiểm tra việc thực hiện nghị quyết hội nghị năm {locked.work_year}",
            body=[{"type": "paragraph", "text": findings}],
            signer=document_rules.signature_block(
                issuer=issuing_body_for(locked.organisation),
                signer_role="agency_head",
                signer_name=str(getattr(actor, "full_name", "") or actor.get_username()),
            ),
            recipients=Recipients(copies=("Công đoàn cơ sở", "Toàn thể cán bộ, người lao động"), archive_unit="VP"),
            signer_user=actor,
            actor=actor,
            now=moment,
        )
        review = ResolutionReview.objects.create(
            conference=locked,
            reviewed_on=clock.localdate(moment),
            findings=findings,
            notice_document=notice,
            recorded_by=actor,
        )
        audit_record(
            code="workplaces.resolution.reviewed",
            actor=actor,
            unit=locked.organisation.unit_id,
            obj=locked,
            after={"review": review.pk, "notice": notice.pk},
            now=moment,
        )
    return review


# ---------------------------------------------------------------------------------------------
# Staff consultation ([L] arts 53–55, 71–72, 74), explained and disclosed through ``disclosures``
# ---------------------------------------------------------------------------------------------


def staff_consultation_create(
    *,
    organisation: Organisation,
    matter: str,
    title: str,
    draft: str,
    opens_on: dt.date,
    closes_on: dt.date,
    actor: Any,
    now: dt.datetime | None = None,
) -> Consultation:
    """Put a draft to all staff: a ``consultations.Consultation`` owned by the organisation, its draft one section,
    opened today through the consultations services (the staff are its audience; no Council/Front plan)."""
    moment = now or clock.now()
    if matter not in rules.consultation_matters(organisation.kind):
        raise refuse("workplaces.consultation.unknown_matter")
    if closes_on <= opens_on or closes_on < clock.localdate(moment):
        raise refuse("workplaces.consultation.dates")
    title = " ".join(title.split())
    if not title or not draft.strip():
        raise refuse("workplaces.staff.name_required")
    with transaction.atomic():
        consultation = consultation_services.consultation_create(
            commune=organisation.unit,
            organisation=organisation,
            matter=matter,
            title=title[:300],
            opens_on=opens_on,
            closes_on=closes_on,
            forms_used=[OpinionChannel.MEETING, OpinionChannel.LETTER, OpinionChannel.COMMENT_BOX],
            actor=actor,
            now=moment,
        )
        consultation_services.section_add(
            consultation=consultation, heading=title[:300], text=draft.strip(), actor=actor, now=moment
        )
        consultation = consultation_services.consultation_open(consultation=consultation, actor=actor, now=moment)
    return consultation


def staff_opinion_add(
    *,
    consultation: Consultation,
    text: str,
    received_on: dt.date,
    author: StaffMember | None = None,
    channel: str = "",
    actor: Any,
    now: dt.datetime | None = None,
) -> Opinion:
    """Record one staff member's opinion (entered by the organisation's officer) through the consultations service;
    the author must be on this organisation's staff."""
    if consultation.organisation_id is None:
        raise refuse("workplaces.wrong_organisation")
    if author is not None and author.organisation_id != consultation.organisation_id:
        raise refuse("workplaces.wrong_organisation")
    return consultation_services.opinion_enter(
        consultation=consultation,
        channel=OpinionChannel.LETTER,
        stance=OpinionStance.SUGGESTION,
        text=text,
        received_on=received_on,
        source=channel.strip()[:300],
        author_name=author.full_name if author is not None else "",
        actor=actor,
        now=now,
    )


def staff_consultation_close(*, consultation: Consultation, actor: Any, now: dt.datetime | None = None) -> Consultation:
    if consultation.organisation_id is None:
        raise refuse("workplaces.wrong_organisation")
    return consultation_services.consultation_close(consultation=consultation, actor=actor, now=now)


def staff_opinion_answer(
    *, opinion: Opinion, accepted: bool, answer: str, actor: Any, now: dt.datetime | None = None
) -> Opinion:
    """Accept an opinion or explain why not (the consultations disposition, after closing)."""
    disposition = Disposition.ACCEPTED if accepted else Disposition.NOT_ACCEPTED
    return consultation_services.opinion_dispose(
        opinion=opinion, disposition=disposition, explanation=answer, actor=actor, now=now
    )


def staff_consultation_complete(
    *, consultation: Consultation, explanation: str, actor: Any, now: dt.datetime | None = None
) -> Consultation:
    """Summarise and explain, then publish the explanation inside the organisation ([L] arts 53(3), 74):
    item A10 for agencies, S8 for SOEs, through the disclosure service (deadline and posting rules there).
    Completion (every opinion answered) is the consultations service's; one transaction for both."""
    from grassroots.disclosures import services as disclosure_services
    from grassroots.disclosures.models import DisclosureCategory

    moment = now or clock.now()
    explanation = explanation.strip()
    if not explanation:
        raise refuse("workplaces.consultation.explanation_required")
    if consultation.organisation_id is None:
        raise refuse("workplaces.wrong_organisation")
    with transaction.atomic():
        completed = consultation_services.consultation_complete_comments(
            consultation=consultation, actor=actor, now=moment
        )
        organisation = Organisation.objects.select_related("unit").get(pk=consultation.organisation_id)
        category = DisclosureCategory.objects.get(code=rules.explanation_category(organisation.kind))
        disclosure = disclosure_services.disclosure_create(
            unit=organisation.unit,
            organisation=organisation,
            category=category,
            title=f"Tổng hợp ý kiến và giải trình: {completed.title}",
            body=explanation,
            decided_on=clock.localdate(moment),
            actor=actor,
            now=moment,
        )
        disclosure = disclosure_services.disclosure_publish(disclosure=disclosure, actor=actor, now=moment)
        completed.report_disclosure = disclosure
        completed.save(update_fields=["report_disclosure", "updated_at"])
        audit_record(
            code="workplaces.consultation.explanation_published",
            actor=actor,
            unit=organisation.unit_id,
            obj=completed,
            after={"disclosure": disclosure.pk, "category": category.code},
            now=moment,
        )
    return completed


# ---------------------------------------------------------------------------------------------
# Workplace dialogue (Labour Code art. 63; Decree 145/2020 arts 38–41)
# ---------------------------------------------------------------------------------------------


def _dialogue_snapshot(item: WorkplaceDialogue) -> dict[str, Any]:
    return {
        "status": item.status,
        "scheduled_on": item.scheduled_on,
        "workers_present": item.workers_present,
        "legal_representative_present": item.legal_representative_present,
    }


def dialogue_schedule(
    *,
    organisation: Organisation,
    kind: str,
    scheduled_on: dt.date,
    topics: str,
    content_sent_on: dt.date | None = None,
    request_supporters: int = 0,
    requested_on: dt.date | None = None,
    actor: Any,
    now: dt.datetime | None = None,
) -> WorkplaceDialogue:
    """Schedule a dialogue between the members of the list in force on its day (Decree 145 art. 38): the sides'
    sizes are the list's; the content goes to the other side at least 5 working days before (art. 39(3)); a
    worker-side request needs ≥ 30 % of the worker-side members and the day it was received (art. 40(1)–(2))."""
    moment = now or clock.now()
    if not rules.holds_dialogue(organisation_kind=organisation.kind):
        raise refuse("workplaces.dialogue.not_employer")
    if kind not in DialogueKind.values:
        kind = DialogueKind.PERIODIC
    member_list = selectors.member_list_in_force(organisation, scheduled_on)
    if member_list is None:
        raise refuse("workplaces.dialogue.no_member_list")
    employer_representatives = member_list.members.filter(side=DialogueSide.EMPLOYER).count()
    worker_representatives = member_list.members.filter(side=DialogueSide.WORKERS).count()
    if kind == DialogueKind.ON_REQUEST and not rules.dialogue_request_is_supported(
        supporters=request_supporters, worker_representatives=worker_representatives
    ):
        raise refuse("workplaces.dialogue.request_too_small")
    calendar = working_calendar_of(organisation)
    if content_sent_on is not None and not rules.content_sent_in_time(
        content_sent_on=content_sent_on, scheduled_on=scheduled_on, calendar=calendar
    ):
        raise refuse("workplaces.dialogue.content_late")
    if kind == DialogueKind.ON_REQUEST and requested_on is None:
        raise refuse("workplaces.dialogue.requested_on_required")
    if requested_on is not None and requested_on > clock.localdate(moment):
        raise refuse("workplaces.date_in_future")
    topics = topics.strip()
    if not topics:
        raise refuse("workplaces.consultation.explanation_required")
    with transaction.atomic():
        dialogue = WorkplaceDialogue.objects.create(
            requested_on=requested_on if kind == DialogueKind.ON_REQUEST else None,
            organisation=organisation,
            kind=kind,
            year=scheduled_on.year,
            scheduled_on=scheduled_on,
            topics=topics,
            content_sent_on=content_sent_on,
            employer_representatives=employer_representatives,
            worker_representatives=worker_representatives,
            member_list=member_list,
            created_by=actor,
        )
        audit_record(
            code="workplaces.dialogue.scheduled",
            actor=actor,
            unit=organisation.unit_id,
            obj=dialogue,
            after=_dialogue_snapshot(dialogue),
            now=moment,
        )
    return dialogue


def dialogue_record(
    *,
    dialogue: WorkplaceDialogue,
    present: Iterable[DialogueMember],
    outcome: str,
    content_sent_on: dt.date | None = None,
    actor: Any,
    now: dt.datetime | None = None,
) -> WorkplaceDialogue:
    """Record who of the list was present and the outcome: valid with the legal representative and more than
    70 % of the worker side (Decree 145 art. 39(4)); otherwise recorded as not valid. Valid minutes are issued
    through ``documents``. A periodic dialogue or one on a matter is refused unless its content went to the other
    side at least 5 working days before (Decree 145 art. 39(3)); ``content_sent_on`` fills in a day not yet
    recorded."""
    moment = now or clock.now()
    with transaction.atomic():
        locked = WorkplaceDialogue.objects.select_for_update().select_related("organisation__unit").get(pk=dialogue.pk)
        _enforce(rules.check_dialogue_transition(locked.status, DialogueStatus.HELD))
        if locked.content_sent_on is None:
            locked.content_sent_on = content_sent_on
        if rules.content_notice_required(locked.kind):
            if locked.content_sent_on is None:
                raise refuse("workplaces.dialogue.content_not_sent")
            if not rules.content_sent_in_time(
                content_sent_on=locked.content_sent_on,
                scheduled_on=min(locked.scheduled_on, clock.localdate(moment)),
                calendar=working_calendar_of(locked.organisation),
            ):
                raise refuse("workplaces.dialogue.content_late")
        members = list(dict.fromkeys(present))
        if any(member.member_list_id != locked.member_list_id for member in members):
            raise refuse("workplaces.dialogue.not_a_member")
        DialoguePresence.objects.bulk_create([DialoguePresence(dialogue=locked, member=member) for member in members])
        workers_present = sum(1 for member in members if member.side == DialogueSide.WORKERS)
        legal_representative_present = any(member.is_legal_representative for member in members)
        stand_in = None
        if not legal_representative_present:
            # The legal representative is absent: an employer-side member holding their written authorisation for
            # the day stands in (Decree 145 art. 39(4)), and the authorisation is kept on the dialogue.
            held_on = clock.localdate(moment)
            for member in members:
                if member.side == DialogueSide.EMPLOYER:
                    stand_in = selectors.authorisation_on(locked.organisation_id, member.staff_member_id, held_on)
                    if stand_in is not None:
                        break
            legal_representative_present = stand_in is not None
        locked.stand_in_authorisation = stand_in
        valid = rules.dialogue_is_valid(
            legal_representative_present=legal_representative_present,
            workers_present=workers_present,
            worker_representatives=locked.worker_representatives,
        )
        locked.workers_present = workers_present
        locked.legal_representative_present = legal_representative_present
        locked.outcome = outcome.strip()
        locked.held_on = clock.localdate(moment)
        if valid:
            names = ", ".join(
                f"{member.staff_member.full_name} ({member.get_side_display()})"
                for member in DialogueMember.objects.filter(pk__in=[member.pk for member in members])
                .select_related("staff_member")
                .order_by("side", "-is_legal_representative", "staff_member__full_name")
            )
            locked.minutes_document = document_issue(
                kind=DocumentType.MINUTES,
                issuer=locked.organisation,
                summary=f"{locked.get_kind_display()} tại nơi làm việc",
                body=[
                    {
                        "type": "section",
                        "title": "Nội dung đối thoại",
                        "children": [{"type": "paragraph", "text": locked.topics}],
                    },
                    {
                        "type": "section",
                        "title": "Thành phần",
                        "children": [
                            {
                                "type": "paragraph",
                                "text": (
                                    f"Bên người sử dụng lao động: {locked.employer_representatives} người, có người "
                                    f"đại diện theo pháp luật. Bên người lao động: {workers_present}/"
                                    f"{locked.worker_representatives} thành viên có mặt."
                                ),
                            },
                            {"type": "paragraph", "text": f"Có mặt: {names}."},
                        ],
                    },
                    {
                        "type": "section",
                        "title": "Kết quả",
                        "children": [{"type": "paragraph", "text": locked.outcome or "—"}],
                    },
                ],
                signer=document_rules.signature_block(
                    issuer=issuing_body_for(locked.organisation),
                    signer_role="agency_head",
                    signer_name=str(getattr(actor, "full_name", "") or actor.get_username()),
                ),
                recipients=Recipients(
                    copies=("Tổ chức đại diện người lao động", "Lưu hồ sơ đối thoại"), archive_unit="VP"
                ),
                legal_bases=("Căn cứ Bộ luật Lao động ngày 20 tháng 11 năm 2019;",),
                signer_user=actor,
                actor=actor,
                now=moment,
            )
        state_change(
            locked,
            code="workplaces.dialogue.recorded",
            actor=actor,
            unit=locked.organisation.unit_id,
            snapshot=_dialogue_snapshot,
            now=moment,
            target=DialogueStatus.HELD if valid else DialogueStatus.INVALID,
            check=rules.check_dialogue_transition,
            refused=_refused,
        )
    return locked


def dialogue_publish(*, dialogue: WorkplaceDialogue, actor: Any, now: dt.datetime | None = None) -> WorkplaceDialogue:
    """Record that the main content was published at the workplace (due within 3 working days)."""
    moment = now or clock.now()
    with transaction.atomic():
        locked = WorkplaceDialogue.objects.select_for_update().select_related("organisation").get(pk=dialogue.pk)
        locked.published_on = clock.localdate(moment)
        state_change(
            locked,
            code="workplaces.dialogue.published",
            actor=actor,
            unit=locked.organisation.unit_id,
            snapshot=_dialogue_snapshot,
            now=moment,
            target=DialogueStatus.PUBLISHED,
            check=rules.check_dialogue_transition,
            refused=_refused,
        )
    return locked


def dialogue_reply_due_on(dialogue: WorkplaceDialogue) -> dt.date | None:
    """When the written reply to a requested dialogue was due (Decree 145 art. 40(2)), or None."""
    if dialogue.requested_on is None:
        return None
    return rules.request_reply_due_on(dialogue.requested_on, working_calendar_of(dialogue.organisation))


def dialogue_publication_due_on(dialogue: WorkplaceDialogue) -> dt.date | None:
    if dialogue.held_on is None:
        return None
    return rules.publication_due_on(dialogue.held_on, working_calendar_of(dialogue.organisation))


def dialogue_published_late(dialogue: WorkplaceDialogue) -> bool:
    """Whether the outcome was published after its 3 working days (shown as late on the dialogue's page)."""
    if dialogue.held_on is None or dialogue.published_on is None:
        return False
    return rules.publication_is_late(
        held_on=dialogue.held_on,
        published_on=dialogue.published_on,
        calendar=working_calendar_of(dialogue.organisation),
    )


def dialogue_member_list_set(
    *,
    organisation: Organisation,
    fixed_on: dt.date,
    published_on: dt.date,
    employer_members: Iterable[StaffMember],
    worker_members: Iterable[StaffMember],
    legal_representative: StaffMember,
    actor: Any,
    now: dt.datetime | None = None,
) -> DialogueMemberList:
    """Fix the members of both sides for the next 2 years and record their publication at the workplace
    (Decree 145 art. 38): at least 3 on the employer side with the legal representative, the worker side sized
    by the workforce on ``fixed_on``; everyone on the staff register that day, on one side only."""
    moment = now or clock.now()
    today = clock.localdate(moment)
    if not rules.holds_dialogue(organisation_kind=organisation.kind):
        raise refuse("workplaces.dialogue.not_employer")
    if fixed_on > today or published_on > today:
        raise refuse("workplaces.date_in_future")
    employer = list(dict.fromkeys([*employer_members, legal_representative]))
    workers = list(dict.fromkeys(worker_members))
    everyone = [*employer, *workers]
    if len({member.pk for member in everyone}) != len(everyone):
        raise refuse("workplaces.dialogue.member_twice")
    if any(member.organisation_id != organisation.pk for member in everyone):
        raise refuse("workplaces.wrong_organisation")
    with transaction.atomic():
        Organisation.objects.select_for_update().get(pk=organisation.pk)
        active = set(
            selectors.staff_on(organisation, fixed_on)
            .filter(pk__in=[member.pk for member in everyone])
            .values_list("pk", flat=True)
        )
        if len(active) != len(everyone):
            raise refuse("workplaces.dialogue.member_not_on_staff")
        headcount = selectors.headcount_on(organisation, fixed_on)
        _enforce(
            rules.check_member_list(
                headcount=headcount, employer=len(employer), workers=len(workers), legal_representatives=1
            )
        )
        member_list = DialogueMemberList.objects.create(
            organisation=organisation,
            fixed_on=fixed_on,
            valid_until=rules.member_list_valid_until(fixed_on),
            published_on=published_on,
            headcount=headcount,
            created_by=actor,
        )
        DialogueMember.objects.bulk_create(
            [
                DialogueMember(
                    member_list=member_list,
                    staff_member=member,
                    side=DialogueSide.EMPLOYER,
                    is_legal_representative=member.pk == legal_representative.pk,
                )
                for member in employer
            ]
            + [
                DialogueMember(member_list=member_list, staff_member=member, side=DialogueSide.WORKERS)
                for member in workers
            ]
        )
        audit_record(
            code="workplaces.dialogue.members_fixed",
            actor=actor,
            unit=organisation.unit_id,
            obj=member_list,
            after={
                "fixed_on": fixed_on,
                "valid_until": member_list.valid_until,
                "employer": sorted(member.pk for member in employer),
                "workers": sorted(member.pk for member in workers),
                "legal_representative": legal_representative.pk,
            },
            now=moment,
        )
    return member_list
