"""Django admin for superusers: the unit tree, households (status read-only), organisations, legacy mapping."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib import admin

from grassroots.units.models import (
    AdministrativeUnit,
    CommunityChange,
    Household,
    LegacyUnitMapping,
    Organisation,
    Resident,
    StaffHeadcount,
    UnitKind,
)

if TYPE_CHECKING:
    from django.contrib.admin import ModelAdmin, TabularInline
else:
    # Django's admin classes take no type argument at run time; django-stubs' do (``ModelAdmin[Household]``).
    class ModelAdmin(admin.ModelAdmin):
        __class_getitem__ = classmethod(lambda cls, _model: cls)

    class TabularInline(admin.TabularInline):
        __class_getitem__ = classmethod(lambda cls, _model: cls)


@admin.register(UnitKind)
class UnitKindAdmin(ModelAdmin[UnitKind]):
    list_display = ["code", "name", "level", "is_legacy"]
    list_filter = ["level", "is_legacy"]


@admin.register(AdministrativeUnit)
class AdministrativeUnitAdmin(ModelAdmin[AdministrativeUnit]):
    list_display = ["name", "code", "level", "kind", "parent", "valid_from", "valid_until"]
    list_filter = ["level", "kind"]
    search_fields = ["name", "code", "slug"]
    list_select_related = ["kind", "parent"]
    raw_id_fields = ["parent"]


class ResidentInline(TabularInline[Resident, Household]):
    model = Resident
    fields = ["full_name", "birth_date", "gender", "phone", "registered_on", "left_on"]
    # Membership dates change through ``services.resident_leave`` (audited); a person who leaves is dated, never
    # deleted, so that the household's register on an earlier date stays true.
    readonly_fields = ["registered_on", "left_on"]
    can_delete = False
    extra = 0


@admin.register(Household)
class HouseholdAdmin(ModelAdmin[Household]):
    list_display = ["code", "community", "representative", "status", "active_from", "active_until"]
    list_filter = ["status"]
    search_fields = ["code", "address", "community__name"]
    list_select_related = ["community", "representative"]
    raw_id_fields = ["community", "representative"]
    # Status and end date change only through the services (their state machine and audit trail).
    readonly_fields = ["status", "active_until", "previous"]
    inlines = [ResidentInline]


@admin.register(Resident)
class ResidentAdmin(ModelAdmin[Resident]):
    list_display = ["full_name", "birth_date", "gender", "household"]
    search_fields = ["full_name", "household__code"]
    list_select_related = ["household"]
    raw_id_fields = ["household", "user"]


class StaffHeadcountInline(TabularInline[StaffHeadcount, Organisation]):
    model = StaffHeadcount
    extra = 0


@admin.register(Organisation)
class OrganisationAdmin(ModelAdmin[Organisation]):
    list_display = ["name", "kind", "unit", "parent"]
    list_filter = ["kind"]
    search_fields = ["name", "short_name"]
    raw_id_fields = ["unit", "parent"]
    inlines = [StaffHeadcountInline]


@admin.register(CommunityChange)
class CommunityChangeAdmin(ModelAdmin[CommunityChange]):
    list_display = ["kind", "commune", "effective_on", "decision_ref", "old_name", "new_name"]
    list_filter = ["kind"]
    raw_id_fields = ["commune", "sources", "targets"]
    date_hierarchy = "effective_on"


@admin.register(LegacyUnitMapping)
class LegacyUnitMappingAdmin(ModelAdmin[LegacyUnitMapping]):
    list_display = ["old_unit", "new_unit", "note"]
    search_fields = ["old_unit__name", "old_unit__code", "new_unit__name", "new_unit__code"]
    list_select_related = ["old_unit", "new_unit"]
    raw_id_fields = ["old_unit", "new_unit"]
