"""Who may manage a commune's households and communities.

One function, so the accounts app can rewire it to role memberships (commune officer of that
commune) without touching the views.
"""

from __future__ import annotations

from typing import Any

from grassroots.units.models import AdministrativeUnit


def can_manage_households(user: Any, commune: AdministrativeUnit | None) -> bool:
    """For now: any staff user (``is_staff``); to be scoped to the user's communes.

    ``commune=None`` asks whether the user may manage households of any commune (the finder page).
    """
    return bool(getattr(user, "is_authenticated", False) and getattr(user, "is_staff", False))
