"""Loading the official map of provinces and communes from ``vietnamadminunits`` (MIT).

The package ships a SQLite file with the post-reform map (``admin_units``: 34 provinces, 3,321
communes) and the pre-reform one (``admin_units_legacy``: 63 provinces, 696 districts). Loading is
idempotent by official code: a second run finds every unit in place and changes nothing.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.db import transaction

from grassroots.core import clock
from grassroots.core.services import audit_record
from grassroots.units import rules
from grassroots.units.models import AdministrativeUnit, UnitKind, UnitLevel

COMMUNE_KINDS = {"Xã": "xa", "Phường": "phuong", "Đặc khu": "dac_khu", "Thị trấn": "thi_tran"}
DISTRICT_KINDS = {"Huyện": "huyen", "Quận": "quan", "Thị xã": "thi_xa", "Thành phố": "thanh_pho_thuoc_tinh"}


def _dataset_path() -> Path:
    import vietnamadminunits

    return Path(vietnamadminunits.__file__).parent / "data" / "dataset.db"


def _query(sql: str) -> list[dict[str, Any]]:
    connection = sqlite3.connect(f"file:{_dataset_path()}?mode=ro", uri=True)
    try:
        connection.row_factory = sqlite3.Row
        return [dict(row) for row in connection.execute(sql).fetchall()]
    finally:
        connection.close()


def _province_kind(full_name: str) -> str:
    return "thanh_pho_tw" if full_name.startswith("Thành phố") else "tinh"


@dataclass
class LoadCounts:
    created: dict[str, int] = field(default_factory=dict)
    updated: dict[str, int] = field(default_factory=dict)
    totals: dict[str, int] = field(default_factory=dict)

    @property
    def changed(self) -> bool:
        return any(self.created.values()) or any(self.updated.values())


def _sync(
    level: str,
    wanted: list[dict[str, Any]],
    existing: dict[str, AdministrativeUnit],
    counts: LoadCounts,
    label: str,
) -> dict[str, AdministrativeUnit]:
    """Create missing units and update changed ones, by code, in bulk; return code → unit."""
    to_create: list[AdministrativeUnit] = []
    to_update: list[AdministrativeUnit] = []
    fields = ("parent_id", "kind_id", "name", "short_name", "slug", "valid_from", "valid_until")
    for values in wanted:
        unit = existing.get(values["code"])
        if unit is None:
            to_create.append(AdministrativeUnit(level=level, **values))
            continue
        if any(getattr(unit, name) != values[name] for name in fields):
            for name in fields:
                setattr(unit, name, values[name])
            to_update.append(unit)
    created = AdministrativeUnit.objects.bulk_create(to_create, batch_size=1000)
    if to_update:
        AdministrativeUnit.objects.bulk_update(to_update, list(fields), batch_size=1000)
    counts.created[label] = len(created)
    counts.updated[label] = len(to_update)
    result = dict(existing)
    result.update({unit.code: unit for unit in created})
    return result


def admin_units_load(*, legacy: bool = False, actor: Any = None, now: dt.datetime | None = None) -> LoadCounts:
    """Load (or bring up to date) all 34 provinces and 3,321 communes; with ``legacy`` also the
    63 pre-reform provinces and 696 districts as historical units (valid until 01/07/2025)."""
    moment = now or clock.now()
    kinds = dict(UnitKind.objects.values_list("code", "id"))
    counts = LoadCounts()
    reform = rules.REFORM_DATE
    records = _query(
        "SELECT provinceCode, province, provinceShort, wardCode, ward, wardShort, wardType "
        "FROM admin_units ORDER BY provinceCode, wardCode"
    )
    with transaction.atomic():
        current = AdministrativeUnit.objects.filter(valid_until__isnull=True)
        provinces_wanted: dict[str, dict[str, Any]] = {}
        for record in records:
            code = record["provinceCode"]
            if code not in provinces_wanted:
                provinces_wanted[code] = {
                    "code": code,
                    "parent_id": None,
                    "kind_id": kinds[_province_kind(record["province"])],
                    "name": record["province"],
                    "short_name": record["provinceShort"],
                    "slug": rules.vietnamese_slug(record["provinceShort"]),
                    "valid_from": reform,
                    "valid_until": None,
                }
        provinces = _sync(
            UnitLevel.PROVINCE,
            list(provinces_wanted.values()),
            {unit.code: unit for unit in current.filter(level=UnitLevel.PROVINCE, code__in=provinces_wanted)},
            counts,
            "provinces",
        )
        communes_wanted: list[dict[str, Any]] = []
        for record in records:
            province = provinces[record["provinceCode"]]
            communes_wanted.append(
                {
                    "code": record["wardCode"],
                    "parent_id": province.pk,
                    "kind_id": kinds[COMMUNE_KINDS[record["wardType"]]],
                    "name": record["ward"],
                    "short_name": record["wardShort"],
                    "slug": f"{province.slug}-{rules.vietnamese_slug(record['ward'])}"[:120],
                    "valid_from": reform,
                    "valid_until": None,
                }
            )
        # Names that differ only by tone marks fold to the same slug: both get their code appended.
        slug_uses = Counter(values["slug"] for values in communes_wanted)
        for values in communes_wanted:
            if slug_uses[values["slug"]] > 1:
                values["slug"] = f"{values['slug'][:110]}-{values['code']}"
        codes = [values["code"] for values in communes_wanted]
        _sync(
            UnitLevel.COMMUNE,
            communes_wanted,
            {unit.code: unit for unit in current.filter(level=UnitLevel.COMMUNE, code__in=codes)},
            counts,
            "communes",
        )
        if legacy:
            _load_legacy(kinds, counts)
        counts.totals = {
            "provinces": current.filter(level=UnitLevel.PROVINCE).count(),
            "communes": current.filter(level=UnitLevel.COMMUNE).count(),
        }
        if counts.changed:
            audit_record(
                code="units.admin_units.loaded",
                actor=actor,
                after={"created": counts.created, "updated": counts.updated, "legacy": legacy},
                now=moment,
            )
    return counts


def _load_legacy(kinds: dict[str, int], counts: LoadCounts) -> None:
    """Pre-reform provinces, districts and communes, valid until the reform, and the old → new
    commune mapping; codes may be reused after it, so they are matched among units that ended on
    01/07/2025 only."""
    reform = rules.REFORM_DATE
    records = _query(
        "SELECT DISTINCT provinceCode, province, provinceShort, districtCode, district, districtShort, districtType "
        "FROM admin_units_legacy ORDER BY provinceCode, districtCode"
    )
    historical = AdministrativeUnit.objects.filter(valid_until=reform)
    provinces_wanted: dict[str, dict[str, Any]] = {}
    for record in records:
        provinces_wanted.setdefault(
            record["provinceCode"],
            {
                "code": record["provinceCode"],
                "parent_id": None,
                "kind_id": kinds[_province_kind(record["province"])],
                "name": record["province"],
                "short_name": record["provinceShort"],
                "slug": "",
                "valid_from": None,
                "valid_until": reform,
            },
        )
    provinces = _sync(
        UnitLevel.PROVINCE,
        list(provinces_wanted.values()),
        {unit.code: unit for unit in historical.filter(level=UnitLevel.PROVINCE)},
        counts,
        "legacy_provinces",
    )
    districts_wanted: dict[str, dict[str, Any]] = {}
    for record in records:
        districts_wanted.setdefault(
            record["districtCode"],
            {
                "code": record["districtCode"],
                "parent_id": provinces[record["provinceCode"]].pk,
                "kind_id": kinds[DISTRICT_KINDS[record["districtType"]]],
                "name": record["district"],
                "short_name": record["districtShort"],
                "slug": "",
                "valid_from": None,
                "valid_until": reform,
            },
        )
    districts = _sync(
        UnitLevel.DISTRICT,
        list(districts_wanted.values()),
        {unit.code: unit for unit in historical.filter(level=UnitLevel.DISTRICT)},
        counts,
        "legacy_districts",
    )
    wards = _query(
        "SELECT districtCode, wardCode, ward, wardShort, wardType, provinceKey, districtKey, wardKey "
        "FROM admin_units_legacy WHERE wardCode IS NOT NULL AND wardType IS NOT NULL ORDER BY wardCode"
    )
    communes_wanted: dict[str, dict[str, Any]] = {}
    for record in wards:
        communes_wanted.setdefault(
            record["wardCode"],
            {
                "code": record["wardCode"],
                "parent_id": districts[record["districtCode"]].pk,
                "kind_id": kinds[COMMUNE_KINDS[record["wardType"]]],
                "name": record["ward"],
                "short_name": record["wardShort"],
                "slug": "",
                "valid_from": None,
                "valid_until": reform,
            },
        )
    old_communes = _sync(
        UnitLevel.COMMUNE,
        list(communes_wanted.values()),
        {unit.code: unit for unit in historical.filter(level=UnitLevel.COMMUNE)},
        counts,
        "legacy_communes",
    )
    old_by_key = {
        f"{record['provinceKey']}_{record['districtKey']}_{record['wardKey']}": old_communes[record["wardCode"]]
        for record in wards
    }
    _load_legacy_mappings(old_by_key, counts)


def _converter_pairs() -> list[tuple[str, str, str, bool]]:
    """(old province_district_ward key, new province key, new ward key, whole) from the package's converter.

    ``whole`` is false when the old commune was divided among several new ones.
    """
    import json

    import vietnamadminunits

    path = Path(vietnamadminunits.__file__).parent / "data" / "converter_2025.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    pairs: list[tuple[str, str, str, bool]] = []
    for province_key, wards in data["DICT_PROVINCE_WARD_NO_DIVIDED"].items():
        for new_ward_key, old_keys in wards.items():
            pairs.extend((old_key, province_key, new_ward_key, True) for old_key in old_keys)
    for province_key, old_wards in data["DICT_PROVINCE_WARD_DIVIDED"].items():
        for old_key, targets in old_wards.items():
            pairs.extend((old_key, province_key, target["newWardKey"], False) for target in targets)
    return pairs


def _load_legacy_mappings(old_by_key: dict[str, AdministrativeUnit], counts: LoadCounts) -> None:
    """Old commune → new commune rows (law.md §4.5: a legacy mapping table, for historical records only)."""
    from grassroots.units.models import LegacyUnitMapping

    new_codes = {
        f"{record['provinceKey']}_{record['wardKey']}": record["wardCode"]
        for record in _query("SELECT provinceKey, wardKey, wardCode FROM admin_units")
    }
    new_units = dict(
        AdministrativeUnit.objects.filter(level=UnitLevel.COMMUNE, valid_until__isnull=True).values_list("code", "pk")
    )
    existing = set(LegacyUnitMapping.objects.values_list("old_unit_id", "new_unit_id"))
    wanted: dict[tuple[int, int], str] = {}
    for old_key, province_key, new_ward_key, whole in _converter_pairs():
        old = old_by_key.get(old_key)
        new_id = new_units.get(new_codes.get(f"{province_key}_{new_ward_key}", ""))
        if old is None or new_id is None:
            continue
        note = "" if whole else "Một phần địa bàn (xã cũ được chia cho nhiều xã mới)"
        wanted.setdefault((old.pk, new_id), note)
    created = LegacyUnitMapping.objects.bulk_create(
        [
            LegacyUnitMapping(old_unit_id=old_id, new_unit_id=new_id, note=note)
            for (old_id, new_id), note in wanted.items()
            if (old_id, new_id) not in existing
        ],
        batch_size=1000,
    )
    counts.created["legacy_mappings"] = len(created)
    counts.updated["legacy_mappings"] = 0
