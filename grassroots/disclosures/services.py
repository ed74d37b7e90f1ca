"""Writes of the disclosures app: drafts, publish / amend / republish / end / withdraw, channel events,
village-head relay, the disclosure plan and information requests. Every state change is audited."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any

from django.core.files.base import ContentFile
from django.db import connection, transaction
from django.utils.text import get_valid_filename
from django.utils.translation import gettext_lazy as _

from grassroots.calendar import rules as calendar_rules
from grassroots.calendar import selectors as calendar_selectors
from grassroots.core import clock
from grassroots.core.errors import DomainError, RuleResult
from grassroots.core.services import audit_record
from grassroots.disclosures import rules
from grassroots.disclosures.models import (
    Channel,
    Disclosure,
    DisclosureAttachment,
    DisclosureCategory,
    DisclosurePlan,
    DisclosurePlanItem,
    DisclosureProfile,
    DisclosureVersion,
    InformationRequest,
    InformationRequestStatus,
    PublicationEvent,
    Regime,
    RelayMeans,
    RelayTask,
    Status,
)
from grassroots.units.models import AdministrativeUnit, Organisation, OrganisationKind, UnitLevel

MESSAGES: dict[str, Any] = {
    "disclosures.transition_not_allowed": _("Không thể thực hiện thao tác này ở trạng thái hiện tại."),
    "disclosures.permanent_cannot_end": _(
        "Nội dung công khai thường xuyên không có thời hạn niêm yết; hãy sửa đổi (phiên bản mới) hoặc rút."
    ),
    "disclosures.minimum_posting_not_reached": _(
        "Chưa đủ thời gian niêm yết tối thiểu %(min_days)s ngày liên tục: chỉ được gỡ xuống từ ngày %(may_end_on)s."
    ),
    "disclosures.published_in_future": _("Ngày công khai không được sau ngày hôm nay."),
    "disclosures.published_before_decision": _("Ngày công khai không được trước ngày quyết định."),
    "disclosures.channel_not_allowed": _("Hình thức công khai này không áp dụng cho đơn vị."),
    "disclosures.upload_empty": _("Tệp rỗng."),
    "disclosures.upload_too_large": _("Tệp quá lớn: tối đa 10 MB."),
    "disclosures.upload_type_not_allowed": _("Chỉ nhận tệp PDF, DOCX hoặc ảnh PNG, JPG."),
    "disclosures.upload_content_mismatch": _("Nội dung tệp không đúng với đuôi tên tệp."),
    "disclosures.title_required": _("Hãy nhập tiêu đề."),
    "disclosures.category_wrong_regime": _("Nội dung công khai này không thuộc loại đơn vị đã chọn."),
    "disclosures.unit_not_commune": _("Thông tin công khai của xã phải gắn với một xã, phường, đặc khu."),
    "disclosures.decided_in_future": _("Ngày quyết định không được sau ngày hôm nay."),
    "disclosures.decision_outside_calendar": _("Ngày quyết định nằm ngoài lịch làm việc của hệ thống."),
    "disclosures.change_note_required": _("Hãy ghi rõ nội dung thay đổi."),
    "disclosures.reason_required": _("Hãy ghi rõ lý do rút thông tin."),
    "disclosures.attachment_locked": _(
        "Chỉ thêm tệp vào dự thảo hoặc bản sửa đổi chưa công khai; "
        "thông tin đã công khai phải sửa đổi và công khai lại."
    ),
    "disclosures.not_published": _("Thông tin chưa được công khai hoặc đang chờ công khai lại bản sửa đổi."),
    "disclosures.community_required": _("Hãy chọn thôn, tổ dân phố nơi niêm yết."),
    "disclosures.community_outside_unit": _("Thôn, tổ dân phố không thuộc đơn vị này."),
    "disclosures.started_before_decision": _("Ngày bắt đầu không được trước ngày quyết định."),
    "disclosures.started_in_future": _("Ngày bắt đầu không được sau ngày hôm nay."),
    "disclosures.dates_unordered": _("Ngày kết thúc phải sau ngày bắt đầu."),
    "disclosures.publication_already_ended": _("Hình thức công khai này đã kết thúc."),
    "disclosures.relay_already_acknowledged": _("Việc này đã được xác nhận."),
    "disclosures.relay_means_required": _("Hãy chọn ít nhất một cách thông tin đến các hộ."),
    "disclosures.relay_note_required": _("Hãy ghi ngắn gọn đã thông tin đến các hộ như thế nào."),
    "disclosures.plan_exists": _("Đơn vị đã có kế hoạch công khai của năm này."),
    "disclosures.plan_item_incomplete": _("Hãy nhập đủ nội dung, hình thức, thời điểm và người thực hiện."),
    "disclosures.request_subject_required": _("Hãy ghi thông tin người dân yêu cầu."),
    "disclosures.request_requester_required": _("Hãy ghi họ tên và địa chỉ liên hệ của người yêu cầu."),
    "disclosures.request_received_in_future": _("Ngày tiếp nhận không được sau ngày hôm nay."),
    "disclosures.request_already_answered": _("Yêu cầu này đã được trả lời."),
    "disclosures.request_already_extended": _("Chỉ được gia hạn một lần."),
    "disclosures.request_extension_reason_required": _("Hãy ghi lý do gia hạn."),
    "disclosures.request_extension_too_late": _("Đã quá hạn trả lời (%(due_on)s): không thể gia hạn nữa."),
    "disclosures.request_answer_required": _("Hãy nhập nội dung trả lời."),
    "disclosures.request_answered_before_received": _("Ngày trả lời không được trước ngày tiếp nhận."),
    "disclosures.request_answered_in_future": _("Ngày trả lời không được sau ngày hôm nay."),
}


def _format(value: Any) -> Any:
    return value.strftime("%d/%m/%Y") if isinstance(value, dt.date) else value


def refuse(code: str, **params: Any) -> DomainError:
    message = MESSAGES.get(code, code)
    text = str(message) % {key: _format(value) for key, value in params.items()} if params else str(message)
    return DomainError(code, text, **params)


def _enforce(result: RuleResult) -> None:
    if not result:
        raise refuse(result.code, **result.params)


def _today(now: dt.datetime | None) -> dt.date:
    return clock.localdate(now)


def _calendar() -> calendar_rules.WorkingCalendar:
    return calendar_selectors.working_calendar()


def _due_on(category: DisclosureCategory, decided_on: dt.date) -> dt.date:
    try:
        return rules.category_deadline(category.as_rule(), decided_on, _calendar())
    except calendar_rules.CalendarRangeError as error:
        raise refuse("disclosures.decision_outside_calendar") from error


# --- Search index -------------------------------------------------------------------------------


def _search_text(disclosure: Disclosure) -> str:
    return rules.search_document(
        title=disclosure.title,
        body=disclosure.body,
        decision_number=disclosure.decision_number,
        category_code=disclosure.category.code,
        category_name=disclosure.category.name,
    )


def search_index_update(disclosure: Disclosure) -> None:
    """Refresh the folded search text (and, on SQLite, its FTS5 row). PostgreSQL indexes the column itself."""
    text = _search_text(disclosure)
    if text != disclosure.search_text:
        disclosure.search_text = text
        Disclosure.objects.filter(pk=disclosure.pk).update(search_text=text)
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM disclosures_search WHERE rowid = %s", [disclosure.pk])
            cursor.execute("INSERT INTO disclosures_search(rowid, search_text) VALUES (%s, %s)", [disclosure.pk, text])


def search_index_rebuild() -> int:
    """Rebuild the SQLite FTS5 table from the ``search_text`` column (after bulk loads). Returns rows indexed."""
    if connection.vendor != "sqlite":
        return Disclosure.objects.count()
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM disclosures_search")
        cursor.execute(
            "INSERT INTO disclosures_search(rowid, search_text) SELECT id, search_text FROM disclosures_disclosure"
        )
        return int(cursor.rowcount)


# --- Drafts and attachments ---------------------------------------------------------------------


def _regime_for(unit: AdministrativeUnit, organisation: Organisation | None) -> str:
    if organisation is None:
        if unit.level != UnitLevel.COMMUNE:
            raise refuse("disclosures.unit_not_commune")
        return Regime.COMMUNE
    if organisation.kind == OrganisationKind.STATE_OWNED_ENTERPRISE:
        return Regime.SOE
    return Regime.AGENCY


def _clean_fields(*, title: str, decided_on: dt.date, today: dt.date) -> str:
    clean = title.strip()
    if not clean:
        raise refuse("disclosures.title_required")
    if decided_on > today:
        raise refuse("disclosures.decided_in_future")
    return clean


def disclosure_create(
    *,
    unit: AdministrativeUnit,
    category: DisclosureCategory,
    title: str,
    decided_on: dt.date,
    body: str = "",
    decision_number: str = "",
    organisation: Organisation | None = None,
    attachments: Sequence[tuple[str, bytes]] = (),
    actor: Any,
    now: dt.datetime | None = None,
) -> Disclosure:
    """A draft disclosure (version 1) with its deadline computed from the decision date."""
    moment = now or clock.now()
    today = _today(moment)
    clean_title = _clean_fields(title=title, decided_on=decided_on, today=today)
    if category.regime != _regime_for(unit, organisation):
        raise refuse("disclosures.category_wrong_regime")
    for name, content in attachments:
        _enforce(rules.check_upload(name=name, content=content))
    with transaction.atomic():
        disclosure = Disclosure.objects.create(
            unit=unit,
            organisation=organisation,
            category=category,
            title=clean_title,
            body=body.strip(),
            decision_number=decision_number.strip(),
            decided_on=decided_on,
            due_on=_due_on(category, decided_on),
            created_by=actor if getattr(actor, "pk", None) else None,
        )
        DisclosureVersion.objects.create(
            disclosure=disclosure,
            number=1,
            title=disclosure.title,
            body=disclosure.body,
            decision_number=disclosure.decision_number,
            decided_on=decided_on,
            created_at=moment,
        )
        for name, content in attachments:
            _store_attachment(disclosure, name, content, moment)
        search_index_update(disclosure)
        audit_record(
            code="disclosures.disclosure.created",
            actor=actor,
            unit=unit,
            obj=disclosure,
            after=disclosure.snapshot(),
            now=moment,
        )
    return disclosure


def disclosure_update_draft(
    *,
    disclosure: Disclosure,
    title: str,
    decided_on: dt.date,
    body: str = "",
    decision_number: str = "",
    actor: Any,
    now: dt.datetime | None = None,
) -> Disclosure:
    """Edit a draft (before publication no version is kept: nothing has been shown to anyone)."""
    moment = now or clock.now()
    clean_title = _clean_fields(title=title, decided_on=decided_on, today=_today(moment))
    with transaction.atomic():
        locked = Disclosure.objects.select_for_update().select_related("category").get(pk=disclosure.pk)
        if locked.status != Status.DRAFT:
            raise refuse("disclosures.transition_not_allowed")
        before = locked.snapshot()
        locked.title, locked.body = clean_title, body.strip()
        locked.decision_number, locked.decided_on = decision_number.strip(), decided_on
        locked.due_on = _due_on(locked.category, decided_on)
        locked.save()
        DisclosureVersion.objects.filter(disclosure=locked, number=locked.version_number).update(
            title=locked.title, body=locked.body, decision_number=locked.decision_number, decided_on=decided_on
        )
        search_index_update(locked)
        audit_record(
            code="disclosures.disclosure.updated",
            actor=actor,
            unit=locked.unit_id,
            obj=locked,
            before=before,
            after=locked.snapshot(),
            now=moment,
        )
    return locked


def _store_attachment(disclosure: Disclosure, name: str, content: bytes, moment: dt.datetime) -> DisclosureAttachment:
    result = rules.check_upload(name=name, content=content)
    _enforce(result)
    attachment = DisclosureAttachment(
        disclosure=disclosure,
        version_number=disclosure.version_number,
        original_name=name[:255],
        kind=str(result.params["kind"]),
        size=len(content),
        uploaded_at=moment,
    )
    attachment.file.save(get_valid_filename(name) or "tep", ContentFile(content), save=False)
    attachment.save()
    return attachment


def attachment_add(
    *, disclosure: Disclosure, name: str, content: bytes, actor: Any, now: dt.datetime | None = None
) -> DisclosureAttachment:
    """Attach a file to a draft or to an amendment not yet republished."""
    moment = now or clock.now()
    _enforce(rules.check_upload(name=name, content=content))
    with transaction.atomic():
        locked = Disclosure.objects.select_for_update().get(pk=disclosure.pk)
        if locked.status not in (Status.DRAFT, Status.AMENDED):
            raise refuse("disclosures.attachment_locked")
        attachment = _store_attachment(locked, name, content, moment)
        audit_record(
            code="disclosures.attachment.added",
            actor=actor,
            unit=locked.unit_id,
            obj=locked,
            after={"attachment": attachment.pk, "name": attachment.original_name, "size": attachment.size},
            now=moment,
        )
    return attachment


# --- The state machine ----------------------------------------------------------------------------


def _lock(disclosure: Disclosure) -> Disclosure:
    return Disclosure.objects.select_for_update().select_related("category", "unit").get(pk=disclosure.pk)


def _communities(unit: AdministrativeUnit, on: dt.date) -> list[AdministrativeUnit]:
    rows = AdministrativeUnit.objects.filter(parent=unit, level=UnitLevel.COMMUNITY).order_by("name")
    return [row for row in rows if row.is_valid_on(on)]


def _start_version(locked: Disclosure, published_on: dt.date, actor: Any, moment: dt.datetime) -> None:
    """Put the current version on the portal and, for K7–K12, give every village head a relay task."""
    PublicationEvent.objects.create(
        disclosure=locked,
        version_number=locked.version_number,
        channel=Channel.PORTAL,
        started_on=published_on,
        recorded_at=moment,
        recorded_by=actor if getattr(actor, "pk", None) else None,
        note=str(_("Đăng tự động trên cổng thông tin khi công khai.")),
    )
    if locked.category.requires_relay and locked.category.regime == Regime.COMMUNE:
        RelayTask.objects.bulk_create(
            [
                RelayTask(
                    disclosure=locked,
                    version_number=locked.version_number,
                    community=community,
                    assigned_on=published_on,
                )
                for community in _communities(locked.unit, published_on)
            ]
        )


def _close_open_windows(locked: Disclosure, ended_on: dt.date, *, before_version: int | None = None) -> None:
    windows = PublicationEvent.objects.filter(disclosure=locked, ended_on__isnull=True)
    if before_version is not None:
        windows = windows.filter(version_number__lt=before_version)
    # A window that started today ends tomorrow at the earliest (ended_on is exclusive and after started_on).
    for window in windows:
        window.ended_on = max(ended_on, window.started_on + dt.timedelta(days=1))
        window.save(update_fields=["ended_on"])


def _publish(
    *, disclosure: Disclosure, action: rules.Action, published_on: dt.date | None, actor: Any, now: dt.datetime | None
) -> Disclosure:
    """Publish the current version (first publication or after an amendment): check the transition and
    the date, stamp the version, close the previous version's postings on a republication, open the
    portal window (and relay tasks for K7–K12), audit."""
    moment = now or clock.now()
    today = _today(moment)
    day = published_on or today
    first_time = action == rules.Action.PUBLISH
    with transaction.atomic():
        locked = _lock(disclosure)
        result = rules.check_transition(locked.status, action)
        _enforce(result)
        _enforce(rules.check_publish_date(published_on=day, decided_on=locked.decided_on, today=today))
        before = locked.snapshot()
        locked.status = result.params["target"]
        if first_time:
            locked.first_published_on = day
        locked.published_on = day
        locked.save()
        DisclosureVersion.objects.filter(disclosure=locked, number=locked.version_number).update(published_on=day)
        if not first_time:
            _close_open_windows(locked, day, before_version=locked.version_number)
        _start_version(locked, day, actor, moment)
        audit_record(
            code="disclosures.disclosure.published" if first_time else "disclosures.disclosure.republished",
            actor=actor,
            unit=locked.unit_id,
            obj=locked,
            before=before,
            after=locked.snapshot(),
            now=moment,
        )
    return locked


def disclosure_publish(
    *, disclosure: Disclosure, published_on: dt.date | None = None, actor: Any, now: dt.datetime | None = None
) -> Disclosure:
    """Publish a draft: on the portal from ``published_on`` (default today), relay tasks for K7–K12."""
    return _publish(disclosure=disclosure, action=rules.Action.PUBLISH, published_on=published_on, actor=actor, now=now)


def disclosure_amend(
    *,
    disclosure: Disclosure,
    title: str,
    decided_on: dt.date,
    change_note: str,
    body: str = "",
    decision_number: str = "",
    actor: Any,
    now: dt.datetime | None = None,
) -> Disclosure:
    """Record a change to published information as a new version, to be published again (art. 14(3))."""
    moment = now or clock.now()
    clean_title = _clean_fields(title=title, decided_on=decided_on, today=_today(moment))
    if not change_note.strip():
        raise refuse("disclosures.change_note_required")
    with transaction.atomic():
        locked = _lock(disclosure)
        result = rules.check_transition(locked.status, rules.Action.AMEND)
        _enforce(result)
        before = locked.snapshot()
        locked.status = result.params["target"]
        locked.version_number += 1
        locked.title, locked.body = clean_title, body.strip()
        locked.decision_number, locked.decided_on = decision_number.strip(), decided_on
        locked.due_on = _due_on(locked.category, decided_on)
        locked.published_on = None
        locked.save()
        DisclosureVersion.objects.create(
            disclosure=locked,
            number=locked.version_number,
            title=locked.title,
            body=locked.body,
            decision_number=locked.decision_number,
            decided_on=decided_on,
            change_note=change_note.strip(),
            created_at=moment,
        )
        search_index_update(locked)
        audit_record(
            code="disclosures.disclosure.amended",
            actor=actor,
            unit=locked.unit_id,
            obj=locked,
            before=before,
            after={**locked.snapshot(), "change_note": change_note.strip()},
            now=moment,
        )
    return locked


def disclosure_republish(
    *, disclosure: Disclosure, published_on: dt.date | None = None, actor: Any, now: dt.datetime | None = None
) -> Disclosure:
    """Publish the amended version; the previous version's postings come down the same day."""
    return _publish(
        disclosure=disclosure, action=rules.Action.REPUBLISH, published_on=published_on, actor=actor, now=now
    )


