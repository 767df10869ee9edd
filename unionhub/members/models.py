"""Members (会员) and the records around them: online join applications (网上入会) and
transfers between unions (会员转移)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from unionhub.core import crypto
from unionhub.core.models import BaseModel
from unionhub.core.pii import mask_id_number, mask_name, mask_phone
from unionhub.core.scope import ScopedQuerySet, ScopeSpec, scope_for
from unionhub.core.validators.idcard import parse_id_number, parse_phone
from unionhub.members.choices import (
    ApplicationStatus,
    Gender,
    KeyGroup,
    MemberStatus,
    Occupation,
    PoliticalStatus,
    SkillLevel,
    TransferStatus,
)

ID_CONTEXT = "id_number"
PHONE_CONTEXT = "phone"
PERSONAL_DATA_PERMISSION = "accounts.view_personal_data"
#: Days a join application may wait before it counts as overdue (issue 5; cf. 申工社's
#: 15-day contact rule in peers.md). Counted per domain.md §0.2: the day of submission is
#: not counted, so an application of 1 May is due by 16 May and overdue from 17 May.
REVIEW_DEADLINE_DAYS = 15


def may_view_personal_data(user: Any) -> bool:
    return bool(user is not None and user.has_perm(PERSONAL_DATA_PERMISSION))


def id_number_hashes(value: str) -> list[str]:
    from unionhub.core.validators.idcard import normalise_id_number

    return crypto.pii_hashes(normalise_id_number(value), context=ID_CONTEXT)


def phone_hashes(value: str) -> list[str]:
    from unionhub.core.validators.idcard import normalise_phone

    return crypto.pii_hashes(normalise_phone(value), context=PHONE_CONTEXT)


class PersonIdentity(BaseModel):
    """The identity columns shared by members and join applications. The ID number and the
    phone are stored only encrypted (``*_enc``) plus a keyed hash (``*_hash``) for lookup;
    the clear values exist only in memory, through the ``id_number`` / ``phone`` properties.
    Sex and birth date are derived from the ID number (domain.md §10.2)."""

    name = models.CharField(pgettext_lazy("person", "name"), max_length=50)
    id_number_enc = models.CharField(_("ID number (encrypted)"), max_length=200, editable=False)
    id_number_hash = models.CharField(
        _("ID number (keyed hash)"), max_length=64, editable=False, db_index=True
    )
    phone_enc = models.CharField(_("mobile phone (encrypted)"), max_length=200, editable=False)
    phone_hash = models.CharField(
        _("mobile phone (keyed hash)"), max_length=64, editable=False, db_index=True
    )
    gender = models.CharField(_("sex"), max_length=10, choices=Gender.choices, editable=False)
    birth_date = models.DateField(_("birth date"), null=True, editable=False)

    # The name too: the append-only audit trail must not keep what retention erases.
    pii_fields = (
        "name",
        "id_number_enc",
        "id_number_hash",
        "phone_enc",
        "phone_hash",
        "birth_date",
    )

    class Meta:
        abstract = True

    # --- clear values (memory only) ------------------------------------------------------
    @property
    def id_number(self) -> str:
        cached = self.__dict__.get("_id_number_clear")
        if cached is None or cached[0] != self.id_number_enc:
            cached = (self.id_number_enc, crypto.decrypt(self.id_number_enc, context=ID_CONTEXT))
            self.__dict__["_id_number_clear"] = cached
        return cached[1]

    @id_number.setter
    def id_number(self, value: str) -> None:
        info = parse_id_number(value)
        self.id_number_enc = crypto.encrypt(info.number, context=ID_CONTEXT)
        self.id_number_hash = crypto.pii_hash(info.number, context=ID_CONTEXT)
        self.gender = Gender.MALE if info.gender == "male" else Gender.FEMALE
        self.birth_date = info.birth_date
        self.__dict__["_id_number_clear"] = (self.id_number_enc, info.number)

    @property
    def phone(self) -> str:
        cached = self.__dict__.get("_phone_clear")
        if cached is None or cached[0] != self.phone_enc:
            cached = (self.phone_enc, crypto.decrypt(self.phone_enc, context=PHONE_CONTEXT))
            self.__dict__["_phone_clear"] = cached
        return cached[1]

    @phone.setter
    def phone(self, value: str) -> None:
        phone = parse_phone(value)
        self.phone_enc = crypto.encrypt(phone, context=PHONE_CONTEXT)
        self.phone_hash = crypto.pii_hash(phone, context=PHONE_CONTEXT)
        self.__dict__["_phone_clear"] = (self.phone_enc, phone)

    # --- display -------------------------------------------------------------------------
    @property
    def id_number_masked(self) -> str:
        return mask_id_number(self.id_number)

    @property
    def phone_masked(self) -> str:
        return mask_phone(self.phone)

    def id_number_for(self, user: Any) -> str:
        return self.id_number if may_view_personal_data(user) else self.id_number_masked

    def phone_for(self, user: Any) -> str:
        return self.phone if may_view_personal_data(user) else self.phone_masked

    def audit_mask(self, name: str) -> Any:
        """What the audit trail stores for a personal-data column: the masked clear value,
        never the clear value, the ciphertext or the hash."""
        if name == "id_number_enc":
            return mask_id_number(self.id_number) if self.id_number_enc else ""
        if name == "phone_enc":
            return mask_phone(self.phone) if self.phone_enc else ""
        if name == "birth_date":
            return f"{self.birth_date.year}-**-**" if self.birth_date else ""
        if name == "name":
            return mask_name(self.name)
        return ""  # hashes: nothing worth recording

    def audit_repr(self) -> str:
        """How the audit trail names the record: masked, like its personal-data fields."""
        return mask_name(self.name)


class MemberQuerySet(ScopedQuerySet):
    def search_identity(self, value: str) -> MemberQuerySet:
        """Exact match on a full ID number or phone, through the keyed hashes."""
        return self.filter(
            Q(id_number_hash__in=id_number_hashes(value)) | Q(phone_hash__in=phone_hashes(value))
        )


class Member(PersonIdentity):
    """A trade-union member (工会会员): a worker registered with a grassroots union, with
    their protected identity data, employer, occupation and (for new-employment-form
    workers) the key group of the national membership drive."""

    # The worker's own platform account, when they have one: what /me/ shows them.
    account = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("platform account"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="member",
    )
    union = models.ForeignKey(
        "org.OrgUnit",
        verbose_name=_("grassroots union"),
        on_delete=models.PROTECT,
        related_name="members",
    )
    employer = models.ForeignKey(
        "enterprises.Enterprise",
        verbose_name=_("employer"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="members",
        help_text=_("Empty for workers without a fixed employer."),
    )
    occupation = models.CharField(
        _("occupation"), max_length=30, choices=Occupation.choices, blank=True
    )
    is_new_employment = models.BooleanField(_("new-employment-form worker"), default=False)
    key_group = models.CharField(
        _("key group"), max_length=30, choices=KeyGroup.choices, blank=True
    )
    platform_name = models.CharField(_("platform / company"), max_length=100, blank=True)
    joined_on = models.DateField(_("joined on"), default=timezone.localdate)
    status = models.CharField(
        _("status"), max_length=20, choices=MemberStatus.choices, default=MemberStatus.ACTIVE
    )
    card_number = models.CharField(_("member card number"), max_length=30, blank=True)
    political_status = models.CharField(
        _("political status"), max_length=20, choices=PoliticalStatus.choices, blank=True
    )
    skill_level = models.CharField(
        _("skill level"), max_length=10, choices=SkillLevel.choices, blank=True
    )
    consent_version = models.CharField(_("consent version"), max_length=20, blank=True)
    consented_at = models.DateTimeField(_("consented at"), null=True, blank=True)
    left_on = models.DateField(
        _("left the union on"),
        null=True,
        blank=True,
        help_text=_(
            "Only for members who left; today when left empty. Their personal data is "
            "anonymised once the retention period after this day has passed."
        ),
    )
    anonymised_at = models.DateTimeField(
        _("personal data anonymised at"), null=True, blank=True, editable=False
    )

    scope_spec = ScopeSpec(org_path="union__path", region_path="union__region__path")
    objects = MemberQuerySet.as_manager()

    class Meta:
        verbose_name = pgettext_lazy("member model", "member")
        verbose_name_plural = pgettext_lazy("member model", "members")
        ordering = ["-joined_on", "-id"]
        permissions = [("import_member", _("Can import members"))]
        constraints = [
            # Anonymised members keep no hash: the rule applies to the ones that have one.
            models.UniqueConstraint(
                fields=["id_number_hash"],
                condition=~Q(id_number_hash=""),
                name="members_member_unique_id",
            ),
            models.UniqueConstraint(
                fields=["card_number"],
                condition=~Q(card_number=""),
                name="members_member_unique_card",
            ),
        ]
        indexes = [models.Index(fields=["status", "is_new_employment"])]

    def __str__(self) -> str:
        return self.name


class JoinApplicationQuerySet(ScopedQuerySet):
    def pending(self) -> JoinApplicationQuerySet:
        return self.filter(status=ApplicationStatus.PENDING)


class JoinApplication(PersonIdentity):
    """An online application to join the union (网上入会), submitted by a worker on the
    public phone page and routed to the grassroots union of their employer, or else to the
    town (street) federation of their region, which approves or rejects it."""

    code = models.CharField(_("application code"), max_length=12, unique=True, editable=False)
    region = models.ForeignKey(
        "org.Region", verbose_name=_("town / street"), on_delete=models.PROTECT, related_name="+"
    )
    union = models.ForeignKey(
        "org.OrgUnit",
        verbose_name=_("reviewing union"),
        on_delete=models.PROTECT,
        related_name="join_applications",
    )
    no_fixed_employer = models.BooleanField(_("no fixed employer"), default=False)
    employer = models.ForeignKey(
        "enterprises.Enterprise",
        verbose_name=_("employer"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    employer_name = models.CharField(_("employer as entered"), max_length=150, blank=True)
    occupation = models.CharField(
        _("occupation"), max_length=30, choices=Occupation.choices, blank=True
    )
    is_new_employment = models.BooleanField(_("new-employment-form worker"), default=False)
    key_group = models.CharField(
        _("key group"), max_length=30, choices=KeyGroup.choices, blank=True
    )
    platform_name = models.CharField(_("platform / company"), max_length=100, blank=True)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ApplicationStatus.choices,
        default=ApplicationStatus.PENDING,
    )
    decided_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewed by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    reject_reason = models.CharField(_("reason for rejection"), max_length=300, blank=True)
    member = models.ForeignKey(
        Member,
        verbose_name=_("member"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="applications",
    )
    consent_version = models.CharField(_("consent version"), max_length=20, blank=True)
    consented_at = models.DateTimeField(_("consented at"), null=True, blank=True)
    # The worker's own platform account when they filed it signed in, for themself (not
    # staff filing on their behalf): approval links the new member to it, for /me/.
    applicant_account = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("applicant's platform account"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )

    scope_spec = ScopeSpec(org_path="union__path", region_path="region__path")
    objects = JoinApplicationQuerySet.as_manager()

    class Meta:
        verbose_name = _("join application")
        verbose_name_plural = _("join applications")
        ordering = ["-created_at", "-id"]
        permissions = [("review_joinapplication", _("Can approve or reject join applications"))]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    @property
    def submitted_on(self) -> dt.date:
        return timezone.localdate(self.created_at) if self.created_at else timezone.localdate()

    def due_on(self) -> dt.date:
        """The last day of the review period (start day not counted, rolled past a
        public-holiday block) — computed by the one deadline service."""
        from unionhub.core.calendar.deadlines import add_period

        return add_period(self.submitted_on, days=REVIEW_DEADLINE_DAYS).due

    def days_waiting(self, today: dt.date | None = None) -> int:
        end = (
            timezone.localdate(self.decided_at)
            if self.decided_at
            else (today or timezone.localdate())
        )
        return (end - self.submitted_on).days

    def is_overdue(self, today: dt.date | None = None) -> bool:
        if self.status != ApplicationStatus.PENDING:
            return False
        return (today or timezone.localdate()) > self.due_on()


class MemberTransferQuerySet(ScopedQuerySet):
    def visible_to(self, user: Any) -> MemberTransferQuerySet:
        """Both sides see a transfer: the union the member leaves and the one they join."""
        scope = scope_for(user)
        if scope.is_empty:
            return self.none()
        q_from = scope.q_for(self.model.scope_spec)
        q_to = scope.q_for(
            ScopeSpec(org_path="to_union__path", region_path="to_union__region__path")
        )
        if q_from is None or q_to is None:
            return self
        return self.filter(q_from | q_to)


class MemberTransfer(BaseModel):
    """A member's move from one grassroots union to another (会员转移). Requested by either
    side and confirmed by the other; only when both sides have confirmed does the member
    change union. Kept as the member's transfer history."""

    member = models.ForeignKey(
        Member, verbose_name=_("member"), on_delete=models.PROTECT, related_name="transfers"
    )
    from_union = models.ForeignKey(
        "org.OrgUnit", verbose_name=_("from union"), on_delete=models.PROTECT, related_name="+"
    )
    to_union = models.ForeignKey(
        "org.OrgUnit", verbose_name=_("to union"), on_delete=models.PROTECT, related_name="+"
    )
    reason = models.CharField(_("reason for the transfer"), max_length=300, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=TransferStatus.choices, default=TransferStatus.PENDING
    )
    from_confirmed_at = models.DateTimeField(
        _("confirmed by the old union at"), null=True, blank=True
    )
    from_confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("confirmed by (old union)"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    to_confirmed_at = models.DateTimeField(
        _("confirmed by the new union at"), null=True, blank=True
    )
    to_confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("confirmed by (new union)"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    decision_note = models.CharField(_("note"), max_length=300, blank=True)

    scope_spec = ScopeSpec(org_path="from_union__path", region_path="from_union__region__path")
    objects = MemberTransferQuerySet.as_manager()

    class Meta:
        verbose_name = _("member transfer")
        verbose_name_plural = _("member transfers")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.member} {self.from_union} → {self.to_union}"
