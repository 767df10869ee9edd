"""Scope-matrix samples: one record per model inside a given county (by demo slug)."""

from unionhub.org.demo import COUNTY_SLUGS, county_union
from unionhub.org.models import OrgUnit, Region


def region_in(slug: str) -> Region:
    return Region.objects.get(code=COUNTY_SLUGS[slug])


def orgunit_in(slug: str) -> OrgUnit:
    return county_union(slug)


SAMPLES = {Region: region_in, OrgUnit: orgunit_in}
