"""Writes of the accounts app: role memberships, login throttling, password resets."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from grassroots.accounts import rules, selectors
from grassroots.accounts.models import LoginThrottle, Role, RoleMembership, ThrottleScope, User
from grassroots.core import clock
from grassroots.core.errors import DomainError, RuleResult
from grassroots.core.services import audit_record
from grassroots.units.models import AdministrativeUnit, Organisation

MEMBERSHIP_MESSAGES = {
    "accounts.membership.unknown_role": _("Vai trò không hợp lệ."),
    "accounts.membership.organisation_required": _("Vai trò này phải gắn với một cơ quan, đơn vị, doanh nghiệp."),
    "accounts.membership.organisation_not_allowed": _("Vai trò này không gắn với cơ quan, đơn vị, doanh nghiệp."),
    "accounts.membership.organisation_outside_unit": _("Cơ quan, đơn vị không thuộc địa bàn đã chọn."),
    "accounts.membership.wrong_unit_level": _("Vai trò này không thuộc cấp đơn vị đã chọn."),
    "accounts.membership.dates_unordered": _("Ngày kết thúc phải sau ngày bắt đầu."),
    "accounts.membership.interim_too_long": _(
        "Trưởng thôn, Tổ trưởng tổ dân phố lâm thời chỉ được giao tối đa 6 tháng."
    ),
    "accounts.membership.duplicate": _("Người này đã giữ vai trò này ở đơn vị này trong khoảng thời gian đó."),
    "accounts.membership.holder_exists": _("Đơn vị đã có người giữ vai trò này trong khoảng thời gian đó."),
    "accounts.membership.end_before_start": _("Ngày thôi giữ vai trò phải sau ngày bắt đầu."),
    "accounts.membership.already_ended": _("Vai trò này đã kết thúc trước ngày đó."),
}
PASSWORD_MESSAGES = {
    "accounts.password.reset_self": _("Bạn không thể tự đặt lại mật khẩu của mình ở đây; hãy dùng trang đổi mật khẩu."),
    "accounts.password.reset_privileged": _("Chỉ quản trị hệ thống được đặt lại mật khẩu của tài khoản quản trị."),
    "accounts.password.reset_no_unit": _("Tài khoản này chưa thuộc đơn vị nào nên cán bộ xã không đặt lại được."),
    "accounts.password.reset_outside_scope": _("Tài khoản này có vai trò ngoài phạm vi xã của bạn."),
}


def _refuse(result: RuleResult, messages: dict[str, Any]) -> None:
    if not result.allowed:
        raise DomainError(result.code, str(messages.get(result.code, result.code)), **result.params)


def _membership_snapshot(membership: RoleMembership) -> dict[str, Any]:
    return {
        "user": membership.user_id,
        "role": membership.role,
        "unit": membership.unit_id,
        "organisation": membership.organisation_id,
        "valid_from": membership.valid_from,
        "valid_until": membership.valid_until,
    }


# ---------------------------------------------------------------------------------------------
# Role memberships
# ---------------------------------------------------------------------------------------------


def membership_grant(
    *,
    user: User,
    role: str,
    unit: AdministrativeUnit,
    valid_from: dt.date,
    valid_until: dt.date | None = None,
    organisation: Organisation | None = None,
    actor: Any,
    now: dt.datetime | None = None,
) -> RoleMembership:
    """Give ``user`` a ``role`` in ``unit`` from ``valid_from`` (inclusive) to ``valid_until`` (exclusive).

    An interim village head without an end date gets the 6-month cap as end date
    (``rules.INTERIM_VILLAGE_HEAD_MAX_MONTHS``). Refuses a role at the wrong unit level, overlapping
    duplicates, and a second holder of a one-holder role (chair, village head…).
    """
    moment = now or clock.now()
    if role == Role.INTERIM_VILLAGE_HEAD and valid_until is None:
        valid_until = rules.interim_valid_until(valid_from)
    with transaction.atomic():
        # Lock the unit row: two grants of the same one-holder role in one unit queue here.
        locked_unit = AdministrativeUnit.objects.select_for_update().get(pk=unit.pk)
        result = rules.check_membership(
            role=role,
            unit_level=locked_unit.level,
            valid_from=valid_from,
            valid_until=valid_until,
            has_organisation=organisation is not None,
            organisation_in_unit=organisation is None or organisation.unit_id == locked_unit.pk,
        )
        _refuse(result, MEMBERSHIP_MESSAGES)
        same_slot = RoleMembership.objects.filter(unit=locked_unit, organisation=organisation)
        for other in same_slot.filter(user=user, role=role):
            if rules.periods_overlap(valid_from, valid_until, other.valid_from, other.valid_until):
                _refuse(RuleResult.refuse("accounts.membership.duplicate"), MEMBERSHIP_MESSAGES)
        group = rules.single_holder_group(role)
        if group:
            for other in same_slot.filter(role__in=group):
                if rules.periods_overlap(valid_from, valid_until, other.valid_from, other.valid_until):
                    _refuse(
                        RuleResult.refuse("accounts.membership.holder_exists", holder=other.user_id),
                        MEMBERSHIP_MESSAGES,
                    )
        membership = RoleMembership.objects.create(
            user=user,
            role=role,
            unit=locked_unit,
            organisation=organisation,
            valid_from=valid_from,
            valid_until=valid_until,
        )
        audit_record(
            code="accounts.membership.granted",
            actor=actor,
            unit=locked_unit,
            obj=membership,
            after=_membership_snapshot(membership),
            now=moment,
        )
    return membership


def membership_end(
    *, membership: RoleMembership, on: dt.date, actor: Any, now: dt.datetime | None = None
) -> RoleMembership:
    """End a membership: ``on`` is the first day the role no longer applies."""
    moment = now or clock.now()
    with transaction.atomic():
        locked = RoleMembership.objects.select_for_update().get(pk=membership.pk)
        _refuse(
            rules.check_membership_end(valid_from=locked.valid_from, valid_until=locked.valid_until, on=on),
            MEMBERSHIP_MESSAGES,
        )
        before = _membership_snapshot(locked)
        locked.valid_until = on
        locked.save(update_fields=["valid_until"])
        audit_record(
            code="accounts.membership.ended",
            actor=actor,
            unit=locked.unit_id,
            obj=locked,
            before=before,
            after=_membership_snapshot(locked),
            now=moment,
        )
    membership.valid_until = locked.valid_until
    return locked


# ---------------------------------------------------------------------------------------------
# Login throttling
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class LoginLock:
    """Why a login is refused right now and until when."""

    scope: str
    locked_until: dt.datetime


def _max_failures(scope: str) -> int:
    base = int(settings.LOGIN_MAX_FAILURES)
    return base if scope == ThrottleScope.ACCOUNT else base * rules.ADDRESS_FAILURE_FACTOR


def _lockout() -> dt.timedelta:
    return dt.timedelta(minutes=int(settings.LOGIN_LOCKOUT_MINUTES))


def _state(row: LoginThrottle) -> rules.ThrottleState:
    return rules.ThrottleState(
        failure_count=row.failure_count, last_failure_at=row.last_failure_at, locked_until=row.locked_until
    )


def find_login_user(login: str) -> User | None:
    """The account a login name points at: a username (any case) or a phone number in any format."""
    text = (login or "").strip()
    if not text:
        return None
    condition = Q(username__iexact=text)
    phone = rules.normalise_phone(text)
    if phone:
        condition |= Q(phone=phone)
    return User.objects.filter(condition).order_by("pk").first()


def _throttle_keys(user: User | None, address: str | None) -> list[tuple[str, str]]:
    keys: list[tuple[str, str]] = []
    if user is not None:
        keys.append((ThrottleScope.ACCOUNT, str(user.pk)))
    if rules.is_throttled_address(address):
        assert address is not None
        keys.append((ThrottleScope.ADDRESS, address[:100]))
    return keys


def login_lock_status(*, login: str, address: str | None = None, now: dt.datetime | None = None) -> LoginLock | None:
    """The lock that refuses this login attempt now (account first, then address), or None."""
    moment = now or clock.now()
    user = find_login_user(login)
    for scope, key in _throttle_keys(user, address):
        row = LoginThrottle.objects.filter(scope=scope, key=key).first()
        if row is not None and rules.is_locked(_state(row), moment):
            assert row.locked_until is not None
            return LoginLock(scope=scope, locked_until=row.locked_until)
    return None


def _locked_row(scope: str, key: str) -> LoginThrottle:
    try:
        with transaction.atomic():
            LoginThrottle.objects.get_or_create(scope=scope, key=key)
    except IntegrityError:
        pass  # another request created it between our read and insert; it exists now
    return LoginThrottle.objects.select_for_update().get(scope=scope, key=key)


def login_failure_record(*, login: str, address: str | None = None, now: dt.datetime | None = None) -> LoginLock | None:
    """Count one failed login; returns the lock now in force, if this failure (or an earlier one) caused one.

    Audits ``accounts.user.locked`` once, on the failure that locks an account.
    """
    moment = now or clock.now()
    user = find_login_user(login)
    lock: LoginLock | None = None
    with transaction.atomic():
        for scope, key in _throttle_keys(user, address):
            row = _locked_row(scope, key)
            before = _state(row)
            after = rules.throttle_after_failure(
                before, now=moment, max_failures=_max_failures(scope), lockout=_lockout()
            )
            row.failure_count = after.failure_count
            row.last_failure_at = after.last_failure_at
            row.locked_until = after.locked_until
            row.save(update_fields=["failure_count", "last_failure_at", "locked_until"])
            if rules.lock_started(before, after, moment):
                audit_record(
                    code="accounts.user.locked" if scope == ThrottleScope.ACCOUNT else "accounts.address.locked",
                    actor=None,
                    obj=user if scope == ThrottleScope.ACCOUNT else row,
                    after={"failures": after.failure_count, "locked_until": after.locked_until, "scope": scope},
                    now=moment,
                )
            if lock is None and after.locked_until is not None and rules.is_locked(after, moment):
                lock = LoginLock(scope=scope, locked_until=after.locked_until)
    return lock


def login_success_record(*, user: User, now: dt.datetime | None = None) -> None:
    """A successful login clears the account's consecutive failures (the address counter is kept)."""
    with transaction.atomic():
        LoginThrottle.objects.filter(scope=ThrottleScope.ACCOUNT, key=str(user.pk)).update(
            failure_count=0, last_failure_at=None, locked_until=None
        )


