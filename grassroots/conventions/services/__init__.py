"""Writes of village conventions (Decree 61/2023): propose, draft, comment, adopt, recognise, suspend, abolish.

Every write is keyword-only, inside ``transaction.atomic``: lock → rules → change → audit. Statuses move only
through ``core.services.state_change`` with the literal tables of ``rules``. The comment period is a village
consultation of the ``consultations`` app (its services, not a copy); adoption is a D3 vote of ``voting``,
read through its selectors and submitted / recognised / refused through its own services.

A package by workflow (STYLE: split a module past ~600 lines); every name is re-exported here so
``from grassroots.conventions import services`` and ``services.<name>`` keep working."""

from __future__ import annotations

from grassroots.conventions.services.adoption import version_link_vote, version_record_adoption
from grassroots.conventions.services.comments import comments_close, comments_open, version_finalise
from grassroots.conventions.services.common import MESSAGES, REFUSALS, TEAM_PART_LABELS, current_fingerprint
from grassroots.conventions.services.drafting import (
    amendment_propose,
    article_save,
    convention_propose,
    drafting_team_set,
)
from grassroots.conventions.services.measures import MEASURE_SUMMARIES, measure_decide, report_receive
from grassroots.conventions.services.recognition import (
    dissemination_record,
    signatures_set,
    version_recognise,
    version_refuse,
    version_submit_dossier,
)
from grassroots.conventions.services.reviews import review_date_set, review_record

__all__ = [
    "MEASURE_SUMMARIES",
    "MESSAGES",
    "REFUSALS",
    "TEAM_PART_LABELS",
    "amendment_propose",
    "article_save",
    "comments_close",
    "comments_open",
    "convention_propose",
    "current_fingerprint",
    "dissemination_record",
    "drafting_team_set",
    "measure_decide",
    "report_receive",
    "review_date_set",
    "review_record",
    "signatures_set",
    "version_finalise",
    "version_link_vote",
    "version_recognise",
    "version_record_adoption",
    "version_refuse",
    "version_submit_dossier",
]
