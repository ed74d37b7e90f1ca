from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET

from grassroots.accounts.authorize import public_view


@public_view
def healthz(request: HttpRequest) -> HttpResponse:
    """Liveness probe and the in-process baseline for benchmarks: touches no database."""
    return HttpResponse(b"ok", content_type="text/plain")


@public_view
@require_GET
def language(request: HttpRequest, code: str) -> HttpResponse:
    """The language switch: remember the choice in the language cookie and go back to the page.

    A link, not a form: public pages carry no CSRF token, so one cached copy serves every visitor
    (``core.pagecache``). Choosing a language changes nothing but how pages are shown.
    """
    if code not in dict(settings.LANGUAGES):
        raise Http404
    target = request.GET.get("next", "/")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = "/"
    response = HttpResponseRedirect(target)
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        code,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )
    return response
