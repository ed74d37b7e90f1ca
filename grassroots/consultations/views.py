"""Public pages of consultations and a resident's own opinion.

Anyone reads a commune's published consultations, the draft with how many opinions each part received,
and, once the report is published, every opinion with its answer (the author's name only when they chose
to show it). A resident of the commune, signed in, gives their opinion on one part of the draft.
"""

from __future__ import annotations

import hashlib
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.cache import cache
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from grassroots.accounts import selectors as account_selectors
from grassroots.accounts.authorize import action_required, public_view, require, require_action
from grassroots.accounts.form_page import Done, form_page
from grassroots.accounts.rules import Action
from grassroots.consultations import rules, selectors, services
from grassroots.consultations.forms import OpinionSubmitForm, OpinionUnsignedForm
from grassroots.consultations.models import Consultation
from grassroots.core import clock
from grassroots.core.errors import DomainError
from grassroots.core.params import ascii_int
from grassroots.units.models import AdministrativeUnit, UnitLevel


def _posted(request: HttpRequest) -> Any:
    """The submitted data on a POST (even an empty one: a confirmation button), else ``None`` (an unbound form)."""
    return request.POST if request.method == "POST" else None


def _published(consultation_id: int) -> Consultation:
    consultation = get_object_or_404(
        Consultation.objects.select_related("commune"), pk=consultation_id, organisation__isnull=True
    )
    if not consultation.is_public:
        raise Http404("not published")
    return consultation


def _resident_community(user: object, commune: AdministrativeUnit) -> AdministrativeUnit | None:
    """The community of ``commune`` where the user holds a role today (their village or residential group)."""
    held = account_selectors.roles_by_unit(user)
    return (
        AdministrativeUnit.objects.filter(pk__in=list(held), parent=commune, level=UnitLevel.COMMUNITY)
        .order_by("pk")
        .first()
    )


def _taking(consultation: Consultation) -> bool:
    return rules.is_taking_opinions(
        status=consultation.status,
        published_on=consultation.published_on,
        closes_on=consultation.closes_on,
        today=clock.today(),
    )


def _entry_communities(user: object, consultation: Consultation) -> list[AdministrativeUnit]:
    """Villages of the commune where the user may enter opinions (village head, Front work committee)."""
    if not getattr(user, "is_authenticated", False) or consultation.status not in rules.OPINION_ENTRY_STATUSES:
        return []
    held = account_selectors.roles_by_unit(user)
    communities = AdministrativeUnit.objects.filter(
        pk__in=list(held), parent=consultation.commune, level=UnitLevel.COMMUNITY
    ).order_by("name")
    return [unit for unit in communities if account_selectors.user_can(user, Action.ENTER_CONSULTATION_OPINIONS, unit)]


@public_view
def public_list(request: HttpRequest, commune_slug: str) -> HttpResponse:
    commune = get_object_or_404(AdministrativeUnit, slug=commune_slug, level=UnitLevel.COMMUNE)
    context = {"commune": commune, "consultations": selectors.public_consultations(commune)[:100]}
    return render(request, "consultations/public_list.html", context)


@public_view
def public_detail(request: HttpRequest, consultation_id: int) -> HttpResponse:
    consultation = _published(consultation_id)
    page = Paginator(selectors.public_opinions(consultation), selectors.OPINIONS_PER_PAGE).get_page(
        request.GET.get("trang")
    )
    context = {
        "consultation": consultation,
        "sections": selectors.sections_with_counts(consultation),
        "general_count": selectors.general_opinion_count(consultation),
        "opinions": page.object_list,
        "page": page,
        "own_opinions": selectors.own_opinions(consultation, request.user) if request.user.is_authenticated else [],
        "is_taking": _taking(consultation),
        "days": consultation.minimum_days,
        "entry_communities": _entry_communities(request.user, consultation),
    }
    return render(request, "consultations/public_detail.html", context)


