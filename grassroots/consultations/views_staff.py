"""Staff pages of consultations: prepare, open, enter and moderate opinions, answer them, complete.

Thin views: fetch the object (404 outside the user's units), ``form_page`` asks the Action matrix (403),
one service call, redirect. Cards, not tables: the pages are used on a phone.
"""

from __future__ import annotations

from typing import Any

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from grassroots.accounts import selectors as account_selectors
from grassroots.accounts.authorize import (
    action_required,
    get_object_in_units,
    get_unit_for_view,
    require_any_action,
)
from grassroots.accounts.form_page import Done, form_page
from grassroots.accounts.rules import Action
from grassroots.consultations import rules, selectors, services
from grassroots.consultations.forms import (
    AffectedPersonForm,
    CompleteForm,
    ConfirmForm,
    ConsultationForm,
    DispositionForm,
    GroupForm,
    HeardForm,
    HigherDecisionForm,
    OpinionEnterForm,
    PlanForm,
    PlanSentForm,
    ReasonForm,
    SectionForm,
    SendUpForm,
)
from grassroots.consultations.models import (
    AffectedPerson,
    Consultation,
    ConsultationMatter,
    Disposition,
    Opinion,
    OpinionGroup,
    OpinionStance,
)
from grassroots.core.params import ascii_int
from grassroots.units.models import AdministrativeUnit, UnitLevel

HEARING_STATUSES = frozenset({*rules.EDITABLE_STATUSES, *rules.OPINION_ENTRY_STATUSES})
STAFF_ACTIONS = (Action.MANAGE_CONSULTATIONS, Action.ENTER_CONSULTATION_OPINIONS, Action.COMPLETE_CONSULTATIONS)
TEMPLATE = "consultations/form_page.html"


def _posted(request: HttpRequest) -> Any:
    """The submitted data on a POST (even an empty one: a confirmation button), else ``None`` (an unbound form)."""
    return request.POST if request.method == "POST" else None


def _commune(request: HttpRequest, commune_slug: str) -> AdministrativeUnit:
    commune = get_unit_for_view(request, commune_slug)
    if commune.level != UnitLevel.COMMUNE:
        raise Http404("not a commune")
    return commune


def _consultation(request: HttpRequest, consultation_id: int) -> Consultation:
    return get_object_in_units(
        request,
        Consultation.objects.filter(organisation__isnull=True).select_related("commune"),
        "commune",
        pk=consultation_id,
    )


def _opinion(request: HttpRequest, opinion_id: int) -> Opinion:
    return get_object_in_units(
        request,
        Opinion.objects.select_related("consultation", "consultation__commune", "section"),
        "consultation__commune",
        pk=opinion_id,
    )


def _url(consultation: Consultation | int) -> str:
    return reverse("consultations:staff_detail", args=[getattr(consultation, "pk", consultation)])


def _context(consultation: Consultation, heading: str, **extra: Any) -> dict[str, Any]:
    return {"consultation": consultation, "heading": heading, "back_url": _url(consultation), **extra}


def _step(
    request: HttpRequest,
    consultation: Consultation,
    form: Any,
    *,
    available: bool,
    perform: Any,
    message: Any,
    heading: str,
    action: Action = Action.MANAGE_CONSULTATIONS,
    **extra: Any,
) -> HttpResponse:
    """One step on a consultation: the matrix door for ``action`` in its commune, one service call, back to the
    staff page with ``message`` (a text, or a function of the service's result). The shape every step page shares
    (with ``conventions.views_staff._village_step``)."""
    return form_page(
        request,
        form,
        action=action,
        unit=consultation.commune_id,
        available=available,
        perform=perform,
        done=lambda result: Done(message(result) if callable(message) else message, _url(consultation)),
        template=TEMPLATE,
        context=_context(consultation, heading, **extra),
    )


