# ruff: noqa: E501  (Vietnamese prose reads better unwrapped)
"""Fixed Vietnamese content of the demo's activity: disclosures, votes, the 2026 plan and report.

Pure data, no database. Dates are fixed days of 2025–2026 chosen so that on the demo's reference day
(``REFERENCE_DAY``, 22/11/2026) the dashboards show overdue, due-soon and later items at once.
The 2026 plan is adapted from real commune plans (Hưng Đạo 2025, Hồng Lĩnh 2022, Khánh Hòa 2024)
to the two-tier local government of Tỉnh Ninh Bình (no district level since 01/7/2025).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

REFERENCE_DAY = dt.date(2026, 11, 22)
"""The day the demo is staged for: due dates are computed from fixed days before it."""


@dataclass(frozen=True)
class PostingSeed:
    """One channel event: ``channel``, start day, end day (exclusive) or None, community index or None."""

    channel: str
    started_on: dt.date
    ended_on: dt.date | None = None
    community: int | None = None
    note: str = ""


@dataclass(frozen=True)
class DisclosureSeed:
    """One disclosure and what happened to it. ``published_on`` None leaves it a draft."""

    category: str
    title: str
    body: str
    decided_on: dt.date
    decision_number: str = ""
    published_on: dt.date | None = None
    postings: tuple[PostingSeed, ...] = ()
    relay_acks: tuple[tuple[int, dt.date], ...] = ()  # (community index, day acknowledged)
    organisation: str = ""  # key of data.ORGANISATIONS for internal disclosures
    attachment: str = ""  # file name of a generated PDF
    amendment: tuple[str, dt.date, str, dt.date] | None = None  # (title, decided_on, change note, republished on)
    withdrawn_on: dt.date | None = None
    withdrawal_reason: str = ""
    ended_on: dt.date | None = None
    extra: dict[str, Any] = field(default_factory=dict)


D = dt.date
HQ = "headquarters_board"
BOARD = "community_board"
SPEAKER = "loudspeaker"
SOCIAL = "social_network"
MEETING = "meeting"
STAFF_NOTICE = "written_notice_all_staff"
ALL_COMMUNITIES = range(14)


def _boards(
    start: dt.date, end: dt.date | None, communities: range | tuple[int, ...] = ALL_COMMUNITIES
) -> tuple[PostingSeed, ...]:
    return tuple(PostingSeed(BOARD, start, end, index) for index in communities)


COMMUNE_DISCLOSURES: tuple[DisclosureSeed, ...] = (
    DisclosureSeed(
        category="K13",
        title="Bộ thủ tục hành chính thuộc thẩm quyền giải quyết của UBND xã Vân Long",
        body="Danh mục 142 thủ tục hành chính do UBND xã Vân Long trực tiếp tiếp nhận, giải quyết tại Trung tâm Phục vụ hành chính công xã: tên thủ tục, thành phần hồ sơ, thời hạn giải quyết, phí, lệ phí. Niêm yết thường xuyên tại trụ sở và cập nhật khi có thay đổi.",
        decided_on=D(2025, 7, 10),
        decision_number="15/QĐ-UBND",
        published_on=D(2025, 7, 14),
        postings=(PostingSeed(HQ, D(2025, 7, 14), note="Bảng niêm yết tại Trung tâm Phục vụ hành chính công xã"),),
    ),
    DisclosureSeed(
        category="K4",
        title="Quy chế thực hiện dân chủ ở xã Vân Long",
        body="Quy chế thực hiện dân chủ ở xã Vân Long do UBND xã phối hợp với Ủy ban MTTQ Việt Nam xã ban hành: nội dung công khai, nội dung Nhân dân bàn và quyết định, tham gia ý kiến, kiểm tra, giám sát; nhiệm vụ của cán bộ, công chức xã; quy tắc ứng xử của người có chức vụ, quyền hạn.",
        decided_on=D(2025, 9, 15),
        decision_number="102/QĐ-UBND",
        published_on=D(2025, 9, 18),
        postings=(PostingSeed(HQ, D(2025, 9, 18)),),
        amendment=(
            "Quy chế thực hiện dân chủ ở xã Vân Long (sửa đổi, bổ sung năm 2026)",
            D(2026, 3, 2),
            "Bổ sung quy định về biểu quyết trực tuyến của cộng đồng dân cư và tiếp nhận yêu cầu cung cấp thông tin qua Cổng thông tin điện tử.",
            D(2026, 3, 4),
        ),
    ),
    DisclosureSeed(
        category="K1",
        title="Kế hoạch phát triển kinh tế - xã hội xã Vân Long năm 2026",
        body="Nghị quyết của HĐND xã về kế hoạch phát triển kinh tế - xã hội năm 2026: tổng giá trị sản xuất tăng 8,5%; thu nhập bình quân 68 triệu đồng/người/năm; giảm tỷ lệ hộ nghèo còn 1,8%; 100% thôn có nhà văn hóa đạt chuẩn; phương án chuyển đổi 35 ha đất lúa kém hiệu quả sang trồng cây ăn quả.",
        decided_on=D(2025, 12, 19),
        decision_number="28/NQ-HĐND",
        published_on=D(2026, 1, 12),
        postings=(
            PostingSeed(HQ, D(2026, 1, 12), D(2026, 2, 20)),
            *_boards(D(2026, 1, 13), D(2026, 2, 20), (0, 1, 2, 3, 4, 5, 6, 7, 8, 9)),
        ),
    ),
    DisclosureSeed(
        category="K2",
        title="Công khai dự toán ngân sách xã Vân Long năm 2026",
        body="Dự toán thu ngân sách nhà nước trên địa bàn xã năm 2026: 18.650 triệu đồng; dự toán chi ngân sách xã: 21.340 triệu đồng, trong đó chi đầu tư phát triển 6.200 triệu đồng, chi thường xuyên 14.710 triệu đồng, dự phòng 430 triệu đồng. Kèm theo các biểu mẫu công khai theo Thông tư số 343/2016/TT-BTC.",
        decided_on=D(2026, 1, 5),
        decision_number="02/QĐ-UBND",
        published_on=D(2026, 1, 8),
        postings=(
            PostingSeed(HQ, D(2026, 1, 8), D(2026, 2, 27)),
            *_boards(D(2026, 1, 9), D(2026, 2, 27)),
            PostingSeed(SOCIAL, D(2026, 1, 8), note="Trang Zalo OA của UBND xã"),
        ),
        attachment="du-toan-ngan-sach-xa-van-long-2026.pdf",
    ),
    DisclosureSeed(
        category="K7",
        title="Danh sách hộ nghèo, hộ cận nghèo năm 2026 và kết quả bình xét hỗ trợ",
        body="Kết quả rà soát hộ nghèo, hộ cận nghèo năm 2026: 46 hộ nghèo (1,8%), 71 hộ cận nghèo; danh sách hộ được hỗ trợ tiền điện, thẻ bảo hiểm y tế và vay vốn Ngân hàng Chính sách xã hội.",
        decided_on=D(2026, 1, 20),
        decision_number="09/QĐ-UBND",
        published_on=D(2026, 1, 22),
        postings=(
            PostingSeed(HQ, D(2026, 1, 22), D(2026, 3, 2)),
            *_boards(D(2026, 1, 23), D(2026, 3, 2)),
            PostingSeed(SPEAKER, D(2026, 1, 22), D(2026, 1, 26)),
        ),
        relay_acks=((0, D(2026, 1, 25)), (1, D(2026, 1, 26)), (13, D(2026, 1, 28))),
    ),
    DisclosureSeed(
        category="K12",
        title="Đối tượng, mức thu thuế, phí, lệ phí và thời hạn nộp năm 2026 do xã trực tiếp thu",
        body="Thuế sử dụng đất phi nông nghiệp năm 2026: nộp một lần trước ngày 31/10/2026; lệ phí chứng thực, đăng ký hộ tịch, phí chợ và phí sử dụng bến bãi theo Nghị quyết của HĐND tỉnh Ninh Bình. Danh sách hộ phải nộp được niêm yết tại nhà văn hóa các thôn.",
        decided_on=D(2026, 2, 2),
        decision_number="17/TB-UBND",
        published_on=D(2026, 2, 4),
        postings=(
            PostingSeed(HQ, D(2026, 2, 4), D(2026, 3, 16)),
            *_boards(D(2026, 2, 5), D(2026, 3, 16)),
            PostingSeed(SPEAKER, D(2026, 2, 4), D(2026, 2, 8)),
        ),
        relay_acks=((0, D(2026, 2, 7)), (1, D(2026, 2, 9)), (13, D(2026, 2, 10))),
    ),
    DisclosureSeed(
        category="K6",
        title="Kết quả kiểm kê tài sản công do xã quản lý năm 2025",
        body="Tổng nguyên giá tài sản công do xã quản lý tại thời điểm 31/12/2025: 48.720 triệu đồng (nhà làm việc, nhà văn hóa 14 thôn, trạm y tế, 2 xe ô tô chuyên dùng, hệ thống loa truyền thanh); đề xuất thanh lý 12 máy tính hết khấu hao.",
        decided_on=D(2026, 2, 25),
        decision_number="31/QĐ-UBND",
        published_on=D(2026, 2, 27),
        postings=(
            PostingSeed(HQ, D(2026, 2, 27), D(2026, 4, 10)),
            *_boards(D(2026, 2, 28), D(2026, 4, 10), (0, 1, 2, 3, 4, 5, 6)),
        ),
        ended_on=D(2026, 4, 10),
    ),
    DisclosureSeed(
        category="K3",
        title="Phương án bồi thường, hỗ trợ khi Nhà nước thu hồi đất thực hiện dự án mở rộng đường ĐH.05 đoạn qua thôn Yên Khê",
        body="Dự án mở rộng đường ĐH.05 (2,3 km) thu hồi 1,86 ha đất của 37 hộ thôn Yên Khê và thôn Đồng Quân; đơn giá bồi thường đất nông nghiệp 105.000 đồng/m², hỗ trợ chuyển đổi nghề 3 lần giá đất; 2 hộ được bố trí tái định cư tại khu dân cư Gò Sậy.",
        decided_on=D(2026, 3, 16),
        decision_number="45/QĐ-UBND",
        published_on=D(2026, 3, 18),
        postings=(
            PostingSeed(HQ, D(2026, 3, 18), D(2026, 5, 5)),
            PostingSeed(BOARD, D(2026, 3, 18), D(2026, 5, 5), 4),
            PostingSeed(BOARD, D(2026, 3, 18), D(2026, 5, 5), 5),
            PostingSeed(
                MEETING,
                D(2026, 3, 22),
                D(2026, 3, 23),
                note="Hội nghị đối thoại với 37 hộ bị thu hồi đất tại nhà văn hóa thôn Yên Khê",
            ),
        ),
    ),
    DisclosureSeed(
        category="K5",
        title="Kết quả vận động Quỹ Vì người nghèo xã Vân Long quý I năm 2026",
        body="Tổng số tiền vận động được: 186.400.000 đồng từ 2.314 hộ, 3 cơ quan và 11 doanh nghiệp; đã chi hỗ trợ sửa nhà cho 3 hộ nghèo.",
        decided_on=D(2026, 5, 8),
        decision_number="22/BC-UBND",
        published_on=D(2026, 5, 11),
        postings=(PostingSeed(HQ, D(2026, 5, 11)), *_boards(D(2026, 5, 12), None, (0, 1, 2, 3))),
        withdrawn_on=D(2026, 7, 1),
        withdrawal_reason="Thay bằng báo cáo quyết toán Quỹ 6 tháng đầu năm đã được Ủy ban MTTQ Việt Nam xã thông qua.",
    ),
    DisclosureSeed(
        category="K10",
        title="Kết luận thanh tra việc quản lý, sử dụng quỹ đất công ích 5% của xã",
        body="Kết luận thanh tra của Thanh tra tỉnh: 2,1 ha đất công ích cho thuê không qua đấu giá giai đoạn 2021–2024; yêu cầu thu hồi 126 triệu đồng chênh lệch tiền thuê, kiểm điểm trách nhiệm công chức địa chính - xây dựng.",
        decided_on=D(2026, 6, 15),
        decision_number="318/KL-TTr",
        published_on=D(2026, 6, 26),
        postings=(
            PostingSeed(HQ, D(2026, 6, 26), D(2026, 8, 5)),
            *_boards(D(2026, 6, 29), D(2026, 8, 5), (0, 1, 2, 3, 4, 5, 6, 7, 8)),
        ),
        relay_acks=((0, D(2026, 6, 30)), (1, D(2026, 7, 2))),
    ),
    DisclosureSeed(
        category="K8",
        title="Hỗ trợ khắc phục thiệt hại do bão số 3 năm 2026",
        body="Danh sách 84 hộ bị tốc mái, hư hỏng nhà và 27 ha lúa mùa bị ngập úng; mức hỗ trợ từ ngân sách xã và tiền, hàng cứu trợ của các nhà hảo tâm (312 triệu đồng, 4,2 tấn gạo) và kết quả phân bổ đến từng thôn.",
        decided_on=D(2026, 9, 29),
        decision_number="128/QĐ-UBND",
        published_on=D(2026, 10, 1),
        postings=(
            PostingSeed(HQ, D(2026, 10, 1), D(2026, 11, 9)),
            *_boards(D(2026, 10, 2), D(2026, 11, 9)),
            PostingSeed(SPEAKER, D(2026, 10, 1), D(2026, 10, 5)),
        ),
        relay_acks=((0, D(2026, 10, 4)),),
    ),
    DisclosureSeed(
        category="K11",
        title="Kế hoạch lấy ý kiến Nhân dân về dự thảo điều chỉnh Quy hoạch chung xã Vân Long đến năm 2035",
        body="Lấy ý kiến Nhân dân từ ngày 08/10 đến ngày 08/11/2026 bằng hội nghị ở 14 thôn, phiếu góp ý và hòm thư điện tử; hồ sơ dự thảo quy hoạch niêm yết tại trụ sở UBND xã và đăng trên Cổng thông tin điện tử.",
        decided_on=D(2026, 10, 5),
        decision_number="141/KH-UBND",
        published_on=D(2026, 10, 6),
        postings=(
            PostingSeed(HQ, D(2026, 10, 6)),
            *_boards(D(2026, 10, 7), None, (0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11)),
            PostingSeed(SPEAKER, D(2026, 10, 6), D(2026, 10, 9)),
        ),
        relay_acks=((0, D(2026, 10, 9)), (1, D(2026, 10, 12)), (13, D(2026, 10, 13))),
    ),
    DisclosureSeed(
        category="K2",
        title="Tình hình thực hiện dự toán ngân sách xã 9 tháng đầu năm 2026",
        body="Thu ngân sách xã 9 tháng đạt 74,6% dự toán; chi ngân sách đạt 68,2% dự toán; giải ngân vốn đầu tư công đạt 61%.",
        decided_on=D(2026, 10, 15),
        decision_number="58/BC-UBND",
        published_on=D(2026, 10, 16),
        postings=(PostingSeed(HQ, D(2026, 10, 16)), *_boards(D(2026, 10, 19), None)),
    ),
    DisclosureSeed(
        category="K9",
        title="Danh sách công dân được gọi khám tuyển nghĩa vụ quân sự, nghĩa vụ công an năm 2027",
        body="Chỉ tiêu giao quân năm 2027 của xã: 24 công dân; danh sách 68 công dân đủ điều kiện gọi khám sức khỏe; 5 trường hợp tạm hoãn, 1 trường hợp miễn gọi nhập ngũ và lý do.",
        decided_on=D(2026, 11, 10),
        decision_number="35/QĐ-HĐNVQS",
        published_on=D(2026, 11, 12),
        postings=(
            PostingSeed(HQ, D(2026, 11, 12)),
            *_boards(D(2026, 11, 13), None),
            PostingSeed(SPEAKER, D(2026, 11, 12), D(2026, 11, 15)),
        ),
        relay_acks=((0, D(2026, 11, 16)),),
    ),
    # Drafts: the deadline runs (5 working days from the decision, art. 12(3)).
    DisclosureSeed(
        category="K5",
        title="Các khoản huy động Nhân dân đóng góp làm đường bê tông ngõ xóm thôn Bến Đò",
        body="Mức đóng góp 1.500.000 đồng/hộ theo kết quả hội nghị thôn Bến Đò ngày 18/11/2026; miễn cho hộ nghèo, hộ chính sách.",
        decided_on=D(2026, 11, 13),
        decision_number="172/TB-UBND",
    ),
    DisclosureSeed(
        category="K1",
        title="Kết quả thực hiện kế hoạch phát triển kinh tế - xã hội 10 tháng năm 2026",
        body="Dự thảo: 14/17 chỉ tiêu đạt và vượt kế hoạch; sản lượng lương thực ước 21.800 tấn.",
        decided_on=D(2026, 11, 18),
        decision_number="66/BC-UBND",
    ),
    DisclosureSeed(
        category="K3",
        title="Quy hoạch chi tiết điểm dân cư nông thôn thôn Tân Lập",
        body="Dự thảo: 42 lô đất ở, diện tích 120–150 m²/lô, hạ tầng giao thông, cấp thoát nước và điểm sinh hoạt cộng đồng.",
        decided_on=D(2026, 11, 20),
        decision_number="176/QĐ-UBND",
    ),
)

ORGANISATION_DISCLOSURES: tuple[DisclosureSeed, ...] = (
    DisclosureSeed(
        category="A2",
        organisation="agency",
        title="Kế hoạch công tác năm 2026 của Văn phòng HĐND và UBND xã",
        body="Các nhiệm vụ trọng tâm, tiến độ theo quý và người phụ trách; lịch tiếp công dân của lãnh đạo UBND xã.",
        decided_on=D(2026, 1, 6),
        decision_number="03/KH-VP",
        published_on=D(2026, 1, 8),
        postings=(
            PostingSeed(STAFF_NOTICE, D(2026, 1, 8), D(2026, 1, 9)),
            PostingSeed(HQ, D(2026, 1, 8), D(2026, 2, 10)),
        ),
    ),
    DisclosureSeed(
        category="A9",
        organisation="agency",
        title="Quy chế chi tiêu nội bộ năm 2026",
        body="Định mức công tác phí, văn phòng phẩm, điện thoại; chi hỗ trợ cán bộ làm thêm giờ; được thông qua tại Hội nghị cán bộ, công chức ngày 20/01/2026.",
        decided_on=D(2026, 1, 22),
        decision_number="05/QĐ-VP",
        published_on=D(2026, 1, 26),
        postings=(PostingSeed(HQ, D(2026, 1, 26), D(2026, 3, 2)),),
    ),
    DisclosureSeed(
        category="A3",
        organisation="agency",
        title="Tình hình thực hiện dự toán chi thường xuyên 6 tháng đầu năm 2026",
        body="Chi thường xuyên 6 tháng: 2.140 triệu đồng, đạt 51% dự toán năm.",
        decided_on=D(2026, 7, 10),
        decision_number="14/BC-VP",
        published_on=D(2026, 7, 14),
        postings=(PostingSeed(STAFF_NOTICE, D(2026, 7, 14), D(2026, 7, 15)),),
    ),
    DisclosureSeed(
        category="S1",
        organisation="enterprise",
        title="Tình hình sản xuất, kinh doanh 6 tháng đầu năm 2026",
        body="Phục vụ tưới tiêu 3.850 ha lúa vụ Đông Xuân; doanh thu 18,6 tỷ đồng; nạo vét 12 km kênh cấp II.",
        decided_on=D(2026, 7, 15),
        decision_number="86/BC-CT",
        published_on=D(2026, 7, 20),
        postings=(
            PostingSeed(HQ, D(2026, 7, 20), D(2026, 8, 20)),
            PostingSeed(MEETING, D(2026, 7, 24), D(2026, 7, 25), note="Hội nghị sơ kết 6 tháng"),
        ),
    ),
    DisclosureSeed(
        category="S5",
        organisation="enterprise",
        title="Trích nộp kinh phí công đoàn, bảo hiểm xã hội, bảo hiểm y tế, bảo hiểm thất nghiệp quý III năm 2026",
        body="Đã trích nộp đủ cho 135 người lao động: bảo hiểm xã hội 1.026 triệu đồng, kinh phí công đoàn 64 triệu đồng.",
        decided_on=D(2026, 10, 10),
        decision_number="121/TB-CT",
        published_on=D(2026, 10, 12),
        postings=(PostingSeed(STAFF_NOTICE, D(2026, 10, 12), D(2026, 10, 13)),),
    ),
)

PLAN_TITLE = "Kế hoạch công khai thông tin của UBND xã Vân Long năm 2026"
PLAN_ADOPTED_ON = D(2026, 1, 6)
PLAN_ITEMS: tuple[tuple[str, str, tuple[str, ...], dt.date, str], ...] = (
    ("K2", "Dự toán ngân sách xã năm 2026", (HQ, BOARD, "portal"), D(2026, 1, 8), "Công chức Tài chính - Kế toán"),
    (
        "K1",
        "Kế hoạch phát triển kinh tế - xã hội năm 2026",
        (HQ, BOARD, "portal"),
        D(2026, 1, 10),
        "Văn phòng HĐND và UBND",
    ),
    (
        "K7",
        "Danh sách hộ nghèo, hộ cận nghèo năm 2026",
        (HQ, BOARD, SPEAKER, "village_head_relay"),
        D(2026, 1, 25),
        "Công chức Văn hóa - Xã hội",
    ),
    (
        "K12",
        "Thuế, phí, lệ phí do xã trực tiếp thu năm 2026",
        (HQ, BOARD, SPEAKER, "village_head_relay"),
        D(2026, 2, 5),
        "Công chức Tài chính - Kế toán",
    ),
    ("K4", "Quy chế thực hiện dân chủ ở xã (cập nhật)", (HQ, "portal"), D(2026, 3, 5), "Văn phòng HĐND và UBND"),
    (
        "K2",
        "Tình hình thực hiện ngân sách 6 tháng, 9 tháng",
        (HQ, BOARD, "portal"),
        D(2026, 10, 20),
        "Công chức Tài chính - Kế toán",
    ),
    (
        "K11",
        "Lấy ý kiến Nhân dân về điều chỉnh quy hoạch chung xã",
        (HQ, BOARD, MEETING, "village_head_relay"),
        D(2026, 10, 8),
        "Công chức Địa chính - Xây dựng",
    ),
    ("K2", "Quyết toán ngân sách xã năm 2025", (HQ, BOARD, "portal"), D(2026, 12, 15), "Công chức Tài chính - Kế toán"),
)

INFORMATION_REQUESTS: tuple[dict[str, Any], ...] = (
    {
        "requester_name": "Nguyễn Văn Tài",
        "requester_contact": "Thôn Yên Khê, xã Vân Long; 0912 345 678",
        "subject": "Đề nghị cung cấp bản đồ trích đo và đơn giá bồi thường đối với thửa đất số 215, tờ bản đồ số 7 (dự án mở rộng đường ĐH.05).",
        "category": "K3",
        "received_on": D(2026, 10, 5),
        "answer": "UBND xã gửi kèm trích lục bản đồ thửa đất số 215 và bảng đơn giá bồi thường đã phê duyệt; ông có thể xem hồ sơ gốc tại bộ phận Địa chính vào giờ hành chính.",
        "answered_on": D(2026, 10, 14),
    },
    {
        "requester_name": "Trần Thị Hằng",
        "requester_contact": "Thôn Đông Hòa, xã Vân Long; hang.tt@example.vn",
        "subject": "Đề nghị cung cấp danh sách hộ được hỗ trợ khắc phục thiệt hại do bão số 3 của thôn Đông Hòa và mức hỗ trợ từng hộ.",
        "category": "K8",
        "received_on": D(2026, 11, 9),
    },
)


def _p(text: str) -> dict[str, Any]:
    return {"type": "paragraph", "text": text}


def _b(text: str) -> dict[str, Any]:
    return {"type": "bullet", "text": text}


def _a(text: str) -> dict[str, Any]:
    return {"type": "lettered", "text": text, "children": []}


def _item(title: str, children: list[dict[str, Any]] | None = None, text: str = "") -> dict[str, Any]:
    return {"type": "item", "title": title, "text": text, "children": children or []}


def _section(title: str, children: list[dict[str, Any]]) -> dict[str, Any]:
    return {"type": "section", "title": title, "children": children}


KH_SUMMARY = "Thực hiện dân chủ ở cơ sở trên địa bàn xã Vân Long năm 2026"
KH_ISSUED_ON = D(2026, 1, 15)
BC_SUMMARY = "Kết quả thực hiện dân chủ ở cơ sở 6 tháng đầu năm 2026"
BC_ISSUED_ON = D(2026, 6, 15)

KH_VILLAGE_SCHEDULE = [
    ["1", "Thôn Đông Hòa", "Hội nghị sửa đổi, bổ sung hương ước thôn", "Tháng 10/2026", "Trưởng thôn Đông Hòa"],
    ["2", "Thôn Đông Hòa", "Lựa chọn hình thức biểu quyết trực tuyến", "Tháng 9/2026", "Trưởng thôn Đông Hòa"],
    ["3", "Thôn Tây Hòa", "Bầu Trưởng thôn nhiệm kỳ 2026–2031", "Tháng 12/2026", "UBND xã, Tổ bầu cử"],
    ["4", "Thôn Bến Đò", "Bàn và quyết định làm đường bê tông ngõ xóm", "Tháng 11/2026", "Trưởng thôn Bến Đò"],
    ["5", "14 thôn", "Hội nghị lấy ý kiến điều chỉnh Quy hoạch chung xã", "Tháng 10/2026", "Trưởng các thôn"],
    ["6", "Toàn xã", "Sơ kết 6 tháng thực hiện dân chủ ở cơ sở", "Tháng 6/2026", "Văn phòng HĐND và UBND"],
    ["7", "Toàn xã", "Tổng kết năm, báo cáo Sở Nội vụ tỉnh Ninh Bình", "Tháng 12/2026", "Văn phòng HĐND và UBND"],
]

KH_BODY: list[dict[str, Any]] = [
    _p(
        "Thực hiện Luật Thực hiện dân chủ ở cơ sở số 10/2022/QH15 ngày 10 tháng 11 năm 2022; Nghị định số 59/2023/NĐ-CP ngày 14 tháng 8 năm 2023 của Chính phủ quy định chi tiết một số điều của Luật Thực hiện dân chủ ở cơ sở; Kế hoạch của Ủy ban nhân dân tỉnh Ninh Bình về thực hiện dân chủ ở cơ sở năm 2026, Ủy ban nhân dân xã Vân Long ban hành Kế hoạch thực hiện dân chủ ở cơ sở trên địa bàn xã năm 2026 như sau:"
    ),
    _section(
        "Mục đích, yêu cầu",
        [
            _item(
                "Mục đích",
                [
                    _a(
                        "Quán triệt, triển khai có hiệu quả chủ trương của Đảng, chính sách, pháp luật của Nhà nước về thực hiện dân chủ ở cơ sở, nâng cao nhận thức của cán bộ, đảng viên, công chức, người lao động và Nhân dân về dân chủ và thực hành dân chủ."
                    ),
                    _a(
                        "Bảo đảm công khai, minh bạch hoạt động của chính quyền xã; phát huy vai trò giám sát, phản biện xã hội của Mặt trận Tổ quốc, các tổ chức chính trị - xã hội và Nhân dân theo phương châm “dân biết, dân bàn, dân làm, dân kiểm tra, dân giám sát, dân thụ hưởng”."
                    ),
                    _a(
                        "Nâng cao trách nhiệm của người đứng đầu; phòng ngừa, ngăn chặn các hành vi tham nhũng, lãng phí, quan liêu, sách nhiễu, gây phiền hà cho Nhân dân."
                    ),
                ],
            ),
            _item(
                "Yêu cầu",
                [
                    _b(
                        "Thực hiện dân chủ ở cơ sở là nhiệm vụ quan trọng, thường xuyên của cả hệ thống chính trị xã, triển khai đồng bộ từ xã đến 14 thôn;"
                    ),
                    _b(
                        "Công khai đầy đủ, kịp thời các nội dung theo Điều 11 của Luật, chậm nhất 05 ngày làm việc kể từ ngày có quyết định, văn bản;"
                    ),
                    _b(
                        "Các thôn tổ chức hội nghị đúng trình tự, có biên bản và lưu trữ hồ sơ đầy đủ; giải quyết kịp thời kiến nghị chính đáng của Nhân dân."
                    ),
                ],
            ),
        ],
    ),
    _section(
        "Nội dung thực hiện",
        [
            _item(
                "Tuyên truyền, phổ biến pháp luật về thực hiện dân chủ ở cơ sở",
                text="Đa dạng hóa hình thức tuyên truyền trên hệ thống truyền thanh xã, Cổng thông tin điện tử, nhóm Zalo của các thôn và tại các hội nghị; phối hợp với Ủy ban MTTQ Việt Nam xã và các đoàn thể phổ biến đến hội viên, đoàn viên. Thời gian: thường xuyên trong năm 2026.",
            ),
            _item(
                "Công khai thông tin ở xã",
                [
                    _a(
                        "Nội dung: các nội dung tại Điều 11 của Luật, tập trung vào dự toán, quyết toán ngân sách, các dự án đầu tư, bồi thường, hỗ trợ, tái định cư, chính sách an sinh xã hội và thủ tục hành chính."
                    ),
                    _a(
                        "Hình thức: niêm yết tại trụ sở UBND xã và nhà văn hóa 14 thôn ít nhất 30 ngày liên tục; đăng trên Cổng thông tin điện tử; thông báo trên hệ thống truyền thanh ít nhất 03 ngày liên tục; thông qua Trưởng thôn để thông tin đến từng hộ gia đình."
                    ),
                    _a(
                        "Quy chế thực hiện dân chủ ở xã, nhiệm vụ của cán bộ, công chức và thủ tục hành chính được niêm yết thường xuyên tại trụ sở và cập nhật khi có thay đổi."
                    ),
                ],
            ),
            _item(
                "Nhân dân bàn và quyết định",
                text="Bảo đảm Nhân dân bàn và quyết định chủ trương, mức đóng góp xây dựng công trình công cộng; thu, chi, quản lý các khoản đóng góp; hương ước, quy ước; bầu, cho thôi làm Trưởng thôn, thành viên Ban Thanh tra nhân dân, Ban Giám sát đầu tư của cộng đồng. Khuyến khích các thôn đủ điều kiện lựa chọn hình thức biểu quyết trực tuyến theo Điều 5 Nghị định số 59/2023/NĐ-CP.",
            ),
            _item(
                "Nhân dân tham gia ý kiến, kiểm tra, giám sát",
                text="Tổ chức lấy ý kiến Nhân dân về dự thảo điều chỉnh Quy hoạch chung xã Vân Long đến năm 2035; tạo điều kiện để Ban Thanh tra nhân dân và Ban Giám sát đầu tư của cộng đồng hoạt động theo chương trình được Ủy ban MTTQ Việt Nam xã thông qua.",
            ),
            _item(
                "Trách nhiệm giải trình, tiếp xúc, đối thoại",
                text="Chủ tịch UBND xã tiếp công dân định kỳ ngày 15 hằng tháng; đối thoại với Nhân dân ít nhất 01 lần trong năm; trả lời yêu cầu cung cấp thông tin trong thời hạn 10 ngày làm việc.",
            ),
            _item(
                "Thực hiện dân chủ trong cơ quan, đơn vị, doanh nghiệp trên địa bàn",
                text="Văn phòng HĐND và UBND xã, Trường Tiểu học Vân Long và Công ty TNHH MTV Khai thác công trình thủy lợi Vân Long công khai nội dung theo Điều 46, Điều 64 của Luật; tổ chức hội nghị cán bộ, công chức, viên chức, hội nghị người lao động mỗi năm một lần.",
            ),
            _item(
                "Lịch tổ chức hội nghị ở các thôn",
                [
                    {
                        "type": "table",
                        "header": ["TT", "Địa bàn", "Nội dung", "Thời gian", "Chủ trì"],
                        "rows": KH_VILLAGE_SCHEDULE,
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
                "Văn phòng HĐND và UBND xã",
                text="Chủ trì, tham mưu triển khai Kế hoạch; theo dõi, tổng hợp, báo cáo UBND xã và Sở Nội vụ tỉnh Ninh Bình định kỳ 6 tháng (trước ngày 15/6) và năm (trước ngày 15/12).",
            ),
            _item(
                "Các công chức chuyên môn",
                text="Theo lĩnh vực được giao, cung cấp đầy đủ, kịp thời thông tin phải công khai; hướng dẫn các thôn tổ chức hội nghị, lập biên bản đúng mẫu.",
            ),
            _item(
                "Đề nghị Ủy ban MTTQ Việt Nam xã",
                text="Vận động Nhân dân thực hiện dân chủ ở cơ sở, hương ước, quy ước; giám sát việc thực hiện và tiếp nhận kiến nghị của Nhân dân.",
            ),
            _item(
                "Trưởng các thôn",
                text="Tổ chức thực hiện Kế hoạch tại thôn; thông tin đến từng hộ gia đình các nội dung UBND xã gửi; báo cáo kết quả về UBND xã trước ngày 10/6 và 10/12/2026.",
            ),
        ],
    ),
    _p(
        "Trong quá trình thực hiện, nếu có khó khăn, vướng mắc, các cơ quan, đơn vị, thôn báo cáo về UBND xã (qua Văn phòng HĐND và UBND xã) để xem xét, giải quyết./."
    ),
]

BC_BODY: list[dict[str, Any]] = [
    _section(
        "Kết quả thực hiện",
        [
            _item(
                "Công tác lãnh đạo, chỉ đạo, tuyên truyền",
                text="(Số văn bản ban hành, số hội nghị, số lượt tuyên truyền trên hệ thống truyền thanh.)",
            ),
            _item(
                "Công khai thông tin",
                text="(Số nội dung đã công khai theo Điều 11; số nội dung công khai đúng hạn, chậm; số yêu cầu cung cấp thông tin đã tiếp nhận và trả lời.)",
            ),
            _item(
                "Nhân dân bàn và quyết định",
                text="(Số hội nghị thôn; số nội dung được thông qua, được công nhận; số thôn đã lựa chọn biểu quyết trực tuyến.)",
            ),
            _item(
                "Nhân dân tham gia ý kiến, kiểm tra, giám sát",
                text="(Số nội dung lấy ý kiến; hoạt động của Ban Thanh tra nhân dân, Ban Giám sát đầu tư của cộng đồng.)",
            ),
            _item(
                "Thực hiện dân chủ ở cơ quan, đơn vị, doanh nghiệp",
                text="(Hội nghị cán bộ, công chức, viên chức, người lao động; nội dung công khai nội bộ.)",
            ),
        ],
    ),
    _section("Tồn tại, hạn chế và nguyên nhân", [_p("(Nêu cụ thể.)")]),
    _section("Phương hướng, nhiệm vụ 6 tháng cuối năm 2026", [_p("(Nêu cụ thể.)")]),
    _section("Đề xuất, kiến nghị", [_p("(Nếu có.)")]),
]
