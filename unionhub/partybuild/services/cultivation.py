"""The dual-cultivation pipeline (双向培养): technical backbone → party member → manager.
Each stage needs the previous one, on the same day or later."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils.translation import gettext as _

from unionhub.core.services import model_update
from unionhub.partybuild.models import CULTIVATION_FIELDS, Cultivation
from unionhub.partybuild.services._common import check_visible, invalid, not_in_future, save_new

if TYPE_CHECKING:
    from unionhub.accounts.models import User

#: the stages in order: (field, label)
STAGES = (
    ("backbone_on", "technical backbone"),
    ("party_member_on", "party member"),
    ("manager_on", "manager"),
)


def stage_labels() -> dict[str, str]:
    return {
        "backbone_on": _("became a technical backbone"),
        "party_member_on": _("joined the party"),
        "manager_on": _("became a manager"),
    }


def validate_stages(
    *, backbone_on: dt.date | None, party_member_on: dt.date | None, manager_on: dt.date | None
) -> None:
    """Order enforced (pure, table-tested): no stage without the previous one, no stage
    date before the previous stage's date; none in the future."""
    labels = stage_labels()
    dates = {
        "backbone_on": backbone_on,
        "party_member_on": party_member_on,
        "manager_on": manager_on,
    }
    for field, value in dates.items():
        not_in_future(field, value, labels[field])
    if backbone_on is None:
        raise invalid(
            "backbone_on", _("Give the day the person became a technical backbone."), "required"
        )
    fields = [f for f, _label in STAGES]
    for previous, field in zip(fields, fields[1:], strict=False):
        value, before = dates[field], dates[previous]
        if value is None:
            continue
        if before is None:
            raise invalid(
                field,
                _("The person must first have %(prev)s before they %(this)s.")
                % {"prev": labels[previous], "this": labels[field]},
                "previous_stage_missing",
            )
        if value < before:
            raise invalid(
                field,
                _("The day they %(this)s (%(d)s) cannot be before the day they %(prev)s (%(b)s).")
                % {"this": labels[field], "d": value, "prev": labels[previous], "b": before},
                "before_previous_stage",
            )


def _check(values: dict[str, Any], actor: User | None) -> dict[str, Any]:
    enterprise, member = values["enterprise"], values.get("member")
    check_visible(enterprise, actor, "enterprise")
    check_visible(member, actor, "member")
    if member is not None:
        if member.employer_id and member.employer_id != enterprise.pk:
            raise invalid(
                "member",
                _("%(m)s works for another enterprise.") % {"m": member.name},
                "member_not_employee",
            )
        values["name"] = values.get("name") or member.name
    if not values.get("name"):
        raise invalid("name", _("Give the person's name or choose the member."), "required")
    validate_stages(
        backbone_on=values.get("backbone_on"),
        party_member_on=values.get("party_member_on"),
        manager_on=values.get("manager_on"),
    )
    return values


@transaction.atomic
def cultivation_create(*, actor: User | None, **data: Any) -> Cultivation:
    values = _check({k: v for k, v in data.items() if k in CULTIVATION_FIELDS}, actor)
    return save_new(Cultivation(**values), actor)


@transaction.atomic
def cultivation_update(*, actor: User | None, cultivation: Cultivation, **data: Any) -> Cultivation:
    check_visible(cultivation, actor)
    values = _check({f: data.get(f, getattr(cultivation, f)) for f in CULTIVATION_FIELDS}, actor)
    obj, _changed = model_update(instance=cultivation, fields=CULTIVATION_FIELDS, data=values)
    check_visible(obj, actor)
    return obj


@transaction.atomic
def cultivation_delete(*, actor: User | None, cultivation: Cultivation) -> None:
    check_visible(cultivation, actor)
    cultivation.delete()
