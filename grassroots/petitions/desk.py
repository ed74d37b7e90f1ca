"""The commune desk's jobs around cases: routing rules, reminders before due dates, official papers, targets.

Services follow the house rule (keyword-only, ``transaction.atomic``, the Action matrix, ``audit_record``).
``case_reminders_run`` and ``case_route`` are plain idempotent services: the management command
``case_reminders`` calls the first today. Each reminder written is audited and handed at once to the notifications
app (``notifications.services.notify``: the inbox, then e-mail or SMS as the person chose), and marked delivered;
a row left undelivered by an earlier run is handed over on the next one.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from grassroots.accounts import selectors as account_selectors
from grassroots.accounts.models import Role
from grassroots.accounts.rules import Action
from grassroots.calendar.rules import working_days_left
from grassroots.core import clock
from grassroots.core.services import audit_record
from grassroots.documents.models import Document
from grassroots.petitions import rules, selectors
from grassroots.petitions.models import (
    Acknowledgement,
    Case,
    CaseAssignment,
    CaseKind,
    CasePaper,
    CaseReminder,
    CaseStatus,
    CaseTarget,
    PaperKind,
    RoutingRule,
)
from grassroots.petitions.services import MESSAGES as CASE_MESSAGES
from grassroots.petitions.services import _fail as case_fail
from grassroots.units.models import AdministrativeUnit

MESSAGES = {
    "petitions.routing.handler_cannot_handle": _("Người được phân công không phải cán bộ xử lý vụ việc của xã này."),
    "petitions.routing.community_elsewhere": _("Thôn, tổ dân phố không thuộc xã, phường này."),
    "petitions.routing.ended": _("Quy tắc này đã thôi áp dụng."),
    "petitions.paper.not_yet": _("Chưa thể ban hành văn bản này ở bước hiện tại của vụ việc."),
    "petitions.paper.decision_only_complaints": _("Quyết định giải quyết chỉ dành cho khiếu nại, tố cáo."),
    "petitions.target.bad_percent": _("Tỉ lệ đúng hạn từ 1 đến 100 phần trăm."),
    "petitions.target.bad_days": _("Hạn giải quyết từ 1 đến 90 ngày làm việc."),
}


def _fail(code: str) -> Exception:
    from grassroots.core.errors import DomainError

    if code in CASE_MESSAGES:
        return case_fail(code)
    return DomainError(code, str(MESSAGES.get(code, code)))


def _require(actor: Any, action: Action, unit: AdministrativeUnit | int, on: dt.date) -> None:
    if not account_selectors.user_can(actor, action, unit, on):
        raise case_fail("petitions.case.not_authorised")


# ---------------------------------------------------------------------------------------------
# Routing
# ---------------------------------------------------------------------------------------------


def routing_rule_add(
    *,
    unit: AdministrativeUnit,
    handler: Any,
    actor: Any,
    kind: str = "",
    community: AdministrativeUnit | None = None,
    now: dt.datetime | None = None,
) -> RoutingRule:
    """Add a rule routing new cases (of ``kind``, from ``community``; blank: any) to ``handler``."""
    moment = now or clock.now()
    today = clock.localdate(moment)
    _require(actor, Action.ASSIGN_CASES, unit, today)
    if kind and kind not in CaseKind.values:
        raise case_fail("petitions.case.unknown_kind")
    if community is not None and community.parent_id != unit.pk:
        raise _fail("petitions.routing.community_elsewhere")
    if handler is None or not account_selectors.user_can(handler, Action.HANDLE_CASES, unit, today):
        raise _fail("petitions.routing.handler_cannot_handle")
    with transaction.atomic():
        rule = RoutingRule.objects.create(
            unit=unit, kind=kind, community=community, handler=handler, created_by=actor, created_at=moment
        )
        audit_record(
            code="petitions.routing.added",
            actor=actor,
            unit=unit,
            obj=rule,
            after={"kind": kind, "community": community.pk if community else None, "handler": handler.pk},
            now=moment,
        )
    return rule


def routing_rule_end(*, rule: RoutingRule, actor: Any, now: dt.datetime | None = None) -> RoutingRule:
    moment = now or clock.now()
    with transaction.atomic():
        locked = RoutingRule.objects.select_for_update().get(pk=rule.pk)
        _require(actor, Action.ASSIGN_CASES, locked.unit_id, clock.localdate(moment))
        if locked.ended_at is not None:
            raise _fail("petitions.routing.ended")
        locked.ended_at = moment
        locked.save(update_fields=["ended_at"])
        audit_record(code="petitions.routing.ended", actor=actor, unit=locked.unit_id, obj=locked, after={}, now=moment)
    return locked


def active_rules(unit: AdministrativeUnit | int) -> list[RoutingRule]:
    return list(RoutingRule.objects.filter(unit=unit, ended_at__isnull=True).select_related("handler", "community"))


def case_route(*, case: Case, now: dt.datetime | None = None) -> Case:
    """Give a newly received case to the handler its commune's rules name (inside the intake's transaction).

    The status stays "received" (the acknowledgement comes first); the handler is recorded with an assignment row
    naming the rule's author as the one who assigned, and a rule whose handler may no longer handle cases there is
    passed over. Idempotent: a case that already has a handler is left alone."""
    moment = now or clock.now()
    today = clock.localdate(moment)
    if case.handler_id is not None:
        return case
    candidates = active_rules(case.unit_id)
    rows = [rules.RouteRow(rule.pk, rule.kind, rule.community_id) for rule in candidates]
    by_pk = {rule.pk: rule for rule in candidates}
    while rows:
        chosen = rules.pick_route(rows, kind=case.kind, community_id=case.community_id)
        if chosen is None:
            return case
        rule = by_pk[chosen]
        if account_selectors.user_can(rule.handler, Action.HANDLE_CASES, case.unit_id, today):
            break
        rows = [row for row in rows if row.rule_id != chosen]
    else:
        return case
    with transaction.atomic():
        locked = Case.objects.select_for_update().get(pk=case.pk)
        if locked.handler_id is not None:
            return locked
        locked.handler = rule.handler
        locked.save(update_fields=["handler", "updated_at"])
        CaseAssignment.objects.create(
            case=locked,
            handler=rule.handler,
            assigned_by=rule.created_by,
            assigned_at=moment,
            reason=f"Phân công tự động theo quy tắc #{rule.pk}",
        )
        audit_record(
            code="petitions.case.routed",
            actor=None,
            unit=locked.unit_id,
            obj=locked,
            after={"handler": rule.handler_id, "rule": rule.pk},
            now=moment,
        )
    case.handler = rule.handler
    return locked


# ---------------------------------------------------------------------------------------------
# Reminders
# ---------------------------------------------------------------------------------------------


def reminder_working_days() -> int:
    return int(getattr(settings, "GRASSROOTS_PETITIONS_REMINDER_WORKING_DAYS", rules.DEFAULT_REMINDER_WORKING_DAYS))


def _chair_of(unit_id: int, today: dt.date) -> Any:
    from grassroots.accounts.models import RoleMembership

    membership = (
        RoleMembership.objects.active_on(today)
        .filter(unit_id=unit_id, role=Role.COMMUNE_CHAIR)
        .select_related("user")
        .order_by("pk")
        .first()
    )
    return membership.user if membership else None


REMINDER_DUE_SOON_KIND = "petitions.case_due_soon"
REMINDER_OVERDUE_KIND = "petitions.case_escalated"
"""The notification kinds of the two reminder steps (registered in ``apps.ready`` through ``notifications.kinds``)."""


def register_reminder_kinds() -> None:
    from grassroots.notifications.kinds import register_kind

    register_kind(
        REMINDER_DUE_SOON_KIND,
        label=_("Vụ việc sắp đến hạn"),
        title=_("Sắp đến hạn: vụ việc #%(pk)s %(title)s"),
        body=_("Hạn: %(due)s."),
    )
    register_kind(
        REMINDER_OVERDUE_KIND,
        label=_("Vụ việc quá hạn cần chỉ đạo"),
        title=_("Quá hạn, cần chỉ đạo: vụ việc #%(pk)s %(title)s"),
        body=_("Hạn %(due)s đã qua."),
    )


DELIVERY_BATCH = 1000
"""Reminders handed to the notifications app per transaction (the first run after a long pause may write thousands)."""


def case_reminders_deliver(*, now: dt.datetime | None = None) -> int:
    """Hand every undelivered reminder to the notifications app (``notify_batch``: the inbox, then e-mail or SMS as
    each person chose) and mark it delivered, in batches; returns how many were delivered. Running it twice, or two
    runs at once, notifies nobody twice: rows are locked (``skip_locked``) and each notification carries the
    reminder's key (``case_reminder:<id>``), unique per person in the notifications table."""
    from django.urls import reverse

    from grassroots.notifications.services import Entry, notify_batch

    moment = now or clock.now()
    delivered = 0
    while True:
        with transaction.atomic():
            batch = list(
                CaseReminder.objects.select_for_update(skip_locked=True, of=("self",))
                .filter(delivered_at__isnull=True)
                .select_related("case")
                .order_by("pk")[:DELIVERY_BATCH]
            )
            if not batch:
                return delivered
            for kind, step in ((REMINDER_DUE_SOON_KIND, "due_soon"), (REMINDER_OVERDUE_KIND, "overdue")):
                entries = [
                    Entry(
                        user_id=reminder.recipient_id,
                        params={
                            "pk": reminder.case_id,
                            "title": reminder.case.title,
                            "due": reminder.due_on.strftime("%d/%m/%Y"),
                        },
                        url=reverse("petitions:case_detail", kwargs={"pk": reminder.case_id}),
                        unit_id=reminder.case.unit_id,
                        dedupe_key=f"case_reminder:{reminder.pk}",
                    )
                    for reminder in batch
                    if reminder.step == step
                ]
                if entries:
                    notify_batch(kind=kind, entries=entries, now=moment)
            CaseReminder.objects.filter(pk__in=[reminder.pk for reminder in batch]).update(delivered_at=moment)
            delivered += len(batch)


