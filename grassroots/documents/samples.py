# ruff: noqa: E501  (sample prose reads better unwrapped)
"""Built-in samples, one per common type, for the gallery, ``render_document --sample`` and the bench.

A fictional commune, xã Hòa Phú (tỉnh Đắk Lắk), with realistic grassroots-democracy content.
Pure data: no database, a fixed number and date.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from grassroots.accounts.models import Role
from grassroots.documents import rules
from grassroots.documents.models import DocumentType, IssuingBodyKind
from grassroots.documents.spec import Appendix, DocumentSpec, Recipients

SAMPLE_DATE = dt.date(2026, 3, 5)
SAMPLE_PUBLIC_URL = "https://dancoso.example.vn/v/HP26KH12"

COMMITTEE = rules.issuing_body_for_unit(
    body=IssuingBodyKind.PEOPLE_COMMITTEE, unit_name="Xã Hòa Phú", unit_kind_name="Xã"
)
COUNCIL = rules.issuing_body_for_unit(body=IssuingBodyKind.PEOPLE_COUNCIL, unit_name="Xã Hòa Phú", unit_kind_name="Xã")
VILLAGE = rules.issuing_body_for_unit(
    body=IssuingBodyKind.COMMUNITY,
    unit_name="Thôn 3",
    unit_kind_name="Thôn",
    parent_name="Xã Hòa Phú",
    parent_kind_name="Xã",
)
CHAIR = "Nguyễn Văn Thành"
VICE_CHAIR = "H'Linh Niê"


def _p(text: str) -> dict[str, Any]:
    return {"type": "paragraph", "text": text}


def _b(text: str) -> dict[str, Any]:
    return {"type": "bullet", "text": text}


def _a(text: str, children: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    return {"type": "lettered", "text": text, "children": children or []}


def _item(title: str, children: list[dict[str, Any]] | None = None, text: str = "") -> dict[str, Any]:
    return {"type": "item", "title": title, "text": text, "children": children or []}


def _section(title: str, children: list[dict[str, Any]]) -> dict[str, Any]:
    return {"type": "section", "title": title, "children": children}


def plan() -> DocumentSpec:
    """KH: the commune's yearly plan for grassroots democracy (three pages)."""
    villages = [
        [
            "1",
            "Thôn 1",
            "Hội nghị thôn bàn và quyết định mức đóng góp làm đường bê tông",
            "Tháng 4/2026",
            "Trưởng thôn 1",
        ],
        ["2", "Thôn 2", "Lấy ý kiến về dự thảo quy ước thôn sửa đổi", "Tháng 5/2026", "Trưởng thôn 2"],
        ["3", "Thôn 3", "Bầu Ban giám sát đầu tư của cộng đồng", "Tháng 6/2026", "Trưởng thôn 3"],
        ["4", "Buôn Ea Kmar", "Hội nghị nhân dân định kỳ giữa năm", "Tháng 7/2026", "Trưởng buôn"],
        ["5", "Toàn xã", "Sơ kết 6 tháng thực hiện dân chủ ở cơ sở", "Tháng 7/2026", "Văn phòng HĐND và UBND"],
        ["6", "Toàn xã", "Tổng kết năm, báo cáo Sở Nội vụ", "Tháng 12/2026", "Văn phòng HĐND và UBND"],
    ]
    return DocumentSpec(
        kind=DocumentType.PLAN,
        issuer=COMMITTEE,
        number=12,
        issued_on=SAMPLE_DATE,
        summary="Thực hiện dân chủ ở cơ sở trên địa bàn xã Hòa Phú năm 2026",
        body=[
            _p(
                "Thực hiện Luật Thực hiện dân chủ ở cơ sở số 10/2022/QH15 ngày 10 tháng 11 năm 2022 và Nghị định số "
                "59/2023/NĐ-CP ngày 14 tháng 8 năm 2023 của Chính phủ quy định chi tiết một số điều của Luật; căn cứ "
                "tình hình thực tế của địa phương, Ủy ban nhân dân xã Hòa Phú ban hành Kế hoạch thực hiện dân chủ ở cơ "
                "sở trên địa bàn xã năm 2026 như sau:"
            ),
            _section(
                "Mục đích, yêu cầu",
                [
                    _item(
                        "Mục đích",
                        [
                            _a(
                                "Bảo đảm và phát huy quyền làm chủ của Nhân dân theo phương châm “dân biết, dân bàn, dân "
                                "làm, dân kiểm tra, dân giám sát, dân thụ hưởng”."
                            ),
                            _a(
                                "Nâng cao trách nhiệm của cán bộ, công chức xã trong việc công khai thông tin, tiếp nhận "
                                "và giải quyết kiến nghị của Nhân dân đúng thời hạn pháp luật quy định."
                            ),
                            _a(
                                "Tăng cường sự đồng thuận xã hội, góp phần hoàn thành các chỉ tiêu phát triển kinh tế - "
                                "xã hội của xã năm 2026."
                            ),
                        ],
                    ),
                    _item(
                        "Yêu cầu",
                        [
                            _b(
                                "Việc thực hiện dân chủ ở cơ sở phải đúng quy định của pháp luật, thiết thực, hiệu quả;"
                            ),
                            _b("Công khai đầy đủ, kịp thời các nội dung phải công khai theo Điều 11 của Luật;"),
                            _b("Các thôn, buôn tổ chức hội nghị đúng trình tự, có biên bản và lưu trữ hồ sơ đầy đủ;"),
                            _b("Kết quả thực hiện được báo cáo định kỳ 6 tháng và năm theo quy định."),
                        ],
                    ),
                ],
            ),
            _section(
                "Nội dung thực hiện",
                [
                    _item(
                        "Công khai thông tin",
                        [
                            _item(
                                "Nội dung công khai",
                                text=(
                                    "Công khai kế hoạch sử dụng đất, dự toán và quyết toán ngân sách xã, các khoản thu, "
                                    "chi tài chính, các dự án đầu tư trên địa bàn, chính sách an sinh xã hội và thủ tục "
                                    "hành chính theo Điều 11 của Luật Thực hiện dân chủ ở cơ sở."
                                ),
                            ),
                            _item(
                                "Hình thức và thời hạn",
                                text=(
                                    "Niêm yết tại trụ sở Ủy ban nhân dân xã và nhà văn hóa các thôn, buôn; đăng trên "
                                    "Cổng thông tin điện tử của xã; thông báo trên hệ thống truyền thanh. Thời gian niêm "
                                    "yết ít nhất 30 ngày liên tục, trừ trường hợp pháp luật có quy định khác."
                                ),
                            ),
                        ],
                    ),
                    _item(
                        "Những nội dung Nhân dân bàn và quyết định",
                        [
                            _a(
                                "Chủ trương và mức đóng góp xây dựng công trình công cộng, cơ sở hạ tầng trong phạm vi "
                                "thôn, buôn do Nhân dân đóng góp toàn bộ hoặc một phần kinh phí."
                            ),
                            _a("Xây dựng, sửa đổi hương ước, quy ước của thôn, buôn."),
                            _a("Bầu, cho thôi làm Trưởng thôn, Trưởng buôn; bầu Ban thanh tra nhân dân."),
                            _a(
                                "Thành lập, thành viên và kinh phí hoạt động của các tổ tự quản trong cộng đồng dân cư."
                            ),
                        ],
                    ),
                    _item(
                        "Những nội dung Nhân dân tham gia ý kiến",
                        text=(
                            "Ủy ban nhân dân xã tổ chức lấy ý kiến Nhân dân đối với dự thảo quy hoạch, kế hoạch phát "
                            "triển kinh tế - xã hội, phương án chuyển đổi cơ cấu kinh tế, đề án thành lập, nhập, chia "
                            "đơn vị hành chính và các nội dung khác theo Điều 25 của Luật. Việc lấy ý kiến được thực "
                            "hiện bằng hình thức hội nghị, phát phiếu lấy ý kiến hoặc qua hòm thư góp ý và nền tảng số."
                        ),
                    ),
                    _item(
                        "Nhân dân kiểm tra, giám sát",
                        text=(
                            "Ban thanh tra nhân dân và Ban giám sát đầu tư của cộng đồng hoạt động theo chương trình "
                            "được Ủy ban Mặt trận Tổ quốc Việt Nam xã thông qua; Ủy ban nhân dân xã bảo đảm kinh phí "
                            "và tạo điều kiện để các Ban hoàn thành nhiệm vụ."
                        ),
                    ),
                    _item(
                        "Lịch tổ chức hội nghị ở các thôn, buôn",
                        [
                            {
                                "type": "table",
                                "header": ["TT", "Địa bàn", "Nội dung", "Thời gian", "Chủ trì"],
                                "rows": villages,
                                "widths": [0.6, 1.6, 4.2, 1.7, 2.2],
                            }
                        ],
                    ),
                ],
            ),
            _section(
                "Tổ chức thực hiện",
                [
                    _item(
                        "Văn phòng Hội đồng nhân dân và Ủy ban nhân dân xã",
                        text=(
                            "Chủ trì, tham mưu Ủy ban nhân dân xã triển khai Kế hoạch; theo dõi, tổng hợp kết quả, "
                            "báo cáo Ủy ban nhân dân xã và Sở Nội vụ tỉnh Đắk Lắk theo định kỳ 6 tháng và năm."
                        ),
                    ),
                    _item(
                        "Các công chức chuyên môn",
                        text=(
                            "Theo chức năng, nhiệm vụ được giao, cung cấp đầy đủ thông tin phải công khai, hướng dẫn "
                            "các thôn, buôn tổ chức hội nghị và lập biên bản đúng mẫu quy định."
                        ),
                    ),
                    _item(
                        "Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam xã",
                        text=(
                            "Phối hợp tuyên truyền, vận động Nhân dân tham gia thực hiện dân chủ ở cơ sở; chỉ đạo Ban "
                            "công tác Mặt trận ở các thôn, buôn phối hợp với Trưởng thôn tổ chức các hội nghị."
                        ),
                    ),
                    _item(
                        "Trưởng các thôn, buôn",
                        text=(
                            "Tổ chức thực hiện các nội dung của Kế hoạch tại thôn, buôn; báo cáo kết quả về Ủy ban "
                            "nhân dân xã trước ngày 10 tháng 6 và ngày 10 tháng 12 năm 2026."
                        ),
                    ),
                ],
            ),
            _p(
                "Trong quá trình thực hiện, nếu có khó khăn, vướng mắc, các đơn vị, thôn, buôn kịp thời báo cáo về Ủy "
                "ban nhân dân xã (qua Văn phòng Hội đồng nhân dân và Ủy ban nhân dân xã) để xem xét, giải quyết./."
            ),
        ],
        signatures=(
            rules.signature_block(
                issuer=COMMITTEE, signer_role=Role.COMMUNE_VICE_CHAIR, signer_name=VICE_CHAIR, authority="TM"
            ),
        ),
        recipients=Recipients(
            copies=(
                "Sở Nội vụ tỉnh Đắk Lắk (để báo cáo)",
                "Thường trực Đảng ủy xã",
                "Thường trực HĐND xã",
                "UBMTTQ Việt Nam xã",
                "Chủ tịch, các Phó Chủ tịch UBND xã",
                "Các thôn, buôn",
            ),
            archive_unit="VP",
        ),
        is_public=True,
        public_url=SAMPLE_PUBLIC_URL,
    )


