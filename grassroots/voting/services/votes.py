"""Writes of the vote engine: create, schedule, open (freeze the denominator), record, close, recognise.

Every service runs in ``transaction.atomic``, checks ``rules``, writes, and appends an audit event
in the same transaction. Refusals raise ``DomainError(code, message)``.

Concurrency: one household, one vote is the database's job (``decisions_one_vote_per_household``);
a duplicate insert raises ``IntegrityError`` inside a savepoint and becomes ``decisions.vote.already_voted``.
Closing locks the vote row ``FOR UPDATE``; a cast's participation insert holds a key-share lock on the
same row (its foreign key), so close waits for casts in flight, and a cast that started before the
close re-reads the status after its insert and refuses if the vote closed meanwhile.
"""

from __future__ import annotations

import datetime as dt
import secrets
import uuid
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from grassroots.accounts import selectors as account_selectors
from grassroots.calendar import selectors as calendar_selectors
from grassroots.core import clock
from grassroots.core.errors import DomainError, RuleResult
from grassroots.core.services import audit_record
from grassroots.units import selectors as unit_selectors
from grassroots.units.models import AdministrativeUnit, Household, UnitLevel
from grassroots.voting import rules
from grassroots.voting.models import (
    Channel,
    ClusterSession,
    CommunityVote,
    DeliveryMethod,
    DocumentDelivery,
    IssuedBallot,
    MeetingAttendance,
    MeetingOfficer,
    OfficerRole,
    Scope,
    SecretChoice,
    VoteForm,
    VoteOption,
    VoteParticipation,
    VotePurpose,
    VoteStatus,
)

MESSAGES: Mapping[str, Any] = {
    "decisions.form.not_allowed": _("Nội dung này không được quyết định bằng hình thức đã chọn."),
    "decisions.form.scope_not_allowed": _("Nội dung này không được biểu quyết trong phạm vi toàn xã."),
    "decisions.form.needs_failed_meeting": _(
        "Chỉ phát phiếu khi cuộc họp không đủ số hộ để thông qua (Luật 10/2022, Điều 19)."
    ),
    "decisions.form.needs_online_adoption": _(
        "Cộng đồng phải chọn hình thức biểu quyết trực tuyến (trên 50% tổng số hộ) trước."
    ),
    "decisions.convenor.wrong_role": _("Bạn không phải là người có thẩm quyền triệu tập nội dung này."),
    "decisions.convenor.head_is_front_head": _(
        "Trưởng thôn đồng thời là Trưởng Ban công tác Mặt trận: Chủ tịch UBND xã triệu tập cuộc họp này "
        "sau khi thống nhất với Chủ tịch Ủy ban MTTQ xã (Nghị định 59, Điều 3 khoản 1)."
    ),
    "decisions.convenor.front_agreement_missing": _(
        "Chủ tịch UBND xã cần thống nhất với Chủ tịch Ủy ban MTTQ xã trước khi triệu tập cuộc họp này."
    ),
    "decisions.vote.wrong_unit": _("Đơn vị không phù hợp với phạm vi biểu quyết."),
    "decisions.vote.bad_transition": _("Thao tác này không thực hiện được ở trạng thái hiện tại."),
    "decisions.vote.options": _("Cần ít nhất hai lựa chọn khác nhau."),
    "decisions.vote.ends_before_start": _("Thời điểm kết thúc phải sau thời điểm bắt đầu."),
    "decisions.vote.too_early": _("Chưa đến thời điểm mở biểu quyết."),
    "decisions.vote.not_open": _("Cuộc biểu quyết không ở trạng thái đang biểu quyết."),
    "decisions.vote.outside_period": _("Ngoài thời gian biểu quyết."),
    "decisions.vote.already_voted": _("Hộ này đã biểu quyết; mỗi hộ chỉ một phiếu."),
    "decisions.vote.not_eligible": _("Hộ này không có trong danh sách hộ của cuộc biểu quyết."),
    "decisions.vote.bad_option": _("Lựa chọn không hợp lệ."),
    "decisions.vote.wrong_channel": _("Kênh ghi nhận không phù hợp với hình thức biểu quyết."),
    "decisions.vote.not_representative": _("Chỉ người đại diện hộ được biểu quyết trực tuyến cho hộ."),
    "decisions.vote.not_present": _("Hộ này chưa được điểm danh có mặt."),
    "decisions.vote.no_ballot": _("Hộ này chưa được phát phiếu."),
    "decisions.vote.choice_required": _("Cần chọn một phương án."),
    "decisions.vote.still_running": _("Chưa hết thời gian biểu quyết."),
    "decisions.vote.tally_mismatch": _("Số phiếu không khớp với số hộ đã biểu quyết."),
    "decisions.vote.officers_missing": _("Cuộc họp chưa biểu quyết chọn thư ký (và tổ kiểm phiếu nếu bỏ phiếu kín)."),
    "decisions.vote.count_not_secret": _("Chỉ nhập kết quả kiểm phiếu cho cuộc bỏ phiếu kín."),
    "decisions.vote.count_negative": _("Số phiếu không được âm."),
    "decisions.vote.children_open": _("Còn thôn, tổ dân phố chưa kết thúc biểu quyết."),
    "decisions.vote.reachable": _("Số hộ có mặt vẫn đủ để thông qua; chưa cần chuyển sang phát phiếu."),
    "decisions.vote.not_meeting": _("Chỉ cuộc họp mới chuyển được sang phát phiếu."),
    "decisions.vote.no_recognition": _("Nội dung này không cần công nhận; có hiệu lực từ ngày biểu quyết."),
    "decisions.vote.not_passed": _("Nội dung không được thông qua nên không có gì để công nhận."),
    "decisions.vote.not_recogniser": _("Bạn không có thẩm quyền công nhận kết quả này."),
    "decisions.vote.reason_required": _("Cần nêu lý do không công nhận."),
    "decisions.vote.effective_date_required": _("Cần ấn định ngày có hiệu lực."),
    "decisions.vote.attendance_locked": _("Hộ đã biểu quyết thì không bỏ điểm danh được."),
    "decisions.meeting.notice_too_late": _("Thông báo họp phải gửi trước ít nhất 2 ngày (Nghị định 59, Điều 3)."),
    "decisions.meeting.documents_missing": _("Với nội dung D1–D3, phải gửi tài liệu đến từng hộ trước khi họp."),
    "decisions.meeting.documents_too_late": _("Tài liệu phải đến từng hộ trước ít nhất 2 ngày."),
    "decisions.meeting.documents_not_delivered": _(
        "Chưa khai mạc được: còn %(missing)s/%(households)s hộ chưa được ghi nhận nhận tài liệu trước ngày họp "
        "ít nhất %(days)s ngày (Nghị định 59, Điều 3 khoản 4). Hãy ghi sổ giao tài liệu cho các hộ này "
        "hoặc dời ngày họp."
    ),
    "decisions.delivery.not_needed": _("Chỉ cuộc họp về nội dung D1–D3 mới phải giao tài liệu đến từng hộ."),
    "decisions.delivery.locked": _("Cuộc họp đã khai mạc; không sửa sổ giao tài liệu được nữa."),
    "decisions.delivery.future": _("Ngày giao tài liệu không được sau hôm nay."),
    "decisions.delivery.not_in_community": _("Hộ này không thuộc thôn, tổ dân phố của cuộc họp."),
    "decisions.meeting.session_required": _("Cuộc họp chia theo cụm: hãy chọn phiên họp cụm trước khi điểm danh."),
    "decisions.meeting.wrong_session": _("Phiên họp cụm không thuộc cuộc họp này."),
    "decisions.meeting.board_size": _("Tổ kiểm phiếu gồm từ 3 đến 5 người."),
    "decisions.meeting.witnesses": _("Cần đúng 2 đại diện hộ gia đình chứng kiến kiểm phiếu."),
    "decisions.meeting.officers_not_approved": _("Cần quá nửa số hộ có mặt tán thành."),
    "decisions.meeting.secretary_required": _("Cần nhập họ tên thư ký."),
    "decisions.meeting.huong_uoc_quorum": _("Biểu quyết hương ước cần quá nửa số hộ có mặt (Nghị định 61, Điều 10)."),
    "decisions.meeting.cluster_not_allowed": _("Chỉ họp theo cụm khi thôn có từ 200 hộ trở lên hoặc dân cư phân tán."),
    "decisions.ballot.notice_too_late": _("Phải công khai việc phát phiếu trước ít nhất 2 ngày."),
    "decisions.team.size": _("Tổ phát phiếu / tổ biểu quyết trực tuyến gồm từ 3 đến 5 người."),
}


