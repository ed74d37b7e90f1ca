"""Writes of village conventions (Decree 61/2023): propose, draft, comment, adopt, recognise, suspend, abolish.

Every write is keyword-only, inside ``transaction.atomic``: lock → rules → change → audit. Statuses move only
through ``core.services.state_change`` with the literal tables of ``rules``. The comment period is a village
consultation of the ``consultations`` app (its services, not a copy); adoption is a D3 vote of ``voting``,
read through its selectors and submitted / recognised / refused through its own services.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from grassroots.accounts import selectors as account_selectors
from grassroots.accounts.rules import Action
from grassroots.calendar import selectors as calendar_selectors
from grassroots.consultations import services as consultation_services
from grassroots.consultations.models import ConsultationMatter, ConsultationStatus, OpinionChannel
from grassroots.conventions import rules
from grassroots.conventions.models import (
    Convention,
    ConventionArticle,
    ConventionMeasure,
    ConventionReport,
    ConventionReview,
    ConventionStatus,
    ConventionVersion,
    MeasureKind,
    ReportGround,
    SignerRole,
    VersionStatus,
)
from grassroots.core import clock
from grassroots.core.errors import Refusals
from grassroots.core.services import audit_record, state_change
from grassroots.documents.models import Document, DocumentType, IssuingBodyKind
from grassroots.documents.selectors import issuing_body_for
from grassroots.documents.services import document_issue
from grassroots.documents.spec import Recipients
from grassroots.units import selectors as unit_selectors
from grassroots.units.models import AdministrativeUnit, UnitLevel
from grassroots.voting import selectors as vote_selectors
from grassroots.voting import services as vote_services
from grassroots.voting.models import CommunityVote, VoteStatus
from grassroots.voting.services.forms import committee_signature

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


# --- Proposal and drafting ([ND61] arts 7–8) ----------------------------------------------------------


def _new_version(
    convention: Convention,
    *,
    number: int,
    basis: str,
    supporting_households: int,
    front_agreed: bool,
    reason: str,
    drafting_team: str,
    team: Mapping[str, bool],
    actor: Any,
    today: dt.date,
) -> ConventionVersion:
    total = unit_selectors.active_household_count(convention.community, today)
    _enforce(
        rules.check_proposal(
            basis=basis, households_total=total, supporting=supporting_households, front_agreed=front_agreed
        )
    )
    return ConventionVersion.objects.create(
        convention=convention,
        number=number,
        proposal_basis=basis,
        households_total=total,
        supporting_households=supporting_households,
        front_agreed=front_agreed,
        reason=reason.strip(),
        drafting_team=drafting_team.strip(),
        drafting_mass_organisations=bool(team.get("mass_organisations")),
        drafting_respected_people=bool(team.get("respected_people")),
        drafting_elders=bool(team.get("elders")),
        drafting_ethnic_language=bool(team.get("ethnic_language")),
        drafting_front_agreed=bool(team.get("front_agreed")),
        created_by=actor,
    )


def convention_propose(
    *,
    community: AdministrativeUnit,
    name_kind: str,
    title: str,
    basis: str,
    actor: Any,
    supporting_households: int = 0,
    front_agreed: bool = False,
    reason: str = "",
    drafting_team: str = "",
    ethnic_minority_area: bool = False,
    drafting_mass_organisations: bool = False,
    drafting_respected_people: bool = False,
    drafting_elders: bool = False,
    drafting_ethnic_language: bool = False,
    drafting_front_agreed: bool = False,
    now: dt.datetime | None = None,
) -> Convention:
    """Start a village's convention: the proposal ([ND61] art. 7) and its drafting team (art. 8), whose composition
    may still be completed (``drafting_team_set``) before the draft is posted for comment."""
    moment = now or clock.now()
    today = clock.localdate(moment)
    if community.level != UnitLevel.COMMUNITY:
        raise _fail("conventions.not_community")
    if not title.strip():
        raise _fail("conventions.title_required")
    _require(actor, Action.MANAGE_CONVENTIONS, community, today)
    with transaction.atomic():
        convention = Convention.objects.create(
            community=community,
            name_kind=name_kind,
            title=title.strip(),
            ethnic_minority_area=ethnic_minority_area,
            created_by=actor,
        )
        version = _new_version(
            convention,
            number=1,
            basis=basis,
            supporting_households=supporting_households,
            front_agreed=front_agreed,
            reason=reason,
            drafting_team=drafting_team,
            team={
                "mass_organisations": drafting_mass_organisations,
                "respected_people": drafting_respected_people,
                "elders": drafting_elders,
                "ethnic_language": drafting_ethnic_language,
                "front_agreed": drafting_front_agreed,
            },
            actor=actor,
            today=today,
        )
        audit_record(
            code="conventions.convention.proposed",
            actor=actor,
            unit=community,
            obj=convention,
            after={**_convention_snapshot(convention), "version": _version_snapshot(version), "basis": basis},
            now=moment,
        )
    return convention


def amendment_propose(
    *,
    convention: Convention,
    basis: str,
    reason: str,
    actor: Any,
    supporting_households: int = 0,
    front_agreed: bool = False,
    drafting_team: str = "",
    drafting_mass_organisations: bool = False,
    drafting_respected_people: bool = False,
    drafting_elders: bool = False,
    drafting_ethnic_language: bool = False,
    drafting_front_agreed: bool = False,
    now: dt.datetime | None = None,
) -> ConventionVersion:
    """An amendment: the recognised text copied into a new draft that goes through the same steps (art. 13).

    Without a drafting team given, the recognised text's team (names and composition) is carried over; the village
    head may change it with ``drafting_team_set`` before posting."""
    moment = now or clock.now()
    today = clock.localdate(moment)
    if not reason.strip():
        raise _fail("conventions.reason_required")
    with transaction.atomic():
        locked = _lock_convention(convention)
        _require(actor, Action.MANAGE_CONVENTIONS, locked.community, today)
        if locked.status not in {ConventionStatus.IN_FORCE, ConventionStatus.SUSPENDED}:
            raise _fail("conventions.not_in_force")
        if locked.versions.filter(status__in=rules.IN_PROGRESS).exists():
            raise _fail("conventions.in_progress")
        current = locked.versions.filter(status=VersionStatus.RECOGNISED).order_by("-number").first()
        number = (locked.versions.order_by("-number").values_list("number", flat=True).first() or 0) + 1
        team = {
            "mass_organisations": drafting_mass_organisations,
            "respected_people": drafting_respected_people,
            "elders": drafting_elders,
            "ethnic_language": drafting_ethnic_language,
            "front_agreed": drafting_front_agreed,
        }
        if not drafting_team.strip() and current is not None:
            drafting_team, team = current.drafting_team, _team_flags(current)
        version = _new_version(
            locked,
            number=number,
            basis=basis,
            supporting_households=supporting_households,
            front_agreed=front_agreed,
            reason=reason,
            drafting_team=drafting_team,
            team=team,
            actor=actor,
            today=today,
        )
        if current is not None:
            ConventionArticle.objects.bulk_create(
                ConventionArticle(version=version, position=a.position, heading=a.heading, text=a.text)
                for a in current.articles.all()
            )
        audit_record(
            code="conventions.version.proposed",
            actor=actor,
            unit=locked.community_id,
            obj=version,
            after={**_version_snapshot(version), "basis": basis, "reason": version.reason},
            now=moment,
        )
    return version


def drafting_team_set(
    *,
    version: ConventionVersion,
    members: str,
    actor: Any,
    mass_organisations: bool = False,
    respected_people: bool = False,
    elders: bool = False,
    ethnic_language: bool = False,
    ethnic_minority_area: bool = False,
    front_agreed: bool = False,
    now: dt.datetime | None = None,
) -> ConventionVersion:
    """Set up (or change) the drafting team while drafting ([ND61] art. 8): refused unless it has the composition
    the decree asks for and the Front work-committee head agreed to it (``conventions.drafting_team_incomplete``,
    ``parts`` naming what is missing). ``ethnic_minority_area`` is the village's (kept on the convention)."""
    moment = now or clock.now()
    today = clock.localdate(moment)
    with transaction.atomic():
        locked = _lock_version(version)
        convention = _lock_convention(locked.convention_id)
        _require(actor, Action.MANAGE_CONVENTIONS, convention.community, today)
        if locked.status != VersionStatus.DRAFTING:
            raise _fail("conventions.not_drafting")
        locked.drafting_team = members.strip()
        locked.drafting_mass_organisations = mass_organisations
        locked.drafting_respected_people = respected_people
        locked.drafting_elders = elders
        locked.drafting_ethnic_language = ethnic_language
        locked.drafting_front_agreed = front_agreed
        _check_team(locked, ethnic_minority_area=ethnic_minority_area)
        area_changed = convention.ethnic_minority_area != ethnic_minority_area
        convention.ethnic_minority_area = ethnic_minority_area
        locked.convention = convention
        # The audit's ``before`` is read from the database, so the area flag is saved after it: a village head who
        # unticks "ethnic-minority area" to drop the elders leaves that change in the public history.
        _save_version(locked, verb="drafting_team_set", actor=actor, moment=moment)
        if area_changed:
            convention.save(update_fields=["ethnic_minority_area", "updated_at"])
    return locked


