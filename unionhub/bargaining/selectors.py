"""Reads of collective bargaining: always from ``visible_to(user)``. Also the countdowns
and the case timeline the pages show (the dates themselves come from the deadline
service, stored by the services)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from unionhub.bargaining.choices import CaseStatus, OfferStatus
from unionhub.bargaining.models import BargainingCase, BargainingOffer, Representative, in_force_q
from unionhub.core.calendar.deadlines import deadline_for


@dataclass(frozen=True)
class Countdown:
    days: int  # days left (0 = today is the last day, negative = overdue)
    text: str
    css: str

    def badge(self) -> str:
        return format_html(
            '<span class="badge {}" data-testid="countdown">{}</span>', self.css, self.text
        )


def countdown(due: dt.date | None, today: dt.date | None = None) -> Countdown | None:
    """How far away ``due`` is, as the boards show it (a display, not a legal date)."""
    if due is None:
        return None
    today = today or timezone.localdate()
    days = (due - today).days
    if days < 0:
        text = ngettext("%(n)d day overdue", "%(n)d days overdue", -days) % {"n": -days}
        return Countdown(days, text, "bg-red text-white")
    if days == 0:
        return Countdown(0, _("last day today"), "bg-orange text-white")
    text = ngettext("%(n)d day left", "%(n)d days left", days) % {"n": days}
    return Countdown(days, text, "bg-yellow-lt" if days <= 5 else "bg-blue-lt")


@dataclass(frozen=True)
class Step:
    """One legal date on a case's timeline."""

    kind: str  # the deadline service's kind code ("" for the expiry)
    label: str
    event: dt.date | None  # the event date the kind counts from
    due: dt.date | None
    done_on: dt.date | None
    countdown: Countdown | None
    rolled_from: dt.date | None
    warnings: list[str]


def case_timeline(case: BargainingCase, today: dt.date | None = None) -> list[Step]:
    """The legal dates of a case in order, with what was done and the countdowns of what
    is pending. Rolled-from and warnings are read back from the deadline service."""
    today = today or timezone.localdate()

    def step(kind, label, event, due, done_on, pending=True):
        info = deadline_for(kind, event) if kind and event else None
        return Step(
            kind=kind,
            label=label,
            event=event,
            due=due,
            done_on=done_on,
            countdown=countdown(due, today) if pending and due and not done_on else None,
            rolled_from=info.rolled_from if info else None,
            warnings=info.warnings if info else [],
        )

    steps = []
    if case.requested_on:
        steps.append(
            step(
                "bargaining_response",
                _("Written response to the request"),
                case.requested_on,
                case.response_due,
                None,
                pending=case.status == CaseStatus.PREPARING,
            )
        )
    if case.signed_on and case.is_contract:
        steps.append(
            step(
                "contract_filing",
                _("File with the labour administration"),
                case.signed_on,
                case.filing_due,
                case.filed_on,
            )
        )
    if case.received_on:
        steps.append(
            step(
                "labour_admin_objection",
                _("Objection period of the labour administration ends"),
                case.received_on,
                case.objection_due,
                case.objection_on,
                pending=False,
            )
        )
        if not case.objection_on:
            steps.append(
                step(
                    "contract_effective",
                    _("Takes effect (no objection)"),
                    case.received_on,
                    case.effective_on,
                    None,
                    pending=False,
                )
            )
    if case.publication_due:
        steps.append(
            step(
                "publication",
                _("Publish to all workers"),
                case.effective_on,
                case.publication_due,
                case.published_on,
            )
        )
    if case.expires_on:
        steps.append(
            step(
                "renewal_window_opens",
                _("Renewal window opens"),
                case.expires_on,
                case.renewal_opens_on,
                None,
                pending=False,
            )
        )
        steps.append(
            Step(
                "",
                _("Contract expires"),
                case.term_start,
                case.expires_on,
                None,
                countdown(case.expires_on, today) if case.phase(today) == "in_force" else None,
                None,
                [],
            )
        )
    return steps


