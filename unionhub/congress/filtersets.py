"""List filters (pages and API). ``region`` takes a region code and includes everything
below it, so a KPI's ``records_url`` lists exactly the records it counts."""

import django_filters
from django.utils.translation import gettext_lazy as _

from unionhub.congress.models import (
    Congress,
    Proposal,
    Representative,
    Resolution,
    Session,
    StarEvaluation,
)
from unionhub.core.filtersets import ScopedFilterSet


def in_region(queryset, prefix: str, code: str):
    from unionhub.org.models import Region

    region = Region.objects.filter(code=(code or "").strip()).first()
    if region is None:
        return queryset.none()
    return queryset.filter(**{f"{prefix}enterprise__region__path__startswith": region.path})


class _RegionFilterSet(ScopedFilterSet):
    region = django_filters.CharFilter(method="filter_region", label=_("Region code"))
    region_prefix = ""

    def filter_region(self, queryset, name, value):
        return in_region(queryset, self.region_prefix, value)


class CongressFilterSet(_RegionFilterSet):
    search_fields = ("enterprise__name",)

    class Meta:
        model = Congress
        fields = ["form", "list_status"]


class RepresentativeFilterSet(_RegionFilterSet):
    search_fields = ("name", "unit")
    region_prefix = "congress__"

    class Meta:
        model = Representative
        fields = ["congress", "category", "is_woman"]


class SessionFilterSet(_RegionFilterSet):
    search_fields = ("congress__enterprise__name",)
    region_prefix = "congress__"

    class Meta:
        model = Session
        fields = ["congress", "kind"]


class ResolutionFilterSet(_RegionFilterSet):
    search_fields = ("title",)
    region_prefix = "session__congress__"

    class Meta:
        model = Resolution
        fields = ["session", "result"]


class ProposalFilterSet(_RegionFilterSet):
    search_fields = ("title", "proposer")
    region_prefix = "congress__"

    class Meta:
        model = Proposal
        fields = ["congress", "status"]


class StarEvaluationFilterSet(_RegionFilterSet):
    search_fields = ("congress__enterprise__name",)
    region_prefix = "congress__"
    stars_min = django_filters.NumberFilter(
        field_name="stars", lookup_expr="gte", label=_("At least stars")
    )
    current = django_filters.BooleanFilter(field_name="is_current", label=_("Rating in force"))

    class Meta:
        model = StarEvaluation
        fields = ["congress", "year", "status", "stars"]
