"""Proposal, drafting team and articles of a convention ([ND61] arts 7–8)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.db import transaction

from grassroots.accounts.rules import Action
from grassroots.consultations.models import ConsultationStatus
from grassroots.conventions import rules
from grassroots.conventions.models import (
    Convention,
    ConventionArticle,
    ConventionStatus,
    ConventionVersion,
    VersionStatus,
)
from grassroots.conventions.services.common import (
    _check_team,
    _convention_snapshot,
    _enforce,
    _fail,
    _lock_convention,
    _lock_version,
    _require,
    _save_version,
    _team_flags,
    _version_snapshot,
)
from grassroots.core import clock
from grassroots.core.services import audit_record
from grassroots.units import selectors as unit_selectors
from grassroots.units.models import AdministrativeUnit, UnitLevel

# --- Proposal and drafting ([ND61] arts 7–8) ----------------------------------------------------------


def _new_version(
    convention: Convention,
    *,
    number: int,
    basis: str,
    supporting_households: int,
    front_agreed: bool,
    reason: str,
    drafting_team: str,
    team: Mapping[str, bool],
    actor: Any,
    today: dt.date,
) -> ConventionVersion:
    total = unit_selectors.active_household_count(convention.community, today)
    _enforce(
        rules.check_proposal(
            basis=basis, households_total=total, supporting=supporting_households, front_agreed=front_agreed
        )
    )
    return ConventionVersion.objects.create(
        convention=convention,
        number=number,
        proposal_basis=basis,
        households_total=total,
        supporting_households=supporting_households,
        front_agreed=front_agreed,
        reason=reason.strip(),
        drafting_team=drafting_team.strip(),
        drafting_mass_organisations=bool(team.get("mass_organisations")),
        drafting_respected_people=bool(team.get("respected_people")),
        drafting_elders=bool(team.get("elders")),
        drafting_ethnic_language=bool(team.get("ethnic_language")),
        drafting_front_agreed=bool(team.get("front_agreed")),
        created_by=actor,
    )


def convention_propose(
    *,
    community: AdministrativeUnit,
    name_kind: str,
    title: str,
    basis: str,
    actor: Any,
    supporting_households: int = 0,
    front_agreed: bool = False,
    reason: str = "",
    drafting_team: str = "",
    ethnic_minority_area: bool = False,
    drafting_mass_organisations: bool = False,
    drafting_respected_people: bool = False,
    drafting_elders: bool = False,
    drafting_ethnic_language: bool = False,
    drafting_front_agreed: bool = False,
    now: dt.datetime | None = None,
) -> Convention:
    """Start a village's convention: the proposal ([ND61] art. 7) and its drafting team (art. 8), whose composition
    may still be completed (``drafting_team_set``) before the draft is posted for comment."""
    moment = now or clock.now()
    today = clock.localdate(moment)
    if community.level != UnitLevel.COMMUNITY:
        raise _fail("conventions.not_community")
    if not title.strip():
        raise _fail("conventions.title_required")
    _require(actor, Action.MANAGE_CONVENTIONS, community, today)
    with transaction.atomic():
        convention = Convention.objects.create(
            community=community,
            name_kind=name_kind,
            title=title.strip(),
            ethnic_minority_area=ethnic_minority_area,
            created_by=actor,
        )
        version = _new_version(
            convention,
            number=1,
            basis=basis,
            supporting_households=supporting_households,
            front_agreed=front_agreed,
            reason=reason,
            drafting_team=drafting_team,
            team={
                "mass_organisations": drafting_mass_organisations,
                "respected_people": drafting_respected_people,
                "elders": drafting_elders,
                "ethnic_language": drafting_ethnic_language,
                "front_agreed": drafting_front_agreed,
            },
            actor=actor,
            today=today,
        )
        audit_record(
            code="conventions.convention.proposed",
            actor=actor,
            unit=community,
            obj=convention,
            after={**_convention_snapshot(convention), "version": _version_snapshot(version), "basis": basis},
            now=moment,
        )
    return convention


def amendment_propose(
    *,
    convention: Convention,
    basis: str,
    reason: str,
    actor: Any,
    supporting_households: int = 0,
    front_agreed: bool = False,
    drafting_team: str = "",
    drafting_mass_organisations: bool = False,
    drafting_respected_people: bool = False,
    drafting_elders: bool = False,
    drafting_ethnic_language: bool = False,
    drafting_front_agreed: bool = False,
    now: dt.datetime | None = None,
) -> ConventionVersion:
    """An amendment: the recognised text copied into a new draft that goes through the same steps (art. 13).

    Without a drafting team given, the recognised text's team (names and composition) is carried over; the village
    head may change it with ``drafting_team_set`` before posting."""
    moment = now or clock.now()
    today = clock.localdate(moment)
    if not reason.strip():
        raise _fail("conventions.reason_required")
    with transaction.atomic():
        locked = _lock_convention(convention)
        _require(actor, Action.MANAGE_CONVENTIONS, locked.community, today)
        if locked.status not in {ConventionStatus.IN_FORCE, ConventionStatus.SUSPENDED}:
            raise _fail("conventions.not_in_force")
        if locked.versions.filter(status__in=rules.IN_PROGRESS).exists():
            raise _fail("conventions.in_progress")
        current = locked.versions.filter(status=VersionStatus.RECOGNISED).order_by("-number").first()
        number = (locked.versions.order_by("-number").values_list("number", flat=True).first() or 0) + 1
        team = {
            "mass_organisations": drafting_mass_organisations,
            "respected_people": drafting_respected_people,
            "elders": drafting_elders,
            "ethnic_language": drafting_ethnic_language,
            "front_agreed": drafting_front_agreed,
        }
        if not drafting_team.strip() and current is not None:
            drafting_team, team = current.drafting_team, _team_flags(current)
        version = _new_version(
            locked,
            number=number,
            basis=basis,
            supporting_households=supporting_households,
            front_agreed=front_agreed,
            reason=reason,
            drafting_team=drafting_team,
            team=team,
            actor=actor,
            today=today,
        )
        if current is not None:
            ConventionArticle.objects.bulk_create(
                ConventionArticle(version=version, position=a.position, heading=a.heading, text=a.text)
                for a in current.articles.all()
            )
        audit_record(
            code="conventions.version.proposed",
            actor=actor,
            unit=locked.community_id,
            obj=version,
            after={**_version_snapshot(version), "basis": basis, "reason": version.reason},
            now=moment,
        )
    return version


def drafting_team_set(
    *,
    version: ConventionVersion,
    members: str,
    actor: Any,
    mass_organisations: bool = False,
    respected_people: bool = False,
    elders: bool = False,
    ethnic_language: bool = False,
    ethnic_minority_area: bool = False,
    front_agreed: bool = False,
    now: dt.datetime | None = None,
) -> ConventionVersion:
    """Set up (or change) the drafting team while drafting ([ND61] art. 8): refused unless it has the composition
    the decree asks for and the Front work-committee head agreed to it (``conventions.drafting_team_incomplete``,
    ``parts`` naming what is missing). ``ethnic_minority_area`` is the village's (kept on the convention)."""
    moment = now or clock.now()
    today = clock.localdate(moment)
    with transaction.atomic():
        locked = _lock_version(version)
        convention = _lock_convention(locked.convention_id)
        _require(actor, Action.MANAGE_CONVENTIONS, convention.community, today)
        if locked.status != VersionStatus.DRAFTING:
            raise _fail("conventions.not_drafting")
        locked.drafting_team = members.strip()
        locked.drafting_mass_organisations = mass_organisations
        locked.drafting_respected_people = respected_people
        locked.drafting_elders = elders
        locked.drafting_ethnic_language = ethnic_language
        locked.drafting_front_agreed = front_agreed
        _check_team(locked, ethnic_minority_area=ethnic_minority_area)
        area_changed = convention.ethnic_minority_area != ethnic_minority_area
        convention.ethnic_minority_area = ethnic_minority_area
        locked.convention = convention
        # The audit's ``before`` is read from the database, so the area flag is saved after it: a village head who
        # unticks "ethnic-minority area" to drop the elders leaves that change in the public history.
        _save_version(locked, verb="drafting_team_set", actor=actor, moment=moment)
        if area_changed:
            convention.save(update_fields=["ethnic_minority_area", "updated_at"])
    return locked


