"""Community votes (Nhân dân bàn và quyết định): the vote engine for meetings, household ballots and online votes.

Law 10/2022/QH15 arts 15–24 and Decree 59/2023/NĐ-CP arts 3–5 (law.md §1(b), §1(g)).

The vote engine in one paragraph: a ``CommunityVote`` (cuộc biểu quyết) belongs to one community
(or to a commune, for commune-wide D1/D2, with one child vote per community). When voting opens the
denominator (active households on that day) is frozen on the vote. Every household that takes part
gets exactly one ``VoteParticipation`` row, whatever the channel (database ``UniqueConstraint``).
An open vote keeps the chosen option on that row; a secret vote keeps it in ``SecretChoice``, a
table with no household, no timestamp and a random primary key, rewritten in shuffled order when
the vote closes (see ``SecretChoice``).

The models moved here from the ``decisions`` app and keep their tables (``decisions_*``): see
``grassroots/decisions/migrations/0004_models_moved.py``.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from grassroots.core.models import TimeStampedModel

# ---------------------------------------------------------------------------------------------
# Enumerations (English values, Vietnamese labels); the rules in ``rules.py`` read them.
# ---------------------------------------------------------------------------------------------


class MatterCode(models.TextChoices):
    """The six matters the community decides (Law art. 15)."""

    D1 = "D1", _("Chủ trương, mức đóng góp xây dựng hạ tầng, công trình công cộng")
    D2 = "D2", _("Thu, chi, quản lý các khoản đóng góp, kinh phí, tài sản của cộng đồng")
    D3 = "D3", _("Nội dung hương ước, quy ước")
    D4 = "D4", _("Bầu, cho thôi làm Trưởng thôn, Tổ trưởng tổ dân phố")
    D5 = "D5", _("Bầu, cho thôi làm thành viên Ban Thanh tra nhân dân, Ban Giám sát đầu tư của cộng đồng")
    D6 = "D6", _("Công việc tự quản khác trong nội bộ cộng đồng")


class Scope(models.TextChoices):
    COMMUNITY = "community", _("Trong phạm vi thôn, tổ dân phố")
    COMMUNE = "commune", _("Trong phạm vi toàn xã")


class VoteForm(models.TextChoices):
    """The three forms of a community decision (Law art. 17)."""

    MEETING = "meeting", _("Hội nghị, cuộc họp cộng đồng dân cư")
    HOUSEHOLD_BALLOT = "household_ballot", _("Phát phiếu lấy ý kiến hộ gia đình")
    ONLINE = "online", _("Biểu quyết trực tuyến")


class VotePurpose(models.TextChoices):
    """What a vote is for: an ordinary matter, the adoption of the online form, an election, a dismissal."""

    MATTER = "matter", _("Quyết định nội dung")
    ONLINE_ADOPTION = "online_adoption", _("Lựa chọn hình thức biểu quyết trực tuyến")
    ELECTION = "election", _("Bầu cử")
    DISMISSAL = "dismissal", _("Cho thôi làm")


class VoteStatus(models.TextChoices):
    DRAFT = "draft", _("Đang chuẩn bị")
    SCHEDULED = "scheduled", _("Đã thông báo")
    OPEN = "open", _("Đang biểu quyết")
    CLOSED = "closed", _("Đã kiểm phiếu")
    SUBMITTED = "submitted", _("Đã gửi UBND xã và Mặt trận")
    RECOGNISED = "recognised", _("Đã công nhận")
    REFUSED = "refused", _("Không công nhận")
    MOVED_TO_BALLOTS = "moved_to_ballots", _("Chuyển sang phát phiếu")
    CANCELLED = "cancelled", _("Đã hủy")


class Channel(models.TextChoices):
    """How a household's vote reached the record."""

    MEETING_HANDS = "meeting_hands", _("Giơ tay tại cuộc họp")
    MEETING_BALLOT = "meeting_ballot", _("Bỏ phiếu kín tại cuộc họp")
    PAPER_BALLOT = "paper_ballot", _("Phiếu lấy ý kiến hộ gia đình")
    ONLINE = "online", _("Trực tuyến")


