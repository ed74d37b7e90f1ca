"""Every write of the funds app: keyword-only, inside ``transaction.atomic``, locked, checked, audited.

A fund is created from a recognised D1/D2 community decision (or a numbered commune decision) with its
per-household obligations computed from the register on the decision date. Receipts, donations and approved
expenses are appended to the ledger; a correction is a reversing entry with a reason. Statements are published
as disclosure item K5 through the disclosures service. Refusals raise ``DomainError`` with a Vietnamese message.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections import Counter
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max
from django.utils.text import get_valid_filename
from django.utils.translation import gettext_lazy as _

from grassroots.accounts import selectors as account_selectors
from grassroots.accounts.rules import Action
from grassroots.core import clock
from grassroots.core.errors import DomainError, RuleResult
from grassroots.core.services import audit_record, state_change
from grassroots.disclosures import services as disclosure_services
from grassroots.disclosures.models import DisclosureCategory
from grassroots.disclosures.rules import uploads
from grassroots.documents import services as document_services
from grassroots.funds import rules, sealing, selectors
from grassroots.funds.models import (
    CommuneFundSetting,
    DonorKind,
    Entry,
    EntryKind,
    Expense,
    ExpenseStatus,
    Finding,
    Fund,
    FundStatus,
    InKindDue,
    InKindRate,
    Medium,
    Obligation,
    Paper,
    PaperKind,
    RateBasis,
    Reduction,
    Statement,
    Treasurer,
)
from grassroots.units import selectors as unit_selectors
from grassroots.units.models import AdministrativeUnit, Household, UnitLevel
from grassroots.voting.models import CommunityVote

MESSAGES: Mapping[str, Any] = {
    "funds.not_authorised": _("Bạn không có quyền thực hiện việc này đối với khoản đóng góp, quỹ này."),
    "funds.transition_not_allowed": _("Không thể chuyển trạng thái này."),
    "funds.vote_wrong_matter": _(
        "Chỉ kết quả biểu quyết về mức đóng góp (D1) hoặc thu, chi quỹ (D2) mới lập được quỹ."
    ),
    "funds.vote_not_recognised": _("Kết quả biểu quyết chưa được thông qua và công nhận."),
    "funds.vote_other_unit": _("Kết quả biểu quyết này không thuộc thôn, xã đã chọn."),
    "funds.decision_required": _("Cần kết quả biểu quyết D1/D2 đã công nhận, hoặc số và ngày quyết định của xã."),
    "funds.commune_decision_needs_commune": _("Quyết định của xã chỉ lập quỹ cho công trình toàn xã."),
    "funds.limit_needs_new_decision": _(
        "Nâng mức chi cần một quyết định mới của cộng đồng: không dùng lại kết quả biểu quyết đã lập quỹ, "
        "cũng không dùng kết quả có hiệu lực trước đó; quyết định của xã phải có số mới, khác số quyết định lập quỹ "
        "và các lần nâng trước, ngày có hiệu lực sau ngày quyết định lập quỹ."
    ),
    "funds.decision_in_future": _("Ngày quyết định không được sau hôm nay."),
    "funds.basis_unknown": _("Cách tính mức đóng góp không hợp lệ."),
    "funds.negative_amount": _("Số tiền, số ngày công không được âm."),
    "funds.period_reversed": _("Ngày kết thúc thu phải sau ngày bắt đầu."),
    "funds.period_before_decision": _("Không thể bắt đầu thu trước ngày quyết định có hiệu lực."),
    "funds.reduction_percent_range": _("Mức giảm phải từ 1% đến 100%."),
    "funds.rows_invalid": _("Danh sách hộ có dòng không hợp lệ; chưa lưu gì. Sửa các dòng dưới đây rồi gửi lại."),
    "funds.fund_closed": _("Quỹ đã đóng: không ghi thêm được."),
    "funds.amount_not_whole": _("Số tiền phải là số đồng nguyên."),
    "funds.amount_not_positive": _("Số tiền, số ngày công phải lớn hơn 0."),
    "funds.amount_too_large": _("Số tiền quá lớn, hãy kiểm tra lại."),
    "funds.household_not_in_fund": _("Hộ này không có trong danh sách đóng góp của quỹ (hộ của thôn khác?)."),
    "funds.date_in_future": _("Ngày thu không được sau hôm nay."),
    "funds.date_before_collection": _("Ngày thu không được trước ngày bắt đầu thu."),
    "funds.date_backdated": _("Chỉ được ghi lùi ngày tối đa %(days)s ngày; quá hạn thì ghi ngày hôm nay."),
    "funds.date_in_published_period": _("Kỳ này đã công khai báo cáo; không ghi lùi vào kỳ đã công khai."),
    "funds.reason_required": _("Cần ghi rõ lý do điều chỉnh."),
    "funds.reversal_of_reversal": _("Không điều chỉnh một bút toán điều chỉnh; hãy ghi lại bút toán đúng."),
    "funds.already_reversed": _("Bút toán này đã được điều chỉnh."),
    "funds.reversal_over_balance": _(
        "Không điều chỉnh được phiếu này: quỹ chỉ còn %(balance)s đồng tiền mặt, ít hơn %(amount)s đồng của phiếu "
        "(tiền đã được chi). Điều chỉnh sẽ làm số dư âm; hãy điều chỉnh khoản chi liên quan hoặc ghi bổ sung "
        "khoản thu đúng trước."
    ),
    "funds.donor_name_required": _("Cần ghi tên người, tổ chức ủng hộ."),
    "funds.labour_not_for_donation": _("Ủng hộ, tài trợ ghi bằng tiền hoặc hiện vật quy ra tiền."),
    "funds.over_decision_limit": _(
        "Vượt mức chi quyết định cho phép (%(limit)s đồng, đã chi %(spent)s đồng): cần một quyết định mới của "
        "cộng đồng trước khi chi."
    ),
    "funds.over_balance": _("Số dư quỹ (%(balance)s đồng) không đủ cho khoản chi này."),
    "funds.evidence_required": _("Cần tải lên hóa đơn, chứng từ (ảnh JPG, PNG hoặc PDF)."),
    "disclosures.upload_empty": _("Tệp tải lên bị rỗng."),
    "disclosures.upload_too_large": _("Tệp quá lớn."),
    "disclosures.upload_type_not_allowed": _("Chỉ nhận ảnh JPG, PNG hoặc tệp PDF."),
    "disclosures.upload_content_mismatch": _("Nội dung tệp không đúng với loại tệp."),
    "funds.approver_is_proposer": _("Người duyệt chi phải khác người đề nghị chi."),
    "funds.limit_not_higher": _("Mức chi mới phải cao hơn mức hiện tại."),
    "funds.statement_exists": _("Kỳ này đã có báo cáo công khai."),
    "funds.statement_period_future": _("Không lập báo cáo cho kỳ chưa kết thúc."),
    "funds.statement_before_decision": _("Kỳ báo cáo phải kết thúc từ ngày quyết định có hiệu lực trở đi."),
    "funds.finding_text_required": _("Cần ghi nội dung phát hiện, kiến nghị."),
    "funds.finding_entry_unknown": _("Sổ của quỹ không có phiếu số %(number)s; kiểm tra lại số phiếu."),
    "funds.expenses_pending": _("Còn khoản chi chờ duyệt: duyệt hoặc từ chối trước khi đóng quỹ."),
    "funds.leftover_required": _("Quỹ còn số dư: cần ghi cách xử lý số dư theo quyết định."),
    "funds.treasurer_outside_unit": _("Người được giao làm thủ quỹ phải là người của thôn, xã có quỹ này."),
    "funds.treasurer_basis_required": _("Cần ghi căn cứ giao nhiệm vụ thủ quỹ (biên bản họp, quyết định)."),
    "funds.treasurer_none": _("Quỹ chưa có thủ quỹ đang làm nhiệm vụ."),
    "funds.treasurer_is_approver": _(
        "Người duyệt chi của quỹ không kiêm thủ quỹ: người giữ tiền không tự duyệt khoản chi."
    ),
    "funds.paper_household_not_in_fund": _("Hộ này không có trong danh sách đóng góp của quỹ."),
    "funds.in_kind_medium": _("Đóng góp bằng hiện vật hoặc ngày công."),
    "funds.in_kind_item_required": _("Cần ghi tên hiện vật, công việc và đơn vị tính."),
    "funds.in_kind_area_basis": _("Chỉ tính hiện vật, ngày công theo m² khi khoản đóng góp tính theo m²."),
    "funds.in_kind_quantity_range": _("Số lượng phải lớn hơn 0, tối đa hai chữ số thập phân."),
    "funds.labour_whole_days": _("Ngày công tính theo ngày nguyên."),
    "funds.in_kind_repeated": _("Một hiện vật, công việc chỉ ghi một lần."),
    "funds.in_kind_other_fund": _("Mức hiện vật, ngày công này không thuộc quỹ."),
    "funds.in_kind_rate_required": _("Chọn hiện vật, ngày công mà hộ góp (theo mức quyết định)."),
    "funds.in_kind_medium_mismatch": _("Hình thức nộp không khớp với mức hiện vật, ngày công đã chọn."),
    "funds.in_kind_no_money_value": _(
        "Các hộ chưa thống nhất giá trị quy ra tiền của mức này: không nộp tiền thay được."
    ),
    "funds.in_kind_quantity_required": _("Cần ghi số lượng đã góp."),
    "funds.amount_required": _("Cần ghi số tiền."),
    "funds.setting_not_commune": _("Thiết lập này là của xã."),
    "funds.setting_unchanged": _("Thiết lập không thay đổi."),
    "funds.setting_basis_required": _("Cần ghi căn cứ (quyết định, biên bản) của việc thay đổi."),
}


def _fail(code: str, **params: Any) -> DomainError:
    text = str(MESSAGES.get(code, code))
    shown = {key: f"{value:,}".replace(",", ".") if isinstance(value, int) else value for key, value in params.items()}
    with contextlib.suppress(KeyError, TypeError, ValueError):
        text = text % shown
    return DomainError(code, text, **params)


def _enforce(result: RuleResult) -> None:
    if not result:
        raise _fail(result.code, **result.params)


def _require(actor: Any, action: Action, unit: AdministrativeUnit | int, on: dt.date) -> None:
    if not account_selectors.user_can(actor, action, unit, on):
        raise _fail("funds.not_authorised")


def _require_recorder(actor: Any, fund: Fund, on: dt.date) -> None:
    """Recording is for those the matrix allows in the fund's unit, or for this fund's treasurer in office."""
    if not selectors.may_record(actor, fund, on):
        raise _fail("funds.not_authorised")


def _fund_snapshot(fund: Fund) -> dict[str, Any]:
    return {
        "status": fund.status,
        "title": fund.title,
        "spending_limit": fund.spending_limit,
        "closed_on": fund.closed_on.isoformat() if fund.closed_on else None,
    }


def _entry_snapshot(entry: Entry) -> dict[str, Any]:
    return {
        "number": entry.number,
        "kind": entry.kind,
        "medium": entry.medium,
        "amount": entry.amount,
        "household": entry.household_id,
        "in_kind_rate": entry.in_kind_rate_id,
        "quantity": str(entry.quantity) if entry.quantity is not None else None,
        "received_on": entry.received_on.isoformat(),
        "reverses": entry.reverses_id,
        "reason": entry.reason,
        # A donor's name goes into the public history only with their consent.
        "donor_name": entry.donor_name,
    }


def _lock(fund: Fund | int) -> Fund:
    return Fund.objects.select_for_update().select_related("unit", "commune").get(pk=getattr(fund, "pk", fund))


def _commune_of(unit: AdministrativeUnit) -> AdministrativeUnit:
    if unit.level == UnitLevel.COMMUNE:
        return unit
    if unit.level == UnitLevel.COMMUNITY and unit.parent is not None:
        return unit.parent
    raise _fail("funds.decision_required")


def donor_key() -> bytes:
    return sealing.derive_key(getattr(settings, "GRASSROOTS_FUNDS_DONOR_KEY", "") or settings.SECRET_KEY)


def backdate_days() -> int:
    return int(getattr(settings, "GRASSROOTS_FUNDS_BACKDATE_DAYS", rules.RECEIPT_BACKDATE_DAYS_DEFAULT))


# ---------------------------------------------------------------------------------------------
# Creating a fund from the decision
# ---------------------------------------------------------------------------------------------


def _vote_decided_on(vote: CommunityVote) -> dt.date:
    if vote.effective_date is not None:
        return vote.effective_date
    return clock.localdate(vote.recognised_at or vote.closed_at or vote.starts_at)


def fund_create(
    *,
    unit: AdministrativeUnit,
    kind: str,
    title: str,
    purpose: str,
    basis: str,
    rate_money: int,
    in_kind_rates: Sequence[rules.InKindTerms] = (),
    spending_limit: int,
    collection_starts: dt.date,
    collection_ends: dt.date,
    treasurer_name: str,
    village_head_name: str,
    vote: CommunityVote | None = None,
    decision_number: str = "",
    decided_on: dt.date | None = None,
    reductions: Mapping[str, int] | None = None,
    household_reductions: Mapping[str, str] | None = None,
    areas: Mapping[str, int] | None = None,
    actor: Any,
    now: dt.datetime | None = None,
) -> Fund:
    """A fund and its obligations: the register of ``unit`` on the decision date, the rates, the reductions.

    ``in_kind_rates``: the materials and labour the decision asks (structured: item, unit, basis, quantity, value
    in đồng if decided); each household's share of each is computed with its money due and its reduction.

    ``household_reductions`` maps a household code to a reduction category of the decision; ``areas`` maps a
    household code to its area in m² (a per-area rate). All or nothing: every bad row is listed in
    ``DomainError.params["rows"]`` and nothing is written.
    """
    moment = now or clock.now()
    today = clock.localdate(moment)
    reductions = dict(reductions or {})
    household_reductions = dict(household_reductions or {})
    areas = dict(areas or {})
    _require(actor, Action.MANAGE_FUNDS, unit, today)
    if vote is not None:
        _enforce(rules.check_vote_starts_fund(matter=vote.matter, status=vote.status, passed=vote.passed))
        if vote.unit_id != unit.pk:
            raise _fail("funds.vote_other_unit")
        decided = _vote_decided_on(vote)
        decision_number = ""
    else:
        if not decision_number.strip() or decided_on is None:
            raise _fail("funds.decision_required")
        if unit.level != UnitLevel.COMMUNE:
            raise _fail("funds.commune_decision_needs_commune")
        decided = decided_on
    _enforce(
        rules.check_fund_terms(
            basis=basis,
            rate_money=rate_money,
            spending_limit=spending_limit,
            collection_starts=collection_starts,
            collection_ends=collection_ends,
            decided_on=decided,
            reductions=reductions,
        )
    )
    in_kind = list(in_kind_rates)
    for terms in in_kind:
        _enforce(rules.check_in_kind_rate(terms, fund_basis=basis))
    if len({(terms.medium, terms.item.strip()) for terms in in_kind}) != len(in_kind):
        raise _fail("funds.in_kind_repeated")
    households = list(Household.objects.of_unit_on(unit, decided).order_by("code"))
    by_code = {household.code: household for household in households}
    repeated = {code for code, count in Counter(household.code for household in households).items() if count > 1}
    rows: list[str] = [
        str(_("Mã hộ %(code)s có ở nhiều thôn: không dùng được để miễn, giảm hay ghi diện tích.")) % {"code": code}
        for code in sorted(repeated & (set(household_reductions) | set(areas)))
    ]
    for code, category in household_reductions.items():
        if code not in by_code:
            rows.append(
                str(_("Hộ %(code)s: không có trong danh sách hộ ngày %(day)s."))
                % {"code": code, "day": decided.strftime("%d/%m/%Y")}
            )
        elif category not in reductions:
            rows.append(str(_("Hộ %(code)s: quyết định không có mức miễn, giảm cho đối tượng này.")) % {"code": code})
    for code, area in areas.items():
        if code not in by_code:
            rows.append(
                str(_("Hộ %(code)s: không có trong danh sách hộ ngày %(day)s."))
                % {"code": code, "day": decided.strftime("%d/%m/%Y")}
            )
        elif not 0 <= area <= rules.MAX_AREA:
            rows.append(str(_("Hộ %(code)s: diện tích không hợp lệ.")) % {"code": code})
    persons: dict[int, int] = {}
    if RateBasis.PER_PERSON in {basis, *(terms.basis for terms in in_kind)}:
        # The household book on the decision date, not today's: who joined later is not counted, who left
        # later is (``units.selectors.member_counts_on``).
        persons = unit_selectors.member_counts_on(households, decided)
    if basis == RateBasis.PER_AREA:
        rows.extend(
            str(_("Hộ %(code)s: chưa có diện tích để tính mức đóng góp theo m².")) % {"code": household.code}
            for household in households
            if household.code not in areas
        )
    if rows:
        raise _fail("funds.rows_invalid", rows=rows)
    with transaction.atomic():
        fund = Fund.objects.create(
            unit=unit,
            commune=_commune_of(unit),
            vote=vote,
            decision_number=decision_number.strip(),
            decided_on=decided,
            kind=kind,
            title=title.strip(),
            purpose=purpose.strip(),
            basis=basis,
            rate_money=rate_money,
            spending_limit=spending_limit,
            collection_starts=collection_starts,
            collection_ends=collection_ends,
            treasurer_name=treasurer_name.strip(),
            village_head_name=village_head_name.strip(),
            created_by=actor,
        )
        Reduction.objects.bulk_create(
            Reduction(fund=fund, category=category, percent=percent) for category, percent in reductions.items()
        )
        rates = [
            InKindRate.objects.create(
                fund=fund,
                medium=terms.medium,
                item=terms.item.strip(),
                unit=terms.unit.strip(),
                basis=terms.basis,
                quantity=terms.quantity,
                value_per_unit=terms.value_per_unit,
            )
            for terms in in_kind
        ]
        obligations = []
        shares: list[list[tuple[InKindRate, Decimal]]] = []
        for household in households:
            counted = {
                rate_basis: rules.basis_quantity(
                    basis=rate_basis, persons=persons.get(household.pk, 0), area=areas.get(household.code)
                )
                or 0
                for rate_basis in {basis, *(rate.basis for rate in rates)}
            }
            category = household_reductions.get(household.code, "")
            percent = reductions.get(category, 0) if category else 0
            due = rules.obligation_due(
                rate_money=rate_money, rate_labour_days=0, quantity=counted[basis], reduction_percent=percent
            )
            share = [
                (
                    rate,
                    rules.in_kind_due(
                        quantity=rate.quantity or Decimal(0),
                        basis_quantity=counted[rate.basis],
                        reduction_percent=percent,
                        whole=rate.medium == Medium.LABOUR,
                    ),
                )
                for rate in rates
            ]
            shares.append(share)
            obligations.append(
                Obligation(
                    fund=fund,
                    household=household,
                    quantity=counted[basis],
                    reduction_category=category,
                    reduction_percent=percent,
                    money_due=due.money,
                    # The whole days of every labour rate: what the ledger's labour receipts are counted against.
                    labour_days_due=int(sum(q for rate, q in share if rate.medium == Medium.LABOUR)),
                )
            )
        Obligation.objects.bulk_create(obligations, batch_size=1000)
        if rates:
            # bulk_create sets primary keys on PostgreSQL and SQLite ≥ 3.35 (RETURNING).
            InKindDue.objects.bulk_create(
                (
                    InKindDue(
                        obligation=obligation,
                        rate=rate,
                        quantity_due=quantity,
                        value_due=rules.in_kind_value(quantity, rate.value_per_unit),
                    )
                    for obligation, share in zip(obligations, shares, strict=True)
                    for rate, quantity in share
                ),
                batch_size=1000,
            )
        fingerprint = rules.obligations_fingerprint(
            rules.StoredObligation(
                household_id=obligation.household_id,
                quantity=obligation.quantity,
                reduction_category=obligation.reduction_category,
                reduction_percent=obligation.reduction_percent,
                money_due=obligation.money_due,
                labour_days_due=obligation.labour_days_due,
                dues=tuple(
                    rules.StoredDue(
                        rate_id=rate.pk,
                        medium=rate.medium,
                        basis=rate.basis,
                        rate_quantity=rate.quantity,
                        value_per_unit=rate.value_per_unit,
                        quantity_due=quantity,
                        value_due=rules.in_kind_value(quantity, rate.value_per_unit),
                    )
                    for rate, quantity in share
                ),
            )
            for obligation, share in zip(obligations, shares, strict=True)
        )
        audit_record(
            code="funds.fund.created",
            actor=actor,
            unit=unit,
            obj=fund,
            after={
                **_fund_snapshot(fund),
                "households": len(obligations),
                # What ``funds_verify`` checks the stored obligations against (the event is hash-chained).
                "basis": basis,
                "rate_money": rate_money,
                "reductions": dict(sorted(reductions.items())),
                "money_due_total": sum(obligation.money_due for obligation in obligations),
                "obligations_fingerprint": fingerprint,
                "vote": vote.pk if vote else None,
                "in_kind_rates": [
                    {
                        "medium": rate.medium,
                        "item": rate.item,
                        "unit": rate.unit,
                        "basis": rate.basis,
                        "quantity": str(rate.quantity),
                        "value_per_unit": rate.value_per_unit,
                    }
                    for rate in rates
                ],
            },
            now=moment,
        )
    return fund


def fund_limit_raise(
    *,
    fund: Fund,
    new_limit: int,
    vote: CommunityVote | None = None,
    decision_number: str = "",
    decided_on: dt.date | None = None,
    actor: Any,
    now: dt.datetime | None = None,
) -> Fund:
    """A new decision raises the spending ceiling: a recognised D1/D2 vote of the same unit, or a commune decision.

    A commune decision must be a new one ([L] art. 15(2), ``rules.check_new_commune_decision``): not the fund's own
    number nor one an earlier raise used, dated after the fund's decision and not in the future.
    """
    moment = now or clock.now()
    today = clock.localdate(moment)
    with transaction.atomic():
        locked = _lock(fund)
        _require(actor, Action.MANAGE_FUNDS, locked.unit, today)
        _enforce(rules.check_fund_open(locked.status))
        if vote is not None:
            _enforce(rules.check_vote_starts_fund(matter=vote.matter, status=vote.status, passed=vote.passed))
            if vote.unit_id != locked.unit_id:
                raise _fail("funds.vote_other_unit")
            # A new decision: neither the fund's own nor one that took effect before it (it decided less).
            if vote.pk == locked.vote_id or _vote_decided_on(vote) < locked.decided_on:
                raise _fail("funds.limit_needs_new_decision")
        elif not decision_number.strip():
            raise _fail("funds.decision_required")
        elif locked.unit.level != UnitLevel.COMMUNE:
            # As when a fund is created: a commune decision decides only commune-wide works.
            raise _fail("funds.commune_decision_needs_commune")
        else:
            _enforce(
                rules.check_new_commune_decision(
                    decision_number=decision_number,
                    decided_on=decided_on,
                    fund_decision_number=locked.decision_number,
                    fund_decided_on=locked.decided_on,
                    earlier_numbers=selectors.limit_raise_decision_numbers(locked),
                    today=today,
                )
            )
        if new_limit <= locked.spending_limit:
            raise _fail("funds.limit_not_higher")
        before = _fund_snapshot(locked)
        locked.spending_limit = new_limit
        locked.save(update_fields=["spending_limit", "updated_at"])
        audit_record(
            code="funds.fund.limit_raised",
            actor=actor,
            unit=locked.unit,
            obj=locked,
            before=before,
            after={
                **_fund_snapshot(locked),
                "vote": vote.pk if vote else None,
                "decision_number": "" if vote else decision_number.strip(),
                "decision_decided_on": None if vote or decided_on is None else decided_on.isoformat(),
            },
            now=moment,
        )
    return locked


# ---------------------------------------------------------------------------------------------
# The ledger
# ---------------------------------------------------------------------------------------------


def _append(locked: Fund, **fields: Any) -> Entry:
    """Append one entry numbered under the fund's lock (numbers have no gaps and never repeat)."""
    last = Entry.objects.filter(fund=locked).aggregate(last=Max("number"))["last"] or 0
    entry = Entry(fund=locked, number=last + 1, **fields)
    entry.save(force_insert=True)
    return entry