@action_required(*STAFF_ACTIONS, per_object=True)
def staff_list(request: HttpRequest, commune_slug: str) -> HttpResponse:
    commune = _commune(request, commune_slug)
    require_any_action(request, STAFF_ACTIONS, commune)
    context = {
        "commune": commune,
        "consultations": selectors.staff_consultations(commune)[:100],
        "may_manage": account_selectors.user_can(request.user, Action.MANAGE_CONSULTATIONS, commune),
    }
    return render(request, "consultations/staff_list.html", context)


@action_required(Action.MANAGE_CONSULTATIONS, per_object=True)
@require_http_methods(["GET", "POST"])
def staff_new(request: HttpRequest, commune_slug: str) -> HttpResponse:
    commune = _commune(request, commune_slug)
    form = ConsultationForm(_posted(request))
    return form_page(
        request,
        form,
        action=Action.MANAGE_CONSULTATIONS,
        unit=commune,
        perform=lambda data: services.consultation_create(commune=commune, actor=request.user, **data),
        done=lambda created: Done(_("Đã tạo dự thảo; thêm các phần, các điều để Nhân dân góp ý."), _url(created)),
        template=TEMPLATE,
        context={
            "heading": _("Tạo cuộc lấy ý kiến Nhân dân"),
            "back_url": reverse("consultations:staff_list", args=[commune.slug]),
            "legal_basis": _("Căn cứ: Điều 25, Điều 28 Luật số 10/2022/QH15."),
        },
    )


@action_required(*STAFF_ACTIONS, per_object=True)
def staff_detail(request: HttpRequest, consultation_id: int) -> HttpResponse:
    consultation = _consultation(request, consultation_id)
    require_any_action(request, STAFF_ACTIONS, consultation.commune_id)
    section_param = request.GET.get("phan", "")
    disposition = request.GET.get("ket-qua", "")
    section_id = ascii_int(section_param)
    if disposition not in {*Disposition.values, "none"}:
        disposition = ""
    rows = selectors.opinions(consultation, section_id=section_id, disposition=disposition or None)
    page = Paginator(rows, selectors.OPINIONS_PER_PAGE).get_page(request.GET.get("trang"))
    summary = selectors.opinion_summary(consultation)
    counts = {stance: summary[stance] for stance in OpinionStance.values}
    user = request.user
    context = {
        "consultation": consultation,
        "sections": selectors.sections_with_counts(consultation),
        "general_count": summary["general"],
        "opinions": page.object_list,
        "page": page,
        "opinion_total": page.paginator.count,
        "missing": summary["missing"],
        "counts": counts,
        "majority": rules.majority_stance(counts),
        "groups": consultation.groups.all(),
        "earliest_close": rules.earliest_closing_date(consultation.published_on or consultation.opens_on),
        "section_id": section_id,
        "disposition": disposition,
        "dispositions": Disposition.choices,
        "may_manage": account_selectors.user_can(user, Action.MANAGE_CONSULTATIONS, consultation.commune_id),
        "may_update_plan": consultation.status in rules.PLAN_UPDATE_STATUSES
        and consultation.village_id is None
        and consultation.organisation_id is None,
        "may_enter": account_selectors.user_can(user, Action.ENTER_CONSULTATION_OPINIONS, consultation.commune_id),
        "may_complete": account_selectors.user_can(user, Action.COMPLETE_CONSULTATIONS, consultation.commune_id),
        "may_enter_now": consultation.status in rules.OPINION_ENTRY_STATUSES,
        "may_dispose_now": consultation.status in rules.DISPOSITION_STATUSES,
        "is_c8": consultation.matter == ConsultationMatter.C8,
        "affected_people": consultation.affected_people.all(),
        "may_hear_now": consultation.status in HEARING_STATUSES,
        "may_sign_now": consultation.matter == ConsultationMatter.C8
        and consultation.is_completed
        and consultation.decision_document_id is None,
        "may_send_up_now": consultation.is_completed
        and consultation.village_id is None
        and consultation.sent_up_on is None,
        "may_record_higher_now": consultation.sent_up_on is not None and consultation.higher_decided_on is None,
    }
    return render(request, "consultations/staff_detail.html", context)


