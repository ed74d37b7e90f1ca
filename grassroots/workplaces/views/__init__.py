"""Staff pages of democracy in an agency, public service unit or enterprise (Law Chapters III–IV).

Who sees what: anyone holding a role in the organisation today opens its home page (the year's obligations,
the conferences); the head (``MANAGE_WORKPLACE``) keeps the staff register, consults staff and records
dialogue; the head and the union chair (``RUN_STAFF_CONFERENCES``) run the conference. Anybody else,
officers of the commune or of another organisation included, gets a 404.

Submodules: ``organisation`` (home, profile, staff register), ``conferences``, ``consultation``, ``dialogue``,
``ballot_pages`` (stand-in authorisations, staff ballots); ``base`` holds the shared lookups.
"""

from grassroots.workplaces.views.ballot_pages import (
    authorisation_new,
    ballot_cancel,
    ballot_count,
    ballot_detail,
    ballot_new,
    ballot_open,
    ballot_return,
)
from grassroots.workplaces.views.conferences import (
    attendance_mark,
    conference_cancel,
    conference_chair,
    conference_close_attendance,
    conference_delegates,
    conference_detail,
    conference_issue,
    conference_new,
    conference_open,
    conference_review,
    conference_step,
    item_add,
    item_vote,
)
from grassroots.workplaces.views.consultation import (
    consultation_close,
    consultation_complete,
    consultation_detail,
    consultation_new,
    opinion_add,
    opinion_answer,
)
from grassroots.workplaces.views.dialogue import (
    dialogue_detail,
    dialogue_members,
    dialogue_new,
    dialogue_publish,
    dialogue_record,
)
from grassroots.workplaces.views.organisation import (
    import_template_csv,
    import_template_xlsx,
    organisation_home,
    organisation_list,
    profile_edit,
    soe_rules_opt_in,
    staff_add,
    staff_import,
    staff_leave,
    staff_list,
    staff_post,
)

__all__ = [
    "attendance_mark",
    "authorisation_new",
    "ballot_cancel",
    "ballot_count",
    "ballot_detail",
    "ballot_new",
    "ballot_open",
    "ballot_return",
    "conference_cancel",
    "conference_chair",
    "conference_close_attendance",
    "conference_delegates",
    "conference_detail",
    "conference_issue",
    "conference_new",
    "conference_open",
    "conference_review",
    "conference_step",
    "consultation_close",
    "consultation_complete",
    "consultation_detail",
    "consultation_new",
    "dialogue_detail",
    "dialogue_members",
    "dialogue_new",
    "dialogue_publish",
    "dialogue_record",
    "import_template_csv",
    "import_template_xlsx",
    "item_add",
    "item_vote",
    "opinion_add",
    "opinion_answer",
    "organisation_home",
    "organisation_list",
    "profile_edit",
    "soe_rules_opt_in",
    "staff_add",
    "staff_import",
    "staff_leave",
    "staff_list",
    "staff_post",
]
