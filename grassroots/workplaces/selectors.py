"""Reads of the workplaces app: organisations of a person, headcount on a day, the roll, the year's obligations."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from grassroots.accounts.models import RoleMembership
from grassroots.units.models import Organisation, StaffHeadcount
from grassroots.workplaces import rules
from grassroots.workplaces.models import (
    Attendance,
    Conference,
    ConferenceDelegate,
    ConferenceFormat,
    ConferenceKind,
    ConferenceStatus,
    DialogueKind,
    DialogueMember,
    DialogueMemberList,
    DialogueStatus,
    StaffBallot,
    StaffBallotGround,
    StaffBallotRollEntry,
    StaffBallotStatus,
    StaffMember,
    WorkplaceDialogue,
    WorkplaceProfile,
)


def organisations_of(user: Any, day: dt.date) -> QuerySet[Organisation]:
    """Organisations in which ``user`` holds a role on ``day`` (every organisation for a superuser)."""
    if getattr(user, "is_superuser", False):
        return Organisation.objects.select_related("unit").order_by("name")
    ids = RoleMembership.objects.active_on(day).filter(user_id=user.pk, organisation__isnull=False)
    return Organisation.objects.filter(pk__in=ids.values("organisation_id")).select_related("unit").order_by("name")


def profile_of(organisation: Organisation) -> WorkplaceProfile:
    """The organisation's profile, or an unsaved one with the defaults (work year ending 31/12)."""
    found = WorkplaceProfile.objects.filter(organisation=organisation).first()
    return found or WorkplaceProfile(organisation=organisation)


def staff_on(organisation: Organisation | int, day: dt.date) -> QuerySet[StaffMember]:
    return StaffMember.objects.filter(organisation=organisation).active_on(day)


def authorisation_on(organisation: Organisation | int, deputy: StaffMember | int, day: dt.date) -> Any | None:
    """The head's written authorisation that lets ``deputy`` act for the head on ``day`` (the latest), or None."""
    from grassroots.workplaces.models import HeadAuthorisation

    return (
        HeadAuthorisation.objects.filter(
            organisation=organisation, deputy=deputy, valid_from__lte=day, valid_until__gte=day
        )
        .order_by("-valid_from", "-pk")
        .first()
    )


def authorisations(organisation: Organisation) -> QuerySet[Any]:
    from grassroots.workplaces.models import HeadAuthorisation

    return HeadAuthorisation.objects.filter(organisation=organisation).select_related("deputy")


def headcount_on(organisation: Organisation, day: dt.date) -> int:
    """Staff counted on ``day``: the register when it has anyone, else the headcount recorded in ``units``."""
    if StaffMember.objects.filter(organisation=organisation).exists():
        return staff_on(organisation, day).count()
    recorded = (
        StaffHeadcount.objects.filter(organisation=organisation, effective_from__lte=day)
        .order_by("-effective_from")
        .values_list("headcount", flat=True)
        .first()
    )
    return int(recorded or 0)


def roll_members(conference: Conference) -> QuerySet[StaffMember]:
    """Who is summoned: the delegates of a delegates' conference, else all staff on the conference day."""
    if conference.format == ConferenceFormat.DELEGATES:
        ids = ConferenceDelegate.objects.filter(conference=conference).values("staff_member_id")
        return StaffMember.objects.filter(pk__in=ids)
    return staff_on(conference.organisation_id, conference.scheduled_on)


def counted_attendance(conference: Conference) -> QuerySet[Attendance]:
    """The attendance that counts: rows of the roll written before attendance was closed.

    A row written after closing (only possible around the services, by hand in the database) never
    counts: the quorum is the roll's attendance at the moment of closing.
    """
    rows = Attendance.objects.filter(conference=conference, staff_member__in=roll_members(conference))
    if conference.attendance_closed_at is not None:
        rows = rows.filter(recorded_at__lte=conference.attendance_closed_at)
    return rows


def present_count(conference: Conference) -> int:
    return counted_attendance(conference).count()


def outcome(conference: Conference) -> rules.ConferenceOutcome:
    """Quorum of the conference as the law counts it, computed from the rows (never from a stored flag)."""
    return rules.conference_outcome(headcount=conference.roll_size or 0, present=present_count(conference), votes_for=0)


