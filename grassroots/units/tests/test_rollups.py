"""Roll-ups count on the day asked: communities valid that day, households active that day.

The staff dashboard's provincial table (``dashboard.selectors.province_rollup``) is one of them: a
community that ends later, or a merge recorded ahead of its effective date, must not drop households
that still count on the day shown.
"""

from __future__ import annotations

import datetime as dt

import pytest

from grassroots.dashboard.selectors import province_rollup
from grassroots.units import services
from grassroots.units.models import AdministrativeUnit
from grassroots.units.tests.factories import CommunityFactory, HouseholdFactory

pytestmark = pytest.mark.django_db

MERGE_DAY = dt.date(2026, 12, 1)
RECORDED = dt.datetime(2026, 11, 22, 9, 0, tzinfo=dt.UTC)


@pytest.fixture
def merged_ahead(
    bare_commune: AdministrativeUnit, village_one: AdministrativeUnit, village_two: AdministrativeUnit
) -> AdministrativeUnit:
    """Thôn 1 (2 households) merges into Thôn 2 (1 household) from 01/12/2026, recorded on 22/11/2026.

    Thôn 3 is created from 01/10/2026 with no household yet.
    """
    HouseholdFactory.create_batch(2, community=village_one, active_from=dt.date(2020, 1, 1))
    HouseholdFactory(community=village_two, active_from=dt.date(2020, 1, 1))
    CommunityFactory(parent=bare_commune, name="Thôn 3", code="03", valid_from=dt.date(2026, 10, 1))
    services.community_merge(
        sources=[village_one], target=village_two, on=MERGE_DAY, decision_ref="", actor=None, now=RECORDED
    )
    return bare_commune


def _row(province: AdministrativeUnit, commune: AdministrativeUnit, day: dt.date) -> tuple[int, int]:
    rows = {row.commune.pk: (row.communities, row.households) for row in province_rollup(province, day).rows}
    return rows[commune.pk]


@pytest.mark.parametrize(
    ("day", "communities", "households"),
    [
        (dt.date(2026, 9, 30), 2, 3),  # before Thôn 3 exists
        (dt.date(2026, 11, 22), 3, 3),  # the day the merge is recorded: Thôn 1 still counts
        (MERGE_DAY - dt.timedelta(days=1), 3, 3),
        (MERGE_DAY, 2, 3),  # from the merge day its households count in Thôn 2
    ],
)
def test_province_rollup_counts_on_the_day_asked(
    merged_ahead: AdministrativeUnit, day: dt.date, communities: int, households: int
) -> None:
    province = merged_ahead.parent
    assert province is not None
    assert _row(province, merged_ahead, day) == (communities, households)
