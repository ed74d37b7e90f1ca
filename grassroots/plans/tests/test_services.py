"""Import (all or nothing), derivation, task tracking and reports, each guarantee also tried as an attacker."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from grassroots.accounts.models import User
from grassroots.core.errors import DomainError
from grassroots.core.models import AuditEvent
from grassroots.plans import rules, selectors, services
from grassroots.plans.models import Plan, PlanItem, PlanReport, PlanStatus, ReportStatus, TaskNote, TaskStatus
from grassroots.plans.parsing import parse_file, parse_text
from grassroots.plans.tests.conftest import NOW, issued_province_plan
from grassroots.units.models import AdministrativeUnit

pytestmark = pytest.mark.django_db
SEEDS = Path(__file__).resolve().parent / "seeds"  # the three seed plans, copied into the repository


def tasks_of(plan: Plan) -> list[PlanItem]:
    return list(plan.items.filter(depth__gt=0).order_by("position"))


# --- import ------------------------------------------------------------------------------------


@pytest.mark.parametrize("prefix", ["000", "001", "002"])
def test_each_seed_imports_as_a_draft(prefix: str, commune: AdministrativeUnit, commune_officer: User) -> None:
    path = next(SEEDS.glob(f"{prefix}_*.txt"))
    parsed = parse_file(path.name, path.read_bytes())
    plan = services.plan_import(unit=commune, parsed=parsed, actor=commune_officer, source_name=path.name)
    assert plan.status == PlanStatus.DRAFT
    assert plan.title == parsed.title
    assert plan.items.filter(depth=0).count() == len(parsed.sections)
    assert plan.items.filter(depth__gt=0).count() == len(parsed.tasks())
    assert plan.report_deadlines.count() == len(parsed.report_deadlines)
    assert AuditEvent.objects.filter(code="plans.plan.imported", object_id=str(plan.pk)).exists()


def test_import_of_a_bad_file_writes_nothing_and_lists_every_reason(
    commune: AdministrativeUnit, commune_officer: User
) -> None:
    parsed = parse_text("Một đoạn văn không phải kế hoạch.")
    with pytest.raises(DomainError) as refusal:
        services.plan_import(unit=commune, parsed=parsed, actor=commune_officer)
    assert refusal.value.code == "plans.import.invalid"
    assert len(refusal.value.params["problems"]) >= 2  # no sections, no task
    assert not Plan.objects.exists() and not PlanItem.objects.exists()


def test_import_fails_whole_when_a_late_row_is_bad(commune: AdministrativeUnit, commune_officer: User) -> None:
    parsed = parse_text("KẾ HOẠCH\n\nTên\n\nI. A\n\n1. Việc\n\n- Thời gian thực hiện: " + "x" * 400 + "\n")
    with pytest.raises(DomainError) as refusal:
        services.plan_import(unit=commune, parsed=parsed, actor=commune_officer)
    assert any("1" in problem for problem in refusal.value.params["problems"])
    assert not Plan.objects.exists()


def test_officer_of_another_commune_cannot_import_into_this_one(
    commune: AdministrativeUnit, other_commune_officer: User
) -> None:
    parsed = parse_text("KẾ HOẠCH\n\nTên\n\nI. A\n\n1. Việc\n")
    with pytest.raises(DomainError) as refusal:
        services.plan_import(unit=commune, parsed=parsed, actor=other_commune_officer)
    assert refusal.value.code == "plans.not_allowed"
    assert not Plan.objects.exists()


def test_resident_cannot_import(commune: AdministrativeUnit, resident: User) -> None:
    with pytest.raises(DomainError):
        services.plan_import(unit=commune, parsed=parse_text("KẾ HOẠCH\n\nT\n\nI. A\n\n1. B\n"), actor=resident)


def test_task_due_date_comes_from_a_dated_schedule(province: AdministrativeUnit, provincial_officer: User) -> None:
    plan = issued_province_plan(province, provincial_officer)
    first, second, *_ = tasks_of(plan)
    assert first.due_on == dt.date(2026, 3, 31)
    assert second.due_on is None  # "Thường xuyên": no date is invented


# --- derivation --------------------------------------------------------------------------------


def test_commune_derives_and_tasks_link_to_what_they_implement(
    province: AdministrativeUnit,
    commune: AdministrativeUnit,
    other_commune: AdministrativeUnit,
    provincial_officer: User,
    commune_officer: User,
) -> None:
    upper = issued_province_plan(province, provincial_officer)
    derived = services.plan_derive(upper=upper, unit=commune, actor=commune_officer, now=NOW)
    assert derived.parent == upper and derived.status == PlanStatus.DRAFT
    assert [task.implements_id for task in tasks_of(derived)] == [task.pk for task in tasks_of(upper)]
    assert derived.legal_references[0] == {"kind": "Kế hoạch", "number": "49/KH-UBND", "date": "2026-02-10"}
    status = {row.unit.pk: row.plan for row in selectors.derivation_status(upper)}
    assert status[commune.pk] == derived
    assert status[other_commune.pk] is None  # the province sees who has not derived


def test_second_derivation_is_refused(
    province: AdministrativeUnit, commune: AdministrativeUnit, provincial_officer: User, commune_officer: User
) -> None:
    upper = issued_province_plan(province, provincial_officer)
    services.plan_derive(upper=upper, unit=commune, actor=commune_officer, now=NOW)
    with pytest.raises(DomainError) as refusal:
        services.plan_derive(upper=upper, unit=commune, actor=commune_officer, now=NOW)
    assert refusal.value.code == "plans.derive.exists"


def test_cannot_derive_from_a_draft(
    province: AdministrativeUnit, commune: AdministrativeUnit, provincial_officer: User, commune_officer: User
) -> None:
    draft = services.plan_import(
        unit=province, parsed=parse_text("KẾ HOẠCH\n\nT\n\nI. A\n\n1. B\n"), actor=provincial_officer
    )
    with pytest.raises(DomainError) as refusal:
        services.plan_derive(upper=draft, unit=commune, actor=commune_officer, now=NOW)
    assert refusal.value.code == "plans.derive.not_issued"


def test_other_commune_officer_cannot_derive_for_this_commune(
    province: AdministrativeUnit, commune: AdministrativeUnit, provincial_officer: User, other_commune_officer: User
) -> None:
    upper = issued_province_plan(province, provincial_officer)
    with pytest.raises(DomainError):
        services.plan_derive(upper=upper, unit=commune, actor=other_commune_officer, now=NOW)
    assert not Plan.objects.filter(parent=upper).exists()


def test_cannot_derive_a_plan_of_a_sibling_commune(
    commune: AdministrativeUnit, other_commune: AdministrativeUnit, provincial_officer: User
) -> None:
    sibling = services.plan_import(
        unit=other_commune, parsed=parse_text("KẾ HOẠCH\n\nT\n\nI. A\n\n1. B\n"), actor=provincial_officer
    )
    sibling = services.plan_issue(plan=sibling, actor=provincial_officer, now=NOW)
    with pytest.raises(DomainError) as refusal:
        services.plan_derive(upper=sibling, unit=commune, actor=provincial_officer, now=NOW)
    assert refusal.value.code == "plans.derive.not_below"


# --- tasks -------------------------------------------------------------------------------------


@pytest.mark.parametrize(("current", "target"), [(c, t) for c in TaskStatus.values for t in TaskStatus.values])
def test_task_transition_table(current: str, target: str) -> None:
    assert bool(rules.check_task_transition(current, target)) is (target in rules.TASK_TRANSITIONS[current])


def test_task_status_change_is_audited(province: AdministrativeUnit, provincial_officer: User) -> None:
    plan = issued_province_plan(province, provincial_officer)
    task = tasks_of(plan)[0]
    services.task_status_change(item=task, target=TaskStatus.DONE, actor=provincial_officer, now=NOW)
    event = AuditEvent.objects.get(code="plans.task.status_changed")
    assert event.before == {"status": "not_started", "ref": task.ref}
    assert event.after == {"status": "done", "ref": task.ref}
    with pytest.raises(DomainError):
        services.task_status_change(item=task, target=TaskStatus.NOT_STARTED, actor=provincial_officer, now=NOW)
    task.refresh_from_db()
    assert task.status == TaskStatus.DONE


def test_commune_officer_cannot_move_the_provinces_task(
    province: AdministrativeUnit, provincial_officer: User, commune_officer: User
) -> None:
    task = tasks_of(issued_province_plan(province, provincial_officer))[0]
    with pytest.raises(DomainError):
        services.task_status_change(item=task, target=TaskStatus.DONE, actor=commune_officer, now=NOW)
    task.refresh_from_db()
    assert task.status == TaskStatus.NOT_STARTED


def test_overdue_flags(province: AdministrativeUnit, provincial_officer: User) -> None:
    plan = issued_province_plan(province, provincial_officer)
    overdue = list(selectors.overdue_tasks([province.pk], dt.date(2026, 3, 31)))
    assert overdue == []  # exactly on the due date: not overdue
    overdue = list(selectors.overdue_tasks([province.pk], dt.date(2026, 4, 1)))
    assert [item.pk for item in overdue] == [tasks_of(plan)[0].pk]


@pytest.mark.parametrize(
    ("status", "due_on", "today", "expected"),
    [
        ("in_progress", dt.date(2026, 3, 31), dt.date(2026, 3, 31), False),
        ("in_progress", dt.date(2026, 3, 31), dt.date(2026, 4, 1), True),
        ("done", dt.date(2026, 3, 31), dt.date(2026, 4, 1), False),
        ("not_started", None, dt.date(2030, 1, 1), False),
    ],
)
def test_is_task_overdue(status: str, due_on: dt.date | None, today: dt.date, expected: bool) -> None:
    assert rules.is_task_overdue(status=status, due_on=due_on, today=today) is expected


def test_progress_note_needs_a_platform_link(province: AdministrativeUnit, provincial_officer: User) -> None:
    task = tasks_of(issued_province_plan(province, provincial_officer))[0]
    note = services.task_note_add(
        item=task, text="Đã tổ chức hội nghị", evidence_url="/cong-khai/1/", actor=provincial_officer, now=NOW
    )
    assert note.evidence_url == "/cong-khai/1/"
    for bad in ("https://evil.example/", "//evil.example/", "javascript:alert(1)"):
        with pytest.raises(DomainError):
            services.task_note_add(item=task, text="x", evidence_url=bad, actor=provincial_officer, now=NOW)
    assert TaskNote.objects.count() == 1


# --- reports -----------------------------------------------------------------------------------


def test_report_window_follows_the_cutoff_convention() -> None:
    window = rules.report_window("semiannual", 2026)
    assert (window.starts_on, window.ends_on) == (dt.date(2025, 12, 15), dt.date(2026, 6, 14))
    window = rules.report_window("annual", 2026)
    assert (window.starts_on, window.ends_on) == (dt.date(2025, 12, 15), dt.date(2026, 12, 14))


@pytest.mark.parametrize(
    ("due_on", "submitted_on", "today", "late"),
    [
        (dt.date(2026, 6, 16), dt.date(2026, 6, 16), dt.date(2026, 7, 1), False),  # exactly on the due date
        (dt.date(2026, 6, 16), dt.date(2026, 6, 17), dt.date(2026, 7, 1), True),
        (dt.date(2026, 6, 16), None, dt.date(2026, 6, 16), False),
        (dt.date(2026, 6, 16), None, dt.date(2026, 6, 17), True),
    ],
)
def test_report_lateness(due_on: dt.date, submitted_on: dt.date | None, today: dt.date, late: bool) -> None:
    assert rules.is_report_late(due_on=due_on, submitted_on=submitted_on, today=today) is late


def test_percent_of_nothing_is_unknown_not_zero() -> None:
    assert rules.percent(0, 0) is None
    assert rules.percent(1, 3) == 33.3


def test_default_due_date_is_two_working_days_after_the_cutoff(
    commune: AdministrativeUnit, commune_officer: User
) -> None:
    report = services.report_prepare(unit=commune, period="semiannual", year=2026, actor=commune_officer, now=NOW)
    # 14/06/2026 is a Sunday: Monday 15 is day 1, Tuesday 16 day 2.
    assert report.due_on == dt.date(2026, 6, 16)


def test_plan_due_date_wins_over_the_default(
    province: AdministrativeUnit, commune: AdministrativeUnit, provincial_officer: User, commune_officer: User
) -> None:
    upper = issued_province_plan(province, provincial_officer)
    services.plan_derive(upper=upper, unit=commune, actor=commune_officer, now=NOW)
    report = services.report_prepare(unit=commune, period="semiannual", year=2026, actor=commune_officer, now=NOW)
    assert report.due_on == dt.date(2026, 6, 14)


def test_report_cycle_submit_return_resubmit_accept(
    commune: AdministrativeUnit, commune_officer: User, provincial_officer: User, other_commune_officer: User
) -> None:
    report = services.report_prepare(unit=commune, period="semiannual", year=2026, actor=commune_officer, now=NOW)
    assert {item["key"] for item in report.figures["items"]} >= {"disclosures.due", "petitions.received"}
    services.report_submit(report=report, actor=commune_officer, now=NOW)
    # Neither the commune itself nor another commune reviews it.
    for attacker in (commune_officer, other_commune_officer):
        with pytest.raises(DomainError):
            services.report_review(report=report, accept=True, actor=attacker, now=NOW)
    with pytest.raises(DomainError) as refusal:
        services.report_review(report=report, accept=False, note=" ", actor=provincial_officer, now=NOW)
    assert refusal.value.code == "plans.report.return_reason"
    services.report_review(report=report, accept=False, note="Thiếu số liệu thôn 3", actor=provincial_officer)
    report.refresh_from_db()
    assert report.status == ReportStatus.RETURNED
    services.report_narrative_save(report=report, narrative="Đã bổ sung", actor=commune_officer, now=NOW)
    services.report_submit(report=report, actor=commune_officer, now=NOW)
    services.report_review(report=report, accept=True, actor=provincial_officer, now=NOW)
    report.refresh_from_db()
    assert report.status == ReportStatus.ACCEPTED
    with pytest.raises(DomainError):
        services.report_narrative_save(report=report, narrative="sửa sau khi nhận", actor=commune_officer, now=NOW)
    codes = list(AuditEvent.objects.filter(object_id=str(report.pk)).values_list("code", flat=True))
    assert codes.count("plans.report.submitted") == 2 and "plans.report.accepted" in codes


def test_other_commune_cannot_prepare_or_submit(
    commune: AdministrativeUnit, commune_officer: User, other_commune_officer: User
) -> None:
    with pytest.raises(DomainError):
        services.report_prepare(unit=commune, period="annual", year=2026, actor=other_commune_officer, now=NOW)
    report = services.report_prepare(unit=commune, period="annual", year=2026, actor=commune_officer, now=NOW)
    with pytest.raises(DomainError):
        services.report_submit(report=report, actor=other_commune_officer, now=NOW)
    assert PlanReport.objects.get().status == ReportStatus.DRAFT


def test_issued_plan_and_submitted_report_are_decree_30_papers(
    province: AdministrativeUnit, commune: AdministrativeUnit, provincial_officer: User, commune_officer: User
) -> None:
    plan = issued_province_plan(province, provincial_officer)
    assert plan.document is not None and plan.document.kind == "plan" and plan.document.number == 1
    assert plan.document.summary == plan.title
    report = services.report_prepare(unit=commune, period="annual", year=2026, actor=commune_officer, now=NOW)
    report = services.report_submit(report=report, actor=commune_officer, now=NOW)
    assert report.document is not None and report.document.kind == "report"
    assert report.document.issuer_id == commune.pk


def test_recorded_plan_keeps_its_own_number_and_gets_no_paper(
    province: AdministrativeUnit, provincial_officer: User
) -> None:
    from grassroots.plans.tests.conftest import PROVINCE_PLAN

    plan = services.plan_import(unit=province, parsed=parse_text(PROVINCE_PLAN), actor=provincial_officer, now=NOW)
    plan = services.plan_issue(plan=plan, actor=provincial_officer, issue_document=False, now=NOW)
    assert plan.document is None and plan.number == "49/KH-UBND"
    assert (plan.issued_year, plan.issued_month, plan.issued_day) == (2026, 2, 10)
