"""Official documents (văn bản hành chính) in the Decree 30/2020/NĐ-CP layout, and their number series.

Law.md §4.4. A document is issued once, by ``services.document_issue``: it gets its number from a
per-issuer, per-year, per-series counter and its DOCX and PDF files are stored with it.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from grassroots.core.models import TimeStampedModel


class DocumentType(models.TextChoices):
    """The administrative document types of Decree 30/2020 Art. 7 (law.md §4.4)."""

    RESOLUTION = "resolution", _("Nghị quyết")
    DECISION = "decision", _("Quyết định")
    DIRECTIVE = "directive", _("Chỉ thị")
    STATUTE = "statute", _("Quy chế")
    REGULATION = "regulation", _("Quy định")
    COMMUNIQUE = "communique", _("Thông cáo")
    NOTICE = "notice", _("Thông báo")
    GUIDANCE = "guidance", _("Hướng dẫn")
    PROGRAMME = "programme", _("Chương trình")
    PLAN = "plan", _("Kế hoạch")
    SCHEME = "scheme", _("Phương án")
    PROPOSAL = "proposal", _("Đề án")
    PROJECT = "project", _("Dự án")
    REPORT = "report", _("Báo cáo")
    MINUTES = "minutes", _("Biên bản")
    SUBMISSION = "submission", _("Tờ trình")
    CONTRACT = "contract", _("Hợp đồng")
    OFFICIAL_LETTER = "official_letter", _("Công văn")
    TELEGRAM = "telegram", _("Công điện")
    MEMORANDUM = "memorandum", _("Bản ghi nhớ")
    AGREEMENT = "agreement", _("Bản thỏa thuận")
    AUTHORISATION = "authorisation", _("Giấy ủy quyền")
    INVITATION = "invitation", _("Giấy mời")
    INTRODUCTION = "introduction", _("Giấy giới thiệu")
    LEAVE = "leave", _("Giấy nghỉ phép")
    DISPATCH_SLIP = "dispatch_slip", _("Phiếu gửi")
    TRANSFER_SLIP = "transfer_slip", _("Phiếu chuyển")
    NOTIFICATION_SLIP = "notification_slip", _("Phiếu báo")
    PUBLIC_LETTER = "public_letter", _("Thư công")


class IssuingBodyKind(models.TextChoices):
    """Which body of a unit issues the document; decides the header lines and the issuer abbreviation."""

    PEOPLE_COMMITTEE = "people_committee", _("Ủy ban nhân dân")
    PEOPLE_COUNCIL = "people_council", _("Hội đồng nhân dân")
    COMMUNITY = "community", _("Thôn, tổ dân phố")
    ORGANISATION = "organisation", _("Cơ quan, đơn vị, doanh nghiệp")
    FRONT = "front", _("Ủy ban Mặt trận Tổ quốc Việt Nam")
    # The boards print their own header under the body that directs them (``oversight.papers.printed_issuer``).
    INSPECTION_BOARD = "inspection_board", _("Ban Thanh tra nhân dân")
    INVESTMENT_BOARD = "investment_board", _("Ban Giám sát đầu tư của cộng đồng")


class DocumentNumberCounter(models.Model):
    """The last number given in one series of one issuer in one year (sổ đăng ký văn bản đi).

    Decree 30/2020 Appendix I §II.3: numbering starts at 01 on 1 January. The row is locked while a
    number is taken, so concurrent issuers queue instead of reading the same last number.
    """

    issuer_key = models.CharField(
        _("Mã cơ quan ban hành"), max_length=80, help_text=_("Ví dụ: unit:12:people_committee, organisation:5")
    )
    year = models.PositiveSmallIntegerField(_("Năm"))
    series = models.CharField(_("Hệ thống số"), max_length=40)
    last_number = models.PositiveIntegerField(_("Số cuối cùng đã cấp"), default=0)

    class Meta:
        verbose_name = _("Sổ cấp số văn bản")
        verbose_name_plural = _("Sổ cấp số văn bản")
        constraints = [
            models.UniqueConstraint(fields=["issuer_key", "year", "series"], name="documents_counter_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.issuer_key}/{self.year}/{self.series}: {self.last_number}"


def _upload_to(instance: Document, filename: str) -> str:
    return f"van-ban/{instance.year}/{instance.issuer_id}/{filename}"


class Document(TimeStampedModel):
    """An issued official document (văn bản đi): its number, its content and its rendered files."""

    kind = models.CharField(_("Loại văn bản"), max_length=30, choices=DocumentType.choices, db_index=True)
    issuer = models.ForeignKey(
        "units.AdministrativeUnit",
        verbose_name=_("Đơn vị ban hành"),
        on_delete=models.PROTECT,
        related_name="documents",
    )
    issuing_body = models.CharField(_("Cơ quan ban hành"), max_length=30, choices=IssuingBodyKind.choices)
    organisation = models.ForeignKey(
        "units.Organisation",
        verbose_name=_("Cơ quan, đơn vị"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="documents",
    )
    issuer_key = models.CharField(_("Mã cơ quan ban hành"), max_length=80)
    year = models.PositiveSmallIntegerField(_("Năm"))
    series = models.CharField(_("Hệ thống số"), max_length=40)
    number = models.PositiveIntegerField(_("Số"))
    symbol = models.CharField(_("Ký hiệu"), max_length=60)
    issued_on = models.DateField(_("Ngày ban hành"))
    issued_at = models.DateTimeField(_("Thời điểm cấp số"))
    summary = models.CharField(_("Trích yếu"), max_length=500)
    signer_name = models.CharField(_("Người ký"), max_length=200)
    signer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Tài khoản người ký"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Người cấp số"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    is_public = models.BooleanField(_("Công khai"), default=False)
    short_code = models.CharField(_("Mã tra cứu"), max_length=16, unique=True)
    content = models.JSONField(_("Nội dung"))
    docx_file = models.FileField(_("Tệp DOCX"), upload_to=_upload_to, max_length=255)
    pdf_file = models.FileField(_("Tệp PDF"), upload_to=_upload_to, max_length=255)
    pdf_pages = models.PositiveSmallIntegerField(_("Số trang PDF"), default=0)

    class Meta:
        verbose_name = _("Văn bản")
        verbose_name_plural = _("Văn bản")
        ordering = ["-issued_at", "-number"]
        constraints = [
            # Decree 30/2020 Appendix I §II.3: a number and symbol is unique within a year.
            models.UniqueConstraint(fields=["issuer_key", "year", "series", "number"], name="documents_number_unique"),
            models.CheckConstraint(condition=models.Q(number__gte=1), name="documents_number_positive"),
        ]
        indexes = [models.Index(fields=["issuer", "year", "kind"], name="documents_issuer_year_idx")]

    def __str__(self) -> str:
        return f"{self.number_label} — {self.summary}"

    @property
    def number_label(self) -> str:
        """``12/KH-UBND``: the number with its leading zero and the symbol."""
        return f"{self.number:02d}/{self.symbol}"

    def spec_json(self) -> dict[str, Any]:
        return dict(self.content)
