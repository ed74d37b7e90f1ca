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


class RoleMembership(models.Model):
    """A role held in one unit (administrative unit or community) or organisation, between two dates."""

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
        indexes = [models.Index(fields=["user", "valid_from", "valid_until"], name="membership_user_dates_idx")]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()} — {self.unit}"
