"""The documents' staff pages need ``Action.VIEW_DOCUMENTS`` (issue 10): without it 403, with it 200."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from grassroots.accounts.authorize import PUBLIC, declared_access
from grassroots.accounts.models import Role
from grassroots.accounts.rules import Action
from grassroots.documents import public_urls, urls
from grassroots.documents.tests.conftest import _user
from grassroots.units.models import AdministrativeUnit

pytestmark = [pytest.mark.django_db, pytest.mark.urls("grassroots.documents.tests.urls")]


@pytest.mark.parametrize("pattern", urls.urlpatterns, ids=[str(p.name) for p in urls.urlpatterns])
def test_staff_pages_declare_view_documents(pattern: Any) -> None:
    assert declared_access(pattern.callback) == Action.VIEW_DOCUMENTS


@pytest.mark.parametrize("pattern", public_urls.urlpatterns, ids=[str(p.name) for p in public_urls.urlpatterns])
def test_short_links_are_public(pattern: Any) -> None:
    assert declared_access(pattern.callback) == PUBLIC


@pytest.mark.parametrize(
    ("role", "unit", "status"),
    [
        (Role.COMMUNE_OFFICER, "commune", 200),
        (Role.FRONT_CHAIR, "commune", 200),
        (Role.VILLAGE_HEAD, "village", 200),
        (Role.INSPECTION_BOARD_MEMBER, "commune", 403),
        (Role.RESIDENT, "village", 403),
    ],
)
def test_gallery_needs_view_documents(
    client: Client, request: pytest.FixtureRequest, role: str, unit: str, status: int
) -> None:
    home: AdministrativeUnit = request.getfixturevalue(unit)
    client.force_login(_user(f"nguoi-{role}", role, home))
    assert client.get(reverse("documents:gallery")).status_code == status
