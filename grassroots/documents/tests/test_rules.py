"""Pure rules of the Decree 30 layout: numbers, dates, symbols, signatures, recipients, completeness."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

import pytest

from grassroots.accounts.models import Role
from grassroots.core.errors import DomainError
from grassroots.documents import rules, samples
from grassroots.documents.layout import Line, Table, build_layout, roman
from grassroots.documents.models import DocumentType, IssuingBodyKind
from grassroots.documents.spec import DocumentSpec, Recipients

COMMITTEE = samples.COMMITTEE


@pytest.mark.parametrize(("number", "shown"), [(1, "01"), (9, "09"), (10, "10"), (12, "12"), (105, "105")])
def test_numbers_below_ten_take_a_leading_zero(number: int, shown: str) -> None:
    assert rules.format_number(number) == shown


@pytest.mark.parametrize(
    ("day", "line"),
    [
        (dt.date(2026, 3, 5), "Hà Đông, ngày 05 tháng 3 năm 2026"),
        (dt.date(2020, 1, 5), "Hà Đông, ngày 05 tháng 01 năm 2020"),
        (dt.date(2026, 2, 28), "Hà Đông, ngày 28 tháng 02 năm 2026"),
        (dt.date(2026, 10, 1), "Hà Đông, ngày 01 tháng 10 năm 2026"),
        (dt.date(2026, 12, 31), "Hà Đông, ngày 31 tháng 12 năm 2026"),
    ],
)
def test_date_line_is_written_the_official_way(day: dt.date, line: str) -> None:
    assert rules.format_date_line(place="Hà Đông", day=day) == line


@pytest.mark.parametrize(
    ("kind", "drafting_unit", "symbol"),
    [
        (DocumentType.PLAN, "", "KH-UBND"),
        (DocumentType.DECISION, "", "QĐ-UBND"),
        (DocumentType.SUBMISSION, "", "TTr-UBND"),
        (DocumentType.REGULATION, "", "QyĐ-UBND"),
        (DocumentType.OFFICIAL_LETTER, "VX", "UBND-VX"),
    ],
)
def test_symbol(kind: str, drafting_unit: str, symbol: str) -> None:
    assert rules.format_symbol(kind=kind, issuer_abbreviation="UBND", drafting_unit=drafting_unit) == symbol


def test_number_line() -> None:
    assert rules.format_number_line(number=12, symbol="KH-UBND") == "Số: 12/KH-UBND"
    assert rules.format_number_line(number=5, symbol="UBND-VX") == "Số: 05/UBND-VX"


def test_every_type_but_letters_has_an_abbreviation_and_a_name() -> None:
    for kind in DocumentType.values:
        if kind in {DocumentType.OFFICIAL_LETTER, DocumentType.PUBLIC_LETTER}:
            assert kind not in rules.TYPE_ABBREVIATIONS
            assert rules.type_name(kind) == ""
        else:
            assert rules.TYPE_ABBREVIATIONS[kind]
            assert rules.type_name(kind).isupper()
    assert "CV" not in rules.TYPE_ABBREVIATIONS.values()


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("KH", DocumentType.PLAN),
        ("QĐ", DocumentType.DECISION),
        ("QD", DocumentType.DECISION),
        ("HD", DocumentType.GUIDANCE),
        ("HĐ", DocumentType.CONTRACT),
        ("TTr", DocumentType.SUBMISSION),
        ("CV", DocumentType.OFFICIAL_LETTER),
        ("minutes", DocumentType.MINUTES),
        ("XYZ", None),
    ],
)
def test_kind_from_abbreviation(text: str, kind: str | None) -> None:
    assert rules.kind_from_abbreviation(text) == kind


@pytest.mark.parametrize(
    ("name", "short_name", "kind_name", "place"),
    [
        ("Xã Hòa Phú", "", "Xã", "Hòa Phú"),
        ("Phường Hà Đông", "", "Phường", "Hà Đông"),
        ("Thành phố Hà Nội", "", "Thành phố trực thuộc trung ương", "Hà Nội"),
        ("Đặc khu Phú Quốc", "", "Đặc khu", "Phú Quốc"),
        ("Xã Hòa Phú", "Hòa Phú", "Xã", "Hòa Phú"),
    ],
)
def test_place_name_comes_from_the_unit_name(name: str, short_name: str, kind_name: str, place: str) -> None:
    assert rules.place_name_from(name=name, short_name=short_name, kind_name=kind_name) == place


def test_issuing_bodies() -> None:
    assert COMMITTEE.name_lines == ("ỦY BAN NHÂN DÂN", "XÃ HÒA PHÚ")
    assert COMMITTEE.parent_lines == ()
    assert COMMITTEE.abbreviation == "UBND"
    village = samples.VILLAGE
    assert village.name_lines == ("THÔN 3",)
    assert village.parent_lines == ("UBND XÃ HÒA PHÚ",)
    assert village.place_name == "Hòa Phú"
    assert village.head_title == "TRƯỞNG THÔN"
    group = rules.issuing_body_for_unit(
        body=IssuingBodyKind.COMMUNITY,
        unit_name="Tổ dân phố 3",
        unit_kind_name="Tổ dân phố",
        parent_name="Phường Hà Đông",
    )
    assert (group.abbreviation, group.head_title) == ("TDP3", "TỔ TRƯỞNG")


@pytest.mark.parametrize(
    ("role", "authority", "lines"),
    [
        (Role.COMMUNE_CHAIR, "TM", ("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH")),
        (Role.COMMUNE_VICE_CHAIR, "TM", ("TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH")),
        (Role.COMMUNE_VICE_CHAIR, "KT", ("KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH")),
        (Role.COMMUNE_CHAIR, None, ("CHỦ TỊCH",)),
        (Role.COMMUNE_VICE_CHAIR, "Q", ("TM. ỦY BAN NHÂN DÂN", "Q. CHỦ TỊCH")),
    ],
)
def test_signature_block_from_role(role: str, authority: str | None, lines: tuple[str, ...]) -> None:
    block = rules.signature_block(issuer=COMMITTEE, signer_role=role, signer_name="Nguyễn  Văn An", authority=authority)
    assert block.lines == lines
    assert block.signer_name == "Nguyễn Văn An"


@pytest.mark.parametrize("authority", ["TL", "TUQ"])
def test_by_order_and_by_authorisation_need_the_signers_position(authority: str) -> None:
    block = rules.signature_block(
        issuer=COMMITTEE,
        signer_role=Role.COMMUNE_OFFICER,
        signer_name="Trần Thị Mai",
        authority=authority,
        position="Chánh Văn phòng",
    )
    assert block.lines == (f"{authority}. CHỦ TỊCH", "CHÁNH VĂN PHÒNG")
    with pytest.raises(DomainError) as refused:
        rules.signature_block(
            issuer=COMMITTEE, signer_role=Role.COMMUNE_OFFICER, signer_name="Trần Thị Mai", authority=authority
        )
    assert refused.value.code == "documents.signature.position_missing"


@pytest.mark.parametrize(
    ("issuer", "role", "authority", "code"),
    [
        (COMMITTEE, Role.COMMUNE_CHAIR, "KT", "documents.signature.role_cannot_sign"),
        (COMMITTEE, Role.COMMUNE_OFFICER, "TM", "documents.signature.role_cannot_sign"),
        (samples.VILLAGE, Role.VILLAGE_HEAD, "TM", "documents.signature.not_collective"),
        (COMMITTEE, Role.COMMUNE_CHAIR, "XX", "documents.signature.authority_unknown"),
    ],
)
def test_signature_block_refusals(issuer: Any, role: str, authority: str, code: str) -> None:
    with pytest.raises(DomainError) as refused:
        rules.signature_block(issuer=issuer, signer_role=role, signer_name="Y Khoa Mlô", authority=authority)
    assert refused.value.code == code


def test_signer_name_is_required() -> None:
    with pytest.raises(DomainError) as refused:
        rules.signature_block(issuer=COMMITTEE, signer_role=Role.COMMUNE_CHAIR, signer_name="  ")
    assert refused.value.code == "documents.signature.name_missing"


def test_legal_bases_end_with_semicolons_and_a_final_full_stop() -> None:
    bases = ["Căn cứ Luật A;", "Căn cứ Nghị định B.", "  Xét đề nghị C  ", ""]
    assert rules.punctuate_legal_bases(bases) == ["Căn cứ Luật A;", "Căn cứ Nghị định B;", "Xét đề nghị C."]


def test_recipients_with_addressees_start_with_as_above_and_end_with_the_archive() -> None:
    recipients = Recipients(addressees=("Sở Nội vụ tỉnh Đắk Lắk",), copies=("Thường trực HĐND xã;",))
    assert rules.addressee_lines(kind=DocumentType.REPORT, recipients=recipients) == [
        "Kính gửi: Sở Nội vụ tỉnh Đắk Lắk."
    ]
    assert rules.recipient_lines(kind=DocumentType.REPORT, recipients=recipients, archive_unit="VP") == [
        "- Như trên;",
        "- Thường trực HĐND xã;",
        "- Lưu: VT, VP.",
    ]


def test_several_addressees_are_listed() -> None:
    recipients = Recipients(addressees=("A", "B"))
    assert rules.addressee_lines(kind=DocumentType.OFFICIAL_LETTER, recipients=recipients) == [
        "Kính gửi:",
        "- A;",
        "- B.",
    ]


def test_other_kinds_have_only_a_recipients_list() -> None:
    recipients = Recipients(addressees=("Các thôn",), copies=("Các thôn",))
    assert rules.addressee_lines(kind=DocumentType.PLAN, recipients=recipients) == []
    assert rules.recipient_lines(kind=DocumentType.PLAN, recipients=recipients, archive_unit="VP") == [
        "- Các thôn;",
        "- Lưu: VT, VP.",
    ]


def test_samples_are_complete() -> None:
    for kind, build in samples.SAMPLES.items():
        assert rules.document_missing_components(build()) == [], kind


def _codes(spec: DocumentSpec) -> list[str]:
    return [item.code for item in rules.document_missing_components(spec)]


@pytest.mark.parametrize(
    ("changes", "code"),
    [
        ({"summary": " "}, "documents.missing.summary"),
        ({"body": []}, "documents.missing.body"),
        ({"body": [{"type": "poem", "text": "x"}]}, "documents.missing.body_structure"),
        ({"signatures": ()}, "documents.missing.signature"),
        ({"legal_bases": ()}, "documents.missing.legal_bases"),
        ({"enacting_authority": ""}, "documents.missing.enacting_authority"),
        ({"recipients": Recipients()}, "documents.missing.recipients"),
        ({"secrecy": "BÍ MẬT"}, "documents.missing.secrecy"),
        ({"secrecy": "MẬT", "is_public": True}, "documents.missing.secret_public"),
    ],
)
def test_missing_components_of_a_decision(changes: dict[str, Any], code: str) -> None:
    spec = samples.decision()
    issuer = dataclasses.replace(spec.issuer, archive_unit="")
    spec = dataclasses.replace(spec, issuer=issuer, recipients=Recipients(archive_unit="VP"))
    assert _codes(spec) == []
    assert code in _codes(dataclasses.replace(spec, **changes))


def test_official_letter_needs_addressees_and_drafting_unit() -> None:
    spec = dataclasses.replace(samples.official_letter(), drafting_unit="", recipients=Recipients())
    assert {"documents.missing.drafting_unit", "documents.missing.addressees"} <= set(_codes(spec))


def test_incomplete_message_lists_labels_in_vietnamese() -> None:
    missing = rules.document_missing_components(dataclasses.replace(samples.plan(), summary="", body=[]))
    message = rules.incomplete_message(missing)
    assert "trích yếu nội dung" in message
    assert "nội dung văn bản" in message


def test_series() -> None:
    assert rules.number_series() == rules.DEFAULT_SERIES
    assert rules.number_series(secrecy="MẬT") == rules.SECRET_SERIES
    assert rules.number_series(series="ban-tt") == "ban-tt"


def test_layout_numbers_sections_items_and_letters() -> None:
    layout = build_layout(samples.plan())
    labels = [(b.label, b.text) for b in layout.body if isinstance(b, Line) and b.label]
    assert ("I.", "MỤC ĐÍCH, YÊU CẦU") in labels
    assert ("II.", "NỘI DUNG THỰC HIỆN") in labels
    assert ("1.1.", "Nội dung công khai") in labels
    assert [label for label, _ in labels[:6]] == ["I.", "1.", "a)", "b)", "c)", "2."]
    assert any(isinstance(b, Table) for b in layout.body)
    assert roman(4) == "IV" and roman(9) == "IX"


def test_layout_of_a_decision_numbers_articles_and_punctuates_bases() -> None:
    layout = build_layout(samples.decision())
    assert [b.label for b in layout.body if isinstance(b, Line)] == ["Điều 1.", "Điều 2.", "Điều 3."]
    assert layout.legal_bases[0].endswith(";") and layout.legal_bases[-1].endswith(".")
    assert layout.date_line == "Hòa Phú, ngày 09 tháng 02 năm 2026"
    assert layout.number_line == "Số: 87/QĐ-UBND"


def test_layout_of_an_official_letter() -> None:
    layout = build_layout(samples.official_letter())
    assert layout.type_name == ""
    assert layout.letter_summary.startswith("V/v ")
    assert layout.number_line == "Số: 09/UBND-VX"
    assert layout.addressees[0] == "Kính gửi:"
    assert layout.recipient_lines == ["- Như trên;", "- Lưu: VT, VX."]


def test_spec_survives_json() -> None:
    spec = samples.resolution()
    assert DocumentSpec.from_json(spec.to_json()) == spec


def test_the_commune_front_prints_its_own_header_and_signs_for_its_standing_board() -> None:
    front = rules.issuing_body_for_unit(body=IssuingBodyKind.FRONT, unit_name="Xã Hòa Phú", unit_kind_name="Xã")
    assert front.name_lines == ("ỦY BAN MẶT TRẬN TỔ QUỐC VIỆT NAM", "XÃ HÒA PHÚ")
    assert (front.abbreviation, front.place_name, front.parent_lines) == ("MTTQ", "Hòa Phú", ())
    block = rules.signature_block(issuer=front, signer_role=Role.FRONT_CHAIR, signer_name="Lê Văn Mặt", authority="TM")
    assert block.lines == ("TM. BAN THƯỜNG TRỰC", "CHỦ TỊCH")
    assert rules.format_symbol(kind="decision", issuer_abbreviation=front.abbreviation) == "QĐ-MTTQ"
