import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from unionhub.core.filtersets import ScopedFilterSet
from unionhub.core.validators.industry import section_choices
from unionhub.enterprises.choices import (
    ContactDepartment,
    EstablishmentMode,
    Obstacle,
    OperatingStatus,
    Ownership,
    SizeClass,
    TargetReason,
    TermState,
    UnionForm,
    UnionStatus,
)
from unionhub.enterprises.models import Campaign, ContactLog, Enterprise, EnterpriseUnion
from unionhub.enterprises.rules import covered_by_union_on, must_establish_q
from unionhub.org.models import Region


class _RegionCodeFilterSet(ScopedFilterSet):
    """``?region=<code>`` (the API, KPI cards and statistics cells link by code, with
    everything below) hidden on the page, where ``region_id`` — the select each list
    declares — offers the same choice; ``region_path`` is where the record's region lies."""

    region_path = "region__path"
    page_hidden: tuple[str, ...] = ("region",)
    region = django_filters.CharFilter(
        method="in_region", label=_("Region (code, with everything below)")
    )

    def title_place(self) -> str | None:
        # ``?region=<code>`` names the place as well as the select
        code = (self.data.get("region") or "").strip() if self.is_bound else ""
        if code:
            region = Region.objects.filter(code=code).first()
            if region is not None:
                return str(region)
        return super().title_place()

    def in_region(self, queryset, name, value):
        region = Region.objects.filter(code=value.strip()).first()
        if region is None:
            return queryset.none()
        return queryset.filter(**{f"{self.region_path}__startswith": region.path})

    def in_region_id(self, queryset, name, value):
        return queryset.filter(**{f"{self.region_path}__startswith": value.path})


class EnterpriseFilterSet(_RegionCodeFilterSet):
    """Shared by the HTML list, the export and the API (parameters named after fields)."""

    search_fields = ("name", "uscc")
    page_hidden = ("region", "union_founded_before")
    page_first = ("q", "region_id", "union_status", "has_union", "must_establish")
    region_id = django_filters.ModelChoiceFilter(
        queryset=Region.objects.filter(level__in=["county", "town"]).order_by("path"),
        method="in_region_id",
        label=_("Region"),
    )
    industry_section = django_filters.ChoiceFilter(
        choices=section_choices, label=_("Industry section")
    )
    industry_code = django_filters.CharFilter(lookup_expr="startswith", label=_("Industry code"))
    ownership = django_filters.ChoiceFilter(choices=Ownership.choices, label=_("Ownership"))
    size_class = django_filters.ChoiceFilter(choices=SizeClass.choices, label=_("Size class"))
    operating_status = django_filters.ChoiceFilter(
        choices=OperatingStatus.choices, label=_("Operating status")
    )
    union_status = django_filters.ChoiceFilter(choices=UnionStatus.choices, label=_("Union status"))
    has_union = django_filters.BooleanFilter(method="with_union", label=_("Has a union"))
    target_reasons = django_filters.ChoiceFilter(
        choices=TargetReason.choices, method="with_reason", label=_("Target reason")
    )
    is_target = django_filters.BooleanFilter(method="targets", label=_("Campaign target"))
    must_establish = django_filters.BooleanFilter(
        method="establish_required", label=_("Must establish a union (25+ employees, operating)")
    )
    employees_min = django_filters.NumberFilter(
        field_name="employees", lookup_expr="gte", label=_("Employees at least")
    )
    has_party_org = django_filters.BooleanFilter(label=_("has a party organisation"))
    # The statutory statistics' table 4 links here with its date: founded by then, and
    # covered by a union founded by then (``has_union`` is today's union status).
    founded_before = django_filters.DateFilter(
        field_name="founded_on", lookup_expr="lte", label=_("Founded until")
    )
    union_founded_before = django_filters.DateFilter(
        method="union_founded_by", label=_("Covered by a union founded until")
    )
    is_head_enterprise = django_filters.BooleanFilter(label=_("head enterprise"))
    is_high_profile = django_filters.BooleanFilter(label=_("high-profile enterprise"))

    class Meta:
        model = Enterprise
        fields = ["uscc"]

    def union_founded_by(self, queryset, name, value):
        return queryset.filter(covered_by_union_on(value)) if value else queryset

    def with_reason(self, queryset, name, value):
        return queryset.filter(target_reasons__contains=value)

    def with_union(self, queryset, name, value):
        if value is None:
            return queryset
        has = ["built", "term_overdue", "dormant"]
        return (
            queryset.filter(union_status__in=has)
            if value
            else queryset.exclude(union_status__in=has)
        )

    def establish_required(self, queryset, name, value):
        # the same definition as the coverage KPI and the overview cards (rules.py)
        if value is None:
            return queryset
        q = must_establish_q()
        return queryset.filter(q) if value else queryset.exclude(q)

    def targets(self, queryset, name, value):
        if value is None:
            return queryset
        return queryset.exclude(target_reasons="") if value else queryset.filter(target_reasons="")


