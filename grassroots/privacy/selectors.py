"""Reading a person's data: every place the platform refers to their account, from ``rules.POLICY``."""

from __future__ import annotations

import datetime as dt
import decimal
import uuid
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.conf import settings
from django.db import models

from grassroots.accounts.models import User
from grassroots.core import clock
from grassroots.core.models import AuditEvent
from grassroots.privacy import rules

ACCOUNT_FIELDS = ("username", "full_name", "phone", "email", "date_joined", "last_login", "is_active")


def user_foreign_keys() -> list[str]:
    """``app.Model.field`` of every foreign key (and one-to-one) to the user model in the platform."""
    user_model = apps.get_model(settings.AUTH_USER_MODEL)
    return sorted(
        f"{model._meta.app_label}.{model.__name__}.{field.name}"
        for model in apps.get_models()
        if model.__module__.startswith("grassroots.")
        for field in model._meta.concrete_fields
        if isinstance(field, models.ForeignKey) and field.related_model is user_model
    )


def _model_field(key: str) -> tuple[type[models.Model], str]:
    app_label, model_name, field_name = key.split(".")
    return apps.get_model(app_label, model_name), field_name


def _plain(value: Any) -> Any:
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, models.fields.files.FieldFile):
        return value.name or ""
    return value


def _row(instance: models.Model) -> dict[str, Any]:
    return {
        model_field.name: _plain(getattr(instance, model_field.attname))
        for model_field in instance._meta.concrete_fields
        if model_field.name not in rules.NEVER_EXPORTED
    }


@dataclass
class Section:
    key: str
    label: str
    fate: rules.Fate
    reason: str
    rows: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class PersonalData:
    """All the platform holds on one account, and what erasure would do to each part."""

    user_id: int
    generated_at: dt.datetime
    account: dict[str, Any]
    sections: list[Section]
    acts: dict[str, int]
    audit_events: int

    def as_json(self) -> dict[str, Any]:
        return {
            "generated_at": self.generated_at.isoformat(),
            "account": self.account,
            "records": [
                {
                    "source": section.key,
                    "label": section.label,
                    "on_erasure": section.fate.value,
                    "kept_because": section.reason,
                    "rows": section.rows,
                }
                for section in self.sections
            ],
            "official_acts": self.acts,
            "audit_events_about_or_by_this_account": self.audit_events,
        }

    @property
    def account_rows(self) -> list[tuple[str, str]]:
        """The account for the page: the fields' Vietnamese labels, dates in local time (the JSON keeps raw values)."""
        from django.utils import formats, timezone

        rows = []
        for name in ACCOUNT_FIELDS:
            label = str(getattr(User._meta.get_field(name), "verbose_name", name))
            value = self.account.get(name)
            if isinstance(value, str) and name in {"date_joined", "last_login"}:
                moment = timezone.localtime(dt.datetime.fromisoformat(value))
                value = formats.date_format(moment, "d/m/Y H:i")
            elif isinstance(value, bool):
                value = "✓" if value else "—"
            rows.append((label.capitalize(), str(value) if value not in (None, "") else "—"))
        return rows

    @property
    def row_count(self) -> int:
        return sum(len(section.rows) for section in self.sections)


def personal_data(user: User, *, now: dt.datetime | None = None) -> PersonalData:
    """The person's own rows whole, their official acts as counts (those rows hold other people's data),
    and the number of audit events that name their account (kept: the trail cannot be edited)."""
    sections: list[Section] = []
    acts: dict[str, int] = {}
    for key, policy in rules.POLICY.items():
        model, field_name = _model_field(key)
        rows = model._default_manager.filter(**{f"{field_name}_id": user.pk})
        if policy.kind is rules.Kind.ACT:
            count = rows.count()
            if count:
                acts[key] = count
            continue
        found = [_row(instance) for instance in rows.order_by("pk")]
        if found:
            sections.append(
                Section(
                    key=key,
                    label=str(model._meta.verbose_name_plural),
                    fate=policy.fate,
                    reason=str(rules.REASONS.get(policy.reason, "")),
                    rows=found,
                )
            )
    account = {name: _plain(getattr(user, name)) for name in ACCOUNT_FIELDS}
    audit_events = AuditEvent.objects.filter(
        models.Q(actor_id=user.pk) | models.Q(object_type="accounts.user", object_id=str(user.pk))
    ).count()
    return PersonalData(
        user_id=user.pk,
        generated_at=now or clock.now(),
        account=account,
        sections=sections,
        acts=acts,
        audit_events=audit_events,
    )


