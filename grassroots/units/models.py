"""Administrative units, households, residents and organisations.

Tree: province → (historical district, before 1 July 2025) → commune → community (thôn / tổ dân phố).
Law.md §0.1 and §4.5: every vote and threshold is computed per community over its households.
"""

from __future__ import annotations

import datetime as dt

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from grassroots.core.models import TimeStampedModel


class UnitLevel(models.TextChoices):
    PROVINCE = "province", _("Cấp tỉnh")
    DISTRICT = "district", _("Cấp huyện (trước 01/7/2025)")
    COMMUNE = "commune", _("Cấp xã")
    COMMUNITY = "community", _("Thôn, tổ dân phố")


class UnitKind(models.Model):
    """A kind of unit (loại đơn vị hành chính) as data: tỉnh, thành phố, xã, phường, đặc khu, thôn…

    Kinds are rows, not code, because the 2025 reform removed some (thị trấn, huyện) and law.md
    §4.5 expects provinces to rename community kinds (làng, ấp, bản, khu phố…).
    """

    code = models.SlugField(_("Mã loại"), max_length=40, unique=True)
    name = models.CharField(_("Tên loại"), max_length=80)
    level = models.CharField(_("Cấp"), max_length=20, choices=UnitLevel.choices)
    is_legacy = models.BooleanField(_("Chỉ còn trong hồ sơ cũ"), default=False)

    class Meta:
        verbose_name = _("Loại đơn vị")
        verbose_name_plural = _("Loại đơn vị")
        ordering = ["level", "code"]

    def __str__(self) -> str:
        return str(self.name)


class AdministrativeUnitQuerySet(models.QuerySet["AdministrativeUnit"]):
    def valid_on(self, day: dt.date) -> AdministrativeUnitQuerySet:
        """Units in force on ``day``: ``valid_from`` empty or ``<= day``, ``valid_until`` empty or ``> day``."""
        return self.filter(Q(valid_from__isnull=True) | Q(valid_from__lte=day)).filter(
            Q(valid_until__isnull=True) | Q(valid_until__gt=day)
        )


