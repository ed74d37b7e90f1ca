"""Disclosures cannot be back-dated (issue 9 item 7).

The time of publication on the platform is the time it happened (the service's ``now``), never a typed date.
A physical posting entered afterwards keeps both dates (posted on, entered on / by); a posting dated before
its entry needs a reason and counts as *self-reported*. Timeliness is judged on the platform publication,
so a self-reported early date never turns a late item "on time". Each attack below goes through one door:
the service, the staff form (a crafted POST field), the Django admin.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from grassroots.accounts.testing import PERSONA_PASSWORD, give_role, make_user
from grassroots.core.errors import DomainError
from grassroots.core.models import AuditEvent
from grassroots.core.selectors import object_history
from grassroots.disclosures import rules, selectors, services
from grassroots.disclosures.models import Channel, Disclosure, DisclosureCategory, PublicationEvent, Status
from grassroots.disclosures.rules import Finding
from grassroots.disclosures.tests.conftest import at
from grassroots.units.models import AdministrativeUnit, Organisation, OrganisationKind

D = dt.date
pytestmark = pytest.mark.django_db

DECIDED = D(2026, 2, 13)  # Friday before Tết 2026
DUE = D(2026, 2, 27)  # 5 working days later
LATE_DAY = D(2026, 3, 10)  # the day the clerk actually publishes


def login(client: Client, user: Any) -> None:
    assert client.login(username=user.username, password=PERSONA_PASSWORD)


def freeze(monkeypatch: pytest.MonkeyPatch, day: dt.date) -> None:
    from grassroots.core import clock

    monkeypatch.setattr(clock, "now", lambda: at(day.year, day.month, day.day))


def draft(unit: AdministrativeUnit, actor: Any, *, organisation: Organisation | None = None) -> Disclosure:
    return services.disclosure_create(
        unit=unit,
        organisation=organisation,
        category=DisclosureCategory.objects.get(code="A2" if organisation else "K2"),
        title="Dự toán ngân sách năm 2026",
        decided_on=DECIDED,
        actor=actor,
        now=at(2026, 2, 13),
    )


def last_after(item: Disclosure) -> dict[str, Any]:
    """The ``after`` payload of the newest audit event about ``item``."""
    event = object_history(item).last()
    assert event is not None and event.after is not None
    return dict(event.after)


def published_late(unit: AdministrativeUnit, actor: Any) -> Disclosure:
    item = draft(unit, actor)
    return services.disclosure_publish(disclosure=item, actor=actor, now=at(2026, 3, 10))


def paper_posting_entered_late(item: Disclosure, actor: Any, started_on: dt.date) -> PublicationEvent:
    """A notice posted at the headquarters on ``started_on`` and entered on LATE_DAY, with a reason."""
    return services.publication_record(
        disclosure=item,
        channel=Channel.HEADQUARTERS_BOARD,
        started_on=started_on,
        backdating_reason="Niêm yết giấy trước, mất mạng nên nhập sau.",
        actor=actor,
        now=at(2026, 3, 10),
    )


# --- Publication on the platform ------------------------------------------------------------------


def test_the_service_takes_no_publication_date(commune: AdministrativeUnit, commune_officer: Any) -> None:
    item = draft(commune, commune_officer)
    with pytest.raises(TypeError):
        services.disclosure_publish(  # type: ignore[call-arg]
            disclosure=item, published_on=DECIDED, actor=commune_officer, now=at(2026, 3, 10)
        )
    item.refresh_from_db()
    assert item.status == Status.DRAFT and item.published_on is None
    published = services.disclosure_publish(disclosure=item, actor=commune_officer, now=at(2026, 3, 10))
    assert published.first_published_on == published.published_on == LATE_DAY
    evaluation = selectors.evaluate_disclosure(published, today=LATE_DAY)
    assert evaluation is not None and evaluation.timeliness == Finding.LATE


def test_the_staff_form_ignores_a_crafted_publication_date(
    client: Client, commune: AdministrativeUnit, commune_officer: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    item = draft(commune, commune_officer)
    freeze(monkeypatch, LATE_DAY)
    login(client, commune_officer)
    response = client.post(reverse("disclosures:publish", args=[commune.slug, item.pk]), {"published_on": "2026-02-13"})
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.status == Status.PUBLISHED
    assert (item.first_published_on, item.published_on) == (LATE_DAY, LATE_DAY)
    portal = PublicationEvent.objects.get(disclosure=item)
    assert portal.started_on == LATE_DAY
    assert last_after(item)["published_on"] == "2026-03-10"


def test_the_organisation_form_ignores_a_crafted_publication_date(
    client: Client, commune: AdministrativeUnit, commune_officer: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    agency = Organisation.objects.create(kind=OrganisationKind.AGENCY, name="Trạm Y tế xã", unit=commune)
    head = make_user("truong-tram")
    give_role(head, "agency_head", commune, organisation=agency)
    item = draft(commune, commune_officer, organisation=agency)
    freeze(monkeypatch, LATE_DAY)
    login(client, head)
    url = reverse("disclosures:organisation_publish", args=[agency.pk, item.pk])
    assert client.post(url, {"published_on": "2026-02-13"}).status_code == 302
    item.refresh_from_db()
    assert (item.status, item.published_on) == (Status.PUBLISHED, LATE_DAY)


def test_the_posting_window_runs_from_the_real_publication(
    client: Client, commune: AdministrativeUnit, commune_officer: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    item = draft(commune, commune_officer)
    freeze(monkeypatch, LATE_DAY)
    login(client, commune_officer)
    client.post(reverse("disclosures:publish", args=[commune.slug, item.pk]), {"published_on": "2026-02-13"})
    # 30 days from a typed 13/02 would end on 15/03; from the real 10/03 they end on 08/04.
    with pytest.raises(DomainError) as error:
        services.disclosure_withdraw(disclosure=item, reason="Thay dự toán", actor=commune_officer, now=at(2026, 3, 16))
    assert error.value.code == "disclosures.minimum_posting_not_reached"
    assert error.value.params["may_end_on"] == D(2026, 4, 9)


# --- Physical postings entered afterwards ------------------------------------------------------------


def test_a_posting_dated_before_its_entry_needs_a_reason(commune: AdministrativeUnit, commune_officer: Any) -> None:
    item = published_late(commune, commune_officer)
    events_before = AuditEvent.objects.count()
    with pytest.raises(DomainError) as error:
        services.publication_record(
            disclosure=item,
            channel=Channel.HEADQUARTERS_BOARD,
            started_on=D(2026, 2, 20),
            actor=commune_officer,
            now=at(2026, 3, 10),
        )
    assert error.value.code == "disclosures.backdating_reason_required"
    assert "lý do" in error.value.message
    assert PublicationEvent.objects.filter(channel=Channel.HEADQUARTERS_BOARD).count() == 0
    assert AuditEvent.objects.count() == events_before
    event = services.publication_record(
        disclosure=item,
        channel=Channel.HEADQUARTERS_BOARD,
        started_on=D(2026, 2, 20),
        backdating_reason="Niêm yết giấy ngày 20/02, mất mạng nên nhập sau.",
        actor=commune_officer,
        now=at(2026, 3, 10),
    )
    assert (event.started_on, event.recorded_on, event.recorded_by) == (D(2026, 2, 20), LATE_DAY, commune_officer)
    assert event.is_self_reported
    after = last_after(item)
    assert (after["started_on"], after["recorded_on"], after["self_reported"]) == ("2026-02-20", "2026-03-10", True)
    assert after["backdating_reason"] == "Niêm yết giấy ngày 20/02, mất mạng nên nhập sau."


def test_a_posting_entered_the_day_it_went_up_is_not_self_reported(
    commune: AdministrativeUnit, commune_officer: Any
) -> None:
    item = published_late(commune, commune_officer)
    event = services.publication_record(
        disclosure=item,
        channel=Channel.HEADQUARTERS_BOARD,
        started_on=LATE_DAY,
        actor=commune_officer,
        now=at(2026, 3, 10),
    )
    assert not event.is_self_reported and event.backdating_reason == ""


def test_the_channel_form_refuses_a_crafted_early_date_without_reason(
    client: Client, commune: AdministrativeUnit, commune_officer: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    item = published_late(commune, commune_officer)
    freeze(monkeypatch, LATE_DAY)
    login(client, commune_officer)
    url = reverse("disclosures:record_channel", args=[commune.slug, item.pk])
    refused = client.post(url, {"channel": "headquarters_board", "started_on": "2026-02-13"}, follow=True)
    assert "Ngày niêm yết sớm hơn ngày ghi nhận" in refused.text
    assert not item.publications.filter(channel="headquarters_board").exists()
    client.post(url, {"channel": "headquarters_board", "started_on": "2026-02-13", "backdating_reason": "Nhập sau."})
    event = item.publications.get(channel="headquarters_board")
    assert event.is_self_reported and event.recorded_on == LATE_DAY
    detail = client.get(reverse("disclosures:staff_detail", args=[commune.slug, item.pk]))
    assert "tự khai" in detail.text and "10/03/2026" in detail.text


# --- Compliance -------------------------------------------------------------------------------------


def test_a_self_reported_early_posting_does_not_make_a_late_item_on_time(
    commune: AdministrativeUnit, commune_officer: Any
) -> None:
    item = published_late(commune, commune_officer)
    paper_posting_entered_late(item, commune_officer, D(2026, 2, 16))
    evaluation = selectors.evaluate_disclosure(item, today=D(2026, 3, 11))
    assert evaluation is not None
    assert evaluation.timeliness == Finding.LATE
    assert Finding.SELF_REPORTED in evaluation.findings
    assert Finding.SELF_REPORTED not in evaluation.problems
    assert (evaluation.self_reported_postings, evaluation.earliest_self_reported) == (1, D(2026, 2, 16))


def test_the_dashboard_and_rollup_count_self_reported_postings(
    client: Client,
    commune: AdministrativeUnit,
    province: AdministrativeUnit,
    commune_officer: Any,
    provincial_officer: Any,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    item = published_late(commune, commune_officer)
    paper_posting_entered_late(item, commune_officer, D(2026, 3, 2))
    rows = selectors.commune_compliance(commune, today=D(2026, 3, 11))
    totals = selectors.posting_totals(rows)
    assert (totals.postings, totals.self_reported) == (2, 1)  # the portal posting and the paper one
    [rollup] = [row for row in selectors.province_rollup(province, today=D(2026, 3, 11)) if row.unit_id == commune.pk]
    assert (rollup.late, rollup.on_time, rollup.postings, rollup.self_reported) == (1, 0, 2, 1)
    assert rollup.self_reported_percent == 50.0
    freeze(monkeypatch, D(2026, 3, 11))
    login(client, commune_officer)
    page = client.get(reverse("disclosures:dashboard", args=[commune.slug]))
    assert page.context["posting_totals"].self_reported == 1
    client.logout()
    login(client, provincial_officer)
    page = client.get(reverse("disclosures:province_rollup", args=[province.slug]))
    assert "50,0 %" in page.text


# --- The Django admin --------------------------------------------------------------------------------


def test_the_admin_shows_recorded_facts_read_only(
    client: Client, commune: AdministrativeUnit, commune_officer: Any, superuser: Any
) -> None:
    item = published_late(commune, commune_officer)
    event = item.publications.get()
    client.force_login(superuser)
    change = reverse("admin:disclosures_disclosure_change", args=[item.pk])
    assert client.get(reverse("admin:disclosures_disclosure_changelist")).status_code == 200
    page = client.get(change)
    assert page.status_code == 200 and 'name="published_on"' not in page.text
    crafted = {"published_on": "2026-02-13", "first_published_on": "2026-02-13", "status": "published"}
    assert client.post(change, crafted).status_code == 403
    assert client.get(reverse("admin:disclosures_disclosure_add")).status_code == 403
    assert (
        client.post(reverse("admin:disclosures_disclosure_delete", args=[item.pk]), {"post": "yes"}).status_code == 403
    )
    event_change = reverse("admin:disclosures_publicationevent_change", args=[event.pk])
    assert client.get(event_change).status_code == 200
    assert client.post(event_change, {"started_on": "2026-02-13"}).status_code == 403
    item.refresh_from_db()
    event.refresh_from_db()
    assert (item.published_on, event.started_on) == (LATE_DAY, LATE_DAY)


def test_posting_dates_rule() -> None:
    common: dict[str, Any] = {"decided_on": DECIDED, "recorded_on": LATE_DAY, "ended_on": None, "reason": ""}
    assert rules.check_posting_dates(started_on=LATE_DAY, **common)
    assert rules.check_posting_dates(started_on=D(2026, 3, 11), **common).code == "disclosures.started_in_future"
    assert rules.check_posting_dates(started_on=D(2026, 2, 12), **common).code == "disclosures.started_before_decision"
    early = rules.check_posting_dates(started_on=D(2026, 3, 9), **common)
    assert early.code == "disclosures.backdating_reason_required"
    assert rules.check_posting_dates(started_on=D(2026, 3, 9), **{**common, "reason": "Nhập sau."})
    assert rules.check_posting_dates(started_on=D(2026, 3, 9), **{**common, "reason": "Nhập sau."}).params[
        "self_reported"
    ]
    assert (
        rules.check_posting_dates(started_on=LATE_DAY, **{**common, "ended_on": LATE_DAY}).code
        == "disclosures.dates_unordered"
    )
