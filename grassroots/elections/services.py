"""Elections of village heads and board members, and dismissals, on the vote engine (law.md §1(c)).

Village head: [ND59] arts 6–9 (matter D4, recognised by the commune People's Committee).
People's Inspection Board and Community Investment Supervision Board members: [L] arts 36, 41;
[ND59] arts 13, 17 (matter D5, recognised by the commune Front).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from grassroots.accounts import services as account_services
from grassroots.accounts.models import Role, RoleMembership, User
from grassroots.accounts.rules import Action
from grassroots.core import clock
from grassroots.core.errors import DomainError, RuleResult
from grassroots.core.services import audit_record
from grassroots.elections import rules
from grassroots.elections.models import (
    Candidate,
    Dismissal,
    DismissalGround,
    DismissalStatus,
    Election,
    ElectionKind,
    ElectionStatus,
    ElectionTeamMember,
    VillageHeadTermSetting,
)
from grassroots.units import selectors as unit_selectors
from grassroots.units.models import AdministrativeUnit, Household, Resident, UnitLevel
from grassroots.voting import rules as rules_for_votes
from grassroots.voting import services as vote_services
from grassroots.voting.models import CommunityVote, VoteForm, VotePurpose, VoteStatus

MESSAGES: Mapping[str, Any] = {
    "decisions.election.plan_too_late": _("Quyết định và kế hoạch bầu phải có trước ngày bầu ít nhất 20 ngày."),
    "decisions.election.candidates_too_late": _(
        "Biên bản danh sách người ứng cử phải gửi trước ngày bầu ít nhất 15 ngày."
    ),
    "decisions.election.team_too_late": _("Quyết định thành lập Tổ bầu cử phải có trước ngày bầu ít nhất 10 ngày."),
    "decisions.election.notice_too_late": _("Phải niêm yết, thông báo trước ngày bầu ít nhất 7 ngày."),
    "decisions.election.plan_missing": _("Chưa có quyết định, kế hoạch bầu."),
    "decisions.election.candidates_missing": _("Chưa chốt danh sách người ứng cử."),
    "decisions.election.team_missing": _("Chưa thành lập Tổ bầu cử."),
    "decisions.election.notice_missing": _("Chưa niêm yết, thông báo."),
    "decisions.election.no_candidate": _("Cần ít nhất một người ứng cử."),
    "decisions.election.candidate_on_team": _("Người ứng cử không được là thành viên Tổ bầu cử."),
    "decisions.election.bad_transition": _("Thao tác này không thực hiện được ở trạng thái hiện tại."),
    "decisions.election.not_authorised": _("Bạn không có thẩm quyền với cuộc bầu này."),
    "decisions.election.not_community": _("Cuộc bầu phải gắn với một thôn, tổ dân phố."),
    "decisions.election.seats": _("Số người được bầu không hợp lệ."),
    "decisions.election.reason_required": _("Cần nêu lý do."),
    "decisions.election.vote_not_closed": _("Cuộc bầu chưa kiểm phiếu xong."),
    "decisions.election.locked": _("Danh sách đã chốt, không sửa được."),
    "decisions.election.name_required": _("Cần chọn một người dân hoặc nhập họ và tên."),
    "decisions.election.resident_outside": _("Người này không thuộc hộ gia đình đang cư trú ở thôn, tổ dân phố này."),
    "decisions.election.already_candidate": _("Người này đã có trong danh sách người ứng cử."),
    "decisions.election.pick_resident": _(
        "Có người dân trong sổ hộ khớp với họ tên này: hãy tìm và chọn người đó từ danh sách "
        "(chỉ nhập họ tên khi người ứng cử chưa có trong sổ hộ)."
    ),
    "decisions.dismissal.petition_too_small": _("Kiến nghị cho thôi làm cần ít nhất một nửa số hộ."),
    "decisions.dismissal.bad_transition": _("Thao tác này không thực hiện được ở trạng thái hiện tại."),
    "decisions.dismissal.not_head": _("Người này không phải Trưởng thôn đương nhiệm."),
    "decisions.dismissal.not_authorised": _("Bạn không có thẩm quyền với việc cho thôi làm này."),
    "decisions.dismissal.vote_not_closed": _("Cuộc họp chưa kiểm phiếu xong."),
}

ELECTION_ORGANISERS: Mapping[str, Action] = {
    ElectionKind.VILLAGE_HEAD: Action.ACT_FOR_PEOPLES_COMMITTEE,
    ElectionKind.INSPECTION_BOARD: Action.ACT_FOR_FRONT,
    ElectionKind.INVESTMENT_SUPERVISION_BOARD: Action.ACT_FOR_FRONT,
}
"""Who decides and organises, as an action of the matrix: the commune People's Committee for village heads
([ND59] art. 6(1)); the commune Front for the boards ([L] arts 36(3), 41(1); [ND59] arts 13, 17). They also
recognise the result."""


def can_organise(user: Any, community: AdministrativeUnit | int, kind: str, on: dt.date | None = None) -> bool:
    """Whether ``user`` organises (and recognises) elections of ``kind`` in ``community``."""
    return vote_services.may(user, ELECTION_ORGANISERS[kind], community, on or clock.today())


def _fail(code: str, **params: Any) -> DomainError:
    return DomainError(code, str(MESSAGES.get(code, vote_services.MESSAGES.get(code, code))), **params)


def _refuse(result: RuleResult) -> None:
    if not result.allowed:
        raise _fail(result.code, **result.params)


def village_head_term_months(community: AdministrativeUnit | None = None, on: dt.date | None = None) -> int:
    """The village-head term in months for ``community``'s province on ``on`` ([TT04] art. 12(2)).

    The province's latest ``VillageHeadTermSetting`` in force that day; otherwise the project default
    (``settings.DECISIONS_VILLAGE_HEAD_TERM_MONTHS``, 60 months: UNCERTAIN, law.md §7 q. 2).
    """
    default = int(getattr(settings, "DECISIONS_VILLAGE_HEAD_TERM_MONTHS", rules.VILLAGE_HEAD_TERM_MONTHS_DEFAULT))
    if community is None:
        return default
    province_ids = [unit.pk for unit in unit_selectors.unit_ancestors(community) if unit.level == UnitLevel.PROVINCE]
    if not province_ids:
        return default
    setting = (
        VillageHeadTermSetting.objects.filter(province_id__in=province_ids, effective_from__lte=on or clock.today())
        .order_by("-effective_from")
        .first()
    )
    return setting.months if setting is not None else default


def _commune(community: AdministrativeUnit) -> AdministrativeUnit:
    commune = unit_selectors.commune_of(community)
    if commune is None or community.level != UnitLevel.COMMUNITY:
        raise _fail("decisions.election.not_community")
    return commune


def _check_organiser(election: Election, actor: Any, on: dt.date) -> None:
    commune = _commune(election.community)
    if not vote_services.may(actor, ELECTION_ORGANISERS[election.kind], commune, on):
        raise _fail("decisions.election.not_authorised")


def _election_snapshot(election: Election) -> dict[str, Any]:
    return {
        "status": election.status,
        "kind": election.kind,
        "election_date": election.election_date,
        "decision_issued_on": election.decision_issued_on,
        "candidates_fixed_on": election.candidates_fixed_on,
        "team_formed_on": election.team_formed_on,
        "notice_posted_on": election.notice_posted_on,
    }


def _save_election(
    election: Election, *, verb: str, actor: Any, moment: dt.datetime, before: dict[str, Any], target: str | None = None
) -> None:
    if target is not None:
        if not rules.check_transition("election", election.status, target):
            raise _fail("decisions.election.bad_transition", current=election.status, target=target)
        election.status = target
    election.save()
    audit_record(
        code=f"decisions.election.{verb}",
        actor=actor,
        unit=election.community_id,
        obj=election,
        before=before,
        after=_election_snapshot(election),
        now=moment,
    )


def _locked_election(election: Election) -> Election:
    return Election.objects.select_for_update().select_related("community").get(pk=election.pk)


def election_create(
    *,
    community: AdministrativeUnit,
    kind: str,
    election_date: dt.date,
    actor: Any,
    seats: int = 1,
    project_name: str = "",
    decision_issued_on: dt.date | None = None,
    rerun_of: Election | None = None,
    now: dt.datetime | None = None,
) -> Election:
    """The decision to hold an election, with its plan, ≥ 20 days before ([ND59] art. 6(1)(a))."""
    moment = now or clock.now()
    issued = decision_issued_on or clock.localdate(moment)
    _refuse(rules.check_milestone(rules.Milestone.PLAN, done_on=issued, election_date=election_date))
    if (
        seats < 1
        or (kind == ElectionKind.VILLAGE_HEAD and seats != 1)
        or (kind == ElectionKind.INVESTMENT_SUPERVISION_BOARD and seats > rules.INVESTMENT_BOARD_MAX_RESIDENT_MEMBERS)
    ):
        raise _fail("decisions.election.seats")
    with transaction.atomic():
        election = Election(
            community=community,
            kind=kind,
            election_date=election_date,
            seats=seats,
            project_name=project_name,
            decision_issued_on=issued,
            rerun_of=rerun_of,
            created_by=actor,
        )
        _check_organiser(election, actor, clock.localdate(moment))
        election.save()
        audit_record(
            code="decisions.election.created",
            actor=actor,
            unit=community,
            obj=election,
            after=_election_snapshot(election),
            now=moment,
        )
    return election


def _same_person(a_resident: int | None, a_user: int | None, a_name: str, b: Candidate | ElectionTeamMember) -> bool:
    if a_resident is not None and a_resident == b.resident_id:
        return True
    if a_user is not None and a_user == b.user_id:
        return True
    return " ".join(a_name.split()).casefold() == " ".join(b.full_name.split()).casefold()


def _normal_name(name: str) -> str:
    return " ".join(name.split()).casefold()


def community_residents(community: AdministrativeUnit | int, on: dt.date) -> Any:
    """Residents of the households active in ``community`` on ``on`` (the people who may stand)."""
    households = unit_selectors.households_active_on(community, on)
    return Resident.objects.filter(household__in=households.values("pk")).select_related("household", "user")


def election_candidate_add(
    *,
    election: Election,
    actor: Any,
    full_name: str = "",
    resident: Resident | None = None,
    user: User | None = None,
    now: dt.datetime | None = None,
) -> Candidate:
    """Add a person to the candidate list; refused if they sit on the election team.

    Candidates are residents of the community (``resident``, found by name or household code); their
    account (``resident.user``) is linked when they have one. A typed name is kept only when no resident
    of the community bears it: a single match is linked to its resident record, several are refused so
    that the organiser picks the right person.
    """
    moment = now or clock.now()
    today = clock.localdate(moment)
    with transaction.atomic():
        locked = _locked_election(election)
        _check_organiser(locked, actor, today)
        if locked.status != ElectionStatus.PREPARING or locked.candidates_fixed_on is not None:
            raise _fail("decisions.election.locked")
        residents = community_residents(locked.community_id, today)
        if resident is not None:
            # Re-read: the record (and its account link) may have changed since the caller loaded it.
            resident = residents.filter(pk=resident.pk).first()
            if resident is None:
                raise _fail("decisions.election.resident_outside")
            full_name = full_name.strip() or resident.full_name
        elif full_name.strip():
            matches = [r for r in residents if _normal_name(r.full_name) == _normal_name(full_name)]
            if len(matches) > 1:
                raise _fail("decisions.election.pick_resident")
            if matches:
                resident = matches[0]
        if not full_name.strip():
            raise _fail("decisions.election.name_required")
        if user is None and resident is not None:
            user = resident.user
        resident_id, user_id = getattr(resident, "pk", None), getattr(user, "pk", None)
        if resident_id is not None and locked.candidates.filter(resident_id=resident_id).exists():
            raise _fail("decisions.election.already_candidate")
        if any(_same_person(resident_id, user_id, full_name, member) for member in locked.team.all()):
            raise _fail("decisions.election.candidate_on_team")
        candidate = Candidate.objects.create(election=locked, full_name=full_name.strip(), resident=resident, user=user)
        audit_record(
            code="decisions.election.candidate_added",
            actor=actor,
            unit=locked.community_id,
            obj=locked,
            after={
                "candidate": candidate.pk,
                "full_name": candidate.full_name,
                "resident": resident_id,
                "user": user_id,
            },
            now=moment,
        )
    return candidate


def election_team_member_add(
    *,
    election: Election,
    full_name: str,
    actor: Any,
    resident: Resident | None = None,
    user: User | None = None,
    is_leader: bool = False,
    now: dt.datetime | None = None,
) -> ElectionTeamMember:
    """Add a member to the election team; candidates may not sit on it ([ND59] art. 6(1)(b))."""
    moment = now or clock.now()
    with transaction.atomic():
        locked = _locked_election(election)
        _check_organiser(locked, actor, clock.localdate(moment))
        if locked.status != ElectionStatus.PREPARING or locked.team_formed_on is not None:
            raise _fail("decisions.election.locked")
        resident_id, user_id = getattr(resident, "pk", None), getattr(user, "pk", None)
        if any(_same_person(resident_id, user_id, full_name, candidate) for candidate in locked.candidates.all()):
            raise _fail("decisions.election.candidate_on_team")
        member = ElectionTeamMember.objects.create(
            election=locked, full_name=full_name.strip(), resident=resident, user=user, is_leader=is_leader
        )
        audit_record(
            code="decisions.election.team_member_added",
            actor=actor,
            unit=locked.community_id,
            obj=locked,
            after={"member": member.pk, "full_name": member.full_name, "is_leader": is_leader},
            now=moment,
        )
    return member


def election_candidates_fix(*, election: Election, on: dt.date, actor: Any, now: dt.datetime | None = None) -> Election:
    """The candidate list is fixed and its minutes reach the People's Committee ≥ 15 days before ([ND59] art. 6(2))."""
    moment = now or clock.now()
    with transaction.atomic():
        locked = _locked_election(election)
        _check_organiser(locked, actor, clock.localdate(moment))
        _refuse(rules.check_milestone(rules.Milestone.CANDIDATES, done_on=on, election_date=locked.election_date))
        if locked.candidates.count() < rules.ELECTION_MIN_CANDIDATES:
            raise _fail("decisions.election.no_candidate")
        before = _election_snapshot(locked)
        locked.candidates_fixed_on = on
        _save_election(locked, verb="candidates_fixed", actor=actor, moment=moment, before=before)
    return locked


