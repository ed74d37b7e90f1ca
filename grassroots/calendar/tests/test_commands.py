from __future__ import annotations

from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

pytestmark = pytest.mark.django_db


def _run(*args: str) -> str:
    out = StringIO()
    call_command("workdays", *args, stdout=out)
    return out.getvalue()


def test_add_prints_only_the_iso_date() -> None:
    # Tết Bính Ngọ: 5 working days after Fri 13/02/2026 is Fri 27/02/2026.
    assert _run("add", "2026-02-13", "5") == "2026-02-27\n"


def test_add_counts_the_make_up_saturday() -> None:
    assert _run("add", "2025-12-31", "6") == "2026-01-10\n"


def test_deadline_prints_only_the_iso_date() -> None:
    # 4 days from Tue 10/02/2026 end on Sat 14/02, inside Tết: rolled to Mon 23/02.
    assert _run("deadline", "2026-02-10", "4") == "2026-02-23\n"


@pytest.mark.parametrize(
    "args",
    [
        ("add", "13/02/2026", "5"),
        ("add", "2026-02-30", "5"),
        ("add", "2026-02-13", "năm"),
        ("subtract", "2026-02-13", "5"),
        ("deadline", "2026-02-13", "-1"),
        ("add", "2099-01-01", "1"),
    ],
)
def test_bad_input_is_a_command_error(args: Any) -> None:
    with pytest.raises(CommandError):
        _run(*args)
