"""Scope-matrix samples: a record per county, and payloads for the write matrix."""

from unionhub.org.demo import COUNTY_SLUGS
from unionhub.org.models import Region
from unionhub.people import services
from unionhub.people.models import Person


def _town(slug: str) -> Region:
    county = Region.objects.get(code=COUNTY_SLUGS[slug])
    return Region.objects.filter(parent=county).order_by("code").first() or county


def person_in(slug: str) -> Person:
    existing = Person.objects.filter(name=f"样例{slug}").first()
    return existing or services.person_create(actor=None, name=f"样例{slug}", region=_town(slug))


SAMPLES = {Person: person_in}
FORM_DATA = {Person: lambda slug: {"name": f"新记录{slug}", "region": _town(slug).pk}}
API_DATA = {Person: lambda slug: {"name": f"新记录{slug}", "region": _town(slug).code}}
