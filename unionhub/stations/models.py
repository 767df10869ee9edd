"""Outdoor-worker service stations (工会驿站 / 户外劳动者服务站点 / 爱心驿站): the registry,
opening hours, devices, check-ins, 24-hour service tickets, three-level management and the
demand points of the 15-minute service circle."""

from __future__ import annotations

import uuid
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from unionhub.core.formatting import local_datetime
from unionhub.core.models import BaseModel
from unionhub.core.scope import ScopedQuerySet, ScopeSpec
from unionhub.core.validators.uploads import IMAGE_EXTENSIONS, UploadValidator
from unionhub.stations import choices, schedule

STATION_SCOPE = ScopeSpec(region_path="station__region__path")

LAT_VALIDATORS = [MinValueValidator(Decimal("-90")), MaxValueValidator(Decimal("90"))]
LNG_VALIDATORS = [MinValueValidator(Decimal("-180")), MaxValueValidator(Decimal("180"))]


def facilities_validator(value):
    valid = set(choices.Facility.values)
    if not isinstance(value, list) or any(v not in valid for v in value):
        raise ValidationError(_("Unknown facility in the checklist."), code="unknown_facility")


def checklist_validator(value):
    if not isinstance(value, list) or any(not isinstance(v, str) or not v.strip() for v in value):
        raise ValidationError(
            _("The checklist must be a list of non-empty items."), code="invalid_checklist"
        )


