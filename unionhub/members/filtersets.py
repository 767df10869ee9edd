from __future__ import annotations

import datetime as dt

import django_filters
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from unionhub.core.filtersets import ScopedFilterSet
from unionhub.core.identity import identity_lookup
from unionhub.core.validators.idcard import looks_like_id_number, looks_like_phone
from unionhub.members.choices import (
    EIGHT_GROUPS,
    ApplicationStatus,
    Gender,
    KeyGroup,
    MemberStatus,
    PoliticalStatus,
    TransferStatus,
)
from unionhub.members.models import (
    JoinApplication,
    Member,
    MemberTransfer,
    id_number_hashes,
    may_view_personal_data,
    phone_hashes,
)
from unionhub.org.models import OrgUnit, Region


def identity_or_text(queryset, value: str, text_fields: tuple[str, ...], user=None):
    """Quick search: a full ID number or mobile number matches through the keyed hash
    (the columns are encrypted) — only for callers who may see personal data unmasked,
    counted against ``IDENTITY_LOOKUP_RATE`` and audited without the number (probe
    finding 1); for anyone else such a number finds nothing. Other text searches the plain
    text fields."""
    value = (value or "").strip()
    if not value:
        return queryset
    kind = (
        "id_number" if looks_like_id_number(value) else "phone" if looks_like_phone(value) else ""
    )
    if kind:
        if not may_view_personal_data(user):
            return queryset.none()
        identity_lookup(kind=kind, model=queryset.model, user=user)
        if kind == "id_number":
            return queryset.filter(id_number_hash__in=id_number_hashes(value))
        return queryset.filter(phone_hash__in=phone_hashes(value))
    q = Q()
    for field in text_fields:
        q |= Q(**{f"{field}__icontains": value})
    return queryset.filter(q)


class MemberFilterSet(ScopedFilterSet):
    search_fields = ("name", "card_number", "union__name")
    union = django_filters.ModelChoiceFilter(
        queryset=OrgUnit.objects.all(), label=_("Union"), method="filter_union"
    )
    region = django_filters.ModelChoiceFilter(
        queryset=Region.objects.filter(level__in=["county", "town"]),
        label=_("Region of the union"),
        method="filter_region",
    )
    status = django_filters.ChoiceFilter(choices=MemberStatus.choices, label=_("Status"))
    is_new_employment = django_filters.BooleanFilter(label=_("New-employment-form worker"))
    key_group = django_filters.ChoiceFilter(choices=KeyGroup.choices, label=_("Key group"))
    joined_after = django_filters.DateFilter(
        field_name="joined_on", lookup_expr="gte", label=_("Joined from")
    )
    joined_before = django_filters.DateFilter(
        field_name="joined_on", lookup_expr="lte", label=_("Joined until")
    )
    # The statutory statistics link here with the day of the table (docs/dashboards.md).
    member_on = django_filters.DateFilter(method="filter_member_on", label=_("Member on"))
    # The statutory statistics' 女性 / 党员 / 八大群体 cells link here (docs/dashboards.md).
    gender = django_filters.ChoiceFilter(choices=Gender.choices, label=_("Sex"))
    party_member = django_filters.BooleanFilter(
        method="filter_party_member", label=_("CPC member or probationary member")
    )
    eight_groups = django_filters.BooleanFilter(
        method="filter_eight_groups", label=_("In one of the eight key groups")
    )

    class Meta:
        model = Member
        fields = ["union", "status", "is_new_employment", "key_group"]

    def search(self, queryset, name, value):
        return identity_or_text(queryset, value, self.search_fields, user=self.user)

    def filter_union(self, queryset, name, value: OrgUnit | None):
        # A union filter includes the unions below it (a town federation's members).
        return queryset.filter(union__path__startswith=value.path) if value else queryset

    def filter_region(self, queryset, name, value: Region | None):
        return queryset.filter(union__region__path__startswith=value.path) if value else queryset

    def filter_member_on(self, queryset, name, value):
        from unionhub.members.selectors import members_on

        return queryset.filter(members_on(value)) if value else queryset

    def filter_party_member(self, queryset, name, value: bool | None):
        if value is None:
            return queryset
        party = Q(political_status__in=[PoliticalStatus.PARTY_MEMBER, PoliticalStatus.PROBATIONARY])
        return queryset.filter(party) if value else queryset.exclude(party)

    def filter_eight_groups(self, queryset, name, value: bool | None):
        if value is None:
            return queryset
        groups = Q(key_group__in=[str(g) for g in EIGHT_GROUPS])
        return queryset.filter(groups) if value else queryset.exclude(groups)


class JoinApplicationFilterSet(ScopedFilterSet):
    search_fields = ("name", "code", "employer_name")
    status = django_filters.ChoiceFilter(choices=ApplicationStatus.choices, label=_("Status"))
    key_group = django_filters.ChoiceFilter(choices=KeyGroup.choices, label=_("Key group"))
    # The statutory statistics' pending-application cells link here.
    region = django_filters.ModelChoiceFilter(
        queryset=Region.objects.filter(level__in=["county", "town"]),
        label=_("Region"),
        method="filter_region",
    )
    is_new_employment = django_filters.BooleanFilter(label=_("New-employment-form worker"))
    submitted_before = django_filters.DateFilter(
        method="filter_submitted_before", label=_("Submitted until")
    )

    def filter_region(self, queryset, name, value: Region | None):
        return queryset.filter(region__path__startswith=value.path) if value else queryset

    def filter_submitted_before(self, queryset, name, value):
        if not value:
            return queryset
        end = timezone.make_aware(dt.datetime.combine(value + dt.timedelta(days=1), dt.time.min))
        return queryset.filter(created_at__lt=end)

    class Meta:
        model = JoinApplication
        fields = ["status", "key_group"]

    def search(self, queryset, name, value):
        return identity_or_text(queryset, value, self.search_fields, user=self.user)


class MemberTransferFilterSet(ScopedFilterSet):
    search_fields = ("member__name", "from_union__name", "to_union__name")
    status = django_filters.ChoiceFilter(choices=TransferStatus.choices, label=_("Status"))

    class Meta:
        model = MemberTransfer
        fields = ["status"]
