"""A staff consultation runs through the ``consultations`` app ([L] arts 53–55, 71–72, 74): it is a Consultation
owned by the organisation, its staff the audience, every step a consultations service; never on the commune's pages."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from grassroots.accounts.models import User
from grassroots.consultations import selectors as consultation_selectors
from grassroots.consultations import services as consultation_services
from grassroots.consultations.models import Consultation, ConsultationStatus, Disposition, Opinion
from grassroots.core.errors import DomainError
from grassroots.core.models import AuditEvent
from grassroots.disclosures.models import Disclosure
from grassroots.units.models import AdministrativeUnit, Organisation
from grassroots.workplaces import services
from grassroots.workplaces.models import StaffMember
from grassroots.workplaces.tests.conftest import NOW, TODAY

pytestmark = pytest.mark.django_db

AFTER = NOW + dt.timedelta(days=11)


def _consultation(school: Organisation, principal: User) -> Consultation:
    return services.staff_consultation_create(
        organisation=school,
        matter="CQ9",
        title="Dự thảo quy chế chi tiêu nội bộ 2027",
        draft="Điều 1. Mức chi công tác phí…",
        opens_on=TODAY,
        closes_on=TODAY + dt.timedelta(days=10),
        actor=principal,
        now=NOW,
    )


def test_a_staff_consultation_is_a_consultation_owned_by_the_organisation(
    school: Organisation, principal: User
) -> None:
    consultation = _consultation(school, principal)
    stored = Consultation.objects.get(pk=consultation.pk)
    assert stored.organisation_id == school.pk
    assert stored.commune_id == school.unit_id
    assert stored.matter == "CQ9"
    assert stored.status == ConsultationStatus.OPEN
    assert stored.published_on == TODAY
    assert [section.text for section in stored.sections.all()] == ["Điều 1. Mức chi công tác phí…"]
    codes = set(AuditEvent.objects.filter(object_id=str(stored.pk)).values_list("code", flat=True))
    assert {"consultations.consultation.created", "consultations.consultation.opened"} <= codes


def test_the_whole_consultation_runs_on_the_consultations_services(school: Organisation, principal: User) -> None:
    consultation = _consultation(school, principal)
    author = StaffMember.objects.filter(organisation=school).order_by("code").first()
    opinion = services.staff_opinion_add(
        consultation=consultation,
        text="Tăng mức hỗ trợ",
        received_on=TODAY,
        author=author,
        channel="Hòm thư góp ý",
        actor=principal,
        now=NOW,
    )
    assert isinstance(opinion, Opinion) and opinion.author_name == "Nhân viên 1" and opinion.source == "Hòm thư góp ý"
    with pytest.raises(DomainError) as refusal:
        services.staff_consultation_close(consultation=consultation, actor=principal, now=NOW)
    assert refusal.value.code == "consultations.close_too_early"
    services.staff_consultation_close(consultation=consultation, actor=principal, now=AFTER)
    with pytest.raises(DomainError) as refusal:
        services.staff_consultation_complete(consultation=consultation, explanation="x", actor=principal, now=AFTER)
    assert refusal.value.code == "consultations.dispositions_missing"
    assert not Disclosure.objects.filter(organisation=school).exists()  # nothing half-written
    services.staff_opinion_answer(opinion=opinion, accepted=True, answer="Tiếp thu.", actor=principal, now=AFTER)
    assert Opinion.objects.get(pk=opinion.pk).disposition == Disposition.ACCEPTED
    done = services.staff_consultation_complete(
        consultation=consultation, explanation="Tiếp thu 1/1 ý kiến.", actor=principal, now=AFTER
    )
    assert done.status == ConsultationStatus.COMPLETED
    assert done.report_disclosure is not None
    assert done.report_disclosure.category.code == "A10"
    assert done.report_disclosure.organisation_id == school.pk
    codes = set(AuditEvent.objects.filter(object_id=str(done.pk)).values_list("code", flat=True))
    assert {
        "consultations.consultation.closed",
        "consultations.consultation.completed",
        "workplaces.consultation.explanation_published",
    } <= codes


def test_an_soe_explanation_is_disclosed_as_s8(soe: Organisation, soe_director: User) -> None:
    consultation = services.staff_consultation_create(
        organisation=soe,
        matter="DN2",
        title="Thang lương 2027",
        draft="Bảng lương…",
        opens_on=TODAY,
        closes_on=TODAY + dt.timedelta(days=10),
        actor=soe_director,
        now=NOW,
    )
    services.staff_consultation_close(consultation=consultation, actor=soe_director, now=AFTER)
    done = services.staff_consultation_complete(
        consultation=consultation, explanation="Không có ý kiến.", actor=soe_director, now=AFTER
    )
    assert done.report_disclosure is not None and done.report_disclosure.category.code == "S8"


def test_an_opinion_of_another_organisations_staff_is_refused(
    school: Organisation, soe: Organisation, principal: User
) -> None:
    consultation = _consultation(school, principal)
    outsider = StaffMember.objects.filter(organisation=soe).first()
    with pytest.raises(DomainError) as refusal:
        services.staff_opinion_add(
            consultation=consultation, text="x", received_on=TODAY, author=outsider, actor=principal, now=NOW
        )
    assert refusal.value.code == "workplaces.wrong_organisation"
    assert not Opinion.objects.filter(consultation=consultation).exists()


def test_the_commune_k11_completion_refuses_a_staff_consultation(
    school: Organisation, principal: User, commune_chair: User
) -> None:
    consultation = _consultation(school, principal)
    consultation_services.consultation_close(consultation=consultation, actor=principal, now=AFTER)
    with pytest.raises(DomainError) as refusal:
        consultation_services.consultation_complete(
            consultation=consultation, final_decision="x", adopts_draft=True, actor=commune_chair, now=AFTER
        )
    assert refusal.value.code == "consultations.bad_transition"
    assert Consultation.objects.get(pk=consultation.pk).status == ConsultationStatus.CLOSED


def test_a_commune_consultation_cannot_be_driven_as_a_staff_one(commune: AdministrativeUnit, principal: User) -> None:
    commune_consultation = Consultation.objects.create(
        commune=commune,
        matter="C1",
        title="Kế hoạch",
        opens_on=TODAY,
        closes_on=TODAY + dt.timedelta(days=25),
        status=ConsultationStatus.OPEN,
        published_on=TODAY,
        created_by=principal,
    )
    for call in (
        lambda: services.staff_consultation_close(consultation=commune_consultation, actor=principal, now=AFTER),
        lambda: services.staff_consultation_complete(
            consultation=commune_consultation, explanation="x", actor=principal, now=AFTER
        ),
        lambda: services.staff_opinion_add(
            consultation=commune_consultation, text="x", received_on=TODAY, actor=principal, now=NOW
        ),
    ):
        with pytest.raises(DomainError) as refusal:
            call()
        assert refusal.value.code == "workplaces.wrong_organisation"
    assert Consultation.objects.get(pk=commune_consultation.pk).status == ConsultationStatus.OPEN


def test_a_staff_consultation_never_shows_on_the_commune_or_public_pages(
    school: Organisation, principal: User, commune: AdministrativeUnit, client: Client
) -> None:
    consultation = _consultation(school, principal)
    assert consultation.pk not in consultation_selectors.public_consultations(commune).values_list("pk", flat=True)
    assert consultation.pk not in consultation_selectors.staff_consultations(commune).values_list("pk", flat=True)
    assert not consultation_selectors.closing_soon([commune.pk], TODAY + dt.timedelta(days=9)).exists()
    response = client.get(reverse("consultations:public_detail", args=[consultation.pk]))
    assert response.status_code == 404


def test_the_workplace_page_shows_the_consultation_to_its_members_only(
    school: Organisation, principal: User, other_head: User, client: Client
) -> None:
    consultation = _consultation(school, principal)
    url = reverse("workplaces:consultation_detail", args=[consultation.pk])
    client.force_login(principal)
    page = client.get(url)
    assert page.status_code == 200 and "Điều 1. Mức chi công tác phí" in page.content.decode()
    client.force_login(other_head)
    assert client.get(url).status_code == 404
