"""Pure checks of a household import file: header spellings, cell parsing, and every row error at once.

Plain values in (rows as mappings, the commune's communities and codes as lookups, ``today``),
planned households and a list of ``RowError`` out; ``services.household_import`` writes.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext_lazy as _

from grassroots.units.rules.households import REPRESENTATIVE_MIN_AGE, age_on
from grassroots.units.rules.text import fold_text

COLUMN_HOUSEHOLD_CODE = "household_code"
COLUMN_COMMUNITY = "community"
COLUMN_ADDRESS = "address"
COLUMN_FULL_NAME = "full_name"
COLUMN_BIRTH_DATE = "birth_date"
COLUMN_GENDER = "gender"
COLUMN_PHONE = "phone"
COLUMN_RELATIONSHIP = "relationship"
COLUMN_REPRESENTATIVE = "representative"
COLUMN_ACTIVE_FROM = "active_from"
COLUMN_LEFT_ON = "left_on"

HEADER_ALIASES: dict[str, tuple[str, ...]] = {
    COLUMN_HOUSEHOLD_CODE: ("ma ho", "ma ho gia dinh", "so ho", "ma so ho"),
    COLUMN_COMMUNITY: ("thon/to dan pho", "thon, to dan pho", "thon", "to dan pho", "thon/to", "khu dan cu"),
    COLUMN_ADDRESS: ("dia chi", "dia chi ho", "noi o", "dia chi cu tru"),
    COLUMN_FULL_NAME: ("ho va ten", "ho ten", "ho va ten nguoi", "ten"),
    COLUMN_BIRTH_DATE: ("ngay sinh", "ngay thang nam sinh", "ngay, thang, nam sinh"),
    COLUMN_GENDER: ("gioi tinh", "gioi"),
    COLUMN_PHONE: ("so dien thoai", "dien thoai", "sdt", "so dt"),
    COLUMN_RELATIONSHIP: ("quan he voi chu ho", "quan he", "quan he chu ho"),
    COLUMN_REPRESENTATIVE: ("dai dien ho", "dai dien ho gia dinh", "la dai dien"),
    COLUMN_ACTIVE_FROM: ("ngay den cu tru", "cu tru tu ngay", "ngay dang ky cu tru", "ngay vao ho"),
    COLUMN_LEFT_ON: ("ngay roi ho", "ngay chuyen di", "ngay xoa dang ky thuong tru", "ngay xoa ten khoi ho"),
}
"""Folded header spellings commune staff use, per column (case, diacritics and spaces ignored)."""

REQUIRED_COLUMNS = (COLUMN_HOUSEHOLD_CODE, COLUMN_COMMUNITY, COLUMN_FULL_NAME)
COLUMN_LABELS: dict[str, Any] = {
    COLUMN_HOUSEHOLD_CODE: _("Mã hộ"),
    COLUMN_COMMUNITY: _("Thôn/Tổ dân phố"),
    COLUMN_ADDRESS: _("Địa chỉ"),
    COLUMN_FULL_NAME: _("Họ và tên"),
    COLUMN_BIRTH_DATE: _("Ngày sinh"),
    COLUMN_GENDER: _("Giới tính"),
    COLUMN_PHONE: _("Số điện thoại"),
    COLUMN_RELATIONSHIP: _("Quan hệ với chủ hộ"),
    COLUMN_REPRESENTATIVE: _("Đại diện hộ"),
    COLUMN_ACTIVE_FROM: _("Ngày đến cư trú"),
    COLUMN_LEFT_ON: _("Ngày rời hộ"),
}
TEMPLATE_COLUMNS = (
    COLUMN_HOUSEHOLD_CODE,
    COLUMN_COMMUNITY,
    COLUMN_ADDRESS,
    COLUMN_FULL_NAME,
    COLUMN_BIRTH_DATE,
    COLUMN_GENDER,
    COLUMN_PHONE,
    COLUMN_RELATIONSHIP,
    COLUMN_REPRESENTATIVE,
    COLUMN_ACTIVE_FROM,
    COLUMN_LEFT_ON,
)

TEMPLATE_HEADERS = (
    "Mã hộ",
    "Thôn/Tổ dân phố",
    "Địa chỉ",
    "Họ và tên",
    "Ngày sinh",
    "Giới tính",
    "Số điện thoại",
    "Quan hệ với chủ hộ",
    "Đại diện hộ",
    "Ngày đến cư trú",
    "Ngày rời hộ",
)
"""The header of the import file format (data, not interface text: it stays Vietnamese)."""

_HEADER_INDEX = {alias: column for column, aliases in HEADER_ALIASES.items() for alias in aliases}


def normalise_header(value: Any) -> str:
    text = fold_text(str(value or ""))
    text = re.sub(r"\s*([/,])\s*", r"\1", text).replace(",", ", ")
    return text.strip(" :*.")


def map_headers(headers: Iterable[Any]) -> tuple[dict[int, str], list[str]]:
    """Map column positions to known columns; return the mapping and the required columns missing."""
    mapping: dict[int, str] = {}
    for position, header in enumerate(headers):
        column = _HEADER_INDEX.get(normalise_header(header))
        if column and column not in mapping.values():
            mapping[position] = column
    missing = [column for column in REQUIRED_COLUMNS if column not in mapping.values()]
    return mapping, missing


EXCEL_EPOCH = dt.date(1899, 12, 30)
_DATE_PATTERNS = (
    re.compile(r"^(?P<d>\d{1,2})[/.\-](?P<m>\d{1,2})[/.\-](?P<y>\d{4})$"),
    re.compile(r"^(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})$"),
)


def parse_date(value: Any) -> dt.date | None:
    """A date from a cell: dd/mm/yyyy (also - or .), yyyy-mm-dd, an Excel date or serial number.

    Returns None for an empty cell; raises ValueError for anything else that is not a real date.
    """
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        # A bare number under 3000 is a year typed alone (Excel serial 3000 is 18/3/1908), not a date.
        if not 3000 <= value < 2958466:
            raise ValueError("serial out of range")
        return EXCEL_EPOCH + dt.timedelta(days=int(value))
    text = str(value).strip()
    if not text:
        return None
    text = text.split(" ")[0] if re.match(r"^\d{4}-\d{2}-\d{2} \d", text) else text
    for pattern in _DATE_PATTERNS:
        match = pattern.match(text)
        if match:
            return dt.date(int(match["y"]), int(match["m"]), int(match["d"]))
    raise ValueError("not a date")


_GENDERS = {"nam": "male", "male": "male", "m": "male", "nu": "female", "female": "female", "f": "female"}
_GENDERS.update({"khac": "other", "other": "other"})


def parse_gender(value: Any) -> str:
    """ "Nam" → male, "Nữ" → female, "Khác" → other, empty → ""; raises ValueError otherwise."""
    text = fold_text(str(value or ""))
    if not text:
        return ""
    if text in _GENDERS:
        return _GENDERS[text]
    raise ValueError("unknown gender")


PHONE_PATTERN = re.compile(r"^0\d{9,10}$")
"""Vietnamese numbers: 10 digits for mobiles (03x, 05x, 07x, 08x, 09x), 11 for landlines (02xx…)."""


def parse_phone(value: Any) -> str:
    """A phone number in national form (0…); +84 / 84 prefixes and spaces, dots, dashes are accepted."""
    if value is None:
        return ""
    if isinstance(value, int | float) and not isinstance(value, bool):
        value = f"0{int(value)}"  # Excel drops the leading zero of a number typed as a number
    text = re.sub(r"[\s.\-()]", "", str(value))
    if not text:
        return ""
    if text.startswith("+84"):
        text = "0" + text[3:]
    elif text.startswith("84") and len(text) in (11, 12):
        text = "0" + text[2:]
    elif not text.startswith("0") and len(text) in (9, 10):
        text = "0" + text
    if not PHONE_PATTERN.match(text):
        raise ValueError("bad phone")
    return text


_REPRESENTATIVE_MARKS = {"x", "co", "yes", "1", "dai dien", "chu ho", "v", "true"}


def is_representative_mark(representative_cell: Any, relationship_cell: Any) -> bool:
    """The representative is marked "x" in "Đại diện hộ" or is "Chủ hộ" in "Quan hệ với chủ hộ"."""
    mark = fold_text(str(representative_cell or ""))
    relation = fold_text(str(relationship_cell or ""))
    return mark in _REPRESENTATIVE_MARKS or relation in {"chu ho", "dai dien", "dai dien ho"}


def cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(str(value).replace("\x00", " ").split())  # a NUL from a damaged cell is a space


ADDRESS_MAX_LENGTH = 255
"""``Household.address``: a longer cell is a row error, not a database error on PostgreSQL."""


@dataclass(frozen=True)
class RowError:
    """One problem in one row of an import file (row numbers count the header as row 1)."""

    row: int
    column: str
    message: str

    def as_text(self) -> str:
        return f"{_('Dòng')} {self.row}: {self.message}"


@dataclass
class PersonPlan:
    """One member to create. ``registered_on`` is the row's "Ngày đến cư trú" (empty: counted from always),
    ``left_on`` its "Ngày rời hộ" (a former member kept so that registers on earlier dates stay true)."""

    row: int
    full_name: str
    birth_date: dt.date | None
    gender: str
    phone: str
    is_representative: bool
    registered_on: dt.date | None = None
    left_on: dt.date | None = None


@dataclass
class HouseholdPlan:
    code: str
    community_id: int
    address: str
    active_from: dt.date
    first_row: int
    members: list[PersonPlan] = field(default_factory=list)


@dataclass(frozen=True)
class RawRow:
    """One data row as read from a file: its 1-based row number and the known columns' cell values."""

    number: int
    values: Mapping[str, Any]


