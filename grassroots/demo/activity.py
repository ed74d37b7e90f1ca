"""The demo commune's activity, written only through the apps' services (so every row is valid and audited).

Disclosures (with the 2026 disclosure plan and information requests), community decisions (a recognised
hương ước, a D1 meeting, the online-form adoption and an open online vote, a village-head election in
preparation, a citizen initiative) and the commune's 2026 plan and six-month report.

Deterministic: fixed dates (``content``) and households chosen by code. Idempotent: every block is
found by a stable key (a title, a year) and skipped when present; each block runs in one transaction.
"""

from __future__ import annotations

import datetime as dt
import zlib
from collections.abc import Callable

from django.db import transaction

from grassroots.accounts.models import Role, User
from grassroots.consultations.demo import seed_consultations
from grassroots.conventions.demo import seed_conventions
from grassroots.core import clock
from grassroots.demo import content, data
from grassroots.disclosures import services as disclosure_services
from grassroots.disclosures.models import (
    Disclosure,
    DisclosureCategory,
    DisclosurePlan,
    DisclosureProfile,
    InformationRequest,
    RelayTask,
)
from grassroots.documents import rules as document_rules
from grassroots.documents.models import Document, DocumentType, IssuingBodyKind
from grassroots.documents.selectors import issuing_body_for
from grassroots.documents.services import document_issue
from grassroots.documents.spec import Recipients
from grassroots.elections import services as election_services
from grassroots.elections.models import Election, ElectionKind
from grassroots.funds.demo import seed_funds
from grassroots.initiatives import services as initiative_services
from grassroots.initiatives.models import Initiative
from grassroots.oversight.demo import seed_oversight
from grassroots.petitions import demo as petition_demo
from grassroots.reception import demo as reception_demo
from grassroots.units import selectors as unit_selectors
from grassroots.units.models import AdministrativeUnit, Household, Organisation
from grassroots.voting import services as vote_services
from grassroots.voting.demo import seed_decree59
from grassroots.voting.models import Channel as VoteChannel
from grassroots.voting.models import CommunityVote, OfficerRole, VoteForm, VotePurpose
from grassroots.voting.services import documents as decision_documents
from grassroots.workplaces.demo import workplaces_demo_seed

RELAY_USERS = {0: "truongthon1", 1: "truongthonlamthoi", 13: "truongthon14"}
"""Who acknowledges relay tasks, by community index: the demo's village heads."""

HUONG_UOC_TITLE = "Hương ước thôn Đông Hòa (sửa đổi, bổ sung năm 2026)"
ADOPTION_TITLE = "Lựa chọn hình thức biểu quyết trực tuyến của thôn Đông Hòa"
ONLINE_TITLE = "Chọn ngày tổng vệ sinh, trang trí đường làng đón Tết của thôn Đông Hòa"
SOLAR_TITLE = "Chi 45 triệu đồng từ quỹ thôn Đông Hòa lắp đèn năng lượng mặt trời đường trục thôn"
ROAD_TITLE = "Làm đường bê tông ngõ xóm thôn Bến Đò và mức đóng góp của hộ"
INITIATIVE_TITLE = "Lắp camera an ninh tại các ngã ba đường trục thôn Đông Hòa"
ELECTION_DATE = dt.date(2026, 12, 13)

DONG_HOA, TAY_HOA, BEN_DO = 0, 1, 13


def at(day: dt.date, hour: int = 9, minute: int = 0) -> dt.datetime:
    """A fixed moment on ``day`` in Vietnam time (never the clock)."""
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=clock.local_zone())


def _users() -> dict[str, User]:
    names = {seed.username for seed in data.ROLE_USERS}
    return {user.username: user for user in User.objects.filter(username__in=names)}


def tiny_pdf(lines: list[str]) -> bytes:
    """A one-page PDF with a few ASCII lines (Helvetica), enough for an attachment that opens anywhere."""
    text = "BT /F1 12 Tf 50 780 Td 16 TL " + " ".join(f"({line}) '" for line in lines) + " ET"
    stream = zlib.compress(text.encode("ascii"))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> "
        b"/Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


