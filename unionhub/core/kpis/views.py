"""指标 pages: the KPIs of the user's area (value, target, the records behind each) and the
target form of a county-level unit or the city."""

from __future__ import annotations

from django.apps import apps
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin, PermissionRequiredMixin
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views import generic

from unionhub.core.dbrouter import reads_from_replica
from unionhub.core.kpis import selectors, services


def _region_choices(user, region):
    """The regions a user can switch to: their own and the county-level units below it."""
    Region = apps.get_model("org", "Region")
    visible = Region.objects.visible_to(user).filter(level__in=("city", "county"))
    return [r for r in visible.order_by("path") if region is None or r.path.startswith(region.path)]


class KpiPageMixin(LoginRequiredMixin):
    def period_and_region(self):
        params = self.request.GET
        errors = {}
        try:
            year, as_of = selectors.kpi_period(year=params.get("year"), as_of=params.get("as_of"))
        except ValidationError as exc:
            errors = {k: [str(m) for e in v for m in e] for k, v in exc.error_dict.items()}
            year, as_of = selectors.kpi_period()
        region = selectors.kpi_region(user=self.request.user, code=params.get("region"))
        return year, as_of, region, errors


@reads_from_replica
class KpiListView(KpiPageMixin, generic.TemplateView):
    template_name = "kpis/kpi_list.html"
    scope_exempt = "figures of a region: out-of-scope regions are 404 (kpis tests)"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        year, as_of, region, errors = self.period_and_region()
        own = selectors.kpi_region(user=self.request.user)
        ctx.update(
            year=year,
            as_of=as_of,
            region=region,
            errors=errors,
            regions=_region_choices(self.request.user, own),
            values=selectors.kpi_values(
                user=self.request.user, region=region, year=year, as_of=as_of
            ),
            can_set_targets=self.request.user.has_perm("kpis.change_kpitarget"),
        )
        return ctx


class KpiTargetEditView(KpiPageMixin, PermissionRequiredMixin, generic.TemplateView):
    """One form per region and year: a target for every KPI (empty = none)."""

    template_name = "kpis/kpitarget_form.html"
    permission_required = "kpis.change_kpitarget"
    scope_exempt = "targets of a region inside the caller's scope (kpis tests)"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        year, as_of, region, errors = self.period_and_region()
        values = selectors.kpi_values(user=self.request.user, region=region, year=year, as_of=as_of)
        ctx.update(
            year=year,
            region=region,
            values=values,
            errors=errors,
            field_errors=kwargs.get("field_errors", {}),
            posted=kwargs.get("posted", {}),
            regions=_region_choices(
                self.request.user, selectors.kpi_region(user=self.request.user)
            ),
        )
        return ctx

    def post(self, request, *args, **kwargs):
        year, _as_of, region, errors = self.period_and_region()
        if errors:
            return self.render_to_response(self.get_context_data(field_errors=errors))
        field_errors: dict[str, list[str]] = {}
        posted = {}
        for kpi in selectors.kpis_for(request.user):
            raw = request.POST.get(f"target_{kpi.code}", "").strip()
            posted[kpi.code] = raw
            try:
                services.kpitarget_set(
                    actor=request.user, code=kpi.code, region=region, year=year, value=raw
                )
            except ValidationError as exc:
                field_errors[kpi.code] = [str(m) for e in exc.error_dict.values() for m in e]
        if field_errors:
            return self.render_to_response(
                self.get_context_data(field_errors=field_errors, posted=posted)
            )
        messages.success(request, _("Targets saved."))
        return redirect(f"{request.path}?region={region.code}&year={year}")
