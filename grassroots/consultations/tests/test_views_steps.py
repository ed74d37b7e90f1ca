"""View tests of the preparation and grouping pages: add an article, record the plan sent, publish, cancel, group
opinions and answer a group. The right person passes, bad input is shown again and writes nothing."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from grassroots.accounts.models import User
from grassroots.consultations import services
from grassroots.consultations.models import Consultation, ConsultationStatus, Opinion, OpinionGroup
from grassroots.consultations.tests.conftest import AFTER, CREATED, DURING, PUBLISHED_ON, section
from grassroots.core import clock

pytestmark = pytest.mark.django_db


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_preparation_pages(
    draft: Consultation, commune_officer: User, resident: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    client = _client(commune_officer)
    add = reverse("consultations:section_add", args=[draft.pk])
    assert _client(resident).get(add).status_code in {403, 404}
    assert client.post(add, {"heading": "", "text": "…"}).status_code == 200
    assert draft.sections.count() == 3
    assert client.post(add, {"heading": "Điều 4", "text": "Hiệu lực."}).status_code == 302
    assert draft.sections.count() == 4
    sent = reverse("consultations:plan_sent", args=[draft.pk])
    future = (PUBLISHED_ON + dt.timedelta(days=400)).isoformat()
    monkeypatch.setattr(clock, "now", lambda: CREATED)
    assert client.post(sent, {"sent_to_council_on": future, "sent_to_front_on": future}).status_code == 200
    draft.refresh_from_db()
    assert draft.plan_sent_to_council_on == PUBLISHED_ON
    published = reverse("consultations:open", args=[draft.pk])
    assert client.post(published, {}).status_code == 302
    draft.refresh_from_db()
    assert draft.status == ConsultationStatus.OPEN and draft.published_on == PUBLISHED_ON
    assert client.get(add).status_code == 404  # the draft is frozen once published
    cancel = reverse("consultations:cancel", args=[draft.pk])
    assert client.post(cancel, {"reason": ""}).status_code == 200
    assert Consultation.objects.get(pk=draft.pk).status == ConsultationStatus.OPEN
    assert client.post(cancel, {"reason": "Dự thảo được thay bằng văn bản khác."}).status_code == 302
    assert Consultation.objects.get(pk=draft.pk).status == ConsultationStatus.CANCELLED


def test_group_pages(opened: Consultation, commune_officer: User, monkeypatch: pytest.MonkeyPatch) -> None:
    same = [
        services.opinion_enter(
            consultation=opened,
            channel="comment_box",
            stance="suggestion",
            text=f"Thu gom rác sau 18 giờ ({number}).",
            received_on=PUBLISHED_ON + dt.timedelta(days=3),
            section=section(opened, 2),
            actor=commune_officer,
            now=DURING,
        )
        for number in range(2)
    ]
    client = _client(commune_officer)
    new = reverse("consultations:group_new", args=[opened.pk])
    assert client.get(new).status_code == 200
    assert client.post(new, {"title": "Giờ thu gom", "opinions": [same[0].pk]}).status_code == 200
    assert not OpinionGroup.objects.exists()
    grouped = client.post(new, {"title": "Giờ thu gom", "opinions": [o.pk for o in same]})
    assert grouped.status_code == 302, grouped.content.decode()[-3000:]
    group = OpinionGroup.objects.get()
    answer = reverse("consultations:group_dispose", args=[group.pk])
    assert client.get(answer).status_code == 404  # answers come after closing
    services.consultation_close(consultation=opened, actor=commune_officer, now=AFTER)
    monkeypatch.setattr(clock, "now", lambda: AFTER)
    assert client.post(answer, {"disposition": "accepted", "explanation": ""}).status_code == 200
    assert client.post(answer, {"disposition": "accepted", "explanation": "Sửa Điều 2: 18 giờ."}).status_code == 302
    assert set(Opinion.objects.filter(group=group).values_list("disposition", flat=True)) == {"accepted"}