def conferences_of(organisation: Organisation) -> QuerySet[Conference]:
    return Conference.objects.filter(organisation=organisation).order_by("-scheduled_on", "-pk")


def failed_convenings(organisation: Organisation, work_year: int, kind: str) -> int:
    return Conference.objects.filter(
        organisation=organisation, work_year=work_year, kind=kind, status=ConferenceStatus.NO_QUORUM
    ).count()


@dataclass(frozen=True)
class Obligation:
    """One line of an organisation's yearly calendar: what the law asks, by when, and whether it is done."""

    code: str
    label: str
    due_on: dt.date | None
    done_on: dt.date | None
    is_required: bool
    citation: str

    def state(self, today: dt.date) -> str:
        if self.done_on is not None:
            return "done"
        if self.due_on is not None and today > self.due_on:
            return "late" if self.is_required else "optional"
        return "due" if self.is_required else "optional"


def member_list_in_force(organisation: Organisation, day: dt.date) -> DialogueMemberList | None:
    """The dialogue member list in force on ``day``: the latest fixed on or before it and not yet expired."""
    return (
        DialogueMemberList.objects.filter(organisation=organisation, fixed_on__lte=day, valid_until__gte=day)
        .order_by("-fixed_on", "-pk")
        .first()
    )


def list_members(member_list: DialogueMemberList | None) -> list[DialogueMember]:
    """The members of a dialogue list, employer side first, the legal representative at its head."""
    if member_list is None:
        return []
    return list(
        DialogueMember.objects.filter(member_list=member_list)
        .select_related("staff_member")
        .order_by("side", "-is_legal_representative", "staff_member__full_name")
    )


def delegates_of(conference: Conference) -> QuerySet[StaffMember]:
    ids = ConferenceDelegate.objects.filter(conference=conference).values("staff_member_id")
    return StaffMember.objects.filter(pk__in=ids).order_by("division", "full_name")


def ballot_not_returned(ballot: StaffBallot) -> QuerySet[StaffMember]:
    """People of the frozen roll who have not returned their ballot yet."""
    roll = StaffBallotRollEntry.objects.filter(ballot=ballot, ballot_return__isnull=True).values("staff_member_id")
    return StaffMember.objects.filter(pk__in=roll)


def ballots_of(organisation: Organisation) -> QuerySet[StaffBallot]:
    return StaffBallot.objects.filter(organisation=organisation).order_by("-opens_on", "-pk")


def annual_conference_done_on(organisation: Organisation, work_year: int) -> dt.date | None:
    """The day the annual conference of ``work_year`` was held, or (after two convenings without quorum) the
    day staff ballots replacing it were counted ([L] art. 50(2))."""
    counted = (
        StaffBallot.objects.filter(
            organisation=organisation,
            work_year=work_year,
            ground=StaffBallotGround.TWO_FAILED_CONVENINGS,
            status=StaffBallotStatus.COUNTED,
        )
        .order_by("counted_at")
        .values_list("counted_at", flat=True)
        .first()
    )
    held = _conference_held_on(organisation, work_year)
    if counted is not None:
        from grassroots.core import clock

        counted_on = clock.localdate(counted)
        return min(held, counted_on) if held else counted_on
    return held


def _conference_held_on(organisation: Organisation, work_year: int) -> dt.date | None:
    issued = (
        Conference.objects.filter(
            organisation=organisation,
            work_year=work_year,
            kind=ConferenceKind.ANNUAL,
            status__in=[ConferenceStatus.ISSUED, ConferenceStatus.HELD],
        )
        .order_by("scheduled_on")
        .values_list("scheduled_on", flat=True)
        .first()
    )
    return issued


def _annual_conference(organisation: Organisation, work_year: int, end_month: int, today: dt.date) -> Obligation:
    due = rules.annual_conference_due_on(work_year, end_month)
    headcount = headcount_on(organisation, min(today, due))
    return Obligation(
        code="annual_conference",
        label=_("Hội nghị cán bộ, người lao động tổng kết năm %(year)s") % {"year": work_year},
        due_on=due,
        done_on=annual_conference_done_on(organisation, work_year),
        is_required=rules.conference_is_required(headcount),
        citation="Điều 51, Điều 69 Luật số 10/2022/QH15",
    )


