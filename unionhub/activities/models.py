"""The one activity ledger (trainings, classes, lectures, exchanges, visits and condolences,
performances, other events) with its photos, visit targets and sign-ins, and workers' culture
(周周演): season plans, shows, programmes and performers.

Every record hangs on the organisation tree through its organiser (``OrgUnit``), so a county
user sees only the activities organised in their county."""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from unionhub.activities.choices import ActivityKind, ProgrammeKind, SignInSource, VisitCategory
from unionhub.core import crypto
from unionhub.core.models import BaseModel
from unionhub.core.pii import mask_name, mask_phone
from unionhub.core.scope import ScopedQuerySet, ScopeSpec
from unionhub.core.validators.uploads import IMAGE_EXTENSIONS, UploadValidator

#: the same hashing context as members' phones, so a sign-in's phone hash finds the member
PHONE_CONTEXT = "phone"
PHOTO_MAX_BYTES = 10 * 1024 * 1024

ACTIVITY_FIELDS = (
    "kind",
    "title",
    "series",
    "organiser",
    "held_on",
    "ends_on",
    "place",
    "audience",
    "head_count",
    "cost",
    "note",
)
VISIT_TARGET_FIELDS = ("activity", "name", "category", "member", "model_worker", "given", "amount")
SEASON_PLAN_FIELDS = ("organiser", "year", "title", "shows_planned", "themes")
SHOW_FIELDS = ("organiser", "plan", "title", "held_on", "place", "theme", "is_special", "audience")
PROGRAMME_FIELDS = ("show", "order", "title", "kind")
PERFORMER_FIELDS = ("programme", "name", "member", "employer")

ORGANISER_SCOPE = ScopeSpec(org_path="organiser__path", region_path="organiser__region__path")


class PhotoValidator(UploadValidator):
    """An image (jpg, png or webp) of at most 10 MB: the file must really decode as one — a
    renamed PDF, text file or web page is refused whatever its name says (the core upload
    check with the photos' own messages)."""

    codes = {"type": "photo_type", "size": "photo_size", "content": "photo_type"}
    messages = {
        "type": _("The file is not a photo: upload a JPG, PNG or WEBP image."),
        "size": _("The photo is larger than 10 MB."),
        "content": _("The file is not a photo: upload a JPG, PNG or WEBP image."),
    }

    def __init__(self, extensions=IMAGE_EXTENSIONS, max_bytes=PHOTO_MAX_BYTES, decode_images=True):
        super().__init__(extensions=extensions, max_bytes=max_bytes, decode_images=decode_images)


validate_photo = PhotoValidator()


def photo_upload_to(instance: Any, filename: str) -> str:
    """Random names (the original name may carry personal data), one folder per month."""
    ext = (filename.rsplit(".", 1)[-1] if "." in filename else "jpg").lower()[:5]
    return f"activities/photos/{timezone.localdate():%Y%m}/{uuid.uuid4().hex}.{ext}"


class Activity(BaseModel):
    """One activity held by a union: who organised it, when and where, for whom, how many
    took part (sign-ins plus a head count of those not signed in) and what it cost."""

    kind = models.CharField(_("type"), max_length=20, choices=ActivityKind.choices)
    title = models.CharField(_("title"), max_length=150)
    series = models.CharField(
        _("series"),
        max_length=100,
        blank=True,
        help_text=_("A recurring brand the activity belongs to, e.g. 新思想 职工讲."),
    )
    organiser = models.ForeignKey(
        "org.OrgUnit",
        verbose_name=pgettext_lazy("activities", "organiser"),
        on_delete=models.PROTECT,
        related_name="activities",
    )
    held_on = models.DateField(_("date"))
    ends_on = models.DateField(
        _("last day"), null=True, blank=True, help_text=_("Only for activities of several days.")
    )
    place = models.CharField(_("place"), max_length=200, blank=True)
    audience = models.CharField(
        _("audience"), max_length=200, blank=True, help_text=_("Who the activity is for.")
    )
    head_count = models.PositiveIntegerField(
        _("head count without sign-in"),
        default=0,
        help_text=_("Participants counted at the door who did not sign in by name."),
    )
    person_times = models.PositiveIntegerField(
        _("person-times"),
        default=0,
        editable=False,
        help_text=_(
            "Sign-ins (each person once) plus the head count; for visits, the people visited."
        ),
    )
    cost = models.DecimalField(
        _("cost (yuan)"),
        max_digits=12,
        decimal_places=2,
        default=Decimal("0.00"),
        validators=[MinValueValidator(Decimal("0"))],
    )
    note = models.TextField(_("note"), blank=True)

    scope_spec = ORGANISER_SCOPE
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        ordering = ["-held_on", "-pk"]
        indexes = [models.Index(fields=["kind", "held_on"])]

    def __str__(self) -> str:
        return self.title

    @property
    def last_day(self) -> dt.date:
        return self.ends_on or self.held_on

    @property
    def signin_closes_at(self) -> dt.datetime:
        """The sign-in link works until 24:00 (Asia/Shanghai) of the activity's last day."""
        day_after = self.last_day + dt.timedelta(days=1)
        return timezone.make_aware(dt.datetime.combine(day_after, dt.time.min))

    def signin_open(self, now: dt.datetime | None = None) -> bool:
        return (now or timezone.now()) < self.signin_closes_at


