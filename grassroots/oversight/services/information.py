"""A board's requests for information and documents, and the answers recorded.

The commune board and the investment board may request information and documents from the commune People's
Committee and from the investor ([L] arts 38(4), 43(3)); those bodies must provide them ([L] arts 40(1)(b),
45(2)-(3)); an agency's or SOE's head likewise for its board ([L] arts 63(1), 81(1)). The law fixes no period:
the working-day period in force when the request is sent is stored with it
(``selectors.information_reply_working_days``).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from grassroots.core.services import audit_record
from grassroots.oversight import rules, selectors
from grassroots.oversight.models import (
    Board,
    InformationAddressee,
    InformationRequest,
    InformationRequestStatus,
)
from grassroots.oversight.services import (
    MESSAGES,
    _locked_board,
    _moment,
    _move,
    _raise,
    _require_dates,
    _require_open,
    _require_work,
    fail,
)

MESSAGES.update(
    {
        "oversight.information.subject_required": _("Hãy ghi nội dung yêu cầu và thông tin, tài liệu cần cung cấp."),
        "oversight.information.addressee_kind": _("Bên được yêu cầu không phù hợp với loại ban này."),
        "oversight.information.sent_in_future": _("Ngày gửi không được sau hôm nay."),
        "oversight.information.answered_in_future": _("Ngày nhận không được sau hôm nay."),
        "oversight.information.answered_before_sent": _("Ngày nhận không được trước ngày gửi yêu cầu."),
        "oversight.information.answer_required": _("Hãy ghi thông tin, tài liệu đã nhận."),
        "oversight.information.reason_required": _("Hãy ghi lý do rút yêu cầu."),
        "oversight.information_request.bad_transition": _("Yêu cầu không còn chờ cung cấp thông tin."),
        "oversight.information.already_extended": _("Thời hạn cung cấp thông tin chỉ được gia hạn một lần."),
        "oversight.information.extension_too_long": _("Chỉ được gia hạn từ 1 đến %(max)s ngày làm việc."),
        "oversight.information.extension_reason_required": _("Hãy ghi lý do gia hạn."),
        "oversight.information.extended_in_future": _("Ngày thông báo gia hạn không được sau hôm nay."),
        "oversight.information.extended_before_sent": _("Ngày thông báo gia hạn không được trước ngày gửi yêu cầu."),
        "oversight.information.extension_after_due": _(
            "Thời hạn đã hết ngày %(due)s: không thể gia hạn sau khi đã hết hạn."
        ),
    }
)

ALLOWED_ADDRESSEES = {
    "commune_inspection": {InformationAddressee.COMMUNE, InformationAddressee.OTHER},
    "investment_supervision": {InformationAddressee.COMMUNE, InformationAddressee.INVESTOR, InformationAddressee.OTHER},
    "agency_inspection": {InformationAddressee.ORGANISATION_HEAD, InformationAddressee.OTHER},
    "enterprise_inspection": {InformationAddressee.ORGANISATION_HEAD, InformationAddressee.OTHER},
}
"""Whom each kind of board asks: a commune's boards the commune (the investment board the investor too), an
organisation's board its head."""


def _snapshot(request: InformationRequest) -> dict[str, Any]:
    return {
        "status": request.status,
        "addressee": request.addressee,
        "addressee_name": request.addressee_name,
        "subject": request.subject,
        "sent_on": request.sent_on,
        "reply_working_days": request.reply_working_days,
        "answered_on": request.answered_on,
        "withdrawal_reason": request.withdrawal_reason,
        "extension_working_days": request.extension_working_days,
        "extension_reason": request.extension_reason,
        "extended_on": request.extended_on,
    }


def information_request_send(
    *,
    board: Board,
    addressee: str,
    addressee_name: str,
    subject: str,
    documents: str,
    actor: Any,
    sent_on: dt.date | None = None,
    now: dt.datetime | None = None,
) -> InformationRequest:
    """Record a request sent by the board; the period in force today is stored with it."""
    moment, today = _moment(now)
    _require_dates(sent_on)
    subject, documents = " ".join(subject.split()), documents.strip()
    addressee_name = " ".join(addressee_name.split())
    day = sent_on or today
    with transaction.atomic():
        board = _locked_board(board)
        _require_work(actor, board, today)
        _require_open(board)
        if addressee not in ALLOWED_ADDRESSEES.get(board.kind, set()):
            raise fail("oversight.information.addressee_kind")
        if not subject or not documents:
            raise fail("oversight.information.subject_required")
        if day > today:
            raise fail("oversight.information.sent_in_future")
        request = InformationRequest.objects.create(
            board=board,
            addressee=addressee,
            addressee_name=addressee_name or str(InformationAddressee(addressee).label),
            subject=subject,
            documents=documents,
            sent_on=day,
            reply_working_days=selectors.information_reply_working_days(),
            created_by=actor,
        )
        audit_record(
            code="oversight.information.sent",
            actor=actor,
            unit=board.unit,
            obj=request,
            after={**_snapshot(request), "due": selectors.information_due(request).isoformat()},
            now=moment,
        )
    return request


