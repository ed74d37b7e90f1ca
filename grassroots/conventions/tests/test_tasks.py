"""The dashboard task providers of village conventions (``conventions/tasks.py``): each gives the right people the
right due items at each step, and running it twice gives the same items and writes nothing."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from grassroots.accounts.models import User
from grassroots.conventions import services, tasks
from grassroots.conventions.models import Convention, ReportGround
from grassroots.conventions.tests.conftest import (
    COMMENTS_END,
    DOSSIER,
    VN,
    adopt,
    finalise,
    first_version,
    post_for_comment,
    recognise,
    submit_dossier,
)
from grassroots.core.models import AuditEvent
from grassroots.dashboard.registry import TaskItem, TaskProvider, registered_providers

pytestmark = pytest.mark.django_db


def _run_twice(provider: TaskProvider, user: User, today: dt.date) -> list[tuple[str, str, dt.date | None]]:
    """The items as (title, url, due); the second run must equal the first and neither may write."""
    events = AuditEvent.objects.count()
    first: list[TaskItem] = list(provider(user, today))
    second: list[TaskItem] = list(provider(user, today))
    assert first == second
    assert AuditEvent.objects.count() == events
    return [(item.title, item.url, item.due_date) for item in first]


def _page(convention: Convention) -> str:
    return reverse("conventions:staff_detail", args=[convention.pk])


def test_every_provider_is_registered() -> None:
    providers = registered_providers()
    assert providers["conventions.recognition"] is tasks.recognition_tasks
    assert providers["conventions.reports"] is tasks.report_tasks
    assert providers["conventions.village"] is tasks.village_tasks


def test_village_tasks_follow_the_text_through_each_step(
    convention: Convention, village_head: User, commune_chair: User
) -> None:
    page = _page(convention)
    # Drafting: nothing to do by a date yet.
    assert _run_twice(tasks.village_tasks, village_head, dt.date(2026, 10, 1)) == []
    # Commenting: due on the last day of the comment period.
    post_for_comment(first_version(convention), village_head)
    [(title, url, due)] = _run_twice(tasks.village_tasks, village_head, dt.date(2026, 10, 5))
    assert (url, due) == (page, COMMENTS_END) and "Lấy ý kiến" in title
    # Other people's dashboards stay empty.
    assert _run_twice(tasks.village_tasks, commune_chair, dt.date(2026, 10, 5)) == []


def test_a_finalised_text_waits_for_the_vote_without_a_past_due_date(
    convention: Convention, village_head: User
) -> None:
    finalise(first_version(convention), village_head)
    [(title, url, due)] = _run_twice(tasks.village_tasks, village_head, dt.date(2026, 11, 2))
    assert (url, due) == (_page(convention), None) and "biểu quyết" in title


def test_adopted_text_is_due_to_the_commune_five_working_days_after_adoption(
    convention: Convention, village_head: User, commune_chair: User
) -> None:
    adopt(convention, village_head)  # adopted Sunday 8/11/2026
    [(title, url, due)] = _run_twice(tasks.village_tasks, village_head, dt.date(2026, 11, 9))
    assert (url, due) == (_page(convention), dt.date(2026, 11, 13)) and "hồ sơ" in title
    assert _run_twice(tasks.recognition_tasks, commune_chair, dt.date(2026, 11, 9)) == []


def test_recognition_task_is_the_chairs_five_working_days_after_the_dossier(
    convention: Convention, village_head: User, commune_chair: User, other_commune_officer: User
) -> None:
    version = adopt(convention, village_head)
    submit_dossier(version, village_head, now=DOSSIER)  # Monday 9/11/2026
    [(title, url, due)] = _run_twice(tasks.recognition_tasks, commune_chair, dt.date(2026, 11, 10))
    assert (url, due) == (_page(convention), dt.date(2026, 11, 16)) and convention.title in title
    assert _run_twice(tasks.village_tasks, village_head, dt.date(2026, 11, 10)) == []
    assert _run_twice(tasks.recognition_tasks, village_head, dt.date(2026, 11, 10)) == []
    assert _run_twice(tasks.recognition_tasks, other_commune_officer, dt.date(2026, 11, 10)) == []


def test_recognised_convention_leaves_only_the_yearly_review(
    convention: Convention, village_head: User, commune_chair: User
) -> None:
    recognise(convention, village_head, commune_chair)  # recognised 11/11/2026
    assert _run_twice(tasks.recognition_tasks, commune_chair, dt.date(2026, 11, 11)) == []
    review = reverse("conventions:review_new", args=[convention.pk])
    # Listed from two weeks before 18 November.
    assert _run_twice(tasks.village_tasks, village_head, dt.date(2026, 11, 3)) == []
    [(title, url, due)] = _run_twice(tasks.village_tasks, village_head, dt.date(2026, 11, 4))
    assert (url, due) == (review, dt.date(2026, 11, 18)) and "Rà soát" in title
    services.review_record(
        convention=convention,
        held_on=dt.date(2026, 11, 18),
        findings="Các hộ thực hiện tốt.",
        actor=village_head,
        now=dt.datetime(2026, 11, 18, 20, 0, tzinfo=VN),
    )
    assert _run_twice(tasks.village_tasks, village_head, dt.date(2026, 11, 19)) == []


def test_report_tasks_give_each_report_its_own_clock_and_end_with_the_decision(
    convention: Convention, village_head: User, commune_chair: User
) -> None:
    recognise(convention, village_head, commune_chair)
    for ground, received in ((ReportGround.REPORT, 20), (ReportGround.ABOLITION, 23)):
        services.report_receive(
            convention=convention,
            ground=ground,
            basis=f"Phản ánh nhận ngày {received}/11.",
            received_on=dt.date(2026, 11, received),
            actor=commune_chair,
            now=dt.datetime(2026, 11, 23, 9, 0, tzinfo=VN),
        )
    items = _run_twice(tasks.report_tasks, commune_chair, dt.date(2026, 11, 23))
    # Fri 20/11 + 3 working days = Wed 25/11; Mon 23/11 + 5 working days = Mon 30/11.
    assert [(url, due) for _title, url, due in items] == [
        (_page(convention), dt.date(2026, 11, 25)),
        (_page(convention), dt.date(2026, 11, 30)),
    ]
    assert "20/11/2026" in items[0][0] and "23/11/2026" in items[1][0]
    assert _run_twice(tasks.report_tasks, village_head, dt.date(2026, 11, 23)) == []
    first = convention.reports.order_by("received_on").first()
    assert first is not None
    services.measure_decide(
        convention=convention,
        kind="unfounded",
        basis="",
        basis_received_on=first.received_on,
        reasons="Không có cơ sở.",
        report=first,
        actor=commune_chair,
        now=dt.datetime(2026, 11, 24, 9, 0, tzinfo=VN),
    )
    assert [due for _t, _u, due in _run_twice(tasks.report_tasks, commune_chair, dt.date(2026, 11, 24))] == [
        dt.date(2026, 11, 30)
    ]
