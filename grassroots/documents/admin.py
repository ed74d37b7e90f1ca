from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.contrib import admin
from django.http import HttpRequest

from grassroots.documents.models import Document, DocumentNumberCounter

if TYPE_CHECKING:
    DocumentAdminBase = admin.ModelAdmin[Document]
    CounterAdminBase = admin.ModelAdmin[DocumentNumberCounter]
else:  # the admin classes are generic only for the type checker
    DocumentAdminBase = CounterAdminBase = admin.ModelAdmin


@admin.register(Document)
class DocumentAdmin(DocumentAdminBase):
    list_display = ["number_label", "kind", "summary", "issuer", "issued_on", "is_public"]
    list_filter = ["kind", "year", "is_public"]
    search_fields = ["summary", "symbol", "short_code"]
    # Issued documents are records: changed only by issuing a new one, never edited here.
    readonly_fields = [field.name for field in Document._meta.fields]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(DocumentNumberCounter)
class DocumentNumberCounterAdmin(CounterAdminBase):
    list_display = ["issuer_key", "year", "series", "last_number"]
    readonly_fields = ["issuer_key", "year", "series", "last_number"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False