@action_required(Action.MANAGE_CONSULTATIONS, per_object=True)
@require_http_methods(["GET", "POST"])
def section_add(request: HttpRequest, consultation_id: int) -> HttpResponse:
    consultation = _consultation(request, consultation_id)
    return _step(
        request,
        consultation,
        SectionForm(_posted(request)),
        available=consultation.is_draft,
        perform=lambda data: services.section_add(consultation=consultation, actor=request.user, **data),
        message=lambda section: _("Đã thêm %(heading)s.") % {"heading": section.heading},
        heading=_("Thêm phần, điều của dự thảo"),
    )


@action_required(Action.MANAGE_CONSULTATIONS, per_object=True)
@require_http_methods(["GET", "POST"])
def plan_sent(request: HttpRequest, consultation_id: int) -> HttpResponse:
    consultation = _consultation(request, consultation_id)
    initial = {
        "sent_to_council_on": consultation.plan_sent_to_council_on,
        "sent_to_front_on": consultation.plan_sent_to_front_on,
    }
    return _step(
        request,
        consultation,
        PlanSentForm(_posted(request), initial=initial),
        available=consultation.is_draft and consultation.plan_document_id is None,
        perform=lambda data: services.plan_record_sent(consultation=consultation, actor=request.user, **data),
        message=_("Đã ghi ngày gửi kế hoạch."),
        heading=_("Gửi kế hoạch đến HĐND và Ủy ban MTTQ xã"),
        legal_basis=_("Căn cứ: Khoản 1 Điều 28 Luật số 10/2022/QH15."),
    )


@action_required(Action.MANAGE_CONSULTATIONS, per_object=True)
@require_http_methods(["GET", "POST"])
def plan_update(request: HttpRequest, consultation_id: int) -> HttpResponse:
    """Correct the plan (content, forms, timeline, owner) until the consultation closes ([L] art. 28(1))."""
    consultation = _consultation(request, consultation_id)
    initial = {
        "plan_content": consultation.plan_content,
        "forms_used": consultation.forms_used,
        "plan_timeline": consultation.plan_timeline,
        "plan_owner": consultation.plan_owner,
    }
    sent = consultation.plan_sent_to_council_on is not None or consultation.plan_document_id is not None
    return _step(
        request,
        consultation,
        PlanForm(_posted(request), initial=initial),
        available=consultation.status in rules.PLAN_UPDATE_STATUSES
        and consultation.village_id is None
        and consultation.organisation_id is None,
        perform=lambda data: services.plan_update(consultation=consultation, actor=request.user, **data),
        message=_("Đã sửa kế hoạch lấy ý kiến."),
        heading=_("Sửa kế hoạch lấy ý kiến"),
        intro=_("Kế hoạch đã gửi HĐND và Ủy ban MTTQ xã: sửa trước khi công bố thì phải gửi lại kế hoạch đã sửa.")
        if sent and consultation.is_draft
        else "",
        legal_basis=_("Căn cứ: Khoản 1 Điều 28, Điều 26 Luật số 10/2022/QH15."),
    )


@action_required(Action.MANAGE_CONSULTATIONS, per_object=True)
@require_http_methods(["GET", "POST"])
def plan_issue(request: HttpRequest, consultation_id: int) -> HttpResponse:
    """Issue the plan as a paper to the People's Council and the Front ([L] art. 28(1))."""
    consultation = _consultation(request, consultation_id)
    return _step(
        request,
        consultation,
        ConfirmForm(_posted(request)),
        available=consultation.is_draft and consultation.village_id is None and consultation.plan_document_id is None,
        perform=lambda _data: services.plan_issue(consultation=consultation, actor=request.user),
        message=lambda issued: (
            _("Đã ban hành kế hoạch số %(number)s, gửi HĐND và Ủy ban MTTQ xã.")
            % {"number": issued.plan_document.number_label}
        ),
        heading=_("Ban hành kế hoạch lấy ý kiến"),
        intro=_(
            "Kế hoạch (nội dung, hình thức, tiến độ, người chủ trì) được ban hành thành văn bản của Ủy ban nhân dân "
            "xã, gửi Hội đồng nhân dân và Ủy ban Mặt trận Tổ quốc xã; ngày gửi được ghi là hôm nay."
        ),
        legal_basis=_("Căn cứ: Khoản 1 Điều 28 Luật số 10/2022/QH15."),
        submit_label=_("Ban hành và gửi"),
    )


