"""Members KPIs: active members, new-employment-form members and their join rate."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from unionhub.core.kpis.registry import Kpi, Part, Records

MEMBER = "members.Member"
API = "/api/v1/members/"
HTML = "members:member_list"
NEW_EMPLOYMENT = Q(status="active", is_new_employment=True)


def _region_id(region) -> dict:
    # The members filter takes the region's id (``?region=<id>``, list and API alike).
    return {"region": region.pk}


KPIS = [
    Kpi(
        code="members.active",
        name=_("Active members"),
        unit="人",
        aggregation="count",
        part=Part(MEMBER, Q(status="active")),
        records=Records(API, {"status": "active"}, html=HTML, region=_region_id),
        order=500,
    ),
    Kpi(
        code="members.new_employment",
        name=_("New-employment-form members"),
        unit="人",
        aggregation="count",
        part=Part(MEMBER, NEW_EMPLOYMENT),
        records=Records(
            API, {"status": "active", "is_new_employment": "true"}, html=HTML, region=_region_id
        ),
        order=501,
    ),
    Kpi(
        code="members.new_employment_join_rate",
        name=_("Join rate of new-employment-form workers"),
        unit="%",
        aggregation="rate",
        part=Part(MEMBER, NEW_EMPLOYMENT),
        # Known new-employment-form workers: the active members among them plus those whose
        # application to join is still waiting (by the town they work in).
        denominator=(
            Part(MEMBER, NEW_EMPLOYMENT),
            Part("members.JoinApplication", Q(status="pending", is_new_employment=True)),
        ),
        records=Records(
            API, {"status": "active", "is_new_employment": "true"}, html=HTML, region=_region_id
        ),
        description=_(
            "Active new-employment-form members as a share of the new-employment-form workers "
            "the platform knows: those members plus the pending applications to join."
        ),
        order=502,
    ),
]
