"""Ballot secrecy, played by the attacker: someone who reads the whole database, the audit chain and the
pages while the vote runs and after it closes, and a clerk who would like to know who chose what.

The promise ([L] art. 18(4); [ND59] arts 3(5), 4, 5): who took part is recorded; what they chose is not,
in any form that can be linked back to them. The attack on 50 households runs on SQLite and PostgreSQL
(there with transaction ids, ``xmin``, and physical row positions, ``ctid``).
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from typing import Any

import pytest
from django.contrib.sessions.models import Session
from django.db import connection, models
from django.test import Client
from django.urls import reverse
from pytest_django import Settings

from grassroots.accounts.models import User
from grassroots.accounts.testing import make_persona, make_unit
from grassroots.core.errors import DomainError
from grassroots.core.models import AuditEvent
from grassroots.units.models import AdministrativeUnit, Household, Resident
from grassroots.voting import ballot_box, selectors, services
from grassroots.voting.models import (
    BallotSerial,
    Channel,
    CommunityVote,
    IssuedBallot,
    SealedChoice,
    SecretChoice,
    SecretOpinion,
    VoteParticipation,
)
from grassroots.voting.testing import NOW, open_meeting

pytestmark = pytest.mark.django_db

HOUSEHOLDS = 50
CHANCE_CEILING = 0.8
"""The attacker's share of correct links must stay near chance (0.5 for two evenly drawn options). With 50
households a shuffled order gives ≥ 40 right with probability ~1e-5; an unshuffled one gives all 50."""


# --- the schema has nothing to join on -------------------------------------------------------------


@pytest.mark.parametrize("model", [SecretChoice, SecretOpinion, SealedChoice])
def test_secret_tables_have_no_household_no_time_and_random_keys(model: type[models.Model]) -> None:
    fields = {field.name: field for field in model._meta.get_fields()}
    assert isinstance(fields["id"], models.UUIDField)
    for field in fields.values():
        assert not isinstance(field, models.DateField | models.DateTimeField | models.AutoField | models.BigAutoField)
        assert getattr(field, "related_model", None) not in (Household, VoteParticipation, Resident)
    assert not model._meta.ordering
    assert not [f for f in model._meta.get_fields() if f.auto_created and not f.concrete]


def test_choices_and_opinions_are_in_separate_tables() -> None:
    assert {f.name for f in SecretChoice._meta.get_fields()} == {"id", "vote", "option"}
    assert {f.name for f in SecretOpinion._meta.get_fields()} == {"id", "vote", "text"}
    assert {f.name for f in SealedChoice._meta.get_fields()} == {"id", "vote", "sealed"}


def test_database_schema_has_no_joinable_column() -> None:
    with connection.cursor() as cursor:
        for model in (SecretChoice, SecretOpinion, SealedChoice):
            constraints = connection.introspection.get_constraints(cursor, model._meta.db_table)
            targets = {c["foreign_key"][0] for c in constraints.values() if c.get("foreign_key")}  # type: ignore[index]
            assert targets <= {CommunityVote._meta.db_table, "decisions_voteoption"}


# --- meetings and paper: nobody records a household's choice ----------------------------------------


def test_a_clerk_cannot_enter_a_households_secret_choice(community: AdministrativeUnit, village_head: User) -> None:
    vote = open_meeting(community, village_head, matter="D6", is_secret=True)
    household = Household.objects.filter(community=community).order_by("code")[0]
    services.meeting_attendance_set(vote=vote, household=household, present=True, actor=village_head)
    for channel in (Channel.MEETING_BALLOT, Channel.MEETING_HANDS):
        with pytest.raises(DomainError) as error:
            services.vote_cast(vote=vote, household=household, option_key="agree", channel=channel, actor=village_head)
        assert error.value.code in {"decisions.vote.secret_counted_by_board", "decisions.vote.wrong_channel"}
    assert not VoteParticipation.objects.filter(vote=vote).exists()
    assert not SecretChoice.objects.filter(vote=vote).exists()


def test_secret_meeting_records_participation_and_the_boards_count_only(
    community: AdministrativeUnit, village_head: User
) -> None:
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
    closed = services.vote_close(vote=vote, actor=village_head)
    assert closed.participation_count == closed.choice_count == 3
    assert not VoteParticipation.objects.filter(vote=vote).exclude(option=None).exists()
    for event in AuditEvent.objects.filter(code="decisions.vote.participation_recorded"):
        assert "option" not in (event.after or {})


def test_secret_paper_ballots_name_no_household(
    client: Client, community: AdministrativeUnit, village_head: User
) -> None:
    campaign = services.vote_create(
        unit=community,
        matter="D6",
        form="household_ballot",
        title="Chọn tên đường",
        question="Đặt tên đường là Hòa Bình?",
        starts_at=NOW,
        ends_at=NOW + dt.timedelta(days=3),
        is_secret=True,
        convenor_role="village_head",
        actor=village_head,
        now=NOW - dt.timedelta(days=5),
    )
    for name in ("A", "B", "C"):
        services.vote_officer_add(vote=campaign, role="ballot_team", full_name=name, actor=village_head)
    services.vote_schedule(vote=campaign, notice_given_at=NOW - dt.timedelta(days=3), actor=village_head)
    services.vote_open(vote=campaign, actor=village_head, now=NOW)
    assert set(IssuedBallot.objects.filter(vote=campaign).values_list("number", flat=True)) == {None}
    serials = set(BallotSerial.objects.filter(vote=campaign).values_list("serial", flat=True))
    assert len(serials) == IssuedBallot.objects.filter(vote=campaign).count() == 3
    client.force_login(village_head)
    page = client.get(reverse("voting:ballots_print", kwargs={"vote_id": campaign.pk})).content.decode()
    assert all(serial in page for serial in serials)
    for household in Household.objects.filter(community=community):
        assert household.code not in page
    assert "Số: 1" not in page


# --- online: the sealed ballot box -------------------------------------------------------------------


def _online_world(
    commune: AdministrativeUnit, count: int = HOUSEHOLDS
) -> tuple[CommunityVote, User, list[tuple[Household, User]]]:
    """A community of ``count`` households, each with a representative account; an open secret online vote."""
    community = make_unit("community", "Thôn Bí Mật", commune)
    head = make_persona("head-secret", "village_head", community, full_name="Trưởng Thôn")
    front = make_persona("front-secret", "front_work_committee_head", community, full_name="Mặt Trận")
    people = []
    for index in range(count):
        household = Household.objects.create(
            community=community, code=f"BM-{index:02d}", address=f"Số {index}", active_from=dt.date(2020, 1, 1)
        )
        user = make_persona(f"rep-secret-{index}", "household_representative", community, full_name=f"Đại diện {index}")
        household.representative = Resident.objects.create(household=household, full_name=user.full_name, user=user)
        household.save(update_fields=["representative"])
        people.append((household, user))
    adoption = services.vote_create(
        unit=community,
        matter="D6",
        form="meeting",
        purpose="online_adoption",
        title="Chọn hình thức trực tuyến",
        question="?",
        starts_at=NOW - dt.timedelta(days=20),
        convenor_role="village_head",
        actor=head,
        now=NOW - dt.timedelta(days=25),
    )
    services.vote_schedule(
        vote=adoption, notice_given_at=NOW - dt.timedelta(days=23), actor=head, now=NOW - dt.timedelta(days=23)
    )
    services.vote_open(vote=adoption, actor=head, now=NOW - dt.timedelta(days=20))
    for household, _user in people:
        services.meeting_attendance_set(vote=adoption, household=household, present=True, actor=head)
        services.vote_cast(vote=adoption, household=household, option_key="agree", channel="meeting_hands", actor=head)
    services.meeting_officers_approve(vote=adoption, secretary="Thư ký", approving=count, actor=head)
    services.vote_close(vote=adoption, actor=head, now=NOW - dt.timedelta(days=20))
    vote = services.vote_create(
        unit=community,
        matter="D6",
        form="online",
        title="Chọn ngày hội làng",
        question="Tổ chức ngày hội làng vào mùng 6 Tết?",
        starts_at=NOW - dt.timedelta(hours=2),
        ends_at=NOW + dt.timedelta(days=2),
        is_secret=True,
        convenor_role="village_head",
        actor=head,
        now=NOW - dt.timedelta(days=5),
    )
    for name in ("A", "B", "C"):
        services.vote_officer_add(
            vote=vote, role="online_team", full_name=name, actor=head, now=NOW - dt.timedelta(days=5)
        )
    services.online_agreement_record(
        vote=vote,
        village_head=head,
        front_head=front,
        agreed_on=dt.date(2026, 11, 17),
        actor=head,
        now=NOW - dt.timedelta(days=5),
    )
    services.vote_schedule(
        vote=vote, notice_given_at=NOW - dt.timedelta(days=4), actor=head, now=NOW - dt.timedelta(days=4)
    )
    services.vote_open(vote=vote, actor=head, now=NOW - dt.timedelta(hours=2))
    return vote, head, people


def _choice_of(index: int) -> str:
    return "agree" if index % 2 == 0 else "disagree"


def _cast_all(vote: CommunityVote, people: list[tuple[Household, User]]) -> None:
    for index, (household, user) in enumerate(people):
        opinion = f"Hộ {household.code} đề nghị làm thêm đèn" if index % 5 == 0 else ""
        services.vote_cast(
            vote=vote,
            household=household,
            option_key=_choice_of(index),
            other_opinion=opinion,
            channel=Channel.ONLINE,
            actor=user,
            now=NOW + dt.timedelta(minutes=index),
        )


def _physical_order(model: type[models.Model], vote: CommunityVote) -> list[str]:
    """Row ids in the order the rows sit on disk: ``ctid`` on PostgreSQL, ``rowid`` on SQLite."""
    table = model._meta.db_table
    position = "ctid" if connection.vendor == "postgresql" else "rowid"
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT id FROM {table} WHERE vote_id = %s ORDER BY {position}", [vote.pk])  # noqa: S608
        return [uuid.UUID(str(row[0])).hex for row in cursor.fetchall()]


def _xmins(model: type[models.Model], where: str, params: list[Any]) -> list[int]:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT xmin::text::bigint FROM {model._meta.db_table} WHERE {where}", params)  # noqa: S608
        return [int(row[0]) for row in cursor.fetchall()]


def _every_stored_text() -> str:
    """Everything the attacker can read as text: every table's rows as JSON, the audit chain included."""
    dumped = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608
            for row in cursor.fetchall():
                dumped.append(json.dumps([str(value) for value in row], ensure_ascii=False))
    return "\n".join(dumped)


