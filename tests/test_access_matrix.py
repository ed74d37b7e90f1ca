"""The access-control matrix: every URL × every persona → the status it must answer.

Generated from the URL configuration: every named URL pattern (Django's admin and static files aside)
must have an entry in ``EXPECTED`` naming one of the ``PROFILES``, or the test fails by name. Each URL
is requested with the real ids of the world of ``test_no_server_errors`` (a commune with every kind
of object, made through the services) by each persona, and the status must be the one its profile
gives: 200 (served), 302 (to the login page), 403 (seen but not allowed), 404 (outside the persona's
units, or absent). A page that an officer of another commune can open, or a staff page that a
resident can open, fails here.

With ``-s`` the test prints the number of cells checked. ``ACCESS_MATRIX_DUMP=path`` writes every
observed cell to a JSON file, to help write the entry of a new URL (the entry must still be chosen by
a person, never copied blindly from what the code does today).
"""

from __future__ import annotations

import json
import os
from typing import Any

import pytest
from django.test import Client
from django.urls import get_resolver, reverse
from test_no_server_errors import _patterns, real_kwargs, world  # noqa: F401 (the world fixture, used by name)

PERSONAS = (
    "anonymous",
    "resident",
    "household_representative",
    "village_head",
    "commune_officer",
    "commune_chair",
    "board_member",
    "front_head",
    "front_chair",
    "agency_head",
    "agency_staff",
    "other_commune_officer",
    "provincial_officer",
    "superuser",
)
OK = "ok"
"""Passes the door: the page answers 200, redirects (302) after acting or refusing with a message, or 400."""


def _row(*statuses: int | str) -> dict[str, int | str]:
    assert len(statuses) == len(PERSONAS)
    return dict(zip(PERSONAS, statuses, strict=True))


