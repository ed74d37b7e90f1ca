"""Citizen initiatives (đề xuất của công dân): a matter put to the community by its households.

Law 10/2022/QH15 art. 16(3) (law.md §1(b) "who proposes a matter").
The models moved here from the ``decisions`` app and keep their tables (``decisions_*``).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from grassroots.core.models import TimeStampedModel
from grassroots.voting.models import CommunityVote, MatterCode


class InitiativeStatus(models.TextChoices):
    COLLECTING = "collecting", _("Đang lấy ý kiến ủng hộ")
    SUBMITTED = "submitted", _("Đã gửi Trưởng thôn")
    ACCEPTED = "accepted", _("Đã đưa ra biểu quyết")
    REJECTED = "rejected", _("Không đủ điều kiện")
    WITHDRAWN = "withdrawn", _("Đã rút")


# ---------------------------------------------------------------------------------------------
# Citizen initiatives (Law art. 16(3))
# ---------------------------------------------------------------------------------------------


class Initiative(TimeStampedModel):
    """A citizens' proposal to put a matter to the community (đề xuất của công dân), Law art. 16(3)."""

    community = models.ForeignKey(
        "units.AdministrativeUnit", verbose_name=_("Thôn, tổ dân phố"), on_delete=models.PROTECT, related_name="+"
    )
    matter = models.CharField(_("Nhóm nội dung"), max_length=2, choices=MatterCode.choices, default=MatterCode.D6)
    title = models.CharField(_("Tiêu đề"), max_length=300)
    description = models.TextField(_("Nội dung đề xuất"))
    initiator = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(
        _("Trạng thái"), max_length=20, choices=InitiativeStatus.choices, default=InitiativeStatus.COLLECTING
    )
    front_approved = models.BooleanField(_("Ban công tác Mặt trận đồng ý"), default=False)
    submitted_on = models.DateField(_("Ngày gửi"), null=True, blank=True)
    decided_on = models.DateField(_("Ngày Trưởng thôn quyết định"), null=True, blank=True)
    decision_note = models.TextField(_("Ý kiến của Trưởng thôn"), blank=True)
    vote = models.OneToOneField(
        CommunityVote, null=True, blank=True, on_delete=models.PROTECT, related_name="initiative"
    )

    class Meta:
        db_table = "decisions_initiative"
        verbose_name = _("Đề xuất của công dân")
        verbose_name_plural = _("Đề xuất của công dân")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.title

    # What templates ask, instead of comparing status strings.
    @property
    def is_collecting(self) -> bool:
        return self.status == InitiativeStatus.COLLECTING

    @property
    def is_submitted(self) -> bool:
        return self.status == InitiativeStatus.SUBMITTED

    @property
    def is_accepted(self) -> bool:
        return self.status == InitiativeStatus.ACCEPTED

    @property
    def is_rejected(self) -> bool:
        return self.status == InitiativeStatus.REJECTED


class InitiativeSignature(models.Model):
    """A household's consent to an initiative; valid 3 months from ``signed_on`` (Law art. 16(3))."""

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="signatures")
    household = models.ForeignKey("units.Household", on_delete=models.PROTECT, related_name="+")
    signed_on = models.DateField(_("Ngày ủng hộ"))
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        db_table = "decisions_initiativesignature"
        verbose_name = _("Hộ ủng hộ")
        verbose_name_plural = _("Hộ ủng hộ")
        constraints = [
            models.UniqueConstraint(fields=["initiative", "household"], name="decisions_one_signature_per_household")
        ]

    def __str__(self) -> str:
        return f"{self.initiative_id}/{self.household_id}"