def election_team_form(*, election: Election, on: dt.date, actor: Any, now: dt.datetime | None = None) -> Election:
    """The decision forming the election team, ≥ 10 days before ([ND59] art. 6(1)(b))."""
    moment = now or clock.now()
    with transaction.atomic():
        locked = _locked_election(election)
        _check_organiser(locked, actor, clock.localdate(moment))
        _refuse(rules.check_milestone(rules.Milestone.TEAM, done_on=on, election_date=locked.election_date))
        if not locked.team.exists():
            raise _fail("decisions.election.team_missing")
        before = _election_snapshot(locked)
        locked.team_formed_on = on
        _save_election(locked, verb="team_formed", actor=actor, moment=moment, before=before)
    return locked


def election_announce(*, election: Election, on: dt.date, actor: Any, now: dt.datetime | None = None) -> Election:
    """Public notice ≥ 7 days before; every milestone is checked again here ([ND59] art. 6)."""
    moment = now or clock.now()
    with transaction.atomic():
        locked = _locked_election(election)
        _check_organiser(locked, actor, clock.localdate(moment))
        candidates = list(locked.candidates.all())
        team_has_candidate = any(
            _same_person(member.resident_id, member.user_id, member.full_name, candidate)
            for member in locked.team.all()
            for candidate in candidates
        )
        _refuse(
            rules.check_election_ready(
                plan_on=locked.decision_issued_on,
                candidates_on=locked.candidates_fixed_on,
                team_on=locked.team_formed_on,
                notice_on=on,
                election_date=locked.election_date,
                candidate_count=len(candidates),
                team_has_candidate=team_has_candidate,
            )
        )
        before = _election_snapshot(locked)
        locked.notice_posted_on = on
        _save_election(
            locked, verb="announced", actor=actor, moment=moment, before=before, target=ElectionStatus.ANNOUNCED
        )
    return locked


