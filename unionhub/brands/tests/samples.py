"""Scope-matrix samples: a brand (with one indicator) of a county, and the payloads of the
write matrix (pages; the API is read-only)."""

from __future__ import annotations

from unionhub.brands import services
from unionhub.brands.models import Brand, BrandKpi
from unionhub.org.demo import COUNTY_SLUGS
from unionhub.org.models import Region

SAMPLE_YEAR = 2024


def county(slug: str) -> Region:
    return Region.objects.get(code=COUNTY_SLUGS[slug])


def brand_in(slug: str, year: int = SAMPLE_YEAR) -> Brand:
    region = county(slug)
    existing = Brand.objects.filter(region=region, year=year).first()
    if existing is not None:
        return existing
    brand = services.brand_create(
        actor=None,
        region=region,
        year=year,
        title=f"样例品牌{slug}",
        slogan="样例口号",
        narrative="样例品牌的介绍。",
        lead_department="县总工会办公室",
    )
    services.brandkpi_create(actor=None, brand=brand, code="stations.total", order=10)
    return brand


def brandkpi_in(slug: str) -> BrandKpi:
    return brand_in(slug).kpis.get(code="stations.total")


def _carry_over(brand: Brand) -> dict:
    return {}


SAMPLES = {Brand: brand_in, BrandKpi: brandkpi_in}
FORM_DATA = {
    Brand: lambda slug: {
        "region": county(slug).pk,
        "year": SAMPLE_YEAR - 1,
        "title": "新品牌",
        "slogan": "",
        "narrative": "新品牌的介绍。",
        "lead_department": "县总工会组织部",
    },
    BrandKpi: lambda slug: {
        "brand": brand_in(slug).pk,
        "code": "stations.smart",
        "order": 20,
        "note": "",
        "target": "5",
    },
}
ACTION_DATA = {
    "brands:brand_submit": lambda brand: {},
    "brands:brand_carryover": _carry_over,
}
_CITY_REVIEW = (
    "the city federation's review (brands.review_brand): a county administrator is always "
    "refused, inside its own county too; tested in brands/tests/test_workflow.py"
)
WRITE_EXEMPT = {
    "brands:brand_publish": _CITY_REVIEW,
    "brands:brand_return": _CITY_REVIEW,
}
