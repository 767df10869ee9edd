"""Scope-matrix samples: a record per county, and payloads for the write matrix."""

from unionhub.org.demo import COUNTY_SLUGS
from unionhub.org.models import Region
from unionhub.studios import services
from unionhub.studios.models import Studio


def _town(slug: str) -> Region:
    county = Region.objects.get(code=COUNTY_SLUGS[slug])
    return Region.objects.filter(parent=county).order_by("code").first() or county


def studio_in(slug: str) -> Studio:
    existing = Studio.objects.filter(name=f"样例{slug}").first()
    return existing or services.studio_create(actor=None, name=f"样例{slug}", region=_town(slug))


SAMPLES = {Studio: studio_in}
FORM_DATA = {Studio: lambda slug: {"name": f"新记录{slug}", "region": _town(slug).pk}}
API_DATA = {Studio: lambda slug: {"name": f"新记录{slug}", "region": _town(slug).code}}
