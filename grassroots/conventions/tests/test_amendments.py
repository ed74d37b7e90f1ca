"""An amendment recognised: the old text becomes SUPERSEDED; a suspended convention is reinstated (SUSPENDED →
IN_FORCE) only by the recognition of its corrected text ([ND61] arts 12–13); and no one skips a state."""

from __future__ import annotations

import datetime as dt

import pytest

from grassroots.accounts.models import User
from grassroots.conventions import selectors, services
from grassroots.conventions.models import (
    Convention,
    ConventionStatus,
    ConventionVersion,
    MeasureKind,
    ProposalBasis,
    VersionStatus,
)
from grassroots.conventions.tests.conftest import FULL_DOSSIER, VN, finalise, first_version, recognise, submit_dossier
from grassroots.core.errors import DomainError
from grassroots.core.models import AuditEvent
from grassroots.units.testing import households
from grassroots.voting import services as vote_services
from grassroots.voting.models import Channel, VoteForm

pytestmark = pytest.mark.django_db


def _at(day: dt.date, hour: int = 9) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, 0), tzinfo=VN)


SUSPENDED_ON = dt.date(2026, 11, 24)
PROPOSED_ON = dt.date(2026, 11, 25)
COMMENTS_CLOSE_ON = dt.date(2026, 12, 25)
"""Exactly 30 days after posting the amendment."""
FINALISED_ON = dt.date(2026, 12, 26)
MEETING_ON = dt.date(2027, 1, 3)
"""Sunday 3/1/2027: the households' meeting on the amendment."""
DOSSIER_ON = dt.date(2027, 1, 4)
RECOGNISED_ON = dt.date(2027, 1, 6)


def _suspend(convention: Convention, chair: User) -> None:
    services.measure_decide(
        convention=convention,
        kind=MeasureKind.SUSPENSION_PARTIAL,
        basis="Phản ánh của hộ ông A: Điều 3 trái quy định.",
        basis_received_on=dt.date(2026, 11, 20),
        reasons="Điều 3 quy định phạt tiền, thay thế chế tài của pháp luật.",
        articles="Điều 3",
        fix_by=dt.date(2027, 1, 31),
        actor=chair,
        now=_at(SUSPENDED_ON),
    )


def _amend_to_adoption(convention: Convention, head: User) -> ConventionVersion:
    """Propose an amendment that rewrites article 3, post it for 30 days, finalise, adopt at a D3 meeting."""
    amendment = services.amendment_propose(
        convention=convention,
        basis=ProposalBasis.VILLAGE_HEAD,
        front_agreed=True,
        reason="Sửa Điều 3 theo quyết định tạm ngưng.",
        actor=head,
        now=_at(PROPOSED_ON),
    )
    services.article_save(
        version=amendment,
        position=3,
        heading="Điều 3. Việc cưới, việc tang",
        text="Tổ chức tiết kiệm; nhắc nhở, góp ý tại cuộc họp thôn, không phạt tiền.",
        actor=head,
        now=_at(PROPOSED_ON),
    )
    amendment = services.comments_open(version=amendment, closes_on=COMMENTS_CLOSE_ON, actor=head, now=_at(PROPOSED_ON))
    services.comments_close(version=amendment, actor=head, now=_at(FINALISED_ON))
    amendment = services.version_finalise(version=amendment, actor=head, now=_at(FINALISED_ON))
    meeting = _at(MEETING_ON, 8)
    vote = vote_services.vote_create(
        unit=convention.community,
        matter="D3",
        form=VoteForm.MEETING,
        title="Thông qua sửa đổi Hương ước Thôn 1",
        question="Đồng ý thông qua bản sửa đổi?",
        starts_at=meeting,
        convenor_role="village_head",
        actor=head,
        now=_at(FINALISED_ON),
    )
    notice = meeting - dt.timedelta(days=3)
    vote = vote_services.vote_schedule(
        vote=vote, notice_given_at=notice, documents_delivered_at=notice, actor=head, now=notice
    )
    services.version_link_vote(version=amendment, vote=vote, actor=head, now=notice)
    vote = vote_services.vote_open(vote=vote, actor=head, now=meeting)
    members = households(vote.unit)[:2]
    for household in members:
        vote_services.meeting_attendance_set(vote=vote, household=household, present=True, actor=head, now=meeting)
    vote_services.meeting_officers_approve(vote=vote, secretary="Nguyễn Thư Ký", approving=2, actor=head, now=meeting)
    for household in members:
        vote_services.vote_cast(
            vote=vote, household=household, option_key="agree", channel=Channel.MEETING_HANDS, actor=head, now=meeting
        )
    counted = _at(MEETING_ON, 10)
    vote_services.vote_close(vote=vote, actor=head, now=counted)
    return services.version_record_adoption(version=amendment, actor=head, now=counted)


