"""Who signs the commune's papers on a convention: the chair as CHỦ TỊCH, a vice-chair as KT. CHỦ TỊCH / PHÓ CHỦ TỊCH
over their own name (law.md §4.4 "signing authority"; [ND61] arts 11–14)."""

from __future__ import annotations

import datetime as dt

import pytest

from grassroots.accounts.models import Role, User
from grassroots.accounts.testing import make_persona
from grassroots.conventions import services
from grassroots.conventions.models import Convention, MeasureKind
from grassroots.conventions.tests.conftest import DECIDED, DOSSIER, VN, adopt, recognise, submit_dossier
from grassroots.documents.models import Document
from grassroots.units.models import AdministrativeUnit

pytestmark = pytest.mark.django_db


@pytest.fixture
def vice_chair(commune: AdministrativeUnit) -> User:
    return make_persona("conv_vice", Role.COMMUNE_VICE_CHAIR, commune, full_name="Lê Thị Phó Chủ Tịch")


def _lines(document: Document | None) -> list[str]:
    assert document is not None
    return list(document.content["signatures"][0]["lines"])


def _name(document: Document | None) -> str:
    assert document is not None
    return str(document.content["signatures"][0]["signer_name"])


def test_vice_chair_recognition_is_signed_kt_chu_tich_over_their_own_name(
    convention: Convention, village_head: User, vice_chair: User
) -> None:
    version = recognise(convention, village_head, vice_chair)
    assert _lines(version.decision_document)[-2:] == ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]
    assert _name(version.decision_document) == "Lê Thị Phó Chủ Tịch"


def test_chair_recognition_is_still_signed_chu_tich(
    convention: Convention, village_head: User, commune_chair: User
) -> None:
    version = recognise(convention, village_head, commune_chair)
    lines = _lines(version.decision_document)
    assert lines[-1] == "CHỦ TỊCH" and "KT. CHỦ TỊCH" not in lines


def test_vice_chair_refusal_letter_is_signed_kt_chu_tich(
    convention: Convention, village_head: User, vice_chair: User
) -> None:
    version = submit_dossier(adopt(convention, village_head), village_head, now=DOSSIER)
    refused = services.version_refuse(version=version, reason="Điều 3 trái pháp luật.", actor=vice_chair, now=DECIDED)
    assert _lines(refused.decision_document)[-2:] == ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]
    assert _name(refused.decision_document) == "Lê Thị Phó Chủ Tịch"


def test_vice_chair_suspension_decision_is_signed_kt_chu_tich(
    convention: Convention, village_head: User, commune_chair: User, vice_chair: User
) -> None:
    recognise(convention, village_head, commune_chair)
    measure = services.measure_decide(
        convention=convention,
        kind=MeasureKind.SUSPENSION_FULL,
        basis="Phản ánh của hộ ông A: Điều 3 trái quy định.",
        basis_received_on=dt.date(2026, 11, 20),
        reasons="Điều 3 quy định phạt tiền, thay thế chế tài của pháp luật.",
        fix_by=dt.date(2027, 1, 31),
        actor=vice_chair,
        now=dt.datetime(2026, 11, 24, 9, 0, tzinfo=VN),
    )
    assert _lines(measure.document)[-2:] == ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]
