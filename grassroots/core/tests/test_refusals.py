"""``Refusals``: an app's refusal messages and the one way to raise them."""

from __future__ import annotations

import datetime as dt

import pytest

from grassroots.core.errors import DomainError, Refusals, RuleResult

REFUSALS = Refusals(
    {
        "app.too_early": "Chưa đến ngày %(day)s (còn %(left)s ngày).",
        "app.plain": "Không được, 100% chắc chắn.",
    }
)


def test_the_message_shows_its_parameters_and_dates_the_vietnamese_way() -> None:
    error = REFUSALS.error("app.too_early", day=dt.date(2026, 3, 5), left=2)
    assert error.code == "app.too_early"
    assert error.message == "Chưa đến ngày 05/03/2026 (còn 2 ngày)."
    assert error.params == {"day": dt.date(2026, 3, 5), "left": 2}  # the raw values stay for the caller


def test_a_message_without_parameters_or_an_unknown_code_is_shown_as_written() -> None:
    assert REFUSALS.error("app.plain", extra=1).message == "Không được, 100% chắc chắn."
    assert REFUSALS.error("app.unknown").message == "app.unknown"
    assert REFUSALS.error("app.too_early").message == "Chưa đến ngày %(day)s (còn %(left)s ngày)."  # missing params


def test_enforce_raises_only_a_refusal() -> None:
    REFUSALS.enforce(RuleResult.ok())
    with pytest.raises(DomainError) as refused:
        REFUSALS.enforce(RuleResult.refuse("app.too_early", day=dt.date(2026, 3, 5), left=0))
    assert refused.value.code == "app.too_early" and "05/03/2026" in refused.value.message
