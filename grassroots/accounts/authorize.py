"""Fetch-and-authorize helpers for views.

The house rule: an object outside the user's units does not exist for them (404, so ids in other
communes leak nothing); an object they can see but not change is a 403.

    unit = get_unit_for_view(request, unit_id)                       # 404 outside
    require(selectors.user_can(request.user, Action.MANAGE_HOUSEHOLDS, unit))   # 403 if not allowed
    household = get_object_in_units(request, Household.objects.all(), "community", pk=household_id)
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ImproperlyConfigured, MultipleObjectsReturned, ObjectDoesNotExist, PermissionDenied
from django.db.models import Model, Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponseBase

from grassroots.accounts import selectors
from grassroots.core.params import ascii_int
from grassroots.units.models import AdministrativeUnit

ViewFunction = Callable[..., HttpResponseBase]
"""A view: any response, a page or a streamed file (``FileResponse``)."""


def visible_unit_ids(request: HttpRequest) -> set[int]:
    """The viewer's unit ids, computed once per request."""
    cached: set[int] | None = getattr(request, "_grassroots_unit_ids", None)
    if cached is None:
        cached = selectors.user_unit_ids(request.user)
        request._grassroots_unit_ids = cached  # type: ignore[attr-defined]
    return cached


def get_unit_for_view(request: HttpRequest, unit_id_or_slug: int | str) -> AdministrativeUnit:
    """The unit with this id (or slug), or 404 when it does not exist or lies outside the user's units."""
    text = str(unit_id_or_slug)
    number = ascii_int(text)
    lookup = Q(pk=number) if number is not None else Q(slug=text)
    unit = AdministrativeUnit.objects.filter(lookup, pk__in=visible_unit_ids(request)).order_by("pk").first()
    if unit is None:
        raise Http404("unit not found")
    return unit


def get_object_in_units[ModelT: Model](
    request: HttpRequest, queryset: QuerySet[ModelT], unit_path: str, **lookup: Any
) -> ModelT:
    """``queryset.get(**lookup)`` restricted to objects whose unit (reached by ``unit_path``) the user can see.

    ``unit_path`` is a lookup path to the object's unit, e.g. ``"community"`` for a household or
    ``"household__community"`` for a resident; ``""`` when the queryset is of units themselves.
    """
    field = f"{unit_path}__in" if unit_path else "pk__in"
    try:
        found = queryset.filter(**{field: visible_unit_ids(request)}).get(**lookup)
    except (ObjectDoesNotExist, MultipleObjectsReturned, ValueError) as error:
        raise Http404("object not found") from error
    return found


def require(allowed: Any) -> None:
    """403 unless ``allowed`` is truthy (a bool or a ``RuleResult``): visible, but not yours to change."""
    if not allowed:
        raise PermissionDenied(getattr(allowed, "code", "") or "forbidden")


def role_required(*roles: str) -> Callable[[ViewFunction], ViewFunction]:
    """A staff view needs one of ``roles`` today (any unit; superusers always pass).

    Anonymous users are sent to the login page; logged-in users without the role get 403.
    With no roles given, any staff role (``rules.STAFF_ROLES``) will do.
    """

    def decorator(view: ViewFunction) -> ViewFunction:
        @functools.wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
            user = request.user
            if not user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not user.is_superuser:
                held = selectors.user_roles(user)
                if roles and not held.intersection(roles):
                    raise PermissionDenied("role required")
                if not roles and not selectors.is_staff_user(user):
                    raise PermissionDenied("staff role required")
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


# ---------------------------------------------------------------------------------------------
# Every view declares what it needs: one Action of the matrix, or one of two access levels.
# ---------------------------------------------------------------------------------------------

PUBLIC = "public"
"""Access level of a page anyone may open (the portal, public results, feeds, login)."""
SIGNED_IN = "signed_in"
"""Access level of a page about the signed-in person themself (own password, logout)."""

ACTION_SEPARATOR = "|"
"""Between the actions of a view that names several (any one of them opens the door)."""
ACCESS_ATTRIBUTE = "grassroots_access"
"""The attribute a declaring decorator sets on the view; ``tests/test_view_access.py`` reads it."""


def declared_access(view: Any) -> str | None:
    """What a view (or its wrapped function) declared: an ``Action`` value, ``PUBLIC`` or ``SIGNED_IN``."""
    current = view
    for _depth in range(10):
        declared = getattr(current, ACCESS_ATTRIBUTE, None)
        if declared is not None:
            return str(declared)
        current = getattr(current, "__wrapped__", None) or getattr(current, "view_class", None)
        if current is None:
            return None
    return None


