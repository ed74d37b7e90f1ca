"""Pure rules of Decree 30/2020/NĐ-CP on the form of administrative documents (law.md §4.4, §4.5).

Plain values in, plain values out: abbreviations, the number and date lines, the signature and
recipients blocks, the page geometry and type sizes, and the completeness check run before issuing.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_lazy as _

from grassroots.accounts.models import Role
from grassroots.core.errors import DomainError
from grassroots.documents.models import DocumentType, IssuingBodyKind
from grassroots.documents.spec import BODY_NODE_TYPES, DocumentSpec, IssuingBody, Recipients, SignatureBlock

# --- Page layout: Decree 30/2020 Appendix I, Part I.I (law.md §4.4 "page layout") -----------------

PAGE_WIDTH_MM = 210
"""A4 portrait (Decree 30/2020 Appendix I, Part I.I.1)."""
PAGE_HEIGHT_MM = 297
"""A4 portrait (Decree 30/2020 Appendix I, Part I.I.1)."""
MARGIN_TOP_MM = 20
"""Top margin, allowed 20–25 mm (Decree 30/2020 Appendix I, Part I.I.4)."""
MARGIN_BOTTOM_MM = 20
"""Bottom margin, allowed 20–25 mm (Decree 30/2020 Appendix I, Part I.I.4)."""
MARGIN_LEFT_MM = 30
"""Left margin, allowed 30–35 mm (Decree 30/2020 Appendix I, Part I.I.4)."""
MARGIN_RIGHT_MM = 15
"""Right margin, allowed 15–20 mm (Decree 30/2020 Appendix I, Part I.I.4)."""
FONT_NAME = "Times New Roman"
"""Times New Roman, Unicode TCVN 6909:2001, black (Decree 30/2020 Appendix I, Part I.I.2)."""
FIRST_LINE_INDENT_CM = 1.0
"""Body first-line indent, 1 cm or 1.27 cm (Decree 30/2020 Appendix I, Part II.6)."""
PARAGRAPH_SPACING_PT = 6
"""At least 6 pt between body paragraphs (Decree 30/2020 Appendix I, Part II.6)."""
LINE_SPACING = 1.0
"""Single to 1.5 lines (Decree 30/2020 Appendix I, Part II.6)."""

# --- Type sizes in points: Decree 30/2020 Appendix I, Part I.II–III (law.md §4.4 table) ------------

SIZE_NATIONAL_TITLE = 12
"""Quốc hiệu: 12–13, bold, upper case."""
SIZE_MOTTO = 13
"""Tiêu ngữ: 13–14, bold, underlined as long as the text."""
SIZE_PARENT_BODY = 12
"""Parent body: 12–13, regular, upper case."""
SIZE_ISSUING_BODY = 12
"""Issuing body: 12–13, bold, upper case, a rule 1/3–1/2 of the text under it."""
SIZE_NUMBER = 13
"""'Số:' and symbol: 13."""
SIZE_PLACE_DATE = 13
"""Place and date: 13–14, italic."""
SIZE_TYPE_NAME = 14
"""Type name: 13–14, bold, upper case."""
SIZE_SUMMARY = 14
"""Summary (trích yếu): 13–14, bold."""
SIZE_LETTER_SUMMARY = 12
"""Công văn summary after 'V/v': 12–13, regular."""
SIZE_BODY = 14
"""Body and legal bases: 13–14."""
SIZE_SIGNATURE = 14
"""Authority, position and signer's name: 13–14, bold."""
SIZE_ADDRESSEES = 14
"""'Kính gửi:' block: 13–14."""
SIZE_RECIPIENTS_HEADING = 12
"""'Nơi nhận:': 12, bold italic."""
SIZE_RECIPIENTS = 11
"""Recipient list: 11."""
SIZE_PAGE_NUMBER = 13
"""Page numbers: 13–14, centred in the top margin, not on page 1."""
SIZE_MARKS = 13
"""Secrecy and urgency marks: 13–14, bold, upper case."""
SIZE_QR_CAPTION = 10
"""Caption of the QR code and short link (same size as the digital-signature information, 10)."""
UNDERLINE_RATIO = 0.4
"""Issuing body and summary rules are 1/3–1/2 of the text length; we draw 2/5."""

