"""A person's data: the export holds what is theirs and nothing of anyone else's; erasure forgets what the
law lets it forget, keeps the records of procedures, and cannot be used by the wrong officer.

Played as the attacker: an officer of another commune, a resident erasing someone else or themselves, an
exporter hoping to learn a secret ballot, a clerk trying to erase a person with a case still open.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from grassroots.accounts.models import User
from grassroots.core.errors import DomainError
from grassroots.core.selectors import audit_chain_verify
from grassroots.privacy import rules, selectors, services

pytestmark = pytest.mark.django_db


def test_every_reference_to_an_account_has_a_policy() -> None:
    """A new foreign key to the user model fails here until someone decides its fate on erasure."""
    found = set(selectors.user_foreign_keys())
    assert len(found) > 50
    assert sorted(found - set(rules.POLICY)) == []
    assert sorted(set(rules.POLICY) - found) == []


def test_erasure_rule_edge_cases() -> None:
    base: dict[str, Any] = {"enabled": True, "active_roles": 0, "open_cases": 0, "reason": "Đơn ngày 1/12"}
    assert rules.check_erasure(**base, already_erased=False).allowed
    assert rules.check_erasure(**{**base, "enabled": False}, already_erased=False).code == "privacy.erasure_disabled"
    assert rules.check_erasure(**{**base, "active_roles": 1}, already_erased=False).code == "privacy.has_roles"
    assert rules.check_erasure(**{**base, "open_cases": 1}, already_erased=False).code == "privacy.open_cases"
    assert rules.check_erasure(**base, already_erased=False, open_duties=1).code == "privacy.open_duties"
    assert rules.check_erasure(**base, already_erased=False, open_duties=0).allowed
    assert rules.check_erasure(**{**base, "reason": "   "}, already_erased=False).code == "privacy.reason_required"
    assert rules.check_erasure(**base, already_erased=True).code == "privacy.already_erased"


def _opinion_by(user: User, commune: Any, officer: User) -> Any:
    from grassroots.consultations.models import Opinion

    consultation = _consultation(commune, officer)
    return Opinion.objects.create(
        consultation=consultation,
        channel="online",
        stance="agree",
        text="Nên làm thêm đèn đường ở Thôn 1.",
        author=user,
        author_name=user.full_name,
        shows_name=True,
        received_on=consultation.opens_on,
        entered_at=timezone.now(),
    )


def _consultation(commune: Any, officer: User) -> Any:
    import datetime as dt

    from grassroots.consultations.models import Consultation

    return Consultation.objects.create(
        commune=commune,
        matter="C1",
        title="Dự thảo",
        opens_on=dt.date(2026, 11, 1),
        closes_on=dt.date(2026, 11, 30),
        created_by=officer,
    )


def test_the_export_holds_the_persons_rows_and_only_counts_of_their_official_acts(
    resident: User, commune_officer: User, commune: Any
) -> None:
    from grassroots.notifications.models import Notification

    Notification.objects.create(user=resident, kind="digest", params={}, url="/", created_at=timezone.now())
    data = selectors.personal_data(resident)
    exported = json.dumps(data.as_json(), ensure_ascii=False)
    assert data.account["phone"] == "0912345678"
    keys = {section.key for section in data.sections}
    assert {"units.Resident.user", "accounts.RoleMembership.user", "notifications.Notification.user"} <= keys
    assert "Nguyễn Văn Dân" in exported
    # The officer's export counts what they did, never the records themselves (they hold residents' data).
    officer_export = json.dumps(selectors.personal_data(commune_officer).as_json(), ensure_ascii=False)
    assert "Nguyễn Văn Dân" not in officer_export


def test_an_export_never_reveals_a_secret_ballot(commune: Any) -> None:
    """A household representative who voted in a secret online ballot downloads their data: no choice and no
    opinion of theirs is in it, so the export cannot be used to prove (or be forced to prove) a vote."""
    from grassroots.voting.tests.test_secrecy import _cast_all, _online_world

    vote, _head, people = _online_world(commune, count=6)
    _cast_all(vote, people)
    for _household, user in people:
        exported = json.dumps(selectors.personal_data(user).as_json(), ensure_ascii=False)
        assert "agree" not in exported
        assert "đề nghị làm thêm đèn" not in exported
        assert "units.Resident.user" in exported and "voting.VoteRollEntry.representative_user" in exported


def test_the_download_is_the_signed_in_persons_own_and_never_cached(resident: User, village_head: User) -> None:
    client = Client()
    assert client.get(reverse("privacy:my_data_download")).status_code == 302
    client.force_login(resident)
    response = client.get(reverse("privacy:my_data_download"))
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    body = json.loads(response.content)
    assert body["account"]["username"] == "resident"
    assert "village_head" not in response.content.decode()
    page = client.get(reverse("privacy:my_data"))
    assert page.status_code == 200 and "Tải về dữ liệu của tôi" in page.content.decode()
    assert "Số điện thoại" in page.content.decode() and "full_name" not in page.content.decode()


def _erase(user: User, actor: User, **extra: Any) -> services.ErasureReport:
    return services.personal_data_erase(
        user=user,
        actor=actor,
        reason=extra.get("reason", "Đơn đề nghị ngày 05/12/2026, đã đối chiếu căn cước."),
        confirm_username=extra.get("confirm", user.get_username()),
    )


def _make_board_member(user: User, commune: Any) -> None:
    """The resident also sits on the inspection board: a staff role whose acts must stay traceable."""
    from grassroots.accounts.testing import give_role

    give_role(user, "inspection_board_member", commune)


def _end_roles(user: User) -> None:
    from grassroots.accounts.models import RoleMembership
    from grassroots.core import clock

    RoleMembership.objects.filter(user=user).update(valid_until=clock.today())


def test_erasure_forgets_the_account_and_keeps_the_records(resident: User, commune_officer: User, commune: Any) -> None:
    from grassroots.notifications.models import Notification
    from grassroots.units.models import Resident

    opinion = _opinion_by(resident, commune, commune_officer)
    Notification.objects.create(user=resident, kind="digest", params={}, url="/", created_at=timezone.now())
    person = Resident.objects.get(user=resident)
    _end_roles(resident)
    report = _erase(resident, commune_officer)
    resident.refresh_from_db()
    assert (resident.full_name, resident.phone, resident.email, resident.is_active) == (
        rules.ERASED_NAME,
        None,
        "",
        False,
    )
    assert resident.username == f"da-xoa-{resident.pk}" and not resident.has_usable_password()
    assert not Notification.objects.filter(user=resident).exists()
    assert report.erased["notifications.Notification.user"] == 1
    # The register and the consultation record stay, no longer tied to the account or the name.
    person.refresh_from_db()
    assert person.user_id is None and person.full_name == "Nguyễn Văn Dân"
    opinion.refresh_from_db()
    assert (opinion.author_id, opinion.author_name, opinion.shows_name) == (None, "", False)
    assert opinion.text == "Nên làm thêm đèn đường ở Thôn 1."
    assert report.retained["accounts.RoleMembership.user"] == 1
    # The trail records the erasure with counts only, and still verifies.
    from grassroots.core.models import AuditEvent

    event = AuditEvent.objects.get(code="privacy.personal_data.erased")
    assert "0912345678" not in json.dumps(event.after) and "Nguyễn Văn Dân" not in json.dumps(event.after)
    assert audit_chain_verify().intact
    # The phone number is free again: the person can register anew.
    assert not User.objects.filter(phone="0912345678").exists()
    with pytest.raises(DomainError) as again:
        _erase(resident, commune_officer, confirm=resident.username)
    assert again.value.code == "privacy.already_erased"


def test_the_wrong_people_cannot_erase(
    resident: User, other_commune_officer: User, village_head: User, household_representative: User
) -> None:
    _end_roles(resident)
    for actor in (other_commune_officer, village_head, household_representative, resident):
        with pytest.raises(DomainError) as refused:
            _erase(resident, actor)
        assert refused.value.code == "privacy.not_allowed"
    resident.refresh_from_db()
    assert resident.is_active and resident.full_name == "Nguyễn Văn Dân"


def test_erasure_waits_for_roles_to_end_open_cases_and_needs_the_login_typed_again(
    resident: User, commune_officer: User, commune: Any
) -> None:
    from grassroots.petitions import services as case_services

    _make_board_member(resident, commune)
    with pytest.raises(DomainError) as holding:
        _erase(resident, commune_officer)
    assert holding.value.code == "privacy.has_roles"
    _end_roles(resident)
    case_services.case_receive(
        unit=commune,
        kind="feedback",
        channel="online",
        title="Đèn hỏng",
        content="Đèn đường hỏng",
        citizen=case_services.Citizen(full_name=resident.full_name, phone="0912345678", user=resident),
        actor=resident,
    )
    with pytest.raises(DomainError) as open_case:
        _erase(resident, commune_officer)
    assert open_case.value.code == "privacy.open_cases"
    with pytest.raises(DomainError) as mistyped:
        _erase(resident, commune_officer, confirm="someone-else")
    assert mistyped.value.code == "privacy.confirmation_mismatch"
    resident.refresh_from_db()
    assert resident.is_active


def test_the_erasure_page(resident: User, commune_officer: User, other_commune_officer: User, commune: Any) -> None:
    _make_board_member(resident, commune)
    url = reverse("privacy:erase", args=[resident.pk])
    stranger = Client()
    stranger.force_login(other_commune_officer)
    assert stranger.get(url).status_code == 404
    client = Client()
    client.force_login(commune_officer)
    page = client.get(url)
    assert page.status_code == 200 and "kết thúc các vai trò" in page.content.decode()
    _end_roles(resident)
    refused = client.post(url, {"reason": "Đơn ngày 05/12", "confirm_username": "nhầm"})
    assert refused.status_code == 422
    assert client.post(url, {"reason": "Đơn ngày 05/12", "confirm_username": "resident"}).status_code == 302
    resident.refresh_from_db()
    assert not resident.is_active


def test_erasure_waits_for_a_treasurer_and_a_board_seat_that_are_not_roles(
    resident: User,
    commune_officer: User,
    village_head: User,
    commune: Any,
    community: Any,
    settings: Any,
    tmp_path: Any,
) -> None:
    """A clerk erasing the treasurer of an open fund, or a member still sitting on the inspection board, would
    leave the fund's receipts and the board's findings signed by nobody: refused until the office ends, and
    nothing about the person changes meanwhile. Neither office is a role of the Action matrix, so the role
    check alone let both through."""
    import datetime as dt

    from grassroots.accounts.models import Role
    from grassroots.accounts.testing import make_persona
    from grassroots.funds import services as fund_services
    from grassroots.funds.tests.conftest import NOW as FUND_NOW
    from grassroots.funds.tests.conftest import make_fund
    from grassroots.oversight import services as board_services
    from grassroots.oversight.models import BoardMember
    from grassroots.oversight.tests.conftest import NOW as BOARD_NOW
    from grassroots.oversight.tests.conftest import commune_board, fill_commune_board

    settings.MEDIA_ROOT = tmp_path / "media"
    fund = make_fund(community, village_head)
    fund_services.treasurer_appoint(
        fund=fund, user=resident, basis="Biên bản họp thôn ngày 02/11/2026", actor=village_head, now=FUND_NOW
    )
    front_chair = make_persona("front_chair", Role.FRONT_CHAIR, commune, full_name="Hoàng Thị Mặt Trận")
    board = commune_board(front_chair, commune)
    fill_commune_board(board, front_chair, commune, member_user=resident)
    _end_roles(resident)  # every role ended: only the two offices remain

    assert selectors.open_duties_held(resident, dt.date(2026, 12, 7)) == 2
    with pytest.raises(DomainError) as both:
        _erase(resident, commune_officer)
    assert both.value.code == "privacy.open_duties" and "2 nhiệm vụ" in both.value.message
    resident.refresh_from_db()
    assert resident.is_active and resident.full_name == "Nguyễn Văn Dân"

    fund_services.treasurer_end(fund=fund, actor=village_head, now=FUND_NOW)
    with pytest.raises(DomainError) as seat:
        _erase(resident, commune_officer)
    assert seat.value.code == "privacy.open_duties" and "1 nhiệm vụ" in seat.value.message

    member = BoardMember.objects.get(board=board, user=resident)
    board_services.board_member_leave(
        member=member, left_on=dt.date(2026, 11, 23), reason="Xin thôi", actor=front_chair, now=BOARD_NOW
    )
    _erase(resident, commune_officer)
    resident.refresh_from_db()
    assert not resident.is_active
    # The records keep pointing to the (now anonymous) account: who kept the books stays traceable.
    assert fund.treasurers.get().user_id == resident.pk
    member.refresh_from_db()
    assert member.user_id == resident.pk
