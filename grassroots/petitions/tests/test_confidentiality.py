"""Who sees a denouncer's (or a petitioner who asked) name: tests written as attackers.

Only the assigned handler and the commune chair (and the person themself); every look is logged, append-only;
nothing that names them reaches the audit trail, the admin or the public pages.
"""

from __future__ import annotations

import json

import pytest
from django.test import Client

from grassroots.accounts.models import User
from grassroots.core.models import AuditEvent
from grassroots.petitions import services
from grassroots.petitions.models import Case, IdentityAccess, IdentityAccessImmutable
from grassroots.petitions.tests.conftest import NOW, enter_denunciation, file_online
from grassroots.units.models import AdministrativeUnit

pytestmark = pytest.mark.django_db
SECRETS = ("Lê Thị Bí Mật", "0987654321", "Nguyễn Văn Dân", "0912345678")


@pytest.fixture
def denunciation(commune_officer: User, commune_chair: User, commune: AdministrativeUnit) -> Case:
    case = enter_denunciation(commune_officer, commune)
    services.case_acknowledge(case=case, outcome="accepted", actor=commune_officer, now=NOW)
    return services.case_assign(case=case, handler=commune_officer, actor=commune_chair, now=NOW)


def test_the_handler_and_the_chair_see_it_and_each_look_is_logged(
    denunciation: Case, commune_officer: User, commune_chair: User
) -> None:
    for viewer in (commune_officer, commune_chair):
        identity = services.identity_reveal(case=denunciation, viewer=viewer, place="test", now=NOW)
        assert identity is not None and identity.full_name == "Lê Thị Bí Mật"
    assert list(IdentityAccess.objects.values_list("viewer__username", flat=True).order_by("pk")) == [
        "commune_officer",
        "commune_chair",
    ]


def test_another_officer_of_the_same_commune_does_not(denunciation: Case, second_officer: User) -> None:
    assert services.identity_reveal(case=denunciation, viewer=second_officer, place="test") is None
    assert not IdentityAccess.objects.exists()


@pytest.mark.parametrize(
    "who", ["other_commune_officer", "resident", "superuser", "provincial_officer", "board_member"]
)
def test_nobody_else_does(denunciation: Case, who: str, request: pytest.FixtureRequest) -> None:
    viewer = request.getfixturevalue(who)
    assert services.identity_reveal(case=denunciation, viewer=viewer, place="test") is None


def test_a_reassigned_handler_loses_sight(
    denunciation: Case, commune_officer: User, second_officer: User, commune_chair: User
) -> None:
    services.case_assign(case=denunciation, handler=second_officer, reason="Nghỉ phép", actor=commune_chair)
    case = Case.objects.get(pk=denunciation.pk)
    assert services.identity_reveal(case=case, viewer=commune_officer, place="test") is None
    assert services.identity_reveal(case=case, viewer=second_officer, place="test") is not None


def test_a_petitioner_who_asked_is_masked_too(
    resident: User, commune: AdministrativeUnit, commune_officer: User, second_officer: User
) -> None:
    case = file_online(resident, commune, kind="petition", confidentiality_requested=True)
    assert case.is_confidential
    assert services.identity_reveal(case=case, viewer=second_officer, place="test") is None
    # The person themself sees their own name, and that is not a look to log.
    assert services.identity_reveal(case=case, viewer=resident, place="test") is not None
    assert not IdentityAccess.objects.exists()


def test_a_feedback_without_the_request_is_seen_by_the_commune_officers(
    resident: User, commune: AdministrativeUnit, second_officer: User, other_commune_officer: User
) -> None:
    case = file_online(resident, commune)
    assert services.identity_reveal(case=case, viewer=second_officer, place="test") is not None
    assert services.identity_reveal(case=case, viewer=other_commune_officer, place="test") is None
    assert not IdentityAccess.objects.exists()


def test_the_access_log_is_append_only(denunciation: Case, commune_chair: User) -> None:
    services.identity_reveal(case=denunciation, viewer=commune_chair, place="test")
    row = IdentityAccess.objects.get()
    row.place = "edited"
    with pytest.raises(IdentityAccessImmutable):
        row.save()
    with pytest.raises(IdentityAccessImmutable):
        row.delete()


