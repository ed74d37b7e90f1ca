"""Writes of consultations ([L] arts 25–29): prepare, open, take opinions, close, answer, complete.

Every write is keyword-only, inside ``transaction.atomic``: lock the consultation → check the rules →
change → audit. Statuses move only through ``core.services.state_change`` and ``rules.check_transition``.
Completion issues the summary and explanation report through ``documents.document_issue`` and publishes it
as disclosure item K11 through the disclosures service.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from django.db import transaction
from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from grassroots.accounts import selectors as account_selectors
from grassroots.accounts.rules import Action
from grassroots.consultations import reports, rules
from grassroots.consultations.models import (
    AffectedPerson,
    Consultation,
    ConsultationMatter,
    ConsultationSection,
    ConsultationStatus,
    Disposition,
    Opinion,
    OpinionChannel,
    OpinionGroup,
    OpinionStance,
)
from grassroots.core import clock
from grassroots.core.errors import Refusals
from grassroots.core.services import audit_record, state_change
from grassroots.disclosures import services as disclosure_services
from grassroots.disclosures.models import DisclosureCategory
from grassroots.units.models import AdministrativeUnit, Organisation, UnitLevel

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


# --- Preparation ------------------------------------------------------------------------------


def consultation_create(
    *,
    commune: AdministrativeUnit,
    matter: str,
    title: str,
    opens_on: dt.date,
    closes_on: dt.date,
    actor: Any,
    summary: str = "",
    plan_content: str = "",
    forms_used: Sequence[str] = (),
    plan_timeline: str = "",
    plan_owner: str = "",
    accepts_unsigned_opinions: bool = False,
    village: AdministrativeUnit | None = None,
    minimum_days: int = rules.MIN_CONSULTATION_DAYS_COMMUNE,
    organisation: Organisation | None = None,
    now: dt.datetime | None = None,
) -> Consultation:
    """A consultation in preparation; the planned period is already checked against the 20 days.

    ``accepts_unsigned_opinions``: the commune lets people give opinions online with their name and community
    without signing in (moderation handles abuse).
    ``village`` and ``minimum_days``: the comment period of a village convention's draft ([ND61] art. 9): only
    that village's people comment, for at least ``minimum_days`` (30) days, with no Council/Front plan.
    ``organisation``: a staff consultation of that agency, unit or enterprise ([L] arts 53, 71); ``commune`` is then
    the organisation's own area, no Council/Front plan, and the caller (``workplaces``) checked the period."""
    moment = now or clock.now()
    if organisation is not None:
        if commune.pk != organisation.unit_id or village is not None:
            raise _fail("consultations.not_commune")
    elif commune.level != UnitLevel.COMMUNE:
        raise _fail("consultations.not_commune")
    if village is not None and village.parent_id != commune.pk:
        raise _fail("consultations.not_resident")
    if not title.strip():
        raise _fail("consultations.title_required")
    if closes_on <= opens_on:
        raise _fail("consultations.dates_unordered")
    if organisation is None:
        _enforce(rules.check_period(published_on=opens_on, closes_on=closes_on, minimum_days=minimum_days))
    with transaction.atomic():
        consultation = Consultation.objects.create(
            commune=commune,
            matter=matter,
            title=title.strip(),
            summary=summary.strip(),
            opens_on=opens_on,
            closes_on=closes_on,
            plan_content=plan_content.strip(),
            forms_used=list(forms_used),
            plan_timeline=plan_timeline.strip(),
            plan_owner=plan_owner.strip(),
            accepts_unsigned_opinions=accepts_unsigned_opinions,
            village=village,
            minimum_days=max(minimum_days, rules.MIN_CONSULTATION_DAYS_COMMUNE),
            organisation=organisation,
            created_by=actor,
        )
        audit_record(
            code="consultations.consultation.created",
            actor=actor,
            unit=commune,
            obj=consultation,
            after={**_snapshot(consultation), "matter": matter, "forms_used": list(forms_used)},
            now=moment,
        )
    return consultation


def section_add(
    *, consultation: Consultation, heading: str, text: str, actor: Any, now: dt.datetime | None = None
) -> ConsultationSection:
    """Add the next part of the draft (before publication)."""
    moment = now or clock.now()
    with transaction.atomic():
        locked = _lock(consultation)
        _require_status(locked, rules.EDITABLE_STATUSES, "consultations.not_editable")
        position = (locked.sections.order_by("-position").values_list("position", flat=True).first() or 0) + 1
        section = ConsultationSection.objects.create(
            consultation=locked, position=position, heading=heading.strip(), text=text.strip()
        )
        audit_record(
            code="consultations.section.added",
            actor=actor,
            unit=locked.commune_id,
            obj=locked,
            after={"section": section.pk, "position": position, "heading": section.heading},
            now=moment,
        )
    return section