def election_open(
    *, election: Election, actor: Any, is_secret: bool = True, now: dt.datetime | None = None
) -> CommunityVote:
    """Open the election meeting on the vote engine: one option per candidate, denominator frozen.

    The election team convenes ([ND59] art. 3(1)); the meeting decides hands or secret ballot ([ND59] art. 7).
    """
    moment = now or clock.now()
    with transaction.atomic():
        locked = _locked_election(election)
        _check_organiser(locked, actor, clock.localdate(moment))
        if clock.localdate(moment) < locked.election_date:
            raise _fail("decisions.vote.too_early")
        matter = rules.ELECTION_MATTER[locked.kind]
        options = [(f"c{candidate.pk}", candidate.full_name, False) for candidate in locked.candidates.all()]
        if len(options) == 1:
            # A single candidate still needs a real choice: "agree" counts for them, "disagree" does not.
            options.append(("against", str(_("Không bầu")), False))
        notice = clock.start_of_day(locked.notice_posted_on or clock.localdate(moment))
        vote = vote_services.vote_create(
            unit=locked.community,
            matter=matter,
            form=VoteForm.MEETING,
            purpose=VotePurpose.ELECTION,
            title=str(_("Bầu %(kind)s") % {"kind": locked.get_kind_display()}),
            question=str(_("Bầu %(kind)s") % {"kind": locked.get_kind_display()}),
            starts_at=moment,
            is_secret=is_secret,
            options=options,
            convenor_role=rules_for_votes.convenor_for(matter, purpose=VotePurpose.ELECTION).value,
            check_convenor_role=False,
            actor=actor,
            now=moment,
        )
        vote_services.vote_schedule(vote=vote, notice_given_at=notice, actor=actor, now=moment)
        vote_services.vote_open(vote=vote, actor=actor, now=moment)
        before = _election_snapshot(locked)
        locked.vote = vote
        _save_election(locked, verb="opened", actor=actor, moment=moment, before=before, target=ElectionStatus.VOTING)
    return vote


