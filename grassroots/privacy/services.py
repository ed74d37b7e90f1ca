"""Erasing a person's data on their request, within what the law lets the platform forget."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from grassroots.accounts import selectors as account_selectors
from grassroots.accounts import services as account_services
from grassroots.accounts.models import RoleMembership, User
from grassroots.accounts.rules import STAFF_ROLES
from grassroots.core import clock
from grassroots.core.errors import DomainError, RuleResult
from grassroots.core.services import audit_record
from grassroots.privacy import rules, selectors

MESSAGES: dict[str, Any] = {
    "privacy.erasure_disabled": _("Nền tảng này không bật chức năng xóa dữ liệu cá nhân."),
    "privacy.already_erased": _("Dữ liệu của tài khoản này đã được xóa."),
    "privacy.has_roles": _(
        "Người này còn giữ %(count)s vai trò. Hãy kết thúc các vai trò trước khi xóa dữ liệu, để việc họ đã làm "
        "vẫn tra cứu được."
    ),
    "privacy.open_duties": _(
        "Người này đang giữ %(count)s nhiệm vụ (thủ quỹ của một quỹ, thành viên Ban Thanh tra nhân dân hoặc Ban "
        "giám sát đầu tư của cộng đồng). Hãy cho thôi nhiệm vụ trước khi xóa dữ liệu, để sổ quỹ và biên bản "
        "vẫn ghi được ai đã làm."
    ),
    "privacy.open_cases": _(
        "Người này có %(count)s phản ánh, kiến nghị, khiếu nại hoặc tố cáo đang giải quyết: xóa sau khi có kết quả."
    ),
    "privacy.reason_required": _("Hãy ghi rõ người dân đề nghị xóa khi nào, bằng hình thức nào."),
    "privacy.not_allowed": _(
        "Bạn không có quyền xóa dữ liệu của tài khoản này (chỉ cán bộ quản lý mọi đơn vị của người đó; "
        "không ai tự xóa tài khoản của mình ở đây)."
    ),
    "privacy.lookup_name_required": _("Hãy nhập họ và tên của người cần tra cứu."),
    "privacy.confirmation_mismatch": _("Tên đăng nhập nhập lại không khớp với tài khoản cần xóa."),
}


def _refuse(result: RuleResult) -> None:
    if not result.allowed:
        message = MESSAGES.get(result.code, result.code)
        raise DomainError(result.code, str(message) % result.params if result.params else str(message))


def erasure_check(*, user: User, actor: Any, reason: str = "x", on: dt.date | None = None) -> RuleResult:
    """The permission (an officer over every unit of the person: the door of a password reset), then the rule."""
    day = on or clock.today()
    if not user.is_active and user.full_name == rules.ERASED_NAME:
        return RuleResult.refuse("privacy.already_erased")  # before the door: the account no longer has units
    door = account_services.reset_permission(actor=actor, user=user, on=day)
    if not door.allowed:
        return door
    return rules.check_erasure(
        enabled=bool(getattr(settings, "GRASSROOTS_PERSONAL_DATA_ERASURE", True)),
        active_roles=RoleMembership.objects.active_on(day).filter(user_id=user.pk, role__in=STAFF_ROLES).count(),
        open_cases=selectors.open_cases_filed_by(user),
        reason=reason,
        already_erased=not user.is_active and user.full_name == rules.ERASED_NAME,
        open_duties=selectors.open_duties_held(user, day),
    )


def unlinked_lookup(
    *, actor: Any, full_name: str, phone: str, reason: str, now: dt.datetime | None = None
) -> list[selectors.Section]:
    """An officer finds, on a person's request, what the commune's records hold on someone with no account.

    Inside the officer's communes only (``selectors.lookup_unit_ids``); confidential senders never appear.
    Each lookup is an access to personal data and is recorded (who, when, why, how many rows of each kind:
    never the name searched nor the rows), so a lookup made out of curiosity is traceable.
    """
    moment = now or clock.now()
    day = clock.localdate(moment)
    if not reason.strip():
        raise DomainError("privacy.reason_required", str(MESSAGES["privacy.reason_required"]))
    if not " ".join(full_name.split()):
        raise DomainError("privacy.lookup_name_required", str(MESSAGES["privacy.lookup_name_required"]))
    unit_ids = selectors.lookup_unit_ids(actor, day)
    if not unit_ids:
        raise DomainError("privacy.not_allowed", str(MESSAGES["privacy.not_allowed"]))
    sections = selectors.records_without_account(unit_ids=unit_ids, full_name=full_name, phone=phone)
    with transaction.atomic():
        audit_record(
            code="privacy.personal_data.looked_up",
            actor=actor,
            unit=next((unit for unit in sorted(account_selectors.user_unit_ids(actor, day)) if unit in unit_ids), None),
            obj=None,
            after={
                "reason": reason.strip()[:300],
                "with_phone": bool(phone.strip()),
                "found": {section.key: len(section.rows) for section in sections},
            },
            now=moment,
        )
    return sections


@dataclass(frozen=True)
class ErasureReport:
    erased: dict[str, int]
    unlinked: dict[str, int]
    retained: dict[str, int]


def personal_data_erase(
    *, user: User, actor: Any, reason: str, confirm_username: str, now: dt.datetime | None = None
) -> ErasureReport:
    """Erase what the person's account holds for their convenience, cut their account from the records the
    law keeps, and strip the account itself of every identifying detail. All or nothing.

    Kept (``rules.POLICY``): records of procedures, official acts, case files, the household register and
    the audit trail, which cannot be edited; the audit event of the erasure holds counts, never the data.
    """
    moment = now or clock.now()
    day = clock.localdate(moment)
    with transaction.atomic():
        locked = User.objects.select_for_update().get(pk=user.pk)
        if confirm_username.strip() != locked.get_username():
            raise DomainError("privacy.confirmation_mismatch", str(MESSAGES["privacy.confirmation_mismatch"]))
        unit_ids = sorted(account_selectors.target_unit_ids(locked, day))
        result = erasure_check(user=locked, actor=actor, reason=reason, on=day)
        if not result.allowed and result.code.startswith("accounts."):
            raise DomainError("privacy.not_allowed", str(MESSAGES["privacy.not_allowed"]))
        _refuse(result)
        erased: dict[str, int] = {}
        unlinked: dict[str, int] = {}
        retained: dict[str, int] = {}
        for key, policy in rules.POLICY.items():
            model, field_name = selectors._model_field(key)
            rows = model._default_manager.filter(**{f"{field_name}_id": locked.pk})
            if policy.fate is rules.Fate.ERASE:
                count, _detail = rows.delete()
                if count:
                    erased[key] = count
            elif policy.fate is rules.Fate.UNLINK:
                count = rows.update(**{field_name: None}, **dict(policy.clear))
                if count:
                    unlinked[key] = count
            elif count := rows.count():
                retained[key] = count
        locked.full_name = rules.ERASED_NAME
        locked.first_name = locked.last_name = locked.email = ""
        locked.phone = None
        locked.username = f"da-xoa-{locked.pk}"
        locked.is_active = False
        locked.set_unusable_password()
        locked.save()
        audit_record(
            code="privacy.personal_data.erased",
            actor=actor,
            unit=unit_ids[0] if unit_ids else None,
            obj=locked,
            after={"erased": erased, "unlinked": unlinked, "retained": retained},
            now=moment,
        )
    return ErasureReport(erased=erased, unlinked=unlinked, retained=retained)
