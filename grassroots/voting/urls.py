from django.urls import URLPattern, URLResolver, path

from grassroots.voting import views, views_meetings

app_name = "voting"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.vote_list, name="vote_list"),
    path("thon/<int:community_id>/hop-moi/", views.meeting_new, name="meeting_new"),
    path("<int:vote_id>/", views.vote_detail, name="vote_detail"),
    path("<int:vote_id>/mo/", views.vote_open_view, name="vote_open"),
    path("<int:vote_id>/diem-danh/", views.meeting_register, name="meeting_register"),
    path("<int:vote_id>/ket-qua-tam/", views.tally_partial, name="tally_partial"),
    path("<int:vote_id>/ho/<int:household_id>/co-mat/", views.attendance_toggle, name="attendance_toggle"),
    path("<int:vote_id>/ho/<int:household_id>/bieu-quyet/", views.hand_record, name="hand_record"),
    path("<int:vote_id>/thu-ky/", views.officers_approve, name="officers_approve"),
    path("<int:vote_id>/kiem-phieu/", views.ballots_count, name="ballots_count"),
    path("<int:vote_id>/ket-thuc/", views.vote_close_view, name="vote_close"),
    path("<int:vote_id>/chuyen-phat-phieu/", views.move_to_ballots, name="move_to_ballots"),
    path("<int:vote_id>/gui/", views.vote_submit_view, name="vote_submit"),
    path("<int:vote_id>/cong-nhan/", views.vote_recognise_view, name="vote_recognise"),
    path("<int:vote_id>/khong-cong-nhan/", views.vote_refuse_view, name="vote_refuse"),
    path("<int:vote_id>/phieu/", views.ballots_print, name="ballots_print"),
    path("<int:vote_id>/nguoi-tham-gia/", views.participants, name="participants"),
    path("<int:vote_id>/danh-sach-ho/", views.roll, name="roll"),
    path("<int:vote_id>/danh-sach-ho/sua/", views.roll_amend, name="roll_amend"),
    path("<int:vote_id>/thong-nhat-truc-tuyen/", views.online_agreement, name="online_agreement"),
    path("bieu-quyet/<int:vote_id>/", views.online_choose, name="online_choose"),
    path("bieu-quyet/<int:vote_id>/kiem-tra/", views.online_check, name="online_check"),
    path("bieu-quyet/<int:vote_id>/da-ghi-nhan/", views.online_done, name="online_done"),
    path("ket-qua/<int:community_id>/", views.public_results, name="public_results"),
    path("<int:vote_id>/phien-cum/", views.cluster_session_add, name="cluster_session_add"),
    path("<int:vote_id>/giao-tai-lieu/", views_meetings.deliveries, name="deliveries"),
    path("<int:vote_id>/giao-tai-lieu/tat-ca/", views_meetings.deliveries_bulk, name="deliveries_bulk"),
    path("<int:vote_id>/giao-tai-lieu/ho/<int:household_id>/", views_meetings.delivery_one, name="delivery_one"),
]