class AdministrativeUnit(TimeStampedModel):
    """An administrative unit (đơn vị hành chính) or a residential community (cộng đồng dân cư)."""

    parent = models.ForeignKey(
        "self",
        verbose_name=_("Đơn vị cấp trên"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    level = models.CharField(_("Cấp"), max_length=20, choices=UnitLevel.choices, db_index=True)
    kind = models.ForeignKey(UnitKind, verbose_name=_("Loại"), on_delete=models.PROTECT, related_name="units")
    name = models.CharField(_("Tên đầy đủ"), max_length=200, help_text=_("Ví dụ: Xã Hòa Phú, Thôn 1"))
    short_name = models.CharField(_("Tên ngắn"), max_length=150, blank=True)
    code = models.CharField(_("Mã đơn vị"), max_length=20, blank=True, db_index=True)
    slug = models.SlugField(_("Đường dẫn"), max_length=120, blank=True, db_index=True)
    valid_from = models.DateField(_("Có hiệu lực từ"), null=True, blank=True)
    valid_until = models.DateField(_("Hết hiệu lực từ"), null=True, blank=True)

    objects = AdministrativeUnitQuerySet.as_manager()

    class Meta:
        verbose_name = _("Đơn vị")
        verbose_name_plural = _("Đơn vị")
        ordering = ["level", "name"]
        constraints = [
            # Official codes (provinces, communes, historical districts) are unique nationwide among
            # current units; a community's code is the commune's own numbering, unique in its commune.
            models.UniqueConstraint(
                fields=["level", "code"],
                condition=~Q(code="") & Q(valid_until__isnull=True) & ~Q(level="community"),
                name="unit_current_code_unique",
            ),
            models.UniqueConstraint(
                fields=["parent", "code"],
                condition=~Q(code="") & Q(valid_until__isnull=True) & Q(level="community"),
                name="unit_community_code_unique_in_parent",
            ),
            models.UniqueConstraint(
                fields=["parent", "name"],
                condition=Q(valid_until__isnull=True) & Q(level="community"),
                name="unit_community_name_unique_in_parent",
            ),
            # Portal and staff URLs address a current commune by its slug.
            models.UniqueConstraint(
                fields=["slug"],
                condition=~Q(slug="") & Q(valid_until__isnull=True) & Q(level="commune"),
                name="unit_current_commune_slug_unique",
            ),
            models.CheckConstraint(
                condition=Q(valid_until__isnull=True)
                | Q(valid_from__isnull=True)
                | Q(valid_until__gt=models.F("valid_from")),
                name="unit_validity_ordered",
            ),
        ]
        indexes = [
            models.Index(fields=["parent", "level"], name="unit_parent_level_idx"),
            # Public pages find a commune by slug and level on every request (the page cache's version, the
            # views): with the two columns in one index SQLite's planner no longer takes the level index and
            # reads every commune of the country (3.7 ms → 0.01 ms per lookup on 3,375 units).
            models.Index(fields=["slug", "level"], name="unit_slug_level_idx"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_commune(self) -> bool:
        return self.level == UnitLevel.COMMUNE

    @property
    def is_community(self) -> bool:
        return self.level == UnitLevel.COMMUNITY

    def is_valid_on(self, day: dt.date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_until is None or day < self.valid_until
        )

    @property
    def is_current(self) -> bool:
        """No end date recorded yet (``rules.CommunityState.CURRENT``): it can still be renamed or receive a merge."""
        from grassroots.units import rules  # rules import this module's choices

        return rules.community_state(self.valid_until) == rules.CommunityState.CURRENT

    @property
    def can_end(self) -> bool:
        """Whether the community state machine lets this community be ended (or merged away)."""
        from grassroots.units import rules

        state = rules.community_state(self.valid_until)
        return bool(rules.check_community_transition(state, rules.CommunityState.ENDED))


class CommunityChangeKind(models.TextChoices):
    MERGE = "merge", _("Sáp nhập")
    SPLIT = "split", _("Chia tách")
    RENAME = "rename", _("Đổi tên")


class CommunityChange(TimeStampedModel):
    """A change of the community map of a commune (law.md §4.5: effective dates, merge/split history).

    ``sources`` are the communities before the change, ``targets`` those after it; for a rename the
    community is both (its name before and after are kept in ``old_name``/``new_name``).
    """

    commune = models.ForeignKey(
        AdministrativeUnit, verbose_name=_("Xã"), on_delete=models.PROTECT, related_name="community_changes"
    )
    kind = models.CharField(_("Loại thay đổi"), max_length=10, choices=CommunityChangeKind.choices)
    sources = models.ManyToManyField(AdministrativeUnit, verbose_name=_("Từ thôn, tổ dân phố"), related_name="+")
    targets = models.ManyToManyField(AdministrativeUnit, verbose_name=_("Thành thôn, tổ dân phố"), related_name="+")
    effective_on = models.DateField(_("Có hiệu lực từ"))
    decision_ref = models.CharField(_("Số, ký hiệu quyết định"), max_length=120, blank=True)
    old_name = models.CharField(_("Tên cũ"), max_length=200, blank=True)
    new_name = models.CharField(_("Tên mới"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("Thay đổi thôn, tổ dân phố")
        verbose_name_plural = _("Thay đổi thôn, tổ dân phố")
        ordering = ["-effective_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.effective_on:%d/%m/%Y}"


class LegacyUnitMapping(models.Model):
    """Old (pre-2025) commune or district → new commune, only for historical records (law.md §4.5)."""

    old_unit = models.ForeignKey(
        AdministrativeUnit, verbose_name=_("Đơn vị cũ"), on_delete=models.CASCADE, related_name="legacy_mappings"
    )
    new_unit = models.ForeignKey(
        AdministrativeUnit, verbose_name=_("Đơn vị mới"), on_delete=models.CASCADE, related_name="legacy_sources"
    )
    note = models.CharField(_("Ghi chú"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("Đối chiếu đơn vị cũ – mới")
        verbose_name_plural = _("Đối chiếu đơn vị cũ – mới")
        ordering = ["old_unit__code", "new_unit__code"]
        constraints = [models.UniqueConstraint(fields=["old_unit", "new_unit"], name="legacy_mapping_unique")]

    def __str__(self) -> str:
        return f"{self.old_unit} → {self.new_unit}"


class HouseholdStatus(models.TextChoices):
    ACTIVE = "active", _("Đang cư trú")
    MOVED = "moved", _("Đã chuyển đi")
    DISSOLVED = "dissolved", _("Đã giải thể")
    MERGED = "merged", _("Chuyển sang thôn mới do sáp nhập")


def household_counts_on(day: dt.date, *, through: str = "") -> Q:
    """The rule itself, stated once: ``[active_from, active_until)`` contains ``day``.

    ``Household.objects.active_on(day)`` filters with it; ``through`` reaches households from
    another model (``"households__"`` from a community), for a per-community ``Count`` in one
    grouped query.
    """
    return Q(**{f"{through}active_from__lte": day}) & (
        Q(**{f"{through}active_until__isnull": True}) | Q(**{f"{through}active_until__gt": day})
    )


def _of_unit(unit: AdministrativeUnit | int) -> Q:
    if isinstance(unit, int) or unit.level == UnitLevel.COMMUNITY:
        return Q(community=unit)
    if unit.level == UnitLevel.COMMUNE:
        return Q(community__parent=unit)
    if unit.level == UnitLevel.DISTRICT:
        return Q(community__parent__parent=unit)
    # A province's communes sit right below it since the 2025 reform, below a district before it.
    return Q(
        community__in=AdministrativeUnit.objects.filter(level=UnitLevel.COMMUNITY).filter(
            Q(parent__parent=unit) | Q(parent__parent__parent=unit)
        )
    )


class HouseholdQuerySet(models.QuerySet["Household"]):
    """Which households count: the one statement, in the database, of the rule every vote rests on.

    ``rules.household_is_active_on`` is the same rule for a household already in memory; the tests
    hold the two to the same cases.
    """

    def active_on(self, day: dt.date) -> HouseholdQuerySet:
        """Households that count on ``day``: ``active_from <= day`` and (no ``active_until`` or ``day < active_until``).

        ``active_until`` is the first day a household no longer counts (the day it moved, dissolved or
        was merged into another community). Answered from the index ``household_count_by_date_idx``.
        """
        return self.filter(household_counts_on(day))

    def active_on_or_after(self, day: dt.date) -> HouseholdQuerySet:
        """Households that count on ``day`` or on a later day: not ended by ``day`` (future arrivals included)."""
        return self.filter(Q(active_until__isnull=True) | Q(active_until__gt=day))

    def in_unit(self, unit: AdministrativeUnit | int) -> HouseholdQuerySet:
        """Households of a community, or of every community below a commune, a (historical) district or a province.

        A bare id is taken as a community's id: the community is the unit of every household vote.
        """
        return self.filter(_of_unit(unit))

    def of_unit_on(self, unit: AdministrativeUnit | int, day: dt.date) -> HouseholdQuerySet:
        """The households of ``unit`` (see ``in_unit``) that count on ``day``: a voter register, a roll-up's count.

        One ``filter`` call (not ``in_unit(unit).active_on(day)``): it is built once per vote count.
        """
        return self.filter(_of_unit(unit), household_counts_on(day))


class Household(TimeStampedModel):
    """A household (hộ gia đình) of a community: the voting unit, one household one vote (Law art. 18–19).

    A household counts towards its community's denominator on day D when
    ``active_from <= D`` and (``active_until`` is empty or ``D < active_until``): ask
    ``Household.objects.active_on(D)`` / ``of_unit_on(unit, D)``, never restate it.
    """

    community = models.ForeignKey(
        AdministrativeUnit, verbose_name=_("Thôn, tổ dân phố"), on_delete=models.PROTECT, related_name="households"
    )
    code = models.CharField(_("Mã hộ"), max_length=40)
    address = models.CharField(_("Địa chỉ"), max_length=255, blank=True)
    representative = models.ForeignKey(
        "Resident", verbose_name=_("Đại diện hộ"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(
        _("Tình trạng"), max_length=20, choices=HouseholdStatus.choices, default=HouseholdStatus.ACTIVE
    )
    active_from = models.DateField(_("Cư trú từ ngày"))
    active_until = models.DateField(_("Thôi cư trú từ ngày"), null=True, blank=True)
    previous = models.OneToOneField(
        "self",
        verbose_name=_("Hộ trước khi sáp nhập thôn"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="successor",
        help_text=_("Khi thôn, tổ dân phố sáp nhập, hộ cũ thôi tính ở thôn cũ và hộ mới ở thôn mới trỏ về hộ cũ."),
    )

    objects = HouseholdQuerySet.as_manager()

    class Meta:
        verbose_name = _("Hộ gia đình")
        verbose_name_plural = _("Hộ gia đình")
        ordering = ["community", "code"]
        constraints = [
            models.UniqueConstraint(fields=["community", "code"], name="household_code_unique_in_community"),
            models.CheckConstraint(
                condition=Q(active_until__isnull=True) | Q(active_until__gt=models.F("active_from")),
                name="household_active_period_ordered",
            ),
            models.CheckConstraint(
                condition=Q(status="active", active_until__isnull=True)
                | (~Q(status="active") & Q(active_until__isnull=False)),
                name="household_status_matches_period",
            ),
        ]
        indexes = [
            models.Index(fields=["community", "active_from", "active_until"], name="household_count_by_date_idx"),
        ]

    def __str__(self) -> str:
        return self.code

    @property
    def is_active(self) -> bool:
        """Still living in its community (status ``active``, no end date): pages offer its changes."""
        return self.status == HouseholdStatus.ACTIVE

    @property
    def can_move_out(self) -> bool:
        """Whether the household state machine lets it be recorded as moved away (or dissolved)."""
        from grassroots.units import rules  # rules import this module's choices

        return bool(rules.check_household_transition(self.status, HouseholdStatus.MOVED))


class Gender(models.TextChoices):
    FEMALE = "female", _("Nữ")
    MALE = "male", _("Nam")
    OTHER = "other", _("Khác")


def resident_is_member_on(day: dt.date, *, through: str = "") -> Q:
    """The membership rule, stated once: ``[registered_on, left_on)`` contains ``day``.

    The same half-open period as a household's: a person registered in the household on ``day`` counts on
    ``day`` (a decision taken the day a child's birth is registered counts the child), one who left on ``day``
    no longer does. An empty ``registered_on`` (residents recorded before membership dates existed) counts
    from always; an empty ``left_on`` means still a member.
    """
    return (Q(**{f"{through}registered_on__isnull": True}) | Q(**{f"{through}registered_on__lte": day})) & (
        Q(**{f"{through}left_on__isnull": True}) | Q(**{f"{through}left_on__gt": day})
    )


class ResidentQuerySet(models.QuerySet["Resident"]):
    def members_on(self, day: dt.date) -> ResidentQuerySet:
        """Residents who are members of their household on ``day`` (``resident_is_member_on``)."""
        return self.filter(household__isnull=False).filter(resident_is_member_on(day))

    def current(self) -> ResidentQuerySet:
        """Residents who have not left their household (no ``left_on``): today's household book."""
        return self.filter(left_on__isnull=True)


class Resident(TimeStampedModel):
    """A resident (người dân, công dân): only what the law needs.

    Membership of the household is dated: ``registered_on`` (the day entered in the household, empty when
    unknown: counted from always) and ``left_on`` (the first day no longer a member). A person who leaves is
    recorded with ``left_on``, never deleted, so a register on an earlier date (a fund's per-person rate on
    its decision date) stays true: ``Resident.objects.members_on(day)``.
    """

    household = models.ForeignKey(
        Household,
        verbose_name=_("Hộ gia đình"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="members",
    )
    full_name = models.CharField(_("Họ và tên"), max_length=200)
    birth_date = models.DateField(_("Ngày sinh"), null=True, blank=True)
    gender = models.CharField(_("Giới tính"), max_length=10, choices=Gender.choices, blank=True)
    phone = models.CharField(_("Số điện thoại"), max_length=20, blank=True)
    user = models.OneToOneField(
        "accounts.User",
        verbose_name=_("Tài khoản"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="resident",
    )
    registered_on = models.DateField(_("Ngày vào hộ"), null=True, blank=True)
    left_on = models.DateField(_("Ngày rời hộ"), null=True, blank=True)

    objects = ResidentQuerySet.as_manager()

    class Meta:
        verbose_name = _("Người dân")
        verbose_name_plural = _("Người dân")
        ordering = ["full_name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(left_on__isnull=True)
                | Q(registered_on__isnull=True)
                | Q(left_on__gt=models.F("registered_on")),
                name="resident_membership_period_ordered",
            ),
        ]

    def __str__(self) -> str:
        return self.full_name


class OrganisationKind(models.TextChoices):
    AGENCY = "agency", _("Cơ quan hành chính nhà nước")
    PUBLIC_SERVICE_UNIT = "public_service_unit", _("Đơn vị sự nghiệp công lập")
    STATE_OWNED_ENTERPRISE = "state_owned_enterprise", _("Doanh nghiệp nhà nước")
    OTHER_EMPLOYER = "other_employer", _("Doanh nghiệp, tổ chức có sử dụng lao động")


class Organisation(TimeStampedModel):
    """An agency, public service unit or enterprise (cơ quan, đơn vị, doanh nghiệp): Law Chapters III–IV."""

    kind = models.CharField(_("Loại hình"), max_length=30, choices=OrganisationKind.choices)
    name = models.CharField(_("Tên"), max_length=255)
    short_name = models.CharField(_("Tên viết tắt"), max_length=40, blank=True)
    unit = models.ForeignKey(
        AdministrativeUnit, verbose_name=_("Địa bàn"), on_delete=models.PROTECT, related_name="organisations"
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("Cơ quan quản lý"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    weekly_rest_days = models.CharField(
        _("Ngày nghỉ hằng tuần"),
        max_length=20,
        default="5,6",
        help_text=_("Thứ trong tuần, 0 = thứ Hai … 6 = Chủ nhật; mặc định thứ Bảy và Chủ nhật."),
    )

    @property
    def rest_weekdays(self) -> tuple[int, ...]:
        """The weekly rest days as Python weekdays (0 = Monday … 6 = Sunday)."""
        return tuple(sorted({int(part) for part in self.weekly_rest_days.split(",") if part.strip().isdigit()}))

    @property
    def follows_public_sector_calendar(self) -> bool:
        """Agencies and public service units keep the public-sector working week and its swaps."""
        return self.kind in (OrganisationKind.AGENCY, OrganisationKind.PUBLIC_SERVICE_UNIT)

    class Meta:
        verbose_name = _("Cơ quan, đơn vị, doanh nghiệp")
        verbose_name_plural = _("Cơ quan, đơn vị, doanh nghiệp")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class StaffHeadcount(models.Model):
    """Staff headcount of an organisation from a date (số cán bộ, người lao động): conference quorums use it."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="headcounts")
    effective_from = models.DateField(_("Từ ngày"))
    headcount = models.PositiveIntegerField(_("Số người"))

    class Meta:
        verbose_name = _("Số lao động")
        verbose_name_plural = _("Số lao động")
        ordering = ["organisation", "-effective_from"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "effective_from"], name="headcount_one_per_date"),
        ]

    def __str__(self) -> str:
        return f"{self.organisation}: {self.headcount} ({self.effective_from})"
