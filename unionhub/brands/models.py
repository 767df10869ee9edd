"""The "一县一品" brand registry: each county-level union's brand of the year (its title,
slogan, narrative and lead department) and the registered KPIs that measure it. The county
edits it, the city federation reviews it (draft → submitted → published; a published or
submitted brand can be returned with a reason), and a brand is carried over to the next
year as a new draft. Targets are not stored here but in the KPI registry's ``KpiTarget``,
so ``/api/v1/kpis/`` shows the same target as the brand page."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from unionhub.brands.choices import EDITABLE, BrandStatus
from unionhub.core.models import BaseModel
from unionhub.core.scope import ScopedQuerySet, ScopeSpec

BRAND_FIELDS = ("region", "year", "title", "slogan", "narrative", "lead_department")
BRAND_EDIT_FIELDS = ("title", "slogan", "narrative", "lead_department")
BRANDKPI_FIELDS = ("brand", "code", "order", "note")


class Brand(BaseModel):
    """One county-level union's brand (品牌) for one year."""

    region = models.ForeignKey(
        "org.Region",
        verbose_name=_("county-level unit"),
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"level": "county"},
    )
    year = models.PositiveSmallIntegerField(_("year"))
    title = models.CharField(_("brand title"), max_length=120)
    slogan = models.CharField(_("slogan"), max_length=120, blank=True)
    narrative = models.TextField(_("narrative"))
    lead_department = models.CharField(_("lead department"), max_length=100)
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=BrandStatus.choices,
        default=BrandStatus.DRAFT,
        editable=False,
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True, editable=False)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True, editable=False)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("published by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    returned_at = models.DateTimeField(_("returned at"), null=True, blank=True, editable=False)
    returned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("returned by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    return_reason = models.TextField(_("reason for return"), blank=True, editable=False)
    carried_from = models.ForeignKey(
        "self",
        verbose_name=_("carried over from"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="carried_to",
    )

    scope_spec = ScopeSpec(region_path="region__path")
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("county brand")
        verbose_name_plural = _("county brands")
        ordering = ["-year", "region__path", "pk"]
        permissions = [("review_brand", _("Can review and publish county brands"))]
        constraints = [
            models.UniqueConstraint(fields=["region", "year"], name="brands_one_per_county_year")
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_editable(self) -> bool:
        return self.status in EDITABLE


class BrandKpi(BaseModel):
    """A registered KPI (``core.kpis`` code) that measures a brand, in the order the brand
    page and the report show them. Its yearly target lives in ``KpiTarget``."""

    brand = models.ForeignKey(
        Brand, verbose_name=_("county brand"), on_delete=models.CASCADE, related_name="kpis"
    )
    code = models.CharField(_("indicator"), max_length=80)
    order = models.PositiveSmallIntegerField(_("order"), default=10)
    note = models.CharField(_("note"), max_length=200, blank=True)

    scope_spec = ScopeSpec(region_path="brand__region__path")
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("brand indicator")
        verbose_name_plural = _("brand indicators")
        ordering = ["brand", "order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["brand", "code"], name="brands_kpi_once_per_brand")
        ]

    def __str__(self) -> str:
        return f"{self.brand.title}：{self.kpi_name}"

    @property
    def kpi_name(self) -> str:
        from unionhub.core.kpis.registry import get

        kpi = get(self.code)
        return str(kpi.name) if kpi is not None else self.code

    @property
    def label(self) -> str:
        return str(self)
