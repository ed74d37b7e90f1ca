from django.urls import URLPattern, URLResolver, path

from grassroots.petitions import open311, views, views_desk, views_ratings

app_name = "petitions"

urlpatterns: list[URLPattern | URLResolver] = [
    # The resident's own cases.
    path("gui/<slug:commune_slug>/", views.case_file, name="case_file"),
    path("cua-toi/", views.my_cases, name="my_cases"),
    path("cua-toi/<int:pk>/", views.my_case, name="my_case"),
    path("cua-toi/<int:pk>/danh-gia/", views.my_case_rate, name="my_case_rate"),
    path("cua-toi/<int:pk>/xem-xet-lai/", views.my_case_reopen, name="my_case_reopen"),
    path("cua-toi/<int:pk>/rut/", views.my_case_withdraw, name="my_case_withdraw"),
    path("cua-toi/<int:pk>/anh/<int:attachment_id>/", views.my_case_photo, name="my_case_photo"),
    path("cua-toi/thu-tuc/", views_ratings.my_services, name="my_services"),
    path("cua-toi/thu-tuc/<int:pk>/danh-gia/", views_ratings.my_service_rate, name="my_service_rate"),
    # Officers.
    path("can-bo/<slug:commune_slug>/", views.case_list, name="case_list"),
    path("can-bo/<slug:commune_slug>/tiep-nhan/", views.case_new, name="case_new"),
    path("can-bo/<slug:commune_slug>/hai-long/", views.satisfaction_staff, name="satisfaction_staff"),
    path("can-bo/<slug:commune_slug>/thu-tuc/", views_ratings.service_uses, name="service_uses"),
    path("can-bo/<slug:commune_slug>/phan-cong/", views_desk.routing, name="routing"),
    path("can-bo/<slug:commune_slug>/chi-tieu/", views_desk.targets, name="targets"),
    path("can-bo/phan-cong/<int:pk>/ket-thuc/", views_desk.routing_end, name="routing_end"),
    path("can-bo/vu-viec/<int:pk>/", views.case_detail, name="case_detail"),
    path("can-bo/vu-viec/<int:pk>/van-ban/", views_desk.case_paper, name="case_paper"),
    path("can-bo/vu-viec/<int:pk>/anh/<int:attachment_id>/", views.case_photo, name="case_photo"),
    path("can-bo/vu-viec/<int:pk>/thong-bao/", views.case_acknowledge, name="case_acknowledge"),
    path("can-bo/vu-viec/<int:pk>/thu-ly/", views.case_accept, name="case_accept"),
    path("can-bo/vu-viec/<int:pk>/phan-loai/", views.case_classify, name="case_classify"),
    path("can-bo/vu-viec/<int:pk>/thoi-hieu/", views.case_filing, name="case_filing"),
    path("can-bo/vu-viec/<int:pk>/giao/", views.case_assign, name="case_assign"),
    path("can-bo/vu-viec/<int:pk>/xu-ly/", views.case_start, name="case_start"),
    path("can-bo/vu-viec/<int:pk>/tra-loi/", views.case_answer, name="case_answer"),
    path("can-bo/vu-viec/<int:pk>/ket-thuc/", views.case_close, name="case_close"),
    path("can-bo/vu-viec/<int:pk>/gia-han/", views.case_extend, name="case_extend"),
    path("can-bo/vu-viec/<int:pk>/tam-dung/", views.case_pause, name="case_pause"),
    path("can-bo/vu-viec/<int:pk>/tinh-tiep/", views.case_resume, name="case_resume"),
    # The public timeline of feedback and petitions their senders made public.
    path("cong-khai/<slug:commune_slug>/", views.public_list, name="public_list"),
    path("cong-khai/vu-viec/<int:pk>/", views.public_detail, name="public_detail"),
    path("cong-khai/<slug:commune_slug>/hai-long/", views.satisfaction_public, name="satisfaction_public"),
    # Open311 GeoReport v2 (JSON), one jurisdiction per commune.
    path("open311/<slug:commune_slug>/discovery.json", open311.discovery, name="open311_discovery"),
    path("open311/<slug:commune_slug>/v2", open311.base, name="open311_base"),
    path("open311/<slug:commune_slug>/v2/services.json", open311.service_list, name="open311_services"),
    path(
        "open311/<slug:commune_slug>/v2/services/<slug:service_code>.json",
        open311.service_definition,
        name="open311_service",
    ),
    path("open311/<slug:commune_slug>/v2/requests.json", open311.requests_collection, name="open311_requests"),
    path("open311/<slug:commune_slug>/v2/requests/<int:pk>.json", open311.request_detail, name="open311_request"),
]
