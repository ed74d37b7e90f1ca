"""Service tests: the whole life of a convention, and every guarantee attacked."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import IntegrityError, transaction
from pypdf import PdfReader

from grassroots.accounts.models import User
from grassroots.accounts.testing import make_persona
from grassroots.consultations import services as consultation_services
from grassroots.consultations.models import ConsultationStatus
from grassroots.conventions import selectors, services
from grassroots.conventions.models import (
    Convention,
    ConventionArticle,
    ConventionStatus,
    ConventionVersion,
    MeasureKind,
    ProposalBasis,
    VersionStatus,
)
from grassroots.conventions.tests.conftest import (
    AFTER_COMMENTS,
    COMMENTS_END,
    COUNTED,
    CREATED,
    DECIDED,
    DOSSIER,
    MEETING,
    VN,
    adopt,
    d3_meeting,
    finalise,
    first_version,
    hold_meeting,
    post_for_comment,
    recognise,
    submit_dossier,
)
from grassroots.core.errors import DomainError
from grassroots.core.models import AuditEvent
from grassroots.documents.models import Document, DocumentType
from grassroots.units.models import AdministrativeUnit
from grassroots.units.testing import households
from grassroots.voting import services as vote_services
from grassroots.voting.models import Channel, VoteStatus

pytestmark = pytest.mark.django_db


def _codes(obj: object) -> list[str]:
    return list(
        AuditEvent.objects.filter(object_id=str(obj.pk)).order_by("pk").values_list("code", flat=True)  # type: ignore[attr-defined]
    )


# --- The whole life ------------------------------------------------------------------------------------


def test_whole_life_from_proposal_to_recognition(
    convention: Convention, village_head: User, commune_chair: User
) -> None:
    version = recognise(convention, village_head, commune_chair)
    convention.refresh_from_db()
    assert convention.status == ConventionStatus.IN_FORCE
    assert version.status == VersionStatus.RECOGNISED
    assert (version.adopted_on, version.dossier_sent_on, version.decided_on) == (
        dt.date(2026, 11, 8),
        dt.date(2026, 11, 9),
        dt.date(2026, 11, 11),
    )
    assert version.decision_document is not None
    assert version.vote is not None and version.vote.status == VoteStatus.RECOGNISED
    assert version.consultation is not None and version.consultation.status == ConsultationStatus.COMPLETED
    assert version.consultation.minimum_days == 30
    assert "conventions.version.recognised" in _codes(version)
    assert "conventions.convention.recognised" in _codes(convention)
    deadlines = selectors.deadlines(version, dt.date(2026, 11, 11))
    assert (deadlines.dossier_due, deadlines.recognition_due) == (dt.date(2026, 11, 13), dt.date(2026, 11, 16))
    assert not deadlines.dossier_late and not deadlines.recognition_late
    assert selectors.status_counts(convention.community.parent_id or 0)["in_force"] == 1


def test_comment_period_shorter_than_thirty_days_is_refused(convention: Convention, village_head: User) -> None:
    with pytest.raises(DomainError) as error:
        services.comments_open(
            version=first_version(convention),
            closes_on=COMMENTS_END - dt.timedelta(days=1),
            actor=village_head,
            now=CREATED,
        )
    assert error.value.code == "conventions.comment_too_short"
    assert first_version(convention).consultation is None


def test_comments_cannot_close_before_the_thirtieth_day_is_over(convention: Convention, village_head: User) -> None:
    version = post_for_comment(first_version(convention), village_head)
    with pytest.raises(DomainError) as error:
        services.comments_close(version=version, actor=village_head, now=dt.datetime(2026, 10, 31, 23, 0, tzinfo=VN))
    assert error.value.code == "consultations.close_too_early"


def test_only_the_villages_own_people_comment(
    convention: Convention, village_head: User, second_community: AdministrativeUnit
) -> None:
    version = post_for_comment(first_version(convention), village_head)
    assert version.consultation is not None
    with pytest.raises(DomainError) as error:
        consultation_services.opinion_enter(
            consultation=version.consultation,
            channel="meeting",
            stance="agree",
            text="Đồng ý",
            received_on=dt.date(2026, 10, 2),
            community=second_community,
            actor=village_head,
            now=dt.datetime(2026, 10, 2, 9, 0, tzinfo=VN),
        )
    assert error.value.code == "consultations.not_resident"


def test_finalising_is_blocked_while_a_comment_has_no_answer(convention: Convention, village_head: User) -> None:
    version = post_for_comment(first_version(convention), village_head)
    assert version.consultation is not None
    consultation_services.opinion_enter(
        consultation=version.consultation,
        channel="comment_box",
        stance="disagree",
        text="Không đồng ý điều 2",
        received_on=dt.date(2026, 10, 5),
        actor=village_head,
        now=dt.datetime(2026, 10, 5, 9, 0, tzinfo=VN),
    )
    services.comments_close(version=version, actor=village_head, now=AFTER_COMMENTS)
    with pytest.raises(DomainError) as error:
        services.version_finalise(version=version, actor=village_head, now=AFTER_COMMENTS)
    assert error.value.code == "consultations.dispositions_missing"
    assert ConventionVersion.objects.get(pk=version.pk).status == VersionStatus.COMMENTING


def test_the_commune_path_cannot_complete_a_village_comment_period(
    convention: Convention, village_head: User, commune_chair: User
) -> None:
    version = post_for_comment(first_version(convention), village_head)
    services.comments_close(version=version, actor=village_head, now=AFTER_COMMENTS)
    assert version.consultation is not None
    with pytest.raises(DomainError):
        consultation_services.consultation_complete(
            consultation=version.consultation,
            final_decision="x",
            adopts_draft=True,
            actor=commune_chair,
            now=AFTER_COMMENTS,
        )


def test_meeting_without_more_than_half_present_is_not_adoption(convention: Convention, village_head: User) -> None:
    version = finalise(first_version(convention), village_head)
    vote = d3_meeting(convention.community, village_head)
    services.version_link_vote(version=version, vote=vote, actor=village_head, now=AFTER_COMMENTS)
    vote = vote_services.vote_open(vote=vote, actor=village_head, now=MEETING)
    first = households(convention.community)[0]
    vote_services.meeting_attendance_set(vote=vote, household=first, present=True, actor=village_head, now=MEETING)
    with pytest.raises(DomainError) as error:
        vote_services.vote_cast(
            vote=vote,
            household=first,
            option_key="agree",
            channel=Channel.MEETING_HANDS,
            actor=village_head,
            now=MEETING,
        )
    assert error.value.code == "decisions.meeting.huong_uoc_quorum"
    with pytest.raises(DomainError) as refused:
        services.version_record_adoption(version=version, actor=village_head, now=MEETING)
    assert refused.value.code == "conventions.vote_not_counted"


def test_more_than_half_present_but_half_in_favour_is_not_adopted(convention: Convention, village_head: User) -> None:
    version = finalise(first_version(convention), village_head)
    vote = d3_meeting(convention.community, village_head)
    services.version_link_vote(version=version, vote=vote, actor=village_head, now=AFTER_COMMENTS)
    hold_meeting(vote, village_head, present=3, agree=1)
    recorded = services.version_record_adoption(version=version, actor=village_head, now=COUNTED)
    assert recorded.status == VersionStatus.NOT_ADOPTED
    assert recorded.adopted_on is None


def test_a_vote_already_open_cannot_be_linked(convention: Convention, village_head: User) -> None:
    version = finalise(first_version(convention), village_head)
    vote = vote_services.vote_open(vote=d3_meeting(convention.community, village_head), actor=village_head, now=MEETING)
    with pytest.raises(DomainError) as error:
        services.version_link_vote(version=version, vote=vote, actor=village_head, now=MEETING)
    assert error.value.code == "conventions.vote_already_open"


def test_an_amendment_supersedes_and_a_suspension_ends_on_recognition(
    convention: Convention, village_head: User, commune_chair: User
) -> None:
    first = recognise(convention, village_head, commune_chair)
    services.measure_decide(
        convention=convention,
        kind=MeasureKind.SUSPENSION_PARTIAL,
        basis="Phản ánh của hộ ông A: Điều 3 trái quy định.",
        basis_received_on=dt.date(2026, 11, 20),
        reasons="Điều 3 quy định phạt tiền, thay thế chế tài của pháp luật.",
        articles="Điều 3",
        fix_by=dt.date(2027, 1, 31),
        actor=commune_chair,
        now=dt.datetime(2026, 11, 24, 9, 0, tzinfo=VN),
    )
    convention.refresh_from_db()
    assert convention.status == ConventionStatus.SUSPENDED
    amendment = services.amendment_propose(
        convention=convention,
        basis=ProposalBasis.VILLAGE_HEAD,
        front_agreed=True,
        reason="Sửa Điều 3 theo quyết định tạm ngưng.",
        actor=village_head,
        now=dt.datetime(2026, 11, 25, 9, 0, tzinfo=VN),
    )
    assert amendment.number == 2
    assert list(amendment.articles.values_list("heading", flat=True)) == list(
        first.articles.values_list("heading", flat=True)
    )
    with pytest.raises(DomainError) as busy:
        services.amendment_propose(
            convention=convention,
            basis=ProposalBasis.VILLAGE_HEAD,
            front_agreed=True,
            reason="x",
            actor=village_head,
            now=dt.datetime(2026, 11, 25, 9, 0, tzinfo=VN),
        )
    assert busy.value.code == "conventions.in_progress"


def test_abolition_in_full_ends_the_convention(convention: Convention, village_head: User, commune_chair: User) -> None:
    recognise(convention, village_head, commune_chair)
    measure = services.measure_decide(
        convention=convention,
        kind=MeasureKind.ABOLITION_FULL,
        basis="Kết luận kiểm tra ngày 20/11/2026",
        basis_received_on=dt.date(2026, 11, 20),
        reasons="Nội dung trái pháp luật.",
        actor=commune_chair,
        now=dt.datetime(2026, 11, 24, 9, 0, tzinfo=VN),
    )
    convention.refresh_from_db()
    assert convention.status == ConventionStatus.ABOLISHED
    assert measure.document is not None
    assert selectors.status_counts(convention.community.parent_id or 0, 2026)["abolished"] == 1
    with pytest.raises(DomainError) as error:
        services.review_record(
            convention=convention,
            held_on=dt.date(2026, 11, 25),
            findings="x",
            actor=village_head,
            now=dt.datetime(2026, 11, 25, 9, 0, tzinfo=VN),
        )
    assert error.value.code == "conventions.not_in_force"


def test_yearly_review_once_a_year_and_due_from_eighteenth_november(
    convention: Convention, village_head: User, commune_chair: User
) -> None:
    recognise(convention, village_head, commune_chair)
    community_ids = [convention.community_id]
    assert selectors.reviews_due(community_ids, dt.date(2026, 11, 3)) == []
    assert [c.pk for c, _day in selectors.reviews_due(community_ids, dt.date(2026, 11, 18))] == [convention.pk]
    services.review_record(
        convention=convention,
        held_on=dt.date(2026, 11, 18),
        findings="Các hộ thực hiện tốt.",
        actor=village_head,
        now=dt.datetime(2026, 11, 18, 20, 0, tzinfo=VN),
    )
    assert selectors.reviews_due(community_ids, dt.date(2026, 11, 19)) == []
    with pytest.raises(DomainError) as error:
        services.review_record(
            convention=convention,
            held_on=dt.date(2026, 11, 19),
            findings="Lần hai",
            actor=village_head,
            now=dt.datetime(2026, 11, 19, 20, 0, tzinfo=VN),
        )
    assert error.value.code == "conventions.review_exists"


def test_dissemination_needs_the_cultural_house(
    convention: Convention, village_head: User, commune_chair: User
) -> None:
    version = recognise(convention, village_head, commune_chair)
    with pytest.raises(DomainError):
        services.dissemination_record(version=version, channels=["meeting"], actor=village_head, now=DECIDED)
    saved = services.dissemination_record(
        version=version, channels=["cultural_house", "loudspeaker"], actor=village_head, now=DECIDED
    )
    assert saved.dissemination_channels == ["cultural_house", "loudspeaker"]


def test_refusal_needs_reasons_and_leaves_the_convention_unrecognised(
    convention: Convention, village_head: User, commune_chair: User
) -> None:
    version = submit_dossier(adopt(convention, village_head), village_head, now=DOSSIER)
    with pytest.raises(DomainError):
        services.version_refuse(version=version, reason=" ", actor=commune_chair, now=DECIDED)
    refused = services.version_refuse(
        version=version, reason="Điều 3 trái pháp luật.", actor=commune_chair, now=DECIDED
    )
    convention.refresh_from_db()
    assert (refused.status, convention.status) == (VersionStatus.REFUSED, ConventionStatus.BUILDING)
    assert refused.vote is not None and refused.vote.status == VoteStatus.REFUSED


def test_refusal_is_issued_as_an_official_letter_with_its_reasons(
    convention: Convention, village_head: User, commune_chair: User
) -> None:
    version = submit_dossier(adopt(convention, village_head), village_head, now=DOSSIER)
    with pytest.raises(DomainError):
        services.version_refuse(version=version, reason=" ", actor=commune_chair, now=DECIDED)
    assert not Document.objects.exists()  # a refused refusal issues nothing
    refused = services.version_refuse(
        version=version, reason="Điều 3 trái Luật Hôn nhân và gia đình.", actor=commune_chair, now=DECIDED
    )
    stored = ConventionVersion.objects.select_related("decision_document").get(pk=refused.pk)
    document = stored.decision_document
    assert document is not None
    assert document.kind == DocumentType.OFFICIAL_LETTER
    assert document.issuer_id == convention.community.parent_id
    assert document.issued_on == DECIDED.date() and document.is_public
    assert document.summary == f"V/v không công nhận hương ước {convention.community.name}"
    pdf = " ".join(" ".join(page.extract_text() or "" for page in PdfReader(document.pdf_file.path).pages).split())
    assert "Điều 3 trái Luật Hôn nhân và gia đình." in pdf
    assert f"Trưởng {convention.community.name}" in pdf
    assert AuditEvent.objects.filter(code="documents.document.issued", object_id=str(document.pk)).exists()


# --- Attacks -------------------------------------------------------------------------------------------


def test_attack_adopted_text_edited_through_the_service_is_refused(convention: Convention, village_head: User) -> None:
    version = adopt(convention, village_head)
    with pytest.raises(DomainError) as error:
        services.article_save(
            version=version, position=3, heading="Điều 3", text="Được mở loa cả đêm.", actor=village_head, now=COUNTED
        )
    assert error.value.code == "conventions.not_editable"


def test_attack_adopted_text_edited_in_the_database_blocks_recognition(
    convention: Convention, village_head: User, commune_chair: User
) -> None:
    """A clerk with the admin or the shell rewrites article 3 after the vote: the fingerprint no longer matches."""
    version = submit_dossier(adopt(convention, village_head), village_head, now=DOSSIER)
    ConventionArticle.objects.filter(version=version, position=3).update(text="Được mở loa cả đêm.")
    with pytest.raises(DomainError) as error:
        services.version_recognise(version=version, actor=commune_chair, now=DECIDED)
    assert error.value.code == "conventions.text_changed"
    version.refresh_from_db()
    assert version.status == VersionStatus.SUBMITTED and version.decided_on is None


def test_attack_text_edited_between_finalising_and_the_count_blocks_adoption(
    convention: Convention, village_head: User
) -> None:
    version = finalise(first_version(convention), village_head)
    vote = d3_meeting(convention.community, village_head)
    services.version_link_vote(version=version, vote=vote, actor=village_head, now=AFTER_COMMENTS)
    hold_meeting(vote, village_head, present=2, agree=2)
    ConventionArticle.objects.create(version=version, position=4, heading="Điều 4", text="Thêm sau biểu quyết.")
    with pytest.raises(DomainError) as error:
        services.version_record_adoption(version=version, actor=village_head, now=COUNTED)
    assert error.value.code == "conventions.text_changed"


def test_attack_recognition_back_dated_before_the_dossier_is_refused(
    convention: Convention, village_head: User, commune_chair: User
) -> None:
    version = submit_dossier(adopt(convention, village_head), village_head, now=DOSSIER)
    with pytest.raises(DomainError) as error:
        services.version_recognise(version=version, actor=commune_chair, now=DOSSIER - dt.timedelta(days=1))
    assert error.value.code == "conventions.date_out_of_order"
    with pytest.raises(TypeError):
        services.version_recognise(version=version, actor=commune_chair, recognised_on=dt.date(2026, 11, 1))  # type: ignore[call-arg]


def test_attack_recognition_date_rewritten_in_the_database_is_refused(
    convention: Convention, village_head: User, commune_chair: User
) -> None:
    version = recognise(convention, village_head, commune_chair)
    with pytest.raises(IntegrityError), transaction.atomic():
        ConventionVersion.objects.filter(pk=version.pk).update(decided_on=dt.date(2026, 11, 1))
    event = AuditEvent.objects.get(code="conventions.version.recognised", object_id=str(version.pk))
    assert (event.after or {})["decided_on"] in ("2026-11-11", dt.date(2026, 11, 11))


def test_attack_a_household_voting_twice_is_refused(convention: Convention, village_head: User) -> None:
    version = finalise(first_version(convention), village_head)
    vote = d3_meeting(convention.community, village_head)
    services.version_link_vote(version=version, vote=vote, actor=village_head, now=AFTER_COMMENTS)
    vote = vote_services.vote_open(vote=vote, actor=village_head, now=MEETING)
    members = households(convention.community)
    for household in members[:2]:
        vote_services.meeting_attendance_set(
            vote=vote, household=household, present=True, actor=village_head, now=MEETING
        )
    vote_services.meeting_officers_approve(vote=vote, secretary="Thư ký", approving=2, actor=village_head, now=MEETING)
    vote_services.vote_cast(
        vote=vote,
        household=members[0],
        option_key="agree",
        channel=Channel.MEETING_HANDS,
        actor=village_head,
        now=MEETING,
    )
    with pytest.raises((DomainError, IntegrityError)), transaction.atomic():
        vote_services.vote_cast(
            vote=vote,
            household=members[0],
            option_key="agree",
            channel=Channel.MEETING_HANDS,
            actor=village_head,
            now=MEETING,
        )
    closed = vote_services.vote_close(vote=vote, actor=village_head, now=COUNTED)
    assert closed.yes_count == 1 and not closed.passed
    assert services.version_record_adoption(version=version, actor=village_head, now=COUNTED).status == (
        VersionStatus.NOT_ADOPTED
    )


def test_attack_officer_of_another_commune_cannot_recognise(
    convention: Convention, village_head: User, other_commune_officer: User
) -> None:
    version = submit_dossier(adopt(convention, village_head), village_head, now=DOSSIER)
    with pytest.raises(DomainError) as error:
        services.version_recognise(version=version, actor=other_commune_officer, now=DECIDED)
    assert error.value.code == "conventions.not_authorised"


def test_attack_village_head_cannot_recognise_their_own_convention(convention: Convention, village_head: User) -> None:
    version = submit_dossier(adopt(convention, village_head), village_head, now=DOSSIER)
    with pytest.raises(DomainError) as error:
        services.version_recognise(version=version, actor=village_head, now=DECIDED)
    assert error.value.code == "conventions.not_authorised"


def test_attack_resident_cannot_propose_or_draft(
    community: AdministrativeUnit, convention: Convention, resident: User
) -> None:
    with pytest.raises(DomainError):
        services.convention_propose(
            community=community,
            name_kind="quy_uoc",
            title="Quy ước giả",
            basis=ProposalBasis.VILLAGE_HEAD,
            front_agreed=True,
            actor=resident,
            now=CREATED,
        )
    with pytest.raises(DomainError):
        services.article_save(
            version=first_version(convention), heading="Điều 9", text="x", actor=resident, now=CREATED
        )
    assert first_version(convention).articles.count() == 3


def test_attack_citizens_proposal_short_of_ten_percent(community: AdministrativeUnit, village_head: User) -> None:
    with pytest.raises(DomainError) as error:
        services.convention_propose(
            community=community,
            name_kind="quy_uoc",
            title="Quy ước",
            basis=ProposalBasis.CITIZENS,
            supporting_households=0,
            actor=village_head,
            now=CREATED,
        )
    assert error.value.code == "conventions.support_too_low"
    assert not Convention.objects.exists()


def test_the_village_head_sets_another_agreed_review_day(
    convention: Convention, village_head: User, commune_chair: User
) -> None:
    recognise(convention, village_head, commune_chair)
    community_ids = [convention.community_id]
    assert [c.pk for c, _day in selectors.reviews_due(community_ids, dt.date(2026, 12, 5))] == [convention.pk]
    saved = services.review_date_set(convention=convention, month=12, day=20, actor=village_head, now=DECIDED)
    assert (saved.review_month, saved.review_day) == (12, 20)
    event = AuditEvent.objects.filter(code="conventions.convention.review_date_set").get()
    assert event.before == {"review_month": 11, "review_day": 18}
    assert event.after == {"review_month": 12, "review_day": 20}
    # Due from 14 days before the agreed day, no longer from 18 November's.
    assert selectors.reviews_due(community_ids, dt.date(2026, 12, 5)) == []
    assert selectors.reviews_due(community_ids, dt.date(2026, 12, 6)) == [(saved, dt.date(2026, 12, 20))]


@pytest.mark.parametrize(("month", "day"), [(2, 29), (4, 31), (13, 1), (0, 0)])
def test_a_review_day_not_in_every_year_is_refused_and_changes_nothing(
    convention: Convention, village_head: User, month: int, day: int
) -> None:
    with pytest.raises(DomainError) as error:
        services.review_date_set(convention=convention, month=month, day=day, actor=village_head, now=DECIDED)
    assert error.value.code == "conventions.bad_review_date"
    assert "29/02" in error.value.message
    convention.refresh_from_db()
    assert (convention.review_month, convention.review_day) == (11, 18)
    assert not AuditEvent.objects.filter(code="conventions.convention.review_date_set").exists()


def test_only_the_village_s_own_head_sets_its_review_day(
    convention: Convention, second_community: AdministrativeUnit, commune_chair: User
) -> None:
    other_head = make_persona("other_head", "village_head", second_community)
    for actor in (other_head, commune_chair):
        with pytest.raises(DomainError) as error:
            services.review_date_set(convention=convention, month=1, day=15, actor=actor, now=DECIDED)
        assert error.value.code == "conventions.not_authorised"
    convention.refresh_from_db()
    assert (convention.review_month, convention.review_day) == (11, 18)