def election_count(*, election: Election, actor: Any, now: dt.datetime | None = None) -> Election:
    """Close the engine vote and elect the candidates with > 50% of all households ([L] art. 21(1); [ND59] art. 7)."""
    moment = now or clock.now()
    with transaction.atomic():
        locked = _locked_election(election)
        _check_organiser(locked, actor, clock.localdate(moment))
        if locked.vote is None:
            raise _fail("decisions.election.vote_not_closed")
        vote = locked.vote
        if vote.status == VoteStatus.OPEN:
            vote = vote_services.vote_close(vote=vote, actor=actor, now=moment)
        if vote.status != VoteStatus.CLOSED:
            raise _fail("decisions.election.vote_not_closed")
        by_candidate = {
            int(option.key[1:]): option.count or 0 for option in vote.options.all() if option.key.startswith("c")
        }
        winners = rules.election_winners(votes=by_candidate, eligible=vote.eligible_count or 0, seats=locked.seats)
        Candidate.objects.filter(election=locked, pk__in=winners).update(is_elected=True)
        vote.yes_count = max(by_candidate.values(), default=0)
        vote.passed = bool(winners)
        vote.required_yes = rules_for_votes.required_yes(
            rules_for_votes.Threshold.MORE_THAN_HALF, vote.eligible_count or 0
        )
        vote.save(update_fields=["yes_count", "passed", "required_yes", "updated_at"])
        vote_services.vote_submit(vote=vote, actor=actor, now=moment)
        before = _election_snapshot(locked)
        target = ElectionStatus.ELECTED if winners else ElectionStatus.NO_WINNER
        if not winners:
            locked.no_winner_reason = str(_("Không người ứng cử nào được quá nửa tổng số hộ gia đình đồng ý."))
        _save_election(locked, verb="counted", actor=actor, moment=moment, before=before, target=target)
    return locked