def _check_date(locked: Fund, received_on: dt.date, today: dt.date) -> None:
    _enforce(
        rules.check_receipt_date(
            received_on=received_on,
            today=today,
            collection_starts=locked.collection_starts,
            last_statement_end=selectors.last_statement_end(locked),
            backdate_days=backdate_days(),
        )
    )


def _check_expense_date(locked: Fund, spent_on: dt.date) -> None:
    """An expense enters the ledger on the day it was spent: never inside a period a published statement covers
    (the statement would no longer match the ledger, and ``funds_verify`` would name it)."""
    last_end = selectors.last_statement_end(locked)
    if last_end is not None and spent_on <= last_end:
        raise _fail("funds.date_in_published_period")


def receipt_record(
    *,
    fund: Fund,
    household: Household,
    amount: int | None,
    received_on: dt.date,
    medium: str = Medium.MONEY,
    in_kind_rate: InKindRate | None = None,
    quantity: Decimal | None = None,
    description: str = "",
    actor: Any,
    now: dt.datetime | None = None,
) -> Entry:
    """A household's payment, full or partial: money, or towards a decided rate in kind (``in_kind_rate``):
    materials delivered (``quantity``, valued at the decided value), labour days worked, or money in lieu at the
    decided value. Without a rate, materials valued in đồng and labour days as before rates were structured."""
    moment = now or clock.now()
    today = clock.localdate(moment)
    if amount is not None:
        _enforce(rules.check_amount(amount))
    with transaction.atomic():
        locked = _lock(fund)
        _require_recorder(actor, locked, today)
        _enforce(rules.check_fund_open(locked.status))
        if not Obligation.objects.filter(fund=locked, household=household).exists():
            raise _fail("funds.household_not_in_fund")
        if in_kind_rate is not None and in_kind_rate.fund_id != locked.pk:
            raise _fail("funds.in_kind_other_fund")
        resolved = rules.in_kind_receipt(
            medium=medium,
            amount=amount,
            quantity=quantity,
            rate_medium=in_kind_rate.medium if in_kind_rate is not None else None,
            value_per_unit=in_kind_rate.value_per_unit if in_kind_rate is not None else None,
            fund_has_rate_of_medium=InKindRate.objects.filter(fund=locked, medium=medium).exists(),
        )
        _enforce(resolved.result)
        _check_date(locked, received_on, today)
        entry = _append(
            locked,
            kind=EntryKind.RECEIPT,
            medium=medium,
            amount=resolved.amount,
            in_kind_rate=in_kind_rate,
            quantity=resolved.quantity,
            household=household,
            description=description.strip(),
            received_on=received_on,
            recorded_at=moment,
            recorded_by=actor,
        )
        audit_record(
            code="funds.entry.receipt",
            actor=actor,
            unit=locked.unit,
            obj=entry,
            after=_entry_snapshot(entry),
            now=moment,
        )
    return entry


