"""Property-based bad input on the plan import (issue 20, issue 16): damaged versions of the real seed plans.

A plan arrives as a file typed or converted by someone at another level: lines go missing, are doubled, are cut
in the middle, or carry junk. Hypothesis damages the three seed plans that way and checks that the parser and the
import check never fail with anything but a list of Vietnamese reasons:

- ``parse_text`` returns a plan for any text (it never raises);
- ``import_problems`` either lists problems or the plan is one the database takes: every report deadline is a
  real date, every reference and schedule fits its column;
- with a database, ``plan_import`` writes the whole plan or nothing.

Examples are derandomised so CI is reproducible; ``SERVICE_PROPERTY_EXAMPLES`` raises the count.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from grassroots.accounts.models import User
from grassroots.core.errors import DomainError
from grassroots.plans import services
from grassroots.plans.models import Plan, PlanItem, ReportDeadline
from grassroots.plans.parsing import ParsedPlan, parse_text
from grassroots.units.models import AdministrativeUnit

SEEDS = sorted((Path(__file__).resolve().parent / "seeds").glob("*.txt"))
SEED_LINES = [path.read_text(encoding="utf-8").splitlines() for path in SEEDS]
EXAMPLES = int(os.environ.get("SERVICE_PROPERTY_EXAMPLES", "40"))
SETTINGS = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
)

JUNK_LINES = st.sampled_from(
    [
        "",
        "\x00",
        "I.",
        "1.",
        "a)",
        "- Thời gian thực hiện: 31/02/2026",
        "- Thời gian thực hiện: " + "x" * 400,
        "Báo cáo 6 tháng trước ngày 30/13/2026",
        "Báo cáo năm trước ngày 29/02/2025",
        "KẾ HOẠCH",
        "Số: " + "9" * 100 + "/KH-UBND",
        "<script>alert(1)</script>",
        "Đèn đường 100%",
    ]
)


@st.composite
def damaged_seed(draw: st.DrawFn) -> str:
    """One seed plan with a few lines dropped, doubled, cut short or replaced with junk."""
    lines = list(draw(st.sampled_from(SEED_LINES)))
    for _ in range(draw(st.integers(min_value=0, max_value=6))):
        if not lines:
            break
        index = draw(st.integers(min_value=0, max_value=len(lines) - 1))
        damage = draw(st.sampled_from(["drop", "double", "cut", "junk"]))
        if damage == "drop":
            del lines[index]
        elif damage == "double":
            lines.insert(index, lines[index])
        elif damage == "cut":
            lines[index] = lines[index][: draw(st.integers(min_value=0, max_value=max(len(lines[index]) - 1, 0)))]
        else:
            lines[index] = draw(JUNK_LINES)
    if draw(st.booleans()):
        lines = lines[: draw(st.integers(min_value=0, max_value=len(lines)))]
    return "\n".join(lines)


def _storable(parsed: ParsedPlan) -> None:
    """What the database needs of a plan ``import_problems`` let through."""
    for deadline in parsed.report_deadlines:
        dt.date.fromisoformat(deadline["due"])
    for item in parsed.tasks():
        assert len(item.schedule or "") <= 300
    assert parsed.title.strip()


@SETTINGS
@given(damaged_seed())
def test_a_damaged_plan_parses_to_a_plan_or_a_list_of_reasons(text: str) -> None:
    parsed = parse_text(text)
    problems = services.import_problems(parsed)
    assert all(isinstance(problem, str) and problem.strip() for problem in problems)
    if not problems:
        _storable(parsed)


@pytest.mark.django_db
def test_damaged_plans_import_whole_or_not_at_all(commune: AdministrativeUnit, commune_officer: User) -> None:
    outcomes = {"imported": 0, "refused": 0}

    @settings(SETTINGS, max_examples=max(EXAMPLES // 4, 8))
    @given(damaged_seed())
    @example("\n".join(SEED_LINES[0][:6]))  # only the header: no task, refused
    @example("\n".join([*SEED_LINES[1], "- Thời gian thực hiện: " + "x" * 400]))  # a late bad row
    def run(text: str) -> None:
        parsed = parse_text(text)
        before = (Plan.objects.count(), PlanItem.objects.count(), ReportDeadline.objects.count())
        try:
            plan = services.plan_import(unit=commune, parsed=parsed, actor=commune_officer)
        except DomainError as refusal:
            assert refusal.code == "plans.import.invalid"
            assert refusal.params["problems"]
            assert (Plan.objects.count(), PlanItem.objects.count(), ReportDeadline.objects.count()) == before
            outcomes["refused"] += 1
            return
        assert plan.items.filter(depth__gt=0).count() == len(parsed.tasks())
        assert plan.report_deadlines.count() == len({(d["period"], d["due"]) for d in parsed.report_deadlines})
        outcomes["imported"] += 1

    run()
    assert outcomes["imported"] and outcomes["refused"], outcomes
