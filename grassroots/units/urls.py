from django.urls import path

from grassroots.units import views

app_name = "units"

urlpatterns = [
    path("", views.commune_index, name="index"),
    path("mau-nhap-ho-gia-dinh.xlsx", views.import_template_xlsx, name="import_template_xlsx"),
    path("mau-nhap-ho-gia-dinh.csv", views.import_template_csv, name="import_template_csv"),
    path("xa/<slug:commune_slug>/", views.commune_detail, name="commune_detail"),
    path("xa/<slug:commune_slug>/nhap-ho-gia-dinh/", views.household_import_view, name="household_import"),
    path("xa/<slug:commune_slug>/thon/<int:community_id>/", views.community_households, name="community_households"),
    path("xa/<slug:commune_slug>/ho/<int:household_id>/", views.household_detail, name="household_detail"),
]