def _overdue_conferences(
    organisation: Organisation, current_work_year: int, end_month: int, today: dt.date
) -> list[Obligation]:
    """Annual conferences of earlier work years that were required and never held since the organisation was
    registered on the platform: they stay on this year's
    calendar (and the dashboard) as late, code ``annual_conference_overdue``, until held, or explained by staff
    ballots counted for that year (two failed convenings, or force majeure with its reason; [L] arts 50(2),
    68(2)), looking back ``rules.OVERDUE_CONFERENCE_LOOKBACK_YEARS`` years."""
    found = []
    # Before the organisation was registered here the platform cannot know whether a conference was held (it may
    # have been, on paper): only deadlines from its registration on are carried over.
    from grassroots.core import clock

    registered_on = clock.localdate(organisation.created_at) if organisation.created_at else None
    for work_year in range(current_work_year - rules.OVERDUE_CONFERENCE_LOOKBACK_YEARS, current_work_year):
        item = _annual_conference(organisation, work_year, end_month, today)
        if item.due_on is None or item.due_on >= today or not item.is_required or item.done_on is not None:
            continue
        if registered_on is not None and item.due_on < registered_on:
            continue
        if StaffBallot.objects.filter(
            organisation=organisation, work_year=work_year, status=StaffBallotStatus.COUNTED
        ).exists():
            continue  # decided by staff ballots instead (two failed convenings or force majeure, recorded)
        found.append(
            Obligation(
                code="annual_conference_overdue",
                label=_("Quá hạn: hội nghị cán bộ, người lao động tổng kết năm %(year)s chưa tổ chức")
                % {"year": work_year},
                due_on=item.due_on,
                done_on=None,
                is_required=True,
                citation=item.citation,
            )
        )
    return found


def obligations(organisation: Organisation, year: int, today: dt.date) -> list[Obligation]:
    """The year's obligations of an organisation: the annual conference of the work year whose
    deadline falls in ``year``, the six-monthly checks of its resolution, and (employers) the periodic dialogue."""
    profile = profile_of(organisation)
    work_year = rules.conference_work_year_due_in(year, profile.work_year_end_month)
    items = [_annual_conference(organisation, work_year, profile.work_year_end_month, today)]
    if year == today.year:
        items[:0] = _overdue_conferences(organisation, work_year, profile.work_year_end_month, today)
    # The six-monthly check follows the annual conference's resolution ([L] arts 52(3), 70(3)): an extraordinary
    # conference issued later does not take its place on the calendar.
    last = (
        Conference.objects.filter(organisation=organisation, status=ConferenceStatus.ISSUED, kind=ConferenceKind.ANNUAL)
        .order_by("-issued_at")
        .first()
    )
    if last is not None and last.issued_at is not None:
        from grassroots.core import clock

        issued_on = clock.localdate(last.issued_at)
        checks = list(last.reviews.order_by("reviewed_on").values_list("reviewed_on", flat=True))
        label = _("Kiểm tra 6 tháng việc thực hiện nghị quyết hội nghị năm %(year)s") % {"year": last.work_year}
        citation = "Khoản 3 Điều 52, khoản 3 Điều 70 Luật số 10/2022/QH15"
        if checks:
            # The latest check recorded is shown done, against the due date it answered.
            before = checks[-2] if len(checks) > 1 else issued_on
            items.append(
                Obligation(
                    code="resolution_review",
                    label=label,
                    due_on=rules.review_due_on(before),
                    done_on=checks[-1],
                    is_required=True,
                    citation=citation,
                )
            )
        items.append(
            Obligation(
                code="resolution_review",
                label=label,
                due_on=rules.review_due_on(checks[-1] if checks else issued_on),
                done_on=None,
                is_required=True,
                citation=citation,
            )
        )
    if rules.holds_dialogue(organisation_kind=organisation.kind):
        held = (
            WorkplaceDialogue.objects.filter(
                organisation=organisation,
                kind=DialogueKind.PERIODIC,
                year=year,
                status__in=[DialogueStatus.HELD, DialogueStatus.PUBLISHED],
            )
            .order_by("held_on")
            .values_list("held_on", flat=True)
            .first()
        )
        items.append(
            Obligation(
                code="periodic_dialogue",
                label=_("Đối thoại định kỳ tại nơi làm việc năm %(year)s") % {"year": year},
                due_on=rules.periodic_dialogue_due_on(year),
                done_on=held,
                is_required=True,
                citation="Điểm a khoản 2 Điều 63 Bộ luật Lao động; Điều 73 Luật số 10/2022/QH15",
            )
        )
        latest = (
            DialogueMemberList.objects.filter(organisation=organisation, fixed_on__lte=today)
            .order_by("-fixed_on", "-pk")
            .first()
        )
        if latest is None or latest.fixed_on.year == year or latest.valid_until.year <= year:
            fixed_now = latest is not None and latest.fixed_on.year == year
            items.append(
                Obligation(
                    code="dialogue_members",
                    label=_("Xác định, công khai danh sách thành viên đối thoại (ít nhất 2 năm một lần)"),
                    due_on=None if latest is None else (latest.fixed_on if fixed_now else latest.valid_until),
                    done_on=latest.fixed_on if fixed_now and latest is not None else None,
                    is_required=True,
                    citation="Khoản 3 Điều 38 Nghị định số 145/2020/NĐ-CP",
                )
            )
    if year == today.year:
        from grassroots.oversight.models import Post

        for found in ineligible_board_members(organisation, today):
            posts = ", ".join(str(Post(post).label).lower() for post in found.posts)
            items.append(
                Obligation(
                    code=f"board_member_ineligible:{found.member.pk}",
                    label=_(
                        "Thành viên Ban Thanh tra nhân dân %(name)s nay là %(posts)s: không còn đủ điều kiện, "
                        "đề nghị hội nghị cho thôi và bầu bổ sung"
                    )
                    % {"name": found.member.full_name, "posts": posts},
                    due_on=today,
                    done_on=None,
                    is_required=True,
                    citation="Khoản 2 Điều 60, khoản 2 Điều 77 Luật số 10/2022/QH15",
                )
            )
    return items


