"""The system check of the voting settings: a bad value is an Error at start-up, never a 500 at issue time."""

from __future__ import annotations

import pytest
from django.core import checks
from pytest_django import Settings

from grassroots.voting.checks import check_voting_settings
from grassroots.voting.rules import forms as form_rules


def _ids() -> list[str | None]:
    return [message.id for message in check_voting_settings() if message.level >= checks.ERROR]


def test_the_documented_defaults_and_good_values_pass(settings: Settings) -> None:
    # The default is the law's reading, [L] art. 20(2)(g): the village head and the Front work-committee head.
    assert settings.VOTING_DECISION_OFFICIAL_SIGNERS == ("village_head", "front_work_committee_head")
    assert form_rules.DECISION_OFFICIAL_SIGNERS_DEFAULT == ("village_head", "front_work_committee_head")
    assert _ids() == []
    settings.VOTING_ONLINE_RESULT_EVIDENCE = None
    del settings.VOTING_DECISION_OFFICIAL_SIGNERS
    assert _ids() == []
    # The printed-model reading a province may choose: the meeting's chair and secretary.
    settings.VOTING_ONLINE_RESULT_EVIDENCE = "snapshot_and_screenshots"
    settings.VOTING_DECISION_OFFICIAL_SIGNERS = ("chair", "secretary")
    assert _ids() == []


@pytest.mark.parametrize("value", ["screenshot", "SNAPSHOT", "ảnh"])
def test_an_unknown_evidence_mode_is_an_error(settings: Settings, value: str) -> None:
    settings.VOTING_ONLINE_RESULT_EVIDENCE = value
    assert _ids() == ["voting.E001"]


@pytest.mark.parametrize(
    "value",
    [
        ("village_head",),
        ("village_head", "front_work_committee_head", "chair"),
        ("village_head", "mayor"),
        ("village_head", "village_head"),  # one office would sign for both ([L] art. 20(2)(g))
        ["front_work_committee_head", "front_work_committee_head"],
        "village_head,front_work_committee_head",
        2,
        (),
    ],
)
def test_signers_that_are_not_two_known_keys_are_an_error(settings: Settings, value: object) -> None:
    settings.VOTING_DECISION_OFFICIAL_SIGNERS = value
    assert _ids() == ["voting.E002"]


def test_both_bad_values_are_both_reported_and_the_check_is_registered(settings: Settings) -> None:
    settings.VOTING_ONLINE_RESULT_EVIDENCE = "photos"
    settings.VOTING_DECISION_OFFICIAL_SIGNERS = ("chair",)
    assert _ids() == ["voting.E001", "voting.E002"]
    # Registered with Django's check framework, so ``manage.py check`` and every start-up runs it. (Running
    # every registered check here would also run the model checks, which need the database.)
    registered = [getattr(check, "__qualname__", "") for check in checks.registry.registry.get_checks()]
    assert "check_voting_settings" in registered
