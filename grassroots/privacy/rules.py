"""What happens to each place a person's account is referenced when they ask for their data or its erasure.

The Personal Data Protection Law (91/2025/QH15, in force 01/01/2026) gives a person the right to obtain
their data and to have it erased, except where another law requires it to be kept. law.md lists the
application of that law to voter rolls and online voting as open (§ open questions, 17: "Personal data …
Not researched here"), so erasure itself can be switched off (``GRASSROOTS_PERSONAL_DATA_ERASURE``) and
the policy below keeps every record that a legal procedure of the Law on Grassroots Democracy produced.

``POLICY`` names every foreign key to the user model in the platform: a new one without an entry fails
``grassroots/privacy/tests/test_policy.py``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from django.utils.translation import gettext_lazy as _

from grassroots.core.errors import RuleResult


class Fate(StrEnum):
    ERASE = "erase"
    """The rows exist only for the person's convenience (inbox, preferences, tokens): deleted."""
    UNLINK = "unlink"
    """The record stays (it belongs to a procedure or to the commune register); the link to the account
    is cut and the person's name on it is removed where the record does not need it."""
    RETAIN = "retain"
    """A record of a legal procedure or of an official act: kept as the law requires (``REASONS``)."""


class Kind(StrEnum):
    OWN = "own"
    """The row is about the person (their opinion, their roll entry, their case identity): exported whole."""
    ACT = "act"
    """The person acted in an official role (recorded, decided, issued): only the count is exported, since
    the row holds other people's data."""


@dataclass(frozen=True)
class Policy:
    kind: Kind
    fate: Fate
    reason: str = ""
    clear: tuple[tuple[str, object], ...] = ()
    """Fields reset when the row is unlinked (the person's name on a record that does not need it)."""


R_PROCEDURE = "procedure"
R_OFFICIAL = "official"
R_CASE = "case"
R_REGISTER = "register"
R_ROLES = "roles"

REASONS: Mapping[str, Any] = {
    R_PROCEDURE: _("Hồ sơ của một thủ tục theo Luật Thực hiện dân chủ ở cơ sở (biểu quyết, bầu cử, sáng kiến)"),
    R_OFFICIAL: _("Việc làm với tư cách cán bộ, thành viên ban: hồ sơ công vụ phải lưu giữ"),
    R_CASE: _("Hồ sơ phản ánh, kiến nghị, khiếu nại, tố cáo: lưu theo quy định về giải quyết và lưu trữ"),
    R_REGISTER: _("Danh sách hộ gia đình, nhân khẩu của xã: theo dữ liệu cư trú, không xóa theo tài khoản"),
    R_ROLES: _("Lịch sử vai trò: cho biết ai có thẩm quyền vào ngày nào"),
}

_ACT = Policy(Kind.ACT, Fate.RETAIN, R_OFFICIAL)

