"""Write a new module's skeleton: ``manage.py startmodule <label> <ModelName> "<标题>"``.

The module is complete from the first minute: a scoped model with its field list, services
(actor, transaction, scope recheck), selectors, form, filter set, registered list / detail /
edit / delete / export views (URLs generated), an API viewset that writes through the
services, menu entry and role grants in ``module.py``, scope-matrix samples with write-matrix
payloads, and a first test. Then: add ``"unionhub.<label>"`` to INSTALLED_APPS and run
``manage.py makemigrations <label>``."""

from __future__ import annotations

import re
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

TEMPLATES = Path(__file__).resolve().parent.parent / "module_template"

#: template → path inside the new module
FILES = {
    "apps.py.tpl": "apps.py",
    "models.py.tpl": "models.py",
    "services.py.tpl": "services.py",
    "selectors.py.tpl": "selectors.py",
    "forms.py.tpl": "forms.py",
    "filtersets.py.tpl": "filtersets.py",
    "views.py.tpl": "views.py",
    "api_serializers.py.tpl": "api/serializers.py",
    "api_views.py.tpl": "api/views.py",
    "module.py.tpl": "module.py",
    "samples.py.tpl": "tests/samples.py",
    "test_first.py.tpl": "tests/test_{model_lower}.py",
}
PACKAGES = ["", "api", "tests", "migrations"]


class Command(BaseCommand):
    help = "生成一个新业务模块的骨架（声明式：模型、服务、页面、接口、菜单、范围矩阵样例、第一个测试）。"

    def add_arguments(self, parser):
        parser.add_argument("label", help="应用标签，小写英文，如 governance")
        parser.add_argument("model", help="第一个模型的类名，如 Grid")
        parser.add_argument("title", help="模块的名称（英文源字符串，界面上经翻译显示）")
        parser.add_argument(
            "--target", default=None, help="生成到哪个目录（默认 unionhub/<label>）"
        )

    def handle(self, *args, label, model, title, target=None, **options):
        if not re.fullmatch(r"[a-z][a-z0-9_]{1,30}", label):
            raise CommandError("应用标签只能是小写英文字母、数字和下划线，并以字母开头。")
        if not re.fullmatch(r"[A-Z][A-Za-z0-9]{1,40}", model):
            raise CommandError("模型名应是首字母大写的英文类名，如 Grid。")
        root = Path(target) if target else Path(__file__).resolve().parents[3] / label
        if root.exists() and any(root.iterdir()):
            raise CommandError(f"目录 {root} 已存在且不为空，不会覆盖。")
        names = {
            "label": label,
            "camel": "".join(p.capitalize() for p in label.split("_")),
            "model": model,
            "model_lower": model.lower(),
            "upper": re.sub(r"(?<!^)(?=[A-Z])", "_", model).upper(),
            "title": title,
        }
        for package in PACKAGES:
            (root / package).mkdir(parents=True, exist_ok=True)
            (root / package / "__init__.py").touch()
        (root / "locale" / "zh_Hans" / "LC_MESSAGES").mkdir(parents=True, exist_ok=True)
        for template, relative in FILES.items():
            text = (TEMPLATES / template).read_text(encoding="utf-8").format(**names)
            path = root / relative.format(**names)
            path.write_text(text, encoding="utf-8")
        self.stdout.write(
            self.style.SUCCESS(f"模块骨架已生成：{root}")
            + f'\n下一步：在 settings.INSTALLED_APPS 中加入 "unionhub.{label}"，'
            f"然后运行 manage.py makemigrations {label} 和 make messages。"
        )
