"""The two trees every record hangs on: places (regions) and union organisations."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from unionhub.core.models import BaseModel
from unionhub.core.scope import ScopedQuerySet, ScopeSpec
from unionhub.org.choices import AREA_KINDS, OrgKind, RegionKind, RegionLevel, TownCategory


class Region(BaseModel):
    """A place in Yancheng: the city, a county-level unit, a town or street, a village or
    community. Identified by its GB/T 2260 / NBS statistical code (or an internal code for
    functional zones such as 盐南高新区, whose streets keep their statistical codes but sit
    under the zone here). ``path`` is the chain of codes from the city down, so a subtree is
    one ``LIKE 'prefix%'`` and never depends on codes being prefixes of each other."""

    code = models.CharField(_("code"), max_length=12, unique=True)
    name = models.CharField(_("name"), max_length=100)
    level = models.CharField(_("level"), max_length=10, choices=RegionLevel.choices)
    kind = models.CharField(
        _("code kind"), max_length=12, choices=RegionKind.choices, default=RegionKind.ADMIN
    )
    category = models.CharField(
        _("category"), max_length=12, choices=TownCategory.choices, blank=True
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent region"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )
    statistical_parent_code = models.CharField(
        _("statistical parent code"),
        max_length=12,
        blank=True,
        help_text=_("Where the NBS lists the unit when it differs from the tree parent."),
    )
    path = models.CharField(_("path"), max_length=255, db_index=True, editable=False)
    depth = models.PositiveSmallIntegerField(_("depth"), default=0, editable=False)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)

    scope_spec = ScopeSpec(region_path="path", owner=None)
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("region")
        verbose_name_plural = _("regions")
        ordering = ["path"]

    def __str__(self) -> str:
        return self.name

    @property
    def is_special_area(self) -> bool:
        return self.category == TownCategory.SPECIAL


class OrgUnit(BaseModel):
    """A union organisation: 市总工会 → 县级总工会 → 镇(街道)总工会 → grassroots unions
    (企业工会, 联合基层工会, 行业工会, 村工会, 社区工会). ``path`` is the chain of ids
    (``"1/4/19/"``); moving a unit rewrites the paths of its whole subtree."""

    name = models.CharField(_("name"), max_length=150)
    short_name = models.CharField(_("short name"), max_length=50, blank=True)
    code = models.CharField(_("code"), max_length=30, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=OrgKind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )
    region = models.ForeignKey(
        Region, verbose_name=_("region"), on_delete=models.PROTECT, related_name="org_units"
    )
    path = models.CharField(_("path"), max_length=255, db_index=True, editable=False)
    depth = models.PositiveSmallIntegerField(_("depth"), default=0, editable=False)
    is_active = models.BooleanField(pgettext_lazy("organisation", "active"), default=True)

    scope_spec = ScopeSpec(org_path="path", region_path="region__path", owner=None)
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("union organisation")
        verbose_name_plural = _("union organisations")
        ordering = ["path"]

    def __str__(self) -> str:
        return self.name

    @property
    def is_area_union(self) -> bool:
        """City, county and town federations govern a region, not just their members."""
        return self.kind in AREA_KINDS
