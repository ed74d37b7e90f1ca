"""Staff register files (CSV or XLSX): reading, and the pure check of every row; the write is in services.

The same pattern as the household import (``units.importing``, ``units.rules.import_rows``): the header
is the first of the top rows that names every required column; every bad row is listed with its reason
in Vietnamese, and nothing is written unless the whole file is right.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import IO, Any

from django.utils.translation import gettext_lazy as _

from grassroots.core.errors import DomainError
from grassroots.core.uploads import office_zip
from grassroots.units.rules import (
    RawRow,
    RowError,
    cell_text,
    fold_text,
    normalise_header,
    parse_date,
    parse_gender,
    parse_phone,
)

COLUMN_CODE = "code"
COLUMN_FULL_NAME = "full_name"
COLUMN_DIVISION = "division"
COLUMN_POSITION = "position"
COLUMN_GENDER = "gender"
COLUMN_BIRTH_DATE = "birth_date"
COLUMN_PHONE = "phone"
COLUMN_HEAD = "is_head"
COLUMN_UNION = "is_union_executive"
COLUMN_ACTIVE_FROM = "active_from"

HEADER_ALIASES: dict[str, tuple[str, ...]] = {
    COLUMN_CODE: ("ma nhan su", "ma can bo", "ma nhan vien", "ma so", "ma"),
    COLUMN_FULL_NAME: ("ho va ten", "ho ten", "ten"),
    COLUMN_DIVISION: ("bo phan", "bo phan, to", "phong, ban", "to", "khoa, phong", "don vi"),
    COLUMN_POSITION: ("chuc vu", "chuc danh", "chuc vu, chuc danh"),
    COLUMN_GENDER: ("gioi tinh", "gioi"),
    COLUMN_BIRTH_DATE: ("ngay sinh", "ngay thang nam sinh"),
    COLUMN_PHONE: ("so dien thoai", "dien thoai", "sdt"),
    COLUMN_HEAD: ("nguoi dung dau", "thu truong", "la nguoi dung dau"),
    COLUMN_UNION: ("ban chap hanh cong doan", "bch cong doan", "uy vien bch cong doan"),
    COLUMN_ACTIVE_FROM: ("ngay bat dau lam viec", "lam viec tu ngay", "ngay vao lam", "ngay tuyen dung"),
}
"""Folded header spellings, per column (case, diacritics and spaces ignored)."""

REQUIRED_COLUMNS = (COLUMN_CODE, COLUMN_FULL_NAME)
COLUMN_LABELS: dict[str, Any] = {
    COLUMN_CODE: _("Mã nhân sự"),
    COLUMN_FULL_NAME: _("Họ và tên"),
}
TEMPLATE_HEADERS = (
    "Mã nhân sự",
    "Họ và tên",
    "Bộ phận",
    "Chức vụ",
    "Giới tính",
    "Ngày sinh",
    "Số điện thoại",
    "Người đứng đầu",
    "Ban chấp hành công đoàn",
    "Ngày bắt đầu làm việc",
)
"""The header of the file format (data, not interface text: it stays Vietnamese)."""
TEMPLATE_EXAMPLE_ROWS: list[list[Any]] = [
    [
        "GV-001",
        "Nguyễn Thị Hạnh",
        "Ban giám hiệu",
        "Hiệu trưởng",
        "Nữ",
        "12/04/1975",
        "0912000001",
        "x",
        "",
        "01/09/2010",
    ],
    ["GV-002", "Trần Văn Minh", "Tổ 1", "Giáo viên", "Nam", "03/08/1985", "", "", "x", "01/09/2012"],
]

_INDEX = {alias: column for column, aliases in HEADER_ALIASES.items() for alias in aliases}
_MARKS = {"x", "co", "1", "v", "yes", "true"}
HEADER_SEARCH_ROWS = 10
MAX_ROWS = 20_000
"""The largest state enterprise's register fits well below this; anything larger is a wrong file."""


@dataclass(frozen=True)
class StaffPlan:
    row: int
    code: str
    full_name: str
    division: str
    position: str
    gender: str
    birth_date: dt.date | None
    phone: str
    is_head: bool
    is_union_executive: bool
    active_from: dt.date