def inspection_board_hook(organisation: Organisation) -> Any | None:
    """The organisation's People's Inspection Board in the ``oversight`` app ([L] arts 60–63, 75–81): the latest
    board not ended, shown on the conference page (agenda item 5, the board's report), or None."""
    from grassroots.oversight.models import Board, BoardStatus

    return (
        Board.objects.filter(organisation=organisation)
        .exclude(status=BoardStatus.ENDED)
        .order_by("-term_start", "-pk")
        .first()
    )


@dataclass(frozen=True)
class IneligibleMember:
    """A board member who now holds a barred post in the staff register."""

    member: Any
    staff: StaffMember
    posts: tuple[str, ...]


def ineligible_board_members(organisation: Organisation, on: dt.date) -> list[IneligibleMember]:
    """Members of the organisation's People's Inspection Board, on the board on ``on``, whom the staff register now
    shows as the head, a deputy head, the chief accountant (or, for an enterprise, the legal representative or a
    manager): they no longer qualify ([L] arts 60(2), 77(2)) and the conference should replace them.

    A board member is matched to the register by the same full name among the staff working on ``on`` (the board
    keeps names, not register codes)."""
    board = inspection_board_hook(organisation)
    if board is None:
        return []
    members = [member for member in board.members.all() if member.is_active_on(on)]
    if not members:
        return []
    names = {" ".join(member.full_name.split()).casefold() for member in members}
    staff_by_name: dict[str, list[StaffMember]] = {}
    for staff in staff_on(organisation, on).filter(Q(is_head=True) | ~Q(post__in=["", "none"])):
        key = " ".join(staff.full_name.split()).casefold()
        if key in names:
            staff_by_name.setdefault(key, []).append(staff)
    found = []
    for member in members:
        for staff in staff_by_name.get(" ".join(member.full_name.split()).casefold(), []):
            posts = rules.barred_posts(board_kind=board.kind, is_head=staff.is_head, post=staff.post)
            if posts:
                found.append(IneligibleMember(member=member, staff=staff, posts=tuple(posts)))
    return found


def register_headcount(organisation: Organisation, on: dt.date) -> int | None:
    """The headcount ``oversight`` sizes an organisation's board with (3–9 members; none at ≤ 7 staff): the
    staff register on ``on`` when the organisation keeps one here, else None (oversight falls back to its own)."""
    if not StaffMember.objects.filter(organisation=organisation).exists():
        return None
    return staff_on(organisation, on).count()
