"""Filters of the registry's lists (pages and API). ``region`` is a region code and takes
everything below it by materialized path (盐南's streets keep 盐都's codes but not its path),
so the KPIs' ``records_url`` reproduce their figures."""

from __future__ import annotations

import django_filters
from django.utils.translation import gettext_lazy as _

from unionhub.core.filtersets import ScopedFilterSet
from unionhub.org.models import Region
from unionhub.people.models import Honour, Mentorship, ModelWorker, Nomination


def in_region(queryset, lookup: str, code: str):
    """Records whose ``lookup`` (a region path) lies under the region ``code``; an unknown
    code matches nothing."""
    code = (code or "").strip()
    if not code:
        return queryset
    region = Region.objects.filter(code=code).only("path").first()
    if region is None:
        return queryset.none()
    return queryset.filter(**{f"{lookup}__startswith": region.path})


def region_filter(lookup: str) -> django_filters.CharFilter:
    return django_filters.CharFilter(
        label=_("Region code"), method=lambda qs, _name, value: in_region(qs, lookup, value)
    )


class ModelWorkerFilterSet(ScopedFilterSet):
    search_fields = ("name", "title", "skills")
    region = region_filter("region__path")

    class Meta:
        model = ModelWorker
        fields = ["q", "category", "level", "is_active", "employer", "region"]


class HonourFilterSet(ScopedFilterSet):
    search_fields = ("title", "model_worker__name")
    region = region_filter("model_worker__region__path")

    class Meta:
        model = Honour
        fields = ["q", "category", "level", "model_worker", "region"]


class NominationFilterSet(ScopedFilterSet):
    search_fields = ("name", "title")
    region = region_filter("region__path")

    class Meta:
        model = Nomination
        fields = ["q", "status", "category", "level", "region"]


class MentorshipFilterSet(ScopedFilterSet):
    search_fields = ("apprentice_name", "mentor__name")
    region = region_filter("mentor__region__path")
    started_from = django_filters.DateFilter(field_name="started_on", lookup_expr="gte")
    started_to = django_filters.DateFilter(field_name="started_on", lookup_expr="lte")

    class Meta:
        model = Mentorship
        fields = ["q", "mentor", "studio", "outcome", "region", "started_from", "started_to"]
