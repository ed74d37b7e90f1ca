"""Django admin for superusers: election and dismissal records are read-only (every change goes through
the audited services); the province's village-head term is edited here, and each edit is audited."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.contrib import admin
from django.db import transaction
from django.http import HttpRequest

from grassroots.core.admin import ReadOnlyAdmin
from grassroots.core.services import audit_record
from grassroots.elections.models import Dismissal, Election, VillageHeadTermSetting

if TYPE_CHECKING:
    from django.contrib.admin import ModelAdmin
else:
    # Django's admin classes take no type argument at run time; django-stubs' do.
    class ModelAdmin(admin.ModelAdmin):
        __class_getitem__ = classmethod(lambda cls, _model: cls)


@admin.register(Election)
class ElectionAdmin(ReadOnlyAdmin):
    list_display = ["community", "kind", "election_date", "status"]
    list_filter = ["kind", "status"]


@admin.register(Dismissal)
class DismissalAdmin(ReadOnlyAdmin):
    list_display = ["community", "ground", "status"]


@admin.register(VillageHeadTermSetting)
class VillageHeadTermSettingAdmin(ModelAdmin[VillageHeadTermSetting]):
    list_display = ["province", "months", "effective_from", "source"]
    raw_id_fields = ["province"]

    def save_model(self, request: HttpRequest, obj: VillageHeadTermSetting, form: Any, change: bool) -> None:
        with transaction.atomic():
            super().save_model(request, obj, form, change)
            audit_record(
                code="decisions.village_head_term.saved",
                actor=request.user,
                unit=obj.province_id,
                obj=obj,
                after={"months": obj.months, "effective_from": obj.effective_from, "source": obj.source},
            )

    def delete_model(self, request: HttpRequest, obj: VillageHeadTermSetting) -> None:
        with transaction.atomic():
            audit_record(
                code="decisions.village_head_term.deleted",
                actor=request.user,
                unit=obj.province_id,
                obj=obj,
                before={"months": obj.months, "effective_from": obj.effective_from},
            )
            super().delete_model(request, obj)