def map_headers(headers: Iterable[Any]) -> tuple[dict[int, str], list[str]]:
    mapping: dict[int, str] = {}
    for position, header in enumerate(headers):
        column = _INDEX.get(normalise_header(header))
        if column and column not in mapping.values():
            mapping[position] = column
    return mapping, [column for column in REQUIRED_COLUMNS if column not in mapping.values()]


def _rows(rows: Iterator[Any]) -> list[RawRow]:
    mapping: dict[int, str] | None = None
    data: list[RawRow] = []
    for number, cells in enumerate(rows, start=1):
        cells = list(cells)
        if mapping is None:
            candidate, missing = map_headers(cells)
            if not missing:
                mapping = candidate
            elif number >= HEADER_SEARCH_ROWS:
                break
            continue
        values = {column: cells[position] for position, column in mapping.items() if position < len(cells)}
        if all(value is None or str(value).strip() == "" for value in values.values()):
            continue
        data.append(RawRow(number=number, values=values))
        if len(data) > MAX_ROWS:
            raise DomainError("workplaces.import.too_many_rows", str(_("Tệp có quá nhiều dòng.")))
    if mapping is None:
        raise DomainError(
            "workplaces.import.missing_columns",
            str(_("Không tìm thấy dòng tiêu đề có đủ các cột bắt buộc: Mã nhân sự, Họ và tên.")),
        )
    return data


def read_table(stream: IO[bytes], filename: str) -> list[RawRow]:
    """The data rows of a ``.csv`` (UTF-8, comma, semicolon or tab) or ``.xlsx`` (first sheet) file."""
    name = filename.lower()
    if name.endswith(".csv"):
        try:
            text = stream.read().decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise DomainError(
                "workplaces.import.encoding",
                str(_("Tệp CSV phải lưu ở dạng UTF-8 (trong Excel: Lưu thành → CSV UTF-8).")),
            ) from error
        first_line = text.split("\n", 1)[0]
        delimiter = max((";", ",", "\t"), key=first_line.count)
        return _rows(iter(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)))
    if name.endswith(".xlsx"):
        from openpyxl import load_workbook

        checked = office_zip(stream, error_code="workplaces.import.unreadable")
        try:
            workbook = load_workbook(checked, read_only=True, data_only=True)
        except Exception as error:  # openpyxl raises many kinds on a damaged or mislabelled file
            raise DomainError("workplaces.import.unreadable", str(_("Không đọc được tệp Excel (.xlsx)."))) from error
        try:
            return _rows(workbook.worksheets[0].iter_rows(values_only=True))
        finally:
            workbook.close()
    raise DomainError("workplaces.import.file_type", str(_("Chỉ nhận tệp .csv hoặc .xlsx.")))


def _is_marked(value: Any) -> bool:
    return fold_text(str(value or "")) in _MARKS


