"""Reading a plan (kế hoạch) as the authorities send it: a ``.docx`` file or text copied from a PDF.

Pure Python, no database: ``parse_text(text)`` and ``parse_docx(data)`` return a ``ParsedPlan``; ``as_json``
gives the shape printed by ``manage.py import_plan --json`` (issue 16). Nothing is invented: a value the
document does not state is ``None`` or an empty list.

The parser is built for the shapes plans take, not for particular files:

* hard-wrapped lines (a paragraph broken by single newlines, or by a page break in the middle of a sentence)
  are joined back;
* footnotes (a paragraph opening with a superscript number, or the ``footnotes.xml`` part of a ``.docx``)
  are taken out of the body; the paragraph they interrupt is joined back together, and legal references
  are also collected from them;
* the header (number, place and date) may be missing entirely;
* numbering of any depth: ``I.``/``I-`` sections, ``1.``, ``1.1.``, ``1.1.1.`` items, ``a)`` points;
* the lead and coordinating bodies and the schedule written as labelled lines ("Tổ chức thực hiện:",
  "Cơ quan thực hiện:", "Cơ quan chủ trì:", "Cơ quan phối hợp:", "Thời gian thực hiện:" …), either as
  a bullet under the task or as a numbered sub-item of it;
* report dates written inside sentences ("báo cáo 06 tháng (trước ngày 14/6 hằng năm)").
"""

from __future__ import annotations

import datetime as dt
import io
import re
import unicodedata
import zipfile
from dataclasses import dataclass, field
from typing import Any
from xml.etree import ElementTree

from django.utils.translation import gettext as _

from grassroots.core.uploads import read_zip_member, zip_problem

# ---------------------------------------------------------------------------------------------
# Vocabulary
# ---------------------------------------------------------------------------------------------

DOCUMENT_TYPE_CODES: dict[str, str] = {
    "KẾ HOẠCH": "KH",
    "BÁO CÁO": "BC",
    "QUYẾT ĐỊNH": "QĐ",
    "CHỈ THỊ": "CT",
    "HƯỚNG DẪN": "HD",
    "CHƯƠNG TRÌNH": "CTr",
    "THÔNG BÁO": "TB",
    "NGHỊ QUYẾT": "NQ",
}
"""Document-type names and their codes, Decree 30/2020/NĐ-CP Appendix III (abbreviations of document types)."""

LEGAL_KINDS = (
    "Bộ luật",
    "Luật",
    "Pháp lệnh",
    "Nghị quyết",
    "Nghị định",
    "Quyết định",
    "Thông tư liên tịch",
    "Thông tư",
    "Chỉ thị",
    "Kết luận",
    "Kế hoạch",
    "Hướng dẫn",
    "Quy định",
    "Công văn",
    "Văn bản",
    "Thông báo",
    "Chương trình",
)
"""Kinds of instrument a plan cites as its basis."""

LEAD_LABELS = (
    "tổ chức thực hiện",
    "cơ quan thực hiện",
    "đơn vị thực hiện",
    "cơ quan chủ trì",
    "đơn vị chủ trì",
    "cơ quan, đơn vị chủ trì",
    "cơ quan chủ trì thực hiện",
    "chủ trì thực hiện",
    "chủ trì",
    "trách nhiệm thực hiện",
    "đơn vị thực hiện chính",
    "cơ quan tham mưu",
)
COORDINATING_LABELS = (
    "cơ quan phối hợp",
    "đơn vị phối hợp",
    "cơ quan, đơn vị phối hợp",
    "phối hợp thực hiện",
    "phối hợp",
)
SCHEDULE_LABELS = (
    "thời gian thực hiện",
    "thời gian hoàn thành",
    "thời hạn hoàn thành",
    "thời hạn thực hiện",
    "thời hạn",
    "thời gian",
    "tiến độ thực hiện",
    "tiến độ",
)
TARGET_LABELS = ("chỉ tiêu", "mục tiêu cụ thể", "kết quả đầu ra", "sản phẩm")

SUPERSCRIPT_DIGITS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_SUPERSCRIPT_VALUE = {c: str(i) for i, c in enumerate(SUPERSCRIPT_DIGITS)}

_LOWER = "a-zàáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđ"
_UPPER_VI = "A-ZÀÁẠẢÃÂẦẤẬẨẪĂẰẮẶẲẴÈÉẸẺẼÊỀẾỆỂỄÌÍỊỈĨÒÓỌỎÕÔỒỐỘỔỖƠỜỚỢỞỠÙÚỤỦŨƯỪỨỰỬỮỲÝỴỶỸĐ"

