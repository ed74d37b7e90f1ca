"""Oversight boards and their work (Ban Thanh tra nhân dân, Ban Giám sát đầu tư của cộng đồng).

Law 10/2022/QH15 arts 36–45 (commune boards and investment boards), 60–63 (agency boards), 75–81 (SOE boards);
Decree 59/2023/NĐ-CP arts 12–27 (law.md §1(c), §2, §3.1). One ``Board`` model for the four kinds: they share
members, terms, recognition, work and recommendations; the kind decides which rules apply (``rules``).
Deadlines are never stored: selectors compute them from the dates below and the stored calendar.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from grassroots.core.models import TimeStampedModel


class BoardKind(models.TextChoices):
    COMMUNE_INSPECTION = "commune_inspection", _("Ban Thanh tra nhân dân xã, phường")
    AGENCY_INSPECTION = "agency_inspection", _("Ban Thanh tra nhân dân cơ quan, đơn vị")
    ENTERPRISE_INSPECTION = "enterprise_inspection", _("Ban Thanh tra nhân dân doanh nghiệp nhà nước")
    INVESTMENT_SUPERVISION = "investment_supervision", _("Ban Giám sát đầu tư của cộng đồng")


class BoardStatus(models.TextChoices):
    FORMING = "forming", _("Đang kiện toàn, chờ công nhận")
    ACTIVE = "active", _("Đang hoạt động")
    ENDED = "ended", _("Đã kết thúc")


class Position(models.TextChoices):
    HEAD = "head", _("Trưởng ban")
    DEPUTY = "deputy", _("Phó Trưởng ban")
    MEMBER = "member", _("Thành viên")


class MemberSource(models.TextChoices):
    """Where a member comes from: elected (community, staff or employee conference) or delegated (investment boards)."""

    ELECTED = "elected", _("Được bầu")
    FRONT = "front", _("Đại diện Ủy ban MTTQ xã")
    INSPECTION_BOARD = "inspection_board", _("Đại diện Ban Thanh tra nhân dân")
    RESIDENT = "resident", _("Đại diện người dân nơi có dự án")


class Post(models.TextChoices):
    """The post a person holds that may bar them from a board ([L] arts 37, 60(2), 77(2))."""

    NONE = "none", _("Không giữ chức vụ nào trong danh sách loại trừ")
    COMMUNE_OFFICIAL = "commune_official", _("Cán bộ, công chức cấp xã")
    NON_SPECIALISED_STAFF = "non_specialised_staff", _("Người hoạt động không chuyên trách cấp xã, thôn")
    HEAD = "head", _("Người đứng đầu cơ quan, đơn vị")
    DEPUTY_HEAD = "deputy_head", _("Cấp phó của người đứng đầu")
    CHIEF_ACCOUNTANT = "chief_accountant", _("Kế toán trưởng")
    LEGAL_REPRESENTATIVE = "legal_representative", _("Người đại diện theo pháp luật của doanh nghiệp")
    MANAGER = "manager", _("Thành viên Hội đồng thành viên, Ban điều hành, Ban giám đốc")


class Board(TimeStampedModel):
    """A People's Inspection Board (Ban Thanh tra nhân dân) or Community Investment Supervision Board.

    ``unit`` is where the board sits and whose staff see it: the commune for commune and investment boards,
    the organisation's unit for agency and SOE boards (``organisation`` then names the organisation).
    """

    kind = models.CharField(_("Loại ban"), max_length=30, choices=BoardKind.choices)
    name = models.CharField(_("Tên ban"), max_length=255)
    unit = models.ForeignKey(
        "units.AdministrativeUnit", verbose_name=_("Địa bàn"), on_delete=models.PROTECT, related_name="+"
    )
    organisation = models.ForeignKey(
        "units.Organisation",
        verbose_name=_("Cơ quan, đơn vị, doanh nghiệp"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    status = models.CharField(_("Trạng thái"), max_length=20, choices=BoardStatus.choices, default=BoardStatus.FORMING)
    term_start = models.DateField(_("Bắt đầu nhiệm kỳ"))
    term_end = models.DateField(_("Kết thúc nhiệm kỳ"), null=True, blank=True)
    elected_on = models.DateField(_("Ngày bầu (hội nghị, cuộc họp)"))
    community_count = models.PositiveSmallIntegerField(_("Số thôn, tổ dân phố khi bầu"), default=0)
    staff_headcount = models.PositiveIntegerField(_("Số cán bộ, người lao động khi bầu"), default=0)
    is_dispersed = models.BooleanField(_("Đơn vị phân tán, đặc thù (được bầu quá 9 người)"), default=False)
    project_name = models.CharField(_("Chương trình, dự án được giám sát"), max_length=300, blank=True)
    investor_name = models.CharField(_("Chủ đầu tư"), max_length=255, blank=True)
    supervision_start = models.DateField(_("Ngày bắt đầu giám sát"), null=True, blank=True)
    investor_notified_on = models.DateField(_("Ngày thông báo kế hoạch giám sát cho chủ đầu tư"), null=True, blank=True)
    recognised_on = models.DateField(_("Ngày công nhận"), null=True, blank=True)
    recognised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    ended_on = models.DateField(_("Ngày kết thúc hoạt động"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("Ban kiểm tra, giám sát")
        verbose_name_plural = _("Ban kiểm tra, giám sát")
        ordering = ["-term_start", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(term_end__isnull=True) | Q(term_end__gt=models.F("term_start")),
                name="oversight_board_term_ordered",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_forming(self) -> bool:
        return self.status == BoardStatus.FORMING

    @property
    def is_active(self) -> bool:
        return self.status == BoardStatus.ACTIVE

    @property
    def is_investment(self) -> bool:
        return self.kind == BoardKind.INVESTMENT_SUPERVISION

    @property
    def is_commune(self) -> bool:
        return self.kind == BoardKind.COMMUNE_INSPECTION

    @property
    def needs_front_confirmation(self) -> bool:
        """The commune Front confirms the minutes and recommendations of the boards it directs ([L] art. 40(2))."""
        return self.kind in (BoardKind.COMMUNE_INSPECTION, BoardKind.INVESTMENT_SUPERVISION)


class BoardMember(TimeStampedModel):
    """A member of a board (thành viên), from ``joined_on`` until the day before ``left_on``."""

    board = models.ForeignKey(Board, on_delete=models.PROTECT, related_name="members")
    full_name = models.CharField(_("Họ và tên"), max_length=200)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Tài khoản"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    community = models.ForeignKey(
        "units.AdministrativeUnit",
        verbose_name=_("Thôn, tổ dân phố bầu ra"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    position = models.CharField(_("Chức danh"), max_length=10, choices=Position.choices, default=Position.MEMBER)
    source = models.CharField(_("Nguồn"), max_length=20, choices=MemberSource.choices, default=MemberSource.ELECTED)
    post = models.CharField(_("Chức vụ đang giữ"), max_length=30, choices=Post.choices, default=Post.NONE)
    has_conflicting_relative = models.BooleanField(
        _("Có vợ, chồng, cha, mẹ, con, anh, chị, em ruột là người quyết định đầu tư, chủ đầu tư, nhà thầu…"),
        default=False,
    )
    election = models.ForeignKey(
        "elections.Election", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    joined_on = models.DateField(_("Từ ngày"))
    left_on = models.DateField(_("Thôi làm thành viên từ ngày"), null=True, blank=True)
    leave_reason = models.CharField(_("Lý do thôi"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("Thành viên ban")
        verbose_name_plural = _("Thành viên ban")
        ordering = ["board", "left_on", "position", "full_name", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(left_on__isnull=True) | Q(left_on__gt=models.F("joined_on")),
                name="oversight_member_dates_ordered",
            ),
        ]

    def __str__(self) -> str:
        return self.full_name

    def is_active_on(self, day: dt.date) -> bool:
        return self.joined_on <= day and (self.left_on is None or day < self.left_on)


class Vacancy(TimeStampedModel):
    """A seat left empty with ≥ 6 months of the term remaining: a by-election is due (bầu bổ sung, [L] art. 36(2))."""

    board = models.ForeignKey(Board, on_delete=models.PROTECT, related_name="vacancies")
    member = models.OneToOneField(BoardMember, on_delete=models.PROTECT, related_name="vacancy")
    community = models.ForeignKey(
        "units.AdministrativeUnit", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    opened_on = models.DateField(_("Ngày khuyết"))
    filled_by = models.OneToOneField(BoardMember, null=True, blank=True, on_delete=models.PROTECT, related_name="fills")

    class Meta:
        verbose_name = _("Khuyết thành viên cần bầu bổ sung")
        verbose_name_plural = _("Khuyết thành viên cần bầu bổ sung")
        ordering = ["opened_on", "pk"]

    def __str__(self) -> str:
        return f"{self.board}: {self.member}"


class WorkKind(models.TextChoices):
    INSPECTION = "inspection", _("Kiểm tra")
    SUPERVISION = "supervision", _("Giám sát")
    VERIFICATION = "verification", _("Xác minh vụ việc theo đề nghị của người dân")
    INFORMATION_REQUEST = "information_request", _("Đề nghị cung cấp thông tin, tài liệu")


class InspectionStatus(models.TextChoices):
    PLANNED = "planned", _("Đã lập kế hoạch")
    NOTIFIED = "notified", _("Đã gửi kế hoạch")
    CONCLUDED = "concluded", _("Đã kết luận")
    CANCELLED = "cancelled", _("Đã hủy")


class Inspection(TimeStampedModel):
    """One inspection, supervision or verification by a board (cuộc kiểm tra, giám sát), with its plan."""

    board = models.ForeignKey(Board, on_delete=models.PROTECT, related_name="inspections")
    kind = models.CharField(_("Hình thức"), max_length=30, choices=WorkKind.choices, default=WorkKind.INSPECTION)
    subject = models.CharField(_("Nội dung"), max_length=300)
    inspected_party = models.CharField(_("Đối tượng được kiểm tra, giám sát"), max_length=255)
    planned_on = models.DateField(_("Ngày bắt đầu"))
    plan_notified_on = models.DateField(_("Ngày gửi kế hoạch"), null=True, blank=True)
    case = models.ForeignKey(
        "petitions.Case",
        verbose_name=_("Vụ việc của người dân"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    status = models.CharField(
        _("Trạng thái"), max_length=20, choices=InspectionStatus.choices, default=InspectionStatus.PLANNED
    )
    conclusion = models.TextField(_("Kết luận"), blank=True)
    conclusion_document = models.ForeignKey(
        "documents.Document",
        verbose_name=_("Báo cáo kết quả kiểm tra, giám sát"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    public_disclosure = models.ForeignKey(
        "disclosures.Disclosure",
        verbose_name=_("Kết luận đã công khai"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("Cuộc kiểm tra, giám sát")
        verbose_name_plural = _("Cuộc kiểm tra, giám sát")
        ordering = ["-planned_on", "-pk"]

    def __str__(self) -> str:
        return self.subject


class Finding(models.Model):
    """A finding with its evidence (phát hiện, chứng cứ); append-only once recorded."""

    inspection = models.ForeignKey(Inspection, on_delete=models.PROTECT, related_name="findings")
    text = models.TextField(_("Nội dung phát hiện"))
    evidence = models.TextField(_("Chứng cứ, tài liệu kèm theo"), blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(_("Ghi nhận lúc"))

    class Meta:
        verbose_name = _("Phát hiện")
        verbose_name_plural = _("Phát hiện")
        ordering = ["recorded_at", "pk"]

    def __str__(self) -> str:
        return self.text[:60]


class RecommendationStatus(models.TextChoices):
    DRAFT = "draft", _("Dự thảo")
    CONFIRMED = "confirmed", _("Ủy ban MTTQ đã xác nhận")
    SENT = "sent", _("Đã gửi, chờ trả lời")
    ANSWERED = "answered", _("Đã trả lời")
    CLOSED = "closed", _("Đã kết thúc theo dõi")


class Disposition(models.TextChoices):
    ACCEPTED = "accepted", _("Tiếp thu toàn bộ")
    PARTLY = "partly", _("Tiếp thu một phần")
    REJECTED = "rejected", _("Không tiếp thu")


class Recommendation(TimeStampedModel):
    """A recommendation of a board to a body or officer (kiến nghị), answered within 15 days once sent.

    After sending, its content is fixed: no service changes it, the admin is read-only, and the hash of what
    was sent is written into the hash-chained audit trail (``content_hash``), so an edit in the database shows.
    """

    board = models.ForeignKey(Board, on_delete=models.PROTECT, related_name="recommendations")
    inspection = models.ForeignKey(
        Inspection, null=True, blank=True, on_delete=models.PROTECT, related_name="recommendations"
    )
    addressee_unit = models.ForeignKey(
        "units.AdministrativeUnit",
        verbose_name=_("Cơ quan nhận kiến nghị (địa bàn)"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    addressee_organisation = models.ForeignKey(
        "units.Organisation", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    addressee_name = models.CharField(_("Gửi đến"), max_length=255)
    title = models.CharField(_("Trích yếu"), max_length=255)
    content = models.TextField(_("Nội dung kiến nghị"))
    is_public = models.BooleanField(_("Công khai kiến nghị và trả lời"), default=True)
    disclosure = models.ForeignKey(
        "disclosures.Disclosure",
        verbose_name=_("Thông tin công khai được kiến nghị"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    status = models.CharField(
        _("Trạng thái"), max_length=20, choices=RecommendationStatus.choices, default=RecommendationStatus.DRAFT
    )
    confirmed_on = models.DateField(_("Ngày Ủy ban MTTQ xác nhận"), null=True, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    sent_on = models.DateField(_("Ngày gửi"), null=True, blank=True)
    content_hash = models.CharField(_("Mã kiểm tra nội dung đã gửi"), max_length=64, blank=True)
    document = models.ForeignKey(
        "documents.Document",
        verbose_name=_("Công văn kiến nghị"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    answer = models.TextField(_("Nội dung trả lời"), blank=True)
    disposition = models.CharField(_("Kết quả tiếp thu"), max_length=10, choices=Disposition.choices, blank=True)
    answered_on = models.DateField(_("Ngày trả lời"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    public_disclosure = models.ForeignKey(
        "disclosures.Disclosure",
        verbose_name=_("Kiến nghị và trả lời đã công khai"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    closing_note = models.TextField(_("Kết quả theo dõi"), blank=True)
    closed_on = models.DateField(_("Ngày kết thúc theo dõi"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("Kiến nghị")
        verbose_name_plural = _("Kiến nghị")
        ordering = ["-sent_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=["draft", "confirmed"]) | Q(sent_on__isnull=False),
                name="oversight_recommendation_sent_has_date",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_draft(self) -> bool:
        return self.status in (RecommendationStatus.DRAFT, RecommendationStatus.CONFIRMED)

    @property
    def is_awaiting_answer(self) -> bool:
        return self.status == RecommendationStatus.SENT

    @property
    def is_answered(self) -> bool:
        return self.status == RecommendationStatus.ANSWERED


class Escalation(models.Model):
    """A recommendation left unanswered after its 15 days, sent on to the next level (chuyển kiến nghị lên cấp trên).

    ``level`` 1 is the first sending on; each level has its own 15-day clock from ``sent_on`` and the next level
    may only follow once that clock has run out. The Front (or the union) is told every time ([L] art. 40(2)).
    """

    recommendation = models.ForeignKey(Recommendation, on_delete=models.PROTECT, related_name="escalations")
    level = models.PositiveSmallIntegerField(_("Lần chuyển"))
    addressee_unit = models.ForeignKey(
        "units.AdministrativeUnit", verbose_name=_("Cấp nhận"), on_delete=models.PROTECT, related_name="+"
    )
    addressee_name = models.CharField(_("Gửi đến"), max_length=255)
    sent_on = models.DateField(_("Ngày chuyển"))
    note = models.TextField(_("Ghi chú"), blank=True)
    document = models.ForeignKey(
        "documents.Document", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("Ghi lúc"))

    class Meta:
        verbose_name = _("Chuyển kiến nghị lên cấp trên")
        verbose_name_plural = _("Chuyển kiến nghị lên cấp trên")
        ordering = ["recommendation", "level"]
        constraints = [
            models.UniqueConstraint(fields=["recommendation", "level"], name="oversight_escalation_level_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.recommendation} → {self.addressee_name}"


class ReportPeriod(models.TextChoices):
    """The board's reports to the Front or the union ([ND59] arts 14(3), 18(3), 22(3), 26(3))."""

    Q1 = "Q1", _("Quý I")
    Q2 = "Q2", _("Quý II")
    Q3 = "Q3", _("Quý III")
    Q4 = "Q4", _("Quý IV")
    H1 = "H1", _("6 tháng đầu năm")
    H2 = "H2", _("6 tháng cuối năm")
    YEAR = "Y", _("Cả năm")
    TERM = "T", _("Cuối nhiệm kỳ")