def _editable(version: ConventionVersion) -> bool:
    """Drafting, or revising after the comment period closed and before finalisation ([ND61] art. 9(3))."""
    if version.status == VersionStatus.DRAFTING:
        return True
    return (
        version.status == VersionStatus.COMMENTING
        and version.consultation is not None
        and version.consultation.status in {ConsultationStatus.CLOSED, ConsultationStatus.COMPLETED}
    )


def article_save(
    *,
    version: ConventionVersion,
    heading: str,
    text: str,
    actor: Any,
    position: int | None = None,
    now: dt.datetime | None = None,
) -> ConventionArticle:
    """Add the next article, or rewrite the article at ``position``, while the text may change."""
    moment = now or clock.now()
    if not heading.strip() or not text.strip():
        raise _fail("conventions.article_required")
    with transaction.atomic():
        locked = _lock_version(version)
        _require(actor, Action.MANAGE_CONVENTIONS, locked.convention.community, clock.localdate(moment))
        if not _editable(locked):
            raise _fail("conventions.not_editable")
        existing = locked.articles.filter(position=position).first() if position else None
        before = {"heading": existing.heading, "text": existing.text} if existing else None
        if existing is None:
            next_position = (locked.articles.order_by("-position").values_list("position", flat=True).first() or 0) + 1
            article = ConventionArticle.objects.create(
                version=locked, position=next_position, heading=heading.strip(), text=text.strip()
            )
        else:
            article = existing
            article.heading, article.text = heading.strip(), text.strip()
            article.save(update_fields=["heading", "text"])
        audit_record(
            code="conventions.article.saved",
            actor=actor,
            unit=locked.convention.community_id,
            obj=locked,
            before=before,
            after={"position": article.position, "heading": article.heading, "text": article.text},
            now=moment,
        )
    return article


