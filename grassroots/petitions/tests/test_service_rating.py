"""The permanent satisfaction rating of procedures and officers ([L] arts 34–35): the desk records a procedure it
handed over, its resident rates it once (the procedure 1–5, the officer optionally 1–5); the chair sees results per
service and per officer, the public per service only, without raters and with an average only over 3 ratings."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import IntegrityError, transaction
from django.test import Client
from django.urls import reverse

from grassroots.accounts.models import User
from grassroots.accounts.testing import make_persona
from grassroots.core.errors import DomainError
from grassroots.core.models import AuditEvent
from grassroots.petitions import ratings, rules
from grassroots.petitions.models import ServiceRating, ServiceUse
from grassroots.petitions.tests.conftest import NOW
from grassroots.units.models import AdministrativeUnit

TODAY = NOW.date()


@pytest.mark.parametrize(
    ("service_score", "officer_score", "has_officer", "already", "comment", "code"),
    [
        (5, None, False, False, "", "ok"),
        (1, 5, True, False, "Cán bộ tận tình", "ok"),
        (3, None, True, False, "", "ok"),  # the officer's score is optional
        (0, None, True, False, "", "petitions.service.bad_rating"),
        (6, None, True, False, "", "petitions.service.bad_rating"),
        (4, 0, True, False, "", "petitions.service.bad_rating"),
        (4, 6, True, False, "", "petitions.service.bad_rating"),
        (4, 4, False, False, "", "petitions.service.no_officer"),
        (4, 4, True, True, "", "petitions.service.already_rated"),
        (4, None, True, False, "x" * rules.MAX_RATING_COMMENT_CHARACTERS, "ok"),
        (
            4,
            None,
            True,
            False,
            "x" * (rules.MAX_RATING_COMMENT_CHARACTERS + 1),
            "petitions.case.rating_comment_too_long",
        ),
    ],
)
def test_service_rating_rule(
    service_score: int, officer_score: int | None, has_officer: bool, already: bool, comment: str, code: str
) -> None:
    result = rules.check_service_rating(
        service_score=service_score,
        officer_score=officer_score,
        has_officer=has_officer,
        already_rated=already,
        comment=comment,
    )
    assert result.code == code


def test_a_procedure_is_recorded_on_or_before_today() -> None:
    assert rules.check_service_use(received_on=TODAY, today=TODAY).code == "ok"
    assert rules.check_service_use(received_on=TODAY - dt.timedelta(days=400), today=TODAY).code == "ok"
    assert rules.check_service_use(received_on=TODAY + dt.timedelta(days=1), today=TODAY).code == (
        "petitions.service.future_date"
    )


def _villager(commune: AdministrativeUnit, username: str, full_name: str, **extra: object) -> User:
    """A resident account entered in the household book of one of ``commune``'s villages."""
    from grassroots.units.models import Household, Resident

    user = make_persona(username, "resident", commune, full_name=full_name, **extra)
    household = Household.objects.filter(community__parent=commune).order_by("pk").first()
    Resident.objects.create(household=household, full_name=full_name, user=user)
    return user


def _use(
    commune: AdministrativeUnit, resident: User, officer: User | None, recorder: User, **extra: object
) -> ServiceUse:
    values: dict[str, object] = {
        "unit": commune,
        "service": "civil_registration",
        "resident": resident,
        "officer": officer,
        "received_on": TODAY,
        "actor": recorder,
        "now": NOW,
    }
    values.update(extra)
    return ratings.service_use_record(**values)  # type: ignore[arg-type]


@pytest.mark.django_db
def test_the_resident_rates_a_procedure_and_its_officer_once(
    resident: User, commune_officer: User, commune: AdministrativeUnit
) -> None:
    use = _use(commune, resident, commune_officer, commune_officer, reference=" BN-2027-015 ")
    assert (use.service, use.reference, use.recorded_by) == ("civil_registration", "BN-2027-015", commune_officer)
    rating = ratings.service_rate(
        use=use, service_score=4, officer_score=5, comment=" Nhanh. ", actor=resident, now=NOW
    )
    assert (rating.service_score, rating.officer_score, rating.comment) == (4, 5, "Nhanh.")
    with pytest.raises(DomainError) as again:
        ratings.service_rate(use=use, service_score=1, officer_score=1, actor=resident, now=NOW)
    assert again.value.code == "petitions.service.already_rated"
    assert list(ServiceRating.objects.values_list("service_score", "officer_score")) == [(4, 5)]
    event = AuditEvent.objects.get(code="petitions.service.rated", object_id=str(use.pk))
    # The audit trail says a rating was given, never the scores nor the comment.
    assert event.after == {"rated": True, "officer_rated": True}
    assert AuditEvent.objects.filter(code="petitions.service.recorded", object_id=str(use.pk)).count() == 1