NATIONAL_TITLE = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
"""Hyphens with spaces (Decree 30/2020 Appendix I, Part II.1)."""

# --- Types and abbreviations: Decree 30/2020 Art. 7 and Appendix III §I -----------------------------

TYPE_ABBREVIATIONS: dict[str, str] = {
    DocumentType.RESOLUTION: "NQ",
    DocumentType.DECISION: "QĐ",
    DocumentType.DIRECTIVE: "CT",
    DocumentType.STATUTE: "QC",
    DocumentType.REGULATION: "QyĐ",
    DocumentType.COMMUNIQUE: "TC",
    DocumentType.NOTICE: "TB",
    DocumentType.GUIDANCE: "HD",
    DocumentType.PROGRAMME: "CTr",
    DocumentType.PLAN: "KH",
    DocumentType.SCHEME: "PA",
    DocumentType.PROPOSAL: "ĐA",
    DocumentType.PROJECT: "DA",
    DocumentType.REPORT: "BC",
    DocumentType.MINUTES: "BB",
    DocumentType.SUBMISSION: "TTr",
    DocumentType.CONTRACT: "HĐ",
    DocumentType.TELEGRAM: "CĐ",
    DocumentType.MEMORANDUM: "BGN",
    DocumentType.AGREEMENT: "BTT",
    DocumentType.AUTHORISATION: "GUQ",
    DocumentType.INVITATION: "GM",
    DocumentType.INTRODUCTION: "GGT",
    DocumentType.LEAVE: "GNP",
    DocumentType.DISPATCH_SLIP: "PG",
    DocumentType.TRANSFER_SLIP: "PC",
    DocumentType.NOTIFICATION_SLIP: "PB",
}
"""Appendix III §I. Công văn has no abbreviation ("CV" is not official); thư công has none either."""

TYPE_NAMES: dict[str, str] = {
    DocumentType.RESOLUTION: "NGHỊ QUYẾT",
    DocumentType.DECISION: "QUYẾT ĐỊNH",
    DocumentType.DIRECTIVE: "CHỈ THỊ",
    DocumentType.STATUTE: "QUY CHẾ",
    DocumentType.REGULATION: "QUY ĐỊNH",
    DocumentType.COMMUNIQUE: "THÔNG CÁO",
    DocumentType.NOTICE: "THÔNG BÁO",
    DocumentType.GUIDANCE: "HƯỚNG DẪN",
    DocumentType.PROGRAMME: "CHƯƠNG TRÌNH",
    DocumentType.PLAN: "KẾ HOẠCH",
    DocumentType.SCHEME: "PHƯƠNG ÁN",
    DocumentType.PROPOSAL: "ĐỀ ÁN",
    DocumentType.PROJECT: "DỰ ÁN",
    DocumentType.REPORT: "BÁO CÁO",
    DocumentType.MINUTES: "BIÊN BẢN",
    DocumentType.SUBMISSION: "TỜ TRÌNH",
    DocumentType.CONTRACT: "HỢP ĐỒNG",
    DocumentType.TELEGRAM: "CÔNG ĐIỆN",
    DocumentType.MEMORANDUM: "BẢN GHI NHỚ",
    DocumentType.AGREEMENT: "BẢN THỎA THUẬN",
    DocumentType.AUTHORISATION: "GIẤY ỦY QUYỀN",
    DocumentType.INVITATION: "GIẤY MỜI",
    DocumentType.INTRODUCTION: "GIẤY GIỚI THIỆU",
    DocumentType.LEAVE: "GIẤY NGHỈ PHÉP",
    DocumentType.DISPATCH_SLIP: "PHIẾU GỬI",
    DocumentType.TRANSFER_SLIP: "PHIẾU CHUYỂN",
    DocumentType.NOTIFICATION_SLIP: "PHIẾU BÁO",
}
"""The printed type name (tên loại), bold upper case. Công văn and thư công print none."""

