"""Scope-matrix samples: one record per model inside a given county (by demo slug)."""

from __future__ import annotations

import datetime as dt

from unionhub.members import services
from unionhub.members.demo import synthetic_id_number
from unionhub.members.models import JoinApplication, Member, MemberTransfer
from unionhub.org.demo import COUNTY_SLUGS, county_union, first_town_union
from unionhub.org.models import OrgUnit

_SEQ = {"n": 0}


def _next() -> int:
    _SEQ["n"] += 1
    return _SEQ["n"]


def member_in(slug: str, *, union: OrgUnit | None = None, name: str | None = None) -> Member:
    n = _next()
    union = union or first_town_union(slug)
    return services.member_create(
        actor=None,
        name=name or f"样本会员{slug}{n}",
        id_number=synthetic_id_number(
            COUNTY_SLUGS[slug] if slug != "yannan" else "320902",
            dt.date(1985, 1, 1 + n % 28),
            100 + n,
        ),
        phone=f"139{abs(hash((slug, n))) % 10**8:08d}",
        union=union,
        occupation="courier",
    )


def application_in(slug: str) -> JoinApplication:
    n = _next()
    town = first_town_union(slug).region
    return services.joinapplication_submit(
        actor=None,
        name=f"样本申请{slug}{n}",
        id_number=synthetic_id_number("320982", dt.date(1990, 2, 1 + n % 28), 200 + n),
        phone=f"137{abs(hash((slug, n, 'a'))) % 10**8:08d}",
        region_code=town.code,
        no_fixed_employer=True,
        occupation="delivery_rider",
        is_new_employment=True,
        key_group="delivery_rider",
        consent=True,
    )


def transfer_in(slug: str) -> MemberTransfer:
    member = member_in(slug)
    county = county_union(slug)
    target = (
        OrgUnit.objects.filter(parent=county, kind="town_federation")
        .exclude(pk=member.union_id)
        .order_by("code")
        .first()
    )
    return MemberTransfer.objects.create(member=member, from_union=member.union, to_union=target)


SAMPLES = {Member: member_in, JoinApplication: application_in, MemberTransfer: transfer_in}