def _editable(version: ConventionVersion) -> bool:
    """Drafting, or revising after the comment period closed and before finalisation ([ND61] art. 9(3))."""
    if version.status == VersionStatus.DRAFTING:
        return True
    return (
        version.status == VersionStatus.COMMENTING
        and version.consultation is not None
        and version.consultation.status in {ConsultationStatus.CLOSED, ConsultationStatus.COMPLETED}
    )


def article_save(
    *,
    version: ConventionVersion,
    heading: str,
    text: str,
    actor: Any,
    position: int | None = None,
    now: dt.datetime | None = None,
) -> ConventionArticle:
    """Add the next article, or rewrite the article at ``position``, while the text may change."""
    moment = now or clock.now()
    if not heading.strip() or not text.strip():
        raise _fail("conventions.article_required")
    with transaction.atomic():
        locked = _lock_version(version)
        _require(actor, Action.MANAGE_CONVENTIONS, locked.convention.community, clock.localdate(moment))
        if not _editable(locked):
            raise _fail("conventions.not_editable")
        existing = locked.articles.filter(position=position).first() if position else None
        before = {"heading": existing.heading, "text": existing.text} if existing else None
        if existing is None:
            next_position = (locked.articles.order_by("-position").values_list("position", flat=True).first() or 0) + 1
            article = ConventionArticle.objects.create(
                version=locked, position=next_position, heading=heading.strip(), text=text.strip()
            )
        else:
            article = existing
            article.heading, article.text = heading.strip(), text.strip()
            article.save(update_fields=["heading", "text"])
        audit_record(
            code="conventions.article.saved",
            actor=actor,
            unit=locked.convention.community_id,
            obj=locked,
            before=before,
            after={"position": article.position, "heading": article.heading, "text": article.text},
            now=moment,
        )
    return article