def message_for(code: str, params: Mapping[str, Any], messages: Mapping[str, Any] | None = None) -> str:
    """The Vietnamese message of ``code``, with its ``%(name)s`` placeholders filled from ``params``."""
    text = str((messages or MESSAGES).get(code, code))
    if "%(" in text:
        try:
            return text % dict(params)
        except (KeyError, TypeError, ValueError):
            return text
    return text


def refuse(result: RuleResult) -> None:
    """Raise the Vietnamese message of a refused rule."""
    if not result.allowed:
        raise DomainError(result.code, message_for(result.code, result.params), **result.params)


def fail(code: str, **params: Any) -> DomainError:
    return DomainError(code, message_for(code, params), **params)


def _local_date(moment: dt.datetime) -> dt.date:
    return clock.localdate(moment)


def _snapshot(vote: CommunityVote) -> dict[str, Any]:
    return {
        "status": vote.status,
        "matter": vote.matter,
        "form": vote.form,
        "eligible_count": vote.eligible_count,
        "yes_count": vote.yes_count,
        "required_yes": vote.required_yes,
        "passed": vote.passed,
    }


def _transition(vote: CommunityVote, target: str, *, actor: Any, moment: dt.datetime, verb: str) -> None:
    refuse_code = rules.check_transition("vote", vote.status, target)
    if not refuse_code:
        raise fail("decisions.vote.bad_transition", current=vote.status, target=target)
    before = _snapshot(vote)
    vote.status = target
    vote.save()
    audit_record(
        code=f"decisions.vote.{verb}",
        actor=actor,
        unit=vote.unit_id,
        obj=vote,
        before=before,
        after=_snapshot(vote),
        now=moment,
    )


def _locked(vote: CommunityVote) -> CommunityVote:
    return CommunityVote.objects.select_for_update().get(pk=vote.pk)


DEFAULT_OPTIONS: Sequence[tuple[str, Any, bool]] = (
    ("agree", _("Đồng ý"), True),
    ("disagree", _("Không đồng ý"), False),
    ("other", _("Ý kiến khác"), False),
)
"""Agree / disagree / other ([ND59] art. 5(3) for online votes; the same for meetings and ballots)."""


def vote_threshold(vote: CommunityVote) -> rules.Threshold:
    """The threshold this vote is judged by (reads the UNCERTAIN commune-child setting)."""
    return rules.threshold_for_vote(
        matter=vote.matter,
        scope=vote.scope,
        purpose=vote.purpose,
        in_commune_vote=vote.parent_id is not None,
        commune_child_threshold=str(
            getattr(
                settings,
                "DECISIONS_COMMUNE_MATTER_COMMUNITY_THRESHOLD",
                rules.COMMUNE_MATTER_COMMUNITY_THRESHOLD_DEFAULT,
            )
        ),
    )


def holds_role(user: Any, role: str, unit: AdministrativeUnit | int, on: dt.date) -> bool:
    if getattr(user, "is_superuser", False):
        return True
    return account_selectors.has_role(user, role, unit, on)


def online_form_adopted(community: AdministrativeUnit | int, on: dt.date | None = None) -> bool:
    """Whether the community adopted the online form: a passed online-adoption vote ([ND59] art. 5(2)(c))."""
    return CommunityVote.objects.filter(
        unit=community,
        purpose=VotePurpose.ONLINE_ADOPTION,
        passed=True,
        status__in=[VoteStatus.CLOSED, VoteStatus.SUBMITTED, VoteStatus.RECOGNISED],
    ).exists()


COMMUNE_CONVENOR_ROLES = frozenset({rules.Convenor.COMMUNE_CHAIR.value})
"""Convenor roles held at the commune level."""


