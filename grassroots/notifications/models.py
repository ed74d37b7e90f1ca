"""Notifications (thông báo): the in-app inbox, each person's choices, digests and subscriptions.

The database keeps the promises: one notification per person per event (``dedupe_key``), one digest per
person per day (``Digest``), one subscription per person, unit and topic.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Mode(models.TextChoices):
    """How a person wants one kind of notification (the default is the daily digest)."""

    DIGEST = "digest", _("Gộp vào bản tin hằng ngày")
    IMMEDIATE = "immediate", _("Gửi ngay từng thông báo")
    INBOX_ONLY = "inbox_only", _("Chỉ xem trong hộp thư trên trang")


class Topic(models.TextChoices):
    """What a resident may follow in their commune or village (Law arts 11, 15, 25)."""

    DISCLOSURES = "disclosures", _("Thông tin công khai")
    VOTES = "votes", _("Kết quả bàn và quyết định")
    CONSULTATIONS = "consultations", _("Lấy ý kiến Nhân dân")


class Language(models.TextChoices):
    VIETNAMESE = "vi", "Tiếng Việt"
    ENGLISH = "en", "English"


class NotificationSettings(models.Model):
    """Cài đặt nhận thông báo: one row per person, created with defaults the first time it is needed."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    language = models.CharField(_("Ngôn ngữ"), max_length=5, choices=Language.choices, default=Language.VIETNAMESE)
    by_email = models.BooleanField(_("Nhận qua thư điện tử"), default=True)
    by_sms = models.BooleanField(_("Nhận qua tin nhắn SMS"), default=False)

    class Meta:
        verbose_name = _("cài đặt thông báo")
        verbose_name_plural = _("cài đặt thông báo")

    def __str__(self) -> str:
        return f"{self.user_id}: {self.language}"


class Preference(models.Model):
    """A person's choice for one kind of notification (absent: the kind's default, the daily digest)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(_("Loại thông báo"), max_length=60)
    mode = models.CharField(_("Cách nhận"), max_length=20, choices=Mode.choices, default=Mode.DIGEST)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "kind"], name="notification_preference_once")]

    def __str__(self) -> str:
        return f"{self.user_id}: {self.kind} → {self.mode}"


class Notification(models.Model):
    """Thông báo: one event for one person, in their inbox; the text is rendered in their language when read."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(_("Loại thông báo"), max_length=60)
    params = models.JSONField(_("Nội dung"), default=dict, blank=True)
    url = models.CharField(_("Đường dẫn"), max_length=500, blank=True)
    unit = models.ForeignKey(
        "units.AdministrativeUnit", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    dedupe_key = models.CharField(max_length=200, blank=True)
    """The event's stable key (``reminder:/phan-anh/12/:2026-12-04:3``): a job that runs twice notifies once."""
    created_at = models.DateTimeField(_("Thời điểm"))
    read_at = models.DateTimeField(_("Đã đọc lúc"), null=True, blank=True)
    sent_at = models.DateTimeField(_("Đã gửi ngay lúc"), null=True, blank=True)
    digest = models.ForeignKey("Digest", on_delete=models.SET_NULL, null=True, blank=True, related_name="items")

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "dedupe_key"], condition=~Q(dedupe_key=""), name="notification_once_per_event"
            )
        ]
        indexes = [
            models.Index(fields=["user", "-created_at"], name="notification_inbox"),
            models.Index(fields=["user", "digest", "sent_at"], name="notification_pending"),
        ]

    def __str__(self) -> str:
        return f"{self.user_id}: {self.kind} {self.created_at:%Y-%m-%d %H:%M}"


