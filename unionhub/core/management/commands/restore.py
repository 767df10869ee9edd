"""``manage.py restore DIR --database-url URL [--media-root PATH]``: restore a backup into an
EMPTY database and prove it: every table's row count and checksum against the manifest."""

from __future__ import annotations

from pathlib import Path

import dj_database_url
from django.core.management.base import BaseCommand, CommandError

from unionhub.core.backup import BackupError, restore_backup


class Command(BaseCommand):
    help = "把备份恢复到一个空数据库，并逐表核对行数和校验和"

    def add_arguments(self, parser):
        parser.add_argument("directory", type=Path)
        parser.add_argument(
            "--database-url",
            required=True,
            help="目标（空）数据库，如 postgres://postgres@127.0.0.1:5432/unionhub_restore 或 sqlite:////path/new.sqlite3",
        )
        parser.add_argument("--media-root", type=Path, help="上传文件恢复到的空目录")

    def handle(self, *args, directory: Path, database_url: str, media_root=None, **options):
        database = dj_database_url.parse(database_url)
        try:
            diffs = restore_backup(directory, database=database, media_root=media_root)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        if diffs:
            for d in diffs:
                self.stderr.write(f"  {d.table}：备份 {d.saved}，恢复后 {d.restored}")
            raise CommandError(f"恢复结果与备份不一致：{len(diffs)} 张表不同。")
        self.stdout.write("恢复完成：每张表的行数和校验和都与备份一致。")
