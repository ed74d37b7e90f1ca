"""Demo data for issue 12: the Decree 59 forms, a ballot campaign with its plan, a revoked decision, Mẫu 05.

Written through the services, idempotent: each block is skipped when its stable key (a vote title, a
form already issued) is there. Called once from ``grassroots/demo/activity.py``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.db import transaction

from grassroots.core import clock
from grassroots.elections import services as election_services
from grassroots.elections.models import Election
from grassroots.units.models import AdministrativeUnit, Household
from grassroots.voting import services
from grassroots.voting.models import Channel, CommunityVote, DecisionRevocation

NOTICE_TITLE = "Nạo vét kênh mương nội đồng thôn Đông Hòa trước vụ Đông Xuân"
BALLOT_TITLE = "Chọn giờ mở cửa nhà văn hóa thôn Đông Hòa buổi tối"
PARKING_TITLE = "Thu phí trông giữ xe 5.000 đồng/lượt tại nhà văn hóa thôn Bến Đò"
ELECTION_DATE = dt.date(2026, 12, 13)


def _at(day: dt.date, hour: int = 9) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, 0, tzinfo=clock.local_zone())


def _households(community: AdministrativeUnit, day: dt.date) -> list[Household]:
    return list(Household.objects.of_unit_on(community, day).select_related("representative").order_by("code"))


def _name(household: Household) -> str:
    return household.representative.full_name if household.representative else household.code


def _notice(community: AdministrativeUnit, users: dict[str, Any]) -> None:
    """A D1 meeting announced with its Mẫu 01 and the documents each household receives."""
    head = users["truongthon1"]
    issued = _at(dt.date(2026, 11, 20), 8)
    vote = services.vote_create(
        unit=community,
        matter="D1",
        form="meeting",
        title=NOTICE_TITLE,
        question=(
            "Đồng ý nạo vét 2,4 km kênh mương nội đồng, mỗi hộ góp 2 ngày công hoặc 300.000 đồng, "
            "hoàn thành trước ngày 15/01/2027?"
        ),
        starts_at=_at(dt.date(2026, 11, 28), 19),
        convenor_role="village_head",
        actor=head,
        now=issued,
    )
    services.meeting_notice_issue(
        vote=vote,
        place="Nhà văn hóa thôn Đông Hòa",
        meeting_documents=[
            "Dự toán nạo vét kênh mương nội đồng (Ban phát triển thôn lập)",
            "Phương án huy động ngày công, đóng góp của hộ",
        ],
        actor=head,
        now=issued,
    )


def _ballot_campaign(community: AdministrativeUnit, users: dict[str, Any]) -> None:
    """A D6 household-ballot campaign: plan sent within 2 days, ballots counted with 2 witnesses, Mẫu 04."""
    head = users["truongthon1"]
    start = dt.date(2026, 11, 12)
    campaign = services.vote_create(
        unit=community,
        matter="D6",
        form="household_ballot",
        title=BALLOT_TITLE,
        question="Nhà văn hóa thôn mở cửa buổi tối từ 18 giờ 30 đến 21 giờ 30 các ngày trong tuần?",
        starts_at=_at(start, 8),
        ends_at=_at(start + dt.timedelta(days=4), 17),
        convenor_role="village_head",
        actor=head,
        now=_at(dt.date(2026, 11, 6)),
    )
    households = _households(community, start)
    for index, household in enumerate(households[30:33]):
        services.vote_officer_add(
            vote=campaign,
            role="ballot_team",
            full_name=_name(household),
            household=household,
            is_leader=index == 0,
            actor=head,
            now=_at(dt.date(2026, 11, 6)),
        )
    services.vote_schedule(
        vote=campaign,
        notice_given_at=_at(dt.date(2026, 11, 9), 8),
        plan_issued_on=dt.date(2026, 11, 6),
        actor=head,
        now=_at(dt.date(2026, 11, 9), 8),
    )
    services.ballot_plan_send(vote=campaign, sent_on=dt.date(2026, 11, 7), actor=head, now=_at(dt.date(2026, 11, 7)))
    services.vote_open(vote=campaign, actor=head, now=_at(start, 8))
    for index, household in enumerate(households):
        if index % 5 == 4:
            continue  # a fifth of the households did not return their ballot
        services.vote_cast(
            vote=campaign,
            household=household,
            option_key="disagree" if index % 7 == 3 else "agree",
            channel=Channel.PAPER_BALLOT,
            actor=head,
            now=_at(start + dt.timedelta(days=index % 4), 16),
        )
    closed = services.vote_close(vote=campaign, actor=head, now=_at(start + dt.timedelta(days=4), 18))
    services.ballot_minutes_issue(
        vote=closed,
        witnesses=[_name(households[40]), _name(households[41])],
        actor=head,
        now=_at(start + dt.timedelta(days=4), 18),
    )


def _revoked(community: AdministrativeUnit, users: dict[str, Any]) -> None:
    """A decision the People's Committee revokes as unlawful (Law art. 22): a fee the law does not allow."""
    head, chair = users["truongthon14"], users["chutich"]
    day = dt.date(2026, 11, 1)
    vote = services.meeting_convene(
        community=community,
        matter="D6",
        title=PARKING_TITLE,
        question="Thu phí trông giữ xe 5.000 đồng/lượt khi họp, sinh hoạt tại nhà văn hóa thôn?",
        starts_at=_at(day, 19),
        notice_given_at=_at(dt.date(2026, 10, 28), 8),
        actor=head,
        now=_at(dt.date(2026, 10, 28), 8),
    )
    started = _at(day, 19)
    services.vote_open(vote=vote, actor=head, now=started)
    present = [household for index, household in enumerate(_households(community, day)) if index % 10 < 8]
    for household in present:
        services.meeting_attendance_set(vote=vote, household=household, present=True, actor=head, now=started)
    services.meeting_officers_approve(
        vote=vote, secretary="Phạm Thị Yến", approving=len(present) - 2, actor=head, now=started
    )
    for index, household in enumerate(present):
        services.vote_cast(
            vote=vote,
            household=household,
            option_key="disagree" if index % 6 == 5 else "agree",
            channel=Channel.MEETING_HANDS,
            actor=head,
            now=started + dt.timedelta(hours=1),
        )
    closed = services.vote_close(vote=vote, actor=head, now=started + dt.timedelta(hours=2))
    services.meeting_decision_issue(
        vote=closed,
        # [L] art. 20(2)(g): the village head (on the register) and the Front work-committee head, whom this
        # village has not put on the platform, so the name is typed.
        first_official_name=head.full_name,
        second_official_name="Đinh Văn Mặt",
        household_signers=[_name(present[3]), _name(present[4])],
        decision_text="Thu phí trông giữ xe 5.000 đồng/lượt tại nhà văn hóa thôn.",
        actor=head,
        now=started + dt.timedelta(hours=2),
    )
    services.decision_revoke(
        vote=closed,
        ground="unlawful",
        kind="revoke",
        reason=(
            "Khoản thu không thuộc các khoản đóng góp tự nguyện do cộng đồng quyết định; nhà văn hóa thôn "
            "là thiết chế văn hóa công cộng, không được thu phí trông giữ xe khi Nhân dân sinh hoạt."
        ),
        actor=chair,
        now=_at(dt.date(2026, 11, 5), 10),
    )


