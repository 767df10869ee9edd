"""Grids, their workers and the enterprises in them."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from unionhub.core.services import model_update
from unionhub.governance.choices import GridKind
from unionhub.governance.models import (
    GRID_FIELDS,
    Grid,
    GridMembership,
    GridWorker,
)
from unionhub.governance.services._common import check_visible, creator, invalid

#: a grid hangs below a town/street or a village/community (the grid tree's third level)
GRID_REGION_LEVELS = ("town", "village")


def _check_grid(grid: Grid, actor: Any) -> None:
    if grid.region_id and grid.region.level not in GRID_REGION_LEVELS:
        raise invalid(
            "region",
            _("A grid lies in a town, street, village or community, not in %(region)s.")
            % {"region": grid.region},
            "region_level",
        )


@transaction.atomic
def grid_create(*, actor: Any, **data: Any) -> Grid:
    grid = Grid(**{k: v for k, v in data.items() if k in GRID_FIELDS}, created_by=creator(actor))
    grid.full_clean()
    _check_grid(grid, actor)
    grid.save()
    check_visible(grid, actor, "region")  # after the save: the transaction undoes it
    return grid


@transaction.atomic
def grid_update(*, actor: Any, grid: Grid, **data: Any) -> Grid:
    check_visible(grid, actor)
    if (
        data.get("kind") == GridKind.ENTERPRISE
        and grid.kind != GridKind.ENTERPRISE
        and grid.memberships.count() > 1
    ):
        raise invalid(
            "kind",
            _("This grid holds several enterprises; an enterprise-exclusive grid holds one."),
            "exclusive_taken",
        )
    grid, _changed = model_update(instance=grid, fields=GRID_FIELDS, data=data)
    _check_grid(grid, actor)  # after the save: the transaction undoes a refused change
    check_visible(grid, actor, "region")
    return grid


@transaction.atomic
def grid_delete(*, actor: Any, grid: Grid) -> None:
    check_visible(grid, actor)
    if grid.memberships.exists():
        raise invalid(
            None,
            _("Move the enterprises of this grid to another grid before deleting it."),
            "grid_in_use",
        )
    grid.delete()


# --- grid workers --------------------------------------------------------------------------


def _worker_values(worker: GridWorker, data: dict[str, Any], actor: Any) -> None:
    if "grid" in data:
        check_visible(data["grid"], actor, "grid")
        worker.grid = data["grid"]
    for key in ("name", "role", "user"):
        if key in data:
            setattr(worker, key, data[key])
    if "phone" in data:
        try:
            worker.phone = data["phone"] or ""
        except Exception as exc:  # the validator's own Chinese message
            raise invalid("phone", _("The mobile phone number is not valid."), "phone") from exc


@transaction.atomic
def gridworker_create(*, actor: Any, **data: Any) -> GridWorker:
    worker = GridWorker(created_by=creator(actor))
    _worker_values(worker, data, actor)
    worker.full_clean()
    worker.save()
    check_visible(worker, actor, "grid")
    return worker


@transaction.atomic
def gridworker_update(*, actor: Any, gridworker: GridWorker, **data: Any) -> GridWorker:
    check_visible(gridworker, actor)
    _worker_values(gridworker, data, actor)
    gridworker.full_clean()
    gridworker.save()
    check_visible(gridworker, actor, "grid")
    return gridworker


@transaction.atomic
def gridworker_delete(*, actor: Any, gridworker: GridWorker) -> None:
    check_visible(gridworker, actor)
    gridworker.delete()


# --- enterprises in grids ------------------------------------------------------------------


def _check_membership(m: GridMembership, actor: Any) -> None:
    check_visible(m.enterprise, actor, "enterprise")
    check_visible(m.grid, actor, "grid")
    grid_path, ent_path = m.grid.region.path, m.enterprise.region.path
    if not (grid_path.startswith(ent_path) or ent_path.startswith(grid_path)):
        raise invalid(
            "grid",
            _("Grid %(grid)s lies in %(grid_region)s, but %(enterprise)s is in %(region)s.")
            % {
                "grid": m.grid,
                "grid_region": m.grid.region,
                "enterprise": m.enterprise,
                "region": m.enterprise.region,
            },
            "grid_region",
        )
    other = GridMembership.objects.filter(enterprise=m.enterprise).exclude(pk=m.pk).first()
    if other is not None:
        raise invalid(
            "enterprise",
            _("%(enterprise)s is already in grid %(grid)s; an enterprise is in one grid only.")
            % {"enterprise": m.enterprise, "grid": other.grid},
            "already_in_grid",
        )
    if m.grid.kind == GridKind.ENTERPRISE:
        holder = m.grid.memberships.exclude(pk=m.pk).select_related("enterprise").first()
        if holder is not None:
            raise invalid(
                "grid",
                _("%(grid)s is the exclusive grid of %(enterprise)s.")
                % {"grid": m.grid, "enterprise": holder.enterprise},
                "exclusive_taken",
            )


@transaction.atomic
def membership_create(
    *, actor: Any, grid: Grid, enterprise: Any, assigned_on: dt.date | None = None
) -> GridMembership:
    m = GridMembership(
        grid=grid,
        enterprise=enterprise,
        assigned_on=assigned_on or timezone.localdate(),
        created_by=creator(actor),
    )
    _check_membership(m, actor)
    m.full_clean(validate_unique=False)
    m.save()
    check_visible(m, actor, "enterprise")
    return m


@transaction.atomic
def membership_update(*, actor: Any, gridmembership: GridMembership, **data: Any) -> GridMembership:
    m = gridmembership
    check_visible(m, actor)
    for key in ("grid", "enterprise", "assigned_on"):
        if data.get(key) is not None:
            setattr(m, key, data[key])
    _check_membership(m, actor)
    m.full_clean(validate_unique=False)
    m.save()
    check_visible(m, actor, "enterprise")
    return m


@transaction.atomic
def membership_delete(*, actor: Any, gridmembership: GridMembership) -> None:
    check_visible(gridmembership, actor)
    gridmembership.delete()
