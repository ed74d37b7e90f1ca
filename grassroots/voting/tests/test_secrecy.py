"""No query can join a secret ballot's choice to its household: the schema has nothing to join on."""

from __future__ import annotations

import pytest
from django.db import connection, models

from grassroots.core.models import AuditEvent
from grassroots.units.models import Household
from grassroots.voting import services
from grassroots.voting.models import Channel, SecretChoice, VoteParticipation
from grassroots.voting.testing import open_meeting

pytestmark = pytest.mark.django_db

ALLOWED_SECRET_COLUMNS = {"id", "vote_id", "option_id", "other_opinion"}


def test_secret_choice_model_has_no_link_order_or_time():
    fields = {field.name: field for field in SecretChoice._meta.get_fields()}
    assert set(fields) == {"id", "vote", "option", "other_opinion"}
    assert isinstance(fields["id"], models.UUIDField)
    for field in fields.values():
        assert not isinstance(field, models.DateField | models.DateTimeField | models.AutoField | models.BigAutoField)
        related = getattr(field, "related_model", None)
        assert related not in (Household, VoteParticipation)
    assert not SecretChoice._meta.ordering
    # Nothing points at a secret choice either (no reverse relation that could carry a key).
    assert not [f for f in SecretChoice._meta.get_fields() if f.auto_created and not f.concrete]


def test_database_schema_has_no_joinable_column():
    with connection.cursor() as cursor:
        columns = {
            col.name for col in connection.introspection.get_table_description(cursor, SecretChoice._meta.db_table)
        }
        constraints = connection.introspection.get_constraints(cursor, SecretChoice._meta.db_table)
        participation_constraints = connection.introspection.get_constraints(cursor, VoteParticipation._meta.db_table)
    assert columns == ALLOWED_SECRET_COLUMNS
    targets = {c["foreign_key"][0] for c in constraints.values() if c.get("foreign_key")}  # type: ignore[index]
    assert targets <= {"decisions_communityvote", "decisions_voteoption"}
    participation_targets = {
        c["foreign_key"][0]  # type: ignore[index]
        for c in participation_constraints.values()
        if c.get("foreign_key")
    }
    assert SecretChoice._meta.db_table not in participation_targets
    # The only columns the two tables share are the vote and the option's id space, and a secret
    # participation leaves its option empty, so joining on them pairs every household with every choice.
    participation_columns = {f.column for f in VoteParticipation._meta.concrete_fields}
    assert columns & participation_columns == {"vote_id", "option_id", "other_opinion", "id"}


def test_secret_vote_records_no_choice_beside_the_household(community, village_head):
    vote = open_meeting(community, village_head, matter="D6", is_secret=True)
    members = list(Household.objects.filter(community=community).order_by("code"))
    for household in members:
        services.meeting_attendance_set(vote=vote, household=household, present=True, actor=village_head)
    services.meeting_officers_approve(
        vote=vote,
        secretary="Thư ký",
        approving=2,
        counting_board=["A", "B", "C"],
        witnesses=members[:2],
        actor=village_head,
    )
    for household in members:
        services.vote_cast(vote=vote, household=household, channel=Channel.MEETING_BALLOT, actor=village_head)
    services.vote_count_ballots(vote=vote, counts={"agree": 2, "disagree": 1}, actor=village_head)
    before_close = set(SecretChoice.objects.filter(vote=vote).values_list("id", flat=True))
    closed = services.vote_close(vote=vote, actor=village_head)
    after_close = set(SecretChoice.objects.filter(vote=vote).values_list("id", flat=True))
    assert before_close.isdisjoint(after_close)  # rewritten with fresh random keys at close
    assert closed.participation_count == closed.choice_count == 3
    assert not VoteParticipation.objects.filter(vote=vote).exclude(option=None).exists()
    assert set(VoteParticipation.objects.filter(vote=vote).values_list("other_opinion", flat=True)) == {""}
    for event in AuditEvent.objects.filter(code="decisions.vote.participation_recorded"):
        assert "option" not in (event.after or {})


def test_choice_given_at_cast_is_not_stored_with_the_household(community, village_head):
    vote = open_meeting(community, village_head, matter="D6", is_secret=True)
    household = Household.objects.filter(community=community).order_by("code")[0]
    services.meeting_attendance_set(vote=vote, household=household, present=True, actor=village_head)
    services.vote_cast(
        vote=vote, household=household, option_key="agree", channel=Channel.MEETING_BALLOT, actor=village_head
    )
    participation = VoteParticipation.objects.get(vote=vote)
    assert participation.option_id is None
    assert SecretChoice.objects.filter(vote=vote).count() == 1
