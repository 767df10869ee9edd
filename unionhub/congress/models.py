"""Workers' congress (职工代表大会, domain.md §4) and the Jiangsu star rating (§4.1).

A ``Congress`` is one term (届) of an enterprise's congress with its representative list;
``Session`` is one meeting with its attendance; ``Resolution`` one vote under the §3.5 rule
(``unionhub.core.votes``); ``Proposal`` a representatives' proposal (提案) and its handling.
The star rating is a configurable rubric (``StarRubric`` → ``RubricItem`` and
``StarThreshold``) applied in a yearly ``StarEvaluation``; the rating in force for an
enterprise is its latest final evaluation (``is_current``)."""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from unionhub.congress.choices import (
    Attendance,
    CongressForm,
    EvaluationStatus,
    ListStatus,
    ProposalStatus,
    RepCategory,
    ResolutionResult,
    Satisfaction,
    SessionKind,
)
from unionhub.core.models import BaseModel
from unionhub.core.scope import ScopedQuerySet, ScopeSpec

ENTERPRISE_REGION = "enterprise__region__path"

CONGRESS_FIELDS = (
    "enterprise",
    "form",
    "term_number",
    "term_start",
    "term_years",
    "workforce",
    "women_workforce",
    "note",
)
REPRESENTATIVE_FIELDS = ("congress", "name", "category", "is_woman", "unit")
SESSION_FIELDS = ("congress", "number", "kind", "held_on", "present", "agenda")
RESOLUTION_FIELDS = ("session", "title", "yes_votes", "no_votes", "abstentions", "result")
PROPOSAL_FIELDS = ("congress", "session", "title", "proposer", "category", "content")
RUBRIC_FIELDS = ("version", "name", "valid_from", "valid_to", "note")
RUBRIC_ITEM_FIELDS = (
    "rubric",
    "category",
    "name",
    "max_points",
    "is_veto",
    "evidence_required",
    "order",
)
THRESHOLD_FIELDS = ("rubric", "stars", "min_points")
EVALUATION_FIELDS = ("congress", "year", "note")


class Congress(BaseModel):
    """One term (届) of an enterprise's workers' congress (or all-workers' assembly)."""

    enterprise = models.ForeignKey(
        "enterprises.Enterprise",
        verbose_name=_("enterprise"),
        on_delete=models.PROTECT,
        related_name="congresses",
    )
    form = models.CharField(
        _("form"), max_length=10, choices=CongressForm.choices, default=CongressForm.CONGRESS
    )
    term_number = models.PositiveSmallIntegerField(
        _("term number"), default=1, validators=[MinValueValidator(1)]
    )
    term_start = models.DateField(_("term starts"))
    # 3–5 years (domain.md §4, [M]): the form refuses anything else.
    term_years = models.PositiveSmallIntegerField(
        _("term (years)"), default=5, validators=[MinValueValidator(3), MaxValueValidator(5)]
    )
    workforce = models.PositiveIntegerField(
        pgettext_lazy("congress", "workforce"), validators=[MinValueValidator(1)]
    )
    women_workforce = models.PositiveIntegerField(_("women in the workforce"), default=0)
    list_status = models.CharField(
        _("representative list"),
        max_length=10,
        choices=ListStatus.choices,
        default=ListStatus.DRAFT,
        editable=False,
    )
    list_confirmed_on = models.DateField(_("list confirmed on"), null=True, editable=False)
    note = models.TextField(_("note"), blank=True)

    scope_spec = ScopeSpec(region_path=ENTERPRISE_REGION)
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("workers' congress")
        verbose_name_plural = _("workers' congresses")
        ordering = ["enterprise__name", "-term_number", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["enterprise", "term_number"], name="congress_one_term_number"
            )
        ]
        permissions = [("evaluate_congress", _("Can evaluate workers' congresses (star rating)"))]

    def __str__(self) -> str:
        return _("%(enterprise)s, term %(n)s") % {
            "enterprise": self.enterprise.name,
            "n": self.term_number,
        }