def donation_record(
    *,
    fund: Fund,
    amount: int,
    donor_name: str,
    donor_kind: str = DonorKind.PERSON,
    donor_consents_to_name: bool,
    received_on: dt.date,
    medium: str = Medium.MONEY,
    description: str = "",
    actor: Any,
    now: dt.datetime | None = None,
) -> Entry:
    """A donation or sponsorship from outside the community; the name is public only with the donor's consent.

    Without consent the name is sealed (``sealing``): the treasurer and the inspection board read it in the app,
    nobody reads it from the database.
    """
    moment = now or clock.now()
    today = clock.localdate(moment)
    _enforce(rules.check_amount(amount))
    if not donor_name.strip():
        raise _fail("funds.donor_name_required")
    if medium == Medium.LABOUR:
        raise _fail("funds.labour_not_for_donation")
    with transaction.atomic():
        locked = _lock(fund)
        _require_recorder(actor, locked, today)
        _enforce(rules.check_fund_open(locked.status))
        _check_date(locked, received_on, today)
        name = donor_name.strip()
        entry = _append(
            locked,
            kind=EntryKind.DONATION,
            medium=medium,
            amount=amount,
            donor_kind=donor_kind,
            donor_name=name if donor_consents_to_name else "",
            donor_name_sealed=None if donor_consents_to_name else sealing.seal(donor_key(), name),
            description=description.strip(),
            received_on=received_on,
            recorded_at=moment,
            recorded_by=actor,
        )
        audit_record(
            code="funds.entry.donation",
            actor=actor,
            unit=locked.unit,
            obj=entry,
            after=_entry_snapshot(entry),
            now=moment,
        )
    return entry