def _posted_since(locked: Disclosure) -> dt.date | None:
    if locked.published_on is not None:
        return locked.published_on
    latest = DisclosureVersion.objects.filter(disclosure=locked, published_on__isnull=False).order_by("-number").first()
    return latest.published_on if latest else None


def _take_down(
    *, disclosure: Disclosure, action: rules.Action, reason: str, code: str, actor: Any, now: dt.datetime | None
) -> Disclosure:
    moment = now or clock.now()
    today = _today(moment)
    with transaction.atomic():
        locked = _lock(disclosure)
        result = rules.check_take_down(
            status=locked.status,
            action=action,
            rule=locked.category.as_rule(),
            posted_since=_posted_since(locked),
            today=today,
        )
        _enforce(result)
        before = locked.snapshot()
        locked.status = result.params["target"]
        locked.ended_on = today
        locked.withdrawal_reason = reason.strip()
        locked.save()
        _close_open_windows(locked, today)
        after = {**locked.snapshot(), "reason": reason.strip()} if reason else locked.snapshot()
        audit_record(code=code, actor=actor, unit=locked.unit_id, obj=locked, before=before, after=after, now=moment)
    return locked


def disclosure_withdraw(
    *, disclosure: Disclosure, reason: str, actor: Any, now: dt.datetime | None = None
) -> Disclosure:
    """Withdraw published information, with a reason; refused before the minimum posting period has run."""
    if not reason.strip():
        raise refuse("disclosures.reason_required")
    return _take_down(
        disclosure=disclosure,
        action=rules.Action.WITHDRAW,
        reason=reason,
        code="disclosures.disclosure.withdrawn",
        actor=actor,
        now=now,
    )