class BoardReport(models.Model):
    """A periodic report of a board (báo cáo định kỳ), issued once as an official document with its figures."""

    board = models.ForeignKey(Board, on_delete=models.PROTECT, related_name="reports")
    year = models.PositiveSmallIntegerField(_("Năm"))
    period = models.CharField(_("Kỳ báo cáo"), max_length=2, choices=ReportPeriod.choices)
    first_day = models.DateField(_("Từ ngày"))
    last_day = models.DateField(_("Đến ngày"))
    figures = models.JSONField(_("Số liệu"), default=dict)
    assessment = models.TextField(_("Đánh giá, kiến nghị"), blank=True)
    document = models.OneToOneField("documents.Document", on_delete=models.PROTECT, related_name="+")
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    issued_at = models.DateTimeField(_("Ban hành lúc"))
    staff_disclosure = models.ForeignKey(
        "disclosures.Disclosure",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("Công khai cho cán bộ, người lao động"),
    )

    class Meta:
        verbose_name = _("Báo cáo của ban")
        verbose_name_plural = _("Báo cáo của ban")
        ordering = ["-year", "period", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["board", "year", "period"], name="oversight_report_once_per_period"),
        ]

    def __str__(self) -> str:
        return f"{self.board} {self.get_period_display()} {self.year}"


