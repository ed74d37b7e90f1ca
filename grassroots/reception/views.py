"""Pages of citizen reception and dialogue conferences: the officers' and the public schedule.

Parse → authorize (404 outside the user's units, 403 visible but not allowed) → one service call → redirect, or the
form again with the service's Vietnamese message and the input kept.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from grassroots.accounts import selectors as account_selectors
from grassroots.accounts.authorize import (
    action_required,
    get_object_in_units,
    get_unit_for_view,
    public_view,
    require_action,
    signed_in_view,
)
from grassroots.accounts.form_page import Done, form_page
from grassroots.accounts.models import User
from grassroots.accounts.rules import PERMISSION_MATRIX, Action
from grassroots.core import clock
from grassroots.core.errors import DomainError
from grassroots.core.params import ascii_int
from grassroots.reception import forms, rules, selectors, services
from grassroots.reception.models import (
    BookingStatus,
    DialogueConference,
    DialogueQuestion,
    DialogueStatus,
    ReceptionBooking,
    ReceptionSession,
    VoterRequestDrive,
)
from grassroots.units.models import AdministrativeUnit, UnitLevel


def _commune(request: HttpRequest, slug: str, action: Action) -> AdministrativeUnit:
    commune = get_unit_for_view(request, slug)
    if commune.level != UnitLevel.COMMUNE:
        raise Http404("not a commune")
    require_action(request, action, commune)
    return commune


def _public_commune(slug: str) -> AdministrativeUnit:
    commune = AdministrativeUnit.objects.filter(slug=slug, level=UnitLevel.COMMUNE).first()
    if commune is None:
        raise Http404("commune not found")
    return commune


def _receivers(unit: AdministrativeUnit) -> QuerySet[User]:
    roles = [role for role, actions in PERMISSION_MATRIX.items() if Action.RUN_RECEPTION in actions]
    ids = account_selectors.active_memberships_in(unit).filter(role__in=roles).values("user_id")
    return User.objects.filter(pk__in=ids).order_by("full_name", "pk")


# --- reception ----------------------------------------------------------------------------------


@action_required(Action.RUN_RECEPTION, per_object=True)
def staff_index(request: HttpRequest, commune_slug: str) -> HttpResponse:
    """The schedule, the monthly compliance, the missed days and the sessions of one commune."""
    commune = _commune(request, commune_slug, Action.RUN_RECEPTION)
    today = clock.today()
    context = {
        "commune": commune,
        "today": today,
        "schedule": selectors.current_schedule(commune, today),
        "upcoming": selectors.upcoming_days(commune, today, weeks=4),
        "missed": selectors.missed_days(commune, today),
        "compliance": selectors.recent_compliance(commune, today),
        "sessions": selectors.sessions_of(commune)[:50],
        "bookings": selectors.live_bookings(commune, today, today + dt.timedelta(weeks=selectors.booking_weeks())),
        "cancelled_days": selectors.cancelled_days(commune, today, today + dt.timedelta(weeks=8)),
    }
    return render(request, "reception/staff_index.html", context)


@action_required(Action.RUN_RECEPTION, per_object=True)
@require_http_methods(["GET", "POST"])
def schedule_edit(request: HttpRequest, commune_slug: str) -> HttpResponse:
    commune = _commune(request, commune_slug, Action.RUN_RECEPTION)
    current = selectors.current_schedule(commune, clock.today())
    initial: dict[str, Any] = {"valid_from": clock.today()}
    if current is not None:
        initial |= {
            "weekday": current.weekday,
            "weeks": list(current.week_numbers),
            "start_time": current.start_time,
            "end_time": current.end_time,
            "place": current.place,
        }
    form = forms.ScheduleForm(request.POST or None, initial=initial)
    return form_page(
        request,
        form,
        action=Action.RUN_RECEPTION,
        unit=commune,
        perform=lambda data: services.schedule_set(unit=commune, actor=request.user, **data),
        done=lambda _schedule: Done(
            _("Đã ban hành lịch tiếp công dân."),
            reverse("reception:staff_index", kwargs={"commune_slug": commune.slug}),
        ),
        template="reception/form_page.html",
        context={"commune": commune, "heading": _("Lịch tiếp công dân định kỳ của Chủ tịch UBND xã")},
    )


@action_required(Action.RUN_RECEPTION, per_object=True)
@require_http_methods(["GET", "POST"])
def session_new(request: HttpRequest, commune_slug: str) -> HttpResponse:
    commune = _commune(request, commune_slug, Action.RUN_RECEPTION)
    receivers = list(_receivers(commune))
    schedule = selectors.current_schedule(commune, clock.today())
    form = forms.SessionForm(
        request.POST or None,
        receivers=receivers,
        initial={"held_on": clock.today(), "place": schedule.place if schedule else ""},
    )
    by_pk = {user.pk: user for user in receivers}
    return form_page(
        request,
        form,
        action=Action.RUN_RECEPTION,
        unit=commune,
        perform=lambda data: services.session_record(
            unit=commune,
            held_on=data["held_on"],
            kind=data["kind"],
            receiver=by_pk.get(data["receiver"]),
            place=data["place"],
            note=data["note"],
            actor=request.user,
        ),
        done=lambda session: Done(
            _("Đã ghi nhận buổi tiếp công dân."), reverse("reception:session_detail", kwargs={"pk": session.pk})
        ),
        template="reception/form_page.html",
        context={"commune": commune, "heading": _("Ghi nhận buổi tiếp công dân")},
    )


def _session(request: HttpRequest, pk: int) -> ReceptionSession:
    session = get_object_in_units(request, ReceptionSession.objects.select_related("unit", "receiver"), "unit", pk=pk)
    require_action(request, Action.RUN_RECEPTION, session.unit)
    return session


@action_required(Action.RUN_RECEPTION, per_object=True)
def session_detail(request: HttpRequest, pk: int) -> HttpResponse:
    session = _session(request, pk)
    context = {"session": session, "commune": session.unit, "visits": selectors.visits_of(session)}
    return render(request, "reception/session_detail.html", context)


@action_required(Action.RUN_RECEPTION, per_object=True)
@require_http_methods(["GET", "POST"])
def visit_new(request: HttpRequest, pk: int) -> HttpResponse:
    """A citizen received at the session; what they raise may become a case on its legal clock."""
    session = _session(request, pk)
    form = forms.VisitForm(request.POST or None)
    return form_page(
        request,
        form,
        action=Action.RUN_RECEPTION,
        unit=session.unit,
        perform=lambda data: services.visit_record(session=session, actor=request.user, **data),
        done=lambda visit: Done(
            _("Đã ghi nhận công dân được tiếp.")
            + (" " + _("Đã tạo vụ việc #%(pk)s.") % {"pk": visit.case_id} if visit.case_id else "")
            + (
                " " + _("Khiếu nại đã quá thời hiệu 90 ngày: không thụ lý, trừ khi có trở ngại khách quan.")
                if visit.case is not None and visit.case.filed_late
                else ""
            ),
            reverse("reception:session_detail", kwargs={"pk": session.pk}),
        ),
        template="reception/form_page.html",
        context={"commune": session.unit, "heading": _("Công dân được tiếp"), "session": session},
    )


@public_view
def public_schedule(request: HttpRequest, commune_slug: str) -> HttpResponse:
    """The chair's reception schedule and the next days, the commune's dialogue conferences and their minutes."""
    commune = _public_commune(commune_slug)
    today = clock.today()
    conferences = (
        selectors.conferences_of(commune)
        .filter(status__in=[DialogueStatus.ANNOUNCED, DialogueStatus.HELD, DialogueStatus.PUBLISHED])
        .select_related("minutes")[:20]
    )
    context = {
        "commune": commune,
        "today": today,
        "schedule": selectors.current_schedule(commune, today),
        "upcoming": selectors.upcoming_days(commune, today, weeks=8),
        "compliance": selectors.recent_compliance(commune, today, months=3),
        "conferences": conferences,
    }
    return render(request, "reception/public_schedule.html", context)


# --- dialogue -----------------------------------------------------------------------------------


@action_required(Action.RUN_DIALOGUES, per_object=True)
def dialogue_list(request: HttpRequest, commune_slug: str) -> HttpResponse:
    commune = _commune(request, commune_slug, Action.RUN_DIALOGUES)
    today = clock.today()
    context = {
        "commune": commune,
        "year": today.year,
        "obligation_met": selectors.yearly_obligation_met(commune, today.year),
        "conferences": selectors.conferences_of(commune)[:50],
    }
    return render(request, "reception/dialogue_list.html", context)


@action_required(Action.RUN_DIALOGUES, per_object=True)
@require_http_methods(["GET", "POST"])
def dialogue_new(request: HttpRequest, commune_slug: str) -> HttpResponse:
    commune = _commune(request, commune_slug, Action.RUN_DIALOGUES)
    awaiting = {drive.pk: drive for drive in selectors.drives_awaiting_conference(commune)}
    chosen = request.GET.get("kien-nghi", "")
    form = forms.ConferenceForm(
        request.POST or None,
        drives=[(pk, drive.subject) for pk, drive in awaiting.items()],
        initial={"voter_drive": ascii_int(chosen)} if ascii_int(chosen) is not None else None,
    )

    def perform(data: dict[str, Any]) -> DialogueConference:
        drive = awaiting.get(data.pop("voter_drive", None) or 0)
        return services.conference_plan(unit=commune, voter_drive=drive, actor=request.user, **data)

    return form_page(
        request,
        form,
        action=Action.RUN_DIALOGUES,
        unit=commune,
        perform=perform,
        done=lambda conference: Done(
            _("Đã lập kế hoạch hội nghị đối thoại."),
            reverse("reception:dialogue_detail", kwargs={"pk": conference.pk}),
        ),
        template="reception/form_page.html",
        context={"commune": commune, "heading": _("Kế hoạch hội nghị đối thoại")},
    )


def _conference(request: HttpRequest, pk: int) -> DialogueConference:
    conference = get_object_in_units(
        request, DialogueConference.objects.select_related("unit", "minutes"), "unit", pk=pk
    )
    require_action(request, Action.RUN_DIALOGUES, conference.unit)
    return conference


def _detail_url(conference: DialogueConference) -> str:
    return reverse("reception:dialogue_detail", kwargs={"pk": conference.pk})


@action_required(Action.RUN_DIALOGUES, per_object=True)
def dialogue_detail(request: HttpRequest, pk: int) -> HttpResponse:
    conference = _conference(request, pk)
    context = {
        "conference": conference,
        "commune": conference.unit,
        "today": clock.today(),
        "announce_by": selectors.announce_by(conference),
        "results_due": selectors.results_due(conference),
        "questions": conference.questions.all(),
        "question_form": forms.QuestionForm(),
        "is_open": conference.status not in (DialogueStatus.PUBLISHED, DialogueStatus.CANCELLED),
    }
    return render(request, "reception/dialogue_detail.html", context)


def _step(request: HttpRequest, conference: DialogueConference, perform: Any, done: str) -> HttpResponse:
    try:
        perform()
    except DomainError as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(request, done)
    return redirect(_detail_url(conference))


@action_required(Action.RUN_DIALOGUES, per_object=True)
@require_POST
def dialogue_announce(request: HttpRequest, pk: int) -> HttpResponse:
    conference = _conference(request, pk)
    return _step(
        request,
        conference,
        lambda: services.conference_announce(conference=conference, actor=request.user),
        _("Đã thông báo hội nghị."),
    )


@action_required(Action.RUN_DIALOGUES, per_object=True)
@require_POST
def dialogue_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    conference = _conference(request, pk)
    return _step(
        request,
        conference,
        lambda: services.conference_cancel(conference=conference, actor=request.user),
        _("Đã hủy hội nghị."),
    )


@action_required(Action.RUN_DIALOGUES, per_object=True)
@require_POST
def dialogue_publish(request: HttpRequest, pk: int) -> HttpResponse:
    conference = _conference(request, pk)
    return _step(
        request,
        conference,
        lambda: services.conference_results_publish(conference=conference, actor=request.user),
        _("Đã ban hành biên bản và thông báo kết quả hội nghị."),
    )


@action_required(Action.RUN_DIALOGUES, per_object=True)
@require_POST
def question_add(request: HttpRequest, pk: int) -> HttpResponse:
    conference = _conference(request, pk)
    form = forms.QuestionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Hãy nhập câu hỏi, kiến nghị."))
        return redirect(_detail_url(conference))
    return _step(
        request,
        conference,
        lambda: services.question_add(conference=conference, actor=request.user, **form.cleaned_data),
        _("Đã thêm câu hỏi."),
    )


@action_required(Action.RUN_DIALOGUES, per_object=True)
@require_http_methods(["GET", "POST"])
def dialogue_hold(request: HttpRequest, pk: int) -> HttpResponse:
    conference = _conference(request, pk)
    form = forms.HoldForm(request.POST or None, initial={"held_on": conference.planned_on})
    return form_page(
        request,
        form,
        action=Action.RUN_DIALOGUES,
        unit=conference.unit,
        available=conference.status == DialogueStatus.ANNOUNCED,
        perform=lambda data: services.conference_hold(conference=conference, actor=request.user, **data),
        done=lambda held: Done(_("Đã ghi nhận hội nghị đã tổ chức."), _detail_url(held)),
        template="reception/form_page.html",
        context={"commune": conference.unit, "heading": _("Ghi nhận hội nghị đã tổ chức")},
    )


def _question(request: HttpRequest, pk: int, question_id: int) -> DialogueQuestion:
    conference = _conference(request, pk)
    question = DialogueQuestion.objects.filter(pk=question_id, conference=conference).first()
    if question is None:
        raise Http404("question not found")
    return question


@action_required(Action.RUN_DIALOGUES, per_object=True)
@require_http_methods(["GET", "POST"])
def question_answer(request: HttpRequest, pk: int, question_id: int) -> HttpResponse:
    question = _question(request, pk, question_id)
    conference = question.conference
    form = forms.AnswerForm(
        request.POST or None,
        initial={
            "answer": question.answer,
            "commitment": question.commitment,
            "commitment_due": question.commitment_due,
        },
    )
    return form_page(
        request,
        form,
        action=Action.RUN_DIALOGUES,
        unit=conference.unit,
        perform=lambda data: services.question_answer(question=question, actor=request.user, **data),
        done=lambda _answered: Done(_("Đã ghi câu trả lời."), _detail_url(conference)),
        template="reception/form_page.html",
        context={"commune": conference.unit, "heading": _("Trả lời câu hỏi"), "question": question},
    )


@action_required(Action.RUN_DIALOGUES, per_object=True)
@require_POST
def commitment_done(request: HttpRequest, pk: int, question_id: int) -> HttpResponse:
    question = _question(request, pk, question_id)
    return _step(
        request,
        question.conference,
        lambda: services.commitment_complete(question=question, actor=request.user),
        _("Đã ghi nhận cam kết hoàn thành."),
    )


# --- booking a slot (citizens) ---------------------------------------------------------------------


@signed_in_view
@require_http_methods(["GET", "POST"])
def booking_page(request: HttpRequest, commune_slug: str) -> HttpResponse:
    """A citizen picks a free slot of the chair's next reception days and books it; their bookings, to cancel."""
    commune = _public_commune(commune_slug)
    today = clock.today()
    form = forms.BookingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        day, start = form.cleaned_data["slot"]
        try:
            services.booking_create(
                unit=commune,
                day=day,
                slot_start=start,
                phone=form.cleaned_data["phone"],
                summary=form.cleaned_data["summary"],
                actor=request.user,
            )
        except DomainError as refusal:
            form.add_error(None, refusal.message)
        else:
            messages.success(request, _("Đã đặt lịch. Hãy mang theo giấy tờ tùy thân khi đến."))
            return redirect("reception:booking_page", commune_slug=commune.slug)
    context = {
        "commune": commune,
        "today": today,
        "form": form,
        "schedule": selectors.current_schedule(commune, today),
        "table": selectors.slot_table(commune, today),
        "mine": selectors.bookings_of_citizen(request.user, today).filter(unit=commune),
        "booked": BookingStatus.BOOKED,
    }
    return render(request, "reception/booking.html", context, status=400 if form.errors else 200)


