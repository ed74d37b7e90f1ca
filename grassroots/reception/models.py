"""Citizen reception and dialogue conferences (tiếp công dân, hội nghị đối thoại).

Law on Citizen Reception 42/2013 arts 15, 18 as amended by Law 136/2025 (law.md §4.1); Law 10/2022/QH15
art. 32 and the Law on Organisation of Local Government 2025 art. 43 (law.md §1(e)).
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from grassroots.core.models import TimeStampedModel

ONLINE_RECEPTION_FROM = dt.date(2026, 7, 1)
"""Online citizen reception exists as a form of reception from 1 July 2026 (Law 136/2025 art. 1, new art. 3a of
the Law on Citizen Reception; law.md §4.1). CONFIRMED. Also the database's check on ``ReceptionSession``."""


class ReceptionSchedule(models.Model):
    """The chair's fixed reception schedule (lịch tiếp công dân định kỳ của Chủ tịch UBND xã), effective-dated.

    One weekday, on every week of the month or on some of them (``weeks`` "1,3": the first and third such
    weekday). A new schedule ends the previous one the day it starts (``services.schedule_set``).
    """

    unit = models.ForeignKey(
        "units.AdministrativeUnit", verbose_name=_("Xã, phường"), on_delete=models.PROTECT, related_name="+"
    )
    weekday = models.PositiveSmallIntegerField(_("Thứ trong tuần"))
    weeks = models.CharField(_("Tuần trong tháng"), max_length=20, blank=True)
    start_time = models.TimeField(_("Từ giờ"))
    end_time = models.TimeField(_("Đến giờ"))
    place = models.CharField(_("Địa điểm tiếp công dân"), max_length=300)
    valid_from = models.DateField(_("Áp dụng từ ngày"))
    valid_until = models.DateField(_("Đến hết ngày trước"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("Lịch tiếp công dân")
        verbose_name_plural = _("Lịch tiếp công dân")
        ordering = ["unit", "-valid_from", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(weekday__lte=6), name="reception_schedule_weekday_0_to_6"),
            models.CheckConstraint(condition=Q(end_time__gt=models.F("start_time")), name="reception_schedule_times"),
            models.UniqueConstraint(
                fields=["unit"], condition=Q(valid_until__isnull=True), name="reception_one_open_schedule_per_unit"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.unit_id} {self.weekday} {self.weeks or '*'} từ {self.valid_from}"

    @property
    def week_numbers(self) -> tuple[int, ...]:
        return tuple(int(part) for part in self.weeks.split(",") if part.strip().isdigit())


class SessionKind(models.TextChoices):
    REGULAR = "regular", _("Tiếp định kỳ theo lịch")
    AD_HOC = "ad_hoc", _("Tiếp đột xuất")
    ONLINE = "online", _("Tiếp công dân trực tuyến")


class ReceptionSession(TimeStampedModel):
    """A reception session that took place (buổi tiếp công dân): who received, when, where."""

    unit = models.ForeignKey(
        "units.AdministrativeUnit", verbose_name=_("Xã, phường"), on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(_("Hình thức"), max_length=20, choices=SessionKind.choices, default=SessionKind.REGULAR)
    held_on = models.DateField(_("Ngày tiếp"))
    receiver = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("Người tiếp"), on_delete=models.PROTECT, related_name="+"
    )
    receiver_is_chair = models.BooleanField(_("Chủ tịch UBND xã trực tiếp tiếp"), default=False)
    place = models.CharField(_("Địa điểm"), max_length=300)
    note = models.TextField(_("Ghi chú"), blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("Buổi tiếp công dân")
        verbose_name_plural = _("Buổi tiếp công dân")
        ordering = ["-held_on", "-pk"]
        indexes = [models.Index(fields=["unit", "held_on"], name="reception_session_unit_day")]
        constraints = [
            models.CheckConstraint(
                condition=~Q(kind=SessionKind.ONLINE) | Q(held_on__gte=ONLINE_RECEPTION_FROM),
                name="reception_online_from_2026_07_01",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.unit_id} {self.held_on}"


class ReceptionVisit(models.Model):
    """One citizen received at a session (lượt tiếp công dân): what they raised, what they were told, the case.

    When the matter became a confidential case (a denunciation, or a sender who asked), the name, phone, address
    and ID are not kept here at all: they live only in the case's ``CaseIdentity``, masked and logged.
    """

    session = models.ForeignKey(ReceptionSession, on_delete=models.CASCADE, related_name="visits")
    full_name = models.CharField(_("Họ và tên"), max_length=200, blank=True)
    phone = models.CharField(_("Số điện thoại"), max_length=30, blank=True)
    address = models.CharField(_("Địa chỉ"), max_length=300, blank=True)
    id_number = models.CharField(_("Số định danh cá nhân"), max_length=20, blank=True)
    summary = models.TextField(_("Nội dung trình bày"), blank=True)
    guidance = models.TextField(_("Trả lời, hướng dẫn tại buổi tiếp"), blank=True)
    case = models.OneToOneField(
        "petitions.Case",
        verbose_name=_("Vụ việc"),
        on_delete=models.PROTECT,
        related_name="reception_visit",
        null=True,
        blank=True,
    )
    identity_withheld = models.BooleanField(_("Thông tin người gửi được giữ bí mật"), default=False)

    class Meta:
        verbose_name = _("Lượt tiếp công dân")
        verbose_name_plural = _("Lượt tiếp công dân")
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(identity_withheld=False)
                | (Q(full_name="") & Q(phone="") & Q(address="") & Q(id_number="") & Q(summary="")),
                name="reception_withheld_visit_keeps_no_identity",
            ),
            models.CheckConstraint(
                condition=Q(identity_withheld=False) | Q(case__isnull=False),
                name="reception_withheld_visit_has_case",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.session_id}/{self.pk}"


class DialogueMethod(models.TextChoices):
    IN_PERSON = "in_person", _("Trực tiếp")
    ONLINE = "online", _("Trực tuyến")
    SOCIAL = "social", _("Qua mạng xã hội")


class DialogueStatus(models.TextChoices):
    PLANNED = "planned", _("Đã lập kế hoạch")
    ANNOUNCED = "announced", _("Đã thông báo")
    HELD = "held", _("Đã tổ chức")
    PUBLISHED = "published", _("Đã thông báo kết quả")
    CANCELLED = "cancelled", _("Đã hủy")


class DialogueConference(TimeStampedModel):
    """A dialogue conference between the commune and its people (hội nghị đối thoại), Law 10/2022 art. 32."""

    unit = models.ForeignKey(
        "units.AdministrativeUnit", verbose_name=_("Xã, phường"), on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField(_("Tên hội nghị"), max_length=200)
    topics = models.TextField(_("Nội dung đối thoại"))
    planned_on = models.DateField(_("Ngày tổ chức"))
    place = models.CharField(_("Địa điểm"), max_length=300)
    method = models.CharField(_("Hình thức"), max_length=20, choices=DialogueMethod.choices, default="in_person")
    co_chairs = models.CharField(_("Đồng chủ trì"), max_length=300, blank=True)
    status = models.CharField(
        _("Trạng thái"), max_length=20, choices=DialogueStatus.choices, default=DialogueStatus.PLANNED
    )
    announced_on = models.DateField(_("Ngày thông báo"), null=True, blank=True)
    held_on = models.DateField(_("Ngày đã tổ chức"), null=True, blank=True)
    participants = models.TextField(_("Thành phần tham dự"), blank=True)
    attendance = models.PositiveIntegerField(_("Số người tham dự"), null=True, blank=True)
    minutes = models.ForeignKey(
        "documents.Document",
        verbose_name=_("Biên bản"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    results_published_on = models.DateField(_("Ngày thông báo kết quả"), null=True, blank=True)
    results_disclosure = models.ForeignKey(
        "disclosures.Disclosure",
        verbose_name=_("Tin công khai kết quả"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )

    class Meta:
        verbose_name = _("Hội nghị đối thoại")
        verbose_name_plural = _("Hội nghị đối thoại")
        ordering = ["-planned_on", "-pk"]

    def __str__(self) -> str:
        return self.title


class QuestionSource(models.TextChoices):
    ADVANCE = "advance", _("Gửi trước hội nghị")
    AT_CONFERENCE = "at_conference", _("Nêu tại hội nghị")


class DialogueQuestion(models.Model):
    """A question or proposal put to a dialogue conference, its answer and any commitment (cam kết) to follow."""

    conference = models.ForeignKey(DialogueConference, on_delete=models.CASCADE, related_name="questions")
    source = models.CharField(_("Nguồn"), max_length=20, choices=QuestionSource.choices)
    asker = models.CharField(_("Người hỏi"), max_length=200, blank=True)
    question = models.TextField(_("Câu hỏi, kiến nghị"))
    answer = models.TextField(_("Trả lời"), blank=True)
    commitment = models.TextField(_("Cam kết thực hiện"), blank=True)
    commitment_due = models.DateField(_("Hạn thực hiện cam kết"), null=True, blank=True)
    commitment_done_on = models.DateField(_("Ngày hoàn thành cam kết"), null=True, blank=True)

    class Meta:
        verbose_name = _("Câu hỏi đối thoại")
        verbose_name_plural = _("Câu hỏi đối thoại")
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(commitment_done_on__isnull=True) | ~Q(commitment=""),
                name="reception_done_needs_commitment",
            ),
        ]

    def __str__(self) -> str:
        return self.question[:60]


class BookingStatus(models.TextChoices):
    BOOKED = "booked", _("Đã đặt lịch")
    CANCELLED = "cancelled", _("Đã hủy")


class ReceptionBooking(TimeStampedModel):
    """A citizen's booking of a slot at the chair's scheduled reception (đặt lịch tiếp công dân), issue 14.

    The database holds the limits: one live booking per slot place (``seat`` counts from 1 to the capacity set by
    ``GRASSROOTS_RECEPTION_SLOT_CAPACITY``) and one live booking per citizen per reception day.
    """

    unit = models.ForeignKey(
        "units.AdministrativeUnit", verbose_name=_("Xã, phường"), on_delete=models.PROTECT, related_name="+"
    )
    day = models.DateField(_("Ngày tiếp"))
    slot_start = models.TimeField(_("Giờ hẹn"))
    seat = models.PositiveSmallIntegerField(_("Số thứ tự trong khung giờ"), default=1)
    citizen = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("Công dân"), on_delete=models.PROTECT, related_name="+"
    )
    phone = models.CharField(_("Số điện thoại"), max_length=30)
    summary = models.TextField(_("Nội dung cần trình bày"))
    status = models.CharField(
        _("Trạng thái"), max_length=20, choices=BookingStatus.choices, default=BookingStatus.BOOKED
    )
    cancelled_at = models.DateTimeField(_("Hủy lúc"), null=True, blank=True)
    cancel_reason = models.TextField(_("Lý do hủy"), blank=True)

    class Meta:
        verbose_name = _("Lịch hẹn tiếp công dân")
        verbose_name_plural = _("Lịch hẹn tiếp công dân")
        ordering = ["day", "slot_start", "seat"]
        indexes = [models.Index(fields=["unit", "day"], name="reception_booking_unit_day")]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "day", "slot_start", "seat"],
                condition=Q(status="booked"),
                name="reception_booking_one_per_seat",
            ),
            models.UniqueConstraint(
                fields=["unit", "day", "citizen"],
                condition=Q(status="booked"),
                name="reception_booking_one_per_citizen_day",
            ),
            models.CheckConstraint(condition=Q(seat__gte=1), name="reception_booking_seat_from_1"),
        ]

    def __str__(self) -> str:
        return f"{self.unit_id} {self.day} {self.slot_start}"


class ReceptionDayCancellation(models.Model):
    """A scheduled reception day that will not take place (buổi tiếp theo lịch bị hủy), with the reason told to every
    citizen who had booked it. The day stays a missed day of the legal minimum: a cancellation excuses nothing."""

    unit = models.ForeignKey(
        "units.AdministrativeUnit", verbose_name=_("Xã, phường"), on_delete=models.PROTECT, related_name="+"
    )
    day = models.DateField(_("Ngày tiếp bị hủy"))
    reason = models.TextField(_("Lý do"))
    cancelled_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    cancelled_at = models.DateTimeField(_("Hủy lúc"))

    class Meta:
        verbose_name = _("Buổi tiếp bị hủy")
        verbose_name_plural = _("Buổi tiếp bị hủy")
        ordering = ["unit", "day"]
        constraints = [models.UniqueConstraint(fields=["unit", "day"], name="reception_one_cancellation_per_day")]

    def __str__(self) -> str:
        return f"{self.unit_id} {self.day}"


class VoterRequestDrive(TimeStampedModel):
    """Voters' request for a dialogue conference (cử tri kiến nghị tổ chức hội nghị đối thoại), LGO 2025 art. 43.

    ``voter_count`` is the commune's voters on the list the commune uses (danh sách cử tri), recorded when the drive
    is opened: the platform keeps no voter roll, so the denominator is a recorded, audited figure.
    """

    unit = models.ForeignKey(
        "units.AdministrativeUnit", verbose_name=_("Xã, phường"), on_delete=models.PROTECT, related_name="+"
    )
    subject = models.CharField(_("Nội dung đề nghị đối thoại"), max_length=300)
    voter_count = models.PositiveIntegerField(_("Tổng số cử tri của xã"))
    voter_count_source = models.CharField(_("Nguồn số cử tri"), max_length=300)
    opened_on = models.DateField(_("Ngày mở"))
    threshold_reached_on = models.DateField(_("Ngày đạt tỷ lệ"), null=True, blank=True)
    conference = models.ForeignKey(
        "DialogueConference",
        verbose_name=_("Hội nghị đối thoại đáp ứng"),
        on_delete=models.PROTECT,
        related_name="voter_requests",
        null=True,
        blank=True,
    )

    class Meta:
        verbose_name = _("Kiến nghị đối thoại của cử tri")
        verbose_name_plural = _("Kiến nghị đối thoại của cử tri")
        ordering = ["-opened_on", "-pk"]
        constraints = [models.CheckConstraint(condition=Q(voter_count__gte=1), name="reception_drive_has_voters")]

    def __str__(self) -> str:
        return self.subject


class VoterRequestSignature(models.Model):
    """One voter's request (chữ ký đề nghị): counted once per drive, by ID number and, online, by account."""

    drive = models.ForeignKey(VoterRequestDrive, on_delete=models.CASCADE, related_name="signatures")
    full_name = models.CharField(_("Họ và tên"), max_length=200)
    id_number = models.CharField(_("Số định danh cá nhân"), max_length=20)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    signed_on = models.DateField(_("Ngày đề nghị"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("Cử tri đề nghị")
        verbose_name_plural = _("Cử tri đề nghị")
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["drive", "id_number"], name="reception_one_signature_per_voter"),
            models.UniqueConstraint(
                fields=["drive", "user"], condition=Q(user__isnull=False), name="reception_one_signature_per_account"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.drive_id}/{self.pk}"
