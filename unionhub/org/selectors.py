"""Reads on the organisation trees."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext as _

from unionhub.org.models import OrgUnit


def orgunit_dependents(*, unit: OrgUnit) -> dict[type[models.Model], int]:
    """What still hangs on ``unit``: subordinate organisations (under ``OrgUnit``) and, per
    model of any app, the records whose foreign keys or many-to-many fields point at it."""
    found: dict[type[models.Model], int] = {}
    children = unit.children.count()
    if children:
        found[OrgUnit] = children
    for rel in OrgUnit._meta.get_fields(include_hidden=True):
        if not (rel.auto_created and not rel.concrete and rel.is_relation):
            continue
        related = rel.related_model
        if related is OrgUnit or related._meta.auto_created:
            continue
        n = related._base_manager.filter(**{rel.field.name: unit}).count()
        if n:
            found[related] = found.get(related, 0) + n
    return found


def orgunit_delete_blockers(*, unit: OrgUnit) -> list[str]:
    """Why ``unit`` cannot be deleted, in words (empty when it can)."""
    reasons: list[str] = []
    for model, n in orgunit_dependents(unit=unit).items():
        if model is OrgUnit:
            reasons.append(
                _("it still has %(n)d subordinate organisations; move or delete them first")
                % {"n": n}
            )
        else:
            reasons.append(
                _("%(n)d %(kind)s still belong to it") % {"n": n, "kind": model._meta.verbose_name}
            )
    return reasons
