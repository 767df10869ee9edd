"""Filters shared by the HTML lists and the API: every list filters by region (a region code,
with everything below it, through the organiser's region path) and by date range — what
the KPIs' ``records_url`` use."""

from __future__ import annotations

import django_filters
from django.db.models import Min
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
    organiser_region = django_filters.CharFilter(
        method="filter_organiser_region", label=_("Organiser's own region code (not below)")
    )
    page_hidden = ("organiser_region",)

    def filter_region(self, queryset, name, value):
        return _in_region(queryset, self.organiser_lookup, value)

    def filter_organiser_region(self, queryset, name, value):
        """Only the unions of exactly this region (a county's own unions, the row of the
        town table that is not a town)."""
        return queryset.filter(**{f"{self.organiser_lookup}__region__code": value.strip()})


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


class _DistinctPerson(_RegionDates):
    """``distinct_person=true``: each person once (their first record in the filtered list)
    — the list a town table's distinct-participants cell links to."""

    distinct_person = django_filters.BooleanFilter(
        method="filter_noop", label=_("Each person once")
    )
    page_hidden = ("organiser_region", "distinct_person")

    def filter_noop(self, queryset, name, value):
        return queryset

    def person_key(self):  # pragma: no cover — each list says who a person is
        raise NotImplementedError

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        if self.form.cleaned_data.get("distinct_person"):
            firsts = (
                queryset.order_by()
                .annotate(person=self.person_key())
                .values("person")
                .annotate(first=Min("pk"))
                .values("first")
            )
            queryset = queryset.filter(pk__in=firsts)
        return queryset


class VisitTargetFilterSet(_DistinctPerson):
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

    def person_key(self):
        from unionhub.activities.selectors import visit_person_key

        return visit_person_key()

    class Meta:
        model = VisitTarget
        fields = ["activity", "category"]


class SignInFilterSet(_DistinctPerson):
    organiser_lookup = "activity__organiser"
    date_lookup = "activity__held_on"
    search_fields = ("employer_name", "activity__title")
    kind = django_filters.ChoiceFilter(
        field_name="activity__kind", choices=ActivityKind.choices, label=_("Activity type")
    )

    def person_key(self):
        from unionhub.activities.selectors import signin_person_key

        return signin_person_key()

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
