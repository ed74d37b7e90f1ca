from django.urls import path

from grassroots.disclosures import feeds, staff_views, views

app_name = "disclosures"

urlpatterns = [
    # Staff pages first: "quan-ly" is never a commune slug here.
    path("quan-ly/", staff_views.index, name="staff_index"),
    path("quan-ly/chuyen-tin/<int:pk>/", staff_views.relay_acknowledge, name="relay_acknowledge"),
    path("quan-ly/tinh/<slug:slug>/", staff_views.province_rollup, name="province_rollup"),
    path("quan-ly/<slug:slug>/", staff_views.dashboard, name="dashboard"),
    path("quan-ly/<slug:slug>/them/", staff_views.create, name="create"),
    path("quan-ly/<slug:slug>/<int:pk>/", staff_views.detail, name="staff_detail"),
    path("quan-ly/<slug:slug>/<int:pk>/cong-khai/", staff_views.publish, name="publish"),
    path("quan-ly/<slug:slug>/<int:pk>/sua-doi/", staff_views.amend, name="amend"),
    path("quan-ly/<slug:slug>/<int:pk>/rut/", staff_views.withdraw, name="withdraw"),
    path("quan-ly/<slug:slug>/<int:pk>/ket-thuc/", staff_views.end, name="end"),
    path("quan-ly/<slug:slug>/<int:pk>/hinh-thuc/", staff_views.record_channel, name="record_channel"),
    path("quan-ly/<slug:slug>/<int:pk>/tep/", staff_views.add_attachment, name="add_attachment"),
    path(
        "quan-ly/<slug:slug>/danh-sach-quy/<int:year>/<int:quarter>/",
        staff_views.quarterly_list,
        name="quarterly_list",
    ),
    # Public portal.
    path("<slug:slug>/", views.index, name="index"),
    path("<slug:slug>/atom/", feeds.CommuneFeed(), name="feed"),
    path("<slug:slug>/atom/<str:code>/", feeds.CommuneFeed(), name="category_feed"),
    path("<slug:slug>/<int:pk>/", views.detail, name="detail"),
    path("<slug:slug>/<int:pk>/thong-bao-niem-yet.pdf", views.notice_pdf, name="notice_pdf"),
    path("<slug:slug>/<int:pk>/tep/<int:attachment_id>/", views.attachment, name="attachment"),
]
