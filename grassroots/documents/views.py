"""Staff pages (list, record, downloads, gallery) and the public short-link record of a document.

Staff pages need ``Action.VIEW_DOCUMENTS`` (the roles that work with official papers) and show only the
documents of the user's units (``selectors.documents_visible_to``); the short-link record is public.
"""

from __future__ import annotations

from django.core.paginator import Paginator
from django.db.models import Q
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from grassroots.accounts.authorize import action_required, public_view
from grassroots.accounts.rules import Action
from grassroots.core.models import AuditEvent
from grassroots.documents import samples, selectors
from grassroots.documents.forms import DocumentFilterForm
from grassroots.documents.layout import build_layout
from grassroots.documents.models import Document, DocumentType
from grassroots.documents.rendering import FORMATS, file_name, render_spec
from grassroots.documents.services import public_link

PAGE_SIZE = 50


def _visible_document(request: HttpRequest, pk: int) -> Document:
    document = selectors.documents_visible_to(request.user).filter(pk=pk).first()
    if document is None:
        raise Http404
    return document


@action_required(Action.VIEW_DOCUMENTS)
def document_list(request: HttpRequest) -> HttpResponse:
    form = DocumentFilterForm(request.GET or None)
    documents = selectors.documents_visible_to(request.user)
    if form.is_valid():
        if form.cleaned_data["kind"]:
            documents = documents.filter(kind=form.cleaned_data["kind"])
        if form.cleaned_data["year"]:
            documents = documents.filter(year=form.cleaned_data["year"])
        if words := form.cleaned_data["q"].strip():
            documents = documents.filter(Q(summary__icontains=words) | Q(symbol__icontains=words))
    page = Paginator(documents, PAGE_SIZE).get_page(request.GET.get("trang"))
    template = "documents/_rows.html" if getattr(request, "htmx", False) else "documents/list.html"
    return render(request, template, {"form": form, "page": page})


@action_required(Action.VIEW_DOCUMENTS)
def document_detail(request: HttpRequest, pk: int) -> HttpResponse:
    document = _visible_document(request, pk)
    layout = build_layout(selectors.document_spec(document))
    history = AuditEvent.objects.filter(object_type="documents.document", object_id=str(document.pk))
    context = {
        "document": document,
        "layout": layout,
        "history": history,
        "public_url": public_link(document.short_code) if document.is_public else "",
    }
    return render(request, "documents/detail.html", context)


@action_required(Action.VIEW_DOCUMENTS)
def document_download(request: HttpRequest, pk: int, file_format: str) -> FileResponse:
    document = _visible_document(request, pk)
    if file_format not in FORMATS:
        raise Http404
    stored = document.pdf_file if file_format == "pdf" else document.docx_file
    name = file_name(selectors.document_spec(document), file_format)
    return FileResponse(stored.open("rb"), content_type=FORMATS[file_format], filename=name, as_attachment=True)


@action_required(Action.VIEW_DOCUMENTS)
def gallery(request: HttpRequest) -> HttpResponse:
    items = []
    for kind in samples.SAMPLES:
        spec = samples.SAMPLES[kind]()
        items.append({"kind": kind, "label": DocumentType(kind).label, "layout": build_layout(spec)})
    return render(request, "documents/gallery.html", {"items": items})


@action_required(Action.VIEW_DOCUMENTS)
def gallery_sample(request: HttpRequest, kind: str, file_format: str) -> HttpResponse:
    if kind not in samples.SAMPLES or file_format not in FORMATS:
        raise Http404
    spec = samples.SAMPLES[kind]()
    response = HttpResponse(render_spec(spec, file_format), content_type=FORMATS[file_format])
    disposition = "inline" if file_format == "pdf" else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{file_name(spec, file_format)}"'
    return response


@public_view
def public_record(request: HttpRequest, short_code: str) -> HttpResponse:
    document = selectors.public_document(short_code)
    if document is None:
        raise Http404
    layout = build_layout(selectors.document_spec(document))
    return render(request, "documents/public_record.html", {"document": document, "layout": layout})


@public_view
def public_pdf(request: HttpRequest, short_code: str) -> FileResponse:
    document = selectors.public_document(short_code)
    if document is None:
        raise Http404
    name = file_name(selectors.document_spec(document), "pdf")
    return FileResponse(document.pdf_file.open("rb"), content_type=FORMATS["pdf"], filename=name)
