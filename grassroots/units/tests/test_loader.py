from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import call_command
from django.db.models import QuerySet

from grassroots.units.gazetteer import admin_units_load
from grassroots.units.models import AdministrativeUnit, LegacyUnitMapping, UnitLevel
from grassroots.units.rules import COMMUNE_COUNT, PROVINCE_COUNT

pytestmark = pytest.mark.django_db


def _current(level: str) -> QuerySet[AdministrativeUnit]:
    return AdministrativeUnit.objects.filter(level=level, valid_until__isnull=True)


def test_loader_counts_and_idempotence(capsys: pytest.CaptureFixture[str]) -> None:
    call_command("load_admin_units")
    assert "3321" in capsys.readouterr().out
    assert _current(UnitLevel.PROVINCE).count() == PROVINCE_COUNT == 34
    communes = _current(UnitLevel.COMMUNE)
    assert communes.count() == COMMUNE_COUNT == 3321
    assert communes.filter(kind__code="xa").count() == 2621
    assert communes.filter(kind__code="phuong").count() == 687
    assert communes.filter(kind__code="dac_khu").count() == 13
    assert not communes.filter(parent__isnull=True).exists()
    assert not communes.exclude(valid_from=dt.date(2025, 7, 1)).exists()
    assert communes.values("slug").distinct().count() == 3321
    assert _current(UnitLevel.PROVINCE).filter(kind__code="thanh_pho_tw").count() == 6
    hanoi = AdministrativeUnit.objects.get(level=UnitLevel.PROVINCE, code="01")
    assert (hanoi.name, hanoi.slug) == ("Thành phố Hà Nội", "ha-noi")
    assert AdministrativeUnit.objects.get(level=UnitLevel.COMMUNE, code="00004").slug == "ha-noi-phuong-ba-dinh"
    before = list(AdministrativeUnit.objects.order_by("pk").values_list("pk", "updated_at"))
    again = admin_units_load()
    assert not again.changed
    assert list(AdministrativeUnit.objects.order_by("pk").values_list("pk", "updated_at")) == before


def test_loader_repairs_a_changed_name_and_loads_legacy_districts() -> None:
    admin_units_load()
    AdministrativeUnit.objects.filter(level=UnitLevel.COMMUNE, code="00004").update(name="Sai tên")
    counts = admin_units_load(legacy=True)
    assert counts.updated["communes"] == 1
    assert _current(UnitLevel.COMMUNE).get(code="00004").name == "Phường Ba Đình"
    districts = AdministrativeUnit.objects.filter(level=UnitLevel.DISTRICT)
    assert districts.count() == 696
    assert not districts.exclude(valid_until=dt.date(2025, 7, 1)).exists()
    assert AdministrativeUnit.objects.filter(level=UnitLevel.PROVINCE, valid_until=dt.date(2025, 7, 1)).count() == 63
    assert _current(UnitLevel.PROVINCE).count() == 34
    old_communes = AdministrativeUnit.objects.filter(level=UnitLevel.COMMUNE, valid_until=dt.date(2025, 7, 1))
    assert old_communes.count() > 10_000
    # Phường Phúc Xá (Ba Đình, Hà Nội, code 00001) became part of Phường Hồng Hà (00097).
    phuc_xa = old_communes.get(code="00001")
    assert old_communes.filter(code="00001", parent__name="Quận Ba Đình").exists()
    mapped = LegacyUnitMapping.objects.filter(old_unit=phuc_xa).values_list("new_unit__code", flat=True)
    assert "00097" in mapped
    assert LegacyUnitMapping.objects.count() >= old_communes.count()
    assert not LegacyUnitMapping.objects.exclude(new_unit__valid_until__isnull=True).exists()
    again = admin_units_load(legacy=True)
    assert again.created["legacy_mappings"] == 0
    assert again.created["legacy_communes"] == 0