# --- Comment period ([ND61] art. 9), on the consultations machinery ----------------------------------


def comments_open(
    *,
    version: ConventionVersion,
    closes_on: dt.date,
    actor: Any,
    accepts_unsigned_opinions: bool = False,
    now: dt.datetime | None = None,
) -> ConventionVersion:
    """Post the draft today for comment until ``closes_on`` (≥ 30 days): a village consultation is created and
    opened through the consultations services, one section per article."""
    moment = now or clock.now()
    today = clock.localdate(moment)
    _enforce(rules.check_comment_period(posted_on=today, closes_on=closes_on))
    with transaction.atomic():
        locked = _lock_version(version)
        convention = locked.convention
        _require(actor, Action.MANAGE_CONVENTIONS, convention.community, today)
        _enforce(rules.check_version_transition(locked.status, VersionStatus.COMMENTING))
        articles = list(locked.articles.order_by("position"))
        if not articles:
            raise _fail("conventions.no_articles")
        _check_team(locked, ethnic_minority_area=convention.ethnic_minority_area)
        commune = unit_selectors.commune_of(convention.community)
        assert commune is not None
        consultation = consultation_services.consultation_create(
            commune=commune,
            matter=ConsultationMatter.C9,
            title=str(
                _("Dự thảo %(kind)s %(community)s: %(title)s")
                % {
                    "kind": convention.get_name_kind_display().lower(),
                    "community": convention.community.name,
                    "title": convention.title,
                }
            ),
            summary=locked.reason,
            opens_on=today,
            closes_on=closes_on,
            forms_used=[OpinionChannel.ONLINE, OpinionChannel.MEETING, OpinionChannel.COMMENT_BOX],
            plan_owner=locked.drafting_team,
            accepts_unsigned_opinions=accepts_unsigned_opinions,
            village=convention.community,
            minimum_days=rules.MIN_COMMENT_DAYS,
            actor=actor,
            now=moment,
        )
        for article in articles:
            consultation_services.section_add(
                consultation=consultation, heading=article.heading, text=article.text, actor=actor, now=moment
            )
        consultation_services.consultation_open(consultation=consultation, actor=actor, now=moment)
        locked.consultation = consultation
        _save_version(locked, verb="comments_opened", actor=actor, moment=moment, target=VersionStatus.COMMENTING)
    return locked


def comments_close(*, version: ConventionVersion, actor: Any, now: dt.datetime | None = None) -> ConventionVersion:
    """Stop taking comments once the posted last day is over (the consultations rule)."""
    moment = now or clock.now()
    with transaction.atomic():
        locked = _lock_version(version)
        _require(actor, Action.MANAGE_CONVENTIONS, locked.convention.community, clock.localdate(moment))
        if locked.status != VersionStatus.COMMENTING or locked.consultation is None:
            raise _fail("conventions.bad_transition")
        consultation_services.consultation_close(consultation=locked.consultation, actor=actor, now=moment)
    return locked


