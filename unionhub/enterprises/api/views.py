from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import viewsets

from unionhub.core.api import ScopedModelViewSet
from unionhub.enterprises.api.serializers import EnterpriseSerializer, EnterpriseUnionSerializer
from unionhub.enterprises.filtersets import EnterpriseFilterSet, EnterpriseUnionFilterSet
from unionhub.enterprises.models import Enterprise, EnterpriseUnion


@extend_schema_view(
    list=extend_schema(
        summary="企业列表",
        description="调用者数据范围内的企业。筛选参数与字段同名：region（地区代码，含下级）、"
        "industry_section、industry_code（前缀）、ownership、size_class、operating_status、"
        "union_status、target_reasons、is_target、q（名称或信用代码）。",
    ),
    retrieve=extend_schema(summary="企业详情"),
    create=extend_schema(
        summary="新增企业", description="size_class、union_status、target_reasons 由系统计算。"
    ),
    update=extend_schema(summary="修改企业"),
    partial_update=extend_schema(summary="部分修改企业"),
    destroy=extend_schema(summary="删除企业"),
)
class EnterpriseViewSet(ScopedModelViewSet):
    queryset = Enterprise.objects.order_by("name", "pk")
    serializer_class = EnterpriseSerializer
    filterset_class = EnterpriseFilterSet
    select_related = ("region",)

    def perform_create(self, serializer):
        self._save_in_scope(serializer)

    def perform_destroy(self, instance):
        from unionhub.enterprises import services

        services.enterprise_delete(actor=self.request.user, enterprise=instance)


@extend_schema_view(
    list=extend_schema(summary="基层工会列表"), retrieve=extend_schema(summary="基层工会详情")
)
class EnterpriseUnionViewSet(ScopedModelViewSet, viewsets.ReadOnlyModelViewSet):
    queryset = EnterpriseUnion.objects.order_by("term_end", "pk")
    serializer_class = EnterpriseUnionSerializer
    filterset_class = EnterpriseUnionFilterSet
    select_related = ("org_unit",)
    prefetch_related = ("enterprises",)
    http_method_names = ["get", "head", "options"]
