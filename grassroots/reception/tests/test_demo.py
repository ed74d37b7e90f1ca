"""The demo's reception and dialogue: written through the services, idempotent, and showing what the pages need."""

from __future__ import annotations

import datetime as dt

import pytest

from grassroots.accounts.testing import make_persona
from grassroots.reception import demo, selectors
from grassroots.reception.models import DialogueConference, ReceptionSession, ReceptionVisit
from grassroots.units.models import AdministrativeUnit

pytestmark = pytest.mark.django_db


def test_demo_is_idempotent_and_shows_a_missed_day(commune: AdministrativeUnit, community: AdministrativeUnit) -> None:
    users = {
        "chutich": make_persona("chutich", "commune_chair", commune, full_name="Đinh Văn Thành"),
        "canbo": make_persona("canbo", "commune_officer", commune, full_name="Nguyễn Thị Thu Hà"),
    }
    assert demo.seed_reception(commune, users) == 1 + len(demo.SESSION_DAYS)
    assert demo.seed_dialogue(commune, users) == 1
    assert demo.seed_reception(commune, users) == 0
    assert demo.seed_dialogue(commune, users) == 0
    assert ReceptionSession.objects.filter(unit=commune, receiver_is_chair=True).count() == len(demo.SESSION_DAYS)
    assert ReceptionVisit.objects.filter(identity_withheld=True).count() == 1
    assert dt.date(2026, 11, 3) in selectors.missed_days(commune, dt.date(2026, 11, 22))
    assert selectors.month_compliance(commune, 2026, 10).is_met
    assert not selectors.month_compliance(commune, 2026, 11).is_met
    conference = DialogueConference.objects.get(unit=commune)
    assert conference.status == "published" and conference.minutes is not None
    assert selectors.yearly_obligation_met(commune, 2026)
