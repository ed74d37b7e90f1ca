from django.urls import path

from grassroots.plans import views

app_name = "plans"

urlpatterns = [
    path("", views.plan_list, name="plan_list"),
    path("nhap/", views.plan_import, name="plan_import"),
    path("<int:pk>/", views.plan_detail, name="plan_detail"),
    path("<int:pk>/ban-hanh/", views.plan_issue, name="plan_issue"),
    path("<int:pk>/sua/", views.plan_edit, name="plan_edit"),
    path("<int:pk>/huy/", views.plan_cancel, name="plan_cancel"),
    path("<int:pk>/trien-khai/<int:unit_id>/", views.plan_derive, name="plan_derive"),
    path("nhiem-vu/<int:pk>/trang-thai/", views.task_status, name="task_status"),
    path("nhiem-vu/<int:pk>/tien-do/", views.task_note, name="task_note"),
    path("bao-cao/lap/<int:unit_id>/<str:period>/<int:year>/", views.report_prepare, name="report_prepare"),
    path("bao-cao/dot-xuat/", views.report_adhoc, name="report_adhoc"),
    path("bao-cao/<int:pk>/", views.report_detail, name="report_detail"),
    path("bao-cao/<int:pk>/cap-nhat-so-lieu/", views.report_refresh, name="report_refresh"),
    path("bao-cao/<int:pk>/gui/", views.report_submit, name="report_submit"),
    path("bao-cao/<int:pk>/xem-xet/", views.report_review, name="report_review"),
    path("tinh/<int:unit_id>/bang-diem/", views.scorecard, name="scorecard"),
    path("don-vi/<int:unit_id>/so-lieu/<str:key>/", views.figure_records, name="figure_records"),
]
