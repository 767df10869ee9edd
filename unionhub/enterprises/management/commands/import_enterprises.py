"""``python manage.py import_enterprises FILE.xlsx [--dry-run] [--update] [--as-user U]``
and ``import_enterprises --template OUT.xlsx`` (contract.md). Exit status 0 when every row
was accepted, 1 when any row was rejected (then nothing is written)."""

from __future__ import annotations

import sys
import time

from django.core.management.base import BaseCommand, CommandError

from unionhub.core.middleware import acting_as
from unionhub.enterprises.importers import EnterpriseImporter


class Command(BaseCommand):
    help = "导入企业名录（.xlsx），或生成导入模板"

    def add_arguments(self, parser):
        parser.add_argument("file", nargs="?", help="要导入的 .xlsx 文件")
        parser.add_argument("--template", metavar="OUT.xlsx", help="生成导入模板并退出")
        parser.add_argument("--dry-run", action="store_true", help="只检查，不写入")
        parser.add_argument("--update", action="store_true", help="已存在的信用代码更新该企业")
        parser.add_argument("--as-user", metavar="USERNAME", help="按该账号的数据范围导入")

    def handle(self, *args, **options):
        if options["template"]:
            EnterpriseImporter().template(options["template"])
            self.stdout.write(f"模板已生成：{options['template']}")
            return
        if not options["file"]:
            raise CommandError("请指定要导入的 .xlsx 文件，或使用 --template OUT.xlsx")
        actor = None
        if options["as_user"]:
            from unionhub.accounts.models import User

            actor = User.objects.filter(username=options["as_user"]).first()
            if actor is None:
                raise CommandError(f"账号“{options['as_user']}”不存在")
        started = time.monotonic()

        def progress(n, stage):
            label = "已检查" if stage == "validate" else "已写入"
            self.stderr.write(f"  {label} {n} 行…")

        importer = EnterpriseImporter(actor=actor, update=options["update"])
        with acting_as(actor):
            result = importer.run(options["file"], dry_run=options["dry_run"], progress=progress)
        for message in result.messages():
            self.stdout.write(message)
        elapsed = time.monotonic() - started
        summary = (
            f"共 {result.total} 行：新增 {result.to_create}，更新 {result.to_update}，"
            f"拒绝 {result.rejected}（{elapsed:.1f} 秒）"
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
