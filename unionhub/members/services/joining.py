"""Online joining (网上入会): filing an application (public, no login) and reviewing it."""

from __future__ import annotations

import secrets
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from unionhub.core.scope import scope_for
from unionhub.members.choices import ApplicationStatus, Occupation
from unionhub.members.models import JoinApplication, Member, id_number_hashes
from unionhub.members.selectors import (
    account_linked_on_approval,
    employer_lookup,
    joinapplication_route,
    town_region,
)
from unionhub.members.services._common import (
    Errors,
    add_error,
    check_choice,
    check_identity,
    check_key_group,
    duplicate_id_error,
    ensure_visible,
    existing_member_with_id,
    raise_errors,
)
from unionhub.members.services.members import member_create, member_link_account

if TYPE_CHECKING:
    from unionhub.accounts.models import User

__all__ = [
    "CONSENT_VERSION",
    "joinapplication_apply",
    "joinapplication_approve",
    "joinapplication_reject",
    "joinapplication_submit",
]

CONSENT_VERSION = "2026-01"
_CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


def files_for_themself(actor: Any) -> bool:
    """Whether a signed-in ``actor`` filing an application is the applicant: an account
    with no staff data scope (a worker, or an account with no role yet). Staff filing on a
    worker's behalf see other people's records, and their account is never recorded."""
    if actor is None or not getattr(actor, "is_authenticated", False):
        return False
    scope = scope_for(actor)
    return scope.own_only or scope.is_empty


def _new_application_code() -> str:
    while True:
        code = "".join(secrets.choice(_CODE_ALPHABET) for _ in range(8))
        if not JoinApplication.objects.filter(code=code).exists():
            return code


@transaction.atomic
def joinapplication_submit(
    *,
    actor: User | None,
    name: str,
    id_number: str,
    phone: str,
    region_code: str,
    employer: Any = None,
    employer_name: str = "",
    no_fixed_employer: bool = False,
    occupation: str = "",
    is_new_employment: bool = False,
    key_group: str = "",
    platform_name: str = "",
    consent: bool = False,
) -> JoinApplication:
    """File an online join application. The worker files it (public, no login: ``actor``
    is None, or whoever is signed in, since staff may file on a worker's behalf); the
    application goes to the union the region and employer decide, whoever files it. All
    problems are reported at once; nothing is saved unless everything is valid."""
    errors: Errors = {}
    check_identity(errors, name=name, id_number=id_number, phone=phone)
    region = town_region(region_code)
    if region is None:
        add_error(
            errors,
            "region",
            _(
                "Choose a town or street in Yancheng; applications from other regions are not accepted here."
            ),
            "outside_yancheng",
        )
    if employer is None and not no_fixed_employer and not (employer_name or "").strip():
        add_error(
            errors,
            "employer_name",
            _("Enter your employer, or tick “no fixed employer”."),
            "required",
        )
    check_choice(errors, "occupation", occupation, Occupation)
    check_key_group(errors, is_new_employment, key_group)
    if not consent:
        add_error(
            errors,
            "consent",
            _(
                "Please agree to the collection of your ID number and phone for membership registration."
            ),
            "required",
        )
    if "id_number" not in errors:
        hashes = id_number_hashes(id_number)
        if Member.objects.filter(id_number_hash__in=hashes).exists():
            add_error(
                errors,
                "id_number",
                _(
                    "This ID number is already registered as a union member; no new application is needed."
                ),
                "already_member",
            )
        elif JoinApplication.objects.pending().filter(id_number_hash__in=hashes).exists():
            add_error(
                errors,
                "id_number",
                _(
                    "An application with this ID number is already waiting for review; check its progress on the status page."
                ),
                "already_pending",
            )
    raise_errors(errors)
    union = joinapplication_route(region=region, employer=employer)
    app = JoinApplication(
        code=_new_application_code(),
        name=name.strip(),
        region=region,
        union=union,
        no_fixed_employer=no_fixed_employer and employer is None,
        employer_name=(getattr(employer, "name", "") or employer_name or "").strip()[:150],
        occupation=occupation,
        is_new_employment=is_new_employment,
        key_group=key_group if is_new_employment else "",
        platform_name=(platform_name or "").strip(),
        consent_version=CONSENT_VERSION,
        consented_at=timezone.now(),
        applicant_account=actor if files_for_themself(actor) else None,
    )
    app.employer = employer
    app.id_number = id_number
    app.phone = phone
    app.save()
    return app


def joinapplication_apply(
    *,
    actor: User | None,
    name: str,
    id_number: str,
    phone: str,
    region_code: str,
    employer_name: str = "",
    no_fixed_employer: bool = False,
    occupation: str = "",
    is_new_employment: bool = False,
    key_group: str = "",
    platform_name: str = "",
    consent: bool = False,
) -> JoinApplication:
    """What the public join page and the mini-program API both call: the employer is
    matched by the name the worker typed (in the county of the chosen town), then the
    application is filed by ``joinapplication_submit`` with all its checks."""
    return joinapplication_submit(
        actor=actor,
        name=name,
        id_number=id_number,
        phone=phone,
        region_code=region_code,
        employer=employer_lookup(name=employer_name, region_code=region_code),
        employer_name=employer_name,
        no_fixed_employer=no_fixed_employer,
        occupation=occupation,
        is_new_employment=is_new_employment,
        key_group=key_group,
        platform_name=platform_name,
        consent=consent,
    )


def _lock_pending(application: JoinApplication, actor: User) -> JoinApplication:
    ensure_visible(application, actor)
    app = JoinApplication.objects.select_for_update().get(pk=application.pk)
    if app.status != ApplicationStatus.PENDING:
        raise ValidationError(_("This application has already been decided."), code="decided")
    return app


@transaction.atomic
def joinapplication_approve(
    *, actor: User, application: JoinApplication, card_number: str = ""
) -> Member:
    """Approve an application in the actor's scope: the applicant becomes a member of the
    reviewing union, linked to their platform account when they filed it signed in (and
    that account is not linked to a member yet)."""
    app = _lock_pending(application, actor)
    if existing_member_with_id(app.id_number):
        raise ValidationError({"id_number": duplicate_id_error()})
    member = member_create(
        actor=actor,
        name=app.name,
        id_number=app.id_number,
        phone=app.phone,
        union=app.union,
        employer=getattr(app, "employer", None),
        occupation=app.occupation,
        is_new_employment=app.is_new_employment,
        key_group=app.key_group,
        platform_name=app.platform_name,
        card_number=card_number,
        consent_version=app.consent_version,
        consented_at=app.consented_at,
        application=app,
    )
    outcome, account = account_linked_on_approval(app)
    if outcome == "link":
        # The worker filed it signed in: their /me/ pages show the membership at once.
        member_link_account(actor=actor, member=member, account=account)
    app.status = ApplicationStatus.APPROVED
    app.decided_at = timezone.now()
    app.decided_by = actor
    app.member = member
    app.save()
    ensure_visible(app, actor)
    application.refresh_from_db()
    return member


@transaction.atomic
def joinapplication_reject(
    *, actor: User, application: JoinApplication, reason: str
) -> JoinApplication:
    """Reject an application in the actor's scope, with the reason the applicant sees."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(
            {
                "reject_reason": ValidationError(
                    _("Give the reason for rejecting the application."), code="required"
                )
            }
        )
    app = _lock_pending(application, actor)
    app.status = ApplicationStatus.REJECTED
    app.decided_at = timezone.now()
    app.decided_by = actor
    app.reject_reason = reason[:300]
    app.save()
    ensure_visible(app, actor)
    application.refresh_from_db()
    return app
