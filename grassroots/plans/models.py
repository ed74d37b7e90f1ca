"""Plans, tasks and reports on grassroots democracy (kế hoạch, nhiệm vụ, báo cáo thực hiện dân chủ ở cơ sở).

A province issues a plan, each commune derives its own from it (a derived task keeps a link to the task it
implements), tasks are tracked, and every unit reports every 6 months and every year (law.md §5, §4.5).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from grassroots.core.models import TimeStampedModel


class PlanStatus(models.TextChoices):
    DRAFT = "draft", _("Dự thảo, đang rà soát")
    ISSUED = "issued", _("Đã ban hành")
    CANCELLED = "cancelled", _("Đã hủy")


class TaskStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Chưa triển khai")
    IN_PROGRESS = "in_progress", _("Đang thực hiện")
    DONE = "done", _("Đã hoàn thành")
    CANCELLED = "cancelled", _("Không thực hiện")


class ReportPeriod(models.TextChoices):
    SEMIANNUAL = "semiannual", _("Báo cáo 6 tháng")
    ANNUAL = "annual", _("Báo cáo năm")
    OTHER = "other", _("Báo cáo đột xuất, khác")


class ReportStatus(models.TextChoices):
    DRAFT = "draft", _("Đang soạn")
    SUBMITTED = "submitted", _("Đã gửi, chờ xem xét")
    RETURNED = "returned", _("Bị trả lại để sửa")
    ACCEPTED = "accepted", _("Đã tiếp nhận")


class Plan(TimeStampedModel):
    """A plan (kế hoạch) of one unit; ``parent`` is the plan of the level above it implements."""

    unit = models.ForeignKey("units.AdministrativeUnit", on_delete=models.PROTECT, related_name="plans")
    parent = models.ForeignKey("self", on_delete=models.PROTECT, null=True, blank=True, related_name="derived")
    status = models.CharField(max_length=16, choices=PlanStatus.choices, default=PlanStatus.DRAFT)
    document_type = models.CharField(_("loại văn bản"), max_length=8, default="KH")
    number = models.CharField(_("số, ký hiệu"), max_length=64, blank=True)
    issuer = models.CharField(_("cơ quan ban hành"), max_length=200, blank=True)
    place = models.CharField(_("địa danh"), max_length=100, blank=True)
    issued_year = models.PositiveSmallIntegerField(_("năm ban hành"), null=True, blank=True)
    issued_month = models.PositiveSmallIntegerField(_("tháng ban hành"), null=True, blank=True)
    issued_day = models.PositiveSmallIntegerField(_("ngày ban hành"), null=True, blank=True)
    title = models.CharField(_("trích yếu"), max_length=500)
    year = models.PositiveSmallIntegerField(_("năm kế hoạch"))
    legal_references = models.JSONField(default=list, blank=True)
    recipients = models.JSONField(default=list, blank=True)
    signer_authority = models.CharField(max_length=100, blank=True)
    signer_position = models.CharField(max_length=100, blank=True)
    signer_name = models.CharField(max_length=100, blank=True)
    source_name = models.CharField(_("tệp nhập"), max_length=200, blank=True)
    cancel_reason = models.TextField(_("lý do hủy"), blank=True)
    """Why the plan was cancelled (``services.plan_cancel``); empty for a plan that was not."""
    document = models.ForeignKey(
        "documents.Document", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    """Who imported or derived it; empty for the draft the yearly job opens (``services.plan_draft_yearly``)."""

    class Meta:
        ordering = ("-year", "-pk")
        constraints = [
            models.CheckConstraint(condition=~Q(parent=models.F("pk")), name="plans_plan_not_own_parent"),
        ]

    def __str__(self) -> str:
        return f"{self.number or _('Kế hoạch')} {self.title}"


class PlanItem(models.Model):
    """A section (mục I, II …) or a task (nhiệm vụ) of a plan; ``implements`` is the upper plan's task."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="items")
    parent = models.ForeignKey("self", on_delete=models.CASCADE, null=True, blank=True, related_name="children")
    implements = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="implemented_by"
    )
    position = models.PositiveIntegerField(default=0)
    depth = models.PositiveSmallIntegerField(default=0)
    ref = models.CharField(max_length=16, blank=True)
    title = models.TextField()
    text = models.TextField(blank=True)
    lead = models.JSONField(default=list, blank=True)
    coordinating = models.JSONField(default=list, blank=True)
    schedule = models.CharField(_("thời gian thực hiện"), max_length=300, blank=True)
    due_on = models.DateField(_("hạn hoàn thành"), null=True, blank=True)
    targets = models.JSONField(default=list, blank=True)
    status = models.CharField(max_length=16, choices=TaskStatus.choices, default=TaskStatus.NOT_STARTED)

    class Meta:
        ordering = ("plan", "position")
        constraints = [
            models.UniqueConstraint(fields=("plan", "position"), name="plans_item_unique_position"),
        ]

    def __str__(self) -> str:
        return f"{self.ref}. {self.title[:80]}"

    @property
    def is_section(self) -> bool:
        return self.depth == 0


class TaskNote(models.Model):
    """A progress note on a task, with an optional link to the record on the platform that evidences it."""

    item = models.ForeignKey(PlanItem, on_delete=models.CASCADE, related_name="notes")
    text = models.TextField()
    evidence_url = models.CharField(max_length=300, blank=True)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField()

    class Meta:
        ordering = ("created_at", "pk")

    def __str__(self) -> str:
        return self.text[:80]


class ReportDeadline(models.Model):
    """A report due date the plan sets (or a province default, law.md §5)."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="report_deadlines")
    period = models.CharField(max_length=16, choices=ReportPeriod.choices)
    due_on = models.DateField()

    class Meta:
        ordering = ("due_on", "pk")
        constraints = [
            models.UniqueConstraint(fields=("plan", "period", "due_on"), name="plans_deadline_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.get_period_display()} {self.due_on:%d/%m/%Y}"


class PlanReport(TimeStampedModel):
    """A unit's periodic report on grassroots democracy; ``figures`` are computed from the platform's records."""

    unit = models.ForeignKey("units.AdministrativeUnit", on_delete=models.PROTECT, related_name="plan_reports")
    plan = models.ForeignKey(Plan, on_delete=models.PROTECT, null=True, blank=True, related_name="reports")
    period = models.CharField(max_length=16, choices=ReportPeriod.choices)
    year = models.PositiveSmallIntegerField()
    starts_on = models.DateField()
    ends_on = models.DateField()
    due_on = models.DateField()
    status = models.CharField(max_length=16, choices=ReportStatus.choices, default=ReportStatus.DRAFT)
    topic = models.CharField(_("chủ đề báo cáo"), max_length=300, blank=True)
    """What an ad-hoc report (``period="other"``) is about; empty for the periodic reports."""
    figures = models.JSONField(default=dict, blank=True)
    narrative = models.TextField(_("đánh giá chung, khó khăn, kiến nghị"), blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    review_note = models.TextField(blank=True)
    document = models.ForeignKey(
        "documents.Document", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ("-ends_on", "unit")
        constraints = [
            models.UniqueConstraint(
                fields=("unit", "period", "year"),
                condition=~Q(period="other"),
                name="plans_report_one_per_period",
            ),
            models.CheckConstraint(condition=Q(starts_on__lte=models.F("ends_on")), name="plans_report_period"),
        ]

    def __str__(self) -> str:
        if self.period == ReportPeriod.OTHER and self.topic:
            return f"{self.get_period_display()}: {self.topic} – {self.unit}"
        return f"{self.get_period_display()} {self.year} – {self.unit}"