BUDGET_PDF_LINES = [
    "UY BAN NHAN DAN XA VAN LONG - TINH NINH BINH",
    "CONG KHAI DU TOAN NGAN SACH XA NAM 2026",
    "Tong thu ngan sach nha nuoc tren dia ban: 18.650 trieu dong",
    "Tong chi ngan sach xa: 21.340 trieu dong",
    "  - Chi dau tu phat trien: 6.200 trieu dong",
    "  - Chi thuong xuyen: 14.710 trieu dong",
    "  - Du phong ngan sach: 430 trieu dong",
    "(Bieu mau theo Thong tu 343/2016/TT-BTC)",
]


# --- Disclosures ----------------------------------------------------------------------------------


def _disclosure(
    seed: content.DisclosureSeed,
    *,
    commune: AdministrativeUnit,
    communities: list[AdministrativeUnit],
    organisations: dict[str, Organisation],
    users: dict[str, User],
) -> bool:
    organisation = organisations[seed.organisation] if seed.organisation else None
    titles = [seed.title] + ([seed.amendment[0]] if seed.amendment else [])
    if Disclosure.objects.filter(unit=commune, organisation=organisation, title__in=titles).exists():
        return False
    if seed.organisation == "agency":
        actor = users["thutruong"]
    elif seed.organisation == "enterprise":
        actor = users["giamdoc"]
    else:
        actor = users["canbo"]
    attachments = [(seed.attachment, tiny_pdf(BUDGET_PDF_LINES))] if seed.attachment else []
    with transaction.atomic():
        item = disclosure_services.disclosure_create(
            unit=commune,
            organisation=organisation,
            category=DisclosureCategory.objects.get(code=seed.category),
            title=seed.title,
            body=seed.body,
            decision_number=seed.decision_number,
            decided_on=seed.decided_on,
            attachments=attachments,
            actor=actor,
            now=at(seed.decided_on, 14),
        )
        if seed.published_on is None:
            return True
        item = disclosure_services.disclosure_publish(disclosure=item, actor=actor, now=at(seed.published_on, 8))
        for posting in seed.postings:
            # Entered the day the notice went up, and taken down the day it came down: nothing self-reported.
            event = disclosure_services.publication_record(
                disclosure=item,
                channel=posting.channel,
                started_on=posting.started_on,
                community=communities[posting.community] if posting.community is not None else None,
                note=posting.note,
                actor=actor,
                now=at(posting.started_on, 16),
            )
            if posting.ended_on is not None:
                disclosure_services.publication_end(
                    publication=event, ended_on=posting.ended_on, actor=actor, now=at(posting.ended_on, 16)
                )
        for index, day in seed.relay_acks:
            task = RelayTask.objects.get(disclosure=item, community=communities[index], version_number=1)
            disclosure_services.relay_acknowledge(
                task=task,
                means=["community_meeting", "social_network_group"] if index == DONG_HOA else ["direct_notice"],
                households_note="Đã thông báo tại họp thôn, trên nhóm Zalo của thôn và qua các chi hội.",
                actor=users[RELAY_USERS[index]],
                now=at(day, 19),
            )
        if seed.amendment is not None:
            title, decided_on, note, republished_on = seed.amendment
            item = disclosure_services.disclosure_amend(
                disclosure=item,
                title=title,
                decided_on=decided_on,
                change_note=note,
                body=seed.body,
                decision_number="36/QĐ-UBND",
                actor=actor,
                now=at(decided_on, 15),
            )
            item = disclosure_services.disclosure_republish(disclosure=item, actor=actor, now=at(republished_on, 8))
        if seed.withdrawn_on is not None:
            disclosure_services.disclosure_withdraw(
                disclosure=item, reason=seed.withdrawal_reason, actor=actor, now=at(seed.withdrawn_on, 10)
            )
        if seed.ended_on is not None:
            disclosure_services.disclosure_end(disclosure=item, actor=actor, now=at(seed.ended_on, 10))
    return True


