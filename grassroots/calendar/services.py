"""Writes of the calendar app: staff amend the override table; every change is audited."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from typing import Any

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from grassroots.calendar import selectors
from grassroots.calendar.models import CalendarOverride, OverrideKind, OverrideScope
from grassroots.core.errors import DomainError
from grassroots.core.services import audit_record

logger = logging.getLogger(__name__)

EDITABLE_FIELDS = ("day", "kind", "scope", "name", "source", "is_uncertain", "note")


OverrideListener = Callable[[Any], None]
_override_listeners: list[OverrideListener] = []


def override_listener_register(listener: OverrideListener) -> None:
    """Call ``listener(actor)`` after every committed change to the override table.

    Apps that store dates computed from the calendar (e.g. disclosure due dates) register here in
    their ``AppConfig.ready`` so the calendar app never imports them.
    """
    if listener not in _override_listeners:
        _override_listeners.append(listener)


def _notify_listeners(actor: Any) -> None:
    for listener in list(_override_listeners):
        try:
            listener(actor)
        except Exception:  # the override change is committed; one failing listener must not hide it
            logger.exception("calendar override listener %r failed", listener)


def _clear_calendars(actor: Any = None) -> None:
    # Clear now for this process and again at commit, so no reader keeps a calendar built from
    # rows that were rolled back or from rows as they were before the commit.
    selectors.clear_cache()
    transaction.on_commit(selectors.clear_cache)
    transaction.on_commit(lambda: _notify_listeners(actor))


def override_validate(values: dict[str, Any], *, exclude_pk: int | None = None) -> None:
    """Refuse an override row that is incomplete, out of range or a second row for the same day and scope."""
    if values["kind"] not in OverrideKind.values:
        raise DomainError("calendar.override.kind_invalid", _("Loại điều chỉnh không hợp lệ."))
    if values["scope"] not in OverrideScope.values:
        raise DomainError("calendar.override.scope_invalid", _("Phạm vi áp dụng không hợp lệ."))
    if not str(values["name"]).strip():
        raise DomainError("calendar.override.name_required", _("Hãy nhập tên gọi của ngày điều chỉnh."))
    if not str(values["source"]).strip():
        raise DomainError("calendar.override.source_required", _("Hãy nhập văn bản căn cứ (số, ký hiệu, ngày)."))
    day = values["day"]
    if not isinstance(day, dt.date) or not (selectors.DEFAULT_FIRST_YEAR <= day.year <= selectors.DEFAULT_LAST_YEAR):
        raise DomainError(
            "calendar.override.day_out_of_range",
            _("Ngày phải nằm trong các năm %(first)s–%(last)s.")
            % {"first": selectors.DEFAULT_FIRST_YEAR, "last": selectors.DEFAULT_LAST_YEAR},
        )
    clash = CalendarOverride.objects.filter(day=day, scope=values["scope"])
    if exclude_pk is not None:
        clash = clash.exclude(pk=exclude_pk)
    if clash.exists():
        raise _duplicate_error()


def _duplicate_error() -> DomainError:
    return DomainError(
        "calendar.override.duplicate",
        _("Ngày này đã có một điều chỉnh cùng phạm vi; hãy sửa dòng đó thay vì thêm mới."),
    )


def override_create(
    *,
    day: dt.date,
    kind: str,
    name: str,
    source: str,
    scope: str = OverrideScope.PUBLIC,
    is_uncertain: bool = False,
    note: str = "",
    actor: Any,
    now: dt.datetime | None = None,
) -> CalendarOverride:
    """Record an announced holiday change (a swap, a make-up day, an added or removed holiday)."""
    values: dict[str, Any] = {
        "day": day,
        "kind": kind,
        "scope": scope,
        "name": name.strip(),
        "source": source.strip(),
        "is_uncertain": is_uncertain,
        "note": note.strip(),
    }
    with transaction.atomic():
        override_validate(values)
        try:
            with transaction.atomic():
                override = CalendarOverride.objects.create(**values)
        except IntegrityError as error:  # a concurrent insert of the same day and scope
            raise _duplicate_error() from error
        audit_record(code="calendar.override.created", actor=actor, obj=override, after=override.snapshot(), now=now)
        _clear_calendars(actor)
    return override


def override_update(
    *, override: CalendarOverride, actor: Any, now: dt.datetime | None = None, **changes: Any
) -> CalendarOverride:
    """Change the fields of an override row (``changes`` among ``EDITABLE_FIELDS``)."""
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")
    with transaction.atomic():
        locked = CalendarOverride.objects.select_for_update().get(pk=override.pk)
        before = locked.snapshot()
        values: dict[str, Any] = {name: getattr(locked, name) for name in EDITABLE_FIELDS}
        for name, value in changes.items():
            values[name] = value.strip() if isinstance(value, str) and name != "kind" else value
        override_validate(values, exclude_pk=locked.pk)
        for name, value in values.items():
            setattr(locked, name, value)
        try:
            with transaction.atomic():
                locked.save()
        except IntegrityError as error:
            raise _duplicate_error() from error
        after = locked.snapshot()
        if after != before:
            audit_record(code="calendar.override.updated", actor=actor, obj=locked, before=before, after=after, now=now)
            _clear_calendars(actor)
    return locked


def override_delete(*, override: CalendarOverride, actor: Any, now: dt.datetime | None = None) -> None:
    """Remove an override row; the day falls back to what the ``holidays`` package says."""
    with transaction.atomic():
        locked = CalendarOverride.objects.select_for_update().get(pk=override.pk)
        before = locked.snapshot()
        audit_record(code="calendar.override.deleted", actor=actor, obj=locked, before=before, now=now)
        locked.delete()
        _clear_calendars(actor)
