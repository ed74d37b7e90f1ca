"""The root URLconf plus the public short links, until config/urls.py mounts them at ``v/``."""

from django.urls import include, path

from config.urls import urlpatterns as root_patterns

urlpatterns = [path("v/", include("grassroots.documents.public_urls")), *root_patterns]
