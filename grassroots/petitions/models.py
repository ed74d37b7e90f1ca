"""Cases from citizens: feedback, petitions, complaints, denunciations (phản ánh, kiến nghị, khiếu nại, tố cáo).

Law 10/2022/QH15 arts 9, 34–35; Law on Citizen Reception 42/2013 art. 28; Law on Complaints 02/2011;
Law on Denunciations 25/2018 (law.md §1(e), §4.1, §4.2).
"""

from __future__ import annotations

from typing import Any, NoReturn

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from grassroots.core.models import TimeStampedModel


class CaseKind(models.TextChoices):
    """The four kinds, each with its own procedure and clocks (law.md §4.2)."""

    FEEDBACK = "feedback", _("Phản ánh")
    PETITION = "petition", _("Kiến nghị")
    COMPLAINT = "complaint", _("Khiếu nại")
    DENUNCIATION = "denunciation", _("Tố cáo")


class CaseStatus(models.TextChoices):
    RECEIVED = "received", _("Đã tiếp nhận")
    ACKNOWLEDGED = "acknowledged", _("Đã thông báo thụ lý")
    ASSIGNED = "assigned", _("Đã giao xử lý")
    IN_PROGRESS = "in_progress", _("Đang xử lý")
    ANSWERED = "answered", _("Đã trả lời")
    CLOSED = "closed", _("Đã kết thúc")
    REFUSED = "refused", _("Không thụ lý")
    FORWARDED = "forwarded", _("Đã chuyển cơ quan có thẩm quyền")
    WITHDRAWN = "withdrawn", _("Đã rút")
    REOPENED = "reopened", _("Mở lại")


class CaseChannel(models.TextChoices):
    """How the case reached the commune (law.md §1(e): directly or through the boards and the Front)."""

    ONLINE = "online", _("Trực tuyến")
    IN_PERSON = "in_person", _("Trực tiếp")
    PHONE = "phone", _("Điện thoại")
    LETTER = "letter", _("Đơn, thư")
    HOTLINE = "hotline", _("Đường dây nóng")
    RECEPTION = "reception", _("Buổi tiếp công dân")
    INSPECTION_BOARD = "inspection_board", _("Ban Thanh tra nhân dân chuyển đến")
    FRONT = "front", _("Mặt trận Tổ quốc chuyển đến")
    OPEN311 = "open311", _("Ứng dụng Open311")


class Acknowledgement(models.TextChoices):
    """The four answers of Law on Citizen Reception art. 28(1) (law.md §4.1)."""

    ACCEPTED = "accepted", _("Thụ lý giải quyết")
    MORE_TIME = "more_time", _("Cần thêm thời gian để thụ lý")
    REFUSED = "refused", _("Không thụ lý, có nêu lý do")
    FORWARDED = "forwarded", _("Chuyển cơ quan có thẩm quyền")


class Complexity(models.TextChoices):
    NORMAL = "normal", _("Thông thường")
    COMPLEX = "complex", _("Phức tạp")
    ESPECIALLY_COMPLEX = "especially_complex", _("Đặc biệt phức tạp")


class PauseReason(models.TextChoices):
    """The only reasons a clock may stop (``rules.LAWFUL_PAUSE_REASONS`` says which kind allows which)."""

    OBJECTIVE_OBSTACLE = "objective_obstacle", _("Ốm đau, thiên tai, địch họa hoặc trở ngại khách quan khác")
    SUSPENDED_AWAITING_OTHER_AUTHORITY = (
        "suspended_awaiting_other_authority",
        _("Tạm đình chỉ: chờ kết quả của cơ quan, tổ chức khác"),
    )
    AWAITING_CITIZEN_SUPPLEMENT = "awaiting_citizen_supplement", _("Chờ người gửi bổ sung thông tin")


def _attachment_path(instance: CaseAttachment, filename: str) -> str:
    return f"petitions/{instance.case_id}/{filename}"


