"""The shortcuts of the task page, driven by the permission matrix: one entry page per capability.

``ACTION_ENTRY_PAGES`` says, for every ``Action``, which pages a person holding it starts from. The task
page shows the entry pages of every action the user holds (``nav_links``), so a role never holds a
capability it cannot reach. ``dashboard/tests/test_navigation.py`` checks it for every demo role and fails by
name when an ``Action`` has no entry here.

Pages about one unit (the commune's public page, a community's initiatives) are linked once per unit the
user belongs to; a page the user holds no unit for is left out rather than linked to a 404.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from grassroots.accounts import selectors as account_selectors
from grassroots.accounts.models import RoleMembership
from grassroots.accounts.rules import ORGANISATION_REQUIRED_ROLES, ORGANISATION_SCOPED_ACTIONS, Action, allows_anywhere
from grassroots.units.models import AdministrativeUnit, Household, UnitLevel

ACTION_ENTRY_PAGES: Mapping[Action, tuple[str, ...]] = {
    Action.VIEW_UNIT: ("portal:commune", "initiatives:initiative_list", "voting:public_results", "portal:home"),
    Action.MANAGE_HOUSEHOLDS: ("units:index",),
    Action.RESET_PASSWORD: ("accounts:user_list",),
    # Memberships are read on the users page (a user's roles); they are granted in the admin for now.
    Action.MANAGE_MEMBERSHIPS: ("accounts:user_list",),
    Action.EDIT_CALENDAR: ("calendar:override_list",),
    # The province roll-up is part of the task page itself (``dashboard.selectors.province_rollup``).
    Action.READ_ROLLUPS: ("dashboard:home",),
    # Supervising means reading what was decided and disclosed: the decisions and the public pages.
    Action.SUPERVISE: ("voting:vote_list", "elections:election_list", "portal:commune"),
    Action.MANAGE_DISCLOSURES: ("disclosures:staff_index", "disclosures:organisation_list"),
    Action.ADMINISTER: ("admin:index",),
    Action.USE_STAFF_PAGES: ("dashboard:home",),
    Action.RUN_COMMUNITY_VOTES: ("voting:vote_list", "elections:election_list"),
    Action.RUN_COMMUNE_VOTES: ("voting:vote_list",),
    Action.ACT_FOR_PEOPLES_COMMITTEE: ("voting:vote_list", "elections:election_list", "conventions:staff_list"),
    Action.ACT_FOR_FRONT: ("voting:vote_list", "elections:election_list"),
    Action.ACT_FOR_FRONT_WORK_COMMITTEE: ("initiatives:initiative_list", "elections:election_list"),
    Action.VIEW_HOUSEHOLDS: ("units:index",),
    Action.READ_DISCLOSURE_COMPLIANCE: (
        "disclosures:dashboard",
        "disclosures:province_rollup",
        "disclosures:staff_index",
    ),
    Action.ACKNOWLEDGE_RELAY: ("disclosures:staff_index",),
    Action.VIEW_DOCUMENTS: ("documents:list", "documents:gallery"),
    Action.MANAGE_CONSULTATIONS: ("consultations:staff_list",),
    Action.COMPLETE_CONSULTATIONS: ("consultations:staff_list",),
    # Village heads and Front committees enter their village's opinions from the consultation's page.
    Action.ENTER_CONSULTATION_OPINIONS: ("consultations:public_list",),
    # A household's representative reads its contributions there (a resident who represents none sees an empty list).
    Action.GIVE_OPINION: ("consultations:public_list", "petitions:my_cases", "funds:my_households"),
    Action.MANAGE_CONVENTIONS: ("conventions:staff_community", "conventions:public_list"),
    Action.HANDLE_CASES: ("petitions:case_list",),
    Action.ASSIGN_CASES: ("petitions:case_list",),
    Action.MANAGE_WORKPLACE: ("workplaces:organisation_list",),
    Action.RUN_STAFF_CONFERENCES: ("workplaces:organisation_list",),
    Action.MANAGE_FUNDS: ("funds:staff_list",),
    Action.RECORD_FUND_ENTRIES: ("funds:staff_list",),
    Action.APPROVE_FUND_EXPENSES: ("funds:staff_list",),
    Action.INSPECT_FUNDS: ("funds:staff_list",),
    Action.APPOINT_FUND_TREASURERS: ("funds:staff_list",),
    Action.RUN_RECEPTION: ("reception:staff_index",),
    Action.RUN_DIALOGUES: ("reception:dialogue_list",),
    # The Front directs the commune's boards; a union (inside its organisation) its agency's board.
    Action.MANAGE_BOARDS: ("oversight:staff_index", "oversight:organisation_index"),
    Action.DO_BOARD_WORK: ("oversight:staff_index",),
    # The province answers only what was sent on to it: those are on its task page.
    Action.ANSWER_RECOMMENDATIONS: ("oversight:staff_index", "oversight:organisation_index", "dashboard:home"),
    Action.MANAGE_PLANS: ("plans:plan_list",),
    Action.REVIEW_PLAN_REPORTS: ("plans:plan_list",),
}
"""Action → the URL names of the pages it starts from (in the order the shortcuts show them)."""


SUPERUSER_COMMUNE_LINKS = 20
"""How many communes a superuser's per-commune shortcuts name (they belong to none)."""


