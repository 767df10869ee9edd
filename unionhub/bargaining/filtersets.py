"""Filters of the pages and the API lists. The KPIs' ``records_url`` use the API filters:
``region`` (a code, with everything below), ``in_force_on`` (contracts in force that day),
``expiring_by`` (in force and expiring on or before), ``sent_from``/``sent_to``,
``status``, ``covered_on`` (enterprises covered by a contract in force that day)."""

from __future__ import annotations

import django_filters
from django.db.models import Exists, OuterRef, Q
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


def covered_q(on):
    """Enterprises bound by a contract in force on ``on``: their own (enterprise tier) or
    one that lists them (industry, regional)."""
    own = BargainingCase.objects.filter(in_force_q(on), enterprise=OuterRef("pk"))
    listed = BargainingCase.objects.filter(in_force_q(on), covered_enterprises=OuterRef("pk"))
    return Q(Exists(own)) | Q(Exists(listed))


class CoveredEnterpriseFilterSet(ScopedFilterSet):
    search_fields = ("name",)
    region = django_filters.CharFilter(method="filter_region", label=_("Region (code)"))
    covered_on = django_filters.DateFilter(method="filter_covered", label=_("Covered on"))

    class Meta:
        model = Enterprise
        fields = ["size_class"]

    def filter_region(self, queryset, name, value):
        return _in_region(queryset, "region__path", value)

    def filter_covered(self, queryset, name, value):
        return queryset.filter(covered_q(value))
