"""Reads of the documents app: how an issuer is printed, who sees which documents, public records."""

from __future__ import annotations

import datetime as dt

from django.db.models import Q, QuerySet

from grassroots.accounts.models import RoleMembership
from grassroots.accounts.rules import PERMISSION_MATRIX, Action
from grassroots.core import clock
from grassroots.documents import rules
from grassroots.documents.models import Document, IssuingBodyKind
from grassroots.documents.spec import DocumentSpec, IssuingBody
from grassroots.units.models import AdministrativeUnit, Organisation, UnitLevel

STAFF_ROLES: frozenset[str] = frozenset(
    role for role, actions in PERMISSION_MATRIX.items() if Action.VIEW_DOCUMENTS in actions
)
"""Roles that work with official documents on the staff pages: those the Action matrix grants ``VIEW_DOCUMENTS``."""


def default_issuing_body(issuer: AdministrativeUnit | Organisation) -> str:
    if isinstance(issuer, Organisation):
        return str(IssuingBodyKind.ORGANISATION)
    if issuer.level == UnitLevel.COMMUNITY:
        return str(IssuingBodyKind.COMMUNITY)
    return str(IssuingBodyKind.PEOPLE_COMMITTEE)


def issuing_body_for(issuer: AdministrativeUnit | Organisation, *, body: str | None = None) -> IssuingBody:
    """How ``issuer`` is printed, from its current record (law.md §4.5: current names, not free text)."""
    body = body or default_issuing_body(issuer)
    if isinstance(issuer, Organisation):
        unit = issuer.unit
        return rules.issuing_body_for_organisation(
            name=issuer.name,
            short_name=issuer.short_name,
            parent_name=issuer.parent.name if issuer.parent_id and issuer.parent else "",
            place_name=rules.place_name_from(name=unit.name, short_name=unit.short_name, kind_name=unit.kind.name),
        )
    parent = issuer.parent
    return rules.issuing_body_for_unit(
        body=body,
        unit_name=issuer.name,
        unit_short_name=issuer.short_name,
        unit_kind_name=issuer.kind.name,
        parent_name=parent.name if parent else "",
        parent_short_name=parent.short_name if parent else "",
        parent_kind_name=parent.kind.name if parent else "",
    )


def issuer_key_for(issuer: AdministrativeUnit | Organisation, *, body: str) -> str:
    """The numbering key of an issuing body: one register per unit body or per organisation."""
    if isinstance(issuer, Organisation):
        return f"organisation:{issuer.pk}"
    return f"unit:{issuer.pk}:{body}"


def staff_unit_ids(user: object, *, on: dt.date | None = None) -> set[int]:
    """Units whose documents ``user`` may see: where they hold a staff role today, and the units below."""
    day = on or clock.today()
    user_id = getattr(user, "pk", None)
    if user_id is None:
        return set()
    memberships = RoleMembership.objects.filter(user_id=user_id, role__in=STAFF_ROLES, valid_from__lte=day).filter(
        Q(valid_until__isnull=True) | Q(valid_until__gt=day)
    )
    ids = set(memberships.values_list("unit_id", flat=True))
    frontier = set(ids)
    for _depth in range(2):
        if not frontier:
            break
        frontier = set(AdministrativeUnit.objects.filter(parent_id__in=frontier).values_list("pk", flat=True)) - ids
        ids |= frontier
    return ids


def documents_visible_to(user: object, *, on: dt.date | None = None) -> QuerySet[Document]:
    """Issued documents of the units the user works in (all for a superuser)."""
    documents = Document.objects.select_related("issuer", "organisation")
    if getattr(user, "is_superuser", False):
        return documents
    return documents.filter(issuer_id__in=staff_unit_ids(user, on=on))


def public_document(short_code: str) -> Document | None:
    """A public document by its short code, or ``None`` (secret or non-public documents never match)."""
    return Document.objects.select_related("issuer").filter(short_code=short_code.upper(), is_public=True).first()


def document_spec(document: Document) -> DocumentSpec:
    """The stored description of an issued document, ready to render again."""
    return DocumentSpec.from_json(document.spec_json())
