"""The jobs that open yearly obligations: once per obligation and year, on working days only, through the owning
apps' own selectors; running a job twice makes nothing the second time."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from grassroots.accounts.models import Role, User
from grassroots.accounts.testing import give_role, make_user
from grassroots.notifications import yearly
from grassroots.notifications.kinds import YEARLY_OBLIGATION
from grassroots.notifications.models import Notification
from grassroots.units.models import AdministrativeUnit

VN = dt.timezone(dt.timedelta(hours=7))


def at(day: dt.date) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, 6, 30, tzinfo=VN)


NEW_YEAR = dt.date(2027, 1, 1)
"""A Friday, and New Year's Day: a holiday."""
FIRST_WORKING_DAY = dt.date(2027, 1, 4)
"""The Monday after."""


def _opened(user: User) -> list[str]:
    return sorted(
        str(key)
        for key in Notification.objects.filter(user=user, kind=YEARLY_OBLIGATION).values_list("dedupe_key", flat=True)
    )


def test_the_days_the_tests_rely_on(db: None) -> None:
    assert not yearly.is_open_day(NEW_YEAR)
    assert not yearly.is_open_day(dt.date(2027, 1, 2))  # a Saturday
    assert yearly.is_open_day(FIRST_WORKING_DAY)


def test_the_dialogue_conference_opens_on_the_first_working_day_once(
    commune: AdministrativeUnit, commune_chair: User, commune_officer: User
) -> None:
    assert yearly.reception_dialogue(at(NEW_YEAR)) == 0  # a holiday: nothing, the next working day catches up
    assert yearly.reception_dialogue(at(FIRST_WORKING_DAY)) == 2  # the draft of its plan and the notification
    assert yearly.reception_dialogue(at(FIRST_WORKING_DAY)) == 0
    assert yearly.reception_dialogue(at(dt.date(2027, 3, 1))) == 0  # the same year's obligation, already open
    assert _opened(commune_chair) == [f"yearly:reception:dialogue:{commune.pk}:2027"]
    assert _opened(commune_officer) == []  # the conference is the chair's own duty
    notification = Notification.objects.get(user=commune_chair)
    assert notification.params["due"] == "31/12/2027"
    assert yearly.reception_dialogue(at(dt.date(2028, 1, 4))) == 2  # a new year, a new obligation


def test_a_commune_that_held_its_conference_is_not_told(
    monkeypatch: pytest.MonkeyPatch, commune: AdministrativeUnit, commune_chair: User
) -> None:
    from grassroots.reception import selectors

    monkeypatch.setattr(selectors, "held_days", lambda unit: [dt.date(2027, 1, 4)])
    assert yearly.reception_dialogue(at(dt.date(2027, 1, 5))) == 0


def test_the_convention_review_opens_two_weeks_before_its_day_once(
    community: AdministrativeUnit, village_head: User
) -> None:
    from grassroots.conventions import services
    from grassroots.conventions.models import Convention, ConventionStatus, VersionStatus

    convention = services.convention_propose(
        community=community,
        name_kind="huong_uoc",
        title="Hương ước Thôn 1",
        basis="village_head",
        front_agreed=True,
        drafting_team="Ban soạn thảo",
        actor=village_head,
        now=at(dt.date(2026, 3, 2)),
    )
    Convention.objects.filter(pk=convention.pk).update(status=ConventionStatus.IN_FORCE)  # set-up: recognised
    convention.versions.update(  # in the spring, so the November review is owed (conventions.rules.review_owed)
        status=VersionStatus.RECOGNISED,
        adopted_on=dt.date(2026, 3, 20),
        dossier_sent_on=dt.date(2026, 3, 25),
        decided_on=dt.date(2026, 4, 1),
    )
    assert yearly.convention_reviews(at(dt.date(2027, 11, 3))) == 0  # 15 days before 18/11
    assert yearly.convention_reviews(at(dt.date(2027, 11, 4))) == 2  # the draft and the notification
    assert yearly.convention_reviews(at(dt.date(2027, 11, 5))) == 0
    assert _opened(village_head) == [f"yearly:conventions:review:{convention.pk}:2027"]
    assert Notification.objects.get(user=village_head).params["due"] == "18/11/2027"


