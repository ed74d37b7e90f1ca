"""Community contributions and funds (đóng góp của Nhân dân, quỹ cộng đồng): from the decision to a public ledger.

Law 10/2022/QH15 art. 15(1)–(2) (matters D1, D2: the community decides contributions and how community funds
are collected, spent and managed), art. 11(5) (disclosure item K5: contributions mobilised from the people),
arts 33–35 (the People's Inspection Board checks them). law.md §1(a) item 5, §1(b) D1–D2, §1(c).

The ledger is append-only: an ``Entry`` is never changed or deleted; a mistake is corrected by a reversing
entry with a reason. The database refuses an UPDATE (and, on PostgreSQL, a DELETE) of an entry
(``migrations/0002_entries_append_only.py``); the ORM refuses both too (``EntryQuerySet``, ``Entry.save``).
Money is whole đồng (``BigIntegerField``), never a float.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from grassroots.core.models import TimeStampedModel


class RateBasis(models.TextChoices):
    """What the decided rate is counted on ([L] art. 15(1): "mức đóng góp")."""

    PER_HOUSEHOLD = "per_household", _("Theo hộ")
    PER_PERSON = "per_person", _("Theo nhân khẩu")
    PER_AREA = "per_area", _("Theo diện tích (m²)")


class FundKind(models.TextChoices):
    CONTRIBUTION = "contribution", _("Đóng góp xây dựng công trình (D1)")
    COMMUNITY_FUND = "community_fund", _("Quỹ, kinh phí do cộng đồng quản lý (D2)")


class FundStatus(models.TextChoices):
    COLLECTING = "collecting", _("Đang thu, chi")
    CLOSED = "closed", _("Đã quyết toán, đóng quỹ")


class ReductionCategory(models.TextChoices):
    """Who a decision may exempt or reduce (miễn, giảm); the decision sets the percentage of each."""

    POOR = "poor", _("Hộ nghèo")
    NEAR_POOR = "near_poor", _("Hộ cận nghèo")
    MERIT = "merit", _("Gia đình người có công với cách mạng")
    ELDERLY_ALONE = "elderly_alone", _("Người cao tuổi sống một mình")
    DISABILITY = "disability", _("Hộ có người khuyết tật nặng")
    OTHER = "other", _("Trường hợp khác theo quyết định")


class EntryKind(models.TextChoices):
    RECEIPT = "receipt", _("Thu của hộ")
    DONATION = "donation", _("Ủng hộ, tài trợ")
    EXPENSE = "expense", _("Chi")


class Medium(models.TextChoices):
    """What was given: money (đồng), materials (valued in đồng) or labour (ngày công)."""

    MONEY = "money", _("Tiền")
    MATERIALS = "materials", _("Hiện vật, vật liệu (quy ra tiền)")
    LABOUR = "labour", _("Ngày công lao động")


class DonorKind(models.TextChoices):
    PERSON = "person", _("Cá nhân")
    ORGANISATION = "organisation", _("Tổ chức, doanh nghiệp")


class ExpenseStatus(models.TextChoices):
    PROPOSED = "proposed", _("Chờ duyệt chi")
    APPROVED = "approved", _("Đã duyệt, đã chi")
    REJECTED = "rejected", _("Không duyệt")


class Fund(TimeStampedModel):
    """A contribution campaign or community fund (khoản đóng góp, quỹ) as a D1/D2 decision set it up."""

    unit = models.ForeignKey(
        "units.AdministrativeUnit", verbose_name=_("Thôn hoặc xã"), on_delete=models.PROTECT, related_name="funds"
    )
    commune = models.ForeignKey(
        "units.AdministrativeUnit", verbose_name=_("Xã"), on_delete=models.PROTECT, related_name="commune_funds"
    )
    vote = models.ForeignKey(
        "voting.CommunityVote",
        verbose_name=_("Kết quả biểu quyết D1/D2"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    decision_number = models.CharField(_("Số quyết định của xã"), max_length=60, blank=True)
    decided_on = models.DateField(_("Ngày quyết định có hiệu lực"))
    kind = models.CharField(_("Loại"), max_length=20, choices=FundKind.choices)
    title = models.CharField(_("Tên khoản đóng góp, quỹ"), max_length=200)
    purpose = models.TextField(_("Mục đích sử dụng"))
    basis = models.CharField(_("Cách tính mức đóng góp"), max_length=20, choices=RateBasis.choices)
    rate_money = models.BigIntegerField(_("Mức tiền (đồng) cho mỗi hộ, nhân khẩu hoặc m²"), default=0)
    spending_limit = models.BigIntegerField(_("Mức chi tối đa theo quyết định (đồng)"))
    collection_starts = models.DateField(_("Thu từ ngày"))
    collection_ends = models.DateField(_("Thu đến hết ngày"))
    treasurer_name = models.CharField(_("Thủ quỹ"), max_length=200)
    village_head_name = models.CharField(_("Trưởng thôn, Tổ trưởng tổ dân phố"), max_length=200)
    status = models.CharField(_("Trạng thái"), max_length=20, choices=FundStatus.choices, default=FundStatus.COLLECTING)
    closed_on = models.DateField(_("Ngày đóng quỹ"), null=True, blank=True)
    leftover_handling = models.TextField(_("Xử lý số dư"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("Khoản đóng góp, quỹ")
        verbose_name_plural = _("Khoản đóng góp, quỹ")
        ordering = ["-decided_on", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(rate_money__gte=0), name="funds_rate_money_not_negative"),
            models.CheckConstraint(condition=Q(spending_limit__gte=0), name="funds_spending_limit_not_negative"),
            models.CheckConstraint(
                condition=Q(collection_ends__gte=models.F("collection_starts")), name="funds_collection_period_ordered"
            ),
            # A fund rests on a recognised vote or, for commune-wide works, on a numbered commune decision.
            models.CheckConstraint(
                condition=Q(vote__isnull=False) | ~Q(decision_number=""), name="funds_has_a_decision"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_collecting(self) -> bool:
        return self.status == FundStatus.COLLECTING


class Reduction(models.Model):
    """An exemption or reduction the decision allows (miễn, giảm): a category and its percentage off."""

    fund = models.ForeignKey(Fund, on_delete=models.PROTECT, related_name="reductions")
    category = models.CharField(_("Đối tượng"), max_length=20, choices=ReductionCategory.choices)
    percent = models.PositiveSmallIntegerField(_("Mức giảm (%)"))

    class Meta:
        verbose_name = _("Mức miễn, giảm")
        verbose_name_plural = _("Mức miễn, giảm")
        constraints = [
            models.UniqueConstraint(fields=["fund", "category"], name="funds_one_reduction_per_category"),
            models.CheckConstraint(condition=Q(percent__gte=1, percent__lte=100), name="funds_reduction_percent_range"),
        ]

    def __str__(self) -> str:
        return f"{self.category} {self.percent}%"


class InKindRate(models.Model):
    """A rate in materials or labour the decision set (mức đóng góp bằng hiện vật, ngày công).

    What (``item``: "Xi măng PCB40", "Ngày công lao động phổ thông"), in which unit ("bao 50 kg", "ngày công"), how
    much per household, per person or per m² (``basis``, ``quantity``), and its value in đồng per unit when the
    households decided one (``value_per_unit``: a delivery is valued at it, and a household may pay that money
    instead). Labour is counted in whole days. ``quantity`` is empty only on a rate carried over from the free-text
    note of a fund set up before rates were structured (``migrations/0006``): shown, owed by nobody.
    """

    fund = models.ForeignKey(Fund, on_delete=models.PROTECT, related_name="in_kind_rates")
    medium = models.CharField(_("Hình thức"), max_length=20, choices=Medium.choices)
    item = models.CharField(_("Hiện vật, công việc"), max_length=200)
    unit = models.CharField(_("Đơn vị tính"), max_length=40, blank=True)
    basis = models.CharField(_("Tính theo"), max_length=20, choices=RateBasis.choices)
    quantity = models.DecimalField(
        _("Số lượng cho mỗi hộ, nhân khẩu hoặc m²"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    value_per_unit = models.BigIntegerField(
        _("Quy ra tiền (đồng mỗi đơn vị), nếu các hộ đã thống nhất"), null=True, blank=True
    )

    class Meta:
        verbose_name = _("Mức đóng góp bằng hiện vật, ngày công")
        verbose_name_plural = _("Mức đóng góp bằng hiện vật, ngày công")
        ordering = ["fund", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["fund", "medium", "item"], name="funds_in_kind_rate_unique"),
            models.CheckConstraint(condition=Q(medium__in=["materials", "labour"]), name="funds_in_kind_medium"),
            models.CheckConstraint(
                condition=Q(quantity__isnull=True) | Q(quantity__gt=0), name="funds_in_kind_quantity_positive"
            ),
            models.CheckConstraint(
                condition=Q(value_per_unit__isnull=True) | Q(value_per_unit__gt=0), name="funds_in_kind_value_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.item} ({self.unit})"


class Obligation(models.Model):
    """What one household owes (nghĩa vụ đóng góp), computed once from the rate and the register on the decision date.

    ``reduction_category`` is private: it is shown to staff and the inspection board, never on the public ledger.
    """

    fund = models.ForeignKey(Fund, on_delete=models.PROTECT, related_name="obligations")
    household = models.ForeignKey("units.Household", on_delete=models.PROTECT, related_name="+")
    quantity = models.PositiveIntegerField(_("Số hộ, nhân khẩu hoặc m²"))
    reduction_category = models.CharField(
        _("Đối tượng miễn, giảm"), max_length=20, choices=ReductionCategory.choices, blank=True
    )
    reduction_percent = models.PositiveSmallIntegerField(_("Mức giảm (%)"), default=0)
    money_due = models.BigIntegerField(_("Số tiền phải nộp (đồng)"))
    labour_days_due = models.PositiveIntegerField(_("Số ngày công phải góp"))

    class Meta:
        verbose_name = _("Nghĩa vụ đóng góp của hộ")
        verbose_name_plural = _("Nghĩa vụ đóng góp của hộ")
        ordering = ["fund", "household__code"]
        constraints = [
            models.UniqueConstraint(fields=["fund", "household"], name="funds_one_obligation_per_household"),
            models.CheckConstraint(condition=Q(money_due__gte=0), name="funds_money_due_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.fund_id}/{self.household_id}"


class InKindDue(models.Model):
    """What one household owes of one in-kind rate (phần hiện vật, ngày công phải góp của hộ), computed with its
    obligation: the quantity after its reduction, and its value in đồng when the rate has one."""

    obligation = models.ForeignKey(Obligation, on_delete=models.PROTECT, related_name="in_kind_dues")
    rate = models.ForeignKey(InKindRate, on_delete=models.PROTECT, related_name="dues")
    quantity_due = models.DecimalField(_("Số lượng phải góp"), max_digits=14, decimal_places=2)
    value_due = models.BigIntegerField(_("Quy ra tiền (đồng)"), null=True, blank=True)

    class Meta:
        verbose_name = _("Phần hiện vật, ngày công phải góp của hộ")
        verbose_name_plural = _("Phần hiện vật, ngày công phải góp của hộ")
        ordering = ["obligation", "rate"]
        constraints = [
            models.UniqueConstraint(fields=["obligation", "rate"], name="funds_one_in_kind_due_per_rate"),
            models.CheckConstraint(condition=Q(quantity_due__gte=0), name="funds_in_kind_due_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.obligation_id}/{self.rate_id}"


class Expense(models.Model):
    """A proposed spending (đề nghị chi) with its evidence; approval writes the ledger entry."""

    fund = models.ForeignKey(Fund, on_delete=models.PROTECT, related_name="expenses")
    work_item = models.CharField(_("Hạng mục công việc"), max_length=300)
    amount = models.BigIntegerField(_("Số tiền (đồng)"))
    spent_on = models.DateField(_("Ngày chi"))
    evidence = models.FileField(_("Hóa đơn, chứng từ (ảnh hoặc PDF)"), upload_to="funds/evidence/%Y/%m/")
    evidence_name = models.CharField(_("Tên tệp"), max_length=255)
    evidence_kind = models.CharField(_("Loại tệp"), max_length=10)
    status = models.CharField(
        _("Trạng thái"), max_length=20, choices=ExpenseStatus.choices, default=ExpenseStatus.PROPOSED
    )
    proposed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    proposed_at = models.DateTimeField(_("Thời điểm đề nghị"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(_("Thời điểm duyệt"), null=True, blank=True)
    rejection_reason = models.TextField(_("Lý do không duyệt"), blank=True)

    class Meta:
        verbose_name = _("Khoản chi")
        verbose_name_plural = _("Khoản chi")
        ordering = ["fund", "pk"]
        constraints = [models.CheckConstraint(condition=Q(amount__gt=0), name="funds_expense_amount_positive")]

    def __str__(self) -> str:
        return self.work_item


class EntryQuerySet(models.QuerySet["Entry"]):
    """Entries are appended, never changed: bulk updates and deletes are refused here as in the database."""

    def update(self, **kwargs: Any) -> int:
        raise PermissionError("funds.entry_append_only")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise PermissionError("funds.entry_append_only")


class Entry(models.Model):
    """One line of a fund's ledger (bút toán, phiếu thu, phiếu chi): append-only.

    A reversing entry (``reverses``) cancels one earlier entry with a reason; the sums count it negatively.
    """

    fund = models.ForeignKey(Fund, on_delete=models.PROTECT, related_name="entries")
    number = models.PositiveIntegerField(_("Số phiếu"))
    kind = models.CharField(_("Loại"), max_length=20, choices=EntryKind.choices)
    medium = models.CharField(_("Hình thức"), max_length=20, choices=Medium.choices, default=Medium.MONEY)
    amount = models.BigIntegerField(_("Số tiền (đồng) hoặc số ngày công"))
    household = models.ForeignKey("units.Household", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    description = models.CharField(_("Nội dung"), max_length=300, blank=True)
    donor_kind = models.CharField(_("Người ủng hộ là"), max_length=20, choices=DonorKind.choices, blank=True)
    donor_name = models.CharField(_("Tên người, tổ chức ủng hộ (được công khai)"), max_length=200, blank=True)
    donor_name_sealed = models.BinaryField(
        _("Tên người ủng hộ không muốn công khai (đã niêm phong)"), null=True, blank=True
    )
    expense = models.OneToOneField(Expense, null=True, blank=True, on_delete=models.PROTECT, related_name="entry")
    received_on = models.DateField(_("Ngày thu, chi"))
    recorded_at = models.DateTimeField(_("Thời điểm ghi sổ"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    reverses = models.OneToOneField("self", null=True, blank=True, on_delete=models.PROTECT, related_name="reversed_by")
    reason = models.TextField(_("Lý do điều chỉnh"), blank=True)
    in_kind_rate = models.ForeignKey(
        InKindRate,
        verbose_name=_("Góp cho mức hiện vật, ngày công"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="entries",
    )
    quantity = models.DecimalField(_("Số lượng"), max_digits=14, decimal_places=2, null=True, blank=True)

    objects = EntryQuerySet.as_manager()

    class Meta:
        verbose_name = _("Bút toán")
        verbose_name_plural = _("Sổ thu, chi")
        ordering = ["fund", "number"]
        constraints = [
            models.UniqueConstraint(fields=["fund", "number"], name="funds_entry_number_unique"),
            models.CheckConstraint(condition=Q(amount__gt=0), name="funds_entry_amount_positive"),
            models.CheckConstraint(
                condition=Q(reverses__isnull=True) | ~Q(reason=""), name="funds_reversal_has_reason"
            ),
            models.CheckConstraint(
                condition=~Q(kind="receipt") | Q(household__isnull=False), name="funds_receipt_names_household"
            ),
            models.CheckConstraint(
                condition=~Q(kind="expense") | Q(expense__isnull=False) | Q(reverses__isnull=False),
                name="funds_expense_has_evidence",
            ),
            models.CheckConstraint(
                condition=Q(donor_name="") | Q(donor_name_sealed__isnull=True), name="funds_donor_name_one_way"
            ),
            # A receipt towards an in-kind rate says how much of it (delivered, worked, or paid for in money).
            models.CheckConstraint(
                condition=Q(in_kind_rate__isnull=True, quantity__isnull=True)
                | Q(in_kind_rate__isnull=False, quantity__gt=0),
                name="funds_entry_in_kind_quantity",
            ),
        ]
        indexes = [
            # Covering the sums (``fund_totals``): the grouped SUM reads the index, not the table.
            models.Index(fields=["fund", "kind", "medium", "reverses", "amount"], name="funds_entry_sums_cover_idx"),
            # One household's receipts in order (its balance, its statement) without scanning the fund's ledger.
            models.Index(fields=["fund", "household", "number"], name="funds_entry_household_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.fund_id}-{self.number}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None and not kwargs.get("force_insert"):
            raise PermissionError("funds.entry_append_only")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise PermissionError("funds.entry_append_only")

    @property
    def is_reversal(self) -> bool:
        return self.reverses_id is not None

    @property
    def signed_amount(self) -> int:
        return -self.amount if self.reverses_id is not None else self.amount


class Finding(models.Model):
    """A finding the People's Inspection Board raises on a fund or one entry (kiến nghị của Ban TTND, [L] art. 35)."""

    fund = models.ForeignKey(Fund, on_delete=models.PROTECT, related_name="findings")
    entry = models.ForeignKey(Entry, null=True, blank=True, on_delete=models.PROTECT, related_name="findings")
    text = models.TextField(_("Nội dung phát hiện, kiến nghị"))
    raised_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    raised_at = models.DateTimeField(_("Thời điểm"))

    class Meta:
        verbose_name = _("Kiến nghị của Ban Thanh tra nhân dân")
        verbose_name_plural = _("Kiến nghị của Ban Thanh tra nhân dân")
        ordering = ["fund", "pk"]

    def __str__(self) -> str:
        return self.text[:60]