class Representative(BaseModel):
    """A representative (职工代表) elected by a basic electoral unit (班组/车间/科室)."""

    congress = models.ForeignKey(
        Congress,
        verbose_name=_("workers' congress"),
        on_delete=models.CASCADE,
        related_name="representatives",
    )
    name = models.CharField(_("name"), max_length=50)
    category = models.CharField(_("category"), max_length=12, choices=RepCategory.choices)
    is_woman = models.BooleanField(_("woman"), default=False)
    unit = models.CharField(_("electoral unit"), max_length=100, blank=True)

    scope_spec = ScopeSpec(region_path="congress__" + ENTERPRISE_REGION)
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("representative")
        verbose_name_plural = _("representatives")
        ordering = ["congress", "category", "name", "pk"]

    def __str__(self) -> str:
        return self.name


class Session(BaseModel):
    """One meeting (第N次会议) of a congress term; ``total_reps`` is the confirmed list's size
    when the session was registered, so later list changes do not move its quorum."""

    congress = models.ForeignKey(
        Congress,
        verbose_name=_("workers' congress"),
        on_delete=models.PROTECT,
        related_name="sessions",
    )
    number = models.PositiveSmallIntegerField(
        _("session number"), default=1, validators=[MinValueValidator(1)]
    )
    kind = models.CharField(
        _("kind"), max_length=14, choices=SessionKind.choices, default=SessionKind.REGULAR
    )
    held_on = models.DateField(pgettext_lazy("congress", "held on"))
    total_reps = models.PositiveIntegerField(_("representatives"), editable=False)
    present = models.PositiveIntegerField(_("present"), default=0)
    agenda = models.TextField(_("agenda"), blank=True)

    scope_spec = ScopeSpec(region_path="congress__" + ENTERPRISE_REGION)
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("congress session")
        verbose_name_plural = _("congress sessions")
        ordering = ["-held_on", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["congress", "number"], name="session_one_number")
        ]

    def __str__(self) -> str:
        return _("%(congress)s, session %(n)s") % {"congress": self.congress, "n": self.number}

    @property
    def quorum_met(self) -> bool:
        # §3.5 with integer arithmetic: at least two thirds present.
        return self.present * 3 >= self.total_reps * 2

    @property
    def present_needed(self) -> int:
        return -(-self.total_reps * 2 // 3)


class SessionAttendance(models.Model):
    """One representative's roll call at one session (点名): present, on leave or absent. When
    a session has a roll, its ``present`` is the number marked present — counted, not typed."""

    session = models.ForeignKey(
        Session, verbose_name=_("congress session"), on_delete=models.PROTECT, related_name="roll"
    )
    representative = models.ForeignKey(
        Representative,
        verbose_name=_("representative"),
        on_delete=models.PROTECT,
        related_name="attendances",
    )
    status = models.CharField(
        pgettext_lazy("congress", "attendance"), max_length=8, choices=Attendance.choices
    )

    scope_spec = ScopeSpec(region_path="session__congress__" + ENTERPRISE_REGION)
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("roll call")
        verbose_name_plural = _("roll calls")
        ordering = ["session", "representative__category", "representative__name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "representative"], name="attendance_once_per_session"
            )
        ]

    def __str__(self) -> str:
        return f"{self.representative.name}：{self.get_status_display()}"


class Resolution(BaseModel):
    """A resolution voted at a session; ``result`` must agree with the §3.5 vote rule."""

    session = models.ForeignKey(
        Session,
        verbose_name=_("congress session"),
        on_delete=models.PROTECT,
        related_name="resolutions",
    )
    title = models.CharField(_("title"), max_length=200)
    yes_votes = models.PositiveIntegerField(_("yes votes"))
    no_votes = models.PositiveIntegerField(_("no votes"), default=0)
    abstentions = models.PositiveIntegerField(_("abstentions"), default=0)
    result = models.CharField(_("result"), max_length=10, choices=ResolutionResult.choices)

    scope_spec = ScopeSpec(region_path="session__congress__" + ENTERPRISE_REGION)
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("resolution")
        verbose_name_plural = _("resolutions")
        ordering = ["session", "pk"]

    def __str__(self) -> str:
        return self.title


