from django.urls import path

from grassroots.portal import views

app_name = "portal"

urlpatterns = [
    path("", views.home, name="home"),
    path("xa/<slug:slug>/", views.commune, name="commune"),
]
