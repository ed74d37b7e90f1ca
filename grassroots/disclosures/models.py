"""Disclosure to citizens and staff (công khai thông tin): Law 10/2022/QH15 arts 11–14, 46–48, 64–66.

The legal catalogue (which kinds of information, deadlines, posting periods, duties) is data:
``DisclosureCategory`` rows seeded from ``catalogue.CATALOGUE`` by a data migration. Workflow lives in
``services``; the law's numbers and the transition table live in ``rules``.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from grassroots.core.models import TimeStampedModel

if TYPE_CHECKING:
    from grassroots.disclosures.rules import CategoryRule


class Regime(models.TextChoices):
    """Which chapter of the law a disclosure falls under."""

    COMMUNE = "commune", _("Xã, phường, đặc khu (Điều 11)")
    AGENCY = "agency", _("Cơ quan, đơn vị (Điều 46)")
    SOE = "soe", _("Doanh nghiệp nhà nước (Điều 64)")
    EMPLOYER = "employer", _("Người sử dụng lao động khác (Điều 43 Nghị định 145/2020)")


class DeadlineMode(models.TextChoices):
    WORKING = "working", _("Ngày làm việc")
    CALENDAR = "calendar", _("Ngày (theo lịch)")
    NONE = "none", _("Không có hạn chung")


class Channel(models.TextChoices):
    """Forms of disclosure (hình thức công khai): Law art. 12(1) for communes, arts 47(1), 65(1) inside units."""

    HEADQUARTERS_BOARD = "headquarters_board", _("Niêm yết tại trụ sở")
    COMMUNITY_BOARD = "community_board", _("Niêm yết tại nhà văn hóa, điểm sinh hoạt thôn, tổ dân phố")
    PORTAL = "portal", _("Cổng, trang thông tin điện tử, mạng nội bộ")
    LOUDSPEAKER = "loudspeaker", _("Hệ thống loa truyền thanh")
    VILLAGE_HEAD_RELAY = "village_head_relay", _("Thông qua Trưởng thôn, Tổ trưởng tổ dân phố")
    LETTER = "letter", _("Gửi văn bản đến người dân")
    MEETING = "meeting", _("Hội nghị, cuộc họp, tiếp công dân")
    FRONT_NOTICE = "front_notice", _("Thông báo cho Mặt trận, tổ chức chính trị - xã hội, công đoàn")
    SOCIAL_NETWORK = "social_network", _("Mạng viễn thông, mạng xã hội")
    DIVISION_HEADS = "division_heads", _("Thông qua người đứng đầu bộ phận")
    WRITTEN_NOTICE_ALL_STAFF = "written_notice_all_staff", _("Thông báo bằng văn bản đến toàn thể người lao động")
    OTHER = "other", _("Hình thức khác")


class Status(models.TextChoices):
    """States of a disclosure; the allowed moves are ``rules.TRANSITIONS``."""

    DRAFT = "draft", _("Dự thảo")
    PUBLISHED = "published", _("Đang công khai")
    AMENDED = "amended", _("Đã sửa đổi, chờ công khai lại")
    REPUBLISHED = "republished", _("Đã công khai lại")
    ENDED = "ended", _("Hết thời gian niêm yết")
    WITHDRAWN = "withdrawn", _("Đã rút")


class RelayMeans(models.TextChoices):
    """How a village head informs households (Law art. 13(4))."""

    COMMUNITY_MEETING = "community_meeting", _("Hội nghị, cuộc họp cộng đồng dân cư")
    ORGANISATION_MEETING = "organisation_meeting", _("Cuộc họp của tổ chức chính trị - xã hội ở thôn")
    DIRECT_NOTICE = "direct_notice", _("Thông báo trực tiếp hoặc bằng văn bản đến từng hộ")
    TEXT_MESSAGE = "text_message", _("Tin nhắn đến đại diện hộ gia đình")
    SOCIAL_NETWORK_GROUP = "social_network_group", _("Nhóm mạng xã hội cộng đồng đã thống nhất")


class InformationRequestStatus(models.TextChoices):
    RECEIVED = "received", _("Đã tiếp nhận")
    EXTENDED = "extended", _("Đã gia hạn")
    ANSWERED = "answered", _("Đã trả lời")


class DisclosureCategory(models.Model):
    """A kind of information that must be disclosed (nội dung công khai): K1–K14, A1–A12, S1–S8, E1–E7.

    Seeded by migration from ``catalogue.CATALOGUE``; the deadline may be changed row by row where a
    sector law sets another timing (Law art. 12(3), 13(5)–(6)), with ``deadline_basis`` saying why.
    """

    code = models.CharField(_("Mã"), max_length=8, unique=True)
    regime = models.CharField(_("Phạm vi"), max_length=10, choices=Regime.choices)
    number = models.PositiveSmallIntegerField(_("Thứ tự"))
    name = models.CharField(_("Tên"), max_length=300)
    legal_basis = models.CharField(_("Căn cứ"), max_length=300)
    deadline_mode = models.CharField(_("Cách tính hạn"), max_length=10, choices=DeadlineMode.choices)
    deadline_days = models.PositiveSmallIntegerField(_("Số ngày của hạn công khai"))
    deadline_basis = models.CharField(_("Căn cứ của hạn"), max_length=300)
    min_posting_days = models.PositiveSmallIntegerField(_("Thời gian niêm yết tối thiểu (ngày)"), null=True, blank=True)
    posting_basis = models.CharField(_("Căn cứ thời gian niêm yết"), max_length=300, blank=True)
    is_permanent = models.BooleanField(_("Công khai thường xuyên, có phiên bản"), default=False)
    requires_community_boards = models.BooleanField(_("Niêm yết tại từng thôn, tổ dân phố"), default=False)
    requires_broadcast = models.BooleanField(_("Phát trên loa truyền thanh"), default=False)
    requires_relay = models.BooleanField(_("Chuyển qua Trưởng thôn"), default=False)
    required_channels = models.JSONField(
        _("Hình thức bắt buộc"), default=list, blank=True, help_text=_("Danh sách nhóm; mỗi nhóm cần ít nhất một.")
    )

    class Meta:
        ordering = ["regime", "number"]
        verbose_name = _("Nội dung phải công khai")
        verbose_name_plural = _("Nội dung phải công khai")
        constraints = [
            models.UniqueConstraint(fields=["regime", "number"], name="disclosure_category_number_unique"),
            models.CheckConstraint(
                condition=Q(is_permanent=False) | Q(min_posting_days__isnull=True),
                name="disclosure_category_permanent_has_no_minimum",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code}. {self.label}"

    @property
    def label(self) -> str:
        """The translated name from the catalogue (falls back to the stored name)."""
        from grassroots.disclosures.catalogue import label_for

        return label_for(self.code) or self.name

    def as_rule(self) -> CategoryRule:
        # Imported here: rules imports this module.
        from grassroots.disclosures.rules import CategoryRule

        return CategoryRule(
            code=self.code,
            regime=self.regime,
            deadline_mode=self.deadline_mode,
            deadline_days=self.deadline_days,
            min_posting_days=self.min_posting_days,
            is_permanent=self.is_permanent,
            requires_community_boards=self.requires_community_boards,
            requires_broadcast=self.requires_broadcast,
            requires_relay=self.requires_relay,
            required_channels=tuple(tuple(group) for group in self.required_channels),
        )


class DisclosureProfile(models.Model):
    """What disclosure channels a unit has (loudspeaker, portal) and whether it is a special area (art. 12(2))."""

    unit = models.OneToOneField(
        "units.AdministrativeUnit",
        on_delete=models.CASCADE,
        related_name="disclosure_profile",
        verbose_name=_("Đơn vị"),
    )
    has_portal = models.BooleanField(_("Có cổng, trang thông tin điện tử"), default=True)
    has_loudspeaker = models.BooleanField(_("Có hệ thống loa truyền thanh"), default=False)
    is_special_area = models.BooleanField(_("Vùng biên giới, hải đảo, miền núi, đồng bào dân tộc"), default=False)

    class Meta:
        verbose_name = _("Điều kiện công khai của đơn vị")
        verbose_name_plural = _("Điều kiện công khai của đơn vị")

    def __str__(self) -> str:
        return str(self.unit)


class Disclosure(TimeStampedModel):
    """One disclosed item (thông tin công khai). Title, body and decision mirror the current version."""

    unit = models.ForeignKey(
        "units.AdministrativeUnit", on_delete=models.PROTECT, related_name="disclosures", verbose_name=_("Đơn vị")
    )
    organisation = models.ForeignKey(
        "units.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="disclosures",
        verbose_name=_("Cơ quan, đơn vị, doanh nghiệp"),
    )
    category = models.ForeignKey(
        DisclosureCategory, on_delete=models.PROTECT, related_name="disclosures", verbose_name=_("Nội dung")
    )
    status = models.CharField(_("Trạng thái"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    title = models.CharField(_("Tiêu đề"), max_length=300)
    body = models.TextField(_("Nội dung"), blank=True)
    decision_number = models.CharField(_("Số, ký hiệu quyết định"), max_length=100, blank=True)
    decided_on = models.DateField(_("Ngày quyết định"))
    due_on = models.DateField(_("Hạn công khai"), null=True, blank=True)
    version_number = models.PositiveIntegerField(_("Phiên bản"), default=1)
    first_published_on = models.DateField(_("Ngày công khai lần đầu"), null=True, blank=True)
    published_on = models.DateField(_("Ngày công khai phiên bản hiện hành"), null=True, blank=True)
    ended_on = models.DateField(_("Ngày gỡ xuống"), null=True, blank=True)
    withdrawal_reason = models.TextField(_("Lý do rút"), blank=True)
    search_text = models.TextField(_("Chuỗi tìm kiếm (không dấu)"), blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-published_on", "-pk"]
        verbose_name = _("Thông tin công khai")
        verbose_name_plural = _("Thông tin công khai")
        indexes = [
            models.Index(fields=["unit", "first_published_on", "id"], name="disclosure_unit_public_idx"),
            models.Index(fields=["unit", "category", "-published_on"], name="disclosure_unit_category_idx"),
            models.Index(fields=["unit", "due_on"], name="disclosure_unit_due_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="draft") | Q(first_published_on__isnull=False),
                name="disclosure_published_has_date",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_public(self) -> bool:
        return self.first_published_on is not None

    # What the transition table allows now (``rules.TRANSITIONS``): templates ask these, never the status.

    def _allows(self, action_name: str) -> bool:
        from grassroots.disclosures import rules

        return bool(rules.check_transition(self.status, rules.Action(action_name)))

    @property
    def can_publish(self) -> bool:
        return self._allows("publish")

    @property
    def can_republish(self) -> bool:
        return self._allows("republish")

    @property
    def can_amend(self) -> bool:
        return self._allows("amend")

    @property
    def can_end(self) -> bool:
        return self._allows("end")

    @property
    def can_withdraw(self) -> bool:
        return self._allows("withdraw")

    @property
    def is_draft(self) -> bool:
        return self.status == Status.DRAFT

    @property
    def is_amended(self) -> bool:
        """An amendment waits to be published again; the public still sees the last published version."""
        return self.status == Status.AMENDED

    @property
    def is_withdrawn(self) -> bool:
        return self.status == Status.WITHDRAWN

    @property
    def is_unpublished(self) -> bool:
        """The current version is not public yet: its deadline runs and files may still be attached."""
        from grassroots.disclosures import rules

        return self.status in rules.UNPUBLISHED_STATUSES

    @property
    def accepts_channel_records(self) -> bool:
        """The current version is published, so the channels it was published through can be recorded."""
        from grassroots.disclosures import rules

        return self.status in rules.CHANNEL_RECORD_STATUSES

    def snapshot(self) -> dict[str, object]:
        return {
            "status": self.status,
            "category": self.category.code,
            "title": self.title,
            "decision_number": self.decision_number,
            "decided_on": self.decided_on,
            "due_on": self.due_on,
            "version": self.version_number,
            "published_on": self.published_on,
            "ended_on": self.ended_on,
        }


class DisclosureVersion(models.Model):
    """One version of a disclosure (phiên bản): every amendment is a new version, published again (art. 14(3))."""

    disclosure = models.ForeignKey(Disclosure, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("Phiên bản"))
    title = models.CharField(_("Tiêu đề"), max_length=300)
    body = models.TextField(_("Nội dung"), blank=True)
    decision_number = models.CharField(_("Số, ký hiệu quyết định"), max_length=100, blank=True)
    decided_on = models.DateField(_("Ngày quyết định"))
    change_note = models.TextField(_("Nội dung thay đổi"), blank=True)
    created_at = models.DateTimeField(_("Thời điểm tạo"))
    published_on = models.DateField(_("Ngày công khai"), null=True, blank=True)

    class Meta:
        ordering = ["disclosure", "number"]
        verbose_name = _("Phiên bản thông tin công khai")
        verbose_name_plural = _("Phiên bản thông tin công khai")
        constraints = [models.UniqueConstraint(fields=["disclosure", "number"], name="disclosure_version_unique")]

    def __str__(self) -> str:
        return f"{self.disclosure_id} v{self.number}"


def _attachment_path(instance: DisclosureAttachment, filename: str) -> str:
    return f"cong-khai/{instance.disclosure.unit_id}/{instance.disclosure_id}/{filename}"


def _answer_path(instance: InformationRequest, filename: str) -> str:
    return f"cong-khai/{instance.unit_id}/yeu-cau/{instance.pk}/{filename}"


def _evidence_path(instance: PublicationEvent, filename: str) -> str:
    return f"cong-khai/{instance.disclosure.unit_id}/{instance.disclosure_id}/minh-chung/{filename}"


class DisclosureAttachment(models.Model):
    """An attached file (tệp đính kèm): PDF, DOCX or an image, checked by content and size."""

    disclosure = models.ForeignKey(Disclosure, on_delete=models.CASCADE, related_name="attachments")
    version_number = models.PositiveIntegerField(_("Phiên bản"))
    file = models.FileField(_("Tệp"), upload_to=_attachment_path)
    original_name = models.CharField(_("Tên tệp"), max_length=255)
    kind = models.CharField(_("Loại tệp"), max_length=10)
    size = models.PositiveIntegerField(_("Dung lượng (byte)"))
    uploaded_at = models.DateTimeField(_("Thời điểm tải lên"))

    class Meta:
        ordering = ["disclosure", "pk"]
        verbose_name = _("Tệp đính kèm")
        verbose_name_plural = _("Tệp đính kèm")

    def __str__(self) -> str:
        return self.original_name


class PublicationEvent(models.Model):
    """One channel's publication of one version (niêm yết, phát loa, đăng cổng…) with dates and evidence.

    ``ended_on`` is the day the notice was taken down (exclusive): ``ended_on - started_on`` is the
    number of days it was up; empty while it is still posted.

    Two dates are kept apart: ``started_on`` is when the notice went up, as the officer states it;
    ``recorded_at`` / ``recorded_on`` / ``recorded_by`` are when and by whom it was entered, from the
    service's clock. A ``started_on`` before ``recorded_on`` needs a ``backdating_reason`` and makes the
    posting *self-reported* (tự khai) in the compliance figures.
    """

    disclosure = models.ForeignKey(Disclosure, on_delete=models.CASCADE, related_name="publications")
    version_number = models.PositiveIntegerField(_("Phiên bản"))
    channel = models.CharField(_("Hình thức"), max_length=30, choices=Channel.choices)
    community = models.ForeignKey(
        "units.AdministrativeUnit",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Thôn, tổ dân phố"),
    )
    started_on = models.DateField(_("Ngày bắt đầu"))
    ended_on = models.DateField(_("Ngày gỡ xuống, kết thúc"), null=True, blank=True)
    evidence = models.FileField(_("Minh chứng"), upload_to=_evidence_path, blank=True)
    evidence_kind = models.CharField(_("Loại minh chứng"), max_length=10, blank=True)
    note = models.CharField(_("Ghi chú"), max_length=500, blank=True)
    recorded_at = models.DateTimeField(_("Thời điểm ghi nhận"))
    recorded_on = models.DateField(
        _("Ngày ghi nhận"), help_text=_("Ngày nhập vào hệ thống (giờ Việt Nam), do hệ thống ghi, không ai gõ.")
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    backdating_reason = models.TextField(
        _("Lý do ghi nhận sau ngày niêm yết"),
        blank=True,
        help_text=_("Bắt buộc khi ngày bắt đầu sớm hơn ngày ghi nhận; lần công khai đó được tính là tự khai."),
    )

    class Meta:
        ordering = ["disclosure", "started_on", "pk"]
        verbose_name = _("Lần công khai theo hình thức")
        verbose_name_plural = _("Các lần công khai theo hình thức")
        constraints = [
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gt=models.F("started_on")),
                name="publication_dates_ordered",
            ),
            models.CheckConstraint(
                condition=Q(started_on__lte=models.F("recorded_on")),
                name="publication_not_started_after_entry",
            ),
            # Issue 9 item 7: a posting dated before its entry rests on the officer's word and says why.
            models.CheckConstraint(
                condition=Q(started_on__gte=models.F("recorded_on")) | ~Q(backdating_reason=""),
                name="publication_backdating_has_reason",
            ),
        ]
        indexes = [models.Index(fields=["disclosure", "version_number"], name="publication_version_idx")]

    def __str__(self) -> str:
        return f"{self.disclosure_id} {self.channel} {self.started_on}"

    @property
    def is_self_reported(self) -> bool:
        """Dated before the day it was entered: the claimed date rests on the officer's word (tự khai)."""
        return self.started_on < self.recorded_on

    @property
    def is_up(self) -> bool:
        """Still posted (``rules.POSTING_TRANSITIONS``: it comes down once)."""
        return self.ended_on is None