# Columns: anonymous, resident, household_representative, village_head, commune_officer, commune_chair,
# board_member, front_head, front_chair, agency_head, agency_staff, other_commune_officer, provincial_officer,
# superuser.
# 302 for the anonymous column means "to the login page"; OK means the door let the persona through.
PROFILES: dict[str, dict[str, int | str]] = {
    # The login page: the signed-in are sent on.
    "login": _row(200, 302, 302, 302, 302, 302, 302, 302, 302, 302, 302, 302, 302, 302),
    # Anyone signed in: their own pages, lists filtered to their units.
    "signed_in": _row(302, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200),
    # The commune office"s pages: its officers and chair; another commune's officer finds nothing (404).
    "commune_office": _row(302, 403, 403, 403, 200, 200, 403, 403, 403, 403, 403, 404, 403, 200),
    # Commune office pages without an object: each commune's officers see their own.
    "commune_office_own": _row(302, 403, 403, 403, 200, 200, 403, 403, 403, 403, 403, 200, 403, 200),
    # The national calendar: superusers only.
    "national_operator": _row(302, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 200),
    # A step the world's consultation or case has passed, or an object it does not hold:
    # 403 without the action, else 404.
    "absent_object_behind_a_door": _row(302, 404, 404, 404, 404, 404, 403, 404, 403, 403, 403, 404, 403, 404),
    # An object the world does not hold (or not theirs): 404 for everyone signed in.
    "absent_object": _row(302, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404),
    # Staff pages on cases and consultations: people without a role there do not learn they exist (404).
    "commune_office_private": _row(302, 404, 404, 404, 200, 200, 403, 404, 403, 403, 403, 404, 403, 200),
    # Entering opinions received in a village: village head, Front work committee, commune office.
    "opinion_entry": _row(302, 403, 403, 200, 200, 200, 403, 200, 200, 403, 403, 404, 403, 200),
    # Completing a consultation: the chair alone passes the door; the world's consultation is not ready (404).
    "consultation_complete": _row(302, 404, 404, 404, 403, 404, 403, 404, 403, 403, 403, 404, 403, 404),
    # Signing a C8 decision whose explanation is filed: the chair alone; others of the commune 403, the rest 404.
    "consultation_sign": _row(302, 404, 404, 404, 403, 200, 403, 404, 403, 403, 403, 404, 403, 200),
    # Giving one's own opinion: residents and household representatives.
    "residents_give_opinion": _row(302, 200, 200, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403),
    # Unsigned opinions where the commune does not allow them: no such page.
    "unsigned_opinions_off": _row(404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404),
    # Public pages and feeds: everyone, signed in or not.
    "public": _row(200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200),
    # Disclosure compliance: the commune office and the province.
    "compliance_readers": _row(302, 403, 403, 403, 200, 200, 403, 403, 200, 403, 403, 404, 200, 200),
    # An organisation's own disclosures: its head.
    "organisation_head": _row(302, 403, 403, 403, 404, 404, 403, 403, 403, 200, 403, 404, 403, 200),
    # An organisation's internal pages: its head; no one else learns they exist.
    "organisation_head_private": _row(302, 404, 404, 404, 404, 404, 404, 404, 404, 200, 403, 404, 404, 200),
    # The province roll-up: the province's officers.
    "province_readers": _row(302, 403, 403, 403, 404, 404, 403, 403, 404, 403, 403, 404, 200, 200),
    # Acknowledging a relay: village heads pass the door; the world has no relay (404).
    "relay_absent": _row(302, 403, 403, 404, 403, 403, 403, 403, 403, 403, 403, 403, 403, 404),
    # An information request's attachment: the commune office passes the door; none in the world (404).
    "request_attachment_absent": _row(302, 403, 403, 403, 404, 404, 403, 403, 403, 403, 403, 404, 403, 404),
    # One document: its commune's staff, the agency and the province; others 404.
    "document_readers_object": _row(302, 403, 403, 404, 200, 200, 403, 404, 200, 200, 403, 404, 200, 200),
    # Document lists: everyone holding a staff role, each within their units.
    "document_readers": _row(302, 403, 403, 200, 200, 200, 403, 200, 200, 200, 403, 200, 200, 200),
    # Proposing a dismissal: the chair and the Front.
    "dismissal_proposers": _row(302, 403, 403, 403, 403, 200, 403, 200, 403, 403, 403, 404, 403, 200),
    # A vote, election or initiative of the commune: its people and overseers read it;
    # another commune's officer does not.
    "commune_record": _row(302, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 404, 200, 200),
    # The chair's own powers.
    "commune_chair": _row(302, 403, 403, 403, 403, 200, 403, 403, 403, 403, 403, 404, 403, 200),
    # Starting an initiative: household representatives.
    "household_representatives": _row(302, 403, 200, 403, 403, 403, 403, 403, 403, 403, 403, 404, 403, 403),
    # A household's own fund statement: its representative alone; anyone else finds nothing (404).
    "own_household": _row(302, 404, 200, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404),
    # A citizen's own case: its sender alone.
    "own_case": _row(302, 200, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404),
    # The chair's satisfaction report.
    "chair_private": _row(302, 404, 404, 404, 403, 200, 403, 404, 403, 403, 403, 404, 403, 200),
    # A commune's unit pages: staff, board, agency and province.
    "unit_readers": _row(302, 403, 403, 403, 200, 200, 200, 403, 200, 200, 403, 404, 200, 200),
    # The household register: staff roles of the commune and the province (never residents).
    "household_readers": _row(302, 403, 403, 200, 200, 200, 200, 200, 200, 200, 403, 404, 200, 200),
    # Staff lists filtered to the user's units: every staff role.
    "staff_lists": _row(302, 403, 403, 200, 200, 200, 200, 200, 200, 200, 403, 200, 200, 200),
    # Running a village meeting or ballot: the village head.
    "village_head_meeting": _row(302, 403, 403, 200, 403, 403, 403, 403, 403, 403, 403, 404, 403, 200),
    # A village head's step that the world's object is not at yet (a text not adopted cannot be signed): the door
    # is the village head's, the page is absent (404) past it.
    "village_head_step_not_yet": _row(302, 403, 403, 404, 403, 403, 403, 403, 403, 403, 403, 404, 403, 404),
    # Acts on the commune's disclosures: its officers and chair.
    "acts:commune_office_acts": _row(302, 403, 403, 403, "ok", "ok", 403, 403, 403, 403, 403, 404, 403, "ok"),
    # An organisation's disclosure acts: the world's pk is not an organisation's (404 past the door).
    "acts:organisation_absent": _row(302, 403, 403, 403, 404, 404, 403, 403, 403, 404, 403, 404, 403, 404),
    # Acts on an election: the chair.
    "acts:chair_acts": _row(302, 403, 403, 403, 403, "ok", 403, 403, 403, 403, 403, 404, 403, "ok"),
    # Approving an initiative: the Front.
    "acts:front_acts": _row(302, 403, 403, 403, 403, 403, 403, "ok", 403, 403, 403, 404, 403, "ok"),
    # Issuing a fund's papers (receipts, household statements): those who record or manage its books.
    "acts:fund_office_acts": _row(302, 403, 403, "ok", "ok", "ok", 403, 403, 403, 403, 403, 404, 403, "ok"),
    # Acts on a village vote: the village head.
    "acts:village_head_acts": _row(302, 403, 403, "ok", 403, 403, 403, 403, 403, 403, 403, 404, 403, "ok"),
    # Signing an initiative: household representatives.
    "acts:household_acts": _row(302, 403, "ok", 403, 403, 403, 403, 403, 403, 403, 403, 404, 403, 403),
    # Submitting one's own initiative: its proposer.
    "acts:proposer_acts": _row(302, "ok", 403, 403, 403, 403, 403, 403, 403, 403, 403, 404, 403, 403),
    # Acts on a case: the commune's handlers; others do not learn it exists.
    "acts:case_handler_acts": _row(302, 404, 404, 404, "ok", "ok", 403, 404, 403, 403, 403, 404, 403, "ok"),
    # Assigning and extending a case: the chair.
    "acts:chair_case_acts": _row(302, 404, 404, 404, 403, "ok", 403, 404, 403, 403, 403, 404, 403, "ok"),
    # A sender's own acts on their case.
    "acts:sender_acts": _row(302, "ok", 404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404),
    # API endpoints that need a staff token: a browser session gets 401, whoever it is.
    "api_token_required": _row(401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401),
    # A convention's or an expense's decision: the village head and the chair.
    "village_head_and_chair": _row(302, 403, 403, 200, 403, 200, 403, 403, 403, 403, 403, 404, 403, 200),
    # Village work the commune office may also do: village head, officer, chair.
    "village_and_commune_office": _row(302, 403, 403, 200, 200, 200, 403, 403, 403, 403, 403, 404, 403, 200),
    # A fund's ledger for staff: village head, commune office, the inspection board.
    "fund_readers": _row(302, 403, 403, 200, 200, 200, 200, 403, 200, 403, 403, 404, 403, 200),
    # A finding on a fund: the inspection board.
    "board_finding": _row(302, 403, 403, 403, 403, 403, 200, 403, 200, 403, 403, 404, 403, 200),
    # Fund lists, each unit its own: village heads, commune offices, the board.
    "fund_lists": _row(302, 403, 403, 200, 200, 200, 200, 403, 200, 403, 403, 200, 403, 200),
    # One's own notifications: everyone (anonymous to the login page).
    "acts:own_notifications": _row(302, "ok", "ok", "ok", "ok", "ok", "ok", "ok", "ok", "ok", "ok", "ok", "ok", "ok"),
    # A board's records: its members and the chair who answers; others do not learn they exist.
    "board_and_chair": _row(302, 404, 404, 404, 403, 200, 200, 404, 200, 403, 403, 404, 403, 200),
    # A board member's own work on the board.
    "board_member_work": _row(302, 404, 404, 404, 403, 403, 200, 404, 200, 403, 403, 404, 403, 200),
    # Notifying an investor: the Front passes the door; the world's board has no project (404).
    "investor_notice_absent": _row(302, 404, 404, 404, 403, 403, 403, 404, 404, 403, 403, 404, 403, 404),
    # Setting up a commune board: the Front chair and superusers; others 403/404.
    "board_setup": _row(302, 404, 404, 404, 403, 403, 403, 404, 200, 403, 403, 404, 403, 200),
    # Recognising a board, confirming a recommendation: the Front chair.
    "acts:front_acts_on_boards": _row(302, 404, 404, 404, 403, 403, 403, 404, "ok", 403, 403, 404, 403, "ok"),
    # A board member's acts on inspections and recommendations.
    "acts:board_member_acts": _row(302, 404, 404, 404, 403, 403, "ok", 404, "ok", 403, 403, 404, 403, "ok"),
    # The body asked answers (here the commune, through its chair), or the board records a paper answer.
    "acts:information_answerers": _row(302, 404, 404, 404, 403, "ok", "ok", 404, "ok", 403, 403, 404, 403, "ok"),
    # Organisation boards index: the chair, board members, agency heads.
    "organisation_boards": _row(302, 403, 403, 403, 403, 200, 200, 403, 200, 200, 403, 403, 403, 200),
    # Acts on a commune's plan or report: its office, and the province on its own plans.
    "acts:plan_acts": _row(302, 404, 404, 404, "ok", "ok", 403, 404, 403, 403, 403, 404, "ok", "ok"),
    # A commune's plan and report: its office and the province.
    "plan_readers": _row(302, 404, 404, 404, 200, 200, 403, 404, 403, 403, 403, 404, 200, 200),
    # Plan lists and import, each unit its own: commune offices and the province.
    "plan_lists": _row(302, 403, 403, 403, 200, 200, 403, 403, 403, 403, 403, 200, 200, 200),
    # Accepting or returning a report: the province.
    "acts:province_reviews": _row(302, 404, 404, 404, 403, 403, 403, 404, 403, 403, 403, 404, "ok", "ok"),
    # The scorecard: commune offices, agencies and the province.
    "scorecard_readers": _row(302, 404, 404, 404, 200, 200, 403, 404, 200, 200, 403, 404, 200, 200),
    # Revoking a decision: village head and chair pass the door; the world's vote is not revocable (404).
    "revocation_absent": _row(302, 403, 403, 404, 403, 404, 403, 403, 403, 403, 403, 404, 403, 404),
    # Marking attendance at a conference: the organisation's head.
    "acts:organisation_head_acts": _row(302, 404, 404, 404, 404, 404, 404, 404, 404, "ok", 403, 404, 404, "ok"),
    # Staff import templates: an organisation's head.
    "organisation_head_templates": _row(302, 403, 403, 403, 403, 403, 403, 403, 403, 200, 403, 403, 403, 200),
    # Staff pages of a consultation: the commune office, and the Front chair, who gathers opinions through the Front
    # ([L] art. 26(đ)); people without a role there do not learn it exists (404).
    "consultation_staff": _row(302, 404, 404, 404, 200, 200, 403, 404, 200, 403, 403, 404, 403, 200),
    # Starting an election: the chair (village heads) and the Front chair (the boards the Front organises).
    "election_organisers": _row(302, 403, 403, 403, 403, 200, 403, 403, 200, 403, 403, 404, 403, 200),
    # Setting up an agency's or enterprise's board: its union, not the commune Front (403).
    "organisation_board_setup": _row(302, 404, 404, 404, 403, 403, 403, 404, 403, 403, 403, 404, 403, 200),
    # An organisation's own pages its staff read: its home, internal disclosures, conferences, staff consultations
    # and ballots; nobody outside it learns they exist (404).
    "organisation_staff_readers": _row(302, 404, 404, 404, 404, 404, 404, 404, 404, 200, 200, 404, 404, 200),
    # The world's enterprise (its dialogue): its head, who holds a role there; staff of the school find nothing (404).
    "other_organisation_private": _row(302, 404, 404, 404, 404, 404, 404, 404, 404, 200, 404, 404, 404, 200),
    # A step the organisation's object is not at: 404 for everyone signed in, except its own staff, whom the door
    # refuses first (403: they know the object, not the step).
    "absent_step_in_own_organisation": _row(302, 404, 404, 404, 404, 404, 404, 404, 404, 404, 403, 404, 404, 404),
}
EXPECTED: dict[str, str] = {
    "accounts:login": "login",
    "accounts:password_change": "signed_in",
    "accounts:password_reset": "commune_office",
    "accounts:user_list": "commune_office_own",
    # A person's own data: whoever is signed in; erasure: the officer over the person's units (as a password reset).
    "privacy:my_data": "signed_in",
    "privacy:my_data_download": "signed_in",
    "privacy:erase": "commune_office",
    "privacy:lookup": "commune_office_own",
    "calendar:override_create": "national_operator",
    "calendar:override_delete": "national_operator",
    "calendar:override_edit": "national_operator",
    "calendar:override_list": "national_operator",
    "consultations:affected_add": "commune_office_private",
    "consultations:affected_heard": "commune_office_private",
    "consultations:cancel": "commune_office_private",
    "consultations:close": "commune_office_private",
    "consultations:community_opinion_enter": "opinion_entry",
    "consultations:complete": "consultation_complete",
    "consultations:decision_sign": "consultation_sign",
    "consultations:send_up": "commune_office_private",
    "consultations:higher_decision": "commune_office_private",
    "consultations:group_dispose": "absent_object_behind_a_door",
    "consultations:group_new": "commune_office_private",
    "consultations:open": "absent_object_behind_a_door",
    "consultations:opinion_dispose": "absent_object_behind_a_door",
    "consultations:opinion_enter": "consultation_staff",
    "consultations:opinion_hide": "commune_office_private",
    "consultations:opinion_new": "residents_give_opinion",
    "consultations:opinion_new_unsigned": "unsigned_opinions_off",
    "consultations:plan_issue": "absent_object_behind_a_door",
    "consultations:plan_sent": "absent_object_behind_a_door",
    "consultations:plan_update": "commune_office_private",
    "consultations:public_detail": "public",
    "consultations:public_list": "public",
    "consultations:section_add": "absent_object_behind_a_door",
    "consultations:staff_detail": "consultation_staff",
    "consultations:staff_list": "consultation_staff",
    "consultations:staff_new": "commune_office_private",
    "dashboard:home": "signed_in",
    "disclosures:add_attachment": "POST:acts:commune_office_acts",
    "disclosures:amend": "commune_office",
    "disclosures:attachment": "public",
    "disclosures:category_feed": "public",
    "disclosures:create": "commune_office",
    "disclosures:dashboard": "compliance_readers",
    "disclosures:detail": "public",
    "disclosures:end": "POST:acts:commune_office_acts",
    "disclosures:feed": "public",
    "disclosures:index": "public",
    "disclosures:notice_pdf": "public",
    "disclosures:organisation_create": "organisation_head",
    "disclosures:organisation_detail": "absent_object",
    "disclosures:organisation_index": "organisation_staff_readers",
    "disclosures:organisation_list": "signed_in",
    "disclosures:organisation_publish": "POST:acts:organisation_absent",
    "disclosures:organisation_withdraw": "POST:acts:organisation_absent",
    "disclosures:plan_detail": "commune_office",
    "disclosures:plan_list": "commune_office",
    "disclosures:profile": "commune_office_private",
    "disclosures:province_rollup": "province_readers",
    "disclosures:publish": "POST:acts:commune_office_acts",
    "disclosures:quarterly_issue": "POST:acts:commune_office_acts",
    "disclosures:quarterly_list": "commune_office",
    "disclosures:record_channel": "POST:acts:commune_office_acts",
    "disclosures:relay_acknowledge": "relay_absent",
    "disclosures:request_answer": "POST:acts:commune_office_acts",
    "disclosures:request_attachment": "request_attachment_absent",
    "disclosures:request_create": "commune_office",
    "disclosures:request_detail": "commune_office",
    "disclosures:request_extend": "POST:acts:commune_office_acts",
    "disclosures:request_list": "commune_office",
    "disclosures:staff_detail": "commune_office",
    "disclosures:staff_index": "signed_in",
    "disclosures:withdraw": "POST:acts:commune_office_acts",
    "documents:detail": "document_readers_object",
    "documents:download": "document_readers_object",
    "documents:gallery": "document_readers",
    "documents:list": "document_readers",
    "documents:sample": "document_readers",
    "documents_public:pdf": "public",
    "documents_public:record": "public",
    "elections:dismissal_conclude": "POST:absent_object",
    "elections:dismissal_detail": "absent_object",
    "elections:dismissal_meeting": "POST:absent_object",
    "elections:dismissal_new": "dismissal_proposers",
    "elections:dismissal_recognise": "POST:absent_object",
    "elections:election_candidate_add": "POST:acts:chair_acts",
    "elections:election_count": "POST:acts:chair_acts",
    "elections:election_detail": "commune_record",
    "elections:election_list": "signed_in",
    "elections:election_new": "election_organisers",
    "elections:election_open": "POST:acts:chair_acts",
    "elections:election_meeting_schedule": "POST:acts:chair_acts",
    "elections:election_recognise": "POST:acts:chair_acts",
    "elections:election_refuse": "POST:acts:chair_acts",
    "elections:election_rerun": "POST:acts:chair_acts",
    "elections:election_step": "POST:acts:chair_acts",
    "elections:election_team_add": "POST:acts:chair_acts",
    "healthz": "public",
    "initiatives:initiative_approve": "POST:acts:front_acts",
    "initiatives:initiative_decide": "POST:acts:village_head_acts",
    "initiatives:initiative_detail": "commune_record",
    "initiatives:initiative_list": "commune_record",
    "initiatives:initiative_new": "household_representatives",
    "initiatives:initiative_sign": "POST:acts:household_acts",
    "initiatives:initiative_submit": "POST:acts:proposer_acts",
    "petitions:case_accept": "POST:acts:case_handler_acts",
    "petitions:case_acknowledge": "POST:acts:case_handler_acts",
    "petitions:case_answer": "POST:acts:case_handler_acts",
    "petitions:case_assign": "POST:acts:chair_case_acts",
    "petitions:case_classify": "POST:acts:case_handler_acts",
    "petitions:case_close": "POST:acts:case_handler_acts",
    "petitions:case_filing": "POST:acts:case_handler_acts",
    "petitions:case_detail": "commune_office_private",
    "petitions:case_extend": "POST:acts:chair_case_acts",
    "petitions:case_file": "signed_in",
    "petitions:case_list": "commune_office_private",
    "petitions:case_new": "commune_office_private",
    "petitions:case_pause": "POST:acts:case_handler_acts",
    "petitions:case_photo": "absent_object_behind_a_door",
    "petitions:case_resume": "POST:acts:case_handler_acts",
    "petitions:case_start": "POST:acts:case_handler_acts",
    "petitions:my_case": "own_case",
    "petitions:my_case_photo": "absent_object",
    "petitions:my_case_rate": "POST:acts:sender_acts",
    "petitions:my_case_reopen": "POST:acts:sender_acts",
    "petitions:my_case_withdraw": "POST:acts:sender_acts",
    "petitions:my_cases": "signed_in",
    "petitions:my_service_rate": "absent_object",
    "petitions:my_services": "signed_in",
    "petitions:open311_base": "public",
    "petitions:open311_discovery": "public",
    "petitions:open311_request": "public",
    "petitions:open311_requests": "public",
    "petitions:open311_service": "public",
    "petitions:open311_services": "public",
    "petitions:public_detail": "public",
    "petitions:public_list": "public",
    "petitions:satisfaction_public": "public",
    "petitions:satisfaction_staff": "chair_private",
    "petitions:service_uses": "commune_office_private",
    "portal:commune": "public",
    "portal:home": "public",
    "units:commune_detail": "unit_readers",
    "units:community_create": "commune_office",
    "units:community_end": "commune_office",
    "units:community_households": "household_readers",
    "units:community_rename": "commune_office",
    "units:household_create": "commune_office",
    "units:household_detail": "household_readers",
    "units:household_import": "commune_office",
    "units:household_move_out": "commune_office",
    "units:import_template_csv": "commune_office_own",
    "units:import_template_xlsx": "commune_office_own",
    "units:index": "staff_lists",
    "units:organisation_create": "commune_office",
    "units:organisation_headcount": "commune_office",
    "units:organisation_list": "unit_readers",
    "units:organisation_rest_days": "commune_office",
    "units:representative": "commune_office",
    "units:resident_create": "commune_office",
    "units:resident_leave": "commune_office",
    "voting:attendance_toggle": "POST:acts:village_head_acts",
    "voting:ballots_count": "POST:acts:village_head_acts",
    "voting:cluster_count_record": "POST:acts:village_head_acts",
    "voting:cluster_counts_total": "POST:acts:village_head_acts",
    "voting:ballots_print": "village_head_meeting",
    "voting:cluster_session_add": "POST:acts:village_head_acts",
    "voting:deliveries": "village_head_meeting",
    "voting:deliveries_bulk": "POST:acts:village_head_acts",
    "voting:delivery_one": "POST:acts:village_head_acts",
    "voting:hand_record": "POST:acts:village_head_acts",
    "voting:meeting_new": "village_head_meeting",
    "voting:meeting_register": "village_head_meeting",
    "voting:move_to_ballots": "POST:acts:village_head_acts",
    "voting:officers_approve": "POST:acts:village_head_acts",
    "voting:online_agreement": "POST:acts:village_head_acts",
    "voting:online_check": "absent_object",
    "voting:online_choose": "absent_object",
    "voting:online_done": "absent_object",
    "voting:participants": "commune_record",
    "voting:public_results": "public",
    "voting:roll": "commune_record",
    "voting:roll_amend": "POST:acts:village_head_acts",
    "voting:tally_partial": "commune_record",
    "voting:vote_close": "POST:acts:village_head_acts",
    "voting:vote_detail": "commune_record",
    "voting:vote_list": "staff_lists",
    "voting:vote_open": "POST:acts:village_head_acts",
    "voting:vote_schedule": "POST:acts:village_head_acts",
    "voting:vote_recognise": "POST:acts:chair_acts",
    "voting:vote_refuse": "POST:acts:chair_acts",
    "voting:vote_submit": "POST:acts:village_head_acts",
    "api:api-root": "unsigned_opinions_off",
    "api:case_accept": "POST:api_token_required",
    "api:case_acknowledge": "POST:api_token_required",
    "api:case_answer": "POST:api_token_required",
    "api:case_close": "POST:api_token_required",
    "api:case_start": "POST:api_token_required",
    "api:cases": "public",
    "api:commune_calendar": "public",
    "api:commune_detail": "public",
    "api:commune_export": "unsigned_opinions_off",
    "api:commune_vote_results_feed": "public",
    "api:communes": "public",
    "api:consultation_close": "POST:api_token_required",
    "api:consultation_open": "POST:api_token_required",
    "api:consultations": "public",
    "api:consultations_feed": "public",
    "api:disclosure_detail": "unsigned_opinions_off",
    "api:disclosure_publish": "POST:api_token_required",
    "api:disclosures": "public",
    "api:me": "api_token_required",
    "api:openapi-json": "public",
    "api:openapi-view": "public",
    "api:plan_detail": "api_token_required",
    "api:plan_issue": "POST:api_token_required",
    "api:plans": "api_token_required",
    "api:public_plan_detail": "public",
    "api:public_plans": "public",
    "api:public_scorecard": "public",
    "api:scorecard": "api_token_required",
    "api:task_status": "POST:api_token_required",
    "api:token_revoke": "POST:absent_object",
    "api:tokens": "signed_in",
    "api:vote_results": "public",
    "api:vote_results_feed": "public",
    "api:workplace_calendar": "unsigned_opinions_off",
    "conventions:adoption_record": "village_head_meeting",
    "conventions:amendment_new": "village_head_meeting",
    "conventions:article_save": "village_head_meeting",
    "conventions:comments_close": "village_head_meeting",
    "conventions:comments_open": "village_head_meeting",
    "conventions:drafting_team": "village_head_meeting",
    "conventions:dissemination": "village_head_meeting",
    "conventions:dossier_submit": "village_head_meeting",
    "conventions:finalise": "village_head_meeting",
    "conventions:measure_new": "commune_chair",
    "conventions:opinion_dispose": "absent_object",
    "conventions:opinion_hide": "absent_object",
    "conventions:public_detail": "public",
    "conventions:public_list": "public",
    "conventions:recognise": "commune_chair",
    "conventions:refuse": "commune_chair",
    "conventions:report_new": "commune_chair",
    "conventions:review_date": "village_head_meeting",
    "conventions:review_new": "village_head_meeting",
    "conventions:signatures": "village_head_step_not_yet",
    "conventions:staff_community": "village_head_meeting",
    "conventions:staff_detail": "village_head_and_chair",
    "conventions:staff_list": "chair_private",
    "conventions:staff_new": "village_head_meeting",
    "conventions:vote_link": "village_head_meeting",
    "elections:dismissal_commune_decide": "POST:absent_object",
    "elections:election_by_election": "POST:acts:chair_acts",
    "elections:election_candidate_minutes": "POST:acts:chair_acts",
    "elections:election_floor_nominate": "POST:acts:chair_acts",
    "funds:close": "village_and_commune_office",
    "funds:commune_setting": "commune_office_private",
    "funds:donation_new": "village_and_commune_office",
    "funds:entry_reverse": "village_and_commune_office",
    "funds:evidence": "unsigned_opinions_off",
    "funds:expense_approve": "village_head_and_chair",
    "funds:expense_evidence": "fund_readers",
    "funds:expense_new": "village_and_commune_office",
    "funds:expense_reject": "village_head_and_chair",
    "funds:finding_new": "board_finding",
    "funds:fund_new": "village_and_commune_office",
    "funds:household_account": "fund_readers",
    "funds:household_paper": "POST:acts:fund_office_acts",
    "funds:household_statement": "own_household",
    "funds:my_households": "signed_in",
    "funds:my_paper_file": "own_household",
    "funds:paper_file": "fund_readers",
    "funds:receipt_paper": "POST:acts:fund_office_acts",
    "funds:treasurer_appoint": "village_head_and_chair",
    "funds:treasurer_end": "village_head_and_chair",
    "funds:treasurer_home": "signed_in",
    "funds:limit_raise": "village_and_commune_office",
    "funds:public_detail": "public",
    "funds:public_list": "public",
    "funds:public_print": "public",
    "funds:receipt_new": "village_and_commune_office",
    "funds:receipt_print": "fund_readers",
    "funds:staff_detail": "fund_readers",
    "funds:staff_list": "fund_lists",
    "funds:statement_new": "village_and_commune_office",
    "notifications:draft_complete": "absent_object",
    "notifications:inbox": "signed_in",
    "notifications:open": "POST:acts:own_notifications",
    "notifications:read_all": "POST:acts:own_notifications",
    "notifications:settings": "signed_in",
    "oversight:board_detail": "board_and_chair",
    "oversight:conference_reports": "board_and_chair",
    "oversight:conference_report_present": "POST:acts:board_member_acts",
    "oversight:information_new": "board_member_work",
    "oversight:information_detail": "board_and_chair",
    "oversight:information_answer": "POST:acts:information_answerers",
    "oversight:information_withdraw": "POST:acts:board_member_acts",
    "oversight:information_extend": "POST:acts:information_answerers",
    "oversight:board_inspection_new": "board_member_work",
    "oversight:board_investor_notify": "investor_notice_absent",
    "oversight:board_project_new": "board_setup",
    "oversight:project_investor_notify": "board_setup",
    "oversight:board_member_add": "board_setup",
    "oversight:board_member_leave": "board_setup",
    "oversight:board_new": "board_setup",
    "oversight:board_recognise": "POST:acts:front_acts_on_boards",
    "oversight:board_recommendation_new": "board_member_work",
    "oversight:board_report": "board_and_chair",
    "oversight:board_report_issue": "POST:acts:board_member_acts",
    "oversight:report_publish": "POST:acts:board_member_acts",
    "oversight:board_vote": "board_member_work",
    "oversight:board_document": "board_and_chair",
    "oversight:board_programmes": "board_and_chair",
    "oversight:programme_item_add": "POST:acts:board_member_acts",
    "oversight:programme_item_done": "POST:acts:board_member_acts",
    "oversight:recommendation_escalate": "POST:acts:board_member_acts",
    "oversight:inspection_conclude": "POST:acts:board_member_acts",
    "oversight:inspection_detail": "board_and_chair",
    "oversight:inspection_finding": "POST:acts:board_member_acts",
    "oversight:inspection_notify": "POST:acts:board_member_acts",
    "oversight:organisation_board_new": "organisation_board_setup",
    "oversight:organisation_index": "organisation_boards",
    "oversight:public_list": "public",
    "oversight:recommendation_answer": "chair_private",
    "oversight:recommendation_close": "POST:acts:board_member_acts",
    "oversight:recommendation_confirm": "POST:acts:front_acts_on_boards",
    "oversight:recommendation_detail": "board_and_chair",
    "oversight:recommendation_send": "POST:acts:board_member_acts",
    "oversight:staff_index": "board_and_chair",
    "petitions:case_paper": "POST:acts:case_handler_acts",
    "petitions:routing": "chair_private",
    "petitions:routing_end": "POST:absent_object",
    "petitions:targets": "chair_private",
    "plans:plan_derive": "POST:acts:plan_acts",
    "plans:plan_detail": "plan_readers",
    # Correcting a draft plan: whoever may act on the plan (its commune office, the province above).
    "plans:plan_edit": "plan_readers",
    # Cancelling a plan (its confirmation page): whoever may act on it; the world's commune plan is a draft.
    "plans:plan_cancel": "plan_readers",
    "plans:plan_import": "plan_lists",
    "plans:plan_issue": "POST:acts:plan_acts",
    "plans:plan_list": "plan_lists",
    "plans:report_adhoc": "plan_lists",
    "plans:report_detail": "plan_readers",
    "plans:report_refresh": "POST:acts:plan_acts",
    "plans:report_prepare": "POST:acts:plan_acts",
    "plans:report_review": "POST:acts:province_reviews",
    "plans:report_submit": "POST:acts:plan_acts",
    "plans:scorecard": "scorecard_readers",
    # The records behind a figure: whoever reads the unit's reports or its scorecard.
    "plans:figure_records": "scorecard_readers",
    "plans:task_note": "POST:acts:plan_acts",
    "plans:task_status": "POST:acts:plan_acts",
    "reception:booking_cancel": "POST:acts:sender_acts",
    "reception:booking_officer_cancel": "commune_office_private",
    "reception:booking_page": "signed_in",
    "reception:commitment_done": "POST:acts:case_handler_acts",
    "reception:dialogue_announce": "POST:acts:case_handler_acts",
    "reception:dialogue_cancel": "POST:acts:case_handler_acts",
    "reception:dialogue_detail": "commune_office_private",
    "reception:dialogue_hold": "absent_object_behind_a_door",
    "reception:dialogue_list": "commune_office_private",
    "reception:dialogue_new": "commune_office_private",
    "reception:day_cancel": "commune_office_private",
    "reception:dialogue_publish": "POST:acts:case_handler_acts",
    "reception:drive_detail": "commune_office_private",
    "reception:drive_list": "commune_office_private",
    "reception:public_schedule": "public",
    "reception:question_add": "POST:acts:case_handler_acts",
    "reception:question_answer": "commune_office_private",
    "reception:schedule_edit": "commune_office_private",
    "reception:session_detail": "commune_office_private",
    "reception:session_new": "commune_office_private",
    "reception:staff_index": "commune_office_private",
    "reception:visit_new": "commune_office_private",
    "voting:ballot_campaign_new": "village_head_meeting",
    "voting:ballot_plan_sent": "POST:acts:village_head_acts",
    "voting:commune_vote_new": "chair_private",
    "voting:online_vote_new": "village_head_meeting",
    "voting:online_adoption_new": "village_head_meeting",
    "voting:vote_form_issue": "POST:acts:village_head_acts",
    "voting:vote_forms": "village_head_meeting",
    "voting:vote_revoke": "revocation_absent",
    "workplaces:attendance_mark": "POST:acts:organisation_head_acts",
    "workplaces:authorisation_new": "organisation_head_private",
    # The world's staff ballot is open: the head counts, records returns and reads it; sending it out again or
    # cancelling it is no longer on offer (404), like the delegates of a plenary and the dialogue list of a school.
    "workplaces:ballot_cancel": "absent_step_in_own_organisation",
    "workplaces:ballot_count": "organisation_head_private",
    "workplaces:ballot_detail": "organisation_staff_readers",
    "workplaces:ballot_new": "organisation_head_private",
    "workplaces:ballot_open": "absent_step_in_own_organisation",
    "workplaces:ballot_return": "organisation_head_private",
    "workplaces:conference_delegates": "absent_step_in_own_organisation",
    "workplaces:dialogue_members": "absent_step_in_own_organisation",
    "workplaces:conference_cancel": "absent_step_in_own_organisation",
    "workplaces:conference_chair": "organisation_head_private",
    "workplaces:conference_close": "organisation_head_private",
    "workplaces:conference_detail": "organisation_staff_readers",
    "workplaces:conference_issue": "absent_step_in_own_organisation",
    "workplaces:conference_new": "organisation_head_private",
    "workplaces:conference_open": "absent_step_in_own_organisation",
    "workplaces:conference_review": "absent_step_in_own_organisation",
    "workplaces:conference_step": "absent_step_in_own_organisation",
    "workplaces:consultation_close": "organisation_head_private",
    "workplaces:consultation_complete": "absent_step_in_own_organisation",
    "workplaces:consultation_detail": "organisation_staff_readers",
    "workplaces:consultation_new": "organisation_head_private",
    "workplaces:dialogue_detail": "other_organisation_private",
    "workplaces:dialogue_new": "absent_step_in_own_organisation",
    "workplaces:dialogue_publish": "absent_object",
    "workplaces:dialogue_record": "other_organisation_private",
    "workplaces:import_template_csv": "organisation_head_templates",
    "workplaces:import_template_xlsx": "organisation_head_templates",
    "workplaces:item_add": "organisation_head_private",
    "workplaces:item_vote": "absent_step_in_own_organisation",
    "workplaces:opinion_add": "organisation_head_private",
    "workplaces:opinion_answer": "absent_step_in_own_organisation",
    "workplaces:organisation_home": "organisation_staff_readers",
    "workplaces:organisation_list": "signed_in",
    "workplaces:profile_edit": "organisation_head_private",
    "workplaces:soe_rules_opt_in": "absent_step_in_own_organisation",
    "workplaces:staff_add": "organisation_head_private",
    "workplaces:staff_import": "organisation_head_private",
    "workplaces:staff_leave": "organisation_head_private",
    "workplaces:staff_list": "organisation_head_private",
    "workplaces:staff_post": "organisation_head_private",
}
"""URL name → profile name; ``POST:`` before the profile name for URLs that only take POST."""