ROMAN_RE = re.compile(r"^(?P<ref>[IVXL]{1,6})\s*[\.\-–—:/)]\s*(?P<rest>.+)$")
NUMBERED_RE = re.compile(
    r"^(?P<ref>\d{1,2}(?:\.\d{1,2}){0,4})(?:\.|\)|\s*-|(?<=\.\d)\s|(?<=\.\d\d)\s)\s*(?P<rest>\S.*)$"
)
"""``1.``, ``1)``, ``1.1.``, and ``1.1`` without its final dot (common in copied text)."""
LETTER_RE = re.compile(r"^(?P<ref>[a-zđ])\)\s*(?P<rest>\S.*)$")
BULLET_RE = re.compile(r"^[-–—•+*]\s*")
FOOTNOTE_RE = re.compile(rf"^(?:[{SUPERSCRIPT_DIGITS}]+|\[\d{{1,3}}\]|\(\d{{1,3}}\))\s*(?P<rest>\S.*)$")

_DATE_NUMERIC = r"(?P<d>\d{1,2})\s*[/\-.]\s*(?P<m>\d{1,2})(?:\s*[/\-.]\s*(?P<y>\d{4}))?"
_DATE_WORDS = r"(?P<d2>\d{1,2})\s+tháng\s+(?P<m2>\d{1,2})(?:\s+năm\s+(?P<y2>\d{4}))?"
DATE_RE = re.compile(rf"(?:{_DATE_NUMERIC}|{_DATE_WORDS})")

_NUMBER = rf"\d+[{_LOWER}{_UPPER_VI}0-9]*(?:[/\-][0-9A-Za-z{_LOWER}{_UPPER_VI}]+)+"
_LEGAL_HEAD = (
    rf"(?P<kind>{'|'.join(re.escape(k) for k in LEGAL_KINDS)})"
    rf"(?:\s+số)?\s*(?P<number>{_NUMBER})?"
)
_LEGAL_DATE = (
    rf",?\s*(?:ban hành\s+)?ngày\s+(?P<date>{_DATE_NUMERIC.replace('?P<', '?P<l')}|"
    rf"{_DATE_WORDS.replace('?P<', '?P<l')})"
)
LEGAL_RE = re.compile(_LEGAL_HEAD)
LEGAL_DATED_RE = re.compile(rf"{_LEGAL_HEAD}(?P<between>[^;.]{{0,160}}?){_LEGAL_DATE}")
"""A cited instrument: kind, optional number, optional date ("ngày 14/8/2023" or "ngày 14 tháng 8 năm 2023")."""

REPORT_DATE_RE = re.compile(
    rf"(?:trước|chậm nhất(?:\s+là)?(?:\s+vào)?|hạn(?:\s+chót)?(?:\s+là)?|không quá|đến|vào)\s+ngày\s+"
    rf"(?:{_DATE_NUMERIC}|{_DATE_WORDS})",
    re.IGNORECASE,
)
SEMIANNUAL_RE = re.compile(r"(?:0?6|sáu)\s+tháng|sơ kết|nửa năm|giữa năm", re.IGNORECASE)
ANNUAL_RE = re.compile(r"(?:\b0?1|một)\s+năm\b|cả năm|tổng kết|báo cáo năm|hằng năm\s*\)?\s*,?\s*$", re.IGNORECASE)
ANNUAL_STRICT_RE = re.compile(r"(?:\b0?1|một)\s+năm\b|cả năm|tổng kết|báo cáo năm|\bnăm\s*[(:]?\s*$", re.IGNORECASE)
EVERY_YEAR_RE = re.compile(r"^\s*(?:hằng|hàng)\s+năm", re.IGNORECASE)
PLACE_DATE_RE = re.compile(
    r"^(?P<place>[^,\d]{2,60}?),\s*ngày\s*(?P<d>\d{1,2})?\s*(?:tháng\s*(?P<m>\d{1,2})?\s*năm\s*(?P<y>\d{4})|"
    r"/\s*(?P<m2>\d{1,2})?\s*/\s*(?P<y2>\d{4}))",
    re.IGNORECASE,
)
NUMBER_LINE_RE = re.compile(r"^Số\s*:\s*(?P<number>[^\s].*?)?\s*$", re.IGNORECASE)
SIGNER_AUTHORITY_RE = re.compile(r"^(?:TM|KT|TL|TUQ|Q|PP)\s*\.\s*\S", re.UNICODE)
YEAR_SPAN_RES = (
    re.compile(r"giai đoạn\s+(\d{4})\s*[-–—]\s*(\d{4})", re.IGNORECASE),
    re.compile(r"(?:đến|tới)\s+(?:hết\s+)?năm\s+(\d{4})", re.IGNORECASE),
    re.compile(r"\bnăm\s+(\d{4})\b", re.IGNORECASE),
)


