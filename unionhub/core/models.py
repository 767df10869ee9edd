"""Framework models: the base every domain model inherits, and the audit trail."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from unionhub.core.scope import ScopedQuerySet, ScopeSpec


class BaseModel(models.Model):
    """Common columns of every domain record: when it was made and changed, and by whom."""

    created_at = models.DateTimeField(_("created at"), auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )

    #: Field names holding personal information (masked in the audit trail and exports).
    pii_fields: tuple[str, ...] = ()

    class Meta:
        abstract = True


class ChangeAction(models.TextChoices):
    # A context keeps Django's own (admin) translations of these words from winning.
    CREATE = "create", pgettext_lazy("audit action", "Created")
    UPDATE = "update", _("Updated")
    DELETE = "delete", _("Deleted")
    IMPORT = "import", _("Imported")
    REVEAL = "reveal", _("Personal data viewed")
    LOGIN = "login", _("Logged in")
    LOGOUT = "logout", pgettext_lazy("audit action", "Logged out")
    LOGIN_FAILED = "login_failed", _("Login failed")
    EXPORT = "export", _("Exported")


class ChangeRecordQuerySet(ScopedQuerySet):
    def update(self, **kwargs):  # noqa: ARG002
        raise PermissionError("The audit trail is append-only")

    def delete(self):
        raise PermissionError("The audit trail is append-only")


class ChangeRecord(models.Model):
    """One entry of the audit trail (操作日志): who did what to which record, when and from
    where, with the field-by-field before/after. Append-only: no edit or delete."""

    at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    actor_name = models.CharField(_("user name"), max_length=150, blank=True)
    ip = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    action = models.CharField(_("action"), max_length=20, choices=ChangeAction.choices)
    app_label = models.CharField(_("module"), max_length=50, db_index=True)
    model_name = models.CharField(_("record type"), max_length=100)
    object_id = models.CharField(_("record id"), max_length=64, blank=True, db_index=True)
    object_repr = models.CharField(_("record"), max_length=200, blank=True)
    changes = models.JSONField(_("changes"), default=dict, blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True)
    # Where the record sat in the trees when it changed: the audit page is scoped by these.
    org_path = models.CharField(max_length=255, blank=True, db_index=True)
    region_path = models.CharField(max_length=255, blank=True, db_index=True)

    scope_spec = ScopeSpec(org_path="org_path", region_path="region_path", owner="actor")
    objects = ChangeRecordQuerySet.as_manager()

    class Meta:
        verbose_name = _("change record")
        verbose_name_plural = _("change records")
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["app_label", "model_name", "object_id"])]
        permissions = [("verify_changerecord", _("Can verify the audit trail's hash chain"))]

    def __str__(self) -> str:
        return f"{self.get_action_display()} {self.object_repr}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise PermissionError("The audit trail is append-only")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("The audit trail is append-only")


class AuditSealQuerySet(models.QuerySet):
    def update(self, **kwargs):  # noqa: ARG002
        raise PermissionError("Audit seals are append-only")

    def delete(self):
        raise PermissionError("Audit seals are append-only")


class AuditSeal(models.Model):
    """The hash chain over the audit trail (tamper evidence, 等保 2.0 安全审计): seal ``seq``
    covers one change record and the seal before it, ``hash = SHA-256(prev_hash ‖ record)``.
    Sealing runs after the records are committed (``unionhub.core.auditchain``), in the
    order they are sealed, so concurrent writers never contend for the chain's head and a
    record that commits late is simply sealed later. Append-only, like the trail."""

    seq = models.PositiveBigIntegerField(primary_key=True)
    record = models.OneToOneField(
        ChangeRecord, on_delete=models.PROTECT, related_name="seal", db_constraint=True
    )
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64)
    sealed_at = models.DateTimeField(auto_now_add=True)

    scope_exempt = "the city-wide chain; read only by verify_audit and its page"
    audit_exclude = "the seal of an audit record is itself the audit trail's evidence"
    objects = AuditSealQuerySet.as_manager()

    class Meta:
        verbose_name = _("audit seal")
        verbose_name_plural = _("audit seals")
        ordering = ["seq"]

    def __str__(self) -> str:
        return f"#{self.seq} {self.hash[:12]}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise PermissionError("Audit seals are append-only")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("Audit seals are append-only")


# --- spreadsheet import jobs -------------------------------------------------------------


class ImportJobStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    DONE = "done", _("Finished")
    FAILED = "failed", _("Failed")


class ImportJob(BaseModel):
    """One uploaded spreadsheet on its way into the platform: first a preview (dry run),
    then, when the user confirms, the committing run. Small files run inside the request;
    large ones run in the task worker while the page polls the progress."""

    kind = models.CharField(_("import kind"), max_length=40)
    file_name = models.CharField(_("file name"), max_length=200)
    stored_name = models.CharField(max_length=64, editable=False)
    update = models.BooleanField(_("update existing records"), default=False)
    commit = models.BooleanField(_("write the records"), default=False)
    valid_only = models.BooleanField(_("import the valid rows only"), default=False)
    status = models.CharField(
        _("status"), max_length=10, choices=ImportJobStatus.choices, default="queued"
    )
    total_rows = models.PositiveIntegerField(_("rows in the file"), default=0)
    result = models.JSONField(_("result"), default=dict, blank=True)
    error = models.CharField(_("error"), max_length=300, blank=True)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    # The uploader's union organisation when the job was made: who else may see the job.
    org_path = models.CharField(max_length=255, blank=True, db_index=True, editable=False)

    scope_spec = ScopeSpec(org_path="org_path")
    objects = ScopedQuerySet.as_manager()
    audit_exclude = "job bookkeeping; a committed import writes its own summary record"

    class Meta:
        verbose_name = _("import job")
        verbose_name_plural = _("import jobs")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.file_name

    @property
    def finished(self) -> bool:
        return self.status in (ImportJobStatus.DONE, ImportJobStatus.FAILED)


# --- approved exports of personal data ----------------------------------------------------


class ExportRequestStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for approval")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")
    USED = "used", _("Downloaded")


class ExportRequest(BaseModel):
    """A request to export personal data unmasked (domain.md §11.3.4: exports are masked by
    default; an unmasked export needs approval and is watermarked). Approved requests give
    their requester one download within ``VALID_HOURS``."""

    VALID_HOURS = 24

    kind = models.CharField(_("export kind"), max_length=40)
    query = models.CharField(_("filter"), max_length=1000, blank=True)
    reason = models.CharField(_("purpose"), max_length=300)
    status = models.CharField(
        _("status"), max_length=10, choices=ExportRequestStatus.choices, default="pending"
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("approver"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decision_note = models.CharField(_("decision note"), max_length=300, blank=True)
    downloaded_at = models.DateTimeField(_("downloaded at"), null=True, blank=True)
    rows = models.PositiveIntegerField(_("rows"), null=True, blank=True)
    # The requester's union organisation: who may see (and approve) the request.
    org_path = models.CharField(max_length=255, blank=True, db_index=True, editable=False)

    scope_spec = ScopeSpec(org_path="org_path")
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("unmasked export request")
        verbose_name_plural = _("unmasked export requests")
        ordering = ["-created_at", "-pk"]
        permissions = [("approve_exportrequest", _("Can approve unmasked exports"))]

    def __str__(self) -> str:
        return self.reason
