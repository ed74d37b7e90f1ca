"""Writes of the disclosures app, one module per workflow; every state change is audited.

* ``publication``: drafts and attachments, publish / amend / republish, end and withdraw (one procedure for
  communes, agencies and state-owned enterprises);
* ``channels``: channel events (posting, broadcast, meetings…) and the village-head relay;
* ``information_requests``: requests for information and their legal clock;
* ``plans``: the unit's disclosure conditions and the yearly disclosure plan;
* ``deadlines``: stored due dates recomputed after the working calendar changes;
* ``search``: the folded search text.

Callers keep writing ``from grassroots.disclosures import services; services.disclosure_publish(...)``.
"""

from grassroots.disclosures.services._shared import MESSAGES, refuse
from grassroots.disclosures.services.channels import publication_end, publication_record, relay_acknowledge
from grassroots.disclosures.services.deadlines import disclosure_due_dates_recompute, recompute_after_calendar_change
from grassroots.disclosures.services.information_requests import (
    information_request_answer,
    information_request_extend,
    information_request_receive,
)
from grassroots.disclosures.services.plans import plan_create, plan_item_add, profile_update
from grassroots.disclosures.services.publication import (
    attachment_add,
    disclosure_amend,
    disclosure_create,
    disclosure_end,
    disclosure_publish,
    disclosure_republish,
    disclosure_update_draft,
    disclosure_withdraw,
)
from grassroots.disclosures.services.search import search_index_rebuild, search_index_update

__all__ = [
    "MESSAGES",
    "attachment_add",
    "disclosure_amend",
    "disclosure_create",
    "disclosure_due_dates_recompute",
    "disclosure_end",
    "disclosure_publish",
    "disclosure_republish",
    "disclosure_update_draft",
    "disclosure_withdraw",
    "information_request_answer",
    "information_request_extend",
    "information_request_receive",
    "plan_create",
    "plan_item_add",
    "profile_update",
    "publication_end",
    "publication_record",
    "recompute_after_calendar_change",
    "refuse",
    "relay_acknowledge",
    "search_index_rebuild",
    "search_index_update",
]
