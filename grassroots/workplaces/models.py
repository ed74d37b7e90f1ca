"""Democracy inside agencies, public service units and enterprises (Law 10/2022/QH15 Chapters III–IV).

law.md §2 (agencies and public service units: arts 46–63) and §3 (state-owned enterprises arts 64–81;
every employer: Labour Code art. 63, Decree 145/2020 arts 37–48). The organisation itself is
``units.Organisation``; this app adds its staff register, the annual staff or employee conference,
staff ballots and workplace dialogue. A staff consultation is a ``consultations.Consultation`` owned by the
organisation. Internal disclosure lives in ``disclosures``; the
organisation's People's Inspection Board lives in ``oversight`` (see ``selectors.inspection_board_hook``).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from grassroots.core.models import TimeStampedModel


class DemocracyRegime(models.TextChoices):
    """Which rules a non-state employer follows ([L] art. 82; law.md §3.2)."""

    LAW_CHAPTER = "law_chapter", _("Theo Luật Thực hiện dân chủ ở cơ sở (cơ quan, đơn vị, doanh nghiệp nhà nước)")
    LABOUR_CODE_ONLY = "labour_code_only", _("Chỉ theo Bộ luật Lao động và Nghị định 145/2020")
    SOE_RULES_OPT_IN = "soe_rules_opt_in", _("Tự nguyện áp dụng quy định như doanh nghiệp nhà nước")


class WorkplaceProfile(TimeStampedModel):
    """The organisation as a tenant of this app (hồ sơ dân chủ của cơ quan, đơn vị, doanh nghiệp)."""

    organisation = models.OneToOneField(
        "units.Organisation", verbose_name=_("Cơ quan, đơn vị"), on_delete=models.PROTECT, related_name="workplace"
    )
    work_year_end_month = models.PositiveSmallIntegerField(
        _("Tháng kết thúc năm công tác, năm tài chính"),
        default=12,
        help_text=_("12 = năm công tác kết thúc ngày 31/12. Trường học có thể chọn tháng kết thúc năm học."),
    )
    union_name = models.CharField(_("Tên tổ chức công đoàn"), max_length=255, blank=True)
    has_intranet = models.BooleanField(_("Có mạng nội bộ, cổng thông tin nội bộ"), default=False)
    regime = models.CharField(
        _("Chế độ áp dụng"), max_length=30, choices=DemocracyRegime.choices, default=DemocracyRegime.LAW_CHAPTER
    )

    class Meta:
        verbose_name = _("Hồ sơ dân chủ cơ sở của cơ quan, đơn vị")
        verbose_name_plural = _("Hồ sơ dân chủ cơ sở của cơ quan, đơn vị")
        constraints = [
            models.CheckConstraint(
                condition=Q(work_year_end_month__gte=1) & Q(work_year_end_month__lte=12),
                name="workplace_year_end_month_valid",
            )
        ]

    def __str__(self) -> str:
        return str(self.organisation)


class StaffPost(models.TextChoices):
    """A post that bars its holder from the organisation's People's Inspection Board ([L] arts 60(2), 77(2)).

    The values are ``oversight.models.Post``'s, so the board's own eligibility rule reads them; the head is
    ``StaffMember.is_head``."""

    NONE = "none", _("Không giữ chức vụ bị loại trừ")
    DEPUTY_HEAD = "deputy_head", _("Cấp phó của người đứng đầu")
    CHIEF_ACCOUNTANT = "chief_accountant", _("Kế toán trưởng")
    LEGAL_REPRESENTATIVE = "legal_representative", _("Người đại diện theo pháp luật của doanh nghiệp")
    MANAGER = "manager", _("Thành viên Hội đồng thành viên, Ban điều hành, Ban giám đốc")


class StaffMemberQuerySet(models.QuerySet["StaffMember"]):
    def active_on(self, day: object) -> StaffMemberQuerySet:
        """Staff who count on ``day``: ``active_from <= day`` and (no ``active_until`` or ``day < active_until``)."""
        return self.filter(Q(active_until__isnull=True) | Q(active_until__gt=day), active_from__lte=day)


class StaffMember(TimeStampedModel):
    """A member of staff (cán bộ, công chức, viên chức, người lao động) of one organisation.

    The headcount on a day is the number of rows active on that day: it is the denominator of the
    conference quorum ([L] arts 51(2)(c), 69(2)(c)) and of the one-third petitions ([L] arts 50(1), 51(1)).
    """

    organisation = models.ForeignKey(
        "units.Organisation", verbose_name=_("Cơ quan, đơn vị"), on_delete=models.PROTECT, related_name="staff"
    )
    code = models.CharField(_("Mã nhân sự"), max_length=40)
    full_name = models.CharField(_("Họ và tên"), max_length=200)
    division = models.CharField(_("Bộ phận, tổ"), max_length=200, blank=True)
    position = models.CharField(_("Chức vụ, chức danh"), max_length=200, blank=True)
    gender = models.CharField(_("Giới tính"), max_length=10, blank=True)
    birth_date = models.DateField(_("Ngày sinh"), null=True, blank=True)
    phone = models.CharField(_("Số điện thoại"), max_length=20, blank=True)
    is_head = models.BooleanField(_("Người đứng đầu"), default=False)
    post = models.CharField(
        _("Chức vụ quản lý"), max_length=30, choices=StaffPost.choices, default=StaffPost.NONE, blank=True
    )
    is_union_executive = models.BooleanField(_("Ủy viên Ban chấp hành công đoàn"), default=False)
    active_from = models.DateField(_("Làm việc từ ngày"))
    active_until = models.DateField(_("Thôi làm việc từ ngày"), null=True, blank=True)

    objects = StaffMemberQuerySet.as_manager()

    class Meta:
        verbose_name = _("Cán bộ, người lao động")
        verbose_name_plural = _("Cán bộ, người lao động")
        ordering = ["organisation", "division", "full_name"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "code"], name="staff_code_unique_in_organisation"),
            models.CheckConstraint(
                condition=Q(active_until__isnull=True) | Q(active_until__gt=models.F("active_from")),
                name="staff_active_period_ordered",
            ),
            models.UniqueConstraint(
                fields=["organisation"],
                condition=Q(is_head=True) & Q(active_until__isnull=True),
                name="staff_one_current_head",
            ),
        ]
        indexes = [models.Index(fields=["organisation", "active_from", "active_until"], name="staff_count_by_date_idx")]

    def __str__(self) -> str:
        return self.full_name


class HeadAuthorisation(TimeStampedModel):
    """A written authorisation (giấy ủy quyền) by which the head, the legal representative, lets a deputy act for
    them while absent: chair the staff or employee conference and sign its papers ([L] arts 51(2), 69(2)), and
    attend workplace dialogue as the employer's representative (Decree 145/2020 art. 39(4): "hoặc người được ủy
    quyền"). Valid from ``valid_from`` to the end of ``valid_until``."""

    organisation = models.ForeignKey(
        "units.Organisation", verbose_name=_("Cơ quan, đơn vị"), on_delete=models.PROTECT, related_name="+"
    )
    deputy = models.ForeignKey(
        StaffMember, verbose_name=_("Người được ủy quyền"), on_delete=models.PROTECT, related_name="authorisations"
    )
    valid_from = models.DateField(_("Ủy quyền từ ngày"))
    valid_until = models.DateField(_("Ủy quyền đến hết ngày"))
    reference = models.CharField(_("Số, ngày giấy ủy quyền"), max_length=100)
    reason = models.CharField(_("Lý do người đứng đầu vắng mặt"), max_length=300)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("Ủy quyền của người đứng đầu")
        verbose_name_plural = _("Ủy quyền của người đứng đầu")
        ordering = ["-valid_from", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_until__gte=models.F("valid_from")), name="head_authorisation_period_ordered"
            )
        ]

    def __str__(self) -> str:
        return f"{self.reference} ({self.deputy_id})"


