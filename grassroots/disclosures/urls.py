from django.urls import path

from grassroots.core.pagecache import cached_public_page
from grassroots.disclosures import feeds, office_views, organisation_views, staff_views, views
from grassroots.units.selectors import page_version_for_commune

app_name = "disclosures"

urlpatterns = [
    # Staff pages first: "quan-ly" is never a commune slug here.
    path("quan-ly/", staff_views.index, name="staff_index"),
    # Organisations (Chapters III, IV): before "quan-ly/<slug>/" so "co-quan" is never read as a slug.
    path("quan-ly/co-quan/", organisation_views.organisation_list, name="organisation_list"),
    path("quan-ly/co-quan/<int:org_id>/", organisation_views.organisation_index, name="organisation_index"),
    path("quan-ly/co-quan/<int:org_id>/them/", organisation_views.organisation_create, name="organisation_create"),
    path("quan-ly/co-quan/<int:org_id>/<int:pk>/", organisation_views.organisation_detail, name="organisation_detail"),
    path(
        "quan-ly/co-quan/<int:org_id>/<int:pk>/cong-khai/",
        organisation_views.organisation_publish,
        name="organisation_publish",
    ),
    path(
        "quan-ly/co-quan/<int:org_id>/<int:pk>/rut/",
        organisation_views.organisation_withdraw,
        name="organisation_withdraw",
    ),
    path("quan-ly/chuyen-tin/<int:pk>/", staff_views.relay_acknowledge, name="relay_acknowledge"),
    path("quan-ly/tinh/<slug:slug>/", staff_views.province_rollup, name="province_rollup"),
    path("quan-ly/<slug:slug>/", staff_views.dashboard, name="dashboard"),
    path("quan-ly/<slug:slug>/them/", staff_views.create, name="create"),
    path("quan-ly/<slug:slug>/yeu-cau/", office_views.request_list, name="request_list"),
    path("quan-ly/<slug:slug>/yeu-cau/them/", office_views.request_create, name="request_create"),
    path("quan-ly/<slug:slug>/yeu-cau/<int:pk>/", office_views.request_detail, name="request_detail"),
    path("quan-ly/<slug:slug>/yeu-cau/<int:pk>/gia-han/", office_views.request_extend, name="request_extend"),
    path("quan-ly/<slug:slug>/yeu-cau/<int:pk>/tra-loi/", office_views.request_answer, name="request_answer"),
    path("quan-ly/<slug:slug>/yeu-cau/<int:pk>/tep/", office_views.request_attachment, name="request_attachment"),
    path("quan-ly/<slug:slug>/ke-hoach/", office_views.plan_list, name="plan_list"),
    path("quan-ly/<slug:slug>/ke-hoach/<int:pk>/", office_views.plan_detail, name="plan_detail"),
    path("quan-ly/<slug:slug>/dieu-kien/", office_views.profile, name="profile"),
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
    path(
        "quan-ly/<slug:slug>/danh-sach-quy/<int:year>/<int:quarter>/ban-hanh/",
        office_views.quarterly_issue,
        name="quarterly_issue",
    ),
    # Public portal.
    path("<slug:slug>/", views.index, name="index"),
    path("<slug:slug>/atom/", cached_public_page(page_version_for_commune)(feeds.CommuneFeed()), name="feed"),
    path(
        "<slug:slug>/atom/<str:code>/",
        cached_public_page(page_version_for_commune)(feeds.CommuneFeed()),
        name="category_feed",
    ),
    path("<slug:slug>/<int:pk>/", views.detail, name="detail"),
    path("<slug:slug>/<int:pk>/thong-bao-niem-yet.pdf", views.notice_pdf, name="notice_pdf"),
    path("<slug:slug>/<int:pk>/tep/<int:attachment_id>/", views.attachment, name="attachment"),
]