def seed_disclosures(
    commune: AdministrativeUnit,
    communities: list[AdministrativeUnit],
    organisations: dict[str, Organisation],
    users: dict[str, User],
) -> int:
    officer = users["canbo"]
    created = 0
    if not DisclosureProfile.objects.filter(unit=commune, has_portal=True, has_loudspeaker=True).exists():
        disclosure_services.profile_update(
            unit=commune, has_portal=True, has_loudspeaker=True, actor=officer, now=at(dt.date(2025, 7, 2))
        )
    for seed in (*content.COMMUNE_DISCLOSURES, *content.ORGANISATION_DISCLOSURES):
        created += _disclosure(seed, commune=commune, communities=communities, organisations=organisations, users=users)
    if not DisclosurePlan.objects.filter(unit=commune, year=2026).exists():
        with transaction.atomic():
            plan = disclosure_services.plan_create(
                unit=commune,
                year=2026,
                title=content.PLAN_TITLE,
                adopted_on=content.PLAN_ADOPTED_ON,
                actor=users["chutich"],
                now=at(content.PLAN_ADOPTED_ON),
            )
            for code, text, channels, planned_on, owner in content.PLAN_ITEMS:
                disclosure_services.plan_item_add(
                    plan=plan,
                    category=DisclosureCategory.objects.get(code=code),
                    content=text,
                    channels=channels,
                    planned_on=planned_on,
                    owner=owner,
                    actor=officer,
                    now=at(content.PLAN_ADOPTED_ON, 10),
                )
    for request in content.INFORMATION_REQUESTS:
        if InformationRequest.objects.filter(unit=commune, subject=request["subject"]).exists():
            continue
        with transaction.atomic():
            received = disclosure_services.information_request_receive(
                unit=commune,
                requester_name=request["requester_name"],
                requester_contact=request["requester_contact"],
                subject=request["subject"],
                received_on=request["received_on"],
                category=DisclosureCategory.objects.get(code=request["category"]),
                actor=officer,
                now=at(request["received_on"], 10),
            )
            if "answer" in request:
                disclosure_services.information_request_answer(
                    request=received,
                    answer=request["answer"],
                    actor=officer,
                    now=at(request["answered_on"], 15),
                )
    return created


# --- Community decisions --------------------------------------------------------------------------


def _register(community: AdministrativeUnit, day: dt.date) -> list[Household]:
    return list(Household.objects.of_unit_on(community, day).select_related("representative").order_by("code"))


def _choice(index: int) -> tuple[str, str]:
    """A deterministic spread of choices: mostly agree, a few disagree, a few other opinions."""
    if index % 23 == 7:
        return "disagree", ""
    if index % 41 == 11:
        return "other", "Đề nghị làm rõ thêm cách thu, chi và công khai hằng quý."
    return "agree", ""


def _meeting(
    *,
    community: AdministrativeUnit,
    matter: str,
    title: str,
    question: str,
    day: dt.date,
    hour: int,
    notice_day: dt.date,
    present_share: tuple[int, int],
    secretary: str,
    actor: User,
) -> CommunityVote:
    """Convene, open, register the households present, approve the secretary, record hands, close."""
    vote = vote_services.meeting_convene(
        community=community,
        matter=matter,
        title=title,
        question=question,
        starts_at=at(day, hour),
        notice_given_at=at(notice_day, 8),
        documents_delivered_at=at(notice_day, 8),
        actor=actor,
        now=at(notice_day, 8),
    )
    started = at(day, hour)
    vote_services.vote_open(vote=vote, actor=actor, now=started)
    every, of = present_share
    present = [household for index, household in enumerate(_register(community, day)) if index % of < every]
    for household in present:
        vote_services.meeting_attendance_set(
            vote=vote, household=household, present=True, actor=actor, now=started + dt.timedelta(minutes=20)
        )
    vote_services.meeting_officers_approve(
        vote=vote,
        secretary=secretary,
        approving=len(present) - 3,
        actor=actor,
        now=started + dt.timedelta(minutes=30),
    )
    for index, household in enumerate(present):
        option, opinion = _choice(index)
        vote_services.vote_cast(
            vote=vote,
            household=household,
            option_key=option,
            other_opinion=opinion,
            channel=VoteChannel.MEETING_HANDS,
            actor=actor,
            now=started + dt.timedelta(hours=2),
        )
    return vote_services.vote_close(vote=vote, actor=actor, now=started + dt.timedelta(hours=2, minutes=30))


