"""Staff consultation pages."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from grassroots.accounts.authorize import (
    action_required,
    require_action_in_organisation,
)
from grassroots.accounts.form_page import Done, form_page
from grassroots.accounts.rules import Action
from grassroots.consultations.models import Consultation, Opinion
from grassroots.core import clock
from grassroots.workplaces import rules, services
from grassroots.workplaces.forms import (
    AnswerForm,
    CompleteForm,
    ConfirmForm,
    OpinionForm,
    StaffConsultationForm,
    default_dates,
)
from grassroots.workplaces.views.base import (
    TEMPLATE,
    _can,
    _consultation,
    _consultation_url,
    _home_url,
    _object_form,
    _organisation,
    _owner,
    _posted,
)


@action_required(Action.MANAGE_WORKPLACE, per_object=True)
@require_http_methods(["GET", "POST"])
def consultation_new(request: HttpRequest, org_id: int) -> HttpResponse:
    organisation = _organisation(request, org_id)
    initial = default_dates(clock.today(), rules.STAFF_CONSULTATION_DEFAULT_DAYS)
    return form_page(
        request,
        StaffConsultationForm(_posted(request), initial=initial, organisation_kind=organisation.kind),
        action=Action.MANAGE_WORKPLACE,
        organisation=organisation,
        perform=lambda data: services.staff_consultation_create(organisation=organisation, actor=request.user, **data),
        done=lambda created: Done(_("Đã mở lấy ý kiến cán bộ, người lao động."), _consultation_url(created)),
        template=TEMPLATE,
        context={
            "heading": _("Lấy ý kiến cán bộ, người lao động"),
            "back_url": _home_url(organisation),
            "legal_basis": _("Căn cứ: Điều 53–55, Điều 71–74 Luật số 10/2022/QH15."),
        },
    )


@action_required(Action.VIEW_UNIT, per_object=True)
def consultation_detail(request: HttpRequest, staff_consultation_id: int) -> HttpResponse:
    consultation = _consultation(request, staff_consultation_id)
    require_action_in_organisation(request, Action.VIEW_UNIT, _owner(consultation))
    matters = rules.consultation_matters(_owner(consultation).kind)
    context = {
        "consultation": consultation,
        "organisation": _owner(consultation),
        "matter_label": matters.get(consultation.matter, consultation.matter),
        "sections": consultation.sections.all(),
        "opinions": consultation.opinions.filter(is_hidden=False)[:500],
        "disclosure": consultation.report_disclosure,
        "may_manage": _can(request, Action.MANAGE_WORKPLACE, _owner(consultation)),
        "is_open": consultation.is_open,
        "is_closed": consultation.is_closed,
    }
    return render(request, "workplaces/consultation_detail.html", context)


def _consultation_form(
    request: HttpRequest, consultation: Consultation, form: Any, *, available: bool, **kwargs: Any
) -> HttpResponse:
    return _object_form(
        request,
        form,
        action=Action.MANAGE_WORKPLACE,
        organisation=_owner(consultation),
        back_url=_consultation_url(consultation),
        subject=consultation.title,
        available=available,
        **kwargs,
    )


@action_required(Action.MANAGE_WORKPLACE, per_object=True)
@require_http_methods(["GET", "POST"])
def opinion_add(request: HttpRequest, staff_consultation_id: int) -> HttpResponse:
    consultation = _consultation(request, staff_consultation_id)
    return _consultation_form(
        request,
        consultation,
        OpinionForm(_posted(request), initial={"received_on": clock.today()}),
        perform=lambda data: services.staff_opinion_add(consultation=consultation, actor=request.user, **data),
        message=_("Đã ghi ý kiến."),
        heading=_("Ghi ý kiến của cán bộ, người lao động"),
        available=consultation.is_open,
    )


@action_required(Action.MANAGE_WORKPLACE, per_object=True)
@require_http_methods(["GET", "POST"])
def consultation_close(request: HttpRequest, staff_consultation_id: int) -> HttpResponse:
    consultation = _consultation(request, staff_consultation_id)
    return _consultation_form(
        request,
        consultation,
        ConfirmForm(_posted(request)),
        perform=lambda _data: services.staff_consultation_close(consultation=consultation, actor=request.user),
        message=_("Đã kết thúc nhận ý kiến; tiếp thu, giải trình từng ý kiến."),
        heading=_("Kết thúc nhận ý kiến"),
        available=consultation.is_open,
    )


@action_required(Action.MANAGE_WORKPLACE, per_object=True)
@require_http_methods(["GET", "POST"])
def opinion_answer(request: HttpRequest, staff_opinion_id: int) -> HttpResponse:
    opinion = get_object_or_404(Opinion, pk=staff_opinion_id, consultation__organisation__isnull=False)
    consultation = _consultation(request, opinion.consultation_id)
    return _consultation_form(
        request,
        consultation,
        AnswerForm(_posted(request)),
        perform=lambda data: services.staff_opinion_answer(opinion=opinion, actor=request.user, **data),
        message=_("Đã ghi tiếp thu, giải trình."),
        heading=_("Tiếp thu, giải trình ý kiến"),
        available=consultation.is_closed,
    )


@action_required(Action.MANAGE_WORKPLACE, per_object=True)
@require_http_methods(["GET", "POST"])
def consultation_complete(request: HttpRequest, staff_consultation_id: int) -> HttpResponse:
    consultation = _consultation(request, staff_consultation_id)
    return _consultation_form(
        request,
        consultation,
        CompleteForm(_posted(request)),
        perform=lambda data: services.staff_consultation_complete(
            consultation=consultation, actor=request.user, **data
        ),
        message=_("Đã công khai kết quả tiếp thu, giải trình trong đơn vị."),
        heading=_("Hoàn thành và công khai kết quả"),
        available=consultation.is_closed,
    )


# --- workplace dialogue ---------------------------------------------------------------------
