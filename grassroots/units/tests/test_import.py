from __future__ import annotations

import datetime as dt
import io
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from openpyxl import Workbook

from grassroots.core import services as core_services
from grassroots.core.errors import DomainError
from grassroots.core.models import AuditEvent
from grassroots.units import importing, services
from grassroots.units.models import AdministrativeUnit, Household, Resident
from grassroots.units.tests.factories import HouseholdFactory

pytestmark = pytest.mark.django_db

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "mau_nhap_ho_gia_dinh.csv"
HEADER = "Mã hộ,Thôn/Tổ dân phố,Địa chỉ,Họ và tên,Ngày sinh,Giới tính,Số điện thoại,Đại diện hộ\n"


def _import(bare_commune: AdministrativeUnit, table: importing.Table, now: dt.datetime) -> services.ImportResult:
    return services.household_import(commune=bare_commune, rows=table.rows, actor=None, now=now)


def _snapshot() -> tuple[int, int, int]:
    return Household.objects.count(), Resident.objects.count(), AuditEvent.objects.count()


def test_example_file_imports(
    bare_commune: AdministrativeUnit, village_one: AdministrativeUnit, village_two: AdministrativeUnit, now: dt.datetime
) -> None:
    table = importing.read_csv(FIXTURE.read_bytes())
    result = _import(bare_commune, table, now)
    assert (result.households, result.residents) == (2, 4)
    first = Household.objects.get(code="HGD-001")
    assert first.community == village_one
    assert first.address == "Số 12, Thôn 1"
    assert first.representative is not None
    assert first.representative.full_name == "Nguyễn Văn An"
    assert first.active_from == dt.date(2026, 11, 22)  # no arrival date: counted from the import day
    assert sorted(first.members.values_list("gender", flat=True)) == ["female", "male", "male"]
    assert Resident.objects.get(full_name="Lê Thị Dung").phone == "0387654321"
    codes = list(AuditEvent.objects.values_list("code", flat=True))
    assert codes == ["units.household.imported", "units.household.imported", "units.import.completed"]


def test_csv_with_bom_and_semicolons_and_title_rows(
    bare_commune: AdministrativeUnit, village_one: AdministrativeUnit, now: dt.datetime
) -> None:
    text = (
        "DANH SÁCH HỘ GIA ĐÌNH XÃ HÒA PHÚ;;;;\n"
        ";;;;\n"
        "MÃ HỘ;thon/to dan pho;HỌ VÀ TÊN;Ngày sinh;Quan hệ với chủ hộ;Ngày đến cư trú\n"
        "A1;thôn 1;Đỗ Văn Em;1/2/1960;Chủ hộ;01/01/2001\n"
        ";;;;\n"
        "A1;THÔN 1;Đỗ Thị Gái;3/4/1962;Vợ;\n"
    )
    table = importing.read_csv(("\ufeff" + text).encode("utf-8"))
    assert [row.number for row in table.rows] == [4, 6]
    result = _import(bare_commune, table, now)
    assert (result.households, result.residents) == (1, 2)
    household = Household.objects.get()
    assert household.representative is not None
    assert household.representative.full_name == "Đỗ Văn Em"
    assert household.active_from == dt.date(2001, 1, 1)


def test_csv_not_utf8_and_missing_columns() -> None:
    with pytest.raises(DomainError) as refusal:
        importing.read_csv(b"M\xe3 h\xf4,H\xf4 t\xean\n")  # Latin-1 bytes, not UTF-8
    assert refusal.value.code == "units.import.encoding"
    with pytest.raises(DomainError) as refusal:
        importing.read_csv(b"Ho va ten,Ngay sinh\nA,01/01/1990\n")
    assert refusal.value.code == "units.import.missing_columns"
    with pytest.raises(DomainError) as refusal:
        importing.read_table(io.BytesIO(b"x"), "danh-sach.xls")
    assert refusal.value.code == "units.import.file_type"


def _xlsx(rows: Any) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["Mã hộ", "Thôn/Tổ dân phố", "Họ và tên", "Ngày sinh", "Giới tính", "Số điện thoại", "Đại diện hộ"])
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_xlsx_happy_path_with_excel_dates_and_numbers(
    bare_commune: AdministrativeUnit, village_one: AdministrativeUnit, village_two: AdministrativeUnit, now: dt.datetime
) -> None:
    content = _xlsx(
        [
            [101, "Thôn 1", "Vũ Văn Hải", dt.datetime(1975, 8, 19), "Nam", 912345678, "x"],
            [101, "Thôn 1", "Vũ Thị Lan", "19/08/1978", "Nữ", None, None],
            ["102", "Thôn 2", "Hà Văn Minh", dt.datetime(1990, 1, 2), "nam", "0987 654 321", "X"],
        ]
    )
    table = importing.read_table(io.BytesIO(content), "Danh sach.XLSX")
    result = _import(bare_commune, table, now)
    assert (result.households, result.residents) == (2, 3)
    household = Household.objects.get(code="101")
    assert household.representative is not None
    assert household.representative.birth_date == dt.date(1975, 8, 19)
    assert household.representative.phone == "0912345678"


