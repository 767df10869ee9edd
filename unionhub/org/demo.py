"""Demo organisation tree: the real Yancheng divisions, the union federations on them and a
few made-up villages. Idempotent."""

from __future__ import annotations

from unionhub.org import services
from unionhub.org.choices import OrgKind, RegionKind, RegionLevel, TownCategory
from unionhub.org.models import OrgUnit, Region

# Demo account prefix → county-level code (contract.md).
COUNTY_SLUGS = {
    "tinghu": "320902",
    "yandu": "320903",
    "dafeng": "320904",
    "xiangshui": "320921",
    "binhai": "320922",
    "funing": "320923",
    "sheyang": "320924",
    "jianhu": "320925",
    "dongtai": "320981",
    "jingkai": "320971",
    "yannan": "3209YN",
}
CITY_UNION_CODE = "320900"


def county_union(slug: str) -> OrgUnit:
    return OrgUnit.objects.get(code=COUNTY_SLUGS[slug])


def first_town_union(slug: str) -> OrgUnit:
    """The town union a county's ``<county>_town`` demo account works in."""
    county = county_union(slug)
    return (
        OrgUnit.objects.filter(parent=county, kind=OrgKind.TOWN_FEDERATION).order_by("code").first()
    )


def _federation_name(region: Region) -> str:
    if region.level == RegionLevel.CITY:
        return "盐城市总工会"
    if region.code == "320971":
        return "盐城经济技术开发区总工会"
    if region.code == services.YANNAN_CODE:
        return "盐南高新区总工会"
    return f"{region.name}总工会"


def _village_rows() -> list[services.RegionRow]:
    """Two made-up villages/communities under the first two towns of every county."""
    rows = []
    names = ["幸福村", "新华社区", "团结村", "和平社区"]
    for county in Region.objects.filter(level=RegionLevel.COUNTY).order_by("code"):
        towns = Region.objects.filter(parent=county, level=RegionLevel.TOWN).exclude(
            category=TownCategory.SPECIAL
        )
        for t_index, town in enumerate(towns.order_by("code")[:2]):
            for v_index in range(2):
                name = names[t_index * 2 + v_index]
                category = TownCategory.COMMUNITY if name.endswith("社区") else TownCategory.VILLAGE
                code = f"{town.code}{200 + v_index + 1:03d}"
                rows.append(
                    services.RegionRow(
                        code, name, RegionLevel.VILLAGE, town.code, RegionKind.STATISTICAL, category
                    )
                )
    return rows


def load(stdout=None) -> None:
    services.regions_load_yancheng(actor=None)
    services.regions_load(actor=None, rows=_village_rows())
    existing = {u.code: u for u in OrgUnit.objects.all()}

    def ensure(region: Region, kind: str, parent: OrgUnit | None) -> OrgUnit:
        unit = existing.get(region.code)
        if unit is None:
            unit = services.orgunit_create(
                actor=None,
                name=_federation_name(region),
                short_name=region.name,
                code=region.code,
                kind=kind,
                region=region,
                parent=parent,
            )
            existing[unit.code] = unit
        return unit

    city = ensure(Region.objects.get(code=services.CITY_CODE), OrgKind.CITY_FEDERATION, None)
    for county in Region.objects.filter(level=RegionLevel.COUNTY).order_by("code"):
        county_unit = ensure(county, OrgKind.COUNTY_FEDERATION, city)
        for town in Region.objects.filter(parent=county, level=RegionLevel.TOWN).order_by("code"):
            if town.category != TownCategory.SPECIAL:
                ensure(town, OrgKind.TOWN_FEDERATION, county_unit)
    if stdout:
        stdout.write(
            f"  组织树：{Region.objects.count()} 个地区，{OrgUnit.objects.count()} 个工会组织"
        )