def case_reminders_run(
    *, today: dt.date | None = None, window: int | None = None, now: dt.datetime | None = None
) -> list[CaseReminder]:
    """Write a reminder for every open case whose current due date is ``window`` working days away or less (to its
    handler; to the commune chair while nobody is assigned) and an escalation for every overdue one (to the chair).
    Running it again the same day, or any later day for the same due date, writes nothing twice (the unique
    constraint on case, step, due date and recipient). Returns the rows written now."""
    moment = now or clock.now()
    day = today or clock.localdate(moment)
    days = reminder_working_days() if window is None else window
    calendar = selectors.public_calendar()
    chairs: dict[int, Any] = {}
    written: list[CaseReminder] = []
    open_cases = (
        selectors.with_targets(Case.objects.filter(status__in=rules.OPEN_STATUSES))
        .select_related("handler")
        .prefetch_related("pauses", "extensions")
        .order_by("pk")
    )
    for case in open_cases.iterator(chunk_size=2000):
        due = selectors.current_due(case, calendar)
        left = working_days_left(day, due.due_on, calendar) if due.due_on else None
        step = rules.reminder_step(due_on=due.due_on, today=day, working_days_left=left, window=days)
        if not step or due.due_on is None:
            continue
        if case.unit_id not in chairs:
            chairs[case.unit_id] = _chair_of(case.unit_id, day)
        recipient = case.handler if step == "due_soon" and case.handler_id else chairs[case.unit_id]
        if recipient is None:
            continue
        with transaction.atomic():
            reminder, created = CaseReminder.objects.get_or_create(
                case=case, step=step, due_on=due.due_on, recipient=recipient, defaults={"created_at": moment}
            )
            if created:
                audit_record(
                    code="petitions.case.reminder_written",
                    actor=None,
                    unit=case.unit_id,
                    obj=case,
                    after={"reminder": reminder.pk, "step": step, "due_on": due.due_on, "recipient": recipient.pk},
                    now=moment,
                )
        if created:
            written.append(reminder)
    case_reminders_deliver(now=moment)
    for reminder in written:
        reminder.delivered_at = moment
    return written


