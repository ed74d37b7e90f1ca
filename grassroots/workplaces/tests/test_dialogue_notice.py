"""A periodic dialogue, or one on a matter the law names, is recorded as held only when its content went to the
other side at least 5 working days before (Decree 145 art. 39(3))."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from grassroots.accounts.models import User
from grassroots.core.errors import DomainError
from grassroots.units.models import Organisation
from grassroots.workplaces import services
from grassroots.workplaces.models import DialoguePresence, DialogueStatus, WorkplaceDialogue
from grassroots.workplaces.tests.conftest import NOW, VN, fix_dialogue_members, present_members

pytestmark = pytest.mark.django_db

DAY = dt.date(2027, 2, 1)
"""A Monday: exactly five working days before it is Monday 25/1/2027, four is Tuesday 26/1."""
HELD_AT = dt.datetime(2027, 2, 1, 15, 0, tzinfo=VN)


def _schedule(soe: Organisation, actor: User, kind: str = "periodic", **extra: Any) -> WorkplaceDialogue:
    return services.dialogue_schedule(
        organisation=soe, kind=kind, scheduled_on=DAY, topics="Tiền lương", actor=actor, now=NOW, **extra
    )


def _record(dialogue: WorkplaceDialogue, member_list: object, actor: User, **extra: Any) -> WorkplaceDialogue:
    return services.dialogue_record(
        dialogue=dialogue,
        present=present_members(member_list, workers=4),
        outcome="Thống nhất",
        actor=actor,
        now=HELD_AT,
        **extra,
    )


def test_content_sent_exactly_five_working_days_before_is_recorded(soe: Organisation, soe_director: User) -> None:
    member_list = fix_dialogue_members(soe, soe_director, workers=4)
    dialogue = _schedule(soe, soe_director, content_sent_on=dt.date(2027, 1, 25))
    assert _record(dialogue, member_list, soe_director).status == DialogueStatus.HELD


def test_content_filled_in_at_recording_exactly_five_working_days_before(soe: Organisation, soe_director: User) -> None:
    member_list = fix_dialogue_members(soe, soe_director, workers=4)
    dialogue = _schedule(soe, soe_director)
    held = _record(dialogue, member_list, soe_director, content_sent_on=dt.date(2027, 1, 25))
    assert (held.status, held.content_sent_on) == (DialogueStatus.HELD, dt.date(2027, 1, 25))


@pytest.mark.parametrize("kind", ["periodic", "matter"])
def test_attack_content_four_working_days_before_is_refused(soe: Organisation, soe_director: User, kind: str) -> None:
    member_list = fix_dialogue_members(soe, soe_director, workers=4)
    dialogue = _schedule(soe, soe_director, kind=kind)
    with pytest.raises(DomainError) as refusal:
        _record(dialogue, member_list, soe_director, content_sent_on=dt.date(2027, 1, 26))
    assert refusal.value.code == "workplaces.dialogue.content_late"
    dialogue.refresh_from_db()
    assert (dialogue.status, dialogue.content_sent_on) == (DialogueStatus.PLANNED, None)
    assert not DialoguePresence.objects.filter(dialogue=dialogue).exists()


@pytest.mark.parametrize("kind", ["periodic", "matter"])
def test_attack_no_content_sent_is_refused_without_a_partial_write(
    soe: Organisation, soe_director: User, kind: str
) -> None:
    member_list = fix_dialogue_members(soe, soe_director, workers=4)
    dialogue = _schedule(soe, soe_director, kind=kind)
    with pytest.raises(DomainError) as refusal:
        _record(dialogue, member_list, soe_director)
    assert refusal.value.code == "workplaces.dialogue.content_not_sent"
    assert "5 ngày làm việc" in str(refusal.value.message)
    dialogue.refresh_from_db()
    assert dialogue.status == DialogueStatus.PLANNED and dialogue.minutes_document is None
    assert not DialoguePresence.objects.filter(dialogue=dialogue).exists()


def test_a_dialogue_on_request_needs_no_prior_content(soe: Organisation, soe_director: User) -> None:
    member_list = fix_dialogue_members(soe, soe_director, workers=4)
    dialogue = _schedule(soe, soe_director, kind="on_request", request_supporters=2, requested_on=dt.date(2027, 1, 18))
    assert _record(dialogue, member_list, soe_director).status == DialogueStatus.HELD


def test_outcome_published_after_three_working_days_is_flagged_late(soe: Organisation, soe_director: User) -> None:
    from grassroots.calendar.rules import WorkingCalendar
    from grassroots.workplaces import rules

    calendar = WorkingCalendar(
        first_day=dt.date(2026, 1, 1),
        last_day=dt.date(2027, 12, 31),
        weekly_rest_days=frozenset({5, 6}),
        rest_days={},
        extra_working_days=frozenset(),
    )
    # Held Thursday 21/1/2027: the last day in time is Tuesday 26/1 (the weekend does not count).
    assert not rules.publication_is_late(
        held_on=dt.date(2027, 1, 21), published_on=dt.date(2027, 1, 26), calendar=calendar
    )
    assert rules.publication_is_late(held_on=dt.date(2027, 1, 21), published_on=dt.date(2027, 1, 27), calendar=calendar)

    member_list = fix_dialogue_members(soe, soe_director, workers=4)
    dialogue = _schedule(soe, soe_director, content_sent_on=dt.date(2027, 1, 25))
    held = _record(dialogue, member_list, soe_director)  # held Monday 1/2/2027
    assert not services.dialogue_published_late(held)
    on_time = services.dialogue_publish(dialogue=held, actor=soe_director, now=dt.datetime(2027, 2, 4, 9, 0, tzinfo=VN))
    assert on_time.published_on == dt.date(2027, 2, 4) and not services.dialogue_published_late(on_time)
    on_time.published_on = dt.date(2027, 2, 25)  # well past the 3 working days, across Tết
    assert services.dialogue_published_late(on_time)


def test_attack_recording_the_result_late_does_not_restart_the_publication_clock(
    soe: Organisation, soe_director: User
) -> None:
    """The dialogue met on Monday 1/2/2027; the director types the result in on Monday 22/2 and publishes it the same
    day. The 3 working days run from the meeting, not from the typing: the publication is late."""
    member_list = fix_dialogue_members(soe, soe_director, workers=4)
    dialogue = _schedule(soe, soe_director, content_sent_on=dt.date(2027, 1, 25))
    typed_in = dt.datetime(2027, 2, 22, 9, 0, tzinfo=VN)
    held = services.dialogue_record(
        dialogue=dialogue,
        present=present_members(member_list, workers=4),
        outcome="Thống nhất",
        actor=soe_director,
        now=typed_in,
    )
    assert held.held_on == DAY
    published = services.dialogue_publish(dialogue=held, actor=soe_director, now=typed_in)
    assert published.published_on == dt.date(2027, 2, 22)
    assert services.dialogue_published_late(published)


def test_a_dialogue_recorded_before_its_scheduled_day_was_held_that_day(soe: Organisation, soe_director: User) -> None:
    member_list = fix_dialogue_members(soe, soe_director, workers=4)
    dialogue = _schedule(soe, soe_director, content_sent_on=dt.date(2027, 1, 18))
    early = dt.datetime(2027, 1, 29, 15, 0, tzinfo=VN)  # the Friday before the scheduled Monday
    assert services.dialogue_record(
        dialogue=dialogue, present=present_members(member_list, workers=4), outcome="", actor=soe_director, now=early
    ).held_on == dt.date(2027, 1, 29)
