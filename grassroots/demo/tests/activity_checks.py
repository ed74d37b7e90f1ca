"""Checks of the demo's activity, called from the one test that runs the (slow) seed."""

from __future__ import annotations

import datetime as dt
from typing import Any
from unittest import mock

from django.db.models import Count

from grassroots.accounts.models import User
from grassroots.calendar.selectors import working_days_between
from grassroots.core.models import AuditEvent
from grassroots.dashboard.registry import DUE_SOON_WORKING_DAYS
from grassroots.demo import activity, content
from grassroots.disclosures import selectors as disclosure_selectors
from grassroots.disclosures.models import (
    Disclosure,
    DisclosureAttachment,
    DisclosurePlan,
    InformationRequest,
    InformationRequestStatus,
    PublicationEvent,
    RelayTask,
    Status,
)
from grassroots.documents.models import Document, DocumentType
from grassroots.elections.models import Election, ElectionStatus
from grassroots.initiatives.models import Initiative, InitiativeStatus
from grassroots.units.models import AdministrativeUnit, Household
from grassroots.voting import demo as voting_demo
from grassroots.voting import selectors as decision_selectors
from grassroots.voting import services as decision_services
from grassroots.voting.models import (
    Channel,
    CommunityVote,
    DecisionRevocation,
    MeetingAttendance,
    VoteForm,
    VoteFormDocument,
    VoteParticipation,
    VotePurpose,
    VoteStatus,
)


def activity_snapshot() -> dict[str, Any]:
    return {
        "disclosures": Disclosure.objects.count(),
        "publications": PublicationEvent.objects.count(),
        "relay_tasks": RelayTask.objects.count(),
        "relay_acknowledged": RelayTask.objects.filter(acknowledged_at__isnull=False).count(),
        "requests": InformationRequest.objects.count(),
        "plans": DisclosurePlan.objects.count(),
        "votes": CommunityVote.objects.count(),
        "participations": VoteParticipation.objects.count(),
        "attendances": MeetingAttendance.objects.count(),
        "elections": Election.objects.count(),
        "initiatives": Initiative.objects.count(),
        "documents": Document.objects.count(),
        "audit_events": AuditEvent.objects.count(),
    }


