"""The brand API: ``/api/v1/brands/`` (scoped read-only list and detail) and
``/api/v1/reports/brand/?year=YYYY[&format=pdf]`` (contract.md: the annual report as Word or
PDF, one section per county-level union the caller sees)."""

from __future__ import annotations

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework.exceptions import PermissionDenied
from rest_framework.exceptions import ValidationError as DrfValidationError
from rest_framework.permissions import IsAuthenticated
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.views import APIView

from unionhub.brands import report
from unionhub.brands.api.serializers import BrandSerializer
from unionhub.brands.filtersets import BrandFilterSet
from unionhub.brands.models import Brand
from unionhub.core.api import ScopedReadOnlyViewSet
from unionhub.core.dbrouter import reads_from_replica
from unionhub.core.kpis.selectors import FIRST_YEAR


class BrandViewSet(ScopedReadOnlyViewSet):
    queryset = Brand.objects.all()
    serializer_class = BrandSerializer
    filterset_class = BrandFilterSet
    select_related = ("region",)
    prefetch_related = ("kpis",)


def report_year(value: str | None) -> int:
    """``year`` of the report: four digits, 2000 to this year (default: this year)."""
    this_year = timezone.localdate().year
    if value in (None, ""):
        return this_year
    text = str(value).strip()
    if not (text.isdigit() and len(text) == 4 and FIRST_YEAR <= int(text) <= this_year):
        raise DjangoValidationError(
            {
                "year": DjangoValidationError(
                    _("The year must be four digits between %(first)s and %(last)s.")
                    % {"first": FIRST_YEAR, "last": this_year},
                    code="invalid_year",
                )
            }
        )
    return int(text)


@reads_from_replica
class BrandReportView(APIView):
    permission_classes = [IsAuthenticated]
    scope_exempt = "the report's sections come from visible_to(user) in brands.selectors"

    def perform_content_negotiation(self, request, force=False):
        # ``format`` names the document (docx/pdf), not a DRF renderer: errors are JSON.
        return JSONRenderer(), JSONRenderer.media_type

    @extend_schema(
        summary=gettext_lazy("Annual brand report (docx or pdf file)"),
        parameters=[
            OpenApiParameter("year", OpenApiTypes.INT, description="YYYY（缺省为今年）"),
            OpenApiParameter("format", OpenApiTypes.STR, enum=["docx", "pdf"]),
        ],
        responses={
            (200, report.DOCX_TYPE): OpenApiResponse(OpenApiTypes.BINARY),
            (200, report.PDF_TYPE): OpenApiResponse(OpenApiTypes.BINARY),
            400: OpenApiResponse(description="year / format 不正确"),
            503: OpenApiResponse(description="无法生成 PDF（服务器没有 LibreOffice）"),
        },
    )
    def get(self, request):
        if not request.user.has_perm("brands.view_brand"):
            raise PermissionDenied(_("You do not have permission to see the county brands."))
        try:
            year = report_year(request.query_params.get("year"))
        except DjangoValidationError as exc:
            raise DrfValidationError(exc.message_dict) from exc
        kind = (request.query_params.get("format") or "docx").strip().lower()
        if kind not in ("docx", "pdf"):
            raise DrfValidationError(
                {"format": [_("The format is docx (Word, the default) or pdf.")]}
            )
        content = report.brand_report_docx(user=request.user, year=year)
        name = f"brand-report-{year}"
        if kind == "pdf":
            try:
                content = report.docx_to_pdf(content)
            except report.PdfUnavailable as exc:
                return Response({"detail": str(exc)}, status=503)
            response = HttpResponse(content, content_type=report.PDF_TYPE)
            response["Content-Disposition"] = f'attachment; filename="{name}.pdf"'
            return response
        response = HttpResponse(content, content_type=report.DOCX_TYPE)
        response["Content-Disposition"] = f'attachment; filename="{name}.docx"'
        return response