def lookup_unit_ids(actor: Any, on: dt.date | None = None) -> set[int]:
    """The units an officer may search for a person's records: the units where they may reset a password (the
    door of erasure, ``Action.RESET_PASSWORD``) and everything below them; every unit for a superuser."""
    from grassroots.accounts import selectors as account_selectors
    from grassroots.accounts.rules import Action
    from grassroots.units.models import AdministrativeUnit

    if getattr(actor, "is_superuser", False):
        return set(AdministrativeUnit.objects.values_list("pk", flat=True))
    day = on or clock.today()
    own = {
        unit_id
        for unit_id in account_selectors.user_unit_ids(actor, day)
        if account_selectors.user_can(actor, Action.RESET_PASSWORD, unit_id, day)
    }
    return account_selectors.descendant_ids(own) if own else set()


def records_without_account(*, unit_ids: set[int], full_name: str, phone: str = "") -> list[Section]:
    """The rows of ``rules.UNLINKED_SOURCES`` in ``unit_ids`` that name ``full_name`` (extra spaces aside; as typed,
    all lower case, all capitals or each word capitalised)
    and, when given, carry ``phone``, with no account linked; confidential senders are never among them."""
    name = " ".join(full_name.split())
    sections: list[Section] = []
    if not name or not unit_ids:
        return sections
    for source in rules.UNLINKED_SOURCES:
        model = apps.get_model(source.model)
        # The name as typed, in lower case, in capitals and with each word capitalised: the same on SQLite, whose
        # case-insensitive comparisons know only ASCII letters, as on PostgreSQL.
        spellings = {name, name.lower(), name.upper(), name.title()}
        rows = model._default_manager.filter(
            **{f"{source.commune_path}__in": unit_ids, f"{source.name_field}__in": spellings}
        )
        if source.account_field:
            rows = rows.filter(**{f"{source.account_field}__isnull": True})
        if phone.strip() and source.phone_field:
            rows = rows.filter(**{source.phone_field: phone.strip()})
        for field_path, value in source.hidden:
            rows = rows.exclude(**{field_path: value})
        found = [_row(instance) for instance in rows.order_by("pk")[: rules.UNLINKED_LOOKUP_MAX_ROWS]]
        if found:
            sections.append(
                Section(
                    key=source.model,
                    label=str(model._meta.verbose_name_plural),
                    fate=rules.Fate.RETAIN,
                    reason=str(rules.REASONS.get(source.reason, "")),
                    rows=found,
                )
            )
    return sections


def labelled_rows(section: Section) -> list[list[tuple[str, Any]]]:
    """A section's rows for a page: each field's Vietnamese label and its value, empty fields left out."""
    model = apps.get_model(section.key)
    labels = {model_field.name: str(model_field.verbose_name) for model_field in model._meta.concrete_fields}
    return [
        [(labels.get(name, name), value) for name, value in row.items() if value not in ("", None)]
        for row in section.rows
    ]


def open_duties_held(user: User, day: dt.date) -> int:
    """Offices the person holds on ``day`` that are not roles of the Action matrix: the treasurer of a fund in
    office (``funds.Treasurer``, not ended) and a seat on an oversight board (``oversight.BoardMember``, not left)."""
    from django.db.models import Q

    from grassroots.funds.models import Treasurer
    from grassroots.oversight.models import BoardMember

    treasurers = Treasurer.objects.filter(user_id=user.pk, ended_at__isnull=True).count()
    seats = (
        BoardMember.objects.filter(user_id=user.pk, joined_on__lte=day)
        .filter(Q(left_on__isnull=True) | Q(left_on__gt=day))
        .count()
    )
    return treasurers + seats


def open_cases_filed_by(user: User) -> int:
    from grassroots.petitions.models import CaseIdentity, CaseStatus

    finished = {CaseStatus.CLOSED, CaseStatus.REFUSED, CaseStatus.FORWARDED, CaseStatus.WITHDRAWN}
    return CaseIdentity.objects.filter(user_id=user.pk).exclude(case__status__in=finished).count()
