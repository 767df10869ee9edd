import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from unionhub.core.filtersets import ScopedFilterSet, start_of_next_day
from unionhub.org.choices import OrgKind, RegionLevel
from unionhub.org.models import OrgUnit, Region


class OrgUnitFilterSet(ScopedFilterSet):
    search_fields = ("name", "code", "short_name")
    kind = django_filters.ChoiceFilter(choices=OrgKind.choices, label=_("Kind"))
    region = django_filters.ModelChoiceFilter(
        queryset=Region.objects.all(), method="in_region", label=_("Region")
    )
    # The statutory statistics' table 1 links here: founded on or before the date — the
    # enterprise union's founding date, or for an organisation without one (village and
    # community unions) the day it was registered on the platform.
    founded_before = django_filters.DateFilter(method="founded_by", label=_("Founded until"))

    class Meta:
        model = OrgUnit
        fields = ["kind"]

    def in_region(self, queryset, name, value):
        return queryset.filter(region__path__startswith=value.path)

    def founded_by(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.filter(founded_on_or_before(value))


def founded_on_or_before(day) -> Q:
    """Organisations founded on or before ``day`` (the one definition of table 1)."""
    return Q(enterprise_union__founded_on__lte=day) | Q(
        enterprise_union__isnull=True, created_at__lt=start_of_next_day(day)
    )


class RegionFilterSet(ScopedFilterSet):
    search_fields = ("name", "code")
    level = django_filters.ChoiceFilter(choices=RegionLevel.choices, label=_("Level"))

    class Meta:
        model = Region
        fields = ["level"]
