from __future__ import annotations

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema_field, extend_schema_serializer
from rest_framework import serializers

from unionhub.core.validators.uscc import uscc_warnings
from unionhub.enterprises.choices import SizeClass, TargetReason, TermState, UnionStatus
from unionhub.enterprises.fields import (
    CAMPAIGN_FIELDS,
    CONTACT_FIELDS,
    DELAY_FIELDS,
    ENTERPRISE_DETAIL_FIELDS,
    UNION_FIELDS,
)
from unionhub.enterprises.models import (
    Campaign,
    ContactLog,
    Enterprise,
    EnterpriseUnion,
    TermDelay,
)
from unionhub.org.models import Region


class RegionCodeField(serializers.SlugRelatedField):
    """A region given and shown by its code; only regions in the caller's scope."""

    def __init__(self, **kwargs):
        super().__init__(slug_field="code", **kwargs)

    def get_queryset(self):
        request = self.context.get("request")
        qs = Region.objects.filter(level__in=["county", "town"])
        return qs.visible_to(request.user) if request else qs

    def to_internal_value(self, data):
        try:
            return self.get_queryset().get(code=str(data).strip())
        except Region.DoesNotExist:
            raise serializers.ValidationError(
                _("Unknown region code “%(code)s” (or outside your data scope).") % {"code": data},
                code="unknown_region",
            ) from None


class EnterpriseSerializer(serializers.ModelSerializer):
    region = RegionCodeField(help_text="所在地区代码（县级单位或镇、街道）")
    revenue_wan = serializers.DecimalField(
        max_digits=14,
        decimal_places=2,
        required=False,
        allow_null=True,
        min_value=0,
        help_text="营业收入（万元）",
    )
    assets_wan = serializers.DecimalField(
        max_digits=14,
        decimal_places=2,
        required=False,
        allow_null=True,
        min_value=0,
        help_text="资产总额（万元）",
    )
    size_class = serializers.ChoiceField(
        choices=SizeClass.choices, read_only=True, help_text="企业规模（按中小企业划型标准计算）"
    )
    union_status = serializers.ChoiceField(
        choices=UnionStatus.choices, read_only=True, help_text="建会状态"
    )
    target_reasons = serializers.SerializerMethodField(help_text="列为建会目标的原因代码")
    uscc_warnings = serializers.SerializerMethodField(
        help_text="统一社会信用代码的提示（已接受，建议复核）"
    )

    class Meta:
        model = Enterprise
        fields = ["id", *ENTERPRISE_DETAIL_FIELDS, "uscc_warnings"]
        extra_kwargs = {"uscc": {"validators": []}}  # uniqueness checked by the model, in Chinese

    @extend_schema_field(
        serializers.ListField(child=serializers.ChoiceField(choices=TargetReason.choices))
    )
    def get_target_reasons(self, obj) -> list[str]:
        return obj.target_reason_list

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_uscc_warnings(self, obj) -> list[str]:
        """Accepted, but flagged for review (domain.md §10.1 policy 3)."""
        return uscc_warnings(obj.uscc)


class EnterpriseUnionSerializer(serializers.ModelSerializer):
    name = serializers.CharField(source="org_unit.name", read_only=True)
    org_unit = serializers.PrimaryKeyRelatedField(read_only=True)
    enterprises = serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    term_state = serializers.SerializerMethodField()

    class Meta:
        model = EnterpriseUnion
        fields = ["id", "name", "org_unit", *UNION_FIELDS, "enterprises", "term_state"]
        read_only_fields = fields

    @extend_schema_field(
        {"type": "string", "enum": [c.value for c in TermState]},
    )
    def get_term_state(self, obj) -> str:
        return obj.term_state()


class ContactLogSerializer(serializers.ModelSerializer):
    """走访记录 (written by the viewset's declared services: scope and rules of the web
    form)."""

    enterprise_name = serializers.CharField(source="enterprise.name", read_only=True)

    class Meta:
        model = ContactLog
        fields = ["id", "enterprise_name", *CONTACT_FIELDS]


class CampaignProgressSerializer(serializers.Serializer):
    town = serializers.CharField(source="town.code", help_text="镇（街道）代码")
    town_name = serializers.CharField(source="town.name")
    target = serializers.IntegerField(help_text="目标建会数")
    built = serializers.IntegerField(help_text="活动期间新建工会数")
    progress = serializers.IntegerField(allow_null=True, help_text="完成率（%），无目标时为 null")
    open_targets = serializers.IntegerField(help_text="当前待建会目标企业数")
    contacts = serializers.IntegerField(help_text="走访次数")
    obstacles = serializers.IntegerField(help_text="遇到阻力的走访次数")
    recruited = serializers.IntegerField(help_text="兜底吸收会员数")


class CampaignListSerializer(serializers.ModelSerializer):
    region = serializers.CharField(source="region.code", read_only=True)

    class Meta:
        model = Campaign
        fields = ["id", *CAMPAIGN_FIELDS]
        read_only_fields = fields


# Explicit component name: another module has a serializer of the same name.
@extend_schema_serializer(component_name="EnterpriseCampaign")
class CampaignSerializer(CampaignListSerializer):
    """One campaign with its progress per town (several aggregate queries: detail only)."""

    progress = serializers.SerializerMethodField()

    class Meta(CampaignListSerializer.Meta):
        fields = [*CampaignListSerializer.Meta.fields, "progress"]
        read_only_fields = fields

    @extend_schema_field(CampaignProgressSerializer(many=True))
    def get_progress(self, obj):
        from unionhub.enterprises import selectors

        rows = selectors.campaign_progress(user=self.context["request"].user, campaign=obj)
        return CampaignProgressSerializer(rows, many=True).data


class TermDelaySerializer(serializers.ModelSerializer):
    """延期换届批复: created by the viewset through ``services.union_delay_approve`` (≤ 6
    months, approved by a union above, not dated in the future)."""

    term_end = serializers.DateField(read_only=True, help_text="被延期的任期届满日")

    class Meta:
        model = TermDelay
        fields = ["id", "union", "term_end", *DELAY_FIELDS]
