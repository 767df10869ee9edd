"""Filters shared by the HTML lists and the API."""

from __future__ import annotations

import django_filters
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
