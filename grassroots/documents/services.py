"""Writes of the documents app: issuing a document (number, files, audit event).

Other apps call ``document_issue`` at the end of their workflows (a notice of disclosure, minutes,
a recognition decision, a report) and keep the returned ``Document``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import secrets
from collections.abc import Sequence
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.urls import NoReverseMatch, reverse

from grassroots.core import clock
from grassroots.core.errors import DomainError
from grassroots.core.services import audit_record
from grassroots.documents import rules
from grassroots.documents.layout import build_layout
from grassroots.documents.models import Document, DocumentNumberCounter
from grassroots.documents.render_docx import render_docx
from grassroots.documents.render_pdf import render_pdf
from grassroots.documents.selectors import default_issuing_body, issuer_key_for, issuing_body_for
from grassroots.documents.spec import Appendix, DocumentSpec, IssuingBody, Recipients, SignatureBlock
from grassroots.units.models import AdministrativeUnit, Organisation

SHORT_CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
"""No 0/O, 1/I/L: the code is read off paper and typed on a phone."""
SHORT_CODE_LENGTH = 8
DEFAULT_PUBLIC_URL = "http://localhost:8000"
"""Used when settings.GRASSROOTS_PUBLIC_URL is not set (the QR code needs an absolute address)."""


def _new_short_code() -> str:
    while True:
        code = "".join(secrets.choice(SHORT_CODE_ALPHABET) for _ in range(SHORT_CODE_LENGTH))
        if not Document.objects.filter(short_code=code).exists():
            return code


def public_link(short_code: str) -> str:
    """The absolute short link printed under the QR code: ``<site>/v/<code>``."""
    try:
        path = reverse("documents_public:record", args=[short_code])
    except NoReverseMatch:
        path = f"/v/{short_code}"
    base = str(getattr(settings, "GRASSROOTS_PUBLIC_URL", "") or DEFAULT_PUBLIC_URL).rstrip("/")
    return f"{base}{path}"


def document_number_allocate(*, issuer_key: str, year: int, series: str) -> int:
    """The next number of a series, under a row lock (safe under concurrent issuing on PostgreSQL).

    Must run inside the caller's transaction so the number is given back if the issue fails.
    """
    with transaction.atomic():
        # get_or_create survives two first issuers of the year racing: the loser's INSERT fails on the
        # unique constraint inside a savepoint and it reads the winner's row instead.
        DocumentNumberCounter.objects.get_or_create(issuer_key=issuer_key, year=year, series=series)
        counter = DocumentNumberCounter.objects.select_for_update().get(issuer_key=issuer_key, year=year, series=series)
        counter.last_number += 1
        counter.save(update_fields=["last_number"])
        return counter.last_number


def _file_name(spec: DocumentSpec, symbol: str, extension: str) -> str:
    return f"{spec.number or 0:02d}-{rules.fold_accents(symbol)}.{extension}"


def document_issue(
    *,
    kind: str,
    issuer: AdministrativeUnit | Organisation,
    summary: str,
    body: list[dict[str, Any]],
    signer: SignatureBlock | Sequence[SignatureBlock],
    recipients: Recipients,
    actor: Any,
    issuing_body: str | None = None,
    signer_user: Any = None,
    legal_bases: Sequence[str] = (),
    drafting_unit: str = "",
    enacting_authority: str = "",
    enacting_word: str = "",
    appendices: Sequence[Appendix] = (),
    secrecy: str = "",
    urgency: str = "",
    is_public: bool = False,
    series: str | None = None,
    printed_issuer: IssuingBody | None = None,
    now: dt.datetime | None = None,
) -> Document:
    """Validate, number, render (DOCX + PDF), store and audit one official document.

    ``issuer`` is the unit (commune, province, village) or organisation; ``issuing_body`` picks
    its body (``IssuingBodyKind``: People's Committee by default, Council, community). The date line
    and the numbering year are the issue day in Asia/Ho_Chi_Minh. ``printed_issuer`` prints another body
    of the issuer in the header (a board of the commune or organisation, under its directing body), numbered
    in its own ``series``. Refusals:
    ``documents.incomplete`` (message lists every missing component, ``params["missing"]`` their codes).
    """
    moment = now or clock.now()
    day = clock.localdate(moment)
    body_kind = issuing_body or default_issuing_body(issuer)
    printed_issuer = printed_issuer or issuing_body_for(issuer, body=body_kind)
    signatures = (signer,) if isinstance(signer, SignatureBlock) else tuple(signer)
    spec = DocumentSpec(
        kind=kind,
        issuer=printed_issuer,
        summary=" ".join(summary.split()),
        body=list(body),
        signatures=signatures,
        recipients=recipients,
        issued_on=day,
        legal_bases=tuple(legal_bases),
        drafting_unit=drafting_unit.strip(),
        enacting_authority=enacting_authority,
        enacting_word=enacting_word,
        appendices=tuple(appendices),
        secrecy=secrecy,
        urgency=urgency,
        is_public=is_public,
    )
    missing = rules.document_missing_components(spec)
    if missing:
        raise DomainError(
            "documents.incomplete", rules.incomplete_message(missing), missing=[item.code for item in missing]
        )
    unit = issuer.unit if isinstance(issuer, Organisation) else issuer
    key = issuer_key_for(issuer, body=body_kind)
    number_series = rules.number_series(secrecy=secrecy, series=series)
    symbol = rules.format_symbol(
        kind=kind, issuer_abbreviation=printed_issuer.abbreviation, drafting_unit=spec.drafting_unit
    )
    with transaction.atomic():
        number = document_number_allocate(issuer_key=key, year=day.year, series=number_series)
        short_code = _new_short_code()
        spec = dataclasses.replace(spec, number=number, public_url=public_link(short_code) if is_public else "")
        layout = build_layout(spec)
        docx_bytes = render_docx(layout)
        pdf = render_pdf(layout)
        document = Document(
            kind=kind,
            issuer=unit,
            issuing_body=body_kind,
            organisation=issuer if isinstance(issuer, Organisation) else None,
            issuer_key=key,
            year=day.year,
            series=number_series,
            number=number,
            symbol=symbol,
            issued_on=day,
            issued_at=moment,
            summary=spec.summary[:500],
            signer_name=signatures[0].signer_name if len(signatures) == 1 else signatures[-1].signer_name,
            signer=signer_user,
            issued_by=actor if getattr(actor, "is_authenticated", False) else None,
            is_public=is_public,
            short_code=short_code,
            content=spec.to_json(),
            pdf_pages=pdf.pages,
        )
        document.docx_file.save(_file_name(spec, symbol, "docx"), ContentFile(docx_bytes), save=False)
        document.pdf_file.save(_file_name(spec, symbol, "pdf"), ContentFile(pdf.content), save=False)
        try:
            document.save()
            audit_record(
                code="documents.document.issued",
                actor=actor,
                unit=unit,
                obj=document,
                after={
                    "number": document.number_label,
                    "kind": kind,
                    "summary": document.summary,
                    "issued_on": day,
                    "is_public": is_public,
                    "short_code": short_code if is_public else "",
                },
                now=moment,
            )
        except Exception:
            # The transaction rolls back the row; the files on disk must go too.
            document.docx_file.delete(save=False)
            document.pdf_file.delete(save=False)
            raise
    return document
