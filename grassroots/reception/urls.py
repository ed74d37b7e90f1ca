from django.urls import URLPattern, URLResolver, path

from grassroots.reception import views

app_name = "reception"

urlpatterns: list[URLPattern | URLResolver] = [
    # Public: the chair's schedule and the commune's dialogue conferences.
    path("lich/<slug:commune_slug>/", views.public_schedule, name="public_schedule"),
    # Citizens: booking a slot at the chair's reception.
    path("dat-lich/<slug:commune_slug>/", views.booking_page, name="booking_page"),
    path("dat-lich/huy/<int:pk>/", views.booking_cancel, name="booking_cancel"),
    # Officers: reception.
    path("can-bo/<slug:commune_slug>/", views.staff_index, name="staff_index"),
    path("can-bo/<slug:commune_slug>/lich/", views.schedule_edit, name="schedule_edit"),
    path("can-bo/<slug:commune_slug>/buoi-tiep/", views.session_new, name="session_new"),
    path("can-bo/buoi-tiep/<int:pk>/", views.session_detail, name="session_detail"),
    path("can-bo/buoi-tiep/<int:pk>/cong-dan/", views.visit_new, name="visit_new"),
    path("can-bo/<slug:commune_slug>/huy-buoi-tiep/", views.day_cancel, name="day_cancel"),
    path("can-bo/lich-hen/<int:pk>/huy/", views.booking_officer_cancel, name="booking_officer_cancel"),
    # Officers: dialogue conferences.
    path("doi-thoai/<slug:commune_slug>/", views.dialogue_list, name="dialogue_list"),
    path("doi-thoai/<slug:commune_slug>/ke-hoach/", views.dialogue_new, name="dialogue_new"),
    path("doi-thoai/<slug:commune_slug>/kien-nghi-cu-tri/", views.drive_list, name="drive_list"),
    path("doi-thoai/kien-nghi-cu-tri/<int:pk>/", views.drive_detail, name="drive_detail"),
    path("doi-thoai/hoi-nghi/<int:pk>/", views.dialogue_detail, name="dialogue_detail"),
    path("doi-thoai/hoi-nghi/<int:pk>/thong-bao/", views.dialogue_announce, name="dialogue_announce"),
    path("doi-thoai/hoi-nghi/<int:pk>/huy/", views.dialogue_cancel, name="dialogue_cancel"),
    path("doi-thoai/hoi-nghi/<int:pk>/to-chuc/", views.dialogue_hold, name="dialogue_hold"),
    path("doi-thoai/hoi-nghi/<int:pk>/cau-hoi/", views.question_add, name="question_add"),
    path(
        "doi-thoai/hoi-nghi/<int:pk>/cau-hoi/<int:question_id>/tra-loi/",
        views.question_answer,
        name="question_answer",
    ),
    path(
        "doi-thoai/hoi-nghi/<int:pk>/cau-hoi/<int:question_id>/hoan-thanh/",
        views.commitment_done,
        name="commitment_done",
    ),
    path("doi-thoai/hoi-nghi/<int:pk>/ket-qua/", views.dialogue_publish, name="dialogue_publish"),
]
