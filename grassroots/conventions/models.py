"""Village conventions (hương ước, quy ước): self-governance rules a community adopts and the commune recognises.

Decree 61/2023/NĐ-CP (law.md §1(f)). A ``Convention`` is the living instrument of one village; each text that
goes through drafting, ≥ 30 days of comment, adoption by the households and recognition is a
``ConventionVersion`` (the first text, then each amendment). The comment period is a consultation of the
``consultations`` app (village-only, 30 days); adoption is a D3 community vote of the ``voting`` app.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from grassroots.core.models import TimeStampedModel


class ConventionName(models.TextChoices):
    """The community chooses the name ([ND61] art. 2)."""

    HUONG_UOC = "huong_uoc", _("Hương ước")
    QUY_UOC = "quy_uoc", _("Quy ước")


class ConventionStatus(models.TextChoices):
    BUILDING = "building", _("Đang xây dựng")
    IN_FORCE = "in_force", _("Đang có hiệu lực")
    SUSPENDED = "suspended", _("Bị tạm ngưng thực hiện")
    ABOLISHED = "abolished", _("Đã bị bãi bỏ")


class VersionStatus(models.TextChoices):
    DRAFTING = "drafting", _("Đang soạn thảo")
    COMMENTING = "commenting", _("Đang lấy ý kiến")
    FINALISED = "finalised", _("Đã hoàn thiện dự thảo, chờ biểu quyết")
    ADOPTED = "adopted", _("Cộng đồng dân cư đã thông qua")
    NOT_ADOPTED = "not_adopted", _("Không được thông qua")
    SUBMITTED = "submitted", _("Đã gửi hồ sơ đề nghị công nhận")
    RECOGNISED = "recognised", _("Đã được công nhận")
    REFUSED = "refused", _("Không được công nhận")
    SUPERSEDED = "superseded", _("Đã được thay bằng bản sửa đổi")
    WITHDRAWN = "withdrawn", _("Đã dừng")


class ProposalBasis(models.TextChoices):
    """Who proposed the text ([ND61] art. 7)."""

    VILLAGE_HEAD = "village_head", _("Trưởng thôn đề xuất, đã thống nhất với Trưởng ban công tác Mặt trận")
    CITIZENS = "citizens", _("Công dân đề xuất, được từ một phần mười (10 phần trăm) số hộ trở lên ủng hộ")
    FRONT_APPROVED = (
        "front_approved",
        _("Công dân đề xuất, dưới 10 phần trăm số hộ ủng hộ, Ban công tác Mặt trận đồng ý"),
    )


class SignerRole(models.TextChoices):
    """Who signs the adopted text ([ND61] art. 4): the village head, the Front work-committee head, household
    representatives, and (encouraged) elders and respected people."""

    VILLAGE_HEAD = "village_head", _("Trưởng thôn, tổ trưởng tổ dân phố")
    FRONT_HEAD = "front_head", _("Trưởng ban công tác Mặt trận")
    HOUSEHOLD = "household", _("Đại diện hộ gia đình")
    RESPECTED = "respected", _("Già làng, chức sắc tôn giáo, người có uy tín")


class MeasureKind(models.TextChoices):
    """What the commune People's Committee decides on a report or an inspection finding ([ND61] arts 12–14)."""

    UNFOUNDED = "unfounded", _("Trả lời phản ánh không có cơ sở")
    SUSPENSION_FULL = "suspension_full", _("Tạm ngưng thực hiện toàn bộ")
    SUSPENSION_PARTIAL = "suspension_partial", _("Tạm ngưng thực hiện một phần")
    ABOLITION_FULL = "abolition_full", _("Bãi bỏ toàn bộ")
    ABOLITION_PARTIAL = "abolition_partial", _("Bãi bỏ một phần")


