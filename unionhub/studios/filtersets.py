"""Filters of the studios' lists (pages and API); ``region`` is a region code (by path)."""

from __future__ import annotations

import django_filters
from django.db.models import Q

from unionhub.core.filtersets import ScopedFilterSet
from unionhub.people.filtersets import region_filter
from unionhub.studios.choices import PROVINCIAL_OR_ABOVE
from unionhub.studios.models import (
    Achievement,
    Alliance,
    AllianceMembership,
    Funding,
    JointProject,
    Studio,
    StudioMember,
)


class StudioFilterSet(ScopedFilterSet):
    search_fields = ("name", "host_enterprise__name", "leader__name", "focus")
    region = region_filter("region__path")
    due_to = django_filters.DateFilter(field_name="reevaluation_due", lookup_expr="lte")

    class Meta:
        model = Studio
        fields = ["q", "level", "is_active", "host_enterprise", "leader", "region", "due_to"]


class StudioMemberFilterSet(ScopedFilterSet):
    search_fields = ("name", "studio__name")
    region = region_filter("studio__region__path")

    class Meta:
        model = StudioMember
        fields = ["q", "studio", "region"]


class AchievementFilterSet(ScopedFilterSet):
    search_fields = ("title", "studio__name")
    region = region_filter("studio__region__path")
    achieved_from = django_filters.DateFilter(field_name="achieved_on", lookup_expr="gte")
    achieved_to = django_filters.DateFilter(field_name="achieved_on", lookup_expr="lte")
    provincial_or_above = django_filters.BooleanFilter(method="appraised_provincially")

    class Meta:
        model = Achievement
        fields = [
            "q",
            "kind",
            "appraisal_level",
            "studio",
            "region",
            "achieved_from",
            "achieved_to",
            "provincial_or_above",
        ]

    def appraised_provincially(self, queryset, name, value):
        if value is None:
            return queryset
        q = Q(appraisal_level__in=PROVINCIAL_OR_ABOVE)
        return queryset.filter(q) if value else queryset.exclude(q)


class FundingFilterSet(ScopedFilterSet):
    search_fields = ("source", "studio__name")
    region = region_filter("studio__region__path")

    class Meta:
        model = Funding
        fields = ["q", "studio", "region"]


class AllianceFilterSet(ScopedFilterSet):
    search_fields = ("name",)
    region = region_filter("region__path")
    is_industry = django_filters.BooleanFilter(
        field_name="parent", lookup_expr="isnull", exclude=True
    )

    class Meta:
        model = Alliance
        fields = ["q", "industry", "parent", "region", "is_industry"]


class AllianceMembershipFilterSet(ScopedFilterSet):
    search_fields = ("studio__name", "alliance__name")
    region = region_filter("alliance__region__path")

    class Meta:
        model = AllianceMembership
        fields = ["q", "alliance", "region"]


class JointProjectFilterSet(ScopedFilterSet):
    search_fields = ("title", "poster__name")
    region = region_filter("poster__region__path")

    class Meta:
        model = JointProject
        fields = ["q", "status", "alliance", "region"]