@pytest.mark.django_db
def test_attack_same_account_on_two_phones_rates_once(
    resident: User, commune_officer: User, commune: AdministrativeUnit
) -> None:
    use = _use(commune, resident, commune_officer, commune_officer)
    url = reverse("petitions:my_service_rate", args=[use.pk])
    phones = [Client(), Client()]
    for phone in phones:
        phone.force_login(resident)
    # Both phones opened the form before either sent it.
    assert [phone.get(url).status_code for phone in phones] == [200, 200]
    first = phones[0].post(url, {"service_score": "5", "officer_score": "5"})
    second = phones[1].post(url, {"service_score": "1", "officer_score": "1"})
    assert (first.status_code, second.status_code) == (302, 302)
    assert list(ServiceRating.objects.filter(use=use).values_list("service_score", "officer_score")) == [(5, 5)]


@pytest.mark.django_db
def test_attack_the_database_holds_one_rating_per_procedure(
    resident: User, commune_officer: User, commune: AdministrativeUnit
) -> None:
    """A clerk with the admin (or a race past the lock) writing a second rating row is refused by the database."""
    use = _use(commune, resident, commune_officer, commune_officer)
    ServiceRating.objects.create(use=use, service_score=5, rated_at=NOW)
    with pytest.raises(IntegrityError), transaction.atomic():
        ServiceRating.objects.create(use=use, service_score=1, rated_at=NOW)
    with pytest.raises(IntegrityError), transaction.atomic():
        ServiceRating.objects.create(use=_use(commune, resident, None, commune_officer), service_score=9, rated_at=NOW)
    assert ServiceRating.objects.count() == 1


