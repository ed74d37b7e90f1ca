"""Every state-changing service of the staff register leaves its audit event: the code, who did it, in which unit
(issue 17, audit gap 5; the conference, dialogue and ballot services are asserted in their own tests)."""

from __future__ import annotations

import datetime as dt

import pytest

from grassroots.accounts.models import User
from grassroots.core.models import AuditEvent
from grassroots.units.models import Organisation
from grassroots.workplaces import services
from grassroots.workplaces.models import StaffMember, StaffPost
from grassroots.workplaces.tests.conftest import NOW

pytestmark = pytest.mark.django_db


def _last(code: str) -> AuditEvent:
    return AuditEvent.objects.filter(code=code).order_by("-pk").first()  # type: ignore[return-value]


def test_staff_register_services_are_audited(school: Organisation, principal: User) -> None:
    services.workplace_profile_set(
        organisation=school, work_year_end_month=5, union_name="Công đoàn trường", actor=principal, now=NOW
    )
    event = _last("workplaces.profile.set")
    assert (event.actor_id, event.unit_id) == (principal.pk, school.unit_id)
    assert event.after is not None and event.after["work_year_end_month"] == 5

    member = services.staff_member_add(
        organisation=school,
        code="GV-900",
        full_name="Hoàng Văn Mới",
        active_from=dt.date(2026, 9, 1),
        actor=principal,
        now=NOW,
    )
    event = _last("workplaces.staff.added")
    assert (event.actor_id, event.unit_id, event.object_id) == (principal.pk, school.unit_id, str(member.pk))

    services.staff_member_set_post(
        staff_member=member, is_head=False, post=StaffPost.values[-1], actor=principal, now=NOW
    )
    event = _last("workplaces.staff.post_changed")
    assert (event.actor_id, event.unit_id, event.object_id) == (principal.pk, school.unit_id, str(member.pk))

    services.staff_member_leave(staff_member=member, on=dt.date(2026, 12, 1), actor=principal, now=NOW)
    event = _last("workplaces.staff.left")
    assert (event.actor_id, event.unit_id, event.object_id) == (principal.pk, school.unit_id, str(member.pk))
    assert StaffMember.objects.get(pk=member.pk).active_until == dt.date(2026, 12, 1)
