from django.urls import URLPattern, URLResolver, path

from grassroots.oversight import views, views_work

app_name = "oversight"

urlpatterns: list[URLPattern | URLResolver] = [
    # Staff: the Front, the union, board members, the bodies that answer.
    path("can-bo/<slug:commune_slug>/", views.staff_index, name="staff_index"),
    path("can-bo/<slug:commune_slug>/ban-moi/", views.board_new, name="board_new"),
    path("co-quan/", views.organisation_index, name="organisation_index"),
    path("co-quan/<int:organisation_id>/ban-moi/", views.organisation_board_new, name="organisation_board_new"),
    path("ban/<int:pk>/", views.board_detail, name="board_detail"),
    path("ban/<int:pk>/bao-cao/<int:year>/", views.board_report, name="board_report"),
    path("ban/<int:pk>/bao-cao/<int:year>/ban-hanh/", views.board_report_issue, name="board_report_issue"),
    path("bao-cao/<int:pk>/cong-khai-can-bo/", views.report_publish, name="report_publish"),
    path("ban/<int:pk>/van-ban/<int:document_id>.pdf", views.board_document, name="board_document"),
    path("ban/<int:pk>/hoi-nghi-cuoi-nam/<int:year>/", views_work.conference_reports, name="conference_reports"),
    path(
        "bao-cao-hoi-nghi/<int:pk>/da-bao-cao/",
        views_work.conference_report_present,
        name="conference_report_present",
    ),
    path("ban/<int:pk>/yeu-cau-thong-tin/", views_work.information_new, name="information_new"),
    path("yeu-cau-thong-tin/<int:pk>/", views_work.information_detail, name="information_detail"),
    path("yeu-cau-thong-tin/<int:pk>/cung-cap/", views_work.information_answer, name="information_answer"),
    path("yeu-cau-thong-tin/<int:pk>/rut/", views_work.information_withdraw, name="information_withdraw"),
    path("yeu-cau-thong-tin/<int:pk>/gia-han/", views_work.information_extend, name="information_extend"),
    path("ban/<int:pk>/chuong-trinh/", views.board_programmes, name="board_programmes"),
    path("chuong-trinh/<int:pk>/viec/", views.programme_item_add, name="programme_item_add"),
    path("viec/<int:pk>/xong/", views.programme_item_done, name="programme_item_done"),
    path("ban/<int:pk>/thanh-vien/", views.board_member_add, name="board_member_add"),
    path("ban/<int:pk>/thanh-vien/<int:member_id>/thoi/", views.board_member_leave, name="board_member_leave"),
    path("ban/<int:pk>/bieu-quyet/", views.board_vote, name="board_vote"),
    path("ban/<int:pk>/cong-nhan/", views.board_recognise, name="board_recognise"),
    path("ban/<int:pk>/thong-bao-chu-dau-tu/", views.board_investor_notify, name="board_investor_notify"),
    path("ban/<int:pk>/du-an-moi/", views.board_project_new, name="board_project_new"),
    path("du-an/<int:pk>/thong-bao-chu-dau-tu/", views.project_investor_notify, name="project_investor_notify"),
    path("ban/<int:pk>/kiem-tra-moi/", views.inspection_new, name="board_inspection_new"),
    path("ban/<int:pk>/kien-nghi-moi/", views.recommendation_new, name="board_recommendation_new"),
    path("kiem-tra/<int:pk>/", views.inspection_detail, name="inspection_detail"),
    path("kiem-tra/<int:pk>/gui-ke-hoach/", views.inspection_notify, name="inspection_notify"),
    path("kiem-tra/<int:pk>/phat-hien/", views.inspection_finding, name="inspection_finding"),
    path("kiem-tra/<int:pk>/ket-luan/", views.inspection_conclude, name="inspection_conclude"),
    path("kien-nghi/<int:pk>/", views.recommendation_detail, name="recommendation_detail"),
    path("kien-nghi/<int:pk>/xac-nhan/", views.recommendation_confirm, name="recommendation_confirm"),
    path("kien-nghi/<int:pk>/gui/", views.recommendation_send, name="recommendation_send"),
    path("kien-nghi/<int:pk>/tra-loi/", views.recommendation_answer, name="recommendation_answer"),
    path("kien-nghi/<int:pk>/ket-thuc/", views.recommendation_close, name="recommendation_close"),
    path("kien-nghi/<int:pk>/chuyen-cap-tren/", views.recommendation_escalate, name="recommendation_escalate"),
    # Public: recommendations made public and their answers.
    path("cong-khai/<slug:commune_slug>/", views.public_list, name="public_list"),
]
