"""Collective bargaining (集体协商, 盐南's brand): cases at three tiers with their
representatives, and centralized offer campaigns (集中要约) with one offer per enterprise.

Every legal date stored here (response, filing, objection, effect, publication, expiry,
renewal window, negotiator refill) is written by the services from the one deadline service
(``unionhub.core.calendar.deadlines``), never computed in this module; the stored copies
let lists and to-do items sort and filter by them, and the daily job recomputes them after
a holiday arrangement changes."""

from __future__ import annotations

import datetime as dt

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from unionhub.bargaining.choices import (
    CONTRACT_OUTCOMES,
    CaseStatus,
    ClauseTopic,
    DayType,
    LimitStep,
    OfferStatus,
    OutcomeType,
    Phase,
    Procedure,
    Side,
    SpecialTopic,
    StandardKind,
    Tier,
)
from unionhub.core.models import BaseModel
from unionhub.core.scope import ScopedQuerySet, ScopeSpec
from unionhub.core.validators.industry import validate_industry_code
from unionhub.members.choices import KeyGroup

CASE_FIELDS = (
    "title",
    "tier",
    "union",
    "enterprise",
    "industry_code",
    "key_group",
    "procedure",
    "outcome_type",
    "special_topic",
    "reduces_worker_rights",
    "requested_on",
    "covered_enterprises",
    "predecessor",
    "note",
)
#: what the detail page shows besides the editable fields (written by the services)
CASE_DATES = (
    "status",
    "response_due",
    "vote_total",
    "vote_present",
    "vote_yes",
    "vote_adopted",
    "signed_on",
    "term_start",
    "term_years",
    "expires_on",
    "filing_due",
    "filed_on",
    "received_on",
    "objection_due",
    "effective_on",
    "objection_on",
    "publication_due",
    "published_on",
    "renewal_opens_on",
)
REPRESENTATIVE_FIELDS = ("case", "side", "name", "position", "is_chief", "is_outside_expert")
CAMPAIGN_FIELDS = ("union", "title", "period_start", "period_end", "note")
WAGE_STANDARD_FIELDS = ("case", "kind", "item", "amount", "rule")
MINIMUM_WAGE_FIELDS = (
    "region",
    "wage_class",
    "monthly",
    "hourly",
    "valid_from",
    "valid_to",
    "source",
)
OFFER_FIELDS = ("campaign", "enterprise", "sent_on", "received_on", "responded_on", "status")


class CaseQuerySet(ScopedQuerySet):
    def in_force(self, on: dt.date):
        return self.filter(in_force_q(on))


def in_force_q(on: dt.date, prefix: str = "") -> Q:
    """A contract in force on ``on``: filed, received by the labour administration, no
    objection recorded, its effective day reached and its expiry not passed."""
    p = prefix
    return Q(
        **{
            f"{p}outcome_type__in": CONTRACT_OUTCOMES,
            f"{p}status": CaseStatus.FILED,
            f"{p}objection_on__isnull": True,
            f"{p}effective_on__lte": on,
            f"{p}expires_on__gte": on,
        }
    )