@action_required(Action.GIVE_OPINION, per_object=True)
@require_http_methods(["GET", "POST"])
def opinion_new(request: HttpRequest, consultation_id: int) -> HttpResponse:
    """A resident's opinion on one part of the draft (or on the whole), while the consultation takes opinions."""
    consultation = _published(consultation_id)
    community = _resident_community(request.user, consultation.commune)
    require_action(request, Action.GIVE_OPINION, community or consultation.commune)
    require(community is not None)
    assert community is not None
    if not _taking(consultation):
        raise Http404("not taking opinions")
    sections = consultation.sections.all()
    section_id = ascii_int(request.GET.get("phan", ""))
    initial = {"section": section_id} if section_id is not None else None
    form = OpinionSubmitForm(_posted(request), sections=sections, initial=initial)
    return form_page(
        request,
        form,
        action=Action.GIVE_OPINION,
        unit=community,
        perform=lambda data: services.opinion_submit(
            consultation=consultation, community=community, actor=request.user, **data
        ),
        done=lambda _opinion: Done(
            _("Cảm ơn bạn đã góp ý. Câu trả lời cho ý kiến của bạn sẽ được công khai tại trang này."),
            reverse("consultations:public_detail", args=[consultation.pk]),
        ),
        template="consultations/form_page.html",
        context={
            "consultation": consultation,
            "heading": _("Góp ý: %(title)s") % {"title": consultation.title},
            "back_url": reverse("consultations:public_detail", args=[consultation.pk]),
            "submit_label": _("Gửi ý kiến"),
            "intro": _("Bạn góp ý đến hết ngày %(day)s. Tên của bạn chỉ được công khai nếu bạn chọn.")
            % {"day": consultation.closes_on.strftime("%d/%m/%Y")},
        },
    )


UNSIGNED_WINDOW_SECONDS = 3600


def _unsigned_key(request: HttpRequest, consultation: Consultation) -> str:
    """One counter per address and consultation, per hour; the address is hashed, never stored."""
    address = str(request.META.get("REMOTE_ADDR", ""))
    digest = hashlib.sha256(f"{settings.SECRET_KEY}:{address}".encode()).hexdigest()[:32]
    return f"consultations:unsigned:{consultation.pk}:{digest}"


def _unsigned_taken(request: HttpRequest, consultation: Consultation) -> bool:
    """Count one unsigned opinion from this address; ``False`` once the hour's limit is reached."""
    limit = int(getattr(settings, "CONSULTATION_UNSIGNED_PER_HOUR", rules.UNSIGNED_OPINIONS_PER_HOUR))
    key = _unsigned_key(request, consultation)
    cache.add(key, 0, UNSIGNED_WINDOW_SECONDS)
    if not rules.unsigned_allowed(sent_this_hour=int(cache.get(key) or 0), limit=limit):
        return False
    try:
        cache.incr(key)
    except ValueError:  # expired between the two calls: start a new hour
        cache.set(key, 1, UNSIGNED_WINDOW_SECONDS)
    return True


@public_view
@require_http_methods(["GET", "POST"])
def opinion_new_unsigned(request: HttpRequest, consultation_id: int) -> HttpResponse:
    """An opinion without signing in (name and community), only where the consultation allows it."""
    consultation = _published(consultation_id)
    if not consultation.accepts_unsigned_opinions or not _taking(consultation):
        raise Http404("not taking unsigned opinions")
    communities = AdministrativeUnit.objects.filter(parent=consultation.commune, level=UnitLevel.COMMUNITY)
    form = OpinionUnsignedForm(_posted(request), sections=consultation.sections.all(), communities=communities)
    if request.method == "POST" and form.is_valid() and not _unsigned_taken(request, consultation):
        form.add_error(
            None,
            _(
                "Bạn đã gửi nhiều ý kiến trong thời gian ngắn. Vui lòng thử lại sau khoảng một giờ, "
                "hoặc đăng nhập để tiếp tục góp ý."
            ),
        )
    elif request.method == "POST" and form.is_valid():
        try:
            services.opinion_submit_unsigned(consultation=consultation, actor=request.user, **form.cleaned_data)
        except DomainError as refusal:
            form.add_error(None, refusal.message)
        else:
            messages.success(request, _("Cảm ơn bạn đã góp ý. Câu trả lời sẽ được công khai tại trang này."))
            return redirect("consultations:public_detail", consultation_id=consultation.pk)
    context = {
        "form": form,
        "consultation": consultation,
        "heading": _("Góp ý: %(title)s") % {"title": consultation.title},
        "back_url": reverse("consultations:public_detail", args=[consultation.pk]),
        "submit_label": _("Gửi ý kiến"),
        "intro": _("Bạn góp ý đến hết ngày %(day)s. Tên của bạn chỉ được công khai nếu bạn chọn.")
        % {"day": consultation.closes_on.strftime("%d/%m/%Y")},
    }
    return render(request, "consultations/form_page.html", context)