def version_finalise(*, version: ConventionVersion, actor: Any, now: dt.datetime | None = None) -> ConventionVersion:
    """The drafting team finalises the text ([ND61] art. 9(3)): every comment answered (the consultations rule),
    then the text is frozen by its fingerprint: what the households will vote on."""
    moment = now or clock.now()
    with transaction.atomic():
        locked = _lock_version(version)
        _require(actor, Action.MANAGE_CONVENTIONS, locked.convention.community, clock.localdate(moment))
        _enforce(rules.check_version_transition(locked.status, VersionStatus.FINALISED))
        consultation = locked.consultation
        if consultation is None or consultation.status not in {ConsultationStatus.CLOSED, ConsultationStatus.COMPLETED}:
            raise _fail("conventions.comments_not_closed")
        if consultation.status == ConsultationStatus.CLOSED:
            consultation_services.consultation_complete_comments(consultation=consultation, actor=actor, now=moment)
        if not locked.articles.exists():
            raise _fail("conventions.no_articles")
        locked.text_hash = current_fingerprint(locked)
        locked.finalised_on = clock.localdate(moment)
        _save_version(locked, verb="finalised", actor=actor, moment=moment, target=VersionStatus.FINALISED)
    return locked


# --- Adoption by the households (D3 in ``voting``; [ND61] art. 10) --------------------------------------


def version_link_vote(
    *, version: ConventionVersion, vote: CommunityVote, actor: Any, now: dt.datetime | None = None
) -> ConventionVersion:
    """Link the D3 vote (meeting, or ballots after a meeting short of half the households) on the finalised text.

    The vote must not have opened yet: the households vote on the text as finalised. A ballot campaign moved
    from the linked meeting replaces it ([L] art. 19(1)(b); [ND61] art. 10(1)(b))."""
    moment = now or clock.now()
    with transaction.atomic():
        locked = _lock_version(version)
        _require(actor, Action.MANAGE_CONVENTIONS, locked.convention.community, clock.localdate(moment))
        if locked.status != VersionStatus.FINALISED:
            raise _fail("conventions.bad_transition")
        fresh = CommunityVote.objects.get(pk=vote.pk)
        moved_from_linked = locked.vote_id is not None and fresh.moved_from_id == locked.vote_id
        if not moved_from_linked:
            _enforce(
                rules.check_vote_link(
                    matter=fresh.matter,
                    vote_unit_id=fresh.unit_id,
                    community_id=locked.convention.community_id,
                    vote_status=fresh.status,
                    vote_opened=fresh.opened_at is not None,
                    vote_form=fresh.form,
                )
            )
        locked.vote = fresh
        _save_version(locked, verb="vote_linked", actor=actor, moment=moment)
    return locked


def version_record_adoption(
    *, version: ConventionVersion, actor: Any, now: dt.datetime | None = None
) -> ConventionVersion:
    """Read the linked vote's counted result (the one outcome rule of ``voting``): adopted or not."""
    moment = now or clock.now()
    with transaction.atomic():
        locked = _lock_version(version)
        _require(actor, Action.MANAGE_CONVENTIONS, locked.convention.community, clock.localdate(moment))
        vote = locked.vote
        if vote is None:
            raise _fail("conventions.wrong_vote")
        if vote.status == VoteStatus.MOVED_TO_BALLOTS:
            raise _fail("conventions.moved_to_ballots")
        if vote.status not in {VoteStatus.CLOSED, VoteStatus.SUBMITTED, VoteStatus.RECOGNISED} or vote.passed is None:
            raise _fail("conventions.vote_not_counted")
        _check_text(locked)
        if vote.passed:
            locked.adopted_on = vote_selectors.period_end(vote)
            _save_version(locked, verb="adopted", actor=actor, moment=moment, target=VersionStatus.ADOPTED)
        else:
            _save_version(locked, verb="not_adopted", actor=actor, moment=moment, target=VersionStatus.NOT_ADOPTED)
    return locked


# --- Recognition ([ND61] art. 11) ----------------------------------------------------------------


def _check_signatures(version: ConventionVersion) -> None:
    result = rules.check_signatures(_signatory_rows(version.signatories))
    if not result and result.code == "conventions.signatures_incomplete":
        missing = list(result.params["missing"])
        labels = "; ".join(str(SignerRole(role).label) for role in missing) or "-"
        raise _fail(result.code, **result.params, parts=labels)
    _enforce(result)


def _signatory_rows(signatories: Sequence[Mapping[str, str]]) -> list[tuple[str, str]]:
    return [(str(row.get("role", "")), str(row.get("name", ""))) for row in signatories]