def _declare(view: ViewFunction, access: str) -> ViewFunction:
    setattr(view, ACCESS_ATTRIBUTE, access)
    return view


def public_view(view: ViewFunction) -> ViewFunction:
    """A page anyone may open; the view still hides what is not public."""
    return _declare(view, PUBLIC)


def signed_in_view(view: ViewFunction) -> ViewFunction:
    """A page about the signed-in person themself; anonymous visitors go to the login page."""

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        return view(request, *args, **kwargs)

    return _declare(wrapper, SIGNED_IN)


ASKED_ATTRIBUTE = "_grassroots_actions_asked"
"""Where ``require_action`` notes on the request which actions the view asked about."""


def _note_asked(request: HttpRequest, action: Any) -> None:
    asked: set[str] = getattr(request, ASKED_ATTRIBUTE, set())
    asked.add(str(action))
    setattr(request, ASKED_ATTRIBUTE, asked)


def action_required(*actions: Any, per_object: bool = False) -> Callable[[ViewFunction], ViewFunction]:
    """The view needs one of ``actions`` (``accounts.rules.Action``): declared here, decided by the matrix.

    Usually one action. A page that serves two bodies (an election page: the People's Committee for
    village heads, the Front for boards) names both; inside, the view asks for the one its object needs.

    At the door: anonymous users go to the login page, and a user none of whose roles grants any of
    ``actions`` anywhere gets 403. Superusers pass through the matrix (``rules.allows``), never through
    a check written in a view.

    ``per_object=True`` is for a page about one object of a unit, where the house rule puts the 404
    first: an object outside the user's units does not exist for them, whatever their roles (a resident
    asking for another village's household gets 404, not 403). The door then only sends anonymous users
    to the login page; the view fetches its object with ``get_object_in_units`` (404 outside) and **must**
    ask ``require_action`` / ``require_action_in_organisation`` for one of ``actions`` once it holds it
    (403 when visible but not allowed). A successful response given without asking is refused with
    ``ImproperlyConfigured`` (a bug, so it fails loudly in the tests that open every page)::

        @action_required(Action.VIEW_HOUSEHOLDS, per_object=True)
        def household_detail(request, household_id):
            household = get_object_in_units(request, Household.objects.all(), "community", pk=household_id)
            require_action(request, Action.VIEW_HOUSEHOLDS, household.community_id)
            ...
    """
    from grassroots.accounts.rules import Action

    if not actions:
        raise ValueError("action_required needs at least one Action")
    declared = tuple(Action(action) for action in actions)
    names = {action.value for action in declared}

    def decorator(view: ViewFunction) -> ViewFunction:
        @functools.wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if per_object:
                response = view(request, *args, **kwargs)
                # A refusal (405 from ``require_POST``, a 404 or 403 raised inside) needs no check; a page does.
                if response.status_code < 400 and not names & getattr(request, ASKED_ATTRIBUTE, set()):
                    raise ImproperlyConfigured(
                        f"{view.__module__}.{view.__name__} declares {'|'.join(sorted(names))} per object but "
                        "never asked require_action for it"
                    )
                return response
            if not any(selectors.user_can(request.user, action, None) for action in declared):
                raise PermissionDenied("|".join(sorted(names)) + " required")
            return view(request, *args, **kwargs)

        return _declare(wrapper, ACTION_SEPARATOR.join(action.value for action in declared))

    return decorator


def require_action(request: HttpRequest, action: Any, unit: AdministrativeUnit | int | None) -> None:
    """403 unless the matrix lets the user do ``action`` on ``unit`` (held there or above; ``None``: anywhere)."""
    _note_asked(request, action)
    require(selectors.user_can(request.user, action, unit))


def require_action_in_organisation(request: HttpRequest, action: Any, organisation: Any) -> None:
    """403 unless the roles the user holds inside ``organisation`` grant ``action`` there."""
    _note_asked(request, action)
    require(selectors.user_can_in_organisation(request.user, action, organisation))


def require_any_action(request: HttpRequest, actions: Any, unit: AdministrativeUnit | int | None) -> None:
    """403 unless the matrix lets the user do at least one of ``actions`` on ``unit`` (a page two bodies share)."""
    wanted = list(actions)
    for action in wanted:
        _note_asked(request, action)
    require(any(selectors.user_can(request.user, action, unit) for action in wanted))
