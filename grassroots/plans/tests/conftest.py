"""A fixed clock and plan helpers for the plans tests."""

from __future__ import annotations

import datetime as dt

import pytest

from grassroots.core import clock
from grassroots.plans import services
from grassroots.plans.models import Plan
from grassroots.plans.parsing import parse_text
from grassroots.units.models import AdministrativeUnit

VN = dt.timezone(dt.timedelta(hours=7))
NOW = dt.datetime(2026, 6, 10, 9, 0, tzinfo=VN)

PROVINCE_PLAN = """ỦY BAN NHÂN DÂN TỈNH

Số: 49/KH-UBND

Tỉnh, ngày 10 tháng 02 năm 2026

KẾ HOẠCH

Thực hiện dân chủ ở cơ sở trên địa bàn tỉnh năm 2026

Căn cứ Nghị định số 59/2023/NĐ-CP ngày 14/8/2023 của Chính phủ;

I. NỘI DUNG THỰC HIỆN

1. Tuyên truyền Luật Thực hiện dân chủ ở cơ sở

- Cơ quan chủ trì: Sở Nội vụ.
- Thời gian thực hiện: trước ngày 31/3/2026.

2. Công khai thông tin đúng hạn

- Cơ quan thực hiện: UBND các xã, phường.
- Thời gian thực hiện: Thường xuyên.

II. TỔ CHỨC THỰC HIỆN

1. UBND các xã, phường: báo cáo 06 tháng (trước ngày 14/6/2026), báo cáo năm (trước ngày 14/12/2026).
"""


@pytest.fixture(autouse=True)
def _clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(clock, "now", lambda: NOW)


def issued_province_plan(province: AdministrativeUnit, officer: object) -> Plan:
    plan = services.plan_import(unit=province, parsed=parse_text(PROVINCE_PLAN), actor=officer, now=NOW)
    return services.plan_issue(plan=plan, actor=officer, now=NOW)