def entry_reverse(*, entry: Entry, reason: str, actor: Any, now: dt.datetime | None = None) -> Entry:
    """Correct a mistake: a new entry cancelling ``entry`` (same kind, medium, household, amount), with a reason."""
    moment = now or clock.now()
    today = clock.localdate(moment)
    with transaction.atomic():
        locked = _lock(entry.fund_id)
        _require_recorder(actor, locked, today)
        _enforce(rules.check_fund_open(locked.status))
        original = Entry.objects.get(pk=entry.pk, fund=locked)
        _enforce(
            rules.check_reversal(
                is_reversal=original.is_reversal,
                already_reversed=Entry.objects.filter(reverses=original).exists(),
                reason=reason,
            )
        )
        if original.kind == EntryKind.EXPENSE:
            # Reversing an expense gives the money back to the balance: the approver decides it, not the recorder.
            _require(actor, Action.APPROVE_FUND_EXPENSES, locked.unit, today)
        # Read under the fund's lock: an expense approved meanwhile is counted.
        _enforce(
            rules.check_reversal_balance(
                kind=original.kind,
                medium=original.medium,
                amount=original.amount,
                money_balance=selectors.fund_totals(locked).balance,
            )
        )
        reversal = _append(
            locked,
            kind=original.kind,
            medium=original.medium,
            amount=original.amount,
            household=original.household,
            in_kind_rate_id=original.in_kind_rate_id,
            quantity=original.quantity,
            donor_kind=original.donor_kind,
            description=str(_("Điều chỉnh phiếu số %(number)s")) % {"number": original.number},
            received_on=today,
            recorded_at=moment,
            recorded_by=actor,
            reverses=original,
            reason=reason.strip(),
        )
        audit_record(
            code="funds.entry.reversed",
            actor=actor,
            unit=locked.unit,
            obj=reversal,
            before=_entry_snapshot(original),
            after=_entry_snapshot(reversal),
            now=moment,
        )
    return reversal


