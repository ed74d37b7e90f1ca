"""The consultation plan issued as a paper to the People's Council and the Front ([L] art. 28(1))."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from grassroots.accounts.models import User
from grassroots.consultations import rules, services
from grassroots.consultations.models import Consultation, ConsultationStatus
from grassroots.consultations.tests.conftest import CLOSES_ON, CREATED, PUBLISHED_ON
from grassroots.core.errors import DomainError
from grassroots.core.models import AuditEvent
from grassroots.documents.models import Document, DocumentType
from grassroots.units.models import AdministrativeUnit

pytestmark = pytest.mark.django_db


def _planned(commune: AdministrativeUnit, actor: User, **changes: object) -> Consultation:
    values: dict[str, object] = {
        "commune": commune,
        "matter": "C5",
        "title": "Dự thảo quy định giữ gìn vệ sinh môi trường xã",
        "opens_on": PUBLISHED_ON,
        "closes_on": CLOSES_ON,
        "plan_content": "Lấy ý kiến toàn bộ dự thảo gồm 3 điều.",
        "forms_used": ["online", "meeting"],
        "plan_timeline": "Công bố 02/11; tổng hợp trước 30/11/2026.",
        "plan_owner": "Văn phòng UBND xã",
        "actor": actor,
        "now": CREATED,
        **changes,
    }
    consultation = services.consultation_create(**values)  # type: ignore[arg-type]
    services.section_add(consultation=consultation, heading="Điều 1", text="Phạm vi.", actor=actor, now=CREATED)
    return consultation


# --- rules ---------------------------------------------------------------------------------------


def test_plan_missing_parts_lists_every_empty_part_in_order() -> None:
    assert rules.plan_missing_parts(content=" ", forms=[], timeline="", owner="") == [
        "content",
        "forms",
        "timeline",
        "owner",
    ]
    assert rules.plan_missing_parts(content="x", forms=["online"], timeline="y", owner="z") == []
    assert rules.plan_missing_parts(content="x", forms=["online"], timeline="y", owner="  ") == ["owner"]


def test_plan_is_issued_only_for_a_commune_consultation() -> None:
    assert rules.check_plan_issuable(
        content="x", forms=["online"], timeline="y", owner="z", is_commune_consultation=True
    )
    refused = rules.check_plan_issuable(
        content="x", forms=["online"], timeline="y", owner="z", is_commune_consultation=False
    )
    assert refused.code == "consultations.no_plan_needed"


# --- service -------------------------------------------------------------------------------------


def test_officer_issues_the_plan_signed_by_the_chair_to_council_and_front(
    commune: AdministrativeUnit, commune_officer: User, commune_chair: User
) -> None:
    consultation = _planned(commune, commune_officer)
    issued = services.plan_issue(consultation=consultation, actor=commune_officer, now=CREATED)
    document = issued.plan_document
    assert document is not None
    assert document.kind == DocumentType.PLAN
    assert document.issuer_id == commune.pk and document.is_public
    assert issued.plan_sent_to_council_on == PUBLISHED_ON and issued.plan_sent_to_front_on == PUBLISHED_ON
    assert document.signer_id == commune_chair.pk
    text = str(document.content)
    assert "Hội đồng nhân dân Xã Hòa Phú" in text and "Ủy ban Mặt trận Tổ quốc Việt Nam Xã Hòa Phú" in text
    assert "Văn phòng UBND xã" in text and "Công bố 02/11" in text
    event = AuditEvent.objects.filter(code="consultations.consultation.plan_issued").get()
    assert event.before is not None and event.after is not None
    assert event.before["plan_document"] is None and event.after["plan_document"] == document.pk
    # The paper satisfies the opening gate by itself.
    opened = services.consultation_open(consultation=issued, actor=commune_officer, now=CREATED)
    assert opened.status == ConsultationStatus.OPEN


def test_the_chair_signs_the_plan_themself(
    commune: AdministrativeUnit, commune_officer: User, commune_chair: User
) -> None:
    consultation = _planned(commune, commune_officer)
    issued = services.plan_issue(consultation=consultation, actor=commune_chair, now=CREATED)
    assert issued.plan_document is not None and issued.plan_document.signer_id == commune_chair.pk


def test_incomplete_plan_is_refused_and_names_what_is_missing(
    commune: AdministrativeUnit, commune_officer: User, commune_chair: User
) -> None:
    consultation = _planned(commune, commune_officer, plan_timeline="", plan_owner="")
    with pytest.raises(DomainError) as refused:
        services.plan_issue(consultation=consultation, actor=commune_officer, now=CREATED)
    assert refused.value.code == "consultations.plan_incomplete"
    assert refused.value.params["missing"] == ["timeline", "owner"]
    parts = ", ".join(str(services.PLAN_PART_LABELS[part]) for part in ["timeline", "owner"])
    expected = services.REFUSALS.error("consultations.plan_incomplete", missing=["timeline", "owner"], parts=parts)
    assert refused.value.message == expected.message  # the message names exactly the two missing parts
    consultation.refresh_from_db()
    assert consultation.plan_document_id is None and consultation.plan_sent_to_council_on is None
    assert not Document.objects.exists()


def test_plan_is_issued_once_and_the_typed_days_cannot_overwrite_it(
    commune: AdministrativeUnit, commune_officer: User, commune_chair: User
) -> None:
    consultation = _planned(commune, commune_officer)
    services.plan_issue(consultation=consultation, actor=commune_officer, now=CREATED)
    with pytest.raises(DomainError) as again:
        services.plan_issue(consultation=consultation, actor=commune_officer, now=CREATED)
    assert again.value.code == "consultations.plan_already_issued"
    with pytest.raises(DomainError) as typed:
        services.plan_record_sent(
            consultation=consultation,
            sent_to_council_on=dt.date(2026, 10, 1),
            sent_to_front_on=dt.date(2026, 10, 1),
            actor=commune_officer,
            now=CREATED,
        )
    assert typed.value.code == "consultations.plan_already_issued"
    consultation.refresh_from_db()
    assert consultation.plan_sent_to_council_on == PUBLISHED_ON
    assert Document.objects.filter(kind=DocumentType.PLAN).count() == 1


def test_without_a_chair_on_record_nothing_is_issued(commune: AdministrativeUnit, commune_officer: User) -> None:
    consultation = _planned(commune, commune_officer)
    with pytest.raises(DomainError) as refused:
        services.plan_issue(consultation=consultation, actor=commune_officer, now=CREATED)
    assert refused.value.code == "consultations.no_signer"
    assert not Document.objects.exists()


def test_officer_of_another_commune_cannot_issue_the_plan(
    commune: AdministrativeUnit, commune_officer: User, commune_chair: User, other_commune_officer: User
) -> None:
    consultation = _planned(commune, commune_officer)
    with pytest.raises(DomainError) as refused:
        services.plan_issue(consultation=consultation, actor=other_commune_officer, now=CREATED)
    assert refused.value.code == "consultations.not_authorised_plan"
    assert not Document.objects.exists()


def test_plan_is_not_issued_after_publication(
    commune: AdministrativeUnit, commune_officer: User, commune_chair: User
) -> None:
    consultation = _planned(commune, commune_officer)
    services.plan_record_sent(
        consultation=consultation,
        sent_to_council_on=PUBLISHED_ON,
        sent_to_front_on=PUBLISHED_ON,
        actor=commune_officer,
        now=CREATED,
    )
    services.consultation_open(consultation=consultation, actor=commune_officer, now=CREATED)
    with pytest.raises(DomainError) as refused:
        services.plan_issue(consultation=consultation, actor=commune_officer, now=CREATED)
    assert refused.value.code == "consultations.not_editable"


# --- views ---------------------------------------------------------------------------------------


def test_staff_page_offers_the_paper_then_links_it(
    client: Client, commune: AdministrativeUnit, commune_officer: User, commune_chair: User
) -> None:
    consultation = _planned(commune, commune_officer)
    client.force_login(commune_officer)
    detail = reverse("consultations:staff_detail", args=[consultation.pk])
    issue = reverse("consultations:plan_issue", args=[consultation.pk])
    page = client.get(detail).content.decode()
    assert issue in page and "Chưa ban hành" in page
    assert client.get(issue).status_code == 200
    response = client.post(issue, {})
    assert response.status_code == 302
    consultation.refresh_from_db()
    assert consultation.plan_document is not None
    page = client.get(detail).content.decode()
    assert consultation.plan_document.number_label in page
    assert issue not in page
    assert reverse("consultations:plan_sent", args=[consultation.pk]) not in page


def test_plan_issue_page_is_404_for_another_commune_and_403_for_a_resident(
    client: Client, commune: AdministrativeUnit, commune_officer: User, other_commune_officer: User, resident: User
) -> None:
    consultation = _planned(commune, commune_officer)
    issue = reverse("consultations:plan_issue", args=[consultation.pk])
    client.force_login(other_commune_officer)
    assert client.post(issue, {}).status_code == 404
    client.force_login(resident)
    assert client.post(issue, {}).status_code in {403, 404}
    consultation.refresh_from_db()
    assert consultation.plan_document_id is None
