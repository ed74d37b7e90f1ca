"""The meeting and ballot pages: the register of households (attendance, hands, returned ballots), the officers
and the secret count, cluster sessions, printed ballots, and the register of documents delivered (D1–D3).

[ND59] art. 3(4): for D1–D3 the documents reach every household ≥ 2 days before the meeting. The
village head marks "all households on day X" in one go, then the exceptions one by one; opening
the meeting checks the register (``services.vote_open``).
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.db.models import OuterRef, Q, Subquery
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from grassroots.accounts.authorize import (
    action_required,
    get_object_in_units,
)
from grassroots.accounts.rules import Action
from grassroots.core import clock
from grassroots.core.errors import DomainError
from grassroots.core.params import ascii_int
from grassroots.units.models import Household
from grassroots.voting import rules, selectors, services
from grassroots.voting.forms import (
    ClusterCountForm,
    ClusterSessionForm,
    CountForm,
    DeliveryBulkForm,
    DeliveryOneForm,
    MoveToBallotsForm,
    OfficersForm,
)
from grassroots.voting.models import (
    BallotSerial,
    Channel,
    ClusterSession,
    CommunityVote,
    DocumentDelivery,
    IssuedBallot,
    VoteForm,
    VoteStatus,
)
from grassroots.voting.services import cluster_counts
from grassroots.voting.views import (
    RUN_ACTIONS,
    _act,
    _detail,
    _domain_message,
    _require_runner,
    _visible_vote,
    _vote_for,
)

HOUSEHOLDS_PER_PAGE = 400
"""The dense register shows this many households at once; search narrows it."""
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
    households = Household.objects.of_unit_on(vote.unit_id, today).count()
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
    rows = Household.objects.of_unit_on(vote.unit_id, clock.today()).select_related("representative")
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


@action_required(*RUN_ACTIONS, per_object=True)
def meeting_register(request: HttpRequest, vote_id: int) -> HttpResponse:
    """The dense household list: present toggle and hands, searchable by household code or name."""
    vote = _vote_for(request, vote_id)
    _require_runner(request, vote)
    if vote.form == VoteForm.ONLINE:
        raise Http404("online votes are cast by the households themselves")
    search = request.GET.get("q", "").strip()[:60]
    rows = list(selectors.meeting_rows(vote, search)[:HOUSEHOLDS_PER_PAGE])
    context = {
        "vote": vote,
        "rows": rows,
        "search": search,
        "sessions": list(vote.sessions.all()),
        "session": _session_from(request, vote),
        "tally": selectors.tally(vote),
        "options": list(vote.options.all()),
        "is_open": vote.status == VoteStatus.OPEN,
    }
    template = "voting/_register_rows.html" if getattr(request, "htmx", False) else "voting/meeting_register.html"
    return render(request, template, context)


def _row_response(request: HttpRequest, vote: CommunityVote, household: Household, error: str = "") -> HttpResponse:
    row = selectors.meeting_rows(vote).get(pk=household.pk)
    session = _session_from(request, vote)
    context = {
        "row_error": error,
        "vote": vote,
        "row": row,
        "session": session,
        "tally": selectors.tally(vote),
        "options": list(vote.options.all()),
        "is_open": vote.status == VoteStatus.OPEN,
    }
    if getattr(request, "htmx", False):
        response = render(request, "voting/_register_row.html", context)
        # The tally above the list refreshes itself on this event (a row cannot carry it out of band).
        response["HX-Trigger"] = "tally-changed"
        return response
    query = f"?session={session.pk}" if session is not None else ""
    return redirect(reverse("voting:meeting_register", kwargs={"vote_id": vote.pk}) + f"{query}#ho-{household.pk}")


@action_required(Action.VIEW_UNIT, per_object=True)
def tally_partial(request: HttpRequest, vote_id: int) -> HttpResponse:
    vote = _visible_vote(request, vote_id)
    return render(request, "voting/_tally.html", {"vote": vote, "tally": selectors.tally(vote)})


@action_required(*RUN_ACTIONS, per_object=True)
@require_POST
def attendance_toggle(request: HttpRequest, vote_id: int, household_id: int) -> HttpResponse:
    vote = _vote_for(request, vote_id)
    _require_runner(request, vote)
    household = get_object_or_404(Household, pk=household_id, community_id=vote.unit_id)
    try:
        services.meeting_attendance_set(
            vote=vote,
            household=household,
            present=request.POST.get("present") == "1",
            session=_session_from(request, vote),
            actor=request.user,
        )
    except DomainError as error:
        if not getattr(request, "htmx", False):
            _domain_message(request, error)
        return _row_response(request, vote, household, error.message)
    return _row_response(request, vote, household)


@action_required(*RUN_ACTIONS, per_object=True)
@require_POST
def hand_record(request: HttpRequest, vote_id: int, household_id: int) -> HttpResponse:
    vote = _vote_for(request, vote_id)
    _require_runner(request, vote)
    household = get_object_or_404(Household, pk=household_id, community_id=vote.unit_id)
    option = request.POST.get("option") or None
    try:
        services.vote_cast(
            vote=vote,
            household=household,
            option_key=option,
            channel=(
                Channel.PAPER_BALLOT
                if vote.form == VoteForm.HOUSEHOLD_BALLOT
                else Channel.MEETING_BALLOT
                if vote.is_secret
                else Channel.MEETING_HANDS
            ),
            actor=request.user,
        )
    except DomainError as error:
        if not getattr(request, "htmx", False):
            _domain_message(request, error)
        return _row_response(request, vote, household, error.message)
    return _row_response(request, vote, household)


@action_required(*RUN_ACTIONS, per_object=True)
@require_POST
def officers_approve(request: HttpRequest, vote_id: int) -> HttpResponse:
    vote = _vote_for(request, vote_id)
    _require_runner(request, vote)
    form = OfficersForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Cần nhập họ tên thư ký và số hộ tán thành."))
        return _detail(vote)
    data = form.cleaned_data
    witness_codes = [code.strip() for code in data["witnesses"].split(",") if code.strip()]
    witnesses = list(Household.objects.filter(community_id=vote.unit_id, code__in=witness_codes))
    if len(witnesses) != len(witness_codes):
        messages.error(request, _("Có mã hộ chứng kiến không thuộc thôn này."))
        return _detail(vote)
    return _act(
        request,
        lambda: services.meeting_officers_approve(
            vote=vote,
            secretary=data["secretary"],
            approving=data["approving"],
            counting_board=data["counting_board"].splitlines(),
            witnesses=witnesses,
            actor=request.user,
        ),
        _("Đã ghi nhận thư ký và tổ kiểm phiếu."),
        _detail(vote),
    )


@action_required(*RUN_ACTIONS, per_object=True)
@require_POST
def ballots_count(request: HttpRequest, vote_id: int) -> HttpResponse:
    vote = _vote_for(request, vote_id)
    _require_runner(request, vote)
    form = CountForm(request.POST, options=[(o.key, o.label) for o in vote.options.all()])
    if selectors.has_cluster_counts(vote):
        # Counted by cluster: the village total is their sum, never a second figure typed apart.
        messages.error(request, str(services.MESSAGES["decisions.cluster_count.use_clusters"]))
    elif form.is_valid():
        try:
            services.vote_count_ballots(vote=vote, counts=form.cleaned_data, actor=request.user)
        except DomainError as error:
            _domain_message(request, error)
    else:
        messages.error(request, _("Số phiếu phải là số không âm."))
    return _detail(vote)


@action_required(*RUN_ACTIONS, per_object=True)
@require_POST
def cluster_count_record(request: HttpRequest, vote_id: int) -> HttpResponse:
    """The counting board enters one residential cluster's count of a secret ballot campaign."""
    vote = _vote_for(request, vote_id)
    _require_runner(request, vote)
    form = ClusterCountForm(request.POST, options=[(o.key, o.label) for o in vote.options.all()])
    if not form.is_valid():
        messages.error(request, _("Cần ghi tên cụm; số phiếu phải là số không âm."))
        return _detail(vote)
    data = form.cleaned_data
    return _act(
        request,
        lambda: cluster_counts.cluster_count_record(
            vote=vote,
            name=data["name"],
            ballots_issued=data["ballots_issued"],
            ballots_returned=data["ballots_returned"],
            counts=form.counts(),
            actor=request.user,
        ),
        _("Đã ghi kết quả kiểm phiếu của cụm."),
        _detail(vote),
    )


