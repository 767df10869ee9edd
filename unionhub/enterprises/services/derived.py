"""The derived columns of an enterprise (size class, union status, target reasons): kept
here and nowhere else, recomputed on every write and nightly."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.db import models
from django.utils import timezone

from unionhub.core.importing import fast_bulk_update
from unionhub.core.validators.industry import industry_section
from unionhub.enterprises import rules, sme
from unionhub.enterprises.fields import ENTERPRISE_DERIVED_FIELDS
from unionhub.enterprises.models import Enterprise, EnterpriseUnion

if TYPE_CHECKING:
    from unionhub.accounts.models import User

DERIVED_FIELDS = ("industry_section", *ENTERPRISE_DERIVED_FIELDS)


def derive(ent: Enterprise, *, table: sme.Table | None, term_ends: list[dt.date], today: dt.date):
    """Set the derived columns of ``ent`` in memory (no write: a pure computation)."""
    ent.industry_section = industry_section(ent.industry_code)
    ent.size_class = sme.classify_enterprise(ent, table)
    ent.union_status = rules.union_status(
        operating_status=ent.operating_status, union_term_ends=term_ends, today=today
    )
    ent.target_reasons = ",".join(
        rules.target_reasons(
            status=ent.union_status,
            operating_status=ent.operating_status,
            founded_on=ent.founded_on,
            has_party_org=ent.has_party_org,
            ownership=ent.ownership,
            employees=ent.employees,
            is_high_profile=ent.is_high_profile,
            today=today,
        )
    )


def term_ends(ent_ids: Iterable[int]) -> dict[int, list[dt.date]]:
    """The last day each covering union may serve (its term end, or its approved delay)."""
    result: dict[int, list[dt.date]] = {}
    through = EnterpriseUnion.enterprises.through
    for ent_id, end, delay in through.objects.filter(enterprise_id__in=list(ent_ids)).values_list(
        "enterprise_id", "enterpriseunion__term_end", "enterpriseunion__delay_until"
    ):
        result.setdefault(ent_id, []).append(max(end, delay or end))
    return result


_term_ends = term_ends  # the name the enterprise importer uses


def enterprises_refresh(
    *,
    actor: User | None,
    queryset: models.QuerySet[Enterprise] | None = None,
    today: dt.date | None = None,
    batch_size: int = 2000,
) -> int:
    """Recompute the derived columns of many enterprises (nightly, and after union changes);
    returns how many rows changed. A person refreshes only enterprises in their scope; the
    services refresh what a union change touched as the system (``actor=None``), since a
    joint union may cover enterprises beyond the editor's town."""
    today = today or timezone.localdate()
    table = sme.table_for(today)
    qs = queryset if queryset is not None else Enterprise.objects.all()
    if actor is not None:
        qs = qs.visible_to(actor)
    qs = qs.order_by("pk")
    changed = 0
    last_pk = 0
    while True:
        batch = list(qs.filter(pk__gt=last_pk)[:batch_size])
        if not batch:
            break
        last_pk = batch[-1].pk
        ends = term_ends(e.pk for e in batch)
        dirty = []
        for ent in batch:
            before = tuple(getattr(ent, f) for f in DERIVED_FIELDS)
            derive(ent, table=table, term_ends=ends.get(ent.pk, []), today=today)
            if tuple(getattr(ent, f) for f in DERIVED_FIELDS) != before:
                dirty.append(ent)
        if dirty:
            fast_bulk_update(Enterprise, dirty, list(DERIVED_FIELDS))
            changed += len(dirty)
    return changed
