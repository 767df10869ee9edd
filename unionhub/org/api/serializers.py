from rest_framework import serializers

from unionhub.org.models import OrgUnit, Region


class RegionSerializer(serializers.ModelSerializer):
    parent = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = Region
        fields = [
            "id",
            "code",
            "name",
            "level",
            "kind",
            "category",
            "parent",
            "statistical_parent_code",
            "path",
            "depth",
        ]
        read_only_fields = fields


class OrgUnitSerializer(serializers.ModelSerializer):
    region = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = OrgUnit
        fields = [
            "id",
            "name",
            "short_name",
            "code",
            "kind",
            "parent",
            "region",
            "path",
            "depth",
            "is_active",
        ]
        read_only_fields = fields
