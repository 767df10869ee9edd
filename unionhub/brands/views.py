"""Pages of the brand registry: the list of brands (``/brands/``), the county brand page
(``/brands/<pk>/``: narrative, indicators with targets and progress, trend lines, every
figure a link to its records), add/edit/delete while the county may still change it, the
workflow actions (submit, publish, return, carry over), the indicators, and the annual
report page (``/brands/report/``) with its Word and PDF downloads."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views import generic

from unionhub.brands import selectors, services
from unionhub.brands.filtersets import BrandFilterSet, BrandKpiFilterSet
from unionhub.brands.forms import BrandForm, BrandKpiForm, ReturnForm
from unionhub.brands.models import BRANDKPI_FIELDS, Brand, BrandKpi
from unionhub.core.dbrouter import reads_from_replica
from unionhub.core.services import ModelServices
from unionhub.core.urlgen import register_model_view
from unionhub.core.views.generic import (
    ObjectActionView,
    ObjectDeleteView,
    ObjectDetailView,
    ObjectEditView,
    ObjectListView,
    PagePermissionMixin,
)

BRAND_SERVICES = ModelServices(
    create=services.brand_create, update=services.brand_update, delete=services.brand_delete
)
BRANDKPI_SERVICES = ModelServices(
    create=services.brandkpi_create,
    update=services.brandkpi_update,
    delete=services.brandkpi_delete,
)


# --- brands -----------------------------------------------------------------------------


@register_model_view(Brand, "list")
class BrandListView(ObjectListView):
    model = Brand
    filterset_class = BrandFilterSet
    select_related = ("region",)
    default_ordering = ("-year", "region__path")
    columns = [
        ("title", _("brand title")),
        ("region", _("county-level unit")),
        ("year", _("year")),
        ("lead_department", _("lead department")),
        ("status", _("status")),
    ]


@register_model_view(Brand)
class BrandDetailView(ObjectDetailView):
    """The county brand page."""

    model = Brand
    template_name = "brands/brand_page.html"
    select_related = ("region", "submitted_by", "published_by", "returned_by")

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        page = selectors.brand_page(user=self.request.user, brand=self.object)
        user = self.request.user
        brand = self.object
        ctx["page"] = page
        ctx["trend_options"] = [
            (f"brand-trend-{n}", series, _trend_options(series))
            for n, series in enumerate(page.trends)
        ]
        ctx["can_review"] = user.has_perm(services.REVIEW_PERMISSION)
        ctx["can_edit"] = brand.is_editable and user.has_perm("brands.change_brand")
        ctx["can_submit"] = ctx["can_edit"] and bool(page.figures)
        ctx["can_carry_over"] = user.has_perm("brands.add_brand") and not any(
            b.year == brand.year + 1 for b in page.other_years
        )
        ctx["report_year"] = brand.year
        return ctx


def _trend_options(series: dict) -> dict:
    """ECharts options of one indicator's monthly line (with its target as a dashed line)."""
    options = {
        "tooltip": {"trigger": "axis"},
        "grid": {"left": 56, "right": 24, "top": 28, "bottom": 28},
        "xAxis": {"type": "category", "data": series["months"], "boundaryGap": False},
        "yAxis": {"type": "value", "name": series["unit"]},
        "series": [
            {
                "name": series["name"],
                "type": "line",
                "smooth": True,
                "data": series["values"],
                "areaStyle": {"opacity": 0.08},
            }
        ],
    }
    if series["target"] is not None:
        highest = max([v for v in series["values"] if v is not None] or [0])
        if series["target"] > highest:  # keep the target line inside the chart
            options["yAxis"]["max"] = series["target"]
        options["series"][0]["markLine"] = {
            "symbol": "none",
            "lineStyle": {"type": "dashed"},
            "label": {"formatter": str(_("target")) + " {c}", "position": "insideEndTop"},
            "data": [{"yAxis": series["target"]}],
        }
    return options


@register_model_view(Brand, "add")
@register_model_view(Brand, "edit")
class BrandEditView(ObjectEditView):
    model = Brand
    form_class = BrandForm
    services = BRAND_SERVICES

    def get_initial(self):
        initial = super().get_initial()
        if self.object is None:
            initial.setdefault("year", timezone.localdate().year)
            unit = getattr(self.request.user, "org_unit", None)
            region = getattr(unit, "region", None)
            if region is not None and region.level == "county":
                initial.setdefault("region", region.pk)
        return initial


