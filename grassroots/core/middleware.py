"""Language selection: Vietnamese unless the person chose another language with the switch."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest, QueryDict
from django.middleware.locale import LocaleMiddleware
from django.utils import translation


class VietnameseByDefaultLocaleMiddleware(LocaleMiddleware):
    """Like Django's LocaleMiddleware, but the browser's Accept-Language is not consulted.

    Many officials' phones and office PCs run an English system; the platform must still open in
    Vietnamese. Only the language switch (the ``django_language`` cookie) changes it.
    """

    def process_request(self, request: HttpRequest) -> None:
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        code = chosen if chosen in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
        translation.activate(code)
        request.LANGUAGE_CODE = translation.get_language()


class StripNulFromQueryMiddleware:
    """NUL characters are removed from the query string before any view reads it.

    No text the platform stores or searches may hold NUL (``core.textguard`` refuses it on every save), and
    PostgreSQL refuses it in any text comparison: a NUL in ``?q=`` or in a filter was a server error there,
    and nothing on SQLite. Removed once here, as the API already did for its own parameters, so a search for
    ``ngân`` + NUL + ``sách`` is a search for ``ngânsách``. Form fields are left to Django's forms, which refuse a NUL
    with a message.
    """

    def __init__(self, get_response: Any) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> Any:
        if any("\x00" in key or any("\x00" in value for value in values) for key, values in request.GET.lists()):
            cleaned = QueryDict(mutable=True)
            for key, values in request.GET.lists():
                cleaned.setlist(key.replace("\x00", ""), [value.replace("\x00", "") for value in values])
            cleaned._mutable = False
            request.GET = cleaned  # type: ignore[assignment]  # immutable again, as Django leaves it
        return self.get_response(request)