class Case(TimeStampedModel):
    """A feedback, petition, complaint or denunciation (vụ việc) received by a commune.

    Holds no name, phone or address of the person behind it: those live in ``CaseIdentity``, read only through
    ``services.identity_reveal`` (masked and logged). Due dates are computed by ``selectors.case_clocks``.
    """

    unit = models.ForeignKey(
        "units.AdministrativeUnit", verbose_name=_("Xã, phường"), on_delete=models.PROTECT, related_name="+"
    )
    community = models.ForeignKey(
        "units.AdministrativeUnit",
        verbose_name=_("Thôn, tổ dân phố"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    kind = models.CharField(_("Loại"), max_length=20, choices=CaseKind.choices)
    channel = models.CharField(_("Hình thức tiếp nhận"), max_length=20, choices=CaseChannel.choices)
    status = models.CharField(_("Trạng thái"), max_length=20, choices=CaseStatus.choices, default=CaseStatus.RECEIVED)
    title = models.CharField(_("Tiêu đề"), max_length=200)
    content = models.TextField(_("Nội dung"))
    location_address = models.CharField(_("Địa điểm (địa chỉ)"), max_length=300, blank=True)
    latitude = models.DecimalField(_("Vĩ độ"), max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(_("Kinh độ"), max_digits=9, decimal_places=6, null=True, blank=True)
    is_public = models.BooleanField(_("Công khai trên cổng thông tin"), default=False)
    confidentiality_requested = models.BooleanField(_("Đề nghị giữ bí mật thông tin cá nhân"), default=False)
    is_confidential = models.BooleanField(_("Giữ bí mật người gửi"), default=False)
    received_on = models.DateField(_("Ngày tiếp nhận"))
    act_known_on = models.DateField(_("Ngày biết được quyết định, hành vi bị khiếu nại"), null=True, blank=True)
    filing_obstacle_days = models.PositiveSmallIntegerField(
        _("Số ngày có trở ngại khách quan không tính vào thời hiệu"), default=0
    )
    filing_obstacle_reason = models.TextField(_("Lý do trở ngại (ốm đau, thiên tai, địch họa…)"), blank=True)
    filed_late = models.BooleanField(_("Quá thời hiệu khiếu nại"), default=False)
    complexity = models.CharField(_("Mức độ phức tạp"), max_length=20, choices=Complexity.choices, default="normal")
    remote_area = models.BooleanField(_("Xã vùng sâu, vùng xa"), default=False)
    several_places = models.BooleanField(_("Cần kiểm tra, xác minh ở nhiều nơi"), default=False)
    acknowledgement = models.CharField(_("Thông báo"), max_length=20, choices=Acknowledgement.choices, blank=True)
    acknowledged_on = models.DateField(_("Ngày thông báo"), null=True, blank=True)
    acknowledgement_note = models.TextField(_("Lý do, nơi chuyển đến"), blank=True)
    accepted_on = models.DateField(_("Ngày thụ lý"), null=True, blank=True)
    handler = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Người được giao xử lý"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    answer = models.TextField(_("Nội dung trả lời"), blank=True)
    answered_on = models.DateField(_("Ngày trả lời"), null=True, blank=True)
    closed_on = models.DateField(_("Ngày kết thúc"), null=True, blank=True)
    reopened_on = models.DateField(_("Ngày mở lại"), null=True, blank=True)
    satisfaction = models.PositiveSmallIntegerField(_("Mức độ hài lòng"), null=True, blank=True)
    rated_on = models.DateField(_("Ngày đánh giá"), null=True, blank=True)
    satisfaction_comment = models.TextField(_("Ý kiến của người gửi về cách giải quyết"), blank=True)
    is_open = models.GeneratedField(
        # The statuses of ``rules.OPEN_STATUSES`` (spelled out: models do not import rules); computed by the
        # database from ``status``, so no service can let it drift.
        expression=models.Case(
            models.When(
                status__in=["received", "acknowledged", "assigned", "in_progress", "reopened"],
                then=models.Value(True),
            ),
            default=models.Value(False),
        ),
        output_field=models.BooleanField(),
        db_persist=True,
    )

    class Meta:
        verbose_name = _("Vụ việc")
        verbose_name_plural = _("Vụ việc")
        ordering = ["-received_on", "-pk"]
        indexes = [
            models.Index(fields=["unit", "status", "received_on"], name="petitions_case_unit_status"),
            # The officer's list pages by (received_on, id) within a commune (keyset, both directions).
            models.Index(fields=["unit", "received_on", "id"], name="petitions_case_unit_received"),
            # The same over open cases only (the default list and the overdue scan), on the generated
            # ``is_open`` column: an equality the planner can match (a partial index on ``status IN (…)`` is not
            # used by SQLite when the values come as bound parameters).
            models.Index(fields=["unit", "is_open", "received_on", "id"], name="petitions_case_open_received"),
        ]
        constraints = [
            # Never map-only: a point on a map comes with an address people can read (issue 14).
            models.CheckConstraint(
                condition=(Q(latitude__isnull=True) & Q(longitude__isnull=True)) | ~Q(location_address=""),
                name="petitions_case_location_has_address",
            ),
            models.CheckConstraint(
                condition=~Q(kind=CaseKind.DENUNCIATION) | Q(is_confidential=True),
                name="petitions_case_denouncer_confidential",
            ),
            models.CheckConstraint(
                condition=Q(is_public=False) | Q(kind__in=[CaseKind.FEEDBACK, CaseKind.PETITION]),
                name="petitions_case_public_only_feedback",
            ),
            models.CheckConstraint(
                condition=Q(filing_obstacle_days=0) | ~Q(filing_obstacle_reason=""),
                name="petitions_case_obstacle_has_reason",
            ),
            models.CheckConstraint(
                condition=Q(filed_late=False) | Q(kind=CaseKind.COMPLAINT),
                name="petitions_case_only_complaints_filed_late",
            ),
            models.CheckConstraint(
                condition=Q(satisfaction__isnull=True) | Q(satisfaction__gte=1, satisfaction__lte=5),
                name="petitions_case_satisfaction_1_to_5",
            ),
        ]

    def __str__(self) -> str:
        return f"#{self.pk} {self.title}"

    @property
    def is_answered(self) -> bool:
        return self.status in (CaseStatus.ANSWERED, CaseStatus.CLOSED)

    @property
    def map_url(self) -> str:
        """The link that opens the case's point on a public map (``rules.map_link``), or ``""``."""
        from grassroots.petitions.rules import map_link  # rules import models: read late, not at module load

        return map_link(self.latitude, self.longitude)


class CaseIdentity(models.Model):
    """Who is behind a case (thông tin người gửi): masked unless ``rules.may_see_identity`` allows it."""

    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="identity")
    full_name = models.CharField(_("Họ và tên"), max_length=200)
    phone = models.CharField(_("Số điện thoại"), max_length=30, blank=True)
    address = models.CharField(_("Địa chỉ"), max_length=300, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )

    class Meta:
        verbose_name = _("Thông tin người gửi")
        verbose_name_plural = _("Thông tin người gửi")

    def __str__(self) -> str:
        return f"#{self.case_id}"


class IdentityAccess(models.Model):
    """One look at a confidential identity (nhật ký xem thông tin người gửi): append-only."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="identity_accesses")
    viewer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    viewed_at = models.DateTimeField(_("Thời điểm xem"))
    place = models.CharField(_("Trang"), max_length=100)

    class Meta:
        verbose_name = _("Lần xem thông tin người gửi")
        verbose_name_plural = _("Nhật ký xem thông tin người gửi")
        ordering = ["-viewed_at", "-pk"]

    def __str__(self) -> str:
        return f"#{self.case_id} {self.viewer_id} {self.viewed_at:%Y-%m-%d %H:%M}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise IdentityAccessImmutable("identity access rows cannot be changed")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise IdentityAccessImmutable("identity access rows cannot be deleted")


class IdentityAccessImmutable(Exception):
    """Raised when code tries to change or remove a row of the identity access log."""


class CaseAttachment(models.Model):
    """A photo sent with a case (ảnh kèm theo)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to=_attachment_path)
    original_name = models.CharField(_("Tên tệp"), max_length=255)
    content_type = models.CharField(max_length=50)
    size = models.PositiveIntegerField()

    class Meta:
        verbose_name = _("Ảnh kèm theo")
        verbose_name_plural = _("Ảnh kèm theo")

    def __str__(self) -> str:
        return self.original_name


class CaseAssignment(models.Model):
    """Who was given the case, by whom and why (giao, giao lại xử lý)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="assignments")
    handler = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    assigned_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    assigned_at = models.DateTimeField()
    reason = models.TextField(_("Lý do giao lại"), blank=True)

    class Meta:
        ordering = ["assigned_at", "pk"]

    def __str__(self) -> str:
        return f"#{self.case_id} → {self.handler_id}"


class CaseExtension(models.Model):
    """A written decision extending a denunciation's resolution (gia hạn), Law on Denunciations art. 30; its number is
    the issued document's (``document``)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="extensions")
    days = models.PositiveSmallIntegerField(_("Số ngày gia hạn"))
    decided_on = models.DateField(_("Ngày quyết định"))
    decision_number = models.CharField(_("Số quyết định"), max_length=50)
    reason = models.TextField(_("Lý do"))
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    document = models.OneToOneField(
        "documents.Document",
        verbose_name=_("Quyết định gia hạn"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    """The decision as issued through ``documents.document_issue`` (empty only for extensions recorded before)."""

    class Meta:
        ordering = ["decided_on", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(days__gte=1, days__lte=30), name="petitions_extension_1_to_30_days")
        ]

    def __str__(self) -> str:
        return f"#{self.case_id} +{self.days}"


class CasePause(models.Model):
    """A recorded, lawful stop of a case's resolution clock (tạm dừng tính thời hạn)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="pauses")
    reason = models.CharField(_("Lý do"), max_length=50, choices=PauseReason.choices)
    note = models.TextField(_("Ghi chú"), blank=True)
    paused_on = models.DateField(_("Từ ngày"))
    resumed_on = models.DateField(_("Tính tiếp từ ngày"), null=True, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["paused_on", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["case"], condition=Q(resumed_on__isnull=True), name="petitions_one_open_pause_per_case"
            ),
            models.CheckConstraint(
                condition=Q(resumed_on__isnull=True) | Q(resumed_on__gt=F("paused_on")),
                name="petitions_pause_resumes_after_it_starts",
            ),
        ]

    def __str__(self) -> str:
        return f"#{self.case_id} {self.paused_on}"


class RoutingRule(models.Model):
    """A commune's rule for routing new cases to a handler (quy tắc phân công tự động): by kind and/or community.

    The most specific active rule wins (kind and community, then kind, then community, then any); among equals,
    the oldest. Ended rules stay for the history of who was routed why.
    """

    unit = models.ForeignKey(
        "units.AdministrativeUnit", verbose_name=_("Xã, phường"), on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(_("Loại"), max_length=20, choices=CaseKind.choices, blank=True)
    community = models.ForeignKey(
        "units.AdministrativeUnit",
        verbose_name=_("Thôn, tổ dân phố"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    handler = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("Người xử lý"), on_delete=models.PROTECT, related_name="+"
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField()
    ended_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("Quy tắc phân công")
        verbose_name_plural = _("Quy tắc phân công")
        ordering = ["unit", "pk"]

    def __str__(self) -> str:
        return f"{self.unit_id} {self.kind or '*'} {self.community_id or '*'} → {self.handler_id}"


class ReminderStep(models.TextChoices):
    """Which due date a reminder is about."""

    DUE_SOON = "due_soon", _("Sắp đến hạn")
    OVERDUE = "overdue", _("Quá hạn")


class CaseReminder(models.Model):
    """One reminder of a case's current due date (nhắc hạn), written once per case, due date and step: running the
    job twice sends nothing twice. Delivery (notifications, issue 19) reads the rows with ``delivered_at`` empty."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="reminders")
    step = models.CharField(max_length=20, choices=ReminderStep.choices)
    due_on = models.DateField()
    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField()
    delivered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["case", "step", "due_on", "recipient"], name="petitions_one_reminder_per_due_date"
            )
        ]

    def __str__(self) -> str:
        return f"#{self.case_id} {self.step} {self.due_on}"


