"""A few view tests per page: who gets in, the import page keeps the user's input and writes nothing on error."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from grassroots.accounts.models import User
from grassroots.plans import services
from grassroots.plans.models import Plan, PlanReport, TaskStatus
from grassroots.plans.parsing import ParsedPlan
from grassroots.plans.tests.conftest import NOW, PROVINCE_PLAN, issued_province_plan
from grassroots.units.models import AdministrativeUnit

pytestmark = pytest.mark.django_db


def signed_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_import_page_saves_a_draft(commune: AdministrativeUnit, commune_officer: User) -> None:
    upload = SimpleUploadedFile("ke-hoach.txt", PROVINCE_PLAN.encode())
    response = signed_in(commune_officer).post(reverse("plans:plan_import"), {"unit": commune.pk, "file": upload})
    plan = Plan.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("plans:plan_detail", args=[plan.pk])
    assert plan.unit == commune and plan.number == "49/KH-UBND"


def test_import_page_lists_every_problem_and_saves_nothing(commune: AdministrativeUnit, commune_officer: User) -> None:
    upload = SimpleUploadedFile("rac.txt", "Không phải kế hoạch.".encode())
    response = signed_in(commune_officer).post(reverse("plans:plan_import"), {"unit": commune.pk, "file": upload})
    assert response.status_code == 422
    assert len(response.context["problems"]) >= 2
    assert response.context["form"]["unit"].value() == str(commune.pk)  # the choice is kept
    assert not Plan.objects.exists()


def test_import_into_another_commune_is_refused(commune: AdministrativeUnit, other_commune_officer: User) -> None:
    upload = SimpleUploadedFile("ke-hoach.txt", PROVINCE_PLAN.encode())
    response = signed_in(other_commune_officer).post(reverse("plans:plan_import"), {"unit": commune.pk, "file": upload})
    assert response.status_code == 200  # the unit is not among the choices: a form error
    assert not Plan.objects.exists()


def test_resident_cannot_open_plans(resident: User) -> None:
    assert signed_in(resident).get(reverse("plans:plan_list")).status_code == 403


def test_plan_of_another_commune_is_404(
    province: AdministrativeUnit,
    commune: AdministrativeUnit,
    provincial_officer: User,
    commune_officer: User,
    other_commune_officer: User,
) -> None:
    upper = issued_province_plan(province, provincial_officer)
    derived = services.plan_derive(upper=upper, unit=commune, actor=commune_officer, now=NOW)
    url = reverse("plans:plan_detail", args=[derived.pk])
    assert signed_in(commune_officer).get(url).status_code == 200
    assert signed_in(provincial_officer).get(url).status_code == 200
    assert signed_in(other_commune_officer).get(url).status_code == 404


def test_task_status_post(province: AdministrativeUnit, provincial_officer: User, commune_officer: User) -> None:
    plan = issued_province_plan(province, provincial_officer)
    task = plan.items.filter(depth__gt=0).first()
    assert task is not None
    url = reverse("plans:task_status", args=[task.pk])
    # A commune officer sees the province's plan? No: the province is above their units (404).
    assert signed_in(commune_officer).post(url, {"status": "done"}).status_code == 404
    response = signed_in(provincial_officer).post(url, {"status": "done"})
    assert response.status_code == 302
    task.refresh_from_db()
    assert task.status == TaskStatus.DONE


def test_report_submitted_and_seen_in_the_scorecard(
    province: AdministrativeUnit, commune: AdministrativeUnit, commune_officer: User, provincial_officer: User
) -> None:
    officer = signed_in(commune_officer)
    response = officer.post(reverse("plans:report_prepare", args=[commune.pk, "semiannual", 2026]))
    report = PlanReport.objects.get()
    assert response["Location"] == reverse("plans:report_detail", args=[report.pk])
    assert officer.post(reverse("plans:report_submit", args=[report.pk])).status_code == 302
    page = signed_in(provincial_officer).get(reverse("plans:scorecard", args=[province.pk]), {"nam": 2026})
    assert page.status_code == 200
    row = next(row for row in page.context["rows"] if row.unit == commune)
    assert row.report_status == "submitted"


def test_scorecard_exports_xlsx(
    province: AdministrativeUnit, commune: AdministrativeUnit, provincial_officer: User
) -> None:
    from io import BytesIO

    from openpyxl import load_workbook

    response = signed_in(provincial_officer).get(
        reverse("plans:scorecard", args=[province.pk]), {"nam": "2026", "xuat": "xlsx"}
    )
    assert response.status_code == 200
    sheet = load_workbook(BytesIO(response.content)).active
    assert sheet is not None
    names = [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert commune.name in names


def test_a_commune_reads_its_provinces_issued_plan_and_derives_its_own_from_it(
    province: AdministrativeUnit,
    commune: AdministrativeUnit,
    other_commune: AdministrativeUnit,
    provincial_officer: User,
    commune_officer: User,
    resident: User,
) -> None:
    """The way plans really travel: the province issues, each commune opens that plan and implements it."""
    upper = issued_province_plan(province, provincial_officer)
    draft = services.plan_import(unit=province, parsed=upper_parsed(), actor=provincial_officer, now=NOW)
    client = signed_in(commune_officer)
    page = client.get(reverse("plans:plan_detail", args=[upper.pk]))
    assert page.status_code == 200
    html = page.content.decode()
    assert reverse("plans:plan_derive", args=[upper.pk, commune.pk]) in html
    # Read-only from below: no task buttons, and nothing about which other communes derived theirs.
    assert reverse("plans:task_status", args=[upper.items.filter(depth__gt=0).first().pk]) not in html  # type: ignore[union-attr]
    assert other_commune.name not in html
    # The province's drafts stay hidden; a resident sees no plan at all.
    assert client.get(reverse("plans:plan_detail", args=[draft.pk])).status_code == 404
    assert signed_in(resident).get(reverse("plans:plan_detail", args=[upper.pk])).status_code == 404
    # Deriving into another commune, or from a draft, is refused.
    assert client.post(reverse("plans:plan_derive", args=[upper.pk, other_commune.pk])).status_code == 404
    assert client.post(reverse("plans:plan_derive", args=[draft.pk, commune.pk])).status_code == 404
    response = client.post(reverse("plans:plan_derive", args=[upper.pk, commune.pk]))
    derived = Plan.objects.get(unit=commune, parent=upper)
    assert response.status_code == 302 and response["Location"] == reverse("plans:plan_detail", args=[derived.pk])


def upper_parsed() -> ParsedPlan:
    from grassroots.plans.parsing import parse_text

    return parse_text(PROVINCE_PLAN)
