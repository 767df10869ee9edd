"""Filters of the pages and the API lists. The KPIs' ``records_url`` use the API filters:
``region`` (a code, with everything below), ``in_force_on`` (contracts in force that day),
``expiring_by`` (in force and expiring on or before), ``sent_from``/``sent_to``,
``status``, ``covered_on`` (enterprises covered by a contract in force that day)."""

from __future__ import annotations

import django_filters
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from unionhub.bargaining.choices import CaseStatus, OfferStatus, Tier
from unionhub.bargaining.models import (
    BargainingCase,
    BargainingOffer,
    OfferCampaign,
    Representative,
    in_force_q,
)
from unionhub.core.filtersets import ScopedFilterSet
from unionhub.enterprises.models import Enterprise
from unionhub.members.choices import KeyGroup
from unionhub.org.models import Region

#: the ``covered_key_group`` value of contracts that name no key group
NO_KEY_GROUP = "none"


def _in_region(queryset, path_lookup: str, code: str):
    region = Region.objects.filter(code=(code or "").strip()).first()
    if region is None:
        return queryset.none()
    return queryset.filter(**{f"{path_lookup}__startswith": region.path})


class CaseFilterSet(ScopedFilterSet):
    search_fields = ("title", "enterprise__name")
    region = django_filters.CharFilter(method="filter_region", label=_("Region (code)"))
    tier = django_filters.ChoiceFilter(
        choices=Tier.choices, label=pgettext_lazy("bargaining", "tier")
    )
    status = django_filters.ChoiceFilter(choices=CaseStatus.choices, label=_("status"))
    key_group = django_filters.ChoiceFilter(choices=KeyGroup.choices, label=_("key group"))
    in_force_on = django_filters.DateFilter(
        method="filter_in_force", label=pgettext_lazy("bargaining", "In force on")
    )
    expiring_by = django_filters.DateFilter(method="filter_expiring", label=_("Expiring by"))

    class Meta:
        model = BargainingCase
        fields = ["tier", "status", "procedure", "outcome_type", "key_group"]

    def filter_region(self, queryset, name, value):
        return _in_region(queryset, "region__path", value)

    def filter_in_force(self, queryset, name, value):
        return queryset.filter(in_force_q(value))

    def filter_expiring(self, queryset, name, value):
        return queryset.filter(expires_on__lte=value)


class RepresentativeFilterSet(ScopedFilterSet):
    search_fields = ("name", "case__title")

    class Meta:
        model = Representative
        fields = ["case", "side", "is_chief", "is_outside_expert"]


class CampaignFilterSet(ScopedFilterSet):
    search_fields = ("title",)

    class Meta:
        model = OfferCampaign
        fields = ["union"]


class OfferFilterSet(ScopedFilterSet):
    search_fields = ("enterprise__name",)
    region = django_filters.CharFilter(method="filter_region", label=_("Region (code)"))
    status = django_filters.ChoiceFilter(choices=OfferStatus.choices, label=_("status"))
    sent_from = django_filters.DateFilter(
        field_name="sent_on", lookup_expr="gte", label=_("Sent from")
    )
    sent_to = django_filters.DateFilter(
        field_name="sent_on", lookup_expr="lte", label=_("Sent until")
    )

    class Meta:
        model = BargainingOffer
        fields = ["campaign", "status"]

    def filter_region(self, queryset, name, value):
        return _in_region(queryset, "enterprise__region__path", value)


def covered_q(on, **case_filters):
    """Enterprises bound by a contract in force on ``on``: their own (enterprise tier) or
    one that lists them (industry, regional); ``case_filters`` narrow the contracts
    (``tier=``, ``key_group=``)."""
    in_force = BargainingCase.objects.filter(in_force_q(on), **case_filters)
    own = in_force.filter(enterprise=OuterRef("pk"))
    listed = in_force.filter(covered_enterprises=OuterRef("pk"))
    return Q(Exists(own)) | Q(Exists(listed))


class CoveredEnterpriseFilterSet(ScopedFilterSet):
    """``covered_on`` keeps the enterprises covered that day; ``covered_tier`` and
    ``covered_key_group`` narrow the contracts that count (with no ``covered_on``: today),
    so each cell of the coverage table links to exactly the enterprises it counts."""

    search_fields = ("name",)
    region = django_filters.CharFilter(method="filter_region", label=_("Region (code)"))
    covered_on = django_filters.DateFilter(method="filter_nothing", label=_("Covered on"))
    covered_tier = django_filters.ChoiceFilter(
        choices=Tier.choices,
        method="filter_nothing",
        label=pgettext_lazy("bargaining", "Covered at tier"),
    )
    covered_key_group = django_filters.ChoiceFilter(
        choices=[*KeyGroup.choices, (NO_KEY_GROUP, _("no key group"))],
        method="filter_nothing",
        label=_("Covered for key group"),
    )

    class Meta:
        model = Enterprise
        fields = ["size_class"]

    def filter_region(self, queryset, name, value):
        return _in_region(queryset, "region__path", value)

    def filter_nothing(self, queryset, name, value):
        return queryset  # the three coverage filters act together in filter_queryset

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        data = self.form.cleaned_data
        on, tier, group = (
            data.get("covered_on"),
            data.get("covered_tier"),
            data.get("covered_key_group"),
        )
        if not (on or tier or group):
            return queryset
        case_filters = {}
        if tier:
            case_filters["tier"] = tier
        if group:
            case_filters["key_group"] = "" if group == NO_KEY_GROUP else group
        return queryset.filter(covered_q(on or timezone.localdate(), **case_filters))
