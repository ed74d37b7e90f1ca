"""Writes of the demo app: the demo commune (``demo_seed``) and its logins (``demo_login_rows``).

Deterministic: a fixed random seed and fixed dates, so every run on an empty database yields the
same households, residents and names. Idempotent: the commune is found by its code and, when it
exists, only the role users and memberships are checked (nothing is duplicated).
"""

from __future__ import annotations

import datetime as dt
import io
import logging
import random
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.hashers import make_password
from django.core.management import call_command, get_commands
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from grassroots.accounts.models import Role, RoleMembership, User
from grassroots.core.services import audit_record
from grassroots.demo import data
from grassroots.demo.activity import demo_activity_seed
from grassroots.units.models import (
    AdministrativeUnit,
    Gender,
    Household,
    HouseholdStatus,
    Organisation,
    Resident,
    StaffHeadcount,
    UnitKind,
    UnitLevel,
)

logger = logging.getLogger(__name__)

BATCH_SIZE = 1000
MOVED_SHARE = 0.015
DISSOLVED_SHARE = 0.005
NEW_SHARE = 0.02
CHANGES_FIRST_DAY = dt.date(2025, 8, 1)
CHANGES_LAST_DAY = dt.date(2026, 10, 31)
OLDEST_REPRESENTATIVE_YEAR = 1946
YOUNGEST_REPRESENTATIVE_YEAR = 2000
LAST_BIRTH_YEAR = 2025


@dataclass
class SeedReport:
    """What ``demo_seed`` found or made."""

    commune: AdministrativeUnit
    created: bool
    counts: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class DemoLogin:
    username: str
    password: str
    role: str
    unit: str


def _random_day(rng: random.Random, first: dt.date, last: dt.date) -> dt.date:
    return dt.date.fromordinal(rng.randint(first.toordinal(), last.toordinal()))


def _birth_date(rng: random.Random, year: int) -> dt.date:
    year = max(1925, min(year, LAST_BIRTH_YEAR))
    return _random_day(rng, dt.date(year, 1, 1), dt.date(year, 12, 28))


class _NameMaker:
    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.surnames = [name for name, _weight in data.SURNAMES]
        self.weights = [weight for _name, weight in data.SURNAMES]

    def surname(self) -> str:
        return self.rng.choices(self.surnames, self.weights)[0]

    def full_name(self, gender: str, surname: str | None = None) -> str:
        surname = surname or self.surname()
        if gender == Gender.MALE:
            middle, given = self.rng.choice(data.MALE_MIDDLE), self.rng.choice(data.MALE_GIVEN)
        else:
            middle, given = self.rng.choice(data.FEMALE_MIDDLE), self.rng.choice(data.FEMALE_GIVEN)
        return f"{surname} {middle} {given}"


def _kind(code: str, name: str, level: str) -> UnitKind:
    kind, _created = UnitKind.objects.get_or_create(code=code, defaults={"name": name, "level": level})
    return kind


def _current_unit(level: str, code: str) -> AdministrativeUnit | None:
    return AdministrativeUnit.objects.filter(level=level, code=code, valid_until__isnull=True).first()


def _ensure_province() -> AdministrativeUnit:
    """The real province: from the units loader when it exists, else one row with the official code."""
    province = _current_unit(UnitLevel.PROVINCE, data.PROVINCE_CODE)
    if province is None and "load_admin_units" in get_commands():
        try:
            call_command("load_admin_units", verbosity=0, stdout=io.StringIO())
        except Exception:  # the loader is optional here; the seed still needs its province row
            logger.exception("load_admin_units failed; creating the demo province row only")
        province = _current_unit(UnitLevel.PROVINCE, data.PROVINCE_CODE)
    if province is None:
        province = AdministrativeUnit.objects.create(
            level=UnitLevel.PROVINCE,
            kind=_kind("tinh", "Tỉnh", UnitLevel.PROVINCE),
            name=data.PROVINCE_NAME,
            short_name=data.PROVINCE_SHORT_NAME,
            code=data.PROVINCE_CODE,
            slug=data.PROVINCE_SLUG,
            valid_from=data.COMMUNE_VALID_FROM,
        )
    return province


