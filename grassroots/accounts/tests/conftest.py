"""Personas for the accounts tests (the same fixtures other apps get through ``grassroots.accounts.testing``)."""

from grassroots.accounts.testing import (  # noqa: F401 - fixtures are found by name
    board_member,
    commune,
    commune_chair,
    commune_officer,
    community,
    household_representative,
    other_commune,
    other_commune_officer,
    province,
    provincial_officer,
    resident,
    second_community,
    superuser,
    village_head,
)
