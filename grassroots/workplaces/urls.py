from django.urls import URLPattern, URLResolver, path

from grassroots.workplaces import views

app_name = "workplaces"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.organisation_list, name="organisation_list"),
    path("mau-danh-sach-can-bo.xlsx", views.import_template_xlsx, name="import_template_xlsx"),
    path("mau-danh-sach-can-bo.csv", views.import_template_csv, name="import_template_csv"),
    path("<int:org_id>/", views.organisation_home, name="organisation_home"),
    path("<int:org_id>/ho-so/", views.profile_edit, name="profile_edit"),
    path("<int:org_id>/ap-dung-quy-dinh-dnnn/", views.soe_rules_opt_in, name="soe_rules_opt_in"),
    path("<int:org_id>/nhan-su/", views.staff_list, name="staff_list"),
    path("<int:org_id>/nhan-su/them/", views.staff_add, name="staff_add"),
    path("<int:org_id>/nhan-su/nhap-tep/", views.staff_import, name="staff_import"),
    path("<int:org_id>/nhan-su/<int:staff_id>/thoi-viec/", views.staff_leave, name="staff_leave"),
    path("<int:org_id>/nhan-su/<int:staff_id>/chuc-vu/", views.staff_post, name="staff_post"),
    path("<int:org_id>/hoi-nghi/moi/", views.conference_new, name="conference_new"),
    path("<int:org_id>/lay-y-kien/moi/", views.consultation_new, name="consultation_new"),
    path("<int:org_id>/doi-thoai/moi/", views.dialogue_new, name="dialogue_new"),
    path("<int:org_id>/doi-thoai/thanh-vien/", views.dialogue_members, name="dialogue_members"),
    path("<int:org_id>/lay-phieu/moi/", views.ballot_new, name="ballot_new"),
    path("<int:org_id>/uy-quyen/moi/", views.authorisation_new, name="authorisation_new"),
    path("lay-phieu/<int:ballot_id>/", views.ballot_detail, name="ballot_detail"),
    path("lay-phieu/<int:ballot_id>/phat-phieu/", views.ballot_open, name="ballot_open"),
    path("lay-phieu/<int:ballot_id>/nop-phieu/", views.ballot_return, name="ballot_return"),
    path("lay-phieu/<int:ballot_id>/kiem-phieu/", views.ballot_count, name="ballot_count"),
    path("lay-phieu/<int:ballot_id>/huy/", views.ballot_cancel, name="ballot_cancel"),
    path("hoi-nghi/<int:conference_id>/", views.conference_detail, name="conference_detail"),
    path("hoi-nghi/<int:conference_id>/chuan-bi/", views.conference_step, name="conference_step"),
    path("hoi-nghi/<int:conference_id>/dai-bieu/", views.conference_delegates, name="conference_delegates"),
    path("hoi-nghi/<int:conference_id>/chu-tri/", views.conference_chair, name="conference_chair"),
    path("hoi-nghi/<int:conference_id>/khai-mac/", views.conference_open, name="conference_open"),
    path("hoi-nghi/<int:conference_id>/diem-danh/", views.attendance_mark, name="attendance_mark"),
    path("hoi-nghi/<int:conference_id>/chot-diem-danh/", views.conference_close_attendance, name="conference_close"),
    path("hoi-nghi/<int:conference_id>/noi-dung/", views.item_add, name="item_add"),
    path("hoi-nghi/<int:conference_id>/ban-hanh/", views.conference_issue, name="conference_issue"),
    path("hoi-nghi/<int:conference_id>/kiem-tra/", views.conference_review, name="conference_review"),
    path("hoi-nghi/<int:conference_id>/huy/", views.conference_cancel, name="conference_cancel"),
    path("hoi-nghi/noi-dung/<int:item_id>/bieu-quyet/", views.item_vote, name="item_vote"),
    path("lay-y-kien/<int:staff_consultation_id>/", views.consultation_detail, name="consultation_detail"),
    path("lay-y-kien/<int:staff_consultation_id>/y-kien/", views.opinion_add, name="opinion_add"),
    path("lay-y-kien/<int:staff_consultation_id>/ket-thuc/", views.consultation_close, name="consultation_close"),
    path(
        "lay-y-kien/<int:staff_consultation_id>/hoan-thanh/", views.consultation_complete, name="consultation_complete"
    ),
    path("lay-y-kien/y-kien/<int:staff_opinion_id>/", views.opinion_answer, name="opinion_answer"),
    path("doi-thoai/<int:dialogue_id>/", views.dialogue_detail, name="dialogue_detail"),
    path("doi-thoai/<int:dialogue_id>/ket-qua/", views.dialogue_record, name="dialogue_record"),
    path("doi-thoai/<int:dialogue_id>/pho-bien/", views.dialogue_publish, name="dialogue_publish"),
]