def _statuses(convention: Convention) -> dict[int, str]:
    return dict(convention.versions.order_by("number").values_list("number", "status"))


@pytest.mark.parametrize("suspended", [True, False], ids=["suspended", "in_force"])
def test_recognised_amendment_supersedes_the_old_text(
    convention: Convention, village_head: User, commune_chair: User, suspended: bool
) -> None:
    first = recognise(convention, village_head, commune_chair)
    if suspended:
        _suspend(convention, commune_chair)
        convention.refresh_from_db()
        assert convention.status == ConventionStatus.SUSPENDED
    amendment = _amend_to_adoption(convention, village_head)
    convention.refresh_from_db()
    # Adopted but not recognised: the old text still governs, the suspension still holds.
    assert _statuses(convention) == {1: VersionStatus.RECOGNISED, 2: VersionStatus.ADOPTED}
    assert convention.status == (ConventionStatus.SUSPENDED if suspended else ConventionStatus.IN_FORCE)
    assert selectors.text_in_force(convention) == first
    submit_dossier(amendment, village_head, now=_at(DOSSIER_ON))
    recognised = services.version_recognise(version=amendment, actor=commune_chair, now=_at(RECOGNISED_ON))
    convention.refresh_from_db()
    assert _statuses(convention) == {1: VersionStatus.SUPERSEDED, 2: VersionStatus.RECOGNISED}
    assert convention.status == ConventionStatus.IN_FORCE
    assert selectors.text_in_force(convention) == recognised
    assert "không phạt tiền" in recognised.articles.get(position=3).text
    assert "không phạt tiền" not in first.articles.get(position=3).text
    superseded = AuditEvent.objects.get(code="conventions.version.superseded", object_id=str(first.pk))
    assert (superseded.before or {})["status"] == VersionStatus.RECOGNISED
    assert (superseded.after or {})["status"] == VersionStatus.SUPERSEDED
    reinstated = AuditEvent.objects.filter(code="conventions.convention.recognised", object_id=str(convention.pk))
    last = reinstated.order_by("pk").last()
    assert last is not None
    assert (last.before or {})["status"] == (ConventionStatus.SUSPENDED if suspended else ConventionStatus.IN_FORCE)
    counts = selectors.status_counts(convention.community.parent_id or 0, 2027)
    assert counts["amended"] == 1 and counts["in_force"] == 1 and counts["suspended"] == 0


# --- Attacks: no state is skipped ------------------------------------------------------------------------------


def _refused(call: object, code: str = "conventions.bad_transition") -> None:
    with pytest.raises(DomainError) as error:
        call()  # type: ignore[operator]
    assert error.value.code == code


def test_attack_a_finalised_text_cannot_be_recognised_or_sent_before_adoption(
    convention: Convention, village_head: User, commune_chair: User
) -> None:
    version = finalise(first_version(convention), village_head)
    now = _at(dt.date(2026, 11, 2))
    _refused(lambda: services.version_recognise(version=version, actor=commune_chair, now=now))
    _refused(lambda: services.version_submit_dossier(version=version, items=FULL_DOSSIER, actor=village_head, now=now))
    _refused(lambda: services.version_refuse(version=version, reason="Trái luật.", actor=commune_chair, now=now))
    convention.refresh_from_db()
    assert convention.status == ConventionStatus.BUILDING
    assert ConventionVersion.objects.get(pk=version.pk).status == VersionStatus.FINALISED