def check_activity(commune: AdministrativeUnit) -> None:
    from grassroots.consultations.models import Consultation
    from grassroots.conventions.models import Convention

    # The consultations demo publishes its report as K11 through the disclosure service (checked here, and
    # left out of the content counts below).
    reports = Consultation.objects.filter(commune=commune, report_disclosure__isnull=False)
    assert reports.count() == 1
    assert (
        Consultation.objects.filter(
            commune=commune, status="open", village__isnull=True, organisation__isnull=True
        ).count()
        == 1
    )
    assert Consultation.objects.filter(commune=commune, status="open", village__isnull=False).count() == 1
    conventions = Convention.objects.filter(community__parent=commune)
    assert sorted(conventions.values_list("status", flat=True)) == ["building", "in_force"]
    # The dialogue demo publishes its results (K14) through the disclosure service as well.
    from grassroots.oversight.models import Inspection, Recommendation
    from grassroots.reception.models import DialogueConference

    dialogue_results = DialogueConference.objects.filter(unit=commune, results_disclosure__isnull=False)
    assert dialogue_results.count() == 1
    commune_items = (
        Disclosure.objects.filter(unit=commune, organisation__isnull=True)
        .exclude(pk__in=reports.values("report_disclosure"))
        .exclude(pk__in=dialogue_results.values("results_disclosure"))
        # The inspection board's answered public recommendations and conclusions, published under K14.
        .exclude(pk__in=Recommendation.objects.filter(public_disclosure__isnull=False).values("public_disclosure"))
        .exclude(pk__in=Inspection.objects.filter(public_disclosure__isnull=False).values("public_disclosure"))
    )
    assert commune_items.count() == len(content.COMMUNE_DISCLOSURES) == 17
    # 5 seeded internal items + the school's and the enterprise's conference resolutions + the result of the
    # school's staff ballot + the enterprise's workplace dialogue outcome (workplaces demo).
    from grassroots.workplaces.models import StaffBallot, WorkplaceDialogue

    published_dialogues = WorkplaceDialogue.objects.filter(organisation__unit=commune, result_disclosure__isnull=False)
    assert published_dialogues.count() == 1
    assert Disclosure.objects.filter(unit=commune, organisation__isnull=False).count() == 5 + 2 + 1 + 1

    assert list(StaffBallot.objects.filter(organisation__unit=commune).values_list("status", flat=True)) == ["counted"]
    statuses = dict(commune_items.values_list("status").annotate(n=Count("id")))
    assert statuses == {
        Status.PUBLISHED: 11,
        Status.REPUBLISHED: 1,
        Status.WITHDRAWN: 1,
        Status.ENDED: 1,
        Status.DRAFT: 3,
    }
    assert commune_items.filter(category__is_permanent=True).count() == 2
    assert commune_items.values("category").distinct().count() == 13
    late = [
        item
        for item in commune_items
        if item.first_published_on and item.due_on and item.first_published_on > item.due_on
    ]
    assert {item.category.code for item in late} == {"K1", "K10"}

    # On the reference day the drafts' deadlines are overdue, due soon and later.
    due = [item.due_on for item in commune_items.filter(status=Status.DRAFT).order_by("due_on")]
    assert all(day is not None for day in due)
    left = [working_days_between(content.REFERENCE_DAY, day) for day in due if day is not None]
    assert due[0] is not None and due[0] < content.REFERENCE_DAY
    assert 0 <= left[1] <= DUE_SOON_WORKING_DAYS < left[2]

    budget = commune_items.get(category__code="K2", title__startswith="Công khai dự toán")
    attachment = DisclosureAttachment.objects.get(disclosure=budget)
    assert attachment.kind == "pdf" and attachment.file.read().startswith(b"%PDF-")
    public = disclosure_selectors.public_disclosures(commune)
    assert budget in disclosure_selectors.search(public, "cong khai du toan ngan sach 2026")
    assert budget in disclosure_selectors.search(public, "Dự toán ngân sách")

    relay = RelayTask.objects.filter(disclosure__unit=commune).exclude(
        disclosure__in=reports.values("report_disclosure")
    )
    assert relay.count() == 6 * 14  # K7, K8, K9, K10, K11, K12 x 14 villages
    acknowledged = set(relay.filter(acknowledged_at__isnull=False).values_list("community__code", flat=True))
    assert acknowledged == {"01", "02", "14"}
    requests = InformationRequest.objects.filter(unit=commune)
    assert sorted(requests.values_list("status", flat=True)) == [
        InformationRequestStatus.ANSWERED,
        InformationRequestStatus.RECEIVED,
    ]
    assert DisclosurePlan.objects.get(unit=commune, year=2026).items.count() == len(content.PLAN_ITEMS)

    huong_uoc = CommunityVote.objects.get(title=activity.HUONG_UOC_TITLE)
    assert (huong_uoc.matter, huong_uoc.status, huong_uoc.passed) == ("D3", VoteStatus.RECOGNISED, True)
    assert huong_uoc.minutes_document_id is not None and huong_uoc.decision_document_id is not None
    assert 2 * (huong_uoc.present_count or 0) > (huong_uoc.eligible_count or 0)
    road = CommunityVote.objects.get(title=activity.ROAD_TITLE)
    assert (road.matter, road.status, road.passed) == ("D1", VoteStatus.CLOSED, True)
    assert road.unit.name == "Thôn Bến Đò"
    adoption = CommunityVote.objects.get(purpose=VotePurpose.ONLINE_ADOPTION)
    assert adoption.passed and decision_services.online_form_adopted(adoption.unit)
    # Spending the village fund is D2, decided at a meeting by ≥ 2/3 of all households; only D6 goes online.
    solar = CommunityVote.objects.get(title=activity.SOLAR_TITLE)
    assert (solar.matter, solar.form, solar.status, solar.passed) == ("D2", "meeting", VoteStatus.SUBMITTED, True)
    assert 3 * (solar.yes_count or 0) >= 2 * (solar.eligible_count or 0)
    assert set(CommunityVote.objects.filter(form="online").values_list("matter", flat=True)) == {"D6"}
    online = CommunityVote.objects.get(title=activity.ONLINE_TITLE)
    assert online.online_agreement.front_head.username == "mttqthon"
    convention_vote = conventions.get(status="in_force").versions.get().vote
    assert convention_vote is not None and convention_vote.passed
    # The Decree 59 blocks (grassroots/voting/demo.py) add their own ballot campaign and meeting.
    issue_12 = (voting_demo.BALLOT_TITLE, voting_demo.PARKING_TITLE)
    assert VoteParticipation.objects.exclude(vote__title__in=issue_12).count() == sum(
        vote.participation_count or 0 for vote in (huong_uoc, road, adoption, solar, convention_vote)
    )
    assert VoteFormDocument.objects.filter(form__in=["mau01", "mau03", "mau04"]).count() == 3
    assert DecisionRevocation.objects.filter(original__title=voting_demo.PARKING_TITLE).exists()
    assert CommunityVote.objects.get(title=voting_demo.BALLOT_TITLE).plan_sent_on is not None
    assert VoteParticipation.objects.count() > 450

    election = Election.objects.get(election_date=activity.ELECTION_DATE)
    assert election.status == ElectionStatus.PREPARING
    assert election.candidates_fixed_on is not None and election.team_formed_on is None
    initiative = Initiative.objects.get(title=activity.INITIATIVE_TITLE)
    assert initiative.status == InitiativeStatus.COLLECTING and initiative.signatures.count() == 24

    kinds = set(Document.objects.filter(issuer=commune).values_list("kind", flat=True))
    assert {DocumentType.PLAN, DocumentType.REPORT, DocumentType.DECISION} <= kinds
    plan = Document.objects.get(issuer=commune, kind=DocumentType.PLAN)
    assert (plan.number, plan.issued_on) == (1, content.KH_ISSUED_ON)
    check_workplaces()


