"""``python manage.py import_members FILE.xlsx [--dry-run] [--update] [--as-user U]`` and
``import_members --template OUT.xlsx``. Messages never show clear ID numbers."""

from unionhub.core.management.importcommand import ImportCommand
from unionhub.members.importers import MemberImporter


class Command(ImportCommand):
    help = "导入会员名册（.xlsx），或生成导入模板"
    importer_class = MemberImporter
    update_help = "已登记的身份证号码更新该会员"
