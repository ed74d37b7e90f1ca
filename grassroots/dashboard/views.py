"""Staff area (khu vực cán bộ): the dashboard of what needs doing."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from grassroots.accounts.authorize import signed_in_view
from grassroots.core import clock
from grassroots.dashboard.navigation import nav_links
from grassroots.dashboard.registry import collect_tasks
from grassroots.dashboard.selectors import memberships_active, province_rollup, provinces_overseen, staff_commune


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
        "quick_links": nav_links(request.user, memberships, today),
    }
    if getattr(request, "htmx", False) and request.GET.get("part") == "tasks":
        return render(request, "dashboard/_tasks.html", context)
    return render(request, "dashboard/home.html", context)
