"""seed_demo: the demo commune's size, every role, representatives, its activity, determinism and idempotency.

The seed is the slowest thing in the suite (~10 s), so one test runs it once and checks everything.
"""

from __future__ import annotations

import datetime as dt
from io import StringIO
from typing import TYPE_CHECKING, TypedDict, cast

import pytest
from django.core.management import call_command
from django.db.models import Count, F

from grassroots.accounts.models import Role, RoleMembership, User
from grassroots.core.models import AuditEvent
from grassroots.demo import data
from grassroots.demo.services import demo_login_rows
from grassroots.demo.tests.activity_checks import (
    activity_snapshot,
    check_activity,
    check_online_vote_for_representative,
)
from grassroots.units.models import (
    AdministrativeUnit,
    Household,
    HouseholdStatus,
    Organisation,
    OrganisationKind,
    Resident,
    StaffHeadcount,
    UnitLevel,
)

if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations

pytestmark = pytest.mark.django_db


class _HouseholdCount(TypedDict):
    n: int


def _snapshot() -> dict[str, object]:
    return {
        "units": AdministrativeUnit.objects.count(),
        "households": Household.objects.count(),
        "residents": Resident.objects.count(),
        "users": User.objects.count(),
        "memberships": RoleMembership.objects.count(),
        "organisations": Organisation.objects.count(),
        "headcounts": StaffHeadcount.objects.count(),
        "seeded_events": AuditEvent.objects.filter(code="demo.commune.seeded").count(),
        "names": list(Resident.objects.order_by("household__code", "pk").values_list("full_name", flat=True)[:50]),
        "periods": list(
            Household.objects.exclude(status=HouseholdStatus.ACTIVE)
            .order_by("community__code", "code")
            .values_list("code", "status", "active_until")
        ),
    }


def test_seed_demo_builds_the_commune_and_is_idempotent() -> None:
    call_command("seed_demo", stdout=StringIO())
    first = _snapshot()
    first_activity = activity_snapshot()

    commune = AdministrativeUnit.objects.get(level=UnitLevel.COMMUNE, code=data.COMMUNE_CODE)
    assert commune.kind.code == "xa"
    assert commune.slug == data.COMMUNE_SLUG
    assert commune.parent is not None
    assert commune.parent.level == UnitLevel.PROVINCE
    assert commune.parent.code == data.PROVINCE_CODE
    assert commune.parent.name == "Tỉnh Ninh Bình"

    communities = AdministrativeUnit.objects.filter(parent=commune, level=UnitLevel.COMMUNITY)
    assert communities.count() >= 12
    households = Household.objects.filter(community__parent=commune)
    assert households.count() >= 2500
    largest = cast(
        "WithAnnotations[AdministrativeUnit, _HouseholdCount] | None",
        communities.annotate(n=Count("households")).order_by("-n").first(),
    )
    assert largest is not None
    assert largest.n >= 200

    # Every household has a representative who is one of its members.
    assert not households.filter(representative__isnull=True).exists()
    assert households.exclude(representative__household_id=F("pk")).count() == 0

    # A few households moved or dissolved, so the count depends on the date.
    assert households.filter(status=HouseholdStatus.MOVED).count() > 0
    assert households.filter(status=HouseholdStatus.DISSOLVED).count() > 0
    before = households.filter(active_from__lte=dt.date(2025, 7, 1)).exclude(active_until__lte=dt.date(2025, 7, 1))
    after = households.filter(active_from__lte=dt.date(2026, 11, 1)).exclude(active_until__lte=dt.date(2026, 11, 1))
    assert before.count() != after.count()

    roles = set(
        RoleMembership.objects.filter(user__username__in=[s.username for s in data.ROLE_USERS]).values_list(
            "role", flat=True
        )
    )
    assert roles == {role.value for role in Role}
    kinds = set(Organisation.objects.filter(unit=commune).values_list("kind", flat=True))
    assert {
        OrganisationKind.AGENCY,
        OrganisationKind.PUBLIC_SERVICE_UNIT,
        OrganisationKind.STATE_OWNED_ENTERPRISE,
    } <= kinds
    assert StaffHeadcount.objects.filter(organisation__unit=commune).count() == 3

    officer = User.objects.get(username="canbo")
    assert officer.check_password(data.DEMO_PASSWORD)
    assert User.objects.get(username="admin").is_superuser
    representative = User.objects.get(username="daidienho")
    assert Household.objects.filter(representative__user=representative).exists()
    citizen = User.objects.get(username="nguoidan").resident
    assert not Household.objects.filter(representative=citizen).exists()
    assert first["seeded_events"] == 1

    _check_logins()
    check_activity(commune)

    call_command("seed_demo", stdout=StringIO())
    assert _snapshot() == first
    assert activity_snapshot() == first_activity
    out = StringIO()
    call_command("audit_verify", stdout=out)
    assert out.getvalue().startswith("OK:")

    check_online_vote_for_representative()
    call_command("audit_verify", stdout=StringIO())


def _check_logins() -> None:
    rows = demo_login_rows()
    assert {row.username for row in rows} == {"admin", *(seed.username for seed in data.ROLE_USERS)}
    assert all(row.password == data.DEMO_PASSWORD for row in rows)
    out = StringIO()
    call_command("demo_logins", stdout=out)
    text = out.getvalue()
    assert "canbo" in text and "sonoivu" in text and data.DEMO_PASSWORD in text
