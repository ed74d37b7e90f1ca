from django.urls import URLPattern, URLResolver, path

from grassroots.conventions import views, views_staff

app_name = "conventions"

urlpatterns: list[URLPattern | URLResolver] = [
    path("xa/<slug:commune_slug>/", views.public_list, name="public_list"),
    path("<int:convention_id>/", views.public_detail, name="public_detail"),
    path("can-bo/xa/<slug:commune_slug>/", views_staff.staff_list, name="staff_list"),
    path("can-bo/thon/<int:community_id>/", views_staff.staff_community, name="staff_community"),
    path("can-bo/thon/<int:community_id>/moi/", views_staff.staff_new, name="staff_new"),
    path("can-bo/<int:convention_id>/", views_staff.staff_detail, name="staff_detail"),
    path("can-bo/<int:convention_id>/sua-doi/", views_staff.amendment_new, name="amendment_new"),
    path("can-bo/<int:convention_id>/ra-soat/", views_staff.review_new, name="review_new"),
    path("can-bo/<int:convention_id>/ngay-ra-soat/", views_staff.review_date, name="review_date"),
    path("can-bo/<int:convention_id>/phan-anh/", views_staff.report_new, name="report_new"),
    path("can-bo/<int:convention_id>/xu-ly/", views_staff.measure_new, name="measure_new"),
    path("can-bo/ban/<int:version_id>/dieu/", views_staff.article_save, name="article_save"),
    path("can-bo/ban/<int:version_id>/to-soan-thao/", views_staff.drafting_team, name="drafting_team"),
    path("can-bo/ban/<int:version_id>/lay-y-kien/", views_staff.comments_open, name="comments_open"),
    path("can-bo/ban/<int:version_id>/ket-thuc-lay-y-kien/", views_staff.comments_close, name="comments_close"),
    path("can-bo/ban/<int:version_id>/hoan-thien/", views_staff.version_finalise, name="finalise"),
    path("can-bo/ban/<int:version_id>/bieu-quyet/", views_staff.vote_link, name="vote_link"),
    path("can-bo/ban/<int:version_id>/ket-qua/", views_staff.adoption_record, name="adoption_record"),
    path("can-bo/ban/<int:version_id>/chu-ky/", views_staff.signatures, name="signatures"),
    path("can-bo/ban/<int:version_id>/gui-ho-so/", views_staff.dossier_submit, name="dossier_submit"),
    path("can-bo/ban/<int:version_id>/cong-nhan/", views_staff.version_recognise, name="recognise"),
    path("can-bo/ban/<int:version_id>/khong-cong-nhan/", views_staff.version_refuse, name="refuse"),
    path("can-bo/ban/<int:version_id>/pho-bien/", views_staff.dissemination, name="dissemination"),
    path("can-bo/y-kien/<int:opinion_id>/tiep-thu/", views_staff.opinion_dispose, name="opinion_dispose"),
    path("can-bo/y-kien/<int:opinion_id>/an/", views_staff.opinion_hide, name="opinion_hide"),
]