# ---------------------------------------------------------------------------------------------
# Result
# ---------------------------------------------------------------------------------------------


@dataclass
class ParsedItem:
    """One numbered item (a section when ``level`` is 0, a task or sub-task below it)."""

    ref: str
    title: str
    level: int
    text: list[str] = field(default_factory=list)
    lead: list[str] = field(default_factory=list)
    coordinating: list[str] = field(default_factory=list)
    schedule: str | None = None
    targets: list[str] = field(default_factory=list)
    items: list[ParsedItem] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        if self.level == 0:
            return {"ref": self.ref, "title": self.title, "items": [child.as_json() for child in self.items]}
        return {
            "ref": self.ref,
            "title": self.title,
            "text": "\n".join(self.text),
            "lead": list(self.lead),
            "coordinating": list(self.coordinating),
            "schedule": self.schedule,
            "items": [child.as_json() for child in self.items],
        }


@dataclass
class ParsedPlan:
    document_type: str | None = None
    number: str | None = None
    place: str | None = None
    issued_year: int | None = None
    issued_month: int | None = None
    issued_day: int | None = None
    title: str = ""
    issuer: str | None = None
    legal_references: list[dict[str, str | None]] = field(default_factory=list)
    sections: list[ParsedItem] = field(default_factory=list)
    report_deadlines: list[dict[str, str]] = field(default_factory=list)
    recipients: list[str] = field(default_factory=list)
    signer_authority: str | None = None
    signer_position: str | None = None
    signer_name: str | None = None
    footnotes: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        return {
            "document_type": self.document_type,
            "number": self.number,
            "place": self.place,
            "issued_on": {"year": self.issued_year, "month": self.issued_month, "day": self.issued_day},
            "title": self.title,
            "legal_references": [dict(reference) for reference in self.legal_references],
            "sections": [section.as_json() for section in self.sections],
            "report_deadlines": [dict(deadline) for deadline in self.report_deadlines],
            "recipients": list(self.recipients),
            "signer": {
                "authority": self.signer_authority,
                "position": self.signer_position,
                "name": self.signer_name,
            },
        }

    def tasks(self) -> list[ParsedItem]:
        """Every item below the sections, depth first."""
        found: list[ParsedItem] = []

        def walk(items: list[ParsedItem]) -> None:
            for item in items:
                found.append(item)
                walk(item.items)

        for section in self.sections:
            walk(section.items)
        return found


# ---------------------------------------------------------------------------------------------
# Text helpers
# ---------------------------------------------------------------------------------------------


def fold(text: str) -> str:
    """Lower case without diacritics (``Hưng Đạo`` → ``hung dao``), to compare spellings."""
    text = text.replace("Đ", "D").replace("đ", "d")
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def _clean(text: str) -> str:
    text = text.replace("\u00a0", " ").replace("\t", " ")
    text = re.sub(r"\*\*|__", "", text)
    text = re.sub(r"(?<=\S)\*(?=[^*]+\*)|(?<=[“\"])\*|\*(?=[”\"])", "", text)
    return re.sub(r"[ ]{2,}", " ", text).strip()


def _strip_superscripts(text: str) -> str:
    return re.sub(rf"(?<=\S)[{SUPERSCRIPT_DIGITS}]+", "", text)


def _iso(day: str | None, month: str | None, year: str | None) -> str | None:
    if not (day and month and year):
        return None
    try:
        return dt.date(int(year), int(month), int(day)).isoformat()
    except ValueError:
        return None


def _is_item_start(paragraph: str) -> bool:
    return bool(
        ROMAN_RE.match(paragraph) and _is_heading_caps(ROMAN_RE.match(paragraph)["rest"])  # type: ignore[index]
    ) or bool(NUMBERED_RE.match(paragraph) or LETTER_RE.match(paragraph) or BULLET_RE.match(paragraph))


def _is_heading_caps(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) >= 0.8 * len(letters)


def _ends_open(paragraph: str) -> bool:
    """A paragraph that stops mid-sentence (a page break or a footnote cut it)."""
    return paragraph.endswith(",") or (paragraph[-1:].isalnum() and not _is_heading_caps(paragraph))


