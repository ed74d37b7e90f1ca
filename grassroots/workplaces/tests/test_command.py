"""``manage.py conference_outcome --json`` prints the outcome rule's quorum and passing at and around the edges."""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError


@pytest.mark.parametrize(
    ("headcount", "present", "yes", "expected"),
    [
        (30, 20, 11, {"quorum": True, "passed": True}),  # exactly two thirds; 11 of 20 is more than half
        (30, 20, 10, {"quorum": True, "passed": False}),  # exactly half does not pass
        (30, 19, 19, {"quorum": False, "passed": False}),  # one short of two thirds: nothing passes
    ],
)
def test_json_outcome(headcount: int, present: int, yes: int, expected: dict[str, bool]) -> None:
    out = StringIO()
    args = ["--headcount", str(headcount), "--present", str(present), "--yes", str(yes), "--json"]
    call_command("conference_outcome", *args, stdout=out)
    assert json.loads(out.getvalue()) == expected


def test_impossible_numbers_are_refused() -> None:
    with pytest.raises(CommandError):
        call_command("conference_outcome", "--headcount", "10", "--present", "11", "--yes", "1", stdout=StringIO())