class Station(BaseModel):
    """An outdoor-worker service station (户外劳动者服务站点): a place where sanitation
    workers, couriers, riders and drivers rest, drink, charge and heat meals. Smart stations
    have electronic access, devices and 24-hour customer service."""

    name = models.CharField(_("name"), max_length=100)
    code = models.CharField(_("station code"), max_length=30, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=choices.StationKind.choices)
    region = models.ForeignKey(
        "org.Region", verbose_name=_("region"), on_delete=models.PROTECT, related_name="stations"
    )
    org_unit = models.ForeignKey(
        "org.OrgUnit",
        verbose_name=_("managing union"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="stations",
    )
    address = models.CharField(_("address"), max_length=200)
    lat = models.DecimalField(
        _("latitude (WGS-84)"), max_digits=9, decimal_places=6, validators=LAT_VALIDATORS
    )
    lng = models.DecimalField(
        _("longitude (WGS-84)"), max_digits=9, decimal_places=6, validators=LNG_VALIDATORS
    )
    is_smart = models.BooleanField(_("smart station"), default=False)
    facilities = models.JSONField(
        _("facilities"), default=list, blank=True, validators=[facilities_validator]
    )
    hygiene_checklist = models.JSONField(
        _("hygiene checklist"),
        default=list,
        blank=True,
        validators=[checklist_validator],
        help_text=_("Items the staff tick off every day."),
    )
    honours = models.CharField(_("honours"), max_length=200, blank=True)
    photo = models.FileField(
        _("photo"),
        upload_to="stations/",
        blank=True,
        validators=[UploadValidator(extensions=IMAGE_EXTENSIONS, decode_images=True)],
    )
    contact_phone = models.CharField(_("service phone"), max_length=20, blank=True)
    is_active = models.BooleanField(_("in service"), default=True)

    scope_spec = ScopeSpec(region_path="region__path")
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("station")
        verbose_name_plural = _("stations")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name

    def facility_labels(self) -> list[str]:
        labels = dict(choices.Facility.choices)
        return [str(labels[f]) for f in self.facilities if f in labels]

    # Opening state (computed in Asia/Shanghai; see selectors.station_state_at).
    @property
    def state_now(self) -> schedule.State:
        from django.utils import timezone

        from unionhub.stations.selectors import station_state_at

        cached = getattr(self, "_state_now", None)
        if cached is None:
            cached = self._state_now = station_state_at(self, timezone.now())
        return cached

    @property
    def is_open_now(self) -> bool:
        return self.state_now.is_open

    @property
    def mode_now(self) -> str:
        return self.state_now.mode

    def get_mode_now_display(self) -> str:
        return str(dict(choices.ModeNow.choices)[self.mode_now])


class ScheduleWindow(BaseModel):
    """One weekly opening window of a station (e.g. 周一 06:30–18:00 有人值守). A window
    whose end is not after its start runs past midnight."""

    station = models.ForeignKey(
        Station, verbose_name=_("station"), on_delete=models.CASCADE, related_name="windows"
    )
    weekday = models.PositiveSmallIntegerField(_("weekday"), choices=choices.Weekday.choices)
    start = models.TimeField(_("opens at"))
    end = models.TimeField(_("closes at"))
    mode = models.CharField(_("mode"), max_length=10, choices=choices.Mode.choices)

    scope_spec = STATION_SCOPE
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("opening window")
        verbose_name_plural = _("opening windows")
        ordering = ["station", "weekday", "start"]

    def __str__(self) -> str:
        return f"{self.get_weekday_display()} {self.start:%H:%M}–{self.end:%H:%M}"

    def as_window(self) -> schedule.Window:
        return schedule.Window(self.weekday, self.start, self.end, self.mode)

    @property
    def hours_display(self) -> str:
        if self.start == self.end:
            return _("24 hours (from %(t)s)") % {"t": f"{self.start:%H:%M}"}
        suffix = _(" (next day)") if self.end < self.start else ""
        return f"{self.start:%H:%M}–{self.end:%H:%M}{suffix}"


class ScheduleException(BaseModel):
    """A dated change to the weekly hours: a holiday or repair closure, or special hours."""

    station = models.ForeignKey(
        Station, verbose_name=_("station"), on_delete=models.CASCADE, related_name="exceptions"
    )
    date = models.DateField(_("date"))
    closed = models.BooleanField(_("closed all day"), default=True)
    start = models.TimeField(_("opens at"), null=True, blank=True)
    end = models.TimeField(_("closes at"), null=True, blank=True)
    mode = models.CharField(
        _("mode"), max_length=10, choices=choices.Mode.choices, default=choices.Mode.MANNED
    )
    reason = models.CharField(_("reason"), max_length=100)

    scope_spec = STATION_SCOPE
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("schedule exception")
        verbose_name_plural = _("schedule exceptions")
        ordering = ["station", "date"]
        constraints = [
            models.UniqueConstraint(
                fields=["station", "date"], name="stations_exception_one_per_day"
            )
        ]

    def __str__(self) -> str:
        return f"{self.date} {self.reason}"

    def clean(self):
        if not self.closed and (self.start is None or self.end is None):
            raise ValidationError(
                {
                    "start": ValidationError(
                        _("Special hours need an opening and closing time."), code="hours_required"
                    )
                }
            )

    def as_exception(self) -> schedule.Exception_:
        return schedule.Exception_(self.date, self.closed, self.start, self.end, self.mode)


class StationStaff(BaseModel):
    """A person assigned to a station: duty staff (值守人员) or its safety officer (安全员)."""

    station = models.ForeignKey(
        Station, verbose_name=_("station"), on_delete=models.CASCADE, related_name="staff"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="station_assignments",
    )
    role = models.CharField(
        _("role at the station"), max_length=20, choices=choices.StaffRole.choices
    )

    scope_spec = STATION_SCOPE
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("station staff assignment")
        verbose_name_plural = _("station staff assignments")
        constraints = [
            models.UniqueConstraint(
                fields=["station", "user", "role"], name="stations_staff_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.station} · {self.user} · {self.get_role_display()}"


class Device(BaseModel):
    """A station device (door controller, scanner, people counter, camera, alarm button)
    that posts events and heartbeats with its own key (stored hashed only)."""

    station = models.ForeignKey(
        Station, verbose_name=_("station"), on_delete=models.CASCADE, related_name="devices"
    )
    name = models.CharField(_("name"), max_length=100)
    kind = models.CharField(_("kind"), max_length=20, choices=choices.DeviceKind.choices)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    key_prefix = models.CharField(_("key prefix"), max_length=8, editable=False)
    last_seen_at = models.DateTimeField(_("last heartbeat"), null=True, blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    scope_spec = STATION_SCOPE
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("device")
        verbose_name_plural = _("devices")
        ordering = ["station", "name"]

    def __str__(self) -> str:
        return f"{self.station} · {self.name}"


class DeviceEvent(BaseModel):
    """One event reported by a device (door opened, alarm, people count…), idempotent by
    the device's ``event_id``."""

    audit_exclude = "high-volume device telemetry; each event is itself the record"

    device = models.ForeignKey(
        Device, verbose_name=_("device"), on_delete=models.PROTECT, related_name="events"
    )
    event_id = models.UUIDField(_("event id"), unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=choices.DeviceEventKind.choices)
    at = models.DateTimeField(_("time"))
    payload = models.JSONField(_("data"), default=dict, blank=True)
    fingerprint = models.CharField(max_length=64, editable=False)

    scope_spec = ScopeSpec(region_path="device__station__region__path")
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("device event")
        verbose_name_plural = _("device events")
        ordering = ["-at"]

    def __str__(self) -> str:
        return f"{self.device} {self.get_kind_display()} {local_datetime(self.at)}"


class CheckIn(BaseModel):
    """One visit of an outdoor worker to a station (扫码登记). The visitor is kept only as a
    pseudonymous token (HMAC of the phone number or member id with the PII key)."""

    audit_exclude = "high-volume visit events; statistics only, no personal data kept"

    station = models.ForeignKey(
        Station, verbose_name=_("station"), on_delete=models.PROTECT, related_name="checkins"
    )
    event_id = models.UUIDField(_("event id"), unique=True, default=uuid.uuid4)
    at = models.DateTimeField(_("time"), db_index=True)
    occupation = models.CharField(
        _("occupation"), max_length=20, choices=choices.Occupation.choices
    )
    visitor = models.CharField(_("visitor token"), max_length=64, db_index=True)
    is_member = models.BooleanField(_("by member code"), default=False)
    source = models.CharField(_("source"), max_length=10, choices=choices.CheckInSource.choices)
    device = models.ForeignKey(
        Device, verbose_name=_("device"), on_delete=models.SET_NULL, null=True, blank=True
    )
    fingerprint = models.CharField(max_length=64, editable=False)

    scope_spec = STATION_SCOPE
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("check-in")
        verbose_name_plural = _("check-ins")
        ordering = ["-at"]
        indexes = [models.Index(fields=["station", "visitor", "at"])]

    def __str__(self) -> str:
        return f"{self.station} {local_datetime(self.at)}"


class SlaPolicy(BaseModel):
    """Service-level limits of one ticket category (configurable data): minutes to
    acknowledge and minutes to resolve."""

    category = models.CharField(
        _("category"), max_length=20, choices=choices.TicketCategory.choices, unique=True
    )
    acknowledge_minutes = models.PositiveIntegerField(_("acknowledge within (minutes)"))
    resolve_minutes = models.PositiveIntegerField(_("resolve within (minutes)"))

    scope_spec = ScopeSpec(owner=None)
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("SLA policy")
        verbose_name_plural = _("SLA policies")
        ordering = ["category"]

    def __str__(self) -> str:
        return str(self.get_category_display())


class Ticket(BaseModel):
    """A 24-hour service ticket (服务工单): a worker's help request, a device alarm or a
    staff report, with an SLA clock and escalation."""

    station = models.ForeignKey(
        Station, verbose_name=_("station"), on_delete=models.PROTECT, related_name="tickets"
    )
    ref = models.UUIDField(_("lookup code"), default=uuid.uuid4, unique=True, editable=False)
    category = models.CharField(
        _("category"), max_length=20, choices=choices.TicketCategory.choices
    )
    source = models.CharField(_("raised by"), max_length=10, choices=choices.TicketSource.choices)
    title = models.CharField(_("title"), max_length=150)
    description = models.TextField(_("description"), blank=True)
    status = models.CharField(
        _("status"),
        max_length=15,
        choices=choices.TicketStatus.choices,
        default=choices.TicketStatus.OPEN,
    )
    raised_at = models.DateTimeField(_("raised at"), db_index=True)
    acknowledge_due = models.DateTimeField(_("acknowledge by"))
    resolve_due = models.DateTimeField(_("resolve by"))
    acknowledged_at = models.DateTimeField(_("acknowledged at"), null=True, blank=True)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("acknowledged by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)
    escalation = models.PositiveSmallIntegerField(
        _("escalation"), choices=choices.EscalationLevel.choices, default=0
    )
    escalated_to = models.CharField(_("escalated to"), max_length=150, blank=True)
    device = models.ForeignKey(
        Device, verbose_name=_("device"), on_delete=models.SET_NULL, null=True, blank=True
    )
    visitor = models.CharField(max_length=64, blank=True, editable=False)
    # The signed-in worker who asked for help (the station's QR page while logged in), so
    # their "我的" page lists it; empty for anonymous requests, device alarms and staff.
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="station_tickets",
    )

    scope_spec = STATION_SCOPE
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("service ticket")
        verbose_name_plural = _("service tickets")
        ordering = ["-raised_at"]

    def __str__(self) -> str:
        return f"{self.station} · {self.title}"

    # The SLA clock as the ticket list shows it (受理截止 / 剩余 / 已超时): the deadline of
    # the step the ticket waits for — acknowledging while open, resolving once acknowledged.
    def sla_due(self):
        if self.status == choices.TicketStatus.OPEN:
            return self.acknowledge_due
        if self.status == choices.TicketStatus.ACKNOWLEDGED:
            return self.resolve_due
        return None

    def sla_overdue(self, now=None) -> bool | None:
        due = self.sla_due()
        if due is None:
            return None
        return (now or timezone.now()) > due

    def sla_remaining(self, now=None) -> str:
        """ "2小时05分" left, or "已超时 35分"; empty once resolved."""
        due = self.sla_due()
        if due is None:
            return ""
        seconds = int((due - (now or timezone.now())).total_seconds())
        minutes = abs(seconds) // 60
        hours, mins = divmod(minutes, 60)
        span = (
            _("%(h)dh %(m)02dmin") % {"h": hours, "m": mins}
            if hours
            else _("%(m)dmin") % {"m": mins}
        )
        return span if seconds >= 0 else _("overdue by %(span)s") % {"span": span}

    @property
    def is_closed(self) -> bool:
        return self.status == choices.TicketStatus.RESOLVED

    def response_minutes(self) -> float | None:
        if self.acknowledged_at is None:
            return None
        return (self.acknowledged_at - self.raised_at).total_seconds() / 60


class TicketEvent(BaseModel):
    """One line of a ticket's timeline (raised, acknowledged, escalated, resolved, note)."""

    ticket = models.ForeignKey(
        Ticket, verbose_name=_("ticket"), on_delete=models.CASCADE, related_name="timeline"
    )
    at = models.DateTimeField(_("time"))
    kind = models.CharField(_("kind"), max_length=20, choices=choices.TicketEventKind.choices)
    note = models.CharField(_("note"), max_length=300, blank=True)
    actor_name = models.CharField(_("by"), max_length=100, blank=True)

    scope_spec = ScopeSpec(region_path="ticket__station__region__path")
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("ticket event")
        verbose_name_plural = _("ticket events")
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{local_datetime(self.at)} {self.get_kind_display()}"


class HygieneCheck(BaseModel):
    """Level 1 of three-level management: the staff's daily hygiene checklist (日常卫生检查)."""

    station = models.ForeignKey(
        Station, verbose_name=_("station"), on_delete=models.PROTECT, related_name="hygiene_checks"
    )
    date = models.DateField(_("date"))
    results = models.JSONField(_("results"), default=dict, help_text=_("Checklist item → passed"))
    passed = models.BooleanField(_("all items passed"), default=True)
    note = models.CharField(_("note"), max_length=300, blank=True)

    scope_spec = STATION_SCOPE
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("hygiene check")
        verbose_name_plural = _("hygiene checks")
        ordering = ["-date"]
        constraints = [
            models.UniqueConstraint(fields=["station", "date"], name="stations_hygiene_one_per_day")
        ]

    def __str__(self) -> str:
        return f"{self.station} {self.date}"


class PatrolLog(BaseModel):
    """Level 1/2: a video patrol (视频巡查) by staff during unmanned hours, reviewed by the
    station's safety officer."""

    station = models.ForeignKey(
        Station, verbose_name=_("station"), on_delete=models.PROTECT, related_name="patrols"
    )
    at = models.DateTimeField(_("patrol time"))
    normal = models.BooleanField(_("everything normal"), default=True)
    observations = models.CharField(_("observations"), max_length=300, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewed by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    review_note = models.CharField(_("review note"), max_length=300, blank=True)

    scope_spec = STATION_SCOPE
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("video patrol log")
        verbose_name_plural = _("video patrol logs")
        ordering = ["-at"]

    def __str__(self) -> str:
        return f"{self.station} {local_datetime(self.at)}"


class SpotCheck(BaseModel):
    """Level 3: a spot check (抽查巡视) by the county union's 劳动经济部 with findings, a
    rectification deadline and closure."""

    station = models.ForeignKey(
        Station, verbose_name=_("station"), on_delete=models.PROTECT, related_name="spot_checks"
    )
    date = models.DateField(_("date"))
    inspector = models.CharField(_("inspector"), max_length=100)
    findings = models.TextField(_("findings"), blank=True)
    passed = models.BooleanField(_("passed"), default=True)
    photo = models.FileField(
        _("photo"),
        upload_to="stations/spotchecks/",
        blank=True,
        validators=[UploadValidator(extensions=IMAGE_EXTENSIONS, decode_images=True)],
    )
    rectify_by = models.DateField(_("rectify by"), null=True, blank=True)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=choices.SpotCheckStatus.choices,
        default=choices.SpotCheckStatus.CLOSED,
    )
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    closure_note = models.CharField(_("closure note"), max_length=300, blank=True)

    scope_spec = STATION_SCOPE
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("spot check")
        verbose_name_plural = _("spot checks")
        ordering = ["-date"]

    def __str__(self) -> str:
        return f"{self.station} {self.date}"

    def clean(self):
        if not self.passed and self.rectify_by is None:
            raise ValidationError(
                {
                    "rectify_by": ValidationError(
                        _("A failed spot check needs a rectification deadline."),
                        code="deadline_required",
                    )
                }
            )
        if self.rectify_by and self.date and self.rectify_by < self.date:
            raise ValidationError(
                {
                    "rectify_by": ValidationError(
                        _("The deadline cannot be before the check."), code="deadline_before_check"
                    )
                }
            )

    @property
    def is_overdue(self) -> bool:
        return (
            self.status == choices.SpotCheckStatus.OPEN
            and self.rectify_by is not None
            and self.rectify_by < schedule.local(timezone.now()).date()
        )


class DemandPoint(BaseModel):
    """A place where outdoor workers gather (courier hub, sanitation depot…) that the
    15-minute service circle should cover."""

    name = models.CharField(_("name"), max_length=100)
    kind = models.CharField(_("kind"), max_length=20, choices=choices.DemandPointKind.choices)
    region = models.ForeignKey(
        "org.Region", verbose_name=_("region"), on_delete=models.PROTECT, related_name="+"
    )
    lat = models.DecimalField(
        _("latitude (WGS-84)"), max_digits=9, decimal_places=6, validators=LAT_VALIDATORS
    )
    lng = models.DecimalField(
        _("longitude (WGS-84)"), max_digits=9, decimal_places=6, validators=LNG_VALIDATORS
    )
    dense = models.BooleanField(_("dense area"), default=False)

    scope_spec = ScopeSpec(region_path="region__path")
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("demand point")
        verbose_name_plural = _("demand points")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name
