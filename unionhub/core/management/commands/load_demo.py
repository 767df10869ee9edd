"""Build the demo: organisation tree, demo accounts, and each module's demo records.

Each ``unionhub.*`` app may have a ``demo.py`` with ``load(stdout)``; they run in
INSTALLED_APPS order, each idempotent."""

from importlib import import_module
from importlib.util import find_spec

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from unionhub.core.middleware import acting_as


class Command(BaseCommand):
    help = "加载演示数据（幂等）：组织树、演示账号和各模块的演示记录。"

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="即使 DEBUG 关闭也运行")
        parser.add_argument("--only", nargs="*", help="只加载这些模块（应用标签）")

    def handle(self, *args, force=False, only=None, **options):
        if not settings.DEBUG and not force:
            raise CommandError("演示数据只用于开发环境：DEBUG 关闭时请加 --force 明确确认。")
        with acting_as(None):
            for config in apps.get_app_configs():
                if not config.name.startswith("unionhub."):
                    continue
                if only and config.label not in only:
                    continue
                module_name = f"{config.name}.demo"
                if find_spec(module_name) is None:
                    continue
                self.stdout.write(f"{config.verbose_name}…")
                import_module(module_name).load(stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS("演示数据已就绪。"))
