"""Text the database would refuse (NUL, longer than the column) is refused by the service, on both databases."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from grassroots.core.errors import DomainError
from grassroots.units.models import Household
from grassroots.units.services import household_create

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("address", "code"),
    [("x" * 256, "core.text.too_long"), ("Số 1\x00Thôn 1", "core.text.null_character")],
    ids=["too long", "NUL"],
)
def test_a_service_refuses_text_the_database_would_refuse(
    community: Any, commune_officer: Any, address: str, code: str
) -> None:
    before = Household.objects.count()
    with pytest.raises(DomainError) as refused:
        household_create(
            community=community, code="H-99", address=address, active_from=dt.date(2026, 1, 1), actor=commune_officer
        )
    assert refused.value.code == code
    assert "Địa chỉ" in refused.value.message
    assert Household.objects.count() == before


def test_exactly_the_column_length_is_accepted(community: Any, commune_officer: Any) -> None:
    household = household_create(
        community=community, code="H-98", address="x" * 255, active_from=dt.date(2026, 1, 1), actor=commune_officer
    )
    household.refresh_from_db()
    assert len(household.address) == 255


def test_an_import_row_with_a_long_address_is_listed_not_crashed() -> None:
    from grassroots.units.rules.import_rows import ADDRESS_MAX_LENGTH, cell_text

    assert cell_text("Số 1\x00Thôn 1") == "Số 1 Thôn 1"
    assert Household._meta.get_field("address").max_length == ADDRESS_MAX_LENGTH