def vote_create(
    *,
    unit: AdministrativeUnit,
    matter: str,
    form: str,
    title: str,
    question: str,
    starts_at: dt.datetime,
    convenor_role: str,
    actor: Any,
    scope: str = Scope.COMMUNITY,
    purpose: str = VotePurpose.MATTER,
    ends_at: dt.datetime | None = None,
    is_secret: bool = False,
    options: Sequence[tuple[str, str, bool]] | None = None,
    moved_from: CommunityVote | None = None,
    parent: CommunityVote | None = None,
    check_convenor_role: bool = True,
    head_is_front_head: bool = False,
    front_chair_agreed: bool = False,
    now: dt.datetime | None = None,
) -> CommunityVote:
    """Create a vote in ``draft``: checks unit level, the form matrix and who convenes.

    ``options`` are ``(key, label, counts_as_yes)``; default agree / disagree / other.
    ``check_convenor_role=False`` is for engine callers that checked authority themselves (elections).
    ``head_is_front_head`` / ``front_chair_agreed``: the convenor exception of [ND59] art. 3(1) (the commune
    Chair convenes a dismissal when the village head is also the Front work-committee head).
    """
    moment = now or clock.now()
    today = _local_date(moment)
    expected_level = UnitLevel.COMMUNE if scope == Scope.COMMUNE else UnitLevel.COMMUNITY
    if unit.level != expected_level:
        raise fail("decisions.vote.wrong_unit")
    if ends_at is not None and ends_at <= starts_at:
        raise fail("decisions.vote.ends_before_start")
    has_failed_meeting = (
        moved_from is not None
        and moved_from.form == VoteForm.MEETING
        and moved_from.matter == matter
        and moved_from.unit_id == unit.pk
    )
    if parent is None:
        refuse(
            rules.check_form(
                matter=matter,
                scope=scope,
                form=form,
                has_failed_meeting=has_failed_meeting,
                online_adopted=form == VoteForm.ONLINE and online_form_adopted(unit),
            )
        )
    if check_convenor_role:
        refuse(
            rules.check_convenor(
                matter=matter,
                scope=scope,
                purpose=purpose,
                role=convenor_role,
                head_is_front_head=head_is_front_head,
                front_chair_agreed=front_chair_agreed,
            )
        )
        # Commune roles are held at the commune, not in the community the meeting belongs to.
        role_unit = (
            unit_selectors.commune_of(unit) or unit
            if convenor_role in COMMUNE_CONVENOR_ROLES and unit.level == UnitLevel.COMMUNITY
            else unit
        )
        if not holds_role(actor, convenor_role, role_unit, today):
            raise fail("decisions.convenor.wrong_role")
    chosen = list(options) if options is not None else [(k, str(label), y) for k, label, y in DEFAULT_OPTIONS]
    if len(chosen) < 2 or len({key for key, _label, _yes in chosen}) != len(chosen):
        raise fail("decisions.vote.options")
    with transaction.atomic():
        vote = CommunityVote.objects.create(
            unit=unit,
            parent=parent,
            matter=matter,
            scope=scope,
            form=form,
            purpose=purpose,
            title=title,
            question=question,
            is_secret=is_secret,
            convened_by=actor,
            convenor_role=convenor_role,
            starts_at=starts_at,
            ends_at=ends_at,
            moved_from=moved_from,
        )
        VoteOption.objects.bulk_create(
            VoteOption(vote=vote, key=key, label=label, position=index, counts_as_yes=yes)
            for index, (key, label, yes) in enumerate(chosen)
        )
        if form == VoteForm.ONLINE:
            vote.adoption_vote = (
                CommunityVote.objects.filter(unit=unit, purpose=VotePurpose.ONLINE_ADOPTION, passed=True)
                .order_by("-closed_at")
                .first()
            )
            vote.save(update_fields=["adoption_vote"])
        audit_record(
            code="decisions.vote.created",
            actor=actor,
            unit=unit,
            obj=vote,
            after={
                **_snapshot(vote),
                "title": title,
                "scope": scope,
                "purpose": purpose,
                "moved_from": vote.moved_from_id,
            },
            now=moment,
        )
    return vote


def commune_vote_create(
    *,
    commune: AdministrativeUnit,
    matter: str,
    form: str,
    title: str,
    question: str,
    starts_at: dt.datetime,
    actor: Any,
    ends_at: dt.datetime | None = None,
    now: dt.datetime | None = None,
) -> CommunityVote:
    """A commune-wide D1/D2 vote ([L] arts 16(1), 21(1)): a parent plus one child vote per community.

    The commune Chair decides content and form; each village head then runs the child vote.
    """
    moment = now or clock.now()
    with transaction.atomic():
        parent = vote_create(
            unit=commune,
            matter=matter,
            form=form,
            title=title,
            question=question,
            starts_at=starts_at,
            ends_at=ends_at,
            scope=Scope.COMMUNE,
            convenor_role=rules.Convenor.COMMUNE_CHAIR.value,
            actor=actor,
            now=moment,
        )
        for community in unit_selectors.communities_of(commune, _local_date(moment)):
            vote_create(
                unit=community,
                matter=matter,
                form=form,
                title=title,
                question=question,
                starts_at=starts_at,
                ends_at=ends_at,
                convenor_role=rules.Convenor.VILLAGE_HEAD.value,
                parent=parent,
                check_convenor_role=False,
                actor=actor,
                now=moment,
            )
    return parent


def vote_officer_add(
    *,
    vote: CommunityVote,
    role: str,
    full_name: str,
    actor: Any,
    household: Household | None = None,
    is_leader: bool = False,
    now: dt.datetime | None = None,
) -> MeetingOfficer:
    """Add a ballot-team or online-team member (before the vote is scheduled)."""
    moment = now or clock.now()
    with transaction.atomic():
        locked = _locked(vote)
        if locked.status != VoteStatus.DRAFT:
            raise fail("decisions.vote.bad_transition", current=locked.status, target=locked.status)
        officer = MeetingOfficer.objects.create(
            vote=locked, role=role, full_name=full_name.strip(), household=household, is_leader=is_leader
        )
        audit_record(
            code="decisions.vote.officer_added",
            actor=actor,
            unit=locked.unit_id,
            obj=locked,
            after={"role": role, "full_name": officer.full_name, "household": getattr(household, "pk", None)},
            now=moment,
        )
    return officer


