from django.urls import URLPattern, URLResolver, path

from grassroots.initiatives import views

app_name = "initiatives"

urlpatterns: list[URLPattern | URLResolver] = [
    path("thon/<int:community_id>/de-xuat/", views.initiative_list, name="initiative_list"),
    path("thon/<int:community_id>/de-xuat/moi/", views.initiative_new, name="initiative_new"),
    path("de-xuat/<int:initiative_id>/", views.initiative_detail, name="initiative_detail"),
    path("de-xuat/<int:initiative_id>/ung-ho/", views.initiative_sign, name="initiative_sign"),
    path("de-xuat/<int:initiative_id>/mat-tran-dong-y/", views.initiative_approve, name="initiative_approve"),
    path("de-xuat/<int:initiative_id>/gui/", views.initiative_submit, name="initiative_submit"),
    path("de-xuat/<int:initiative_id>/quyet-dinh/", views.initiative_decide, name="initiative_decide"),
]
