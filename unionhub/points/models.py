"""Enterprise points system (积分制管理, after 阜宁协鑫光伏's "小积分激发大能量").

A union runs a programme; employees hold accounts; every change of a balance is an
append-only ledger entry. Nothing in the ledger is ever updated or deleted: a correction is
a reversal entry. The cached ``PointsAccount.balance`` is maintained in the same transaction
as the entry and checked by ``manage.py points_check``."""

from __future__ import annotations

import uuid
from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from unionhub.core.files import INLINE_CONTENT_TYPES, file_extension
from unionhub.core.models import BaseModel
from unionhub.core.scope import ScopedQuerySet, ScopeSpec
from unionhub.core.validators.uploads import UploadValidator
from unionhub.org.models import OrgUnit
from unionhub.points.choices import (
    AppealStatus,
    CapPeriod,
    EntryKind,
    Evidence,
    ExpiryPolicy,
    RedemptionStatus,
    SubmissionStatus,
    SuggestionStatus,
)

PROGRAMME = "programme__union__path"
PROGRAMME_REGION = "programme__union__region__path"

DOCUMENT_EXTENSIONS = ["pdf", "doc", "docx", "xls", "xlsx", "jpg", "jpeg", "png"]

#: Evidence of a claim: photos (jpg, png, webp) or a PDF, at most 10 MB. The first bytes must
#: match the extension, so a renamed executable or HTML page is refused.
EVIDENCE_EXTENSIONS = ["jpg", "jpeg", "png", "webp", "pdf"]
MAX_EVIDENCE_BYTES = 10 * 1024 * 1024


#: Content types the evidence download serves inline; anything else (files uploaded before
#: the check existed) is sent as an attachment.
class EvidenceValidator(UploadValidator):
    """A photo (jpg, png, webp) or PDF of at most 10 MB whose content matches its name (the
    core upload check with the evidence's own messages and codes)."""

    codes = {"type": "evidence_type", "size": "evidence_size", "content": "evidence_content"}
    messages = {
        "type": _("Evidence must be a photo (jpg, png, webp) or a PDF file."),
        "size": _("The evidence file is larger than 10 MB."),
        "content": _("The evidence file is not a real %(type)s file."),
    }

    def __init__(self, extensions=tuple(EVIDENCE_EXTENSIONS), max_bytes=MAX_EVIDENCE_BYTES):
        super().__init__(extensions=extensions, max_bytes=max_bytes)


validate_evidence_file = EvidenceValidator()


def evidence_upload_to(instance: Any, filename: str) -> str:
    """A random name under MEDIA_ROOT (nothing of the employee's file name survives), so a
    stored file's address cannot be guessed; files are served only through the scoped
    evidence view anyway."""
    month = timezone.localdate().strftime("%Y/%m")
    return f"points/evidence/{month}/{uuid.uuid4().hex}.{file_extension(filename)}"


class AppendOnlyError(PermissionError):
    """Raised on any attempt to change or remove a posted ledger entry."""


def _no_change() -> AppendOnlyError:
    return AppendOnlyError(
        gettext("Ledger entries are append-only and cannot be changed; post a reversal.")
    )


def _no_delete() -> AppendOnlyError:
    return AppendOnlyError(
        gettext("Ledger entries are append-only and cannot be deleted; post a reversal.")
    )


def _through(prefix: str, owner: str | None = None) -> ScopeSpec:
    """Records reach the trees through their programme's union (``prefix`` = the path from
    the record to the programme); ``owner`` lets a worker see their own."""
    return ScopeSpec(
        org_path=prefix + PROGRAMME, region_path=prefix + PROGRAMME_REGION, owner=owner
    )


#: rows of a programme (items, rules, rewards…); rows of one member's account
PROGRAMME_SCOPE = _through("")
ACCOUNT_SCOPE = _through("account__", owner="account__user")


