"""Lists render as cards on phones through one pattern: ``<table class="stacked-table">`` (issue 21).

Below 40rem ``static/css/app.css`` turns each row into a card; a cell shows its column's name from its
``data-label``. A cell without one (other than the card's title, its next action and the "nothing yet"
row, ``stacked-empty``) would lose its meaning on a phone: this test names it.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LIST_TEMPLATES = [
    "grassroots/voting/templates/voting/vote_list.html",
    "grassroots/elections/templates/elections/election_list.html",
    "grassroots/units/templates/units/_household_rows.html",
    "grassroots/documents/templates/documents/_rows.html",
    "grassroots/accounts/templates/accounts/user_list.html",
    "grassroots/calendar/templates/calendar/_override_table.html",
]
CELL = re.compile(r"<td\b([^>]*)>")


@pytest.mark.parametrize("path", LIST_TEMPLATES)
def test_list_is_a_stacked_table_with_labelled_cells(path: str) -> None:
    text = (ROOT / path).read_text(encoding="utf-8")
    assert '<table class="stacked-table">' in text
    body = text[text.index('<table class="stacked-table">') : text.index("</table>")]
    cells = CELL.findall(body)
    assert cells, path
    unlabelled = [
        attributes
        for attributes in cells
        if not any(mark in attributes for mark in ("data-label=", "stacked-title", "stacked-action", "stacked-empty"))
    ]
    assert unlabelled == []
    assert sum("stacked-title" in attributes for attributes in cells) == 1
    assert sum("stacked-action" in attributes for attributes in cells) == 1


def test_the_stylesheet_turns_stacked_tables_into_cards_on_phones() -> None:
    css = (ROOT / "static/css/app.css").read_text(encoding="utf-8")
    block = css[css.index("@media (max-width: 39.99rem)") :]
    assert ".stacked-table td[data-label]::before" in block and "attr(data-label)" in block