def _split_paragraphs(text: str) -> list[str]:
    """Blank lines separate paragraphs; inside a block, bullet and numbered lines start a new paragraph and
    other lines are hard wraps."""
    paragraphs: list[str] = []
    for block in re.split(r"\n\s*\n", text.replace("\r\n", "\n").replace("\r", "\n")):
        current: list[str] = []
        for raw_line in block.split("\n"):
            line = _clean(raw_line)
            if not line:
                continue
            if current and (
                SIGNER_AUTHORITY_RE.match(current[0])
                or (_is_heading_caps(current[-1]) and _is_heading_caps(line) and len(current[-1]) < 60)
                or BULLET_RE.match(line)
                or NUMBERED_RE.match(line)
                or LETTER_RE.match(line)
                or FOOTNOTE_RE.match(line)
                or SIGNER_AUTHORITY_RE.match(line)
                or line.lower().startswith(("nơi nhận", "lưu:"))
            ):
                paragraphs.append(" ".join(current))
                current = []
            current.append(line)
        if current:
            paragraphs.append(" ".join(current))
    return paragraphs


def _take_footnotes(paragraphs: list[str]) -> tuple[list[str], list[str]]:
    """Remove footnotes from the body and join the paragraph they interrupted."""
    body: list[str] = []
    footnotes: list[str] = []
    after_footnote = False
    for paragraph in paragraphs:
        match = FOOTNOTE_RE.match(paragraph)
        if match and paragraph[0] in SUPERSCRIPT_DIGITS + "[(":
            if paragraph[0] == "(" and not body:
                body.append(paragraph)
                continue
            footnotes.append(match["rest"])
            after_footnote = True
            continue
        if body and _continues(body[-1], paragraph, after_footnote):
            body[-1] = f"{body[-1]} {paragraph}"
        else:
            body.append(paragraph)
        after_footnote = False
    return body, footnotes


def _continues(previous: str, paragraph: str, after_footnote: bool) -> bool:
    if _is_item_start(paragraph) or _label_of(paragraph) or previous.lower().startswith("nơi nhận"):
        return False
    if SIGNER_AUTHORITY_RE.match(paragraph) or SIGNER_AUTHORITY_RE.match(previous):
        return False
    starts_lower = paragraph[:1].islower()
    if starts_lower and not previous.endswith((".", ":", "./.", "!", "?")):
        return True
    return (after_footnote and _ends_open(previous)) or previous.endswith(",")


# ---------------------------------------------------------------------------------------------
# Labelled lines
# ---------------------------------------------------------------------------------------------

_LABEL_GROUPS = (
    ("lead", LEAD_LABELS),
    ("coordinating", COORDINATING_LABELS),
    ("schedule", SCHEDULE_LABELS),
    ("targets", TARGET_LABELS),
)


def _label_of(paragraph: str) -> tuple[str, str] | None:
    """``("lead", "UBND xã")`` for "- Cơ quan chủ trì: UBND xã." (the bullet or number already removed)."""
    text = BULLET_RE.sub("", paragraph)
    head, colon, value = text.partition(":")
    if not colon:
        return None
    key = fold(head.strip().rstrip("*").strip())
    for group, labels in _LABEL_GROUPS:
        if key in {fold(label) for label in labels}:
            return group, value.strip()
    # Variants ("Cơ quan chủ trì thực hiện", "Cơ quan, đơn vị thực hiện", "Đơn vị phối hợp thực hiện"): a short
    # head naming who leads, who coordinates, or when.
    if len(key.split()) > 7:
        return None
    if "chu tri" in key:
        return "lead", value.strip()
    if "phoi hop" in key:
        return "coordinating", value.strip()
    if "thuc hien" in key and any(word in key for word in ("co quan", "don vi", "trach nhiem", "to chuc")):
        return "lead", value.strip()
    if key.startswith(("thoi gian", "thoi han", "tien do")):
        return "schedule", value.strip()
    return None


def _split_inline(value: str) -> tuple[str, str]:
    parts = _INLINE_COORDINATING.split(value, maxsplit=1)
    return (parts[0], parts[1]) if len(parts) == 2 else (value, "")


def split_bodies(value: str) -> list[str]:
    """Bodies are separated by ";" (commas occur inside a body: "UBND các huyện, thị xã, thành phố")."""
    value = value.strip().rstrip(".;").strip()
    return [part.strip().rstrip(".,").strip() for part in value.split(";") if part.strip().rstrip(".,").strip()]


