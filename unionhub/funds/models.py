"""Union funds (工会经费, domain.md §1.5) and the full refund to small and micro enterprises
(§6).

- ``Remittance``: an enterprise's monthly allocation, 2 % of that month's total payroll.
- ``RefundPolicyPeriod``: the periods of the refund policy (configurable rows, ⚠ time-bound).
- ``SizeRecord``: the enterprise's SME class **for a year**, computed with the enterprises
  app's classification from that year's employees/revenue/assets under the standard in force
  at the year's end — not the enterprise's current ``size_class`` — plus whether it was then a
  group or financial subsidiary (excluded from the policy).
- ``RefundBatch`` / ``Refund``: a county's batch of refunds for a year, approved and paid;
  each refund keeps the class, metrics and standard version it was decided on.
- ``FundSplitRule``: the share of each remittance the grassroots union keeps (60 %) and the
  upper levels get (40 %), per province and dated (domain.md §1.5 [M]).
- ``LedgerEntry``: append-only money movements (remittances in, refunds out, reversals).

A remittance recorded wrongly is never edited: it is reversed (冲销) by a second remittance
row with the negated amounts that points at it (``reverses``), and the month may then be
recorded again."""

from __future__ import annotations

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from unionhub.core.models import BaseModel
from unionhub.core.scope import ScopedQuerySet, ScopeSpec
from unionhub.enterprises.choices import SizeClass
from unionhub.funds.choices import BatchStatus, EntryKind, FundKind

ENTERPRISE_REGION = "enterprise__region__path"
MONEY = {"max_digits": 14, "decimal_places": 2}

REMITTANCE_FIELDS = ("enterprise", "fund_kind", "month", "payroll", "paid_on")
SPLIT_FIELDS = ("province_code", "grassroots_percent", "valid_from", "valid_to", "legal_basis")
POLICY_FIELDS = ("name", "valid_from", "valid_to", "legal_basis")
SIZE_RECORD_FIELDS = (
    "enterprise",
    "year",
    "employees",
    "revenue_wan",
    "assets_wan",
    "is_group_subsidiary",
    "is_financial_subsidiary",
)
BATCH_FIELDS = ("region", "year", "fund_kind", "title")
PERCENT = {"max_digits": 5, "decimal_places": 2}


class SharedRowsQuerySet(models.QuerySet):
    """Rows that are the same for every county: everyone allowed to open the page sees all."""

    def visible_to(self, user) -> SharedRowsQuerySet:
        return self.all()


class FundSplitRule(BaseModel):
    """How a province splits each remittance between the grassroots union and the upper
    levels (default Jiangsu 60 % / 40 %, domain.md §1.5 [M]), in force from ``valid_from``
    to ``valid_to`` (open-ended when empty). The rule in force in the remittance's month
    applies."""

    province_code = models.CharField(
        _("province code"), max_length=2, help_text=_("The first two digits of GB/T 2260.")
    )
    grassroots_percent = models.DecimalField(
        _("grassroots share (%)"),
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))],
        **PERCENT,
    )
    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    legal_basis = models.CharField(_("legal basis"), max_length=300)

    scope_exempt = "province-wide split rules, the same for every county of the province"
    objects = SharedRowsQuerySet.as_manager()

    class Meta:
        verbose_name = _("funds split rule")
        verbose_name_plural = _("funds split rules")
        ordering = ["province_code", "valid_from"]

    def __str__(self) -> str:
        return f"{self.province_code} {self.grassroots_percent}%（{self.valid_from}）"

    @property
    def upper_percent(self) -> Decimal:
        return Decimal("100") - self.grassroots_percent


#: what a remittance shows, on its page and in the API
REMITTANCE_SHOWN_FIELDS = (
    "enterprise",
    "fund_kind",
    "month",
    "payroll",
    "amount",
    "split_percent",
    "grassroots_share",
    "upper_share",
    "paid_on",
    "reverses",
    "reason",
)


