"""A backup restores into an empty database with the same counts and an audit trail that verifies.

Runs on the database the suite runs on (SQLite or PostgreSQL): the backup is taken in this process, the
restore runs as ``manage.py restore`` in a fresh process pointed at a new, empty database, exactly as
an operator would. The restore is also attacked: a tampered manifest, a tampered trail, a non-empty
target, an archive that tries to write outside the media folder.
"""

from __future__ import annotations

import io
import json
import os
import sqlite3
import subprocess
import sys
import tarfile
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.db import connection

from grassroots.core.backup import MANIFEST, BackupError, backup_create, backup_restore, table_names
from grassroots.core.models import AuditEvent
from grassroots.core.services import audit_record

ROOT = Path(settings.BASE_DIR)
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def world(settings: Any, tmp_path: Path, commune: Any, community: Any, household_representative: Any) -> dict[str, Any]:
    """A commune with residents, audited events in two chains, and two uploaded files."""
    settings.MEDIA_ROOT = str(tmp_path / "source-media")
    media = Path(settings.MEDIA_ROOT)
    (media / "cases" / "2026").mkdir(parents=True)
    (media / "cases" / "2026" / "anh-duong-hong.jpg").write_bytes(b"\xff\xd8\xff\xe0 photo of a broken road")
    (media / "bien-ban.pdf").write_bytes(b"%PDF-1.7 minutes")
    for index in range(5):
        audit_record(code="test.backup.event", unit=community, obj=commune, after={"n": index})
    audit_record(code="test.backup.system", after={"n": "system"})
    return {"commune": commune, "media": media}


def _counts() -> dict[str, int]:
    with connection.cursor() as cursor:
        existing = set(connection.introspection.table_names(cursor))
        result = {}
        for name in table_names():
            if name in existing:
                cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(name)}")  # noqa: S608 (a table name from the models' metadata)
                result[name] = cursor.fetchone()[0]
    return result


