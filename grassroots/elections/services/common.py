"""What the election and dismissal services share: messages, who organises, the province's term, locks."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from grassroots.accounts.rules import Action
from grassroots.core import clock
from grassroots.core.errors import DomainError, RuleResult
from grassroots.core.services import state_change
from grassroots.elections import rules
from grassroots.elections.models import (
    Election,
    ElectionKind,
    VillageHeadTermSetting,
)
from grassroots.units import selectors as unit_selectors
from grassroots.units.models import AdministrativeUnit, UnitLevel
from grassroots.voting import services as vote_services

MESSAGES: Mapping[str, Any] = {
    "decisions.election.plan_too_late": _("Quyết định và kế hoạch bầu phải có trước ngày bầu ít nhất 20 ngày."),
    "decisions.election.candidates_too_late": _(
        "Biên bản danh sách người ứng cử phải gửi trước ngày bầu ít nhất 15 ngày."
    ),
    "decisions.election.team_too_late": _("Quyết định thành lập Tổ bầu cử phải có trước ngày bầu ít nhất 10 ngày."),
    "decisions.election.notice_too_late": _("Phải niêm yết, thông báo trước ngày bầu ít nhất 7 ngày."),
    "decisions.election.plan_missing": _("Chưa có quyết định, kế hoạch bầu."),
    "decisions.election.candidates_missing": _("Chưa chốt danh sách người ứng cử."),
    "decisions.election.team_missing": _("Chưa thành lập Tổ bầu cử."),
    "decisions.election.notice_missing": _("Chưa niêm yết, thông báo."),
    "decisions.election.no_candidate": _("Cần ít nhất một người ứng cử."),
    "decisions.election.candidate_on_team": _("Người ứng cử không được là thành viên Tổ bầu cử."),
    "decisions.election.bad_transition": _("Thao tác này không thực hiện được ở trạng thái hiện tại."),
    "decisions.election.not_authorised": _("Bạn không có thẩm quyền với cuộc bầu này."),
    "decisions.election.not_community": _("Cuộc bầu phải gắn với một thôn, tổ dân phố."),
    "decisions.election.seats": _("Số người được bầu không hợp lệ."),
    "decisions.election.reason_required": _("Cần nêu lý do."),
    "decisions.election.vote_not_closed": _("Cuộc bầu chưa kiểm phiếu xong."),
    "decisions.election.locked": _("Danh sách đã chốt, không sửa được."),
    "decisions.election.name_required": _("Cần chọn một người dân hoặc nhập họ và tên."),
    "decisions.election.resident_outside": _("Người này không thuộc hộ gia đình đang cư trú ở thôn, tổ dân phố này."),
    "decisions.election.already_candidate": _("Người này đã có trong danh sách người ứng cử."),
    "decisions.election.pick_resident": _(
        "Có người dân trong sổ hộ khớp với họ tên này: hãy tìm và chọn người đó từ danh sách "
        "(chỉ nhập họ tên khi người ứng cử chưa có trong sổ hộ)."
    ),
    "decisions.dismissal.petition_too_small": _("Kiến nghị cho thôi làm cần ít nhất một nửa số hộ."),
    "decisions.dismissal.bad_transition": _("Thao tác này không thực hiện được ở trạng thái hiện tại."),
    "decisions.dismissal.not_head": _("Người này không phải Trưởng thôn đương nhiệm."),
    "decisions.dismissal.not_authorised": _("Bạn không có thẩm quyền với việc cho thôi làm này."),
    "decisions.dismissal.vote_not_closed": _("Cuộc họp chưa kiểm phiếu xong."),
    "decisions.dismissal.front_agreement_missing": _("Cần ghi ngày UBND xã thống nhất với Ủy ban MTTQ xã."),
    "decisions.election.not_meeting_day": _(
        "Chỉ đề cử, tự ứng cử tại hội nghị bầu: vào ngày bầu, trước khi bắt đầu bỏ phiếu."
    ),
    "decisions.election.multi_seat_secret": _(
        "Bầu nhiều người thì bỏ phiếu kín: mỗi phiếu đánh dấu tối đa số người được bầu."
    ),
    "decisions.election.no_team_leader": _(
        "Tổ bầu cử chưa có tổ trưởng: cần ghi tổ trưởng trước khi lập thông báo họp (Mẫu 01) để người ký đúng."
    ),
    "decisions.election.seats_filled": _("Đã bầu đủ số người; không cần bầu bổ sung."),
    "decisions.election.front_committee_required": _("Cần ghi thành phần Ban công tác Mặt trận lập danh sách."),
    "decisions.election.front_committee_signers": _(
        "Biên bản Mẫu 05 cần hai người ký khác nhau: Trưởng Ban công tác Mặt trận (dòng đầu) và thư ký "
        "(dòng cuối); mỗi người chỉ ghi một lần."
    ),
    "decisions.election.minutes_issued": _("Biên bản danh sách người ứng cử (Mẫu 05) đã được lập."),
    "decisions.election.candidates_not_fixed": _(
        "Chưa chốt danh sách người ứng cử: chốt danh sách trước, rồi mới lập biên bản Mẫu 05."
    ),
    "decisions.election.candidate_minutes_missing": _(
        "Chưa lập biên bản danh sách người ứng cử (Mẫu 05): chưa thể niêm yết, thông báo hay tổ chức bầu."
    ),
    "decisions.election.candidate_minutes_too_late": _(
        "Biên bản danh sách người ứng cử (Mẫu 05) phải gửi UBND xã trước ngày bầu ít nhất 15 ngày "
        "(chậm nhất ngày %(latest)s)."
    ),
    "decisions.election.decision_issued": _("Quyết định công nhận đã được ban hành."),
    "decisions.election.meeting_scheduled": _("Hội nghị bầu đã được triệu tập và đã có thông báo (Mẫu 01)."),
    "decisions.election.meeting_not_on_election_day": _("Hội nghị bầu phải họp đúng ngày bầu đã định (%(day)s)."),
    "decisions.election.place_required": _("Cần ghi địa điểm họp."),
}

ELECTION_ORGANISERS: Mapping[str, Action] = {
    ElectionKind.VILLAGE_HEAD: Action.ACT_FOR_PEOPLES_COMMITTEE,
    ElectionKind.INSPECTION_BOARD: Action.ACT_FOR_FRONT,
    ElectionKind.INVESTMENT_SUPERVISION_BOARD: Action.ACT_FOR_FRONT,
}
"""Who decides and organises, as an action of the matrix: the commune People's Committee for village heads
([ND59] art. 6(1)); the commune Front for the boards ([L] arts 36(3), 41(1); [ND59] arts 13, 17). They also
recognise the result."""


def can_organise(user: Any, community: AdministrativeUnit | int, kind: str, on: dt.date | None = None) -> bool:
    """Whether ``user`` organises (and recognises) elections of ``kind`` in ``community``."""
    return vote_services.may(user, ELECTION_ORGANISERS[kind], community, on or clock.today())


def _fail(code: str, **params: Any) -> DomainError:
    return DomainError(code, vote_services.message_for(code, params, MESSAGES if code in MESSAGES else None), **params)


def _refuse(result: RuleResult) -> None:
    if not result.allowed:
        raise _fail(result.code, **result.params)


def village_head_term_months(community: AdministrativeUnit | None = None, on: dt.date | None = None) -> int:
    """The village-head term in months for ``community``'s province on ``on`` ([TT04] art. 12(2)).

    The province's latest ``VillageHeadTermSetting`` in force that day; otherwise the project default
    (``settings.DECISIONS_VILLAGE_HEAD_TERM_MONTHS``, 60 months: UNCERTAIN, law.md §7 q. 2).
    """
    default = int(getattr(settings, "DECISIONS_VILLAGE_HEAD_TERM_MONTHS", rules.VILLAGE_HEAD_TERM_MONTHS_DEFAULT))
    if community is None:
        return default
    province_ids = [unit.pk for unit in unit_selectors.unit_ancestors(community) if unit.level == UnitLevel.PROVINCE]
    if not province_ids:
        return default
    setting = (
        VillageHeadTermSetting.objects.filter(province_id__in=province_ids, effective_from__lte=on or clock.today())
        .order_by("-effective_from")
        .first()
    )
    return setting.months if setting is not None else default


def _commune(community: AdministrativeUnit) -> AdministrativeUnit:
    commune = unit_selectors.commune_of(community)
    if commune is None or community.level != UnitLevel.COMMUNITY:
        raise _fail("decisions.election.not_community")
    return commune


def _check_organiser(election: Election, actor: Any, on: dt.date) -> None:
    commune = _commune(election.community)
    if not vote_services.may(actor, ELECTION_ORGANISERS[election.kind], commune, on):
        raise _fail("decisions.election.not_authorised")


def _election_snapshot(election: Election) -> dict[str, Any]:
    return {
        "status": election.status,
        "kind": election.kind,
        "election_date": election.election_date,
        "decision_issued_on": election.decision_issued_on,
        "candidates_fixed_on": election.candidates_fixed_on,
        "team_formed_on": election.team_formed_on,
        "notice_posted_on": election.notice_posted_on,
    }


def _save_election(
    election: Election, *, verb: str, actor: Any, moment: dt.datetime, target: str | None = None
) -> None:
    state_change(
        election,
        code=f"decisions.election.{verb}",
        actor=actor,
        unit=election.community_id,
        snapshot=_election_snapshot,
        now=moment,
        target=target,
        check=lambda current, wanted: rules.check_transition("election", current, wanted),
        refused=lambda result: _fail("decisions.election.bad_transition", **result.params),
    )


def _locked_election(election: Election) -> Election:
    return Election.objects.select_for_update().select_related("community").get(pk=election.pk)


def _check_candidate_minutes(locked: Election) -> None:
    """Refuse unless the election's Mẫu 05 was issued by the platform ≥ 15 days before ([ND59] art. 6(2)).

    The day is the document's ``issued_at`` (the server's clock when its number was given), not a typed
    day: neither ``candidates_fixed_on`` nor a back-dated ``issued_on`` stands in for it. A document id set
    by hand that is not a minutes document of this community counts as no minutes.
    """
    from grassroots.documents.models import Document, DocumentType

    minutes_on = None
    if locked.candidate_minutes_document_id is not None:
        document = Document.objects.filter(
            pk=locked.candidate_minutes_document_id, kind=DocumentType.MINUTES, issuer_id=locked.community_id
        ).first()
        if document is not None:
            minutes_on = clock.localdate(document.issued_at)
    _refuse(rules.check_candidate_minutes(minutes_on=minutes_on, election_date=locked.election_date))