def check_workplaces() -> None:
    """The school and the enterprise: registers imported, 2025 conferences issued, the dialogue published."""
    from grassroots.workplaces.models import (
        Conference,
        ConferenceStatus,
        DialogueStatus,
        StaffMember,
        WorkplaceDialogue,
    )

    assert StaffMember.objects.filter(organisation__name="Trường Tiểu học Vân Long").count() == 42
    issued = Conference.objects.filter(work_year=2025, status=ConferenceStatus.ISSUED)
    assert issued.count() == 2 and all(conference.resolution_document_id for conference in issued)
    assert WorkplaceDialogue.objects.get().status == DialogueStatus.PUBLISHED


def check_online_vote_for_representative() -> None:
    """``daidienho`` sees an open online vote of their village and can vote in it."""
    representative = User.objects.get(username="daidienho")
    during = activity.at(dt.date(2026, 11, 22), 20)
    # "Open now" depends on the day: ask on a day inside the vote's period (20–29/11/2026).
    with mock.patch("grassroots.core.clock.now", return_value=during):
        votes = list(decision_selectors.open_online_votes_for(representative))
    assert [vote.title for vote in votes] == [activity.ONLINE_TITLE]
    vote = votes[0]
    assert (vote.form, vote.status) == (VoteForm.ONLINE, VoteStatus.OPEN)
    household = Household.objects.get(representative__user=representative)
    decision_services.vote_cast(
        vote=vote, household=household, option_key="agree", channel=Channel.ONLINE, actor=representative, now=during
    )
    assert VoteParticipation.objects.filter(vote=vote, household=household, is_on_behalf=False).exists()
