"""The scheduler's records: one ``JobRun`` per run of a periodic job."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from unionhub.core.scope import ScopedQuerySet, ScopeSpec


class JobRunStatus(models.TextChoices):
    QUEUED = "queued", pgettext_lazy("job run", "Queued")
    RUNNING = "running", pgettext_lazy("job run", "Running")
    SUCCEEDED = "succeeded", pgettext_lazy("job run", "Succeeded")
    FAILED = "failed", pgettext_lazy("job run", "Failed")


class JobRunTrigger(models.TextChoices):
    SCHEDULE = "schedule", _("On schedule")
    CATCH_UP = "catch_up", _("Catch-up at start")
    MANUAL = "manual", _("Run now")


class JobRun(models.Model):
    """One run of a platform periodic job (工单升级、设备检查、积分清零、会员匿名化……):
    when it was due, who ran it, how long it took and how it ended.

    The row is written *before* the job runs and ``(job, scheduled_for)`` is unique, so when
    several schedulers (one per app server) reach the same period, the database lets one of
    them claim it and the others skip: each job runs once per period. Manual runs are keyed
    on the moment of the request and never collide with the schedule."""

    job = models.CharField(_("job"), max_length=100, db_index=True)
    scheduled_for = models.DateTimeField(_("due at"))
    trigger = models.CharField(
        _("trigger"), max_length=10, choices=JobRunTrigger.choices, default="schedule"
    )
    status = models.CharField(
        _("status"), max_length=10, choices=JobRunStatus.choices, default="running"
    )
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    duration_ms = models.PositiveIntegerField(_("duration (ms)"), null=True, blank=True)
    result = models.CharField(_("result"), max_length=300, blank=True)
    # Masked (ID numbers, mobile numbers) before it is stored: no personal data at rest here.
    error = models.TextField(_("error"), blank=True)
    host = models.CharField(_("run by"), max_length=120, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    # Platform bookkeeping, not union data: only users who see everything (the city
    # administrator, superusers) see it; no org unit or region to scope by.
    scope_spec = ScopeSpec(owner=None)
    objects = ScopedQuerySet.as_manager()
    audit_exclude = "two rows a minute from the schedule; a manual run writes its own audit record"

    class Meta:
        verbose_name = _("job run")
        verbose_name_plural = _("job runs")
        ordering = ["-scheduled_for", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["job", "scheduled_for"], name="scheduler_jobrun_once_per_period"
            )
        ]
        indexes = [models.Index(fields=["job", "status", "-scheduled_for"])]
        permissions = [("run_jobrun", _("Can run a scheduled job now"))]

    def __str__(self) -> str:
        return f"{self.job} @ {timezone.localtime(self.scheduled_for):%Y-%m-%d %H:%M}"

    @property
    def ran_at(self):
        """When it ran (or, not started yet, when it was due)."""
        return self.started_at or self.scheduled_for

    def duration_display(self) -> str:
        if self.duration_ms is None:
            return ""
        if self.duration_ms < 1000:
            return _("%(ms)d ms") % {"ms": self.duration_ms}
        return _("%(s).1f s") % {"s": self.duration_ms / 1000}