def _huong_uoc(community: AdministrativeUnit, users: dict[str, User]) -> None:
    head, chair = users["truongthon1"], users["chutich"]
    day = dt.date(2026, 10, 18)
    vote = _meeting(
        community=community,
        matter="D3",
        title=HUONG_UOC_TITLE,
        question=(
            "Thông qua dự thảo hương ước thôn Đông Hòa sửa đổi, bổ sung (5 chương, 32 điều): nếp sống văn minh "
            "trong việc cưới, việc tang; giữ gìn vệ sinh môi trường, phân loại rác tại hộ; bảo vệ đê điều, "
            "kênh mương; khen thưởng và xử lý vi phạm?"
        ),
        day=day,
        hour=8,
        notice_day=dt.date(2026, 10, 12),
        present_share=(9, 16),
        secretary="Nguyễn Thị Thu Hương",
        actor=head,
    )
    decision_documents.vote_minutes_issue(vote=vote, actor=head, now=at(dt.date(2026, 10, 19), 8))
    vote.refresh_from_db()
    vote_services.vote_submit(vote=vote, actor=head, now=at(dt.date(2026, 10, 20), 8))
    vote = vote_services.vote_recognise(vote=vote, actor=chair, now=at(dt.date(2026, 10, 26), 10))
    decision_documents.vote_recognition_decision_issue(vote=vote, actor=chair, now=at(dt.date(2026, 10, 26), 10))


