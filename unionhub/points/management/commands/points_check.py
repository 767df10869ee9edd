"""Recompute every balance from the ledger and report accounts whose cached balance differs."""

from django.core.management.base import BaseCommand

from unionhub.points.services import ledger_check


class Command(BaseCommand):
    help = "核对积分账户：按流水重新计算余额，报告与缓存余额不一致的账户（有差异时退出码为 1）。"

    def handle(self, *args, **options):
        problems = ledger_check()
        for account, cached, computed in problems:
            self.stdout.write(
                f"账户 #{account.pk} {account}：缓存余额 {cached}，流水合计 {computed}，差额 {cached - computed}"
            )
        if problems:
            self.stderr.write(f"发现 {len(problems)} 个账户余额与流水不一致。")
            raise SystemExit(1)
        self.stdout.write(self.style.SUCCESS("积分核对完成：0 个差异。"))