@action_required(*RUN_ACTIONS, per_object=True)
@require_POST
def cluster_counts_total(request: HttpRequest, vote_id: int) -> HttpResponse:
    """Record the village's count as the sum of the clusters' counts."""
    vote = _vote_for(request, vote_id)
    _require_runner(request, vote)
    return _act(
        request,
        lambda: cluster_counts.cluster_counts_total(vote=vote, actor=request.user),
        _("Đã cộng kết quả các cụm và ghi kết quả cả thôn."),
        _detail(vote),
    )


@action_required(*RUN_ACTIONS, per_object=True)
@require_POST
def move_to_ballots(request: HttpRequest, vote_id: int) -> HttpResponse:
    vote = _vote_for(request, vote_id)
    _require_runner(request, vote)
    form = MoveToBallotsForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Cần nhập ngày phát phiếu và hạn thu phiếu."))
        return _detail(vote)
    try:
        campaign = services.vote_move_to_ballots(
            vote=vote,
            starts_at=form.cleaned_data["starts_at"],
            ends_at=form.cleaned_data["ends_at"],
            actor=request.user,
        )
    except DomainError as error:
        _domain_message(request, error)
        return _detail(vote)
    messages.success(request, _("Đã chuyển sang phát phiếu lấy ý kiến hộ gia đình."))
    return _detail(campaign)


