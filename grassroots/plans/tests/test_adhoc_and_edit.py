"""Ad-hoc reports (a period and topic on request) and correcting a draft plan before it is issued."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from grassroots.accounts.models import User
from grassroots.core.errors import DomainError
from grassroots.core.models import AuditEvent
from grassroots.petitions.models import Case
from grassroots.plans import rules, services
from grassroots.plans.models import Plan, PlanReport, ReportStatus
from grassroots.plans.parsing import parse_text
from grassroots.plans.tests.conftest import NOW, PROVINCE_PLAN
from grassroots.units.models import AdministrativeUnit

pytestmark = pytest.mark.django_db

TODAY = NOW.date()


@pytest.mark.parametrize(
    ("starts_on", "ends_on", "code"),
    [
        (TODAY, TODAY, "ok"),  # one day, today: allowed
        (TODAY - dt.timedelta(days=1), TODAY - dt.timedelta(days=2), "plans.adhoc.reversed"),
        (TODAY, TODAY + dt.timedelta(days=1), "plans.adhoc.future"),
        (TODAY - dt.timedelta(days=rules.ADHOC_MAX_DAYS - 1), TODAY, "ok"),  # exactly the longest period
        (TODAY - dt.timedelta(days=rules.ADHOC_MAX_DAYS), TODAY, "plans.adhoc.too_long"),
    ],
)
def test_adhoc_window(starts_on: dt.date, ends_on: dt.date, code: str) -> None:
    assert rules.check_adhoc_window(starts_on=starts_on, ends_on=ends_on, today=TODAY).code == code


def _cases(commune: AdministrativeUnit) -> None:
    for day in (dt.date(2026, 4, 1), dt.date(2026, 4, 30), dt.date(2026, 5, 1)):
        Case.objects.create(unit=commune, kind="feedback", channel="online", title="Vụ", content=".", received_on=day)


def test_adhoc_report_counts_its_own_period_and_topic_only(commune: AdministrativeUnit, commune_officer: User) -> None:
    _cases(commune)
    report = services.report_prepare_adhoc(
        unit=commune,
        starts_on=dt.date(2026, 4, 1),
        ends_on=dt.date(2026, 4, 30),
        topic="Chuyên đề phản ánh, kiến nghị tháng 4",
        providers=["petitions"],
        actor=commune_officer,
        now=NOW,
    )
    values = {item["key"]: item["value"] for item in report.figures["items"]}
    assert values["petitions.received"] == 2  # 1/5 is outside
    assert all(key.startswith("petitions.") for key in values)
    assert report.period == "other" and report.status == ReportStatus.DRAFT and report.due_on > TODAY
    assert AuditEvent.objects.filter(code="plans.report.prepared", object_id=str(report.pk)).exists()
    # A second ad-hoc report of the same year is allowed (the one-per-period constraint is for periodic ones).
    services.report_prepare_adhoc(
        unit=commune, starts_on=TODAY, ends_on=TODAY, topic="Khác", actor=commune_officer, now=NOW
    )
    assert PlanReport.objects.filter(unit=commune, period="other").count() == 2


@pytest.mark.parametrize(
    ("extra", "code"),
    [
        ({"topic": "  "}, "plans.adhoc.topic"),
        ({"providers": ["khong-co"]}, "plans.adhoc.providers"),
        ({"due_on": TODAY - dt.timedelta(days=1)}, "plans.adhoc.due_past"),
        ({"ends_on": TODAY + dt.timedelta(days=1)}, "plans.adhoc.future"),
    ],
)
def test_adhoc_refusals_write_nothing(
    commune: AdministrativeUnit, commune_officer: User, extra: dict[str, object], code: str
) -> None:
    arguments: dict[str, object] = {"starts_on": dt.date(2026, 1, 1), "ends_on": TODAY, "topic": "Chủ đề"} | extra
    with pytest.raises(DomainError) as refused:
        services.report_prepare_adhoc(unit=commune, actor=commune_officer, now=NOW, **arguments)  # type: ignore[arg-type]
    assert refused.value.code == code
    assert not PlanReport.objects.exists()


def test_adhoc_report_of_another_commune_is_refused(commune: AdministrativeUnit, other_commune_officer: User) -> None:
    with pytest.raises(DomainError) as refused:
        services.report_prepare_adhoc(
            unit=commune, starts_on=TODAY, ends_on=TODAY, topic="X", actor=other_commune_officer, now=NOW
        )
    assert refused.value.code == "plans.not_allowed"


def test_refresh_recounts_until_submitted(commune: AdministrativeUnit, commune_officer: User) -> None:
    report = services.report_prepare_adhoc(
        unit=commune,
        starts_on=dt.date(2026, 4, 1),
        ends_on=dt.date(2026, 4, 30),
        topic="Chủ đề",
        providers=["petitions"],
        actor=commune_officer,
        now=NOW,
    )
    _cases(commune)
    report = services.report_refresh(report=report, actor=commune_officer, now=NOW)
    assert {item["key"]: item["value"] for item in report.figures["items"]}["petitions.received"] == 2
    assert report.figures["providers"] == ["petitions"]
    services.report_submit(report=report, actor=commune_officer, now=NOW)
    with pytest.raises(DomainError) as refused:
        services.report_refresh(report=report, actor=commune_officer, now=NOW)
    assert refused.value.code == "plans.report.locked"


def _draft(commune: AdministrativeUnit, officer: User) -> Plan:
    return services.plan_import(unit=commune, parsed=parse_text(PROVINCE_PLAN), actor=officer, now=NOW)


def test_draft_plan_corrected_and_audited(commune: AdministrativeUnit, commune_officer: User) -> None:
    plan = _draft(commune, commune_officer)
    task = plan.items.filter(depth__gt=0).order_by("position").first()
    assert task is not None
    services.plan_update(
        plan=plan,
        changes={"number": "50/KH-UBND", "issued_day": 11, "recipients": ["Sở Nội vụ"]},
        items={task.pk: {"lead": ["Văn phòng HĐND và UBND xã"], "due_on": dt.date(2026, 4, 15)}},
        actor=commune_officer,
        now=NOW,
    )
    plan.refresh_from_db()
    task.refresh_from_db()
    assert (plan.number, plan.issued_day, plan.recipients) == ("50/KH-UBND", 11, ["Sở Nội vụ"])
    assert task.lead == ["Văn phòng HĐND và UBND xã"] and task.due_on == dt.date(2026, 4, 15)
    event = AuditEvent.objects.get(code="plans.plan.edited")
    assert event.before is not None and event.after is not None
    assert event.before["number"] == "49/KH-UBND" and event.after["number"] == "50/KH-UBND"
    assert event.after[f"item.{task.pk}"]["due_on"] == "2026-04-15"


@pytest.mark.parametrize(
    ("changes", "code"),
    [
        ({"issued_day": 31, "issued_month": 2}, "plans.plan.bad_date"),
        ({"title": " "}, "plans.plan.title"),
        ({"status": "issued"}, "plans.plan.bad_field"),  # no way round the state machine
        ({"unit": 1}, "plans.plan.bad_field"),
    ],
)
def test_bad_corrections_change_nothing(
    commune: AdministrativeUnit, commune_officer: User, changes: dict[str, object], code: str
) -> None:
    plan = _draft(commune, commune_officer)
    with pytest.raises(DomainError) as refused:
        services.plan_update(plan=plan, changes=changes, actor=commune_officer, now=NOW)
    assert refused.value.code == code
    fresh = Plan.objects.get(pk=plan.pk)
    assert (fresh.status, fresh.issued_month, fresh.title) == ("draft", plan.issued_month, plan.title)


def test_an_issued_plan_cannot_be_edited_even_by_posting_the_form(
    commune: AdministrativeUnit, commune_officer: User
) -> None:
    plan = services.plan_issue(plan=_draft(commune, commune_officer), actor=commune_officer, now=NOW)
    with pytest.raises(DomainError) as refused:
        services.plan_update(plan=plan, changes={"number": "1/KH"}, actor=commune_officer, now=NOW)
    assert refused.value.code == "plans.plan.not_draft"
    client = Client()
    client.force_login(commune_officer)
    response = client.post(reverse("plans:plan_edit", args=[plan.pk]), {"number": "1/KH", "title": "X", "year": 2026})
    assert response.status_code == 302
    assert Plan.objects.get(pk=plan.pk).number == plan.number


def test_an_item_of_another_plan_is_refused(commune: AdministrativeUnit, commune_officer: User) -> None:
    first, second = _draft(commune, commune_officer), _draft(commune, commune_officer)
    foreign = second.items.first()
    assert foreign is not None
    with pytest.raises(DomainError) as refused:
        services.plan_update(plan=first, changes={}, items={foreign.pk: {"title": "Sửa trộm"}}, actor=commune_officer)
    assert refused.value.code == "plans.plan.foreign_item"
    foreign.refresh_from_db()
    assert foreign.title != "Sửa trộm"


def test_edit_page_round_trip(commune: AdministrativeUnit, commune_officer: User) -> None:
    plan = _draft(commune, commune_officer)
    client = Client()
    client.force_login(commune_officer)
    url = reverse("plans:plan_edit", args=[plan.pk])
    page = client.get(url)
    assert page.status_code == 200
    data = {name: value for name, value in page.context["form"].initial.items() if value is not None}
    data["number"] = "51/KH-UBND"
    for _item, item_form in page.context["item_forms"]:
        for name, value in item_form.initial.items():
            if value is not None:
                data[f"{item_form.prefix}-{name}"] = value
    response = client.post(url, data)
    assert response.status_code == 302
    assert Plan.objects.get(pk=plan.pk).number == "51/KH-UBND"
    bad = dict(data, title="")
    response = client.post(url, bad)
    assert response.status_code == 422 and Plan.objects.get(pk=plan.pk).title == plan.title


def test_adhoc_page(commune: AdministrativeUnit, commune_officer: User) -> None:
    client = Client()
    client.force_login(commune_officer)
    url = reverse("plans:report_adhoc")
    assert client.get(url).status_code == 200
    data = {"unit": commune.pk, "topic": "Chuyên đề", "starts_on": "2026-01-01", "ends_on": "2026-05-31"}
    response = client.post(url, dict(data, providers=["petitions", "funds"]))
    report = PlanReport.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("plans:report_detail", args=[report.pk])
    assert report.figures["providers"] == ["petitions", "funds"]
    response = client.post(url, dict(data, ends_on="2099-01-01"))
    assert response.status_code == 422 and PlanReport.objects.count() == 1


def test_every_registered_figure_provider_has_a_vietnamese_topic_name() -> None:
    """The ad-hoc report offers each provider as a topic: a key shown raw ("reception") is a gap in the wiring."""
    from grassroots.plans.figures import registered_figure_providers
    from grassroots.plans.forms import TOPIC_LABELS

    assert set(registered_figure_providers()) <= set(TOPIC_LABELS)
    assert {"oversight", "workplaces", "funds", "reception"} <= set(registered_figure_providers())