def vote_schedule(
    *,
    vote: CommunityVote,
    notice_given_at: dt.datetime,
    actor: Any,
    documents_delivered_at: dt.datetime | None = None,
    plan_issued_on: dt.date | None = None,
    now: dt.datetime | None = None,
) -> CommunityVote:
    """Record the notice (meeting) or public announcement (ballots, online) and schedule the vote."""
    moment = now or clock.now()
    with transaction.atomic():
        locked = _locked(vote)
        start_day = _local_date(locked.starts_at)
        notice_day = _local_date(notice_given_at)
        if locked.form == VoteForm.MEETING:
            refuse(rules.check_meeting_notice(notice_on=notice_day, meeting_on=start_day))
            if documents_delivered_at is not None and rules.needs_documents(
                matter=locked.matter, purpose=locked.purpose
            ):
                # The single delivery date is the fallback for "every household on the same day": it is
                # checked now and written as one delivery record per household (checked again at opening).
                delivered_on = _local_date(documents_delivered_at)
                refuse(
                    rules.check_documents_delivered(
                        matter=locked.matter, delivered_on=delivered_on, meeting_on=start_day
                    )
                )
                _deliveries_write(
                    locked,
                    list(unit_selectors.households_active_on(locked.unit_id, delivered_on)),
                    delivered_on=delivered_on,
                    method=DeliveryMethod.OTHER,
                    actor=actor,
                    moment=moment,
                )
        else:
            refuse(rules.check_ballot_notice(notice_on=notice_day, distribution_on=start_day))
            if locked.scope == Scope.COMMUNITY:
                team_role = OfficerRole.ONLINE_TEAM if locked.form == VoteForm.ONLINE else OfficerRole.BALLOT_TEAM
                refuse(rules.check_team_size(locked.officers.filter(role=team_role).count()))
        locked.notice_given_at = notice_given_at
        locked.documents_delivered_at = documents_delivered_at
        locked.plan_issued_on = plan_issued_on
        _transition(locked, VoteStatus.SCHEDULED, actor=actor, moment=moment, verb="scheduled")
    return locked


def vote_open(*, vote: CommunityVote, actor: Any, now: dt.datetime | None = None) -> CommunityVote:
    """Open voting and freeze the denominator: active households (or communities) on this day.

    Household ballot campaigns get one numbered ballot per household, in household-code order.
    """
    moment = now or clock.now()
    today = _local_date(moment)
    with transaction.atomic():
        locked = _locked(vote)
        if today < _local_date(locked.starts_at):
            raise fail("decisions.vote.too_early")
        if locked.scope == Scope.COMMUNE:
            locked.eligible_count = unit_selectors.communities_of(locked.unit_id, today).count()
        else:
            # The same active-on-date rule as every household count (units.selectors).
            locked.eligible_count = unit_selectors.active_household_count(locked.unit_id, today)
        locked.eligible_on = today
        locked.opened_at = moment
        if (
            locked.form == VoteForm.MEETING
            and locked.scope == Scope.COMMUNITY
            and rules.needs_documents(matter=locked.matter, purpose=locked.purpose)
        ):
            refuse(
                rules.check_documents_all_delivered(
                    matter=locked.matter,
                    households=locked.eligible_count,
                    delivered_in_time=documents_delivered_in_time(locked, on=today),
                )
            )
        _transition(locked, VoteStatus.OPEN, actor=actor, moment=moment, verb="opened")
        if locked.form == VoteForm.HOUSEHOLD_BALLOT and locked.scope == Scope.COMMUNITY:
            households = unit_selectors.households_active_on(locked.unit_id, today).order_by("code")
            IssuedBallot.objects.bulk_create(
                IssuedBallot(vote=locked, household_id=pk, number=index)
                for index, pk in enumerate(households.values_list("pk", flat=True), start=1)
            )
    return locked


# --- Documents delivered to each household before a D1–D3 meeting ([ND59] art. 3(4)) -------------


def documents_delivered_in_time(vote: CommunityVote, *, on: dt.date) -> int:
    """Households active on ``on`` whose documents arrived ≥ 2 days before the meeting day."""
    latest = rules.documents_latest_day(_local_date(vote.starts_at))
    households = unit_selectors.households_active_on(vote.unit_id, on)
    return DocumentDelivery.objects.filter(
        vote=vote, delivered_on__lte=latest, household_id__in=households.values("pk")
    ).count()


def _deliveries_write(
    vote: CommunityVote,
    households: Sequence[Household],
    *,
    delivered_on: dt.date,
    method: str,
    actor: Any,
    moment: dt.datetime,
) -> int:
    """Upsert one delivery record per household (the latest entry wins)."""
    existing = {d.household_id: d for d in DocumentDelivery.objects.filter(vote=vote, household__in=households)}
    changed = []
    for delivery in existing.values():
        delivery.delivered_on, delivery.method = delivered_on, method
        delivery.recorded_by, delivery.recorded_at = actor, moment
        changed.append(delivery)
    DocumentDelivery.objects.bulk_update(changed, ["delivered_on", "method", "recorded_by", "recorded_at"])
    DocumentDelivery.objects.bulk_create(
        DocumentDelivery(
            vote=vote,
            household=household,
            delivered_on=delivered_on,
            method=method,
            recorded_by=actor,
            recorded_at=moment,
        )
        for household in households
        if household.pk not in existing
    )
    return len(households)


def _delivery_target(vote: CommunityVote, moment: dt.datetime) -> CommunityVote:
    locked = _locked(vote)
    if locked.form != VoteForm.MEETING or not rules.needs_documents(matter=locked.matter, purpose=locked.purpose):
        raise fail("decisions.delivery.not_needed")
    if locked.status not in (VoteStatus.DRAFT, VoteStatus.SCHEDULED):
        raise fail("decisions.delivery.locked")
    return locked


