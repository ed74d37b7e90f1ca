"""The legal catalogue of what must be disclosed, as plain data (seeded into ``DisclosureCategory``).

Commune items K1–K14: Law 10/2022/QH15 art. 11; agency items A1–A12: art. 46; state-owned enterprise
items S1–S8: art. 64(1)(a)–(h); non-state employer items E1–E7: Decree 145/2020 art. 43(1) (law.md §3.2, no
general deadline). Deadlines, posting periods and duties: arts 12–13 (communes), 47–48
(agencies), 65–66 (SOEs). See ``rules`` for the numbers and law.md §1(a), §2, §3.1.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from grassroots.disclosures import rules
from grassroots.disclosures.models import Channel, DeadlineMode, Regime


@dataclass(frozen=True)
class CategorySpec:
    """One row of the catalogue; ``required_channels`` is a tuple of groups, each needing one channel."""

    code: str
    regime: str
    number: int
    name: Promise
    legal_basis: str
    deadline_mode: str
    deadline_days: int
    deadline_basis: str
    min_posting_days: int | None
    posting_basis: str
    is_permanent: bool = False
    requires_community_boards: bool = False
    requires_broadcast: bool = False
    requires_relay: bool = False
    required_channels: tuple[tuple[str, ...], ...] = ()


COMMUNE_NAMES: dict[int, Promise] = {
    1: _("Kế hoạch phát triển kinh tế - xã hội, phương án chuyển dịch cơ cấu kinh tế hằng năm và kết quả thực hiện"),
    2: _("Dự toán, quyết toán ngân sách, kế hoạch tài chính; tình hình thực hiện ngân sách; kiến nghị của Kiểm toán"),
    3: _("Dự án đầu tư, phương án bồi thường, hỗ trợ, tái định cư; quỹ đất công ích; quy hoạch xây dựng"),
    4: _("Quy chế thực hiện dân chủ; nhiệm vụ của cán bộ, công chức xã; quy tắc ứng xử"),
    5: _("Quản lý, sử dụng các loại quỹ, vốn chương trình, tài trợ; các khoản huy động Nhân dân đóng góp"),
    6: _("Quản lý, sử dụng tài sản công do xã quản lý"),
    7: _("Chính sách hỗ trợ, trợ cấp, tín dụng; tiêu chí, đối tượng, bình xét và kết quả thụ hưởng"),
    8: _("Hỗ trợ khắc phục thiên tai, dịch bệnh, khó khăn; quản lý tiền, hàng cứu trợ tự nguyện"),
    9: _("Gọi công dân nhập ngũ, thực hiện nghĩa vụ công an: số lượng, tiêu chuẩn, danh sách, tạm hoãn, miễn"),
    10: _("Kết quả thanh tra, xử lý tham nhũng, kỷ luật cán bộ xã, thôn; kết quả lấy phiếu tín nhiệm"),
    11: _("Kế hoạch, nội dung lấy ý kiến Nhân dân, tổng hợp ý kiến và tiếp thu, giải trình"),
    12: _("Đối tượng, mức thu phí, lệ phí và nghĩa vụ tài chính khác do xã trực tiếp thu"),
    13: _("Thủ tục hành chính do xã trực tiếp giải quyết"),
    14: _("Nội dung khác theo quy định của pháp luật, quy chế thực hiện dân chủ của xã"),
}

AGENCY_NAMES: dict[int, Promise] = {
    1: _("Chủ trương, chính sách của Đảng, pháp luật của Nhà nước liên quan đến cơ quan, đơn vị"),
    2: _("Kế hoạch công tác hằng năm, quý, tháng"),
    3: _("Dự toán, tình hình thực hiện, quyết toán ngân sách; kiến nghị của Kiểm toán nhà nước"),
    4: _("Tiêu chuẩn, định mức, chế độ về tài sản công; đầu tư, mua sắm, sử dụng tài sản công"),
    5: _("Nguyên tắc, phân bổ, tiến độ, giải ngân, quyết toán vốn đầu tư công"),
    6: _("Công tác tổ chức, cán bộ: tuyển dụng, bổ nhiệm, luân chuyển, khen thưởng, kỷ luật, nghỉ hưu…"),
    7: _("Kết luận về vụ việc tham nhũng, tiêu cực; bản kê khai tài sản, thu nhập"),
    8: _("Kết quả kiểm tra nội bộ, giải quyết khiếu nại, tố cáo"),
    9: _("Nội quy, quy chế của cơ quan, đơn vị; quy tắc ứng xử"),
    10: _("Tổng hợp ý kiến của cán bộ, công chức, viên chức và việc giải trình"),
    11: _("Văn bản chỉ đạo của cơ quan cấp trên"),
    12: _("Nội dung khác theo quy định của pháp luật, quy chế dân chủ của cơ quan, đơn vị"),
}

SOE_NAMES: dict[int, Promise] = {
    1: _("Tình hình sản xuất, kinh doanh của doanh nghiệp"),
    2: _("Nội quy lao động, thang lương, bảng lương, định mức lao động, quy chế về quyền lợi người lao động"),
    3: _("Thỏa ước lao động tập thể"),
    4: _("Quỹ khen thưởng, phúc lợi và các quỹ do người lao động đóng góp"),
    5: _("Trích nộp kinh phí công đoàn, bảo hiểm xã hội, bảo hiểm y tế, bảo hiểm thất nghiệp"),
    6: _("Thi đua, khen thưởng, kỷ luật, giải quyết kiến nghị của người lao động"),
    7: _("Quy chế thực hiện dân chủ ở doanh nghiệp"),
    8: _("Thông tin khác về tài chính, tài sản công, nhân sự theo quy định"),
}

SOE_POINT_NAMES = ("a", "b", "c", "d", "đ", "e", "g", "h")

EMPLOYER_NAMES: dict[int, Promise] = {
    1: _("Tình hình sản xuất, kinh doanh của người sử dụng lao động"),
    2: _("Nội quy lao động, thang lương, bảng lương, định mức lao động; các quy chế của người sử dụng lao động"),
    3: _("Thỏa ước lao động tập thể mà người sử dụng lao động tham gia"),
    4: _("Việc trích lập, sử dụng quỹ khen thưởng, phúc lợi và các quỹ do người lao động đóng góp"),
    5: _("Việc trích nộp kinh phí công đoàn, đóng bảo hiểm xã hội, bảo hiểm y tế, bảo hiểm thất nghiệp"),
    6: _("Kết quả thi đua, khen thưởng, xử lý kỷ luật, giải quyết khiếu nại, tố cáo liên quan đến người lao động"),
    7: _("Nội dung khác theo quy định của pháp luật"),
}
"""The employer's disclosure list to workers (Decree 145/2020 art. 43(1)(a)–(g); law.md §3.2)."""