@signed_in_view
@require_POST
def booking_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    """The citizen cancels their own booking (someone else's is a 404: it is not theirs to see)."""
    booking = ReceptionBooking.objects.filter(pk=pk, citizen_id=request.user.pk).select_related("unit").first()
    if booking is None:
        raise Http404("booking not found")
    try:
        services.booking_cancel(booking=booking, actor=request.user)
    except DomainError as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(request, _("Đã hủy lịch hẹn."))
    return redirect("reception:booking_page", commune_slug=booking.unit.slug)


# --- cancelling bookings and reception days (officers) --------------------------------------------


@action_required(Action.RUN_RECEPTION, per_object=True)
@require_http_methods(["GET", "POST"])
def booking_officer_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    """A reception officer cancels a citizen's booking with a reason; the citizen is notified."""
    booking = get_object_in_units(request, ReceptionBooking.objects.select_related("unit", "citizen"), "unit", pk=pk)
    commune = booking.unit
    form = forms.BookingCancelForm(request.POST or None)
    return form_page(
        request,
        form,
        action=Action.RUN_RECEPTION,
        unit=commune,
        available=booking.status == BookingStatus.BOOKED,
        perform=lambda data: services.booking_cancel(booking=booking, actor=request.user, reason=data["reason"]),
        done=lambda _booking: Done(
            _("Đã hủy lịch hẹn và báo cho công dân."),
            reverse("reception:staff_index", kwargs={"commune_slug": commune.slug}),
        ),
        template="reception/form_page.html",
        context={"commune": commune, "heading": _("Hủy lịch hẹn của công dân"), "booking": booking},
    )