def documents_deliveries_record(
    *,
    vote: CommunityVote,
    delivered_on: dt.date,
    method: str,
    actor: Any,
    households: Sequence[Household] | None = None,
    except_households: Sequence[Household] = (),
    now: dt.datetime | None = None,
) -> int:
    """Record that the meeting documents reached households on ``delivered_on``; returns how many.

    ``households=None`` means every household active in the community today, minus ``except_households``
    (the ones not reached that day, recorded one by one later). Allowed while the meeting is being
    prepared (draft or scheduled); opening the meeting checks the register ([ND59] art. 3(4)).
    """
    moment = now or clock.now()
    today = _local_date(moment)
    if delivered_on > today:
        raise fail("decisions.delivery.future")
    with transaction.atomic():
        locked = _delivery_target(vote, moment)
        if households is None:
            chosen = list(unit_selectors.households_active_on(locked.unit_id, today).order_by("code"))
        else:
            chosen = list(households)
        if any(household.community_id != locked.unit_id for household in [*chosen, *except_households]):
            raise fail("decisions.delivery.not_in_community")
        skipped = {household.pk for household in except_households}
        chosen = [household for household in chosen if household.pk not in skipped]
        count = _deliveries_write(locked, chosen, delivered_on=delivered_on, method=method, actor=actor, moment=moment)
        audit_record(
            code="decisions.meeting.documents_delivered",
            actor=actor,
            unit=locked.unit_id,
            obj=locked,
            after={
                "delivered_on": delivered_on,
                "method": method,
                "count": count,
                "households": [household.pk for household in chosen] if households is not None else "all",
                "except": sorted(skipped),
            },
            now=moment,
        )
    return count


def documents_delivery_clear(
    *, vote: CommunityVote, household: Household, actor: Any, now: dt.datetime | None = None
) -> bool:
    """Remove a household's delivery record (entered by mistake); returns whether one existed."""
    moment = now or clock.now()
    with transaction.atomic():
        locked = _delivery_target(vote, moment)
        deleted, _rows = DocumentDelivery.objects.filter(vote=locked, household=household).delete()
        if deleted:
            audit_record(
                code="decisions.meeting.documents_delivery_cleared",
                actor=actor,
                unit=locked.unit_id,
                obj=locked,
                after={"household": household.pk},
                now=moment,
            )
    return bool(deleted)


def _eligible_household(vote: CommunityVote, household: Household) -> bool:
    if household.community_id != vote.unit_id or vote.eligible_on is None:
        return False
    day = vote.eligible_on
    return household.active_from <= day and (household.active_until is None or day < household.active_until)


_CHANNELS_BY_FORM: Mapping[str, frozenset[str]] = {
    VoteForm.MEETING: frozenset({Channel.MEETING_HANDS, Channel.MEETING_BALLOT}),
    VoteForm.HOUSEHOLD_BALLOT: frozenset({Channel.PAPER_BALLOT}),
    VoteForm.ONLINE: frozenset({Channel.ONLINE}),
}


def vote_cast(
    *,
    vote: CommunityVote,
    household: Household,
    channel: str,
    actor: Any,
    option_key: str | None = None,
    other_opinion: str = "",
    session: ClusterSession | None = None,
    now: dt.datetime | None = None,
) -> VoteParticipation:
    """Record one household's vote, whatever the channel; a second one is refused by the database.

    Online: the actor must be the household's representative. Meeting hands / ballots and returned
    paper ballots are entered by staff on the household's behalf (``is_on_behalf``). In a secret vote
    the choice goes to ``SecretChoice`` with nothing that links it to the household; a secret meeting
    or paper ballot may also be recorded without an option and counted later (``vote_count_ballots``).
    """
    moment = now or clock.now()
    current = CommunityVote.objects.get(pk=vote.pk)
    if current.status != VoteStatus.OPEN:
        raise fail("decisions.vote.not_open")
    if channel not in _CHANNELS_BY_FORM[current.form]:
        raise fail("decisions.vote.wrong_channel")
    if current.form != VoteForm.MEETING and (
        moment < current.starts_at or (current.ends_at is not None and moment > current.ends_at)
    ):
        raise fail("decisions.vote.outside_period")
    if not _eligible_household(current, household):
        raise fail("decisions.vote.not_eligible")
    is_on_behalf = True
    if channel == Channel.ONLINE:
        representative_user = (
            household.representative.user_id if household.representative_id and household.representative else None
        )
        if representative_user is None or representative_user != getattr(actor, "pk", None):
            raise fail("decisions.vote.not_representative")
        is_on_behalf = False
    option: VoteOption | None = None
    if option_key is not None:
        option = current.options.filter(key=option_key).first()
        if option is None:
            raise fail("decisions.vote.bad_option")
    elif not current.is_secret or channel == Channel.ONLINE:
        raise fail("decisions.vote.choice_required")
    with transaction.atomic():
        if current.form == VoteForm.MEETING:
            attendance = current.attendances.filter(household=household).first()
            if attendance is None:
                raise fail("decisions.vote.not_present")
            if session is not None and session.vote_id != current.pk:
                raise fail("decisions.meeting.wrong_session")
            # The household votes in the cluster session it was registered in (per-session counts).
            if session is None and attendance.session_id is not None:
                session = attendance.session
            if current.matter == "D3" and current.purpose == VotePurpose.MATTER:
                attending = current.attendances.count()
                if not rules.huong_uoc_quorum(present=attending, eligible=current.eligible_count or 0):
                    raise fail("decisions.meeting.huong_uoc_quorum")
        if channel == Channel.PAPER_BALLOT and not current.ballots.filter(household=household).exists():
            raise fail("decisions.vote.no_ballot")
        try:
            with transaction.atomic():
                participation = VoteParticipation.objects.create(
                    vote=current,
                    household=household,
                    channel=channel,
                    option=None if current.is_secret else option,
                    other_opinion="" if current.is_secret else other_opinion,
                    entered_by=actor,
                    is_on_behalf=is_on_behalf,
                    session=session,
                    recorded_at=moment,
                )
        except IntegrityError as error:
            raise fail("decisions.vote.already_voted") from error
        if current.is_secret and option is not None:
            SecretChoice.objects.create(id=uuid.uuid4(), vote=current, option=option, other_opinion=other_opinion)
        # Our insert waited for any close in progress (it locks the vote row); re-read the status.
        if not CommunityVote.objects.filter(pk=current.pk, status=VoteStatus.OPEN).exists():
            raise fail("decisions.vote.not_open")
        after: dict[str, Any] = {
            "household": household.pk,
            "channel": channel,
            "entered_by": getattr(actor, "pk", None),
            "is_on_behalf": is_on_behalf,
        }
        if not current.is_secret:
            after["option"] = option_key
        # A secret vote's audit event names the household but never the choice.
        audit_record(
            code="decisions.vote.participation_recorded",
            actor=actor,
            unit=current.unit_id,
            obj=participation,
            after=after,
            now=moment,
        )
    return participation