class PaperKind(models.TextChoices):
    """The official papers of a case, each issued through ``documents.document_issue``."""

    ACKNOWLEDGEMENT = "acknowledgement", _("Thông báo kết quả tiếp nhận")
    DECISION = "decision", _("Quyết định giải quyết")
    ANSWER = "answer", _("Văn bản trả lời")


class CasePaper(models.Model):
    """An official paper issued for a case (văn bản của vụ việc)."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="papers")
    kind = models.CharField(_("Loại văn bản"), max_length=20, choices=PaperKind.choices)
    document = models.OneToOneField("documents.Document", on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"#{self.case_id} {self.kind}"


class CaseTarget(models.Model):
    """A commune's own targets (chỉ tiêu): the share of cases resolved on time, and the resolution target of feedback
    and petitions in working days (no statutory limit exists, law.md §4.2)."""

    unit = models.OneToOneField(
        "units.AdministrativeUnit", verbose_name=_("Xã, phường"), on_delete=models.PROTECT, related_name="+"
    )
    on_time_percent = models.PositiveSmallIntegerField(_("Tỉ lệ giải quyết đúng hạn (phần trăm)"))
    resolution_working_days = models.PositiveSmallIntegerField(_("Hạn giải quyết phản ánh, kiến nghị (ngày làm việc)"))
    set_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    set_at = models.DateTimeField()

    class Meta:
        verbose_name = _("Chỉ tiêu giải quyết")
        verbose_name_plural = _("Chỉ tiêu giải quyết")
        constraints = [
            models.CheckConstraint(
                condition=Q(on_time_percent__gte=1, on_time_percent__lte=100), name="petitions_target_percent"
            ),
            models.CheckConstraint(
                condition=Q(resolution_working_days__gte=1, resolution_working_days__lte=90),
                name="petitions_target_days",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.unit_id} {self.on_time_percent}%"


class CommuneService(models.TextChoices):
    """The commune's administrative procedures a resident can rate (thủ tục hành chính cấp xã), [L] arts 34–35:
    a short catalogue of what a commune's one-stop desk (bộ phận một cửa) returns most often."""

    CIVIL_REGISTRATION = "civil_registration", _("Hộ tịch: khai sinh, kết hôn, khai tử")
    RESIDENCE = "residence", _("Cư trú: đăng ký, xác nhận thông tin cư trú")
    AUTHENTICATION = "authentication", _("Chứng thực bản sao, chữ ký, hợp đồng")
    LAND = "land", _("Đất đai: đăng ký, xác nhận, hòa giải tranh chấp")
    SOCIAL_PROTECTION = "social_protection", _("Bảo trợ xã hội, người có công")
    HOUSEHOLD_BUSINESS = "household_business", _("Đăng ký hộ kinh doanh")
    OTHER = "other", _("Thủ tục khác")


