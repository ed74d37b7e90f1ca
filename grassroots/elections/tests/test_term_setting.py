"""The village-head term is a province setting with an effective date ([TT04] art. 12(2))."""

from __future__ import annotations

import datetime as dt

import pytest

from grassroots.accounts.models import User
from grassroots.accounts.testing import make_unit
from grassroots.elections import services
from grassroots.elections.models import VillageHeadTermSetting
from grassroots.elections.services import village_head_term_months
from grassroots.elections.tests.test_gaps import resident_of, run_to_count
from grassroots.units.models import AdministrativeUnit, UnitLevel
from grassroots.voting.testing import VN

pytestmark = pytest.mark.django_db


def test_default_term_without_a_province_row(community: AdministrativeUnit) -> None:
    assert village_head_term_months(community, dt.date(2026, 12, 21)) == 60


def test_province_row_applies_from_its_date_only_in_that_province(community: AdministrativeUnit) -> None:
    assert community.parent is not None and community.parent.parent is not None
    province = community.parent.parent
    other_province = make_unit(UnitLevel.PROVINCE, "Tỉnh Khác")
    far_community = make_unit(UnitLevel.COMMUNITY, "Thôn Xa", make_unit(UnitLevel.COMMUNE, "Xã Xa", other_province))
    VillageHeadTermSetting.objects.create(province=province, months=30, effective_from=dt.date(2026, 7, 1))
    assert village_head_term_months(community, dt.date(2026, 6, 30)) == 60
    assert village_head_term_months(community, dt.date(2026, 7, 1)) == 30
    assert village_head_term_months(far_community, dt.date(2026, 7, 1)) == 60


def test_recognised_head_gets_the_province_term(community: AdministrativeUnit, commune_chair: User) -> None:
    assert community.parent is not None and community.parent.parent is not None
    VillageHeadTermSetting.objects.create(
        province=community.parent.parent, months=30, effective_from=dt.date(2026, 1, 1), source="Quyết định thử"
    )
    person = resident_of(community, "H1-02", "Đặng Thị Hai")
    election, _candidate = run_to_count(community, commune_chair, person)
    result = services.election_recognise_with_accounts(
        election=election, actor=commune_chair, now=dt.datetime(2026, 12, 21, 9, 0, tzinfo=VN)
    )
    assert (result.election.term_start, result.election.term_end) == (dt.date(2026, 12, 21), dt.date(2029, 6, 21))


def test_only_the_allowed_terms_are_stored(community: AdministrativeUnit) -> None:
    from django.db import IntegrityError, transaction

    assert community.parent is not None and community.parent.parent is not None
    with pytest.raises(IntegrityError), transaction.atomic():
        VillageHeadTermSetting.objects.create(
            province=community.parent.parent, months=48, effective_from=dt.date(2026, 1, 1)
        )
