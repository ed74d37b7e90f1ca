"""Pure rules of the units app, one module per concern; no database access, no request.

- ``unit_tree``: the 2025 reform's numbers, a community's life (``COMMUNITY_TRANSITIONS``);
- ``households``: the interval rule behind every denominator, ``HOUSEHOLD_TRANSITIONS``, representatives;
- ``organisations``: weekly rest days;
- ``text``: tolerant matching of Vietnamese names, URL slugs;
- ``import_rows``: the checks of a household import file.

Callers keep writing ``from grassroots.units import rules; rules.household_is_active_on(...)``.
"""

from grassroots.units.rules.households import (
    HOUSEHOLD_TRANSITIONS,
    MOVE_OUT_STATUSES,
    REPRESENTATIVE_MIN_AGE,
    age_on,
    check_household_transition,
    check_representative,
    household_is_active_on,
)
from grassroots.units.rules.import_rows import (
    COLUMN_LABELS,
    REQUIRED_COLUMNS,
    TEMPLATE_COLUMNS,
    TEMPLATE_HEADERS,
    HouseholdPlan,
    PersonPlan,
    RawRow,
    RowError,
    cell_text,
    is_representative_mark,
    map_headers,
    normalise_header,
    parse_date,
    parse_gender,
    parse_phone,
    validate_import,
)
from grassroots.units.rules.organisations import check_rest_days
from grassroots.units.rules.text import fold_text, vietnamese_slug
from grassroots.units.rules.unit_tree import (
    COMMUNE_COUNT,
    COMMUNITY_TRANSITIONS,
    PROVINCE_COUNT,
    REFORM_DATE,
    CommunityState,
    check_community_transition,
    community_state,
)

__all__ = [
    "COLUMN_LABELS",
    "COMMUNE_COUNT",
    "COMMUNITY_TRANSITIONS",
    "HOUSEHOLD_TRANSITIONS",
    "MOVE_OUT_STATUSES",
    "PROVINCE_COUNT",
    "REFORM_DATE",
    "REPRESENTATIVE_MIN_AGE",
    "REQUIRED_COLUMNS",
    "TEMPLATE_COLUMNS",
    "TEMPLATE_HEADERS",
    "CommunityState",
    "HouseholdPlan",
    "PersonPlan",
    "RawRow",
    "RowError",
    "age_on",
    "cell_text",
    "check_community_transition",
    "check_household_transition",
    "check_representative",
    "check_rest_days",
    "community_state",
    "fold_text",
    "household_is_active_on",
    "is_representative_mark",
    "map_headers",
    "normalise_header",
    "parse_date",
    "parse_gender",
    "parse_phone",
    "validate_import",
    "vietnamese_slug",
]
