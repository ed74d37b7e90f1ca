"""Demo data of the workplaces app: the school and the state-owned enterprise of the demo commune.

Written through the services with fixed moments, skipped when already there (the stable key is the
organisation's annual conference for work year 2025). Called once from ``demo.activity``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from grassroots.core import clock
from grassroots.units.models import Organisation
from grassroots.units.rules import RawRow
from grassroots.workplaces import ballots, services
from grassroots.workplaces.models import Conference, StaffBallot, StaffBallotGround, StaffMember

SURNAMES = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương")
MIDDLE = ("Thị", "Văn", "Minh", "Thu", "Đức", "Ngọc", "Hữu", "Thanh")
GIVEN = (
    "An",
    "Bình",
    "Chi",
    "Dũng",
    "Giang",
    "Hà",
    "Hải",
    "Hạnh",
    "Hoa",
    "Hùng",
    "Lan",
    "Long",
    "Mai",
    "Nam",
    "Phương",
    "Quang",
    "Sơn",
    "Tâm",
    "Thảo",
    "Trang",
    "Tuấn",
    "Vân",
    "Yến",
)


def at(day: dt.date, hour: int = 9) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, 0), tzinfo=clock.local_zone())


def _name(number: int) -> str:
    return f"{SURNAMES[number % len(SURNAMES)]} {MIDDLE[number % len(MIDDLE)]} {GIVEN[(number * 7) % len(GIVEN)]}"


def _register(organisation: Organisation, prefix: str, count: int, divisions: tuple[str, ...], head: Any) -> None:
    rows = [
        RawRow(
            number=number + 1,
            values={
                "code": f"{prefix}-{number:03d}",
                "full_name": head.full_name if number == 1 else _name(number),
                "division": divisions[number % len(divisions)],
                "position": "Người đứng đầu" if number == 1 else "",
                "is_head": "x" if number == 1 else "",
                "is_union_executive": "x" if number in (2, 3, 4) else "",
                "active_from": dt.date(2018, 8, 15),
            },
        )
        for number in range(1, count + 1)
    ]
    services.staff_import(organisation=organisation, rows=rows, actor=head, now=at(dt.date(2025, 12, 1)))


def _conference(
    organisation: Organisation, head: Any, *, day: dt.date, present: int, items: list[tuple[str, str, str, int]]
) -> Conference:
    moment = at(day)
    conference = services.conference_create(
        organisation=organisation,
        kind="annual",
        work_year=2025,
        scheduled_on=day,
        place="Hội trường",
        actor=head,
        now=at(day - dt.timedelta(days=20)),
    )
    for code, before in (
        ("agree_with_union", 20),
        ("review_previous_resolution", 15),
        ("head_report", 10),
        ("union_report", 10),
        ("staff_discussion", 7),
        ("notice_sent", 5),
    ):
        services.conference_step_record(
            conference=conference,
            code=code,
            done_on=day - dt.timedelta(days=before),
            actor=head,
            now=at(day - dt.timedelta(days=before)),
        )
    conference = services.conference_open(conference=conference, actor=head, now=moment)
    for member in StaffMember.objects.filter(organisation=organisation).order_by("code")[:present]:
        services.attendance_record(conference=conference, staff_member=member, actor=head, now=moment)
    conference = services.conference_close_attendance(conference=conference, actor=head, now=at(day, 10))
    for matter, title, text, votes_for in items:
        item = services.resolution_item_add(
            conference=conference, matter=matter, title=title, text=text, actor=head, now=at(day, 10)
        )
        services.resolution_item_vote(
            item=item, votes_for=votes_for, votes_against=present - votes_for, actor=head, now=at(day, 11)
        )
    return services.conference_issue(conference=conference, actor=head, now=at(day, 15))


STORM_BALLOT_TITLE = "Mức ủng hộ viên chức bị thiệt hại do bão số 3"


def _storm_ballot(school: Organisation, principal: Any) -> StaffBallot:
    """A staff decision by ballot ([L] art. 50(2)): the storm kept the school from holding an extraordinary
    conference, so the principal, after agreeing with the union, sent an open ballot to all staff; 40 of 42
    returned, and the count's minutes and result are published inside the school (A12)."""
    ballot = ballots.staff_ballot_create(
        organisation=school,
        ground=StaffBallotGround.FORCE_MAJEURE,
        force_majeure_reason="Bão số 3 làm ngập trường từ 08/9/2026; không tổ chức được hội nghị bất thường.",
        work_year=2026,
        union_agreed_on=dt.date(2026, 9, 14),
        matter="contributions",
        title=STORM_BALLOT_TITLE,
        text="Mỗi viên chức ủng hộ một ngày lương cho đồng nghiệp bị thiệt hại nhà cửa do bão số 3.",
        opens_on=dt.date(2026, 9, 15),
        closes_on=dt.date(2026, 9, 22),
        actor=principal,
        now=at(dt.date(2026, 9, 14)),
    )
    ballot = ballots.staff_ballot_open(ballot=ballot, actor=principal, now=at(dt.date(2026, 9, 15)))
    choices = ["for"] * 35 + ["against"] * 3 + ["abstain"] * 2
    members = StaffMember.objects.filter(organisation=school).order_by("code")[: len(choices)]
    for member, choice in zip(members, choices, strict=True):
        ballots.staff_ballot_return_record(
            ballot=ballot, staff_member=member, choice=choice, actor=principal, now=at(dt.date(2026, 9, 18))
        )
    return ballots.staff_ballot_count(ballot=ballot, actor=principal, now=at(dt.date(2026, 9, 23), 9))


