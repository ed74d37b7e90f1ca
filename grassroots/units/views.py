"""Staff pages: communes, their communities and household counts, households, and the household import."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.paginator import Paginator
from django.forms import BaseForm
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from grassroots.accounts.authorize import action_required, get_object_in_units, require_action, visible_unit_ids
from grassroots.accounts.form_page import Done, form_page
from grassroots.accounts.rules import Action
from grassroots.accounts.selectors import user_can
from grassroots.core import clock
from grassroots.units import importing, selectors, services
from grassroots.units.forms import (
    WEEKDAYS,
    CommunityCreateForm,
    CommunityEndForm,
    CommunityRenameForm,
    HeadcountForm,
    HouseholdCreateForm,
    HouseholdImportForm,
    HouseholdMoveOutForm,
    HouseholdSearchForm,
    OrganisationCreateForm,
    RepresentativeForm,
    ResidentCreateForm,
    ResidentLeaveForm,
    RestDaysForm,
)
from grassroots.units.models import AdministrativeUnit, Household, HouseholdStatus, Organisation, UnitLevel
from grassroots.units.permissions import household_unit_ids

HOUSEHOLDS_PER_PAGE = 50


def _commune_for(request: HttpRequest, commune_key: str) -> AdministrativeUnit:
    """The commune by slug or code; 404 unless it or one of its communities is among the user's units.

    Someone who belongs to a village of the commune (its head, a resident) knows the commune exists:
    for them its pages are a 403, not a 404. Only outsiders get the 404.
    """
    commune = selectors.commune_by_key(commune_key)
    if commune is None:
        raise Http404("commune not found")
    visible = visible_unit_ids(request)
    if commune.pk not in visible and not selectors.communities_of(commune).filter(pk__in=visible).exists():
        raise Http404("commune not found")
    return commune


def _community_page(
    request: HttpRequest, commune_slug: str, community_id: int
) -> tuple[AdministrativeUnit, AdministrativeUnit]:
    """The commune and one of its communities among the user's units (404 otherwise)."""
    commune = _commune_for(request, commune_slug)
    communities = AdministrativeUnit.objects.filter(parent=commune, level=UnitLevel.COMMUNITY)
    return commune, get_object_in_units(request, communities, "", pk=community_id)


def _household_page(request: HttpRequest, commune_slug: str, household_id: int) -> tuple[AdministrativeUnit, Household]:
    """The commune and one of its households among the user's units (404 otherwise)."""
    commune = _commune_for(request, commune_slug)
    households = Household.objects.select_related("community", "representative").filter(community__parent=commune)
    return commune, get_object_in_units(request, households, "community", pk=household_id)


@action_required(Action.VIEW_HOUSEHOLDS)
def commune_index(request: HttpRequest) -> HttpResponse:
    """The communes (and, for a village head, the villages) whose household pages the user may open."""
    query = request.GET.get("q", "").strip()[:100]
    unit_ids = household_unit_ids(request.user)
    communes = list(selectors.communes_search(query, within=unit_ids))
    communities = [] if unit_ids is None else list(selectors.communities_without_their_commune(unit_ids))
    context = {"query": query, "communes": communes, "communities": communities}
    return render(request, "units/commune_index.html", context)


@action_required(Action.VIEW_HOUSEHOLDS, per_object=True)
def commune_detail(request: HttpRequest, commune_slug: str) -> HttpResponse:
    commune = _commune_for(request, commune_slug)
    require_action(request, Action.VIEW_HOUSEHOLDS, commune)
    today = clock.today()
    communities = list(selectors.communities_of(commune, on=today))
    counts = selectors.active_household_counts(commune, today)
    rows = [(community, counts.get(community.pk, 0)) for community in communities]
    can_manage = user_can(request.user, Action.MANAGE_HOUSEHOLDS, commune)
    return render(
        request,
        "units/commune_detail.html",
        {
            "commune": commune,
            "ancestors": selectors.unit_ancestors(commune),
            "rows": rows,
            "total": sum(counts.values()),
            "today": today,
            "can_import": can_manage,
            "can_manage": can_manage,
        },
    )


