"""The folded search text of disclosures and, on SQLite, its FTS5 table."""

from __future__ import annotations

from django.db import connection, transaction

from grassroots.disclosures import rules
from grassroots.disclosures.models import Disclosure


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
            cursor.execute("DELETE FROM disclosures_search WHERE rowid = %s", [disclosure.pk])
            cursor.execute("INSERT INTO disclosures_search(rowid, search_text) VALUES (%s, %s)", [disclosure.pk, text])


def search_index_rebuild() -> int:
    """Rebuild the SQLite FTS5 table from the ``search_text`` column (after bulk loads). Returns rows indexed."""
    if connection.vendor != "sqlite":
        return Disclosure.objects.count()
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM disclosures_search")
        cursor.execute(
            "INSERT INTO disclosures_search(rowid, search_text) SELECT id, search_text FROM disclosures_disclosure"
        )
        return int(cursor.rowcount)
