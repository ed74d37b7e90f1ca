"""Width of a line of Times New Roman text, to size the short rules under the issuer and summary.

Liberation Serif has the metrics of Times New Roman (Debian ``fonts-liberation2``), so measuring
with it gives the width Word will draw. Without the font we fall back to an average glyph width.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

FONT_DIRECTORIES = (
    Path("/usr/share/fonts/truetype/liberation2"),
    Path("/usr/share/fonts/truetype/liberation"),
    Path("/usr/share/fonts/truetype/msttcorefonts"),
)
FONT_FILES = {
    (False, False): ("LiberationSerif-Regular.ttf", "Times_New_Roman.ttf"),
    (True, False): ("LiberationSerif-Bold.ttf", "Times_New_Roman_Bold.ttf"),
    (False, True): ("LiberationSerif-Italic.ttf", "Times_New_Roman_Italic.ttf"),
    (True, True): ("LiberationSerif-BoldItalic.ttf", "Times_New_Roman_Bold_Italic.ttf"),
}
AVERAGE_EM = 0.62
"""Average advance of upper-case Times New Roman glyphs, in ems, when no font file is found."""
MEASURE_SIZE = 100


def font_path(*, bold: bool = False, italic: bool = False) -> Path | None:
    for directory in FONT_DIRECTORIES:
        for name in FONT_FILES[(bold, italic)]:
            candidate = directory / name
            if candidate.exists():
                return candidate
    return None


@lru_cache(maxsize=8)
def _font(bold: bool, italic: bool) -> Any:
    path = font_path(bold=bold, italic=italic)
    if path is None:
        return None
    from PIL import ImageFont

    return ImageFont.truetype(str(path), MEASURE_SIZE)


def text_width_pt(text: str, *, size: float, bold: bool = False, italic: bool = False) -> float:
    """The advance width of ``text`` at ``size`` points."""
    font = _font(bold, italic)
    if font is None:
        return len(text) * size * AVERAGE_EM
    return float(font.getlength(text)) * size / MEASURE_SIZE
