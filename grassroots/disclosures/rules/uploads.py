"""Attachments and evidence: type by content and extension, size."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from grassroots.core.errors import RuleResult
from grassroots.core.uploads import sniff_kind, zip_problem
from grassroots.disclosures.rules.law import ATTACHMENT_MAX_BYTES

# ---------------------------------------------------------------------------------------------
# Attachments: type by content and extension, size
# ---------------------------------------------------------------------------------------------

ATTACHMENT_EXTENSIONS: Mapping[str, str] = {
    ".pdf": "pdf",
    ".docx": "docx",
    ".png": "png",
    ".jpg": "jpeg",
    ".jpeg": "jpeg",
}
"""Allowed file name endings and the kind their content must have."""

EVIDENCE_KINDS = frozenset({"pdf", "png", "jpeg"})
"""Evidence of a posting or broadcast: a photo or a scanned log."""


def check_upload(
    *, name: str, content: bytes, allowed_kinds: Iterable[str] = ATTACHMENT_EXTENSIONS.values()
) -> RuleResult:
    """Refuse an upload that is empty, too large, of a forbidden kind, or whose content does not match its name."""
    if not content:
        return RuleResult.refuse("disclosures.upload_empty")
    if len(content) > ATTACHMENT_MAX_BYTES:
        return RuleResult.refuse("disclosures.upload_too_large", max_bytes=ATTACHMENT_MAX_BYTES, size=len(content))
    suffix = "." + name.rsplit(".", 1)[-1].lower() if "." in name else ""
    expected = ATTACHMENT_EXTENSIONS.get(suffix)
    allowed = set(allowed_kinds)
    if expected is None or expected not in allowed:
        return RuleResult.refuse("disclosures.upload_type_not_allowed", suffix=suffix)
    found = sniff_kind(content)
    if found != expected:
        return RuleResult.refuse("disclosures.upload_content_mismatch", suffix=suffix, found=found or "")
    if found == "docx" and (problem := zip_problem(content)):
        return RuleResult.refuse("disclosures.upload_archive", reason=problem)
    return RuleResult.ok(kind=found)
