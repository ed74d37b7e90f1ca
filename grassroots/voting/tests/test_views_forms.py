"""The staff screens of the Decree 59 forms, the ballot plan and Law art. 22."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse
from pytest_django import Settings

from grassroots.accounts.models import User
from grassroots.units.models import AdministrativeUnit
from grassroots.units.testing import households
from grassroots.voting import services
from grassroots.voting.models import Channel, CommunityVote, DecisionRevocation, VoteFormDocument
from grassroots.voting.testing import NOW, open_meeting

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings: Settings, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path


def _draft(community: AdministrativeUnit, village_head: User) -> CommunityVote:
    return services.vote_create(
        unit=community,
        matter="D6",
        form="meeting",
        title="Sân chơi",
        question="Làm sân chơi?",
        starts_at=NOW + dt.timedelta(days=3),
        convenor_role="village_head",
        actor=village_head,
    )


def test_forms_page_doors(
    client: Client,
    community: AdministrativeUnit,
    village_head: User,
    commune_officer: User,
    other_commune_officer: User,
) -> None:
    vote = _draft(community, village_head)
    page = reverse("voting:vote_forms", kwargs={"vote_id": vote.pk})
    client.force_login(other_commune_officer)
    assert client.get(page).status_code == 404
    client.force_login(commune_officer)
    assert client.get(page).status_code == 403
    client.force_login(village_head)
    response = client.get(page)
    assert response.status_code == 200 and "Mẫu 01" in response.content.decode()


def test_notice_issued_from_the_phone_and_bad_input_kept(
    client: Client, community: AdministrativeUnit, village_head: User
) -> None:
    vote = _draft(community, village_head)
    client.force_login(village_head)
    issue = reverse("voting:vote_form_issue", kwargs={"vote_id": vote.pk, "form_slug": "mau-01"})
    response = client.post(issue, {"mau01-place": "", "mau01-meeting_documents": "Bản vẽ"})
    assert response.status_code == 400 and "Bản vẽ" in response.content.decode()
    assert not VoteFormDocument.objects.exists()
    response = client.post(issue, {"mau01-place": "Nhà văn hóa Thôn 1"})
    assert response.status_code == 302
    assert VoteFormDocument.objects.get(vote=vote).form == "mau01"
    page = client.get(reverse("voting:vote_forms", kwargs={"vote_id": vote.pk})).content.decode()
    assert 'data-testid="issued-mau01"' in page
    # A form this vote does not produce (Mẫu 04 is for ballot campaigns) is a 404.
    other = reverse("voting:vote_form_issue", kwargs={"vote_id": vote.pk, "form_slug": "mau-04"})
    assert client.post(other, {}).status_code == 404


def test_revocation_page_for_the_chair_and_the_public_page_says_so(
    client: Client, community: AdministrativeUnit, village_head: User, commune_chair: User
) -> None:
    vote = open_meeting(community, village_head, matter="D6")
    for household in households(community):
        services.meeting_attendance_set(vote=vote, household=household, present=True, actor=village_head)
        services.vote_cast(
            vote=vote, household=household, option_key="agree", channel=Channel.MEETING_HANDS, actor=village_head
        )
    services.meeting_officers_approve(vote=vote, secretary="Thư ký", approving=3, actor=village_head)
    services.vote_close(vote=vote, actor=village_head)
    client.force_login(commune_chair)
    page = reverse("voting:vote_revoke", kwargs={"vote_id": vote.pk})
    assert client.get(page).status_code == 200
    response = client.post(page, {"ground": "unlawful", "kind": "revoke", "reason": "Trái luật"})
    assert response.status_code == 302
    assert DecisionRevocation.objects.get(original=vote).ground == "unlawful"
    assert client.get(page).status_code == 404  # no longer in force: nothing to revoke
    public = client.get(reverse("voting:public_results", kwargs={"community_id": community.pk})).content.decode()
    assert 'data-testid="revoked"' in public


def _campaign_post(**changes: str) -> dict[str, str]:
    data = {
        "matter": "D6",
        "title": "Giờ mở cửa nhà văn hóa",
        "question": "Mở cửa đến 21 giờ?",
        "starts_at": "2026-11-26T08:00",
        "ends_at": "2026-11-30T17:00",
        "plan_issued_on": "2026-11-22",
        "notice_given_on": "2026-11-23",
        "team": "Tổ Trưởng\nThành Viên Hai\nThành Viên Ba",
    }
    return {**data, **changes}


def test_ballot_campaign_from_the_phone_all_or_nothing(
    client: Client, community: AdministrativeUnit, village_head: User, other_commune_officer: User
) -> None:
    page = reverse("voting:ballot_campaign_new", kwargs={"community_id": community.pk})
    client.force_login(other_commune_officer)
    assert client.get(page).status_code == 404
    client.force_login(village_head)
    response = client.post(page, _campaign_post(team="Một Người\nHai Người"))
    assert response.status_code == 200 and "Một Người" in response.content.decode()
    assert not CommunityVote.objects.exists()  # the team was too small: nothing half-written
    response = client.post(page, _campaign_post())
    assert response.status_code == 302
    vote = CommunityVote.objects.get()
    assert (vote.form, vote.status, vote.plan_issued_on, vote.officers.count()) == (
        "household_ballot",
        "scheduled",
        dt.date(2026, 11, 22),
        3,
    )


def test_online_vote_without_the_adopted_form_is_refused_with_input_kept(
    client: Client, community: AdministrativeUnit, village_head: User, front_head: User
) -> None:
    client.force_login(village_head)
    page = reverse("voting:online_vote_new", kwargs={"community_id": community.pk})
    assert client.get(page).status_code == 200
    data = _campaign_post(front_head=str(front_head.pk), agreed_on="2026-11-22")
    data.pop("matter"), data.pop("plan_issued_on")
    response = client.post(page, data)
    assert response.status_code == 200 and "Giờ mở cửa nhà văn hóa" in response.content.decode()
    assert not CommunityVote.objects.exists()


def test_commune_wide_vote_by_the_chair(
    client: Client, commune: AdministrativeUnit, commune_chair: User, commune_officer: User
) -> None:
    page = reverse("voting:commune_vote_new", kwargs={"commune_slug": commune.slug})
    client.force_login(commune_officer)
    assert client.get(page).status_code == 403
    client.force_login(commune_chair)
    assert 'data-testid="commune-new"' in client.get(reverse("voting:vote_list")).content.decode()
    response = client.post(
        page,
        {
            "matter": "D1",
            "form": "meeting",
            "title": "Đường liên thôn",
            "question": "Góp 1 triệu/hộ?",
            "starts_at": "2026-12-05T08:00",
        },
    )
    assert response.status_code == 302
    parent = CommunityVote.objects.get(scope="commune")
    assert parent.children.count() == 2


def _passed(community: AdministrativeUnit, village_head: User, title: str, *, now: dt.datetime) -> CommunityVote:
    vote = open_meeting(community, village_head, matter="D6", now=now)
    vote.title = title
    vote.save(update_fields=["title"])
    for household in households(community):
        services.meeting_attendance_set(vote=vote, household=household, present=True, actor=village_head, now=now)
        services.vote_cast(
            vote=vote,
            household=household,
            option_key="agree",
            channel=Channel.MEETING_HANDS,
            actor=village_head,
            now=now,
        )
    services.meeting_officers_approve(vote=vote, secretary="Thư ký", approving=3, actor=village_head, now=now)
    return services.vote_close(vote=vote, actor=village_head, now=now)


def test_revoke_page_offers_as_replacement_only_decisions_voted_on_a_later_day(
    client: Client, community: AdministrativeUnit, village_head: User
) -> None:
    """Law art. 22(3): the page lists no older decision (nor one of the same day) as a replacement."""
    older = _passed(community, village_head, "Giờ tắt loa cũ", now=NOW)
    original = _passed(community, village_head, "Giờ tắt loa", now=NOW + dt.timedelta(days=5))
    same_day = _passed(community, village_head, "Giờ tắt loa chiều", now=NOW + dt.timedelta(days=5, hours=4))
    later = _passed(community, village_head, "Giờ tắt loa mới", now=NOW + dt.timedelta(days=6))
    client.force_login(village_head)
    page = client.get(reverse("voting:vote_revoke", kwargs={"vote_id": original.pk})).content.decode()
    assert f'value="{later.pk}"' in page and "Giờ tắt loa mới" in page
    for refused in (older, same_day):
        assert f'value="{refused.pk}"' not in page
    assert "Giờ tắt loa cũ" not in page and "Giờ tắt loa chiều" not in page


def test_public_page_links_a_replaced_decision_and_its_replacement_both_ways(
    client: Client, community: AdministrativeUnit, village_head: User
) -> None:
    """Law art. 22: the original stays on the public page, marked, and links to what replaced it; the
    replacement links back. A decision nobody replaced carries neither link."""
    original = _passed(community, village_head, "Thùng rác ở đầu ngõ", now=NOW)
    replacement = _passed(community, village_head, "Thùng rác ở cuối ngõ", now=NOW + dt.timedelta(days=10))
    untouched = _passed(community, village_head, "Giờ tắt loa", now=NOW + dt.timedelta(days=20))
    url = reverse("voting:public_results", kwargs={"community_id": community.pk})
    before = client.get(url).content.decode()
    assert 'data-testid="replaced-by"' not in before and 'data-testid="replaces"' not in before
    services.decision_revoke(
        vote=original,
        ground="community_wish",
        kind="replace",
        reason="Đổi vị trí",
        replacement=replacement,
        actor=village_head,
        now=NOW + dt.timedelta(days=11),
    )
    page = client.get(url).content.decode()

    def card(vote: CommunityVote) -> str:
        start = page.index(f'id="vote-{vote.pk}"')
        end = page.find("</article>", start)
        return page[start:end]

    assert 'data-testid="revoked"' in card(original)
    assert 'data-testid="replaced-by"' in card(original)
    assert f'{url}#vote-{replacement.pk}">Thùng rác ở cuối ngõ</a>' in card(original)
    assert 'data-testid="replaces"' in card(replacement) and 'data-testid="revoked"' not in card(replacement)
    assert f'{url}#vote-{original.pk}">Thùng rác ở đầu ngõ</a>' in card(replacement)
    assert 'data-testid="replace' not in card(untouched)


def _commune_wide_child(
    commune: AdministrativeUnit, commune_chair: User, community: AdministrativeUnit
) -> CommunityVote:
    parent = services.commune_vote_create(
        commune=commune,
        matter="D1",
        form="meeting",
        title="Đường liên thôn",
        question="Góp 1 triệu/hộ?",
        starts_at=NOW + dt.timedelta(days=3),
        actor=commune_chair,
        now=NOW,
    )
    return parent.children.get(unit=community)


def test_village_head_records_the_notice_of_a_commune_wide_vote_part_from_its_page(
    client: Client, commune: AdministrativeUnit, community: AdministrativeUnit, commune_chair: User, village_head: User
) -> None:
    """A commune-wide D1/D2 vote's village part starts as a draft: its page carries the notice form, a notice
    one day before the meeting is refused with nothing changed, a notice two days before schedules it."""
    child = _commune_wide_child(commune, commune_chair, community)
    client.force_login(village_head)
    detail = reverse("voting:vote_detail", kwargs={"vote_id": child.pk})
    assert 'data-testid="schedule-form"' in client.get(detail).content.decode()
    page = reverse("voting:vote_schedule", kwargs={"vote_id": child.pk})
    assert client.post(page, {}).status_code == 302
    late = (NOW + dt.timedelta(days=2)).date().isoformat()  # one day before the meeting
    response = client.post(page, {"notice_given_on": late, "documents_delivered_on": late}, follow=True)
    child.refresh_from_db()
    assert child.status == "draft" and child.notice_given_at is None
    assert 'class="message message-error"' in response.content.decode()
    on_time = NOW.date().isoformat()  # three days before the meeting
    client.post(page, {"notice_given_on": on_time, "documents_delivered_on": on_time})
    child.refresh_from_db()
    assert child.status == "scheduled" and child.documents_delivered_at is not None
    assert 'data-testid="schedule-form"' not in client.get(detail).content.decode()


def test_the_parent_of_a_commune_wide_vote_has_no_notice_form(
    client: Client, commune: AdministrativeUnit, community: AdministrativeUnit, commune_chair: User
) -> None:
    parent = _commune_wide_child(commune, commune_chair, community).parent
    assert parent is not None
    client.force_login(commune_chair)
    page = client.get(reverse("voting:vote_detail", kwargs={"vote_id": parent.pk})).content.decode()
    assert 'data-testid="commune-result"' in page and 'data-testid="schedule-form"' not in page


def test_officer_of_another_commune_cannot_schedule_a_village_part(
    client: Client,
    commune: AdministrativeUnit,
    community: AdministrativeUnit,
    commune_chair: User,
    other_commune_officer: User,
) -> None:
    child = _commune_wide_child(commune, commune_chair, community)
    client.force_login(other_commune_officer)
    page = reverse("voting:vote_schedule", kwargs={"vote_id": child.pk})
    assert client.post(page, {"notice_given_on": NOW.date().isoformat()}).status_code == 404
    child.refresh_from_db()
    assert child.status == "draft"


def test_mau03_page_prints_the_village_head_on_the_register_whatever_is_posted(
    client: Client, community: AdministrativeUnit, village_head: User
) -> None:
    """[L] art. 20(2)(g): the village head on the platform signs Mẫu 03. The page shows the name in a field that
    cannot be changed; a clerk who posts another name anyway gets the holder's name printed."""
    from grassroots.voting.tests.test_forms import _secret_counted_meeting

    vote = _secret_counted_meeting(community, village_head)
    client.force_login(village_head)
    page = client.get(reverse("voting:vote_forms", kwargs={"vote_id": vote.pk})).content.decode()
    assert "Trưởng thôn" in page and "Trưởng ban công tác mặt trận" in page
    assert 'name="mau03-first_official_name"' in page and 'value="Lê Văn Trưởng"' in page
    at = page.index('name="mau03-first_official_name"')
    first_field = page[page.rfind("<input", 0, at) : page.index(">", at)]
    assert "disabled" in first_field
    issue = reverse("voting:vote_form_issue", kwargs={"vote_id": vote.pk, "form_slug": "mau-03"})
    response = client.post(
        issue,
        {
            "mau03-first_official_name": "Người Ký Thay",
            "mau03-second_official_name": "Hoàng Văn Mặt Trận",
            "mau03-household_first": "Đại Diện Một",
            "mau03-household_second": "Đại Diện Hai",
            "mau03-decision_text": "Thống nhất làm sân chơi.",
        },
    )
    assert response.status_code == 302
    document = VoteFormDocument.objects.get(vote=vote, form="mau03").document
    names = [block["signer_name"] for block in document.content["signatures"]]
    assert names == ["Lê Văn Trưởng", "Hoàng Văn Mặt Trận", "Đại Diện Một", "Đại Diện Hai"]
