"""Public short links printed under the QR code: mount at ``v/`` in the root URLconf.

path("v/", include("grassroots.documents.public_urls")),
"""

from django.urls import path

from grassroots.documents import views

app_name = "documents_public"

urlpatterns = [
    path("<str:short_code>", views.public_record, name="record"),
    path("<str:short_code>/van-ban.pdf", views.public_pdf, name="pdf"),
]