class ConferenceKind(models.TextChoices):
    ANNUAL = "annual", _("Hội nghị thường niên")
    EXTRAORDINARY = "extraordinary", _("Hội nghị bất thường")


class ConferenceFormat(models.TextChoices):
    PLENARY = "plenary", _("Toàn thể")
    DELEGATES = "delegates", _("Đại biểu")


class ConferenceProposer(models.TextChoices):
    """Who asked for an extraordinary conference ([L] arts 51(1), 69(1))."""

    HEAD = "head", _("Người đứng đầu")
    UNION = "union", _("Ban chấp hành công đoàn")
    STAFF = "staff", _("Ít nhất một phần ba cán bộ, người lao động")


class ConferenceStatus(models.TextChoices):
    PREPARING = "preparing", _("Đang chuẩn bị")
    OPEN = "open", _("Đang họp, điểm danh")
    HELD = "held", _("Đủ số người dự, đang biểu quyết")
    NO_QUORUM = "no_quorum", _("Không đủ số người dự")
    ISSUED = "issued", _("Đã ban hành nghị quyết")
    CANCELLED = "cancelled", _("Đã hủy")


class Conference(TimeStampedModel):
    """A staff conference (hội nghị cán bộ, công chức, viên chức) of an agency or public service unit, or an
    employee conference (hội nghị người lao động) of an enterprise ([L] arts 51, 69; Decree 145 art. 47)."""

    organisation = models.ForeignKey(
        "units.Organisation", verbose_name=_("Cơ quan, đơn vị"), on_delete=models.PROTECT, related_name="conferences"
    )
    kind = models.CharField(_("Loại hội nghị"), max_length=20, choices=ConferenceKind.choices)
    work_year = models.PositiveIntegerField(_("Năm công tác được tổng kết"))
    convening = models.PositiveSmallIntegerField(_("Lần triệu tập"), default=1)
    format = models.CharField(_("Hình thức"), max_length=20, choices=ConferenceFormat.choices)
    proposer = models.CharField(_("Đề nghị tổ chức"), max_length=20, choices=ConferenceProposer.choices)
    supporters = models.PositiveIntegerField(_("Số người ký đề nghị"), default=0)
    scheduled_on = models.DateField(_("Ngày tổ chức"))
    place = models.CharField(_("Địa điểm"), max_length=255, blank=True)
    status = models.CharField(
        _("Trạng thái"), max_length=20, choices=ConferenceStatus.choices, default=ConferenceStatus.PREPARING
    )
    roll_size = models.PositiveIntegerField(_("Tổng số người được triệu tập"), null=True, blank=True)
    """Frozen when the conference opens: all staff on the day (plenary) or the delegates summoned."""
    opened_at = models.DateTimeField(_("Khai mạc lúc"), null=True, blank=True)
    attendance_closed_at = models.DateTimeField(_("Chốt điểm danh lúc"), null=True, blank=True)
    issued_at = models.DateTimeField(_("Ban hành lúc"), null=True, blank=True)
    resolution_document = models.ForeignKey(
        "documents.Document", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    minutes_document = models.ForeignKey(
        "documents.Document", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    resolution_disclosure = models.ForeignKey(
        "disclosures.Disclosure", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    cancel_reason = models.TextField(_("Lý do hủy"), blank=True)
    chair = models.ForeignKey(
        StaffMember,
        verbose_name=_("Chủ trì hội nghị"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    """The head, or while the head is absent a deputy holding ``chair_authorisation``; signs the minutes and the
    resolution. Empty: the head's account that issues them signs."""
    chair_authorisation = models.ForeignKey(
        HeadAuthorisation, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("Hội nghị cán bộ, người lao động")
        verbose_name_plural = _("Hội nghị cán bộ, người lao động")
        ordering = ["-scheduled_on", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(convening__gte=1) & Q(convening__lte=2), name="conference_convening"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.work_year} — {self.organisation}"

    @property
    def is_preparing(self) -> bool:
        return self.status == ConferenceStatus.PREPARING

    @property
    def is_open(self) -> bool:
        return self.status == ConferenceStatus.OPEN

    @property
    def is_held(self) -> bool:
        return self.status == ConferenceStatus.HELD


class ConferenceStep(models.Model):
    """One preparation step done (bước chuẩn bị hội nghị), with its date and who recorded it."""

    conference = models.ForeignKey(Conference, on_delete=models.CASCADE, related_name="steps")
    code = models.CharField(_("Bước"), max_length=40)
    done_on = models.DateField(_("Ngày thực hiện"))
    note = models.CharField(_("Ghi chú"), max_length=500, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("Bước chuẩn bị hội nghị")
        verbose_name_plural = _("Bước chuẩn bị hội nghị")
        ordering = ["conference", "done_on", "pk"]
        constraints = [models.UniqueConstraint(fields=["conference", "code"], name="conference_step_once")]

    def __str__(self) -> str:
        return self.code


class ConferenceDelegate(models.Model):
    """A delegate summoned to a delegates' conference ([L] art. 51(2)(b))."""

    conference = models.ForeignKey(Conference, on_delete=models.CASCADE, related_name="delegates")
    staff_member = models.ForeignKey(StaffMember, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("Đại biểu được triệu tập")
        verbose_name_plural = _("Đại biểu được triệu tập")
        constraints = [models.UniqueConstraint(fields=["conference", "staff_member"], name="conference_delegate_once")]

    def __str__(self) -> str:
        return str(self.staff_member_id)


class Attendance(models.Model):
    """One person present at a conference (điểm danh): once per person, only while attendance is open."""

    conference = models.ForeignKey(Conference, on_delete=models.PROTECT, related_name="attendance")
    staff_member = models.ForeignKey(StaffMember, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(_("Ghi nhận lúc"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("Điểm danh")
        verbose_name_plural = _("Điểm danh")
        ordering = ["conference", "recorded_at", "pk"]
        constraints = [models.UniqueConstraint(fields=["conference", "staff_member"], name="attendance_once")]

    def __str__(self) -> str:
        return f"{self.conference_id}/{self.staff_member_id}"


class StaffDecisionMatter(models.TextChoices):
    """What staff decide at the conference ([L] arts 49, 67)."""

    CONFERENCE_RESOLUTION = "conference_resolution", _("Nghị quyết hội nghị")
    CONTRIBUTIONS = "contributions", _("Các khoản đóng góp, quỹ do người lao động đóng góp")
    INSPECTION_BOARD = "inspection_board", _("Bầu, bãi nhiệm Ban Thanh tra nhân dân")
    EMULATION_COVENANT = "emulation_covenant", _("Giao ước thi đua")
    OTHER = "other", _("Công việc nội bộ khác")


class ResolutionItem(models.Model):
    """One matter voted at a conference: passes with more than half of those present ([L] arts 51(2)(c), 69(2)(c))."""

    conference = models.ForeignKey(Conference, on_delete=models.PROTECT, related_name="items")
    position = models.PositiveIntegerField(_("Thứ tự"))
    matter = models.CharField(_("Nội dung quyết định"), max_length=30, choices=StaffDecisionMatter.choices)
    title = models.CharField(_("Tên nội dung"), max_length=300)
    text = models.TextField(_("Nội dung"))
    votes_for = models.PositiveIntegerField(_("Số người tán thành"), null=True, blank=True)
    votes_against = models.PositiveIntegerField(_("Số người không tán thành"), null=True, blank=True)
    votes_abstain = models.PositiveIntegerField(_("Số người không biểu quyết"), null=True, blank=True)
    voted_at = models.DateTimeField(_("Biểu quyết lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("Nội dung biểu quyết")
        verbose_name_plural = _("Nội dung biểu quyết")
        ordering = ["conference", "position"]
        constraints = [
            models.UniqueConstraint(fields=["conference", "position"], name="resolution_item_position_once"),
            models.CheckConstraint(
                condition=(
                    Q(voted_at__isnull=True, votes_for__isnull=True, votes_against__isnull=True)
                    | Q(voted_at__isnull=False, votes_for__isnull=False, votes_against__isnull=False)
                ),
                name="resolution_item_votes_complete",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class ResolutionReview(models.Model):
    """The six-monthly check of the conference resolution, notified to all staff ([L] arts 52(3), 70(3))."""

    conference = models.ForeignKey(Conference, on_delete=models.PROTECT, related_name="reviews")
    reviewed_on = models.DateField(_("Ngày kiểm tra"))
    findings = models.TextField(_("Kết quả thực hiện nghị quyết"))
    notice_document = models.ForeignKey(
        "documents.Document", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("Kiểm tra thực hiện nghị quyết")
        verbose_name_plural = _("Kiểm tra thực hiện nghị quyết")
        ordering = ["conference", "reviewed_on"]

    def __str__(self) -> str:
        return f"{self.conference_id} {self.reviewed_on}"


class DialogueKind(models.TextChoices):
    """Why a workplace dialogue is held (Labour Code art. 63(2))."""

    PERIODIC = "periodic", _("Đối thoại định kỳ")
    ON_REQUEST = "on_request", _("Đối thoại theo yêu cầu")
    MATTER = "matter", _("Đối thoại khi có vụ việc theo luật định")


class DialogueStatus(models.TextChoices):
    PLANNED = "planned", _("Đã lên lịch")
    HELD = "held", _("Đã đối thoại, có biên bản")
    INVALID = "invalid", _("Không đủ điều kiện tiến hành")
    PUBLISHED = "published", _("Đã phổ biến kết quả")
    CANCELLED = "cancelled", _("Đã hủy")


class WorkplaceDialogue(TimeStampedModel):
    """A workplace dialogue (đối thoại tại nơi làm việc): Labour Code art. 63; Decree 145/2020 arts 38–41."""

    organisation = models.ForeignKey(
        "units.Organisation", verbose_name=_("Cơ quan, đơn vị"), on_delete=models.PROTECT, related_name="dialogues"
    )
    kind = models.CharField(_("Loại đối thoại"), max_length=20, choices=DialogueKind.choices)
    year = models.PositiveIntegerField(_("Năm"))
    scheduled_on = models.DateField(_("Ngày đối thoại"))
    topics = models.TextField(_("Nội dung đối thoại"))
    content_sent_on = models.DateField(_("Ngày gửi nội dung cho bên kia"), null=True, blank=True)
    requested_on = models.DateField(_("Ngày nhận yêu cầu đối thoại"), null=True, blank=True)
    employer_representatives = models.PositiveIntegerField(_("Số thành viên bên người sử dụng lao động"))
    worker_representatives = models.PositiveIntegerField(_("Số thành viên bên người lao động"))
    workers_present = models.PositiveIntegerField(_("Số thành viên bên người lao động có mặt"), null=True, blank=True)
    legal_representative_present = models.BooleanField(_("Người đại diện theo pháp luật có mặt"), null=True)
    outcome = models.TextField(_("Kết quả đối thoại"), blank=True)
    status = models.CharField(
        _("Trạng thái"), max_length=20, choices=DialogueStatus.choices, default=DialogueStatus.PLANNED
    )
    held_on = models.DateField(_("Ngày đã đối thoại"), null=True, blank=True)
    published_on = models.DateField(_("Ngày phổ biến kết quả"), null=True, blank=True)
    minutes_document = models.ForeignKey(
        "documents.Document", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    stand_in_authorisation = models.ForeignKey(
        HeadAuthorisation,
        verbose_name=_("Ủy quyền của người thay mặt người đại diện theo pháp luật"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    member_list = models.ForeignKey(
        "DialogueMemberList",
        verbose_name=_("Danh sách thành viên đối thoại"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="dialogues",
    )
    result_disclosure = models.ForeignKey(
        "disclosures.Disclosure", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("Đối thoại tại nơi làm việc")
        verbose_name_plural = _("Đối thoại tại nơi làm việc")
        ordering = ["-scheduled_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(workers_present__isnull=True) | Q(workers_present__lte=models.F("worker_representatives")),
                name="dialogue_present_within_representatives",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.scheduled_on:%d/%m/%Y}"


# ---------------------------------------------------------------------------------------------
# Staff ballots: the decision without a conference ([L] arts 50(2), 68(2))
# ---------------------------------------------------------------------------------------------


class StaffBallotGround(models.TextChoices):
    """Why staff decide by ballot instead of at the conference ([L] art. 50(2); art. 68)."""

    TWO_FAILED_CONVENINGS = "two_failed_convenings", _("Đã triệu tập hội nghị hai lần không đủ số người dự")
    FORCE_MAJEURE = "force_majeure", _("Không tổ chức được hội nghị vì sự kiện bất khả kháng")


class StaffBallotStatus(models.TextChoices):
    DRAFT = "draft", _("Đang chuẩn bị")
    OPEN = "open", _("Đang phát, nhận phiếu")
    COUNTED = "counted", _("Đã kiểm phiếu, công bố kết quả")
    CANCELLED = "cancelled", _("Đã hủy")


class BallotChoice(models.TextChoices):
    FOR = "for", _("Đồng ý")
    AGAINST = "against", _("Không đồng ý")
    ABSTAIN = "abstain", _("Không có ý kiến")


class StaffBallot(TimeStampedModel):
    """Ballots sent to all staff (phát phiếu lấy ý kiến toàn thể cán bộ, người lao động).

    When the conference could not be held or was convened twice without quorum, the head, after agreeing
    with the union executive, decides the matter by ballots to all staff ([L] art. 50(2); art. 68 for
    enterprises). The roll (staff on the opening day) is frozen in ``StaffBallotRollEntry`` and its size in
    ``roll_size``; each person of the roll returns at most one ballot (``StaffBallotReturn``).
    """

    organisation = models.ForeignKey(
        "units.Organisation", verbose_name=_("Cơ quan, đơn vị"), on_delete=models.PROTECT, related_name="staff_ballots"
    )
    ground = models.CharField(_("Căn cứ phát phiếu"), max_length=30, choices=StaffBallotGround.choices)
    work_year = models.PositiveIntegerField(_("Năm công tác"))
    failed_conference = models.ForeignKey(
        Conference,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("Hội nghị triệu tập lần 2 không đủ số người dự"),
    )
    force_majeure_reason = models.TextField(_("Sự kiện bất khả kháng"), blank=True)
    union_agreed_on = models.DateField(_("Ngày thống nhất với Ban chấp hành công đoàn"))
    matter = models.CharField(_("Nội dung quyết định"), max_length=30, choices=StaffDecisionMatter.choices)
    title = models.CharField(_("Tên nội dung"), max_length=300)
    text = models.TextField(_("Nội dung lấy phiếu"))
    is_secret = models.BooleanField(_("Phiếu kín"), default=False)
    opens_on = models.DateField(_("Ngày phát phiếu"))
    closes_on = models.DateField(_("Hạn nộp phiếu"))
    status = models.CharField(
        _("Trạng thái"), max_length=20, choices=StaffBallotStatus.choices, default=StaffBallotStatus.DRAFT
    )
    roll_size = models.PositiveIntegerField(_("Tổng số người được phát phiếu"), null=True, blank=True)
    opened_at = models.DateTimeField(_("Phát phiếu lúc"), null=True, blank=True)
    counted_at = models.DateTimeField(_("Kiểm phiếu lúc"), null=True, blank=True)
    votes_for = models.PositiveIntegerField(_("Số phiếu đồng ý"), null=True, blank=True)
    votes_against = models.PositiveIntegerField(_("Số phiếu không đồng ý"), null=True, blank=True)
    votes_abstain = models.PositiveIntegerField(_("Số phiếu không có ý kiến"), null=True, blank=True)
    votes_invalid = models.PositiveIntegerField(_("Số phiếu không hợp lệ"), null=True, blank=True)
    minutes_document = models.ForeignKey(
        "documents.Document", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    result_disclosure = models.ForeignKey(
        "disclosures.Disclosure", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("Lấy phiếu cán bộ, người lao động")
        verbose_name_plural = _("Lấy phiếu cán bộ, người lao động")
        ordering = ["-opens_on", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(closes_on__gte=models.F("opens_on")), name="staff_ballot_closes_after"),
            models.CheckConstraint(
                condition=~Q(ground="two_failed_convenings") | Q(failed_conference__isnull=False),
                name="staff_ballot_failed_conference_named",
            ),
            models.CheckConstraint(
                condition=Q(counted_at__isnull=True)
                | Q(votes_for__isnull=False, votes_against__isnull=False, votes_abstain__isnull=False),
                name="staff_ballot_count_complete",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class StaffBallotRollEntry(models.Model):
    """One person to whom a ballot is sent, frozen when the ballot opens: later register changes do not touch it."""

    ballot = models.ForeignKey(StaffBallot, on_delete=models.PROTECT, related_name="roll")
    staff_member = models.ForeignKey(StaffMember, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("Người được phát phiếu")
        verbose_name_plural = _("Danh sách phát phiếu")
        constraints = [models.UniqueConstraint(fields=["ballot", "staff_member"], name="staff_ballot_roll_once")]

    def __str__(self) -> str:
        return f"{self.ballot_id}/{self.staff_member_id}"


class StaffBallotReturn(models.Model):
    """A ballot returned by one person of the roll (phiếu đã nộp): at most one per person, by the database.

    ``choice`` is kept only for an open (signed) ballot. A secret ballot's return records that the person
    voted, never what: the counting team counts the secret ballots per choice into the ballot's totals.
    """

    ballot = models.ForeignKey(StaffBallot, on_delete=models.PROTECT, related_name="returns")
    staff_member = models.ForeignKey(StaffMember, on_delete=models.PROTECT, related_name="+")
    roll_entry = models.OneToOneField(StaffBallotRollEntry, on_delete=models.PROTECT, related_name="ballot_return")
    choice = models.CharField(_("Ý kiến"), max_length=10, choices=BallotChoice.choices, blank=True)
    recorded_at = models.DateTimeField(_("Ghi nhận lúc"))
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("Phiếu đã nộp")
        verbose_name_plural = _("Phiếu đã nộp")
        constraints = [
            models.UniqueConstraint(fields=["ballot", "staff_member"], name="staff_ballot_one_return_per_person")
        ]

    def __str__(self) -> str:
        return f"{self.ballot_id}/{self.staff_member_id}"


# ---------------------------------------------------------------------------------------------
# Workplace dialogue members (Decree 145/2020 art. 38)
# ---------------------------------------------------------------------------------------------


class DialogueSide(models.TextChoices):
    EMPLOYER = "employer", _("Bên người sử dụng lao động")
    WORKERS = "workers", _("Bên người lao động")


class DialogueMemberList(TimeStampedModel):
    """The members of both sides of workplace dialogue for a term (danh sách thành viên đối thoại).

    Fixed at least every 2 years and published at the workplace (Decree 145 art. 38(3)); the employer side
    has at least 3 people with the legal representative, the worker side is sized by the workforce
    (art. 38(1)–(2)). A new list replaces the one in force from its ``fixed_on``.
    """

    organisation = models.ForeignKey(
        "units.Organisation", verbose_name=_("Cơ quan, đơn vị"), on_delete=models.PROTECT, related_name="dialogue_lists"
    )
    fixed_on = models.DateField(_("Ngày xác định danh sách"))
    valid_until = models.DateField(_("Hiệu lực đến hết ngày"))
    published_on = models.DateField(_("Ngày công khai tại nơi làm việc"))
    headcount = models.PositiveIntegerField(_("Số lao động khi xác định"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("Danh sách thành viên đối thoại")
        verbose_name_plural = _("Danh sách thành viên đối thoại")
        ordering = ["-fixed_on", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(valid_until__gt=models.F("fixed_on")), name="dialogue_list_term"),
        ]

    def __str__(self) -> str:
        return f"{self.organisation_id} {self.fixed_on:%d/%m/%Y}"


class DialogueMember(models.Model):
    """One member of one side of dialogue in a list; the legal representative is marked on the employer side."""

    member_list = models.ForeignKey(DialogueMemberList, on_delete=models.PROTECT, related_name="members")
    staff_member = models.ForeignKey(StaffMember, on_delete=models.PROTECT, related_name="+")
    side = models.CharField(_("Bên"), max_length=10, choices=DialogueSide.choices)
    is_legal_representative = models.BooleanField(_("Người đại diện theo pháp luật"), default=False)

    class Meta:
        verbose_name = _("Thành viên đối thoại")
        verbose_name_plural = _("Thành viên đối thoại")
        ordering = ["member_list", "side", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["member_list", "staff_member"], name="dialogue_member_once"),
            models.CheckConstraint(
                condition=Q(is_legal_representative=False) | Q(side="employer"), name="dialogue_legal_rep_employer"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.member_list_id}/{self.staff_member_id}"


class DialoguePresence(models.Model):
    """A member of the list present at one dialogue (điểm danh đối thoại)."""

    dialogue = models.ForeignKey(WorkplaceDialogue, on_delete=models.PROTECT, related_name="presences")
    member = models.ForeignKey(DialogueMember, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("Thành viên có mặt khi đối thoại")
        verbose_name_plural = _("Thành viên có mặt khi đối thoại")
        constraints = [models.UniqueConstraint(fields=["dialogue", "member"], name="dialogue_presence_once")]

    def __str__(self) -> str:
        return f"{self.dialogue_id}/{self.member_id}"
