"""Scale data (``manage.py generate_scale``, ``unionhub.core.scale``): org writes no rows;
it checks that the organisation tree is loaded and hands the later providers the towns
that have a town federation (``ctx.towns``, ``ctx.town_unions``)."""

from __future__ import annotations

from django.core.management.base import CommandError

from unionhub.core.scale import ScaleContext, ScaleProvider
from unionhub.org.models import OrgUnit, Region


def check() -> None:
    if not Region.objects.filter(level="county").exists():
        raise CommandError("请先加载组织机构演示数据：manage.py load_demo --only org accounts")


def generate(ctx: ScaleContext) -> None:
    towns = list(Region.objects.filter(level="town").select_related("parent").order_by("path"))
    town_unions = {
        u.region_id: u for u in OrgUnit.objects.filter(kind="town_federation").order_by("path")
    }
    ctx.towns = [t for t in towns if t.pk in town_unions]
    ctx.town_unions = town_unions
    if not ctx.towns:
        raise CommandError("组织机构树中没有镇（街道）总工会")


def county_code(town: Region) -> str:
    """The county-level code of a town (the second step of its path)."""
    return town.path.split("/")[1]


PROVIDER = ScaleProvider(check=check, generate=generate, order=0)