@action_required(*RUN_ACTIONS, per_object=True)
def ballots_print(request: HttpRequest, vote_id: int) -> HttpResponse:
    """One printable ballot per household; commune stamp top-left or village-head signature bottom-right.

    An open campaign prints numbered ballots naming their household. A secret one prints unnamed ballots
    with random serials, in random order: nothing on the paper or in the database ties one to a household.
    """
    vote = _vote_for(request, vote_id)
    _require_runner(request, vote)
    ballots: Any
    if vote.is_secret:
        ballots = list(BallotSerial.objects.filter(vote=vote).order_by("id"))
    else:
        ballots = IssuedBallot.objects.filter(vote=vote).select_related("household__representative").order_by("number")
    context = {
        "vote": vote,
        "ballots": ballots,
        "options": vote.options.all(),
        "commune_scope": vote.parent_id is not None,
    }
    return render(request, "voting/ballots_print.html", context)


@action_required(Action.VIEW_UNIT, per_object=True)
def participants(request: HttpRequest, vote_id: int) -> HttpResponse:
    vote = _visible_vote(request, vote_id)
    return render(request, "voting/participants.html", {"vote": vote, "rows": selectors.online_participants(vote)})


@action_required(*RUN_ACTIONS, per_object=True)
@require_POST
def cluster_session_add(request: HttpRequest, vote_id: int) -> HttpResponse:
    """Add a cluster session to a meeting of a community of ≥ 200 households ([L] art. 18(3))."""
    vote = get_object_in_units(request, CommunityVote.objects.select_related("unit"), "unit", pk=vote_id)
    _require_runner(request, vote)
    form = ClusterSessionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Cần nhập tên cụm, người chủ trì và thời điểm họp."))
        return _detail(vote)
    return _act(
        request,
        lambda: services.cluster_session_add(vote=vote, actor=request.user, **form.cleaned_data),
        _("Đã thêm phiên họp cụm."),
        _detail(vote),
    )


def _session_from(request: HttpRequest, vote: CommunityVote) -> ClusterSession | None:
    """The cluster session chosen at the top of the register (``session`` in the query or the form)."""
    raw = request.POST.get("session") or request.GET.get("session") or ""
    session_id = ascii_int(raw)
    if session_id is None:
        return None
    return ClusterSession.objects.filter(vote=vote, pk=session_id).first()