KINDS_WITHOUT_TYPE_NAME = frozenset({DocumentType.OFFICIAL_LETTER, DocumentType.PUBLIC_LETTER})
"""Công văn: 'V/v' summary under the number instead (Decree 30/2020 Appendix I, Part II.5.b)."""
KINDS_WITH_ADDRESSEES = frozenset({DocumentType.OFFICIAL_LETTER, DocumentType.REPORT, DocumentType.SUBMISSION})
"""Reports and proposals sent upward and công văn open with 'Kính gửi:' (Appendix I, Part II.9)."""
KINDS_REQUIRING_ADDRESSEES = frozenset({DocumentType.OFFICIAL_LETTER, DocumentType.SUBMISSION})
"""A công văn or tờ trình with nobody to send it to is not a document (Appendix I, Part II.9)."""
KINDS_REQUIRING_LEGAL_BASES = frozenset({DocumentType.DECISION, DocumentType.RESOLUTION})
"""Individual decisions and resolutions state their legal bases and authority (Appendix I, Part II.6)."""

SECRECY_MARKS = ("MẬT", "TỐI MẬT", "TUYỆT MẬT")
"""Law on Protection of State Secrets 29/2018/QH14 Art. 8; printed per Decree 30 Appendix I, Part II.10."""
URGENCY_MARKS = ("KHẨN", "THƯỢNG KHẨN", "HỎA TỐC")
"""Decree 30/2020 Art. 8(2) and Appendix I, Part II.10."""

# --- Numbering: Decree 30/2020 Art. 15, Appendix I Part II.3 -----------------------------------------

DEFAULT_SERIES = "chung"
"""One series per issuer and year (Art. 15(1)(c): the head decides; one series is the default)."""
SECRET_SERIES = "mat"  # noqa: S105 (a series name, not a password)
"""Secret documents keep their own series (Decree 30/2020 Art. 15(2))."""
NUMBER_MIN_DIGITS = 2
"""Numbers below 10 take a leading zero: 01 … 09 (Appendix I, Part II.3)."""


def number_series(*, secrecy: str = "", series: str | None = None) -> str:
    """The series a document is numbered in: explicit (e.g. an advisory board's), secret, or the default."""
    if series:
        return series
    return SECRET_SERIES if secrecy else DEFAULT_SERIES


def format_number(number: int) -> str:
    """``5`` → ``05``; ``12`` → ``12``."""
    return f"{number:0{NUMBER_MIN_DIGITS}d}"


def format_symbol(*, kind: str, issuer_abbreviation: str, drafting_unit: str = "") -> str:
    """``KH-UBND``; a công văn has no type abbreviation: ``UBND-VX`` (Appendix I, Part II.3)."""
    if kind == DocumentType.OFFICIAL_LETTER:
        return "-".join(part for part in (issuer_abbreviation, drafting_unit) if part)
    abbreviation = TYPE_ABBREVIATIONS.get(kind, "")
    return "-".join(part for part in (abbreviation, issuer_abbreviation) if part)


def format_number_line(*, number: int | None, symbol: str) -> str:
    """``Số: 12/KH-UBND``; a draft keeps a blank for the number, filled after signature (Art. 15)."""
    shown = format_number(number) if number else "\u00a0" * 6
    return f"Số: {shown}/{symbol}"


def format_month(month: int) -> str:
    """Months 1 and 2 take a leading zero, the others do not (Appendix I, Part II.4)."""
    return f"{month:02d}" if month < 3 else str(month)


def format_date_line(*, place: str, day: dt.date | None) -> str:
    """``Hòa Phú, ngày 05 tháng 3 năm 2026``; a draft leaves the day and month blank."""
    if day is None:
        return f"{place}, ngày \u00a0\u00a0\u00a0 tháng \u00a0\u00a0\u00a0 năm \u00a0\u00a0\u00a0\u00a0"
    return f"{place}, ngày {day.day:02d} tháng {format_month(day.month)} năm {day.year}"


def type_name(kind: str) -> str:
    return TYPE_NAMES.get(kind, "")


def kind_from_abbreviation(text: str) -> str | None:
    """A document type from its abbreviation (``KH``, ``QĐ`` or ``QD``), its value, or ``CV`` for công văn.

    Exact abbreviations win over accent-folded ones: ``HD`` is hướng dẫn, ``HĐ`` hợp đồng.
    """
    wanted = text.strip()
    if wanted in DocumentType.values:
        return wanted
    for kind, abbreviation in TYPE_ABBREVIATIONS.items():
        if abbreviation.upper() == wanted.upper():
            return str(kind)
    if wanted.upper() in {"CV", "CONG-VAN", "CONGVAN"}:
        return str(DocumentType.OFFICIAL_LETTER)
    for kind, abbreviation in TYPE_ABBREVIATIONS.items():
        if fold_accents(abbreviation).upper() == fold_accents(wanted).upper():
            return str(kind)
    return None


