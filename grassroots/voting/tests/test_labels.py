"""Every input of the vote pages has an accessible name: a ``<label for>``, a wrapping ``<label>``, or an
``aria-label``/``aria-labelledby`` (UI.md: accessible labels on every input). Parsed from the rendered page."""

from __future__ import annotations

import datetime as dt
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.test import Client
from pytest_django import Settings

from grassroots.accounts.models import User
from grassroots.units.models import AdministrativeUnit, Household
from grassroots.voting import services
from grassroots.voting.models import CommunityVote
from grassroots.voting.testing import NOW, decision_url, open_meeting

pytestmark = pytest.mark.django_db

UNLABELLED_TYPES = frozenset({"hidden", "submit", "button", "reset", "image"})
"""Inputs that need no label: not shown, or named by their own value/text."""


@pytest.fixture(autouse=True)
def _media(settings: Settings, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path


class _Controls(HTMLParser):
    """Collects the form controls of a page and the ids that ``<label for>`` names."""

    def __init__(self) -> None:
        super().__init__()
        self.controls: list[dict[str, str | None]] = []
        self.label_targets: set[str] = set()
        self.label_depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "label":
            self.label_depth += 1
            if attributes.get("for"):
                self.label_targets.add(str(attributes["for"]))
        elif tag in ("input", "select", "textarea"):
            if tag == "input" and (attributes.get("type") or "text").lower() in UNLABELLED_TYPES:
                return
            self.controls.append({**attributes, "_tag": tag, "_wrapped": "yes" if self.label_depth else None})

    def handle_endtag(self, tag: str) -> None:
        if tag == "label" and self.label_depth:
            self.label_depth -= 1


def unlabelled_controls(html: str) -> list[str]:
    """The controls of ``html`` that no label names, described by tag and name (empty when all are named)."""
    parser = _Controls()
    parser.feed(html)
    missing = []
    for control in parser.controls:
        named = (
            control["_wrapped"]
            or (control.get("id") and control["id"] in parser.label_targets)
            or (control.get("aria-label") or "").strip()
            or control.get("aria-labelledby")
        )
        if not named:
            missing.append(f"{control['_tag']} name={control.get('name')!r} id={control.get('id')!r}")
    return missing


def test_the_checker_finds_an_unlabelled_radio_and_accepts_each_way_of_naming_one() -> None:
    assert unlabelled_controls('<input type="radio" name="option" value="a" id="x">') == ["input name='option' id='x'"]
    assert unlabelled_controls('<label for="x">A</label><input type="radio" name="option" id="x">') == []
    assert unlabelled_controls('<label><input type="radio" name="option"> A</label>') == []
    assert unlabelled_controls('<input type="search" name="q" aria-label="Tìm">') == []
    assert unlabelled_controls('<input type="hidden" name="t"><button>Gửi</button>') == []
    assert unlabelled_controls('<label for="other">B</label><select name="s" id="s"></select>') == [
        "select name='s' id='s'"
    ]


def _open_online_vote(community: AdministrativeUnit, village_head: User, front_head: User) -> CommunityVote:
    adoption = open_meeting(community, village_head, matter="D6", purpose="online_adoption")
    for household in Household.objects.filter(community=community):
        services.meeting_attendance_set(vote=adoption, household=household, present=True, actor=village_head)
        services.vote_cast(
            vote=adoption, household=household, option_key="agree", channel="meeting_hands", actor=village_head
        )
    services.meeting_officers_approve(vote=adoption, secretary="Thư ký", approving=3, actor=village_head)
    services.vote_close(vote=adoption, actor=village_head)
    vote = services.vote_create(
        unit=community,
        matter="D6",
        form="online",
        title="Trồng cây",
        question="Trồng cây xanh hai bên đường?",
        starts_at=NOW - dt.timedelta(hours=1),
        ends_at=NOW + dt.timedelta(days=2),
        convenor_role="village_head",
        actor=village_head,
        now=NOW - dt.timedelta(days=3),
    )
    for name in ("A", "B", "C"):
        services.vote_officer_add(vote=vote, role="online_team", full_name=name, actor=village_head)
    services.online_agreement_record(
        vote=vote, village_head=village_head, front_head=front_head, agreed_on=dt.date(2026, 11, 19), actor=village_head
    )
    services.vote_schedule(vote=vote, notice_given_at=NOW - dt.timedelta(days=3), actor=village_head)
    return services.vote_open(vote=vote, actor=village_head)


def test_online_choice_radios_each_have_a_label_also_after_an_error(
    client: Client,
    community: AdministrativeUnit,
    village_head: User,
    front_head: User,
    household_representative: User,
) -> None:
    vote = _open_online_vote(community, village_head, front_head)
    client.force_login(household_representative)
    page = client.get(decision_url("online_choose", vote_id=vote.pk)).content.decode()
    assert page.count('type="radio"') == vote.options.count() >= 2
    assert unlabelled_controls(page) == []
    refused = client.post(decision_url("online_choose", vote_id=vote.pk), {}).content.decode()
    assert 'type="radio"' in refused and unlabelled_controls(refused) == []


@pytest.mark.parametrize(
    "name",
    ["vote_detail", "meeting_register", "deliveries", "vote_forms", "participants", "roll"],
)
def test_staff_vote_pages_label_every_input(
    client: Client, community: AdministrativeUnit, village_head: User, name: str
) -> None:
    vote = open_meeting(community, village_head, matter="D1")
    client.force_login(village_head)
    response = client.get(decision_url(name, vote_id=vote.pk))
    assert response.status_code == 200
    assert unlabelled_controls(response.content.decode()) == []


@pytest.mark.parametrize("name", ["meeting_new", "ballot_campaign_new", "online_vote_new", "online_adoption_new"])
def test_new_vote_forms_label_every_input(
    client: Client, community: AdministrativeUnit, village_head: User, name: str
) -> None:
    client.force_login(village_head)
    response = client.get(decision_url(name, community_id=community.pk))
    assert response.status_code == 200
    page = response.content.decode()
    assert "<input" in page and unlabelled_controls(page) == []


def test_commune_vote_form_labels_every_input(client: Client, commune: AdministrativeUnit, commune_chair: User) -> None:
    client.force_login(commune_chair)
    response = client.get(decision_url("commune_vote_new", commune_slug=commune.slug))
    assert response.status_code == 200
    page = response.content.decode()
    assert "<input" in page and unlabelled_controls(page) == []


def test_public_results_page_labels_every_input(client: Client, community: AdministrativeUnit) -> None:
    page = client.get(decision_url("public_results", community_id=community.pk)).content.decode()
    assert unlabelled_controls(page) == []
