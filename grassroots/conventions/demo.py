"""Demo village conventions, written through the services (idempotent: skipped when the title is there).

* Bến Đò: "Quy ước thôn Bến Đò", proposed, commented on for 31 days (four comments from three channels, each
  answered), adopted at a D3 meeting with more than half of the households present, recognised by the commune
  People's Committee and disseminated.
* Tây Hòa: "Hương ước thôn Tây Hòa", posted for comment until 20/12/2026 (open on the reference day).
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from grassroots.accounts.models import User
from grassroots.consultations import services as consultation_services
from grassroots.conventions import rules, services
from grassroots.conventions.models import Convention, ConventionVersion, ProposalBasis
from grassroots.core import clock
from grassroots.units.models import AdministrativeUnit, Household
from grassroots.voting import services as vote_services
from grassroots.voting.models import Channel

BEN_DO_TITLE = "Quy ước thôn Bến Đò"
TAY_HOA_TITLE = "Hương ước thôn Tây Hòa"

ARTICLES = [
    ("Chương I. Điều 1. Mục đích", "Xây dựng nếp sống văn minh, đoàn kết, giữ gìn bản sắc và cảnh quan của thôn."),
    (
        "Chương II. Điều 2. Giữ gìn vệ sinh môi trường",
        "Các hộ phân loại rác tại nhà, để rác đúng giờ thu gom (18 giờ đến 19 giờ hằng ngày); không đổ rác, xác "
        "động vật xuống sông, kênh mương.",
    ),
    (
        "Chương II. Điều 3. Việc cưới, việc tang",
        "Tổ chức trang trọng, tiết kiệm; không mở loa, nhạc sau 22 giờ; không rải vàng mã trên đường.",
    ),
    (
        "Chương III. Điều 4. Khen thưởng",
        "Hằng năm thôn biểu dương các hộ thực hiện tốt quy ước tại Ngày hội Đại đoàn kết toàn dân tộc 18/11.",
    ),
]

COMMENTS = [
    (
        "meeting",
        "suggestion",
        3,
        "Ngày cưới đề nghị cho mở nhạc đến 22 giờ 30.",
        "not_accepted",
        "Giữ 22 giờ để bảo đảm giờ nghỉ ngơi của các hộ xung quanh; gia đình có thể xin phép tổ tự quản.",
    ),
    (
        "comment_box",
        "suggestion",
        2,
        "Bổ sung giờ thu gom rác buổi sáng cho các hộ đi làm xa.",
        "partly_accepted",
        "Tiếp thu: thêm khung giờ 6 giờ đến 6 giờ 30 vào thứ Hai và thứ Năm; các ngày khác giữ nguyên.",
    ),
    ("front", "agree", None, "Hội Phụ nữ thôn thống nhất toàn bộ dự thảo.", "accepted", "Ghi nhận sự đồng thuận."),
    (
        "meeting",
        "suggestion",
        4,
        "Nên khen thưởng cả các cháu học sinh tham gia dọn vệ sinh.",
        "accepted",
        "Tiếp thu, bổ sung vào Điều 4.",
    ),
]


def at(day: dt.date, hour: int = 9) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, 0), tzinfo=clock.local_zone())


def _ben_do(community: AdministrativeUnit, head: User, chair: User) -> None:
    convention = services.convention_propose(
        community=community,
        name_kind="quy_uoc",
        title=BEN_DO_TITLE,
        basis=ProposalBasis.VILLAGE_HEAD,
        front_agreed=True,
        reason="Thôn chưa có quy ước theo Nghị định 61/2023; cần thống nhất việc giữ vệ sinh, việc cưới, việc tang.",
        drafting_team="Phan Văn Lộc (Trưởng thôn); Trưởng ban công tác Mặt trận; Chi hội Phụ nữ; Chi đoàn thanh niên; "
        "ông Nguyễn Văn Sáu (người có uy tín)",
        drafting_mass_organisations=True,
        drafting_respected_people=True,
        drafting_front_agreed=True,
        actor=head,
        now=at(dt.date(2026, 9, 1)),
    )
    version = convention.versions.get()
    for heading, text in ARTICLES:
        services.article_save(version=version, heading=heading, text=text, actor=head, now=at(dt.date(2026, 9, 1)))
    version = services.comments_open(
        version=version, closes_on=dt.date(2026, 10, 3), actor=head, now=at(dt.date(2026, 9, 2))
    )
    assert version.consultation is not None
    sections = {section.position: section for section in version.consultation.sections.all()}
    opinions = []
    for index, (channel, stance, position, text, _disposition, _explanation) in enumerate(COMMENTS):
        received = dt.date(2026, 9, 10 + index * 5)
        opinions.append(
            consultation_services.opinion_enter(
                consultation=version.consultation,
                channel=channel,
                stance=stance,
                text=text,
                received_on=received,
                section=sections.get(position) if position else None,
                community=community,
                actor=head,
                now=at(received, 20),
            )
        )
    services.comments_close(version=version, actor=head, now=at(dt.date(2026, 10, 5)))
    for opinion, (*_rest, disposition, explanation) in zip(opinions, COMMENTS, strict=True):
        consultation_services.opinion_dispose(
            opinion=opinion, disposition=disposition, explanation=explanation, actor=head, now=at(dt.date(2026, 10, 6))
        )
    services.article_save(
        version=version,
        position=4,
        heading=ARTICLES[3][0],
        text=ARTICLES[3][1] + " Các cháu học sinh tích cực tham gia giữ vệ sinh được tặng giấy khen của thôn.",
        actor=head,
        now=at(dt.date(2026, 10, 6)),
    )
    version = services.version_finalise(version=version, actor=head, now=at(dt.date(2026, 10, 7)))
    meeting_day = dt.date(2026, 11, 1)
    vote = vote_services.meeting_convene(
        community=community,
        matter="D3",
        title=f"Thông qua {BEN_DO_TITLE}",
        question=f"Đồng ý thông qua {BEN_DO_TITLE} (4 điều) đã được tiếp thu, hoàn thiện?",
        starts_at=at(meeting_day, 8),
        notice_given_at=at(dt.date(2026, 10, 26), 8),
        documents_delivered_at=at(dt.date(2026, 10, 26), 8),
        actor=head,
        now=at(dt.date(2026, 10, 26), 8),
    )
    services.version_link_vote(version=version, vote=vote, actor=head, now=at(dt.date(2026, 10, 26), 9))
    started = at(meeting_day, 8)
    vote_services.vote_open(vote=vote, actor=head, now=started)
    register = list(Household.objects.of_unit_on(community, meeting_day).order_by("code"))
    present = [household for index, household in enumerate(register) if index % 4 != 3]
    for household in present:
        vote_services.meeting_attendance_set(
            vote=vote, household=household, present=True, actor=head, now=started + dt.timedelta(minutes=20)
        )
    vote_services.meeting_officers_approve(
        vote=vote,
        secretary="Nguyễn Thị Bích",
        approving=len(present) - 2,
        actor=head,
        now=started + dt.timedelta(minutes=30),
    )
    for index, household in enumerate(present):
        vote_services.vote_cast(
            vote=vote,
            household=household,
            option_key="disagree" if index % 9 == 4 else "agree",
            channel=Channel.MEETING_HANDS,
            actor=head,
            now=started + dt.timedelta(hours=1),
        )
    vote_services.vote_close(vote=vote, actor=head, now=started + dt.timedelta(hours=2))
    version = services.version_record_adoption(version=version, actor=head, now=started + dt.timedelta(hours=3))
    services.signatures_set(
        version=version,
        village_head="Phan Văn Lộc",
        front_head="Đỗ Thị Hạnh",
        household_representatives=["Nguyễn Văn Sáu", "Trần Thị Lan"],
        others=["Lê Văn Thọ"],
        actor=head,
        now=at(dt.date(2026, 11, 2)),
    )
    version = services.version_submit_dossier(
        version=version, items=list(rules.DOSSIER_ITEMS), actor=head, now=at(dt.date(2026, 11, 2))
    )
    version = services.version_recognise(version=version, actor=chair, now=at(dt.date(2026, 11, 5), 10))
    services.dissemination_record(
        version=version,
        channels=["cultural_house", "loudspeaker", "household_copies"],
        actor=head,
        now=at(dt.date(2026, 11, 6)),
    )


def _tay_hoa(community: AdministrativeUnit, head: User) -> None:
    convention = services.convention_propose(
        community=community,
        name_kind="huong_uoc",
        title=TAY_HOA_TITLE,
        basis=ProposalBasis.VILLAGE_HEAD,
        front_agreed=True,
        reason="Thay hương ước năm 2015 cho phù hợp Nghị định 61/2023.",
        drafting_team="Lê Văn Bình (Trưởng thôn tạm thời); Trưởng ban công tác Mặt trận; Chi hội Người cao tuổi; "
        "bà Trần Thị Mến (người có uy tín)",
        drafting_mass_organisations=True,
        drafting_respected_people=True,
        drafting_front_agreed=True,
        actor=head,
        now=at(dt.date(2026, 11, 10)),
    )
    version: ConventionVersion = convention.versions.get()
    for heading, text in ARTICLES[:3]:
        services.article_save(version=version, heading=heading, text=text, actor=head, now=at(dt.date(2026, 11, 10)))
    services.comments_open(
        version=version,
        closes_on=dt.date(2026, 12, 20),
        accepts_unsigned_opinions=True,
        actor=head,
        now=at(dt.date(2026, 11, 16)),
    )


def seed_conventions(communities: list[AdministrativeUnit], users: dict[str, User]) -> int:
    """Seed the two demo conventions that are not there yet; returns how many were created."""
    created = 0
    ben_do, tay_hoa = communities[13], communities[1]
    if not Convention.objects.filter(community=ben_do, title=BEN_DO_TITLE).exists():
        with transaction.atomic():
            _ben_do(ben_do, users["truongthon14"], users["chutich"])
        created += 1
    if not Convention.objects.filter(community=tay_hoa, title=TAY_HOA_TITLE).exists():
        with transaction.atomic():
            _tay_hoa(tay_hoa, users["truongthonlamthoi"])
        created += 1
    return created
