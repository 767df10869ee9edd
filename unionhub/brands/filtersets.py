"""Filters of the brand lists (pages and API); ``region`` is a region code (by path)."""

from __future__ import annotations

from unionhub.brands.models import Brand, BrandKpi
from unionhub.core.filtersets import ScopedFilterSet
from unionhub.people.filtersets import region_filter


class BrandFilterSet(ScopedFilterSet):
    search_fields = ("title", "slogan", "lead_department", "region__name")
    region = region_filter("region__path")

    class Meta:
        model = Brand
        fields = ["q", "year", "status", "region"]


class BrandKpiFilterSet(ScopedFilterSet):
    search_fields = ("code", "note", "brand__title")
    region = region_filter("brand__region__path")

    class Meta:
        model = BrandKpi
        fields = ["q", "brand", "code", "region"]