def report() -> DocumentSpec:
    """BC: six-month report sent upward (opens with 'Kính gửi')."""
    return DocumentSpec(
        kind=DocumentType.REPORT,
        issuer=COMMITTEE,
        number=45,
        issued_on=dt.date(2026, 6, 16),
        summary="Kết quả thực hiện dân chủ ở cơ sở 6 tháng đầu năm 2026",
        body=[
            _section(
                "Kết quả thực hiện",
                [
                    _item(
                        "Công khai thông tin",
                        text=(
                            "Trong kỳ báo cáo (từ ngày 15/12/2025 đến ngày 14/6/2026), Ủy ban nhân dân xã đã công khai "
                            "18 nội dung theo Điều 11 của Luật, trong đó 12 nội dung niêm yết tại trụ sở và 18 nội dung "
                            "đăng trên Cổng thông tin điện tử của xã."
                        ),
                    ),
                    _item(
                        "Nhân dân bàn và quyết định",
                        text=(
                            "4/5 thôn, buôn đã tổ chức hội nghị bàn và quyết định; 3 nội dung được thông qua với trên "
                            "50% tổng số hộ gia đình tán thành."
                        ),
                    ),
                    _item(
                        "Tiếp nhận và giải quyết kiến nghị",
                        [
                            {
                                "type": "table",
                                "header": ["Chỉ tiêu", "Số lượng", "Đúng hạn"],
                                "rows": [["Kiến nghị tiếp nhận", "27", ""], ["Đã giải quyết", "25", "24"]],
                                "widths": [4, 2, 2],
                            }
                        ],
                    ),
                ],
            ),
            _section(
                "Tồn tại, hạn chế và phương hướng",
                [
                    _b("Một số thôn chưa lập biên bản hội nghị đúng mẫu, lưu trữ hồ sơ chưa đầy đủ;"),
                    _b("6 tháng cuối năm tập trung hướng dẫn các thôn hoàn thiện hồ sơ và số hóa biên bản."),
                ],
            ),
        ],
        signatures=(
            rules.signature_block(issuer=COMMITTEE, signer_role=Role.COMMUNE_CHAIR, signer_name=CHAIR, authority="TM"),
        ),
        recipients=Recipients(
            addressees=("Sở Nội vụ tỉnh Đắk Lắk",),
            copies=("Thường trực Đảng ủy xã", "Thường trực HĐND xã"),
            archive_unit="VP",
        ),
    )


