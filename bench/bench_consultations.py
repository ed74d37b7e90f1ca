"""Benchmark: a consultation with 20,000 opinions — the officer's pages, the report and the public explanation.

Creates a throwaway commune with two consultations of ten articles each: one with 20,000 opinions (every channel
and stance, 90 % already answered, 1 % hidden with a reason) and, as the baseline measured in the same run, one
with 200 opinions built the same way. Then measures, on both:

* ``opinion_list``: the officer's page (``staff_detail``: summary counts, per-article counts, the first page of
  opinions) through Django's test client, the whole middleware stack;
* ``opinion_list_by_section``: the same page filtered to one article (``?phan=``);
* ``opinion_list_unanswered``: filtered to opinions still without a disposition (``?ket-qua=none``);
* ``opinion_list_by_disposition``: filtered to "not accepted" (``?ket-qua=not_accepted``);
* ``disposition_page``: the disposition form of one opinion (``opinion_dispose``);
* ``report_body``: building the summary and explanation report's body (``reports.report_body``), in process;
* ``report_issue``: issuing the report as the product does on completion (``reports.report_issue`` →
  ``documents.document_issue``: number, lay out, render DOCX and PDF, store, audit), ``REPORT_ISSUES`` times;
  ``report_docx`` and ``report_pdf``: the time spent inside the two renderers during those calls, with the files'
  KiB and the PDF's pages (a report above ``reports.REPORT_OPINION_ROWS`` opinions is summarised: see README);
* ``public_explanation``: the public page once completed (every opinion with its answer, K11), first page.

Figures: p50/p95/mean ms per request (``REQUESTS`` each), SQL statements per request, response size in KiB, and
``*_ratio_to_200``: the 20,000-opinion p50 ÷ the 200-opinion p50 (1.0: the page does not grow with the number of
opinions). Everything is rolled back at the end.

    python bench/bench_consultations.py                 # SQLite (var/db.sqlite3, migrated)
    DATABASE_URL=postgres://… python bench/bench_consultations.py
    python bench/run.py --only consultations
"""

from __future__ import annotations

import datetime as dt
import random
import statistics
import time
from typing import Any

OPINIONS = 20_000
BASELINE_OPINIONS = 200
SECTIONS = 10
ANSWERED_SHARE = 0.9
HIDDEN_SHARE = 0.01
REQUESTS = 10
REPORT_ISSUES = 3
SEED = 20261207
TODAY = dt.date(2026, 12, 7)


class _Rollback(Exception):
    pass


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def _time(call: Any, requests: int = REQUESTS) -> list[float]:
    call()  # warm-up
    durations = []
    for _ in range(requests):
        start = time.perf_counter()
        call()
        durations.append(time.perf_counter() - start)
    return durations


SLOWEST: dict[str, list[tuple[float, str]]] = {}
"""The three slowest statements of each measured call on the large consultation (what to index or aggregate)."""


