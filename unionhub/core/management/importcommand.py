"""The shared body of every ``import_<things>`` command (contract.md):

    python manage.py import_<things> FILE.xlsx [--dry-run] [--update] [--as-user USERNAME]
    python manage.py import_<things> --template OUT.xlsx

Exit status 0 when every row was accepted, 1 when any row was rejected — then nothing is
written and every problem is printed as ``第N行 [列名] 原因``."""

from __future__ import annotations

import sys
import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from unionhub.core.importing import count_rows
from unionhub.core.middleware import acting_as


class ImportCommand(BaseCommand):
    #: the importer class (``unionhub.core.importing`` based) this command runs
    importer_class: Any = None
    update_help = "已存在的记录更新为文件中的内容"

    def add_arguments(self, parser):
        parser.add_argument("file", nargs="?", help="要导入的 .xlsx 文件")
        parser.add_argument("--template", metavar="OUT.xlsx", help="生成导入模板并退出")
        parser.add_argument("--dry-run", action="store_true", help="只检查，不写入")
        parser.add_argument("--update", action="store_true", help=self.update_help)
        parser.add_argument("--as-user", metavar="USERNAME", help="按该账号的数据范围导入")

    def handle(self, *args, **options):
        if options["template"]:
            self.importer_class().template(options["template"])
            self.stdout.write(f"模板已生成：{options['template']}")
            return
        if not options["file"]:
            raise CommandError("请指定要导入的 .xlsx 文件，或使用 --template OUT.xlsx")
        actor = self._actor(options["as_user"])
        started = time.monotonic()
        try:
            total = count_rows(options["file"])
        except Exception:  # noqa: BLE001 — an unreadable file is reported by the run itself
            total = 0
        shown = [0]

        def progress(n, stage):
            # The engine reports every 1,000 rows; a terminal needs a line per 10,000.
            if n == shown[0] or (n - shown[0] < 10_000 and n < total):
                return
            shown[0] = n
            label = "已检查" if stage == "validate" else "已处理"
            self.stderr.write(f"  {label} {n}/{total} 行…" if total else f"  {label} {n} 行…")

        importer = self.importer_class(actor=actor, update=options["update"])
        with acting_as(actor):
            result = importer.run(options["file"], dry_run=options["dry_run"], progress=progress)
        for message in result.messages():
            self.stdout.write(message)
        for message in result.warning_messages():
            self.stdout.write(message)  # accepted rows, worth a second look
        summary = (
            f"共 {result.total} 行：新增 {result.to_create}，更新 {result.to_update}，"
            f"拒绝 {result.rejected}（{time.monotonic() - started:.1f} 秒）"
        )
        if result.rejected:
            self.stdout.write(summary)
            self.stdout.write("有被拒绝的行，未写入任何数据。")
            sys.exit(1)
        if options["dry_run"]:
            self.stdout.write(summary + "；试运行，未写入。")
        else:
            self.stdout.write(
                summary + f"；已写入（新增 {result.created}，更新 {result.updated}）。"
            )

    @staticmethod
    def _actor(username: str | None):
        if not username:
            return None
        from django.contrib.auth import get_user_model

        actor = get_user_model().objects.filter(username=username).first()
        if actor is None:
            raise CommandError(f"账号“{username}”不存在")
        return actor
