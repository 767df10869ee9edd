"""Backup and restore (issue #19, 等保 2.0 数据备份恢复): the database with the engine's own
tool (``pg_dump -Fc`` / SQLite's online backup API) plus the uploaded files, and a manifest
of every table's row count and content checksum, so that a restore can prove it brought
back exactly what was saved.

A backup is a folder::

    unionhub-backup-20261202-0400/
        manifest.json      engine, time, per-table {"rows": n, "checksum": "…"}
        database.dump      PostgreSQL custom format  (or database.sqlite3)
        media.tar.gz       MEDIA_ROOT (evidence photos, documents)

The checksum of a table is order-independent: the hash of the sorted hashes of its rows
(PostgreSQL: of each row's text form; SQLite: of each row's values), so it compares a
restored copy with the original regardless of physical order.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connections

__all__ = [
    "BackupError",
    "TableDiff",
    "compare",
    "create_backup",
    "restore_backup",
    "table_digests",
]

MANIFEST = "manifest.json"
PG_DUMP = "database.dump"
SQLITE_FILE = "database.sqlite3"
MEDIA_ARCHIVE = "media.tar.gz"


class BackupError(Exception):
    """A backup or restore that cannot go on; the message is for the operator (Chinese)."""


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


_PG_TABLES = (
    "SELECT table_name FROM information_schema.tables "
    "WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name"
)


def _pg_digests(cursor) -> dict[str, dict[str, Any]]:
    """``cursor``: a DB-API cursor on the database (Django's or psycopg's own)."""
    result = {}
    cursor.execute(_PG_TABLES)
    for (table,) in cursor.fetchall():
        # Table names come from information_schema, quoted: no user input.
        cursor.execute(
            f"SELECT count(*), coalesce(md5(string_agg(h, '' ORDER BY h)), '') "  # noqa: S608
            f"FROM (SELECT md5(t::text) AS h FROM {_quote(table)} t) rows"
        )
        rows, checksum = cursor.fetchone()
        result[table] = {"rows": rows, "checksum": checksum}
    return result


def _sqlite_digests(db: sqlite3.Connection) -> dict[str, dict[str, Any]]:
    result = {}
    names = [
        r[0]
        for r in db.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )
    ]
    for table in sorted(names):
        # quote() of every column: an expression has no declared type, so the value is the
        # stored one whatever converters the connection registered (Django's parse dates).
        columns = [r[1] for r in db.execute(f"PRAGMA table_info({_quote(table)})")]
        row_text = " || '|' || ".join(f"quote({_quote(c)})" for c in columns) or "''"
        hashes = sorted(
            hashlib.md5(row.encode(), usedforsecurity=False).hexdigest()
            for (row,) in db.execute(f"SELECT {row_text} FROM {_quote(table)}")  # noqa: S608
        )
        checksum = (
            hashlib.md5("".join(hashes).encode(), usedforsecurity=False).hexdigest()
            if hashes
            else ""
        )
        result[table] = {"rows": len(hashes), "checksum": checksum}
    return result


def _raw_sqlite(connection) -> sqlite3.Connection:
    connection.ensure_connection()
    return connection.connection


def table_digests(alias: str = "default") -> dict[str, dict[str, Any]]:
    """Row count and checksum of every table of database ``alias``."""
    connection = connections[alias]
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            return _pg_digests(cursor)
    if connection.vendor == "sqlite":
        return _sqlite_digests(_raw_sqlite(connection))
    raise BackupError(f"不支持的数据库类型：{connection.vendor}")


def _pg_env(settings_dict: dict[str, Any]) -> dict[str, str]:
    env = dict(os.environ)
    for key, var in (("HOST", "PGHOST"), ("PORT", "PGPORT"), ("USER", "PGUSER")):
        if settings_dict.get(key):
            env[var] = str(settings_dict[key])
    if settings_dict.get("PASSWORD"):
        env["PGPASSWORD"] = str(settings_dict["PASSWORD"])
    return env


def _run(command: list[str], env: dict[str, str]) -> None:
    if shutil.which(command[0]) is None:
        raise BackupError(
            f"找不到 {command[0]}：请安装 PostgreSQL 客户端（Debian：postgresql-client）。"
        )
    # The command is ours (pg_dump/pg_restore with paths and a database name), no shell.
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    if done.returncode != 0:
        raise BackupError(f"{command[0]} 失败：{done.stderr.strip()[:500]}")


def create_backup(target_dir: Path, *, alias: str = "default", media: bool = True) -> Path:
    """Write a backup folder under ``target_dir``; returns its path."""
    connection = connections[alias]
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%d-%H%M%SZ")
    folder = Path(target_dir) / f"unionhub-backup-{stamp}"
    folder.mkdir(parents=True, exist_ok=False)
    manifest: dict[str, Any] = {
        "format": 1,
        "engine": connection.vendor,
        "created": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "tables": table_digests(alias),
    }
    if connection.vendor == "postgresql":
        sd = connection.settings_dict
        _run(
            ["pg_dump", "-Fc", "--no-owner", "-f", str(folder / PG_DUMP), sd["NAME"]],
            _pg_env(sd),
        )
    else:
        if connection.in_atomic_block:
            # SQLite's online backup waits for the open write transaction forever.
            raise BackupError("不能在未提交的事务中备份 SQLite 数据库。")
        target = sqlite3.connect(folder / SQLITE_FILE)
        try:
            _raw_sqlite(connection).backup(target)
        finally:
            target.close()
    media_root = Path(settings.MEDIA_ROOT)
    if media and media_root.is_dir():
        with tarfile.open(folder / MEDIA_ARCHIVE, "w:gz") as archive:
            archive.add(media_root, arcname="media")
        manifest["media_files"] = sum(1 for p in media_root.rglob("*") if p.is_file())
    (folder / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=1))
    return folder


@dataclass(frozen=True)
class TableDiff:
    table: str
    saved: dict[str, Any] | None
    restored: dict[str, Any] | None


def compare(saved: dict[str, dict], restored: dict[str, dict]) -> list[TableDiff]:
    """Tables whose rows or checksum differ (or that exist on one side only)."""
    return [
        TableDiff(t, saved.get(t), restored.get(t))
        for t in sorted(set(saved) | set(restored))
        if saved.get(t) != restored.get(t)
    ]


def read_manifest(folder: Path) -> dict[str, Any]:
    path = Path(folder) / MANIFEST
    if not path.is_file():
        raise BackupError(f"{folder} 不是平台的备份目录（缺少 {MANIFEST}）。")
    return json.loads(path.read_text())


def restore_backup(
    folder: Path, *, database: dict[str, Any], media_root: Path | None = None
) -> list[TableDiff]:
    """Restore ``folder`` into the EMPTY database described by ``database`` (a Django
    ``DATABASES`` entry) and ``media_root``; returns the tables that do not match the
    manifest (empty: a faithful restore)."""
    folder = Path(folder)
    manifest = read_manifest(folder)
    engine = "postgresql" if database["ENGINE"].endswith("postgresql") else "sqlite"
    if engine != manifest["engine"]:
        raise BackupError(f"备份来自 {manifest['engine']}，不能恢复到 {engine}。")
    if engine == "postgresql":
        restored = _restore_pg(folder, database)
    else:
        restored = _restore_sqlite(folder, Path(database["NAME"]))
    if media_root is not None and (folder / MEDIA_ARCHIVE).is_file():
        media_root = Path(media_root)
        if media_root.exists() and any(media_root.iterdir()):
            raise BackupError(f"上传文件目录 {media_root} 不是空的：请先清空或指定新目录。")
        media_root.mkdir(parents=True, exist_ok=True)
        with tarfile.open(folder / MEDIA_ARCHIVE) as archive:
            for member in archive.getmembers():
                if not member.name.startswith("media"):
                    continue
                member.name = member.name.removeprefix("media").lstrip("/")
                if member.name:
                    archive.extract(member, media_root, filter="data")
    return compare(manifest["tables"], restored)


def _restore_pg(folder: Path, database: dict[str, Any]) -> dict[str, dict]:
    import psycopg

    options = {
        "dbname": database["NAME"],
        "host": database.get("HOST"),
        "port": database.get("PORT"),
        "user": database.get("USER"),
        "password": database.get("PASSWORD"),
    }
    conninfo = {k: v for k, v in options.items() if v}
    with psycopg.connect(**conninfo) as conn:
        existing = conn.execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'"
        ).fetchone()[0]
    if existing:
        raise BackupError(f"目标数据库 {database['NAME']} 不是空的（已有 {existing} 张表）。")
    _run(
        [
            "pg_restore",
            "--no-owner",
            "--exit-on-error",
            "-d",
            database["NAME"],
            str(folder / PG_DUMP),
        ],
        _pg_env(database),
    )
    with psycopg.connect(**conninfo) as conn, conn.cursor() as cursor:
        return _pg_digests(cursor)


def _restore_sqlite(folder: Path, target: Path) -> dict[str, dict]:
    if target.exists() and target.stat().st_size > 0:
        raise BackupError(f"目标数据库文件 {target} 已存在：请指定一个新文件。")
    target.parent.mkdir(parents=True, exist_ok=True)
    source = sqlite3.connect(folder / SQLITE_FILE)
    restored = sqlite3.connect(target)
    try:
        source.backup(restored)
        return _sqlite_digests(restored)
    finally:
        source.close()
        restored.close()
