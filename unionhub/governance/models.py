"""Grid governance and labour-relations early warning (射阳's "网格+企业"), domain.md §9.

The administrative levels (county → town/street → community/village) are ``org.Region``;
a ``Grid`` hangs below the lowest region it covers. Every enterprise is in at most one grid
(``GridMembership`` is one-to-one on the enterprise). Reports of risk indicators are judged
by configurable rule rows (``IndicatorRule``); an enterprise's open ``RiskWarning`` has the
maximum level of its open reports, an owner, a response due date from the deadline service,
and a history of ``WarningEvent``s (append-only)."""

from __future__ import annotations

from typing import Any

from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from unionhub.core import crypto
from unionhub.core.models import BaseModel
from unionhub.core.pii import mask_name, mask_phone
from unionhub.core.scope import ScopedQuerySet, ScopeSpec
from unionhub.core.validators.uploads import (
    IMAGE_EXTENSIONS,
    OFFICE_EXTENSIONS,
    PDF_EXTENSIONS,
    UploadValidator,
)
from unionhub.governance.choices import (
    GridKind,
    GridWorkerRole,
    HarmoniousKind,
    HarmoniousLevel,
    HarmoniousStatus,
    MeetingTaskPeriod,
    ReportFlag,
    ReportSource,
    ReportStatus,
    RuleMetric,
    WarningEventKind,
    WarningStatus,
)

PHONE_CONTEXT = "governance.phone"
PERSONAL_DATA_PERMISSION = "accounts.view_personal_data"

GRID_FIELDS = ("code", "name", "kind", "region", "note")
GRIDWORKER_FIELDS = ("grid", "name", "phone", "role", "user")
MEMBERSHIP_FIELDS = ("grid", "enterprise", "assigned_on")
MONITORINGPOINT_FIELDS = ("enterprise", "informant_name", "phone", "designated_on", "is_active")
REPORT_FIELDS = (
    "enterprise",
    "indicator",
    "source",
    "occurred_on",
    "facts",
    "people_affected",
    "months",
    "days_late",
    "cases",
    "amount",
    "flag",
    "evidence",
)
DISPOSAL_FIELDS = ("acted_on", "action", "result")
HARMONIOUS_FIELDS = (
    "kind",
    "enterprise",
    "park_name",
    "region",
    "level",
    "year",
    "applied_on",
    "note",
)
MEETING_FIELDS = (
    "held_on",
    "convener",
    "hrss_side",
    "participants",
    "topics",
    "decisions",
)
MEETINGTASK_FIELDS = ("title", "owner", "period")
LAYOFF_FIELDS = (
    "enterprise",
    "planned_count",
    "workforce",
    "notified_on",
    "effective_on",
    "reason",
)


def may_view_personal_data(user: Any) -> bool:
    return bool(user is not None and user.has_perm(PERSONAL_DATA_PERMISSION))


class ProtectedPhone(models.Model):
    """A mobile number stored encrypted (like members' phones), masked for display."""

    phone_enc = models.CharField(_("mobile phone (encrypted)"), max_length=200, editable=False)
    pii_fields = ("phone_enc",)

    class Meta:
        abstract = True

    @property
    def phone(self) -> str:
        return crypto.decrypt(self.phone_enc, context=PHONE_CONTEXT) if self.phone_enc else ""

    @phone.setter
    def phone(self, value: str) -> None:
        from unionhub.core.validators.idcard import parse_phone

        self.phone_enc = crypto.encrypt(parse_phone(value), context=PHONE_CONTEXT) if value else ""

    @property
    def phone_masked(self) -> str:
        return mask_phone(self.phone)

    def phone_for(self, user: Any) -> str:
        return self.phone if may_view_personal_data(user) else self.phone_masked

    def audit_mask(self, name: str) -> Any:
        return mask_phone(self.phone) if name == "phone_enc" and self.phone_enc else ""


# --- grids ---------------------------------------------------------------------------------


