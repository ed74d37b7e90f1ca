"""Staff pages: communes, their communities and household counts, households, and the household import."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from grassroots.accounts.authorize import action_required, get_object_in_units, require_action, visible_unit_ids
from grassroots.accounts.rules import Action
from grassroots.accounts.selectors import user_can
from grassroots.core import clock
from grassroots.core.errors import DomainError
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
    RestDaysForm,
)
from grassroots.units.models import AdministrativeUnit, Household, HouseholdStatus, Organisation, UnitLevel
from grassroots.units.permissions import household_unit_ids
from grassroots.units.services import HouseholdImportError, household_import

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


def _community_for(request: HttpRequest, commune: AdministrativeUnit, community_id: int) -> AdministrativeUnit:
    """A community of ``commune`` among the user's units (404 otherwise)."""
    communities = AdministrativeUnit.objects.filter(parent=commune, level=UnitLevel.COMMUNITY)
    return get_object_in_units(request, communities, "", pk=community_id)


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
    return render(
        request,
        "units/commune_detail.html",
        {
            "commune": commune,
            "ancestors": selectors.unit_ancestors(commune),
            "rows": rows,
            "total": sum(counts.values()),
            "today": today,
            "can_import": user_can(request.user, Action.MANAGE_HOUSEHOLDS, commune),
            "can_manage": user_can(request.user, Action.MANAGE_HOUSEHOLDS, commune),
        },
    )