def plan_record_sent(
    *,
    consultation: Consultation,
    sent_to_council_on: dt.date,
    sent_to_front_on: dt.date,
    actor: Any,
    now: dt.datetime | None = None,
) -> Consultation:
    """Record the days a plan made outside the platform went to the People's Council and the Front ([L] art.
    28(1)); ``plan_issue`` issues it here instead."""
    moment = now or clock.now()
    today = clock.localdate(moment)
    if sent_to_council_on > today or sent_to_front_on > today:
        raise _fail("consultations.date_in_future")
    with transaction.atomic():
        locked = _lock(consultation)
        _require_status(locked, rules.EDITABLE_STATUSES, "consultations.not_editable")
        if locked.plan_document_id is not None:  # the issued paper's day stands; a typed day would contradict it
            raise _fail("consultations.plan_already_issued")
        locked.plan_sent_to_council_on = sent_to_council_on
        locked.plan_sent_to_front_on = sent_to_front_on
        _save(locked, verb="plan_sent", actor=actor, moment=moment)
    return locked


def _plan_snapshot(consultation: Consultation) -> dict[str, Any]:
    return {
        **_snapshot(consultation),
        "plan_content": consultation.plan_content,
        "forms_used": list(consultation.forms_used),
        "plan_timeline": consultation.plan_timeline,
        "plan_owner": consultation.plan_owner,
    }


def plan_update(
    *,
    consultation: Consultation,
    plan_content: str,
    forms_used: Sequence[str],
    plan_timeline: str,
    plan_owner: str,
    actor: Any,
    now: dt.datetime | None = None,
) -> Consultation:
    """Correct the plan (content, forms, timeline, owner; [L] art. 28(1)) of a commune consultation until it closes.

    Staff of the commune only (``MANAGE_CONSULTATIONS``), audited with the plan before and after. Before opening, a
    plan already sent to the People's Council and the Front (issued here or recorded as sent on paper) is marked
    unsent, so the corrected plan is sent again before the consultation opens (the old paper stays in the history).
    While open, the forms already published stay: a form may be added, not taken away (people may be using it).
    Refusals: ``consultations.not_authorised_plan``, ``consultations.plan_closed``, ``consultations.no_plan_needed``,
    ``consultations.bad_channel``, ``consultations.plan_forms_required``, ``consultations.plan_form_removed``."""
    moment = now or clock.now()
    today = clock.localdate(moment)
    chosen = list(dict.fromkeys(forms_used))
    for channel in chosen:
        _check_channel(channel)
    if not chosen:
        raise _fail("consultations.plan_forms_required")
    with transaction.atomic():
        locked = _lock(consultation)
        if not account_selectors.user_can(actor, Action.MANAGE_CONSULTATIONS, locked.commune_id, today):
            raise _fail("consultations.not_authorised_plan")
        _enforce(
            rules.check_plan_update(
                status=locked.status,
                is_commune_consultation=locked.village_id is None and locked.organisation_id is None,
            )
        )
        if locked.status == ConsultationStatus.OPEN and not set(locked.forms_used) <= set(chosen):
            raise _fail("consultations.plan_form_removed")
        changed = (
            locked.plan_content != plan_content.strip()
            or list(locked.forms_used) != chosen
            or locked.plan_timeline != plan_timeline.strip()
            or locked.plan_owner != plan_owner.strip()
        )
        locked.plan_content = plan_content.strip()
        locked.forms_used = chosen
        locked.plan_timeline = plan_timeline.strip()
        locked.plan_owner = plan_owner.strip()
        if changed and locked.status == ConsultationStatus.DRAFT:
            locked.plan_document = None
            locked.plan_sent_to_council_on = None
            locked.plan_sent_to_front_on = None
        state_change(
            locked,
            code="consultations.consultation.plan_updated",
            actor=actor,
            unit=locked.commune_id,
            snapshot=_plan_snapshot,
            now=moment,
        )
    return locked


PLAN_PART_LABELS: Mapping[str, Any] = {
    "content": _("nội dung"),
    "forms": _("hình thức lấy ý kiến"),
    "timeline": _("tiến độ"),
    "owner": _("người, bộ phận chủ trì"),
}