def _online(community: AdministrativeUnit, users: dict[str, User]) -> None:
    """The adoption of the online form by household ballots (> 50% of all households), then an open online vote."""
    head = users["truongthon1"]
    team = ("Vũ Đức Long", "Nguyễn Minh Khoa", "Trần Thị Ngọc Anh")
    adoption = vote_services.vote_create(
        unit=community,
        matter="D6",
        form=VoteForm.HOUSEHOLD_BALLOT,
        purpose=VotePurpose.ONLINE_ADOPTION,
        title=ADOPTION_TITLE,
        question="Đồng ý để thôn biểu quyết các công việc tự quản bằng hình thức trực tuyến trên ứng dụng của xã?",
        starts_at=at(dt.date(2026, 9, 7), 7),
        ends_at=at(dt.date(2026, 9, 13), 17),
        convenor_role=Role.VILLAGE_HEAD,
        actor=head,
        now=at(dt.date(2026, 9, 1)),
    )
    for index, name in enumerate(team):
        vote_services.vote_officer_add(
            vote=adoption,
            role=OfficerRole.BALLOT_TEAM,
            full_name=name,
            is_leader=index == 0,
            actor=head,
            now=at(dt.date(2026, 9, 1), 10),
        )
    vote_services.vote_schedule(
        vote=adoption, notice_given_at=at(dt.date(2026, 9, 3)), actor=head, now=at(dt.date(2026, 9, 3))
    )
    vote_services.vote_open(vote=adoption, actor=head, now=at(dt.date(2026, 9, 7), 7))
    households = _register(community, dt.date(2026, 9, 7))
    returned = [household for index, household in enumerate(households) if index % 16 < 10]
    for index, household in enumerate(returned):
        option = "disagree" if index % 19 == 5 else "agree"
        vote_services.vote_cast(
            vote=adoption,
            household=household,
            option_key=option,
            channel=VoteChannel.PAPER_BALLOT,
            actor=head,
            now=at(dt.date(2026, 9, 8 + index % 5), 18),
        )
    vote_services.vote_close(vote=adoption, actor=head, now=at(dt.date(2026, 9, 13), 18))
    vote_services.vote_submit(vote=adoption, actor=head, now=at(dt.date(2026, 9, 14)))

    online = vote_services.vote_create(
        unit=community,
        matter="D6",
        form=VoteForm.ONLINE,
        title=ONLINE_TITLE,
        question=(
            "Đồng ý tổ chức tổng vệ sinh, trang trí đường làng đón Tết vào sáng Chủ nhật 31/01/2027; mỗi xóm "
            "phụ trách đoạn đường trước cửa, Chi đoàn thanh niên treo cờ và đèn lồng?"
        ),
        starts_at=at(dt.date(2026, 11, 20), 7),
        ends_at=at(dt.date(2026, 11, 29), 20),
        convenor_role=Role.VILLAGE_HEAD,
        actor=head,
        now=at(dt.date(2026, 11, 16)),
    )
    for index, name in enumerate(team):
        vote_services.vote_officer_add(
            vote=online,
            role=OfficerRole.ONLINE_TEAM,
            full_name=name,
            is_leader=index == 0,
            actor=head,
            now=at(dt.date(2026, 11, 16), 10),
        )
    # Neither a meeting nor ballots are needed for this D6 matter: the village head and the Front work
    # committee agree and say so before announcing the online vote ([L] art. 17(1)(c); [ND59] art. 5(1)).
    vote_services.online_agreement_record(
        vote=online,
        village_head=head,
        front_head=users["mttqthon"],
        agreed_on=dt.date(2026, 11, 16),
        actor=head,
        now=at(dt.date(2026, 11, 16), 11),
    )
    vote_services.vote_schedule(
        vote=online, notice_given_at=at(dt.date(2026, 11, 17)), actor=head, now=at(dt.date(2026, 11, 17))
    )
    vote_services.vote_open(vote=online, actor=head, now=at(dt.date(2026, 11, 20), 7))


def _solar_lights(community: AdministrativeUnit, users: dict[str, User]) -> None:
    """Spending community funds is D2 ([L] art. 15(2)): decided at a meeting, ≥ 2/3 of all households."""
    head = users["truongthon1"]
    vote = _meeting(
        community=community,
        matter="D2",
        title=SOLAR_TITLE,
        question=(
            "Đồng ý dùng 45 triệu đồng từ quỹ thôn để lắp 30 bộ đèn năng lượng mặt trời dọc đường trục thôn "
            "(từ nhà văn hóa đến cầu Đông), hoàn thành trước Tết Nguyên đán; Ban Giám sát đầu tư của cộng đồng "
            "giám sát, thôn công khai quyết toán?"
        ),
        day=dt.date(2026, 11, 8),
        hour=19,
        notice_day=dt.date(2026, 11, 4),
        present_share=(9, 10),
        secretary="Đỗ Thị Hạnh",
        actor=head,
    )
    vote_services.vote_submit(vote=vote, actor=head, now=at(dt.date(2026, 11, 10), 8))
    decision_documents.vote_minutes_issue(vote=vote, actor=head, now=at(dt.date(2026, 11, 10), 9))


def _road(community: AdministrativeUnit, users: dict[str, User]) -> None:
    head = users["truongthon14"]
    vote = _meeting(
        community=community,
        matter="D1",
        title=ROAD_TITLE,
        question=(
            "Đồng ý chủ trương làm 1,2 km đường bê tông ngõ xóm, mỗi hộ đóng góp 1.500.000 đồng (hộ nghèo, "
            "hộ chính sách được miễn), ngân sách xã hỗ trợ xi măng?"
        ),
        day=dt.date(2026, 11, 18),
        hour=19,
        notice_day=dt.date(2026, 11, 14),
        present_share=(9, 10),
        secretary="Phạm Thị Yến",
        actor=head,
    )
    decision_documents.vote_minutes_issue(vote=vote, actor=head, now=at(dt.date(2026, 11, 19), 8))


