"""Selector tests: compliance, the provincial roll-up, search without diacritics, the quarterly list."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from grassroots.accounts.models import User
from grassroots.accounts.testing import make_unit
from grassroots.disclosures import rules, selectors, services
from grassroots.disclosures.models import Channel, DisclosureCategory, RelayTask
from grassroots.disclosures.tests.conftest import at
from grassroots.units.models import AdministrativeUnit, UnitLevel

D = dt.date
pytestmark = pytest.mark.django_db


def create(unit: AdministrativeUnit, actor: User, code: Any, title: Any, decided: Any, body: Any = "") -> Any:
    return services.disclosure_create(
        unit=unit,
        category=DisclosureCategory.objects.get(code=code),
        title=title,
        body=body,
        decided_on=decided,
        actor=actor,
        now=at(decided.year, decided.month, decided.day),
    )


def publish(item: Any, actor: User, day: Any) -> Any:
    return services.disclosure_publish(disclosure=item, actor=actor, now=at(day.year, day.month, day.day))


def post_everywhere(item: Any, actor: User, day: Any, communities: Any) -> None:
    moment = at(day.year, day.month, day.day, 15)
    services.publication_record(
        disclosure=item, channel=Channel.HEADQUARTERS_BOARD, started_on=day, actor=actor, now=moment
    )
    for community in communities:
        services.publication_record(
            disclosure=item,
            channel=Channel.COMMUNITY_BOARD,
            community=community,
            started_on=day,
            actor=actor,
            now=moment,
        )


def test_commune_compliance_per_category(
    commune: AdministrativeUnit,
    commune_officer: User,
    community: AdministrativeUnit,
    second_community: AdministrativeUnit,
    village_head: User,
) -> None:
    villages = [community, second_community]
    on_time = publish(
        create(commune, commune_officer, "K2", "Dự toán ngân sách 2026", D(2026, 2, 13)),
        commune_officer,
        D(2026, 2, 27),
    )
    post_everywhere(on_time, commune_officer, D(2026, 2, 27), villages)
    late = publish(
        create(commune, commune_officer, "K2", "Quyết toán ngân sách 2025", D(2026, 2, 13)),
        commune_officer,
        D(2026, 3, 2),
    )
    post_everywhere(late, commune_officer, D(2026, 3, 2), villages[:1])
    create(commune, commune_officer, "K3", "Phương án bồi thường đường liên thôn", D(2026, 2, 13))  # never published
    k7 = publish(
        create(commune, commune_officer, "K7", "Danh sách hộ nghèo", D(2026, 2, 13)), commune_officer, D(2026, 2, 24)
    )
    post_everywhere(k7, commune_officer, D(2026, 2, 24), villages)
    services.relay_acknowledge(
        task=RelayTask.objects.get(disclosure=k7, community=community),
        means=["community_meeting"],
        households_note="Họp thôn",
        actor=village_head,
        now=at(2026, 2, 25),
    )
    services.profile_update(unit=commune, has_portal=True, has_loudspeaker=True, actor=commune_officer)

    rows = {row.category.code: row for row in selectors.commune_compliance(commune, today=D(2026, 3, 10))}
    assert len(rows) == 14
    k2 = rows["K2"]
    assert k2.counts["on_time"] == 1 and k2.counts["late"] == 1
    assert k2.counts["channel_missing"] == 1  # the late one is not posted in Thôn 2
    assert k2.on_time_share == 0.5
    assert rows["K3"].counts["missing"] == 1
    k7_findings = rows["K7"].items[0].evaluation.findings
    assert k7_findings == {
        rules.Finding.ON_TIME,
        rules.Finding.BROADCAST_MISSING,
        rules.Finding.RELAY_UNACKNOWLEDGED,
    }
    assert rows["K7"].items[0].evaluation.communities_unacknowledged == {second_community.pk}
    totals = selectors.compliance_totals(rows.values())
    assert (totals["on_time"], totals["late"], totals["missing"]) == (2, 1, 1)


def test_plan_line_without_disclosure_is_missing(commune: AdministrativeUnit, commune_officer: User) -> None:
    plan = services.plan_create(unit=commune, year=2026, title="Kế hoạch 2026", actor=commune_officer)
    services.plan_item_add(
        plan=plan,
        category=DisclosureCategory.objects.get(code="K12"),
        content="Mức thu phí chợ",
        channels=["headquarters_board"],
        planned_on=D(2026, 3, 1),
        owner="Văn phòng",
        actor=commune_officer,
    )
    rows = {row.category.code: row for row in selectors.commune_compliance(commune, today=D(2026, 3, 10), year=2026)}
    assert rows["K12"].counts["missing"] == 1 and len(rows["K12"].planned_missing) == 1


def test_province_rollup_counts_in_the_database(
    commune: AdministrativeUnit,
    other_commune: AdministrativeUnit,
    province: AdministrativeUnit,
    commune_officer: User,
    django_assert_max_num_queries: Any,
) -> None:
    publish(create(commune, commune_officer, "K2", "A", D(2026, 2, 13)), commune_officer, D(2026, 2, 27))
    publish(create(commune, commune_officer, "K5", "B", D(2026, 2, 13)), commune_officer, D(2026, 3, 2))
    create(commune, commune_officer, "K6", "C", D(2026, 2, 13))
    create(commune, commune_officer, "K1", "D", D(2026, 3, 9))  # due 16/03: pending on 10/03
    publish(create(other_commune, commune_officer, "K2", "E", D(2026, 2, 13)), commune_officer, D(2026, 2, 20))
    empty = make_unit(UnitLevel.COMMUNE, "Xã Trống", province, slug="xa-trong")
    with django_assert_max_num_queries(1):
        rows = {row.slug: row for row in selectors.province_rollup(province, today=D(2026, 3, 10))}
    first = rows["xa-hoa-phu"]
    assert (first.on_time, first.late, first.missing, first.pending) == (1, 1, 1, 1)
    assert first.on_time_percent == 33.3
    assert rows["xa-binh-an"].on_time_percent == 100.0
    assert rows[empty.slug].on_time_percent is None


SEARCH_TITLES = [
    ("K2", "Công khai ngân sách xã năm 2026"),
    ("K3", "Đường giao thông liên thôn Đông Hòa"),
    ("K12", "Mức thu phí chợ"),
]


@pytest.fixture
def searchable(commune: AdministrativeUnit, commune_officer: User) -> Any:
    items = {}
    for code, title in SEARCH_TITLES:
        items[title] = publish(
            create(commune, commune_officer, code, title, D(2026, 2, 13)), commune_officer, D(2026, 2, 20)
        )
    create(commune, commune_officer, "K2", "Ngân sách dự thảo chưa công khai", D(2026, 2, 13))
    return items


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("cong khai ngan sach", ["Công khai ngân sách xã năm 2026"]),
        ("CÔNG KHAI NGÂN SÁCH", ["Công khai ngân sách xã năm 2026"]),
        ("duong giao thong", ["Đường giao thông liên thôn Đông Hòa"]),
        ("dong hoa", ["Đường giao thông liên thôn Đông Hòa"]),
        ("ngan sa", ["Công khai ngân sách xã năm 2026"]),  # prefix of the last word
        ("phi cho", ["Mức thu phí chợ"]),
        ("ngan sach duong", []),
        ("", ["Mức thu phí chợ", "Đường giao thông liên thôn Đông Hòa", "Công khai ngân sách xã năm 2026"]),
    ],
)
def test_search_ignores_diacritics(commune: AdministrativeUnit, searchable: Any, query: Any, expected: Any) -> None:
    found = selectors.search(selectors.public_disclosures(commune), query)
    assert sorted(item.title for item in found) == sorted(expected)


def test_search_follows_amendments(commune: AdministrativeUnit, commune_officer: User, searchable: Any) -> None:
    item = searchable["Mức thu phí chợ"]
    services.disclosure_amend(
        disclosure=item,
        title="Mức thu phí vệ sinh",
        decided_on=D(2026, 3, 2),
        change_note="Đổi tên",
        actor=commune_officer,
        now=at(2026, 3, 2),
    )
    assert [d.title for d in selectors.search(selectors.public_disclosures(commune), "ve sinh")] == [
        "Mức thu phí vệ sinh"
    ]
    assert not selectors.search(selectors.public_disclosures(commune), "phi cho").exists()


def test_search_index_rebuild(commune: AdministrativeUnit, searchable: Any) -> None:
    assert services.search_index_rebuild() == 4
    assert selectors.search(selectors.public_disclosures(commune), "cong khai").count() == 1


def test_public_list_and_history(
    commune: AdministrativeUnit, commune_officer: User, other_commune: AdministrativeUnit, searchable: Any
) -> None:
    listed = selectors.public_disclosures(commune)
    assert listed.count() == 3
    assert selectors.public_disclosures(commune, category_code="K3").get().title.startswith("Đường")
    assert not selectors.public_disclosures(other_commune).exists()
    item = searchable["Mức thu phí chợ"]
    assert list(selectors.public_history(item).values_list("code", flat=True)) == ["disclosures.disclosure.published"]


def test_quarterly_list(
    commune: AdministrativeUnit,
    commune_officer: User,
    community: AdministrativeUnit,
    second_community: AdministrativeUnit,
    searchable: Any,
) -> None:
    item = searchable["Công khai ngân sách xã năm 2026"]
    post_everywhere(item, commune_officer, D(2026, 2, 20), [community])
    rows = selectors.quarterly_list(commune, year=2026, quarter=1)
    assert len(rows) == 3
    row = next(row for row in rows if row.disclosure.pk == item.pk)
    assert [event.channel for event in row.events] == ["portal", "headquarters_board", "community_board"]
    assert selectors.quarterly_list(commune, year=2026, quarter=2) == []
