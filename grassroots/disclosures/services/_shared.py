"""What every disclosure workflow shares: refusal messages, the clock, the calendars, the row lock."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils.translation import gettext_lazy as _

from grassroots.calendar import rules as calendar_rules
from grassroots.calendar import selectors as calendar_selectors
from grassroots.core import clock
from grassroots.core.errors import DomainError, RuleResult
from grassroots.disclosures.models import Disclosure

MESSAGES: dict[str, Any] = {
    "disclosures.transition_not_allowed": _("Không thể thực hiện thao tác này ở trạng thái hiện tại."),
    "disclosures.permanent_cannot_end": _(
        "Nội dung công khai thường xuyên không có thời hạn niêm yết; hãy sửa đổi (phiên bản mới) hoặc rút."
    ),
    "disclosures.minimum_posting_not_reached": _(
        "Chưa đủ thời gian niêm yết tối thiểu %(min_days)s ngày liên tục: chỉ được gỡ xuống từ ngày %(may_end_on)s."
    ),
    "disclosures.published_in_future": _("Ngày công khai không được sau ngày hôm nay."),
    "disclosures.published_before_decision": _("Ngày công khai không được trước ngày quyết định."),
    "disclosures.channel_not_allowed": _("Hình thức công khai này không áp dụng cho đơn vị."),
    "disclosures.intranet_missing": _(
        "Đơn vị chưa khai báo có mạng nội bộ: hãy cập nhật hồ sơ đơn vị trước khi ghi nhận công khai qua mạng nội bộ."
    ),
    "disclosures.upload_empty": _("Tệp rỗng."),
    "disclosures.upload_too_large": _("Tệp quá lớn: tối đa 10 MB."),
    "disclosures.upload_type_not_allowed": _("Chỉ nhận tệp PDF, DOCX hoặc ảnh PNG, JPG."),
    "disclosures.upload_content_mismatch": _("Nội dung tệp không đúng với đuôi tên tệp."),
    "disclosures.upload_archive": _("Tệp Word không dùng được: %(reason)s"),
    "disclosures.title_required": _("Hãy nhập tiêu đề."),
    "disclosures.category_wrong_regime": _("Nội dung công khai này không thuộc loại đơn vị đã chọn."),
    "disclosures.unit_not_commune": _("Thông tin công khai của xã phải gắn với một xã, phường, đặc khu."),
    "disclosures.decided_in_future": _("Ngày quyết định không được sau ngày hôm nay."),
    "disclosures.decision_outside_calendar": _("Ngày quyết định nằm ngoài lịch làm việc của hệ thống."),
    "disclosures.change_note_required": _("Hãy ghi rõ nội dung thay đổi."),
    "disclosures.reason_required": _("Hãy ghi rõ lý do rút thông tin."),
    "disclosures.attachment_locked": _(
        "Chỉ thêm tệp vào dự thảo hoặc bản sửa đổi chưa công khai; "
        "thông tin đã công khai phải sửa đổi và công khai lại."
    ),
    "disclosures.not_published": _("Thông tin chưa được công khai hoặc đang chờ công khai lại bản sửa đổi."),
    "disclosures.community_required": _("Hãy chọn thôn, tổ dân phố nơi niêm yết."),
    "disclosures.community_outside_unit": _("Thôn, tổ dân phố không thuộc đơn vị này."),
    "disclosures.started_before_decision": _("Ngày bắt đầu không được trước ngày quyết định."),
    "disclosures.started_in_future": _("Ngày bắt đầu không được sau ngày hôm nay."),
    "disclosures.dates_unordered": _("Ngày kết thúc phải sau ngày bắt đầu."),
    "disclosures.backdating_reason_required": _(
        "Ngày niêm yết sớm hơn ngày ghi nhận (%(recorded_on)s): hãy ghi lý do ghi nhận muộn. "
        "Lần công khai này sẽ được tính là tự khai."
    ),
    "disclosures.publication_already_ended": _("Hình thức công khai này đã kết thúc."),
    "disclosures.relay_already_acknowledged": _("Việc này đã được xác nhận."),
    "disclosures.relay_means_required": _("Hãy chọn ít nhất một cách thông tin đến các hộ."),
    "disclosures.relay_note_required": _("Hãy ghi ngắn gọn đã thông tin đến các hộ như thế nào."),
    "disclosures.plan_exists": _("Đơn vị đã có kế hoạch công khai của năm này."),
    "disclosures.plan_item_incomplete": _("Hãy nhập đủ nội dung, hình thức, thời điểm và người thực hiện."),
    "disclosures.request_subject_required": _("Hãy ghi thông tin người dân yêu cầu."),
    "disclosures.request_requester_required": _("Hãy ghi họ tên và địa chỉ liên hệ của người yêu cầu."),
    "disclosures.request_received_in_future": _("Ngày tiếp nhận không được sau ngày hôm nay."),
    "disclosures.request_already_answered": _("Yêu cầu này đã được trả lời."),
    "disclosures.request_already_extended": _("Chỉ được gia hạn một lần."),
    "disclosures.request_extension_reason_required": _("Hãy ghi lý do gia hạn."),
    "disclosures.request_extension_too_late": _("Đã quá hạn trả lời (%(due_on)s): không thể gia hạn nữa."),
    "disclosures.request_answer_required": _("Hãy nhập nội dung trả lời."),
    "disclosures.request_answered_before_received": _("Ngày trả lời không được trước ngày tiếp nhận."),
}


def _format(value: Any) -> Any:
    return value.strftime("%d/%m/%Y") if isinstance(value, dt.date) else value


def refuse(code: str, **params: Any) -> DomainError:
    message = MESSAGES.get(code, code)
    text = str(message) % {key: _format(value) for key, value in params.items()} if params else str(message)
    return DomainError(code, text, **params)


def enforce(result: RuleResult) -> None:
    if not result:
        raise refuse(result.code, **result.params)


def local_date(now: dt.datetime | None) -> dt.date:
    return clock.localdate(now)


def public_calendar() -> calendar_rules.WorkingCalendar:
    return calendar_selectors.working_calendar()


def calendar_of(organisation: Any | None) -> calendar_rules.WorkingCalendar:
    """The calendar a disclosure's deadline is counted in: the organisation's own working week for an
    internal disclosure (an enterprise may rest on Sunday only), the public-sector calendar otherwise."""
    return calendar_selectors.working_calendar_of(organisation)


def actor_or_none(actor: Any) -> Any:
    """The actor as a user row for a foreign key, or ``None`` for a system actor (a command, a listener)."""
    return actor if getattr(actor, "pk", None) else None


def lock_disclosure(disclosure: Disclosure) -> Disclosure:
    return (
        Disclosure.objects.select_for_update(of=("self",))
        .select_related("category", "unit", "organisation")
        .get(pk=disclosure.pk)
    )
