from __future__ import annotations

from django.contrib import admin

from grassroots.core.admin import ReadOnlyAdmin
from grassroots.notifications.models import Digest, Notification


@admin.register(Notification)
class NotificationAdmin(ReadOnlyAdmin):
    list_display = ("user", "kind", "created_at", "read_at", "sent_at", "digest")
    list_filter = ("kind",)


@admin.register(Digest)
class DigestAdmin(ReadOnlyAdmin):
    list_display = ("user", "day", "item_count", "channels", "error")