def minutes() -> DocumentSpec:
    """BB: minutes of a village meeting, signed by the secretary and the chair."""
    return DocumentSpec(
        kind=DocumentType.MINUTES,
        issuer=VILLAGE,
        number=3,
        issued_on=dt.date(2026, 4, 12),
        summary="Hội nghị thôn bàn và quyết định mức đóng góp xây dựng đường bê tông liên xóm",
        body=[
            _p("Hôm nay, vào lúc 19 giờ 30 phút ngày 12 tháng 4 năm 2026, tại Nhà văn hóa Thôn 3, xã Hòa Phú."),
            _section(
                "Thành phần tham dự",
                [
                    _b("Chủ trì: Ông Y Khoa Mlô, Trưởng thôn;"),
                    _b("Thư ký: Bà Trần Thị Mai;"),
                    _b("Số hộ gia đình trong thôn: 212 hộ; số đại diện hộ có mặt: 168/212 hộ (79,2%)."),
                ],
            ),
            _section(
                "Nội dung và kết quả",
                [
                    _item(
                        "Nội dung",
                        text="Bàn và quyết định mức đóng góp 500.000 đồng/hộ để làm 1,2 km đường bê tông liên xóm.",
                    ),
                    _item(
                        "Kết quả biểu quyết",
                        text="Tán thành: 151/212 hộ (71,2%); không tán thành: 17/212 hộ. Nội dung được thông qua.",
                    ),
                ],
            ),
            _p(
                "Hội nghị kết thúc lúc 21 giờ 15 phút cùng ngày. Biên bản đã được đọc lại và những người dự họp nhất trí."
            ),
        ],
        signatures=(
            rules.minutes_signature(title="THƯ KÝ", signer_name="Trần Thị Mai"),
            rules.minutes_signature(title="CHỦ TRÌ", signer_name="Y Khoa Mlô"),
        ),
        recipients=Recipients(copies=("UBND xã Hòa Phú (để báo cáo)", "Ban công tác Mặt trận thôn")),
    )


