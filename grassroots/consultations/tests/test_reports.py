"""The summary and explanation report: every opinion listed while the paper stays readable, a summary above that."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from grassroots.accounts.models import User
from grassroots.consultations import reports, services
from grassroots.consultations.models import Consultation, Opinion
from grassroots.consultations.tests.conftest import AFTER, DURING, section

pytestmark = pytest.mark.django_db


def _closed_with_answers(consultation: Consultation, officer: User) -> Consultation:
    """Seven opinions: two grouped (accepted together), four on article 2 answered alike, one on article 3."""
    texts = [(1, "Giữ giờ thu gom."), (1, "Giữ giờ thu gom buổi sáng.")]
    texts += [(2, f"Giảm mức đóng góp {number}.") for number in range(4)] + [(3, "Thêm điểm tập kết.")]
    made = [
        services.opinion_enter(
            consultation=consultation,
            channel="meeting",
            stance="suggestion",
            text=text,
            received_on=dt.date(2026, 11, 5),
            section=section(consultation, position),
            actor=officer,
            now=DURING,
        )
        for position, text in texts
    ]
    group = services.opinion_group_create(
        consultation=consultation, title="Giữ giờ thu gom", opinions=made[:2], actor=officer, now=DURING
    )
    closed = services.consultation_close(consultation=consultation, actor=officer, now=AFTER)
    services.group_dispose(group=group, disposition="accepted", explanation="Giữ như cũ.", actor=officer, now=AFTER)
    for opinion in made[2:6]:
        services.opinion_dispose(
            opinion=opinion, disposition="not_accepted", explanation="Mức đã thấp.", actor=officer, now=AFTER
        )
    services.opinion_dispose(
        opinion=made[6], disposition="partly_accepted", explanation="Thêm một điểm.", actor=officer, now=AFTER
    )
    return closed


def _section(body: list[dict[str, Any]], title: str) -> list[dict[str, Any]]:
    [found] = [block["children"] for block in body if block.get("title") == title]
    return list(found)


def _tables(blocks: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [block for block in blocks if block["type"] == "table"]


def test_a_small_consultation_lists_every_opinion_with_its_answer(opened: Consultation, commune_officer: User) -> None:
    closed = _closed_with_answers(opened, commune_officer)
    [table] = _tables(_section(reports.report_body(closed), "Tiếp thu, giải trình"))
    assert [row[0] for row in table["rows"]] == [str(number) for number in range(1, 8)]
    assert "Giảm mức đóng góp 3." in [row[2] for row in table["rows"]]


def test_above_the_limit_the_report_summarises_per_article_and_per_answer(
    opened: Consultation, commune_officer: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    closed = _closed_with_answers(opened, commune_officer)
    monkeypatch.setattr(reports, "REPORT_OPINION_ROWS", 6)
    blocks = _section(reports.report_body(closed), "Tiếp thu, giải trình")
    articles, answers = _tables(blocks)
    assert articles["rows"] == [
        # article, opinions, accepted, partly accepted, not accepted
        ["Điều 1", "2", "2", "0", "0"],
        ["Điều 2", "4", "0", "0", "4"],
        ["Điều 3", "1", "0", "1", "0"],
    ]
    assert [(row[0], row[1], row[2], row[4]) for row in answers["rows"]] == [
        ("Điều 1", "Nhóm ý kiến: Giữ giờ thu gom", "2", "Giữ như cũ."),
        ("Điều 2", "Các ý kiến được trả lời như nhau", "4", "Mức đã thấp."),
        ("Điều 3", "Ý kiến riêng", "1", "Thêm một điểm."),
    ]
    text = str(blocks)
    assert "Giảm mức đóng góp 3." not in text  # the opinions themselves are on the public page
    assert reports.public_page_url(closed) in text
    assert "ý kiến khác được trả lời riêng" not in text  # every answer listed


def test_the_summary_counts_the_answers_it_does_not_list(
    opened: Consultation, commune_officer: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    closed = _closed_with_answers(opened, commune_officer)
    monkeypatch.setattr(reports, "REPORT_OPINION_ROWS", 6)
    monkeypatch.setattr(reports, "REPORT_ANSWER_ROWS", 2)
    blocks = _section(reports.report_body(closed), "Tiếp thu, giải trình")
    _articles, answers = _tables(blocks)
    assert [row[2] for row in answers["rows"]] == ["2", "4"]  # the most frequent answers
    assert "1 ý kiến khác được trả lời riêng" in str(blocks)
    assert Opinion.objects.filter(consultation=closed, is_hidden=False).count() == 7
