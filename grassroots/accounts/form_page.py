"""One path for a staff form page: authorize → parse the form → one service call → refusal or redirect.

Every staff form repeats the same procedure, and the order matters: the view fetches its object
first (``get_object_in_units``: 404 outside the user's units), then ``form_page`` asks the Action
matrix (403 when visible but not allowed), then whether the object's state offers this form at all
(404 when not ``available``: an ended village cannot be renamed), then, on a valid POST, calls the
one service. A ``DomainError`` becomes an error of the form (shown in the error summary, the input
kept); success adds a message and redirects (post/redirect/get). It lives in accounts because it
decides access; domain code never sees the request.

A view keeps only what is its own::

    @action_required(Action.MANAGE_HOUSEHOLDS, per_object=True)
    @require_http_methods(["GET", "POST"])
    def community_rename_view(request, commune_slug, community_id):
        commune, community = _community_of(request, commune_slug, community_id)  # 404 outside
        form = CommunityRenameForm(request.POST or None, initial={"name": community.name})
        return form_page(
            request,
            form,
            action=Action.MANAGE_HOUSEHOLDS,
            unit=community,
            available=community.is_current,
            perform=lambda data: services.community_rename(
                community=community, name=data["name"], on=data["on"], actor=request.user
            ),
            done=lambda renamed: Done(_("Đã đổi tên thành %(name)s.") % {"name": renamed.name}, url_of(renamed)),
            template="units/form_page.html",
            context={"commune": commune, "heading": _("Đổi tên")},
        )

Pass ``organisation=`` instead of ``unit=`` for an action held inside an organisation
(``require_action_in_organisation``), ``unit=None`` for an action asked anywhere, and
``refused_context`` to show the details a refusal carries (e.g. the row errors of an import).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.forms import BaseForm
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from grassroots.accounts.authorize import require_action, require_action_in_organisation
from grassroots.accounts.rules import Action
from grassroots.core.errors import DomainError
from grassroots.units.models import AdministrativeUnit


@dataclass(frozen=True)
class Done:
    """Where a successful submission goes: the message shown on the next page, and that page's URL."""

    message: str
    url: str


def form_page[ResultT](
    request: HttpRequest,
    form: BaseForm,
    *,
    action: Action,
    perform: Callable[[dict[str, Any]], ResultT],
    done: Callable[[ResultT], Done],
    template: str,
    context: Mapping[str, Any] | None = None,
    unit: AdministrativeUnit | int | None = None,
    organisation: Any = None,
    available: bool = True,
    refused_context: Callable[[DomainError], Mapping[str, Any]] | None = None,
) -> HttpResponse:
    """Authorize ``action``, then show ``form`` or, on a valid POST, ``perform`` it and redirect.

    ``perform`` receives the form's ``cleaned_data`` and makes one service call (services open
    their own transaction); ``done`` turns its result into the message and the URL to go to.
    ``template`` gets ``form`` plus ``context`` (plus ``refused_context(error)`` after a refusal).
    """
    if organisation is not None:
        require_action_in_organisation(request, action, organisation)
    else:
        require_action(request, action, unit)
    if not available:
        raise Http404("not available in this state")
    extra: Mapping[str, Any] = {}
    if request.method == "POST" and form.is_valid():
        try:
            result = perform(form.cleaned_data)
        except DomainError as refusal:
            form.add_error(None, refusal.message)
            extra = refused_context(refusal) if refused_context is not None else {}
        else:
            outcome = done(result)
            messages.success(request, outcome.message)
            return redirect(outcome.url)
    return render(request, template, {**(context or {}), **extra, "form": form})