def test_the_annual_staff_conference_opens_once_for_those_who_run_it(commune: AdministrativeUnit) -> None:
    from grassroots.units.models import Organisation, OrganisationKind
    from grassroots.workplaces.models import StaffMember

    school = Organisation.objects.create(
        kind=OrganisationKind.PUBLIC_SERVICE_UNIT, name="Trường Tiểu học Hòa Phú", short_name="THHP", unit=commune
    )
    for number in range(30):
        StaffMember.objects.create(
            organisation=school,
            code=f"NV-{number:03d}",
            full_name=f"Nhân viên {number}",
            active_from=dt.date(2020, 1, 1),
        )
    principal = make_user("hieu_truong")
    give_role(principal, Role.AGENCY_HEAD, commune, organisation=school)
    teacher = make_user("giao_vien")
    give_role(teacher, Role.STAFF_MEMBER, commune, organisation=school)
    assert yearly.workplace_obligations(at(FIRST_WORKING_DAY)) == 2  # the draft and the notification
    assert yearly.workplace_obligations(at(FIRST_WORKING_DAY)) == 0
    assert yearly.workplace_obligations(at(dt.date(2027, 1, 5))) == 0
    [key] = _opened(principal)
    assert key.startswith(f"yearly:workplaces:{school.pk}:annual_conference:")
    assert _opened(teacher) == []


def test_a_small_workplace_has_no_compulsory_conference(commune: AdministrativeUnit) -> None:
    from grassroots.units.models import Organisation, OrganisationKind
    from grassroots.workplaces.models import StaffMember

    shop = Organisation.objects.create(
        kind=OrganisationKind.PUBLIC_SERVICE_UNIT, name="Trạm Y tế", short_name="TYT", unit=commune
    )
    for number in range(7):  # exactly 7: the conference is optional at or below 7 ([L] art. 51(2)(đ))
        StaffMember.objects.create(
            organisation=shop, code=f"NV-{number:03d}", full_name=f"Nhân viên {number}", active_from=dt.date(2020, 1, 1)
        )
    head = make_user("truong_tram")
    give_role(head, Role.AGENCY_HEAD, commune, organisation=shop)
    assert yearly.workplace_obligations(at(FIRST_WORKING_DAY)) == 0


PLAN_TEXT = """ỦY BAN NHÂN DÂN TỈNH

Số: 49/KH-UBND

Tỉnh, ngày 10 tháng 02 năm 2026

KẾ HOẠCH

Thực hiện dân chủ ở cơ sở trên địa bàn tỉnh năm 2026

I. NỘI DUNG THỰC HIỆN

1. Tuyên truyền Luật Thực hiện dân chủ ở cơ sở

- Cơ quan chủ trì: Sở Nội vụ.
- Thời gian thực hiện: trước ngày 31/3/2026.
"""


@pytest.fixture
def plan_2026(monkeypatch: pytest.MonkeyPatch, province: AdministrativeUnit, provincial_officer: User) -> Any:
    from grassroots.core import clock
    from grassroots.plans import services
    from grassroots.plans.parsing import parse_text

    moment = at(dt.date(2026, 2, 10))
    monkeypatch.setattr(clock, "now", lambda: moment)
    made = services.plan_import(unit=province, parsed=parse_text(PLAN_TEXT), actor=provincial_officer, now=moment)
    return services.plan_issue(plan=made, actor=provincial_officer, issue_document=False, now=moment)


def test_reports_open_after_their_cut_off_and_the_next_plan_in_the_new_year(
    plan_2026: Any, province: AdministrativeUnit, provincial_officer: User
) -> None:
    assert yearly.plans_and_reports(at(dt.date(2026, 6, 12))) == 0  # Friday before the 14/6 cut-off
    # Monday after it: the six-month report's draft and its notification.
    assert yearly.plans_and_reports(at(dt.date(2026, 6, 15))) == 2
    assert yearly.plans_and_reports(at(dt.date(2026, 6, 15))) == 0
    # The 2026 annual report and the 2027 plan: two drafts, two notifications.
    assert yearly.plans_and_reports(at(FIRST_WORKING_DAY)) == 4
    assert yearly.plans_and_reports(at(FIRST_WORKING_DAY)) == 0
    assert _opened(provincial_officer) == [
        f"yearly:plans:plan:{province.pk}:2027",
        f"yearly:plans:report:{province.pk}:annual:2026",
        f"yearly:plans:report:{province.pk}:semiannual:2026",
    ]


PLAN_WITH_REPORT_DATES = (
    PLAN_TEXT
    + """
II. TỔ CHỨC THỰC HIỆN

1. Các sở, ngành: báo cáo 06 tháng (trước ngày 10/6/2026), báo cáo năm (trước ngày 30/11/2026).
"""
)


