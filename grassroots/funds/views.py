"""Pages of the funds app: the public ledger (anyone, phone first, printable) and the staff pages.

Thin views: fetch the object (404 outside the user's units), ``form_page`` asks the Action matrix (403), one
service call, redirect.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Model, QuerySet
from django.forms import BaseForm
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from grassroots.accounts import selectors as account_selectors
from grassroots.accounts.authorize import (
    action_required,
    get_object_in_units,
    get_unit_for_view,
    public_view,
    require_action,
    require_any_action,
    signed_in_view,
    visible_unit_ids,
)
from grassroots.accounts.form_page import Done, form_page
from grassroots.accounts.rules import Action
from grassroots.core import clock
from grassroots.core.errors import DomainError
from grassroots.core.params import ascii_int
from grassroots.funds import rules, sealing, selectors, services
from grassroots.funds.forms import (
    CloseForm,
    CommuneSettingForm,
    ConfirmForm,
    DonationForm,
    ExpenseForm,
    FindingForm,
    FundForm,
    LimitForm,
    ReasonForm,
    ReceiptForm,
    StatementForm,
    TreasurerForm,
)
from grassroots.funds.models import Entry, EntryKind, Expense, Fund, FundStatus, Obligation, Paper
from grassroots.units.models import AdministrativeUnit, UnitLevel
from grassroots.voting.models import CommunityVote

STAFF_ACTIONS = (Action.MANAGE_FUNDS, Action.RECORD_FUND_ENTRIES, Action.APPROVE_FUND_EXPENSES, Action.INSPECT_FUNDS)
TEMPLATE = "funds/form_page.html"
LEGAL_BASIS = gettext_lazy("Căn cứ: Điều 11 (khoản 5), Điều 15 (khoản 1, 2), Điều 21 Luật số 10/2022/QH15.")


def _posted(request: HttpRequest) -> Any:
    return request.POST if request.method == "POST" else None


def _in_units_or_kept[ModelT: Model](
    request: HttpRequest, queryset: QuerySet[ModelT], fund_path: str, **lookup: Any
) -> ModelT:
    """``get_object_in_units`` (404 outside the user's units), opened also to the fund's treasurer in office: a
    village resident keeping the books of a commune-wide fund does not see the commune's other pages."""
    unit_path = f"{fund_path}__unit" if fund_path else "unit"
    try:
        return get_object_in_units(request, queryset, unit_path, **lookup)
    except Http404:
        prefix = f"{fund_path}__" if fund_path else ""
        kept = queryset.filter(
            **{f"{prefix}treasurers__user_id": request.user.pk, f"{prefix}treasurers__ended_at__isnull": True}
        )
        found = kept.filter(**lookup).first()
        if found is None:
            raise
        return found


def _fund(request: HttpRequest, fund_id: int) -> Fund:
    return _in_units_or_kept(request, Fund.objects.select_related("unit", "commune"), "", pk=fund_id)


def _url(fund: Fund | int) -> str:
    return reverse("funds:staff_detail", args=[getattr(fund, "pk", fund)])


def _context(fund: Fund, heading: str, **extra: Any) -> dict[str, Any]:
    return {"fund": fund, "heading": heading, "back_url": _url(fund), "legal_basis": LEGAL_BASIS, **extra}


def _require_recorder(request: HttpRequest, fund: Fund) -> None:
    """403 unless the matrix lets the user record in the fund's unit, or they are this fund's treasurer in office."""
    try:
        require_action(request, Action.RECORD_FUND_ENTRIES, fund.unit_id)
    except PermissionDenied:
        if not selectors.is_treasurer(request.user, fund):
            raise


def _require_staff(request: HttpRequest, fund: Fund) -> None:
    """The fund's staff pages: a staff action of the matrix in its unit, or its treasurer in office."""
    try:
        require_any_action(request, STAFF_ACTIONS, fund.unit_id)
    except PermissionDenied:
        if not selectors.is_treasurer(request.user, fund):
            raise


def _require_paper_issuer(request: HttpRequest, fund: Fund) -> None:
    """Issuing a fund's papers: those who record (the matrix or the treasurer) or manage its books."""
    try:
        require_any_action(request, (Action.RECORD_FUND_ENTRIES, Action.MANAGE_FUNDS), fund.unit_id)
    except PermissionDenied:
        if not selectors.is_treasurer(request.user, fund):
            raise


def _recorder_page(
    request: HttpRequest,
    fund: Fund,
    form: BaseForm,
    *,
    available: bool,
    perform: Any,
    done: Any,
    context: dict[str, Any],
) -> HttpResponse:
    """``form_page`` for the recording forms, whose door also opens to the fund's treasurer (not a matrix role)."""
    _require_recorder(request, fund)
    if not available:
        raise Http404("not available in this state")
    if request.method == "POST" and form.is_valid():
        try:
            result = perform(form.cleaned_data)
        except DomainError as refusal:
            form.add_error(None, refusal.message)
        else:
            outcome = done(result)
            messages.success(request, outcome.message)
            return redirect(outcome.url)
    return render(request, TEMPLATE, {**context, "form": form})


def _decided_votes(unit_ids: list[int]) -> list[tuple[int, str]]:
    votes = CommunityVote.objects.filter(
        unit_id__in=unit_ids, matter__in=rules.FUND_MATTERS, status=rules.RECOGNISED_VOTE_STATUS, passed=True
    ).select_related("unit")
    return [(vote.pk, f"{vote.unit.name}: {vote.title}") for vote in votes[:200]]


# ---------------------------------------------------------------------------------------------
# Public pages
# ---------------------------------------------------------------------------------------------


@public_view
def public_list(request: HttpRequest, commune_slug: str) -> HttpResponse:
    commune = get_object_or_404(AdministrativeUnit, slug=commune_slug, level=UnitLevel.COMMUNE)
    return render(request, "funds/public_list.html", {"commune": commune, "funds": selectors.public_funds(commune.pk)})


PUBLIC_PAGE_SIZE = 100
"""Households per public page: a commune-wide fund of 10,000 households stays light on a phone."""


LATEST_ON_PAGE = 50
"""Expenses and donations listed on the phone page (the newest); the printable statement lists them all."""


def _public_context(fund: Fund, page_number: str | None = None) -> dict[str, Any]:
    """The public ledger; with ``page_number`` one page of households and the newest entries (a phone page),
    without it everything (the printable statement)."""
    shows_amounts = selectors.commune_shows_household_amounts(fund.commune_id)
    rates = selectors.in_kind_rates(fund)
    if page_number is None:
        page = None
        lines = selectors.public_lines(fund, shows_amounts=shows_amounts, rates=rates)
        latest = None
    else:
        page = Paginator(selectors.obligations_page(fund), PUBLIC_PAGE_SIZE).get_page(page_number)
        obligations = list(page.object_list)
        lines = selectors.public_lines(fund, obligations, shows_amounts=shows_amounts, rates=rates)
        latest = LATEST_ON_PAGE
    return {
        "fund": fund,
        "shows_amounts": shows_amounts,
        "household_labels": {
            "paid": _("Đã nộp đủ"),
            "part": _("Đã nộp một phần"),
            "unpaid": _("Chưa nộp"),
            "days": _("ngày công"),
            "paid_column": _("Đã nộp"),
            "status": _("Tình trạng"),
        },
        "entry_labels": {
            "day": _("Ngày"),
            "amount": _("Số tiền"),
            "evidence": _("Chứng từ"),
            "approver": _("Người duyệt chi"),
            "view": _("Xem"),
            "reversal": _("Điều chỉnh"),
            "reversal_lower": _("điều chỉnh"),
            "value": _("Giá trị"),
        },
        "page": page,
        "totals": selectors.fund_totals(fund),
        "due": selectors.due_totals(fund),
        "in_kind_totals": selectors.in_kind_totals(fund, rates=rates),
        "lines": lines,
        # The printable statement already holds every household's line: count them instead of a second pass.
        "counts": selectors.status_counts(lines) if page is None else selectors.fund_status_counts(fund, rates=rates),
        "donations": selectors.public_donations(fund, latest=latest),
        "expenses": selectors.public_expenses(fund, latest=latest),
        "donation_count": selectors.entry_count(fund, EntryKind.DONATION),
        "expense_count": selectors.entry_count(fund, EntryKind.EXPENSE),
        "latest": latest,
        "statements": fund.statements.select_related("document"),
        "today": clock.localdate(),
    }


@public_view
def public_detail(request: HttpRequest, fund_id: int) -> HttpResponse:
    fund = get_object_or_404(Fund.objects.select_related("unit", "commune"), pk=fund_id)
    context = _public_context(fund, request.GET.get("trang", "1"))
    context["keeps_books"] = request.user.is_authenticated and selectors.is_treasurer(request.user, fund)
    context["own_obligations"] = (
        list(selectors.obligations_represented_by(request.user).filter(fund=fund))
        if request.user.is_authenticated
        else []
    )
    return render(request, "funds/public_detail.html", context)


@public_view
def public_print(request: HttpRequest, fund_id: int) -> HttpResponse:
    fund = get_object_or_404(Fund.objects.select_related("unit", "commune"), pk=fund_id)
    return render(request, "funds/public_print.html", _public_context(fund))


@public_view
def evidence(request: HttpRequest, expense_id: int) -> FileResponse:
    """An approved expense's invoice or receipt photo: public with the ledger ("expenses with evidence")."""
    expense = get_object_or_404(Expense, pk=expense_id, entry__isnull=False)
    return FileResponse(expense.evidence.open("rb"), filename=expense.evidence_name)


# ---------------------------------------------------------------------------------------------
# Staff pages
# ---------------------------------------------------------------------------------------------


@action_required(*STAFF_ACTIONS)
def staff_list(request: HttpRequest) -> HttpResponse:
    """The funds of every unit the user sees, and a link to set one up in each unit the user may manage."""
    user = request.user
    unit_ids = visible_unit_ids(request)
    today = clock.localdate()
    held = AdministrativeUnit.objects.filter(
        pk__in=list(account_selectors.roles_by_unit(user, today)) or list(unit_ids),
        level__in=[UnitLevel.COMMUNE, UnitLevel.COMMUNITY],
    ).order_by("name")
    managed = [unit for unit in held[:50] if account_selectors.user_can(user, Action.MANAGE_FUNDS, unit, today)]
    context = {
        "funds": selectors.funds_of_units(unit_ids)[:100],
        "new_units": managed,
        "setting_communes": [unit for unit in managed if unit.level == UnitLevel.COMMUNE],
    }
    return render(request, "funds/staff_list.html", context)


@action_required(Action.MANAGE_FUNDS, per_object=True)
@require_http_methods(["GET", "POST"])
def fund_new(request: HttpRequest, unit_id: int) -> HttpResponse:
    unit = get_unit_for_view(request, unit_id)
    if unit.level not in (UnitLevel.COMMUNE, UnitLevel.COMMUNITY):
        raise Http404("not a commune or community")
    user = request.user
    if unit.level == UnitLevel.COMMUNE:
        candidates = [unit, *unit.children.filter(level=UnitLevel.COMMUNITY, valid_until__isnull=True)]
    else:
        candidates = [unit]
    form = FundForm(
        _posted(request),
        units=[(candidate.pk, candidate.name) for candidate in candidates],
        votes=_decided_votes([candidate.pk for candidate in candidates]),
    )
    by_id = {candidate.pk: candidate for candidate in candidates}

    def perform(data: dict[str, Any]) -> Fund:
        vote_id = data.pop("vote", None)
        vote = CommunityVote.objects.filter(pk=vote_id).first() if vote_id else None
        return services.fund_create(unit=by_id[data.pop("unit")], vote=vote, actor=user, **data)

    return form_page(
        request,
        form,
        action=Action.MANAGE_FUNDS,
        unit=unit,
        perform=perform,
        done=lambda fund: Done(_("Đã lập khoản đóng góp và tính mức phải nộp của từng hộ."), _url(fund)),
        template=TEMPLATE,
        refused_context=lambda error: {"rows": error.params.get("rows", [])},
        context={
            "heading": _("Lập khoản đóng góp, quỹ từ quyết định của cộng đồng"),
            "back_url": reverse("funds:staff_list"),
            "legal_basis": LEGAL_BASIS,
        },
    )


def _donor_names(fund: Fund, user: Any, entry_ids: list[int]) -> dict[int, str]:
    """Sealed donor names, opened for those who may see them (recorders, approvers, the inspection board)."""
    if not (
        any(account_selectors.user_can(user, action, fund.unit_id) for action in STAFF_ACTIONS)
        or selectors.is_treasurer(user, fund)
    ):
        return {}
    key = services.donor_key()
    names = {}
    for entry in Entry.objects.filter(fund=fund, pk__in=entry_ids, donor_name_sealed__isnull=False):
        try:
            names[entry.pk] = sealing.unseal(key, bytes(entry.donor_name_sealed or b""))
        except sealing.SealError:
            names[entry.pk] = _("(không mở được)")
    return names


HISTORY_SHOWN = 30
"""Events of the fund's audit trail on its staff page (the newest); the whole trail stays in the audit log."""

HISTORY_LABELS = {
    "funds.fund.created": gettext_lazy("Lập quỹ"),
    "funds.fund.limit_raised": gettext_lazy("Nâng mức chi theo quyết định mới"),
    "funds.fund.closed": gettext_lazy("Quyết toán, đóng quỹ"),
    "funds.entry.receipt": gettext_lazy("Ghi phiếu thu"),
    "funds.entry.donation": gettext_lazy("Ghi ủng hộ, tài trợ"),
    "funds.entry.expense": gettext_lazy("Ghi phiếu chi"),
    "funds.entry.reversed": gettext_lazy("Ghi bút toán điều chỉnh"),
    "funds.expense.proposed": gettext_lazy("Đề nghị chi"),
    "funds.expense.approved": gettext_lazy("Duyệt chi"),
    "funds.expense.rejected": gettext_lazy("Không duyệt chi"),
    "funds.finding.raised": gettext_lazy("Ban Thanh tra nhân dân ghi kiến nghị"),
    "funds.statement.published": gettext_lazy("Công khai báo cáo thu, chi (K5)"),
    "funds.treasurer.appointed": gettext_lazy("Giao nhiệm vụ thủ quỹ"),
    "funds.treasurer.ended": gettext_lazy("Thủ quỹ thôi nhiệm vụ"),
    "funds.paper.receipt_issued": gettext_lazy("Phát hành phiếu xác nhận đã nộp"),
    "funds.paper.household_statement_issued": gettext_lazy("Phát hành thông báo số đã đóng góp của hộ"),
}


def _history(fund: Fund) -> list[tuple[Any, str, str]]:
    """The newest events of the fund's trail: the event, what happened, who did it (their full name)."""
    events = list(selectors.fund_history(fund)[:HISTORY_SHOWN])
    names = selectors.actor_names(events)
    return [
        (
            event,
            str(HISTORY_LABELS.get(event.code, event.code)),
            names.get(event.actor_id or 0) or (event.actor_label if event.actor_id else _("Hệ thống")),
        )
        for event in events
    ]


STAFF_PAGE_SIZE = 100
"""Households and ledger entries per page of the staff fund page (a 10,000-household fund has 50,000 entries)."""


@action_required(*STAFF_ACTIONS, per_object=True)
def staff_detail(request: HttpRequest, fund_id: int) -> HttpResponse:
    fund = _fund(request, fund_id)
    _require_staff(request, fund)
    user = request.user
    households = Paginator(selectors.obligations_page(fund), STAFF_PAGE_SIZE).get_page(request.GET.get("trang", "1"))
    entries = Paginator(selectors.ledger_entries(fund).order_by("-number"), STAFF_PAGE_SIZE).get_page(
        request.GET.get("phieu", "1")
    )
    shown = list(entries.object_list)
    names = _donor_names(fund, user, [entry.pk for entry in shown])
    for entry in shown:
        entry.sealed_donor_name = names.get(entry.pk, "")  # type: ignore[attr-defined]
    context = {
        "fund": fund,
        "totals": selectors.fund_totals(fund),
        "due": selectors.due_totals(fund),
        "in_kind_totals": selectors.in_kind_totals(fund),
        "entries": shown,
        "entries_page": entries,
        "lines": selectors.household_lines(fund, obligations=list(households.object_list)),
        "households_page": households,
        "pending": selectors.pending_expenses(fund),
        "findings": fund.findings.select_related("entry", "raised_by"),
        "statements": fund.statements.select_related("document"),
        "statements_due": selectors.statements_due(fund, clock.localdate()),
        "history": _history(fund),
        "may_record": selectors.may_record(user, fund),
        "may_appoint": account_selectors.user_can(user, Action.APPOINT_FUND_TREASURERS, fund.unit_id),
        "treasurer": selectors.treasurer_in_office(fund),
        "may_manage": account_selectors.user_can(user, Action.MANAGE_FUNDS, fund.unit_id),
        "may_approve": account_selectors.user_can(user, Action.APPROVE_FUND_EXPENSES, fund.unit_id),
        "may_inspect": account_selectors.user_can(user, Action.INSPECT_FUNDS, fund.unit_id),
        "is_open": fund.status == FundStatus.COLLECTING,
    }
    return render(request, "funds/staff_detail.html", context)


@action_required(*STAFF_ACTIONS, per_object=True)
def household_account(request: HttpRequest, fund_id: int, household_id: int) -> HttpResponse:
    fund = _fund(request, fund_id)
    _require_staff(request, fund)
    obligation = get_object_or_404(Obligation.objects.select_related("household"), fund=fund, household_id=household_id)
    context = {
        "fund": fund,
        "obligation": obligation,
        "rows": selectors.household_running_balance(fund, household_id),
        "line": selectors.household_lines(fund, household_id=household_id)[0],
        "papers": selectors.papers_of_household(fund, household_id),
        "may_issue": selectors.may_record(request.user, fund)
        or account_selectors.user_can(request.user, Action.MANAGE_FUNDS, fund.unit_id),
    }
    return render(request, "funds/household_account.html", context)


@action_required(*STAFF_ACTIONS, per_object=True)
def receipt_print(request: HttpRequest, entry_id: int) -> HttpResponse:
    entry = _in_units_or_kept(
        request,
        Entry.objects.select_related("fund", "fund__unit", "household", "recorded_by", "in_kind_rate"),
        "fund",
        pk=entry_id,
    )
    _require_staff(request, entry.fund)
    paper = Paper.objects.filter(entry=entry, kind="receipt").first()
    return render(request, "funds/receipt_print.html", {"entry": entry, "fund": entry.fund, "paper": paper})


@action_required(Action.RECORD_FUND_ENTRIES, per_object=True)
@require_http_methods(["GET", "POST"])
def receipt_new(request: HttpRequest, fund_id: int) -> HttpResponse:
    fund = _fund(request, fund_id)
    households = [
        (obligation.household_id, f"{obligation.household.code} — {obligation.household.address}".rstrip(" —"))
        for obligation in Obligation.objects.filter(fund=fund).select_related("household").order_by("household__code")
    ]
    rates = {rate.pk: rate for rate in selectors.in_kind_rates(fund) if rate.quantity is not None}
    form = ReceiptForm(
        _posted(request),
        households=households,
        rates=[(pk, f"{rate.item} ({rate.unit})") for pk, rate in rates.items()],
        initial={"received_on": clock.localdate()},
    )

    def perform(data: dict[str, Any]) -> Entry:
        household = Obligation.objects.get(fund=fund, household_id=data.pop("household")).household
        rate_id = data.pop("in_kind_rate", None)
        return services.receipt_record(
            fund=fund,
            household=household,
            in_kind_rate=rates.get(rate_id) if rate_id else None,
            actor=request.user,
            **data,
        )

    return _recorder_page(
        request,
        fund,
        form,
        available=fund.is_collecting,
        perform=perform,
        done=lambda entry: Done(
            _("Đã ghi phiếu thu số %(number)s.") % {"number": entry.number},
            reverse("funds:receipt_print", args=[entry.pk]),
        ),
        context=_context(fund, _("Ghi phiếu thu của hộ")),
    )


@action_required(Action.RECORD_FUND_ENTRIES, per_object=True)
@require_http_methods(["GET", "POST"])
def donation_new(request: HttpRequest, fund_id: int) -> HttpResponse:
    fund = _fund(request, fund_id)
    form = DonationForm(_posted(request), initial={"received_on": clock.localdate()})
    return _recorder_page(
        request,
        fund,
        form,
        available=fund.is_collecting,
        perform=lambda data: services.donation_record(fund=fund, actor=request.user, **data),
        done=lambda entry: Done(_("Đã ghi khoản ủng hộ số %(number)s.") % {"number": entry.number}, _url(fund)),
        context=_context(fund, _("Ghi khoản ủng hộ, tài trợ")),
    )


@action_required(Action.RECORD_FUND_ENTRIES, per_object=True)
@require_http_methods(["GET", "POST"])
def entry_reverse(request: HttpRequest, entry_id: int) -> HttpResponse:
    entry = _in_units_or_kept(request, Entry.objects.select_related("fund", "fund__unit"), "fund", pk=entry_id)
    form = ReasonForm(_posted(request))
    return _recorder_page(
        request,
        entry.fund,
        form,
        available=entry.fund.is_collecting and not entry.is_reversal,
        perform=lambda data: services.entry_reverse(entry=entry, reason=data["reason"], actor=request.user),
        done=lambda reversal: Done(
            _("Đã ghi bút toán điều chỉnh số %(number)s.") % {"number": reversal.number}, _url(entry.fund)
        ),
        context=_context(
            entry.fund,
            _("Điều chỉnh phiếu số %(number)s") % {"number": entry.number},
            intro=_("Không sửa, không xóa phiếu đã ghi: hệ thống ghi một bút toán ngược lại, kèm lý do, công khai."),
        ),
    )


@action_required(Action.RECORD_FUND_ENTRIES, per_object=True)
@require_http_methods(["GET", "POST"])
def expense_new(request: HttpRequest, fund_id: int) -> HttpResponse:
    fund = _fund(request, fund_id)
    posted = _posted(request)
    form = ExpenseForm(posted, request.FILES if posted is not None else None, initial={"spent_on": clock.localdate()})

    def perform(data: dict[str, Any]) -> Expense:
        upload = data.pop("evidence")
        return services.expense_propose(
            fund=fund, evidence_name=upload.name, evidence_content=upload.read(), actor=request.user, **data
        )

    return _recorder_page(
        request,
        fund,
        form,
        available=fund.is_collecting,
        perform=perform,
        done=lambda expense: Done(_("Đã gửi đề nghị chi; chờ người có thẩm quyền duyệt."), _url(fund)),
        context=_context(fund, _("Đề nghị chi"), multipart=True),
    )


def _expense(request: HttpRequest, expense_id: int) -> Expense:
    return _in_units_or_kept(request, Expense.objects.select_related("fund", "fund__unit"), "fund", pk=expense_id)


@action_required(Action.APPROVE_FUND_EXPENSES, per_object=True)
@require_http_methods(["GET", "POST"])
def expense_approve(request: HttpRequest, expense_id: int) -> HttpResponse:
    expense = _expense(request, expense_id)
    return form_page(
        request,
        ReasonForm(None) if request.method != "POST" else _Confirm(request.POST),
        action=Action.APPROVE_FUND_EXPENSES,
        unit=expense.fund.unit,
        perform=lambda data: services.expense_approve(expense=expense, actor=request.user),
        done=lambda entry: Done(
            _("Đã duyệt chi, ghi phiếu chi số %(number)s.") % {"number": entry.number}, _url(expense.fund)
        ),
        template=TEMPLATE,
        context=_context(
            expense.fund, _("Duyệt chi: %(item)s") % {"item": expense.work_item}, expense=expense, confirm_only=True
        ),
    )


class _Confirm(ReasonForm):
    """A button with nothing to type."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        del self.fields["reason"]


@action_required(Action.APPROVE_FUND_EXPENSES, per_object=True)
@require_http_methods(["GET", "POST"])
def expense_reject(request: HttpRequest, expense_id: int) -> HttpResponse:
    expense = _expense(request, expense_id)
    return form_page(
        request,
        ReasonForm(_posted(request)),
        action=Action.APPROVE_FUND_EXPENSES,
        unit=expense.fund.unit,
        perform=lambda data: services.expense_reject(expense=expense, reason=data["reason"], actor=request.user),
        done=lambda _expense: Done(_("Đã từ chối đề nghị chi."), _url(expense.fund)),
        template=TEMPLATE,
        context=_context(expense.fund, _("Không duyệt chi: %(item)s") % {"item": expense.work_item}, expense=expense),
    )


@action_required(*STAFF_ACTIONS, per_object=True)
def expense_evidence(request: HttpRequest, expense_id: int) -> FileResponse:
    """The evidence of any expense, approved or not: staff and the inspection board."""
    expense = _expense(request, expense_id)
    _require_staff(request, expense.fund)
    return FileResponse(expense.evidence.open("rb"), filename=expense.evidence_name)


@action_required(Action.INSPECT_FUNDS, per_object=True)
@require_http_methods(["GET", "POST"])
def finding_new(request: HttpRequest, fund_id: int) -> HttpResponse:
    fund = _fund(request, fund_id)

    def perform(data: dict[str, Any]) -> Any:
        return services.finding_raise(
            fund=fund, entry_number=data.get("entry_number"), text=data["text"], actor=request.user
        )

    # "Kiến nghị" beside an entry of the ledger opens this form with its number filled in.
    number = request.GET.get("phieu", "")
    prefilled = ascii_int(number, max_digits=9)
    return form_page(
        request,
        FindingForm(_posted(request), initial={"entry_number": prefilled}),
        action=Action.INSPECT_FUNDS,
        unit=fund.unit,
        perform=perform,
        done=lambda finding: Done(_("Đã ghi kiến nghị của Ban Thanh tra nhân dân."), _url(fund)),
        template=TEMPLATE,
        context=_context(fund, _("Ghi phát hiện, kiến nghị")),
    )


@action_required(Action.MANAGE_FUNDS, per_object=True)
@require_http_methods(["GET", "POST"])
def statement_new(request: HttpRequest, fund_id: int) -> HttpResponse:
    fund = _fund(request, fund_id)
    due = selectors.statements_due(fund, clock.localdate())
    form = StatementForm(_posted(request), initial={"period_end": due[0] if due else None})
    return form_page(
        request,
        form,
        action=Action.MANAGE_FUNDS,
        unit=fund.unit,
        available=fund.is_collecting,
        perform=lambda data: services.statement_publish(fund=fund, period_end=data["period_end"], actor=request.user),
        done=lambda statement: Done(_("Đã công khai báo cáo thu, chi (mục K5)."), _url(fund)),
        template=TEMPLATE,
        context=_context(fund, _("Công khai báo cáo thu, chi")),
    )


@action_required(Action.MANAGE_FUNDS, per_object=True)
@require_http_methods(["GET", "POST"])
def limit_raise(request: HttpRequest, fund_id: int) -> HttpResponse:
    fund = _fund(request, fund_id)
    form = LimitForm(_posted(request), votes=_decided_votes([fund.unit_id]))

    def perform(data: dict[str, Any]) -> Fund:
        vote = CommunityVote.objects.filter(pk=data["vote"]).first() if data.get("vote") else None
        return services.fund_limit_raise(
            fund=fund,
            new_limit=data["new_limit"],
            vote=vote,
            decision_number=data["decision_number"],
            decided_on=data.get("decided_on"),
            actor=request.user,
        )

    return form_page(
        request,
        form,
        action=Action.MANAGE_FUNDS,
        unit=fund.unit,
        available=fund.is_collecting,
        perform=perform,
        done=lambda updated: Done(_("Đã nâng mức chi theo quyết định mới."), _url(fund)),
        template=TEMPLATE,
        context=_context(fund, _("Nâng mức chi theo quyết định mới")),
    )


@action_required(Action.MANAGE_FUNDS, per_object=True)
@require_http_methods(["GET", "POST"])
def fund_close(request: HttpRequest, fund_id: int) -> HttpResponse:
    fund = _fund(request, fund_id)
    return form_page(
        request,
        CloseForm(_posted(request)),
        action=Action.MANAGE_FUNDS,
        unit=fund.unit,
        available=fund.is_collecting,
        perform=lambda data: services.fund_close(
            fund=fund, leftover_handling=data["leftover_handling"], actor=request.user
        ),
        done=lambda closed: Done(_("Đã quyết toán, công khai và đóng quỹ."), _url(fund)),
        template=TEMPLATE,
        context=_context(fund, _("Quyết toán và đóng quỹ"), totals=selectors.fund_totals(fund)),
    )


# ---------------------------------------------------------------------------------------------
# The treasurer
# ---------------------------------------------------------------------------------------------


def _treasurer_candidates(fund: Fund) -> list[tuple[int, str]]:
    """People of the fund's unit (and, for commune works, of its villages) who hold a role there today."""
    unit_ids = [fund.unit_id, *fund.unit.children.values_list("pk", flat=True)]
    seen: dict[int, str] = {}
    memberships = (
        account_selectors.memberships_in_force(clock.localdate())
        .filter(unit_id__in=unit_ids, user__is_active=True)
        .select_related("user", "unit")
        .order_by("user__full_name", "user_id")
    )
    for membership in memberships[:1000]:
        user = membership.user
        seen.setdefault(user.pk, f"{user.full_name or user.username} ({membership.unit.name})")
    return list(seen.items())


@action_required(Action.APPOINT_FUND_TREASURERS, per_object=True)
@require_http_methods(["GET", "POST"])
def treasurer_appoint(request: HttpRequest, fund_id: int) -> HttpResponse:
    fund = _fund(request, fund_id)
    form = TreasurerForm(_posted(request), candidates=_treasurer_candidates(fund))

    def perform(data: dict[str, Any]) -> Any:
        from grassroots.accounts.models import User

        user = User.objects.get(pk=data["user"])
        return services.treasurer_appoint(fund=fund, user=user, basis=data["basis"], actor=request.user)

    current = selectors.treasurer_in_office(fund)
    return form_page(
        request,
        form,
        action=Action.APPOINT_FUND_TREASURERS,
        unit=fund.unit,
        available=fund.is_collecting,
        perform=perform,
        done=lambda treasurer: Done(_("Đã giao nhiệm vụ thủ quỹ."), _url(fund)),
        template=TEMPLATE,
        context=_context(
            fund,
            _("Giao nhiệm vụ thủ quỹ"),
            intro=_(
                "Thủ quỹ do cộng đồng bầu hoặc thống nhất khi quyết định cách quản lý quỹ. Thủ quỹ chỉ ghi thu, "
                "ghi ủng hộ và đề nghị chi của quỹ này; không duyệt chi, không làm việc gì khác."
            )
            + (
                " "
                + _("Thủ quỹ hiện tại: %(name)s (sẽ thôi nhiệm vụ khi giao cho người mới).")
                % {"name": current.user.full_name or current.user.username}
                if current
                else ""
            ),
        ),
    )


@action_required(Action.APPOINT_FUND_TREASURERS, per_object=True)
@require_http_methods(["GET", "POST"])
def treasurer_end(request: HttpRequest, fund_id: int) -> HttpResponse:
    fund = _fund(request, fund_id)
    current = selectors.treasurer_in_office(fund)
    return form_page(
        request,
        ConfirmForm(_posted(request)),
        action=Action.APPOINT_FUND_TREASURERS,
        unit=fund.unit,
        available=current is not None,
        perform=lambda data: services.treasurer_end(fund=fund, actor=request.user),
        done=lambda ended: Done(_("Thủ quỹ đã thôi nhiệm vụ."), _url(fund)),
        template=TEMPLATE,
        context=_context(
            fund,
            _("Thôi nhiệm vụ thủ quỹ"),
            intro=_("%(name)s sẽ không ghi sổ của quỹ này nữa.")
            % {"name": (current.user.full_name or current.user.username) if current else ""},
            submit_label=_("Xác nhận thôi nhiệm vụ"),
        ),
    )


@signed_in_view
def treasurer_home(request: HttpRequest) -> HttpResponse:
    """The funds whose books the signed-in person keeps (a treasurer needs no staff role)."""
    return render(request, "funds/treasurer_home.html", {"funds": selectors.funds_kept_by(request.user)})


# ---------------------------------------------------------------------------------------------
# Official papers
# ---------------------------------------------------------------------------------------------


def _paper_url(paper: Paper) -> str:
    return reverse("funds:paper_file", args=[paper.pk])


@action_required(Action.RECORD_FUND_ENTRIES, Action.MANAGE_FUNDS, per_object=True)
@require_http_methods(["POST"])
def receipt_paper(request: HttpRequest, entry_id: int) -> HttpResponse:
    """Issue the entry's receipt as an official paper (or find the one issued) and open it."""
    entry = _in_units_or_kept(request, Entry.objects.select_related("fund", "fund__unit"), "fund", pk=entry_id)
    _require_paper_issuer(request, entry.fund)
    try:
        paper = services.receipt_paper_issue(entry=entry, actor=request.user)
    except DomainError as refusal:
        messages.error(request, refusal.message)
        return redirect(reverse("funds:receipt_print", args=[entry.pk]))
    return redirect(_paper_url(paper))


@action_required(Action.RECORD_FUND_ENTRIES, Action.MANAGE_FUNDS, per_object=True)
@require_http_methods(["POST"])
def household_paper(request: HttpRequest, fund_id: int, household_id: int) -> HttpResponse:
    """Issue the household's statement on today's figures as an official paper and open it."""
    fund = _fund(request, fund_id)
    _require_paper_issuer(request, fund)
    obligation = get_object_or_404(Obligation.objects.select_related("household"), fund=fund, household_id=household_id)
    try:
        paper = services.household_statement_paper_issue(fund=fund, household=obligation.household, actor=request.user)
    except DomainError as refusal:
        messages.error(request, refusal.message)
        return redirect(reverse("funds:household_account", args=[fund.pk, household_id]))
    return redirect(_paper_url(paper))


@action_required(*STAFF_ACTIONS, per_object=True)
def paper_file(request: HttpRequest, paper_id: int) -> FileResponse:
    """The PDF of an issued paper (``?dinh-dang=docx`` for the Word file), for the fund's staff and treasurer."""
    paper = _in_units_or_kept(
        request, Paper.objects.select_related("fund", "fund__unit", "document"), "fund", pk=paper_id
    )
    _require_staff(request, paper.fund)
    document = paper.document
    if request.GET.get("dinh-dang") == "docx":
        return FileResponse(document.docx_file.open("rb"), filename=f"{document.symbol or 'van-ban'}.docx")
    return FileResponse(document.pdf_file.open("rb"), filename=f"{document.symbol or 'van-ban'}.pdf")


# ---------------------------------------------------------------------------------------------
# The commune's setting
# ---------------------------------------------------------------------------------------------


@action_required(Action.MANAGE_FUNDS, per_object=True)
@require_http_methods(["GET", "POST"])
def commune_setting(request: HttpRequest, commune_slug: str) -> HttpResponse:
    """Whether the commune's public ledgers show each household's amount paid: its officers decide, audited."""
    commune = get_unit_for_view(request, commune_slug)
    if commune.level != UnitLevel.COMMUNE:
        raise Http404("not a commune")
    shows = selectors.commune_shows_household_amounts(commune.pk)
    form = CommuneSettingForm(_posted(request), initial={"shows_household_amounts": shows})
    return form_page(
        request,
        form,
        action=Action.MANAGE_FUNDS,
        unit=commune,
        perform=lambda data: services.commune_fund_setting_change(
            commune=commune,
            shows_household_amounts=data["shows_household_amounts"],
            basis=data["basis"],
            actor=request.user,
        ),
        done=lambda setting: Done(_("Đã lưu thiết lập công khai của xã."), reverse("funds:staff_list")),
        template="funds/commune_setting.html",
        context={
            "heading": _("Công khai số tiền từng hộ đã nộp: %(name)s") % {"name": commune.name},
            "back_url": reverse("funds:staff_list"),
            "commune": commune,
            "shows": shows,
            "history": selectors.commune_setting_history(commune.pk)[:20],
            "legal_basis": LEGAL_BASIS,
        },
    )


# ---------------------------------------------------------------------------------------------
# A household representative's own statement
# ---------------------------------------------------------------------------------------------


@signed_in_view
def my_households(request: HttpRequest) -> HttpResponse:
    """The funds of the households the signed-in person represents, each with its status."""
    obligations = list(selectors.obligations_represented_by(request.user)[:100])
    return render(request, "funds/my_households.html", {"obligations": obligations})


@signed_in_view
def household_statement(request: HttpRequest, fund_id: int, household_id: int) -> HttpResponse:
    """What the household's fund decided, what it owes, what it paid, its receipts: its representative alone.

    Anyone else (a neighbour, another household's representative, staff: they have their own page) gets 404,
    whether or not the household or the fund exists.
    """
    obligation = selectors.own_obligation(request.user, fund_id, household_id)
    if obligation is None:
        raise Http404("not the user's household")
    fund = obligation.fund
    context = {
        "fund": fund,
        "obligation": obligation,
        "rows": selectors.household_running_balance(fund, household_id),
        "line": selectors.household_lines(fund, obligations=[obligation])[0],
        "vote": fund.vote,
        "papers": selectors.papers_represented_by(request.user, fund.pk, household_id),
        "legal_basis": LEGAL_BASIS,
    }
    return render(request, "funds/household_statement.html", context)


@signed_in_view
def my_paper_file(request: HttpRequest, paper_id: int) -> FileResponse:
    """The signed PDF of a paper issued to the household the signed-in person represents (a receipt, a statement).

    Any other id (another household's paper, a donor's receipt, one that does not exist) is a 404 alike: guessing
    ids tells nothing. Staff open papers through ``paper_file``.
    """
    paper = selectors.own_paper(request.user, paper_id)
    if paper is None:
        raise Http404("not a paper of the user's household")
    document = paper.document
    return FileResponse(document.pdf_file.open("rb"), filename=f"{document.symbol or 'van-ban'}.pdf")