EMPLOYER_POINT_NAMES = ("a", "b", "c", "d", "đ", "e", "g")

COMMUNE_POSTING_ITEMS = frozenset({1, 2, 3, 5, 6, 7, 8, 9, 10, 11, 12})
"""Items posted at the headquarters and at every community point for ≥ 30 consecutive days (art. 13(2))."""
COMMUNE_PERMANENT_ITEMS = frozenset({4, 13})
"""Items posted permanently and updated whenever they change (art. 13(2))."""
COMMUNE_BROADCAST_AND_RELAY_ITEMS = frozenset({7, 8, 9, 10, 11, 12})
"""Items broadcast on the loudspeaker (art. 13(3)) and relayed by every village head (art. 13(4))."""

_HQ = Channel.HEADQUARTERS_BOARD.value
_COMMUNITY = Channel.COMMUNITY_BOARD.value
_INSIDE_UNIT_GROUP = (Channel.PORTAL.value, Channel.HEADQUARTERS_BOARD.value, Channel.WRITTEN_NOTICE_ALL_STAFF.value)


def _commune(number: int) -> CategorySpec:
    posting = number in COMMUNE_POSTING_ITEMS
    permanent = number in COMMUNE_PERMANENT_ITEMS
    relay = number in COMMUNE_BROADCAST_AND_RELAY_ITEMS
    channels: tuple[tuple[str, ...], ...] = ()
    if posting:
        channels = ((_HQ,), (_COMMUNITY,))
    elif permanent:
        channels = ((_HQ,),)
    return CategorySpec(
        code=f"K{number}",
        regime=Regime.COMMUNE.value,
        number=number,
        name=COMMUNE_NAMES[number],
        legal_basis=f"Điều 11 khoản {number} Luật Thực hiện dân chủ ở cơ sở",
        deadline_mode=DeadlineMode.WORKING.value,
        deadline_days=rules.COMMUNE_DEADLINE_WORKING_DAYS,
        deadline_basis="Điều 12 khoản 3 Luật Thực hiện dân chủ ở cơ sở",
        min_posting_days=rules.COMMUNE_MIN_POSTING_DAYS if posting else None,
        posting_basis="Điều 13 khoản 2 Luật Thực hiện dân chủ ở cơ sở" if posting or permanent else "",
        is_permanent=permanent,
        requires_community_boards=posting,
        requires_broadcast=relay,
        requires_relay=relay,
        required_channels=channels,
    )


