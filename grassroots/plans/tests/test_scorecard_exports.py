"""The scorecard exported as CSV and as a DOCX report (Decree 30 layout), read back; each commune's own trend."""

from __future__ import annotations

import csv
import datetime as dt
import io

import docx
import pytest
from django.test import Client
from django.urls import reverse

from grassroots.accounts.models import User
from grassroots.accounts.testing import make_unit
from grassroots.petitions.models import Case
from grassroots.plans import selectors
from grassroots.units.models import AdministrativeUnit, UnitLevel

pytestmark = pytest.mark.django_db


def _case(unit: AdministrativeUnit, received_on: dt.date, acknowledged: bool) -> None:
    Case.objects.create(
        unit=unit,
        kind="feedback",
        channel="online",
        title="Vụ việc",
        content="Nội dung",
        received_on=received_on,
        acknowledged_on=received_on if acknowledged else None,
    )


@pytest.fixture
def two_communes(province: AdministrativeUnit) -> tuple[AdministrativeUnit, AdministrativeUnit]:
    """Xã An: 3 of 4 cases acknowledged in the 2026 six-month window, 1 of 2 in 2025; Xã Bình: 1 of 2 in 2026."""
    first = make_unit(UnitLevel.COMMUNE, "Xã An", province)
    second = make_unit(UnitLevel.COMMUNE, "Xã Bình", province)
    for n in range(4):
        _case(first, dt.date(2026, 3, 2), acknowledged=n < 3)
    for n in range(2):
        _case(first, dt.date(2025, 3, 2), acknowledged=n < 1)
        _case(second, dt.date(2026, 3, 2), acknowledged=n < 1)
    return first, second


def _get(user: User, province: AdministrativeUnit, **params: str) -> object:
    client = Client()
    client.force_login(user)
    return client.get(reverse("plans:scorecard", args=[province.pk]), {"ky": "semiannual", "nam": "2026", **params})


def test_scorecard_csv_has_each_communes_shares(
    province: AdministrativeUnit, two_communes: tuple[AdministrativeUnit, AdministrativeUnit], provincial_officer: User
) -> None:
    response = _get(provincial_officer, province, xuat="csv")
    assert response.status_code == 200  # type: ignore[attr-defined]
    assert response["Content-Type"].startswith("text/csv")  # type: ignore[index]
    text = response.content.decode("utf-8-sig")  # type: ignore[attr-defined]
    lines = list(csv.reader(io.StringIO(text)))
    header = lines[0]
    column = header.index("Đã thông báo thụ lý (%)")
    by_name = {line[0]: line for line in lines[1:]}
    assert by_name["Xã An"][column] == "75.0"
    assert by_name["Xã Bình"][column] == "50.0"
    assert by_name["Xã An"][-2:] == ["", ""]  # no report yet, and not late: today (10/06) is before the cut-off


def test_scorecard_docx_is_a_report_with_the_numbers(
    province: AdministrativeUnit, two_communes: tuple[AdministrativeUnit, AdministrativeUnit], provincial_officer: User
) -> None:
    response = _get(provincial_officer, province, xuat="docx")
    assert response.status_code == 200  # type: ignore[attr-defined]
    assert response["Content-Type"] == (  # type: ignore[index]
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )
    document = docx.Document(io.BytesIO(response.content))  # type: ignore[attr-defined]
    text = "\n".join(paragraph.text for paragraph in document.paragraphs)
    assert "BÁO CÁO" in text
    assert "Bảng điểm thực hiện dân chủ ở cơ sở 6 tháng đầu năm 2026" in text
    cells = [[cell.text for cell in row.cells] for table in document.tables for row in table.rows]
    # The commune's own table: (indicator, number of records, share).
    assert ["Đã thông báo thụ lý", "3", "75.0%"] in cells
    assert ["Đã thông báo thụ lý", "1", "50.0%"] in cells
    # Who reported: neither commune has, both shown.
    assert any(row[1] == "Xã An" and row[2] == "Chưa báo cáo" for row in cells)
    # The province-wide trend: 2025 had 1 of 2 acknowledged, 2026 had 4 of 6.
    trend = next(row for row in cells if row[0] == "Đã thông báo thụ lý" and len(row) == 5)
    assert trend == ["Đã thông báo thụ lý", "–", "–", "50.0%", "66.7%"]


def test_a_communes_own_trend(
    province: AdministrativeUnit, two_communes: tuple[AdministrativeUnit, AdministrativeUnit], provincial_officer: User
) -> None:
    first, second = two_communes
    own = selectors.scorecard_trend(province, "semiannual", 2026, unit=first)
    assert [row.percents["petitions.acknowledged"] for row in own] == [None, None, 50.0, 75.0]
    neighbour = selectors.scorecard_trend(province, "semiannual", 2026, unit=second)
    assert [row.percents["petitions.acknowledged"] for row in neighbour] == [None, None, None, 50.0]
    # A commune of another province has no trend in this province's scorecard.
    elsewhere = make_unit(UnitLevel.COMMUNE, "Xã Ngoài", make_unit(UnitLevel.PROVINCE, "Tỉnh Khác"))
    assert selectors.scorecard_trend(province, "semiannual", 2026, unit=elsewhere) == []
    page = _get(provincial_officer, province, don_vi=str(first.pk))
    assert page.context["chosen"] == first  # type: ignore[attr-defined]
    assert [row.year for row in page.context["unit_trend"]] == [2023, 2024, 2025, 2026]  # type: ignore[attr-defined]
    # Another province's commune in the address is ignored, not shown.
    ignored = _get(provincial_officer, province, don_vi=str(elsewhere.pk))
    assert ignored.context["chosen"] is None  # type: ignore[attr-defined]
