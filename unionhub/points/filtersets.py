"""Filters shared by the HTML lists and the API."""

from __future__ import annotations

import datetime as dt

import django_filters
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from unionhub.core.filtersets import ScopedFilterSet
from unionhub.points.models import (
    LedgerEntry,
    PointItem,
    PointsAccount,
    Programme,
    Redemption,
    Reward,
    Submission,
    Suggestion,
)


class ProgrammeFilterSet(ScopedFilterSet):
    search_fields = ("name", "union__name")

    class Meta:
        model = Programme
        fields = ["is_active"]


class PointItemFilterSet(ScopedFilterSet):
    search_fields = ("name", "code")

    class Meta:
        model = PointItem
        fields = ["programme", "evidence", "is_active"]


class RewardFilterSet(ScopedFilterSet):
    search_fields = ("name",)

    class Meta:
        model = Reward
        fields = ["programme", "is_active"]


class PointsAccountFilterSet(ScopedFilterSet):
    search_fields = ("user__full_name", "user__username", "employee_no")

    class Meta:
        model = PointsAccount
        fields = ["programme", "department"]


class LedgerEntryFilterSet(ScopedFilterSet):
    search_fields = ("reason", "account__user__full_name", "account__employee_no")
    account = django_filters.NumberFilter(field_name="account_id", label=_("Points account"))

    class Meta:
        model = LedgerEntry
        fields = ["kind"]


class SubmissionFilterSet(ScopedFilterSet):
    search_fields = ("description", "account__user__full_name", "account__employee_no")

    class Meta:
        model = Submission
        fields = ["status", "item"]


class RedemptionFilterSet(ScopedFilterSet):
    search_fields = ("reward__name", "account__user__full_name")

    class Meta:
        model = Redemption
        fields = ["status", "reward"]


class SuggestionFilterSet(ScopedFilterSet):
    search_fields = ("title", "content", "account__user__full_name")

    class Meta:
        model = Suggestion
        fields = ["status", "department"]


def _in_region(queryset, prefix: str, code: str):
    """Records whose programme's union lies in the region ``code`` or below (by path)."""
    from unionhub.org.models import Region

    region = Region.objects.filter(code=(code or "").strip()).first()
    if region is None:
        return queryset.none()
    return queryset.filter(**{f"{prefix}programme__union__region__path__startswith": region.path})


def _day_start(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


class LedgerEntryApiFilterSet(LedgerEntryFilterSet):
    """``/api/v1/points/ledger/``: also the region (code, with everything below), whether an
    entry was reversed, and the day range of ``occurred_at`` (Asia/Shanghai, both included) —
    what the points KPIs' ``records_url`` uses."""

    region = django_filters.CharFilter(method="in_region", label=_("Region"))
    reversed = django_filters.BooleanFilter(
        field_name="reversed_by", lookup_expr="isnull", exclude=True, label=_("Reversed")
    )
    occurred_from = django_filters.DateFilter(method="occurred_on_or_after", label=_("From"))
    occurred_to = django_filters.DateFilter(method="occurred_on_or_before", label=_("Until"))

    class Meta(LedgerEntryFilterSet.Meta):
        pass

    def in_region(self, queryset, name, value):
        return _in_region(queryset, "account__", value)

    def occurred_on_or_after(self, queryset, name, value):
        return queryset.filter(occurred_at__gte=_day_start(value))

    def occurred_on_or_before(self, queryset, name, value):
        return queryset.filter(occurred_at__lt=_day_start(value + dt.timedelta(days=1)))


class SuggestionApiFilterSet(SuggestionFilterSet):
    """``/api/v1/points/suggestions/``: also the region and the implementation date range."""

    region = django_filters.CharFilter(method="in_region", label=_("Region"))
    implemented_from = django_filters.DateFilter(
        field_name="implemented_on", lookup_expr="gte", label=_("Implemented from")
    )
    implemented_to = django_filters.DateFilter(
        field_name="implemented_on", lookup_expr="lte", label=_("Implemented until")
    )

    class Meta(SuggestionFilterSet.Meta):
        pass

    def in_region(self, queryset, name, value):
        return _in_region(queryset, "", value)
