from __future__ import annotations

import datetime as dt

import django_filters
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from unionhub.core.filtersets import ScopedFilterSet
from unionhub.org.models import Region
from unionhub.stations import choices
from unionhub.stations.models import (
    CheckIn,
    DemandPoint,
    Device,
    HygieneCheck,
    PatrolLog,
    SpotCheck,
    Station,
    Ticket,
)


class StationFilterSet(ScopedFilterSet):
    search_fields = ("name", "code", "address")
    region = django_filters.ModelChoiceFilter(
        queryset=Region.objects.filter(level__in=["county", "town"]),
        method="in_region",
        label=_("Region"),
    )

    class Meta:
        model = Station
        fields = ["q", "kind", "is_smart", "region"]

    def in_region(self, queryset, name, value):
        return queryset.filter(region__path__startswith=value.path) if value else queryset


class TicketFilterSet(ScopedFilterSet):
    search_fields = ("title", "station__name")

    class Meta:
        model = Ticket
        fields = ["q", "status", "category", "source", "escalation"]


class CheckInFilterSet(ScopedFilterSet):
    search_fields = ("station__name",)

    class Meta:
        model = CheckIn
        fields = ["q", "occupation", "source"]


class DeviceFilterSet(ScopedFilterSet):
    search_fields = ("name", "station__name")

    class Meta:
        model = Device
        fields = ["q", "kind", "is_active"]


class HygieneCheckFilterSet(ScopedFilterSet):
    search_fields = ("station__name",)

    class Meta:
        model = HygieneCheck
        fields = ["q", "passed"]


class PatrolLogFilterSet(ScopedFilterSet):
    search_fields = ("station__name", "observations")
    reviewed = django_filters.BooleanFilter(
        field_name="reviewed_at", lookup_expr="isnull", exclude=True, label=_("Reviewed")
    )

    class Meta:
        model = PatrolLog
        fields = ["q", "normal", "reviewed"]


class SpotCheckFilterSet(ScopedFilterSet):
    search_fields = ("station__name", "findings", "inspector")

    class Meta:
        model = SpotCheck
        fields = ["q", "status", "passed"]


class DemandPointFilterSet(ScopedFilterSet):
    search_fields = ("name",)

    class Meta:
        model = DemandPoint
        fields = ["q", "kind", "dense"]


__all__ = ["choices"]


def _local_day_start(day):
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


class StationApiFilterSet(ScopedFilterSet):
    """``/api/v1/stations/`` filters: the region by its code (with everything below), the
    state flags, and the registration date range (days in Asia/Shanghai, both included) —
    what the station KPIs' ``records_url`` uses."""

    search_fields = ("name", "code", "address")
    region = django_filters.CharFilter(
        method="in_region", label=_("Region (code, with everything below)")
    )
    created_from = django_filters.DateFilter(method="created_on_or_after", label=_("Created from"))
    created_to = django_filters.DateFilter(method="created_on_or_before", label=_("Created until"))

    class Meta:
        model = Station
        fields = ["kind", "is_smart", "is_active"]

    def in_region(self, queryset, name, value):
        region = Region.objects.filter(code=value.strip()).first()
        if region is None:
            return queryset.none()
        return queryset.filter(region__path__startswith=region.path)

    def created_on_or_after(self, queryset, name, value):
        return queryset.filter(created_at__gte=_local_day_start(value))

    def created_on_or_before(self, queryset, name, value):
        return queryset.filter(created_at__lt=_local_day_start(value + dt.timedelta(days=1)))
