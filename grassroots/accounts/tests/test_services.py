"""Services: the new state, the audit event, and on refusal that nothing changed."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import override_settings

from grassroots.accounts import services
from grassroots.accounts.models import LoginThrottle, Role, RoleMembership, ThrottleScope, User
from grassroots.accounts.testing import PERSONA_PASSWORD, make_unit, make_user
from grassroots.core.errors import DomainError
from grassroots.core.models import AuditEvent
from grassroots.units.models import AdministrativeUnit, Organisation, OrganisationKind, UnitLevel

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 11, 22, 9, 0, tzinfo=dt.UTC)
DAY = dt.date(2026, 11, 22)


def _events(code: str) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(code=code))


# --- memberships -------------------------------------------------------------------------------


def test_grant_creates_membership_and_audits(commune: AdministrativeUnit, commune_chair: User) -> None:
    user = make_user("can-bo-moi")
    membership = services.membership_grant(
        user=user, role=Role.COMMUNE_OFFICER, unit=commune, valid_from=DAY, actor=commune_chair, now=NOW
    )
    assert membership.pk and membership.valid_until is None
    [event] = _events("accounts.membership.granted")
    assert event.actor_id == commune_chair.pk
    assert event.unit_id == commune.pk
    assert event.object_id == str(membership.pk)
    assert event.after is not None and event.after["role"] == "commune_officer"


def test_grant_at_wrong_level_leaves_nothing(community: AdministrativeUnit, commune_chair: User) -> None:
    user = make_user("sai-cap")
    with pytest.raises(DomainError) as error:
        services.membership_grant(
            user=user, role=Role.COMMUNE_CHAIR, unit=community, valid_from=DAY, actor=commune_chair, now=NOW
        )
    assert error.value.code == "accounts.membership.wrong_unit_level"
    assert not RoleMembership.objects.filter(user=user).exists()
    assert _events("accounts.membership.granted") == []


def test_interim_head_defaults_to_six_months(community: AdministrativeUnit, commune_chair: User) -> None:
    user = make_user("lam-thoi")
    membership = services.membership_grant(
        user=user, role=Role.INTERIM_VILLAGE_HEAD, unit=community, valid_from=dt.date(2026, 1, 15), actor=commune_chair
    )
    assert membership.valid_until == dt.date(2026, 7, 15)


def test_interim_head_longer_than_six_months_is_refused(community: AdministrativeUnit, commune_chair: User) -> None:
    user = make_user("lam-thoi-dai")
    with pytest.raises(DomainError) as error:
        services.membership_grant(
            user=user,
            role=Role.INTERIM_VILLAGE_HEAD,
            unit=community,
            valid_from=dt.date(2026, 1, 15),
            valid_until=dt.date(2026, 8, 1),
            actor=commune_chair,
        )
    assert error.value.code == "accounts.membership.interim_too_long"
    assert not RoleMembership.objects.filter(user=user).exists()


def test_one_village_head_at_a_time_including_interim(
    community: AdministrativeUnit, village_head: User, commune_chair: User
) -> None:
    user = make_user("truong-thon-2")
    with pytest.raises(DomainError) as error:
        services.membership_grant(
            user=user, role=Role.INTERIM_VILLAGE_HEAD, unit=community, valid_from=DAY, actor=commune_chair
        )
    assert error.value.code == "accounts.membership.holder_exists"
    # once the elected head's role ends, the interim may start that same day
    membership = RoleMembership.objects.get(user=village_head)
    services.membership_end(membership=membership, on=DAY, actor=commune_chair, now=NOW)
    interim = services.membership_grant(
        user=user, role=Role.INTERIM_VILLAGE_HEAD, unit=community, valid_from=DAY, actor=commune_chair
    )
    assert interim.valid_until == dt.date(2027, 5, 22)


def test_duplicate_overlapping_membership_is_refused(
    commune: AdministrativeUnit, commune_officer: User, commune_chair: User
) -> None:
    with pytest.raises(DomainError) as error:
        services.membership_grant(
            user=commune_officer, role=Role.COMMUNE_OFFICER, unit=commune, valid_from=DAY, actor=commune_chair
        )
    assert error.value.code == "accounts.membership.duplicate"
    assert RoleMembership.objects.filter(user=commune_officer).count() == 1


def test_organisation_role_must_be_in_the_organisation_unit(
    commune: AdministrativeUnit, other_commune: AdministrativeUnit, commune_chair: User
) -> None:
    agency = Organisation.objects.create(kind=OrganisationKind.AGENCY, name="Trạm Y tế xã", unit=commune)
    user = make_user("nhan-vien")
    with pytest.raises(DomainError) as error:
        services.membership_grant(
            user=user, role=Role.STAFF_MEMBER, unit=other_commune, organisation=agency, valid_from=DAY, actor=None
        )
    assert error.value.code == "accounts.membership.organisation_outside_unit"
    membership = services.membership_grant(
        user=user, role=Role.STAFF_MEMBER, unit=commune, organisation=agency, valid_from=DAY, actor=None
    )
    assert membership.organisation == agency


def test_end_membership_audits_before_and_after(commune_officer: User, commune_chair: User) -> None:
    membership = RoleMembership.objects.get(user=commune_officer)
    services.membership_end(membership=membership, on=DAY, actor=commune_chair, now=NOW)
    membership.refresh_from_db()
    assert membership.valid_until == DAY
    [event] = _events("accounts.membership.ended")
    assert event.before is not None and event.before["valid_until"] is None
    assert event.after is not None and event.after["valid_until"] == "2026-11-22"


def test_end_before_start_is_refused_and_changes_nothing(commune_officer: User, commune_chair: User) -> None:
    membership = RoleMembership.objects.get(user=commune_officer)
    with pytest.raises(DomainError) as error:
        services.membership_end(membership=membership, on=membership.valid_from, actor=commune_chair)
    assert error.value.code == "accounts.membership.end_before_start"
    membership.refresh_from_db()
    assert membership.valid_until is None
    assert _events("accounts.membership.ended") == []


# --- lockout -----------------------------------------------------------------------------------


def _fail(login: str, at: dt.datetime, address: str | None = None) -> services.LoginLock | None:
    return services.login_failure_record(login=login, address=address, now=at)


@override_settings(LOGIN_MAX_FAILURES=5, LOGIN_LOCKOUT_MINUTES=15)
def test_lockout_cycle(resident: User) -> None:
    for attempt in range(4):
        assert _fail("resident", NOW + dt.timedelta(seconds=attempt)) is None
    assert services.login_lock_status(login="resident", now=NOW + dt.timedelta(seconds=5)) is None
    lock = _fail("resident", NOW + dt.timedelta(seconds=10))
    assert lock is not None
    assert lock.locked_until == NOW + dt.timedelta(seconds=10, minutes=15)
    [event] = _events("accounts.user.locked")
    assert event.object_id == str(resident.pk)
    # locked whatever format of the same account's identifier is used
    assert services.login_lock_status(login="+84 912 345 678", now=NOW + dt.timedelta(minutes=14)) is not None
    # further failures while locked do not lock again or audit again
    _fail("resident", NOW + dt.timedelta(minutes=1))
    assert len(_events("accounts.user.locked")) == 1
    # expiry by the clock
    assert services.login_lock_status(login="resident", now=NOW + dt.timedelta(minutes=16)) is None


@override_settings(LOGIN_MAX_FAILURES=3, LOGIN_LOCKOUT_MINUTES=15)
def test_success_resets_the_counter(resident: User) -> None:
    _fail("resident", NOW)
    _fail("resident", NOW)
    services.login_success_record(user=resident, now=NOW)
    assert _fail("resident", NOW) is None
    assert _fail("resident", NOW) is None
    assert LoginThrottle.objects.get(scope=ThrottleScope.ACCOUNT, key=str(resident.pk)).failure_count == 2


@override_settings(LOGIN_MAX_FAILURES=2, LOGIN_LOCKOUT_MINUTES=15)
def test_address_is_locked_after_many_failures_across_accounts(db: None) -> None:
    for number in range(7):
        assert _fail(f"khong-ton-tai-{number}", NOW, address="203.0.113.9") is None
    lock = _fail("khong-ton-tai-x", NOW, address="203.0.113.9")
    assert lock is not None and lock.scope == ThrottleScope.ADDRESS
    assert services.login_lock_status(login="ai-do", address="203.0.113.9", now=NOW) is not None
    assert services.login_lock_status(login="ai-do", address="198.51.100.1", now=NOW) is None


def test_unknown_login_without_address_records_nothing(db: None) -> None:
    assert _fail("khong-ai", NOW) is None
    assert LoginThrottle.objects.count() == 0


def test_find_login_user_by_phone_in_any_format(resident: User) -> None:
    for login in ("0912345678", "0912 345 678", "+84912345678", "84912345678", "RESIDENT"):
        assert services.find_login_user(login) == resident


# --- passwords ---------------------------------------------------------------------------------


def test_officer_resets_resident_password(resident: User, commune_officer: User) -> None:
    services.login_failure_record(login="resident", now=NOW)
    password = services.user_password_reset(user=resident, actor=commune_officer, now=NOW)
    resident.refresh_from_db()
    assert resident.check_password(password)
    assert not resident.check_password(PERSONA_PASSWORD)
    assert resident.must_change_password is True
    assert LoginThrottle.objects.get(key=str(resident.pk)).failure_count == 0
    [event] = _events("accounts.password.reset")
    assert event.actor_id == commune_officer.pk
    assert event.after == {"must_change_password": True, "generated": True}
    assert password not in str(event.after)


def test_officer_sets_a_chosen_temporary_password(resident: User, commune_officer: User) -> None:
    password = services.user_password_reset(user=resident, actor=commune_officer, new_password="tam-thoi-2026")
    assert password == "tam-thoi-2026"
    resident.refresh_from_db()
    assert resident.check_password("tam-thoi-2026")


def test_weak_temporary_password_is_refused(resident: User, commune_officer: User) -> None:
    with pytest.raises(DomainError) as error:
        services.user_password_reset(user=resident, actor=commune_officer, new_password="12345678")
    assert error.value.code == "accounts.password.invalid"
    resident.refresh_from_db()
    assert resident.check_password(PERSONA_PASSWORD)
    assert resident.must_change_password is False
    assert _events("accounts.password.reset") == []


@pytest.mark.parametrize("actor_name", ["other_commune_officer", "village_head", "board_member"])
def test_reset_outside_permission_is_refused(request: pytest.FixtureRequest, resident: User, actor_name: str) -> None:
    actor = request.getfixturevalue(actor_name)
    with pytest.raises(DomainError) as error:
        services.user_password_reset(user=resident, actor=actor)
    assert error.value.code == "accounts.password.reset_outside_scope"
    resident.refresh_from_db()
    assert resident.check_password(PERSONA_PASSWORD)


def test_officer_cannot_reset_someone_who_also_acts_in_another_commune(
    resident: User, commune_officer: User, other_commune: AdministrativeUnit
) -> None:
    other_village = other_commune.children.get()
    RoleMembership.objects.create(
        user=resident, role=Role.VILLAGE_HEAD, unit=other_village, valid_from=dt.date(2025, 1, 1)
    )
    with pytest.raises(DomainError) as error:
        services.user_password_reset(user=resident, actor=commune_officer)
    assert error.value.code == "accounts.password.reset_outside_scope"


def test_user_in_a_household_without_role_can_be_reset(commune: AdministrativeUnit, commune_officer: User) -> None:
    from grassroots.units.models import Household, Resident

    user = make_user("chi-co-ho")
    Resident.objects.create(
        household=Household.objects.filter(community__parent=commune).first(), full_name="A", user=user
    )
    assert services.user_password_reset(user=user, actor=commune_officer)


def test_provincial_staff_flagged_accounts_need_a_superuser(
    commune: AdministrativeUnit, commune_officer: User, superuser: User
) -> None:
    staff = make_user("nhan-vien-he-thong", is_staff=True)
    village = make_unit(UnitLevel.COMMUNITY, "Thôn 9", commune)
    RoleMembership.objects.create(user=staff, role=Role.RESIDENT, unit=village, valid_from=dt.date(2025, 1, 1))
    with pytest.raises(DomainError) as error:
        services.user_password_reset(user=staff, actor=commune_officer)
    assert error.value.code == "accounts.password.reset_privileged"
    assert services.user_password_reset(user=staff, actor=superuser)


def test_password_change_clears_the_flag_and_audits(resident: User) -> None:
    User.objects.filter(pk=resident.pk).update(must_change_password=True)
    resident.refresh_from_db()
    services.user_password_change(user=resident, new_password="mat-khau-rieng-moi", now=NOW)
    resident.refresh_from_db()
    assert resident.must_change_password is False
    assert resident.check_password("mat-khau-rieng-moi")
    [event] = _events("accounts.password.changed")
    assert event.before == {"must_change_password": True}


def test_phone_is_stored_normalised(db: None) -> None:
    user = make_user("so-dien-thoai", phone="+84 987 654 321")
    user.refresh_from_db()
    assert user.phone == "0987654321"
    blank = make_user("khong-so", phone="  ")
    blank.refresh_from_db()
    assert blank.phone is None


def test_model_validation_normalises_phone_before_uniqueness(resident: User) -> None:
    from django.core.exceptions import ValidationError

    twin = User(username="trung-so", phone="+84 912 345 678")
    twin.set_unusable_password()
    with pytest.raises(ValidationError) as error:
        twin.full_clean()
    assert "phone" in error.value.message_dict
    bad = User(username="so-sai", phone="12345")
    bad.set_unusable_password()
    with pytest.raises(ValidationError) as error:
        bad.full_clean()
    assert "phone" in error.value.message_dict


@override_settings(LOGIN_MAX_FAILURES=1, LOGIN_LOCKOUT_MINUTES=15)
def test_loopback_address_is_not_counted(db: None) -> None:
    for number in range(10):
        assert _fail(f"ai-{number}", NOW, address="127.0.0.1") is None
    assert LoginThrottle.objects.count() == 0


def test_resident_account_create_uses_the_free_phone_then_a_name_slug(
    commune: AdministrativeUnit, community: AdministrativeUnit
) -> None:
    from grassroots.accounts.services import resident_account_create
    from grassroots.units.models import Resident

    actor = make_user("can-bo-tao")
    first = Resident.objects.create(full_name="Đặng Thị Hai", phone="0913 000 111")
    user, password = resident_account_create(resident=first, actor=actor, unit=community)
    first.refresh_from_db()
    assert (user.username, user.phone, user.must_change_password, first.user_id) == (
        "0913000111",
        "0913000111",
        True,
        user.pk,
    )
    assert user.check_password(password)
    event = AuditEvent.objects.get(code="accounts.user.created")
    assert password not in str(event.after)
    # Same phone again: taken, so the name slug (made unique) is used and no phone is stored.
    second = Resident.objects.create(full_name="Đặng Thị Hai", phone="0913000111")
    other, _ = resident_account_create(resident=second, username_parts=("Đặng Thị Hai",), actor=actor)
    third = Resident.objects.create(full_name="Đặng Thị Hai")
    again, _ = resident_account_create(resident=third, username_parts=("Đặng Thị Hai",), actor=actor)
    assert (other.username, other.phone, again.username) == ("dang-thi-hai", None, "dang-thi-hai-2")
