"""The on-time figures decided in the database (``grouping.deadline_table``) equal the petitions rules applied to
each case one by one, over random cases of every kind around Tết, with targets, reopenings, acceptances, pauses
and extensions; and the Python fallback (too many distinct facts for one SQL ``CASE``) gives the same numbers."""

from __future__ import annotations

import datetime as dt
import random

import pytest

from grassroots.accounts.models import User
from grassroots.accounts.testing import make_unit
from grassroots.calendar import selectors as calendar_selectors
from grassroots.petitions import rules as petition_rules
from grassroots.petitions import selectors as petition_selectors
from grassroots.petitions.models import Case, CaseExtension, CasePause, CaseTarget
from grassroots.plans import grouping
from grassroots.plans.figures import collect_figures_by_unit
from grassroots.units.models import AdministrativeUnit, UnitLevel

pytestmark = pytest.mark.django_db

STARTS, ENDS = dt.date(2025, 12, 15), dt.date(2026, 12, 14)
KINDS = ("feedback", "petition", "complaint", "denunciation")


def _random_cases(province: AdministrativeUnit, officer: User, seed: int) -> list[AdministrativeUnit]:
    generator = random.Random(seed)
    communes = [make_unit(UnitLevel.COMMUNE, f"Xã Ngẫu Nhiên {seed}-{i}", province) for i in range(3)]
    CaseTarget.objects.create(
        unit=communes[1], on_time_percent=90, resolution_working_days=7, set_by=officer, set_at=dt.datetime.now(dt.UTC)
    )
    for n in range(120):
        # Around Tết 2026 (mid-February) and ordinary weeks; some received on a weekend.
        received = dt.date(2026, 2, 1) + dt.timedelta(days=generator.randrange(0, 60))
        kind = generator.choice(KINDS)
        acknowledged = received + dt.timedelta(days=generator.randrange(0, 25)) if generator.random() < 0.8 else None
        answered = received + dt.timedelta(days=generator.randrange(0, 70)) if generator.random() < 0.7 else None
        case = Case.objects.create(
            unit=communes[n % 3],
            kind=kind,
            is_confidential=kind == "denunciation",
            channel="online",
            title="Vụ việc",
            content=".",
            received_on=received,
            acknowledged_on=acknowledged,
            answered_on=answered,
            accepted_on=(
                received + dt.timedelta(days=generator.randrange(1, 12))
                if kind in ("complaint", "denunciation") and generator.random() < 0.6
                else None
            ),
            complexity=generator.choice(("normal", "complex")),
            remote_area=generator.random() < 0.2,
            several_places=generator.random() < 0.3,
            reopened_on=(
                received + dt.timedelta(days=generator.randrange(5, 20))
                if kind in ("feedback", "petition") and generator.random() < 0.1
                else None
            ),
        )
        if generator.random() < 0.08:
            paused_on = received + dt.timedelta(days=generator.randrange(1, 10))
            CasePause.objects.create(
                case=case,
                reason="objective_obstacle",
                paused_on=paused_on,
                resumed_on=paused_on + dt.timedelta(days=generator.randrange(1, 15))
                if generator.random() < 0.8
                else None,
                recorded_by=officer,
            )
        if kind == "denunciation" and generator.random() < 0.1:
            CaseExtension.objects.create(
                case=case, days=30, decided_on=received, decision_number="1/QĐ", reason=".", decided_by=officer
            )
    return communes


def _one_by_one(commune: AdministrativeUnit) -> tuple[int, int]:
    """The petitions rules applied to each case of the commune, as its own pages compute them."""
    calendar = calendar_selectors.working_calendar()
    acknowledged = answered = 0
    for case in Case.objects.filter(unit=commune, received_on__gte=STARTS, received_on__lte=ENDS):
        if case.acknowledged_on is not None:
            if case.kind == "denunciation":
                due = petition_rules.denunciation_initial_handling_by(
                    case.received_on, calendar, several_places=case.several_places
                )
            else:
                due = petition_rules.acknowledge_by(case.received_on, calendar)
            acknowledged += case.acknowledged_on <= due
        if case.answered_on is not None:
            resolve_by = petition_selectors.case_clocks(case, calendar)["resolve_by"]
            answered += resolve_by is None or case.answered_on <= resolve_by
    return acknowledged, answered


@pytest.mark.parametrize("seed", [1, 2])
@pytest.mark.parametrize("fallback", [False, True])
def test_on_time_in_the_database_equals_the_rules_case_by_case(
    province: AdministrativeUnit, commune_officer: User, seed: int, fallback: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    communes = _random_cases(province, commune_officer, seed)
    if fallback:
        monkeypatch.setattr(grouping, "MAX_DEADLINE_KEYS", 1)
    table = collect_figures_by_unit([commune.pk for commune in communes], STARTS, ENDS)
    for commune in communes:
        expected = _one_by_one(commune)
        values = table.by_unit[commune.pk]
        assert (values["petitions.acknowledged_on_time"], values["petitions.answered_on_time"]) == expected
    # The draw is not degenerate: some cases late, some on time, in every figure.
    totals = {item["key"]: item["value"] for item in table.items}
    assert 0 < totals["petitions.acknowledged_on_time"] < totals["petitions.acknowledged"]
    assert 0 < totals["petitions.answered_on_time"] < totals["petitions.answered"]


def test_days_between_counts_whole_days_both_ways(commune: AdministrativeUnit) -> None:
    from django.db.models import F

    Case.objects.create(
        unit=commune,
        kind="feedback",
        channel="online",
        title="Vụ việc",
        content=".",
        received_on=dt.date(2026, 2, 27),
        acknowledged_on=dt.date(2026, 3, 2),  # across the end of a 28-day February
        answered_on=dt.date(2026, 2, 20),
    )
    row = Case.objects.annotate(
        forward=grouping.DaysBetween(F("received_on"), F("acknowledged_on")),
        backward=grouping.DaysBetween(F("received_on"), F("answered_on")),
    ).get()
    assert (row.forward, row.backward) == (3, -7)
