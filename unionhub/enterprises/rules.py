"""Derived facts of an enterprise: union status (domain.md §2.1) and the campaign target
rules (contract.md reason codes). Pure functions, table-tested with boundaries."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from unionhub.enterprises import dates
from unionhub.enterprises.choices import (
    PUBLIC_OWNERSHIP,
    OperatingStatus,
    TargetReason,
    UnionStatus,
)

#: 工会法 art. 11 "二十五人以上" includes 25 (Civil Code art. 1259).
ESTABLISH_THRESHOLD = 25


def must_establish_q():
    """The one definition of "应建会企业" used by the coverage KPI, the overview cards and
    the list filter ``must_establish``: operating enterprises with 25 or more employees."""
    from django.db.models import Q

    return Q(employees__gte=ESTABLISH_THRESHOLD, operating_status=OperatingStatus.OPERATING)


def covered_by_union_on(day: dt.date):
    """Enterprises covered on ``day`` by a union founded on or before it (the statutory
    statistics' table 4 and the list filter ``union_founded_before`` its cells link to)."""
    from django.db.models import Exists, OuterRef

    from unionhub.enterprises.models import EnterpriseUnion

    return Exists(EnterpriseUnion.objects.filter(enterprises=OuterRef("pk"), founded_on__lte=day))


#: "operating for one full year": the anniversary day counts.
OPERATING_YEARS = 1


def union_status(
    *, operating_status: str, union_term_ends: Iterable[dt.date], today: dt.date
) -> str:
    """``not_built`` without a covering union; ``dormant`` when a union exists but the
    enterprise is suspended or closed; ``term_overdue`` when every covering union's term
    ended before today; else ``built``."""
    ends = list(union_term_ends)
    if not ends:
        return UnionStatus.NOT_BUILT
    if operating_status != OperatingStatus.OPERATING:
        return UnionStatus.DORMANT
    if max(ends) < today:
        return UnionStatus.TERM_OVERDUE
    return UnionStatus.BUILT


def target_reasons(
    *,
    status: str,
    operating_status: str,
    founded_on: dt.date | None,
    has_party_org: bool,
    ownership: str,
    employees: int,
    is_high_profile: bool,
    today: dt.date,
) -> list[str]:
    """The campaign rules that make an operating enterprise without a union a target."""
    if status != UnionStatus.NOT_BUILT or operating_status != OperatingStatus.OPERATING:
        return []
    reasons = []
    if founded_on and dates.full_years_reached(founded_on, OPERATING_YEARS, today):
        reasons.append(TargetReason.OPERATING_1Y.value)
    if has_party_org:
        reasons.append(TargetReason.PARTY_ORG.value)
    if ownership not in PUBLIC_OWNERSHIP and employees >= ESTABLISH_THRESHOLD:
        reasons.append(TargetReason.NONPUBLIC_25.value)
    if is_high_profile:
        reasons.append(TargetReason.HIGH_PROFILE.value)
    return reasons
