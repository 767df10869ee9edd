"""Every write of the innovation studios: keyword-only, the acting user named ``actor``, in a
transaction, rechecking that what was written stays inside the actor's data scope.

Rules (tested in ``tests/test_rules.py``):

- a studio is led by a model worker or a craftsman from the registry (an advanced worker
  cannot lead one); its region is its host enterprise's; its re-evaluation falls due one
  cycle after naming or the last re-evaluation (``studio_reevaluation`` deadline kind);
- an appraisal level belongs to new products only; benefits are not negative;
- funding is a ledger: entries are added, never changed;
- an industry sub-alliance hangs on a top alliance (two levels) and names its industry;
  the lead rotates among member studios;
- a joint project is taken no earlier than posted and completed no earlier than taken.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from unionhub.core.calendar.deadlines import deadline_for
from unionhub.core.services import model_update
from unionhub.people.services import (
    _creator,
    _pick,
    checked_create,
    checked_update,
    invalid,
    require_visible,
)
from unionhub.studios.choices import AchievementKind, ProjectStatus
from unionhub.studios.models import (
    ACHIEVEMENT_FIELDS,
    ALLIANCE_FIELDS,
    ALLIANCEMEMBERSHIP_FIELDS,
    FUNDING_FIELDS,
    JOINTPROJECT_FIELDS,
    STUDIO_FIELDS,
    STUDIOMEMBER_FIELDS,
    Achievement,
    Alliance,
    AllianceMembership,
    Funding,
    JointProject,
    Studio,
    StudioMember,
)

if TYPE_CHECKING:
    from unionhub.accounts.models import User


def reevaluation_due(since: dt.date) -> dt.date:
    return deadline_for("studio_reevaluation", since).due


# --- studios ----------------------------------------------------------------------------


def _check_studio(values: dict[str, Any], actor: User | None) -> None:
    leader = values.get("leader")
    require_visible(values.get("host_enterprise"), actor, "host_enterprise")
    require_visible(leader, actor, "leader")
    if leader is not None and not leader.may_lead_studio:
        raise invalid(
            "leader",
            _(
                "%(name)s is an advanced worker: a studio must be led by a model worker or a "
                "craftsman."
            )
            % {"name": leader.name},
            "leader_not_qualified",
        )
    named_on = values.get("named_on")
    if named_on is not None and named_on > timezone.localdate():
        raise invalid("named_on", _("The naming date cannot be in the future."), "in_future")


@transaction.atomic
def studio_create(*, actor: User | None, **data: Any) -> Studio:
    values = _pick(data, STUDIO_FIELDS)
    _check_studio(values, actor)
    obj = Studio(created_by=_creator(actor), **values)
    if obj.host_enterprise_id:
        obj.region = obj.host_enterprise.region
    if obj.named_on:
        obj.reevaluation_due = reevaluation_due(obj.named_on)
    obj.full_clean()
    obj.save()
    require_visible(obj, actor)
    return obj


@transaction.atomic
def studio_update(*, actor: User | None, studio: Studio, **data: Any) -> Studio:
    require_visible(studio, actor)
    current = {f: getattr(studio, f) for f in STUDIO_FIELDS}
    _check_studio({**current, **_pick(data, STUDIO_FIELDS)}, actor)
    obj, _changed = model_update(instance=studio, fields=STUDIO_FIELDS, data=data)
    region = obj.host_enterprise.region
    due = reevaluation_due(obj.last_reevaluated_on or obj.named_on)
    if (obj.region_id, obj.reevaluation_due) != (region.pk, due):
        obj.region, obj.reevaluation_due = region, due
        obj.save(update_fields=["region", "reevaluation_due", "updated_at"])
    require_visible(obj, actor)
    return obj


@transaction.atomic
def studio_delete(*, actor: User | None, studio: Studio) -> None:
    require_visible(studio, actor)
    if studio.fundings.exists() or studio.projects.exists():
        raise invalid(
            None,
            _("The studio has funding or joint projects on record; mark it out of operation."),
            "in_use",
        )
    studio.delete()


@transaction.atomic
def studio_reevaluate(
    *, actor: User | None, studio: Studio, reevaluated_on: dt.date, passed: bool, note: str = ""
) -> Studio:
    """Record a re-evaluation: passed, the next one falls due a cycle later; failed, the
    studio leaves operation (and its to-do item closes)."""
    require_visible(studio, actor)
    if reevaluated_on < studio.named_on:
        raise invalid(
            "reevaluated_on",
            _("The re-evaluation cannot be before the studio was named (%(date)s).")
            % {"date": studio.named_on.isoformat()},
            "reevaluated_before_named",
        )
    if reevaluated_on > timezone.localdate():
        raise invalid(
            "reevaluated_on", _("The re-evaluation date cannot be in the future."), "in_future"
        )
    studio.last_reevaluated_on = reevaluated_on
    studio.reevaluation_due = reevaluation_due(reevaluated_on)
    studio.is_active = bool(passed)
    studio.save(
        update_fields=["last_reevaluated_on", "reevaluation_due", "is_active", "updated_at"]
    )
    require_visible(studio, actor)
    return studio


# --- members, achievements, funding -----------------------------------------------------


@transaction.atomic
def studiomember_create(*, actor: User | None, **data: Any) -> StudioMember:
    require_visible(data.get("studio"), actor, "studio")
    require_visible(data.get("member"), actor, "member")
    obj = StudioMember(created_by=_creator(actor), **_pick(data, STUDIOMEMBER_FIELDS))
    obj.full_clean()
    obj.save()
    require_visible(obj, actor)
    return obj


@transaction.atomic
def studiomember_update(*, actor: User | None, studiomember: StudioMember, **data: Any):
    require_visible(studiomember, actor)
    require_visible(data.get("studio"), actor, "studio")
    require_visible(data.get("member"), actor, "member")
    obj, _changed = model_update(instance=studiomember, fields=STUDIOMEMBER_FIELDS, data=data)
    require_visible(obj, actor)
    return obj


@transaction.atomic
def studiomember_delete(*, actor: User | None, studiomember: StudioMember) -> None:
    require_visible(studiomember, actor)
    studiomember.delete()


def _check_achievement(values: dict[str, Any], actor: User | None) -> None:
    require_visible(values.get("studio"), actor, "studio")
    if values.get("appraisal_level") and values.get("kind") != AchievementKind.NEW_PRODUCT:
        raise invalid(
            "appraisal_level",
            _("Only a new product has an appraisal level."),
            "appraisal_only_for_products",
        )
    benefit = values.get("economic_benefit")
    if benefit is not None and Decimal(benefit) < 0:
        raise invalid(
            "economic_benefit", _("The economic benefit cannot be negative."), "negative_amount"
        )
    achieved_on = values.get("achieved_on")
    if achieved_on is not None and achieved_on > timezone.localdate():
        raise invalid("achieved_on", _("The date cannot be in the future."), "in_future")


@transaction.atomic
def achievement_create(*, actor: User | None, **data: Any) -> Achievement:
    return checked_create(Achievement, ACHIEVEMENT_FIELDS, _check_achievement, actor, data)


@transaction.atomic
def achievement_update(*, actor: User | None, achievement: Achievement, **data: Any):
    return checked_update(achievement, ACHIEVEMENT_FIELDS, _check_achievement, actor, data)


@transaction.atomic
def achievement_delete(*, actor: User | None, achievement: Achievement) -> None:
    require_visible(achievement, actor)
    achievement.delete()


@transaction.atomic
def funding_create(*, actor: User | None, **data: Any) -> Funding:
    """Add a funding entry (the ledger is append-only: a correction is a negative entry)."""
    require_visible(data.get("studio"), actor, "studio")
    amount = data.get("amount")
    if amount is not None and Decimal(amount) == 0:
        raise invalid("amount", _("The amount cannot be zero."), "zero_amount")
    obj = Funding(created_by=_creator(actor), **_pick(data, FUNDING_FIELDS))
    obj.full_clean()
    obj.save()
    require_visible(obj, actor)
    return obj


# --- alliances --------------------------------------------------------------------------


def _check_alliance(values: dict[str, Any], actor: User | None, alliance=None) -> None:
    parent = values.get("parent")
    require_visible(parent, actor, "parent")
    if parent is not None:
        if parent.parent_id is not None:
            raise invalid(
                "parent",
                _("An industry alliance can only belong to a top-level alliance."),
                "nested_too_deep",
            )
        if alliance is not None and (parent.pk == alliance.pk or alliance.children.exists()):
            raise invalid(
                "parent",
                _("An alliance with industry alliances of its own cannot become one."),
                "nested_too_deep",
            )
        if not values.get("industry"):
            raise invalid(
                "industry", _("An industry alliance must name its industry."), "industry_required"
            )
    lead = values.get("lead_studio")
    if lead is not None and alliance is not None:
        if not alliance.memberships.filter(studio=lead).exists():
            raise invalid(
                "lead_studio",
                _("The lead studio must be a member of the alliance."),
                "lead_not_member",
            )


@transaction.atomic
def alliance_create(*, actor: User | None, **data: Any) -> Alliance:
    """Found an alliance; a lead studio named at founding becomes its first member."""
    values = _pick(data, ALLIANCE_FIELDS)
    _check_alliance(values, actor)
    require_visible(values.get("lead_studio"), actor, "lead_studio")
    obj = Alliance(created_by=_creator(actor), **values)
    if obj.lead_studio_id:
        obj.lead_since = obj.founded_on
    obj.full_clean()
    obj.save()
    if obj.lead_studio_id:
        AllianceMembership.objects.create(
            created_by=_creator(actor),
            alliance=obj,
            studio=obj.lead_studio,
            joined_on=obj.founded_on,
        )
    require_visible(obj, actor)
    return obj


@transaction.atomic
def alliance_update(*, actor: User | None, alliance: Alliance, **data: Any) -> Alliance:
    require_visible(alliance, actor)
    current = {f: getattr(alliance, f) for f in ALLIANCE_FIELDS}
    merged = {**current, **_pick(data, ALLIANCE_FIELDS)}
    _check_alliance(merged, actor, alliance)
    lead_changed = merged.get("lead_studio") != alliance.lead_studio
    obj, _changed = model_update(instance=alliance, fields=ALLIANCE_FIELDS, data=data)
    if lead_changed:
        obj.lead_since = timezone.localdate() if obj.lead_studio_id else None
        obj.save(update_fields=["lead_since", "updated_at"])
    require_visible(obj, actor)
    return obj


@transaction.atomic
def alliance_delete(*, actor: User | None, alliance: Alliance) -> None:
    require_visible(alliance, actor)
    if alliance.children.exists():
        raise invalid(
            None,
            _("Remove the industry alliances of this alliance first."),
            "has_children",
        )
    alliance.delete()


@transaction.atomic
def alliance_rotate_lead(
    *, actor: User | None, alliance: Alliance, lead_studio: Studio, since: dt.date
) -> Alliance:
    """Hand the rotating lead (轮值牵头) to another member studio from ``since``."""
    require_visible(alliance, actor)
    if not alliance.memberships.filter(studio=lead_studio).exists():
        raise invalid(
            "lead_studio",
            _("The lead studio must be a member of the alliance."),
            "lead_not_member",
        )
    if lead_studio.pk == alliance.lead_studio_id:
        raise invalid("lead_studio", _("This studio already holds the lead."), "same_lead")
    if alliance.lead_since and since < alliance.lead_since:
        raise invalid(
            "since",
            _("The new lead cannot start before the current one (%(date)s).")
            % {"date": alliance.lead_since.isoformat()},
            "lead_before_current",
        )
    alliance.lead_studio = lead_studio
    alliance.lead_since = since
    alliance.save(update_fields=["lead_studio", "lead_since", "updated_at"])
    require_visible(alliance, actor)
    return alliance


def _check_membership(values: dict[str, Any], actor: User | None, membership=None) -> None:
    require_visible(values.get("alliance"), actor, "alliance")
    require_visible(values.get("studio"), actor, "studio")
    duplicate = AllianceMembership.objects.filter(
        alliance=values.get("alliance"), studio=values.get("studio")
    )
    if membership is not None:
        duplicate = duplicate.exclude(pk=membership.pk)
    if duplicate.exists():
        raise invalid(
            "studio", _("The studio is already a member of this alliance."), "already_member"
        )


@transaction.atomic
def alliancemembership_create(*, actor: User | None, **data: Any) -> AllianceMembership:
    return checked_create(
        AllianceMembership, ALLIANCEMEMBERSHIP_FIELDS, _check_membership, actor, data
    )


@transaction.atomic
def alliancemembership_update(
    *, actor: User | None, alliancemembership: AllianceMembership, **data: Any
) -> AllianceMembership:
    require_visible(alliancemembership, actor)
    current = {f: getattr(alliancemembership, f) for f in ALLIANCEMEMBERSHIP_FIELDS}
    _check_membership(
        {**current, **_pick(data, ALLIANCEMEMBERSHIP_FIELDS)}, actor, alliancemembership
    )
    obj, _changed = model_update(
        instance=alliancemembership, fields=ALLIANCEMEMBERSHIP_FIELDS, data=data
    )
    require_visible(obj, actor)
    return obj


@transaction.atomic
def alliancemembership_delete(*, actor: User | None, alliancemembership: AllianceMembership):
    require_visible(alliancemembership, actor)
    if alliancemembership.alliance.lead_studio_id == alliancemembership.studio_id:
        raise invalid(
            None,
            _("The lead studio cannot leave; rotate the lead first."),
            "lead_cannot_leave",
        )
    alliancemembership.delete()


# --- joint projects (揭榜挂帅) -----------------------------------------------------------


def _check_project(values: dict[str, Any], actor: User | None) -> None:
    require_visible(values.get("poster"), actor, "poster")
    require_visible(values.get("alliance"), actor, "alliance")
    reward = values.get("reward")
    if reward is not None and Decimal(reward) < 0:
        raise invalid("reward", _("The reward cannot be negative."), "negative_amount")


@transaction.atomic
def jointproject_create(*, actor: User | None, **data: Any) -> JointProject:
    return checked_create(JointProject, JOINTPROJECT_FIELDS, _check_project, actor, data)


@transaction.atomic
def jointproject_update(*, actor: User | None, jointproject: JointProject, **data: Any):
    return checked_update(jointproject, JOINTPROJECT_FIELDS, _check_project, actor, data)


@transaction.atomic
def jointproject_delete(*, actor: User | None, jointproject: JointProject) -> None:
    require_visible(jointproject, actor)
    if jointproject.status != ProjectStatus.POSTED:
        raise invalid(None, _("A project taken by a studio stays on record."), "project_taken")
    jointproject.delete()


@transaction.atomic
def jointproject_take(
    *, actor: User | None, jointproject: JointProject, studio: Studio, taken_on: dt.date
) -> JointProject:
    """A studio takes the posted problem (揭榜). Any studio may take it, from any region."""
    require_visible(jointproject, actor)
    if jointproject.status != ProjectStatus.POSTED:
        raise invalid(None, _("This problem has already been taken."), "already_taken")
    if taken_on < jointproject.posted_on:
        raise invalid(
            "taken_on",
            _("The problem cannot be taken (%(taken)s) before it was posted (%(posted)s).")
            % {"taken": taken_on.isoformat(), "posted": jointproject.posted_on.isoformat()},
            "taken_before_posted",
        )
    jointproject.taken_by = studio
    jointproject.taken_on = taken_on
    jointproject.status = ProjectStatus.TAKEN
    jointproject.save(update_fields=["taken_by", "taken_on", "status", "updated_at"])
    require_visible(jointproject, actor)
    return jointproject


@transaction.atomic
def jointproject_complete(
    *,
    actor: User | None,
    jointproject: JointProject,
    completed_on: dt.date,
    solved: bool,
    outcome: str,
    economic_benefit: Decimal = Decimal("0"),
) -> JointProject:
    require_visible(jointproject, actor)
    if jointproject.status != ProjectStatus.TAKEN:
        raise invalid(None, _("Only a problem taken by a studio can be completed."), "not_taken")
    if completed_on < jointproject.taken_on:
        raise invalid(
            "completed_on",
            _("The project cannot be completed before it was taken (%(date)s).")
            % {"date": jointproject.taken_on.isoformat()},
            "completed_before_taken",
        )
    if economic_benefit is not None and Decimal(economic_benefit) < 0:
        raise invalid(
            "economic_benefit", _("The economic benefit cannot be negative."), "negative_amount"
        )
    jointproject.completed_on = completed_on
    jointproject.status = ProjectStatus.SOLVED if solved else ProjectStatus.FAILED
    jointproject.outcome = outcome
    jointproject.economic_benefit = economic_benefit or Decimal("0")
    jointproject.save(
        update_fields=["completed_on", "status", "outcome", "economic_benefit", "updated_at"]
    )
    require_visible(jointproject, actor)
    return jointproject
