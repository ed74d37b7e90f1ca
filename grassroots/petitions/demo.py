"""The demo commune's cases, written through the services (idempotent: each case is skipped when its title exists).

Fixed dates on or before the demo's reference day (22/11/2026): a public feedback answered online, a petition taken
by phone and not yet acknowledged (overdue on the chair's task page), a complaint by letter in progress; a routing
rule (feedback to the commune officer) and the commune's targets.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from grassroots.core import clock
from grassroots.petitions import desk, services
from grassroots.petitions.models import Case, CaseTarget, RoutingRule
from grassroots.units.models import AdministrativeUnit

FEEDBACK_TITLE = "Ba bóng đèn đường trục thôn Đông Hòa bị hỏng"
PETITION_TITLE = "Kiến nghị đặt biển báo giảm tốc trước trường mầm non"
COMPLAINT_TITLE = "Khiếu nại việc không xác nhận hồ sơ hỗ trợ hộ cận nghèo"


def _at(day: dt.date, hour: int = 9) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, 0), tzinfo=clock.local_zone())


def seed_cases(commune: AdministrativeUnit, users: dict[str, Any]) -> int:
    """Returns how many cases were created."""
    chair, vice_chair, officer, citizen = users["chutich"], users["phochutich"], users["canbo"], users["nguoidan"]
    communities = list(AdministrativeUnit.objects.filter(parent=commune).order_by("code"))
    created = 0
    if not RoutingRule.objects.filter(unit=commune).exists():
        desk.routing_rule_add(unit=commune, kind="feedback", handler=officer, actor=chair, now=_at(dt.date(2026, 9, 1)))
    if not CaseTarget.objects.filter(unit=commune).exists():
        desk.case_target_set(
            unit=commune, on_time_percent=90, resolution_working_days=15, actor=chair, now=_at(dt.date(2026, 9, 1))
        )
    if not Case.objects.filter(unit=commune, title=FEEDBACK_TITLE).exists():
        name = citizen.full_name or getattr(getattr(citizen, "resident", None), "full_name", "") or "Người dân"
        case = services.case_receive(
            unit=commune,
            community=communities[0] if communities else None,
            kind="feedback",
            channel="online",
            title=FEEDBACK_TITLE,
            content="Từ nhà văn hóa đến cổng chào thôn, ba bóng đèn không sáng đã hai tuần, buổi tối rất tối.",
            citizen=services.Citizen(full_name=name, phone="0900000110", user=citizen),
            is_public=True,
            location_address="Đường trục thôn Đông Hòa, đoạn nhà văn hóa – cổng chào",
            actor=citizen,
            now=_at(dt.date(2026, 11, 2)),
        )
        services.case_acknowledge(case=case, outcome="accepted", actor=officer, now=_at(dt.date(2026, 11, 3)))
        services.case_assign(case=case, handler=officer, actor=vice_chair, now=_at(dt.date(2026, 11, 3), 10))
        services.case_start(case=case, actor=officer, now=_at(dt.date(2026, 11, 4)))
        services.case_answer(
            case=case,
            answer="Xã đã thay 3 bóng đèn LED ngày 09/11/2026. Cảm ơn bạn đã phản ánh.",
            actor=officer,
            now=_at(dt.date(2026, 11, 9), 15),
        )
        created += 1
    if not Case.objects.filter(unit=commune, title=PETITION_TITLE).exists():
        services.case_receive(
            unit=commune,
            kind="petition",
            channel="phone",
            title=PETITION_TITLE,
            content="Phụ huynh đề nghị đặt biển báo và gờ giảm tốc trên đoạn đường trước trường mầm non.",
            citizen=services.Citizen(full_name="Lê Văn Thịnh", phone="0912345001", address="Thôn Tây Hòa"),
            received_on=dt.date(2026, 11, 2),
            actor=officer,
            now=_at(dt.date(2026, 11, 2), 14),
        )
        created += 1
    if not Case.objects.filter(unit=commune, title=COMPLAINT_TITLE).exists():
        case = services.case_receive(
            unit=commune,
            kind="complaint",
            channel="letter",
            title=COMPLAINT_TITLE,
            content="Gia đình đủ điều kiện hộ cận nghèo nhưng hồ sơ không được xác nhận, không nêu lý do.",
            citizen=services.Citizen(full_name="Đoàn Thị Nhàn", phone="0912345002", address="Thôn Bến Đò"),
            act_known_on=dt.date(2026, 10, 5),
            received_on=dt.date(2026, 10, 20),
            actor=officer,
            now=_at(dt.date(2026, 10, 20), 10),
        )
        services.case_acknowledge(case=case, outcome="accepted", actor=officer, now=_at(dt.date(2026, 10, 26)))
        services.case_assign(case=case, handler=officer, actor=chair, now=_at(dt.date(2026, 10, 26), 10))
        services.case_start(case=case, actor=officer, now=_at(dt.date(2026, 10, 27)))
        created += 1
    return created
