import datetime as dt

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from unionhub.core.middleware import acting_as
from unionhub.stations.services import tickets_escalate


class Command(BaseCommand):
    help = "按服务时限升级超时的驿站工单（建议每分钟运行一次）。"

    def add_arguments(self, parser):
        parser.add_argument("--now", help="以该时间为当前时间（ISO 8601，带时区），用于测试和补跑")

    def handle(self, *args, now=None, **options):
        when = timezone.now()
        if now:
            try:
                when = dt.datetime.fromisoformat(now)
            except ValueError as exc:
                raise CommandError("--now 必须是 ISO 8601 时间") from exc
            if timezone.is_naive(when):
                when = timezone.make_aware(when)
        with acting_as(None):
            changed = tickets_escalate(now=when)
        self.stdout.write(f"升级工单 {len(changed)} 张")
