"""``python manage.py load_holidays FILE.csv [--dry-run] [--replace]`` (contract.md): load a
public-holiday arrangement in the format of ``data/cn_public_holidays.csv``. Every row is
checked first; on any problem each one is printed as ``第N行 [列名] 原因``, nothing is
written and the exit status is 1. Loading the same file again changes nothing."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from unionhub.core.calendar import services
from unionhub.core.middleware import acting_as


class Command(BaseCommand):
    help = "导入法定节假日安排（CSV：date,kind,name,year,source）；任何一行有误则全部不写入"

    def add_arguments(self, parser):
        parser.add_argument("file", help="节假日安排 CSV 文件（UTF-8）")
        parser.add_argument("--dry-run", action="store_true", help="只检查并统计，不写入")
        parser.add_argument(
            "--replace",
            action="store_true",
            help="文件所含年度中、文件里已没有的日期一并删除（更正已导入的安排）",
        )

    def handle(self, *args, file, dry_run=False, replace=False, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"找不到文件：{file}")
        try:
            with acting_as(None):
                result = services.holidays_load_file(
                    actor=None,
                    content=path.read_bytes(),
                    replace=replace,
                    dry_run=dry_run,
                    note=path.name,
                )
        except services.HolidayFileRejected as exc:
            for error in exc.errors:
                self.stderr.write(str(error))
            self.stderr.write(f"共 {len(exc.errors)} 处错误，未写入任何数据。")
            raise SystemExit(1) from None
        years = "、".join(str(y) for y in result.years)
        prefix = "检查通过（未写入）" if dry_run else "已导入"
        self.stdout.write(
            f"{prefix}：{years} 年安排，共 {result.total} 个日期；新增 {result.created}，"
            f"更新 {result.updated}，删除 {result.deleted}，未变 {result.unchanged}。"
        )