@extend_schema_field(OpenApiTypes.INT)
class _RegionIdFilter(django_filters.ModelChoiceFilter):
    """A region by its id (the page's select); the schema says integer."""


class EnterpriseUnionFilterSet(_RegionCodeFilterSet):
    search_fields = ("org_unit__name", "chair_name", "enterprises__name")
    form = django_filters.ChoiceFilter(choices=UnionForm.choices, label=_("form"))
    mode = django_filters.ChoiceFilter(
        choices=EstablishmentMode.choices, label=_("establishment mode")
    )
    term_state = django_filters.ChoiceFilter(
        choices=TermState.choices, method="in_term_state", label=_("term state")
    )
    term_end_before = django_filters.DateFilter(
        field_name="term_end", lookup_expr="lte", label=_("Term ends by")
    )
    # The statutory statistics' 工会主席（组织员） cells link here (docs/dashboards.md):
    # the unions of a county-level unit founded on or before the date with a chair named.
    region_path = "org_unit__region__path"
    region_id = _RegionIdFilter(
        queryset=Region.objects.filter(level__in=["county", "town"]).order_by("path"),
        method="in_region_id",
        label=_("Region"),
    )
    founded_before = django_filters.DateFilter(
        field_name="founded_on", lookup_expr="lte", label=_("Founded until")
    )
    has_chair = django_filters.BooleanFilter(
        method="with_chair", label=_("A chair / organiser is named")
    )

    class Meta:
        model = EnterpriseUnion
        fields = ["form", "mode"]

    def search(self, queryset, name, value):
        return super().search(queryset, name, value).distinct()

    def with_chair(self, queryset, name, value: bool | None):
        if value is None:
            return queryset
        return queryset.exclude(chair_name="") if value else queryset.filter(chair_name="")

    def in_term_state(self, queryset, name, value):
        """domain.md §2.1 as date ranges on ``term_end`` and ``delay_until`` (relative to
        today); the same states as ``models.term_state``, which the tests compare."""
        import datetime as dt

        from django.utils import timezone

        from unionhub.enterprises.dates import add_months
        from unionhub.enterprises.models import DUE_SOON_DAYS, SEVERE_DELAY_MONTHS

        today = timezone.localdate()
        soon = today + dt.timedelta(days=DUE_SOON_DAYS)
        if value == TermState.NORMAL:
            return queryset.filter(term_end__gte=soon)
        if value == TermState.DUE_SOON:
            return queryset.filter(term_end__gte=today, term_end__lt=soon)
        # overdue: term_end < today; severe: today > add_months(term_end, 6)
        severe_before = today - dt.timedelta(days=1)
        while add_months(severe_before, SEVERE_DELAY_MONTHS) >= today:
            severe_before -= dt.timedelta(days=1)
        delayed = Q(delay_until__gte=today)
        if value == TermState.DELAY_APPROVED:
            return queryset.filter(delayed, term_end__lt=today)
        if value == TermState.SEVERELY_OVERDUE:
            return queryset.filter(term_end__lte=severe_before).exclude(delayed)
        return queryset.filter(term_end__lt=today, term_end__gt=severe_before).exclude(delayed)


class ContactLogFilterSet(ScopedFilterSet):
    search_fields = ("enterprise__name", "enterprise__uscc", "next_step")
    campaign = django_filters.ModelChoiceFilter(
        queryset=Campaign.objects.all(), label=_("campaign")
    )
    department = django_filters.ChoiceFilter(
        choices=ContactDepartment.choices, label=_("visited with")
    )
    obstacle = django_filters.ChoiceFilter(choices=Obstacle.choices, label=_("obstacle"))
    contacted_from = django_filters.DateFilter(
        field_name="contacted_on", lookup_expr="gte", label=_("Contacted from")
    )
    contacted_to = django_filters.DateFilter(
        field_name="contacted_on", lookup_expr="lte", label=_("Contacted until")
    )
    next_contact_by = django_filters.DateFilter(
        field_name="next_contact_on", lookup_expr="lte", label=_("Next contact by")
    )

    class Meta:
        model = ContactLog
        fields = ["enterprise"]
