"""Issuing: validation, numbering per issuer, year and series, stored files and the audit event."""

from __future__ import annotations

import datetime as dt
import subprocess

import pytest
from django.db import IntegrityError, transaction

from grassroots.accounts.models import Role, User
from grassroots.core.errors import DomainError
from grassroots.core.models import AuditEvent
from grassroots.documents import rules, selectors
from grassroots.documents.models import Document, DocumentNumberCounter, DocumentType, IssuingBodyKind
from grassroots.documents.services import document_issue
from grassroots.documents.spec import Recipients
from grassroots.units.models import AdministrativeUnit

from .conftest import MOMENT, plan_kwargs

pytestmark = pytest.mark.django_db


def test_issue_numbers_renders_stores_and_audits(commune: AdministrativeUnit, chair: User) -> None:
    document = document_issue(**plan_kwargs(commune, chair))
    assert (document.number, document.year, document.symbol) == (1, 2026, "KH-UBND")
    assert document.number_label == "01/KH-UBND"
    assert document.issued_on == dt.date(2026, 3, 5)
    assert document.issued_by == chair
    assert document.pdf_pages == 1
    assert str(document.docx_file.name).endswith(".docx") and str(document.pdf_file.name).endswith(".pdf")
    with document.pdf_file.open("rb") as stored:
        text = subprocess.run(["pdftotext", "-", "-"], input=stored.read(), capture_output=True, check=True).stdout
    decoded = text.decode()
    assert "Số: 01/KH-UBND" in decoded
    assert "Hòa Phú, ngày 05 tháng 3 năm 2026" in decoded
    event = AuditEvent.objects.get(code="documents.document.issued")
    assert (event.object_id, event.unit_id, event.actor_id) == (str(document.pk), commune.pk, chair.pk)
    assert event.after == {
        "number": "01/KH-UBND",
        "kind": "plan",
        "summary": "Tổ chức hội nghị nhân dân năm 2026",
        "issued_on": "2026-03-05",
        "is_public": False,
        "short_code": "",
    }
    assert selectors.document_spec(document).number == 1


def test_numbers_follow_each_other_per_issuer_and_series(
    commune: AdministrativeUnit, other_commune: AdministrativeUnit, chair: User
) -> None:
    first = document_issue(**plan_kwargs(commune, chair))
    second = document_issue(**plan_kwargs(commune, chair, kind=DocumentType.NOTICE))
    elsewhere = document_issue(**plan_kwargs(other_commune, chair))
    secret = document_issue(**plan_kwargs(commune, chair, secrecy="MẬT"))
    assert [first.number, second.number, elsewhere.number, secret.number] == [1, 2, 1, 1]
    assert second.number_label == "02/TB-UBND"
    assert secret.series == rules.SECRET_SERIES


def test_numbering_restarts_on_first_january_in_vietnam_time(commune: AdministrativeUnit, chair: User) -> None:
    december = dt.datetime(2026, 12, 31, 16, 30, tzinfo=dt.UTC)  # 23:30 on 31/12 in Hà Nội
    january = dt.datetime(2026, 12, 31, 17, 30, tzinfo=dt.UTC)  # 00:30 on 01/01/2027 in Hà Nội
    assert document_issue(**plan_kwargs(commune, chair, now=december)).number == 1
    late = document_issue(**plan_kwargs(commune, chair, now=december))
    new_year = document_issue(**plan_kwargs(commune, chair, now=january))
    assert (late.number, late.year) == (2, 2026)
    assert (new_year.number, new_year.year, new_year.issued_on) == (1, 2027, dt.date(2027, 1, 1))
    assert rules.format_date_line(place="Hòa Phú", day=new_year.issued_on) == "Hòa Phú, ngày 01 tháng 01 năm 2027"


def test_database_refuses_a_duplicate_number(commune: AdministrativeUnit, chair: User) -> None:
    document = document_issue(**plan_kwargs(commune, chair))
    duplicate = Document.objects.get(pk=document.pk)
    duplicate.pk = None
    duplicate.short_code = "DUPLICATE"
    with pytest.raises(IntegrityError), transaction.atomic():
        duplicate.save()


def test_incomplete_document_is_refused_and_nothing_changes(commune: AdministrativeUnit, chair: User) -> None:
    with pytest.raises(DomainError) as refused:
        document_issue(**plan_kwargs(commune, chair, summary="", body=[], recipients=Recipients()))
    error = refused.value
    assert error.code == "documents.incomplete"
    assert set(error.params["missing"]) == {"documents.missing.summary", "documents.missing.body"}
    assert "trích yếu nội dung" in error.message
    assert not Document.objects.exists()
    assert not DocumentNumberCounter.objects.exists()
    assert not AuditEvent.objects.filter(code="documents.document.issued").exists()