# ---------------------------------------------------------------------------------------------
# Passwords
# ---------------------------------------------------------------------------------------------


def reset_permission(*, actor: Any, user: User, on: dt.date | None = None) -> RuleResult:
    """Whether ``actor`` may reset ``user``'s password (gathers the values for ``rules.can_reset_password``)."""
    target_paths = [selectors.unit_path(unit_id) for unit_id in selectors.target_unit_ids(user, on)]
    return rules.can_reset_password(
        roles_by_unit=selectors.roles_by_unit(actor, on),
        target_paths=target_paths,
        target_is_privileged=user.is_superuser or user.is_staff,
        is_self=actor.pk == user.pk,
        is_superuser=bool(getattr(actor, "is_superuser", False)),
    )


def user_password_reset(
    *, user: User, actor: Any, new_password: str | None = None, now: dt.datetime | None = None
) -> str:
    """Staff set a temporary password (or generate one) for ``user``; returns it so it can be shown once.

    The user must change it at next login (``must_change_password``). The account's lockout is lifted.
    The password itself never reaches the audit trail.
    """
    moment = now or clock.now()
    with transaction.atomic():
        locked = User.objects.select_for_update().get(pk=user.pk)
        _refuse(reset_permission(actor=actor, user=locked, on=clock.localdate(moment)), PASSWORD_MESSAGES)
        password = new_password if new_password else rules.generate_temporary_password()
        try:
            validate_password(password, user=locked)
        except ValidationError as error:
            raise DomainError("accounts.password.invalid", " ".join(error.messages)) from error
        locked.set_password(password)
        locked.must_change_password = True
        locked.save(update_fields=["password", "must_change_password"])
        LoginThrottle.objects.filter(scope=ThrottleScope.ACCOUNT, key=str(locked.pk)).update(
            failure_count=0, last_failure_at=None, locked_until=None
        )
        unit_ids = sorted(selectors.target_unit_ids(locked, clock.localdate(moment)))
        audit_record(
            code="accounts.password.reset",
            actor=actor,
            unit=unit_ids[0] if unit_ids else None,
            obj=locked,
            after={"must_change_password": True, "generated": not new_password},
            now=moment,
        )
    user.password = locked.password
    user.must_change_password = True
    return password


