"""Accounts: users (tài khoản) and role memberships scoped to a unit."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    """A person who logs in (tài khoản người dùng): by username or phone number."""

    full_name = models.CharField(_("Họ và tên"), max_length=200, blank=True)
    phone = models.CharField(_("Số điện thoại"), max_length=20, null=True, blank=True, unique=True)

    class Meta:
        verbose_name = _("Tài khoản")
        verbose_name_plural = _("Tài khoản")

    def __str__(self) -> str:
        return self.full_name or self.username