_INLINE_COORDINATING = re.compile(r"[;,.]\s*(?:cơ quan|đơn vị)?[,\s]*(?:đơn vị\s+)?phối hợp\s*:\s*", re.IGNORECASE)


def _apply_label(item: ParsedItem, group: str, value: str) -> None:
    if group == "lead":
        # "Cơ quan chủ trì: Sở Nội vụ; cơ quan phối hợp: Sở Tư pháp" on one line.
        lead, coordinating = _split_inline(value)
        item.lead.extend(body for body in split_bodies(lead) if body not in item.lead)
        item.coordinating.extend(body for body in split_bodies(coordinating) if body not in item.coordinating)
    elif group == "coordinating":
        item.coordinating.extend(body for body in split_bodies(value) if body not in item.coordinating)
    elif group == "schedule":
        item.schedule = value.strip().rstrip(".;").strip() or None
    else:
        item.targets.append(value.strip().rstrip(";").strip())


# ---------------------------------------------------------------------------------------------
# Legal references and report dates
# ---------------------------------------------------------------------------------------------


def legal_references(texts: list[str]) -> list[dict[str, str | None]]:
    """Every instrument with a number (or a dated law) cited in ``texts``, first mention first, no duplicates."""
    found: list[dict[str, str | None]] = []
    seen: set[tuple[str, str]] = set()
    for text in texts:
        for plain in LEGAL_RE.finditer(text):
            if plain.start() > 0 and text[plain.start() - 1].isalpha():
                continue
            match = LEGAL_DATED_RE.match(text, plain.start()) or plain
            kind = match["kind"]
            number = match["number"]
            between = match["between"] if match is not plain else ""
            between = between or ""
            date = None
            if match is not plain:
                date = _iso(match["ld"] or match["ld2"], match["lm"] or match["lm2"], match["ly"] or match["ly2"])
            if plain["number"] != number:
                number = plain["number"]
            # A date further than a short phrase away belongs to something else, unless it is a law's name.
            if date and number and len(between) > 60:
                date = None
            if not number and not (kind in {"Luật", "Bộ luật"} and date):
                continue
            if not number and any(mark in between for mark in ("số", "Nghị", "Quyết")):
                continue
            key = (kind, number or f"{kind}@{date}")
            if key in seen:
                continue
            seen.add(key)
            found.append({"kind": kind, "number": number, "date": date})
    return found


def _plan_years(plan: ParsedPlan) -> list[int]:
    start = plan.issued_year
    for pattern in YEAR_SPAN_RES:
        match = pattern.search(plan.title)
        if match:
            years = [int(group) for group in match.groups()]
            first = start or years[0]
            last = years[-1]
            if len(years) == 2:
                first = max(first, years[0]) if start else years[0]
            if last >= first and last - first <= 10:
                return list(range(first, last + 1))
            return [last]
    return [start] if start else []


def report_deadlines(paragraphs: list[str], plan: ParsedPlan) -> list[dict[str, str]]:
    """Report due dates written inside sentences. A date without a year applies to each year of the plan when
    it is "hằng năm", else to the plan's year."""
    found: list[dict[str, str]] = []
    years = _plan_years(plan)
    for paragraph in paragraphs:
        if "báo cáo" not in paragraph.lower():
            continue
        previous_end = 0
        for match in REPORT_DATE_RE.finditer(paragraph):
            window = paragraph[previous_end : match.start()]
            # The sentence the date belongs to, not the earlier ones.
            window = re.split(r"(?<=[.;])\s", window)[-1]
            after = paragraph[match.end() : match.end() + 20]
            previous_end = match.end()
            if SEMIANNUAL_RE.search(window):
                period = "semiannual"
            elif ANNUAL_STRICT_RE.search(window):
                period = "annual"
            else:
                period = "other"
            day = match["d"] or match["d2"]
            month = match["m"] or match["m2"]
            year = match["y"] or match["y2"]
            if year:
                candidates = [int(year)]
            elif EVERY_YEAR_RE.match(after):
                candidates = years
            else:
                candidates = years[:1]
            for candidate in candidates:
                due = _iso(day, month, str(candidate))
                if due and {"period": period, "due": due} not in found:
                    found.append({"period": period, "due": due})
    found.sort(key=lambda deadline: deadline["due"])
    return found


# ---------------------------------------------------------------------------------------------
# The document
# ---------------------------------------------------------------------------------------------


