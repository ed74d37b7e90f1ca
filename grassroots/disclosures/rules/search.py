"""Search: Vietnamese without diacritics."""

from __future__ import annotations

import re
import unicodedata

# ---------------------------------------------------------------------------------------------
# Search: Vietnamese without diacritics
# ---------------------------------------------------------------------------------------------

_NON_WORD = re.compile(r"[^0-9a-z]+")


def fold(text: str) -> str:
    """Lower case, no diacritics, "đ" → "d", words separated by single spaces ("Đường" → "duong")."""
    lowered = text.lower().replace("đ", "d")
    decomposed = unicodedata.normalize("NFD", lowered)
    stripped = "".join(char for char in decomposed if unicodedata.category(char) != "Mn")
    return " ".join(_NON_WORD.split(stripped)).strip()


def search_terms(query: str, *, max_terms: int = 12) -> list[str]:
    """The folded words of a query (at most ``max_terms``)."""
    return [term for term in fold(query).split(" ") if term][:max_terms]


def fts5_match(query: str) -> str:
    """An FTS5 MATCH expression: every folded word must appear; the last may be a prefix ("ngan sa" → "ngan sa*")."""
    terms = search_terms(query)
    if not terms:
        return ""
    quoted = [f'"{term}"' for term in terms]
    quoted[-1] += "*"
    return " ".join(quoted)


def search_document(*, title: str, body: str, decision_number: str, category_code: str, category_name: str) -> str:
    """The folded text a disclosure is searched by."""
    return fold(" ".join([category_code, category_name, title, decision_number, body]))