class RelayTask(models.Model):
    """A village head's task to pass a K7–K12 item on to households (art. 13(4)), with acknowledgement."""

    disclosure = models.ForeignKey(Disclosure, on_delete=models.CASCADE, related_name="relay_tasks")
    version_number = models.PositiveIntegerField(_("Phiên bản"))
    community = models.ForeignKey(
        "units.AdministrativeUnit", on_delete=models.PROTECT, related_name="+", verbose_name=_("Thôn, tổ dân phố")
    )
    assigned_on = models.DateField(_("Ngày giao"))
    acknowledged_at = models.DateTimeField(_("Thời điểm xác nhận"), null=True, blank=True)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    means = models.JSONField(_("Hình thức thông tin đến hộ"), default=list, blank=True)
    households_note = models.TextField(_("Cách thông tin đến các hộ"), blank=True)

    class Meta:
        ordering = ["disclosure", "community__name"]
        verbose_name = _("Việc chuyển thông tin qua Trưởng thôn")
        verbose_name_plural = _("Việc chuyển thông tin qua Trưởng thôn")
        constraints = [
            models.UniqueConstraint(
                fields=["disclosure", "version_number", "community"], name="relay_task_one_per_community"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.disclosure_id} → {self.community_id}"

    @property
    def is_acknowledged(self) -> bool:
        return self.acknowledged_at is not None


class DisclosurePlan(TimeStampedModel):
    """The commune's yearly disclosure plan (kế hoạch công khai): what, how, when, who (art. 14(1))."""

    unit = models.ForeignKey("units.AdministrativeUnit", on_delete=models.PROTECT, related_name="disclosure_plans")
    year = models.PositiveSmallIntegerField(_("Năm"))
    title = models.CharField(_("Tên kế hoạch"), max_length=300)
    adopted_on = models.DateField(_("Ngày ban hành"), null=True, blank=True)

    class Meta:
        ordering = ["unit", "-year"]
        verbose_name = _("Kế hoạch công khai")
        verbose_name_plural = _("Kế hoạch công khai")
        constraints = [models.UniqueConstraint(fields=["unit", "year"], name="disclosure_plan_one_per_year")]

    def __str__(self) -> str:
        return self.title


class DisclosurePlanItem(models.Model):
    """One line of the plan: the content, the channels, the date, the person in charge."""

    plan = models.ForeignKey(DisclosurePlan, on_delete=models.CASCADE, related_name="items")
    category = models.ForeignKey(DisclosureCategory, on_delete=models.PROTECT, related_name="+")
    content = models.CharField(_("Nội dung công khai"), max_length=500)
    channels = models.JSONField(_("Hình thức"), default=list)
    planned_on = models.DateField(_("Thời điểm công khai"))
    owner = models.CharField(_("Người, bộ phận thực hiện"), max_length=200)

    class Meta:
        ordering = ["plan", "planned_on", "pk"]
        verbose_name = _("Dòng kế hoạch công khai")
        verbose_name_plural = _("Dòng kế hoạch công khai")

    def __str__(self) -> str:
        return self.content

    @property
    def channel_labels(self) -> list[str]:
        """The planned channels in words (the row stores their codes)."""
        labels = dict(Channel.choices)
        return [str(labels.get(code, code)) for code in self.channels]


class InformationRequest(TimeStampedModel):
    """A citizen's request for information that should have been disclosed (art. 14(2); TCTT art. 29)."""

    unit = models.ForeignKey("units.AdministrativeUnit", on_delete=models.PROTECT, related_name="information_requests")
    requester_name = models.CharField(_("Người yêu cầu"), max_length=200)
    requester_contact = models.CharField(_("Địa chỉ, số điện thoại liên hệ"), max_length=300)
    subject = models.TextField(_("Thông tin yêu cầu"))
    category = models.ForeignKey(
        DisclosureCategory,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Nội dung"),
    )
    received_on = models.DateField(_("Ngày tiếp nhận"))
    due_on = models.DateField(_("Hạn trả lời"))
    extended_due_on = models.DateField(_("Hạn sau gia hạn"), null=True, blank=True)
    extension_reason = models.TextField(_("Lý do gia hạn"), blank=True)
    status = models.CharField(
        _("Trạng thái"),
        max_length=10,
        choices=InformationRequestStatus.choices,
        default=InformationRequestStatus.RECEIVED,
    )
    answered_on = models.DateField(_("Ngày trả lời"), null=True, blank=True)
    answer = models.TextField(_("Nội dung trả lời"), blank=True)
    answer_attachment = models.FileField(_("Tệp trả lời"), upload_to=_answer_path, blank=True)
    answer_attachment_name = models.CharField(_("Tên tệp trả lời"), max_length=255, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["unit", "-received_on", "-pk"]
        verbose_name = _("Yêu cầu cung cấp thông tin")
        verbose_name_plural = _("Yêu cầu cung cấp thông tin")
        constraints = [
            models.CheckConstraint(
                condition=Q(extended_due_on__isnull=True) | Q(extended_due_on__gt=models.F("due_on")),
                name="information_request_extension_later",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.requester_name}: {self.subject[:40]}"

    @property
    def current_due_on(self) -> dt.date:
        return self.extended_due_on or self.due_on

    # What the transition table allows now (``rules.REQUEST_TRANSITIONS``): templates ask these.

    @property
    def is_answered(self) -> bool:
        return self.status == InformationRequestStatus.ANSWERED

    @property
    def is_open(self) -> bool:
        """Still waiting for its answer."""
        from grassroots.disclosures import rules

        return rules.information_request_is_open(self.status)

    @property
    def can_answer(self) -> bool:
        from grassroots.disclosures import rules

        return bool(rules.check_request_transition(self.status, rules.RequestAction.ANSWER))

    @property
    def can_extend(self) -> bool:
        """An extension may still be asked for today (one only, before the first deadline passes)."""
        from grassroots.core import clock
        from grassroots.disclosures import rules

        return bool(
            rules.check_information_request_extension(
                status=self.status,
                extensions_used=1 if self.extended_due_on else 0,
                reason=None,
                due_on=self.due_on,
                today=clock.today(),
            )
        )
