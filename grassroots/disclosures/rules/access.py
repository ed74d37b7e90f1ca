"""Who may do what with disclosures, asked with plain values of the Action matrix (``accounts.rules``)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from grassroots.accounts.rules import PERMISSION_MATRIX, allows
from grassroots.accounts.rules import Action as AccountAction

# ---------------------------------------------------------------------------------------------
# Who may do what
# ---------------------------------------------------------------------------------------------

# Who may do what is the Action matrix of ``accounts.rules`` (one table for the whole platform):
#
# * ``MANAGE_DISCLOSURES``: prepare, publish, amend, withdraw (commune chair, vice chairs and officers for the
#   commune, art. 14(1); an agency head inside their own organisation, arts 48, 66);
# * ``READ_DISCLOSURE_COMPLIANCE``: the compliance dashboard and the province roll-up (commune leadership, the
#   Front chair who supervises, art. 14(3), and provincial officers);
# * ``ACKNOWLEDGE_RELAY``: a village head confirms a K7–K12 item reached the households (art. 13(4)).
#
# The predicates below are the same questions asked with plain values (no request, no query).


def _roles_granting(action: AccountAction) -> frozenset[str]:
    return frozenset(role for role, actions in PERMISSION_MATRIX.items() if action in actions)


RELAY_ROLES = _roles_granting(AccountAction.ACKNOWLEDGE_RELAY)
"""Roles that acknowledge relay tasks for their community (art. 13(4)): the village heads."""

ROLLUP_ROLES = _roles_granting(AccountAction.READ_DISCLOSURE_COMPLIANCE)
"""Roles that read the compliance dashboard and roll-up of the units they hold and below."""


def can_read_compliance(
    *, roles_by_unit: Mapping[int, Iterable[str]], target_path: Sequence[int], is_superuser: bool
) -> bool:
    return allows(
        AccountAction.READ_DISCLOSURE_COMPLIANCE,
        roles_by_unit=roles_by_unit,
        target_path=target_path,
        is_superuser=is_superuser,
    )


def can_acknowledge_relay(*, roles_by_unit: Mapping[int, Iterable[str]], community_id: int, is_superuser: bool) -> bool:
    """Only the head of that community (or a superuser) acknowledges its relay task."""
    return allows(
        AccountAction.ACKNOWLEDGE_RELAY,
        roles_by_unit=roles_by_unit,
        target_path=[community_id],
        is_superuser=is_superuser,
    )
