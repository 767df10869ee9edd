"""Filters of the governance lists (pages and API). ``region`` takes a region code and keeps
the records in that region's subtree (by materialized path, never by code prefix) — what
the KPIs' ``records_url`` uses."""

from __future__ import annotations

import django_filters
from django.utils.translation import gettext_lazy as _

from unionhub.core.filtersets import ScopedFilterSet
from unionhub.governance.choices import GridKind
from unionhub.governance.models import (
    Grid,
    GridMembership,
    GridWorker,
    HarmoniousUnit,
    JointMeeting,
    LayoffPlan,
    MonitoringPoint,
    RiskReport,
    RiskWarning,
)

SIZE_GROUPS = {"large_medium": ("large", "medium"), "small_micro": ("small", "micro")}


def in_region(queryset, path_lookup: str, code: str):
    from unionhub.org.models import Region

    region = Region.objects.filter(code=(code or "").strip()).first()
    if region is None:
        return queryset.none()
    return queryset.filter(**{f"{path_lookup}__startswith": region.path})


class _RegionFilterSet(ScopedFilterSet):
    region = django_filters.CharFilter(method="filter_region", label=_("Region code"))
    region_path = "region__path"

    def filter_region(self, queryset, name, value):
        return in_region(queryset, self.region_path, value) if value else queryset


class GridFilterSet(_RegionFilterSet):
    search_fields = ("name", "code")

    class Meta:
        model = Grid
        fields = ["q", "kind", "region"]


class GridWorkerFilterSet(_RegionFilterSet):
    search_fields = ("grid__name",)
    region_path = "grid__region__path"

    class Meta:
        model = GridWorker
        fields = ["q", "role", "region"]


class MembershipFilterSet(_RegionFilterSet):
    """``size_group=large_medium|small_micro``: the enterprises counted by the coverage
    KPIs (closed enterprises are never counted)."""

    search_fields = ("enterprise__name", "grid__name")
    region_path = "enterprise__region__path"
    size_group = django_filters.ChoiceFilter(
        choices=[("large_medium", _("Large and medium")), ("small_micro", _("Small and micro"))],
        method="filter_size_group",
        label=_("Size group"),
    )
    grid_kind = django_filters.ChoiceFilter(
        choices=GridKind.choices, field_name="grid__kind", label=_("Grid kind")
    )

    class Meta:
        model = GridMembership
        fields = ["q", "size_group", "grid_kind", "region"]

    def filter_size_group(self, queryset, name, value):
        return queryset.filter(enterprise__size_class__in=SIZE_GROUPS[value]).exclude(
            enterprise__operating_status="closed"
        )


class MonitoringPointFilterSet(_RegionFilterSet):
    search_fields = ("enterprise__name",)
    region_path = "enterprise__region__path"

    class Meta:
        model = MonitoringPoint
        fields = ["q", "is_active", "region"]


class ReportFilterSet(_RegionFilterSet):
    search_fields = ("enterprise__name", "facts")
    region_path = "enterprise__region__path"

    class Meta:
        model = RiskReport
        fields = ["q", "indicator", "level", "status", "source", "region"]


class WarningFilterSet(_RegionFilterSet):
    search_fields = ("enterprise__name",)
    region_path = "enterprise__region__path"
    level = django_filters.CharFilter(field_name="level__code", label=_("Level"))

    class Meta:
        model = RiskWarning
        fields = ["q", "status", "level", "region"]


class HarmoniousFilterSet(_RegionFilterSet):
    search_fields = ("enterprise__name", "park_name")
    in_force_on = django_filters.DateFilter(method="filter_in_force", label=_("In force on"))

    class Meta:
        model = HarmoniousUnit
        fields = ["q", "kind", "level", "year", "status", "region", "in_force_on"]

    def filter_in_force(self, queryset, name, value):
        return queryset.filter(
            status="designated", designated_on__lte=value, valid_until__gte=value
        )


class LayoffFilterSet(_RegionFilterSet):
    search_fields = ("enterprise__name",)
    region_path = "enterprise__region__path"

    class Meta:
        model = LayoffPlan
        fields = ["q", "is_mass", "region"]


class MeetingFilterSet(_RegionFilterSet):
    search_fields = ("topics", "decisions", "participants", "hrss_side")
    held_from = django_filters.DateFilter(
        field_name="held_on", lookup_expr="gte", label=_("held from")
    )
    held_to = django_filters.DateFilter(field_name="held_on", lookup_expr="lte", label=_("held to"))

    class Meta:
        model = JointMeeting
        fields = ["q", "held_from", "held_to", "region"]
