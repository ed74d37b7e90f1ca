"""Every view declares what it needs, and the Action matrix decides.

Walks every URL pattern of the project (Django's admin and static files aside) and fails for each
view that declares neither an ``accounts.rules.Action`` (``@action_required``) nor an access level
(``@public_view``, ``@signed_in_view``). A new view without a declaration fails here by name.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from grassroots.accounts.authorize import ACTION_SEPARATOR, PUBLIC, SIGNED_IN, declared_access
from grassroots.accounts.rules import Action

SKIPPED_PREFIXES = ("admin/", "i18n/", "static/", "media/")
"""Django's own views: the admin (superusers, its own checks) and the language switch (public by design)."""


def _views(patterns: list[Any], prefix: str = "", namespace: str = "") -> list[tuple[str, Any]]:
    found: list[tuple[str, Any]] = []
    for entry in patterns:
        route = prefix + str(entry.pattern)
        if route.startswith(SKIPPED_PREFIXES):
            continue
        if isinstance(entry, URLResolver):
            inner = f"{namespace}:{entry.namespace}" if namespace and entry.namespace else entry.namespace or namespace
            found.extend(_views(entry.url_patterns, route, inner))
        elif isinstance(entry, URLPattern):
            name = f"{namespace}:{entry.name}" if namespace and entry.name else entry.name or route
            found.append((name, entry.callback))
    return found


VIEWS = _views(get_resolver().url_patterns)
ALLOWED = {PUBLIC, SIGNED_IN, *(action.value for action in Action)}


def test_the_walk_finds_the_views() -> None:
    names = {name for name, _view in VIEWS}
    assert {"healthz", "accounts:login", "portal:home", "units:index"} <= names
    assert len(names) > 100


@pytest.mark.parametrize(("name", "view"), VIEWS, ids=[name for name, _view in VIEWS])
def test_view_declares_its_action(name: str, view: Any) -> None:
    declared = declared_access(view)
    assert declared is not None, f"{name} declares no Action (use @action_required, @public_view or @signed_in_view)"
    assert set(declared.split(ACTION_SEPARATOR)) <= ALLOWED, f"{name} declares an unknown access: {declared}"


def test_an_undeclared_view_is_caught() -> None:
    def naked(request: Any) -> None:
        return None

    assert declared_access(naked) is None