@action_required(Action.MANAGE_CONSULTATIONS, per_object=True)
@require_http_methods(["GET", "POST"])
def consultation_open(request: HttpRequest, consultation_id: int) -> HttpResponse:
    consultation = _consultation(request, consultation_id)
    return _step(
        request,
        consultation,
        ConfirmForm(_posted(request)),
        available=consultation.is_draft,
        perform=lambda _data: services.consultation_open(consultation=consultation, actor=request.user),
        message=_("Đã công bố dự thảo; Nhân dân bắt đầu góp ý từ hôm nay."),
        heading=_("Công bố dự thảo, bắt đầu lấy ý kiến"),
        intro=_("Ngày công bố là hôm nay. Nhân dân góp ý đến hết ngày %(day)s.")
        % {"day": consultation.closes_on.strftime("%d/%m/%Y")},
        submit_label=_("Công bố"),
    )


@action_required(Action.MANAGE_CONSULTATIONS, per_object=True)
@require_http_methods(["GET", "POST"])
def consultation_close(request: HttpRequest, consultation_id: int) -> HttpResponse:
    consultation = _consultation(request, consultation_id)
    return _step(
        request,
        consultation,
        ConfirmForm(_posted(request)),
        available=consultation.is_open,
        perform=lambda _data: services.consultation_close(consultation=consultation, actor=request.user),
        message=_("Đã kết thúc lấy ý kiến; tiếp thu, giải trình từng ý kiến."),
        heading=_("Kết thúc lấy ý kiến"),
        submit_label=_("Kết thúc"),
    )


@action_required(Action.MANAGE_CONSULTATIONS, per_object=True)
@require_http_methods(["GET", "POST"])
def consultation_cancel(request: HttpRequest, consultation_id: int) -> HttpResponse:
    consultation = _consultation(request, consultation_id)
    return _step(
        request,
        consultation,
        ReasonForm(_posted(request)),
        available=consultation.is_draft or consultation.is_open,
        perform=lambda data: services.consultation_cancel(
            consultation=consultation, reason=data["reason"], actor=request.user
        ),
        message=_("Đã hủy cuộc lấy ý kiến."),
        heading=_("Hủy cuộc lấy ý kiến"),
        submit_label=_("Hủy cuộc lấy ý kiến"),
    )


@action_required(Action.ENTER_CONSULTATION_OPINIONS, per_object=True)
@require_http_methods(["GET", "POST"])
def opinion_enter(request: HttpRequest, consultation_id: int) -> HttpResponse:
    consultation = _consultation(request, consultation_id)
    form = OpinionEnterForm(_posted(request), sections=consultation.sections.all())
    return form_page(
        request,
        form,
        action=Action.ENTER_CONSULTATION_OPINIONS,
        unit=consultation.commune_id,
        available=consultation.status in rules.OPINION_ENTRY_STATUSES,
        perform=lambda data: services.opinion_enter(consultation=consultation, actor=request.user, **data),
        done=lambda _opinion: Done(_("Đã ghi nhận ý kiến."), _url(consultation)),
        template=TEMPLATE,
        context=_context(
            consultation,
            _("Nhập ý kiến nhận được"),
            legal_basis=_("Căn cứ: Điều 26 Luật số 10/2022/QH15 (các hình thức lấy ý kiến)."),
        ),
    )


