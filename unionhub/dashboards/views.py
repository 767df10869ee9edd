"""Pages: the city dashboard, the big screen (数据驾驶舱) and the statutory statistics."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views import View

from unionhub.core.dbrouter import reads_from_replica
from unionhub.core.kpis.selectors import kpi_period, kpi_region
from unionhub.core.views.generic import PagePermissionMixin
from unionhub.dashboards import charts, selectors
from unionhub.dashboards.statistics import statistics_tables

PERMISSION = "kpis.view_kpitarget"
STATISTICS_PERMISSIONS = (PERMISSION, "enterprises.view_enterprise", "members.view_member")


@reads_from_replica
class CityDashboardView(PagePermissionMixin, View):
    """County-level units side by side on the shared KPIs (city), or the own unit against
    the city average (a county)."""

    permission_required = PERMISSION
    scope_exempt = "figures from visible_to through the KPI registry (dashboards tests)"

    def get(self, request):
        errors = {}
        try:
            year, as_of = kpi_period(year=request.GET.get("year"))
        except ValidationError as exc:
            errors = exc.message_dict
            year, as_of = kpi_period()
        comparison = selectors.city_comparison(user=request.user, year=year, as_of=as_of)
        context = {
            "comparison": comparison,
            "errors": errors,
            "year": year,
            "years": list(range(timezone.localdate().year, timezone.localdate().year - 5, -1)),
        }
        if comparison.is_city:
            context["charts"] = [
                (f"city-{n}", kpi, charts.county_bars(comparison, kpi.code))
                for n, kpi in enumerate(comparison.kpis)
            ]
        else:
            context["columns"] = comparison.kpi_columns()
            context["versus_chart"] = charts.own_versus_average(comparison)
        return render(request, "dashboards/city.html", context, status=400 if errors else 200)


@reads_from_replica
class ScreenView(PagePermissionMixin, View):
    """The full-screen display of the federation's hall: dark, 1920×1080, refreshed by htmx
    every 60 seconds; only aggregates, counts 1–4 shown as "<5", no personal data."""

    permission_required = PERMISSION
    scope_exempt = "aggregates from visible_to, counts below 5 suppressed (dashboards tests)"

    def has_permission(self):
        """The dashboards' permission, or the hall display account's (``screen_viewer``)."""
        user = self.request.user
        return user.has_perm(PERMISSION) or user.has_perm(selectors.SCREEN_PERMISSION)

    def get(self, request):
        data = selectors.screen_data(user=selectors.screen_reader(request.user))
        now = timezone.localtime(data["now"])
        data.update(
            chart_tiles=charts.tile_map(data["tiles"]),
            chart_hours=charts.checkins_by_hour(data["checkins_hour"], data["hours"]),
            chart_checkins=charts.per_county_bars(data["checkins_county"], data["counties"]),
            chart_warnings=charts.per_county_bars(
                data["warnings_county"], data["counties"], color="#ff7a45"
            ),
            now=now,
            can_exit=request.user.has_perm(PERMISSION),
        )
        template = "dashboards/screen.html"
        if getattr(request, "htmx", False):
            template += "#panel"
        return render(request, template, data)


@reads_from_replica
class StatisticsView(PagePermissionMixin, View):
    """The year-end statistics tables for a date: preview and Excel download."""

    permission_required = STATISTICS_PERMISSIONS
    scope_exempt = "counts from visible_to grouped by county (dashboards tests)"

    def get(self, request):
        errors = {}
        as_of = timezone.localdate()
        raw = request.GET.get("as_of", "")
        if raw:
            try:
                _year, as_of = kpi_period(as_of=raw)
            except ValidationError as exc:
                errors = exc.message_dict
        region = kpi_region(user=request.user, code=request.GET.get("region"))
        regions = statistics_regions(request.user, region)
        tables = (
            [] if errors else statistics_tables(user=request.user, regions=regions, as_of=as_of)
        )
        return render(
            request,
            "dashboards/statistics.html",
            {
                "as_of": as_of,
                "raw_as_of": raw,
                "region": region,
                "region_choices": selectors.county_regions(request.user),
                "tables": tables,
                "errors": errors,
            },
            status=400 if errors else 200,
        )


def statistics_regions(user, region) -> list:
    """The rows of the tables: every visible county-level unit for the city, else the
    county-level unit of ``region``."""
    counties = selectors.county_regions(user)
    if region.parent_id is None:
        return counties
    return [c for c in counties if region.path.startswith(c.path)] or [region]


def xlsx_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(
        content, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
