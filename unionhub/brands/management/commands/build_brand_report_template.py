"""``manage.py build_brand_report_template [--out FILE]``: (re)write the Word template of the
annual brand report from ``unionhub/brands/template_builder.py``."""

from pathlib import Path

from django.core.management.base import BaseCommand

from unionhub.brands.template_builder import TEMPLATE_PATH, build_template


class Command(BaseCommand):
    help = "生成“一县一品”年度品牌汇编的 Word 模板（docxtpl）。"

    def add_arguments(self, parser):
        parser.add_argument(
            "--out", default=str(TEMPLATE_PATH), help="输出文件（默认覆盖应用内的模板）"
        )

    def handle(self, *args, out: str, **options):
        path = build_template(Path(out))
        self.stdout.write(self.style.SUCCESS(f"模板已写入 {path}"))