def vote_count_ballots(
    *, vote: CommunityVote, counts: Mapping[str, int], actor: Any, now: dt.datetime | None = None
) -> int:
    """The counting board enters counted secret ballots (per option) as anonymous choices; returns how many."""
    moment = now or clock.now()
    with transaction.atomic():
        locked = _locked(vote)
        if not locked.is_secret:
            raise fail("decisions.vote.count_not_secret")
        if locked.status != VoteStatus.OPEN:
            raise fail("decisions.vote.not_open")
        options = {option.key: option for option in locked.options.all()}
        if any(key not in options for key in counts):
            raise fail("decisions.vote.bad_option")
        if any(value < 0 for value in counts.values()):
            raise fail("decisions.vote.count_negative")
        rows = [
            SecretChoice(id=uuid.uuid4(), vote=locked, option=options[key])
            for key, value in counts.items()
            for _ in range(value)
        ]
        secrets.SystemRandom().shuffle(rows)
        SecretChoice.objects.bulk_create(rows, batch_size=5000)
        audit_record(
            code="decisions.vote.ballots_counted",
            actor=actor,
            unit=locked.unit_id,
            obj=locked,
            after={"counts": dict(counts)},
            now=moment,
        )
    return len(rows)


def meeting_attendance_set(
    *,
    vote: CommunityVote,
    household: Household,
    present: bool,
    actor: Any,
    session: ClusterSession | None = None,
    now: dt.datetime | None = None,
) -> bool:
    """Mark a household present (or not) in the meeting's attendance register; idempotent."""
    moment = now or clock.now()
    with transaction.atomic():
        current = CommunityVote.objects.get(pk=vote.pk)
        if current.form != VoteForm.MEETING or current.status != VoteStatus.OPEN:
            raise fail("decisions.vote.not_open")
        if not _eligible_household(current, household):
            raise fail("decisions.vote.not_eligible")
        if session is not None and session.vote_id != current.pk:
            raise fail("decisions.meeting.wrong_session")
        if present and session is None and current.sessions.exists():
            raise fail("decisions.meeting.session_required")
        existing = MeetingAttendance.objects.filter(vote=current, household=household)
        if present == existing.exists():
            return present
        if present:
            try:
                with transaction.atomic():
                    MeetingAttendance.objects.create(
                        vote=current, household=household, session=session, recorded_by=actor
                    )
            except IntegrityError:
                return True
        else:
            if current.participations.filter(household=household).exists():
                raise fail("decisions.vote.attendance_locked")
            existing.delete()
        audit_record(
            code="decisions.meeting.attendance_" + ("marked" if present else "unmarked"),
            actor=actor,
            unit=current.unit_id,
            obj=current,
            after={"household": household.pk, "present": present, "session": getattr(session, "pk", None)},
            now=moment,
        )
    return present


def meeting_officers_approve(
    *,
    vote: CommunityVote,
    secretary: str,
    approving: int,
    actor: Any,
    counting_board: Sequence[str] = (),
    witnesses: Sequence[Household] = (),
    now: dt.datetime | None = None,
) -> CommunityVote:
    """Record the secretary (and counting board with 2 household witnesses) approved by > 50% present."""
    moment = now or clock.now()
    with transaction.atomic():
        locked = _locked(vote)
        if locked.form != VoteForm.MEETING or locked.status != VoteStatus.OPEN:
            raise fail("decisions.vote.not_open")
        if not secretary.strip():
            raise fail("decisions.meeting.secretary_required")
        present = locked.attendances.count()
        board = [name.strip() for name in counting_board if name.strip()]
        if locked.is_secret or board or witnesses:
            refuse(
                rules.check_officers(
                    counting_board=len(board), witnesses=len(witnesses), approving=approving, present=present
                )
            )
        elif not rules.procedural_majority(approving=approving, present=present):
            raise fail("decisions.meeting.officers_not_approved")
        locked.officers.filter(
            role__in=[OfficerRole.SECRETARY, OfficerRole.COUNTING_BOARD, OfficerRole.WITNESS]
        ).delete()
        MeetingOfficer.objects.create(vote=locked, role=OfficerRole.SECRETARY, full_name=secretary.strip())
        for index, name in enumerate(board):
            MeetingOfficer.objects.create(
                vote=locked, role=OfficerRole.COUNTING_BOARD, full_name=name, is_leader=index == 0
            )
        for household in witnesses:
            name = household.representative.full_name if household.representative else household.code
            MeetingOfficer.objects.create(vote=locked, role=OfficerRole.WITNESS, full_name=name, household=household)
        locked.officers_approved_yes = approving
        locked.save(update_fields=["officers_approved_yes", "updated_at"])
        audit_record(
            code="decisions.meeting.officers_approved",
            actor=actor,
            unit=locked.unit_id,
            obj=locked,
            after={
                "secretary": secretary.strip(),
                "board": board,
                "witnesses": [h.pk for h in witnesses],
                "approving": approving,
                "present": present,
            },
            now=moment,
        )
    return locked