@action_required(Action.VIEW_HOUSEHOLDS, per_object=True)
def community_households(request: HttpRequest, commune_slug: str, community_id: int) -> HttpResponse:
    commune, community = _community_page(request, commune_slug, community_id)
    require_action(request, Action.VIEW_HOUSEHOLDS, community)
    form = HouseholdSearchForm(request.GET or None)
    search = form.cleaned_data["q"].strip() if form.is_valid() else ""
    page = Paginator(selectors.households_of(community, search), HOUSEHOLDS_PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "commune": commune,
        "community": community,
        "form": form,
        "search": search,
        "page": page,
        "active_count": Household.objects.of_unit_on(community, clock.today()).count(),
        "can_view_commune": user_can(request.user, Action.VIEW_HOUSEHOLDS, commune),
        "can_manage": user_can(request.user, Action.MANAGE_HOUSEHOLDS, community),
    }
    is_htmx = bool(getattr(request, "htmx", False))
    template = "units/_household_rows.html" if is_htmx else "units/community_households.html"
    return render(request, template, context)


@action_required(Action.VIEW_HOUSEHOLDS, per_object=True)
def household_detail(request: HttpRequest, commune_slug: str, household_id: int) -> HttpResponse:
    commune, household = _household_page(request, commune_slug, household_id)
    require_action(request, Action.VIEW_HOUSEHOLDS, household.community_id)
    return render(
        request,
        "units/household_detail.html",
        {
            "commune": commune,
            "household": household,
            "members": selectors.household_members(household),
            "can_view_commune": user_can(request.user, Action.VIEW_HOUSEHOLDS, commune),
            "can_manage": user_can(request.user, Action.MANAGE_HOUSEHOLDS, household.community),
        },
    )


@action_required(Action.MANAGE_HOUSEHOLDS, per_object=True)
@require_http_methods(["GET", "POST"])
def household_import_view(request: HttpRequest, commune_slug: str) -> HttpResponse:
    commune = _commune_for(request, commune_slug)
    form = HouseholdImportForm(request.POST or None, request.FILES or None)

    def perform(data: dict[str, Any]) -> services.ImportResult:
        upload = data["file"]
        table = importing.read_table(upload, upload.name)
        return services.household_import(commune=commune, rows=table.rows, actor=request.user)

    return form_page(
        request,
        form,
        action=Action.MANAGE_HOUSEHOLDS,
        unit=commune,
        perform=perform,
        done=lambda result: Done(
            _("Đã nhập %(households)s hộ gia đình và %(residents)s người.")
            % {"households": result.households, "residents": result.residents},
            _commune_url(commune),
        ),
        template="units/household_import.html",
        context={"commune": commune, "row_errors": []},
        refused_context=lambda refusal: {"row_errors": getattr(refusal, "errors", [])},
    )


