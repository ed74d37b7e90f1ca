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
a share of ("on time" of "due"), which the scorecard turns into a percentage. A provider must count with the
database (aggregate queries over ``unit_ids``), never loop over records in Python: a province has ~100
communes. A failing provider fails the report: numbers are not silently dropped.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass
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

    def as_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["label"] = str(self.label)
        return data


FigureProvider = Callable[[Sequence[int], dt.date, dt.date], Iterable[Figure]]

_PROVIDERS: dict[str, FigureProvider] = {}


def register_figure_provider(name: str, provider: FigureProvider) -> FigureProvider:
    _PROVIDERS[name] = provider
    return provider


def unregister_figure_provider(name: str) -> None:
    _PROVIDERS.pop(name, None)


def registered_figure_providers() -> dict[str, FigureProvider]:
    return dict(_PROVIDERS)


def collect_figures(unit_ids: Sequence[int], starts_on: dt.date, ends_on: dt.date) -> list[dict[str, Any]]:
    """Every registered provider's figures for the units and period, in registration order."""
    figures: list[dict[str, Any]] = []
    for provider in _PROVIDERS.values():
        figures.extend(figure.as_json() for figure in provider(list(unit_ids), starts_on, ends_on))
    return figures
