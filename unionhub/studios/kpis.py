"""Studio KPIs (contract.md "KPIs"): studios in operation, provincial-level studios,
industry alliances, new products appraised at provincial level or above in the year."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from unionhub.core.kpis.registry import Kpi, Part, Records
from unionhub.studios.choices import PROVINCIAL_OR_ABOVE

STUDIO = "studios.Studio"
API = "/api/v1/studios/"

KPIS = [
    Kpi(
        code="studios.total",
        name=_("Innovation studios"),
        unit="个",
        aggregation="count",
        part=Part(STUDIO, Q(is_active=True)),
        records=Records(API, {"is_active": "true"}, html="studios:studio_list"),
        description=_("Model-worker and craftsman innovation studios in operation."),
        order=810,
    ),
    Kpi(
        code="studios.provincial",
        name=_("Provincial demonstration studios"),
        unit="个",
        aggregation="count",
        part=Part(STUDIO, Q(is_active=True, level="provincial")),
        records=Records(
            API, {"is_active": "true", "level": "provincial"}, html="studios:studio_list"
        ),
        description=_("Studios in operation named provincial demonstration studios."),
        order=811,
    ),
    Kpi(
        code="studios.alliances",
        name=_("Industry studio alliances"),
        unit="个",
        aggregation="count",
        part=Part("studios.Alliance", Q(parent__isnull=False)),
        records=Records(
            "/api/v1/studios/alliances/", {"is_industry": "true"}, html="studios:alliance_list"
        ),
        description=_("Industry sub-alliances of the studio alliances."),
        order=812,
    ),
    Kpi(
        code="studios.new_products_appraised",
        name=_("New products appraised (provincial or above)"),
        unit="项",
        aggregation="count",
        period="yearly",
        part=Part(
            "studios.Achievement",
            Q(kind="new_product", appraisal_level__in=PROVINCIAL_OR_ABOVE),
            date_field="achieved_on",
        ),
        records=Records(
            "/api/v1/studios/achievements/",
            lambda ctx: {
                "kind": "new_product",
                "provincial_or_above": "true",
                "achieved_from": ctx.start.isoformat(),
                "achieved_to": ctx.end.isoformat(),
            },
            html="studios:achievement_list",
        ),
        description=_(
            "New products of the studios that passed a provincial (or national) appraisal "
            "in the year."
        ),
        order=813,
    ),
]
