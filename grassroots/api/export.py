"""Bulk export of a commune's public data (CSV, XLSX, JSON) through the same selectors and row shapes as the API."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from openpyxl import Workbook

from grassroots.api.routers.public import case_row, consultation_row, disclosure_row, vote_row

EXPORT_ROWS_LIMIT = 50_000
"""Rows per dataset in one export (a commune publishes a few hundred items a year)."""

FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "json": "application/json",
}


def _disclosures(commune: Any) -> list[dict[str, Any]]:
    from grassroots.disclosures.selectors import public_disclosures

    return [disclosure_row(row) for row in public_disclosures(commune)[:EXPORT_ROWS_LIMIT]]


def _consultations(commune: Any) -> list[dict[str, Any]]:
    from grassroots.consultations.selectors import public_consultations

    queryset = public_consultations(commune).select_related("commune", "report_document")
    return [consultation_row(row) for row in queryset[:EXPORT_ROWS_LIMIT]]


def _votes(commune: Any) -> list[dict[str, Any]]:
    from grassroots.units.selectors import communities_of
    from grassroots.voting.selectors import public_results_page

    rows = []
    for community in communities_of(commune):
        for vote, tally, _opinions in public_results_page(community):
            row = vote_row(vote, tally)
            row["options"] = "; ".join(f"{option['label']}: {option['count']}" for option in row["options"])
            rows.append(row)
    return rows


def _cases(commune: Any) -> list[dict[str, Any]]:
    from grassroots.petitions.selectors import public_cases

    queryset = public_cases(commune).select_related("unit").order_by("-received_on", "-pk")
    return [case_row(row) for row in queryset[:EXPORT_ROWS_LIMIT]]


DATASETS: dict[str, Callable[[Any], list[dict[str, Any]]]] = {
    "disclosures": _disclosures,
    "consultations": _consultations,
    "votes": _votes,
    "cases": _cases,
}


def _cell(value: Any) -> Any:
    if value is None or isinstance(value, (int, float, str)):
        return value
    if hasattr(value, "tzinfo") and getattr(value, "tzinfo", None) is not None:
        return value.isoformat()
    return str(value) if not hasattr(value, "isoformat") else value


def export_commune(commune: Any, file_format: str, dataset: str = "") -> bytes:
    """The commune's public data in ``file_format``; CSV holds one ``dataset`` (default disclosures)."""
    if file_format == "json":
        payload = {"commune": commune.slug, **{name: build(commune) for name, build in DATASETS.items()}}
        return json.dumps(payload, cls=DjangoJSONEncoder, ensure_ascii=False, indent=1).encode()
    if file_format == "csv":
        rows = DATASETS.get(dataset or "disclosures", _disclosures)(commune)
        buffer = io.StringIO()
        buffer.write("\ufeff")  # Excel opens UTF-8 with Vietnamese diacritics only after a BOM
        if rows:
            writer = csv.DictWriter(buffer, fieldnames=list(rows[0]))
            writer.writeheader()
            writer.writerows(rows)
        return buffer.getvalue().encode()
    workbook = Workbook()
    workbook.remove(workbook.active)  # type: ignore[arg-type]
    for name, build in DATASETS.items():
        sheet = workbook.create_sheet(name)
        rows = build(commune)
        if rows:
            sheet.append(list(rows[0]))
            for row in rows:
                sheet.append([_cell(value) for value in row.values()])
    buffer_bytes = io.BytesIO()
    workbook.save(buffer_bytes)
    return buffer_bytes.getvalue()
