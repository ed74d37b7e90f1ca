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
    path("xa/<slug:commune_slug>/thon/them/", views.community_create_view, name="community_create"),
    path(
        "xa/<slug:commune_slug>/thon/<int:community_id>/doi-ten/", views.community_rename_view, name="community_rename"
    ),
    path("xa/<slug:commune_slug>/thon/<int:community_id>/ket-thuc/", views.community_end_view, name="community_end"),
    path(
        "xa/<slug:commune_slug>/thon/<int:community_id>/them-ho/", views.household_create_view, name="household_create"
    ),
    path(
        "xa/<slug:commune_slug>/ho/<int:household_id>/them-thanh-vien/",
        views.resident_create_view,
        name="resident_create",
    ),
    path("xa/<slug:commune_slug>/ho/<int:household_id>/roi-ho/", views.resident_leave_view, name="resident_leave"),
    path("xa/<slug:commune_slug>/ho/<int:household_id>/dai-dien/", views.representative_view, name="representative"),
    path(
        "xa/<slug:commune_slug>/ho/<int:household_id>/thoi-cu-tru/",
        views.household_move_out_view,
        name="household_move_out",
    ),
    path("xa/<slug:commune_slug>/co-quan/", views.organisation_list, name="organisation_list"),
    path("xa/<slug:commune_slug>/co-quan/them/", views.organisation_create_view, name="organisation_create"),
    path(
        "xa/<slug:commune_slug>/co-quan/<int:organisation_id>/so-lao-dong/",
        views.headcount_view,
        name="organisation_headcount",
    ),
    path(
        "xa/<slug:commune_slug>/co-quan/<int:organisation_id>/ngay-nghi/",
        views.rest_days_view,
        name="organisation_rest_days",
    ),
]