def plan_issue(*, consultation: Consultation, actor: Any, now: dt.datetime | None = None) -> Consultation:
    """Issue the plan (content, forms, timeline, owner) as a paper of the People's Committee addressed to the
    commune People's Council and the Front ([L] art. 28(1)), and record both sending days as today.

    Signed by the actor when they are the Chair or a Vice-Chair, else by the Chair. Refusals:
    ``consultations.not_authorised_plan``, ``consultations.not_editable``, ``consultations.no_plan_needed``,
    ``consultations.plan_incomplete`` (``parts``: what is missing), ``consultations.plan_already_issued``,
    ``consultations.no_signer``; ``documents.incomplete`` from the documents app."""
    moment = now or clock.now()
    today = clock.localdate(moment)
    with transaction.atomic():
        locked = _lock(consultation)
        if not account_selectors.user_can(actor, Action.MANAGE_CONSULTATIONS, locked.commune_id, today):
            raise _fail("consultations.not_authorised_plan")
        _require_status(locked, rules.EDITABLE_STATUSES, "consultations.not_editable")
        result = rules.check_plan_issuable(
            content=locked.plan_content,
            forms=locked.forms_used,
            timeline=locked.plan_timeline,
            owner=locked.plan_owner,
            is_commune_consultation=locked.village_id is None and locked.organisation_id is None,
        )
        if not result:
            missing = list(result.params.get("missing", []))
            parts = ", ".join(str(PLAN_PART_LABELS[part]) for part in missing)
            raise _fail(result.code, missing=missing, parts=parts)
        if locked.plan_document_id is not None:
            raise _fail("consultations.plan_already_issued")
        signer = reports.plan_signer(locked, actor, today)
        if signer is None:
            raise _fail("consultations.no_signer")
        locked.plan_document = reports.plan_issue(
            consultation=locked, signer=signer[0], signer_role=signer[1], actor=actor, now=moment
        )
        locked.plan_sent_to_council_on = today
        locked.plan_sent_to_front_on = today
        _save(locked, verb="plan_issued", actor=actor, moment=moment)
    return locked


def consultation_open(*, consultation: Consultation, actor: Any, now: dt.datetime | None = None) -> Consultation:
    """Publish the draft today: the 20 days run from the day of ``now`` (the clock, not a typed date)."""
    moment = now or clock.now()
    today = clock.localdate(moment)
    with transaction.atomic():
        locked = _lock(consultation)
        _enforce(rules.check_transition(locked.status, ConsultationStatus.OPEN))
        if not locked.sections.exists():
            raise _fail("consultations.no_sections")
        _enforce(
            rules.check_plan_sent(
                sent_to_council_on=locked.plan_sent_to_council_on,
                sent_to_front_on=locked.plan_sent_to_front_on,
                is_village_convention=locked.village_id is not None or locked.organisation_id is not None,
            )
        )
        if locked.organisation_id is None:
            _enforce(
                rules.check_period(published_on=today, closes_on=locked.closes_on, minimum_days=locked.minimum_days)
            )
        elif today > locked.closes_on:
            raise _fail("consultations.dates_unordered")
        locked.published_on = today
        _save(locked, verb="opened", actor=actor, moment=moment, target=ConsultationStatus.OPEN)
    return locked


def consultation_close(*, consultation: Consultation, actor: Any, now: dt.datetime | None = None) -> Consultation:
    """Stop taking opinions once the announced last day is over; dispositions may then be given."""
    moment = now or clock.now()
    today = clock.localdate(moment)
    with transaction.atomic():
        locked = _lock(consultation)
        _enforce(rules.check_transition(locked.status, ConsultationStatus.CLOSED))
        _enforce(rules.check_close(closes_on=locked.closes_on, today=today))
        locked.closed_on = today
        _save(locked, verb="closed", actor=actor, moment=moment, target=ConsultationStatus.CLOSED)
    return locked


def consultation_cancel(
    *, consultation: Consultation, reason: str, actor: Any, now: dt.datetime | None = None
) -> Consultation:
    """Cancel before closing, with a reason (kept and shown; the opinions already given stay)."""
    moment = now or clock.now()
    if not reason.strip():
        raise _fail("consultations.reason_required")
    with transaction.atomic():
        locked = _lock(consultation)
        locked.cancel_reason = reason.strip()
        _save(locked, verb="cancelled", actor=actor, moment=moment, target=ConsultationStatus.CANCELLED)
    return locked


# --- Opinions -----------------------------------------------------------------------------------


def _check_section(consultation: Consultation, section: ConsultationSection | None) -> None:
    if section is not None and section.consultation_id != consultation.pk:
        raise _fail("consultations.section_elsewhere")