def test_while_open_the_database_holds_no_readable_choice(client: Client, commune: AdministrativeUnit) -> None:
    vote, head, people = _online_world(commune)
    _cast_all(vote, people)
    sealed = list(SealedChoice.objects.filter(vote=vote).values_list("sealed", flat=True))
    assert len(sealed) == HOUSEHOLDS and not SecretChoice.objects.filter(vote=vote).exists()
    # Every sealed ballot has the same length: the bytes tell agree from disagree, or an opinion, by nothing.
    assert {len(bytes(blob)) for blob in sealed} == {ballot_box.SEALED_BYTES}
    for blob in sealed:
        assert b"agree" not in bytes(blob) and "đèn".encode() not in bytes(blob)
    # The key is not in the database: one derived from anything stored there opens nothing.
    vote.refresh_from_db()
    assert vote.ballot_box_salt is not None
    for guess in (b"", bytes(vote.ballot_box_salt), str(vote.pk).encode()):
        with pytest.raises(ballot_box.SealError):
            ballot_box.unseal(ballot_box.derive_key(guess, bytes(vote.ballot_box_salt)), bytes(sealed[0]))
    # No stored text pairs a household with its choice or its opinion: not the audit chain, not any table.
    everything = _every_stored_text()
    assert "đề nghị làm thêm đèn" not in everything
    participations = [str(pk) for pk in VoteParticipation.objects.filter(vote=vote).values_list("pk", flat=True)]
    events = AuditEvent.objects.filter(code="decisions.vote.participation_recorded", object_id__in=participations)
    assert events.count() == HOUSEHOLDS
    for event in events:
        assert set(event.after or {}) == {"household", "channel", "entered_by", "is_on_behalf"}
    # What the pages show while the vote runs: how many took part, no count per option.
    tally = selectors.tally(vote)
    assert (tally.participated, tally.options, tally.is_sealed, tally.yes) == (HOUSEHOLDS, [], True, 0)
    client.force_login(head)
    page = client.get(reverse("voting:tally_partial", kwargs={"vote_id": vote.pk})).content.decode()
    assert 'data-testid="option-counts"' not in page and 'data-testid="sealed"' in page