def _seed_households(
    rng: random.Random, communities: list[AdministrativeUnit], commune: AdministrativeUnit
) -> dict[str, int]:
    names = _NameMaker(rng)
    households: list[Household] = []
    plans: list[list[tuple[str, str, dt.date]]] = []  # per household: (name, gender, birth) rep first
    for index, (community, (community_name, count)) in enumerate(zip(communities, data.COMMUNITIES, strict=True)):
        for number in range(1, count + 1):
            roll = rng.random()
            active_from = _random_day(rng, dt.date(1990, 1, 1), dt.date(2024, 12, 31))
            active_until = None
            status = HouseholdStatus.ACTIVE
            if roll < MOVED_SHARE:
                status = HouseholdStatus.MOVED
                active_until = _random_day(rng, CHANGES_FIRST_DAY, CHANGES_LAST_DAY)
            elif roll < MOVED_SHARE + DISSOLVED_SHARE:
                status = HouseholdStatus.DISSOLVED
                active_until = _random_day(rng, CHANGES_FIRST_DAY, CHANGES_LAST_DAY)
            elif roll < MOVED_SHARE + DISSOLVED_SHARE + NEW_SHARE:
                active_from = _random_day(rng, CHANGES_FIRST_DAY, CHANGES_LAST_DAY)
            households.append(
                Household(
                    community=community,
                    code=f"{index + 1:02d}-{number:04d}",
                    address=f"Số {number}, {community_name}, {commune.name}",
                    status=status,
                    active_from=active_from,
                    active_until=active_until,
                )
            )
            plans.append(_household_members(rng, names))
    Household.objects.bulk_create(households, batch_size=BATCH_SIZE)

    residents: list[Resident] = []
    first_member_index: list[int] = []
    for household, members in zip(households, plans, strict=True):
        first_member_index.append(len(residents))
        residents.extend(
            Resident(household=household, full_name=name, gender=gender, birth_date=birth)
            for name, gender, birth in members
        )
    Resident.objects.bulk_create(residents, batch_size=BATCH_SIZE)
    for household, first in zip(households, first_member_index, strict=True):
        household.representative = residents[first]
    Household.objects.bulk_update(households, ["representative"], batch_size=BATCH_SIZE)
    return {"households": len(households), "residents": len(residents)}


def _household_members(rng: random.Random, names: _NameMaker) -> list[tuple[str, str, dt.date]]:
    """A plausible household: the representative, maybe a spouse, children, maybe an elderly parent."""
    size = rng.choices(data.HOUSEHOLD_SIZES, data.HOUSEHOLD_SIZE_WEIGHTS)[0]
    rep_gender = Gender.MALE if rng.random() < 0.7 else Gender.FEMALE
    rep_year = rng.randint(OLDEST_REPRESENTATIVE_YEAR, YOUNGEST_REPRESENTATIVE_YEAR)
    family_name = names.surname()
    members: list[tuple[str, str, dt.date]] = [
        (names.full_name(rep_gender, family_name), rep_gender, _birth_date(rng, rep_year))
    ]
    if size >= 2:
        spouse_gender = Gender.FEMALE if rep_gender == Gender.MALE else Gender.MALE
        spouse_year = rep_year + rng.randint(-4, 5)
        members.append((names.full_name(spouse_gender), spouse_gender, _birth_date(rng, spouse_year)))
    if size >= 6 and rep_year >= 1965:
        parent_gender = Gender.FEMALE if rng.random() < 0.6 else Gender.MALE
        parent_surname = family_name if parent_gender == Gender.MALE else None
        parent_year = rep_year - rng.randint(22, 32)
        members.append((names.full_name(parent_gender, parent_surname), parent_gender, _birth_date(rng, parent_year)))
    children_surname = family_name if rep_gender == Gender.MALE else names.surname()
    while len(members) < size:
        child_gender = Gender.MALE if rng.random() < 0.51 else Gender.FEMALE
        child_year = rep_year + rng.randint(20, 40)
        members.append((names.full_name(child_gender, children_surname), child_gender, _birth_date(rng, child_year)))
    return members


def _seed_organisations(commune: AdministrativeUnit) -> dict[str, Organisation]:
    organisations: dict[str, Organisation] = {}
    for seed in data.ORGANISATIONS:
        organisation, _created = Organisation.objects.get_or_create(
            unit=commune,
            name=seed.name,
            defaults={"kind": seed.kind, "short_name": seed.short_name},
        )
        StaffHeadcount.objects.get_or_create(
            organisation=organisation, effective_from=data.HEADCOUNT_FROM, defaults={"headcount": seed.headcount}
        )
        organisations[seed.key] = organisation
    return organisations