def test_template_xlsx_reads_back(
    bare_commune: AdministrativeUnit, village_one: AdministrativeUnit, village_two: AdministrativeUnit, now: dt.datetime
) -> None:
    table = importing.read_table(io.BytesIO(importing.template_xlsx()), "mau.xlsx")
    result = _import(bare_commune, table, now)
    assert (result.households, result.residents) == (2, 4)


def test_bad_rows_are_all_listed_and_nothing_is_written(
    bare_commune: AdministrativeUnit, village_one: AdministrativeUnit, now: dt.datetime
) -> None:
    HouseholdFactory(community=village_one, code="CU-1")
    before = _snapshot()
    text = HEADER + (
        "H1,Thôn 1,,Nguyễn A,01/01/1980,Nam,,x\n"
        "H2,Thôn 9,,Nguyễn B,01/01/1980,Nam,,x\n"  # unknown community
        "H3,Thôn 1,,Nguyễn C,32/01/1980,Nam,,x\n"  # bad date
        "H4,Thôn 1,,Nguyễn D,01/01/1980,Nam,12ab,x\n"  # bad phone
        "H5,Thôn 1,,,01/01/1980,Nam,,x\n"  # missing name
        "CU-1,Thôn 1,,Nguyễn E,01/01/1980,Nam,,x\n"  # code already in the bare_commune
        "H6,Thôn 1,,Nguyễn G,01/01/1980,Nữ,,\n"  # no representative
    )
    table = importing.read_csv(text.encode("utf-8"))
    with pytest.raises(services.HouseholdImportError) as failure:
        _import(bare_commune, table, now)
    assert [error.row for error in failure.value.errors] == [3, 4, 5, 6, 7, 8]
    assert failure.value.code == "units.import.invalid"
    assert _snapshot() == before


def test_command_imports_and_prints_counts(
    bare_commune: AdministrativeUnit,
    village_one: AdministrativeUnit,
    village_two: AdministrativeUnit,
    capsys: pytest.CaptureFixture[str],
    frozen_clock: dt.datetime,
) -> None:
    call_command("import_households", "--commune", "xa-tan-lap", str(FIXTURE))
    output = capsys.readouterr()
    assert "2" in output.out and "4" in output.out
    assert Household.objects.count() == 2


def test_command_fails_and_lists_rows(
    bare_commune: AdministrativeUnit,
    village_one: AdministrativeUnit,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    frozen_clock: dt.datetime,
) -> None:
    bad = tmp_path / "loi.csv"
    bad.write_text(HEADER + "H1,Thôn 1,,,01/01/1980,Nam,,x\nH2,Thôn 7,,B,01/01/1980,Nam,,x\n", encoding="utf-8")
    with pytest.raises(CommandError):
        call_command("import_households", "--commune", bare_commune.code, str(bad), "--no-progress")
    errors = capsys.readouterr().err
    assert "2:" in errors and "3:" in errors
    assert not Household.objects.exists()


def test_command_unknown_commune(tmp_path: Path) -> None:
    with pytest.raises(CommandError):
        call_command("import_households", "--commune", "khong-co", str(FIXTURE))


def test_failure_during_the_write_rolls_everything_back(
    bare_commune: AdministrativeUnit,
    village_one: AdministrativeUnit,
    village_two: AdministrativeUnit,
    now: dt.datetime,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    real_audit = core_services.audit_record
    calls: list[str] = []

    def failing_audit(**kwargs: Any) -> Any:
        calls.append(kwargs["code"])
        if len(calls) == 2:
            raise RuntimeError("disk full")
        return real_audit(**kwargs)

    monkeypatch.setattr(services.imports, "audit_record", failing_audit)
    before = _snapshot()
    with pytest.raises(RuntimeError):
        _import(bare_commune, importing.read_csv(FIXTURE.read_bytes()), now)
    assert _snapshot() == before


def test_a_long_address_and_a_nul_are_row_errors_not_a_database_error(
    bare_commune: AdministrativeUnit, village_one: AdministrativeUnit, now: dt.datetime
) -> None:
    """On PostgreSQL a 256-character address or a NUL would fail inside the bulk insert (a server error);
    here the long address is listed with its row, the NUL read as a space, and nothing is written."""
    rows = f"A1,Thôn 1,{'x' * 256},Đỗ Văn Em,1/2/1960,Nam,,x\nA2,Thôn 1,Số 2\x00Thôn 1,Đỗ Thị Gái,3/4/1962,Nữ,,x\n"
    table = importing.read_csv((HEADER + rows).encode("utf-8"))
    before = _snapshot()
    with pytest.raises(services.HouseholdImportError) as refused:
        _import(bare_commune, table, now)
    assert [(error.row, error.column) for error in refused.value.errors] == [(2, "address")]
    assert _snapshot() == before
