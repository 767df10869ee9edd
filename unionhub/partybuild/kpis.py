"""KPIs of party-union co-building (contract.md ``partybuild.*``), computed from records by
``unionhub.core.kpis``; none can be typed in."""

from dataclasses import replace

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from unionhub.core.kpis.registry import Kpi, Part, Records
from unionhub.enterprises.kpis import KPIS as ESTABLISHMENT_KPIS
from unionhub.partybuild.filtersets import NONPUBLIC
from unionhub.partybuild.services.facts import MIN_MEMBERS_FOR_OWN_ORG

FACTS = "partybuild.PartyFacts"
FACTS_REGION = "enterprise__region__path"
#: non-public, operating enterprises with at least three party members (党章 art. 30: they
#: should have a party organisation)
SHOULD_HAVE_ORG = Q(
    enterprise__ownership__in=NONPUBLIC,
    enterprise__operating_status="operating",
    party_members__gte=MIN_MEMBERS_FOR_OWN_ORG,
)
SHOULD_HAVE_ORG_PARAMS = {
    "nonpublic": "true",
    "operating_status": "operating",
    "party_members_min": MIN_MEMBERS_FOR_OWN_ORG,
}

# The one definition of union coverage of ≥ 25-person enterprises is the establishment
# module's; this KPI is that definition under the co-building code, not a second one.
_COVERAGE_25 = next(k for k in ESTABLISHMENT_KPIS if k.code == "establishment.coverage_25plus")

KPIS = [
    Kpi(
        code="partybuild.party_org_coverage",
        name=_("Party organisation coverage of non-public enterprises"),
        unit="%",
        aggregation="rate",
        part=Part(FACTS, SHOULD_HAVE_ORG & Q(has_party_org=True), region_path=FACTS_REGION),
        denominator=(Part(FACTS, SHOULD_HAVE_ORG, region_path=FACTS_REGION),),
        records=Records(
            "/api/v1/partybuild/facts/",
            {**SHOULD_HAVE_ORG_PARAMS, "has_party_org": "true"},
            html="partybuild:partyfacts_list",
        ),
        description=_(
            "Operating non-public enterprises with at least 3 party members that have a party "
            "organisation (of their own or a joint branch), as a share of all such enterprises "
            "with party facts recorded."
        ),
        order=1600,
    ),
    replace(
        _COVERAGE_25,
        code="partybuild.union_coverage_25plus",
        name=_("Union coverage of enterprises with 25 or more employees (co-building)"),
        order=1601,
    ),
    Kpi(
        code="partybuild.demonstration_units",
        name=_("三创争两提升 demonstration units"),
        unit="家",
        aggregation="count",
        part=Part("partybuild.Demonstration", lambda ctx: Q(kind="unit", year=ctx.year)),
        records=Records(
            "/api/v1/partybuild/demonstrations/",
            lambda ctx: {"kind": "unit", "year": ctx.year},
            html="partybuild:demonstration_list",
        ),
        description=_("Demonstration units named for the year."),
        order=1602,
    ),
    Kpi(
        code="partybuild.demonstration_areas",
        name=_("三创争两提升 demonstration areas"),
        unit="个",
        aggregation="count",
        part=Part("partybuild.Demonstration", lambda ctx: Q(kind="area", year=ctx.year)),
        records=Records(
            "/api/v1/partybuild/demonstrations/",
            lambda ctx: {"kind": "area", "year": ctx.year},
            html="partybuild:demonstration_list",
        ),
        description=_("Demonstration areas named for the year."),
        order=1603,
    ),
    Kpi(
        code="partybuild.industrial_worker_deputy_share",
        name=_("Industrial workers among deputies"),
        unit="%",
        aggregation="rate",
        part=Part("partybuild.Deputy", Q(is_industrial_worker=True)),
        denominator=(Part("partybuild.Deputy"),),
        records=Records(
            "/api/v1/partybuild/deputies/",
            {"is_industrial_worker": "true"},
            html="partybuild:deputy_list",
        ),
        description=_(
            "Party congress deputies, people's congress deputies and CPPCC members who are "
            "industrial workers, as a share of all of them."
        ),
        order=1604,
    ),
    Kpi(
        code="partybuild.backbones_joined_party",
        name=_("Technical backbones who joined the party this year"),
        unit="人",
        aggregation="count",
        period="yearly",
        part=Part("partybuild.Cultivation", date_field="party_member_on", region_path=FACTS_REGION),
        records=Records(
            "/api/v1/partybuild/cultivation/",
            lambda ctx: {"party_member_from": ctx.start, "party_member_to": ctx.end},
            html="partybuild:cultivation_list",
        ),
        description=_(
            "Dual cultivation: people of the pipeline who became party members in the year."
        ),
        order=1605,
    ),
]
