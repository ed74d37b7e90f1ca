"""The sender's rating of how their case was handled ([L] art. 35): 1–5 with an optional comment, once per case,
only by the person who sent it, once it is answered or closed."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from grassroots.accounts.models import User
from grassroots.accounts.testing import make_persona
from grassroots.core.errors import DomainError
from grassroots.core.models import AuditEvent
from grassroots.petitions import rules, services
from grassroots.petitions.models import Case, CaseStatus
from grassroots.petitions.tests.conftest import NOW, file_online
from grassroots.units.models import AdministrativeUnit

LATER = NOW + dt.timedelta(days=5)
TOO_LONG = "petitions.case.rating_comment_too_long"


@pytest.mark.parametrize(
    ("status", "rating", "already", "comment", "code"),
    [
        (CaseStatus.ANSWERED, 5, False, "", "ok"),
        (CaseStatus.CLOSED, 1, False, "Chậm", "ok"),
        (CaseStatus.IN_PROGRESS, 5, False, "", "petitions.case.not_answered"),
        (CaseStatus.RECEIVED, 5, False, "", "petitions.case.not_answered"),
        (CaseStatus.CLOSED, 4, True, "", "petitions.case.already_rated"),
        (CaseStatus.CLOSED, 0, False, "", "petitions.case.bad_rating"),
        (CaseStatus.CLOSED, 6, False, "", "petitions.case.bad_rating"),
        (CaseStatus.CLOSED, 3, False, "x" * rules.MAX_RATING_COMMENT_CHARACTERS, "ok"),
        (
            CaseStatus.CLOSED,
            3,
            False,
            "x" * (rules.MAX_RATING_COMMENT_CHARACTERS + 1),
            "petitions.case.rating_comment_too_long",
        ),
    ],
)
def test_rating_rule(status: str, rating: int, already: bool, comment: str, code: str) -> None:
    assert rules.check_rating(status=status, rating=rating, already_rated=already, comment=comment).code == code


def _closed_case(resident: User, officer: User, chair: User, commune: AdministrativeUnit, **extra: object) -> Case:
    case = file_online(resident, commune, **extra)
    services.case_acknowledge(case=case, outcome="accepted", actor=officer, now=NOW)
    services.case_assign(case=case, handler=officer, actor=chair, now=NOW)
    services.case_start(case=case, actor=officer, now=NOW)
    services.case_answer(case=case, answer="Đã sửa xong.", actor=officer, now=LATER)
    return services.case_close(case=case, actor=officer, now=LATER)


@pytest.mark.django_db
def test_the_sender_rates_once_with_a_comment(
    resident: User, commune_officer: User, commune_chair: User, commune: AdministrativeUnit
) -> None:
    case = _closed_case(resident, commune_officer, commune_chair, commune)
    rated = services.case_rate(case=case, rating=4, comment="  Sửa nhanh, cảm ơn.  ", actor=resident, now=LATER)
    assert (rated.satisfaction, rated.satisfaction_comment, rated.rated_on) == (4, "Sửa nhanh, cảm ơn.", LATER.date())
    with pytest.raises(DomainError) as again:
        services.case_rate(case=case, rating=1, comment="Đổi ý", actor=resident, now=LATER)
    assert again.value.code == "petitions.case.already_rated"
    case.refresh_from_db()
    assert (case.satisfaction, case.satisfaction_comment) == (4, "Sửa nhanh, cảm ơn.")
    events = AuditEvent.objects.filter(object_id=str(case.pk), code="petitions.case.rated")
    assert events.count() == 1
    assert "Sửa nhanh" not in str(events.get().after)


@pytest.mark.django_db
def test_attack_only_the_sender_may_rate(
    resident: User, commune_officer: User, commune_chair: User, commune: AdministrativeUnit
) -> None:
    case = _closed_case(resident, commune_officer, commune_chair, commune)
    neighbour = make_persona("neighbour", "resident", commune.children.order_by("code").first() or commune)
    for intruder in (commune_officer, commune_chair, neighbour):
        with pytest.raises(DomainError) as refusal:
            services.case_rate(case=case, rating=5, actor=intruder, now=LATER)
        assert refusal.value.code == "petitions.case.not_the_filer"
    case.refresh_from_db()
    assert case.satisfaction is None


@pytest.mark.django_db
def test_a_confidential_sender_is_not_named_by_their_rating(
    resident: User, commune_officer: User, commune_chair: User, commune: AdministrativeUnit
) -> None:
    case = _closed_case(resident, commune_officer, commune_chair, commune, confidentiality_requested=True)
    services.case_rate(case=case, rating=2, comment="Tôi là Nguyễn Văn Dân", actor=resident, now=LATER)
    event = AuditEvent.objects.get(object_id=str(case.pk), code="petitions.case.rated")
    assert event.actor_id is None and "Nguyễn Văn Dân" not in str(event.after)


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.django_db
def test_rating_page_takes_one_rating_and_then_shows_it(
    resident: User, commune_officer: User, commune_chair: User, commune: AdministrativeUnit
) -> None:
    case = _closed_case(resident, commune_officer, commune_chair, commune)
    citizen = _client(resident)
    page = citizen.get(reverse("petitions:my_case", args=[case.pk])).content.decode()
    assert 'name="rating"' in page and 'name="comment"' in page
    url = reverse("petitions:my_case_rate", args=[case.pk])
    assert citizen.post(url, {"rating": "3", "comment": "Được"}).status_code == 302
    page = citizen.get(reverse("petitions:my_case", args=[case.pk])).content.decode()
    assert 'name="rating"' not in page and "Được" in page and "3/5" in page
    refused = citizen.post(url, {"rating": "5"}, follow=True).content.decode()
    assert "mỗi vụ việc chỉ đánh giá một lần" in refused
    case.refresh_from_db()
    assert (case.satisfaction, case.satisfaction_comment) == (3, "Được")
    staff = _client(commune_officer).get(reverse("petitions:case_detail", args=[case.pk])).content.decode()
    assert "3/5" in staff and "Được" in staff


@pytest.mark.django_db
def test_attack_another_resident_cannot_rate_through_the_page(
    resident: User, commune_officer: User, commune_chair: User, commune: AdministrativeUnit
) -> None:
    case = _closed_case(resident, commune_officer, commune_chair, commune)
    neighbour = make_persona("neighbour", "resident", commune.children.order_by("code").first() or commune)
    response = _client(neighbour).post(reverse("petitions:my_case_rate", args=[case.pk]), {"rating": "1"})
    assert response.status_code == 404
    case.refresh_from_db()
    assert case.satisfaction is None


def _rated(resident: User, commune: AdministrativeUnit, rating: int, handler: User | None = None) -> Case:
    case = file_online(resident, commune)
    Case.objects.filter(pk=case.pk).update(satisfaction=rating, handler=handler, status=CaseStatus.CLOSED)
    return case


def test_public_kind_summary_withholds_the_average_below_the_minimum(
    resident: User, commune: AdministrativeUnit
) -> None:
    """Audit of issue 14: one rating's average would tell the neighbours what that one sender gave."""
    from grassroots.petitions import selectors

    _rated(resident, commune, 2)
    (row,) = selectors.satisfaction_by_kind(commune, minimum=rules.PUBLIC_RATING_MIN_COUNT)
    assert (row.count, row.average) == (1, None)
    assert selectors.satisfaction_by_kind(commune)[0].average == 2.0  # the chair still sees it
    public = Client().get(reverse("petitions:satisfaction_public", args=[commune.slug]))
    assert public.status_code == 200
    (shown,) = public.context["by_kind"]
    assert (shown.count, shown.average) == (1, None)
    _rated(resident, commune, 5)
    _rated(resident, commune, 5)
    public = Client().get(reverse("petitions:satisfaction_public", args=[commune.slug]))
    (shown,) = public.context["by_kind"]
    assert (shown.count, shown.average) == (3, 4.0)


def test_two_officers_of_the_same_name_are_rated_apart(resident: User, commune: AdministrativeUnit) -> None:
    """Audit of issue 14: grouping by the name merged two officers called the same into one average."""
    from grassroots.petitions import selectors

    first = make_persona("lan_a", "commune_officer", commune, full_name="Nguyễn Thị Lan")
    second = make_persona("lan_b", "commune_officer", commune, full_name="Nguyễn Thị Lan")
    _rated(resident, commune, 5, first)
    _rated(resident, commune, 5, first)
    _rated(resident, commune, 1, second)
    rows = selectors.satisfaction_by_handler(commune)
    assert sorted((row.label, row.count, row.average) for row in rows) == [
        ("Nguyễn Thị Lan", 1, 1.0),
        ("Nguyễn Thị Lan", 2, 5.0),
    ]
