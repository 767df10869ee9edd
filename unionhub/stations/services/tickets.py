"""24-hour service tickets: raising, acknowledging, resolving and SLA escalation."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from unionhub.stations import choices
from unionhub.stations.models import Device, Station, Ticket, TicketEvent
from unionhub.stations.selectors import escalation_target, sla_for
from unionhub.stations.services._common import (
    check_visible,
    full_clean_save,
    invalid,
    user_or_none,
)

if TYPE_CHECKING:
    from unionhub.accounts.models import User


def _actor_name(actor: User | None) -> str:
    return str(actor) if getattr(actor, "pk", None) else ""


@transaction.atomic
def ticket_raise(
    *,
    actor: User | None,
    station: Station,
    category: str,
    source: str = choices.TicketSource.STAFF,
    title: str,
    description: str = "",
    device: Device | None = None,
    visitor: str = "",
    submitted_by: User | None = None,
    now: dt.datetime | None = None,
) -> Ticket:
    """Open a ticket with its SLA deadlines. ``actor`` is None for a worker's help request on
    the public page, a device alarm or the system's offline check. ``submitted_by`` is the
    signed-in worker who asked for help there (their "我的" page follows the ticket)."""
    if category not in choices.TicketCategory.values:
        raise invalid("category", _("Choose a ticket category."), "invalid_category")
    now = now or timezone.now()
    ack, resolve = sla_for(category)
    ticket = Ticket(
        station=station,
        category=category,
        source=source,
        title=title[:150],
        description=description,
        raised_at=now,
        acknowledge_due=now + dt.timedelta(minutes=ack),
        resolve_due=now + dt.timedelta(minutes=resolve),
        device=device,
        visitor=visitor,
        submitted_by=user_or_none(submitted_by),
        created_by=user_or_none(actor),
    )
    full_clean_save(ticket)
    check_visible(ticket, actor)
    TicketEvent.objects.create(
        ticket=ticket,
        at=now,
        kind=choices.TicketEventKind.CREATED,
        note=f"{ticket.get_source_display()}：{title}"[:300],
        actor_name=_actor_name(actor),
    )
    return ticket


@transaction.atomic
def ticket_acknowledge(
    *, actor: User | None, ticket: Ticket, note: str = "", now: dt.datetime | None = None
) -> Ticket:
    check_visible(ticket, actor)
    now = now or timezone.now()
    if ticket.status != choices.TicketStatus.OPEN:
        raise invalid("status", _("This ticket has already been acknowledged."), "not_open")
    ticket.status = choices.TicketStatus.ACKNOWLEDGED
    ticket.acknowledged_at, ticket.acknowledged_by = now, user_or_none(actor)
    ticket.save(update_fields=["status", "acknowledged_at", "acknowledged_by", "updated_at"])
    TicketEvent.objects.create(
        ticket=ticket,
        at=now,
        kind=choices.TicketEventKind.ACKNOWLEDGED,
        note=note[:300],
        actor_name=_actor_name(actor),
    )
    return ticket


@transaction.atomic
def ticket_resolve(
    *, actor: User | None, ticket: Ticket, note: str = "", now: dt.datetime | None = None
) -> Ticket:
    check_visible(ticket, actor)
    now = now or timezone.now()
    if ticket.status == choices.TicketStatus.RESOLVED:
        raise invalid("status", _("This ticket has already been resolved."), "already_resolved")
    if ticket.acknowledged_at is None:
        ticket.acknowledged_at, ticket.acknowledged_by = now, user_or_none(actor)
    ticket.status, ticket.resolved_at = choices.TicketStatus.RESOLVED, now
    ticket.save()
    TicketEvent.objects.create(
        ticket=ticket,
        at=now,
        kind=choices.TicketEventKind.RESOLVED,
        note=note[:300],
        actor_name=_actor_name(actor),
    )
    return ticket


TICKET_ACTIONS = ("acknowledge", "resolve")


def ticket_act(*, actor: User | None, ticket: Ticket, do: str = "", note: str = "") -> Ticket:
    """The ticket page's action: ``do`` = ``resolve`` resolves, anything else acknowledges."""
    if do == "resolve":
        return ticket_resolve(actor=actor, ticket=ticket, note=note)
    return ticket_acknowledge(actor=actor, ticket=ticket, note=note)


def escalation_due(ticket: Ticket, now: dt.datetime) -> int:
    """The escalation level a ticket should have at ``now`` (pure):
    2 (county 劳动经济部) when the resolve deadline has passed, or when it is still
      unacknowledged after twice the acknowledge limit;
    1 (station safety officer) when the acknowledge deadline has passed unacknowledged;
    0 otherwise. Deadlines are inclusive: at exactly the deadline it is not yet breached."""
    if ticket.status == choices.TicketStatus.RESOLVED:
        return ticket.escalation
    level = 0
    unacked = ticket.acknowledged_at is None
    if unacked and now > ticket.acknowledge_due:
        level = 1
    if now > ticket.resolve_due or (
        unacked and now > ticket.raised_at + 2 * (ticket.acknowledge_due - ticket.raised_at)
    ):
        level = 2
    return max(level, ticket.escalation)


def _escalation_reason(ticket: Ticket, step: int, now: dt.datetime) -> str:
    if step == 1:
        return _("not acknowledged within the acknowledge limit")
    if now > ticket.resolve_due:
        return _("not resolved within the resolve limit")
    return _("not acknowledged within twice the acknowledge limit")


def tickets_escalate(*, actor: User | None, now: dt.datetime) -> list[Ticket]:
    """Escalate every unresolved ticket whose SLA is breached at ``now`` (a pure function
    of the data and ``now``; the system runs it every minute, ``actor=None``: every ticket;
    an actor escalates the tickets in their scope)."""
    changed = []
    tickets = Ticket.objects.all() if actor is None else Ticket.objects.visible_to(actor)
    qs = tickets.exclude(status=choices.TicketStatus.RESOLVED).select_related("station__region")
    for ticket in qs:
        level = escalation_due(ticket, now)
        if level <= ticket.escalation:
            continue
        with transaction.atomic():
            for step in range(ticket.escalation + 1, level + 1):
                target = escalation_target(ticket, step)
                note = _("%(reason)s; escalated to %(target)s") % {
                    "reason": _escalation_reason(ticket, step, now),
                    "target": target,
                }
                TicketEvent.objects.create(
                    ticket=ticket,
                    at=now,
                    kind=choices.TicketEventKind.ESCALATED,
                    note=note[:300],
                    actor_name=_actor_name(actor) or pgettext("ticket actor", "System"),
                )
                ticket.escalated_to = target[:150]
            ticket.escalation = level
            ticket.save(update_fields=["escalation", "escalated_to", "updated_at"])
        changed.append(ticket)
    return changed


def tickets_escalate_due() -> str:
    """The scheduled job (``jobs.py``): the system escalates every overdue ticket now."""
    changed = tickets_escalate(actor=None, now=timezone.now())
    return _("%(n)s tickets escalated") % {"n": len(changed)}
