"""What every write of the voting app shares: refusal messages, the row lock, audited transitions,
the threshold a vote is judged by, who may act on it, and the key of its sealed ballot box."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from grassroots.accounts import selectors as account_selectors
from grassroots.accounts.rules import Action
from grassroots.core import clock
from grassroots.core.errors import DomainError, RuleResult
from grassroots.core.services import state_change
from grassroots.units.models import AdministrativeUnit
from grassroots.voting import ballot_box, rules
from grassroots.voting.models import CommunityVote

MESSAGES: Mapping[str, Any] = {
    "decisions.form.not_allowed": _("Nội dung này không được quyết định bằng hình thức đã chọn."),
    "decisions.form.scope_not_allowed": _("Nội dung này không được biểu quyết trong phạm vi toàn xã."),
    "decisions.form.needs_failed_meeting": _(
        "Chỉ phát phiếu khi cuộc họp không đủ số hộ để thông qua (Luật 10/2022, Điều 19)."
    ),
    "decisions.form.needs_online_adoption": _(
        "Cộng đồng phải chọn hình thức biểu quyết trực tuyến (trên 50% tổng số hộ) trước."
    ),
    "decisions.convenor.wrong_role": _("Bạn không phải là người có thẩm quyền triệu tập nội dung này."),
    "decisions.convenor.head_is_front_head": _(
        "Trưởng thôn đồng thời là Trưởng Ban công tác Mặt trận: Chủ tịch UBND xã triệu tập cuộc họp này "
        "sau khi thống nhất với Chủ tịch Ủy ban MTTQ xã (Nghị định 59, Điều 3 khoản 1)."
    ),
    "decisions.convenor.front_agreement_missing": _(
        "Chủ tịch UBND xã cần thống nhất với Chủ tịch Ủy ban MTTQ xã trước khi triệu tập cuộc họp này."
    ),
    "decisions.vote.wrong_unit": _("Đơn vị không phù hợp với phạm vi biểu quyết."),
    "decisions.vote.bad_transition": _("Thao tác này không thực hiện được ở trạng thái hiện tại."),
    "decisions.vote.options": _("Cần ít nhất hai lựa chọn khác nhau."),
    "decisions.vote.ends_before_start": _("Thời điểm kết thúc phải sau thời điểm bắt đầu."),
    "decisions.vote.too_early": _("Chưa đến thời điểm mở biểu quyết."),
    "decisions.vote.election_opened_by_election": _(
        "Cuộc họp bầu cử chỉ được bắt đầu từ trang cuộc bầu cử, để danh sách ứng cử viên được chốt đúng."
    ),
    "decisions.vote.not_open": _("Cuộc biểu quyết không ở trạng thái đang biểu quyết."),
    "decisions.vote.outside_period": _("Ngoài thời gian biểu quyết."),
    "decisions.vote.already_voted": _("Hộ này đã biểu quyết; mỗi hộ chỉ một phiếu."),
    "decisions.vote.not_eligible": _("Hộ này không có trong danh sách hộ của cuộc biểu quyết."),
    "decisions.vote.bad_option": _("Lựa chọn không hợp lệ."),
    "decisions.vote.wrong_channel": _("Kênh ghi nhận không phù hợp với hình thức biểu quyết."),
    "decisions.vote.not_representative": _("Chỉ người đại diện hộ được biểu quyết trực tuyến cho hộ."),
    "decisions.vote.not_present": _("Hộ này chưa được điểm danh có mặt."),
    "decisions.vote.no_ballot": _("Hộ này chưa được phát phiếu."),
    "decisions.vote.choice_required": _("Cần chọn một phương án."),
    "decisions.vote.still_running": _("Chưa hết thời gian biểu quyết."),
    "decisions.vote.tally_mismatch": _(
        "Số phiếu (%(choices)s) không khớp với số hộ đã biểu quyết (%(participations)s): kiểm tra lại trước khi "
        "ghi kết quả."
    ),
    "decisions.vote.count_exceeds_roll": _(
        "Số hộ tham gia (%(count)s) vượt quá số hộ trong danh sách biểu quyết (%(eligible)s): không ghi nhận."
    ),
    "decisions.vote.yes_exceeds_participation": _("Số đồng ý vượt quá số hộ tham gia: không ghi nhận."),
    "decisions.vote.count_exceeds_returns": _(
        "Tổng số phiếu kiểm (%(count)s) khác số hộ đã bỏ phiếu (%(participations)s): kiểm tra lại số phiếu."
    ),
    "decisions.vote.count_recorded": _(
        "Kết quả kiểm phiếu đã ghi nhận: cuộc biểu quyết không nhận thêm phiếu, điểm danh hay kết quả nào nữa."
    ),
    "decisions.vote.secret_counted_by_board": _(
        "Bỏ phiếu kín: chỉ ghi nhận hộ đã bỏ phiếu; lựa chọn do Tổ kiểm phiếu kiểm đếm, không ghi theo từng hộ."
    ),
    "decisions.vote.opinion_too_long": _("Ý kiến khác dài tối đa %(max)s ký tự."),
    "decisions.vote.box_unopenable": _(
        "Không mở được hòm phiếu kín (khóa của máy chủ đã thay đổi?). Liên hệ quản trị hệ thống; không có phiếu "
        "nào bị mất."
    ),
    "decisions.roll.locked": _("Chỉ sửa danh sách hộ khi đang biểu quyết và trước khi kiểm phiếu."),
    "decisions.roll.reason_required": _("Cần nêu lý do sửa danh sách hộ."),
    "decisions.roll.already_on": _("Hộ này đã có trong danh sách biểu quyết."),
    "decisions.roll.not_on": _("Hộ này không có trong danh sách biểu quyết."),
    "decisions.roll.has_voted": _("Hộ này đã biểu quyết nên không đưa ra khỏi danh sách được."),
    "decisions.roll.wrong_community": _("Hộ này không thuộc thôn, tổ dân phố của cuộc biểu quyết."),
    "decisions.adoption.form": _("Chọn hình thức: họp hoặc phát phiếu lấy ý kiến."),
    "decisions.adoption.already_adopted": _("Cộng đồng đã chọn hình thức biểu quyết trực tuyến."),
    "decisions.adoption.in_progress": _("Đang có một cuộc lấy ý kiến chọn hình thức trực tuyến chưa kết thúc."),
    "decisions.adoption.ballot_details": _("Phát phiếu cần hạn thu phiếu, ngày ban hành kế hoạch và tổ phát phiếu."),
    "decisions.online.not_online": _("Chỉ cuộc biểu quyết trực tuyến mới cần thống nhất này."),
    "decisions.online.agreement_locked": _("Cuộc biểu quyết đã thông báo: không sửa được việc thống nhất hình thức."),
    "decisions.online.agreement_future": _("Ngày thống nhất không được sau hôm nay."),
    "decisions.online.not_village_head": _("Người được chọn không phải Trưởng thôn vào ngày thống nhất."),
    "decisions.online.not_front_head": _(
        "Người được chọn không phải Trưởng Ban công tác Mặt trận của thôn vào ngày thống nhất."
    ),
    "decisions.online.agreement_missing": _(
        "Chưa ghi nhận việc Trưởng thôn và Ban công tác Mặt trận thống nhất không cần họp hay phát phiếu "
        "(Luật 10/2022, Điều 17)."
    ),
    "decisions.vote.officers_missing": _("Cuộc họp chưa biểu quyết chọn thư ký (và tổ kiểm phiếu nếu bỏ phiếu kín)."),
    "decisions.vote.count_not_secret": _("Chỉ nhập kết quả kiểm phiếu cho cuộc bỏ phiếu kín."),
    "decisions.vote.count_negative": _("Số phiếu không được âm."),
    "decisions.vote.children_open": _("Còn thôn, tổ dân phố chưa kết thúc biểu quyết."),
    "decisions.vote.reachable": _("Số hộ có mặt vẫn đủ để thông qua; chưa cần chuyển sang phát phiếu."),
    "decisions.vote.not_meeting": _("Chỉ cuộc họp mới chuyển được sang phát phiếu."),
    "decisions.vote.no_recognition": _("Nội dung này không cần công nhận; có hiệu lực từ ngày biểu quyết."),
    "decisions.vote.not_passed": _("Nội dung không được thông qua nên không có gì để công nhận."),
    "decisions.vote.not_recogniser": _("Bạn không có thẩm quyền công nhận kết quả này."),
    "decisions.vote.reason_required": _("Cần nêu lý do không công nhận."),
    "decisions.vote.effective_date_required": _("Cần ấn định ngày có hiệu lực."),
    "decisions.vote.attendance_locked": _("Hộ đã biểu quyết thì không bỏ điểm danh được."),
    "decisions.meeting.notice_too_late": _("Thông báo họp phải gửi trước ít nhất 2 ngày (Nghị định 59, Điều 3)."),
    "decisions.meeting.documents_missing": _("Với nội dung D1–D3, phải gửi tài liệu đến từng hộ trước khi họp."),
    "decisions.meeting.documents_too_late": _("Tài liệu phải đến từng hộ trước ít nhất 2 ngày."),
    "decisions.meeting.documents_not_delivered": _(
        "Chưa khai mạc được: còn %(missing)s/%(households)s hộ chưa được ghi nhận nhận tài liệu trước ngày họp "
        "ít nhất %(days)s ngày (Nghị định 59, Điều 3 khoản 4). Hãy ghi sổ giao tài liệu cho các hộ này "
        "hoặc dời ngày họp."
    ),
    "decisions.delivery.not_needed": _("Chỉ cuộc họp về nội dung D1–D3 mới phải giao tài liệu đến từng hộ."),
    "decisions.delivery.locked": _("Cuộc họp đã khai mạc; không sửa sổ giao tài liệu được nữa."),
    "decisions.delivery.future": _("Ngày giao tài liệu không được sau hôm nay."),
    "decisions.delivery.not_in_community": _("Hộ này không thuộc thôn, tổ dân phố của cuộc họp."),
    "decisions.meeting.session_required": _("Cuộc họp chia theo cụm: hãy chọn phiên họp cụm trước khi điểm danh."),
    "decisions.meeting.wrong_session": _("Phiên họp cụm không thuộc cuộc họp này."),
    "decisions.meeting.board_size": _("Tổ kiểm phiếu gồm từ 3 đến 5 người."),
    "decisions.meeting.witnesses": _("Cần đúng 2 đại diện hộ gia đình chứng kiến kiểm phiếu."),
    "decisions.meeting.officers_not_approved": _("Cần quá nửa số hộ có mặt tán thành."),
    "decisions.meeting.secretary_required": _("Cần nhập họ tên thư ký."),
    "decisions.meeting.huong_uoc_quorum": _("Biểu quyết hương ước cần quá nửa số hộ có mặt (Nghị định 61, Điều 10)."),
    "decisions.meeting.cluster_not_allowed": _("Chỉ họp theo cụm khi thôn có từ 200 hộ trở lên hoặc dân cư phân tán."),
    "decisions.ballot.notice_too_late": _("Phải công khai việc phát phiếu trước ít nhất 2 ngày."),
    "decisions.team.size": _("Tổ phát phiếu / tổ biểu quyết trực tuyến gồm từ 3 đến 5 người."),
    "decisions.forms.wrong_form": _("Biểu mẫu này không dùng cho hình thức biểu quyết của cuộc này."),
    "decisions.forms.wrong_status": _("Chưa lập được biểu mẫu này ở bước hiện tại."),
    "decisions.forms.already_issued": _("Biểu mẫu này đã được lập cho cuộc biểu quyết; không lập lại."),
    "decisions.forms.missing": _("Biểu mẫu còn thiếu: %(fields)s."),
    "decisions.forms.screenshots_missing": _(
        "Cần ghi số ảnh chụp màn hình kết quả biểu quyết trực tuyến kèm theo biên bản (ít nhất 1 ảnh)."
    ),
    "decisions.forms.no_ballot_team": _(
        "Chưa ghi Tổ phát phiếu của đợt lấy ý kiến; ghi các thành viên Tổ phát phiếu trước khi lập biên bản "
        "kiểm phiếu (Mẫu 04)."
    ),
    "decisions.forms.witnesses": _("Cần đúng 2 đại diện hộ gia đình chứng kiến kiểm phiếu."),
    "decisions.forms.signers": _(
        "Quyết định của cộng đồng cần đủ 4 người ký: hai người ký theo chức danh ghi trên mẫu (theo luật là "
        "trưởng thôn, tổ trưởng tổ dân phố và trưởng Ban công tác Mặt trận) và 2 đại diện hộ gia đình."
    ),
    "decisions.forms.witnesses_distinct": _(
        "Hai đại diện hộ gia đình chứng kiến kiểm phiếu phải là hai người khác nhau (%(name)s được ghi hai lần)."
    ),
    "decisions.forms.household_signers_distinct": _(
        "Hai đại diện hộ gia đình ký quyết định phải là hai người khác nhau và khác hai người ký theo chức danh "
        "(%(name)s được ghi hai lần)."
    ),
    "decisions.forms.officials_same_person": _(
        "Chủ trì cuộc họp và thư ký phải là hai người khác nhau (%(name)s được ghi hai lần)."
    ),
    "decisions.forms.signer_not_holder": _(
        "Người ký với chức danh %(title)s là %(name)s, người đang giữ chức danh này. Không ghi tên người khác."
    ),
    "decisions.forms.not_authorised": _("Bạn không lập được biểu mẫu cho cuộc biểu quyết này."),
    "decisions.ballot_plan.before_issue": _("Ngày gửi kế hoạch không thể trước ngày ban hành kế hoạch."),
    "decisions.ballot_plan.in_future": _(
        "Ngày gửi kế hoạch không thể sau hôm nay: chỉ ghi khi kế hoạch đã thực sự được gửi."
    ),
    "decisions.ballot_plan.not_ballot": _("Chỉ cuộc phát phiếu lấy ý kiến mới có kế hoạch phát phiếu."),
    "decisions.ballot_plan.not_issued": _("Chưa ghi ngày ban hành kế hoạch phát phiếu."),
    "decisions.ballot_plan.already_sent": _("Kế hoạch đã được gửi."),
    "decisions.revocation.not_in_force": _("Quyết định này không còn hiệu lực hoặc chưa được thông qua."),
    "decisions.revocation.committee_only": _(
        "Chỉ UBND xã hủy bỏ quyết định trái pháp luật hoặc vi phạm trình tự, thủ tục (Luật 10/2022, Điều 22)."
    ),
    "decisions.revocation.unlawful_revoked": _("Quyết định trái pháp luật phải bị hủy bỏ, không sửa đổi."),
    "decisions.revocation.vote_required": _(
        "Cần một cuộc biểu quyết mới của cộng đồng đã thông qua việc sửa đổi, thay thế, hủy bỏ."
    ),
    "decisions.revocation.not_same_form": _(
        "Cuộc biểu quyết mới phải cùng cộng đồng, cùng nội dung, cùng hình thức và cùng tỷ lệ thông qua "
        "như quyết định ban đầu."
    ),
    "decisions.revocation.vote_not_passed": _("Cuộc biểu quyết mới chưa được thông qua."),
    "decisions.revocation.replacement_not_later": _(
        "Cuộc biểu quyết mới phải diễn ra sau ngày biểu quyết quyết định ban đầu (%(original_on)s); "
        "không dùng một cuộc biểu quyết trước đó hoặc cùng ngày để thay thế quyết định."
    ),
    "decisions.revocation.reason_required": _("Cần ghi lý do."),
    "decisions.revocation.not_authorised": _("Bạn không có thẩm quyền hủy bỏ, sửa đổi quyết định này."),
    "decisions.revocation.revoked": _("Quyết định này đã bị hủy bỏ hoặc thay thế; không thực hiện được."),
    "decisions.cluster_count.not_secret_ballots": _(
        "Chỉ kiểm phiếu theo cụm cho đợt phát phiếu lấy ý kiến bỏ phiếu kín."
    ),
    "decisions.cluster_count.collection_running": _(
        "Chưa hết hạn thu phiếu: chỉ kiểm phiếu theo cụm khi đã thu xong phiếu."
    ),
    "decisions.cluster_count.name_required": _("Cần ghi tên cụm dân cư."),
    "decisions.cluster_count.returned_exceeds_issued": _(
        "Số phiếu thu về (%(returned)s) không được nhiều hơn số phiếu phát ra (%(issued)s)."
    ),
    "decisions.cluster_count.mismatch": _(
        "Số phiếu theo từng lựa chọn (%(choices)s) không khớp với số phiếu thu về của cụm (%(returned)s)."
    ),
    "decisions.cluster_count.none": _("Chưa có kết quả kiểm phiếu của cụm nào."),
    "decisions.cluster_count.returned_total": _(
        "Tổng số phiếu thu về của các cụm (%(returned)s) khác số hộ đã nộp phiếu (%(participated)s)."
    ),
    "decisions.cluster_count.issued_total": _(
        "Tổng số phiếu phát ra của các cụm (%(issued)s) khác số phiếu đã phát (%(ballots_issued)s)."
    ),
    "decisions.cluster_count.use_clusters": _(
        "Đã kiểm phiếu theo cụm: bấm “Cộng các cụm và ghi kết quả cả thôn”, không nhập tổng riêng."
    ),
    "decisions.forms.cluster_mismatch": _(
        "Kết quả các cụm không cộng lại bằng kết quả cả thôn đã ghi: không lập được biên bản. "
        "Hãy báo quản trị viên kiểm tra."
    ),
}


def message_for(code: str, params: Mapping[str, Any], messages: Mapping[str, Any] | None = None) -> str:
    """The Vietnamese message of ``code``, with its ``%(name)s`` placeholders filled from ``params``."""
    text = str((messages or MESSAGES).get(code, code))
    if "%(" in text:
        try:
            return text % dict(params)
        except (KeyError, TypeError, ValueError):
            return text
    return text


def refuse(result: RuleResult) -> None:
    """Raise the Vietnamese message of a refused rule."""
    if not result.allowed:
        raise DomainError(result.code, message_for(result.code, result.params), **result.params)


def fail(code: str, **params: Any) -> DomainError:
    return DomainError(code, message_for(code, params), **params)


def local_date(moment: dt.datetime) -> dt.date:
    return clock.localdate(moment)


def snapshot(vote: CommunityVote) -> dict[str, Any]:
    return {
        "status": vote.status,
        "matter": vote.matter,
        "form": vote.form,
        "eligible_count": vote.eligible_count,
        "yes_count": vote.yes_count,
        "required_yes": vote.required_yes,
        "passed": vote.passed,
    }


def transition(vote: CommunityVote, target: str, *, actor: Any, moment: dt.datetime, verb: str) -> None:
    """Move ``vote`` to ``target`` through its literal table, save and audit in the caller's transaction."""
    state_change(
        vote,
        code=f"decisions.vote.{verb}",
        actor=actor,
        unit=vote.unit_id,
        snapshot=snapshot,
        now=moment,
        target=target,
        check=lambda current, wanted: rules.check_transition("vote", current, wanted),
        refused=_refused,
    )


