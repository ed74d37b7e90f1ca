"""Demo data: the province's plan imported from a real plan's text, the commune's derived plan with progress, and
its six-month report submitted with figures computed from the demo's activity. Written through the services,
skipped when the province plan (its stable key: the imported file name) is already there."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from grassroots.accounts.models import User
from grassroots.core import clock
from grassroots.plans import services
from grassroots.plans.models import Plan, PlanStatus, TaskStatus
from grassroots.plans.parsing import parse_file
from grassroots.units.models import AdministrativeUnit

SAMPLE = Path(__file__).resolve().parent / "samples" / "ke-hoach-tinh.txt"
"""The layout and text of Khánh Hòa's plan implementing Resolution 15/2024/NQ-HĐND (``../shared/seeds/002``),
with the demo province's name and a header and report dates added."""
DEMO_KEY = "demo:ke-hoach-tinh.txt"


def _at(day: dt.date, hour: int = 9) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, 0), tzinfo=clock.local_zone())


def seed_plans(*, commune: AdministrativeUnit, users: dict[str, User]) -> int:
    province = commune.parent
    officer, commune_officer = users.get("sonoivu"), users.get("canbo")
    if province is None or officer is None or commune_officer is None:
        return 0
    if Plan.objects.filter(unit=province, source_name=DEMO_KEY).exists():
        return 0
    parsed = parse_file(SAMPLE.name, SAMPLE.read_bytes())
    upper = services.plan_import(
        unit=province, parsed=parsed, actor=officer, source_name=DEMO_KEY, now=_at(dt.date(2026, 2, 10))
    )
    # Recorded as the province sent it: its own number, no new paper.
    upper = services.plan_issue(plan=upper, actor=officer, issue_document=False, now=_at(dt.date(2026, 2, 10), 10))
    plan = services.plan_derive(upper=upper, unit=commune, actor=commune_officer, now=_at(dt.date(2026, 2, 20)))
    # The commune's own 2026 plan was issued as a paper in January (the documents demo): this derived plan is
    # recorded as issued without a second KH paper.
    plan = services.plan_issue(plan=plan, actor=commune_officer, issue_document=False, now=_at(dt.date(2026, 2, 24)))
    tasks = list(plan.items.filter(depth__gt=0).order_by("position"))
    progress = [
        (TaskStatus.DONE, "Đã tổ chức lớp tập huấn cho 32 cán bộ, công chức xã và trưởng thôn ngày 12/3/2026."),
        (TaskStatus.IN_PROGRESS, "Đã niêm yết tại nhà văn hóa 14 thôn và phát trên loa truyền thanh xã."),
        (TaskStatus.IN_PROGRESS, "Đăng tải dự thảo quy chế dân chủ trên cổng thông tin của xã để lấy ý kiến."),
    ]
    for task, (status, note) in zip(tasks, progress, strict=False):
        services.task_status_change(item=task, target=status, actor=commune_officer, now=_at(dt.date(2026, 3, 16)))
        services.task_note_add(
            item=task, text=note, evidence_url="/cong-khai/", actor=commune_officer, now=_at(dt.date(2026, 3, 16))
        )
    report = services.report_prepare(
        unit=commune, period="semiannual", year=2026, actor=commune_officer, now=_at(dt.date(2026, 6, 15))
    )
    services.report_narrative_save(
        report=report,
        narrative=(
            "Sáu tháng đầu năm 2026, UBND xã triển khai đầy đủ Kế hoạch số 49/KH-UBND của UBND tỉnh; các thôn "
            "tổ chức công khai, bàn và quyết định đúng quy định.\n"
            "Khó khăn: một số thôn ở xa, việc họp dân còn phụ thuộc thời vụ.\n"
            "Kiến nghị: tỉnh tiếp tục mở lớp bồi dưỡng kỹ năng cho trưởng thôn mới."
        ),
        actor=commune_officer,
        now=_at(dt.date(2026, 6, 15), 10),
    )
    services.report_submit(report=report, actor=commune_officer, now=_at(dt.date(2026, 6, 16)))
    assert upper.status == PlanStatus.ISSUED
    return 1
