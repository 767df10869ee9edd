"""Enterprises (企业), their grassroots unions (基层工会) and the SME classification table."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from unionhub.core.models import BaseModel
from unionhub.core.scope import ScopedQuerySet, ScopeSpec
from unionhub.core.validators.industry import industry_name, validate_industry_code
from unionhub.core.validators.uscc import (
    check_char_is_wrong,
    uscc_errors,
    validate_uscc_form,
)
from unionhub.enterprises import dates
from unionhub.enterprises.choices import (
    ContactDepartment,
    EstablishmentMode,
    Fallback,
    Obstacle,
    OperatingStatus,
    Ownership,
    SizeClass,
    SmeIndustry,
    SmeMetric,
    TargetReason,
    TermState,
    UnionForm,
    UnionStatus,
)

TERM_YEARS = (3, 5)  # Trade Union Law art. 16
DUE_SOON_DAYS = 90  # domain.md §2.1 [D]
SEVERE_DELAY_MONTHS = 6  # domain.md §2 [M]
MAX_DELAY_MONTHS = 6  # 延期一般不超过半年 (domain.md §2 [M]); settings.UNIONHUB overrides
ORGANISER_MAX_MEMBERS = 24  # "不足二十五人" (art. 11)


# --- SME classification standard (中小企业划型标准规定) as data -------------------------


class SmeStandard(BaseModel):
    """One version of the SME classification standard (e.g. 工信部联企业〔2011〕300号).
    Classification always uses the version in force on the reference date."""

    version_code = models.CharField(_("version"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=200)
    effective_from = models.DateField(_("effective from"))
    effective_to = models.DateField(_("effective to"), null=True, blank=True)

    class Meta:
        verbose_name = _("SME classification standard")
        verbose_name_plural = _("SME classification standards")
        ordering = ["-effective_from"]

    def __str__(self) -> str:
        return self.name


class SmeThreshold(models.Model):
    """A lower bound of one tier (large/medium/small) for one industry and metric. A tier
    needs every metric of the industry at or above its bound."""

    standard = models.ForeignKey(
        SmeStandard, verbose_name=_("standard"), on_delete=models.CASCADE, related_name="thresholds"
    )
    industry = models.CharField(_("industry"), max_length=20, choices=SmeIndustry.choices)
    tier = models.CharField(_("tier"), max_length=10, choices=SizeClass.choices)
    metric = models.CharField(_("metric"), max_length=10, choices=SmeMetric.choices)
    lower_bound = models.DecimalField(_("lower bound"), max_digits=14, decimal_places=2)

    audit_exclude = "reference data seeded by migration"

    class Meta:
        verbose_name = _("SME threshold")
        verbose_name_plural = _("SME thresholds")
        constraints = [
            models.UniqueConstraint(
                fields=["standard", "industry", "tier", "metric"], name="uniq_sme_threshold"
            )
        ]

    def __str__(self) -> str:
        return f"{self.industry} {self.tier} {self.metric} ≥ {self.lower_bound}"


# --- enterprises -------------------------------------------------------------------------


class EnterpriseQuerySet(ScopedQuerySet):
    def targets(self):
        return self.exclude(target_reasons="")

    def with_reason(self, code: str):
        return self.filter(target_reasons__contains=code)


class Enterprise(BaseModel):
    """An employing unit (企业) in a county or town: whether it has a union, and whether the
    campaign should push it to build one. ``size_class``, ``union_status`` and
    ``target_reasons`` are derived by the services and stored so lists can filter on them."""

    uscc = models.CharField(
        _("unified social credit code"),
        max_length=18,
        unique=True,
        validators=[validate_uscc_form],
    )
    # Why an administrator accepted a genuine code that fails its checksum (domain.md §10.1).
    uscc_override_reason = models.CharField(
        _("check character exception"),
        max_length=200,
        blank=True,
        default="",
        db_default="",  # bulk writers (COPY) leave it out
        help_text=_(
            "Only for a genuine code that fails its checksum (issued in early pilot areas): "
            "say how it was verified."
        ),
    )
    name = models.CharField(_("enterprise name"), max_length=200, db_index=True)
    region = models.ForeignKey(
        "org.Region", verbose_name=_("region"), on_delete=models.PROTECT, related_name="enterprises"
    )
    industry_code = models.CharField(
        _("industry code"),
        max_length=5,
        validators=[validate_industry_code],
        help_text=_("GB/T 4754-2017: a section letter or a 2–4 digit code."),
    )
    industry_section = models.CharField(_("industry section"), max_length=1, editable=False)
    ownership = models.CharField(_("ownership"), max_length=12, choices=Ownership.choices)
    employees = models.PositiveIntegerField(_("employees"), validators=[MinValueValidator(0)])
    revenue_wan = models.DecimalField(
        _("operating revenue (10k yuan)"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    assets_wan = models.DecimalField(
        _("total assets (10k yuan)"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    founded_on = models.DateField(_("founded on"))
    operating_status = models.CharField(
        _("operating status"),
        max_length=10,
        choices=OperatingStatus.choices,
        default=OperatingStatus.OPERATING,
    )
    has_party_org = models.BooleanField(_("has a party organisation"), default=False)
    is_head_enterprise = models.BooleanField(_("head enterprise"), default=False)
    is_high_profile = models.BooleanField(_("high-profile enterprise"), default=False)
    # Derived, maintained by services (never typed by hand).
    size_class = models.CharField(
        _("size class"), max_length=10, choices=SizeClass.choices, blank=True, editable=False
    )
    union_status = models.CharField(
        _("union status"),
        max_length=12,
        choices=UnionStatus.choices,
        default=UnionStatus.NOT_BUILT,
        editable=False,
        db_index=True,
    )
    target_reasons = models.CharField(
        _("target reasons"), max_length=200, blank=True, editable=False, db_index=True
    )

    scope_spec = ScopeSpec(region_path="region__path")
    objects = EnterpriseQuerySet.as_manager()

    class Meta:
        verbose_name = _("enterprise")
        verbose_name_plural = _("enterprises")
        ordering = ["name", "pk"]
        permissions = [
            ("import_enterprise", _("Can import enterprises")),
            ("export_enterprise", _("Can export enterprises")),
            ("override_uscc", _("Can accept a credit code that fails its checksum")),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        errors = {}
        if self.founded_on and self.founded_on > timezone.localdate():
            errors["founded_on"] = ValidationError(
                _("The founding date cannot be in the future."), code="future_date"
            )
        # Format errors come from the field validator; the check character is judged here,
        # where an administrator's exception is known.
        if self.uscc and not self.uscc_override_reason.strip() and check_char_is_wrong(self.uscc):
            errors["uscc"] = ValidationError(uscc_errors(self.uscc)[0], code="wrong_check_char")
        if errors:
            raise ValidationError(errors)

    @property
    def target_reason_list(self) -> list[str]:
        return [c for c in self.target_reasons.split(",") if c]

    def get_target_reasons_display(self) -> str:
        labels = dict(TargetReason.choices)
        return "、".join(str(labels.get(c, c)) for c in self.target_reason_list)

    @property
    def industry_name(self) -> str:
        return industry_name(self.industry_code)

    @property
    def industry_display(self) -> str:
        return f"{self.industry_code} {self.industry_name}"

    @property
    def is_public(self) -> bool:
        return self.ownership in (Ownership.STATE, Ownership.COLLECTIVE)


# --- grassroots unions -------------------------------------------------------------------


class EnterpriseUnion(BaseModel):
    """A grassroots union (基层工会) covering one enterprise (单独建会) or several (联合基层
    工会), or an organiser (组织员) arrangement for fewer than 25 members. Its organisation
    lives in the union tree as an ``org.OrgUnit`` under the town federation."""

    org_unit = models.OneToOneField(
        "org.OrgUnit",
        verbose_name=_("union organisation"),
        on_delete=models.PROTECT,
        related_name="enterprise_union",
    )
    form = models.CharField(_("form"), max_length=12, choices=UnionForm.choices)
    mode = models.CharField(
        _("establishment mode"), max_length=16, choices=EstablishmentMode.choices
    )
    founded_on = models.DateField(_("founded on"))
    approved_on = models.DateField(_("approved on"), null=True, blank=True)
    chair_name = models.CharField(_("chair / organiser"), max_length=50)
    term_start = models.DateField(_("term start"))
    term_years = models.PositiveSmallIntegerField(
        _("term (years)"), choices=[(3, _("3 years")), (5, _("5 years"))]
    )
    term_end = models.DateField(_("term end"), editable=False)
    # The approved delay of the current term (set by union_delay_approve, cleared by a
    # re-election): kept on the row so term states stay date-range filters.
    delay_until = models.DateField(
        _("re-election delayed until"), null=True, blank=True, editable=False
    )
    member_count = models.PositiveIntegerField(_("member count"), default=0)
    enterprises = models.ManyToManyField(
        Enterprise, verbose_name=_("covered enterprises"), related_name="unions", blank=True
    )

    scope_spec = ScopeSpec(org_path="org_unit__path", region_path="org_unit__region__path")
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("grassroots union committee")
        verbose_name_plural = _("grassroots unions")
        ordering = ["org_unit__name", "pk"]

    def __str__(self) -> str:
        return self.org_unit.name if self.org_unit_id else "—"

    @property
    def name(self) -> str:
        return str(self)

    def clean(self) -> None:
        errors = {}
        if self.term_years not in TERM_YEARS:
            errors["term_years"] = ValidationError(
                _("A grassroots committee term is 3 or 5 years."), code="invalid_term_years"
            )
        if self.form == UnionForm.ORGANISER and self.member_count > ORGANISER_MAX_MEMBERS:
            errors["form"] = ValidationError(
                _("An organiser is only allowed for fewer than 25 members."),
                code="organiser_too_many_members",
            )
        if self.founded_on and self.founded_on > timezone.localdate():
            errors["founded_on"] = ValidationError(
                _("The founding date cannot be in the future."), code="future_date"
            )
        if self.term_start and self.founded_on and self.term_start < self.founded_on:
            errors["term_start"] = ValidationError(
                _("The term cannot start before the union was founded."), code="before_founding"
            )
        if errors:
            raise ValidationError(errors)

    def compute_term_end(self) -> dt.date:
        return dates.term_end(self.term_start, self.term_years)

    def term_state(self, today: dt.date | None = None) -> str:
        return term_state(self.term_end, today or timezone.localdate(), self.delay_until)

    @property
    def effective_term_end(self) -> dt.date:
        """The last day the committee may serve: its term end or its approved delay."""
        return max(self.term_end, self.delay_until or self.term_end)

    def get_term_state_display(self) -> str:
        return str(dict(TermState.choices)[self.term_state()])


def term_state(end: dt.date, today: dt.date, delay_until: dt.date | None = None) -> str:
    """domain.md §2.1: in term, due within 90 days, delay approved (covers today), overdue,
    overdue by more than six months."""
    if today <= end - dt.timedelta(days=DUE_SOON_DAYS):
        return TermState.NORMAL
    if today <= end:
        return TermState.DUE_SOON
    if delay_until is not None and today <= delay_until:
        return TermState.DELAY_APPROVED
    if today > dates.add_months(end, SEVERE_DELAY_MONTHS):
        return TermState.SEVERELY_OVERDUE
    return TermState.OVERDUE


class UnionReelection(BaseModel):
    """One re-election (换届) of a grassroots union committee: the new term, chair and
    membership at the time."""

    union = models.ForeignKey(
        EnterpriseUnion,
        verbose_name=_("grassroots union committee"),
        on_delete=models.PROTECT,
        related_name="reelections",
    )
    elected_on = models.DateField(_("elected on"))
    term_years = models.PositiveSmallIntegerField(
        _("term (years)"), choices=[(3, _("3 years")), (5, _("5 years"))]
    )
    term_end = models.DateField(_("term end"))
    chair_name = models.CharField(_("chair / organiser"), max_length=50)
    member_count = models.PositiveIntegerField(_("member count"), default=0)
    previous_term_end = models.DateField(_("previous term end"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=200, blank=True)

    scope_spec = ScopeSpec(
        org_path="union__org_unit__path", region_path="union__org_unit__region__path"
    )
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("re-election")
        verbose_name_plural = _("re-elections")
        ordering = ["-elected_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.union} {self.elected_on:%Y-%m-%d}"


class TermDelay(BaseModel):
    """An approved delay of re-election (延期换届): the next-higher union allows the committee
    to serve past its term end, normally by at most six months (domain.md §2)."""

    union = models.ForeignKey(
        EnterpriseUnion,
        verbose_name=_("grassroots union committee"),
        on_delete=models.PROTECT,
        related_name="delays",
    )
    term_end = models.DateField(_("term end"))  # of the term this delay extends
    delay_until = models.DateField(_("delayed until"))
    approved_by = models.ForeignKey(
        "org.OrgUnit",
        verbose_name=_("approved by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    approved_on = models.DateField(_("approved on"))
    document_no = models.CharField(_("approval document number"), max_length=60, blank=True)
    reason = models.CharField(_("reason"), max_length=300)

    scope_spec = ScopeSpec(
        org_path="union__org_unit__path", region_path="union__org_unit__region__path"
    )
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("re-election delay")
        verbose_name_plural = _("re-election delays")
        ordering = ["-approved_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.union} {self.delay_until:%Y-%m-%d}"


# --- campaign follow-up ------------------------------------------------------------------


class Campaign(BaseModel):
    """A yearly establishment campaign of a county union (e.g. 2026年工会组建服务年) with
    targets per town."""

    name = models.CharField(_("name"), max_length=100)
    year = models.PositiveSmallIntegerField(_("year"))
    region = models.ForeignKey(
        "org.Region", verbose_name=_("region"), on_delete=models.PROTECT, related_name="+"
    )
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))

    scope_spec = ScopeSpec(region_path="region__path")
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("establishment campaign")
        verbose_name_plural = _("establishment campaigns")
        ordering = ["-year", "name"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError(
                {
                    "ends_on": ValidationError(
                        _("The campaign cannot end before it starts."), code="ends_before_start"
                    )
                }
            )


class CampaignTownTarget(models.Model):
    """How many new unions a town should establish during a campaign."""

    campaign = models.ForeignKey(
        Campaign, verbose_name=_("campaign"), on_delete=models.CASCADE, related_name="town_targets"
    )
    town = models.ForeignKey(
        "org.Region", verbose_name=_("town / street"), on_delete=models.PROTECT, related_name="+"
    )
    target_unions = models.PositiveIntegerField(_("unions to establish"), default=0)

    scope_spec = ScopeSpec(region_path="town__path", owner=None)
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("town target")
        verbose_name_plural = _("town targets")
        constraints = [
            models.UniqueConstraint(fields=["campaign", "town"], name="uniq_campaign_town")
        ]

    def __str__(self) -> str:
        return f"{self.campaign} · {self.town}"


class ContactLog(BaseModel):
    """One visit or call to a target enterprise (上门沟通): who went, what stood in the
    way, the next step, and the fallback (workers recruited into a town, village or
    industry union until the enterprise builds its own)."""

    enterprise = models.ForeignKey(
        Enterprise, verbose_name=_("enterprise"), on_delete=models.PROTECT, related_name="contacts"
    )
    campaign = models.ForeignKey(
        Campaign,
        verbose_name=_("campaign"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="contacts",
    )
    contacted_on = models.DateField(_("contacted on"))
    department = models.CharField(
        _("visited with"), max_length=10, choices=ContactDepartment.choices, default="union"
    )
    obstacle = models.CharField(
        _("obstacle"), max_length=20, choices=Obstacle.choices, default=Obstacle.NONE
    )
    next_step = models.CharField(_("next step"), max_length=300, blank=True)
    next_contact_on = models.DateField(_("next contact on"), null=True, blank=True)
    fallback = models.CharField(
        _("fallback"), max_length=10, choices=Fallback.choices, default=Fallback.NONE
    )
    recruited_members = models.PositiveIntegerField(_("workers recruited"), default=0)

    scope_spec = ScopeSpec(region_path="enterprise__region__path")
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("contact record")
        verbose_name_plural = _("contact records")
        ordering = ["-contacted_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.enterprise} {self.contacted_on:%Y-%m-%d}"

    def clean(self) -> None:
        errors = {}
        if self.contacted_on and self.contacted_on > timezone.localdate():
            errors["contacted_on"] = ValidationError(
                _("The contact date cannot be in the future."), code="future_date"
            )
        if self.fallback == Fallback.NONE and self.recruited_members:
            errors["fallback"] = ValidationError(
                _("Say which union the recruited workers joined."), code="fallback_required"
            )
        if errors:
            raise ValidationError(errors)