# ---------------------------------------------------------------------------------------------
# Expenses
# ---------------------------------------------------------------------------------------------


def _check_spending(locked: Fund, amount: int) -> None:
    totals = selectors.fund_totals(locked)
    _enforce(
        rules.check_expense(
            amount=amount, spent=totals.spent_money, spending_limit=locked.spending_limit, money_balance=totals.balance
        )
    )


def expense_propose(
    *,
    fund: Fund,
    work_item: str,
    amount: int,
    spent_on: dt.date,
    evidence_name: str,
    evidence_content: bytes,
    actor: Any,
    now: dt.datetime | None = None,
) -> Expense:
    """A proposed spending with its invoice or receipt photo (JPG, PNG or PDF, checked by content and size)."""
    moment = now or clock.now()
    today = clock.localdate(moment)
    if not evidence_content:
        raise _fail("funds.evidence_required")
    upload = uploads.check_upload(name=evidence_name, content=evidence_content, allowed_kinds=uploads.EVIDENCE_KINDS)
    _enforce(upload)
    with transaction.atomic():
        locked = _lock(fund)
        _require_recorder(actor, locked, today)
        _enforce(rules.check_fund_open(locked.status))
        _check_spending(locked, amount)
        if spent_on > today:
            raise _fail("funds.date_in_future")
        _check_expense_date(locked, spent_on)
        expense = Expense(
            fund=locked,
            work_item=work_item.strip(),
            amount=amount,
            spent_on=spent_on,
            evidence_name=evidence_name[:255],
            evidence_kind=str(upload.params["kind"]),
            proposed_by=actor,
            proposed_at=moment,
        )
        expense.evidence.save(
            get_valid_filename(evidence_name) or "chung-tu", ContentFile(evidence_content), save=False
        )
        expense.save()
        audit_record(
            code="funds.expense.proposed",
            actor=actor,
            unit=locked.unit,
            obj=expense,
            after={"work_item": expense.work_item, "amount": amount, "status": expense.status},
            now=moment,
        )
    return expense


