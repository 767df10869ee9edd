"""Model-worker and craftsman innovation studios (劳模和工匠人才创新工作室): the studio with its
host enterprise, leader, level, naming and re-evaluation dates; its members, achievements and
funding; alliances with their industry sub-alliances, member studios across regions, a
rotating lead, and joint projects posted by enterprises and taken by studios (揭榜挂帅)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from unionhub.core.models import BaseModel
from unionhub.core.scope import ScopedQuerySet, ScopeSpec
from unionhub.studios.choices import (
    AchievementKind,
    AllianceIndustry,
    AppraisalLevel,
    ProjectStatus,
    StudioLevel,
)

STUDIO_FIELDS = ("name", "host_enterprise", "leader", "level", "named_on", "focus", "is_active")
STUDIOMEMBER_FIELDS = ("studio", "name", "member", "role", "joined_on")
ACHIEVEMENT_FIELDS = (
    "studio",
    "kind",
    "title",
    "achieved_on",
    "appraisal_level",
    "economic_benefit",
    "note",
)
FUNDING_FIELDS = ("studio", "received_on", "amount", "source", "purpose")
ALLIANCE_FIELDS = ("name", "region", "parent", "industry", "founded_on", "lead_studio", "note")
ALLIANCEMEMBERSHIP_FIELDS = ("alliance", "studio", "joined_on")
JOINTPROJECT_FIELDS = ("alliance", "poster", "title", "posted_on", "reward", "description")


class Studio(BaseModel):
    """One innovation studio, hosted by an enterprise and led by a model worker or craftsman.
    Its region is the host enterprise's (kept in step by the service)."""

    name = models.CharField(_("name"), max_length=100)
    host_enterprise = models.ForeignKey(
        "enterprises.Enterprise",
        verbose_name=_("host enterprise"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    region = models.ForeignKey(
        "org.Region",
        verbose_name=_("region"),
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
    )
    leader = models.ForeignKey(
        "people.ModelWorker",
        verbose_name=_("leader"),
        on_delete=models.PROTECT,
        related_name="led_studios",
    )
    level = models.CharField(_("level"), max_length=20, choices=StudioLevel.choices)
    named_on = models.DateField(_("named on"))
    reevaluation_due = models.DateField(_("re-evaluation due"), editable=False)
    last_reevaluated_on = models.DateField(
        _("last re-evaluated on"), null=True, blank=True, editable=False
    )
    focus = models.CharField(_("field of work"), max_length=200, blank=True)
    is_active = models.BooleanField(_("in operation"), default=True)

    scope_spec = ScopeSpec(region_path="region__path")
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("innovation studio")
        verbose_name_plural = _("innovation studios")
        ordering = ["name", "pk"]

    def __str__(self) -> str:
        return self.name


class StudioMember(BaseModel):
    studio = models.ForeignKey(
        Studio, verbose_name=_("studio"), on_delete=models.CASCADE, related_name="members"
    )
    name = models.CharField(_("full name"), max_length=50)
    member = models.ForeignKey(
        "members.Member",
        verbose_name=_("member record"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    role = models.CharField(_("role"), max_length=50, blank=True)
    joined_on = models.DateField(_("joined on"))

    scope_spec = ScopeSpec(region_path="studio__region__path")
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("studio member")
        verbose_name_plural = _("studio members")
        ordering = ["studio", "name", "pk"]

    def __str__(self) -> str:
        return self.name


class Achievement(BaseModel):
    """A patent, technique, new product (with its appraisal level) or award of a studio."""

    studio = models.ForeignKey(
        Studio, verbose_name=_("studio"), on_delete=models.PROTECT, related_name="achievements"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=AchievementKind.choices)
    title = models.CharField(_("title"), max_length=200)
    achieved_on = models.DateField(_("achieved on"))
    appraisal_level = models.CharField(
        _("appraisal level"), max_length=20, choices=AppraisalLevel.choices, blank=True
    )
    economic_benefit = models.DecimalField(
        _("economic benefit (yuan)"), max_digits=14, decimal_places=2, default=0
    )
    note = models.TextField(_("note"), blank=True)

    scope_spec = ScopeSpec(region_path="studio__region__path")
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("achievement")
        verbose_name_plural = _("achievements")
        ordering = ["-achieved_on", "pk"]

    def __str__(self) -> str:
        return self.title


class Funding(BaseModel):
    """Money a studio received. A ledger: entries are added, never edited or deleted (a
    correction is a further entry with a negative amount)."""

    studio = models.ForeignKey(
        Studio, verbose_name=_("studio"), on_delete=models.PROTECT, related_name="fundings"
    )
    received_on = models.DateField(_("received on"))
    amount = models.DecimalField(_("amount (yuan)"), max_digits=12, decimal_places=2)
    source = models.CharField(_("source"), max_length=100)
    purpose = models.CharField(_("purpose"), max_length=200, blank=True)

    scope_spec = ScopeSpec(region_path="studio__region__path")
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("funding")
        verbose_name_plural = _("funding received")
        ordering = ["-received_on", "pk"]

    def __str__(self) -> str:
        return self.studio.name


class Alliance(BaseModel):
    """A studio alliance; one with a ``parent`` is an industry sub-alliance of it."""

    name = models.CharField(_("name"), max_length=100)
    region = models.ForeignKey(
        "org.Region", verbose_name=_("region"), on_delete=models.PROTECT, related_name="+"
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent alliance"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )
    industry = models.CharField(
        _("industry"), max_length=30, choices=AllianceIndustry.choices, blank=True
    )
    founded_on = models.DateField(_("founded on"))
    lead_studio = models.ForeignKey(
        Studio,
        verbose_name=_("lead studio"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    lead_since = models.DateField(_("lead since"), null=True, blank=True, editable=False)
    note = models.TextField(_("note"), blank=True)

    scope_spec = ScopeSpec(region_path="region__path")
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("studio alliance")
        verbose_name_plural = _("studio alliances")
        ordering = ["parent_id", "name", "pk"]

    def __str__(self) -> str:
        return self.name


class AllianceMembership(BaseModel):
    """A studio in an alliance; studios of any region and industry may join."""

    alliance = models.ForeignKey(
        Alliance, verbose_name=_("alliance"), on_delete=models.CASCADE, related_name="memberships"
    )
    studio = models.ForeignKey(
        Studio, verbose_name=_("studio"), on_delete=models.CASCADE, related_name="memberships"
    )
    joined_on = models.DateField(_("joined on"))

    scope_spec = ScopeSpec(region_path="alliance__region__path")
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("alliance membership")
        verbose_name_plural = _("alliance memberships")
        ordering = ["alliance", "studio__name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["alliance", "studio"], name="uniq_alliance_studio")
        ]

    def __str__(self) -> str:
        return self.studio.name


class JointProject(BaseModel):
    """A problem an enterprise posts (揭榜挂帅), taken by a studio, and its outcome."""

    alliance = models.ForeignKey(
        Alliance,
        verbose_name=_("alliance"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="projects",
    )
    poster = models.ForeignKey(
        "enterprises.Enterprise",
        verbose_name=_("posted by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    title = models.CharField(_("problem"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    posted_on = models.DateField(_("posted on"))
    reward = models.DecimalField(_("reward (yuan)"), max_digits=12, decimal_places=2, default=0)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ProjectStatus.choices,
        default=ProjectStatus.POSTED,
        editable=False,
    )
    taken_by = models.ForeignKey(
        Studio,
        verbose_name=_("taken by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="projects",
    )
    taken_on = models.DateField(_("taken on"), null=True, blank=True, editable=False)
    completed_on = models.DateField(_("completed on"), null=True, blank=True, editable=False)
    outcome = models.TextField(_("outcome"), blank=True, editable=False)
    economic_benefit = models.DecimalField(
        _("economic benefit (yuan)"), max_digits=14, decimal_places=2, default=0, editable=False
    )

    scope_spec = ScopeSpec(region_path="poster__region__path")
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("joint project")
        verbose_name_plural = _("joint projects")
        ordering = ["-posted_on", "pk"]

    def __str__(self) -> str:
        return self.title

    def available_actions(self) -> tuple[str, ...]:
        return {ProjectStatus.POSTED: ("take",), ProjectStatus.TAKEN: ("complete",)}.get(
            self.status, ()
        )
