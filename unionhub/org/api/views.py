"""Read-only API of the two trees (for pickers, devices and reports). Writes go through the
pages, where the tree rules are enforced by the services."""

from __future__ import annotations

from unionhub.core.api import ScopedReadOnlyViewSet
from unionhub.org.api.serializers import OrgUnitSerializer, RegionSerializer
from unionhub.org.models import OrgUnit, Region


class RegionViewSet(ScopedReadOnlyViewSet):
    queryset = Region.objects.order_by("path")
    serializer_class = RegionSerializer
    select_related = ("parent",)
    filterset_fields = ["code", "level", "kind", "category"]


class OrgUnitViewSet(ScopedReadOnlyViewSet):
    queryset = OrgUnit.objects.order_by("path")
    serializer_class = OrgUnitSerializer
    select_related = ("region",)
    filterset_fields = ["code", "kind", "parent", "is_active"]
