from django.urls import path

from grassroots.privacy import views

app_name = "privacy"

urlpatterns = [
    path("cua-toi/", views.my_data, name="my_data"),
    path("cua-toi/tai-ve.json", views.my_data_download, name="my_data_download"),
    path("nguoi-dung/<int:user_id>/xoa/", views.erase, name="erase"),
    path("tra-cuu/", views.lookup, name="lookup"),
]
