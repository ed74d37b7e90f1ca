"""Public portal pages of the disclosures app: list, search, detail, posting notice, attachments."""

from __future__ import annotations

from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse

from grassroots.accounts.authorize import public_view
from grassroots.core import clock
from grassroots.core.pagecache import cached_public_page
from grassroots.disclosures import printing, selectors
from grassroots.disclosures.forms import SearchForm
from grassroots.disclosures.models import Channel, Disclosure, DisclosureAttachment
from grassroots.units.models import AdministrativeUnit
from grassroots.units.selectors import page_version_for_commune

PAGE_SIZE = 20


def _commune(slug: str) -> AdministrativeUnit:
    unit = selectors.commune_by_slug(slug)
    if unit is None:
        raise Http404
    return unit


def _public_disclosure(slug: str, pk: int) -> tuple[AdministrativeUnit, Disclosure]:
    """The commune and one of its published disclosures, or 404."""
    unit = _commune(slug)
    disclosure = selectors.public_disclosure(unit, pk)
    if disclosure is None:
        raise Http404
    return unit, disclosure


@public_view
@cached_public_page(page_version_for_commune)
def index(request: HttpRequest, slug: str) -> HttpResponse:
    unit = _commune(slug)
    form = SearchForm(request.GET or None)
    query, category = "", ""
    if form.is_valid():
        query, category = form.cleaned_data["q"].strip(), form.cleaned_data["category"].strip()
    queryset = selectors.public_disclosures(unit, category_code=category)
    number = request.GET.get("trang") or 1
    if query:
        page = selectors.public_search_page(queryset, query, number, page_size=PAGE_SIZE)
    else:
        page = selectors.public_page(queryset, number, page_size=PAGE_SIZE)
    context = {
        "commune": unit,
        "form": form,
        "query": query,
        "category": category,
        "categories": selectors.categories(),
        "page": page,
    }
    if getattr(request, "htmx", False):
        return render(request, "disclosures/_results.html", context)
    return render(request, "disclosures/index.html", context)


@public_view
@cached_public_page(page_version_for_commune)
def detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    unit, disclosure = _public_disclosure(slug, pk)
    versions = list(selectors.published_versions(disclosure))
    shown_version = versions[0].number if versions else 0
    context = {
        "commune": unit,
        "disclosure": disclosure,
        "versions": versions,
        "current": versions[0] if versions else None,
        # An amendment's files stay internal until the amendment itself is published (art. 14(3)).
        "attachments": disclosure.attachments.filter(version_number__lte=shown_version),
        "publications": disclosure.publications.select_related("community").order_by("started_on", "pk"),
        "history": selectors.public_history(disclosure),
        "channel_labels": dict(Channel.choices),
    }
    return render(request, "disclosures/detail.html", context)


@public_view
def notice_pdf(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    unit, disclosure = _public_disclosure(slug, pk)
    url = request.build_absolute_uri(reverse("disclosures:detail", args=[unit.slug, disclosure.pk]))
    content = printing.posting_notice_pdf(disclosure, public_url=url, on=clock.today())
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="thong-bao-niem-yet-{disclosure.pk}.pdf"'
    return response


@public_view
def attachment(request: HttpRequest, slug: str, pk: int, attachment_id: int) -> FileResponse:
    _unit, disclosure = _public_disclosure(slug, pk)
    shown = selectors.published_versions(disclosure).values_list("number", flat=True).first() or 0
    item = get_object_or_404(DisclosureAttachment, pk=attachment_id, disclosure=disclosure, version_number__lte=shown)
    return FileResponse(item.file.open("rb"), as_attachment=False, filename=item.original_name)
