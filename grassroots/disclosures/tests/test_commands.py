"""The ``disclosure_deadline`` command reads the calendar table seeded by the calendar app's migration."""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from grassroots.calendar import selectors as calendar_selectors


@pytest.fixture(autouse=True)
def _fresh_calendar_cache() -> Iterator[Any]:
    calendar_selectors.clear_cache()
    yield
    calendar_selectors.clear_cache()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("kind", "decided", "due"),
    [
        ("commune", "2026-02-13", "2026-02-27"),  # across Tết Bính Ngọ
        ("agency", "2026-01-05", "2026-01-10"),  # the make-up Saturday counts
        ("soe", "2026-02-05", "2026-02-23"),  # 15 days end on Tết, run to the next working day
    ],
)
def test_disclosure_deadline_prints_the_iso_date(kind: Any, decided: Any, due: Any) -> None:
    out = io.StringIO()
    call_command("disclosure_deadline", kind=kind, decided=decided, stdout=out)
    assert out.getvalue().strip() == due


@pytest.mark.django_db
def test_disclosure_deadline_refuses_a_bad_date() -> None:
    with pytest.raises(CommandError):
        call_command("disclosure_deadline", kind="commune", decided="13/02/2026", stdout=io.StringIO())


def test_disclosure_deadline_refuses_an_unknown_kind() -> None:
    with pytest.raises(CommandError):
        call_command("disclosure_deadline", "--kind", "ward", "--decided", "2026-02-13", stdout=io.StringIO())
