"""From a ``DocumentSpec`` to the intermediate layout both renderers draw (DOCX and HTML→PDF).

Everything that must read the same in both files is decided here once: the number and date lines,
numbering of the body (I., 1., 1.1., a), Điều 1.), punctuation of the legal bases, the signature
and recipients blocks, the appendix headings and the QR caption.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from grassroots.documents import rules
from grassroots.documents.models import DocumentType
from grassroots.documents.spec import DocumentSpec, SignatureBlock

ROMAN: tuple[tuple[int, str], ...] = (
    (1000, "M"),
    (900, "CM"),
    (500, "D"),
    (400, "CD"),
    (100, "C"),
    (90, "XC"),
    (50, "L"),
    (40, "XL"),
    (10, "X"),
    (9, "IX"),
    (5, "V"),
    (4, "IV"),
    (1, "I"),
)


def roman(number: int) -> str:
    result = ""
    for value, letters in ROMAN:
        while number >= value:
            result += letters
            number -= value
    return result


def letter(index: int) -> str:
    """a, b, c … (the Vietnamese alphabet skips none of the ASCII letters used in practice)."""
    letters = "abcdefghijklmnopqrstuvwxyz"
    return letters[index] if index < len(letters) else f"{letters[index // 26 - 1]}{letters[index % 26]}"


@dataclass
class Line:
    """One paragraph: an optional label ("I.", "1.1.", "Điều 2.", "a)", "-") and its text."""

    text: str
    label: str = ""
    bold: bool = False
    label_bold: bool = False
    italic: bool = False
    role: str = "paragraph"


@dataclass
class Table:
    header: list[str]
    rows: list[list[str]]
    widths: list[float]


Block = Line | Table


@dataclass
class AppendixLayout:
    heading: str
    title: str
    reference: str
    blocks: list[Block]


@dataclass
class Layout:
    parent_lines: list[str]
    issuer_lines: list[str]
    number_line: str
    date_line: str
    marks: list[str]
    letter_summary: str
    type_name: str
    summary: str
    addressees: list[str]
    enacting_authority: str
    legal_bases: list[str]
    enacting_word: str
    body: list[Block]
    signatures: list[SignatureBlock]
    recipient_lines: list[str]
    appendices: list[AppendixLayout] = field(default_factory=list)
    public_url: str = ""
    national_title: str = rules.NATIONAL_TITLE
    motto: str = rules.MOTTO
    recipients_heading: str = "Nơi nhận:"

    @property
    def is_letter(self) -> bool:
        return not self.type_name

    def all_text(self) -> str:
        """Plain text of the whole document, for search and tests."""
        parts = [*self.parent_lines, *self.issuer_lines, self.national_title, self.motto]
        parts += [self.number_line, self.date_line, *self.marks, self.letter_summary, self.type_name, self.summary]
        parts += [*self.addressees, self.enacting_authority, *self.legal_bases, self.enacting_word]
        parts += [_block_text(b) for b in self.body]
        for block in self.signatures:
            parts += [*block.lines, block.signer_name]
        parts += [self.recipients_heading, *self.recipient_lines]
        for appendix in self.appendices:
            parts += [appendix.heading, appendix.title, appendix.reference]
            parts += [_block_text(b) for b in appendix.blocks]
        return "\n".join(p for p in parts if p)


def _block_text(block: Block) -> str:
    if isinstance(block, Table):
        return "\n".join(" | ".join(row) for row in [block.header, *block.rows])
    return f"{block.label} {block.text}".strip()


class _Numbering:
    def __init__(self) -> None:
        self.article = 0


def _flatten(nodes: list[dict[str, Any]], counters: _Numbering, item_prefix: str = "") -> list[Block]:
    blocks: list[Block] = []
    section = 0
    item = 0
    lettered = 0
    for node in nodes:
        kind = node.get("type")
        title = str(node.get("title", "") or "").strip()
        text = str(node.get("text", "") or "").strip()
        children = node.get("children", []) or []
        if kind == "section":
            section += 1
            item = 0
            blocks.append(
                Line(text=title.upper(), label=f"{roman(section)}.", bold=True, label_bold=True, role="section")
            )
            if text:
                blocks.append(Line(text=text))
            blocks += _flatten(children, counters, "")
        elif kind == "item":
            item += 1
            lettered = 0
            label = f"{item_prefix}{item}."
            if title:
                blocks.append(Line(text=title, label=label, bold=True, label_bold=True, role="item"))
                if text:
                    blocks.append(Line(text=text))
            else:
                blocks.append(Line(text=text, label=label, role="item"))
            blocks += _flatten(children, counters, label)
        elif kind == "article":
            counters.article += 1
            label = f"Điều {counters.article}."
            if title:
                blocks.append(Line(text=title, label=label, bold=True, label_bold=True, role="article"))
                if text:
                    blocks.append(Line(text=text))
            else:
                blocks.append(Line(text=text, label=label, label_bold=True, role="article"))
            blocks += _flatten(children, counters, "")
        elif kind == "lettered":
            blocks.append(Line(text=text or title, label=f"{letter(lettered)})", role="lettered"))
            lettered += 1
            blocks += _flatten(children, counters, item_prefix)
        elif kind == "bullet":
            blocks.append(Line(text=text or title, label="-", role="bullet"))
        elif kind == "paragraph":
            blocks.append(Line(text=text or title, bold=bool(node.get("bold")), italic=bool(node.get("italic"))))
        elif kind == "table":
            header = [str(cell) for cell in node.get("header", [])]
            rows = [[str(cell) for cell in row] for row in node.get("rows", [])]
            columns = max([1, len(header), *(len(row) for row in rows)])
            widths = [float(w) for w in node.get("widths", [])] or [1.0] * columns
            if len(widths) != columns:
                widths = [1.0] * columns
            rows = [row + [""] * (columns - len(row)) for row in rows]
            blocks.append(
                Table(header=header + [""] * (columns - len(header)) if header else [], rows=rows, widths=widths)
            )
    return blocks


def _short_date(spec: DocumentSpec) -> str:
    if spec.issued_on is None:
        return "\u00a0" * 4
    day = spec.issued_on
    return f"{day.day:02d}/{rules.format_month(day.month)}/{day.year}"


def build_layout(spec: DocumentSpec) -> Layout:
    """The layout of a document; ``spec.number`` and ``spec.issued_on`` may be empty (a draft)."""
    symbol = rules.format_symbol(
        kind=spec.kind, issuer_abbreviation=spec.issuer.abbreviation, drafting_unit=spec.drafting_unit
    )
    number_line = rules.format_number_line(number=spec.number, symbol=symbol)
    is_letter = spec.kind in rules.KINDS_WITHOUT_TYPE_NAME
    counters = _Numbering()
    archive = rules.archive_unit_for(recipients=spec.recipients, drafting_unit=spec.drafting_unit, issuer=spec.issuer)
    appendices = []
    type_label = (rules.type_name(spec.kind) or str(DocumentType(spec.kind).label)).capitalize()
    number_text = number_line.removeprefix("Số: ")
    for index, appendix in enumerate(spec.appendices, start=1):
        heading = f"Phụ lục {roman(index)}" if len(spec.appendices) > 1 else "Phụ lục"
        reference = f"(Kèm theo {type_label} số {number_text} ngày {_short_date(spec)})"
        appendices.append(
            AppendixLayout(
                heading=heading,
                title=appendix.title.upper(),
                reference=reference,
                blocks=_flatten(appendix.body, _Numbering()),
            )
        )
    return Layout(
        parent_lines=[line.upper() for line in spec.issuer.parent_lines if line.strip()],
        issuer_lines=[line.upper() for line in spec.issuer.name_lines if line.strip()],
        number_line=number_line,
        date_line=rules.format_date_line(place=spec.issuer.place_name, day=spec.issued_on),
        marks=[mark for mark in (spec.secrecy, spec.urgency) if mark],
        letter_summary=f"V/v {spec.summary.strip()}" if is_letter else "",
        type_name="" if is_letter else rules.type_name(spec.kind),
        summary="" if is_letter else spec.summary.strip(),
        addressees=rules.addressee_lines(kind=spec.kind, recipients=spec.recipients),
        enacting_authority=spec.enacting_authority.strip().upper(),
        legal_bases=rules.punctuate_legal_bases(spec.legal_bases),
        enacting_word=spec.enacting_word.strip().upper(),
        body=_flatten(spec.body, counters),
        signatures=list(spec.signatures),
        recipient_lines=rules.recipient_lines(kind=spec.kind, recipients=spec.recipients, archive_unit=archive),
        appendices=appendices,
        public_url=spec.public_url if spec.is_public else "",
    )
