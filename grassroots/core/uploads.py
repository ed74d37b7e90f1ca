"""The one way to check an uploaded file before anything reads it: its kind from its content, and the
limits of the ZIP containers (DOCX, XLSX) that office files are.

Every upload entry point (disclosure attachments and evidence, case photos, fund receipts, household and
staff imports, plan imports) goes through these checks or through a rule built on them; the list of
entry points and the hostile files each one must refuse is in ``tests/test_uploads.py``.
"""

from __future__ import annotations

import io
import zipfile
from typing import IO, Any

from django.utils.translation import gettext as _

ZIP_MAX_UNCOMPRESSED_BYTES = 50 * 1024 * 1024
"""The most an office file (DOCX, XLSX) may unpack to. A commune's register of 10,000 households or a
40-page plan unpacks to a few MB; a "ZIP bomb" of a few kB that unpacks to gigabytes is refused before
any part of it is read (a platform limit, not a legal one)."""

ZIP_MAX_MEMBERS = 2_000
"""The most parts an office file may hold (a real DOCX or XLSX holds a few dozen)."""

ZIP_MAX_RATIO = 200
"""The most a single part may be compressed: XML compresses about 10–30 times; far more means a bomb."""


def sniff_kind(content: bytes) -> str | None:
    """The file kind from its first bytes (for ZIP containers, from their directory); ``None`` if unknown.

    Kinds: ``pdf``, ``png``, ``jpeg``, ``webp``, ``docx``, ``xlsx``. The name a file was sent with is
    never trusted: a program renamed ``anh.png`` is ``None`` here.
    """
    if content.startswith(b"%PDF-"):
        return "pdf"
    if content.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if content.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if content[:4] == b"RIFF" and content[8:12] == b"WEBP":
        return "webp"
    if content.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(content)) as archive:
                names = set(archive.namelist())
        except (zipfile.BadZipFile, ValueError, OSError):
            return None
        if "[Content_Types].xml" not in names:
            return None
        if "word/document.xml" in names:
            return "docx"
        if "xl/workbook.xml" in names:
            return "xlsx"
    return None


def zip_problem(content: bytes) -> str | None:
    """Why a ZIP container (DOCX, XLSX) must not be opened, in plain Vietnamese; ``None`` when it may.

    Reads only the archive's directory: a damaged archive, too many parts, or parts that would unpack
    beyond ``ZIP_MAX_UNCOMPRESSED_BYTES`` or compress more than ``ZIP_MAX_RATIO`` times are refused.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError):
        return _("Tệp bị hỏng hoặc không phải tệp Word/Excel.")
    if len(members) > ZIP_MAX_MEMBERS:
        return _("Tệp có quá nhiều thành phần bên trong.")
    total = 0
    for member in members:
        total += member.file_size
        if member.file_size > 1024 * 1024 and member.file_size > ZIP_MAX_RATIO * max(member.compress_size, 1):
            return _("Tệp nén bất thường (giải nén ra quá lớn so với kích thước tệp).")
    if total > ZIP_MAX_UNCOMPRESSED_BYTES:
        return _("Tệp giải nén ra lớn hơn %(mb)s MB.") % {"mb": ZIP_MAX_UNCOMPRESSED_BYTES // (1024 * 1024)}
    return None


def read_zip_member(archive: zipfile.ZipFile, name: str, *, max_bytes: int = ZIP_MAX_UNCOMPRESSED_BYTES) -> bytes:
    """One part of an archive, read at most ``max_bytes + 1`` bytes: the directory's sizes can lie, the
    stream cannot. Raises ``zipfile.BadZipFile`` when the part is larger."""
    with archive.open(name) as stream:
        data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise zipfile.BadZipFile(f"{name} unpacks beyond {max_bytes} bytes")
    return data


def check_import_file(upload: Any, *, suffixes: tuple[str, ...], max_bytes: int) -> Any:
    """A form's ``clean_<file>`` for an import: the name's ending and the size, before any byte is read.

    Raises ``forms.ValidationError`` with a Vietnamese message; returns the upload unchanged.
    """
    from django import forms

    name = (getattr(upload, "name", "") or "").lower()
    if not name.endswith(suffixes):
        raise forms.ValidationError(
            _("Chỉ nhận tệp %(kinds)s.") % {"kinds": _(" hoặc ").join(suffixes)}, code="file_type"
        )
    if (getattr(upload, "size", 0) or 0) > max_bytes:
        raise forms.ValidationError(_("Tệp lớn hơn %(mb)s MB.") % {"mb": max_bytes // (1024 * 1024)}, code="file_size")
    return upload


def office_zip(stream: IO[bytes], *, error_code: str) -> io.BytesIO:
    """The bytes of an uploaded DOCX/XLSX as a fresh stream, once ``zip_problem`` found nothing wrong.

    Raises ``DomainError(error_code)`` with the reason, so a bomb never reaches openpyxl or the XML parser.
    """
    from grassroots.core.errors import DomainError

    content = stream.read()
    if problem := zip_problem(content):
        raise DomainError(error_code, str(problem))
    return io.BytesIO(content)
