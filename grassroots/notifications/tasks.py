"""Background tasks of notifications (``django.tasks``; the database worker, inline in tests)."""

from __future__ import annotations

from django.tasks import task


@task()
def deliver_notification(notification_id: int) -> bool:
    """Send one notification whose person chose immediate delivery for its kind."""
    from grassroots.notifications.services import notification_deliver

    return notification_deliver(notification_id=notification_id)