@action_required(Action.VIEW_HOUSEHOLDS, per_object=True)
def community_households(request: HttpRequest, commune_slug: str, community_id: int) -> HttpResponse:
    commune = _commune_for(request, commune_slug)
    community = _community_for(request, commune, community_id)
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
    commune = _commune_for(request, commune_slug)
    households = Household.objects.select_related("community", "representative").filter(community__parent=commune)
    household = get_object_in_units(request, households, "community", pk=household_id)
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
    require_action(request, Action.MANAGE_HOUSEHOLDS, commune)
    form = HouseholdImportForm(request.POST or None, request.FILES or None)
    row_errors = []
    file_error = ""
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            table = importing.read_table(upload, upload.name)
            result = household_import(commune=commune, rows=table.rows, actor=request.user)
        except HouseholdImportError as error:
            row_errors = error.errors
            file_error = error.message
        except DomainError as error:
            file_error = error.message
        else:
            messages.success(
                request,
                _("Đã nhập %(households)s hộ gia đình và %(residents)s người.")
                % {"households": result.households, "residents": result.residents},
            )
            return redirect("units:commune_detail", commune_slug=commune.slug)
    return render(
        request,
        "units/household_import.html",
        {"commune": commune, "form": form, "row_errors": row_errors, "file_error": file_error},
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


def _form_page(request: HttpRequest, commune: AdministrativeUnit, form: Any, **context: Any) -> HttpResponse:
    return render(request, "units/form_page.html", {"commune": commune, "form": form, **context})


def _manageable_community(request: HttpRequest, commune_slug: str, community_id: int) -> AdministrativeUnit:
    """A current community of the commune the user may manage (404 outside their units, 403 read-only)."""
    commune = _commune_for(request, commune_slug)
    community = _community_for(request, commune, community_id)
    require_action(request, Action.MANAGE_HOUSEHOLDS, community)
    if not community.is_current:
        raise Http404("community ended")
    return community


def _manageable_household(request: HttpRequest, commune: AdministrativeUnit, household_id: int) -> Household:
    households = Household.objects.select_related("community", "representative").filter(community__parent=commune)
    household = get_object_in_units(request, households, "community", pk=household_id)
    require_action(request, Action.MANAGE_HOUSEHOLDS, household.community_id)
    if not household.is_active:
        raise Http404("household not active")
    return household


def _community_url(commune: AdministrativeUnit, community_id: int) -> str:
    return reverse("units:community_households", kwargs={"commune_slug": commune.slug, "community_id": community_id})


def _household_url(commune: AdministrativeUnit, household_id: int) -> str:
    return reverse("units:household_detail", kwargs={"commune_slug": commune.slug, "household_id": household_id})


@action_required(Action.MANAGE_HOUSEHOLDS, per_object=True)
@require_http_methods(["GET", "POST"])
def community_create_view(request: HttpRequest, commune_slug: str) -> HttpResponse:
    commune = _commune_for(request, commune_slug)
    require_action(request, Action.MANAGE_HOUSEHOLDS, commune)
    form = CommunityCreateForm(request.POST or None, initial={"valid_from": clock.today(), "kind": "thon"})
    error = ""
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            community = services.community_create(
                commune=commune,
                name=data["name"],
                kind_code=data["kind"],
                code=data["code"].strip(),
                valid_from=data["valid_from"],
                actor=request.user,
            )
        except DomainError as refusal:
            error = refusal.message
        else:
            messages.success(request, _("Đã thêm %(name)s.") % {"name": community.name})
            return redirect("units:commune_detail", commune_slug=commune.slug)
    return _form_page(
        request,
        commune,
        form,
        error=error,
        heading=_("Thêm thôn, tổ dân phố"),
        submit_label=_("Thêm thôn, tổ dân phố"),
        legal_basis=_("Căn cứ: Luật số 10/2022/QH15, Điều 2 khoản 3; thôn, tổ dân phố do cấp xã quản lý."),
    )


@action_required(Action.MANAGE_HOUSEHOLDS, per_object=True)
@require_http_methods(["GET", "POST"])
def community_rename_view(request: HttpRequest, commune_slug: str, community_id: int) -> HttpResponse:
    community = _manageable_community(request, commune_slug, community_id)
    commune = _commune_for(request, commune_slug)
    form = CommunityRenameForm(request.POST or None, initial={"name": community.name, "on": clock.today()})
    error = ""
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.community_rename(
                community=community,
                name=data["name"],
                on=data["on"],
                decision_ref=data["decision_ref"],
                actor=request.user,
            )
        except DomainError as refusal:
            error = refusal.message
        else:
            messages.success(request, _("Đã đổi tên thành %(name)s.") % {"name": community.name})
            return redirect(_community_url(commune, community.pk))
    return _form_page(
        request,
        commune,
        form,
        error=error,
        heading=_("Đổi tên %(name)s") % {"name": community.name},
        submit_label=_("Đổi tên"),
        back_url=_community_url(commune, community.pk),
        back_label=community.name,
    )


@action_required(Action.MANAGE_HOUSEHOLDS, per_object=True)
@require_http_methods(["GET", "POST"])
def community_end_view(request: HttpRequest, commune_slug: str, community_id: int) -> HttpResponse:
    community = _manageable_community(request, commune_slug, community_id)
    commune = _commune_for(request, commune_slug)
    form = CommunityEndForm(request.POST or None, initial={"on": clock.today()})
    error = ""
    if request.method == "POST" and form.is_valid():
        try:
            services.community_end(community=community, on=form.cleaned_data["on"], actor=request.user)
        except DomainError as refusal:
            error = refusal.message
        else:
            messages.success(request, _("%(name)s đã hết hiệu lực.") % {"name": community.name})
            return redirect("units:commune_detail", commune_slug=commune.slug)
    return _form_page(
        request,
        commune,
        form,
        error=error,
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
    community = _manageable_community(request, commune_slug, community_id)
    commune = _commune_for(request, commune_slug)
    form = HouseholdCreateForm(request.POST or None, initial={"active_from": clock.today()})
    error = ""
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            household = services.household_create(
                community=community,
                code=data["code"],
                address=data["address"],
                active_from=data["active_from"],
                actor=request.user,
            )
        except DomainError as refusal:
            error = refusal.message
        else:
            messages.success(request, _("Đã thêm hộ %(code)s; hãy thêm các thành viên.") % {"code": household.code})
            return redirect(_household_url(commune, household.pk))
    return _form_page(
        request,
        commune,
        form,
        error=error,
        heading=_("Thêm hộ gia đình vào %(name)s") % {"name": community.name},
        submit_label=_("Thêm hộ"),
        back_url=_community_url(commune, community.pk),
        back_label=community.name,
    )


@action_required(Action.MANAGE_HOUSEHOLDS, per_object=True)
@require_http_methods(["GET", "POST"])
def resident_create_view(request: HttpRequest, commune_slug: str, household_id: int) -> HttpResponse:
    commune = _commune_for(request, commune_slug)
    household = _manageable_household(request, commune, household_id)
    form = ResidentCreateForm(request.POST or None)
    error = ""
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            with transaction.atomic():
                resident = services.resident_create(
                    household=household,
                    full_name=data["full_name"],
                    birth_date=data["birth_date"],
                    gender=data["gender"],
                    phone=data["phone"],
                    actor=request.user,
                )
                if data["make_representative"]:
                    services.household_set_representative(household=household, resident=resident, actor=request.user)
        except DomainError as refusal:
            error = refusal.message
        else:
            messages.success(request, _("Đã thêm %(name)s vào hộ.") % {"name": resident.full_name})
            return redirect(_household_url(commune, household.pk))
    return _form_page(
        request,
        commune,
        form,
        error=error,
        heading=_("Thêm thành viên hộ %(code)s") % {"code": household.code},
        submit_label=_("Thêm thành viên"),
        back_url=_household_url(commune, household.pk),
        back_label=household.code,
        legal_basis=_("Chỉ ghi những gì luật cần: họ tên, ngày sinh, giới tính, số điện thoại nếu có."),
    )


@action_required(Action.MANAGE_HOUSEHOLDS, per_object=True)
@require_http_methods(["GET", "POST"])
def representative_view(request: HttpRequest, commune_slug: str, household_id: int) -> HttpResponse:
    commune = _commune_for(request, commune_slug)
    household = _manageable_household(request, commune, household_id)
    members = list(selectors.household_members(household))
    form = RepresentativeForm(request.POST or None, members=members, initial={"resident": household.representative_id})
    error = "" if members else _("Hộ chưa có thành viên: hãy thêm thành viên trước.")
    if request.method == "POST" and members and form.is_valid():
        resident = next(member for member in members if member.pk == form.cleaned_data["resident"])
        try:
            services.household_set_representative(household=household, resident=resident, actor=request.user)
        except DomainError as refusal:
            error = refusal.message
        else:
            messages.success(request, _("%(name)s là người đại diện hộ.") % {"name": resident.full_name})
            return redirect(_household_url(commune, household.pk))
    return _form_page(
        request,
        commune,
        form,
        error=error,
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
def household_move_out_view(request: HttpRequest, commune_slug: str, household_id: int) -> HttpResponse:
    commune = _commune_for(request, commune_slug)
    household = _manageable_household(request, commune, household_id)
    form = HouseholdMoveOutForm(request.POST or None, initial={"on": clock.today(), "status": HouseholdStatus.MOVED})
    error = ""
    if request.method == "POST" and form.is_valid():
        try:
            services.household_move_out(
                household=household, on=form.cleaned_data["on"], status=form.cleaned_data["status"], actor=request.user
            )
        except DomainError as refusal:
            error = refusal.message
        else:
            messages.success(request, _("Đã ghi hộ %(code)s thôi cư trú.") % {"code": household.code})
            return redirect(_household_url(commune, household.pk))
    return _form_page(
        request,
        commune,
        form,
        error=error,
        heading=_("Hộ %(code)s chuyển đi hoặc giải thể") % {"code": household.code},
        intro=_("Từ ngày thôi cư trú, hộ không còn được tính vào số hộ của thôn, tổ dân phố."),
        submit_label=_("Lưu"),
        back_url=_household_url(commune, household.pk),
        back_label=household.code,
    )


def _organisations_page(request: HttpRequest, commune_slug: str) -> AdministrativeUnit:
    commune = _commune_for(request, commune_slug)
    require_action(request, Action.VIEW_HOUSEHOLDS, commune)
    return commune


def _organisation_for(request: HttpRequest, commune: AdministrativeUnit, organisation_id: int) -> Organisation:
    organisations = Organisation.objects.filter(unit__in=[commune.pk, *selectors.units_under(commune)])
    organisation = get_object_in_units(request, organisations, "unit", pk=organisation_id)
    require_action(request, Action.MANAGE_HOUSEHOLDS, commune)
    return organisation


@action_required(Action.VIEW_HOUSEHOLDS, per_object=True)
def organisation_list(request: HttpRequest, commune_slug: str) -> HttpResponse:
    commune = _organisations_page(request, commune_slug)
    today = clock.today()
    organisations = list(selectors.organisations_of(commune))
    day_names = dict(WEEKDAYS)
    rows = [
        (
            organisation,
            selectors.headcount_on(organisation, today),
            ", ".join(str(day_names[day]) for day in organisation.rest_weekdays),
        )
        for organisation in organisations
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
    commune = _organisations_page(request, commune_slug)
    require_action(request, Action.MANAGE_HOUSEHOLDS, commune)
    form = OrganisationCreateForm(request.POST or None)
    error = ""
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            organisation = services.organisation_create(
                kind=data["kind"], name=data["name"], short_name=data["short_name"], unit=commune, actor=request.user
            )
        except DomainError as refusal:
            error = refusal.message
        else:
            messages.success(request, _("Đã thêm %(name)s.") % {"name": organisation.name})
            return redirect("units:organisation_list", commune_slug=commune.slug)
    return _form_page(
        request,
        commune,
        form,
        error=error,
        heading=_("Thêm cơ quan, đơn vị, doanh nghiệp"),
        submit_label=_("Thêm"),
        back_url=reverse("units:organisation_list", kwargs={"commune_slug": commune.slug}),
        back_label=_("Cơ quan, đơn vị, doanh nghiệp"),
        legal_basis=_(
            "Căn cứ: Luật số 10/2022/QH15, Chương III (cơ quan, đơn vị) và Chương IV (doanh nghiệp, tổ chức)."
        ),
    )


@action_required(Action.MANAGE_HOUSEHOLDS, per_object=True)
@require_http_methods(["GET", "POST"])
def headcount_view(request: HttpRequest, commune_slug: str, organisation_id: int) -> HttpResponse:
    commune = _organisations_page(request, commune_slug)
    organisation = _organisation_for(request, commune, organisation_id)
    form = HeadcountForm(
        request.POST or None,
        initial={"effective_from": clock.today(), "headcount": selectors.headcount_on(organisation, clock.today())},
    )
    error = ""
    if request.method == "POST" and form.is_valid():
        try:
            services.headcount_set(
                organisation=organisation,
                effective_from=form.cleaned_data["effective_from"],
                headcount=form.cleaned_data["headcount"],
                actor=request.user,
            )
        except DomainError as refusal:
            error = refusal.message
        else:
            messages.success(request, _("Đã ghi số lao động của %(name)s.") % {"name": organisation.name})
            return redirect("units:organisation_list", commune_slug=commune.slug)
    return _form_page(
        request,
        commune,
        form,
        error=error,
        heading=_("Số lao động của %(name)s") % {"name": organisation.name},
        intro=_("Số người tính từ ngày ghi; số cũ vẫn giữ cho các ngày trước đó."),
        submit_label=_("Lưu"),
        back_url=reverse("units:organisation_list", kwargs={"commune_slug": commune.slug}),
        back_label=_("Cơ quan, đơn vị, doanh nghiệp"),
    )


@action_required(Action.MANAGE_HOUSEHOLDS, per_object=True)
@require_http_methods(["GET", "POST"])
def rest_days_view(request: HttpRequest, commune_slug: str, organisation_id: int) -> HttpResponse:
    commune = _organisations_page(request, commune_slug)
    organisation = _organisation_for(request, commune, organisation_id)
    current = [int(day) for day in organisation.weekly_rest_days.split(",") if day.strip().isdigit()]
    form = RestDaysForm(request.POST or None, initial={"days": current})
    error = ""
    if request.method == "POST" and form.is_valid():
        try:
            services.organisation_set_rest_days(
                organisation=organisation, weekly_rest_days=form.cleaned_data["days"], actor=request.user
            )
        except DomainError as refusal:
            error = refusal.message
        else:
            messages.success(request, _("Đã lưu ngày nghỉ hằng tuần của %(name)s.") % {"name": organisation.name})
            return redirect("units:organisation_list", commune_slug=commune.slug)
    return _form_page(
        request,
        commune,
        form,
        error=error,
        heading=_("Ngày nghỉ hằng tuần của %(name)s") % {"name": organisation.name},
        intro=_(
            "Cơ quan, đơn vị sự nghiệp công lập theo lịch làm việc của cơ quan nhà nước; "
            "doanh nghiệp dùng ngày nghỉ ghi ở đây để tính thời hạn."
        ),
        submit_label=_("Lưu"),
        back_url=reverse("units:organisation_list", kwargs={"commune_slug": commune.slug}),
        back_label=_("Cơ quan, đơn vị, doanh nghiệp"),
    )