@dataclass(frozen=True)
class NewAccount:
    """An account created for an elected resident; the temporary password is shown once, never stored."""

    user_id: int
    username: str
    full_name: str
    temporary_password: str


@dataclass(frozen=True)
class Recognition:
    election: Election
    accounts: list[NewAccount]


ROLE_FOR_ELECTION: Mapping[str, str] = {
    ElectionKind.VILLAGE_HEAD: Role.VILLAGE_HEAD,
    ElectionKind.INSPECTION_BOARD: Role.INSPECTION_BOARD_MEMBER,
}
"""The platform role an elected person receives; investment-supervision boards have none yet."""


def _account_for(
    candidate: Candidate, *, community: AdministrativeUnit, actor: Any, moment: dt.datetime
) -> tuple[User, NewAccount | None]:
    """The elected person's account: the candidate's, the resident's, or a new one (created once).

    A new account logs in by the resident's phone number when it has a valid one not used by another
    account; otherwise its username is a slug of the name and household code. Its temporary password
    (``accounts.rules.generate_temporary_password``) must be changed at first login.
    """
    resident = (
        Resident.objects.select_for_update(of=("self",))
        .select_related("household", "user")
        .get(pk=candidate.resident_id)
        if candidate.resident_id is not None
        else None
    )
    existing = candidate.user or (resident.user if resident is not None else None)
    if existing is not None:
        if candidate.user_id != existing.pk:
            candidate.user = existing
            candidate.save(update_fields=["user"])
        return existing, None
    household: Household | None = resident.household if resident is not None else None
    parts = (candidate.full_name, household.code) if household is not None else (candidate.full_name,)
    user, password = account_services.resident_account_create(
        resident=resident,
        full_name=candidate.full_name,
        username_parts=parts if candidate.full_name else (f"{community.code}-{candidate.pk}",),
        unit=community,
        actor=actor,
        now=moment,
    )
    candidate.user = user
    candidate.save(update_fields=["user"])
    audit_record(
        code="decisions.election.account_created",
        actor=actor,
        unit=community,
        obj=candidate,
        after={"user": user.pk, "username": user.username, "candidate": candidate.pk},
        now=moment,
    )
    username = user.username
    return user, NewAccount(
        user_id=user.pk, username=username, full_name=candidate.full_name, temporary_password=password
    )