def _expense_snapshot(expense: Expense) -> dict[str, Any]:
    return {"status": expense.status, "amount": expense.amount, "work_item": expense.work_item}


def expense_approve(*, expense: Expense, actor: Any, now: dt.datetime | None = None) -> Entry:
    """The approver (village head, commune chair) approves; the limit is checked again under the lock."""
    moment = now or clock.now()
    today = clock.localdate(moment)
    with transaction.atomic():
        locked = _lock(expense.fund_id)
        _require(actor, Action.APPROVE_FUND_EXPENSES, locked.unit, today)
        _enforce(rules.check_fund_open(locked.status))
        current = Expense.objects.select_for_update().get(pk=expense.pk, fund=locked)
        if current.proposed_by_id == getattr(actor, "pk", None):
            raise _fail("funds.approver_is_proposer")
        _enforce(rules.check_expense_transition(current.status, ExpenseStatus.APPROVED))
        _check_spending(locked, current.amount)
        # A statement published since the proposal closes its period: the expense cannot go into it (reject it).
        _check_expense_date(locked, current.spent_on)
        current.decided_by = actor
        current.decided_at = moment
        state_change(
            current,
            code="funds.expense.approved",
            actor=actor,
            unit=locked.unit,
            snapshot=_expense_snapshot,
            now=moment,
            target=ExpenseStatus.APPROVED,
            check=rules.check_expense_transition,
            refused=lambda result: _fail(result.code),
        )
        entry = _append(
            locked,
            kind=EntryKind.EXPENSE,
            medium=Medium.MONEY,
            amount=current.amount,
            expense=current,
            description=current.work_item,
            received_on=current.spent_on,
            recorded_at=moment,
            recorded_by=actor,
        )
        audit_record(
            code="funds.entry.expense",
            actor=actor,
            unit=locked.unit,
            obj=entry,
            after=_entry_snapshot(entry),
            now=moment,
        )
    return entry


def expense_reject(*, expense: Expense, reason: str, actor: Any, now: dt.datetime | None = None) -> Expense:
    """The approver refuses a proposed expense, with a reason; like every write, only while the fund is open.

    A closed fund is archived with its final statement: nothing of it changes any more, a decision on an
    expense included (``funds.fund_closed``).
    """
    moment = now or clock.now()
    today = clock.localdate(moment)
    if not reason.strip():
        raise _fail("funds.reason_required")
    with transaction.atomic():
        locked = _lock(expense.fund_id)
        _require(actor, Action.APPROVE_FUND_EXPENSES, locked.unit, today)
        _enforce(rules.check_fund_open(locked.status))
        current = Expense.objects.select_for_update().get(pk=expense.pk, fund=locked)
        current.decided_by = actor
        current.decided_at = moment
        current.rejection_reason = reason.strip()
        state_change(
            current,
            code="funds.expense.rejected",
            actor=actor,
            unit=locked.unit,
            snapshot=_expense_snapshot,
            now=moment,
            target=ExpenseStatus.REJECTED,
            check=rules.check_expense_transition,
            refused=lambda result: _fail(result.code),
        )
    return current


# ---------------------------------------------------------------------------------------------
# Inspection board, statements, closing
# ---------------------------------------------------------------------------------------------


def finding_raise(
    *,
    fund: Fund,
    text: str,
    entry: Entry | None = None,
    entry_number: int | None = None,
    actor: Any,
    now: dt.datetime | None = None,
) -> Finding:
    """The People's Inspection Board records a finding on the fund or on one entry ([L] art. 35).

    The entry is given as an instance or by its number in the fund's ledger (as printed on the receipt); a number
    the ledger does not hold is refused rather than recorded as a finding on the whole fund.
    """
    moment = now or clock.now()
    today = clock.localdate(moment)
    if not text.strip():
        raise _fail("funds.finding_text_required")
    with transaction.atomic():
        locked = _lock(fund)
        _require(actor, Action.INSPECT_FUNDS, locked.unit, today)
        if entry is not None and entry.fund_id != locked.pk:
            raise _fail("funds.not_authorised")
        if entry is None and entry_number is not None:
            entry = Entry.objects.filter(fund=locked, number=entry_number).first()
            if entry is None:
                raise _fail("funds.finding_entry_unknown", number=entry_number)
        finding = Finding.objects.create(fund=locked, entry=entry, text=text.strip(), raised_by=actor, raised_at=moment)
        audit_record(
            code="funds.finding.raised",
            actor=actor,
            unit=locked.unit,
            obj=finding,
            after={"entry": entry.pk if entry else None, "text": finding.text},
            now=moment,
        )
    return finding