def test_official_letter_symbol_uses_the_drafting_unit(commune: AdministrativeUnit, officer: User) -> None:
    document = document_issue(
        **plan_kwargs(
            commune,
            officer,
            kind=DocumentType.OFFICIAL_LETTER,
            drafting_unit="VX",
            recipients=Recipients(addressees=("Trưởng các thôn",)),
        )
    )
    assert document.number_label == "01/UBND-VX"
    spec = selectors.document_spec(document)
    assert spec.recipients.addressees == ("Trưởng các thôn",)


def test_village_minutes_use_the_village_register(
    village: AdministrativeUnit, commune: AdministrativeUnit, officer: User
) -> None:
    issuer = selectors.issuing_body_for(village)
    assert issuer.parent_lines == ("UBND XÃ HÒA PHÚ",)
    assert issuer.place_name == "Hòa Phú"
    minutes = document_issue(
        **plan_kwargs(
            village,
            officer,
            kind=DocumentType.MINUTES,
            signer=[
                rules.minutes_signature(title="Thư ký", signer_name="Trần Thị Mai"),
                rules.signature_block(issuer=issuer, signer_role=Role.VILLAGE_HEAD, signer_name="Y Khoa Mlô"),
            ],
            recipients=Recipients(copies=("UBND xã",)),
        )
    )
    assert minutes.issuing_body == IssuingBodyKind.COMMUNITY
    assert minutes.number_label == "01/BB-T3"
    assert minutes.signer_name == "Y Khoa Mlô"
    assert document_issue(**plan_kwargs(commune, officer)).number == 1


def test_place_name_follows_the_units_current_record(commune: AdministrativeUnit, chair: User) -> None:
    commune.name = "Xã Hòa Phú Mới"
    commune.save()
    document = document_issue(**plan_kwargs(commune, chair))
    spec = selectors.document_spec(document)
    assert spec.issuer.place_name == "Hòa Phú Mới"
    assert spec.issuer.name_lines == ("ỦY BAN NHÂN DÂN", "XÃ HÒA PHÚ MỚI")


def test_public_document_gets_short_link_and_qr(commune: AdministrativeUnit, chair: User) -> None:
    document = document_issue(**plan_kwargs(commune, chair, is_public=True))
    spec = selectors.document_spec(document)
    assert spec.public_url == f"https://dancoso.example.vn/v/{document.short_code}"
    assert selectors.public_document(document.short_code) == document
    private = document_issue(**plan_kwargs(commune, chair, now=MOMENT + dt.timedelta(hours=1)))
    assert selectors.public_document(private.short_code) is None
    assert selectors.document_spec(private).public_url == ""


def test_organisation_issues_in_its_own_register(commune: AdministrativeUnit, officer: User) -> None:
    from grassroots.units.models import Organisation, OrganisationKind

    parent = Organisation.objects.create(kind=OrganisationKind.AGENCY, name="Sở Y tế tỉnh Đắk Lắk", unit=commune)
    clinic = Organisation.objects.create(
        kind=OrganisationKind.PUBLIC_SERVICE_UNIT,
        name="Trạm Y tế xã Hòa Phú",
        short_name="TYT",
        unit=commune,
        parent=parent,
    )
    printed = selectors.issuing_body_for(clinic)
    assert (printed.name_lines, printed.parent_lines, printed.place_name) == (
        ("TRẠM Y TẾ XÃ HÒA PHÚ",),
        ("SỞ Y TẾ TỈNH ĐẮK LẮK",),
        "Hòa Phú",
    )
    signer = rules.signature_block(
        issuer=printed, signer_role=Role.AGENCY_HEAD, signer_name="Lê Thị Hoa", position="Trưởng trạm"
    )
    document = document_issue(**plan_kwargs(clinic, officer, signer=signer))
    assert (document.number_label, document.issuer, document.organisation) == ("01/KH-TYT", commune, clinic)
    assert document_issue(**plan_kwargs(commune, officer)).number == 1
    clinic.short_name = ""
    clinic.save()
    with pytest.raises(DomainError) as refused:
        document_issue(**plan_kwargs(clinic, officer, signer=signer))
    assert refused.value.params["missing"] == ["documents.missing.issuer_abbreviation"]