def _check_community(consultation: Consultation, community: AdministrativeUnit) -> None:
    """The opinion comes from the commune; for a village convention's draft, from that village ([ND61] art. 9)."""
    if community.parent_id != consultation.commune_id:
        raise _fail("consultations.not_resident")
    if consultation.village_id is not None and community.pk != consultation.village_id:
        raise _fail("consultations.not_resident")


def _check_stance(stance: str) -> None:
    if stance not in OpinionStance.values:
        raise _fail("consultations.bad_stance")


def _check_channel(channel: str) -> None:
    if channel not in OpinionChannel.values:
        raise _fail("consultations.bad_channel")


def _opinion_created(opinion: Opinion, *, actor: Any, moment: dt.datetime) -> None:
    audit_record(
        code="consultations.opinion.received",
        actor=actor,
        unit=opinion.consultation.commune_id,
        obj=opinion,
        after={**_opinion_snapshot(opinion), "received_on": opinion.received_on, "source": opinion.source},
        now=moment,
    )


def opinion_submit(
    *,
    consultation: Consultation,
    community: AdministrativeUnit,
    stance: str,
    text: str,
    actor: Any,
    section: ConsultationSection | None = None,
    shows_name: bool = False,
    now: dt.datetime | None = None,
) -> Opinion:
    """A resident's own opinion online, while the consultation takes opinions; ``community`` is where they live."""
    moment = now or clock.now()
    today = clock.localdate(moment)
    _check_stance(stance)
    if not text.strip():
        raise _fail("consultations.opinion_text_required")
    with transaction.atomic():
        locked = _lock(consultation)
        _check_community(locked, community)
        taking = rules.is_taking_opinions(
            status=locked.status, published_on=locked.published_on, closes_on=locked.closes_on, today=today
        )
        if not taking:
            raise _fail("consultations.not_taking_opinions")
        _check_section(locked, section)
        opinion = Opinion.objects.create(
            consultation=locked,
            section=section,
            channel=OpinionChannel.ONLINE,
            stance=stance,
            text=text.strip(),
            author=actor,
            author_name=str(getattr(actor, "full_name", "") or actor.get_username()),
            author_community=community,
            shows_name=shows_name,
            received_on=today,
            entered_by=actor,
            entered_at=moment,
        )
        _opinion_created(opinion, actor=actor, moment=moment)
    return opinion


def opinion_submit_unsigned(
    *,
    consultation: Consultation,
    community: AdministrativeUnit,
    author_name: str,
    stance: str,
    text: str,
    actor: Any = None,
    section: ConsultationSection | None = None,
    shows_name: bool = False,
    now: dt.datetime | None = None,
) -> Opinion:
    """An opinion online without signing in, with a name and a community, where the consultation allows it."""
    moment = now or clock.now()
    today = clock.localdate(moment)
    _check_stance(stance)
    if not text.strip():
        raise _fail("consultations.opinion_text_required")
    if not author_name.strip():
        raise _fail("consultations.name_required")
    with transaction.atomic():
        locked = _lock(consultation)
        if not locked.accepts_unsigned_opinions:
            raise _fail("consultations.signed_in_only")
        _check_community(locked, community)
        taking = rules.is_taking_opinions(
            status=locked.status, published_on=locked.published_on, closes_on=locked.closes_on, today=today
        )
        if not taking:
            raise _fail("consultations.not_taking_opinions")
        _check_section(locked, section)
        opinion = Opinion.objects.create(
            consultation=locked,
            section=section,
            channel=OpinionChannel.ONLINE,
            source=str(_("Không đăng nhập")),
            stance=stance,
            text=text.strip(),
            author_name=author_name.strip(),
            author_community=community,
            shows_name=shows_name,
            received_on=today,
            entered_at=moment,
        )
        _opinion_created(opinion, actor=actor, moment=moment)
    return opinion


