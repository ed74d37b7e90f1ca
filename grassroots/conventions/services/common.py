"""Shared parts of the convention services: refusals, snapshots, locks, the matrix check, the text fingerprint."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext_lazy as _

from grassroots.accounts import selectors as account_selectors
from grassroots.accounts.rules import Action
from grassroots.conventions import rules
from grassroots.conventions.models import (
    Convention,
    ConventionVersion,
)
from grassroots.core.errors import Refusals
from grassroots.core.services import state_change
from grassroots.units.models import AdministrativeUnit

MESSAGES: Mapping[str, Any] = {
    "conventions.bad_transition": _("Thao tác này không thực hiện được ở trạng thái hiện tại."),
    "conventions.not_community": _("Hương ước, quy ước là của thôn, tổ dân phố."),
    "conventions.title_required": _("Cần nhập tên hương ước, quy ước."),
    "conventions.no_households": _("Thôn, tổ dân phố chưa có hộ gia đình nào trong sổ."),
    "conventions.front_agreement_required": _(
        "Cần có sự thống nhất (hoặc đồng ý) của Trưởng ban công tác Mặt trận (Nghị định 61, Điều 7)."
    ),
    "conventions.support_too_low": _(
        "Đề xuất của công dân cần ít nhất %(needed)s hộ ủng hộ (10%% số hộ); hiện có %(supporting)s hộ."
    ),
    "conventions.bad_basis": _("Căn cứ đề xuất không hợp lệ."),
    "conventions.drafting_team_incomplete": _(
        "Tổ soạn thảo chưa đủ thành phần theo Điều 8 Nghị định 61: còn thiếu %(parts)s."
    ),
    "conventions.signatures_incomplete": _(
        "Hương ước, quy ước cần ít nhất %(minimum)s người ký: Trưởng thôn, Trưởng ban công tác Mặt trận và 2 đại "
        "diện hộ gia đình (Nghị định 61, Điều 4); hiện có %(signed)s người, còn thiếu: %(parts)s."
    ),
    "conventions.bad_signer_role": _("Vai trò người ký không hợp lệ."),
    "conventions.not_signable": _("Chỉ ghi chữ ký sau khi cộng đồng dân cư đã thông qua và trước khi gửi hồ sơ."),
    "conventions.dossier_incomplete": _(
        "Hồ sơ đề nghị công nhận chưa đủ (Khoản 1 Điều 11 Nghị định 61): còn thiếu %(items)s."
    ),
    "conventions.bad_dossier_item": _("Thành phần hồ sơ không hợp lệ."),
    "conventions.not_drafting": _("Chỉ thay đổi tổ soạn thảo khi dự thảo đang được soạn thảo."),
    "conventions.in_progress": _("Đang có một bản dự thảo chưa hoàn thành thủ tục."),
    "conventions.not_editable": _("Chỉ sửa nội dung khi đang soạn thảo hoặc sau khi hết thời gian lấy ý kiến."),
    "conventions.no_articles": _("Dự thảo cần ít nhất một điều."),
    "conventions.article_required": _("Cần nhập tên và nội dung điều."),
    "conventions.comment_too_short": _(
        "Dự thảo phải được niêm yết lấy ý kiến ít nhất %(days)s ngày: ngày kết thúc sớm nhất là %(earliest)s."
    ),
    "conventions.comments_not_closed": _("Chỉ hoàn thiện dự thảo sau khi đã kết thúc lấy ý kiến."),
    "conventions.wrong_vote": _("Cần chọn cuộc biểu quyết nội dung hương ước, quy ước (D3) của chính thôn này."),
    "conventions.ballots_need_failed_meeting": _(
        "Chỉ phát phiếu lấy ý kiến hộ gia đình sau khi cuộc họp đã liên kết không đủ quá nửa số hộ tham dự: hãy "
        "liên kết cuộc họp trước, rồi cuộc phát phiếu được chuyển từ cuộc họp đó (Nghị định 61, Điều 10)."
    ),
    "conventions.vote_already_open": _("Cuộc biểu quyết đã bắt đầu: cần liên kết trước khi biểu quyết."),
    "conventions.vote_not_counted": _("Cuộc biểu quyết chưa kiểm phiếu xong."),
    "conventions.moved_to_ballots": _(
        "Cuộc họp không đủ quá nửa số hộ đã chuyển sang phát phiếu: hãy liên kết cuộc phát phiếu."
    ),
    "conventions.text_changed": _(
        "Nội dung văn bản đã bị thay đổi sau khi hoàn thiện, khác với văn bản cộng đồng dân cư biểu quyết."
    ),
    "conventions.not_authorised": _("Bạn không có thẩm quyền thực hiện việc này."),
    "conventions.reason_required": _("Cần nêu lý do."),
    "conventions.date_in_future": _("Ngày không được sau hôm nay."),
    "conventions.date_out_of_order": _("Ngày quyết định không được trước ngày gửi hồ sơ."),
    "conventions.not_in_force": _("Hương ước, quy ước này không còn hiệu lực."),
    "conventions.articles_required": _("Cần ghi các điều bị tạm ngưng hoặc bãi bỏ."),
    "conventions.fix_by_required": _("Cần ghi thời hạn khắc phục (sau hôm nay)."),
    "conventions.bad_channel": _("Hình thức phổ biến không hợp lệ."),
    "conventions.dissemination_required": _(
        "Cần niêm yết tại nhà văn hóa và phổ biến bằng ít nhất một hình thức khác (Nghị định 61, Điều 15)."
    ),
    "conventions.review_exists": _("Năm này đã có biên bản rà soát."),
    "conventions.findings_required": _("Cần ghi kết quả rà soát."),
    "conventions.bad_review_date": _(
        "Ngày rà soát không hợp lệ: chọn một ngày có trong mọi năm (không chọn 29/02, hay 31 của tháng chỉ có 30 ngày)."
    ),
    "conventions.bad_ground": _("Loại phản ánh không hợp lệ."),
    "conventions.basis_required": _("Cần ghi nội dung phản ánh hoặc kết luận kiểm tra."),
    "conventions.report_closed": _("Phản ánh này đã được xử lý."),
    "conventions.measure_not_for_ground": _(
        "Quyết định không phù hợp với loại phản ánh: phản ánh, kết luận kiểm tra thì trả lời hoặc tạm ngưng; "
        "căn cứ bãi bỏ thì trả lời hoặc bãi bỏ."
    ),
}


REFUSALS = Refusals(MESSAGES)
_fail = REFUSALS.error
_enforce = REFUSALS.enforce


def _convention_snapshot(convention: Convention) -> dict[str, Any]:
    return {"status": convention.status, "title": convention.title, "name_kind": convention.name_kind}


def _version_snapshot(version: ConventionVersion) -> dict[str, Any]:
    return {
        "status": version.status,
        "number": version.number,
        "consultation": version.consultation_id,
        "vote": version.vote_id,
        "text_hash": version.text_hash,
        "finalised_on": version.finalised_on,
        "adopted_on": version.adopted_on,
        "dossier_sent_on": version.dossier_sent_on,
        "decided_on": version.decided_on,
        "decision_document": version.decision_document_id,
        "dissemination_channels": list(version.dissemination_channels),
        "drafting_team": version.drafting_team,
        "drafting_parts": [part for part, present in _team_flags(version).items() if present],
        "ethnic_minority_area": version.convention.ethnic_minority_area,
        "signatories": list(version.signatories),
        "dossier_items": list(version.dossier_items),
    }


def _team_flags(version: ConventionVersion) -> dict[str, bool]:
    return {
        "mass_organisations": version.drafting_mass_organisations,
        "respected_people": version.drafting_respected_people,
        "elders": version.drafting_elders,
        "ethnic_language": version.drafting_ethnic_language,
        "front_agreed": version.drafting_front_agreed,
    }


TEAM_PART_LABELS: Mapping[str, Any] = {
    "members": _("họ tên các thành viên"),
    "mass_organisations": _("đại diện các tổ chức chính trị - xã hội (đoàn thể)"),
    "respected_people": _("người có uy tín trong cộng đồng"),
    "front_agreement": _("sự thống nhất của Trưởng ban công tác Mặt trận về tổ soạn thảo"),
    "elders": _("già làng"),
    "ethnic_language": _("người biết tiếng dân tộc thiểu số"),
}


def _check_team(version: ConventionVersion, *, ethnic_minority_area: bool) -> None:
    """Refuse a drafting team short of [ND61] art. 8, naming every missing part in the message."""
    result = rules.check_drafting_team(
        members=version.drafting_team,
        ethnic_minority_area=ethnic_minority_area,
        **_team_flags(version),
    )
    if not result:
        missing = list(result.params["missing"])
        raise _fail(result.code, missing=missing, parts="; ".join(str(TEAM_PART_LABELS[part]) for part in missing))


def _commune_id(convention: Convention) -> int:
    return int(convention.community.parent_id or convention.community_id)


def _save_version(
    version: ConventionVersion, *, verb: str, actor: Any, moment: dt.datetime, target: str | None = None
) -> None:
    state_change(
        version,
        code=f"conventions.version.{verb}",
        actor=actor,
        unit=version.convention.community_id,
        snapshot=_version_snapshot,
        now=moment,
        target=target,
        check=rules.check_version_transition,
        refused=lambda result: _fail("conventions.bad_transition", **result.params),
    )


def _save_convention(convention: Convention, *, verb: str, actor: Any, moment: dt.datetime, target: str) -> None:
    state_change(
        convention,
        code=f"conventions.convention.{verb}",
        actor=actor,
        unit=convention.community_id,
        snapshot=_convention_snapshot,
        now=moment,
        target=target,
        check=rules.check_convention_transition,
        refused=lambda result: _fail("conventions.bad_transition", **result.params),
    )


def _lock_version(version: ConventionVersion | int) -> ConventionVersion:
    return (
        ConventionVersion.objects.select_for_update(of=("self",))
        .select_related("convention", "convention__community", "vote", "consultation")
        .get(pk=getattr(version, "pk", version))
    )


def _lock_convention(convention: Convention | int) -> Convention:
    return (
        Convention.objects.select_for_update(of=("self",))
        .select_related("community")
        .get(pk=getattr(convention, "pk", convention))
    )


def _require(actor: Any, action: Action, unit: AdministrativeUnit | int, today: dt.date) -> None:
    """Checked in the service too: a direct call (a script, the shell) meets the same matrix as the page."""
    if not account_selectors.user_can(actor, action, unit, today):
        raise _fail("conventions.not_authorised")


def current_fingerprint(version: ConventionVersion) -> str:
    """The fingerprint of the text as stored now (compared with the one frozen at finalisation)."""
    articles = version.articles.order_by("position").values_list("position", "heading", "text")
    return rules.text_fingerprint(version.convention.title, [(int(p), str(h), str(t)) for p, h, t in articles])


def _check_text(version: ConventionVersion) -> None:
    _enforce(rules.check_text_unchanged(frozen=version.text_hash, current=current_fingerprint(version)))
