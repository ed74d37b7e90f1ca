"""The permanent satisfaction rating of the commune's procedures and officers ([L] arts 34–35, law.md §4.2).

The desk records each procedure it hands over (``service_use_record``: which service, to whom, by which officer);
the resident then rates it once (``service_rate``): the procedure 1–5 and, if they wish, the officer 1–5. The
chair sees the results per service and per officer; the public sees them per service only, never who rated, and
an average only over ``rules.PUBLIC_RATING_MIN_COUNT`` ratings or more. Case ratings stay on the case
(``services.case_rate``).

Services follow the house rule (keyword-only, ``transaction.atomic``, the Action matrix, ``audit_record``); the
selectors below let the database count.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Avg, Count, QuerySet
from django.utils.translation import gettext_lazy as _

from grassroots.accounts import selectors as account_selectors
from grassroots.accounts.rules import Action
from grassroots.core import clock
from grassroots.core.errors import DomainError
from grassroots.core.services import audit_record
from grassroots.petitions import rules
from grassroots.petitions.models import CommuneService, ServiceRating, ServiceUse
from grassroots.petitions.selectors import RatingRow
from grassroots.petitions.services import MESSAGES as CASE_MESSAGES
from grassroots.units.models import AdministrativeUnit

MESSAGES = {
    "petitions.service.unknown": _("Hãy chọn một thủ tục trong danh mục."),
    "petitions.service.future_date": _("Ngày trả kết quả không được sau hôm nay."),
    "petitions.service.no_resident": _("Hãy chọn người dân đã nhận kết quả."),
    "petitions.service.resident_elsewhere": _("Người này không phải người dân đang cư trú tại xã, phường này."),
    "petitions.service.officer_elsewhere": _("Cán bộ giải quyết phải là cán bộ của xã, phường này."),
    "petitions.service.not_authorised": _("Bạn không có quyền ghi nhận thủ tục ở xã, phường này."),
    "petitions.service.not_yours": _("Bạn chỉ đánh giá được thủ tục của chính mình."),
    "petitions.service.already_rated": _("Bạn đã đánh giá thủ tục này; mỗi lần giải quyết chỉ đánh giá một lần."),
    "petitions.service.bad_rating": _("Mức độ hài lòng từ 1 đến 5."),
    "petitions.service.no_officer": _("Thủ tục này không ghi tên cán bộ giải quyết nên không đánh giá cán bộ được."),
    "petitions.service.reference_too_long": _("Số biên nhận không quá 50 ký tự."),
}


def residents_of(unit: AdministrativeUnit) -> Any:
    """Active accounts of people living in the commune today: linked to a household book entry of one of its
    villages that they have not left."""
    from grassroots.accounts.models import User

    return User.objects.filter(
        is_active=True, resident__left_on__isnull=True, resident__household__community__parent=unit
    )


def _fail(code: str, **params: Any) -> DomainError:
    message = MESSAGES.get(code) or CASE_MESSAGES.get(code, code)
    text = str(message)
    if params:
        text = text % params
    return DomainError(code, text, **params)


def service_use_record(
    *,
    unit: AdministrativeUnit,
    service: str,
    resident: Any,
    officer: Any = None,
    received_on: dt.date,
    reference: str = "",
    actor: Any,
    now: dt.datetime | None = None,
) -> ServiceUse:
    """The desk records a procedure it handed over, so that its resident may rate it."""
    moment = now or clock.now()
    today = clock.localdate(moment)
    with transaction.atomic():
        if not account_selectors.user_can(actor, Action.HANDLE_CASES, unit, today):
            raise _fail("petitions.service.not_authorised")
        if service not in CommuneService.values:
            raise _fail("petitions.service.unknown")
        if resident is None or getattr(resident, "pk", None) is None:
            raise _fail("petitions.service.no_resident")
        if not residents_of(unit).filter(pk=resident.pk).exists():
            raise _fail("petitions.service.resident_elsewhere")
        if officer is not None and not account_selectors.user_can(officer, Action.HANDLE_CASES, unit, received_on):
            raise _fail("petitions.service.officer_elsewhere")
        result = rules.check_service_use(received_on=received_on, today=today)
        if not result:
            raise _fail(result.code)
        reference = reference.strip()
        if len(reference) > 50:
            raise _fail("petitions.service.reference_too_long")
        use = ServiceUse.objects.create(
            unit=unit,
            service=service,
            resident=resident,
            officer=officer,
            received_on=received_on,
            reference=reference,
            recorded_by=actor,
            recorded_at=moment,
        )
        audit_record(
            code="petitions.service.recorded",
            actor=actor,
            unit=unit,
            obj=use,
            after={"service": service, "received_on": received_on, "officer": getattr(officer, "pk", None)},
            now=moment,
        )
    return use


def service_rate(
    *,
    use: ServiceUse,
    service_score: int,
    officer_score: int | None = None,
    comment: str = "",
    actor: Any,
    now: dt.datetime | None = None,
) -> ServiceRating:
    """The resident rates a procedure they received, once. The audit event says that it was rated, not how: the
    scores are read only as aggregates."""
    moment = now or clock.now()
    comment = comment.strip()
    try:
        with transaction.atomic():
            locked = ServiceUse.objects.select_for_update().get(pk=use.pk)
            if locked.resident_id is None or locked.resident_id != getattr(actor, "pk", None):
                raise _fail("petitions.service.not_yours")
            result = rules.check_service_rating(
                service_score=service_score,
                officer_score=officer_score,
                has_officer=locked.officer_id is not None,
                already_rated=ServiceRating.objects.filter(use=locked).exists(),
                comment=comment,
            )
            if not result:
                raise _fail(result.code, **result.params)
            rating = ServiceRating.objects.create(
                use=locked,
                service_score=service_score,
                officer_score=officer_score,
                comment=comment,
                rated_at=moment,
            )
            audit_record(
                code="petitions.service.rated",
                actor=actor,
                unit=locked.unit_id,
                obj=locked,
                after={"rated": True, "officer_rated": officer_score is not None},
                now=moment,
            )
    except IntegrityError as race:
        # Two requests of the same account at once (two phones): where the row lock does not serialise them
        # (SQLite), the one-to-one column refuses the second.
        raise _fail("petitions.service.already_rated") from race
    return rating


# --- reads --------------------------------------------------------------------------------------


def my_service_uses(user: Any) -> QuerySet[ServiceUse]:
    """The procedures a resident received, newest first, with their rating if given."""
    return ServiceUse.objects.filter(resident=user).select_related("unit", "officer", "rating")


def own_service_use(user: Any, pk: int) -> ServiceUse | None:
    return my_service_uses(user).filter(pk=pk).first()


def recent_service_uses(unit: AdministrativeUnit, limit: int = 50) -> list[ServiceUse]:
    """For the desk: the latest procedures recorded, and whether each was rated (not how)."""
    return list(ServiceUse.objects.filter(unit=unit).select_related("resident", "officer", "rating")[:limit])


def satisfaction_by_service(unit: AdministrativeUnit | int, *, minimum: int = 1) -> list[RatingRow]:
    """Ratings per service of the catalogue; below ``minimum`` ratings the average is withheld (``None``)."""
    rows = (
        ServiceRating.objects.filter(use__unit=unit)
        .values("use__service")
        .annotate(count=Count("pk"), average=Avg("service_score"))
        .order_by("use__service")
    )
    return [
        RatingRow(
            label=str(CommuneService(row["use__service"]).label),
            count=int(row["count"]),
            average=round(float(row["average"]), 2) if row["count"] >= minimum else None,
        )
        for row in rows
    ]


def satisfaction_by_service_officer(unit: AdministrativeUnit | int) -> list[RatingRow]:
    """For the chair: the officers' own scores given with the procedures they handled."""
    rows = (
        ServiceRating.objects.filter(use__unit=unit, officer_score__isnull=False)
        .values("use__officer__full_name", "use__officer__username")
        .annotate(count=Count("pk"), average=Avg("officer_score"))
        .order_by("use__officer__full_name", "use__officer__username")
    )
    return [
        RatingRow(
            label=str(row["use__officer__full_name"] or row["use__officer__username"] or "—"),
            count=int(row["count"]),
            average=round(float(row["average"]), 2),
        )
        for row in rows
    ]
