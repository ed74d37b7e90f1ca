"""A small public world for the API tests: a commune with a published disclosure, an open consultation and a
public case, all made through the services, and the clock fixed on it."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from grassroots.accounts.models import User
from grassroots.units.models import AdministrativeUnit

VN = dt.timezone(dt.timedelta(hours=7))
NOW = dt.datetime(2026, 11, 22, 8, 0, tzinfo=VN)


@pytest.fixture
def world(
    monkeypatch: pytest.MonkeyPatch,
    commune: AdministrativeUnit,
    community: AdministrativeUnit,
    commune_officer: User,
    resident: User,
) -> dict[str, Any]:
    from grassroots.consultations import services as consultations
    from grassroots.core import clock
    from grassroots.disclosures import services as disclosures
    from grassroots.disclosures.models import DisclosureCategory
    from grassroots.petitions import services as petitions

    monkeypatch.setattr(clock, "now", lambda: NOW)
    published = disclosures.disclosure_create(
        unit=commune,
        category=DisclosureCategory.objects.get(code="K2"),
        title="Dự toán ngân sách xã năm 2026",
        body="Dự toán thu, chi ngân sách xã.",
        decided_on=dt.date(2026, 11, 16),
        actor=commune_officer,
        now=NOW,
    )
    disclosures.disclosure_publish(disclosure=published, actor=commune_officer, now=NOW)
    draft = disclosures.disclosure_create(
        unit=commune,
        category=DisclosureCategory.objects.get(code="K2"),
        title="Quyết toán ngân sách năm 2025",
        decided_on=dt.date(2026, 11, 18),
        actor=commune_officer,
        now=NOW,
    )
    consultation = consultations.consultation_create(
        commune=commune,
        matter="C5",
        title="Dự thảo quy định vệ sinh môi trường",
        opens_on=dt.date(2026, 11, 22),
        closes_on=dt.date(2026, 12, 12),
        actor=commune_officer,
        now=NOW,
    )
    consultations.section_add(
        consultation=consultation, heading="Điều 1", text="Phạm vi.", actor=commune_officer, now=NOW
    )
    consultations.plan_record_sent(
        consultation=consultation,
        sent_to_council_on=dt.date(2026, 11, 22),
        sent_to_front_on=dt.date(2026, 11, 22),
        actor=commune_officer,
        now=NOW,
    )
    consultations.consultation_open(consultation=consultation, actor=commune_officer, now=NOW)
    case = petitions.case_receive(
        unit=commune,
        kind="feedback",
        channel="online",
        title="Ổ gà trước nhà văn hóa",
        content="Đường có ổ gà lớn.",
        citizen=petitions.Citizen(full_name=resident.full_name, user=resident),
        is_public=True,
        actor=resident,
        now=NOW,
    )
    return {
        "commune": commune,
        "community": community,
        "disclosure": published,
        "draft": draft,
        "consultation": consultation,
        "case": case,
    }