def disclosure_end(*, disclosure: Disclosure, actor: Any, now: dt.datetime | None = None) -> Disclosure:
    """Record that the posting period is over and the notices came down (not for permanent items)."""
    return _take_down(
        disclosure=disclosure,
        action=rules.Action.END,
        reason="",
        code="disclosures.disclosure.ended",
        actor=actor,
        now=now,
    )


# --- Channel events -------------------------------------------------------------------------------


def publication_record(
    *,
    disclosure: Disclosure,
    channel: str,
    started_on: dt.date,
    ended_on: dt.date | None = None,
    community: AdministrativeUnit | None = None,
    evidence: tuple[str, bytes] | None = None,
    note: str = "",
    actor: Any,
    now: dt.datetime | None = None,
) -> PublicationEvent:
    """Record one channel's publication of the current version, with dates and optional evidence."""
    moment = now or clock.now()
    today = _today(moment)
    evidence_kind = ""
    if evidence is not None:
        result = rules.check_upload(name=evidence[0], content=evidence[1], allowed_kinds=rules.EVIDENCE_KINDS)
        _enforce(result)
        evidence_kind = str(result.params["kind"])
    with transaction.atomic():
        locked = _lock(disclosure)
        if locked.status not in (Status.PUBLISHED, Status.REPUBLISHED, Status.ENDED):
            raise refuse("disclosures.not_published")
        _enforce(rules.check_channel_for_regime(locked.category.regime, channel))
        if channel == Channel.COMMUNITY_BOARD and community is None:
            raise refuse("disclosures.community_required")
        if community is not None and (community.parent_id != locked.unit_id or community.level != UnitLevel.COMMUNITY):
            raise refuse("disclosures.community_outside_unit")
        if started_on > today:
            raise refuse("disclosures.started_in_future")
        if started_on < locked.decided_on:
            raise refuse("disclosures.started_before_decision")
        if ended_on is not None and ended_on <= started_on:
            raise refuse("disclosures.dates_unordered")
        event = PublicationEvent(
            disclosure=locked,
            version_number=locked.version_number,
            channel=channel,
            community=community,
            started_on=started_on,
            ended_on=ended_on,
            evidence_kind=evidence_kind,
            note=note.strip()[:500],
            recorded_at=moment,
            recorded_by=actor if getattr(actor, "pk", None) else None,
        )
        if evidence is not None:
            event.evidence.save(get_valid_filename(evidence[0]) or "minh-chung", ContentFile(evidence[1]), save=False)
        event.save()
        audit_record(
            code="disclosures.publication.recorded",
            actor=actor,
            unit=locked.unit_id,
            obj=locked,
            after={
                "publication": event.pk,
                "channel": channel,
                "community": community.pk if community else None,
                "started_on": started_on,
                "ended_on": ended_on,
                "evidence": bool(evidence_kind),
            },
            now=moment,
        )
    return event


