from django.urls import URLPattern, URLResolver, path

from grassroots.elections import views, views_dismissals

app_name = "elections"

urlpatterns: list[URLPattern | URLResolver] = [
    path("bau-cu/", views.election_list, name="election_list"),
    path("thon/<int:community_id>/bau-cu-moi/", views.election_new, name="election_new"),
    path("bau-cu/<int:election_id>/", views.election_detail, name="election_detail"),
    path("bau-cu/<int:election_id>/ung-cu/", views.election_candidate_add, name="election_candidate_add"),
    path("bau-cu/<int:election_id>/to-bau-cu/", views.election_team_add, name="election_team_add"),
    path("bau-cu/<int:election_id>/buoc/<slug:step>/", views.election_step, name="election_step"),
    path("bau-cu/<int:election_id>/mo/", views.election_open, name="election_open"),
    path(
        "bau-cu/<int:election_id>/trieu-tap-hoi-nghi/",
        views.election_meeting_schedule,
        name="election_meeting_schedule",
    ),
    path("bau-cu/<int:election_id>/kiem-phieu/", views.election_count, name="election_count"),
    path("bau-cu/<int:election_id>/cong-nhan/", views.election_recognise, name="election_recognise"),
    path("bau-cu/<int:election_id>/khong-cong-nhan/", views.election_refuse, name="election_refuse"),
    path("bau-cu/<int:election_id>/bau-lai/", views.election_rerun, name="election_rerun"),
    path("bau-cu/<int:election_id>/de-cu-tai-hoi-nghi/", views.election_floor_nominate, name="election_floor_nominate"),
    path("bau-cu/<int:election_id>/mau-05/", views.election_candidate_minutes, name="election_candidate_minutes"),
    path("bau-cu/<int:election_id>/bau-bo-sung/", views.election_by_election, name="election_by_election"),
    path(
        "cho-thoi-lam/<int:dismissal_id>/ubnd-quyet-dinh/",
        views_dismissals.dismissal_commune_decide,
        name="dismissal_commune_decide",
    ),
    path("thon/<int:community_id>/cho-thoi-lam/", views_dismissals.dismissal_new, name="dismissal_new"),
    path("cho-thoi-lam/<int:dismissal_id>/", views_dismissals.dismissal_detail, name="dismissal_detail"),
    path("cho-thoi-lam/<int:dismissal_id>/hop/", views_dismissals.dismissal_meeting, name="dismissal_meeting"),
    path("cho-thoi-lam/<int:dismissal_id>/ket-qua/", views_dismissals.dismissal_conclude, name="dismissal_conclude"),
    path(
        "cho-thoi-lam/<int:dismissal_id>/cong-nhan/", views_dismissals.dismissal_recognise, name="dismissal_recognise"
    ),
]
