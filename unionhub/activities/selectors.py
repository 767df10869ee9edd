"""Reads of the module: always from ``visible_to(user)``."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, Sum

from unionhub.activities.models import Activity, Performer, Programme, SeasonPlan, Show, SignIn


def activity_list(*, user: Any):
    return Activity.objects.visible_to(user).select_related("organiser")


def signins_of(*, activity: Activity):
    """Who came, newest first (the host's live list; no user: the host link is the key)."""
    return (
        SignIn.objects.filter(activity=activity)
        .select_related("member")
        .order_by("-signed_at", "-pk")
    )


@dataclass(frozen=True)
class PlanProgress:
    """A season plan against what was done: shows held, programmes and performers."""

    plan: SeasonPlan
    shows_done: int
    specials_done: int
    programmes: int
    performers: int
    audience: int

    @property
    def percent(self) -> int:
        if not self.plan.shows_planned:
            return 0
        return min(100, round(100 * self.shows_done / self.plan.shows_planned))

    @property
    def shows_left(self) -> int:
        return max(0, self.plan.shows_planned - self.shows_done)


def plan_progress(*, user: Any, year: int | None = None) -> list[PlanProgress]:
    """Every visible season plan (of ``year`` if given) with the shows held under it —
    the shows of the same organiser and year, whether or not they name the plan. Four
    queries whatever the number of plans."""
    plans = (
        SeasonPlan.objects.visible_to(user)
        .select_related("organiser")
        .order_by("-year", "organiser__path")
    )
    if year:
        plans = plans.filter(year=year)
    plans = list(plans)
    if not plans:
        return []
    keys = {(p.organiser_id, p.year) for p in plans}
    organisers = {k[0] for k in keys}
    years = {k[1] for k in keys}
    shows = (
        Show.objects.visible_to(user)
        .filter(organiser_id__in=organisers, held_on__year__in=years)
        .values("organiser_id", "held_on__year")
        .annotate(
            n=Count("pk"),
            specials=Count("pk", filter=Q(is_special=True)),
            audience=Sum("audience"),
        )
    )
    show_rows = {(r["organiser_id"], r["held_on__year"]): r for r in shows}
    programmes = (
        Programme.objects.visible_to(user)
        .filter(show__organiser_id__in=organisers, show__held_on__year__in=years)
        .values("show__organiser_id", "show__held_on__year")
        .annotate(n=Count("pk"))
    )
    programme_rows = {
        (r["show__organiser_id"], r["show__held_on__year"]): r["n"] for r in programmes
    }
    performers = (
        Performer.objects.visible_to(user)
        .filter(
            programme__show__organiser_id__in=organisers,
            programme__show__held_on__year__in=years,
        )
        .values("programme__show__organiser_id", "programme__show__held_on__year")
        .annotate(n=Count("pk"))
    )
    performer_rows = {
        (r["programme__show__organiser_id"], r["programme__show__held_on__year"]): r["n"]
        for r in performers
    }
    result = []
    for plan in plans:
        key = (plan.organiser_id, plan.year)
        row = show_rows.get(key, {})
        result.append(
            PlanProgress(
                plan=plan,
                shows_done=row.get("n", 0),
                specials_done=row.get("specials", 0),
                programmes=programme_rows.get(key, 0),
                performers=performer_rows.get(key, 0),
                audience=row.get("audience") or 0,
            )
        )
    return result


def person_times_by_kind(*, user: Any, year: int):
    """Activities and person-times per type in ``year`` (the statistics page)."""
    return (
        Activity.objects.visible_to(user)
        .filter(held_on__year=year)
        .values("kind")
        .annotate(activities=Count("pk"), person_times=Sum("person_times"))
        .order_by("kind")
    )


# --- person-times by town and type (#17 "per county and town, per type") -------------------


@dataclass(frozen=True)
class TownCell:
    """One town × type cell: activities, person-times and distinct named participants, with
    the query strings of the lists that reproduce them."""

    activities: int
    person_times: int
    participants: int
    list_query: str
    participants_list: str  # the URL name of the list of the people
    participants_query: str


@dataclass(frozen=True)
class TownRow:
    region: Any  # the town / street (or the county or city for their own unions)
    county: Any
    own_level: bool  # the row is a county's or the city's own unions (not a town)
    cells: dict
    person_times: int
    activities: int


def _row_region(region, by_code: dict):
    """The row an organiser's region falls in: its town or street (a village's union counts
    in its town), or the region itself above town level (a county's own unions)."""
    from unionhub.org.choices import RegionLevel

    if region.level in (RegionLevel.CITY, RegionLevel.COUNTY):
        return region, True
    for code in region.path.strip("/").split("/"):
        ancestor = by_code.get(code)
        if ancestor is not None and ancestor.level == RegionLevel.TOWN:
            return ancestor, False
    return region, True


def _county_of(region, by_code: dict):
    from unionhub.org.choices import RegionLevel

    for code in region.path.strip("/").split("/"):
        ancestor = by_code.get(code)
        if ancestor is not None and ancestor.level == RegionLevel.COUNTY:
            return ancestor
    return region


def person_times_by_town(*, user: Any, year: int) -> dict:
    """The visible activities of ``year`` by town or street (rows) and type (columns):
    activities, person-times (the activities' sum) and distinct participants — the people
    who signed in by name, each phone once per cell (a walk-in without a phone is one
    person), and for visits the people visited (a registry person or member once per cell).
    Head counts at the door are person-times but cannot be told apart, so they are not
    distinct participants. Five queries whatever the number of towns and activities."""
    from urllib.parse import urlencode

    from django.db.models import Case, IntegerField, Value, When

    from unionhub.activities.choices import ActivityKind
    from unionhub.activities.models import VisitTarget
    from unionhub.org.models import Region

    held = {"held_on__year": year}
    base = Activity.objects.visible_to(user).filter(**held)
    per_region = list(
        base.values("organiser__region_id", "kind").annotate(n=Count("pk"), pt=Sum("person_times"))
    )
    region_ids = {r["organiser__region_id"] for r in per_region}
    regions = {r.pk: r for r in Region.objects.filter(pk__in=region_ids)}
    codes = {c for r in regions.values() for c in r.path.strip("/").split("/")}
    by_code = {r.code: r for r in Region.objects.filter(code__in=codes)}
    row_of: dict[int, Any] = {}
    own: dict[int, bool] = {}
    for pk, region in regions.items():
        row, is_own = _row_region(region, by_code)
        row_of[pk] = row
        own[row.pk] = is_own
    rows_by_pk = {r.pk: r for r in row_of.values()}

    def row_case(prefix: str):
        whens = [
            When(
                **{
                    f"{prefix}organiser__region_id__in": [
                        k for k, v in row_of.items() if v.pk == rp
                    ]
                },
                then=Value(rp),
            )
            for rp in rows_by_pk
        ]
        return Case(*whens, default=Value(0), output_field=IntegerField())

    participants: dict[tuple[int, str], int] = {}
    if rows_by_pk:
        signins = (
            SignIn.objects.visible_to(user)
            .filter(activity__held_on__year=year)
            .exclude(activity__kind=ActivityKind.VISIT)
            .annotate(
                row=row_case("activity__"),
                person=signin_person_key(),
            )
            .values("row", "activity__kind")
            .annotate(n=Count("person", distinct=True))
        )
        for r in signins:
            participants[(r["row"], r["activity__kind"])] = r["n"]
        targets = (
            VisitTarget.objects.visible_to(user)
            .filter(activity__held_on__year=year, activity__kind=ActivityKind.VISIT)
            .annotate(row=row_case("activity__"), person=visit_person_key())
            .values("row")
            .annotate(n=Count("person", distinct=True))
        )
        for r in targets:
            participants[(r["row"], ActivityKind.VISIT.value)] = r["n"]

    kinds = [k for k in ActivityKind.values]
    dates = {"held_from": f"{year}-01-01", "held_to": f"{year}-12-31"}
    sums: dict[tuple[int, str], list[int]] = {}
    for r in per_region:
        key = (row_of[r["organiser__region_id"]].pk, r["kind"])
        cell = sums.setdefault(key, [0, 0])
        cell[0] += r["n"]
        cell[1] += r["pt"] or 0
    rows = []
    for rp, region in rows_by_pk.items():
        place = {"organiser_region": region.code} if own[rp] else {"region": region.code}
        cells = {}
        for kind in kinds:
            n, pt = sums.get((rp, kind), (0, 0))
            if not n:
                continue
            query = urlencode({"kind": kind, **place, **dates})
            cells[kind] = TownCell(
                activities=n,
                person_times=pt,
                participants=participants.get((rp, kind), 0),
                list_query=query,
                participants_list=(
                    "activities:visittarget_list"
                    if kind == ActivityKind.VISIT
                    else "activities:signin_list"
                ),
                participants_query=query + "&distinct_person=true",
            )
        rows.append(
            TownRow(
                region=region,
                county=_county_of(region, by_code),
                own_level=own[rp],
                cells=cells,
                person_times=sum(c.person_times for c in cells.values()),
                activities=sum(c.activities for c in cells.values()),
            )
        )
    rows.sort(key=lambda r: (r.county.path, not r.own_level, r.region.path))
    used = [k for k in kinds if any(k in r.cells for r in rows)]
    totals = {k: sum(r.cells[k].person_times for r in rows if k in r.cells) for k in used}
    return {"rows": rows, "kinds": used, "totals": totals}


def visit_person_key():
    """Who a visit target is, for counting people once: the registry person, else the
    member, else the target itself (an unregistered person cannot be matched by name)."""
    from django.db.models import Case, CharField, F, Value, When
    from django.db.models.functions import Cast, Concat

    return Case(
        When(
            model_worker__isnull=False,
            then=Concat(Value("p"), Cast(F("model_worker_id"), CharField())),
        ),
        When(member__isnull=False, then=Concat(Value("m"), Cast(F("member_id"), CharField()))),
        default=Concat(Value("t"), Cast("pk", CharField())),
        output_field=CharField(),
    )


def signin_person_key():
    """Who signed in, for counting people once: the phone (hash); a walk-in added without a
    phone is a person of their own."""
    from django.db.models import Case, CharField, F, Value, When
    from django.db.models.functions import Cast, Concat

    return Case(
        When(phone_hash="", then=Concat(Value("w"), Cast("pk", CharField()))),
        default=F("phone_hash"),
        output_field=CharField(),
    )
