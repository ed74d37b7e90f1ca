"""The desk: routing rules, reminders before due dates (idempotent), official papers, targets, the intake limit."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from pytest_django import Settings

from grassroots.accounts.models import User
from grassroots.core.errors import DomainError
from grassroots.core.models import AuditEvent
from grassroots.documents.models import Document
from grassroots.petitions import desk, rules, selectors, services
from grassroots.petitions.models import Case, CaseAssignment, CasePaper, CaseReminder, RoutingRule
from grassroots.petitions.tests.conftest import NOW, enter_denunciation, file_online
from grassroots.units.models import AdministrativeUnit

D = dt.date


# --- pure rules ---------------------------------------------------------------------------------

ROWS = [
    rules.RouteRow(1, "", None),
    rules.RouteRow(2, "complaint", None),
    rules.RouteRow(3, "", 10),
    rules.RouteRow(4, "complaint", 10),
    rules.RouteRow(5, "complaint", 10),
]


@pytest.mark.parametrize(
    ("kind", "community", "expected"),
    [
        ("complaint", 10, 4),  # kind and community, the oldest of two equals
        ("complaint", 11, 2),  # kind only
        ("feedback", 10, 3),  # community only
        ("feedback", None, 1),  # any
    ],
)
def test_pick_route_most_specific_wins(kind: str, community: int | None, expected: int) -> None:
    assert rules.pick_route(ROWS, kind=kind, community_id=community) == expected


def test_pick_route_none_without_a_match() -> None:
    assert rules.pick_route([rules.RouteRow(1, "complaint", None)], kind="feedback", community_id=None) is None


@pytest.mark.parametrize(
    ("due", "left", "step"),
    [
        (D(2027, 2, 2), None, "overdue"),
        (D(2027, 2, 3), 0, "due_soon"),
        (D(2027, 2, 12), 3, "due_soon"),
        (D(2027, 2, 15), 4, ""),
        (None, None, ""),
    ],
)
def test_reminder_step(due: dt.date | None, left: int | None, step: str) -> None:
    assert rules.reminder_step(due_on=due, today=D(2027, 2, 3), working_days_left=left, window=3) == step


def test_on_time_share_rounds_down() -> None:
    assert rules.on_time_share(0, 0) is None
    assert rules.on_time_share(1000, 899) == 89
    assert rules.on_time_share(10, 9) == 90


# --- routing ------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_new_case_is_routed_by_the_most_specific_rule(
    commune: AdministrativeUnit,
    community: AdministrativeUnit,
    commune_chair: User,
    commune_officer: User,
    second_officer: User,
    resident: User,
) -> None:
    desk.routing_rule_add(unit=commune, handler=commune_officer, actor=commune_chair, now=NOW)
    desk.routing_rule_add(
        unit=commune, kind="feedback", community=community, handler=second_officer, actor=commune_chair, now=NOW
    )
    routed = file_online(resident, commune, community=community)
    other = file_online(resident, commune, kind="petition")
    assert routed.handler == second_officer and other.handler == commune_officer
    assert routed.status == "received"
    assignment = CaseAssignment.objects.get(case=routed)
    assert assignment.assigned_by == commune_chair and "quy tắc" in assignment.reason
    assert AuditEvent.objects.filter(code="petitions.case.routed", object_id=str(routed.pk)).exists()


@pytest.mark.django_db
def test_routing_skips_a_handler_who_left(
    commune: AdministrativeUnit, commune_chair: User, commune_officer: User, second_officer: User, resident: User
) -> None:
    from grassroots.accounts.models import RoleMembership

    desk.routing_rule_add(unit=commune, kind="feedback", handler=second_officer, actor=commune_chair, now=NOW)
    desk.routing_rule_add(unit=commune, handler=commune_officer, actor=commune_chair, now=NOW)
    RoleMembership.objects.filter(user=second_officer).update(valid_until=D(2027, 1, 1))
    assert file_online(resident, commune).handler == commune_officer


@pytest.mark.django_db
def test_attack_rule_cannot_route_to_an_officer_of_another_commune(
    commune: AdministrativeUnit, commune_chair: User, other_commune_officer: User
) -> None:
    with pytest.raises(DomainError) as refusal:
        desk.routing_rule_add(unit=commune, handler=other_commune_officer, actor=commune_chair, now=NOW)
    assert refusal.value.code == "petitions.routing.handler_cannot_handle"
    assert not RoutingRule.objects.exists()


@pytest.mark.django_db
def test_attack_an_officer_cannot_write_routing_rules(commune: AdministrativeUnit, commune_officer: User) -> None:
    with pytest.raises(DomainError):
        desk.routing_rule_add(unit=commune, handler=commune_officer, actor=commune_officer, now=NOW)
    assert not RoutingRule.objects.exists()


@pytest.mark.django_db
def test_ended_rule_no_longer_routes(
    commune: AdministrativeUnit, commune_chair: User, commune_officer: User, resident: User
) -> None:
    rule = desk.routing_rule_add(unit=commune, handler=commune_officer, actor=commune_chair, now=NOW)
    desk.routing_rule_end(rule=rule, actor=commune_chair, now=NOW)
    assert file_online(resident, commune).handler is None


# --- reminders ----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_reminders_are_written_once(
    commune: AdministrativeUnit, commune_chair: User, commune_officer: User, resident: User
) -> None:
    received = NOW - dt.timedelta(days=14)  # acknowledge by 10 working days later: within 3 working days of today
    case = file_online(resident, commune, now=received, received_on=received.date())
    desk.routing_rule_add(unit=commune, handler=commune_officer, actor=commune_chair, now=NOW)
    desk.case_route(case=case, now=NOW)
    due = selectors.current_due(Case.objects.get(pk=case.pk))
    assert due.due_on is not None and due.due_on >= NOW.date()
    first = desk.case_reminders_run(today=NOW.date(), window=10, now=NOW)
    again = desk.case_reminders_run(today=NOW.date(), window=10, now=NOW)
    assert [(r.case_id, r.step, r.recipient_id) for r in first] == [(case.pk, "due_soon", commune_officer.pk)]
    assert again == []
    assert CaseReminder.objects.count() == 1


@pytest.mark.django_db
def test_overdue_case_escalates_to_the_chair(
    commune: AdministrativeUnit, commune_chair: User, commune_officer: User, resident: User
) -> None:
    case = file_online(resident, commune, now=NOW - dt.timedelta(days=40), received_on=D(2026, 12, 24))
    written = desk.case_reminders_run(today=NOW.date(), window=3, now=NOW)
    assert [(r.case_id, r.step, r.recipient_id) for r in written] == [(case.pk, "overdue", commune_chair.pk)]
    out = __import__("io").StringIO()
    call_command("case_reminders", "--days", "3", "--date", NOW.date().isoformat(), stdout=out)
    assert out.getvalue().startswith("reminders written: 0")


@pytest.mark.django_db
def test_a_reminder_is_audited_and_delivered_through_notifications_once(
    commune: AdministrativeUnit, commune_chair: User, resident: User
) -> None:
    from grassroots.notifications.kinds import render
    from grassroots.notifications.models import Notification

    case = file_online(resident, commune, now=NOW - dt.timedelta(days=40), received_on=D(2026, 12, 24))
    written = desk.case_reminders_run(today=NOW.date(), window=3, now=NOW)
    assert len(written) == 1 and written[0].delivered_at == NOW
    reminder = CaseReminder.objects.get()
    assert reminder.delivered_at == NOW
    codes = list(
        AuditEvent.objects.filter(object_id=str(case.pk), code__startswith="petitions.case.reminder_")
        .order_by("sequence")
        .values_list("code", "after")
    )
    assert codes == [
        (
            "petitions.case.reminder_written",
            {"reminder": reminder.pk, "step": "overdue", "due_on": str(reminder.due_on), "recipient": commune_chair.pk},
        )
    ]
    notice = Notification.objects.get(user=commune_chair)
    assert (notice.kind, notice.params["pk"], notice.url) == (
        desk.REMINDER_OVERDUE_KIND,
        case.pk,
        reverse("petitions:case_detail", args=[case.pk]),
    )
    title, _body = render(notice.kind, notice.params, "vi")
    assert title == f"Quá hạn, cần chỉ đạo: vụ việc #{case.pk} {case.title}"
    desk.case_reminders_run(today=NOW.date(), window=3, now=NOW + dt.timedelta(hours=1))
    assert Notification.objects.filter(user=commune_chair).count() == 1
    assert desk.case_reminders_deliver(now=NOW) == 0


@pytest.mark.django_db
def test_a_reminder_left_undelivered_is_delivered_on_the_next_run(
    commune: AdministrativeUnit, commune_officer: User, resident: User
) -> None:
    from grassroots.notifications.models import Notification

    case = file_online(resident, commune)
    due = selectors.current_due(case)
    assert due.due_on is not None
    pending = CaseReminder.objects.create(
        case=case, step="due_soon", due_on=due.due_on, recipient=commune_officer, created_at=NOW
    )
    assert desk.case_reminders_run(today=NOW.date(), window=0, now=NOW) == []
    pending.refresh_from_db()
    assert pending.delivered_at == NOW
    notice = Notification.objects.get(user=commune_officer)
    assert notice.kind == desk.REMINDER_DUE_SOON_KIND and notice.dedupe_key == f"case_reminder:{pending.pk}"


# --- papers -------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_acknowledgement_paper_issued_through_documents(
    commune: AdministrativeUnit, commune_chair: User, commune_officer: User, resident: User
) -> None:
    case = file_online(resident, commune)
    with pytest.raises(DomainError) as too_early:
        desk.case_paper_issue(case=case, kind="acknowledgement", actor=commune_officer, now=NOW)
    assert too_early.value.code == "petitions.paper.not_yet"
    services.case_acknowledge(case=case, outcome="accepted", actor=commune_officer, now=NOW)
    paper = desk.case_paper_issue(case=case, kind="acknowledgement", actor=commune_officer, now=NOW)
    document = Document.objects.get(pk=paper.document_id)
    assert document.kind == "notice" and "Nguyễn Văn Dân" in str(document.content)


@pytest.mark.django_db
def test_attack_denouncer_is_never_named_on_a_paper(
    commune: AdministrativeUnit, commune_chair: User, commune_officer: User
) -> None:
    case = enter_denunciation(commune_officer, commune)
    services.case_acknowledge(case=case, outcome="accepted", actor=commune_officer, now=NOW)
    paper = desk.case_paper_issue(case=case, kind="acknowledgement", actor=commune_officer, now=NOW)
    document = Document.objects.get(pk=paper.document_id)
    assert "Bí Mật" not in str(document.content) and "0987654321" not in str(document.content)
    assert not document.is_public


@pytest.mark.django_db
def test_decision_paper_only_for_complaints_and_denunciations(
    commune: AdministrativeUnit, commune_chair: User, commune_officer: User, resident: User
) -> None:
    case = file_online(resident, commune)
    with pytest.raises(DomainError) as refusal:
        desk.case_paper_issue(case=case, kind="decision", actor=commune_officer, now=NOW)
    assert refusal.value.code == "petitions.paper.decision_only_complaints"
    assert not CasePaper.objects.exists()


@pytest.mark.django_db
def test_extension_decision_is_issued_through_documents_without_the_denouncer(
    commune: AdministrativeUnit, commune_chair: User, commune_officer: User
) -> None:
    case = enter_denunciation(commune_officer, commune)
    services.case_acknowledge(case=case, outcome="accepted", actor=commune_officer, now=NOW)
    services.case_classify(
        case=case, kind="denunciation", complexity="complex", several_places=False, actor=commune_officer, now=NOW
    )
    extension = services.case_extend(case=case, days=30, reason="Cần xác minh thêm", actor=commune_chair, now=NOW)
    assert extension.document_id is not None
    document = Document.objects.get(pk=extension.document_id)
    assert (document.kind, document.signer_id, document.issued_on) == ("decision", commune_chair.pk, NOW.date())
    assert extension.decision_number == document.number_label
    assert "gia hạn giải quyết tố cáo" in document.summary and "thêm 30 ngày (lần 1)" in str(document.content)
    assert "Bí Mật" not in str(document.content) and "0987654321" not in str(document.content)
    event = AuditEvent.objects.get(object_id=str(case.pk), code="petitions.case.extended")
    assert isinstance(event.after, dict) and event.after["document"] == document.pk


@pytest.mark.django_db
def test_attack_no_extension_without_a_chair_to_sign_it(commune: AdministrativeUnit, commune_officer: User) -> None:
    from grassroots.accounts.testing import make_persona

    vice_chair = make_persona("vice_chair", "commune_vice_chair", commune, full_name="Lý Văn Phó")
    case = enter_denunciation(commune_officer, commune)
    services.case_acknowledge(case=case, outcome="accepted", actor=commune_officer, now=NOW)
    services.case_classify(
        case=case, kind="denunciation", complexity="complex", several_places=False, actor=commune_officer, now=NOW
    )
    documents_before = Document.objects.count()
    with pytest.raises(DomainError) as refusal:
        services.case_extend(case=case, days=30, reason="Cần xác minh thêm", actor=vice_chair, now=NOW)
    assert refusal.value.code == "petitions.paper.no_chair"
    assert not case.extensions.exists() and Document.objects.count() == documents_before


# --- targets ------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_commune_target_changes_the_feedback_clock(
    commune: AdministrativeUnit, commune_chair: User, resident: User
) -> None:
    case = file_online(resident, commune)
    before = selectors.case_clocks(case)["resolve_by"]
    desk.case_target_set(unit=commune, on_time_percent=95, resolution_working_days=5, actor=commune_chair, now=NOW)
    after = selectors.case_clocks(Case.objects.get(pk=case.pk))["resolve_by"]
    listed = selectors.cases_of_unit(commune).get(pk=case.pk)
    assert before is not None and after is not None and after < before
    assert selectors.case_clocks(listed)["resolve_by"] == after


@pytest.mark.django_db
def test_target_percent_out_of_range_is_refused(commune: AdministrativeUnit, commune_chair: User) -> None:
    with pytest.raises(DomainError) as refusal:
        desk.case_target_set(unit=commune, on_time_percent=101, resolution_working_days=5, actor=commune_chair)
    assert refusal.value.code == "petitions.target.bad_percent"


@pytest.mark.django_db
def test_resolution_rate_counts_on_time_answers(
    commune: AdministrativeUnit, commune_chair: User, commune_officer: User, resident: User
) -> None:
    case = file_online(resident, commune)
    services.case_acknowledge(case=case, outcome="accepted", actor=commune_officer, now=NOW)
    services.case_assign(case=case, handler=commune_officer, actor=commune_chair, now=NOW)
    services.case_start(case=case, actor=commune_officer, now=NOW)
    services.case_answer(case=case, answer="Đã sửa.", actor=commune_officer, now=NOW)
    rate = desk.resolution_rate(commune, D(2027, 1, 1), D(2027, 12, 31))
    assert (rate.answered, rate.on_time, rate.percent, rate.target_percent, rate.is_met) == (1, 1, 100, 90, True)


# --- the intake limit ---------------------------------------------------------------------------


@pytest.mark.django_db
def test_attack_a_script_cannot_flood_open311(commune: AdministrativeUnit, settings: Settings) -> None:
    settings.GRASSROOTS_PETITIONS_INTAKE_LIMIT = 2
    client = Client()
    url = reverse("petitions:open311_requests", kwargs={"commune_slug": commune.slug})
    data = {"service_code": "feedback", "description": "Đèn đường hỏng", "address_string": "Thôn 1"}
    statuses = [client.post(url, data).status_code for _ in range(4)]
    assert statuses[2:] == [429, 429]
    assert Case.objects.count() == sum(1 for status in statuses if status in (200, 201))
    assert "thử lại" in client.post(url, data).json()[0]["description"]


@pytest.mark.django_db
def test_a_resident_filing_too_fast_keeps_the_input(
    commune: AdministrativeUnit, resident: User, settings: Settings
) -> None:
    settings.GRASSROOTS_PETITIONS_INTAKE_LIMIT = 1
    client = Client()
    client.force_login(resident)
    url = reverse("petitions:case_file", kwargs={"commune_slug": commune.slug})
    data = {"kind": "feedback", "title": "Ổ gà số hai", "content": "Đường hỏng."}
    assert client.post(url, data).status_code == 302
    response = client.post(url, data)
    assert response.status_code == 429
    assert "Ổ gà số hai" in response.content.decode() and Case.objects.count() == 1


@pytest.mark.django_db
def test_overdue_list_finds_an_old_case_past_the_first_200(commune: AdministrativeUnit, commune_officer: User) -> None:
    recent = [
        Case(
            unit=commune,
            kind="feedback",
            channel="phone",
            title=f"Mới {number}",
            content=".",
            received_on=D(2027, 2, 2),
        )
        for number in range(205)
    ]
    Case.objects.bulk_create(recent)
    old = Case.objects.create(
        unit=commune, kind="feedback", channel="phone", title="Cũ quá hạn", content=".", received_on=D(2026, 11, 2)
    )
    client = Client()
    client.force_login(commune_officer)
    response = client.get(reverse("petitions:case_list", kwargs={"commune_slug": commune.slug}), {"loc": "overdue"})
    assert response.status_code == 200
    assert [case.pk for case, _due in response.context["rows"]] == [old.pk]
    assert response.context["has_overdue"] is True


@pytest.mark.django_db
@pytest.mark.parametrize("target_days", [None, 1])
def test_overdue_prefilter_leaves_out_no_overdue_case(
    commune: AdministrativeUnit, commune_chair: User, target_days: int | None
) -> None:
    """Every kind × open status × received day over 64 days around Tết 2027: the database prefilter must give the
    same overdue cases as computing every clock (including a commune target of a single working day)."""
    if target_days:
        desk.case_target_set(
            unit=commune, on_time_percent=90, resolution_working_days=target_days, actor=commune_chair, now=NOW
        )
    today = NOW.date()
    rows = []
    for offset in range(0, 64, 4):
        received = today - dt.timedelta(days=offset)
        for kind in ("feedback", "petition", "complaint", "denunciation"):
            for status in ("received", "acknowledged", "assigned", "in_progress", "reopened"):
                if status == "reopened" and kind in ("complaint", "denunciation"):
                    continue
                rows.append(
                    Case(
                        unit=commune,
                        kind=kind,
                        channel="phone",
                        status=status,
                        title="x",
                        content=".",
                        received_on=received,
                        accepted_on=None if status == "received" else received + dt.timedelta(days=2),
                        reopened_on=received + dt.timedelta(days=20) if status == "reopened" else None,
                        is_confidential=kind == "denunciation",
                    )
                )
    Case.objects.bulk_create(rows)
    calendar = selectors.public_calendar()
    brute = sorted(
        case.pk
        for case in selectors.with_targets(Case.objects.filter(unit=commune, status__in=rules.OPEN_STATUSES))
        if (due := selectors.current_due(case, calendar).due_on) is not None and due < today
    )
    found = sorted(case.pk for case, _due in selectors.overdue_cases(Case.objects.filter(unit=commune), today))
    assert brute and found == brute


def _bulk(commune: AdministrativeUnit, count: int, received_on: dt.date, status: str = "acknowledged") -> None:
    Case.objects.bulk_create(
        Case(
            unit=commune,
            kind="feedback",
            channel="phone",
            status=status,
            title=f"Vụ {number}",
            content=".",
            received_on=received_on - dt.timedelta(days=number % 40),
        )
        for number in range(count)
    )


@pytest.mark.django_db
def test_case_pages_walk_every_case_once_without_offset(commune: AdministrativeUnit) -> None:
    _bulk(commune, 120, D(2027, 2, 2))
    _bulk(commune, 7, D(2027, 2, 2), status="closed")
    seen: list[int] = []
    cursor = ""
    pages = 0
    while True:
        page = selectors.case_page(commune, status="open", after=cursor, size=50)
        seen += [case.pk for case, _due in page.rows]
        pages += 1
        cursor = page.next_cursor
        if not cursor:
            break
    assert pages == 3 and len(seen) == len(set(seen)) == 120
    ordered = list(Case.objects.filter(pk__in=seen).order_by("-received_on", "-pk").values_list("pk", flat=True))
    assert seen == ordered
    everything = selectors.case_page(commune, status="", size=500)
    assert len(everything.rows) == 127 and everything.next_cursor == ""
    assert selectors.case_page(commune, status="open", after="not-a-cursor", size=10).rows[0][0].pk == ordered[0]


@pytest.mark.django_db
def test_overdue_pages_find_every_overdue_case_even_with_a_tiny_scan_limit(commune: AdministrativeUnit) -> None:
    today = D(2027, 3, 1)
    _bulk(commune, 30, D(2026, 11, 30))  # received by 30/11/2026: long past any feedback target
    _bulk(commune, 20, D(2027, 2, 27))  # recent: not yet due (ruled out by the database or by the clock)
    expected = {case.pk for case, _due in selectors.overdue_cases(Case.objects.filter(unit=commune), today)}
    assert len(expected) == 30
    found: list[int] = []
    cursor = ""
    for _ in range(50):
        page = selectors.overdue_page(Case.objects.filter(unit=commune), today, after=cursor, size=4, scan_limit=5)
        found += [case.pk for case, _due in page.rows]
        assert all(due.due_on is not None and due.due_on < today for _case, due in page.rows)
        cursor = page.next_cursor
        if not cursor:
            break
    assert set(found) == expected and len(found) == len(expected)


@pytest.mark.django_db
def test_case_list_page_has_a_next_link_and_flags_overdue_without_counting(
    commune: AdministrativeUnit, commune_officer: User
) -> None:
    _bulk(commune, 60, D(2026, 11, 30))
    client = Client()
    client.force_login(commune_officer)
    url = reverse("petitions:case_list", kwargs={"commune_slug": commune.slug})
    response = client.get(url)
    assert response.status_code == 200 and len(response.context["rows"]) == 50
    assert response.context["has_overdue"] is True and response.context["next_cursor"]
    second = client.get(url, {"loc": "open", "sau": response.context["next_cursor"]})
    assert len(second.context["rows"]) == 10 and second.context["next_cursor"] == ""
    first_ids = {case.pk for case, _due in response.context["rows"]}
    assert not first_ids & {case.pk for case, _due in second.context["rows"]}


@pytest.mark.django_db
def test_the_generated_open_column_follows_the_open_statuses_of_the_rules(commune: AdministrativeUnit) -> None:
    from grassroots.petitions.models import CaseStatus

    for status in CaseStatus.values:
        Case.objects.create(
            unit=commune,
            kind="feedback",
            channel="phone",
            status=status,
            title=status,
            content=".",
            received_on=D(2027, 2, 2),
        )
    opened = set(Case.objects.filter(is_open=True).values_list("status", flat=True))
    assert opened == set(rules.OPEN_STATUSES)
    case = Case.objects.get(status="received")
    Case.objects.filter(pk=case.pk).update(status="closed")
    assert not Case.objects.get(pk=case.pk).is_open


def _random_cases(commune: AdministrativeUnit, actor: User, seed: int, count: int) -> None:
    """Cases of every shape the clocks distinguish, received over five months around Tết 2027, a few with a pause
    (open or ended) or an extension."""
    import random

    from grassroots.petitions.models import CaseExtension, CasePause

    generator = random.Random(seed)
    rows = []
    for number in range(count):
        kind = generator.choice(["feedback", "petition", "complaint", "denunciation"])
        statuses = ["received", "acknowledged", "assigned", "in_progress"]
        if kind in ("feedback", "petition"):
            statuses.append("reopened")
        status = generator.choice(statuses)
        received = D(2026, 11, 1) + dt.timedelta(days=generator.randint(0, 150))
        accepted = None if status == "received" or generator.random() < 0.3 else received + dt.timedelta(days=3)
        rows.append(
            Case(
                unit=commune,
                kind=kind,
                channel="phone",
                status=status,
                title=f"#{number}",
                content=".",
                received_on=received,
                accepted_on=accepted,
                reopened_on=received + dt.timedelta(days=25) if status == "reopened" else None,
                complexity=generator.choice(["normal", "complex", "especially_complex"]),
                remote_area=generator.random() < 0.3,
                several_places=generator.random() < 0.3,
                is_confidential=kind == "denunciation",
            )
        )
    cases = Case.objects.bulk_create(rows)
    for case in cases:
        draw = generator.random()
        if draw < 0.08:
            start = case.received_on + dt.timedelta(days=generator.randint(1, 20))
            resumed = None if generator.random() < 0.4 else start + dt.timedelta(days=generator.randint(1, 20))
            CasePause.objects.create(
                case=case, reason="objective_obstacle", paused_on=start, resumed_on=resumed, recorded_by=actor
            )
        elif draw < 0.14 and case.kind == "denunciation":
            CaseExtension.objects.create(
                case=case, days=30, decided_on=case.received_on, decision_number="1", reason=".", decided_by=actor
            )


@pytest.mark.django_db
@pytest.mark.parametrize("seed", [1, 2])
def test_overdue_list_and_pages_match_every_clock_computed(
    commune: AdministrativeUnit, other_commune: AdministrativeUnit, commune_chair: User, seed: int
) -> None:
    """The threshold days decide overdue in the database; computing every open case's clock must give the same
    cases, the same total, the same oldest-due order for the chair, the same overdue pages, whatever the kind,
    complexity, remote area, several places, acceptance, reopening, pause, extension or the commune's own target."""
    desk.case_target_set(unit=commune, on_time_percent=90, resolution_working_days=4, actor=commune_chair, now=NOW)
    _random_cases(commune, commune_chair, seed, 300)
    _random_cases(other_commune, commune_chair, seed + 10, 60)
    calendar = selectors.public_calendar()
    for today in (D(2027, 1, 20), D(2027, 2, 15), D(2027, 3, 29)):
        open_cases = selectors.with_targets(Case.objects.filter(unit=commune, status__in=rules.OPEN_STATUSES))
        dues = [(selectors.current_due(case, calendar).due_on, case.pk) for case in open_cases]
        brute = sorted((due, pk) for due, pk in dues if due is not None and due < today)
        assert brute, today
        scope = Case.objects.filter(unit=commune)
        assert [case.pk for case, _due in selectors.overdue_cases(scope, today)] == [pk for _due, pk in brute]
        listed = selectors.overdue_list(scope, today, limit=25)
        assert listed.total == len(brute)
        assert [(due.due_on, case.pk) for case, due in listed.rows] == brute[:25]
        paged: list[int] = []
        cursor = ""
        while True:
            page = selectors.overdue_page(scope, today, after=cursor, size=20)
            paged += [case.pk for case, _due in page.rows]
            cursor = page.next_cursor
            if not cursor:
                break
        assert sorted(paged) == sorted(pk for _due, pk in brute)


@pytest.mark.django_db
def test_the_chairs_task_page_lists_a_bounded_number_and_links_the_rest(
    commune: AdministrativeUnit, commune_chair: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    from grassroots.petitions.apps import case_tasks

    _bulk(commune, 12, D(2026, 11, 30))
    monkeypatch.setattr(selectors, "CHAIR_OVERDUE_LIMIT", 5)
    monkeypatch.setattr(selectors.overdue_cases_for_chair, "__kwdefaults__", {"limit": 5})
    overdue = selectors.overdue_cases_for_chair(commune_chair, D(2027, 2, 3))
    assert overdue.total == 12 and len(overdue.rows) == 5
    items = list(case_tasks(commune_chair, D(2027, 2, 3)))
    assert len(items) == 6
    assert items[-1].url.endswith("?loc=overdue") and "7" in items[-1].title