@pytest.mark.django_db
def test_attack_another_resident_cannot_rate_someone_elses_procedure(
    resident: User, commune_officer: User, commune: AdministrativeUnit
) -> None:
    use = _use(commune, resident, commune_officer, commune_officer)
    neighbour = make_persona("neighbour", "resident", commune, phone="0987654321")
    with pytest.raises(DomainError) as refusal:
        ratings.service_rate(use=use, service_score=1, actor=neighbour, now=NOW)
    assert refusal.value.code == "petitions.service.not_yours"
    client = Client()
    client.force_login(neighbour)
    url = reverse("petitions:my_service_rate", args=[use.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, {"service_score": "1"}).status_code == 404
    assert not ServiceRating.objects.exists()


@pytest.mark.django_db
def test_no_officer_score_when_no_officer_was_recorded(
    resident: User, commune_officer: User, commune: AdministrativeUnit
) -> None:
    use = _use(commune, resident, None, commune_officer)
    with pytest.raises(DomainError) as refusal:
        ratings.service_rate(use=use, service_score=4, officer_score=4, actor=resident, now=NOW)
    assert refusal.value.code == "petitions.service.no_officer"
    client = Client()
    client.force_login(resident)
    page = client.get(reverse("petitions:my_service_rate", args=[use.pk])).content.decode()
    assert 'name="service_score"' in page and 'name="officer_score"' not in page


@pytest.mark.django_db
def test_recording_a_procedure_is_the_desks_job_in_its_own_commune(
    resident: User,
    commune_officer: User,
    other_commune_officer: User,
    commune: AdministrativeUnit,
) -> None:
    refusals = []
    for values in (
        {"actor": resident},
        {"actor": other_commune_officer},
        {"officer": other_commune_officer},
        {"service": "passport"},
        {"received_on": TODAY + dt.timedelta(days=1)},
        {"reference": "x" * 51},
    ):
        with pytest.raises(DomainError) as refusal:
            officer = values.pop("officer", commune_officer)
            _use(commune, resident, officer, commune_officer, **values)  # type: ignore[arg-type]
        refusals.append(refusal.value.code)
    assert refusals == [
        "petitions.service.not_authorised",
        "petitions.service.not_authorised",
        "petitions.service.officer_elsewhere",
        "petitions.service.unknown",
        "petitions.service.future_date",
        "petitions.service.reference_too_long",
    ]
    assert not ServiceUse.objects.exists()


@pytest.mark.django_db
def test_results_per_service_and_officer_for_the_chair_and_per_service_for_the_public(
    client: Client,
    resident: User,
    commune_officer: User,
    second_officer: User,
    commune_chair: User,
    commune: AdministrativeUnit,
) -> None:
    raters = [resident] + [_villager(commune, f"rater{n}", f"Lê Thị Chấm {n}") for n in range(3)]
    # Civil registration: four ratings 5, 4, 4, 2 (average 3.75); the first officer scored 5, 3; the second 4.
    for rater, score, officer, officer_score in (
        (raters[0], 5, commune_officer, 5),
        (raters[1], 4, commune_officer, 3),
        (raters[2], 4, second_officer, 4),
        (raters[3], 2, second_officer, None),
    ):
        use = _use(commune, rater, officer, commune_officer)
        ratings.service_rate(use=use, service_score=score, officer_score=officer_score, actor=rater, now=NOW)
    # Land: two ratings only (average withheld in public).
    for rater, score in ((raters[0], 1), (raters[1], 2)):
        use = _use(commune, rater, None, commune_officer, service="land")
        ratings.service_rate(use=use, service_score=score, actor=rater, now=NOW)
    _use(commune, raters[2], None, commune_officer, service="residence")  # not rated: not counted

    chair_rows = ratings.satisfaction_by_service(commune)
    assert [(row.count, row.average) for row in chair_rows] == [(4, 3.75), (2, 1.5)]
    public_rows = ratings.satisfaction_by_service(commune, minimum=rules.PUBLIC_RATING_MIN_COUNT)
    assert [(row.count, row.average) for row in public_rows] == [(4, 3.75), (2, None)]
    officers = {row.label: (row.count, row.average) for row in ratings.satisfaction_by_service_officer(commune)}
    assert officers == {commune_officer.full_name: (2, 4.0), second_officer.full_name: (1, 4.0)}

    public = client.get(reverse("petitions:satisfaction_public", args=[commune.slug]))
    assert public.status_code == 200
    text = public.content.decode()
    assert "3,75" in text or "3.75" in text
    assert "1,50" not in text and "1.50" not in text
    for name in [rater.full_name for rater in raters] + [commune_officer.full_name, second_officer.full_name]:
        assert name not in text
    client.force_login(commune_chair)
    staff = client.get(reverse("petitions:satisfaction_staff", args=[commune.slug])).content.decode()
    assert second_officer.full_name in staff and ("1,50" in staff or "1.50" in staff)
    assert all(rater.full_name not in staff for rater in raters)


@pytest.mark.django_db
def test_desk_page_records_a_procedure_by_the_residents_phone(
    client: Client, resident: User, commune_officer: User, commune: AdministrativeUnit
) -> None:
    client.force_login(commune_officer)
    url = reverse("petitions:service_uses", args=[commune.slug])
    assert client.get(url).status_code == 200
    unknown = client.post(url, {"service": "land", "resident_phone": "0900000000", "received_on": "2027-02-03"})
    assert unknown.status_code == 400
    assert "Không tìm thấy người dân nào của xã, phường này có số điện thoại này." in unknown.content.decode()
    future = client.post(url, {"service": "land", "resident_phone": "0912 345 678", "received_on": "2027-02-04"})
    assert future.status_code == 400 and not ServiceUse.objects.exists()
    done = client.post(
        url,
        {
            "service": "land",
            "resident_phone": "+84 912 345 678",
            "officer": str(commune_officer.pk),
            "received_on": "2027-02-03",
        },
    )
    assert done.status_code == 302
    use = ServiceUse.objects.get()
    assert (use.service, use.resident, use.officer, use.received_on) == ("land", resident, commune_officer, TODAY)
    client.force_login(resident)
    listing = client.get(reverse("petitions:my_services")).content.decode()
    assert reverse("petitions:my_service_rate", args=[use.pk]) in listing


@pytest.mark.django_db
def test_dashboard_invites_the_resident_to_rate_until_rated(
    resident: User, commune_officer: User, commune: AdministrativeUnit
) -> None:
    from grassroots.petitions.apps import case_tasks

    use = _use(commune, resident, commune_officer, commune_officer)
    tasks = [task for task in case_tasks(resident, TODAY) if task.is_invitation]
    assert [(task.url, task.due_date) for task in tasks] == [
        (reverse("petitions:my_service_rate", args=[use.pk]), TODAY)
    ]
    ratings.service_rate(use=use, service_score=5, actor=resident, now=NOW)
    assert [task for task in case_tasks(resident, TODAY) if task.is_invitation] == []


@pytest.mark.django_db
def test_desk_finds_only_a_resident_of_its_own_commune(
    client: Client, commune_officer: User, commune: AdministrativeUnit, province: AdministrativeUnit
) -> None:
    """Audit of issue 14: the desk's phone lookup searched every account of the platform and took the first one."""
    from grassroots.accounts.testing import make_unit

    other = make_unit("commune", "Xã Khác", parent=province)
    make_persona("outsider", "resident", other, full_name="Người Xã Khác", phone="0933333333")
    client.force_login(commune_officer)
    url = reverse("petitions:service_uses", args=[commune.slug])
    outsider = client.post(url, {"service": "land", "resident_phone": "0933333333", "received_on": "2027-02-03"})
    assert outsider.status_code == 400
    assert "Không tìm thấy người dân nào của xã, phường này có số điện thoại này." in outsider.content.decode()
    assert not ServiceUse.objects.exists()


@pytest.mark.django_db
def test_attack_the_service_refuses_a_resident_of_another_commune(
    commune_officer: User, commune: AdministrativeUnit, province: AdministrativeUnit
) -> None:
    from grassroots.accounts.testing import make_unit

    other = make_unit("commune", "Xã Khác", parent=province)
    outsider = make_persona("outsider", "resident", other, full_name="Người Xã Khác")
    with pytest.raises(DomainError) as refused:
        _use(commune, outsider, None, commune_officer)
    assert refused.value.code == "petitions.service.resident_elsewhere"
    assert not ServiceUse.objects.exists()