def fold_accents(text: str) -> str:
    text = text.replace("Đ", "D").replace("đ", "d")
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))


# --- Place names and issuing bodies: law.md §4.5 -----------------------------------------------------

UNIT_NAME_PREFIXES = ("Thành phố", "Đặc khu", "Tổ dân phố", "Phường", "Tỉnh", "Xã", "Thôn", "Huyện", "Quận")
"""Kind words stripped from a unit's name to get its place name ("Xã Hòa Phú" → "Hòa Phú")."""


def place_name_from(*, name: str, short_name: str = "", kind_name: str = "") -> str:
    """The place in the place-date line: the unit's current proper name (Appendix I, Part II.4)."""
    candidate = (short_name or name).strip()
    prefixes = ([kind_name] if kind_name else []) + list(UNIT_NAME_PREFIXES)
    for prefix in prefixes:
        if prefix and candidate.lower().startswith(prefix.lower() + " "):
            return candidate[len(prefix) + 1 :].strip()
    return candidate


def unit_abbreviation(name: str) -> str:
    """``Thôn Đông Hòa`` → ``TĐH``; ``Tổ dân phố 3`` → ``TDP3`` (digits kept whole)."""
    parts = []
    for word in name.split():
        parts.append(word if word.isdigit() else word[0].upper())
    return "".join(parts)


def issuing_body_for_unit(
    *,
    body: str,
    unit_name: str,
    unit_short_name: str = "",
    unit_kind_name: str = "",
    parent_name: str = "",
    parent_short_name: str = "",
    parent_kind_name: str = "",
) -> IssuingBody:
    """How a unit's body is printed. A People's Committee or Council has no parent line; a village or
    residential group shows its commune's People's Committee above it (Appendix I, Part II.2)."""
    unit_upper = unit_name.upper()
    if body == IssuingBodyKind.PEOPLE_COMMITTEE:
        return IssuingBody(
            name_lines=("ỦY BAN NHÂN DÂN", unit_upper),
            abbreviation="UBND",
            place_name=place_name_from(name=unit_name, short_name=unit_short_name, kind_name=unit_kind_name),
            collective_name="ỦY BAN NHÂN DÂN",
            head_title="CHỦ TỊCH",
            archive_unit="VP",
        )
    if body == IssuingBodyKind.PEOPLE_COUNCIL:
        return IssuingBody(
            name_lines=("HỘI ĐỒNG NHÂN DÂN", unit_upper),
            abbreviation="HĐND",
            place_name=place_name_from(name=unit_name, short_name=unit_short_name, kind_name=unit_kind_name),
            collective_name="HỘI ĐỒNG NHÂN DÂN",
            head_title="CHỦ TỊCH",
            archive_unit="VP",
        )
    if body == IssuingBodyKind.FRONT:
        # The commune Front decides through its Standing Board (Ban Thường trực), which signs "TM. BAN THƯỜNG
        # TRỰC / CHỦ TỊCH": the board members' recognition ([L] arts 21(2), 36(3), 41; [ND59] arts 13, 17).
        return IssuingBody(
            name_lines=("ỦY BAN MẶT TRẬN TỔ QUỐC VIỆT NAM", unit_upper),
            abbreviation="MTTQ",
            place_name=place_name_from(name=unit_name, short_name=unit_short_name, kind_name=unit_kind_name),
            collective_name="BAN THƯỜNG TRỰC",
            head_title="CHỦ TỊCH",
            archive_unit="VP",
        )
    if body == IssuingBodyKind.COMMUNITY:
        kind_lower = unit_kind_name.lower() or unit_name.split()[0].lower()
        head_title = "TỔ TRƯỞNG" if kind_lower.startswith("tổ") else f"TRƯỞNG {kind_lower.upper()}"
        parent = parent_name.upper()
        return IssuingBody(
            name_lines=(unit_upper,),
            abbreviation=unit_abbreviation(unit_name),
            parent_lines=(f"UBND {parent}",) if parent else (),
            place_name=place_name_from(name=parent_name, short_name=parent_short_name, kind_name=parent_kind_name)
            if parent_name
            else place_name_from(name=unit_name, short_name=unit_short_name, kind_name=unit_kind_name),
            head_title=head_title,
            archive_unit=unit_abbreviation(unit_name),
        )
    raise DomainError("documents.issuer.unknown_body", str(_("Không xác định được cơ quan ban hành.")))


