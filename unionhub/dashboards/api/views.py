"""``GET /api/v1/dashboards/city/`` and ``GET /api/v1/reports/statistics/``."""

from __future__ import annotations

from django.core.exceptions import ValidationError as DjangoValidationError
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    inline_serializer,
)
from rest_framework import permissions, serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from unionhub.core.dbrouter import reads_from_replica
from unionhub.core.drf import django_errors_to_drf
from unionhub.core.kpis.api.views import json_value
from unionhub.core.kpis.selectors import kpi_period, kpi_region
from unionhub.dashboards import selectors
from unionhub.dashboards.statistics import statistics_tables, statistics_workbook
from unionhub.dashboards.views import STATISTICS_PERMISSIONS, statistics_regions, xlsx_response


class _Permission(permissions.BasePermission):
    def has_permission(self, request, view):
        user = request.user
        return bool(user and user.is_authenticated and user.has_perms(view.required_perms))


def _value(v):
    return {
        "value": json_value(v.kpi, v.value),
        "target": json_value(v.kpi, v.target),
        "progress": (float(selectors.progress(v)) if selectors.progress(v) is not None else None),
        "records_url": v.records_url,
    }


def _average(kpi, value):
    """Averages of counts keep their decimal (0.9 members per county is not 0)."""
    if value is None:
        return None
    if kpi.is_money:
        return f"{value:.2f}"
    return float(value)


CITY = inline_serializer(
    "CityDashboard",
    fields={
        "year": serializers.IntegerField(),
        "as_of": serializers.DateField(),
        "region": serializers.CharField(help_text="调用者本级地区代码"),
        "kpis": serializers.ListField(child=serializers.DictField()),
        "counties": serializers.ListField(
            child=serializers.DictField(),
            help_text="调用者数据范围内的县级单位；县级管理员只有本县一项",
        ),
        "city_average": serializers.DictField(help_text="各县级单位的平均值（比率为全市比率）"),
    },
)


@reads_from_replica
class CityDashboardApiView(APIView):
    """The county-level units in the caller's scope on the shared KPIs, with targets,
    progress and the city average."""

    permission_classes = [_Permission]
    required_perms = ("kpis.view_kpitarget",)
    scope_exempt = "figures from visible_to; a county admin gets only its own unit (tests)"

    @extend_schema(
        summary="全市指标对比（驾驶舱）",
        description="县级单位并列比较共有指标（目标、完成进度），附全市平均值。"
        "县级管理员只得到本县的数值和全市平均值，看不到其他县的数值。",
        parameters=[OpenApiParameter("year", int, description="年份 YYYY，缺省为今年")],
        responses=CITY,
    )
    def get(self, request):
        try:
            year, as_of = kpi_period(year=request.query_params.get("year"))
        except DjangoValidationError as exc:
            raise django_errors_to_drf(exc) from exc
        comparison = selectors.city_comparison(user=request.user, year=year, as_of=as_of)
        return Response(
            {
                "year": year,
                "as_of": as_of.isoformat(),
                "region": comparison.own_region.code if comparison.own_region else None,
                "kpis": [
                    {
                        "code": k.code,
                        "name": str(k.name),
                        "unit": k.unit,
                        "aggregation": k.aggregation,
                    }
                    for k in comparison.kpis
                ],
                "counties": [
                    {
                        "code": row.region.code,
                        "name": row.region.name,
                        "values": {v.code: _value(v) for v in row.values},
                    }
                    for row in comparison.rows
                ],
                "city_average": {
                    k.code: _average(k, comparison.average.get(k.code)) for k in comparison.kpis
                },
            }
        )


@reads_from_replica
class StatisticsReportView(APIView):
    """The statutory statistics workbook (.xlsx) for a date."""

    permission_classes = [_Permission]
    required_perms = STATISTICS_PERMISSIONS
    scope_exempt = "counts from visible_to grouped by county (dashboards tests)"

    @extend_schema(
        summary="工会统计年报（电子表格）",
        description="按截至日期从业务记录生成统计报表：基层工会组织、会员、新就业形态劳动者入会、"
        "25人以上企业建会、工会干部；每张表有标题、单位、合计行，“数据来源”表列出每个单元格的记录清单。",
        parameters=[
            OpenApiParameter("as_of", str, description="截至日期 YYYY-MM-DD，缺省为今天"),
            OpenApiParameter("region", str, description="市或县级单位代码；范围外 404"),
        ],
        responses={
            (200, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"): (
                OpenApiResponse(OpenApiTypes.BINARY, description="Excel 工作簿")
            )
        },
    )
    def get(self, request):
        try:
            _year, as_of = kpi_period(as_of=request.query_params.get("as_of"))
        except DjangoValidationError as exc:
            raise django_errors_to_drf(exc) from exc
        region = kpi_region(user=request.user, code=request.query_params.get("region"))
        regions = statistics_regions(request.user, region)
        tables = statistics_tables(user=request.user, regions=regions, as_of=as_of)
        content = statistics_workbook(
            tables=tables,
            as_of=as_of,
            area=region.name,
            base_url=request.build_absolute_uri("/").rstrip("/"),
        )
        return xlsx_response(content, f"statistics-{region.code}-{as_of.isoformat()}.xlsx")
