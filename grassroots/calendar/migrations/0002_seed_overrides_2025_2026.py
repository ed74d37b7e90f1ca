"""Seed the override table with the public-sector holiday arrangements announced for 2025 and 2026.

Each row names its source. Rows marked uncertain come from one secondary source (law.md §4.3).
``grassroots/calendar/tests/test_seed.py`` checks every row against the ``holidays`` package.
"""

import datetime as dt

from django.db import migrations

NOTICE_2025 = (
    "Thông báo 6150/TB-LĐTBXH năm 2024 của Bộ Lao động - Thương binh và Xã hội "
    "(thực hiện Công văn 8726/VPCP-KGVX năm 2024 của Văn phòng Chính phủ)"
)
LETTER_NEW_YEAR_2026 = "Công văn 12729/VPCP-KGVX ngày 25/12/2025 của Văn phòng Chính phủ"
TET_2026 = "Phương án nghỉ Tết Bính Ngọ 2026 được Thủ tướng Chính phủ chấp thuận (congan.com.vn, vnanet.vn)"
LABOR_CODE_111 = "Bộ luật Lao động 2019, Điều 111 khoản 3 (nghỉ bù); lịch 2026 theo thanhnien.vn, kenh14.vn"
NATIONAL_DAY_2026 = (
    "CHƯA XÁC NHẬN: theo gói holidays 0.109 (dẫn thuvienphapluat.vn, 08/2026); "
    "chưa tìm thấy văn bản chính thức"
)

# (day, kind, name, source, is_uncertain, note)
ROWS = [
    (dt.date(2025, 1, 27), "extra_rest_day", "Nghỉ Tết Ất Tỵ (nghỉ bù cho mùng 4 Tết trùng thứ Bảy 01/02/2025)",
     NOTICE_2025, False, "Công chức, viên chức nghỉ Tết từ thứ Bảy 25/01/2025 đến hết Chủ nhật 02/02/2025 (9 ngày)."),
    (dt.date(2025, 1, 28), "holiday", "Tết Nguyên đán Ất Tỵ: ngày cuối năm (Giao thừa)", NOTICE_2025, False, ""),
    (dt.date(2025, 1, 29), "holiday", "Tết Nguyên đán Ất Tỵ: mùng 1", NOTICE_2025, False, ""),
    (dt.date(2025, 1, 30), "holiday", "Tết Nguyên đán Ất Tỵ: mùng 2", NOTICE_2025, False, ""),
    (dt.date(2025, 1, 31), "holiday", "Tết Nguyên đán Ất Tỵ: mùng 3", NOTICE_2025, False, ""),
    (dt.date(2025, 2, 1), "holiday", "Tết Nguyên đán Ất Tỵ: mùng 4 (trùng thứ Bảy)", NOTICE_2025, False, ""),
    (dt.date(2025, 4, 26), "extra_working_day", "Làm bù cho thứ Sáu 02/05/2025", NOTICE_2025, False, ""),
    (dt.date(2025, 5, 2), "extra_rest_day", "Nghỉ hoán đổi dịp 30/4 – 1/5/2025 (làm bù thứ Bảy 26/04/2025)",
     NOTICE_2025, False, "Nghỉ liên tục từ thứ Tư 30/4 đến hết Chủ nhật 04/5/2025."),
    (dt.date(2025, 9, 1), "holiday", "Quốc khánh: ngày liền kề trước 02/9/2025", NOTICE_2025, False,
     "Nghỉ từ thứ Bảy 30/8 đến hết thứ Ba 02/9/2025."),
    (dt.date(2026, 1, 2), "extra_rest_day", "Nghỉ hoán đổi dịp Tết Dương lịch 2026 (làm bù thứ Bảy 10/01/2026)",
     LETTER_NEW_YEAR_2026, False, "Nghỉ từ thứ Năm 01/01 đến hết Chủ nhật 04/01/2026."),
    (dt.date(2026, 1, 10), "extra_working_day", "Làm bù cho thứ Sáu 02/01/2026", LETTER_NEW_YEAR_2026, False, ""),
    (dt.date(2026, 2, 16), "holiday", "Tết Nguyên đán Bính Ngọ: ngày cuối năm (Giao thừa)", TET_2026, False,
     "Nghỉ từ thứ Bảy 14/02 đến hết Chủ nhật 22/02/2026 (9 ngày)."),
    (dt.date(2026, 2, 17), "holiday", "Tết Nguyên đán Bính Ngọ: mùng 1", TET_2026, False, ""),
    (dt.date(2026, 2, 18), "holiday", "Tết Nguyên đán Bính Ngọ: mùng 2", TET_2026, False, ""),
    (dt.date(2026, 2, 19), "holiday", "Tết Nguyên đán Bính Ngọ: mùng 3", TET_2026, False, ""),
    (dt.date(2026, 2, 20), "holiday", "Tết Nguyên đán Bính Ngọ: mùng 4", TET_2026, False, ""),
    (dt.date(2026, 4, 27), "extra_rest_day", "Nghỉ bù Giỗ Tổ Hùng Vương (10/3 âm lịch trùng Chủ nhật 26/04/2026)",
     LABOR_CODE_111, False, ""),
    (dt.date(2026, 8, 22), "extra_working_day", "Làm bù cho thứ Hai 31/08/2026 (chưa xác nhận)",
     NATIONAL_DAY_2026, True, "law.md §4.3: lịch nghỉ Quốc khánh 2026 chưa được xác nhận."),
    (dt.date(2026, 8, 31), "extra_rest_day", "Nghỉ hoán đổi dịp Quốc khánh 2026 (chưa xác nhận)",
     NATIONAL_DAY_2026, True, "law.md §4.3: lịch nghỉ Quốc khánh 2026 chưa được xác nhận."),
    (dt.date(2026, 9, 1), "holiday", "Quốc khánh: ngày liền kề trước 02/9/2026 (chưa xác nhận)",
     NATIONAL_DAY_2026, True, "law.md §4.3: ngày liền kề của Quốc khánh 2026 chưa được xác nhận."),
]


def seed(apps, schema_editor):
    CalendarOverride = apps.get_model("calendar", "CalendarOverride")
    for day, kind, name, source, is_uncertain, note in ROWS:
        CalendarOverride.objects.update_or_create(
            day=day,
            scope="public",
            defaults={"kind": kind, "name": name, "source": source, "is_uncertain": is_uncertain, "note": note},
        )


def unseed(apps, schema_editor):
    CalendarOverride = apps.get_model("calendar", "CalendarOverride")
    for row in ROWS:
        CalendarOverride.objects.filter(day=row[0], scope="public").delete()


class Migration(migrations.Migration):
    dependencies = [("calendar", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