class ActivityPhoto(BaseModel):
    """A photo of an activity (images only; the content is checked, not the name)."""

    activity = models.ForeignKey(
        Activity, verbose_name=_("activity"), on_delete=models.CASCADE, related_name="photos"
    )
    image = models.FileField(
        _("photo"), upload_to=photo_upload_to, max_length=200, validators=[validate_photo]
    )
    caption = models.CharField(_("caption"), max_length=200, blank=True)
    # Removal is soft: the photo leaves the activity's page and its file is no longer
    # served, but the row and the file stay (audited: who removed it, when and why).
    removed_at = models.DateTimeField(_("removed at"), null=True, blank=True, editable=False)
    removed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("removed by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    removal_reason = models.CharField(
        _("reason for removal"), max_length=200, blank=True, editable=False
    )

    scope_spec = ScopeSpec(
        org_path="activity__organiser__path", region_path="activity__organiser__region__path"
    )
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("activity photo")
        verbose_name_plural = _("activity photos")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.caption or str(self.activity)


class VisitTarget(BaseModel):
    """A person visited in a 走访慰问 activity, with their category and what was given."""

    activity = models.ForeignKey(
        Activity, verbose_name=_("visit"), on_delete=models.PROTECT, related_name="targets"
    )
    name = models.CharField(_("full name"), max_length=50)
    category = models.CharField(_("category"), max_length=30, choices=VisitCategory.choices)
    member = models.ForeignKey(
        "members.Member",
        verbose_name=_("member"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    model_worker = models.ForeignKey(
        "people.ModelWorker",
        verbose_name=_("model worker or craftsman"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="visit_targets",
        help_text=_("The person of the model-worker registry who was visited, if any."),
    )
    given = models.CharField(
        _("what was given"), max_length=200, blank=True, help_text=_("e.g. 慰问金、米、油")
    )
    amount = models.DecimalField(
        _("value given (yuan)"),
        max_digits=10,
        decimal_places=2,
        default=Decimal("0.00"),
        validators=[MinValueValidator(Decimal("0"))],
    )

    scope_spec = ScopeSpec(
        org_path="activity__organiser__path", region_path="activity__organiser__region__path"
    )
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("visit target")
        verbose_name_plural = _("visit targets")
        ordering = ["activity", "pk"]
        constraints = [
            # A person of the model-worker registry is visited once per visit.
            models.UniqueConstraint(
                fields=["activity", "model_worker"],
                condition=models.Q(model_worker__isnull=False),
                name="activities_visittarget_model_worker_once",
            )
        ]

    def __str__(self) -> str:
        return self.name


class SignIn(BaseModel):
    """One participant who signed in to an activity (by the QR code or added by the host).
    The phone is stored only encrypted plus a keyed hash; the hash makes a second sign-in of
    the same phone count once and recognises a registered member."""

    activity = models.ForeignKey(
        Activity, verbose_name=_("activity"), on_delete=models.PROTECT, related_name="signins"
    )
    name = models.CharField(_("full name"), max_length=50)
    phone_enc = models.CharField(_("mobile phone (encrypted)"), max_length=200, editable=False)
    phone_hash = models.CharField(_("mobile phone (keyed hash)"), max_length=64, editable=False)
    employer_name = models.CharField(_("employer"), max_length=150, blank=True)
    member = models.ForeignKey(
        "members.Member",
        verbose_name=_("member"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    source = models.CharField(
        _("how"), max_length=10, choices=SignInSource.choices, default=SignInSource.QR
    )
    signed_at = models.DateTimeField(_("signed in at"), default=timezone.now)

    # The name stays readable to those who see the activity (the host's list), like a
    # member's; the phone is never stored or exported in clear.
    pii_fields = ("phone_enc", "phone_hash")
    scope_spec = ScopeSpec(
        org_path="activity__organiser__path", region_path="activity__organiser__region__path"
    )
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("sign-in")
        verbose_name_plural = _("sign-ins")
        ordering = ["-signed_at", "-pk"]
        constraints = [
            # A second sign-in of the same phone counts once.
            models.UniqueConstraint(
                fields=["activity", "phone_hash"],
                condition=~models.Q(phone_hash=""),
                name="activities_signin_once_per_phone",
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def phone(self) -> str:
        return crypto.decrypt(self.phone_enc, context=PHONE_CONTEXT) if self.phone_enc else ""

    @property
    def phone_masked(self) -> str:
        return mask_phone(self.phone)

    def audit_mask(self, name: str) -> Any:
        if name == "phone_enc":
            return self.phone_masked
        if name == "name":
            return mask_name(self.name)
        return ""

    def audit_repr(self) -> str:
        return mask_name(self.name)


# --- workers' culture (周周演) --------------------------------------------------------------


class SeasonPlan(BaseModel):
    """A union's plan of workers' culture shows for one year (e.g. 周周演 2027: 15 shows)."""

    organiser = models.ForeignKey(
        "org.OrgUnit",
        verbose_name=pgettext_lazy("activities", "organiser"),
        on_delete=models.PROTECT,
        related_name="season_plans",
    )
    year = models.PositiveSmallIntegerField(_("year"))
    title = models.CharField(_("title"), max_length=150)
    shows_planned = models.PositiveIntegerField(_("shows planned"))
    themes = models.CharField(
        _("themed specials"),
        max_length=300,
        blank=True,
        help_text=_("The planned themed specials, separated by commas."),
    )

    scope_spec = ORGANISER_SCOPE
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("season plan")
        verbose_name_plural = _("season plans")
        ordering = ["-year", "organiser"]
        constraints = [
            models.UniqueConstraint(
                fields=["organiser", "year", "title"], name="activities_seasonplan_unique"
            )
        ]

    def __str__(self) -> str:
        return self.title


class Show(BaseModel):
    """One workers' culture show (workers performing for workers), possibly a themed special."""

    organiser = models.ForeignKey(
        "org.OrgUnit",
        verbose_name=pgettext_lazy("activities", "organiser"),
        on_delete=models.PROTECT,
        related_name="shows",
    )
    plan = models.ForeignKey(
        SeasonPlan,
        verbose_name=_("season plan"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="shows",
    )
    title = models.CharField(_("title"), max_length=150)
    held_on = models.DateField(_("date"))
    place = models.CharField(_("place"), max_length=200, blank=True)
    theme = models.CharField(_("theme"), max_length=100, blank=True)
    is_special = models.BooleanField(_("themed special"), default=False)
    audience = models.PositiveIntegerField(_("audience (people)"), default=0)

    scope_spec = ORGANISER_SCOPE
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("show")
        verbose_name_plural = _("shows")
        ordering = ["-held_on", "-pk"]

    def __str__(self) -> str:
        return self.title


class Programme(BaseModel):
    """A programme (节目) of a show."""

    show = models.ForeignKey(
        Show, verbose_name=_("show"), on_delete=models.CASCADE, related_name="programmes"
    )
    order = models.PositiveSmallIntegerField(_("order"), default=1)
    title = models.CharField(_("title"), max_length=150)
    kind = models.CharField(_("kind"), max_length=20, choices=ProgrammeKind.choices)

    scope_spec = ScopeSpec(
        org_path="show__organiser__path", region_path="show__organiser__region__path"
    )
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")
        ordering = ["show", "order", "pk"]

    def __str__(self) -> str:
        return self.title


class Performer(BaseModel):
    """A worker on stage in one programme (one appearance): linked to the member record and
    the employer when known."""

    programme = models.ForeignKey(
        Programme, verbose_name=_("programme"), on_delete=models.CASCADE, related_name="performers"
    )
    name = models.CharField(_("full name"), max_length=50)
    member = models.ForeignKey(
        "members.Member",
        verbose_name=_("member"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    employer = models.ForeignKey(
        "enterprises.Enterprise",
        verbose_name=_("employer"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    scope_spec = ScopeSpec(
        org_path="programme__show__organiser__path",
        region_path="programme__show__organiser__region__path",
    )
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("performer")
        verbose_name_plural = _("performers")
        ordering = ["programme", "pk"]

    def __str__(self) -> str:
        return self.name