class Statement(models.Model):
    """A published statement of the fund (báo cáo công khai thu, chi): each quarter and at closing, item K5."""

    fund = models.ForeignKey(Fund, on_delete=models.PROTECT, related_name="statements")
    period_end = models.DateField(_("Số liệu đến hết ngày"))
    is_final = models.BooleanField(_("Quyết toán khi đóng quỹ"), default=False)
    collected_money = models.BigIntegerField(_("Đã thu tiền (đồng)"))
    donated_money = models.BigIntegerField(_("Ủng hộ, tài trợ (đồng)"))
    spent_money = models.BigIntegerField(_("Đã chi (đồng)"))
    balance = models.BigIntegerField(_("Số dư (đồng)"))
    disclosure = models.ForeignKey(
        "disclosures.Disclosure", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    document = models.ForeignKey(
        "documents.Document",
        verbose_name=_("Văn bản báo cáo"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Báo cáo có số, ký hiệu (Nghị định 30/2020) được đăng kèm thông tin công khai K5."),
    )
    published_at = models.DateTimeField(_("Thời điểm công khai"))

    class Meta:
        verbose_name = _("Báo cáo công khai quỹ")
        verbose_name_plural = _("Báo cáo công khai quỹ")
        ordering = ["fund", "period_end"]
        constraints = [models.UniqueConstraint(fields=["fund", "period_end"], name="funds_one_statement_per_period")]

    def __str__(self) -> str:
        return f"{self.fund_id} {self.period_end}"


class Treasurer(models.Model):
    """The treasurer of one fund (thủ quỹ): a person the community chose, who records its receipts and expenses.

    Not a role of the Action matrix: the appointment is scoped to this one fund and gives nothing elsewhere,
    so a treasurer need not be a commune officer. Ended, never deleted (``ended_at``); one in office at a time.
    """

    fund = models.ForeignKey(Fund, on_delete=models.PROTECT, related_name="treasurers")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("Tài khoản"), on_delete=models.PROTECT, related_name="+"
    )
    appointed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    appointed_at = models.DateTimeField(_("Thời điểm giao nhiệm vụ"))
    basis = models.CharField(_("Căn cứ (biên bản họp, quyết định)"), max_length=300)
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    ended_at = models.DateTimeField(_("Thời điểm thôi nhiệm vụ"), null=True, blank=True)

    class Meta:
        verbose_name = _("Thủ quỹ")
        verbose_name_plural = _("Thủ quỹ")
        ordering = ["fund", "-appointed_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["fund"], condition=Q(ended_at__isnull=True), name="funds_one_treasurer_in_office"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.fund_id}/{self.user_id}"


class PaperKind(models.TextChoices):
    RECEIPT = "receipt", _("Phiếu xác nhận đã nộp")
    HOUSEHOLD_STATEMENT = "household_statement", _("Thông báo số đã đóng góp của hộ")


class Paper(models.Model):
    """An official paper of a fund issued through ``documents.document_issue`` (Decree 30/2020 layout).

    A receipt is issued once per entry (printing it again gives the same paper); a household statement is
    issued again whenever asked, each a new numbered document showing the balance on its day.
    """

    fund = models.ForeignKey(Fund, on_delete=models.PROTECT, related_name="papers")
    kind = models.CharField(_("Loại giấy tờ"), max_length=30, choices=PaperKind.choices)
    entry = models.ForeignKey(Entry, null=True, blank=True, on_delete=models.PROTECT, related_name="papers")
    household = models.ForeignKey("units.Household", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    document = models.OneToOneField("documents.Document", on_delete=models.PROTECT, related_name="+")
    issued_at = models.DateTimeField(_("Thời điểm phát hành"))
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("Giấy tờ của quỹ")
        verbose_name_plural = _("Giấy tờ của quỹ")
        ordering = ["fund", "-issued_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["entry"], condition=Q(kind="receipt"), name="funds_one_receipt_paper_per_entry"
            ),
            models.CheckConstraint(
                condition=~Q(kind="receipt") | Q(entry__isnull=False), name="funds_receipt_paper_names_entry"
            ),
            models.CheckConstraint(
                condition=~Q(kind="household_statement") | Q(household__isnull=False),
                name="funds_statement_paper_names_household",
            ),
        ]
        indexes = [models.Index(fields=["fund", "household", "kind"], name="funds_paper_household_idx")]

    def __str__(self) -> str:
        return f"{self.fund_id} {self.kind} {self.document_id}"


class CommuneFundSettingQuerySet(models.QuerySet["CommuneFundSetting"]):
    """A setting is changed by appending a row, never by editing one: bulk updates and deletes are refused."""

    def update(self, **kwargs: Any) -> int:
        raise PermissionError("funds.setting_append_only")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise PermissionError("funds.setting_append_only")


class CommuneFundSetting(models.Model):
    """What a commune decided about its funds' public pages (thiết lập công khai quỹ của xã).

    ``shows_household_amounts``: whether the public ledger of every fund of the commune and its villages shows
    how much each household paid (issue 18: "amounts shown or hidden by a commune setting"). Without a row the
    amounts are hidden. Append-only: each change is a new row written by ``services.commune_fund_setting_change``
    with its audit event; the newest row is the setting. The database refuses an UPDATE (and, on PostgreSQL, a
    DELETE) of a row (``migrations/0005``), and ``manage.py funds_verify`` names a row without its audit event.
    """

    commune = models.ForeignKey(
        "units.AdministrativeUnit", verbose_name=_("Xã"), on_delete=models.PROTECT, related_name="+"
    )
    shows_household_amounts = models.BooleanField(_("Công khai số tiền từng hộ đã nộp"))
    basis = models.CharField(_("Căn cứ (quyết định, biên bản)"), max_length=300)
    set_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    set_at = models.DateTimeField(_("Thời điểm thiết lập"))

    objects = CommuneFundSettingQuerySet.as_manager()

    class Meta:
        verbose_name = _("Thiết lập công khai quỹ của xã")
        verbose_name_plural = _("Thiết lập công khai quỹ của xã")
        ordering = ["commune", "-pk"]
        indexes = [models.Index(fields=["commune", "-id"], name="funds_setting_latest_idx")]

    def __str__(self) -> str:
        return f"{self.commune_id}: {self.shows_household_amounts}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None and not kwargs.get("force_insert"):
            raise PermissionError("funds.setting_append_only")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise PermissionError("funds.setting_append_only")
