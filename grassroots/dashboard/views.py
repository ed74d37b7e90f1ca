"""Staff area (khu vực cán bộ): the dashboard of what needs doing."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from grassroots.core import clock
from grassroots.dashboard.registry import collect_tasks
from grassroots.dashboard.selectors import memberships_active, province_rollup, provinces_overseen, staff_commune

# (label, URL names to try in order): a link appears once its app has shipped the page.
QUICK_LINKS = [
    (_("Hộ gia đình"), ["units:index", "units:household_list"]),
    (_("Ngày nghỉ, ngày làm bù"), ["calendar:override_list"]),
    (_("Tài khoản người dùng"), ["accounts:user_list"]),
    (_("Mẫu văn bản"), ["documents:gallery", "documents:template_list", "documents:home"]),
]


def _quick_links() -> list[tuple[str, str]]:
    links = []
    for label, names in QUICK_LINKS:
        for name in names:
            try:
                links.append((str(label), reverse(name)))
            except NoReverseMatch:
                continue
            break
    return links


@login_required
def home(request: HttpRequest) -> HttpResponse:
    today = clock.today()
    memberships = list(memberships_active(request.user, today))
    tasks = collect_tasks(request.user, today)
    context = {
        "today": today,
        "tasks": tasks,
        "memberships": memberships,
        "commune": staff_commune(memberships),
        "rollups": [province_rollup(province, today) for province in provinces_overseen(memberships)],
        "quick_links": _quick_links(),
    }
    if getattr(request, "htmx", False) and request.GET.get("part") == "tasks":
        return render(request, "dashboard/_tasks.html", context)
    return render(request, "dashboard/home.html", context)
