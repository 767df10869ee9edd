"""``python manage.py rotate_pii_key [--dry-run] [--batch N]``: re-encrypt every protected
personal-data field of every module with the current ``PII_KEY`` / ``PII_CIPHER`` and
recompute its keyed hash. Run it after moving the old key to ``PII_OLD_KEYS`` or after
switching ``PII_CIPHER`` (docs/members.md); rerunnable, batched, each batch in its own
transaction.

Which fields: every ``<name>_enc`` column of a UnionHub model (the convention every module
follows for ID numbers and phones), encrypted under the context ``<name>`` (a model may
say otherwise with ``pii_contexts = {"<field>_enc": "<context>"}``), with its keyed hash in
``<name>_hash`` when the model has one. So a module that adds protected fields is rotated
without touching this command."""

from __future__ import annotations

from dataclasses import dataclass

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import models, transaction

from unionhub.core import crypto
from unionhub.core.audit import record_change
from unionhub.core.middleware import acting_as


@dataclass(frozen=True)
class ProtectedField:
    enc: str
    hash: str | None
    context: str


def protected_fields(model: type[models.Model]) -> list[ProtectedField]:
    names = {f.name for f in model._meta.concrete_fields}
    overrides = getattr(model, "pii_contexts", {})
    result = []
    for name in sorted(n for n in names if n.endswith("_enc")):
        base = name[: -len("_enc")]
        hash_name = f"{base}_hash" if f"{base}_hash" in names else None
        result.append(ProtectedField(name, hash_name, overrides.get(name, base)))
    return result


def protected_models() -> list[tuple[type[models.Model], list[ProtectedField]]]:
    return [
        (model, fields)
        for model in apps.get_models()
        if model.__module__.startswith("unionhub.") and (fields := protected_fields(model))
    ]


class Command(BaseCommand):
    help = "用当前 PII_KEY（及 PII_CIPHER）重新加密所有模块中的身份证号码、手机号码等个人信息"

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="只统计需要轮换的记录")
        parser.add_argument("--batch", type=int, default=1000)

    def handle(self, *args, **options):
        current = crypto.current_key().key_id
        total = 0
        for model, fields in protected_models():
            stale = model._default_manager.none()
            for field in fields:
                # Anonymised rows hold no ciphertext (""): nothing to rotate there.
                stale = stale | model._default_manager.exclude(**{field.enc: ""}).exclude(
                    **{f"{field.enc}__startswith": current + crypto.SEPARATOR}
                )
            ids = list(stale.values_list("pk", flat=True).distinct())
            self.stdout.write(f"{model._meta.verbose_name}：{len(ids)} 条需要轮换")
            if options["dry_run"] or not ids:
                continue
            columns = [f.enc for f in fields] + [f.hash for f in fields if f.hash]
            for start in range(0, len(ids), options["batch"]):
                chunk = ids[start : start + options["batch"]]
                with transaction.atomic():
                    rows = list(
                        model._default_manager.select_for_update()
                        .filter(pk__in=chunk)
                        .only("pk", *columns)
                    )
                    for row in rows:
                        for field in fields:
                            token = getattr(row, field.enc)
                            if not token:
                                continue
                            value = crypto.decrypt(token, context=field.context)
                            setattr(row, field.enc, crypto.encrypt(value, context=field.context))
                            if field.hash:
                                setattr(
                                    row, field.hash, crypto.pii_hash(value, context=field.context)
                                )
                    model._default_manager.bulk_update(rows, columns)
                total += len(chunk)
                self.stdout.write(f"  已轮换 {min(start + len(chunk), len(ids))}/{len(ids)}")
        if not options["dry_run"]:
            with acting_as(None):
                record_change(
                    action="update",
                    changes={"rotated": total, "key_id": current},
                    note=f"个人信息加密密钥轮换：重新加密 {total} 条记录",
                )
            self.stdout.write(
                self.style.SUCCESS(f"完成：共重新加密 {total} 条记录（密钥 {current}）。")
            )
