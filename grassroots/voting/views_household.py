"""The household's own pages: its online vote (one question per screen, then check your answers), and the
community's public results."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from grassroots.accounts.authorize import (
    public_view,
    signed_in_view,
)
from grassroots.core.errors import DomainError
from grassroots.core.pagecache import cached_public_page
from grassroots.units.models import AdministrativeUnit, Household, UnitLevel
from grassroots.units.selectors import page_version_for_unit
from grassroots.voting import selectors, services
from grassroots.voting.forms import (
    CastForm,
    ChoiceForm,
)
from grassroots.voting.models import (
    CommunityVote,
)
from grassroots.voting.views import _domain_message


def _online_vote_for(request: HttpRequest, vote_id: int) -> tuple[CommunityVote, Household]:
    """The online vote and the household the user represents on its roll; 404 for anyone else.

    Voting online is the signed-in person's own business: who may is decided by the vote's frozen roll
    (the household's representative on the day voting opened), not by a role ([L] art. 18(2); [ND59] art. 5).
    """
    entry = selectors.online_roll_entry(request.user, vote_id)
    if entry is None:
        raise Http404("not an online vote or not a household on its roll")
    return entry.vote, entry.household


def _choice_form(vote: CommunityVote, data: Any = None) -> ChoiceForm:
    return ChoiceForm(data, options=selectors.option_choices(vote))


def _check_page(request: HttpRequest, vote: CommunityVote, household: Household, form: ChoiceForm) -> HttpResponse:
    """ "Check your answers": the choice travels in the page's own form, never in the session store.

    A secret vote's choice must not sit in any table next to the household, even for the minutes between
    choosing and sending: the session table is such a table (``tests``: someone reading the whole database).
    """
    labels = dict(form.fields["option"].choices)  # type: ignore[attr-defined]
    context = {
        "vote": vote,
        "household": household,
        "form": form,
        "option_label": labels[form.cleaned_data["option"]],
        "other": form.cleaned_data["other_opinion"],
    }
    return render(request, "voting/online_check.html", context)


@signed_in_view
@require_http_methods(["GET", "POST"])
def online_choose(request: HttpRequest, vote_id: int) -> HttpResponse:
    vote, household = _online_vote_for(request, vote_id)
    already = vote.participations.filter(household=household).exists()
    form = _choice_form(vote, request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid() and not already:
        return _check_page(request, vote, household, form)
    context = {"vote": vote, "household": household, "form": form, "already": already}
    return render(request, "voting/online_choose.html", context)


@signed_in_view
@require_http_methods(["GET", "POST"])
def online_check(request: HttpRequest, vote_id: int) -> HttpResponse:
    """Send the checked choice. Reached only by the check page's form; a bare visit goes back to choosing.

    The vote day's hot path: the service finds the household the user represents on the roll together with
    the vote (one query) and checks the option itself, so the page reads nothing before it.
    """
    if request.method != "POST":
        _online_vote_for(request, vote_id)  # 404 for anyone who is not on the roll
        return redirect("voting:online_choose", vote_id=vote_id)
    form = CastForm(request.POST)
    if not form.is_valid():
        return redirect("voting:online_choose", vote_id=vote_id)
    try:
        services.vote_cast_online(
            vote_id=vote_id,
            option_key=form.cleaned_data["option"],
            other_opinion=form.cleaned_data["other_opinion"],
            actor=request.user,
        )
    except DomainError as error:
        if error.code == "decisions.vote.not_eligible":
            raise Http404("not an online vote or not a household on its roll") from error
        _domain_message(request, error)
        return redirect("voting:online_choose", vote_id=vote_id)
    return redirect("voting:online_done", vote_id=vote_id)


@signed_in_view
def online_done(request: HttpRequest, vote_id: int) -> HttpResponse:
    vote, household = _online_vote_for(request, vote_id)
    return render(request, "voting/online_done.html", {"vote": vote, "household": household})


@public_view
@cached_public_page(page_version_for_unit)
def public_results(request: HttpRequest, community_id: int) -> HttpResponse:
    community = get_object_or_404(AdministrativeUnit, pk=community_id, level=UnitLevel.COMMUNITY)
    votes = selectors.public_results_page(community)
    return render(request, "voting/public_results.html", {"community": community, "votes": votes})
