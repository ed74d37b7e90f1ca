"""The demo commune's citizen reception and dialogue conference, written through the services (idempotent).

Dates are fixed, on or before the demo's reference day (22/11/2026): a schedule in force from 1 July 2026 (the
first and third Tuesday of each month, the new monthly minimum), sessions held by the chair with one scheduled day
missed (3 November, shown on the chair's task page), the citizens received and the cases they produced, and the
2026 dialogue conference with its questions, commitments and minutes.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from grassroots.core import clock
from grassroots.reception import services
from grassroots.reception.models import DialogueConference, ReceptionSchedule, ReceptionSession
from grassroots.units.models import AdministrativeUnit

PLACE = "Phòng tiếp công dân, trụ sở UBND xã"
CONFERENCE_TITLE = "Hội nghị đối thoại giữa UBND xã với Nhân dân năm 2026"
SESSION_DAYS = (
    dt.date(2026, 7, 7),
    dt.date(2026, 7, 21),
    dt.date(2026, 8, 4),
    dt.date(2026, 8, 18),
    dt.date(2026, 9, 1),
    dt.date(2026, 9, 15),
    dt.date(2026, 10, 6),
    dt.date(2026, 10, 20),
    # 3 November: the chair was at a provincial meeting; no session (a missed day on the task page).
    dt.date(2026, 11, 17),
)


def _at(day: dt.date, hour: int = 9) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, 0), tzinfo=clock.local_zone())


def _visits(session: ReceptionSession, officer: Any, community: AdministrativeUnit | None) -> None:
    moment = _at(session.held_on, 10)
    services.visit_record(
        session=session,
        full_name="Nguyễn Văn Tư",
        id_number="037068001122",
        phone="0912000111",
        address="Thôn Đông Hòa",
        summary="Hỏi thủ tục cấp đổi giấy chứng nhận quyền sử dụng đất bị rách.",
        guidance="Hướng dẫn nộp hồ sơ tại Bộ phận một cửa, mang theo giấy chứng nhận cũ và căn cước.",
        actor=officer,
        now=moment,
    )
    services.visit_record(
        session=session,
        full_name="Trần Thị Mến",
        id_number="037172003344",
        phone="0912000222",
        address="Thôn Bến Đò",
        summary=(
            "Khiếu nại Quyết định xử phạt vi phạm hành chính về xây dựng tường rào lấn ngõ xóm; "
            "bà cho rằng tường xây trên đất của gia đình."
        ),
        case_kind="complaint",
        case_title="Khiếu nại quyết định xử phạt xây tường rào",
        community=community,
        actor=officer,
        now=moment,
    )
    services.visit_record(
        session=session,
        full_name="Phạm Văn Kín",
        id_number="037080005566",
        summary="Tố cáo việc thu tiền sai quy định khi xác nhận hồ sơ đất đai.",
        case_kind="denunciation",
        case_title="Tố cáo thu tiền sai quy định khi xác nhận hồ sơ",
        actor=officer,
        now=moment,
    )


def seed_reception(commune: AdministrativeUnit, users: dict[str, Any]) -> int:
    """The schedule, the sessions and their visits; returns how many records were created."""
    chair, officer = users["chutich"], users["canbo"]
    created = 0
    if not ReceptionSchedule.objects.filter(unit=commune).exists():
        services.schedule_set(
            unit=commune,
            weekday=1,
            weeks=(1, 3),
            start_time=dt.time(7, 30),
            end_time=dt.time(11, 0),
            place=PLACE,
            valid_from=dt.date(2026, 7, 1),
            actor=chair,
            now=_at(dt.date(2026, 6, 22)),
        )
        created += 1
    community = AdministrativeUnit.objects.filter(parent=commune).order_by("code").last()
    for day in SESSION_DAYS:
        if ReceptionSession.objects.filter(unit=commune, held_on=day).exists():
            continue
        session = services.session_record(
            unit=commune,
            held_on=day,
            kind="regular",
            receiver=chair,
            place=PLACE,
            note="Cán bộ tư pháp – hộ tịch ghi biên bản.",
            actor=officer,
            now=_at(day, 11),
        )
        created += 1
        if day == SESSION_DAYS[-1]:
            _visits(session, officer, community)
    return created


def seed_dialogue(commune: AdministrativeUnit, users: dict[str, Any]) -> int:
    """The 2026 conference: planned, announced 16 days ahead, held, answered, minutes issued within 10 days."""
    if DialogueConference.objects.filter(unit=commune, title=CONFERENCE_TITLE).exists():
        return 0
    chair, officer = users["chutich"], users["canbo"]
    conference = services.conference_plan(
        unit=commune,
        title=CONFERENCE_TITLE,
        topics=(
            "Kết quả thực hiện nhiệm vụ phát triển kinh tế – xã hội năm 2026; "
            "kế hoạch làm đường liên thôn năm 2027; quyền và nghĩa vụ của công dân trong giữ gìn vệ sinh môi trường."
        ),
        planned_on=dt.date(2026, 11, 13),
        place="Hội trường UBND xã",
        method="in_person",
        co_chairs="Chủ tịch UBND xã; Chủ tịch Ủy ban MTTQ Việt Nam xã; đại diện Thường trực HĐND xã",
        actor=officer,
        now=_at(dt.date(2026, 10, 20)),
    )
    services.conference_announce(conference=conference, actor=officer, now=_at(dt.date(2026, 10, 28)))
    road = services.question_add(
        conference=conference,
        question="Đường liên thôn Đông Hòa – Bến Đò xuống cấp, bao giờ xã sửa?",
        source="advance",
        asker="Cử tri thôn Bến Đò",
        actor=officer,
        now=_at(dt.date(2026, 11, 5)),
    )
    waste = services.question_add(
        conference=conference,
        question="Xe thu gom rác chỉ đến 2 lần một tuần, rác ùn ở đầu ngõ.",
        source="at_conference",
        asker="Bà Lê Thị Hoa, thôn Đông Hòa",
        actor=officer,
        now=_at(dt.date(2026, 11, 13), 10),
    )
    services.conference_hold(
        conference=conference,
        held_on=dt.date(2026, 11, 13),
        participants="Lãnh đạo UBND xã, Ủy ban MTTQ xã, đại diện HĐND xã, trưởng 14 thôn và cử tri các thôn",
        attendance=186,
        actor=officer,
        now=_at(dt.date(2026, 11, 13), 16),
    )
    services.question_answer(
        question=road,
        answer="Tuyến đường đã có trong kế hoạch đầu tư công năm 2027, dự kiến khởi công quý I/2027.",
        commitment="Khởi công sửa đường liên thôn Đông Hòa – Bến Đò",
        commitment_due=dt.date(2027, 3, 31),
        actor=chair,
        now=_at(dt.date(2026, 11, 13), 16),
    )
    services.question_answer(
        question=waste,
        answer="Xã làm việc với đơn vị thu gom để tăng lên 3 lần mỗi tuần từ tháng 12/2026.",
        commitment="Tăng thu gom rác lên 3 lần mỗi tuần",
        commitment_due=dt.date(2026, 12, 1),
        actor=chair,
        now=_at(dt.date(2026, 11, 13), 16),
    )
    services.commitment_complete(question=waste, actor=officer, now=_at(dt.date(2026, 11, 20)))
    services.conference_results_publish(conference=conference, actor=officer, now=_at(dt.date(2026, 11, 20), 10))
    return 1