def _statements(connection: Any, call: Any, label: str = "") -> tuple[int, int]:
    executed: list[tuple[float, str]] = []

    def wrapper(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        start = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            executed.append((round((time.perf_counter() - start) * 1000, 2), sql[:160]))

    with connection.execute_wrapper(wrapper):
        result = call()
    if label:
        SLOWEST[label] = sorted(executed, reverse=True)[:3]
    size = len(getattr(result, "content", b"")) if result is not None else 0
    return len(executed), size


def _consultation(commune: Any, creator: Any, title: str, count: int, generator: random.Random) -> Any:
    from grassroots.consultations.models import (
        Consultation,
        ConsultationSection,
        ConsultationStatus,
        Disposition,
        Opinion,
        OpinionChannel,
        OpinionStance,
    )

    published = TODAY - dt.timedelta(days=40)
    consultation = Consultation.objects.create(
        commune=commune,
        matter="C5",
        title=title,
        status=ConsultationStatus.CLOSED,
        opens_on=published,
        closes_on=published + dt.timedelta(days=20),
        published_on=published,
        closed_on=published + dt.timedelta(days=21),
        plan_sent_to_council_on=published,
        plan_sent_to_front_on=published,
        forms_used=list(OpinionChannel.values),
        created_by=creator,
    )
    sections = [
        ConsultationSection.objects.create(
            consultation=consultation, position=number, heading=f"Điều {number}", text="Nội dung điều."
        )
        for number in range(1, SECTIONS + 1)
    ]
    channels = [value for value in OpinionChannel.values if value != OpinionChannel.ONLINE]
    dispositions = list(Disposition.values)
    moment = dt.datetime.combine(published, dt.time(9, 0), tzinfo=dt.UTC)
    batch: list[Any] = []
    for number in range(count):
        hidden = generator.random() < HIDDEN_SHARE
        answered = not hidden and generator.random() < ANSWERED_SHARE
        batch.append(
            Opinion(
                consultation=consultation,
                section=None if number % 11 == 0 else sections[number % SECTIONS],
                channel=channels[number % len(channels)],
                source="Hội nghị thôn",
                stance=generator.choice(OpinionStance.values),
                text=f"Ý kiến số {number}: đề nghị sửa đổi, bổ sung nội dung cho phù hợp với thực tế địa phương.",
                author_name=f"Người góp ý {number}",
                shows_name=number % 3 == 0,
                received_on=published + dt.timedelta(days=number % 20),
                entered_at=moment,
                is_hidden=hidden,
                hidden_reason="Trùng lặp." if hidden else "",
                disposition=generator.choice(dispositions) if answered else "",
                explanation="Tiếp thu, chỉnh sửa dự thảo." if answered else "",
                disposed_at=moment if answered else None,
            )
        )
        if len(batch) == 5000:
            Opinion.objects.bulk_create(batch)
            batch = []
    Opinion.objects.bulk_create(batch)
    return consultation


def _issue_reports(consultation: Any, actor: Any) -> dict[str, dict[str, Any]]:
    """Issue the report ``REPORT_ISSUES`` times through ``documents``, timing the whole call and each renderer."""
    from unittest import mock

    from grassroots.consultations import reports
    from grassroots.documents import services as document_services
    from grassroots.documents.render_docx import render_docx
    from grassroots.documents.render_pdf import render_pdf

    spent: dict[str, list[float]] = {"report_issue": [], "report_docx": [], "report_pdf": []}

    def timed(name: str, real: Any) -> Any:
        def wrapper(layout: Any) -> Any:
            start = time.perf_counter()
            try:
                return real(layout)
            finally:
                spent[name].append(time.perf_counter() - start)

        return wrapper

    document: Any = None
    with (
        mock.patch.object(document_services, "render_docx", timed("report_docx", render_docx)),
        mock.patch.object(document_services, "render_pdf", timed("report_pdf", render_pdf)),
    ):
        for _ in range(REPORT_ISSUES):
            start = time.perf_counter()
            document = reports.report_issue(consultation=consultation, actor=actor)
            spent["report_issue"].append(time.perf_counter() - start)
    figures = {name: _figure(durations, None) for name, durations in spent.items()}
    figures["report_docx"]["kib"] = round(document.docx_file.size / 1024, 1)
    figures["report_pdf"]["kib"] = round(document.pdf_file.size / 1024, 1)
    figures["report_pdf"]["pages"] = document.pdf_pages
    return figures


def _figure(durations: list[float], counted: tuple[int, int] | None) -> dict[str, Any]:
    figure: dict[str, Any] = {
        "p50_ms": round(_percentile(durations, 0.50) * 1000, 2),
        "p95_ms": round(_percentile(durations, 0.95) * 1000, 2),
        "mean_ms": round(statistics.fmean(durations) * 1000, 2),
    }
    if counted is not None:
        figure["sql_queries"] = counted[0]
        if counted[1]:
            figure["kib"] = round(counted[1] / 1024, 1)
    return figure


def run() -> dict[str, Any]:
    import tempfile

    from django.conf import settings
    from django.test import override_settings

    plain_static = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    # The issued reports' files go to a throwaway folder (the rows are rolled back at the end).
    with tempfile.TemporaryDirectory() as media, override_settings(STORAGES=plain_static, MEDIA_ROOT=media):
        return _run()


def _run() -> dict[str, Any]:
    from unittest import mock

    from django.db import connection, transaction
    from django.test import Client
    from django.urls import reverse

    from grassroots.accounts.testing import give_role, make_user
    from grassroots.consultations import reports
    from grassroots.consultations.models import ConsultationStatus, Opinion
    from grassroots.units.models import AdministrativeUnit, UnitKind, UnitLevel

    result: dict[str, Any] = {
        "name": "consultations",
        "opinions": OPINIONS,
        "baseline_opinions": BASELINE_OPINIONS,
        "db_vendor": connection.vendor,
    }
    moment = dt.datetime.combine(TODAY, dt.time(9, 0), tzinfo=dt.timezone(dt.timedelta(hours=7)))
    try:
        with transaction.atomic(), mock.patch("grassroots.core.clock.now", return_value=moment):
            began = time.perf_counter()
            kind = UnitKind.objects.get_or_create(code="xa", defaults={"name": "Xã", "level": UnitLevel.COMMUNE})[0]
            commune = AdministrativeUnit.objects.create(
                level=UnitLevel.COMMUNE, kind=kind, name="Xa Gop Y Do", code="G9801", slug="xa-gop-y-do"
            )
            officer = make_user("bench-consultation-officer", full_name="Cán bộ đo")
            give_role(officer, "commune_officer", commune)
            generator = random.Random(SEED)
            large = _consultation(commune, officer, "Dự thảo lớn", OPINIONS, generator)
            small = _consultation(commune, officer, "Dự thảo nhỏ", BASELINE_OPINIONS, generator)
            if connection.vendor == "postgresql":
                with connection.cursor() as cursor:
                    cursor.execute("ANALYZE consultations_opinion")
            result["populate_seconds"] = round(time.perf_counter() - began, 2)
            client = Client()
            client.force_login(officer)
            for label, consultation in (("large", large), ("small", small)):
                detail = reverse("consultations:staff_detail", args=[consultation.pk])
                section = consultation.sections.get(position=3).pk
                opinion = Opinion.objects.filter(consultation=consultation, is_hidden=False).order_by("pk").first()
                assert opinion is not None
                dispose = reverse("consultations:opinion_dispose", args=[opinion.pk])
                public = reverse("consultations:public_detail", args=[consultation.pk])
                pages: dict[str, tuple[str, dict[str, str]]] = {
                    "opinion_list": (detail, {}),
                    "opinion_list_by_section": (detail, {"phan": str(section)}),
                    "opinion_list_unanswered": (detail, {"ket-qua": "none"}),
                    "opinion_list_by_disposition": (detail, {"ket-qua": "not_accepted"}),
                    "disposition_page": (dispose, {}),
                }
                figures: dict[str, Any] = {}
                for name, (url, query) in pages.items():
                    response = client.get(url, query)
                    if response.status_code != 200:
                        raise RuntimeError(f"{name}: status {response.status_code}")

                    def get(url: str = url, query: dict[str, str] = query) -> Any:
                        return client.get(url, query)

                    figures[name] = _figure(_time(get), _statements(connection, get, f"{label}:{name}"))
                figures["report_body"] = _figure(
                    _time(lambda consultation=consultation: reports.report_body(consultation), 3),
                    _statements(connection, lambda consultation=consultation: reports.report_body(consultation)),
                )
                figures.update(_issue_reports(consultation, officer))
                type(consultation).objects.filter(pk=consultation.pk).update(
                    status=ConsultationStatus.COMPLETED, final_decision="Ban hành.", adopts_draft=True
                )
                visitor = Client()

                def public_get(url: str = public, visitor: Any = visitor) -> Any:
                    return visitor.get(url)

                if public_get().status_code != 200:
                    raise RuntimeError("public explanation page")
                figures["public_explanation"] = _figure(
                    _time(public_get), _statements(connection, public_get, f"{label}:public_explanation")
                )
                result[label] = figures
            for name in result["large"]:
                result[name + "_ratio_to_200"] = round(
                    result["large"][name]["p50_ms"] / max(result["small"][name]["p50_ms"], 0.01), 2
                )
            result["slowest_sql_large"] = {
                key.split(":", 1)[1]: value for key, value in SLOWEST.items() if key.startswith("large:")
            }
            result["seconds"] = round(result["large"]["opinion_list"]["mean_ms"] / 1000, 4)
            result["operations"] = 1
            raise _Rollback
    except _Rollback:
        pass
    return result


if __name__ == "__main__":
    import json
    import os
    import sys
    from pathlib import Path

    import django

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    django.setup()
    from bench.run import bench_healthz

    print(json.dumps({"healthz": bench_healthz(2000), "consultations": run()}, ensure_ascii=False, indent=2))