def _refused(result: RuleResult) -> DomainError:
    return fail("decisions.vote.bad_transition", **result.params)


def locked(vote: CommunityVote) -> CommunityVote:
    return CommunityVote.objects.select_for_update().get(pk=vote.pk)


DEFAULT_OPTIONS: Sequence[tuple[str, Any, bool]] = (
    ("agree", _("Đồng ý"), True),
    ("disagree", _("Không đồng ý"), False),
    ("other", _("Ý kiến khác"), False),
)
"""Agree / disagree / other ([ND59] art. 5(3) for online votes; the same for meetings and ballots)."""


def may(actor: Any, action: Action | str, unit: AdministrativeUnit | int, on: dt.date) -> bool:
    """The permission matrix decides (superusers pass there, never in a check written here)."""
    return account_selectors.user_can(actor, action, unit, on)


def may_run(actor: Any, vote: CommunityVote, on: dt.date) -> bool:
    """Whether ``actor`` runs ``vote``: the power of its convenor over its unit ([L] art. 18(1))."""
    return may(actor, rules.run_action(convenor_role=vote.convenor_role, matter=vote.matter), vote.unit_id, on)


def ballot_box_key(vote: CommunityVote) -> bytes:
    """The key of ``vote``'s sealed ballot box: the server's ballot secret (not in the database) and the vote's salt."""
    if not vote.ballot_box_salt:
        raise fail("decisions.vote.box_unopenable")
    return ballot_box.derive_key(str(settings.GRASSROOTS_BALLOT_KEY), bytes(vote.ballot_box_salt))