def validate_import(
    rows: Iterable[RawRow],
    *,
    communities: Mapping[str, int],
    existing_codes: Iterable[str],
    today: dt.date,
) -> tuple[list[HouseholdPlan], list[RowError]]:
    """Check every row of a household file and plan the households; nothing is written.

    ``communities`` maps folded community names (and codes) of the commune to their ids;
    ``existing_codes`` are household codes already registered in the commune. Returns the planned
    households and every error found (an import goes ahead only when the error list is empty).
    """
    errors: list[RowError] = []
    taken = {fold_text(code) for code in existing_codes}
    plans: dict[str, HouseholdPlan] = {}
    seen_people: dict[tuple[str, str, dt.date | None], int] = {}
    row_count = 0

    def error(row: int, column: str, message: Any) -> None:
        errors.append(RowError(row, column, str(message)))

    for raw in rows:
        row_count += 1
        values = raw.values
        number = raw.number
        code = cell_text(values.get(COLUMN_HOUSEHOLD_CODE))
        community_text = cell_text(values.get(COLUMN_COMMUNITY))
        full_name = cell_text(values.get(COLUMN_FULL_NAME))
        address = cell_text(values.get(COLUMN_ADDRESS))
        row_ok = True

        if not code:
            error(number, COLUMN_HOUSEHOLD_CODE, _("Thiếu mã hộ."))
            row_ok = False
        elif len(code) > 40:
            error(number, COLUMN_HOUSEHOLD_CODE, _("Mã hộ dài quá 40 ký tự."))
            row_ok = False
        elif fold_text(code) in taken:
            error(number, COLUMN_HOUSEHOLD_CODE, _("Mã hộ “%(code)s” đã có trong xã.") % {"code": code})
            row_ok = False

        community_id = communities.get(fold_text(community_text)) if community_text else None
        if not community_text:
            error(number, COLUMN_COMMUNITY, _("Thiếu tên thôn/tổ dân phố."))
            row_ok = False
        elif community_id is None:
            error(
                number,
                COLUMN_COMMUNITY,
                _("Không có thôn/tổ dân phố “%(name)s” trong xã này.") % {"name": community_text},
            )
            row_ok = False

        if len(address) > ADDRESS_MAX_LENGTH:
            error(number, COLUMN_ADDRESS, _("Địa chỉ dài quá 255 ký tự."))
            row_ok = False

        if not full_name:
            error(number, COLUMN_FULL_NAME, _("Thiếu họ và tên."))
            row_ok = False
        elif len(full_name) > 200:
            error(number, COLUMN_FULL_NAME, _("Họ và tên dài quá 200 ký tự."))
            row_ok = False

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
            row_ok = False
        else:
            if birth_date is not None and birth_date > today:
                error(number, COLUMN_BIRTH_DATE, _("Ngày sinh ở tương lai."))
                row_ok = False
            elif birth_date is not None and birth_date.year < 1880:
                error(number, COLUMN_BIRTH_DATE, _("Năm sinh không hợp lý."))
                row_ok = False

        gender = ""
        try:
            gender = parse_gender(values.get(COLUMN_GENDER))
        except ValueError:
            error(
                number,
                COLUMN_GENDER,
                _("Giới tính “%(value)s” không rõ; ghi Nam hoặc Nữ.") % {"value": cell_text(values.get(COLUMN_GENDER))},
            )
            row_ok = False

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
            row_ok = False

        active_from: dt.date | None = None
        try:
            active_from = parse_date(values.get(COLUMN_ACTIVE_FROM))
        except ValueError:
            error(
                number,
                COLUMN_ACTIVE_FROM,
                _("Ngày đến cư trú “%(value)s” không đúng dạng ngày/tháng/năm.")
                % {"value": cell_text(values.get(COLUMN_ACTIVE_FROM))},
            )
            row_ok = False
        else:
            if active_from is not None and active_from > today:
                error(number, COLUMN_ACTIVE_FROM, _("Ngày đến cư trú ở tương lai."))
                row_ok = False

        left_on: dt.date | None = None
        try:
            left_on = parse_date(values.get(COLUMN_LEFT_ON))
        except ValueError:
            error(
                number,
                COLUMN_LEFT_ON,
                _("Ngày rời hộ “%(value)s” không đúng dạng ngày/tháng/năm.")
                % {"value": cell_text(values.get(COLUMN_LEFT_ON))},
            )
            row_ok = False
        else:
            if left_on is not None and left_on > today:
                error(number, COLUMN_LEFT_ON, _("Ngày rời hộ ở tương lai."))
                row_ok = False
            elif left_on is not None and active_from is not None and left_on <= active_from:
                error(number, COLUMN_LEFT_ON, _("Ngày rời hộ phải sau ngày đến cư trú."))
                row_ok = False

        if full_name and code:
            person_key = (fold_text(code), fold_text(full_name), birth_date)
            if person_key in seen_people:
                error(
                    number,
                    COLUMN_FULL_NAME,
                    _("Trùng người với dòng %(row)s (cùng hộ, họ tên và ngày sinh).")
                    % {"row": seen_people[person_key]},
                )
                row_ok = False
            else:
                seen_people[person_key] = number

        is_representative = is_representative_mark(values.get(COLUMN_REPRESENTATIVE), values.get(COLUMN_RELATIONSHIP))
        if is_representative and left_on is not None:
            error(number, COLUMN_LEFT_ON, _("Người đã rời hộ không làm đại diện hộ được."))
            row_ok = False
        if not row_ok or community_id is None:
            continue
        key = fold_text(code)
        plan = plans.get(key)
        if plan is None:
            plan = HouseholdPlan(
                code=code,
                community_id=community_id,
                address=address,
                active_from=active_from or today,
                first_row=number,
            )
            plans[key] = plan
        else:
            if plan.community_id != community_id:
                error(
                    number,
                    COLUMN_COMMUNITY,
                    _("Hộ “%(code)s” đã ghi ở thôn/tổ khác tại dòng %(row)s.") % {"code": code, "row": plan.first_row},
                )
                continue
            if address and not plan.address:
                plan.address = address
            if active_from is not None and active_from < plan.active_from:
                plan.active_from = active_from
        plan.members.append(
            PersonPlan(
                number,
                full_name,
                birth_date,
                gender,
                phone,
                is_representative,
                registered_on=active_from,
                left_on=left_on,
            )
        )

    if row_count == 0:
        errors.append(RowError(1, "", str(_("Tệp không có dòng dữ liệu nào."))))

    for plan in plans.values():
        representatives = [member for member in plan.members if member.is_representative]
        if not representatives:
            error(
                plan.first_row,
                COLUMN_REPRESENTATIVE,
                _("Hộ “%(code)s” chưa có người đại diện (đánh dấu x ở cột Đại diện hộ hoặc ghi Chủ hộ).")
                % {"code": plan.code},
            )
        elif len(representatives) > 1:
            error(
                representatives[1].row,
                COLUMN_REPRESENTATIVE,
                _("Hộ “%(code)s” có %(count)s người đại diện; mỗi hộ chỉ một người.")
                % {"code": plan.code, "count": len(representatives)},
            )
        else:
            chosen = representatives[0]
            if chosen.birth_date is None:
                error(
                    chosen.row,
                    COLUMN_BIRTH_DATE,
                    _("Người đại diện hộ phải có ngày sinh để xác định đủ %(age)s tuổi.")
                    % {"age": REPRESENTATIVE_MIN_AGE},
                )
            elif age_on(chosen.birth_date, today) < REPRESENTATIVE_MIN_AGE:
                error(
                    chosen.row,
                    COLUMN_REPRESENTATIVE,
                    _("Người đại diện hộ phải đủ %(age)s tuổi (Luật số 10/2022/QH15, Điều 18, 19).")
                    % {"age": REPRESENTATIVE_MIN_AGE},
                )

    errors.sort(key=lambda item: (item.row, item.column))
    return list(plans.values()), errors
