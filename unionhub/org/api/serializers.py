from rest_framework import serializers

from unionhub.org.fields import ORGUNIT_FIELDS, REGION_FIELDS, TREE_FIELDS
from unionhub.org.models import OrgUnit, Region


class RegionSerializer(serializers.ModelSerializer):
    parent = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = Region
        fields = ["id", *REGION_FIELDS, *TREE_FIELDS]
        read_only_fields = fields


class OrgUnitSerializer(serializers.ModelSerializer):
    region = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = OrgUnit
        fields = ["id", *ORGUNIT_FIELDS, *TREE_FIELDS]
        read_only_fields = fields