class Programme(BaseModel):
    """A points programme (积分制管理) run by one enterprise union for its employees, with
    its rules document (《积分管理制度》), item catalogue, rewards and expiry policy."""

    union = models.ForeignKey(
        OrgUnit,
        verbose_name=_("union"),
        on_delete=models.PROTECT,
        related_name="points_programmes",
    )
    name = models.CharField(_("name"), max_length=100)
    slogan = models.CharField(_("slogan"), max_length=100, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    expiry_policy = models.CharField(
        _("expiry policy"),
        max_length=10,
        choices=ExpiryPolicy.choices,
        default=ExpiryPolicy.YEAR_END,
    )
    expiry_years = models.PositiveSmallIntegerField(
        _("years until expiry"),
        default=1,
        help_text=_("1 = points earned in a year expire at the end of the next year."),
    )

    scope_spec = ScopeSpec(org_path="union__path", region_path="union__region__path", owner=None)
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("points programme")
        verbose_name_plural = _("points programmes")
        ordering = ["union__path", "name"]
        permissions = [
            ("review_submission", _("Can review points submissions and appeals")),
            ("award_points", _("Can award points in batch and post adjustments")),
        ]

    def __str__(self) -> str:
        return f"{self.name}（{self.union.short_name or self.union.name}）"

    @property
    def current_rules(self) -> RulesVersion | None:
        return self.rules_versions.order_by("-version").first()


class RulesVersion(BaseModel):
    """One version of the programme's rules document (《积分管理制度》); versions are kept."""

    programme = models.ForeignKey(
        Programme,
        verbose_name=_("points programme"),
        on_delete=models.PROTECT,
        related_name="rules_versions",
    )
    version = models.PositiveIntegerField(_("version"))
    title = models.CharField(_("title"), max_length=150)
    document = models.FileField(
        _("document"),
        upload_to="points/rules/%Y/",
        blank=True,
        validators=[UploadValidator(extensions=DOCUMENT_EXTENSIONS)],
    )
    effective_from = models.DateField(_("effective from"))
    summary = models.TextField(_("summary of changes"), blank=True)

    scope_spec = PROGRAMME_SCOPE
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("rules version")
        verbose_name_plural = _("rules versions")
        ordering = ["programme", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "version"], name="points_rules_version_uniq"
            )
        ]

    def __str__(self) -> str:
        return f"{self.title} v{self.version}"


class Department(BaseModel):
    """A department of the enterprise (车间/部门) used for department leaderboards and for
    the department that realized a suggestion's benefit."""

    programme = models.ForeignKey(
        Programme,
        verbose_name=_("points programme"),
        on_delete=models.PROTECT,
        related_name="departments",
    )
    name = models.CharField(_("name"), max_length=100)

    scope_spec = PROGRAMME_SCOPE
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("department")
        verbose_name_plural = _("departments")
        ordering = ["programme", "name"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "name"], name="points_department_uniq")
        ]

    def __str__(self) -> str:
        return self.name


class ItemCategory(BaseModel):
    """A group of point items, e.g. 安全 / 改善 / 质量 / 文体."""

    programme = models.ForeignKey(
        Programme,
        verbose_name=_("points programme"),
        on_delete=models.PROTECT,
        related_name="categories",
    )
    name = models.CharField(_("name"), max_length=50)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    scope_spec = PROGRAMME_SCOPE
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("item category")
        verbose_name_plural = _("item categories")
        ordering = ["programme", "order", "name"]

    def __str__(self) -> str:
        return self.name


