"""The access-control matrix: every URL × every persona → the status it must answer.

Generated from the URL configuration: every named URL pattern (Django's admin and static files aside)
must have an entry in ``EXPECTED`` naming one of the ``PROFILES``, or the test fails by name. Each URL
is requested with the real ids of the world of ``test_no_server_errors`` (a commune with every kind
of object, made through the services) by each persona, and the status must be the one its profile
gives: 200 (served), 302 (to the login page), 403 (seen but not allowed), 404 (outside the persona's
units, or absent). A page that an officer of another commune can open, or a staff page that a
resident can open, fails here.

With ``-s`` the test prints the number of cells checked. ``ACCESS_MATRIX_DUMP=path`` writes every
observed cell to a JSON file, to help write the entry of a new URL (the entry must still be chosen by
a person, never copied blindly from what the code does today).
"""

from __future__ import annotations

import json
import os
from typing import Any

import pytest
from django.test import Client
from django.urls import get_resolver, reverse
from test_no_server_errors import _patterns, _pk_for, world  # noqa: F401 (the world fixture)

PERSONAS = (
    "anonymous",
    "resident",
    "household_representative",
    "village_head",
    "commune_officer",
    "commune_chair",
    "board_member",
    "front_head",
    "agency_head",
    "other_commune_officer",
    "provincial_officer",
    "superuser",
)
SIGNED_IN = tuple(persona for persona in PERSONAS if persona != "anonymous")


def _profile(default: int, anonymous: int = 302, **statuses: int) -> dict[str, int]:
    profile = {persona: default for persona in SIGNED_IN}
    profile["anonymous"] = anonymous
    for persona, status in statuses.items():
        assert persona in PERSONAS, persona
        profile[persona] = status
    return profile


PROFILES: dict[str, dict[str, int]] = {}
"""Named columns of the matrix; filled from the observed run and reviewed (see the module docstring)."""

EXPECTED: dict[str, str] = {}
"""URL name → profile name."""


def _real_url(name: str, converters: dict[str, Any], world: dict[str, Any]) -> str:
    real = {}
    for key in converters:
        if key == "pk":
            real[key] = _pk_for(name, world["pks"])
        elif key == "slug" and name == "disclosures:province_rollup":
            real[key] = world["province_slug"]
        else:
            real[key] = world["ids"][key]
    return reverse(name, kwargs=real)


@pytest.mark.django_db
def test_every_url_answers_every_persona_as_the_matrix_says(world: dict[str, Any]) -> None:  # noqa: F811
    clients: dict[str, Client] = {"anonymous": Client()}
    for key, user in world["personas"].items():
        if user.must_change_password:
            user.must_change_password = False
            user.save(update_fields=["must_change_password"])
        clients[key] = Client()
        clients[key].force_login(user)

    observed: dict[str, dict[str, int]] = {}
    wrong: list[str] = []
    missing: list[str] = []
    cells = 0
    for _route, name, converters in _patterns(get_resolver().url_patterns):
        if name.startswith("accounts:logout") or name == "language":
            continue  # change the session itself; covered by their own tests
        url = _real_url(name, converters, world)
        row = {}
        for persona in PERSONAS:
            response = clients[persona].get(url)
            row[persona] = response.status_code
            cells += 1
        observed[name] = row
        profile_name = EXPECTED.get(name)
        if profile_name is None:
            missing.append(name)
            continue
        expected = PROFILES[profile_name]
        for persona in PERSONAS:
            if row[persona] != expected[persona]:
                wrong.append(f"{name} ({url}) as {persona}: {row[persona]}, expected {expected[persona]} ({profile_name})")
    if os.environ.get("ACCESS_MATRIX_DUMP"):
        with open(os.environ["ACCESS_MATRIX_DUMP"], "w", encoding="utf-8") as handle:
            json.dump(observed, handle, indent=1, sort_keys=True)
    print(f"\naccess matrix: {len(observed)} URLs x {len(PERSONAS)} personas = {cells} cells checked")
    assert not missing, "URLs without an entry in EXPECTED:\n" + "\n".join(missing)
    assert not wrong, f"{len(wrong)} cells differ from the matrix:\n" + "\n".join(wrong)
