"""Read shapes of the brand API (writes happen on the pages, through the services). The
serializers carry explicit component names: ``Brand`` alone would collide in the OpenAPI
schema with other modules' "brand" shapes."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_serializer
from rest_framework import serializers

from unionhub.brands.models import Brand, BrandKpi


@extend_schema_serializer(component_name="BrandsBrandIndicator")
class BrandKpiSerializer(serializers.ModelSerializer):
    class Meta:
        model = BrandKpi
        fields = ("code", "order", "note")
        read_only_fields = fields


@extend_schema_serializer(component_name="BrandsBrand")
class BrandSerializer(serializers.ModelSerializer):
    region = serializers.SlugRelatedField(slug_field="code", read_only=True)
    region_name = serializers.CharField(source="region.name", read_only=True)
    kpis = BrandKpiSerializer(many=True, read_only=True)

    class Meta:
        model = Brand
        fields = (
            "id",
            "region",
            "region_name",
            "year",
            "title",
            "slogan",
            "narrative",
            "lead_department",
            "status",
            "submitted_at",
            "published_at",
            "return_reason",
            "kpis",
        )
        read_only_fields = fields
