"""Post expiry entries for points past their programme's expiry date (idempotent)."""

import datetime as dt

from django.core.management.base import BaseCommand, CommandError

from unionhub.points.services import expiry_run


class Command(BaseCommand):
    help = "按各积分计划的有效期规则生成到期清零流水（幂等，可重复运行）。"

    def add_arguments(self, parser):
        parser.add_argument("--today", help="按此日期计算（YYYY-MM-DD），默认今天")

    def handle(self, *args, today=None, **options):
        try:
            day = dt.date.fromisoformat(today) if today else None
        except ValueError as exc:
            raise CommandError("日期格式应为 YYYY-MM-DD。") from exc
        count = expiry_run(today=day)
        self.stdout.write(self.style.SUCCESS(f"已生成 {count} 条到期清零流水。"))
