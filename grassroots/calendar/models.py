"""Calendar models: the staff-editable override table and configurable work weeks."""

from __future__ import annotations

from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from grassroots.core.models import TimeStampedModel


class OverrideKind(models.TextChoices):
    """What an override row does to its day."""

    EXTRA_REST_DAY = "extra_rest_day", _("Ngày nghỉ thêm (nghỉ bù, hoán đổi)")
    EXTRA_WORKING_DAY = "extra_working_day", _("Ngày làm việc thêm (làm bù)")
    HOLIDAY = "holiday", _("Ngày lễ, Tết (bổ sung)")
    NOT_HOLIDAY = "not_holiday", _("Không phải ngày nghỉ (loại bỏ)")


class OverrideScope(models.TextChoices):
    """Who the row applies to: officials only, or every calendar (enterprises too)."""

    PUBLIC = "public", _("Khu vực công (cơ quan, đơn vị hành chính, sự nghiệp)")
    ALL = "all", _("Tất cả (kể cả doanh nghiệp)")


class CalendarOverride(TimeStampedModel):
    """One announced change to the holiday calendar (điều chỉnh lịch nghỉ, hoán đổi ngày làm việc).

    The ``holidays`` package gives the statutory holidays; the Government announces each year which
    days officials swap or rest (Labor Code 2019 arts 111–112; law.md §4.3). Staff record each such
    announcement here with its source document.
    """

    day = models.DateField(_("Ngày"))
    kind = models.CharField(_("Loại điều chỉnh"), max_length=20, choices=OverrideKind.choices)
    scope = models.CharField(
        _("Phạm vi áp dụng"), max_length=10, choices=OverrideScope.choices, default=OverrideScope.PUBLIC
    )
    name = models.CharField(_("Tên gọi"), max_length=200)
    source = models.CharField(
        _("Văn bản căn cứ"),
        max_length=300,
        help_text=_("Ví dụ: Công văn 12729/VPCP-KGVX ngày 25/12/2025."),
    )
    is_uncertain = models.BooleanField(
        _("Chưa được xác nhận"),
        default=False,
        help_text=_("Đánh dấu khi nguồn chưa phải văn bản chính thức; cần kiểm tra lại."),
    )
    note = models.TextField(_("Ghi chú"), blank=True)

    class Meta:
        ordering = ["day", "scope"]
        verbose_name = _("Điều chỉnh lịch nghỉ")
        verbose_name_plural = _("Điều chỉnh lịch nghỉ")
        constraints = [
            models.UniqueConstraint(fields=["day", "scope"], name="calendar_override_one_per_day_scope"),
            models.CheckConstraint(
                condition=models.Q(kind__in=[choice.value for choice in OverrideKind]),
                name="calendar_override_kind_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(scope__in=[choice.value for choice in OverrideScope]),
                name="calendar_override_scope_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.day.isoformat()} {self.get_kind_display()}: {self.name}"

    def snapshot(self) -> dict[str, object]:
        """Plain values for the audit trail."""
        return {
            "day": self.day.isoformat(),
            "kind": self.kind,
            "scope": self.scope,
            "name": self.name,
            "source": self.source,
            "is_uncertain": self.is_uncertain,
            "note": self.note,
        }


rest_weekdays_validator = RegexValidator(
    r"^(?!.*(.).*\1)[0-6]{0,6}$",
    _("Nhập các chữ số 0–6 (0 = Thứ Hai, 6 = Chủ nhật), không lặp lại, tối đa 6 ngày."),
)


class WorkWeek(models.Model):
    """A weekly working pattern (chế độ tuần làm việc), organisation-agnostic.

    The public sector rests Saturday and Sunday (Decision 188/1999/QĐ-TTg art. 1); an employer may
    fix another weekly rest day (Labor Code 2019 art. 111). Other apps (units) can point a
    ``ForeignKey`` at a work week; ``selectors.working_calendar_for_work_week`` turns it into a
    ``WorkingCalendar``.
    """

    name = models.CharField(_("Tên"), max_length=100, unique=True)
    rest_weekdays = models.CharField(
        _("Ngày nghỉ hằng tuần"),
        max_length=6,
        validators=[rest_weekdays_validator],
        help_text=_("Các chữ số 0–6, 0 = Thứ Hai … 6 = Chủ nhật. Ví dụ: 56 = Thứ Bảy và Chủ nhật."),
    )
    follows_public_sector_swaps = models.BooleanField(
        _("Áp dụng lịch hoán đổi của khu vực công"),
        default=False,
        help_text=_("Bật cho cơ quan, đơn vị nhà nước; doanh nghiệp chỉ được khuyến khích áp dụng."),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("Chế độ tuần làm việc")
        verbose_name_plural = _("Chế độ tuần làm việc")

    def __str__(self) -> str:
        return self.name

    @property
    def rest_weekday_tuple(self) -> tuple[int, ...]:
        return tuple(sorted({int(char) for char in self.rest_weekdays}))