def case_list(*, user: Any):
    return BargainingCase.objects.visible_to(user).select_related("union", "enterprise", "region")


def cases_in_force(*, user: Any, on: dt.date | None = None):
    return case_list(user=user).filter(in_force_q(on or timezone.localdate()))


def representatives_of(case: BargainingCase):
    return case.representatives.select_related("replaced_by").order_by("side", "-is_chief", "pk")


def offer_board(*, user: Any, campaign: Any = None):
    qs = BargainingOffer.objects.visible_to(user).select_related(
        "enterprise", "campaign", "case", "escalated_to"
    )
    if campaign is not None:
        qs = qs.filter(campaign=campaign)
    return qs.order_by("response_due", "enterprise__name", "pk")


def offer_status_counts(*, user: Any, campaign: Any) -> dict[str, int]:
    rows = (
        BargainingOffer.objects.visible_to(user)
        .filter(campaign=campaign)
        .values("status")
        .annotate(n=Count("pk"))
    )
    counts = {s: 0 for s in OfferStatus.values}
    counts.update({r["status"]: r["n"] for r in rows})
    return counts


def vacant_seats(*, user: Any):
    return Representative.objects.visible_to(user).filter(
        Q(vacated_on__isnull=False) & Q(replaced_by__isnull=True)
    )


def sessions_of(case: BargainingCase):
    return case.sessions.select_related("chair").order_by("number")


def drafts_of(case: BargainingCase):
    return case.drafts.order_by("version")


@dataclass(frozen=True)
class DraftComparison:
    old: Any  # ContractDraft or None (the first version is compared with nothing)
    new: Any
    changes: list
    counts: dict


def draft_comparison(draft: Any, against: Any = None) -> DraftComparison:
    """``draft`` clause by clause against ``against`` (default: the version before it)."""
    from unionhub.bargaining import clauses

    old = against if against is not None else draft.previous()
    changes = clauses.compare(old.clauses() if old else [], draft.clauses())
    return DraftComparison(old, draft, changes, clauses.summary(changes))


def next_chair_side(case: BargainingCase) -> str | None:
    """The side whose chief chairs the next meeting (the other side from the last one);
    None before the first meeting (either chief may open)."""
    from unionhub.bargaining.choices import Side

    last = case.sessions.select_related("chair").order_by("-number").first()
    if last is None:
        return None
    return Side.EMPLOYER if last.chair.side == Side.WORKERS else Side.WORKERS


def next_chair_label(case: BargainingCase) -> str:
    from unionhub.bargaining.choices import Side

    side = next_chair_side(case)
    return str(Side(side).label) if side else ""


def procedure_limits(case: BargainingCase) -> list:
    """The time limits of the case's procedure, each with the rule row it comes from and,
    where the event has happened, its last day (from the deadline service)."""
    from unionhub.bargaining.choices import LimitStep
    from unionhub.bargaining.limits import limit_due

    events = {
        LimitStep.RESPONSE: case.requested_on,
        LimitStep.REFILL: None,
        LimitStep.FILING: case.signed_on if case.is_contract else None,
    }
    return [limit_due(step, case.procedure, events[step]) for step in LimitStep.values]


@dataclass(frozen=True)
class StandardChange:
    label: str
    old: Any  # Decimal, str (a rule) or None
    new: Any
    increase: Any  # Decimal or None
    percent: Any  # Decimal with one decimal place, or None