# ---------------------------------------------------------------------------------------------
# Official papers
# ---------------------------------------------------------------------------------------------


def _paper_ready(case: Case, kind: str) -> bool:
    if kind == PaperKind.ACKNOWLEDGEMENT:
        return bool(case.acknowledgement)
    if kind == PaperKind.DECISION and case.kind not in (CaseKind.COMPLAINT, CaseKind.DENUNCIATION):
        raise _fail("petitions.paper.decision_only_complaints")
    return case.status in (CaseStatus.ANSWERED, CaseStatus.CLOSED)


def case_paper_issue(*, case: Case, kind: str, actor: Any, now: dt.datetime | None = None) -> CasePaper:
    """Issue the case's acknowledgement notice, resolution decision or answer through ``documents.document_issue``.

    A confidential sender is never named on the paper (it goes into the commune's document register): the paper says
    their details are kept confidential, and the handler delivers it."""
    from grassroots.petitions.papers import paper_document

    moment = now or clock.now()
    with transaction.atomic():
        locked = Case.objects.select_for_update().select_related("unit").get(pk=case.pk)
        _require(actor, Action.HANDLE_CASES, locked.unit, clock.localdate(moment))
        if kind not in PaperKind.values or not _paper_ready(locked, kind):
            raise _fail("petitions.paper.not_yet")
        document: Document = paper_document(case=locked, kind=kind, actor=actor, now=moment)
        paper = CasePaper.objects.create(case=locked, kind=kind, document=document)
        audit_record(
            code="petitions.case.paper_issued",
            actor=actor,
            unit=locked.unit_id,
            obj=locked,
            after={"paper": kind, "document": document.pk},
            now=moment,
        )
    return paper