def publication_end(
    *, publication: PublicationEvent, ended_on: dt.date, actor: Any, now: dt.datetime | None = None
) -> PublicationEvent:
    """Record that one channel's notice came down on ``ended_on`` (compliance judges whether it was too soon)."""
    moment = now or clock.now()
    with transaction.atomic():
        locked = PublicationEvent.objects.select_for_update().select_related("disclosure").get(pk=publication.pk)
        if locked.ended_on is not None:
            raise refuse("disclosures.publication_already_ended")
        if ended_on <= locked.started_on:
            raise refuse("disclosures.dates_unordered")
        if ended_on > _today(moment) + dt.timedelta(days=1):
            raise refuse("disclosures.started_in_future")
        locked.ended_on = ended_on
        locked.save(update_fields=["ended_on"])
        audit_record(
            code="disclosures.publication.ended",
            actor=actor,
            unit=locked.disclosure.unit_id,
            obj=locked.disclosure,
            after={"publication": locked.pk, "channel": locked.channel, "ended_on": ended_on},
            now=moment,
        )
    return locked


# --- Village-head relay ---------------------------------------------------------------------------


def relay_acknowledge(
    *, task: RelayTask, means: Iterable[str], households_note: str, actor: Any, now: dt.datetime | None = None
) -> RelayTask:
    """The village head confirms the item reached the households, and how (art. 13(4))."""
    moment = now or clock.now()
    chosen = sorted({value for value in means if value in RelayMeans.values})
    if not chosen:
        raise refuse("disclosures.relay_means_required")
    if not households_note.strip():
        raise refuse("disclosures.relay_note_required")
    with transaction.atomic():
        locked = RelayTask.objects.select_for_update().select_related("disclosure").get(pk=task.pk)
        if locked.acknowledged_at is not None:
            raise refuse("disclosures.relay_already_acknowledged")
        locked.acknowledged_at = moment
        locked.acknowledged_by = actor if getattr(actor, "pk", None) else None
        locked.means = chosen
        locked.households_note = households_note.strip()
        locked.save()
        audit_record(
            code="disclosures.relay.acknowledged",
            actor=actor,
            unit=locked.community_id,
            obj=locked.disclosure,
            after={"relay_task": locked.pk, "community": locked.community_id, "means": chosen},
            now=moment,
        )
    return locked


