"""Scope-matrix samples: a record per county, and payloads for the write matrix."""

from unionhub.org.demo import COUNTY_SLUGS
from unionhub.org.models import Region
from unionhub.socialwork import services
from unionhub.socialwork.models import SocialWorker


def _town(slug: str) -> Region:
    county = Region.objects.get(code=COUNTY_SLUGS[slug])
    return Region.objects.filter(parent=county).order_by("code").first() or county


def socialworker_in(slug: str) -> SocialWorker:
    existing = SocialWorker.objects.filter(name=f"样例{slug}").first()
    return existing or services.socialworker_create(actor=None, name=f"样例{slug}", region=_town(slug))


SAMPLES = {SocialWorker: socialworker_in}
FORM_DATA = {SocialWorker: lambda slug: {"name": f"新记录{slug}", "region": _town(slug).pk}}
API_DATA = {SocialWorker: lambda slug: {"name": f"新记录{slug}", "region": _town(slug).code}}