def _publish_statement(
    locked: Fund, *, period_end: dt.date, is_final: bool, actor: Any, moment: dt.datetime
) -> Statement:
    if Statement.objects.filter(fund=locked, period_end=period_end).exists():
        raise _fail("funds.statement_exists")
    from grassroots.funds import papers

    totals = selectors.fund_totals(locked, until=period_end)
    body = selectors.statement_text(locked, totals, period_end=period_end, is_final=is_final)
    title = (
        _("Quyết toán khoản đóng góp, quỹ: %(title)s") if is_final else _("Công khai thu, chi đến %(day)s: %(title)s")
    )
    # The statement is an official paper first (numbered report of the fund's unit, Decree 30/2020), then
    # published as K5 with that number and its PDF: what is posted at the cultural house is what is online.
    document = papers.statement_issue(
        fund=locked, totals=totals, period_end=period_end, is_final=is_final, actor=actor, now=moment
    )
    body += "\n" + str(
        _("Văn bản báo cáo số %(number)s ngày %(day)s, tra cứu bản gốc: %(link)s")
        % {
            "number": document.number_label,
            "day": document.issued_on.strftime("%d/%m/%Y"),
            "link": document_services.public_link(document.short_code),
        }
    )
    disclosure = disclosure_services.disclosure_create(
        unit=locked.commune,
        category=DisclosureCategory.objects.get(code=rules.DISCLOSURE_CATEGORY),
        title=str(title) % {"title": locked.title, "day": period_end.strftime("%d/%m/%Y")},
        body=body,
        decision_number=document.number_label,
        decided_on=clock.localdate(moment),
        attachments=[(f"bao-cao-quy-{document.number:02d}.pdf", papers.document_pdf(document))],
        actor=actor,
        now=moment,
    )
    disclosure = disclosure_services.disclosure_publish(disclosure=disclosure, actor=actor, now=moment)
    statement = Statement.objects.create(
        fund=locked,
        period_end=period_end,
        is_final=is_final,
        collected_money=totals.collected_money,
        donated_money=totals.donated_money,
        spent_money=totals.spent_money,
        balance=totals.balance,
        disclosure=disclosure,
        document=document,
        published_at=moment,
    )
    audit_record(
        code="funds.statement.published",
        actor=actor,
        unit=locked.unit,
        obj=statement,
        after={
            "period_end": period_end.isoformat(),
            "balance": totals.balance,
            "is_final": is_final,
            "document": document.number_label,
        },
        now=moment,
    )
    return statement


def statement_publish(*, fund: Fund, period_end: dt.date, actor: Any, now: dt.datetime | None = None) -> Statement:
    """Publish the fund's statement up to ``period_end`` (a quarter's end) as disclosure item K5."""
    moment = now or clock.now()
    today = clock.localdate(moment)
    with transaction.atomic():
        locked = _lock(fund)
        _require(actor, Action.MANAGE_FUNDS, locked.unit, today)
        _require(actor, Action.MANAGE_DISCLOSURES, locked.commune, today)
        _enforce(rules.check_fund_open(locked.status))
        _enforce(rules.check_statement_period(period_end, decided_on=locked.decided_on, today=today))
        return _publish_statement(locked, period_end=period_end, is_final=False, actor=actor, moment=moment)


def fund_close(*, fund: Fund, leftover_handling: str, actor: Any, now: dt.datetime | None = None) -> Fund:
    """Close the fund: the final statement published as K5, the leftover handled as the decision says, archived."""
    moment = now or clock.now()
    today = clock.localdate(moment)
    with transaction.atomic():
        locked = _lock(fund)
        _require(actor, Action.MANAGE_FUNDS, locked.unit, today)
        _require(actor, Action.MANAGE_DISCLOSURES, locked.commune, today)
        _enforce(rules.check_transition(locked.status, FundStatus.CLOSED))
        if Expense.objects.filter(fund=locked, status=ExpenseStatus.PROPOSED).exists():
            raise _fail("funds.expenses_pending")
        if selectors.fund_totals(locked).balance != 0 and not leftover_handling.strip():
            raise _fail("funds.leftover_required")
        locked.leftover_handling = leftover_handling.strip()
        locked.closed_on = today
        _publish_statement(locked, period_end=today, is_final=True, actor=actor, moment=moment)
        state_change(
            locked,
            code="funds.fund.closed",
            actor=actor,
            unit=locked.unit,
            snapshot=_fund_snapshot,
            now=moment,
            target=FundStatus.CLOSED,
            check=rules.check_transition,
            refused=lambda result: _fail(result.code),
        )
    return locked


# ---------------------------------------------------------------------------------------------
# The treasurer (thủ quỹ): an appointment to one fund, not a role of the matrix
# ---------------------------------------------------------------------------------------------


def treasurer_appoint(*, fund: Fund, user: Any, basis: str, actor: Any, now: dt.datetime | None = None) -> Treasurer:
    """Give ``user`` the fund's books: they record its receipts, donations and proposed expenses, nothing else.

    The community chooses its treasurer when it decides how the fund is managed ([L] art. 15(2), D2); the
    village head (or the commune for commune works) records the choice with its basis. The treasurer must be a
    person of the fund's unit (a resident of the village or a member of its commune), may not be one who
    approves the fund's expenses (who keeps the money does not approve spending it), and replaces any
    treasurer in office (ended at the same moment).
    """
    moment = now or clock.now()
    today = clock.localdate(moment)
    if not basis.strip():
        raise _fail("funds.treasurer_basis_required")
    with transaction.atomic():
        locked = _lock(fund)
        _require(actor, Action.APPOINT_FUND_TREASURERS, locked.unit, today)
        _enforce(rules.check_fund_open(locked.status))
        # Someone of the fund's unit: for commune works, a person of the commune or of one of its villages.
        if not account_selectors.user_unit_ids(user, today) & account_selectors.descendant_ids([locked.unit_id]):
            raise _fail("funds.treasurer_outside_unit")
        if account_selectors.user_can(user, Action.APPROVE_FUND_EXPENSES, locked.unit, today):
            raise _fail("funds.treasurer_is_approver")
        for current in Treasurer.objects.select_for_update().filter(fund=locked, ended_at__isnull=True):
            _end_treasurer(current, actor=actor, moment=moment)
        treasurer = Treasurer.objects.create(
            fund=locked, user=user, basis=basis.strip(), appointed_by=actor, appointed_at=moment
        )
        before = _fund_snapshot(locked)
        locked.treasurer_name = str(getattr(user, "full_name", "") or user.get_username())[:200]
        locked.save(update_fields=["treasurer_name", "updated_at"])
        audit_record(
            code="funds.treasurer.appointed",
            actor=actor,
            unit=locked.unit,
            obj=treasurer,
            before=before,
            after={"user": user.pk, "basis": treasurer.basis, "treasurer_name": locked.treasurer_name},
            now=moment,
        )
    return treasurer


