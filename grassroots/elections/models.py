"""Elections of village heads and board members, and dismissals (bầu, cho thôi làm), on the vote engine.

Decree 59/2023/NĐ-CP arts 6–9, 13, 17; Law 10/2022/QH15 arts 36, 41 (law.md §1(c)).
The models moved here from the ``decisions`` app and keep their tables (``decisions_*``).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from grassroots.core.models import TimeStampedModel
from grassroots.voting.models import CommunityVote


class ElectionKind(models.TextChoices):
    VILLAGE_HEAD = "village_head", _("Trưởng thôn, Tổ trưởng tổ dân phố")
    INSPECTION_BOARD = "inspection_board", _("Thành viên Ban Thanh tra nhân dân")
    INVESTMENT_SUPERVISION_BOARD = "investment_supervision_board", _("Thành viên Ban Giám sát đầu tư của cộng đồng")


class ElectionStatus(models.TextChoices):
    PREPARING = "preparing", _("Đang chuẩn bị")
    ANNOUNCED = "announced", _("Đã niêm yết")
    VOTING = "voting", _("Đang bầu")
    ELECTED = "elected", _("Có người trúng cử")
    NO_WINNER = "no_winner", _("Không có người trúng cử")
    RECOGNISED = "recognised", _("Đã công nhận")
    REFUSED = "refused", _("Không công nhận")
    RERUN_ORDERED = "rerun_ordered", _("Đã quyết định bầu lại")
    CANCELLED = "cancelled", _("Đã hủy")


class DismissalGround(models.TextChoices):
    RESIGNATION = "resignation", _("Xin thôi làm")
    FRONT_REQUEST = "front_request", _("Trưởng Ban công tác Mặt trận đề nghị")
    HOUSEHOLD_PETITION = "household_petition", _("Từ 50% hộ gia đình trở lên kiến nghị")


class DismissalStatus(models.TextChoices):
    REQUESTED = "requested", _("Đã đề nghị")
    VOTING = "voting", _("Đang biểu quyết")
    DISMISSED = "dismissed", _("Cộng đồng đồng ý cho thôi làm")
    KEPT = "kept", _("Cộng đồng không đồng ý")
    UNDECIDED = "undecided", _("Cộng đồng chưa thống nhất, chờ UBND xã quyết định")
    RECOGNISED = "recognised", _("Đã công nhận")
    REFUSED = "refused", _("Không công nhận")


# ---------------------------------------------------------------------------------------------
# Elections (Decree 59 arts 6–9; Law arts 36, 41) and dismissals
# ---------------------------------------------------------------------------------------------


class Election(TimeStampedModel):
    """An election of a village head or of board members (cuộc bầu), run on the vote engine."""

    community = models.ForeignKey(
        "units.AdministrativeUnit", verbose_name=_("Thôn, tổ dân phố"), on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(_("Bầu"), max_length=30, choices=ElectionKind.choices)
    status = models.CharField(
        _("Trạng thái"), max_length=20, choices=ElectionStatus.choices, default=ElectionStatus.PREPARING
    )
    election_date = models.DateField(_("Ngày bầu"))
    seats = models.PositiveSmallIntegerField(_("Số người được bầu"), default=1)
    project_name = models.CharField(_("Chương trình, dự án (Ban Giám sát đầu tư)"), max_length=300, blank=True)
    decision_issued_on = models.DateField(_("Ngày ban hành quyết định, kế hoạch bầu"), null=True, blank=True)
    candidates_fixed_on = models.DateField(_("Ngày gửi biên bản danh sách người ứng cử"), null=True, blank=True)
    team_formed_on = models.DateField(_("Ngày quyết định thành lập Tổ bầu cử"), null=True, blank=True)
    notice_posted_on = models.DateField(_("Ngày niêm yết, thông báo"), null=True, blank=True)
    vote = models.OneToOneField(CommunityVote, null=True, blank=True, on_delete=models.PROTECT, related_name="election")
    rerun_of = models.OneToOneField("self", null=True, blank=True, on_delete=models.PROTECT, related_name="rerun")
    by_election_for = models.ForeignKey(
        "self",
        verbose_name=_("Bầu bổ sung cho cuộc bầu"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="by_elections",
    )
    candidate_minutes_document_id = models.BigIntegerField(
        _("Biên bản danh sách người ứng cử (Mẫu 05, mã văn bản)"), null=True, blank=True
    )
    no_winner_reason = models.TextField(_("Lý do không bầu được"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recognised_on = models.DateField(_("Ngày công nhận"), null=True, blank=True)
    term_start = models.DateField(_("Bắt đầu nhiệm kỳ"), null=True, blank=True)
    term_end = models.DateField(_("Kết thúc nhiệm kỳ"), null=True, blank=True)

    class Meta:
        db_table = "decisions_election"
        verbose_name = _("Cuộc bầu")
        verbose_name_plural = _("Cuộc bầu")
        ordering = ["-election_date", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} — {self.election_date}"

    # What templates ask, instead of comparing status strings.
    @property
    def is_preparing(self) -> bool:
        return self.status == ElectionStatus.PREPARING

    @property
    def is_announced(self) -> bool:
        return self.status == ElectionStatus.ANNOUNCED

    @property
    def is_voting(self) -> bool:
        return self.status == ElectionStatus.VOTING

    @property
    def is_elected(self) -> bool:
        return self.status == ElectionStatus.ELECTED

    @property
    def is_no_winner(self) -> bool:
        return self.status == ElectionStatus.NO_WINNER

    @property
    def is_refused(self) -> bool:
        return self.status == ElectionStatus.REFUSED

    @property
    def is_recognised(self) -> bool:
        return self.status == ElectionStatus.RECOGNISED


class Candidate(models.Model):
    """A person on the official candidate list (danh sách người ứng cử) of an election."""

    election = models.ForeignKey(Election, on_delete=models.CASCADE, related_name="candidates")
    full_name = models.CharField(_("Họ và tên"), max_length=200)
    resident = models.ForeignKey("units.Resident", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    is_elected = models.BooleanField(_("Trúng cử"), default=False)
    is_from_floor = models.BooleanField(_("Được đề cử, tự ứng cử tại hội nghị"), default=False)
    nominated_by = models.CharField(_("Người giới thiệu"), max_length=200, blank=True)
    is_self_nominated = models.BooleanField(_("Tự ứng cử"), default=False)

    class Meta:
        db_table = "decisions_candidate"
        verbose_name = _("Người ứng cử")
        verbose_name_plural = _("Người ứng cử")
        ordering = ["election", "pk"]

    def __str__(self) -> str:
        return self.full_name


class ElectionTeamMember(models.Model):
    """A member of the election team (Tổ bầu cử) set up by the commune Chair (ND59 art. 6(1)(b))."""

    election = models.ForeignKey(Election, on_delete=models.CASCADE, related_name="team")
    full_name = models.CharField(_("Họ và tên"), max_length=200)
    resident = models.ForeignKey("units.Resident", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    is_leader = models.BooleanField(_("Tổ trưởng"), default=False)

    class Meta:
        db_table = "decisions_electionteammember"
        verbose_name = _("Thành viên Tổ bầu cử")
        verbose_name_plural = _("Tổ bầu cử")
        ordering = ["election", "pk"]

    def __str__(self) -> str:
        return self.full_name


class Dismissal(TimeStampedModel):
    """Dismissal of a village head (cho thôi làm Trưởng thôn), ND59 art. 9."""

    community = models.ForeignKey(
        "units.AdministrativeUnit", verbose_name=_("Thôn, tổ dân phố"), on_delete=models.PROTECT, related_name="+"
    )
    head = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    ground = models.CharField(_("Căn cứ"), max_length=30, choices=DismissalGround.choices)
    reason = models.TextField(_("Lý do"))
    petition_households = models.PositiveIntegerField(_("Số hộ kiến nghị"), default=0)
    household_count = models.PositiveIntegerField(_("Tổng số hộ khi đề nghị"), default=0)
    status = models.CharField(
        _("Trạng thái"), max_length=20, choices=DismissalStatus.choices, default=DismissalStatus.REQUESTED
    )
    vote = models.OneToOneField(
        CommunityVote, null=True, blank=True, on_delete=models.PROTECT, related_name="dismissal"
    )
    recognised_on = models.DateField(_("Ngày công nhận"), null=True, blank=True)
    interim_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    interim_until = models.DateField(_("Lâm thời đến hết ngày trước"), null=True, blank=True)
    front_chair_agreed_on = models.DateField(
        _("Ngày Chủ tịch UBND xã thống nhất với Chủ tịch Ủy ban MTTQ xã về việc triệu tập"),
        null=True,
        blank=True,
    )
    commune_decided_on = models.DateField(
        _("Ngày UBND xã quyết định (cộng đồng chưa thống nhất)"), null=True, blank=True
    )
    commune_front_agreed_on = models.DateField(_("Ngày thống nhất với Ủy ban MTTQ xã"), null=True, blank=True)
    commune_decision_reason = models.TextField(_("Nội dung quyết định của UBND xã"), blank=True)
    commune_decision_document_id = models.BigIntegerField(
        _("Quyết định của UBND xã khi cộng đồng chưa thống nhất (mã văn bản)"), null=True, blank=True
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        db_table = "decisions_dismissal"
        verbose_name = _("Cho thôi làm Trưởng thôn")
        verbose_name_plural = _("Cho thôi làm Trưởng thôn")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.community_id}: {self.get_ground_display()}"

    # What templates ask, instead of comparing status strings.
    @property
    def is_requested(self) -> bool:
        return self.status == DismissalStatus.REQUESTED

    @property
    def is_voting(self) -> bool:
        return self.status == DismissalStatus.VOTING

    @property
    def is_dismissed(self) -> bool:
        return self.status == DismissalStatus.DISMISSED

    @property
    def is_recognised(self) -> bool:
        return self.status == DismissalStatus.RECOGNISED


class VillageHeadTermSetting(models.Model):
    """A province's village-head term (nhiệm kỳ Trưởng thôn, tổ trưởng tổ dân phố) from a date.

    [TT04] art. 12(2) lets each province choose 2.5 or 5 years; [ND185] art. 4 reportedly fixes 5 years
    (UNCERTAIN, law.md §7 q. 2). Without a row the default ``rules.VILLAGE_HEAD_TERM_MONTHS_DEFAULT``
    (or ``settings.DECISIONS_VILLAGE_HEAD_TERM_MONTHS``) applies.
    """

    province = models.ForeignKey(
        "units.AdministrativeUnit",
        verbose_name=_("Tỉnh, thành phố"),
        on_delete=models.PROTECT,
        related_name="village_head_terms",
        limit_choices_to={"level": "province"},
    )
    months = models.PositiveSmallIntegerField(_("Số tháng của nhiệm kỳ"))
    effective_from = models.DateField(_("Áp dụng từ ngày"))
    source = models.CharField(_("Văn bản quy định"), max_length=255, blank=True)

    class Meta:
        db_table = "decisions_villageheadtermsetting"
        verbose_name = _("Nhiệm kỳ Trưởng thôn theo tỉnh")
        verbose_name_plural = _("Nhiệm kỳ Trưởng thôn theo tỉnh")
        ordering = ["province", "-effective_from"]
        constraints = [
            models.UniqueConstraint(fields=["province", "effective_from"], name="village_head_term_one_per_date"),
            models.CheckConstraint(condition=Q(months__in=[30, 60]), name="village_head_term_allowed_months"),
        ]

    def __str__(self) -> str:
        return f"{self.province}: {self.months} ({self.effective_from})"
