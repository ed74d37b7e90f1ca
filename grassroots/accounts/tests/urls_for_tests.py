"""A tiny URLconf for the fetch-and-authorize tests: the real site plus two test-only views."""

from typing import Any

from django import forms
from django.http import HttpRequest, HttpResponse
from django.urls import path

from config.urls import urlpatterns as site_urlpatterns
from grassroots.accounts import selectors
from grassroots.accounts.authorize import (
    action_required,
    get_object_in_units,
    get_unit_for_view,
    require,
    require_action,
    role_required,
)
from grassroots.accounts.form_page import Done, form_page
from grassroots.accounts.models import Role
from grassroots.accounts.rules import Action
from grassroots.core.errors import DomainError
from grassroots.units.models import Household


def unit_page(request: HttpRequest, key: str) -> HttpResponse:
    unit = get_unit_for_view(request, key)
    if request.method == "POST":
        require(selectors.user_can(request.user, Action.MANAGE_HOUSEHOLDS, unit))
        return HttpResponse(f"changed {unit.pk}")
    return HttpResponse(f"unit {unit.pk}")


def household_page(request: HttpRequest, household_id: int) -> HttpResponse:
    household = get_object_in_units(request, Household.objects.all(), "community", pk=household_id)
    if request.method == "POST":
        require(selectors.user_can(request.user, Action.MANAGE_HOUSEHOLDS, household.community_id))
    return HttpResponse(f"household {household.pk}")


@role_required(Role.COMMUNE_CHAIR, Role.COMMUNE_OFFICER)
def officers_only(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok")


@role_required()
def staff_only(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok")


@action_required(Action.VIEW_HOUSEHOLDS, per_object=True)
def household_per_object(request: HttpRequest, household_id: int) -> HttpResponse:
    household = get_object_in_units(request, Household.objects.all(), "community", pk=household_id)
    require_action(request, Action.VIEW_HOUSEHOLDS, household.community_id)
    return HttpResponse(f"household {household.pk}")


@action_required(Action.VIEW_HOUSEHOLDS, per_object=True)
def forgets_to_ask(request: HttpRequest, household_id: int) -> HttpResponse:
    return HttpResponse("no check")


class NameForm(forms.Form):
    name = forms.CharField(max_length=20)


def _rename(data: dict[str, Any]) -> str:
    if data["name"] == "sai":
        raise DomainError("test.refused", "Bị từ chối")
    return str(data["name"])


@action_required(Action.MANAGE_HOUSEHOLDS, per_object=True)
def form_page_view(request: HttpRequest, key: str) -> HttpResponse:
    unit = get_unit_for_view(request, key)
    return form_page(
        request,
        NameForm(request.POST or None),
        action=Action.MANAGE_HOUSEHOLDS,
        unit=unit,
        available="closed" not in request.GET,
        perform=_rename,
        done=lambda name: Done(f"ok {name}", "/xong/"),
        template="accounts/password_change.html",
        refused_context=lambda refusal: {"refused_code": refusal.code},
    )


urlpatterns = [
    path("test-form/<str:key>/", form_page_view),
    path("test-per-object/<int:household_id>/", household_per_object),
    path("test-forgets/<int:household_id>/", forgets_to_ask),
    path("test-unit/<str:key>/", unit_page),
    path("test-household/<int:household_id>/", household_page),
    path("test-officers/", officers_only),
    path("test-staff/", staff_only),
    *site_urlpatterns,
]
