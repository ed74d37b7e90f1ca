"""Notifications: one event once, one digest a day, reminders in working days, subscriptions, the inbox doors."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from grassroots.accounts.models import Role, User
from grassroots.accounts.testing import make_persona
from grassroots.calendar.selectors import add_working_days, working_calendar, working_days_left
from grassroots.core.errors import DomainError
from grassroots.dashboard.registry import TaskItem, register_task_provider, unregister_task_provider
from grassroots.notifications import jobs, kinds, rules, selectors, services
from grassroots.notifications.gateways import MemoryGateway
from grassroots.notifications.models import Digest, Mode, Notification, Preference, Topic
from grassroots.units.models import AdministrativeUnit

VN = dt.timezone(dt.timedelta(hours=7))
MORNING = dt.datetime(2026, 11, 23, 7, 0, tzinfo=VN)


@pytest.fixture(autouse=True)
def _memory_mail_and_sms(settings: Any) -> Iterator[None]:
    settings.SMS_GATEWAY = "grassroots.notifications.gateways.MemoryGateway"
    mail.outbox = []
    MemoryGateway.outbox.clear()
    yield
    MemoryGateway.outbox.clear()


def _people(community: AdministrativeUnit, count: int) -> list[User]:
    return [
        make_persona(f"dan-{index}", Role.RESIDENT, community, email=f"dan{index}@example.vn") for index in range(count)
    ]


# --- rules -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("left", "step"), [(None, None), (-1, None), (0, 1), (1, 1), (2, 3), (3, 3), (4, None), (30, None)]
)
def test_reminder_step(left: int | None, step: int | None) -> None:
    assert rules.reminder_step(left, (3, 1)) == step


# --- notify: an event once -------------------------------------------------------------------


@pytest.mark.django_db
def test_the_same_event_twice_is_one_notification(community: AdministrativeUnit) -> None:
    (person,) = _people(community, 1)
    kwargs: dict[str, Any] = {"users": [person], "kind": kinds.REMINDER, "dedupe_key": "k:1", "now": MORNING}
    assert services.notify(**kwargs) == 1
    assert services.notify(**kwargs) == 0
    assert Notification.objects.filter(user=person).count() == 1


# --- the digest: many events in a day, one message ---------------------------------------------


@pytest.mark.django_db
def test_many_events_in_a_day_make_one_message_per_person(community: AdministrativeUnit) -> None:
    people = _people(community, 3)
    for hour in range(10):
        services.notify(
            users=people,
            kind=kinds.DISCLOSURE_PUBLISHED,
            params={"unit": "Xã Hòa Phú", "title": f"Tin {hour}"},
            url=f"/cong-khai/hoa-phu/{hour}/",
            dedupe_key=f"disclosure:{hour}",
            now=MORNING - dt.timedelta(hours=hour + 1),
        )
    assert services.digests_send_all(MORNING) == 3
    assert len(mail.outbox) == 3
    assert sorted(message.to[0] for message in mail.outbox) == sorted(person.email for person in people)
    assert all("Tin 9" in message.body and "Tin 0" in message.body for message in mail.outbox)
    # More events later the same day wait for tomorrow's digest: never two digests a day.
    services.notify(
        users=people, kind=kinds.REMINDER, params={"title": "x", "days": 1, "due": "24/11/2026"}, now=MORNING
    )
    assert services.digests_send_all(MORNING + dt.timedelta(hours=10)) == 0
    assert len(mail.outbox) == 3
    tomorrow = MORNING + dt.timedelta(days=1)
    assert services.digests_send_all(tomorrow) == 3
    assert len(mail.outbox) == 6
    assert Digest.objects.count() == 6


@pytest.mark.django_db
def test_the_database_refuses_a_second_digest_the_same_day(community: AdministrativeUnit) -> None:
    (person,) = _people(community, 1)
    services.notify(users=[person], kind=kinds.REMINDER, params={}, now=MORNING - dt.timedelta(hours=1))
    assert services.digest_send(user=person, now=MORNING) is not None
    # An attacker (or a second worker) makes another event and calls the service directly.
    services.notify(users=[person], kind=kinds.REMINDER, params={}, now=MORNING)
    assert services.digest_send(user=person, now=MORNING + dt.timedelta(hours=2)) is None
    assert Digest.objects.filter(user=person).count() == 1
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_immediate_is_a_choice_and_leaves_the_digest(
    community: AdministrativeUnit, django_capture_on_commit_callbacks: Any
) -> None:
    hurried, patient = _people(community, 2)
    Preference.objects.create(user=hurried, kind=kinds.CASE_OVERDUE, mode=Mode.IMMEDIATE)
    with_params = {"pk": 7, "title": "Ổ gà", "due": "20/11/2026"}
    for index in range(3):
        with django_capture_on_commit_callbacks(execute=True):
            services.notify(
                users=[hurried, patient],
                kind=kinds.CASE_OVERDUE,
                params=with_params,
                dedupe_key=f"c:{index}",
                now=MORNING,
            )
    assert [message.to[0] for message in mail.outbox] == [hurried.email] * 3
    services.digests_send_all(MORNING + dt.timedelta(minutes=1))
    assert [message.to[0] for message in mail.outbox] == [hurried.email] * 3 + [patient.email]


@pytest.mark.django_db
def test_inbox_only_kind_sends_no_message(community: AdministrativeUnit) -> None:
    (person,) = _people(community, 1)
    Preference.objects.create(user=person, kind=kinds.REMINDER, mode=Mode.INBOX_ONLY)
    services.notify(users=[person], kind=kinds.REMINDER, params={}, now=MORNING - dt.timedelta(hours=1))
    services.digests_send_all(MORNING)
    assert mail.outbox == []
    assert selectors.unread_count(person) == 1


@pytest.mark.django_db
def test_sms_and_english(community: AdministrativeUnit) -> None:
    person = make_persona("nguoi-nuoc-ngoai", Role.RESIDENT, community, email="a@example.vn", phone="0912345678")
    services.settings_save(user=person, language="en", by_email=True, by_sms=True, modes={})
    services.notify(users=[person], kind=kinds.REMINDER, params={}, now=MORNING - dt.timedelta(hours=1))
    services.digests_send_all(MORNING)
    assert mail.outbox[0].subject.startswith("Digest of 23/11/2026")
    assert MemoryGateway.outbox[0][0] == "0912345678"
    assert len(MemoryGateway.outbox[0][1]) <= services.SMS_MAX_CHARACTERS


@pytest.mark.django_db
def test_sms_needs_a_phone(community: AdministrativeUnit) -> None:
    (person,) = _people(community, 1)
    with pytest.raises(DomainError) as refused:
        services.settings_save(user=person, language="vi", by_email=True, by_sms=True, modes={})
    assert refused.value.code == "notifications.no_phone"
    with pytest.raises(DomainError):
        services.settings_save(user=person, language="vi", by_email=True, by_sms=False, modes={"nope": "digest"})


# --- reminders from the dashboard's tasks, in working days ---------------------------------------


@pytest.fixture
def one_task(commune_officer: User) -> Iterator[dict[str, Any]]:
    holder: dict[str, Any] = {"due": None}

    def provider(user: Any, today: dt.date) -> list[TaskItem]:
        if user.pk != commune_officer.pk or holder["due"] is None:
            return []
        return [TaskItem(title="Trả lời yêu cầu cung cấp thông tin", url="/can-bo/yeu-cau/1/", due_date=holder["due"])]

    register_task_provider("test.one_task", provider)
    yield holder
    unregister_task_provider("test.one_task")


def _noon(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(12, 0), tzinfo=VN)


@pytest.mark.django_db
def test_reminders_count_working_days_across_tet(commune_officer: User, one_task: dict[str, Any]) -> None:
    calendar = working_calendar()
    last_before_tet = dt.date(2027, 2, 4)  # Thursday; Tết Đinh Mùi holidays follow
    due = add_working_days(last_before_tet, 1, calendar=calendar)
    assert (due - last_before_tet).days > 5  # many calendar days, one working day
    one_task["due"] = due
    assert working_days_left(last_before_tet, due, calendar=calendar) == 1
    four_before = add_working_days(due, -4, calendar=calendar)
    assert jobs.deadline_reminders(_noon(four_before)) == 0
    assert jobs.deadline_reminders(_noon(add_working_days(due, -3, calendar=calendar))) == 1
    assert jobs.deadline_reminders(_noon(add_working_days(due, -2, calendar=calendar))) == 0  # same step
    assert jobs.deadline_reminders(_noon(last_before_tet)) == 1
    for day in range(1, 5):  # every day of Tết: still 1 working day left, nothing new
        assert jobs.deadline_reminders(_noon(last_before_tet + dt.timedelta(days=day))) == 0
    assert Notification.objects.filter(user=commune_officer, kind=kinds.REMINDER).count() == 2


@pytest.mark.django_db
def test_a_missed_run_still_reminds_once(commune_officer: User, one_task: dict[str, Any]) -> None:
    monday = dt.date(2026, 11, 30)
    one_task["due"] = add_working_days(monday, 2, calendar=working_calendar())
    assert jobs.deadline_reminders(_noon(monday)) == 1  # 2 working days left: the 3-day step, late but once
    assert jobs.deadline_reminders(_noon(monday)) == 0


# --- overdue cases ------------------------------------------------------------------------------


@pytest.mark.django_db
def test_overdue_case_tells_the_chair_once(
    commune: AdministrativeUnit, commune_officer: User, commune_chair: User, resident: User
) -> None:
    from grassroots.petitions import services as petitions

    received = dt.datetime(2026, 10, 1, 9, 0, tzinfo=VN)
    case = petitions.case_receive(
        unit=commune,
        kind="feedback",
        channel="in_person",
        title="Đèn đường hỏng",
        content="Đèn đường thôn 1 hỏng đã lâu.",
        citizen=petitions.Citizen(full_name="Nguyễn Văn Dân"),
        actor=commune_officer,
        now=received,
    )
    assert jobs.overdue_cases(received) == 0
    later = received + dt.timedelta(days=60)
    assert jobs.overdue_cases(later) >= 1
    assert Notification.objects.filter(user=commune_chair, kind=kinds.CASE_OVERDUE, params__pk=case.pk).count() == 1
    assert jobs.overdue_cases(later + dt.timedelta(hours=1)) == 0
    assert not Notification.objects.filter(user=resident).exists()


# --- subscriptions ------------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_follower_hears_of_a_new_disclosure_once(
    commune: AdministrativeUnit, community: AdministrativeUnit, commune_officer: User, resident: User
) -> None:
    from grassroots.disclosures import services as disclosures
    from grassroots.disclosures.models import DisclosureCategory

    services.subscription_set(
        user=resident, unit=commune, topic=Topic.DISCLOSURES, follow=True, visible_unit_ids={commune.pk, community.pk}
    )
    published = dt.datetime(2026, 11, 20, 9, 0, tzinfo=VN)
    disclosure = disclosures.disclosure_create(
        unit=commune,
        category=DisclosureCategory.objects.get(code="K2"),
        title="Dự toán ngân sách xã năm 2027",
        decided_on=dt.date(2026, 11, 18),
        actor=commune_officer,
        now=published,
    )
    disclosures.disclosure_publish(disclosure=disclosure, actor=commune_officer, now=published)
    assert jobs.subscriptions_fan_out(published + dt.timedelta(hours=1)) == 1
    assert jobs.subscriptions_fan_out(published + dt.timedelta(hours=2)) == 0
    item = Notification.objects.get(user=resident)
    assert item.url == reverse("disclosures:detail", kwargs={"slug": commune.slug, "pk": disclosure.pk})


@pytest.mark.django_db
def test_nobody_follows_another_commune(other_commune: AdministrativeUnit, resident: User, community: Any) -> None:
    with pytest.raises(DomainError) as refused:
        services.subscription_set(
            user=resident, unit=other_commune, topic=Topic.VOTES, follow=True, visible_unit_ids={community.pk}
        )
    assert refused.value.code == "notifications.unit_not_yours"


# --- pages --------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_inbox_is_ones_own(community: AdministrativeUnit, resident: User) -> None:
    other = make_persona("hang-xom", Role.RESIDENT, community)
    services.notify(users=[other], kind=kinds.REMINDER, params={"title": "Bí mật", "days": 1, "due": "x"}, url="/x/")
    theirs = Notification.objects.get(user=other)
    client = Client()
    assert client.get(reverse("notifications:inbox")).status_code == 302
    client.force_login(resident)
    page = client.get(reverse("notifications:inbox"))
    assert page.status_code == 200
    assert "Bí mật" not in page.content.decode()
    response = client.post(reverse("notifications:open", kwargs={"pk": theirs.pk}))
    assert response["Location"] == reverse("notifications:inbox")
    theirs.refresh_from_db()
    assert theirs.read_at is None


@pytest.mark.django_db
def test_settings_page_saves_and_follows(commune: AdministrativeUnit, resident: User, other_commune: Any) -> None:
    client = Client()
    client.force_login(resident)
    assert client.get(reverse("notifications:settings")).status_code == 200
    response = client.post(
        reverse("notifications:settings"),
        {"language": "vi", "by_email": "1", f"mode:{kinds.REMINDER}": Mode.IMMEDIATE, "follow": f"{commune.pk}:votes"},
    )
    assert response.status_code == 302
    assert selectors.preferences_of(resident) == {kinds.REMINDER: Mode.IMMEDIATE}
    assert selectors.subscriptions_of(resident).get().unit == commune
    forged = client.post(reverse("notifications:settings"), {"language": "vi", "follow": f"{other_commune.pk}:votes"})
    assert forged.status_code == 400
    assert not selectors.subscriptions_of(resident).filter(unit=other_commune).exists()
