"""API tokens: the key a staff member's program sends as ``Authorization: Bearer <token>``."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ApiToken(models.Model):
    """Khoá API: only the SHA-256 of the token is stored; the token itself is shown once, when made."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    name = models.CharField(_("Tên gợi nhớ"), max_length=100)
    prefix = models.CharField(_("Tiền tố"), max_length=8)
    key_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(_("Tạo lúc"))
    last_used_at = models.DateTimeField(_("Dùng lần cuối"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("Thu hồi lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("khoá API")
        verbose_name_plural = _("khoá API")

    def __str__(self) -> str:
        return f"{self.prefix}… ({self.name})"
