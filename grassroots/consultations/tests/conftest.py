"""Fixtures of the consultation tests: fixed moments, media in a temporary folder, a consultation ready to open."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from pytest_django import Settings

from grassroots.accounts.models import User
from grassroots.consultations import services
from grassroots.consultations.models import Consultation
from grassroots.units.models import AdministrativeUnit
from grassroots.voting.testing import front_chair

__all__ = ["front_chair"]

VN = dt.timezone(dt.timedelta(hours=7))
CREATED = dt.datetime(2026, 11, 2, 8, 0, tzinfo=VN)
"""Monday 2/11/2026: the consultation is prepared and published that day."""
PUBLISHED_ON = dt.date(2026, 11, 2)
CLOSES_ON = dt.date(2026, 11, 22)
"""Exactly 20 days after publication: the earliest lawful last day."""
DURING = dt.datetime(2026, 11, 10, 9, 0, tzinfo=VN)
AFTER = dt.datetime(2026, 11, 23, 9, 0, tzinfo=VN)
"""The day after the last day: the consultation may close."""
LATER = dt.datetime(2026, 11, 25, 9, 0, tzinfo=VN)


@pytest.fixture(autouse=True)
def _media(settings: Settings, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def draft(commune: AdministrativeUnit, commune_officer: User) -> Consultation:
    """A C5 draft of three articles, plan sent, planned for 2/11–22/11/2026."""
    consultation = services.consultation_create(
        commune=commune,
        matter="C5",
        title="Dự thảo quy định giữ gìn vệ sinh môi trường xã",
        opens_on=PUBLISHED_ON,
        closes_on=CLOSES_ON,
        forms_used=["online", "meeting", "comment_box"],
        plan_owner="Văn phòng UBND xã",
        actor=commune_officer,
        now=CREATED,
    )
    for number, text in enumerate(["Phạm vi áp dụng.", "Giờ thu gom rác.", "Mức đóng góp."], start=1):
        services.section_add(
            consultation=consultation, heading=f"Điều {number}", text=text, actor=commune_officer, now=CREATED
        )
    services.plan_record_sent(
        consultation=consultation,
        sent_to_council_on=PUBLISHED_ON,
        sent_to_front_on=PUBLISHED_ON,
        actor=commune_officer,
        now=CREATED,
    )
    return consultation


@pytest.fixture
def opened(draft: Consultation, commune_officer: User) -> Consultation:
    return services.consultation_open(consultation=draft, actor=commune_officer, now=CREATED)


def section(consultation: Consultation, position: int) -> Any:
    return consultation.sections.get(position=position)