def issuing_body_for_organisation(
    *, name: str, short_name: str, parent_name: str = "", place_name: str, head_title: str = ""
) -> IssuingBody:
    """An agency, public service unit or enterprise: its managing body above it if any."""
    return IssuingBody(
        name_lines=(name.upper(),),
        abbreviation=short_name,
        parent_lines=(parent_name.upper(),) if parent_name else (),
        place_name=place_name,
        head_title=head_title,
        archive_unit="VP",
    )


# --- Signature block: Decree 30/2020 Art. 13, Appendix I Part II.7 -----------------------------------


class Authority:
    """Signing authority prefixes (law.md §4.4 "signing authority")."""

    ON_BEHALF_OF_COLLECTIVE = "TM"
    DEPUTY = "KT"
    ACTING = "Q"
    BY_ORDER = "TL"
    BY_AUTHORISATION = "TUQ"

    ALL = ("TM", "KT", "Q", "TL", "TUQ")


ROLE_POSITIONS: dict[str, str] = {
    Role.COMMUNE_CHAIR: "CHỦ TỊCH",
    Role.COMMUNE_VICE_CHAIR: "PHÓ CHỦ TỊCH",
    Role.VILLAGE_HEAD: "TRƯỞNG THÔN",
    Role.INTERIM_VILLAGE_HEAD: "TRƯỞNG THÔN",
    Role.FRONT_CHAIR: "CHỦ TỊCH",
    Role.FRONT_WORK_COMMITTEE_HEAD: "TRƯỞNG BAN",
    Role.UNION_CHAIR: "CHỦ TỊCH",
    Role.AGENCY_HEAD: "THỦ TRƯỞNG ĐƠN VỊ",
}
"""Position line printed for a role; other roles must give ``position`` explicitly."""
HEAD_ROLES = frozenset(
    {
        Role.COMMUNE_CHAIR,
        Role.VILLAGE_HEAD,
        Role.INTERIM_VILLAGE_HEAD,
        Role.FRONT_CHAIR,
        Role.FRONT_WORK_COMMITTEE_HEAD,
        Role.UNION_CHAIR,
        Role.AGENCY_HEAD,
    }
)
"""Roles that head their body: they sign in their own name, or 'TM.' for a collective."""
DEPUTY_ROLES = frozenset({Role.COMMUNE_VICE_CHAIR})
"""Deputies sign 'KT. <head>' / '<their position>' (Art. 13(1)(b), 13(2))."""


def _refuse(code: str, message: Any) -> DomainError:
    return DomainError(f"documents.signature.{code}", str(message))


