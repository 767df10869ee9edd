from drf_spectacular.utils import extend_schema, extend_schema_view

from unionhub.core.api import ScopedModelViewSet, ScopedReadOnlyViewSet
from unionhub.enterprises.api.serializers import (
    CampaignListSerializer,
    CampaignSerializer,
    ContactLogSerializer,
    EnterpriseSerializer,
    EnterpriseUnionSerializer,
    TermDelaySerializer,
)
from unionhub.enterprises.filtersets import (
    ContactLogFilterSet,
    EnterpriseFilterSet,
    EnterpriseUnionFilterSet,
)
from unionhub.enterprises.models import Campaign, ContactLog, Enterprise, EnterpriseUnion, TermDelay
from unionhub.enterprises.views import CONTACT_SERVICES, DELAY_SERVICES, ENTERPRISE_SERVICES


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
    services = ENTERPRISE_SERVICES


@extend_schema_view(
    list=extend_schema(summary="基层工会列表"), retrieve=extend_schema(summary="基层工会详情")
)
class EnterpriseUnionViewSet(ScopedReadOnlyViewSet):
    queryset = EnterpriseUnion.objects.order_by("term_end", "pk")
    serializer_class = EnterpriseUnionSerializer
    filterset_class = EnterpriseUnionFilterSet
    select_related = ("org_unit",)
    prefetch_related = ("enterprises",)


@extend_schema_view(
    list=extend_schema(
        summary="走访记录列表",
        description="调用者数据范围内企业的走访记录。筛选：enterprise、campaign、department、obstacle、"
        "contacted_from / contacted_to（走访日期）、next_contact_by（下次走访不晚于）、q。",
    ),
    retrieve=extend_schema(summary="走访记录详情"),
    create=extend_schema(summary="新增走访记录", description="企业须在调用者数据范围内。"),
    update=extend_schema(summary="修改走访记录"),
    partial_update=extend_schema(summary="部分修改走访记录"),
    destroy=extend_schema(summary="删除走访记录"),
)
class ContactLogViewSet(ScopedModelViewSet):
    queryset = ContactLog.objects.order_by("-contacted_on", "-pk")
    serializer_class = ContactLogSerializer
    filterset_class = ContactLogFilterSet
    select_related = ("enterprise", "campaign")
    services = CONTACT_SERVICES


@extend_schema_view(
    list=extend_schema(summary="组建服务年活动列表", description="筛选：year。"),
    retrieve=extend_schema(
        summary="组建服务年活动详情",
        description="带各镇（街道）的进度：目标、活动期间新建、完成率、待建目标、走访、阻力、兜底吸收会员。",
    ),
)
class CampaignViewSet(ScopedReadOnlyViewSet):
    queryset = Campaign.objects.order_by("-year", "name")
    serializer_class = CampaignSerializer

    def get_serializer_class(self):
        return CampaignListSerializer if self.action == "list" else CampaignSerializer

    select_related = ("region",)
    prefetch_related = ("town_targets",)
    filterset_fields = ["year"]


@extend_schema_view(
    list=extend_schema(summary="延期换届批复列表", description="筛选：union（基层工会 id）。"),
    retrieve=extend_schema(summary="延期换届批复详情"),
    create=extend_schema(
        summary="登记延期换届",
        description="延期至须晚于本届任期届满日且不超过届满后 6 个月；批准单位须为该工会的上级工会；"
        "批准日期不能是将来。",
    ),
)
class TermDelayViewSet(ScopedModelViewSet):
    queryset = TermDelay.objects.order_by("-approved_on", "-pk")
    serializer_class = TermDelaySerializer
    select_related = ("union", "approved_by")
    filterset_fields = ["union"]
    services = DELAY_SERVICES
    http_method_names = ["get", "post", "head", "options"]