def parse_text(text: str, footnotes: list[str] | None = None) -> ParsedPlan:
    paragraphs, inline_footnotes = _take_footnotes(_split_paragraphs(text))
    plan = ParsedPlan(footnotes=[*(footnotes or []), *inline_footnotes])
    index = _parse_header(paragraphs, plan)
    body_start = _parse_title(paragraphs, index, plan)
    first_section = next(
        (i for i in range(body_start, len(paragraphs)) if _section_match(paragraphs[i])), len(paragraphs)
    )
    preamble = paragraphs[body_start:first_section]
    closing_at = _parse_sections(paragraphs, first_section, plan)
    _parse_closing(paragraphs[closing_at:], plan)
    plan.legal_references = legal_references(
        [_strip_superscripts(p) for p in preamble] + [f"{plan.title}"] + plan.footnotes
    )
    plan.report_deadlines = report_deadlines([_strip_superscripts(p) for p in paragraphs[first_section:]], plan)
    _fix_place_spelling(plan, preamble)
    if not plan.sections:
        plan.problems.append(_("Không tìm thấy mục nào đánh số La Mã (I, II, III …) trong văn bản."))
    if not plan.title:
        plan.problems.append(_("Không tìm thấy tên loại văn bản và trích yếu (ví dụ: KẾ HOẠCH …)."))
    return plan


def _parse_header(paragraphs: list[str], plan: ParsedPlan) -> int:
    """Number, place and date, and the issuing body, before the document-type line. Returns the index of the
    document-type line (0 when the header is missing)."""
    for index, paragraph in enumerate(paragraphs[:20]):
        upper = paragraph.upper().strip()
        code = DOCUMENT_TYPE_CODES.get(upper)
        if code:
            plan.document_type = code
            return index
        number_match = NUMBER_LINE_RE.match(paragraph)
        if number_match:
            number = (number_match["number"] or "").strip()
            if re.match(r"^\d", number):
                plan.number = number
            type_code = re.search(r"/([A-ZĐa-zđ]{1,4})-", number) or re.search(r"^\s*/?([A-ZĐ]{1,4})-", number)
            if type_code and type_code.group(1).upper() in {c.upper() for c in DOCUMENT_TYPE_CODES.values()}:
                plan.document_type = type_code.group(1)
            continue
        place_match = PLACE_DATE_RE.match(paragraph)
        if place_match:
            plan.place = place_match["place"].strip() or None
            plan.issued_day = int(place_match["d"]) if place_match["d"] else None
            month = place_match["m"] or place_match["m2"]
            plan.issued_month = int(month) if month else None
            year = place_match["y"] or place_match["y2"]
            plan.issued_year = int(year) if year else None
            continue
        if (
            _is_heading_caps(paragraph)
            and not paragraph.startswith(("CỘNG HÒA", "CỘNG HOÀ"))
            and "Độc lập" not in paragraph
            and plan.issuer is None
        ):
            plan.issuer = paragraph
    return 0


def _parse_title(paragraphs: list[str], index: int, plan: ParsedPlan) -> int:
    if not paragraphs:
        return 0
    first = paragraphs[index].upper().strip()
    if first in DOCUMENT_TYPE_CODES:
        plan.document_type = plan.document_type or DOCUMENT_TYPE_CODES[first]
        index += 1
    if index < len(paragraphs) and not _section_match(paragraphs[index]):
        candidate = paragraphs[index]
        if len(candidate) <= 400 and not candidate.lower().startswith(("căn cứ", "thực hiện luật")):
            plan.title = candidate.rstrip(".").strip()
            return index + 1
        if candidate.lower().startswith("thực hiện") is False:
            return index
    return index


def _section_match(paragraph: str) -> re.Match[str] | None:
    match = ROMAN_RE.match(paragraph)
    if match and _is_heading_caps(match["rest"]):
        return match
    return None


def _closing(paragraph: str) -> bool:
    lowered = paragraph.lower()
    return (
        lowered.startswith(("nơi nhận", "trên đây là", "trên đây"))
        or paragraph.rstrip().endswith("./.")
        or bool(SIGNER_AUTHORITY_RE.match(paragraph))
    )


