"""To-do items of the stations module: open service tickets against their SLA (acknowledge,
then resolve), and active devices that stopped sending heartbeats."""

from __future__ import annotations

import datetime as dt

from django.db.models import Case, F, When
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from unionhub.core.todo.registry import Item, TodoProvider
from unionhub.stations.choices import TicketStatus
from unionhub.stations.models import Device, Ticket
from unionhub.stations.services import DEVICE_SILENCE_MINUTES


def _hm(moment: dt.datetime) -> str:
    return timezone.localtime(moment).strftime("%m-%d %H:%M")


def _tickets(user):
    # The clock that runs: acknowledge by, until acknowledged; then resolve by.
    return (
        Ticket.objects.visible_to(user)
        .exclude(status=TicketStatus.RESOLVED)
        .annotate(
            todo_due=Case(
                When(status=TicketStatus.OPEN, then=F("acknowledge_due")),
                default=F("resolve_due"),
            )
        )
        .select_related("station")
        .order_by("todo_due", "pk")
    )


def _ticket_item(t: Ticket) -> Item:
    if t.status == TicketStatus.OPEN:
        sla = _("SLA: acknowledge by %(ack)s, resolve by %(resolve)s") % {
            "ack": _hm(t.acknowledge_due),
            "resolve": _hm(t.resolve_due),
        }
    else:
        sla = _("SLA: acknowledged, resolve by %(resolve)s") % {"resolve": _hm(t.resolve_due)}
    return Item(
        title=f"{t.station.name} · {t.title}",
        due=t.todo_due,
        url=reverse("stations:ticket", args=[t.pk]),
        detail=f"{t.get_category_display()} · {sla}",
        escalation=t.escalation,
    )


def _offline_devices(user):
    limit = timezone.now() - dt.timedelta(minutes=DEVICE_SILENCE_MINUTES)
    return (
        Device.objects.visible_to(user)
        .filter(is_active=True)
        .annotate(silent_since=Coalesce("last_seen_at", "created_at"))
        .filter(silent_since__lte=limit)
        .select_related("station")
        .order_by("silent_since", "pk")
    )


def _device_item(d: Device) -> Item:
    seen = _hm(d.last_seen_at) if d.last_seen_at else _("never")
    return Item(
        title=f"{d.station.name} · {d.name}",
        # Offline from the moment the silence passed the limit: overdue at once.
        due=d.silent_since + dt.timedelta(minutes=DEVICE_SILENCE_MINUTES),
        url=reverse("stations:device", args=[d.pk]),
        detail=_("last heartbeat: %(seen)s") % {"seen": seen},
    )


PROVIDERS = [
    TodoProvider(
        kind="stations.ticket_open",
        title=gettext_lazy("Open service tickets"),
        permission="stations.change_ticket",
        queryset=_tickets,
        item=_ticket_item,
        list_url="stations:ticket_list",
    ),
    TodoProvider(
        kind="stations.device_offline",
        title=gettext_lazy("Devices offline"),
        permission="stations.change_device",
        queryset=_offline_devices,
        item=_device_item,
        list_url="stations:device_list",
    ),
]
