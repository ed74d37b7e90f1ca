"""Django admin for superusers: the ledger is read-only (every change goes through the audited services)."""

from __future__ import annotations

from django.contrib import admin

from grassroots.core.admin import ReadOnlyAdmin
from grassroots.funds.models import CommuneFundSetting, Entry, Expense, Fund, Obligation, Paper, Treasurer


@admin.register(Fund)
class FundAdmin(ReadOnlyAdmin):
    list_display = ["title", "unit", "status", "decided_on"]


@admin.register(Entry)
class EntryAdmin(ReadOnlyAdmin):
    list_display = ["fund", "number", "kind", "medium", "amount", "received_on"]
    # The sealed name of a donor who asked not to be named is never shown here.
    exclude = ["donor_name_sealed"]


@admin.register(Obligation)
class ObligationAdmin(ReadOnlyAdmin):
    list_display = ["fund", "household", "money_due", "labour_days_due"]


@admin.register(Expense)
class ExpenseAdmin(ReadOnlyAdmin):
    list_display = ["fund", "work_item", "amount", "status"]


@admin.register(Treasurer)
class TreasurerAdmin(ReadOnlyAdmin):
    list_display = ["fund", "user", "appointed_at", "ended_at"]


@admin.register(Paper)
class PaperAdmin(ReadOnlyAdmin):
    list_display = ["fund", "kind", "document", "issued_at"]


@admin.register(CommuneFundSetting)
class CommuneFundSettingAdmin(ReadOnlyAdmin):
    list_display = ["commune", "shows_household_amounts", "set_at", "set_by"]