# --- Unit profile and the plan --------------------------------------------------------------------


def profile_update(
    *,
    unit: AdministrativeUnit,
    has_portal: bool,
    has_loudspeaker: bool,
    is_special_area: bool = False,
    actor: Any,
    now: dt.datetime | None = None,
) -> DisclosureProfile:
    with transaction.atomic():
        profile, _created = DisclosureProfile.objects.select_for_update().get_or_create(unit=unit)
        before = {"has_portal": profile.has_portal, "has_loudspeaker": profile.has_loudspeaker}
        profile.has_portal, profile.has_loudspeaker, profile.is_special_area = (
            has_portal,
            has_loudspeaker,
            is_special_area,
        )
        profile.save()
        audit_record(
            code="disclosures.profile.updated",
            actor=actor,
            unit=unit,
            obj=profile,
            before=before,
            after={"has_portal": has_portal, "has_loudspeaker": has_loudspeaker, "is_special_area": is_special_area},
            now=now,
        )
    return profile


def plan_create(
    *,
    unit: AdministrativeUnit,
    year: int,
    title: str,
    adopted_on: dt.date | None = None,
    actor: Any,
    now: dt.datetime | None = None,
) -> DisclosurePlan:
    """The People's Committee's disclosure plan for a year (art. 14(1))."""
    if not title.strip():
        raise refuse("disclosures.title_required")
    with transaction.atomic():
        if DisclosurePlan.objects.filter(unit=unit, year=year).exists():
            raise refuse("disclosures.plan_exists")
        plan = DisclosurePlan.objects.create(unit=unit, year=year, title=title.strip(), adopted_on=adopted_on)
        audit_record(
            code="disclosures.plan.created",
            actor=actor,
            unit=unit,
            obj=plan,
            after={"year": year, "title": plan.title, "adopted_on": adopted_on},
            now=now,
        )
    return plan