def signature_block(
    *,
    issuer: IssuingBody,
    signer_role: str,
    signer_name: str,
    authority: str | None = None,
    position: str = "",
    head_title: str = "",
) -> SignatureBlock:
    """The stacked authority and position lines of a signature, from the signer's role.

    ``TM`` (collective body): head → ``TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH``; deputy →
    ``TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH / PHÓ CHỦ TỊCH``. ``KT``: ``KT. CHỦ TỊCH / PHÓ CHỦ TỊCH``.
    ``Q``: ``Q. CHỦ TỊCH`` (under ``TM.`` for a collective). ``TL``/``TUQ``: ``TL. CHỦ TỊCH / <position>``.
    """
    name = " ".join(signer_name.split())
    if not name:
        raise _refuse("name_missing", _("Chưa có họ tên người ký."))
    head = (head_title or issuer.head_title).upper()
    if signer_role in HEAD_ROLES:
        own_position = (position or head or ROLE_POSITIONS.get(signer_role, "")).upper()
    else:
        own_position = (position or ROLE_POSITIONS.get(signer_role, "")).upper()
    code = (authority or "").upper().rstrip(".")
    if code and code not in Authority.ALL:
        raise _refuse("authority_unknown", _("Thẩm quyền ký không hợp lệ (chỉ TM, KT, Q, TL, TUQ)."))
    if code in {Authority.DEPUTY, Authority.ACTING, Authority.BY_ORDER, Authority.BY_AUTHORISATION} and not head:
        raise _refuse("head_title_missing", _("Chưa có chức danh người đứng đầu để ghi KT., Q., TL. hoặc TUQ."))
    lines: list[str]
    if code == Authority.ON_BEHALF_OF_COLLECTIVE:
        if not issuer.collective_name:
            raise _refuse("not_collective", _("Chỉ cơ quan làm việc theo chế độ tập thể mới ký thay mặt (TM.)."))
        if signer_role in HEAD_ROLES:
            lines = [f"TM. {issuer.collective_name}", own_position]
        elif signer_role in DEPUTY_ROLES:
            lines = [f"TM. {issuer.collective_name}", f"KT. {head}", own_position]
        else:
            raise _refuse("role_cannot_sign", _("Vai trò này không được ký thay mặt tập thể."))
    elif code == Authority.DEPUTY:
        if signer_role not in DEPUTY_ROLES:
            raise _refuse("role_cannot_sign", _("Chỉ cấp phó mới ký thay (KT.) người đứng đầu."))
        lines = [f"KT. {head}", own_position]
    elif code == Authority.ACTING:
        lines = [f"Q. {head}"]
        if issuer.collective_name:
            lines.insert(0, f"TM. {issuer.collective_name}")
    elif code in {Authority.BY_ORDER, Authority.BY_AUTHORISATION}:
        if not own_position:
            raise _refuse("position_missing", _("Chưa có chức vụ của người ký thừa lệnh, thừa ủy quyền."))
        lines = [f"{code}. {head}", own_position]
    else:
        lines = [own_position]
    if not all(lines):
        raise _refuse("position_missing", _("Chưa có chức vụ của người ký."))
    return SignatureBlock(lines=tuple(lines), signer_name=name, authority=code)


def minutes_signature(*, title: str, signer_name: str) -> SignatureBlock:
    """A signature on minutes: 'THƯ KÝ', 'CHỦ TRÌ' or 'CHỦ TỌA', no authority prefix."""
    return SignatureBlock(lines=(title.upper(),), signer_name=" ".join(signer_name.split()))


# --- Legal bases and recipients: Appendix I Part II.6 and II.9 ---------------------------------------

_TRAILING_PUNCTUATION = re.compile(r"[\s;.,:]+$")


def punctuate_legal_bases(bases: list[str] | tuple[str, ...]) -> list[str]:
    """Each legal basis ends with ';' and the last with '.' (Appendix I, Part II.6)."""
    cleaned = [_TRAILING_PUNCTUATION.sub("", " ".join(base.split())) for base in bases]
    cleaned = [base for base in cleaned if base]
    return [base + ("." if index == len(cleaned) - 1 else ";") for index, base in enumerate(cleaned)]


def addressee_lines(*, kind: str, recipients: Recipients) -> list[str]:
    """'Kính gửi: X' for one addressee, or 'Kính gửi:' then '- A;' … '- B.'; none for other kinds."""
    addressees = [_TRAILING_PUNCTUATION.sub("", a) for a in recipients.addressees if a.strip()]
    if kind not in KINDS_WITH_ADDRESSEES or not addressees:
        return []
    if len(addressees) == 1:
        return [f"Kính gửi: {addressees[0]}."]
    lines = ["Kính gửi:"]
    lines += [f"- {a}" + ("." if i == len(addressees) - 1 else ";") for i, a in enumerate(addressees)]
    return lines


def archive_unit_for(*, recipients: Recipients, drafting_unit: str, issuer: IssuingBody) -> str:
    return (recipients.archive_unit or drafting_unit or issuer.archive_unit).strip()


def recipient_lines(*, kind: str, recipients: Recipients, archive_unit: str) -> list[str]:
    """The 'Nơi nhận:' list: '- Như trên;' when there was a 'Kính gửi', the copies, '- Lưu: VT, <unit>.'."""
    lines = []
    if addressee_lines(kind=kind, recipients=recipients):
        lines.append("- Như trên;")
    for copy in recipients.copies:
        text = _TRAILING_PUNCTUATION.sub("", " ".join(copy.split())).lstrip("-").strip()
        if text and text.lower() != "như trên":
            lines.append(f"- {text};")
    lines.append(f"- Lưu: VT, {archive_unit}." if archive_unit else "- Lưu: VT.")
    return lines


