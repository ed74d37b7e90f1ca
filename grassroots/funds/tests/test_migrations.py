"""Migration 0006: a fund's whole-day labour rate and free-text materials note become structured rates."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.db import DatabaseError, connection, transaction
from django.db.migrations.executor import MigrationExecutor

from grassroots.accounts.models import User
from grassroots.funds import rules, selectors
from grassroots.funds.models import Entry, Fund, InKindDue, InKindRate
from grassroots.units.models import AdministrativeUnit, Household

BEFORE = [("funds", "0005_commune_setting")]
AFTER = [("funds", "0006_in_kind_rates")]
NOW = dt.datetime(2026, 11, 10, 9, 0, tzinfo=dt.UTC)


def _migrate(targets: list[tuple[str, str]]) -> Any:
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_labour_and_materials_become_structured_rates(community: AdministrativeUnit, village_head: User) -> None:
    households = list(Household.objects.filter(community=community).order_by("code"))
    old_apps = _migrate(BEFORE)
    try:
        old_fund = old_apps.get_model("funds", "Fund")
        old_obligation = old_apps.get_model("funds", "Obligation")
        old_entry = old_apps.get_model("funds", "Entry")
        fund = old_fund.objects.create(
            unit_id=community.pk,
            commune_id=community.parent_id,
            decision_number="5/QĐ-UBND",
            decided_on=dt.date(2026, 11, 2),
            kind="contribution",
            title="Đường thôn",
            purpose="Làm đường",
            basis="per_household",
            rate_money=100_000,
            rate_labour_days=2,
            materials_note="Mỗi hộ 2 bao xi măng",
            spending_limit=1_000_000,
            collection_starts=dt.date(2026, 11, 2),
            collection_ends=dt.date(2026, 12, 31),
            treasurer_name="A",
            village_head_name="B",
            created_by_id=village_head.pk,
        )
        for household, days in zip(households, (2, 0, 1), strict=True):
            old_obligation.objects.create(
                fund=fund, household_id=household.pk, quantity=1, money_due=100_000, labour_days_due=days
            )
        # A labour receipt recorded before rates were structured: two days, no rate.
        old_entry.objects.create(
            fund=fund,
            number=1,
            kind="receipt",
            medium="labour",
            amount=2,
            household_id=households[0].pk,
            received_on=dt.date(2026, 11, 10),
            recorded_at=NOW,
            recorded_by_id=village_head.pk,
        )
        fund_id = fund.pk
    finally:
        _migrate(AFTER)
        _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())

    migrated = Fund.objects.get(pk=fund_id)
    labour, materials = InKindRate.objects.filter(fund=migrated).order_by("medium")
    assert (labour.medium, labour.item, labour.unit, labour.basis, labour.quantity) == (
        "labour",
        "Ngày công lao động",
        "ngày công",
        "per_household",
        Decimal("2"),
    )
    # The note cannot be read as a quantity: kept as a rate owed by nobody.
    assert (materials.medium, materials.item, materials.quantity) == ("materials", "Mỗi hộ 2 bao xi măng", None)
    assert sorted(InKindDue.objects.filter(rate=labour).values_list("obligation__household__code", "quantity_due")) == [
        ("H1-01", Decimal("2")),
        ("H1-02", Decimal("0")),
        ("H1-03", Decimal("1")),
    ]
    lines = {line.obligation.household.code: line for line in selectors.household_lines(migrated)}
    # The old labour receipt settles the labour rate it became.
    assert [(part.rate.pk, part.settled) for part in lines["H1-01"].in_kind] == [(labour.pk, Decimal("2"))]
    assert lines["H1-01"].status == rules.PAID_PART  # the money is still owed
    assert lines["H1-02"].status == rules.NOT_PAID
    # Rebuilding ``funds_entry`` for the new check constraint kept it append-only.
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE funds_entry SET amount = 1 WHERE fund_id = %s", [fund_id])
    assert Entry.objects.get(fund_id=fund_id).amount == 2