def _seed_users(
    province: AdministrativeUnit,
    commune: AdministrativeUnit,
    communities: list[AdministrativeUnit],
    organisations: dict[str, Organisation],
) -> int:
    """Role users and their memberships; passwords are hashed once (hashing is deliberately slow)."""
    password_hash = make_password(data.DEMO_PASSWORD)
    created = 0
    admin = User.objects.filter(username=data.ADMIN_USERNAME).first()
    if admin is None:
        User.objects.create(
            username=data.ADMIN_USERNAME,
            full_name=data.ADMIN_FULL_NAME,
            email="admin@example.vn",
            is_staff=True,
            is_superuser=True,
            password=password_hash,
        )
        created += 1
    first_community = communities[0]
    for seed in data.ROLE_USERS:
        resident = _resident_for(seed, first_community)
        full_name = resident.full_name if resident is not None else seed.full_name
        user = User.objects.filter(username=seed.username).first()
        if user is None:
            user = User.objects.create(
                username=seed.username, full_name=full_name, phone=seed.phone, password=password_hash
            )
            created += 1
        if resident is not None and resident.user_id is None and not Resident.objects.filter(user=user).exists():
            resident.user = user
            resident.save(update_fields=["user", "updated_at"])
        if seed.unit == "province":
            unit = province
        elif seed.unit == "commune":
            unit = commune
        else:
            unit = communities[int(seed.unit)]
        RoleMembership.objects.get_or_create(
            user=user,
            role=seed.role,
            unit=unit,
            organisation=organisations.get(seed.organisation),
            defaults={"valid_from": data.ROLES_VALID_FROM},
        )
    return created


def _resident_for(seed: data.RoleUserSeed, community: AdministrativeUnit) -> Resident | None:
    """The resident a citizen login stands for: a representative, or an adult non-representative member."""
    if not seed.resident:
        return None
    first_household = (
        Household.objects.filter(community=community, status=HouseholdStatus.ACTIVE).order_by("code").first()
    )
    if first_household is None or first_household.representative is None:
        return None
    if seed.resident == "representative":
        return first_household.representative
    return (
        Resident.objects.filter(household__community=community, household__status=HouseholdStatus.ACTIVE)
        .exclude(pk__in=Household.objects.filter(community=community).values("representative"))
        .filter(birth_date__lte=dt.date(2000, 1, 1))
        .order_by("household__code", "pk")
        .first()
    )


def demo_seed(*, actor: Any = None, now: dt.datetime | None = None) -> SeedReport:
    """Create the demo commune (or find it) with its communities, households, organisations and users."""
    province = _ensure_province()
    with transaction.atomic():
        commune = _current_unit(UnitLevel.COMMUNE, data.COMMUNE_CODE)
        created = commune is None
        counts: dict[str, int] = {}
        if commune is None:
            commune = AdministrativeUnit.objects.create(
                parent=province,
                level=UnitLevel.COMMUNE,
                kind=_kind("xa", "Xã", UnitLevel.COMMUNE),
                name=data.COMMUNE_NAME,
                short_name=data.COMMUNE_SHORT_NAME,
                code=data.COMMUNE_CODE,
                slug=data.COMMUNE_SLUG,
                valid_from=data.COMMUNE_VALID_FROM,
            )
            village = _kind("thon", "Thôn", UnitLevel.COMMUNITY)
            communities = AdministrativeUnit.objects.bulk_create(
                [
                    AdministrativeUnit(
                        parent=commune,
                        level=UnitLevel.COMMUNITY,
                        kind=village,
                        name=name,
                        short_name=name.removeprefix("Thôn "),
                        code=f"{index + 1:02d}",
                        valid_from=data.COMMUNE_VALID_FROM,
                    )
                    for index, (name, _count) in enumerate(data.COMMUNITIES)
                ]
            )
            counts.update(_seed_households(random.Random(data.SEED), communities, commune))
        communities = list(
            AdministrativeUnit.objects.filter(parent=commune, level=UnitLevel.COMMUNITY).order_by("code")
        )
        organisations = _seed_organisations(commune)
        counts["users_created"] = _seed_users(province, commune, communities, organisations)
        counts["communities"] = len(communities)
        if created:
            audit_record(
                code="demo.commune.seeded",
                actor=actor,
                unit=commune,
                obj=commune,
                after={"code": commune.code, "name": commune.name, **counts},
                now=now,
            )
    # The activity (disclosures, votes, documents) goes through the apps' services, block by block,
    # each in its own transaction and skipped when its stable key is already there.
    counts.update(demo_activity_seed(commune=commune, organisations=organisations))
    return SeedReport(commune=commune, created=created, counts=counts)


def demo_login_rows() -> list[DemoLogin]:
    """Every demo login with its role and unit, for ``manage.py demo_logins`` and the docs."""
    rows = [DemoLogin(data.ADMIN_USERNAME, data.DEMO_PASSWORD, str(_("Quản trị hệ thống")), "—")]
    usernames = [seed.username for seed in data.ROLE_USERS]
    memberships = (
        RoleMembership.objects.filter(user__username__in=usernames)
        .select_related("user", "unit", "organisation")
        .order_by("pk")
    )
    by_user: dict[str, list[RoleMembership]] = {}
    for membership in memberships:
        by_user.setdefault(membership.user.username, []).append(membership)
    for username in usernames:
        for membership in by_user.get(username, []):
            place = membership.unit.name
            if membership.organisation is not None:
                place = f"{membership.organisation.name} ({place})"
            rows.append(DemoLogin(username, data.DEMO_PASSWORD, str(Role(membership.role).label), place))
    return rows