def cluster_session_add(
    *,
    vote: CommunityVote,
    name: str,
    chair_name: str,
    held_at: dt.datetime,
    actor: Any,
    now: dt.datetime | None = None,
) -> ClusterSession:
    """Add a cluster session to a meeting of a large or scattered community ([L] art. 18(3))."""
    moment = now or clock.now()
    with transaction.atomic():
        locked = _locked(vote)
        if locked.form != VoteForm.MEETING or locked.status not in (
            VoteStatus.DRAFT,
            VoteStatus.SCHEDULED,
            VoteStatus.OPEN,
        ):
            raise fail("decisions.vote.not_meeting")
        households = locked.eligible_count
        if households is None:
            households = unit_selectors.active_household_count(locked.unit_id, _local_date(moment))
        if not rules.may_cluster(households=households, is_scattered=locked.is_scattered_settlement):
            raise fail("decisions.meeting.cluster_not_allowed")
        session = ClusterSession.objects.create(vote=locked, name=name, chair_name=chair_name, held_at=held_at)
        locked.is_clustered = True
        locked.save(update_fields=["is_clustered", "updated_at"])
        audit_record(
            code="decisions.meeting.cluster_added",
            actor=actor,
            unit=locked.unit_id,
            obj=locked,
            after={"session": session.pk, "name": name, "chair": chair_name},
            now=moment,
        )
    return session


def _shuffle_secret_choices(vote: CommunityVote) -> int:
    """Rewrite a secret vote's choices in random order with fresh random keys (see ``SecretChoice``)."""
    rows = list(SecretChoice.objects.filter(vote=vote).values_list("option_id", "other_opinion"))
    SecretChoice.objects.filter(vote=vote).delete()
    secrets.SystemRandom().shuffle(rows)
    SecretChoice.objects.bulk_create(
        (
            SecretChoice(id=uuid.uuid4(), vote_id=vote.pk, option_id=option_id, other_opinion=text)
            for option_id, text in rows
        ),
        batch_size=5000,
    )
    return len(rows)


def _tally(vote: CommunityVote) -> tuple[int, int, dict[int, int]]:
    """(participations, choices, {option_id: count}), all counted by the database."""
    participations = VoteParticipation.objects.filter(vote=vote).count()
    grouped: Iterable[tuple[int, int]]
    if vote.is_secret:
        grouped = SecretChoice.objects.filter(vote=vote).values_list("option_id").annotate(n=Count("id"))
    else:
        grouped = (
            VoteParticipation.objects.filter(vote=vote, option__isnull=False)
            .values_list("option_id")
            .annotate(n=Count("id"))
        )
    counts: dict[int, int] = {int(option_id): int(n) for option_id, n in grouped}
    return participations, sum(counts.values()), counts


def vote_close(*, vote: CommunityVote, actor: Any, now: dt.datetime | None = None) -> CommunityVote:
    """Close voting, count, compute the outcome by [L] art. 21(1) and the submission deadline.

    Refuses while ballots or online voting still run (unless every household has voted), when the
    count of choices differs from the count of participating households, and for a meeting without
    approved officers. A commune-wide vote counts its communities that passed.
    """
    moment = now or clock.now()
    today = _local_date(moment)
    with transaction.atomic():
        locked = _locked(vote)
        if locked.status != VoteStatus.OPEN:
            raise fail("decisions.vote.bad_transition", current=locked.status, target=VoteStatus.CLOSED)
        eligible = locked.eligible_count or 0
        if locked.scope == Scope.COMMUNE:
            children = list(locked.children.all())
            if any(child.passed is None for child in children):
                raise fail("decisions.vote.children_open")
            yes = sum(1 for child in children if child.passed)
            locked.participation_count = locked.choice_count = len(children)
        else:
            if (
                locked.form == VoteForm.MEETING
                and locked.officers_approved_yes == 0
                and locked.purpose != VotePurpose.ELECTION
            ):
                raise fail("decisions.vote.officers_missing")
            if locked.is_secret:
                _shuffle_secret_choices(locked)
            participations, choices, counts = _tally(locked)
            running = locked.form != VoteForm.MEETING and locked.ends_at is not None and moment < locked.ends_at
            if running and participations < eligible:
                raise fail("decisions.vote.still_running")
            if participations != choices:
                raise fail("decisions.vote.tally_mismatch", participations=participations, choices=choices)
            options = list(locked.options.all())
            for option in options:
                option.count = counts.get(option.pk, 0)
            VoteOption.objects.bulk_update(options, ["count"])
            yes = sum(option.count or 0 for option in options if option.counts_as_yes)
            locked.participation_count = participations
            locked.choice_count = choices
            if locked.form == VoteForm.MEETING:
                locked.present_count = locked.attendances.count()
        threshold = vote_threshold(locked)
        locked.yes_count = yes
        locked.required_yes = rules.required_yes(threshold, eligible)
        locked.passed = rules.meets(threshold, min(yes, eligible), eligible)
        locked.closed_at = moment
        locked.submission_due = calendar_selectors.add_working_days(today, rules.SUBMISSION_WORKING_DAYS)
        if locked.passed and locked.purpose != VotePurpose.ELECTION:
            locked.effective_date = rules.effective_date(matter=locked.matter, scope=locked.scope, vote_date=today)
        _transition(locked, VoteStatus.CLOSED, actor=actor, moment=moment, verb="closed")
    return locked


def vote_move_to_ballots(
    *,
    vote: CommunityVote,
    starts_at: dt.datetime,
    ends_at: dt.datetime,
    actor: Any,
    now: dt.datetime | None = None,
) -> CommunityVote:
    """Move a meeting whose present households cannot reach the threshold to household ballots.

    [L] art. 19(1)(b): the new ballot campaign keeps a link to the failed meeting (``moved_from``).
    """
    moment = now or clock.now()
    with transaction.atomic():
        locked = _locked(vote)
        if locked.form != VoteForm.MEETING or locked.scope != Scope.COMMUNITY:
            raise fail("decisions.vote.not_meeting")
        present = locked.attendances.count()
        eligible = locked.eligible_count or 0
        if locked.status == VoteStatus.OPEN and rules.threshold_reachable(
            matter=locked.matter, eligible=eligible, present=present
        ):
            raise fail("decisions.vote.reachable")
        if locked.status == VoteStatus.CLOSED and (
            locked.passed or (locked.present_count or 0) >= (locked.required_yes or 0)
        ):
            raise fail("decisions.vote.reachable")
        locked.present_count = present
        _transition(locked, VoteStatus.MOVED_TO_BALLOTS, actor=actor, moment=moment, verb="moved_to_ballots")
        options = [(o.key, o.label, o.counts_as_yes) for o in locked.options.all()]
        campaign = vote_create(
            unit=locked.unit,
            matter=locked.matter,
            form=VoteForm.HOUSEHOLD_BALLOT,
            title=locked.title,
            question=locked.question,
            starts_at=starts_at,
            ends_at=ends_at,
            purpose=locked.purpose,
            is_secret=locked.is_secret,
            options=options,
            moved_from=locked,
            convenor_role=locked.convenor_role,
            check_convenor_role=False,
            actor=actor,
            now=moment,
        )
    return campaign


