"""Filters of the archives' lists, shared by the pages and the API (the KPIs' record lists
use ``region`` — a region code, with everything below it — and the date bounds)."""

from __future__ import annotations

import django_filters
from django.utils.translation import gettext_lazy as _

from unionhub.core.filtersets import ScopedFilterSet, start_of_next_day
from unionhub.socialwork.choices import SessionKind
from unionhub.socialwork.models import (
    Assessment,
    AssessmentRound,
    MonthlyRecord,
    Posting,
    Qualification,
    QuarterlyReport,
    SocialWorker,
    StudySession,
    Training,
)


def _in_region(queryset, lookup: str, code: str):
    """Records whose union lies in region ``code`` or below (by path, never by code prefix)."""
    from unionhub.org.models import Region

    region = Region.objects.filter(code=(code or "").strip()).first()
    if region is None:
        return queryset.none()
    return queryset.filter(**{f"{lookup}__startswith": region.path})


class _RegionFilterSet(ScopedFilterSet):
    region_lookup = "union__region__path"
    region = django_filters.CharFilter(method="in_region", label=_("Region code"))

    def in_region(self, queryset, name, value):
        return _in_region(queryset, self.region_lookup, value)


class _WorkerRecordFilterSet(_RegionFilterSet):
    region_lookup = "worker__union__region__path"
    search_fields = ("worker__name",)


class SocialWorkerFilterSet(_RegionFilterSet):
    search_fields = ("name",)
    # The statutory statistics' 工会社会工作者 cells link here: registered on the platform
    # on or before the date (``created_at`` before the next day starts, local time).
    registered_before = django_filters.DateFilter(
        method="filter_registered_before", label=_("Registered until")
    )

    class Meta:
        model = SocialWorker
        fields = ["union", "status"]

    def filter_registered_before(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.filter(created_at__lt=start_of_next_day(value))


class PostingFilterSet(_WorkerRecordFilterSet):
    class Meta:
        model = Posting
        fields = ["worker", "union", "kind"]


class QualificationFilterSet(_WorkerRecordFilterSet):
    class Meta:
        model = Qualification
        fields = ["worker", "kind"]


class TrainingFilterSet(_WorkerRecordFilterSet):
    class Meta:
        model = Training
        fields = ["worker"]


class MonthlyRecordFilterSet(_WorkerRecordFilterSet):
    month_from = django_filters.DateFilter(
        field_name="month", lookup_expr="gte", label=_("From month")
    )
    month_to = django_filters.DateFilter(field_name="month", lookup_expr="lte", label=_("To month"))

    class Meta:
        model = MonthlyRecord
        fields = ["worker"]


class QuarterlyReportFilterSet(_WorkerRecordFilterSet):
    class Meta:
        model = QuarterlyReport
        fields = ["worker", "year", "quarter", "rating"]


class StudySessionFilterSet(_RegionFilterSet):
    search_fields = ("title",)
    kind = django_filters.ChoiceFilter(choices=SessionKind.choices, label=_("kind"))
    held_from = django_filters.DateFilter(
        field_name="held_on", lookup_expr="gte", label=_("Held from")
    )
    held_to = django_filters.DateFilter(
        field_name="held_on", lookup_expr="lte", label=_("Held until")
    )

    class Meta:
        model = StudySession
        fields = ["union", "kind"]


class AssessmentRoundFilterSet(_RegionFilterSet):
    held_from = django_filters.DateFilter(
        field_name="held_on", lookup_expr="gte", label=_("Held from")
    )
    held_to = django_filters.DateFilter(
        field_name="held_on", lookup_expr="lte", label=_("Held until")
    )

    class Meta:
        model = AssessmentRound
        fields = ["union", "year"]


class AssessmentFilterSet(_WorkerRecordFilterSet):
    class Meta:
        model = Assessment
        fields = ["round", "worker"]