@dataclass(frozen=True)
class Places:
    """The units a user belongs to, for pages that need one in their address."""

    communes: list[AdministrativeUnit]
    provinces: list[AdministrativeUnit]
    communities: list[AdministrativeUnit]
    organisation_only: frozenset[Action]
    """Organisation-scoped actions the user holds only inside an organisation."""
    has_organisation: bool = False


@dataclass(frozen=True)
class NavLink:
    label: str
    url: str
    url_name: str


_Kwargs = list[tuple[str, dict[str, Any]]]


def _no_arguments(places: Places) -> _Kwargs:
    return [("", {})]


def _per_commune(places: Places) -> _Kwargs:
    return [(commune.name, {"slug": commune.slug}) for commune in places.communes if commune.slug]


def _per_commune_slug(places: Places) -> _Kwargs:
    return [(commune.name, {"commune_slug": commune.slug}) for commune in places.communes if commune.slug]


def _per_province(places: Places) -> _Kwargs:
    return [(province.name, {"slug": province.slug}) for province in places.provinces if province.slug]


def _per_community(places: Places) -> _Kwargs:
    return [(community.name, {"community_id": community.pk}) for community in places.communities]


PAGES: Mapping[str, tuple[str | Promise, Callable[[Places], _Kwargs]]] = {
    "dashboard:home": (_("Việc cần làm"), _no_arguments),
    "portal:home": (_("Cổng thông tin"), _no_arguments),
    "portal:commune": (_("Trang công khai của xã"), _per_commune),
    "initiatives:initiative_list": (_("Đề xuất của người dân"), _per_community),
    "voting:public_results": (_("Kết quả biểu quyết"), _per_community),
    "units:index": (_("Hộ gia đình"), _no_arguments),
    "accounts:user_list": (_("Tài khoản người dùng"), _no_arguments),
    "calendar:override_list": (_("Ngày nghỉ, ngày làm bù"), _no_arguments),
    "voting:vote_list": (_("Nhân dân bàn và quyết định"), _no_arguments),
    "elections:election_list": (_("Bầu cử và cho thôi làm"), _no_arguments),
    "disclosures:staff_index": (_("Công khai thông tin"), _no_arguments),
    "disclosures:organisation_list": (_("Công khai trong cơ quan, đơn vị"), _no_arguments),
    "disclosures:dashboard": (_("Theo dõi công khai của xã"), _per_commune),
    "disclosures:province_rollup": (_("Tổng hợp công khai của tỉnh"), _per_province),
    "admin:index": (_("Quản trị hệ thống"), _no_arguments),
    "documents:list": (_("Văn bản"), _no_arguments),
    "documents:gallery": (_("Mẫu văn bản"), _no_arguments),
    "consultations:staff_list": (_("Lấy ý kiến Nhân dân"), _per_commune_slug),
    "consultations:public_list": (_("Góp ý dự thảo"), _per_commune_slug),
    "petitions:case_list": (_("Phản ánh, kiến nghị, khiếu nại, tố cáo"), _per_commune_slug),
    "conventions:staff_list": (_("Hương ước, quy ước của xã"), _per_commune_slug),
    "conventions:staff_community": (_("Hương ước, quy ước của thôn"), _per_community),
    "conventions:public_list": (_("Hương ước, quy ước"), _per_commune_slug),
    "petitions:my_cases": (_("Phản ánh, kiến nghị của tôi"), _no_arguments),
    "workplaces:organisation_list": (_("Dân chủ ở cơ quan, đơn vị"), _no_arguments),
    "funds:staff_list": (_("Đóng góp, quỹ cộng đồng"), _no_arguments),
    "funds:my_households": (_("Đóng góp của hộ tôi"), _no_arguments),
    "reception:staff_index": (_("Tiếp công dân"), _per_commune_slug),
    "reception:dialogue_list": (_("Hội nghị đối thoại"), _per_commune_slug),
    "oversight:staff_index": (_("Thanh tra nhân dân, giám sát đầu tư"), _per_commune_slug),
    "oversight:organisation_index": (_("Ban Thanh tra nhân dân của cơ quan, đơn vị"), _no_arguments),
    "plans:plan_list": (_("Kế hoạch, báo cáo dân chủ cơ sở"), _no_arguments),
}
"""Each entry page: its label and the arguments of its address, one set per unit it is about."""