@action_required(Action.MANAGE_CONSULTATIONS, per_object=True)
@require_http_methods(["GET", "POST"])
def opinion_hide(request: HttpRequest, opinion_id: int) -> HttpResponse:
    opinion = _opinion(request, opinion_id)
    consultation = opinion.consultation
    return form_page(
        request,
        ReasonForm(_posted(request)),
        action=Action.MANAGE_CONSULTATIONS,
        unit=consultation.commune_id,
        available=not opinion.is_hidden and consultation.status in rules.OPINION_ENTRY_STATUSES,
        perform=lambda data: services.opinion_hide(opinion=opinion, reason=data["reason"], actor=request.user),
        done=lambda _hidden: Done(_("Đã ẩn ý kiến; lý do được công khai."), _url(consultation)),
        template=TEMPLATE,
        context=_context(
            consultation,
            _("Ẩn ý kiến (không xóa)"),
            opinion=opinion,
            intro=_("Ý kiến không bị xóa: lý do ẩn được ghi lại và công khai."),
            submit_label=_("Ẩn ý kiến"),
        ),
    )


@action_required(Action.MANAGE_CONSULTATIONS, per_object=True)
@require_http_methods(["GET", "POST"])
def opinion_dispose(request: HttpRequest, opinion_id: int) -> HttpResponse:
    opinion = _opinion(request, opinion_id)
    consultation = opinion.consultation
    initial = {"disposition": opinion.disposition, "explanation": opinion.explanation}
    return form_page(
        request,
        DispositionForm(_posted(request), initial=initial),
        action=Action.MANAGE_CONSULTATIONS,
        unit=consultation.commune_id,
        available=consultation.is_closed and not opinion.is_hidden,
        perform=lambda data: services.opinion_dispose(opinion=opinion, actor=request.user, **data),
        done=lambda _done: Done(_("Đã ghi tiếp thu, giải trình."), _url(consultation)),
        template=TEMPLATE,
        context=_context(consultation, _("Tiếp thu, giải trình ý kiến"), opinion=opinion),
    )


@action_required(Action.MANAGE_CONSULTATIONS, per_object=True)
@require_http_methods(["GET", "POST"])
def group_new(request: HttpRequest, consultation_id: int) -> HttpResponse:
    consultation = _consultation(request, consultation_id)
    candidates = Opinion.objects.filter(consultation=consultation, is_hidden=False, group__isnull=True).order_by("pk")
    form = GroupForm(_posted(request), opinions=candidates)
    return form_page(
        request,
        form,
        action=Action.MANAGE_CONSULTATIONS,
        unit=consultation.commune_id,
        available=consultation.status in rules.OPINION_ENTRY_STATUSES,
        perform=lambda data: services.opinion_group_create(
            consultation=consultation, title=data["title"], opinions=list(data["opinions"]), actor=request.user
        ),
        done=lambda _group: Done(_("Đã gộp các ý kiến cùng nội dung."), _url(consultation)),
        template=TEMPLATE,
        context=_context(consultation, _("Gộp ý kiến cùng nội dung")),
    )


@action_required(Action.MANAGE_CONSULTATIONS, per_object=True)
@require_http_methods(["GET", "POST"])
def group_dispose(request: HttpRequest, group_id: int) -> HttpResponse:
    group = get_object_in_units(
        request, OpinionGroup.objects.select_related("consultation"), "consultation__commune", pk=group_id
    )
    consultation = group.consultation
    return form_page(
        request,
        DispositionForm(_posted(request)),
        action=Action.MANAGE_CONSULTATIONS,
        unit=consultation.commune_id,
        available=consultation.is_closed,
        perform=lambda data: services.group_dispose(group=group, actor=request.user, **data),
        done=lambda count: Done(
            _("Đã tiếp thu, giải trình %(count)s ý kiến của nhóm.") % {"count": count}, _url(consultation)
        ),
        template=TEMPLATE,
        context=_context(consultation, _("Tiếp thu, giải trình cả nhóm: %(title)s") % {"title": group.title}),
    )


