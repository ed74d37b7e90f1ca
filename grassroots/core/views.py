from django.http import HttpRequest, HttpResponse


def healthz(request: HttpRequest) -> HttpResponse:
    """Liveness probe and the in-process baseline for benchmarks: touches no database."""
    return HttpResponse(b"ok", content_type="text/plain")
