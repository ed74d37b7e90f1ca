"""Demo consultations of the commune, written through the services (idempotent: skipped when the title is there).

* A C5 draft on keeping the commune clean: published 1/10/2026 for 21 days, opinions from five channels, each
  answered, completed by the Chair on 20/11/2026 (report issued and published as K11).
* A C1 draft of the 2027 socio-economic plan, open for opinions until 15/12/2026 (unsigned opinions allowed).
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from grassroots.accounts.models import User
from grassroots.consultations import services
from grassroots.consultations.models import Consultation
from grassroots.core import clock
from grassroots.units.models import AdministrativeUnit

CLEAN_TITLE = "Dự thảo Quy định giữ gìn vệ sinh môi trường, phân loại rác tại hộ trên địa bàn xã"
PLAN_TITLE = "Dự thảo Kế hoạch phát triển kinh tế - xã hội năm 2027 của xã"

CLEAN_SECTIONS = [
    ("Điều 1. Phạm vi, đối tượng", "Quy định áp dụng với hộ gia đình, cơ sở kinh doanh trên địa bàn xã."),
    ("Điều 2. Phân loại rác", "Rác được phân thành rác hữu cơ, rác tái chế và rác khác, đựng trong túi riêng."),
    ("Điều 3. Giờ thu gom", "Xe thu gom đi qua các thôn từ 17 giờ đến 19 giờ hằng ngày."),
    ("Điều 4. Mức đóng góp", "Mỗi hộ đóng 20.000 đồng một tháng; hộ nghèo được miễn."),
]

CLEAN_OPINIONS = [
    (
        "meeting",
        "suggestion",
        3,
        "Thôn Bến Đò",
        "Xe thu gom nên đi sớm hơn, từ 16 giờ 30, vì nhiều hộ ăn cơm sớm.",
        "partly_accepted",
        "Tiếp thu một phần: thôn Bến Đò thu gom từ 16 giờ 30; các thôn khác giữ 17 giờ.",
    ),
    (
        "comment_box",
        "disagree",
        4,
        "Hòm thư UBND xã",
        "Mức 20.000 đồng là cao với hộ cận nghèo.",
        "accepted",
        "Tiếp thu: hộ cận nghèo được giảm 50%.",
    ),
    ("front", "agree", None, "Hội Nông dân xã", "Thống nhất với dự thảo.", "accepted", "Ghi nhận."),
    (
        "hotline",
        "suggestion",
        2,
        "Đường dây nóng",
        "Xã nên phát túi phân loại cho hộ trong năm đầu.",
        "not_accepted",
        "Ngân sách năm 2026 không bố trí; xã sẽ vận động tài trợ và xem xét năm 2027.",
    ),
    ("letter", "agree", 1, "Thư của ông Trần Văn Dũng", "Đồng ý ban hành sớm.", "accepted", "Ghi nhận."),
]


def at(day: dt.date, hour: int = 9) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, 0), tzinfo=clock.local_zone())


def _prepared(
    commune: AdministrativeUnit,
    officer: User,
    *,
    matter: str,
    title: str,
    day: dt.date,
    closes_on: dt.date,
    sections: list[tuple[str, str]],
    unsigned: bool = False,
) -> Consultation:
    consultation = services.consultation_create(
        commune=commune,
        matter=matter,
        title=title,
        summary="Ủy ban nhân dân xã lấy ý kiến Nhân dân trước khi quyết định.",
        opens_on=day,
        closes_on=closes_on,
        forms_used=["online", "meeting", "comment_box", "front", "hotline", "letter"],
        plan_content="Niêm yết tại trụ sở, nhà văn hóa các thôn; đăng trên cổng; họp thôn; hòm thư; đường dây nóng.",
        plan_owner="Văn phòng HĐND và UBND xã",
        accepts_unsigned_opinions=unsigned,
        actor=officer,
        now=at(day, 8),
    )
    for heading, text in sections:
        services.section_add(consultation=consultation, heading=heading, text=text, actor=officer, now=at(day, 8))
    services.plan_record_sent(
        consultation=consultation, sent_to_council_on=day, sent_to_front_on=day, actor=officer, now=at(day, 8)
    )
    return services.consultation_open(consultation=consultation, actor=officer, now=at(day, 9))


def _clean(commune: AdministrativeUnit, officer: User, chair: User) -> None:
    consultation = _prepared(
        commune,
        officer,
        matter="C5",
        title=CLEAN_TITLE,
        day=dt.date(2026, 10, 1),
        closes_on=dt.date(2026, 10, 22),
        sections=CLEAN_SECTIONS,
    )
    sections = {section.position: section for section in consultation.sections.all()}
    opinions = []
    for index, (channel, stance, position, source, text, _disposition, _explanation) in enumerate(CLEAN_OPINIONS):
        received = dt.date(2026, 10, 3 + index * 3)
        opinions.append(
            services.opinion_enter(
                consultation=consultation,
                channel=channel,
                stance=stance,
                text=text,
                source=source,
                received_on=received,
                section=sections.get(position) if position else None,
                actor=officer,
                now=at(received, 16),
            )
        )
    services.consultation_close(consultation=consultation, actor=officer, now=at(dt.date(2026, 10, 23)))
    for opinion, (*_rest, disposition, explanation) in zip(opinions, CLEAN_OPINIONS, strict=True):
        services.opinion_dispose(
            opinion=opinion,
            disposition=disposition,
            explanation=explanation,
            actor=officer,
            now=at(dt.date(2026, 11, 2)),
        )
    services.consultation_complete(
        consultation=consultation,
        final_decision="Ban hành Quy định, có điều chỉnh giờ thu gom ở thôn Bến Đò và giảm 50% cho hộ cận nghèo.",
        adopts_draft=True,
        actor=chair,
        now=at(dt.date(2026, 11, 20), 10),
    )


def _plan(commune: AdministrativeUnit, officer: User) -> None:
    _prepared(
        commune,
        officer,
        matter="C1",
        title=PLAN_TITLE,
        day=dt.date(2026, 11, 16),
        closes_on=dt.date(2026, 12, 15),
        sections=[
            ("Phần I. Đánh giá năm 2026", "Tổng giá trị sản xuất tăng 7,2%; 100% thôn có đường bê tông trục chính."),
            ("Phần II. Mục tiêu năm 2027", "Thu nhập bình quân đạt 68 triệu đồng/người/năm; giảm 1% hộ nghèo."),
            (
                "Phần III. Giải pháp",
                "Chuyển 20 ha lúa kém hiệu quả sang trồng rau an toàn; mở lớp nghề cho 120 lao động.",
            ),
        ],
        unsigned=True,
    )


def seed_consultations(commune: AdministrativeUnit, users: dict[str, User]) -> int:
    """Seed the two demo consultations that are not there yet; returns how many were created."""
    created = 0
    if not Consultation.objects.filter(commune=commune, title=CLEAN_TITLE).exists():
        with transaction.atomic():
            _clean(commune, users["canbo"], users["chutich"])
        created += 1
    if not Consultation.objects.filter(commune=commune, title=PLAN_TITLE).exists():
        with transaction.atomic():
            _plan(commune, users["canbo"])
        created += 1
    return created
