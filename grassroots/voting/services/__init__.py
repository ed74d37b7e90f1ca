"""Writes of the voting app (the public API other apps and views call): ``from grassroots.voting import services``.

``lifecycle``: create, announce, open (freeze the roll, issue ballots).
``counting``: close by the one outcome rule, open the sealed box, move a failed meeting to ballots.
``recognition``: send the result, recognise or refuse it, cancel.
``roll``: the frozen roll of households and its audited amendments.
``casting``: one household, one vote, through the vote's channels; the secret count and the sealed box.
``meetings``: documents before D1–D3 meetings, attendance, officers, cluster sessions.
``adoption``: the poll in which a community adopts online voting (stage 1 of an online vote).
``documents``: the minutes and recognition decisions issued through the ``documents`` app.
``cluster_counts``: a secret ballot campaign counted by residential cluster, the village total their sum.
Elections and initiatives have their own apps (``grassroots.elections``, ``grassroots.initiatives``).
"""

from grassroots.voting.selectors import tally_counts, vote_threshold
from grassroots.voting.services.adoption import online_adoption_in_progress, online_adoption_prepare
from grassroots.voting.services.casting import vote_cast, vote_cast_online, vote_count_ballots
from grassroots.voting.services.cluster_counts import cluster_count_record, cluster_counts_total
from grassroots.voting.services.common import (
    DEFAULT_OPTIONS,
    MESSAGES,
    fail,
    may,
    may_run,
    message_for,
    refuse,
)
from grassroots.voting.services.counting import vote_close, vote_move_to_ballots
from grassroots.voting.services.forms import (
    ballot_campaign_prepare,
    ballot_minutes_issue,
    ballot_plan_send,
    counting_minutes_issue,
    decision_revoke,
    decision_signer_titles,
    meeting_decision_issue,
    meeting_notice_issue,
    online_vote_prepare,
)
from grassroots.voting.services.lifecycle import (
    commune_vote_create,
    meeting_convene,
    online_agreement_record,
    online_form_adopted,
    vote_create,
    vote_officer_add,
    vote_open,
    vote_schedule,
)
from grassroots.voting.services.meetings import (
    cluster_session_add,
    documents_delivered_in_time,
    documents_deliveries_record,
    documents_delivery_clear,
    households_for,
    meeting_attendance_set,
    meeting_officers_approve,
)
from grassroots.voting.services.recognition import vote_cancel, vote_recognise, vote_refuse, vote_submit
from grassroots.voting.services.roll import roll_entry_for, vote_roll_amend

__all__ = [
    "DEFAULT_OPTIONS",
    "MESSAGES",
    "ballot_campaign_prepare",
    "ballot_minutes_issue",
    "ballot_plan_send",
    "cluster_count_record",
    "cluster_counts_total",
    "cluster_session_add",
    "commune_vote_create",
    "counting_minutes_issue",
    "decision_revoke",
    "decision_signer_titles",
    "documents_delivered_in_time",
    "documents_deliveries_record",
    "documents_delivery_clear",
    "fail",
    "households_for",
    "may",
    "may_run",
    "meeting_attendance_set",
    "meeting_convene",
    "meeting_decision_issue",
    "meeting_notice_issue",
    "meeting_officers_approve",
    "message_for",
    "online_adoption_in_progress",
    "online_adoption_prepare",
    "online_agreement_record",
    "online_form_adopted",
    "online_vote_prepare",
    "refuse",
    "roll_entry_for",
    "tally_counts",
    "vote_cancel",
    "vote_cast",
    "vote_cast_online",
    "vote_close",
    "vote_count_ballots",
    "vote_create",
    "vote_move_to_ballots",
    "vote_officer_add",
    "vote_open",
    "vote_recognise",
    "vote_refuse",
    "vote_roll_amend",
    "vote_schedule",
    "vote_submit",
    "vote_threshold",
]
