"""System checks of the voting app's configurable rules: a bad value is reported at start-up
(``manage.py check``, ``runserver``, ``migrate``), not as a server error the day a Mẫu 03 is issued."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Error

from grassroots.voting.rules import forms as form_rules


def check_voting_settings(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    """``VOTING_ONLINE_RESULT_EVIDENCE`` and ``VOTING_DECISION_OFFICIAL_SIGNERS`` read as the services read them."""
    errors: list[CheckMessage] = []
    evidence = getattr(settings, "VOTING_ONLINE_RESULT_EVIDENCE", None)
    try:
        form_rules.online_result_evidence(evidence)
    except ValueError:
        errors.append(
            Error(
                f"VOTING_ONLINE_RESULT_EVIDENCE = {evidence!r} is not a known evidence mode.",
                hint=f"Use one of {sorted(mode.value for mode in form_rules.OnlineResultEvidence)} or leave it unset.",
                id="voting.E001",
            )
        )
    signers = getattr(settings, "VOTING_DECISION_OFFICIAL_SIGNERS", form_rules.DECISION_OFFICIAL_SIGNERS_DEFAULT)
    try:
        if isinstance(signers, str):  # tuple("chair") would be its letters
            raise ValueError(signers)
        form_rules.decision_official_titles(tuple(signers))
    except (TypeError, ValueError):
        errors.append(
            Error(
                f"VOTING_DECISION_OFFICIAL_SIGNERS = {signers!r} is not two different signer keys.",
                hint=f"Use two different keys of {sorted(form_rules.DECISION_OFFICIAL_SIGNER_TITLES)}, for example "
                f"{form_rules.DECISION_OFFICIAL_SIGNERS_DEFAULT!r}.",
                id="voting.E002",
            )
        )
    return errors
