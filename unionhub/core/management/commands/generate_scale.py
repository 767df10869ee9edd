"""``python manage.py generate_scale --scale tiny|county|city [--seed N] [--reset]``

Fills the database with a deterministic Yancheng-scale data set for the benchmarks
(issue 8): enterprises (valid USCCs), grassroots unions, members (real AES-GCM ciphertext
and keyed hashes of valid ID numbers and phones), stations, check-ins, points programmes,
accounts and ledger entries, spread over the real organisation tree (org + accounts demo
must be loaded first).

Core only runs the modules' providers (``<app>/scale.py: PROVIDER``, see
``unionhub.core.scale``) in one transaction; each provider writes its own tables through
the import engine's writer (PostgreSQL ``COPY``, batched ``bulk_create`` elsewhere).
Every generated row has ``created_by`` = the user ``gs_generator``, whose ``full_name``
records the scale and seed: a second run at the same scale does nothing, ``--reset``
deletes the generated rows first (the providers' ``reset``, in reverse order)."""

# Deterministic test data (seeded PRNG, not secrets); SQL built only from model metadata.
# ruff: noqa: S311, S608

from __future__ import annotations

import random
import time

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils import timezone

from unionhub.core.scale import GENERATOR_USERNAME, SCALES, ScaleContext, providers

__all__ = ["GENERATOR_USERNAME", "SCALES", "Command"]


class Command(BaseCommand):
    help = "生成盐城规模的基准测试数据（企业、会员、驿站、打卡、积分流水）"

    def add_arguments(self, parser):
        parser.add_argument("--scale", choices=list(SCALES), default="tiny")
        parser.add_argument("--seed", type=int, default=20260101)
        parser.add_argument("--reset", action="store_true", help="先删除已生成的数据")

    def handle(self, *args, **opts):
        User = get_user_model()
        steps = providers()
        for step in steps:
            if step.check is not None:
                step.check()
        scale, seed = opts["scale"], opts["seed"]
        marker = f"generate_scale scale={scale} seed={seed}"
        gen = User.objects.filter(username=GENERATOR_USERNAME).first()
        if gen is not None and opts["reset"]:
            self._reset(steps, self._context(scale, seed, gen))
            gen.full_name = ""
            gen.save(update_fields=["full_name"])
        elif gen is not None and gen.full_name:
            if gen.full_name == marker:
                self.stdout.write(f"已存在 {marker} 的数据，跳过（--reset 可重新生成）")
                return
            raise CommandError(f"数据库已有 {gen.full_name} 的数据；请使用 --reset")
        if gen is None:
            gen = User.objects.create(
                username=GENERATOR_USERNAME, password="!", is_active=False, full_name=""
            )
        started = time.perf_counter()
        self.stdout.write(f"generate_scale {scale} (seed {seed}) on {connection.vendor}")
        with transaction.atomic():
            ctx = self._context(scale, seed, gen)
            for step in steps:
                step.generate(ctx)
            ctx.reset_sequences()
            gen.full_name = marker
            gen.save(update_fields=["full_name"])
        if connection.vendor == "postgresql" and not connection.in_atomic_block:
            # Outside the transaction: set the visibility map and hint bits and refresh the
            # planner statistics, as autovacuum would do some minutes later. Without it the
            # first queries on freshly copied tables pay for heap fetches.
            t0 = time.perf_counter()
            with connection.cursor() as cur:
                for step in steps:
                    for table in step.vacuum_tables:
                        cur.execute(f"VACUUM ANALYZE {connection.ops.quote_name(table)}")
            self.stdout.write(f"  VACUUM ANALYZE {time.perf_counter() - t0:.1f}s")
        self.stdout.write(f"完成，用时 {time.perf_counter() - started:.1f} 秒")

    def _context(self, scale: str, seed: int, gen) -> ScaleContext:
        return ScaleContext(
            scale=scale,
            seed=seed,
            size=dict(SCALES[scale]),
            rnd=random.Random(seed),
            generator=gen,
            stdout=self.stdout,
            now=timezone.now(),
            today=timezone.localdate(),
        )

    def _reset(self, steps, ctx: ScaleContext) -> None:
        with transaction.atomic():
            for step in reversed(steps):
                if step.reset is not None:
                    step.reset(ctx)
        self.stdout.write("已删除先前生成的数据")
