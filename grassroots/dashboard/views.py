"""Staff area (khu vực cán bộ): the dashboard of what needs doing."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from grassroots.accounts.authorize import signed_in_view
from grassroots.accounts.rules import Action
from grassroots.accounts.selectors import is_staff_user, user_can
from grassroots.core import clock
from grassroots.dashboard.registry import collect_tasks
from grassroots.dashboard.selectors import memberships_active, province_rollup, provinces_overseen, staff_commune


def _quick_links(user: Any) -> list[tuple[str, str]]:
    """Links to the staff pages this user can actually open (no link that ends in a 403)."""
    staff = is_staff_user(user)
    candidates = [
        (_("Hộ gia đình"), "units:index", staff),
        (_("Ngày nghỉ, ngày làm bù"), "calendar:override_list", user_can(user, Action.EDIT_CALENDAR, None)),
        (_("Tài khoản người dùng"), "accounts:user_list", user_can(user, Action.RESET_PASSWORD, None)),
        (_("Văn bản"), "documents:list", staff),
        (_("Mẫu văn bản"), "documents:gallery", staff),
    ]
    links = []
    for label, name, allowed in candidates:
        if not allowed:
            continue
        try:
            links.append((str(label), reverse(name)))
        except NoReverseMatch:
            continue
    return links


@signed_in_view
def home(request: HttpRequest) -> HttpResponse:
    """The signed-in person's own tasks, roles and roll-ups: everyone lands here after login, with or without a role."""
    today = clock.today()
    memberships = list(memberships_active(request.user, today))
    tasks = collect_tasks(request.user, today)
    context = {
        "today": today,
        "tasks": tasks,
        "memberships": memberships,
        "commune": staff_commune(memberships),
        "rollups": [province_rollup(province, today) for province in provinces_overseen(memberships)],
        "quick_links": _quick_links(request.user),
    }
    if getattr(request, "htmx", False) and request.GET.get("part") == "tasks":
        return render(request, "dashboard/_tasks.html", context)
    return render(request, "dashboard/home.html", context)
