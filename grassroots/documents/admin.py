from django.contrib import admin

from grassroots.documents.models import Document, DocumentNumberCounter


@admin.register(Document)
class DocumentAdmin(admin.ModelAdmin):
    list_display = ["number_label", "kind", "summary", "issuer", "issued_on", "is_public"]
    list_filter = ["kind", "year", "is_public"]
    search_fields = ["summary", "symbol", "short_code"]
    # Issued documents are records: changed only by issuing a new one, never edited here.
    readonly_fields = [field.name for field in Document._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(DocumentNumberCounter)
class DocumentNumberCounterAdmin(admin.ModelAdmin):
    list_display = ["issuer_key", "year", "series", "last_number"]
    readonly_fields = ["issuer_key", "year", "series", "last_number"]

    def has_add_permission(self, request):
        return False
