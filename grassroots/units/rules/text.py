"""Text normalisation for tolerant matching of Vietnamese names and for URL slugs."""

from __future__ import annotations

import re
import unicodedata


def fold_text(value: str) -> str:
    """Lower case, without Vietnamese diacritics, single spaces: for tolerant matching."""
    text = unicodedata.normalize("NFD", value.replace("đ", "d").replace("Đ", "D"))
    text = "".join(char for char in text if unicodedata.category(char) != "Mn")
    return " ".join(text.lower().split())


def vietnamese_slug(value: str) -> str:
    """A URL slug from a Vietnamese name: "Phường Hồng Hà" → "phuong-hong-ha" (đ → d, unlike slugify)."""
    folded = fold_text(value)
    return re.sub(r"[^a-z0-9]+", "-", folded).strip("-")
