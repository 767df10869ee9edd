"""Governance KPIs (contract.md "KPIs"): enterprise-exclusive grids, grid coverage of large/
medium and of small/micro enterprises, monitoring points, open warnings, harmonious units in
force. Closed (deregistered) enterprises are in no coverage figure."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from unionhub.core.kpis.registry import Kpi, Part, Records

API = "/api/v1/governance/"
NOT_CLOSED = ~Q(operating_status="closed")


def _coverage(code: str, name, group: str, sizes: tuple[str, ...], order: int) -> Kpi:
    return Kpi(
        code=code,
        name=name,
        unit="%",
        aggregation="rate",
        # counted on the enterprises (the denominator's model: one aggregate query for both);
        # the records are the same enterprises' grid memberships
        part=Part(
            "enterprises.Enterprise",
            Q(size_class__in=sizes, grid_membership__isnull=False) & NOT_CLOSED,
        ),
        denominator=(Part("enterprises.Enterprise", Q(size_class__in=sizes) & NOT_CLOSED),),
        records=Records(f"{API}memberships/", {"size_group": group}),
        description=_(
            "Share of the enterprises of these size classes (not deregistered) that are in a "
            "grid; the records are the enterprises in grids."
        ),
        order=order,
    )


KPIS = [
    Kpi(
        code="governance.enterprise_grids",
        name=_("Enterprise-exclusive grids"),
        unit="个",
        aggregation="count",
        part=Part("governance.Grid", Q(kind="enterprise")),
        records=Records(f"{API}grids/", {"kind": "enterprise"}),
        description=_("Grids that are one enterprise's own (企业专属网格)."),
        order=500,
    ),
    _coverage(
        "governance.grid_coverage_large_medium",
        _("Grid coverage of large and medium enterprises"),
        "large_medium",
        ("large", "medium"),
        501,
    ),
    _coverage(
        "governance.grid_coverage_small_micro",
        _("Grid coverage of small and micro enterprises"),
        "small_micro",
        ("small", "micro"),
        502,
    ),
    Kpi(
        code="governance.monitoring_points",
        name=_("Risk monitoring points"),
        unit="个",
        aggregation="count",
        part=Part("governance.MonitoringPoint", Q(is_active=True)),
        records=Records(f"{API}monitoring-points/", {"is_active": "true"}),
        description=_("Enterprise unions designated as risk monitoring points, with an informant."),
        order=503,
    ),
    Kpi(
        code="governance.open_warnings",
        name=_("Open labour-relations warnings"),
        unit="个",
        aggregation="count",
        part=Part("governance.RiskWarning", Q(status="open")),
        records=Records(f"{API}warnings/", {"status": "open"}),
        description=_("Warnings not yet closed, whatever their level."),
        order=504,
    ),
    Kpi(
        code="governance.harmonious_units",
        name=_("Harmonious enterprises and parks in force"),
        unit="个",
        aggregation="count",
        part=Part(
            "governance.HarmoniousUnit",
            lambda ctx: Q(
                status="designated", designated_on__lte=ctx.as_of, valid_until__gte=ctx.as_of
            ),
        ),
        records=Records(f"{API}harmonious/", lambda ctx: {"in_force_on": ctx.as_of.isoformat()}),
        description=_("Designations (any level) in force on the day: designated and not expired."),
        order=505,
    ),
]