def test_after_close_no_order_key_transaction_or_opinion_links_a_household_to_its_choice(
    commune: AdministrativeUnit,
) -> None:
    vote, head, people = _online_world(commune)
    _cast_all(vote, people)
    closed = services.vote_close(vote=vote, actor=head, now=NOW + dt.timedelta(days=3))
    assert (closed.participation_count, closed.choice_count, closed.yes_count) == (HOUSEHOLDS, HOUSEHOLDS, 25)
    assert not SealedChoice.objects.filter(vote=vote).exists()
    cast_order = list(
        VoteParticipation.objects.filter(vote=vote)
        .order_by("recorded_at", "pk")
        .values_list("household__code", flat=True)
    )
    truth = {f"BM-{index:02d}": _choice_of(index) for index in range(HOUSEHOLDS)}
    options = dict(vote.options.values_list("pk", "key"))
    by_id = {
        pk.hex: options[option_id]
        for pk, option_id in SecretChoice.objects.filter(vote=vote).values_list("id", "option_id")
    }
    attacks = {
        "physical order": [by_id[row] for row in _physical_order(SecretChoice, vote)],
        "primary key order": [by_id[row] for row in sorted(by_id)],
    }
    for name, guessed in attacks.items():
        right = sum(truth[code] == choice for code, choice in zip(cast_order, guessed, strict=True))
        assert right / HOUSEHOLDS <= CHANCE_CEILING, f"{name} links {right}/{HOUSEHOLDS} households to their choice"
    if connection.vendor == "postgresql":
        choice_xmins = set(_xmins(SecretChoice, "vote_id = %s", [vote.pk]))
        opinion_xmins = set(_xmins(SecretOpinion, "vote_id = %s", [vote.pk]))
        participation_xmins = set(_xmins(VoteParticipation, "vote_id = %s", [vote.pk]))
        assert len(choice_xmins) == 1 and choice_xmins == opinion_xmins  # one batch, in the closing transaction
        assert not choice_xmins & participation_xmins
    # Opinions are released with the result, apart from the choices; the one a household signed names it,
    # but nothing pairs it with what that household chose.
    opinions = selectors.secret_opinions(closed)
    assert len(opinions) == 10 and any("BM-00" in text for text in opinions)
    page = Client().get(reverse("voting:public_results", kwargs={"community_id": closed.unit_id})).content.decode()
    assert 'data-testid="secret-opinions"' in page and "BM-00" in page
    assert {f.name for f in SecretOpinion._meta.get_fields()}.isdisjoint({"option", "household"})


