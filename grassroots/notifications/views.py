"""The person's own pages: the inbox, and how they receive notifications and what they follow."""

from __future__ import annotations

from typing import Any

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from grassroots.accounts import selectors as account_selectors
from grassroots.accounts.authorize import action_required, get_object_in_units, signed_in_view
from grassroots.accounts.form_page import Done, form_page
from grassroots.accounts.rules import Action
from grassroots.core.errors import DomainError
from grassroots.core.params import ascii_int
from grassroots.notifications import selectors, services
from grassroots.notifications.kinds import registered_kinds
from grassroots.notifications.kinds import render as render_kind
from grassroots.notifications.models import Language, Mode, ObligationDraft, ObligationKind, Topic
from grassroots.units.models import AdministrativeUnit, UnitLevel

INBOX_PAGE_SIZE = 30


@signed_in_view
def inbox(request: HttpRequest) -> HttpResponse:
    chosen = selectors.settings_of(request.user)
    page = Paginator(selectors.inbox(request.user), INBOX_PAGE_SIZE).get_page(request.GET.get("trang"))
    rows = []
    for item in page.object_list:
        title, body = render_kind(item.kind, item.params, request.LANGUAGE_CODE or chosen.language)
        rows.append(
            {
                "pk": item.pk,
                "title": title,
                "body": body,
                "url": item.url,
                "read": item.read_at is not None,
                "created_at": item.created_at,
            }
        )
    context = {"rows": rows, "page": page, "unread": selectors.unread_count(request.user)}
    return render(request, "notifications/inbox.html", context)


@signed_in_view
@require_POST
def read_all(request: HttpRequest) -> HttpResponse:
    services.notification_mark_read(user=request.user)
    return redirect("notifications:inbox")


@signed_in_view
@require_POST
def open_notification(request: HttpRequest, pk: int) -> HttpResponse:
    """Mark one of the person's own notifications read and go to its page (another person's: the inbox)."""
    services.notification_mark_read(user=request.user, notification_id=pk)
    item = selectors.inbox(request.user).filter(pk=pk).first()
    target = item.url if item else ""
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return HttpResponseRedirect(target)
    return redirect("notifications:inbox")


def _followable_units(user: Any) -> list[AdministrativeUnit]:
    """The communes and villages where the person holds a role today (a village's commune too)."""
    unit_ids: set[int] = set()
    for membership in account_selectors.active_memberships(user).select_related("unit"):
        unit = membership.unit
        if unit.level in (UnitLevel.COMMUNE, UnitLevel.COMMUNITY):
            unit_ids.add(unit.pk)
        if unit.level == UnitLevel.COMMUNITY and unit.parent_id:
            unit_ids.add(unit.parent_id)
    return list(AdministrativeUnit.objects.filter(pk__in=unit_ids).order_by("level", "name"))


def _workplace_calendars(user: Any) -> list[dict[str, str]]:
    """The person's own calendar links of the organisations where they hold a role today (``api.calendar_feed``)."""
    from grassroots.api.calendar_feed import workplace_feed_url
    from grassroots.units.models import Organisation

    held = account_selectors.active_memberships(user).filter(organisation__isnull=False).values("organisation_id")
    return [
        {"name": organisation.name, "url": workplace_feed_url(user, organisation)}
        for organisation in Organisation.objects.filter(pk__in=held).order_by("name", "pk")
    ]


@signed_in_view
def notification_settings(request: HttpRequest) -> HttpResponse:
    user = request.user
    units = _followable_units(user)
    unit_ids = {unit.pk for unit in units}
    followed = {(row.unit_id, row.topic) for row in selectors.subscriptions_of(user)}
    error = ""
    if request.method == "POST":
        modes = {
            key.split(":", 1)[1]: str(request.POST.get(key, "")) for key in request.POST if key.startswith("mode:")
        }
        wanted: set[tuple[int, str]] = set()
        for value in request.POST.getlist("follow"):
            raw_id, _sep, topic = str(value).partition(":")
            unit_id = ascii_int(raw_id)
            if unit_id is not None:
                wanted.add((unit_id, topic))
        try:
            services.settings_save(
                user=user,
                language=str(request.POST.get("language", Language.VIETNAMESE)),
                by_email=bool(request.POST.get("by_email")),
                by_sms=bool(request.POST.get("by_sms")),
                modes=modes,
            )
            by_pk = {unit.pk: unit for unit in units}
            for unit_id, topic in sorted(wanted ^ followed):  # only what changed
                if unit_id not in by_pk:
                    raise DomainError(
                        "notifications.unit_not_yours", _("Bạn chỉ theo dõi được xã, thôn nơi mình sinh sống.")
                    )
                services.subscription_set(
                    user=user,
                    unit=by_pk[unit_id],
                    topic=topic,
                    follow=(unit_id, topic) in wanted,
                    visible_unit_ids=unit_ids,
                )
        except DomainError as refusal:
            error = refusal.message
        else:
            return redirect("notifications:settings")
    chosen = selectors.settings_of(user)
    preferences = selectors.preferences_of(user)
    kinds = [
        {"code": code, "label": kind.label, "mode": preferences.get(code, kind.default_mode)}
        for code, kind in registered_kinds().items()
    ]
    unit_rows = [
        {
            "pk": unit.pk,
            "name": unit.name,
            "topics": [
                {"value": topic.value, "label": topic.label, "followed": (unit.pk, topic.value) in followed}
                for topic in Topic
                if unit.level == UnitLevel.COMMUNE or topic == Topic.VOTES
            ],
        }
        for unit in units
    ]
    context = {
        "chosen": chosen,
        "kinds": kinds,
        "modes": Mode.choices,
        "languages": Language.choices,
        "units": unit_rows,
        "calendars": _workplace_calendars(user),
        "error": error,
    }
    return render(request, "notifications/settings.html", context, status=400 if error else 200)


