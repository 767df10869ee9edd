"""Scope-matrix samples: one record per model inside a given county (by demo slug), and the
payloads of the write matrix (``unionhub/core/testing/write_matrix.py``)."""

from unionhub.org import services
from unionhub.org.choices import OrgKind
from unionhub.org.demo import COUNTY_SLUGS, first_town_union
from unionhub.org.models import OrgUnit, Region


def region_in(slug: str) -> Region:
    return Region.objects.get(code=COUNTY_SLUGS[slug])


def orgunit_in(slug: str) -> OrgUnit:
    """A grassroots union under the county's first town federation (nothing below it and
    nothing pointing at it, so the edit and delete pages really can change it)."""
    code = f"SAMPLE-{COUNTY_SLUGS[slug]}"
    existing = OrgUnit.objects.filter(code=code).first()
    if existing is not None:
        return existing
    town = first_town_union(slug)
    return services.orgunit_create(
        actor=None,
        name=f"范围样本{slug}企业工会",
        code=code,
        kind=OrgKind.ENTERPRISE,
        region=town.region,
        parent=town,
    )


def orgunit_form(slug: str) -> dict:
    town = first_town_union(slug)
    return {
        "name": f"写入样本{slug}企业工会",
        "short_name": "",
        "code": f"WRITE-{COUNTY_SLUGS[slug]}",
        "kind": OrgKind.ENTERPRISE,
        "parent": town.pk,
        "region": town.region_id,
        "is_active": "on",
    }


SAMPLES = {Region: region_in, OrgUnit: orgunit_in}
FORM_DATA = {OrgUnit: orgunit_form}