def signatures_set(
    *,
    version: ConventionVersion,
    village_head: str,
    front_head: str,
    household_representatives: Sequence[str],
    actor: Any,
    others: Sequence[str] = (),
    now: dt.datetime | None = None,
) -> ConventionVersion:
    """Record the signatures block of the adopted text ([ND61] art. 4): the village head, the Front work-committee
    head, at least 2 household representatives, and any elders or respected people who sign too. Refused with
    ``conventions.signatures_incomplete`` (``missing`` roles, ``signed`` count) when short of ``SIGNERS_MINIMUM``;
    only after adoption and before the dossier goes to the commune."""
    moment = now or clock.now()
    rows = [
        (SignerRole.VILLAGE_HEAD.value, village_head.strip()),
        (SignerRole.FRONT_HEAD.value, front_head.strip()),
        *((SignerRole.HOUSEHOLD.value, name.strip()) for name in household_representatives),
        *((SignerRole.RESPECTED.value, name.strip()) for name in others),
    ]
    signatories = [{"role": role, "name": name} for role, name in rows if name]
    with transaction.atomic():
        locked = _lock_version(version)
        _require(actor, Action.MANAGE_CONVENTIONS, locked.convention.community, clock.localdate(moment))
        if locked.status != VersionStatus.ADOPTED:
            raise _fail("conventions.not_signable")
        locked.signatories = signatories
        _check_signatures(locked)
        _save_version(locked, verb="signed", actor=actor, moment=moment)
    return locked


def version_submit_dossier(
    *, version: ConventionVersion, items: Sequence[str], actor: Any, now: dt.datetime | None = None
) -> ConventionVersion:
    """The village head sends the dossier (``items``: request Mẫu 01, minutes Mẫu 02, adopted text) to the commune
    People's Committee; refused when a document is missing (``conventions.dossier_incomplete``) or the adopted
    text lacks its signatures (``conventions.signatures_incomplete``). The day is the clock's, and the vote is
    submitted through ``voting`` in the same transaction."""
    moment = now or clock.now()
    today = clock.localdate(moment)
    result = rules.check_dossier(items)
    if not result and result.code == "conventions.dossier_incomplete":
        missing = list(result.params["missing"])
        raise _fail(result.code, missing=missing, items="; ".join(str(rules.DOSSIER_ITEMS[key]) for key in missing))
    _enforce(result)
    with transaction.atomic():
        locked = _lock_version(version)
        _require(actor, Action.MANAGE_CONVENTIONS, locked.convention.community, today)
        _enforce(rules.check_version_transition(locked.status, VersionStatus.SUBMITTED))
        _check_text(locked)
        _check_signatures(locked)
        locked.dossier_items = [key for key in rules.DOSSIER_ITEMS if key in set(items)]
        assert locked.vote is not None and locked.adopted_on is not None
        if today < locked.adopted_on:
            raise _fail("conventions.date_out_of_order")
        if locked.vote.status == VoteStatus.CLOSED:
            locked.vote = vote_services.vote_submit(vote=locked.vote, actor=actor, now=moment)
        locked.dossier_sent_on = today
        _save_version(locked, verb="submitted", actor=actor, moment=moment, target=VersionStatus.SUBMITTED)
    return locked


def _issue_decision(
    *, commune: AdministrativeUnit, summary: str, articles: Sequence[str], actor: Any, moment: dt.datetime
) -> Document:
    printed = issuing_body_for(commune, body=IssuingBodyKind.PEOPLE_COMMITTEE)
    return document_issue(
        kind=DocumentType.DECISION,
        issuer=commune,
        summary=summary,
        body=[{"type": "article", "text": text} for text in articles],
        signer=committee_signature(printed, actor, commune, clock.localdate(moment)),
        recipients=Recipients(
            copies=("Trưởng thôn, tổ dân phố", "Ban công tác Mặt trận", "Ủy ban MTTQ Việt Nam xã"), archive_unit="VP"
        ),
        legal_bases=(
            "Căn cứ Luật Thực hiện dân chủ ở cơ sở số 10/2022/QH15 ngày 10 tháng 11 năm 2022",
            "Căn cứ Nghị định số 61/2023/NĐ-CP ngày 16 tháng 8 năm 2023 của Chính phủ về xây dựng và thực hiện"
            " hương ước, quy ước của cộng đồng dân cư",
        ),
        enacting_authority=f"CHỦ TỊCH ỦY BAN NHÂN DÂN {commune.name.upper()}",
        enacting_word="QUYẾT ĐỊNH:",
        signer_user=actor,
        actor=actor,
        is_public=True,
        now=moment,
    )


