"""Shared parts of the consultation services: refusal messages, snapshots, the lock and the status check."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from django.utils.translation import gettext_lazy as _

from grassroots.consultations import rules
from grassroots.consultations.models import (
    Consultation,
    Opinion,
)
from grassroots.core.errors import Refusals
from grassroots.core.services import state_change

MESSAGES: Mapping[str, Any] = {
    "consultations.bad_transition": _("Thao tác này không thực hiện được ở trạng thái hiện tại của cuộc lấy ý kiến."),
    "consultations.not_commune": _("Chỉ xã, phường tổ chức lấy ý kiến Nhân dân theo Điều 25 Luật."),
    "consultations.title_required": _("Cần nhập tên dự thảo."),
    "consultations.period_too_short": _(
        "Thời gian lấy ý kiến phải ít nhất %(days)s ngày kể từ ngày công bố: ngày kết thúc sớm nhất là %(earliest)s."
    ),
    "consultations.dates_unordered": _("Ngày kết thúc phải sau ngày bắt đầu."),
    "consultations.not_editable": _("Dự thảo và kế hoạch chỉ sửa được trước khi công bố."),
    "consultations.no_sections": _("Dự thảo cần ít nhất một phần, một điều để Nhân dân góp ý."),
    "consultations.plan_not_sent": _(
        "Cần ghi ngày gửi kế hoạch lấy ý kiến đến Hội đồng nhân dân và Ủy ban Mặt trận Tổ quốc xã trước khi công bố."
    ),
    "consultations.date_in_future": _("Ngày gửi không được sau hôm nay."),
    "consultations.not_authorised_plan": _("Bạn không có thẩm quyền ban hành kế hoạch lấy ý kiến của xã này."),
    "consultations.no_plan_needed": _(
        "Chỉ cuộc lấy ý kiến Nhân dân của xã có kế hoạch gửi Hội đồng nhân dân và Ủy ban MTTQ xã."
    ),
    "consultations.plan_incomplete": _("Kế hoạch lấy ý kiến chưa đủ: cần ghi %(parts)s (Khoản 1 Điều 28 Luật)."),
    "consultations.plan_already_issued": _("Kế hoạch lấy ý kiến đã được ban hành."),
    "consultations.plan_closed": _("Cuộc lấy ý kiến đã kết thúc: không sửa kế hoạch được nữa."),
    "consultations.plan_form_removed": _(
        "Đang lấy ý kiến: chỉ thêm được hình thức lấy ý kiến, không bỏ hình thức đã công bố."
    ),
    "consultations.plan_forms_required": _("Kế hoạch cần ít nhất một hình thức lấy ý kiến (Điều 26 Luật)."),
    "consultations.no_signer": _("Xã chưa có Chủ tịch Ủy ban nhân dân trong hệ thống để ký kế hoạch."),
    "consultations.close_too_early": _(
        "Chưa hết thời gian lấy ý kiến: Nhân dân được góp ý đến hết ngày %(closes_on)s."
    ),
    "consultations.not_taking_opinions": _("Cuộc lấy ý kiến này không còn nhận ý kiến."),
    "consultations.opinion_in_future": _("Ngày nhận ý kiến không được sau hôm nay."),
    "consultations.opinion_outside_period": _("Ý kiến phải được nhận trong thời gian lấy ý kiến."),
    "consultations.opinion_text_required": _("Cần nhập nội dung ý kiến."),
    "consultations.online_is_for_residents": _(
        "Ý kiến trực tuyến do người dân tự gửi; cán bộ chọn hình thức đã nhận ý kiến."
    ),
    "consultations.section_elsewhere": _("Phần được chọn không thuộc dự thảo này."),
    "consultations.reason_required": _("Cần nêu lý do."),
    "consultations.already_hidden": _("Ý kiến này đã được ẩn."),
    "consultations.not_disposable": _(
        "Chỉ tiếp thu, giải trình sau khi hết thời gian lấy ý kiến và trước khi hoàn thành."
    ),
    "consultations.explanation_required": _("Cần nêu nội dung tiếp thu, giải trình."),
    "consultations.opinion_hidden": _("Ý kiến đã ẩn không cần tiếp thu, giải trình."),
    "consultations.group_empty": _("Chọn ít nhất hai ý kiến có cùng nội dung."),
    "consultations.dispositions_missing": _("Còn %(missing)s ý kiến chưa được tiếp thu, giải trình."),
    "consultations.justification_required": _(
        "Quyết định khác với ý kiến của đa số: cần nêu rõ lý do, lý do này được công khai."
    ),
    "consultations.decision_required": _("Cần nhập nội dung quyết định cuối cùng."),
    "consultations.not_authorised": _("Chỉ Chủ tịch Ủy ban nhân dân xã hoàn thành và công bố kết quả lấy ý kiến."),
    "consultations.not_resident": _("Chỉ người dân của xã, phường này gửi ý kiến trực tuyến."),
    "consultations.name_required": _("Cần ghi họ tên."),
    "consultations.affected_people_missing": _(
        "Dự thảo quyết định loại C8: cần ghi người bị ảnh hưởng đã được thông báo trước khi hoàn thành."
    ),
    "consultations.not_yet_heard": _(
        "Còn %(unsettled)s người bị ảnh hưởng chưa được nghe trình bày ý kiến (hoặc chưa xác nhận không yêu cầu)."
    ),
    "consultations.not_c8": _("Chỉ dự thảo quyết định loại C8 có bước nghe người bị ảnh hưởng trình bày."),
    "consultations.already_signed": _("Quyết định này đã được ký."),
    "consultations.explanation_not_filed": _(
        "Chưa ký được: báo cáo tổng hợp, tiếp thu, giải trình phải được ban hành và gửi kèm dự thảo quyết định "
        "(Điều 27 Luật) — hoàn thành cuộc lấy ý kiến trước."
    ),
    "consultations.already_sent_up": _("Đã gửi báo cáo tổng hợp lên cấp trên."),
    "consultations.not_sent_up": _("Cần ghi việc gửi báo cáo tổng hợp lên cơ quan cấp trên trước."),
    "consultations.higher_already_recorded": _("Đã ghi quyết định của cấp trên."),
    "consultations.authority_required": _("Cần ghi tên cơ quan cấp trên."),
    "consultations.higher_justification_required": _(
        "Cấp trên quyết định khác với ý kiến của đa số: cần ghi lý do cấp trên giải trình, lý do này được công khai."
    ),
    "consultations.signed_in_only": _("Cuộc lấy ý kiến này chỉ nhận ý kiến trực tuyến của người đã đăng nhập."),
    "consultations.bad_channel": _("Hình thức nhận ý kiến không hợp lệ: chọn một hình thức trong danh sách."),
    "consultations.bad_stance": _(
        "Ý kiến đối với dự thảo không hợp lệ: chọn đồng ý, không đồng ý hoặc góp ý sửa đổi, bổ sung."
    ),
}


REFUSALS = Refusals(MESSAGES)
_fail = REFUSALS.error
_enforce = REFUSALS.enforce


def _snapshot(consultation: Consultation) -> dict[str, Any]:
    return {
        "status": consultation.status,
        "title": consultation.title,
        "opens_on": consultation.opens_on,
        "closes_on": consultation.closes_on,
        "published_on": consultation.published_on,
        "closed_on": consultation.closed_on,
        "plan_sent_to_council_on": consultation.plan_sent_to_council_on,
        "plan_sent_to_front_on": consultation.plan_sent_to_front_on,
        "plan_document": consultation.plan_document_id,
        "adopts_draft": consultation.adopts_draft,
        "against_majority": consultation.against_majority,
        "completed_on": consultation.completed_on,
        "report_document": consultation.report_document_id,
        "report_disclosure": consultation.report_disclosure_id,
    }


def _opinion_snapshot(opinion: Opinion) -> dict[str, Any]:
    return {
        "section": opinion.section_id,
        "channel": opinion.channel,
        "stance": opinion.stance,
        "is_hidden": opinion.is_hidden,
        "hidden_reason": opinion.hidden_reason,
        "group": opinion.group_id,
        "disposition": opinion.disposition,
        "explanation": opinion.explanation,
    }


def _save(consultation: Consultation, *, verb: str, actor: Any, moment: dt.datetime, target: str | None = None) -> None:
    state_change(
        consultation,
        code=f"consultations.consultation.{verb}",
        actor=actor,
        unit=consultation.commune_id,
        snapshot=_snapshot,
        now=moment,
        target=target,
        check=rules.check_transition,
        refused=lambda result: _fail("consultations.bad_transition", **result.params),
    )


def _lock(consultation: Consultation | int) -> Consultation:
    return Consultation.objects.select_for_update().get(pk=getattr(consultation, "pk", consultation))


def _require_status(consultation: Consultation, allowed: Iterable[str], code: str) -> None:
    if consultation.status not in set(allowed):
        raise _fail(code)