def test_attack_a_draft_cannot_jump_to_finalised_adopted_or_submitted(
    convention: Convention, village_head: User, commune_chair: User
) -> None:
    version = first_version(convention)
    now = _at(dt.date(2026, 10, 2))
    _refused(lambda: services.version_finalise(version=version, actor=village_head, now=now))
    _refused(
        lambda: services.version_record_adoption(version=version, actor=village_head, now=now), "conventions.wrong_vote"
    )
    _refused(lambda: services.version_submit_dossier(version=version, items=FULL_DOSSIER, actor=village_head, now=now))
    _refused(lambda: services.version_recognise(version=version, actor=commune_chair, now=now))
    _refused(lambda: services.comments_close(version=version, actor=village_head, now=now))
    assert ConventionVersion.objects.get(pk=version.pk).status == VersionStatus.DRAFTING


def test_attack_a_recognised_text_cannot_be_recognised_again_nor_a_superseded_one_revived(
    convention: Convention, village_head: User, commune_chair: User
) -> None:
    first = recognise(convention, village_head, commune_chair)
    now = _at(dt.date(2026, 11, 12))
    _refused(lambda: services.version_recognise(version=first, actor=commune_chair, now=now))
    _refused(lambda: services.version_submit_dossier(version=first, items=FULL_DOSSIER, actor=village_head, now=now))
    _refused(lambda: services.version_refuse(version=first, reason="Trái luật.", actor=commune_chair, now=now))
    assert ConventionVersion.objects.get(pk=first.pk).status == VersionStatus.RECOGNISED


def test_attack_a_suspension_is_not_lifted_by_an_answer_or_a_second_measure(
    convention: Convention, village_head: User, commune_chair: User
) -> None:
    recognise(convention, village_head, commune_chair)
    _suspend(convention, commune_chair)
    services.measure_decide(
        convention=convention,
        kind=MeasureKind.UNFOUNDED,
        basis="Phản ánh khác của hộ bà B.",
        basis_received_on=dt.date(2026, 11, 25),
        reasons="Không có cơ sở.",
        actor=commune_chair,
        now=_at(dt.date(2026, 11, 26)),
    )
    services.measure_decide(
        convention=convention,
        kind=MeasureKind.ABOLITION_PARTIAL,
        basis="Kết luận kiểm tra.",
        basis_received_on=dt.date(2026, 11, 25),
        reasons="Điều 2 trái pháp luật.",
        articles="Điều 2",
        actor=commune_chair,
        now=_at(dt.date(2026, 11, 26)),
    )
    convention.refresh_from_db()
    assert convention.status == ConventionStatus.SUSPENDED


def test_attack_an_abolished_convention_cannot_be_amended_reported_or_reinstated(
    convention: Convention, village_head: User, commune_chair: User
) -> None:
    first = recognise(convention, village_head, commune_chair)
    now = _at(dt.date(2026, 11, 24))
    services.measure_decide(
        convention=convention,
        kind=MeasureKind.ABOLITION_FULL,
        basis="Kết luận kiểm tra ngày 20/11/2026",
        basis_received_on=dt.date(2026, 11, 20),
        reasons="Nội dung trái pháp luật.",
        actor=commune_chair,
        now=now,
    )
    _refused(
        lambda: services.amendment_propose(
            convention=convention,
            basis=ProposalBasis.VILLAGE_HEAD,
            front_agreed=True,
            reason="Làm lại.",
            actor=village_head,
            now=now,
        ),
        "conventions.not_in_force",
    )
    _refused(
        lambda: services.measure_decide(
            convention=convention,
            kind=MeasureKind.SUSPENSION_FULL,
            basis="x",
            basis_received_on=dt.date(2026, 11, 20),
            reasons="x",
            fix_by=dt.date(2027, 1, 31),
            actor=commune_chair,
            now=now,
        ),
        "conventions.not_in_force",
    )
    _refused(lambda: services.version_recognise(version=first, actor=commune_chair, now=now))
    convention.refresh_from_db()
    assert convention.status == ConventionStatus.ABOLISHED
    assert convention.versions.count() == 1
