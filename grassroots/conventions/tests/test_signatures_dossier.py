"""The signatures block of the adopted text ([ND61] art. 4: the village head, the Front work-committee head and
2 household representatives, ``SIGNERS_MINIMUM`` = 4) and the recognition dossier's checklist ([ND61] art. 11(1):
request Mẫu 01, minutes Mẫu 02, adopted text). Both are enforced by the services: the dossier is not sent
unsigned or incomplete, and nothing is written on a refusal."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from grassroots.accounts.models import User
from grassroots.conventions import rules, selectors, services
from grassroots.conventions.models import Convention, ConventionVersion, SignerRole, VersionStatus
from grassroots.conventions.tests.conftest import (
    DECIDED,
    DOSSIER,
    FULL_DOSSIER,
    SIGNERS,
    adopt,
    finalise,
    first_version,
    recognise,
    submit_dossier,
)
from grassroots.core.errors import DomainError
from grassroots.core.models import AuditEvent

VH, FH, HH, RP = SignerRole.VILLAGE_HEAD, SignerRole.FRONT_HEAD, SignerRole.HOUSEHOLD, SignerRole.RESPECTED


# --- rules ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("rows", "missing", "signed"),
    [
        ([(VH, "A"), (FH, "B"), (HH, "C"), (HH, "D")], [], 4),
        ([(VH, "A"), (FH, "B"), (HH, "C"), (HH, "D"), (RP, "E")], [], 5),
        ([(VH, "A"), (FH, "B"), (HH, "C")], [HH], 3),  # one household short
        ([(VH, "A"), (FH, "B"), (HH, "C"), (RP, "E")], [HH], 4),  # four people, but an elder is no household
        ([(VH, "A"), (HH, "C"), (HH, "D"), (RP, "E")], [FH], 4),  # the Front head must sign
        ([(FH, "B"), (HH, "C"), (HH, "D"), (HH, "E")], [VH], 4),  # the village head must sign
        ([(VH, "A"), (FH, "B"), (HH, "C"), (HH, "  ")], [HH], 3),  # a blank name is no signature
        ([], [VH, FH, HH], 0),
    ],
)
def test_signatures_need_the_four_roles_of_article_4(
    rows: list[tuple[str, str]], missing: list[str], signed: int
) -> None:
    assert rules.signatures_missing(rows) == missing
    result = rules.check_signatures(rows)
    assert bool(result) is (missing == [])
    if missing:
        assert result.code == "conventions.signatures_incomplete"
        assert result.params == {"missing": missing, "signed": signed, "minimum": rules.SIGNERS_MINIMUM}


def test_the_required_roles_add_up_to_the_minimum() -> None:
    assert sum(rules.SIGNERS_REQUIRED.values()) == rules.SIGNERS_MINIMUM == 4


def test_an_unknown_signer_role_is_refused() -> None:
    assert rules.check_signatures([(VH, "A"), (FH, "B"), (HH, "C"), (HH, "D"), ("mayor", "E")]).code == (
        "conventions.bad_signer_role"
    )


@pytest.mark.parametrize(
    ("items", "missing"),
    [
        (["request", "minutes", "text"], []),
        (["text", "request", "minutes"], []),
        (["request", "text"], ["minutes"]),
        (["minutes"], ["request", "text"]),
        ([], ["request", "minutes", "text"]),
    ],
)
def test_dossier_holds_the_request_the_minutes_and_the_text(items: list[str], missing: list[str]) -> None:
    assert list(rules.DOSSIER_ITEMS) == ["request", "minutes", "text"]
    assert rules.dossier_missing(items) == missing
    result = rules.check_dossier(items)
    assert bool(result) is (missing == [])
    if missing:
        assert result.code == "conventions.dossier_incomplete" and result.params["missing"] == missing


def test_an_unknown_dossier_item_is_refused() -> None:
    assert rules.check_dossier([*FULL_DOSSIER, "photo"]).code == "conventions.bad_dossier_item"


# --- services ------------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_signatures_below_the_minimum_are_refused_and_nothing_is_written(
    convention: Convention, village_head: User
) -> None:
    version = adopt(convention, village_head)
    with pytest.raises(DomainError) as short:
        services.signatures_set(
            version=version,
            village_head="Lê Văn Trưởng",
            front_head="Ngô Văn Ban",
            household_representatives=["Nguyễn Văn Hộ"],
            others=["cụ Đinh Văn Uy Tín"],
            actor=village_head,
            now=DOSSIER,
        )
    assert short.value.code == "conventions.signatures_incomplete"
    assert short.value.params["missing"] == [HH] and short.value.params["signed"] == 4
    assert (
        short.value.message
        == services.REFUSALS.error(
            "conventions.signatures_incomplete", signed=4, minimum=4, parts=str(HH.label)
        ).message
    )
    assert ConventionVersion.objects.get(pk=version.pk).signatories == []
    assert not AuditEvent.objects.filter(code="conventions.version.signed").exists()


@pytest.mark.django_db
def test_signatures_are_recorded_in_role_order_and_audited(convention: Convention, village_head: User) -> None:
    version = adopt(convention, village_head)
    signed = services.signatures_set(
        version=version, others=["cụ Đinh Văn Uy Tín"], actor=village_head, now=DOSSIER, **SIGNERS
    )
    assert [(row.role, row.name) for row in selectors.signatures(signed)] == [
        (VH, "Lê Văn Trưởng"),
        (FH, "Ngô Văn Ban Công Tác"),
        (HH, "Nguyễn Văn Hộ Một"),
        (HH, "Trần Thị Hộ Hai"),
        (RP, "cụ Đinh Văn Uy Tín"),
    ]
    event = AuditEvent.objects.get(code="conventions.version.signed", object_id=str(version.pk))
    assert (event.before or {})["signatories"] == []
    assert len((event.after or {})["signatories"]) == 5


@pytest.mark.django_db
def test_attack_signing_before_adoption_is_refused(convention: Convention, village_head: User) -> None:
    finalised = finalise(first_version(convention), village_head)
    with pytest.raises(DomainError) as early:
        services.signatures_set(version=finalised, actor=village_head, now=DOSSIER, **SIGNERS)
    assert early.value.code == "conventions.not_signable"
    assert ConventionVersion.objects.get(pk=finalised.pk).signatories == []


@pytest.mark.django_db
def test_attack_an_outsider_cannot_sign_in_the_village_s_name(
    convention: Convention, village_head: User, other_commune_officer: User
) -> None:
    version = adopt(convention, village_head)
    with pytest.raises(DomainError) as outsider:
        services.signatures_set(version=version, actor=other_commune_officer, now=DOSSIER, **SIGNERS)
    assert outsider.value.code == "conventions.not_authorised"
    assert ConventionVersion.objects.get(pk=version.pk).signatories == []


@pytest.mark.django_db
def test_attack_an_unsigned_text_cannot_be_sent_for_recognition(convention: Convention, village_head: User) -> None:
    version = adopt(convention, village_head)
    with pytest.raises(DomainError) as unsigned:
        services.version_submit_dossier(version=version, items=FULL_DOSSIER, actor=village_head, now=DOSSIER)
    assert unsigned.value.code == "conventions.signatures_incomplete"
    assert unsigned.value.params["missing"] == [VH, FH, HH] and unsigned.value.params["signed"] == 0
    stored = ConventionVersion.objects.get(pk=version.pk)
    assert stored.status == VersionStatus.ADOPTED and stored.dossier_sent_on is None and stored.dossier_items == []


@pytest.mark.django_db
def test_attack_signatures_written_straight_into_the_database_short_of_four_still_block_the_dossier(
    convention: Convention, village_head: User
) -> None:
    """A clerk with database access who stores three signatures does not get the dossier past the service."""
    version = adopt(convention, village_head)
    ConventionVersion.objects.filter(pk=version.pk).update(
        signatories=[{"role": VH, "name": "A"}, {"role": FH, "name": "B"}, {"role": HH, "name": "C"}]
    )
    with pytest.raises(DomainError) as short:
        services.version_submit_dossier(version=version, items=FULL_DOSSIER, actor=village_head, now=DOSSIER)
    assert short.value.code == "conventions.signatures_incomplete" and short.value.params["signed"] == 3
    assert ConventionVersion.objects.get(pk=version.pk).status == VersionStatus.ADOPTED


@pytest.mark.django_db
@pytest.mark.parametrize("items", [[], ["request", "text"], ["minutes", "text"], ["request", "minutes"]])
def test_an_incomplete_dossier_is_refused_and_nothing_is_written(
    convention: Convention, village_head: User, items: list[str]
) -> None:
    version = adopt(convention, village_head)
    services.signatures_set(version=version, actor=village_head, now=DOSSIER, **SIGNERS)
    with pytest.raises(DomainError) as incomplete:
        services.version_submit_dossier(version=version, items=items, actor=village_head, now=DOSSIER)
    assert incomplete.value.code == "conventions.dossier_incomplete"
    assert incomplete.value.params["missing"] == rules.dossier_missing(items)
    stored = ConventionVersion.objects.get(pk=version.pk)
    assert stored.status == VersionStatus.ADOPTED and stored.dossier_sent_on is None and stored.dossier_items == []
    assert stored.vote is not None and stored.vote.status == "closed"  # the vote was not submitted either
    assert not AuditEvent.objects.filter(code="conventions.version.submitted").exists()


@pytest.mark.django_db
def test_the_complete_dossier_is_stored_and_audited(convention: Convention, village_head: User) -> None:
    version = submit_dossier(adopt(convention, village_head), village_head, now=DOSSIER)
    assert version.status == VersionStatus.SUBMITTED and version.dossier_items == FULL_DOSSIER
    event = AuditEvent.objects.get(code="conventions.version.submitted", object_id=str(version.pk))
    assert (event.after or {})["dossier_items"] == FULL_DOSSIER
    assert [item.present for item in selectors.dossier_checklist(version)] == [True, True, True]


# --- pages ---------------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_commune_sees_which_dossier_items_came_and_who_signed(
    convention: Convention, village_head: User, commune_chair: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    from grassroots.core import clock

    version = submit_dossier(adopt(convention, village_head), village_head, now=DOSSIER)
    monkeypatch.setattr(clock, "now", lambda: DECIDED)
    client = Client()
    client.force_login(commune_chair)
    page = client.get(reverse("conventions:recognise", args=[version.pk]))
    assert page.status_code == 200
    assert [(item.key, item.present) for item in page.context["checklist"]] == [(key, True) for key in FULL_DOSSIER]
    body = page.content.decode()
    for key in FULL_DOSSIER:
        assert f'data-dossier-item="{key}" data-present="yes"' in body
    assert [row.name for row in page.context["signature_rows"]] == [
        SIGNERS["village_head"],
        SIGNERS["front_head"],
        *SIGNERS["household_representatives"],
    ]
    # A legacy dossier sent before the checklist existed shows its items as missing.
    ConventionVersion.objects.filter(pk=version.pk).update(dossier_items=["text"])
    legacy = client.get(reverse("conventions:recognise", args=[version.pk]))
    assert [(item.key, item.present) for item in legacy.context["checklist"]] == [
        ("request", False),
        ("minutes", False),
        ("text", True),
    ]
    assert 'data-dossier-item="minutes" data-present="no"' in legacy.content.decode()


@pytest.mark.django_db
def test_the_public_text_in_force_shows_its_signatures_block(
    convention: Convention, village_head: User, commune_chair: User
) -> None:
    version = recognise(convention, village_head, commune_chair)
    page = Client().get(reverse("conventions:public_detail", args=[convention.pk]))
    assert page.status_code == 200
    assert [row.role for row in page.context["in_force_signatures"]] == [VH, FH, HH, HH]
    body = page.content.decode()
    for name in [SIGNERS["village_head"], SIGNERS["front_head"], *SIGNERS["household_representatives"]]:
        assert name in body
    assert version.signatories  # the block shown is the one stored on the recognised text
