"""Accounts: users (tài khoản), role memberships scoped to a unit, and login throttles."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    """A person who logs in (tài khoản người dùng): by username or phone number.

    ``phone`` is stored in one normalised form (``0912345678``, see ``rules.normalise_phone``), so
    ``+84 912 345 678``, ``84912345678`` and ``0912.345.678`` all find the same account.
    """

    full_name = models.CharField(_("Họ và tên"), max_length=200, blank=True)
    phone = models.CharField(_("Số điện thoại"), max_length=20, null=True, blank=True, unique=True)
    must_change_password = models.BooleanField(
        _("Phải đổi mật khẩu khi đăng nhập"),
        default=False,
        help_text=_("Bật sau khi cán bộ đặt lại mật khẩu: người dùng phải đổi mật khẩu ở lần đăng nhập tới."),
    )

    class Meta:
        verbose_name = _("Tài khoản")
        verbose_name_plural = _("Tài khoản")

    def __str__(self) -> str:
        return self.full_name or self.username

    def clean(self) -> None:
        super().clean()
        if self.phone is not None and self.phone.strip():
            from grassroots.accounts.rules import normalise_phone

            normalised = normalise_phone(self.phone)
            if normalised is None:
                raise ValidationError(
                    {"phone": _("Số điện thoại không hợp lệ. Ví dụ đúng: 0912 345 678 hoặc +84 912 345 678.")}
                )
            # Before validate_unique, so "+84 912…" is caught as a duplicate of "0912…" instead of a crash.
            self.phone = normalised
        elif self.phone is not None:
            self.phone = None

    def save(self, *args: Any, **kwargs: Any) -> None:
        # One stored form per number, or lookups by "+84…" would miss "0…" (and uniqueness would lie).
        if self.phone is not None:
            from grassroots.accounts.rules import normalise_phone  # rules import the Role enum from here

            self.phone = normalise_phone(self.phone) or self.phone.strip() or None
        super().save(*args, **kwargs)


class Role(models.TextChoices):
    """Roles a person holds in a unit, with validity dates (vai trò)."""

    COMMUNE_CHAIR = "commune_chair", _("Chủ tịch UBND xã")
    COMMUNE_VICE_CHAIR = "commune_vice_chair", _("Phó Chủ tịch UBND xã")
    COMMUNE_OFFICER = "commune_officer", _("Cán bộ, công chức xã")
    VILLAGE_HEAD = "village_head", _("Trưởng thôn, Tổ trưởng tổ dân phố")
    INTERIM_VILLAGE_HEAD = "interim_village_head", _("Trưởng thôn, Tổ trưởng tổ dân phố lâm thời")
    FRONT_CHAIR = "front_chair", _("Chủ tịch Ủy ban MTTQ Việt Nam xã")
    FRONT_WORK_COMMITTEE_HEAD = "front_work_committee_head", _("Trưởng Ban công tác Mặt trận ở thôn")
    INSPECTION_BOARD_MEMBER = "inspection_board_member", _("Thành viên Ban Thanh tra nhân dân")
    HOUSEHOLD_REPRESENTATIVE = "household_representative", _("Đại diện hộ gia đình")
    RESIDENT = "resident", _("Người dân")
    AGENCY_HEAD = "agency_head", _("Người đứng đầu cơ quan, đơn vị, doanh nghiệp")
    UNION_CHAIR = "union_chair", _("Chủ tịch Công đoàn")
    STAFF_MEMBER = "staff_member", _("Cán bộ, công chức, viên chức, người lao động")
    PROVINCIAL_OFFICER = "provincial_officer", _("Công chức Sở Nội vụ")


class RoleMembershipQuerySet(models.QuerySet["RoleMembership"]):
    def active_on(self, day: dt.date) -> RoleMembershipQuerySet:
        """Memberships in force on ``day``: ``valid_from <= day < valid_until`` (the end date is exclusive)."""
        return self.filter(Q(valid_until__isnull=True) | Q(valid_until__gt=day), valid_from__lte=day)


class RoleMembership(models.Model):
    """A role held in one unit (administrative unit or community) or organisation, between two dates.

    Written only by ``services.membership_grant`` / ``membership_end``; ``valid_until`` is the first
    day the role no longer applies.
    """

    user = models.ForeignKey(User, verbose_name=_("Tài khoản"), on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("Vai trò"), max_length=40, choices=Role.choices, db_index=True)
    unit = models.ForeignKey(
        "units.AdministrativeUnit", verbose_name=_("Đơn vị"), on_delete=models.PROTECT, related_name="memberships"
    )
    organisation = models.ForeignKey(
        "units.Organisation",
        verbose_name=_("Cơ quan, đơn vị"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="memberships",
    )
    valid_from = models.DateField(_("Từ ngày"))
    valid_until = models.DateField(_("Đến hết ngày trước"), null=True, blank=True)

    objects = RoleMembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("Vai trò")
        verbose_name_plural = _("Vai trò")
        ordering = ["user", "role"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(valid_until__isnull=True) | models.Q(valid_until__gt=models.F("valid_from")),
                name="membership_validity_ordered",
            ),
        ]
        indexes = [
            models.Index(fields=["user", "valid_from", "valid_until"], name="membership_user_dates_idx"),
            models.Index(fields=["unit", "role"], name="membership_unit_role_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()} — {self.unit}"

    def is_active_on(self, day: dt.date) -> bool:
        return self.valid_from <= day and (self.valid_until is None or day < self.valid_until)


class ThrottleScope(models.TextChoices):
    ACCOUNT = "account", _("Tài khoản")
    ADDRESS = "address", _("Địa chỉ IP")


class LoginThrottle(models.Model):
    """Consecutive failed logins for one account or one client address (đếm đăng nhập sai).

    One row per (scope, key); services lock it with ``select_for_update`` before counting so two
    simultaneous wrong guesses cannot both read the same count.
    """

    scope = models.CharField(_("Phạm vi"), max_length=10, choices=ThrottleScope.choices)
    key = models.CharField(_("Khóa"), max_length=100)
    failure_count = models.PositiveIntegerField(_("Số lần sai liên tiếp"), default=0)
    last_failure_at = models.DateTimeField(_("Lần sai gần nhất"), null=True, blank=True)
    locked_until = models.DateTimeField(_("Khóa đến"), null=True, blank=True)

    class Meta:
        verbose_name = _("Đếm đăng nhập sai")
        verbose_name_plural = _("Đếm đăng nhập sai")
        constraints = [models.UniqueConstraint(fields=["scope", "key"], name="login_throttle_unique_key")]

    def __str__(self) -> str:
        return f"{self.scope}:{self.key} ({self.failure_count})"
