"""factory_boy factories for the units app; other apps import them.

Codes start with 9 so they never collide with the official codes loaded by ``load_admin_units``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

import factory.django
from django.db import models
from factory import declarations

from grassroots.units.models import (
    AdministrativeUnit,
    Gender,
    Household,
    Organisation,
    OrganisationKind,
    Resident,
    StaffHeadcount,
    UnitKind,
    UnitLevel,
)

KIND_NAMES = {
    "tinh": ("Tỉnh", UnitLevel.PROVINCE, False),
    "thanh_pho_tw": ("Thành phố trực thuộc trung ương", UnitLevel.PROVINCE, False),
    "huyen": ("Huyện", UnitLevel.DISTRICT, True),
    "xa": ("Xã", UnitLevel.COMMUNE, False),
    "phuong": ("Phường", UnitLevel.COMMUNE, False),
    "dac_khu": ("Đặc khu", UnitLevel.COMMUNE, False),
    "thi_tran": ("Thị trấn", UnitLevel.COMMUNE, True),
    "thon": ("Thôn", UnitLevel.COMMUNITY, False),
    "to_dan_pho": ("Tổ dân phố", UnitLevel.COMMUNITY, False),
}


ModelT = TypeVar("ModelT", bound=models.Model)

# factory_boy's declarations have no annotations: reached through an ``Any`` and wrapped in typed
# functions, they keep the factories checkable under ``mypy --strict`` without an ignore per attribute.
_declarations: Any = declarations


def lazy_attribute(function: Callable[[Any], Any]) -> Any:
    return _declarations.LazyAttribute(function)


def lazy_function(function: Callable[[], Any]) -> Any:
    return _declarations.LazyFunction(function)


def sequence(function: Callable[[int], Any]) -> Any:
    return _declarations.Sequence(function)


def sub_factory(factory_class: Any, **defaults: Any) -> Any:
    return _declarations.SubFactory(factory_class, **defaults)


def post_generation(function: Callable[..., None]) -> Any:
    return _declarations.PostGeneration(function)


class ModelFactory(factory.django.DjangoModelFactory[ModelT]):
    """Base factory whose call is typed as returning the model (factory_boy leaves ``__new__`` untyped)."""

    class Meta:
        abstract = True

    if TYPE_CHECKING:

        def __new__(cls, *args: Any, **kwargs: Any) -> ModelT: ...  # type: ignore[misc]


def unit_kind(code: str) -> UnitKind:
    """The seeded kind with this code (created if a test database skipped the data migration)."""
    name, level, is_legacy = KIND_NAMES.get(code, (code, UnitLevel.COMMUNITY, False))
    kind, _created = UnitKind.objects.get_or_create(
        code=code, defaults={"name": name, "level": level, "is_legacy": is_legacy}
    )
    return kind


class UnitKindFactory(ModelFactory[UnitKind]):
    class Meta:
        model = UnitKind
        django_get_or_create = ("code",)

    code = "thon"
    name = lazy_attribute(lambda o: KIND_NAMES.get(o.code, (o.code,))[0])
    level = lazy_attribute(lambda o: KIND_NAMES.get(o.code, ("", UnitLevel.COMMUNITY))[1])
    is_legacy = False


class ProvinceFactory(ModelFactory[AdministrativeUnit]):
    class Meta:
        model = AdministrativeUnit

    parent = None
    level = UnitLevel.PROVINCE
    kind = lazy_function(lambda: unit_kind("tinh"))
    name = sequence(lambda n: f"Tỉnh Thử Nghiệm {n}")
    short_name = sequence(lambda n: f"Thử Nghiệm {n}")
    code = sequence(lambda n: f"9{n:03d}")
    slug = sequence(lambda n: f"tinh-thu-{n}")
    valid_from = dt.date(2025, 7, 1)


class CommuneFactory(ModelFactory[AdministrativeUnit]):
    class Meta:
        model = AdministrativeUnit

    parent = sub_factory(ProvinceFactory)
    level = UnitLevel.COMMUNE
    kind = lazy_function(lambda: unit_kind("xa"))
    name = sequence(lambda n: f"Xã Hòa Thử {n}")
    short_name = sequence(lambda n: f"Hòa Thử {n}")
    code = sequence(lambda n: f"9{n:05d}")
    slug = sequence(lambda n: f"xa-hoa-thu-{n}")
    valid_from = dt.date(2025, 7, 1)


class CommunityFactory(ModelFactory[AdministrativeUnit]):
    class Meta:
        model = AdministrativeUnit

    parent = sub_factory(CommuneFactory)
    level = UnitLevel.COMMUNITY
    kind = lazy_function(lambda: unit_kind("thon"))
    name = sequence(lambda n: f"Thôn {n}")
    short_name = lazy_attribute(lambda o: o.name)
    code = sequence(lambda n: f"{n:02d}")
    slug = lazy_attribute(lambda o: o.code)


def _household_representative(obj: Any, create: bool, extracted: Any, **kwargs: Any) -> None:
    """``representative=False`` for none; a Resident to use it; ``representative__full_name=…`` to shape it."""
    if not create or extracted is False:
        return
    resident = extracted or ResidentFactory(household=obj, **kwargs)
    obj.representative = resident
    obj.save(update_fields=["representative"])


class HouseholdFactory(ModelFactory[Household]):
    """A household with one adult member as its representative (``representative=False`` for none)."""

    class Meta:
        model = Household
        skip_postgeneration_save = True

    community = sub_factory(CommunityFactory)
    code = sequence(lambda n: f"HGD-{n:05d}")
    address = lazy_attribute(lambda o: f"Số {o.code[-3:]}, {o.community.name}")
    active_from = dt.date(2020, 1, 1)

    representative = post_generation(_household_representative)


class ResidentFactory(ModelFactory[Resident]):
    class Meta:
        model = Resident

    household = sub_factory(HouseholdFactory, representative=False)
    full_name = sequence(lambda n: f"Nguyễn Văn Thử {n}")
    birth_date = dt.date(1980, 5, 17)
    gender = Gender.MALE
    phone = ""


class OrganisationFactory(ModelFactory[Organisation]):
    class Meta:
        model = Organisation

    kind = OrganisationKind.AGENCY
    name = sequence(lambda n: f"Cơ quan thử nghiệm {n}")
    short_name = ""
    unit = sub_factory(CommuneFactory)
    parent = None
    weekly_rest_days = "5,6"


class StaffHeadcountFactory(ModelFactory[StaffHeadcount]):
    class Meta:
        model = StaffHeadcount

    organisation = sub_factory(OrganisationFactory)
    effective_from = dt.date(2026, 1, 1)
    headcount = 40