@action_required(Action.RUN_RECEPTION, per_object=True)
@require_http_methods(["GET", "POST"])
def day_cancel(request: HttpRequest, commune_slug: str) -> HttpResponse:
    """A scheduled reception day will not take place: every citizen booked that day is told why."""
    commune = _commune(request, commune_slug, Action.RUN_RECEPTION)
    form = forms.DayCancelForm(request.POST or None)
    return form_page(
        request,
        form,
        action=Action.RUN_RECEPTION,
        unit=commune,
        perform=lambda data: services.reception_day_cancel(unit=commune, actor=request.user, **data),
        done=lambda _cancellation: Done(
            _("Đã hủy buổi tiếp và báo cho công dân đã đặt lịch."),
            reverse("reception:staff_index", kwargs={"commune_slug": commune.slug}),
        ),
        template="reception/form_page.html",
        context={
            "commune": commune,
            "heading": _("Hủy một buổi tiếp theo lịch"),
            "upcoming": selectors.bookable_days(commune, clock.today()),
        },
    )


# --- voters' requests for a dialogue ---------------------------------------------------------------


@action_required(Action.RUN_DIALOGUES, per_object=True)
@require_http_methods(["GET", "POST"])
def drive_list(request: HttpRequest, commune_slug: str) -> HttpResponse:
    """The commune's counts of voters asking for a dialogue, and opening a new one."""
    commune = _commune(request, commune_slug, Action.RUN_DIALOGUES)
    form = forms.DriveForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            drive = services.drive_open(unit=commune, actor=request.user, **form.cleaned_data)
        except DomainError as refusal:
            form.add_error(None, refusal.message)
        else:
            messages.success(request, _("Đã mở đợt ghi nhận kiến nghị của cử tri."))
            return redirect("reception:drive_detail", pk=drive.pk)
    percent = selectors.voter_request_percent()
    rows = [(drive, selectors.drive_threshold(drive)) for drive in selectors.drives_of(commune)[:50]]
    context = {"commune": commune, "form": form, "rows": rows, "percent": percent}
    return render(request, "reception/drive_list.html", context, status=400 if form.errors else 200)