class Proposal(BaseModel):
    """A representatives' proposal (提案): accepted (立案) or not, then handled with a reply."""

    congress = models.ForeignKey(
        Congress,
        verbose_name=_("workers' congress"),
        on_delete=models.PROTECT,
        related_name="proposals",
    )
    session = models.ForeignKey(
        Session,
        verbose_name=_("congress session"),
        on_delete=models.PROTECT,
        related_name="proposals",
        null=True,
        blank=True,
    )
    title = models.CharField(_("title"), max_length=200)
    proposer = models.CharField(_("proposer"), max_length=100)
    category = models.CharField(_("category"), max_length=50, blank=True)
    content = models.TextField(_("content"))
    status = models.CharField(
        _("status"),
        max_length=14,
        choices=ProposalStatus.choices,
        default=ProposalStatus.SUBMITTED,
        editable=False,
        db_index=True,
    )
    handling_unit = models.CharField(_("handling department"), max_length=100, blank=True)
    due_on = models.DateField(_("reply due"), null=True, blank=True, editable=False)
    decision_note = models.CharField(_("reason"), max_length=200, blank=True, editable=False)
    reply = models.TextField(_("reply"), blank=True, editable=False)
    handled_on = models.DateField(_("handled on"), null=True, blank=True, editable=False)
    satisfaction = models.CharField(
        _("satisfaction"), max_length=12, choices=Satisfaction.choices, blank=True, editable=False
    )

    scope_spec = ScopeSpec(region_path="congress__" + ENTERPRISE_REGION)
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("proposal")
        verbose_name_plural = _("proposals")
        ordering = ["-created_at", "pk"]

    def __str__(self) -> str:
        return self.title


# --- the star rating (星级职代会, domain.md §4.1) -------------------------------------------


