import django_filters

from unionhub.core.filtersets import ScopedFilterSet
from unionhub.{label}.models import {model}


class {model}FilterSet(ScopedFilterSet):
    q = django_filters.CharFilter(field_name="name", lookup_expr="icontains", label="")

    class Meta:
        model = {model}
        fields = ["region"]