def _election(community: AdministrativeUnit, users: dict[str, User]) -> None:
    chair = users["chutich"]
    election = election_services.election_create(
        community=community,
        kind=ElectionKind.VILLAGE_HEAD,
        election_date=ELECTION_DATE,
        decision_issued_on=dt.date(2026, 11, 16),
        actor=chair,
        now=at(dt.date(2026, 11, 16)),
    )
    interim = users["truongthonlamthoi"]
    election_services.election_candidate_add(
        election=election, full_name=interim.full_name, user=interim, actor=chair, now=at(dt.date(2026, 11, 19))
    )
    households = _register(community, dt.date(2026, 11, 19))
    second = households[7].representative
    assert second is not None
    election_services.election_candidate_add(
        election=election, full_name=second.full_name, resident=second, actor=chair, now=at(dt.date(2026, 11, 19))
    )
    election_services.election_candidates_fix(
        election=election, on=dt.date(2026, 11, 20), actor=chair, now=at(dt.date(2026, 11, 20))
    )
    for index, household in enumerate(households[20:23]):
        member = household.representative
        assert member is not None
        election_services.election_team_member_add(
            election=election,
            full_name=member.full_name,
            resident=member,
            is_leader=index == 0,
            actor=chair,
            now=at(dt.date(2026, 11, 20), 10),
        )


def _initiative(community: AdministrativeUnit, users: dict[str, User]) -> None:
    citizen = users["nguoidan"]
    initiative = initiative_services.initiative_create(
        community=community,
        title=INITIATIVE_TITLE,
        description=(
            "Lắp 6 camera an ninh tại các ngã ba đường trục thôn, kinh phí dự kiến 36 triệu đồng do các hộ "
            "tự nguyện đóng góp; Chi đoàn thanh niên thôn quản lý, theo dõi."
        ),
        actor=citizen,
        now=at(dt.date(2026, 11, 2)),
    )
    households = _register(community, dt.date(2026, 11, 2))
    for index, household in enumerate(households[40:64]):
        initiative_services.initiative_sign(
            initiative=initiative,
            household=household,
            signed_on=dt.date(2026, 11, 2 + index % 19),
            actor=citizen,
            now=at(dt.date(2026, 11, 21), 20),
        )


