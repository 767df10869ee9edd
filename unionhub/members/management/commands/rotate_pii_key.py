"""``python manage.py rotate_pii_key [--dry-run] [--batch N]``: re-encrypt every ID number and
phone of members and join applications with the current ``PII_KEY`` and recompute their
keyed hashes. Run it after moving the old key to ``PII_OLD_KEYS`` (see docs/members.md);
rerunnable, batched, each batch in its own transaction."""

from __future__ import annotations

from django.core.management.base import BaseCommand
from django.db import transaction

from unionhub.core import crypto
from unionhub.core.audit import record_change
from unionhub.core.middleware import acting_as
from unionhub.members.models import ID_CONTEXT, PHONE_CONTEXT, JoinApplication, Member

FIELDS = ("id_number_enc", "id_number_hash", "phone_enc", "phone_hash")


class Command(BaseCommand):
    help = "用当前 PII_KEY 重新加密会员和入会申请中的身份证号码、手机号码"

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="只统计需要轮换的记录")
        parser.add_argument("--batch", type=int, default=1000)

    def handle(self, *args, **options):
        current = crypto.current_key().key_id
        total = 0
        for model in (Member, JoinApplication):
            # Anonymised rows hold no ciphertext (""): nothing to rotate there.
            stale = model.objects.exclude(id_number_enc="").exclude(
                id_number_enc__startswith=current + crypto.SEPARATOR
            ) | model.objects.exclude(phone_enc="").exclude(
                phone_enc__startswith=current + crypto.SEPARATOR
            )
            ids = list(stale.values_list("pk", flat=True).distinct())
            self.stdout.write(f"{model._meta.verbose_name}：{len(ids)} 条需要轮换")
            if options["dry_run"]:
                continue
            for start in range(0, len(ids), options["batch"]):
                chunk = ids[start : start + options["batch"]]
                with transaction.atomic():
                    rows = list(
                        model.objects.select_for_update().filter(pk__in=chunk).only("pk", *FIELDS)
                    )
                    for row in rows:
                        if row.id_number_enc:
                            number = crypto.decrypt(row.id_number_enc, context=ID_CONTEXT)
                            row.id_number_enc = crypto.encrypt(number, context=ID_CONTEXT)
                            row.id_number_hash = crypto.pii_hash(number, context=ID_CONTEXT)
                        if row.phone_enc:
                            phone = crypto.decrypt(row.phone_enc, context=PHONE_CONTEXT)
                            row.phone_enc = crypto.encrypt(phone, context=PHONE_CONTEXT)
                            row.phone_hash = crypto.pii_hash(phone, context=PHONE_CONTEXT)
                    model.objects.bulk_update(rows, FIELDS)
                total += len(chunk)
                self.stdout.write(f"  已轮换 {min(start + len(chunk), len(ids))}/{len(ids)}")
        if not options["dry_run"]:
            with acting_as(None):
                record_change(
                    action="update",
                    model=Member,
                    changes={"rotated": total, "key_id": current},
                    note=f"个人信息加密密钥轮换：重新加密 {total} 条记录",
                )
            self.stdout.write(
                self.style.SUCCESS(f"完成：共重新加密 {total} 条记录（密钥 {current}）。")
            )