class CompositionRule(models.Model):
    """The representative-composition rule in force from a date (domain.md §4 [M]): the
    front-line workers' minimum share (a list below it is refused) and the ceiling of
    middle managers and above (warned above it). The row with the latest ``valid_from`` on
    or before a day applies on that day; seeded by migration 0002."""

    valid_from = models.DateField(_("valid from"), unique=True)
    frontline_min_percent = models.PositiveSmallIntegerField(
        _("front-line workers at least (%)"), validators=[MaxValueValidator(100)]
    )
    managers_max_percent = models.PositiveSmallIntegerField(
        _("middle managers and above at most (%)"), validators=[MaxValueValidator(100)]
    )
    basis = models.CharField(_("basis"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("composition rule")
        verbose_name_plural = _("composition rules")
        ordering = ["-valid_from"]

    def __str__(self) -> str:
        return f"{self.valid_from:%Y-%m-%d}"

    @classmethod
    def in_force_on(cls, day):
        return cls.objects.filter(valid_from__lte=day).order_by("-valid_from").first()


class StarRubric(BaseModel):
    """A version of the evaluation rubric (评估细则), in force from ``valid_from``; the
    federation replaces the suggested default with the official one as a new version."""

    version = models.CharField(_("version"), max_length=30, unique=True)
    name = models.CharField(_("name"), max_length=100)
    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)

    scope_exempt = "city-wide configuration: the rubric is the same for every county"

    class Meta:
        verbose_name = _("star rating rubric")
        verbose_name_plural = _("star rating rubrics")
        ordering = ["-valid_from", "pk"]

    def __str__(self) -> str:
        return f"{self.name}（{self.version}）"


class RubricItem(BaseModel):
    """A scored item (max points) or a veto item (一票否决: any hit means no star)."""

    rubric = models.ForeignKey(
        StarRubric, verbose_name=_("rubric"), on_delete=models.CASCADE, related_name="items"
    )
    category = models.CharField(_("category"), max_length=50)
    name = models.CharField(_("item"), max_length=200)
    max_points = models.PositiveSmallIntegerField(_("max points"), default=0)
    is_veto = models.BooleanField(_("veto item"), default=False)
    evidence_required = models.CharField(_("evidence required"), max_length=200, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    scope_exempt = "city-wide configuration: part of the rubric"

    class Meta:
        verbose_name = _("rubric item")
        verbose_name_plural = _("rubric items")
        ordering = ["rubric", "is_veto", "order", "pk"]

    def __str__(self) -> str:
        return self.name


class StarThreshold(BaseModel):
    """The points a congress needs for ``stars`` stars under a rubric."""

    rubric = models.ForeignKey(
        StarRubric, verbose_name=_("rubric"), on_delete=models.CASCADE, related_name="thresholds"
    )
    stars = models.PositiveSmallIntegerField(
        _("stars"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    min_points = models.PositiveSmallIntegerField(_("minimum points"))

    scope_exempt = "city-wide configuration: part of the rubric"

    class Meta:
        verbose_name = _("star threshold")
        verbose_name_plural = _("star thresholds")
        ordering = ["rubric", "stars"]
        constraints = [
            models.UniqueConstraint(fields=["rubric", "stars"], name="threshold_one_per_star")
        ]

    def __str__(self) -> str:
        return _("%(stars)s stars: %(points)s points") % {
            "stars": self.stars,
            "points": self.min_points,
        }


class StarEvaluation(BaseModel):
    """The yearly evaluation of a congress under the rubric in force on 31 December of the
    year. ``stars`` is computed when the evaluation is made final; the enterprise's latest
    final evaluation carries ``is_current`` (the rating in force)."""

    congress = models.ForeignKey(
        Congress,
        verbose_name=_("workers' congress"),
        on_delete=models.PROTECT,
        related_name="evaluations",
    )
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    rubric = models.ForeignKey(
        StarRubric, verbose_name=_("rubric"), on_delete=models.PROTECT, editable=False
    )
    status = models.CharField(
        _("status"),
        max_length=8,
        choices=EvaluationStatus.choices,
        default=EvaluationStatus.DRAFT,
        editable=False,
        db_index=True,
    )
    total_points = models.PositiveSmallIntegerField(_("total points"), default=0, editable=False)
    veto_hit = models.BooleanField(_("veto item hit"), default=False, editable=False)
    stars = models.PositiveSmallIntegerField(_("stars"), default=0, editable=False)
    finalized_on = models.DateField(_("final on"), null=True, editable=False)
    is_current = models.BooleanField(
        _("rating in force"), default=False, editable=False, db_index=True
    )
    note = models.TextField(_("note"), blank=True)

    scope_spec = ScopeSpec(region_path="congress__" + ENTERPRISE_REGION)
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("star evaluation")
        verbose_name_plural = _("star evaluations")
        ordering = ["-year", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["congress", "year"], name="evaluation_one_per_year")
        ]

    def __str__(self) -> str:
        return _("%(congress)s, %(year)s evaluation") % {
            "congress": self.congress,
            "year": self.year,
        }


class EvaluationScore(models.Model):
    """Points given for one rubric item (or, for a veto item, whether it was hit)."""

    evaluation = models.ForeignKey(
        StarEvaluation,
        verbose_name=_("star evaluation"),
        on_delete=models.CASCADE,
        related_name="scores",
    )
    item = models.ForeignKey(RubricItem, verbose_name=_("item"), on_delete=models.PROTECT)
    points = models.PositiveSmallIntegerField(_("points"), default=0)
    veto_triggered = models.BooleanField(_("veto hit"), default=False)
    note = models.CharField(_("note"), max_length=200, blank=True)

    scope_spec = ScopeSpec(region_path="evaluation__congress__" + ENTERPRISE_REGION)
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("item score")
        verbose_name_plural = _("item scores")
        constraints = [
            models.UniqueConstraint(fields=["evaluation", "item"], name="score_one_per_item")
        ]

    def __str__(self) -> str:
        return f"{self.item}: {self.points}"
