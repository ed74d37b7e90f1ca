"""Backup and restore of the whole platform: the database and the uploaded files, in one archive.

An archive (``grassroots-YYYYMMDD-HHMMSS.tar.gz``) holds:

* ``manifest.json``: the format, the database engine, when, the release, the row count of every table
  and the audit trail's size, all read from the *same* snapshot as the dump;
* ``db.sqlite3`` (SQLite's online backup API) or ``db.pgdump`` (``pg_dump --format=custom`` of an
  exported snapshot, so the dump and the counts are one instant while writers go on);
* ``media/…``: every uploaded file.

``restore`` loads an archive into an **empty** database of the same engine, unpacks the files (no
path outside the media folder, no links), then checks the result against the manifest: every table's
count, and the audit chains and seals verified end to end. A mismatch is an error, never a warning.
The commands are ``manage.py backup`` and ``manage.py restore``; the procedure is in SECURITY.md.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.apps import apps
from django.conf import settings
from django.db import connection, transaction

from grassroots.core import clock

FORMAT = 1
"""Version of the archive layout; ``restore`` refuses another."""

MANIFEST = "manifest.json"
SQLITE_MEMBER = "db.sqlite3"
POSTGRES_MEMBER = "db.pgdump"
MEDIA_PREFIX = "media/"


class BackupError(Exception):
    """A backup or restore that cannot go on; the message says why, in plain words."""


@dataclass
class RestoreReport:
    tables: int = 0
    rows: int = 0
    files: int = 0
    audit_events: int = 0
    audit_chains: int = 0
    mismatches: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.mismatches


def table_names() -> list[str]:
    """Every table of every installed model, including many-to-many tables, sorted."""
    names = {model._meta.db_table for model in apps.get_models(include_auto_created=True) if model._meta.managed}
    return sorted(names)


def _count_tables(cursor: Any, names: list[str], existing: set[str]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for name in names:
        if name not in existing:
            continue
        cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(name)}")  # noqa: S608 (a table name from the models' metadata)
        counts[name] = int(cursor.fetchone()[0])
    return counts


def _tool(name: str) -> str:
    """The full path of a PostgreSQL client program, or a clear error when it is not installed."""
    path = shutil.which(name)
    if path is None:
        raise BackupError(f"{name} is not installed (Debian: apt install postgresql-client)")
    return path


def _pg_env_and_args() -> tuple[dict[str, str], list[str]]:
    db = settings.DATABASES["default"]
    env = dict(os.environ)
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])
    args: list[str] = []
    if db.get("HOST"):
        args += ["--host", str(db["HOST"])]
    if db.get("PORT"):
        args += ["--port", str(db["PORT"])]
    if db.get("USER"):
        args += ["--username", str(db["USER"])]
    args += ["--dbname", str(db["NAME"])]
    return env, args


def _add_bytes(archive: tarfile.TarFile, name: str, data: bytes, when: float) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mtime = int(when)
    archive.addfile(info, io.BytesIO(data))


def _dump_sqlite(workdir: Path) -> tuple[Path, dict[str, int]]:
    """Copy the live database with SQLite's backup API, then count the rows of the copy."""
    target = workdir / SQLITE_MEMBER
    connection.ensure_connection()
    raw = connection.connection
    with sqlite3.connect(target) as copy:
        raw.backup(copy)
    with sqlite3.connect(target) as copy:
        existing = {row[0] for row in copy.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        cursor = copy.cursor()
        counts = {}
        for name in table_names():
            if name in existing:
                counts[name] = int(cursor.execute(f'SELECT COUNT(*) FROM "{name}"').fetchone()[0])  # noqa: S608 (a table name from the models' metadata)
    return target, counts


def _dump_postgres(workdir: Path) -> tuple[Path, dict[str, int]]:
    """``pg_dump`` of a snapshot exported from a transaction that also counts the rows: one instant."""
    target = workdir / POSTGRES_MEMBER
    env, args = _pg_env_and_args()
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
        cursor.execute("SELECT pg_export_snapshot()")
        snapshot = cursor.fetchone()[0]
        result = subprocess.run(
            [
                _tool("pg_dump"),
                "--format=custom",
                "--no-owner",
                "--no-privileges",
                f"--snapshot={snapshot}",
                "--file",
                str(target),
                *args,
            ],
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        if result.returncode != 0:
            raise BackupError(f"pg_dump failed: {result.stderr.strip()}")
        existing = set(connection.introspection.table_names(cursor))
        counts = _count_tables(cursor, table_names(), existing)
    return target, counts


def _audit_size(counts: dict[str, int]) -> dict[str, int]:
    from grassroots.core.models import AuditChain, AuditEvent

    return {
        "events": counts.get(AuditEvent._meta.db_table, 0),
        "chains": counts.get(AuditChain._meta.db_table, 0),
    }


def backup_create(*, output_dir: Path, now: dt.datetime | None = None) -> tuple[Path, dict[str, Any]]:
    """Write one archive into ``output_dir`` and return its path and manifest."""
    now = now or clock.now()
    output_dir.mkdir(parents=True, exist_ok=True)
    stamp = now.astimezone(clock.local_zone()).strftime("%Y%m%d-%H%M%S")
    path = output_dir / f"grassroots-{stamp}.tar.gz"
    engine = connection.vendor
    if engine not in {"sqlite", "postgresql"}:
        raise BackupError(f"backups cover SQLite and PostgreSQL, not {engine}")
    media_root = Path(settings.MEDIA_ROOT)
    with tempfile.TemporaryDirectory(prefix="grassroots-backup-") as tmp:
        workdir = Path(tmp)
        dump, counts = _dump_sqlite(workdir) if engine == "sqlite" else _dump_postgres(workdir)
        files = (
            sorted(p for p in media_root.rglob("*") if p.is_file() and not p.is_symlink())
            if media_root.exists()
            else []
        )
        manifest = {
            "format": FORMAT,
            "engine": engine,
            "created": now.isoformat(),
            "release": getattr(settings, "RELEASE", ""),
            "tables": counts,
            "rows": sum(counts.values()),
            "audit": _audit_size(counts),
            "files": len(files),
        }
        partial = path.with_suffix(".partial")
        with tarfile.open(partial, "w:gz") as archive:
            _add_bytes(archive, MANIFEST, json.dumps(manifest, indent=2, sort_keys=True).encode(), now.timestamp())
            archive.add(dump, arcname=dump.name)
            for file in files:
                archive.add(file, arcname=MEDIA_PREFIX + file.relative_to(media_root).as_posix())
        partial.replace(path)  # an interrupted backup never leaves a file that looks complete
    return path, manifest


def _read_manifest(archive: tarfile.TarFile) -> dict[str, Any]:
    try:
        member = archive.extractfile(MANIFEST)
    except KeyError as exc:
        raise BackupError("the archive has no manifest.json: it is not a grassroots backup") from exc
    if member is None:
        raise BackupError("manifest.json in the archive is not a file")
    manifest = json.loads(member.read())
    if manifest.get("format") != FORMAT:
        raise BackupError(f"archive format {manifest.get('format')!r}; this version reads format {FORMAT}")
    return dict(manifest)


def _database_is_empty() -> bool:
    """No tables at all, or only what ``migrate`` puts there: no user and no audited event yet."""
    from grassroots.accounts.models import User
    from grassroots.core.models import AuditEvent

    with connection.cursor() as cursor:
        existing = set(connection.introspection.table_names(cursor))
        for model in (User, AuditEvent):
            name = model._meta.db_table
            if name in existing:
                cursor.execute(f"SELECT 1 FROM {connection.ops.quote_name(name)} LIMIT 1")  # noqa: S608 (a table name from the models' metadata)
                if cursor.fetchone():
                    return False
    return True


def _safe_members(archive: tarfile.TarFile) -> list[tarfile.TarInfo]:
    members = []
    for member in archive.getmembers():
        name = member.name
        if name.startswith("/") or ".." in Path(name).parts:
            raise BackupError(f"the archive holds a path outside its folder: {name!r}")
        if not (member.isfile() or member.isdir()):
            raise BackupError(f"the archive holds a link or device, refused: {name!r}")
        members.append(member)
    return members


def _restore_sqlite(source: Path) -> None:
    name = str(settings.DATABASES["default"]["NAME"])
    if name in {":memory:", ""} or name.startswith("file:memorydb"):
        raise BackupError("restore needs a database file, not an in-memory database")
    connection.close()
    with sqlite3.connect(source) as backup, sqlite3.connect(name) as target:
        backup.backup(target)


def _restore_postgres(source: Path) -> None:
    env, args = _pg_env_and_args()
    connection.close()
    result = subprocess.run(
        [
            _tool("pg_restore"),
            "--no-owner",
            "--no-privileges",
            "--exit-on-error",
            "--single-transaction",
            *args,
            str(source),
        ],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise BackupError(f"pg_restore failed: {result.stderr.strip()}")


def _clear_schema_for_restore() -> None:
    """Drop tables that ``migrate`` may have created in an empty database, so the dump can load."""
    with connection.cursor() as cursor:
        existing = connection.introspection.table_names(cursor)
        if not existing:
            return
        if connection.vendor == "postgresql":
            cursor.execute("DROP SCHEMA public CASCADE")
            cursor.execute("CREATE SCHEMA public")
        else:
            cursor.execute("PRAGMA foreign_keys=OFF")
            for name in existing:
                cursor.execute(f'DROP TABLE IF EXISTS "{name}"')


def backup_restore(*, archive_path: Path) -> RestoreReport:
    """Load ``archive_path`` into the empty configured database and media folder, then check it."""
    from grassroots.core.selectors import audit_chain_verify

    if not archive_path.is_file():
        raise BackupError(f"no such archive: {archive_path}")
    try:
        archive = tarfile.open(archive_path, "r:gz")  # noqa: SIM115 (closed by the `with` below)
    except (tarfile.TarError, OSError) as exc:
        raise BackupError(f"not a readable .tar.gz archive: {exc}") from exc
    media_root = Path(settings.MEDIA_ROOT)
    with archive, tempfile.TemporaryDirectory(prefix="grassroots-restore-") as tmp:
        manifest = _read_manifest(archive)
        members = _safe_members(archive)
        engine = connection.vendor
        if manifest["engine"] != engine:
            raise BackupError(
                f"the archive is a {manifest['engine']} backup and the configured database is {engine}; "
                "restore it into the same kind of database"
            )
        if not _database_is_empty():
            raise BackupError("the configured database already holds data; restore only into an empty database")
        if media_root.exists() and any(media_root.rglob("*")):
            raise BackupError(f"the media folder {media_root} is not empty; restore only into an empty folder")
        member_name = SQLITE_MEMBER if engine == "sqlite" else POSTGRES_MEMBER
        dump = next((m for m in members if m.name == member_name), None)
        if dump is None:
            raise BackupError(f"the archive has no {member_name}")
        archive.extract(dump, tmp, filter="data")
        _clear_schema_for_restore()
        (_restore_sqlite if engine == "sqlite" else _restore_postgres)(Path(tmp) / member_name)
        files = [m for m in members if m.isfile() and m.name.startswith(MEDIA_PREFIX)]
        if files:
            staging = Path(tmp) / "files"
            archive.extractall(staging, members=files, filter="data")
            media_root.mkdir(parents=True, exist_ok=True)
            for item in (staging / "media").iterdir():
                shutil.move(str(item), media_root / item.name)

    connection.close()
    report = RestoreReport(files=len(files))
    with connection.cursor() as cursor:
        existing = set(connection.introspection.table_names(cursor))
        counts = _count_tables(cursor, list(manifest["tables"]), existing)
    for name, expected in sorted(manifest["tables"].items()):
        found = counts.get(name)
        if found != expected:
            report.mismatches.append(f"table {name}: {expected} rows in the backup, {found} after restore")
    report.tables = len(counts)
    report.rows = sum(counts.values())
    restored_files = sum(1 for p in media_root.rglob("*") if p.is_file()) if media_root.exists() else 0
    if restored_files != manifest["files"]:
        report.mismatches.append(f"files: {manifest['files']} in the backup, {restored_files} after restore")
    verdict = audit_chain_verify()
    report.audit_events = verdict.checked
    report.audit_chains = verdict.chains
    for problem in verdict.problems:
        report.mismatches.append(f"audit chain {problem.chain} broken at #{problem.sequence}: {problem.problem}")
    if verdict.checked != manifest["audit"]["events"]:
        report.mismatches.append(
            f"audit events: {manifest['audit']['events']} in the backup, {verdict.checked} verified after restore"
        )
    return report
