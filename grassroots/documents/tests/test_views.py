"""Staff pages (permission, 404 across communes, downloads, gallery) and the public short link."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from grassroots.accounts.models import User
from grassroots.documents.services import document_issue
from grassroots.units.models import AdministrativeUnit

from .conftest import plan_kwargs

pytestmark = [pytest.mark.django_db, pytest.mark.urls("grassroots.documents.tests.urls")]


@pytest.fixture
def issued(commune: AdministrativeUnit, chair: User) -> Any:
    return document_issue(**plan_kwargs(commune, chair, is_public=True))


def test_list_needs_login_and_a_staff_role(client: Client, resident: User) -> None:
    url = reverse("documents:list")
    assert client.get(url).status_code == 302
    client.force_login(resident)
    assert client.get(url).status_code == 403


def test_list_shows_own_documents_and_filters(client: Client, officer: User, issued: Any) -> None:
    client.force_login(officer)
    response = client.get(reverse("documents:list"))
    assert response.status_code == 200
    assert "01/KH-UBND" in response.text
    filtered = client.get(reverse("documents:list"), {"kind": "decision"})
    assert "01/KH-UBND" not in filtered.text
    partial = client.get(reverse("documents:list"), {"q": "hội nghị"}, headers={"HX-Request": "true"})
    assert "01/KH-UBND" in partial.text and "<html" not in partial.text
    invalid = client.get(reverse("documents:list"), {"year": "abc"})
    assert invalid.status_code == 200 and "error-summary" in invalid.text


def test_other_commune_gets_404(client: Client, other_officer: User, issued: Any) -> None:
    client.force_login(other_officer)
    assert client.get(reverse("documents:detail", args=[issued.pk])).status_code == 404
    assert client.get(reverse("documents:download", args=[issued.pk, "pdf"])).status_code == 404
    assert "01/KH-UBND" not in client.get(reverse("documents:list")).text


def test_detail_and_downloads(client: Any, officer: User, issued: Any) -> None:
    client.force_login(officer)
    detail = client.get(reverse("documents:detail", args=[issued.pk]))
    assert detail.status_code == 200
    assert "documents.document.issued" in detail.text
    assert f"/v/{issued.short_code}" in detail.text
    pdf = client.get(reverse("documents:download", args=[issued.pk, "pdf"]))
    assert pdf["Content-Type"] == "application/pdf"
    assert b"".join(pdf.streaming_content).startswith(b"%PDF")
    assert 'filename="01-KH-UBND.pdf"' in pdf["Content-Disposition"]
    docx = client.get(reverse("documents:download", args=[issued.pk, "docx"]))
    assert b"".join(docx.streaming_content).startswith(b"PK")
    assert client.get(reverse("documents:download", args=[issued.pk, "odt"])).status_code == 404


def test_gallery_and_sample_download(client: Client, officer: User) -> None:
    client.force_login(officer)
    gallery = client.get(reverse("documents:gallery"))
    assert gallery.status_code == 200
    for label in ("Kế hoạch", "Báo cáo", "Biên bản", "Quyết định", "Thông báo", "Nghị quyết", "Tờ trình", "Công văn"):
        assert label in gallery.text
    sample = client.get(reverse("documents:sample", args=["decision", "docx"]))
    assert sample.status_code == 200 and sample.content.startswith(b"PK")
    assert client.get(reverse("documents:sample", args=["poem", "pdf"])).status_code == 404


def test_public_short_link(client: Any, issued: Any, commune: AdministrativeUnit, chair: User) -> None:
    record = client.get(f"/v/{issued.short_code}")
    assert record.status_code == 200
    assert "01/KH-UBND" in record.text
    pdf = client.get(reverse("documents_public:pdf", args=[issued.short_code]))
    assert b"".join(pdf.streaming_content).startswith(b"%PDF")
    private = document_issue(**plan_kwargs(commune, chair))
    assert client.get(f"/v/{private.short_code}").status_code == 404
    assert client.get("/v/KHONGCO").status_code == 404