class Remittance(BaseModel):
    """One month's allocation (拨缴) of an enterprise: 2 % of the month's total payroll,
    rounded half up to the fen — union funds, or the preparation fund while the enterprise
    has no union — split between the grassroots union and the upper levels. A reversing
    row (``reverses`` set) carries the negated figures of the row it cancels."""

    enterprise = models.ForeignKey(
        "enterprises.Enterprise",
        verbose_name=_("enterprise"),
        on_delete=models.PROTECT,
        related_name="fund_remittances",
    )
    fund_kind = models.CharField(
        _("fund kind"), max_length=12, choices=FundKind.choices, default=FundKind.UNION_FUNDS
    )
    month = models.DateField(_("month"), help_text=_("The first day of the month."))
    payroll = models.DecimalField(
        _("total payroll (yuan)"), validators=[MinValueValidator(Decimal("0"))], **MONEY
    )
    amount = models.DecimalField(_("allocation (yuan)"), editable=False, **MONEY)
    grassroots_share = models.DecimalField(
        _("grassroots share (yuan)"), default=Decimal("0"), editable=False, **MONEY
    )
    upper_share = models.DecimalField(
        _("upper-level share (yuan)"), default=Decimal("0"), editable=False, **MONEY
    )
    split_percent = models.DecimalField(
        _("grassroots share (%)"), default=Decimal("0"), editable=False, **PERCENT
    )
    paid_on = models.DateField(_("paid on"))
    reverses = models.OneToOneField(
        "self",
        verbose_name=_("reversed remittance"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="reversal",
    )
    reason = models.CharField(_("reason for the reversal"), max_length=200, blank=True)

    scope_spec = ScopeSpec(region_path=ENTERPRISE_REGION)
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("remittance")
        verbose_name_plural = _("remittances")
        ordering = ["-month", "enterprise__name", "pk"]
        indexes = [models.Index(fields=["enterprise", "month"], name="remittance_ent_month")]

    def __str__(self) -> str:
        mark = gettext("(reversal)") if self.reverses_id else ""
        return f"{self.enterprise.name} {self.month:%Y-%m}{mark}"


class RefundPolicyPeriod(BaseModel):
    """A period of the full-refund policy (e.g. 2020-01-01 … 2021-12-31 and each extension),
    entered by administrators with its legal basis."""

    name = models.CharField(_("name"), max_length=100)
    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(_("valid to"))
    legal_basis = models.CharField(_("legal basis"), max_length=300)

    scope_exempt = "nation-wide policy periods, the same for every county"

    class Meta:
        verbose_name = _("refund policy period")
        verbose_name_plural = _("refund policy periods")
        ordering = ["valid_from"]

    def __str__(self) -> str:
        return f"{self.name}（{self.valid_from} — {self.valid_to}）"


class SizeRecord(BaseModel):
    """The enterprise's SME class for one year, from that year's figures."""

    enterprise = models.ForeignKey(
        "enterprises.Enterprise",
        verbose_name=_("enterprise"),
        on_delete=models.PROTECT,
        related_name="fund_size_records",
    )
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    industry_code = models.CharField(_("industry code"), max_length=5, editable=False)
    employees = models.PositiveIntegerField(_("employees"))
    revenue_wan = models.DecimalField(
        _("operating revenue (10k yuan)"), null=True, blank=True, **MONEY
    )
    assets_wan = models.DecimalField(_("total assets (10k yuan)"), null=True, blank=True, **MONEY)
    size_class = models.CharField(
        _("size class"), max_length=10, choices=SizeClass.choices, blank=True, editable=False
    )
    standard_version = models.CharField(_("standard version"), max_length=40, editable=False)
    is_group_subsidiary = models.BooleanField(
        _("branch or subsidiary of a group company"), default=False
    )
    is_financial_subsidiary = models.BooleanField(
        _("branch or subsidiary of a finance, insurance or securities firm"), default=False
    )

    scope_spec = ScopeSpec(region_path=ENTERPRISE_REGION)
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("size class record")
        verbose_name_plural = _("size class records")
        ordering = ["-year", "enterprise__name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["enterprise", "year"], name="size_record_one_per_year")
        ]

    def __str__(self) -> str:
        return f"{self.enterprise.name} {self.year}"


class RefundBatch(BaseModel):
    """A county union's batch of refunds for one year: prepared, submitted, approved by
    another person, paid (the ledger is posted on payment)."""

    region = models.ForeignKey(
        "org.Region", verbose_name=_("region"), on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    title = models.CharField(_("title"), max_length=150)
    fund_kind = models.CharField(
        _("fund kind"), max_length=12, choices=FundKind.choices, default=FundKind.UNION_FUNDS
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=BatchStatus.choices,
        default=BatchStatus.DRAFT,
        editable=False,
        db_index=True,
    )
    total = models.DecimalField(_("total (yuan)"), default=Decimal("0"), editable=False, **MONEY)
    submitted_by = models.ForeignKey(
        "accounts.User",
        verbose_name=_("submitted by"),
        on_delete=models.PROTECT,
        null=True,
        editable=False,
        related_name="+",
    )
    approved_by = models.ForeignKey(
        "accounts.User",
        verbose_name=_("approver"),
        on_delete=models.PROTECT,
        null=True,
        editable=False,
        related_name="+",
    )
    approved_on = models.DateField(_("approved on"), null=True, editable=False)
    paid_on = models.DateField(_("paid on"), null=True, editable=False)

    scope_spec = ScopeSpec(region_path="region__path")
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("refund batch")
        verbose_name_plural = _("refund batches")
        ordering = ["-year", "-pk"]
        permissions = [("approve_refundbatch", _("Can approve union-fee refund batches"))]

    def __str__(self) -> str:
        return self.title


class Refund(BaseModel):
    """One enterprise's refund in a batch, with the audit of what it was decided on."""

    batch = models.ForeignKey(
        RefundBatch,
        verbose_name=_("refund batch"),
        on_delete=models.PROTECT,
        related_name="refunds",
    )
    enterprise = models.ForeignKey(
        "enterprises.Enterprise",
        verbose_name=_("enterprise"),
        on_delete=models.PROTECT,
        related_name="fund_refunds",
    )
    year = models.PositiveSmallIntegerField(_("year"), editable=False)
    fund_kind = models.CharField(
        _("fund kind"),
        max_length=12,
        choices=FundKind.choices,
        default=FundKind.UNION_FUNDS,
        editable=False,
    )
    size_record = models.ForeignKey(
        SizeRecord, verbose_name=_("size class record"), on_delete=models.PROTECT, editable=False
    )
    size_class = models.CharField(
        _("size class"), max_length=10, choices=SizeClass.choices, editable=False
    )
    standard_version = models.CharField(_("standard version"), max_length=40, editable=False)
    months = models.PositiveSmallIntegerField(_("months refunded"), editable=False)
    amount = models.DecimalField(_("amount (yuan)"), editable=False, **MONEY)
    grassroots_part = models.DecimalField(
        _("from the grassroots share (yuan)"), default=Decimal("0"), editable=False, **MONEY
    )
    upper_part = models.DecimalField(
        _("from the upper-level share (yuan)"), default=Decimal("0"), editable=False, **MONEY
    )
    # Denormalised from the batch, so lists and KPIs filter without a join on its state.
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=BatchStatus.choices,
        default=BatchStatus.DRAFT,
        editable=False,
        db_index=True,
    )
    paid_on = models.DateField(_("paid on"), null=True, editable=False)

    scope_spec = ScopeSpec(region_path=ENTERPRISE_REGION)
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("refund")
        verbose_name_plural = _("refunds")
        ordering = ["-year", "enterprise__name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["enterprise", "year", "fund_kind"], name="refund_one_per_year_and_kind"
            )
        ]

    def __str__(self) -> str:
        return f"{self.enterprise.name} {self.year}"


