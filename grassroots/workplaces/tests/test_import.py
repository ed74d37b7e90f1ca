"""The staff import: CSV and XLSX, all or nothing, every bad row with its Vietnamese reason."""

from __future__ import annotations

import datetime as dt
import io

import pytest

from grassroots.accounts.models import User
from grassroots.core.errors import DomainError
from grassroots.units.models import Organisation
from grassroots.units.rules import RawRow
from grassroots.workplaces import importing, services
from grassroots.workplaces.models import StaffMember
from grassroots.workplaces.tests.conftest import NOW

HEADER = ";".join(importing.TEMPLATE_HEADERS)


def _csv(*lines: str) -> io.BytesIO:
    return io.BytesIO(("\ufeff" + "\n".join([HEADER, *lines])).encode("utf-8"))


def test_every_bad_row_is_listed_with_its_reason_and_nothing_is_written() -> None:
    rows = importing.read_table(
        _csv(
            "GV-001;Nguyễn Thị Hạnh;Ban giám hiệu;Hiệu trưởng;Nữ;12/04/1975;0912000001;x;;01/09/2010",
            ";Thiếu Mã;;;;;;;;",
            "GV-003;;;;;;;;;",
            "GV-004;Ngày Sai;;;;31/02/1980;;;;",
            "GV-005;Giới Lạ;;;Không rõ;;;;;",
            "GV-006;Điện Thoại Sai;;;;;12345;;;",
            "GV-001;Trùng Mã;;;;;;;;",
            "GV-008;Hai Đầu;;;;;;x;;",
            "GV-009;Tương Lai;;;;;;;;01/01/2099",
        ),
        "danh-sach.csv",
    )
    plans, errors = importing.validate_staff_rows(
        rows, existing_codes=[], has_current_head=False, today=dt.date(2027, 1, 20)
    )
    assert sorted({error.row for error in errors}) == [3, 4, 5, 6, 7, 8, 9, 10]
    messages = " ".join(error.message for error in errors)
    for reason in (
        "Thiếu mã nhân sự",
        "Thiếu họ và tên",
        "31/02/1980",
        "Không rõ",
        "12345",
        "trùng với dòng 2",
        "người đứng đầu",
        "tương lai",
    ):
        assert reason in messages
    assert all(error.as_text().startswith("Dòng ") for error in errors)
    assert [plan.code for plan in plans] == ["GV-001", "GV-008"]  # fine on their own, never written


@pytest.mark.django_db
def test_import_is_all_or_nothing(school: Organisation, principal: User) -> None:
    before = StaffMember.objects.filter(organisation=school).count()
    rows = [
        RawRow(number=2, values={"code": "MOI-1", "full_name": "Người Mới"}),
        RawRow(number=3, values={"code": "NV-001", "full_name": "Mã Đã Có"}),
    ]
    with pytest.raises(services.StaffImportError) as refusal:
        services.staff_import(organisation=school, rows=rows, actor=principal, now=NOW)
    assert [error.row for error in refusal.value.errors] == [3]
    assert "đã có trong danh sách" in refusal.value.errors[0].message
    assert StaffMember.objects.filter(organisation=school).count() == before


@pytest.mark.django_db
def test_xlsx_template_imports(school: Organisation, principal: User) -> None:
    rows = importing.read_table(io.BytesIO(importing.template_xlsx()), "mau.xlsx")
    result = services.staff_import(organisation=school, rows=rows, actor=principal, now=NOW)
    assert result.created == 2
    head = StaffMember.objects.get(organisation=school, code="GV-001")
    assert head.is_head and head.birth_date == dt.date(1975, 4, 12) and head.gender == "female"
    assert StaffMember.objects.get(organisation=school, code="GV-002").is_union_executive


@pytest.mark.django_db
def test_a_second_head_in_the_file_is_refused_when_one_exists(school: Organisation, principal: User) -> None:
    services.staff_import(
        organisation=school,
        rows=[RawRow(2, {"code": "HT", "full_name": "Hiệu trưởng", "is_head": "x"})],
        actor=principal,
        now=NOW,
    )
    with pytest.raises(services.StaffImportError):
        services.staff_import(
            organisation=school,
            rows=[RawRow(2, {"code": "HT2", "full_name": "Khác", "is_head": "x"})],
            actor=principal,
            now=NOW,
        )


def test_files_without_the_required_columns_or_of_another_type() -> None:
    with pytest.raises(DomainError) as refusal:
        importing.read_table(io.BytesIO("Tên;Tuổi\nA;3".encode()), "x.csv")
    assert refusal.value.code == "workplaces.import.missing_columns"
    with pytest.raises(DomainError) as refusal:
        importing.read_table(io.BytesIO(b"x"), "x.pdf")
    assert refusal.value.code == "workplaces.import.file_type"
    with pytest.raises(DomainError) as refusal:
        importing.read_table(io.BytesIO("Mã nhân sự,Họ và tên\n".encode("utf-16")), "x.csv")
    assert refusal.value.code == "workplaces.import.encoding"
    with pytest.raises(DomainError) as refusal:
        importing.read_table(io.BytesIO(b"not a zip"), "x.xlsx")
    assert refusal.value.code == "workplaces.import.unreadable"


def test_empty_file_is_one_error() -> None:
    rows = importing.read_table(_csv(), "x.csv")
    _plans, errors = importing.validate_staff_rows(
        rows, existing_codes=[], has_current_head=False, today=dt.date(2027, 1, 1)
    )
    assert len(errors) == 1 and errors[0].row == 1
