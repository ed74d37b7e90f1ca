"""Every units page declares one Action; a role without it gets 403, a role with it gets the page."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import resolve, reverse

from grassroots.accounts.authorize import declared_access
from grassroots.accounts.models import User
from grassroots.accounts.rules import Action
from grassroots.units.models import AdministrativeUnit, Household
from grassroots.units.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

VIEW = Action.VIEW_HOUSEHOLDS
MANAGE = Action.MANAGE_HOUSEHOLDS

PAGES: dict[str, Action] = {
    "index": VIEW,
    "commune_detail": VIEW,
    "community_households": VIEW,
    "household_detail": VIEW,
    "organisation_list": VIEW,
    "household_import": MANAGE,
    "import_template_xlsx": MANAGE,
    "import_template_csv": MANAGE,
    "community_create": MANAGE,
    "community_rename": MANAGE,
    "community_end": MANAGE,
    "household_create": MANAGE,
    "resident_create": MANAGE,
    "representative": MANAGE,
    "resident_leave": MANAGE,
    "household_move_out": MANAGE,
    "organisation_create": MANAGE,
    "organisation_headcount": MANAGE,
    "organisation_rest_days": MANAGE,
}
"""Each page of the app and the Action it declares (``@action_required``)."""

WITHOUT = {VIEW: "resident", MANAGE: "village_head"}
"""A persona of Thôn 1 whose roles do not grant the Action anywhere: refused at the door."""


def _url(name: str, commune: AdministrativeUnit, community: AdministrativeUnit) -> str:
    household = Household.objects.filter(community=community).order_by("code").first()
    assert household is not None
    organisation = OrganisationFactory(unit=commune)
    keys = {
        "commune_slug": commune.slug,
        "community_id": community.pk,
        "household_id": household.pk,
        "organisation_id": organisation.pk,
    }
    return reverse(f"units:{name}", kwargs=_kwargs_for(name, keys))


def _kwargs_for(name: str, keys: dict[str, object]) -> dict[str, object]:
    if name in {"index", "import_template_xlsx", "import_template_csv"}:
        return {}
    needed = {"commune_slug"}
    if name in {"community_households", "community_rename", "community_end", "household_create"}:
        needed.add("community_id")
    if name in {"household_detail", "resident_create", "representative", "resident_leave", "household_move_out"}:
        needed.add("household_id")
    if name in {"organisation_headcount", "organisation_rest_days"}:
        needed.add("organisation_id")
    return {key: keys[key] for key in needed}


def test_the_table_covers_every_page_of_the_app() -> None:
    from grassroots.units.urls import urlpatterns

    assert {pattern.name for pattern in urlpatterns} == set(PAGES)


@pytest.mark.parametrize(("name", "action"), PAGES.items())
def test_page_declares_its_action(
    commune: AdministrativeUnit, community: AdministrativeUnit, name: str, action: Action
) -> None:
    assert declared_access(resolve(_url(name, commune, community)).func) == action.value


@pytest.mark.parametrize(("name", "action"), PAGES.items())
def test_page_refuses_a_role_without_its_action_and_opens_for_one_with_it(
    client: Client,
    request: pytest.FixtureRequest,
    commune: AdministrativeUnit,
    community: AdministrativeUnit,
    commune_officer: User,
    name: str,
    action: Action,
) -> None:
    url = _url(name, commune, community)
    client.force_login(request.getfixturevalue(WITHOUT[action]))
    assert client.get(url).status_code == 403
    client.force_login(commune_officer)
    assert client.get(url).status_code == 200


@pytest.mark.parametrize("name", PAGES)
def test_anonymous_visitors_go_to_the_login_page(
    client: Client, commune: AdministrativeUnit, community: AdministrativeUnit, name: str
) -> None:
    response = client.get(_url(name, commune, community))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
