"""Text that the database would refuse is refused first, with a Vietnamese message, on every save.

PostgreSQL refuses a NUL character in text and a value longer than a ``CharField``'s ``max_length``; SQLite
accepts both. A service called by an import, the API or a job (not through a form, whose fields already check
both) would then answer a server error on PostgreSQL only. ``pre_save`` runs this check on every model of the
platform, so such input becomes a ``DomainError`` inside the service's transaction, which writes nothing
(found by ``tests/test_service_properties.py``). Bulk writes skip signals: their callers validate rows first.
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.utils.translation import gettext as _

from grassroots.core.errors import DomainError


def check_text_fields(instance: models.Model) -> None:
    for field in instance._meta.concrete_fields:
        if not isinstance(field, models.CharField | models.TextField):
            continue
        value = getattr(instance, field.attname, None)
        if not isinstance(value, str):
            continue
        label = str(field.verbose_name)
        if "\x00" in value:
            raise DomainError(
                "core.text.null_character",
                _("%(field)s chứa ký tự rỗng (NUL): hãy nhập lại.") % {"field": label},
                field=field.name,
            )
        if isinstance(field, models.CharField) and field.max_length is not None and len(value) > field.max_length:
            raise DomainError(
                "core.text.too_long",
                _("%(field)s dài quá %(max)s ký tự.") % {"field": label, "max": field.max_length},
                field=field.name,
            )


def guard_text(sender: Any, instance: models.Model, raw: bool = False, **kwargs: Any) -> None:
    if raw or not type(instance).__module__.startswith("grassroots."):
        return  # fixtures load as they are; Django's own models are checked by their forms
    check_text_fields(instance)