def _end_treasurer(treasurer: Treasurer, *, actor: Any, moment: dt.datetime) -> None:
    treasurer.ended_at = moment
    treasurer.ended_by = actor
    treasurer.save(update_fields=["ended_at", "ended_by"])
    audit_record(
        code="funds.treasurer.ended",
        actor=actor,
        unit=treasurer.fund.unit,
        obj=treasurer,
        before={"user": treasurer.user_id, "ended_at": None},
        after={"user": treasurer.user_id, "ended_at": moment.isoformat()},
        now=moment,
    )


def treasurer_end(*, fund: Fund, actor: Any, now: dt.datetime | None = None) -> Treasurer:
    """The treasurer in office stops (resigned, replaced by the community): from now on they record nothing."""
    moment = now or clock.now()
    today = clock.localdate(moment)
    with transaction.atomic():
        locked = _lock(fund)
        _require(actor, Action.APPOINT_FUND_TREASURERS, locked.unit, today)
        current = Treasurer.objects.select_for_update().filter(fund=locked, ended_at__isnull=True).first()
        if current is None:
            raise _fail("funds.treasurer_none")
        _end_treasurer(current, actor=actor, moment=moment)
    return current


# ---------------------------------------------------------------------------------------------
# Official papers: receipts and household statements through ``documents.document_issue``
# ---------------------------------------------------------------------------------------------


def receipt_paper_issue(*, entry: Entry, actor: Any, now: dt.datetime | None = None) -> Paper:
    """The receipt of one entry as an official paper; asked again, the paper already issued (one number)."""
    from grassroots.funds import papers

    moment = now or clock.now()
    today = clock.localdate(moment)
    with transaction.atomic():
        locked = _lock(entry.fund_id)
        _require_paper_issuer(actor, locked, today)
        current = Entry.objects.select_related("household", "household__representative", "recorded_by").get(
            pk=entry.pk, fund=locked
        )
        existing = Paper.objects.filter(entry=current, kind=PaperKind.RECEIPT).select_related("document").first()
        if existing is not None:
            return existing
        current.fund = locked
        document = papers.receipt_issue(entry=current, actor=actor, now=moment)
        paper = Paper.objects.create(
            fund=locked,
            kind=PaperKind.RECEIPT,
            entry=current,
            household=current.household,
            document=document,
            issued_at=moment,
            issued_by=actor,
        )
        audit_record(
            code="funds.paper.receipt_issued",
            actor=actor,
            unit=locked.unit,
            obj=paper,
            after={"entry": current.number, "document": document.pk},
            now=moment,
        )
    return paper


def household_statement_paper_issue(
    *, fund: Fund, household: Household, actor: Any, now: dt.datetime | None = None
) -> Paper:
    """A household's statement on the day (owed, each payment, still owed) as an official paper."""
    from grassroots.funds import papers

    moment = now or clock.now()
    today = clock.localdate(moment)
    with transaction.atomic():
        locked = _lock(fund)
        _require_paper_issuer(actor, locked, today)
        obligation = (
            Obligation.objects.select_related("household", "household__representative")
            .filter(fund=locked, household=household)
            .first()
        )
        if obligation is None:
            raise _fail("funds.paper_household_not_in_fund")
        document = papers.household_statement_issue(fund=locked, obligation=obligation, actor=actor, now=moment)
        paper = Paper.objects.create(
            fund=locked,
            kind=PaperKind.HOUSEHOLD_STATEMENT,
            household=obligation.household,
            document=document,
            issued_at=moment,
            issued_by=actor,
        )
        audit_record(
            code="funds.paper.household_statement_issued",
            actor=actor,
            unit=locked.unit,
            obj=paper,
            after={"household": obligation.household.code, "document": document.pk},
            now=moment,
        )
    return paper


def _require_paper_issuer(actor: Any, fund: Fund, on: dt.date) -> None:
    """Those who record (the matrix or the treasurer) and those who manage the fund issue its papers."""
    if not (
        selectors.may_record(actor, fund, on) or account_selectors.user_can(actor, Action.MANAGE_FUNDS, fund.unit, on)
    ):
        raise _fail("funds.not_authorised")


# ---------------------------------------------------------------------------------------------
# The commune's setting: whether the public ledgers show each household's amount paid
# ---------------------------------------------------------------------------------------------


def commune_fund_setting_change(
    *,
    commune: AdministrativeUnit,
    shows_household_amounts: bool,
    basis: str,
    actor: Any,
    now: dt.datetime | None = None,
) -> CommuneFundSetting:
    """The commune decides whether every fund's public ledger in it shows each household's amount paid.

    Issue 18: "amounts shown or hidden by a commune setting". Those who manage funds at the commune (its officers,
    chair and vice chairs) change it, with a basis; a new row and its audit event, never an edit. A village head
    manages its village's funds, not the commune's setting.
    """
    moment = now or clock.now()
    today = clock.localdate(moment)
    if commune.level != UnitLevel.COMMUNE:
        raise _fail("funds.setting_not_commune")
    if not basis.strip():
        raise _fail("funds.setting_basis_required")
    with transaction.atomic():
        # The commune's row is the lock: two officers changing the setting at once are put in order.
        locked = AdministrativeUnit.objects.select_for_update().get(pk=commune.pk)
        _require(actor, Action.MANAGE_FUNDS, locked, today)
        before = selectors.commune_shows_household_amounts(locked.pk)
        if before == shows_household_amounts:
            raise _fail("funds.setting_unchanged")
        setting = CommuneFundSetting(
            commune=locked,
            shows_household_amounts=shows_household_amounts,
            basis=basis.strip(),
            set_by=actor,
            set_at=moment,
        )
        setting.save(force_insert=True)
        audit_record(
            code="funds.commune_setting.changed",
            actor=actor,
            unit=locked,
            obj=setting,
            before={"shows_household_amounts": before},
            after={"shows_household_amounts": shows_household_amounts, "basis": setting.basis},
            now=moment,
        )
    return setting
