"""The folded search text of disclosures and, on SQLite, its FTS5 table.

PostgreSQL indexes the text itself: ``search_vector`` is a stored generated column (migration 0009).
SQLite keeps one FTS5 row per disclosure whose rowid is the search key, ``(julian day of first_published_on
<< 32) | id``: FTS5 then hands matches over newest first, in the portal's order (``-first_published_on, -id``),
and a page of results stops after its rows. The key changes once, at the first publication, so the services
refresh the row on creation, on every content change and on the first publication. Ids stay below 2**32.
"""

from __future__ import annotations

from django.db import connection, transaction

from grassroots.disclosures import rules
from grassroots.disclosures.models import Disclosure

SQLITE_SEARCH_KEY = "((COALESCE(CAST(julianday(first_published_on) AS INTEGER), 0) << 32) | id)"
"""The FTS5 rowid of a disclosure row (SQLite stores dates as ISO text; an unpublished row has day 0)."""

# Constant SQL built from the constant key above: no value of a request or a row is ever formatted in.
_SQLITE_INSERT = f"INSERT INTO disclosures_search(rowid, search_text) SELECT {SQLITE_SEARCH_KEY}, search_text FROM disclosures_disclosure"  # noqa: S608, E501
_SQLITE_DELETE_ONE = f"DELETE FROM disclosures_search WHERE rowid IN (%s, (SELECT {SQLITE_SEARCH_KEY} FROM disclosures_disclosure WHERE id = %s))"  # noqa: S608, E501


def _search_text(disclosure: Disclosure) -> str:
    return rules.search_document(
        title=disclosure.title,
        body=disclosure.body,
        decision_number=disclosure.decision_number,
        category_code=disclosure.category.code,
        category_name=disclosure.category.name,
    )


def search_index_update(disclosure: Disclosure) -> None:
    """Refresh the folded search text (and, on SQLite, its FTS5 row). PostgreSQL indexes the column itself."""
    text = _search_text(disclosure)
    if text != disclosure.search_text:
        disclosure.search_text = text
        Disclosure.objects.filter(pk=disclosure.pk).update(search_text=text)
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            # The row was keyed by day 0 until the first publication, by that day since (it never changes).
            cursor.execute(_SQLITE_DELETE_ONE, [disclosure.pk, disclosure.pk])
            cursor.execute(_SQLITE_INSERT + " WHERE id = %s", [disclosure.pk])


def search_index_rebuild() -> int:
    """Rebuild the SQLite FTS5 table from the ``search_text`` column (after bulk loads). Returns rows indexed."""
    if connection.vendor != "sqlite":
        return Disclosure.objects.count()
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM disclosures_search")
        cursor.execute(_SQLITE_INSERT)
        return int(cursor.rowcount)