def decision() -> DocumentSpec:
    """QĐ: recognition of an elected village head."""
    return DocumentSpec(
        kind=DocumentType.DECISION,
        issuer=COMMITTEE,
        number=87,
        issued_on=dt.date(2026, 2, 9),
        summary="Về việc công nhận Trưởng thôn 3, xã Hòa Phú nhiệm kỳ 2026 - 2028",
        enacting_authority="CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ HÒA PHÚ",
        legal_bases=(
            "Căn cứ Luật Tổ chức chính quyền địa phương số 72/2025/QH15",
            "Căn cứ Luật Thực hiện dân chủ ở cơ sở số 10/2022/QH15 ngày 10 tháng 11 năm 2022",
            "Căn cứ Nghị định số 59/2023/NĐ-CP ngày 14 tháng 8 năm 2023 của Chính phủ",
            "Xét Biên bản kết quả bầu Trưởng thôn 3 ngày 01 tháng 02 năm 2026 và đề nghị của Văn phòng HĐND và UBND xã",
        ),
        enacting_word="QUYẾT ĐỊNH:",
        body=[
            {
                "type": "article",
                "text": "Công nhận ông Y Khoa Mlô, sinh năm 1978, là Trưởng thôn 3, xã Hòa Phú nhiệm kỳ 2026 - 2028.",
            },
            {"type": "article", "text": "Quyết định này có hiệu lực kể từ ngày ký."},
            {
                "type": "article",
                "text": (
                    "Chánh Văn phòng HĐND và UBND xã, Trưởng Ban công tác Mặt trận Thôn 3 và ông Y Khoa Mlô chịu "
                    "trách nhiệm thi hành Quyết định này./."
                ),
            },
        ],
        signatures=(rules.signature_block(issuer=COMMITTEE, signer_role=Role.COMMUNE_CHAIR, signer_name=CHAIR),),
        recipients=Recipients(copies=("Như Điều 3", "UBMTTQ Việt Nam xã"), archive_unit="VP"),
    )