def _agency(number: int) -> CategorySpec:
    return CategorySpec(
        code=f"A{number}",
        regime=Regime.AGENCY.value,
        number=number,
        name=AGENCY_NAMES[number],
        legal_basis=f"Điều 46 khoản {number} Luật Thực hiện dân chủ ở cơ sở",
        deadline_mode=DeadlineMode.WORKING.value,
        deadline_days=rules.AGENCY_DEADLINE_WORKING_DAYS,
        deadline_basis="Điều 47 khoản 2 Luật Thực hiện dân chủ ở cơ sở",
        min_posting_days=rules.AGENCY_MIN_POSTING_DAYS,
        posting_basis="Điều 48 Luật Thực hiện dân chủ ở cơ sở",
        required_channels=(_INSIDE_UNIT_GROUP,),
    )


def _soe(number: int) -> CategorySpec:
    point = SOE_POINT_NAMES[number - 1]
    return CategorySpec(
        code=f"S{number}",
        regime=Regime.SOE.value,
        number=number,
        name=SOE_NAMES[number],
        legal_basis=f"Điều 64 khoản 1 điểm {point} Luật Thực hiện dân chủ ở cơ sở",
        deadline_mode=rules.SOE_DEADLINE_MODE_DEFAULT,
        deadline_days=rules.SOE_DEADLINE_DAYS,
        deadline_basis="Điều 65 khoản 2 Luật Thực hiện dân chủ ở cơ sở",
        min_posting_days=rules.SOE_MIN_POSTING_DAYS,
        posting_basis="Điều 66 Luật Thực hiện dân chủ ở cơ sở",
        required_channels=(_INSIDE_UNIT_GROUP,),
    )


def _employer(number: int) -> CategorySpec:
    """An item of Decree 145/2020 art. 43(1): no general deadline and no minimum posting period."""
    point = EMPLOYER_POINT_NAMES[number - 1]
    return CategorySpec(
        code=f"E{number}",
        regime=Regime.EMPLOYER.value,
        number=number,
        name=EMPLOYER_NAMES[number],
        legal_basis=f"Điều 43 khoản 1 điểm {point} Nghị định 145/2020/NĐ-CP",
        deadline_mode=DeadlineMode.NONE.value,
        deadline_days=rules.EMPLOYER_DEADLINE_DAYS,
        deadline_basis="Nghị định 145/2020/NĐ-CP không quy định thời hạn chung (Điều 43)",
        min_posting_days=None,
        posting_basis="",
    )


CATALOGUE: tuple[CategorySpec, ...] = (
    *(_commune(number) for number in range(1, 15)),
    *(_agency(number) for number in range(1, 13)),
    *(_soe(number) for number in range(1, 9)),
    *(_employer(number) for number in range(1, 8)),
)
"""Every category: 14 commune items, 12 agency items, 8 SOE items, 7 employer items."""

BY_CODE: dict[str, CategorySpec] = {spec.code: spec for spec in CATALOGUE}


def label_for(code: str) -> str:
    """The translated name of a category code, '' when the code is not in the catalogue."""
    spec = BY_CODE.get(code)
    return str(spec.name) if spec else ""


def source_name(spec: CategorySpec) -> str:
    """The Vietnamese name as stored in the database, whatever language is active."""
    with translation.override("vi"):
        return str(spec.name)


def spec_rule(spec: CategorySpec) -> rules.CategoryRule:
    """The plain rule of a catalogue row (as the seeded database row would give it)."""
    return rules.CategoryRule(
        code=spec.code,
        regime=spec.regime,
        deadline_mode=spec.deadline_mode,
        deadline_days=spec.deadline_days,
        min_posting_days=spec.min_posting_days,
        is_permanent=spec.is_permanent,
        requires_community_boards=spec.requires_community_boards,
        requires_broadcast=spec.requires_broadcast,
        requires_relay=spec.requires_relay,
        required_channels=spec.required_channels,
    )


def seed(category_model: Any) -> None:
    """Create or refresh every catalogue row (used by the data migration and by tests that flush the database)."""
    for spec in CATALOGUE:
        category_model.objects.update_or_create(
            code=spec.code,
            defaults={
                "regime": spec.regime,
                "number": spec.number,
                "name": source_name(spec),
                "legal_basis": spec.legal_basis,
                "deadline_mode": spec.deadline_mode,
                "deadline_days": spec.deadline_days,
                "deadline_basis": spec.deadline_basis,
                "min_posting_days": spec.min_posting_days,
                "posting_basis": spec.posting_basis,
                "is_permanent": spec.is_permanent,
                "requires_community_boards": spec.requires_community_boards,
                "requires_broadcast": spec.requires_broadcast,
                "requires_relay": spec.requires_relay,
                "required_channels": [list(group) for group in spec.required_channels],
            },
        )
