"""Small builders for tests (through the services, so the rules apply)."""

from __future__ import annotations

import datetime as dt
import itertools

from unionhub.enterprises import services
from unionhub.enterprises.tests.samples import make_uscc
from unionhub.org.models import Region

_seq = itertools.count(1)


def town_of(county_code: str) -> Region:
    return Region.objects.filter(parent__code=county_code, level="town").order_by("code").first()


def make_enterprise(*, county: str = "320925", actor=None, **values):
    n = next(_seq)
    defaults = dict(
        uscc=make_uscc(f"T{n:08d}", county),
        name=f"测试企业{n:05d}有限公司",
        region=town_of(county),
        industry_code="C",
        ownership="private",
        employees=10,
        revenue_wan=100,
        assets_wan=100,
        founded_on=dt.date(2020, 1, 1),
    )
    defaults.update(values)
    return services.enterprise_create(actor=actor, **defaults)


def make_union(enterprises, *, actor=None, **values):
    defaults = dict(
        form="standalone" if len(enterprises) == 1 else "joint",
        mode="scale_single" if len(enterprises) == 1 else "small_joint",
        founded_on=dt.date(2022, 3, 1),
        chair_name="李娟",
        term_start=dt.date(2022, 3, 1),
        term_years=5,
        member_count=30,
    )
    defaults.update(values)
    return services.union_create(actor=actor, enterprises=list(enterprises), **defaults)
