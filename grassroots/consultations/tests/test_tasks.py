"""Dashboard tasks: a consultation closing soon, then opinions without a response, then ready to complete."""

from __future__ import annotations

import datetime as dt

import pytest

from grassroots.accounts.models import User
from grassroots.consultations import services, tasks
from grassroots.consultations.models import Consultation
from grassroots.consultations.tests.conftest import AFTER, CLOSES_ON, DURING
from grassroots.dashboard.registry import collect_tasks, registered_providers

pytestmark = pytest.mark.django_db


def test_providers_are_registered() -> None:
    assert {"consultations.closing", "consultations.dispositions"} <= set(registered_providers())


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
