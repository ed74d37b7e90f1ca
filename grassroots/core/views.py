from django.http import HttpRequest, HttpResponse

from grassroots.accounts.authorize import public_view


@public_view
def healthz(request: HttpRequest) -> HttpResponse:
    """Liveness probe and the in-process baseline for benchmarks: touches no database."""
    return HttpResponse(b"ok", content_type="text/plain")