def workplaces_demo_seed(*, organisations: dict[str, Organisation], users: dict[str, Any]) -> int:
    """The school (staff register, conference 2025 issued and checked, a staff ballot counted, a consultation open)
    and the enterprise
    (register, employee conference 2025, the 2026 periodic dialogue held and published). Returns blocks created."""
    created = 0
    school, enterprise = organisations.get("school"), organisations.get("enterprise")
    principal, director = users.get("hieutruong"), users.get("giamdoc")
    if school is not None and principal is not None and not Conference.objects.filter(organisation=school).exists():
        services.workplace_profile_set(
            organisation=school,
            work_year_end_month=12,
            union_name="Công đoàn Trường Tiểu học Vân Long",
            has_intranet=False,
            actor=principal,
            now=at(dt.date(2025, 12, 1)),
        )
        _register(school, "GV", 42, ("Tổ 1", "Tổ 2", "Tổ 3", "Tổ 4-5", "Văn phòng"), principal)
        conference = _conference(
            school,
            principal,
            day=dt.date(2026, 1, 16),
            present=36,
            items=[
                (
                    "conference_resolution",
                    "Thông qua Nghị quyết Hội nghị viên chức, người lao động năm 2025",
                    "Hoàn thành 100% chương trình năm học; 95% học sinh hoàn thành chương trình lớp học.",
                    34,
                ),
                (
                    "contributions",
                    "Mức đóng góp quỹ tương trợ của viên chức năm 2026",
                    "Mỗi viên chức đóng góp 50.000 đồng/tháng vào quỹ tương trợ do công đoàn quản lý.",
                    30,
                ),
                (
                    "emulation_covenant",
                    "Giao ước thi đua năm 2026 giữa Hiệu trưởng và Công đoàn",
                    "Phong trào “Dạy tốt, học tốt”; mỗi tổ chuyên môn có ít nhất một sáng kiến.",
                    35,
                ),
            ],
        )
        services.resolution_review_record(
            conference=conference,
            findings="Sau 6 tháng: hoàn thành 7/9 chỉ tiêu; quỹ tương trợ thu đủ; hai sáng kiến được công nhận cấp xã.",
            actor=principal,
            now=at(dt.date(2026, 7, 15)),
        )
        services.staff_consultation_create(
            organisation=school,
            matter="CQ9",
            title="Dự thảo Quy chế chi tiêu nội bộ năm 2027",
            draft="Điều 1. Phạm vi áp dụng…\nĐiều 2. Mức chi công tác phí…\nĐiều 3. Chi hỗ trợ dạy hai buổi/ngày…",
            opens_on=dt.date(2026, 12, 1),
            closes_on=dt.date(2026, 12, 15),
            actor=principal,
            now=at(dt.date(2026, 12, 1)),
        )
        _storm_ballot(school, principal)
        created += 1
    if (
        enterprise is not None
        and director is not None
        and not Conference.objects.filter(organisation=enterprise).exists()
    ):
        services.workplace_profile_set(
            organisation=enterprise,
            work_year_end_month=12,
            union_name="Công đoàn Công ty Thủy lợi Vân Long",
            has_intranet=True,
            actor=director,
            now=at(dt.date(2025, 12, 1)),
        )
        _register(
            enterprise,
            "CN",
            135,
            ("Xí nghiệp 1", "Xí nghiệp 2", "Trạm bơm Bến Đò", "Phòng Kỹ thuật", "Văn phòng"),
            director,
        )
        _conference(
            enterprise,
            director,
            day=dt.date(2026, 2, 27),
            present=118,
            items=[
                (
                    "conference_resolution",
                    "Thông qua Nghị quyết Hội nghị người lao động năm 2025",
                    "Doanh thu tăng 6%; bảo đảm tưới tiêu 1.250 ha lúa hai vụ; không để xảy ra tai nạn lao động.",
                    110,
                ),
                (
                    "contributions",
                    "Trích quỹ phúc lợi hỗ trợ người lao động có hoàn cảnh khó khăn",
                    "Trích 10% quỹ phúc lợi năm 2026 để hỗ trợ người lao động có hoàn cảnh khó khăn.",
                    115,
                ),
            ],
        )
        staff = list(StaffMember.objects.filter(organisation=enterprise).order_by("code")[:9])
        member_list = services.dialogue_member_list_set(
            organisation=enterprise,
            fixed_on=dt.date(2026, 1, 5),
            published_on=dt.date(2026, 1, 6),
            legal_representative=staff[0],
            employer_members=staff[1:3],
            worker_members=staff[3:9],
            actor=director,
            now=at(dt.date(2026, 1, 6)),
        )
        dialogue = services.dialogue_schedule(
            organisation=enterprise,
            kind="periodic",
            scheduled_on=dt.date(2026, 6, 18),
            topics="Tình hình sản xuất 6 tháng; điều kiện làm việc tại các trạm bơm mùa mưa bão; quy chế trả lương.",
            content_sent_on=dt.date(2026, 6, 8),
            actor=director,
            now=at(dt.date(2026, 6, 8)),
        )
        dialogue = services.dialogue_record(
            dialogue=dialogue,
            present=list(member_list.members.all()),
            outcome="Thống nhất trang bị thêm áo phao, đèn pin cho công nhân trạm bơm trước 30/7; "
            "điều chỉnh phụ cấp trực đêm từ tháng 7/2026.",
            actor=director,
            now=at(dt.date(2026, 6, 18), 15),
        )
        services.dialogue_publish(dialogue=dialogue, actor=director, now=at(dt.date(2026, 6, 19)))
        created += 1
    return created
