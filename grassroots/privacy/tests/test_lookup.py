"""Finding the records of a person who has no account, on their request: played as the attackers.

A curious clerk searching a denouncer's name, an officer of another commune searching this commune's people,
a resident opening the officer's page, and someone reading the audit trail to learn whom an officer looked up.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from grassroots.accounts.models import User
from grassroots.core.errors import DomainError
from grassroots.core.models import AuditEvent
from grassroots.petitions import services as case_services
from grassroots.privacy import selectors, services
from grassroots.units.models import Household, Resident

pytestmark = pytest.mark.django_db

NAME = "Đinh Thị Lan"
PHONE = "0987654321"


def _paper_case(commune: Any, officer: User, *, kind: str = "feedback", phone: str = PHONE, name: str = NAME) -> Any:
    return case_services.case_receive(
        unit=commune,
        kind=kind,
        channel="letter",
        title="Đường ngập nước",
        content="Đoạn đường trước nhà văn hóa ngập sau mưa.",
        citizen=case_services.Citizen(full_name=name, phone=phone, address="Thôn 1"),
        actor=officer,
    )


@pytest.fixture
def records(commune: Any, other_commune: Any, commune_officer: User, other_commune_officer: User) -> dict[str, Any]:
    """Ms Lan has no account: a letter, a place on the household register, and (the same name) a denunciation
    filed by someone who asked nothing and is protected all the same; a namesake lives in another commune."""
    letter = _paper_case(commune, commune_officer)
    denunciation = _paper_case(commune, commune_officer, kind="denunciation")
    household = Household.objects.get(community__parent=commune, code="H1-03")
    member = Resident.objects.create(household=household, full_name=NAME, phone=PHONE)
    namesake = _paper_case(other_commune, other_commune_officer)
    return {"letter": letter, "denunciation": denunciation, "member": member, "namesake": namesake}


def _lookup(actor: User, **extra: Any) -> list[selectors.Section]:
    terms: dict[str, Any] = {
        "full_name": NAME,
        "phone": "",
        "reason": "Đơn đề nghị ngày 05/12/2026, đã đối chiếu căn cước.",
    }
    terms.update(extra)
    return services.unlinked_lookup(actor=actor, **terms)


def test_the_officer_finds_the_persons_records_and_never_a_confidential_sender(
    records: dict[str, Any], commune_officer: User
) -> None:
    sections = {section.key: section for section in _lookup(commune_officer, full_name="  đinh thị   lan ")}
    assert set(sections) == {"petitions.CaseIdentity", "units.Resident"}
    identities = sections["petitions.CaseIdentity"].rows
    assert [row["case"] for row in identities] == [records["letter"].pk]  # not the denunciation, not the namesake
    assert [row["id"] for row in sections["units.Resident"].rows] == [records["member"].pk]
    # A phone narrows: a wrong one finds nothing.
    assert _lookup(commune_officer, phone="0900000000") == []


def test_a_lookup_is_recorded_without_the_name_searched(records: dict[str, Any], commune_officer: User) -> None:
    before = AuditEvent.objects.filter(code="privacy.personal_data.looked_up").count()
    _lookup(commune_officer, phone=PHONE)
    event = AuditEvent.objects.filter(code="privacy.personal_data.looked_up").latest("id")
    assert AuditEvent.objects.filter(code="privacy.personal_data.looked_up").count() == before + 1
    assert event.actor_id == commune_officer.pk
    after: dict[str, Any] = event.after or {}
    assert after["found"] == {"petitions.CaseIdentity": 1, "units.Resident": 1}
    assert after["with_phone"] is True
    stored = str(event.after) + str(event.before) + event.object_id
    assert NAME not in stored and PHONE not in stored


def test_another_communes_officer_finds_only_their_own(records: dict[str, Any], other_commune_officer: User) -> None:
    sections = _lookup(other_commune_officer)
    assert [(section.key, [row["case"] for row in section.rows]) for section in sections] == [
        ("petitions.CaseIdentity", [records["namesake"].pk])
    ]


def test_residents_cannot_look_up_and_a_lookup_needs_a_name_and_a_reason(
    records: dict[str, Any], resident: User, commune_officer: User
) -> None:
    with pytest.raises(DomainError) as refused:
        _lookup(resident)
    assert refused.value.code == "privacy.not_allowed"
    with pytest.raises(DomainError) as no_reason:
        _lookup(commune_officer, reason="  ")
    assert no_reason.value.code == "privacy.reason_required"
    with pytest.raises(DomainError) as no_name:
        _lookup(commune_officer, full_name="   ")
    assert no_name.value.code == "privacy.lookup_name_required"
    assert not AuditEvent.objects.filter(code="privacy.personal_data.looked_up").exists()


def test_the_lookup_page(records: dict[str, Any], commune_officer: User, resident: User) -> None:
    url = reverse("privacy:lookup")
    assert Client().get(url).status_code == 302
    resident_client = Client()
    resident_client.force_login(resident)
    assert resident_client.get(url).status_code == 403
    client = Client()
    client.force_login(commune_officer)
    assert client.get(url).status_code == 200
    missing = client.post(url, {"full_name": NAME, "reason": ""})
    assert missing.status_code == 422
    found = client.post(url, {"full_name": NAME, "phone": PHONE, "reason": "Đơn ngày 05/12/2026"})
    page = found.content.decode()
    assert found.status_code == 200 and "no-store" in found["Cache-Control"]
    assert "Số điện thoại" in page and PHONE in page and "Thôn 1" in page
    assert "<dt>Họ và tên</dt>" in page and "<dt>full_name" not in page  # labels, not field names