def plan_item_add(
    *,
    plan: DisclosurePlan,
    category: DisclosureCategory,
    content: str,
    channels: Sequence[str],
    planned_on: dt.date,
    owner: str,
    actor: Any,
    now: dt.datetime | None = None,
) -> DisclosurePlanItem:
    """One line of the plan: what (content, category), how (channels), when (date), who (owner)."""
    chosen = [value for value in dict.fromkeys(channels) if value in Channel.values]
    if not content.strip() or not owner.strip() or not chosen:
        raise refuse("disclosures.plan_item_incomplete")
    with transaction.atomic():
        item = DisclosurePlanItem.objects.create(
            plan=plan,
            category=category,
            content=content.strip(),
            channels=chosen,
            planned_on=planned_on,
            owner=owner.strip(),
        )
        audit_record(
            code="disclosures.plan.item_added",
            actor=actor,
            unit=plan.unit_id,
            obj=plan,
            after={"item": item.pk, "category": category.code, "planned_on": planned_on, "channels": chosen},
            now=now,
        )
    return item


# --- Information requests (art. 14(2); TCTT art. 29) ------------------------------------------------


def _request_due(received_on: dt.date) -> dt.date:
    try:
        return rules.information_request_due(received_on, _calendar())
    except calendar_rules.CalendarRangeError as error:
        raise refuse("disclosures.decision_outside_calendar") from error