class AppendOnlyError(PermissionError):
    """A posted ledger entry is never changed or removed."""


class LedgerEntry(BaseModel):
    """Append-only: remittances received (+), reversals (−) and refunds paid (−), per
    enterprise."""

    enterprise = models.ForeignKey(
        "enterprises.Enterprise",
        verbose_name=_("enterprise"),
        on_delete=models.PROTECT,
        related_name="fund_ledger",
    )
    kind = models.CharField(_("kind"), max_length=12, choices=EntryKind.choices)
    amount = models.DecimalField(_("amount (yuan)"), **MONEY)
    occurred_on = models.DateField(_("date"))
    remittance = models.ForeignKey(
        Remittance, verbose_name=_("remittance"), on_delete=models.PROTECT, null=True, blank=True
    )
    refund = models.ForeignKey(
        Refund, verbose_name=_("refund"), on_delete=models.PROTECT, null=True, blank=True
    )
    note = models.CharField(_("note"), max_length=200, blank=True)

    scope_spec = ScopeSpec(region_path=ENTERPRISE_REGION)
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("funds ledger entry")
        verbose_name_plural = _("funds ledger")
        ordering = ["-occurred_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.enterprise.name} {self.get_kind_display()} {self.amount}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise AppendOnlyError(gettext("Ledger entries are append-only and cannot be changed."))
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError(gettext("Ledger entries are append-only and cannot be deleted."))
