"""The commune portal's section on contributions and funds: each fund's public ledger one tap away (issue 18).

``portal/commune.html`` shows it with::

    {% load funds_portal %}{% commune_funds commune %}
"""

from __future__ import annotations

from typing import Any

from django import template

from grassroots.funds import selectors

register = template.Library()

PORTAL_FUNDS = 5
"""Funds listed on the portal page (newest first); the rest on the commune's funds page."""


@register.inclusion_tag("funds/_portal_funds.html")
def commune_funds(commune: Any) -> dict[str, Any]:
    funds = list(selectors.public_funds(commune.pk)[: PORTAL_FUNDS + 1])
    return {"commune": commune, "funds": funds[:PORTAL_FUNDS], "has_more": len(funds) > PORTAL_FUNDS}
