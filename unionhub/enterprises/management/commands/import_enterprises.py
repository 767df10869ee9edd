"""``python manage.py import_enterprises FILE.xlsx [--dry-run] [--update] [--as-user U]``
and ``import_enterprises --template OUT.xlsx`` (contract.md)."""

from unionhub.core.management.importcommand import ImportCommand
from unionhub.enterprises.importers import EnterpriseImporter


class Command(ImportCommand):
    help = "导入企业名录（.xlsx），或生成导入模板"
    importer_class = EnterpriseImporter
    update_help = "已存在的信用代码更新该企业"