def vote_submit(*, vote: CommunityVote, actor: Any, now: dt.datetime | None = None) -> CommunityVote:
    """Send the result to the commune People's Committee and Front ([L] art. 20(3)); start the recognition clock."""
    moment = now or clock.now()
    with transaction.atomic():
        locked = _locked(vote)
        locked.submitted_at = moment
        if locked.passed and rules.needs_recognition(locked.matter, locked.scope):
            locked.recognition_due = calendar_selectors.add_working_days(
                _local_date(moment), rules.RECOGNITION_WORKING_DAYS
            )
        _transition(locked, VoteStatus.SUBMITTED, actor=actor, moment=moment, verb="submitted")
    return locked


RECOGNISER_ROLES: Mapping[str, tuple[str, ...]] = {
    rules.Recogniser.PEOPLES_COMMITTEE: ("commune_chair", "commune_vice_chair"),
    rules.Recogniser.FRONT: ("front_chair",),
}


def _check_recogniser(vote: CommunityVote, actor: Any, on: dt.date) -> None:
    recogniser = rules.recogniser_for(vote.matter, vote.scope)
    if recogniser is rules.Recogniser.NONE:
        raise fail("decisions.vote.no_recognition")
    commune = vote.unit if vote.scope == Scope.COMMUNE else unit_selectors.commune_of(vote.unit)
    if commune is None or not any(holds_role(actor, role, commune, on) for role in RECOGNISER_ROLES[recogniser]):
        raise fail("decisions.vote.not_recogniser")


def vote_recognise(
    *,
    vote: CommunityVote,
    actor: Any,
    effective_date: dt.date | None = None,
    now: dt.datetime | None = None,
) -> CommunityVote:
    """Recognise a passed result (People's Committee or Front by matter, [L] art. 21(2)).

    The effective date follows the rule: the recognition date for D3–D5; a date the committee sets
    for commune-wide D1/D2 (``effective_date`` required).
    """
    moment = now or clock.now()
    today = _local_date(moment)
    with transaction.atomic():
        locked = _locked(vote)
        if locked.status != VoteStatus.SUBMITTED:
            raise fail("decisions.vote.bad_transition", current=locked.status, target=VoteStatus.RECOGNISED)
        _check_recogniser(locked, actor, today)
        if not locked.passed:
            raise fail("decisions.vote.not_passed")
        rule = rules.scope_rule(locked.matter, locked.scope).effective
        if rule is rules.EffectiveRule.DATE_SET_BY_COMMITTEE and effective_date is None:
            raise fail("decisions.vote.effective_date_required")
        locked.recognised_at = moment
        locked.recognised_by = actor
        locked.effective_date = rules.effective_date(
            matter=locked.matter,
            scope=locked.scope,
            vote_date=_local_date(locked.closed_at or moment),
            recognition_date=today,
            committee_date=effective_date,
        )
        _transition(locked, VoteStatus.RECOGNISED, actor=actor, moment=moment, verb="recognised")
    return locked


def vote_refuse(*, vote: CommunityVote, reason: str, actor: Any, now: dt.datetime | None = None) -> CommunityVote:
    """Refuse recognition in writing with reasons ([L] art. 21(2))."""
    moment = now or clock.now()
    with transaction.atomic():
        locked = _locked(vote)
        if locked.status != VoteStatus.SUBMITTED:
            raise fail("decisions.vote.bad_transition", current=locked.status, target=VoteStatus.REFUSED)
        _check_recogniser(locked, actor, _local_date(moment))
        if not reason.strip():
            raise fail("decisions.vote.reason_required")
        locked.recognised_at = moment
        locked.recognised_by = actor
        locked.refusal_reason = reason.strip()
        locked.effective_date = None
        _transition(locked, VoteStatus.REFUSED, actor=actor, moment=moment, verb="refused")
    return locked


def vote_cancel(*, vote: CommunityVote, actor: Any, now: dt.datetime | None = None) -> CommunityVote:
    moment = now or clock.now()
    with transaction.atomic():
        locked = _locked(vote)
        _transition(locked, VoteStatus.CANCELLED, actor=actor, moment=moment, verb="cancelled")
    return locked


def households_for(vote: CommunityVote, codes: Iterable[str]) -> list[Household]:
    """Households of the vote's community by code (for commands and bulk entry)."""
    return list(Household.objects.filter(community_id=vote.unit_id, code__in=list(codes)).order_by("code"))


def meeting_convene(
    *,
    community: AdministrativeUnit,
    matter: str,
    title: str,
    question: str,
    starts_at: dt.datetime,
    notice_given_at: dt.datetime,
    actor: Any,
    documents_delivered_at: dt.datetime | None = None,
    is_secret: bool = False,
    convenor_role: str = "village_head",
    now: dt.datetime | None = None,
) -> CommunityVote:
    """Create a community meeting and record its notice in one step (what the village head does on a phone).

    ``documents_delivered_at`` (D1–D3) records that every household received the documents that day; when
    households were reached on different days, leave it empty and keep the delivery register on the
    meeting page (``documents_deliveries_record``) before opening.
    """
    moment = now or clock.now()
    with transaction.atomic():
        vote = vote_create(
            unit=community,
            matter=matter,
            form=VoteForm.MEETING,
            title=title,
            question=question,
            starts_at=starts_at,
            is_secret=is_secret,
            convenor_role=convenor_role,
            actor=actor,
            now=moment,
        )
        return vote_schedule(
            vote=vote,
            notice_given_at=notice_given_at,
            documents_delivered_at=documents_delivered_at,
            actor=actor,
            now=moment,
        )
