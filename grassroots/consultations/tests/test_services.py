"""Service tests: the whole life of a consultation, and refusals that change nothing (tested as an attacker)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import IntegrityError, transaction

from grassroots.accounts.models import User
from grassroots.consultations import services
from grassroots.consultations.models import Consultation, ConsultationStatus, Opinion
from grassroots.consultations.tests.conftest import AFTER, CLOSES_ON, CREATED, DURING, LATER, PUBLISHED_ON, section
from grassroots.core.errors import DomainError
from grassroots.core.models import AuditEvent
from grassroots.disclosures.models import Status as DisclosureStatus
from grassroots.units.models import AdministrativeUnit

pytestmark = pytest.mark.django_db


def _codes(obj: object) -> list[str]:
    return list(
        AuditEvent.objects.filter(object_id=str(obj.pk), object_type=obj._meta.label_lower)  # type: ignore[attr-defined]
        .order_by("sequence")
        .values_list("code", flat=True)
    )


def _enter(
    consultation: Consultation, actor: User, *, stance: str = "agree", text: str = "Đồng ý.", position: int = 3
) -> Opinion:
    return services.opinion_enter(
        consultation=consultation,
        channel="meeting",
        source="Hội nghị thôn 1 ngày 05/11/2026",
        stance=stance,
        text=text,
        author_name="Ông Nguyễn Văn A",
        received_on=dt.date(2026, 11, 5),
        section=section(consultation, position),
        actor=actor,
        now=DURING,
    )


def test_create_refuses_a_planned_period_under_twenty_days(commune: AdministrativeUnit, commune_officer: User) -> None:
    with pytest.raises(DomainError) as refused:
        services.consultation_create(
            commune=commune,
            matter="C1",
            title="Kế hoạch phát triển kinh tế - xã hội 2027",
            opens_on=PUBLISHED_ON,
            closes_on=PUBLISHED_ON + dt.timedelta(days=19),
            actor=commune_officer,
            now=CREATED,
        )
    assert refused.value.code == "consultations.period_too_short"
    assert "12/11/2026" not in refused.value.message and "22/11/2026" in refused.value.message
    assert not Consultation.objects.exists()


def test_create_refuses_a_community(community: AdministrativeUnit, commune_officer: User) -> None:
    with pytest.raises(DomainError) as refused:
        services.consultation_create(
            commune=community,
            matter="C1",
            title="X",
            opens_on=PUBLISHED_ON,
            closes_on=CLOSES_ON,
            actor=commune_officer,
            now=CREATED,
        )
    assert refused.value.code == "consultations.not_commune"


def test_opening_needs_the_plan_sent_and_counts_twenty_days_from_the_real_publication_day(
    commune: AdministrativeUnit, commune_officer: User
) -> None:
    consultation = services.consultation_create(
        commune=commune,
        matter="C7",
        title="Dự thảo quy chế dân chủ",
        opens_on=PUBLISHED_ON,
        closes_on=CLOSES_ON,
        actor=commune_officer,
        now=CREATED,
    )
    with pytest.raises(DomainError) as no_sections:
        services.consultation_open(consultation=consultation, actor=commune_officer, now=CREATED)
    assert no_sections.value.code == "consultations.no_sections"
    services.section_add(consultation=consultation, heading="Điều 1", text="…", actor=commune_officer, now=CREATED)
    with pytest.raises(DomainError) as not_sent:
        services.consultation_open(consultation=consultation, actor=commune_officer, now=CREATED)
    assert not_sent.value.code == "consultations.plan_not_sent"
    services.plan_record_sent(
        consultation=consultation,
        sent_to_council_on=PUBLISHED_ON,
        sent_to_front_on=PUBLISHED_ON,
        actor=commune_officer,
        now=CREATED,
    )
    # Published a day late, the announced last day no longer leaves 20 days: refused.
    late = CREATED + dt.timedelta(days=1)
    with pytest.raises(DomainError) as too_short:
        services.consultation_open(consultation=consultation, actor=commune_officer, now=late)
    assert too_short.value.code == "consultations.period_too_short"
    consultation.refresh_from_db()
    assert consultation.status == ConsultationStatus.DRAFT and consultation.published_on is None
    opened = services.consultation_open(consultation=consultation, actor=commune_officer, now=CREATED)
    assert opened.status == ConsultationStatus.OPEN and opened.published_on == PUBLISHED_ON
    assert _codes(opened)[-1] == "consultations.consultation.opened"


def test_the_whole_life_of_a_consultation(
    opened: Consultation,
    commune_officer: User,
    commune_chair: User,
    front_chair: User,
    resident: User,
    community: AdministrativeUnit,
) -> None:
    # Residents online, on article 3; the officer from a meeting; the Front from its committees.
    own = services.opinion_submit(
        consultation=opened,
        community=community,
        section=section(opened, 3),
        stance="suggestion",
        text="Đề nghị giảm mức đóng góp cho hộ nghèo.",
        shows_name=False,
        actor=resident,
        now=DURING,
    )
    agree = _enter(opened, commune_officer)
    duplicate = _enter(opened, commune_officer)
    front = services.opinion_enter(
        consultation=opened,
        channel="front",
        source="Hội Phụ nữ xã",
        stance="agree",
        text="Đồng ý.",
        received_on=dt.date(2026, 11, 6),
        actor=front_chair,
        now=DURING,
    )
    abusive = _enter(opened, commune_officer, stance="disagree", text="Lời lẽ xúc phạm")
    services.opinion_hide(opinion=abusive, reason="Lời lẽ xúc phạm cá nhân", actor=commune_officer, now=DURING)
    abusive.refresh_from_db()
    assert abusive.is_hidden and Opinion.objects.filter(pk=abusive.pk).exists()
    assert _codes(abusive) == ["consultations.opinion.received", "consultations.opinion.hidden"]

    # Too early to close: the last day is not over.
    with pytest.raises(DomainError) as early:
        services.consultation_close(consultation=opened, actor=commune_officer, now=DURING)
    assert early.value.code == "consultations.close_too_early"
    closed = services.consultation_close(consultation=opened, actor=commune_officer, now=AFTER)
    assert closed.status == ConsultationStatus.CLOSED

    # Residents can no longer send; staff may still type in what was received in time.
    with pytest.raises(DomainError) as late:
        services.opinion_submit(
            consultation=closed, community=community, stance="agree", text="Muộn", actor=resident, now=AFTER
        )
    assert late.value.code == "consultations.not_taking_opinions"
    letter = services.opinion_enter(
        consultation=closed,
        channel="letter",
        source="Thư ông B, nhận 22/11/2026",
        stance="disagree",
        text="Không đồng ý giờ thu gom.",
        received_on=CLOSES_ON,
        section=section(closed, 2),
        actor=commune_officer,
        now=AFTER,
    )

    group = services.opinion_group_create(
        consultation=closed,
        title="Đồng ý với dự thảo",
        opinions=[agree, duplicate, front],
        actor=commune_officer,
        now=AFTER,
    )
    assert (
        services.group_dispose(
            group=group, disposition="accepted", explanation="Giữ nguyên dự thảo.", actor=commune_officer, now=AFTER
        )
        == 3
    )
    services.opinion_dispose(
        opinion=own,
        disposition="partly_accepted",
        explanation="Giảm 50 % cho hộ nghèo.",
        actor=commune_officer,
        now=AFTER,
    )

    # One opinion without an answer: completion refused, nothing changed.
    with pytest.raises(DomainError) as missing:
        services.consultation_complete(
            consultation=closed, final_decision="Ban hành quy định.", adopts_draft=True, actor=commune_chair, now=LATER
        )
    assert missing.value.code == "consultations.dispositions_missing"
    assert missing.value.params["missing"] == 1
    closed.refresh_from_db()
    assert closed.status == ConsultationStatus.CLOSED and closed.report_document_id is None

    services.opinion_dispose(
        opinion=letter,
        disposition="not_accepted",
        explanation="Giờ thu gom theo hợp đồng.",
        actor=commune_officer,
        now=AFTER,
    )
    done = services.consultation_complete(
        consultation=closed, final_decision="Ban hành quy định.", adopts_draft=True, actor=commune_chair, now=LATER
    )
    assert done.status == ConsultationStatus.COMPLETED
    assert done.completed_on == dt.date(2026, 11, 25)
    assert done.against_majority is False  # 3 agree against 1 disagree (the hidden one does not count)
    assert done.report_document is not None and done.report_document.kind == "report"
    assert done.report_document.is_public
    disclosure = done.report_disclosure
    assert disclosure is not None
    assert disclosure.category.code == "K11"
    assert disclosure.status == DisclosureStatus.PUBLISHED
    assert disclosure.published_on == dt.date(2026, 11, 25)
    assert disclosure.attachments.count() == 1
    assert _codes(done) == [
        "consultations.consultation.created",
        "consultations.section.added",
        "consultations.section.added",
        "consultations.section.added",
        "consultations.consultation.plan_sent",
        "consultations.consultation.opened",
        "consultations.consultation.closed",
        "consultations.group.created",
        "consultations.consultation.completed",
    ]

    # After completion the answers are frozen.
    with pytest.raises(DomainError) as frozen:
        services.opinion_dispose(
            opinion=letter, disposition="accepted", explanation="Đổi ý.", actor=commune_officer, now=LATER
        )
    assert frozen.value.code == "consultations.not_disposable"
    letter.refresh_from_db()
    assert letter.disposition == "not_accepted"


def _closed_with_one_answer(opened: Consultation, officer: User, *, stance: str) -> Consultation:
    opinion = _enter(opened, officer, stance=stance)
    closed = services.consultation_close(consultation=opened, actor=officer, now=AFTER)
    services.opinion_dispose(
        opinion=opinion, disposition="not_accepted", explanation="Lý do.", actor=officer, now=AFTER
    )
    return closed


def test_a_clerk_cannot_complete(opened: Consultation, commune_officer: User) -> None:
    closed = _closed_with_one_answer(opened, commune_officer, stance="agree")
    with pytest.raises(DomainError) as refused:
        services.consultation_complete(
            consultation=closed, final_decision="Ban hành.", adopts_draft=True, actor=commune_officer, now=LATER
        )
    assert refused.value.code == "consultations.not_authorised"
    closed.refresh_from_db()
    assert closed.status == ConsultationStatus.CLOSED


def test_decision_against_the_majority_needs_and_publishes_a_justification(
    opened: Consultation, commune_officer: User, commune_chair: User
) -> None:
    closed = _closed_with_one_answer(opened, commune_officer, stance="disagree")
    with pytest.raises(DomainError) as refused:
        services.consultation_complete(
            consultation=closed, final_decision="Ban hành.", adopts_draft=True, actor=commune_chair, now=LATER
        )
    assert refused.value.code == "consultations.justification_required"
    done = services.consultation_complete(
        consultation=closed,
        final_decision="Ban hành.",
        adopts_draft=True,
        majority_justification="Quy định bắt buộc theo Luật Bảo vệ môi trường.",
        actor=commune_chair,
        now=LATER,
    )
    assert done.against_majority is True
    assert done.report_disclosure is not None
    assert "Luật Bảo vệ môi trường" in done.report_disclosure.body
    content = str(done.report_document.content) if done.report_document else ""
    assert "khác với ý kiến của đa số" in content


def test_dispositions_only_between_closing_and_completion(opened: Consultation, commune_officer: User) -> None:
    opinion = _enter(opened, commune_officer)
    with pytest.raises(DomainError) as refused:
        services.opinion_dispose(
            opinion=opinion, disposition="accepted", explanation="…", actor=commune_officer, now=DURING
        )
    assert refused.value.code == "consultations.not_disposable"


def test_a_disposition_needs_an_explanation(opened: Consultation, commune_officer: User) -> None:
    opinion = _enter(opened, commune_officer)
    services.consultation_close(consultation=opened, actor=commune_officer, now=AFTER)
    with pytest.raises(DomainError) as refused:
        services.opinion_dispose(
            opinion=opinion, disposition="accepted", explanation=" ", actor=commune_officer, now=AFTER
        )
    assert refused.value.code == "consultations.explanation_required"


def test_staff_cannot_forge_an_online_opinion(opened: Consultation, commune_officer: User) -> None:
    with pytest.raises(DomainError) as refused:
        services.opinion_enter(
            consultation=opened,
            channel="online",
            stance="agree",
            text="…",
            received_on=PUBLISHED_ON,
            actor=commune_officer,
            now=DURING,
        )
    assert refused.value.code == "consultations.online_is_for_residents"


def test_a_resident_of_another_commune_cannot_give_an_opinion(
    opened: Consultation, other_commune: AdministrativeUnit, other_commune_officer: User
) -> None:
    with pytest.raises(DomainError) as refused:
        services.opinion_submit(
            consultation=opened,
            community=other_commune.children.get(),
            stance="agree",
            text="…",
            actor=other_commune_officer,
            now=DURING,
        )
    assert refused.value.code == "consultations.not_resident"


def test_the_draft_is_frozen_once_published(opened: Consultation, commune_officer: User) -> None:
    with pytest.raises(DomainError) as refused:
        services.section_add(consultation=opened, heading="Điều 4", text="…", actor=commune_officer, now=DURING)
    assert refused.value.code == "consultations.not_editable"


def test_cancel_needs_a_reason_and_is_final(opened: Consultation, commune_officer: User) -> None:
    with pytest.raises(DomainError):
        services.consultation_cancel(consultation=opened, reason=" ", actor=commune_officer, now=DURING)
    cancelled = services.consultation_cancel(
        consultation=opened, reason="Cấp trên dừng dự án", actor=commune_officer, now=DURING
    )
    assert cancelled.status == ConsultationStatus.CANCELLED
    with pytest.raises(DomainError) as refused:
        services.consultation_close(consultation=cancelled, actor=commune_officer, now=AFTER)
    assert refused.value.code == "consultations.bad_transition"


def test_unsigned_opinion_needs_the_consultation_to_allow_it_and_a_name(
    opened: Consultation, community: AdministrativeUnit
) -> None:
    kwargs = {"consultation": opened, "community": community, "stance": "agree", "text": "Đồng ý.", "now": DURING}
    with pytest.raises(DomainError) as refused:
        services.opinion_submit_unsigned(author_name="Bà Tư", **kwargs)  # type: ignore[arg-type]
    assert refused.value.code == "consultations.signed_in_only"
    Consultation.objects.filter(pk=opened.pk).update(accepts_unsigned_opinions=True)
    with pytest.raises(DomainError) as nameless:
        services.opinion_submit_unsigned(author_name=" ", **kwargs)  # type: ignore[arg-type]
    assert nameless.value.code == "consultations.name_required"
    opinion = services.opinion_submit_unsigned(author_name="Bà Tư", **kwargs)  # type: ignore[arg-type]
    assert _codes(opinion) == ["consultations.opinion.received"]
    assert (
        AuditEvent.objects.get(object_id=str(opinion.pk), object_type="consultations.opinion").actor_label == "system"
    )


def test_c8_cannot_be_completed_before_every_affected_citizen_is_heard(
    commune: AdministrativeUnit, commune_officer: User, commune_chair: User
) -> None:
    consultation = services.consultation_create(
        commune=commune,
        matter="C8",
        title="Dự thảo quyết định thu hồi đất hộ ông C",
        opens_on=PUBLISHED_ON,
        closes_on=CLOSES_ON,
        actor=commune_officer,
        now=CREATED,
    )
    services.section_add(consultation=consultation, heading="Điều 1", text="…", actor=commune_officer, now=CREATED)
    services.plan_record_sent(
        consultation=consultation,
        sent_to_council_on=PUBLISHED_ON,
        sent_to_front_on=PUBLISHED_ON,
        actor=commune_officer,
        now=CREATED,
    )
    services.consultation_open(consultation=consultation, actor=commune_officer, now=CREATED)
    services.consultation_close(consultation=consultation, actor=commune_officer, now=AFTER)
    complete = {
        "consultation": consultation,
        "final_decision": "Ban hành quyết định.",
        "adopts_draft": True,
        "actor": commune_chair,
        "now": LATER,
    }
    with pytest.raises(DomainError) as nobody:
        services.consultation_complete(**complete)  # type: ignore[arg-type]
    assert nobody.value.code == "consultations.affected_people_missing"
    person = services.affected_person_add(
        consultation=consultation, full_name="Ông C", notified_on=dt.date(2026, 11, 3), actor=commune_officer, now=AFTER
    )
    with pytest.raises(DomainError) as unheard:
        services.consultation_complete(**complete)  # type: ignore[arg-type]
    assert unheard.value.code == "consultations.not_yet_heard"
    services.affected_person_heard(
        person=person,
        heard_on=dt.date(2026, 11, 20),
        views="Đề nghị bồi thường thỏa đáng.",
        actor=commune_officer,
        now=AFTER,
    )
    done = services.consultation_complete(**complete)  # type: ignore[arg-type]
    assert done.status == ConsultationStatus.COMPLETED
    assert "Đề nghị bồi thường thỏa đáng." in str(done.report_document.content if done.report_document else "")


def test_only_a_c8_draft_records_affected_citizens(opened: Consultation, commune_officer: User) -> None:
    with pytest.raises(DomainError) as refused:
        services.affected_person_add(
            consultation=opened, full_name="Ông C", notified_on=PUBLISHED_ON, actor=commune_officer, now=DURING
        )
    assert refused.value.code == "consultations.not_c8"


@pytest.mark.parametrize(
    ("channel", "stance", "code"),
    [
        ("bogus", "agree", "consultations.bad_channel"),
        ("", "agree", "consultations.bad_channel"),
        ("meeting", "bogus", "consultations.bad_stance"),
        ("meeting", "", "consultations.bad_stance"),
    ],
)
def test_staff_cannot_enter_an_opinion_with_an_unknown_channel_or_stance(
    opened: Consultation, commune_officer: User, channel: str, stance: str, code: str
) -> None:
    with pytest.raises(DomainError) as refused:
        services.opinion_enter(
            consultation=opened,
            channel=channel,
            stance=stance,
            text="Ý kiến",
            received_on=PUBLISHED_ON,
            actor=commune_officer,
            now=DURING,
        )
    assert refused.value.code == code
    assert not Opinion.objects.exists()
    assert not AuditEvent.objects.filter(code="consultations.opinion.received").exists()


def test_a_resident_cannot_send_an_opinion_with_an_unknown_stance(
    opened: Consultation, community: AdministrativeUnit, resident: User
) -> None:
    with pytest.raises(DomainError) as refused:
        services.opinion_submit(
            consultation=opened, community=community, stance="bogus", text="Ý kiến", actor=resident, now=DURING
        )
    assert refused.value.code == "consultations.bad_stance"
    Consultation.objects.filter(pk=opened.pk).update(accepts_unsigned_opinions=True)
    with pytest.raises(DomainError) as unsigned:
        services.opinion_submit_unsigned(
            consultation=opened, community=community, author_name="Bà Tư", stance="bogus", text="Ý kiến", now=DURING
        )
    assert unsigned.value.code == "consultations.bad_stance"
    assert not Opinion.objects.exists()


@pytest.mark.parametrize(("field", "value"), [("channel", "bogus"), ("stance", "bogus")])
def test_the_database_refuses_an_unknown_channel_or_stance(
    opened: Consultation, commune_officer: User, field: str, value: str
) -> None:
    opinion = _enter(opened, commune_officer)
    with pytest.raises(IntegrityError), transaction.atomic():
        Opinion.objects.filter(pk=opinion.pk).update(**{field: value})
    opinion.refresh_from_db()
    assert (opinion.channel, opinion.stance) == ("meeting", "agree")
