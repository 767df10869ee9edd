"""Scope-matrix samples: one enterprise and one union inside a given county."""

from __future__ import annotations

import datetime as dt

from unionhub.core.validators.uscc import check_char
from unionhub.enterprises import services
from unionhub.enterprises.models import (
    Campaign,
    ContactLog,
    Enterprise,
    EnterpriseUnion,
    TermDelay,
)
from unionhub.org.demo import COUNTY_SLUGS
from unionhub.org.models import Region


def make_uscc(seed: str, county_code: str = "320900") -> str:
    """A valid USCC (enterprise, registered in ``county_code``) built from a seed string."""
    digits = "".join(c for c in county_code if c.isdigit()).ljust(6, "0")[:6]
    body = ("".join(c for c in seed.upper() if c in "0123456789ABCDEFGHJKLMNPQRTUWXY") + "0" * 9)[
        :9
    ]
    first17 = "91" + digits + body
    return first17 + check_char(first17)


def enterprise_in(slug: str) -> Enterprise:
    code = COUNTY_SLUGS[slug]
    uscc = make_uscc(f"SAMPLE{sum(map(ord, slug)) % 1000:03d}", code)
    existing = Enterprise.objects.filter(uscc=uscc).first()
    if existing:
        return existing
    region = Region.objects.filter(parent__code=code, level="town").order_by("code").first()
    return services.enterprise_create(
        actor=None,
        uscc=uscc,
        name=f"范围样本{slug}企业有限公司",
        region=region,
        industry_code="C",
        ownership="private",
        employees=30,
        revenue_wan=1000,
        assets_wan=800,
        founded_on=dt.date(2015, 1, 1),
    )


def union_in(slug: str) -> EnterpriseUnion:
    ent = enterprise_in(slug)
    existing = EnterpriseUnion.objects.filter(enterprises=ent).first()
    if existing:
        return existing
    return services.union_create(
        actor=None,
        enterprises=[ent],
        form="standalone",
        mode="scale_single",
        founded_on=dt.date(2020, 3, 1),
        chair_name="王建",
        term_start=dt.date(2020, 3, 1),
        term_years=5,
        member_count=30,
    )


def campaign_in(slug: str) -> Campaign:
    county = Region.objects.get(code=COUNTY_SLUGS[slug])
    existing = Campaign.objects.filter(region=county, year=2026).first()
    return existing or services.campaign_create(
        actor=None,
        name=f"{county.name}2026年工会组建服务年",
        year=2026,
        region=county,
        starts_on=dt.date(2026, 1, 1),
        ends_on=dt.date(2026, 12, 31),
    )


def contact_in(slug: str) -> ContactLog:
    ent = enterprise_in(slug)
    existing = ContactLog.objects.filter(enterprise=ent).first()
    return existing or services.contactlog_create(
        actor=None,
        enterprise=ent,
        campaign=campaign_in(slug),
        contacted_on=dt.date(2026, 3, 2),
        department="market",
        obstacle="misunderstanding",
        next_step="再次上门宣讲工会法",
    )


def delay_in(slug: str) -> TermDelay:
    union = union_in(slug)
    existing = union.delays.first()
    if existing:
        return existing
    # A sample delay needs no real approval flow: written directly, for the scope matrix.
    return TermDelay.objects.create(
        union=union,
        term_end=union.term_end,
        delay_until=union.term_end + dt.timedelta(days=30),
        approved_by=union.org_unit.parent,
        approved_on=union.term_end,
        reason=f"scope sample {slug}",
    )


SAMPLES = {
    Enterprise: enterprise_in,
    EnterpriseUnion: union_in,
    TermDelay: delay_in,
    Campaign: campaign_in,
    ContactLog: contact_in,
}
