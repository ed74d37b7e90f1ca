"""Fixed data of the demo commune: names, communities, organisations and role users.

Everything here is fictional except the province (Tỉnh Ninh Bình, official code 37 after the 2025
reform, Resolution 202/2025/QH15). The commune name "Xã Vân Long" is not a current commune of
Ninh Bình (checked against the 2025 list shipped by ``vietnamadminunits``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from grassroots.accounts.models import Role

SEED = 20251

PROVINCE_CODE = "37"
PROVINCE_NAME = "Tỉnh Ninh Bình"
PROVINCE_SHORT_NAME = "Ninh Bình"
PROVINCE_SLUG = "ninh-binh"

COMMUNE_CODE = "DEMO01"
COMMUNE_NAME = "Xã Vân Long"
COMMUNE_SHORT_NAME = "Vân Long"
COMMUNE_SLUG = "van-long"
COMMUNE_ADDRESS = "Trụ sở UBND xã Vân Long, Thôn Đông Hòa, xã Vân Long, tỉnh Ninh Bình"
COMMUNE_PHONE = "0229 3800 101"
COMMUNE_EMAIL = "ubnd.vanlong@example.vn"

# The two-tier local government started on this day (law.md §4.5): the merged commune and its
# roles begin here.
COMMUNE_VALID_FROM = dt.date(2025, 7, 1)
ROLES_VALID_FROM = dt.date(2025, 7, 1)
HEADCOUNT_FROM = dt.date(2026, 1, 1)

DEMO_PASSWORD = "matkhau-demo"  # noqa: S105 - published on purpose: it is the demo's shared password

# (name, number of households). Thôn Đông Hòa is the large one (≥ 200 households).
COMMUNITIES: list[tuple[str, int]] = [
    ("Thôn Đông Hòa", 320),
    ("Thôn Tây Hòa", 245),
    ("Thôn Vân Thượng", 150),
    ("Thôn Vân Hạ", 210),
    ("Thôn Yên Khê", 180),
    ("Thôn Đồng Quân", 160),
    ("Thôn Thượng Hòa", 195),
    ("Thôn Phúc Lộc", 140),
    ("Thôn An Ninh", 230),
    ("Thôn Tân Lập", 170),
    ("Thôn Bình Minh", 120),
    ("Thôn Gò Sậy", 205),
    ("Thôn Đá Hàn", 165),
    ("Thôn Bến Đò", 110),
]

# Surnames with rough national frequencies (per mille).
SURNAMES: list[tuple[str, int]] = [
    ("Nguyễn", 380),
    ("Trần", 110),
    ("Lê", 95),
    ("Phạm", 70),
    ("Hoàng", 50),
    ("Vũ", 40),
    ("Phan", 35),
    ("Đặng", 25),
    ("Bùi", 25),
    ("Đỗ", 20),
    ("Hồ", 15),
    ("Ngô", 15),
    ("Dương", 12),
    ("Lý", 8),
    ("Đinh", 20),
    ("Trịnh", 10),
    ("Mai", 8),
    ("Tạ", 5),
    ("Lương", 6),
    ("Cao", 6),
]
MALE_MIDDLE = ["Văn", "Đức", "Minh", "Quang", "Hữu", "Công", "Xuân", "Đình", "Thanh", "Ngọc", "Trọng", "Anh"]
FEMALE_MIDDLE = ["Thị", "Thị", "Thị", "Thu", "Thanh", "Ngọc", "Minh", "Hồng", "Kim", "Phương", "Bích"]
MALE_GIVEN = [
    "Hùng", "Dũng", "Nam", "Tuấn", "Long", "Hải", "Sơn", "Bình", "Cường", "Thắng", "Phong", "Quân", "Đạt",
    "Khoa", "Hiếu", "Trung", "Tùng", "Vinh", "Lâm", "Thành", "Hoàng", "Huy", "Phúc", "An", "Khang", "Duy",
    "Tài", "Lộc", "Tiến", "Toàn", "Kiên", "Nghĩa", "Quý", "Thịnh", "Hòa", "Tâm",
]  # fmt: skip
FEMALE_GIVEN = [
    "Lan", "Hoa", "Hương", "Mai", "Hạnh", "Linh", "Thảo", "Trang", "Ngọc", "Hằng", "Nhung", "Yến", "Hà",
    "Thủy", "Vân", "Oanh", "Loan", "Dung", "Huyền", "Phương", "Anh", "Nga", "Châu", "Quỳnh", "Trâm", "Vy",
    "Nhi", "My", "Tâm", "Liên", "Thoa", "Xuân", "Huệ", "Lụa",
]  # fmt: skip

# Household sizes 1..7 and their weights.
HOUSEHOLD_SIZES = [1, 2, 3, 4, 5, 6, 7]
HOUSEHOLD_SIZE_WEIGHTS = [8, 18, 24, 27, 14, 6, 3]


@dataclass(frozen=True)
class OrganisationSeed:
    key: str
    kind: str
    name: str
    short_name: str
    headcount: int


ORGANISATIONS = [
    OrganisationSeed("agency", "agency", "Văn phòng HĐND và UBND xã Vân Long", "VP HĐND-UBND", 28),
    OrganisationSeed("school", "public_service_unit", "Trường Tiểu học Vân Long", "TH Vân Long", 42),
    OrganisationSeed(
        "enterprise",
        "state_owned_enterprise",
        "Công ty TNHH MTV Khai thác công trình thủy lợi Vân Long",
        "Thủy lợi Vân Long",
        135,
    ),
]


@dataclass(frozen=True)
class RoleUserSeed:
    """One demo login. ``unit`` is "province", "commune" or a community index (0-based)."""

    username: str
    full_name: str
    phone: str
    role: str
    unit: str | int
    organisation: str = ""
    resident: str = ""  # "representative" or "member": link the user to a resident of community 0


ROLE_USERS = [
    RoleUserSeed("chutich", "Đinh Văn Thành", "0900000101", Role.COMMUNE_CHAIR, "commune"),
    RoleUserSeed("phochutich", "Phạm Thị Hồng Nhung", "0900000102", Role.COMMUNE_VICE_CHAIR, "commune"),
    RoleUserSeed("canbo", "Nguyễn Thị Thu Hà", "0900000103", Role.COMMUNE_OFFICER, "commune"),
    RoleUserSeed("truongthon1", "Trần Văn Hùng", "0900000104", Role.VILLAGE_HEAD, 0),
    RoleUserSeed("truongthonlamthoi", "Lê Văn Bình", "0900000105", Role.INTERIM_VILLAGE_HEAD, 1),
    RoleUserSeed("mttq", "Hoàng Thị Lan", "0900000106", Role.FRONT_CHAIR, "commune"),
    RoleUserSeed("mttqthon", "Vũ Đức Long", "0900000107", Role.FRONT_WORK_COMMITTEE_HEAD, 0),
    RoleUserSeed("bantt", "Bùi Quang Sơn", "0900000108", Role.INSPECTION_BOARD_MEMBER, "commune"),
    RoleUserSeed("daidienho", "", "0900000109", Role.HOUSEHOLD_REPRESENTATIVE, 0, resident="representative"),
    RoleUserSeed("nguoidan", "", "0900000110", Role.RESIDENT, 0, resident="member"),
    RoleUserSeed("thutruong", "Đỗ Minh Tuấn", "0900000111", Role.AGENCY_HEAD, "commune", "agency"),
    RoleUserSeed("congdoan", "Ngô Thị Mai", "0900000112", Role.UNION_CHAIR, "commune", "agency"),
    RoleUserSeed("nhanvien", "Dương Văn Khoa", "0900000113", Role.STAFF_MEMBER, "commune", "agency"),
    RoleUserSeed("hieutruong", "Lương Thị Thảo", "0900000114", Role.AGENCY_HEAD, "commune", "school"),
    RoleUserSeed("giamdoc", "Cao Xuân Phong", "0900000115", Role.AGENCY_HEAD, "commune", "enterprise"),
    RoleUserSeed("sonoivu", "Trịnh Thị Vân", "0900000116", Role.PROVINCIAL_OFFICER, "province"),
    RoleUserSeed("truongthon14", "Phan Văn Lộc", "0900000117", Role.VILLAGE_HEAD, 13),
]

ADMIN_USERNAME = "admin"
ADMIN_FULL_NAME = "Quản trị hệ thống"