def information_request_receive(
    *,
    unit: AdministrativeUnit,
    requester_name: str,
    requester_contact: str,
    subject: str,
    received_on: dt.date | None = None,
    category: DisclosureCategory | None = None,
    actor: Any,
    now: dt.datetime | None = None,
) -> InformationRequest:
    moment = now or clock.now()
    today = _today(moment)
    day = received_on or today
    if not requester_name.strip() or not requester_contact.strip():
        raise refuse("disclosures.request_requester_required")
    if not subject.strip():
        raise refuse("disclosures.request_subject_required")
    if day > today:
        raise refuse("disclosures.request_received_in_future")
    with transaction.atomic():
        request = InformationRequest.objects.create(
            unit=unit,
            requester_name=requester_name.strip(),
            requester_contact=requester_contact.strip(),
            subject=subject.strip(),
            category=category,
            received_on=day,
            due_on=_request_due(day),
            created_by=actor if getattr(actor, "pk", None) else None,
        )
        audit_record(
            code="disclosures.information_request.received",
            actor=actor,
            unit=unit,
            obj=request,
            after={"received_on": day, "due_on": request.due_on},
            now=moment,
        )
    return request


def information_request_extend(
    *, request: InformationRequest, reason: str, actor: Any, now: dt.datetime | None = None
) -> InformationRequest:
    """Extend once by 10 working days, with a written reason, before the first deadline passes."""
    moment = now or clock.now()
    with transaction.atomic():
        locked = InformationRequest.objects.select_for_update().get(pk=request.pk)
        _enforce(
            rules.check_information_request_extension(
                status=locked.status,
                extensions_used=1 if locked.extended_due_on else 0,
                reason=reason,
                due_on=locked.due_on,
                today=_today(moment),
            )
        )
        locked.extended_due_on = rules.information_request_extended_due(locked.due_on, _calendar())
        locked.extension_reason = reason.strip()
        locked.status = InformationRequestStatus.EXTENDED
        locked.save()
        audit_record(
            code="disclosures.information_request.extended",
            actor=actor,
            unit=locked.unit_id,
            obj=locked,
            after={"extended_due_on": locked.extended_due_on, "reason": locked.extension_reason},
            now=moment,
        )
    return locked