def _candidate_minutes(community: AdministrativeUnit, users: dict[str, Any]) -> None:
    """Mẫu 05 of the Tây Hòa village-head election, sent 23 days before election day."""
    election = Election.objects.filter(community=community, election_date=ELECTION_DATE).first()
    if election is None:
        return
    election_services.candidate_list_minutes_issue(
        election=election,
        front_committee=["Nguyễn Văn Tâm (Trưởng ban)", "Lê Thị Nga", "Trần Văn Phúc (thư ký)"],
        actor=users["chutich"],
        now=_at(dt.date(2026, 11, 20), 11),
    )


def seed_decree59(*, communities: list[AdministrativeUnit], users: dict[str, Any]) -> int:
    """Seed the blocks that are not there yet; returns how many were created."""
    dong_hoa, tay_hoa, ben_do = communities[0], communities[1], communities[13]
    blocks: list[tuple[bool, Callable[[], None]]] = [
        (
            CommunityVote.objects.filter(unit=dong_hoa, title=NOTICE_TITLE).exists(),
            lambda: _notice(dong_hoa, users),
        ),
        (
            CommunityVote.objects.filter(unit=dong_hoa, title=BALLOT_TITLE).exists(),
            lambda: _ballot_campaign(dong_hoa, users),
        ),
        (
            DecisionRevocation.objects.filter(original__unit=ben_do, original__title=PARKING_TITLE).exists(),
            lambda: _revoked(ben_do, users),
        ),
        (
            Election.objects.filter(
                community=tay_hoa, election_date=ELECTION_DATE, candidate_minutes_document_id__isnull=False
            ).exists()
            or not Election.objects.filter(community=tay_hoa, election_date=ELECTION_DATE).exists(),
            lambda: _candidate_minutes(tay_hoa, users),
        ),
    ]
    created = 0
    for exists, build in blocks:
        if exists:
            continue
        with transaction.atomic():
            build()
        created += 1
    return created
