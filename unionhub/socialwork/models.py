"""Union social-worker growth archives (工会社会工作者成长档案, 亭湖's practice).

One archive per social worker: their postings to town / street / zone unions, qualifications
(social-work certificates), training hours, monthly work records, quarterly reports
(performance, attendance), the collective growth sessions they attended (quarterly exchanges,
political-theory and professional classes) and the annual assessments whose ranking decides
the awards. domain.md §12: no national schema exists [M]; the scoring scheme is data (each
assessment round carries its own weighted criteria)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from unionhub.core import crypto
from unionhub.core.models import BaseModel
from unionhub.core.pii import mask_id_number, mask_name, mask_phone
from unionhub.core.scope import ScopedQuerySet, ScopeSpec
from unionhub.core.validators.idcard import parse_id_number, parse_phone

# The members' encryption contexts: one person's phone has one keyed hash across the platform,
# so a social worker can be matched to their member record. (``rotate_pii_key`` re-encrypts
# members and join applications only so far; docs/socialwork.md, developer notes.)
from unionhub.members.models import ID_CONTEXT, PHONE_CONTEXT
from unionhub.socialwork.choices import (
    PostingKind,
    QualificationKind,
    Rating,
    SessionKind,
    WorkerStatus,
)

#: records of one social worker reach the trees through the worker's union
WORKER_SCOPE = ScopeSpec(
    org_path="worker__union__path", region_path="worker__union__region__path", owner=None
)
UNION_SCOPE = ScopeSpec(org_path="union__path", region_path="union__region__path", owner=None)

SOCIAL_WORKER_FIELDS = (
    "name",
    "union",
    "user",
    "member",
    "hired_on",
    "monthly_records_from",
    "education",
    "status",
    "left_on",
    "note",
)
POSTING_FIELDS = ("worker", "union", "kind", "started_on", "ended_on", "duty")
QUALIFICATION_FIELDS = ("worker", "kind", "name", "certificate_no", "issued_on", "issuer")
TRAINING_FIELDS = ("worker", "title", "provider", "started_on", "hours")
MONTHLY_RECORD_FIELDS = ("worker", "month", "summary", "cases", "visits", "hours")
QUARTERLY_REPORT_FIELDS = (
    "worker",
    "year",
    "quarter",
    "performance",
    "rating",
    "workdays",
    "attendance_days",
)
STUDY_SESSION_FIELDS = (
    "union",
    "kind",
    "title",
    "held_on",
    "place",
    "hours",
    "participants",
    "summary",
)
ASSESSMENT_ROUND_FIELDS = ("union", "year", "held_on", "criteria", "excellent_quota", "note")
ASSESSMENT_FIELDS = ("round", "worker", "scores", "total", "note")


def first_of_month(day: dt.date) -> dt.date:
    return day.replace(day=1)


class SocialWorker(BaseModel):
    """A union social worker (工会社会工作者) and their growth archive (成长档案). Kept by the
    union that employs them (a town or county federation); linked, when they exist, to
    their platform account and their membership record. The ID number and the phone are
    stored only encrypted plus a keyed hash (domain.md §11.3)."""

    name = models.CharField(pgettext_lazy("person", "name"), max_length=50)
    union = models.ForeignKey(
        "org.OrgUnit",
        verbose_name=_("keeping union"),
        on_delete=models.PROTECT,
        related_name="social_workers",
        help_text=_("The union that employs the social worker and keeps the archive."),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("platform account"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="social_worker_archives",
    )
    member = models.ForeignKey(
        "members.Member",
        verbose_name=_("member record"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="social_worker_archives",
    )
    id_number_enc = models.CharField(
        _("ID number (encrypted)"), max_length=200, blank=True, editable=False
    )
    id_number_hash = models.CharField(
        _("ID number (keyed hash)"), max_length=64, blank=True, editable=False, db_index=True
    )
    phone_enc = models.CharField(
        _("mobile phone (encrypted)"), max_length=200, blank=True, editable=False
    )
    phone_hash = models.CharField(
        _("mobile phone (keyed hash)"), max_length=64, blank=True, editable=False, db_index=True
    )
    hired_on = models.DateField(_("hired on"))
    monthly_records_from = models.DateField(
        _("monthly records due from"),
        null=True,
        blank=True,
        help_text=_("First month a monthly work record is due; empty = the month of hiring."),
    )
    education = models.CharField(_("education"), max_length=50, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=WorkerStatus.choices, default=WorkerStatus.ACTIVE
    )
    left_on = models.DateField(_("left on"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)

    pii_fields = ("name", "id_number_enc", "id_number_hash", "phone_enc", "phone_hash")
    scope_spec = UNION_SCOPE
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("social-worker archive")
        verbose_name_plural = _("social-worker archives")
        ordering = ["union__path", "hired_on", "pk"]
        permissions = [("keep_own_archive", _("Can keep their own growth archive"))]

    def __str__(self) -> str:
        return self.name

    # --- protected personal data (clear values in memory only) -----------------------------
    @property
    def id_number(self) -> str:
        return crypto.decrypt(self.id_number_enc, context=ID_CONTEXT) if self.id_number_enc else ""

    @id_number.setter
    def id_number(self, value: str) -> None:
        if not value:
            self.id_number_enc = self.id_number_hash = ""
            return
        number = parse_id_number(value).number
        self.id_number_enc = crypto.encrypt(number, context=ID_CONTEXT)
        self.id_number_hash = crypto.pii_hash(number, context=ID_CONTEXT)

    @property
    def phone(self) -> str:
        return crypto.decrypt(self.phone_enc, context=PHONE_CONTEXT) if self.phone_enc else ""

    @phone.setter
    def phone(self, value: str) -> None:
        if not value:
            self.phone_enc = self.phone_hash = ""
            return
        phone = parse_phone(value)
        self.phone_enc = crypto.encrypt(phone, context=PHONE_CONTEXT)
        self.phone_hash = crypto.pii_hash(phone, context=PHONE_CONTEXT)

    def id_number_for(self, user: Any) -> str:
        from unionhub.members.models import may_view_personal_data

        return self.id_number if may_view_personal_data(user) else mask_id_number(self.id_number)

    def phone_for(self, user: Any) -> str:
        from unionhub.members.models import may_view_personal_data

        return self.phone if may_view_personal_data(user) else mask_phone(self.phone)

    def audit_mask(self, name: str) -> Any:
        if name == "id_number_enc":
            return mask_id_number(self.id_number) if self.id_number_enc else ""
        if name == "phone_enc":
            return mask_phone(self.phone) if self.phone_enc else ""
        if name == "name":
            return mask_name(self.name)
        return ""

    def audit_repr(self) -> str:
        return mask_name(self.name)

    @property
    def records_due_from(self) -> dt.date:
        return first_of_month(self.monthly_records_from or self.hired_on)


class Posting(BaseModel):
    """A posting (派驻) of a social worker to a town / street / zone union, full- or
    part-time. Every such union should have at least one full-time social worker."""

    worker = models.ForeignKey(
        SocialWorker,
        verbose_name=_("social worker"),
        on_delete=models.PROTECT,
        related_name="postings",
    )
    union = models.ForeignKey(
        "org.OrgUnit",
        verbose_name=_("posted to"),
        on_delete=models.PROTECT,
        related_name="social_worker_postings",
    )
    kind = models.CharField(
        _("kind"), max_length=10, choices=PostingKind.choices, default=PostingKind.FULL_TIME
    )
    started_on = models.DateField(_("from"))
    ended_on = models.DateField(_("until"), null=True, blank=True)
    duty = models.CharField(_("duty"), max_length=100, blank=True)

    scope_spec = WORKER_SCOPE
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("posting")
        verbose_name_plural = _("postings")
        ordering = ["-started_on", "pk"]

    def __str__(self) -> str:
        return f"{self.worker} → {self.union.short_name or self.union.name}"


class Qualification(BaseModel):
    """A qualification of a social worker (社会工作者职业资格证书 or another certificate)."""

    worker = models.ForeignKey(
        SocialWorker,
        verbose_name=_("social worker"),
        on_delete=models.PROTECT,
        related_name="qualifications",
    )
    kind = models.CharField(_("kind"), max_length=30, choices=QualificationKind.choices)
    name = models.CharField(_("certificate name"), max_length=100, blank=True)
    certificate_no = models.CharField(_("certificate number"), max_length=50, blank=True)
    issued_on = models.DateField(_("issued on"))
    issuer = models.CharField(_("issuer"), max_length=100, blank=True)

    scope_spec = WORKER_SCOPE
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("qualification")
        verbose_name_plural = _("qualifications")
        ordering = ["-issued_on", "pk"]

    def __str__(self) -> str:
        return f"{self.worker} · {self.name or self.get_kind_display()}"


class Training(BaseModel):
    """A training a social worker attended on their own (outside the county's sessions),
    with its hours (学时)."""

    worker = models.ForeignKey(
        SocialWorker,
        verbose_name=_("social worker"),
        on_delete=models.PROTECT,
        related_name="trainings",
    )
    title = models.CharField(_("title"), max_length=150)
    provider = models.CharField(_("provider"), max_length=100, blank=True)
    started_on = models.DateField(_("date"))
    hours = models.DecimalField(
        _("hours"), max_digits=5, decimal_places=1, validators=[MinValueValidator(Decimal("0.5"))]
    )

    scope_spec = WORKER_SCOPE
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("training")
        verbose_name_plural = _("trainings")
        ordering = ["-started_on", "pk"]

    def __str__(self) -> str:
        return f"{self.worker} · {self.title}"


class MonthlyRecord(BaseModel):
    """The monthly work record (月度工作纪实) of a social worker: one per month, due by the
    deadline kind ``socialwork_monthly_record`` after the month ends."""

    worker = models.ForeignKey(
        SocialWorker,
        verbose_name=_("social worker"),
        on_delete=models.PROTECT,
        related_name="monthly_records",
    )
    month = models.DateField(_("month"), help_text=_("Any day of the month; stored as the 1st."))
    summary = models.TextField(_("work done"))
    cases = models.PositiveIntegerField(_("cases handled"), default=0)
    visits = models.PositiveIntegerField(_("visits made"), default=0)
    hours = models.DecimalField(
        _("service hours"),
        max_digits=6,
        decimal_places=1,
        default=Decimal("0"),
        validators=[MinValueValidator(Decimal("0"))],
    )
    # Written by the social worker themself (“我的成长档案”) and reviewed by the county.
    self_submitted = models.BooleanField(
        _("submitted by the social worker"), default=False, editable=False
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True, editable=False)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewed by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    review_note = models.CharField(_("review note"), max_length=200, blank=True, editable=False)

    scope_spec = WORKER_SCOPE
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("monthly work record")
        verbose_name_plural = _("monthly work records")
        ordering = ["-month", "worker__name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["worker", "month"], name="socialwork_one_record_a_month"
            )
        ]

    def __str__(self) -> str:
        return f"{self.worker} · {self.month_label}"

    @property
    def month_label(self) -> str:
        return f"{self.month.year}年{self.month.month}月"


class QuarterlyReport(BaseModel):
    """The quarterly report of a social worker: performance in words and a rating, and the
    attendance (days present of the quarter's working days)."""

    worker = models.ForeignKey(
        SocialWorker,
        verbose_name=_("social worker"),
        on_delete=models.PROTECT,
        related_name="quarterly_reports",
    )
    year = models.PositiveSmallIntegerField(_("year"), validators=[MinValueValidator(2000)])
    quarter = models.PositiveSmallIntegerField(
        _("quarter"), validators=[MinValueValidator(1), MaxValueValidator(4)]
    )
    performance = models.TextField(_("performance"))
    rating = models.CharField(_("rating"), max_length=10, choices=Rating.choices)
    workdays = models.PositiveSmallIntegerField(_("working days"))
    attendance_days = models.PositiveSmallIntegerField(_("days present"))

    scope_spec = WORKER_SCOPE
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("quarterly report")
        verbose_name_plural = _("quarterly reports")
        ordering = ["-year", "-quarter", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["worker", "year", "quarter"], name="socialwork_one_report_a_quarter"
            )
        ]

    def __str__(self) -> str:
        return f"{self.worker} · {self.year}Q{self.quarter}"

    @property
    def attendance_rate(self) -> Decimal | None:
        """Days present / working days, in %, one decimal."""
        if not self.workdays:
            return None
        return (Decimal(self.attendance_days) * 100 / self.workdays).quantize(Decimal("0.1"))


class StudySession(BaseModel):
    """A collective growth session of the social workers: a quarterly exchange (季度交流),
    a political-theory class (政治理论学习) or a professional class (专业能力培训), with
    the social workers who attended, linked to its activity in the one activity ledger
    (``activity``: an exchange or a class). The ledger's activity is the event (organiser,
    title, date, place, person-times = the social workers present); the session adds what
    the archive needs (kind, class hours credited, who attended, summary). Its union, title,
    date and place are kept equal to the activity's by the service (the archive and its
    PDF read them here); the KPI counts the ledger's activities."""

    union = models.ForeignKey(
        "org.OrgUnit",
        verbose_name=_("organiser"),
        on_delete=models.PROTECT,
        related_name="social_work_sessions",
    )
    kind = models.CharField(_("kind"), max_length=30, choices=SessionKind.choices)
    title = models.CharField(_("title"), max_length=150)
    held_on = models.DateField(_("held on"))
    place = models.CharField(_("place"), max_length=100, blank=True)
    hours = models.DecimalField(
        _("hours"),
        max_digits=4,
        decimal_places=1,
        default=Decimal("2.0"),
        validators=[MinValueValidator(Decimal("0.5"))],
    )
    participants = models.ManyToManyField(
        SocialWorker, verbose_name=_("social workers present"), related_name="sessions", blank=True
    )
    summary = models.TextField(_("summary"), blank=True)
    activity = models.OneToOneField(
        "activities.Activity",
        verbose_name=_("activity in the ledger"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="social_work_session",
    )

    scope_spec = UNION_SCOPE
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("exchange or class")
        verbose_name_plural = _("exchanges and classes")
        ordering = ["-held_on", "pk"]

    def __str__(self) -> str:
        return f"{self.held_on:%Y-%m-%d} {self.title}"


class AssessmentRound(BaseModel):
    """The annual assessment (年度考核) of a union's social workers for one year, with its
    scoring scheme: weighted criteria (e.g. 县总工会评价 / 岗位评价 / 竞赛比武 / 荣誉表彰,
    weights summing to 100) and how many top-ranked workers are rated excellent (the awards).
    Held only after the year has ended."""

    union = models.ForeignKey(
        "org.OrgUnit",
        verbose_name=_("assessing union"),
        on_delete=models.PROTECT,
        related_name="social_work_assessment_rounds",
    )
    year = models.PositiveSmallIntegerField(
        _("year assessed"), validators=[MinValueValidator(2000)]
    )
    held_on = models.DateField(_("assessed on"))
    criteria = models.JSONField(
        _("scoring scheme"),
        default=list,
        help_text=_('Weighted criteria: [{"name": ..., "weight": ...}], weights summing to 100.'),
    )
    excellent_quota = models.PositiveSmallIntegerField(
        _("excellent places"),
        default=3,
        help_text=_("How many of the top-ranked social workers are rated excellent."),
    )
    note = models.TextField(_("note"), blank=True)

    scope_spec = UNION_SCOPE
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("annual assessment")
        verbose_name_plural = _("annual assessments")
        ordering = ["-year", "union__path", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["union", "year"], name="socialwork_one_round_a_year")
        ]

    def __str__(self) -> str:
        return gettext("%(union)s · %(year)s annual assessment") % {
            "union": self.union.short_name or self.union.name,
            "year": self.year,
        }

    @property
    def criteria_text(self) -> str:
        return "；".join(f"{c['name']} {c['weight']}%" for c in self.criteria or [])


class Assessment(BaseModel):
    """One social worker's scores in an annual assessment; ``total`` is the weighted sum
    (Σ weight × score / 100), kept by the service."""

    round = models.ForeignKey(
        AssessmentRound,
        verbose_name=_("annual assessment"),
        on_delete=models.PROTECT,
        related_name="assessments",
    )
    worker = models.ForeignKey(
        SocialWorker,
        verbose_name=_("social worker"),
        on_delete=models.PROTECT,
        related_name="assessments",
    )
    scores = models.JSONField(_("scores"), default=dict)
    total = models.DecimalField(_("total score"), max_digits=6, decimal_places=2, editable=False)
    note = models.CharField(_("note"), max_length=200, blank=True)

    scope_spec = WORKER_SCOPE
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("assessment score")
        verbose_name_plural = _("assessment scores")
        ordering = ["round", "-total", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["round", "worker"], name="socialwork_assessed_once")
        ]

    def __str__(self) -> str:
        return f"{self.worker} · {self.round.year}"