def _parse_sections(paragraphs: list[str], start: int, plan: ParsedPlan) -> int:
    stack: list[ParsedItem] = []
    organisation_section = False
    for index in range(start, len(paragraphs)):
        paragraph = _strip_superscripts(paragraphs[index])
        if _closing(paragraph):
            return index
        section = _section_match(paragraph)
        if section:
            item = ParsedItem(ref=section["ref"], title=section["rest"].strip().rstrip(":").strip(), level=0)
            plan.sections.append(item)
            stack = [item]
            organisation_section = "TỔ CHỨC THỰC HIỆN" in item.title.upper()
            continue
        if not stack:
            continue
        numbered = NUMBERED_RE.match(paragraph)
        letter = LETTER_RE.match(paragraph) if not numbered else None
        if numbered or letter:
            match = numbered or letter
            assert match is not None
            ref = match["ref"]
            level = ref.count(".") + 1 if numbered else 20
            rest = match["rest"].strip()
            while len(stack) > 1 and stack[-1].level >= level:
                stack.pop()
            label = _label_of(rest)
            if label and len(stack) > 1:
                _apply_label(stack[-1], *label)
                continue
            if label:
                # A labelled line numbered at the top of a section belongs to the section's last task, if any.
                continue
            item = ParsedItem(ref=ref, title=rest, level=level)
            if organisation_section and stack[-1].level == 0:
                body = _body_named_in(rest)
                if body:
                    item.lead.append(body)
            stack[-1].items.append(item)
            stack.append(item)
            continue
        label = _label_of(paragraph)
        if label and len(stack) > 1:
            _apply_label(stack[-1], *label)
            continue
        if len(stack) > 1:
            stack[-1].text.append(paragraph)
            if re.match(r"^[-–•+]?\s*\d{1,3}(?:[.,]\d+)?\s*%", paragraph):
                stack[-1].targets.append(BULLET_RE.sub("", paragraph).rstrip(".;"))
        elif re.match(r"^[-–•+]?\s*\d{1,3}(?:[.,]\d+)?\s*%", paragraph):
            stack[0].targets.append(BULLET_RE.sub("", paragraph).rstrip(".;"))
    return len(paragraphs)


def _body_named_in(title: str) -> str | None:
    """In the "TỔ CHỨC THỰC HIỆN" section each item names the body responsible: "Sở Nội vụ",
    "Phòng Nội vụ: chủ trì, …", "Đề nghị Ủy ban Mặt trận Tổ quốc …"."""
    head = title.split(":", 1)[0].strip().rstrip(".")
    head = re.sub(r"^Đề nghị\s+", "", head)
    if not head or len(head) > 120 or head[:1].islower():
        return None
    if head.lower().startswith(("các cơ quan", "căn cứ")) and ":" not in title and len(head.split()) > 12:
        return None
    return head


def _parse_closing(paragraphs: list[str], plan: ParsedPlan) -> None:
    in_recipients = False
    tail: list[str] = []
    for paragraph in paragraphs:
        lowered = paragraph.lower()
        if lowered.startswith("nơi nhận"):
            in_recipients = True
            rest = paragraph.split(":", 1)[1].strip() if ":" in paragraph else ""
            if rest:
                _add_recipient(plan, rest)
            continue
        if in_recipients and BULLET_RE.match(paragraph):
            _add_recipient(plan, BULLET_RE.sub("", paragraph))
            continue
        if in_recipients and lowered.startswith("lưu"):
            continue
        in_recipients = False
        tail.append(paragraph)
    _parse_signer(tail, plan)


def _add_recipient(plan: ParsedPlan, text: str) -> None:
    text = text.strip().rstrip(";,.").strip()
    if text and not text.lower().startswith("lưu"):
        plan.recipients.append(text)


def _parse_signer(paragraphs: list[str], plan: ParsedPlan) -> None:
    """The signature block: authority lines (TM./KT./TL./TUQ./Q.), the position, then the name."""
    lines: list[str] = []
    for paragraph in paragraphs:
        if _closing(paragraph) and not SIGNER_AUTHORITY_RE.match(paragraph):
            continue
        # "TM. ỦY BAN NHÂN DÂN CHỦ TỊCH" joined by hard-wrap handling: split on the known position words.
        lines.extend(_split_signature_line(paragraph))
    authorities = [line for line in lines if SIGNER_AUTHORITY_RE.match(line)]
    if authorities:
        plan.signer_authority = authorities[-1]
        after = lines[lines.index(authorities[-1]) + 1 :]
    else:
        after = lines
    positions = [line for line in after if _is_heading_caps(line) and not SIGNER_AUTHORITY_RE.match(line)]
    if positions:
        plan.signer_position = positions[0]
        after = after[after.index(positions[0]) + 1 :]
    names = [line for line in after if _looks_like_name(line)]
    if names:
        plan.signer_name = names[-1]


