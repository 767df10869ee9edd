"""Model workers, craftsmen and advanced workers (劳模、工匠、先进工作者): the person with their
headline title, the honours history, the nomination → public notice (公示) → award flow, mentoring
(传帮带). Care visits (走访慰问) are activities of the one activity ledger
(``activities.VisitTarget.model_worker``), recorded through ``carevisit_record``.

Personal data: a person who is a union member links to ``members.Member``, which holds the
ID number and phone protected (encrypted + keyed hash, masked on read). This registry stores
no ID number or phone of its own, so nothing here needs masking."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from unionhub.core.models import BaseModel
from unionhub.core.scope import ScopedQuerySet, ScopeSpec
from unionhub.core.validators.industry import validate_industry_code
from unionhub.people.choices import (
    Category,
    Level,
    MentoringOutcome,
    NominationStatus,
)

MODEL_WORKER_FIELDS = (
    "name",
    "member",
    "region",
    "employer",
    "category",
    "level",
    "title",
    "year_awarded",
    "industry_code",
    "skills",
    "is_active",
    "note",
)
HONOUR_FIELDS = ("model_worker", "category", "level", "title", "awarded_on", "awarded_by")
NOMINATION_FIELDS = (
    "name",
    "model_worker",
    "member",
    "region",
    "employer",
    "category",
    "level",
    "title",
    "nominated_on",
    "reasons",
)
MENTORSHIP_FIELDS = (
    "mentor",
    "apprentice_name",
    "apprentice_member",
    "studio",
    "started_on",
    "ended_on",
    "outcome",
    "note",
)


class ModelWorker(BaseModel):
    """One person of the registry, with the headline (highest) title they hold."""

    name = models.CharField(_("full name"), max_length=50)
    member = models.ForeignKey(
        "members.Member",
        verbose_name=_("member record"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Link to the member registry when the person is a union member."),
    )
    region = models.ForeignKey(
        "org.Region", verbose_name=_("region"), on_delete=models.PROTECT, related_name="+"
    )
    employer = models.ForeignKey(
        "enterprises.Enterprise",
        verbose_name=_("employer"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    category = models.CharField(_("category"), max_length=20, choices=Category.choices)
    level = models.CharField(_("level"), max_length=20, choices=Level.choices)
    title = models.CharField(_("honorary title"), max_length=100, blank=True)
    year_awarded = models.PositiveSmallIntegerField(_("year awarded"))
    industry_code = models.CharField(
        _("industry code"), max_length=4, blank=True, validators=[validate_industry_code]
    )
    skills = models.CharField(_("skills"), max_length=200, blank=True)
    is_active = models.BooleanField(_("in the registry"), default=True)
    note = models.TextField(_("note"), blank=True)

    scope_spec = ScopeSpec(region_path="region__path")
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("model worker or craftsman")
        verbose_name_plural = _("model workers and craftsmen")
        ordering = ["name", "pk"]
        indexes = [models.Index(fields=["category", "level"])]

    def __str__(self) -> str:
        return self.name

    @property
    def may_lead_studio(self) -> bool:
        return self.category in (Category.MODEL_WORKER, Category.CRAFTSMAN)


class Honour(BaseModel):
    """One honour a person received (the history behind the headline title)."""

    model_worker = models.ForeignKey(
        ModelWorker, verbose_name=_("person"), on_delete=models.PROTECT, related_name="honours"
    )
    category = models.CharField(_("category"), max_length=20, choices=Category.choices)
    level = models.CharField(_("level"), max_length=20, choices=Level.choices)
    title = models.CharField(_("honorary title"), max_length=100)
    awarded_on = models.DateField(_("awarded on"))
    awarded_by = models.CharField(_("awarded by"), max_length=100, blank=True)

    scope_spec = ScopeSpec(region_path="model_worker__region__path")
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("honour")
        verbose_name_plural = _("honours")
        ordering = ["-awarded_on", "pk"]

    def __str__(self) -> str:
        return self.title


class Nomination(BaseModel):
    """A nomination for a title: nominated → public notice (公示 from … to …) → awarded
    (or withdrawn). The award creates the honour and, for a new person, the registry entry."""

    name = models.CharField(_("nominee"), max_length=50)
    model_worker = models.ForeignKey(
        ModelWorker,
        verbose_name=_("already in the registry"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="nominations",
    )
    member = models.ForeignKey(
        "members.Member",
        verbose_name=_("member record"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    region = models.ForeignKey(
        "org.Region", verbose_name=_("region"), on_delete=models.PROTECT, related_name="+"
    )
    employer = models.ForeignKey(
        "enterprises.Enterprise",
        verbose_name=_("employer"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    category = models.CharField(_("category"), max_length=20, choices=Category.choices)
    level = models.CharField(_("level"), max_length=20, choices=Level.choices)
    title = models.CharField(_("honorary title"), max_length=100)
    nominated_on = models.DateField(_("nominated on"))
    reasons = models.TextField(_("deeds"), blank=True)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=NominationStatus.choices,
        default=NominationStatus.NOMINATED,
        editable=False,
    )
    notice_from = models.DateField(_("public notice from"), null=True, blank=True, editable=False)
    notice_to = models.DateField(_("public notice until"), null=True, blank=True, editable=False)
    awarded_on = models.DateField(_("awarded on"), null=True, blank=True, editable=False)
    honour = models.OneToOneField(
        Honour,
        verbose_name=_("honour"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="nomination",
    )

    scope_spec = ScopeSpec(region_path="region__path")
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("nomination")
        verbose_name_plural = _("nominations")
        ordering = ["-nominated_on", "pk"]

    def __str__(self) -> str:
        return self.name

    def available_actions(self) -> tuple[str, ...]:
        return {
            NominationStatus.NOMINATED: ("notice", "withdraw"),
            NominationStatus.IN_NOTICE: ("award", "withdraw"),
        }.get(self.status, ())


class Mentorship(BaseModel):
    """Mentoring (传帮带): a mentor from the registry and one apprentice, from start to end
    with the outcome (e.g. the apprentice became a lead operator)."""

    mentor = models.ForeignKey(
        ModelWorker, verbose_name=_("mentor"), on_delete=models.PROTECT, related_name="mentorships"
    )
    apprentice_name = models.CharField(_("apprentice"), max_length=50)
    apprentice_member = models.ForeignKey(
        "members.Member",
        verbose_name=_("apprentice's member record"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    studio = models.ForeignKey(
        "studios.Studio",
        verbose_name=_("studio"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="mentorships",
    )
    started_on = models.DateField(_("started on"))
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    outcome = models.CharField(
        _("outcome"),
        max_length=20,
        choices=MentoringOutcome.choices,
        default=MentoringOutcome.IN_PROGRESS,
    )
    note = models.CharField(_("note"), max_length=200, blank=True)

    scope_spec = ScopeSpec(region_path="mentor__region__path")
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("mentorship")
        verbose_name_plural = _("mentorships")
        ordering = ["-started_on", "pk"]

    def __str__(self) -> str:
        return self.apprentice_name
