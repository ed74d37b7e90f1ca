"""After completion: the C8 decision is signed with the explanation filed ([L] art. 27); a matter decided by a
higher authority goes up as a summary and its decision comes back for disclosure ([L] art. 28(4))."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from grassroots.accounts.models import User
from grassroots.consultations import rules, services
from grassroots.consultations.models import Consultation, ConsultationStatus
from grassroots.consultations.tests.conftest import AFTER, CLOSES_ON, CREATED, DURING, LATER, PUBLISHED_ON, section
from grassroots.core.errors import DomainError
from grassroots.core.models import AuditEvent
from grassroots.disclosures.models import Status as DisclosureStatus
from grassroots.documents.models import DocumentType
from grassroots.units.models import AdministrativeUnit

pytestmark = pytest.mark.django_db

SIGNING = dt.datetime(2026, 11, 26, 9, 0, tzinfo=dt.timezone(dt.timedelta(hours=7)))


def _c8(commune: AdministrativeUnit, officer: User) -> Consultation:
    consultation = services.consultation_create(
        commune=commune,
        matter="C8",
        title="Dự thảo quyết định thu hồi đất hộ ông C",
        opens_on=PUBLISHED_ON,
        closes_on=CLOSES_ON,
        actor=officer,
        now=CREATED,
    )
    services.section_add(consultation=consultation, heading="Điều 1", text="…", actor=officer, now=CREATED)
    services.plan_record_sent(
        consultation=consultation, sent_to_council_on=PUBLISHED_ON, sent_to_front_on=PUBLISHED_ON, actor=officer
    )
    services.consultation_open(consultation=consultation, actor=officer, now=CREATED)
    person = services.affected_person_add(
        consultation=consultation, full_name="Ông C", notified_on=dt.date(2026, 11, 3), actor=officer, now=DURING
    )
    services.affected_person_heard(
        person=person, heard_on=dt.date(2026, 11, 9), views="Đề nghị bồi thường.", actor=officer, now=DURING
    )
    return services.consultation_close(consultation=consultation, actor=officer, now=AFTER)


def _complete(consultation: Consultation, chair: User, *, adopts: bool = True, why: str = "") -> Consultation:
    return services.consultation_complete(
        consultation=consultation,
        final_decision="Thu hồi 120 m² đất của hộ ông C.",
        adopts_draft=adopts,
        majority_justification=why,
        actor=chair,
        now=LATER,
    )


# --- rules -------------------------------------------------------------------------------------


def test_signing_rule_blocks_until_the_explanation_is_filed() -> None:
    common = {"matter": "C8", "already_signed": False, "unsettled": 0}
    assert not rules.check_decision_signing(status="closed", has_explanation=False, **common)  # type: ignore[arg-type]
    blocked = rules.check_decision_signing(status="completed", has_explanation=False, **common)  # type: ignore[arg-type]
    assert blocked.code == "consultations.explanation_not_filed"
    assert rules.check_decision_signing(status="completed", has_explanation=True, **common)  # type: ignore[arg-type]
    other = rules.check_decision_signing(
        matter="C5", status="completed", has_explanation=True, already_signed=False, unsettled=0
    )
    assert other.code == "consultations.not_c8"
    unheard = rules.check_decision_signing(
        matter="C8", status="completed", has_explanation=True, already_signed=False, unsettled=1
    )
    assert unheard.code == "consultations.not_yet_heard"
    twice = rules.check_decision_signing(
        matter="C8", status="completed", has_explanation=True, already_signed=True, unsettled=0
    )
    assert twice.code == "consultations.already_signed"


def test_higher_authority_rules() -> None:
    assert rules.check_send_up(status="completed", is_village_convention=False, already_sent=False)
    assert not rules.check_send_up(status="closed", is_village_convention=False, already_sent=False)
    assert not rules.check_send_up(status="completed", is_village_convention=True, already_sent=False)
    assert rules.check_send_up(status="completed", is_village_convention=False, already_sent=True).code == (
        "consultations.already_sent_up"
    )
    assert rules.check_higher_decision(sent_up=False, already_recorded=False).code == "consultations.not_sent_up"
    assert rules.check_higher_decision(sent_up=True, already_recorded=False)
    assert not rules.check_higher_decision(sent_up=True, already_recorded=True)


# --- services ----------------------------------------------------------------------------------


def test_c8_decision_is_signed_only_after_the_explanation_is_issued(
    commune: AdministrativeUnit, commune_officer: User, commune_chair: User
) -> None:
    closed = _c8(commune, commune_officer)
    with pytest.raises(DomainError) as early:
        services.decision_sign(consultation=closed, actor=commune_chair, now=LATER)
    assert early.value.code == "consultations.explanation_not_filed"
    completed = _complete(closed, commune_chair)
    with pytest.raises(DomainError) as clerk:
        services.decision_sign(consultation=completed, actor=commune_officer, now=SIGNING)
    assert clerk.value.code == "consultations.not_authorised"
    signed = services.decision_sign(consultation=completed, actor=commune_chair, now=SIGNING)
    decision = signed.decision_document
    assert decision is not None and decision.kind == DocumentType.DECISION
    assert signed.report_document is not None
    assert signed.report_document.number_label in str(decision.content)
    assert "Ông C" in str(decision.content)
    assert AuditEvent.objects.filter(code="consultations.consultation.decision_signed").count() == 1
    with pytest.raises(DomainError) as twice:
        services.decision_sign(consultation=signed, actor=commune_chair, now=SIGNING)
    assert twice.value.code == "consultations.already_signed"


def test_only_a_c8_decision_is_signed_here(opened: Consultation, commune_officer: User, commune_chair: User) -> None:
    services.consultation_close(consultation=opened, actor=commune_officer, now=AFTER)
    done = services.consultation_complete(
        consultation=opened, final_decision="Ban hành.", adopts_draft=True, actor=commune_chair, now=LATER
    )
    with pytest.raises(DomainError) as refused:
        services.decision_sign(consultation=done, actor=commune_chair, now=SIGNING)
    assert refused.value.code == "consultations.not_c8"
    done.refresh_from_db()
    assert done.decision_document is None


def _agreeing_completed(opened: Consultation, officer: User, chair: User) -> Consultation:
    opinion = services.opinion_enter(
        consultation=opened,
        channel="meeting",
        stance="agree",
        text="Đồng ý.",
        received_on=dt.date(2026, 11, 5),
        section=section(opened, 1),
        actor=officer,
        now=DURING,
    )
    services.consultation_close(consultation=opened, actor=officer, now=AFTER)
    services.opinion_dispose(opinion=opinion, disposition="accepted", explanation="Tiếp thu.", actor=officer, now=AFTER)
    return services.consultation_complete(
        consultation=opened, final_decision="Trình UBND tỉnh.", adopts_draft=True, actor=chair, now=LATER
    )


def test_a_higher_authority_decision_against_the_majority_comes_back_explained_and_published(
    opened: Consultation, commune_officer: User, commune_chair: User
) -> None:
    with pytest.raises(DomainError) as not_yet:
        services.summary_send_up(
            consultation=opened, authority="UBND tỉnh", sent_on=PUBLISHED_ON, actor=commune_officer, now=DURING
        )
    assert not_yet.value.code == "consultations.bad_transition"
    done = _agreeing_completed(opened, commune_officer, commune_chair)
    with pytest.raises(DomainError) as before_sending:
        services.higher_decision_record(
            consultation=done,
            decision="Không thông qua.",
            adopts_draft=False,
            decided_on=dt.date(2026, 11, 25),
            actor=commune_officer,
            now=SIGNING,
        )
    assert before_sending.value.code == "consultations.not_sent_up"
    sent = services.summary_send_up(
        consultation=done, authority="UBND tỉnh", sent_on=dt.date(2026, 11, 25), actor=commune_officer, now=SIGNING
    )
    assert sent.sent_up_on == dt.date(2026, 11, 25)
    record = {
        "consultation": sent,
        "decision": "Không thông qua đề án.",
        "adopts_draft": False,
        "decided_on": dt.date(2026, 11, 26),
        "actor": commune_officer,
        "now": SIGNING,
    }
    with pytest.raises(DomainError) as unexplained:
        services.higher_decision_record(**record)  # type: ignore[arg-type]
    assert unexplained.value.code == "consultations.higher_justification_required"
    sent.refresh_from_db()
    assert sent.higher_disclosure is None and sent.higher_decided_on is None
    recorded = services.higher_decision_record(**record, justification="Trái quy hoạch tỉnh.")  # type: ignore[arg-type]
    assert recorded.higher_against_majority is True
    disclosure = recorded.higher_disclosure
    assert disclosure is not None and disclosure.status == DisclosureStatus.PUBLISHED
    assert disclosure.category.code == "K11"
    assert "Trái quy hoạch tỉnh." in disclosure.body
    page = Client().get(reverse("consultations:public_detail", args=[recorded.pk]))
    assert "Trái quy hoạch tỉnh." in page.content.decode()
    with pytest.raises(DomainError) as twice:
        services.higher_decision_record(**record, justification="Lại.")  # type: ignore[arg-type]
    assert twice.value.code == "consultations.higher_already_recorded"


def test_a_higher_decision_following_the_majority_needs_no_justification(
    opened: Consultation, commune_officer: User, commune_chair: User
) -> None:
    done = _agreeing_completed(opened, commune_officer, commune_chair)
    services.summary_send_up(
        consultation=done, authority="UBND tỉnh", sent_on=dt.date(2026, 11, 25), actor=commune_officer, now=SIGNING
    )
    recorded = services.higher_decision_record(
        consultation=done,
        decision="Thông qua.",
        adopts_draft=True,
        decided_on=dt.date(2026, 11, 26),
        justification="ignored",
        actor=commune_officer,
        now=SIGNING,
    )
    assert recorded.higher_against_majority is False and recorded.higher_justification == ""
    assert recorded.status == ConsultationStatus.COMPLETED


# --- views -------------------------------------------------------------------------------------


def test_sign_and_send_up_pages(
    client: Client, commune: AdministrativeUnit, commune_officer: User, commune_chair: User
) -> None:
    completed = _complete(_c8(commune, commune_officer), commune_chair)
    client.force_login(commune_officer)
    assert client.get(reverse("consultations:decision_sign", args=[completed.pk])).status_code == 403
    detail = client.get(reverse("consultations:staff_detail", args=[completed.pk])).content.decode()
    assert reverse("consultations:send_up", args=[completed.pk]) in detail
    assert reverse("consultations:decision_sign", args=[completed.pk]) not in detail
    client.force_login(commune_chair)
    detail = client.get(reverse("consultations:staff_detail", args=[completed.pk])).content.decode()
    assert reverse("consultations:decision_sign", args=[completed.pk]) in detail
    response = client.post(reverse("consultations:decision_sign", args=[completed.pk]), {"confirm": "on"})
    assert response.status_code == 302
    completed.refresh_from_db()
    assert completed.decision_document is not None
    client.force_login(commune_officer)
    bad = client.post(reverse("consultations:send_up", args=[completed.pk]), {"authority": "", "sent_on": ""})
    assert bad.status_code == 200
    completed.refresh_from_db()
    assert completed.sent_up_on is None
    ok = client.post(
        reverse("consultations:send_up", args=[completed.pk]),
        {"authority": "UBND tỉnh", "sent_on": "2026-11-25"},
    )
    assert ok.status_code == 302
    higher_url = reverse("consultations:higher_decision", args=[completed.pk])
    assert client.get(higher_url).status_code == 200
