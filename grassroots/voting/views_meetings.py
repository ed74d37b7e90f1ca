"""Meeting preparation pages: the register of documents delivered to each household (D1–D3).

[ND59] art. 3(4): for D1–D3 the documents reach every household ≥ 2 days before the meeting. The
village head marks "all households on day X" in one go, then the exceptions one by one; opening
the meeting checks the register (``services.vote_open``).
"""

from __future__ import annotations

from django.contrib import messages
from django.db.models import OuterRef, Q, Subquery
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from grassroots.accounts.authorize import action_required
from grassroots.core import clock
from grassroots.core.errors import DomainError
from grassroots.units import selectors as unit_selectors
from grassroots.units.models import Household
from grassroots.voting import rules, selectors, services
from grassroots.voting.forms import DeliveryBulkForm, DeliveryOneForm
from grassroots.voting.models import CommunityVote, DocumentDelivery, VoteForm
from grassroots.voting.views import RUN_ACTIONS, _require_runner, _vote_for

DELIVERY_ROWS = 400


def _delivery_vote(request: HttpRequest, vote_id: int) -> CommunityVote:
    vote = _vote_for(request, vote_id)
    _require_runner(request, vote)
    if vote.form != VoteForm.MEETING or not rules.needs_documents(matter=vote.matter, purpose=vote.purpose):
        raise Http404("no documents to deliver for this vote")
    return vote


def delivery_summary(vote: CommunityVote) -> dict[str, object]:
    """How many active households got the documents in time, for the meeting page."""
    today = clock.today()
    households = unit_selectors.active_household_count(vote.unit_id, today)
    in_time = selectors.deliveries_in_time(vote, today)
    return {
        "households": households,
        "in_time": in_time,
        "missing": max(households - in_time, 0),
        "latest": rules.documents_latest_day(clock.localdate(vote.starts_at)),
    }


@action_required(*RUN_ACTIONS, per_object=True)
def deliveries(request: HttpRequest, vote_id: int) -> HttpResponse:
    """The delivery register: one row per active household with its delivery date and method."""
    vote = _delivery_vote(request, vote_id)
    search = request.GET.get("q", "").strip()[:60]
    delivery = DocumentDelivery.objects.filter(vote=vote, household=OuterRef("pk"))
    rows = unit_selectors.households_active_on(vote.unit_id, clock.today()).select_related("representative")
    if search:
        rows = rows.filter(Q(code__icontains=search) | Q(representative__full_name__icontains=search))
    rows = rows.annotate(
        delivered_on=Subquery(delivery.values("delivered_on")[:1]),
        delivery_method=Subquery(delivery.values("method")[:1]),
    ).order_by("code")
    context = {
        "vote": vote,
        "rows": list(rows[:DELIVERY_ROWS]),
        "search": search,
        "summary": delivery_summary(vote),
        "bulk_form": DeliveryBulkForm(initial={"delivered_on": clock.today()}),
        "one_form": DeliveryOneForm(initial={"delivered_on": clock.today()}),
        "can_edit": vote.status in ("draft", "scheduled"),
    }
    return render(request, "voting/deliveries.html", context)


def _to_deliveries(vote: CommunityVote) -> HttpResponse:
    return redirect("voting:deliveries", vote_id=vote.pk)


@action_required(*RUN_ACTIONS, per_object=True)
@require_POST
def deliveries_bulk(request: HttpRequest, vote_id: int) -> HttpResponse:
    """Every active household received the documents on day X, except the listed household codes."""
    vote = _delivery_vote(request, vote_id)
    form = DeliveryBulkForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Cần nhập ngày giao và cách giao tài liệu."))
        return _to_deliveries(vote)
    codes = [code.strip() for code in form.cleaned_data["except_codes"].split(",") if code.strip()]
    excepted = list(Household.objects.filter(community_id=vote.unit_id, code__in=codes))
    if len(excepted) != len(set(codes)):
        known = {household.code for household in excepted}
        unknown = ", ".join(code for code in codes if code not in known)
        messages.error(request, _("Không có hộ mang mã: %(codes)s.") % {"codes": unknown})
        return _to_deliveries(vote)
    try:
        count = services.documents_deliveries_record(
            vote=vote,
            delivered_on=form.cleaned_data["delivered_on"],
            method=form.cleaned_data["method"],
            except_households=excepted,
            actor=request.user,
        )
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Đã ghi nhận giao tài liệu cho %(count)s hộ.") % {"count": count})
    return _to_deliveries(vote)


@action_required(*RUN_ACTIONS, per_object=True)
@require_POST
def delivery_one(request: HttpRequest, vote_id: int, household_id: int) -> HttpResponse:
    """One household's delivery (an exception to the bulk date), or ``clear=1`` to remove it."""
    vote = _delivery_vote(request, vote_id)
    household = get_object_or_404(Household, pk=household_id, community_id=vote.unit_id)
    try:
        if request.POST.get("clear") == "1":
            services.documents_delivery_clear(vote=vote, household=household, actor=request.user)
            messages.success(request, _("Đã xóa ghi nhận của hộ %(code)s.") % {"code": household.code})
        else:
            form = DeliveryOneForm(request.POST)
            if not form.is_valid():
                messages.error(request, _("Cần nhập ngày giao và cách giao tài liệu."))
                return _to_deliveries(vote)
            services.documents_deliveries_record(
                vote=vote,
                households=[household],
                delivered_on=form.cleaned_data["delivered_on"],
                method=form.cleaned_data["method"],
                actor=request.user,
            )
            messages.success(request, _("Đã ghi nhận hộ %(code)s.") % {"code": household.code})
    except DomainError as error:
        messages.error(request, error.message)
    return _to_deliveries(vote)