POLICY: Mapping[str, Policy] = {
    # The person's own rows
    "units.Resident.user": Policy(Kind.OWN, Fate.UNLINK, R_REGISTER),
    "accounts.RoleMembership.user": Policy(Kind.OWN, Fate.RETAIN, R_ROLES),
    "consultations.Opinion.author": Policy(Kind.OWN, Fate.UNLINK, clear=(("author_name", ""), ("shows_name", False))),
    "petitions.CaseIdentity.user": Policy(Kind.OWN, Fate.RETAIN, R_CASE),
    "petitions.ServiceUse.resident": Policy(Kind.OWN, Fate.UNLINK),
    "voting.VoteRollEntry.representative_user": Policy(Kind.OWN, Fate.RETAIN, R_PROCEDURE),
    "elections.Candidate.user": Policy(Kind.OWN, Fate.RETAIN, R_PROCEDURE),
    "elections.ElectionTeamMember.user": Policy(Kind.OWN, Fate.RETAIN, R_PROCEDURE),
    "elections.Dismissal.head": Policy(Kind.OWN, Fate.RETAIN, R_PROCEDURE),
    "elections.Dismissal.interim_user": Policy(Kind.OWN, Fate.RETAIN, R_PROCEDURE),
    "initiatives.Initiative.initiator": Policy(Kind.OWN, Fate.RETAIN, R_PROCEDURE),
    "oversight.BoardMember.user": Policy(Kind.OWN, Fate.RETAIN, R_OFFICIAL),
    "notifications.NotificationSettings.user": Policy(Kind.OWN, Fate.ERASE),
    "notifications.Preference.user": Policy(Kind.OWN, Fate.ERASE),
    "notifications.Notification.user": Policy(Kind.OWN, Fate.ERASE),
    "notifications.Digest.user": Policy(Kind.OWN, Fate.ERASE),
    "notifications.Subscription.user": Policy(Kind.OWN, Fate.ERASE),
    "api.ApiToken.user": Policy(Kind.OWN, Fate.ERASE),
    # Official acts
    "documents.Document.signer": _ACT,
    "documents.Document.issued_by": _ACT,
    "disclosures.Disclosure.created_by": _ACT,
    "disclosures.PublicationEvent.recorded_by": _ACT,
    "disclosures.RelayTask.acknowledged_by": _ACT,
    "disclosures.InformationRequest.created_by": _ACT,
    "voting.CommunityVote.convened_by": _ACT,
    "voting.CommunityVote.recognised_by": _ACT,
    "voting.MeetingAttendance.recorded_by": _ACT,
    "voting.DocumentDelivery.recorded_by": _ACT,
    "voting.VoteParticipation.entered_by": _ACT,
    "voting.RollAmendment.amended_by": _ACT,
    "voting.OnlineFormAgreement.village_head": _ACT,
    "voting.OnlineFormAgreement.front_head": _ACT,
    "voting.OnlineFormAgreement.recorded_by": _ACT,
    "voting.VoteFormDocument.issued_by": _ACT,
    "voting.DecisionRevocation.decided_by": _ACT,
    "elections.Election.created_by": _ACT,
    "elections.Dismissal.created_by": _ACT,
    "initiatives.InitiativeSignature.entered_by": _ACT,
    "consultations.Consultation.created_by": _ACT,
    "consultations.Opinion.entered_by": _ACT,
    "conventions.Convention.created_by": _ACT,
    "conventions.ConventionVersion.created_by": _ACT,
    "conventions.ConventionMeasure.decided_by": _ACT,
    "conventions.ConventionReview.recorded_by": _ACT,
    "conventions.ConventionReport.recorded_by": _ACT,
    "petitions.Case.handler": _ACT,
    "petitions.IdentityAccess.viewer": _ACT,
    "petitions.CaseAssignment.handler": _ACT,
    "petitions.CaseAssignment.assigned_by": _ACT,
    "petitions.CaseExtension.decided_by": _ACT,
    "petitions.CasePause.recorded_by": _ACT,
    "petitions.RoutingRule.handler": _ACT,
    "petitions.RoutingRule.created_by": _ACT,
    "petitions.CaseReminder.recipient": _ACT,
    "petitions.CaseTarget.set_by": _ACT,
    "petitions.ServiceUse.officer": _ACT,
    "petitions.ServiceUse.recorded_by": _ACT,
    "workplaces.Conference.created_by": _ACT,
    "workplaces.ConferenceStep.recorded_by": _ACT,
    "workplaces.Attendance.recorded_by": _ACT,
    "workplaces.ResolutionReview.recorded_by": _ACT,
    "workplaces.WorkplaceDialogue.created_by": _ACT,
    "workplaces.DialogueMemberList.created_by": _ACT,
    "workplaces.StaffBallot.created_by": _ACT,
    "workplaces.HeadAuthorisation.created_by": _ACT,
    "workplaces.StaffBallotReturn.entered_by": _ACT,
    "funds.Fund.created_by": _ACT,
    "funds.Expense.proposed_by": _ACT,
    "funds.Expense.decided_by": _ACT,
    "funds.Entry.recorded_by": _ACT,
    "funds.Finding.raised_by": _ACT,
    "funds.Paper.issued_by": _ACT,
    "funds.CommuneFundSetting.set_by": _ACT,
    "funds.Treasurer.appointed_by": _ACT,
    "funds.Treasurer.ended_by": _ACT,
    "funds.Treasurer.user": Policy(Kind.OWN, Fate.RETAIN, R_OFFICIAL),
    "reception.ReceptionSchedule.created_by": _ACT,
    "reception.ReceptionDayCancellation.cancelled_by": _ACT,
    "reception.ReceptionBooking.citizen": Policy(Kind.OWN, Fate.ERASE),
    "reception.VoterRequestSignature.user": Policy(Kind.OWN, Fate.RETAIN, R_PROCEDURE),
    "reception.VoterRequestSignature.recorded_by": _ACT,
    "reception.ReceptionSession.receiver": _ACT,
    "reception.ReceptionSession.recorded_by": _ACT,
    "oversight.Board.recognised_by": _ACT,
    "oversight.Board.created_by": _ACT,
    "oversight.Inspection.created_by": _ACT,
    "oversight.Finding.recorded_by": _ACT,
    "oversight.Recommendation.confirmed_by": _ACT,
    "oversight.Recommendation.answered_by": _ACT,
    "oversight.Recommendation.created_by": _ACT,
    "oversight.BoardReport.issued_by": _ACT,
    "oversight.Escalation.created_by": _ACT,
    "oversight.Programme.created_by": _ACT,
    "oversight.BoardVote.recorded_by": _ACT,
    "oversight.ConferenceReport.drafted_by": _ACT,
    "oversight.ConferenceReport.presented_by": _ACT,
    "oversight.InformationRequest.answered_by": _ACT,
    "oversight.InformationRequest.extended_by": _ACT,
    "oversight.SupervisedProject.created_by": _ACT,
    "oversight.InformationRequest.created_by": _ACT,
    "plans.Plan.created_by": _ACT,
    "plans.TaskNote.author": _ACT,
}

