"""Filters of the lists and the API (one filter set per model serves both). ``region`` is a
region code with everything below it (by the materialized path, never by code prefix); the
KPIs' ``records_url`` use these filters."""

from __future__ import annotations

import django_filters
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from unionhub.core.filtersets import ScopedFilterSet
from unionhub.enterprises.choices import OperatingStatus, Ownership
from unionhub.org.models import Region
from unionhub.partybuild.choices import (
    OWED,
    DemonstrationKind,
    DeputyKind,
    DeputyLevel,
    LectureKind,
    PartyOrgType,
    ReportStatus,
    Stage,
)
from unionhub.partybuild.models import (
    Cultivation,
    CycleReport,
    Demonstration,
    Deputy,
    Lecture,
    Participation,
    PartyFacts,
)

#: ownership codes the contract calls non-public (everything but state and collective)
NONPUBLIC = [c for c in Ownership.values if c not in (Ownership.STATE, Ownership.COLLECTIVE)]


class RegionFilterSet(ScopedFilterSet):
    """``?region=<code>``: records whose region is that region or below it."""

    region_lookup = "region__path"
    region = django_filters.CharFilter(
        method="in_region", label=_("Region (code, with everything below)")
    )

    def in_region(self, queryset, name, value):
        region = Region.objects.filter(code=value.strip()).first()
        if region is None:
            return queryset.none()
        return queryset.filter(**{f"{self.region_lookup}__startswith": region.path})


class PartyFactsFilterSet(RegionFilterSet):
    region_lookup = "enterprise__region__path"
    search_fields = ("enterprise__name",)
    org_type = django_filters.ChoiceFilter(
        choices=PartyOrgType.choices, label=_("party organisation")
    )
    has_party_org = django_filters.BooleanFilter(label=_("has a party organisation"))
    party_members_min = django_filters.NumberFilter(
        field_name="party_members", lookup_expr="gte", label=_("at least this many party members")
    )
    nonpublic = django_filters.BooleanFilter(
        method="is_nonpublic", label=_("non-public enterprise")
    )
    operating_status = django_filters.ChoiceFilter(
        field_name="enterprise__operating_status",
        choices=OperatingStatus.choices,
        label=_("operating status"),
    )

    class Meta:
        model = PartyFacts
        fields: list[str] = []

    def is_nonpublic(self, queryset, name, value):
        if value is None:
            return queryset
        q = Q(enterprise__ownership__in=NONPUBLIC)
        return queryset.filter(q) if value else queryset.exclude(q)


class ParticipationFilterSet(RegionFilterSet):
    region_lookup = "enterprise__region__path"
    search_fields = ("enterprise__name",)
    year = django_filters.NumberFilter(label=_("year"))

    class Meta:
        model = Participation
        fields: list[str] = []


class CycleReportFilterSet(RegionFilterSet):
    region_lookup = "participation__enterprise__region__path"
    search_fields = ("participation__enterprise__name",)
    year = django_filters.NumberFilter(field_name="participation__year", label=_("year"))
    stage = django_filters.ChoiceFilter(choices=Stage.choices, label=_("step"))
    status = django_filters.ChoiceFilter(choices=ReportStatus.choices, label=_("status"))
    overdue = django_filters.BooleanFilter(method="is_overdue", label=_("past its due date"))

    class Meta:
        model = CycleReport
        fields: list[str] = []

    def is_overdue(self, queryset, name, value):
        if value is None:
            return queryset
        q = Q(status__in=OWED, due_on__lt=timezone.localdate())
        return queryset.filter(q) if value else queryset.exclude(q)


class DemonstrationFilterSet(RegionFilterSet):
    search_fields = ("name",)
    kind = django_filters.ChoiceFilter(choices=DemonstrationKind.choices, label=_("kind"))
    year = django_filters.NumberFilter(label=_("year"))

    class Meta:
        model = Demonstration
        fields: list[str] = []


class LectureFilterSet(RegionFilterSet):
    search_fields = ("title", "speaker")
    kind = django_filters.ChoiceFilter(choices=LectureKind.choices, label=_("kind"))

    class Meta:
        model = Lecture
        fields: list[str] = []


class DeputyFilterSet(RegionFilterSet):
    search_fields = ("name", "occupation")
    kind = django_filters.ChoiceFilter(choices=DeputyKind.choices, label=_("kind"))
    level = django_filters.ChoiceFilter(choices=DeputyLevel.choices, label=_("deputy level"))
    is_industrial_worker = django_filters.BooleanFilter(label=_("industrial worker"))

    class Meta:
        model = Deputy
        fields: list[str] = []


class CultivationFilterSet(RegionFilterSet):
    region_lookup = "enterprise__region__path"
    search_fields = ("name", "enterprise__name")
    enterprise = django_filters.NumberFilter(field_name="enterprise_id", label=_("enterprise"))
    party_member_from = django_filters.DateFilter(
        field_name="party_member_on", lookup_expr="gte", label=_("joined the party from")
    )
    party_member_to = django_filters.DateFilter(
        field_name="party_member_on", lookup_expr="lte", label=_("joined the party until")
    )

    class Meta:
        model = Cultivation
        fields: list[str] = []
