"""Station KPIs (contract.md "KPIs"): stations in service, smart ones, built this year."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from unionhub.core.kpis.registry import Kpi, Part, Records

STATION = "stations.Station"
API = "/api/v1/stations/"


KPIS = [
    Kpi(
        code="stations.total",
        name=_("Service stations"),
        unit="个",
        aggregation="count",
        part=Part(STATION, Q(is_active=True)),
        records=Records(API, {"is_active": "true"}),
        description=_("Outdoor-worker service stations in service."),
        order=300,
    ),
    Kpi(
        code="stations.smart",
        name=_("Smart stations"),
        unit="个",
        aggregation="count",
        part=Part(STATION, Q(is_active=True, is_smart=True)),
        records=Records(API, {"is_active": "true", "is_smart": "true"}),
        description=_("Stations in service running the smart system."),
        order=301,
    ),
    Kpi(
        code="stations.new_this_year",
        name=_("Stations built this year"),
        unit="个",
        aggregation="count",
        period="yearly",
        part=Part(STATION, Q(is_active=True), date_field="created_at"),
        records=Records(
            API,
            lambda ctx: {
                "is_active": "true",
                "created_from": ctx.start.isoformat(),
                "created_to": ctx.end.isoformat(),
            },
        ),
        description=_("Stations in service registered on the platform during the year."),
        order=302,
    ),
]
