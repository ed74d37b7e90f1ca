"""Django admin for superusers: accounts with their roles, role memberships, login throttles."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.contrib import admin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from grassroots.accounts import rules
from grassroots.accounts.models import LoginThrottle, RoleMembership, User

if TYPE_CHECKING:
    from django.contrib.admin import ModelAdmin, TabularInline
    from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
else:
    from django.contrib.auth.admin import UserAdmin as _DjangoUserAdmin

    # Django's admin classes take no type argument at run time; django-stubs' do (``ModelAdmin[User]``).
    class ModelAdmin(admin.ModelAdmin):
        __class_getitem__ = classmethod(lambda cls, _model: cls)

    class TabularInline(admin.TabularInline):
        __class_getitem__ = classmethod(lambda cls, _model: cls)

    class DjangoUserAdmin(_DjangoUserAdmin):
        __class_getitem__ = classmethod(lambda cls, _model: cls)


def _administers(request: HttpRequest) -> bool:
    """The one admin rule: an active account the matrix lets administer (``rules.can_administer``)."""
    user = request.user
    return bool(user.is_active) and rules.can_administer(is_superuser=bool(user.is_superuser))


class SuperuserOnlyMixin:
    """The admin is a superuser's tool; staff work through the app's own pages and services."""

    def has_module_permission(self, request: HttpRequest) -> bool:
        return _administers(request)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return _administers(request)

    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        return _administers(request)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return _administers(request)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return _administers(request)


class RoleMembershipInline(SuperuserOnlyMixin, TabularInline[RoleMembership, User]):
    model = RoleMembership
    fk_name = "user"
    extra = 0
    raw_id_fields = ["unit", "organisation"]
    fields = ["role", "unit", "organisation", "valid_from", "valid_until"]


@admin.register(User)
class UserAdmin(SuperuserOnlyMixin, DjangoUserAdmin[User]):
    inlines = [RoleMembershipInline]
    list_display = ["username", "full_name", "phone", "is_active", "must_change_password", "is_superuser"]
    list_filter = ["is_active", "is_staff", "is_superuser", "must_change_password"]
    search_fields = ["username", "full_name", "phone", "email"]
    ordering = ["username"]
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        (_("Thông tin cá nhân"), {"fields": ("full_name", "phone", "email")}),
        (
            _("Quyền"),
            {"fields": ("is_active", "must_change_password", "is_staff", "is_superuser", "groups", "user_permissions")},
        ),
        (_("Mốc thời gian"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (None, {"classes": ("wide",), "fields": ("username", "full_name", "phone", "password1", "password2")}),
    )


@admin.register(RoleMembership)
class RoleMembershipAdmin(SuperuserOnlyMixin, ModelAdmin[RoleMembership]):
    list_display = ["user", "role", "unit", "organisation", "valid_from", "valid_until"]
    list_filter = ["role"]
    search_fields = ["user__username", "user__full_name", "unit__name"]
    autocomplete_fields = ["user"]
    raw_id_fields = ["unit", "organisation"]
    date_hierarchy = "valid_from"


@admin.register(LoginThrottle)
class LoginThrottleAdmin(SuperuserOnlyMixin, ModelAdmin[LoginThrottle]):
    list_display = ["scope", "key", "failure_count", "last_failure_at", "locked_until"]
    list_filter = ["scope"]
    search_fields = ["key"]