class ProgrammeKind(models.TextChoices):
    """Work programmes of a board: yearly, 6-monthly, quarterly ([L] art. 39; [ND59] arts 14(1), 22(1), 26(1))."""

    YEAR = "year", _("Chương trình công tác năm")
    HALF = "half", _("Chương trình công tác 6 tháng")
    QUARTER = "quarter", _("Chương trình công tác quý")


class Programme(TimeStampedModel):
    """A work programme of a board (chương trình công tác) for one period; ``number`` is the quarter or half."""

    board = models.ForeignKey(Board, on_delete=models.PROTECT, related_name="programmes")
    kind = models.CharField(_("Loại chương trình"), max_length=10, choices=ProgrammeKind.choices)
    year = models.PositiveSmallIntegerField(_("Năm"))
    number = models.PositiveSmallIntegerField(_("Quý, 6 tháng (số thứ tự)"), default=1)
    first_day = models.DateField(_("Từ ngày"))
    last_day = models.DateField(_("Đến ngày"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("Chương trình công tác")
        verbose_name_plural = _("Chương trình công tác")
        ordering = ["-year", "kind", "number", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["board", "kind", "year", "number"], name="oversight_programme_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.number}/{self.year}"


class ProgrammeItem(models.Model):
    """One piece of work of a programme with its due date; done when recorded so (or its inspection concluded)."""

    programme = models.ForeignKey(Programme, on_delete=models.PROTECT, related_name="items")
    text = models.CharField(_("Nội dung công việc"), max_length=300)
    due_on = models.DateField(_("Hạn hoàn thành"))
    inspection = models.ForeignKey(
        Inspection, null=True, blank=True, on_delete=models.PROTECT, related_name="programme_items"
    )
    done_on = models.DateField(_("Ngày hoàn thành"), null=True, blank=True)

    class Meta:
        verbose_name = _("Việc trong chương trình công tác")
        verbose_name_plural = _("Việc trong chương trình công tác")
        ordering = ["due_on", "pk"]

    def __str__(self) -> str:
        return self.text


class BoardVote(models.Model):
    """A decision of a board taken at one of its meetings (biểu quyết của ban), with the votes cast.

    A board works collectively and decides by majority of its members ([ND59] art. 12; law.md §1(c) "Board
    decisions record a majority vote"): ``members`` is how many members the board had on ``held_on`` (counted by the
    service, not typed in); whether it passed is computed by ``rules.is_adopted``, never stored.
    """

    board = models.ForeignKey(Board, on_delete=models.PROTECT, related_name="votes")
    held_on = models.DateField(_("Ngày họp"))
    subject = models.CharField(_("Nội dung biểu quyết"), max_length=300)
    members = models.PositiveSmallIntegerField(_("Số thành viên của ban"))
    votes_for = models.PositiveSmallIntegerField(_("Số tán thành"))
    votes_against = models.PositiveSmallIntegerField(_("Số không tán thành"), default=0)
    abstentions = models.PositiveSmallIntegerField(_("Số không biểu quyết"), default=0)
    recommendation = models.ForeignKey(
        Recommendation,
        verbose_name=_("Kiến nghị được biểu quyết"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="votes",
    )
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(_("Ghi lúc"))

    class Meta:
        verbose_name = _("Biểu quyết của ban")
        verbose_name_plural = _("Biểu quyết của ban")
        ordering = ["-held_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(votes_for__lte=models.F("members") - models.F("votes_against") - models.F("abstentions")),
                name="oversight_vote_not_more_than_members",
            ),
        ]

    def __str__(self) -> str:
        return self.subject


class ConferenceReportStatus(models.TextChoices):
    DRAFT = "draft", _("Đang soạn")
    PRESENTED = "presented", _("Đã báo cáo tại hội nghị")


class ConferenceReport(models.Model):
    """The board's yearly report to the people it answers to (báo cáo tại hội nghị cuối năm).

    A commune board's member elected in a village reports at that village's year-end conference ([L] art. 33(2),
    [ND59] art. 11(3)): one report per community and year. An agency or SOE board presents its yearly report at
    the staff or employee conference ([ND59] arts 22(3), 26(3)): one per year, ``community`` empty. Drafted first,
    then recorded as presented on the conference's day and issued as a document of the board.
    """

    board = models.ForeignKey(Board, on_delete=models.PROTECT, related_name="conference_reports")
    year = models.PositiveSmallIntegerField(_("Năm"))
    community = models.ForeignKey(
        "units.AdministrativeUnit",
        verbose_name=_("Thôn, tổ dân phố"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    status = models.CharField(
        _("Trạng thái"), max_length=10, choices=ConferenceReportStatus.choices, default=ConferenceReportStatus.DRAFT
    )
    content = models.TextField(_("Nội dung báo cáo"))
    figures = models.JSONField(_("Số liệu"), default=dict)
    drafted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    drafted_at = models.DateTimeField(_("Soạn lúc"))
    conference_name = models.CharField(_("Hội nghị"), max_length=255, blank=True)
    presented_on = models.DateField(_("Ngày báo cáo tại hội nghị"), null=True, blank=True)
    presented_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    document = models.OneToOneField(
        "documents.Document", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("Báo cáo của ban tại hội nghị cuối năm")
        verbose_name_plural = _("Báo cáo của ban tại hội nghị cuối năm")
        ordering = ["-year", "community__name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["board", "year", "community"],
                condition=Q(community__isnull=False),
                name="oversight_conference_report_one_per_community",
            ),
            models.UniqueConstraint(
                fields=["board", "year"],
                condition=Q(community__isnull=True),
                name="oversight_conference_report_one_per_year",
            ),
            models.CheckConstraint(
                condition=Q(status=ConferenceReportStatus.DRAFT)
                | (Q(presented_on__isnull=False) & Q(document__isnull=False)),
                name="oversight_conference_report_presented_complete",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.board} {self.year}"


class InformationRequestStatus(models.TextChoices):
    SENT = "sent", _("Đã gửi, chờ cung cấp")
    ANSWERED = "answered", _("Đã cung cấp")
    WITHDRAWN = "withdrawn", _("Đã rút yêu cầu")


class InformationAddressee(models.TextChoices):
    """Who must provide the information ([L] arts 38(4), 40(1)(b), 43(3), 45(2)-(3), 63(1), 81(1))."""

    COMMUNE = "commune", _("Ủy ban nhân dân xã")
    INVESTOR = "investor", _("Chủ đầu tư")
    ORGANISATION_HEAD = "organisation_head", _("Người đứng đầu cơ quan, đơn vị, doanh nghiệp")
    OTHER = "other", _("Cơ quan, tổ chức khác")


class InformationRequest(TimeStampedModel):
    """A board's request for information or documents (yêu cầu cung cấp thông tin, tài liệu).

    The due day is never stored: it is computed from ``sent_on`` and the working-day period in force
    (``OVERSIGHT_INFORMATION_REPLY_WORKING_DAYS``; the law fixes none for the boards, law.md §1(c)).
    """

    board = models.ForeignKey(Board, on_delete=models.PROTECT, related_name="information_requests")
    addressee = models.CharField(_("Bên được yêu cầu"), max_length=20, choices=InformationAddressee.choices)
    addressee_name = models.CharField(_("Gửi đến"), max_length=255)
    subject = models.CharField(_("Nội dung yêu cầu"), max_length=300)
    documents = models.TextField(_("Thông tin, tài liệu cần cung cấp"))
    sent_on = models.DateField(_("Ngày gửi"))
    reply_working_days = models.PositiveSmallIntegerField(_("Thời hạn cung cấp (ngày làm việc)"))
    status = models.CharField(
        _("Trạng thái"), max_length=10, choices=InformationRequestStatus.choices, default=InformationRequestStatus.SENT
    )
    answer = models.TextField(_("Thông tin, tài liệu đã nhận"), blank=True)
    answered_on = models.DateField(_("Ngày nhận"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    withdrawal_reason = models.CharField(_("Lý do rút"), max_length=300, blank=True)
    extension_working_days = models.PositiveSmallIntegerField(_("Số ngày làm việc được gia hạn"), default=0)
    extension_reason = models.CharField(_("Lý do gia hạn"), max_length=300, blank=True)
    extended_on = models.DateField(_("Ngày thông báo gia hạn"), null=True, blank=True)
    extended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("Yêu cầu cung cấp thông tin")
        verbose_name_plural = _("Yêu cầu cung cấp thông tin")
        ordering = ["-sent_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status=InformationRequestStatus.ANSWERED) | Q(answered_on__isnull=False),
                name="oversight_information_answered_dated",
            ),
            models.CheckConstraint(
                condition=Q(answered_on__isnull=True) | Q(answered_on__gte=models.F("sent_on")),
                name="oversight_information_answered_after_sent",
            ),
            models.CheckConstraint(
                condition=Q(extension_working_days=0, extended_on__isnull=True, extension_reason="")
                | (Q(extension_working_days__gt=0, extended_on__isnull=False) & ~Q(extension_reason="")),
                name="oversight_information_extension_complete",
            ),
        ]

    def __str__(self) -> str:
        return self.subject


class SupervisedProject(TimeStampedModel):
    """A programme or project an investment supervision board supervises (chương trình, dự án được giám sát).

    The commune Front sets up a board per programme or project ([L] art. 41; [ND59] art. 17) and notifies the
    investor of the supervision plan and the members ≥ 45 days before supervision starts ([L] art. 45(1)(b);
    law.md §1(c), §6 row 51). The record keeps what the board supervises: name, investor, location, value and
    timeline, and the day the investor was notified (refused when later than 45 days before the start).
    """

    board = models.ForeignKey(Board, on_delete=models.PROTECT, related_name="projects")
    name = models.CharField(_("Tên chương trình, dự án"), max_length=300)
    investor_name = models.CharField(_("Chủ đầu tư"), max_length=255)
    location = models.CharField(_("Địa điểm thực hiện"), max_length=300)
    value_vnd = models.DecimalField(_("Tổng mức đầu tư (đồng)"), max_digits=18, decimal_places=0)
    works_start = models.DateField(_("Khởi công (dự kiến)"))
    works_end = models.DateField(_("Hoàn thành (dự kiến)"))
    supervision_start = models.DateField(_("Ngày bắt đầu giám sát"))
    investor_notified_on = models.DateField(_("Ngày thông báo kế hoạch giám sát cho chủ đầu tư"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("Dự án được giám sát")
        verbose_name_plural = _("Dự án được giám sát")
        ordering = ["supervision_start", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(value_vnd__gte=0), name="oversight_project_value_not_negative"),
            models.CheckConstraint(
                condition=Q(works_end__gte=models.F("works_start")), name="oversight_project_timeline_ordered"
            ),
        ]

    def __str__(self) -> str:
        return self.name
