"""Scope-matrix samples: a record per county, and payloads for the write matrix."""

from unionhub.org.demo import COUNTY_SLUGS
from unionhub.org.models import Region
from unionhub.{label} import services
from unionhub.{label}.models import {model}


def _town(slug: str) -> Region:
    county = Region.objects.get(code=COUNTY_SLUGS[slug])
    return Region.objects.filter(parent=county).order_by("code").first() or county


def {model_lower}_in(slug: str) -> {model}:
    existing = {model}.objects.filter(name=f"样例{slug}").first()
    return existing or services.{model_lower}_create(actor=None, name=f"样例{slug}", region=_town(slug))


SAMPLES = {{{model}: {model_lower}_in}}
FORM_DATA = {{{model}: lambda slug: {{"name": f"新记录{slug}", "region": _town(slug).pk}}}}
API_DATA = {{{model}: lambda slug: {{"name": f"新记录{slug}", "region": _town(slug).code}}}}