def _grant_roles(election: Election, *, on: dt.date, actor: Any, moment: dt.datetime) -> list[NewAccount]:
    """The new head's role starts on recognition ([ND59] art. 8); board members get theirs too.

    Elected people without an account get one (returned, with its one-time password).
    """
    commune = _commune(election.community)
    created: list[NewAccount] = []
    if election.kind not in ROLE_FOR_ELECTION:
        # Investment-supervision boards have no platform role yet: the election record is the evidence.
        return created
    for candidate in election.candidates.filter(is_elected=True).select_related("user").order_by("pk"):
        user, new_account = _account_for(candidate, community=election.community, actor=actor, moment=moment)
        if new_account is not None:
            created.append(new_account)
        if election.kind == ElectionKind.VILLAGE_HEAD:
            for current in RoleMembership.objects.active_on(on).filter(
                unit=election.community, role__in=[Role.VILLAGE_HEAD, Role.INTERIM_VILLAGE_HEAD]
            ):
                if current.valid_from < on:
                    account_services.membership_end(membership=current, on=on, actor=actor, now=moment)
                else:
                    continue
            account_services.membership_grant(
                user=user,
                role=Role.VILLAGE_HEAD,
                unit=election.community,
                valid_from=on,
                valid_until=election.term_end,
                actor=actor,
                now=moment,
            )
        elif election.kind == ElectionKind.INSPECTION_BOARD:
            account_services.membership_grant(
                user=user,
                role=Role.INSPECTION_BOARD_MEMBER,
                unit=commune,
                valid_from=on,
                valid_until=election.term_end,
                actor=actor,
                now=moment,
            )
    return created


def election_recognise(*, election: Election, actor: Any, now: dt.datetime | None = None) -> Election:
    """Recognise the elected ([ND59] art. 8; Front for boards); the village head's role starts today."""
    return election_recognise_with_accounts(election=election, actor=actor, now=now).election


def election_recognise_with_accounts(*, election: Election, actor: Any, now: dt.datetime | None = None) -> Recognition:
    """``election_recognise``, also returning the accounts created for elected residents without one.

    The previous head's membership ends on the recognition day and the new head's starts that day.
    """
    moment = now or clock.now()
    today = clock.localdate(moment)
    with transaction.atomic():
        locked = _locked_election(election)
        _check_organiser(locked, actor, today)
        if locked.vote is None:
            raise _fail("decisions.election.vote_not_closed")
        before = _election_snapshot(locked)
        if not rules.check_transition("election", locked.status, ElectionStatus.RECOGNISED):
            raise _fail("decisions.election.bad_transition", current=locked.status, target=ElectionStatus.RECOGNISED)
        locked.vote = vote_services.vote_recognise(vote=locked.vote, actor=actor, now=moment)
        locked.recognised_on = today
        locked.term_start = today
        locked.term_end = rules.term_end(today, village_head_term_months(locked.community, today))
        accounts = _grant_roles(locked, on=today, actor=actor, moment=moment)
        _save_election(
            locked, verb="recognised", actor=actor, moment=moment, before=before, target=ElectionStatus.RECOGNISED
        )
    return Recognition(election=locked, accounts=accounts)


def election_refuse(*, election: Election, reason: str, actor: Any, now: dt.datetime | None = None) -> Election:
    """Refuse recognition in writing with reasons."""
    moment = now or clock.now()
    with transaction.atomic():
        locked = _locked_election(election)
        _check_organiser(locked, actor, clock.localdate(moment))
        if not reason.strip():
            raise _fail("decisions.election.reason_required")
        if locked.vote is None or not rules.check_transition("election", locked.status, ElectionStatus.REFUSED):
            raise _fail("decisions.election.bad_transition", current=locked.status, target=ElectionStatus.REFUSED)
        before = _election_snapshot(locked)
        locked.vote = vote_services.vote_refuse(vote=locked.vote, reason=reason, actor=actor, now=moment)
        _save_election(locked, verb="refused", actor=actor, moment=moment, before=before, target=ElectionStatus.REFUSED)
    return locked