@register_model_view(Brand, "delete")
class BrandDeleteView(ObjectDeleteView):
    model = Brand
    services = BRAND_SERVICES


@register_model_view(Brand, "submit")
class BrandSubmitView(ObjectActionView):
    model = Brand
    service = staticmethod(services.brand_submit)
    title = _("Submit the brand to the city federation")
    submit_label = _("Submit for review")
    success_message = _("The brand was submitted for the city federation's review.")


@register_model_view(Brand, "publish")
class BrandPublishView(ObjectActionView):
    model = Brand
    permission_required = services.REVIEW_PERMISSION
    service = staticmethod(services.brand_publish)
    title = _("Publish the brand")
    submit_label = _("Publish")
    submit_class = "btn-success"
    success_message = _("The brand was published.")


@register_model_view(Brand, "return")
class BrandReturnView(ObjectActionView):
    model = Brand
    permission_required = services.REVIEW_PERMISSION
    form_class = ReturnForm
    service = staticmethod(services.brand_return)
    title = _("Return the brand to the county")
    submit_label = _("Return")
    submit_class = "btn-warning"
    success_message = _("The brand went back to the county with your reason.")


@register_model_view(Brand, "carryover")
class BrandCarryOverView(ObjectActionView):
    model = Brand
    action = "add"
    service = staticmethod(services.brand_carry_over)
    title = _("Carry the brand over to the next year")
    submit_label = _("Create next year's draft")
    success_message = _("Next year's brand was created as a draft.")
    # lands on next year's draft: ObjectActionView follows a new record of the same kind


# --- indicators -------------------------------------------------------------------------


@register_model_view(BrandKpi, "list")
class BrandKpiListView(ObjectListView):
    model = BrandKpi
    filterset_class = BrandKpiFilterSet
    select_related = ("brand", "brand__region")
    columns = [
        ("label", _("indicator")),
        ("code", _("indicator code")),
        ("brand", _("county brand")),
        ("order", _("order")),
        ("note", _("note")),
    ]


@register_model_view(BrandKpi)
class BrandKpiDetailView(ObjectDetailView):
    model = BrandKpi
    select_related = ("brand", "brand__region")
    fields = list(BRANDKPI_FIELDS)


class _BrandKpiEdit(ObjectEditView):
    model = BrandKpi
    form_class = BrandKpiForm
    services = BRANDKPI_SERVICES

    def get_initial(self):
        initial = super().get_initial()
        if self.object is None and self.request.GET.get("brand"):
            initial["brand"] = self.request.GET["brand"]
        return initial

    def get_success_url(self):
        return reverse("brands:brand", args=[self.object.brand_id])


register_model_view(BrandKpi, "add")(_BrandKpiEdit)
register_model_view(BrandKpi, "edit")(_BrandKpiEdit)


@register_model_view(BrandKpi, "delete")
class BrandKpiDeleteView(ObjectDeleteView):
    model = BrandKpi
    services = BRANDKPI_SERVICES


# --- the annual report --------------------------------------------------------------------


@reads_from_replica
class BrandReportPageView(PagePermissionMixin, generic.TemplateView):
    """Where the annual report is downloaded (Word or PDF) for a chosen year."""

    permission_required = "brands.view_brand"
    template_name = "brands/report.html"
    scope_exempt = "its sections come from visible_to in brands.selectors (tests/test_report.py)"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        this_year = timezone.localdate().year
        try:
            year = int(self.request.GET.get("year", this_year))
        except ValueError:
            year = this_year
        year = min(max(year, services.FIRST_YEAR), this_year)
        ctx["year"] = year
        ctx["years"] = list(range(this_year, this_year - 6, -1))
        ctx["sections"] = selectors.brand_report_sections(user=self.request.user, year=year)
        ctx["docx_url"] = reverse("brand-report") + f"?year={year}"
        ctx["pdf_url"] = reverse("brand-report") + f"?year={year}&format=pdf"
        return ctx
