"""Elections of village heads and board members on the vote engine ([ND59] arts 6–8, 13, 17; [L] arts 36, 41)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from grassroots.accounts.models import User
from grassroots.core import clock
from grassroots.core.services import audit_record
from grassroots.elections import rules
from grassroots.elections.models import (
    Candidate,
    Election,
    ElectionKind,
    ElectionStatus,
    ElectionTeamMember,
)
from grassroots.elections.services.accounts import Recognition, _grant_roles
from grassroots.elections.services.common import (
    _check_candidate_minutes,
    _check_organiser,
    _election_snapshot,
    _fail,
    _locked_election,
    _refuse,
    _save_election,
    village_head_term_months,
)
from grassroots.elections.services.recognition_documents import election_recognition_decision_issue
from grassroots.units.models import AdministrativeUnit, Household, Resident
from grassroots.voting import rules as rules_for_votes
from grassroots.voting import services as vote_services
from grassroots.voting.models import VoteStatus


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
    """Members on ``on`` of the households active in ``community`` then (the people who may stand).

    A member who left the household (``left_on``) by that day, or joined it after, is not one of them.
    """
    households = Household.objects.of_unit_on(community, on)
    return (
        Resident.objects.members_on(on)
        .filter(household__in=households.values("pk"))
        .select_related("household", "user")
    )


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
        locked.candidates_fixed_on = on
        _save_election(locked, verb="candidates_fixed", actor=actor, moment=moment)
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
        locked.team_formed_on = on
        _save_election(locked, verb="team_formed", actor=actor, moment=moment)
    return locked


def election_announce(*, election: Election, on: dt.date, actor: Any, now: dt.datetime | None = None) -> Election:
    """Public notice ≥ 7 days before; every milestone is checked again here ([ND59] art. 6).

    Among them the candidate-list minutes (Mẫu 05): issued, and issued by the server's clock ≥ 15 days
    before the election ([ND59] art. 6(2)); an election without them cannot be announced.
    """
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
        # The Mẫu 05 itself, issued by the platform ≥ 15 days before: the typed fixing day is not enough.
        _check_candidate_minutes(locked)
        locked.notice_posted_on = on
        _save_election(locked, verb="announced", actor=actor, moment=moment, target=ElectionStatus.ANNOUNCED)
    return locked


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
        target = ElectionStatus.ELECTED if winners else ElectionStatus.NO_WINNER
        if not winners:
            locked.no_winner_reason = str(_("Không người ứng cử nào được quá nửa tổng số hộ gia đình đồng ý."))
        _save_election(locked, verb="counted", actor=actor, moment=moment, target=target)
    return locked


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
        if not rules.check_transition("election", locked.status, ElectionStatus.RECOGNISED):
            raise _fail("decisions.election.bad_transition", current=locked.status, target=ElectionStatus.RECOGNISED)
        locked.vote = vote_services.vote_recognise(vote=locked.vote, actor=actor, now=moment)
        locked.recognised_on = today
        locked.term_start = today
        locked.term_end = rules.term_end(today, village_head_term_months(locked.community, today))
        accounts = _grant_roles(locked, on=today, actor=actor, moment=moment)
        _save_election(locked, verb="recognised", actor=actor, moment=moment, target=ElectionStatus.RECOGNISED)
        # The People's Committee's decision, in the same transaction: no recognition without its paper.
        election_recognition_decision_issue(election=locked, actor=actor, moment=moment)
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
        locked.vote = vote_services.vote_refuse(vote=locked.vote, reason=reason, actor=actor, now=moment)
        _save_election(locked, verb="refused", actor=actor, moment=moment, target=ElectionStatus.REFUSED)
    return locked


def election_rerun_order(
    *, election: Election, election_date: dt.date, actor: Any, now: dt.datetime | None = None
) -> Election:
    """No winner (or refused): the People's Committee decides a re-run ([ND59] arts 7, 8).

    Only the election's organiser orders it, checked before anything else is read or written (the same
    check as ``election_by_election``)."""
    moment = now or clock.now()
    with transaction.atomic():
        locked = _locked_election(election)
        _check_organiser(locked, actor, clock.localdate(moment))
        _save_election(locked, verb="rerun_ordered", actor=actor, moment=moment, target=ElectionStatus.RERUN_ORDERED)
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


def election_floor_nominate(
    *,
    election: Election,
    actor: Any,
    full_name: str = "",
    resident: Resident | None = None,
    nominated_by: str = "",
    is_self_nominated: bool = False,
    now: dt.datetime | None = None,
) -> Candidate:
    """A nomination or self-nomination from the floor of the election meeting ([ND59] arts 3(5), 7(1)).

    Next to the Front work committee's list: on the election day, after the notice and before the vote
    opens. The person must live in the community and may not sit on the election team.
    """
    moment = now or clock.now()
    today = clock.localdate(moment)
    with transaction.atomic():
        locked = _locked_election(election)
        _check_organiser(locked, actor, today)
        if locked.status != ElectionStatus.ANNOUNCED or today != locked.election_date:
            raise _fail("decisions.election.not_meeting_day")
        residents = community_residents(locked.community_id, today)
        if resident is not None:
            resident = residents.filter(pk=resident.pk).first()
            if resident is None:
                raise _fail("decisions.election.resident_outside")
            full_name = full_name.strip() or resident.full_name
        elif full_name.strip():
            matches = [r for r in residents if _normal_name(r.full_name) == _normal_name(full_name)]
            if len(matches) > 1:
                raise _fail("decisions.election.pick_resident")
            if not matches:
                raise _fail("decisions.election.resident_outside")
            resident = matches[0]
        if resident is None or not full_name.strip():
            raise _fail("decisions.election.name_required")
        user = resident.user
        if locked.candidates.filter(resident_id=resident.pk).exists():
            raise _fail("decisions.election.already_candidate")
        if any(_same_person(resident.pk, getattr(user, "pk", None), full_name, m) for m in locked.team.all()):
            raise _fail("decisions.election.candidate_on_team")
        candidate = Candidate.objects.create(
            election=locked,
            full_name=full_name.strip(),
            resident=resident,
            user=user,
            is_from_floor=True,
            is_self_nominated=is_self_nominated,
            nominated_by="" if is_self_nominated else nominated_by.strip(),
        )
        audit_record(
            code="decisions.election.floor_nominated",
            actor=actor,
            unit=locked.community_id,
            obj=locked,
            after={
                "candidate": candidate.pk,
                "full_name": candidate.full_name,
                "resident": resident.pk,
                "self": is_self_nominated,
                "nominated_by": candidate.nominated_by,
            },
            now=moment,
        )
    return candidate


def election_by_election_order(
    *, election: Election, election_date: dt.date, actor: Any, now: dt.datetime | None = None
) -> Election:
    """Seats left unfilled after the count (fewer winners with > 50% than seats): a by-election for them."""
    moment = now or clock.now()
    with transaction.atomic():
        locked = _locked_election(election)
        _check_organiser(locked, actor, clock.localdate(moment))
        if locked.status not in (ElectionStatus.ELECTED, ElectionStatus.RECOGNISED):
            raise _fail("decisions.election.bad_transition", current=locked.status, target="by_election")
        elected = locked.candidates.filter(is_elected=True).count()
        already = sum(e.seats for e in locked.by_elections.exclude(status=ElectionStatus.CANCELLED))
        left = rules.unfilled_seats(seats=locked.seats, elected=elected + already)
        if left == 0:
            raise _fail("decisions.election.seats_filled")
        by_election = election_create(
            community=locked.community,
            kind=locked.kind,
            election_date=election_date,
            seats=left,
            project_name=locked.project_name,
            actor=actor,
            now=moment,
        )
        by_election.by_election_for = locked
        by_election.save(update_fields=["by_election_for", "updated_at"])
        audit_record(
            code="decisions.election.by_election_ordered",
            actor=actor,
            unit=locked.community_id,
            obj=locked,
            after={"by_election": by_election.pk, "seats": left, "election_date": election_date},
            now=moment,
        )
    return by_election


def candidate_list_minutes_issue(
    *, election: Election, front_committee: list[str], actor: Any, now: dt.datetime | None = None
) -> Any:
    """Issue the candidate-list minutes (Mẫu 05) of the Front work committee, due at the People's Committee
    ≥ 15 days before the election ([ND59] art. 6(2)); it lists every candidate on the official list.

    Only after the list is fixed (``election_candidates_fix``, on or before today): the minutes record the
    official list, so they cannot precede it. Dated by the server's clock.
    """
    from grassroots.documents import rules as document_rules
    from grassroots.documents.models import DocumentType, IssuingBodyKind
    from grassroots.documents.services import document_issue
    from grassroots.documents.spec import Recipients
    from grassroots.units import selectors as unit_selectors
    from grassroots.voting.rules.forms import FORM_NUMBERS, Decree59Form, form_missing_fields

    moment = now or clock.now()
    today = clock.localdate(moment)
    members = [name.strip() for name in front_committee if name.strip()]
    with transaction.atomic():
        locked = _locked_election(election)
        _check_organiser(locked, actor, today)
        if locked.candidate_minutes_document_id is not None:
            raise _fail("decisions.election.minutes_issued")
        # The minutes record the official list: only once it is fixed, and not before the day it was fixed.
        if locked.candidates_fixed_on is None or locked.candidates_fixed_on > today:
            raise _fail("decisions.election.candidates_not_fixed")
        candidates = list(locked.candidates.filter(is_from_floor=False))
        values = {
            "date": today,
            "election_date": locked.election_date,
            "front_committee": members,
            "candidates": [c.full_name for c in candidates],
        }
        missing = form_missing_fields(Decree59Form.CANDIDATE_LIST_MINUTES, values)
        if "candidates" in missing:
            raise _fail("decisions.election.no_candidate")
        if missing:
            raise _fail("decisions.election.front_committee_required")
        _refuse(rules.check_candidate_minutes_signers(members))
        _refuse(rules.check_milestone(rules.Milestone.CANDIDATES, done_on=today, election_date=locked.election_date))
        commune = unit_selectors.commune_of(locked.community)
        commune_name = commune.name if commune else ""
        body: list[dict[str, Any]] = [
            {
                "type": "paragraph",
                "text": (
                    f"Hôm nay, ngày {today.day:02d} tháng {today.month:02d} năm {today.year}, Ban công tác Mặt trận "
                    f"{locked.community.name} họp lập danh sách người ứng cử {locked.get_kind_display()}, "
                    f"sau khi thống nhất với chi ủy chi bộ."
                ),
            },
            {
                "type": "section",
                "title": "Thành phần",
                "children": [{"type": "bullet", "text": f"{name};"} for name in members],
            },
            {
                "type": "section",
                "title": "Danh sách chính thức người ứng cử",
                "children": [
                    {
                        "type": "table",
                        "header": ["TT", "Họ và tên", "Hộ gia đình"],
                        "rows": [
                            [
                                str(i),
                                c.full_name,
                                c.resident.household.code if c.resident and c.resident.household else "",
                            ]
                            for i, c in enumerate(candidates, 1)
                        ],
                        "widths": [1, 5, 2],
                    }
                ],
            },
            {
                "type": "paragraph",
                "text": (
                    f"Ngày bầu: {locked.election_date:%d/%m/%Y}. Số người được bầu: {locked.seats:02d}. "
                    f"{FORM_NUMBERS[Decree59Form.CANDIDATE_LIST_MINUTES]} ban hành kèm theo Nghị định số "
                    "59/2023/NĐ-CP ngày 14 tháng 8 năm 2023 của Chính phủ."
                ),
            },
        ]
        document = document_issue(
            kind=DocumentType.MINUTES,
            issuer=locked.community,
            issuing_body=IssuingBodyKind.COMMUNITY,
            summary=f"Danh sách người ứng cử {locked.get_kind_display()}",
            body=body,
            signer=[
                document_rules.minutes_signature(title="TRƯỞNG BAN CÔNG TÁC MẶT TRẬN", signer_name=members[0]),
                document_rules.minutes_signature(title="THƯ KÝ", signer_name=members[-1]),
            ],
            recipients=Recipients(copies=(f"UBND {commune_name}", f"Ủy ban MTTQ Việt Nam {commune_name}", "Lưu")),
            actor=actor,
            is_public=True,
            now=moment,
        )
        locked.candidate_minutes_document_id = document.pk
        locked.save(update_fields=["candidate_minutes_document_id", "updated_at"])
        audit_record(
            code="decisions.election.candidate_minutes_issued",
            actor=actor,
            unit=locked.community_id,
            obj=locked,
            after={"document": document.pk, "candidates": values["candidates"]},
            now=moment,
        )
    return document
