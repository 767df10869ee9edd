"""Scale data for the benchmarks (issue 8): ``manage.py generate_scale`` runs the providers
that the modules declare in ``<app>/scale.py`` (``PROVIDER = ScaleProvider(...)``, read
through ``unionhub.core.modules.declarations("scale")``), so core knows no domain model.

A provider is four callables and a place in the sequence::

    PROVIDER = ScaleProvider(
        generate=generate,            # fn(ctx): write this module's rows with ctx.write
        reset=reset,                  # fn(ctx): delete what generate wrote (and rows of others
                                      # that hang on it); run in reverse order, one transaction
        check=check,                  # fn(): raise CommandError when the database is not ready
        vacuum_tables=["stations_station", ...],  # VACUUM ANALYZE after the transaction
        order=30,                     # providers run by ascending order
    )

Every provider of one run gets the same ``ScaleContext``: the sizes of the chosen scale,
**one** seeded ``random.Random`` (so the order of the providers and of their draws is part
of the output: changing either changes the data set), the generator user, ``now`` and
``today``, and whatever earlier providers left for later ones: ``towns`` and
``town_unions`` (org) and ``ctx.shared`` (documented by the provider that fills a key).

Rows go through ``ctx.write(model, field_names, rows)``: the import engine's writer
(``unionhub.core.importing.pgcopy.write_rows``: COPY on PostgreSQL, ``bulk_create``
elsewhere), one line of output per table. Rows carry their primary keys, allocated up front
with ``ctx.next_id(model)``, so parents and children stream without reading ids back; the
command resets the sequences of every table written that way at the end."""

# SQL built only from model metadata.
# ruff: noqa: S608

from __future__ import annotations

import datetime as dt
import random
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import connection, models

__all__ = [
    "GENERATOR_USERNAME",
    "GIVEN",
    "SCALES",
    "SURNAMES",
    "ScaleContext",
    "ScaleProvider",
    "add_years",
    "providers",
]

SCALES: dict[str, dict[str, int]] = {
    # enterprises, members, stations, check-ins, ledger entries
    "tiny": dict(enterprises=60, members=1_200, stations=3, checkins=5_000, ledger=2_000),
    "county": dict(
        enterprises=6_000, members=120_000, stations=30, checkins=500_000, ledger=200_000
    ),
    "city": dict(
        enterprises=60_000, members=1_200_000, stations=300, checkins=5_000_000, ledger=2_000_000
    ),
}
#: the inactive user every generated row is ``created_by``; its full name records the run
GENERATOR_USERNAME = "gs_generator"
#: name pools for generated people (surname + one or two given characters)
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍鹏辉建红波宁斌浩凯俊帅健云飞雪梅琳晨"


@dataclass(frozen=True)
class ScaleProvider:
    """One module's part of the scale data set (``<app>/scale.py: PROVIDER``)."""

    generate: Callable[[ScaleContext], None]
    reset: Callable[[ScaleContext], None] | None = None
    check: Callable[[], None] | None = None
    vacuum_tables: Sequence[str] = ()
    order: int = 100


@dataclass
class ScaleContext:
    """What the providers of one run share (see the module docstring)."""

    scale: str
    seed: int
    size: dict[str, int]
    rnd: random.Random
    generator: Any  # the ``gs_generator`` user
    stdout: Any
    now: dt.datetime
    today: dt.date
    #: town-level regions that have a town federation, in path order (org provider)
    towns: list[Any] = field(default_factory=list)
    #: region id → its town federation ``OrgUnit`` (org provider)
    town_unions: dict[int, Any] = field(default_factory=dict)
    #: what earlier providers hand to later ones, by key (the provider documents its keys)
    shared: dict[str, Any] = field(default_factory=dict)
    #: models written with explicit primary keys: their sequences are reset at the end
    keyed_models: list[type[models.Model]] = field(default_factory=list)

    @property
    def generator_id(self) -> int:
        return self.generator.pk

    def next_id(self, model: type[models.Model]) -> int:
        """The first free primary key of ``model`` (rows are numbered from it)."""
        last = model._base_manager.order_by("-pk").values_list("pk", flat=True).first()
        return (last or 0) + 1

    def write(
        self, model: type[models.Model], field_names: Sequence[str], rows: Iterable[Sequence]
    ) -> int:
        """Stream ``rows`` (tuples in ``field_names`` order) into ``model``'s table and
        print one line: table, rows, seconds, rows per second."""
        from unionhub.core.importing.pgcopy import write_rows

        pk = model._meta.pk
        if (pk.name in field_names or pk.attname in field_names) and (
            model not in self.keyed_models
        ):
            self.keyed_models.append(model)
        started = time.perf_counter()
        n = write_rows(model, field_names, rows)
        took = time.perf_counter() - started
        rate = f"{n / took:,.0f} rows/s" if took > 0 else "—"
        self.stdout.write(f"  {model._meta.db_table:28} {n:>10,} rows {took:7.1f}s  {rate}")
        return n

    def delete_generated(self, *models_: type[models.Model]) -> None:
        """``DELETE`` the rows of each model (in the order given) created by the generator."""
        q = connection.ops.quote_name
        with connection.cursor() as cursor:
            for model in models_:
                cursor.execute(
                    f"DELETE FROM {q(model._meta.db_table)} WHERE created_by_id = %s",
                    [self.generator_id],
                )

    def reset_sequences(self) -> None:
        """After rows with explicit ids: each sequence continues after the largest id."""
        if connection.vendor != "postgresql" or not self.keyed_models:
            return
        from django.core.management.color import no_style

        with connection.cursor() as cursor:
            for sql in connection.ops.sequence_reset_sql(no_style(), self.keyed_models):
                cursor.execute(sql)


def providers() -> list[ScaleProvider]:
    """Every module's provider, by ``order`` (INSTALLED_APPS order among equals)."""
    from unionhub.core.modules import declarations

    found = []
    for declaration in declarations("scale"):
        if not isinstance(declaration.value, ScaleProvider):
            raise TypeError(
                f"{declaration.config.name}.scale.PROVIDER must be a ScaleProvider, "
                f"not {type(declaration.value).__name__}"
            )
        found.append(declaration.value)
    return sorted(found, key=lambda p: p.order)


def add_years(day: dt.date, years: int) -> dt.date:
    """The same day ``years`` later (28 February for 29 February in a common year)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)