def _issue_refusal(
    *,
    commune: AdministrativeUnit,
    convention: Convention,
    version: ConventionVersion,
    reason: str,
    actor: Any,
    moment: dt.datetime,
) -> Document:
    """The written answer refusing recognition, with its reasons ([ND61] art. 11(3)(b)): a công văn of the commune
    People's Committee to the village head, numbered and public like the recognition decision."""
    printed = issuing_body_for(commune, body=IssuingBodyKind.PEOPLE_COMMITTEE)
    kind_name = convention.get_name_kind_display().lower()
    village = convention.community.name
    adopted = f" được cộng đồng dân cư thông qua ngày {version.adopted_on:%d/%m/%Y}" if version.adopted_on else ""
    return document_issue(
        kind=DocumentType.OFFICIAL_LETTER,
        issuer=commune,
        summary=f"V/v không công nhận {kind_name} {village}",
        body=[
            {
                "type": "paragraph",
                "text": f"Ủy ban nhân dân {commune.name} đã nhận hồ sơ đề nghị công nhận {kind_name} {village}: "
                f"{convention.title} (lần {version.number}){adopted}.",
            },
            {
                "type": "paragraph",
                "text": f"Căn cứ khoản 3 Điều 11 Nghị định số 61/2023/NĐ-CP, Ủy ban nhân dân {commune.name} không công "
                f"nhận {kind_name} nói trên. Lý do: {reason}",
            },
            {
                "type": "paragraph",
                "text": f"Đề nghị Trưởng {village} phối hợp với Ban công tác Mặt trận tổ chức sửa đổi, hoàn thiện "
                "dự thảo theo quy định./.",
            },
        ],
        signer=committee_signature(printed, actor, commune, clock.localdate(moment)),
        recipients=Recipients(
            addressees=(f"Trưởng {village}",),
            copies=("Như trên", "Ban công tác Mặt trận", "Ủy ban MTTQ Việt Nam xã"),
            archive_unit="VP",
        ),
        drafting_unit="VP",
        signer_user=actor,
        actor=actor,
        is_public=True,
        now=moment,
    )


def version_recognise(*, version: ConventionVersion, actor: Any, now: dt.datetime | None = None) -> ConventionVersion:
    """The commune People's Committee recognises the adopted text (Mẫu 03); it takes effect that day.

    The decision day is the clock's, never typed; the text must be the one adopted; the vote is recognised
    through ``voting.vote_recognise`` (which asks the matrix again). Recognising an amendment supersedes the
    text in force; recognising the corrected text ends a suspension ([ND61] arts 11–13)."""
    moment = now or clock.now()
    today = clock.localdate(moment)
    with transaction.atomic():
        locked = _lock_version(version)
        convention = _lock_convention(locked.convention_id)
        commune = unit_selectors.commune_of(convention.community)
        assert commune is not None
        _require(actor, Action.ACT_FOR_PEOPLES_COMMITTEE, commune, today)
        _enforce(rules.check_version_transition(locked.status, VersionStatus.RECOGNISED))
        _check_text(locked)
        if locked.dossier_sent_on is None or today < locked.dossier_sent_on:
            raise _fail("conventions.date_out_of_order")
        assert locked.vote is not None
        if locked.vote.status == VoteStatus.SUBMITTED:
            locked.vote = vote_services.vote_recognise(vote=locked.vote, actor=actor, now=moment)
        document = _issue_decision(
            commune=commune,
            summary=f"Về việc công nhận {convention.get_name_kind_display().lower()} {convention.community.name}",
            articles=[
                f"Công nhận {convention.get_name_kind_display().lower()} {convention.community.name}: "
                f"{convention.title} (lần {locked.number}), được cộng đồng dân cư thông qua ngày "
                f"{locked.adopted_on:%d/%m/%Y}.",
                "Quyết định này có hiệu lực kể từ ngày ký.",
                f"Trưởng {convention.community.name}, Trưởng ban công tác Mặt trận và các hộ gia đình chịu trách"
                " nhiệm thi hành./.",
            ],
            actor=actor,
            moment=moment,
        )
        for previous in ConventionVersion.objects.select_for_update().filter(
            convention=convention, status=VersionStatus.RECOGNISED
        ):
            _save_version(previous, verb="superseded", actor=actor, moment=moment, target=VersionStatus.SUPERSEDED)
        locked.decided_on = today
        locked.decision_document = document
        _save_version(locked, verb="recognised", actor=actor, moment=moment, target=VersionStatus.RECOGNISED)
        _save_convention(convention, verb="recognised", actor=actor, moment=moment, target=ConventionStatus.IN_FORCE)
    return locked


def version_refuse(
    *, version: ConventionVersion, reason: str, actor: Any, now: dt.datetime | None = None
) -> ConventionVersion:
    """Refuse recognition in writing with reasons ([ND61] art. 11(3)(b)): the answer is issued as an official letter
    through ``documents.document_issue`` and kept as the version's ``decision_document``."""
    moment = now or clock.now()
    today = clock.localdate(moment)
    if not reason.strip():
        raise _fail("conventions.reason_required")
    with transaction.atomic():
        locked = _lock_version(version)
        commune = unit_selectors.commune_of(locked.convention.community)
        assert commune is not None
        _require(actor, Action.ACT_FOR_PEOPLES_COMMITTEE, commune, today)
        _enforce(rules.check_version_transition(locked.status, VersionStatus.REFUSED))
        if locked.vote is not None and locked.vote.status == VoteStatus.SUBMITTED:
            locked.vote = vote_services.vote_refuse(vote=locked.vote, reason=reason, actor=actor, now=moment)
        locked.decided_on = today
        locked.refusal_reason = reason.strip()
        locked.decision_document = _issue_refusal(
            commune=commune,
            convention=locked.convention,
            version=locked,
            reason=locked.refusal_reason,
            actor=actor,
            moment=moment,
        )
        _save_version(locked, verb="refused", actor=actor, moment=moment, target=VersionStatus.REFUSED)
    return locked


