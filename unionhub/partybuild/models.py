"""Party-union co-building (党工共建, 经开区's and 东台's brand): each enterprise's party
facts, the yearly 三创争两提升 cycle with its three reports, demonstration units and areas,
lectures and videos, deputies, and the dual-cultivation pipeline (双向培养)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from unionhub.core.models import BaseModel
from unionhub.core.scope import ScopedQuerySet, ScopeSpec
from unionhub.partybuild.choices import (
    DemonstrationKind,
    DeputyKind,
    DeputyLevel,
    LectureKind,
    PartyOrgType,
    ReportStatus,
    Stage,
)

ENTERPRISE_REGION = "enterprise__region__path"

PARTY_FACTS_FIELDS = ("enterprise", "party_members", "org_type", "org_founded_on", "note")
PARTICIPATION_FIELDS = ("enterprise", "year", "launched_on", "note")
DEMONSTRATION_FIELDS = ("kind", "year", "name", "enterprise", "region", "named_on", "named_by")
LECTURE_FIELDS = ("kind", "title", "speaker", "given_on", "region", "link", "note")
DEPUTY_FIELDS = (
    "name",
    "member",
    "kind",
    "level",
    "region",
    "enterprise",
    "occupation",
    "is_industrial_worker",
    "note",
)
CULTIVATION_FIELDS = (
    "enterprise",
    "name",
    "member",
    "backbone_on",
    "party_member_on",
    "manager_on",
    "note",
)


class PartyFacts(BaseModel):
    """An enterprise's party facts (党建情况): how many party members work there and which
    party organisation, if any, it has set up and when. One record per enterprise; the
    service keeps ``Enterprise.has_party_org`` in step with it."""

    enterprise = models.OneToOneField(
        "enterprises.Enterprise",
        verbose_name=_("enterprise"),
        on_delete=models.PROTECT,
        related_name="party_facts",
    )
    party_members = models.PositiveIntegerField(_("party members"))
    org_type = models.CharField(
        _("party organisation"),
        max_length=16,
        choices=PartyOrgType.choices,
        default=PartyOrgType.NONE,
    )
    org_founded_on = models.DateField(_("party organisation set up on"), null=True, blank=True)
    # Derived by the service from org_type (lists and KPIs filter on it).
    has_party_org = models.BooleanField(
        _("has a party organisation"), default=False, editable=False
    )
    note = models.TextField(_("note"), blank=True)

    scope_spec = ScopeSpec(region_path=ENTERPRISE_REGION)
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("party facts")
        verbose_name_plural = _("party facts of enterprises")
        ordering = ["enterprise__name", "pk"]

    def __str__(self) -> str:
        return str(self.enterprise)


class Participation(BaseModel):
    """An enterprise taking part in one year of 三创争两提升 (创建模范职工之家、创建和谐劳动
    关系、创建学习型组织，争当劳动模范；提升职工素质、提升企业效益 — the campaign's local
    wording varies). Enrolling creates its three reports with their due dates."""

    enterprise = models.ForeignKey(
        "enterprises.Enterprise",
        verbose_name=_("enterprise"),
        on_delete=models.PROTECT,
        related_name="sanchuang_years",
    )
    year = models.PositiveIntegerField(_("year"))
    launched_on = models.DateField(
        _("launched on"), help_text=_("The day the year's campaign was launched for it.")
    )
    note = models.TextField(_("note"), blank=True)

    scope_spec = ScopeSpec(region_path=ENTERPRISE_REGION)
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("三创争两提升 participation")
        verbose_name_plural = _("三创争两提升 participations")
        ordering = ["-year", "enterprise__name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["enterprise", "year"], name="partybuild_one_per_year")
        ]

    def __str__(self) -> str:
        return f"{self.enterprise} · {self.year}"


class CycleReport(BaseModel):
    """One step of a participation: the annual plan, the mid-year supervision or the
    year-end summary — when it is due, what was submitted and how it was reviewed."""

    participation = models.ForeignKey(
        Participation,
        verbose_name=_("participation"),
        on_delete=models.PROTECT,
        related_name="reports",
    )
    stage = models.CharField(_("step"), max_length=10, choices=Stage.choices)
    due_on = models.DateField(_("due on"))
    status = models.CharField(
        _("status"), max_length=10, choices=ReportStatus.choices, default=ReportStatus.WAITING
    )
    submitted_on = models.DateField(_("submitted on"), null=True, blank=True)
    content = models.TextField(_("what was planned or done"), blank=True)
    reviewed_on = models.DateField(_("reviewed on"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        "accounts.User",
        verbose_name=_("reviewed by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    review_comment = models.TextField(_("review comment"), blank=True)

    scope_spec = ScopeSpec(region_path="participation__enterprise__region__path")
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("三创争两提升 report")
        verbose_name_plural = _("三创争两提升 reports")
        ordering = ["due_on", "pk"]
        permissions = [("review_cyclereport", _("Can review 三创争两提升 reports"))]
        constraints = [
            models.UniqueConstraint(
                fields=["participation", "stage"], name="partybuild_one_report_per_step"
            )
        ]

    def __str__(self) -> str:
        return f"{self.participation} · {self.get_stage_display()}"


class Demonstration(BaseModel):
    """A 三创争两提升 demonstration unit (an enterprise) or demonstration area (a park, a
    town) named for a year."""

    kind = models.CharField(_("kind"), max_length=6, choices=DemonstrationKind.choices)
    year = models.PositiveIntegerField(_("year"))
    name = models.CharField(_("name"), max_length=200, blank=True)
    enterprise = models.ForeignKey(
        "enterprises.Enterprise",
        verbose_name=_("enterprise"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("For a demonstration unit."),
    )
    region = models.ForeignKey(
        "org.Region",
        verbose_name=_("region"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("For a demonstration area; a unit takes its enterprise's region."),
    )
    named_on = models.DateField(_("named on"))
    named_by = models.CharField(_("named by"), max_length=100, blank=True)

    scope_spec = ScopeSpec(region_path="region__path")
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("demonstration unit or area")
        verbose_name_plural = _("demonstration units and areas")
        ordering = ["-year", "kind", "name", "pk"]

    def __str__(self) -> str:
        return f"{self.year} {self.get_kind_display()} · {self.name}"


class Lecture(BaseModel):
    """A lecture given or a video published for the campaign (宣讲、微党课、视频)."""

    kind = models.CharField(_("kind"), max_length=8, choices=LectureKind.choices)
    title = models.CharField(_("title"), max_length=200)
    speaker = models.CharField(_("speaker"), max_length=100)
    given_on = models.DateField(_("date"))
    region = models.ForeignKey(
        "org.Region", verbose_name=_("region"), on_delete=models.PROTECT, related_name="+"
    )
    link = models.URLField(_("link"), blank=True, help_text=_("Where the video or slides are."))
    note = models.TextField(_("note"), blank=True)

    scope_spec = ScopeSpec(region_path="region__path")
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("lecture or video")
        verbose_name_plural = _("lectures and videos")
        ordering = ["-given_on", "pk"]

    def __str__(self) -> str:
        return self.title


class Deputy(BaseModel):
    """A party congress deputy, people's congress deputy or CPPCC member (党代表、人大代表、
    政协委员) from the region, and whether they are an industrial worker (产业工人)."""

    name = models.CharField(_("name"), max_length=50, blank=True)
    member = models.ForeignKey(
        "members.Member",
        verbose_name=_("member"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    kind = models.CharField(_("kind"), max_length=16, choices=DeputyKind.choices)
    level = models.CharField(_("deputy level"), max_length=10, choices=DeputyLevel.choices)
    region = models.ForeignKey(
        "org.Region", verbose_name=_("region"), on_delete=models.PROTECT, related_name="+"
    )
    enterprise = models.ForeignKey(
        "enterprises.Enterprise",
        verbose_name=_("employer"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    occupation = models.CharField(_("occupation"), max_length=100, blank=True)
    is_industrial_worker = models.BooleanField(_("industrial worker"), default=False)
    note = models.TextField(_("note"), blank=True)

    scope_spec = ScopeSpec(region_path="region__path")
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("deputy")
        verbose_name_plural = _("deputies")
        ordering = ["kind", "level", "name", "pk"]

    def __str__(self) -> str:
        return self.name


class Cultivation(BaseModel):
    """One person in the dual-cultivation pipeline (双向培养): the day they became a
    technical backbone (技术骨干), a party member (党员) and a manager (管理人员), in that
    order."""

    enterprise = models.ForeignKey(
        "enterprises.Enterprise",
        verbose_name=_("enterprise"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    name = models.CharField(_("name"), max_length=50, blank=True)
    member = models.ForeignKey(
        "members.Member",
        verbose_name=_("member"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    backbone_on = models.DateField(_("technical backbone since"))
    party_member_on = models.DateField(_("party member since"), null=True, blank=True)
    manager_on = models.DateField(_("manager since"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)

    scope_spec = ScopeSpec(region_path=ENTERPRISE_REGION)
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("dual-cultivation record")
        verbose_name_plural = _("dual-cultivation records")
        ordering = ["enterprise__name", "name", "pk"]

    def __str__(self) -> str:
        return self.name