def notice() -> DocumentSpec:
    """TB: notice of disclosure (public, with QR code)."""
    return DocumentSpec(
        kind=DocumentType.NOTICE,
        issuer=COMMITTEE,
        number=5,
        issued_on=dt.date(2026, 1, 20),
        summary="Công khai dự toán ngân sách xã Hòa Phú năm 2026",
        body=[
            _p(
                "Thực hiện Điều 11 của Luật Thực hiện dân chủ ở cơ sở, Ủy ban nhân dân xã Hòa Phú thông báo công khai "
                "dự toán ngân sách xã năm 2026 đã được Hội đồng nhân dân xã quyết định, cụ thể như sau:"
            ),
            {
                "type": "table",
                "header": ["TT", "Nội dung", "Dự toán (triệu đồng)"],
                "rows": [["1", "Tổng thu ngân sách xã", "12.450"], ["2", "Tổng chi ngân sách xã", "12.450"]],
                "widths": [0.7, 5, 2.3],
            },
            _p(
                "Thời gian niêm yết: 30 ngày, từ ngày 21/01/2026 đến hết ngày 19/02/2026, tại trụ sở Ủy ban nhân dân xã "
                "và nhà văn hóa các thôn, buôn. Ý kiến góp ý xin gửi về Văn phòng HĐND và UBND xã./."
            ),
        ],
        signatures=(
            rules.signature_block(
                issuer=COMMITTEE, signer_role=Role.COMMUNE_VICE_CHAIR, signer_name=VICE_CHAIR, authority="KT"
            ),
        ),
        recipients=Recipients(copies=("Thường trực HĐND xã", "UBMTTQ Việt Nam xã", "Các thôn, buôn")),
        is_public=True,
        public_url="https://dancoso.example.vn/v/HP26TB05",
    )


def resolution() -> DocumentSpec:
    """NQ: an individual resolution of the commune People's Council."""
    return DocumentSpec(
        kind=DocumentType.RESOLUTION,
        issuer=COUNCIL,
        number=7,
        issued_on=dt.date(2026, 7, 14),
        summary="Về việc thông qua danh mục công trình do Nhân dân đóng góp năm 2026",
        enacting_authority="HỘI ĐỒNG NHÂN DÂN XÃ HÒA PHÚ\nKHÓA I, KỲ HỌP THỨ BA",
        legal_bases=(
            "Căn cứ Luật Tổ chức chính quyền địa phương số 72/2025/QH15",
            "Căn cứ Luật Thực hiện dân chủ ở cơ sở số 10/2022/QH15",
            "Xét Tờ trình số 21/TTr-UBND ngày 30 tháng 6 năm 2026 của Ủy ban nhân dân xã",
        ),
        enacting_word="QUYẾT NGHỊ:",
        body=[
            {
                "type": "article",
                "text": "Thông qua danh mục 03 công trình do Nhân dân đóng góp năm 2026 (chi tiết tại Phụ lục kèm theo).",
            },
            {"type": "article", "text": "Giao Ủy ban nhân dân xã tổ chức thực hiện Nghị quyết này./."},
        ],
        signatures=(
            rules.signature_block(
                issuer=COUNCIL, signer_role=Role.COMMUNE_CHAIR, signer_name="Lê Văn Hùng", authority="TM"
            ),
        ),
        recipients=Recipients(copies=("Thường trực Đảng ủy xã", "UBND xã", "Đại biểu HĐND xã"), archive_unit="VP"),
        appendices=(
            Appendix(
                title="Danh mục công trình do Nhân dân đóng góp năm 2026",
                body=[
                    {
                        "type": "table",
                        "header": ["TT", "Công trình", "Địa bàn", "Kinh phí (triệu đồng)"],
                        "rows": [
                            ["1", "Đường bê tông liên xóm", "Thôn 3", "850"],
                            ["2", "Điện chiếu sáng công cộng", "Thôn 1", "210"],
                            ["3", "Sửa chữa nhà văn hóa", "Buôn Ea Kmar", "180"],
                        ],
                        "widths": [0.7, 4, 2, 2.3],
                    }
                ],
            ),
        ),
    )