@pytest.fixture
def empty_database(tmp_path: Path) -> Iterator[str]:
    """A URL of a new, empty database of the same engine as the suite's; dropped afterwards."""
    if connection.vendor == "sqlite":
        yield f"sqlite:///{tmp_path / 'restored.sqlite3'}"
        return
    import psycopg

    db = settings.DATABASES["default"]
    name = f"{db['NAME']}_restore_{uuid.uuid4().hex[:8]}"
    auth = f"{db['USER']}:{db['PASSWORD']}@" if db.get("PASSWORD") else f"{db.get('USER') or 'postgres'}@"
    base = f"postgres://{auth}{db.get('HOST') or '127.0.0.1'}:{db.get('PORT') or 5432}"
    with psycopg.connect(f"{base}/postgres", autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield f"{base}/{name}"
    finally:
        with psycopg.connect(f"{base}/postgres", autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _manage(*args: str, database_url: str, var_dir: Path) -> subprocess.CompletedProcess[str]:
    env = {key: value for key, value in os.environ.items() if key != "DATABASE_URL"}
    env.update(
        {"DATABASE_URL": database_url, "GRASSROOTS_VAR_DIR": str(var_dir), "DJANGO_SETTINGS_MODULE": "config.settings"}
    )
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300
    )


def _rows_in(database_url: str, table: str) -> int:
    if database_url.startswith("sqlite:///"):
        with sqlite3.connect(database_url.removeprefix("sqlite:///")) as db:
            row = db.execute(f'SELECT COUNT(*) FROM "{table}"').fetchone()  # noqa: S608 (a table name from the models' metadata)
        assert row is not None
        return int(row[0])
    import psycopg

    with psycopg.connect(database_url) as db:
        row = db.execute(f'SELECT COUNT(*) FROM "{table}"').fetchone()  # noqa: S608 (a table name from the models' metadata)
        assert row is not None
        return int(row[0])


def test_a_backup_restores_into_an_empty_database_with_the_same_counts_and_a_verifying_trail(
    world: dict[str, Any], tmp_path: Path, empty_database: str
) -> None:
    before = _counts()
    archive, manifest = backup_create(output_dir=tmp_path / "backups")
    assert manifest["tables"] == before
    assert manifest["audit"]["events"] == AuditEvent.objects.count() >= 6
    assert manifest["files"] == 2

    var_dir = tmp_path / "restored-var"
    result = _manage("restore", str(archive), database_url=empty_database, var_dir=var_dir)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "counts match the manifest, audit chains intact" in result.stdout
    print(result.stdout.strip())  # the restore check's figures, shown with -s

    # Checked independently of the command's own report: the restored database, row by row count.
    for table in ("accounts_user", "units_administrativeunit", "units_household", AuditEvent._meta.db_table):
        assert _rows_in(empty_database, table) == before[table], table
    restored = var_dir / "media"
    assert (restored / "cases" / "2026" / "anh-duong-hong.jpg").read_bytes() == (
        world["media"] / "cases" / "2026" / "anh-duong-hong.jpg"
    ).read_bytes()
    assert (restored / "bien-ban.pdf").read_bytes() == b"%PDF-1.7 minutes"
    verify = _manage("audit_verify", database_url=empty_database, var_dir=var_dir)
    assert verify.returncode == 0, verify.stdout + verify.stderr

    # Restoring the same archive a second time is refused: the database is no longer empty.
    again = _manage("restore", str(archive), database_url=empty_database, var_dir=tmp_path / "other-var")
    assert again.returncode != 0
    assert "already holds data" in again.stderr
    assert _rows_in(empty_database, "accounts_user") == before["accounts_user"]


def _rewrite_member(archive: Path, name: str, change: Any) -> None:
    with tarfile.open(archive, "r:gz") as source:
        members = [(member, source.extractfile(member).read()) for member in source.getmembers() if member.isfile()]  # type: ignore[union-attr]
    with tarfile.open(archive, "w:gz") as target:
        for member, data in members:
            if member.name == name:
                data = change(data)
                member.size = len(data)
            target.addfile(member, io.BytesIO(data))


def test_a_manifest_edited_to_hide_deleted_rows_is_reported(
    world: dict[str, Any], tmp_path: Path, empty_database: str
) -> None:
    """Someone deletes a case and edits the manifest's count to match the old one: the restore says so."""
    archive, _manifest = backup_create(output_dir=tmp_path / "backups")

    def claim_one_more_user(data: bytes) -> bytes:
        manifest = json.loads(data)
        manifest["tables"]["accounts_user"] += 1
        return json.dumps(manifest).encode()

    _rewrite_member(archive, MANIFEST, claim_one_more_user)
    result = _manage("restore", str(archive), database_url=empty_database, var_dir=tmp_path / "restored-var")
    assert result.returncode == 1
    assert "MISMATCH: table accounts_user" in result.stderr


def test_a_trail_edited_in_the_database_does_not_restore_as_intact(
    world: dict[str, Any], tmp_path: Path, empty_database: str
) -> None:
    """A clerk with database access rewrites an audited event, then takes a backup: the restore flags it."""
    event = AuditEvent.objects.filter(code="test.backup.event").order_by("sequence").first()
    assert event is not None
    table = connection.ops.quote_name(AuditEvent._meta.db_table)
    with connection.cursor() as cursor:  # the model refuses updates; raw SQL is what such a clerk would use
        cursor.execute(f"UPDATE {table} SET code = %s WHERE id = %s", ["test.backup.forged", event.pk])  # noqa: S608
    archive, _manifest = backup_create(output_dir=tmp_path / "backups")
    result = _manage("restore", str(archive), database_url=empty_database, var_dir=tmp_path / "restored-var")
    assert result.returncode == 1
    assert "MISMATCH: audit chain" in result.stderr


def test_restore_refuses_a_database_that_holds_data_and_changes_nothing(world: dict[str, Any], tmp_path: Path) -> None:
    archive, _manifest = backup_create(output_dir=tmp_path / "backups")
    before = _counts()
    with pytest.raises(BackupError, match="already holds data"):
        backup_restore(archive_path=archive)
    assert _counts() == before


def test_an_archive_writing_outside_the_media_folder_is_refused(
    world: dict[str, Any], tmp_path: Path, settings: Any
) -> None:
    settings.MEDIA_ROOT = str(tmp_path / "target-media")
    evil = tmp_path / "evil.tar.gz"
    with tarfile.open(evil, "w:gz") as archive:
        manifest = json.dumps(
            {"format": 1, "engine": connection.vendor, "tables": {}, "audit": {"events": 0}, "files": 1}
        )
        for name, data in ((MANIFEST, manifest.encode()), ("media/../../outside.txt", b"pwned")):
            info = tarfile.TarInfo(name)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
    with pytest.raises(BackupError, match="outside its folder"):
        backup_restore(archive_path=evil)
    assert not (tmp_path / "outside.txt").exists()
    assert not Path(settings.MEDIA_ROOT).exists()


def test_something_that_is_not_a_backup_is_refused_with_a_reason(tmp_path: Path) -> None:
    junk = tmp_path / "not-a-backup.tar.gz"
    junk.write_bytes(b"this is not gzip")
    with pytest.raises(BackupError, match="not a readable"):
        backup_restore(archive_path=junk)
