"""Reading household files (CSV or XLSX) into rows; the checks live in rules, the write in services.

Commune staff keep one row per person. Files often carry a title above the header, so the header
is the first of the top rows that names every required column.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO, Any

from django.utils.translation import gettext_lazy as _

from grassroots.core.errors import DomainError
from grassroots.core.uploads import office_zip
from grassroots.units import rules

HEADER_SEARCH_ROWS = 10
"""How many top rows may hold titles before the header row."""

MAX_ROWS = 100_000
"""A commune's whole register fits well below this; anything larger is a wrong file."""


@dataclass(frozen=True)
class Table:
    """The known columns found in a file and its data rows (empty rows dropped)."""

    columns: list[str]
    rows: list[rules.RawRow]


def _rows_to_table(rows: Iterator[tuple[Any, ...]] | Iterator[list[Any]]) -> Table:
    mapping: dict[int, str] | None = None
    missing: list[str] = []
    best_found = -1
    data: list[rules.RawRow] = []
    for number, cells in enumerate(rows, start=1):
        if mapping is None:
            candidate, missing_here = rules.map_headers(cells)
            if not missing_here:
                mapping = candidate
                continue
            if len(candidate) > best_found:
                best_found, missing = len(candidate), missing_here
            if number >= HEADER_SEARCH_ROWS:
                break
            continue
        values = {column: cells[position] for position, column in mapping.items() if position < len(cells)}
        if all(value is None or str(value).strip() == "" for value in values.values()):
            continue
        data.append(rules.RawRow(number=number, values=values))
        if len(data) > MAX_ROWS:
            raise DomainError("units.import.too_many_rows", str(_("Tệp có quá nhiều dòng.")))
    if mapping is None:
        labels = ", ".join(str(rules.COLUMN_LABELS[column]) for column in missing or rules.REQUIRED_COLUMNS)
        raise DomainError(
            "units.import.missing_columns",
            str(_("Không tìm thấy dòng tiêu đề có đủ các cột bắt buộc: %(columns)s.") % {"columns": labels}),
        )
    return Table(columns=sorted(set(mapping.values())), rows=data)


def read_csv(content: bytes) -> Table:
    """CSV in UTF-8 (with or without BOM), comma, semicolon or tab separated."""
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise DomainError(
            "units.import.encoding",
            str(_("Tệp CSV phải lưu ở dạng UTF-8 (trong Excel: Lưu thành → CSV UTF-8).")),
        ) from error
    first_line = text.split("\n", 1)[0]
    delimiter = max((";", ",", "\t"), key=first_line.count)
    if first_line.count(delimiter) == 0:
        delimiter = ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    return _rows_to_table(iter(reader))


def read_xlsx(stream: IO[bytes]) -> Table:
    """The first worksheet of an Excel workbook; dates typed as dates arrive as dates."""
    from openpyxl import load_workbook

    checked = office_zip(stream, error_code="units.import.unreadable")
    try:
        workbook = load_workbook(checked, read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds on a damaged or mislabelled file
        raise DomainError("units.import.unreadable", str(_("Không đọc được tệp Excel (.xlsx)."))) from error
    try:
        sheet = workbook.worksheets[0]
        return _rows_to_table(sheet.iter_rows(values_only=True))
    finally:
        workbook.close()


def read_table(stream: IO[bytes], filename: str) -> Table:
    """Dispatch on the file name: ``.csv`` or ``.xlsx``."""
    name = filename.lower()
    if name.endswith(".csv"):
        return read_csv(stream.read())
    if name.endswith(".xlsx"):
        return read_xlsx(stream)
    raise DomainError("units.import.file_type", str(_("Chỉ nhận tệp .csv hoặc .xlsx.")))


TEMPLATE_EXAMPLE_ROWS: list[list[Any]] = [
    ["HGD-001", "Thôn 1", "Số 12, Thôn 1", "Nguyễn Văn An", "15/03/1970", "Nam", "0912345678", "Chủ hộ", "x", "", ""],
    ["HGD-001", "Thôn 1", "Số 12, Thôn 1", "Trần Thị Bình", "02/09/1974", "Nữ", "", "Vợ", "", "", ""],
    ["HGD-001", "Thôn 1", "Số 12, Thôn 1", "Nguyễn Văn Cường", "20/11/2010", "Nam", "", "Con", "", "", ""],
    ["HGD-002", "Thôn 2", "Xóm Đình, Thôn 2", "Lê Thị Dung", "05/06/1985", "Nữ", "0387654321", "Chủ hộ", "x", "", ""],
]


def template_headers() -> list[str]:
    """The header row of the file format: always Vietnamese, whatever the interface language."""
    return list(rules.TEMPLATE_HEADERS)


def template_xlsx() -> bytes:
    """A blank-ish workbook with the expected header and two example households."""
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "Hộ gia đình"
    sheet.append(template_headers())
    for row in TEMPLATE_EXAMPLE_ROWS:
        cells = list(row)
        day, month, year = (int(part) for part in cells[4].split("/"))
        cells[4] = dt.date(year, month, day)
        sheet.append(cells)
    for cell in sheet["E"][1:]:
        cell.number_format = "DD/MM/YYYY"
    for letter, width in zip("ABCDEFGHIJK", (12, 16, 24, 24, 12, 10, 14, 18, 12, 16, 14), strict=True):
        sheet.column_dimensions[letter].width = width
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def template_csv() -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(template_headers())
    writer.writerows(TEMPLATE_EXAMPLE_ROWS)
    return buffer.getvalue()