class Convention(TimeStampedModel):
    """A village convention (hương ước, quy ước) of one village or residential group."""

    community = models.ForeignKey(
        "units.AdministrativeUnit", verbose_name=_("Thôn, tổ dân phố"), on_delete=models.PROTECT, related_name="+"
    )
    name_kind = models.CharField(_("Tên gọi"), max_length=20, choices=ConventionName.choices)
    title = models.CharField(_("Tên hương ước, quy ước"), max_length=300)
    status = models.CharField(
        _("Trạng thái"), max_length=20, choices=ConventionStatus.choices, default=ConventionStatus.BUILDING
    )
    ethnic_minority_area = models.BooleanField(_("Thôn, tổ dân phố ở vùng đồng bào dân tộc thiểu số"), default=False)
    """Decides whether the drafting team must include elders and a speaker of the ethnic language ([ND61] art. 8)."""
    review_month = models.PositiveSmallIntegerField(_("Tháng rà soát hằng năm"), default=11)
    review_day = models.PositiveSmallIntegerField(_("Ngày rà soát hằng năm"), default=18)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("Hương ước, quy ước")
        verbose_name_plural = _("Hương ước, quy ước")
        ordering = ["community", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(review_month__gte=1, review_month__lte=12, review_day__gte=1, review_day__lte=31),
                name="convention_review_date_valid",
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_in_force(self) -> bool:
        return self.status == ConventionStatus.IN_FORCE


class ConventionVersion(TimeStampedModel):
    """One text of a convention on its way to recognition: the first text (1) or an amendment (2, 3…)."""

    convention = models.ForeignKey(Convention, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("Lần"))
    status = models.CharField(
        _("Trạng thái"), max_length=20, choices=VersionStatus.choices, default=VersionStatus.DRAFTING
    )
    proposal_basis = models.CharField(_("Căn cứ đề xuất"), max_length=20, choices=ProposalBasis.choices)
    households_total = models.PositiveIntegerField(_("Tổng số hộ khi đề xuất"))
    supporting_households = models.PositiveIntegerField(_("Số hộ ủng hộ đề xuất"), default=0)
    front_agreed = models.BooleanField(_("Ban công tác Mặt trận đã thống nhất, đồng ý"), default=False)
    reason = models.TextField(_("Lý do xây dựng, sửa đổi"), blank=True)
    drafting_team = models.TextField(_("Tổ soạn thảo"), blank=True)
    drafting_front_agreed = models.BooleanField(
        _("Trưởng ban công tác Mặt trận đã thống nhất thành phần tổ soạn thảo"), default=False
    )
    """The village head sets up the drafting team *with* the Front work-committee head ([ND61] art. 8)."""
    # The drafting team's composition ([ND61] art. 8), attested by the village head; checked before posting.
    drafting_mass_organisations = models.BooleanField(
        _("Có đại diện các tổ chức chính trị - xã hội (đoàn thể) của thôn"), default=False
    )
    drafting_respected_people = models.BooleanField(_("Có người có uy tín trong cộng đồng dân cư"), default=False)
    drafting_elders = models.BooleanField(_("Có già làng (vùng đồng bào dân tộc thiểu số)"), default=False)
    drafting_ethnic_language = models.BooleanField(
        _("Có người biết tiếng dân tộc thiểu số (vùng đồng bào dân tộc thiểu số)"), default=False
    )
    consultation = models.OneToOneField(
        "consultations.Consultation", null=True, blank=True, on_delete=models.PROTECT, related_name="convention_version"
    )
    vote = models.ForeignKey("voting.CommunityVote", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    text_hash = models.CharField(_("Dấu vân tay văn bản (SHA-256)"), max_length=64, blank=True)
    finalised_on = models.DateField(_("Ngày hoàn thiện dự thảo"), null=True, blank=True)
    adopted_on = models.DateField(_("Ngày thông qua"), null=True, blank=True)
    dossier_sent_on = models.DateField(_("Ngày gửi hồ sơ đề nghị công nhận"), null=True, blank=True)
    decided_on = models.DateField(_("Ngày công nhận hoặc không công nhận"), null=True, blank=True)
    refusal_reason = models.TextField(_("Lý do không công nhận"), blank=True)
    decision_document = models.ForeignKey(
        "documents.Document", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    dissemination_channels = models.JSONField(_("Hình thức phổ biến"), default=list, blank=True)
    signatories = models.JSONField(_("Người ký hương ước, quy ước"), default=list, blank=True)
    """The signatures block of the adopted text: ``[{"role": SignerRole, "name": str}, …]`` ([ND61] art. 4)."""
    dossier_items = models.JSONField(_("Thành phần hồ sơ đề nghị công nhận"), default=list, blank=True)
    """The keys of ``rules.DOSSIER_ITEMS`` the village head sent with the dossier ([ND61] art. 11(1))."""
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("Bản hương ước, quy ước")
        verbose_name_plural = _("Các bản hương ước, quy ước")
        ordering = ["convention", "number"]
        constraints = [
            models.UniqueConstraint(fields=["convention", "number"], name="convention_version_number_unique"),
            models.CheckConstraint(
                condition=~Q(status="refused") | ~Q(refusal_reason=""), name="convention_refusal_has_reason"
            ),
            # Recognised only after adoption and a dossier, never dated before them ([ND61] art. 11).
            models.CheckConstraint(
                condition=~Q(status__in=["recognised", "superseded"])
                | Q(
                    adopted_on__isnull=False,
                    dossier_sent_on__gte=models.F("adopted_on"),
                    decided_on__gte=models.F("dossier_sent_on"),
                ),
                name="convention_recognition_in_order",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.convention} ({self.number})"

    @property
    def is_amendment(self) -> bool:
        return self.number > 1

    @property
    def is_drafting(self) -> bool:
        return self.status == VersionStatus.DRAFTING


class ConventionArticle(models.Model):
    """One article (or chapter, clause) of a version's text."""

    version = models.ForeignKey(ConventionVersion, on_delete=models.CASCADE, related_name="articles")
    position = models.PositiveIntegerField(_("Thứ tự"))
    heading = models.CharField(_("Chương, điều"), max_length=300)
    text = models.TextField(_("Nội dung"))

    class Meta:
        verbose_name = _("Điều khoản")
        verbose_name_plural = _("Điều khoản")
        ordering = ["version", "position"]
        constraints = [
            models.UniqueConstraint(fields=["version", "position"], name="convention_article_position_unique")
        ]

    def __str__(self) -> str:
        return self.heading


class ConventionMeasure(models.Model):
    """A decision of the commune People's Committee on a written report or an inspection finding."""

    convention = models.ForeignKey(Convention, on_delete=models.CASCADE, related_name="measures")
    kind = models.CharField(_("Quyết định"), max_length=30, choices=MeasureKind.choices)
    basis = models.TextField(_("Phản ánh, kết quả kiểm tra"))
    basis_received_on = models.DateField(_("Ngày nhận phản ánh, kết luận kiểm tra"))
    reasons = models.TextField(_("Lý do"))
    articles = models.CharField(_("Các điều bị tạm ngưng, bãi bỏ"), max_length=300, blank=True)
    fix_by = models.DateField(_("Thời hạn khắc phục"), null=True, blank=True)
    decided_on = models.DateField(_("Ngày quyết định"))
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    document = models.ForeignKey(
        "documents.Document", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("Quyết định xử lý hương ước, quy ước")
        verbose_name_plural = _("Quyết định xử lý hương ước, quy ước")
        ordering = ["convention", "decided_on", "pk"]
        constraints = [
            models.CheckConstraint(condition=~Q(reasons=""), name="convention_measure_has_reasons"),
            models.CheckConstraint(
                condition=Q(decided_on__gte=models.F("basis_received_on")), name="convention_measure_after_basis"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.convention} — {self.get_kind_display()}"


class ReportGround(models.TextChoices):
    """What the commune People's Committee received, and so which clock runs ([ND61] arts 12(2), 14(3))."""

    REPORT = "report", _("Phản ánh bằng văn bản hoặc kết luận kiểm tra (trả lời hoặc tạm ngưng: 3 ngày làm việc)")
    ABOLITION = "abolition", _("Căn cứ bãi bỏ: trái pháp luật, không khắc phục đúng hạn (bãi bỏ: 5 ngày làm việc)")


class ConventionReport(models.Model):
    """A written report or an inspection finding received by the commune People's Committee, waiting for its
    decision (answered as unfounded, suspension or abolition) within the working-day clock of its ground."""

    convention = models.ForeignKey(Convention, on_delete=models.CASCADE, related_name="reports")
    ground = models.CharField(_("Loại"), max_length=20, choices=ReportGround.choices, default=ReportGround.REPORT)
    basis = models.TextField(_("Nội dung phản ánh, kết luận kiểm tra"))
    received_on = models.DateField(_("Ngày nhận"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    measure = models.OneToOneField(
        ConventionMeasure, null=True, blank=True, on_delete=models.PROTECT, related_name="report"
    )

    class Meta:
        verbose_name = _("Phản ánh về hương ước, quy ước")
        verbose_name_plural = _("Phản ánh về hương ước, quy ước")
        ordering = ["convention", "received_on", "pk"]
        constraints = [models.CheckConstraint(condition=~Q(basis=""), name="convention_report_has_basis")]

    def __str__(self) -> str:
        return f"{self.convention} — {self.received_on:%d/%m/%Y}"

    @property
    def is_pending(self) -> bool:
        return self.measure_id is None


class ConventionReview(models.Model):
    """The yearly review meeting (18 November by default), chaired by the village head with the Front head."""

    convention = models.ForeignKey(Convention, on_delete=models.CASCADE, related_name="reviews")
    year = models.PositiveIntegerField(_("Năm"))
    held_on = models.DateField(_("Ngày rà soát"))
    findings = models.TextField(_("Kết quả rà soát, đánh giá việc thực hiện"))
    proposals = models.TextField(_("Đề xuất sửa đổi, bổ sung"), blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("Rà soát hương ước, quy ước")
        verbose_name_plural = _("Rà soát hương ước, quy ước")
        ordering = ["convention", "-year"]
        constraints = [models.UniqueConstraint(fields=["convention", "year"], name="convention_review_once_a_year")]

    def __str__(self) -> str:
        return f"{self.convention} — {self.year}"
