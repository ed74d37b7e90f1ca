"""Pure rules of disclosure (công khai thông tin): deadlines, posting periods, duties, transitions, compliance.

Plain values in (and an explicit ``today`` / calendar), a value or a ``RuleResult`` out; no queries, no
settings. Law 10/2022/QH15: arts 11–14 (communes), 46–48 (agencies), 64–66 (state-owned enterprises);
Law on Access to Information 104/2016/QH13 art. 29 (requests). law.md §1(a), §2, §3.1, §6, §7.

One module per concern, every name re-exported here (callers write ``rules.check_transition``):

* ``law``: the law's numbers, the channels of each regime, category rules, deadlines, posting periods;
* ``transitions``: the literal transition tables (disclosures, information requests, postings, relay tasks);
* ``publication``: dates of a publication and of a channel posting (no back-dating, self-reported postings);
* ``uploads``: attachment and evidence files;
* ``compliance``: findings per item, computed from the facts;
* ``information_requests``: the request clock, extension and answer;
* ``access``: who may do what, from the Action matrix;
* ``search``, ``quarters``: folded search text, quarter bounds.
"""

from grassroots.core.uploads import sniff_kind
from grassroots.disclosures.rules.access import (
    RELAY_ROLES,
    ROLLUP_ROLES,
    can_acknowledge_relay,
    can_read_compliance,
)
from grassroots.disclosures.rules.compliance import (
    PROBLEM_FINDINGS,
    TIMELINESS_FINDINGS,
    ChannelWindow,
    Evaluation,
    Finding,
    ItemFacts,
    evaluate,
    longest_run_days,
    on_time_share,
    required_channel_groups,
)
from grassroots.disclosures.rules.information_requests import (
    check_information_request_answer,
    check_information_request_extension,
    information_request_due,
    information_request_extended_due,
    information_request_is_open,
    information_request_is_overdue,
)
from grassroots.disclosures.rules.law import (
    AGENCY_DEADLINE_WORKING_DAYS,
    AGENCY_MIN_POSTING_DAYS,
    ATTACHMENT_MAX_BYTES,
    BROADCAST_MIN_CONSECUTIVE_DAYS,
    COMMUNE_DEADLINE_WORKING_DAYS,
    COMMUNE_MIN_POSTING_DAYS,
    INFORMATION_REQUEST_EXTENSION_WORKING_DAYS,
    INFORMATION_REQUEST_MAX_EXTENSIONS,
    INFORMATION_REQUEST_WORKING_DAYS,
    POSTING_CHANNELS,
    REGIME_ARTICLES,
    REGIME_CHANNELS,
    SOE_DEADLINE_DAYS,
    SOE_DEADLINE_MODE_DEFAULT,
    SOE_MIN_POSTING_DAYS,
    STAFF_NOTICE_WAIVES_POSTING,
    CategoryRule,
    category_deadline,
    check_deadline_mode,
    deadline_on,
    default_deadline,
    default_deadline_rule,
    posting_may_end_on,
    regime_for,
)
from grassroots.disclosures.rules.publication import (
    check_channel_for_regime,
    check_posting_dates,
    check_publish_date,
    is_self_reported,
)
from grassroots.disclosures.rules.quarters import (
    quarter_bounds,
    quarter_of,
)
from grassroots.disclosures.rules.search import (
    fold,
    fts5_match,
    search_document,
    search_terms,
)
from grassroots.disclosures.rules.transitions import (
    CHANNEL_RECORD_STATUSES,
    LIVE_STATUSES,
    POSTING_TRANSITIONS,
    RELAY_TRANSITIONS,
    REQUEST_REFUSALS,
    REQUEST_TRANSITIONS,
    TRANSITIONS,
    UNPUBLISHED_STATUSES,
    Action,
    PostingAction,
    PostingState,
    RelayAction,
    RelayState,
    RequestAction,
    check_posting_transition,
    check_relay_transition,
    check_request_transition,
    check_take_down,
    check_transition,
    posting_state,
    relay_state,
)
from grassroots.disclosures.rules.uploads import (
    ATTACHMENT_EXTENSIONS,
    EVIDENCE_KINDS,
    check_upload,
)

__all__ = [
    "AGENCY_DEADLINE_WORKING_DAYS",
    "AGENCY_MIN_POSTING_DAYS",
    "ATTACHMENT_EXTENSIONS",
    "ATTACHMENT_MAX_BYTES",
    "BROADCAST_MIN_CONSECUTIVE_DAYS",
    "CHANNEL_RECORD_STATUSES",
    "COMMUNE_DEADLINE_WORKING_DAYS",
    "COMMUNE_MIN_POSTING_DAYS",
    "EVIDENCE_KINDS",
    "INFORMATION_REQUEST_EXTENSION_WORKING_DAYS",
    "INFORMATION_REQUEST_MAX_EXTENSIONS",
    "INFORMATION_REQUEST_WORKING_DAYS",
    "LIVE_STATUSES",
    "POSTING_CHANNELS",
    "POSTING_TRANSITIONS",
    "PROBLEM_FINDINGS",
    "REGIME_ARTICLES",
    "REGIME_CHANNELS",
    "RELAY_ROLES",
    "RELAY_TRANSITIONS",
    "REQUEST_REFUSALS",
    "REQUEST_TRANSITIONS",
    "ROLLUP_ROLES",
    "SOE_DEADLINE_DAYS",
    "SOE_DEADLINE_MODE_DEFAULT",
    "SOE_MIN_POSTING_DAYS",
    "STAFF_NOTICE_WAIVES_POSTING",
    "TIMELINESS_FINDINGS",
    "TRANSITIONS",
    "UNPUBLISHED_STATUSES",
    "Action",
    "CategoryRule",
    "ChannelWindow",
    "Evaluation",
    "Finding",
    "ItemFacts",
    "PostingAction",
    "PostingState",
    "RelayAction",
    "RelayState",
    "RequestAction",
    "can_acknowledge_relay",
    "can_read_compliance",
    "category_deadline",
    "check_channel_for_regime",
    "check_deadline_mode",
    "check_information_request_answer",
    "check_information_request_extension",
    "check_posting_dates",
    "check_posting_transition",
    "check_publish_date",
    "check_relay_transition",
    "check_request_transition",
    "check_take_down",
    "check_transition",
    "check_upload",
    "deadline_on",
    "default_deadline",
    "default_deadline_rule",
    "evaluate",
    "fold",
    "fts5_match",
    "information_request_due",
    "information_request_extended_due",
    "information_request_is_open",
    "information_request_is_overdue",
    "is_self_reported",
    "longest_run_days",
    "on_time_share",
    "posting_may_end_on",
    "posting_state",
    "quarter_bounds",
    "quarter_of",
    "regime_for",
    "relay_state",
    "required_channel_groups",
    "search_document",
    "search_terms",
    "sniff_kind",
]
