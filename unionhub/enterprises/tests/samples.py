"""Scope-matrix samples: one record of each model inside a given county, and the payloads
of the write matrix (``unionhub/core/testing/write_matrix.py``): every page and API write
of the module, posted with parents in a county."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from unionhub.core.validators.uscc import check_char
from unionhub.enterprises import selectors, services
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


def _town(slug: str) -> Region:
    return (
        Region.objects.filter(parent__code=COUNTY_SLUGS[slug], level="town")
        .order_by("code")
        .first()
    )


def enterprise_form(slug: str, *, region=None) -> dict:
    code = COUNTY_SLUGS[slug]
    return {
        "uscc": make_uscc(f"WRITE{sum(map(ord, slug)) % 1000:03d}", code),
        "name": f"写入样本{slug}企业有限公司",
        "region": region if region is not None else _town(slug).pk,
        "industry_code": "C",
        "ownership": "private",
        "employees": 40,
        "revenue_wan": "1200.00",
        "assets_wan": "900.00",
        "founded_on": "2016-05-01",
        "operating_status": "operating",
    }


def enterprise_api(slug: str) -> dict:
    return enterprise_form(slug, region=_town(slug).code)


def union_form(slug: str) -> dict:
    """Covers the sample enterprise: free when a union is created, the union's own when
    the sample union is edited."""
    return {
        "name": "",
        "enterprises": [enterprise_in(slug).pk],
        "form": "standalone",
        "mode": "scale_single",
        "founded_on": "2020-03-01",
        "approved_on": "",
        "chair_name": "周明",
        "term_start": "2020-03-01",
        "term_years": 5,
        "member_count": 32,
    }


def campaign_form(slug: str) -> dict:
    return {
        "name": f"{slug}写入样本活动",
        "year": 2026,
        "region": Region.objects.get(code=COUNTY_SLUGS[slug]).pk,
        "starts_on": "2026-01-01",
        "ends_on": "2026-12-31",
    }


def contact_form(slug: str) -> dict:
    return {
        "enterprise": enterprise_in(slug).pk,
        "campaign": campaign_in(slug).pk,
        "contacted_on": f"{timezone.localdate():%Y-%m-%d}",
        "department": "union",
        "obstacle": "unsupportive",
        "next_step": "约企业负责人座谈",
        "next_contact_on": "",
        "fallback": "none",
        "recruited_members": 0,
    }


def contact_api(slug: str) -> dict:
    return {**contact_form(slug), "next_contact_on": None}


def delay_api(slug: str) -> dict:
    union = union_in(slug)
    return {"union": union.pk, **_delay(union)}


def _delay(union: EnterpriseUnion) -> dict:
    return {
        "delay_until": f"{union.term_end + dt.timedelta(days=60):%Y-%m-%d}",
        "approved_by": selectors.delay_approvers(union).first().pk,
        "approved_on": f"{union.term_end:%Y-%m-%d}",
        "document_no": "写入样本〔2025〕1号",
        "reason": "企业生产旺季，换届推迟",
    }


def _reelection(union: EnterpriseUnion) -> dict:
    return {
        "elected_on": f"{timezone.localdate():%Y-%m-%d}",
        "term_years": 5,
        "chair_name": "吴静",
        "member_count": 35,
        "note": "",
    }


def _town_targets(campaign: Campaign) -> dict:
    return {
        f"town_{town.pk}": 3
        for town in Region.objects.filter(parent=campaign.region, level="town").order_by("code")[:3]
    }


SAMPLES = {
    Enterprise: enterprise_in,
    EnterpriseUnion: union_in,
    TermDelay: delay_in,
    Campaign: campaign_in,
    ContactLog: contact_in,
}

FORM_DATA = {
    Enterprise: enterprise_form,
    EnterpriseUnion: union_form,
    Campaign: campaign_form,
    ContactLog: contact_form,
}
API_DATA = {Enterprise: enterprise_api, ContactLog: contact_api, TermDelay: delay_api}
ACTION_DATA = {
    "enterprises:enterpriseunion_reelect": _reelection,
    "enterprises:enterpriseunion_delay": _delay,
    "enterprises:campaign_targets": _town_targets,
}