class Digest(models.Model):
    """Bản tin hằng ngày: at most one per person per day, whatever runs the job and how often."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    day = models.DateField(_("Ngày"))
    created_at = models.DateTimeField(_("Lập lúc"))
    item_count = models.PositiveIntegerField(_("Số thông báo"), default=0)
    channels = models.CharField(_("Kênh đã gửi"), max_length=50, blank=True)
    error = models.TextField(_("Lỗi gửi"), blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "day"], name="digest_once_a_day")]

    def __str__(self) -> str:
        return f"{self.user_id}: {self.day}"


class Subscription(models.Model):
    """Theo dõi: a person follows one topic of one commune or village."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    unit = models.ForeignKey("units.AdministrativeUnit", on_delete=models.CASCADE, related_name="+")
    topic = models.CharField(_("Chủ đề"), max_length=20, choices=Topic.choices)
    created_at = models.DateTimeField(_("Từ lúc"))

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "unit", "topic"], name="subscription_once"),
        ]

    def __str__(self) -> str:
        return f"{self.user_id}: {self.unit_id} {self.topic}"


class ObligationKind(models.TextChoices):
    """The yearly obligations a job opens as a draft for the officer to complete (``notifications.yearly``)."""

    WORKPLACE_CONFERENCE = "workplace_conference", _("Hội nghị cán bộ, người lao động hằng năm")
    WORKPLACE_DIALOGUE = "workplace_dialogue", _("Đối thoại định kỳ tại nơi làm việc")
    CONVENTION_REVIEW = "convention_review", _("Rà soát hằng năm hương ước, quy ước")
    COMMUNE_DIALOGUE = "commune_dialogue", _("Hội nghị đối thoại hằng năm của Chủ tịch UBND xã với Nhân dân")


class DraftStatus(models.TextChoices):
    OPEN = "open", _("Bản nháp, chờ hoàn thành")
    COMPLETED = "completed", _("Đã hoàn thành")


class ObligationDraft(models.Model):
    """Bản nháp việc hằng năm: a yearly obligation opened by a job, with the values the owning app's create form
    starts from (``proposal``). The officer completes it on its page, which calls the owning app's own service
    (``workplaces.services.conference_create`` / ``dialogue_schedule``, ``conventions.services.review_record``,
    ``reception.services.conference_plan`` for the commune chair's dialogue conference) and records the record made
    (``completed_object_id``). Kept here, not as a state of the owning app's model: those records need a day, a
    place or a meeting held that only a person can give.

    One per obligation and year (``key`` unique): a job that runs twice opens one draft."""

    kind = models.CharField(_("Loại việc"), max_length=30, choices=ObligationKind.choices)
    key = models.CharField(max_length=200, unique=True)
    """``<kind>:<organisation or convention id>:<year>``: the obligation and its year."""
    unit = models.ForeignKey(
        "units.AdministrativeUnit", verbose_name=_("Đơn vị"), on_delete=models.PROTECT, related_name="+"
    )
    organisation = models.ForeignKey(
        "units.Organisation", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    convention = models.ForeignKey(
        "conventions.Convention", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField(_("Việc"), max_length=300)
    year = models.PositiveIntegerField(_("Năm"))
    due_on = models.DateField(_("Hạn"), null=True, blank=True)
    citation = models.CharField(_("Căn cứ"), max_length=300, blank=True)
    proposal = models.JSONField(_("Giá trị đề xuất"), default=dict, blank=True)
    status = models.CharField(_("Trạng thái"), max_length=20, choices=DraftStatus.choices, default=DraftStatus.OPEN)
    created_at = models.DateTimeField(_("Mở lúc"))
    completed_at = models.DateTimeField(_("Hoàn thành lúc"), null=True, blank=True)
    completed_object_id = models.PositiveBigIntegerField(null=True, blank=True)
    """The record the officer made from the draft (a conference, a dialogue, a review of ``kind``)."""

    class Meta:
        ordering = ["due_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(kind="convention_review") | Q(convention__isnull=False), name="draft_review_convention"
            ),
            models.CheckConstraint(
                condition=Q(kind__in=("convention_review", "commune_dialogue")) | Q(organisation__isnull=False),
                name="draft_workplace_organisation",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_open(self) -> bool:
        return self.status == DraftStatus.OPEN