def submission() -> DocumentSpec:
    """TTr: a submission to the People's Council (opens with 'Kính gửi')."""
    return DocumentSpec(
        kind=DocumentType.SUBMISSION,
        issuer=COMMITTEE,
        number=21,
        issued_on=dt.date(2026, 6, 30),
        summary="Đề nghị thông qua danh mục công trình do Nhân dân đóng góp năm 2026",
        body=[
            _p(
                "Căn cứ kết quả hội nghị bàn và quyết định của các thôn, buôn, Ủy ban nhân dân xã kính trình Hội đồng "
                "nhân dân xã xem xét, thông qua danh mục 03 công trình do Nhân dân đóng góp năm 2026 với tổng kinh "
                "phí 1.240 triệu đồng."
            ),
            _p("Kính trình Hội đồng nhân dân xã xem xét, quyết định./."),
        ],
        signatures=(
            rules.signature_block(issuer=COMMITTEE, signer_role=Role.COMMUNE_CHAIR, signer_name=CHAIR, authority="TM"),
        ),
        recipients=Recipients(addressees=("Hội đồng nhân dân xã Hòa Phú",), copies=("Thường trực Đảng ủy xã",)),
    )


def official_letter() -> DocumentSpec:
    """Công văn: no type name, 'V/v' under the number, several addressees."""
    return DocumentSpec(
        kind=DocumentType.OFFICIAL_LETTER,
        issuer=COMMITTEE,
        number=9,
        issued_on=dt.date(2026, 3, 2),
        drafting_unit="VX",
        summary="tổ chức hội nghị nhân dân ở thôn, buôn năm 2026",
        body=[
            _p(
                "Để chuẩn bị hội nghị nhân dân định kỳ năm 2026 theo Nghị định số 59/2023/NĐ-CP, Ủy ban nhân dân xã đề "
                "nghị Trưởng các thôn, buôn lập danh sách hộ gia đình đến ngày 31/3/2026 và gửi về Ủy ban nhân dân xã "
                "trước ngày 10/4/2026."
            ),
            _p("Đề nghị các thôn, buôn quan tâm thực hiện./."),
        ],
        signatures=(
            rules.signature_block(
                issuer=COMMITTEE, signer_role=Role.COMMUNE_VICE_CHAIR, signer_name=VICE_CHAIR, authority="KT"
            ),
        ),
        recipients=Recipients(addressees=("Trưởng các thôn, buôn", "Ban công tác Mặt trận các thôn, buôn")),
    )


SAMPLES: dict[str, Callable[[], DocumentSpec]] = {
    DocumentType.PLAN: plan,
    DocumentType.REPORT: report,
    DocumentType.MINUTES: minutes,
    DocumentType.DECISION: decision,
    DocumentType.NOTICE: notice,
    DocumentType.RESOLUTION: resolution,
    DocumentType.SUBMISSION: submission,
    DocumentType.OFFICIAL_LETTER: official_letter,
}
"""One sample per common type, keyed by ``DocumentType`` value."""


def sample(kind: str) -> DocumentSpec:
    """The built-in sample of a type (value or abbreviation such as ``KH``, ``QĐ``/``QD``, ``CV``)."""
    resolved = rules.kind_from_abbreviation(kind)
    if resolved is None or resolved not in SAMPLES:
        raise KeyError(kind)
    return SAMPLES[resolved]()
