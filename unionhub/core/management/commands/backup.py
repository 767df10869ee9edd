"""``manage.py backup DIR``: database + uploaded files + a manifest of per-table checksums."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from unionhub.core.backup import BackupError, create_backup, read_manifest


class Command(BaseCommand):
    help = "备份数据库和上传文件到 DIR 下的新目录（附每张表的行数和校验和）"

    def add_arguments(self, parser):
        parser.add_argument("directory", type=Path)
        parser.add_argument("--no-media", action="store_true", help="不备份上传文件")

    def handle(self, *args, directory: Path, no_media: bool = False, **options):
        try:
            folder = create_backup(directory, media=not no_media)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        tables = read_manifest(folder)["tables"]
        rows = sum(t["rows"] for t in tables.values())
        self.stdout.write(f"备份完成：{folder}（{len(tables)} 张表，{rows} 行）")
