"""Staff pages, mounted under ``can-bo/van-ban/`` by the root URLconf."""

from django.urls import path

from grassroots.documents import views

app_name = "documents"

urlpatterns = [
    path("", views.document_list, name="list"),
    path("<int:pk>/", views.document_detail, name="detail"),
    path("<int:pk>/tai-ve.<str:file_format>", views.document_download, name="download"),
    path("mau/", views.gallery, name="gallery"),
    path("mau/<str:kind>.<str:file_format>", views.gallery_sample, name="sample"),
]
