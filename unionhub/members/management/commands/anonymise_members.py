"""``python manage.py anonymise_members [--dry-run]``: anonymise the personal data of former
members whose retention period (``MEMBER_RETENTION_YEARS``, default 3 years after leaving)
has passed (domain.md §11.3.5). Run it daily from cron; rerunning changes nothing more."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from unionhub.core.middleware import acting_as
from unionhub.members.services import members_anonymise


class Command(BaseCommand):
    help = "会员个人信息到期匿名化：退会满保存期限（默认 3 年）的会员，姓名脱敏、清除身份证号码和手机号码"

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="只统计到期人数，不做修改")

    def handle(self, *args, **options):
        dry_run = options["dry_run"]
        with acting_as(None):  # the system itself, not a user
            result = members_anonymise(actor=None, dry_run=dry_run)
        verb = "将匿名化" if dry_run else "已匿名化"
        self.stdout.write(
            f"保存期限：退会后 {result.retention_years} 年；{verb} {result.due} 名会员"
            f"（及 {result.applications} 份入会申请）。"
        )
        if result.without_date:
            self.stderr.write(
                f"另有 {result.without_date} 名已退会会员没有退会日期，未处理：请在会员页面补填退会日期。"
            )
        if dry_run:
            self.stdout.write("试运行：未做任何修改。")
        else:
            self.stdout.write(self.style.SUCCESS("完成。"))