def opinion_enter(
    *,
    consultation: Consultation,
    channel: str,
    stance: str,
    text: str,
    received_on: dt.date,
    actor: Any,
    source: str = "",
    author_name: str = "",
    section: ConsultationSection | None = None,
    community: AdministrativeUnit | None = None,
    now: dt.datetime | None = None,
) -> Opinion:
    """An opinion received at a meeting, through the Front, the box, the hotline or a letter, entered by staff.

    ``community``: the village it came from, when a village head or Front work committee entered it.

    Allowed until completion for opinions received within the period (a meeting on the last day is
    typed in the day after); the record keeps who entered it and when.
    """
    moment = now or clock.now()
    today = clock.localdate(moment)
    _check_channel(channel)
    if channel == OpinionChannel.ONLINE:
        raise _fail("consultations.online_is_for_residents")
    _check_stance(stance)
    if not text.strip():
        raise _fail("consultations.opinion_text_required")
    with transaction.atomic():
        locked = _lock(consultation)
        _require_status(locked, rules.OPINION_ENTRY_STATUSES, "consultations.not_taking_opinions")
        _enforce(
            rules.check_received_on(
                received_on=received_on, published_on=locked.published_on, closes_on=locked.closes_on, today=today
            )
        )
        _check_section(locked, section)
        if community is not None:
            _check_community(locked, community)
        opinion = Opinion.objects.create(
            consultation=locked,
            section=section,
            author_community=community,
            channel=channel,
            source=source.strip(),
            stance=stance,
            text=text.strip(),
            author_name=author_name.strip(),
            received_on=received_on,
            entered_by=actor,
            entered_at=moment,
        )
        _opinion_created(opinion, actor=actor, moment=moment)
    return opinion


def opinion_hide(*, opinion: Opinion, reason: str, actor: Any, now: dt.datetime | None = None) -> Opinion:
    """Hide an abusive or duplicate opinion with a reason: never deleted, the reason is public, audited."""
    moment = now or clock.now()
    if not reason.strip():
        raise _fail("consultations.reason_required")
    with transaction.atomic():
        consultation = _lock(opinion.consultation_id)
        _require_status(consultation, rules.OPINION_ENTRY_STATUSES, "consultations.bad_transition")
        locked = Opinion.objects.select_for_update().get(pk=opinion.pk)
        if locked.is_hidden:
            raise _fail("consultations.already_hidden")
        before = _opinion_snapshot(locked)
        locked.is_hidden = True
        locked.hidden_reason = reason.strip()
        locked.save(update_fields=["is_hidden", "hidden_reason"])
        audit_record(
            code="consultations.opinion.hidden",
            actor=actor,
            unit=consultation.commune_id,
            obj=locked,
            before=before,
            after=_opinion_snapshot(locked),
            now=moment,
        )
    return locked


def opinion_group_create(
    *, consultation: Consultation, title: str, opinions: Sequence[Opinion], actor: Any, now: dt.datetime | None = None
) -> OpinionGroup:
    """Group opinions that say the same thing so they get one answer."""
    moment = now or clock.now()
    ids = sorted({opinion.pk for opinion in opinions})
    if len(ids) < 2 or not title.strip():
        raise _fail("consultations.group_empty")
    with transaction.atomic():
        locked = _lock(consultation)
        _require_status(locked, rules.OPINION_ENTRY_STATUSES, "consultations.bad_transition")
        members = Opinion.objects.select_for_update().filter(consultation=locked, pk__in=ids, is_hidden=False)
        if members.count() != len(ids):
            raise _fail("consultations.section_elsewhere")
        group = OpinionGroup.objects.create(consultation=locked, title=title.strip())
        members.update(group=group)
        audit_record(
            code="consultations.group.created",
            actor=actor,
            unit=locked.commune_id,
            obj=locked,
            after={"group": group.pk, "title": group.title, "opinions": ids},
            now=moment,
        )
    return group


def _dispose(
    locked: Opinion, *, disposition: str, explanation: str, commune_id: int, actor: Any, moment: dt.datetime
) -> None:
    before = _opinion_snapshot(locked)
    locked.disposition = disposition
    locked.explanation = explanation
    locked.disposed_at = moment
    locked.save(update_fields=["disposition", "explanation", "disposed_at"])
    audit_record(
        code="consultations.opinion.disposed",
        actor=actor,
        unit=commune_id,
        obj=locked,
        before=before,
        after=_opinion_snapshot(locked),
        now=moment,
    )


def _check_disposition(disposition: str, explanation: str) -> str:
    if disposition not in Disposition.values:
        raise _fail("consultations.explanation_required")
    if not explanation.strip():
        raise _fail("consultations.explanation_required")
    return explanation.strip()


def opinion_dispose(
    *, opinion: Opinion, disposition: str, explanation: str, actor: Any, now: dt.datetime | None = None
) -> Opinion:
    """Accept, partly accept or not accept one opinion, with the explanation (after closing, before completion)."""
    moment = now or clock.now()
    text = _check_disposition(disposition, explanation)
    with transaction.atomic():
        # The consultation row is the lock completion takes too: no disposition slips in after completion.
        consultation = _lock(opinion.consultation_id)
        _require_status(consultation, rules.DISPOSITION_STATUSES, "consultations.not_disposable")
        locked = Opinion.objects.select_for_update().get(pk=opinion.pk)
        if locked.is_hidden:
            raise _fail("consultations.opinion_hidden")
        _dispose(
            locked,
            disposition=disposition,
            explanation=text,
            commune_id=consultation.commune_id,
            actor=actor,
            moment=moment,
        )
    return locked