@action_required(Action.MANAGE_HOUSEHOLDS)
def import_template_xlsx(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(
        importing.template_xlsx(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = 'attachment; filename="mau-nhap-ho-gia-dinh.xlsx"'
    return response


@action_required(Action.MANAGE_HOUSEHOLDS)
def import_template_csv(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(("\ufeff" + importing.template_csv()).encode("utf-8"), content_type="text/csv")
    response["Content-Disposition"] = 'attachment; filename="mau-nhap-ho-gia-dinh.csv"'
    return response


# --- staff forms: communities, households, organisations ------------------------------------


def _manage_form[ResultT](
    request: HttpRequest,
    commune: AdministrativeUnit,
    form: BaseForm,
    *,
    unit: AdministrativeUnit | int,
    perform: Callable[[dict[str, Any]], ResultT],
    done: Callable[[ResultT], Done],
    available: bool = True,
    **context: Any,
) -> HttpResponse:
    """A units staff form (``MANAGE_HOUSEHOLDS`` on ``unit``) on the shared ``units/form_page.html``."""
    return form_page(
        request,
        form,
        action=Action.MANAGE_HOUSEHOLDS,
        unit=unit,
        available=available,
        perform=perform,
        done=done,
        template="units/form_page.html",
        context={"commune": commune, **context},
    )


def _organisations_commune(request: HttpRequest, commune_slug: str) -> AdministrativeUnit:
    """The commune whose organisation pages these are: 404 outside the user's units, 403 unless they see it."""
    commune = _commune_for(request, commune_slug)
    require_action(request, Action.VIEW_HOUSEHOLDS, commune)
    return commune


def _organisation_of(request: HttpRequest, commune: AdministrativeUnit, organisation_id: int) -> Organisation:
    """An organisation located in ``commune`` or one of its communities, among the user's units (404 otherwise)."""
    organisations = Organisation.objects.filter(unit__in=[commune.pk, *selectors.units_under(commune)])
    return get_object_in_units(request, organisations, "unit", pk=organisation_id)


def _commune_url(commune: AdministrativeUnit) -> str:
    return reverse("units:commune_detail", kwargs={"commune_slug": commune.slug})


def _community_url(commune: AdministrativeUnit, community_id: int) -> str:
    return reverse("units:community_households", kwargs={"commune_slug": commune.slug, "community_id": community_id})


def _household_url(commune: AdministrativeUnit, household_id: int) -> str:
    return reverse("units:household_detail", kwargs={"commune_slug": commune.slug, "household_id": household_id})


def _organisations_url(commune: AdministrativeUnit) -> str:
    return reverse("units:organisation_list", kwargs={"commune_slug": commune.slug})


@action_required(Action.MANAGE_HOUSEHOLDS, per_object=True)
@require_http_methods(["GET", "POST"])
def community_create_view(request: HttpRequest, commune_slug: str) -> HttpResponse:
    commune = _commune_for(request, commune_slug)
    form = CommunityCreateForm(request.POST or None, initial={"valid_from": clock.today(), "kind": "thon"})
    return _manage_form(
        request,
        commune,
        form,
        unit=commune,
        perform=lambda data: services.community_create(
            commune=commune,
            name=data["name"],
            kind_code=data["kind"],
            code=data["code"].strip(),
            valid_from=data["valid_from"],
            actor=request.user,
        ),
        done=lambda community: Done(_("Đã thêm %(name)s.") % {"name": community.name}, _commune_url(commune)),
        heading=_("Thêm thôn, tổ dân phố"),
        submit_label=_("Thêm thôn, tổ dân phố"),
        legal_basis=_("Căn cứ: Luật số 10/2022/QH15, Điều 2 khoản 3; thôn, tổ dân phố do cấp xã quản lý."),
    )


@action_required(Action.MANAGE_HOUSEHOLDS, per_object=True)
@require_http_methods(["GET", "POST"])
def community_rename_view(request: HttpRequest, commune_slug: str, community_id: int) -> HttpResponse:
    commune, community = _community_page(request, commune_slug, community_id)
    form = CommunityRenameForm(request.POST or None, initial={"name": community.name, "on": clock.today()})
    return _manage_form(
        request,
        commune,
        form,
        unit=community,
        available=community.is_current,
        perform=lambda data: services.community_rename(
            community=community, name=data["name"], on=data["on"], decision_ref=data["decision_ref"], actor=request.user
        ),
        done=lambda renamed: Done(
            _("Đã đổi tên thành %(name)s.") % {"name": renamed.name}, _community_url(commune, renamed.pk)
        ),
        heading=_("Đổi tên %(name)s") % {"name": community.name},
        submit_label=_("Đổi tên"),
        back_url=_community_url(commune, community.pk),
        back_label=community.name,
    )


@action_required(Action.MANAGE_HOUSEHOLDS, per_object=True)
@require_http_methods(["GET", "POST"])
def community_end_view(request: HttpRequest, commune_slug: str, community_id: int) -> HttpResponse:
    commune, community = _community_page(request, commune_slug, community_id)
    form = CommunityEndForm(request.POST or None, initial={"on": clock.today()})
    return _manage_form(
        request,
        commune,
        form,
        unit=community,
        available=community.can_end,
        perform=lambda data: services.community_end(community=community, on=data["on"], actor=request.user),
        done=lambda ended: Done(_("%(name)s đã hết hiệu lực.") % {"name": ended.name}, _commune_url(commune)),
        heading=_("Kết thúc %(name)s") % {"name": community.name},
        intro=_(
            "Chỉ kết thúc được khi thôn, tổ dân phố không còn hộ đang cư trú (nếu sáp nhập, dùng chức năng sáp nhập)."
        ),
        submit_label=_("Kết thúc"),
        back_url=_community_url(commune, community.pk),
        back_label=community.name,
    )


@action_required(Action.MANAGE_HOUSEHOLDS, per_object=True)
@require_http_methods(["GET", "POST"])
def household_create_view(request: HttpRequest, commune_slug: str, community_id: int) -> HttpResponse:
    commune, community = _community_page(request, commune_slug, community_id)
    form = HouseholdCreateForm(request.POST or None, initial={"active_from": clock.today()})
    return _manage_form(
        request,
        commune,
        form,
        unit=community,
        available=community.is_current,
        perform=lambda data: services.household_create(
            community=community,
            code=data["code"],
            address=data["address"],
            active_from=data["active_from"],
            actor=request.user,
        ),
        done=lambda household: Done(
            _("Đã thêm hộ %(code)s; hãy thêm các thành viên.") % {"code": household.code},
            _household_url(commune, household.pk),
        ),
        heading=_("Thêm hộ gia đình vào %(name)s") % {"name": community.name},
        submit_label=_("Thêm hộ"),
        back_url=_community_url(commune, community.pk),
        back_label=community.name,
    )


@action_required(Action.MANAGE_HOUSEHOLDS, per_object=True)
@require_http_methods(["GET", "POST"])
def resident_create_view(request: HttpRequest, commune_slug: str, household_id: int) -> HttpResponse:
    commune, household = _household_page(request, commune_slug, household_id)
    form = ResidentCreateForm(request.POST or None)
    return _manage_form(
        request,
        commune,
        form,
        unit=household.community_id,
        available=household.is_active,
        perform=lambda data: services.household_member_add(
            household=household,
            full_name=data["full_name"],
            birth_date=data["birth_date"],
            gender=data["gender"],
            phone=data["phone"],
            registered_on=data["registered_on"],
            is_representative=data["make_representative"],
            actor=request.user,
        ),
        done=lambda resident: Done(
            _("Đã thêm %(name)s vào hộ.") % {"name": resident.full_name}, _household_url(commune, household.pk)
        ),
        heading=_("Thêm thành viên hộ %(code)s") % {"code": household.code},
        submit_label=_("Thêm thành viên"),
        back_url=_household_url(commune, household.pk),
        back_label=household.code,
        legal_basis=_("Chỉ ghi những gì luật cần: họ tên, ngày sinh, giới tính, số điện thoại nếu có."),
    )


@action_required(Action.MANAGE_HOUSEHOLDS, per_object=True)
@require_http_methods(["GET", "POST"])
def representative_view(request: HttpRequest, commune_slug: str, household_id: int) -> HttpResponse:
    commune, household = _household_page(request, commune_slug, household_id)
    members = {member.pk: member for member in selectors.household_members(household)}
    # Without members there is nothing to choose: the form stays unbound and says why.
    form = RepresentativeForm(
        request.POST if members else None, members=members.values(), initial={"resident": household.representative_id}
    )
    return _manage_form(
        request,
        commune,
        form,
        unit=household.community_id,
        available=household.is_active,
        perform=lambda data: services.household_set_representative(
            household=household, resident=members[data["resident"]], actor=request.user
        ),
        done=lambda changed: Done(
            _("%(name)s là người đại diện hộ.") % {"name": changed.representative},
            _household_url(commune, household.pk),
        ),
        error="" if members else _("Hộ chưa có thành viên: hãy thêm thành viên trước."),
        heading=_("Đổi người đại diện hộ %(code)s") % {"code": household.code},
        submit_label=_("Lưu người đại diện"),
        back_url=_household_url(commune, household.pk),
        back_label=household.code,
        legal_basis=_(
            "Người đại diện hộ là thành viên đủ 18 tuổi (Luật số 10/2022/QH15, Điều 18 khoản 2, Điều 19 khoản 3)."
        ),
    )


@action_required(Action.MANAGE_HOUSEHOLDS, per_object=True)
@require_http_methods(["GET", "POST"])
def resident_leave_view(request: HttpRequest, commune_slug: str, household_id: int) -> HttpResponse:
    commune, household = _household_page(request, commune_slug, household_id)
    members = {member.pk: member for member in selectors.household_members(household)}
    # Without members there is nobody to record: the form stays unbound and says why.
    form = ResidentLeaveForm(request.POST if members else None, members=members.values(), initial={"on": clock.today()})
    return _manage_form(
        request,
        commune,
        form,
        unit=household.community_id,
        available=household.is_active,
        perform=lambda data: services.resident_leave(
            resident=members[data["resident"]], on=data["on"], actor=request.user
        ),
        done=lambda left: Done(
            _("Đã ghi %(name)s rời hộ từ ngày %(on)s.") % {"name": left.full_name, "on": f"{left.left_on:%d/%m/%Y}"},
            _household_url(commune, household.pk),
        ),
        error="" if members else _("Hộ chưa có thành viên nào đang ở."),
        heading=_("Ghi thành viên rời hộ %(code)s") % {"code": household.code},
        intro=_(
            "Người rời hộ không bị xoá: hệ thống vẫn giữ họ tên và ngày rời để tính nhân khẩu của hộ"
            " vào những ngày trước đó."
        ),
        submit_label=_("Ghi rời hộ"),
        back_url=_household_url(commune, household.pk),
        back_label=household.code,
        legal_basis=_(
            "Người đại diện hộ chỉ rời hộ được sau khi đã chọn người đại diện khác"
            " (Luật số 10/2022/QH15, Điều 18 khoản 2)."
        ),
    )


@action_required(Action.MANAGE_HOUSEHOLDS, per_object=True)
@require_http_methods(["GET", "POST"])
def household_move_out_view(request: HttpRequest, commune_slug: str, household_id: int) -> HttpResponse:
    commune, household = _household_page(request, commune_slug, household_id)
    form = HouseholdMoveOutForm(request.POST or None, initial={"on": clock.today(), "status": HouseholdStatus.MOVED})
    return _manage_form(
        request,
        commune,
        form,
        unit=household.community_id,
        available=household.can_move_out,
        perform=lambda data: services.household_move_out(
            household=household, on=data["on"], status=data["status"], actor=request.user
        ),
        done=lambda moved: Done(
            _("Đã ghi hộ %(code)s thôi cư trú.") % {"code": moved.code}, _household_url(commune, moved.pk)
        ),
        heading=_("Hộ %(code)s chuyển đi hoặc giải thể") % {"code": household.code},
        intro=_("Từ ngày thôi cư trú, hộ không còn được tính vào số hộ của thôn, tổ dân phố."),
        submit_label=_("Lưu"),
        back_url=_household_url(commune, household.pk),
        back_label=household.code,
    )


@action_required(Action.VIEW_HOUSEHOLDS, per_object=True)
def organisation_list(request: HttpRequest, commune_slug: str) -> HttpResponse:
    commune = _organisations_commune(request, commune_slug)
    today = clock.today()
    day_names = dict(WEEKDAYS)
    rows = [
        (
            organisation,
            selectors.headcount_on(organisation, today),
            ", ".join(str(day_names[day]) for day in organisation.rest_weekdays),
        )
        for organisation in selectors.organisations_of(commune)
    ]
    return render(
        request,
        "units/organisation_list.html",
        {
            "commune": commune,
            "rows": rows,
            "today": today,
            "can_manage": user_can(request.user, Action.MANAGE_HOUSEHOLDS, commune),
        },
    )


@action_required(Action.MANAGE_HOUSEHOLDS, per_object=True)
@require_http_methods(["GET", "POST"])
def organisation_create_view(request: HttpRequest, commune_slug: str) -> HttpResponse:
    commune = _organisations_commune(request, commune_slug)
    form = OrganisationCreateForm(request.POST or None)
    return _manage_form(
        request,
        commune,
        form,
        unit=commune,
        perform=lambda data: services.organisation_create(
            kind=data["kind"], name=data["name"], short_name=data["short_name"], unit=commune, actor=request.user
        ),
        done=lambda organisation: Done(
            _("Đã thêm %(name)s.") % {"name": organisation.name}, _organisations_url(commune)
        ),
        heading=_("Thêm cơ quan, đơn vị, doanh nghiệp"),
        submit_label=_("Thêm"),
        back_url=_organisations_url(commune),
        back_label=_("Cơ quan, đơn vị, doanh nghiệp"),
        legal_basis=_(
            "Căn cứ: Luật số 10/2022/QH15, Chương III (cơ quan, đơn vị) và Chương IV (doanh nghiệp, tổ chức)."
        ),
    )


@action_required(Action.MANAGE_HOUSEHOLDS, per_object=True)
@require_http_methods(["GET", "POST"])
def headcount_view(request: HttpRequest, commune_slug: str, organisation_id: int) -> HttpResponse:
    commune = _organisations_commune(request, commune_slug)
    organisation = _organisation_of(request, commune, organisation_id)
    today = clock.today()
    form = HeadcountForm(
        request.POST or None,
        initial={"effective_from": today, "headcount": selectors.headcount_on(organisation, today)},
    )
    return _manage_form(
        request,
        commune,
        form,
        unit=commune,
        perform=lambda data: services.headcount_set(
            organisation=organisation,
            effective_from=data["effective_from"],
            headcount=data["headcount"],
            actor=request.user,
        ),
        done=lambda _record: Done(
            _("Đã ghi số lao động của %(name)s.") % {"name": organisation.name}, _organisations_url(commune)
        ),
        heading=_("Số lao động của %(name)s") % {"name": organisation.name},
        intro=_("Số người tính từ ngày ghi; số cũ vẫn giữ cho các ngày trước đó."),
        submit_label=_("Lưu"),
        back_url=_organisations_url(commune),
        back_label=_("Cơ quan, đơn vị, doanh nghiệp"),
    )


@action_required(Action.MANAGE_HOUSEHOLDS, per_object=True)
@require_http_methods(["GET", "POST"])
def rest_days_view(request: HttpRequest, commune_slug: str, organisation_id: int) -> HttpResponse:
    commune = _organisations_commune(request, commune_slug)
    organisation = _organisation_of(request, commune, organisation_id)
    form = RestDaysForm(request.POST or None, initial={"days": list(organisation.rest_weekdays)})
    return _manage_form(
        request,
        commune,
        form,
        unit=commune,
        perform=lambda data: services.organisation_set_rest_days(
            organisation=organisation, weekly_rest_days=data["days"], actor=request.user
        ),
        done=lambda changed: Done(
            _("Đã lưu ngày nghỉ hằng tuần của %(name)s.") % {"name": changed.name}, _organisations_url(commune)
        ),
        heading=_("Ngày nghỉ hằng tuần của %(name)s") % {"name": organisation.name},
        intro=_(
            "Cơ quan, đơn vị sự nghiệp công lập theo lịch làm việc của cơ quan nhà nước; "
            "doanh nghiệp dùng ngày nghỉ ghi ở đây để tính thời hạn."
        ),
        submit_label=_("Lưu"),
        back_url=_organisations_url(commune),
        back_label=_("Cơ quan, đơn vị, doanh nghiệp"),
    )
