"""``ascii_int``: the one way to read a whole number a browser sent outside a form."""

from __future__ import annotations

import pytest

from grassroots.core.params import MAX_DIGITS, ascii_int


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("7", 7),
        (" 42 ", 42),
        ("0", 0),
        ("9" * MAX_DIGITS, int("9" * MAX_DIGITS)),
        ("9" * (MAX_DIGITS + 1), None),  # past any id: an overflow on SQLite, never a lookup
        ("²", None),  # str.isdigit() says yes, int() raises
        ("١٢", None),  # Arabic-Indic digits: int() would read 12
        ("-1", None),
        ("+1", None),
        ("1e3", None),
        ("0x10", None),
        ("1 2", None),
        ("", None),
        (None, None),
        ("\x00", None),
    ],
)
def test_only_ascii_digits_within_the_limit_are_a_number(text: object, expected: int | None) -> None:
    assert ascii_int(text) == expected


def test_a_smaller_limit() -> None:
    assert ascii_int("2026", max_digits=4) == 2026
    assert ascii_int("20260", max_digits=4) is None
