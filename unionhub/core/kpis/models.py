"""Targets and monthly snapshots of the registered KPIs. The figures themselves are never
stored by hand: they are computed from the modules' records (``selectors.kpi_values``)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from unionhub.core.models import BaseModel
from unionhub.core.scope import ScopedQuerySet, ScopeSpec


class KpiTarget(BaseModel):
    """The target a county-level union (or the city) sets itself for one KPI in one year,
    typed in by its administrator (目标值). Only targets are typed in, never figures."""

    code = models.CharField(_("indicator code"), max_length=80)
    region = models.ForeignKey(
        "org.Region", verbose_name=_("region"), on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    value = models.DecimalField(_("target"), max_digits=16, decimal_places=2)

    scope_spec = ScopeSpec(region_path="region__path", owner=None)
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("indicator target")
        verbose_name_plural = _("indicator targets")
        ordering = ["-year", "code", "region__path"]
        constraints = [
            models.UniqueConstraint(fields=["code", "region", "year"], name="kpis_target_unique")
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.year} {self.value}"


class KpiSnapshot(models.Model):
    """A KPI's value for a region as computed on ``as_of`` (the monthly job keeps one per
    code, region and month), so trends can be drawn and a past report reproduced after the
    records change."""

    code = models.CharField(_("indicator code"), max_length=80)
    region = models.ForeignKey(
        "org.Region", verbose_name=_("region"), on_delete=models.CASCADE, related_name="+"
    )
    month = models.DateField(_("month"))  # the first day of the month of ``as_of``
    year = models.PositiveSmallIntegerField(_("year"))
    as_of = models.DateField(_("as of"))
    value = models.DecimalField(_("value"), max_digits=18, decimal_places=2, null=True)
    numerator = models.DecimalField(max_digits=18, decimal_places=2, null=True)
    denominator = models.DecimalField(max_digits=18, decimal_places=2, null=True)
    taken_at = models.DateTimeField(_("taken at"), auto_now=True)

    audit_exclude = "written by the monthly job; the figures come from audited records"
    scope_spec = ScopeSpec(region_path="region__path", owner=None)
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("indicator snapshot")
        verbose_name_plural = _("indicator snapshots")
        ordering = ["code", "month"]
        constraints = [
            models.UniqueConstraint(
                fields=["code", "region", "month"], name="kpis_snapshot_unique_month"
            )
        ]
        indexes = [models.Index(fields=["region", "as_of"])]

    def __str__(self) -> str:
        return f"{self.code} {self.as_of} {self.value}"
