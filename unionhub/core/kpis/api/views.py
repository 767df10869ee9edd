"""``GET /api/v1/kpis/`` (contract.md "KPIs") and ``GET /api/v1/kpis/trend/``."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import permissions, serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from unionhub.core.dbrouter import reads_from_replica
from unionhub.core.drf import django_errors_to_drf
from unionhub.core.kpis import selectors
from unionhub.core.kpis.registry import Kpi

REGION = OpenApiParameter(
    "region", str, description="县级单位（或镇街、市）代码；缺省为调用者本级地区。范围外 404。"
)
YEAR = OpenApiParameter("year", int, description="年份 YYYY，缺省为 as_of 所在年。")
AS_OF = OpenApiParameter(
    "as_of", str, description="截至日期 YYYY-MM-DD，缺省为今天（往年为年末）。"
)


KPI_VALUE = inline_serializer(
    "KpiValue",
    fields={
        "code": serializers.CharField(),
        "name": serializers.CharField(),
        "value": serializers.JSONField(
            help_text="计数为整数；金额为两位小数字符串；比率为一位小数"
        ),
        "unit": serializers.CharField(),
        "aggregation": serializers.ChoiceField(choices=["count", "sum", "rate"]),
        "target": serializers.JSONField(allow_null=True),
        "records_url": serializers.CharField(),
        "html_url": serializers.CharField(allow_null=True),
        "numerator": serializers.JSONField(allow_null=True),
        "denominator": serializers.JSONField(allow_null=True),
        "source": serializers.ChoiceField(choices=["live", "snapshot"]),
    },
)
KPI_LIST = inline_serializer(
    "KpiList",
    fields={
        "region": serializers.CharField(),
        "year": serializers.IntegerField(),
        "as_of": serializers.DateField(),
        "results": serializers.ListField(child=KPI_VALUE),
    },
)
KPI_TREND = inline_serializer(
    "KpiTrend",
    fields={
        "code": serializers.CharField(),
        "region": serializers.CharField(),
        "points": serializers.ListField(
            child=inline_serializer(
                "KpiTrendPoint",
                fields={
                    "month": serializers.CharField(),
                    "as_of": serializers.DateField(),
                    "value": serializers.JSONField(allow_null=True),
                },
            )
        ),
    },
)


def json_value(kpi: Kpi, value: Any) -> Any:
    """Counts are integers, money a string with two decimals, rates a number with one;
    other sums (person-times, shows planned) an integer when whole."""
    if value is None:
        return None
    if kpi.aggregation == "count":
        return int(value)
    if kpi.aggregation == "rate":
        return float(Decimal(value).quantize(Decimal("0.1")))
    if kpi.is_money:
        return f"{Decimal(value):.2f}"
    number = Decimal(value)
    return int(number) if number == number.to_integral_value() else float(number)


def _period(request):
    try:
        return selectors.kpi_period(
            year=request.query_params.get("year"), as_of=request.query_params.get("as_of")
        )
    except DjangoValidationError as exc:
        raise django_errors_to_drf(exc) from exc


@reads_from_replica
class KpiListView(APIView):
    """The registered KPIs of a region the caller may see, computed from live records (or
    from the monthly snapshot of a past ``as_of``), each with the list of its records."""

    permission_classes = [permissions.IsAuthenticated]
    scope_exempt = "figures of a region: out-of-scope regions are 404 (kpis tests)"

    @extend_schema(
        summary="指标",
        parameters=[REGION, YEAR, AS_OF],
        responses=KPI_LIST,
        description="每项指标带 records_url：计数指标其 count 等于 value；求和指标列出被求和的记录；"
        "比率指标列出分子的记录。source 为 live（实时计算）或 snapshot（过去日期的月度快照）。",
    )
    def get(self, request):
        year, as_of = _period(request)
        region = selectors.kpi_region(user=request.user, code=request.query_params.get("region"))
        values = selectors.kpi_values(user=request.user, region=region, year=year, as_of=as_of)
        return Response(
            {
                "region": region.code if region is not None else None,
                "year": year,
                "as_of": as_of.isoformat(),
                "results": [
                    {
                        "code": v.code,
                        "name": str(v.kpi.name),
                        "value": json_value(v.kpi, v.value),
                        "unit": v.kpi.unit,
                        "aggregation": v.kpi.aggregation,
                        "target": json_value(v.kpi, v.target),
                        "records_url": v.records_url,
                        "html_url": v.html_url or None,
                        "numerator": (
                            json_value(v.kpi, v.numerator) if v.kpi.aggregation == "rate" else None
                        ),
                        "denominator": (
                            json_value(v.kpi, v.denominator)
                            if v.kpi.aggregation == "rate"
                            else None
                        ),
                        "source": v.source,
                    }
                    for v in values
                ],
            }
        )


@reads_from_replica
class KpiTrendView(APIView):
    """``?code=&region=&months=``: the monthly snapshots of one KPI, oldest first."""

    permission_classes = [permissions.IsAuthenticated]
    scope_exempt = "snapshots of a region inside the caller's scope (kpis tests)"

    @extend_schema(
        summary="指标月度趋势",
        parameters=[
            OpenApiParameter("code", str, required=True),
            REGION,
            OpenApiParameter("months", int, description="最多多少个月，缺省 12"),
        ],
        responses=KPI_TREND,
    )
    def get(self, request):
        from rest_framework.exceptions import ValidationError

        from unionhub.core.kpis.registry import get

        code = request.query_params.get("code", "")
        kpi = get(code)
        if kpi is None:
            raise ValidationError({"code": [_("There is no indicator with this code.")]})
        months = request.query_params.get("months", "12")
        if not months.isdigit() or not 1 <= int(months) <= 120:
            raise ValidationError({"months": [_("Give a whole number of months from 1 to 120.")]})
        region = selectors.kpi_region(user=request.user, code=request.query_params.get("region"))
        points = selectors.kpi_trend(
            user=request.user, code=code, region=region, months=int(months)
        )
        return Response(
            {
                "code": code,
                "region": region.code if region is not None else None,
                "points": [
                    {
                        "month": p["month"].strftime("%Y-%m"),
                        "as_of": p["as_of"].isoformat(),
                        "value": json_value(kpi, p["value"]),
                    }
                    for p in points
                ],
            }
        )
