"""The pages with many opinions read them in a fixed number of queries (no query per opinion)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from grassroots.accounts.models import User
from grassroots.consultations import services
from grassroots.consultations.models import Consultation, Opinion, OpinionGroup
from grassroots.consultations.tests.conftest import AFTER, DURING, LATER, section

pytestmark = pytest.mark.django_db


def _fill(consultation: Consultation, officer: User, count: int) -> None:
    for number in range(count):
        services.opinion_enter(
            consultation=consultation,
            channel="meeting",
            stance="agree" if number % 2 else "suggestion",
            text=f"Ý kiến số {number}",
            received_on=dt.date(2026, 11, 5),
            section=section(consultation, number % 3 + 1),
            actor=officer,
            now=DURING,
        )


def _queries(client: Client, url: str, django_assert_max_num_queries: Any, limit: int) -> None:
    with django_assert_max_num_queries(limit):
        assert client.get(url).status_code == 200


@pytest.mark.parametrize("count", [3, 30])
def test_staff_and_public_pages_do_not_grow_with_opinions(
    opened: Consultation,
    commune_officer: User,
    commune_chair: User,
    count: int,
    django_assert_max_num_queries: Any,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from grassroots.core import clock

    _fill(opened, commune_officer, count)
    group = services.opinion_group_create(
        consultation=opened, title="Cùng ý", opinions=list(Opinion.objects.all()[:2]), actor=commune_officer, now=DURING
    )
    assert OpinionGroup.objects.filter(pk=group.pk).exists()
    services.consultation_close(consultation=opened, actor=commune_officer, now=AFTER)
    services.group_dispose(group=group, disposition="accepted", explanation="Giữ.", actor=commune_officer, now=AFTER)
    for opinion in Opinion.objects.filter(disposition=""):
        services.opinion_dispose(
            opinion=opinion, disposition="not_accepted", explanation="Lý do.", actor=commune_officer, now=AFTER
        )
    services.consultation_complete(
        consultation=opened, final_decision="Ban hành.", adopts_draft=True, actor=commune_chair, now=LATER
    )
    monkeypatch.setattr(clock, "now", lambda: LATER)
    staff = Client()
    staff.force_login(commune_officer)
    _queries(staff, reverse("consultations:staff_detail", args=[opened.pk]), django_assert_max_num_queries, 30)
    _queries(Client(), reverse("consultations:public_detail", args=[opened.pk]), django_assert_max_num_queries, 15)
