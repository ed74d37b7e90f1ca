"""The registry of report figure providers: each app contributes the numbers of a periodic report.

Like ``dashboard/registry.py``: an app registers a provider in its ``AppConfig.ready()``::

    from grassroots.plans.figures import Figure, register_figure_provider

    def oversight_figures(unit_ids, starts_on, ends_on):
        boards = selectors.board_activity(unit_ids, starts_on, ends_on)
        yield Figure(key="oversight.inspections", label=_("Cuộc giám sát của Ban Thanh tra nhân dân"),
                     value=boards.inspections, link=reverse("oversight:board_list"))

    register_figure_provider("oversight", oversight_figures)

A provider receives the ids of the communes the report covers (one commune, or every commune of a province for
a roll-up) and the period (both days included) and yields ``Figure``s. ``part_of`` names the figure a value is
a share of ("on time" of "due"), which the scorecard turns into a percentage. A failing provider fails the
report: numbers are not silently dropped.

Grouped, not per commune: a provider counts every commune of ``unit_ids`` in one query grouped by commune
(``GROUP BY``; helpers in ``grassroots/plans/grouping.py``) and fills ``Figure.by_unit`` (commune id → value;
communes with nothing may be left out) besides the total ``value``. The scorecard calls each provider once for
the whole province, not once per commune (issue 16: ~800 queries for 100 communes before). Records are never
looped over in Python, except the few whose on-time status the database cannot decide alone (see
``grouping.on_time_by_unit``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.utils.functional import Promise


@dataclass(frozen=True)
class Figure:
    key: str
    """Stable, namespaced: ``disclosures.due``."""
    label: str | Promise
    value: int
    part_of: str = ""
    """The key of the figure this one is a share of (``disclosures.on_time`` of ``disclosures.due``)."""
    link: str = ""
    """The page listing the records behind the number."""
    by_unit: Mapping[int, int] = field(default_factory=dict, compare=False)
    """The value per commune of the report (commune id → value; a commune left out counts 0)."""
    detail: bool = False
    """A breakdown (per category …) shown in reports, not as a column of the scorecard."""

    def as_json(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "label": str(self.label),
            "value": self.value,
            "part_of": self.part_of,
            "link": self.link,
            "detail": self.detail,
        }


FigureProvider = Callable[[Sequence[int], dt.date, dt.date], Iterable[Figure]]


@dataclass(frozen=True)
class FigureRecords:
    """The records behind one figure: ``queryset`` (exactly the records counted) and ``unit_field``, the path from a
    record to its unit (``"unit"``, ``"consultation__commune"`` …), to show each record's commune."""

    queryset: Any
    unit_field: str


RecordsProvider = Callable[[str, Sequence[int], dt.date, dt.date], "FigureRecords | None"]
"""``records(key, unit_ids, starts_on, ends_on)``: the records a provider's figure ``key`` counts, ``None`` for a
key it does not know. Registered under the provider's name, the first part of its keys (``petitions.…``)."""

_PROVIDERS: dict[str, FigureProvider] = {}
_RECORDS: dict[str, RecordsProvider] = {}


def register_figure_records(name: str, records: RecordsProvider) -> RecordsProvider:
    _RECORDS[name] = records
    return records


def figure_records(key: str, unit_ids: Sequence[int], starts_on: dt.date, ends_on: dt.date) -> FigureRecords | None:
    """The records behind figure ``key`` over ``unit_ids`` and the period; ``None`` when no provider lists them."""
    records = _RECORDS.get(key.split(".", 1)[0])
    return records(key, list(unit_ids), starts_on, ends_on) if records else None


def has_figure_records(key: str) -> bool:
    return key.split(".", 1)[0] in _RECORDS


def register_figure_provider(name: str, provider: FigureProvider) -> FigureProvider:
    _PROVIDERS[name] = provider
    return provider


def unregister_figure_provider(name: str) -> None:
    _PROVIDERS.pop(name, None)


def registered_figure_providers() -> dict[str, FigureProvider]:
    return dict(_PROVIDERS)


def collect_figures(
    unit_ids: Sequence[int], starts_on: dt.date, ends_on: dt.date, providers: Sequence[str] = ()
) -> list[dict[str, Any]]:
    """Every registered provider's figures for the units and period, in registration order; only the named
    ``providers`` when given (an ad-hoc report on one topic)."""
    figures: list[dict[str, Any]] = []
    for name, provider in _PROVIDERS.items():
        if providers and name not in providers:
            continue
        figures.extend(figure.as_json() for figure in provider(list(unit_ids), starts_on, ends_on))
    return figures


@dataclass
class FigureTable:
    """Every provider's figures over a set of communes: the headings with their totals, and each commune's values."""

    items: list[dict[str, Any]]
    by_unit: dict[int, dict[str, int]]


def collect_figures_by_unit(unit_ids: Sequence[int], starts_on: dt.date, ends_on: dt.date) -> FigureTable:
    """Every registered provider called once for all ``unit_ids``; each commune's values from ``Figure.by_unit``."""
    ids = list(unit_ids)
    items: list[dict[str, Any]] = []
    by_unit: dict[int, dict[str, int]] = {unit_id: {} for unit_id in ids}
    for provider in _PROVIDERS.values():
        for figure in provider(ids, starts_on, ends_on):
            items.append(figure.as_json())
            per_unit = figure.by_unit if figure.by_unit or len(ids) != 1 else {ids[0]: figure.value}
            for unit_id in ids:
                by_unit[unit_id][figure.key] = int(per_unit.get(unit_id, 0))
    return FigureTable(items=items, by_unit=by_unit)