def validate_staff_rows(
    rows: Iterable[RawRow], *, existing_codes: Iterable[str], has_current_head: bool, today: dt.date
) -> tuple[list[StaffPlan], list[RowError]]:
    """Check every row of a staff file and plan the staff members; nothing is written.

    Refusals per row: missing or duplicate code (in the file or already registered), missing name, a date
    that is not a date or lies in the future, an unknown gender, a bad phone number; and for the file: more
    than one head, or a head when the organisation already has one.
    """
    errors: list[RowError] = []
    taken = {fold_text(code) for code in existing_codes}
    seen: dict[str, int] = {}
    plans: list[StaffPlan] = []
    count = 0

    def error(row: int, column: str, message: Any) -> None:
        errors.append(RowError(row, column, str(message)))

    for raw in rows:
        count += 1
        values, number = raw.values, raw.number
        code = cell_text(values.get(COLUMN_CODE))
        full_name = cell_text(values.get(COLUMN_FULL_NAME))
        ok = True
        if not code:
            error(number, COLUMN_CODE, _("Thiếu mã nhân sự."))
            ok = False
        elif len(code) > 40:
            error(number, COLUMN_CODE, _("Mã nhân sự dài quá 40 ký tự."))
            ok = False
        elif fold_text(code) in taken:
            error(number, COLUMN_CODE, _("Mã nhân sự “%(code)s” đã có trong danh sách của đơn vị.") % {"code": code})
            ok = False
        elif fold_text(code) in seen:
            error(
                number,
                COLUMN_CODE,
                _("Mã nhân sự “%(code)s” trùng với dòng %(row)s.") % {"code": code, "row": seen[fold_text(code)]},
            )
            ok = False
        else:
            seen[fold_text(code)] = number
        if not full_name:
            error(number, COLUMN_FULL_NAME, _("Thiếu họ và tên."))
            ok = False
        elif len(full_name) > 200:
            error(number, COLUMN_FULL_NAME, _("Họ và tên dài quá 200 ký tự."))
            ok = False
        birth_date: dt.date | None = None
        try:
            birth_date = parse_date(values.get(COLUMN_BIRTH_DATE))
        except ValueError:
            error(
                number,
                COLUMN_BIRTH_DATE,
                _("Ngày sinh “%(value)s” không đúng dạng ngày/tháng/năm.")
                % {"value": cell_text(values.get(COLUMN_BIRTH_DATE))},
            )
            ok = False
        else:
            if birth_date is not None and (birth_date > today or birth_date.year < 1900):
                error(number, COLUMN_BIRTH_DATE, _("Ngày sinh không hợp lý."))
                ok = False
        gender = ""
        try:
            gender = parse_gender(values.get(COLUMN_GENDER))
        except ValueError:
            error(
                number,
                COLUMN_GENDER,
                _("Giới tính “%(value)s” không rõ; ghi Nam hoặc Nữ.") % {"value": cell_text(values.get(COLUMN_GENDER))},
            )
            ok = False
        phone = ""
        try:
            phone = parse_phone(values.get(COLUMN_PHONE))
        except ValueError:
            error(
                number,
                COLUMN_PHONE,
                _("Số điện thoại “%(value)s” không hợp lệ (10 hoặc 11 chữ số, bắt đầu bằng 0).")
                % {"value": cell_text(values.get(COLUMN_PHONE))},
            )
            ok = False
        active_from: dt.date | None = None
        try:
            active_from = parse_date(values.get(COLUMN_ACTIVE_FROM))
        except ValueError:
            error(
                number,
                COLUMN_ACTIVE_FROM,
                _("Ngày bắt đầu làm việc “%(value)s” không đúng dạng ngày/tháng/năm.")
                % {"value": cell_text(values.get(COLUMN_ACTIVE_FROM))},
            )
            ok = False
        else:
            if active_from is not None and active_from > today:
                error(number, COLUMN_ACTIVE_FROM, _("Ngày bắt đầu làm việc ở tương lai."))
                ok = False
        if not ok:
            continue
        plans.append(
            StaffPlan(
                row=number,
                code=code,
                full_name=full_name,
                division=cell_text(values.get(COLUMN_DIVISION))[:200],
                position=cell_text(values.get(COLUMN_POSITION))[:200],
                gender=gender,
                birth_date=birth_date,
                phone=phone,
                is_head=_is_marked(values.get(COLUMN_HEAD)),
                is_union_executive=_is_marked(values.get(COLUMN_UNION)),
                active_from=active_from or today,
            )
        )
    if count == 0:
        errors.append(RowError(1, "", str(_("Tệp không có dòng dữ liệu nào."))))
    heads = [plan for plan in plans if plan.is_head]
    if len(heads) > 1:
        error(heads[1].row, COLUMN_HEAD, _("Chỉ một người được đánh dấu là người đứng đầu."))
    elif heads and has_current_head:
        error(
            heads[0].row, COLUMN_HEAD, _("Đơn vị đã có người đứng đầu trong danh sách; không thể thêm người thứ hai.")
        )
    errors.sort(key=lambda item: (item.row, item.column))
    return plans, errors


def template_csv() -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(TEMPLATE_HEADERS)
    writer.writerows(TEMPLATE_EXAMPLE_ROWS)
    return buffer.getvalue()


def template_xlsx() -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "Danh sách cán bộ"
    sheet.append(list(TEMPLATE_HEADERS))
    for row in TEMPLATE_EXAMPLE_ROWS:
        sheet.append(list(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
