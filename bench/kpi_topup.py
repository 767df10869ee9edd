"""Records for the KPI bench in the modules ``generate_scale`` has no provider for yet
(``bench_kpis.py``): bargaining contracts in force (enterprise contracts, and industry
contracts listing other enterprises) and enterprise-exclusive grids with their memberships,
spread over the generated enterprises, so that the enterprise aggregate's most expensive
conditions (coverage by a contract: two ``EXISTS``; grid coverage: a join) meet a city's
worth of rows. Deterministic; written in one transaction by ``top_up`` and deleted again by
``remove`` at the end of the bench (so ``generate_scale --reset`` still finds the
enterprises free). Everything carries ``created_by`` = ``gs_generator`` and a ``GS-KPI``
code or title."""

# Deterministic test data (seeded PRNG, not secrets).
# ruff: noqa: S311

from __future__ import annotations

import datetime as dt
import random

from django.db import connection, transaction
from django.utils import timezone

MARK = "GS-KPI"
#: shares of the generated enterprises
CONTRACT_SHARE = 0.08
INDUSTRY_EVERY = 2_000  # one industry contract per this many enterprises, listing 40 others
GRID_SHARE = 0.25
TABLES = [
    "bargaining_bargainingcase",
    "bargaining_bargainingcase_covered_enterprises",
    "governance_grid",
    "governance_gridmembership",
]


def _models():
    from django.apps import apps

    return (
        apps.get_model("bargaining", "BargainingCase"),
        apps.get_model("governance", "Grid"),
        apps.get_model("governance", "GridMembership"),
        apps.get_model("enterprises", "Enterprise"),
        apps.get_model("org", "OrgUnit"),
    )


def top_up(seed: int = 20260102) -> dict[str, int]:
    """Write the records (nothing when they are there already); ``{what: rows}``."""
    from unionhub.core.scale import GENERATOR_USERNAME

    Case, Grid, Membership, Enterprise, OrgUnit = _models()
    if Case.objects.filter(title__startswith=MARK).exists():
        return {}
    from django.contrib.auth import get_user_model

    gen = get_user_model().objects.filter(username=GENERATOR_USERNAME).first()
    rnd = random.Random(seed)
    today = timezone.localdate()
    enterprises = list(
        Enterprise.objects.filter(created_by=gen).order_by("pk").values_list("pk", "region_id")
    )
    unions = dict(
        OrgUnit.objects.filter(region_id__in={r for _, r in enterprises})
        .order_by("region_id", "path")
        .values_list("region_id", "pk")
    )
    out = {"contracts": 0, "industry": 0, "grids": 0}
    with transaction.atomic():
        cases, listed = [], []
        for i, (pk, region_id) in enumerate(enterprises):
            if region_id not in unions:
                continue
            if rnd.random() < CONTRACT_SHARE:
                effective = today - dt.timedelta(days=rnd.randrange(30, 900))
                cases.append(
                    Case(
                        title=f"{MARK} 集体合同 {pk}",
                        tier="enterprise",
                        union_id=unions[region_id],
                        region_id=region_id,
                        enterprise_id=pk,
                        outcome_type=rnd.choice(["collective_contract", "special_contract"]),
                        status=rnd.choice(["filed"] * 4 + ["signed"]),
                        effective_on=effective,
                        # some expire within 90 days, some have already expired
                        expires_on=effective + dt.timedelta(days=rnd.randrange(200, 1200)),
                        created_by=gen,
                    )
                )
            if i % INDUSTRY_EVERY == 0:
                industry = Case(
                    title=f"{MARK} 行业集体合同 {pk}",
                    tier="industry",
                    union_id=unions[region_id],
                    region_id=region_id,
                    outcome_type="collective_contract",
                    status="filed",
                    effective_on=today - dt.timedelta(days=100),
                    expires_on=today + dt.timedelta(days=900),
                    created_by=gen,
                )
                cases.append(industry)
                listed.append((industry, [e for e, _ in rnd.sample(enterprises, 40)]))
        Case.objects.bulk_create(cases, batch_size=2_000)
        through = Case.covered_enterprises.through
        through.objects.bulk_create(
            [through(bargainingcase_id=c.pk, enterprise_id=e) for c, ids in listed for e in ids],
            batch_size=2_000,
        )
        out["contracts"] = len(cases) - len(listed)
        out["industry"] = len(listed)
        in_grid = set(Membership.objects.values_list("enterprise_id", flat=True))
        chosen = [
            (pk, r) for pk, r in enterprises if rnd.random() < GRID_SHARE and pk not in in_grid
        ]
        grids = Grid.objects.bulk_create(
            [
                Grid(
                    code=f"{MARK}-{pk}",
                    name=f"企业专属网格 {pk}",
                    kind="enterprise",
                    region_id=region_id,
                    created_by=gen,
                )
                for pk, region_id in chosen
            ],
            batch_size=2_000,
        )
        Membership.objects.bulk_create(
            [
                Membership(grid_id=g.pk, enterprise_id=pk, assigned_on=today, created_by=gen)
                for g, (pk, _) in zip(grids, chosen, strict=True)
            ],
            batch_size=2_000,
        )
        out["grids"] = len(grids)
    if connection.vendor == "postgresql":
        with connection.cursor() as cur:
            for table in TABLES:
                cur.execute(f"ANALYZE {connection.ops.quote_name(table)}")
    return out


def remove() -> None:
    """Delete what ``top_up`` wrote."""
    Case, Grid, Membership, _Enterprise, _OrgUnit = _models()
    with transaction.atomic():
        cases = Case.objects.filter(title__startswith=MARK)
        Case.covered_enterprises.through.objects.filter(bargainingcase__in=cases).delete()
        cases._raw_delete(cases.db)
        memberships = Membership.objects.filter(grid__code__startswith=MARK)
        memberships._raw_delete(memberships.db)
        grids = Grid.objects.filter(code__startswith=MARK)
        grids._raw_delete(grids.db)