def dissemination_record(
    *, version: ConventionVersion, channels: Sequence[str], actor: Any, now: dt.datetime | None = None
) -> ConventionVersion:
    """How the recognised text was spread: the cultural house and at least one other channel ([ND61] art. 15)."""
    moment = now or clock.now()
    _enforce(rules.check_dissemination(channels))
    with transaction.atomic():
        locked = _lock_version(version)
        _require(actor, Action.MANAGE_CONVENTIONS, locked.convention.community, clock.localdate(moment))
        if locked.status != VersionStatus.RECOGNISED:
            raise _fail("conventions.bad_transition")
        locked.dissemination_channels = sorted(set(channels))
        _save_version(locked, verb="disseminated", actor=actor, moment=moment)
    return locked


# --- Suspension and abolition ([ND61] arts 12–14) ------------------------------------------------------


MEASURE_SUMMARIES: Mapping[str, str] = {
    MeasureKind.SUSPENSION_FULL: "Về việc tạm ngưng thực hiện",
    MeasureKind.SUSPENSION_PARTIAL: "Về việc tạm ngưng thực hiện một phần",
    MeasureKind.ABOLITION_FULL: "Về việc bãi bỏ",
    MeasureKind.ABOLITION_PARTIAL: "Về việc bãi bỏ một phần",
}
"""Mẫu 04 (suspension) and Mẫu 05 (abolition) of [ND61]; an unfounded report is answered without a decision."""


def report_receive(
    *,
    convention: Convention,
    ground: str,
    basis: str,
    received_on: dt.date,
    actor: Any,
    now: dt.datetime | None = None,
) -> ConventionReport:
    """Record a written report or an inspection finding received by the commune People's Committee: from that day
    its working-day clock runs (3 days to answer or suspend, 5 to abolish; [ND61] arts 12(2), 14(3))."""
    moment = now or clock.now()
    today = clock.localdate(moment)
    if ground not in ReportGround.values:
        raise _fail("conventions.bad_ground")
    if not basis.strip():
        raise _fail("conventions.basis_required")
    if received_on > today:
        raise _fail("conventions.date_in_future")
    with transaction.atomic():
        locked = _lock_convention(convention)
        commune = unit_selectors.commune_of(locked.community)
        assert commune is not None
        _require(actor, Action.ACT_FOR_PEOPLES_COMMITTEE, commune, today)
        if locked.status not in {ConventionStatus.IN_FORCE, ConventionStatus.SUSPENDED}:
            raise _fail("conventions.not_in_force")
        report = ConventionReport.objects.create(
            convention=locked, ground=ground, basis=basis.strip(), received_on=received_on, recorded_by=actor
        )
        due = rules.report_due(ground, received_on, calendar_selectors.working_calendar())
        audit_record(
            code="conventions.report.received",
            actor=actor,
            unit=locked.community_id,
            obj=report,
            after={"ground": ground, "received_on": received_on, "due_on": due},
            now=moment,
        )
    return report


