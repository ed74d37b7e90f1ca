"""Signatures ([ND61] art. 4), the recognition dossier, recognition or refusal, dissemination ([ND61] arts 11, 15)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from django.db import transaction

from grassroots.accounts.rules import Action
from grassroots.conventions import rules
from grassroots.conventions.models import (
    Convention,
    ConventionStatus,
    ConventionVersion,
    SignerRole,
    VersionStatus,
)
from grassroots.conventions.services.common import (
    _check_text,
    _enforce,
    _fail,
    _lock_convention,
    _lock_version,
    _require,
    _save_convention,
    _save_version,
)
from grassroots.core import clock
from grassroots.documents.models import Document, DocumentType, IssuingBodyKind
from grassroots.documents.selectors import issuing_body_for
from grassroots.documents.services import document_issue
from grassroots.documents.spec import Recipients
from grassroots.units import selectors as unit_selectors
from grassroots.units.models import AdministrativeUnit
from grassroots.voting import services as vote_services
from grassroots.voting.models import VoteStatus
from grassroots.voting.services.forms import committee_signature

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
