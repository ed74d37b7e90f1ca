"""Subscriptions fan out to digests: a follower of a commune or village gets exactly one digest item when a vote opens
there or a consultation opens for opinions; who does not follow it, or follows another commune, gets nothing."""

from __future__ import annotations

import datetime as dt

import pytest

from grassroots.accounts.models import Role, User
from grassroots.accounts.testing import make_persona
from grassroots.notifications import jobs, kinds, services
from grassroots.notifications.models import Digest, Notification, Topic
from grassroots.units.models import AdministrativeUnit

VN = dt.timezone(dt.timedelta(hours=7))


def _follow(user: User, unit: AdministrativeUnit, topic: str) -> None:
    services.subscription_set(user=user, unit=unit, topic=topic, follow=True, visible_unit_ids={unit.pk})


def _digest_items(user: User, morning: dt.datetime) -> list[tuple[str, str]]:
    """Send the day's digests, then the (kind, key) of every item in this person's digest."""
    services.digests_send_all(morning)
    return sorted(
        (str(kind), str(key))
        for kind, key in Notification.objects.filter(user=user, digest__isnull=False).values_list("kind", "dedupe_key")
    )


@pytest.fixture
def outsider(other_commune: AdministrativeUnit) -> User:
    """A resident of Xã Bình An who follows votes and consultations of their own commune."""
    east = other_commune.children.get()
    person = make_persona("dan_binh_an", Role.RESIDENT, east, email="dan@binhan.example.vn")
    for topic in (Topic.VOTES, Topic.CONSULTATIONS):
        _follow(person, other_commune, topic)
    _follow(person, east, Topic.VOTES)
    return person


@pytest.fixture
def bystander(community: AdministrativeUnit) -> User:
    """A resident of the same village who follows nothing."""
    return make_persona("khong_theo_doi", Role.RESIDENT, community, email="khong@hoaphu.example.vn")


# --- votes --------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("followed", ["commune", "community"])
def test_a_vote_opening_is_one_digest_item_for_its_followers_only(
    followed: str,
    commune: AdministrativeUnit,
    community: AdministrativeUnit,
    village_head: User,
    resident: User,
    bystander: User,
    outsider: User,
) -> None:
    from grassroots.voting.testing import NOW, open_meeting

    resident.email = "dan@hoaphu.example.vn"
    resident.save(update_fields=["email"])
    _follow(resident, commune if followed == "commune" else community, Topic.VOTES)
    vote = open_meeting(community, village_head)  # opened at NOW
    assert jobs.subscriptions_fan_out(NOW + dt.timedelta(hours=1)) == 1
    assert jobs.subscriptions_fan_out(NOW + dt.timedelta(hours=2)) == 0  # hourly: never twice
    morning = dt.datetime(2026, 11, 23, 7, 0, tzinfo=VN)
    assert _digest_items(resident, morning) == [(kinds.VOTE_OPENED, f"vote_opened:{vote.pk}")]
    assert Digest.objects.get(user=resident).item_count == 1
    assert not Notification.objects.filter(user=bystander).exists()
    assert not Notification.objects.filter(user=outsider).exists()
    assert not Digest.objects.filter(user__in=[bystander, outsider]).exists()


def test_a_vote_still_being_prepared_tells_nobody(
    commune: AdministrativeUnit, community: AdministrativeUnit, village_head: User, resident: User
) -> None:
    from grassroots.voting import services as voting
    from grassroots.voting.models import VoteForm
    from grassroots.voting.testing import NOW

    _follow(resident, commune, Topic.VOTES)
    voting.vote_create(
        unit=community,
        matter="D1",
        form=VoteForm.MEETING,
        title="Làm đường bê tông liên xóm",
        question="Đồng ý?",
        starts_at=NOW,
        convenor_role="village_head",
        purpose="matter",
        is_secret=False,
        actor=village_head,
        now=NOW - dt.timedelta(days=5),
    )
    assert jobs.subscriptions_fan_out(NOW) == 0
    assert not Notification.objects.filter(user=resident).exists()


# --- consultations --------------------------------------------------------------------------------------------------


def _open_consultation(commune: AdministrativeUnit, officer: User, moment: dt.datetime) -> int:
    from grassroots.consultations import services as consultations

    day = moment.date()
    consultation = consultations.consultation_create(
        commune=commune,
        matter="C5",
        title="Dự thảo quy định giữ gìn vệ sinh môi trường xã",
        opens_on=day,
        closes_on=day + dt.timedelta(days=20),
        forms_used=["online", "meeting"],
        plan_owner="Văn phòng UBND xã",
        actor=officer,
        now=moment,
    )
    consultations.section_add(
        consultation=consultation, heading="Điều 1", text="Phạm vi áp dụng.", actor=officer, now=moment
    )
    consultations.plan_record_sent(
        consultation=consultation, sent_to_council_on=day, sent_to_front_on=day, actor=officer, now=moment
    )
    consultations.consultation_open(consultation=consultation, actor=officer, now=moment)
    return consultation.pk


def test_a_consultation_opening_is_one_digest_item_for_its_followers_only(
    commune: AdministrativeUnit, commune_officer: User, resident: User, bystander: User, outsider: User
) -> None:
    resident.email = "dan@hoaphu.example.vn"
    resident.save(update_fields=["email"])
    _follow(resident, commune, Topic.CONSULTATIONS)
    _follow(bystander, commune, Topic.VOTES)  # follows the commune, but not its consultations
    opened_at = dt.datetime(2026, 11, 2, 8, 0, tzinfo=VN)
    consultation_id = _open_consultation(commune, commune_officer, opened_at)
    assert jobs.subscriptions_fan_out(opened_at + dt.timedelta(hours=1)) == 1
    assert jobs.subscriptions_fan_out(opened_at + dt.timedelta(days=1)) == 0
    morning = dt.datetime(2026, 11, 3, 7, 0, tzinfo=VN)
    assert _digest_items(resident, morning) == [(kinds.CONSULTATION_OPENED, f"consultation:{consultation_id}")]
    assert Digest.objects.get(user=resident).item_count == 1
    assert Notification.objects.get(user=resident).params["until"] == "22/11/2026"
    assert not Notification.objects.filter(user__in=[bystander, outsider]).exists()
    assert not Digest.objects.filter(user__in=[bystander, outsider]).exists()


def test_a_consultation_older_than_the_look_back_is_not_announced(
    commune: AdministrativeUnit, commune_officer: User, resident: User
) -> None:
    from grassroots.notifications.rules import SUBSCRIPTION_LOOKBACK_DAYS

    opened_at = dt.datetime(2026, 11, 2, 8, 0, tzinfo=VN)
    _open_consultation(commune, commune_officer, opened_at)
    _follow(resident, commune, Topic.CONSULTATIONS)
    late = opened_at + dt.timedelta(days=SUBSCRIPTION_LOOKBACK_DAYS + 1)
    assert jobs.subscriptions_fan_out(late) == 0
    assert jobs.subscriptions_fan_out(opened_at + dt.timedelta(days=SUBSCRIPTION_LOOKBACK_DAYS)) == 1  # the last day