def test_the_audit_trail_never_names_them(
    resident: User, commune: AdministrativeUnit, denunciation: Case, commune_officer: User
) -> None:
    online = file_online(resident, commune, kind="denunciation")
    services.case_withdraw(case=online, actor=resident)
    dump = json.dumps(
        list(AuditEvent.objects.values("actor_label", "actor_id", "before", "after", "code")),
        ensure_ascii=False,
        default=str,
    )
    for secret in SECRETS:
        assert secret not in dump
    # The denouncer filed and withdrew themself: their login is not the actor of either event.
    events = AuditEvent.objects.filter(object_type="petitions.case", object_id=str(online.pk))
    assert set(events.values_list("actor_id", flat=True)) == {None}
    assert "resident" not in set(events.values_list("actor_label", flat=True))


def test_the_admin_list_and_page_do_not_show_it(denunciation: Case, superuser: User) -> None:
    client = Client()
    client.force_login(superuser)
    for url in ("/admin/petitions/case/", f"/admin/petitions/case/{denunciation.pk}/change/"):
        response = client.get(url)
        assert response.status_code == 200
        page = response.content.decode()
        for secret in SECRETS:
            assert secret not in page
    assert client.get("/admin/petitions/caseidentity/").status_code == 404


# --- every other way out: the public API and its exports, personal-data exports, Open311, the staff API -----------


def test_attack_the_public_api_and_its_exports_never_carry_a_denunciation_or_a_name(
    denunciation: Case, resident: User, commune: AdministrativeUnit
) -> None:
    from grassroots.api.export import export_commune

    public = file_online(resident, commune, is_public=True)
    client = Client()
    listed = client.get(f"/api/communes/{commune.slug}/cases")
    assert listed.status_code == 200
    assert [item["id"] for item in listed.json()["items"]] == [public.pk]
    outputs = [listed.content.decode()]
    for file_format in ("json", "csv"):
        outputs.append(export_commune(commune, file_format, "cases").decode("utf-8", "replace"))
    outputs.append(client.get(f"/phan-anh-kien-nghi/open311/{commune.slug}/v2/requests.json").content.decode())
    for output in outputs:
        assert denunciation.title not in output and "Nhận tiền để cấp giấy tờ đất" not in output
        for secret in SECRETS:
            assert secret not in output


def test_attack_personal_data_exports_of_officers_and_other_residents_never_name_the_denouncer(
    denunciation: Case, commune_officer: User, commune_chair: User, second_officer: User, resident: User
) -> None:
    """The handler, the chair who looked, another officer and a resident download their own data: acts are counts,
    never the rows that name someone else."""
    from grassroots.privacy.selectors import personal_data

    services.identity_reveal(case=denunciation, viewer=commune_chair, place="test", now=NOW)
    for person in (commune_officer, commune_chair, second_officer, resident):
        client = Client()
        client.force_login(person)
        download = client.get("/du-lieu-ca-nhan/cua-toi/tai-ve.json")
        assert download.status_code == 200
        text = download.content.decode()
        text += json.dumps(personal_data(person).__dict__, ensure_ascii=False, default=str)
        for secret in ("Lê Thị Bí Mật", "0987654321", "Thôn 2"):  # the denouncer entered at the desk
            assert secret not in text, person.username


def test_the_denouncer_downloading_their_own_data_finds_their_own_row_only(
    resident: User, commune: AdministrativeUnit, commune_officer: User
) -> None:
    from grassroots.privacy.selectors import personal_data

    mine = file_online(resident, commune, kind="denunciation")
    enter_denunciation(commune_officer, commune)  # someone else's, same commune
    text = json.dumps(personal_data(resident).__dict__, ensure_ascii=False, default=str)
    assert "Nguyễn Văn Dân" in text and str(mine.pk) in text
    assert "Lê Thị Bí Mật" not in text and "0987654321" not in text