def test_the_same_attack_succeeds_on_an_open_vote_by_design(commune: AdministrativeUnit) -> None:
    """Control: the attack code finds the link where there is one (an open vote keeps its record)."""
    vote, _head, people = _online_world(commune, count=10)
    CommunityVote.objects.filter(pk=vote.pk).update(is_secret=False)
    vote.refresh_from_db()
    _cast_all(vote, people)
    stored = dict(VoteParticipation.objects.filter(vote=vote).values_list("household__code", "option__key"))
    assert stored == {f"BM-{index:02d}": _choice_of(index) for index in range(10)}


def test_an_unopenable_box_refuses_the_close_and_loses_nothing(commune: AdministrativeUnit, settings: Settings) -> None:
    vote, head, people = _online_world(commune, count=4)
    _cast_all(vote, people)
    settings.GRASSROOTS_BALLOT_KEY = "a rotated key"
    with pytest.raises(DomainError) as error:
        services.vote_close(vote=vote, actor=head, now=NOW + dt.timedelta(days=3))
    assert error.value.code == "decisions.vote.box_unopenable"
    vote.refresh_from_db()
    assert vote.status == "open" and SealedChoice.objects.filter(vote=vote).count() == 4


def test_a_choice_on_its_way_is_in_no_table(client: Client, commune: AdministrativeUnit) -> None:
    """Someone reading the whole database while households choose, check and send: no session, no row
    anywhere holds a household's secret choice or opinion, not even the one a household chose and left."""
    vote, _head, people = _online_world(commune, count=2)
    (_sent_household, sender), (_left_household, leaver) = people
    choose = reverse("voting:online_choose", kwargs={"vote_id": vote.pk})
    check = reverse("voting:online_check", kwargs={"vote_id": vote.pk})
    client.force_login(leaver)
    page = client.post(choose, {"option": "disagree", "other_opinion": "Hộ này muốn dời ngày hội"})
    assert page.status_code == 200 and "Hộ này muốn dời ngày hội" in page.content.decode()  # on the phone only
    client.force_login(sender)
    client.post(choose, {"option": "agree", "other_opinion": "Nên có thêm múa lân"})
    assert client.post(check, {"option": "agree", "other_opinion": "Nên có thêm múa lân"}).status_code == 302
    assert VoteParticipation.objects.filter(vote=vote).count() == 1
    everything = _every_stored_text()
    sessions = "\n".join(json.dumps(session.get_decoded(), ensure_ascii=False) for session in Session.objects.all())
    assert "dời ngày hội" not in everything + sessions and "múa lân" not in everything + sessions
    assert "agree" not in sessions  # neither "agree" nor "disagree": the session never holds a choice