def group_dispose(
    *, group: OpinionGroup, disposition: str, explanation: str, actor: Any, now: dt.datetime | None = None
) -> int:
    """One answer for every visible opinion of a group; returns how many opinions it answered."""
    moment = now or clock.now()
    text = _check_disposition(disposition, explanation)
    with transaction.atomic():
        consultation = _lock(group.consultation_id)
        _require_status(consultation, rules.DISPOSITION_STATUSES, "consultations.not_disposable")
        members = list(Opinion.objects.select_for_update().filter(group=group, is_hidden=False).order_by("pk"))
        for member in members:
            _dispose(
                member,
                disposition=disposition,
                explanation=text,
                commune_id=consultation.commune_id,
                actor=actor,
                moment=moment,
            )
    return len(members)


# --- The right to be heard (C8, [L] art. 27) ------------------------------------------------------


def affected_person_add(
    *, consultation: Consultation, full_name: str, notified_on: dt.date, actor: Any, now: dt.datetime | None = None
) -> AffectedPerson:
    """Record a citizen a C8 draft would burden, and the day they were informed."""
    moment = now or clock.now()
    if not full_name.strip():
        raise _fail("consultations.name_required")
    if notified_on > clock.localdate(moment):
        raise _fail("consultations.date_in_future")
    with transaction.atomic():
        locked = _lock(consultation)
        if locked.matter != ConsultationMatter.C8:
            raise _fail("consultations.not_c8")
        _require_status(
            locked, {*rules.EDITABLE_STATUSES, *rules.OPINION_ENTRY_STATUSES}, "consultations.bad_transition"
        )
        person = AffectedPerson.objects.create(
            consultation=locked, full_name=full_name.strip(), notified_on=notified_on
        )
        audit_record(
            code="consultations.affected_person.notified",
            actor=actor,
            unit=locked.commune_id,
            obj=locked,
            after={"person": person.pk, "notified_on": notified_on},
            now=moment,
        )
    return person


def affected_person_heard(
    *,
    person: AffectedPerson,
    actor: Any,
    heard_on: dt.date | None = None,
    views: str = "",
    declined: bool = False,
    now: dt.datetime | None = None,
) -> AffectedPerson:
    """Record that the person presented their views (on ``heard_on``) or did not ask to be heard."""
    moment = now or clock.now()
    if heard_on is not None and heard_on > clock.localdate(moment):
        raise _fail("consultations.date_in_future")
    if not declined and (heard_on is None or not views.strip()):
        raise _fail("consultations.explanation_required")
    with transaction.atomic():
        consultation = _lock(person.consultation_id)
        _require_status(
            consultation, {*rules.EDITABLE_STATUSES, *rules.OPINION_ENTRY_STATUSES}, "consultations.bad_transition"
        )
        locked = AffectedPerson.objects.select_for_update().get(pk=person.pk)
        before = {"heard_on": locked.heard_on, "declined": locked.declined}
        locked.declined = declined
        locked.heard_on = None if declined else heard_on
        locked.views = "" if declined else views.strip()
        locked.save(update_fields=["declined", "heard_on", "views"])
        audit_record(
            code="consultations.affected_person.heard",
            actor=actor,
            unit=consultation.commune_id,
            obj=consultation,
            before=before,
            after={"person": locked.pk, "heard_on": locked.heard_on, "declined": locked.declined},
            now=moment,
        )
    return locked


# --- Completion ---------------------------------------------------------------------------------


def stance_counts(consultation: Consultation) -> dict[str, int]:
    """Visible opinions per stance (what the majority rule reads)."""
    rows = (
        Opinion.objects.filter(consultation=consultation, is_hidden=False)
        .values("stance")
        .annotate(count=Count("pk"))
        .order_by()
    )
    counts = dict.fromkeys(OpinionStance.values, 0)
    counts.update({row["stance"]: row["count"] for row in rows})
    return counts


