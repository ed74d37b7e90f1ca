from django.urls import URLPattern, URLResolver, path

from grassroots.consultations import views, views_staff

app_name = "consultations"

urlpatterns: list[URLPattern | URLResolver] = [
    path("xa/<slug:commune_slug>/", views.public_list, name="public_list"),
    path("<int:consultation_id>/", views.public_detail, name="public_detail"),
    path("<int:consultation_id>/gop-y/", views.opinion_new, name="opinion_new"),
    path("<int:consultation_id>/gop-y-khong-dang-nhap/", views.opinion_new_unsigned, name="opinion_new_unsigned"),
    path("can-bo/xa/<slug:commune_slug>/", views_staff.staff_list, name="staff_list"),
    path("can-bo/xa/<slug:commune_slug>/moi/", views_staff.staff_new, name="staff_new"),
    path("can-bo/<int:consultation_id>/", views_staff.staff_detail, name="staff_detail"),
    path("can-bo/<int:consultation_id>/them-dieu/", views_staff.section_add, name="section_add"),
    path("can-bo/<int:consultation_id>/sua-ke-hoach/", views_staff.plan_update, name="plan_update"),
    path("can-bo/<int:consultation_id>/gui-ke-hoach/", views_staff.plan_sent, name="plan_sent"),
    path("can-bo/<int:consultation_id>/ban-hanh-ke-hoach/", views_staff.plan_issue, name="plan_issue"),
    path("can-bo/<int:consultation_id>/cong-bo/", views_staff.consultation_open, name="open"),
    path("can-bo/<int:consultation_id>/ket-thuc/", views_staff.consultation_close, name="close"),
    path("can-bo/<int:consultation_id>/huy/", views_staff.consultation_cancel, name="cancel"),
    path("can-bo/<int:consultation_id>/nhap-y-kien/", views_staff.opinion_enter, name="opinion_enter"),
    path("can-bo/<int:consultation_id>/gop-nhom/", views_staff.group_new, name="group_new"),
    path("can-bo/<int:consultation_id>/hoan-thanh/", views_staff.consultation_complete, name="complete"),
    path(
        "can-bo/<int:consultation_id>/thon/<int:community_id>/nhap-y-kien/",
        views_staff.community_opinion_enter,
        name="community_opinion_enter",
    ),
    path("can-bo/y-kien/<int:opinion_id>/an/", views_staff.opinion_hide, name="opinion_hide"),
    path("can-bo/y-kien/<int:opinion_id>/tiep-thu/", views_staff.opinion_dispose, name="opinion_dispose"),
    path("can-bo/nhom/<int:group_id>/tiep-thu/", views_staff.group_dispose, name="group_dispose"),
    path("can-bo/<int:consultation_id>/nguoi-bi-anh-huong/", views_staff.affected_add, name="affected_add"),
    path("can-bo/<int:consultation_id>/ky-quyet-dinh/", views_staff.decision_sign, name="decision_sign"),
    path("can-bo/<int:consultation_id>/gui-cap-tren/", views_staff.send_up, name="send_up"),
    path("can-bo/<int:consultation_id>/quyet-dinh-cap-tren/", views_staff.higher_decision, name="higher_decision"),
    path("can-bo/nguoi-bi-anh-huong/<int:person_id>/", views_staff.affected_heard, name="affected_heard"),
]