@pytest.fixture
def plan_with_report_dates(
    monkeypatch: pytest.MonkeyPatch, province: AdministrativeUnit, provincial_officer: User
) -> Any:
    from grassroots.core import clock
    from grassroots.plans import services
    from grassroots.plans.parsing import parse_text

    moment = at(dt.date(2026, 2, 10))
    monkeypatch.setattr(clock, "now", lambda: moment)
    made = services.plan_import(
        unit=province, parsed=parse_text(PLAN_WITH_REPORT_DATES), actor=provincial_officer, now=moment
    )
    return services.plan_issue(plan=made, actor=provincial_officer, issue_document=False, now=moment)


def test_reports_open_by_the_due_dates_the_units_plan_sets(
    plan_with_report_dates: Any, province: AdministrativeUnit, provincial_officer: User
) -> None:
    from grassroots.plans.models import PlanReport

    assert [(d.period, d.due_on) for d in plan_with_report_dates.report_deadlines.all()] == [
        ("semiannual", dt.date(2026, 6, 10)),
        ("annual", dt.date(2026, 11, 30)),
    ]
    # Due Wed 10/6 by the plan, before the 14/6 cut-off: the draft opens 5 working days before, Wed 3/6.
    assert yearly.plans_and_reports(at(dt.date(2026, 6, 2))) == 0
    assert yearly.plans_and_reports(at(dt.date(2026, 6, 3))) == 2
    assert yearly.plans_and_reports(at(dt.date(2026, 6, 3))) == 0
    semiannual = PlanReport.objects.get(unit=province, period="semiannual", year=2026)
    assert (semiannual.ends_on, semiannual.due_on) == (dt.date(2026, 6, 14), dt.date(2026, 6, 10))
    notification = Notification.objects.get(dedupe_key=f"yearly:plans:report:{province.pk}:semiannual:2026")
    assert notification.params["due"] == "10/06/2026"
    # The annual report is due Mon 30/11, two weeks before the 14/12 cut-off: it opens Mon 23/11, not in December.
    assert yearly.plans_and_reports(at(dt.date(2026, 11, 20))) == 0
    assert yearly.plans_and_reports(at(dt.date(2026, 11, 23))) == 2
    annual = PlanReport.objects.get(unit=province, period="annual", year=2026)
    assert annual.due_on == dt.date(2026, 11, 30)
    assert _opened(provincial_officer) == [
        f"yearly:plans:report:{province.pk}:annual:2026",
        f"yearly:plans:report:{province.pk}:semiannual:2026",
    ]


def test_a_cancelled_plans_report_dates_no_longer_open_the_draft_early(
    plan_with_report_dates: Any, province: AdministrativeUnit, provincial_officer: User
) -> None:
    from grassroots.plans import services
    from grassroots.plans.parsing import parse_text

    moment = at(dt.date(2026, 3, 2))
    services.plan_cancel(plan=plan_with_report_dates, reason="Thay thế", actor=provincial_officer, now=moment)
    again = services.plan_import(unit=province, parsed=parse_text(PLAN_TEXT), actor=provincial_officer, now=moment)
    services.plan_issue(plan=again, actor=provincial_officer, issue_document=False, now=moment)
    # The new plan sets no date: back to the cut-off (Sunday 14/6 → the Monday run opens it).
    assert yearly.plans_and_reports(at(dt.date(2026, 6, 3))) == 0
    assert yearly.plans_and_reports(at(dt.date(2026, 6, 12))) == 0
    assert yearly.plans_and_reports(at(dt.date(2026, 6, 15))) == 2


def test_without_a_plan_date_the_provinces_configured_cut_off_opens_the_draft(
    settings: Any, plan_2026: Any, province: AdministrativeUnit
) -> None:
    settings.GRASSROOTS_PLANS_SEMIANNUAL_CUTOFF = (6, 10)
    assert yearly.plans_and_reports(at(dt.date(2026, 6, 9))) == 0
    assert yearly.plans_and_reports(at(dt.date(2026, 6, 10))) == 2


def test_a_report_already_prepared_is_not_opened_again(
    plan_2026: Any, province: AdministrativeUnit, provincial_officer: User
) -> None:
    from grassroots.plans import services

    services.report_prepare(
        unit=province, period="semiannual", year=2026, actor=provincial_officer, now=at(dt.date(2026, 6, 15))
    )
    assert yearly.plans_and_reports(at(dt.date(2026, 6, 15))) == 0


def _drafts() -> tuple[int, int, int]:
    from grassroots.core.models import AuditEvent
    from grassroots.plans.models import Plan, PlanReport

    return Plan.objects.count(), PlanReport.objects.count(), AuditEvent.objects.count()