class BargainingCase(BaseModel):
    """One round of collective bargaining: at a tier (regional, industry, enterprise), under
    a procedure (Jiangsu 2023), ending in a contract, minutes or a memorandum. The workers'
    side is ``union`` (for an enterprise without a union, the higher union acting for the
    workers, LCL art. 51)."""

    title = models.CharField(_("title"), max_length=150)
    tier = models.CharField(
        pgettext_lazy("bargaining", "tier"), max_length=12, choices=Tier.choices
    )
    union = models.ForeignKey(
        "org.OrgUnit",
        verbose_name=_("workers' side union"),
        on_delete=models.PROTECT,
        related_name="bargaining_cases",
    )
    region = models.ForeignKey(
        "org.Region",
        verbose_name=_("region"),
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
    )
    enterprise = models.ForeignKey(
        "enterprises.Enterprise",
        verbose_name=_("enterprise"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="bargaining_cases",
        help_text=_("Required for an enterprise case."),
    )
    industry_code = models.CharField(
        _("industry code"),
        max_length=5,
        blank=True,
        validators=[validate_industry_code],
        help_text=_("GB/T 4754-2017 code; required for an industry case."),
    )
    key_group = models.CharField(
        _("key group"), max_length=20, choices=KeyGroup.choices, blank=True
    )
    procedure = models.CharField(
        _("procedure"), max_length=12, choices=Procedure.choices, default=Procedure.ORDINARY
    )
    outcome_type = models.CharField(
        pgettext_lazy("bargaining", "outcome"),
        max_length=20,
        choices=OutcomeType.choices,
        default=OutcomeType.COLLECTIVE_CONTRACT,
    )
    special_topic = models.CharField(
        _("special topic"), max_length=20, choices=SpecialTopic.choices, blank=True
    )
    reduces_worker_rights = models.BooleanField(_("reduces workers' rights"), default=False)
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=CaseStatus.choices,
        default=CaseStatus.PREPARING,
        editable=False,
    )
    requested_on = models.DateField(
        _("request received on"),
        null=True,
        blank=True,
        help_text=_("The day the other side received the written bargaining request."),
    )
    response_due = models.DateField(_("respond by"), null=True, blank=True, editable=False)
    vote_total = models.PositiveIntegerField(_("entitled to vote"), null=True, editable=False)
    vote_present = models.PositiveIntegerField(
        pgettext_lazy("bargaining", "present"), null=True, editable=False
    )
    vote_yes = models.PositiveIntegerField(_("yes votes"), null=True, editable=False)
    vote_adopted = models.BooleanField(_("draft adopted"), null=True, editable=False)
    signed_on = models.DateField(_("signed on"), null=True, editable=False)
    term_start = models.DateField(
        pgettext_lazy("bargaining", "term starts"), null=True, editable=False
    )
    term_years = models.PositiveSmallIntegerField(
        pgettext_lazy("bargaining", "term (years)"), null=True, editable=False
    )
    expires_on = models.DateField(_("expires on"), null=True, editable=False)
    filing_due = models.DateField(_("file by"), null=True, editable=False)
    filed_on = models.DateField(_("filed on"), null=True, editable=False)
    received_on = models.DateField(
        _("received by the labour administration on"), null=True, editable=False
    )
    objection_due = models.DateField(_("objection period ends"), null=True, editable=False)
    effective_on = models.DateField(_("effective from"), null=True, editable=False)
    objection_on = models.DateField(_("objection raised on"), null=True, editable=False)
    objection_note = models.CharField(_("objection"), max_length=300, blank=True, editable=False)
    publication_due = models.DateField(_("publish by"), null=True, editable=False)
    published_on = models.DateField(_("published on"), null=True, editable=False)
    renewal_opens_on = models.DateField(_("renewal window opens"), null=True, editable=False)
    covered_enterprises = models.ManyToManyField(
        "enterprises.Enterprise",
        verbose_name=_("covered enterprises"),
        blank=True,
        related_name="bargaining_coverage",
        help_text=_(
            "For an industry or regional contract: the enterprises it binds. An enterprise "
            "case always covers its own enterprise."
        ),
    )
    predecessor = models.ForeignKey(
        "self",
        verbose_name=_("renews"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="renewals",
        help_text=_("The earlier contract this one renews (compared year on year)."),
    )
    note = models.TextField(_("note"), blank=True)

    scope_spec = ScopeSpec(org_path="union__path", region_path="region__path", owner=None)
    objects = CaseQuerySet.as_manager()

    class Meta:
        verbose_name = _("bargaining case")
        verbose_name_plural = _("bargaining cases")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.title

    @property
    def is_contract(self) -> bool:
        return self.outcome_type in CONTRACT_OUTCOMES

    def phase(self, today: dt.date | None = None) -> str:
        """What the case is on ``today``: a filed contract is *under review* until its
        effective day, then *in force* until its expiry (domain.md §3.4: show 生效（无异议）
        only once that day has come and no objection is recorded)."""
        today = today or timezone.localdate()
        if self.status == CaseStatus.FILED:
            if self.objection_on:
                return Phase.OBJECTED
            if self.effective_on is None or today < self.effective_on:
                return Phase.UNDER_REVIEW
            if self.expires_on and today > self.expires_on:
                return Phase.EXPIRED
            return Phase.IN_FORCE
        return self.status

    def get_phase_display(self) -> str:
        return str(Phase(self.phase()).label)


class Representative(BaseModel):
    """A negotiator (协商代表) of one side (集体合同规定 art. 19–24, 31)."""

    case = models.ForeignKey(
        BargainingCase,
        verbose_name=_("bargaining case"),
        on_delete=models.CASCADE,
        related_name="representatives",
    )
    side = models.CharField(_("side"), max_length=10, choices=Side.choices)
    name = models.CharField(pgettext_lazy("person", "name"), max_length=50)
    position = models.CharField(_("position"), max_length=100, blank=True)
    # Who the person is, when they are a registered member: "nobody on both sides" then
    # compares people, not names (two 王建国 may well sit on opposite sides).
    member = models.ForeignKey(
        "members.Member",
        verbose_name=_("member"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    is_chief = models.BooleanField(_("chief representative"), default=False)
    is_outside_expert = models.BooleanField(_("outside expert"), default=False)
    vacated_on = models.DateField(_("seat vacated on"), null=True, editable=False)
    refill_due = models.DateField(_("refill by"), null=True, editable=False)
    replaced_by = models.OneToOneField(
        "self",
        verbose_name=_("replaced by"),
        on_delete=models.SET_NULL,
        null=True,
        editable=False,
        related_name="replaces",
    )

    scope_spec = ScopeSpec(
        org_path="case__union__path", region_path="case__region__path", owner=None
    )
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = pgettext_lazy("bargaining", "representative")
        verbose_name_plural = pgettext_lazy("bargaining", "representatives")
        ordering = ["case", "side", "-is_chief", "pk"]

    def __str__(self) -> str:
        return f"{self.name}（{self.get_side_display()}）"

    @property
    def is_active(self) -> bool:
        return self.vacated_on is None


class OfferCampaign(BaseModel):
    """A centralized offer campaign (集中要约行动): one union sends bargaining offers to many
    enterprises at once during a period (domain.md §3.7)."""

    union = models.ForeignKey(
        "org.OrgUnit",
        verbose_name=_("issuing union"),
        on_delete=models.PROTECT,
        related_name="offer_campaigns",
    )
    title = models.CharField(_("title"), max_length=150)
    period_start = models.DateField(_("period starts"))
    period_end = models.DateField(_("period ends"))
    note = models.TextField(_("note"), blank=True)

    scope_spec = ScopeSpec(org_path="union__path", region_path="union__region__path", owner=None)
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("offer campaign")
        verbose_name_plural = _("offer campaigns")
        ordering = ["-period_start", "-pk"]

    def __str__(self) -> str:
        return self.title


class BargainingOffer(BaseModel):
    """One written bargaining offer (要约书) to one enterprise, with its own 20-day
    written-response deadline counted from the day it was received."""

    campaign = models.ForeignKey(
        OfferCampaign,
        verbose_name=_("offer campaign"),
        on_delete=models.PROTECT,
        related_name="offers",
    )
    enterprise = models.ForeignKey(
        "enterprises.Enterprise",
        verbose_name=_("enterprise"),
        on_delete=models.PROTECT,
        related_name="bargaining_offers",
    )
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=OfferStatus.choices,
        default=OfferStatus.SENT,
        editable=False,
    )
    sent_on = models.DateField(_("sent on"))
    received_on = models.DateField(
        pgettext_lazy("bargaining", "received on"), null=True, blank=True
    )
    response_due = models.DateField(_("respond by"), null=True, editable=False)
    responded_on = models.DateField(_("responded on"), null=True, blank=True)
    escalated_to = models.ForeignKey(
        "org.OrgUnit",
        verbose_name=_("escalated to"),
        on_delete=models.PROTECT,
        null=True,
        editable=False,
        related_name="+",
    )
    escalated_on = models.DateField(_("escalated on"), null=True, editable=False)
    case = models.OneToOneField(
        BargainingCase,
        verbose_name=_("bargaining case"),
        on_delete=models.SET_NULL,
        null=True,
        editable=False,
        related_name="offer",
    )
    note = models.CharField(_("note"), max_length=300, blank=True)

    scope_spec = ScopeSpec(
        org_path="campaign__union__path", region_path="enterprise__region__path", owner=None
    )
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("bargaining offer")
        verbose_name_plural = _("bargaining offers")
        ordering = ["campaign", "enterprise__name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "enterprise"], name="bargaining_one_offer_per_enterprise"
            )
        ]

    def __str__(self) -> str:
        return f"{self.enterprise.name} · {self.campaign.title}"


def _badge(due: dt.date | None) -> str:
    from unionhub.bargaining.selectors import countdown

    found = countdown(due)
    return found.badge() if found else ""


def offer_countdown(offer: BargainingOffer) -> str:
    """The response countdown while an answer is awaited (received or overdue)."""
    if offer.status in (OfferStatus.RECEIVED, OfferStatus.OVERDUE):
        return _badge(offer.response_due)
    return ""


def case_next_date(case: BargainingCase) -> str:
    """The countdown of the next thing to do on a case."""
    if case.status == CaseStatus.SIGNED:
        return _badge(case.filing_due)
    phase = case.phase()
    if phase == Phase.IN_FORCE and case.publication_due and not case.published_on:
        return _badge(case.publication_due)
    if phase == Phase.IN_FORCE:
        return _badge(case.expires_on)
    if phase == Phase.UNDER_REVIEW and case.effective_on:
        return _badge(case.effective_on)
    return ""


BargainingOffer.response_countdown = offer_countdown
BargainingOffer.response_countdown.short_description = _("countdown")
BargainingCase.next_countdown = case_next_date


class MinimumWage(BaseModel):
    """The statutory minimum wage in force in a county-level unit (a configurable table:
    the province revises it every two to three years; LCL art. 55 forbids contracts below
    it). ``valid_from``/``valid_to`` keep the history."""

    region = models.ForeignKey(
        "org.Region", verbose_name=_("region"), on_delete=models.PROTECT, related_name="+"
    )
    wage_class = models.CharField(_("class"), max_length=20)
    monthly = models.DecimalField(_("monthly minimum (yuan)"), max_digits=8, decimal_places=2)
    hourly = models.DecimalField(_("hourly minimum (yuan)"), max_digits=6, decimal_places=2)
    valid_from = models.DateField(pgettext_lazy("bargaining", "valid from"))
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    source = models.CharField(_("source"), max_length=200)

    scope_spec = ScopeSpec(region_path="region__path")
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("minimum wage")
        verbose_name_plural = _("minimum wages")
        ordering = ["region__path", "-valid_from"]

    def __str__(self) -> str:
        return f"{self.region.name} {self.wage_class} {self.monthly}"


class WageStandard(BaseModel):
    """A wage figure fixed by a contract: a floor, a piece rate or an order-allocation rule.
    Across tiers an enterprise figure should not undercut the industry one, nor an industry
    figure the regional one (区域谈底线、行业谈标准、企业谈增长), and no floor may be below the
    statutory minimum wage."""

    case = models.ForeignKey(
        BargainingCase,
        verbose_name=_("bargaining case"),
        on_delete=models.CASCADE,
        related_name="wage_standards",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=StandardKind.choices)
    item = models.CharField(
        pgettext_lazy("bargaining", "item"),
        max_length=100,
        blank=True,
        help_text=_("For piece rates: what is paid for (e.g. one delivered order)."),
    )
    amount = models.DecimalField(
        _("amount (yuan)"), max_digits=10, decimal_places=2, null=True, blank=True
    )
    rule = models.CharField(_("rule"), max_length=300, blank=True)

    scope_spec = ScopeSpec(
        org_path="case__union__path", region_path="case__region__path", owner=None
    )
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("wage standard")
        verbose_name_plural = _("wage standards")
        ordering = ["case", "kind", "item", "pk"]

    def __str__(self) -> str:
        value = f"{self.amount}" if self.amount is not None else self.rule
        return f"{self.case.title} · {self.get_kind_display()}{(' ' + self.item) if self.item else ''} {value}"


SESSION_FIELDS = ("case", "held_on", "place", "chair", "recorder", "attendees", "minutes")
DRAFT_FIELDS = ("case", "prepared_on", "session", "text", "note")


class BargainingSession(BaseModel):
    """A bargaining meeting (协商会议, 集体合同规定 art. 33–35): chaired alternately by the two
    chief representatives, minuted by a neutral recorder who is not a representative."""

    case = models.ForeignKey(
        BargainingCase,
        verbose_name=_("bargaining case"),
        on_delete=models.PROTECT,
        related_name="sessions",
    )
    number = models.PositiveSmallIntegerField(_("meeting no."), editable=False)
    held_on = models.DateField(_("meeting date"))
    place = models.CharField(_("place"), max_length=150)
    chair = models.ForeignKey(
        Representative,
        verbose_name=_("chair"),
        on_delete=models.PROTECT,
        related_name="chaired_sessions",
        help_text=_(
            "One of the two chief representatives; the chair alternates between the sides."
        ),
    )
    recorder = models.CharField(
        _("recorder"),
        max_length=50,
        help_text=_("Appointed jointly; neutral and not a representative of either side."),
    )
    attendees = models.ManyToManyField(
        Representative,
        verbose_name=_("representatives present"),
        related_name="attended_sessions",
        blank=True,
    )
    minutes = models.TextField(_("minutes"), blank=True)

    scope_spec = ScopeSpec(
        org_path="case__union__path", region_path="case__region__path", owner=None
    )
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("bargaining session")
        verbose_name_plural = _("bargaining sessions")
        ordering = ["case", "number"]
        constraints = [
            models.UniqueConstraint(fields=["case", "number"], name="bargaining_session_number")
        ]

    def __str__(self) -> str:
        return _("%(case)s · meeting %(n)d") % {"case": self.case.title, "n": self.number}


class ContractDraft(BaseModel):
    """One version of the contract's text (草案) while it is negotiated; versions are
    compared clause by clause (``clauses.compare``)."""

    case = models.ForeignKey(
        BargainingCase,
        verbose_name=_("bargaining case"),
        on_delete=models.PROTECT,
        related_name="drafts",
    )
    version = models.PositiveSmallIntegerField(_("version"), editable=False)
    prepared_on = models.DateField(_("prepared on"))
    session = models.ForeignKey(
        BargainingSession,
        verbose_name=_("discussed at"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="drafts",
    )
    text = models.TextField(
        pgettext_lazy("contract", "text"),
        help_text=_(
            "One clause per paragraph, each starting with its number, e.g. "
            "“第三条【工资】……”; text before the first clause is the preamble."
        ),
    )
    note = models.CharField(_("note"), max_length=300, blank=True)

    scope_spec = ScopeSpec(
        org_path="case__union__path", region_path="case__region__path", owner=None
    )
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("contract draft")
        verbose_name_plural = _("contract drafts")
        ordering = ["case", "version"]
        constraints = [
            models.UniqueConstraint(fields=["case", "version"], name="bargaining_draft_version")
        ]

    def __str__(self) -> str:
        return _("%(case)s · draft %(n)d") % {"case": self.case.title, "n": self.version}

    def clauses(self):
        from unionhub.bargaining.clauses import split_clauses

        return split_clauses(self.text)

    def previous(self) -> ContractDraft | None:
        return (
            ContractDraft.objects.filter(case_id=self.case_id, version__lt=self.version)
            .order_by("-version")
            .first()
        )


class BargainingProcedureRule(models.Model):
    """A time limit of one bargaining procedure in one jurisdiction (domain.md §3.6): the
    Jiangsu regulation's own limits per procedure are not verified, so every limit is a row
    an administrator maintains (administration site); the national rules are loaded for the
    ordinary procedure. A procedure without a row of its own uses the ordinary one."""

    jurisdiction = models.CharField(
        _("jurisdiction"), max_length=6, default="32", help_text=_("GB/T 2260 code; 32 = Jiangsu")
    )
    procedure = models.CharField(_("procedure"), max_length=12, choices=Procedure.choices)
    step = models.CharField(_("step"), max_length=12, choices=LimitStep.choices)
    days = models.PositiveSmallIntegerField(pgettext_lazy("time limit", "days"))
    day_type = models.CharField(
        _("day type"), max_length=10, choices=DayType.choices, default=DayType.CALENDAR
    )
    valid_from = models.DateField(pgettext_lazy("bargaining", "valid from"))
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    source = models.CharField(_("source"), max_length=200)
    verified = models.BooleanField(
        _("verified against the Jiangsu regulation"),
        default=False,
        help_text=_("Leave unticked while the limit is the national rule applied by default."),
    )

    class Meta:
        verbose_name = _("procedure time limit")
        verbose_name_plural = _("procedure time limits")
        ordering = ["jurisdiction", "procedure", "step", "-valid_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["jurisdiction", "procedure", "step", "valid_from"],
                name="bargaining_one_limit_per_start",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_procedure_display()} · {self.get_step_display()} · {self.days}"


CLAUSE_FIELDS = ("union", "topic", "title", "text", "source", "is_active")


class StandardClause(BaseModel):
    """A standard clause of the clause library (条款库): kept by a union, tagged by topic,
    drawn into drafts of any case it can see."""

    union = models.ForeignKey(
        "org.OrgUnit",
        verbose_name=_("kept by"),
        on_delete=models.PROTECT,
        related_name="standard_clauses",
    )
    topic = models.CharField(_("topic"), max_length=20, choices=ClauseTopic.choices)
    title = models.CharField(
        _("clause heading"), max_length=50, help_text=_("Written in 【】 in the draft.")
    )
    text = models.TextField(pgettext_lazy("contract", "text"))
    source = models.CharField(_("source"), max_length=200, blank=True)
    is_active = models.BooleanField(_("in use"), default=True)

    scope_spec = ScopeSpec(org_path="union__path", region_path="union__region__path", owner=None)
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("standard clause")
        verbose_name_plural = _("clause library")
        ordering = ["topic", "title", "pk"]

    def __str__(self) -> str:
        return f"【{self.title}】{self.get_topic_display()}"
