"""Consultations (Nhân dân tham gia ý kiến): a draft put to the people of a commune before it is decided.

Law 10/2022/QH15 arts 25–29 (law.md §1(d)). A consultation has a draft split into sections (people
comment on one article), a plan sent to the People's Council and the Front, a period of at least 20
days from publication, opinions from every channel, a disposition (tiếp thu, giải trình) for every
opinion, and a summary and explanation report published as disclosure item K11.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from grassroots.core.models import TimeStampedModel


class ConsultationMatter(models.TextChoices):
    """The nine matters of a commune consultation ([L] art. 25); the rules module cites each."""

    C1 = "C1", _("C1. Kế hoạch phát triển kinh tế - xã hội, chuyển dịch cơ cấu kinh tế của xã")
    C2 = "C2", _("C2. Quy hoạch, kế hoạch sử dụng đất; quỹ đất giao cho xã quản lý")
    C3 = "C3", _("C3. Chủ trương đầu tư, xây dựng, đất đai, bồi thường, tái định cư tác động đến cộng đồng")
    C4 = "C4", _("C4. Đề án thành lập, nhập, chia, đặt tên, đổi tên đơn vị hành chính, thôn, tổ dân phố")
    C5 = "C5", _("C5. Dự thảo quyết định hành chính của xã liên quan đến lợi ích cộng đồng")
    C6 = "C6", _("C6. Đồ án quy hoạch xây dựng, quy hoạch chung")
    C7 = "C7", _("C7. Dự thảo quy chế thực hiện dân chủ ở xã")
    C8 = "C8", _("C8. Dự thảo quyết định hành chính làm phát sinh nghĩa vụ, hạn chế quyền của công dân")
    C9 = "C9", _("C9. Nội dung khác theo quy định của pháp luật hoặc do xã quyết định")


class ConsultationStatus(models.TextChoices):
    DRAFT = "draft", _("Đang chuẩn bị")
    OPEN = "open", _("Đang lấy ý kiến")
    CLOSED = "closed", _("Đã hết hạn lấy ý kiến, đang tiếp thu, giải trình")
    COMPLETED = "completed", _("Đã công bố kết quả tiếp thu, giải trình")
    CANCELLED = "cancelled", _("Đã hủy")


class OpinionChannel(models.TextChoices):
    """Where an opinion came from: the forms of [L] art. 26, one consultation record for all of them."""

    ONLINE = "online", _("Trực tuyến trên cổng thông tin (người dân tự gửi)")
    DIALOGUE = "dialogue", _("Hội nghị đối thoại giữa UBND xã và Nhân dân")
    MEETING = "meeting", _("Cuộc họp cộng đồng dân cư")
    HOUSEHOLD_BALLOT = "household_ballot", _("Phiếu lấy ý kiến hộ gia đình")
    COMMENT_BOX = "comment_box", _("Hòm thư góp ý")
    HOTLINE = "hotline", _("Đường dây nóng")
    FRONT = "front", _("Qua Ban công tác Mặt trận, tổ chức chính trị - xã hội")
    LETTER = "letter", _("Thư, văn bản góp ý")
    SOCIAL = "social", _("Mạng viễn thông, mạng xã hội")


class OpinionStance(models.TextChoices):
    """What an opinion asks of the draft: the basis of the "majority opinion" ([L] art. 28(4))."""

    AGREE = "agree", _("Đồng ý với dự thảo")
    DISAGREE = "disagree", _("Không đồng ý với dự thảo")
    SUGGESTION = "suggestion", _("Góp ý sửa đổi, bổ sung")


class Disposition(models.TextChoices):
    """The answer to one opinion (tiếp thu, giải trình)."""

    ACCEPTED = "accepted", _("Tiếp thu")
    PARTLY_ACCEPTED = "partly_accepted", _("Tiếp thu một phần")
    NOT_ACCEPTED = "not_accepted", _("Không tiếp thu, có giải trình")


class Consultation(TimeStampedModel):
    """A consultation of the people of a commune on a draft (lấy ý kiến Nhân dân), [L] arts 25–29."""

    commune = models.ForeignKey(
        "units.AdministrativeUnit", verbose_name=_("Xã, phường"), on_delete=models.PROTECT, related_name="+"
    )
    matter = models.CharField(_("Nội dung lấy ý kiến"), max_length=5, choices=ConsultationMatter.choices)
    """C1–C9 for a commune; for a staff consultation, the workplace lists' codes (CQ1–CQ11, DN1–DN6 below)."""
    title = models.CharField(_("Tên dự thảo"), max_length=300)
    summary = models.TextField(_("Giới thiệu ngắn"), blank=True)
    status = models.CharField(
        _("Trạng thái"), max_length=20, choices=ConsultationStatus.choices, default=ConsultationStatus.DRAFT
    )
    # The plan ([L] art. 28(1)): content, forms, timeline, owner; sent to the People's Council and the Front.
    plan_content = models.TextField(_("Nội dung kế hoạch lấy ý kiến"), blank=True)
    forms_used = models.JSONField(_("Hình thức lấy ý kiến"), default=list, blank=True)
    accepts_unsigned_opinions = models.BooleanField(
        _("Nhận ý kiến trực tuyến không cần đăng nhập (ghi họ tên và thôn, tổ dân phố)"), default=False
    )
    plan_timeline = models.TextField(_("Tiến độ"), blank=True)
    plan_owner = models.CharField(_("Người, bộ phận chủ trì"), max_length=300, blank=True)
    plan_sent_to_council_on = models.DateField(_("Ngày gửi kế hoạch đến HĐND xã"), null=True, blank=True)
    plan_sent_to_front_on = models.DateField(_("Ngày gửi kế hoạch đến Ủy ban MTTQ xã"), null=True, blank=True)
    plan_document = models.ForeignKey(
        "documents.Document",
        verbose_name=_("Kế hoạch lấy ý kiến đã ban hành"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    """The plan issued as a paper (Decree 30 layout) to the People's Council and the Front; empty when staff only
    recorded the days a paper made outside the platform was sent."""
    # The period: planned dates typed by staff; the publication day comes from the clock when it opens.
    opens_on = models.DateField(_("Ngày dự kiến bắt đầu"))
    closes_on = models.DateField(_("Ngày kết thúc nhận ý kiến"))
    published_on = models.DateField(_("Ngày công bố dự thảo"), null=True, blank=True)
    closed_on = models.DateField(_("Ngày kết thúc"), null=True, blank=True)
    # The outcome ([L] art. 28(3)–(4)).
    final_decision = models.TextField(_("Nội dung quyết định cuối cùng"), blank=True)
    adopts_draft = models.BooleanField(_("Quyết định thông qua dự thảo"), null=True, blank=True)
    against_majority = models.BooleanField(_("Quyết định khác ý kiến đa số"), default=False)
    majority_justification = models.TextField(_("Lý do quyết định khác ý kiến đa số"), blank=True)
    completed_on = models.DateField(_("Ngày hoàn thành"), null=True, blank=True)
    cancel_reason = models.TextField(_("Lý do hủy"), blank=True)
    report_document = models.ForeignKey(
        "documents.Document", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    report_disclosure = models.ForeignKey(
        "disclosures.Disclosure", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    # A village convention's comment period (Decree 61/2023 art. 9) runs on this same machinery: the village whose
    # households comment, and its own minimum period (30 days instead of 20).
    village = models.ForeignKey(
        "units.AdministrativeUnit",
        verbose_name=_("Thôn, tổ dân phố lấy ý kiến (hương ước, quy ước)"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    minimum_days = models.PositiveSmallIntegerField(_("Số ngày lấy ý kiến tối thiểu"), default=20)
    # A staff consultation of an agency, public service unit or enterprise ([L] arts 53–55, 71–72, 74) runs on
    # this same machinery: the organisation owns it and its staff are the audience; ``commune`` then holds the
    # organisation's area (the audit unit). It is never shown on the commune's or the public pages.
    organisation = models.ForeignKey(
        "units.Organisation",
        verbose_name=_("Cơ quan, đơn vị lấy ý kiến cán bộ, người lao động"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="consultations",
    )
    # C8 ([L] art. 27): the decision is signed only with the explanation report filed with the draft decision.
    decision_document = models.ForeignKey(
        "documents.Document",
        verbose_name=_("Quyết định đã ký"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    # A matter a higher authority decides ([L] art. 28(4)): the commune sends it the summary; the authority's
    # decision, and its explanation when it goes against the majority, come back and are published.
    higher_authority = models.CharField(_("Cơ quan cấp trên quyết định"), max_length=300, blank=True)
    sent_up_on = models.DateField(_("Ngày gửi báo cáo tổng hợp lên cấp trên"), null=True, blank=True)
    higher_decision = models.TextField(_("Quyết định của cấp trên"), blank=True)
    higher_decided_on = models.DateField(_("Ngày cấp trên quyết định"), null=True, blank=True)
    higher_adopts_draft = models.BooleanField(_("Cấp trên thông qua dự thảo"), null=True, blank=True)
    higher_against_majority = models.BooleanField(_("Cấp trên quyết định khác ý kiến đa số"), default=False)
    higher_justification = models.TextField(_("Giải trình của cấp trên"), blank=True)
    higher_disclosure = models.ForeignKey(
        "disclosures.Disclosure", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("Cuộc lấy ý kiến Nhân dân")
        verbose_name_plural = _("Các cuộc lấy ý kiến Nhân dân")
        ordering = ["-opens_on", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(closes_on__gt=models.F("opens_on")), name="consultation_closes_after"),
            models.CheckConstraint(
                condition=Q(against_majority=False) | ~Q(majority_justification=""),
                name="consultation_against_majority_justified",
            ),
            models.CheckConstraint(
                condition=Q(higher_against_majority=False) | ~Q(higher_justification=""),
                name="consultation_higher_against_majority_justified",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_draft(self) -> bool:
        return self.status == ConsultationStatus.DRAFT

    @property
    def is_open(self) -> bool:
        return self.status == ConsultationStatus.OPEN

    @property
    def is_closed(self) -> bool:
        return self.status == ConsultationStatus.CLOSED

    @property
    def is_completed(self) -> bool:
        return self.status == ConsultationStatus.COMPLETED

    @property
    def is_public(self) -> bool:
        """Whether the public pages show it: once published, unless it was cancelled before."""
        return self.published_on is not None


class ConsultationSection(models.Model):
    """One part of the draft (a chapter, an article, a clause) that people comment on."""

    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="sections")
    position = models.PositiveIntegerField(_("Thứ tự"))
    heading = models.CharField(_("Tên phần, điều"), max_length=300)
    text = models.TextField(_("Nội dung"))

    class Meta:
        verbose_name = _("Phần của dự thảo")
        verbose_name_plural = _("Các phần của dự thảo")
        ordering = ["consultation", "position"]
        constraints = [
            models.UniqueConstraint(fields=["consultation", "position"], name="consultation_section_position_unique")
        ]

    def __str__(self) -> str:
        return self.heading


class OpinionGroup(models.Model):
    """Opinions that say the same thing, answered together (one disposition for all of them)."""

    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="groups")
    title = models.CharField(_("Nội dung chung của nhóm ý kiến"), max_length=300)

    class Meta:
        verbose_name = _("Nhóm ý kiến")
        verbose_name_plural = _("Nhóm ý kiến")
        ordering = ["consultation", "pk"]

    def __str__(self) -> str:
        return self.title


class Opinion(models.Model):
    """One opinion (ý kiến góp ý) from any channel, with its source and, after closing, its disposition."""

    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="opinions")
    section = models.ForeignKey(
        ConsultationSection, null=True, blank=True, on_delete=models.PROTECT, related_name="opinions"
    )
    channel = models.CharField(_("Hình thức"), max_length=20, choices=OpinionChannel.choices)
    source = models.CharField(_("Nguồn (cuộc họp, tổ chức, số thư…)"), max_length=300, blank=True)
    stance = models.CharField(_("Ý kiến đối với dự thảo"), max_length=20, choices=OpinionStance.choices)
    text = models.TextField(_("Nội dung ý kiến"))
    author_name = models.CharField(_("Người góp ý"), max_length=200, blank=True)
    author_community = models.ForeignKey(
        "units.AdministrativeUnit",
        verbose_name=_("Thôn, tổ dân phố"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    shows_name = models.BooleanField(_("Công khai tên người góp ý"), default=False)
    received_on = models.DateField(_("Ngày nhận"))
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    """Who typed it in: the resident (online), the officer (other channels); empty for an unsigned online opinion."""
    entered_at = models.DateTimeField(_("Thời điểm ghi nhận"))
    # Moderation: hidden with a reason, never deleted.
    is_hidden = models.BooleanField(_("Đã ẩn"), default=False)
    hidden_reason = models.TextField(_("Lý do ẩn"), blank=True)
    group = models.ForeignKey(OpinionGroup, null=True, blank=True, on_delete=models.SET_NULL, related_name="opinions")
    disposition = models.CharField(_("Kết quả tiếp thu"), max_length=20, choices=Disposition.choices, blank=True)
    explanation = models.TextField(_("Giải trình"), blank=True)
    disposed_at = models.DateTimeField(_("Thời điểm tiếp thu, giải trình"), null=True, blank=True)

    class Meta:
        verbose_name = _("Ý kiến góp ý")
        verbose_name_plural = _("Ý kiến góp ý")
        ordering = ["consultation", "received_on", "pk"]
        indexes = [
            models.Index(fields=["consultation", "section", "disposition"], name="opinion_section_disp_idx"),
            # Covers the counts of the officer's and the public pages (by stance, section, missing disposition):
            # bench/bench_consultations.py.
            models.Index(
                fields=["consultation", "is_hidden", "section", "disposition", "stance"],
                name="opinion_visible_counts_idx",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(is_hidden=False) | ~Q(hidden_reason=""), name="opinion_hidden_has_reason"
            ),
            models.CheckConstraint(
                condition=Q(disposition="") | ~Q(explanation=""), name="opinion_disposition_explained"
            ),
            # The services refuse an unknown channel or stance; the database refuses it too (a raw write, a
            # migration, the admin) so the counts by stance behind "the majority opinion" only see known values.
            models.CheckConstraint(condition=Q(channel__in=OpinionChannel.values), name="opinion_channel_known"),
            models.CheckConstraint(condition=Q(stance__in=OpinionStance.values), name="opinion_stance_known"),
        ]

    def __str__(self) -> str:
        return f"{self.consultation_id}/{self.pk}"

    @property
    def public_author(self) -> str:
        """The name shown on public pages: only when the author chose to show it."""
        return self.author_name if self.shows_name else ""


class AffectedPerson(models.Model):
    """A citizen a C8 draft decision would burden: informed, and heard if they asked ([L] art. 27)."""

    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="affected_people")
    full_name = models.CharField(_("Họ và tên người bị ảnh hưởng"), max_length=200)
    notified_on = models.DateField(_("Ngày thông báo"))
    heard_on = models.DateField(_("Ngày trình bày ý kiến"), null=True, blank=True)
    declined = models.BooleanField(_("Không yêu cầu trình bày ý kiến"), default=False)
    views = models.TextField(_("Ý kiến trình bày"), blank=True)

    class Meta:
        verbose_name = _("Người bị ảnh hưởng")
        verbose_name_plural = _("Người bị ảnh hưởng")
        ordering = ["consultation", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(heard_on__isnull=True) | Q(declined=False), name="affected_person_heard_or_declined"
            )
        ]

    def __str__(self) -> str:
        return self.full_name

    @property
    def is_settled(self) -> bool:
        """Heard, or said they did not ask to be heard."""
        return self.heard_on is not None or self.declined
