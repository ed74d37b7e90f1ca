"""The demo's generated attachment and fixed content (no seed: fast)."""

from __future__ import annotations

from grassroots.demo import activity, content
from grassroots.disclosures import rules as disclosure_rules


def test_tiny_pdf_is_a_valid_pdf_upload() -> None:
    pdf = activity.tiny_pdf(activity.BUDGET_PDF_LINES)
    assert pdf.startswith(b"%PDF-1.4") and pdf.rstrip().endswith(b"%%EOF")
    assert activity.tiny_pdf(activity.BUDGET_PDF_LINES) == pdf  # deterministic
    assert disclosure_rules.check_upload(name="du-toan.pdf", content=pdf)


def test_content_dates_are_before_the_reference_day() -> None:
    seeds = (*content.COMMUNE_DISCLOSURES, *content.ORGANISATION_DISCLOSURES)
    assert len({(seed.organisation, seed.title) for seed in seeds}) == len(seeds)
    for seed in seeds:
        assert seed.decided_on <= content.REFERENCE_DAY
        assert seed.published_on is None or seed.decided_on <= seed.published_on <= content.REFERENCE_DAY
        for posting in seed.postings:
            assert posting.ended_on is None or posting.ended_on <= content.REFERENCE_DAY
    drafts = [seed for seed in content.COMMUNE_DISCLOSURES if seed.published_on is None]
    assert len(drafts) == 3
