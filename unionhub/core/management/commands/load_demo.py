"""Build the demo: organisation tree, demo accounts, and each module's demo records.

Each module may declare a ``demo`` resource (by default ``demo.py``'s ``load(stdout)``);
they run in INSTALLED_APPS order, each idempotent."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from unionhub.core.middleware import acting_as
from unionhub.core.modules import declarations


class Command(BaseCommand):
    help = "加载演示数据（幂等）：组织树、演示账号和各模块的演示记录。"

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="即使 DEBUG 关闭也运行")
        parser.add_argument("--only", nargs="*", help="只加载这些模块（应用标签）")

    def handle(self, *args, force=False, only=None, **options):
        if not settings.DEBUG and not force:
            raise CommandError("演示数据只用于开发环境：DEBUG 关闭时请加 --force 明确确认。")
        with acting_as(None):
            for declared in declarations("demo"):
                if only and declared.config.label not in only:
                    continue
                self.stdout.write(f"{declared.config.verbose_name}…")
                declared.value(stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS("演示数据已就绪。"))