def election_rerun_order(
    *, election: Election, election_date: dt.date, actor: Any, now: dt.datetime | None = None
) -> Election:
    """No winner (or refused): the People's Committee decides a re-run ([ND59] arts 7, 8)."""
    moment = now or clock.now()
    with transaction.atomic():
        locked = _locked_election(election)
        before = _election_snapshot(locked)
        _save_election(
            locked, verb="rerun_ordered", actor=actor, moment=moment, before=before, target=ElectionStatus.RERUN_ORDERED
        )
        return election_create(
            community=locked.community,
            kind=locked.kind,
            election_date=election_date,
            seats=locked.seats,
            project_name=locked.project_name,
            rerun_of=locked,
            actor=actor,
            now=moment,
        )


# ---------------------------------------------------------------------------------------------
# Dismissal of a village head ([ND59] art. 9)
# ---------------------------------------------------------------------------------------------


def _dismissal_snapshot(dismissal: Dismissal) -> dict[str, Any]:
    return {
        "status": dismissal.status,
        "ground": dismissal.ground,
        "head": dismissal.head_id,
        "petition_households": dismissal.petition_households,
        "household_count": dismissal.household_count,
        "recognised_on": dismissal.recognised_on,
        "interim_user": dismissal.interim_user_id,
    }


def _dismissal_save(dismissal: Dismissal, target: str, *, verb: str, actor: Any, moment: dt.datetime) -> None:
    before = _dismissal_snapshot(Dismissal.objects.get(pk=dismissal.pk))
    if not rules.check_transition("dismissal", before["status"], target):
        raise _fail("decisions.dismissal.bad_transition", current=before["status"], target=target)
    dismissal.status = target
    dismissal.save()
    audit_record(
        code=f"decisions.dismissal.{verb}",
        actor=actor,
        unit=dismissal.community_id,
        obj=dismissal,
        before=before,
        after=_dismissal_snapshot(dismissal),
        now=moment,
    )


def can_request_dismissal(user: Any, community: AdministrativeUnit, on: dt.date | None = None) -> bool:
    """The commune People's Committee (a resignation letter goes to the Chair) or the village Front work
    committee (its request, or the households' petition) starts a dismissal ([ND59] art. 9(1))."""
    day = on or clock.today()
    return vote_services.may(user, Action.ACT_FOR_PEOPLES_COMMITTEE, community, day) or vote_services.may(
        user, Action.ACT_FOR_FRONT_WORK_COMMITTEE, community, day
    )


def dismissal_request(
    *,
    community: AdministrativeUnit,
    head: User,
    ground: str,
    reason: str,
    actor: Any,
    petition_households: int = 0,
    now: dt.datetime | None = None,
) -> Dismissal:
    """Start a dismissal: a resignation letter, a Front work-committee request, or a petition of ≥ 50% of households."""
    moment = now or clock.now()
    today = clock.localdate(moment)
    _commune(community)  # refuses a unit that is not a community
    if not can_request_dismissal(actor, community, today):
        raise _fail("decisions.dismissal.not_authorised")
    if not RoleMembership.objects.active_on(today).filter(user=head, unit=community, role=Role.VILLAGE_HEAD).exists():
        raise _fail("decisions.dismissal.not_head")
    households = unit_selectors.active_household_count(community, today)
    if ground == DismissalGround.HOUSEHOLD_PETITION and not rules.dismissal_petition_enough(
        households_signed=petition_households, households=households
    ):
        raise _fail("decisions.dismissal.petition_too_small")
    with transaction.atomic():
        dismissal = Dismissal.objects.create(
            community=community,
            head=head,
            ground=ground,
            reason=reason.strip(),
            petition_households=petition_households,
            household_count=households,
            created_by=actor,
        )
        audit_record(
            code="decisions.dismissal.requested",
            actor=actor,
            unit=community,
            obj=dismissal,
            after=_dismissal_snapshot(dismissal),
            now=moment,
        )
    return dismissal


