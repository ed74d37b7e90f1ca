"""Render a built-in sample (``--sample KH``) or an issued document (``--id N``) to PDF or DOCX."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from grassroots.documents import samples, selectors
from grassroots.documents.models import Document
from grassroots.documents.rendering import FORMATS, render_spec


class Command(BaseCommand):
    help = "Render a document sample or an issued document: --sample KH --format pdf -o FILE"

    def add_arguments(self, parser: CommandParser) -> None:
        source = parser.add_mutually_exclusive_group(required=True)
        source.add_argument("--sample", help="Type abbreviation (KH, BC, BB, QĐ/QD, TB, NQ, TTr, CV) or type value.")
        source.add_argument("--id", type=int, help="Primary key of an issued document.")
        parser.add_argument("--format", choices=sorted(FORMATS), default="pdf")
        parser.add_argument("-o", "--output", required=True, help="Output file path.")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["sample"]:
            try:
                spec = samples.sample(options["sample"])
            except KeyError:
                known = ", ".join(["KH", "BC", "BB", "QĐ", "TB", "NQ", "TTr", "CV"])
                raise CommandError(f"No sample for {options['sample']!r}; known: {known}.") from None
        else:
            document = Document.objects.filter(pk=options["id"]).first()
            if document is None:
                raise CommandError(f"No issued document with id {options['id']}.")
            spec = selectors.document_spec(document)
        content = render_spec(spec, options["format"])
        output = Path(options["output"])
        output.write_bytes(content)
        self.stdout.write(f"{output} ({len(content)} bytes)")
