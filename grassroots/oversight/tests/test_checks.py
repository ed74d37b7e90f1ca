"""The legal cap of the information-request extension: at most 10 working days (Access to Information Law art.
29(2), law.md §6 row 8). A larger ``OVERSIGHT_INFORMATION_EXTENSION_WORKING_DAYS`` is an Error at start-up and is
clamped to the cap by the selector, so a misconfigured server never lets a body asked extend beyond the law."""

from __future__ import annotations

import pytest
from django.core import checks
from pytest_django import Settings

from grassroots.oversight import rules, selectors
from grassroots.oversight.checks import check_oversight_settings


def _ids() -> list[str | None]:
    return [message.id for message in check_oversight_settings() if message.level >= checks.ERROR]


def test_the_default_and_smaller_values_pass(settings: Settings) -> None:
    assert rules.INFORMATION_EXTENSION_LEGAL_CAP_WORKING_DAYS == 10
    assert settings.OVERSIGHT_INFORMATION_EXTENSION_WORKING_DAYS == 10
    assert _ids() == []
    settings.OVERSIGHT_INFORMATION_EXTENSION_WORKING_DAYS = 5
    assert _ids() == [] and selectors.information_extension_max_working_days() == 5
    del settings.OVERSIGHT_INFORMATION_EXTENSION_WORKING_DAYS
    assert _ids() == [] and selectors.information_extension_max_working_days() == 10


@pytest.mark.parametrize("value", [11, 30, 0, -1, "mười"])
def test_a_value_outside_1_to_10_is_an_error(settings: Settings, value: object) -> None:
    settings.OVERSIGHT_INFORMATION_EXTENSION_WORKING_DAYS = value
    assert _ids() == ["oversight.E001"]


def test_attack_a_larger_setting_never_exceeds_the_legal_cap(settings: Settings) -> None:
    settings.OVERSIGHT_INFORMATION_EXTENSION_WORKING_DAYS = 30
    assert selectors.information_extension_max_working_days() == 10
    registered = [getattr(check, "__qualname__", "") for check in checks.registry.registry.get_checks()]
    assert "check_oversight_settings" in registered
