"""View tests: each role at the door (403 visible but not allowed, 404 in another commune), a happy POST per
page, the public pages and the journey of a resident's opinion on article 3 to its published answer."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from django.test import Client
from django.urls import reverse

from grassroots.accounts.models import User
from grassroots.consultations import rules, services
from grassroots.consultations.models import Consultation, ConsultationStatus, Opinion
from grassroots.consultations.tests.conftest import AFTER, CREATED, DURING, LATER, section
from grassroots.core import clock
from grassroots.units.models import AdministrativeUnit

pytestmark = pytest.mark.django_db


@pytest.fixture
def at(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[dt.datetime]]:
    """The clock the views read; tests move it by replacing the one element."""
    moment = [CREATED]
    monkeypatch.setattr(clock, "now", lambda: moment[0])
    yield moment


def _client(user: User | None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def test_staff_list_per_role(
    at: list[dt.datetime],
    draft: Consultation,
    commune: AdministrativeUnit,
    commune_officer: User,
    commune_chair: User,
    front_chair: User,
    resident: User,
    village_head: User,
    other_commune_officer: User,
) -> None:
    url = reverse("consultations:staff_list", args=[commune.slug])
    assert _client(commune_officer).get(url).status_code == 200
    assert _client(commune_chair).get(url).status_code == 200
    assert _client(front_chair).get(url).status_code == 200
    # A village's people see their village, not the commune's staff pages: 404, like another commune.
    assert _client(resident).get(url).status_code == 404
    assert _client(village_head).get(url).status_code == 404
    assert _client(other_commune_officer).get(url).status_code == 404
    assert _client(None).get(url).status_code == 302


@pytest.mark.parametrize(
    "name", ["staff_detail", "section_add", "plan_sent", "open", "cancel", "opinion_enter", "complete"]
)
def test_an_officer_of_another_commune_gets_404(
    at: list[dt.datetime], draft: Consultation, other_commune_officer: User, name: str
) -> None:
    response = _client(other_commune_officer).get(reverse(f"consultations:{name}", args=[draft.pk]))
    assert response.status_code == 404


def test_a_resident_cannot_open_staff_pages(at: list[dt.datetime], draft: Consultation, resident: User) -> None:
    # The resident's units are their village: the commune's consultation is not theirs to manage.
    assert _client(resident).get(reverse("consultations:staff_detail", args=[draft.pk])).status_code == 404


def test_create_refuses_nineteen_days_and_keeps_the_input(
    at: list[dt.datetime], commune: AdministrativeUnit, commune_officer: User
) -> None:
    url = reverse("consultations:staff_new", args=[commune.slug])
    data = {
        "matter": "C1",
        "title": "Kế hoạch phát triển kinh tế - xã hội 2027",
        "opens_on": "2026-11-02",
        "closes_on": "2026-11-21",
        "forms_used": ["online", "meeting"],
    }
    response = _client(commune_officer).post(url, data)
    assert response.status_code == 200
    assert "22/11/2026" in response.content.decode()
    assert "Kế hoạch phát triển kinh tế - xã hội 2027" in response.content.decode()
    assert not Consultation.objects.exists()
    response = _client(commune_officer).post(url, {**data, "closes_on": "2026-11-22"})
    assert response.status_code == 302
    assert Consultation.objects.get().closes_on == dt.date(2026, 11, 22)


def test_the_front_enters_opinions_but_does_not_manage(
    at: list[dt.datetime], opened: Consultation, front_chair: User
) -> None:
    at[0] = DURING
    client = _client(front_chair)
    url = reverse("consultations:opinion_enter", args=[opened.pk])
    response = client.post(
        url,
        {
            "channel": "front",
            "source": "Hội Nông dân xã",
            "received_on": "2026-11-09",
            "stance": "disagree",
            "text": "Giờ thu gom quá sớm.",
            "section": section(opened, 2).pk,
        },
    )
    assert response.status_code == 302
    opinion = Opinion.objects.get()
    assert opinion.channel == "front" and opinion.entered_by == front_chair
    assert client.get(reverse("consultations:close", args=[opened.pk])).status_code == 403
    assert client.get(reverse("consultations:opinion_hide", args=[opinion.pk])).status_code == 403


def test_an_officer_cannot_complete(at: list[dt.datetime], opened: Consultation, commune_officer: User) -> None:
    at[0] = AFTER
    services.consultation_close(consultation=opened, actor=commune_officer, now=AFTER)
    response = _client(commune_officer).post(
        reverse("consultations:complete", args=[opened.pk]), {"final_decision": "Ban hành.", "adopts_draft": "1"}
    )
    assert response.status_code == 403
    opened.refresh_from_db()
    assert opened.status == ConsultationStatus.CLOSED


def test_closing_early_is_refused_with_a_vietnamese_message(
    at: list[dt.datetime], opened: Consultation, commune_officer: User
) -> None:
    at[0] = DURING
    response = _client(commune_officer).post(reverse("consultations:close", args=[opened.pk]))
    assert response.status_code == 200
    assert "Chưa hết thời gian lấy ý kiến" in response.content.decode()
    opened.refresh_from_db()
    assert opened.status == ConsultationStatus.OPEN


def test_public_pages_hide_drafts(at: list[dt.datetime], draft: Consultation, commune: AdministrativeUnit) -> None:
    anonymous = _client(None)
    assert anonymous.get(reverse("consultations:public_detail", args=[draft.pk])).status_code == 404
    listing = anonymous.get(reverse("consultations:public_list", args=[commune.slug]))
    assert listing.status_code == 200 and draft.title not in listing.content.decode()


def test_only_residents_of_the_commune_give_opinions_online(
    at: list[dt.datetime], opened: Consultation, commune_officer: User, other_commune_officer: User
) -> None:
    at[0] = DURING
    url = reverse("consultations:opinion_new", args=[opened.pk])
    assert _client(None).get(url).status_code == 302
    assert _client(commune_officer).get(url).status_code == 403
    assert _client(other_commune_officer).get(url).status_code == 403


def test_journey_comment_on_article_3_answered_and_published(
    at: list[dt.datetime],
    opened: Consultation,
    resident: User,
    household_representative: User,
    commune_officer: User,
    commune_chair: User,
) -> None:
    at[0] = DURING
    public = reverse("consultations:public_detail", args=[opened.pk])
    article = section(opened, 3)
    form = _client(resident).get(reverse("consultations:opinion_new", args=[opened.pk]) + f"?phan={article.pk}")
    assert form.status_code == 200
    sent = _client(resident).post(
        reverse("consultations:opinion_new", args=[opened.pk]),
        {"section": article.pk, "stance": "suggestion", "text": "Giảm mức đóng góp cho hộ nghèo."},
    )
    assert sent.status_code == 302
    _client(household_representative).post(
        reverse("consultations:opinion_new", args=[opened.pk]),
        {"section": article.pk, "stance": "agree", "text": "Đồng ý.", "shows_name": "on"},
    )
    page = _client(None).get(public).content.decode()
    assert "2 ý kiến" in page  # article 3's count
    assert "Giảm mức đóng góp" not in page  # opinions are public with their answers, after completion

    at[0] = AFTER
    officer = _client(commune_officer)
    assert officer.post(reverse("consultations:close", args=[opened.pk])).status_code == 302
    for opinion in Opinion.objects.all():
        response = officer.post(
            reverse("consultations:opinion_dispose", args=[opinion.pk]),
            {"disposition": "partly_accepted", "explanation": "Giảm 50 % cho hộ nghèo."},
        )
        assert response.status_code == 302
    at[0] = LATER
    done = _client(commune_chair).post(
        reverse("consultations:complete", args=[opened.pk]),
        {"final_decision": "Ban hành quy định, có sửa Điều 3.", "adopts_draft": "1"},
    )
    assert done.status_code == 302
    opened.refresh_from_db()
    assert opened.status == ConsultationStatus.COMPLETED and opened.report_disclosure is not None

    own = _client(resident).get(public).content.decode()
    assert "Giảm 50 % cho hộ nghèo." in own
    anonymous = _client(None).get(public).content.decode()
    assert "Giảm mức đóng góp cho hộ nghèo." in anonymous
    assert resident.full_name not in anonymous  # did not choose to show the name
    assert household_representative.full_name in anonymous  # chose to show it
    assert opened.report_document is not None and opened.report_document.short_code in anonymous


def test_staff_detail_filters_by_section_and_disposition(
    at: list[dt.datetime], opened: Consultation, commune_officer: User
) -> None:
    at[0] = DURING
    for position in (1, 3):
        services.opinion_enter(
            consultation=opened,
            channel="hotline",
            stance="agree",
            text=f"Ý kiến điều {position}",
            received_on=dt.date(2026, 11, 5),
            section=section(opened, position),
            actor=commune_officer,
            now=DURING,
        )
    url = reverse("consultations:staff_detail", args=[opened.pk])
    page = _client(commune_officer).get(url, {"phan": section(opened, 3).pk, "ket-qua": "none"}).content.decode()
    assert "Ý kiến điều 3" in page and "Ý kiến điều 1" not in page


def test_an_answer_cannot_be_edited_after_completion(
    at: list[dt.datetime], opened: Consultation, commune_officer: User, commune_chair: User
) -> None:
    at[0] = AFTER
    opinion = services.opinion_enter(
        consultation=opened,
        channel="comment_box",
        stance="agree",
        text="Đồng ý.",
        received_on=dt.date(2026, 11, 5),
        actor=commune_officer,
        now=AFTER,
    )
    services.consultation_close(consultation=opened, actor=commune_officer, now=AFTER)
    services.opinion_dispose(
        opinion=opinion, disposition="accepted", explanation="Giữ nguyên.", actor=commune_officer, now=AFTER
    )
    services.consultation_complete(
        consultation=opened, final_decision="Ban hành.", adopts_draft=True, actor=commune_chair, now=LATER
    )
    at[0] = LATER
    url = reverse("consultations:opinion_dispose", args=[opinion.pk])
    response = _client(commune_officer).post(url, {"disposition": "not_accepted", "explanation": "Đổi ý."})
    assert response.status_code == 404
    opinion.refresh_from_db()
    assert opinion.disposition == "accepted" and opinion.explanation == "Giữ nguyên."


def test_a_hidden_opinion_shows_its_reason_not_its_text(
    at: list[dt.datetime], opened: Consultation, commune_officer: User, commune_chair: User
) -> None:
    at[0] = DURING
    kept = services.opinion_enter(
        consultation=opened,
        channel="letter",
        stance="agree",
        text="Đồng ý với Điều 1.",
        received_on=dt.date(2026, 11, 5),
        section=section(opened, 1),
        actor=commune_officer,
        now=DURING,
    )
    rude = services.opinion_enter(
        consultation=opened,
        channel="hotline",
        stance="disagree",
        text="Lời lẽ thô tục",
        received_on=dt.date(2026, 11, 5),
        section=section(opened, 1),
        actor=commune_officer,
        now=DURING,
    )
    hide = _client(commune_officer).post(
        reverse("consultations:opinion_hide", args=[rude.pk]), {"reason": "Lời lẽ xúc phạm"}
    )
    assert hide.status_code == 302
    page = _client(None).get(reverse("consultations:public_detail", args=[opened.pk])).content.decode()
    assert "1 ý kiến" in page  # the hidden one is not counted
    services.consultation_close(consultation=opened, actor=commune_officer, now=AFTER)
    services.opinion_dispose(opinion=kept, disposition="accepted", explanation="Giữ.", actor=commune_officer, now=AFTER)
    services.consultation_complete(
        consultation=opened, final_decision="Ban hành.", adopts_draft=True, actor=commune_chair, now=LATER
    )
    page = _client(None).get(reverse("consultations:public_detail", args=[opened.pk])).content.decode()
    assert "Lời lẽ xúc phạm" in page and "Lời lẽ thô tục" not in page
    assert Opinion.objects.filter(pk=rude.pk, is_hidden=True).exists()


def test_unsigned_opinions_only_where_the_consultation_allows_them(
    at: list[dt.datetime], opened: Consultation, community: AdministrativeUnit, other_commune: AdministrativeUnit
) -> None:
    at[0] = DURING
    url = reverse("consultations:opinion_new_unsigned", args=[opened.pk])
    assert _client(None).get(url).status_code == 404
    Consultation.objects.filter(pk=opened.pk).update(accepts_unsigned_opinions=True)
    assert _client(None).get(url).status_code == 200
    data = {"author_name": "Bà Tư", "community": community.pk, "stance": "agree", "text": "Đồng ý."}
    # A community of another commune is not among the choices: the form refuses it.
    refused = _client(None).post(url, {**data, "community": other_commune.children.get().pk})
    assert refused.status_code == 200 and not Opinion.objects.exists()
    assert _client(None).post(url, data).status_code == 302
    opinion = Opinion.objects.get()
    assert opinion.channel == "online" and opinion.author is None and opinion.entered_by is None
    assert opinion.author_name == "Bà Tư" and opinion.author_community == community


def test_affected_citizens_page_only_for_c8(
    at: list[dt.datetime],
    opened: Consultation,
    commune: AdministrativeUnit,
    commune_officer: User,
    other_commune_officer: User,
) -> None:
    at[0] = DURING
    url = reverse("consultations:affected_add", args=[opened.pk])
    assert _client(commune_officer).get(url).status_code == 404  # a C5 draft has no such step
    Consultation.objects.filter(pk=opened.pk).update(matter="C8")
    assert _client(other_commune_officer).get(url).status_code == 404
    response = _client(commune_officer).post(url, {"full_name": "Ông C", "notified_on": "2026-11-03"})
    assert response.status_code == 302
    person = opened.affected_people.get()
    heard = _client(commune_officer).post(reverse("consultations:affected_heard", args=[person.pk]), {"declined": "on"})
    assert heard.status_code == 302
    person.refresh_from_db()
    assert person.declined and person.is_settled


def test_a_village_head_enters_the_opinions_of_their_village(
    at: list[dt.datetime],
    opened: Consultation,
    community: AdministrativeUnit,
    second_community: AdministrativeUnit,
    village_head: User,
    resident: User,
) -> None:
    at[0] = DURING
    public = _client(village_head).get(reverse("consultations:public_detail", args=[opened.pk])).content.decode()
    url = reverse("consultations:community_opinion_enter", args=[opened.pk, community.pk])
    assert url in public
    response = _client(village_head).post(
        url,
        {
            "channel": "meeting",
            "source": "Họp thôn 1 ngày 08/11/2026",
            "received_on": "2026-11-08",
            "stance": "suggestion",
            "text": "Thêm điểm tập kết rác.",
            "section": section(opened, 2).pk,
        },
    )
    assert response.status_code == 302
    opinion = Opinion.objects.get()
    assert opinion.author_community == community and opinion.entered_by == village_head
    # Another village of the commune is not theirs: 404; a resident of the village is not allowed: 403.
    other = reverse("consultations:community_opinion_enter", args=[opened.pk, second_community.pk])
    assert _client(village_head).get(other).status_code == 404
    assert _client(resident).get(url).status_code == 403


def test_unsigned_opinions_are_rate_limited_per_address(
    at: list[dt.datetime], opened: Consultation, community: AdministrativeUnit
) -> None:
    """A flood from one address (a resident with a script) stops after the hour's limit, with a message; the
    refused opinion is not written and the typed text is kept. Another address is not affected."""
    at[0] = DURING
    Consultation.objects.filter(pk=opened.pk).update(accepts_unsigned_opinions=True)
    url = reverse("consultations:opinion_new_unsigned", args=[opened.pk])
    data = {"author_name": "Bà Tư", "community": community.pk, "stance": "agree", "text": "Ý kiến lặp lại"}
    for _number in range(rules.UNSIGNED_OPINIONS_PER_HOUR):
        assert _client(None).post(url, data, REMOTE_ADDR="203.0.113.7").status_code == 302
    refused = _client(None).post(url, data, REMOTE_ADDR="203.0.113.7")
    assert refused.status_code == 200
    assert "thử lại sau" in refused.content.decode() and "Ý kiến lặp lại" in refused.content.decode()
    assert Opinion.objects.count() == rules.UNSIGNED_OPINIONS_PER_HOUR
    assert _client(None).post(url, data, REMOTE_ADDR="198.51.100.2").status_code == 302


def test_unsigned_limit_rule() -> None:
    assert rules.unsigned_allowed(sent_this_hour=rules.UNSIGNED_OPINIONS_PER_HOUR - 1)
    assert not rules.unsigned_allowed(sent_this_hour=rules.UNSIGNED_OPINIONS_PER_HOUR)
