"""Demo data of the funds app: a commune-wide contribution for lights on the inter-village road, written through
the services (idempotent: skipped when the fund's title is there). Called from ``demo/activity.py``."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction

from grassroots.core import clock
from grassroots.funds import services
from grassroots.funds.models import Fund
from grassroots.units.models import AdministrativeUnit, Household

TITLE = "Đóng góp lắp đèn chiếu sáng đường liên thôn"
PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 64
"""A stand-in photo of the invoice (the demo has no real scan)."""


def _at(day: dt.date, hour: int = 9) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour), tzinfo=clock.local_zone())


def seed_funds(commune: AdministrativeUnit, users: dict[str, Any]) -> int:
    """One fund with receipts from ten households, a partial payment, materials, two donations (one anonymous),
    an approved expense with its invoice photo, a correction by reversal, and one expense awaiting approval."""
    if Fund.objects.filter(commune=commune, title=TITLE).exists():
        return 0
    officer, chair = users["canbo"], users["chutich"]
    decided = dt.date(2026, 10, 15)
    with transaction.atomic():
        households = list(Household.objects.of_unit_on(commune, decided).order_by("community__code", "code"))
        fund = services.fund_create(
            unit=commune,
            decision_number="58/QĐ-UBND",
            decided_on=decided,
            kind="contribution",
            title=TITLE,
            purpose=(
                "Lắp 120 bộ đèn LED chiếu sáng đường liên thôn từ Đông Hòa đến Bến Đò; Nhà nước hỗ trợ cột và dây, "
                "Nhân dân đóng góp bóng đèn và công lắp đặt."
            ),
            basis="per_household",
            rate_money=100_000,
            spending_limit=150_000_000,
            collection_starts=dt.date(2026, 10, 20),
            collection_ends=dt.date(2027, 1, 31),
            treasurer_name="Lý Thị Hoa",
            village_head_name="Trần Văn Hùng",
            reductions={"poor": 100, "merit": 50},
            household_reductions={households[2].code: "poor", households[5].code: "merit"},
            actor=officer,
            now=_at(dt.date(2026, 10, 16)),
        )
        day = dt.date(2026, 11, 2)
        for index, household in enumerate(households[:10]):
            if index in (2,):
                continue  # exempt: owes nothing
            amount = 50_000 if index in (5, 7) else 100_000
            services.receipt_record(
                fund=fund,
                household=household,
                amount=amount,
                received_on=day,
                actor=officer,
                now=_at(day, 8 + index % 8),
            )
        services.receipt_record(
            fund=fund,
            household=households[11],
            amount=100_000,
            medium="materials",
            description="2 bộ bóng đèn LED 50W",
            received_on=day,
            actor=officer,
            now=_at(day, 16),
        )
        wrong = services.receipt_record(
            fund=fund, household=households[12], amount=1_000_000, received_on=day, actor=officer, now=_at(day, 17)
        )
        services.entry_reverse(
            entry=wrong, reason="Ghi nhầm 1.000.000 đồng, hộ nộp 100.000 đồng", actor=officer, now=_at(day, 17)
        )
        services.receipt_record(
            fund=fund, household=households[12], amount=100_000, received_on=day, actor=officer, now=_at(day, 17)
        )
        services.donation_record(
            fund=fund,
            amount=20_000_000,
            donor_name="Công ty TNHH Xây dựng Hòa Phát Đạt",
            donor_kind="organisation",
            donor_consents_to_name=True,
            received_on=dt.date(2026, 11, 5),
            actor=officer,
            now=_at(dt.date(2026, 11, 5)),
        )
        services.donation_record(
            fund=fund,
            amount=5_000_000,
            donor_name="Một người con quê hương ở TP. Hồ Chí Minh",
            donor_consents_to_name=False,
            received_on=dt.date(2026, 11, 5),
            actor=officer,
            now=_at(dt.date(2026, 11, 5), 10),
        )
        expense = services.expense_propose(
            fund=fund,
            work_item="Mua 60 bộ bóng đèn LED 50W (đợt 1)",
            amount=18_000_000,
            spent_on=dt.date(2026, 11, 12),
            evidence_name="hoa-don-den-led.png",
            evidence_content=PNG,
            actor=officer,
            now=_at(dt.date(2026, 11, 12)),
        )
        services.expense_approve(expense=expense, actor=chair, now=_at(dt.date(2026, 11, 12), 15))
        services.expense_propose(
            fund=fund,
            work_item="Thuê thợ lắp đặt đèn đoạn Đông Hòa",
            amount=4_500_000,
            spent_on=dt.date(2026, 11, 20),
            evidence_name="hop-dong-lap-dat.png",
            evidence_content=PNG,
            actor=officer,
            now=_at(dt.date(2026, 11, 20)),
        )
        if "bantt" in users:
            services.finding_raise(
                fund=fund,
                text="Đề nghị thủ quỹ đính kèm bảng kê số bóng đèn đã nhận vào phiếu chi đợt 1.",
                actor=users["bantt"],
                now=_at(dt.date(2026, 11, 25)),
            )
    return 1
