"""The organisation's home, profile and staff register pages."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from grassroots.accounts.authorize import (
    action_required,
    require_action_in_organisation,
    signed_in_view,
)
from grassroots.accounts.form_page import Done, form_page
from grassroots.accounts.rules import Action
from grassroots.api.calendar_feed import workplace_feed_url
from grassroots.core import clock
from grassroots.core.params import ascii_int
from grassroots.notifications import selectors as notification_selectors
from grassroots.notifications.models import ObligationKind
from grassroots.units.models import Organisation
from grassroots.workplaces import importing, rules, selectors, services
from grassroots.workplaces.forms import (
    ProfileForm,
    SoeRulesOptInForm,
    StaffImportForm,
    StaffLeaveForm,
    StaffMemberForm,
    StaffPostForm,
)
from grassroots.workplaces.models import (
    DemocracyRegime,
    StaffMember,
)
from grassroots.workplaces.views.base import TEMPLATE, _can, _home_url, _organisation, _posted

# --- the organisation -----------------------------------------------------------------------


@signed_in_view
def organisation_list(request: HttpRequest) -> HttpResponse:
    organisations = selectors.organisations_of(request.user, clock.today())
    return render(request, "workplaces/organisation_list.html", {"organisations": organisations})


@action_required(Action.VIEW_UNIT, per_object=True)
def organisation_home(request: HttpRequest, org_id: int) -> HttpResponse:
    organisation = _organisation(request, org_id)
    require_action_in_organisation(request, Action.VIEW_UNIT, organisation)
    today = clock.today()
    year_param = request.GET.get("nam", "")
    asked = ascii_int(year_param, max_digits=4)
    year = asked if asked is not None and 2000 <= asked <= 2100 else today.year
    headcount = selectors.headcount_on(organisation, today)
    profile = selectors.profile_of(organisation)
    regime = rules.democracy_regime_for_kind(organisation.kind, profile.regime)
    context = {
        "organisation": organisation,
        "profile": profile,
        "regime_label": DemocracyRegime(regime).label,
        "headcount": headcount,
        "conference_required": rules.conference_is_required(headcount),
        "formats": rules.allowed_formats(headcount),
        "year": year,
        "obligations": [(item, item.state(today)) for item in selectors.obligations(organisation, year, today)],
        "conferences": selectors.conferences_of(organisation)[:50],
        "consultations": organisation.consultations.all()[:50],
        "dialogues": organisation.dialogues.all()[:50],
        "ballots": selectors.ballots_of(organisation)[:50],
        "member_list": selectors.member_list_in_force(organisation, today),
        "holds_dialogue": rules.holds_dialogue(organisation_kind=organisation.kind),
        "may_manage": _can(request, Action.MANAGE_WORKPLACE, organisation),
        "may_opt_in": rules.may_opt_in_to_soe_rules(organisation.kind, regime),
        "may_run": _can(request, Action.RUN_STAFF_CONFERENCES, organisation),
        "may_disclose": _can(request, Action.MANAGE_DISCLOSURES, organisation),
        "worker_reps": rules.required_worker_representatives(headcount),
        "authorisations": selectors.authorisations(organisation)[:20],
        "ineligible_members": selectors.ineligible_board_members(organisation, today),
        "calendar_url": workplace_feed_url(request.user, organisation),
    }
    context["drafts"] = [
        draft
        for draft in notification_selectors.open_drafts_of_organisation(organisation)
        if (context["may_run"] if draft.kind == ObligationKind.WORKPLACE_CONFERENCE else context["may_manage"])
    ]
    return render(request, "workplaces/organisation_home.html", context)


@action_required(Action.MANAGE_WORKPLACE, per_object=True)
@require_http_methods(["GET", "POST"])
def profile_edit(request: HttpRequest, org_id: int) -> HttpResponse:
    organisation = _organisation(request, org_id)
    profile = selectors.profile_of(organisation)
    initial = {
        "work_year_end_month": profile.work_year_end_month,
        "union_name": profile.union_name,
        "has_intranet": profile.has_intranet,
    }
    return form_page(
        request,
        ProfileForm(_posted(request), initial=initial),
        action=Action.MANAGE_WORKPLACE,
        organisation=organisation,
        perform=lambda data: services.workplace_profile_set(organisation=organisation, actor=request.user, **data),
        done=lambda _saved: Done(_("Đã lưu hồ sơ của đơn vị."), _home_url(organisation)),
        template=TEMPLATE,
        context={"heading": _("Hồ sơ dân chủ của đơn vị"), "back_url": _home_url(organisation)},
    )


@action_required(Action.MANAGE_WORKPLACE, per_object=True)
@require_http_methods(["GET", "POST"])
def soe_rules_opt_in(request: HttpRequest, org_id: int) -> HttpResponse:
    """A non-state employer chooses to apply the SOE rules ([L] art. 82): published to its workers as item S7.
    Only for an employer that has not chosen yet (any other organisation gets 404: the page does not exist)."""
    organisation = _organisation(request, org_id)
    profile = selectors.profile_of(organisation)
    return form_page(
        request,
        SoeRulesOptInForm(_posted(request), initial={"decided_on": clock.today()}),
        action=Action.MANAGE_WORKPLACE,
        organisation=organisation,
        available=rules.may_opt_in_to_soe_rules(organisation.kind, profile.regime),
        perform=lambda data: services.employer_soe_rules_opt_in(
            organisation=organisation, decided_on=data["decided_on"], actor=request.user
        ),
        done=lambda _notice: Done(
            _("Đã áp dụng quy định như doanh nghiệp nhà nước và công khai cho người lao động."), _home_url(organisation)
        ),
        template=TEMPLATE,
        context={
            "heading": _("Áp dụng quy định thực hiện dân chủ như doanh nghiệp nhà nước"),
            "back_url": _home_url(organisation),
            "subject": organisation.name,
            "intro": _(
                "Doanh nghiệp ngoài nhà nước có thể tự nguyện áp dụng các quy định về thực hiện dân chủ ở doanh "
                "nghiệp nhà nước. Sau khi xác nhận, danh mục công khai của đơn vị chuyển sang danh mục của doanh "
                "nghiệp nhà nước và thông báo được công khai cho người lao động. Không thể hoàn tác trên hệ thống."
            ),
            "legal_basis": _("Căn cứ: Điều 82 Luật Thực hiện dân chủ ở cơ sở."),
        },
    )


# --- the staff register ---------------------------------------------------------------------


def _require_register(request: HttpRequest, organisation: Organisation) -> None:
    """The register (names, phones) is for the head, and for the union chair who takes attendance."""
    if _can(request, Action.MANAGE_WORKPLACE, organisation):
        require_action_in_organisation(request, Action.MANAGE_WORKPLACE, organisation)
    else:
        require_action_in_organisation(request, Action.RUN_STAFF_CONFERENCES, organisation)


@action_required(Action.MANAGE_WORKPLACE, Action.RUN_STAFF_CONFERENCES, per_object=True)
def staff_list(request: HttpRequest, org_id: int) -> HttpResponse:
    organisation = _organisation(request, org_id)
    _require_register(request, organisation)
    today = clock.today()
    context = {
        "organisation": organisation,
        "staff": selectors.staff_on(organisation, today).order_by("division", "full_name")[:2000],
        "headcount": selectors.headcount_on(organisation, today),
        "today": today,
        "may_manage": _can(request, Action.MANAGE_WORKPLACE, organisation),
    }
    return render(request, "workplaces/staff_list.html", context)


@action_required(Action.MANAGE_WORKPLACE, per_object=True)
@require_http_methods(["GET", "POST"])
def staff_add(request: HttpRequest, org_id: int) -> HttpResponse:
    organisation = _organisation(request, org_id)
    return form_page(
        request,
        StaffMemberForm(_posted(request), initial={"active_from": clock.today()}),
        action=Action.MANAGE_WORKPLACE,
        organisation=organisation,
        perform=lambda data: services.staff_member_add(organisation=organisation, actor=request.user, **data),
        done=lambda member: Done(
            _("Đã thêm %(name)s.") % {"name": member.full_name},
            reverse("workplaces:staff_list", args=[organisation.pk]),
        ),
        template=TEMPLATE,
        context={"heading": _("Thêm cán bộ, người lao động"), "back_url": _home_url(organisation)},
    )


@action_required(Action.MANAGE_WORKPLACE, per_object=True)
@require_http_methods(["GET", "POST"])
def staff_leave(request: HttpRequest, org_id: int, staff_id: int) -> HttpResponse:
    organisation = _organisation(request, org_id)
    member = get_object_or_404(StaffMember, pk=staff_id, organisation=organisation)
    return form_page(
        request,
        StaffLeaveForm(_posted(request), initial={"on": clock.today()}),
        action=Action.MANAGE_WORKPLACE,
        organisation=organisation,
        available=member.active_until is None,
        perform=lambda data: services.staff_member_leave(staff_member=member, actor=request.user, **data),
        done=lambda left: Done(
            _("Đã ghi %(name)s thôi làm việc.") % {"name": left.full_name},
            reverse("workplaces:staff_list", args=[organisation.pk]),
        ),
        template=TEMPLATE,
        context={
            "heading": _("Thôi làm việc: %(name)s") % {"name": member.full_name},
            "back_url": _home_url(organisation),
        },
    )


@action_required(Action.MANAGE_WORKPLACE, per_object=True)
@require_http_methods(["GET", "POST"])
def staff_post(request: HttpRequest, org_id: int, staff_id: int) -> HttpResponse:
    """Record a promotion or change of post; a board member who now holds a barred post is flagged."""
    organisation = _organisation(request, org_id)
    member = get_object_or_404(StaffMember, pk=staff_id, organisation=organisation)
    return form_page(
        request,
        StaffPostForm(_posted(request), initial={"is_head": member.is_head, "post": member.post or "none"}),
        action=Action.MANAGE_WORKPLACE,
        organisation=organisation,
        available=member.active_until is None,
        perform=lambda data: services.staff_member_set_post(staff_member=member, actor=request.user, **data),
        done=lambda saved: Done(
            _("Đã ghi chức vụ của %(name)s.") % {"name": saved.full_name},
            reverse("workplaces:staff_list", args=[organisation.pk]),
        ),
        template=TEMPLATE,
        context={
            "heading": _("Chức vụ: %(name)s") % {"name": member.full_name},
            "back_url": reverse("workplaces:staff_list", args=[organisation.pk]),
            "legal_basis": _("Căn cứ: khoản 2 Điều 60, khoản 2 Điều 77 Luật số 10/2022/QH15."),
        },
    )


@action_required(Action.MANAGE_WORKPLACE, per_object=True)
@require_http_methods(["GET", "POST"])
def staff_import(request: HttpRequest, org_id: int) -> HttpResponse:
    organisation = _organisation(request, org_id)

    def perform(data: dict[str, Any]) -> services.StaffImportResult:
        upload = data["file"]
        rows = importing.read_table(upload, upload.name)
        return services.staff_import(organisation=organisation, rows=rows, actor=request.user)

    return form_page(
        request,
        StaffImportForm(request.POST or None, request.FILES or None),
        action=Action.MANAGE_WORKPLACE,
        organisation=organisation,
        perform=perform,
        done=lambda result: Done(
            _("Đã nhập %(count)s người.") % {"count": result.created},
            reverse("workplaces:staff_list", args=[organisation.pk]),
        ),
        template="workplaces/staff_import.html",
        context={"organisation": organisation, "row_errors": []},
        refused_context=lambda refusal: {"row_errors": getattr(refusal, "errors", [])},
    )


@action_required(Action.MANAGE_WORKPLACE)
def import_template_xlsx(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(
        importing.template_xlsx(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = 'attachment; filename="mau-danh-sach-can-bo.xlsx"'
    return response


@action_required(Action.MANAGE_WORKPLACE)
def import_template_csv(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(("\ufeff" + importing.template_csv()).encode("utf-8"), content_type="text/csv")
    response["Content-Disposition"] = 'attachment; filename="mau-danh-sach-can-bo.csv"'
    return response


# --- the conference -------------------------------------------------------------------------
