"""Benchmark: PDF renders per second of the built-in three-page plan (Kế hoạch, Decree 30 layout).

Import after ``django.setup()``. Pure rendering (layout → HTML → WeasyPrint → PDF): no database.
One warm-up render loads the fonts and checks the page count; the timed loop renders 20 more.
"""

from __future__ import annotations

import time

RENDERS = 20
EXPECTED_PAGES = 3


def run() -> dict[str, object]:
    from grassroots.documents import samples
    from grassroots.documents.layout import build_layout
    from grassroots.documents.render_pdf import render_pdf

    spec = samples.plan()
    warm_up = render_pdf(build_layout(spec))
    if warm_up.pages != EXPECTED_PAGES:
        raise AssertionError(f"the sample plan has {warm_up.pages} pages, expected {EXPECTED_PAGES}")
    total_bytes = 0
    began = time.perf_counter()
    for _ in range(RENDERS):
        rendered = render_pdf(build_layout(spec))
        total_bytes += len(rendered.content)
    seconds = time.perf_counter() - began
    return {
        "name": "pdf_render_three_page_plan",
        "renders": RENDERS,
        "operations": RENDERS,
        "seconds": round(seconds, 4),
        "renders_per_second": round(RENDERS / seconds, 2) if seconds else None,
        "pages": warm_up.pages,
        "average_bytes": total_bytes // RENDERS,
    }
