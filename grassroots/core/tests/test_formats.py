"""Numbers and dates the Vietnamese way (UI.md): 1.234.567 and 05/03/2026."""

import datetime as dt

from django.contrib.humanize.templatetags.humanize import intcomma
from django.utils import formats, translation


def test_vietnamese_grouping_and_short_dates() -> None:
    with translation.override("vi"):
        assert intcomma(1234567) == "1.234.567"
        assert intcomma(999) == "999"
        assert formats.date_format(dt.date(2026, 3, 5), "SHORT_DATE_FORMAT") == "05/03/2026"


def test_english_keeps_comma_grouping() -> None:
    with translation.override("en"):
        assert intcomma(1234567) == "1,234,567"
