"""``manage.py screenshots OUTDIR``: phone and desktop PNGs of a role's main pages (issue 21)."""

from __future__ import annotations

import struct
from pathlib import Path

import pytest
from django.core.management import call_command

from grassroots.accounts.models import User

pytestmark = pytest.mark.browser


def png_size(path: Path) -> tuple[int, int]:
    header = path.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", header[16:24])
    return int(width), int(height)


def test_screenshots_of_the_task_page_and_shortcuts_on_phone_and_desktop(officer: User, tmp_path: Path) -> None:
    call_command("screenshots", str(tmp_path), "--user", officer.username)
    shots = sorted((tmp_path / officer.username).glob("*.png"))
    names = [shot.name for shot in shots]
    assert "01-viec-can-lam-phone.png" in names and "01-viec-can-lam-desktop.png" in names
    # The task page and at least the households, documents and calendar shortcuts of a commune officer.
    assert len(shots) >= 2 * 4 and len(shots) % 2 == 0
    assert png_size(tmp_path / officer.username / "01-viec-can-lam-phone.png") == (360, 740)
    assert png_size(tmp_path / officer.username / "01-viec-can-lam-desktop.png") == (1280, 800)


def test_screenshots_refuse_unknown_users(transactional_db: None, tmp_path: Path) -> None:
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="nobody"):
        call_command("screenshots", str(tmp_path), "--user", "nobody")
