"""Scope-matrix samples: a record per county, and payloads for the write matrix."""

from unionhub.org.demo import COUNTY_SLUGS
from unionhub.org.models import Region
from unionhub.partybuild import services
from unionhub.partybuild.models import PartyFacts


def _town(slug: str) -> Region:
    county = Region.objects.get(code=COUNTY_SLUGS[slug])
    return Region.objects.filter(parent=county).order_by("code").first() or county


def partyfacts_in(slug: str) -> PartyFacts:
    existing = PartyFacts.objects.filter(name=f"样例{slug}").first()
    return existing or services.partyfacts_create(actor=None, name=f"样例{slug}", region=_town(slug))


SAMPLES = {PartyFacts: partyfacts_in}
FORM_DATA = {PartyFacts: lambda slug: {"name": f"新记录{slug}", "region": _town(slug).pk}}
API_DATA = {PartyFacts: lambda slug: {"name": f"新记录{slug}", "region": _town(slug).code}}
