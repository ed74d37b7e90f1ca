"""Pure rules of the units app, one module per concern; no database access, no request.

- ``unit_tree``: the 2025 reform's numbers;
- ``households``: the interval rule behind every denominator, the household status changes, representatives;
- ``text``: tolerant matching of Vietnamese names, URL slugs;
- ``import_rows``: the checks of a household import file.

Callers keep writing ``from grassroots.units import rules; rules.household_is_active_on(...)``.
"""

from grassroots.units.rules.households import (
    HOUSEHOLD_STATUS_TRANSITIONS,
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
from grassroots.units.rules.text import fold_text, vietnamese_slug
from grassroots.units.rules.unit_tree import COMMUNE_COUNT, PROVINCE_COUNT, REFORM_DATE

__all__ = [
    "COLUMN_LABELS",
    "COMMUNE_COUNT",
    "HOUSEHOLD_STATUS_TRANSITIONS",
    "PROVINCE_COUNT",
    "REFORM_DATE",
    "REPRESENTATIVE_MIN_AGE",
    "REQUIRED_COLUMNS",
    "TEMPLATE_COLUMNS",
    "TEMPLATE_HEADERS",
    "HouseholdPlan",
    "PersonPlan",
    "RawRow",
    "RowError",
    "age_on",
    "cell_text",
    "check_household_transition",
    "check_representative",
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
