from django.urls import URLPattern, URLResolver, path

from grassroots.voting import views, views_forms, views_household, views_meetings

app_name = "voting"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.vote_list, name="vote_list"),
    path("thon/<int:community_id>/hop-moi/", views.meeting_new, name="meeting_new"),
    path("thon/<int:community_id>/phat-phieu-moi/", views_forms.ballot_campaign_new, name="ballot_campaign_new"),
    path("thon/<int:community_id>/truc-tuyen-moi/", views_forms.online_vote_new, name="online_vote_new"),
    path("thon/<int:community_id>/chon-truc-tuyen/", views_forms.online_adoption_new, name="online_adoption_new"),
    path("xa/<slug:commune_slug>/toan-xa-moi/", views_forms.commune_vote_new, name="commune_vote_new"),
    path("<int:vote_id>/", views.vote_detail, name="vote_detail"),
    path("<int:vote_id>/mo/", views.vote_open_view, name="vote_open"),
    path("<int:vote_id>/diem-danh/", views_meetings.meeting_register, name="meeting_register"),
    path("<int:vote_id>/ket-qua-tam/", views_meetings.tally_partial, name="tally_partial"),
    path("<int:vote_id>/ho/<int:household_id>/co-mat/", views_meetings.attendance_toggle, name="attendance_toggle"),
    path("<int:vote_id>/ho/<int:household_id>/bieu-quyet/", views_meetings.hand_record, name="hand_record"),
    path("<int:vote_id>/thu-ky/", views_meetings.officers_approve, name="officers_approve"),
    path("<int:vote_id>/kiem-phieu/", views_meetings.ballots_count, name="ballots_count"),
    path("<int:vote_id>/ket-thuc/", views.vote_close_view, name="vote_close"),
    path("<int:vote_id>/chuyen-phat-phieu/", views_meetings.move_to_ballots, name="move_to_ballots"),
    path("<int:vote_id>/gui/", views.vote_submit_view, name="vote_submit"),
    path("<int:vote_id>/cong-nhan/", views.vote_recognise_view, name="vote_recognise"),
    path("<int:vote_id>/khong-cong-nhan/", views.vote_refuse_view, name="vote_refuse"),
    path("<int:vote_id>/phieu/", views_meetings.ballots_print, name="ballots_print"),
    path("<int:vote_id>/nguoi-tham-gia/", views_meetings.participants, name="participants"),
    path("<int:vote_id>/danh-sach-ho/", views.roll, name="roll"),
    path("<int:vote_id>/danh-sach-ho/sua/", views.roll_amend, name="roll_amend"),
    path("<int:vote_id>/thong-nhat-truc-tuyen/", views.online_agreement, name="online_agreement"),
    path("bieu-quyet/<int:vote_id>/", views_household.online_choose, name="online_choose"),
    path("bieu-quyet/<int:vote_id>/kiem-tra/", views_household.online_check, name="online_check"),
    path("bieu-quyet/<int:vote_id>/da-ghi-nhan/", views_household.online_done, name="online_done"),
    path("ket-qua/<int:community_id>/", views_household.public_results, name="public_results"),
    path("<int:vote_id>/bieu-mau/", views_forms.vote_forms, name="vote_forms"),
    path("<int:vote_id>/bieu-mau/<slug:form_slug>/", views_forms.vote_form_issue, name="vote_form_issue"),
    path("<int:vote_id>/ke-hoach-phat-phieu/", views_forms.ballot_plan_sent, name="ballot_plan_sent"),
    path("<int:vote_id>/huy-bo-sua-doi/", views_forms.vote_revoke, name="vote_revoke"),
    path("<int:vote_id>/phien-cum/", views_meetings.cluster_session_add, name="cluster_session_add"),
    path("<int:vote_id>/giao-tai-lieu/", views_meetings.deliveries, name="deliveries"),
    path("<int:vote_id>/giao-tai-lieu/tat-ca/", views_meetings.deliveries_bulk, name="deliveries_bulk"),
    path("<int:vote_id>/giao-tai-lieu/ho/<int:household_id>/", views_meetings.delivery_one, name="delivery_one"),
]
