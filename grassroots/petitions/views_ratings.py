"""Pages of the satisfaction rating of procedures ([L] arts 34–35): the desk records a procedure handed over, the
resident rates it, the chair and the public read the results (``ratings``)."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from grassroots.accounts.authorize import action_required, get_unit_for_view, require_action, signed_in_view
from grassroots.accounts.rules import Action
from grassroots.core.errors import DomainError
from grassroots.petitions import forms, ratings
from grassroots.petitions.views import _handlers

FIELD_OF = {
    "petitions.service.unknown": "service",
    "petitions.service.no_resident": "resident_phone",
    "petitions.service.resident_elsewhere": "resident_phone",
    "petitions.service.officer_elsewhere": "officer",
    "petitions.service.future_date": "received_on",
    "petitions.service.reference_too_long": "reference",
    "petitions.service.bad_rating": "service_score",
    "petitions.service.no_officer": "officer_score",
    "petitions.case.rating_comment_too_long": "comment",
}


@action_required(Action.HANDLE_CASES, per_object=True)
@require_http_methods(["GET", "POST"])
def service_uses(request: HttpRequest, commune_slug: str) -> HttpResponse:
    """The desk: record a procedure handed over (so its resident can rate it) and see the latest ones."""
    commune = get_unit_for_view(request, commune_slug)
    require_action(request, Action.HANDLE_CASES, commune)
    form = forms.ServiceUseForm(request.POST or None, handlers=_handlers(commune), commune=commune)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            ratings.service_use_record(
                unit=commune,
                service=data["service"],
                resident=data["resident_phone"],
                officer=data["officer"],
                received_on=data["received_on"],
                reference=data["reference"],
                actor=request.user,
            )
        except DomainError as refusal:
            form.add_error(FIELD_OF.get(refusal.code), refusal.message)
        else:
            messages.success(request, _("Đã ghi nhận. Người dân có thể đánh giá thủ tục này trong mục của mình."))
            return redirect("petitions:service_uses", commune_slug=commune.slug)
    context = {"commune": commune, "form": form, "uses": ratings.recent_service_uses(commune)}
    return render(request, "petitions/service_uses.html", context, status=400 if form.errors else 200)


@signed_in_view
def my_services(request: HttpRequest) -> HttpResponse:
    return render(request, "petitions/my_services.html", {"uses": ratings.my_service_uses(request.user)[:100]})


@signed_in_view
@require_http_methods(["GET", "POST"])
def my_service_rate(request: HttpRequest, pk: int) -> HttpResponse:
    """One procedure, one rating, only by the resident who received it (another's is not found)."""
    use = ratings.own_service_use(request.user, pk)
    if use is None:
        raise Http404("service use not found")
    rated = hasattr(use, "rating")
    has_officer = use.officer_id is not None
    form = forms.ServiceRateForm(request.POST or None, has_officer=has_officer)
    if request.method == "POST" and not rated and form.is_valid():
        data = form.cleaned_data
        try:
            ratings.service_rate(
                use=use,
                service_score=data["service_score"],
                officer_score=data.get("officer_score"),
                comment=data["comment"],
                actor=request.user,
            )
        except DomainError as refusal:
            if refusal.code != "petitions.service.already_rated":
                form.add_error(FIELD_OF.get(refusal.code), refusal.message)
            else:
                messages.error(request, refusal.message)
                return redirect("petitions:my_services")
        else:
            messages.success(request, _("Cảm ơn bạn đã đánh giá."))
            return redirect("petitions:my_services")
    elif request.method == "POST" and rated:
        messages.error(request, str(ratings.MESSAGES["petitions.service.already_rated"]))
        return redirect("petitions:my_services")
    context = {"use": use, "form": None if rated else form}
    return render(request, "petitions/my_service_rate.html", context, status=400 if form.errors else 200)
