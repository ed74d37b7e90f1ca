"""Dashboard tasks: a consultation closing soon, then opinions without a response, then ready to complete."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from grassroots.accounts.models import User
from grassroots.consultations import services, tasks
from grassroots.consultations.models import Consultation
from grassroots.consultations.tests.conftest import AFTER, CLOSES_ON, DURING
from grassroots.consultations.tests.test_after_completion import SIGNING, _agreeing_completed, _c8, _complete
from grassroots.dashboard.registry import collect_tasks, registered_providers
from grassroots.units.models import AdministrativeUnit

pytestmark = pytest.mark.django_db


def test_providers_are_registered() -> None:
    assert {"consultations.closing", "consultations.dispositions", "consultations.after_completion"} <= set(
        registered_providers()
    )


def test_closing_soon_then_dispositions_missing(
    opened: Consultation, commune_officer: User, resident: User, other_commune_officer: User
) -> None:
    assert list(tasks.closing_tasks(commune_officer, dt.date(2026, 11, 10))) == []
    soon = list(tasks.closing_tasks(commune_officer, dt.date(2026, 11, 20)))
    assert [item.due_date for item in soon] == [CLOSES_ON]
    assert list(tasks.closing_tasks(resident, dt.date(2026, 11, 20))) == []
    assert list(tasks.closing_tasks(other_commune_officer, dt.date(2026, 11, 20))) == []

    opinion = services.opinion_enter(
        consultation=opened,
        channel="hotline",
        stance="agree",
        text="Đồng ý.",
        received_on=dt.date(2026, 11, 9),
        actor=commune_officer,
        now=DURING,
    )
    services.consultation_close(consultation=opened, actor=commune_officer, now=AFTER)
    [item] = list(tasks.disposition_tasks(commune_officer, dt.date(2026, 11, 23)))
    assert "1" in item.title
    services.opinion_dispose(
        opinion=opinion, disposition="accepted", explanation="Giữ nguyên.", actor=commune_officer, now=AFTER
    )
    [ready] = list(tasks.disposition_tasks(commune_officer, dt.date(2026, 11, 23)))
    assert ready.url.endswith(f"/{opened.pk}/")
    assert collect_tasks(commune_officer, dt.date(2026, 11, 23)).failed_providers == []


AFTER_SIGNING = dt.date(2026, 11, 26)


def test_a_summary_sent_up_is_a_task_until_the_higher_decision_is_recorded(
    opened: Consultation, commune_officer: User, commune_chair: User, other_commune_officer: User, resident: User
) -> None:
    done = _agreeing_completed(opened, commune_officer, commune_chair)
    assert list(tasks.after_completion_tasks(commune_officer, AFTER_SIGNING)) == []  # C5, not sent up: nothing to wait
    services.summary_send_up(
        consultation=done, authority="UBND tỉnh", sent_on=dt.date(2026, 11, 25), actor=commune_officer, now=SIGNING
    )
    [waiting] = list(tasks.after_completion_tasks(commune_officer, AFTER_SIGNING))
    assert waiting.url == reverse("consultations:higher_decision", args=[done.pk])
    assert "UBND tỉnh" in waiting.title and "25/11/2026" in waiting.note
    assert waiting.due_date is None  # the law sets the higher authority no deadline
    assert list(tasks.after_completion_tasks(other_commune_officer, AFTER_SIGNING)) == []
    assert list(tasks.after_completion_tasks(resident, AFTER_SIGNING)) == []
    groups = collect_tasks(commune_officer, AFTER_SIGNING)
    assert waiting.url in [item.url for item in groups.later]
    assert groups.failed_providers == []
    services.higher_decision_record(
        consultation=done,
        decision="Thông qua.",
        adopts_draft=True,
        decided_on=dt.date(2026, 11, 26),
        actor=commune_officer,
        now=SIGNING,
    )
    assert list(tasks.after_completion_tasks(commune_officer, AFTER_SIGNING)) == []


def test_a_completed_c8_decision_is_a_task_for_the_chair_until_signed(
    commune: AdministrativeUnit, commune_officer: User, commune_chair: User
) -> None:
    closed = _c8(commune, commune_officer)
    assert list(tasks.after_completion_tasks(commune_chair, AFTER_SIGNING)) == []  # not completed: nothing to sign
    completed = _complete(closed, commune_chair)
    [sign] = list(tasks.after_completion_tasks(commune_chair, AFTER_SIGNING))
    assert sign.url == reverse("consultations:decision_sign", args=[completed.pk])
    # The officer prepares but does not sign: the Chair's task only.
    assert list(tasks.after_completion_tasks(commune_officer, AFTER_SIGNING)) == []
    services.decision_sign(consultation=completed, actor=commune_chair, now=SIGNING)
    assert list(tasks.after_completion_tasks(commune_chair, AFTER_SIGNING)) == []