class ServiceUse(models.Model):
    """One procedure a resident received from the commune (lượt giải quyết thủ tục hành chính), recorded by the desk
    when it hands over the result; the resident may then rate it once (``ServiceRating``)."""

    unit = models.ForeignKey(
        "units.AdministrativeUnit", verbose_name=_("Xã, phường"), on_delete=models.PROTECT, related_name="+"
    )
    service = models.CharField(_("Thủ tục"), max_length=30, choices=CommuneService.choices)
    resident = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Người dân"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    """Empty only after the resident's account was erased (privacy): the use and its rating stay in the counts."""
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Cán bộ giải quyết"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    received_on = models.DateField(_("Ngày trả kết quả"))
    reference = models.CharField(_("Số biên nhận hồ sơ"), max_length=50, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField()

    class Meta:
        verbose_name = _("Lượt giải quyết thủ tục")
        verbose_name_plural = _("Lượt giải quyết thủ tục")
        ordering = ["-received_on", "-pk"]
        indexes = [models.Index(fields=["unit", "service"], name="petitions_serviceuse_unit")]

    def __str__(self) -> str:
        return f"#{self.pk} {self.service} {self.received_on}"


class ServiceRating(models.Model):
    """A resident's rating of one procedure they received and, optionally, of the officer who handled it (đánh giá
    mức độ hài lòng), [L] art. 35. One per use, held by the database: the same account on two phones cannot rate
    twice. Aggregates never show who rated."""

    use = models.OneToOneField(ServiceUse, on_delete=models.PROTECT, related_name="rating")
    service_score = models.PositiveSmallIntegerField(_("Mức độ hài lòng với thủ tục"))
    officer_score = models.PositiveSmallIntegerField(_("Mức độ hài lòng với cán bộ"), null=True, blank=True)
    comment = models.TextField(_("Ý kiến"), blank=True)
    rated_at = models.DateTimeField(_("Thời điểm đánh giá"))

    class Meta:
        verbose_name = _("Đánh giá thủ tục")
        verbose_name_plural = _("Đánh giá thủ tục")
        constraints = [
            models.CheckConstraint(
                condition=Q(service_score__gte=1, service_score__lte=5), name="petitions_service_score_1_to_5"
            ),
            models.CheckConstraint(
                condition=Q(officer_score__isnull=True) | Q(officer_score__gte=1, officer_score__lte=5),
                name="petitions_officer_score_1_to_5",
            ),
        ]

    def __str__(self) -> str:
        return f"#{self.use_id} {self.service_score}"