NEVER_EXPORTED = frozenset({"password", "key_hash", "donor_name_sealed", "choice", "choices", "sealed", "ballot"})
"""Field names never written into an export: secrets, and anything that could tie a household to a secret
ballot (a secret choice is stored apart from who voted and is not the person's to take home)."""


def check_erasure(
    *,
    enabled: bool,
    active_roles: int,
    open_cases: int,
    reason: str,
    already_erased: bool,
    open_duties: int = 0,
) -> RuleResult:
    """Whether a person's data may be erased now.

    Refused while the person holds a role (their powers must stay traceable: end the role first), or an office
    that is not a role of the Action matrix (``open_duties``: the treasurer of a fund in office, a member of an
    oversight board not yet left: a fund's receipts and a board's findings must keep naming who acts), while a
    case they filed is still being handled (the commune must be able to answer them), when it was already
    done, or without a written reason. The permission itself (an officer over every unit of the person) is
    ``accounts.services.reset_permission``: the same door as a password reset.
    """
    if not enabled:
        return RuleResult.refuse("privacy.erasure_disabled")
    if already_erased:
        return RuleResult.refuse("privacy.already_erased")
    if active_roles:
        return RuleResult.refuse("privacy.has_roles", count=active_roles)
    if open_duties:
        return RuleResult.refuse("privacy.open_duties", count=open_duties)
    if open_cases:
        return RuleResult.refuse("privacy.open_cases", count=open_cases)
    if not reason.strip():
        return RuleResult.refuse("privacy.reason_required")
    return RuleResult.ok()


@dataclass(frozen=True)
class UnlinkedSource:
    """A record that names a person who may have no account (a paper petition, an opinion given at a meeting,
    a member of a household on the commune's register, a visit at a reception session).

    ``name_field`` and ``phone_field`` identify the person; ``commune_path`` leads to the commune that holds
    the row (the lookup stays inside the officer's communes); ``account_field`` is the link that must be empty
    (rows linked to an account are in that account's own export); ``hidden`` marks rows the lookup never
    shows nor counts: a confidential sender (every denouncer, [Law on Denunciations 25/2018/QH14] art. 47) is
    answered through the case's own masked and logged procedure, never by a search on a name.
    """

    model: str
    name_field: str
    phone_field: str
    commune_path: str
    account_field: str
    reason: str
    hidden: tuple[tuple[str, object], ...] = ()


UNLINKED_SOURCES: tuple[UnlinkedSource, ...] = (
    UnlinkedSource("units.Resident", "full_name", "phone", "household__community__parent", "user", R_REGISTER),
    UnlinkedSource(
        "petitions.CaseIdentity", "full_name", "phone", "case__unit", "user", R_CASE, (("case__is_confidential", True),)
    ),
    UnlinkedSource("consultations.Opinion", "author_name", "", "consultation__commune", "author", R_PROCEDURE),
    UnlinkedSource(
        "reception.ReceptionVisit", "full_name", "phone", "session__unit", "", R_CASE, (("identity_withheld", True),)
    ),
)
"""Where the records of a person without an account are looked for (``selectors.records_without_account``)."""

UNLINKED_LOOKUP_MAX_ROWS = 200
"""At most this many rows of one kind are shown for one lookup: a name typed too broadly is narrowed by a phone."""


ERASED_NAME = "Người dùng đã xóa dữ liệu"
"""What an erased account is called from then on, wherever a record still points to it."""