def head_is_front_head(dismissal: Dismissal, on: dt.date) -> bool:
    """Whether the head being dismissed also heads the village Front work committee on ``on``."""
    return (
        RoleMembership.objects.active_on(on)
        .filter(user_id=dismissal.head_id, unit_id=dismissal.community_id, role=Role.FRONT_WORK_COMMITTEE_HEAD)
        .exists()
    )


def dismissal_open_vote(
    *,
    dismissal: Dismissal,
    starts_at: dt.datetime,
    actor: Any,
    front_chair_agreed: bool = False,
    now: dt.datetime | None = None,
) -> CommunityVote:
    """Create the dismissal meeting (D4), convened by the head of the Front work committee ([ND59] art. 9(2)).

    When the head is also the Front work-committee head, the commune Chair convenes instead, after agreeing
    with the commune Front chair (``front_chair_agreed``) — [L] art. 18(1); [ND59] art. 3(1).
    """
    moment = now or clock.now()
    today = clock.localdate(moment)
    with transaction.atomic():
        locked = Dismissal.objects.select_for_update().select_related("community").get(pk=dismissal.pk)
        exception = head_is_front_head(locked, today)
        convenor = rules_for_votes.convenor_for("D4", purpose=VotePurpose.DISMISSAL, head_is_front_head=exception)
        if exception and not vote_services.may(
            actor, rules_for_votes.run_action(convenor_role=convenor.value, matter="D4"), locked.community, today
        ):
            raise _fail("decisions.convenor.head_is_front_head")
        vote = vote_services.vote_create(
            unit=locked.community,
            matter="D4",
            form=VoteForm.MEETING,
            purpose=VotePurpose.DISMISSAL,
            title=str(_("Cho thôi làm Trưởng thôn")),
            question=str(_("Đồng ý cho thôi làm Trưởng thôn?")),
            starts_at=starts_at,
            convenor_role=convenor.value,
            head_is_front_head=exception,
            front_chair_agreed=front_chair_agreed,
            actor=actor,
            now=moment,
        )
        if exception:
            locked.front_chair_agreed_on = today
        locked.vote = vote
        _dismissal_save(locked, DismissalStatus.VOTING, verb="vote_created", actor=actor, moment=moment)
    return vote


def dismissal_conclude(*, dismissal: Dismissal, actor: Any, now: dt.datetime | None = None) -> Dismissal:
    """Read the closed meeting: > 50% of all households agreed → dismissed; the result is sent on."""
    moment = now or clock.now()
    with transaction.atomic():
        locked = Dismissal.objects.select_for_update().get(pk=dismissal.pk)
        vote = locked.vote
        if vote is None or vote.status != VoteStatus.CLOSED:
            raise _fail("decisions.dismissal.vote_not_closed")
        vote_services.vote_submit(vote=vote, actor=actor, now=moment)
        target = DismissalStatus.DISMISSED if vote.passed else DismissalStatus.KEPT
        _dismissal_save(locked, target, verb="concluded", actor=actor, moment=moment)
    return locked


def dismissal_recognise(
    *, dismissal: Dismissal, actor: Any, interim_user: User | None = None, now: dt.datetime | None = None
) -> Dismissal:
    """The People's Committee recognises the dismissal: the head's role ends today, a new election is due
    within 60 days, and an interim head may be appointed for at most 6 months ([ND59] art. 9(3))."""
    moment = now or clock.now()
    today = clock.localdate(moment)
    with transaction.atomic():
        locked = Dismissal.objects.select_for_update().select_related("community").get(pk=dismissal.pk)
        if locked.vote is None:
            raise _fail("decisions.dismissal.vote_not_closed")
        locked.vote = vote_services.vote_recognise(vote=locked.vote, actor=actor, now=moment)
        for membership in RoleMembership.objects.active_on(today).filter(
            user=locked.head, unit=locked.community, role=Role.VILLAGE_HEAD
        ):
            if membership.valid_from < today:
                account_services.membership_end(membership=membership, on=today, actor=actor, now=moment)
        locked.recognised_on = today
        if interim_user is not None:
            until = rules.interim_until(today)
            account_services.membership_grant(
                user=interim_user,
                role=Role.INTERIM_VILLAGE_HEAD,
                unit=locked.community,
                valid_from=today,
                valid_until=until,
                actor=actor,
                now=moment,
            )
            locked.interim_user = interim_user
            locked.interim_until = until
        _dismissal_save(locked, DismissalStatus.RECOGNISED, verb="recognised", actor=actor, moment=moment)
    return locked
