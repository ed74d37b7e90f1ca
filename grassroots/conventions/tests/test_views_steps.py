"""View tests of every step page without one: the village's steps from proposal to dossier, the commune's refusal and
measures, dissemination, amendment and the yearly review. Each: the right person passes, bad input is shown again and
writes nothing, a good POST moves the record on."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from grassroots.accounts.models import User
from grassroots.accounts.testing import make_persona
from grassroots.consultations import services as consultation_services
from grassroots.consultations.models import Opinion
from grassroots.conventions.models import Convention, ConventionVersion, VersionStatus
from grassroots.conventions.tests.conftest import (
    AFTER_COMMENTS,
    COUNTED,
    DECIDED,
    DOSSIER,
    FULL_DOSSIER,
    VN,
    adopt,
    d3_meeting,
    first_version,
    hold_meeting,
    post_for_comment,
    recognise,
    submit_dossier,
)
from grassroots.core import clock
from grassroots.units.models import AdministrativeUnit

pytestmark = pytest.mark.django_db


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _at(monkeypatch: pytest.MonkeyPatch, moment: dt.datetime) -> None:
    monkeypatch.setattr(clock, "now", lambda: moment)


def test_village_head_proposes_from_the_community_page(
    community: AdministrativeUnit, village_head: User, resident: User
) -> None:
    client = _client(village_head)
    page = client.get(reverse("conventions:staff_community", args=[community.pk]))
    assert page.status_code == 200
    assert _client(resident).get(reverse("conventions:staff_community", args=[community.pk])).status_code == 403
    url = reverse("conventions:staff_new", args=[community.pk])
    assert client.get(url).status_code == 200
    bad = client.post(url, {"basis": "village_head", "name_kind": "huong_uoc", "title": "", "drafting_team": "Tổ"})
    assert bad.status_code == 200
    assert not Convention.objects.filter(community=community).exists()
    good = client.post(
        url,
        {
            "basis": "village_head",
            "front_agreed": "on",
            "name_kind": "huong_uoc",
            "title": "Hương ước Thôn 1",
            "drafting_team": "Lê Văn Trưởng; Ngô Văn Ban Công Tác",
        },
    )
    assert good.status_code == 302
    assert Convention.objects.filter(community=community, title="Hương ước Thôn 1").exists()


def test_comments_are_closed_answered_and_the_text_finalised_through_the_pages(
    convention: Convention, village_head: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    version = post_for_comment(first_version(convention), village_head)
    assert version.consultation is not None
    opinion = consultation_services.opinion_enter(
        consultation=version.consultation,
        channel="meeting",
        stance="suggestion",
        text="Nên cho loa đến 22 giờ 30.",
        received_on=dt.date(2026, 10, 10),
        section=version.consultation.sections.get(position=3),
        community=convention.community,
        actor=village_head,
        now=dt.datetime(2026, 10, 10, 20, 0, tzinfo=VN),
    )
    client = _client(village_head)
    _at(monkeypatch, dt.datetime(2026, 10, 31, 9, 0, tzinfo=VN))
    early = client.post(reverse("conventions:comments_close", args=[version.pk]), {})
    assert early.status_code == 200  # the last day is not over: refused, shown on the page
    assert ConventionVersion.objects.get(pk=version.pk).status == VersionStatus.COMMENTING
    _at(monkeypatch, AFTER_COMMENTS)
    assert client.post(reverse("conventions:comments_close", args=[version.pk]), {}).status_code == 302
    dispose = reverse("conventions:opinion_dispose", args=[opinion.pk])
    assert client.get(dispose).status_code == 200
    assert client.post(dispose, {"disposition": "not_accepted", "explanation": ""}).status_code == 200
    assert Opinion.objects.get(pk=opinion.pk).disposition == ""
    finalise = reverse("conventions:finalise", args=[version.pk])
    assert client.post(finalise, {}).status_code == 200  # one opinion still unanswered
    assert ConventionVersion.objects.get(pk=version.pk).status == VersionStatus.COMMENTING
    answered = client.post(dispose, {"disposition": "not_accepted", "explanation": "Giữ 22 giờ."})
    assert answered.status_code == 302
    assert client.post(finalise, {}).status_code == 302
    assert ConventionVersion.objects.get(pk=version.pk).status == VersionStatus.FINALISED


def test_vote_linked_adoption_recorded_and_dossier_sent_through_the_pages(
    convention: Convention, village_head: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    from grassroots.conventions.tests.conftest import finalise

    version = finalise(first_version(convention), village_head)
    vote = d3_meeting(convention.community, village_head)
    client = _client(village_head)
    _at(monkeypatch, AFTER_COMMENTS)
    link = reverse("conventions:vote_link", args=[version.pk])
    assert client.get(link).status_code == 200
    assert client.post(link, {"vote": ""}).status_code == 200
    assert client.post(link, {"vote": vote.pk}).status_code == 302
    assert ConventionVersion.objects.get(pk=version.pk).vote_id == vote.pk
    hold_meeting(vote, village_head, present=2, agree=2)
    _at(monkeypatch, COUNTED)
    assert client.post(reverse("conventions:adoption_record", args=[version.pk]), {}).status_code == 302
    assert ConventionVersion.objects.get(pk=version.pk).status == VersionStatus.ADOPTED
    _at(monkeypatch, DOSSIER)
    dossier = reverse("conventions:dossier_submit", args=[version.pk])
    signatures = reverse("conventions:signatures", args=[version.pk])
    unsigned = client.post(dossier, {"items": FULL_DOSSIER})
    assert unsigned.status_code == 200  # the adopted text has no signatures yet ([ND61] art. 4)
    assert ConventionVersion.objects.get(pk=version.pk).status == VersionStatus.ADOPTED
    assert client.get(signatures).status_code == 200
    one_household = {"village_head": "Lê Văn Trưởng", "front_head": "Ngô Văn Ban", "household_representatives": "Hộ A"}
    assert client.post(signatures, one_household).status_code == 200
    assert ConventionVersion.objects.get(pk=version.pk).signatories == []
    signed = client.post(signatures, {**one_household, "household_representatives": "Hộ A\n\nHộ B\n"})
    assert signed.status_code == 302
    assert [row["role"] for row in ConventionVersion.objects.get(pk=version.pk).signatories] == [
        "village_head",
        "front_head",
        "household",
        "household",
    ]
    page = client.get(dossier)
    assert [row.name for row in page.context["signature_rows"]] == ["Lê Văn Trưởng", "Ngô Văn Ban", "Hộ A", "Hộ B"]
    assert client.post(dossier, {"items": ["request", "text"]}).status_code == 200  # the minutes are missing
    assert ConventionVersion.objects.get(pk=version.pk).status == VersionStatus.ADOPTED
    assert client.post(dossier, {"items": FULL_DOSSIER}).status_code == 302
    assert ConventionVersion.objects.get(pk=version.pk).status == VersionStatus.SUBMITTED


def test_refusal_needs_a_reason_and_is_the_commune_s(
    convention: Convention, village_head: User, commune_chair: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    version = submit_dossier(adopt(convention, village_head), village_head, now=DOSSIER)
    _at(monkeypatch, DECIDED)
    url = reverse("conventions:refuse", args=[version.pk])
    assert _client(village_head).post(url, {"reason": "x"}).status_code == 403
    chair = _client(commune_chair)
    assert chair.post(url, {"reason": ""}).status_code == 200
    assert ConventionVersion.objects.get(pk=version.pk).status == VersionStatus.SUBMITTED
    assert chair.post(url, {"reason": "Điều 3 trái Luật Hôn nhân và gia đình."}).status_code == 302
    refused = ConventionVersion.objects.select_related("decision_document").get(pk=version.pk)
    assert refused.status == VersionStatus.REFUSED
    assert refused.decision_document is not None
    page = chair.get(reverse("conventions:staff_detail", args=[version.convention_id])).content.decode()
    assert refused.decision_document.number_label in page


def test_pages_after_recognition(
    convention: Convention, village_head: User, commune_chair: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    version = recognise(convention, village_head, commune_chair)
    head = _client(village_head)
    chair = _client(commune_chair)
    _at(monkeypatch, DECIDED + dt.timedelta(days=2))
    dissemination = reverse("conventions:dissemination", args=[version.pk])
    assert head.get(dissemination).status_code == 200
    assert head.post(dissemination, {}).status_code == 200  # no channel chosen
    for url in (
        reverse("conventions:review_new", args=[convention.pk]),
        reverse("conventions:amendment_new", args=[convention.pk]),
    ):
        assert head.get(url).status_code == 200
        assert head.post(url, {}).status_code == 200  # required fields missing: shown again
    measure = reverse("conventions:measure_new", args=[convention.pk])
    assert head.get(measure).status_code == 403
    assert chair.get(measure).status_code == 200
    assert chair.post(measure, {"kind": "abolition_full"}).status_code == 200
    assert ConventionVersion.objects.get(pk=version.pk).status == VersionStatus.RECOGNISED


def test_the_village_head_changes_the_review_day_from_the_convention_page(
    convention: Convention,
    village_head: User,
    commune_chair: User,
    second_community: AdministrativeUnit,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    recognise(convention, village_head, commune_chair)
    _at(monkeypatch, DECIDED + dt.timedelta(days=2))
    head = _client(village_head)
    url = reverse("conventions:review_date", args=[convention.pk])
    assert url in head.get(reverse("conventions:staff_detail", args=[convention.pk])).content.decode()
    assert head.get(url).status_code == 200
    refused = head.post(url, {"day": "29", "month": "2"})
    assert refused.status_code == 200
    assert "29/02" in refused.content.decode()
    assert head.post(url, {"day": "²", "month": "x"}).status_code == 200  # hostile input: the form again, no 500
    convention.refresh_from_db()
    assert (convention.review_month, convention.review_day) == (11, 18)
    assert head.post(url, {"day": "15", "month": "1"}).status_code == 302
    convention.refresh_from_db()
    assert (convention.review_month, convention.review_day) == (1, 15)
    assert _client(commune_chair).post(url, {"day": "1", "month": "3"}).status_code == 403
    other_head = make_persona("other_head", "village_head", second_community)
    assert _client(other_head).get(url).status_code == 404


def test_the_village_head_hides_an_abusive_comment_with_a_reason(
    convention: Convention,
    village_head: User,
    second_community: AdministrativeUnit,
    commune_officer: User,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    version = post_for_comment(first_version(convention), village_head)
    assert version.consultation is not None
    opinion = consultation_services.opinion_enter(
        consultation=version.consultation,
        channel="comment_box",
        stance="disagree",
        text="Lời lẽ xúc phạm.",
        received_on=dt.date(2026, 10, 10),
        community=convention.community,
        actor=village_head,
        now=dt.datetime(2026, 10, 10, 20, 0, tzinfo=VN),
    )
    _at(monkeypatch, dt.datetime(2026, 10, 12, 9, 0, tzinfo=VN))
    head = _client(village_head)
    url = reverse("conventions:opinion_hide", args=[opinion.pk])
    assert url in head.get(reverse("conventions:staff_detail", args=[convention.pk])).content.decode()
    other_head = make_persona("other_head", "village_head", second_community)
    assert _client(other_head).get(url).status_code == 404
    assert _client(other_head).post(url, {"reason": "Xúc phạm"}).status_code == 404
    assert _client(commune_officer).post(url, {"reason": "Xúc phạm"}).status_code == 403
    assert head.get(url).status_code == 200
    assert head.post(url, {"reason": " "}).status_code == 200  # a reason is required: shown again
    assert not Opinion.objects.get(pk=opinion.pk).is_hidden
    assert head.post(url, {"reason": "Lời lẽ xúc phạm người khác."}).status_code == 302
    hidden = Opinion.objects.get(pk=opinion.pk)
    assert (hidden.is_hidden, hidden.hidden_reason) == (True, "Lời lẽ xúc phạm người khác.")
    assert head.post(url, {"reason": "Lần hai"}).status_code == 200  # already hidden: refused, not a 500
    assert Opinion.objects.get(pk=opinion.pk).hidden_reason == "Lời lẽ xúc phạm người khác."