class Grid(BaseModel):
    """The lowest level of the grid tree, below a village/community (or a town) region."""

    code = models.CharField(_("grid code"), max_length=40, unique=True)
    name = models.CharField(_("grid name"), max_length=100)
    kind = models.CharField(
        _("grid kind"), max_length=12, choices=GridKind.choices, default=GridKind.TERRITORIAL
    )
    region = models.ForeignKey(
        "org.Region", verbose_name=_("region"), on_delete=models.PROTECT, related_name="grids"
    )
    note = models.TextField(_("note"), blank=True)

    scope_spec = ScopeSpec(region_path="region__path")
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("grid")
        verbose_name_plural = _("grids")
        ordering = ["region__path", "code", "pk"]

    def __str__(self) -> str:
        return self.name


class GridWorker(ProtectedPhone, BaseModel):
    """A grid worker (网格员) or grid chief of one grid."""

    grid = models.ForeignKey(
        Grid, verbose_name=_("grid"), on_delete=models.CASCADE, related_name="workers"
    )
    name = models.CharField(pgettext_lazy("person", "name"), max_length=50)
    role = models.CharField(
        _("role"), max_length=10, choices=GridWorkerRole.choices, default=GridWorkerRole.WORKER
    )
    user = models.ForeignKey(
        "accounts.User",
        verbose_name=_("platform account"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    pii_fields = ("name", "phone_enc")
    scope_spec = ScopeSpec(region_path="grid__region__path")
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("grid worker")
        verbose_name_plural = _("grid workers")
        ordering = ["grid__code", "name", "pk"]

    def __str__(self) -> str:
        return self.name

    def audit_repr(self) -> str:
        return mask_name(self.name)

    def audit_mask(self, name: str) -> Any:
        if name == "name":
            return mask_name(self.name)
        return super().audit_mask(name)


class GridMembership(BaseModel):
    """An enterprise in its grid: one grid per enterprise (the one-to-one)."""

    grid = models.ForeignKey(
        Grid, verbose_name=_("grid"), on_delete=models.PROTECT, related_name="memberships"
    )
    enterprise = models.OneToOneField(
        "enterprises.Enterprise",
        verbose_name=_("enterprise"),
        on_delete=models.CASCADE,
        related_name="grid_membership",
    )
    assigned_on = models.DateField(_("assigned on"))

    scope_spec = ScopeSpec(region_path="enterprise__region__path")
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("enterprise in a grid")
        verbose_name_plural = _("enterprises in grids")
        ordering = ["grid__code", "enterprise__name", "pk"]

    def __str__(self) -> str:
        return f"{self.enterprise} → {self.grid}"


# --- risk rules (data) ---------------------------------------------------------------------


class RiskLevel(models.Model):
    """蓝/黄/橙/红 with their response times (domain.md §9.2 [D]); the response due date is
    the deadline kind ``response_kind`` computed by the core deadline service."""

    code = models.CharField(_("code"), max_length=10, unique=True)
    name = models.CharField(_("name"), max_length=20)
    rank = models.PositiveSmallIntegerField(pgettext_lazy("governance", "rank"), unique=True)
    color = models.CharField(_("colour"), max_length=10)
    ack_hours = models.PositiveSmallIntegerField(
        _("acknowledgement within hours"), null=True, blank=True
    )
    response_kind = models.CharField(_("response deadline kind"), max_length=40)
    response_text = models.CharField(_("required response"), max_length=200)

    audit_exclude = "reference data seeded by migration"

    class Meta:
        verbose_name = _("risk level")
        verbose_name_plural = _("risk levels")
        ordering = ["rank"]

    def __str__(self) -> str:
        return self.name


class RiskIndicator(models.Model):
    code = models.CharField(_("code"), max_length=10, unique=True)
    name = models.CharField(_("name"), max_length=60)
    source = models.CharField(_("source of data"), max_length=100, blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    audit_exclude = "reference data seeded by migration"

    class Meta:
        verbose_name = _("risk indicator")
        verbose_name_plural = _("risk indicators")
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class IndicatorRule(models.Model):
    """One trigger: a report of ``indicator`` whose ``metric`` reaches ``threshold`` (or
    that has the circumstance ``flag``) is at least ``level``. Several rows of one level
    are alternatives ("≥ 10 workers or ≥ 1 month")."""

    indicator = models.ForeignKey(
        RiskIndicator, verbose_name=_("indicator"), on_delete=models.CASCADE, related_name="rules"
    )
    level = models.ForeignKey(
        RiskLevel,
        verbose_name=pgettext_lazy("risk", "level"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    metric = models.CharField(_("metric"), max_length=10, choices=RuleMetric.choices)
    threshold = models.DecimalField(
        _("threshold"), max_digits=10, decimal_places=2, null=True, blank=True
    )
    flag = models.CharField(
        _("circumstance"), max_length=20, choices=ReportFlag.choices, blank=True
    )
    description = models.CharField(_("description"), max_length=100)
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)

    audit_exclude = "reference data seeded by migration"

    class Meta:
        verbose_name = _("indicator rule")
        verbose_name_plural = _("indicator rules")
        ordering = ["indicator__code", "level__rank", "pk"]

    def __str__(self) -> str:
        return f"{self.indicator.code} {self.description} → {self.level}"


# --- monitoring points, reports, warnings --------------------------------------------------


class MonitoringPoint(ProtectedPhone, BaseModel):
    """An enterprise union designated as a risk monitoring point, with its informant
    (信息员)."""

    enterprise = models.OneToOneField(
        "enterprises.Enterprise",
        verbose_name=_("enterprise"),
        on_delete=models.PROTECT,
        related_name="monitoring_point",
    )
    informant_name = models.CharField(_("informant"), max_length=50)
    designated_on = models.DateField(_("designated on"))
    is_active = models.BooleanField(_("active"), default=True)

    pii_fields = ("informant_name", "phone_enc")
    scope_spec = ScopeSpec(region_path="enterprise__region__path")
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("monitoring point")
        verbose_name_plural = _("monitoring points")
        ordering = ["enterprise__name", "pk"]

    def __str__(self) -> str:
        return str(self.enterprise)

    def audit_mask(self, name: str) -> Any:
        if name == "informant_name":
            return mask_name(self.informant_name)
        return super().audit_mask(name)


class RiskWarning(BaseModel):
    """The enterprise's warning: level = the maximum of its open reports' levels, raised one
    step each time the response is overdue; lowered only after a disposal record."""

    enterprise = models.ForeignKey(
        "enterprises.Enterprise",
        verbose_name=_("enterprise"),
        on_delete=models.PROTECT,
        related_name="risk_warnings",
    )
    level = models.ForeignKey(
        RiskLevel,
        verbose_name=pgettext_lazy("risk", "level"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=WarningStatus.choices,
        default=WarningStatus.OPEN,
        db_index=True,
    )
    owner = models.ForeignKey(
        "accounts.User", verbose_name=_("owner"), on_delete=models.PROTECT, related_name="+"
    )
    level_since = models.DateTimeField(_("level since"))
    response_due = models.DateField(_("response due"))
    ack_due = models.DateTimeField(_("acknowledgement due"), null=True, blank=True)
    escalations = models.PositiveSmallIntegerField(_("escalations"), default=0)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    closure_reason = models.TextField(_("closure reason"), blank=True)

    scope_spec = ScopeSpec(region_path="enterprise__region__path")
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("risk warning")
        verbose_name_plural = _("risk warnings")
        ordering = ["status", "-level__rank", "response_due", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["enterprise"],
                condition=models.Q(status="open"),
                name="governance_one_open_warning_per_enterprise",
            )
        ]

    def __str__(self) -> str:
        return f"{self.enterprise} · {self.level}"


class RiskReport(BaseModel):
    """A report of one indicator at one enterprise (facts, people, amounts, evidence), from
    a monitoring point, a grid worker or staff; judged by the rules when filed."""

    enterprise = models.ForeignKey(
        "enterprises.Enterprise",
        verbose_name=_("enterprise"),
        on_delete=models.PROTECT,
        related_name="risk_reports",
    )
    indicator = models.ForeignKey(
        RiskIndicator, verbose_name=_("indicator"), on_delete=models.PROTECT, related_name="+"
    )
    source = models.CharField(_("source"), max_length=20, choices=ReportSource.choices)
    occurred_on = models.DateField(_("occurred on"))
    facts = models.TextField(_("facts"))
    people_affected = models.PositiveIntegerField(_("workers affected"), null=True, blank=True)
    months = models.DecimalField(
        _("months"),
        max_digits=5,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    days_late = models.PositiveIntegerField(_("days late"), null=True, blank=True)
    cases = models.PositiveIntegerField(_("cases"), null=True, blank=True)
    amount = models.DecimalField(
        _("amount (yuan)"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    flag = models.CharField(
        _("circumstance"), max_length=20, choices=ReportFlag.choices, blank=True
    )
    evidence = models.FileField(
        _("evidence file"),
        upload_to="governance/evidence/",
        blank=True,
        validators=[
            UploadValidator(extensions=IMAGE_EXTENSIONS + PDF_EXTENSIONS + OFFICE_EXTENSIONS)
        ],
    )
    # judged when filed
    level = models.ForeignKey(
        RiskLevel,
        verbose_name=pgettext_lazy("risk", "level"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    level_reason = models.CharField(_("why this level"), max_length=200, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=ReportStatus.choices, default=ReportStatus.OPEN
    )
    warning = models.ForeignKey(
        RiskWarning,
        verbose_name=_("warning"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reports",
    )

    scope_spec = ScopeSpec(region_path="enterprise__region__path")
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("risk report")
        verbose_name_plural = _("risk reports")
        ordering = ["-occurred_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.enterprise} · {self.indicator}"


class Disposal(BaseModel):
    """What was done about a warning (处置记录); it may resolve some of its reports."""

    warning = models.ForeignKey(
        RiskWarning, verbose_name=_("warning"), on_delete=models.PROTECT, related_name="disposals"
    )
    acted_on = models.DateField(_("acted on"))
    action = models.TextField(_("action taken"))
    result = models.TextField(_("result"), blank=True)
    resolved_reports = models.ManyToManyField(
        RiskReport, verbose_name=_("reports resolved"), blank=True, related_name="+"
    )

    scope_spec = ScopeSpec(region_path="warning__enterprise__region__path")
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("disposal record")
        verbose_name_plural = _("disposal records")
        ordering = ["-acted_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.warning} · {self.acted_on}"


class WarningEvent(models.Model):
    """The history of a warning's level (append-only, written by the services)."""

    warning = models.ForeignKey(
        RiskWarning, verbose_name=_("warning"), on_delete=models.CASCADE, related_name="events"
    )
    kind = models.CharField(_("event"), max_length=12, choices=WarningEventKind.choices)
    at = models.DateTimeField(_("at"))
    from_level = models.ForeignKey(
        RiskLevel, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    to_level = models.ForeignKey(
        RiskLevel, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    note = models.CharField(_("note"), max_length=300, blank=True)
    by = models.ForeignKey(
        "accounts.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    scope_spec = ScopeSpec(region_path="warning__enterprise__region__path")
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("warning event")
        verbose_name_plural = _("warning events")
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.at:%Y-%m-%d}"


# --- mass layoffs --------------------------------------------------------------------------


class LayoffPlan(BaseModel):
    """A layoff plan (LCL art. 41): ≥ 20 people or ≥ 10 % of the workforce is a mass layoff
    — it raises an L1 report and a consultation task with the 30-day notice date."""

    enterprise = models.ForeignKey(
        "enterprises.Enterprise",
        verbose_name=_("enterprise"),
        on_delete=models.PROTECT,
        related_name="layoff_plans",
    )
    planned_count = models.PositiveIntegerField(_("workers to be laid off"))
    workforce = models.PositiveIntegerField(_("workforce"))
    notified_on = models.DateField(_("union notified on"))
    effective_on = models.DateField(_("planned effective date"))
    reason = models.TextField(_("reason"))
    is_mass = models.BooleanField(_("mass layoff"), default=False, editable=False)
    earliest_effective_on = models.DateField(
        _("earliest lawful effective date"), null=True, blank=True, editable=False
    )
    consulted_on = models.DateField(_("consultation held on"), null=True, blank=True)
    report = models.OneToOneField(
        RiskReport, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    scope_spec = ScopeSpec(region_path="enterprise__region__path")
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("layoff plan")
        verbose_name_plural = _("layoff plans")
        ordering = ["-notified_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.enterprise} · {self.planned_count}"


# --- harmonious enterprises and parks ------------------------------------------------------


class HarmoniousUnit(BaseModel):
    """An application to be named a harmonious enterprise or park (和谐企业/园区) of a level and
    year; designated units are in force until ``valid_until``."""

    kind = models.CharField(_("kind"), max_length=12, choices=HarmoniousKind.choices)
    enterprise = models.ForeignKey(
        "enterprises.Enterprise",
        verbose_name=_("enterprise"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="harmonious_ratings",
    )
    park_name = models.CharField(_("park name"), max_length=100, blank=True)
    region = models.ForeignKey(
        "org.Region", verbose_name=_("region"), on_delete=models.PROTECT, related_name="+"
    )
    level = models.CharField(
        pgettext_lazy("designation", "level"), max_length=10, choices=HarmoniousLevel.choices
    )
    year = models.PositiveSmallIntegerField(_("year"))
    applied_on = models.DateField(_("applied on"))
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=HarmoniousStatus.choices,
        default=HarmoniousStatus.APPLIED,
        editable=False,
    )
    score = models.DecimalField(
        _("evaluation score"), max_digits=5, decimal_places=1, null=True, blank=True, editable=False
    )
    evaluation = models.TextField(_("evaluation"), blank=True, editable=False)
    designated_on = models.DateField(_("designated on"), null=True, blank=True, editable=False)
    valid_until = models.DateField(_("valid until"), null=True, blank=True, editable=False)
    note = models.TextField(_("note"), blank=True)

    scope_spec = ScopeSpec(region_path="region__path")
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("harmonious unit")
        verbose_name_plural = _("harmonious units")
        ordering = ["-year", "level", "pk"]

    def __str__(self) -> str:
        return str(self.enterprise) if self.enterprise_id else self.park_name


# --- "1+1+N" joint meetings ----------------------------------------------------------------


class JointMeeting(BaseModel):
    """A "1+1+N" joint meeting (联席会议): the union (1) convenes with the human-resources and
    social-security bureau (1) and the departments or enterprises concerned (N), on the
    warnings and enterprises at risk; its decisions become follow-up tasks with due dates."""

    held_on = models.DateField(pgettext_lazy("meeting", "held on"))
    convener = models.ForeignKey(
        "org.OrgUnit",
        verbose_name=_("convening union"),
        on_delete=models.PROTECT,
        related_name="joint_meetings",
    )
    region = models.ForeignKey(
        "org.Region", verbose_name=_("region"), on_delete=models.PROTECT, related_name="+"
    )
    hrss_side = models.CharField(
        _("human resources and social security side"),
        max_length=200,
        help_text=_(
            "The bureau (and its units) that sat with the union, e.g. the labour inspectorate."
        ),
    )
    participants = models.TextField(
        _("participating departments and enterprises (N)"),
        help_text=_("One per line."),
    )
    topics = models.TextField(_("topics"))
    decisions = models.TextField(_("decisions"))
    warnings = models.ManyToManyField(
        RiskWarning, verbose_name=_("warnings discussed"), blank=True, related_name="meetings"
    )
    enterprises = models.ManyToManyField(
        "enterprises.Enterprise",
        verbose_name=_("enterprises discussed"),
        blank=True,
        related_name="joint_meetings",
    )

    scope_spec = ScopeSpec(region_path="region__path")
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("joint meeting")
        verbose_name_plural = _("joint meetings")
        ordering = ["-held_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.convener} {self.held_on:%Y-%m-%d}"

    @property
    def participant_list(self) -> list[str]:
        return [line.strip() for line in self.participants.splitlines() if line.strip()]


class MeetingTask(BaseModel):
    """A follow-up task decided at a joint meeting: an owner and a due date computed by the
    deadline service from the meeting day and the period chosen; in the owner's to-do
    until it is done."""

    meeting = models.ForeignKey(
        JointMeeting,
        verbose_name=_("joint meeting"),
        on_delete=models.PROTECT,
        related_name="tasks",
    )
    title = models.CharField(_("task"), max_length=200)
    owner = models.ForeignKey(
        "accounts.User", verbose_name=_("owner"), on_delete=models.PROTECT, related_name="+"
    )
    period = models.CharField(_("period"), max_length=40, choices=MeetingTaskPeriod.choices)
    due_on = models.DateField(_("due on"), editable=False)
    done_on = models.DateField(_("done on"), null=True, blank=True, editable=False)
    result = models.TextField(_("result"), blank=True, editable=False)

    scope_spec = ScopeSpec(region_path="meeting__region__path")
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("meeting task")
        verbose_name_plural = _("meeting tasks")
        ordering = ["due_on", "pk"]

    def __str__(self) -> str:
        return self.title
