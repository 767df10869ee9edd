"""Recompute size class, union status and target reasons of every enterprise (run daily:
statuses change with the date — terms end, enterprises reach their first full year)."""

from django.core.management.base import BaseCommand

from unionhub.enterprises.services import enterprises_refresh


class Command(BaseCommand):
    help = "重新计算企业规模、建会状态和建会目标原因"

    def handle(self, *args, **options):
        changed = enterprises_refresh(actor=None)
        self.stdout.write(f"已更新 {changed} 家企业的计算字段。")