def _real_url(name: str, converters: dict[str, Any], world_: dict[str, Any]) -> str:
    return reverse(name, kwargs=real_kwargs(name, converters, world_))


def _matches(persona: str, expected: int | str, response: Any) -> bool:
    status = int(response.status_code)
    if expected == OK:
        return status in (200, 302, 400) and not (status == 302 and str(response["Location"]).startswith(LOGIN))
    if persona == "anonymous" and expected == 302:
        return status == 302 and str(response["Location"]).startswith(LOGIN)
    return status == expected


LOGIN = "/tai-khoan/dang-nhap/"


@pytest.mark.django_db
def test_every_url_answers_every_persona_as_the_matrix_says(world: dict[str, Any], settings: Any) -> None:  # noqa: F811
    # Every request comes from one address: the API's anonymous rate limit (its own test in grassroots/api) would
    # answer 429 once the public API URLs x personas pass it within a minute. This test is about doors.
    settings.API_ANONYMOUS_RATE = "100000/m"
    assert reverse("accounts:login") == LOGIN
    clients: dict[str, Client] = {"anonymous": Client()}
    for key, user in world["personas"].items():
        if key not in PERSONAS:
            continue  # personas the world adds for its own objects (e.g. the Front chair of a board)
        if user.must_change_password:
            user.must_change_password = False
            user.save(update_fields=["must_change_password"])
        clients[key] = Client()
        clients[key].force_login(user)
    assert set(clients) == set(PERSONAS), set(PERSONAS) - set(clients)

    observed: dict[str, dict[str, int]] = {}
    wrong: list[str] = []
    missing: list[str] = []
    cells = 0
    later: list[tuple[str, str, str, int | str]] = []  # POSTs that pass the door run last: they change state

    def check(name: str, method: str, url: str, persona: str, expected: int | str | None) -> None:
        nonlocal cells
        client = clients[persona]
        response = client.get(url) if method == "GET" else client.post(url, {})
        observed.setdefault(f"{method} {name}", {})[persona] = response.status_code
        cells += 1
        if expected is not None and not _matches(persona, expected, response):
            wrong.append(f"{method} {name} ({url}) as {persona}: {response.status_code}, expected {expected}")

    for _route, name, converters in _patterns(get_resolver().url_patterns):
        if name in {"accounts:logout", "language"}:
            continue  # they change the session itself; their own tests cover them
        url = _real_url(name, converters, world)
        entry = EXPECTED.get(name)
        if entry is None:
            missing.append(name)
        entry = entry or ""
        method, profile_name = ("POST", entry.removeprefix("POST:")) if entry.startswith("POST:") else ("GET", entry)
        profile = PROFILES[profile_name] if profile_name else {}
        for persona in PERSONAS:
            expected = profile.get(persona)
            if method == "POST" and expected == OK:
                later.append((name, url, persona, expected))
                continue
            check(name, method, url, persona, expected)
    for name, url, persona, expected in later:
        check(name, "POST", url, persona, expected)

    if os.environ.get("ACCESS_MATRIX_DUMP"):
        with open(os.environ["ACCESS_MATRIX_DUMP"], "w", encoding="utf-8") as handle:
            json.dump(observed, handle, indent=1, sort_keys=True)
    print(f"\naccess matrix: {len(observed)} URLs x {len(PERSONAS)} personas = {cells} cells checked")
    assert not missing, "URLs without an entry in EXPECTED:\n" + "\n".join(missing)
    assert not wrong, f"{len(wrong)} cells differ from the matrix:\n" + "\n".join(wrong)