def test_the_job_makes_each_draft_once_through_the_plans_services(
    plan_2026: Any, province: AdministrativeUnit, provincial_officer: User
) -> None:
    from grassroots.core.models import AuditEvent
    from grassroots.plans.models import Plan, PlanReport, PlanStatus, ReportStatus

    yearly.plans_and_reports(at(dt.date(2026, 6, 15)))
    report = PlanReport.objects.get(unit=province, period="semiannual", year=2026)
    assert report.status == ReportStatus.DRAFT and report.figures["items"]
    assert AuditEvent.objects.filter(code="plans.report.prepared", object_id=str(report.pk), actor_id=None).count() == 1

    yearly.plans_and_reports(at(FIRST_WORKING_DAY))
    before = _drafts()
    assert yearly.plans_and_reports(at(FIRST_WORKING_DAY)) == 0
    assert yearly.plans_and_reports(at(dt.date(2027, 3, 1))) == 0
    assert _drafts() == before  # a second run creates nothing: no plan, no report, no audit event
    assert PlanReport.objects.filter(unit=province, year=2026).count() == 2
    draft = Plan.objects.get(unit=province, year=2027)
    assert draft.status == PlanStatus.DRAFT and draft.created_by is None
    assert draft.title.endswith("năm 2027")
    tasks = list(draft.items.filter(depth__gt=0))
    assert [task.due_on for task in tasks] == [dt.date(2027, 3, 31)]
    assert [task.status for task in tasks] == ["not_started"]
    assert AuditEvent.objects.filter(code="plans.plan.drafted_yearly", object_id=str(draft.pk)).count() == 1
    notification = Notification.objects.get(user=provincial_officer, dedupe_key=f"yearly:plans:plan:{province.pk}:2027")
    assert notification.url.endswith(f"/{draft.pk}/")


def test_no_draft_on_a_day_off_the_first_working_day_catches_up(plan_2026: Any, province: AdministrativeUnit) -> None:
    from grassroots.plans.models import Plan, PlanReport

    before = _drafts()
    assert yearly.plans_and_reports(at(NEW_YEAR)) == 0  # New Year's Day, a holiday
    assert yearly.plans_and_reports(at(dt.date(2027, 1, 2))) == 0  # Saturday
    assert yearly.plans_and_reports(at(dt.date(2027, 1, 3))) == 0  # Sunday
    assert _drafts() == before
    assert yearly.plans_and_reports(at(FIRST_WORKING_DAY)) > 0
    assert Plan.objects.filter(unit=province, year=2027).count() == 1
    # The six-month report missed in June (no run then) is opened too, as is the annual one.
    assert set(PlanReport.objects.filter(unit=province, year=2026).values_list("period", flat=True)) == {
        "semiannual",
        "annual",
    }


def test_a_unit_that_already_has_its_plan_gets_no_draft(
    plan_2026: Any, province: AdministrativeUnit, provincial_officer: User
) -> None:
    from grassroots.plans import services
    from grassroots.plans.models import Plan
    from grassroots.plans.parsing import parse_text

    moment = at(dt.date(2026, 12, 20))
    services.plan_import(
        unit=province, parsed=parse_text(PLAN_TEXT.replace("2026", "2027")), actor=provincial_officer, now=moment
    )
    yearly.plans_and_reports(at(FIRST_WORKING_DAY))
    assert Plan.objects.filter(unit=province, year=2027).count() == 1  # the staff's own, no second one
    assert not Plan.objects.filter(created_by__isnull=True).exists()


def test_the_draft_service_refuses_a_person_without_the_action_and_runs_once(
    plan_2026: Any, province: AdministrativeUnit, commune_officer: User, provincial_officer: User
) -> None:
    from grassroots.core.errors import DomainError
    from grassroots.plans import services

    with pytest.raises(DomainError) as refused:
        services.plan_draft_yearly(unit=province, year=2027, actor=commune_officer, now=at(FIRST_WORKING_DAY))
    assert refused.value.code == "plans.not_allowed"
    made = services.plan_draft_yearly(unit=province, year=2027, actor=provincial_officer, now=at(FIRST_WORKING_DAY))
    assert made is not None and made.created_by == provincial_officer
    assert services.plan_draft_yearly(unit=province, year=2027, actor=None, now=at(FIRST_WORKING_DAY)) is None
    assert services.plan_draft_yearly(unit=province, year=2030, actor=None, now=at(FIRST_WORKING_DAY)) is None


def test_every_yearly_job_is_registered() -> None:
    from grassroots.jobs.registry import registered_jobs

    names = set(registered_jobs())
    assert {
        "workplaces.open_yearly_obligations",
        "reception.open_yearly_dialogue",
        "conventions.open_yearly_reviews",
        "plans.open_yearly_plans_and_reports",
    } <= names
