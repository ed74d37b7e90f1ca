"""View tests: the portal list, search, detail, feed and notice; staff permissions and one happy POST each."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from grassroots.accounts.models import User
from grassroots.accounts.testing import PERSONA_PASSWORD
from grassroots.disclosures import services
from grassroots.disclosures.models import Disclosure, DisclosureCategory, RelayTask, Status
from grassroots.disclosures.tests.conftest import PDF, at
from grassroots.units.models import AdministrativeUnit

D = dt.date
pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def published(commune: AdministrativeUnit, commune_officer: User) -> Any:
    item = services.disclosure_create(
        unit=commune,
        category=DisclosureCategory.objects.get(code="K2"),
        title="Công khai ngân sách xã năm 2026",
        body="Tổng thu ngân sách: 12.345 triệu đồng.",
        decision_number="15/NQ-HĐND",
        decided_on=D(2026, 11, 16),
        attachments=[("du-toan.pdf", PDF)],
        actor=commune_officer,
        now=at(2026, 11, 16),
    )
    return services.disclosure_publish(disclosure=item, actor=commune_officer, now=at(2026, 11, 18))


def login(client: Client, user: User) -> None:
    assert client.login(username=user.username, password=PERSONA_PASSWORD)


def test_portal_list_and_search_without_diacritics(client: Client, commune: AdministrativeUnit, published: Any) -> None:
    url = reverse("disclosures:index", args=[commune.slug])
    response = client.get(url)
    assert response.status_code == 200
    assert "Công khai ngân sách xã năm 2026" in response.text
    found = client.get(url, {"q": "cong khai ngan sach"})
    assert "Công khai ngân sách xã năm 2026" in found.text
    missing = client.get(url, {"q": "duong giao thong"})
    assert "Công khai ngân sách xã năm 2026" not in missing.text
    partial = client.get(url, {"q": "ngan sach"}, headers={"HX-Request": "true"})
    assert partial.status_code == 200 and "<html" not in partial.text and "ngân sách" in partial.text
    assert client.get(url, {"category": "K3"}).text.count("Công khai ngân sách xã năm 2026") == 0


def test_portal_unknown_commune_is_404(client: Client, db: None) -> None:
    assert client.get(reverse("disclosures:index", args=["khong-co"])).status_code == 404


def test_draft_is_not_public(client: Client, commune: AdministrativeUnit, commune_officer: User) -> None:
    item = services.disclosure_create(
        unit=commune,
        category=DisclosureCategory.objects.get(code="K2"),
        title="Dự thảo nội bộ",
        decided_on=D(2026, 11, 16),
        actor=commune_officer,
        now=at(2026, 11, 16),
    )
    assert client.get(reverse("disclosures:detail", args=[commune.slug, item.pk])).status_code == 404
    assert "Dự thảo nội bộ" not in client.get(reverse("disclosures:index", args=[commune.slug])).text


def test_detail_shows_history_and_attachment(
    client: Any, commune: AdministrativeUnit, other_commune: AdministrativeUnit, published: Any
) -> None:
    response = client.get(reverse("disclosures:detail", args=[commune.slug, published.pk]))
    assert response.status_code == 200
    assert "du-toan.pdf" in response.text and "Lịch sử công khai" in response.text
    assert client.get(reverse("disclosures:detail", args=[other_commune.slug, published.pk])).status_code == 404
    attachment = published.attachments.get()
    file_response = client.get(reverse("disclosures:attachment", args=[commune.slug, published.pk, attachment.pk]))
    assert file_response.status_code == 200
    assert b"".join(file_response.streaming_content).startswith(b"%PDF")


def test_atom_feeds(client: Client, commune: AdministrativeUnit, published: Any) -> None:
    response = client.get(reverse("disclosures:feed", args=[commune.slug]))
    assert response.status_code == 200 and response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)  # noqa: S314 - our own feed
    titles = [entry.findtext(f"{ATOM}title") for entry in root.findall(f"{ATOM}entry")]
    assert titles == ["K2. Công khai ngân sách xã năm 2026"]
    empty_feed = client.get(reverse("disclosures:category_feed", args=[commune.slug, "K3"])).content
    empty = ET.fromstring(empty_feed)  # noqa: S314 - our own feed
    assert empty.findall(f"{ATOM}entry") == []
    assert client.get(reverse("disclosures:category_feed", args=[commune.slug, "Z9"])).status_code == 404


def test_posting_notice_pdf(client: Client, commune: AdministrativeUnit, published: Any) -> None:
    response = client.get(reverse("disclosures:notice_pdf", args=[commune.slug, published.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


def test_portal_section_tag(commune: AdministrativeUnit, published: Any) -> None:
    from django.template import Context, Template

    html = Template("{% load disclosures_tags %}{% commune_disclosures commune %}").render(
        Context({"commune": commune})
    )
    assert "Công khai ngân sách xã năm 2026" in html


def test_commune_portal_home_lists_published_disclosures(
    client: Client, commune: AdministrativeUnit, published: Any
) -> None:
    response = client.get(reverse("portal:commune", args=[commune.slug]))
    assert response.status_code == 200
    assert "Công khai ngân sách xã năm 2026" in response.content.decode()


# --- Staff pages ------------------------------------------------------------------------------------


def test_staff_pages_need_login_and_a_role(
    client: Client, commune: AdministrativeUnit, other_commune_officer: User, board_member: User
) -> None:
    url = reverse("disclosures:create", args=[commune.slug])
    assert client.get(url).status_code == 302
    login(client, other_commune_officer)
    assert client.get(url).status_code == 404  # another commune's officer: it does not exist for them
    client.logout()
    login(client, board_member)
    assert client.get(url).status_code == 403  # visible, not theirs to change


def test_officer_creates_and_publishes(
    client: Client, commune: AdministrativeUnit, commune_officer: User, frozen_clock: Any
) -> None:
    login(client, commune_officer)
    response = client.post(
        reverse("disclosures:create", args=[commune.slug]),
        {
            "category": DisclosureCategory.objects.get(code="K2").pk,
            "title": "Dự toán ngân sách 2027",
            "decided_on": "2026-11-20",
            "decision_number": "20/NQ-HĐND",
            "body": "",
            "attachment": SimpleUploadedFile("du-toan.pdf", PDF, content_type="application/pdf"),
        },
    )
    item = Disclosure.objects.get()
    assert response.status_code == 302 and item.attachments.count() == 1
    response = client.post(reverse("disclosures:publish", args=[commune.slug, item.pk]), {"published_on": ""})
    item.refresh_from_db()
    assert response.status_code == 302 and item.status == Status.PUBLISHED
    detail = client.get(reverse("disclosures:staff_detail", args=[commune.slug, item.pk]))
    assert detail.status_code == 200 and "Dự toán ngân sách 2027" in detail.text


def test_bad_upload_keeps_input_and_explains(
    client: Client, commune: AdministrativeUnit, commune_officer: User, frozen_clock: Any
) -> None:
    login(client, commune_officer)
    response = client.post(
        reverse("disclosures:create", args=[commune.slug]),
        {
            "category": DisclosureCategory.objects.get(code="K2").pk,
            "title": "Dự toán ngân sách 2027",
            "decided_on": "2026-11-20",
            "attachment": SimpleUploadedFile("du-toan.pdf", b"MZ\x90", content_type="application/pdf"),
        },
    )
    assert response.status_code == 200
    assert "Nội dung tệp không đúng" in response.text and "Dự toán ngân sách 2027" in response.text
    assert not Disclosure.objects.exists()


def test_early_withdrawal_shows_the_refusal(
    client: Client, commune: AdministrativeUnit, commune_officer: User, published: Any, frozen_clock: Any
) -> None:
    login(client, commune_officer)
    response = client.post(
        reverse("disclosures:withdraw", args=[commune.slug, published.pk]), {"reason": "Nhầm"}, follow=True
    )
    assert "Chưa đủ thời gian niêm yết tối thiểu 30 ngày" in response.text
    published.refresh_from_db()
    assert published.status == Status.PUBLISHED


def test_record_channel_with_evidence(
    client: Client,
    commune: AdministrativeUnit,
    commune_officer: User,
    community: AdministrativeUnit,
    published: Any,
    frozen_clock: Any,
) -> None:
    login(client, commune_officer)
    response = client.post(
        reverse("disclosures:record_channel", args=[commune.slug, published.pk]),
        {
            "channel": "community_board",
            "community": community.pk,
            "started_on": "2026-11-18",
            "backdating_reason": "Niêm yết ngày 18/11, ghi nhận sau.",  # dated before today (issue 9 item 7)
            "evidence": SimpleUploadedFile("anh.pdf", PDF, content_type="application/pdf"),
        },
    )
    assert response.status_code == 302
    assert published.publications.filter(channel="community_board", community=community).exists()


def test_dashboard_and_rollup(
    client: Client,
    commune: AdministrativeUnit,
    province: AdministrativeUnit,
    commune_officer: User,
    provincial_officer: User,
    published: Any,
    frozen_clock: Any,
) -> None:
    login(client, commune_officer)
    response = client.get(reverse("disclosures:dashboard", args=[commune.slug]))
    assert response.status_code == 200 and "Công khai ngân sách xã năm 2026" in response.text
    # The province lies above the officer's units: it does not exist for them.
    assert client.get(reverse("disclosures:province_rollup", args=[province.slug])).status_code == 404
    client.logout()
    login(client, provincial_officer)
    rollup = client.get(reverse("disclosures:province_rollup", args=[province.slug]))
    assert rollup.status_code == 200 and "100,0 %" in rollup.text  # Vietnamese decimal comma


def test_village_head_acknowledges_on_the_phone(
    client: Client,
    commune: AdministrativeUnit,
    commune_officer: User,
    village_head: User,
    community: AdministrativeUnit,
    second_community: AdministrativeUnit,
) -> None:
    item = services.disclosure_create(
        unit=commune,
        category=DisclosureCategory.objects.get(code="K7"),
        title="Danh sách hộ nghèo 2027",
        decided_on=D(2026, 11, 16),
        actor=commune_officer,
        now=at(2026, 11, 16),
    )
    services.disclosure_publish(disclosure=item, actor=commune_officer, now=at(2026, 11, 17))
    mine = RelayTask.objects.get(disclosure=item, community=community)
    theirs = RelayTask.objects.get(disclosure=item, community=second_community)
    login(client, village_head)
    assert "Danh sách hộ nghèo 2027" in client.get(reverse("disclosures:staff_index")).text
    assert (
        client.get(reverse("disclosures:relay_acknowledge", args=[theirs.pk])).status_code == 404
    )  # not their village
    url = reverse("disclosures:relay_acknowledge", args=[mine.pk])
    assert client.post(url, {"households_note": "x"}).status_code == 200  # no means chosen: the form explains
    response = client.post(url, {"means": ["community_meeting"], "households_note": "Họp thôn tối 18/11"})
    assert response.status_code == 302
    mine.refresh_from_db()
    assert mine.is_acknowledged


def test_quarterly_list_page_and_pdf(
    client: Client, commune: AdministrativeUnit, commune_officer: User, published: Any
) -> None:
    login(client, commune_officer)
    url = reverse("disclosures:quarterly_list", args=[commune.slug, 2026, 4])
    assert "Công khai ngân sách xã năm 2026" in client.get(url).text
    pdf = client.get(url, {"pdf": "1"})
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