# ---------------------------------------------------------------------------------------------
# Targets and the resolution rate
# ---------------------------------------------------------------------------------------------


def case_target_set(
    *,
    unit: AdministrativeUnit,
    on_time_percent: int,
    resolution_working_days: int,
    actor: Any,
    now: dt.datetime | None = None,
) -> CaseTarget:
    """Set the commune's own targets: the on-time share and the feedback and petition resolution days."""
    moment = now or clock.now()
    _require(actor, Action.ASSIGN_CASES, unit, clock.localdate(moment))
    if not 1 <= on_time_percent <= 100:
        raise _fail("petitions.target.bad_percent")
    if not 1 <= resolution_working_days <= 90:
        raise _fail("petitions.target.bad_days")
    with transaction.atomic():
        target, _created = CaseTarget.objects.select_for_update().update_or_create(
            unit=unit,
            defaults={
                "on_time_percent": on_time_percent,
                "resolution_working_days": resolution_working_days,
                "set_by": actor,
                "set_at": moment,
            },
        )
        audit_record(
            code="petitions.target.set",
            actor=actor,
            unit=unit,
            obj=target,
            after={"on_time_percent": on_time_percent, "resolution_working_days": resolution_working_days},
            now=moment,
        )
    return target


@dataclass(frozen=True)
class ResolutionRate:
    answered: int
    on_time: int
    percent: int | None
    target_percent: int

    @property
    def is_met(self) -> bool:
        return self.percent is not None and self.percent >= self.target_percent


def resolution_rate(unit: AdministrativeUnit | int, first: dt.date, last: dt.date) -> ResolutionRate:
    """Cases answered between ``first`` and ``last``: how many on or before their resolution date."""
    calendar = selectors.public_calendar()
    answered = (
        selectors.with_targets(Case.objects.filter(unit=unit, answered_on__gte=first, answered_on__lte=last))
        .exclude(acknowledgement__in=[Acknowledgement.REFUSED, Acknowledgement.FORWARDED])
        .prefetch_related("pauses", "extensions")
    )
    total = 0
    on_time = 0
    for case in answered:
        total += 1
        due = selectors.case_clocks(case, calendar).get("resolve_by")
        if due is None or (case.answered_on is not None and case.answered_on <= due):
            on_time += 1
    target = CaseTarget.objects.filter(unit=unit).values_list("on_time_percent", flat=True).first()
    return ResolutionRate(
        answered=total,
        on_time=on_time,
        percent=rules.on_time_share(total, on_time),
        target_percent=target or rules.DEFAULT_ON_TIME_TARGET_PERCENT,
    )
