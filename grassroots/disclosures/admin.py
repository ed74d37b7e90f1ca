"""The Django admin shows disclosures' recorded facts to superusers, read-only (issue 9 item 7).

Publication dates, channel events, relay acknowledgements and information requests change only through the
services, which check the law, take dates from the clock and write the audit trail. The admin may look,
never add, change or delete: a crafted POST gets 403 like any other attempt.
"""

from __future__ import annotations

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from grassroots.core.admin import ReadOnlyAdmin
from grassroots.disclosures.models import Disclosure, InformationRequest, PublicationEvent, RelayTask


class RecordedFactsAdmin(ReadOnlyAdmin):
    """Read-only: no add, change or delete, whoever asks."""


@admin.register(Disclosure)
class DisclosureAdmin(RecordedFactsAdmin):
    list_display = ["title", "unit", "organisation", "category", "status", "decided_on", "due_on", "published_on"]
    list_filter = ["status", "category__regime"]
    search_fields = ["title", "decision_number"]


@admin.register(PublicationEvent)
class PublicationEventAdmin(RecordedFactsAdmin):
    list_display = ["disclosure", "channel", "started_on", "ended_on", "recorded_on", "recorded_by", "self_reported"]
    list_filter = ["channel"]

    @admin.display(boolean=True, description=_("Tự khai"))
    def self_reported(self, obj: PublicationEvent) -> bool:
        return obj.is_self_reported


@admin.register(RelayTask)
class RelayTaskAdmin(RecordedFactsAdmin):
    list_display = ["disclosure", "community", "assigned_on", "acknowledged_at", "acknowledged_by"]


@admin.register(InformationRequest)
class InformationRequestAdmin(RecordedFactsAdmin):
    list_display = ["requester_name", "unit", "status", "received_on", "due_on", "extended_due_on", "answered_on"]
    list_filter = ["status"]
