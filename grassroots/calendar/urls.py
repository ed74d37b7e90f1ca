from django.urls import path

from grassroots.calendar import views

app_name = "calendar"

urlpatterns = [
    path("", views.override_list, name="override_list"),
    path("them/", views.override_create, name="override_create"),
    path("<int:pk>/sua/", views.override_edit, name="override_edit"),
    path("<int:pk>/xoa/", views.override_delete, name="override_delete"),
]