class OfficerRole(models.TextChoices):
    """People who run a meeting or a campaign."""

    SECRETARY = "secretary", _("Thư ký")
    COUNTING_BOARD = "counting_board", _("Tổ kiểm phiếu")
    WITNESS = "witness", _("Đại diện hộ gia đình chứng kiến")
    BALLOT_TEAM = "ballot_team", _("Tổ phát phiếu")
    ONLINE_TEAM = "online_team", _("Tổ biểu quyết trực tuyến")


class DeliveryMethod(models.TextChoices):
    """How the D1–D3 meeting documents reached a household ([ND59] art. 3(4))."""

    IN_PERSON = "in_person", _("Trao tận tay")
    AT_HOME = "at_home", _("Gửi tại nhà")
    MESSAGE = "message", _("Tin nhắn, nhóm mạng xã hội của thôn")
    OTHER = "other", _("Cách khác")


# ---------------------------------------------------------------------------------------------
# The vote engine
# ---------------------------------------------------------------------------------------------


class CommunityVote(TimeStampedModel):
    """A community vote (cuộc biểu quyết của cộng đồng dân cư) on one matter, in one form.

    ``unit`` is the community; for a commune-wide D1/D2 vote it is the commune and each community
    runs a child vote (``parent``). ``eligible_count`` is the frozen denominator: households for a
    community vote, communities for a commune-wide vote.
    """

    unit = models.ForeignKey(
        "units.AdministrativeUnit", verbose_name=_("Đơn vị"), on_delete=models.PROTECT, related_name="community_votes"
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("Biểu quyết toàn xã"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    matter = models.CharField(_("Nội dung thuộc nhóm"), max_length=2, choices=MatterCode.choices)
    scope = models.CharField(_("Phạm vi"), max_length=20, choices=Scope.choices, default=Scope.COMMUNITY)
    form = models.CharField(_("Hình thức"), max_length=20, choices=VoteForm.choices)
    purpose = models.CharField(_("Mục đích"), max_length=20, choices=VotePurpose.choices, default=VotePurpose.MATTER)
    title = models.CharField(_("Tiêu đề"), max_length=300)
    question = models.TextField(_("Nội dung biểu quyết"))
    is_secret = models.BooleanField(_("Bỏ phiếu kín"), default=False)
    status = models.CharField(_("Trạng thái"), max_length=20, choices=VoteStatus.choices, default=VoteStatus.DRAFT)

    convened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("Người triệu tập"), on_delete=models.PROTECT, related_name="+"
    )
    convenor_role = models.CharField(_("Tư cách triệu tập"), max_length=40)

    # Meeting / ballot / online timing.
    starts_at = models.DateTimeField(_("Thời điểm họp hoặc bắt đầu"))
    ends_at = models.DateTimeField(_("Thời điểm kết thúc, hạn nộp phiếu"), null=True, blank=True)
    notice_given_at = models.DateTimeField(_("Thời điểm thông báo"), null=True, blank=True)
    documents_delivered_at = models.DateTimeField(_("Thời điểm gửi tài liệu đến hộ"), null=True, blank=True)
    plan_issued_on = models.DateField(_("Ngày ban hành kế hoạch"), null=True, blank=True)
    plan_sent_on = models.DateField(_("Ngày gửi kế hoạch đến Chủ tịch UBND xã và Mặt trận"), null=True, blank=True)
    is_clustered = models.BooleanField(_("Họp theo cụm"), default=False)
    is_scattered_settlement = models.BooleanField(_("Địa bàn dân cư phân tán"), default=False)
    marks_per_ballot = models.PositiveSmallIntegerField(
        _("Số người được đánh dấu trên một phiếu (bầu nhiều người)"), default=1
    )
    officers_approved_yes = models.PositiveIntegerField(_("Số hộ tán thành thư ký, tổ kiểm phiếu"), default=0)

    # Links between votes.
    moved_from = models.OneToOneField(
        "self",
        verbose_name=_("Chuyển từ cuộc họp"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="moved_to",
    )
    adoption_vote = models.ForeignKey(
        "self",
        verbose_name=_("Biểu quyết chọn hình thức trực tuyến"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="online_votes",
    )

    # Frozen when voting opens.
    eligible_count = models.PositiveIntegerField(_("Tổng số hộ (hoặc thôn) khi mở biểu quyết"), null=True, blank=True)
    eligible_on = models.DateField(_("Ngày chốt danh sách"), null=True, blank=True)
    opened_at = models.DateTimeField(_("Thời điểm mở biểu quyết"), null=True, blank=True)
    ballot_box_salt = models.BinaryField(_("Muối khóa hòm phiếu kín"), null=True, blank=True, editable=False)
    counted_at = models.DateTimeField(_("Thời điểm ghi kết quả kiểm phiếu"), null=True, blank=True)

    # Written when the vote closes.
    closed_at = models.DateTimeField(_("Thời điểm kết thúc biểu quyết"), null=True, blank=True)
    present_count = models.PositiveIntegerField(_("Số hộ có mặt"), null=True, blank=True)
    participation_count = models.PositiveIntegerField(_("Số hộ tham gia"), null=True, blank=True)
    choice_count = models.PositiveIntegerField(_("Số phiếu, lượt biểu quyết"), null=True, blank=True)
    yes_count = models.PositiveIntegerField(_("Số đồng ý"), null=True, blank=True)
    required_yes = models.PositiveIntegerField(_("Số đồng ý tối thiểu"), null=True, blank=True)
    passed = models.BooleanField(_("Thông qua"), null=True, blank=True)

    # After the vote.
    submitted_at = models.DateTimeField(_("Thời điểm gửi UBND xã, Mặt trận"), null=True, blank=True)
    recognised_at = models.DateTimeField(_("Thời điểm công nhận hoặc từ chối"), null=True, blank=True)
    recognised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Người công nhận"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    refusal_reason = models.TextField(_("Lý do không công nhận"), blank=True)
    effective_date = models.DateField(_("Ngày có hiệu lực"), null=True, blank=True)
    minutes_document_id = models.BigIntegerField(_("Biên bản (mã văn bản)"), null=True, blank=True)
    decision_document_id = models.BigIntegerField(_("Quyết định công nhận (mã văn bản)"), null=True, blank=True)

    class Meta:
        db_table = "decisions_communityvote"
        verbose_name = _("Cuộc biểu quyết")
        verbose_name_plural = _("Cuộc biểu quyết")
        ordering = ["-starts_at", "-pk"]
        indexes = [models.Index(fields=["unit", "status"], name="decisions_vote_unit_status_idx")]
        constraints = [
            models.CheckConstraint(condition=~Q(form="online") | Q(matter="D6"), name="decisions_online_only_for_d6"),
            models.CheckConstraint(
                condition=Q(scope="community") | Q(matter__in=["D1", "D2"]), name="decisions_commune_scope_only_d1_d2"
            ),
            # Nothing is ever clamped: a count above the frozen roll cannot be stored ([L] art. 21(1)).
            models.CheckConstraint(
                condition=Q(participation_count__isnull=True)
                | Q(eligible_count__isnull=False, participation_count__lte=models.F("eligible_count")),
                name="voting_participation_within_roll",
            ),
            models.CheckConstraint(
                condition=Q(yes_count__isnull=True)
                | Q(eligible_count__isnull=False, yes_count__lte=models.F("eligible_count")),
                name="voting_yes_within_roll",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.matter} — {self.title}"

    # What templates ask, instead of comparing status and form strings.
    @property
    def is_draft(self) -> bool:
        return self.status == VoteStatus.DRAFT

    @property
    def is_scheduled(self) -> bool:
        return self.status == VoteStatus.SCHEDULED

    @property
    def is_open(self) -> bool:
        return self.status == VoteStatus.OPEN

    @property
    def is_closed(self) -> bool:
        return self.status == VoteStatus.CLOSED

    @property
    def is_submitted(self) -> bool:
        return self.status == VoteStatus.SUBMITTED

    @property
    def is_decided(self) -> bool:
        """Counted and past: closed, sent, recognised or refused (its result is public)."""
        return self.status in (VoteStatus.CLOSED, VoteStatus.SUBMITTED, VoteStatus.RECOGNISED, VoteStatus.REFUSED)

    @property
    def is_passing_badge(self) -> bool:
        """Shown green: recognised, or closed and passed."""
        return self.status == VoteStatus.RECOGNISED or (self.status == VoteStatus.CLOSED and bool(self.passed))

    @property
    def is_failing_badge(self) -> bool:
        """Shown red: refused, cancelled, or closed and not passed."""
        return self.status in (VoteStatus.REFUSED, VoteStatus.CANCELLED) or (
            self.status == VoteStatus.CLOSED and not self.passed
        )

    @property
    def is_preparing(self) -> bool:
        return self.status in (VoteStatus.DRAFT, VoteStatus.SCHEDULED)

    @property
    def is_meeting(self) -> bool:
        return self.form == VoteForm.MEETING

    @property
    def is_election(self) -> bool:
        """The meeting of an election: it opens from the election's page (``election_open``), not here."""
        return self.purpose == VotePurpose.ELECTION

    @property
    def is_ballot_campaign(self) -> bool:
        return self.form == VoteForm.HOUSEHOLD_BALLOT

    @property
    def is_online(self) -> bool:
        return self.form == VoteForm.ONLINE

    @property
    def is_commune_wide(self) -> bool:
        return self.scope == Scope.COMMUNE

    @property
    def is_counted(self) -> bool:
        """The count is recorded: the vote takes nothing more, through any channel."""
        return self.counted_at is not None

    @property
    def takes_board_count(self) -> bool:
        """A secret meeting or paper vote, open and not yet counted: the counting board enters its count."""
        return self.is_secret and not self.is_online and self.is_open and not self.is_counted


class VoteOption(models.Model):
    """One answer a household can give: agree / disagree / other, or a candidate in an election."""

    vote = models.ForeignKey(CommunityVote, on_delete=models.CASCADE, related_name="options")
    key = models.CharField(_("Mã lựa chọn"), max_length=40)
    label = models.CharField(_("Lựa chọn"), max_length=200)
    position = models.PositiveSmallIntegerField(_("Thứ tự"), default=0)
    counts_as_yes = models.BooleanField(_("Tính là đồng ý"), default=False)
    count = models.PositiveIntegerField(_("Số phiếu"), null=True, blank=True)

    class Meta:
        db_table = "decisions_voteoption"
        verbose_name = _("Lựa chọn")
        verbose_name_plural = _("Lựa chọn")
        ordering = ["vote", "position"]
        constraints = [models.UniqueConstraint(fields=["vote", "key"], name="decisions_option_key_unique")]

    def __str__(self) -> str:
        return str(self.label)


class ClusterSession(models.Model):
    """A cluster session (họp theo cụm dân cư) of a meeting of a community of ≥ 200 households (Law art. 18(3))."""

    vote = models.ForeignKey(CommunityVote, on_delete=models.CASCADE, related_name="sessions")
    name = models.CharField(_("Tên cụm"), max_length=120)
    chair_name = models.CharField(_("Người chủ trì"), max_length=200)
    held_at = models.DateTimeField(_("Thời điểm họp"))

    class Meta:
        db_table = "decisions_clustersession"
        verbose_name = _("Phiên họp cụm")
        verbose_name_plural = _("Phiên họp cụm")
        ordering = ["vote", "held_at", "pk"]
        constraints = [models.UniqueConstraint(fields=["vote", "name"], name="decisions_session_name_unique")]

    def __str__(self) -> str:
        return self.name


class MeetingAttendance(models.Model):
    """One household present at a meeting (sổ điểm danh): the "present" counter of ND59 art. 3(5)."""

    vote = models.ForeignKey(CommunityVote, on_delete=models.CASCADE, related_name="attendances")
    household = models.ForeignKey("units.Household", on_delete=models.PROTECT, related_name="+")
    session = models.ForeignKey(ClusterSession, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        db_table = "decisions_meetingattendance"
        verbose_name = _("Hộ có mặt")
        verbose_name_plural = _("Sổ điểm danh")
        constraints = [
            models.UniqueConstraint(fields=["vote", "household"], name="decisions_one_attendance_per_household")
        ]

    def __str__(self) -> str:
        return f"{self.vote_id}/{self.household_id}"


class MeetingOfficer(models.Model):
    """Secretary, counting-board member, witness, ballot-team or online-team member (ND59 arts 3–5)."""

    vote = models.ForeignKey(CommunityVote, on_delete=models.CASCADE, related_name="officers")
    role = models.CharField(_("Vai trò"), max_length=20, choices=OfficerRole.choices)
    full_name = models.CharField(_("Họ và tên"), max_length=200)
    household = models.ForeignKey("units.Household", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    is_leader = models.BooleanField(_("Tổ trưởng"), default=False)

    class Meta:
        db_table = "decisions_meetingofficer"
        verbose_name = _("Người giúp việc")
        verbose_name_plural = _("Người giúp việc")
        ordering = ["vote", "role", "pk"]

    def __str__(self) -> str:
        return self.full_name


class DocumentDelivery(models.Model):
    """The meeting documents delivered to one household (sổ giao tài liệu), D1–D3 ([ND59] art. 3(4))."""

    vote = models.ForeignKey(CommunityVote, on_delete=models.CASCADE, related_name="deliveries")
    household = models.ForeignKey("units.Household", on_delete=models.PROTECT, related_name="+")
    delivered_on = models.DateField(_("Ngày giao tài liệu"))
    method = models.CharField(_("Cách giao"), max_length=20, choices=DeliveryMethod.choices)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(_("Thời điểm ghi nhận"))

    class Meta:
        db_table = "decisions_documentdelivery"
        verbose_name = _("Giao tài liệu cho hộ")
        verbose_name_plural = _("Sổ giao tài liệu")
        constraints = [
            models.UniqueConstraint(fields=["vote", "household"], name="decisions_one_delivery_per_household")
        ]

    def __str__(self) -> str:
        return f"{self.vote_id}/{self.household_id}: {self.delivered_on}"


class IssuedBallot(models.Model):
    """A household ballot delivered to one household (phiếu lấy ý kiến): one per household (Law art. 19(3)).

    An open campaign numbers its ballots and prints the household on them. A secret campaign does not:
    ``number`` stays empty here and the printed ballots carry random serials (``BallotSerial``) that are
    stored without any household, so a returned ballot cannot be traced to the household it went to.
    """

    vote = models.ForeignKey(CommunityVote, on_delete=models.CASCADE, related_name="ballots")
    household = models.ForeignKey("units.Household", on_delete=models.PROTECT, related_name="+")
    number = models.PositiveIntegerField(_("Số phiếu"), null=True, blank=True)

    class Meta:
        db_table = "decisions_issuedballot"
        verbose_name = _("Phiếu đã phát")
        verbose_name_plural = _("Phiếu đã phát")
        ordering = ["vote", "number"]
        constraints = [
            models.UniqueConstraint(fields=["vote", "household"], name="decisions_one_ballot_per_household"),
            models.UniqueConstraint(fields=["vote", "number"], name="decisions_ballot_number_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.vote_id}#{self.number}"


class VoteParticipation(models.Model):
    """That a household took part in a vote (hộ đã biểu quyết): exactly one row per household per vote.

    ``option`` and ``other_opinion`` are filled only for open votes; a secret vote's choice is sealed
    (``SealedChoice``) while voting runs and opened into ``SecretChoice`` / ``SecretOpinion`` at close.
    ``entered_by`` differs from the household's own account when staff enter it on its behalf.
    """

    vote = models.ForeignKey(CommunityVote, on_delete=models.PROTECT, related_name="participations")
    household = models.ForeignKey("units.Household", on_delete=models.PROTECT, related_name="+")
    # The database itself refuses a vote from a household that is not on the roll, and a second one
    # from a household that is: every participation names its own roll entry, at most once.
    roll_entry = models.OneToOneField(
        "VoteRollEntry", verbose_name=_("Hộ trong danh sách"), on_delete=models.PROTECT, related_name="participation"
    )
    channel = models.CharField(_("Kênh"), max_length=20, choices=Channel.choices)
    option = models.ForeignKey(VoteOption, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    other_opinion = models.TextField(_("Ý kiến khác"), blank=True)
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    is_on_behalf = models.BooleanField(_("Cán bộ ghi thay hộ"), default=False)
    session = models.ForeignKey(ClusterSession, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(_("Thời điểm ghi nhận"))

    class Meta:
        db_table = "decisions_voteparticipation"
        verbose_name = _("Hộ đã biểu quyết")
        verbose_name_plural = _("Hộ đã biểu quyết")
        constraints = [
            # One household, one vote (Law arts 18–19), whatever the channel: the database refuses a second row.
            models.UniqueConstraint(fields=["vote", "household"], name="decisions_one_vote_per_household"),
        ]

    def __str__(self) -> str:
        return f"{self.vote_id}/{self.household_id}"


class VoteRollEntry(models.Model):
    """One household on a vote's roll (danh sách hộ của cuộc biểu quyết), frozen when voting opens.

    The roll is the households of the community on the opening day with their representatives then
    ([L] arts 18(2), 19(3), 21(1)): only they take part, through any channel, and their number is the
    denominator. A later change to the household register does not touch it; a correction before the
    count is a ``RollAmendment`` with its reason. ``is_active`` is false for a household taken off by one.
    """

    vote = models.ForeignKey(CommunityVote, on_delete=models.PROTECT, related_name="roll")
    household = models.ForeignKey("units.Household", on_delete=models.PROTECT, related_name="+")
    household_code = models.CharField(_("Mã hộ"), max_length=40)
    representative_name = models.CharField(_("Đại diện hộ"), max_length=200, blank=True)
    representative_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    is_active = models.BooleanField(_("Trong danh sách"), default=True)

    class Meta:
        verbose_name = _("Hộ trong danh sách biểu quyết")
        verbose_name_plural = _("Danh sách hộ biểu quyết")
        ordering = ["vote", "household_code"]
        constraints = [
            models.UniqueConstraint(fields=["vote", "household"], name="voting_one_roll_entry_per_household")
        ]
        indexes = [models.Index(fields=["vote", "is_active"], name="voting_roll_vote_active_idx")]

    def __str__(self) -> str:
        return f"{self.vote_id}/{self.household_code}"


class RollAmendmentKind(models.TextChoices):
    ADD = "add", _("Bổ sung hộ")
    REMOVE = "remove", _("Đưa hộ ra khỏi danh sách")
    REPRESENTATIVE = "representative", _("Thay đổi người đại diện hộ")


class RollAmendment(models.Model):
    """A correction of a vote's roll before the count (sửa danh sách hộ), with its reason; shown in the minutes."""

    vote = models.ForeignKey(CommunityVote, on_delete=models.PROTECT, related_name="roll_amendments")
    entry = models.ForeignKey(VoteRollEntry, on_delete=models.PROTECT, related_name="amendments")
    kind = models.CharField(_("Nội dung sửa"), max_length=20, choices=RollAmendmentKind.choices)
    reason = models.TextField(_("Lý do"))
    representative_before = models.CharField(_("Đại diện trước"), max_length=200, blank=True)
    representative_after = models.CharField(_("Đại diện sau"), max_length=200, blank=True)
    amended_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    amended_at = models.DateTimeField(_("Thời điểm sửa"))

    class Meta:
        verbose_name = _("Sửa danh sách hộ")
        verbose_name_plural = _("Sửa danh sách hộ")
        ordering = ["vote", "amended_at", "pk"]

    def __str__(self) -> str:
        return f"{self.vote_id}: {self.kind}"


class OnlineFormAgreement(models.Model):
    """The village head and the Front work committee agree that neither a meeting nor ballots are needed.

    [L] art. 17(1)(c); [ND59] art. 5(1): the precondition of an online vote (D6 only), recorded with who
    agreed and on which day before the vote is announced; it cannot change once the vote is scheduled.
    """

    vote = models.OneToOneField(CommunityVote, on_delete=models.PROTECT, related_name="online_agreement")
    village_head = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("Trưởng thôn"), on_delete=models.PROTECT, related_name="+"
    )
    front_head = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Trưởng Ban công tác Mặt trận"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    agreed_on = models.DateField(_("Ngày thống nhất"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(_("Thời điểm ghi nhận"))

    class Meta:
        verbose_name = _("Thống nhất biểu quyết trực tuyến")
        verbose_name_plural = _("Thống nhất biểu quyết trực tuyến")

    def __str__(self) -> str:
        return f"{self.vote_id}: {self.agreed_on}"


class SealedChoice(models.Model):
    """A secret online choice while voting runs (lá phiếu kín trong hòm phiếu): sealed, unlinkable.

    The ballot box of an online secret vote. What a household chose (and its free-text opinion) is
    encrypted with a key that is not in the database (``settings.GRASSROOTS_BALLOT_KEY``, by default
    derived from ``SECRET_KEY``, mixed with the vote's random ``ballot_box_salt``) and padded to one
    fixed length, so neither the bytes, their length, the row's position nor its transaction tell
    anything about the choice to someone reading the database. No household, no time, a random key.
    ``services.vote_close`` opens the box: it decrypts every row, writes the choices and the opinions
    shuffled, each into its own table (``SecretChoice``, ``SecretOpinion``), and deletes the box.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    vote = models.ForeignKey(CommunityVote, on_delete=models.PROTECT, related_name="+")
    sealed = models.BinaryField(_("Lá phiếu đã niêm phong"))

    class Meta:
        verbose_name = _("Lá phiếu kín đã niêm phong")
        verbose_name_plural = _("Hòm phiếu kín")

    def __str__(self) -> str:
        return str(self.id)


class SecretChoice(models.Model):
    """What was chosen in a secret vote (lá phiếu kín), with nothing that points back to a household.

    Written only when the vote's count is recorded: by the counting board (meeting or paper ballots,
    counted per option) or when ``services.vote_close`` opens the sealed online ballot box. Every row
    of a vote is written in one shuffled batch, in one transaction, with random UUID keys, no time and
    no household: neither a key, a clock, the physical order nor a transaction id pairs a choice with
    a participation. Free-text opinions are in ``SecretOpinion``, apart from the choices.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    vote = models.ForeignKey(CommunityVote, on_delete=models.PROTECT, related_name="+")
    option = models.ForeignKey(VoteOption, on_delete=models.PROTECT, related_name="+")

    class Meta:
        db_table = "decisions_secretchoice"
        verbose_name = _("Lá phiếu kín")
        verbose_name_plural = _("Lá phiếu kín")

    def __str__(self) -> str:
        return str(self.option_id)


class SecretOpinion(models.Model):
    """A free-text "other opinion" of a secret vote, kept apart from every choice and released with the result.

    Its wording may name its author, so it is never stored next to what they chose: opinions are
    shuffled separately from the choices when the ballot box is opened.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    vote = models.ForeignKey(CommunityVote, on_delete=models.PROTECT, related_name="+")
    text = models.TextField(_("Ý kiến khác"))

    class Meta:
        verbose_name = _("Ý kiến khác (bỏ phiếu kín)")
        verbose_name_plural = _("Ý kiến khác (bỏ phiếu kín)")

    def __str__(self) -> str:
        return self.text[:40]


class BallotSerial(models.Model):
    """A random serial printed on a secret campaign's ballot (số sê-ri phiếu kín), stored without a household.

    The counting board can check that a returned ballot is genuine; nobody can tell which household
    received it: serials are drawn at random, printed in random order and never paired with a household.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    vote = models.ForeignKey(CommunityVote, on_delete=models.CASCADE, related_name="serials")
    serial = models.CharField(_("Số sê-ri"), max_length=16)

    class Meta:
        verbose_name = _("Số sê-ri phiếu kín")
        verbose_name_plural = _("Số sê-ri phiếu kín")
        constraints = [models.UniqueConstraint(fields=["vote", "serial"], name="voting_ballot_serial_unique")]

    def __str__(self) -> str:
        return self.serial


class ClusterBallotCount(models.Model):
    """One residential cluster's count of a secret household-ballot campaign (kết quả kiểm phiếu theo cụm dân cư).

    The counting board may count a campaign's returned ballots cluster by cluster, with the 2 household
    witnesses ([ND59] art. 4(6); the cluster pattern of [L] art. 18(3)), so that Mẫu 04 has a row per cluster
    and the village total. Aggregates only: the cluster's name, the ballots handed out and returned there and
    the count per option key. Nothing here names a household, a ballot serial or a time: a count cannot be
    traced to the households of the cluster. Entered only after ballot collection ended, and frozen once the
    village total is recorded from the clusters (``services.cluster_counts``): the total is their sum.
    """

    vote = models.ForeignKey(CommunityVote, on_delete=models.PROTECT, related_name="cluster_counts")
    name = models.CharField(_("Tên cụm"), max_length=120)
    ballots_issued = models.PositiveIntegerField(_("Số phiếu phát ra"))
    ballots_returned = models.PositiveIntegerField(_("Số phiếu thu về"))
    by_option = models.JSONField(_("Số phiếu theo từng lựa chọn"), default=dict)

    class Meta:
        verbose_name = _("Kết quả kiểm phiếu theo cụm")
        verbose_name_plural = _("Kết quả kiểm phiếu theo cụm")
        ordering = ["vote", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["vote", "name"], name="voting_cluster_count_name_unique"),
            models.CheckConstraint(
                condition=Q(ballots_returned__lte=models.F("ballots_issued")), name="voting_cluster_returned_le_issued"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.vote_id}: {self.name}"


class VoteFormDocument(models.Model):
    """A Decree 59 form issued for a vote (Mẫu 01–04, biểu mẫu Nghị định 59): at most one of each kind.

    ``figures`` keeps the counts the document printed, so a count changed afterwards (by anyone, through
    any door) shows as a mismatch with the minutes instead of silently rewriting history.
    """

    vote = models.ForeignKey(CommunityVote, on_delete=models.PROTECT, related_name="form_documents")
    form = models.CharField(_("Biểu mẫu"), max_length=10)
    document = models.ForeignKey("documents.Document", on_delete=models.PROTECT, related_name="+")
    figures = models.JSONField(_("Số liệu đã in"), default=dict)
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    issued_at = models.DateTimeField(_("Thời điểm lập"))

    class Meta:
        verbose_name = _("Biểu mẫu Nghị định 59")
        verbose_name_plural = _("Biểu mẫu Nghị định 59")
        ordering = ["vote", "form"]
        constraints = [models.UniqueConstraint(fields=["vote", "form"], name="voting_one_form_document_per_vote")]

    def __str__(self) -> str:
        return f"{self.vote_id}: {self.form}"


class RevocationGroundChoice(models.TextChoices):
    UNLAWFUL = "unlawful", _("Trái pháp luật, trái đạo đức xã hội")
    PROCEDURE = "procedure", _("Vi phạm trình tự, thủ tục")
    COMMUNITY_WISH = "community_wish", _("Theo nguyện vọng của cộng đồng dân cư")


class RevocationKindChoice(models.TextChoices):
    REVOKE = "revoke", _("Hủy bỏ")
    AMEND = "amend", _("Sửa đổi, bổ sung")
    REPLACE = "replace", _("Thay thế")


class DecisionRevocation(models.Model):
    """Revoking, amending or replacing a community decision (hủy bỏ, sửa đổi, thay thế), Law art. 22.

    The original vote stays as it was; this row links it to what replaced it (when a new vote was held)
    and to the People's Committee's act. One per original: the database refuses a second.
    """

    original = models.OneToOneField(CommunityVote, on_delete=models.PROTECT, related_name="revocation")
    replacement = models.OneToOneField(
        CommunityVote, null=True, blank=True, on_delete=models.PROTECT, related_name="replaces"
    )
    ground = models.CharField(_("Căn cứ"), max_length=20, choices=RevocationGroundChoice.choices)
    kind = models.CharField(_("Hình thức"), max_length=20, choices=RevocationKindChoice.choices)
    reason = models.TextField(_("Lý do"))
    decided_on = models.DateField(_("Ngày quyết định"))
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    document_id_value = models.BigIntegerField(_("Văn bản (mã)"), null=True, blank=True)

    class Meta:
        verbose_name = _("Hủy bỏ, sửa đổi quyết định của cộng đồng")
        verbose_name_plural = _("Hủy bỏ, sửa đổi quyết định của cộng đồng")
        constraints = [
            models.CheckConstraint(condition=~Q(replacement=models.F("original")), name="voting_revocation_not_itself")
        ]

    def __str__(self) -> str:
        return f"{self.original_id}: {self.kind}"