@action_required(Action.RUN_DIALOGUES, per_object=True)
@require_http_methods(["GET", "POST"])
def drive_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One drive: the counter against the share, the requests recorded, recording one more."""
    drive = get_object_in_units(request, VoterRequestDrive.objects.select_related("unit", "conference"), "unit", pk=pk)
    require_action(request, Action.RUN_DIALOGUES, drive.unit)
    form = forms.SignatureForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.signature_record(drive=drive, actor=request.user, **form.cleaned_data)
        except DomainError as refusal:
            form.add_error(None, refusal.message)
        else:
            messages.success(request, _("Đã ghi nhận đề nghị của cử tri."))
            return redirect("reception:drive_detail", pk=drive.pk)
    drive.refresh_from_db()
    signed = drive.signatures.count()
    threshold = selectors.drive_threshold(drive)
    context = {
        "drive": drive,
        "commune": drive.unit,
        "form": form,
        "signed": signed,
        "threshold": threshold,
        "missing": max(0, threshold - signed),
        "percent": selectors.voter_request_percent(),
        "hold_by": (
            rules.voter_request_hold_by(drive.threshold_reached_on, selectors.voter_request_hold_days())
            if drive.threshold_reached_on
            else None
        ),
        "signatures": drive.signatures.order_by("-pk")[:200],
    }
    return render(request, "reception/drive_detail.html", context, status=400 if form.errors else 200)
