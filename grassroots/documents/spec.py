"""The plain, JSON-serialisable description of a document: what the renderers draw.

No database, no Django models: a ``DocumentSpec`` is built by the service (or by a gallery sample),
stored in ``Document.content`` and rendered again from there by ``render_document --id``.

The body is a small typed tree of dicts (JSON as stored):

- ``{"type": "section", "title": "MỤC ĐÍCH", "children": [...]}`` → "I. MỤC ĐÍCH" (roman, bold);
- ``{"type": "item", "title": "Mục đích", "text": "...", "children": [...]}`` → "1.", nested "1.1.";
- ``{"type": "article", "title": "...", "text": "...", "children": [...]}`` → "Điều 1. ...";
- ``{"type": "lettered", "text": "...", "children": [...]}`` → "a)", "b)";
- ``{"type": "bullet", "text": "..."}`` → "- ...";
- ``{"type": "paragraph", "text": "..."}``;
- ``{"type": "table", "header": ["TT", "Nội dung"], "rows": [["1", "..."]], "widths": [1, 5]}``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field
from typing import Any

BODY_NODE_TYPES = frozenset({"section", "item", "article", "lettered", "bullet", "paragraph", "table"})
"""Node types the body tree accepts."""


@dataclass(frozen=True)
class IssuingBody:
    """The issuing body as printed (cơ quan ban hành) and what its signature blocks need."""

    name_lines: tuple[str, ...]
    abbreviation: str
    place_name: str
    parent_lines: tuple[str, ...] = ()
    collective_name: str = ""
    head_title: str = ""
    archive_unit: str = ""


@dataclass(frozen=True)
class SignatureBlock:
    """The signer's authority and position lines (upper case) and name (quyền hạn, chức vụ, họ tên)."""

    lines: tuple[str, ...]
    signer_name: str
    authority: str = ""


@dataclass(frozen=True)
class Recipients:
    """``Kính gửi`` addressees, the ``Nơi nhận`` entries and the drafting unit kept in the archive line."""

    addressees: tuple[str, ...] = ()
    copies: tuple[str, ...] = ()
    archive_unit: str = ""


@dataclass(frozen=True)
class Appendix:
    """An appendix (phụ lục): its own title and body, numbered I, II, … after the signature."""

    title: str
    body: list[dict[str, Any]] = field(default_factory=list)


@dataclass(frozen=True)
class DocumentSpec:
    """Everything the layout needs. ``number`` and ``issued_on`` are empty on a draft."""

    kind: str
    issuer: IssuingBody
    summary: str
    body: list[dict[str, Any]]
    signatures: tuple[SignatureBlock, ...]
    recipients: Recipients
    number: int | None = None
    issued_on: dt.date | None = None
    legal_bases: tuple[str, ...] = ()
    drafting_unit: str = ""
    enacting_authority: str = ""
    enacting_word: str = ""
    appendices: tuple[Appendix, ...] = ()
    secrecy: str = ""
    urgency: str = ""
    public_url: str = ""
    is_public: bool = False

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["issued_on"] = self.issued_on.isoformat() if self.issued_on else None
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> DocumentSpec:
        issuer = data["issuer"]
        recipients = data.get("recipients") or {}
        issued_on = data.get("issued_on")
        return cls(
            kind=data["kind"],
            issuer=IssuingBody(
                name_lines=tuple(issuer.get("name_lines", ())),
                abbreviation=issuer.get("abbreviation", ""),
                place_name=issuer.get("place_name", ""),
                parent_lines=tuple(issuer.get("parent_lines", ())),
                collective_name=issuer.get("collective_name", ""),
                head_title=issuer.get("head_title", ""),
                archive_unit=issuer.get("archive_unit", ""),
            ),
            summary=data.get("summary", ""),
            body=list(data.get("body", [])),
            signatures=tuple(
                SignatureBlock(
                    lines=tuple(block.get("lines", ())),
                    signer_name=block.get("signer_name", ""),
                    authority=block.get("authority", ""),
                )
                for block in data.get("signatures", [])
            ),
            recipients=Recipients(
                addressees=tuple(recipients.get("addressees", ())),
                copies=tuple(recipients.get("copies", ())),
                archive_unit=recipients.get("archive_unit", ""),
            ),
            number=data.get("number"),
            issued_on=dt.date.fromisoformat(issued_on) if issued_on else None,
            legal_bases=tuple(data.get("legal_bases", ())),
            drafting_unit=data.get("drafting_unit", ""),
            enacting_authority=data.get("enacting_authority", ""),
            enacting_word=data.get("enacting_word", ""),
            appendices=tuple(
                Appendix(title=item.get("title", ""), body=list(item.get("body", [])))
                for item in data.get("appendices", [])
            ),
            secrecy=data.get("secrecy", ""),
            urgency=data.get("urgency", ""),
            public_url=data.get("public_url", ""),
            is_public=bool(data.get("is_public", False)),
        )