@action_required(Action.COMPLETE_CONSULTATIONS, per_object=True)
@require_http_methods(["GET", "POST"])
def consultation_complete(request: HttpRequest, consultation_id: int) -> HttpResponse:
    consultation = _consultation(request, consultation_id)
    return form_page(
        request,
        CompleteForm(_posted(request)),
        action=Action.COMPLETE_CONSULTATIONS,
        unit=consultation.commune_id,
        available=consultation.is_closed,
        perform=lambda data: services.consultation_complete(consultation=consultation, actor=request.user, **data),
        done=lambda _completed: Done(
            _("Đã ban hành báo cáo tổng hợp, tiếp thu, giải trình và công khai (mục K11)."), _url(consultation)
        ),
        template=TEMPLATE,
        context=_context(
            consultation,
            _("Hoàn thành và công bố kết quả"),
            intro=_("Báo cáo được ban hành dưới tên Chủ tịch UBND xã và công khai 30 ngày (mục K11)."),
            legal_basis=_("Căn cứ: Khoản 3, khoản 4 Điều 28 Luật số 10/2022/QH15."),
        ),
    )


@action_required(Action.MANAGE_CONSULTATIONS, per_object=True)
@require_http_methods(["GET", "POST"])
def affected_add(request: HttpRequest, consultation_id: int) -> HttpResponse:
    """A citizen a C8 draft decision would burden, informed on a date ([L] art. 27)."""
    consultation = _consultation(request, consultation_id)
    return _step(
        request,
        consultation,
        AffectedPersonForm(_posted(request)),
        available=consultation.matter == ConsultationMatter.C8 and consultation.status in HEARING_STATUSES,
        perform=lambda data: services.affected_person_add(consultation=consultation, actor=request.user, **data),
        message=lambda person: _("Đã ghi %(name)s.") % {"name": person.full_name},
        heading=_("Người bị ảnh hưởng bởi dự thảo quyết định"),
        legal_basis=_("Căn cứ: Điều 27 Luật số 10/2022/QH15."),
    )


@action_required(Action.MANAGE_CONSULTATIONS, per_object=True)
@require_http_methods(["GET", "POST"])
def affected_heard(request: HttpRequest, person_id: int) -> HttpResponse:
    person = get_object_in_units(
        request, AffectedPerson.objects.select_related("consultation"), "consultation__commune", pk=person_id
    )
    consultation = person.consultation
    return form_page(
        request,
        HeardForm(_posted(request)),
        action=Action.MANAGE_CONSULTATIONS,
        unit=consultation.commune_id,
        available=consultation.status in HEARING_STATUSES,
        perform=lambda data: services.affected_person_heard(person=person, actor=request.user, **data),
        done=lambda heard: Done(_("Đã ghi ý kiến của %(name)s.") % {"name": heard.full_name}, _url(consultation)),
        template=TEMPLATE,
        context=_context(consultation, _("Nghe %(name)s trình bày ý kiến") % {"name": person.full_name}),
    )


