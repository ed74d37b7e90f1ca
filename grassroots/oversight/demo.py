"""Demo data of the oversight boards, written through the services and skipped when already there.

On the demo's reference day (22/11/2026) the Front sees a by-election to hold, a recommendation to confirm and an
overdue one to chase; the commune chair an overdue answer and one due later; the board member an inspection plan to
send; the union an agency board to recognise; and the public page shows who has not answered.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from grassroots.core import clock
from grassroots.oversight import selectors, services
from grassroots.oversight.models import Board, MemberSource, Position
from grassroots.units.models import AdministrativeUnit, Organisation

COMMUNE_BOARD_NAME = "Ban Thanh tra nhân dân xã Vân Long nhiệm kỳ 2026–2031"
INVESTMENT_BOARD_NAME = "Ban Giám sát đầu tư công trình đường bê tông ngõ xóm thôn Bến Đò"
AGENCY_BOARD_NAME = "Ban Thanh tra nhân dân Văn phòng HĐND và UBND xã nhiệm kỳ 2026–2028"

MEMBER_NAMES = [
    "Nguyễn Thị Lan Anh",
    "Trần Văn Bảo",
    "Lê Thị Cúc",
    "Phạm Văn Dũng",
    "Hoàng Thị Duyên",
    "Vũ Văn Giang",
    "Đặng Thị Hạnh",
    "Bùi Văn Khải",
    "Đỗ Thị Liên",
    "Hồ Văn Minh",
    "Ngô Thị Nga",
    "Dương Văn Phúc",
    "Lý Thị Quyên",
    "Mai Văn Sáng",
    "Tạ Thị Thoa",
    "Chu Văn Tiến",
    "Kiều Thị Uyên",
    "Lương Văn Vinh",
    "Phan Thị Xuân",
    "Trịnh Văn Yên",
]


def _at(day: dt.date, hour: int = 9) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, 0), tzinfo=clock.local_zone())


def _commune_board(commune: AdministrativeUnit, communities: list[AdministrativeUnit], users: dict[str, Any]) -> None:
    front, member_user, chair = users["mttq"], users["bantt"], users["chutich"]
    communities = list(selectors.communities_of(commune, dt.date(2026, 6, 19)))
    board = services.board_create(
        kind="commune_inspection",
        name=COMMUNE_BOARD_NAME,
        unit=commune,
        term_start=dt.date(2026, 7, 1),
        elected_on=dt.date(2026, 6, 19),
        actor=front,
        now=_at(dt.date(2026, 6, 22)),
    )
    for index, community in enumerate(communities):
        services.board_member_add(
            board=board,
            full_name=member_user.full_name if index == 0 else MEMBER_NAMES[index % len(MEMBER_NAMES)],
            user=member_user if index == 0 else None,
            community=community,
            position=Position.HEAD if index == 0 else Position.DEPUTY if index in (1, 2) else Position.MEMBER,
            joined_on=dt.date(2026, 6, 19),
            actor=front,
            now=_at(dt.date(2026, 6, 22)),
        )
    services.board_recognise(board=board, actor=front, now=_at(dt.date(2026, 6, 24)))
    leaving = board.members.filter(position=Position.MEMBER).order_by("pk").first()
    if leaving is not None:
        services.board_member_leave(
            member=leaving,
            left_on=dt.date(2026, 10, 1),
            reason="Chuyển nơi cư trú sang tỉnh khác",
            actor=front,
            now=_at(dt.date(2026, 10, 2)),
        )

    done = services.inspection_plan(
        board=board,
        subject="Kiểm tra việc thu, chi quỹ xây dựng nhà văn hóa thôn Đông Hòa",
        inspected_party="Ban phát triển thôn Đông Hòa",
        planned_on=dt.date(2026, 9, 14),
        actor=member_user,
        now=_at(dt.date(2026, 9, 1)),
    )
    services.inspection_notify(
        inspection=done, notified_on=dt.date(2026, 9, 4), actor=member_user, now=_at(dt.date(2026, 9, 4))
    )
    services.finding_record(
        inspection=done,
        text="3 khoản chi mua vật liệu (tổng 12.400.000 đ) chưa có hóa đơn, chứng từ kèm theo.",
        evidence="Sổ quỹ thôn trang 4–6; biên bản làm việc ngày 14/9/2026.",
        actor=member_user,
        now=_at(dt.date(2026, 9, 14), 15),
    )
    services.inspection_conclude(
        inspection=done,
        conclusion="Thu, chi cơ bản đúng; đề nghị bổ sung chứng từ 3 khoản chi và công khai quyết toán "
        "tại nhà văn hóa.",
        actor=member_user,
        now=_at(dt.date(2026, 9, 18)),
    )
    answered = services.recommendation_draft(
        board=board,
        inspection=done,
        title="Bổ sung chứng từ và công khai quyết toán quỹ xây dựng nhà văn hóa thôn Đông Hòa",
        content="Đề nghị Chủ tịch UBND xã chỉ đạo Ban phát triển thôn bổ sung chứng từ 3 khoản chi và niêm yết "
        "quyết toán tại nhà văn hóa thôn.",
        addressee_name="Chủ tịch UBND xã Vân Long",
        actor=member_user,
        now=_at(dt.date(2026, 9, 21)),
    )
    services.recommendation_confirm(recommendation=answered, actor=front, now=_at(dt.date(2026, 9, 23)))
    services.recommendation_send(recommendation=answered, actor=member_user, now=_at(dt.date(2026, 9, 25)))
    services.recommendation_answer(
        recommendation=answered,
        answer="UBND xã tiếp thu; đã giao Trưởng thôn Đông Hòa bổ sung chứng từ và niêm yết quyết toán từ 10/10/2026.",
        disposition="accepted",
        actor=chair,
        now=_at(dt.date(2026, 10, 6)),
    )
    services.recommendation_close(
        recommendation=answered,
        note="Ngày 12/10/2026 Ban đã kiểm tra lại: chứng từ đầy đủ, quyết toán đã niêm yết.",
        actor=member_user,
        now=_at(dt.date(2026, 10, 12)),
    )
    for title, content, confirm_day, send_day in (
        (
            "Sửa chữa cống thoát nước đường trục thôn Tây Hòa trước mùa mưa",
            "Cống tại km 0+300 đường trục thôn Tây Hòa bị sập một phần, nước tràn vào 6 hộ khi mưa lớn. Đề nghị "
            "UBND xã bố trí kinh phí sửa chữa.",
            dt.date(2026, 10, 19),
            dt.date(2026, 10, 20),
        ),
        (
            "Công khai danh sách hộ được hỗ trợ sửa nhà sau bão",
            "Đề nghị UBND xã niêm yết danh sách và mức hỗ trợ các hộ sửa nhà sau bão số 3 tại nhà văn hóa các thôn.",
            dt.date(2026, 11, 13),
            dt.date(2026, 11, 16),
        ),
    ):
        waiting = services.recommendation_draft(
            board=board,
            title=title,
            content=content,
            addressee_name="Chủ tịch UBND xã Vân Long",
            actor=member_user,
            now=_at(confirm_day, 8),
        )
        services.recommendation_confirm(recommendation=waiting, actor=front, now=_at(confirm_day, 10))
        services.recommendation_send(recommendation=waiting, actor=member_user, now=_at(send_day))
    services.recommendation_draft(
        board=board,
        title="Niêm yết lịch tiếp công dân của Chủ tịch UBND xã tại nhà văn hóa các thôn",
        content="Nhiều người dân chưa biết lịch tiếp công dân; đề nghị niêm yết tại nhà văn hóa 14 thôn.",
        addressee_name="Chủ tịch UBND xã Vân Long",
        actor=member_user,
        now=_at(dt.date(2026, 11, 20)),
    )
    services.board_report_issue(
        board=board,
        year=2026,
        period="Q3",
        assessment="Ban thực hiện đúng chương trình công tác quý III; kiến nghị đã được UBND xã tiếp thu.",
        actor=member_user,
        now=_at(dt.date(2026, 10, 5)),
    )
    programme = services.programme_create(
        board=board, kind="quarter", year=2026, number=4, actor=member_user, now=_at(dt.date(2026, 10, 1))
    )
    for text, due_on in (
        ("Giám sát việc bình xét hộ nghèo, cận nghèo năm 2027", dt.date(2026, 12, 11)),
        ("Báo cáo kết quả hoạt động năm 2026 tại hội nghị thôn", dt.date(2026, 12, 28)),
    ):
        services.programme_item_add(
            programme=programme, text=text, due_on=due_on, actor=member_user, now=_at(dt.date(2026, 10, 1))
        )
    overdue = board.recommendations.filter(status="sent").order_by("sent_on", "pk").first()
    if overdue is not None:
        services.recommendation_escalate(
            recommendation=overdue,
            note="Đề nghị UBND tỉnh đôn đốc UBND xã trả lời trước mùa mưa.",
            actor=member_user,
            now=_at(dt.date(2026, 11, 6)),
        )
    services.inspection_plan(
        board=board,
        subject="Giám sát việc bình xét hộ nghèo, cận nghèo năm 2027",
        inspected_party="UBND xã Vân Long",
        planned_on=dt.date(2026, 12, 7),
        actor=member_user,
        now=_at(dt.date(2026, 11, 19)),
    )


def _investment_board(
    commune: AdministrativeUnit, communities: list[AdministrativeUnit], users: dict[str, Any]
) -> None:
    front = users["mttq"]
    board = services.board_create(
        kind="investment_supervision",
        name=INVESTMENT_BOARD_NAME,
        unit=commune,
        term_start=dt.date(2026, 11, 10),
        elected_on=dt.date(2026, 11, 8),
        project_name="Đường bê tông ngõ xóm thôn Bến Đò (1,2 km)",
        investor_name="UBND xã Vân Long",
        supervision_start=dt.date(2027, 1, 15),
        actor=front,
        now=_at(dt.date(2026, 11, 10)),
    )
    village = communities[13] if len(communities) > 13 else communities[-1]
    for index, (name, source) in enumerate(
        (
            ("Hoàng Thị Lan", MemberSource.FRONT),
            ("Vũ Văn Hòa", MemberSource.INSPECTION_BOARD),
            ("Phan Văn Lộc Em", MemberSource.RESIDENT),
            ("Nguyễn Thị Bến", MemberSource.RESIDENT),
            ("Trần Văn Đò", MemberSource.RESIDENT),
        )
    ):
        services.board_member_add(
            board=board,
            full_name=name,
            community=village if source == MemberSource.RESIDENT else None,
            source=source,
            position=Position.HEAD if index == 0 else Position.DEPUTY if index == 1 else Position.MEMBER,
            joined_on=dt.date(2026, 11, 10),
            actor=front,
            now=_at(dt.date(2026, 11, 10)),
        )
    services.board_recognise(board=board, actor=front, now=_at(dt.date(2026, 11, 12)))


def _agency_board(organisation: Organisation, users: dict[str, Any]) -> None:
    union = users["congdoan"]
    board = services.board_create(
        kind="agency_inspection",
        name=AGENCY_BOARD_NAME,
        unit=organisation.unit,
        organisation=organisation,
        term_start=dt.date(2026, 11, 18),
        elected_on=dt.date(2026, 11, 18),
        actor=union,
        now=_at(dt.date(2026, 11, 18), 16),
    )
    for index, name in enumerate(("Đinh Thị Hằng", "Lại Văn Tùng", "Quách Thị Vân")):
        services.board_member_add(
            board=board,
            full_name=name,
            position=Position.HEAD if index == 0 else Position.MEMBER,
            joined_on=dt.date(2026, 11, 18),
            actor=union,
            now=_at(dt.date(2026, 11, 18), 16),
        )


def seed_oversight(
    *,
    commune: AdministrativeUnit,
    communities: list[AdministrativeUnit],
    organisations: dict[str, Organisation],
    users: dict[str, Any],
) -> int:
    """Seed the boards that are not there yet; returns how many boards were created."""
    created = 0
    if not Board.objects.filter(unit=commune, name=COMMUNE_BOARD_NAME).exists():
        _commune_board(commune, communities, users)
        created += 1
    if not Board.objects.filter(unit=commune, name=INVESTMENT_BOARD_NAME).exists():
        _investment_board(commune, communities, users)
        created += 1
    agency = organisations.get("agency")
    if agency is not None and not Board.objects.filter(organisation=agency, name=AGENCY_BOARD_NAME).exists():
        _agency_board(agency, users)
        created += 1
    return created