def consultation_complete(
    *,
    consultation: Consultation,
    final_decision: str,
    adopts_draft: bool,
    actor: Any,
    majority_justification: str = "",
    now: dt.datetime | None = None,
) -> Consultation:
    """The Chair completes the consultation: every visible opinion answered, the decision recorded (with a
    reason when it goes against the majority), the report issued and published as K11 ([L] art. 28(3)–(4))."""
    moment = now or clock.now()
    today = clock.localdate(moment)
    if not final_decision.strip():
        raise _fail("consultations.decision_required")
    with transaction.atomic():
        locked = _lock(consultation)
        if not account_selectors.user_can(actor, Action.COMPLETE_CONSULTATIONS, locked.commune_id, today):
            raise _fail("consultations.not_authorised")
        if locked.village_id is not None or locked.organisation_id is not None:
            # A village convention's comments are answered by its drafting team, a staff consultation by its
            # organisation (``consultation_complete_comments``): no commune K11 report for either.
            raise _fail("consultations.bad_transition")
        _enforce(rules.check_transition(locked.status, ConsultationStatus.COMPLETED))
        missing = Opinion.objects.filter(consultation=locked, is_hidden=False, disposition="").count()
        _enforce(rules.check_completion(opinions_without_disposition=missing))
        affected = list(locked.affected_people.all())
        _enforce(
            rules.check_right_to_be_heard(
                matter=locked.matter,
                affected=len(affected),
                unsettled=sum(1 for person in affected if not person.is_settled),
            )
        )
        against = rules.is_against_majority(counts=stance_counts(locked), adopts_draft=adopts_draft)
        _enforce(rules.check_majority_justification(against_majority=against, justification=majority_justification))
        locked.final_decision = final_decision.strip()
        locked.adopts_draft = adopts_draft
        locked.against_majority = against
        locked.majority_justification = majority_justification.strip() if against else ""
        locked.completed_on = today
        document = reports.report_issue(consultation=locked, actor=actor, now=moment)
        disclosure = disclosure_services.disclosure_create(
            unit=locked.commune,
            category=DisclosureCategory.objects.get(code=rules.REPORT_DISCLOSURE_CATEGORY),
            title=str(_("Tổng hợp, tiếp thu, giải trình ý kiến Nhân dân: %(title)s") % {"title": locked.title}),
            body=reports.disclosure_body(locked),
            decision_number=document.number_label,
            decided_on=today,
            attachments=[(f"bao-cao-{document.number:02d}.pdf", reports.report_pdf(document))],
            actor=actor,
            now=moment,
        )
        disclosure = disclosure_services.disclosure_publish(disclosure=disclosure, actor=actor, now=moment)
        locked.report_document = document
        locked.report_disclosure = disclosure
        _save(locked, verb="completed", actor=actor, moment=moment, target=ConsultationStatus.COMPLETED)
    return locked


def consultation_complete_comments(
    *, consultation: Consultation, actor: Any, now: dt.datetime | None = None
) -> Consultation:
    """Complete a village convention's comment period: every visible opinion answered ([ND61] art. 9(3)).

    The caller (``conventions``) checked who may do it; no K11 report: the commune's summary report is for
    the Law art. 25 matters, and the convention's answers are published on its page. A commune consultation
    is completed only through ``consultation_complete``. A staff consultation ([L] arts 53–55, 71–72, 74) is
    completed here too, by ``workplaces``, which publishes its explanation inside the organisation.
    """
    moment = now or clock.now()
    with transaction.atomic():
        locked = _lock(consultation)
        if locked.village_id is None and locked.organisation_id is None:
            raise _fail("consultations.not_authorised")
        _enforce(rules.check_transition(locked.status, ConsultationStatus.COMPLETED))
        missing = Opinion.objects.filter(consultation=locked, is_hidden=False, disposition="").count()
        _enforce(rules.check_completion(opinions_without_disposition=missing))
        locked.completed_on = clock.localdate(moment)
        _save(locked, verb="completed", actor=actor, moment=moment, target=ConsultationStatus.COMPLETED)
    return locked


# --- After completion: the C8 decision is signed ([L] art. 27) ---------------------------------


def decision_sign(*, consultation: Consultation, actor: Any, now: dt.datetime | None = None) -> Consultation:
    """The Chair signs the C8 decision (the final decision of the completed consultation), issued through
    ``documents``; refused until the explanation report is issued and filed with it and every affected citizen
    was heard or declined ([L] art. 27). The report's number is cited in the decision ("filed with the draft")."""
    moment = now or clock.now()
    today = clock.localdate(moment)
    with transaction.atomic():
        locked = _lock(consultation)
        if not account_selectors.user_can(actor, Action.COMPLETE_CONSULTATIONS, locked.commune_id, today):
            raise _fail("consultations.not_authorised")
        affected = list(locked.affected_people.all())
        _enforce(
            rules.check_decision_signing(
                matter=locked.matter,
                status=locked.status,
                has_explanation=locked.report_document_id is not None,
                already_signed=locked.decision_document_id is not None,
                unsettled=sum(1 for person in affected if not person.is_settled),
            )
        )
        document = reports.decision_issue(consultation=locked, affected=affected, actor=actor, now=moment)
        locked.decision_document = document
        locked.save(update_fields=["decision_document", "updated_at"])
        audit_record(
            code="consultations.consultation.decision_signed",
            actor=actor,
            unit=locked.commune_id,
            obj=locked,
            after={"decision_document": document.pk, "report_document": locked.report_document_id},
            now=moment,
        )
    return locked


