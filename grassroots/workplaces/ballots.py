"""Staff ballots: the decision by ballots to all staff when the conference cannot decide ([L] arts 50(2), 68).

Writes of one kind, apart from ``services`` (which passed 1,200 lines). The guarantees:

- the roll is the staff on the opening day, frozen in ``StaffBallotRollEntry`` and ``roll_size``; a person
  added to the register later has no roll entry and cannot return a ballot;
- one ballot per person: every return names its roll entry (one-to-one) and ``(ballot, staff_member)`` is
  unique, so a second return is refused by the database even around this code;
- a secret ballot's return records that the person voted, never what: the counting team enters the totals
  per choice, which must equal the returns, and the totals are all that is ever stored.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction

from grassroots.core import clock
from grassroots.core.services import audit_record, state_change
from grassroots.documents.models import DocumentType
from grassroots.documents.services import document_issue
from grassroots.documents.spec import Recipients
from grassroots.units.models import Organisation
from grassroots.workplaces import rules, selectors
from grassroots.workplaces.models import (
    BallotChoice,
    ConferenceKind,
    ConferenceStatus,
    StaffBallot,
    StaffBallotGround,
    StaffBallotReturn,
    StaffBallotRollEntry,
    StaffBallotStatus,
    StaffDecisionMatter,
    StaffMember,
)
from grassroots.workplaces.services.base import _enforce, _refused, _unit, democracy_regime_of, refuse
from grassroots.workplaces.services.resolutions import LEGAL_BASES, _signer


def pass_base() -> str:
    """The share a staff ballot needs (UNCERTAIN, ``rules.BALLOT_PASS_BASES``), read from the settings."""
    base = str(getattr(settings, "GRASSROOTS_STAFF_BALLOT_PASS_BASE", rules.BALLOT_PASS_BASE_ROLL))
    return base if base in rules.BALLOT_PASS_BASES else rules.BALLOT_PASS_BASE_ROLL


def _snapshot(ballot: StaffBallot) -> dict[str, Any]:
    return {
        "status": ballot.status,
        "ground": ballot.ground,
        "is_secret": ballot.is_secret,
        "roll_size": ballot.roll_size,
        "opens_on": ballot.opens_on,
        "closes_on": ballot.closes_on,
    }


def staff_ballot_create(
    *,
    organisation: Organisation,
    ground: str,
    work_year: int,
    union_agreed_on: dt.date,
    matter: str,
    title: str,
    text: str,
    opens_on: dt.date,
    closes_on: dt.date,
    is_secret: bool = False,
    force_majeure_reason: str = "",
    actor: Any,
    now: dt.datetime | None = None,
) -> StaffBallot:
    """Prepare ballots to all staff, on a ground the law accepts, after agreeing with the union executive.

    Two failed convenings: the second annual conference of ``work_year`` without quorum is named as the ground.
    The election or dismissal of the People's Inspection Board is always secret (``rules.secret_required``).
    """
    moment = now or clock.now()
    today = clock.localdate(moment)
    if matter not in StaffDecisionMatter.values:
        matter = StaffDecisionMatter.OTHER
    if ground not in StaffBallotGround.values:
        raise refuse("workplaces.ballot.reason_required")
    title = " ".join(title.split())
    if not title:
        raise refuse("workplaces.staff.name_required")
    if union_agreed_on > today:
        raise refuse("workplaces.date_in_future")
    if closes_on < opens_on or opens_on < union_agreed_on:
        raise refuse("workplaces.ballot.dates")
    with transaction.atomic():
        Organisation.objects.select_for_update().get(pk=organisation.pk)
        failed = selectors.failed_convenings(organisation, work_year, ConferenceKind.ANNUAL)
        _enforce(
            rules.check_ballot_ground(
                ground=ground, failed_convenings=failed, force_majeure_reason=force_majeure_reason
            )
        )
        failed_conference = None
        if ground == StaffBallotGround.TWO_FAILED_CONVENINGS:
            failed_conference = (
                selectors.conferences_of(organisation)
                .filter(work_year=work_year, kind=ConferenceKind.ANNUAL, status=ConferenceStatus.NO_QUORUM)
                .order_by("-convening", "-scheduled_on")
                .first()
            )
        ballot = StaffBallot.objects.create(
            organisation=organisation,
            ground=ground,
            work_year=work_year,
            failed_conference=failed_conference,
            force_majeure_reason=force_majeure_reason.strip() if ground == StaffBallotGround.FORCE_MAJEURE else "",
            union_agreed_on=union_agreed_on,
            matter=matter,
            title=title[:300],
            text=text.strip(),
            is_secret=is_secret or rules.secret_required(matter),
            opens_on=opens_on,
            closes_on=closes_on,
            created_by=actor,
        )
        audit_record(
            code="workplaces.ballot.created",
            actor=actor,
            unit=organisation.unit_id,
            obj=ballot,
            after={**_snapshot(ballot), "matter": matter, "title": ballot.title, "failed": failed},
            now=moment,
        )
    return ballot


def _lock(ballot: StaffBallot) -> StaffBallot:
    return (
        StaffBallot.objects.select_for_update().select_related("organisation", "organisation__unit").get(pk=ballot.pk)
    )


def staff_ballot_open(*, ballot: StaffBallot, actor: Any, now: dt.datetime | None = None) -> StaffBallot:
    """Send the ballots out: the roll is frozen to the staff on this day, and only they may return one."""
    moment = now or clock.now()
    today = clock.localdate(moment)
    with transaction.atomic():
        locked = _lock(ballot)
        _enforce(rules.check_ballot_transition(locked.status, StaffBallotStatus.OPEN))
        if not locked.opens_on <= today <= locked.closes_on:
            raise refuse("workplaces.ballot.outside_period")
        members = list(selectors.staff_on(locked.organisation_id, today).values_list("pk", flat=True))
        if not members:
            raise refuse("workplaces.conference.empty_roll")
        StaffBallotRollEntry.objects.bulk_create(
            [StaffBallotRollEntry(ballot=locked, staff_member_id=pk) for pk in members], batch_size=1000
        )
        locked.roll_size = len(members)
        locked.opened_at = moment
        state_change(
            locked,
            code="workplaces.ballot.opened",
            actor=actor,
            unit=locked.organisation.unit_id,
            snapshot=_snapshot,
            now=moment,
            target=StaffBallotStatus.OPEN,
            check=rules.check_ballot_transition,
            refused=_refused,
        )
    return locked


def staff_ballot_return_record(
    *, ballot: StaffBallot, staff_member: StaffMember, choice: str = "", actor: Any, now: dt.datetime | None = None
) -> StaffBallotReturn:
    """Record one returned ballot of a person of the roll, once, before the deadline.

    An open ballot carries the person's choice; a secret ballot carries none (the counting team counts them).
    """
    moment = now or clock.now()
    with transaction.atomic():
        locked = _lock(ballot)
        if locked.status != StaffBallotStatus.OPEN:
            raise refuse("workplaces.ballot.not_open")
        if clock.localdate(moment) > locked.closes_on:
            raise refuse("workplaces.ballot.outside_period")
        if locked.is_secret and choice:
            raise refuse("workplaces.ballot.secret_choice")
        if not locked.is_secret and choice not in BallotChoice.values:
            raise refuse("workplaces.ballot.choice_required")
        entry = StaffBallotRollEntry.objects.filter(ballot=locked, staff_member_id=staff_member.pk).first()
        if entry is None:
            raise refuse("workplaces.attendance.not_on_roll")
        try:
            with transaction.atomic():
                row = StaffBallotReturn.objects.create(
                    ballot=locked,
                    staff_member_id=staff_member.pk,
                    roll_entry=entry,
                    choice="" if locked.is_secret else choice,
                    recorded_at=moment,
                    entered_by=actor,
                )
        except IntegrityError as error:
            raise refuse("workplaces.ballot.already_returned") from error
        after: dict[str, Any] = {"staff_member": staff_member.pk}
        if not locked.is_secret:
            after["choice"] = choice
        audit_record(
            code="workplaces.ballot.returned",
            actor=actor,
            unit=locked.organisation.unit_id,
            obj=locked,
            after=after,
            now=moment,
        )
    return row


def open_ballot_totals(ballot: StaffBallot) -> dict[str, int]:
    """The totals of an open (signed) ballot, counted from the returns by the database."""
    returns = StaffBallotReturn.objects.filter(ballot=ballot)
    return {
        "votes_for": returns.filter(choice=BallotChoice.FOR).count(),
        "votes_against": returns.filter(choice=BallotChoice.AGAINST).count(),
        "votes_abstain": returns.filter(choice=BallotChoice.ABSTAIN).count(),
        "votes_invalid": 0,
    }


def _minutes_body(ballot: StaffBallot, returned: int, passed: bool, base: str) -> list[dict[str, Any]]:
    ground = (
        f"Hội nghị triệu tập lần thứ hai ngày {ballot.failed_conference.scheduled_on:%d/%m/%Y} không đủ số người dự"
        if ballot.failed_conference is not None
        else f"Không tổ chức được hội nghị: {ballot.force_majeure_reason}"
    )
    needed = (
        "trên một nửa tổng số người được phát phiếu"
        if base == rules.BALLOT_PASS_BASE_ROLL
        else ("trên một nửa số phiếu thu về")
    )
    return [
        {
            "type": "section",
            "title": "Căn cứ lấy phiếu",
            "children": [
                {
                    "type": "paragraph",
                    "text": (
                        f"{ground}; người đứng đầu đã thống nhất với Ban chấp hành công đoàn ngày "
                        f"{ballot.union_agreed_on:%d/%m/%Y} ({rules.ballot_article(ballot.organisation.kind)} "
                        "Luật Thực hiện dân chủ ở cơ sở)."
                    ),
                }
            ],
        },
        {
            "type": "section",
            "title": "Nội dung lấy phiếu",
            "children": [{"type": "paragraph", "text": ballot.text or ballot.title}],
        },
        {
            "type": "section",
            "title": "Kết quả kiểm phiếu",
            "children": [
                {
                    "type": "table",
                    "header": ["Phát ra", "Thu về", "Đồng ý", "Không đồng ý", "Không có ý kiến", "Không hợp lệ"],
                    "rows": [
                        [
                            str(ballot.roll_size),
                            str(returned),
                            str(ballot.votes_for),
                            str(ballot.votes_against),
                            str(ballot.votes_abstain),
                            str(ballot.votes_invalid or 0),
                        ]
                    ],
                    "widths": [2, 2, 2, 2, 2, 2],
                },
                {
                    "type": "paragraph",
                    "text": f"Kết quả: {'thông qua' if passed else 'không thông qua'} (cần {needed} đồng ý)."
                    + (" Phiếu kín." if ballot.is_secret else ""),
                },
            ],
        },
    ]


def staff_ballot_count(
    *,
    ballot: StaffBallot,
    votes_for: int | None = None,
    votes_against: int | None = None,
    votes_abstain: int | None = None,
    votes_invalid: int | None = None,
    actor: Any,
    now: dt.datetime | None = None,
) -> StaffBallot:
    """Count after the deadline (or once every person returned a ballot), issue the count's minutes and make the
    result known inside the organisation (A12 / S8 through ``disclosures``).

    An open ballot is counted from its returns (typed totals are ignored); a secret ballot's totals are entered
    by the counting team and must add up to the ballots returned.
    """
    from grassroots.disclosures import services as disclosure_services
    from grassroots.disclosures.models import DisclosureCategory

    moment = now or clock.now()
    with transaction.atomic():
        locked = _lock(ballot)
        _enforce(rules.check_ballot_transition(locked.status, StaffBallotStatus.COUNTED))
        returned = StaffBallotReturn.objects.filter(ballot=locked).count()
        roll_size = locked.roll_size or 0
        if clock.localdate(moment) <= locked.closes_on and returned < roll_size:
            raise refuse("workplaces.ballot.too_early")
        if locked.is_secret:
            totals = {
                "votes_for": int(votes_for or 0),
                "votes_against": int(votes_against or 0),
                "votes_abstain": int(votes_abstain or 0),
                "votes_invalid": int(votes_invalid or 0),
            }
        else:
            totals = open_ballot_totals(locked)
        _enforce(
            rules.check_ballot_count(
                returned=returned,
                votes_for=totals["votes_for"],
                votes_against=totals["votes_against"],
                votes_abstain=totals["votes_abstain"],
                invalid=totals["votes_invalid"],
            )
        )
        for field, value in totals.items():
            setattr(locked, field, value)
        base = pass_base()
        passed = rules.ballot_passes(votes_for=totals["votes_for"], roll_size=roll_size, returned=returned, base=base)
        organisation = locked.organisation
        summary = f"Kiểm phiếu lấy ý kiến cán bộ, người lao động: {locked.title}"
        locked.minutes_document = document_issue(
            kind=DocumentType.MINUTES,
            issuer=organisation,
            summary=summary[:250],
            body=_minutes_body(locked, returned, passed, base),
            signer=_signer(organisation, actor),
            recipients=Recipients(
                copies=("Ban chấp hành công đoàn", "Toàn thể cán bộ, người lao động"), archive_unit="VP"
            ),
            legal_bases=LEGAL_BASES,
            signer_user=actor,
            actor=actor,
            now=moment,
        )
        minutes = locked.minutes_document
        with minutes.pdf_file.open("rb") as handle:
            pdf = handle.read()
        disclosure = disclosure_services.disclosure_create(
            unit=organisation.unit,
            organisation=organisation,
            category=DisclosureCategory.objects.get(
                code=rules.resolution_category(organisation.kind, democracy_regime_of(organisation))
            ),
            title=f"Kết quả lấy phiếu: {locked.title}"[:300],
            body=(
                f"{'Thông qua' if passed else 'Không thông qua'}: {locked.votes_for} đồng ý, {locked.votes_against} "
                f"không đồng ý, {locked.votes_abstain} không có ý kiến; {roll_size} phiếu phát ra, "
                f"{returned} thu về."
            ),
            decision_number=f"{minutes.number}/{minutes.symbol}",
            decided_on=minutes.issued_on,
            attachments=[("bien-ban-kiem-phieu.pdf", pdf)],
            actor=actor,
            now=moment,
        )
        locked.result_disclosure = disclosure_services.disclosure_publish(
            disclosure=disclosure, actor=actor, now=moment
        )
        locked.counted_at = moment
        state_change(
            locked,
            code="workplaces.ballot.counted",
            actor=actor,
            unit=organisation.unit_id,
            snapshot=lambda item: {**_snapshot(item), "returned": returned, "passed": passed, **totals},
            now=moment,
            target=StaffBallotStatus.COUNTED,
            check=rules.check_ballot_transition,
            refused=_refused,
        )
    return locked


def staff_ballot_cancel(*, ballot: StaffBallot, actor: Any, now: dt.datetime | None = None) -> StaffBallot:
    moment = now or clock.now()
    with transaction.atomic():
        locked = _lock(ballot)
        state_change(
            locked,
            code="workplaces.ballot.cancelled",
            actor=actor,
            unit=_unit(locked.organisation),
            snapshot=_snapshot,
            now=moment,
            target=StaffBallotStatus.CANCELLED,
            check=rules.check_ballot_transition,
            refused=_refused,
        )
    return locked


def ballot_passed(ballot: StaffBallot) -> bool | None:
    """The outcome of a counted ballot by the one rule, or None before the count."""
    if ballot.counted_at is None:
        return None
    returned = StaffBallotReturn.objects.filter(ballot=ballot).count()
    return rules.ballot_passes(
        votes_for=ballot.votes_for or 0, roll_size=ballot.roll_size or 0, returned=returned, base=pass_base()
    )
