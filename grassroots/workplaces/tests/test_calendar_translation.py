"""The calendar labels, the preparation steps and the agenda follow the reader's language; the Vietnamese text
stays the source and official papers stay in Vietnamese."""

from __future__ import annotations

import pytest
from django.utils import translation

from grassroots.units.models import Organisation
from grassroots.workplaces import rules, selectors
from grassroots.workplaces.forms import StepForm
from grassroots.workplaces.tests.conftest import TODAY

pytestmark = pytest.mark.django_db


def test_calendar_labels_are_translated(soe: Organisation) -> None:
    with translation.override("en"):
        labels = {item.code: item.label for item in selectors.obligations(soe, 2027, TODAY)}
    assert labels["annual_conference"] == "Staff and employee conference reviewing the year 2026"
    assert labels["periodic_dialogue"] == "Periodic workplace dialogue 2027"
    with translation.override("vi"):
        labels = {item.code: item.label for item in selectors.obligations(soe, 2027, TODAY)}
    assert labels["annual_conference"] == "Hội nghị cán bộ, người lao động tổng kết năm 2026"


def test_steps_agenda_and_step_choices_are_translated() -> None:
    with translation.override("en"):
        assert (
            str(rules.PREPARATION_STEPS[0].label) == "The head agrees the date, content and format with the trade union"
        )
        assert str(rules.AGENDA[-1]) == "Adopt the conference resolution"
        choices = dict(StepForm().fields["code"].choices)  # type: ignore[attr-defined]
        assert str(choices["notice_sent"]) == "Send the summons and documents to all staff or delegates"
    with translation.override("vi"):
        assert str(rules.AGENDA[-1]) == "Thông qua nghị quyết hội nghị"