DRAFT_ACTIONS = {
    ObligationKind.WORKPLACE_CONFERENCE: Action.RUN_STAFF_CONFERENCES,
    ObligationKind.WORKPLACE_DIALOGUE: Action.MANAGE_WORKPLACE,
    ObligationKind.CONVENTION_REVIEW: Action.MANAGE_CONVENTIONS,
    ObligationKind.COMMUNE_DIALOGUE: Action.RUN_DIALOGUES,
}


def _draft_form(draft: ObligationDraft, data: Any) -> Any:
    from grassroots.conventions.forms import ReviewForm
    from grassroots.reception.forms import ConferenceForm as CommuneDialogueForm
    from grassroots.workplaces.forms import ConferenceForm, DialogueForm

    form_class = {
        ObligationKind.WORKPLACE_CONFERENCE: ConferenceForm,
        ObligationKind.WORKPLACE_DIALOGUE: DialogueForm,
        ObligationKind.CONVENTION_REVIEW: ReviewForm,
        ObligationKind.COMMUNE_DIALOGUE: CommuneDialogueForm,
    }[ObligationKind(draft.kind)]
    return form_class(data, initial=selectors.draft_initial(draft))


def _draft_done_url(draft: ObligationDraft, made: Any) -> str:
    if draft.kind == ObligationKind.WORKPLACE_CONFERENCE:
        return reverse("workplaces:conference_detail", args=[made.pk])
    if draft.kind == ObligationKind.WORKPLACE_DIALOGUE:
        return reverse("workplaces:dialogue_detail", args=[made.pk])
    if draft.kind == ObligationKind.COMMUNE_DIALOGUE:
        return reverse("reception:dialogue_detail", kwargs={"pk": made.pk})
    return reverse("conventions:staff_detail", args=[draft.convention_id])


@action_required(
    Action.RUN_STAFF_CONFERENCES,
    Action.MANAGE_WORKPLACE,
    Action.MANAGE_CONVENTIONS,
    Action.RUN_DIALOGUES,
    per_object=True,
)
@require_http_methods(["GET", "POST"])
def draft_complete(request: HttpRequest, pk: int) -> HttpResponse:
    """A yearly obligation opened by a job, completed by the officer on the owning app's own form, filled in."""
    draft = get_object_or_404(ObligationDraft.objects.select_related("organisation", "unit"), pk=pk)
    action = DRAFT_ACTIONS[ObligationKind(draft.kind)]
    organisation = draft.organisation
    if organisation is not None:
        if not account_selectors.user_can_in_organisation(request.user, Action.VIEW_UNIT, organisation):
            raise Http404("not a member of this organisation")
        back_url = reverse("workplaces:organisation_home", args=[organisation.pk])
        place: dict[str, Any] = {"organisation": organisation}
    else:
        draft = get_object_in_units(request, ObligationDraft.objects.select_related("unit"), "unit", pk=pk)
        if draft.kind == ObligationKind.COMMUNE_DIALOGUE:
            back_url = reverse("reception:dialogue_list", kwargs={"commune_slug": draft.unit.slug})
        else:
            back_url = reverse("conventions:staff_detail", args=[draft.convention_id])
        place = {"unit": draft.unit_id}
    return form_page(
        request,
        _draft_form(draft, request.POST if request.method == "POST" else None),
        action=action,
        available=draft.is_open,
        perform=lambda data: services.obligation_draft_complete(draft=draft, data=data, actor=request.user),
        done=lambda made: Done(_("Đã lập từ bản nháp việc hằng năm."), _draft_done_url(draft, made)),
        template="workplaces/form_page.html",
        context={
            "heading": draft.title,
            "back_url": back_url,
            "legal_basis": _("Căn cứ: %(citation)s.") % {"citation": draft.citation} if draft.citation else "",
        },
        **place,
    )