@action_required(Action.ENTER_CONSULTATION_OPINIONS, per_object=True)
@require_http_methods(["GET", "POST"])
def community_opinion_enter(request: HttpRequest, consultation_id: int, community_id: int) -> HttpResponse:
    """A village head or the village Front work committee enters opinions its community gave on a commune draft.

    Their units are the village, not the commune: the village is fetched in their units (404 outside), the
    consultation must belong to its commune (404 otherwise), and the matrix is asked for the village.
    """
    community = get_object_in_units(
        request, AdministrativeUnit.objects.filter(level=UnitLevel.COMMUNITY), "", pk=community_id
    )
    consultation = get_object_or_404(
        Consultation.objects.select_related("commune"),
        pk=consultation_id,
        commune_id=community.parent_id,
        organisation__isnull=True,
    )
    form = OpinionEnterForm(_posted(request), sections=consultation.sections.all())
    return form_page(
        request,
        form,
        action=Action.ENTER_CONSULTATION_OPINIONS,
        unit=community,
        available=consultation.status in rules.OPINION_ENTRY_STATUSES,
        perform=lambda data: services.opinion_enter(
            consultation=consultation, community=community, actor=request.user, **data
        ),
        done=lambda _opinion: Done(
            _("Đã ghi nhận ý kiến."), reverse("consultations:public_detail", args=[consultation.pk])
        ),
        template=TEMPLATE,
        context={
            "consultation": consultation,
            "heading": _("Nhập ý kiến của %(community)s") % {"community": community.name},
            "back_url": reverse("consultations:public_detail", args=[consultation.pk]),
            "legal_basis": _("Căn cứ: Điều 26 Luật số 10/2022/QH15 (các hình thức lấy ý kiến)."),
        },
    )


@action_required(Action.COMPLETE_CONSULTATIONS, per_object=True)
@require_http_methods(["GET", "POST"])
def decision_sign(request: HttpRequest, consultation_id: int) -> HttpResponse:
    """The Chair signs the C8 decision, with the explanation report filed with it ([L] art. 27)."""
    consultation = _consultation(request, consultation_id)
    return _step(
        request,
        consultation,
        ConfirmForm(_posted(request)),
        action=Action.COMPLETE_CONSULTATIONS,
        available=consultation.matter == ConsultationMatter.C8 and consultation.decision_document_id is None,
        perform=lambda _data: services.decision_sign(consultation=consultation, actor=request.user),
        message=_("Đã ký quyết định, kèm báo cáo tiếp thu, giải trình."),
        heading=_("Ký quyết định"),
        intro=_(
            "Quyết định chỉ được ký khi báo cáo tổng hợp, tiếp thu, giải trình đã ban hành và mọi người bị ảnh "
            "hưởng đã được nghe trình bày (hoặc không yêu cầu). Báo cáo được gửi kèm quyết định."
        ),
        legal_basis=_("Căn cứ: Điều 27 Luật số 10/2022/QH15."),
        submit_label=_("Ký quyết định"),
    )


@action_required(Action.MANAGE_CONSULTATIONS, per_object=True)
@require_http_methods(["GET", "POST"])
def send_up(request: HttpRequest, consultation_id: int) -> HttpResponse:
    """The summary goes to the higher authority that decides the matter ([L] art. 28(4))."""
    consultation = _consultation(request, consultation_id)
    return _step(
        request,
        consultation,
        SendUpForm(_posted(request)),
        available=consultation.is_completed and consultation.village_id is None and consultation.sent_up_on is None,
        perform=lambda data: services.summary_send_up(consultation=consultation, actor=request.user, **data),
        message=_("Đã ghi việc gửi báo cáo tổng hợp lên cấp trên."),
        heading=_("Gửi báo cáo tổng hợp lên cấp trên"),
        legal_basis=_("Căn cứ: Khoản 4 Điều 28 Luật số 10/2022/QH15."),
    )


@action_required(Action.MANAGE_CONSULTATIONS, per_object=True)
@require_http_methods(["GET", "POST"])
def higher_decision(request: HttpRequest, consultation_id: int) -> HttpResponse:
    """The higher authority's decision (and explanation) comes back and is published as K11 ([L] art. 28(4))."""
    consultation = _consultation(request, consultation_id)
    return _step(
        request,
        consultation,
        HigherDecisionForm(_posted(request)),
        available=consultation.sent_up_on is not None and consultation.higher_decided_on is None,
        perform=lambda data: services.higher_decision_record(consultation=consultation, actor=request.user, **data),
        message=_("Đã ghi và công khai quyết định của cấp trên (mục K11)."),
        heading=_("Ghi quyết định của cấp trên"),
        legal_basis=_("Căn cứ: Khoản 4 Điều 28 Luật số 10/2022/QH15."),
    )