def information_request_answer(
    *,
    request: InformationRequest,
    answer: str,
    answered_on: dt.date | None = None,
    attachment: tuple[str, bytes] | None = None,
    actor: Any,
    now: dt.datetime | None = None,
) -> InformationRequest:
    """Record the answer (text, optionally a PDF/DOCX/image file); whether it was on time is audited."""
    moment = now or clock.now()
    day = answered_on or _today(moment)
    if day > _today(moment):
        raise refuse("disclosures.request_answered_in_future")
    attachment_kind = ""
    if attachment is not None:
        result = rules.check_upload(name=attachment[0], content=attachment[1])
        _enforce(result)
        attachment_kind = str(result.params["kind"])
    with transaction.atomic():
        locked = InformationRequest.objects.select_for_update().get(pk=request.pk)
        _enforce(
            rules.check_information_request_answer(
                status=locked.status, answer=answer, answered_on=day, received_on=locked.received_on
            )
        )
        before = {"status": locked.status}
        locked.status = InformationRequestStatus.ANSWERED
        locked.answer = answer.strip()
        locked.answered_on = day
        if attachment is not None:
            locked.answer_attachment_name = attachment[0][:255]
            locked.answer_attachment.save(
                get_valid_filename(attachment[0]) or "tra-loi", ContentFile(attachment[1]), save=False
            )
        locked.save()
        audit_record(
            code="disclosures.information_request.answered",
            actor=actor,
            unit=locked.unit_id,
            obj=locked,
            before=before,
            after={
                "status": locked.status,
                "answered_on": day,
                "on_time": day <= locked.current_due_on,
                "attachment": attachment_kind,
            },
            now=moment,
        )
    return locked


# --- Recomputing stored deadlines after the holiday table changes ---------------------------------


def disclosure_due_dates_recompute(
    *, unit: AdministrativeUnit | None = None, actor: Any, now: dt.datetime | None = None
) -> int:
    """Recompute every stored deadline (disclosures' ``due_on``, open information requests' due dates)
    from the current working calendar, e.g. after a holiday override was added. Returns how many rows
    changed; each change is audited with the old and new date. ``unit`` limits it to one unit."""
    moment = now or clock.now()
    calendar = _calendar()
    changed = 0
    disclosures = Disclosure.objects.select_related("category").order_by("pk")
    requests = InformationRequest.objects.exclude(status=InformationRequestStatus.ANSWERED).order_by("pk")
    if unit is not None:
        disclosures = disclosures.filter(unit=unit)
        requests = requests.filter(unit=unit)
    with transaction.atomic():
        for disclosure in disclosures.select_for_update(of=("self",)):
            try:
                due_on = rules.category_deadline(disclosure.category.as_rule(), disclosure.decided_on, calendar)
            except calendar_rules.CalendarRangeError:
                continue  # outside the calendar's years: keep what was stored
            if due_on == disclosure.due_on:
                continue
            before = disclosure.due_on
            Disclosure.objects.filter(pk=disclosure.pk).update(due_on=due_on)
            changed += 1
            audit_record(
                code="disclosures.disclosure.due_recomputed",
                actor=actor,
                unit=disclosure.unit_id,
                obj=disclosure,
                before={"due_on": before},
                after={"due_on": due_on},
                now=moment,
            )
        for request in requests.select_for_update():
            try:
                due_on = rules.information_request_due(request.received_on, calendar)
                extended = rules.information_request_extended_due(due_on, calendar) if request.extended_due_on else None
            except calendar_rules.CalendarRangeError:
                continue
            if (due_on, extended) == (request.due_on, request.extended_due_on):
                continue
            before_dates = {"due_on": request.due_on, "extended_due_on": request.extended_due_on}
            InformationRequest.objects.filter(pk=request.pk).update(due_on=due_on, extended_due_on=extended)
            changed += 1
            audit_record(
                code="disclosures.information_request.due_recomputed",
                actor=actor,
                unit=request.unit_id,
                obj=request,
                before=before_dates,
                after={"due_on": due_on, "extended_due_on": extended},
                now=moment,
            )
    return changed


def recompute_after_calendar_change(actor: Any) -> None:
    """Listener of the calendar's override table: stored due dates follow the new holidays."""
    disclosure_due_dates_recompute(actor=actor)
