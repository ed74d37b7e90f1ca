"""The import reads the three real plans in ``../shared/seeds`` (every JSON field asserted) and each layout
feature on small hand-made inputs."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command

from grassroots.plans.parsing import parse_file, parse_text, split_bodies

SEEDS = Path(__file__).resolve().parent / "seeds"
"""The three plans of ``../shared/seeds`` (public documents of Vietnamese authorities), copied into the
repository so that every clone runs these tests: a missing seed fails, it never skips."""


def seed(prefix: str) -> dict[str, Any]:
    path = next(SEEDS.glob(f"{prefix}_*.txt"))
    return parse_file(path.name, path.read_bytes()).as_json()


def flat(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    found = []
    for item in items:
        found.append(item)
        found.extend(flat(item["items"]))
    return found


def needs_seeds[F](test: F) -> F:
    """Kept as a marker of the tests that read the seeds; they always run (the seeds are in the repository)."""
    return test


# ---------------------------------------------------------------------------------------------
# The three seed plans
# ---------------------------------------------------------------------------------------------


@needs_seeds
def test_seed_commune_plan_hung_dao() -> None:
    data = seed("000")
    assert data["document_type"] == "KH"
    assert data["number"] is None  # "Số: /KH-UBND": the number was never filled in
    # Typed "Hung Đạo" in the header; the title's spelling "Hưng Đạo" (same letters) is kept.
    assert data["place"] == "Hưng Đạo"
    assert data["issued_on"] == {"year": 2025, "month": 2, "day": None}
    assert data["title"] == "Thực hiện dân chủ ở cơ sở trên địa bàn xã Hưng Đạo năm 2025"
    assert data["legal_references"] == [
        {"kind": "Luật", "number": None, "date": "2022-11-10"},
        {"kind": "Nghị định", "number": "59/2023/NĐ-CP", "date": "2023-08-14"},
        {"kind": "Kế hoạch", "number": "49/KH-UBND", "date": "2025-02-10"},
        # From footnote ¹, printed in the middle of section II.
        {"kind": "Kết luận", "number": "120-KL/TW", "date": "2016-01-07"},
        {"kind": "Nghị quyết", "number": "08/2024/NQ-HĐND", "date": "2024-07-23"},
    ]
    assert [(s["ref"], s["title"]) for s in data["sections"]] == [
        ("I", "MỤC ĐÍCH, YÊU CẦU"),
        ("II", "NỘI DUNG THỰC HIỆN"),
        ("III", "TỔ CHỨC THỰC HIỆN"),
    ]
    content = data["sections"][1]["items"]
    assert [item["ref"] for item in content] == ["1", "2", "3"]
    first = content[0]
    # "1.2. Tổ chức thực hiện: …" and "1.3. Thời gian thực hiện: …" are attributes of task 1, not items.
    assert first["lead"] == [
        "Mặt trận tổ quốc, các tổ chức chính trị - xã hội ở xã",
        "các công chức chuyên môn",
        "các cơ quan đơn vị thuộc và trực thuộc",
    ]
    assert first["schedule"] == "thường xuyên trong năm 2025"
    assert first["coordinating"] == []
    assert [item["ref"] for item in first["items"]] == ["1.1"]
    assert [item["ref"] for item in first["items"][0]["items"]] == ["a", "b", "c"]
    assert "¹" not in first["items"][0]["items"][0]["title"]
    assert content[1]["lead"] == ["UBND xã"]
    disclosure = content[1]["items"][0]["items"][0]
    assert disclosure["title"] == "Về công khai thông tin ở xã"
    # The paragraph cut by the footnote is one paragraph again, and the footnote is not in it.
    assert "đối thoại giữa Bí thư Đảng ủy, Chủ tịch UBND xã với Nhân dân" in disclosure["text"]
    assert "Trọng tâm là" not in disclosure["text"]
    # A page break inside a sentence ("có thể mở / rộng hơn") is joined.
    assert "có thể mở rộng hơn phạm vi" in content[1]["items"][0]["items"][1]["text"]
    assert [item["ref"] for item in content[1]["items"][0]["items"]] == ["a", "b", "c", "d", "đ", "e"]
    assert [item["ref"] for item in content[2]["items"][0]["items"]] == ["a", "b", "c", "d", "đ", "e", "g"]
    assert data["sections"][2]["items"][2]["lead"] == ["Ủy ban Mặt trận Tổ quốc Việt Nam ở xã"]
    assert data["report_deadlines"] == []
    assert data["recipients"] == [
        "UBND huyện",
        "Phòng Nội vụ",
        "Thường trực Đảng ủy xã",
        "Thường trực HĐND xã",
        "CT, PCT UBND xã",
        "UB MTTQ Việt Nam và các Đoàn thể ở xã",
        "CAX, QSX, Trạm y tế, các trường học",
        "Các thôn trên địa bàn xã",
    ]
    assert data["signer"] == {"authority": "TM. ỦY BAN NHÂN DÂN", "position": "CHỦ TỊCH", "name": "Trần Thanh Đoàn"}


@needs_seeds
def test_seed_town_plan_hong_linh() -> None:
    data = seed("001")
    assert data["document_type"] == "KH"
    assert data["number"] is None
    assert data["place"] == "Hồng Lĩnh"
    assert data["issued_on"] == {"year": 2022, "month": 6, "day": None}
    assert data["title"].startswith("Thực hiện quy chế dân chủ trong hoạt động của cơ quan hành chính nhà nước")
    assert data["title"].endswith("trên địa bàn thị xã Hồng Lĩnh đến hết năm 2023")
    assert data["legal_references"] == [
        {"kind": "Kế hoạch", "number": "191/KH-UBND", "date": "2022-06-03"},
        {"kind": "Kế hoạch", "number": "05-KH/ThU", "date": "2022-03-04"},
    ]
    assert [s["ref"] for s in data["sections"]] == ["I", "II", "III"]
    assert [i["ref"] for i in data["sections"][1]["items"]] == [str(n) for n in range(1, 10)]
    # The document skips 3 in section III; nothing is invented.
    assert [i["ref"] for i in data["sections"][2]["items"]] == ["1", "2", "4", "5"]
    assert data["sections"][2]["items"][2]["lead"] == ["Phòng Nội vụ"]
    # A sentence broken by a page ("xây dựng kế / hoạch hoạt động") is joined.
    assert "xây dựng kế hoạch hoạt động trong năm" in data["sections"][1]["items"][6]["text"]
    # "báo cáo 06 tháng (trước ngày 14/6 hằng năm), 01 năm (trước ngày 30/11 hằng năm)" for each plan year.
    assert data["report_deadlines"] == [
        {"period": "semiannual", "due": "2022-06-14"},
        {"period": "annual", "due": "2022-11-30"},
        {"period": "semiannual", "due": "2023-06-14"},
        {"period": "annual", "due": "2023-11-30"},
    ]
    assert data["recipients"][0] == "Sở Nội vụ tỉnh Hà Tĩnh"
    assert data["recipients"][-1] == "Công thông tin điện tử thị xã"
    assert len(data["recipients"]) == 9
    assert not any(r.startswith("Lưu") for r in data["recipients"])
    assert data["signer"] == {"authority": "KT. CHỦ TỊCH", "position": "PHÓ CHỦ TỊCH", "name": "Đình Văn Hồng"}


@needs_seeds
def test_seed_province_plan_khanh_hoa_without_header() -> None:
    data = seed("002")
    assert data["document_type"] == "KH"
    assert data["number"] is None
    assert data["place"] is None
    assert data["issued_on"] == {"year": None, "month": None, "day": None}
    # A title hard-wrapped over three lines is one line.
    assert data["title"] == (
        "Triển khai thực hiện Nghị quyết số 15/2024/NQ-HĐND ngày 02 tháng 12 năm 2024 của Hội đồng nhân dân "
        "tỉnh về quy định các biện pháp bảo đảm thực hiện dân chủ ở cơ sở trên địa bàn tỉnh Khánh Hòa"
    )
    assert data["legal_references"] == [{"kind": "Nghị quyết", "number": "15/2024/NQ-HĐND", "date": "2024-12-02"}]
    assert [s["ref"] for s in data["sections"]] == ["I", "II", "III", "IV"]
    training = data["sections"][2]["items"][0]
    assert training["lead"] == ["Cấp tỉnh: Sở Nội vụ", "cấp huyện: UBND các huyện, thị xã, thành phố"]
    assert training["coordinating"] == ["Các cơ quan, đơn vị, tổ chức, địa phương có liên quan"]
    assert training["schedule"] == "Hằng năm"
    propaganda = data["sections"][2]["items"][1]["items"]
    assert [i["ref"] for i in propaganda] == ["a", "b"]
    assert propaganda[0]["lead"] == ["Các cơ quan, đơn vị, tổ chức và địa phương"]  # "Cơ quan thực hiện:"
    assert propaganda[0]["schedule"] == "Thường xuyên"
    tasks = flat(data["sections"][2]["items"])
    assert len(tasks) == 16  # 5 numbered tasks, 2 + 4 + 2 + 3 lettered ones
    assert [i["lead"] for i in data["sections"][3]["items"][:2]] == [["Sở Nội vụ"], ["Sở Tư pháp"]]
    assert len(data["sections"][3]["items"]) == 11
    assert data["report_deadlines"] == []
    assert data["recipients"][0] == "Bộ Nội vụ"
    assert data["recipients"][-1] == "Đài PT và TH hình Khánh Hòa"
    assert len(data["recipients"]) == 15
    assert data["signer"] == {"authority": "TM. ỦY BAN NHÂN DÂN", "position": "CHỦ TỊCH", "name": "Nguyễn Tấn Tuân"}


@needs_seeds
def test_command_prints_one_json_object(capsys: pytest.CaptureFixture[str]) -> None:
    path = next(SEEDS.glob("000_*.txt"))
    call_command("import_plan", str(path), "--json")
    data = json.loads(capsys.readouterr().out)
    assert data["title"] == "Thực hiện dân chủ ở cơ sở trên địa bàn xã Hưng Đạo năm 2025"
    assert set(data) == {
        "document_type",
        "number",
        "place",
        "issued_on",
        "title",
        "legal_references",
        "sections",
        "report_deadlines",
        "recipients",
        "signer",
    }


# ---------------------------------------------------------------------------------------------
# Layout features, each on a small input
# ---------------------------------------------------------------------------------------------

HEADER = "ỦY BAN NHÂN DÂN\nXÃ HÒA PHÚ\n\nSố: 12/KH-UBND\n\nHòa Phú, ngày 05 tháng 3 năm 2026\n\nKẾ HOẠCH\n\n"


def test_full_header_number_place_and_date() -> None:
    plan = parse_text(HEADER + "Thực hiện dân chủ ở cơ sở năm 2026\n\nI. NỘI DUNG\n\n1. Tuyên truyền\n").as_json()
    assert plan["number"] == "12/KH-UBND"
    assert plan["place"] == "Hòa Phú"
    assert plan["issued_on"] == {"year": 2026, "month": 3, "day": 5}
    assert plan["title"] == "Thực hiện dân chủ ở cơ sở năm 2026"


def test_numeric_date_line() -> None:
    plan = parse_text("Số: 3/KH-UBND\n\nHòa Phú, ngày 07/4/2026\n\nKẾ HOẠCH\n\nABC\n\nI. A\n\n1. B\n").as_json()
    assert plan["issued_on"] == {"year": 2026, "month": 4, "day": 7}


def test_missing_header_gives_nulls_not_guesses() -> None:
    plan = parse_text("KẾ HOẠCH\n\nVề việc X\n\nI. NỘI DUNG\n\n1. Việc một\n").as_json()
    assert plan["number"] is None and plan["place"] is None
    assert plan["issued_on"] == {"year": None, "month": None, "day": None}
    assert plan["signer"] == {"authority": None, "position": None, "name": None}
    assert plan["recipients"] == [] and plan["report_deadlines"] == []


def test_hard_wrapped_lines_join_into_one_paragraph() -> None:
    text = (
        "KẾ HOẠCH\n\nTên\n\nI. NỘI DUNG\n\n1. Tuyên truyền\nsâu rộng trong\nNhân dân\n\n"
        "Nội dung dòng một\ntiếp dòng hai.\n"
    )
    item = parse_text(text).as_json()["sections"][0]["items"][0]
    assert item["title"] == "Tuyên truyền sâu rộng trong Nhân dân"
    assert item["text"] == "Nội dung dòng một tiếp dòng hai."


def test_footnote_in_the_middle_belongs_to_the_footnote() -> None:
    text = (
        "KẾ HOẠCH\n\nTên\n\nI. NỘI DUNG\n\n1. Việc một\n\nCông khai theo quy định²,\n\n"
        "² Thông tư số 01/2024/TT-BNV ngày 02/01/2024 của Bộ Nội vụ.\n\nbảo đảm đúng hạn.\n"
    )
    plan = parse_text(text).as_json()
    item = plan["sections"][0]["items"][0]
    assert item["text"] == "Công khai theo quy định, bảo đảm đúng hạn."
    assert plan["legal_references"] == [{"kind": "Thông tư", "number": "01/2024/TT-BNV", "date": "2024-01-02"}]


@pytest.mark.parametrize(
    ("label", "field"),
    [
        ("Tổ chức thực hiện", "lead"),
        ("Cơ quan thực hiện", "lead"),
        ("Cơ quan chủ trì", "lead"),
        ("Đơn vị chủ trì", "lead"),
        ("Cơ quan phối hợp", "coordinating"),
        ("Đơn vị phối hợp", "coordinating"),
    ],
)
def test_body_labels(label: str, field: str) -> None:
    text = f"KẾ HOẠCH\n\nTên\n\nI. NỘI DUNG\n\n1. Việc một\n\n- {label}: Phòng A; Phòng B, C.\n"
    item = parse_text(text).as_json()["sections"][0]["items"][0]
    assert item[field] == ["Phòng A", "Phòng B, C"]


@pytest.mark.parametrize("label", ["Thời gian thực hiện", "Thời hạn hoàn thành", "Tiến độ"])
def test_schedule_labels(label: str) -> None:
    text = f"KẾ HOẠCH\n\nTên\n\nI. NỘI DUNG\n\n1. Việc một\n\n{label}: trước ngày 30/6/2026.\n"
    item = parse_text(text).as_json()["sections"][0]["items"][0]
    assert item["schedule"] == "trước ngày 30/6/2026"


def test_numbering_depths_nest() -> None:
    text = (
        "KẾ HOẠCH\n\nTên\n\nI. NỘI DUNG\n\n1. Một\n\n1.1. Một một\n\n1.1.1. Sâu\n\na) Điểm a\n\nb) Điểm b\n\n"
        "1.2. Một hai\n\n2. Hai\n\nII- TỔ CHỨC THỰC HIỆN\n\n1. Phòng Nội vụ: chủ trì.\n"
    )
    sections = parse_text(text).as_json()["sections"]
    one = sections[0]["items"][0]
    assert [i["ref"] for i in sections[0]["items"]] == ["1", "2"]
    assert [i["ref"] for i in one["items"]] == ["1.1", "1.2"]
    assert [i["ref"] for i in one["items"][0]["items"]] == ["1.1.1"]
    assert [i["ref"] for i in one["items"][0]["items"][0]["items"]] == ["a", "b"]
    assert sections[1]["ref"] == "II" and sections[1]["items"][0]["lead"] == ["Phòng Nội vụ"]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Báo cáo 6 tháng gửi về UBND tỉnh trước ngày 15/6/2026; báo cáo năm trước ngày 15/12/2026.",
            [{"period": "semiannual", "due": "2026-06-15"}, {"period": "annual", "due": "2026-12-15"}],
        ),
        (
            "Các xã báo cáo kết quả chậm nhất ngày 20 tháng 11 năm 2026 để tổng hợp.",
            [{"period": "other", "due": "2026-11-20"}],
        ),
        (
            "Định kỳ báo cáo sơ kết (trước ngày 10/6), tổng kết (trước ngày 10/12).",
            [{"period": "semiannual", "due": "2026-06-10"}, {"period": "annual", "due": "2026-12-10"}],
        ),
        ("Thực hiện Kế hoạch số 5/KH-UBND ngày 02/01/2026, không có hạn báo cáo.", []),
    ],
)
def test_report_dates_inside_sentences(sentence: str, expected: list[dict[str, str]]) -> None:
    text = HEADER + "Tên năm 2026\n\nI. TỔ CHỨC THỰC HIỆN\n\n1. Các xã\n\n" + sentence + "\n"
    assert parse_text(text).as_json()["report_deadlines"] == expected


def test_signature_on_one_line_and_recipients() -> None:
    text = (
        "KẾ HOẠCH\n\nTên\n\nI. NỘI DUNG\n\n1. Việc\n\nNơi nhận:\n- Sở Nội vụ;\n- UBND các xã;\n- Lưu: VT.\n\n"
        "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\n\n(Đã ký)\n\nLê Văn Tám\n"
    )
    plan = parse_text(text).as_json()
    assert plan["recipients"] == ["Sở Nội vụ", "UBND các xã"]
    assert plan["signer"] == {"authority": "TM. ỦY BAN NHÂN DÂN", "position": "CHỦ TỊCH", "name": "Lê Văn Tám"}


def test_split_bodies_keeps_commas_inside_a_body() -> None:
    assert split_bodies("UBND các huyện, thị xã, thành phố; Sở Nội vụ.") == [
        "UBND các huyện, thị xã, thành phố",
        "Sở Nội vụ",
    ]


def test_no_sections_is_a_problem_not_a_guess() -> None:
    plan = parse_text("Một đoạn văn bất kỳ.")
    assert plan.sections == []
    assert plan.problems


def _docx(paragraphs: list[str], footnotes: list[str]) -> bytes:
    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    body = "".join(f"<w:p><w:r><w:t xml:space='preserve'>{p}</w:t></w:r></w:p>" for p in paragraphs)
    notes = "".join(
        f'<w:footnote w:id="{i + 1}"><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:footnote>'
        for i, text in enumerate(footnotes)
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", f"<w:document {w}><w:body>{body}</w:body></w:document>")
        archive.writestr(
            "word/footnotes.xml",
            f'<w:footnotes {w}><w:footnote w:type="separator" w:id="-1"><w:p/></w:footnote>{notes}</w:footnotes>',
        )
    return buffer.getvalue()


def test_docx_with_header_table_and_footnotes() -> None:
    data = _docx(
        [
            "ỦY BAN NHÂN DÂN TỈNH AN GIANG",
            "Số: 77/KH-UBND",
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "An Giang, ngày 02 tháng 01 năm 2026",
            "KẾ HOẠCH",
            "Thực hiện dân chủ ở cơ sở năm 2026",
            "Căn cứ Nghị định số 59/2023/NĐ-CP ngày 14/8/2023 của Chính phủ;",
            "I. NỘI DUNG",
            "1. Tập huấn",
            "Cơ quan chủ trì: Sở Nội vụ.",
        ],
        ["Quyết định số 12/2025/QĐ-UBND ngày 05/5/2025 của UBND tỉnh."],
    )
    plan = parse_file("ke-hoach.docx", data).as_json()
    assert plan["number"] == "77/KH-UBND"
    assert plan["place"] == "An Giang"
    assert plan["issued_on"] == {"year": 2026, "month": 1, "day": 2}
    assert plan["sections"][0]["items"][0]["lead"] == ["Sở Nội vụ"]
    assert plan["legal_references"] == [
        {"kind": "Nghị định", "number": "59/2023/NĐ-CP", "date": "2023-08-14"},
        {"kind": "Quyết định", "number": "12/2025/QĐ-UBND", "date": "2025-05-05"},
    ]


def test_broken_docx_is_a_problem() -> None:
    plan = parse_file("hong.docx", b"not a zip")
    assert plan.problems and plan.sections == []


def test_text_not_utf8_is_a_problem() -> None:
    plan = parse_file("x.txt", "KẾ HOẠCH".encode("utf-16"))
    assert plan.problems


def test_sub_item_without_its_final_dot() -> None:
    text = "KẾ HOẠCH\n\nTên\n\nI. NỘI DUNG\n\n1. Một\n\n1.1 Nội dung\n\n1.2 Tổ chức thực hiện: UBND xã.\n"
    one = parse_text(text).as_json()["sections"][0]["items"][0]
    assert [item["ref"] for item in one["items"]] == ["1.1"]
    assert one["items"][0]["title"] == "Nội dung"
    assert one["lead"] == ["UBND xã"]


@pytest.mark.parametrize(
    ("line", "lead", "coordinating"),
    [
        ("- Cơ quan chủ trì thực hiện: Sở Nội vụ.", ["Sở Nội vụ"], []),
        ("- Cơ quan, đơn vị thực hiện: UBND các xã.", ["UBND các xã"], []),
        ("- Đơn vị phối hợp thực hiện: Công an xã.", [], ["Công an xã"]),
        (
            "- Cơ quan chủ trì: Sở Nội vụ; cơ quan phối hợp: Sở Tư pháp, Sở Tài chính.",
            ["Sở Nội vụ"],
            ["Sở Tư pháp, Sở Tài chính"],
        ),
    ],
)
def test_label_variants(line: str, lead: list[str], coordinating: list[str]) -> None:
    item = parse_text(f"KẾ HOẠCH\n\nTên\n\nI. A\n\n1. Việc\n\n{line}\n").as_json()["sections"][0]["items"][0]
    assert (item["lead"], item["coordinating"]) == (lead, coordinating)


def test_a_long_sentence_with_a_colon_is_not_a_label() -> None:
    line = "- Chủ trì, phối hợp với các cơ quan, đơn vị có liên quan theo dõi, kiểm tra: hằng năm báo cáo."
    item = parse_text(f"KẾ HOẠCH\n\nTên\n\nI. A\n\n1. Sở Nội vụ\n\n{line}\n").as_json()["sections"][0]["items"][0]
    assert item["lead"] == [] and item["text"].startswith("- Chủ trì")


def test_six_month_and_year_written_briefly() -> None:
    sentence = "Định kỳ báo cáo 6 tháng (trước ngày 15/6) và năm (trước ngày 15/12) về Sở Nội vụ."
    text = HEADER + "Tên năm 2026\n\nI. TỔ CHỨC THỰC HIỆN\n\n1. Các xã\n\n" + sentence + "\n"
    assert parse_text(text).as_json()["report_deadlines"] == [
        {"period": "semiannual", "due": "2026-06-15"},
        {"period": "annual", "due": "2026-12-15"},
    ]