def user_password_change(*, user: User, new_password: str, now: dt.datetime | None = None) -> User:
    """The user sets their own new password (already validated by the form); clears ``must_change_password``."""
    moment = now or clock.now()
    with transaction.atomic():
        locked = User.objects.select_for_update().get(pk=user.pk)
        was_forced = locked.must_change_password
        locked.set_password(new_password)
        locked.must_change_password = False
        locked.save(update_fields=["password", "must_change_password"])
        audit_record(
            code="accounts.password.changed",
            actor=locked,
            obj=locked,
            before={"must_change_password": was_forced},
            after={"must_change_password": False},
            now=moment,
        )
    user.password = locked.password
    user.must_change_password = False
    return locked


def _free_username(base: str) -> str:
    base = (base or "nguoi-dan")[:140]
    candidate, number = base, 1
    while User.objects.filter(username=candidate).exists():
        number += 1
        candidate = f"{base}-{number}"
    return candidate


def resident_account_create(
    *,
    resident: Any,
    full_name: str = "",
    username_parts: tuple[str, ...] = (),
    unit: AdministrativeUnit | int | None = None,
    actor: Any,
    now: dt.datetime | None = None,
) -> tuple[User, str]:
    """Create a login for a resident who has none (e.g. a newly elected village head).

    The username is the resident's phone number when it is valid and used by no other account
    (they can then log in by phone); otherwise a slug of ``username_parts`` (name, household code).
    The temporary password is returned once, must be changed at first login and is never audited.
    The resident record is linked to the new account. Call inside the caller's transaction.
    """
    moment = now or clock.now()
    name = full_name or (resident.full_name if resident is not None else "")
    phone = rules.normalise_phone(resident.phone) if resident is not None and resident.phone else None
    if phone is not None and User.objects.filter(Q(phone=phone) | Q(username=phone)).exists():
        phone = None
    username = phone or _free_username(rules.username_slug(*(username_parts or (name,))))
    password = rules.generate_temporary_password()
    with transaction.atomic():
        user = User.objects.create_user(username=username, password=password, full_name=name, phone=phone)
        user.must_change_password = True
        user.save(update_fields=["must_change_password"])
        if resident is not None:
            resident.user = user
            resident.save(update_fields=["user", "updated_at"])
        audit_record(
            code="accounts.user.created",
            actor=actor,
            unit=unit,
            obj=user,
            after={
                "username": username,
                "resident": getattr(resident, "pk", None),
                "must_change_password": True,
            },
            now=moment,
        )
    return user, password