def _locked(request: InformationRequest) -> InformationRequest:
    return (
        InformationRequest.objects.select_for_update(of=("self",))
        .select_related("board", "board__unit", "board__organisation")
        .get(pk=request.pk)
    )


def information_request_answer(
    *,
    request: InformationRequest,
    answer: str,
    answered_on: dt.date,
    actor: Any,
    now: dt.datetime | None = None,
) -> InformationRequest:
    """Record the information and documents provided (by the body asked, or by the board for a paper answer)."""
    moment, today = _moment(now)
    _require_dates(answered_on)
    answer = answer.strip()
    with transaction.atomic():
        request = _locked(request)
        if not selectors.may_provide_information(actor, request, today):
            raise fail("oversight.not_authorised")
        _raise(rules.check_transition("information_request", request.status, InformationRequestStatus.ANSWERED))
        if not answer:
            raise fail("oversight.information.answer_required")
        _raise(rules.check_information_answer(sent_on=request.sent_on, answered_on=answered_on, today=today))
        request.answer = answer
        request.answered_on = answered_on
        request.answered_by = actor
        _move(
            request,
            "information_request",
            InformationRequestStatus.ANSWERED,
            code="oversight.information.answered",
            actor=actor,
            unit=request.board.unit,
            snapshot=_snapshot,
            now=moment,
        )
    return request


def information_request_withdraw(
    *, request: InformationRequest, reason: str, actor: Any, now: dt.datetime | None = None
) -> InformationRequest:
    """The board withdraws a request it no longer needs, with the reason."""
    moment, today = _moment(now)
    reason = " ".join(reason.split())
    with transaction.atomic():
        request = _locked(request)
        _require_work(actor, request.board, today)
        _raise(rules.check_transition("information_request", request.status, InformationRequestStatus.WITHDRAWN))
        if not reason:
            raise fail("oversight.information.reason_required")
        request.withdrawal_reason = reason[:300]
        _move(
            request,
            "information_request",
            InformationRequestStatus.WITHDRAWN,
            code="oversight.information.withdrawn",
            actor=actor,
            unit=request.board.unit,
            snapshot=_snapshot,
            now=moment,
        )
    return request


def information_request_extend(
    *,
    request: InformationRequest,
    working_days: int,
    reason: str,
    extended_on: dt.date,
    actor: Any,
    now: dt.datetime | None = None,
) -> InformationRequest:
    """The body asked extends the period once, by up to ``OVERSIGHT_INFORMATION_EXTENSION_WORKING_DAYS`` working
    days, with the reason of its written notice (``rules.check_information_extension``: by analogy with the Access to
    Information Law art. 29(2), law.md §1(a), §6 row 8). Recorded by that body, or by the board from the paper
    notice of a party without an account; the new due day goes into the audit trail. Nothing else moves the due
    day: the period stored at sending and this one extension are the only inputs of ``selectors.information_due``.
    """
    moment, today = _moment(now)
    _require_dates(extended_on)
    reason = " ".join(reason.split())
    with transaction.atomic():
        request = _locked(request)
        if not selectors.may_provide_information(actor, request, today):
            raise fail("oversight.not_authorised")
        before = {**_snapshot(request), "due": selectors.information_due(request).isoformat()}
        _raise(
            rules.check_information_extension(
                status=request.status,
                already_extended=request.extension_working_days > 0,
                working_days=working_days,
                max_working_days=selectors.information_extension_max_working_days(),
                reason=reason,
                sent_on=request.sent_on,
                extended_on=extended_on,
                due=selectors.information_due(request),
                today=today,
            )
        )
        request.extension_working_days = working_days
        request.extension_reason = reason[:300]
        request.extended_on = extended_on
        request.extended_by = actor
        request.save(
            update_fields=[
                "extension_working_days",
                "extension_reason",
                "extended_on",
                "extended_by",
                "updated_at",
            ]
        )
        audit_record(
            code="oversight.information.extended",
            actor=actor,
            unit=request.board.unit,
            obj=request,
            before=before,
            after={**_snapshot(request), "due": selectors.information_due(request).isoformat()},
            now=moment,
        )
    return request
