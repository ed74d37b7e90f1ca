"""The API's router registry: every app adds its own endpoints.

In a module ``grassroots/<app>/api.py`` (imported by the API at start-up, like ``admin.py``)::

    from ninja import Router
    from grassroots.api.registry import register_router
    from grassroots.api.schemas import ErrorOut

    router = Router(tags=["plans"])

    @router.get("/communes/{slug}/plans", response={200: list[PlanOut], 404: ErrorOut})
    def plans(request, slug: str):
        commune = public_commune(slug)            # grassroots.api.routers.public
        return plans_selectors.public_plans(commune)   # the page's own selector, never a copy

    register_router("plans", router)

Staff writes use ``auth=TokenAuth()`` and ``grassroots.api.routers.staff.object_for(...)`` /
``require_action(...)`` so the Action matrix decides, then call the app's service. Declare each write's
Action with ``@declares(Action.X)`` so the view-access test knows it (``tests/test_view_access.py``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ninja import Router


@dataclass(frozen=True)
class Registered:
    name: str
    router: Router
    prefix: str


_routers: dict[str, Registered] = {}
_declared: dict[str, str] = {}


def register_router(name: str, router: Router, *, prefix: str = "") -> Router:
    """Add ``router`` to the API under ``/api/<prefix>`` (replacing a router registered under ``name``)."""
    _routers[name] = Registered(name=name, router=router, prefix=prefix)
    return router


def registered_routers() -> list[Registered]:
    return [_routers[name] for name in sorted(_routers)]


def declares[F: Callable[..., Any]](action: Any) -> Callable[[F], F]:
    """Record the Action an endpoint needs (by its URL name, the function's name) for the view door."""

    def decorator(function: F) -> F:
        _declared[function.__name__] = str(action)
        return function

    return decorator


def declared_action(url_name: str) -> str | None:
    return _declared.get(url_name)