class PointItem(BaseModel):
    """One way to earn points (积分项目), e.g. 安全随手拍: fixed points or a range, at most
    ``cap_count`` awards per person per ``cap_period``, and the evidence required."""

    programme = models.ForeignKey(
        Programme,
        verbose_name=_("points programme"),
        on_delete=models.PROTECT,
        related_name="items",
    )
    category = models.ForeignKey(
        ItemCategory, verbose_name=_("category"), on_delete=models.PROTECT, related_name="items"
    )
    code = models.SlugField(_("code"), max_length=40)
    name = models.CharField(_("name"), max_length=50)
    points_min = models.PositiveIntegerField(_("minimum points"), validators=[MinValueValidator(1)])
    points_max = models.PositiveIntegerField(_("maximum points"), validators=[MinValueValidator(1)])
    cap_count = models.PositiveIntegerField(
        _("cap per person per period"),
        null=True,
        blank=True,
        help_text=_("How many awards one person may receive per period; empty = no cap."),
    )
    cap_period = models.CharField(
        _("cap period"), max_length=10, choices=CapPeriod.choices, default=CapPeriod.MONTH
    )
    evidence = models.CharField(
        _("evidence required"), max_length=12, choices=Evidence.choices, default=Evidence.NONE
    )
    description = models.CharField(_("description"), max_length=300, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    scope_spec = PROGRAMME_SCOPE
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("point item")
        verbose_name_plural = _("point items")
        ordering = ["programme", "order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "code"], name="points_item_code_uniq"),
            models.CheckConstraint(
                condition=models.Q(points_max__gte=models.F("points_min")),
                name="points_item_range_ordered",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_fixed(self) -> bool:
        return self.points_min == self.points_max

    @property
    def points_label(self) -> str:
        return str(self.points_min) if self.is_fixed else f"{self.points_min}–{self.points_max}"


class BenefitTier(BaseModel):
    """Bonus points for an implemented suggestion whose realized benefit reaches
    ``min_benefit`` yuan (the highest tier reached applies). Data, not code."""

    programme = models.ForeignKey(
        Programme,
        verbose_name=_("points programme"),
        on_delete=models.PROTECT,
        related_name="benefit_tiers",
    )
    min_benefit = models.DecimalField(_("minimum benefit (yuan)"), max_digits=14, decimal_places=2)
    points = models.PositiveIntegerField(_("bonus points"))

    scope_spec = PROGRAMME_SCOPE
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("benefit tier")
        verbose_name_plural = _("benefit tiers")
        ordering = ["programme", "min_benefit"]

    def __str__(self) -> str:
        return f"≥{self.min_benefit} → {self.points}"


class PointsAccount(BaseModel):
    """An employee's points account in one programme. ``balance`` is a cache of the sum of
    the ledger entries, updated in the same transaction as each entry."""

    programme = models.ForeignKey(
        Programme,
        verbose_name=_("points programme"),
        on_delete=models.PROTECT,
        related_name="accounts",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("employee"),
        on_delete=models.PROTECT,
        related_name="points_accounts",
    )
    department = models.ForeignKey(
        Department,
        verbose_name=_("department"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="accounts",
    )
    employee_no = models.CharField(_("employee number"), max_length=30, blank=True)
    balance = models.IntegerField(_("balance"), default=0, editable=False)

    scope_spec = _through("", owner="user")
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("points account")
        verbose_name_plural = _("points accounts")
        ordering = ["programme", "employee_no", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "user"], name="points_account_uniq"),
            models.CheckConstraint(
                condition=models.Q(balance__gte=0), name="points_balance_nonneg"
            ),
        ]

    def __str__(self) -> str:
        name = self.user.full_name or self.user.username
        return f"{name}（{self.employee_no}）" if self.employee_no else name


class LedgerQuerySet(ScopedQuerySet):
    def update(self, **kwargs):  # noqa: ARG002
        raise _no_change()

    def delete(self):
        raise _no_delete()


class LedgerEntry(BaseModel):
    """One posted change of a balance (积分流水): award, redemption, refund, reversal, expiry
    or adjustment. Append-only; ``idempotency_key`` (source type + source id + account)
    makes every posting happen at most once."""

    account = models.ForeignKey(
        PointsAccount,
        verbose_name=_("points account"),
        on_delete=models.PROTECT,
        related_name="entries",
    )
    kind = models.CharField(_("kind"), max_length=12, choices=EntryKind.choices)
    points = models.IntegerField(_("points"))
    balance_after = models.IntegerField(_("balance after"))
    reason = models.CharField(_("reason"), max_length=200)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("posted by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    item = models.ForeignKey(
        PointItem,
        verbose_name=_("point item"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="entries",
    )
    ref_type = models.ForeignKey(
        ContentType,
        verbose_name=_("reference type"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    ref_id = models.PositiveBigIntegerField(_("reference id"), null=True, blank=True)
    reference = models.CharField(_("reference"), max_length=100, blank=True)
    reverses = models.OneToOneField(
        "self",
        verbose_name=_("reverses"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reversed_by",
    )
    idempotency_key = models.CharField(_("idempotency key"), max_length=150, unique=True)
    occurred_at = models.DateTimeField(_("occurred at"), default=timezone.now, db_index=True)

    audit_exclude = "the ledger is itself an append-only trail with actor, reason and reference"
    scope_spec = ACCOUNT_SCOPE
    objects = LedgerQuerySet.as_manager()

    class Meta:
        verbose_name = _("ledger entry")
        verbose_name_plural = _("ledger entries")
        ordering = ["-occurred_at", "-pk"]
        # Both end with the key so that the KPI "standing awards in the year" (kind, a time
        # window, and the key for its NOT EXISTS of a reversal) is answered from the index
        # alone (an index-only scan, no table row read): per account for a county or town
        # (before, with (account, kind, occurred_at), PostgreSQL read every entry of the
        # county's accounts from the table, 225,000 pages for 建湖 at city scale, because
        # the key is not in the index), and over the whole ledger for the city.
        indexes = [
            models.Index(
                fields=["account", "kind", "occurred_at", "id"], name="points_led_account_kind_idx"
            ),
            models.Index(fields=["kind", "occurred_at", "id"], name="points_led_kind_at_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.points:+d}（{self.reason}）"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise _no_change()
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise _no_delete()


class Submission(BaseModel):
    """An employee's claim for points (积分申报), e.g. a safety snapshot with a photo;
    reviewed by the union (approve within the item's range, or reject with a reason)."""

    account = models.ForeignKey(
        PointsAccount,
        verbose_name=_("points account"),
        on_delete=models.PROTECT,
        related_name="submissions",
    )
    item = models.ForeignKey(
        PointItem,
        verbose_name=_("point item"),
        on_delete=models.PROTECT,
        related_name="submissions",
    )
    description = models.TextField(_("description"), max_length=1000)
    photo = models.FileField(
        _("evidence (photo or PDF)"),
        upload_to=evidence_upload_to,
        max_length=150,
        blank=True,
        validators=[validate_evidence_file],
    )
    occurred_at = models.DateTimeField(_("occurred at"), default=timezone.now, db_index=True)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=SubmissionStatus.choices,
        default=SubmissionStatus.PENDING,
    )
    points = models.PositiveIntegerField(_("points awarded"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewed by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    review_note = models.CharField(_("review note"), max_length=300, blank=True)

    scope_spec = ACCOUNT_SCOPE
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("points submission")
        verbose_name_plural = _("points submissions")
        ordering = ["-occurred_at", "-pk"]

    def __str__(self) -> str:
        return (
            f"{self.item.name} · {self.account} · {timezone.localtime(self.occurred_at):%Y-%m-%d}"
        )

    @property
    def evidence_kind(self) -> str:
        """``image``, ``pdf`` or ``other`` (files kept from before the type check)."""
        ext = file_extension(self.photo.name) if self.photo else ""
        if ext == "pdf":
            return "pdf"
        return "image" if ext in INLINE_CONTENT_TYPES else "other"


class Appeal(BaseModel):
    """The one appeal (申诉) allowed against a rejected submission, decided by a reviewer
    other than the one who rejected it."""

    submission = models.OneToOneField(
        Submission,
        verbose_name=_("points submission"),
        on_delete=models.PROTECT,
        related_name="appeal",
    )
    reason = models.TextField(_("reason"), max_length=1000)
    status = models.CharField(
        _("status"), max_length=10, choices=AppealStatus.choices, default=AppealStatus.PENDING
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(
        pgettext_lazy("points appeal", "decided at"), null=True, blank=True
    )
    decision_note = models.CharField(
        pgettext_lazy("points appeal", "decision note"), max_length=300, blank=True
    )

    scope_spec = _through("submission__account__", owner="submission__account__user")
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("appeal")
        verbose_name_plural = _("appeals")
        ordering = ["-pk"]

    def __str__(self) -> str:
        return f"{_('Appeal')}：{self.submission}"


class Reward(BaseModel):
    """A reward employees can redeem points for (积分兑换商品), with stock and a per-person limit."""

    programme = models.ForeignKey(
        Programme,
        verbose_name=_("points programme"),
        on_delete=models.PROTECT,
        related_name="rewards",
    )
    name = models.CharField(_("name"), max_length=100)
    description = models.CharField(_("description"), max_length=300, blank=True)
    cost = models.PositiveIntegerField(_("cost (points)"), validators=[MinValueValidator(1)])
    stock = models.PositiveIntegerField(_("stock"), default=0)
    per_person_limit = models.PositiveIntegerField(
        _("limit per person"), null=True, blank=True, help_text=_("Empty = no limit.")
    )
    is_active = models.BooleanField(_("active"), default=True)

    scope_spec = PROGRAMME_SCOPE
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("reward")
        verbose_name_plural = _("rewards")
        ordering = ["programme", "cost", "name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(stock__gte=0), name="points_reward_stock_nonneg"
            )
        ]

    def __str__(self) -> str:
        return self.name


class Redemption(BaseModel):
    """A redemption order (兑换单): pending → fulfilled or cancelled (cancellation refunds the
    points by a ledger entry and returns the stock)."""

    account = models.ForeignKey(
        PointsAccount,
        verbose_name=_("points account"),
        on_delete=models.PROTECT,
        related_name="redemptions",
    )
    reward = models.ForeignKey(
        Reward, verbose_name=_("reward"), on_delete=models.PROTECT, related_name="redemptions"
    )
    quantity = models.PositiveIntegerField(_("quantity"), validators=[MinValueValidator(1)])
    points = models.PositiveIntegerField(_("points"))
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=RedemptionStatus.choices,
        default=RedemptionStatus.PENDING,
    )
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("handled by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    handled_at = models.DateTimeField(_("handled at"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=200, blank=True)

    scope_spec = ACCOUNT_SCOPE
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("redemption")
        verbose_name_plural = _("redemptions")
        ordering = ["-pk"]

    def __str__(self) -> str:
        return f"{self.reward.name} ×{self.quantity} · {self.account}"


class Suggestion(BaseModel):
    """A rationalization suggestion (合理化建议): submitted → evaluated → adopted / rejected →
    implemented, with estimated and realized economic benefit in yuan and the department that
    realized it. Implementation earns bonus points by benefit tier."""

    programme = models.ForeignKey(
        Programme,
        verbose_name=_("points programme"),
        on_delete=models.PROTECT,
        related_name="suggestions",
    )
    account = models.ForeignKey(
        PointsAccount,
        verbose_name=_("proposer"),
        on_delete=models.PROTECT,
        related_name="suggestions",
    )
    title = models.CharField(_("title"), max_length=150)
    content = models.TextField(_("content"), max_length=4000)
    submitted_on = models.DateField(_("submitted on"), default=timezone.localdate)
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=SuggestionStatus.choices,
        default=SuggestionStatus.SUBMITTED,
    )
    estimated_benefit = models.DecimalField(
        _("estimated benefit (yuan)"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    realized_benefit = models.DecimalField(
        _("realized benefit (yuan)"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    department = models.ForeignKey(
        Department,
        verbose_name=_("realizing department"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="suggestions",
    )
    evaluation = models.CharField(_("evaluation"), max_length=500, blank=True)
    evaluated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("evaluated by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    implemented_on = models.DateField(_("implemented on"), null=True, blank=True)
    bonus_points = models.PositiveIntegerField(_("bonus points"), null=True, blank=True)

    scope_spec = ACCOUNT_SCOPE
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("rationalization suggestion")
        verbose_name_plural = _("rationalization suggestions")
        ordering = ["-submitted_on", "-pk"]

    def __str__(self) -> str:
        return self.title
