"""The drafting team's composition ([ND61] art. 8): mass-organisation representatives and respected people always;
elders and a speaker of the ethnic language in an ethnic-minority area. Checked when the team is set and before the
draft is posted for comment; refused with ``conventions.drafting_team_incomplete`` and nothing written."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from grassroots.accounts.models import User
from grassroots.conventions import rules, services
from grassroots.conventions.models import Convention, ConventionVersion, ProposalBasis, VersionStatus
from grassroots.conventions.tests.conftest import COMMENTS_END, CREATED, first_version
from grassroots.core.errors import DomainError
from grassroots.core.models import AuditEvent
from grassroots.units.models import AdministrativeUnit

FULL = {
    "mass_organisations": True,
    "respected_people": True,
    "elders": True,
    "ethnic_language": True,
    "front_agreed": True,
}


# --- rules ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("members", "flags", "ethnic", "missing"),
    [
        ("Tổ", FULL, False, []),
        ("Tổ", {**FULL, "elders": False, "ethnic_language": False}, False, []),  # not needed outside the area
        ("Tổ", {**FULL, "elders": False, "ethnic_language": False}, True, ["elders", "ethnic_language"]),
        ("Tổ", {**FULL, "ethnic_language": False}, True, ["ethnic_language"]),
        ("Tổ", {**FULL, "mass_organisations": False}, False, ["mass_organisations"]),
        ("Tổ", {**FULL, "respected_people": False}, False, ["respected_people"]),
        ("Tổ", {**FULL, "front_agreed": False}, False, ["front_agreement"]),  # set up *with* the Front head
        ("Tổ", {**FULL, "front_agreed": False}, True, ["front_agreement"]),
        ("  ", FULL, False, ["members"]),
        (
            "",
            dict.fromkeys(FULL, False),
            True,
            ["members", "mass_organisations", "respected_people", "front_agreement", "elders", "ethnic_language"],
        ),
    ],
)
def test_drafting_team_missing(members: str, flags: dict[str, bool], ethnic: bool, missing: list[str]) -> None:
    assert rules.drafting_team_missing(members=members, ethnic_minority_area=ethnic, **flags) == missing
    result = rules.check_drafting_team(members=members, ethnic_minority_area=ethnic, **flags)
    assert bool(result) is (missing == [])
    if missing:
        assert result.code == "conventions.drafting_team_incomplete" and result.params["missing"] == missing


# --- services ------------------------------------------------------------------------------------------


def _team_message(missing: list[str]) -> str:
    """The refusal as the service words it, built from the message ids (not from prose copied into the test)."""
    parts = "; ".join(str(services.TEAM_PART_LABELS[part]) for part in missing)
    return services.REFUSALS.error("conventions.drafting_team_incomplete", parts=parts).message


def _bare(community: AdministrativeUnit, village_head: User, **extra: object) -> ConventionVersion:
    """A proposal whose drafting team is only named (composition not yet attested), one article."""
    convention = services.convention_propose(
        community=community,
        name_kind="quy_uoc",
        title="Quy ước Thôn 1",
        basis=ProposalBasis.VILLAGE_HEAD,
        front_agreed=True,
        drafting_team="Lê Văn Trưởng; Ngô Văn Ban Công Tác",
        actor=village_head,
        now=CREATED,
        **extra,  # type: ignore[arg-type]
    )
    version = first_version(convention)
    services.article_save(version=version, heading="Điều 1", text="Phạm vi.", actor=village_head, now=CREATED)
    return version


@pytest.mark.django_db
def test_posting_is_refused_until_the_team_has_its_composition(
    community: AdministrativeUnit, village_head: User
) -> None:
    version = _bare(community, village_head)
    with pytest.raises(DomainError) as refused:
        services.comments_open(version=version, closes_on=COMMENTS_END, actor=village_head, now=CREATED)
    assert refused.value.code == "conventions.drafting_team_incomplete"
    assert refused.value.params["missing"] == ["mass_organisations", "respected_people", "front_agreement"]
    assert refused.value.message == _team_message(["mass_organisations", "respected_people", "front_agreement"])
    version.refresh_from_db()
    assert version.status == VersionStatus.DRAFTING and version.consultation_id is None
    services.drafting_team_set(
        version=version,
        members="Lê Văn Trưởng; Ngô Văn Ban Công Tác; Chi hội Phụ nữ; cụ Đinh Văn Uy Tín",
        mass_organisations=True,
        respected_people=True,
        front_agreed=True,
        actor=village_head,
        now=CREATED,
    )
    assert AuditEvent.objects.filter(code="conventions.version.drafting_team_set").count() == 1
    version.refresh_from_db()
    assert version.drafting_front_agreed
    posted = services.comments_open(version=version, closes_on=COMMENTS_END, actor=village_head, now=CREATED)
    assert posted.status == VersionStatus.COMMENTING


@pytest.mark.django_db
def test_ethnic_minority_area_needs_elders_and_a_speaker_of_the_language(
    community: AdministrativeUnit, village_head: User
) -> None:
    version = _bare(
        community,
        village_head,
        ethnic_minority_area=True,
        drafting_mass_organisations=True,
        drafting_respected_people=True,
        drafting_elders=True,
        drafting_front_agreed=True,
    )
    with pytest.raises(DomainError) as refused:
        services.comments_open(version=version, closes_on=COMMENTS_END, actor=village_head, now=CREATED)
    assert refused.value.params["missing"] == ["ethnic_language"]
    with pytest.raises(DomainError) as set_short:
        services.drafting_team_set(
            version=version,
            members="Tổ",
            mass_organisations=True,
            respected_people=True,
            elders=True,
            ethnic_minority_area=True,
            front_agreed=True,
            actor=village_head,
            now=CREATED,
        )
    assert set_short.value.code == "conventions.drafting_team_incomplete"
    version.refresh_from_db()
    assert version.drafting_team == "Lê Văn Trưởng; Ngô Văn Ban Công Tác"  # nothing half-written
    assert not AuditEvent.objects.filter(code="conventions.version.drafting_team_set").exists()
    services.drafting_team_set(
        version=version,
        members="Tổ",
        mass_organisations=True,
        respected_people=True,
        elders=True,
        ethnic_language=True,
        ethnic_minority_area=True,
        front_agreed=True,
        actor=village_head,
        now=CREATED,
    )
    posted = services.comments_open(version=version, closes_on=COMMENTS_END, actor=village_head, now=CREATED)
    assert posted.status == VersionStatus.COMMENTING


@pytest.mark.django_db
def test_team_changes_only_while_drafting_and_only_by_the_village(
    convention: Convention, village_head: User, commune_officer: User
) -> None:
    version = first_version(convention)
    with pytest.raises(DomainError) as outsider:
        services.drafting_team_set(version=version, members="Tổ", actor=commune_officer, now=CREATED, **FULL)
    assert outsider.value.code == "conventions.not_authorised"
    services.comments_open(version=version, closes_on=COMMENTS_END, actor=village_head, now=CREATED)
    with pytest.raises(DomainError) as late:
        services.drafting_team_set(version=version, members="Tổ", actor=village_head, now=CREATED, **FULL)
    assert late.value.code == "conventions.not_drafting"


# --- views ---------------------------------------------------------------------------------------------


def _form_errors(response: Any) -> list[str]:
    return list(response.context["form"].non_field_errors())


@pytest.mark.django_db
def test_team_page_saves_and_refuses_with_the_service_message(
    client: Client, community: AdministrativeUnit, village_head: User, other_commune_officer: User
) -> None:
    version = _bare(community, village_head)
    url = reverse("conventions:drafting_team", args=[version.pk])
    client.force_login(village_head)
    assert client.get(url).status_code == 200
    bad = client.post(url, {"members": "Tổ", "mass_organisations": "on"})
    assert bad.status_code == 200
    assert _form_errors(bad) == [_team_message(["respected_people", "front_agreement"])]
    version.refresh_from_db()
    assert version.drafting_team == "Lê Văn Trưởng; Ngô Văn Ban Công Tác" and not version.drafting_mass_organisations
    good = client.post(
        url,
        {
            "members": "Tổ; Chi hội Phụ nữ; cụ Uy Tín",
            "mass_organisations": "on",
            "respected_people": "on",
            "front_agreed": "on",
        },
    )
    assert good.status_code == 302
    version.refresh_from_db()
    assert version.drafting_respected_people and version.drafting_team == "Tổ; Chi hội Phụ nữ; cụ Uy Tín"
    assert version.drafting_front_agreed
    client.force_login(other_commune_officer)
    assert client.post(url, {"members": "X"}).status_code == 404


BASE_POST = {"members": "Tổ", "mass_organisations": "on", "respected_people": "on", "front_agreed": "on"}


@pytest.mark.django_db
def test_ticking_the_ethnic_minority_area_on_the_team_form_requires_elders_and_the_language(
    client: Client, community: AdministrativeUnit, village_head: User
) -> None:
    """[ND61] art. 8: in an ethnic-minority area the team must include elders and a speaker of the language."""
    version = _bare(community, village_head)
    url = reverse("conventions:drafting_team", args=[version.pk])
    client.force_login(village_head)
    short = client.post(url, {**BASE_POST, "ethnic_minority_area": "on", "elders": "on"})
    assert short.status_code == 200
    assert _form_errors(short) == [_team_message(["ethnic_language"])]
    version.refresh_from_db()
    assert not version.convention.ethnic_minority_area and not version.drafting_elders  # nothing half-written
    assert not AuditEvent.objects.filter(code="conventions.version.drafting_team_set").exists()
    full = client.post(url, {**BASE_POST, "ethnic_minority_area": "on", "elders": "on", "ethnic_language": "on"})
    assert full.status_code == 302
    version.refresh_from_db()
    assert version.convention.ethnic_minority_area and version.drafting_elders and version.drafting_ethnic_language
    # The page shows the flag as saved on the convention.
    assert client.get(url).context["form"].initial["ethnic_minority_area"] is True


@pytest.mark.django_db
def test_unticking_the_area_is_recorded_in_the_history_and_then_posting_needs_no_elders(
    client: Client, community: AdministrativeUnit, village_head: User
) -> None:
    version = _bare(community, village_head, ethnic_minority_area=True)
    url = reverse("conventions:drafting_team", args=[version.pk])
    client.force_login(village_head)
    assert client.post(url, BASE_POST).status_code == 302
    version.refresh_from_db()
    assert not version.convention.ethnic_minority_area
    event = AuditEvent.objects.get(code="conventions.version.drafting_team_set")
    assert (event.before or {})["ethnic_minority_area"] is True
    assert (event.after or {})["ethnic_minority_area"] is False
    posted = services.comments_open(version=version, closes_on=COMMENTS_END, actor=village_head, now=CREATED)
    assert posted.status == VersionStatus.COMMENTING


@pytest.mark.django_db
def test_attack_posting_without_the_front_heads_agreement_to_the_team_is_refused(
    community: AdministrativeUnit, village_head: User
) -> None:
    version = _bare(community, village_head, drafting_mass_organisations=True, drafting_respected_people=True)
    with pytest.raises(DomainError) as refused:
        services.comments_open(version=version, closes_on=COMMENTS_END, actor=village_head, now=CREATED)
    assert refused.value.code == "conventions.drafting_team_incomplete"
    assert refused.value.params["missing"] == ["front_agreement"]
    version.refresh_from_db()
    assert version.status == VersionStatus.DRAFTING and version.consultation_id is None