_ORGANISATION_PAGES = frozenset(
    {"disclosures:organisation_list", "workplaces:organisation_list", "oversight:organisation_index"}
)
SITE_MENU_PAGES = frozenset({"dashboard:home", "portal:home"})
"""Pages every signed-in person reaches from the site menu (``base.html``): not repeated as shortcuts."""


def places_of(user: Any, memberships: list[RoleMembership]) -> Places:
    """The communes, provinces and communities of the user's roles and of the household they belong to."""
    communes: dict[int, AdministrativeUnit] = {}
    provinces: dict[int, AdministrativeUnit] = {}
    communities: dict[int, AdministrativeUnit] = {}
    units = [membership.unit for membership in memberships]
    household = (
        Household.objects.filter(members__user_id=user.pk).select_related("community", "community__parent").first()
        if getattr(user, "pk", None)
        else None
    )
    if household is not None:
        units.append(household.community)
    for unit in units:
        if unit.level == UnitLevel.PROVINCE:
            provinces[unit.pk] = unit
        elif unit.level == UnitLevel.COMMUNE:
            communes[unit.pk] = unit
        elif unit.level == UnitLevel.COMMUNITY:
            communities[unit.pk] = unit
            if unit.parent is not None:
                communes.setdefault(unit.parent.pk, unit.parent)
    unit_roles = {m.role for m in memberships if m.role not in ORGANISATION_REQUIRED_ROLES}
    organisation_only = frozenset(
        action for action in ORGANISATION_SCOPED_ACTIONS if not allows_anywhere(action, roles=unit_roles)
    )
    if getattr(user, "is_superuser", False) and not communes:
        # A system administrator belongs to no unit: the first communes stand in for "every commune".
        current = AdministrativeUnit.objects.filter(level=UnitLevel.COMMUNE, valid_until__isnull=True)
        for commune in current.order_by("name")[:SUPERUSER_COMMUNE_LINKS]:
            communes[commune.pk] = commune
    order = lambda unit: unit.name  # noqa: E731 - a sort key
    return Places(
        communes=sorted(communes.values(), key=order),
        provinces=sorted(provinces.values(), key=order),
        communities=sorted(communities.values(), key=order),
        organisation_only=organisation_only,
        # A system administrator reaches every organisation's pages (they list all organisations for them).
        has_organisation=any(m.organisation_id for m in memberships) or bool(getattr(user, "is_superuser", False)),
    )


def actions_held(user: Any, on: dt.date | None = None) -> list[Action]:
    """Every action the user's roles grant somewhere (all of them for a superuser), in the matrix's order."""
    roles = account_selectors.user_roles(user, on)
    return [action for action in Action if allows_anywhere(action, roles=roles, is_superuser=user.is_superuser)]


def nav_links(user: Any, memberships: list[RoleMembership], on: dt.date | None = None) -> list[NavLink]:
    """The shortcuts of the task page: every entry page of every action the user holds, each once."""
    places = places_of(user, memberships)
    links: list[NavLink] = []
    seen: set[str] = set()
    for action in actions_held(user, on):
        for url_name in ACTION_ENTRY_PAGES.get(action, ()):
            if action in places.organisation_only and url_name not in _ORGANISATION_PAGES:
                continue
            if url_name in _ORGANISATION_PAGES and not places.has_organisation:
                continue
            if url_name in SITE_MENU_PAGES:
                continue
            label, arguments = PAGES[url_name]
            for suffix, kwargs in arguments(places):
                url = reverse(url_name, kwargs=kwargs)
                if url in seen:
                    continue
                seen.add(url)
                text = f"{label} — {suffix}" if suffix and len(arguments(places)) > 1 else str(label)
                links.append(NavLink(label=text, url=url, url_name=url_name))
    return links