# --- Completeness: Decree 30/2020 Art. 8 -------------------------------------------------------------


@dataclass(frozen=True)
class MissingComponent:
    """A mandatory component that is missing or malformed: a stable code and a Vietnamese label."""

    code: str
    label: str


def _body_errors(nodes: Any, path: str = "") -> list[str]:
    errors: list[str] = []
    if not isinstance(nodes, list):
        return [path or "body"]
    for index, node in enumerate(nodes):
        where = f"{path}{index + 1}"
        if not isinstance(node, dict) or node.get("type") not in BODY_NODE_TYPES:
            errors.append(where)
            continue
        if node["type"] == "table" and not (node.get("header") or node.get("rows")):
            errors.append(where)
        errors += _body_errors(node.get("children", []), where + ".")
    return errors


def document_missing_components(spec: DocumentSpec) -> list[MissingComponent]:
    """Every mandatory component (Art. 8) that is missing, in the order of the layout. Empty = ready."""
    missing: list[MissingComponent] = []

    def add(code: str, label: Any) -> None:
        missing.append(MissingComponent(code=f"documents.missing.{code}", label=str(label)))

    if spec.kind not in DocumentType.values:
        add("kind", _("loại văn bản"))
    if not any(line.strip() for line in spec.issuer.name_lines):
        add("issuer", _("tên cơ quan ban hành"))
    if not spec.issuer.abbreviation.strip():
        add("issuer_abbreviation", _("chữ viết tắt tên cơ quan ban hành"))
    if spec.kind == DocumentType.OFFICIAL_LETTER and not spec.drafting_unit.strip():
        add("drafting_unit", _("chữ viết tắt đơn vị soạn thảo (ký hiệu công văn)"))
    if not spec.issuer.place_name.strip():
        add("place", _("địa danh"))
    if not spec.summary.strip():
        add("summary", _("trích yếu nội dung"))
    if spec.kind in KINDS_REQUIRING_LEGAL_BASES:
        if not spec.enacting_authority.strip():
            add("enacting_authority", _("thẩm quyền ban hành"))
        if not punctuate_legal_bases(spec.legal_bases):
            add("legal_bases", _("căn cứ ban hành"))
    if not spec.body:
        add("body", _("nội dung văn bản"))
    elif _body_errors(spec.body):
        add(
            "body_structure",
            _("cấu trúc nội dung (mục không hợp lệ: %(items)s)") % {"items": ", ".join(_body_errors(spec.body))},
        )
    if not spec.signatures:
        add("signature", _("quyền hạn, chức vụ của người ký"))
    for block in spec.signatures:
        if not block.signer_name.strip():
            add("signer_name", _("họ tên người ký"))
        if not any(line.strip() for line in block.lines):
            add("signature", _("quyền hạn, chức vụ của người ký"))
    if spec.kind in KINDS_REQUIRING_ADDRESSEES and not spec.recipients.addressees:
        add("addressees", _("nơi nhận ở phần Kính gửi"))
    if not archive_unit_for(recipients=spec.recipients, drafting_unit=spec.drafting_unit, issuer=spec.issuer):
        add("recipients", _("nơi nhận (đơn vị lưu văn bản)"))
    if spec.secrecy and spec.secrecy not in SECRECY_MARKS:
        add("secrecy", _("độ mật hợp lệ (MẬT, TỐI MẬT, TUYỆT MẬT)"))
    if spec.urgency and spec.urgency not in URGENCY_MARKS:
        add("urgency", _("độ khẩn hợp lệ (KHẨN, THƯỢNG KHẨN, HỎA TỐC)"))
    if spec.secrecy and spec.is_public:
        add("secret_public", _("văn bản mật không được công khai"))
    for appendix in spec.appendices:
        if not appendix.title.strip() or not appendix.body:
            add("appendix", _("tên và nội dung phụ lục"))
            break
    return missing


def incomplete_message(missing: list[MissingComponent]) -> str:
    """The Vietnamese refusal listing what is missing."""
    labels = "; ".join(item.label for item in missing)
    return str(_("Chưa thể ban hành văn bản, còn thiếu hoặc sai: %(labels)s.") % {"labels": labels})
