"""``manage.py import_plan FILE`` without ``--json`` saves a draft plan for review (issue 16), through the service."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from grassroots.accounts.models import User
from grassroots.core.models import AuditEvent
from grassroots.plans.models import Plan, PlanStatus
from grassroots.plans.tests.conftest import PROVINCE_PLAN
from grassroots.units.models import AdministrativeUnit

pytestmark = pytest.mark.django_db


def test_without_json_the_command_saves_a_draft(
    tmp_path: Path, commune: AdministrativeUnit, commune_officer: User
) -> None:
    path = tmp_path / "ke-hoach.txt"
    path.write_text(PROVINCE_PLAN, encoding="utf-8")
    call_command("import_plan", str(path), "--unit", commune.slug, "--user", commune_officer.username)
    plan = Plan.objects.get()
    assert (plan.status, plan.unit, plan.number, plan.source_name) == (
        PlanStatus.DRAFT,
        commune,
        "49/KH-UBND",
        "ke-hoach.txt",
    )
    assert AuditEvent.objects.filter(code="plans.plan.imported", object_id=str(plan.pk)).count() == 1


def test_without_a_unit_or_user_nothing_is_saved(tmp_path: Path, commune: AdministrativeUnit) -> None:
    path = tmp_path / "ke-hoach.txt"
    path.write_text(PROVINCE_PLAN, encoding="utf-8")
    with pytest.raises(CommandError):
        call_command("import_plan", str(path), "--unit", commune.slug)
    with pytest.raises(CommandError):
        call_command("import_plan", str(path), "--unit", commune.slug, "--user", "khong-co")
    assert not Plan.objects.exists()
