"""Shared pieces of the workplaces services: refusal messages and codes, small helpers."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from django.utils.translation import override

from grassroots.core.errors import DomainError, RuleResult
from grassroots.units.models import Organisation

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
    "workplaces.regime.not_employer": _(
        "Chỉ doanh nghiệp, tổ chức ngoài nhà nước mới được chọn áp dụng quy định như doanh nghiệp nhà nước."
    ),
    "workplaces.regime.already_opted_in": _("Đơn vị đã chọn áp dụng quy định như doanh nghiệp nhà nước."),
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


def democracy_regime_of(organisation: Organisation) -> str:
    """The regime stored on the organisation's workplace profile ('' when it has none)."""
    from grassroots.workplaces.models import WorkplaceProfile

    return WorkplaceProfile.objects.filter(organisation=organisation).values_list("regime", flat=True).first() or ""


def _unit(organisation: Organisation | int) -> int:
    if isinstance(organisation, Organisation):
        return int(organisation.unit_id)
    return int(Organisation.objects.values_list("unit_id", flat=True).get(pk=organisation))