# --- A matter decided by a higher authority ([L] art. 28(4)) ------------------------------------


def summary_send_up(
    *, consultation: Consultation, authority: str, sent_on: dt.date, actor: Any, now: dt.datetime | None = None
) -> Consultation:
    """Record that the commune sent the summary (its issued report) to the higher authority deciding the matter."""
    moment = now or clock.now()
    if not authority.strip():
        raise _fail("consultations.authority_required")
    if sent_on > clock.localdate(moment):
        raise _fail("consultations.date_in_future")
    with transaction.atomic():
        locked = _lock(consultation)
        _enforce(
            rules.check_send_up(
                status=locked.status,
                is_village_convention=locked.village_id is not None or locked.organisation_id is not None,
                already_sent=locked.sent_up_on is not None,
            )
        )
        if locked.completed_on is not None and sent_on < locked.completed_on:
            raise _fail("consultations.opinion_outside_period")
        locked.higher_authority = authority.strip()
        locked.sent_up_on = sent_on
        locked.save(update_fields=["higher_authority", "sent_up_on", "updated_at"])
        audit_record(
            code="consultations.consultation.sent_up",
            actor=actor,
            unit=locked.commune_id,
            obj=locked,
            after={"higher_authority": locked.higher_authority, "sent_up_on": sent_on},
            now=moment,
        )
    return locked


def higher_decision_record(
    *,
    consultation: Consultation,
    decision: str,
    adopts_draft: bool,
    decided_on: dt.date,
    actor: Any,
    justification: str = "",
    now: dt.datetime | None = None,
) -> Consultation:
    """Record the higher authority's decision; when it goes against the majority of the opinions its explanation
    is required. Both come back to the commune and are published as a K11 disclosure ([L] art. 28(4))."""
    moment = now or clock.now()
    today = clock.localdate(moment)
    if not decision.strip():
        raise _fail("consultations.decision_required")
    if decided_on > today:
        raise _fail("consultations.date_in_future")
    with transaction.atomic():
        locked = _lock(consultation)
        _enforce(
            rules.check_higher_decision(
                sent_up=locked.sent_up_on is not None, already_recorded=locked.higher_decided_on is not None
            )
        )
        assert locked.sent_up_on is not None
        if decided_on < locked.sent_up_on:
            raise _fail("consultations.opinion_outside_period")
        against = rules.is_against_majority(counts=stance_counts(locked), adopts_draft=adopts_draft)
        if against and not justification.strip():
            raise _fail("consultations.higher_justification_required")
        locked.higher_decision = decision.strip()
        locked.higher_decided_on = decided_on
        locked.higher_adopts_draft = adopts_draft
        locked.higher_against_majority = against
        locked.higher_justification = justification.strip() if against else ""
        disclosure = disclosure_services.disclosure_create(
            unit=locked.commune,
            category=DisclosureCategory.objects.get(code=rules.REPORT_DISCLOSURE_CATEGORY),
            title=str(
                _("Quyết định của %(authority)s về: %(title)s")
                % {"authority": locked.higher_authority, "title": locked.title}
            ),
            body=reports.higher_disclosure_body(locked),
            decided_on=decided_on,
            actor=actor,
            now=moment,
        )
        locked.higher_disclosure = disclosure_services.disclosure_publish(
            disclosure=disclosure, actor=actor, now=moment
        )
        locked.save(
            update_fields=[
                "higher_decision",
                "higher_decided_on",
                "higher_adopts_draft",
                "higher_against_majority",
                "higher_justification",
                "higher_disclosure",
                "updated_at",
            ]
        )
        audit_record(
            code="consultations.consultation.higher_decision",
            actor=actor,
            unit=locked.commune_id,
            obj=locked,
            after={
                "higher_decided_on": decided_on,
                "higher_against_majority": against,
                "higher_disclosure": locked.higher_disclosure.pk,
            },
            now=moment,
        )
    return locked