_POSITIONS = ("PHÓ CHỦ TỊCH", "CHỦ TỊCH", "PHÓ GIÁM ĐỐC", "GIÁM ĐỐC", "TRƯỞNG PHÒNG", "PHÓ TRƯỞNG PHÒNG")


def _split_signature_line(paragraph: str) -> list[str]:
    paragraph = paragraph.strip()
    parts: list[str] = []
    while paragraph:
        match = re.search(r"\s(?:(?:TM|KT|TL|TUQ|Q|PP)\s*\.\s)", paragraph)
        if match and match.start() > 0:
            parts.append(paragraph[: match.start()].strip())
            paragraph = paragraph[match.start() :].strip()
            continue
        break
    if paragraph:
        parts.append(paragraph)
    result: list[str] = []
    for part in parts:
        if SIGNER_AUTHORITY_RE.match(part):
            for position in _POSITIONS:
                if part.endswith(" " + position) and not part.startswith(("KT", "TL", "TUQ")):
                    result.extend([part[: -len(position)].strip(), position])
                    break
            else:
                result.append(part)
        else:
            result.append(part)
    return result


def _looks_like_name(line: str) -> bool:
    words = line.split()
    return (
        2 <= len(words) <= 6
        and all(word[:1].isupper() for word in words)
        and not _is_heading_caps(line)
        and not BULLET_RE.match(line)
        and not any(c.isdigit() for c in line)
    )


def _fix_place_spelling(plan: ParsedPlan, preamble: list[str]) -> None:
    """ "Hung Đạo" typed without its diacritics in the header, "xã Hưng Đạo" in the title: keep the title's
    spelling (same letters, only the marks differ), never a different name."""
    if not plan.place:
        return
    target = fold(plan.place).split()
    for text in [plan.title, *preamble]:
        words = re.findall(rf"[{_LOWER}{_UPPER_VI}]+", text)
        for start in range(0, len(words) - len(target) + 1):
            window = words[start : start + len(target)]
            if [fold(word) for word in window] == target:
                candidate = " ".join(window)
                if candidate != plan.place and all(word[:1].isupper() for word in window):
                    plan.place = candidate
                return


# ---------------------------------------------------------------------------------------------
# DOCX
# ---------------------------------------------------------------------------------------------

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _docx_paragraphs(xml: bytes) -> list[str]:
    root = ElementTree.fromstring(xml)  # noqa: S314 - a local file the officer chose, not a network input
    paragraphs: list[str] = []
    for paragraph in root.iter(f"{_W}p"):
        pieces: list[str] = []
        for node in paragraph.iter():
            if node.tag == f"{_W}t" and node.text:
                pieces.append(node.text)
            elif node.tag == f"{_W}tab":
                pieces.append(" ")
            elif node.tag in {f"{_W}br", f"{_W}cr"}:
                pieces.append("\n")
        paragraphs.append("".join(pieces))
    return paragraphs


def docx_text(data: bytes) -> tuple[str, list[str]]:
    """The body paragraphs (blank-line separated) and the footnotes of a ``.docx`` file."""
    if problem := zip_problem(data):
        raise zipfile.BadZipFile(str(problem))
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        body = _docx_paragraphs(read_zip_member(archive, "word/document.xml"))
        footnotes: list[str] = []
        if "word/footnotes.xml" in archive.namelist():
            root = ElementTree.fromstring(read_zip_member(archive, "word/footnotes.xml"))  # noqa: S314
            for note in root.iter(f"{_W}footnote"):
                if note.get(f"{_W}type") in {"separator", "continuationSeparator"}:
                    continue
                text = " ".join(p for p in _docx_paragraphs(ElementTree.tostring(note)) if p.strip())
                if text.strip():
                    footnotes.append(_clean(text))
    return "\n\n".join(body), footnotes


def parse_docx(data: bytes) -> ParsedPlan:
    text, footnotes = docx_text(data)
    return parse_text(text, footnotes=footnotes)


def parse_file(name: str, data: bytes) -> ParsedPlan:
    """Parse by file name: ``.docx`` or anything else read as UTF-8 text."""
    if name.lower().endswith(".docx"):
        try:
            return parse_docx(data)
        except (zipfile.BadZipFile, KeyError, ElementTree.ParseError):
            plan = ParsedPlan()
            plan.problems.append(_("Tệp .docx bị hỏng hoặc không phải tệp Word."))
            return plan
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        plan = ParsedPlan()
        plan.problems.append(_("Tệp văn bản không ở bảng mã UTF-8."))
        return plan
    return parse_text(unicodedata.normalize("NFC", text))
