"""Correcting the consultation plan (content, forms, timeline, owner; [L] art. 28(1)) until the consultation closes:
commune staff only, audited with the plan before and after; a plan corrected before opening must be sent again to
the People's Council and the Front; while open a published form cannot be taken away; refused once closed."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from grassroots.accounts.models import User
from grassroots.consultations import rules, services
from grassroots.consultations.models import Consultation, ConsultationStatus
from grassroots.consultations.tests.conftest import AFTER, CREATED, DURING
from grassroots.core import clock
from grassroots.core.errors import DomainError
from grassroots.core.models import AuditEvent

pytestmark = pytest.mark.django_db

PLAN: dict[str, Any] = {
    "plan_content": "Lấy ý kiến toàn bộ dự thảo gồm 3 điều.",
    "forms_used": ["online", "meeting", "comment_box"],
    "plan_timeline": "Công bố 02/11; tổng hợp trước 30/11/2026.",
    "plan_owner": "Công chức Văn hóa - Xã hội",
}


def _plan(consultation: Consultation) -> dict[str, Any]:
    consultation.refresh_from_db()
    return {
        "plan_content": consultation.plan_content,
        "forms_used": list(consultation.forms_used),
        "plan_timeline": consultation.plan_timeline,
        "plan_owner": consultation.plan_owner,
    }


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


# --- rules ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "allowed"),
    [
        (ConsultationStatus.DRAFT, True),
        (ConsultationStatus.OPEN, True),
        (ConsultationStatus.CLOSED, False),
        (ConsultationStatus.COMPLETED, False),
        (ConsultationStatus.CANCELLED, False),
    ],
)
def test_the_plan_changes_until_the_consultation_closes(status: str, allowed: bool) -> None:
    result = rules.check_plan_update(status=status, is_commune_consultation=True)
    assert bool(result) is allowed
    if not allowed:
        assert result.code == "consultations.plan_closed"


def test_a_village_draft_or_staff_consultation_has_no_plan_to_change() -> None:
    result = rules.check_plan_update(status=ConsultationStatus.DRAFT, is_commune_consultation=False)
    assert result.code == "consultations.no_plan_needed"


# --- services ------------------------------------------------------------------------------------


def test_a_plan_corrected_before_opening_must_be_sent_again(draft: Consultation, commune_officer: User) -> None:
    draft.refresh_from_db()
    assert draft.plan_sent_to_council_on is not None
    updated = services.plan_update(consultation=draft, actor=commune_officer, now=CREATED, **PLAN)
    assert _plan(updated) == PLAN
    assert updated.plan_sent_to_council_on is None and updated.plan_sent_to_front_on is None
    assert updated.plan_document_id is None
    event = AuditEvent.objects.get(code="consultations.consultation.plan_updated", object_id=str(draft.pk))
    assert (event.before or {})["plan_owner"] == "Văn phòng UBND xã"
    assert (event.after or {})["plan_owner"] == PLAN["plan_owner"]
    assert (event.before or {})["plan_sent_to_council_on"] is not None
    assert (event.after or {})["plan_sent_to_council_on"] is None
    with pytest.raises(DomainError) as unsent:
        services.consultation_open(consultation=updated, actor=commune_officer, now=CREATED)
    assert unsent.value.code == "consultations.plan_not_sent"


def test_saving_the_same_plan_keeps_it_sent(draft: Consultation, commune_officer: User) -> None:
    same = _plan(draft)
    updated = services.plan_update(consultation=draft, actor=commune_officer, now=CREATED, **same)
    assert updated.plan_sent_to_council_on is not None and updated.plan_sent_to_front_on is not None


def test_while_open_a_form_may_be_added_but_not_taken_away(opened: Consultation, commune_officer: User) -> None:
    before = _plan(opened)
    with pytest.raises(DomainError) as removed:
        services.plan_update(
            consultation=opened, actor=commune_officer, now=DURING, **{**PLAN, "forms_used": ["online"]}
        )
    assert removed.value.code == "consultations.plan_form_removed"
    assert _plan(opened) == before
    added = services.plan_update(
        consultation=opened,
        actor=commune_officer,
        now=DURING,
        **{**PLAN, "forms_used": [*PLAN["forms_used"], "hotline"]},
    )
    assert added.forms_used == ["online", "meeting", "comment_box", "hotline"]
    assert added.status == ConsultationStatus.OPEN
    assert added.plan_sent_to_council_on is not None  # the days it was sent are history once opened


def test_attack_the_plan_cannot_be_rewritten_after_closing(opened: Consultation, commune_officer: User) -> None:
    services.consultation_close(consultation=opened, actor=commune_officer, now=AFTER)
    before = _plan(opened)
    with pytest.raises(DomainError) as closed:
        services.plan_update(consultation=opened, actor=commune_officer, now=AFTER, **PLAN)
    assert closed.value.code == "consultations.plan_closed"
    assert _plan(opened) == before
    assert not AuditEvent.objects.filter(code="consultations.consultation.plan_updated").exists()


@pytest.mark.parametrize(
    ("forms_used", "code"),
    [([], "consultations.plan_forms_required"), (["online", "carrier_pigeon"], "consultations.bad_channel")],
)
def test_bad_forms_are_refused(draft: Consultation, commune_officer: User, forms_used: list[str], code: str) -> None:
    before = _plan(draft)
    with pytest.raises(DomainError) as refused:
        services.plan_update(
            consultation=draft, actor=commune_officer, now=CREATED, **{**PLAN, "forms_used": forms_used}
        )
    assert refused.value.code == code
    assert _plan(draft) == before


def test_attack_a_resident_or_another_commune_cannot_change_the_plan(
    draft: Consultation, resident: User, other_commune_officer: User
) -> None:
    before = _plan(draft)
    for outsider in (resident, other_commune_officer):
        with pytest.raises(DomainError) as refused:
            services.plan_update(consultation=draft, actor=outsider, now=CREATED, **PLAN)
        assert refused.value.code == "consultations.not_authorised_plan"
    assert _plan(draft) == before


# --- pages ---------------------------------------------------------------------------------------


def test_plan_page_for_staff_only_and_gone_once_closed(
    opened: Consultation,
    commune_officer: User,
    resident: User,
    other_commune_officer: User,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    url = reverse("consultations:plan_update", args=[opened.pk])
    assert _client(resident).get(url).status_code in {403, 404}
    assert _client(other_commune_officer).get(url).status_code == 404
    client = _client(commune_officer)
    monkeypatch.setattr(clock, "now", lambda: DURING)
    page = client.get(url)
    assert page.status_code == 200
    assert page.context["form"].initial["forms_used"] == ["online", "meeting", "comment_box"]
    detail = client.get(reverse("consultations:staff_detail", args=[opened.pk])).content.decode()
    assert url in detail
    shrunk = client.post(url, {**PLAN, "forms_used": ["online"]})
    assert shrunk.status_code == 200 and shrunk.context["form"].non_field_errors()
    assert _plan(opened)["forms_used"] == ["online", "meeting", "comment_box"]
    grown = client.post(url, {**PLAN, "forms_used": ["online", "meeting", "comment_box", "hotline"]})
    assert grown.status_code == 302
    assert _plan(opened)["plan_owner"] == PLAN["plan_owner"]
    services.consultation_close(consultation=opened, actor=commune_officer, now=AFTER)
    monkeypatch.setattr(clock, "now", lambda: AFTER)
    assert client.get(url).status_code == 404
    assert client.post(url, PLAN).status_code == 404
    assert url not in client.get(reverse("consultations:staff_detail", args=[opened.pk])).content.decode()