def year_on_year(case: BargainingCase) -> dict:
    """A renewed contract against the one it renews: each wage standard (same kind and item)
    old and new with the increase, and the clauses of the last drafts compared."""
    from decimal import ROUND_HALF_UP, Decimal

    from unionhub.bargaining import clauses

    old = case.predecessor
    if old is None:
        return {}

    def lines(c):
        return {(w.kind, w.item): w for w in c.wage_standards.order_by("kind", "item", "pk")}

    before, after = lines(old), lines(case)
    rows = []
    for key in sorted(set(before) | set(after)):
        a, b = before.get(key), after.get(key)
        w = b or a
        label = w.get_kind_display() + (f"（{w.item}）" if w.item else "")
        va = (a.amount if a.amount is not None else a.rule) if a else None
        vb = (b.amount if b.amount is not None else b.rule) if b else None
        increase = percent = None
        if isinstance(va, Decimal) and isinstance(vb, Decimal):
            increase = vb - va
            if va:
                percent = (increase * 100 / va).quantize(Decimal("0.1"), ROUND_HALF_UP)
        rows.append(StandardChange(label, va, vb, increase, percent))
    last_old = old.drafts.order_by("-version").first()
    last_new = case.drafts.order_by("-version").first()
    changes = clauses.compare(
        last_old.clauses() if last_old else [], last_new.clauses() if last_new else []
    )
    return {
        "old": old,
        "standards": rows,
        "drafts": (last_old, last_new),
        "changes": changes,
        "counts": clauses.summary(changes),
    }


@dataclass(frozen=True)
class CoverageCell:
    enterprises: int
    workers: int
    url: str


@dataclass(frozen=True)
class CoverageRow:
    label: str
    cells: list[CoverageCell]  # one per tier, then the row's total (each enterprise once)


def coverage_table(*, user: Any, on: dt.date | None = None) -> dict:
    """Enterprises and workers covered by a contract in force on ``on``, by the contract's
    key group (rows) and tier (columns), over the enterprises the user may see. An enterprise
    bound by several contracts counts once in a total; each cell links to the covered list
    that shows exactly the enterprises it counts. Two queries whatever the size."""
    from urllib.parse import urlencode

    from django.urls import reverse

    from unionhub.bargaining.choices import Tier
    from unionhub.bargaining.filtersets import NO_KEY_GROUP
    from unionhub.enterprises.models import Enterprise
    from unionhub.members.choices import KeyGroup

    on = on or timezone.localdate()
    visible = Enterprise.objects.visible_to(user).values("pk")
    in_force = BargainingCase.objects.filter(in_force_q(on))
    through = BargainingCase.covered_enterprises.through.objects
    bindings = [
        *in_force.filter(enterprise__in=visible).values_list(
            "enterprise_id", "tier", "key_group", "enterprise__employees"
        ),
        *through.filter(bargainingcase__in=in_force.values("pk"), enterprise__in=visible)
        .values_list(
            "enterprise_id",
            "bargainingcase__tier",
            "bargainingcase__key_group",
            "enterprise__employees",
        )
        .distinct(),
    ]
    employees = {pk: n or 0 for pk, _tier, _group, n in bindings}
    covered: dict[tuple[str, str], set[int]] = {}
    for pk, tier, group, _n in bindings:
        for key in ((group, tier), (group, ""), ("*", tier), ("*", "")):
            covered.setdefault(key, set()).add(pk)

    base = reverse("bargaining:covered")

    def cell(group: str, tier: str) -> CoverageCell:
        ids = covered.get((group, tier), set())
        query = {"covered_on": on.isoformat()}
        if tier:
            query["covered_tier"] = tier
        if group != "*":
            query["covered_key_group"] = group or NO_KEY_GROUP
        return CoverageCell(
            enterprises=len(ids),
            workers=sum(employees[pk] for pk in ids),
            url=f"{base}?{urlencode(query)}",
        )

    tiers = [*Tier.values, ""]
    groups = [(value, label) for value, label in KeyGroup.choices] + [("", _("no key group"))]
    return {
        "on": on,
        "tiers": [Tier(t).label for t in Tier.values],
        "rows": [
            CoverageRow(str(label), [cell(group, t) for t in tiers]) for group, label in groups
        ],
        "total": CoverageRow(_("All contracts"), [cell("*", t) for t in tiers]),
    }
