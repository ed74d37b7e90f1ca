from django.urls import path

from grassroots.notifications import views

app_name = "notifications"

urlpatterns = [
    path("", views.inbox, name="inbox"),
    path("da-doc/", views.read_all, name="read_all"),
    path("<int:pk>/xem/", views.open_notification, name="open"),
    path("cai-dat/", views.notification_settings, name="settings"),
    path("viec-hang-nam/<int:pk>/", views.draft_complete, name="draft_complete"),
]