def seed_decisions(communities: list[AdministrativeUnit], users: dict[str, User]) -> int:
    blocks: list[tuple[bool, Callable[[], None]]] = [
        (
            CommunityVote.objects.filter(unit=communities[DONG_HOA], title=HUONG_UOC_TITLE).exists(),
            lambda: _huong_uoc(communities[DONG_HOA], users),
        ),
        (
            CommunityVote.objects.filter(unit=communities[DONG_HOA], title=ADOPTION_TITLE).exists(),
            lambda: _online(communities[DONG_HOA], users),
        ),
        (
            CommunityVote.objects.filter(unit=communities[DONG_HOA], title=SOLAR_TITLE).exists(),
            lambda: _solar_lights(communities[DONG_HOA], users),
        ),
        (
            CommunityVote.objects.filter(unit=communities[BEN_DO], title=ROAD_TITLE).exists(),
            lambda: _road(communities[BEN_DO], users),
        ),
        (
            Election.objects.filter(community=communities[TAY_HOA], election_date=ELECTION_DATE).exists(),
            lambda: _election(communities[TAY_HOA], users),
        ),
        (
            Initiative.objects.filter(community=communities[DONG_HOA], title=INITIATIVE_TITLE).exists(),
            lambda: _initiative(communities[DONG_HOA], users),
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


# --- Documents ------------------------------------------------------------------------------------


def seed_documents(commune: AdministrativeUnit, users: dict[str, User]) -> int:
    committee = issuing_body_for(commune, body=IssuingBodyKind.PEOPLE_COMMITTEE)
    vice_chair, officer = users["phochutich"], users["canbo"]
    created = 0
    if not Document.objects.filter(issuer=commune, kind=DocumentType.PLAN, summary=content.KH_SUMMARY).exists():
        document_issue(
            kind=DocumentType.PLAN,
            issuer=commune,
            summary=content.KH_SUMMARY,
            body=content.KH_BODY,
            signer=document_rules.signature_block(
                issuer=committee, signer_role=Role.COMMUNE_VICE_CHAIR, signer_name=vice_chair.full_name, authority="TM"
            ),
            recipients=Recipients(
                copies=(
                    "Sở Nội vụ tỉnh Ninh Bình (để báo cáo)",
                    "Thường trực Đảng ủy xã",
                    "Thường trực HĐND xã",
                    "Ủy ban MTTQ Việt Nam xã",
                    "Chủ tịch, các Phó Chủ tịch UBND xã",
                    "Các thôn",
                ),
                archive_unit="VP",
            ),
            signer_user=vice_chair,
            actor=officer,
            is_public=True,
            now=at(content.KH_ISSUED_ON, 10),
        )
        created += 1
    if not Document.objects.filter(issuer=commune, kind=DocumentType.REPORT, summary=content.BC_SUMMARY).exists():
        document_issue(
            kind=DocumentType.REPORT,
            issuer=commune,
            summary=content.BC_SUMMARY,
            body=content.BC_BODY,
            signer=document_rules.signature_block(
                issuer=committee, signer_role=Role.COMMUNE_VICE_CHAIR, signer_name=vice_chair.full_name, authority="KT"
            ),
            recipients=Recipients(
                addressees=("Sở Nội vụ tỉnh Ninh Bình",),
                copies=("Như trên", "Thường trực Đảng ủy xã", "Ủy ban MTTQ Việt Nam xã"),
                archive_unit="VP",
            ),
            signer_user=vice_chair,
            actor=officer,
            now=at(content.BC_ISSUED_ON, 10),
        )
        created += 1
    return created


def demo_activity_seed(*, commune: AdministrativeUnit, organisations: dict[str, Organisation]) -> dict[str, int]:
    """Seed every activity block that is not there yet; returns what each part created."""
    users = _users()
    communities = list(unit_selectors.communities_of(commune).order_by("code"))
    return {
        # Documents first: the commune's numbering follows the issue dates (KH in January, BC in June,
        # the recognition decision in October).
        "documents_created": seed_documents(commune, users),
        "disclosures_created": seed_disclosures(commune, communities, organisations, users),
        "decision_blocks_created": seed_decisions(communities, users),
        "workplaces_created": workplaces_demo_seed(organisations=organisations, users=users),
        "notifications_created": _seed_notifications(commune),
        "funds_created": seed_funds(commune, users),
        "cases_created": petition_demo.seed_cases(commune, users),
        "reception_created": reception_demo.seed_reception(commune, users),
        "dialogue_created": reception_demo.seed_dialogue(commune, users),
        "oversight_boards_created": seed_oversight(
            commune=commune, communities=communities, organisations=organisations, users=users
        ),
        "plans_created": _seed_plans(commune, users),
        "consultations_created": seed_consultations(commune, users),
        "conventions_created": seed_conventions(communities, users),
        "decree59_blocks_created": seed_decree59(communities=communities, users=users),
    }


def _seed_notifications(commune: AdministrativeUnit) -> int:
    from grassroots.notifications.demo import seed_notifications

    return seed_notifications(commune)


def _seed_plans(commune: AdministrativeUnit, users: dict[str, User]) -> int:
    from grassroots.plans.demo import seed_plans

    return seed_plans(commune=commune, users=users)
