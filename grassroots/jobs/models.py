"""One row per run of a periodic job: when it ran, what it changed, whether it failed."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class JobRun(models.Model):
    """Lần chạy công việc định kỳ: the record ``run_jobs`` keeps so a daily job runs once a day and
    an operator can see that cron is alive (the admin lists them)."""

    name = models.CharField(_("Công việc"), max_length=100)
    day = models.DateField(_("Ngày (giờ Việt Nam)"))
    started_at = models.DateTimeField(_("Bắt đầu"))
    finished_at = models.DateTimeField(_("Kết thúc"), null=True, blank=True)
    changed = models.PositiveIntegerField(_("Số bản ghi thay đổi"), default=0)
    attempts = models.PositiveSmallIntegerField(_("Số lần thử"), default=1)
    succeeded = models.BooleanField(_("Thành công"), default=False)
    error = models.TextField(_("Lỗi"), blank=True)

    class Meta:
        verbose_name = _("lần chạy công việc định kỳ")
        verbose_name_plural = _("các lần chạy công việc định kỳ")
        ordering = ["-started_at", "-pk"]
        indexes = [models.Index(fields=["name", "day"], name="jobs_run_name_day")]

    def __str__(self) -> str:
        return f"{self.name} {self.started_at:%Y-%m-%d %H:%M}"
