"""Backup and restore round trip (issue #19): what is restored has every table's row count
and checksum of the backup, the uploaded files come back byte for byte, a restore never
lands on a database that holds data, and a difference is named by table."""

from __future__ import annotations

import io
import uuid

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from unionhub.core.backup import (
    BackupError,
    _sqlite_digests,
    compare,
    create_backup,
    read_manifest,
    restore_backup,
)
from unionhub.enterprises.tests.samples import enterprise_in


def _some_records_and_a_file(settings_fixture, tmp_path):
    settings_fixture.MEDIA_ROOT = tmp_path / "media"
    (tmp_path / "media" / "evidence").mkdir(parents=True)
    (tmp_path / "media" / "evidence" / "photo.jpg").write_bytes(b"\xff\xd8\xff" + b"x" * 100)
    return [enterprise_in("sheyang"), enterprise_in("xiangshui")]


@pytest.mark.django_db(transaction=True)
def test_sqlite_round_trip_is_identical(settings, tmp_path, demo):
    if connection.vendor != "sqlite":
        pytest.skip("the SQLite path")
    _some_records_and_a_file(settings, tmp_path)
    folder = create_backup(tmp_path / "backups")
    manifest = read_manifest(folder)
    assert manifest["tables"]["enterprises_enterprise"]["rows"] >= 2
    assert manifest["media_files"] == 1

    target = tmp_path / "restored.sqlite3"
    diffs = restore_backup(
        folder,
        database={"ENGINE": "django.db.backends.sqlite3", "NAME": str(target)},
        media_root=tmp_path / "media-restored",
    )
    assert diffs == []
    restored_photo = tmp_path / "media-restored" / "evidence" / "photo.jpg"
    assert restored_photo.read_bytes() == (tmp_path / "media/evidence/photo.jpg").read_bytes()

    # The comparison would notice one changed cell, and names the table.
    import sqlite3

    db = sqlite3.connect(target)
    db.execute(
        "UPDATE enterprises_enterprise SET name = name || '改' WHERE id = (SELECT min(id) FROM enterprises_enterprise)"
    )
    db.commit()
    changed = compare(manifest["tables"], _sqlite_digests(db))
    db.close()
    assert [d.table for d in changed] == ["enterprises_enterprise"]

    # A second restore onto the now non-empty file is refused.
    with pytest.raises(BackupError, match="已存在"):
        restore_backup(
            folder, database={"ENGINE": "django.db.backends.sqlite3", "NAME": str(target)}
        )


@pytest.mark.django_db(transaction=True)
def test_restore_refuses_a_backup_of_another_engine(settings, tmp_path, demo):
    folder = create_backup(tmp_path, media=False)
    other = (
        {"ENGINE": "django.db.backends.postgresql", "NAME": "x"}
        if connection.vendor == "sqlite"
        else {"ENGINE": "django.db.backends.sqlite3", "NAME": str(tmp_path / "x.sqlite3")}
    )
    with pytest.raises(BackupError, match="不能恢复到"):
        restore_backup(folder, database=other)


def test_restore_command_refuses_a_folder_that_is_no_backup(tmp_path):
    with pytest.raises(CommandError, match="不是平台的备份目录"):
        call_command("restore", str(tmp_path), "--database-url", f"sqlite:///{tmp_path}/n.sqlite3")


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_postgresql_round_trip_with_pg_dump_and_pg_restore(settings, tmp_path, demo):
    import psycopg

    _some_records_and_a_file(settings, tmp_path)
    out = io.StringIO()
    call_command("backup", str(tmp_path / "backups"), stdout=out)
    folder = next((tmp_path / "backups").iterdir())
    assert "备份完成" in out.getvalue()

    db = connection.settings_dict
    name = f"restore_{uuid.uuid4().hex[:8]}"
    admin = {"host": db["HOST"] or None, "port": db["PORT"] or None, "user": db["USER"] or None}
    admin = {k: v for k, v in admin.items() if v}
    with psycopg.connect(dbname="postgres", autocommit=True, **admin) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        url = f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{name}"
        out = io.StringIO()
        call_command(
            "restore",
            str(folder),
            "--database-url",
            url,
            "--media-root",
            str(tmp_path / "media-restored"),
            stdout=out,
        )
        assert "都与备份一致" in out.getvalue()
        assert (tmp_path / "media-restored/evidence/photo.jpg").exists()
        # Restoring again onto the same (now full) database is refused, nothing touched.
        with pytest.raises(CommandError, match="不是空的"):
            call_command("restore", str(folder), "--database-url", url)
    finally:
        with psycopg.connect(dbname="postgres", autocommit=True, **admin) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
