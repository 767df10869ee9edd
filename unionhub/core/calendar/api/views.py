"""The legal-deadline API (contract.md "Legal deadlines"): thin; ``deadline_query`` checks the
input and computes, its ``ValidationError``s become 400 ``{"field": ["中文说明"]}``."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import permissions, serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from unionhub.core.calendar.deadlines import deadline_query


class DeadlineSerializer(serializers.Serializer):
    kind = serializers.CharField()
    date = serializers.DateField()
    due = serializers.DateField(help_text="最后一日（renewal_window_opens 为窗口第一日）")
    rule = serializers.CharField()
    basis = serializers.CharField()
    rolled_from = serializers.DateField(allow_null=True, help_text="顺延前的日期；未顺延为 null")
    warnings = serializers.ListField(child=serializers.CharField())


class DeadlineAPIView(APIView):
    """Compute a legal deadline (domain.md §0.2, §3.4)."""

    permission_classes = [permissions.IsAuthenticated]
    scope_exempt = "computes a date from the query; reads only the city-wide holiday calendar"

    @extend_schema(
        operation_id="calendar_deadline",
        parameters=[
            OpenApiParameter("kind", str, required=True, description="期限类型代码"),
            OpenApiParameter("date", str, required=True, description="事件日期 YYYY-MM-DD"),
        ],
        responses={200: DeadlineSerializer},
    )
    def get(self, request):
        deadline = deadline_query(
            kind=request.query_params.get("kind"), date=request.query_params.get("date")
        )
        return Response(deadline.as_dict())
