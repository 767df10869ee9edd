import django_filters
from django.utils.translation import gettext_lazy as _

from unionhub.core.filtersets import ScopedFilterSet
from unionhub.org.choices import OrgKind, RegionLevel
from unionhub.org.models import OrgUnit, Region


class OrgUnitFilterSet(ScopedFilterSet):
    search_fields = ("name", "code", "short_name")
    kind = django_filters.ChoiceFilter(choices=OrgKind.choices, label=_("Kind"))
    region = django_filters.ModelChoiceFilter(
        queryset=Region.objects.all(), method="in_region", label=_("Region")
    )

    class Meta:
        model = OrgUnit
        fields = ["kind"]

    def in_region(self, queryset, name, value):
        return queryset.filter(region__path__startswith=value.path)


class RegionFilterSet(ScopedFilterSet):
    search_fields = ("name", "code")
    level = django_filters.ChoiceFilter(choices=RegionLevel.choices, label=_("Level"))

    class Meta:
        model = Region
        fields = ["level"]
