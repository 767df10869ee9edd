"""Filters shared by the HTML lists and the API: every list filters by region (a region code,
with everything below it, through the organiser's region path) and by date range — what
the KPIs' ``records_url`` use."""

from __future__ import annotations

import django_filters
from django.utils.translation import gettext_lazy as _

from unionhub.activities.choices import ActivityKind
from unionhub.activities.models import (
    Activity,
    ActivityPhoto,
    Performer,
    Programme,
    SeasonPlan,
    Show,
    SignIn,
    VisitTarget,
)
from unionhub.core.filtersets import ScopedFilterSet


def _in_region(queryset, organiser: str, code: str):
    """Records whose organiser lies in the region ``code`` or below (by path, never by code
    prefix: 盐南's streets carry 盐都's codes)."""
    from unionhub.org.models import Region

    region = Region.objects.filter(code=(code or "").strip()).first()
    if region is None:
        return queryset.none()
    return queryset.filter(**{f"{organiser}__region__path__startswith": region.path})


class _Region(ScopedFilterSet):
    """``region``: a region code, with everything below it."""

    organiser_lookup = "organiser"

    region = django_filters.CharFilter(method="filter_region", label=_("Region code"))

    def filter_region(self, queryset, name, value):
        return _in_region(queryset, self.organiser_lookup, value)


class _RegionDates(_Region):
    """``region`` and ``held_from`` / ``held_to`` (both days included)."""

    date_lookup = "held_on"

    held_from = django_filters.DateFilter(method="filter_from", label=_("From"))
    held_to = django_filters.DateFilter(method="filter_to", label=_("Until"))

    def filter_from(self, queryset, name, value):
        return queryset.filter(**{f"{self.date_lookup}__gte": value})

    def filter_to(self, queryset, name, value):
        return queryset.filter(**{f"{self.date_lookup}__lte": value})


class ActivityFilterSet(_RegionDates):
    search_fields = ("title", "series", "place", "organiser__name")

    class Meta:
        model = Activity
        fields = ["kind", "organiser", "series"]


class VisitTargetFilterSet(_RegionDates):
    organiser_lookup = "activity__organiser"
    date_lookup = "activity__held_on"
    search_fields = ("name", "given", "activity__title")
    kind = django_filters.ChoiceFilter(
        field_name="activity__kind", choices=ActivityKind.choices, label=_("Activity type")
    )
    model_worker = django_filters.NumberFilter(
        field_name="model_worker", label=_("model worker or craftsman (record number)")
    )
    registry = django_filters.BooleanFilter(
        field_name="model_worker",
        lookup_expr="isnull",
        exclude=True,
        label=_("People of the model-worker registry"),
    )

    class Meta:
        model = VisitTarget
        fields = ["activity", "category"]


class SignInFilterSet(_RegionDates):
    organiser_lookup = "activity__organiser"
    date_lookup = "activity__held_on"
    search_fields = ("employer_name", "activity__title")

    class Meta:
        model = SignIn
        fields = ["activity", "source"]


class ActivityPhotoFilterSet(_RegionDates):
    organiser_lookup = "activity__organiser"
    date_lookup = "activity__held_on"
    search_fields = ("caption", "activity__title")

    class Meta:
        model = ActivityPhoto
        fields = ["activity"]


class SeasonPlanFilterSet(_Region):
    search_fields = ("title", "themes")

    class Meta:
        model = SeasonPlan
        fields = ["organiser", "year"]


class ShowFilterSet(_RegionDates):
    search_fields = ("title", "theme", "place")

    class Meta:
        model = Show
        fields = ["organiser", "plan", "is_special", "theme"]


class ProgrammeFilterSet(_RegionDates):
    organiser_lookup = "show__organiser"
    date_lookup = "show__held_on"
    search_fields = ("title", "show__title")

    class Meta:
        model = Programme
        fields = ["show", "kind"]


class PerformerFilterSet(_RegionDates):
    organiser_lookup = "programme__show__organiser"
    date_lookup = "programme__show__held_on"
    search_fields = ("name", "programme__title")
    show = django_filters.NumberFilter(field_name="programme__show", label=_("show"))

    class Meta:
        model = Performer
        fields = ["programme", "employer"]
