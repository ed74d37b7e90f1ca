from django.urls import URLPattern, URLResolver, path

from grassroots.funds import views

app_name = "funds"

urlpatterns: list[URLPattern | URLResolver] = [
    path("xa/<slug:commune_slug>/", views.public_list, name="public_list"),
    path("<int:fund_id>/", views.public_detail, name="public_detail"),
    path("<int:fund_id>/ban-in/", views.public_print, name="public_print"),
    path("chung-tu/<int:expense_id>/", views.evidence, name="evidence"),
    path("ho-cua-toi/", views.my_households, name="my_households"),
    path("<int:fund_id>/ho-cua-toi/<int:household_id>/", views.household_statement, name="household_statement"),
    path("ho-cua-toi/giay-to/<int:paper_id>/", views.my_paper_file, name="my_paper_file"),
    path("can-bo/", views.staff_list, name="staff_list"),
    path("can-bo/don-vi/<int:unit_id>/moi/", views.fund_new, name="fund_new"),
    path("can-bo/<int:fund_id>/", views.staff_detail, name="staff_detail"),
    path("can-bo/<int:fund_id>/ho/<int:household_id>/", views.household_account, name="household_account"),
    path("can-bo/<int:fund_id>/thu/", views.receipt_new, name="receipt_new"),
    path("can-bo/<int:fund_id>/ung-ho/", views.donation_new, name="donation_new"),
    path("can-bo/<int:fund_id>/chi/", views.expense_new, name="expense_new"),
    path("can-bo/<int:fund_id>/kien-nghi/", views.finding_new, name="finding_new"),
    path("can-bo/<int:fund_id>/cong-khai/", views.statement_new, name="statement_new"),
    path("can-bo/<int:fund_id>/nang-muc-chi/", views.limit_raise, name="limit_raise"),
    path("can-bo/<int:fund_id>/dong-quy/", views.fund_close, name="close"),
    path("can-bo/phieu/<int:entry_id>/in/", views.receipt_print, name="receipt_print"),
    path("can-bo/phieu/<int:entry_id>/dieu-chinh/", views.entry_reverse, name="entry_reverse"),
    path("can-bo/khoan-chi/<int:expense_id>/duyet/", views.expense_approve, name="expense_approve"),
    path("can-bo/khoan-chi/<int:expense_id>/tu-choi/", views.expense_reject, name="expense_reject"),
    path("can-bo/khoan-chi/<int:expense_id>/chung-tu/", views.expense_evidence, name="expense_evidence"),
    path("can-bo/thu-quy/", views.treasurer_home, name="treasurer_home"),
    path("can-bo/<int:fund_id>/thu-quy/", views.treasurer_appoint, name="treasurer_appoint"),
    path("can-bo/<int:fund_id>/thu-quy/thoi/", views.treasurer_end, name="treasurer_end"),
    path("can-bo/phieu/<int:entry_id>/giay/", views.receipt_paper, name="receipt_paper"),
    path("can-bo/<int:fund_id>/ho/<int:household_id>/thong-bao/", views.household_paper, name="household_paper"),
    path("can-bo/xa/<slug:commune_slug>/cong-khai-so-tien/", views.commune_setting, name="commune_setting"),
    path("can-bo/giay-to/<int:paper_id>/", views.paper_file, name="paper_file"),
]