def measure_decide(
    *,
    convention: Convention,
    kind: str,
    basis: str,
    basis_received_on: dt.date,
    reasons: str,
    actor: Any,
    articles: str = "",
    fix_by: dt.date | None = None,
    report: ConventionReport | None = None,
    now: dt.datetime | None = None,
) -> ConventionMeasure:
    """The People's Committee answers a report as unfounded, suspends, or abolishes, with reasons. With ``report``
    (a received report of this convention still waiting), the report's text and date are the basis and the
    decision closes it."""
    moment = now or clock.now()
    today = clock.localdate(moment)
    if kind not in MeasureKind.values:
        raise _fail("conventions.bad_transition")
    if report is not None:
        basis, basis_received_on = report.basis, report.received_on
    if not reasons.strip() or not basis.strip():
        raise _fail("conventions.reason_required")
    if basis_received_on > today:
        raise _fail("conventions.date_in_future")
    with transaction.atomic():
        locked = _lock_convention(convention)
        commune = unit_selectors.commune_of(locked.community)
        assert commune is not None
        _require(actor, Action.ACT_FOR_PEOPLES_COMMITTEE, commune, today)
        locked_report = None
        if report is not None:
            locked_report = ConventionReport.objects.select_for_update().get(pk=report.pk)
            if locked_report.convention_id != locked.pk:
                raise _fail("conventions.not_authorised")
            if locked_report.measure_id is not None:
                raise _fail("conventions.report_closed")
            _enforce(rules.check_report_measure(ground=locked_report.ground, kind=kind))
            basis, basis_received_on = locked_report.basis, locked_report.received_on
        _enforce(rules.check_measure(kind=kind, status=locked.status, articles=articles, fix_by=fix_by, today=today))
        document = None
        if kind in MEASURE_SUMMARIES:
            scope = f" các điều {articles.strip()} của" if articles.strip() else ""
            document = _issue_decision(
                commune=commune,
                summary=f"{MEASURE_SUMMARIES[kind]}{scope} {locked.get_name_kind_display().lower()} "
                f"{locked.community.name}",
                articles=[
                    f"{MEASURE_SUMMARIES[kind].removeprefix('Về việc ').capitalize()}{scope} "
                    f"{locked.get_name_kind_display().lower()} {locked.community.name}: {locked.title}. "
                    f"Lý do: {reasons.strip()}",
                    *([f"Thời hạn khắc phục: đến ngày {fix_by:%d/%m/%Y}."] if fix_by else []),
                    f"Trưởng {locked.community.name} và Ban công tác Mặt trận chịu trách nhiệm thi hành./.",
                ],
                actor=actor,
                moment=moment,
            )
        measure = ConventionMeasure.objects.create(
            convention=locked,
            kind=kind,
            basis=basis.strip(),
            basis_received_on=basis_received_on,
            reasons=reasons.strip(),
            articles=articles.strip(),
            fix_by=fix_by,
            decided_on=today,
            decided_by=actor,
            document=document,
        )
        if locked_report is not None:
            locked_report.measure = measure
            locked_report.save(update_fields=["measure"])
            due = rules.report_due(locked_report.ground, basis_received_on, calendar_selectors.working_calendar())
        else:
            due = rules.measure_due(kind, basis_received_on, calendar_selectors.working_calendar())
        audit_record(
            code=f"conventions.measure.{kind}",
            actor=actor,
            unit=locked.community_id,
            obj=measure,
            after={
                "kind": kind,
                "received_on": basis_received_on,
                "due_on": due,
                "decided_on": today,
                "late": today > due,
                "articles": measure.articles,
                "report": locked_report.pk if locked_report is not None else None,
            },
            now=moment,
        )
        target = rules.measure_target(kind)
        if target is not None and target != locked.status:
            _save_convention(locked, verb=kind, actor=actor, moment=moment, target=target)
    return measure


# --- Yearly review ([ND61] arts 15(4), 19) ------------------------------------------------------------


def review_record(
    *,
    convention: Convention,
    held_on: dt.date,
    findings: str,
    actor: Any,
    proposals: str = "",
    now: dt.datetime | None = None,
) -> ConventionReview:
    """The yearly review meeting's record (once a year; the database refuses a second)."""
    moment = now or clock.now()
    today = clock.localdate(moment)
    if held_on > today:
        raise _fail("conventions.date_in_future")
    if not findings.strip():
        raise _fail("conventions.findings_required")
    with transaction.atomic():
        locked = _lock_convention(convention)
        _require(actor, Action.MANAGE_CONVENTIONS, locked.community, today)
        if locked.status == ConventionStatus.BUILDING or locked.status == ConventionStatus.ABOLISHED:
            raise _fail("conventions.not_in_force")
        if ConventionReview.objects.filter(convention=locked, year=held_on.year).exists():
            raise _fail("conventions.review_exists")
        review = ConventionReview.objects.create(
            convention=locked,
            year=held_on.year,
            held_on=held_on,
            findings=findings.strip(),
            proposals=proposals.strip(),
            recorded_by=actor,
        )
        audit_record(
            code="conventions.review.recorded",
            actor=actor,
            unit=locked.community_id,
            obj=locked,
            after={"year": review.year, "held_on": held_on},
            now=moment,
        )
    return review


def review_date_set(
    *, convention: Convention, month: int, day: int, actor: Any, now: dt.datetime | None = None
) -> Convention:
    """Another agreed day for the yearly review instead of 18 November ([ND61] art. 15(4)); audited."""
    moment = now or clock.now()
    today = clock.localdate(moment)
    _enforce(rules.check_review_date(month=month, day=day))
    with transaction.atomic():
        locked = _lock_convention(convention)
        _require(actor, Action.MANAGE_CONVENTIONS, locked.community, today)
        if locked.status == ConventionStatus.ABOLISHED:
            raise _fail("conventions.not_in_force")
        before = {"review_month": locked.review_month, "review_day": locked.review_day}
        locked.review_month, locked.review_day = month, day
        locked.save(update_fields=["review_month", "review_day", "updated_at"])
        audit_record(
            code="conventions.convention.review_date_set",
            actor=actor,
            unit=locked.community_id,
            obj=locked,
            before=before,
            after={"review_month": month, "review_day": day},
            now=moment,
        )
    return locked
